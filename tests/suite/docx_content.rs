//! DOCX content against the format rules (spec §17): header block, title,
//! body, tables, closing and appendices, read back from the written file.

use crate::support::docx_read;
use crate::support::sample_doc;

use docx_read::*;
use kehoach::doc::Block;
use sample_doc::sample_xml;

fn near(a: f32, b: f32, tol: f32) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn header_table_is_borderless_two_by_two_with_the_spec_texts_and_lines() {
    let (d, sx) = sample_xml();
    let st = Styles::new(&sx);
    let blocks = body_blocks(&d);
    let tbl = blocks[0];
    assert!(is(tbl, "tbl"), "R12 header is a table");
    assert!(
        border_vals(tbl)
            .iter()
            .all(|v| matches!(v, Some("nil") | Some("none"))),
        "R12 borderless"
    );
    let grid: Vec<i64> = descendants(tbl, "gridCol").map(|g| wint(g, "w")).collect();
    assert_eq!(grid, vec![3742, 5896], "66 mm | 104 mm");
    let ind = descendants(tbl, "tblInd").next().unwrap();
    assert_eq!(wint(ind, "w"), -283, "indent −5 mm");
    let rows = rows(tbl);
    assert_eq!(rows.len(), 2);
    for r in &rows {
        assert_eq!(cells(*r).len(), 2);
        assert!(descendants(*r, "cantSplit").next().is_some(), "R42");
    }
    let h = sample_doc::header();

    // Row 1, left: issuer lines bold 13 pt centred (R15), then the rule (R16).
    let left = cell_paras(cells(rows[0])[0]);
    assert_eq!(text(left[0]), "ỦY BAN NHÂN DÂN");
    assert_eq!(text(left[1]), "TỈNH VĨNH PHÚC");
    for p in &left[..2] {
        assert!(st.all_bold(*p));
        assert_eq!(st.size_pt(*p), 13.0);
        assert_eq!(st.jc(*p), "center");
    }
    let rule = left[2];
    let b = bottom_border(rule).expect("issuer rule");
    assert_eq!(wattr(b, "val"), Some("single"));
    assert_eq!(wint(b, "sz"), 4, "0.5 pt");
    let len = rule_length_mm(rule, 66.0);
    assert!(
        near(len, h.issuer_rule_mm, 0.1),
        "{len} vs {}",
        h.issuer_rule_mm
    );
    let issuer_w = kehoach::fonts::FontSet::embedded().width_mm(
        "ỦY BAN NHÂN DÂN",
        kehoach::fonts::Face::Bold,
        13.0,
    );
    assert!(
        (1.0 / 3.0..=0.5).contains(&(len / issuer_w)),
        "R16 ratio {}",
        len / issuer_w
    );

    // Row 1, right: quốc hiệu 13 pt bold, tiêu ngữ 14 pt bold, no underline,
    // no empty paragraph between (R12, R13), the line of its width (R14).
    let right = cell_paras(cells(rows[0])[1]);
    assert_eq!(text(right[0]), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!(st.all_bold(right[0]));
    assert_eq!(st.size_pt(right[0]), 13.0);
    assert_eq!(text(right[1]), "Độc lập - Tự do - Hạnh phúc");
    assert!(st.all_bold(right[1]) && !st.any_italic(right[1]));
    assert_eq!(st.size_pt(right[1]), 14.0);
    for r in st.text_runs(right[1]) {
        assert!(
            !st.run_underlined(right[1], r),
            "R14 no character underline"
        );
    }
    let len = rule_length_mm(right[2], 104.0);
    assert!(bottom_border(right[2]).is_some());
    assert!(near(len, 60.5, 6.05), "R14 {len}");
    // The quốc hiệu fits its column on one line (R12).
    let qh = kehoach::fonts::FontSet::embedded().width_mm(
        &h.quoc_hieu,
        kehoach::fonts::Face::Bold,
        13.0,
    );
    assert!(qh < 104.0);

    // Row 2: "Số:" 13 pt upright (R17), place–date italic 14 pt (R19).
    let so = cell_paras(cells(rows[1])[0])[0];
    assert_eq!(text(so), "Số: 152/KH-UBND");
    assert!(!st.any_bold(so) && !st.any_italic(so));
    assert_eq!(st.size_pt(so), 13.0);
    let date = cell_paras(cells(rows[1])[1])[0];
    assert_eq!(text(date), "Vĩnh Phúc, ngày 13 tháng 6 năm 2024");
    assert!(st.all_italic(date) && !st.any_bold(date));
    assert_eq!(st.size_pt(date), 14.0);
    assert_eq!(st.jc(date), "center");
}

#[test]
fn parent_agency_line_is_upright_and_the_issuer_bold() {
    let mut doc = sample_doc::sample();
    if let Block::Header(h) = &mut doc.sections[0].blocks[0] {
        h.parent_lines = vec!["UBND TỈNH VĨNH PHÚC".into()];
        h.issuer_lines = vec!["SỞ NỘI VỤ".into()];
    }
    let parts = unzip(&kehoach::docx::write(&doc).unwrap());
    let sx = parse(&parts["word/styles.xml"]);
    let st = Styles::new(&sx);
    let d = parse(&parts["word/document.xml"]);
    let left = cell_paras(cells(rows(body_blocks(&d)[0])[0])[0]);
    assert_eq!(text(left[0]), "UBND TỈNH VĨNH PHÚC");
    assert!(!st.any_bold(left[0]), "R15 parent not bold");
    assert_eq!(text(left[1]), "SỞ NỘI VỤ");
    assert!(st.all_bold(left[1]));
}

#[test]
fn title_trich_yeu_and_the_line_under_it() {
    let (d, sx) = sample_xml();
    let st = Styles::new(&sx);
    let b = body_blocks(&d);
    assert_eq!(text(b[1]), "KẾ HOẠCH");
    assert!(st.all_bold(b[1]) && !st.any_italic(b[1]));
    assert_eq!(st.size_pt(b[1]), 14.0);
    assert_eq!(st.jc(b[1]), "center", "R20");
    assert_eq!(
        text(b[2]),
        "Triển khai thực hiện cải cách hành chính năm 2024"
    );
    assert!(st.all_bold(b[2]));
    assert_eq!(st.jc(b[2]), "center", "R21");
    let rule = b[3];
    assert!(bottom_border(rule).is_some());
    assert_eq!(text(rule), "");
    let width = 210.0 - 30.0 - 15.0;
    let len = rule_length_mm(rule, width);
    let ty =
        kehoach::fonts::FontSet::embedded().width_mm(&text(b[2]), kehoach::fonts::Face::Bold, 14.0);
    assert!(
        (1.0 / 3.0..=0.5).contains(&(len / ty)),
        "R21 ratio {}",
        len / ty
    );
}

/// Paragraphs of the main body (outside tables) with their style ids.
fn main_paragraphs<'a, 'i>(
    d: &'a roxmltree::Document<'i>,
) -> Vec<(String, roxmltree::Node<'a, 'i>)> {
    body_blocks(d)
        .into_iter()
        .filter(|n| is(*n, "p"))
        .map(|p| {
            let id = child(p, "pPr")
                .and_then(|ppr| child(ppr, "pStyle"))
                .and_then(|s| wattr(s, "val"))
                .unwrap_or("")
                .to_string();
            (id, p)
        })
        .collect()
}

#[test]
fn body_paragraphs_headings_points_and_can_cu() {
    let (d, sx) = sample_xml();
    let st = Styles::new(&sx);
    let paras = main_paragraphs(&d);
    let of = |id: &'static str| paras.iter().filter(move |(s, _)| s == id).map(|(_, p)| *p);
    let mut n_body = 0;
    for p in of("NoiDung") {
        n_body += 1;
        // R07, R08, R09.
        assert_eq!(st.jc(p), "both", "{}", text(p));
        assert_eq!(st.ppr_int(p, "ind", "firstLine"), 720);
        assert_eq!(st.size_pt(p), 14.0);
        assert!(!st.any_italic(p) && !st.any_bold(p));
        let line = st.ppr_int(p, "spacing", "line");
        assert!((240..=360).contains(&line));
        assert!(st.ppr_int(p, "spacing", "before") >= 120);
    }
    assert!(n_body > 40);
    let points: Vec<String> = of("NoiDung")
        .map(text)
        .filter(|t| t.ends_with(')') || t.chars().nth(1) == Some(')'))
        .collect();
    assert_eq!(
        points
            .iter()
            .map(|t| t.chars().next().unwrap())
            .collect::<String>(),
        "abcdđ",
        "R26 letters"
    );
    assert!(of("NoiDung").any(|p| text(p).starts_with("- ")));
    assert!(of("NoiDung").any(|p| text(p).starts_with("+ ")));
    let cc: Vec<_> = of("CanCu").collect();
    assert_eq!(cc.len(), 2);
    for p in &cc {
        assert!(st.all_italic(*p), "R22");
        assert!(text(*p).starts_with("Căn cứ"));
    }
    assert!(text(cc[0]).ends_with(';') && text(cc[1]).ends_with('.'));
    let h1: Vec<String> = of("DeMuc1").map(text).collect();
    assert_eq!(
        h1,
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. NỘI DUNG",
            "III. TỔ CHỨC THỰC HIỆN"
        ]
    );
    for id in ["DeMuc1", "DeMuc2", "DeMuc3"] {
        for p in of(id) {
            assert!(st.all_bold(p), "R24/R25 {}", text(p));
            assert_eq!(st.size_pt(p), 14.0);
            assert!(st.ppr_on(p, "keepNext"), "heading keeps with next");
        }
    }
    assert!(of("DeMuc3").all(|p| st.all_italic(p)));
    assert!(of("DeMuc2").all(|p| !st.any_italic(p)));
}

