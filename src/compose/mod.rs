//! Composition: a plan rendered through tera templates into document markup, parsed into the document model.
//!
//! The default template (`templates/ke-hoach/`) is compiled into the binary;
//! `--template DIR` reads a copied and edited folder instead (files missing
//! there fall back to the default). Templates own the wording; this module
//! owns the rules: numbering, styles, rules' lengths, the closing mark.

pub mod context;
mod guard;
pub mod markup;
pub mod numbering;
pub mod style;
pub mod tables;
pub mod text;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Span, Text};
use crate::doc;
use crate::limits::{self, TemplateLimits};
use crate::plan::Plan;
use crate::vn;

pub use style::Profile;
pub use text::{to_markdown, to_text};

/// How to compose.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A template folder replacing the built-in `templates/ke-hoach/`.
    pub template_dir: Option<PathBuf>,
    pub profile: Profile,
    /// Mark every page "DỰ THẢO" (also set by the plan's `trinh_bay.du_thao`).
    pub draft: bool,
    /// Only the appendices (each still restarts its page numbers).
    pub only_appendices: bool,
}

/// The template's entry file.
pub const ENTRY: &str = "van-ban.xml";
/// The template's wording file.
pub const LABELS: &str = "nhan.yaml";

/// The built-in template files, by name.
pub const DEFAULT_TEMPLATE: [(&str, &str); 3] = [
    (
        "van-ban.xml",
        include_str!("../../templates/ke-hoach/van-ban.xml"),
    ),
    (
        "khoi.xml",
        include_str!("../../templates/ke-hoach/khoi.xml"),
    ),
    (
        "nhan.yaml",
        include_str!("../../templates/ke-hoach/nhan.yaml"),
    ),
];
const DEFAULT_DIR: &str = "templates/ke-hoach";

/// A template folder's files: name → (path shown in messages, text).
struct Files(BTreeMap<String, (String, String)>);

impl Files {
    fn load(dir: Option<&Path>) -> Result<Files, Vec<Diagnostic>> {
        let mut files: BTreeMap<String, (String, String)> = DEFAULT_TEMPLATE
            .iter()
            .map(|(n, t)| (n.to_string(), (format!("{DEFAULT_DIR}/{n}"), t.to_string())))
            .collect();
        if let Some(dir) = dir {
            let shown = dir.display().to_string();
            let unreadable = |e: std::io::Error| {
                vec![Diagnostic::error(
                    "E310",
                    shown.clone(),
                    Text::new(
                        format!("không đọc được thư mục mẫu: {e}"),
                        format!("cannot read the template folder: {e}"),
                    ),
                )]
            };
            let entries = std::fs::read_dir(dir).map_err(unreadable)?;
            // Links are followed only when they stay inside the folder: a
            // copied template must not read files elsewhere on the machine.
            let root = dir.canonicalize().map_err(unreadable)?;
            let mut names: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            names.sort();
            let mut total: u64 = 0;
            for path in names {
                let Some(name) = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .map(str::to_string)
                else {
                    continue;
                };
                if !(name.ends_with(".xml") || name == LABELS) {
                    continue;
                }
                let text = read_template_file(&path, &root, &mut total)?;
                files.insert(name, (path.display().to_string(), text));
            }
        }
        Ok(Files(files))
    }

    /// The one place in the template's markup files where `literal` is
    /// written: (file as shown, line and column); None when it is written
    /// nowhere or in several places.
    fn find_unique(&self, literal: &str) -> Option<(String, Span)> {
        let mut found = None;
        for (name, (shown, text)) in &self.0 {
            if !name.ends_with(".xml") {
                continue;
            }
            for (i, line) in text.lines().enumerate() {
                for (byte, _) in line.match_indices(literal) {
                    if found.is_some() {
                        return None;
                    }
                    let column = line[..byte].chars().count() + 1;
                    found = Some((
                        shown.clone(),
                        Span {
                            line: i + 1,
                            column,
                        },
                    ));
                }
            }
        }
        found
    }

    fn shown(&self, name: &str) -> String {
        self.0
            .get(name)
            .map(|(p, _)| p.clone())
            .unwrap_or_else(|| name.to_string())
    }

