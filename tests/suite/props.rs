//! Property tests: random valid plans (random depth, Vietnamese text in NFC or NFD, up to 23 lettered points, tables with child rows) load, compose and render whole — every text, label and table row.

use proptest::prelude::*;
use serde_yaml::{Mapping, Value};

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use kehoach::plan::model::{Block, Cell, KeyedBlock, Plan, Point, Row, Section};
use kehoach::plan::validate::check_bytes;
use kehoach::vn;

use crate::support::e2e::{text_paragraphs, LETTERS};

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
        (text(), prop::collection::vec(inner, 1..4))
            .prop_map(|(t, kids)| Item::Muc(t, fit_letters(kids)))
    })
}

/// A part letters all its `diem` lists in one sequence a) … y) (E027 allows
/// 23): later lists are cut so the part stays valid, and emptied ones go.
fn fit_letters(items: Vec<Item>) -> Vec<Item> {
    let mut left = 23usize;
    items
        .into_iter()
        .filter_map(|i| match i {
            Item::Diem(mut points) => {
                points.truncate(left);
                left -= points.len();
                (!points.is_empty()).then_some(Item::Diem(points))
            }
            other => Some(other),
        })
        .collect()
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
    prop::collection::vec(
        (
            text(),
            prop::collection::vec(item(), 1..5).prop_map(fit_letters),
        ),
        1..5,
    )
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

/// Loads, validates and composes a generated plan through the built-in
/// template.
fn compose(yaml: &str) -> Result<kehoach::doc::Document, String> {
    let (loaded, diags) = check_bytes("props.yaml", yaml.as_bytes());
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        return Err(format!("{errors:#?}"));
    }
    let plan = loaded.ok_or("not loaded")?.plan;
    kehoach::compose::compose(&plan, "props.yaml", &kehoach::compose::Options::default())
        .map_err(|d| format!("{d:#?}"))
}

fn pdf_bytes(doc: &kehoach::doc::Document) -> Vec<u8> {
    kehoach::pdf::write(
        doc,
        kehoach::fonts::FontSet::embedded(),
        &kehoach::pdf::PdfOptions::default(),
    )
    .expect("PDF written")
}

fn have_pdftotext() -> bool {
    let ok = Command::new("pdftotext").arg("-v").output().is_ok();
    if !ok {
        eprintln!("pdftotext not installed: PDF text properties skipped");
    }
    ok
}

/// The text of a PDF as poppler reads it (written to a temporary file),
/// NFC.
fn pdf_text(bytes: &[u8], tag: &str) -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path: PathBuf = std::env::temp_dir().join(format!(
        "kehoach-props-{}-{tag}-{n}.pdf",
        std::process::id()
    ));
    std::fs::write(&path, bytes).expect("write PDF");
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "pdftotext failed");
    vn::nfc(&String::from_utf8_lossy(&out.stdout))
}

/// Words without the punctuation around them ("dân./." → "dân").
fn bare_words(s: &str) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for w in vn::nfc(s).split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if !w.is_empty() {
            *m.entry(w.to_string()).or_insert(0) += 1;
        }
    }
    m
}

/// The numbering label a paragraph starts with: "IV.", "1.2.", "đ)".
fn label(p: &str) -> Option<String> {
    let (head, _) = p.split_once(' ')?;
    let roman = head.len() > 1
        && head.ends_with('.')
        && head[..head.len() - 1].chars().all(|c| "IVXLC".contains(c));
    let numeric = head.len() > 1
        && head.ends_with('.')
        && head
            .split('.')
            .all(|x| x.is_empty() || x.parse::<u32>().is_ok())
        && !head.starts_with('.');
    let letter = head.strip_suffix(')').is_some_and(|l| LETTERS.contains(&l));
    (roman || numeric || letter).then(|| head.to_string())
}

