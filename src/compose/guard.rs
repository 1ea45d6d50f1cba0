//! Template limits: parsed templates are rewritten so that tera counts loop iterations, macro depth, output size and time while it renders.
//!
//! Tera has no limits of its own: `range(end=1000000000)` builds a billion
//! numbers, a macro calling itself overflows the stack and kills the
//! process, `{% set s = s ~ s %}` in a loop doubles a string to gigabytes.
//! So after parsing, every template's syntax tree gets calls to a few
//! reserved functions and filters (`__kehoach_*`):
//!
//! - at the start of every body (template, loop iteration, branch, macro)
//!   a tick counts the iteration, adds the body's literal text to the output
//!   of the current macro call or of the document, and checks the clock;
//! - macro bodies and templates are bracketed by enter/exit calls that
//!   count the nesting depth (includes and macro calls alike);
//! - after every filter, `~` concatenation, function and macro call a guard
//!   filter measures the value (bytes and nesting) and, in `{{ … }}`, adds
//!   it to the output;
//! - `range`, `replace`, `indent` and `join` check the size of their result
//!   before building it; `get_env` is refused.
//!
//! A limit that trips is recorded in a thread-local state, tera stops with
//! an error, and the caller turns the record into a located diagnostic. The
//! render runs on its own thread with a large stack, so the depth limit is
//! reached long before the stack ends, and a panic inside tera is caught.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Instant;

use tera::ast::{Expr, ExprVal, FilterSection, FunctionCall, MacroDefinition, Node, WS};
use tera::Value;

use crate::diag::{Diagnostic, Span, Text};
use crate::limits::{self, TemplateLimits};

const RESERVED: &str = "__kehoach";
const TICK: &str = "__kehoach_tick";
const ENTER: &str = "__kehoach_enter";
const EXIT: &str = "__kehoach_exit";
const GUARD: &str = "__kehoach_guard";
/// The same guard, for values tera does not escape (macro output, `~`).
const GUARD_RAW: &str = "__kehoach_guard_raw";
/// Builtins whose result can be far larger than their inputs; they get the
/// call's site as `__at` and a size check in front.
const CHECKED: [&str; 5] = ["range", "replace", "indent", "join", "get_env"];

/// Stack of the render thread. Debug builds use about 40 KiB per nested
/// macro call, so [`limits::MAX_TEMPLATE_DEPTH`] levels fit with room.
const STACK: usize = 256 * 1024 * 1024;

/// A construct of a template source that a limit can point at.
#[derive(Debug, Clone)]
pub(super) struct Site {
    /// The template file as shown in messages.
    pub file: String,
    pub span: Option<Span>,
}

/// Which limit tripped.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Trip {
    /// Loop iterations past the limit.
    Iterations,
    /// A `range` with this many numbers.
    Range(u64),
    /// A value or output of at least this many bytes.
    Output(usize),
    /// A value nested deeper than the plan nesting limit.
    Nesting,
    /// Macro calls or includes nested past the limit.
    Depth,
    /// The clock ran out.
    Time,
    /// `get_env` was called.
    Env,
}

struct State {
    limits: TemplateLimits,
    started: Instant,
    iterations: u64,
    depth: usize,
    /// Output bytes of the document, then of each macro call being rendered.
    frames: Vec<usize>,
    tripped: Option<(Trip, Option<usize>)>,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// Runs `f` on the render state, if a guarded render is running on this
/// thread; an `Err(trip)` is recorded and stops tera.
fn with_state(
    at: Option<usize>,
    f: impl FnOnce(&mut State) -> Result<(), Trip>,
) -> tera::Result<()> {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let Some(state) = s.as_mut() else {
            return Ok(());
        };
        if state.tripped.is_some() {
            return Err(tera::Error::msg("template limit"));
        }
        let r = f(state).and_then(|()| {
            if state.started.elapsed() > state.limits.time {
                Err(Trip::Time)
            } else {
                Ok(())
            }
        });
        r.map_err(|trip| {
            state.tripped = Some((trip, at));
            tera::Error::msg("template limit")
        })
    })
}

