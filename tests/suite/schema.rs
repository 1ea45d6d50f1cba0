//! The plan JSON Schema accepts the reference plans, rejects what the loader
//! rejects, and matches the committed `docs/plan.schema.json`.

use std::path::{Path, PathBuf};

use kehoach::plan::json_schema::{described_keys, json_schema, json_schema_text, VI_DESCRIPTIONS};
use kehoach::plan::Plan;
use serde_json::{json, Value};

use crate::support::cli::root;

fn plan_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "{files:?}");
    files
}

fn yaml_value(path: &Path) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&json_schema()).expect("schema compiles")
}

fn errors(v: &Value) -> Vec<String> {
    validator()
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Both the schema and the loader must refuse `v`.
fn assert_rejected(v: &Value, what: &str) {
    assert!(!errors(v).is_empty(), "schema accepted {what}");
    assert!(
        serde_json::from_value::<Plan>(v.clone()).is_err(),
        "loader accepted {what}; the test case is wrong"
    );
}

fn daklak() -> Value {
    yaml_value(&root().join("plans/daklak-2022-par-sipas.yaml"))
}

#[test]
fn schema_is_valid_draft07() {
    let s = json_schema();
    assert!(jsonschema::meta::is_valid(&s), "not a valid JSON Schema");
    assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(s["$id"], "urn:kehoach:plan-schema");
    assert!(s["title"].as_str().unwrap().contains("kehoach"));
}

#[test]
fn reference_plans_validate() {
    for path in plan_files() {
        let v = yaml_value(&path);
        let errs = errors(&v);
        assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
        // The loader agrees.
        serde_json::from_value::<Plan>(v).unwrap();
    }
}

#[test]
fn misspelt_keys_are_rejected() {
    let mut v = daklak();
    let obj = v.as_object_mut().unwrap();
    let t = obj.remove("trich_yeu").unwrap();
    obj.insert("trich_yue".into(), t);
    assert_rejected(&v, "trich_yue");
    let errs = errors(&v);
    assert!(errs.iter().any(|e| e.contains("trich_yue")), "{errs:#?}");

    // Only the misspelling, deep inside a task (the required key kept).
    let mut v = daklak();
    let task = &mut v["noi_dung"][1]["noi_dung"][0]["muc"]["noi_dung"][0]["nhiem_vu"];
    assert!(task["chu_tri"].is_array(), "{task}");
    task["thoi_hn"] = json!("Quý IV/2022");
    assert_rejected(&v, "thoi_hn in a task");

    // A misspelt block key is no block kind at all.
    let mut v = daklak();
    v["noi_dung"][0]["noi_dung"][0] = json!({"mucc": {"tieu_de": "x"}});
    assert_rejected(&v, "block key mucc");

    // Two keys in one block.
    let mut v = daklak();
    v["noi_dung"][0]["noi_dung"][0] = json!({"doan": "a", "gach": ["b"]});
    assert_rejected(&v, "block with two keys");
}

#[test]
fn wrong_types_are_rejected() {
    let mut v = daklak();
    v["so"] = json!("mười hai");
    assert_rejected(&v, "so as text");

    let mut v = daklak();
    v["noi_dung"][1]["noi_dung"][0]["muc"]["noi_dung"][0]["nhiem_vu"]["chu_tri"] = json!("vp");
    assert_rejected(&v, "chu_tri as a string");

    let mut v = daklak();
    v["phu_luc"][0]["huong"] = json!("xien");
    assert_rejected(&v, "unknown orientation");

    let mut v = daklak();
    v["phu_luc"][0]["bang"]["dong"][0]["o"][1] = json!(true);
    assert_rejected(&v, "boolean cell");
}

#[test]
fn missing_required_keys_are_rejected() {
    let mut v = daklak();
    v.as_object_mut().unwrap().remove("ky");
    assert_rejected(&v, "no ky");
    let errs = errors(&v);
    assert!(errs.iter().any(|e| e.contains("\"ky\"")), "{errs:#?}");

    let mut v = daklak();
    v["ky"].as_object_mut().unwrap().remove("ho_ten");
    assert_rejected(&v, "signer without ho_ten");
}

/// Every alternative of the untagged enums (Block, ListItem, Recipient,
/// Cell) is accepted by the schema exactly when the loader accepts it.
#[test]
fn untagged_forms_match_the_loader() {
    let forms = json!({
        "co_quan": {"ban_hanh": ["ỦY BAN NHÂN DÂN"], "ten": "UBND tỉnh", "viet_tat": "UBND"},
        "dia_danh": "Hà Nội",
        "trich_yeu": "Thử",
        "co_quan_lien_quan": [{"id": "snv", "ten": "Sở Nội vụ", "ten_ngan": "SNV"}],
        "noi_dung": [{
            "tieu_de": "MỤC ĐÍCH",
            "noi_dung": [
                "Đoạn văn.",
                {"doan": "Đoạn có khóa."},
                {"gach": ["a", {"text": "b", "con": ["c", {"text": "d"}]}]},
                {"cong": ["e"]},
                {"diem": [{"tieu_de": "Điểm", "noi_dung": ["x"]}]},
                {"nhiem_vu": {"tieu_de": "Việc", "chu_tri": ["snv"], "thoi_han": "Quý IV/2024"}},
                {"muc": {"tieu_de": "Con"}},
                {"bang": {
                    "cot": [{"ten": "STT", "kieu": "stt"}, {"ten": "A"}, {"ten": "B", "kieu": "so", "tong": true}],
                    "stt": "nhom_la_ma",
                    "dong": [
                        {"o": [null, 1]},
                        {"o": ["x", 2.5]},
                        {"o": [{"text": "y", "ngang": 2, "dam": true, "can": "giua"}]},
                        {"o": [{"ds": ["p", "q"]}, {"so": 3}], "con": [{"o": ["z", 0]}]}
                    ]
                }}
            ]
        }],
        "noi_nhan": {"ds": [
            "snv",
            {"ten": "Bộ Nội vụ", "ghi_chu": "b/c"},
            {"nhom": ["TT Tỉnh ủy", "TT HĐND tỉnh"], "ghi_chu": "b/c"}
        ], "luu": ["TH"], "so_ban_luu": 2},
        "ky": {"chuc_vu": "CHỦ TỊCH", "ho_ten": "Nguyễn Văn A"},
        "trinh_bay": {"co_chu": 13, "du_thao": true},
        "nhan": {"chu_tri": "Đơn vị phụ trách"}
    });
    assert!(errors(&forms).is_empty(), "{:#?}", errors(&forms));
    serde_json::from_value::<Plan>(forms.clone()).unwrap();

    // A recipient map that is neither form.
    let mut v = forms.clone();
    v["noi_nhan"]["ds"][1] = json!({"ten": "Bộ Nội vụ"});
    assert_rejected(&v, "recipient without ghi_chu");
    // A nested list item with a stray key.
    let mut v = forms.clone();
    v["noi_dung"][0]["noi_dung"][2]["gach"][1]["cong"] = json!(["x"]);
    assert_rejected(&v, "list item with a stray key");
    // A rich cell with a stray key.
    let mut v = forms;
    v["noi_dung"][0]["noi_dung"][7]["bang"]["dong"][2]["o"][0]["mau"] = json!("đỏ");
    assert_rejected(&v, "rich cell with a stray key");
}

fn walk<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Object(m) => {
            out.push((path.clone(), v));
            for (k, c) in m {
                walk(c, format!("{path}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                walk(c, format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_struct_is_closed() {
    let s = json_schema();
    let mut nodes = Vec::new();
    walk(&s, String::new(), &mut nodes);
    let mut structs = 0;
    for (path, node) in nodes {
        // Schema nodes that list properties (not the `properties` maps).
        if path.ends_with("/properties") || node.get("properties").is_none() {
            continue;
        }
        structs += 1;
        assert_eq!(
            node.get("additionalProperties"),
            Some(&Value::Bool(false)),
            "open object at {path}"
        );
    }
    // The root, 17 other structs and the 7 keyed block kinds.
    assert_eq!(structs, 25);
}

#[test]
fn every_key_has_a_vietnamese_description() {
    let s = json_schema();
    let keys = described_keys(&s);
    let table: Vec<&str> = VI_DESCRIPTIONS.iter().map(|(k, _)| *k).collect();
    let missing: Vec<&String> = keys
        .iter()
        .filter(|k| !table.contains(&k.as_str()))
        .collect();
    let stale: Vec<&&str> = table
        .iter()
        .filter(|k| !keys.iter().any(|x| x == **k))
        .collect();
    assert!(missing.is_empty(), "no Vietnamese description: {missing:?}");
    assert!(stale.is_empty(), "description for nothing: {stale:?}");
    let mut sorted = table.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), table.len(), "duplicate keys");
    // Vietnamese first, the model's English after.
    let task = &s["definitions"]["Task"]["properties"]["chu_tri"]["description"];
    assert_eq!(
        task,
        "Cơ quan chủ trì: mã trong danh mục hoặc tên viết tự do.\n\nLead agencies: registry ids or free text."
    );
    // A described reference is wrapped so draft-07 readers keep the text.
    let ky = &s["properties"]["ky"];
    assert!(ky.get("$ref").is_none(), "{ky}");
    assert_eq!(ky["allOf"][0]["$ref"], "#/definitions/Signer");
    assert!(ky["description"]
        .as_str()
        .unwrap()
        .starts_with("Khối chữ ký"));
}

#[test]
fn committed_schema_is_current() {
    let path = root().join("docs/plan.schema.json");
    let text = json_schema_text();
    if std::env::var_os("KEHOACH_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "docs/plan.schema.json is out of date; regenerate with KEHOACH_BLESS=1 cargo test --test suite schema::"
    );
}
