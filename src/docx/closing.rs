//! Nơi nhận beside the signature block (ô 9b, 7a–7c): one borderless row
//! that never splits (R31, R42), with brace groups as nested tables.

use super::body::{para, paragraph, Extra};
use super::header::{cell_start, layout_table_start};
use super::styles::{Sty, StyleSheet};
use super::xml::{twips, Xml};
use super::DocxError;
use crate::doc::{Brace, Closing, ParaFormat, Paragraph, Run, VAlign};
use crate::fonts::{Face, FontSet};

/// Width of the brace column of a group, mm.
const BRACE_COL_MM: f32 = 4.0;
/// Single line height of Times New Roman as a multiple of the size (spec §1).
const LINE_FACTOR: f32 = 1.15;
/// Slimmest horizontal scale of the brace, percent.
const MIN_BRACE_SCALE: f32 = 25.0;

/// Checks brace ranges before anything is written.
pub fn check(c: &Closing) -> Result<(), DocxError> {
    let n = c.recipients.len();
    let mut next_free = 0;
    for b in &c.braces {
        if b.first > b.last || b.last >= n {
            return Err(DocxError::new(format!(
                "nhóm ngoặc nơi nhận {}..{} nằm ngoài danh sách {n} dòng",
                b.first + 1,
                b.last + 1
            )));
        }
        if b.first < next_free {
            return Err(DocxError::new(format!(
                "nhóm ngoặc nơi nhận {}..{} chồng lên nhóm trước hoặc không theo thứ tự",
                b.first + 1,
                b.last + 1
            )));
        }
        next_free = b.last + 1;
    }
    Ok(())
}

pub fn write(x: &mut Xml, ss: &StyleSheet, c: &Closing) {
    layout_table_start(x, &[c.left_width_mm, c.right_width_mm], 0.0);
    x.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>");

    // Left: "Nơi nhận:", the recipient lines with their brace groups, ô 12.
    cell_start(x, c.left_width_mm);
    paragraph(x, ss, &c.label, Extra::default());
    let mut i = 0;
    let mut braces = c.braces.iter().peekable();
    while i < c.recipients.len() {
        match braces.peek() {
            Some(b) if b.first == i => {
                brace_group(x, ss, c, b);
                i = b.last + 1;
                braces.next();
            }
            _ => {
                paragraph(x, ss, &c.recipients[i], Extra::default());
                i += 1;
            }
        }
    }
    if let Some(d) = &c.drafter {
        paragraph(x, ss, d, Extra::default());
    }
    x.raw("</w:tc>");

    // Right: authority and title lines, the signature gap, the name (R28–R30).
    cell_start(x, c.right_width_mm);
    for p in &c.authority {
        paragraph(x, ss, p, Extra::default());
    }
    // The gap is space before the name, not empty paragraphs a secretary
    // might delete or a page could break between.
    let gap_pt = c.signature_gap_mm * 72.0 / 25.4;
    let f = ParaFormat {
        // The schema caps spacing at 1584 pt.
        space_before_pt: (c.name.format.space_before_pt + gap_pt).min(1584.0),
        ..c.name.format
    };
    para(
        x,
        ss,
        Sty::Doc(c.name.style),
        &f,
        &c.name.runs,
        Extra::default(),
    );
    x.raw("</w:tc></w:tr></w:tbl>");
}

/// Lines a paragraph takes in a column `width_mm` wide (greedy word wrap
/// with Times-metric advances), so the brace can be as tall as its group.
fn lines_in(p: &Paragraph, width_mm: f32) -> usize {
    let fonts = FontSet::embedded();
    let size = p.format.size_pt;
    let face = Face::of(p.format.bold, p.format.italic);
    let space = fonts.width_mm(" ", face, size);
    let avail = (width_mm - p.format.left_indent_mm - p.format.right_indent_mm).max(1.0);
    let mut lines = 1;
    let mut used = p.format.first_line_indent_mm.max(0.0);
    for word in p.text().split(' ').filter(|w| !w.is_empty()) {
        let w = fonts.width_mm(word, face, size);
        if used > 0.0 && used + w > avail {
            lines += 1;
            used = w + space;
        } else {
            used += w + space;
        }
    }
    lines
}

