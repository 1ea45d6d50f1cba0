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

use std::collections::BTreeMap;

use crate::compose::{self, context::Agencies, tables, tables::TaskRow};
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

/// Text width of a landscape A4 page with 20/15 mm side margins, mm: the
/// task sheet's columns share it in the proportions the appendix uses.
const TASK_SHEET_WIDTH_MM: f32 = 262.0;

/// The task appendix of a plan as the spreadsheet sends it to agencies: the
/// rows and columns of the composed task table
/// ([`compose::tables::task_table`]), with the built-in template's column
/// titles. Cells differ from the appendix only where the sheet is read
/// back: the title cell holds the task title as written, and agency ids
/// are resolved to names one agency per line, so the import splits them back.
pub fn task_table(plan: &Plan) -> doc::Table {
    let structure = tables::task_table(plan);
    let labels = template_labels();
    let agencies = Agencies::new(plan);
    let names = |ids: &[String]| -> Vec<String> { ids.iter().map(|a| agencies.name(a)).collect() };
    let columns = &structure.columns;
    let ncols = columns.len();
    let header = doc::Row {
        kind: doc::RowKind::Header,
        cells: columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let title = labels.get(c.label).cloned().unwrap_or_default();
                let mut cell = text_cell(i, 1, &[title], doc::Align::Center, true);
                for p in &mut cell.paragraphs {
                    p.style = StyleId::TableHeader;
                }
                cell
            })
            .collect(),
    };
    let body = structure
        .rows
        .iter()
        .map(|row| match row {
            TaskRow::Group { stt, title } => doc::Row {
                kind: doc::RowKind::Group,
                cells: vec![
                    text_cell(0, 1, std::slice::from_ref(stt), doc::Align::Center, true),
                    text_cell(
                        1,
                        ncols - 1,
                        std::slice::from_ref(title),
                        doc::Align::Left,
                        true,
                    ),
                ],
            },
            TaskRow::Task { stt, task } => doc::Row {
                kind: doc::RowKind::Normal,
                cells: columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let lines = match c.label {
                            "cot_tt" => vec![stt.clone()],
                            "cot_nhiem_vu" => vec![task.tieu_de.clone()],
                            "cot_chu_tri" => names(&task.chu_tri),
                            "cot_phoi_hop" => names(&task.phoi_hop),
                            "cot_thoi_han" => opt(&task.thoi_han),
                            _ => opt(&task.san_pham),
                        };
                        text_cell(i, 1, &lines, align_of(c.can), false)
                    })
                    .collect(),
            },
        })
        .collect();
    let total: f32 = columns.iter().map(|c| c.rong).sum();
    doc::Table {
        columns_mm: columns
            .iter()
            .map(|c| (c.rong / total * TASK_SHEET_WIDTH_MM * 10.0).round() / 10.0)
            .collect(),
        header_rows: vec![header],
        body_rows: body,
        repeat_header: true,
        cant_split: true,
        borders: true,
        cell_padding_mm: 1.0,
    }
}

/// The built-in template's wording (`nhan.yaml`), where the task table's
/// column titles live.
fn template_labels() -> BTreeMap<String, String> {
    compose::DEFAULT_TEMPLATE
        .iter()
        .find(|(name, _)| *name == compose::LABELS)
        .and_then(|(_, text)| serde_yaml::from_str(text).ok())
        .unwrap_or_default()
}

fn align_of(can: &str) -> doc::Align {
    match can {
        "giua" => doc::Align::Center,
        "phai" => doc::Align::Right,
        "deu" => doc::Align::Justify,
        _ => doc::Align::Left,
    }
}

/// The plan's tasks in the rows of [`task_table`], each under the title of
/// the innermost group row above it (None before any group row).
pub fn task_groups(plan: &Plan) -> Vec<(Option<String>, Vec<&model::Task>)> {
    let mut out: Vec<(Option<String>, Vec<&model::Task>)> = Vec::new();
    // Titles of the open group rows by level, as the import reads them.
    let mut open: Vec<String> = Vec::new();
    for row in tables::task_table(plan).rows {
        match row {
            TaskRow::Group { stt, title } => {
                open.truncate(level(&stt).saturating_sub(1));
                open.push(title);
            }
            TaskRow::Task { stt, task } => {
                // A task numbered "1.3" after the subgroup "1.2" is under "1" again.
                if level(&stt) >= 2 {
                    open.truncate(level(&stt) - 1);
                }
                let group = open.last().cloned();
                match out.last_mut() {
                    Some((g, tasks)) if *g == group => tasks.push(task),
                    _ => out.push((group, vec![task])),
                }
            }
        }
    }
    out
}

/// Depth of a hierarchical STT: "1" → 1, "1.2" → 2.
fn level(stt: &str) -> usize {
    stt.split('.').count()
}

/// Agency names for ids registered in `co_quan_lien_quan`, as compose
/// resolves them; free text as written.
pub fn resolve_agencies(plan: &Plan, agencies: &[String]) -> Vec<String> {
    let registry = Agencies::new(plan);
    agencies.iter().map(|a| registry.name(a)).collect()
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
        bold,
        ..doc::ParaFormat::plain(align, 12.0)
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
