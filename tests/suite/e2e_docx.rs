//! End-to-end DOCX checks on the three reference plans: each plan is composed and written in process, unzipped and read back against the spec's rules (§17).

use crate::support::docx_read;
use crate::support::e2e;

use std::collections::BTreeMap;

use docx_read::*;
use e2e::*;
use kehoach::plan::model::{Cell as PlanCell, Recipient, Row, SttScheme};
use roxmltree::{Document, Node};

fn docx_of(r: &Ref) -> Vec<u8> {
    kehoach::docx::write(&r.doc).unwrap_or_else(|e| panic!("{}: DOCX writes: {e}", r.name))
}

/// Each plan's DOCX parts, written once per test binary.
fn parts_of_all() -> &'static Vec<BTreeMap<String, String>> {
    static P: std::sync::OnceLock<Vec<BTreeMap<String, String>>> = std::sync::OnceLock::new();
    P.get_or_init(|| refs().iter().map(|r| unzip(&docx_of(r))).collect())
}

/// Body blocks split into sections: a paragraph carrying a `w:sectPr` ends
/// its section; the body's final `w:sectPr` ends the last.
fn sections<'a, 'i>(d: &'a Document<'i>) -> Vec<(Vec<Node<'a, 'i>>, Node<'a, 'i>)> {
    let body = child(d.root_element(), "body").unwrap();
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for c in body.children().filter(|c| c.is_element()) {
        if is(c, "sectPr") {
            out.push((std::mem::take(&mut cur), c));
        } else if is(c, "p") || is(c, "tbl") {
            let sp = child(c, "pPr").and_then(|p| child(p, "sectPr"));
            cur.push(c);
            if let Some(sp) = sp {
                out.push((std::mem::take(&mut cur), sp));
            }
        }
    }
    assert!(cur.is_empty(), "blocks after the last section properties");
    out
}

/// One reference plan's DOCX, read back: its parts, `document.xml` parsed
/// and split into sections, and the styles that resolve run properties.
struct Read<'a, 'i> {
    r: &'a Ref,
    parts: &'a BTreeMap<String, String>,
    doc: &'a Document<'i>,
    secs: Vec<(Vec<Node<'a, 'i>>, Node<'a, 'i>)>,
    st: Styles<'a, 'i>,
}

/// Runs `check` on each reference plan's DOCX.
fn each_docx(check: impl Fn(&Read)) {
    for (r, parts) in refs().iter().zip(parts_of_all()) {
        let sx = parse(&parts["word/styles.xml"]);
        let d = parse(&parts["word/document.xml"]);
        check(&Read {
            r,
            parts,
            doc: &d,
            secs: sections(&d),
            st: Styles::new(&sx),
        });
    }
}

/// A cell of the closing block's table (0: Nơi nhận, 1: signature), the
/// last table of the main body.
fn closing_cell<'a, 'i>(secs: &[(Vec<Node<'a, 'i>>, Node<'a, 'i>)], col: usize) -> Node<'a, 'i> {
    let closing = *secs[0].0.iter().rev().find(|b| is(**b, "tbl")).unwrap();
    cells(rows(closing)[0])[col]
}

/// Non-empty top-level paragraphs of a block list, with their nodes.
fn paras<'a, 'i>(blocks: &[Node<'a, 'i>]) -> Vec<(Node<'a, 'i>, String)> {
    blocks
        .iter()
        .filter(|b| is(**b, "p"))
        .map(|p| (*p, nfc(&text(*p))))
        .filter(|(_, t)| !t.trim().is_empty())
        .collect()
}

/// Every paragraph under `n` (nested tables included) with its NFC text,
/// those whose text `keep` accepts.
fn paras_under<'a, 'i>(
    n: Node<'a, 'i>,
    keep: impl Fn(&str) -> bool,
) -> Vec<(Node<'a, 'i>, String)> {
    descendants(n, "p")
        .map(|p| (p, nfc(&text(p))))
        .filter(|(_, t)| keep(t))
        .collect()
}

fn style_id<'a>(p: Node<'a, '_>) -> Option<&'a str> {
    child(p, "pPr")
        .and_then(|pp| child(pp, "pStyle"))
        .and_then(|s| wattr(s, "val"))
}

/// Every paragraph text of a node, in document order (nested tables included).
fn all_para_texts(n: Node) -> Vec<String> {
    paras_under(n, |t| !t.trim().is_empty())
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

#[test]
fn r01_r02_r03_a4_sections_orientation_per_plan_and_default_margins() {
    each_docx(|x| {
        let (r, secs) = (x.r, &x.secs);
        assert_eq!(
            secs.len(),
            1 + r.plan.phu_luc.len(),
            "{}: one section per appendix",
            r.name
        );
        for (i, (_, sp)) in secs.iter().enumerate() {
            let sz = child(*sp, "pgSz").unwrap();
            let (w, h) = (wint(sz, "w"), wint(sz, "h"));
            let landscape = i > 0 && appendix_landscape(&r.plan, i - 1);
            let (ew, eh) = if landscape {
                (16838, 11906)
            } else {
                (11906, 16838)
            };
            assert_eq!(
                (w, h),
                (ew, eh),
                "{} section {i}: A4 in its orientation",
                r.name
            );
            assert_eq!(
                wattr(sz, "orient") == Some("landscape"),
                landscape,
                "{} section {i}: w:orient",
                r.name
            );
            let m = child(*sp, "pgMar").unwrap();
            // Default profile: 20 top, 20 bottom, 30 left, 15 right (mm).
            assert_eq!(
                [
                    wint(m, "top"),
                    wint(m, "bottom"),
                    wint(m, "left"),
                    wint(m, "right")
                ],
                [1134, 1134, 1701, 850],
                "{} section {i}: margins",
                r.name
            );
        }
    });
}

#[test]
fn r04_r05_times_new_roman_in_every_slot_and_only_black() {
    for (r, parts) in refs().iter().zip(parts_of_all()) {
        let styles = parse(&parts["word/styles.xml"]);
        let defaults: Vec<Node> = descendants(styles.root_element(), "rPrDefault")
            .flat_map(|d| descendants(d, "rFonts"))
            .collect();
        assert_eq!(defaults.len(), 1, "{}: document default fonts", r.name);
        for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
            assert_eq!(
                wattr(defaults[0], slot),
                Some("Times New Roman"),
                "{} default {slot}",
                r.name
            );
        }
        for (name, xml) in parts
            .iter()
            .filter(|(n, _)| n.ends_with(".xml") && n.starts_with("word/"))
        {
            let x = parse(xml);
            for f in descendants(x.root_element(), "rFonts") {
                for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
                    if let Some(v) = wattr(f, slot) {
                        assert_eq!(v, "Times New Roman", "{} {name}: rFonts {slot}", r.name);
                    }
                }
                for theme in ["asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"] {
                    assert!(
                        wattr(f, theme).is_none(),
                        "{} {name}: theme font overrides TNR",
                        r.name
                    );
                }
            }
            for c in descendants(x.root_element(), "color") {
                let v = wattr(c, "val").unwrap_or("auto");
                assert!(
                    matches!(v, "auto" | "000000"),
                    "{} {name}: colour {v}",
                    r.name
                );
            }
            assert!(
                descendants(x.root_element(), "highlight").next().is_none(),
                "{} {name}: highlight",
                r.name
            );
            for s in descendants(x.root_element(), "shd") {
                let fill = wattr(s, "fill").unwrap_or("auto");
                assert!(
                    matches!(fill, "auto" | "FFFFFF" | "ffffff"),
                    "{} {name}: shading {fill}",
                    r.name
                );
            }
        }
    }
}