/// A group of recipient lines with a right brace and the shared note beside
/// it: a nested borderless table of one row (text | "}" | note). The brace is
/// the "}" glyph at the group's height, narrowed with a horizontal scale and
/// held by an exact line height so it cannot grow the row; it stays text,
/// so Word, LibreOffice and the PDF writer show it alike.
fn brace_group(x: &mut Xml, ss: &StyleSheet, c: &Closing, b: &Brace) {
    let group = &c.recipients[b.first..=b.last];
    let size = group[0].format.size_pt;
    let fonts = FontSet::embedded();
    let note_w =
        (fonts.width_mm(&b.note, Face::Regular, size) + 2.0).clamp(10.0, c.left_width_mm * 0.45);
    // The brace sits right after the longest line of the group, not at the
    // far edge of the column; the note column takes what is left.
    let room = (c.left_width_mm - BRACE_COL_MM - note_w).max(10.0);
    let longest = group
        .iter()
        .map(|p| {
            let face = Face::of(p.format.bold, p.format.italic);
            fonts.width_mm(&p.text(), face, p.format.size_pt)
                + p.format.left_indent_mm
                + p.format.first_line_indent_mm.max(0.0)
                + 1.0
        })
        .fold(0.0f32, f32::max);
    let text_w = longest.min(room);
    let note_w = c.left_width_mm - BRACE_COL_MM - text_w;

    let height_pt: f32 = group
        .iter()
        .map(|p| {
            lines_in(p, text_w) as f32 * p.format.size_pt * LINE_FACTOR * p.format.line_spacing
                + p.format.space_before_pt
                + p.format.space_after_pt
        })
        .sum();
    // Times "}" spans about 0.87 em; size it to fill the group's height.
    // Font sizes stop at 1638 pt and exact line heights at 1584 pt.
    let height_pt = height_pt.min(1584.0);
    let brace_pt = (height_pt / 0.95).max(size).min(1638.0);
    let glyph_mm = fonts.width_mm("}", Face::Regular, brace_pt);
    let scale = (100.0 * (BRACE_COL_MM - 1.0) / glyph_mm).clamp(MIN_BRACE_SCALE, 100.0);

    layout_table_start(x, &[text_w, BRACE_COL_MM, note_w], 0.0);
    x.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    cell_start(x, text_w);
    for p in group {
        paragraph(x, ss, p, Extra::default());
    }
    x.raw("</w:tc>");

    valign_cell_start(x, BRACE_COL_MM, VAlign::Center);
    let brace = &group[0];
    x.raw("<w:p><w:pPr><w:pStyle w:val=\"");
    x.raw(&Sty::Doc(brace.style).id());
    x.raw("\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"");
    x.int(super::xml::twips_pt(height_pt.max(size)));
    x.raw("\" w:lineRule=\"exact\"/><w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"left\"/></w:pPr>");
    x.raw("<w:r><w:rPr><w:b w:val=\"0\"/><w:i w:val=\"0\"/><w:w w:val=\"");
    x.int(scale.round() as i64);
    x.raw("\"/>");
    x.val_int("<w:sz", super::xml::half_points(brace_pt));
    x.val_int("<w:szCs", super::xml::half_points(brace_pt));
    x.raw("</w:rPr><w:t>}</w:t></w:r></w:p></w:tc>");

    valign_cell_start(x, note_w, VAlign::Center);
    let f = ParaFormat {
        first_line_indent_mm: 0.0,
        left_indent_mm: 0.0,
        right_indent_mm: 0.0,
        space_before_pt: 0.0,
        space_after_pt: 0.0,
        ..brace.format
    };
    let runs = [Run {
        text: b.note.clone(),
        bold: false,
        italic: false,
    }];
    para(x, ss, Sty::Doc(brace.style), &f, &runs, Extra::default());
    x.raw("</w:tc></w:tr></w:tbl>");
    // A table directly followed by another table or the cell end needs a
    // paragraph between them in Word.
    x.raw("<w:p><w:pPr><w:pStyle w:val=\"");
    x.raw(&Sty::Rule.id());
    x.raw("\"/></w:pPr></w:p>");
}

fn valign_cell_start(x: &mut Xml, width_mm: f32, v: VAlign) {
    x.raw("<w:tc><w:tcPr><w:tcW w:w=\"");
    x.int(twips(width_mm));
    x.raw("\" w:type=\"dxa\"/>");
    x.raw(match v {
        VAlign::Top => "<w:vAlign w:val=\"top\"/>",
        VAlign::Center => "<w:vAlign w:val=\"center\"/>",
        VAlign::Bottom => "<w:vAlign w:val=\"bottom\"/>",
    });
    x.raw("</w:tcPr>");
}
