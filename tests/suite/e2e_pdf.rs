//! End-to-end PDF checks on the three reference plans: the native PDF is written, read back with poppler and qpdf, and its layout is checked against the spec's rules (§17).

use crate::support::e2e;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use e2e::*;
use kehoach::doc::{Block, RowKind};
use kehoach::fonts::FontSet;
use kehoach::pdf::layout::{Page, Role, Text};
use kehoach::pdf::{self, PdfOptions};

/// One plan's PDF: its file, bytes and the layout it was written from.
struct Out {
    path: PathBuf,
    bytes: Vec<u8>,
    pages: Vec<Page>,
}

fn outs() -> &'static Vec<Out> {
    static O: OnceLock<Vec<Out>> = OnceLock::new();
    O.get_or_init(|| {
        refs()
            .iter()
            .map(|r| {
                let fonts = FontSet::embedded();
                let bytes = pdf::write(&r.doc, fonts, &PdfOptions::default())
                    .unwrap_or_else(|e| panic!("{}: PDF writes: {e}", r.name));
                let path = std::env::temp_dir().join(format!(
                    "kehoach-e2e-{}-{}.pdf",
                    r.name,
                    std::process::id()
                ));
                std::fs::write(&path, &bytes).unwrap();
                Out {
                    path,
                    bytes,
                    pages: pdf::layout(&r.doc, fonts),
                }
            })
            .collect()
    })
}

/// Whether a poppler/qpdf tool can run here; CI installs them, a developer
/// machine may not have them.
fn have(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    if !ok {
        eprintln!("note: {tool} not installed; PDF read-back check skipped");
    }
    ok
}

fn run(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd).args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// Words of one page as pdftotext reads them, without the page number.
fn page_words(o: &Out, i: usize) -> Vec<String> {
    let n = (i + 1).to_string();
    let (ok, s) = run(
        "pdftotext",
        &[
            "-raw",
            "-enc",
            "UTF-8",
            "-f",
            &n,
            "-l",
            &n,
            o.path.to_str().unwrap(),
            "-",
        ],
    );
    assert!(ok, "pdftotext failed: {s}");
    let mut w = words(&s);
    if let Some(num) = o.pages[i].number {
        let num = num.to_string();
        let at = if w.first() == Some(&num) {
            0
        } else {
            w.len() - 1
        };
        assert_eq!(
            w[at],
            num,
            "page {} number {num} not at the top or end",
            i + 1
        );
        w.remove(at);
    }
    w
}

/// Words of every page of section `s`, in page order.
fn section_words(o: &Out, s: usize) -> Vec<String> {
    (0..o.pages.len())
        .filter(|i| o.pages[*i].section == s)
        .flat_map(|i| page_words(o, i))
        .collect()
}

/// The first table of a section (an appendix's data table).
fn first_table(section: &kehoach::doc::Section) -> Option<&kehoach::doc::Table> {
    section.blocks.iter().find_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    })
}

/// Words of the text view, one list per document section.
fn view_sections(r: &Ref) -> Vec<Vec<String>> {
    nfc(&kehoach::compose::to_text(&r.doc))
        .split("\n=====")
        .map(|s| {
            words(s)
                .into_iter()
                .filter(|w| w != "}" && !w.chars().all(|c| c == '='))
                .collect()
        })
        .collect()
}

fn multiset(ws: &[String]) -> BTreeMap<&str, i64> {
    let mut m = BTreeMap::new();
    for w in ws {
        *m.entry(w.as_str()).or_insert(0) += 1;
    }
    m
}

/// Differences of two word multisets (positive: only in `a`).
fn diff<'a>(a: &'a [String], b: &'a [String]) -> Vec<(&'a str, i64)> {
    let mut m = multiset(a);
    for (w, n) in multiset(b) {
        *m.entry(w).or_insert(0) -= n;
    }
    m.into_iter().filter(|(_, n)| *n != 0).collect()
}

