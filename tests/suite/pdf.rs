//! PDF writer: output read back with poppler and qpdf, and page geometry
//! asserted from the layout.

use crate::support::pdf_sample as sample;

use kehoach::doc::*;
use kehoach::fonts::{Face, FontSet};
use kehoach::pdf::layout::{Item, Page, Role};
use kehoach::pdf::{self, PdfOptions};
use std::path::{Path, PathBuf};
use std::process::Command;
use unicode_normalization::UnicodeNormalization;

fn write_tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("kehoach-pdf-test-{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} must be installed: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Text of pages `first..=last` (1-based) in content-stream order, NFC.
fn pdftext(path: &Path, first: usize, last: usize) -> String {
    let p = path.to_str().unwrap();
    let (f, l) = (first.to_string(), last.to_string());
    run("pdftotext", &["-raw", "-f", &f, "-l", &l, p, "-"])
        .nfc()
        .collect()
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(|w| w.nfc().collect()).collect()
}

fn main_only() -> Document {
    let mut d = sample::sample(0);
    d.sections.truncate(1);
    d
}

fn fonts() -> &'static FontSet {
    FontSet::embedded()
}

#[test]
fn extracted_text_has_the_paragraph_words_in_order() {
    let doc = main_only();
    let pages = pdf::layout(&doc, fonts());
    let bytes = pdf::write(&doc, fonts(), &PdfOptions::default()).unwrap();
    let path = write_tmp("words", &bytes);
    let text = pdftext(&path, 1, pages.len());
    // Drop the page-number line that opens every numbered page.
    let mut got = Vec::new();
    for (i, page) in text.split('\u{c}').enumerate().take(pages.len()) {
        let mut lines = page.lines();
        if let Some(n) = pages[i].number {
            assert_eq!(lines.next().map(str::trim), Some(n.to_string().as_str()));
        }
        for l in lines {
            got.extend(words(l));
        }
    }
    let expected: Vec<String> = sample::all_texts(&doc)
        .iter()
        .flat_map(|t| words(t))
        .collect();
    assert_eq!(got.len(), expected.len(), "word counts differ");
    for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert_eq!(g, e, "word {i} differs");
    }
}

#[test]
fn fonts_are_embedded_subsets_and_qpdf_accepts_the_file() {
    let doc = sample::sample(40);
    let bytes = pdf::write(&doc, fonts(), &PdfOptions::default()).unwrap();
    let path = write_tmp("fonts", &bytes);
    let p = path.to_str().unwrap();
    run("qpdf", &["--check", p]);
    let list = run("pdffonts", &[p]);
    let rows: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(rows.len(), 4, "{list}");
    for face in ["LiberationSerif ", "-Bold ", "-Italic ", "-BoldItalic "] {
        assert!(
            rows.iter().any(|r| r.contains(face)),
            "{face} missing:\n{list}"
        );
    }
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        // name, type (2 words), encoding, emb, sub, uni, object, gen
        assert_eq!(&cols[4..7], &["yes", "yes", "yes"], "{r}");
        let tag = cols[0].split('+').next().unwrap();
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{r}"
        );
    }
}

#[test]
fn header_version_info_and_no_dates() {
    let doc = main_only();
    let bytes = pdf::write(&doc, fonts(), &PdfOptions::default()).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7\n"));
    let path = write_tmp("info", &bytes);
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(
        info.contains(&format!("Title:           {}", doc.meta.title)),
        "{info}"
    );
    assert!(
        info.contains(&format!("Author:          {}", doc.meta.author)),
        "{info}"
    );
    assert!(
        !info.contains("CreationDate") && !info.contains("ModDate"),
        "{info}"
    );
    let raw = String::from_utf8_lossy(&bytes);
    assert!(!raw.contains("/CreationDate") && !raw.contains("/ModDate"));
}

#[test]
fn same_document_gives_identical_bytes() {
    let doc = sample::sample(30);
    let a = pdf::write(&doc, fonts(), &PdfOptions::default()).unwrap();
    let b = pdf::write(&doc, fonts(), &PdfOptions::default()).unwrap();
    assert!(a == b, "two writes of one document differ");
    let mut other = doc.clone();
    other.meta.title.push_str(" (sửa đổi)");
    let c = pdf::write(&other, fonts(), &PdfOptions::default()).unwrap();
    assert!(a != c);
}

