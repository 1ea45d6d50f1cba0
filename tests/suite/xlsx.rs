//! XLSX export and import: reference plans through a spreadsheet and back.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use kehoach::doc::{self, Align, RowKind, StyleId, VAlign};
use kehoach::plan::model::{self, Plan};
use kehoach::xlsx::{self, XlsxError};

use crate::support::tasks::{
    agency_entries, imported_sheet_task, plan_tasks, section_tasks, sheet_task, SheetTask,
};

// ---------------------------------------------------------------- builders

fn para(text: &str, bold: bool, italic: bool, align: Align) -> doc::Paragraph {
    doc::Paragraph {
        style: StyleId::TableText,
        format: doc::ParaFormat {
            bold,
            italic,
            ..doc::ParaFormat::plain(align, 12.0)
        },
        runs: vec![doc::Run {
            text: text.to_string(),
            bold,
            italic,
        }],
    }
}

fn cell(col: usize, lines: &[&str]) -> doc::Cell {
    doc::Cell {
        col,
        colspan: 1,
        rowspan: 1,
        valign: VAlign::Center,
        paragraphs: lines
            .iter()
            .map(|l| para(l, false, false, Align::Left))
            .collect(),
    }
}

fn span(mut c: doc::Cell, colspan: usize, rowspan: usize) -> doc::Cell {
    c.colspan = colspan;
    c.rowspan = rowspan;
    c
}

fn styled(mut c: doc::Cell, bold: bool, italic: bool) -> doc::Cell {
    for p in &mut c.paragraphs {
        p.format.bold = bold;
        p.format.italic = italic;
        for r in &mut p.runs {
            r.bold = bold;
            r.italic = italic;
        }
    }
    c
}

fn row(kind: RowKind, cells: Vec<doc::Cell>) -> doc::Row {
    doc::Row { kind, cells }
}

fn table(columns_mm: Vec<f32>, header: Vec<doc::Row>, body: Vec<doc::Row>) -> doc::Table {
    doc::Table {
        columns_mm,
        header_rows: header,
        body_rows: body,
        repeat_header: true,
        cant_split: true,
        borders: true,
        cell_padding_mm: 1.0,
    }
}

fn header_row(titles: &[&str]) -> doc::Row {
    row(
        RowKind::Header,
        titles
            .iter()
            .enumerate()
            .map(|(i, t)| styled(cell(i, &[t]), true, false))
            .collect(),
    )
}

/// A doc::Table from a plan's `bang`, the way an appendix prints it: the
/// STT computed as written hierarchy (1, 1.1, 1.1.1 or I / 1, 2 …), group
/// rows bold, in-cell lists as "- " paragraphs, spans kept.
fn table_from_bang(bang: &model::Table, width_mm: f32) -> doc::Table {
    let weights: Vec<f32> = bang.cot.iter().map(|c| c.rong.unwrap_or(1.0)).collect();
    let total: f32 = weights.iter().sum();
    let columns_mm = weights.iter().map(|w| w / total * width_mm).collect();
    let titles: Vec<&str> = bang.cot.iter().map(|c| c.ten.as_str()).collect();
    let mut header = vec![header_row(&titles)];
    if bang.so_cot {
        let numbers: Vec<String> = (1..=titles.len()).map(|i| i.to_string()).collect();
        let refs: Vec<&str> = numbers.iter().map(String::as_str).collect();
        let mut r = header_row(&refs);
        r.kind = RowKind::ColumnNumbers;
        header.push(r);
    }
    let stt_col = bang
        .cot
        .iter()
        .position(|c| c.kieu == model::ColumnKind::Stt);
    let mut body = Vec::new();
    let mut counters = (0u32, 0u32);
    add_rows(bang, &bang.dong, "", stt_col, &mut counters, &mut body);
    table(columns_mm, header, body)
}

fn add_rows(
    bang: &model::Table,
    rows: &[model::Row],
    prefix: &str,
    stt_col: Option<usize>,
    counters: &mut (u32, u32),
    out: &mut Vec<doc::Row>,
) {
    for (i, r) in rows.iter().enumerate() {
        let stt = match bang.stt {
            model::SttScheme::PhanCap => format!("{prefix}{}", i + 1),
            model::SttScheme::NhomLaMa if r.nhom => {
                counters.0 += 1;
                kehoach::vn::roman(counters.0).unwrap()
            }
            _ => {
                counters.1 += 1;
                counters.1.to_string()
            }
        };
        let stt = r.stt.clone().unwrap_or(stt);
        let mut cells = Vec::new();
        let offset = usize::from(stt_col.is_some());
        if let Some(c) = stt_col {
            cells.push(cell(c, &[&stt]));
        }
        for (j, o) in r.o.iter().enumerate() {
            let col = j + offset;
            let (lines, colspan, rowspan, bold, italic): (Vec<String>, usize, usize, bool, bool) =
                match o {
                    model::Cell::Empty(()) => continue,
                    model::Cell::Number(x) => {
                        (vec![kehoach::vn::decimal(*x, None)], 1, 1, false, false)
                    }
                    model::Cell::Text(t) => (vec![t.clone()], 1, 1, false, false),
                    model::Cell::Rich(rc) => {
                        let mut lines: Vec<String> = rc.text.iter().cloned().collect();
                        if let Some(x) = rc.so {
                            lines.push(kehoach::vn::decimal(x, None));
                        }
                        lines.extend(rc.ds.iter().map(|d| format!("- {d}")));
                        (
                            lines,
                            rc.ngang.unwrap_or(1) as usize,
                            rc.doc.unwrap_or(1) as usize,
                            rc.dam,
                            rc.nghieng,
                        )
                    }
                };
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            let c = styled(cell(col, &refs), bold || r.dam, italic || r.nghieng);
            cells.push(span(c, colspan, rowspan));
        }
        out.push(row(
            if r.nhom {
                RowKind::Group
            } else {
                RowKind::Normal
            },
            cells,
        ));
        add_rows(bang, &r.con, &format!("{stt}."), stt_col, counters, out);
    }
}

// ---------------------------------------------------------------- readers

fn load(name: &str) -> Plan {
    crate::support::cli::load_plan(&crate::support::cli::root().join("plans").join(name))
}

fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn sheet_range(xlsx: &[u8], sheet: &str) -> (calamine::Range<Data>, Vec<calamine::Dimensions>) {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx.to_vec())).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    let merges = book.worksheet_merge_cells(sheet).unwrap().unwrap();
    (range, merges)
}

fn value(range: &calamine::Range<Data>, r: u32, c: u32) -> Data {
    range.get_value((r, c)).cloned().unwrap_or(Data::Empty)
}

// ---------------------------------------------------------------- round trips

/// Case and a final colon aside, as a group row prints a section title.
fn heading_key(s: &str) -> String {
    s.trim().trim_end_matches([':', ' ']).to_lowercase()
}