#[test]
fn body_table_repeats_its_header_and_rows_do_not_split() {
    let (d, _) = sample_xml();
    let b = body_blocks(&d);
    // The second table of the main body is the task table.
    let t = b.iter().filter(|n| is(**n, "tbl")).nth(1).copied().unwrap();
    let grid: Vec<i64> = descendants(t, "gridCol").map(|g| wint(g, "w")).collect();
    assert_eq!(grid, vec![680, 4252, 2551, 1871]);
    let rs = rows(t);
    assert!(child(child(rs[0], "trPr").unwrap(), "tblHeader").is_some());
    for r in &rs[1..] {
        assert!(descendants(*r, "tblHeader").next().is_none());
    }
    for r in &rs {
        assert!(descendants(*r, "cantSplit").next().is_some());
    }
    let borders = descendants(t, "tblBorders").next().unwrap();
    for b in borders.children().filter(|n| n.is_element()) {
        assert_eq!(wattr(b, "val"), Some("single"));
        assert_eq!(wint(b, "sz"), 4);
    }
}

#[test]
fn appendix_table_has_spans_merges_column_numbers_and_a_total() {
    let (d, _) = sample_xml();
    let tables: Vec<_> = body_blocks(&d)
        .into_iter()
        .filter(|n| is(*n, "tbl"))
        .collect();
    let t = tables[3];
    let rs = rows(t);
    let model = sample_doc::appendix_table(4, 12);
    assert_eq!(rs.len(), model.header_rows.len() + model.body_rows.len());
    // Every row covers the whole grid (7 columns).
    for (i, r) in rs.iter().enumerate() {
        let span: i64 = cells(*r)
            .iter()
            .map(|c| {
                descendants(*c, "gridSpan")
                    .next()
                    .map(|g| wint(g, "val"))
                    .unwrap_or(1)
            })
            .sum();
        assert_eq!(span, 7, "row {i}");
    }
    // Three header rows repeat on every page; body rows do not.
    for (i, r) in rs.iter().enumerate() {
        assert_eq!(
            descendants(*r, "tblHeader").next().is_some(),
            i < 3,
            "row {i}"
        );
        assert!(descendants(*r, "cantSplit").next().is_some(), "row {i}");
    }
    // Row 1: TT, Nhiệm vụ and Kinh phí span two rows; Cơ quan and Thời gian two columns.
    let r0 = cells(rs[0]);
    let merge = |c: roxmltree::Node| {
        descendants(c, "vMerge")
            .next()
            .map(|v| wattr(v, "val").unwrap_or("continue").to_string())
    };
    let gspan = |c: roxmltree::Node| {
        descendants(c, "gridSpan")
            .next()
            .map(|g| wint(g, "val"))
            .unwrap_or(1)
    };
    assert_eq!(
        r0.iter().map(|c| gspan(*c)).collect::<Vec<_>>(),
        vec![1, 1, 2, 2, 1]
    );
    assert_eq!(merge(r0[0]).as_deref(), Some("restart"));
    assert_eq!(merge(r0[4]).as_deref(), Some("restart"));
    let r1 = cells(rs[1]);
    assert_eq!(r1.len(), 7);
    assert_eq!(merge(r1[0]).as_deref(), Some("continue"));
    assert_eq!(merge(r1[1]).as_deref(), Some("continue"));
    assert_eq!(merge(r1[6]).as_deref(), Some("continue"));
    assert_eq!(text(r1[2]), "Chủ trì");
    // Column-number row.
    let nums: Vec<String> = cells(rs[2]).iter().map(|c| text(*c)).collect();
    assert_eq!(nums, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]);
    // Group row: one cell spanning six columns, kept with the next row.
    let g = cells(rs[3]);
    assert_eq!(gspan(g[1]), 6);
    assert_eq!(text(g[1]), "NHÓM NHIỆM VỤ 1");
    assert!(descendants(rs[3], "keepNext").next().is_some());
    // Vertical merges of the lead agency over row pairs.
    let restarts = rs
        .iter()
        .filter_map(|r| cells(*r).get(2).copied())
        .filter(|c| merge(*c).as_deref() == Some("restart"))
        .count();
    assert_eq!(restarts, 4 * 6);
    // Total row: label over six columns and the sum.
    let last = cells(*rs.last().unwrap());
    assert_eq!(gspan(last[0]), 6);
    assert_eq!(text(last[0]), "Tổng cộng");
    assert_eq!(text(last[1]), "7200");
}

