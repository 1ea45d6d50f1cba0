//! Loading plan sources: bytes → checked text (NFC) → YAML tree with spans → `Plan`.
//!
//! Problems are reported all at once where possible (every unknown key,
//! every wrong type), each at the line and column of the user's own file.

use std::collections::HashMap;
use std::path::Path;

use serde_yaml::Value;

use super::encoding::{check_bytes, check_text, empty_file, forbidden_text};
use super::model::Plan;
use super::schema::{self, Ty};
use super::walk::Walker;
use super::yaml::{parse_tree, ColumnMap};
use crate::diag::{Diagnostic, Span, Text};
use crate::{limits, vn};
use marked_yaml::types::Node;

/// A loaded source: the text and where every value sits in it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file name as given.
    pub path: String,
    /// The text, NFC-normalized (what the model was read from).
    pub text: String,
    /// The text as the user wrote it (BOM removed); spans count its characters.
    pub original: String,
    /// Looked up only when a diagnostic is reported; hashing keeps the
    /// insert of one path per YAML node cheap on large plans.
    spans: HashMap<String, NodeSpan>,
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
        let mut v: Vec<&str> = self.spans.keys().map(String::as_str).collect();
        v.sort_unstable();
        v.into_iter()
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
    match read_bounded(path) {
        Ok(Some(bytes)) => load_str(&name, &bytes),
        Ok(None) => Err(vec![too_large(&name)]),
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

/// Old Mac files end lines with a lone CR, which YAML reads as a line
/// break; turning it into LF (one character for one) keeps positions and
/// lets the line-based checks see the real lines.
fn lone_cr_to_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads at most [`limits::MAX_INPUT_BYTES`] + 1 bytes: None when the file
/// is larger, so a huge file or an endless device (`/dev/zero`) is refused
/// without being held in memory.
fn read_bounded(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a directory",
        ));
    }
    if meta.len() > limits::MAX_INPUT_BYTES {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    file.take(limits::MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limits::MAX_INPUT_BYTES).then_some(bytes))
}

fn too_large(path: &str) -> Diagnostic {
    let mib = limits::MAX_INPUT_BYTES / (1024 * 1024);
    Diagnostic::error(
        limits::E_INPUT_TOO_LARGE,
        path,
        Text::new(
            format!("tệp quá lớn: một kế hoạch không được vượt quá {mib} MB"),
            format!("the file is too large: a plan may not exceed {mib} MB"),
        ),
    )
    .hint(Text::new(
        "kiểm tra xem có đúng là tệp kế hoạch không; tách các phụ lục rất lớn ra tệp riêng",
        "check that this is the plan file; move very large appendices to separate files",
    ))
}

/// Nesting depth and table sizes of the parsed tree, walked without
/// recursion so a hostile tree cannot overflow the stack here.
fn check_tree(path: &str, tree: &Node, cols: &ColumnMap) -> Result<(), Vec<Diagnostic>> {
    let at = |n: &Node| {
        n.span()
            .start()
            .map(|m| cols.span(m.line(), m.column()))
            .unwrap_or(Span { line: 1, column: 1 })
    };
    let mut stack: Vec<(&Node, usize)> = vec![(tree, 1)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limits::MAX_DEPTH {
            return Err(vec![too_deep(path, Some(at(node)))]);
        }
        match node {
            Node::Mapping(m) => {
                for (k, v) in m.iter() {
                    if k.as_str() == "dong" {
                        if let Node::Sequence(rows) = v {
                            let n = count_rows(rows);
                            if n > limits::MAX_TABLE_ROWS {
                                return Err(vec![too_many_rows(path, n, at(v))]);
                            }
                        }
                    }
                    stack.push((v, depth + 1));
                }
            }
            Node::Sequence(s) => stack.extend(s.iter().map(|v| (v, depth + 1))),
            // An escape in a quoted value (`"\u0007"`) passes the line
            // check but would put a control character into the document.
            Node::Scalar(s) => {
                // A plain integer past 64 bits is no number a plan can hold
                // (libyaml refuses it too); explain it, not its type.
                if super::walk::is_huge_integer(s) {
                    return Err(vec![super::yaml::syntax_diag(
                        path,
                        at(node),
                        "invalid type: integer",
                    )]);
                }
                if let Some((_, c)) = vn::forbidden_char(s.as_str()) {
                    return Err(vec![Diagnostic::error("E005", path, forbidden_text(c))
                        .at(Some(at(node)))
                        .hint(Text::new(
                            "xóa chuỗi thoát (\\u…, \\x…) tạo ra ký tự này",
                            "delete the escape (\\u…, \\x…) that produces this character",
                        ))]);
                }
            }
        }
    }
    Ok(())
}

