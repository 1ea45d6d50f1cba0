//! Rules on the body: lettered items, empty parts, agencies, ids, deadlines,
//! căn cứ punctuation and appendix references.

use std::collections::BTreeMap;

use crate::diag::did_you_mean;
use crate::diag::Severity::{Error, Warning};
use crate::plan::model::{Block, KeyedBlock, Recipient};
use crate::plan::rules::header::{date_hint, plan_year};
use crate::plan::validate::{items, t, Ctx, Item};
use crate::vn;

pub(crate) fn check(cx: &mut Ctx) {
    body_present(cx);
    lettered_items(cx);
    empty_parts(cx);
    agencies(cx);
    duplicate_ids(cx);
    deadlines(cx);
    can_cu(cx);
    appendices(cx);
}

/// A plan needs a body.
fn body_present(cx: &mut Ctx) {
    if cx.loaded.plan.noi_dung.is_empty() {
        cx.report_key(
            Error,
            "E036",
            "noi_dung",
            t("kế hoạch chưa có phần nội dung nào", "the plan has no body"),
            Some(t(
                "thêm ít nhất một mục, ví dụ `- tieu_de: MỤC ĐÍCH, YÊU CẦU`",
                "add at least one part, e.g. `- tieu_de: MỤC ĐÍCH, YÊU CẦU`",
            )),
        );
    }
}

/// Spec §6.4: lettered items run a … y, 23 letters; a 24th has no letter.
/// Letters run on through every `diem` list of one part (compose letters a
/// part's points in one sequence), so the count is per part, not per list.
fn lettered_items(cx: &mut Ctx) {
    // Part (the block list holding the `diem` lists) → (points so far, first
    // path past "y", total).
    let mut parts: BTreeMap<String, (usize, Option<String>)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for item in items(&cx.loaded.plan) {
        if let Item::Points(points, path) = item {
            let list = path.strip_suffix(".diem").unwrap_or(&path);
            let part = list.rsplit_once('[').map_or(list, |(p, _)| p).to_string();
            let entry = parts.entry(part.clone()).or_insert_with(|| {
                order.push(part);
                (0, None)
            });
            let before = entry.0;
            entry.0 += points.len();
            if entry.1.is_none() && entry.0 > vn::LETTERS.len() {
                entry.1 = Some(format!("{path}[{}]", vn::LETTERS.len() - before));
            }
        }
    }
    let over: Vec<(String, usize)> = order
        .iter()
        .filter_map(|part| {
            let (n, first) = &parts[part];
            first.clone().map(|p| (p, *n))
        })
        .collect();
    for (path, n) in over {
        cx.report(
            Error,
            "E027",
            &path,
            t(
                format!("có {n} điểm ở cùng một cấp, vượt quá 23 chữ cái a) … y)"),
                format!("{n} lettered items at one level; only 23 letters a) … y) exist"),
            ),
            Some(t(
                "chia thành nhiều khoản (muc), hoặc dùng gạch đầu dòng (gach) cho các ý nhỏ",
                "split them into several numbered parts (muc), or use a dash list (gach)",
            )),
        );
    }
}

fn empty_warning(cx: &mut Ctx, path: &str, what_vi: &str, what_en: &str) {
    cx.report_key(
        Warning,
        "W002",
        path,
        t(
            format!("{what_vi} chưa có nội dung"),
            format!("{what_en} is empty"),
        ),
        Some(t(
            "viết nội dung hoặc xóa phần này",
            "write its content or delete it",
        )),
    );
}