    /// Default wording, then the folder's.
    fn labels(&self, dir_given: bool) -> Result<BTreeMap<String, String>, Vec<Diagnostic>> {
        let parse = |shown: &str, text: &str| {
            serde_yaml::from_str::<BTreeMap<String, String>>(text).map_err(|e| {
                let span = e.location().map(|l| Span {
                    line: l.line(),
                    column: l.column(),
                });
                vec![Diagnostic::error(
                    "E310",
                    shown.to_string(),
                    Text::new(
                        format!("tệp nhãn phải là các dòng `khóa: \"chữ\"`: {e}"),
                        format!("the labels file must be `key: \"text\"` lines: {e}"),
                    ),
                )
                .at(span)]
            })
        };
        let mut labels = parse(&format!("{DEFAULT_DIR}/{LABELS}"), DEFAULT_TEMPLATE[2].1)?;
        if dir_given {
            if let Some((shown, text)) = self.0.get(LABELS) {
                labels.extend(parse(shown, text)?);
            }
        }
        Ok(labels)
    }
}

/// Reads one file of a template folder: a regular file (or a link to one)
/// inside `root`, within the size limit shared by the folder's files.
fn read_template_file(
    path: &Path,
    root: &Path,
    total: &mut u64,
) -> Result<String, Vec<Diagnostic>> {
    use std::io::Read as _;
    let shown = path.display().to_string();
    let err = |code: &'static str, vi: String, en: String, hint: Option<Text>| {
        let d = Diagnostic::error(code, shown.clone(), Text::new(vi, en));
        vec![match hint {
            Some(h) => d.hint(h),
            None => d,
        }]
    };
    let io = |e: std::io::Error| {
        err(
            "E310",
            format!("không đọc được tệp mẫu: {e}"),
            format!("cannot read the template file: {e}"),
            None,
        )
    };
    let real = path.canonicalize().map_err(io)?;
    if !real.starts_with(root) {
        return Err(err(
            limits::E_OUTSIDE_FOLDER,
            format!(
                "tệp mẫu là liên kết tới `{}`, ngoài thư mục mẫu",
                real.display()
            ),
            format!(
                "the template file is a link to `{}`, outside the template folder",
                real.display()
            ),
            Some(Text::new(
                "chép tệp vào thư mục mẫu thay vì tạo liên kết",
                "copy the file into the template folder instead of linking to it",
            )),
        ));
    }
    let meta = std::fs::metadata(&real).map_err(io)?;
    if !meta.is_file() {
        // A pipe or device would block or never end.
        return Err(err(
            limits::E_OUTSIDE_FOLDER,
            "tệp mẫu không phải một tệp thường (thư mục, ống, thiết bị)".into(),
            "the template file is not a regular file (a folder, pipe or device)".into(),
            None,
        ));
    }
    let limit = limits::MAX_INPUT_BYTES;
    let too_large = || {
        err(
            limits::E_INPUT_TOO_LARGE,
            format!(
                "các tệp của thư mục mẫu quá lớn (tối đa {} MiB cộng lại)",
                limit / (1024 * 1024)
            ),
            format!(
                "the template folder's files are too large (at most {} MiB together)",
                limit / (1024 * 1024)
            ),
            None,
        )
    };
    if total.saturating_add(meta.len()) > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&real)
        .map_err(io)?
        .take(limit - *total + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    *total += bytes.len() as u64;
    if *total > limit {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|_| {
        err(
            "E310",
            "tệp mẫu không phải văn bản UTF-8".into(),
            "the template file is not UTF-8 text".into(),
            None,
        )
    })
}

/// Composes a plan into the document model. `file` names the plan in diagnostics.
pub fn compose(plan: &Plan, file: &str, opts: &Options) -> Result<doc::Document, Vec<Diagnostic>> {
    compose_with_limits(plan, file, opts, &TemplateLimits::default())
}

