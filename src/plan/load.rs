//! Loading plan sources: bytes → checked text (NFC) → YAML tree with spans → `Plan`.
//!
//! Problems are reported all at once where possible (every unknown key,
//! every wrong type), each at the line and column of the user's own file.

use std::collections::BTreeMap;
use std::path::Path;

use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode, Node};
use serde_yaml::Value;

use super::model::Plan;
use super::schema::{self, Struct, Ty};
use crate::diag::{did_you_mean, Diagnostic, Span, Text};
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
struct NodeSpan {
    key: Option<Span>,
    value: Span,
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

// ---------------------------------------------------------------- bytes

fn save_as_utf8() -> Text {
    Text::new(
        "mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8",
        "open the file in an editor and save it as UTF-8",
    )
}

/// Empty files, UTF-16/32, invalid UTF-8 (or legacy 8-bit encodings).
fn check_bytes(path: &str, bytes: &[u8]) -> Result<String, Vec<Diagnostic>> {
    let err = |code, vi: String, en: String| Diagnostic::error(code, path, Text::new(vi, en));
    if bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || bytes.starts_with(&[0, 0, 0xFE, 0xFF])
        || looks_like_utf16(bytes)
    {
        return Err(vec![err(
            "E003",
            "tệp được lưu với bảng mã UTF-16, chương trình chỉ đọc UTF-8".into(),
            "the file is encoded as UTF-16; only UTF-8 is read".into(),
        )
        .at(Some(Span { line: 1, column: 1 }))
        .hint(Text::new(
            "lưu lại tệp với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8)",
            "save the file as UTF-8 (in Notepad: Save as… → Encoding: UTF-8)",
        ))]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(vec![empty_file(path)]);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            let at = Some(Span { line, column });
            // An 8-bit legacy file read byte by byte shows its tell-tale letters.
            let latin1: String = bytes.iter().map(|b| char::from(*b)).collect();
            if let Some(enc) = vn::detect_legacy(&latin1) {
                return Err(vec![legacy_diag(path, enc, at)]);
            }
            Err(vec![err(
                "E002",
                format!("tệp không phải văn bản UTF-8: byte không hợp lệ ở dòng {line}"),
                format!("the file is not valid UTF-8: invalid byte on line {line}"),
            )
            .at(at)
            .hint(save_as_utf8())])
        }
    }
}

fn empty_file(path: &str) -> Diagnostic {
    Diagnostic::error(
        "E001",
        path,
        Text::new(
            "tệp rỗng: không có nội dung nào ngoài chú thích",
            "the file is empty: nothing but comments",
        ),
    )
    .at(Some(Span { line: 1, column: 1 }))
    .hint(Text::new(
        "tạo một kế hoạch mẫu bằng lệnh `kehoach new TỆP.yaml`",
        "create a starter plan with `kehoach new FILE.yaml`",
    ))
}

fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    head.len() >= 4 && head.iter().filter(|b| **b == 0).count() * 3 >= head.len()
}

fn legacy_diag(path: &str, enc: vn::LegacyEncoding, at: Option<Span>) -> Diagnostic {
    let (vi, en) = match enc {
        vn::LegacyEncoding::Tcvn3 => ("TCVN3 (phông .Vn…)", "TCVN3 (.Vn fonts)"),
        vn::LegacyEncoding::Vni => ("VNI (phông VNI-…)", "VNI (VNI- fonts)"),
    };
    Diagnostic::error(
        "E004",
        path,
        Text::new(
            format!("văn bản được gõ bằng bảng mã cũ {vi}, không phải Unicode"),
            format!("the text is in the legacy Vietnamese encoding {en}, not Unicode"),
        ),
    )
    .at(at)
    .hint(Text::new(
        "chuyển mã sang Unicode (Unikey: Công cụ chuyển mã, nguồn TCVN3 hoặc VNI, đích Unicode) rồi lưu tệp với bảng mã UTF-8",
        "convert the text to Unicode (e.g. Unikey's converter, source TCVN3 or VNI, target Unicode) and save as UTF-8",
    ))
}

fn forbidden_text(c: char) -> Text {
    let u = c as u32;
    if c == '\u{FFFD}' {
        Text::new(
            "ký tự thay thế U+FFFD: văn bản đã bị hỏng mã khi chuyển đổi",
            "replacement character U+FFFD: the text was damaged by a conversion",
        )
    } else if c.is_control() {
        Text::new(
            format!("ký tự điều khiển U+{u:04X} không được phép trong kế hoạch"),
            format!("control character U+{u:04X} is not allowed in a plan"),
        )
    } else {
        Text::new(
            format!("ký tự vùng riêng U+{u:04X} (ký hiệu của phông Symbol/Wingdings) không được phép trong kế hoạch"),
            format!("private-use character U+{u:04X} (a Symbol/Wingdings glyph) is not allowed in a plan"),
        )
    }
}

