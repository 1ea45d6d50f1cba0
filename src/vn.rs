//! Vietnamese text rules: dates, numbers, letters, numerals, case, encodings.

use chrono::{Datelike, NaiveDate};
use unicode_normalization::{is_nfc as un_is_nfc, UnicodeNormalization};

/// NFC-normalizes `s` (spec §1 "Unicode form", rule R06).
pub fn nfc(s: &str) -> String {
    // Most plans are typed in NFC already; the quick check answers for
    // nearly all of them without decomposing and recomposing every letter.
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_string();
    }
    s.nfc().collect()
}

/// True when `s` is already in NFC (spec §1 "Unicode form", rule R06).
pub fn is_nfc(s: &str) -> bool {
    un_is_nfc(s)
}

/// Folds `s` for matching, not for display: diacritics removed (NFD, marks
/// dropped), "đ"/"Đ" → "d", lowercase, whitespace runs collapsed to one space.
/// "Sở  Nội vụ" and "so noi vu" fold alike, so a retyped title still matches.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The 23 letters for lettered items (spec §6.4):
/// a b c d đ e g h i k l m n o p q r s t u v x y.
pub const LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// Letter for a 0-based index (spec §6.4): 0 → "a", 4 → "đ", 22 → "y";
/// None past "y" (the spec leaves that undefined, so callers report it).
pub fn letter(index: usize) -> Option<&'static str> {
    LETTERS.get(index).copied()
}

/// Roman numeral for 1..=3999 (spec §6.3 headings: "I", "IV", "XX");
/// None for 0 or more than 3999.
pub fn roman(n: u32) -> Option<String> {
    if n == 0 || n > 3999 {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, digits) in TABLE {
        while rest >= value {
            out.push_str(digits);
            rest -= value;
        }
    }
    Some(out)
}

/// Value of a Roman numeral written in canonical form ("III" → 3);
/// None for anything else (used to read "Quý III/2024").
pub fn from_roman(s: &str) -> Option<u32> {
    let upper = s.to_ascii_uppercase();
    (1..=3999).find(|n| roman(*n).as_deref() == Some(upper.as_str()))
}

/// Vietnamese uppercase keeping diacritics, result NFC ("ủy ban" → "ỦY BAN");
/// spec §5 and §7: type names and signature titles are upper-case.
pub fn upper(s: &str) -> String {
    // Uppercasing works on any normalization form; NFC afterwards so the
    // output is precomposed whatever the input was.
    s.to_uppercase().nfc().collect()
}

/// Number with a decimal comma and no thousands grouping, as the reference
/// plans write figures ("86,44"). Without `places` it prints the shortest
/// form that reads back as `x`, so computed values should pass `places`:
/// `decimal(94.52, None)` → "94,52"; `decimal(8.0, None)` → "8";
/// `decimal(8.5, Some(2))` → "8,50".
pub fn decimal(x: f64, places: Option<u8>) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let s = match places {
        None => format!("{x}"),
        Some(p) => format!("{x:.*}", usize::from(p)),
    };
    let s = s.replace('.', ",");
    // "-0" and "-0,00" read as a negative zero in a plan; show plain zero.
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == ',') {
        return s[1..].to_string();
    }
    s
}

/// Like [`decimal`], with "." between groups of three digits in the whole
/// part, as Vietnamese writes large amounts ("1.250.000").
pub fn decimal_grouped(x: f64, places: Option<u8>) -> String {
    let plain = decimal(x, places);
    if !x.is_finite() {
        return plain;
    }
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain.as_str()),
    };
    let (whole, frac) = match rest.split_once(',') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A number written the Vietnamese way, read back: "8,5" → 8.5, "100" →
/// 100, "1.250.000" → 1250000, "-2,25" → -2.25. Returns the value and the
/// decimal places as written, and whether "." grouped the thousands. None
/// for anything else ("99,5%", "20/63", "1.1", "8.5"), so labels and
/// ranks are never mistaken for figures.
pub fn parse_decimal(s: &str) -> Option<(f64, u8, bool)> {
    let t = s.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t),
    };
    let (whole, frac) = match t.split_once(',') {
        Some((w, f)) => (w, Some(f)),
        None => (t, None),
    };
    let groups: Vec<&str> = whole.split('.').collect();
    let grouped = groups.len() > 1;
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !groups.iter().all(|g| digits(g)) {
        return None;
    }
    if grouped && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    if let Some(f) = frac {
        if !digits(f) || f.len() > 15 {
            return None;
        }
    }
    let plain = format!("{}.{}", groups.concat(), frac.unwrap_or("0"));
    let value: f64 = plain.parse().ok()?;
    let places = frac.map_or(0, |f| f.len() as u8);
    Some((if neg { -value } else { value }, places, grouped))
}

/// Appends the closing mark (spec §6.5): "… thực hiện." → "… thực hiện./.";
/// "… thực hiện" → "… thực hiện./."; text already ending in "./." is
/// returned unchanged (trailing whitespace removed).
pub fn close_mark(s: &str) -> String {
    let t = s.trim_end();
    if t.is_empty() || t.ends_with("./.") {
        return t.to_string();
    }
    if t.ends_with('.') || t.ends_with('!') || t.ends_with('?') {
        return format!("{t}/.");
    }
    // A list item ending in ";" or "," is the last one: its separator
    // becomes the final period.
    let t = t.trim_end_matches([';', ',', ':']).trim_end();
    format!("{t}./.")
}

/// Why a plan date could not be read, in Vietnamese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub vi: String,
    pub en: String,
}

impl DateError {
    fn new(vi: impl Into<String>, en: impl Into<String>) -> DateError {
        DateError {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The message as a bilingual diagnostic text.
    pub fn text(&self) -> crate::diag::Text {
        crate::diag::Text::new(self.vi.clone(), self.en.clone())
    }
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.vi, self.en)
    }
}

impl std::error::Error for DateError {}

/// A plan date as the source gives it; drafts may leave parts blank
/// (spec §4.3–4.4 practice: blank number/date mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanDate {
    Full(NaiveDate),
    YearMonth { year: i32, month: u32 },
    Year(i32),
    Blank,
}

impl PlanDate {
    /// The year, when the date has one.
    pub fn year(&self) -> Option<i32> {
        match self {
            PlanDate::Full(d) => Some(d.year()),
            PlanDate::YearMonth { year, .. } | PlanDate::Year(year) => Some(*year),
            PlanDate::Blank => None,
        }
    }
}

const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 2200;

fn parse_num(s: &str, max_digits: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_digits || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn check_year(raw: &str, whole: &str) -> Result<i32, DateError> {
    match parse_num(raw, 4) {
        Some(y) if raw.len() == 4 && (MIN_YEAR..=MAX_YEAR).contains(&(y as i32)) => Ok(y as i32),
        _ => Err(DateError::new(
            format!("năm \"{raw}\" trong ngày \"{whole}\" không hợp lệ (cần 4 chữ số, {MIN_YEAR}–{MAX_YEAR})"),
            format!("year \"{raw}\" in date \"{whole}\" is not valid (4 digits, {MIN_YEAR}–{MAX_YEAR})"),
        )),
    }
}

fn check_month(raw: &str, whole: &str) -> Result<u32, DateError> {
    match parse_num(raw, 2) {
        Some(m) if (1..=12).contains(&m) => Ok(m),
        _ => Err(DateError::new(
            format!("tháng \"{raw}\" trong ngày \"{whole}\" không hợp lệ (tháng từ 1 đến 12)"),
            format!("month \"{raw}\" in date \"{whole}\" is not valid (months run 1 to 12)"),
        )),
    }
}

fn full_date(y: i32, m: u32, raw_day: &str, whole: &str) -> Result<NaiveDate, DateError> {
    let d = parse_num(raw_day, 2).ok_or_else(|| {
        DateError::new(
            format!("ngày \"{raw_day}\" trong \"{whole}\" không phải là số"),
            format!("day \"{raw_day}\" in \"{whole}\" is not a number"),
        )
    })?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        DateError::new(
            format!("ngày {d:02}/{m:02}/{y} không có thật (tháng {m} năm {y} không có ngày {d})"),
            format!("{y}-{m:02}-{d:02} does not exist (month {m} of {y} has no day {d})"),
        )
    })
}

