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