#[test]
fn r06_all_text_nfc_without_control_or_private_use_characters() {
    for (r, parts) in refs().iter().zip(parts_of_all()) {
        for (name, xml) in parts
            .iter()
            .filter(|(n, _)| n.starts_with("word/") && n.ends_with(".xml"))
        {
            let x = parse(xml);
            for t in descendants(x.root_element(), "t") {
                let s = t.text().unwrap_or("");
                assert_eq!(s, nfc(s), "{} {name}: not NFC: {s:?}", r.name);
                for c in s.chars() {
                    let cp = c as u32;
                    assert!(
                        !(c.is_control()
                            || (0xE000..=0xF8FF).contains(&cp)
                            || (0xF0000..).contains(&cp)),
                        "{} {name}: U+{cp:04X} in {s:?}",
                        r.name
                    );
                }
            }
        }
        for f in ["word/fontTable.xml", "word/styles.xml"] {
            let low = parts[f].to_lowercase();
            assert!(
                !low.contains(".vn") && !low.contains("vni-"),
                "{} {f}: TCVN3/VNI font",
                r.name
            );
        }
    }
}

#[test]
fn r07_body_paragraphs_justified_indented_14pt() {
    each_docx(|x| {
        let (r, st, secs) = (x.r, &x.st, &x.secs);
        let body: Vec<_> = paras(&secs[0].0)
            .into_iter()
            .filter(|(p, _)| style_id(*p) == Some("NoiDung"))
            .collect();
        assert!(
            body.len() >= 5,
            "{}: only {} body paragraphs",
            r.name,
            body.len()
        );
        for (p, t) in body {
            assert_eq!(st.jc(p), "both", "{}: not justified: {t:.60}", r.name);
            assert_eq!(
                st.ppr_int(p, "ind", "firstLine"),
                720,
                "{}: indent of {t:.60}",
                r.name
            );
            assert_eq!(st.size_pt(p), 14.0, "{}: size of {t:.60}", r.name);
            assert!(!st.all_italic(p), "{}: italic body {t:.60}", r.name);
        }
    });
}

#[test]
fn r10_r11_page_numbers_in_the_default_header_hidden_on_first_pages_restarting_per_appendix() {
    each_docx(|x| {
        let (r, parts) = (x.r, x.parts);
        for (i, (_, sp)) in x.secs.iter().enumerate() {
            assert!(
                child(*sp, "titlePg").is_some(),
                "{} section {i}: titlePg",
                r.name
            );
            let def = header_part(parts, *sp, "default").expect("default header");
            let h = parse(&def);
            let instr: String = descendants(h.root_element(), "instrText")
                .map(|n| n.text().unwrap_or("").trim().to_string())
                .collect();
            assert_eq!(instr, "PAGE", "{} section {i}: PAGE field", r.name);
            if let Some(first) = header_part(parts, *sp, "first") {
                assert!(
                    !first.contains("PAGE"),
                    "{} section {i}: number on the first page",
                    r.name
                );
            }
            let pn = child(*sp, "pgNumType");
            if i > 0 {
                assert_eq!(
                    pn.and_then(|n| wattr(n, "start")),
                    Some("1"),
                    "{} appendix {i}: restart",
                    r.name
                );
            }
            assert!(
                pn.and_then(|n| wattr(n, "fmt"))
                    .is_none_or(|f| f == "decimal"),
                "{}: Arabic",
                r.name
            );
        }
    });
}

fn number_line_ok(r: &Ref, s: &str) -> bool {
    let ky = "KH-";
    match r.plan.so {
        Some(n) => {
            s == format!("Số: {n}/{}", r.plan.ky_hieu.clone().unwrap_or_default()) || {
                let rest = s.strip_prefix(&format!("Số: {n}/")).unwrap_or("");
                rest.starts_with(ky)
            }
        }
        None => {
            let rest = s.strip_prefix("Số:").unwrap_or("");
            let spaces = rest.chars().take_while(|c| c.is_whitespace()).count();
            spaces >= 2 && rest.trim_start().starts_with(&format!("/{ky}"))
        }
    }
}

/// `^[^,]+, ngày (0[1-9]|[12][0-9]|3[01]) tháng (01|02|[3-9]|1[0-2]) năm [0-9]{4}$`,
/// or its blank form for a draft with no date yet.
fn date_line_ok(s: &str, blank_allowed: bool) -> bool {
    let Some((place, rest)) = s.split_once(", ngày ") else {
        return false;
    };
    if place.is_empty() || place.contains(',') {
        return false;
    }
    let Some((day, rest)) = rest.split_once(" tháng ") else {
        return false;
    };
    let Some((month, year)) = rest.split_once(" năm ") else {
        return false;
    };
    let day_ok = matches!(day.parse::<u32>(), Ok(1..=31)) && day.len() == 2
        || blank_allowed && day.trim().is_empty();
    let month_ok = matches!(month, "01" | "02" | "10" | "11" | "12")
        || (month.len() == 1 && matches!(month.parse::<u32>(), Ok(3..=9)))
        || blank_allowed && month.trim().is_empty();
    day_ok && month_ok && year.len() == 4 && year.chars().all(|c| c.is_ascii_digit())
}

