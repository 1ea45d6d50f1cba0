//! The render pipeline for one plan file: load → validate → compose → the
//! writers → files written atomically.
//!
//! Every output is produced in memory first and files are written only when
//! all of them succeeded, so a failed render never leaves a new DOCX beside
//! an old PDF, and never replaces a good earlier file with a broken one.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diag::{Diagnostic, Text};
use crate::{compose, docx, fonts, output, pdf, plan};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Docx,
    Pdf,
    Txt,
    Md,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Txt => "txt",
            Format::Md => "md",
        }
    }

    /// Parses a comma-separated list such as `docx,pdf`.
    pub fn parse_list(s: &str) -> Result<Vec<Format>, String> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let f = match part {
                "docx" => Format::Docx,
                "pdf" => Format::Pdf,
                "txt" => Format::Txt,
                "md" => Format::Md,
                other => return Err(other.to_string()),
            };
            if !out.contains(&f) {
                out.push(f);
            }
        }
        Ok(out)
    }
}

/// How to render.
#[derive(Debug, Clone)]
pub struct Options {
    pub formats: Vec<Format>,
    /// Output folder; default: beside the plan.
    pub out_dir: Option<PathBuf>,
    pub compose: compose::Options,
    pub pdf: pdf::PdfOptions,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            formats: vec![Format::Docx, Format::Pdf],
            out_dir: None,
            compose: compose::Options::default(),
            pdf: pdf::PdfOptions::default(),
        }
    }
}

/// What a successful render produced.
#[derive(Debug, Clone)]
pub struct Report {
    pub source: PathBuf,
    pub outputs: Vec<PathBuf>,
    /// Warnings (errors stop the render).
    pub warnings: Vec<Diagnostic>,
    /// Pages of the native PDF (main document and appendices), when one was made.
    pub pages: Option<usize>,
    pub millis: u128,
}

