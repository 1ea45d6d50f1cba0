//! YAML parsing with positions: syntax errors in plain words, and columns
//! mapped back to the user's own characters.

use std::collections::BTreeMap;

use marked_yaml::types::Node;

use crate::diag::{Diagnostic, Span, Text};
use crate::vn;

/// Maps columns in the NFC text back to the user's original characters, so
/// positions stay right for NFD input (where one letter is several chars).
pub(super) struct ColumnMap {
    /// For lines that NFC changed: original column (0-based) per NFC column.
    lines: BTreeMap<usize, Vec<usize>>,
}

impl ColumnMap {
    pub(super) fn new(original: &str, nfc: &str) -> ColumnMap {
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
    pub(super) fn original(&self, line: usize, column: usize) -> usize {
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

    pub(super) fn span(&self, line: usize, column: usize) -> Span {
        Span {
            line,
            column: self.original(line, column),
        }
    }
}

pub(super) fn syntax_diag(path: &str, at: Span, detail: &str) -> Diagnostic {
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
    if d.contains("invalid type: integer") {
        return (
            "số quá lớn".into(),
            "the number is too large".into(),
            Text::new(
                "kiểm tra lại số; nếu đây là văn bản, đặt nó trong dấu ngoặc kép",
                "check the number; if it is text, put it in double quotes",
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

/// A YAML document walked through serde without keeping anything: libyaml
/// reports syntax errors, nesting and alias limits exactly as when it
/// builds a value, without allocating a tree the loader would drop.
struct Skeleton;

impl<'de> serde::Deserialize<'de> for Skeleton {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Skeleton, D::Error> {
        d.deserialize_any(SkeletonVisitor)
    }
}

struct SkeletonVisitor;

impl<'de> serde::de::Visitor<'de> for SkeletonVisitor {
    type Value = Skeleton;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Skeleton, E> {
        Ok(Skeleton)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Skeleton, E> {
        Ok(Skeleton)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Skeleton, E> {
        Ok(Skeleton)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Skeleton, E> {
        Ok(Skeleton)
    }
    // No visit_i128/u128: like a YAML value, a plain integer beyond 64 bits
    // is refused ("invalid type: integer …"), which the messages explain.
    fn visit_str<E>(self, _: &str) -> Result<Skeleton, E> {
        Ok(Skeleton)
    }
    fn visit_unit<E>(self) -> Result<Skeleton, E> {
        Ok(Skeleton)
    }
    fn visit_none<E>(self) -> Result<Skeleton, E> {
        Ok(Skeleton)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Skeleton, D::Error> {
        <Skeleton as serde::Deserialize>::deserialize(d)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Skeleton, A::Error> {
        while seq.next_element::<Skeleton>()?.is_some() {}
        Ok(Skeleton)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Skeleton, A::Error> {
        while map.next_entry::<Skeleton, Skeleton>()?.is_some() {}
        Ok(Skeleton)
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Skeleton, A::Error> {
        use serde::de::VariantAccess;
        let (Skeleton, v) = data.variant::<Skeleton>()?;
        v.newtype_variant::<Skeleton>()
    }
}

/// Nesting that marked-yaml (whose tree is built and dropped recursively)
/// is given without libyaml's guard first; [`crate::limits::MAX_DEPTH`] is checked
/// exactly on the tree afterwards.
const SAFE_PARSE_DEPTH: usize = 1_000;

/// An upper bound of the nesting depth of a YAML text, in one pass over its
/// lines. A block collection nested in another starts at a greater column,
/// or at the same column for a list under a key, so a line lies inside at
/// most 2 × (indent + 1) block levels; each `- `, `? ` or `: ` on the line
/// may open one more; every unclosed `[` or `{` (counted even inside quotes,
/// which only raises the bound) opens a flow level. A document marker
/// (`---`, `...`) counts as unbounded: marked-yaml asserts on a second
/// document, and libyaml names the line.
fn depth_bound(text: &str) -> usize {
    let mut flow: usize = 0;
    let mut max_flow = 0;
    let mut max_block = 0;
    for line in text.lines() {
        if line.starts_with("---") || line.starts_with("...") {
            return usize::MAX;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let b = line.as_bytes();
        let mut opens = 0;
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'[' | b'{' => {
                    flow += 1;
                    max_flow = max_flow.max(flow);
                }
                b']' | b'}' => flow = flow.saturating_sub(1),
                b'-' | b'?' | b':' if b.get(i + 1).is_none_or(|&n| n == b' ') => opens += 1,
                _ => {}
            }
        }
        max_block = max_block.max(2 * (indent + 1) + 2 * opens);
    }
    max_block + max_flow
}

/// Parses the NFC text into a tree with the spans of every node
/// (marked-yaml). libyaml (via serde) runs only when that fails, for its
/// precise syntax messages, or first when the nesting could be deep enough
/// to be hostile: parsing once is a third of the loading time of a plan.
pub(super) fn parse_tree(
    path: &str,
    text: &str,
    cols: &ColumnMap,
) -> Result<Node, Vec<Diagnostic>> {
    if depth_bound(text) <= SAFE_PARSE_DEPTH {
        if let Ok(Ok(node)) = parse_marked(text) {
            return Ok(node);
        }
    }
    if let Err(e) = serde_yaml::from_str::<Skeleton>(text) {
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
        // libyaml's own guards against hostile inputs: explain them as limits.
        if detail.contains("recursion limit exceeded") {
            return Err(vec![super::load::too_deep(path, Some(at))]);
        }
        if detail.contains("repetition limit exceeded") {
            return Err(vec![alias_bomb(path)]);
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
    let parsed = parse_marked(text);
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

type Marked = std::thread::Result<Result<Node, marked_yaml::LoadError>>;

fn parse_marked(text: &str) -> Marked {
    // Quoted scalars stay text: a table cell written "1.1" is a criterion
    // number, not the decimal 1,1; the walk only reads plain scalars as numbers.
    let options = marked_yaml::LoaderOptions::default()
        .error_on_duplicate_keys(true)
        .prevent_coercion(true);
    // marked-yaml asserts on a few inputs libyaml accepts (several
    // documents); libyaml then explains them, and a panic is never shown.
    std::panic::catch_unwind(|| marked_yaml::parse_yaml_with_options(0, text, options))
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

/// Aliases that expand into a huge document ("billion laughs"); anchors are
/// refused anyway (E009), but libyaml stops this case first.
fn alias_bomb(path: &str) -> Diagnostic {
    Diagnostic::error(
        crate::limits::E_ALIAS_BOMB,
        path,
        Text::new(
            "tham chiếu YAML (*) nhân bản nội dung quá nhiều lần",
            "YAML aliases (*) expand the content too many times",
        ),
    )
    .at(Some(Span { line: 1, column: 1 }))
    .hint(Text::new(
        "không dùng neo, tham chiếu (&, *) trong kế hoạch; viết đầy đủ giá trị",
        "do not use anchors or aliases (&, *) in a plan; write the values out",
    ))
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
    fn depth_bound_is_above_the_real_depth() {
        // (text, real nesting depth of its deepest value)
        let cases = [
            ("a: 1\n", 2),
            ("a:\n  b:\n    c: 1\n", 4),
            ("a:\n- b: 1\n  c:\n  - x\n", 5),
            ("- - - - a\n", 5),
            ("a: [[[[1]]]]\n", 6),
            ("a: {b: [c, {d: \"[\"}]}\n", 5),
            ("? a\n: b\n", 2),
        ];
        for (text, depth) in cases {
            assert!(
                depth_bound(text) >= depth,
                "{text:?}: {}",
                depth_bound(text)
            );
        }
        assert_eq!(depth_bound("a: 1\n---\nb: 2\n"), usize::MAX);
        // Hostile nesting is never given to marked-yaml unguarded.
        assert!(depth_bound(&"[".repeat(2_000)) > SAFE_PARSE_DEPTH);
        assert!(depth_bound(&"- ".repeat(600)) > SAFE_PARSE_DEPTH);
        let stairs: String = (0..600).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        assert!(depth_bound(&stairs) > SAFE_PARSE_DEPTH);
    }
}
