//! Spreadsheets: appendix tables out to XLSX, task tables edited by agencies back in.
//!
//! Secretariats send the task appendix to agencies as an Excel file, agencies
//! fill in or correct their rows, and the secretariat imports the sheets back
//! as `noi_dung` sections. Export reads only the composed [`doc::Table`];
//! import reads any sheet whose header row it recognises.

mod export;
mod import;

pub use export::{export_tables, sheet_name};
pub use import::{import_tasks, import_tasks_from, ImportResult, ImportedGroup, UnmappedRow};

use crate::diag::Text;
use crate::doc::{self, Block, StyleId};
use crate::plan::model::{self, Plan};

/// Why an XLSX file could not be written or read.
#[derive(Debug, Clone, PartialEq)]
pub enum XlsxError {
    /// Nothing to export.
    NoTables,
    /// A table's cells overlap or leave the grid (`sheet`, 1-based Excel row
    /// and column of the offending cell).
    BadTable {
        sheet: String,
        row: usize,
        col: usize,
    },
    /// The spreadsheet library refused to write (its message).
    Write(String),
    /// The bytes are not a readable XLSX workbook (the reader's message).
    Read(String),
    /// The workbook has no worksheet.
    NoSheets,
    /// The requested sheet does not exist.
    NoSuchSheet {
        name: String,
        available: Vec<String>,
    },
    /// No row with at least two recognised column titles.
    NoHeaderRow { sheet: String },
    /// A header row was found but no column holds task text.
    NoTaskColumn { sheet: String, row: usize },
}

impl XlsxError {
    /// The message in Vietnamese and English.
    pub fn text(&self) -> Text {
        match self {
            XlsxError::NoTables => Text::new(
                "không có bảng phụ lục nào để xuất",
                "there is no appendix table to export",
            ),
            XlsxError::BadTable { sheet, row, col } => Text::new(
                format!("bảng “{sheet}”: ô ở dòng {row}, cột {col} chồng lên ô gộp khác hoặc vượt ra ngoài bảng"),
                format!("table “{sheet}”: the cell at row {row}, column {col} overlaps another merged cell or lies outside the table"),
            ),
            XlsxError::Write(m) => Text::new(
                format!("không ghi được tệp XLSX: {m}"),
                format!("could not write the XLSX file: {m}"),
            ),
            XlsxError::Read(m) => Text::new(
                format!("không đọc được tệp XLSX (tệp hỏng hoặc không phải Excel 2007 trở lên): {m}"),
                format!("could not read the XLSX file (damaged, or not Excel 2007 or later): {m}"),
            ),
            XlsxError::NoSheets => Text::new(
                "tệp XLSX không có trang tính nào",
                "the XLSX file has no worksheet",
            ),
            XlsxError::NoSuchSheet { name, available } => Text::new(
                format!("không có trang tính “{name}”; các trang có: {}", available.join(", ")),
                format!("there is no sheet “{name}”; sheets: {}", available.join(", ")),
            ),
            XlsxError::NoHeaderRow { sheet } => Text::new(
                format!("trang “{sheet}”: không tìm thấy dòng tiêu đề (cần ít nhất hai cột như “TT”, “Nhiệm vụ”, “Cơ quan chủ trì”, “Thời gian hoàn thành”)"),
                format!("sheet “{sheet}”: no header row found (needs at least two columns such as “TT”, “Nhiệm vụ”, “Cơ quan chủ trì”, “Thời gian hoàn thành”)"),
            ),
            XlsxError::NoTaskColumn { sheet, row } => Text::new(
                format!("trang “{sheet}”, dòng {row}: dòng tiêu đề không có cột nội dung nhiệm vụ (“Nhiệm vụ”, “Nội dung” hoặc “Tiêu chí”)"),
                format!("sheet “{sheet}”, row {row}: the header row has no task column (“Nhiệm vụ”, “Nội dung” or “Tiêu chí”)"),
            ),
        }
    }
}

impl std::fmt::Display for XlsxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for XlsxError {}

/// The appendix tables of a composed document, ready for [`export_tables`]:
/// (sheet name, title, table). Appendices are the sections after the first;
/// the sheet name is the "Phụ lục …" label and the title the appendix title.
/// A second table in one appendix gets the label with " (2)".
pub fn tables_of(document: &doc::Document) -> Vec<(String, String, &doc::Table)> {
    let mut out = Vec::new();
    for (index, section) in document.sections.iter().enumerate().skip(1) {
        let mut label = None;
        let mut titles: Vec<String> = Vec::new();
        let mut tables = Vec::new();
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) if p.style == StyleId::AppendixLabel && label.is_none() => {
                    label = Some(p.text().trim().to_string());
                }
                Block::Paragraph(p) if p.style == StyleId::AppendixTitle => {
                    titles.push(p.text().trim().to_string());
                }
                Block::Table(t) => tables.push(t),
                _ => {}
            }
        }
        let label = label.unwrap_or_else(|| format!("Phụ lục {index}"));
        let title = titles.join(" ");
        for (n, table) in tables.into_iter().enumerate() {
            let name = if n == 0 {
                label.clone()
            } else {
                format!("{label} ({})", n + 1)
            };
            out.push((name, title.clone(), table));
        }
    }
    out
}

/// Column widths of [`task_table`], mm: they fill the text width of a
/// landscape A4 page with 20/15 mm side margins (262 mm).
const TASK_COLUMNS_MM: [f32; 6] = [12.0, 92.0, 45.0, 45.0, 28.0, 40.0];

/// Column titles of [`task_table`]; [`import_tasks`] recognises each.
pub const TASK_COLUMN_TITLES: [&str; 6] = [
    "TT",
    "Nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian hoàn thành",
    "Sản phẩm",
];