/// Parses a plan date (spec §4.4): "2024-06-13", "2022-09", "2022", "" (blank
/// draft); also "13/6/2024", "13/06/2024" and "9/2022". Errors say why in
/// Vietnamese and English (impossible date 31/02, month 13 …).
pub fn parse_plan_date(s: &str) -> Result<PlanDate, DateError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(PlanDate::Blank);
    }
    let bad_form = || {
        DateError::new(
            format!(
                "không đọc được ngày \"{t}\"; viết YYYY-MM-DD (2024-06-13), DD/MM/YYYY (13/6/2024), YYYY-MM, YYYY hoặc để trống"
            ),
            format!(
                "cannot read date \"{t}\"; write YYYY-MM-DD (2024-06-13), DD/MM/YYYY (13/6/2024), YYYY-MM, YYYY or leave it blank"
            ),
        )
    };
    if t.contains('-') {
        let parts: Vec<&str> = t.split('-').collect();
        return match parts.as_slice() {
            [y, m, d] if y.len() == 4 => {
                let y = check_year(y, t)?;
                let m = check_month(m, t)?;
                full_date(y, m, d, t).map(PlanDate::Full)
            }
            [y, m] if y.len() == 4 => Ok(PlanDate::YearMonth {
                year: check_year(y, t)?,
                month: check_month(m, t)?,
            }),
            _ => Err(bad_form()),
        };
    }
    if t.contains('/') {
        let parts: Vec<&str> = t.split('/').collect();
        return match parts.as_slice() {
            [d, m, y] => {
                let y = check_year(y, t)?;
                let m = check_month(m, t)?;
                full_date(y, m, d, t).map(PlanDate::Full)
            }
            [m, y] => Ok(PlanDate::YearMonth {
                year: check_year(y, t)?,
                month: check_month(m, t)?,
            }),
            _ => Err(bad_form()),
        };
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return check_year(t, t).map(PlanDate::Year);
    }
    Err(bad_form())
}

/// Day as spec §4.4 writes it: 01–09 padded, 10–31 as is.
fn day_str(d: u32) -> String {
    format!("{d:02}")
}

/// Month as spec §4.4 writes it: only 01 and 02 padded; 3–12 never.
fn month_str(m: u32) -> String {
    if m < 3 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// Blank left for a hand-written day or month in a draft (spec §4.3 practice).
const BLANK_DM: &str = "     ";
/// Blank left for a hand-written year.
const BLANK_YEAR: &str = "       ";

/// Date in words (spec §4.4): "ngày 05 tháng 01 năm 2024",
/// "ngày 13 tháng 6 năm 2024"; blanks for a draft:
/// YearMonth → "ngày     tháng 9 năm 2022", Year → "ngày     tháng     năm 2022",
/// Blank → "ngày     tháng     năm       ".
pub fn date_words(d: &PlanDate) -> String {
    match d {
        PlanDate::Full(date) => format!(
            "ngày {} tháng {} năm {}",
            day_str(date.day()),
            month_str(date.month()),
            date.year()
        ),
        PlanDate::YearMonth { year, month } => {
            format!("ngày{BLANK_DM}tháng {} năm {year}", month_str(*month))
        }
        PlanDate::Year(year) => format!("ngày{BLANK_DM}tháng{BLANK_DM}năm {year}"),
        PlanDate::Blank => format!("ngày{BLANK_DM}tháng{BLANK_DM}năm{BLANK_YEAR}"),
    }
}

/// Place and date line (spec §4.4): "Vĩnh Phúc, ngày 13 tháng 6 năm 2024".
pub fn place_date(place: &str, d: &PlanDate) -> String {
    format!("{}, {}", nfc(place.trim()), date_words(d))
}

/// Zero-padded document number (spec §4.3): 5 → "05", 152 → "152".
pub fn doc_number(n: u32) -> String {
    format!("{n:02}")
}

/// Number line (spec §4.3): "Số: 05/KH-UBND"; None → "Số:      /KH-UBND"
/// (blank-number draft form, 6 spaces for the hand-written number).
pub fn number_line(number: Option<u32>, ky_hieu: &str) -> String {
    let ky_hieu = ky_hieu.trim();
    match number {
        Some(n) => format!("Số: {}/{ky_hieu}", doc_number(n)),
        None => format!("Số:      /{ky_hieu}"),
    }
}

/// A document kind (spec §12.1): upper-case title, name, abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocKind {
    /// Type name as printed above the trích yếu ("KẾ HOẠCH").
    pub title_upper: &'static str,
    /// Type name in running text ("Kế hoạch").
    pub name: &'static str,
    /// Abbreviation in the ký hiệu ("KH"); keeps lower-case letters ("CTr").
    pub abbrev: &'static str,
}

const DOC_KINDS: [(&str, DocKind); 16] = {
    const fn k(title_upper: &'static str, name: &'static str, abbrev: &'static str) -> DocKind {
        DocKind {
            title_upper,
            name,
            abbrev,
        }
    }
    [
        ("ke-hoach", k("KẾ HOẠCH", "Kế hoạch", "KH")),
        ("bao-cao", k("BÁO CÁO", "Báo cáo", "BC")),
        ("quyet-dinh", k("QUYẾT ĐỊNH", "Quyết định", "QĐ")),
        ("chuong-trinh", k("CHƯƠNG TRÌNH", "Chương trình", "CTr")),
        ("thong-bao", k("THÔNG BÁO", "Thông báo", "TB")),
        ("huong-dan", k("HƯỚNG DẪN", "Hướng dẫn", "HD")),
        ("phuong-an", k("PHƯƠNG ÁN", "Phương án", "PA")),
        ("de-an", k("ĐỀ ÁN", "Đề án", "ĐA")),
        ("to-trinh", k("TỜ TRÌNH", "Tờ trình", "TTr")),
        ("du-an", k("DỰ ÁN", "Dự án", "DA")),
        ("nghi-quyet", k("NGHỊ QUYẾT", "Nghị quyết", "NQ")),
        ("chi-thi", k("CHỈ THỊ", "Chỉ thị", "CT")),
        ("quy-che", k("QUY CHẾ", "Quy chế", "QC")),
        ("quy-dinh", k("QUY ĐỊNH", "Quy định", "QyĐ")),
        ("thong-cao", k("THÔNG CÁO", "Thông cáo", "TC")),
        ("bien-ban", k("BIÊN BẢN", "Biên bản", "BB")),
    ]
};

/// Document kind by its slug (spec §12.1): "ke-hoach" → ("KẾ HOẠCH",
/// "Kế hoạch", "KH"); also bao-cao, quyet-dinh, chuong-trinh, thong-bao,
/// huong-dan, phuong-an, de-an, to-trinh and the other typed kinds of §12.1.
pub fn doc_kind(kind: &str) -> Option<DocKind> {
    let kind = kind.trim().to_ascii_lowercase().replace('_', "-");
    DOC_KINDS
        .iter()
        .find(|(slug, _)| *slug == kind)
        .map(|(_, k)| *k)
}

/// The slugs [`doc_kind`] knows, in table order (for error hints).
pub fn doc_kind_slugs() -> Vec<&'static str> {
    DOC_KINDS.iter().map(|(slug, _)| *slug).collect()
}

/// A task deadline kept as written, with what could be parsed
/// (plan model `thoi_gian`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub text: String,
    pub kind: DeadlineKind,
}

/// What a deadline means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    Date(NaiveDate),
    Before(NaiveDate),
    Month {
        month: u32,
        year: i32,
    },
    Quarter {
        quarter: u32,
        year: i32,
    },
    Year(i32),
    /// "Thường xuyên": ongoing.
    Regular,
    /// Anything else, kept as text.
    Free,
}

impl Deadline {
    /// The year the deadline falls in, if known.
    pub fn year(&self) -> Option<i32> {
        match self.kind {
            DeadlineKind::Date(d) | DeadlineKind::Before(d) => Some(d.year()),
            DeadlineKind::Month { year, .. }
            | DeadlineKind::Quarter { year, .. }
            | DeadlineKind::Year(year) => Some(year),
            DeadlineKind::Regular | DeadlineKind::Free => None,
        }
    }
}