/// Sections, items, lists, tables and appendices with nothing in them.
fn empty_parts(cx: &mut Ctx) {
    let mut empty: Vec<(String, String, String)> = Vec::new();
    for item in items(&cx.loaded.plan) {
        match item {
            Item::Section(s, p) if s.dan.is_none() && s.noi_dung.is_empty() => {
                let (vi, en) = match &s.tieu_de {
                    Some(tt) => (format!("mục “{tt}”"), format!("section “{tt}”")),
                    None => ("mục".to_string(), "a section".to_string()),
                };
                empty.push((p, vi, en));
            }
            Item::Point(pt, p)
                if pt.tieu_de.is_none() && pt.dan.is_none() && pt.noi_dung.is_empty() =>
            {
                empty.push((p, "điểm".into(), "a lettered item".into()));
            }
            Item::Block(Block::Keyed(k), p) => {
                let (len, key) = match k {
                    KeyedBlock::Gach(l) => (l.len(), "gach"),
                    KeyedBlock::Cong(l) => (l.len(), "cong"),
                    KeyedBlock::Diem(l) => (l.len(), "diem"),
                    _ => (1, ""),
                };
                if len == 0 {
                    empty.push((
                        format!("{p}.{key}"),
                        format!("danh sách `{key}`"),
                        format!("list `{key}`"),
                    ));
                }
            }
            Item::Table(tb, p) if tb.dong.is_empty() => {
                empty.push((format!("{p}.dong"), "bảng".into(), "the table".into()));
            }
            _ => {}
        }
    }
    for (i, a) in cx.loaded.plan.phu_luc.iter().enumerate() {
        if a.truoc.is_empty() && a.bang.is_none() && !a.tu_nhiem_vu && a.sau.is_empty() {
            empty.push((
                format!("phu_luc[{i}]"),
                format!("phụ lục “{}”", a.tieu_de),
                format!("appendix “{}”", a.tieu_de),
            ));
        }
        if a.bang.is_some() && a.tu_nhiem_vu {
            let p = format!("phu_luc[{i}].tu_nhiem_vu");
            cx.report_key(
                Error,
                "E037",
                &p,
                t(
                    "phụ lục vừa có bảng viết sẵn (`bang`) vừa yêu cầu lập bảng từ nhiệm vụ (`tu_nhiem_vu`)",
                    "the appendix has both a written table (`bang`) and `tu_nhiem_vu: true`",
                ),
                Some(t("giữ một trong hai", "keep one of them")),
            );
        }
    }
    for (p, vi, en) in empty {
        empty_warning(cx, &p, &vi, &en);
    }
}

/// An agency reference: ASCII lower case, digits, `_`, `-`.
pub(crate) fn is_agency_id(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f.is_ascii_lowercase())
        && c.all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_' || ch == '-')
}