#[test]
fn media_boxes_are_a4_in_both_orientations() {
    let doc = sample::sample(60);
    let pages = pdf::layout(&doc, fonts());
    let bytes = pdf::write(&doc, fonts(), &PdfOptions::default()).unwrap();
    let path = write_tmp("mediabox", &bytes);
    let n = pages.len().to_string();
    let info = run("pdfinfo", &["-f", "1", "-l", &n, path.to_str().unwrap()]);
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size:") && !l.starts_with("Page size"))
        .collect();
    assert_eq!(sizes.len(), pages.len());
    for (s, p) in sizes.iter().zip(&pages) {
        let expect = if p.width_pt > p.height_pt {
            "841.89 x 595.276 pts (A4)"
        } else {
            "595.276 x 841.89 pts (A4)"
        };
        assert!(s.ends_with(expect), "{s}");
    }
    assert!(pages.iter().any(|p| p.width_pt > p.height_pt));
    assert!(pages[0].width_pt < pages[0].height_pt);
}

/// Lines of a page: text items grouped by baseline, left to right.
fn lines_of(p: &Page) -> Vec<Vec<&kehoach::pdf::layout::Text>> {
    let mut v: Vec<Vec<&kehoach::pdf::layout::Text>> = Vec::new();
    for t in p.texts().filter(|t| t.role == Role::Content) {
        match v.iter_mut().find(|l| (l[0].y - t.y).abs() < 0.01) {
            Some(l) => l.push(t),
            None => v.push(vec![t]),
        }
    }
    v
}

#[test]
fn body_lines_sit_on_the_margins() {
    let doc = main_only();
    let pages = pdf::layout(&doc, fonts());
    let setup = doc.sections[0].page;
    let mm = |v: f32| v * 72.0 / 25.4;
    let left = mm(setup.margin_left_mm);
    let indent = left + mm(12.7);
    let right = mm(setup.width_mm) - mm(setup.margin_right_mm);
    let mut full = 0;
    for p in &pages {
        for l in lines_of(p) {
            let body = l
                .iter()
                .all(|t| t.size_pt == 14.0 && matches!(t.face, Face::Regular | Face::Bold));
            let first = l.iter().map(|t| t.x).fold(f32::MAX, f32::min);
            let end = l.iter().map(|t| t.x + t.width).fold(0.0, f32::max);
            if body && l.iter().any(|t| t.word_spacing > 0.0) {
                full += 1;
                assert!((end - right).abs() <= 0.5, "justified line ends at {end}");
                assert!(
                    (first - left).abs() <= 0.5 || (first - indent).abs() <= 0.5,
                    "line starts at {first}"
                );
            }
            assert!(end <= right + 0.5, "text beyond the right margin: {end}");
        }
    }
    assert!(full > 40, "only {full} justified lines");
}

#[test]
fn page_numbers_top_centre_from_page_two_restarting_per_appendix() {
    let doc = sample::sample(60);
    let pages = pdf::layout(&doc, fonts());
    for s in 0..doc.sections.len() {
        let sp: Vec<&Page> = pages.iter().filter(|p| p.section == s).collect();
        assert!(sp.len() >= 2, "section {s} should span pages");
        for (i, p) in sp.iter().enumerate() {
            let nums: Vec<_> = p.texts().filter(|t| t.role == Role::PageNumber).collect();
            if i == 0 {
                assert!(nums.is_empty() && p.number.is_none());
            } else {
                assert_eq!(p.number, Some(i as u32 + 1));
                assert_eq!(nums.len(), 1);
                let t = nums[0];
                assert_eq!(t.text, (i + 1).to_string());
                let top = doc.sections[s].page.margin_top_mm * 72.0 / 25.4;
                assert!(t.y < top, "number below the top margin");
                let setup = doc.sections[s].page;
                let centre = (setup.margin_left_mm + setup.text_width_mm() / 2.0) * 72.0 / 25.4;
                assert!((t.x + t.width / 2.0 - centre).abs() < 0.5);
            }
        }
    }
}