/// "15/12/2024", "2024-12-15" or, in words, "15 tháng 12 năm 2024".
fn deadline_date(s: &str) -> Option<NaiveDate> {
    if let Some((d, rest)) = s.split_once(" tháng ") {
        let (m, y) = rest.split_once(" năm ")?;
        let y = check_year(y.trim(), s).ok()?;
        let m = check_month(m.trim(), s).ok()?;
        return full_date(y, m, d.trim(), s).ok();
    }
    match parse_plan_date(s) {
        Ok(PlanDate::Full(d)) => Some(d),
        _ => None,
    }
}

/// "6/2024", "06/2024", "6 năm 2024".
fn month_year(s: &str) -> Option<(u32, i32)> {
    let (m, y) = s.split_once('/').or_else(|| s.split_once(" năm "))?;
    let m = parse_num(m.trim(), 2).filter(|m| (1..=12).contains(m))?;
    let y = check_year(y.trim(), s).ok()?;
    Some((m, y))
}

/// A period of a deadline that cannot exist: "Quý V/2024" (a year has four
/// quarters), "tháng 13/2024". Read where a quarter or month is written
/// with its year, so free text ("tháng 10 đến tháng 12") is left alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImpossiblePeriod {
    Quarter(u32),
    Month(u32),
}

pub fn impossible_period(s: &str) -> Option<ImpossiblePeriod> {
    let norm = nfc(s).to_lowercase();
    for (word, max, make) in [
        (
            "quý ",
            4,
            ImpossiblePeriod::Quarter as fn(u32) -> ImpossiblePeriod,
        ),
        ("tháng ", 12, ImpossiblePeriod::Month),
    ] {
        for (at, _) in norm.match_indices(word) {
            let rest = &norm[at + word.len()..];
            let Some((n, y)) = rest.split_once('/').or_else(|| rest.split_once(" năm ")) else {
                continue;
            };
            let year = y
                .trim_start()
                .get(..4)
                .filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
            let n = n.trim();
            let value =
                parse_num(n, 2).or_else(|| (word == "quý ").then(|| from_roman(n)).flatten());
            if let (Some(v), Some(_)) = (value, year) {
                if v == 0 || v > max {
                    return Some(make(v));
                }
            }
        }
    }
    None
}

/// "III/2024", "3/2024", "III năm 2024".
fn quarter_year(s: &str) -> Option<(u32, i32)> {
    let (q, y) = s.split_once('/').or_else(|| s.split_once(" năm "))?;
    let q = q.trim();
    let q = parse_num(q, 1).or_else(|| from_roman(q))?;
    if !(1..=4).contains(&q) {
        return None;
    }
    let y = check_year(y.trim(), s).ok()?;
    Some((q, y))
}

/// Understands a deadline as plans write it (plan model `thoi_gian`):
/// "15/12/2024", "2024-12-15", "trước ngày 15/12/2024", "Quý III/2024" (and
/// "quý 3/2024"), "tháng 6/2024", "Trong năm 2022", "năm 2024",
/// "Thường xuyên" (+ "thường xuyên trong năm" etc.); otherwise Free.
pub fn parse_deadline(s: &str) -> Deadline {
    let text = s.to_string();
    let kind = deadline_kind(s);
    Deadline { text, kind }
}

fn deadline_kind(s: &str) -> DeadlineKind {
    let norm: String = nfc(s).to_lowercase();
    let norm = norm.split_whitespace().collect::<Vec<_>>().join(" ");
    let norm = norm.trim_end_matches(['.', ';', ',']).trim();
    if norm.starts_with("thường xuyên") {
        return DeadlineKind::Regular;
    }
    for prefix in ["trước ngày ", "trước ", "chậm nhất ngày ", "chậm nhất "] {
        if let Some(rest) = norm.strip_prefix(prefix) {
            return match deadline_date(rest.trim()) {
                Some(d) => DeadlineKind::Before(d),
                None => DeadlineKind::Free,
            };
        }
    }
    let rest = norm.strip_prefix("trong ").unwrap_or(norm);
    let rest = rest.strip_prefix("ngày ").unwrap_or(rest);
    if let Some(d) = deadline_date(rest) {
        return DeadlineKind::Date(d);
    }
    if let Some(q) = rest.strip_prefix("quý ") {
        return match quarter_year(q) {
            Some((quarter, year)) => DeadlineKind::Quarter { quarter, year },
            None => DeadlineKind::Free,
        };
    }
    if let Some(m) = rest.strip_prefix("tháng ") {
        return match month_year(m) {
            Some((month, year)) => DeadlineKind::Month { month, year },
            None => DeadlineKind::Free,
        };
    }
    let year_part = rest.strip_prefix("năm ").unwrap_or(rest);
    if year_part.len() == 4 {
        if let Ok(y) = check_year(year_part, rest) {
            return DeadlineKind::Year(y);
        }
    }
    if let Some((month, year)) = month_year(rest) {
        return DeadlineKind::Month { month, year };
    }
    DeadlineKind::Free
}

/// A legacy Vietnamese encoding (pre-Unicode fonts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyEncoding {
    /// TCVN 5712:1993 VN3 ("ABC", .VnTime fonts).
    Tcvn3,
    /// VNI-Windows (VNI-Times fonts).
    Vni,
}

/// Non-letter Latin-1 characters TCVN3 uses for letters: ă â ê ô ơ ư đ
/// (and capitals) at 0xA1–0xAE, à ả ã á ạ at 0xB5–0xB9, ằ ẳ ẵ ắ at
/// 0xBB–0xBE, ì ữ at 0xD7/0xF7. Read as Windows-1252 they sit inside words.
fn tcvn3_symbol(c: char) -> bool {
    matches!(c, '\u{A1}'..='\u{AE}' | '\u{B5}'..='\u{B9}' | '\u{BB}'..='\u{BE}' | '×' | '÷')
}

/// Latin-1 letters that are not Vietnamese and that TCVN3 produces but
/// VNI does not (ầ ẻ é ị ò ỗ ợ ỵ).
fn tcvn3_only_letter(c: char) -> bool {
    matches!(c, 'Ç' | 'Î' | 'Ð' | 'Þ' | 'ß' | 'ç' | 'î' | 'þ' | 'ð')
}

/// VNI tone bytes (sắc, huyền, hỏi, ngã, nặng) read as Windows-1252; they
/// follow a vowel (a e o u y, or VNI ơ/ư).
fn vni_tone(c: char) -> bool {
    matches!(c, 'ù' | 'ø' | 'û' | 'õ' | 'ï' | 'Ù' | 'Ø' | 'Û' | 'Õ' | 'Ï')
}

/// VNI circumflex (alone or with a tone); follows a, e or o.
fn vni_circumflex(c: char) -> bool {
    matches!(
        c,
        'â' | 'á' | 'à' | 'å' | 'ã' | 'ä' | 'Â' | 'Á' | 'À' | 'Å' | 'Ã' | 'Ä'
    )
}

/// VNI breve (alone or with a tone); follows a.
fn vni_breve(c: char) -> bool {
    matches!(
        c,
        'ê' | 'é' | 'è' | 'ú' | 'ü' | 'ë' | 'Ê' | 'É' | 'È' | 'Ú' | 'Ü' | 'Ë'
    )
}

/// Latin-1 letters that spell Vietnamese in Unicode text.
fn vietnamese_latin1(c: char) -> bool {
    matches!(
        c,
        'à' | 'á'
            | 'â'
            | 'ã'
            | 'è'
            | 'é'
            | 'ê'
            | 'ì'
            | 'í'
            | 'ò'
            | 'ó'
            | 'ô'
            | 'õ'
            | 'ù'
            | 'ú'
            | 'ý'
            | 'À'
            | 'Á'
            | 'Â'
            | 'Ã'
            | 'È'
            | 'É'
            | 'Ê'
            | 'Ì'
            | 'Í'
            | 'Ò'
            | 'Ó'
            | 'Ô'
            | 'Õ'
            | 'Ù'
            | 'Ú'
            | 'Ý'
    )
}