/// Why a render failed: the diagnostics, and the source text so that the
/// caller can show the offending lines.
#[derive(Debug, Clone)]
pub struct Failure {
    pub source: PathBuf,
    pub source_text: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The output path of `plan` in `format`.
pub fn output_path(plan: &Path, out_dir: Option<&Path>, suffix: &str, format: Format) -> PathBuf {
    let stem = plan
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ke-hoach".into());
    let dir = match out_dir {
        Some(d) => d.to_path_buf(),
        None => plan.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    dir.join(format!("{stem}{suffix}.{}", format.extension()))
}

/// One format's bytes, and the page count when it is the PDF.
type Written = (Vec<u8>, Option<usize>);

/// Renders one plan file.
pub fn render_file(path: &Path, opts: &Options, fonts: &fonts::FontSet) -> Result<Report, Failure> {
    let started = Instant::now();
    let fail = |diagnostics: Vec<Diagnostic>, text: Option<String>| Failure {
        source: path.to_path_buf(),
        source_text: text,
        diagnostics,
    };
    let loaded = plan::load::load_path(path).map_err(|d| fail(d, None))?;
    let text = Some(loaded.source.original.clone());
    let diags = plan::validate::validate(&loaded);
    if crate::diag::has_errors(&diags) {
        return Err(fail(diags, text));
    }
    let file = path.display().to_string();
    let doc = compose::compose(&loaded.plan, &file, &opts.compose).map_err(|d| fail(d, None))?;
    // The writers read only the document model: freeing the source, its
    // span map and the plan first lowers the peak memory of large renders.
    drop(text);
    drop(loaded);
    // Stages cannot be interrupted, but a render past its deadline stops
    // before the next one and before any file is written.
    let deadline = |stage: &str| {
        let limit = std::time::Duration::from_secs(crate::limits::MAX_RENDER_SECONDS);
        if started.elapsed() <= limit {
            return Ok(());
        }
        Err(fail(
            vec![Diagnostic::error(
                crate::limits::E_RENDER_TIME,
                &file,
                Text::new(
                    format!("xuất văn bản mất quá {} giây (dừng sau bước {stage}); không tệp nào được ghi", limit.as_secs()),
                    format!("the render took longer than {} s (stopped after {stage}); no file was written", limit.as_secs()),
                ),
            )],
            None,
        ))
    };
    deadline("compose")?;

    let suffix = if opts.compose.only_appendices {
        "-phu-luc"
    } else {
        ""
    };
    let write = |format: Format| -> Result<Written, Failure> {
        let writer_error = |code: &'static str, vi: String, en: String| {
            fail(
                vec![Diagnostic::error(code, &file, Text::new(vi, en))],
                None,
            )
        };
        Ok(match format {
            Format::Docx => {
                let bytes = docx::write(&doc).map_err(|e| {
                    writer_error(
                        "E090",
                        format!("không ghi được DOCX: {}", e.message),
                        format!("cannot write the DOCX: {}", e.message),
                    )
                })?;
                (bytes, None)
            }
            Format::Pdf => {
                let (bytes, n) = pdf::write_counted(&doc, fonts, &opts.pdf).map_err(|e| {
                    writer_error(
                        "E091",
                        format!("không ghi được PDF: {e}"),
                        format!("cannot write the PDF: {e}"),
                    )
                })?;
                (bytes, Some(n))
            }
            Format::Txt => (compose::to_text(&doc).into_bytes(), None),
            Format::Md => (compose::to_markdown(&doc).into_bytes(), None),
        })
    };
    // The writers only read the model, so the DOCX is written on a thread
    // of its own while this one writes the rest: on the two cores of an
    // office machine the DOCX costs no time next to the PDF. The PDF stays
    // here, where the memory loading freed is already mapped (on a new
    // thread its larger buffers would be faulted in afresh). Results keep
    // the order of the formats asked for.
    let written: Vec<Result<Written, Failure>> = std::thread::scope(|scope| {
        let handle = if opts.formats.contains(&Format::Docx) {
            // Without a thread to be had, the DOCX is written here below.
            std::thread::Builder::new()
                .name("kehoach-docx".into())
                .spawn_scoped(scope, || write(Format::Docx))
                .ok()
        } else {
            None
        };
        let threaded = handle.is_some();
        let here: Vec<Option<Result<Written, Failure>>> = opts
            .formats
            .iter()
            .map(|&f| (f != Format::Docx || !threaded).then(|| write(f)))
            .collect();
        let mut docx = handle.map(|h| h.join().unwrap_or_else(|_| write(Format::Docx)));
        here.into_iter()
            .zip(&opts.formats)
            .map(|(done, &f)| done.unwrap_or_else(|| docx.take().unwrap_or_else(|| write(f))))
            .collect()
    });
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::with_capacity(written.len());
    let mut pages = None;
    for (&format, result) in opts.formats.iter().zip(written) {
        let (bytes, n) = result?;
        pages = pages.or(n);
        files.push((
            output_path(path, opts.out_dir.as_deref(), suffix, format),
            bytes,
        ));
    }
    deadline("docx/pdf")?;
    if let Some(dir) = &opts.out_dir {
        if !dir.exists() {
            std::fs::create_dir_all(dir).map_err(|e| {
                fail(
                    vec![Diagnostic::error(
                        "E092",
                        dir.display().to_string(),
                        Text::new(
                            format!("không tạo được thư mục đầu ra ({e})"),
                            format!("cannot create the output folder ({e})"),
                        ),
                    )],
                    None,
                )
            })?;
        }
    }
    // Each file is replaced atomically; should a later one fail (locked in
    // Word, a folder in its place), the earlier ones get their previous bytes
    // back, so the DOCX and the PDF on disk always come from the same render.
    let mut outputs = Vec::with_capacity(files.len());
    let mut previous: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::with_capacity(files.len());
    for (out, bytes) in files {
        let old = std::fs::read(&out).ok();
        if let Err(e) = output::write_atomic(&out, &bytes) {
            for (done, old) in previous.iter().rev() {
                // Best effort: the error that matters is the one reported.
                let _ = match old {
                    Some(b) => output::write_atomic(done, b).map_err(|_| ()),
                    None => std::fs::remove_file(done).map_err(|_| ()),
                };
            }
            return Err(fail(vec![e.diagnostic("E093")], None));
        }
        previous.push((out.clone(), old));
        outputs.push(out);
    }
    Ok(Report {
        source: path.to_path_buf(),
        outputs,
        warnings: diags,
        pages,
        millis: started.elapsed().as_millis(),
    })
}
