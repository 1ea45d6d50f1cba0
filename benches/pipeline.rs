//! Pipeline stages (load+validate, compose, DOCX, PDF) and the whole render,
//! on the reference plans and on synthetic plans of growing size.
//!
//! `cargo bench` runs everything; `cargo bench -- 'sample-1000p'` one input;
//! `cargo bench -- '/compose'` one stage. Sizes and the targets they are
//! checked against are in BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use kehoach::{compose, doc, docx, fonts, pdf, plan, sample};

/// A plan source to benchmark: name and bytes.
struct Input {
    name: String,
    bytes: Vec<u8>,
}

fn inputs() -> Vec<Input> {
    let mut out = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/plans");
    let mut refs: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    refs.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "yaml"));
    refs.sort();
    for p in refs {
        let name = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Ok(bytes) = std::fs::read(&p) {
            out.push(Input { name, bytes });
        }
    }
    // (pages, appendix rows): the sizes, plus the 10× steps that
    // show whether time grows linearly.
    for (pages, rows) in [
        (30, 200),
        (300, 2000),
        (100, 0),
        (1000, 0),
        (1, 1000),
        (1, 10_000),
    ] {
        let name = if rows == 0 {
            format!("sample-{pages}p")
        } else if pages == 1 {
            format!("sample-{rows}rows")
        } else {
            format!("sample-{pages}p-{rows}rows")
        };
        out.push(Input {
            name,
            bytes: sample::sample_yaml(pages, rows, 42).into_bytes(),
        });
    }
    out
}

fn load(name: &str, bytes: &[u8]) -> plan::load::Loaded {
    let loaded =
        plan::load::load_str(name, bytes).unwrap_or_else(|d| panic!("{name} does not load: {d:?}"));
    let diags = plan::validate::validate(&loaded);
    assert!(
        !diags
            .iter()
            .any(|d| d.severity == kehoach::diag::Severity::Error),
        "{name} has errors: {diags:?}"
    );
    loaded
}

fn composed(name: &str, p: &plan::Plan) -> doc::Document {
    compose::compose(p, name, &compose::Options::default())
        .unwrap_or_else(|d| panic!("{name} does not compose: {d:?}"))
}

fn stages(c: &mut Criterion) {
    let pdf_opts = pdf::PdfOptions { pdfa: false };
    let font_set = fonts::FontSet::embedded();
    for input in inputs() {
        let name = input.name.as_str();
        let bytes = input.bytes.as_slice();
        let loaded = load(name, bytes);
        let document = composed(name, &loaded.plan);
        let mut g = c.benchmark_group(name);
        // Large inputs take a second or more per run; a few samples are
        // enough to see their median and keep `cargo bench` short.
        let big = bytes.len() > 1_000_000;
        g.sample_size(if big { 10 } else { 20 });
        g.warm_up_time(Duration::from_millis(if big { 500 } else { 1000 }));
        g.measurement_time(Duration::from_secs(if big { 8 } else { 3 }));
        g.sampling_mode(SamplingMode::Flat);
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(BenchmarkId::from_parameter("load+validate"), |b| {
            b.iter(|| {
                let l = plan::load::load_str(name, black_box(bytes)).map(|l| {
                    let d = plan::validate::validate(&l);
                    (l, d)
                });
                black_box(l.is_ok())
            })
        });
        g.bench_function(BenchmarkId::from_parameter("compose"), |b| {
            b.iter(|| {
                black_box(
                    compose::compose(black_box(&loaded.plan), name, &compose::Options::default())
                        .is_ok(),
                )
            })
        });
        g.bench_function(BenchmarkId::from_parameter("docx"), |b| {
            b.iter(|| black_box(docx::write(black_box(&document)).map(|v| v.len())))
        });
        g.bench_function(BenchmarkId::from_parameter("pdf"), |b| {
            b.iter(|| {
                black_box(pdf::write(black_box(&document), font_set, &pdf_opts).map(|v| v.len()))
            })
        });
        g.bench_function(BenchmarkId::from_parameter("render"), |b| {
            b.iter(|| {
                let l = load(name, black_box(bytes));
                let d = composed(name, &l.plan);
                let x = docx::write(&d).map(|v| v.len());
                let p = pdf::write(&d, font_set, &pdf_opts).map(|v| v.len());
                black_box((x, p))
            })
        });
        g.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
