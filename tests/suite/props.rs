//! Property tests: random valid plans (random depth, Vietnamese text in NFC or NFD, up to 23 lettered points, tables with child rows) load and validate without errors, keep every text and every table row.

use proptest::prelude::*;
use serde_yaml::{Mapping, Value};

use kehoach::plan::model::{Block, Cell, KeyedBlock, Plan, Point, Row, Section};
use kehoach::plan::validate::check_bytes;
use kehoach::vn;

const SYLLABLES: &[&str] = &[
    "kế",
    "hoạch",
    "triển",
    "khai",
    "công",
    "tác",
    "cải",
    "cách",
    "hành",
    "chính",
    "năm",
    "nâng",
    "cao",
    "chất",
    "lượng",
    "phục",
    "vụ",
    "người",
    "dân",
    "doanh",
    "nghiệp",
    "rà",
    "soát",
    "văn",
    "bản",
    "quy",
    "phạm",
    "pháp",
    "luật",
    "thủ",
    "tục",
    "đẩy",
    "mạnh",
    "chuyển",
    "đổi",
    "số",
    "ứng",
    "dụng",
    "thông",
    "tin",
    "tiếp",
    "nhận",
    "giải",
    "quyết",
    "hồ",
    "sơ",
    "đúng",
    "hạn",
    "Ủy",
    "ban",
    "nhân",
    "tỉnh",
    "Sở",
    "Nội",
    "vụ",
    "Tư",
    "huyện",
    "xã",
    "phường",
    "kiểm",
    "tra",
    "giám",
    "sát",
    "đánh",
    "giá",
    "kết",
    "quả",
    "thực",
    "hiện",
    "2024",
    "100%",
    "(01)",
    "“mẫu”",
];

/// A sentence of 1–12 syllables, written in NFC or (as pasted from some
/// Mac applications) NFD.
fn text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(SYLLABLES), 1..12),
        any::<bool>(),
    )
        .prop_map(|(words, nfd)| {
            // A lone number ("2024.") is a YAML number, not text.
            let mut s = words.join(" ");
            if s.starts_with(|c: char| c.is_ascii_digit()) {
                s.insert_str(0, "năm ");
            }
            s.push('.');
            if nfd {
                use unicode_normalization::UnicodeNormalization;
                s = s.nfd().collect();
            }
            s
        })
}

fn s(v: &str) -> Value {
    Value::String(v.to_string())
}

fn map(pairs: Vec<(&str, Value)>) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        m.insert(s(k), v);
    }
    Value::Mapping(m)
}

/// A generated body item and the texts it holds, in document order.
#[derive(Debug, Clone)]
enum Item {
    Text(String),
    Muc(String, Vec<Item>),
    Diem(Vec<String>),
    Bang(Vec<GenRow>),
}

#[derive(Debug, Clone)]
struct GenRow {
    name: String,
    count: u32,
    children: Vec<GenRow>,
}

fn row() -> impl Strategy<Value = GenRow> {
    let leaf = (text(), 0u32..1000).prop_map(|(name, count)| GenRow {
        name,
        count,
        children: vec![],
    });
    leaf.prop_recursive(2, 40, 5, |inner| {
        (text(), prop::collection::vec(inner, 1..5)).prop_map(|(name, children)| GenRow {
            count: children.iter().map(|c| c.count).sum(),
            name,
            children,
        })
    })
}

fn item() -> impl Strategy<Value = Item> {
    let leaf = prop_oneof![
        text().prop_map(Item::Text),
        prop::collection::vec(text(), 1..=23).prop_map(Item::Diem),
        prop::collection::vec(row(), 1..30).prop_map(Item::Bang),
    ];
    leaf.prop_recursive(5, 60, 4, |inner| {
        (text(), prop::collection::vec(inner, 1..4)).prop_map(|(t, kids)| Item::Muc(t, kids))
    })
}

fn row_value(r: &GenRow) -> Value {
    let mut pairs = vec![(
        "o",
        Value::Sequence(vec![s(&r.name), Value::Number(r.count.into())]),
    )];
    if !r.children.is_empty() {
        pairs.push((
            "con",
            Value::Sequence(r.children.iter().map(row_value).collect()),
        ));
    }
    map(pairs)
}

fn item_value(i: &Item) -> Value {
    match i {
        Item::Text(t) => s(t),
        Item::Muc(t, kids) => map(vec![(
            "muc",
            map(vec![
                ("tieu_de", s(t)),
                (
                    "noi_dung",
                    Value::Sequence(kids.iter().map(item_value).collect()),
                ),
            ]),
        )]),
        Item::Diem(points) => map(vec![(
            "diem",
            Value::Sequence(points.iter().map(|p| map(vec![("dan", s(p))])).collect()),
        )]),
        Item::Bang(rows) => map(vec![(
            "bang",
            map(vec![
                (
                    "cot",
                    Value::Sequence(vec![
                        map(vec![("ten", s("STT")), ("kieu", s("stt"))]),
                        map(vec![("ten", s("Nội dung"))]),
                        map(vec![
                            ("ten", s("Số lượng")),
                            ("kieu", s("so")),
                            ("tong", Value::Bool(true)),
                        ]),
                    ]),
                ),
                (
                    "dong",
                    Value::Sequence(rows.iter().map(row_value).collect()),
                ),
            ]),
        )]),
    }
}