/// Does a VNI mark `c` after `prev` spell a VNI letter that Unicode
/// Vietnamese cannot contain? Pairs real words have ("hoá", "quân", "tiên",
/// "buôn") are left out, so Unicode text scores nothing.
fn vni_pair(prev: char, c: char) -> bool {
    let p = prev.to_ascii_lowercase();
    let lc = c.to_lowercase().next().unwrap_or(c);
    match p {
        'a' => vni_tone(c) || vni_circumflex(c) || vni_breve(c),
        'e' => vni_tone(c) || vni_circumflex(c),
        // "hoá", "hoà", "xoã" are real Unicode; VNI ố ồ ỗ collide with them.
        'o' => (vni_tone(c) || vni_circumflex(c)) && !matches!(lc, 'á' | 'à' | 'ã'),
        // "buôn", "quân", "quê", "tuý" are real; only tone bytes count.
        'u' | 'y' => vni_tone(c),
        // VNI ơ and ư are "ô" and "ö"; a tone after them is VNI.
        'ô' | 'ö' => vni_tone(c),
        _ => {
            let pl = prev.to_lowercase().next().unwrap_or(prev);
            matches!(pl, 'ô' | 'ö') && vni_tone(c)
        }
    }
}

/// Can this TCVN3 symbol stand at the start of a word? Excluded: «, which
/// opens quotes far more often than it spells "ô"; µ (micro sign); ạ, ã
/// and ằ ẳ ẵ ắ, which rarely or never start a word; ì/ữ (× ÷).
fn tcvn3_can_start(c: char) -> bool {
    !matches!(c, '«' | 'µ' | '¹' | '·' | '»' | '¼' | '½' | '¾' | '×' | '÷')
}

/// Can this TCVN3 symbol end a word? Excluded: ă â đ (and capitals) and
/// ằ ẳ ẵ ắ, which always take a final consonant or come first; » (closing
/// quote), ® (registered sign) and ¹ (footnote mark) read as themselves.
fn tcvn3_can_end(c: char) -> bool {
    !matches!(
        c,
        '¡' | '¢' | '§' | '¨' | '©' | '®' | '»' | '¹' | '¼' | '½' | '¾'
    )
}

/// TCVN3 evidence from a vowel that Unicode Vietnamese cannot put before a
/// stop final: a syllable ending in -c, -ch, -p, -t takes the sắc or nặng
/// tone, so "tèt" (tốt), "Quèc" (quốc), "lôc" (lục), "thùc" (thực) are
/// TCVN3 toned vowels read as Latin-1. VNI "ò" (ị) is left out.
fn stop_final_evidence(word: &[char]) -> bool {
    let letters: Vec<char> = word
        .iter()
        .copied()
        .rev()
        .skip_while(|c| !c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let n = letters.len();
    let vowel_at = if letters.ends_with(&['c', 'h']) {
        n.checked_sub(3)
    } else if n >= 2 && matches!(letters[n - 1], 'c' | 'p' | 't') {
        Some(n - 2)
    } else {
        None
    };
    vowel_at.is_some_and(|i| {
        matches!(
            letters[i],
            'â' | 'ê' | 'ô' | 'à' | 'è' | 'ì' | 'ù' | 'ã' | 'õ'
        )
    })
}

/// Counts legacy-encoding evidence in one whitespace-separated word:
/// (TCVN3 points, VNI points).
fn word_evidence(word: &[char]) -> (u32, u32) {
    let mut tcvn = 0;
    let mut vni = 0;
    let letterish = |x: Option<char>| x.is_some_and(|x| x.is_alphabetic() || tcvn3_symbol(x));
    for (i, &c) in word.iter().enumerate() {
        if !('\u{A1}'..='\u{FF}').contains(&c) {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| word[j]);
        let before_prev = i.checked_sub(2).map(|j| word[j]);
        let next = word.get(i + 1).copied();
        let after_next = word.get(i + 2).copied();
        if tcvn3_symbol(c) {
            let counts = if letterish(prev) {
                letterish(next) || tcvn3_can_end(c)
            } else {
                letterish(next) && tcvn3_can_start(c)
            };
            if counts {
                tcvn += 1;
            }
            continue;
        }
        if tcvn3_only_letter(c) && (letterish(prev) || letterish(next)) {
            tcvn += 1;
            continue;
        }
        if let Some(p) = prev {
            if vni_pair(p, c) {
                vni += 1;
                continue;
            }
            // VNI uô with a tone: "cuoái", "thuoäc", "quoác"; Unicode has
            // no u-o-á run, only "oá" as in "hoá".
            if matches!(p, 'o' | 'O')
                && before_prev.is_some_and(|b| matches!(b, 'u' | 'U'))
                && vni_circumflex(c)
            {
                vni += 1;
                continue;
            }
        }
        // A capital right after a small letter ("triÓn", "ViÖt") is how
        // TCVN3's lower-case toned vowels at 0xC6–0xDE read.
        if c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase()) {
            tcvn += 1;
            continue;
        }
        match c {
            // VNI ư and ơ are "ö" and "ô": before a tone byte, "öô" (ươ),
            // "öu" (ưu) or "ön" (ưn, ưng) they are VNI. TCVN3 ử, elsewhere
            // ("sö", "cöa"), is too close to VNI ư ("nhö") to count.
            'ö' | 'Ö' | 'ô' | 'Ô' => {
                let is_u = matches!(c, 'ö' | 'Ö');
                if next.is_some_and(|x| {
                    vni_tone(x) || (is_u && matches!(x, 'ô' | 'Ô' | 'u' | 'U' | 'n' | 'N'))
                }) {
                    vni += 1;
                }
                continue;
            }
            // VNI ỉ and TCVN3 ổ are both "æ": "ænh" is only ỉnh (tỉnh),
            // "æng"/"æi" only ổng/ổi (tổng, đổi).
            'æ' | 'Æ' => {
                match (next, after_next) {
                    (Some('n' | 'N'), Some('h' | 'H')) => vni += 1,
                    (Some('n' | 'N'), Some('g' | 'G')) | (Some('i' | 'I'), _) => tcvn += 1,
                    _ => {}
                }
                continue;
            }
            // VNI đ/Đ opens a word before a vowel ("ñoäng", "Ñaûng",
            // "ñòa"); TCVN3 ủ at the start is "ñy" (ủy), not counted.
            'ñ' | 'Ñ' if i == 0 || !letterish(prev) => {
                if next.is_some_and(|x| "aeiouAEIOUôöÔÖòíìóæÒÍÌÓÆ".contains(x)) {
                    vni += 1;
                }
                continue;
            }
            _ => {}
        }
        // Other non-Vietnamese letters after a small consonant are TCVN3
        // vowels ("hä" họ, "cña" của); VNI puts its marks after vowels and
        // its Ñ inside upper-case acronyms ("HÑND").
        if !vietnamese_latin1(c)
            && c.is_lowercase()
            && prev.is_some_and(|p| p.is_ascii_lowercase() && !"aeiouy".contains(p))
        {
            tcvn += 1;
        }
    }
    if vni == 0 && stop_final_evidence(word) {
        tcvn += 1;
    }
    (tcvn, vni)
}

/// Vietnamese letters outside Latin-1 (ă đ ĩ ũ ơ ư, U+1EA0–U+1EF9): no
/// legacy encoding read as Windows-1252 can produce them.
fn unicode_only_vietnamese(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | '\u{1EA0}'
            ..='\u{1EF9}'
    )
}

/// Words as the legacy-encoding check sees them: split at white space,
/// except the soft hyphen (U+00AD), which TCVN3 uses for a letter.
fn legacy_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() && c != '\u{AD}')
}

/// The verdict of [`detect_legacy`] without scoring a word, for most real
/// Vietnamese lines: only words with a character in U+00A1–U+00FF and no
/// Unicode-only letter can score, and scoring words must outnumber the
/// words with a Unicode-only letter ("được", "biểu"). False means None.
fn could_be_legacy(s: &str) -> bool {
    let (mut may_score, mut unicode) = (0u32, 0u32);
    for w in legacy_words(s) {
        if w.is_ascii() {
            continue;
        }
        let (mut latin1, mut only_vi) = (false, false);
        for c in w.chars() {
            latin1 |= ('\u{A1}'..='\u{FF}').contains(&c);
            only_vi |= unicode_only_vietnamese(c);
        }
        if only_vi {
            unicode += 1;
        } else if latin1 {
            may_score += 1;
        }
    }
    may_score > unicode
}