#[test]
fn closing_keeps_nơi_nhận_beside_the_signer_and_together_with_the_text() {
    let (d, sx) = sample_xml();
    let st = Styles::new(&sx);
    let b = body_blocks(&d);
    let (ci, closing) = b
        .iter()
        .enumerate()
        .find(|(_, n)| is(**n, "tbl") && text(**n).contains("Nơi nhận:"))
        .map(|(i, n)| (i, *n))
        .unwrap();
    // The last content paragraph ends with "./." (R27) and keeps with the closing (R42).
    let last = b[ci - 1];
    assert!(text(last).ends_with("./."));
    assert!(st.ppr_on(last, "keepNext"));
    let rs = rows(closing);
    assert_eq!(rs.len(), 1);
    assert!(descendants(rs[0], "cantSplit").next().is_some(), "R42");
    assert!(border_vals(closing).iter().all(|v| *v == Some("nil")));
    let [left, right] = cells(rs[0])[..] else {
        panic!("two cells")
    };

    // R31: label bold italic 12 pt, left.
    let label = cell_paras(left)[0];
    assert_eq!(text(label), "Nơi nhận:");
    assert!(st.all_bold(label) && st.all_italic(label));
    assert_eq!(st.size_pt(label), 12.0);
    assert_eq!(st.jc(label), "left");

    // R32: recipient lines 11 pt upright, "- …;", the last "- Lưu: VT, …."
    let recips: Vec<_> = descendants(left, "p")
        .filter(|p| text(*p).starts_with("- "))
        .collect();
    assert_eq!(recips.len(), 8);
    for (i, p) in recips.iter().enumerate() {
        assert_eq!(st.size_pt(*p), 11.0);
        assert!(!st.any_bold(*p) && !st.any_italic(*p));
        if i + 1 < recips.len() {
            assert!(text(*p).ends_with(';'), "{}", text(*p));
        }
    }
    assert_eq!(text(*recips.last().unwrap()), "- Lưu: VT, NC.");
    // R35: drafter mark after the Lưu line, 11 pt.
    let all: Vec<_> = descendants(left, "p")
        .filter(|p| !text(*p).is_empty())
        .collect();
    let lưu = all
        .iter()
        .position(|p| text(*p).starts_with("- Lưu"))
        .unwrap();
    assert_eq!(text(all[lưu + 1]), "NC.(30)");
    assert_eq!(st.size_pt(all[lưu + 1]), 11.0);
    // Brace group: a nested table with the first three lines, "}" and the note.
    let nested = descendants(left, "tbl").next().expect("brace table");
    let nc = cells(rows(nested)[0]);
    assert_eq!(nc.len(), 3);
    assert_eq!(
        cell_paras(nc[0])
            .iter()
            .map(|p| text(*p))
            .collect::<Vec<_>>(),
        ["- Bộ Nội vụ;", "- TT Tỉnh ủy;", "- TT HĐND tỉnh;"]
    );
    assert_eq!(text(nc[1]), "}");
    assert_eq!(text(nc[2]), "(b/c)");
    assert!(border_vals(nested).iter().all(|v| *v == Some("nil")));

    // R28–R30: authority lines bold centred, the gap, the name.
    let sig: Vec<_> = cell_paras(right);
    let texts: Vec<String> = sig.iter().map(|p| text(*p)).collect();
    assert_eq!(
        texts,
        [
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn Khước"
        ]
    );
    for p in &sig {
        assert!(st.all_bold(*p));
        assert_eq!(st.jc(*p), "center");
        assert_eq!(st.size_pt(*p), 14.0);
    }
    let gap = st.ppr_int(sig[3], "spacing", "before");
    assert!(near(mm(gap), 30.0, 0.1), "R30 gap {} mm", mm(gap));
}