#[test]
fn vietnamese_text_round_trips_body_in_order_appendices_as_multisets() {
    if !have("pdftotext") {
        return;
    }
    for (r, o) in refs().iter().zip(outs()) {
        let view = view_sections(r);
        assert_eq!(
            view.len(),
            r.doc.sections.len(),
            "{}: text view sections",
            r.name
        );
        for (s, want) in view.iter().enumerate() {
            let got = section_words(o, s);
            // Nothing is lost; extra words come only from header rows and
            // merged-cell labels repeated on each further page of a table.
            let d = diff(&got, want);
            let lost: Vec<_> = d.iter().filter(|(_, n)| *n < 0).collect();
            assert!(
                lost.is_empty(),
                "{} section {s}: words missing from the PDF: {lost:?}",
                r.name
            );
            let repeatable = repeatable_words(&r.doc.sections[s]);
            let pages = o.pages.iter().filter(|p| p.section == s).count() as i64;
            for (w, n) in &d {
                let per_page = repeatable.get(*w).copied().unwrap_or(0);
                assert!(
                    *n <= per_page * (pages - 1),
                    "{} section {s}: {w:?} printed {n}× more than in the text",
                    r.name
                );
            }
            if s == 0 {
                // The flowing body, from the title to the end marker, reads in order.
                let from = |ws: &[String]| ws.iter().position(|w| w == "HOẠCH").unwrap();
                let to = |ws: &[String]| ws.iter().position(|w| w.ends_with("./.")).unwrap();
                let (g, w) = (&got[from(&got)..=to(&got)], &want[from(want)..=to(want)]);
                if let Some(k) = (0..g.len().min(w.len())).find(|k| g[*k] != w[*k]) {
                    panic!(
                        "{}: body word {k}: pdf {:?} vs text {:?}",
                        r.name,
                        &g[k..(k + 8).min(g.len())],
                        &w[k..(k + 8).min(w.len())]
                    );
                }
                assert_eq!(g.len(), w.len(), "{}: body word count", r.name);
            }
        }
    }
}