/// Recognises text in a legacy Vietnamese encoding (TCVN3/.Vn fonts, VNI)
/// that was decoded as UTF-8/Windows-1252 (spec §1 "Unicode form": .Vn/VNI fonts are not allowed; rule R06).
/// Some(..) when the text looks like TCVN3 or VNI mojibake ("Ph¸t triÓn",
/// "Keá hoaïch"); None for real Vietnamese Unicode text.
///
/// Each word scores points for the patterns one encoding produces and
/// Unicode Vietnamese cannot; the decision is on the share of words that
/// score, so one foreign name ("naïve", "Müller") in a long text is not enough.
pub fn detect_legacy(s: &str) -> Option<LegacyEncoding> {
    let mut words = 0u32;
    let mut tcvn_words = 0u32;
    let mut vni_words = 0u32;
    let mut unicode_words = 0u32;
    // Legacy evidence needs a Latin-1 letter: ASCII text has none.
    if s.is_ascii() || !could_be_legacy(s) {
        return None;
    }
    let mut chars: Vec<char> = Vec::new();
    for w in legacy_words(s) {
        if w.is_ascii() {
            // Counts as a word but scores for neither encoding.
            if w.bytes().any(|b| b.is_ascii_alphabetic()) {
                words += 1;
            }
            continue;
        }
        chars.clear();
        chars.extend(w.chars());
        if !chars.iter().any(|c| c.is_alphabetic()) {
            continue;
        }
        words += 1;
        if chars.iter().copied().any(unicode_only_vietnamese) {
            unicode_words += 1;
            continue;
        }
        let (t, v) = word_evidence(&chars);
        if t > v {
            tcvn_words += 1;
        } else if v > t {
            vni_words += 1;
        }
    }
    let (best, enc) = if tcvn_words >= vni_words {
        (tcvn_words, LegacyEncoding::Tcvn3)
    } else {
        (vni_words, LegacyEncoding::Vni)
    };
    // Legacy text read as Latin-1 never contains letters outside Latin-1;
    // words with them ("biểu", "được") are real Unicode Vietnamese.
    if best == 0 || best <= unicode_words {
        return None;
    }
    // Short texts (a title, one field) need a third of their words to
    // score; long texts need two scoring words and a tenth of all words.
    let enough = if words <= 6 {
        best * 3 >= words
    } else {
        best >= 2 && best * 10 >= words
    };
    enough.then_some(enc)
}