#[test]
fn every_section_ends_its_content_with_the_end_marker() {
    let doc = sample_doc::sample();
    let parts = unzip(&kehoach::docx::write(&doc).unwrap());
    let d = parse(&parts["word/document.xml"]);
    let ends: Vec<String> = body_blocks(&d)
        .into_iter()
        .filter(|n| is(*n, "p") && text(*n).ends_with("./."))
        .map(text)
        .collect();
    assert_eq!(ends.len(), 3, "R27 main body and each appendix: {ends:?}");
}

#[test]
fn appendix_headings_are_centred_bold_and_the_reference_italic() {
    let (d, sx) = sample_xml();
    let st = Styles::new(&sx);
    let paras = main_paragraphs(&d);
    let labels: Vec<_> = paras
        .iter()
        .filter(|(s, _)| s == "PhuLuc")
        .map(|(_, p)| *p)
        .collect();
    assert_eq!(
        labels.iter().map(|p| text(*p)).collect::<Vec<_>>(),
        ["Phụ lục I", "Phụ lục II"]
    );
    for p in labels {
        assert!(st.all_bold(p));
        assert_eq!(st.size_pt(p), 14.0);
        assert_eq!(st.jc(p), "center");
    }
    for (_, p) in paras.iter().filter(|(s, _)| s == "KemTheo") {
        assert!(st.all_italic(*p) && text(*p).starts_with("(Kèm theo Kế hoạch số"));
    }
}