/// The plan's tasks, found by walking the model itself (no exporter code),
/// go out on the task sheet `kehoach export-xlsx` adds and come back from
/// the import field by field and in order: title, lead and co-operating
/// agencies (ids resolved to registry names), deadline, product, and the
/// section each task sits in; once as the import's tasks and once as the
/// YAML it writes for pasting into a plan.
fn round_trip(file: &str, tasks_in_plan: usize) {
    let plan = load(file);
    let source =
        std::fs::read_to_string(crate::support::cli::root().join("plans").join(file)).unwrap();
    let written = source
        .lines()
        .filter(|l| l.trim_start().starts_with("- nhiem_vu:"))
        .count();
    assert_eq!(
        written, tasks_in_plan,
        "{file}: `nhiem_vu` blocks in the source"
    );
    let walked = plan_tasks(&plan);
    assert_eq!(walked.len(), tasks_in_plan, "{file}: tasks in the model");
    let want: Vec<SheetTask> = walked.iter().map(|p| sheet_task(&plan, p.task)).collect();

    let t = xlsx::task_table(&plan);
    let bytes =
        xlsx::export_tables(&[("Nhiệm vụ".into(), "Danh mục nhiệm vụ".into(), &t)]).unwrap();
    let imported = xlsx::import_tasks(&bytes, Some("Nhiệm vụ")).unwrap();
    assert_eq!(imported.sheet, "Nhiệm vụ");
    assert!(
        imported.unmapped.is_empty(),
        "{file}: {:?}",
        imported.unmapped
    );
    assert_eq!(
        imported.tasks.len(),
        tasks_in_plan,
        "{file}: tasks imported"
    );
    for (i, ((group, got), (w, p))) in imported
        .tasks
        .iter()
        .zip(want.iter().zip(&walked))
        .enumerate()
    {
        let at = format!(
            "{file}: task {} (Excel row {})",
            i + 1,
            imported.task_rows[i]
        );
        assert_eq!(&imported_sheet_task(got), w, "{at}");
        assert_eq!(
            group.as_deref().map(heading_key),
            p.sections.last().map(|s| heading_key(s)),
            "{at}: group"
        );
        // The sheet carries no actions, targets or notes: none invented.
        assert!(got.giai_phap.is_empty(), "{at}: {:?}", got.giai_phap);
        assert_eq!((&got.muc_tieu, &got.ghi_chu), (&None, &None), "{at}");
        // No registry id leaks into the sheet: ids are resolved to names.
        for a in got.chu_tri.iter().chain(&got.phoi_hop) {
            assert!(
                !plan.co_quan_lien_quan.iter().any(|r| r.id == *a),
                "{at}: id {a} not resolved"
            );
        }
    }

    // The YAML is plan content holding the same tasks, in the same order.
    assert!(
        imported.tasks_yaml.starts_with("# Nhập từ bảng tính"),
        "{}",
        imported.tasks_yaml
    );
    let sections: Vec<model::Section> = serde_yaml::from_str(&imported.tasks_yaml).unwrap();
    let from_yaml: Vec<SheetTask> = section_tasks(&sections)
        .iter()
        .map(|p| sheet_task(&plan, p.task))
        .collect();
    assert_eq!(from_yaml.len(), tasks_in_plan, "{file}: YAML task count");
    for (i, (got, w)) in from_yaml.iter().zip(&want).enumerate() {
        assert_eq!(got, w, "{file}: YAML task {}", i + 1);
    }
}

#[test]
fn daklak_tasks_survive_the_spreadsheet() {
    round_trip("daklak-2022-par-sipas.yaml", 22);
}

#[test]
fn gialai_tasks_survive_the_spreadsheet() {
    round_trip("gialai-2022-bqlkkt.yaml", 11);
}

/// An agency entry that itself contains “;” (“Sở Thông tin và Truyền
/// thông; các sở, ban, ngành…”) must come back from the task sheet as one
/// agency: split, the YAML pasted back would print it joined with “, ” and
/// the document's wording would change. Compares each task's lead and
/// co-operating agencies as the plan prints them (entries joined with “, ”).
#[test]
fn agency_wording_survives_the_spreadsheet() {
    for file in ["daklak-2022-par-sipas.yaml", "gialai-2022-bqlkkt.yaml"] {
        let plan = load(file);
        let t = xlsx::task_table(&plan);
        let bytes =
            xlsx::export_tables(&[("Nhiệm vụ".into(), "Danh mục nhiệm vụ".into(), &t)]).unwrap();
        let imported = xlsx::import_tasks(&bytes, Some("Nhiệm vụ")).unwrap();
        let sections: Vec<model::Section> = serde_yaml::from_str(&imported.tasks_yaml).unwrap();
        let back = section_tasks(&sections);
        let walked = plan_tasks(&plan);
        assert_eq!(back.len(), walked.len(), "{file}");
        let printed = |p: &Plan, l: &[String]| agency_entries(p, l).join(", ");
        let changed: Vec<String> = walked
            .iter()
            .zip(&back)
            .enumerate()
            .flat_map(|(i, (w, b))| {
                [
                    ("chu_tri", &w.task.chu_tri, &b.task.chu_tri),
                    ("phoi_hop", &w.task.phoi_hop, &b.task.phoi_hop),
                ]
                .into_iter()
                .filter(|(_, w, b)| printed(&plan, w) != printed(&plan, b))
                .map(move |(k, w, b)| format!("task {} {k}: {w:?} → {b:?}", i + 1))
                .collect::<Vec<_>>()
            })
            .collect();
        assert!(changed.is_empty(), "{file}:\n{}", changed.join("\n"));
    }
}

#[test]
fn products_and_free_text_agencies_survive() {
    let mut plan = load("gialai-2022-bqlkkt.yaml");
    let task = model::Task {
        id: None,
        tieu_de: "Xây dựng Cơ sở dữ liệu cán bộ, công chức".into(),
        muc_tieu: None,
        giai_phap: vec![],
        chu_tri: vec!["vp".into(), "Phòng Quản lý doanh nghiệp".into()],
        phoi_hop: vec!["Sở Nội vụ".into(), "Sở Thông tin và Truyền thông".into()],
        thoi_han: Some("Quý III/2022".into()),
        san_pham: Some("Phần mềm được đưa vào sử dụng".into()),
        ghi_chu: None,
        nhan: Default::default(),
    };
    plan.noi_dung.push(model::Section {
        tieu_de: Some("NHIỆM VỤ BỔ SUNG".into()),
        dan: None,
        noi_dung: vec![model::Block::Keyed(model::KeyedBlock::NhiemVu(task))],
    });
    let t = xlsx::task_table(&plan);
    let bytes = xlsx::export_tables(&[("Phụ lục".into(), String::new(), &t)]).unwrap();
    let imported = xlsx::import_tasks(&bytes, Some("phụ lục")).unwrap();
    let (group, last) = imported.tasks.last().unwrap();
    assert_eq!(group.as_deref(), Some("NHIỆM VỤ BỔ SUNG"));
    let vp = plan
        .co_quan_lien_quan
        .iter()
        .find(|a| a.id == "vp")
        .unwrap()
        .ten
        .clone();
    assert_eq!(
        last.chu_tri,
        vec![vp, "Phòng Quản lý doanh nghiệp".to_string()]
    );
    assert_eq!(
        last.phoi_hop,
        vec!["Sở Nội vụ", "Sở Thông tin và Truyền thông"]
    );
    assert_eq!(last.thoi_han.as_deref(), Some("Quý III/2022"));
    assert_eq!(
        last.san_pham.as_deref(),
        Some("Phần mềm được đưa vào sử dụng")
    );
}

