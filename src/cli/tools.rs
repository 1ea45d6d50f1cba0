//! Secretariat tools around the render: watch, spreadsheets, schema, completions, diff.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc;

use clap::CommandFactory;

use super::render_cmd::{self, RenderArgs};
use super::{Cli, EXIT_ERRORS, EXIT_OK, EXIT_USAGE};
use crate::diag::{self, Diagnostic, Lang, Text};
use crate::plan::load::{self, Loaded, IO_ERROR};
use crate::plan::validate::validate;
use crate::{compose, output, watch, xlsx};

fn error_line(lang: Lang, text: &Text) -> String {
    match lang {
        Lang::Vi => format!("lỗi: {}", text.vi),
        Lang::En => format!("error: {}", text.en),
    }
}

/// `kehoach watch`: renders on every save until interrupted. `max_events`
/// (hidden, for scripts and tests) ends the watch after that many renders.
pub fn watch(args: &RenderArgs, max_events: Option<usize>, lang: Lang, err: &mut dyn Write) -> i32 {
    let (opts, fonts) = match render_cmd::setup(args, lang, err) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let (stop_tx, stop_rx) = mpsc::channel();
    let mut seen = 0usize;
    let mut worst = EXIT_OK;
    let _ = writeln!(
        err,
        "{}",
        match lang {
            Lang::Vi => "đang theo dõi; nhấn Ctrl+C để dừng",
            Lang::En => "watching; press Ctrl+C to stop",
        }
    );
    let result = watch::run(&args.inputs, &opts, &fonts, stop_rx, |event| match event {
        watch::Event::Render(outcome) => {
            worst = worst.max(render_cmd::print_outcome(&outcome, lang, err));
            seen += 1;
            if max_events.is_some_and(|n| seen >= n) {
                let _ = stop_tx.send(());
            }
        }
        watch::Event::WatchError(text) => {
            let _ = writeln!(err, "{}", error_line(lang, &text));
        }
    });
    match result {
        // A watch that ended on request reports how the last renders went.
        Ok(()) => worst,
        Err(text) => {
            let _ = writeln!(err, "{}", error_line(lang, &text));
            EXIT_USAGE
        }
    }
}

/// Loads and validates a plan, printing diagnostics; `Err` is the exit code.
fn load_valid(path: &Path, lang: Lang, err: &mut dyn Write) -> Result<Loaded, i32> {
    let print = |diags: &[Diagnostic], source: Option<&str>, err: &mut dyn Write| {
        for d in diags {
            let _ = writeln!(err, "{}", d.render(lang, source));
        }
    };
    match load::load_path(path) {
        Ok(loaded) => {
            let diags = validate(&loaded);
            print(&diags, Some(&loaded.source.original), err);
            if diag::has_errors(&diags) {
                Err(EXIT_ERRORS)
            } else {
                Ok(loaded)
            }
        }
        Err(diags) => {
            print(&diags, None, err);
            Err(if diags.iter().any(|d| d.code == IO_ERROR) {
                EXIT_USAGE
            } else {
                EXIT_ERRORS
            })
        }
    }
}

fn write_file(path: &Path, bytes: &[u8], lang: Lang, err: &mut dyn Write) -> i32 {
    match output::write_atomic(path, bytes) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "{}", e.diagnostic("E093").render(lang, None));
            EXIT_USAGE
        }
    }
}

/// Name of the task sheet added to an export (the sheet agencies fill in).
pub const TASK_SHEET: &str = "Nhiệm vụ";

