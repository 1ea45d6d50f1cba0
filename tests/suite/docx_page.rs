//! The DOCX package and page setup against the format rules (spec §17):
//! sections, margins, page numbers, fonts, styles, properties, determinism,
//! errors and speed. The sample plan is written, unzipped and read back.

use crate::support::docx_read;
use crate::support::sample_doc;

use docx_read::*;
use kehoach::doc::{self, Block, StyleId};
use sample_doc::{sample_parts, sample_xml};

/// The body's `w:sectPr`s in order: those carried by paragraphs, then the last.
fn sect_prs<'a, 'i>(d: &'a roxmltree::Document<'i>) -> Vec<roxmltree::Node<'a, 'i>> {
    descendants(d.root_element(), "sectPr").collect()
}

#[test]
fn sections_are_a4_with_rec_margins_and_the_appendix_orientation() {
    let (d, _) = sample_xml();
    let s = sect_prs(&d);
    assert_eq!(s.len(), 3, "main body and two appendices");
    let expect = [
        (11906, 16838, false),
        (16838, 11906, true),
        (11906, 16838, false),
    ];
    for (sp, (w, h, land)) in s.iter().zip(expect) {
        let sz = child(*sp, "pgSz").unwrap();
        assert_eq!((wint(sz, "w"), wint(sz, "h")), (w, h), "R01 A4");
        assert_eq!(
            wattr(sz, "orient") == Some("landscape"),
            land,
            "R02 orientation"
        );
        let m = child(*sp, "pgMar").unwrap();
        // [REC] 20/20/30/15 mm (R03), header at 10 mm.
        assert_eq!(wint(m, "top"), 1134);
        assert_eq!(wint(m, "bottom"), 1134);
        assert_eq!(wint(m, "left"), 1701);
        assert_eq!(wint(m, "right"), 850);
        assert_eq!(wint(m, "header"), 567);
    }
    assert!(!s[0].ancestors().any(|a| is(a, "p")) || s.len() > 1);
    // The last section's properties close the body.
    let body = child(d.root_element(), "body").unwrap();
    assert!(is(body.last_element_child().unwrap(), "sectPr"));
}

#[test]
fn the_official_template_profile_margins_are_written_as_given() {
    let mut doc = sample_doc::sample();
    for s in &mut doc.sections {
        s.page.margin_top_mm = 25.0;
        s.page.margin_bottom_mm = 20.0;
        s.page.margin_left_mm = 35.0;
        s.page.margin_right_mm = 20.0;
    }
    let parts = unzip(&kehoach::docx::write(&doc).unwrap());
    let d = parse(&parts["word/document.xml"]);
    let m = child(sect_prs(&d)[0], "pgMar").unwrap();
    assert_eq!(
        [
            wint(m, "top"),
            wint(m, "bottom"),
            wint(m, "left"),
            wint(m, "right")
        ],
        [1417, 1134, 1984, 1134]
    );
}

#[test]
fn page_numbers_top_centre_hidden_on_first_pages_restarting_per_appendix() {
    let parts = sample_parts();
    let (d, styles_xml) = sample_xml();
    let st = Styles::new(&styles_xml);
    for (i, sp) in sect_prs(&d).into_iter().enumerate() {
        // R10: first page of every section shows no number.
        assert!(child(sp, "titlePg").is_some(), "section {i} titlePg");
        let default = header_part(parts, sp, "default").expect("default header");
        let first = header_part(parts, sp, "first").expect("first-page header");
        let h = parse(&default);
        let instr: String = descendants(h.root_element(), "instrText")
            .map(|n| n.text().unwrap_or("").trim().to_string())
            .collect();
        assert_eq!(instr, "PAGE");
        let p = descendants(h.root_element(), "p").next().unwrap();
        assert_eq!(st.jc(p), "center");
        for r in children(p, "r") {
            assert_eq!(st.run_size_pt(p, r), 14.0);
            assert!(!st.run_bold(p, r));
        }
        assert!(!first.contains("PAGE"), "first-page header has no number");
        // R11: appendices restart at 1, Arabic.
        let pg = child(sp, "pgNumType").unwrap();
        assert_eq!(wattr(pg, "fmt"), Some("decimal"));
        if i == 0 {
            assert_eq!(wattr(pg, "start"), None);
        } else {
            assert_eq!(wattr(pg, "start"), Some("1"));
        }
    }
    // The number lives in a header (top margin), never a footer.
    assert!(!parts.keys().any(|k| k.contains("footer")));
}

#[test]
fn numbering_switches_are_honoured() {
    let mut doc = sample_doc::sample();
    doc.sections[1].numbering.show_on_first = true;
    doc.sections[2].numbering.show = false;
    let parts = unzip(&kehoach::docx::write(&doc).unwrap());
    let d = parse(&parts["word/document.xml"]);
    let s = sect_prs(&d);
    assert!(child(s[1], "titlePg").is_none());
    assert!(header_part(&parts, s[1], "default")
        .unwrap()
        .contains("PAGE"));
    assert!(!header_part(&parts, s[2], "default")
        .unwrap()
        .contains("PAGE"));
}