/// [`compose`] with other template limits (loop iterations, output size,
/// macro depth, time) than the documented defaults.
pub fn compose_with_limits(
    plan: &Plan,
    file: &str,
    opts: &Options,
    limits: &TemplateLimits,
) -> Result<doc::Document, Vec<Diagnostic>> {
    let files = Files::load(opts.template_dir.as_deref())?;
    let labels = files.labels(opts.template_dir.is_some())?;
    let view = context::build(plan, file, &labels)?;
    // The built-in template is parsed once per process (a `watch` loop
    // re-renders without re-parsing); a user folder once per call.
    let owned;
    let (tera, sites): &(tera::Tera, Vec<guard::Site>) = match opts.template_dir {
        None => default_tera(&files)?,
        Some(_) => {
            owned = build_tera(&files)?;
            &owned
        }
    };
    let ctx = tera::Context::from_serialize(&view)
        .map_err(|e| vec![template_error(&files, ENTRY, &e)])?;
    let markup = guard::render(tera, ENTRY, &ctx, limits).map_err(|f| {
        vec![match f {
            guard::Failure::Limit(trip, at) => {
                guard::diagnostic(&trip, at.and_then(|i| sites.get(i)), limits)
            }
            guard::Failure::Tera(e) => template_error(&files, ENTRY, &e),
            guard::Failure::Panic(m) => Diagnostic::error(
                "E310",
                files.shown(ENTRY),
                Text::new(
                    format!("lỗi mẫu: bộ xử lý mẫu gặp lỗi nội bộ ({m})"),
                    format!("template error: the template engine failed ({m})"),
                ),
            ),
        }]
    })?;
    let body = style::BodyStyle {
        size_pt: plan.trinh_bay.co_chu.unwrap_or(14.0),
        indent_mm: plan
            .trinh_bay
            .thut_dau_dong
            .map(|cm| cm * 10.0)
            .unwrap_or(12.7),
    };
    let profile = match plan.trinh_bay.le.as_deref() {
        Some("nghi-dinh") => Profile::Decree,
        Some("mac-dinh") => Profile::Default,
        _ => opts.profile,
    };
    let setup = markup::Setup {
        profile,
        body,
        only_appendices: opts.only_appendices,
    };
    let sections = markup::parse(&markup, setup).map_err(|e| {
        let out_line = markup.lines().nth(e.line.saturating_sub(1)).unwrap_or("");
        let excerpt: String = out_line.trim().chars().take(120).collect();
        let (shown, at) = match tag_at(out_line, e.column).and_then(|t| files.find_unique(t)) {
            Some((shown, at)) => (shown, Some(at)),
            None => (files.shown(ENTRY), None),
        };
        vec![Diagnostic::error(
            "E311",
            shown,
            Text::new(
                format!("mẫu tạo ra văn bản đánh dấu sai ở dòng {} cột {} của kết quả: {} — `{excerpt}`", e.line, e.column, e.message),
                format!("the template produced invalid markup at output line {} column {}: {} — `{excerpt}`", e.line, e.column, e.message),
            ),
        )
        .at(at)
        .hint(Text::new(
            "kiểm tra thẻ mở/đóng trong mẫu; xem docs/templates.md",
            "check the opening and closing tags in the template; see docs/templates.md",
        ))]
    })?;
    if sections.is_empty() {
        return Err(vec![Diagnostic::error(
            "E312",
            file,
            Text::new(
                "kế hoạch không có phụ lục nào để xuất riêng",
                "the plan has no appendix to output on its own",
            ),
        )
        .field("phu_luc")]);
    }
    let number = match plan.so {
        Some(_) => view.so_ky_hieu.clone(),
        None => String::new(),
    };
    Ok(doc::Document {
        meta: doc::Meta {
            title: format!("{} {}", view.loai.ten, plan.trich_yeu),
            author: plan.co_quan.ban_hanh.join(" "),
            subject: number,
            draft: (opts.draft || plan.trinh_bay.du_thao).then(|| view.nhan["du_thao"].clone()),
        },
        sections,
    })
}