/// First character that must not appear in a plan (rule R06: no control or
/// private-use characters): C0 controls except tab, newline and carriage return; DEL and C1;
/// private use; U+FFFD (a decoding failure). Returns (char index, char).
pub fn forbidden_char(s: &str) -> Option<(usize, char)> {
    s.chars().enumerate().find(|(_, c)| {
        let c = *c;
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
            || c == '\u{FFFD}'
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn impossible_periods_of_deadlines() {
        use ImpossiblePeriod::*;
        assert_eq!(impossible_period("Quý V/2024"), Some(Quarter(5)));
        assert_eq!(impossible_period("trong quý 5 năm 2024"), Some(Quarter(5)));
        assert_eq!(impossible_period("tháng 13/2024"), Some(Month(13)));
        assert_eq!(impossible_period("Trước tháng 0/2025"), Some(Month(0)));
        for fine in [
            "Quý IV/2024",
            "quý 3/2024",
            "tháng 12/2024",
            "từ tháng 10 đến tháng 12",
            "Thường xuyên",
            "15/12/2024",
            "tháng 13 năm học",
        ] {
            assert_eq!(impossible_period(fine), None, "{fine}");
        }
    }

    #[test]
    fn fold_removes_accents_case_and_extra_spaces() {
        assert_eq!(fold("Sở  Nội vụ"), "so noi vu");
        assert_eq!(fold("ĐẮK LẮK"), "dak lak");
        assert_eq!(fold("Vie\u{0323}\u{0302}t Nam"), "viet nam");
        assert_eq!(fold(" Quý III/2024\t"), "quy iii/2024");
        assert_ne!(fold("Sở Tư pháp"), fold("Sở Tài chính"));
    }

    #[test]
    fn nfc_composes_and_detects() {
        let nfd = "Vie\u{0323}\u{0302}t";
        assert!(!is_nfc(nfd));
        let c = nfc(nfd);
        assert_eq!(c, "Việt");
        assert!(is_nfc(&c));
    }

    #[test]
    fn letters_follow_spec_order() {
        let all: Vec<&str> = (0..23).map(|i| letter(i).unwrap()).collect();
        assert_eq!(
            all.join(" "),
            "a b c d đ e g h i k l m n o p q r s t u v x y"
        );
        assert_eq!(letter(3), Some("d"));
        assert_eq!(letter(4), Some("đ"));
        assert_eq!(letter(5), Some("e"));
        assert_eq!(letter(22), Some("y"));
        assert_eq!(letter(23), None);
        assert_eq!(letter(usize::MAX), None);
        for l in ["f", "j", "w", "z", "ă", "â", "ê", "ô", "ơ", "ư"] {
            assert!(!LETTERS.contains(&l), "{l}");
        }
    }

    #[test]
    fn roman_numerals() {
        let expected = [
            "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
            "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
        ];
        for (i, e) in expected.iter().enumerate() {
            let n = i as u32 + 1;
            assert_eq!(roman(n).as_deref(), Some(*e), "{n}");
            assert_eq!(from_roman(e), Some(n));
        }
        assert_eq!(roman(40).as_deref(), Some("XL"));
        assert_eq!(roman(1994).as_deref(), Some("MCMXCIV"));
        assert_eq!(roman(3999).as_deref(), Some("MMMCMXCIX"));
        assert_eq!(roman(0), None);
        assert_eq!(roman(4000), None);
        assert_eq!(from_roman("IIII"), None);
        assert_eq!(from_roman("iii"), Some(3));
    }

    #[test]
    fn upper_every_vowel_and_tone() {
        let vowels = [
            ("a", "A"),
            ("ă", "Ă"),
            ("â", "Â"),
            ("e", "E"),
            ("ê", "Ê"),
            ("i", "I"),
            ("o", "O"),
            ("ô", "Ô"),
            ("ơ", "Ơ"),
            ("u", "U"),
            ("ư", "Ư"),
            ("y", "Y"),
        ];
        let tones = [
            "", "\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}",
        ];
        let mut checked = 0;
        for (lo, up) in vowels {
            for t in tones {
                let lower = nfc(&format!("{lo}{t}"));
                let want = nfc(&format!("{up}{t}"));
                assert_eq!(
                    lower.chars().count(),
                    1,
                    "{lower:?} is one precomposed letter"
                );
                let got = upper(&lower);
                assert_eq!(got, want, "{lower}");
                assert_eq!(got.chars().count(), 1);
                assert!(is_nfc(&got));
                // Decomposed input gives the same precomposed result.
                let nfd: String = lower.nfd().collect();
                assert_eq!(upper(&nfd), want);
                checked += 1;
            }
        }
        assert_eq!(checked, 72);
        assert_eq!(upper("đ"), "Đ");
        assert_eq!(upper("ủy ban nhân dân"), "ỦY BAN NHÂN DÂN");
        assert_eq!(upper("kế hoạch"), "KẾ HOẠCH");
    }

    #[test]
    fn decimal_comma() {
        assert_eq!(decimal(94.52, None), "94,52");
        assert_eq!(decimal(8.0, None), "8");
        assert_eq!(decimal(8.5, Some(2)), "8,50");
        assert_eq!(decimal(0.1, None), "0,1");
        assert_eq!(decimal(1250000.0, None), "1250000");
        assert_eq!(decimal(-3.25, None), "-3,25");
        assert_eq!(decimal(-0.0, None), "0");
        assert_eq!(decimal(-0.001, Some(2)), "0,00");
        assert_eq!(decimal(2.675, Some(0)), "3");
        assert_eq!(decimal_grouped(1250000.0, None), "1.250.000");
        assert_eq!(decimal_grouped(1234.5, Some(2)), "1.234,50");
        assert_eq!(decimal_grouped(-999.0, None), "-999");
        assert_eq!(decimal_grouped(-1000.0, None), "-1.000");
    }

    #[test]
    fn close_mark_rules() {
        assert_eq!(close_mark("… thực hiện."), "… thực hiện./.");
        assert_eq!(close_mark("… thực hiện"), "… thực hiện./.");
        assert_eq!(close_mark("… thực hiện./."), "… thực hiện./.");
        assert_eq!(close_mark("… thực hiện./.  \n"), "… thực hiện./.");
        assert_eq!(close_mark("… thực hiện;"), "… thực hiện./.");
        assert_eq!(close_mark("Quyết tâm!"), "Quyết tâm!/.");
        assert_eq!(close_mark(""), "");
    }

    #[test]
    fn plan_dates_parse() {
        assert_eq!(
            parse_plan_date("2024-06-13"),
            Ok(PlanDate::Full(ymd(2024, 6, 13)))
        );
        assert_eq!(
            parse_plan_date("13/6/2024"),
            Ok(PlanDate::Full(ymd(2024, 6, 13)))
        );
        assert_eq!(
            parse_plan_date("13/06/2024"),
            Ok(PlanDate::Full(ymd(2024, 6, 13)))
        );
        assert_eq!(
            parse_plan_date("2022-09"),
            Ok(PlanDate::YearMonth {
                year: 2022,
                month: 9
            })
        );
        assert_eq!(
            parse_plan_date("9/2022"),
            Ok(PlanDate::YearMonth {
                year: 2022,
                month: 9
            })
        );
        assert_eq!(parse_plan_date("2022"), Ok(PlanDate::Year(2022)));
        assert_eq!(parse_plan_date(""), Ok(PlanDate::Blank));
        assert_eq!(parse_plan_date("   "), Ok(PlanDate::Blank));
        assert_eq!(
            parse_plan_date("29/02/2024"),
            Ok(PlanDate::Full(ymd(2024, 2, 29)))
        );
    }

    #[test]
    fn impossible_dates_are_errors_with_reason() {
        let e = parse_plan_date("31/02/2023").unwrap_err();
        assert!(e.vi.contains("không có thật"), "{}", e.vi);
        assert!(e.en.contains("does not exist"), "{}", e.en);
        let e = parse_plan_date("29/02/2023").unwrap_err();
        assert!(e.en.contains("no day 29"), "{}", e.en);
        let e = parse_plan_date("2024-13-01").unwrap_err();
        assert!(e.vi.contains("tháng \"13\""), "{}", e.vi);
        assert!(e.en.contains("month \"13\""), "{}", e.en);
        let e = parse_plan_date("01/13/2024").unwrap_err();
        assert!(e.en.contains("month"), "{}", e.en);
        assert!(parse_plan_date("2024-00").is_err());
        assert!(parse_plan_date("00/01/2024").is_err());
        assert!(parse_plan_date("24").is_err());
        assert!(parse_plan_date("ngày mai").is_err());
        assert!(parse_plan_date("2024-06-13-01").is_err());
        assert!(parse_plan_date("1/1/24").is_err());
        assert!(parse_plan_date("x/1/2024").is_err());
        let t = parse_plan_date("abc").unwrap_err().text();
        assert!(t.vi.contains("abc") && t.en.contains("abc"));
    }

    #[test]
    fn date_words_padding() {
        let w = |y, m, d| date_words(&PlanDate::Full(ymd(y, m, d)));
        assert_eq!(w(2024, 1, 5), "ngày 05 tháng 01 năm 2024");
        assert_eq!(w(2024, 6, 13), "ngày 13 tháng 6 năm 2024");
        assert_eq!(w(2020, 3, 5), "ngày 05 tháng 3 năm 2020");
        assert_eq!(w(2019, 6, 29), "ngày 29 tháng 6 năm 2019");
        assert_eq!(w(2024, 2, 29), "ngày 29 tháng 02 năm 2024");
        assert_eq!(w(2024, 12, 31), "ngày 31 tháng 12 năm 2024");
        for d in 1..=9 {
            assert!(w(2024, 10, d).starts_with(&format!("ngày 0{d} tháng 10 ")));
        }
        assert!(w(2024, 10, 10).starts_with("ngày 10 tháng 10 "));
        for m in 1..=2 {
            assert!(w(2024, m, 15).contains(&format!(" tháng 0{m} ")));
        }
        for m in 3..=12 {
            assert!(w(2024, m, 15).contains(&format!(" tháng {m} ")));
        }
    }

    #[test]
    fn date_words_drafts() {
        assert_eq!(
            date_words(&PlanDate::YearMonth {
                year: 2022,
                month: 9
            }),
            "ngày     tháng 9 năm 2022"
        );
        assert_eq!(
            date_words(&PlanDate::YearMonth {
                year: 2022,
                month: 1
            }),
            "ngày     tháng 01 năm 2022"
        );
        assert_eq!(
            date_words(&PlanDate::Year(2022)),
            "ngày     tháng     năm 2022"
        );
        assert_eq!(
            date_words(&PlanDate::Blank),
            "ngày     tháng     năm       "
        );
        assert_eq!(
            place_date("Vĩnh Phúc", &PlanDate::Full(ymd(2024, 6, 13))),
            "Vĩnh Phúc, ngày 13 tháng 6 năm 2024"
        );
        assert_eq!(PlanDate::Blank.year(), None);
        assert_eq!(PlanDate::Year(2022).year(), Some(2022));
    }

    #[test]
    fn numbers() {
        assert_eq!(doc_number(5), "05");
        assert_eq!(doc_number(10), "10");
        assert_eq!(doc_number(152), "152");
        assert_eq!(number_line(Some(5), "KH-UBND"), "Số: 05/KH-UBND");
        assert_eq!(number_line(Some(152), "KH-UBND"), "Số: 152/KH-UBND");
        let blank = number_line(None, "KH-UBND");
        assert_eq!(blank, "Số:      /KH-UBND");
        let spaces = blank["Số:".len()..]
            .chars()
            .take_while(|c| *c == ' ')
            .count();
        assert!(spaces >= 6);
    }

    #[test]
    fn doc_kinds() {
        let k = doc_kind("ke-hoach").unwrap();
        assert_eq!(
            (k.title_upper, k.name, k.abbrev),
            ("KẾ HOẠCH", "Kế hoạch", "KH")
        );
        let pairs = [
            ("bao-cao", "BC"),
            ("quyet-dinh", "QĐ"),
            ("chuong-trinh", "CTr"),
            ("thong-bao", "TB"),
            ("huong-dan", "HD"),
            ("phuong-an", "PA"),
            ("de-an", "ĐA"),
            ("to-trinh", "TTr"),
        ];
        for (slug, abbrev) in pairs {
            let k = doc_kind(slug).unwrap();
            assert_eq!(k.abbrev, abbrev);
            assert_eq!(upper(k.name), k.title_upper);
        }
        for slug in doc_kind_slugs() {
            let k = doc_kind(slug).unwrap();
            assert_eq!(upper(k.name), k.title_upper, "{slug}");
        }
        assert_eq!(doc_kind("cong-van"), None);
        assert_eq!(doc_kind(""), None);
    }

    #[test]
    fn deadlines() {
        let k = |s: &str| parse_deadline(s).kind;
        assert_eq!(k("15/12/2024"), DeadlineKind::Date(ymd(2024, 12, 15)));
        assert_eq!(k("2024-12-15"), DeadlineKind::Date(ymd(2024, 12, 15)));
        assert_eq!(k("Ngày 15/12/2024"), DeadlineKind::Date(ymd(2024, 12, 15)));
        assert_eq!(
            k("ngày 15 tháng 12 năm 2024"),
            DeadlineKind::Date(ymd(2024, 12, 15))
        );
        assert_eq!(
            k("Trước ngày 05 tháng 01 năm 2025"),
            DeadlineKind::Before(ymd(2025, 1, 5))
        );
        assert_eq!(k("ngày 31 tháng 02 năm 2025"), DeadlineKind::Free);
        assert_eq!(k("2022-2025"), DeadlineKind::Free);
        assert_eq!(k("15/12"), DeadlineKind::Free);
        assert_eq!(
            k("12/2024"),
            DeadlineKind::Month {
                month: 12,
                year: 2024
            }
        );
        assert_eq!(
            k("trước ngày 15/12/2024"),
            DeadlineKind::Before(ymd(2024, 12, 15))
        );
        assert_eq!(
            k("Trước ngày 15/12/2024."),
            DeadlineKind::Before(ymd(2024, 12, 15))
        );
        assert_eq!(
            k("Chậm nhất 30/6/2024"),
            DeadlineKind::Before(ymd(2024, 6, 30))
        );
        let q3 = DeadlineKind::Quarter {
            quarter: 3,
            year: 2024,
        };
        assert_eq!(k("Quý III/2024"), q3);
        assert_eq!(k("quý 3/2024"), q3);
        assert_eq!(k("Trong quý III năm 2024"), q3);
        assert_eq!(k("Quý V/2024"), DeadlineKind::Free);
        assert_eq!(
            k("tháng 6/2024"),
            DeadlineKind::Month {
                month: 6,
                year: 2024
            }
        );
        assert_eq!(
            k("Tháng 06 năm 2024"),
            DeadlineKind::Month {
                month: 6,
                year: 2024
            }
        );
        assert_eq!(k("tháng 13/2024"), DeadlineKind::Free);
        assert_eq!(k("Trong năm 2022"), DeadlineKind::Year(2022));
        assert_eq!(k("năm 2024"), DeadlineKind::Year(2024));
        assert_eq!(k("2024"), DeadlineKind::Year(2024));
        assert_eq!(k("Thường xuyên"), DeadlineKind::Regular);
        assert_eq!(k("thường xuyên trong năm"), DeadlineKind::Regular);
        assert_eq!(k("THƯỜNG XUYÊN"), DeadlineKind::Regular);
        assert_eq!(k("Năm 2022 và các năm tiếp theo"), DeadlineKind::Free);
        assert_eq!(k("31/02/2024"), DeadlineKind::Free);
        assert_eq!(k(""), DeadlineKind::Free);
        let d = parse_deadline("  Quý III/2024 ");
        assert_eq!(d.text, "  Quý III/2024 ");
        assert_eq!(d.year(), Some(2024));
        assert_eq!(parse_deadline("15/12/2024").year(), Some(2024));
        assert_eq!(parse_deadline("trước ngày 15/12/2025").year(), Some(2025));
        assert_eq!(parse_deadline("tháng 6/2023").year(), Some(2023));
        assert_eq!(parse_deadline("Trong năm 2022").year(), Some(2022));
        assert_eq!(parse_deadline("Thường xuyên").year(), None);
        assert_eq!(parse_deadline("Khi có yêu cầu").year(), None);
    }

    /// TCVN3 (ABC) bytes for Vietnamese letters, as Windows-1252 reads them.
    fn to_tcvn3(s: &str) -> String {
        const MAP: &[(char, char)] = &[
            ('ă', '\u{A8}'),
            ('â', '\u{A9}'),
            ('ê', '\u{AA}'),
            ('ô', '\u{AB}'),
            ('ơ', '\u{AC}'),
            ('ư', '\u{AD}'),
            ('đ', '\u{AE}'),
            ('Đ', '\u{A7}'),
            ('Ă', '\u{A1}'),
            ('Â', '\u{A2}'),
            ('Ê', '\u{A3}'),
            ('Ô', '\u{A4}'),
            ('Ơ', '\u{A5}'),
            ('Ư', '\u{A6}'),
            ('à', '\u{B5}'),
            ('ả', '\u{B6}'),
            ('ã', '\u{B7}'),
            ('á', '\u{B8}'),
            ('ạ', '\u{B9}'),
            ('ằ', '\u{BB}'),
            ('ẳ', '\u{BC}'),
            ('ẵ', '\u{BD}'),
            ('ắ', '\u{BE}'),
            ('ặ', '\u{C6}'),
            ('ầ', '\u{C7}'),
            ('ẩ', '\u{C8}'),
            ('ẫ', '\u{C9}'),
            ('ấ', '\u{CA}'),
            ('ậ', '\u{CB}'),
            ('è', '\u{CC}'),
            ('ẻ', '\u{CE}'),
            ('ẽ', '\u{CF}'),
            ('é', '\u{D0}'),
            ('ẹ', '\u{D1}'),
            ('ề', '\u{D2}'),
            ('ể', '\u{D3}'),
            ('ễ', '\u{D4}'),
            ('ế', '\u{D5}'),
            ('ệ', '\u{D6}'),
            ('ì', '\u{D7}'),
            ('ỉ', '\u{D8}'),
            ('ĩ', '\u{DC}'),
            ('í', '\u{DD}'),
            ('ị', '\u{DE}'),
            ('ò', '\u{DF}'),
            ('ỏ', '\u{E1}'),
            ('õ', '\u{E2}'),
            ('ó', '\u{E3}'),
            ('ọ', '\u{E4}'),
            ('ồ', '\u{E5}'),
            ('ổ', '\u{E6}'),
            ('ỗ', '\u{E7}'),
            ('ố', '\u{E8}'),
            ('ộ', '\u{E9}'),
            ('ờ', '\u{EA}'),
            ('ở', '\u{EB}'),
            ('ỡ', '\u{EC}'),
            ('ớ', '\u{ED}'),
            ('ợ', '\u{EE}'),
            ('ù', '\u{EF}'),
            ('ủ', '\u{F1}'),
            ('ũ', '\u{F2}'),
            ('ú', '\u{F3}'),
            ('ụ', '\u{F4}'),
            ('ừ', '\u{F5}'),
            ('ử', '\u{F6}'),
            ('ữ', '\u{F7}'),
            ('ứ', '\u{F8}'),
            ('ự', '\u{F9}'),
            ('ỳ', '\u{FA}'),
            ('ỷ', '\u{FB}'),
            ('ỹ', '\u{FC}'),
            ('ý', '\u{FD}'),
            ('ỵ', '\u{FE}'),
        ];
        nfc(s)
            .chars()
            .map(|c| MAP.iter().find(|(u, _)| *u == c).map_or(c, |(_, t)| *t))
            .collect()
    }

    /// VNI-Windows: base letter plus mark bytes, as Windows-1252 reads them.
    fn to_vni(s: &str) -> String {
        let mut out = String::new();
        for c in nfc(s).chars() {
            let upper = c.is_uppercase();
            let lc = c.to_lowercase().next().unwrap();
            let nfd: Vec<char> = lc.nfd().collect();
            let base = nfd[0];
            let marks: Vec<char> = nfd[1..].to_vec();
            let tone = marks
                .iter()
                .copied()
                .find(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'));
            let circ = marks.contains(&'\u{302}');
            let breve = marks.contains(&'\u{306}');
            let horn = marks.contains(&'\u{31B}');
            let mut piece = String::new();
            if lc == 'đ' {
                piece.push('ñ');
            } else if base == 'i' && tone.is_some() {
                piece.push(match tone.unwrap() {
                    '\u{301}' => 'í',
                    '\u{300}' => 'ì',
                    '\u{309}' => 'æ',
                    '\u{303}' => 'ó',
                    _ => 'ò',
                });
            } else if horn {
                piece.push(if base == 'o' { 'ô' } else { 'ö' });
                if let Some(t) = tone {
                    piece.push(vni_tone_char(t));
                }
            } else if circ {
                piece.push(base);
                piece.push(match tone {
                    None => 'â',
                    Some('\u{301}') => 'á',
                    Some('\u{300}') => 'à',
                    Some('\u{309}') => 'å',
                    Some('\u{303}') => 'ã',
                    Some(_) => 'ä',
                });
            } else if breve {
                piece.push(base);
                piece.push(match tone {
                    None => 'ê',
                    Some('\u{301}') => 'é',
                    Some('\u{300}') => 'è',
                    Some('\u{309}') => 'ú',
                    Some('\u{303}') => 'ü',
                    Some(_) => 'ë',
                });
            } else {
                piece.push(base);
                if let Some(t) = tone {
                    piece.push(vni_tone_char(t));
                }
            }
            if upper {
                piece = piece.to_uppercase();
            }
            out.push_str(&piece);
        }
        out
    }

    fn vni_tone_char(t: char) -> char {
        match t {
            '\u{301}' => 'ù',
            '\u{300}' => 'ø',
            '\u{309}' => 'û',
            '\u{303}' => 'õ',
            _ => 'ï',
        }
    }

    #[test]
    fn legacy_mappers_match_known_samples() {
        assert_eq!(to_tcvn3("Kế hoạch"), "KÕ ho¹ch");
        assert_eq!(to_tcvn3("Phát triển"), "Ph¸t triÓn");
        assert_eq!(to_tcvn3("Việt Nam"), "ViÖt Nam");
        assert_eq!(to_vni("Kế hoạch"), "Keá hoaïch");
        assert_eq!(to_vni("Việt Nam"), "Vieät Nam");
        assert_eq!(to_vni("Phát triển"), "Phaùt trieån");
        assert_eq!(to_vni("người"), "ngöôøi");
        assert_eq!(to_vni("Đảng ủy"), "Ñaûng uûy");
    }

    const SAMPLE: &str = "Kế hoạch phát triển kinh tế - xã hội năm 2024 của tỉnh Vĩnh Phúc. \
        Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện nhiệm vụ cải cách hành chính, \
        nâng cao chất lượng phục vụ người dân và doanh nghiệp; tổ chức kiểm tra, \
        đánh giá kết quả thực hiện trước ngày 15/12/2024.";

    #[test]
    fn detects_tcvn3() {
        assert_eq!(detect_legacy("KÕ ho¹ch"), Some(LegacyEncoding::Tcvn3));
        assert_eq!(detect_legacy("Ph¸t triÓn"), Some(LegacyEncoding::Tcvn3));
        assert_eq!(detect_legacy("ViÖt Nam"), Some(LegacyEncoding::Tcvn3));
        assert_eq!(
            detect_legacy(&to_tcvn3(SAMPLE)),
            Some(LegacyEncoding::Tcvn3)
        );
        for line in SAMPLE.split(['.', ';', ',']) {
            let enc = to_tcvn3(line);
            if enc != line {
                assert_eq!(detect_legacy(&enc), Some(LegacyEncoding::Tcvn3), "{enc}");
            }
        }
    }

    #[test]
    fn detects_vni() {
        assert_eq!(detect_legacy("Keá hoaïch"), Some(LegacyEncoding::Vni));
        assert_eq!(detect_legacy("Vieät Nam"), Some(LegacyEncoding::Vni));
        assert_eq!(detect_legacy("Phaùt trieån"), Some(LegacyEncoding::Vni));
        assert_eq!(detect_legacy(&to_vni(SAMPLE)), Some(LegacyEncoding::Vni));
        assert_eq!(
            detect_legacy(&to_vni(&upper(SAMPLE))),
            Some(LegacyEncoding::Vni)
        );
        for line in SAMPLE.split(['.', ';', ',']) {
            let enc = to_vni(line);
            if enc != line {
                assert_eq!(detect_legacy(&enc), Some(LegacyEncoding::Vni), "{enc}");
            }
        }
    }

    #[test]
    fn unicode_text_is_not_legacy() {
        assert_eq!(detect_legacy(SAMPLE), None);
        assert_eq!(detect_legacy(&upper(SAMPLE)), None);
        for w in [
            "Kế hoạch",
            "Việt Nam",
            "văn hoá",
            "hoà bình",
            "Hòa Bình",
            "quân sự",
            "quê hương",
            "buôn làng",
            "tuý",
            "VĂN HOÁ THÔNG TIN",
            "Sở Tài chính © 2024",
            "« Kế hoạch »",
            "",
            "2024",
        ] {
            assert_eq!(detect_legacy(w), None, "{w}");
        }
        assert_eq!(detect_legacy("Ông Müller phát biểu"), None);
        assert_eq!(detect_legacy("Đoàn công tác Microsoft® và µm"), None);
        assert_eq!(detect_legacy("Căn cứ Luật¹ và «Kế hoạch»"), None);
        assert_eq!(detect_legacy("hệ số 1.15×cỡ chữ"), None);
        // One foreign name in a long text does not make it legacy.
        let mixed = format!("{SAMPLE} Chuyên gia Müller tham dự.");
        assert_eq!(detect_legacy(&mixed), None);
    }

    fn reference_dir() -> Option<PathBuf> {
        let rel = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference");
        if rel.is_dir() {
            return Some(rel);
        }
        let abs = PathBuf::from("/work/shared/reference");
        abs.is_dir().then_some(abs)
    }

    #[test]
    fn reference_texts_are_not_legacy() {
        let Some(dir) = reference_dir() else {
            println!("note: reference texts not found; test skipped");
            return;
        };
        let mut files = 0;
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        entries.sort();
        for path in entries {
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(detect_legacy(&text), None, "{}", path.display());
            for (i, line) in text.lines().enumerate() {
                assert_eq!(
                    detect_legacy(line),
                    None,
                    "{}:{}: {line}",
                    path.display(),
                    i + 1
                );
            }
            // The same text in a legacy encoding is recognised, as a whole
            // and line by line (lines of four words or more).
            assert_eq!(detect_legacy(&to_tcvn3(&text)), Some(LegacyEncoding::Tcvn3));
            assert_eq!(detect_legacy(&to_vni(&text)), Some(LegacyEncoding::Vni));
            let (mut lines, mut tcvn_hits, mut vni_hits) = (0, 0, 0);
            for line in text.lines() {
                let words = line
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphabetic));
                // Upper-case toned letters have no TCVN3 code in the base
                // fonts, so mixed lines are not fair samples.
                let upper_toned = line.chars().any(|c| c.is_uppercase() && !c.is_ascii());
                if words.count() < 4 || upper_toned || to_tcvn3(line) == line {
                    continue;
                }
                lines += 1;
                match detect_legacy(&to_tcvn3(line)) {
                    Some(LegacyEncoding::Tcvn3) => tcvn_hits += 1,
                    Some(LegacyEncoding::Vni) => panic!("TCVN3 read as VNI: {line}"),
                    None => {}
                }
                match detect_legacy(&to_vni(line)) {
                    Some(LegacyEncoding::Vni) => vni_hits += 1,
                    Some(LegacyEncoding::Tcvn3) => panic!("VNI read as TCVN3: {line}"),
                    None => {}
                }
            }
            println!(
                "{}: {lines} lines, TCVN3 {tcvn_hits}, VNI {vni_hits}",
                path.display()
            );
            assert!(lines >= 20, "{}", path.display());
            assert!(tcvn_hits * 100 >= lines * 95, "TCVN3 {tcvn_hits}/{lines}");
            assert!(vni_hits * 100 >= lines * 95, "VNI {vni_hits}/{lines}");
            files += 1;
        }
        assert_eq!(files, 3);
    }

    #[test]
    fn forbidden_chars() {
        assert_eq!(forbidden_char("Kế hoạch\tnăm\r\n2024"), None);
        assert_eq!(forbidden_char("ab\u{0}c"), Some((2, '\u{0}')));
        assert_eq!(forbidden_char("Việt\u{1B}"), Some((4, '\u{1B}')));
        assert_eq!(forbidden_char("x\u{7F}"), Some((1, '\u{7F}')));
        assert_eq!(forbidden_char("đ\u{85}"), Some((1, '\u{85}')));
        assert_eq!(forbidden_char("a\u{9F}"), Some((1, '\u{9F}')));
        assert_eq!(forbidden_char("ký\u{E000}"), Some((2, '\u{E000}')));
        assert_eq!(forbidden_char("\u{F8FF}"), Some((0, '\u{F8FF}')));
        assert_eq!(forbidden_char("a\u{F0000}"), Some((1, '\u{F0000}')));
        assert_eq!(forbidden_char("a\u{10FFFD}"), Some((1, '\u{10FFFD}')));
        assert_eq!(forbidden_char("lỗi\u{FFFD}"), Some((3, '\u{FFFD}')));
        assert_eq!(forbidden_char("a\u{A0}b\u{AD}c–d"), None);
    }
}