#[test]
fn times_new_roman_black_vietnamese_everywhere() {
    let parts = sample_parts();
    let styles = &parts["word/styles.xml"];
    let d = parse(styles);
    let fonts = descendants(d.root_element(), "rPrDefault")
        .flat_map(|n| descendants(n, "rFonts"))
        .next()
        .expect("default fonts");
    for slot in ["ascii", "hAnsi", "cs", "eastAsia"] {
        assert_eq!(
            wattr(fonts, slot),
            Some("Times New Roman"),
            "R04 slot {slot}"
        );
    }
    let lang = descendants(d.root_element(), "lang").next().unwrap();
    assert_eq!(wattr(lang, "val"), Some("vi-VN"));
    let color = descendants(d.root_element(), "color").next().unwrap();
    assert_eq!(wattr(color, "val"), Some("000000"));
    // No part overrides the font or the colour (R04, R05).
    for (name, xml) in parts {
        if name.ends_with(".xml") && name.starts_with("word/") && !name.contains("theme") {
            let x = parse(xml);
            for f in descendants(x.root_element(), "rFonts") {
                for a in f.attributes() {
                    assert_eq!(a.value(), "Times New Roman", "{name}");
                }
            }
            for c in descendants(x.root_element(), "color") {
                assert_eq!(wattr(c, "val"), Some("000000"), "{name}");
            }
        }
    }
}

#[test]
fn styles_have_vietnamese_names_and_every_reference_resolves() {
    let parts = sample_parts();
    let sx = parse(&parts["word/styles.xml"]);
    let st = Styles::new(&sx);
    for id in [
        StyleId::Body,
        StyleId::CanCu,
        StyleId::DocKind,
        StyleId::TrichYeu,
        StyleId::Heading(1),
        StyleId::Heading(2),
        StyleId::Heading(3),
        StyleId::TableText,
        StyleId::TableHeader,
        StyleId::HeaderText,
        StyleId::RecipientsLabel,
        StyleId::Recipient,
        StyleId::Signature,
        StyleId::AppendixLabel,
        StyleId::AppendixTitle,
        StyleId::AppendixRef,
    ] {
        assert_eq!(st.name_of(&id.docx_id()), Some(id.docx_name()), "{id:?}");
    }
    // Headings carry outline levels (navigation pane).
    let h2 = st.get("DeMuc2").unwrap();
    let lvl = descendants(h2, "outlineLvl").next().unwrap();
    assert_eq!(wattr(lvl, "val"), Some("1"));
    for part in parts
        .keys()
        .filter(|k| k.starts_with("word/") && k.ends_with(".xml"))
    {
        let x = parse(&parts[part]);
        for s in descendants(x.root_element(), "pStyle") {
            let id = wattr(s, "val").unwrap();
            assert!(st.get(id).is_some(), "{part} uses undefined style {id}");
        }
    }
}

#[test]
fn core_properties_and_the_draft_mark() {
    let parts = sample_parts();
    let core = &parts["docProps/core.xml"];
    assert!(core.contains(
        "<dc:title>Kế hoạch triển khai thực hiện cải cách hành chính năm 2024</dc:title>"
    ));
    assert!(core.contains("<dc:creator>Ủy ban nhân dân tỉnh Vĩnh Phúc</dc:creator>"));
    assert!(core.contains("<dc:subject>152/KH-UBND</dc:subject>"));
    assert!(!core.contains("dcterms:created"), "no timestamp");
    for (name, xml) in parts {
        assert!(
            !xml.contains("DỰ THẢO"),
            "draft mark is off by default ({name})"
        );
    }
    let mut doc = sample_doc::sample();
    doc.meta.draft = Some("DỰ THẢO".into());
    let parts = unzip(&kehoach::docx::write(&doc).unwrap());
    let d = parse(&parts["word/document.xml"]);
    for sp in sect_prs(&d) {
        for kind in ["default", "first"] {
            let h = header_part(&parts, sp, kind).unwrap();
            assert!(h.contains("DỰ THẢO"), "{kind} header");
        }
    }
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = sample_doc::sample();
    let a = kehoach::docx::write(&doc).unwrap();
    let b = kehoach::docx::write(&doc).unwrap();
    assert_eq!(a, b);
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    for i in 0..z.len() {
        let f = z.by_index(i).unwrap();
        let t = f.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{}", f.name());
    }
    assert_eq!(z.by_index(0).unwrap().name(), "[Content_Types].xml");
}

#[test]
fn text_is_escaped_and_control_characters_dropped() {
    let mut doc = sample_doc::sample();
    doc.sections[0]
        .blocks
        .push(sample_doc::body("A & B <c> \"d\"\u{1} e\tf"));
    let parts = unzip(&kehoach::docx::write(&doc).unwrap());
    let d = parse(&parts["word/document.xml"]);
    let found = body_blocks(&d)
        .into_iter()
        .any(|p| text(p) == "A & B <c> \"d\" e\tf");
    assert!(found);
}

