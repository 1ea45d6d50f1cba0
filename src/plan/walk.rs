//! The schema walk: checks a YAML tree against `schema`, reporting every
//! unknown key and wrong type, records where each value is, and converts
//! the tree into a value serde turns into a `Plan`.

use std::collections::HashMap;

use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode, Node};
use serde_yaml::Value;

use super::load::NodeSpan;
use super::schema::{self, Struct, Ty};
use super::yaml::ColumnMap;
use crate::diag::{did_you_mean, Diagnostic, Span, Text};

/// The YAML meaning of a plain (unquoted) scalar.
enum Plain {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text,
}

/// A quoted scalar is text ("1.1" stays "1.1"), except the empty `""`,
/// which plans write for an empty cell or value just like `~`.
fn classify(s: &MarkedScalarNode) -> Plain {
    let v = s.as_str();
    if v.is_empty() {
        return Plain::Null;
    }
    if !s.may_coerce() {
        return Plain::Text;
    }
    match v {
        "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        _ => {}
    }
    let body = v.strip_prefix(['-', '+']).unwrap_or(v);
    if is_integer_literal(v) {
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

/// Digits with an optional sign: how a plain scalar writes a whole number.
fn is_integer_literal(v: &str) -> bool {
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A plain whole number past 64 bits: no number a plan can hold (libyaml
/// refuses it too), reported as such rather than as a wrong type.
pub(super) fn is_huge_integer(s: &MarkedScalarNode) -> bool {
    let v = s.as_str();
    s.may_coerce()
        && is_integer_literal(v)
        && v.parse::<i64>().is_err()
        && v.parse::<u64>().is_err()
}

pub(super) struct Walker<'a> {
    pub file: &'a str,
    pub cols: &'a ColumnMap,
    pub diags: Vec<Diagnostic>,
    pub spans: HashMap<String, NodeSpan>,
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

/// `""` or `''`: written on purpose, unlike a bare `key:`.
fn is_quoted_empty(node: &Node) -> bool {
    matches!(node, Node::Scalar(s) if s.as_str().is_empty() && !s.may_coerce())
}

impl Walker<'_> {
    pub(super) fn span(&self, m: Option<&marked_yaml::Marker>) -> Span {
        m.map(|m| self.cols.span(m.line(), m.column()))
            .unwrap_or(Span { line: 1, column: 1 })
    }

    pub(super) fn node_span(&self, node: &Node) -> Span {
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
    pub(super) fn value(&mut self, node: &Node, ty: Ty, path: &str) -> Option<Value> {
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
            if field.empty_is_text && is_quoted_empty(v) {
                out.insert(
                    Value::String(field.key.to_string()),
                    Value::String(String::new()),
                );
                continue;
            }
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
