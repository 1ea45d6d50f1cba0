//! A second, independent DOCX reader: docx-rs parses what the project's
//! writer produced for each reference plan. Our own readers (roxmltree over
//! the unzipped parts) know how the writer thinks; docx-rs does not, so a
//! text or page-setup mismatch here is a real interoperability defect.

use docx_rs::{DocumentChild, Table, TableCellContent, TableChild, TableRowChild};
use serde_json::Value;

use crate::support::e2e::{nfc, refs, text_paragraphs, words};

/// Paragraph texts in reading order, table cells row by row.
fn table_texts(table: &Table, out: &mut Vec<String>) {
    for TableChild::TableRow(row) in &table.rows {
        for TableRowChild::TableCell(cell) in &row.cells {
            for content in &cell.children {
                match content {
                    TableCellContent::Paragraph(p) => out.push(p.raw_text()),
                    TableCellContent::Table(t) => table_texts(t, out),
                    _ => {}
                }
            }
        }
    }
}

fn body_texts(docx: &docx_rs::Docx) -> Vec<String> {
    let mut out = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => out.push(p.raw_text()),
            DocumentChild::Table(t) => table_texts(t, &mut out),
            _ => {}
        }
    }
    out
}

fn read(r: &crate::support::e2e::Ref) -> docx_rs::Docx {
    let bytes = kehoach::docx::write(&r.doc).unwrap_or_else(|e| panic!("{} writes: {e:?}", r.name));
    docx_rs::read_docx(&bytes)
        .unwrap_or_else(|e| panic!("{}: docx-rs cannot read our DOCX: {e:?}", r.name))
}

#[test]
fn docx_rs_reads_every_word_of_each_reference_plan_in_order() {
    for r in refs() {
        let docx = read(r);
        let got: Vec<String> = body_texts(&docx).iter().flat_map(|t| words(t)).collect();
        let want: Vec<String> = text_paragraphs(&r.doc)
            .iter()
            .flat_map(|t| words(t))
            .collect();
        assert!(got.len() > 500, "{}: only {} words read", r.name, got.len());
        // The composed text lists the same words; the DOCX may add nothing
        // and lose nothing. Compare as sequences and show the first split.
        let first_diff = got.iter().zip(&want).position(|(a, b)| a != b);
        assert!(
            first_diff.is_none() && got.len() == want.len(),
            "{}: word {} differs (docx-rs {} words, composed {}): docx-rs …{:?}… composed …{:?}…",
            r.name,
            first_diff.unwrap_or(got.len().min(want.len())),
            got.len(),
            want.len(),
            &got[first_diff.unwrap_or(0).saturating_sub(3)..][..8.min(got.len())],
            &want[first_diff.unwrap_or(0).saturating_sub(3)..][..8.min(want.len())],
        );
        assert!(got.iter().all(|w| *w == nfc(w)), "{}: text is NFC", r.name);
    }
}

#[test]
fn docx_rs_sees_a4_pages_with_the_decree_margins() {
    for r in refs() {
        let docx = read(r);
        let json = serde_json::to_value(&docx.document.section_property).expect("serializable");
        let size = &json["pageSize"];
        let (w, h) = (size["w"].as_u64(), size["h"].as_u64());
        // The last section is the last appendix or the body: A4 either way.
        let dims = (w.expect("width"), h.expect("height"));
        assert!(
            dims == (11906, 16838) || dims == (16838, 11906),
            "{}: page {dims:?} twips is not A4",
            r.name
        );
        let m = &json["pageMargin"];
        let mm = |v: &Value| v.as_i64().expect("margin") as f64 * 25.4 / 1440.0;
        let (top, bottom, left, right) = (
            mm(&m["top"]),
            mm(&m["bottom"]),
            mm(&m["left"]),
            mm(&m["right"]),
        );
        // R03: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm (rotated
        // for landscape pages, where the binding edge is the top).
        let ok_portrait = (19.9..=25.1).contains(&top)
            && (19.9..=25.1).contains(&bottom)
            && (29.9..=35.1).contains(&left)
            && (14.9..=20.1).contains(&right);
        let ok_landscape = (29.9..=35.1).contains(&top)
            && (14.9..=20.1).contains(&bottom)
            && (19.9..=25.1).contains(&left)
            && (19.9..=25.1).contains(&right);
        assert!(
            ok_portrait || ok_landscape,
            "{}: margins top {top:.1} bottom {bottom:.1} left {left:.1} right {right:.1} mm",
            r.name
        );
    }
}
