//! Loading plan sources: bytes → checked text (NFC) → YAML tree with spans → `Plan`.
//!
//! Problems are reported all at once where possible (every unknown key,
//! every wrong type), each at the line and column of the user's own file.

use std::collections::BTreeMap;
use std::path::Path;

use serde_yaml::Value;

use super::encoding::{check_bytes, check_text, empty_file};
use super::model::Plan;
use super::schema::{self, Ty};
use super::walk::Walker;
use super::yaml::{parse_tree, ColumnMap};
use crate::diag::{Diagnostic, Span, Text};
use crate::vn;

/// A loaded source: the text and where every value sits in it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file name as given.
    pub path: String,
    /// The text, NFC-normalized (what the model was read from).
    pub text: String,
    /// The text as the user wrote it (BOM removed); spans count its characters.
    pub original: String,
    spans: BTreeMap<String, NodeSpan>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct NodeSpan {
    pub key: Option<Span>,
    pub value: Span,
}

impl Source {
    /// Where the value at `path` starts (`noi_dung[1].noi_dung[0].muc.tieu_de`).
    pub fn span_of(&self, path: &str) -> Option<Span> {
        self.spans.get(path).map(|s| s.value)
    }

    /// Where the key of the value at `path` starts; for a list item, where
    /// the item starts.
    pub fn key_span_of(&self, path: &str) -> Option<Span> {
        self.spans.get(path).map(|s| s.key.unwrap_or(s.value))
    }

    /// Every recorded path, in sorted order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.spans.keys().map(String::as_str)
    }
}

/// A plan with its source.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub plan: Plan,
    pub source: Source,
}

/// Code of the diagnostic for a file that cannot be read (an I/O error, not
/// a problem in the plan).
pub const IO_ERROR: &str = "E000";

/// Reads and loads a plan file.
pub fn load_path(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => load_str(&name, &bytes),
        Err(e) => Err(vec![Diagnostic::error(
            IO_ERROR,
            name,
            Text::new(
                format!("không đọc được tệp: {}", io_vi(&e)),
                format!("cannot read the file: {e}"),
            ),
        )]),
    }
}

fn io_vi(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không tìm thấy tệp".into(),
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc".into(),
        _ => e.to_string(),
    }
}

/// Loads a plan from bytes; `path` names the file in diagnostics.
pub fn load_str(path: &str, bytes: &[u8]) -> Result<Loaded, Vec<Diagnostic>> {
    let original = check_bytes(path, bytes)?;
    if original.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    }) {
        return Err(vec![empty_file(path)]);
    }
    check_text(path, &original)?;
    let text = vn::nfc(&original);
    let cols = ColumnMap::new(&original, &text);
    let tree = parse_tree(path, &text, &cols)?;
    let mut walker = Walker {
        file: path,
        cols: &cols,
        diags: Vec::new(),
        spans: BTreeMap::new(),
    };
    // The root map's own marker sits after its first key; point at the key.
    let root_span = walker.node_span(&tree);
    walker.spans.insert(
        String::new(),
        NodeSpan {
            key: None,
            value: root_span,
        },
    );
    let value = walker.value(&tree, Ty::Struct(&schema::PLAN), "");
    if !walker.diags.is_empty() {
        walker.diags.sort_by_key(|d| d.span);
        return Err(walker.diags);
    }
    let value = value.unwrap_or(Value::Null);
    let plan: Plan = serde_yaml::from_value(value).map_err(|e| {
        vec![Diagnostic::error(
            "E017",
            path,
            Text::new(
                format!("không dựng được kế hoạch từ tệp: {e}"),
                format!("cannot build the plan from the file: {e}"),
            ),
        )
        .hint(Text::new(
            "đây là lỗi của chương trình; vui lòng báo kèm tệp này",
            "this is a bug in kehoach; please report it with this file",
        ))]
    })?;
    Ok(Loaded {
        plan,
        source: Source {
            path: path.to_string(),
            text,
            original,
            spans: walker.spans,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::model::Cell;

    #[test]
    fn spans_of_values_and_keys() {
        let text = "co_quan:\n  ten: \"UBND tỉnh\"\nnoi_dung:\n  - tieu_de: \"A\"\n    noi_dung:\n      - muc:\n          tieu_de: \"Mục đích\"\n";
        let err = load_str("a.yaml", text.as_bytes()).unwrap_err();
        assert!(err.iter().all(|d| d.code == "E013"), "{err:?}");
        let full = format!(
            "{text}dia_danh: x\ntrich_yeu: y\nnoi_nhan: {{}}\nky: {{chuc_vu: A, ho_ten: B}}\n"
        )
        .replace("co_quan:\n", "co_quan:\n  ban_hanh: [X]\n  viet_tat: U\n");
        let l = load_str("a.yaml", full.as_bytes()).unwrap();
        let s = &l.source;
        assert_eq!(s.span_of("co_quan.ten"), Some(Span { line: 4, column: 8 }));
        assert_eq!(
            s.key_span_of("co_quan.ten"),
            Some(Span { line: 4, column: 3 })
        );
        assert_eq!(s.span_of("noi_dung[0]"), Some(Span { line: 6, column: 5 }));
        assert_eq!(
            s.span_of("noi_dung[0].noi_dung[0].muc.tieu_de"),
            Some(Span {
                line: 9,
                column: 20
            })
        );
        assert_eq!(
            s.key_span_of("noi_dung[0].noi_dung[0].muc"),
            Some(Span { line: 8, column: 9 })
        );
        assert_eq!(s.span_of("nope"), None);
    }

    /// A quoted cell is text even when it reads like a number: "1.1" is a
    /// criterion number in a plan's table, not the decimal 1,1; only plain
    /// scalars are numbers.
    #[test]
    fn quoted_scalars_stay_text() {
        let text = "co_quan: {ban_hanh: [X], viet_tat: U, ten: UBND}\n\
            dia_danh: x\ntrich_yeu: y\nnoi_nhan: {}\n\
            ky: {chuc_vu: A, ho_ten: B}\n\
            noi_dung: [{tieu_de: A, noi_dung: [a]}]\n\
            phu_luc:\n- tieu_de: P\n  bang:\n    cot: [{ten: A}, {ten: B}, {ten: C}, {ten: D}, {ten: E}, {ten: F}]\n    \
            dong:\n    - o: [\"1.1\", '4.2', 1.5, 7, \"7\", \"\"]\n";
        let l = load_str("a.yaml", text.as_bytes()).unwrap();
        let row = &l.plan.phu_luc[0].bang.as_ref().unwrap().dong[0];
        assert_eq!(
            row.o,
            vec![
                Cell::Text("1.1".into()),
                Cell::Text("4.2".into()),
                Cell::Number(1.5),
                Cell::Number(7.0),
                Cell::Text("7".into()),
                Cell::Empty(()),
            ]
        );
    }
}