/// The markup tag that starts at `column` (1-based, in characters) of an
/// output line: `</loai>`, `<trich-yu` — written literally in a template,
/// unlike the text around it.
fn tag_at(line: &str, column: usize) -> Option<&str> {
    let start = line.char_indices().nth(column.checked_sub(1)?)?.0;
    let rest = &line[start..];
    if !rest.starts_with('<') {
        return None;
    }
    let end = rest.find(|c: char| c == '>' || c == ' ' || c == '/' && !rest.starts_with("</"))?;
    let end = if rest[end..].starts_with('>') {
        end + 1
    } else {
        end
    };
    Some(&rest[..end]).filter(|t| t.len() > 2)
}

type Built = (tera::Tera, Vec<guard::Site>);

fn default_tera(files: &Files) -> Result<&'static Built, Vec<Diagnostic>> {
    static DEFAULT: std::sync::OnceLock<Result<Built, Vec<Diagnostic>>> =
        std::sync::OnceLock::new();
    DEFAULT
        .get_or_init(|| build_tera(files))
        .as_ref()
        .map_err(Clone::clone)
}

fn build_tera(files: &Files) -> Result<Built, Vec<Diagnostic>> {
    let mut tera = tera::Tera::default();
    // User text is escaped on output; the markup is XML.
    tera.autoescape_on(vec![".xml"]);
    register_filters(&mut tera);
    guard::register(&mut tera);
    let names: BTreeSet<String> = files
        .0
        .keys()
        .filter(|n| n.ends_with(".xml"))
        .cloned()
        .collect();
    // Parsed one by one so that each tree can be rewritten with the limit
    // counters before tera links templates together.
    let mut sites = Vec::new();
    for name in &names {
        let (shown, text) = &files.0[name];
        let mut tpl = tera::Template::new(name, None, text).map_err(|e| {
            vec![template_error(
                files,
                name,
                &tera::Error::chain(format!("Failed to parse '{name}'"), e),
            )]
        })?;
        guard::instrument(&mut tpl, text, shown, &names, &mut sites).map_err(|d| vec![*d])?;
        tera.templates.insert(name.clone(), tpl);
    }
    tera.build_inheritance_chains()
        .and_then(|()| tera.check_macro_files())
        .map_err(|e| vec![template_error(files, ENTRY, &e)])?;
    Ok((tera, sites))
}

fn str_arg<'a>(v: &'a tera::Value, filter: &str) -> tera::Result<&'a str> {
    v.as_str()
        .ok_or_else(|| tera::Error::msg(format!("filter `{filter}` expects text, got {v}")))
}

fn num_arg(v: &tera::Value, filter: &str) -> tera::Result<f64> {
    match v {
        tera::Value::Number(n) => n
            .as_f64()
            .ok_or_else(|| tera::Error::msg(format!("filter `{filter}`: bad number"))),
        tera::Value::String(s) => s.trim().parse().map_err(|_| {
            tera::Error::msg(format!("filter `{filter}` expects a number, got `{s}`"))
        }),
        other => Err(tera::Error::msg(format!(
            "filter `{filter}` expects a number, got {other}"
        ))),
    }
}

/// Vietnamese text rules as tera filters (see `docs/templates.md`).
fn register_filters(tera: &mut tera::Tera) {
    type Args = HashMap<String, tera::Value>;
    tera.register_filter("upper", |v: &tera::Value, _: &Args| {
        Ok(tera::Value::String(vn::upper(str_arg(v, "upper")?)))
    });
    tera.register_filter("nfc", |v: &tera::Value, _: &Args| {
        Ok(tera::Value::String(vn::nfc(str_arg(v, "nfc")?)))
    });
    tera.register_filter("close_mark", |v: &tera::Value, _: &Args| {
        Ok(tera::Value::String(vn::close_mark(str_arg(
            v,
            "close_mark",
        )?)))
    });
    tera.register_filter("roman", |v: &tera::Value, _: &Args| {
        let n = num_arg(v, "roman")?;
        vn::roman(n as u32).map(tera::Value::String).ok_or_else(|| {
            tera::Error::msg(format!(
                "filter `roman`: {n} has no Roman numeral (1 to 3999)"
            ))
        })
    });
    tera.register_filter("letter", |v: &tera::Value, _: &Args| {
        let n = num_arg(v, "letter")?;
        vn::letter(n as usize)
            .map(|l| tera::Value::String(l.to_string()))
            .ok_or_else(|| tera::Error::msg(format!("filter `letter`: index {n} is past \"y\"")))
    });
    tera.register_filter("decimal", |v: &tera::Value, args: &Args| {
        let places = match args.get("places") {
            Some(p) => Some(num_arg(p, "decimal")? as u8),
            None => None,
        };
        Ok(tera::Value::String(vn::decimal(
            num_arg(v, "decimal")?,
            places,
        )))
    });
    tera.register_filter("date_words", |v: &tera::Value, _: &Args| {
        let d =
            vn::parse_plan_date(str_arg(v, "date_words")?).map_err(|e| tera::Error::msg(e.en))?;
        Ok(tera::Value::String(vn::date_words(&d)))
    });
    tera.register_filter("doc_number", |v: &tera::Value, _: &Args| {
        Ok(tera::Value::String(vn::doc_number(
            num_arg(v, "doc_number")? as u32,
        )))
    });
}

