//! DOCX writer: translates a [`doc::Document`] into WordprocessingML.
//!
//! The XML is written directly, in schema order, rather than through docx-rs:
//! docx-rs 0.4 has no repeated header rows, keeps only one header per section,
//! and emits elements out of schema order, which Microsoft Word may "repair".
//! Writing the few element kinds the model needs is shorter than patching that
//! output, and the result validates without a post-pass. Phases:
//! check the model → collect styles → body and section breaks → page headers
//! → fixed package parts → zip.

mod body;
pub(crate) mod check;
mod closing;
mod header;
mod package;
mod section;
mod styles;
mod table;
mod xml;

use crate::doc;

/// Why a document could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxError {
    pub message: String,
}

impl DocxError {
    fn new(message: impl Into<String>) -> DocxError {
        DocxError {
            message: message.into(),
        }
    }
}

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "không ghi được DOCX: {}", self.message)
    }
}

impl std::error::Error for DocxError {}

/// Writes `doc` as a DOCX file. The same document always gives the same bytes.
pub fn write(doc: &doc::Document) -> Result<Vec<u8>, DocxError> {
    check::document(doc)?;
    let ss = styles::StyleSheet::collect(doc);
    let mut headers = section::Headers::default();

    let size_hint: usize = doc
        .sections
        .iter()
        .map(|s| s.blocks.len() * 600)
        .sum::<usize>()
        + 4096;
    let mut x = xml::Xml::with_capacity(size_hint);
    x.raw(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    x.raw("\n<w:document xmlns:w=\"");
    x.raw(package::MAIN_NS);
    x.raw("\" xmlns:r=\"");
    x.raw(package::REL_NS);
    x.raw("\"><w:body>");
    let last = doc.sections.len() - 1;
    let mut final_sect = String::new();
    for (i, s) in doc.sections.iter().enumerate() {
        let sp = section::sect_pr(s, doc.meta.draft.is_some(), &mut headers);
        if i == last {
            body::section(&mut x, &ss, s, None)?;
            final_sect = sp;
        } else {
            body::section(&mut x, &ss, s, Some(&sp))?;
        }
    }
    x.raw(&final_sect);
    x.raw("</w:body></w:document>");

    let n = headers.parts.len();
    let mut entries: Vec<(String, Vec<u8>)> = vec![
        (
            "[Content_Types].xml".into(),
            package::content_types(n).into_bytes(),
        ),
        ("_rels/.rels".into(), package::ROOT_RELS.as_bytes().to_vec()),
        (
            "docProps/core.xml".into(),
            package::core(&doc.meta).into_bytes(),
        ),
        ("docProps/app.xml".into(), package::APP.as_bytes().to_vec()),
        ("word/document.xml".into(), x.buf.into_bytes()),
        (
            "word/_rels/document.xml.rels".into(),
            package::document_rels(n).into_bytes(),
        ),
        ("word/styles.xml".into(), ss.xml().into_bytes()),
        (
            "word/settings.xml".into(),
            package::SETTINGS.as_bytes().to_vec(),
        ),
        (
            "word/fontTable.xml".into(),
            package::FONT_TABLE.as_bytes().to_vec(),
        ),
        (
            "word/theme/theme1.xml".into(),
            package::THEME.as_bytes().to_vec(),
        ),
    ];
    for (i, key) in headers.parts.iter().enumerate() {
        entries.push((
            format!("word/header{}.xml", i + 1),
            section::header_xml(key, doc.meta.draft.as_deref().unwrap_or(""), &ss).into_bytes(),
        ));
    }
    package::zip(&entries)
}