fn site_arg(args: &HashMap<String, Value>, key: &str) -> Option<usize> {
    args.get(key).and_then(Value::as_u64).map(|n| n as usize)
}

fn add_output(state: &mut State, bytes: usize) -> Result<(), Trip> {
    let limit = state.limits.output_bytes;
    match state.frames.last_mut() {
        Some(top) => {
            *top = top.saturating_add(bytes);
            if *top > limit {
                return Err(Trip::Output(*top));
            }
            Ok(())
        }
        None => Ok(()),
    }
}

/// Bytes and nesting of a value, without recursion (a value built by a
/// template can be nested arbitrarily deep).
fn measure(v: &Value) -> (usize, usize) {
    let mut bytes = 0usize;
    let mut deepest = 0usize;
    let mut stack = vec![(v, 1usize)];
    while let Some((v, d)) = stack.pop() {
        deepest = deepest.max(d);
        match v {
            Value::String(s) => bytes = bytes.saturating_add(s.len()),
            Value::Array(a) => {
                bytes = bytes.saturating_add(8);
                stack.extend(a.iter().map(|x| (x, d + 1)));
            }
            Value::Object(o) => {
                bytes = bytes.saturating_add(8);
                for (k, x) in o {
                    bytes = bytes.saturating_add(k.len());
                    stack.push((x, d + 1));
                }
            }
            _ => bytes = bytes.saturating_add(8),
        }
    }
    (bytes, deepest)
}

struct Guard {
    raw: bool,
}

impl tera::Filter for Guard {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let at = site_arg(args, "at");
        let out = args.get("out").and_then(Value::as_bool).unwrap_or(false);
        with_state(at, |s| {
            let (bytes, depth) = measure(value);
            if depth > limits::MAX_DEPTH {
                return Err(Trip::Nesting);
            }
            if bytes > s.limits.output_bytes {
                return Err(Trip::Output(bytes));
            }
            if out {
                add_output(s, bytes)?;
            }
            Ok(())
        })?;
        Ok(value.clone())
    }

    fn is_safe(&self) -> bool {
        self.raw
    }
}

fn num(args: &HashMap<String, Value>, key: &str) -> Option<u64> {
    args.get(key).and_then(Value::as_u64)
}

fn text(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str)
}

