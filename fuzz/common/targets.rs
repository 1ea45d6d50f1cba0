//! The fuzzed functions, shared by the cargo-fuzz targets and the stable driver: each must return without panicking for any input.

/// Loading and validation of plan bytes; every diagnostic renders in both
/// languages. True when the plan loaded without errors.
pub fn load_validate(data: &[u8]) -> bool {
    let (_, diags) = kehoach::plan::validate::check_bytes("fuzz.yaml", data);
    let source = String::from_utf8_lossy(data);
    for d in &diags {
        for lang in [kehoach::diag::Lang::Vi, kehoach::diag::Lang::En] {
            assert!(d.render(lang, Some(&source)).contains(d.code));
        }
    }
    !kehoach::diag::has_errors(&diags)
}

/// DOCX writing of an arbitrary document model; a written file is a ZIP.
/// True when the writer accepted the model.
pub fn docx_write(data: &[u8]) -> bool {
    let doc = super::docgen::Bytes::new(data).document();
    match kehoach::docx::write(&doc) {
        Ok(bytes) => {
            assert!(bytes.starts_with(b"PK\x03\x04"), "not a ZIP container");
            true
        }
        Err(_) => false,
    }
}

/// Plan bytes → load → validate → composition through the built-in
/// template → the text output. True when the plan composed.
pub fn compose(data: &[u8]) -> bool {
    let (loaded, diags) = kehoach::plan::validate::check_bytes("fuzz.yaml", data);
    let Some(loaded) = loaded else { return false };
    if kehoach::diag::has_errors(&diags) {
        return false;
    }
    let opts = kehoach::compose::Options::default();
    match kehoach::compose::compose(&loaded.plan, "fuzz.yaml", &opts) {
        Ok(doc) => {
            assert!(!doc.sections.is_empty(), "a composed plan has a section");
            let _ = kehoach::compose::to_text(&doc);
            true
        }
        Err(diags) => {
            for d in &diags {
                assert!(d.is_error(), "composition failed without an error");
                let _ = d.render(kehoach::diag::Lang::Vi, None);
            }
            false
        }
    }
}

/// PDF layout and writing of an arbitrary document model; a written file
/// starts with the PDF header. True when the writer accepted the model.
pub fn pdf_write(data: &[u8]) -> bool {
    let doc = super::docgen::Bytes::new(data).document();
    let fonts = kehoach::fonts::FontSet::embedded();
    match kehoach::pdf::write(&doc, fonts, &kehoach::pdf::PdfOptions::default()) {
        Ok(bytes) => {
            assert!(bytes.starts_with(b"%PDF-"), "not a PDF file");
            true
        }
        Err(_) => false,
    }
}