#[test]
fn r12_to_r19_header_table_borderless_with_the_plan_texts() {
    each_docx(|x| {
        let (r, st, d) = (x.r, &x.st, x.doc);
        let blocks = body_blocks(d);
        let tbl = blocks[0];
        assert!(is(tbl, "tbl"), "{}: R12 header is a table", r.name);
        assert!(
            border_vals(tbl)
                .iter()
                .all(|v| matches!(v, Some("nil") | Some("none"))),
            "{}: R12 borderless",
            r.name
        );
        let texts = all_para_texts(tbl);
        let rows = rows(tbl);
        let cell_texts = |row: usize, col: usize| all_para_texts(cells(rows[row])[col]);
        let right: Vec<String> = (0..rows.len()).flat_map(|i| cell_texts(i, 1)).collect();
        let left: Vec<String> = (0..rows.len()).flat_map(|i| cell_texts(i, 0)).collect();
        let qh = right
            .iter()
            .position(|t| t == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        let qh = qh.unwrap_or_else(|| panic!("{}: R12 quốc hiệu in {right:?}", r.name));
        assert_eq!(
            right[qh + 1],
            "Độc lập - Tự do - Hạnh phúc",
            "{}: R13",
            r.name
        );
        // R15: issuing agency lines, uppercase, in the left column.
        let ban_hanh: Vec<String> = if r.plan.co_quan.ban_hanh.is_empty() {
            vec![r.plan.co_quan.ten.clone()]
        } else {
            r.plan.co_quan.ban_hanh.clone()
        };
        for line in r.plan.co_quan.chu_quan.iter().chain(&ban_hanh) {
            let up = line.to_uppercase();
            assert!(left.contains(&up), "{}: R15 {up:?} in {left:?}", r.name);
        }
        let so = left
            .iter()
            .find(|t| t.starts_with("Số:"))
            .expect("R17 Số line");
        assert!(number_line_ok(r, so), "{}: R17/R18 {so:?}", r.name);
        if r.name == "vinhphuc-2024-par" {
            assert_eq!(so, "Số: 152/KH-UBND");
        } else {
            assert!(r.plan.so.is_none(), "{}: drafts have no number", r.name);
        }
        let date = right
            .iter()
            .find(|t| t.contains(", ngày "))
            .expect("R19 date line");
        assert!(
            date_line_ok(date, r.plan.so.is_none()),
            "{}: R19 {date:?}",
            r.name
        );
        if r.name == "vinhphuc-2024-par" {
            assert_eq!(date, "Vĩnh Phúc, ngày 13 tháng 6 năm 2024");
        }
        // Typography of the four fixed lines, through the styles.
        for p in descendants(tbl, "p") {
            let t = nfc(&text(p));
            if t.is_empty() {
                continue;
            }
            if t.starts_with("CỘNG HÒA") {
                assert!(
                    st.all_bold(p) && matches!(st.size_pt(p), 12.0..=13.0) && st.jc(p) == "center"
                );
            } else if t.starts_with("Độc lập") {
                assert!(
                    st.all_bold(p) && !st.any_italic(p) && matches!(st.size_pt(p), 13.0..=14.0)
                );
                assert!(
                    st.text_runs(p)
                        .iter()
                        .all(|run| !st.run_underlined(p, *run)),
                    "R14 no underline"
                );
            } else if t.starts_with("Số:") {
                assert!(
                    !st.any_bold(p)
                        && !st.any_italic(p)
                        && st.size_pt(p) == 13.0
                        && st.jc(p) == "center"
                );
            } else if t == *date {
                assert!(st.all_italic(p) && !st.any_bold(p) && st.jc(p) == "center");
            }
        }
        assert!(texts.len() >= 6, "{}: header lines {texts:?}", r.name);
    });
}

#[test]
fn r20_r21_ke_hoach_then_the_trich_yeu() {
    each_docx(|x| {
        let (r, st, secs) = (x.r, &x.st, &x.secs);
        let ps = paras(&secs[0].0);
        let (kind, kt) = &ps[0];
        assert_eq!(kt, "KẾ HOẠCH", "{}: R20", r.name);
        assert!(st.all_bold(*kind) && !st.any_italic(*kind) && st.jc(*kind) == "center");
        let (ty, tt) = &ps[1];
        assert_eq!(
            *tt,
            nfc(&r.plan.trich_yeu)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            "{}: R21",
            r.name
        );
        assert!(st.all_bold(*ty) && st.jc(*ty) == "center" && tt.to_uppercase() != *tt);
        assert!(matches!(st.size_pt(*ty), 13.0..=14.0));
        // The rule under the trích yếu is the next block: an empty bordered paragraph.
        let idx = secs[0].0.iter().position(|b| *b == *ty).unwrap();
        let rule = secs[0].0[idx + 1];
        assert!(
            bottom_border(rule).is_some() && text(rule).is_empty(),
            "{}: R21 rule",
            r.name
        );
    });
}

#[test]
fn r24_r25_r26_headings_and_numbering_without_gaps() {
    each_docx(|x| {
        let (r, st, secs) = (x.r, &x.st, &x.secs);
        let ps = paras(&secs[0].0);
        let texts: Vec<String> = ps.iter().map(|(_, t)| t.clone()).collect();
        let problems = numbering_problems(&texts);
        assert!(problems.is_empty(), "{}: {problems:#?}", r.name);
        let romans: Vec<&(Node, String)> = ps
            .iter()
            .filter(|(_, t)| t.split_once(". ").is_some_and(|(l, _)| ROMANS.contains(&l)))
            .collect();
        assert!(
            romans.len() >= 3,
            "{}: only {} mục headings",
            r.name,
            romans.len()
        );
        for (p, t) in romans {
            assert!(st.all_bold(*p), "{}: R24 bold {t}", r.name);
            assert_eq!(st.size_pt(*p), 14.0, "{}: R24 size {t}", r.name);
        }
        // Check the checker on the plan itself: a gap must be seen.
        let mut broken = texts.clone();
        if let Some(i) = broken.iter().position(|t| t.starts_with("1. ")) {
            broken.remove(i);
            assert!(
                !numbering_problems(&broken).is_empty(),
                "{}: a removed khoản goes unseen",
                r.name
            );
        }
    });
}

#[test]
fn r27_main_body_ends_with_the_end_marker() {
    each_docx(|x| {
        let (r, secs) = (x.r, &x.secs);
        let ps = paras(&secs[0].0);
        let last = ps.last().unwrap();
        assert!(
            last.1.ends_with("./."),
            "{}: R27 main body ends {:?}",
            r.name,
            last.1
        );
        assert_eq!(
            ps.iter().filter(|(_, t)| t.ends_with("./.")).count(),
            1,
            "{}: one end marker in the main body",
            r.name
        );
    });
}

/// The last text of each appendix (its last paragraph, or the last cell of
/// a table that closes it) carries the end marker (§6.5).
#[test]
fn r27_each_appendix_ends_with_the_end_marker() {
    each_docx(|x| {
        let r = x.r;
        for (i, (blocks, _)) in x.secs.iter().enumerate().skip(1) {
            let all: Vec<String> = blocks.iter().flat_map(|b| all_para_texts(*b)).collect();
            let last = all.last().unwrap();
            assert!(
                last.ends_with("./."),
                "{} appendix {i}: ends {last:?}",
                r.name
            );
        }
    });
}

#[test]
fn r28_r29_signature_block_exactly_as_the_plan() {
    each_docx(|x| {
        let (r, st, secs) = (x.r, &x.st, &x.secs);
        let right = closing_cell(secs, 1);
        let sig = paras_under(right, |t| !t.trim().is_empty());
        let got: Vec<&str> = sig.iter().map(|(_, t)| t.as_str()).collect();
        let mut want: Vec<String> = r.plan.ky.quyen_han.clone();
        want.push(r.plan.ky.chuc_vu.clone());
        want.push(r.plan.ky.ho_ten.clone());
        assert_eq!(got, want, "{}: R28 signature lines", r.name);
        if r.name == "vinhphuc-2024-par" {
            assert_eq!(
                got,
                [
                    "TM. ỦY BAN NHÂN DÂN",
                    "KT. CHỦ TỊCH",
                    "PHÓ CHỦ TỊCH",
                    "Vũ Chí Giang"
                ]
            );
        }
        for (p, t) in &sig[..sig.len() - 1] {
            assert_eq!(*t, t.to_uppercase(), "{}: R28 uppercase", r.name);
            assert!(
                st.all_bold(*p) && st.jc(*p) == "center" && matches!(st.size_pt(*p), 13.0..=14.0)
            );
            if let Some((prefix, _)) = t.split_once(". ") {
                if prefix.len() <= 3 {
                    assert!(
                        ["TM", "KT", "TL", "TUQ", "Q"].contains(&prefix),
                        "{}: R28 {t}",
                        r.name
                    );
                }
            }
        }
        let (name, nt) = sig.last().unwrap();
        assert!(
            st.all_bold(*name) && !st.any_italic(*name) && *nt != nt.to_uppercase(),
            "{}: R29",
            r.name
        );
    });
}

#[test]
fn r31_r32_noi_nhan_label_and_recipients() {
    each_docx(|x| {
        let (r, st, secs) = (x.r, &x.st, &x.secs);
        let left = closing_cell(secs, 0);
        let ps = paras_under(left, |t| !t.is_empty());
        let (label, lt) = &ps[0];
        assert_eq!(lt, "Nơi nhận:", "{}: R31", r.name);
        assert!(
            st.all_bold(*label) && st.all_italic(*label),
            "{}: R31 bold italic",
            r.name
        );
        assert_eq!(st.size_pt(*label), 12.0, "{}: R31 24 half-points", r.name);
        assert_eq!(st.jc(*label), "left");
        let items: Vec<&(Node, String)> = ps[1..]
            .iter()
            .filter(|(_, t)| t.starts_with("- "))
            .collect();
        let n = items.len();
        assert!(n >= 3, "{}: {n} recipients", r.name);
        for (k, (p, t)) in items.iter().enumerate() {
            assert_eq!(st.size_pt(*p), 11.0, "{}: R32 22 half-points {t}", r.name);
            assert!(
                !st.any_bold(*p) && !st.any_italic(*p),
                "{}: R32 upright {t}",
                r.name
            );
            if k + 1 < n {
                assert!(t.ends_with(';'), "{}: R32 {t:?} ends with ';'", r.name);
            } else {
                assert!(
                    t.starts_with("- Lưu: VT") && t.ends_with('.'),
                    "{}: R32 last {t:?}",
                    r.name
                );
            }
        }
        // The only other lines are brace notes, e.g. "(b/c)", and the
        // drafter's code and copies (R35), which come after the "Lưu" line.
        let drafter = r.doc.sections[0].blocks.iter().find_map(|b| match b {
            kehoach::doc::Block::Closing(c) => c.drafter.as_ref().map(|p| nfc(&p.text())),
            _ => None,
        });
        let luu = ps
            .iter()
            .position(|(_, t)| t.starts_with("- Lưu:"))
            .unwrap();
        for (k, (p, t)) in ps
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, (_, t))| !t.starts_with("- "))
        {
            if Some(t) == drafter.as_ref() {
                assert!(k > luu, "{}: R35 drafter after Lưu", r.name);
                assert_eq!(st.size_pt(*p), 11.0, "{}: R35 11 pt", r.name);
                assert!(
                    !st.any_italic(*p) && !st.any_bold(*p),
                    "{}: R35 upright",
                    r.name
                );
            } else {
                assert!(
                    t == "}" || (t.starts_with('(') && t.ends_with(')')),
                    "{}: stray {t:?}",
                    r.name
                );
            }
        }
    });
}