/// Registers the counting functions and filters, and wraps the builtins
/// that can grow a value past any input.
pub(super) fn register(tera: &mut tera::Tera) {
    type Args = HashMap<String, Value>;
    tera.register_function(TICK, |args: &Args| {
        let n = num(args, "n").unwrap_or(0) as usize;
        let looping = args.get("loop").and_then(Value::as_bool).unwrap_or(false);
        with_state(site_arg(args, "at"), |s| {
            if looping {
                s.iterations += 1;
                if s.iterations > s.limits.iterations {
                    return Err(Trip::Iterations);
                }
            }
            add_output(s, n)
        })?;
        Ok(Value::String(String::new()))
    });
    tera.register_function(ENTER, |args: &Args| {
        let call = args.get("macro").and_then(Value::as_bool).unwrap_or(false);
        with_state(site_arg(args, "at"), |s| {
            s.depth += 1;
            if s.depth > s.limits.depth {
                return Err(Trip::Depth);
            }
            if call {
                s.frames.push(0);
            }
            Ok(())
        })?;
        Ok(Value::String(String::new()))
    });
    tera.register_function(EXIT, |args: &Args| {
        let call = args.get("macro").and_then(Value::as_bool).unwrap_or(false);
        with_state(None, |s| {
            s.depth = s.depth.saturating_sub(1);
            if call && s.frames.len() > 1 {
                s.frames.pop();
            }
            Ok(())
        })?;
        Ok(Value::String(String::new()))
    });
    tera.register_filter(GUARD, Guard { raw: false });
    tera.register_filter(GUARD_RAW, Guard { raw: true });

    tera.register_function("get_env", |args: &Args| {
        with_state(site_arg(args, "__at"), |_| Err(Trip::Env))?;
        Err(tera::Error::msg(
            "templates cannot read environment variables",
        ))
    });
    if let Some(range) = tera.functions.get("range").cloned() {
        tera.register_function("range", move |args: &Args| {
            let start = num(args, "start").unwrap_or(0);
            let step = num(args, "step_by").unwrap_or(1);
            if step == 0 {
                // tera's own range would loop for ever.
                return Err(tera::Error::msg(
                    "Function `range` was called with step_by=0",
                ));
            }
            if let Some(end) = num(args, "end") {
                let count = end.saturating_sub(start).div_ceil(step);
                with_state(site_arg(args, "__at"), |s| {
                    if count > s.limits.iterations {
                        return Err(Trip::Range(count));
                    }
                    Ok(())
                })?;
            }
            range.call(args)
        });
    }
    // Each wrapped filter: an upper bound of its result's size, from the
    // input and the arguments, checked before the builtin runs.
    type Bound = fn(&Value, &Args) -> usize;
    let bounds: [(&str, Bound); 3] = [
        ("replace", |v, args| {
            let s = v.as_str().unwrap_or("");
            let (Some(from), Some(to)) = (text(args.get("from")), text(args.get("to"))) else {
                return s.len();
            };
            let hits = if from.is_empty() {
                s.chars().count() + 1
            } else {
                s.matches(from).count()
            };
            s.len().saturating_add(hits.saturating_mul(to.len()))
        }),
        ("indent", |v, args| {
            let s = v.as_str().unwrap_or("");
            let prefix = text(args.get("prefix")).map_or(4, str::len);
            let lines = s.lines().count() + 1;
            s.len().saturating_add(lines.saturating_mul(prefix))
        }),
        ("join", |v, args| {
            let sep = text(args.get("sep")).map_or(0, str::len);
            let items = v.as_array().map_or(0, Vec::len);
            measure(v).0.saturating_add(items.saturating_mul(sep))
        }),
    ];
    for (name, bound) in bounds {
        let Some(inner) = tera.filters.get(name).cloned() else {
            continue;
        };
        tera.register_filter(name, Checked { inner, bound });
    }
}

struct Checked {
    inner: Arc<dyn tera::Filter>,
    bound: fn(&Value, &HashMap<String, Value>) -> usize,
}

impl tera::Filter for Checked {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let size = (self.bound)(value, args);
        with_state(site_arg(args, "__at"), |s| {
            if size > s.limits.output_bytes {
                return Err(Trip::Output(size));
            }
            Ok(())
        })?;
        self.inner.filter(value, args)
    }

    fn is_safe(&self) -> bool {
        self.inner.is_safe()
    }
}

/// Why a guarded render failed.
pub(super) enum Failure {
    /// A limit, and the site it tripped at.
    Limit(Trip, Option<usize>),
    /// tera's own error (syntax, unknown variable, filter error …).
    Tera(tera::Error),
    /// tera panicked; the message.
    Panic(String),
}

/// Renders `name` with the limits counted, on a thread with a large stack.
pub(super) fn render(
    tera: &tera::Tera,
    name: &str,
    ctx: &tera::Context,
    limits: &TemplateLimits,
) -> Result<String, Failure> {
    let job = || {
        STATE.with(|s| {
            *s.borrow_mut() = Some(State {
                limits: *limits,
                started: Instant::now(),
                iterations: 0,
                depth: 0,
                frames: vec![0],
                tripped: None,
            })
        });
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| tera.render(name, ctx)));
        let state = STATE.with(|s| s.borrow_mut().take());
        let tripped = state.and_then(|s| s.tripped);
        match (r, tripped) {
            (_, Some((trip, at))) => Err(Failure::Limit(trip, at)),
            (Ok(Ok(s)), None) => Ok(s),
            (Ok(Err(e)), None) => Err(Failure::Tera(e)),
            (Err(p), None) => Err(Failure::Panic(
                p.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "panic".into()),
            )),
        }
    };
    std::thread::scope(|scope| {
        match std::thread::Builder::new()
            .name("kehoach-template".into())
            .stack_size(STACK)
            .spawn_scoped(scope, job)
        {
            Ok(h) => h
                .join()
                .unwrap_or_else(|_| Err(Failure::Panic("render thread".into()))),
            // No thread to be had (process limits): render here, with the
            // same counting; only the stack is smaller.
            Err(_) => job(),
        }
    })
}