/// Rows of a table including child rows (`con`), iteratively.
fn count_rows(rows: &[Node]) -> usize {
    let mut n = 0;
    let mut todo: Vec<&Node> = rows.iter().collect();
    while let Some(row) = todo.pop() {
        n += 1;
        if let Some(Node::Sequence(kids)) = row.as_mapping().and_then(|m| m.get_node("con")) {
            todo.extend(kids.iter());
        }
    }
    n
}

/// Lists and maps nested past [`limits::MAX_DEPTH`].
pub(super) fn too_deep(path: &str, at: Option<Span>) -> Diagnostic {
    let max = limits::MAX_DEPTH;
    Diagnostic::error(
        limits::E_TOO_DEEP,
        path,
        Text::new(
            format!("các danh sách, bảng khóa lồng nhau quá sâu (tối đa {max} cấp)"),
            format!("lists and maps are nested too deeply (at most {max} levels)"),
        ),
    )
    .at(at)
    .hint(Text::new(
        "kiểm tra dấu ngoặc [ { và thụt lề; một kế hoạch thật không lồng quá vài chục cấp",
        "check the brackets [ { and the indentation; a real plan nests a few dozen levels at most",
    ))
}

fn too_many_rows(path: &str, n: usize, at: Span) -> Diagnostic {
    let max = limits::MAX_TABLE_ROWS;
    Diagnostic::error(
        limits::E_TOO_MANY_ROWS,
        path,
        Text::new(
            format!("bảng có {n} dòng, vượt giới hạn {max} dòng"),
            format!("the table has {n} rows, more than the limit of {max}"),
        ),
    )
    .at(Some(at))
    .hint(Text::new(
        "tách bảng thành nhiều phụ lục, hoặc đính kèm dữ liệu dưới dạng bảng tính",
        "split the table into several appendices, or attach the data as a spreadsheet",
    ))
}

fn io_vi(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không tìm thấy tệp".into(),
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc".into(),
        std::io::ErrorKind::IsADirectory => "đây là một thư mục, không phải tệp".into(),
        _ => e.to_string(),
    }
}

/// Loads a plan from bytes; `path` names the file in diagnostics.
pub fn load_str(path: &str, bytes: &[u8]) -> Result<Loaded, Vec<Diagnostic>> {
    if bytes.len() as u64 > limits::MAX_INPUT_BYTES {
        return Err(vec![too_large(path)]);
    }
    let original = lone_cr_to_lf(check_bytes(path, bytes)?);
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
    check_tree(path, &tree, &cols)?;
    let mut walker = Walker {
        file: path,
        cols: &cols,
        diags: Vec::new(),
        spans: HashMap::new(),
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

    /// `stt: ""` is the plan's way to leave a row's STT cell blank (the
    /// Vĩnh Phúc appendix does it for sub-rows); a bare `stt:`, `stt: ~` or no key at
    /// all leaves the number to the engine.
    #[test]
    fn quoted_empty_stt_is_kept_blank() {
        let text = "co_quan: {ban_hanh: [X], viet_tat: U, ten: UBND}\n\
            dia_danh: x\ntrich_yeu: y\nnoi_nhan: {}\n\
            ky: {chuc_vu: A, ho_ten: B}\n\
            noi_dung: [{tieu_de: A, noi_dung: [a]}]\n\
            phu_luc:\n- tieu_de: P\n  bang:\n    cot: [{ten: STT, kieu: stt}, {ten: B}]\n    \
            dong:\n    - {o: [a], stt: \"\"}\n    - {o: [b], stt: ''}\n    - {o: [c], stt: ~}\n    - {o: [d]}\n";
        let l = load_str("a.yaml", text.as_bytes()).unwrap();
        let rows = &l.plan.phu_luc[0].bang.as_ref().unwrap().dong;
        let stt: Vec<Option<&str>> = rows.iter().map(|r| r.stt.as_deref()).collect();
        assert_eq!(stt, vec![Some(""), Some(""), None, None]);
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