/// `kehoach export-xlsx`: every Phụ lục table to its own sheet, and the
/// plan's tasks as a sheet [`TASK_SHEET`] when the plan has tasks.
pub fn export_xlsx(plan: &Path, out: Option<&Path>, lang: Lang, err: &mut dyn Write) -> i32 {
    let loaded = match load_valid(plan, lang, err) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let document = match compose::compose(
        &loaded.plan,
        &plan.display().to_string(),
        &compose::Options::default(),
    ) {
        Ok(d) => d,
        Err(diags) => {
            for d in &diags {
                let _ = writeln!(err, "{}", d.render(lang, None));
            }
            return EXIT_ERRORS;
        }
    };
    let mut tables = xlsx::tables_of(&document);
    let task_table = xlsx::task_table(&loaded.plan);
    if !task_table.body_rows.is_empty() {
        tables.push((
            TASK_SHEET.to_string(),
            "Danh mục nhiệm vụ".to_string(),
            &task_table,
        ));
    }
    let bytes = match xlsx::export_tables(&tables) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "{}", error_line(lang, &e.text()));
            return EXIT_ERRORS;
        }
    };
    let target = match out {
        Some(p) => p.to_path_buf(),
        None => plan.with_extension("xlsx"),
    };
    let code = write_file(&target, &bytes, lang, err);
    if code == EXIT_OK {
        let names: Vec<&str> = tables.iter().map(|t| t.0.as_str()).collect();
        let _ = writeln!(
            err,
            "{}",
            match lang {
                Lang::Vi => format!(
                    "đã ghi {} ({} trang tính: {})",
                    target.display(),
                    names.len(),
                    names.join(", ")
                ),
                Lang::En => format!(
                    "wrote {} ({} sheet(s): {})",
                    target.display(),
                    names.len(),
                    names.join(", ")
                ),
            }
        );
    }
    code
}

/// `kehoach import-xlsx`: a task table edited in Excel back to YAML tasks
/// (to `out`, or stdout); rows that cannot be mapped are listed on stderr.
pub fn import_xlsx(
    file: &Path,
    sheet: Option<&str>,
    out_file: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            let text = Text::new(
                format!("không đọc được {} ({e})", file.display()),
                format!("cannot read {} ({e})", file.display()),
            );
            let _ = writeln!(err, "{}", error_line(lang, &text));
            return EXIT_USAGE;
        }
    };
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
    let result = match xlsx::import_tasks_from(&bytes, sheet, name.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "{}", error_line(lang, &e.text()));
            return EXIT_ERRORS;
        }
    };
    for row in &result.unmapped {
        let _ = writeln!(
            err,
            "{}",
            match lang {
                Lang::Vi => format!(
                    "cảnh báo: trang “{}”, dòng {}: {}",
                    result.sheet, row.row, row.reason.vi
                ),
                Lang::En => format!(
                    "warning: sheet “{}”, row {}: {}",
                    result.sheet, row.row, row.reason.en
                ),
            }
        );
    }
    let summary = match lang {
        Lang::Vi => format!(
            "trang “{}”: {} nhiệm vụ, {} dòng không đọc được",
            result.sheet,
            result.tasks.len(),
            result.unmapped.len()
        ),
        Lang::En => format!(
            "sheet “{}”: {} task(s), {} row(s) not mapped",
            result.sheet,
            result.tasks.len(),
            result.unmapped.len()
        ),
    };
    let code = match out_file {
        Some(p) => write_file(p, result.tasks_yaml.as_bytes(), lang, err),
        None => match out.write_all(result.tasks_yaml.as_bytes()) {
            Ok(()) => EXIT_OK,
            Err(_) => EXIT_USAGE,
        },
    };
    let _ = writeln!(err, "{summary}");
    code
}

/// `kehoach schema`: the JSON Schema of the plan format on stdout.
pub fn schema(out: &mut dyn Write) -> i32 {
    match out.write_all(crate::plan::json_schema::json_schema_text().as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(_) => EXIT_USAGE,
    }
}

/// `kehoach completions SHELL`: the completion script on stdout.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> i32 {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "kehoach", out);
    EXIT_OK
}

/// `kehoach diff OLD NEW`: what changed between two versions of a plan.
pub fn diff(old: &Path, new: &Path, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let a = match load_valid(old, lang, err) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let b = match load_valid(new, lang, err) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let d = crate::plan::diff::diff(&a.plan, &b.plan);
    match out.write_all(d.render(lang).as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(_) => EXIT_USAGE,
    }
}