/// Legacy encodings, control characters and tab indentation, line by line.
fn check_text(path: &str, text: &str) -> Result<(), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut legacy_seen = false;
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if let Some((idx, c)) = vn::forbidden_char(line) {
            diags.push(
                Diagnostic::error(
                    "E005",
                    path,
                    forbidden_text(c),
                )
                .at(Some(Span {
                    line: line_no,
                    column: idx + 1,
                }))
                .hint(Text::new(
                    "xóa ký tự này (thường do sao chép từ PDF hoặc Word); gõ lại đoạn văn bản nếu cần",
                    "delete the character (often pasted from a PDF or Word); retype the text if needed",
                )),
            );
        }
        if !legacy_seen {
            if let Some(enc) = vn::detect_legacy(line) {
                legacy_seen = true;
                let column = line
                    .chars()
                    .position(|c| !c.is_ascii())
                    .map_or(1, |p| p + 1);
                diags.push(legacy_diag(
                    path,
                    enc,
                    Some(Span {
                        line: line_no,
                        column,
                    }),
                ));
            }
        }
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        if let Some(p) = indent.chars().position(|c| c == '\t') {
            let rest = line[indent.len()..].trim_start();
            if !rest.is_empty() && !rest.starts_with('#') {
                diags.push(
                    Diagnostic::error(
                        "E006",
                        path,
                        Text::new(
                            "dòng được thụt lề bằng phím Tab; YAML chỉ cho phép dấu cách",
                            "the line is indented with a tab; YAML allows only spaces",
                        ),
                    )
                    .at(Some(Span {
                        line: line_no,
                        column: p + 1,
                    }))
                    .hint(Text::new(
                        "thay mỗi Tab bằng dấu cách (thường 2 dấu cách cho mỗi cấp)",
                        "replace each tab with spaces (usually 2 per level)",
                    )),
                );
            }
        }
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(diags)
    }
}

// ---------------------------------------------------------------- columns

/// Maps columns in the NFC text back to the user's original characters, so
/// positions stay right for NFD input (where one letter is several chars).
struct ColumnMap {
    /// For lines that NFC changed: original column (0-based) per NFC column.
    lines: BTreeMap<usize, Vec<usize>>,
}

impl ColumnMap {
    fn new(original: &str, nfc: &str) -> ColumnMap {
        let mut lines = BTreeMap::new();
        if original != nfc {
            for (i, line) in original.split('\n').enumerate() {
                if vn::is_nfc(line) {
                    continue;
                }
                let chars: Vec<char> = line.chars().collect();
                let mut map = Vec::new();
                let mut start = 0;
                while start < chars.len() {
                    let mut end = start + 1;
                    while end < chars.len()
                        && unicode_normalization::char::is_combining_mark(chars[end])
                    {
                        end += 1;
                    }
                    let seg: String = chars[start..end].iter().collect();
                    let n = vn::nfc(&seg).chars().count();
                    for k in 0..n {
                        map.push(start + k.min(end - start - 1));
                    }
                    start = end;
                }
                lines.insert(i + 1, map);
            }
        }
        ColumnMap { lines }
    }

    /// Original column (1-based) for an NFC `column` on `line`.
    fn original(&self, line: usize, column: usize) -> usize {
        match self.lines.get(&line) {
            None => column,
            Some(map) => match map.get(column.saturating_sub(1)) {
                Some(c) => c + 1,
                None => {
                    let last = map.last().map_or(0, |c| c + 1);
                    last + column.saturating_sub(map.len())
                }
            },
        }
    }

    fn span(&self, line: usize, column: usize) -> Span {
        Span {
            line,
            column: self.original(line, column),
        }
    }
}

// ---------------------------------------------------------------- YAML

fn syntax_diag(path: &str, at: Span, detail: &str) -> Diagnostic {
    let (vi, en, hint) = explain_syntax(detail);
    Diagnostic::error("E007", path, Text::new(vi, en))
        .at(Some(at))
        .hint(hint)
}