/// A plan with one table of `rows` rows; row i's first cell starts with the
/// marker `R{i:04}Z` followed by `words[i]` syllables, so rows have varied
/// heights and long ones take several lines.
fn table_plan(words: &[usize]) -> String {
    let rows: Vec<GenRow> = words
        .iter()
        .enumerate()
        .map(|(i, n)| GenRow {
            name: format!(
                "R{i:04}Z {}",
                (0..*n)
                    .map(|k| SYLLABLES[(i * 7 + k) % 48])
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            count: i as u32,
            children: vec![],
        })
        .collect();
    plan_yaml(&[(
        "BẢNG".to_string(),
        vec![Item::Text("Danh sách.".into()), Item::Bang(rows)],
    )])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// Any generated valid plan composes and renders in process, without a
    /// panic: a DOCX container and a PDF file come out.
    #[test]
    fn valid_plans_render(secs in sections()) {
        let yaml = plan_yaml(&secs);
        let doc = compose(&yaml).map_err(TestCaseError::fail)?;
        let docx = kehoach::docx::write(&doc).expect("DOCX written");
        prop_assert!(docx.starts_with(b"PK\x03\x04"));
        let pdf = pdf_bytes(&doc);
        prop_assert!(pdf.starts_with(b"%PDF-"));
    }

    /// The labels of the composed document have no gaps: I., II. … per
    /// section, 1., 2. … restarting under each, 1.1., 1.1.1. … below, and
    /// a), b), c), d), đ), e) … per parent, continuing across its lists.
    /// The whole label sequence is compared with the one the plan implies.
    #[test]
    fn numbering_is_gap_free(secs in sections()) {
        fn expect(items: &[Item], prefix: &[u32], out: &mut Vec<String>) {
            let (mut n, mut letter) = (0u32, 0usize);
            for i in items {
                match i {
                    Item::Muc(_, kids) => {
                        n += 1;
                        let mut p = prefix.to_vec();
                        p.push(n);
                        out.push(p.iter().map(|x| format!("{x}.")).collect());
                        expect(kids, &p, out);
                    }
                    Item::Diem(points) => {
                        for _ in points {
                            out.push(format!("{})", LETTERS[letter]));
                            letter += 1;
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut want = Vec::new();
        for (k, (_, items)) in secs.iter().enumerate() {
            want.push(format!("{}.", vn::roman(k as u32 + 1).expect("roman")));
            expect(items, &[], &mut want);
        }
        let doc = compose(&plan_yaml(&secs)).map_err(TestCaseError::fail)?;
        let paras = text_paragraphs(&doc);
        let got: Vec<String> = paras.iter().filter_map(|p| label(p)).collect();
        prop_assert_eq!(got, want, "{:#?}", paras);
    }

    /// Every word of the plan's text reaches the PDF: each word (without
    /// the punctuation around it) appears in poppler's text at least as
    /// many times as in the plan.
    #[test]
    fn every_word_reaches_the_pdf(secs in sections()) {
        if !have_pdftotext() {
            return Ok(());
        }
        let doc = compose(&plan_yaml(&secs)).map_err(TestCaseError::fail)?;
        let text = pdf_text(&pdf_bytes(&doc), "words");
        let mut source = String::new();
        for (title, items) in &secs {
            source.push_str(&title.to_uppercase());
            source.push('\n');
            let mut texts = Vec::new();
            gen_texts(items, &mut texts);
            source.push_str(&texts.join("\n"));
            source.push('\n');
        }
        let have = bare_words(&text);
        let missing: Vec<(String, usize, usize)> = bare_words(&source)
            .into_iter()
            .filter_map(|(w, n)| {
                let got = have.get(&w).copied().unwrap_or(0);
                (got < n).then_some((w, n, got))
            })
            .collect();
        prop_assert!(missing.is_empty(), "missing (word, in plan, in PDF): {missing:?}");
    }

    /// Table rows are never lost or duplicated across page breaks: each
    /// row's marker appears exactly once in the PDF text, in order, however
    /// many rows and however long their texts.
    #[test]
    fn table_rows_survive_page_breaks(words in prop::collection::vec(0usize..60, 1..90)) {
        if !have_pdftotext() {
            return Ok(());
        }
        let doc = compose(&table_plan(&words)).map_err(TestCaseError::fail)?;
        let text = pdf_text(&pdf_bytes(&doc), "rows");
        let mut last = None;
        for i in 0..words.len() {
            let marker = format!("R{i:04}Z");
            let hits: Vec<usize> = text.match_indices(&marker).map(|(at, _)| at).collect();
            prop_assert_eq!(hits.len(), 1, "row {} found {} times", i, hits.len());
            prop_assert!(last.is_none_or(|l| l < hits[0]), "row {} out of order", i);
            last = Some(hits[0]);
        }
    }
}
