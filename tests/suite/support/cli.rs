//! Running `kehoach` as a user would (in process or as the built binary)
//! and fresh scratch folders, for the command-line test modules.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `plans/`, `templates/` and `tests/` live.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty scratch folder for one test. The calling module's file
/// name is part of the folder name, so modules of the one test binary that
/// pick the same `name` never share a folder.
#[track_caller]
pub fn scratch(name: &str) -> PathBuf {
    let module = Path::new(std::panic::Location::caller().file())
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("suite");
    let dir = std::env::temp_dir().join(format!("kehoach-{module}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the command line in process: (exit code, stdout, stderr).
pub fn cli(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["kehoach".to_string()];
    all.extend(args.iter().map(|s| s.to_string()));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = kehoach::cli::run_with(&all, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// Runs the built binary from the repository root, as a user's shell would.
pub fn kehoach(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run kehoach")
}

/// The stderr of a finished run, lossily decoded.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A path as a command-line argument.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A plan file read as `kehoach` reads it (encoding checks, NFC, the
/// schema walk that keeps `stt: ""` as empty text), not through plain
/// serde, so tests see the model the program renders.
#[track_caller]
pub fn load_plan(path: &Path) -> kehoach::plan::Plan {
    match kehoach::plan::load::load_path(path) {
        Ok(l) => l.plan,
        Err(d) => panic!(
            "{}: {}",
            path.display(),
            d.iter()
                .map(|d| d.short(kehoach::diag::Lang::En))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}