/// A limit as a diagnostic at its site.
pub(super) fn diagnostic(trip: &Trip, site: Option<&Site>, limits: &TemplateLimits) -> Diagnostic {
    let mib = limits.output_bytes / (1024 * 1024);
    let (code, vi, en, hint_vi, hint_en) = match trip {
        Trip::Iterations => (
            limits::E_TEMPLATE_LOOP,
            format!("mẫu lặp quá {} lần (tính mọi vòng lặp `for`); dừng ở vòng lặp này", limits.iterations),
            format!("the template loops more than {} times (all `for` loops together); stopped in this loop", limits.iterations),
            "vòng lặp của mẫu chỉ nên chạy trên dữ liệu của kế hoạch; xem giới hạn trong docs/robustness.md",
            "template loops should run over the plan's data; see the limits in docs/robustness.md",
        ),
        Trip::Range(n) => (
            limits::E_TEMPLATE_LOOP,
            format!("range(…) tạo {n} số; một mẫu lặp nhiều nhất {} lần", limits.iterations),
            format!("range(…) asks for {n} numbers; a template loops at most {} times", limits.iterations),
            "giảm `end` của range; xem giới hạn trong docs/robustness.md",
            "lower the range's `end`; see the limits in docs/robustness.md",
        ),
        Trip::Output(n) => (
            limits::E_TEMPLATE_OUTPUT,
            format!("mẫu tạo ra quá nhiều chữ (≥ {} byte; tối đa {mib} MiB cho một giá trị, một lần gọi macro hay cả văn bản)", n),
            format!("the template produces too much text (≥ {n} bytes; at most {mib} MiB for one value, one macro call or the whole document)"),
            "kiểm tra các bộ lọc replace/join/indent, phép nối ~ và `set` trong vòng lặp",
            "check replace/join/indent filters, ~ concatenation and `set` inside loops",
        ),
        Trip::Nesting => (
            limits::E_TEMPLATE_OUTPUT,
            format!("mẫu tạo ra một giá trị lồng nhau quá {} cấp", limits::MAX_DEPTH),
            format!("the template builds a value nested more than {} levels deep", limits::MAX_DEPTH),
            "kiểm tra bộ lọc concat trong vòng lặp",
            "check concat filters inside loops",
        ),
        Trip::Depth => (
            limits::E_TEMPLATE_DEPTH,
            format!("macro hoặc include lồng nhau quá {} cấp: macro này gọi lại chính nó không dừng?", limits.depth),
            format!("macros or includes nested more than {} levels deep: does this macro call itself without end?", limits.depth),
            "một macro đệ quy phải dừng khi hết dữ liệu (ví dụ chỉ gọi lại cho `noi_dung` con)",
            "a recursive macro must stop when the data ends (e.g. call itself only for child `noi_dung`)",
        ),
        Trip::Time => (
            limits::E_RENDER_TIME,
            format!("tạo văn bản từ mẫu mất quá {} giây; dừng ở đây", limits.time.as_secs()),
            format!("rendering the template took longer than {} s; stopped here", limits.time.as_secs()),
            "mẫu có vòng lặp hoặc bộ lọc quá nặng; xem giới hạn trong docs/robustness.md",
            "the template has too heavy loops or filters; see the limits in docs/robustness.md",
        ),
        Trip::Env => (
            limits::E_OUTSIDE_FOLDER,
            "mẫu không được đọc biến môi trường (get_env)".to_string(),
            "templates cannot read environment variables (get_env)".to_string(),
            "đưa giá trị vào kế hoạch hoặc nhan.yaml",
            "put the value in the plan or in nhan.yaml",
        ),
    };
    let file = site.map_or_else(|| "mẫu".to_string(), |s| s.file.clone());
    Diagnostic::error(code, file, Text::new(vi, en))
        .at(site.and_then(|s| s.span))
        .hint(Text::new(hint_vi, hint_en))
}

