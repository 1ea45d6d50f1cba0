//! Native PDF writer: the layout engine places the document model on pages,
//! then the pages are written with the fonts embedded as subsets.

pub mod frame;
pub mod layout;
mod pdfa;
mod subset;
mod write;

use crate::{doc, fonts};

/// PDF output options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// Write PDF/A-2b (XMP metadata, sRGB output intent).
    pub pdfa: bool,
}

/// Why a PDF could not be written.
#[derive(Debug, Clone, PartialEq)]
pub enum PdfError {
    /// A font could not be parsed for embedding.
    Font(String),
    /// The PDF structure could not be finished or serialized.
    Write(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::Font(m) => write!(f, "{m}"),
            PdfError::Write(m) => write!(f, "không ghi được tệp PDF: {m}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Lays out `doc` and writes it as PDF bytes. The same document and fonts
/// always give the same bytes.
pub fn write(
    doc: &doc::Document,
    fonts: &fonts::FontSet,
    opts: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    check(doc)?;
    let pages = layout(doc, fonts);
    write::write_pages(&pages, &doc.meta, fonts, opts)
}

/// Like [`write`], also returning the number of pages laid out (for the
/// render summary), without laying the document out twice.
pub fn write_counted(
    doc: &doc::Document,
    fonts: &fonts::FontSet,
    opts: &PdfOptions,
) -> Result<(Vec<u8>, usize), PdfError> {
    check(doc)?;
    let pages = layout(doc, fonts);
    let n = pages.len();
    Ok((write::write_pages(&pages, &doc.meta, fonts, opts)?, n))
}

/// The model checks of the DOCX writer (finite sizes in range): a page 10⁻³⁸ mm
/// wide or margins of 10⁹ mm would lay out thousands of pages of one glyph
/// each (found by fuzzing, fuzz/regressions/pdf_write/).
/// A document without sections is still written (an empty page).
fn check(doc: &doc::Document) -> Result<(), PdfError> {
    if doc.sections.is_empty() {
        return Ok(());
    }
    crate::docx::check::document(doc).map_err(|e| PdfError::Write(e.message))
}

/// Pages of positioned items (y down, points), for tests and parity checks.
pub fn layout(doc: &doc::Document, fonts: &fonts::FontSet) -> Vec<layout::Page> {
    layout::layout(doc, fonts)
}