/// Words a table may print again on each page it continues on: its header
/// rows and its merged (row-spanning) cells.
fn repeatable_words(section: &kehoach::doc::Section) -> BTreeMap<String, i64> {
    let mut m = BTreeMap::new();
    for b in &section.blocks {
        if let Block::Table(t) = b {
            let cells = t.header_rows.iter().flat_map(|r| &r.cells).chain(
                t.body_rows
                    .iter()
                    .flat_map(|r| r.cells.iter().filter(|c| c.rowspan > 1)),
            );
            for c in cells {
                for p in &c.paragraphs {
                    for w in words(&p.text()) {
                        *m.entry(w).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    m
}

#[test]
fn every_appendix_table_row_is_printed() {
    if !have("pdftotext") {
        return;
    }
    for (r, o) in refs().iter().zip(outs()) {
        for (s, section) in r.doc.sections.iter().enumerate().skip(1) {
            let Some(table) = first_table(section) else {
                continue;
            };
            let bang = r.plan.phu_luc[s - 1].bang.as_ref().unwrap();
            let body: Vec<_> = table
                .body_rows
                .iter()
                .filter(|row| row.kind != RowKind::Total)
                .collect();
            assert_eq!(
                body.len(),
                plan_rows(&bang.dong),
                "{} appendix {s}: rows composed",
                r.name
            );
            let got = section_words(o, s);
            let have = multiset(&got);
            let mut want: BTreeMap<String, i64> = BTreeMap::new();
            for row in &body {
                let stt = row
                    .cells
                    .iter()
                    .find(|c| c.col == 0)
                    .map(|c| c.paragraphs.iter().map(|p| p.text()).collect::<String>());
                if let Some(stt) = stt.filter(|t| !t.trim().is_empty()) {
                    *want.entry(nfc(stt.trim())).or_insert(0) += 1;
                }
            }
            assert!(
                want.values().sum::<i64>() as usize * 2 >= body.len(),
                "{}: few STT values",
                r.name
            );
            for (stt, n) in &want {
                let found = have.get(stt.as_str()).copied().unwrap_or(0);
                assert!(
                    found >= *n,
                    "{} appendix {s}: STT {stt} printed {found}×, {n} rows",
                    r.name
                );
            }
        }
    }
}

#[test]
fn r04_r41_fonts_are_embedded_liberation_serif_subsets_with_tounicode() {
    if !have("pdffonts") {
        return;
    }
    for (r, o) in refs().iter().zip(outs()) {
        let (ok, s) = run("pdffonts", &[o.path.to_str().unwrap()]);
        assert!(ok, "{}: pdffonts: {s}", r.name);
        let mut faces = Vec::new();
        for line in s.lines().skip(2) {
            let f: Vec<&str> = line.split_whitespace().collect();
            let (name, n) = (f[0], f.len());
            // Columns from the end: emb sub uni objnum gen.
            assert_eq!(
                &f[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "{}: {line}",
                r.name
            );
            let (tag, base) = name
                .split_once('+')
                .unwrap_or_else(|| panic!("{}: {name} not a subset", r.name));
            assert!(
                tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
                "{}: subset tag {tag}",
                r.name
            );
            faces.push(base.to_string());
        }
        faces.sort();
        faces.dedup();
        for f in &faces {
            assert!(
                [
                    "LiberationSerif",
                    "LiberationSerif-Bold",
                    "LiberationSerif-Italic",
                    "LiberationSerif-BoldItalic"
                ]
                .contains(&f.as_str()),
                "{}: unexpected face {f}",
                r.name
            );
        }
        for need in [
            "LiberationSerif",
            "LiberationSerif-Bold",
            "LiberationSerif-Italic",
        ] {
            assert!(
                faces.iter().any(|f| f == need),
                "{}: {need} missing",
                r.name
            );
        }
    }
}

#[test]
fn qpdf_check_passes() {
    if !have("qpdf") {
        return;
    }
    for (r, o) in refs().iter().zip(outs()) {
        let (ok, s) = run("qpdf", &["--check", o.path.to_str().unwrap()]);
        assert!(
            ok && s.contains("No syntax or stream encoding errors"),
            "{}: {s}",
            r.name
        );
    }
}

#[test]
fn r01_r02_r41_version_a4_pages_in_their_orientation_and_the_page_count() {
    if !have("pdfinfo") {
        return;
    }
    for (r, o) in refs().iter().zip(outs()) {
        let n = o.pages.len().to_string();
        let (ok, s) = run("pdfinfo", &["-f", "1", "-l", &n, o.path.to_str().unwrap()]);
        assert!(ok, "{}: {s}", r.name);
        let field = |k: &str| {
            s.lines()
                .find_map(|l| l.strip_prefix(k))
                .map(str::trim)
                .unwrap()
                .to_string()
        };
        let version: f32 = field("PDF version:").parse().unwrap();
        assert!(version >= 1.4, "{}: PDF {version}", r.name);
        assert_eq!(field("Pages:"), n, "{}: page count = layout pages", r.name);
        assert_eq!(field("Encrypted:"), "no", "{}: R41 no encryption", r.name);
        let sizes: Vec<(f32, f32)> = s
            .lines()
            .filter(|l| l.starts_with("Page") && l.contains(" size:"))
            .map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                (f[3].parse().unwrap(), f[5].parse().unwrap())
            })
            .collect();
        assert_eq!(sizes.len(), o.pages.len());
        for (i, ((w, h), p)) in sizes.iter().zip(&o.pages).enumerate() {
            let landscape = p.section > 0 && appendix_landscape(&r.plan, p.section - 1);
            let (ew, eh) = if landscape {
                (841.89, 595.276)
            } else {
                (595.276, 841.89)
            };
            assert!(
                (w - ew).abs() < 1.0 && (h - eh).abs() < 1.0,
                "{} page {}: {w}×{h}",
                r.name,
                i + 1
            );
        }
        assert_eq!(o.pages[0].section, 0);
        assert!(
            o.pages[0].width_pt < o.pages[0].height_pt,
            "{}: R02 page 1 portrait",
            r.name
        );
    }
}

#[test]
fn the_same_plan_twice_gives_identical_bytes() {
    for (r, o) in refs().iter().zip(outs()) {
        let again = kehoach::compose::compose(&r.plan, r.name, &Default::default()).unwrap();
        let bytes = pdf::write(&again, FontSet::embedded(), &PdfOptions::default()).unwrap();
        assert!(bytes == o.bytes, "{}: deterministic PDF", r.name);
    }
}

const PT_PER_MM: f32 = 72.0 / 25.4;

/// Content lines of a page: text items grouped by baseline.
fn lines_of(p: &Page) -> Vec<Vec<&Text>> {
    let mut v: Vec<Vec<&Text>> = Vec::new();
    for t in p.texts().filter(|t| t.role == Role::Content) {
        match v.iter_mut().find(|l| (l[0].y - t.y).abs() < 0.01) {
            Some(l) => l.push(t),
            None => v.push(vec![t]),
        }
    }
    v
}

#[test]
fn r03_r07_body_lines_start_at_the_left_margin_and_end_at_the_right() {
    for (r, o) in refs().iter().zip(outs()) {
        let setup = r.doc.sections[0].page;
        let left = setup.margin_left_mm * PT_PER_MM;
        assert!((left - 85.04).abs() < 0.5, "{}: left margin {left}", r.name);
        let indent = left + 12.7 * PT_PER_MM;
        let right = (setup.width_mm - setup.margin_right_mm) * PT_PER_MM;
        let (mut justified, mut flush) = (0, 0);
        // The header table may reach into the margins (Mẫu 1.4, spec §4.5):
        // lines above the title are not body lines.
        let title_y = o.pages[0]
            .texts()
            .find(|t| t.text == "KẾ HOẠCH")
            .expect("title")
            .y;
        for (pi, p) in o.pages.iter().enumerate().filter(|(_, p)| p.section == 0) {
            for l in lines_of(p)
                .into_iter()
                .filter(|l| pi > 0 || l[0].y >= title_y)
            {
                let first = l.iter().map(|t| t.x).fold(f32::MAX, f32::min);
                let end = l.iter().map(|t| t.x + t.width).fold(0.0, f32::max);
                assert!(
                    end <= right + 0.5,
                    "{}: text beyond the right margin at {end}: {:?}",
                    r.name,
                    l.iter().map(|t| &t.text).collect::<Vec<_>>()
                );
                if l.iter().all(|t| t.size_pt == 14.0) && l.iter().any(|t| t.word_spacing > 0.0) {
                    justified += 1;
                    assert!(
                        (end - right).abs() <= 0.5,
                        "{}: justified line ends at {end}",
                        r.name
                    );
                    assert!(
                        (first - left).abs() <= 0.5 || (first - indent).abs() <= 0.5,
                        "{}: justified line starts at {first}",
                        r.name
                    );
                    flush += usize::from((first - left).abs() <= 0.5);
                }
            }
        }
        assert!(
            justified > 100,
            "{}: only {justified} justified lines",
            r.name
        );
        assert!(
            flush > 50,
            "{}: only {flush} lines at the left margin",
            r.name
        );
    }
}

#[test]
fn r10_r11_page_numbers_top_centre_from_the_second_page_of_each_section() {
    for (r, o) in refs().iter().zip(outs()) {
        for (s, section) in r.doc.sections.iter().enumerate() {
            let sp: Vec<&Page> = o.pages.iter().filter(|p| p.section == s).collect();
            assert!(!sp.is_empty(), "{}: section {s} has pages", r.name);
            let setup = section.page;
            let top = setup.margin_top_mm * PT_PER_MM;
            let centre = (setup.margin_left_mm + setup.text_width_mm() / 2.0) * PT_PER_MM;
            for (i, p) in sp.iter().enumerate() {
                let nums: Vec<&Text> = p.texts().filter(|t| t.role == Role::PageNumber).collect();
                if i == 0 {
                    assert!(
                        nums.is_empty() && p.number.is_none(),
                        "{} section {s}: number on page 1",
                        r.name
                    );
                    continue;
                }
                assert_eq!(
                    p.number,
                    Some(i as u32 + 1),
                    "{} section {s} page {}",
                    r.name,
                    i + 1
                );
                assert_eq!(nums.len(), 1);
                let t = nums[0];
                assert_eq!(t.text, (i + 1).to_string());
                assert!(t.y < top, "{}: number below the top margin", r.name);
                assert!(
                    (t.x + t.width / 2.0 - centre).abs() < 0.5,
                    "{}: number not centred",
                    r.name
                );
                assert!(
                    matches!(t.size_pt, 13.0..=14.0),
                    "{}: number size {}",
                    r.name,
                    t.size_pt
                );
            }
        }
    }
}

/// The rules under the agency name, the tiêu ngữ and the trích yếu (R14,
/// R16, R21) sit below the line they underline, clear of its descenders
/// (Liberation Serif descends 0.216 em), not through the glyphs.
#[test]
fn r14_r16_r21_rules_clear_the_descenders_of_the_text_above() {
    use kehoach::pdf::layout::Item;
    for (r, o) in refs().iter().zip(outs()) {
        let p = &o.pages[0];
        // Rules above the first justified body line belong to the header and title.
        let body_y = p
            .texts()
            .find(|t| t.word_spacing > 0.0)
            .expect("a body line")
            .y;
        let mut seen = 0;
        for l in p.items.iter().filter_map(|i| match i {
            Item::Line(l) if (l.y1 - l.y2).abs() < 0.01 && l.y1 < body_y => Some(l),
            _ => None,
        }) {
            // The nearest text line above the rule, overlapping it horizontally.
            let t = p
                .texts()
                .filter(|t| t.y <= l.y1 && t.x < l.x2 && t.x + t.width > l.x1)
                .max_by(|a, b| a.y.total_cmp(&b.y))
                .expect("text above a rule");
            seen += 1;
            let descent = 0.216 * t.size_pt;
            assert!(
                l.y1 - l.thickness_pt / 2.0 >= t.y + descent,
                "{}: rule at {:.1} crosses the descenders of {:?} (baseline {:.1})",
                r.name,
                l.y1,
                t.text,
                t.y
            );
            // …and above the next line of text.
            if let Some(n) = p
                .texts()
                .filter(|n| n.y > l.y1)
                .min_by(|a, b| a.y.total_cmp(&b.y))
            {
                assert!(
                    n.y - 0.75 * n.size_pt >= l.y1,
                    "{}: rule touches {:?}",
                    r.name,
                    n.text
                );
            }
        }
        assert_eq!(seen, 3, "{}: agency, tiêu ngữ and trích yếu rules", r.name);
    }
}

/// Table cells keep their padding on all four sides in the PDF as in the
/// DOCX (`w:tblCellMar` top/bottom = the model's `cell_padding_mm`), so
/// stacked Vietnamese marks (Ễ, Ỗ) never touch the row border above and
/// descenders never touch the one below.
#[test]
fn table_cells_are_padded_top_and_bottom_like_the_docx() {
    use kehoach::pdf::layout::Item;
    for (r, o) in refs().iter().zip(outs()) {
        for (s, section) in r.doc.sections.iter().enumerate().skip(1) {
            let Some(table) = first_table(section) else {
                continue;
            };
            let pad = table.cell_padding_mm * PT_PER_MM;
            let mut worst = f32::MAX;
            for p in o.pages.iter().filter(|p| p.section == s) {
                let rects: Vec<_> = p
                    .items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Rect(b) => Some(b),
                        _ => None,
                    })
                    .collect();
                for t in p.texts().filter(|t| t.role == Role::Content) {
                    let cell = rects
                        .iter()
                        .filter(|b| {
                            t.x >= b.x && t.x < b.x + b.width && t.y > b.y && t.y < b.y + b.height
                        })
                        .min_by(|a, b| (a.width * a.height).total_cmp(&(b.width * b.height)));
                    if let Some(b) = cell {
                        // Space between the cell top and the top of the
                        // line box (ascent 0.891 em in Liberation Serif).
                        worst = worst.min(t.y - 0.891 * t.size_pt - b.y);
                    }
                }
            }
            assert!(
                worst >= pad - 0.5,
                "{} appendix {s}: {worst:.2} pt above the first line, padding {pad:.2} pt",
                r.name
            );
        }
    }
}

/// Top of the line box of a text item, from its baseline: Liberation Serif
/// puts the baseline at the line height less the descent (single spacing).
fn line_top(t: &Text) -> f32 {
    let f = FontSet::embedded().face(t.face);
    t.y - (f.line_height_pt(t.size_pt) - f.descent_pt(t.size_pt))
}

/// Bottom of a text item's descenders.
fn descent_bottom(t: &Text) -> f32 {
    t.y + FontSet::embedded().face(t.face).descent_pt(t.size_pt)
}

/// The first paragraph of each closing column (Nơi nhận on the left, the
/// authority line on the right) keeps its space before (12 pt from compose)
/// below the last line of the body, as the DOCX does.
#[test]
fn closing_columns_keep_the_space_before_their_first_paragraph() {
    for (r, o) in refs().iter().zip(outs()) {
        let closing = r.doc.sections[0]
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Closing(c) => Some(c),
                _ => None,
            })
            .expect("a closing block");
        let label = closing.label.text();
        let page = o
            .pages
            .iter()
            .find(|p| p.section == 0 && p.texts().any(|t| t.text == label))
            .unwrap_or_else(|| panic!("{}: {label:?} printed", r.name));
        let label_t = page.texts().find(|t| t.text == label).unwrap();
        let right_x = label_t.x + closing.left_width_mm * PT_PER_MM - 1.0;
        let first_word = closing.authority[0].text();
        let first_word = first_word.split_whitespace().next().unwrap();
        let auth_t = page
            .texts()
            .filter(|t| t.x >= right_x && t.text.starts_with(first_word))
            .min_by(|a, b| a.y.total_cmp(&b.y))
            .unwrap_or_else(|| panic!("{}: {first_word:?} in the signer column", r.name));
        let top = line_top(label_t).min(line_top(auth_t));
        let above = page
            .texts()
            .filter(|t| t.role == Role::Content && t.y < top)
            .map(descent_bottom)
            .fold(f32::MIN, f32::max);
        assert!(above > f32::MIN, "{}: the closing opens its page", r.name);
        for (what, t, para) in [
            ("Nơi nhận", label_t, &closing.label),
            ("signer", auth_t, &closing.authority[0]),
        ] {
            let before = para.format.space_before_pt;
            assert!(before >= 6.0, "{}: {what} space before {before}", r.name);
            let gap = line_top(t) - above;
            assert!(
                gap >= before - 0.05,
                "{}: {what} starts {gap:.2} pt below the body, space before {before} pt",
                r.name
            );
        }
    }
}