/// `n` single-line fillers, then the given blocks, on one portrait section.
fn filler_doc(n: usize, tail: Vec<Block>) -> Document {
    let mut blocks = Vec::new();
    for i in 0..n {
        let mut f = sample::fmt(Align::Justify, 14.0, false, false, 0.0);
        f.space_before_pt = 0.0;
        blocks.push(Block::Paragraph(sample::para(
            StyleId::Body,
            f,
            &format!("Dòng {i}"),
        )));
    }
    blocks.extend(tail);
    Document {
        meta: Meta::default(),
        sections: vec![Section {
            page: sample::portrait(),
            numbering: sample::numbering(None),
            blocks,
        }],
    }
}

fn italic_para(words: usize) -> Block {
    let mut f = sample::fmt(Align::Justify, 14.0, false, true, 0.0);
    f.space_before_pt = 0.0;
    let text = vec!["nghiêng"; words].join(" ");
    Block::Paragraph(sample::para(StyleId::Body, f, &text))
}

/// An italic paragraph of exactly `lines` lines on the sample page width.
fn italic_para_of(lines: usize) -> Block {
    for words in 5..400 {
        let b = italic_para(words);
        let pages = pdf::layout(&filler_doc(0, vec![b.clone()]), fonts());
        if italic_lines(&pages[0]) == lines {
            return b;
        }
    }
    unreachable!("no word count gives {lines} lines")
}

fn italic_lines(p: &Page) -> usize {
    lines_of(p)
        .iter()
        .filter(|l| l.iter().all(|t| t.face == Face::Italic))
        .count()
}

#[test]
fn widow_and_orphan_lines_are_avoided() {
    // 728.5 pt of text height holds 45 lines of 16.1 pt.
    let para_lines = |doc: &Document| -> Vec<usize> {
        pdf::layout(doc, fonts()).iter().map(italic_lines).collect()
    };
    let six = italic_para_of(6);
    // Room for one line: the first line would be an orphan, all six move.
    assert_eq!(para_lines(&filler_doc(44, vec![six.clone()])), vec![0, 6]);
    // Room for five lines: the last would be a widow, two lines move.
    assert_eq!(para_lines(&filler_doc(40, vec![six])), vec![4, 2]);
}

#[test]
fn a_heading_is_kept_with_the_next_paragraph() {
    let mut f = sample::fmt(Align::Justify, 14.0, true, false, 0.0);
    f.space_before_pt = 0.0;
    f.keep_with_next = true;
    let h = Block::Paragraph(sample::para(StyleId::Heading(1), f, "II. NỘI DUNG"));
    let pages = pdf::layout(&filler_doc(43, vec![h, italic_para_of(4)]), fonts());
    assert_eq!(pages.len(), 2);
    assert!(pages[0].texts().all(|t| t.face != Face::Bold));
    assert!(pages[1].texts().any(|t| t.text == "II. NỘI DUNG"));
}

#[test]
fn the_closing_block_takes_the_last_paragraph_along() {
    // The last paragraph is kept with the closing block; when the two do
    // not fit, the whole paragraph moves on, as LibreOffice does with the
    // DOCX (keep-with-next on the last paragraph).
    let four = italic_para_of(4);
    let doc = filler_doc(38, vec![four, Block::Closing(sample::closing())]);
    let pages = pdf::layout(&doc, fonts());
    assert_eq!(pages.len(), 2);
    assert_eq!(italic_lines(&pages[0]), 0);
    assert_eq!(italic_lines(&pages[1]), 4);
    assert!(pages[1].texts().any(|t| t.text == "Nơi nhận:"));
    assert!(pages[1].texts().any(|t| t.text == "Nguyễn Văn Khước"));
}