#[test]
fn a_quốc_hiệu_too_wide_for_its_column_is_condensed_not_wrapped() {
    let mut doc = sample_doc::sample();
    if let Block::Header(h) = &mut doc.sections[0].blocks[0] {
        // 13 pt bold needs about 95.7 mm (spec §4.1).
        h.right_width_mm = 94.0;
    }
    let parts = unzip(&kehoach::docx::write(&doc).unwrap());
    let d = parse(&parts["word/document.xml"]);
    let right = cell_paras(cells(rows(body_blocks(&d)[0])[0])[1]);
    let sp = descendants(right[0], "spacing")
        .find(|n| n.parent().is_some_and(|p| is(p, "rPr")))
        .expect("condensed quốc hiệu");
    let tw = wint(sp, "val");
    let need = kehoach::fonts::FontSet::embedded().width_mm(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        kehoach::fonts::Face::Bold,
        13.0,
    );
    let fitted = need + mm(tw) * 34.0;
    assert!(tw < 0 && fitted <= 94.0 - 0.5, "{tw} twips → {fitted} mm");
    // The sample's 104 mm column needs no condensing.
    let (d, _) = sample_xml();
    let right = cell_paras(cells(rows(body_blocks(&d)[0])[0])[1]);
    assert!(descendants(right[0], "spacing").all(|n| !n.parent().is_some_and(|p| is(p, "rPr"))));
}
