//! Writes the sample plan to the target directory for LibreOffice and
//! openxml-audit checks (scripts/check-docx.sh).

#[path = "support/docx_sample.rs"]
mod docx_sample;

#[test]
fn writes_the_sample_plan_for_visual_checks() {
    let bytes = kehoach::docx::write(&docx_sample::sample()).expect("sample writes");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("docx-sample.docx");
    std::fs::write(&path, &bytes).expect("write sample");
    assert!(bytes.starts_with(b"PK\x03\x04"));
    println!("{}", path.display());
}
