//! The `kehoach` command line: subcommands, output of diagnostics, exit codes.
//!
//! Exit codes: 0 clean (warnings allowed), 1 errors in a plan, 2 usage or
//! I/O errors. Further subcommands add a variant to [`Command`] and an arm
//! in [`run_with`].

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::diag::{Diagnostic, Lang};
use crate::plan::load::{self, IO_ERROR};
use crate::plan::validate::validate;

mod render_cmd;
mod tools;
pub use render_cmd::RenderArgs;

/// The starter plan written by `kehoach new`.
pub const STARTER: &str = include_str!("../../templates/ke-hoach/starter.yaml");

/// Exit code: everything clean (warnings allowed).
pub const EXIT_OK: i32 = 0;
/// Exit code: a plan has errors.
pub const EXIT_ERRORS: i32 = 1;
/// Exit code: wrong usage or a file that cannot be read or written.
pub const EXIT_USAGE: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "kehoach",
    version,
    about = "Soạn kế hoạch hành chính theo Nghị định 30/2020/NĐ-CP: YAML → DOCX và PDF"
)]
pub struct Cli {
    /// Ngôn ngữ thông báo / message language.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics for people, on stderr.
    Text,
    /// Diagnostics as JSON, on stdout.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kiểm tra tệp kế hoạch / check plan files.
    Validate {
        /// Các tệp YAML / plan files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Xuất DOCX và PDF / render plans to DOCX and PDF.
    Render(RenderArgs),
    /// Tạo tệp kế hoạch mẫu / write a starter plan.
    New {
        file: PathBuf,
        /// Ghi đè tệp đã có / overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Theo dõi và xuất lại mỗi khi lưu / re-render on every save.
    Watch {
        #[command(flatten)]
        render: RenderArgs,
        /// Dừng sau N lần xuất (cho kịch bản) / stop after N renders (for scripts).
        #[arg(long, hide = true)]
        max_events: Option<usize>,
    },
    /// Xuất các bảng phụ lục ra Excel / export appendix tables to XLSX.
    ExportXlsx {
        plan: PathBuf,
        /// Tệp XLSX (mặc định: cạnh tệp kế hoạch) / output file.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Đọc bảng nhiệm vụ từ Excel thành YAML / read a task table from XLSX into YAML.
    ImportXlsx {
        file: PathBuf,
        /// Tên trang tính / sheet name.
        #[arg(long)]
        sheet: Option<String>,
        /// Tệp YAML (mặc định: in ra màn hình) / output file (default: stdout).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// In JSON Schema của định dạng kế hoạch / print the plan JSON Schema.
    Schema,
    /// In kịch bản gợi ý lệnh cho shell / print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// So sánh hai phiên bản kế hoạch / what changed between two plan versions.
    Diff { old: PathBuf, new: PathBuf },
}

/// Parses the process arguments and runs; returns the exit code.
pub fn run() -> i32 {
    let args: Vec<String> = std::env::args().collect();
    run_with(&args, &mut std::io::stdout(), &mut std::io::stderr())
}

/// Runs with the given arguments (the first is the program name) and
/// output streams; returns the exit code.
pub fn run_with(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let text = e.render().to_string();
            let _ = if e.use_stderr() {
                err.write_all(text.as_bytes())
            } else {
                out.write_all(text.as_bytes())
            };
            return code;
        }
    };
    let lang = Lang::from(cli.lang);
    match cli.command {
        Command::Validate { files, format } => validate_files(&files, format, lang, out, err),
        Command::New { file, force } => new_file(&file, force, lang, err),
        Command::Render(args) => render_cmd::run(&args, lang, err),
        Command::Watch { render, max_events } => tools::watch(&render, max_events, lang, err),
        Command::ExportXlsx { plan, out: file } => {
            tools::export_xlsx(&plan, file.as_deref(), lang, err)
        }
        Command::ImportXlsx {
            file,
            sheet,
            out: out_file,
        } => tools::import_xlsx(&file, sheet.as_deref(), out_file.as_deref(), lang, out, err),
        Command::Schema => tools::schema(out),
        Command::Completions { shell } => tools::completions(shell, out),
        Command::Diff { old, new } => tools::diff(&old, &new, lang, out, err),
    }
}

/// One file's diagnostics, for JSON output.
#[derive(serde::Serialize)]
struct FileReport<'a> {
    file: String,
    ok: bool,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: crate::diag::Severity,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    field: Option<&'a str>,
    message: &'a str,
    hint: Option<&'a str>,
    message_vi: &'a str,
    message_en: &'a str,
}

fn validate_files(
    files: &[PathBuf],
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut worst = EXIT_OK;
    let mut results: Vec<(String, Vec<Diagnostic>)> = Vec::new();
    for f in files {
        let (diags, source) = match load::load_path(f) {
            Ok(loaded) => {
                let d = validate(&loaded);
                (d, Some(loaded.source.original))
            }
            Err(d) => {
                // An oversized or unreadable file is not read again for the
                // excerpt (it may be huge or an endless device).
                let reread = !d
                    .iter()
                    .any(|x| x.code == IO_ERROR || x.code == crate::limits::E_INPUT_TOO_LARGE);
                let source = reread
                    .then(|| std::fs::read(f).ok())
                    .flatten()
                    .map(|b| String::from_utf8_lossy(&b).into_owned());
                (d, source)
            }
        };
        let code = if diags.iter().any(|d| d.code == IO_ERROR) {
            EXIT_USAGE
        } else if crate::diag::has_errors(&diags) {
            EXIT_ERRORS
        } else {
            EXIT_OK
        };
        worst = worst.max(code);
        if format == Format::Text {
            for d in &diags {
                let _ = writeln!(err, "{}", d.render(lang, source.as_deref()));
            }
        }
        results.push((f.display().to_string(), diags));
    }
    match format {
        Format::Text => {
            let errors: usize = results
                .iter()
                .map(|(_, d)| d.iter().filter(|x| x.is_error()).count())
                .sum();
            let warnings: usize = results
                .iter()
                .map(|(_, d)| d.iter().filter(|x| !x.is_error()).count())
                .sum();
            let line = match lang {
                Lang::Vi => format!("{} tệp: {errors} lỗi, {warnings} cảnh báo", files.len()),
                Lang::En => format!(
                    "{} file(s): {errors} error(s), {warnings} warning(s)",
                    files.len()
                ),
            };
            let _ = writeln!(err, "{line}");
        }
        Format::Json => {
            let reports: Vec<FileReport> = results
                .iter()
                .map(|(file, diags)| FileReport {
                    file: file.clone(),
                    ok: !crate::diag::has_errors(diags),
                    errors: diags.iter().filter(|d| d.is_error()).count(),
                    warnings: diags.iter().filter(|d| !d.is_error()).count(),
                    diagnostics: diags
                        .iter()
                        .map(|d| JsonDiagnostic {
                            code: d.code,
                            severity: d.severity,
                            file: &d.file,
                            line: d.span.map(|s| s.line),
                            column: d.span.map(|s| s.column),
                            field: d.field.as_deref(),
                            message: d.message.get(lang),
                            hint: d.hint.as_ref().map(|h| h.get(lang)),
                            message_vi: &d.message.vi,
                            message_en: &d.message.en,
                        })
                        .collect(),
                })
                .collect();
            match serde_json::to_string_pretty(&reports) {
                Ok(s) => {
                    let _ = writeln!(out, "{s}");
                }
                Err(e) => {
                    let _ = writeln!(err, "{e}");
                    return EXIT_USAGE;
                }
            }
        }
    }
    worst
}

fn new_file(file: &Path, force: bool, lang: Lang, err: &mut dyn Write) -> i32 {
    let say = |vi: String, en: String| match lang {
        Lang::Vi => vi,
        Lang::En => en,
    };
    if file.exists() && !force {
        let _ = writeln!(
            err,
            "{}",
            say(
                format!("lỗi: tệp {} đã có; dùng --force để ghi đè", file.display()),
                format!(
                    "error: {} already exists; use --force to overwrite it",
                    file.display()
                ),
            )
        );
        return EXIT_USAGE;
    }
    match crate::output::write_atomic(file, STARTER.as_bytes()) {
        Ok(()) => {
            let _ = writeln!(
                err,
                "{}",
                say(
                    format!(
                        "đã tạo {}; kiểm tra bằng: kehoach validate {}",
                        file.display(),
                        file.display()
                    ),
                    format!(
                        "wrote {}; check it with: kehoach validate {}",
                        file.display(),
                        file.display()
                    ),
                )
            );
            EXIT_OK
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "{}",
                say(
                    format!("lỗi: {}", e.message.vi),
                    format!("error: {}", e.message.en),
                )
            );
            EXIT_USAGE
        }
    }
}
