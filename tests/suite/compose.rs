//! Composition end to end: plans → document model → text, compared with golden files; user templates; template errors.
//!
//! `KEHOACH_BLESS=1 cargo test --test suite compose::` rewrites the golden files;
//! review the diff before committing.

use std::path::{Path, PathBuf};

use kehoach::compose::{self, Options};
use kehoach::doc::{Block, Cell, Document, Paragraph, RowKind, StyleId, Table};
use kehoach::plan::Plan;

use crate::support::cli::{load_plan, root, scratch};

fn load(path: &Path) -> Plan {
    load_plan(path)
}

fn compose_with(plan: &Plan, opts: &Options) -> Document {
    match compose::compose(plan, "plan.yaml", opts) {
        Ok(d) => d,
        Err(diags) => panic!(
            "{}",
            diags
                .iter()
                .map(|d| d.short(kehoach::diag::Lang::En))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

fn mini() -> Plan {
    load(&root().join("tests/golden/mini.yaml"))
}

fn paragraphs(doc: &Document, section: usize) -> Vec<&Paragraph> {
    doc.sections[section].paragraphs().collect()
}

fn texts(doc: &Document, section: usize) -> Vec<String> {
    paragraphs(doc, section).iter().map(|p| p.text()).collect()
}

/// The first table of a section.
fn first_table(doc: &Document, section: usize) -> &Table {
    doc.sections[section]
        .tables()
        .next()
        .unwrap_or_else(|| panic!("section {section} has no table"))
}

/// A cell's paragraphs joined by spaces.
fn cell_text(c: &Cell) -> String {
    c.paragraphs
        .iter()
        .map(Paragraph::text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Options that compose through the template folder `dir`.
fn with_template(dir: PathBuf) -> Options {
    Options {
        template_dir: Some(dir),
        ..Options::default()
    }
}

/// Compares (or with KEHOACH_BLESS=1 writes) `tests/golden/<name>.txt`.
fn check_golden(name: &str, text: &str) {
    let path = root().join("tests/golden").join(format!("{name}.txt"));
    if std::env::var_os("KEHOACH_BLESS").is_some() {
        std::fs::write(&path, text).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with KEHOACH_BLESS=1 to create it)",
            path.display()
        )
    });
    if want != text {
        let (i, (w, g)) = want
            .lines()
            .zip(text.lines())
            .enumerate()
            .find(|(_, (w, g))| w != g)
            .unwrap_or((
                want.lines().count().min(text.lines().count()),
                ("<end>", "<end>"),
            ));
        panic!("{name}: composed text differs from the golden file at line {}:\n  golden: {w}\n  now:    {g}\n(KEHOACH_BLESS=1 regenerates it)", i + 1);
    }
}

#[test]
fn golden_texts_of_the_test_plan_and_the_reference_plans() {
    let mut names = vec![("mini".to_string(), root().join("tests/golden/mini.yaml"))];
    if let Ok(dir) = std::fs::read_dir(root().join("plans")) {
        let mut plans: Vec<PathBuf> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        plans.sort();
        for p in plans {
            names.push((p.file_stem().unwrap().to_string_lossy().into_owned(), p));
        }
    }
    for (name, path) in names {
        let doc = compose_with(&load(&path), &Options::default());
        check_golden(&name, &compose::to_text(&doc));
    }
}

#[test]
fn header_title_and_opening() {
    let doc = compose_with(&mini(), &Options::default());
    let Block::Header(h) = &doc.sections[0].blocks[0] else {
        panic!("the header comes first")
    };
    assert_eq!(h.issuer_lines, ["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK LẮK"]);
    assert_eq!(h.quoc_hieu, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(h.tieu_ngu, "Độc lập - Tự do - Hạnh phúc");
    // Draft: the number is blank (R17 blank form) and the day is blank.
    assert!(
        h.number_line.starts_with("Số:") && h.number_line.ends_with("/KH-UBND"),
        "{}",
        h.number_line
    );
    assert!(h.number_line.contains("      /"), "{:?}", h.number_line);
    assert!(
        h.place_date.starts_with("Đắk Lắk, ngày ") && h.place_date.ends_with("tháng 9 năm 2022"),
        "{}",
        h.place_date
    );
    // R14: the rule under the tiêu ngữ is its own width (~60.5 mm at 14 pt).
    assert!(
        (h.tieu_ngu_rule_mm - 60.5).abs() < 1.0,
        "{}",
        h.tieu_ngu_rule_mm
    );
    // R16: 1/3 to 1/2 of the longest issuer line.
    let fonts = kehoach::fonts::FontSet::embedded();
    let longest = fonts.width_mm("ỦY BAN NHÂN DÂN", kehoach::fonts::Face::Bold, 13.0);
    assert!(h.issuer_rule_mm >= longest / 3.0 && h.issuer_rule_mm <= 0.5 * longest);
    let p = paragraphs(&doc, 0);
    assert_eq!(
        (p[0].style, p[0].text().as_str()),
        (StyleId::DocKind, "KẾ HOẠCH")
    );
    assert_eq!(p[1].style, StyleId::TrichYeu);
    let Block::Rule(r) = &doc.sections[0].blocks[3] else {
        panic!("a rule under the trích yếu")
    };
    assert!(r.length_mm > 20.0 && r.length_mm < 60.0, "{}", r.length_mm);
    assert_eq!(p[2].style, StyleId::CanCu);
    assert!(p[2].format.italic);
    // Inline *italic* in user text becomes a run.
    let open = p[4];
    assert!(
        open.runs
            .iter()
            .any(|r| r.italic && r.text == "Tăng cường kỷ cương"),
        "{:?}",
        open.runs
    );
}

#[test]
fn body_labels_tasks_and_closing_mark() {
    let doc = compose_with(&mini(), &Options::default());
    let t = texts(&doc, 0);
    let pos = |s: &str| {
        t.iter()
            .position(|x| x.starts_with(s))
            .unwrap_or_else(|| panic!("no paragraph starts with {s:?}\n{t:#?}"))
    };
    pos("I. MỤC ĐÍCH, YÊU CẦU");
    pos("1. Mục đích");
    let list = pos("- Phấn đấu");
    assert_eq!(
        &t[list + 1..list + 4],
        ["+ về PAR Index;", "+ về SIPAS:", "+ cấp tỉnh."]
    );
    // A section's `dan` continues its heading paragraph, upright.
    let yc = paragraphs(&doc, 0)[pos("2. Yêu cầu:")];
    assert_eq!(
        yc.text(),
        "2. Yêu cầu: Hoàn thành 100% nhiệm vụ (Phụ lục I)."
    );
    assert!(
        yc.runs[0].bold
            && !yc
                .runs
                .iter()
                .any(|r| r.text.contains("Hoàn thành") && r.bold)
    );
    pos("II. NHIỆM VỤ, GIẢI PHÁP");
    let task = pos("1.1. Tiêu chí “Thực hiện nhiệm vụ được giao”:");
    assert_eq!(paragraphs(&doc, 0)[task].style, StyleId::Heading(3));
    assert_eq!(
        &t[task + 1..task + 10],
        [
            "a) Mục tiêu, yêu cầu: Hoàn thành đúng tiến độ 100% nhiệm vụ.",
            "b) Nhiệm vụ, giải pháp:",
            "- Tăng cường theo dõi, đôn đốc.",
            "Đề nghị Ban Chỉ đạo chỉ đạo:",
            "- Các sở thực hiện nghiêm túc.",
            "c) Phân công trách nhiệm",
            "- Cơ quan chủ trì: Văn phòng UBND tỉnh.",
            "- Cơ quan phối hợp/Thực hiện: Các sở, ban, ngành, Sở Nội vụ.",
            "d) Thời gian thực hiện/hoàn thành: Trong năm 2022.",
        ]
    );
    // Absent parts are left out and the rest lettered without gaps; a task's
    // own `nhan` overrides the wording.
    let t2 = pos("1.2. Tiêu chí “Công khai");
    assert_eq!(
        &t[t2 + 1..t2 + 5],
        [
            "a) Phân công trách nhiệm",
            "- Đơn vị phụ trách: Sở Tư pháp.",
            "b) Thời gian thực hiện/hoàn thành: Quý III/2022.",
            "c) Sản phẩm: Báo cáo kết quả."
        ]
    );
    // Points run a) … đ) e).
    let d = pos("a) Về thể chế: rà soát văn bản.");
    assert_eq!(t[d + 4], "đ) Về chính quyền số.");
    assert_eq!(t[d + 5], "e) Về đo lường sự hài lòng.");
    // An untitled khoản: label and text, regular.
    let k = paragraphs(&doc, 0)[pos("1. Sở Nội vụ chủ trì")];
    assert!(k.runs.iter().all(|r| !r.bold));
    assert_eq!(k.style, StyleId::Body);
    // R27: the last body paragraph ends with "./.".
    assert_eq!(
        t.last().unwrap(),
        "Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./."
    );
}

#[test]
fn closing_block() {
    let doc = compose_with(&mini(), &Options::default());
    let c = doc.sections[0]
        .blocks
        .iter()
        .find_map(|b| {
            if let Block::Closing(c) = b {
                Some(c)
            } else {
                None
            }
        })
        .expect("a closing block");
    assert_eq!(c.label.text(), "Nơi nhận:");
    assert!(c.label.format.bold && c.label.format.italic && c.label.format.size_pt == 12.0);
    let lines: Vec<String> = c.recipients.iter().map(Paragraph::text).collect();
    assert_eq!(
        lines,
        [
            "- Bộ Nội vụ;",
            "- TT Tỉnh ủy, TT HĐND tỉnh;",
            "- CT, PCT UBND tỉnh (báo cáo);",
            "- Các sở, ban, ngành;",
            "- Sở Nội vụ;",
            "- Lưu: VT, KSTTHC."
        ]
    );
    assert_eq!(c.braces.len(), 1);
    assert_eq!(
        (
            c.braces[0].first,
            c.braces[0].last,
            c.braces[0].note.as_str()
        ),
        (0, 1, "(b/c)")
    );
    assert_eq!(
        c.drafter.as_ref().map(Paragraph::text).as_deref(),
        Some("Hly")
    );
    let auth: Vec<String> = c.authority.iter().map(Paragraph::text).collect();
    assert_eq!(auth, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
    assert_eq!(c.name.text(), "Nguyễn Tuấn Hà");
    assert!(c.signature_gap_mm >= 20.0);
}

#[test]
fn appendices_tables_totals_and_derived_tasks() {
    let doc = compose_with(&mini(), &Options::default());
    assert_eq!(doc.sections.len(), 3);
    let a1 = &doc.sections[1];
    assert!(a1.page.landscape, "a five-column table is landscape");
    assert_eq!(a1.numbering.restart_at, Some(1));
    assert!(!a1.numbering.show_on_first);
    let t = texts(&doc, 1);
    assert_eq!(t[0], "Phụ lục I");
    assert_eq!(t[1], "MỤC TIÊU CHỈ SỐ NĂM 2022");
    assert!(
        t[2].starts_with("(Kèm theo Kế hoạch số ")
            && t[2].contains("/KH-UBND")
            && t[2].ends_with("của UBND tỉnh)"),
        "{}",
        t[2]
    );
    // Text after the table takes the closing mark.
    assert_eq!(t.last().unwrap(), "Các chỉ tiêu được rà soát hằng quý./.");
    let table = first_table(&doc, 1);
    assert!(table.repeat_header && table.cant_split);
    assert_eq!(table.header_rows.len(), 2);
    assert_eq!(table.header_rows[1].kind, RowKind::ColumnNumbers);
    let number_cell = &table.header_rows[1].cells[2].paragraphs[0];
    assert_eq!(number_cell.text(), "3");
    assert!(!number_cell.format.bold && !number_cell.runs[0].bold);
    assert!(table.header_rows[0].cells[0].paragraphs[0].format.bold);
    assert!((table.columns_mm.iter().sum::<f32>() - a1.page.text_width_mm()).abs() < 0.1);
    let cell = |r: usize, c: usize| {
        table.body_rows[r]
            .cells
            .iter()
            .find(|x| x.col == c)
            .map(cell_text)
    };
    assert_eq!(cell(0, 0).as_deref(), Some("1"));
    assert_eq!(cell(1, 0).as_deref(), Some("1.1"));
    assert_eq!(cell(2, 0).as_deref(), Some("1.2"));
    assert_eq!(cell(3, 0).as_deref(), Some("2"));
    // The rowspan of "Sở Nội vụ" covers column 4 of the next two rows.
    assert_eq!(
        table.body_rows[0]
            .cells
            .iter()
            .find(|x| x.col == 4)
            .unwrap()
            .rowspan,
        3
    );
    assert!(cell(1, 4).is_none());
    assert_eq!(cell(0, 2).as_deref(), Some("8,5"));
    // Totals of the top-level rows: 8.5 + 10 and 8.5 + 9.25.
    let total = table.body_rows.last().unwrap();
    assert_eq!(total.kind, RowKind::Total);
    assert_eq!(cell(4, 0).as_deref(), Some("TỔNG ĐIỂM"));
    assert_eq!(cell(4, 2).as_deref(), Some("18,5"));
    assert_eq!(cell(4, 3).as_deref(), Some("17,75"));

    let t2 = texts(&doc, 2);
    assert_eq!(t2[0], "Phụ lục II");
    let tasks = first_table(&doc, 2);
    let heads: Vec<String> = tasks.header_rows[0]
        .cells
        .iter()
        .map(|c| c.paragraphs[0].text())
        .collect();
    assert_eq!(
        heads,
        [
            "TT",
            "Nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành",
            "Sản phẩm"
        ]
    );
    let rows: Vec<(RowKind, String)> = tasks
        .body_rows
        .iter()
        .map(|r| {
            (
                r.kind,
                r.cells
                    .iter()
                    .map(cell_text)
                    .collect::<Vec<_>>()
                    .join(" | "),
            )
        })
        .collect();
    assert_eq!(
        rows[0],
        (
            RowKind::Group,
            "1 | KHẮC PHỤC CÁC TIÊU CHÍ CHƯA ĐẠT ĐIỂM TỐI ĐA".to_string()
        )
    );
    assert_eq!(rows[1].0, RowKind::Normal);
    assert!(
        rows[1]
            .1
            .starts_with("1.1 | Tiêu chí “Thực hiện nhiệm vụ được giao” Hoàn thành đúng tiến độ"),
        "{}",
        rows[1].1
    );
    assert!(
        rows[1]
            .1
            .contains("| Văn phòng UBND tỉnh | Các sở, ban, ngành, Sở Nội vụ | Trong năm 2022 |"),
        "{}",
        rows[1].1
    );
    assert!(
        rows[2].1.ends_with("| Quý III/2022 | Báo cáo kết quả"),
        "{}",
        rows[2].1
    );
    assert_eq!(rows.len(), 3);
}

#[test]
fn options_profile_draft_and_only_appendices() {
    let plan = mini();
    let doc = compose_with(
        &plan,
        &Options {
            profile: compose::Profile::Decree,
            draft: true,
            ..Options::default()
        },
    );
    assert_eq!(doc.meta.draft.as_deref(), Some("DỰ THẢO"));
    assert!(compose::to_text(&doc).starts_with("DỰ THẢO\n\nỦY BAN NHÂN DÂN\n"));
    assert_eq!(doc.sections[0].page.margin_left_mm, 35.0);
    assert!(!doc.sections[0].page.landscape);
    let only = compose_with(
        &plan,
        &Options {
            only_appendices: true,
            ..Options::default()
        },
    );
    assert_eq!(only.sections.len(), 2);
    assert_eq!(texts(&only, 0)[0], "Phụ lục I");
    let mut none = plan.clone();
    none.phu_luc.clear();
    let errs = compose::compose(
        &none,
        "p.yaml",
        &Options {
            only_appendices: true,
            ..Options::default()
        },
    )
    .unwrap_err();
    assert_eq!(errs[0].code, "E312");
    // Plan settings: 13 pt body, 1 cm indent.
    let mut p13 = plan.clone();
    p13.trinh_bay.co_chu = Some(13.0);
    p13.trinh_bay.thut_dau_dong = Some(1.0);
    let d = compose_with(&p13, &Options::default());
    let body = paragraphs(&d, 0)
        .into_iter()
        .find(|p| p.style == StyleId::Body)
        .unwrap();
    assert_eq!(body.format.size_pt, 13.0);
    assert!((body.format.first_line_indent_mm - 10.0).abs() < 0.01);
}

#[test]
fn user_text_is_escaped_not_interpreted_as_markup() {
    let mut plan = mini();
    plan.ket_luan = vec!["  Giá trị <b>x</b> & \"y\" < 3 ".to_string()];
    let doc = compose_with(&plan, &Options::default());
    let t = texts(&doc, 0);
    assert_eq!(t.last().unwrap(), "Giá trị <b>x</b> & \"y\" < 3./.");
}

#[test]
fn plan_labels_override_template_wording_and_unknown_keys_are_errors() {
    let mut plan = mini();
    plan.nhan
        .insert("phan_cong".into(), "Trách nhiệm thực hiện".into());
    let doc = compose_with(&plan, &Options::default());
    assert!(texts(&doc, 0).contains(&"c) Trách nhiệm thực hiện".to_string()));
    plan.nhan.insert("phan_kong".into(), "x".into());
    let errs = compose::compose(&plan, "p.yaml", &Options::default()).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].file, "p.yaml");
    assert_eq!(errs[0].field.as_deref(), Some("nhan.phan_kong"));
}

#[test]
fn a_user_template_folder_changes_a_heading_and_a_column_title() {
    let dir = root().join("tests/template_user");
    let plan = mini();
    let doc = compose_with(&plan, &with_template(dir));
    let t = texts(&doc, 0);
    assert!(
        t.contains(&"c) Trách nhiệm thực hiện".to_string()),
        "{t:#?}"
    );
    assert!(!t.iter().any(|x| x.contains("Phân công trách nhiệm")));
    let tasks = first_table(&doc, 2);
    assert_eq!(
        tasks.header_rows[0].cells[1].paragraphs[0].text(),
        "Nội dung nhiệm vụ"
    );
    // Everything else is as with the built-in template.
    let default = compose_with(&plan, &Options::default());
    let a = compose::to_text(&doc)
        .replace("Trách nhiệm thực hiện", "Phân công trách nhiệm")
        .replace("Nội dung nhiệm vụ", "Nhiệm vụ");
    assert_eq!(a, compose::to_text(&default));
}

/// A copy of the built-in template folder in a fresh directory, with `edit` applied to one file.
fn edited_copy(tag: &str, file: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let dir = scratch(tag);
    for (name, text) in compose::DEFAULT_TEMPLATE {
        let text = if name == file {
            edit(text)
        } else {
            text.to_string()
        };
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

#[test]
fn an_edited_copy_of_the_template_changes_fixed_wording() {
    // The docs/templates.md example: the appendix reference line says
    // "Ban hành kèm theo" instead of "Kèm theo".
    let dir = edited_copy("wording", "nhan.yaml", |t| {
        t.replace("kem_theo: \"Kèm theo\"", "kem_theo: \"Ban hành kèm theo\"")
    });
    let doc = compose_with(&mini(), &with_template(dir.clone()));
    assert!(texts(&doc, 1)[2].starts_with("(Ban hành kèm theo Kế hoạch số"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn template_errors_name_the_file_and_line() {
    type Case = (&'static str, &'static str, fn(&str) -> String, &'static str);
    let cases: [Case; 4] = [
        (
            "filter",
            "van-ban.xml",
            |t| {
                t.replace(
                    "<kind>{{ loai.ten_in_hoa }}</kind>",
                    "<kind>{{ loai.ten_in_hoa | roman }}</kind>",
                )
            },
            "van-ban.xml",
        ),
        (
            "syntax",
            "van-ban.xml",
            |t| {
                t.replace(
                    "<kind>{{ loai.ten_in_hoa }}</kind>",
                    "<kind>{{ loai.ten_in_hoa </kind>",
                )
            },
            "van-ban.xml",
        ),
        (
            "unknown",
            "khoi.xml",
            |t| {
                t.replace(
                    "<dash>{{ t.nhan.chu_tri }}:",
                    "<dash>{{ t.nhan.chu_tri_moi }}:",
                )
            },
            "khoi.xml",
        ),
        (
            "markup",
            "van-ban.xml",
            |t| {
                t.replace(
                    "<kind>{{ loai.ten_in_hoa }}</kind>",
                    "<kind>{{ loai.ten_in_hoa }}</loai>",
                )
            },
            "van-ban.xml",
        ),
    ];
    for (tag, file, edit, want_file) in cases {
        let dir = edited_copy(tag, file, edit);
        let errs = compose::compose(&mini(), "p.yaml", &with_template(dir.clone())).unwrap_err();
        assert_eq!(errs.len(), 1, "{tag}");
        let e = &errs[0];
        assert!(e.is_error());
        assert!(e.file.ends_with(want_file), "{tag}: {}", e.file);
        let source = std::fs::read_to_string(dir.join(want_file)).unwrap();
        let rendered = e.render(kehoach::diag::Lang::En, Some(&source));
        match tag {
            "syntax" => {
                let span = e.span.expect("a syntax error has a position");
                let line = source.lines().nth(span.line - 1).unwrap();
                assert!(
                    line.contains("<kind>"),
                    "{tag}: line {} is {line:?}\n{rendered}",
                    span.line
                );
            }
            "filter" => {
                let span = e.span.expect("the line using the filter");
                let line = source.lines().nth(span.line - 1).unwrap();
                assert!(line.contains("| roman"), "{rendered}");
                assert!(e.message.en.contains("roman"), "{rendered}");
            }
            "unknown" => {
                let span = e.span.expect("the line using the unknown variable");
                let line = source.lines().nth(span.line - 1).unwrap();
                assert!(line.contains("chu_tri_moi"), "{rendered}");
                assert!(e.message.en.contains("chu_tri_moi"), "{rendered}");
            }
            _ => {
                assert_eq!(e.code, "E311");
                assert!(
                    e.message.en.contains("invalid markup") && e.message.en.contains("</loai>"),
                    "{rendered}"
                );
                // The one template line that writes the wrong tag.
                let span = e.span.expect("the template line writing </loai>");
                let line = source.lines().nth(span.line - 1).unwrap();
                assert_eq!(
                    line.chars()
                        .skip(span.column - 1)
                        .take(7)
                        .collect::<String>(),
                    "</loai>",
                    "{rendered}"
                );
            }
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn a_missing_template_folder_is_an_error() {
    let opts = with_template(root().join("tests/no-such-template"));
    let errs = compose::compose(&mini(), "p.yaml", &opts).unwrap_err();
    assert_eq!(errs[0].code, "E310");
    assert!(
        errs[0].file.ends_with("no-such-template"),
        "{}",
        errs[0].file
    );
}

#[test]
fn markdown_shows_emphasis_and_tables() {
    let doc = compose_with(&mini(), &Options::default());
    let md = compose::to_markdown(&doc);
    assert!(md.contains("**I. MỤC ĐÍCH, YÊU CẦU**"), "{md}");
    assert!(
        md.contains("***1.1. Tiêu chí “Thực hiện nhiệm vụ được giao”:***"),
        "{md}"
    );
    assert!(
        md.contains("| **TT** | **Nhiệm vụ** | **Cơ quan chủ trì** |"),
        "{md}"
    );
    assert!(md.contains("*Căn cứ Nghị quyết số 76/NQ-CP"), "{md}");
}

#[test]
fn a_long_plan_composes_quickly() {
    // About 30 pages: 12 parts × 10 tasks, each with actions.
    let mut plan = mini();
    let task = plan.noi_dung[1].clone();
    for _ in 0..12 {
        let mut part = task.clone();
        for _ in 0..4 {
            if let Some(first) = part.noi_dung.first().cloned() {
                part.noi_dung.push(first);
            }
        }
        plan.noi_dung.push(part);
    }
    let start = std::time::Instant::now();
    let doc = compose_with(&plan, &Options::default());
    let took = start.elapsed();
    assert!(texts(&doc, 0).len() > 400);
    // Generous for unoptimised test builds on a loaded machine; a release
    // build takes a few milliseconds.
    assert!(took.as_millis() < 3000, "{took:?}");
}

/// Every Vietnamese filter a template can use (docs/templates.md § Filters)
/// gives the spec's form when a template calls it.
#[test]
fn template_filters_apply_the_vietnamese_rules() {
    let calls = [
        ("{{ \"ủy ban nhân dân\" | upper }}", "ỦY BAN NHÂN DÂN"),
        ("{{ \"Hoa\u{300}\" | nfc }}", "Hoà"),
        (
            "{{ \"Tổ chức thực hiện\" | close_mark }}",
            "Tổ chức thực hiện./.",
        ),
        ("{{ 14 | roman }}", "XIV"),
        ("{{ 5 | letter }}", "e"),
        ("{{ 4 | letter }}", "đ"),
        ("{{ 94.5 | decimal(places=2) }}", "94,50"),
        (
            "{{ \"2024-01-05\" | date_words }}",
            "ngày 05 tháng 01 năm 2024",
        ),
        (
            "{{ \"2024-06-13\" | date_words }}",
            "ngày 13 tháng 6 năm 2024",
        ),
        ("{{ 5 | doc_number }}", "05"),
    ];
    let line: String = calls.iter().map(|(c, _)| format!("[{c}]")).collect();
    let dir = edited_copy("filters", "van-ban.xml", |t| {
        t.replace(
            "<trich-yeu>{{ trich_yeu }}</trich-yeu>",
            &format!("<trich-yeu>{line}</trich-yeu>"),
        )
    });
    let text = compose::to_text(&compose_with(&mini(), &with_template(dir.clone())));
    let want: String = calls.iter().map(|(_, w)| format!("[{w}]")).collect();
    assert!(text.contains(&want), "want {want} in:\n{text}");
    let _ = std::fs::remove_dir_all(dir);
}

/// The draft mark is wording like any other: a template folder renames it,
/// and the text view, DOCX and PDF all print what the template says.
#[test]
fn the_draft_mark_comes_from_the_template() {
    let dir = edited_copy("draft-mark", "nhan.yaml", |t| {
        t.replace("du_thao: \"DỰ THẢO\"", "du_thao: \"BẢN DỰ THẢO LẦN 2\"")
    });
    let opts = Options {
        draft: true,
        ..with_template(dir.clone())
    };
    let doc = compose_with(&mini(), &opts);
    assert_eq!(doc.meta.draft.as_deref(), Some("BẢN DỰ THẢO LẦN 2"));
    assert!(compose::to_text(&doc).starts_with("BẢN DỰ THẢO LẦN 2\n\n"));
    let docx = kehoach::docx::write(&doc).unwrap();
    let parts = crate::support::docx_read::unzip(&docx);
    assert!(
        parts
            .iter()
            .any(|(n, x)| n.starts_with("word/header") && x.contains("BẢN DỰ THẢO LẦN 2")),
        "no header part carries the mark"
    );
    let undrafted = compose_with(&mini(), &with_template(dir.clone()));
    assert_eq!(undrafted.meta.draft, None);
    let _ = std::fs::remove_dir_all(dir);
}

/// `gop: true` on a column, from the YAML source to the DOCX: the lead
/// agency repeated down the table is one vertically merged cell.
#[test]
fn a_gop_column_merges_equal_cells_in_the_docx() {
    let yaml = "co_quan: {ban_hanh: [UBND TỈNH X], viet_tat: UBND, ten: UBND tỉnh}\n\
        dia_danh: X\ntrich_yeu: Kế hoạch thử\nnoi_nhan: {}\n\
        ky: {chuc_vu: CHỦ TỊCH, ho_ten: Nguyễn Văn A}\n\
        noi_dung: [{tieu_de: MỤC ĐÍCH, noi_dung: [Theo Phụ lục.]}]\n\
        phu_luc:\n- tieu_de: Phân công\n  bang:\n    \
        cot: [{ten: STT, kieu: stt}, {ten: Nhiệm vụ}, {ten: Chủ trì, gop: true}]\n    \
        dong:\n    - o: [Việc 1, Sở Nội vụ]\n    - o: [Việc 2, Sở Nội vụ]\n    \
        - o: [Việc 3, Sở Nội vụ]\n    - o: [Việc 4, Sở Tư pháp]\n";
    let plan = kehoach::plan::load::load_str("gop.yaml", yaml.as_bytes())
        .unwrap_or_else(|d| panic!("{d:?}"))
        .plan;
    let doc = compose_with(&plan, &Options::default());
    let docx = kehoach::docx::write(&doc).unwrap();
    let xml = &crate::support::docx_read::unzip(&docx)["word/document.xml"];
    assert_eq!(
        xml.matches("<w:vMerge w:val=\"restart\"/>").count(),
        1,
        "{xml}"
    );
    assert_eq!(xml.matches("<w:vMerge/>").count(), 2);
    assert_eq!(xml.matches("Sở Nội vụ").count(), 1);
    assert_eq!(xml.matches("Sở Tư pháp").count(), 1);
}
