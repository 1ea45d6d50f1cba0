//! Many plans at once: rendered in parallel, reported in input order.
//!
//! Each plan is rendered by [`render::render_file`] on its own, so one broken
//! plan never stops the others and the bytes of every output are the same as
//! when the plans are rendered one after another.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::Lang;
use crate::fonts::FontSet;
use crate::render::{self, Failure, Options, Report};

/// One plan's outcome.
pub type Outcome = Result<Report, Failure>;

/// Plan files named by `inputs`: files as given, folders expanded to their
/// `*.yaml` / `*.yml` files in name order.
pub fn plan_files(inputs: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_plan_name(p))
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

/// Whether the file name looks like a plan (`.yaml` or `.yml`).
pub fn is_plan_name(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml") | Some("yml")
    )
}

/// Renders every file in parallel; the results are in the order of `files`.
/// `done` is called once per finished plan (from any worker thread), for a
/// progress bar.
pub fn render_all(
    files: &[PathBuf],
    opts: &Options,
    fonts: &FontSet,
    done: &(dyn Fn(&Path) + Sync),
) -> Vec<Outcome> {
    files
        .par_iter()
        .map(|file| {
            let outcome = render::render_file(file, opts, fonts);
            done(file);
            outcome
        })
        .collect()
}

/// The summary table printed after a batch: file, pages, milliseconds,
/// warnings, status — plain text, columns aligned, one line per plan in
/// input order.
pub fn summary_table(outcomes: &[Outcome], lang: Lang) -> String {
    let head: [&str; 5] = match lang {
        Lang::Vi => ["tệp", "trang", "ms", "cảnh báo", "kết quả"],
        Lang::En => ["file", "pages", "ms", "warnings", "status"],
    };
    let mut rows: Vec<[String; 5]> = vec![head.map(str::to_string)];
    for outcome in outcomes {
        rows.push(match outcome {
            Ok(r) => [
                r.source.display().to_string(),
                r.pages.map(|n| n.to_string()).unwrap_or_else(|| "–".into()),
                r.millis.to_string(),
                r.warnings.len().to_string(),
                match lang {
                    Lang::Vi => "xong".into(),
                    Lang::En => "ok".into(),
                },
            ],
            Err(f) => {
                let errors = f.diagnostics.iter().filter(|d| d.is_error()).count();
                let warnings = f.diagnostics.len() - errors;
                [
                    f.source.display().to_string(),
                    "–".into(),
                    "–".into(),
                    warnings.to_string(),
                    match lang {
                        Lang::Vi => format!("LỖI ({errors})"),
                        Lang::En => format!("FAILED ({errors})"),
                    },
                ]
            }
        });
    }
    // Widths in characters, not bytes: Vietnamese file names and headings
    // carry multi-byte letters.
    let width = |s: &str| s.chars().count();
    let mut widths = [0usize; 5];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(width(cell));
        }
    }
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i] - width(cell);
            if i > 0 {
                line.push_str("  ");
            }
            // Numbers right-aligned, text left-aligned.
            if (1..=3).contains(&i) {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let failed = outcomes.iter().filter(|o| o.is_err()).count();
    let ok = outcomes.len() - failed;
    out.push_str(&match lang {
        Lang::Vi => format!("{ok} kế hoạch xong, {failed} lỗi\n"),
        Lang::En => format!("{ok} plan(s) rendered, {failed} failed\n"),
    });
    out
}
