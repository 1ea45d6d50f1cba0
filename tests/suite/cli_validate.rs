//! The `kehoach validate` and `kehoach new` commands, run as a user would:
//! exit codes, stderr text, JSON on stdout, several files, languages.

use crate::support::cli::{kehoach, root, s, scratch, stderr};

const STARTER: &str = "templates/ke-hoach/starter.yaml";
const BAD: &str = "tests/bad/053-unknown-agency.yaml";
const WARN_ONLY: &str = "tests/bad/074-deadline-other-year.yaml";

#[test]
fn clean_plan_exits_zero() {
    let o = kehoach(&["validate", STARTER]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 lỗi, 0 cảnh báo"), "{}", stderr(&o));
}

#[test]
fn warnings_alone_exit_zero() {
    let o = kehoach(&["validate", WARN_ONLY]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("cảnh báo[W001]"), "{}", stderr(&o));
}

#[test]
fn errors_exit_one_with_caret_and_hint() {
    let o = kehoach(&["validate", BAD]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains(&format!("{BAD}:23:21: lỗi[E028]: mã cơ quan `snvv`")),
        "{e}"
    );
    assert!(e.contains("23 |           chu_tri: [snvv]"), "{e}");
    assert!(e.contains("   |                     ^"), "{e}");
    assert!(e.contains("= gợi ý: có phải ý bạn là `snv`?"), "{e}");
    let o = kehoach(&["--lang", "en", "validate", BAD]);
    let e = stderr(&o);
    assert!(
        e.contains("error[E028]: agency id `snvv` is not registered"),
        "{e}"
    );
    assert!(e.contains("= help: did you mean `snv`?"), "{e}");
    // --lang after the subcommand works too.
    let o = kehoach(&["validate", BAD, "--lang", "en"]);
    assert!(stderr(&o).contains("error[E028]"));
}

#[test]
fn several_files_in_one_call() {
    let o = kehoach(&["validate", STARTER, BAD, WARN_ONLY]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains(BAD) && e.contains(WARN_ONLY), "{e}");
    assert!(e.contains("3 tệp: 1 lỗi, 1 cảnh báo"), "{e}");
}

#[test]
fn json_output_is_machine_readable() {
    let o = kehoach(&["validate", "--format", "json", "--lang", "en", STARTER, BAD]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    let files = v.as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["ok"], true);
    assert_eq!(files[1]["ok"], false);
    let d = &files[1]["diagnostics"][0];
    assert_eq!(d["code"], "E028");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 23);
    assert_eq!(d["column"], 21);
    assert_eq!(d["field"], "noi_dung[1].noi_dung[0].nhiem_vu.chu_tri[0]");
    assert_eq!(
        d["message"],
        "agency id `snvv` is not registered in `co_quan_lien_quan`"
    );
    assert_eq!(d["hint"], "did you mean `snv`?");
    assert!(d["message_vi"].as_str().unwrap().starts_with("mã cơ quan"));
    // Text diagnostics stay off stderr in JSON mode.
    assert!(!stderr(&o).contains("E028"));
}

#[test]
fn usage_and_io_errors_exit_two() {
    assert_eq!(kehoach(&["validate"]).status.code(), Some(2));
    assert_eq!(
        kehoach(&["validate", "--format", "xml", STARTER])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        kehoach(&["--lang", "fr", "validate", STARTER])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(kehoach(&["frobnicate"]).status.code(), Some(2));
    let o = kehoach(&["validate", "khong-co-tep-nay.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("không tìm thấy tệp"), "{}", stderr(&o));
    // An unreadable file wins over a file with errors: exit 2.
    assert_eq!(
        kehoach(&["validate", BAD, "khong-co-tep-nay.yaml"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn new_writes_a_starter_that_validates() {
    let p = scratch("new").join("moi.yaml");
    let ps = s(&p);
    let o = kehoach(&["new", ps]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&p).unwrap();
    assert_eq!(text, std::fs::read_to_string(root().join(STARTER)).unwrap());
    let o = kehoach(&["validate", ps]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 lỗi, 0 cảnh báo"));
}

#[test]
fn new_never_overwrites_without_force() {
    let p = scratch("new-force").join("da-co.yaml");
    std::fs::write(&p, "noi dung cu\n").unwrap();
    let ps = s(&p);
    let o = kehoach(&["new", ps]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "noi dung cu\n");
    let o = kehoach(&["new", "--force", ps]);
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::read_to_string(&p).unwrap().contains("trich_yeu:"));
}

#[test]
fn starter_covers_every_top_level_key() {
    let text = std::fs::read_to_string(root().join(STARTER)).unwrap();
    for key in kehoach::plan::schema::PLAN.keys() {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("{key}:"))),
            "starter lacks `{key}`"
        );
    }
    // Every key line is explained by a comment above it or beside it.
    let lines: Vec<&str> = text.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if !l.starts_with([' ', '#', '-']) && l.contains(':') && i > 0 {
            assert!(
                lines[i - 1].trim_start().starts_with('#'),
                "no comment above `{l}`"
            );
        }
    }
}