/// Turns a YAML parser message into words a secretariat understands.
fn explain_syntax(detail: &str) -> (String, String, Text) {
    let d = detail.to_lowercase();
    let indent = Text::new(
        "kiểm tra thụt lề: các khóa cùng cấp phải thẳng cột, mỗi cấp con thụt thêm 2 dấu cách",
        "check the indentation: keys of one level line up, each child level indents 2 more spaces",
    );
    if d.contains("quoted scalar") {
        return (
            "thiếu dấu ngoặc kép đóng".into(),
            "unclosed quotation mark".into(),
            Text::new(
                "thêm dấu \" ở cuối đoạn văn bản; nếu trong văn bản có dấu \", hãy dùng “ ” hoặc viết \\\"",
                "add the closing \" at the end of the text; inside the text use “ ” or \\\"",
            ),
        );
    }
    if d.contains("mapping values are not allowed") {
        return (
            "dấu hai chấm “: ” không hợp lệ ở đây".into(),
            "a colon “: ” is not allowed here".into(),
            Text::new(
                "nếu văn bản có chứa “: ”, hãy đặt cả đoạn trong dấu ngoặc kép; nếu không, kiểm tra thụt lề",
                "if the text contains “: ”, put it in double quotes; otherwise check the indentation",
            ),
        );
    }
    if d.contains("could not find expected ':'") {
        return (
            "thiếu dấu hai chấm “:” sau khóa".into(),
            "missing “:” after a key".into(),
            Text::new(
                "mỗi dòng trong bảng khóa có dạng `khóa: giá trị`; nếu dòng này là phần tiếp theo của đoạn văn ở dòng trên, hãy đặt cả đoạn trong dấu ngoặc kép",
                "each line of a map reads `key: value`; if this line continues the text above, put the whole text in double quotes",
            ),
        );
    }
    if d.contains("did not find expected node content") {
        return (
            "thiếu giá trị".into(),
            "a value is missing".into(),
            Text::new(
                "viết giá trị sau dấu hai chấm hoặc sau dấu gạch đầu dòng “- ”, hoặc đóng ngoặc ] }",
                "write the value after the colon or the “- ”, or close the bracket",
            ),
        );
    }
    if d.contains("flow sequence") || d.contains("flow mapping") {
        return (
            "thiếu dấu đóng ] hoặc } của danh sách viết trên một dòng".into(),
            "a one-line list or map is missing its closing ] or }".into(),
            Text::new(
                "đóng ngoặc ở cuối, hoặc viết mỗi mục trên một dòng bắt đầu bằng “- ”",
                "close the bracket, or write one item per line starting with “- ”",
            ),
        );
    }
    if d.contains("did not find expected key")
        || d.contains("did not find expected '-'")
        || d.contains("indentation")
        || d.contains("block sequence entries")
        || d.contains("did not find expected <document start>")
    {
        return (
            "thụt lề không đúng".into(),
            "wrong indentation".into(),
            indent,
        );
    }
    if d.contains("tab") {
        return (
            "ký tự Tab không được dùng ở đây".into(),
            "a tab character is not allowed here".into(),
            Text::new("thay Tab bằng dấu cách", "replace the tab with spaces"),
        );
    }
    if d.contains("cannot start any token") || d.contains("unexpected character") {
        return (
            "ký tự không được phép ở đầu giá trị (ví dụ @, `, %)".into(),
            "a value cannot start with this character (e.g. @, `, %)".into(),
            Text::new(
                "đặt cả giá trị trong dấu ngoặc kép",
                "put the whole value in double quotes",
            ),
        );
    }
    (
        format!("lỗi cú pháp YAML ({detail})"),
        format!("YAML syntax error ({detail})"),
        indent,
    )
}

/// Parses the NFC text: libyaml (via serde) first for precise syntax errors,
/// then marked-yaml for the spans of every node.
fn parse_tree(path: &str, text: &str, cols: &ColumnMap) -> Result<Node, Vec<Diagnostic>> {
    if let Err(e) = serde_yaml::from_str::<Value>(text) {
        let msg = e.to_string();
        let mut at = e
            .location()
            .map(|l| cols.span(l.line(), l.column()))
            .unwrap_or(Span { line: 1, column: 1 });
        // An unclosed quote is reported at the end of the file; its opening
        // quote is where the user must look.
        if let Some(open) = msg.split("while scanning a quoted scalar at line ").nth(1) {
            let nums: Vec<usize> = open
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|n| n.parse().ok())
                .collect();
            if let [line, column, ..] = nums[..] {
                at = cols.span(line, column);
            }
        }
        let detail = strip_locations(&msg);
        if detail.contains("more than one document") {
            let line = text
                .lines()
                .enumerate()
                .filter(|(_, l)| l.starts_with("---"))
                .map(|(i, _)| i + 1)
                .find(|&i| {
                    text.lines().take(i - 1).any(|l| {
                        !l.trim().is_empty()
                            && !l.trim_start().starts_with('#')
                            && !l.starts_with("---")
                    })
                })
                .unwrap_or(1);
            at = Span { line, column: 1 };
            return Err(vec![Diagnostic::error(
                "E009",
                path,
                Text::new(
                    "tệp có nhiều tài liệu YAML (dấu ---); mỗi tệp chỉ chứa một kế hoạch",
                    "the file holds several YAML documents (---); one file holds one plan",
                ),
            )
            .at(Some(at))
            .hint(Text::new(
                "xóa dòng --- hoặc tách thành nhiều tệp",
                "remove the --- line or split the file",
            ))]);
        }
        // Duplicate keys: marked-yaml below points at the second key itself.
        if !detail.contains("duplicate entry") {
            if let Some(open) = unclosed_quote(text, at.line) {
                return Err(vec![syntax_diag(
                    path,
                    cols.span(open.line, open.column),
                    "quoted scalar",
                )]);
            }
            return Err(vec![syntax_diag(path, at, &detail)]);
        }
    }
    let options = marked_yaml::LoaderOptions::default().error_on_duplicate_keys(true);
    // marked-yaml asserts on a few inputs libyaml accepts (several documents);
    // those were rejected above, and a panic here would only be a bug.
    let parsed =
        std::panic::catch_unwind(|| marked_yaml::parse_yaml_with_options(0, text, options));
    let here = |m: &marked_yaml::Marker| cols.span(m.line(), m.column());
    match parsed {
        Ok(Ok(node)) => Ok(node),
        Ok(Err(e)) => {
            use marked_yaml::LoadError as L;
            let d = match &e {
                L::TopLevelMustBeMapping(m) | L::TopLevelMustBeSequence(m) => Diagnostic::error(
                    "E010",
                    path,
                    Text::new(
                        "kế hoạch phải là một bảng khóa–giá trị (co_quan:, trich_yeu:, …)",
                        "a plan must be a map of keys (co_quan:, trich_yeu:, …)",
                    ),
                )
                .at(Some(here(m)))
                .hint(Text::new(
                    "xem mẫu: `kehoach new mau.yaml`",
                    "see a starter plan: `kehoach new sample.yaml`",
                )),
                L::UnexpectedAnchor(m) | L::UnexpectedTag(m) => Diagnostic::error(
                    "E009",
                    path,
                    Text::new(
                        "không dùng neo, tham chiếu (&, *) hay thẻ (!) của YAML trong kế hoạch",
                        "YAML anchors, aliases (&, *) and tags (!) are not supported in a plan",
                    ),
                )
                .at(Some(here(m)))
                .hint(Text::new(
                    "viết đầy đủ giá trị; nếu văn bản bắt đầu bằng &, * hoặc !, đặt nó trong dấu ngoặc kép",
                    "write the value out; if the text starts with &, * or !, put it in double quotes",
                )),
                L::MappingKeyMustBeScalar(m) => syntax_diag(path, here(m), "mapping key must be a scalar"),
                L::ScanError(m, s) => syntax_diag(path, here(m), &s.to_string()),
                L::DuplicateKey(inner) => {
                    let at = inner.key.span().start().map(here).unwrap_or(Span { line: 1, column: 1 });
                    duplicate_diag(path, inner.key.as_str(), at)
                }
            };
            Err(vec![d])
        }
        Err(_) => Err(vec![syntax_diag(
            path,
            Span { line: 1, column: 1 },
            "unsupported YAML structure",
        )]),
    }
}