#[test]
fn header_rules_and_closing_columns_are_placed_as_the_model_says() {
    let doc = main_only();
    let pages = pdf::layout(&doc, fonts());
    let p = &pages[0];
    let find = |s: &str| p.texts().find(|t| t.text == s).unwrap();
    let tn = find("Độc lập - Tự do - Hạnh phúc");
    let rules: Vec<_> = p
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(*l),
            _ => None,
        })
        .collect();
    let mm = |v: f32| v * 72.0 / 25.4;
    // The rule under the tiêu ngữ: its model length, centred under it.
    let r = rules
        .iter()
        .find(|l| ((l.x2 - l.x1) - mm(60.5)).abs() < 0.01)
        .expect("tiêu ngữ rule");
    // Below the descenders by the DOCX rule paragraph: 3 pt before, its
    // 1 pt line and the border's 1 pt distance.
    assert!(r.y1 > tn.y + 8.0 && r.y1 - tn.y < 9.0, "{}", r.y1 - tn.y);
    assert!(((r.x1 + r.x2) / 2.0 - (tn.x + tn.width / 2.0)).abs() < 0.5);
    // "Số" and the date share a baseline (R19).
    let so = find("Số: 152/KH-UBND");
    let date = find("Vĩnh Phúc, ngày 13 tháng 6 năm 2024");
    assert!((so.y - date.y).abs() < 0.01);
    // Quốc hiệu on one line.
    find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    // Nơi nhận at the left margin, level with the first authority line (R31).
    let cp = pages
        .iter()
        .find(|p| p.texts().any(|t| t.text == "Nơi nhận:"))
        .unwrap();
    let label = cp.texts().find(|t| t.text == "Nơi nhận:").unwrap();
    let tm = cp
        .texts()
        .find(|t| t.text == "TM. ỦY BAN NHÂN DÂN")
        .unwrap();
    assert!((label.x - mm(30.0)).abs() < 0.5);
    assert!((label.y - tm.y).abs() <= 3.0);
    let name = cp.texts().find(|t| t.text == "Nguyễn Văn Khước").unwrap();
    let title = cp.texts().find(|t| t.text == "PHÓ CHỦ TỊCH").unwrap();
    assert!(name.y - title.y >= mm(20.0), "R30 signature space");
    assert!(cp.items.iter().any(|i| matches!(i, Item::Brace(_))));
}

/// The row numbers ("Nhiệm vụ số N:") in extracted text, in order.
fn task_numbers(text: &str) -> Vec<usize> {
    let key = "Nhiệm vụ số ";
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(key) {
        rest = &rest[i + key.len()..];
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if rest[digits.len()..].starts_with(':') {
            out.push(digits.parse().unwrap());
        }
    }
    out
}

#[test]
fn ten_thousand_rows_are_neither_lost_nor_duplicated() {
    let rows = 10_000;
    let doc = sample::sample(rows);
    let pages = pdf::layout(&doc, fonts());
    let bytes = pdf::write(&doc, fonts(), &PdfOptions::default()).unwrap();
    let path = write_tmp("rows", &bytes);
    let first = pages.iter().position(|p| p.section == 1).unwrap() + 1;
    let last = pages.iter().rposition(|p| p.section == 1).unwrap() + 1;
    assert!(last - first > 200, "{} appendix pages", last - first + 1);
    let text = pdftext(&path, first, last);
    let got = task_numbers(&text);
    assert_eq!(got.len(), rows);
    assert!(got.iter().enumerate().all(|(i, n)| *n == i + 1));
    // Header rows on every page of the table.
    let pages_text: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages_text.len(), last - first + 1);
    for p in &pages_text {
        assert!(p.contains("Nội dung nhiệm vụ") && p.contains("Hoàn thành"));
    }
    assert!(text.contains(&format!("{rows} nhiệm vụ")));
}

#[test]
fn merged_cell_labels_repeat_on_the_next_page() {
    let doc = sample::sample(120);
    let pages = pdf::layout(&doc, fonts());
    let app: Vec<&Page> = pages.iter().filter(|p| p.section == 1).collect();
    let mut crossing = 0;
    for g in 1..=10 {
        let label = format!("Sở Nội vụ nhóm {g}");
        let first_task = (g - 1) * 12 + 1;
        let on: Vec<usize> = app
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.texts()
                    .any(|t| (first_task..first_task + 12).any(|n| t.text == sample::task_text(n)))
            })
            .map(|(i, _)| i)
            .collect();
        for &i in &on {
            assert!(
                app[i].texts().any(|t| t.text == label),
                "{label} missing on appendix page {}",
                i + 1
            );
        }
        if on.len() > 1 {
            crossing += 1;
        }
    }
    assert!(
        crossing >= 2,
        "the sample must have merges across page breaks"
    );
}

