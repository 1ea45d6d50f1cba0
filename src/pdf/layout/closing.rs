//! The closing block: Nơi nhận (left, with brace groups) beside the
//! authority lines, signature space and signer's name (right), as one unit.

use super::flow::{stack_paragraph, Boxed};
use super::lines::layout_paragraph;
use crate::doc::Closing;
use crate::fonts::FontSet;
use crate::pdf::frame::{mm, Brace, Item, Role, Text};

/// Gap between the widest braced line and the brace, and the brace depth.
const BRACE_GAP: f32 = 3.0;
const BRACE_WIDTH: f32 = 5.0;

/// Lays out the closing block relative to the text area's left edge.
pub fn layout_closing(c: &Closing, fonts: &FontSet) -> Boxed {
    let mut items = Vec::new();
    let lw = mm(c.left_width_mm);
    let rx = lw;
    let rw = mm(c.right_width_mm);

    // Left column: label, recipients (remembering each line's extent for
    // braces), drafter mark.
    let label = layout_paragraph(&c.label, fonts, lw);
    let mut y = stack_paragraph(&mut items, &label, 0.0, 0.0);
    let mut spans = Vec::with_capacity(c.recipients.len());
    for r in &c.recipients {
        let p = layout_paragraph(r, fonts, lw);
        let top = y + p.space_before;
        let before = items.len();
        y = stack_paragraph(&mut items, &p, 0.0, y);
        let right = items[before..]
            .iter()
            .filter_map(|it| match it {
                Item::Text(t) => Some(t.x + t.width),
                _ => None,
            })
            .fold(0.0f32, f32::max);
        let bottom = top + p.lines_height();
        spans.push((
            top,
            bottom,
            right,
            p.items.first().map(|t| (t.face, t.size_pt)),
        ));
    }
    for b in &c.braces {
        if b.first > b.last || b.last >= spans.len() {
            continue;
        }
        let group = &spans[b.first..=b.last];
        let top = group[0].0;
        let bottom = group[group.len() - 1].1;
        let x = group.iter().map(|s| s.2).fold(0.0f32, f32::max) + BRACE_GAP;
        items.push(Item::Brace(Brace {
            x,
            top: top + 1.0,
            bottom: bottom - 1.0,
            width: BRACE_WIDTH,
            thickness_pt: 0.6,
        }));
        if !b.note.is_empty() {
            let (face, size) = group[0].3.unwrap_or((crate::fonts::Face::Regular, 11.0));
            let f = fonts.face(face);
            let width = f.width_pt(&b.note, size);
            let mid = (top + bottom) / 2.0;
            items.push(Item::Text(Text {
                x: x + BRACE_WIDTH + 2.0,
                y: mid + (f.ascent_pt(size) - f.descent_pt(size)) / 2.0,
                face,
                size_pt: size,
                text: b.note.clone(),
                word_spacing: 0.0,
                width,
                role: Role::Content,
            }));
        }
    }
    if let Some(d) = &c.drafter {
        let p = layout_paragraph(d, fonts, lw);
        y = stack_paragraph(&mut items, &p, 0.0, y);
    }
    let left_h = y;

    // Right column: authority lines, the signature gap, the name.
    let mut y = 0.0;
    for a in &c.authority {
        let p = layout_paragraph(a, fonts, rw);
        y = stack_paragraph(&mut items, &p, rx, y);
    }
    y += mm(c.signature_gap_mm);
    let p = layout_paragraph(&c.name, fonts, rw);
    y = stack_paragraph(&mut items, &p, rx, y);

    Boxed {
        items,
        height: left_h.max(y),
    }
}