/// A libyaml message without its " at line L column C" parts (the
/// diagnostic carries the position).
fn strip_locations(msg: &str) -> String {
    let mut out = String::new();
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + " at line ".len()..];
        let skip = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
            .unwrap_or(tail.len());
        rest = &tail[skip..];
    }
    out.push_str(rest);
    out
}

/// The opening quote of a double-quoted value left open on its line, at or
/// before `line`: libyaml reports such errors where the text stops making
/// sense, often a line or more later.
fn unclosed_quote(text: &str, line: usize) -> Option<Span> {
    for (i, l) in text.lines().enumerate().take(line) {
        let mut open: Option<usize> = None;
        let mut escaped = false;
        for (c, ch) in l.chars().enumerate() {
            match ch {
                '#' if open.is_none() && (c == 0 || l.chars().nth(c - 1) == Some(' ')) => break,
                '\\' if open.is_some() && !escaped => {
                    escaped = true;
                    continue;
                }
                '"' if !escaped => open = if open.is_some() { None } else { Some(c) },
                _ => {}
            }
            escaped = false;
        }
        if let Some(c) = open {
            return Some(Span {
                line: i + 1,
                column: c + 1,
            });
        }
    }
    None
}

fn duplicate_diag(path: &str, key: &str, at: Span) -> Diagnostic {
    Diagnostic::error(
        "E008",
        path,
        Text::new(
            format!("khóa `{key}` bị lặp lại trong cùng một bảng"),
            format!("duplicate key `{key}` in the same map"),
        ),
    )
    .at(Some(at))
    .hint(Text::new(
        "mỗi khóa chỉ xuất hiện một lần; gộp nội dung vào khóa đã có hoặc xóa bớt",
        "each key appears once; merge the content into the first one or delete one",
    ))
}

// ---------------------------------------------------------------- schema walk

/// The YAML meaning of a plain (unquoted) scalar.
enum Plain {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text,
}

fn classify(s: &MarkedScalarNode) -> Plain {
    if !s.may_coerce() {
        return Plain::Text;
    }
    let v = s.as_str();
    match v {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        _ => {}
    }
    let body = v.strip_prefix(['-', '+']).unwrap_or(v);
    if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = v.parse::<i64>() {
            return Plain::Int(i);
        }
    }
    let numeric = !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && body.bytes().any(|b| b.is_ascii_digit())
        && !body.starts_with(['e', 'E']);
    if numeric {
        if let Ok(f) = v.parse::<f64>() {
            return Plain::Float(f);
        }
    }
    Plain::Text
}

struct Walker<'a> {
    file: &'a str,
    cols: &'a ColumnMap,
    diags: Vec<Diagnostic>,
    spans: BTreeMap<String, NodeSpan>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn describe(ty: Ty) -> (String, String) {
    match ty {
        Ty::Str => ("một đoạn văn bản".into(), "text".into()),
        Ty::Count | Ty::Small => ("một số nguyên".into(), "a whole number".into()),
        Ty::Num => ("một số".into(), "a number".into()),
        Ty::Bool => ("true hoặc false".into(), "true or false".into()),
        Ty::Seq(_) => ("một danh sách".into(), "a list".into()),
        Ty::StrMap | Ty::Struct(_) => ("một bảng khóa–giá trị".into(), "a map of keys".into()),
        Ty::Choice(c) => (
            format!("một trong các giá trị: {}", c.join(", ")),
            format!("one of: {}", c.join(", ")),
        ),
        Ty::Block => (
            "một đoạn văn bản hoặc một khối (doan, muc, gach, cong, diem, nhiem_vu, bang)".into(),
            "text or a block (doan, muc, gach, cong, diem, nhiem_vu, bang)".into(),
        ),
        Ty::ListItem => (
            "một đoạn văn bản hoặc {text, con}".into(),
            "text or {text, con}".into(),
        ),
        Ty::Recipient => (
            "một dòng nơi nhận, {ten, ghi_chu} hoặc {nhom, ghi_chu}".into(),
            "a recipient line, {ten, ghi_chu} or {nhom, ghi_chu}".into(),
        ),
        Ty::Cell => (
            "một ô (văn bản, số, hoặc bảng khóa)".into(),
            "a cell (text, number or a map)".into(),
        ),
    }
}

