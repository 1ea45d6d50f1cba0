//! Writes a synthetic plan and its peer documents (Markdown for pandoc,
//! Typst) for `bench/compare.sh`.
//!
//! Usage: `cargo run --release --example bench-sample -- PAGES ROWS OUT_DIR [SEED]`
//! writes `OUT_DIR/sample.yaml`, `OUT_DIR/sample.md` and `OUT_DIR/sample.typ`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize| args.get(i).and_then(|s| s.parse::<u64>().ok());
    let (Some(pages), Some(rows), Some(dir)) = (num(0), num(1), args.get(2)) else {
        eprintln!("usage: bench-sample PAGES ROWS OUT_DIR [SEED]");
        return ExitCode::from(2);
    };
    let seed = num(3).unwrap_or(42);
    let (pages, rows) = (pages as usize, rows as usize);
    let plan = kehoach::sample::sample_plan(pages, rows, seed);
    let dir = std::path::Path::new(dir);
    let files = [
        (
            "sample.yaml",
            kehoach::sample::sample_yaml(pages, rows, seed),
        ),
        ("sample.md", kehoach::sample::to_markdown_peer(&plan)),
        ("sample.typ", kehoach::sample::to_typst_peer(&plan)),
    ];
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::from(2);
    }
    for (name, text) in files {
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