#[test]
fn bad_documents_are_refused_with_a_message() {
    let empty = doc::Document::default();
    let e = kehoach::docx::write(&empty).unwrap_err();
    assert!(e.to_string().contains("không có phần"), "{e}");

    let mut d = sample_doc::sample();
    d.sections[0].blocks.push(sample_doc::body("x"));
    if let Some(Block::Paragraph(p)) = d.sections[0].blocks.last_mut() {
        p.format.size_pt = f32::NAN;
    }
    assert!(kehoach::docx::write(&d)
        .unwrap_err()
        .message
        .contains("cỡ chữ"));

    assert_table_refused(
        |t| t.body_rows[0].cells[3].colspan = 2,
        "vượt ra ngoài bảng",
    );

    assert_table_refused(|t| t.body_rows[2].cells[1].rowspan = 3, "rowspan");

    assert_table_refused(|t| t.body_rows[0].cells[1].rowspan = 2, "trùng");

    let mut d = sample_doc::sample();
    for b in &mut d.sections[0].blocks {
        if let Block::Closing(c) = b {
            c.braces[0].last = 99;
        }
    }
    assert!(kehoach::docx::write(&d)
        .unwrap_err()
        .message
        .contains("nơi nhận"));
}

/// The sample with a body table that `edit` breaks: the writer refuses it
/// with a message containing `word`.
fn assert_table_refused(edit: impl Fn(&mut doc::Table), word: &str) {
    let mut d = sample_doc::sample();
    let mut t = sample_doc::body_table();
    edit(&mut t);
    d.sections[0].blocks.push(Block::Table(t));
    let e = kehoach::docx::write(&d).unwrap_err();
    assert!(e.message.contains(word), "{word}: {}", e.message);
}

#[test]
fn a_thousand_page_document_writes_quickly() {
    let mut doc = sample_doc::sample();
    // Over 1,000 pages: a 3,000-row appendix table and 14,000 body
    // paragraphs; LibreOffice lays this file out on 1,474 pages.
    doc.sections[1].blocks[4] = Block::Table(sample_doc::appendix_table(10, 300));
    for i in 0..14000 {
        doc.sections[2].blocks.push(sample_doc::body(&format!(
            "{i}. Cơ quan theo dõi: đôn đốc, hướng dẫn các cơ quan, đơn vị thực hiện nhiệm vụ được giao; tổng hợp khó khăn, vướng mắc báo cáo Ủy ban nhân dân tỉnh."
        )));
    }
    let t = std::time::Instant::now();
    let bytes = kehoach::docx::write(&doc).unwrap();
    let took = t.elapsed();
    // About 0.8 s in an unoptimised build on an idle machine, a fraction of
    // that in release. The bound is loose because test machines are shared;
    // quadratic work on 10 MB of XML would take minutes, not seconds.
    assert!(took.as_secs_f32() < 30.0, "{took:?}");
    let parts = unzip(&bytes);
    assert!(parts["word/document.xml"].len() > 10_000_000);
    println!(
        "{} MB of document.xml in {took:?}",
        parts["word/document.xml"].len() / 1_000_000
    );
}

#[test]
fn edge_cases_give_a_consistent_package() {
    let bytes = kehoach::docx::write(&sample_doc::edge_cases()).unwrap();
    let parts = unzip(&bytes);
    let d = parse(&parts["word/document.xml"]);
    assert_eq!(sect_prs(&d).len(), 3);
    // Every section break sits in a paragraph or closes the body.
    for sp in sect_prs(&d) {
        let parent = sp.parent().unwrap();
        assert!(is(parent, "pPr") || is(parent, "body"));
    }
    // The row-less table is left out; the cell-less row is filled to the grid.
    let tables: Vec<_> = body_blocks(&d)
        .into_iter()
        .filter(|n| is(*n, "tbl"))
        .collect();
    assert_eq!(tables.len(), 3, "closing, task table, appendix table");
    let last_row = *rows(tables[1]).last().unwrap();
    assert_eq!(cells(last_row).len(), 4);
    for tc in descendants(d.root_element(), "tc") {
        assert!(
            is(tc.last_element_child().unwrap(), "p"),
            "a cell ends with a paragraph"
        );
    }
    // Adjacent tables are kept apart by a paragraph, or Word joins them.
    let blocks = body_blocks(&d);
    for w in blocks.windows(2) {
        assert!(!(is(w[0], "tbl") && is(w[1], "tbl")), "two tables touch");
    }
    let p = body_blocks(&d)
        .into_iter()
        .find(|p| text(*p).starts_with("Cột 1"))
        .unwrap();
    assert_eq!(text(p), "Cột 1\tcột 2dòng mới");
    assert_eq!(descendants(p, "br").count(), 1);
    let headers_with_numbers = parts
        .iter()
        .filter(|(k, v)| k.contains("header") && v.contains("PAGE"))
        .count();
    assert_eq!(headers_with_numbers, 1, "only the appendix shows numbers");
}