/// Ids in `chu_tri`, `phoi_hop` and `noi_nhan.ds` must be registered in
/// `co_quan_lien_quan`; free text is printed as written.
fn agencies(cx: &mut Ctx) {
    let plan = &cx.loaded.plan;
    let known: Vec<String> = plan
        .co_quan_lien_quan
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let mut refs: Vec<(String, String)> = Vec::new();
    for item in items(plan) {
        if let Item::Task(task, p) = item {
            for (k, list) in [("chu_tri", &task.chu_tri), ("phoi_hop", &task.phoi_hop)] {
                for (i, v) in list.iter().enumerate() {
                    refs.push((format!("{p}.{k}[{i}]"), v.trim().to_string()));
                }
            }
        }
    }
    for (i, r) in plan.noi_nhan.ds.iter().enumerate() {
        let p = format!("noi_nhan.ds[{i}]");
        match r {
            Recipient::Line(s) => refs.push((p, s.trim().to_string())),
            Recipient::Annotated(a) => refs.push((format!("{p}.ten"), a.ten.trim().to_string())),
            Recipient::Group(g) => {
                for (j, s) in g.nhom.iter().enumerate() {
                    refs.push((format!("{p}.nhom[{j}]"), s.trim().to_string()));
                }
            }
        }
    }
    let mut bad_ids = Vec::new();
    for (i, a) in plan.co_quan_lien_quan.iter().enumerate() {
        if !is_agency_id(&a.id) {
            bad_ids.push((format!("co_quan_lien_quan[{i}].id"), a.id.clone()));
        }
    }
    for (path, id) in bad_ids {
        let suggestion: String = id
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        cx.report(
            Error,
            "E039",
            &path,
            t(
                format!("mã cơ quan `{id}` không đúng dạng"),
                format!("agency id `{id}` has the wrong shape"),
            ),
            Some(t(
                format!("mã gồm chữ thường không dấu, chữ số, `_` hoặc `-`, bắt đầu bằng chữ cái, ví dụ `{}`", if suggestion.is_empty() { "snv".to_string() } else { suggestion.clone() }),
                format!("an id is ASCII lower case, digits, `_` or `-`, starting with a letter, e.g. `{}`", if suggestion.is_empty() { "snv".to_string() } else { suggestion }),
            )),
        );
    }
    for (path, v) in refs {
        if !is_agency_id(&v) || known.contains(&v) {
            continue;
        }
        let hint = match did_you_mean(&v, known.iter().map(String::as_str)) {
            Some(m) => t(format!("có phải ý bạn là `{m}`?"), format!("did you mean `{m}`?")),
            None if known.is_empty() => t(
                format!("khai báo trong `co_quan_lien_quan`: `- {{id: {v}, ten: …}}`, hoặc viết tên đầy đủ của cơ quan"),
                format!("register it in `co_quan_lien_quan`: `- {{id: {v}, ten: …}}`, or write the agency's full name"),
            ),
            None => t(
                format!("các mã đã khai báo: {}; hoặc thêm `{v}` vào `co_quan_lien_quan`", known.join(", ")),
                format!("registered ids: {}; or add `{v}` to `co_quan_lien_quan`", known.join(", ")),
            ),
        };
        cx.report(
            Error,
            "E028",
            &path,
            t(
                format!("mã cơ quan `{v}` chưa được khai báo trong `co_quan_lien_quan`"),
                format!("agency id `{v}` is not registered in `co_quan_lien_quan`"),
            ),
            Some(hint),
        );
    }
}

/// Ids must be unique: agencies among themselves, tasks and appendices together.
fn duplicate_ids(cx: &mut Ctx) {
    let plan = &cx.loaded.plan;
    let mut groups: Vec<Vec<(String, String)>> = vec![Vec::new(), Vec::new()];
    for (i, a) in plan.co_quan_lien_quan.iter().enumerate() {
        groups[0].push((format!("co_quan_lien_quan[{i}].id"), a.id.clone()));
    }
    for item in items(plan) {
        if let Item::Task(task, p) = item {
            if let Some(id) = &task.id {
                groups[1].push((format!("{p}.id"), id.clone()));
            }
        }
    }
    for (i, a) in plan.phu_luc.iter().enumerate() {
        if let Some(id) = &a.id {
            groups[1].push((format!("phu_luc[{i}].id"), id.clone()));
        }
    }
    let mut dups = Vec::new();
    for g in groups {
        let mut first: BTreeMap<String, String> = BTreeMap::new();
        for (path, id) in g {
            match first.get(&id) {
                Some(prev) => dups.push((path, id, prev.clone())),
                None => {
                    first.insert(id, path);
                }
            }
        }
    }
    for (path, id, prev) in dups {
        let line = cx.span(&prev).map_or(String::new(), |s| s.line.to_string());
        cx.report(
            Error,
            "E029",
            &path,
            t(
                format!("mã `{id}` bị trùng (đã dùng ở dòng {line})"),
                format!("duplicate id `{id}` (first used on line {line})"),
            ),
            Some(t(
                "mỗi mã chỉ dùng cho một đối tượng; đổi tên một trong hai",
                "each id names one thing; rename one of them",
            )),
        );
    }
}

/// The dd/mm/yyyy or yyyy-mm-dd dates written inside a text.
fn dates_in(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_ascii_digit() || c == '/' || c == '-'))
        .map(|w| w.trim_matches(['-', '/']))
        .filter(|w| {
            let parts: Vec<&str> = w.split(['/', '-']).collect();
            parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.len() <= 4)
        })
        .map(str::to_string)
        .collect()
}