#[test]
fn layout_time_grows_linearly_with_rows() {
    let time = |rows: usize| {
        let doc = sample::sample(rows);
        let t = std::time::Instant::now();
        let pages = pdf::layout(&doc, fonts());
        assert!(!pages.is_empty());
        t.elapsed().as_secs_f64()
    };
    time(500);
    let small = time(2_500).max(1e-4);
    let big = time(10_000);
    // Linear: ×4; quadratic would be ×16.
    assert!(
        big / small < 9.0,
        "2.5k rows {small:.4}s, 10k rows {big:.4}s"
    );
}

#[test]
fn a_row_taller_than_a_page_is_split_between_lines() {
    let mut t = sample::big_table(3, 3, vec![12.0, 95.0, 50.0, 30.0, 30.0, 40.0]);
    let long: Vec<String> = (1..=80).map(|i| format!("Dòng dài {i}.")).collect();
    t.body_rows[2].cells[1] = Cell {
        paragraphs: long
            .iter()
            .map(|s| {
                sample::para(
                    StyleId::TableText,
                    sample::fmt(Align::Left, 12.0, false, false, 0.0),
                    s,
                )
            })
            .collect(),
        ..t.body_rows[2].cells[1].clone()
    };
    let doc = Document {
        meta: Meta::default(),
        sections: vec![Section {
            page: sample::landscape(),
            numbering: sample::numbering(Some(1)),
            blocks: vec![Block::Table(t)],
        }],
    };
    let pages = pdf::layout(&doc, fonts());
    assert!(pages.len() >= 3);
    let mut seen = Vec::new();
    for p in &pages {
        for t in p.texts() {
            if t.text.starts_with("Dòng dài") {
                seen.push(t.text.clone());
                assert!(
                    t.y <= p.height_pt - 15.0 * 72.0 / 25.4 + 0.5,
                    "below the margin"
                );
            }
        }
        assert!(p.texts().any(|t| t.text == "Nội dung nhiệm vụ"));
    }
    assert_eq!(seen, long);
}

#[test]
fn draft_mark_on_every_page_only_when_asked() {
    let mut doc = sample::sample(40);
    let plain = pdf::layout(&doc, fonts());
    assert!(plain
        .iter()
        .all(|p| p.texts().all(|t| t.role != Role::DraftMark)));
    doc.meta.draft = Some("DỰ THẢO".into());
    let pages = pdf::layout(&doc, fonts());
    for p in &pages {
        let m: Vec<_> = p.texts().filter(|t| t.role == Role::DraftMark).collect();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].text, "DỰ THẢO");
        assert!(m[0].y < 20.0 * 72.0 / 25.4);
    }
    let bytes = pdf::write(&doc, fonts(), &PdfOptions::default()).unwrap();
    let path = write_tmp("draft", &bytes);
    let text = pdftext(&path, 1, pages.len());
    assert_eq!(text.matches("DỰ THẢO").count(), pages.len());
}

#[test]
fn pdfa_output_carries_xmp_and_an_srgb_output_intent() {
    let doc = main_only();
    let bytes = pdf::write(&doc, fonts(), &PdfOptions { pdfa: true }).unwrap();
    let path = write_tmp("pdfa", &bytes);
    let p = path.to_str().unwrap();
    run("qpdf", &["--check", p]);
    let info = run("pdfinfo", &[p]);
    assert!(info.contains("Metadata Stream: yes"), "{info}");
    let meta = run("pdfinfo", &["-meta", p]);
    assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(meta.contains(&doc.meta.title));
    let json = run("qpdf", &["--json=2", "--json-key=qpdf", p]);
    assert!(json.contains("/GTS_PDFA1"));
    assert!(json.contains("/DestOutputProfile"));
    // The binary comment after the header (PDF/A: four bytes ≥ 128).
    assert!(bytes[9..].starts_with(b"%") && bytes[10..14].iter().all(|b| *b >= 128));
}