/// One `{{ … }}` or `{% word … %}` tag of a source, in order.
struct Tag {
    kind: String,
    span: Span,
}

/// The tags of a template source, skipping comments and raw blocks, so the
/// k-th `for` node of the syntax tree is the k-th `for` tag here.
fn scan(src: &str) -> Vec<Tag> {
    let b = src.as_bytes();
    let mut tags = Vec::new();
    let (mut i, mut line, mut line_start) = (0usize, 1usize, 0usize);
    let mut raw = false;
    // Moves to byte `to`, counting lines.
    let advance = |i: &mut usize, to: usize, line: &mut usize, line_start: &mut usize| {
        for (k, c) in b[*i..to.min(b.len())].iter().enumerate() {
            if *c == b'\n' {
                *line += 1;
                *line_start = *i + k + 1;
            }
        }
        *i = to.min(b.len());
    };
    while i + 1 < b.len() {
        if b[i] != b'{' || !matches!(b[i + 1], b'{' | b'%' | b'#') {
            let next = memchr(b'{', &b[i + 1..]).map_or(b.len(), |n| i + 1 + n);
            advance(&mut i, next, &mut line, &mut line_start);
            continue;
        }
        let open = b[i + 1];
        let column = src[line_start..i].chars().count() + 1;
        let span = Span { line, column };
        let close: &[u8] = match open {
            b'{' => b"}}",
            b'%' => b"%}",
            _ => b"#}",
        };
        // The tag's end, outside quoted strings.
        let mut j = i + 2;
        let mut quote = None;
        while j + 1 < b.len() {
            match quote {
                Some(q) if b[j] == q => quote = None,
                Some(_) => {}
                None if open != b'#' && matches!(b[j], b'"' | b'\'' | b'`') => quote = Some(b[j]),
                None if b[j..].starts_with(close) => break,
                None => {}
            }
            j += 1;
        }
        let inner = &src[i + 2..j.min(b.len())];
        let word: String = inner
            .trim_start_matches(['-', '+'])
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if raw {
            if open == b'%' && word == "endraw" {
                raw = false;
            }
        } else if open == b'{' {
            tags.push(Tag {
                kind: "{{".into(),
                span,
            });
        } else if open == b'%' {
            if word == "raw" {
                raw = true;
            }
            tags.push(Tag { kind: word, span });
        }
        advance(&mut i, j + 2, &mut line, &mut line_start);
    }
    tags
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|c| *c == needle)
}

/// Whether an `include`/`import`/`extends` name is a plain file name of the
/// template folder (no separator, no parent, no drive).
fn plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', ':', '\0'])
}

struct Walker<'a> {
    file: &'a str,
    tags: Vec<Tag>,
    seen: HashMap<String, usize>,
    sites: &'a mut Vec<Site>,
    names: &'a BTreeSet<String>,
    error: Option<Diagnostic>,
}

fn call(name: &str, args: Vec<(&str, ExprVal)>) -> FunctionCall {
    FunctionCall {
        name: name.to_string(),
        args: args
            .into_iter()
            .map(|(k, v)| (k.to_string(), Expr::new(v)))
            .collect(),
    }
}

fn stmt(f: FunctionCall) -> Node {
    Node::VariableBlock(WS::default(), Expr::new(ExprVal::FunctionCall(f)))
}

fn at_arg(at: usize) -> ExprVal {
    ExprVal::Int(at as i64)
}

