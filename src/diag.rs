//! Diagnostics: one type for every stage (loading, validation, templates,
//! writing). Each carries a code, a severity, a location and a message in
//! Vietnamese and English; only the CLI chooses the language and renders.

use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// Message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// A position in a source file; lines and columns start at 1 and count
/// characters (not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Span {
    pub line: usize,
    pub column: usize,
}

/// One problem found in a source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Stable code: E001… for errors, W001… for warnings (see docs).
    pub code: &'static str,
    pub severity: Severity,
    /// The file the problem is in (plan, template).
    pub file: String,
    pub span: Option<Span>,
    /// The field, as a dotted path (`noi_dung[1].noi_dung[0].muc.tieu_de`).
    pub field: Option<String>,
    pub message: Text,
    /// How to fix it.
    pub hint: Option<Text>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: impl Into<String>, message: Text) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            file: file.into(),
            span: None,
            field: None,
            message,
            hint: None,
        }
    }

    pub fn warning(code: &'static str, file: impl Into<String>, message: Text) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn at(mut self, span: Option<Span>) -> Diagnostic {
        self.span = span;
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Diagnostic {
        self.field = Some(field.into());
        self
    }

    pub fn hint(mut self, hint: Text) -> Diagnostic {
        self.hint = Some(hint);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// One line: `plan.yaml:8:12: lỗi[E012]: …`.
    pub fn short(&self, lang: Lang) -> String {
        let sev = match (self.severity, lang) {
            (Severity::Error, Lang::Vi) => "lỗi",
            (Severity::Warning, Lang::Vi) => "cảnh báo",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
        };
        let mut s = self.file.clone();
        if let Some(sp) = self.span {
            let _ = write!(s, ":{}:{}", sp.line, sp.column);
        }
        let _ = write!(s, ": {sev}[{}]: {}", self.code, self.message.get(lang));
        s
    }

    /// Several lines: the short line, the field, the source line with a
    /// caret under the column, and the hint.
    pub fn render(&self, lang: Lang, source: Option<&str>) -> String {
        let mut out = self.short(lang);
        out.push('\n');
        if let Some(field) = &self.field {
            let label = if lang == Lang::Vi { "trường" } else { "field" };
            let _ = writeln!(out, "  = {label}: {field}");
        }
        if let (Some(sp), Some(src)) = (self.span, source) {
            if let Some(line) = src.lines().nth(sp.line.saturating_sub(1)) {
                let num = sp.line.to_string();
                let pad = " ".repeat(num.len());
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{num} | {line}");
                let caret_pad: String = line
                    .chars()
                    .take(sp.column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(out, "{pad} | {caret_pad}^");
            }
        }
        if let Some(h) = &self.hint {
            let label = if lang == Lang::Vi { "gợi ý" } else { "help" };
            let _ = writeln!(out, "  = {label}: {}", h.get(lang));
        }
        out
    }
}

/// Whether any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// Edit distance, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest candidate to `word`, if close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(did_you_mean("trich_yue", ["trich_yeu", "noi_nhan"]), Some("trich_yeu"));
        assert_eq!(did_you_mean("zzzzzz", ["trich_yeu", "noi_nhan"]), None);
    }

    #[test]
    fn renders_a_caret_under_the_column() {
        let d = Diagnostic::error("E001", "a.yaml", Text::new("sai", "wrong"))
            .at(Some(Span { line: 2, column: 3 }))
            .hint(Text::new("sửa", "fix"));
        let r = d.render(Lang::En, Some("x: 1\nab: 2\n"));
        assert!(r.starts_with("a.yaml:2:3: error[E001]: wrong\n"), "{r}");
        assert!(r.contains("2 | ab: 2\n  |   ^\n"), "{r}");
        assert!(r.contains("= help: fix"));
    }
}