#[test]
fn a_users_font_directory_is_embedded_instead() {
    let dir = std::env::temp_dir().join("kehoach-pdf-test-fontdir");
    std::fs::create_dir_all(&dir).unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    for (face, file) in [
        (Face::Regular, "LiberationSerif-Regular.ttf"),
        (Face::Bold, "LiberationSerif-Bold.ttf"),
        (Face::Italic, "LiberationSerif-Italic.ttf"),
        (Face::BoldItalic, "LiberationSerif-BoldItalic.ttf"),
    ] {
        std::fs::copy(src.join(file), dir.join(face.times_file())).unwrap();
    }
    let set = FontSet::from_dir(&dir).unwrap();
    let doc = main_only();
    let bytes = pdf::write(&doc, &set, &PdfOptions::default()).unwrap();
    let path = write_tmp("fontdir", &bytes);
    let list = run("pdffonts", &[path.to_str().unwrap()]);
    assert_eq!(list.lines().skip(2).count(), 4, "{list}");
    assert!(list.lines().skip(2).all(|l| l.contains(" yes yes yes ")));
}

/// Release-build timing of a document of about 1,000 pages (run with
/// `cargo test --release --test suite pdf:: -- --ignored --nocapture`).
#[test]
#[ignore]
fn timing_of_a_thousand_pages() {
    let doc = sample::sample(12_000);
    let t = std::time::Instant::now();
    let pages = pdf::layout(&doc, fonts());
    let layout = t.elapsed();
    let t = std::time::Instant::now();
    let bytes = pdf::write(&doc, fonts(), &PdfOptions::default()).unwrap();
    let write = t.elapsed();
    println!(
        "{} pages: layout {:?}, layout + write {:?}, {} bytes",
        pages.len(),
        layout,
        write,
        bytes.len()
    );
    assert!(pages.len() >= 900);
}

#[test]
fn an_empty_document_still_gives_a_valid_pdf() {
    let doc = Document::default();
    let bytes = pdf::write(&doc, fonts(), &PdfOptions::default()).unwrap();
    let path = write_tmp("empty", &bytes);
    run("qpdf", &["--check", path.to_str().unwrap()]);
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(info.contains("Pages:           1"), "{info}");
}

/// A chain of group rows (a section row and its first subsection row) stays
/// with the first ordinary row below it: no page of the table ends with a
/// group row, whatever the table's length.
#[test]
fn a_chain_of_group_rows_is_kept_with_the_row_below_it() {
    for (rows, group) in (30..60).flat_map(|r| [(r, 2), (r, 3), (r, 5)]) {
        let mut t = sample::big_table(rows, group, vec![12.0, 95.0, 50.0, 30.0, 30.0, 40.0]);
        let mut body = Vec::new();
        for r in t.body_rows.drain(..) {
            let group = r.kind == RowKind::Group;
            body.push(r);
            if group {
                body.push(Row {
                    kind: RowKind::Group,
                    cells: vec![sample::cell(0, 6, 1, true, "Nhóm con")],
                });
            }
        }
        t.body_rows = body;
        let doc = Document {
            meta: Meta::default(),
            sections: vec![Section {
                page: sample::landscape(),
                numbering: sample::numbering(Some(1)),
                blocks: vec![Block::Table(t)],
            }],
        };
        let pages = pdf::layout(&doc, fonts());
        assert!(pages.len() >= 2, "{rows} rows fit on one page");
        for (i, p) in pages.iter().enumerate() {
            let last = p
                .texts()
                .filter(|t| t.role == Role::Content)
                .max_by(|a, b| a.y.total_cmp(&b.y))
                .unwrap();
            assert!(
                !last.text.starts_with("Nhóm"),
                "{rows} rows: page {} ends with group row {:?}",
                i + 1,
                last.text
            );
        }
    }
}
