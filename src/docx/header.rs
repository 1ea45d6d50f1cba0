//! The national header (ô 1–4, spec §4.5): a borderless two-column, two-row
//! table, so that "Số:" and the place–date line share a row however many
//! lines the agency name takes.

use super::body::{para, rule, Extra};
use super::styles::{plain, Sty, StyleSheet};
use super::xml::{twips, Xml};
use crate::doc::{Align, Header, ParaFormat, Run, StyleId};

/// Space between the rules of row 1 and the "Số" / date row, pt.
const ROW2_SPACE_PT: f32 = 6.0;
/// Space above each rule, pt: clears the descenders of the line above.
const RULE_GAP_PT: f32 = 3.0;

/// The header style's format: centred, single, no spacing (§4.5), agency size.
pub fn base_format(h: &Header) -> ParaFormat {
    // Header lines keep with what follows: the block stays with the title (R42).
    ParaFormat {
        keep_with_next: true,
        ..plain(h.agency_size_pt, Align::Center)
    }
}

/// Borders explicitly absent, so no table style or default can draw any (R12).
pub const NO_BORDERS: &str = concat!(
    "<w:tblBorders>",
    "<w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/>",
    "<w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/>",
    "</w:tblBorders>"
);

/// Zero cell margins: a cell's text width is its column width, so a rule's
/// indents computed from the column give its exact length.
pub const NO_CELL_MARGINS: &str = concat!(
    "<w:tblCellMar>",
    "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"0\" w:type=\"dxa\"/>",
    "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/>",
    "</w:tblCellMar>"
);

/// `<w:tblPr>` … `<w:tblGrid>` of a borderless layout table.
pub fn layout_table_start(x: &mut Xml, widths_mm: &[f32], indent_mm: f32) {
    let total: i64 = widths_mm.iter().map(|w| twips(*w)).sum();
    x.raw("<w:tbl><w:tblPr><w:tblW w:w=\"");
    x.int(total);
    x.raw("\" w:type=\"dxa\"/><w:tblInd w:w=\"");
    x.int(twips(indent_mm));
    x.raw("\" w:type=\"dxa\"/>");
    x.raw(NO_BORDERS);
    x.raw("<w:tblLayout w:type=\"fixed\"/>");
    x.raw(NO_CELL_MARGINS);
    x.raw("</w:tblPr><w:tblGrid>");
    for w in widths_mm {
        x.raw("<w:gridCol w:w=\"");
        x.int(twips(*w));
        x.raw("\"/>");
    }
    x.raw("</w:tblGrid>");
}

/// Opens a cell of `width_mm`, top-aligned.
pub fn cell_start(x: &mut Xml, width_mm: f32) {
    x.raw("<w:tc><w:tcPr><w:tcW w:w=\"");
    x.int(twips(width_mm));
    x.raw("\" w:type=\"dxa\"/></w:tcPr>");
}

#[allow(clippy::too_many_arguments)]
fn line(
    x: &mut Xml,
    ss: &StyleSheet,
    text: &str,
    size: f32,
    bold: bool,
    italic: bool,
    before: f32,
    char_spacing_tw: i64,
) {
    let f = ParaFormat {
        bold,
        italic,
        space_before_pt: before,
        keep_with_next: true,
        ..plain(size, Align::Center)
    };
    let runs = [Run {
        text: text.to_string(),
        bold: false,
        italic: false,
    }];
    para(
        x,
        ss,
        Sty::Doc(StyleId::HeaderText),
        &f,
        &runs,
        Extra {
            char_spacing_tw,
            ..Extra::default()
        },
    );
}

/// Character spacing (twips, ≤ 0) that keeps a bold line on one line in a
/// column `width_mm` wide: a wrapped quốc hiệu is a defect (R12). Widths are
/// Times metrics from the embedded fonts; at most 1 pt tighter per character,
/// so a column far too narrow still wraps rather than turning illegible.
fn fit_spacing_tw(text: &str, size_pt: f32, width_mm: f32) -> i64 {
    let fonts = crate::fonts::FontSet::embedded();
    let need = fonts.width_mm(text, crate::fonts::Face::Bold, size_pt);
    // Half a millimetre of slack for renderers that round glyph advances.
    let excess = need - (width_mm - 0.5);
    if excess <= 0.0 {
        return 0;
    }
    let n = text.chars().count().max(1) as f32;
    -((twips(excess) as f32 / n).ceil() as i64).min(20)
}

pub fn write(x: &mut Xml, ss: &StyleSheet, h: &Header) {
    let t = h.rule_thickness_pt;
    layout_table_start(x, &[h.left_width_mm, h.right_width_mm], h.indent_mm);

    // Row 1: agency block | quốc hiệu and tiêu ngữ. Rows never split (R42).
    x.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    cell_start(x, h.left_width_mm);
    // Parent lines upright, issuer lines bold (R15).
    for l in &h.parent_lines {
        line(x, ss, l, h.agency_size_pt, false, false, 0.0, 0);
    }
    for l in &h.issuer_lines {
        line(x, ss, l, h.agency_size_pt, true, false, 0.0, 0);
    }
    // R16: 1/3–1/2 of the longest issuer line, centred under it.
    rule(
        x,
        h.issuer_rule_mm,
        t,
        RULE_GAP_PT,
        0.0,
        h.left_width_mm,
        true,
        None,
    );
    x.raw("</w:tc>");
    cell_start(x, h.right_width_mm);
    let qh = fit_spacing_tw(&h.quoc_hieu, h.quoc_hieu_size_pt, h.right_width_mm);
    line(
        x,
        ss,
        &h.quoc_hieu,
        h.quoc_hieu_size_pt,
        true,
        false,
        0.0,
        qh,
    );
    line(x, ss, &h.tieu_ngu, h.tieu_ngu_size_pt, true, false, 0.0, 0);
    // R14: the tiêu ngữ's own width, a drawn line rather than an underline.
    rule(
        x,
        h.tieu_ngu_rule_mm,
        t,
        RULE_GAP_PT,
        0.0,
        h.right_width_mm,
        true,
        None,
    );
    x.raw("</w:tc></w:tr>");

    // Row 2: "Số:" | place and date, on one row (R17, R19).
    x.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    cell_start(x, h.left_width_mm);
    line(
        x,
        ss,
        &h.number_line,
        h.number_size_pt,
        false,
        false,
        ROW2_SPACE_PT,
        0,
    );
    x.raw("</w:tc>");
    cell_start(x, h.right_width_mm);
    line(
        x,
        ss,
        &h.place_date,
        h.place_date_size_pt,
        false,
        true,
        ROW2_SPACE_PT,
        0,
    );
    x.raw("</w:tc></w:tr></w:tbl>");
}
