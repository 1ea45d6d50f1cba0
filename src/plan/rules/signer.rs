//! Rules on the signature block (spec §7, R28, R29).

use crate::diag::Severity::{Error, Warning};
use crate::plan::validate::{t, Ctx};
use crate::vn;

/// The authority prefixes of spec §7.1, with their meaning for hints.
const PREFIXES: [&str; 5] = ["TM. ", "KT. ", "TL. ", "TUQ. ", "Q. "];

/// Wrong spellings seen in practice and the right prefix (§7.1: `K/T`,
/// `T/L`, `TU/Q` are wrong); the last entries catch a missing space or
/// lower case ("KT.CHỦ TỊCH", "kt. chủ tịch").
const WRONG: [(&str, &str); 14] = [
    ("K/T", "KT."),
    ("T/L", "TL."),
    ("TU/Q", "TUQ."),
    ("T/M", "TM."),
    ("KT ", "KT."),
    ("TM ", "TM."),
    ("TL ", "TL."),
    ("TUQ ", "TUQ."),
    ("Q ", "Q."),
    ("KT.", "KT."),
    ("TM.", "TM."),
    ("TL.", "TL."),
    ("TUQ.", "TUQ."),
    ("Q.", "Q."),
];

/// Titles of one person; `TM.` must be followed by a collective body instead.
const PERSONAL_TITLES: [&str; 16] = [
    "CHỦ TỊCH",
    "PHÓ ",
    "GIÁM ĐỐC",
    "TỔNG GIÁM ĐỐC",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "THỦ TƯỚNG",
    "TRƯỞNG ",
    "CHÁNH ",
    "CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "VIỆN TRƯỞNG",
    "HIỆU TRƯỞNG",
    "BÍ THƯ",
    "CHỦ NHIỆM",
    "TỔNG CỤC TRƯỞNG",
];

/// Deputy titles: what a `KT.` line must be followed by.
fn is_deputy(title: &str) -> bool {
    let u = vn::upper(title.trim());
    u.starts_with("PHÓ ") || u.starts_with("THỨ TRƯỞNG")
}

fn prefix_of(line: &str) -> Option<&'static str> {
    PREFIXES.iter().copied().find(|p| line.starts_with(p))
}

pub(crate) fn check(cx: &mut Ctx) {
    let ky = cx.loaded.plan.ky.clone();
    let n = ky.quyen_han.len();
    let mut seen: Vec<&str> = Vec::new();
    for (i, line) in ky.quyen_han.iter().enumerate() {
        let path = format!("ky.quyen_han[{i}]");
        let line = line.trim();
        let Some(prefix) = prefix_of(line) else {
            bad_prefix(cx, &path, line);
            continue;
        };
        if let Some(msg) = chain_order(prefix, i, &seen) {
            cx.report(Error, "E040", &path, msg, Some(t(
                "khối chữ ký đọc từ trên xuống: TM. <TẬP THỂ> trước, rồi KT./TL./TUQ./Q. nếu có, mỗi loại một lần; ví dụ TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
                "the block reads top down: TM. <COLLECTIVE> first, then KT./TL./TUQ./Q. if any, each once; e.g. TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
            )));
        }
        seen.push(prefix);
        let rest = line[prefix.len()..].trim();
        let next_path = if i + 1 < n {
            format!("ky.quyen_han[{}]", i + 1)
        } else {
            "ky.chuc_vu".to_string()
        };
        let next = ky
            .quyen_han
            .get(i + 1)
            .map_or(ky.chuc_vu.as_str(), String::as_str)
            .trim();
        match prefix {
            "TM. " => collective(cx, &path, rest),
            "TUQ. " if next.starts_with("KT. ") => cx.report(
                Error,
                "E024",
                &next_path,
                t(
                    "sau dòng TUQ. không được có dòng KT.: người được ủy quyền không ủy quyền tiếp",
                    "a TUQ. line is never followed by a KT. line: a delegation cannot be delegated on",
                ),
                Some(t(
                    "người ký theo ủy quyền ký trực tiếp: TUQ. <CHỨC VỤ THỦ TRƯỞNG> / <CHỨC VỤ NGƯỜI KÝ>",
                    "the delegate signs directly: TUQ. <HEAD'S TITLE> / <SIGNER'S TITLE>",
                )),
            ),
            "KT. " if i + 1 < n => cx.report(
                Error,
                "E025",
                &next_path,
                t(
                    format!("sau dòng “{line}” phải là chức vụ của cấp phó ký thay, không phải một dòng quyền hạn khác"),
                    format!("“{line}” must be followed by the deputy's title, not another authority line"),
                ),
                Some(t(
                    "dòng KT. là dòng quyền hạn cuối cùng; chức vụ cấp phó ghi ở `chuc_vu`",
                    "the KT. line comes last; the deputy's title goes in `chuc_vu`",
                )),
            ),
            "KT. " if !is_deputy(next) => cx.report(
                Error,
                "E025",
                "ky.chuc_vu",
                t(
                    format!("sau “{line}” phải là chức vụ cấp phó (PHÓ …), không phải “{next}”"),
                    format!("“{line}” must be followed by a deputy title (PHÓ …), found “{next}”"),
                ),
                Some(t(
                    format!("cấp phó ký thay cấp trưởng: KT. {rest} / PHÓ {rest}; nếu cấp trưởng ký thì bỏ dòng KT."),
                    format!("a deputy signs for the head: KT. {rest} / PHÓ {rest}; if the head signs, drop the KT. line"),
                )),
            ),
            _ => {}
        }
        uppercase(cx, &path, line);
    }
    if prefix_of(ky.chuc_vu.trim()).is_some() {
        cx.report(
            Error,
            "E023",
            "ky.chuc_vu",
            t(
                format!("chức vụ người ký “{}” không được có tiền tố quyền hạn", ky.chuc_vu.trim()),
                format!("the signer's title “{}” must not carry an authority prefix", ky.chuc_vu.trim()),
            ),
            Some(t(
                "chuyển dòng có TM./KT./TL./TUQ./Q. vào `quyen_han`; `chuc_vu` chỉ ghi chức vụ, ví dụ PHÓ CHỦ TỊCH",
                "move the line with TM./KT./TL./TUQ./Q. to `quyen_han`; `chuc_vu` holds only the title, e.g. PHÓ CHỦ TỊCH",
            )),
        );
    } else {
        uppercase(cx, "ky.chuc_vu", ky.chuc_vu.trim());
    }
    name(cx, ky.ho_ten.trim());
}