/// The rules under the agency name and the tiêu ngữ keep at least 3 pt of
/// clear space from the text above and below them (ô 2 and ô 1, spec §4.5).
#[test]
fn header_rules_keep_3pt_from_the_text_around_them() {
    use kehoach::pdf::layout::Item;
    for (r, o) in refs().iter().zip(outs()) {
        let p = &o.pages[0];
        let title_y = p.texts().find(|t| t.text == "KẾ HOẠCH").expect("title").y;
        let rules: Vec<_> = p
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Line(l) if (l.y1 - l.y2).abs() < 0.01 && l.y1 < title_y => Some(l),
                _ => None,
            })
            .collect();
        assert_eq!(rules.len(), 2, "{}: agency and tiêu ngữ rules", r.name);
        for l in rules {
            let over = |t: &&Text| t.x < l.x2 && t.x + t.width > l.x1;
            let above = p
                .texts()
                .filter(over)
                .filter(|t| t.y <= l.y1)
                .max_by(|a, b| a.y.total_cmp(&b.y))
                .expect("text above a rule");
            let clear = l.y1 - l.thickness_pt / 2.0 - descent_bottom(above);
            assert!(
                clear >= 3.0 - 0.01,
                "{}: {clear:.2} pt between {:?} and its rule",
                r.name,
                above.text
            );
            if let Some(below) = p
                .texts()
                .filter(over)
                .filter(|t| t.y > l.y1)
                .min_by(|a, b| a.y.total_cmp(&b.y))
            {
                let f = FontSet::embedded().face(below.face);
                let clear = below.y - f.ascent_pt(below.size_pt) - (l.y1 + l.thickness_pt / 2.0);
                assert!(
                    clear >= 3.0 - 0.01,
                    "{}: {clear:.2} pt between the rule and {:?}",
                    r.name,
                    below.text
                );
            }
        }
    }
}