/// Deadlines must name real dates and fall in the plan year (warning).
fn deadlines(cx: &mut Ctx) {
    let year = plan_year(cx);
    let mut found = Vec::new();
    for item in items(&cx.loaded.plan) {
        if let Item::Task(task, p) = item {
            if let Some(th) = &task.thoi_han {
                found.push((format!("{p}.thoi_han"), th.clone()));
            }
        }
    }
    for (path, th) in found {
        let mut impossible = false;
        for d in dates_in(&th) {
            if let Err(e) = vn::parse_plan_date(&d) {
                impossible = true;
                cx.report(Error, "E020", &path, e.text(), Some(date_hint(&d)));
            }
        }
        // A full date with a bad month is reported above already.
        if let Some(p) = vn::impossible_period(&th).filter(|_| !impossible) {
            impossible = true;
            let (vi, en, hint_vi, hint_en) = match p {
                vn::ImpossiblePeriod::Quarter(q) => (
                    format!("thời hạn “{th}”: không có quý {q}, một năm có 4 quý"),
                    format!("deadline “{th}”: there is no quarter {q}, a year has 4"),
                    "viết Quý I, II, III hoặc IV, ví dụ “Quý IV/2024”",
                    "write Quý I, II, III or IV, e.g. “Quý IV/2024”",
                ),
                vn::ImpossiblePeriod::Month(m) => (
                    format!("thời hạn “{th}”: không có tháng {m}"),
                    format!("deadline “{th}”: there is no month {m}"),
                    "tháng từ 1 đến 12, ví dụ “tháng 12/2024”",
                    "months run from 1 to 12, e.g. “tháng 12/2024”",
                ),
            };
            cx.report(Error, "E020", &path, t(vi, en), Some(t(hint_vi, hint_en)));
        }
        if impossible {
            continue;
        }
        let (Some(y), Some(dy)) = (year, vn::parse_deadline(&th).year()) else {
            continue;
        };
        if y != dy {
            cx.report(
                Warning,
                "W001",
                &path,
                t(
                    format!("thời hạn “{th}” nằm ngoài năm của kế hoạch ({y})"),
                    format!("deadline “{th}” is outside the plan year ({y})"),
                ),
                Some(t(
                    "kiểm tra lại năm của thời hạn hoặc ngày ban hành (`ngay`)",
                    "check the deadline's year or the issue date (`ngay`)",
                )),
            );
        }
    }
}

/// R22: each căn cứ ends with ";" and the last with ".".
fn can_cu(cx: &mut Ctx) {
    let list = cx.loaded.plan.mo_dau.can_cu.clone();
    let n = list.len();
    for (i, line) in list.iter().enumerate() {
        let want = if i + 1 == n { '.' } else { ';' };
        let trimmed = line.trim_end();
        if !trimmed.ends_with(want) {
            let fixed = format!("{}{want}", trimmed.trim_end_matches(['.', ';', ',']));
            let tail: String = fixed
                .chars()
                .rev()
                .take(30)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            cx.report(
                Warning,
                "W004",
                &format!("mo_dau.can_cu[{i}]"),
                t(
                    format!(
                        "căn cứ {} phải kết thúc bằng dấu “{want}”",
                        if i + 1 == n { "cuối cùng" } else { "này" }
                    ),
                    format!("this căn cứ must end with “{want}”"),
                ),
                Some(t(format!("viết “…{tail}”"), format!("write “…{tail}”"))),
            );
        }
    }
}

