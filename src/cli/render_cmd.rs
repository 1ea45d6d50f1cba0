//! `kehoach render`: plans (files or folders) to DOCX, PDF, text.
//!
//! One broken plan does not stop the others; the exit code says whether any
//! failed (1 for errors in a plan, 2 for a file that cannot be read or written).

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{EXIT_ERRORS, EXIT_OK, EXIT_USAGE};
use crate::batch;
use crate::compose::{self, Profile};
use crate::diag::Lang;
use crate::fonts::FontSet;
use crate::render::{self, Format};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// Lề 20/20/30/15 mm (khuyến nghị) / margins 20/20/30/15 mm.
    MacDinh,
    /// Lề 25/20/35/20 mm như tệp mẫu của Nghị định / the decree's own margins.
    NghiDinh,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnlyArg {
    /// Chỉ xuất các phụ lục / only the appendices.
    PhuLuc,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Tệp YAML hoặc thư mục chứa tệp YAML / plan files or folders.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Thư mục đầu ra (mặc định: cạnh tệp kế hoạch) / output folder.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Định dạng: docx,pdf,txt,md / output formats.
    #[arg(long, default_value = "docx,pdf")]
    pub to: String,
    /// Thư mục mẫu thay cho mẫu có sẵn / a template folder to use instead of the built-in one.
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Thư mục phông Times New Roman (times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf).
    #[arg(long)]
    pub font_dir: Option<PathBuf>,
    /// Cỡ lề / margin profile.
    #[arg(long, value_enum, default_value_t = ProfileArg::MacDinh)]
    pub profile: ProfileArg,
    /// Đóng dấu "DỰ THẢO" trên mọi trang / mark every page as a draft.
    #[arg(long)]
    pub draft: bool,
    /// PDF/A-2b cho lưu trữ / PDF/A-2b for archives.
    #[arg(long)]
    pub pdfa: bool,
    /// Chỉ xuất một phần / render only a part.
    #[arg(long, value_enum)]
    pub only: Option<OnlyArg>,
}

pub use crate::batch::plan_files;

fn say(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// Writes "lỗi: …" / "error: …" and gives the usage exit code.
fn usage_error(err: &mut dyn Write, lang: Lang, e: impl std::fmt::Display) -> i32 {
    let _ = writeln!(
        err,
        "{}",
        say(lang, format!("lỗi: {e}"), format!("error: {e}"))
    );
    EXIT_USAGE
}

/// Options and fonts from the arguments; `Err` holds the exit code after
/// the message was written.
pub(crate) fn setup(
    args: &RenderArgs,
    lang: Lang,
    err: &mut dyn Write,
) -> Result<(render::Options, FontSet), i32> {
    let formats = match Format::parse_list(&args.to) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) | Err(_) => {
            let bad = Format::parse_list(&args.to).err().unwrap_or_default();
            let _ = writeln!(
                err,
                "{}",
                say(
                    lang,
                    format!("lỗi: định dạng không hợp lệ `{bad}`; dùng docx, pdf, txt, md"),
                    format!("error: unknown format `{bad}`; use docx, pdf, txt, md"),
                )
            );
            return Err(EXIT_USAGE);
        }
    };
    let fonts = match &args.font_dir {
        Some(dir) => match FontSet::from_dir(dir) {
            Ok(f) => f,
            Err(e) => {
                return Err(usage_error(err, lang, e));
            }
        },
        None => FontSet::embedded().clone(),
    };
    let opts = render::Options {
        formats,
        out_dir: args.out.clone(),
        compose: compose::Options {
            template_dir: args.template.clone(),
            profile: match args.profile {
                ProfileArg::MacDinh => Profile::Default,
                ProfileArg::NghiDinh => Profile::Decree,
            },
            draft: args.draft,
            only_appendices: args.only == Some(OnlyArg::PhuLuc),
        },
        pdf: crate::pdf::PdfOptions { pdfa: args.pdfa },
    };
    Ok((opts, fonts))
}

/// Writes what one render did: warnings and "đã cập nhật …", or the
/// diagnostics; returns the exit code for this plan.
pub(crate) fn print_outcome(outcome: &batch::Outcome, lang: Lang, err: &mut dyn Write) -> i32 {
    match outcome {
        Ok(report) => {
            for w in &report.warnings {
                let _ = writeln!(err, "{}", w.render(lang, None));
            }
            let outs: Vec<String> = report
                .outputs
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            let pages = |word: &str| {
                report
                    .pages
                    .map(|n| format!(", {n} {word}"))
                    .unwrap_or_default()
            };
            let _ = writeln!(
                err,
                "{}",
                say(
                    lang,
                    format!(
                        "đã cập nhật {} ({} ms{})",
                        outs.join(", "),
                        report.millis,
                        pages("trang")
                    ),
                    format!(
                        "updated {} ({} ms{})",
                        outs.join(", "),
                        report.millis,
                        pages("pages")
                    ),
                )
            );
            EXIT_OK
        }
        Err(failure) => {
            let usage = failure.diagnostics.iter().any(|d| {
                d.code == crate::plan::load::IO_ERROR || d.code == "E093" || d.code == "E092"
            });
            for d in &failure.diagnostics {
                let _ = writeln!(err, "{}", d.render(lang, failure.source_text.as_deref()));
            }
            let _ = writeln!(
                err,
                "{}",
                say(
                    lang,
                    format!("không xuất được {}", display(&failure.source)),
                    format!("could not render {}", display(&failure.source)),
                )
            );
            if usage {
                EXIT_USAGE
            } else {
                EXIT_ERRORS
            }
        }
    }
}

/// `kehoach render`: several plans are rendered in parallel, with a
/// progress bar when stderr is a terminal and a summary table at the end.
pub fn run(args: &RenderArgs, lang: Lang, err: &mut dyn Write) -> i32 {
    let (opts, fonts) = match setup(args, lang, err) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let files = match plan_files(&args.inputs) {
        Ok(f) => f,
        Err(e) => {
            return usage_error(err, lang, e);
        }
    };
    if files.is_empty() {
        let _ = writeln!(
            err,
            "{}",
            say(
                lang,
                "lỗi: không có tệp kế hoạch (.yaml) nào".into(),
                "error: no plan files (.yaml) found".into(),
            )
        );
        return EXIT_USAGE;
    }
    let bar = (files.len() > 1 && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
            bar.set_style(style);
        }
        bar
    });
    let done = |file: &Path| {
        if let Some(bar) = &bar {
            bar.set_message(display(file));
            bar.inc(1);
        }
    };
    let outcomes = batch::render_all(&files, &opts, &fonts, &done);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut worst = EXIT_OK;
    for outcome in &outcomes {
        worst = worst.max(print_outcome(outcome, lang, err));
    }
    if files.len() > 1 {
        let _ = write!(err, "\n{}", batch::summary_table(&outcomes, lang));
    }
    worst
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
