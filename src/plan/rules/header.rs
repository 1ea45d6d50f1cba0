//! Rules on the header and options: document kind, date, ký hiệu, numbers, layout.

use chrono::NaiveDate;

use crate::diag::{did_you_mean, Severity::Error};
use crate::plan::validate::{t, Ctx};
use crate::vn;

pub(crate) fn check(cx: &mut Ctx) {
    kind(cx);
    issue_date(cx);
    ky_hieu(cx);
    positive_numbers(cx);
    layout(cx);
}

/// `loai` must name a known document kind (spec §12.1).
fn kind(cx: &mut Ctx) {
    let loai = cx.loaded.plan.loai.clone();
    if vn::doc_kind(&loai).is_some() {
        return;
    }
    let slugs = vn::doc_kind_slugs();
    let hint = match did_you_mean(&loai, slugs.iter().copied()) {
        Some(m) => t(
            format!("có phải ý bạn là `{m}`?"),
            format!("did you mean `{m}`?"),
        ),
        None => t(
            format!("các loại văn bản: {}", slugs.join(", ")),
            format!("document kinds: {}", slugs.join(", ")),
        ),
    };
    cx.report(
        Error,
        "E034",
        "loai",
        t(
            format!("loại văn bản `{loai}` không có trong danh mục"),
            format!("unknown document kind `{loai}`"),
        ),
        Some(hint),
    );
}

/// Days in a month, for the hint under an impossible date.
fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((next - first).num_days() as u32)
}

/// A hint for a date string that names a day the month does not have.
pub(crate) fn date_hint(raw: &str) -> crate::diag::Text {
    let nums: Vec<i64> = raw
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let (y, m) = match nums[..] {
        [y, m, _] if raw.contains('-') => (y, m),
        [_, m, y] => (y, m),
        _ => (0, 0),
    };
    if let (Ok(y), Ok(m)) = (i32::try_from(y), u32::try_from(m)) {
        if let Some(n) = days_in_month(y, m) {
            return t(
                format!("tháng {m} năm {y} có {n} ngày"),
                format!("month {m} of {y} has {n} days"),
            );
        }
    }
    t(
        "viết ngày dạng 2024-06-13 (năm-tháng-ngày) hoặc 13/06/2024; để trống ngày khi chưa ký: \"2024-06\"",
        "write the date as 2024-06-13 (year-month-day) or 13/06/2024; leave the day blank in a draft: \"2024-06\"",
    )
}

/// The issue date must exist (spec §4.4).
fn issue_date(cx: &mut Ctx) {
    let Some(ngay) = cx.loaded.plan.ngay.clone() else {
        return;
    };
    if let Err(e) = vn::parse_plan_date(&ngay) {
        cx.report(Error, "E020", "ngay", e.text(), Some(date_hint(&ngay)));
    }
}

/// The plan year, when the date gives one.
pub(crate) fn plan_year(cx: &Ctx) -> Option<i32> {
    let ngay = cx.loaded.plan.ngay.as_deref()?;
    vn::parse_plan_date(ngay).ok()?.year()
}

/// R17 (shape of a ký hiệu) and R18 (a kế hoạch's starts with "KH-", no year).
fn ky_hieu(cx: &mut Ctx) {
    let plan = &cx.loaded.plan;
    let abbrev = vn::doc_kind(&plan.loai).map(|k| k.abbrev);
    let (value, path) = match &plan.ky_hieu {
        Some(k) => (k.trim().to_string(), "ky_hieu"),
        None => match abbrev {
            Some(a) => (
                format!("{a}-{}", plan.co_quan.viet_tat.trim()),
                "co_quan.viet_tat",
            ),
            None => return,
        },
    };
    let letter = |c: char| c.is_ascii_alphabetic() || c == 'Đ' || c == 'đ';
    let mut parts = value.split('-');
    let head_ok = parts
        .next()
        .is_some_and(|h| !h.is_empty() && h.chars().all(letter));
    let rest: Vec<&str> = parts.collect();
    let rest_ok = !rest.is_empty()
        && rest
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| letter(c) || c.is_ascii_digit()));
    if !(head_ok && rest_ok) {
        cx.report(
            Error,
            "E021",
            path,
            t(
                format!("ký hiệu `{value}` không đúng dạng"),
                format!("ký hiệu `{value}` does not have the required shape"),
            ),
            Some(t(
                "ký hiệu gồm các nhóm chữ cái (hoặc chữ số) nối bằng dấu gạch ngang, không dấu cách, ví dụ KH-UBND",
                "a ký hiệu is groups of letters (or digits) joined by hyphens, without spaces, e.g. KH-UBND",
            )),
        );
        return;
    }
    let Some(a) = abbrev else { return };
    let head = value.split('-').next().unwrap_or("");
    if head != a {
        let name = vn::doc_kind(&plan.loai).map_or("", |k| k.name);
        cx.report(
            Error,
            "E022",
            path,
            t(
                format!(
                    "ký hiệu của {} phải bắt đầu bằng `{a}-`, không phải `{head}-`",
                    name.to_lowercase()
                ),
                format!(
                    "the ký hiệu of a {} must start with `{a}-`, not `{head}-`",
                    plan.loai
                ),
            ),
            Some(t(
                format!("sửa thành `{a}-{}`", rest.join("-")),
                format!("write `{a}-{}`", rest.join("-")),
            )),
        );
    }
    if let Some(year) = rest.iter().find(|p| {
        p.len() == 4
            && p.chars().all(|c| c.is_ascii_digit())
            && (p.starts_with("19") || p.starts_with("20"))
    }) {
        let without: Vec<&str> = value.split('-').filter(|p| p != year).collect();
        cx.report(
            Error,
            "E022",
            path,
            t(
                format!("ký hiệu `{value}` không được chứa năm ban hành ({year})"),
                format!("ký hiệu `{value}` must not contain the year ({year})"),
            ),
            Some(t(
                format!(
                    "năm đã có ở dòng ngày tháng; bỏ năm: `{}`",
                    without.join("-")
                ),
                format!(
                    "the year is in the date line; drop it: `{}`",
                    without.join("-")
                ),
            )),
        );
    }
}