impl Walker<'_> {
    /// The next tag of `kind` in the source, as a site.
    fn site(&mut self, kind: &str) -> usize {
        let k = self.seen.entry(kind.to_string()).or_insert(0);
        let span = self
            .tags
            .iter()
            .filter(|t| t.kind == kind)
            .nth(*k)
            .map(|t| t.span);
        *k += 1;
        self.sites.push(Site {
            file: self.file.to_string(),
            span,
        });
        self.sites.len() - 1
    }

    fn fail(&mut self, code: &'static str, at: usize, vi: String, en: String, hint: Text) {
        if self.error.is_none() {
            let s = &self.sites[at];
            self.error = Some(
                Diagnostic::error(code, s.file.clone(), Text::new(vi, en))
                    .at(s.span)
                    .hint(hint),
            );
        }
    }

    /// A template named in `include`, `import` or `extends`.
    fn name(&mut self, name: &str, at: usize, what: &str) {
        if !plain_name(name) {
            self.fail(
                limits::E_OUTSIDE_FOLDER,
                at,
                format!("`{what} \"{name}\"`: mẫu chỉ được dùng các tệp trong chính thư mục mẫu"),
                format!("`{what} \"{name}\"`: a template may only use files of its own folder"),
                Text::new(
                    "chép tệp cần dùng vào thư mục mẫu và gọi bằng tên tệp, ví dụ \"khoi.xml\"",
                    "copy the file into the template folder and name it by its file name, e.g. \"khoi.xml\"",
                ),
            );
        } else if !self.names.contains(name) {
            let known: Vec<&str> = self.names.iter().map(String::as_str).collect();
            self.fail(
                "E310",
                at,
                format!(
                    "`{what} \"{name}\"`: thư mục mẫu không có tệp này (có: {})",
                    known.join(", ")
                ),
                format!(
                    "`{what} \"{name}\"`: the template folder has no such file (it has: {})",
                    known.join(", ")
                ),
                Text::new(
                    "chỉ các tệp *.xml của thư mục mẫu được dùng",
                    "only the *.xml files of the template folder can be used",
                ),
            );
        }
    }

    fn nodes(
        &mut self,
        nodes: Vec<Node>,
        at: usize,
        looping: bool,
        bracket: Option<bool>,
    ) -> Vec<Node> {
        let mut out = Vec::with_capacity(nodes.len() + 3);
        let mut text = 0usize;
        for node in nodes {
            match node {
                Node::Text(s) => {
                    text += s.len();
                    out.push(Node::Text(s));
                }
                Node::Raw(a, s, b) => {
                    text += s.len();
                    out.push(Node::Raw(a, s, b));
                }
                Node::VariableBlock(ws, mut e) => {
                    let at = self.site("{{");
                    self.expr(&mut e, at, true);
                    out.push(Node::VariableBlock(ws, e));
                }
                Node::Set(ws, mut s) => {
                    let at = self.site(if s.global { "set_global" } else { "set" });
                    self.expr(&mut s.value, at, false);
                    out.push(Node::Set(ws, s));
                }
                Node::Forloop(a, mut f, b) => {
                    let at = self.site("for");
                    self.expr(&mut f.container, at, false);
                    f.body = self.nodes(std::mem::take(&mut f.body), at, true, None);
                    f.empty_body = f.empty_body.take().map(|b| self.nodes(b, at, false, None));
                    out.push(Node::Forloop(a, f, b));
                }
                Node::If(mut i, ws) => {
                    let mut last = at;
                    for (k, (_, e, body)) in i.conditions.iter_mut().enumerate() {
                        last = self.site(if k == 0 { "if" } else { "elif" });
                        self.expr(e, last, false);
                        *body = self.nodes(std::mem::take(body), last, false, None);
                    }
                    if let Some((_, body)) = &mut i.otherwise {
                        *body = self.nodes(std::mem::take(body), last, false, None);
                    }
                    out.push(Node::If(i, ws));
                }
                Node::MacroDefinition(a, mut m, b) => {
                    let at = self.site("macro");
                    for e in m.args.values_mut().flatten() {
                        self.expr(e, at, false);
                    }
                    m.body = self.nodes(std::mem::take(&mut m.body), at, false, Some(true));
                    out.push(Node::MacroDefinition(a, m, b));
                }
                Node::Block(a, mut bl, b) => {
                    let at = self.site("block");
                    bl.body = self.nodes(std::mem::take(&mut bl.body), at, false, None);
                    out.push(Node::Block(a, bl, b));
                }
                Node::FilterSection(a, mut fs, b) => {
                    let at = self.site("filter");
                    self.call(&mut fs.filter, at);
                    fs.body = self.nodes(std::mem::take(&mut fs.body), at, false, None);
                    // The section's filter may grow the text: guard its result.
                    let guard = call(
                        GUARD,
                        vec![("at", at_arg(at)), ("out", ExprVal::Bool(true))],
                    );
                    out.push(Node::FilterSection(
                        a,
                        FilterSection {
                            filter: guard,
                            body: vec![Node::FilterSection(a, fs, b)],
                        },
                        b,
                    ));
                }
                Node::Include(ws, names, missing) => {
                    let at = self.site("include");
                    for n in &names {
                        self.name(n, at, "include");
                    }
                    out.push(Node::Include(ws, names, missing));
                }
                Node::Extends(ws, name) => {
                    let at = self.site("extends");
                    self.name(&name, at, "extends");
                    out.push(Node::Extends(ws, name));
                }
                Node::ImportMacro(ws, name, ns) => {
                    let at = self.site("import");
                    self.name(&name, at, "import");
                    out.push(Node::ImportMacro(ws, name, ns));
                }
                other => out.push(other),
            }
        }
        let mut head = Vec::with_capacity(2);
        if let Some(is_macro) = bracket {
            head.push(stmt(call(
                ENTER,
                vec![("at", at_arg(at)), ("macro", ExprVal::Bool(is_macro))],
            )));
        }
        head.push(stmt(call(
            TICK,
            vec![
                ("at", at_arg(at)),
                ("n", ExprVal::Int(text as i64)),
                ("loop", ExprVal::Bool(looping)),
            ],
        )));
        out.splice(0..0, head);
        if let Some(is_macro) = bracket {
            out.push(stmt(call(EXIT, vec![("macro", ExprVal::Bool(is_macro))])));
        }
        out
    }

    fn call(&mut self, f: &mut FunctionCall, at: usize) {
        if f.name.starts_with(RESERVED) {
            let name = f.name.clone();
            self.fail(
                "E310",
                at,
                format!("tên `{name}` dành riêng cho chương trình"),
                format!("the name `{name}` is reserved for the program"),
                Text::new("đổi tên bộ lọc hoặc hàm", "rename the filter or function"),
            );
        }
        for e in f.args.values_mut() {
            self.expr(e, at, false);
        }
        if CHECKED.contains(&f.name.as_str()) {
            f.args.insert("__at".into(), Expr::new(at_arg(at)));
        }
    }

    fn val(&mut self, v: &mut ExprVal, at: usize) {
        match v {
            ExprVal::Math(m) => {
                self.expr(&mut m.lhs, at, false);
                self.expr(&mut m.rhs, at, false);
            }
            ExprVal::Logic(l) => {
                self.expr(&mut l.lhs, at, false);
                self.expr(&mut l.rhs, at, false);
            }
            ExprVal::In(i) => {
                self.expr(&mut i.lhs, at, false);
                self.expr(&mut i.rhs, at, false);
            }
            ExprVal::Test(t) => {
                for e in &mut t.args {
                    self.expr(e, at, false);
                }
            }
            ExprVal::MacroCall(m) => {
                for e in m.args.values_mut() {
                    self.expr(e, at, false);
                }
            }
            ExprVal::FunctionCall(f) => self.call(f, at),
            ExprVal::Array(a) => {
                for e in a {
                    self.expr(e, at, false);
                }
            }
            ExprVal::StringConcat(c) => {
                for v in &mut c.values {
                    self.val(v, at);
                }
            }
            _ => {}
        }
    }

    /// Guards an expression: after each filter, and after `~`, function
    /// and macro calls; `out` also counts the value as output.
    fn expr(&mut self, e: &mut Expr, at: usize, out: bool) {
        self.val(&mut e.val, at);
        for f in &mut e.filters {
            self.call(f, at);
        }
        // Whether tera would escape the value at this point; the guard must
        // not change it (macro output and `~` are not escaped).
        let mut escape = match &e.val {
            ExprVal::MacroCall(_) => false,
            ExprVal::StringConcat(c) => c
                .values
                .iter()
                .any(|v| matches!(v, ExprVal::FunctionCall(_))),
            _ => true,
        };
        let grows = matches!(
            e.val,
            ExprVal::StringConcat(_)
                | ExprVal::MacroCall(_)
                | ExprVal::FunctionCall(_)
                | ExprVal::Array(_)
        );
        if e.filters.is_empty() && !grows && !out {
            return;
        }
        let guard = |escape: bool, out: bool| {
            call(
                if escape { GUARD } else { GUARD_RAW },
                vec![("at", at_arg(at)), ("out", ExprVal::Bool(out))],
            )
        };
        let filters = std::mem::take(&mut e.filters);
        let safe_last = filters.last().is_some_and(|f| f.name == "safe");
        let mut chain = Vec::with_capacity(filters.len() * 2 + 1);
        for f in filters {
            if f.name == "safe" {
                continue;
            }
            if f.name != "default" {
                escape = true;
            }
            chain.push(f);
            chain.push(guard(escape, false));
        }
        match chain.last_mut() {
            Some(last) if out => *last = guard(escape, true),
            Some(_) => {}
            None => chain.push(guard(escape, out)),
        }
        if safe_last {
            chain.push(call("safe", vec![]));
        }
        e.filters = chain;
    }
}