fn plan_yaml(sections: &[(String, Vec<Item>)]) -> String {
    let body = sections
        .iter()
        .map(|(title, items)| {
            map(vec![
                ("tieu_de", s(&title.to_uppercase())),
                (
                    "noi_dung",
                    Value::Sequence(items.iter().map(item_value).collect()),
                ),
            ])
        })
        .collect();
    let plan = map(vec![
        (
            "co_quan",
            map(vec![
                (
                    "ban_hanh",
                    Value::Sequence(vec![s("ỦY BAN NHÂN DÂN"), s("TỈNH VĨNH PHÚC")]),
                ),
                ("ten", s("UBND tỉnh")),
                ("viet_tat", s("UBND")),
            ]),
        ),
        ("so", Value::Number(15.into())),
        ("ky_hieu", s("KH-UBND")),
        ("dia_danh", s("Vĩnh Phúc")),
        ("ngay", s("2024-06-13")),
        (
            "trich_yeu",
            s("Triển khai công tác cải cách hành chính năm 2024"),
        ),
        ("noi_dung", Value::Sequence(body)),
        (
            "noi_nhan",
            map(vec![
                ("ds", Value::Sequence(vec![s("Bộ Nội vụ (b/c)")])),
                ("luu", Value::Sequence(vec![s("VT")])),
            ]),
        ),
        (
            "ky",
            map(vec![
                ("quyen_han", Value::Sequence(vec![s("TM. ỦY BAN NHÂN DÂN")])),
                ("chuc_vu", s("CHỦ TỊCH")),
                ("ho_ten", s("Nguyễn Văn A")),
            ]),
        ),
    ]);
    serde_yaml::to_string(&plan).expect("serialize")
}

fn gen_texts(items: &[Item], out: &mut Vec<String>) {
    for i in items {
        match i {
            Item::Text(t) => out.push(t.clone()),
            Item::Muc(t, kids) => {
                out.push(t.clone());
                gen_texts(kids, out);
            }
            Item::Diem(p) => out.extend(p.iter().cloned()),
            Item::Bang(rows) => gen_rows(rows, out),
        }
    }
}

fn gen_rows(rows: &[GenRow], out: &mut Vec<String>) {
    for r in rows {
        out.push(r.name.clone());
        gen_rows(&r.children, out);
    }
}

fn model_texts(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Text(t) => out.push(t.clone()),
            Block::Keyed(KeyedBlock::Muc(Section {
                tieu_de, noi_dung, ..
            })) => {
                out.extend(tieu_de.iter().cloned());
                model_texts(noi_dung, out);
            }
            Block::Keyed(KeyedBlock::Diem(points)) => {
                for Point { dan, .. } in points {
                    out.extend(dan.iter().cloned());
                }
            }
            Block::Keyed(KeyedBlock::Bang(t)) => model_rows(&t.dong, out),
            other => panic!("not generated: {other:?}"),
        }
    }
}

fn model_rows(rows: &[Row], out: &mut Vec<String>) {
    for r in rows {
        match r.o.first() {
            Some(Cell::Text(t)) => out.push(t.clone()),
            other => panic!("first cell not text: {other:?}"),
        }
        model_rows(&r.con, out);
    }
}

fn sections() -> impl Strategy<Value = Vec<(String, Vec<Item>)>> {
    prop::collection::vec((text(), prop::collection::vec(item(), 1..5)), 1..5)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Any generated valid plan loads and validates without errors, and
    /// every text and every table row (child rows included) reaches the
    /// model once, in order, NFC-normalized.
    #[test]
    fn valid_plans_load_whole(secs in sections()) {
        let yaml = plan_yaml(&secs);
        let (loaded, diags) = check_bytes("props.yaml", yaml.as_bytes());
        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
        prop_assert!(errors.is_empty(), "{errors:#?}\n{yaml}");
        let plan: Plan = loaded.expect("loaded").plan;
        prop_assert_eq!(plan.noi_dung.len(), secs.len());
        for (sec, (title, items)) in plan.noi_dung.iter().zip(&secs) {
            prop_assert_eq!(sec.tieu_de.clone(), Some(vn::nfc(&title.to_uppercase())));
            let mut want = Vec::new();
            gen_texts(items, &mut want);
            let want: Vec<String> = want.iter().map(|t| vn::nfc(t)).collect();
            let mut got = Vec::new();
            model_texts(&sec.noi_dung, &mut got);
            prop_assert_eq!(got, want);
        }
    }

    /// Arbitrary bytes never panic the loader, and an error always comes
    /// with a position or names the file.
    #[test]
    fn arbitrary_text_never_panics(src in "[ -~\\n\\t\\u{00C0}-\\u{1EF9}\\u{0300}-\\u{0323}]{0,400}") {
        let (_, diags) = check_bytes("any.yaml", src.as_bytes());
        for d in diags {
            prop_assert!(d.file == "any.yaml");
        }
    }
}