/// Spec §7.2: signing for a collective (TM.) is the outermost authority,
/// so it opens the block; no authority is written twice.
fn chain_order(prefix: &str, at: usize, before: &[&str]) -> Option<crate::diag::Text> {
    let p = prefix.trim();
    if before.contains(&prefix) {
        return Some(t(
            format!("tiền tố {p} lặp lại trong khối chữ ký"),
            format!("the prefix {p} appears twice in the signature block"),
        ));
    }
    (prefix == "TM. " && at > 0).then(|| {
        t(
            "dòng TM. phải là dòng quyền hạn đầu tiên: thay mặt tập thể là thẩm quyền cao nhất của khối chữ ký",
            "the TM. line must be the first authority line: signing for the collective is the outermost authority",
        )
    })
}

/// R28: only TM., KT., TL., TUQ., Q. (upper case, period, one space).
fn bad_prefix(cx: &mut Ctx, path: &str, line: &str) {
    let upper = vn::upper(line);
    let fix = WRONG
        .iter()
        .find(|(w, _)| upper.starts_with(w) || line.starts_with(&w.to_lowercase()))
        .map(|(w, right)| format!("{right} {}", line[w.len().min(line.len())..].trim()));
    let hint = match fix {
        Some(f) => t(format!("viết là “{f}”"), format!("write “{f}”")),
        None => t(
            "mỗi dòng quyền hạn bắt đầu bằng TM. (thay mặt), KT. (ký thay), TL. (thừa lệnh), TUQ. (thừa ủy quyền) hoặc Q. (quyền); chức vụ của chính người ký ghi ở `chuc_vu`",
            "each authority line starts with TM., KT., TL., TUQ. or Q.; the signer's own title goes in `chuc_vu`",
        ),
    };
    cx.report(
        Error,
        "E023",
        path,
        t(
            format!("dòng quyền hạn “{line}” thiếu tiền tố hợp lệ (TM., KT., TL., TUQ. hoặc Q.)"),
            format!("authority line “{line}” lacks a valid prefix (TM., KT., TL., TUQ. or Q.)"),
        ),
        Some(hint),
    );
}

/// §7.1: TM. precedes the name of a collective body, not a person's title.
fn collective(cx: &mut Ctx, path: &str, rest: &str) {
    let u = vn::upper(rest);
    if PERSONAL_TITLES.iter().any(|p| u.starts_with(p)) {
        cx.report(
            Error,
            "E026",
            path,
            t(
                format!("TM. phải đứng trước tên tập thể (ví dụ ỦY BAN NHÂN DÂN), không đứng trước chức vụ “{rest}”"),
                format!("TM. must precede a collective body (e.g. ỦY BAN NHÂN DÂN), not the title “{rest}”"),
            ),
            Some(t(
                format!("nếu cấp phó ký thay: KT. {rest}; nếu thay mặt tập thể: TM. <TÊN TẬP THỂ>"),
                format!("a deputy signing for the head writes KT. {rest}; for a collective body: TM. <BODY NAME>"),
            )),
        );
    }
}

/// R28: authority and title lines are upper case.
fn uppercase(cx: &mut Ctx, path: &str, line: &str) {
    let u = vn::upper(line);
    if u != line {
        cx.report(
            Warning,
            "W006",
            path,
            t(
                format!("dòng “{line}” của khối chữ ký phải viết in hoa"),
                format!("signature line “{line}” must be upper case"),
            ),
            Some(t(format!("viết “{u}”"), format!("write “{u}”"))),
        );
    }
}

/// R29: the name in sentence case, without academic titles.
fn name(cx: &mut Ctx, ho_ten: &str) {
    const TITLES: [&str; 7] = ["GS.", "PGS.", "TS.", "ThS.", "BS.", "KS.", "CN."];
    if let Some(title) = TITLES.iter().find(|p| ho_ten.starts_with(*p)) {
        let bare = ho_ten[title.len()..].trim();
        cx.report(
            Warning,
            "W005",
            "ky.ho_ten",
            t(
                format!("không ghi học hàm, học vị “{title}” trước tên người ký"),
                format!("no academic title “{title}” before the signer's name"),
            ),
            Some(t(format!("viết “{bare}”"), format!("write “{bare}”"))),
        );
    } else if ho_ten.chars().filter(|c| c.is_alphabetic()).count() > 1
        && vn::upper(ho_ten) == ho_ten
    {
        cx.report(
            Warning,
            "W005",
            "ky.ho_ten",
            t(
                format!("họ tên người ký “{ho_ten}” không viết in hoa toàn bộ"),
                format!("the signer's name “{ho_ten}” must not be all capitals"),
            ),
            Some(t(
                "viết hoa chữ cái đầu mỗi tiếng, ví dụ “Vũ Chí Giang”",
                "capitalise each word's first letter, e.g. “Vũ Chí Giang”",
            )),
        );
    }
}
