//! The whole render of one plan (load, validate, compose, DOCX, PDF) with
//! the time of each stage, for `bench/compare.sh` and profiling.
//!
//! Usage: `cargo run --release --example bench-pipeline -- PLAN.yaml OUT_DIR [--repeat N]`
//! writes `OUT_DIR/<name>.docx` and `OUT_DIR/<name>.pdf` and prints one line
//! per stage (milliseconds, the median of N runs) to stderr.

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use kehoach::diag::Severity;
use kehoach::{compose, docx, fonts, pdf, plan};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(src), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: bench-pipeline PLAN.yaml OUT_DIR [--repeat N]");
        return ExitCode::from(2);
    };
    let repeat = match args.get(2).map(String::as_str) {
        Some("--repeat") => args
            .get(3)
            .and_then(|s| s.parse().ok())
            .unwrap_or(1usize)
            .max(1),
        _ => 1,
    };
    let src = Path::new(src);
    let name = src
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut times: Vec<[Duration; 5]> = Vec::with_capacity(repeat);
    let mut outputs = None;
    for _ in 0..repeat {
        let t0 = Instant::now();
        let bytes = match std::fs::read(src) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{}: {e}", src.display());
                return ExitCode::from(2);
            }
        };
        let loaded = match plan::load::load_str(&src.to_string_lossy(), &bytes) {
            Ok(l) => l,
            Err(d) => {
                eprintln!(
                    "{} does not load: {} problems, first {:?}",
                    src.display(),
                    d.len(),
                    d.first()
                );
                return ExitCode::from(1);
            }
        };
        let diags = plan::validate::validate(&loaded);
        if let Some(e) = diags.iter().find(|d| d.severity == Severity::Error) {
            eprintln!("{} has errors, first {e:?}", src.display());
            return ExitCode::from(1);
        }
        let t1 = Instant::now();
        let document = match compose::compose(
            &loaded.plan,
            &src.to_string_lossy(),
            &compose::Options::default(),
        ) {
            Ok(d) => d,
            Err(d) => {
                eprintln!("compose failed: {:?}", d.first());
                return ExitCode::from(1);
            }
        };
        // As `render::render_file` does: the writers need only the model.
        drop(loaded);
        let t2 = Instant::now();
        let docx_bytes = match docx::write(&document) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("DOCX failed: {e:?}");
                return ExitCode::from(1);
            }
        };
        let t3 = Instant::now();
        let pdf_bytes = match pdf::write(
            &document,
            fonts::FontSet::embedded(),
            &pdf::PdfOptions { pdfa: false },
        ) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("PDF failed: {e:?}");
                return ExitCode::from(1);
            }
        };
        let t4 = Instant::now();
        times.push([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0]);
        outputs = Some((docx_bytes, pdf_bytes));
    }
    let out = Path::new(out);
    if let Some((d, p)) = outputs {
        let write =
            |ext: &str, bytes: &[u8]| std::fs::write(out.join(format!("{name}.{ext}")), bytes);
        if let Err(e) = std::fs::create_dir_all(out)
            .and_then(|_| write("docx", &d))
            .and_then(|_| write("pdf", &p))
        {
            eprintln!("{}: {e}", out.display());
            return ExitCode::from(2);
        }
    }
    for (k, stage) in ["load+validate", "compose", "docx", "pdf", "total"]
        .iter()
        .enumerate()
    {
        let mut v: Vec<Duration> = times.iter().map(|t| t[k]).collect();
        v.sort();
        let median = v[v.len() / 2];
        eprintln!("{stage:>14} {:9.2} ms", median.as_secs_f64() * 1000.0);
    }
    ExitCode::SUCCESS
}
