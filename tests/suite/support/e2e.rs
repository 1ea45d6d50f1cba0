//! The three reference plans in `plans/`, loaded, validated and composed once per test binary, with what the plan itself says the outputs must show.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use kehoach::compose::{self, Options};
use kehoach::diag::Severity;
use kehoach::doc::Document;
use kehoach::plan::model::{Cell, Orientation, Plan, Row};
use kehoach::plan::{load, validate};
use unicode_normalization::UnicodeNormalization;

/// File stems of the reference plans.
pub const PLANS: [&str; 3] = [
    "vinhphuc-2024-par",
    "daklak-2022-par-sipas",
    "gialai-2022-bqlkkt",
];

/// One reference plan: its typed form and the composed document.
pub struct Ref {
    pub name: &'static str,
    pub plan: Plan,
    pub doc: Document,
}

pub fn path_of(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("plans")
        .join(format!("{name}.yaml"))
}

fn build(name: &'static str) -> Ref {
    let loaded = load::load_path(&path_of(name)).unwrap_or_else(|d| panic!("{name} loads: {d:?}"));
    let errors: Vec<_> = validate::validate(&loaded)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{name} validates: {errors:?}");
    let doc = compose::compose(&loaded.plan, name, &Options::default())
        .unwrap_or_else(|d| panic!("{name} composes: {d:?}"));
    Ref {
        name,
        plan: loaded.plan,
        doc,
    }
}

/// All reference plans, composed (cached for the test binary).
pub fn refs() -> &'static [Ref] {
    static REFS: OnceLock<Vec<Ref>> = OnceLock::new();
    REFS.get_or_init(|| PLANS.iter().map(|n| build(n)).collect())
}

pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Rows of a plan table, children included (the display order).
pub fn plan_rows(rows: &[Row]) -> usize {
    rows.iter().map(|r| 1 + plan_rows(&r.con)).sum()
}

/// Horizontal and vertical spans a plan table asks for (cells with `ngang` > 1, `doc` > 1).
pub fn plan_spans(rows: &[Row]) -> (usize, usize) {
    let mut h = 0;
    let mut v = 0;
    for r in rows {
        for c in &r.o {
            if let Cell::Rich(rc) = c {
                h += usize::from(rc.ngang.unwrap_or(1) > 1);
                v += usize::from(rc.doc.unwrap_or(1) > 1);
            }
        }
        let (ch, cv) = plan_spans(&r.con);
        h += ch;
        v += cv;
    }
    (h, v)
}

/// Whether appendix `i` is landscape in the plan.
pub fn appendix_landscape(plan: &Plan, i: usize) -> bool {
    plan.phu_luc[i].huong == Some(Orientation::Ngang)
}

/// The expected appendix labels: "Phụ lục" alone for a single appendix, else with Roman numerals.
pub fn appendix_labels(plan: &Plan) -> Vec<String> {
    let n = plan.phu_luc.len();
    const ROMAN: [&str; 6] = ["I", "II", "III", "IV", "V", "VI"];
    (0..n)
        .map(|i| {
            if n == 1 {
                "Phụ lục".to_string()
            } else {
                format!("Phụ lục {}", ROMAN[i])
            }
        })
        .collect()
}

/// The paragraphs of `to_text` (blank-line separated, section marks dropped), NFC.
pub fn text_paragraphs(doc: &Document) -> Vec<String> {
    nfc(&compose::to_text(doc))
        .split("\n\n")
        .flat_map(|block| block.lines().map(str::to_string).collect::<Vec<_>>())
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.chars().all(|c| c == '='))
        .collect()
}

/// Words of a text, NFC.
pub fn words(s: &str) -> Vec<String> {
    nfc(s).split_whitespace().map(str::to_string).collect()
}

/// Vietnamese letter sequence for điểm (spec §6.4).
pub const LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// Roman numerals for mục headings.
pub const ROMANS: [&str; 15] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
];

/// Checks the numbering of the body paragraphs (in order): Roman mục headings
/// without gaps, "1." khoản restarting under each mục, "1.1." under each khoản,
/// and lettered điểm a), b), … restarting under each numbered parent. Returns
/// the problems found.
pub fn numbering_problems(paras: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut roman = 0usize;
    let mut khoan = 0u32;
    let mut sub: Vec<u32> = Vec::new();
    let mut letter = 0usize;
    for p in paras {
        if let Some((label, title)) = p.split_once(". ") {
            if let Some(i) = ROMANS.iter().position(|r| *r == label) {
                if i != roman {
                    problems.push(format!("mục {label} after {roman} headings: {p:?}"));
                }
                if title.to_uppercase() != title {
                    problems.push(format!("mục title not uppercase: {p:?}"));
                }
                roman = i + 1;
                khoan = 0;
                sub.clear();
                letter = 0;
                continue;
            }
        }
        let head: String = p
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let after = &p[head.len()..];
        if head.ends_with('.') && head.len() > 1 && (after.starts_with(' ') || after.is_empty()) {
            let parts: Vec<u32> = head
                .trim_end_matches('.')
                .split('.')
                .filter_map(|s| s.parse().ok())
                .collect();
            // Dates, decimals and references inside prose never end with ". "
            // after a pure number chain, so only numbering labels reach here.
            match parts.len() {
                1 => {
                    if parts[0] != khoan + 1 {
                        problems.push(format!("khoản {} follows {khoan}: {p:?}", parts[0]));
                    }
                    khoan = parts[0];
                    sub.clear();
                }
                n => {
                    if parts[0] != khoan {
                        problems.push(format!("{head} under khoản {khoan}: {p:?}"));
                    }
                    let depth = n - 2;
                    if depth < sub.len() {
                        sub.truncate(depth + 1);
                    } else if depth > sub.len() {
                        problems.push(format!("{head} skips a level: {p:?}"));
                        continue;
                    } else {
                        sub.push(0);
                    }
                    let want = sub[depth] + 1;
                    if parts[n - 1] != want || parts[1..n - 1] != sub[..depth] {
                        problems.push(format!("{head} where {want} was due: {p:?}"));
                    }
                    sub[depth] = parts[n - 1];
                }
            }
            letter = 0;
            continue;
        }
        if let Some((l, _)) = p.split_once(") ") {
            if let Some(i) = LETTERS.iter().position(|x| *x == l) {
                if i != letter {
                    problems.push(format!(
                        "điểm {l}) where {}) was due: {p:?}",
                        LETTERS[letter.min(22)]
                    ));
                }
                letter = i + 1;
            }
        }
    }
    problems
}
