//! Every bad-input fixture in tests/bad/ yields the diagnostic it declares
//! (code, line:column, Vietnamese and English message), in both languages,
//! without panicking; binary encodings are generated here.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use kehoach::diag::{Diagnostic, Lang, Span};
use kehoach::plan::validate::check_bytes;

struct Expect {
    code: String,
    line: usize,
    column: usize,
    vi: String,
    en: Option<String>,
    /// Part of the Vietnamese hint ("did you mean …" suggestions).
    hint: Option<String>,
}

/// Reads `# expect: CODE L:C message`, `# expect-en: message` and
/// `# expect-hint: text` lines.
fn expectations(text: &str) -> Vec<Expect> {
    let mut out: Vec<Expect> = Vec::new();
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        if let Some(rest) = line.strip_prefix("# expect: ") {
            let mut parts = rest.splitn(3, ' ');
            let code = parts.next().unwrap().to_string();
            let (l, c) = parts.next().unwrap().split_once(':').expect("line:column");
            out.push(Expect {
                code,
                line: l.parse().expect("line"),
                column: c.parse().expect("column"),
                vi: parts.next().unwrap_or("").to_string(),
                en: None,
                hint: None,
            });
        } else if let Some(rest) = line.strip_prefix("# expect-en: ") {
            out.last_mut().expect("expect-en after expect").en = Some(rest.to_string());
        } else if let Some(rest) = line.strip_prefix("# expect-hint: ") {
            out.last_mut().expect("expect-hint after expect").hint = Some(rest.to_string());
        }
    }
    out
}

fn run(name: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    let diags = catch_unwind(AssertUnwindSafe(|| check_bytes(name, bytes).1))
        .unwrap_or_else(|_| panic!("{name}: panicked"));
    let source = String::from_utf8_lossy(bytes);
    for d in &diags {
        for lang in [Lang::Vi, Lang::En] {
            let r = catch_unwind(AssertUnwindSafe(|| d.render(lang, Some(&source))))
                .unwrap_or_else(|_| panic!("{name}: rendering panicked"));
            assert!(r.contains(d.code), "{r}");
        }
        assert!(
            !d.message.vi.is_empty() && !d.message.en.is_empty(),
            "{name}: {d:?}"
        );
        assert!(
            !d.message.en.ends_with('.'),
            "{name}: English message ends with a period: {}",
            d.message.en
        );
        assert!(d.hint.is_some(), "{name}: {} has no hint", d.code);
    }
    diags
}

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn short(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.short(Lang::Vi))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_fixture_yields_its_diagnostics() {
    let files = fixtures();
    assert!(files.len() >= 55, "only {} fixtures", files.len());
    let mut codes = std::collections::BTreeSet::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let expects = expectations(&text);
        assert!(!expects.is_empty(), "{name}: no `# expect:` line");
        let diags = run(&name, &bytes);
        let mut used = Vec::new();
        for e in &expects {
            let found = diags.iter().enumerate().find(|(i, d)| {
                !used.contains(i)
                    && d.code == e.code
                    && d.span
                        == Some(Span {
                            line: e.line,
                            column: e.column,
                        })
                    && d.message.vi.contains(&e.vi)
                    && e.en.as_ref().is_none_or(|en| d.message.en.contains(en))
                    && e.hint.as_ref().is_none_or(|h| {
                        d.hint.as_ref().is_some_and(|dh| dh.vi.contains(h.as_str()))
                    })
            });
            match found {
                Some((i, _)) => used.push(i),
                None => panic!(
                    "{name}: expected {} {}:{} “{}”; got:\n{}",
                    e.code,
                    e.line,
                    e.column,
                    e.vi,
                    short(&diags)
                ),
            }
            codes.insert(e.code.clone());
        }
    }
    // Every code of the loader and the rules has at least one fixture.
    for code in [
        "E001", "E004", "E005", "E006", "E007", "E008", "E009", "E010", "E011", "E012", "E013",
        "E014", "E015", "E016", "E020", "E021", "E022", "E023", "E024", "E025", "E026", "E027",
        "E028", "E029", "E030", "E031", "E032", "E033", "E034", "E035", "E036", "E037", "E038",
        "E039", "E040", "W001", "W002", "W003", "W004", "W005", "W006",
    ] {
        assert!(codes.contains(code), "no fixture for {code}");
    }
}

#[test]
fn fixtures_name_the_right_line_in_rendered_output() {
    // The caret line shows the source line the diagnostic points at.
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad/053-unknown-agency.yaml");
    let bytes = std::fs::read(&path).unwrap();
    let diags = run("053", &bytes);
    let d = diags.iter().find(|d| d.code == "E028").unwrap();
    let r = d.render(Lang::Vi, Some(&String::from_utf8_lossy(&bytes)));
    assert!(r.contains("chu_tri: [snvv]"), "{r}");
    assert!(r.contains("gợi ý: có phải ý bạn là `snv`?"), "{r}");
    let r = d.render(Lang::En, Some(&String::from_utf8_lossy(&bytes)));
    assert!(r.contains("help: did you mean `snv`?"), "{r}");
}