/// The sheet agencies fill in and the composed task appendix
/// (`tu_nhiem_vu: true`) list the same column titles, rows, numbers, group
/// titles and task order.
#[test]
fn the_task_sheet_has_the_rows_of_the_composed_task_appendix() {
    let plan: Plan = serde_yaml::from_str(
        &std::fs::read_to_string(format!(
            "{}/tests/golden/mini.yaml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let appendix = plan.phu_luc.iter().position(|a| a.tu_nhiem_vu).unwrap();
    let document = kehoach::compose::compose(&plan, "mini.yaml", &Default::default()).unwrap();
    let composed = document.sections[appendix + 1].tables().next().unwrap();
    let sheet = xlsx::task_table(&plan);
    let first_lines = |t: &doc::Table| -> Vec<(RowKind, Vec<String>)> {
        t.header_rows
            .iter()
            .chain(&t.body_rows)
            .map(|r| {
                let cells = r
                    .cells
                    .iter()
                    .map(|c| c.paragraphs.first().map(|p| p.text()).unwrap_or_default())
                    .collect();
                (r.kind, cells)
            })
            .collect()
    };
    let (want, got) = (first_lines(composed), first_lines(&sheet));
    assert!(want.len() >= 4, "{want:?}");
    assert_eq!(got.len(), want.len());
    for (w, g) in want.iter().zip(&got) {
        assert_eq!(g.0, w.0);
        assert_eq!(g.1.len(), w.1.len(), "{g:?} / {w:?}");
        // STT, group titles and column titles as printed; a task title as
        // written, which the appendix prints without its final colon.
        assert_eq!(g.1[0], w.1[0]);
        if w.0 == RowKind::Normal {
            assert_eq!(g.1[1].trim_end_matches([':', ' ']), w.1[1]);
        } else {
            assert_eq!(g.1[1..], w.1[1..]);
        }
    }
    // The sheet's columns keep the appendix's proportions.
    let ratio = |t: &doc::Table| t.columns_mm[1] / t.columns_mm[0];
    assert!((ratio(&sheet) - ratio(composed)).abs() < 0.1);
}

#[test]
fn vinhphuc_appendix_rows_all_accounted_for() {
    let plan = load("vinhphuc-2024-par.yaml");
    let bang = plan.phu_luc[0].bang.as_ref().unwrap();
    let t = table_from_bang(bang, 262.0);
    let title = plan.phu_luc[0].tieu_de.clone();
    let bytes = xlsx::export_tables(&[("Phụ lục".into(), title, &t)]).unwrap();
    let imported = xlsx::import_tasks(&bytes, None).unwrap();

    let data_rows = t.body_rows.len();
    let group_rows = t
        .body_rows
        .iter()
        .filter(|r| r.kind == RowKind::Group)
        .count();
    assert_eq!(
        imported.groups.len() + imported.tasks.len() + imported.unmapped.len(),
        data_rows,
        "every data row is a group, a task or reported"
    );
    for (g, want) in imported
        .groups
        .iter()
        .zip(t.body_rows.iter().filter(|r| r.kind == RowKind::Group))
    {
        let text: String = want.cells[1].paragraphs.iter().map(|p| p.text()).collect();
        assert_eq!(g.title, text, "group at row {}", g.row);
    }
    assert_eq!(imported.groups.len(), group_rows);
    assert_eq!(imported.tasks.len(), data_rows - group_rows);
    assert!(imported.unmapped.is_empty(), "{:?}", imported.unmapped);

    // The criterion is the title, the "Nhiệm vụ / Chỉ tiêu" text the actions.
    let (group, first) = &imported.tasks[0];
    assert_eq!(
        group.as_deref(),
        Some("CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH")
    );
    assert_eq!(first.tieu_de, "Thực hiện kế hoạch cải cách hành chính");
    assert_eq!(
        first.giai_phap,
        vec![model::Block::Text(
            "Hoàn thành 100% nhiệm vụ cải cách hành chính theo Kế hoạch năm 2024 của tỉnh".into()
        )]
    );
    assert_eq!(first.chu_tri, vec!["Sở Nội vụ"]);
    assert_eq!(first.thoi_han.as_deref(), Some("Trong năm 2024"));
    // "1.2 Kiểm tra cải cách hành chính" is a subgroup of group 1.
    let sub = imported
        .groups
        .iter()
        .find(|g| g.title == "Kiểm tra cải cách hành chính")
        .unwrap();
    assert_eq!(sub.level, 2);
    // In-cell lists come back as separate actions without their dashes.
    let tuyen_truyen = imported
        .tasks
        .iter()
        .find(|(_, t)| t.tieu_de == "Công tác tuyên truyền cải cách hành chính")
        .unwrap();
    assert_eq!(tuyen_truyen.1.giai_phap.len(), 2);
    assert_eq!(
        tuyen_truyen.0.as_deref(),
        Some("CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH")
    );
    // The YAML nests the subgroup as a `muc` and parses as plan sections.
    let sections: Vec<model::Section> = serde_yaml::from_str(&imported.tasks_yaml).unwrap();
    assert_eq!(
        sections.len(),
        imported.groups.iter().filter(|g| g.level == 1).count()
    );
    assert!(sections[0].noi_dung.iter().any(|b| matches!(
        b,
        model::Block::Keyed(model::KeyedBlock::Muc(s)) if s.tieu_de.as_deref() == Some("Kiểm tra cải cách hành chính")
    )));
}

// ---------------------------------------------------------------- written-out tables, cell by cell

/// What one sheet position must hold.
#[derive(Debug, Clone, PartialEq)]
enum Want {
    Empty,
    Text(String),
    Number(f64),
}

/// One grid position of a plan table as the plan writes it.
#[derive(Debug, Clone)]
struct Slot {
    want: Want,
    /// The lines the cell prints (in-cell list items as "- …"); for a
    /// position a vertical merge covers, the lines of the merged cell.
    lines: Vec<String>,
}

/// A plan row in display order (each row, then its `con`).
struct PlanRow<'a> {
    row: &'a model::Row,
    depth: usize,
    stt: String,
    /// Texts of the enclosing group rows, outermost first.
    groups: Vec<String>,
}

/// Roman numerals for group numbers (the rule itself is tested in `vn`).
fn roman(n: u32) -> String {
    kehoach::vn::roman(n).unwrap_or_default()
}

/// Lines a plan cell prints: its text, its number, its list items.
fn cell_lines(c: &model::Cell, places: Option<u8>) -> Vec<String> {
    let number = |x: f64| kehoach::vn::decimal(x, places);
    match c {
        model::Cell::Empty(()) => vec![],
        model::Cell::Number(x) => vec![number(*x)],
        model::Cell::Text(t) => vec![t.clone()],
        model::Cell::Rich(r) => r
            .text
            .iter()
            .cloned()
            .chain(r.so.map(number))
            .chain(r.ds.iter().map(|d| format!("- {d}")))
            .collect(),
    }
}

/// The first text of a plan cell (a group row's title).
fn cell_text(c: &model::Cell) -> String {
    match c {
        model::Cell::Text(t) => t.clone(),
        model::Cell::Rich(r) => r.text.clone().unwrap_or_default(),
        _ => String::new(),
    }
}

/// The rows of a written-out table in display order with the STT each
/// prints: `phan_cap` 1, 1.1, 1.1.1 by depth; `lien_tuc` 1, 2, 3 and none
/// for groups; `nhom_la_ma` I, II for groups and 1, 2 … restarting under
/// each group. An explicit `stt` replaces the number, which still counts.
fn plan_rows(bang: &model::Table) -> Vec<PlanRow<'_>> {
    struct Counter {
        path: Vec<u32>,
        running: u32,
        groups: u32,
    }
    fn walk<'a>(
        scheme: model::SttScheme,
        rows: &'a [model::Row],
        depth: usize,
        groups: &mut Vec<String>,
        n: &mut Counter,
        out: &mut Vec<PlanRow<'a>>,
    ) {
        for r in rows {
            let computed = match scheme {
                model::SttScheme::PhanCap => {
                    n.path.resize(depth + 1, 0);
                    n.path[depth] += 1;
                    n.path
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(".")
                }
                model::SttScheme::LienTuc if r.nhom => String::new(),
                model::SttScheme::NhomLaMa if r.nhom => {
                    n.groups += 1;
                    n.running = 0;
                    roman(n.groups)
                }
                _ => {
                    n.running += 1;
                    n.running.to_string()
                }
            };
            out.push(PlanRow {
                row: r,
                depth,
                stt: r.stt.clone().unwrap_or(computed),
                groups: groups.clone(),
            });
            if r.nhom {
                groups.push(r.o.first().map(cell_text).unwrap_or_default());
            }
            walk(scheme, &r.con, depth + 1, groups, n, out);
            if r.nhom {
                groups.pop();
            }
        }
    }
    let mut out = Vec::new();
    let mut counter = Counter {
        path: Vec::new(),
        running: 0,
        groups: 0,
    };
    walk(
        bang.stt,
        &bang.dong,
        0,
        &mut Vec::new(),
        &mut counter,
        &mut out,
    );
    out
}