/// Rewrites a parsed template so its render is counted (see the module
/// comment), and checks the files it names. `source` is its text, `file`
/// its path as shown, `names` the template files of the folder.
pub(super) fn instrument(
    tpl: &mut tera::Template,
    source: &str,
    file: &str,
    names: &BTreeSet<String>,
    sites: &mut Vec<Site>,
) -> Result<(), Box<Diagnostic>> {
    let mut w = Walker {
        file,
        tags: scan(source),
        seen: HashMap::new(),
        sites,
        names,
        error: None,
    };
    w.sites.push(Site {
        file: file.to_string(),
        span: Some(Span { line: 1, column: 1 }),
    });
    let top = w.sites.len() - 1;
    tpl.ast = w.nodes(std::mem::take(&mut tpl.ast), top, false, Some(false));
    if let Some(d) = w.error {
        return Err(Box::new(d));
    }
    // tera renders macros and blocks from these maps, not from the tree:
    // rebuild them from the rewritten tree.
    fn blocks(nodes: &[Node], out: &mut HashMap<String, tera::ast::Block>) {
        for n in nodes {
            if let Node::Block(_, b, _) = n {
                out.insert(b.name.clone(), b.clone());
                blocks(&b.body, out);
            }
        }
    }
    tpl.blocks.clear();
    blocks(&tpl.ast, &mut tpl.blocks);
    tpl.macros = tpl
        .ast
        .iter()
        .filter_map(|n| match n {
            Node::MacroDefinition(_, m, _) => Some((m.name.clone(), m.clone())),
            _ => None,
        })
        .collect::<HashMap<String, MacroDefinition>>();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_found_in_order_past_comments_and_raw_blocks() {
        let src = "{# {% for x %} #}\n{% raw %}{{ no }}{% endraw %}\n  {%- for a in b %}{{ a | upper }}{% endfor %}";
        let tags = scan(src);
        let kinds: Vec<&str> = tags.iter().map(|t| t.kind.as_str()).collect();
        assert_eq!(kinds, ["raw", "for", "{{", "endfor"]);
        assert_eq!(tags[1].span, Span { line: 3, column: 3 });
    }

    #[test]
    fn only_plain_names_stay_in_the_folder() {
        assert!(plain_name("khoi.xml"));
        for bad in [
            "/etc/passwd",
            "../../secret",
            "a/b.xml",
            "..",
            "C:x",
            "a\\b",
            "",
        ] {
            assert!(!plain_name(bad), "{bad}");
        }
    }

    #[test]
    fn measures_deep_values_without_recursion() {
        let mut v = Value::String("x".into());
        for _ in 0..100_000 {
            v = Value::Array(vec![v]);
        }
        assert_eq!(measure(&v).1, 100_001);
        // Dropping it recursively would overflow; leak it instead.
        std::mem::forget(v);
    }
}