const PLAN: &str = include_str!("../../templates/ke-hoach/starter.yaml");

fn only(diags: &[Diagnostic], code: &str, line: usize, column: usize) {
    assert!(
        diags
            .iter()
            .any(|d| d.code == code && d.span == Some(Span { line, column })),
        "expected {code} at {line}:{column}, got:\n{}",
        short(diags)
    );
}

#[test]
fn utf16_is_rejected_with_save_as_utf8() {
    let mut le = vec![0xFF, 0xFE];
    for u in PLAN.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    let d = run("utf16le.yaml", &le);
    only(&d, "E003", 1, 1);
    assert!(d[0].hint.as_ref().unwrap().vi.contains("UTF-8"));
    let mut be = Vec::new();
    for u in PLAN.encode_utf16() {
        be.extend_from_slice(&u.to_be_bytes());
    }
    only(&run("utf16be-no-bom.yaml", &be), "E003", 1, 1);
}

#[test]
fn invalid_utf8_names_the_line() {
    let mut bytes = b"co_quan:\n  ten: \"Caf".to_vec();
    bytes.push(0xE9); // Windows-1252 "é"
    bytes.extend_from_slice(b"\"\n");
    let d = run("cp1252.yaml", &bytes);
    only(&d, "E002", 2, 12);
    assert!(d[0].message.vi.contains("dòng 2"), "{}", d[0].message.vi);
    assert!(d[0].message.en.contains("line 2"), "{}", d[0].message.en);
}

#[test]
fn eight_bit_tcvn3_file_is_named_as_legacy() {
    // "Kế hoạch phát triển" typed with a .VnTime font and saved as 8-bit text.
    let latin1 = "trich_yeu: \"KÕ ho¹ch ph¸t triÓn\"\n";
    let bytes: Vec<u8> = latin1.chars().map(|c| c as u32 as u8).collect();
    let d = run("tcvn3-8bit.yaml", &bytes);
    assert_eq!(d.len(), 1, "{}", short(&d));
    assert_eq!(d[0].code, "E004");
    assert!(d[0].message.vi.contains("TCVN3"));
}

#[test]
fn utf8_bom_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(PLAN.as_bytes());
    let d = run("bom.yaml", &bytes);
    assert!(d.is_empty(), "{}", short(&d));
}

#[test]
fn garbage_never_panics() {
    // Truncations and byte noise of a real plan: any outcome but a panic.
    let bytes = PLAN.as_bytes();
    for cut in (0..bytes.len()).step_by(97) {
        let _ = run("cut.yaml", &bytes[..cut]);
    }
    let mut noisy = bytes.to_vec();
    for i in (0..noisy.len()).step_by(131) {
        noisy[i] = b"{}[]:-&*!|>'\"%@`\t"[i % 17];
        let _ = run("noisy.yaml", &noisy);
    }
}

#[test]
fn windows_line_endings_keep_positions() {
    let crlf = PLAN.replace('\n', "\r\n");
    assert!(run("crlf.yaml", crlf.as_bytes()).is_empty());
    let bad = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad/053-unknown-agency.yaml"),
    )
    .unwrap()
    .replace('\n', "\r\n");
    only(&run("crlf-bad.yaml", bad.as_bytes()), "E028", 23, 21);
}

/// The examples in docs/diagnostics.md are what `kehoach validate` prints
/// for their fixture, in their language: the page a secretariat reads to
/// understand a message cannot drift from the program.
#[test]
fn documented_examples_are_the_real_output() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let page = std::fs::read_to_string(root.join("docs/diagnostics.md")).unwrap();
    let mut checked = 0;
    for block in page.split("```text\n").skip(1) {
        let block = block.split("\n```").next().unwrap();
        let first = block.lines().next().unwrap_or("");
        let Some((file, _)) = first.split_once(".yaml:") else {
            continue;
        };
        let file = format!("{file}.yaml");
        let lang = if first.contains(": lỗi[") || first.contains(": cảnh báo[") {
            "vi"
        } else {
            "en"
        };
        let (_, _, err) = crate::support::cli::cli(&[
            "--lang",
            lang,
            "validate",
            root.join(&file).to_str().unwrap(),
        ]);
        let err = err.replace(&format!("{}/", root.display()), "");
        assert!(
            err.contains(block),
            "docs/diagnostics.md example for {file} differs from the output:\n{err}\n--- documented:\n{block}"
        );
        checked += 1;
    }
    assert!(checked >= 80, "only {checked} examples found");
}
