//! The hostile input catalogue: every fixture in tests/hostile/ and every
//! generated case runs through the real binary under a deadline, with the
//! declared exit code and message, and through the library without panicking.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kehoach::plan::validate::check_bytes;

use crate::support::cli::scratch as temp_dir;

/// Loads and validates in the library: no panic, and every diagnostic
/// renders in both languages.
fn in_process(name: &str, bytes: &[u8]) {
    let r = std::panic::catch_unwind(|| {
        let (_, diags) = check_bytes(name, bytes);
        let source = String::from_utf8_lossy(bytes);
        for d in &diags {
            for lang in [kehoach::diag::Lang::Vi, kehoach::diag::Lang::En] {
                assert!(d.render(lang, Some(&source)).contains(d.code));
            }
        }
    });
    assert!(r.is_ok(), "{name}: panicked in the library");
}

/// Generous for a debug build on a loaded machine; a hang still fails.
const DEADLINE: Duration = Duration::from_secs(60);

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary; kills it and fails the test if it overruns [`DEADLINE`].
fn run(args: &[&str]) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start kehoach");
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("kehoach {args:?} ran past {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Outcome {
        code: status
            .code()
            .unwrap_or_else(|| panic!("kehoach {args:?} killed by a signal: {status:?}")),
        stdout: String::from_utf8_lossy(&out_t.join().expect("stdout thread")).into_owned(),
        stderr: String::from_utf8_lossy(&err_t.join().expect("stderr thread")).into_owned(),
    }
}

/// Validates `file` in English and checks exit code, code and message.
fn expect(file: &Path, exit: i32, code: Option<&str>, text: &str) {
    let f = file.to_str().expect("utf-8 path");
    let o = run(&["--lang", "en", "validate", f]);
    assert_eq!(o.code, exit, "{f}: exit code; stderr:\n{}", o.stderr);
    if let Some(code) = code {
        let first = o
            .stderr
            .lines()
            .find(|l| l.contains("error["))
            .unwrap_or_else(|| panic!("{f}: no error printed:\n{}", o.stderr));
        assert!(
            first.contains(&format!("error[{code}]")) && first.contains(text),
            "{f}: expected {code} “{text}”, got: {first}"
        );
    } else {
        assert!(!o.stderr.contains("error["), "{f}: {}", o.stderr);
    }
    // The JSON report is well-formed for the same input.
    let j = run(&["validate", "--format", "json", f]);
    assert_eq!(j.code, exit, "{f}: JSON exit code");
    let v: serde_json::Value = serde_json::from_str(&j.stdout).expect("JSON report");
    if let Some(code) = code {
        assert_eq!(v[0]["diagnostics"][0]["code"], code, "{f}: {}", j.stdout);
    }
}

/// `# expect: exit=N [CODE message]` on the first line (lines may end in
/// LF, CRLF or a lone CR).
fn header(bytes: &[u8]) -> (i32, Option<String>, String) {
    let text = String::from_utf8_lossy(bytes);
    let first = text.split(['\r', '\n']).next().unwrap_or("");
    let rest = first
        .strip_prefix("# expect: exit=")
        .unwrap_or_else(|| panic!("missing `# expect: exit=` header: {first}"));
    let mut parts = rest.splitn(3, ' ');
    let exit = parts.next().unwrap().parse().expect("exit code");
    let code = parts.next().map(str::to_string);
    (exit, code, parts.next().unwrap_or("").to_string())
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/hostile")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

#[test]
fn catalogue_fixtures_give_their_declared_outcome() {
    let files = fixtures();
    assert!(files.len() >= 60, "only {} fixtures", files.len());
    for f in &files {
        let bytes = std::fs::read(f).expect("fixture");
        let (exit, code, text) = header(&bytes);
        expect(f, exit, code.as_deref(), &text);
        in_process(&f.display().to_string(), &bytes);
    }
}

#[test]
fn catalogue_is_documented() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/robustness.md"))
            .expect("docs/robustness.md");
    for f in fixtures() {
        let name = f.file_name().unwrap().to_str().unwrap();
        assert!(
            doc.contains(name),
            "docs/robustness.md does not list {name}"
        );
    }
    for f in template_fixtures() {
        let name = f.file_name().unwrap().to_str().unwrap();
        assert!(
            doc.contains(name),
            "docs/robustness.md does not list {name}"
        );
    }
    for name in GENERATED {
        assert!(
            doc.contains(name),
            "docs/robustness.md does not list {name}"
        );
    }
}

