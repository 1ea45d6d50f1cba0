//! A second, independent PDF reader: printpdf parses the PDF our writer
//! produced for each reference plan, page by page. poppler and qpdf (in
//! e2e_pdf) check text and structure; printpdf reads the page tree, the
//! boxes, the content-stream operators and the document info the way a
//! Rust consumer of our PDFs would, so a page that is missing, mis-sized
//! or without text shows up here independently of our own layout model.

use kehoach::fonts::FontSet;
use kehoach::pdf::{self, PdfOptions};
use printpdf::{Op, PdfDocument, PdfParseOptions};

use crate::support::e2e::refs;

#[test]
fn printpdf_reads_every_page_with_its_size_and_text() {
    for r in refs() {
        let fonts = FontSet::embedded();
        let bytes = pdf::write(&r.doc, fonts, &PdfOptions::default())
            .unwrap_or_else(|e| panic!("{}: PDF writes: {e}", r.name));
        let laid_out = pdf::layout(&r.doc, fonts);
        let mut warnings = Vec::new();
        let parsed = PdfDocument::parse(
            &bytes,
            &PdfParseOptions {
                fail_on_error: true,
            },
            &mut warnings,
        )
        .unwrap_or_else(|e| panic!("{}: printpdf cannot parse our PDF: {e}", r.name));

        assert_eq!(
            parsed.pages.len(),
            laid_out.len(),
            "{}: pages in the file vs pages laid out",
            r.name
        );
        assert_eq!(
            parsed.metadata.info.document_title, r.doc.meta.title,
            "{}: Info /Title is the trích yếu",
            r.name
        );
        assert_eq!(
            parsed.metadata.info.author, r.doc.meta.author,
            "{}: /Author",
            r.name
        );

        for (i, (page, want)) in parsed.pages.iter().zip(&laid_out).enumerate() {
            let (w, h) = (page.media_box.width.0, page.media_box.height.0);
            assert!(
                (w - want.width_pt).abs() < 0.1 && (h - want.height_pt).abs() < 0.1,
                "{} page {}: media box {w}×{h} pt, laid out {}×{}",
                r.name,
                i + 1,
                want.width_pt,
                want.height_pt
            );
            // A4 either way round (R01).
            let (short, long) = (w.min(h), w.max(h));
            assert!(
                (short - 595.28).abs() < 0.5 && (long - 841.89).abs() < 0.5,
                "{} page {}: {w}×{h} pt is not A4",
                r.name,
                i + 1
            );
            let shows = page
                .ops
                .iter()
                .filter(|op| matches!(op, Op::ShowText { .. }))
                .count();
            let fonts_set = page
                .ops
                .iter()
                .filter(|op| matches!(op, Op::SetFont { .. }))
                .count();
            assert!(
                shows > 0 && fonts_set > 0,
                "{} page {}: {shows} text-showing and {fonts_set} font-setting operators",
                r.name,
                i + 1
            );
        }
    }
}
