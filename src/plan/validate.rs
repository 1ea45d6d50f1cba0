//! Validation: every rule over a loaded plan, each reporting at the value it concerns.
//!
//! The rules live in `rules/`, one file per area, each rule a small function
//! naming the spec rule (R17, R28 …) it checks. Codes are listed in
//! `docs/diagnostics.md`.

use super::load::Loaded;
use super::model::{Block, Point, Section, Table, Task};
use super::rules;
use crate::diag::{Diagnostic, Severity, Span, Text};

/// Runs every rule; errors and warnings, sorted by position.
pub fn validate(loaded: &Loaded) -> Vec<Diagnostic> {
    let mut cx = Ctx::new(loaded);
    rules::header::check(&mut cx);
    rules::signer::check(&mut cx);
    rules::body::check(&mut cx);
    rules::tables::check(&mut cx);
    let mut out = cx.out;
    out.sort_by(|a, b| a.span.cmp(&b.span).then(a.code.cmp(b.code)));
    out.dedup();
    out
}

/// Loads and validates in one step: load errors, or the validation
/// diagnostics with the loaded plan.
pub fn check_bytes(path: &str, bytes: &[u8]) -> (Option<Loaded>, Vec<Diagnostic>) {
    match super::load::load_str(path, bytes) {
        Ok(loaded) => {
            let diags = validate(&loaded);
            (Some(loaded), diags)
        }
        Err(diags) => (None, diags),
    }
}

/// What the rules share: the plan, where its values are, the output.
pub(crate) struct Ctx<'a> {
    pub loaded: &'a Loaded,
    pub out: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    fn new(loaded: &'a Loaded) -> Ctx<'a> {
        Ctx {
            loaded,
            out: Vec::new(),
        }
    }

    /// The position of `path`, or of its nearest recorded parent.
    pub fn span(&self, path: &str) -> Option<Span> {
        let src = &self.loaded.source;
        let mut p = path;
        loop {
            if let Some(s) = src.span_of(p) {
                return Some(s);
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return src.span_of(""),
            }
        }
    }

    /// The position of the key at `path` (for values that are whole maps).
    pub fn key_span(&self, path: &str) -> Option<Span> {
        self.loaded
            .source
            .key_span_of(path)
            .or_else(|| self.span(path))
    }

    /// Reports a problem at the value of `path`.
    pub fn report(
        &mut self,
        severity: Severity,
        code: &'static str,
        path: &str,
        message: Text,
        hint: Option<Text>,
    ) {
        let at = self.span(path);
        self.push(severity, code, path, at, message, hint);
    }

    /// Reports a problem at the key of `path`.
    pub fn report_key(
        &mut self,
        severity: Severity,
        code: &'static str,
        path: &str,
        message: Text,
        hint: Option<Text>,
    ) {
        let at = self.key_span(path);
        self.push(severity, code, path, at, message, hint);
    }

    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        path: &str,
        at: Option<Span>,
        message: Text,
        hint: Option<Text>,
    ) {
        let file = self.loaded.source.path.clone();
        let mut d = match severity {
            Severity::Error => Diagnostic::error(code, file, message),
            Severity::Warning => Diagnostic::warning(code, file, message),
        }
        .at(at);
        if !path.is_empty() {
            d = d.field(path);
        }
        if let Some(h) = hint {
            d = d.hint(h);
        }
        self.out.push(d);
    }
}

/// Shorthand for a bilingual text.
pub(crate) fn t(vi: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(vi, en)
}

/// Something in the body, with its path, for rules that look at every
/// section, task, table or lettered list.
pub(crate) enum Item<'a> {
    Section(&'a Section, String),
    Block(&'a Block, String),
    Points(&'a [Point], String),
    Point(&'a Point, String),
    Task(&'a Task, String),
    Table(&'a Table, String),
}

/// Every item of the plan in source order: sections and their blocks, then
/// the appendices' blocks and tables.
pub(crate) fn items(plan: &super::Plan) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    for (i, s) in plan.noi_dung.iter().enumerate() {
        section(s, format!("noi_dung[{i}]"), &mut out);
    }
    for (i, a) in plan.phu_luc.iter().enumerate() {
        let p = format!("phu_luc[{i}]");
        blocks(&a.truoc, &format!("{p}.truoc"), &mut out);
        if let Some(t) = &a.bang {
            out.push(Item::Table(t, format!("{p}.bang")));
        }
        blocks(&a.sau, &format!("{p}.sau"), &mut out);
    }
    out
}

fn section<'a>(s: &'a Section, path: String, out: &mut Vec<Item<'a>>) {
    let inner = format!("{path}.noi_dung");
    out.push(Item::Section(s, path));
    blocks(&s.noi_dung, &inner, out);
}

fn blocks<'a>(list: &'a [Block], path: &str, out: &mut Vec<Item<'a>>) {
    use super::model::KeyedBlock as K;
    for (i, b) in list.iter().enumerate() {
        let p = format!("{path}[{i}]");
        out.push(Item::Block(b, p.clone()));
        let Block::Keyed(k) = b else { continue };
        match k {
            K::Muc(s) => section(s, format!("{p}.muc"), out),
            K::Diem(points) => {
                let dp = format!("{p}.diem");
                out.push(Item::Points(points, dp.clone()));
                for (j, pt) in points.iter().enumerate() {
                    let pp = format!("{dp}[{j}]");
                    out.push(Item::Point(pt, pp.clone()));
                    blocks(&pt.noi_dung, &format!("{pp}.noi_dung"), out);
                }
            }
            K::NhiemVu(task) => {
                let tp = format!("{p}.nhiem_vu");
                out.push(Item::Task(task, tp.clone()));
                blocks(&task.giai_phap, &format!("{tp}.giai_phap"), out);
            }
            K::Bang(table) => out.push(Item::Table(table, format!("{p}.bang"))),
            K::Doan(_) | K::Gach(_) | K::Cong(_) => {}
        }
    }
}
