//! Laid-out pages: positioned items in points, y pointing down from the top edge.

use crate::fonts::Face;

/// One page as the layout engine placed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Page size, points (landscape pages have width > height).
    pub width_pt: f32,
    pub height_pt: f32,
    /// Index of the document section this page belongs to.
    pub section: usize,
    /// The page number printed in the top margin, if any.
    pub number: Option<u32>,
    pub items: Vec<Item>,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(Text),
    /// A straight solid line.
    Line(Line),
    /// A stroked rectangle (table cell borders, draft-mark frame).
    Rect(Rect),
    /// A right curly brace spanning recipient lines in the Nơi nhận block.
    Brace(Brace),
}

/// A run of text in one face and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// Left edge of the first glyph.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    pub face: Face,
    pub size_pt: f32,
    /// NFC text; spaces are real space characters.
    pub text: String,
    /// Extra advance added after every space (justification), points.
    pub word_spacing: f32,
    /// Total advance including the extra word spacing, points.
    pub width: f32,
    pub role: Role,
}

/// What a text item is, so tests and checks can find things without
/// guessing from positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Document content (paragraphs, header block, tables, closing).
    Content,
    /// A page number in the top margin.
    PageNumber,
    /// The "DỰ THẢO" draft mark.
    DraftMark,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub thickness_pt: f32,
}

/// A rectangle by its top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub thickness_pt: f32,
}

/// A right brace: its tip points right at the vertical middle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Brace {
    /// Left edge (where the brace's arms start).
    pub x: f32,
    pub top: f32,
    pub bottom: f32,
    /// Horizontal depth of the brace.
    pub width: f32,
    pub thickness_pt: f32,
}

impl Page {
    /// The text items in reading order of placement.
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }
}

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}