/// Generated cases, by the names docs/robustness.md lists them under.
const GENERATED: &[&str] = &[
    "gen-empty-file",
    "gen-binary-file",
    "gen-binary-no-signature",
    "gen-docx-picked",
    "gen-invalid-utf8",
    "gen-utf16-le-bom",
    "gen-utf16-be-bom",
    "gen-utf16-no-bom",
    "gen-utf8-bom",
    "gen-windows-1258",
    "gen-50mb-plan",
    "gen-dev-zero",
    "gen-alias-bomb",
    "gen-nesting-10000-flow",
    "gen-nesting-10000-block",
    "gen-paragraph-100k-no-spaces",
    "gen-table-10000-rows",
    "gen-table-too-many-rows",
    "gen-input-is-directory",
    "gen-input-missing",
    "gen-output-is-directory",
    "gen-output-parent-is-file",
    "gen-output-device",
    "gen-output-read-only",
    "gen-template-symlink-out",
    "gen-template-symlink-etc-passwd",
    "gen-template-symlink-inside",
    "gen-template-fifo",
    "gen-template-too-large",
    "gen-template-folder-missing",
    "gen-template-render-time",
    "gen-render-output-is-directory",
    "gen-render-out-is-file",
    "gen-render-disk-full",
    "gen-render-read-only-folder",
];

fn base() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/001-ok-baseline.yaml");
    let s = std::fs::read_to_string(p).expect("baseline");
    s.split_once('\n').expect("header").1.to_string()
}

const LINE: &str = "      - \"Nâng cao chất lượng phục vụ người dân.\"\n";