/// The body grid of a written-out table as the sheet must show it: STT in
/// its column, each cell at the next grid position its row leaves free
/// (positions merged down from above are skipped), a merged cell's content
/// once in its top-left position, numbers as numbers. Also the merged
/// regions, as (first row, first column, last row, last column) of the body.
#[allow(clippy::type_complexity)]
fn plan_grid(
    bang: &model::Table,
    rows: &[PlanRow],
) -> (Vec<Vec<Slot>>, Vec<(usize, usize, usize, usize)>) {
    let n = bang.cot.len();
    let stt_col = bang
        .cot
        .iter()
        .position(|c| c.kieu == model::ColumnKind::Stt);
    let data_cols: Vec<&model::Column> = bang
        .cot
        .iter()
        .filter(|c| c.kieu != model::ColumnKind::Stt)
        .collect();
    let empty = Slot {
        want: Want::Empty,
        lines: vec![],
    };
    let mut grid = vec![vec![empty; n]; rows.len()];
    let mut merges = Vec::new();
    // Rows still covered in each column by a cell merged down from above,
    // and that cell's lines.
    let mut covered: Vec<(usize, Vec<String>)> = vec![(0, vec![]); n];
    for (ri, pr) in rows.iter().enumerate() {
        // (cell, columns spanned, rows spanned), STT cell included.
        let mut cells: Vec<(Want, Vec<String>, usize, usize)> = Vec::new();
        for (di, c) in pr.row.o.iter().enumerate() {
            let places = data_cols.get(di).and_then(|col| col.so_le);
            let round = |x: f64| match places {
                Some(p) => (x * 10f64.powi(p.into())).round() / 10f64.powi(p.into()),
                None => x,
            };
            let lines = cell_lines(c, places);
            let want = match c {
                model::Cell::Number(x) => Want::Number(round(*x)),
                model::Cell::Rich(r) if r.text.is_none() && r.ds.is_empty() && r.so.is_some() => {
                    Want::Number(round(r.so.unwrap()))
                }
                _ if lines.is_empty() => Want::Empty,
                _ => Want::Text(lines.join("\n")),
            };
            let (ngang, doc) = match c {
                model::Cell::Rich(r) => (r.ngang.unwrap_or(1), r.doc.unwrap_or(1)),
                _ => (1, 1),
            };
            cells.push((want, lines, ngang.max(1) as usize, doc.max(1) as usize));
        }
        if let Some(sc) = stt_col {
            let stt = Want::Text(pr.stt.clone());
            let stt = if pr.stt.is_empty() { Want::Empty } else { stt };
            cells.insert(sc.min(cells.len()), (stt, vec![pr.stt.clone()], 1, 1));
        }
        let mut cells = cells.into_iter();
        let mut c = 0;
        while c < n {
            if covered[c].0 > 0 {
                covered[c].0 -= 1;
                grid[ri][c].lines = covered[c].1.clone();
                c += 1;
                continue;
            }
            let Some((want, lines, ngang, doc)) = cells.next() else {
                break;
            };
            assert!(c + ngang <= n, "row {} is wider than the table", pr.stt);
            if ngang > 1 || doc > 1 {
                merges.push((ri, c, ri + doc - 1, c + ngang - 1));
            }
            for cov in &mut covered[c..c + ngang] {
                *cov = (doc - 1, lines.clone());
            }
            grid[ri][c] = Slot { want, lines };
            c += ngang;
        }
        assert!(
            cells.next().is_none(),
            "row {} has cells past the table",
            pr.stt
        );
    }
    (grid, merges)
}

/// Whether a sheet value is what the plan wrote there.
fn holds(got: &Data, want: &Want) -> bool {
    match (want, got) {
        (Want::Empty, Data::Empty) => true,
        (Want::Empty, Data::String(s)) => s.is_empty(),
        (Want::Text(t), Data::String(s)) => s == t,
        // Figures typed as text in an all-numeric column are numbers too.
        (Want::Text(t), Data::Float(v)) => {
            kehoach::vn::parse_decimal(t).is_some_and(|(x, _, _)| x == *v)
        }
        (Want::Number(x), Data::Float(v)) => (x - v).abs() < 1e-9,
        _ => false,
    }
}

/// Exports a plan's appendices as `kehoach export-xlsx` does (composed
/// document, one sheet per appendix table) and returns the bytes and the
/// sheet names, in appendix order.
fn export_appendices(plan: &Plan, file: &str) -> (Vec<u8>, Vec<String>) {
    let document = kehoach::compose::compose(plan, file, &Default::default()).unwrap();
    let tables = xlsx::tables_of(&document);
    let bytes = xlsx::export_tables(&tables).unwrap();
    let book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let names = book.sheet_names();
    (bytes, names)
}