/// The appendix labels a body text mentions: "Phụ lục I", "Phụ lục I, II và
/// III", "Phụ lục I-III"; a bare "Phụ lục" counts as 0 (the only appendix).
pub(crate) fn appendix_mentions(text: &str) -> Vec<u32> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let needle = "phụ lục";
    let mut from = 0;
    while let Some(i) = lower[from..].find(needle) {
        let start = from + i + needle.len();
        from = start;
        // Same byte offsets: lower-casing keeps these characters' lengths
        // only for ASCII, so read the numerals from the original text.
        let Some(rest) = text.get(start..) else {
            out.push(0);
            continue;
        };
        let mut got = Vec::new();
        let mut range = false;
        for tok in
            rest.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == ')' || c == '(')
        {
            if tok.is_empty() {
                continue;
            }
            if tok == "và" || tok == "," {
                continue;
            }
            if tok == "-" || tok == "đến" || tok == "–" {
                range = true;
                continue;
            }
            let (a, b) = tok.split_once(['-', '–']).unwrap_or((tok, ""));
            let Some(n) = vn::from_roman(a.trim_end_matches(['.', ':'])) else {
                break;
            };
            if range {
                if let Some(&prev) = got.last() {
                    got.extend(prev + 1..n);
                }
                range = false;
            }
            got.push(n);
            if let Some(m) = vn::from_roman(b.trim_end_matches(['.', ':'])) {
                got.extend(n + 1..=m);
            }
        }
        if got.is_empty() {
            out.push(0);
        }
        out.extend(got);
    }
    out
}

fn strings(v: &serde_json::Value, out: &mut String) {
    match v {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(m) => m.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// R34: the body mentions every appendix ("Phụ lục I", "Phụ lục II" …).
fn appendices(cx: &mut Ctx) {
    let plan = &cx.loaded.plan;
    let n = plan.phu_luc.len();
    if n == 0 {
        return;
    }
    let mut body = String::new();
    for v in [
        serde_json::to_value(&plan.mo_dau),
        serde_json::to_value(&plan.noi_dung),
        serde_json::to_value(&plan.ket_luan),
    ]
    .into_iter()
    .flatten()
    {
        strings(&v, &mut body);
    }
    let seen = appendix_mentions(&body);
    for (i, a) in plan.phu_luc.iter().enumerate() {
        let number = i as u32 + 1;
        let label = if n == 1 {
            "Phụ lục".to_string()
        } else {
            format!("Phụ lục {}", vn::roman(number).unwrap_or_default())
        };
        let ok = if n == 1 {
            !seen.is_empty()
        } else {
            seen.contains(&number)
        };
        if !ok {
            cx.report(
                Warning,
                "W003",
                &format!("phu_luc[{i}].tieu_de"),
                t(
                    format!(
                        "{label} (“{}”) không được nhắc đến trong nội dung kế hoạch",
                        a.tieu_de
                    ),
                    format!("{label} (“{}”) is never referred to in the body", a.tieu_de),
                ),
                Some(t(
                    format!(
                        "nhắc đến phụ lục trong nội dung, ví dụ “(chi tiết tại {label} kèm theo)”"
                    ),
                    format!("refer to it in the body, e.g. “(chi tiết tại {label} kèm theo)”"),
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_appendix_mentions() {
        assert_eq!(
            appendix_mentions("chi tiết tại Phụ lục II kèm theo"),
            vec![2]
        );
        assert_eq!(
            appendix_mentions("tại các Phụ lục I, II và III"),
            vec![1, 2, 3]
        );
        assert_eq!(appendix_mentions("(phụ lục I-III)"), vec![1, 2, 3]);
        assert_eq!(appendix_mentions("theo phụ lục kèm theo"), vec![0]);
        assert!(appendix_mentions("không có").is_empty());
    }

    #[test]
    fn agency_ids_are_ascii_lower_case() {
        assert!(is_agency_id("snv"));
        assert!(is_agency_id("ubnd-huyen_1"));
        assert!(!is_agency_id("Sở Nội vụ"));
        assert!(!is_agency_id("SNV"));
        assert!(!is_agency_id("1abc"));
    }
}
