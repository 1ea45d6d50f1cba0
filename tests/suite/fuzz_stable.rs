//! Fuzzing on the stable toolchain: the cargo-fuzz targets' functions driven
//! by a seeded mutational fuzzer for a bounded time (ignored tests), and a
//! replay of every saved crashing input (fuzz/regressions/), run by `cargo test`.
//!
//! Run: `FUZZ_SECS=300 FUZZ_SEED=7 cargo test --test suite fuzz_stable:: -- --ignored --nocapture`.

#[path = "../../fuzz/common/docgen.rs"]
mod docgen;
#[path = "../../fuzz/common/targets.rs"]
mod targets;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One input slower than this is a finding too (debug build).
const SLOW: Duration = Duration::from_secs(10);

type Target = fn(&[u8]) -> bool;

const TARGETS: &[(&str, Target)] = &[
    ("load_validate", targets::load_validate),
    ("docx_write", targets::docx_write),
    ("compose", targets::compose),
    ("pdf_write", targets::pdf_write),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// xorshift64*: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// YAML and plan fragments worth inserting whole.
const TOKENS: &[&str] = &[
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "&a ",
    "*a",
    "!!str ",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "\t",
    "# ",
    "---\n",
    "~",
    "|\n  ",
    ">-\n  ",
    "\u{0301}",
    "\u{FEFF}",
    "\u{200B}",
    "\u{0}",
    "99999999999999999999",
    "-1",
    "0",
    "1e309",
    ".nan",
    "ngang: ",
    "doc: ",
    "con:\n  - o: [1]",
    "dong:\n  - o: []",
    "o: [",
    "noi_dung:\n  - ",
    "muc: {tieu_de: x}",
    "diem: [a, b]",
    "bang: {cot: [{ten: A}], dong: []}",
    "ngay: \"2024-02-30\"",
    "\\u0007",
    "\\U0010FFFF",
    "? ",
    ", ",
    "<<: ",
    "%YAML 1.2\n",
    "ky: {chuc_vu: A, ho_ten: B}",
];

fn mutate(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(8) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8;
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                v.splice(at..at, t.iter().copied());
            }
            3 if !v.is_empty() => {
                let end = (at + rng.below(64)).min(v.len());
                v.drain(at.min(end)..end);
            }
            4 if !v.is_empty() => {
                let start = rng.below(v.len());
                let end = (start + rng.below(256)).min(v.len());
                let chunk = v[start..end].to_vec();
                v.splice(at..at, chunk);
            }
            5 => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let start = rng.below(other.len());
                    let end = (start + rng.below(512)).min(other.len());
                    v.splice(at..at, other[start..end].iter().copied());
                }
            }
            6 => {
                let n = rng.below(16);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                v.splice(at..at, bytes);
            }
            _ => {
                // Change one line's indentation.
                let line_start = v[..at.min(v.len())]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |i| i + 1);
                if rng.below(2) == 0 {
                    v.splice(line_start..line_start, [b' ', b' ']);
                } else if v.get(line_start) == Some(&b' ') {
                    v.remove(line_start);
                }
            }
        }
    }
    v.truncate(1 << 16);
    v
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut dirs = vec![root().join("fuzz/regressions").join(target)];
    if target == "load_validate" || target == "compose" {
        dirs.push(root().join("tests/bad"));
        dirs.push(root().join("tests/hostile"));
        dirs.push(root().join("plans"));
        out.push(kehoach::cli::STARTER.as_bytes().to_vec());
    }
    for d in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        out.extend(files.iter().filter_map(|f| std::fs::read(f).ok()));
    }
    let mut rng = Rng(0x5EED);
    while out.len() < 8 {
        out.push((0..256).map(|_| rng.next() as u8).collect());
    }
    out
}

/// FNV-1a, to name saved inputs by their content.
fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Runs one input; Ok(whether it went all the way through) when it
/// returned in time, else what went wrong.
fn check(f: Target, data: &[u8]) -> Result<bool, String> {
    let t = Instant::now();
    let r = catch_unwind(AssertUnwindSafe(|| f(data)));
    match r {
        Err(e) => Err(e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "panic".into())),
        Ok(_) if t.elapsed() > SLOW => Err(format!("slow: {:?}", t.elapsed())),
        Ok(through) => Ok(through),
    }
}

fn fuzz(name: &str, f: Target) {
    let secs: u64 = std::env::var("FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut corpus = seeds(name);
    let dir = root().join("fuzz/regressions").join(name);
    std::fs::create_dir_all(&dir).expect("regressions dir");
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let start = Instant::now();
    let (mut runs, mut through, mut found) = (0u64, 0u64, Vec::new());
    while start.elapsed() < Duration::from_secs(secs) {
        let base = corpus[rng.below(corpus.len())].clone();
        let input = mutate(&mut rng, &base, &corpus);
        runs += 1;
        match check(f, &input) {
            Err(why) => {
                let file = dir.join(format!("crash-{:016x}.bin", fnv(&input)));
                std::fs::write(&file, &input).expect("save crash");
                found.push(format!("{}: {why}", file.display()));
            }
            // Inputs that go all the way through are better parents.
            Ok(ok) => {
                through += ok as u64;
                if (ok || rng.below(8) == 0) && corpus.len() < 4096 {
                    corpus.push(input);
                }
            }
        }
    }
    std::panic::set_hook(prev);
    eprintln!(
        "{name}: seed {seed}, {runs} inputs ({through} accepted) in {:?}, {} findings",
        start.elapsed(),
        found.len()
    );
    assert!(found.is_empty(), "{name} findings:\n{}", found.join("\n"));
}

#[test]
#[ignore = "bounded fuzzing run; see docs/robustness.md"]
fn fuzz_load_validate() {
    fuzz("load_validate", targets::load_validate);
}

#[test]
#[ignore = "bounded fuzzing run; see docs/robustness.md"]
fn fuzz_docx_write() {
    fuzz("docx_write", targets::docx_write);
}

#[test]
#[ignore = "bounded fuzzing run; see docs/robustness.md"]
fn fuzz_compose() {
    fuzz("compose", targets::compose);
}

#[test]
#[ignore = "bounded fuzzing run; see docs/robustness.md"]
fn fuzz_pdf_write() {
    fuzz("pdf_write", targets::pdf_write);
}

/// Every saved finding, replayed: no panic and no slow input.
#[test]
fn regressions_replay() {
    let mut total = 0;
    for (name, f) in TARGETS {
        let dir = root().join("fuzz/regressions").join(name);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("entry").path())
            .filter(|p| p.file_name().is_some_and(|n| n != ".gitkeep"))
            .collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).expect("regression input");
            if let Err(why) = check(*f, &data) {
                panic!("{}: {why}", file.display());
            }
            total += 1;
        }
    }
    // The corpus exists and is replayed; it only grows.
    assert!(Path::new(&root().join("fuzz/regressions")).is_dir());
    eprintln!("{total} regression inputs replayed");
}