/// Every row of a written-out appendix table (child rows included) is on
/// its sheet with every cell as the plan wrote it; returns the sheet row
/// (0-based) of the first body row.
fn assert_sheet_holds_table(bytes: &[u8], sheet: &str, bang: &model::Table) -> u32 {
    assert!(
        bang.tieu_de_tren.is_empty(),
        "multi-level headers not handled"
    );
    let (range, sheet_merges) = sheet_range(bytes, sheet);
    let n = bang.cot.len();
    let titles: Vec<Data> = bang
        .cot
        .iter()
        .map(|c| Data::String(c.ten.clone()))
        .collect();
    let height = range.end().map_or(0, |e| e.0 + 1);
    let header = (0..height)
        .find(|&r| (0..n).all(|c| value(&range, r, c as u32) == titles[c]))
        .unwrap_or_else(|| panic!("{sheet}: no row with the column titles {titles:?}"));
    let mut first = header + 1;
    if bang.so_cot {
        for c in 0..n {
            let got = value(&range, first, c as u32);
            assert!(
                holds(&got, &Want::Text((c + 1).to_string())),
                "{sheet}: column number {} is {got:?}",
                c + 1
            );
        }
        first += 1;
    }
    let rows = plan_rows(bang);
    let (grid, merges) = plan_grid(bang, &rows);
    let mut wrong = Vec::new();
    for (ri, (slots, pr)) in grid.iter().zip(&rows).enumerate() {
        for (c, slot) in slots.iter().enumerate() {
            let got = value(&range, first + ri as u32, c as u32);
            if !holds(&got, &slot.want) {
                wrong.push(format!(
                    "row “{}” (Excel {}), column {}: {got:?}, plan {:?}",
                    pr.stt,
                    first + ri as u32 + 1,
                    c + 1,
                    slot.want
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{sheet}: {} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    // Merged cells are merged on the sheet: the same rows, from the same
    // column (a group title may be widened over the blank cells after it).
    for (r0, c0, r1, c1) in merges {
        let (r0, r1) = (first + r0 as u32, first + r1 as u32);
        assert!(
            sheet_merges
                .iter()
                .any(|m| m.start == (r0, c0 as u32) && m.end.0 == r1 && m.end.1 >= c1 as u32),
            "{sheet}: cells {r0},{c0} to {r1},{c1} not merged: {sheet_merges:?}"
        );
    }
    // Nothing after the table but its total row.
    let after = first + rows.len() as u32 + u32::from(bang.dong_tong.is_some());
    assert_eq!(height, after, "{sheet}: rows after the table");
    if let Some(label) = &bang.dong_tong {
        assert_eq!(value(&range, after - 1, 0), Data::String(label.clone()));
        // Each `tong` column: the rows' own numbers, or their children's sum.
        fn own(r: &model::Row, data_col: usize) -> Option<f64> {
            let mut col = 0;
            for c in &r.o {
                let x = match c {
                    model::Cell::Number(x) => Some(*x),
                    model::Cell::Rich(rc) => rc.so,
                    _ => None,
                };
                if col == data_col {
                    return x;
                }
                col += match c {
                    model::Cell::Rich(rc) => rc.ngang.unwrap_or(1).max(1) as usize,
                    _ => 1,
                };
            }
            None
        }
        fn sum(rows: &[model::Row], data_col: usize) -> Option<f64> {
            rows.iter()
                .filter_map(|r| own(r, data_col).or_else(|| sum(&r.con, data_col)))
                .reduce(|a, b| a + b)
        }
        let stt_col = bang
            .cot
            .iter()
            .position(|c| c.kieu == model::ColumnKind::Stt);
        let mut summed = 0;
        for (c, col) in bang.cot.iter().enumerate().filter(|(_, c)| c.tong) {
            let data_col = c - usize::from(stt_col.is_some_and(|s| s < c));
            let want = sum(&bang.dong, data_col).unwrap();
            let got = value(&range, after - 1, c as u32);
            assert!(
                matches!(got, Data::Float(v) if (v - want).abs() < 1e-6),
                "{sheet}: total of “{}” is {got:?}, rows sum to {want}",
                col.ten
            );
            summed += 1;
        }
        assert!(summed > 0, "{sheet}: a total row sums some column");
    }
    first
}

/// Vĩnh Phúc's appendix is a hand-written table (`bang`): every one of its
/// rows, child rows at every depth included, is on the sheet with its
/// computed STT (and the explicit blank ones), every cell's text as
/// written, in-cell lists one item per line, group titles merged across.
#[test]
fn vinhphuc_appendix_cells_survive_the_spreadsheet() {
    let file = "vinhphuc-2024-par.yaml";
    let plan = load(file);
    assert_eq!(plan.phu_luc.len(), 1);
    let bang = plan.phu_luc[0].bang.as_ref().unwrap();
    let (bytes, sheets) = export_appendices(&plan, file);
    assert_eq!(sheets.len(), 1, "{sheets:?}");
    let rows = plan_rows(bang);
    // The table as the YAML writes it: 8 parts, 106 rows at three depths,
    // 31 of them group rows, three with an explicit blank STT.
    assert_eq!(bang.dong.len(), 8);
    assert_eq!(rows.len(), 106);
    assert_eq!(rows.iter().filter(|r| r.depth == 2).count(), 63);
    assert_eq!(rows.iter().filter(|r| r.row.nhom).count(), 31);
    assert_eq!(
        rows.iter()
            .filter(|r| r.row.stt.as_deref() == Some(""))
            .count(),
        3
    );
    assert_sheet_holds_table(&bytes, &sheets[0], bang);
    // No task sheet: the plan has no `nhiem_vu`.
    assert!(plan_tasks(&plan).is_empty());
    assert!(xlsx::task_table(&plan).body_rows.is_empty());
}

/// The Vĩnh Phúc sheet read back by the import: each group row a group at
/// its level, each other row a task under its innermost group with the
/// criterion as title, the “Nhiệm vụ / Chỉ tiêu” lines as actions, the
/// agencies one per line, the deadline; nothing left over.
#[test]
fn vinhphuc_appendix_rows_import_as_groups_and_tasks() {
    let file = "vinhphuc-2024-par.yaml";
    let plan = load(file);
    let bang = plan.phu_luc[0].bang.as_ref().unwrap();
    let titles: Vec<&str> = bang.cot.iter().map(|c| c.ten.as_str()).collect();
    assert_eq!(
        titles,
        [
            "TT",
            "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
            "Nhiệm vụ / Chỉ tiêu",
            "Cơ quan chủ trì, thực hiện",
            "Cơ quan Phối hợp",
            "Thời gian hoàn thành"
        ],
        "the columns this test maps to task fields"
    );
    let (bytes, sheets) = export_appendices(&plan, file);
    let first = assert_sheet_holds_table(&bytes, &sheets[0], bang);
    let imported = xlsx::import_tasks(&bytes, Some(&sheets[0])).unwrap();
    assert!(imported.unmapped.is_empty(), "{:?}", imported.unmapped);

    let rows = plan_rows(bang);
    let (grid, _) = plan_grid(bang, &rows);
    let strip = |l: &String| l.strip_prefix("- ").unwrap_or(l).trim().to_string();
    // One agency per line; a “;” inside a line is the plan's own wording.
    let agencies = |lines: &[String]| -> Vec<String> {
        lines
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let mut want_groups = Vec::new();
    let mut want_tasks = Vec::new();
    for (ri, (pr, slots)) in rows.iter().zip(&grid).enumerate() {
        let excel_row = first as usize + ri + 1;
        if pr.row.nhom {
            want_groups.push((excel_row, pr.depth + 1, slots[1].lines.join(" ")));
            continue;
        }
        let opt = |l: &[String]| (!l.is_empty()).then(|| l.join(" "));
        want_tasks.push((
            excel_row,
            pr.groups.last().cloned(),
            SheetTask {
                title: slots[1].lines.join(" "),
                chu_tri: agencies(&slots[3].lines),
                phoi_hop: agencies(&slots[4].lines),
                thoi_han: opt(&slots[5].lines),
                san_pham: None,
            },
            slots[2]
                .lines
                .iter()
                .map(strip)
                .filter(|l| !l.is_empty())
                .map(model::Block::Text)
                .collect::<Vec<_>>(),
        ));
    }
    let got_groups: Vec<(usize, usize, String)> = imported
        .groups
        .iter()
        .map(|g| (g.row, g.level, g.title.clone()))
        .collect();
    assert_eq!(got_groups, want_groups);
    assert_eq!(imported.tasks.len(), want_tasks.len());
    for (i, ((group, t), want)) in imported.tasks.iter().zip(&want_tasks).enumerate() {
        let row = imported.task_rows[i];
        assert_eq!(row, want.0, "task {}", i + 1);
        assert_eq!(group, &want.1, "row {row}: group");
        assert_eq!(imported_sheet_task(t), want.2, "row {row}");
        assert_eq!(t.giai_phap, want.3, "row {row}: actions");
    }
}

#[test]
fn gialai_target_table_with_column_numbers_and_roman_groups() {
    let plan = load("gialai-2022-bqlkkt.yaml");
    let bang = plan.phu_luc[0].bang.as_ref().unwrap();
    let t = table_from_bang(bang, 262.0);
    assert_eq!(t.header_rows.len(), 2, "titles and the 1 2 3 … row");
    let bytes = xlsx::export_tables(&[("Phụ lục".into(), String::new(), &t)]).unwrap();
    let imported = xlsx::import_tasks(&bytes, None).unwrap();
    let groups = t
        .body_rows
        .iter()
        .filter(|r| r.kind == RowKind::Group)
        .count();
    assert!(groups >= 5);
    assert_eq!(imported.groups.len(), groups);
    assert!(imported.groups.iter().all(|g| g.level == 1));
    assert_eq!(imported.tasks.len(), t.body_rows.len() - groups);
    assert!(imported.unmapped.is_empty(), "{:?}", imported.unmapped);
    // The column-number row is not data: the first task is the first row
    // under group I.
    let (group, first) = &imported.tasks[0];
    assert_eq!(group.as_deref(), Some("CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC"));
    assert_eq!(first.tieu_de, "TC 1.1 - Thực hiện kế hoạch CCHC");
    assert_eq!(first.muc_tieu.as_deref(), Some("Hoàn thành 100% kế hoạch"));
    assert_eq!(first.chu_tri, vec!["Văn phòng"]);
    assert_eq!(first.phoi_hop, vec!["Các phòng chuyên môn"]);
    assert_eq!(
        first.thoi_han.as_deref(),
        Some("Thường xuyên trong năm/theo kế hoạch")
    );
}

#[test]
fn two_level_header_is_read_as_one() {
    let top = row(
        RowKind::Header,
        vec![
            span(cell(0, &["TT"]), 1, 2),
            span(cell(1, &["Nhiệm vụ"]), 1, 2),
            span(cell(2, &["Cơ quan"]), 2, 1),
            span(cell(4, &["Thời hạn"]), 1, 2),
        ],
    );
    let second = row(
        RowKind::Header,
        vec![cell(2, &["Chủ trì"]), cell(3, &["Phối hợp"])],
    );
    let t = table(
        vec![10.0, 80.0, 40.0, 40.0, 30.0],
        vec![top, second],
        vec![row(
            RowKind::Normal,
            vec![
                cell(0, &["1"]),
                cell(1, &["Số hóa hồ sơ"]),
                cell(2, &["Sở Nội vụ"]),
                cell(3, &["Sở Tài chính"]),
                cell(4, &["Quý II/2024"]),
            ],
        )],
    );
    let bytes = xlsx::export_tables(&[("Bảng".into(), String::new(), &t)]).unwrap();
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("ySplit=\"4\""),
        "frozen below both header rows"
    );
    let r = xlsx::import_tasks(&bytes, None).unwrap();
    assert!(r.unmapped.is_empty(), "{:?}", r.unmapped);
    assert_eq!(r.tasks.len(), 1);
    let t = &r.tasks[0].1;
    assert_eq!(t.tieu_de, "Số hóa hồ sơ");
    assert_eq!(t.chu_tri, vec!["Sở Nội vụ"]);
    assert_eq!(t.phoi_hop, vec!["Sở Tài chính"]);
    assert_eq!(t.thoi_han.as_deref(), Some("Quý II/2024"));
}

// ---------------------------------------------------------------- export format

#[test]
fn numbers_spans_and_emphasis_in_the_daklak_score_table() {
    let plan = load("daklak-2022-par-sipas.yaml");
    let bang = plan.phu_luc[0].bang.as_ref().unwrap();
    let t = table_from_bang(bang, 262.0);
    let title = plan.phu_luc[0].tieu_de.clone();
    let bytes = xlsx::export_tables(&[("Phụ lục I".into(), title.clone(), &t)]).unwrap();
    let (range, merges) = sheet_range(&bytes, "Phụ lục I");
    // Rows: 0 label, 1 title, 2 blank, 3 header, 4 first body row.
    assert_eq!(value(&range, 0, 0), Data::String("Phụ lục I".into()));
    assert_eq!(value(&range, 1, 0), Data::String(title));
    assert_eq!(
        value(&range, 3, 1),
        Data::String("Lĩnh vực/Tiêu chí/Tiêu chí thành phần".into())
    );
    assert_eq!(
        value(&range, 4, 0),
        Data::String("1".into()),
        "STT stays text"
    );
    assert_eq!(value(&range, 4, 2), Data::Float(8.5), "scores are numbers");
    assert_eq!(value(&range, 5, 2), Data::Float(1.5));
    assert_eq!(
        value(&range, 4, 4),
        Data::String("10/63".into()),
        "ranks stay text"
    );
    // Label and title merged across the six columns; "Sở Nội vụ" over six rows.
    assert!(merges.iter().any(|m| m.start == (0, 0) && m.end == (0, 5)));
    assert!(merges.iter().any(|m| m.start == (1, 0) && m.end == (1, 5)));
    assert!(
        merges.iter().any(|m| m.start == (5, 5) && m.end == (10, 5)),
        "{merges:?}"
    );
    assert_eq!(value(&range, 5, 5), Data::String("Sở Nội vụ".into()));

    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let doc = roxmltree::Document::parse(&sheet).unwrap();
    let pane = doc.descendants().find(|n| n.has_tag_name("pane")).unwrap();
    assert_eq!(
        pane.attribute("ySplit"),
        Some("4"),
        "frozen below the header"
    );
    assert_eq!(pane.attribute("state"), Some("frozen"));
    let setup = doc
        .descendants()
        .find(|n| n.has_tag_name("pageSetup"))
        .unwrap();
    assert_eq!(setup.attribute("orientation"), Some("landscape"));
    assert_eq!(setup.attribute("paperSize"), Some("9"));
    assert_eq!(setup.attribute("fitToWidth"), None, "default 1 page wide");
    assert_eq!(setup.attribute("fitToHeight"), Some("0"));
    // Column widths follow columns_mm (pixels at 96 dpi → Excel widths).
    // Adjacent equal widths share one <col min max> element.
    let mut cols: Vec<f64> = Vec::new();
    for n in doc.descendants().filter(|n| n.has_tag_name("col")) {
        let w: f64 = n.attribute("width").unwrap().parse().unwrap();
        let min: usize = n.attribute("min").unwrap().parse().unwrap();
        let max: usize = n.attribute("max").unwrap().parse().unwrap();
        cols.extend(std::iter::repeat_n(w, max - min + 1));
    }
    assert_eq!(cols.len(), 6);
    let ratio = cols[1] / cols[0];
    let want = t.columns_mm[1] / t.columns_mm[0];
    assert!(
        (ratio - f64::from(want)).abs() < 0.3,
        "{cols:?} vs {:?}",
        t.columns_mm
    );

    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "header rows repeat on print"
    );
    assert!(workbook.contains("$4:$4"), "{workbook}");

    let styles = part(&bytes, "xl/styles.xml");
    let sdoc = roxmltree::Document::parse(&styles).unwrap();
    let fonts: Vec<_> = sdoc
        .descendants()
        .filter(|n| n.has_tag_name("font"))
        .collect();
    assert!(fonts.iter().skip(1).all(|f| f
        .children()
        .any(|c| c.has_tag_name("name") && c.attribute("val") == Some("Times New Roman"))));
    assert!(
        fonts
            .iter()
            .any(|f| f.children().any(|c| c.has_tag_name("b"))),
        "bold font"
    );
    assert!(
        fonts
            .iter()
            .any(|f| f.children().any(|c| c.has_tag_name("i"))),
        "italic rows 2.4.x"
    );
    assert!(
        styles.contains("formatCode=\"0.0"),
        "decimals shown: {styles}"
    );
    let c5 = doc
        .descendants()
        .find(|n| n.attribute("r") == Some("C5"))
        .unwrap();
    assert_eq!(c5.attribute("t"), None, "a number cell, not a string");
    assert!(styles.contains("wrapText=\"1\""));
}

#[test]
fn same_input_same_bytes() {
    let plan = load("daklak-2022-par-sipas.yaml");
    let t = xlsx::task_table(&plan);
    let a = xlsx::export_tables(&[("Phụ lục II".into(), "NHIỆM VỤ".into(), &t)]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = xlsx::export_tables(&[("Phụ lục II".into(), "NHIỆM VỤ".into(), &t)]).unwrap();
    assert_eq!(a, b);
    let core = part(&a, "docProps/core.xml");
    assert!(core.contains("2000-01-01T00:00:00Z"), "{core}");
    let c = xlsx::export_tables(&[("Phụ lục II".into(), "NHIỆM VỤ KHÁC".into(), &t)]).unwrap();
    assert_ne!(a, c);
}

#[test]
fn mixed_emphasis_and_in_cell_lists() {
    let mut rich = cell(1, &["Tiêu chí ", "“Công khai”"]);
    rich.paragraphs = vec![doc::Paragraph {
        runs: vec![
            doc::Run {
                text: "Tiêu chí ".into(),
                bold: false,
                italic: false,
            },
            doc::Run {
                text: "“Công khai”".into(),
                bold: true,
                italic: false,
            },
        ],
        ..para("", false, false, Align::Left)
    }];
    let t = table(
        vec![10.0, 80.0, 40.0],
        vec![header_row(&["TT", "Nội dung", "Chủ trì"])],
        vec![row(
            RowKind::Normal,
            vec![
                cell(0, &["1"]),
                rich,
                cell(2, &["- Sở Nội vụ", "- Sở Tư pháp"]),
            ],
        )],
    );
    let bytes = xlsx::export_tables(&[("Bảng".into(), String::new(), &t)]).unwrap();
    let (range, _) = sheet_range(&bytes, "Bảng");
    // Rows: 0 label, 1 blank, 2 header, 3 body.
    assert_eq!(
        value(&range, 3, 1),
        Data::String("Tiêu chí “Công khai”".into())
    );
    assert_eq!(
        value(&range, 3, 2),
        Data::String("- Sở Nội vụ\n- Sở Tư pháp".into())
    );
    let shared = part(&bytes, "xl/sharedStrings.xml");
    assert!(shared.contains("<r>"), "rich text runs kept: {shared}");
    // Narrow table: portrait.
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("landscape"));
    // The list splits back into agencies, dashes removed.
    let imported = xlsx::import_tasks(&bytes, None).unwrap();
    assert_eq!(imported.tasks[0].1.chu_tri, vec!["Sở Nội vụ", "Sở Tư pháp"]);
    assert_eq!(imported.tasks[0].1.tieu_de, "Tiêu chí “Công khai”");
}

#[test]
fn sheet_names_follow_excel_rules() {
    assert_eq!(xlsx::sheet_name("Phụ lục I"), "Phụ lục I");
    assert_eq!(
        xlsx::sheet_name("Phụ lục [I]: a/b*c?d\\e"),
        "Phụ lục -I-- a-b-c-d-e"
    );
    let long = "Phụ lục IV - Danh mục nhiệm vụ trọng tâm năm 2024";
    let cut = xlsx::sheet_name(long);
    assert!(
        cut.chars().count() <= 31 && long.starts_with(&cut) && cut.len() > 20,
        "{cut}"
    );
    assert_eq!(xlsx::sheet_name("''"), "Bảng");
    let t = table(
        vec![20.0, 60.0],
        vec![header_row(&["TT", "Nhiệm vụ"])],
        vec![],
    );
    let bytes = xlsx::export_tables(&[
        ("Phụ lục".into(), String::new(), &t),
        ("PHỤ LỤC".into(), String::new(), &t),
    ])
    .unwrap();
    let book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), vec!["Phụ lục", "PHỤ LỤC (2)"]);
    assert_eq!(xlsx::export_tables(&[]), Err(XlsxError::NoTables));
}

#[test]
fn overlapping_cells_are_an_error_not_a_panic() {
    let t = table(
        vec![20.0, 60.0],
        vec![header_row(&["TT", "Nhiệm vụ"])],
        vec![
            row(RowKind::Normal, vec![span(cell(0, &["a"]), 2, 2)]),
            row(RowKind::Normal, vec![cell(1, &["b"])]),
        ],
    );
    let err = xlsx::export_tables(&[("X".into(), String::new(), &t)]).unwrap_err();
    // Rows: 1 label, 2 blank, 3 header, 4-5 body: the clash is at B5.
    assert_eq!(
        err,
        XlsxError::BadTable {
            sheet: "X".into(),
            row: 5,
            col: 2
        }
    );
    assert!(err.text().vi.contains("dòng 5"));
}

#[test]
fn tables_of_finds_appendix_labels_and_titles() {
    let page = doc::PageSetup {
        width_mm: 297.0,
        height_mm: 210.0,
        landscape: true,
        margin_top_mm: 20.0,
        margin_bottom_mm: 20.0,
        margin_left_mm: 20.0,
        margin_right_mm: 15.0,
        header_distance_mm: 10.0,
    };
    let numbering = doc::PageNumbering {
        show: true,
        show_on_first: false,
        restart_at: Some(1),
        size_pt: 13.0,
    };
    let t = table(
        vec![20.0, 60.0],
        vec![header_row(&["TT", "Nhiệm vụ"])],
        vec![],
    );
    let styled_para = |style, text: &str| {
        let mut p = para(text, true, false, Align::Center);
        p.style = style;
        doc::Block::Paragraph(p)
    };
    let document = doc::Document {
        meta: doc::Meta::default(),
        sections: vec![
            doc::Section {
                page,
                numbering,
                blocks: vec![doc::Block::Table(t.clone())],
            },
            doc::Section {
                page,
                numbering,
                blocks: vec![
                    styled_para(StyleId::AppendixLabel, "Phụ lục I"),
                    styled_para(StyleId::AppendixTitle, "MỤC TIÊU PHẤN ĐẤU"),
                    styled_para(StyleId::AppendixTitle, "NĂM 2022"),
                    styled_para(StyleId::AppendixRef, "(Kèm theo Kế hoạch số …)"),
                    doc::Block::Table(t.clone()),
                    doc::Block::Table(t.clone()),
                ],
            },
        ],
    };
    let found = xlsx::tables_of(&document);
    let names: Vec<(&str, &str)> = found
        .iter()
        .map(|(n, t, _)| (n.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Phụ lục I", "MỤC TIÊU PHẤN ĐẤU NĂM 2022"),
            ("Phụ lục I (2)", "MỤC TIÊU PHẤN ĐẤU NĂM 2022")
        ]
    );
}

// ---------------------------------------------------------------- import of agency sheets

/// A sheet as an agency might return it: a title block above the header,
/// unaccented upper-case titles, a column-number row, a lead agency merged
/// down over two rows, a date typed as a date, and some broken rows.
fn agency_sheet() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Số liệu").unwrap();
    ws.set_name("Tổng hợp").unwrap();
    let f = Format::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    ws.write_string(0, 0, "BẢNG TỔNG HỢP NHIỆM VỤ").unwrap();
    ws.write_string(1, 0, "(Đơn vị gửi: Sở Nội vụ)").unwrap();
    let header = [
        "STT",
        "NOI DUNG CONG VIEC",
        "DON VI PHU TRACH",
        "Phối hợp",
        "Thời hạn",
        "Sản phẩm",
        "Ghi chú",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
        ws.write_number(4, c as u16, (c + 1) as f64).unwrap();
    }
    ws.write_string(5, 0, "I").unwrap();
    ws.write_string(5, 1, "Cải cách thể chế").unwrap();
    ws.write_string(6, 0, "1").unwrap();
    ws.write_string(6, 1, "Rà soát văn bản\n- Lập danh mục\n- Báo cáo kết quả")
        .unwrap();
    ws.merge_range(6, 2, 7, 2, "Sở Tư pháp", &f).unwrap();
    ws.write_string(6, 3, "Văn phòng UBND tỉnh; Sở Nội vụ\nCác sở, ngành")
        .unwrap();
    ws.write_datetime_with_format(6, 4, ExcelDateTime::from_ymd(2024, 12, 15).unwrap(), &date)
        .unwrap();
    ws.write_string(6, 5, "Báo cáo").unwrap();
    ws.write_string(7, 0, "2").unwrap();
    ws.write_string(7, 1, "Kiểm tra văn bản").unwrap();
    ws.write_string(7, 4, "Quý IV/2024").unwrap();
    ws.write_string(7, 6, "Ưu tiên").unwrap();
    // Row 9: a number where the task text should be.
    ws.write_string(8, 0, "3").unwrap();
    ws.write_number(8, 1, 42.0).unwrap();
    ws.write_string(8, 2, "Sở Tài chính").unwrap();
    // Row 10: agencies filled, task text missing.
    ws.write_string(9, 0, "4").unwrap();
    ws.write_string(9, 2, "Sở Xây dựng").unwrap();
    ws.write_string(9, 4, "Trong năm 2024").unwrap();
    // Rows 11-12: one block merged over rows and columns.
    ws.merge_range(10, 1, 11, 3, "Ghi chú chung cho cả bảng", &f)
        .unwrap();
    // Row 13 blank; row 14: a group by its Roman number, then a task.
    ws.write_string(13, 0, "II.").unwrap();
    ws.write_string(13, 1, "Cải cách tài chính công").unwrap();
    ws.write_string(14, 0, "5").unwrap();
    ws.write_string(14, 1, "Quản lý tài sản công").unwrap();
    ws.write_string(14, 2, "Sở Tài chính").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn agency_sheet_maps_tasks_and_reports_the_rest() {
    let bytes = agency_sheet();
    let r = xlsx::import_tasks_from(&bytes, None, Some("tonghop-snv.xlsx")).unwrap();
    assert_eq!(r.sheet, "Tổng hợp");
    assert_eq!(r.header_row, 4);
    let groups: Vec<(&str, usize)> = r.groups.iter().map(|g| (g.title.as_str(), g.row)).collect();
    assert_eq!(
        groups,
        vec![("Cải cách thể chế", 6), ("Cải cách tài chính công", 14)]
    );
    assert_eq!(r.task_rows, vec![7, 8, 15]);

    let (g, t) = &r.tasks[0];
    assert_eq!(g.as_deref(), Some("Cải cách thể chế"));
    assert_eq!(t.tieu_de, "Rà soát văn bản");
    assert_eq!(
        t.giai_phap,
        vec![
            model::Block::Text("Lập danh mục".into()),
            model::Block::Text("Báo cáo kết quả".into())
        ]
    );
    assert_eq!(t.chu_tri, vec!["Sở Tư pháp"]);
    assert_eq!(
        t.phoi_hop,
        vec!["Văn phòng UBND tỉnh; Sở Nội vụ", "Các sở, ngành"]
    );
    assert_eq!(t.thoi_han.as_deref(), Some("2024-12-15"));
    assert_eq!(t.san_pham.as_deref(), Some("Báo cáo"));

    let (_, t) = &r.tasks[1];
    assert_eq!(
        t.chu_tri,
        vec!["Sở Tư pháp"],
        "merged lead applies to every row it covers"
    );
    assert_eq!(t.thoi_han.as_deref(), Some("Quý IV/2024"));
    assert_eq!(t.ghi_chu.as_deref(), Some("Ưu tiên"));
    assert_eq!(r.tasks[2].0.as_deref(), Some("Cải cách tài chính công"));

    let bad: Vec<usize> = r.unmapped.iter().map(|u| u.row).collect();
    assert_eq!(bad, vec![9, 10, 11, 12]);
    assert!(
        r.unmapped[0].reason.vi.contains("con số"),
        "{:?}",
        r.unmapped[0]
    );
    assert!(r.unmapped[0].reason.en.contains("number"));
    assert!(r.unmapped[1].reason.en.contains("no task text"));
    assert!(r.unmapped[2].reason.en.contains("merged"));

    assert!(r.tasks_yaml.contains("tonghop-snv.xlsx"));
    assert!(r.tasks_yaml.contains("trang “Tổng hợp”, dòng tiêu đề 4"));
    let sections: Vec<model::Section> = serde_yaml::from_str(&r.tasks_yaml).unwrap();
    assert_eq!(sections.len(), 2);
    assert_eq!(sections[0].tieu_de.as_deref(), Some("Cải cách thể chế"));
    assert_eq!(sections[0].noi_dung.len(), 2);
}

#[test]
fn sheet_choice_and_bad_files() {
    let bytes = agency_sheet();
    assert!(matches!(
        xlsx::import_tasks(&bytes, Some("Không có")),
        Err(XlsxError::NoSuchSheet { .. })
    ));
    assert!(
        xlsx::import_tasks(&bytes, Some("TONG HOP")).is_err(),
        "accents matter in sheet names"
    );
    assert!(
        xlsx::import_tasks(&bytes, Some("tổng hợp")).is_ok(),
        "case does not"
    );
    assert!(matches!(
        xlsx::import_tasks(b"not a zip", None),
        Err(XlsxError::Read(_))
    ));

    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Họ tên").unwrap();
    ws.write_string(0, 1, "Địa chỉ").unwrap();
    let plain = wb.save_to_buffer().unwrap();
    let err = xlsx::import_tasks(&plain, None).unwrap_err();
    assert!(matches!(err, XlsxError::NoHeaderRow { .. }));
    assert!(err.text().en.contains("header row"));

    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "TT").unwrap();
    ws.write_string(0, 1, "Cơ quan chủ trì").unwrap();
    let no_task = wb.save_to_buffer().unwrap();
    assert!(matches!(
        xlsx::import_tasks(&no_task, None),
        Err(XlsxError::NoTaskColumn { row: 1, .. })
    ));
}

#[test]
fn vietnamese_figures_read_back() {
    use kehoach::vn::parse_decimal;
    assert_eq!(parse_decimal("8,5"), Some((8.5, 1, false)));
    assert_eq!(parse_decimal("92,96"), Some((92.96, 2, false)));
    assert_eq!(parse_decimal("100"), Some((100.0, 0, false)));
    assert_eq!(parse_decimal("1.250.000"), Some((1_250_000.0, 0, true)));
    assert_eq!(parse_decimal("-2,25"), Some((-2.25, 2, false)));
    for text in [
        "99,5%", "20/63", "1.1", "8.5", "", "1.2.3", "1,", ",5", "12.34",
    ] {
        assert_eq!(parse_decimal(text), None, "{text}");
    }
}

/// The other reference appendices with a written-out table, through the
/// same cell-by-cell check: Đắk Lắk's score table (numbers, agencies merged
/// down over many rows, a total row) and its list (`lien_tuc`), Gia Lai's
/// targets (`nhom_la_ma`, the column-number row).
#[test]
fn daklak_and_gialai_appendix_cells_survive_the_spreadsheet() {
    for (file, tables) in [
        ("daklak-2022-par-sipas.yaml", 2),
        ("gialai-2022-bqlkkt.yaml", 1),
    ] {
        let plan = load(file);
        let (bytes, sheets) = export_appendices(&plan, file);
        let bangs: Vec<&model::Table> = plan
            .phu_luc
            .iter()
            .filter_map(|a| a.bang.as_ref())
            .collect();
        assert_eq!(bangs.len(), tables, "{file}");
        assert_eq!(sheets.len(), plan.phu_luc.len(), "{file}: {sheets:?}");
        for (a, sheet) in plan.phu_luc.iter().zip(&sheets) {
            if let Some(bang) = &a.bang {
                assert_sheet_holds_table(&bytes, sheet, bang);
            }
        }
    }
}