/// A tera error as a diagnostic on the template file and line. Tera gives a
/// position for syntax errors; for a missing variable it names the variable,
/// and the line is the first use of it in the template files.
fn template_error(files: &Files, entry: &str, e: &tera::Error) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        chain.push(s.to_string());
        src = s.source();
    }
    let full = chain.join(": ");
    // The template the message names ('van-ban.xml'), else the entry.
    let mut name = entry.to_string();
    for part in &chain {
        if let Some(q) = part.split('\'').nth(1) {
            if files.0.contains_key(q) {
                name = q.to_string();
            }
        }
    }
    let mut span = None;
    if let Some(pos) = full.find("--> ") {
        let rest = &full[pos + 4..];
        let mut it = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        if let (Some(l), Some(c)) = (it.next(), it.next()) {
            span = Some(Span {
                line: l.parse().unwrap_or(1),
                column: c.parse().unwrap_or(1),
            });
        }
    }
    if span.is_none() {
        // "Variable `a.b` not found …" names what to look for.
        // "Filter call 'roman' failed" names the filter.
        let var = chain
            .iter()
            .rev()
            .find_map(|m| {
                m.split("Variable `")
                    .nth(1)
                    .and_then(|r| r.split('`').next())
            })
            .or_else(|| {
                chain.iter().find_map(|m| {
                    m.split("Filter call '")
                        .nth(1)
                        .and_then(|r| r.split('\'').next())
                })
            });
        if let Some(var) = var {
            // Prefer the named file, then any other.
            let mut order: Vec<&String> = vec![];
            if let Some((k, _)) = files.0.get_key_value(&name) {
                order.push(k);
            }
            order.extend(
                files
                    .0
                    .keys()
                    .filter(|k| **k != name && k.ends_with(".xml")),
            );
            'find: for k in order {
                let text = &files.0[k].1;
                for (i, l) in text.lines().enumerate() {
                    if let Some(col) = find_ident(l, var) {
                        name = k.clone();
                        span = Some(Span {
                            line: i + 1,
                            column: l[..col].chars().count() + 1,
                        });
                        break 'find;
                    }
                }
            }
        }
    }
    let message = chain.last().cloned().unwrap_or_default();
    let message = message
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Diagnostic::error(
        "E310",
        files.shown(&name),
        Text::new(
            format!("lỗi mẫu: {message}"),
            format!("template error: {message}"),
        ),
    )
    .at(span)
    .hint(Text::new(
        "xem các biến và cú pháp mẫu trong docs/templates.md",
        "see the template variables and syntax in docs/templates.md",
    ))
}

/// Byte offset of `var` in `line` as a whole identifier path.
fn find_ident(line: &str, var: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(off) = line[from..].find(var) {
        let at = from + off;
        let before = line[..at].chars().next_back();
        let after = line[at + var.len()..].chars().next();
        let ident =
            |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
        if !ident(before) && !ident(after) {
            return Some(at);
        }
        from = at + var.len();
    }
    None
}
