//! The national header block (ô 1–4): agency and quốc hiệu/tiêu ngữ side by
//! side with their rules, then "Số: …" and the place and date on one baseline.

use super::flow::{stack_paragraph, Boxed};
use super::lines::layout_paragraph;
use crate::doc::{Align, Header, ParaFormat, Paragraph, Run, StyleId};
use crate::fonts::{Face, FontSet};
use crate::pdf::frame::{mm, Item, Line, Role};

/// Space the DOCX puts above each header rule paragraph, points.
const RULE_GAP: f32 = 3.0;
/// The DOCX rule is the bottom border of an empty 1 pt paragraph, drawn
/// 1 pt (`w:space`) below that paragraph's line.
const RULE_BORDER_SPACE: f32 = 1.0;
/// Space between the lower edge of row 1's rules and the "Số" row, points
/// (the space before of row 2's paragraphs in the DOCX).
const ROW_GAP: f32 = 6.0;

/// A centred single-spaced line of header text.
fn centred(text: &str, size: f32, bold: bool, italic: bool) -> Paragraph {
    Paragraph {
        style: StyleId::HeaderText,
        format: ParaFormat {
            bold,
            italic,
            ..ParaFormat::plain(Align::Center, size)
        },
        runs: vec![Run {
            text: text.to_string(),
            ..Default::default()
        }],
    }
}

/// Stacks centred lines in a column; returns the y below them and the
/// baseline of the last line.
fn column(
    out: &mut Vec<Item>,
    fonts: &FontSet,
    lines: &[(&str, f32, bool, bool)],
    x: f32,
    width: f32,
    mut y: f32,
) -> (f32, f32) {
    let mut last_base = y;
    for &(text, size, bold, italic) in lines {
        let p = layout_paragraph(&centred(text, size, bold, italic), fonts, width);
        let before = out.len();
        y = stack_paragraph(out, &p, x, y);
        if let Some(Item::Text(t)) = out[before..].last() {
            last_base = t.y;
        }
    }
    (y, last_base)
}

/// A centred rule `length` wide in the column, just below a text line.
fn rule_under(x: f32, width: f32, length: f32, y: f32, thickness: f32) -> Item {
    let x1 = x + (width - length) / 2.0;
    Item::Line(Line {
        x1,
        y1: y,
        x2: x1 + length,
        y2: y,
        thickness_pt: thickness,
    })
}

/// Lays out the header block relative to the text area's left edge.
pub fn layout_header(h: &Header, fonts: &FontSet) -> Boxed {
    let mut items = Vec::new();
    let lx = mm(h.indent_mm);
    let lw = mm(h.left_width_mm);
    let rx = lx + lw;
    let rw = mm(h.right_width_mm);
    let thick = h.rule_thickness_pt;

    let mut left: Vec<(&str, f32, bool, bool)> = Vec::new();
    for l in &h.parent_lines {
        left.push((l, h.agency_size_pt, false, false));
    }
    for l in &h.issuer_lines {
        left.push((l, h.agency_size_pt, true, false));
    }
    let (_, lbase) = column(&mut items, fonts, &left, lx, lw, 0.0);
    let bold = fonts.face(Face::Bold);
    // From a line's baseline to the middle of the rule under it: the
    // descent, the rule paragraph's space before and 1 pt line, the border
    // distance, as Word and LibreOffice draw the DOCX.
    let drop = |size: f32| {
        bold.descent_pt(size)
            + RULE_GAP
            + fonts.face(Face::Regular).line_height_pt(1.0)
            + RULE_BORDER_SPACE
            + thick / 2.0
    };
    let ly = lbase + drop(h.agency_size_pt);
    if h.issuer_rule_mm > 0.0 && !left.is_empty() {
        items.push(rule_under(lx, lw, mm(h.issuer_rule_mm), ly, thick));
    }

    let right = [
        (h.quoc_hieu.as_str(), h.quoc_hieu_size_pt, true, false),
        (h.tieu_ngu.as_str(), h.tieu_ngu_size_pt, true, false),
    ];
    let (_, rbase) = column(&mut items, fonts, &right, rx, rw, 0.0);
    let ry = rbase + drop(h.tieu_ngu_size_pt);
    if h.tieu_ngu_rule_mm > 0.0 {
        items.push(rule_under(rx, rw, mm(h.tieu_ngu_rule_mm), ry, thick));
    }

    // Row 2: "Số" and the date share one baseline (R19), whatever the
    // number of agency lines above.
    let top2 = ly.max(ry) + thick / 2.0 + ROW_GAP;
    let mut row2 = Vec::new();
    let (lend, _) = column(
        &mut row2,
        fonts,
        &[(h.number_line.as_str(), h.number_size_pt, false, false)],
        lx,
        lw,
        0.0,
    );
    let split = row2.len();
    let (rend, _) = column(
        &mut row2,
        fonts,
        &[(h.place_date.as_str(), h.place_date_size_pt, false, true)],
        rx,
        rw,
        0.0,
    );
    let first_base = |its: &[Item]| match its.first() {
        Some(Item::Text(t)) => t.y,
        _ => 0.0,
    };
    let lb = first_base(&row2[..split]);
    let rb = first_base(&row2[split..]);
    let base = lb.max(rb);
    for (i, it) in row2.into_iter().enumerate() {
        let shift = if i < split { base - lb } else { base - rb };
        if let Item::Text(mut t) = it {
            t.y += top2 + shift;
            t.role = Role::Content;
            items.push(Item::Text(t));
        }
    }
    // The row ends below the lower of the two lines once aligned.
    let height = top2 + (lend + base - lb).max(rend + base - rb);
    Boxed { items, height }
}