fn found(node: &Node) -> (&'static str, &'static str) {
    match node {
        Node::Mapping(_) => ("một bảng khóa–giá trị", "a map"),
        Node::Sequence(_) => ("một danh sách", "a list"),
        Node::Scalar(s) => match classify(s) {
            Plain::Null => ("giá trị trống", "nothing"),
            Plain::Bool(_) => ("true/false", "a boolean"),
            Plain::Int(_) | Plain::Float(_) => ("một số", "a number"),
            Plain::Text => ("văn bản", "text"),
        },
    }
}

fn is_null(node: &Node) -> bool {
    matches!(node, Node::Scalar(s) if matches!(classify(s), Plain::Null))
}

impl Walker<'_> {
    fn span(&self, m: Option<&marked_yaml::Marker>) -> Span {
        m.map(|m| self.cols.span(m.line(), m.column()))
            .unwrap_or(Span { line: 1, column: 1 })
    }

    fn node_span(&self, node: &Node) -> Span {
        // A map's own marker sits after its first key; the key is where the
        // user sees the map begin.
        // A flow map's marker is its `{`, before the key: take the earlier.
        if let Some(k) = node.as_mapping().and_then(|m| m.keys().next()) {
            return self
                .span(k.span().start())
                .min(self.span(node.span().start()));
        }
        self.span(node.span().start())
    }

    fn error(
        &mut self,
        code: &'static str,
        at: Span,
        path: &str,
        vi: String,
        en: String,
        hint: Option<Text>,
    ) {
        let mut d = Diagnostic::error(code, self.file, Text::new(vi, en)).at(Some(at));
        if !path.is_empty() {
            d = d.field(path);
        }
        if let Some(h) = hint {
            d = d.hint(h);
        }
        self.diags.push(d);
    }

    fn wrong_type(&mut self, node: &Node, ty: Ty, path: &str, hint: Option<Text>) {
        let (want_vi, want_en) = describe(ty);
        let (got_vi, got_en) = found(node);
        let name = path.rsplit('.').next().unwrap_or(path);
        let at = self.node_span(node);
        let hint = hint.unwrap_or_else(|| {
            Text::new(
                format!("sửa `{name}` thành {want_vi} (xem docs/plan-format.md)"),
                format!("make `{name}` {want_en} (see docs/plan-format.md)"),
            )
        });
        self.error(
            "E012",
            at,
            path,
            format!("`{name}` phải là {want_vi}, nhưng ở đây là {got_vi}"),
            format!("expected {want_en} for `{name}`, found {got_en}"),
            Some(hint),
        );
    }

    /// Checks `node` against `ty` and converts it; None after an error.
    fn value(&mut self, node: &Node, ty: Ty, path: &str) -> Option<Value> {
        match ty {
            Ty::Str => match node {
                Node::Scalar(s) if !matches!(classify(s), Plain::Null) => {
                    Some(Value::String(s.as_str().to_string()))
                }
                _ => {
                    let hint = matches!(node, Node::Mapping(_)).then(|| {
                        Text::new(
                            "nếu văn bản có chứa “: ”, hãy đặt cả đoạn trong dấu ngoặc kép",
                            "if the text contains “: ”, put it in double quotes",
                        )
                    });
                    self.wrong_type(node, ty, path, hint);
                    None
                }
            },
            Ty::Count | Ty::Small => {
                let max = if matches!(ty, Ty::Small) {
                    u8::MAX as i64
                } else {
                    u32::MAX as i64
                };
                match node {
                    Node::Scalar(s) => match classify(s) {
                        Plain::Int(i) if i < 0 => {
                            self.not_positive(node, path, &i.to_string());
                            None
                        }
                        Plain::Int(i) if i <= max => Some(Value::Number(i.into())),
                        _ => {
                            let hint = s.as_str().trim().parse::<f64>().is_ok().then(|| {
                                Text::new(
                                    format!("viết số không có dấu ngoặc kép và không có phần thập phân, ví dụ {}", s.as_str().trim().trim_matches('"').split('.').next().unwrap_or("1")),
                                    "write a whole number without quotes",
                                )
                            });
                            self.wrong_type(node, ty, path, hint);
                            None
                        }
                    },
                    _ => {
                        self.wrong_type(node, ty, path, None);
                        None
                    }
                }
            }
            Ty::Num => match node {
                Node::Scalar(s) => match classify(s) {
                    Plain::Int(i) => Some(Value::Number(i.into())),
                    Plain::Float(f) => Some(Value::Number(f.into())),
                    _ => {
                        let comma = s.as_str().replace(',', ".");
                        let hint = if comma.parse::<f64>().is_ok() {
                            Text::new(
                                format!("trong tệp YAML, số thập phân dùng dấu chấm: {comma}"),
                                format!("YAML numbers use a decimal point: {comma}"),
                            )
                        } else {
                            Text::new(
                                "viết một số, không có dấu ngoặc kép",
                                "write a number, without quotes",
                            )
                        };
                        self.wrong_type(node, ty, path, Some(hint));
                        None
                    }
                },
                _ => {
                    self.wrong_type(node, ty, path, None);
                    None
                }
            },
            Ty::Bool => match node {
                Node::Scalar(s) => match classify(s) {
                    Plain::Bool(b) => Some(Value::Bool(b)),
                    _ => {
                        self.wrong_type(
                            node,
                            ty,
                            path,
                            Some(Text::new(
                                "viết true (có) hoặc false (không), không có dấu ngoặc kép",
                                "write true or false, without quotes",
                            )),
                        );
                        None
                    }
                },
                _ => {
                    self.wrong_type(node, ty, path, None);
                    None
                }
            },
            Ty::Choice(options) => match node {
                Node::Scalar(s)
                    if !matches!(classify(s), Plain::Null) && options.contains(&s.as_str()) =>
                {
                    Some(Value::String(s.as_str().to_string()))
                }
                Node::Scalar(s) if !matches!(classify(s), Plain::Null) => {
                    let name = path.rsplit('.').next().unwrap_or(path);
                    let at = self.node_span(node);
                    let list = options.join(", ");
                    let hint = match did_you_mean(s.as_str(), options.iter().copied()) {
                        Some(m) => Text::new(
                            format!("có phải ý bạn là `{m}`?"),
                            format!("did you mean `{m}`?"),
                        ),
                        None => Text::new(
                            format!("dùng một trong: {list}"),
                            format!("use one of: {list}"),
                        ),
                    };
                    self.error(
                        "E014",
                        at,
                        path,
                        format!(
                            "giá trị `{}` không hợp lệ cho `{name}` (chỉ nhận: {list})",
                            s.as_str()
                        ),
                        format!(
                            "invalid value `{}` for `{name}` (expected one of: {list})",
                            s.as_str()
                        ),
                        Some(hint),
                    );
                    None
                }
                _ => {
                    self.wrong_type(node, ty, path, None);
                    None
                }
            },
            Ty::Seq(item) => match node {
                Node::Sequence(seq) => {
                    let mut out = Vec::new();
                    let mut ok = true;
                    for (i, n) in seq.iter().enumerate() {
                        let p = format!("{path}[{i}]");
                        let at = self.node_span(n);
                        self.spans.insert(
                            p.clone(),
                            NodeSpan {
                                key: None,
                                value: at,
                            },
                        );
                        match self.value(n, *item, &p) {
                            Some(v) => out.push(v),
                            None => ok = false,
                        }
                    }
                    ok.then_some(Value::Sequence(out))
                }
                n if is_null(n) => Some(Value::Sequence(Vec::new())),
                _ => {
                    self.wrong_type(
                        node,
                        ty,
                        path,
                        Some(Text::new(
                            "viết dạng danh sách: mỗi mục một dòng, bắt đầu bằng “- ”",
                            "write a list: one item per line, starting with “- ”",
                        )),
                    );
                    None
                }
            },
            Ty::StrMap => match node {
                Node::Mapping(map) => {
                    let mut out = serde_yaml::Mapping::new();
                    let mut ok = true;
                    for (k, v) in map.iter() {
                        let p = join(path, k.as_str());
                        self.record(&p, k, v);
                        match self.value(v, Ty::Str, &p) {
                            Some(s) => {
                                out.insert(Value::String(k.as_str().to_string()), s);
                            }
                            None => ok = false,
                        }
                    }
                    ok.then_some(Value::Mapping(out))
                }
                n if is_null(n) => Some(Value::Mapping(serde_yaml::Mapping::new())),
                _ => {
                    self.wrong_type(node, ty, path, None);
                    None
                }
            },
            Ty::Struct(st) => match node {
                Node::Mapping(map) => self.structure(map, st, path),
                n if is_null(n) => {
                    self.structure(&MarkedMappingNode::new_empty(*node.span()), st, path)
                }
                _ => {
                    self.wrong_type(node, ty, path, None);
                    None
                }
            },
            Ty::Block => self.block(node, path),
            Ty::ListItem => match node {
                Node::Scalar(s) if !matches!(classify(s), Plain::Null) => {
                    Some(Value::String(s.as_str().to_string()))
                }
                Node::Mapping(map) => self.structure(map, &schema::NESTED_ITEM, path),
                _ => {
                    self.wrong_type(node, ty, path, None);
                    None
                }
            },
            Ty::Recipient => match node {
                Node::Scalar(s) if !matches!(classify(s), Plain::Null) => {
                    Some(Value::String(s.as_str().to_string()))
                }
                Node::Mapping(map) if map.get_node("nhom").is_some() => {
                    self.structure(map, &schema::RECIPIENT_GROUP, path)
                }
                Node::Mapping(map) if map.get_node("ten").is_some() => {
                    self.structure(map, &schema::ANNOTATED_RECIPIENT, path)
                }
                _ => {
                    let at = self.node_span(node);
                    self.error(
                        "E015",
                        at,
                        path,
                        "nơi nhận phải là một dòng chữ, {ten, ghi_chu} hoặc {nhom, ghi_chu}".into(),
                        "a recipient must be a line of text, {ten, ghi_chu} or {nhom, ghi_chu}"
                            .into(),
                        Some(Text::new(
                            "ví dụ: `- Sở Nội vụ` hoặc `- {nhom: [snv, stc], ghi_chu: thực hiện}`",
                            "e.g. `- Sở Nội vụ` or `- {nhom: [snv, stc], ghi_chu: thực hiện}`",
                        )),
                    );
                    None
                }
            },
            Ty::Cell => match node {
                Node::Scalar(s) => Some(match classify(s) {
                    Plain::Null => Value::Null,
                    Plain::Int(i) => Value::Number(i.into()),
                    Plain::Float(f) => Value::Number(f.into()),
                    Plain::Bool(_) | Plain::Text => Value::String(s.as_str().to_string()),
                }),
                Node::Mapping(map) => self.structure(map, &schema::RICH_CELL, path),
                Node::Sequence(_) => {
                    self.wrong_type(
                        node,
                        ty,
                        path,
                        Some(Text::new(
                            "để viết danh sách gạch đầu dòng trong ô, dùng {ds: [...]}",
                            "for a dash list inside a cell use {ds: [...]}",
                        )),
                    );
                    None
                }
            },
        }
    }

    fn not_positive(&mut self, node: &Node, path: &str, shown: &str) {
        let name = path.rsplit('.').next().unwrap_or(path);
        let at = self.node_span(node);
        self.error(
            "E016",
            at,
            path,
            format!("`{name}` phải là số lớn hơn 0, không phải {shown}"),
            format!("`{name}` must be greater than 0, found {shown}"),
            Some(Text::new("sửa thành một số dương", "use a positive number")),
        );
    }

    fn record(&mut self, path: &str, key: &MarkedScalarNode, value: &Node) {
        let key_span = self.span(key.span().start());
        let mut value_span = self.node_span(value);
        // An empty value has no position of its own; point at its key.
        if is_null(value) && value.span().start().is_none() {
            value_span = key_span;
        }
        self.spans.insert(
            path.to_string(),
            NodeSpan {
                key: Some(key_span),
                value: value_span,
            },
        );
    }

    fn structure(
        &mut self,
        map: &MarkedMappingNode,
        st: &'static Struct,
        path: &str,
    ) -> Option<Value> {
        let mut out = serde_yaml::Mapping::new();
        let mut ok = true;
        for (k, v) in map.iter() {
            let p = join(path, k.as_str());
            let Some(field) = st.field(k.as_str()) else {
                ok = false;
                self.unknown_key(k, st.keys(), &p, path);
                continue;
            };
            self.record(&p, k, v);
            if is_null(v) && !field.required {
                continue;
            }
            if is_null(v) && matches!(field.ty, Ty::Str | Ty::Count | Ty::Num) {
                let at = self.span(k.span().start());
                self.error(
                    "E013",
                    at,
                    &p,
                    format!("trường bắt buộc `{}` chưa có giá trị", field.key),
                    format!("required field `{}` has no value", field.key),
                    Some(Text::new(
                        format!("điền giá trị sau `{}:`", field.key),
                        format!("write a value after `{}:`", field.key),
                    )),
                );
                ok = false;
                continue;
            }
            match self.value(v, field.ty, &p) {
                Some(val) => {
                    out.insert(Value::String(field.key.to_string()), val);
                }
                None => ok = false,
            }
        }
        for f in st.fields.iter().filter(|f| f.required) {
            if map.get_node(f.key).is_none() {
                ok = false;
                // A misspelt key already reported as unknown ("did you mean
                // `ho_ten`?") is the same problem; say it once.
                let misspelt = map.keys().any(|k| {
                    st.field(k.as_str()).is_none()
                        && did_you_mean(k.as_str(), st.keys()) == Some(f.key)
                });
                if misspelt {
                    continue;
                }
                let at = if path.is_empty() {
                    self.spans
                        .get("")
                        .map(|s| s.value)
                        .unwrap_or(Span { line: 1, column: 1 })
                } else {
                    self.spans
                        .get(path)
                        .map(|s| s.key.unwrap_or(s.value))
                        .unwrap_or_else(|| self.span(map.span().start()))
                };
                let (vi, en) = if path.is_empty() {
                    (
                        format!("thiếu trường bắt buộc `{}` của kế hoạch", f.key),
                        format!("missing required field `{}` of the plan", f.key),
                    )
                } else {
                    (
                        format!("thiếu trường bắt buộc `{}` trong `{path}`", f.key),
                        format!("missing required field `{}` in `{path}`", f.key),
                    )
                };
                self.error(
                    "E013",
                    at,
                    path,
                    vi,
                    en,
                    Some(Text::new(
                        format!("thêm `{}: …` (xem docs/plan-format.md)", f.key),
                        format!("add `{}: …` (see docs/plan-format.md)", f.key),
                    )),
                );
            }
        }
        ok.then_some(Value::Mapping(out))
    }

    fn unknown_key(
        &mut self,
        key: &MarkedScalarNode,
        known: impl Iterator<Item = &'static str> + Clone,
        path: &str,
        parent: &str,
    ) {
        let name = key.as_str();
        let at = self.span(key.span().start());
        let list: Vec<&str> = known.clone().collect();
        let hint = match did_you_mean(name, known) {
            Some(m) => Text::new(
                format!("có phải ý bạn là `{m}`?"),
                format!("did you mean `{m}`?"),
            ),
            None => Text::new(
                format!("các khóa hợp lệ ở đây: {}", list.join(", ")),
                format!("valid keys here: {}", list.join(", ")),
            ),
        };
        let (vi, en) = if parent.is_empty() {
            (
                format!("khóa không hợp lệ `{name}`"),
                format!("unknown key `{name}`"),
            )
        } else {
            (
                format!("khóa không hợp lệ `{name}` trong `{parent}`"),
                format!("unknown key `{name}` in `{parent}`"),
            )
        };
        self.error("E011", at, path, vi, en, Some(hint));
    }

    /// A content block: text, or a map with exactly one block key.
    fn block(&mut self, node: &Node, path: &str) -> Option<Value> {
        let block_keys = || schema::BLOCK_KEYS.iter().map(|(k, _)| *k);
        let shape = || {
            Text::new(
                "khối nội dung phải là một đoạn văn bản hoặc có đúng một trong các khóa: doan, muc, gach, cong, diem, nhiem_vu, bang",
                "a content block must be text or have exactly one of the keys: doan, muc, gach, cong, diem, nhiem_vu, bang",
            )
        };
        match node {
            Node::Scalar(s) if !matches!(classify(s), Plain::Null) => {
                Some(Value::String(s.as_str().to_string()))
            }
            Node::Mapping(map) => {
                let keys: Vec<&MarkedScalarNode> = map.keys().collect();
                let known: Vec<&MarkedScalarNode> = keys
                    .iter()
                    .copied()
                    .filter(|k| block_keys().any(|b| b == k.as_str()))
                    .collect();
                if keys.len() == 1 && known.len() == 1 {
                    let k = keys[0];
                    let ty = schema::BLOCK_KEYS
                        .iter()
                        .find(|(b, _)| *b == k.as_str())
                        .map(|(_, t)| *t)
                        .unwrap_or(Ty::Str);
                    let p = join(path, k.as_str());
                    let v = map.get_node(k.as_str())?;
                    self.record(&p, k, v);
                    let val = self.value(v, ty, &p)?;
                    let mut m = serde_yaml::Mapping::new();
                    m.insert(Value::String(k.as_str().to_string()), val);
                    return Some(Value::Mapping(m));
                }
                if known.is_empty() {
                    // Keys of a section or task written without `muc:` / `nhiem_vu:`.
                    let wrapper = if keys
                        .iter()
                        .all(|k| schema::SECTION.field(k.as_str()).is_some())
                    {
                        Some("muc")
                    } else if keys
                        .iter()
                        .all(|k| schema::TASK.field(k.as_str()).is_some())
                    {
                        Some("nhiem_vu")
                    } else {
                        None
                    };
                    if let (Some(w), Some(first)) = (wrapper, keys.first()) {
                        let at = self.span(first.span().start());
                        self.error(
                            "E015",
                            at,
                            path,
                            format!("khối nội dung thiếu khóa `{w}:` bao ngoài"),
                            format!("the content block lacks its `{w}:` key"),
                            Some(Text::new(
                                format!(
                                    "viết `- {w}:` rồi thụt các khóa {} vào trong",
                                    keys.iter()
                                        .map(|k| k.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                                format!("write `- {w}:` and indent the keys under it"),
                            )),
                        );
                        return None;
                    }
                    if keys.len() == 1 {
                        let p = join(path, keys[0].as_str());
                        self.unknown_key(keys[0], block_keys(), &p, path);
                        return None;
                    }
                }
                let at = match known.get(1).or(keys.get(1)) {
                    Some(k) => self.span(k.span().start()),
                    None => self.node_span(node),
                };
                let s = shape();
                self.error(
                    "E015",
                    at,
                    path,
                    format!(
                        "khối nội dung có {} khóa ({}), phải có đúng một",
                        keys.len(),
                        keys.iter()
                            .map(|k| k.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    format!(
                        "a content block has {} keys ({}), expected exactly one",
                        keys.len(),
                        keys.iter()
                            .map(|k| k.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Some(Text::new(
                        format!(
                            "{}; tách thành các khối riêng, mỗi khối bắt đầu bằng “- ”",
                            s.vi
                        ),
                        format!(
                            "{}; split it into separate blocks, each starting with “- ”",
                            s.en
                        ),
                    )),
                );
                None
            }
            _ => {
                let at = self.node_span(node);
                let (got_vi, got_en) = found(node);
                let s = shape();
                self.error(
                    "E015",
                    at,
                    path,
                    format!("khối nội dung không hợp lệ: ở đây là {got_vi}"),
                    format!("invalid content block: found {got_en}"),
                    Some(s),
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_of_nfd_text_point_at_original_characters() {
        let original = "a: \u{0110}e\u{0302}\u{0323} x\n";
        let nfc = vn::nfc(original);
        let map = ColumnMap::new(original, &nfc);
        // NFC "a: Đệ x": `x` is NFC column 7, original column 9.
        assert_eq!(map.original(1, 7), 9);
        assert_eq!(map.original(1, 4), 4);
        assert_eq!(map.original(2, 3), 3);
    }

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
}
