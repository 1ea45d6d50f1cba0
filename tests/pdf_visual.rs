//! Writes the sample plan to the temp directory for looking at page images.

#[path = "support/pdf_sample.rs"]
mod sample;

use kehoach::fonts::FontSet;
use kehoach::pdf::{self, PdfOptions};

#[test]
fn sample_plan_is_written_for_inspection() {
    let doc = sample::sample(60);
    let bytes = pdf::write(&doc, FontSet::embedded(), &PdfOptions::default()).unwrap();
    let path = std::env::temp_dir().join("kehoach-pdf-sample.pdf");
    std::fs::write(&path, &bytes).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7"));
}

#[test]
fn dump_page5() {
    let doc = sample::sample(60);
    let pages = pdf::layout(&doc, FontSet::embedded());
    for it in pages[4].items.iter().take(8) {
        println!("{it:?}");
    }
}