/// The task appendix of a plan as the spreadsheet sends it to agencies:
/// TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn
/// thành | Sản phẩm. Each section that holds tasks directly gives a group
/// row (I, II … merged across the row); tasks are numbered 1, 2, 3 … across
/// the table; agency ids are resolved to names from `co_quan_lien_quan`, one
/// agency per line so the import splits them back.
pub fn task_table(plan: &Plan) -> doc::Table {
    let mut body = Vec::new();
    let mut group_no = 0u32;
    let mut task_no = 0u32;
    for (group, tasks) in task_groups(plan) {
        if let Some(title) = group {
            group_no += 1;
            let roman = crate::vn::roman(group_no).unwrap_or_else(|| group_no.to_string());
            body.push(doc::Row {
                kind: doc::RowKind::Group,
                cells: vec![
                    text_cell(0, 1, &[roman], doc::Align::Center, true),
                    text_cell(1, 5, &[title], doc::Align::Left, true),
                ],
            });
        }
        for task in tasks {
            task_no += 1;
            let lead = resolve_agencies(plan, &task.chu_tri);
            let coop = resolve_agencies(plan, &task.phoi_hop);
            let cells = vec![
                text_cell(0, 1, &[task_no.to_string()], doc::Align::Center, false),
                text_cell(
                    1,
                    1,
                    std::slice::from_ref(&task.tieu_de),
                    doc::Align::Justify,
                    false,
                ),
                text_cell(2, 1, &lead, doc::Align::Left, false),
                text_cell(3, 1, &coop, doc::Align::Left, false),
                text_cell(4, 1, &opt(&task.thoi_han), doc::Align::Center, false),
                text_cell(5, 1, &opt(&task.san_pham), doc::Align::Left, false),
            ];
            body.push(doc::Row {
                kind: doc::RowKind::Normal,
                cells,
            });
        }
    }
    let header = doc::Row {
        kind: doc::RowKind::Header,
        cells: TASK_COLUMN_TITLES
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut c = text_cell(i, 1, &[t.to_string()], doc::Align::Center, true);
                for p in &mut c.paragraphs {
                    p.style = StyleId::TableHeader;
                }
                c
            })
            .collect(),
    };
    doc::Table {
        columns_mm: TASK_COLUMNS_MM.to_vec(),
        header_rows: vec![header],
        body_rows: body,
        repeat_header: true,
        cant_split: true,
        borders: true,
        cell_padding_mm: 1.0,
    }
}

/// The plan's tasks in reading order, grouped by the nearest titled
/// section that holds them (None before any titled section).
pub fn task_groups(plan: &Plan) -> Vec<(Option<String>, Vec<&model::Task>)> {
    let mut out: Vec<(Option<String>, Vec<&model::Task>)> = Vec::new();
    for section in &plan.noi_dung {
        walk_section(section, None, &mut out);
    }
    out.retain(|(_, tasks)| !tasks.is_empty());
    out
}

fn walk_section<'a>(
    section: &'a model::Section,
    inherited: Option<&str>,
    out: &mut Vec<(Option<String>, Vec<&'a model::Task>)>,
) {
    let title = section.tieu_de.as_deref().or(inherited);
    walk_blocks(&section.noi_dung, title, out);
}

fn walk_blocks<'a>(
    blocks: &'a [model::Block],
    title: Option<&str>,
    out: &mut Vec<(Option<String>, Vec<&'a model::Task>)>,
) {
    for block in blocks {
        match block {
            model::Block::Keyed(model::KeyedBlock::NhiemVu(task)) => {
                let wanted = title.map(str::to_string);
                match out.last_mut() {
                    Some((group, tasks)) if *group == wanted => tasks.push(task),
                    _ => out.push((wanted, vec![task])),
                }
            }
            model::Block::Keyed(model::KeyedBlock::Muc(sub)) => {
                walk_section(sub, title, out);
                // Tasks after a subsection belong to the outer section again:
                // open a fresh group so they are not filed under the subsection.
                out.push((title.map(str::to_string), Vec::new()));
            }
            model::Block::Keyed(model::KeyedBlock::Diem(points)) => {
                for point in points {
                    walk_blocks(&point.noi_dung, title, out);
                }
            }
            _ => {}
        }
    }
}

/// Agency names for ids registered in `co_quan_lien_quan`; free text as written.
pub fn resolve_agencies(plan: &Plan, agencies: &[String]) -> Vec<String> {
    agencies
        .iter()
        .map(|a| {
            plan.co_quan_lien_quan
                .iter()
                .find(|reg| reg.id == *a)
                .map(|reg| reg.ten.clone())
                .unwrap_or_else(|| a.clone())
        })
        .collect()
}

fn opt(s: &Option<String>) -> Vec<String> {
    s.iter().cloned().collect()
}

fn text_cell(
    col: usize,
    colspan: usize,
    lines: &[String],
    align: doc::Align,
    bold: bool,
) -> doc::Cell {
    let format = doc::ParaFormat {
        align,
        size_pt: 12.0,
        bold,
        italic: false,
        first_line_indent_mm: 0.0,
        left_indent_mm: 0.0,
        right_indent_mm: 0.0,
        space_before_pt: 0.0,
        space_after_pt: 0.0,
        line_spacing: 1.0,
        keep_with_next: false,
        keep_lines: false,
    };
    let style = StyleId::TableText;
    doc::Cell {
        col,
        colspan,
        rowspan: 1,
        valign: doc::VAlign::Center,
        paragraphs: lines
            .iter()
            .map(|l| doc::Paragraph {
                style,
                format,
                runs: vec![doc::Run {
                    text: crate::vn::nfc(l),
                    bold,
                    italic: false,
                }],
            })
            .collect(),
    }
}