/// Writes a generated case, checks it in process and through the binary.
fn case(name: &str, bytes: &[u8], exit: i32, code: Option<&str>, text: &str) {
    let dir = temp_dir(name);
    let f = dir.join(format!("{name}.yaml"));
    std::fs::write(&f, bytes).expect("write case");
    in_process(name, bytes);
    expect(&f, exit, code, text);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn gen_encodings() {
    case("gen-empty-file", b"", 1, Some("E001"), "the file is empty");
    let mut bin = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let mut x: u32 = 0x9E37_79B9;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        bin.push(x as u8);
    }
    case(
        "gen-binary-file",
        &bin,
        1,
        Some("E054"),
        "binary data (a PNG image)",
    );
    let zeros: Vec<u8> = bin
        .iter()
        .map(|b| if b % 3 == 0 { 0 } else { *b })
        .skip(16)
        .collect();
    case(
        "gen-binary-no-signature",
        &zeros,
        1,
        Some("E054"),
        "many zero bytes",
    );
    let mut docx = b"PK\x03\x04\x14\0\x06\0".to_vec();
    docx.extend_from_slice(b"[Content_Types].xml");
    case(
        "gen-docx-picked",
        &docx,
        1,
        Some("E054"),
        "a ZIP, DOCX or XLSX file",
    );
    let mut bad = base().into_bytes();
    bad.extend_from_slice(b"ghi_chu: \"\xC3\x28 \xFF\"\n");
    case("gen-invalid-utf8", &bad, 1, Some("E002"), "not valid UTF-8");
    let utf16 = |be: bool, bom: bool| {
        let mut v = Vec::new();
        if bom {
            v.extend_from_slice(if be { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for u in base().encode_utf16() {
            v.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        v
    };
    case(
        "gen-utf16-le-bom",
        &utf16(false, true),
        1,
        Some("E003"),
        "UTF-16",
    );
    case(
        "gen-utf16-be-bom",
        &utf16(true, true),
        1,
        Some("E003"),
        "UTF-16",
    );
    case(
        "gen-utf16-no-bom",
        &utf16(false, false),
        1,
        Some("E003"),
        "UTF-16",
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(base().as_bytes());
    case("gen-utf8-bom", &bom, 0, None, "");
    // Windows-1258 bytes for "Nâng cao chất lượng": an 8-bit file saved by
    // an old editor.
    let mut cp = base().replace(LINE, "").into_bytes();
    cp.extend_from_slice(b"ghi_chu: \"N\xE2ng cao ch\xE2\xECt l\xFD\xF5\xF2ng\"\n");
    case("gen-windows-1258", &cp, 1, Some("E002"), "not valid UTF-8");
}

#[test]
fn gen_size_limits() {
    // A sparse 50 MB file: refused from its size, without reading it.
    let dir = temp_dir("gen-50mb-plan");
    let f = dir.join("big.yaml");
    let file = std::fs::File::create(&f).expect("create");
    file.set_len(50 * 1024 * 1024).expect("set_len");
    drop(file);
    let t = Instant::now();
    expect(&f, 1, Some("E050"), "the file is too large");
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    let _ = std::fs::remove_dir_all(dir);
    // The same in memory: refused before any parsing.
    let mut big = base().into_bytes();
    big.resize(50 * 1024 * 1024, b' ');
    let (_, d) = check_bytes("big.yaml", &big);
    assert_eq!(d[0].code, "E050");
    // An endless device is read only up to the limit.
    if Path::new("/dev/zero").exists() {
        expect(
            Path::new("/dev/zero"),
            1,
            Some("E050"),
            "the file is too large",
        );
    }
    let _ = "gen-dev-zero";
}

#[test]
fn gen_alias_bomb() {
    let mut s = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for i in 1..10u8 {
        let (n, p) = ((b'a' + i) as char, (b'a' + i - 1) as char);
        let refs = vec![format!("*{p}"); 9].join(",");
        s.push_str(&format!("{n}: &{n} [{refs}]\n"));
    }
    case(
        "gen-alias-bomb",
        s.as_bytes(),
        1,
        Some("E052"),
        "aliases (*) expand the content too many times",
    );
}

#[test]
fn gen_deep_nesting() {
    let flow = format!("x: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    case(
        "gen-nesting-10000-flow",
        flow.as_bytes(),
        1,
        Some("E051"),
        "nested too deeply",
    );
    let block = format!("x:\n  {}a\n", "- ".repeat(10_000));
    case(
        "gen-nesting-10000-block",
        block.as_bytes(),
        1,
        Some("E051"),
        "nested too deeply",
    );
}

#[test]
fn gen_long_paragraph() {
    let word = "Nângcaochấtlượngphụcvụngườidân".repeat(100_000 / 30 + 1);
    let s = base().replace(LINE, &format!("      - \"{word}.\"\n"));
    case("gen-paragraph-100k-no-spaces", s.as_bytes(), 0, None, "");
}

fn table(rows: usize) -> String {
    let mut t = String::from(
        "      - bang:\n          cot:\n            - {ten: \"STT\", kieu: stt}\n            - {ten: \"Nội dung\"}\n            - {ten: \"Số\", kieu: so}\n          dong:\n",
    );
    for i in 0..rows {
        t.push_str(&format!("            - o: [\"Dòng {i}\", {i}]\n"));
    }
    base().replace(LINE, &t)
}

#[test]
fn gen_big_tables() {
    let t = Instant::now();
    case(
        "gen-table-10000-rows",
        table(10_000).as_bytes(),
        0,
        None,
        "",
    );
    // Parsing, the schema walk and the rules stay near-linear.
    assert!(t.elapsed() < Duration::from_secs(45), "{:?}", t.elapsed());
    let n = kehoach::limits::MAX_TABLE_ROWS + 1;
    case(
        "gen-table-too-many-rows",
        table(n).as_bytes(),
        1,
        Some("E053"),
        &format!("the table has {n} rows"),
    );
}

#[test]
fn gen_input_paths() {
    let dir = temp_dir("gen-input-is-directory");
    let d = dir.to_str().unwrap();
    let o = run(&["--lang", "en", "validate", d]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("error[E000]") && o.stderr.contains("directory"));
    let missing = dir.join("gen-input-missing.yaml");
    let o = run(&["--lang", "en", "validate", missing.to_str().unwrap()]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("error[E000]") && o.stderr.contains("No such file"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn gen_output_paths() {
    let dir = temp_dir("gen-output-is-directory");
    let d = dir.to_str().unwrap();
    // An output path that is a directory: refused, forced or not.
    let o = run(&["--lang", "en", "new", d]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("already exists"), "{}", o.stderr);
    let o = run(&["--lang", "en", "new", "--force", d]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("cannot write"), "{}", o.stderr);
    assert!(dir.is_dir());
    // gen-output-parent-is-file
    let file = dir.join("plain");
    std::fs::write(&file, "x").unwrap();
    let o = run(&["--lang", "en", "new", file.join("a.yaml").to_str().unwrap()]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("cannot write"), "{}", o.stderr);
    // gen-output-device: a device is refused before anything is written; a
    // rename would put a plain file in its place (as root, even /dev/full).
    #[cfg(unix)]
    if Path::new("/dev/full").exists() {
        use std::os::unix::fs::FileTypeExt;
        let o = run(&["--lang", "en", "new", "--force", "/dev/full"]);
        assert_eq!(o.code, 2);
        assert!(o.stderr.contains("device or special file"), "{}", o.stderr);
        let kind = std::fs::metadata("/dev/full").unwrap().file_type();
        assert!(kind.is_char_device(), "/dev/full was replaced");
    }
    // gen-output-read-only: permissions do not bind root, so the check runs
    // only where they do.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = dir.join("ro");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let probe = ro.join("probe");
        if std::fs::write(&probe, "x").is_err() {
            let o = run(&["--lang", "en", "new", ro.join("a.yaml").to_str().unwrap()]);
            assert_eq!(o.code, 2);
            assert!(o.stderr.contains("Permission denied"), "{}", o.stderr);
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let _ = std::fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------------------
// Templates: tests/hostile/templates/*.xml, each used as a template folder's
// `van-ban.xml`, first line `{# expect: exit=N [CODE message] #}`.

fn template_fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/templates");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/hostile/templates")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    v.sort();
    v
}

fn template_header(text: &str) -> (i32, Option<String>, String) {
    let first = text.lines().next().unwrap_or("");
    let inner = first
        .strip_prefix("{# expect: exit=")
        .and_then(|r| r.strip_suffix(" #}"))
        .unwrap_or_else(|| panic!("missing `{{# expect: exit=` header: {first}"));
    let mut parts = inner.splitn(3, ' ');
    let exit = parts.next().unwrap().parse().expect("exit code");
    let code = parts.next().map(str::to_string);
    (exit, code, parts.next().unwrap_or("").to_string())
}

/// A case folder: `plan.yaml` (the baseline plan) and an empty `tpl/`.
fn template_case(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    std::fs::write(dir.join("plan.yaml"), base()).expect("plan");
    std::fs::create_dir(dir.join("tpl")).expect("tpl");
    dir
}

/// `kehoach render plan.yaml --to txt --template TPL -o out` in `dir`.
fn render_through(dir: &Path, tpl: &Path) -> Outcome {
    run(&[
        "--lang",
        "en",
        "render",
        dir.join("plan.yaml").to_str().unwrap(),
        "--to",
        "txt",
        "-o",
        dir.join("out").to_str().unwrap(),
        "--template",
        tpl.to_str().unwrap(),
    ])
}

/// Checks exit code, the first error's code and message, and that a
/// failed render wrote nothing.
fn expect_render(dir: &Path, o: &Outcome, exit: i32, code: Option<&str>, text: &str) {
    let name = dir.display();
    assert_eq!(o.code, exit, "{name}: exit code; stderr:\n{}", o.stderr);
    let out = dir.join("out/plan.txt");
    match code {
        Some(code) => {
            let first = o
                .stderr
                .lines()
                .find(|l| l.contains("error["))
                .unwrap_or_else(|| panic!("{name}: no error printed:\n{}", o.stderr));
            assert!(
                first.contains(&format!("error[{code}]")) && first.contains(text),
                "{name}: expected {code} “{text}”, got: {first}"
            );
            assert!(
                !out.exists(),
                "{name}: a failed render wrote {}",
                out.display()
            );
        }
        None => {
            assert!(!o.stderr.contains("error["), "{name}: {}", o.stderr);
            assert!(out.exists(), "{name}: no output");
        }
    }
}

/// The baseline plan composed in the library through `tpl`.
fn compose_through(
    tpl: &Path,
    limits: &kehoach::limits::TemplateLimits,
) -> Result<kehoach::doc::Document, Vec<kehoach::diag::Diagnostic>> {
    let (loaded, diags) = check_bytes("plan.yaml", base().as_bytes());
    assert!(diags.is_empty(), "{diags:?}");
    let opts = kehoach::compose::Options {
        template_dir: Some(tpl.to_path_buf()),
        ..Default::default()
    };
    kehoach::compose::compose_with_limits(&loaded.expect("plan").plan, "plan.yaml", &opts, limits)
}

#[test]
fn template_fixtures_give_their_declared_outcome() {
    let files = template_fixtures();
    assert!(files.len() >= 20, "only {} template fixtures", files.len());
    // In the library with a smaller loop budget, so the slow loop cases
    // stay quick; the code must be the same.
    let quick = kehoach::limits::TemplateLimits {
        iterations: 100_000,
        ..Default::default()
    };
    for f in &files {
        let text = std::fs::read_to_string(f).expect("fixture");
        let (exit, code, msg) = template_header(&text);
        let stem = f.file_stem().unwrap().to_str().unwrap();
        let dir = template_case(stem);
        let tpl = dir.join("tpl");
        std::fs::write(tpl.join("van-ban.xml"), &text).expect("template");
        let o = render_through(&dir, &tpl);
        expect_render(&dir, &o, exit, code.as_deref(), &msg);
        let r = std::panic::catch_unwind(|| compose_through(&tpl, &quick));
        match (r, code) {
            (Err(_), _) => panic!("{stem}: panicked in the library"),
            (Ok(Ok(_)), None) => {}
            (Ok(Err(d)), Some(code)) => assert_eq!(d[0].code, code, "{stem}: {d:?}"),
            (Ok(r), code) => panic!("{stem}: expected {code:?}, got {r:?}"),
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[cfg(unix)]
#[test]
fn gen_template_links_and_special_files() {
    use std::os::unix::fs::symlink;
    let khoi = kehoach::compose::DEFAULT_TEMPLATE[1].1;
    // gen-template-symlink-out: a macro file linked to a file beside the
    // folder (a colleague's "secret" next to the copied template).
    let dir = template_case("gen-template-symlink-out");
    let tpl = dir.join("tpl");
    std::fs::write(dir.join("secret.xml"), "bí mật").unwrap();
    symlink(dir.join("secret.xml"), tpl.join("khoi.xml")).unwrap();
    let o = render_through(&dir, &tpl);
    expect_render(&dir, &o, 1, Some("E059"), "is a link to");
    assert!(!o.stderr.contains("bí mật"), "{}", o.stderr);
    // gen-template-symlink-etc-passwd: the wording file linked to /etc/passwd.
    std::fs::remove_file(tpl.join("khoi.xml")).unwrap();
    symlink("/etc/passwd", tpl.join("nhan.yaml")).unwrap();
    let o = render_through(&dir, &tpl);
    expect_render(&dir, &o, 1, Some("E059"), "outside the template folder");
    assert!(!o.stderr.contains("root:"), "{}", o.stderr);
    let _ = std::fs::remove_dir_all(&dir);

    // gen-template-symlink-inside: a link that stays in the folder is fine,
    // and so is a template folder given through a link.
    let dir = template_case("gen-template-symlink-inside");
    let tpl = dir.join("tpl");
    std::fs::create_dir(tpl.join("goc")).unwrap();
    std::fs::write(tpl.join("goc/khoi-goc.xml"), khoi).unwrap();
    symlink(tpl.join("goc/khoi-goc.xml"), tpl.join("khoi.xml")).unwrap();
    symlink(&tpl, dir.join("tpl-link")).unwrap();
    let o = render_through(&dir, &dir.join("tpl-link"));
    expect_render(&dir, &o, 0, None, "");
    let _ = std::fs::remove_dir_all(&dir);

    // gen-template-fifo: a pipe named like a template would block a reader
    // for ever.
    let dir = template_case("gen-template-fifo");
    let tpl = dir.join("tpl");
    let fifo = tpl.join("khoi.xml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let o = render_through(&dir, &tpl);
        expect_render(&dir, &o, 1, Some("E059"), "not a regular file");
    }
    let _ = std::fs::remove_dir_all(&dir);

    // gen-template-too-large: a 50 MB (sparse) macro file.
    let dir = template_case("gen-template-too-large");
    let tpl = dir.join("tpl");
    let f = std::fs::File::create(tpl.join("khoi.xml")).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    drop(f);
    let o = render_through(&dir, &tpl);
    expect_render(&dir, &o, 1, Some("E050"), "too large");
    let _ = std::fs::remove_dir_all(&dir);

    // gen-template-folder-missing
    let dir = template_case("gen-template-folder-missing");
    let o = render_through(&dir, &dir.join("khong-co"));
    expect_render(&dir, &o, 1, Some("E310"), "cannot read the template folder");
    let _ = std::fs::remove_dir_all(&dir);
}

/// gen-template-render-time: heavy filters under the loop and size limits
/// stop at the clock (a tightened one, so the test is quick).
#[test]
fn gen_template_render_time() {
    let dir = template_case("gen-template-render-time");
    let tpl = dir.join("tpl");
    std::fs::write(
        tpl.join("van-ban.xml"),
        "{% set_global s = \"xxxxxxxxxxxxxxxx\" %}{% for i in range(end=18) %}{% set_global s = s ~ s %}{% endfor %}\n\
         {% for i in range(end=1000000) %}{% set t = s | replace(from=\"x\", to=\"yy\") %}{% endfor %}",
    )
    .unwrap();
    let limits = kehoach::limits::TemplateLimits {
        time: Duration::from_millis(300),
        ..Default::default()
    };
    let t = Instant::now();
    let d = compose_through(&tpl, &limits).expect_err("stopped");
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
    assert_eq!(d[0].code, "E058", "{d:?}");
    assert_eq!(d[0].span.map(|s| s.line), Some(2), "{d:?}");
    let en = d[0].render(kehoach::diag::Lang::En, None);
    assert!(en.contains("took longer than"), "{en}");
    let vi = d[0].render(kehoach::diag::Lang::Vi, None);
    assert!(vi.contains("mất quá"), "{vi}");
    let _ = std::fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------------------
// The render command's outputs.

/// `kehoach render plan.yaml --to FORMATS -o OUT`.
fn render_to(plan: &Path, out: &Path, formats: &str) -> Outcome {
    run(&[
        "--lang",
        "en",
        "render",
        plan.to_str().unwrap(),
        "--to",
        formats,
        "-o",
        out.to_str().unwrap(),
    ])
}

/// Files whose name marks them as temporary (left behind by a failed write).
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains(".tmp") || n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn gen_render_outputs() {
    let dir = temp_dir("gen-render-output-is-directory");
    let plan = dir.join("plan.yaml");
    std::fs::write(&plan, base()).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(out.join("plan.docx")).unwrap();
    let o = render_to(&plan, &out, "docx");
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        o.stderr.contains("error[E093]") && o.stderr.contains("it is a folder"),
        "{}",
        o.stderr
    );
    assert!(out.join("plan.docx").is_dir());
    // gen-render-out-is-file: the output folder is a file.
    let file = dir.join("plain");
    std::fs::write(&file, "x").unwrap();
    let o = render_to(&plan, &file.join("sub"), "txt");
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("error[E092]"), "{}", o.stderr);
    let _ = std::fs::remove_dir_all(dir);
}

/// Mounts a tmpfs (root only, e.g. in the development container); false
/// where that is not allowed.
#[cfg(target_os = "linux")]
fn mount_tmpfs(at: &Path, options: &str) -> bool {
    Command::new("mount")
        .args(["-t", "tmpfs", "-o", options, "tmpfs"])
        .arg(at)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(target_os = "linux")]
fn umount(at: &Path) {
    let _ = Command::new("umount").arg(at).status();
}

/// gen-render-disk-full: a 32 KiB file system; the DOCX fits, the PDF does
/// not. The render fails with the disk-full message, the earlier DOCX is
/// put back byte for byte and no temporary file is left.
#[cfg(target_os = "linux")]
#[test]
fn gen_render_disk_full() {
    let dir = temp_dir("gen-render-disk-full");
    let plan = dir.join("plan.yaml");
    std::fs::write(&plan, base()).unwrap();
    let out = dir.join("out");
    std::fs::create_dir(&out).unwrap();
    if !mount_tmpfs(&out, "size=32k") {
        eprintln!("gen-render-disk-full: skipped (cannot mount a tmpfs here)");
        let _ = std::fs::remove_dir_all(dir);
        return;
    }
    let old = b"PK\x03\x04 an earlier render".to_vec();
    std::fs::write(out.join("plan.docx"), &old).unwrap();
    let o = render_to(&plan, &out, "docx,pdf");
    let docx = std::fs::read(out.join("plan.docx")).ok();
    let pdf = out.join("plan.pdf").exists();
    let left = leftovers(&out);
    umount(&out);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        o.stderr.contains("error[E093]") && o.stderr.contains("the disk is full"),
        "{}",
        o.stderr
    );
    assert_eq!(
        docx.as_deref(),
        Some(&old[..]),
        "the earlier DOCX was not restored"
    );
    assert!(!pdf, "a partial PDF was left");
    assert!(left.is_empty(), "temporary files left: {left:?}");
    let _ = std::fs::remove_dir_all(dir);
}

/// gen-render-read-only-folder: a read-only file system (root) or a 0555
/// folder (other users; permissions do not bind root).
#[cfg(target_os = "linux")]
#[test]
fn gen_render_read_only_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("gen-render-read-only-folder");
    let plan = dir.join("plan.yaml");
    std::fs::write(&plan, base()).unwrap();
    let out = dir.join("out");
    std::fs::create_dir(&out).unwrap();
    let mounted = mount_tmpfs(&out, "ro,size=64k");
    if !mounted {
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(out.join("probe"), "x").is_ok() {
            eprintln!("gen-render-read-only-folder: skipped (permissions do not bind)");
            let _ = std::fs::remove_dir_all(dir);
            return;
        }
    }
    let o = render_to(&plan, &out, "docx,txt");
    let written = std::fs::read_dir(&out).map(|r| r.count()).unwrap_or(0);
    if mounted {
        umount(&out);
    } else {
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        o.stderr.contains("error[E093]") && o.stderr.contains("no permission to write"),
        "{}",
        o.stderr
    );
    assert_eq!(written, 0, "files appeared in a read-only folder");
    let _ = std::fs::remove_dir_all(dir);
}
