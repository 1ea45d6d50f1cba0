//! NFC property and round trip: every string of a loaded plan is NFC, an
//! NFD copy of a plan loads to the same model with positions in the user's
//! own characters, and the reference plans in plans/ validate.

use std::path::PathBuf;

use kehoach::diag::{has_errors, Lang};
use kehoach::plan::load::{load_str, Loaded};
use kehoach::plan::validate::validate;
use unicode_normalization::UnicodeNormalization;

fn plans() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<PathBuf> = std::fs::read_dir(root.join("plans"))
        .map(|rd| {
            rd.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    out.push(root.join("templates/ke-hoach/starter.yaml"));
    out.sort();
    out
}

fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(m) => m.iter().for_each(|(k, x)| {
            out.push(k.clone());
            strings(x, out)
        }),
        _ => {}
    }
}

fn all_strings(l: &Loaded) -> Vec<String> {
    let mut out = Vec::new();
    strings(&serde_json::to_value(&l.plan).unwrap(), &mut out);
    out
}

fn load(name: &str, text: &str) -> Loaded {
    load_str(name, text.as_bytes()).unwrap_or_else(|d| {
        panic!(
            "{name}: {}",
            d.iter()
                .map(|d| d.short(Lang::En))
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

#[test]
fn there_are_reference_plans() {
    assert!(plans().len() >= 2, "{:?}", plans());
}

#[test]
fn every_string_is_nfc() {
    for p in plans() {
        let text = std::fs::read_to_string(&p).unwrap();
        for form in [
            text.clone(),
            text.nfd().collect::<String>(),
            text.nfkd().collect::<String>().nfc().collect(),
        ] {
            let l = load(&p.display().to_string(), &form);
            let s = all_strings(&l);
            assert!(s.len() > 20, "{}", p.display());
            for x in s {
                assert!(
                    unicode_normalization::is_nfc(&x),
                    "{}: not NFC: {x:?}",
                    p.display()
                );
            }
            assert!(unicode_normalization::is_nfc(&l.source.text));
        }
    }
}

#[test]
fn nfd_copy_loads_to_the_same_model() {
    for p in plans() {
        let name = p.display().to_string();
        let text = std::fs::read_to_string(&p).unwrap();
        let nfd: String = text.nfd().collect();
        assert_ne!(nfd, text, "{name}: has no Vietnamese letters?");
        let a = load(&name, &text);
        let b = load(&name, &nfd);
        assert_eq!(a.plan, b.plan, "{name}");
        // The same findings on the same lines (columns count the user's
        // characters, which differ between the forms).
        let key = |l: &Loaded| {
            validate(l)
                .into_iter()
                .map(|d| (d.code, d.span.map(|s| s.line), d.field, d.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(key(&a), key(&b), "{name}");
        // Lines are the same; columns point at the same value in each form.
        for path in a.source.paths() {
            let (sa, sb) = (
                a.source.span_of(path).unwrap(),
                b.source.span_of(path).unwrap(),
            );
            assert_eq!(sa.line, sb.line, "{name}: {path}");
            // The source text from the span to the end of its line.
            let rest = |text: &str, line: usize, column: usize| -> String {
                text.lines()
                    .nth(line - 1)
                    .unwrap()
                    .chars()
                    .skip(column - 1)
                    .collect()
            };
            let line_a = rest(&a.source.original, sa.line, sa.column);
            let line_b = rest(&b.source.original, sb.line, sb.column);
            assert_eq!(line_a, line_b.nfc().collect::<String>(), "{name}: {path}");
        }
    }
}

#[test]
fn reference_plans_validate_without_errors() {
    for p in plans() {
        let name = p.display().to_string();
        let l = load(&name, &std::fs::read_to_string(&p).unwrap());
        let d = validate(&l);
        assert!(
            !has_errors(&d),
            "{name}:\n{}",
            d.iter()
                .map(|d| d.render(Lang::Vi, Some(&l.source.original)))
                .collect::<String>()
        );
    }
}

#[test]
fn kehoach_validate_accepts_all_reference_plans() {
    let files: Vec<String> = plans().iter().map(|p| p.display().to_string()).collect();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .arg("validate")
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