#[test]
fn r33_appendix_labels_reference_lines_and_r34_mentions() {
    each_docx(|x| {
        let (r, st, secs) = (x.r, &x.st, &x.secs);
        let labels = appendix_labels(&r.plan);
        let main_text: String = paras(&secs[0].0)
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        for (i, label) in labels.iter().enumerate() {
            let ps = paras(&secs[i + 1].0);
            let (lp, lt) = &ps[0];
            assert_eq!(lt, label, "{}: R33 label", r.name);
            assert!(st.all_bold(*lp) && st.jc(*lp) == "center" && st.size_pt(*lp) == 14.0);
            let (tp, tt) = &ps[1];
            assert_eq!(
                *tt,
                nfc(&r.plan.phu_luc[i].tieu_de)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            assert!(st.all_bold(*tp) && *tt == tt.to_uppercase());
            let (rp, rt) = &ps[2];
            let reference = rt
                .strip_prefix("(Kèm theo Kế hoạch số ")
                .and_then(|s| s.strip_suffix(')'))
                .unwrap_or_else(|| panic!("{}: R33 reference line {rt:?}", r.name));
            assert!(
                reference.contains("/KH-") && reference.contains(" của "),
                "{}: {rt}",
                r.name
            );
            assert!(
                st.all_italic(*rp) && st.jc(*rp) == "center",
                "{}: R33 italic centred",
                r.name
            );
            if r.name == "vinhphuc-2024-par" {
                assert_eq!(
                    rt,
                    "(Kèm theo Kế hoạch số 152/KH-UBND ngày 13 tháng 6 năm 2024 của UBND tỉnh)"
                );
            }
            assert!(
                main_text.contains(label.as_str()),
                "{}: R34 {label} not mentioned",
                r.name
            );
        }
        if r.name == "daklak-2022-par-sipas" {
            assert_eq!(labels, ["Phụ lục I", "Phụ lục II"]);
        }
    });
}

/// Counts of (gridSpan > 1, vMerge restart) cells in table rows.
fn spans(rows: &[Node]) -> (usize, usize) {
    let mut h = 0;
    let mut v = 0;
    for tr in rows {
        for tc in cells(*tr) {
            let pr = child(tc, "tcPr");
            h += usize::from(
                pr.and_then(|p| child(p, "gridSpan"))
                    .is_some_and(|g| wint(g, "val") > 1),
            );
            v += usize::from(
                pr.and_then(|p| child(p, "vMerge"))
                    .is_some_and(|m| wattr(m, "val") == Some("restart")),
            );
        }
    }
    (h, v)
}

#[test]
fn appendix_tables_rows_repeat_headers_never_split_and_carry_the_plan_spans() {
    each_docx(|x| {
        let (r, secs) = (x.r, &x.secs);
        for (i, pl) in r.plan.phu_luc.iter().enumerate() {
            let Some(bang) = &pl.bang else { continue };
            let tables: Vec<Node> = secs[i + 1]
                .0
                .iter()
                .filter(|b| is(**b, "tbl"))
                .copied()
                .collect();
            assert_eq!(tables.len(), 1, "{} appendix {i}: one table", r.name);
            let trs = rows(tables[0]);
            let has =
                |tr: Node, name: &str| child(tr, "trPr").and_then(|p| child(p, name)).is_some();
            let header: Vec<Node> = trs
                .iter()
                .copied()
                .filter(|tr| has(*tr, "tblHeader"))
                .collect();
            let want_header = bang.tieu_de_tren.len() + 1 + usize::from(bang.so_cot);
            assert_eq!(
                header.len(),
                want_header,
                "{} appendix {i}: header rows",
                r.name
            );
            assert!(
                trs[..want_header].iter().all(|tr| has(*tr, "tblHeader")),
                "header rows lead"
            );
            assert!(
                trs.iter().all(|tr| has(*tr, "cantSplit")),
                "{} appendix {i}: cantSplit",
                r.name
            );
            let want_rows =
                want_header + plan_rows(&bang.dong) + usize::from(bang.dong_tong.is_some());
            assert_eq!(trs.len(), want_rows, "{} appendix {i}: rows", r.name);
            if let Some(total) = &bang.dong_tong {
                let last = nfc(&text(*trs.last().unwrap()));
                assert!(
                    last.starts_with(total.as_str()),
                    "{}: total row {last:?}",
                    r.name
                );
            }
            let (ph, pv) = plan_spans(&bang.dong);
            let (dh, dv) = spans(&trs[want_header..]);
            assert!(
                dh >= ph,
                "{} appendix {i}: {dh} gridSpans for {ph} in the plan",
                r.name
            );
            assert_eq!(dv, pv, "{} appendix {i}: vertical merges", r.name);
            if pv > 0 {
                // Every vMerge restart is continued in the same grid column below.
                let conts = trs
                    .iter()
                    .flat_map(|tr| cells(*tr))
                    .filter(|tc| {
                        child(*tc, "tcPr")
                            .and_then(|p| child(p, "vMerge"))
                            .is_some_and(|m| wattr(m, "val").is_none_or(|v| v == "continue"))
                    })
                    .count();
                assert!(
                    conts >= pv,
                    "{} appendix {i}: {conts} continuations",
                    r.name
                );
            }
        }
    });
}

#[test]
fn text_cells_that_look_like_numbers_keep_their_spelling() {
    let r = &refs()[1];
    assert_eq!(r.name, "daklak-2022-par-sipas");
    let d = parse(&parts_of_all()[1]["word/document.xml"]);
    let secs = sections(&d);
    let table = *secs[2].0.iter().find(|b| is(**b, "tbl")).unwrap();
    let got: Vec<String> = rows(table)
        .iter()
        .filter_map(|tr| cells(*tr).get(1).map(|c| nfc(&text(*c))))
        .collect();
    // The plan writes these quoted ("1.1"), as the reference prints them.
    for w in ["1.1", "2.1", "4.2", "7.4", "8.4"] {
        assert!(
            got.iter().any(|g| g == w),
            "{w:?} is not printed; column: {got:?}"
        );
    }
    let comma: Vec<&String> = got
        .iter()
        .filter(|g| {
            g.split_once(',')
                .is_some_and(|(a, b)| a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok())
        })
        .collect();
    assert!(
        comma.is_empty(),
        "section numbers printed as decimals: {comma:?}"
    );
}

#[test]
fn docx_text_has_the_words_of_the_text_view_in_order() {
    each_docx(|x| {
        let r = x.r;
        let docx: Vec<String> = descendants(x.doc.root_element(), "p")
            .flat_map(|p| words(&text(p)))
            .filter(|w| w != "}")
            .collect();
        // The text view prints a brace group inline: "- A; } (b/c)".
        let view: Vec<String> = text_paragraphs(&r.doc)
            .iter()
            .flat_map(|p| words(p))
            .filter(|w| w != "}" && !w.chars().all(|c| c == '='))
            .collect();
        assert!(view.len() > 1000, "{}: {} words", r.name, view.len());
        let mut at = 0;
        for (k, w) in view.iter().enumerate() {
            match docx[at..].iter().position(|x| x == w) {
                Some(j) => {
                    assert!(
                        j == 0,
                        "{}: word {k} {w:?}: DOCX has {:?} first",
                        r.name,
                        &docx[at..at + j]
                    );
                    at += 1;
                }
                None => panic!("{}: word {k} {w:?} missing from the DOCX", r.name),
            }
        }
        assert_eq!(
            at,
            docx.len(),
            "{}: DOCX has more words: {:?}",
            r.name,
            &docx[at..]
        );
    });
}

#[test]
fn the_same_plan_twice_gives_identical_bytes() {
    for r in refs() {
        let again = kehoach::compose::compose(&r.plan, r.name, &Default::default()).unwrap();
        assert_eq!(
            docx_of(r),
            kehoach::docx::write(&again).unwrap(),
            "{}: deterministic DOCX",
            r.name
        );
    }
}

/// Plan rows in display order: each row, then its children (`con`).
fn flat_rows(rows: &[Row]) -> Vec<&Row> {
    let mut out = Vec::new();
    for r in rows {
        out.push(r);
        out.extend(flat_rows(&r.con));
    }
    out
}

/// NFC with runs of whitespace collapsed.
fn norm(s: &str) -> String {
    nfc(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a plan cell prints as its first paragraph, if any.
fn plan_cell_text(c: &PlanCell) -> Option<&str> {
    match c {
        PlanCell::Text(s) => Some(s.as_str()),
        PlanCell::Rich(rc) => rc.text.as_deref(),
        _ => None,
    }
}

/// Paragraphs of a table row's cells that print text.
fn row_text_paras<'a, 'i>(tr: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    cells(tr)
        .into_iter()
        .flat_map(cell_paras)
        .filter(|p| !text(*p).trim().is_empty())
        .collect()
}

/// The appendix table of appendix `i` and its rows.
fn appendix_table<'a, 'i>(
    secs: &[(Vec<Node<'a, 'i>>, Node<'a, 'i>)],
    i: usize,
) -> Vec<Node<'a, 'i>> {
    let tbl = *secs[i + 1]
        .0
        .iter()
        .find(|b| is(**b, "tbl"))
        .expect("the appendix table");
    rows(tbl)
}

fn row_has(tr: Node, name: &str) -> bool {
    child(tr, "trPr").and_then(|p| child(p, name)).is_some()
}

/// Spec §10 / model `Row`: a row the plan marks `nhom` or `dam` prints every
/// text run bold, a row marked `nghieng` every text run italic; a cell marked
/// `dam` / `nghieng` likewise. Unmarked rows carry no italics. With
/// `stt: nhom_la_ma` the group rows are numbered I, II, … in order.
#[test]
fn appendix_table_rows_print_the_emphasis_the_plan_marks() {
    let bold_rows = std::cell::Cell::new(0usize);
    let italic_rows = std::cell::Cell::new(0usize);
    let roman_groups = std::cell::Cell::new(0usize);
    each_docx(|x| {
        let (r, st, secs) = (x.r, &x.st, &x.secs);
        for (i, pl) in r.plan.phu_luc.iter().enumerate() {
            let Some(bang) = &pl.bang else { continue };
            let trs = appendix_table(secs, i);
            let nhead = bang.tieu_de_tren.len() + 1 + usize::from(bang.so_cot);
            let flat = flat_rows(&bang.dong);
            assert!(
                trs.len() >= nhead + flat.len(),
                "{} appendix {i}: {} rows for {} plan rows",
                r.name,
                trs.len(),
                flat.len()
            );
            let mut groups = 0;
            for (k, (pr, tr)) in flat.iter().zip(&trs[nhead..]).enumerate() {
                let at = format!("{} appendix {i} row {k}", r.name);
                let ps = row_text_paras(*tr);
                let printed: Vec<String> = ps.iter().map(|p| norm(&text(*p))).collect();
                // The DOCX row is the plan row: its first text is printed in it.
                if let Some(first) =
                    pr.o.iter()
                        .filter_map(plan_cell_text)
                        .find(|t| !t.trim().is_empty())
                {
                    assert!(
                        printed.contains(&norm(first)),
                        "{at}: {first:?} not in {printed:?}"
                    );
                }
                assert!(!ps.is_empty(), "{at}: an empty row");
                if pr.nhom || pr.dam {
                    bold_rows.set(bold_rows.get() + 1);
                    for p in &ps {
                        assert!(st.all_bold(*p), "{at}: not bold: {:?}", text(*p));
                    }
                }
                if pr.nghieng {
                    italic_rows.set(italic_rows.get() + 1);
                    for p in &ps {
                        assert!(st.all_italic(*p), "{at}: not italic: {:?}", text(*p));
                    }
                }
                let mut cell_marks = false;
                for c in &pr.o {
                    let PlanCell::Rich(rc) = c else { continue };
                    let Some(t) = rc.text.as_deref() else {
                        continue;
                    };
                    if !(rc.dam || rc.nghieng) {
                        continue;
                    }
                    cell_marks = true;
                    let p = ps
                        .iter()
                        .find(|p| norm(&text(**p)) == norm(t))
                        .unwrap_or_else(|| panic!("{at}: cell {t:?} not printed"));
                    assert!(!rc.dam || st.all_bold(*p), "{at}: cell not bold: {t:?}");
                    assert!(
                        !rc.nghieng || st.all_italic(*p),
                        "{at}: cell not italic: {t:?}"
                    );
                }
                if !pr.nghieng && !cell_marks {
                    for p in &ps {
                        assert!(!st.any_italic(*p), "{at}: stray italic {:?}", text(*p));
                    }
                }
                if pr.nhom && bang.stt == SttScheme::NhomLaMa && pr.stt.is_none() {
                    let stt = nfc(&text(cells(*tr)[0]));
                    assert_eq!(stt, ROMANS[groups], "{at}: group STT");
                    groups += 1;
                    roman_groups.set(roman_groups.get() + 1);
                }
            }
        }
    });
    // The plans do mark such rows: Gia Lai's groups I–VIII, Đắk Lắk's 2.4.x.
    assert!(bold_rows.get() > 0, "no bold rows were checked");
    assert!(italic_rows.get() > 0, "no italic rows were checked");
    assert!(
        roman_groups.get() > 0,
        "no Roman-numeral group rows were checked"
    );
}

/// Spec §4.5, R12, R17, R19: the header is 2 columns × 2 rows, "Số: …" in
/// row 2 column 1 and the place–date line beside it in row 2 column 2.
/// R16: the rule under the issuer is 1/3–1/2 of its longest line, centred.
/// R14: the rule under the tiêu ngữ is the tiêu ngữ's width (±10 %), centred.
#[test]
fn r14_r16_r17_r19_header_grid_and_rule_lengths() {
    let fonts = kehoach::fonts::FontSet::embedded();
    let bold = kehoach::fonts::Face::Bold;
    each_docx(|x| {
        let (r, st) = (x.r, &x.st);
        let tbl = body_blocks(x.doc)[0];
        let grid = child(tbl, "tblGrid").expect("w:tblGrid");
        assert_eq!(children(grid, "gridCol").count(), 2, "{}: columns", r.name);
        let trs = rows(tbl);
        assert_eq!(trs.len(), 2, "{}: header rows", r.name);
        for tr in &trs {
            assert_eq!(cells(*tr).len(), 2, "{}: cells per row", r.name);
        }
        let texts = |row: usize, col: usize| all_para_texts(cells(trs[row])[col]);
        let so = texts(1, 0);
        assert!(
            so.len() == 1 && so[0].starts_with("Số:"),
            "{}: R17 row 2 column 1 {so:?}",
            r.name
        );
        let date = texts(1, 1);
        assert!(
            date.len() == 1 && date[0].starts_with(&format!("{}, ngày ", nfc(&r.plan.dia_danh))),
            "{}: R19 row 2 column 2 {date:?}",
            r.name
        );
        let row1: Vec<String> = (0..2).flat_map(|c| texts(0, c)).collect();
        assert!(
            row1.iter()
                .all(|t| !t.starts_with("Số:") && !t.contains(", ngày ")),
            "{}: row 1 {row1:?}",
            r.name
        );

        let cell_mm = |tc: Node| {
            let w = child(child(tc, "tcPr").unwrap(), "tcW").unwrap();
            mm(wint(w, "w"))
        };
        // The rule paragraph right after `after`, in cell `tc`, and its length.
        let rule_after = |tc: Node, after: &dyn Fn(&str) -> bool, what: &str| {
            let ps = cell_paras(tc);
            let k = ps
                .iter()
                .position(|p| bottom_border(*p).is_some())
                .unwrap_or_else(|| panic!("{}: {what} rule", r.name));
            let rule = ps[k];
            assert!(
                k > 0 && after(&nfc(&text(ps[k - 1]))) && text(rule).is_empty(),
                "{}: {what} rule follows its text",
                r.name
            );
            let b = bottom_border(rule).unwrap();
            assert_eq!(wattr(b, "val"), Some("single"), "{}: {what} solid", r.name);
            assert!(
                (4..=6).contains(&wint(b, "sz")),
                "{}: {what} 0.5–0.75 pt",
                r.name
            );
            let ind = child(child(rule, "pPr").unwrap(), "ind").unwrap();
            assert_eq!(
                wint(ind, "left"),
                wint(ind, "right"),
                "{}: {what} rule centred",
                r.name
            );
            rule_length_mm(rule, cell_mm(tc))
        };

        // R16, against the issuing body's own lines (bold), not the parent's.
        let left = cells(trs[0])[0];
        let ban_hanh: Vec<String> = r
            .plan
            .co_quan
            .ban_hanh
            .iter()
            .map(|l| nfc(&l.to_uppercase()))
            .collect();
        let issuer: Vec<Node> = cell_paras(left)
            .into_iter()
            .filter(|p| ban_hanh.contains(&nfc(&text(*p))))
            .collect();
        assert_eq!(issuer.len(), ban_hanh.len(), "{}: issuer lines", r.name);
        let longest = issuer
            .iter()
            .map(|p| {
                assert!(st.all_bold(*p), "{}: R15 bold issuer", r.name);
                fonts
                    .width_mm(&nfc(&text(*p)), bold, st.size_pt(*p))
                    .min(cell_mm(left))
            })
            .fold(0.0f32, f32::max);
        let last = ban_hanh.last().unwrap().clone();
        let len = rule_after(left, &|t| t == last, "issuer");
        let share = len / longest;
        assert!(
            (0.33..=0.50).contains(&share),
            "{}: R16 issuer rule {len:.1} mm is {share:.3} of {longest:.1} mm",
            r.name
        );

        // R14.
        let right = cells(trs[0])[1];
        let tn = cell_paras(right)
            .into_iter()
            .find(|p| nfc(&text(*p)) == "Độc lập - Tự do - Hạnh phúc")
            .expect("tiêu ngữ");
        let tn_w = fonts.width_mm("Độc lập - Tự do - Hạnh phúc", bold, st.size_pt(tn));
        let len = rule_after(right, &|t| t == "Độc lập - Tự do - Hạnh phúc", "tiêu ngữ");
        assert!(
            (len - tn_w).abs() <= 0.1 * tn_w,
            "{}: R14 tiêu ngữ rule {len:.1} mm for {tn_w:.1} mm of text",
            r.name
        );
    });
}

/// R42: the closing table's rows (and its brace tables' rows) never split,
/// and the paragraph before it keeps with it. R30 / spec §7.2 [REC]: the
/// signature gap between the title line and the name is 28–32 mm, written
/// as space before the name, with no empty paragraphs in between.
#[test]
fn r30_r42_closing_table_kept_whole_with_a_30_mm_signature_gap() {
    each_docx(|x| {
        let (r, st, secs) = (x.r, &x.st, &x.secs);
        let blocks = &secs[0].0;
        let ci = blocks.iter().rposition(|b| is(*b, "tbl")).unwrap();
        let trs: Vec<Node> = descendants(blocks[ci], "tr").collect();
        assert!(!trs.is_empty());
        for tr in &trs {
            assert!(row_has(*tr, "cantSplit"), "{}: R42 cantSplit", r.name);
        }
        let before = blocks[ci - 1];
        assert!(
            is(before, "p") && st.ppr_on(before, "keepNext"),
            "{}: R42 keepNext before the closing table: {:?}",
            r.name,
            text(before)
        );
        let ps = cell_paras(closing_cell(secs, 1));
        let name = ps.len() - 1;
        assert_eq!(nfc(&text(ps[name])), nfc(&r.plan.ky.ho_ten), "{}", r.name);
        let title = ps[name - 1];
        assert_eq!(
            nfc(&text(title)),
            nfc(&r.plan.ky.chuc_vu),
            "{}: the title line right above the name",
            r.name
        );
        let gap_tw =
            st.ppr_int(ps[name], "spacing", "before") + st.ppr_int(title, "spacing", "after");
        let gap = mm(gap_tw);
        assert!(
            (28.0..=32.0).contains(&gap),
            "{}: R30 signature gap {gap_tw} tw = {gap:.1} mm",
            r.name
        );
    });
}

/// Spec §8 / model `RecipientGroup`: recipients sharing one note are a
/// nested borderless table of one unsplittable row: the lines | a "}" as
/// tall as the group, vertically centred | the note, vertically centred.
#[test]
fn noi_nhan_brace_groups_are_nested_tables_with_brace_and_shared_note() {
    each_docx(|x| {
        let (r, st) = (x.r, &x.st);
        let closing = r.doc.sections[0]
            .blocks
            .iter()
            .find_map(|b| match b {
                kehoach::doc::Block::Closing(c) => Some(c),
                _ => None,
            })
            .expect("closing block");
        let plan_groups = r
            .plan
            .noi_nhan
            .ds
            .iter()
            .filter(|d| matches!(d, Recipient::Group(_)))
            .count();
        assert_eq!(closing.braces.len(), plan_groups, "{}: groups", r.name);
        let left = closing_cell(&x.secs, 0);
        let nested: Vec<Node> = descendants(left, "tbl").collect();
        assert_eq!(nested.len(), plan_groups, "{}: brace tables", r.name);
        let dashes: Vec<String> = paras_under(left, |t| t.starts_with("- "))
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        let v_centre = |tc: Node| {
            child(child(tc, "tcPr").unwrap(), "vAlign")
                .and_then(|v| wattr(v, "val"))
                .map(str::to_string)
        };
        for (b, t) in closing.braces.iter().zip(&nested) {
            let at = format!("{} brace {}..{}", r.name, b.first, b.last);
            assert!(
                border_vals(*t)
                    .iter()
                    .all(|v| matches!(v, Some("nil") | Some("none"))),
                "{at}: borderless"
            );
            let grid = child(*t, "tblGrid").unwrap();
            assert_eq!(children(grid, "gridCol").count(), 3, "{at}: 3 columns");
            let trs = rows(*t);
            assert!(
                trs.len() == 1 && row_has(trs[0], "cantSplit"),
                "{at}: one row"
            );
            let cs = cells(trs[0]);
            assert_eq!(cs.len(), 3, "{at}: cells");
            let want: Vec<String> = closing.recipients[b.first..=b.last]
                .iter()
                .map(|p| nfc(&p.text()))
                .collect();
            let lines = cell_paras(cs[0]);
            let got: Vec<String> = lines.iter().map(|p| nfc(&text(*p))).collect();
            assert_eq!(got, want, "{at}: the group's lines");
            assert_eq!(
                dashes[b.first..=b.last],
                want[..],
                "{at}: in the list's order"
            );
            let brace = cell_paras(cs[1]);
            assert!(
                brace.len() == 1 && text(brace[0]) == "}",
                "{at}: brace cell"
            );
            let run = st.text_runs(brace[0])[0];
            let size = st.size_pt(lines[0]);
            let n = want.len() as f32;
            let sp = child(child(brace[0], "pPr").unwrap(), "spacing").unwrap();
            assert_eq!(wattr(sp, "lineRule"), Some("exact"), "{at}: fixed height");
            let line_pt = wint(sp, "line") as f32 / 20.0;
            assert!(
                line_pt >= n * size && st.run_size_pt(brace[0], run) >= n * size,
                "{at}: brace {line_pt} pt line, {} pt glyph for {n} lines of {size} pt",
                st.run_size_pt(brace[0], run)
            );
            assert_eq!(
                v_centre(cs[1]).as_deref(),
                Some("center"),
                "{at}: brace centred"
            );
            assert_eq!(
                v_centre(cs[2]).as_deref(),
                Some("center"),
                "{at}: note centred"
            );
            assert_eq!(all_para_texts(cs[2]), [nfc(&b.note)], "{at}: note");
        }
        if r.name == "vinhphuc-2024-par" {
            let t = nested[0];
            let lines = all_para_texts(cells(rows(t)[0])[0]);
            assert_eq!(lines, ["- Bộ Nội vụ;", "- TTTU; TTHĐND tỉnh;"]);
            assert_eq!(all_para_texts(cells(rows(t)[0])[2]), ["(b/c)"]);
        }
    });
}

/// R10 / spec §2: the PAGE field in each section's default header is 14 pt
/// (28 half-points, through the style or the runs), upright, and centred.
#[test]
fn r10_page_number_field_is_14_pt_upright_and_centred() {
    each_docx(|x| {
        let (r, st) = (x.r, &x.st);
        assert!(
            r.doc.meta.draft.is_none(),
            "{}: a draft mark moves the number to a tab",
            r.name
        );
        for (i, (_, sp)) in x.secs.iter().enumerate() {
            let def = header_part(x.parts, *sp, "default").expect("default header");
            let h = parse(&def);
            let ps: Vec<Node> = descendants(h.root_element(), "p")
                .filter(|p| {
                    descendants(*p, "instrText").any(|t| t.text().unwrap_or("").trim() == "PAGE")
                })
                .collect();
            assert_eq!(ps.len(), 1, "{} section {i}: one PAGE paragraph", r.name);
            let p = ps[0];
            assert_eq!(st.jc(p), "center", "{} section {i}: centred", r.name);
            let runs: Vec<Node> = children(p, "r").collect();
            assert!(runs.len() >= 3, "{} section {i}: field runs", r.name);
            for run in runs {
                assert_eq!(
                    st.run_size_pt(p, run),
                    14.0,
                    "{} section {i}: 14 pt (w:sz 28)",
                    r.name
                );
                assert!(
                    !st.run_bold(p, run) && !st.run_italic(p, run),
                    "{} section {i}: upright, not bold",
                    r.name
                );
            }
        }
    });
}

/// Model `Table::so_cot` / spec §10: the column-number row sits right under
/// the column titles, reads 1, 2, 3 … across every column and repeats with
/// the header on each page (tblHeader).
#[test]
fn column_number_row_reads_one_to_n_and_repeats_with_the_header() {
    let mut checked = 0;
    for (r, parts) in refs().iter().zip(parts_of_all()) {
        let d = parse(&parts["word/document.xml"]);
        let secs = sections(&d);
        for (i, pl) in r.plan.phu_luc.iter().enumerate() {
            let Some(bang) = pl.bang.as_ref().filter(|b| b.so_cot) else {
                continue;
            };
            let trs = appendix_table(&secs, i);
            let k = bang.tieu_de_tren.len() + 1;
            let titles: Vec<String> = cells(trs[k - 1]).iter().map(|c| norm(&text(*c))).collect();
            assert_eq!(
                titles.last(),
                bang.cot.last().map(|c| norm(&c.ten)).as_ref(),
                "{} appendix {i}: the title row above",
                r.name
            );
            let got: Vec<String> = cells(trs[k]).iter().map(|c| nfc(&text(*c))).collect();
            let want: Vec<String> = (1..=bang.cot.len()).map(|n| n.to_string()).collect();
            assert_eq!(got, want, "{} appendix {i}: column numbers", r.name);
            assert!(
                row_has(trs[k], "tblHeader"),
                "{} appendix {i}: repeated",
                r.name
            );
            assert!(
                !row_has(trs[k + 1], "tblHeader"),
                "{} appendix {i}: the body follows",
                r.name
            );
            checked += 1;
        }
    }
    assert_eq!(
        checked, 1,
        "Gia Lai's appendix has the only column-number row"
    );
    assert!(refs()[2].plan.phu_luc[0].bang.as_ref().unwrap().so_cot);
}

/// R33 and spec §4.3 [PRACTICE] blank mode: a draft's appendix reference
/// line leaves the number (6 spaces) and the unknown date parts (5 spaces)
/// blank, the same date words as the header, kept by xml:space="preserve".
#[test]
fn r33_draft_reference_lines_leave_number_and_date_blank() {
    each_docx(|x| {
        let (r, secs) = (x.r, &x.secs);
        if r.plan.so.is_some() {
            return;
        }
        let want = match r.name {
            "daklak-2022-par-sipas" => {
                "(Kèm theo Kế hoạch số       /KH-UBND ngày     tháng     năm 2022 của UBND tỉnh)"
            }
            "gialai-2022-bqlkkt" => {
                "(Kèm theo Kế hoạch số       /KH-BQLKKT ngày     tháng 9 năm 2022 của Ban Quản lý Khu kinh tế)"
            }
            other => panic!("{other}: an unexpected draft"),
        };
        let header_date = all_para_texts(cells(rows(body_blocks(x.doc)[0])[1])[1]);
        let date_words = header_date[0].split_once(", ").unwrap().1.to_string();
        for i in 0..r.plan.phu_luc.len() {
            let ps = paras(&secs[i + 1].0);
            let (p, t) = &ps[2];
            assert_eq!(t, want, "{} appendix {i}: reference line", r.name);
            assert!(
                t.contains(&format!(" {date_words} của ")),
                "{} appendix {i}: the header's date {date_words:?}",
                r.name
            );
            for w in descendants(*p, "t") {
                assert_eq!(
                    w.attribute(("http://www.w3.org/XML/1998/namespace", "space")),
                    Some("preserve"),
                    "{} appendix {i}: blanks kept",
                    r.name
                );
            }
        }
    });
    let drafts = refs().iter().filter(|r| r.plan.so.is_none()).count();
    assert_eq!(drafts, 2, "two draft plans");
}

/// R03 / spec §1: the decree profile gives every section 25/20/35/20 mm
/// (top/bottom/left/right: 1417/1134/1984/1134 twips), portrait and
/// landscape alike; the default profile 20/20/30/15 (1134/1134/1701/850).
#[test]
fn r03_profile_switch_sets_the_margins_of_every_section() {
    use kehoach::compose::{Options, Profile};
    for r in refs() {
        for (profile, want) in [
            (Profile::Decree, [1417, 1134, 1134, 1984]),
            (Profile::Default, [1134, 850, 1134, 1701]),
        ] {
            let opts = Options {
                profile,
                ..Default::default()
            };
            let doc = kehoach::compose::compose(&r.plan, r.name, &opts)
                .unwrap_or_else(|d| panic!("{} composes: {d:?}", r.name));
            let parts = unzip(&kehoach::docx::write(&doc).unwrap());
            let d = parse(&parts["word/document.xml"]);
            let secs = sections(&d);
            assert_eq!(secs.len(), 1 + r.plan.phu_luc.len(), "{}", r.name);
            for (i, (_, sp)) in secs.iter().enumerate() {
                let m = child(*sp, "pgMar").unwrap();
                assert_eq!(
                    ["top", "right", "bottom", "left"].map(|s| wint(m, s)),
                    want,
                    "{} {profile:?} section {i}: margins (top, right, bottom, left)",
                    r.name
                );
            }
        }
    }
}
