//! Writes the sample plan (and its draft variant) to the target directory for
//! LibreOffice and openxml-audit checks: `scripts/check-docx.sh
//! target/tmp/docx-sample*.docx`.

use crate::support::docx_read;
use crate::support::sample_doc;

fn write(name: &str, doc: &kehoach::doc::Document) {
    let bytes = kehoach::docx::write(doc).expect("sample writes");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, &bytes).expect("write sample");
    // Every part is well-formed XML.
    for (part, xml) in docx_read::unzip(&bytes) {
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{part}: {e}"));
    }
    println!("{}", path.display());
}

#[test]
fn writes_the_sample_plans_for_visual_checks() {
    let doc = sample_doc::sample();
    write("docx-sample.docx", &doc);
    let mut draft = doc;
    draft.meta.draft = Some("DỰ THẢO".into());
    if let kehoach::doc::Block::Header(h) = &mut draft.sections[0].blocks[0] {
        h.parent_lines = vec!["UBND TỈNH VĨNH PHÚC".into()];
        h.issuer_lines = vec!["SỞ NỘI VỤ".into()];
        h.number_line = "Số:        /KH-SNV".into();
        // Narrower than the quốc hiệu needs at 13 pt: the writer condenses it.
        h.left_width_mm = 70.0;
        h.right_width_mm = 94.0;
    }
    write("docx-sample-draft.docx", &draft);
    write("docx-sample-edge.docx", &sample_doc::edge_cases());
}
