//! The command line tools around the render: export-xlsx, import-xlsx, schema, completions, diff.

use std::path::Path;

use crate::support::cli::{cli, root, s, scratch};
use crate::support::tasks::{expected_tasks, task_key, TaskKey};
use kehoach::plan::model::{Block, KeyedBlock, Plan, Section};

fn load(path: &Path) -> Plan {
    kehoach::plan::load::load_path(path).unwrap().plan
}

/// Tasks of the YAML that `import-xlsx` wrote: sections (one per group)
/// holding `nhiem_vu` blocks, or bare `nhiem_vu` blocks.
fn imported_tasks(yaml: &str) -> Vec<TaskKey> {
    let sections: Vec<Section> = serde_yaml::from_str(yaml)
        .unwrap_or_else(|e| panic!("import wrote unreadable YAML ({e}):\n{yaml}"));
    let mut out = Vec::new();
    for sec in &sections {
        for b in &sec.noi_dung {
            if let Block::Keyed(KeyedBlock::NhiemVu(t)) = b {
                out.push(task_key(sec.tieu_de.as_deref(), t));
            }
        }
    }
    out
}

#[test]
fn xlsx_export_then_import_keeps_the_task_table_of_each_reference_plan() {
    let dir = scratch("xlsx");
    let mut checked = 0;
    for name in [
        "daklak-2022-par-sipas",
        "gialai-2022-bqlkkt",
        "vinhphuc-2024-par",
    ] {
        let plan_path = root().join("plans").join(format!("{name}.yaml"));
        let plan = load(&plan_path);
        let want = expected_tasks(&plan);
        let book = dir.join(format!("{name}.xlsx"));
        let (code, _, err) = cli(&["export-xlsx", s(&plan_path), "--out", s(&book)]);
        assert_eq!(code, 0, "{name}: {err}");
        let bytes = std::fs::read(&book).unwrap();
        assert!(bytes.starts_with(b"PK"), "{name}: not a zip container");
        if want.is_empty() {
            assert!(
                !err.contains("Nhiệm vụ"),
                "{name}: no task sheet expected: {err}"
            );
            continue;
        }
        let yaml = dir.join(format!("{name}-tasks.yaml"));
        let (code, out, err) = cli(&[
            "import-xlsx",
            s(&book),
            "--sheet",
            "Nhiệm vụ",
            "--out",
            s(&yaml),
        ]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(out.is_empty(), "with --out nothing goes to stdout");
        assert!(
            err.contains(&format!("{} nhiệm vụ, 0 dòng không đọc được", want.len())),
            "{name}: {err}"
        );
        let got = imported_tasks(&std::fs::read_to_string(&yaml).unwrap());
        assert_eq!(got, want, "{name}: tasks changed on the way through Excel");
        checked += 1;
    }
    assert!(checked >= 2, "reference plans with tasks: {checked}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_reports_rows_it_cannot_map_and_writes_yaml_to_stdout() {
    let dir = scratch("import");
    let plan_path = root().join("plans/gialai-2022-bqlkkt.yaml");
    let book = dir.join("g.xlsx");
    assert_eq!(cli(&["export-xlsx", s(&plan_path), "--out", s(&book)]).0, 0);
    let (code, out, err) = cli(&[
        "--lang",
        "en",
        "import-xlsx",
        s(&book),
        "--sheet",
        "Nhiệm vụ",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("nhiem_vu:"), "{out}");
    assert!(err.contains("sheet “Nhiệm vụ”"), "{err}");
    // A sheet that does not exist names the ones that do.
    let (code, _, err) = cli(&["import-xlsx", s(&book), "--sheet", "Không có"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("Nhiệm vụ") && err.contains("Không có"),
        "{err}"
    );
    // Not a workbook.
    let fake = dir.join("fake.xlsx");
    std::fs::write(&fake, "not a workbook").unwrap();
    let (code, _, err) = cli(&["import-xlsx", s(&fake)]);
    assert_eq!(code, 1, "{err}");
    assert!(err.starts_with("lỗi:"), "{err}");
    // A missing file is an I/O error.
    let (code, _, _) = cli(&["import-xlsx", s(&dir.join("khong-co.xlsx"))]);
    assert_eq!(code, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_of_a_broken_plan_is_a_plan_error() {
    let dir = scratch("export-bad");
    let plan = dir.join("hong.yaml");
    std::fs::write(&plan, "loai: ke-hoach\ntrich_yeu: [\n").unwrap();
    let (code, _, err) = cli(&["export-xlsx", s(&plan)]);
    assert_eq!(code, 1, "{err}");
    assert!(!dir.join("hong.xlsx").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn schema_is_the_committed_json_schema() {
    let (code, out, _) = cli(&["schema"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["properties"]["trich_yeu"].is_object(),
        "plan keys in the schema"
    );
    let committed = std::fs::read_to_string(root().join("docs/plan.schema.json")).unwrap();
    assert_eq!(out, committed, "docs/plan.schema.json is out of date");
}

#[test]
fn completions_know_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (code, out, err) = cli(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for cmd in [
            "render",
            "watch",
            "export-xlsx",
            "import-xlsx",
            "schema",
            "diff",
        ] {
            assert!(out.contains(cmd), "{shell}: {cmd} missing");
        }
    }
    let (code, _, _) = cli(&["completions", "cmd"]);
    assert_eq!(code, 2);
}

#[test]
fn diff_speaks_of_what_changed() {
    let dir = scratch("diff");
    let old = root().join("plans/gialai-2022-bqlkkt.yaml");
    let (code, same, err) = cli(&["diff", s(&old), s(&old)]);
    assert_eq!(code, 0, "{err}");
    let new = dir.join("moi.yaml");
    let text = std::fs::read_to_string(&old).unwrap();
    std::fs::write(
        &new,
        text.replacen("ngay: \"2022-09\"", "ngay: \"2022-10-05\"", 1),
    )
    .unwrap();
    let (code, changed, err) = cli(&["diff", s(&old), s(&new)]);
    assert_eq!(code, 0, "{err}");
    assert_ne!(same, changed);
    assert!(changed.contains("2022-10-05"), "{changed}");
    assert!(changed.contains("Ngày ban hành"), "{changed}");
    let (_, english, _) = cli(&["--lang", "en", "diff", s(&old), s(&new)]);
    assert_ne!(english, changed);
    // A broken version is reported like validate does.
    std::fs::write(&new, "loai: ke-hoach\ntrich_yeu: [\n").unwrap();
    let (code, _, err) = cli(&["diff", s(&old), s(&new)]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E007"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
