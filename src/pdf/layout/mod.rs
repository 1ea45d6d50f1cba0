//! The layout engine: document model in, pages of positioned items out
//! (points, y down), independent of any PDF library.

pub mod closing;
pub mod flow;
pub mod header;
pub mod lines;
pub mod table;

pub use crate::pdf::frame::{Brace, Item, Line, Page, Rect, Role, Text};

use crate::doc::{Block, Document, Section};
use crate::fonts::{Face, FontSet};
use crate::pdf::frame::mm;
use flow::{Boxed, Flow};
use lines::ParaLines;
use table::TableBox;

/// Distance between a rule paragraph's line and its bottom border in the
/// DOCX (`w:space="1"`), points.
const RULE_BORDER_SPACE: f32 = 1.0;

/// A block measured for the current section's text width.
enum Laid {
    Para(ParaLines),
    Rule {
        length: f32,
        /// Height of the DOCX rule paragraph's 1 pt line and its border
        /// distance, above the rule.
        line: f32,
        thickness: f32,
        before: f32,
        after: f32,
    },
    /// Header or closing block: never split.
    Fixed(Boxed),
    Table(TableBox),
}

impl Laid {
    /// Height of the part that must open on the same page as a preceding
    /// keep-with-next block.
    fn lead(&self) -> f32 {
        match self {
            Laid::Para(p) => {
                let n = p.lines.len();
                // Widow/orphan control never splits a paragraph of up to
                // three lines; a longer one can start with two.
                let k = if p.keep_lines || n <= 3 { n } else { 2 };
                p.space_before + k as f32 * p.line_height
            }
            Laid::Rule {
                line,
                thickness,
                before,
                after,
                ..
            } => before + line + thickness + after,
            Laid::Fixed(b) => b.height,
            Laid::Table(t) => t.lead_height(),
        }
    }
}

/// Lays out the whole document.
pub fn layout(doc: &Document, fonts: &FontSet) -> Vec<Page> {
    let mut flow = Flow::new(fonts, doc.meta.draft.as_deref());
    for (i, s) in doc.sections.iter().enumerate() {
        flow.begin_section(i, &s.page, s.numbering);
        place_section(&mut flow, s);
    }
    if flow.pages.is_empty() {
        // A PDF needs at least one page; a document without sections is
        // written as one blank A4 page rather than an unreadable file.
        flow.new_page();
    }
    flow.pages
}

fn measure(b: &Block, fonts: &FontSet, width: f32) -> Laid {
    match b {
        Block::Paragraph(p) => Laid::Para(lines::layout_paragraph(p, fonts, width)),
        Block::Rule(r) => Laid::Rule {
            length: mm(r.length_mm),
            // A rule is drawn as the bottom border of an empty 1 pt
            // paragraph in the DOCX: its line box and the border's distance
            // count in its height.
            line: fonts.face(Face::Regular).line_height_pt(1.0) + RULE_BORDER_SPACE,
            thickness: r.thickness_pt,
            before: r.space_before_pt,
            after: r.space_after_pt,
        },
        Block::Header(h) => Laid::Fixed(header::layout_header(h, fonts)),
        Block::Closing(c) => Laid::Fixed(closing::layout_closing(c, fonts)),
        Block::Table(t) => Laid::Table(table::layout_table(t, fonts)),
    }
}

fn place_section(flow: &mut Flow, s: &Section) {
    let width = flow.area.text_width();
    let laid: Vec<Laid> = s
        .blocks
        .iter()
        .map(|b| measure(b, flow.fonts, width))
        .collect();
    // What must follow each block on its page: keep-with-next chains take
    // the next block's lead; a paragraph followed by the closing block or
    // by a rule (trích yếu, appendix reference) takes it whole.
    let n = laid.len();
    let mut tails = vec![0.0f32; n];
    for i in (0..n.saturating_sub(1)).rev() {
        let next = &laid[i + 1];
        let chained = match next {
            Laid::Para(p) if p.keep_with_next => tails[i + 1],
            _ => 0.0,
        };
        tails[i] = match (&laid[i], next) {
            (Laid::Para(p), _) if p.keep_with_next => next.lead() + chained,
            (Laid::Para(_), Laid::Fixed(_)) => next.lead(),
            (Laid::Para(_), Laid::Rule { .. }) => next.lead(),
            _ => 0.0,
        };
    }
    // Space after the previous block: LibreOffice collapses it with the next
    // paragraph's space before (the larger of the two wins).
    let mut prev_after = 0.0f32;
    for (i, l) in laid.iter().enumerate() {
        match l {
            Laid::Para(p) => {
                if !flow.at_top {
                    flow.y -= prev_after.min(p.space_before);
                }
                flow.place_paragraph(p, flow.area.left, tails[i]);
            }
            Laid::Rule {
                length,
                line,
                thickness,
                before,
                after,
            } => {
                let h = before + line + thickness + after;
                if h > flow.remaining() && !flow.at_top {
                    flow.new_page();
                }
                let x1 = flow.area.left + (width - length) / 2.0;
                let y = flow.y + before + line + thickness / 2.0;
                flow.items().push(Item::Line(Line {
                    x1,
                    y1: y,
                    x2: x1 + length,
                    y2: y,
                    thickness_pt: *thickness,
                }));
                flow.y += h;
                flow.at_top = false;
            }
            Laid::Fixed(b) => flow.place_box(b, flow.area.left),
            Laid::Table(t) => table::place_table(flow, t),
        }
        prev_after = match l {
            Laid::Para(p) => p.space_after,
            Laid::Rule { after, .. } => *after,
            Laid::Fixed(_) | Laid::Table(_) => 0.0,
        };
    }
}