fn not_positive(cx: &mut Ctx, path: &str, shown: String) {
    let name = path.rsplit('.').next().unwrap_or(path).to_string();
    cx.report(
        Error,
        "E016",
        path,
        t(
            format!("`{name}` phải là số lớn hơn 0, không phải {shown}"),
            format!("`{name}` must be greater than 0, found {shown}"),
        ),
        Some(t(
            "sửa thành một số dương hoặc bỏ khóa này",
            "use a positive number or remove the key",
        )),
    );
}

/// Counts and sizes must be positive: số, số bản lưu, widths, sizes, spans.
fn positive_numbers(cx: &mut Ctx) {
    let plan = &cx.loaded.plan;
    let mut bad: Vec<(String, String)> = Vec::new();
    if plan.so == Some(0) {
        bad.push(("so".into(), "0".into()));
    }
    if plan.noi_nhan.so_ban_luu == Some(0) {
        bad.push(("noi_nhan.so_ban_luu".into(), "0".into()));
    }
    for (k, v) in [
        ("trinh_bay.co_chu", plan.trinh_bay.co_chu),
        ("trinh_bay.thut_dau_dong", plan.trinh_bay.thut_dau_dong),
    ] {
        if let Some(v) = v.filter(|v| *v <= 0.0) {
            bad.push((k.into(), vn::decimal(f64::from(v), None)));
        }
    }
    for item in crate::plan::validate::items(plan) {
        if let crate::plan::validate::Item::Table(table, p) = item {
            if let Some(v) = table.co_chu.filter(|v| *v <= 0.0) {
                bad.push((format!("{p}.co_chu"), vn::decimal(f64::from(v), None)));
            }
            for (i, c) in table.cot.iter().enumerate() {
                if let Some(v) = c.rong.filter(|v| *v <= 0.0) {
                    bad.push((
                        format!("{p}.cot[{i}].rong"),
                        vn::decimal(f64::from(v), None),
                    ));
                }
            }
        }
    }
    for (path, shown) in bad {
        not_positive(cx, &path, shown);
    }
}

/// Layout options take the values the spec allows (§1: margins, 13–14 pt,
/// first-line indent 1 cm or 1.27 cm).
fn layout(cx: &mut Ctx) {
    let tb = cx.loaded.plan.trinh_bay.clone();
    if let Some(le) = &tb.le {
        const PROFILES: [&str; 2] = ["mac-dinh", "nghi-dinh"];
        if !PROFILES.contains(&le.as_str()) {
            let hint = match did_you_mean(le, PROFILES) {
                Some(m) => t(
                    format!("có phải ý bạn là `{m}`?"),
                    format!("did you mean `{m}`?"),
                ),
                None => t(
                    "dùng `mac-dinh` hoặc `nghi-dinh`",
                    "use `mac-dinh` or `nghi-dinh`",
                ),
            };
            cx.report(
                Error,
                "E035",
                "trinh_bay.le",
                t(
                    format!("kiểu lề `{le}` không có"),
                    format!("unknown margin profile `{le}`"),
                ),
                Some(hint),
            );
        }
    }
    if let Some(c) = tb.co_chu.filter(|c| *c > 0.0 && *c != 13.0 && *c != 14.0) {
        cx.report(
            Error,
            "E035",
            "trinh_bay.co_chu",
            t(
                format!(
                    "cỡ chữ thân văn bản {} không đúng quy định",
                    vn::decimal(f64::from(c), None)
                ),
                format!(
                    "body font size {} is not allowed",
                    vn::decimal(f64::from(c), None)
                ),
            ),
            Some(t(
                "Nghị định 30/2020/NĐ-CP: cỡ chữ 13 hoặc 14",
                "Decree 30/2020: size 13 or 14",
            )),
        );
    }
    if let Some(c) = tb
        .thut_dau_dong
        .filter(|c| *c > 0.0 && (*c - 1.0).abs() > 1e-6 && (*c - 1.27).abs() > 1e-6)
    {
        cx.report(
            Error,
            "E035",
            "trinh_bay.thut_dau_dong",
            t(
                format!(
                    "thụt đầu dòng {} cm không đúng quy định",
                    vn::decimal(f64::from(c), None)
                ),
                format!(
                    "first-line indent {} cm is not allowed",
                    vn::decimal(f64::from(c), None)
                ),
            ),
            Some(t("dùng 1 hoặc 1.27 (cm)", "use 1 or 1.27 (cm)")),
        );
    }
}
