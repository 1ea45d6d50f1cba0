//! Composed appendix tables written as XLSX sheets, one sheet per table.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

use super::XlsxError;
use crate::doc::{self, RowKind};
use crate::fonts::{Face, FontSet};

/// The font every cell names: what Vietnamese offices have (spec §1).
const FONT: &str = "Times New Roman";
/// Table text size when a cell has no paragraph to take it from.
const DEFAULT_SIZE_PT: f32 = 12.0;
/// Appendix label and title size on the sheet.
const TITLE_SIZE_PT: f32 = 13.0;
/// Text width of an A4 portrait page with 30/15 mm side margins: tables
/// wider than this are printed landscape.
const PORTRAIT_TEXT_MM: f32 = 165.0;

/// Writes each table to its own sheet: (sheet name, title, table). The
/// sheet name is also printed as the first line (e.g. "Phụ lục I"), the
/// title under it; both are bold, centred and merged across the table. The
/// output is byte-identical for identical input (fixed creation date).
pub fn export_tables(tables: &[(String, String, &doc::Table)]) -> Result<Vec<u8>, XlsxError> {
    if tables.is_empty() {
        return Err(XlsxError::NoTables);
    }
    let mut workbook = Workbook::new();
    // A fixed date keeps the bytes reproducible: the same plan gives the same
    // file, so files can be compared and archived by checksum.
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(write_err)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let mut used: Vec<String> = Vec::new();
    for (name, title, table) in tables {
        let sheet_name = unique(sheet_name(name), &used);
        used.push(sheet_name.clone());
        let sheet = workbook.add_worksheet();
        sheet.set_name(&sheet_name).map_err(write_err)?;
        write_sheet(sheet, &sheet_name, name, title, table)?;
    }
    workbook.save_to_buffer().map_err(write_err)
}

/// A valid Excel sheet name for `name`: the characters Excel forbids
/// (`[]:*?/\`) become "-", leading and trailing apostrophes and spaces go,
/// and the result is cut to 31 characters. Empty names become "Bảng".
pub fn sheet_name(name: &str) -> String {
    let cleaned: String = crate::vn::nfc(name)
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '\'' || c.is_whitespace());
    let cut: String = trimmed.chars().take(31).collect();
    let cut = cut.trim_end_matches(|c: char| c == '\'' || c.is_whitespace());
    if cut.is_empty() {
        "Bảng".to_string()
    } else {
        cut.to_string()
    }
}

/// Excel compares sheet names case-insensitively; repeats get " (2)" …
fn unique(name: String, used: &[String]) -> String {
    let taken = |n: &str| used.iter().any(|u| u.to_lowercase() == n.to_lowercase());
    if !taken(&name) {
        return name;
    }
    (2..)
        .map(|i| {
            let suffix = format!(" ({i})");
            let room = 31 - suffix.chars().count();
            let base: String = name.chars().take(room).collect();
            format!("{}{suffix}", base.trim_end())
        })
        .find(|n| !taken(n))
        .unwrap_or(name)
}

fn write_err(e: rust_xlsxwriter::XlsxError) -> XlsxError {
    XlsxError::Write(e.to_string())
}

/// Emphasis and layout of one cell, the key of its Excel format.
#[derive(Clone, Copy)]
struct Look {
    bold: bool,
    italic: bool,
    size_pt: f32,
    align: doc::Align,
    valign: doc::VAlign,
    borders: bool,
    num_format: Option<&'static str>,
}

impl Look {
    fn format(&self) -> Format {
        let mut f = Format::new()
            .set_font_name(FONT)
            .set_font_size(self.size_pt as f64)
            .set_text_wrap()
            .set_align(match self.align {
                doc::Align::Left => FormatAlign::Left,
                doc::Align::Center => FormatAlign::Center,
                doc::Align::Right => FormatAlign::Right,
                doc::Align::Justify => FormatAlign::Justify,
            })
            .set_align(match self.valign {
                doc::VAlign::Top => FormatAlign::Top,
                doc::VAlign::Center => FormatAlign::VerticalCenter,
                doc::VAlign::Bottom => FormatAlign::Bottom,
            });
        if self.bold {
            f = f.set_bold();
        }
        if self.italic {
            f = f.set_italic();
        }
        if self.borders {
            f = f.set_border(FormatBorder::Thin);
        }
        if let Some(n) = self.num_format {
            f = f.set_num_format(n);
        }
        f
    }
}

fn write_sheet(
    sheet: &mut Worksheet,
    sheet_name: &str,
    label: &str,
    title: &str,
    table: &doc::Table,
) -> Result<(), XlsxError> {
    let ncols = table.columns_mm.len().max(1);
    let width_mm: f32 = table.columns_mm.iter().sum();
    for (i, mm) in table.columns_mm.iter().enumerate() {
        sheet
            .set_column_width_pixels(col(i)?, mm_to_px(*mm))
            .map_err(write_err)?;
    }

    // Label and title, merged across the table, heights estimated because
    // Excel does not grow merged rows to fit wrapped text.
    let mut row = 0usize;
    let title_look = Look {
        bold: true,
        italic: false,
        size_pt: TITLE_SIZE_PT,
        align: doc::Align::Center,
        valign: doc::VAlign::Center,
        borders: false,
        num_format: None,
    };
    for line in [label.trim(), title.trim()] {
        if line.is_empty() {
            continue;
        }
        let format = title_look.format();
        if ncols > 1 {
            sheet
                .merge_range(r(row)?, 0, r(row)?, col(ncols - 1)?, line, &format)
                .map_err(write_err)?;
        } else {
            sheet
                .write_string_with_format(r(row)?, 0, line, &format)
                .map_err(write_err)?;
        }
        let lines = estimate_lines(line, Face::Bold, TITLE_SIZE_PT, width_mm - 4.0);
        sheet
            .set_row_height(r(row)?, row_height(lines, TITLE_SIZE_PT))
            .map_err(write_err)?;
        row += 1;
    }
    if row > 0 {
        row += 1; // a blank line between the title and the table
    }

    let numeric = numeric_columns(table);
    let header_first = row;
    let all_rows: Vec<&doc::Row> = table.header_rows.iter().chain(&table.body_rows).collect();
    let nrows = all_rows.len();
    // covered[r][c]: the grid position belongs to a cell already written.
    let mut covered = vec![vec![false; ncols]; nrows];
    for (ri, trow) in all_rows.iter().enumerate() {
        let excel_row = header_first + ri;
        for cell in &trow.cells {
            let bad = || XlsxError::BadTable {
                sheet: sheet_name.to_string(),
                row: excel_row + 1,
                col: cell.col + 1,
            };
            if cell.col >= ncols || covered[ri][cell.col] {
                return Err(bad());
            }
            let last_col = (cell.col + cell.colspan.max(1) - 1).min(ncols - 1);
            let last_ri = (ri + cell.rowspan.max(1) - 1).min(nrows - 1);
            for cov in covered.iter_mut().take(last_ri + 1).skip(ri) {
                for c in cov.iter_mut().take(last_col + 1).skip(cell.col) {
                    if *c {
                        return Err(bad());
                    }
                    *c = true;
                }
            }
            write_cell(
                sheet,
                CellPlace {
                    row: excel_row,
                    col: cell.col,
                    last_row: header_first + last_ri,
                    last_col,
                },
                trow.kind,
                cell,
                table,
                &numeric,
            )?;
        }
    }
    // Explicit heights: neither Excel nor LibreOffice grows a row for
    // wrapped text in merged cells, and LibreOffice not even for plain
    // cells of a file it did not write.
    for (ri, h) in row_heights(table, &all_rows).into_iter().enumerate() {
        sheet
            .set_row_height(r(header_first + ri)?, h)
            .map_err(write_err)?;
    }
    // Empty grid positions still get the table's borders.
    let blank = Look {
        bold: false,
        italic: false,
        size_pt: DEFAULT_SIZE_PT,
        align: doc::Align::Left,
        valign: doc::VAlign::Center,
        borders: table.borders,
        num_format: None,
    }
    .format();
    for (ri, cov) in covered.iter().enumerate() {
        for (c, done) in cov.iter().enumerate() {
            if !done {
                sheet
                    .write_blank(r(header_first + ri)?, col(c)?, &blank)
                    .map_err(write_err)?;
            }
        }
    }

    let header_count = table.header_rows.len();
    if header_count > 0 {
        let header_last = header_first + header_count - 1;
        sheet
            .set_freeze_panes(r(header_last + 1)?, 0)
            .map_err(write_err)?;
        if table.repeat_header {
            sheet
                .set_repeat_rows(r(header_first)?, r(header_last)?)
                .map_err(write_err)?;
        }
    }
    sheet.set_paper_size(9); // A4
    if width_mm > PORTRAIT_TEXT_MM {
        sheet.set_landscape();
        // Landscape margins of the appendices: 20 mm top/bottom, 20 mm left, 15 mm right.
        sheet.set_margins(0.79, 0.59, 0.79, 0.79, 0.3, 0.3);
    } else {
        sheet.set_margins(1.18, 0.59, 0.79, 0.79, 0.3, 0.3);
    }
    // One page wide, as many pages tall as needed.
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

struct CellPlace {
    row: usize,
    col: usize,
    last_row: usize,
    last_col: usize,
}

fn write_cell(
    sheet: &mut Worksheet,
    at: CellPlace,
    kind: RowKind,
    cell: &doc::Cell,
    table: &doc::Table,
    numeric: &[Option<&'static str>],
) -> Result<(), XlsxError> {
    let first = cell.paragraphs.first();
    let runs: Vec<&doc::Run> = cell
        .paragraphs
        .iter()
        .flat_map(|p| p.runs.iter())
        .filter(|r| !r.text.is_empty())
        .collect();
    let para_bold = first.is_some_and(|p| p.format.bold);
    let para_italic = first.is_some_and(|p| p.format.italic);
    let row_bold = matches!(kind, RowKind::Header | RowKind::Group | RowKind::Total);
    let all_bold = !runs.is_empty() && runs.iter().all(|r| r.bold);
    let all_italic = !runs.is_empty() && runs.iter().all(|r| r.italic);
    let text = cell
        .paragraphs
        .iter()
        .map(|p| p.text())
        .collect::<Vec<_>>()
        .join("\n");
    let body_kind = matches!(kind, RowKind::Normal | RowKind::Group | RowKind::Total);
    let number = match numeric.get(at.col).copied().flatten() {
        Some(fmt) if body_kind && cell.colspan <= 1 => {
            crate::vn::parse_decimal(&text).map(|(v, _, _)| (v, fmt))
        }
        _ => None,
    };
    let look = Look {
        bold: row_bold || para_bold || all_bold,
        italic: para_italic || all_italic,
        size_pt: first.map_or(DEFAULT_SIZE_PT, |p| p.format.size_pt),
        align: first.map_or(doc::Align::Left, |p| p.format.align),
        valign: cell.valign,
        borders: table.borders,
        num_format: number.map(|(_, f)| f),
    };
    let format = look.format();
    let (row, c) = (r(at.row)?, col(at.col)?);
    let merged = at.last_row > at.row || at.last_col > at.col;
    if merged {
        sheet
            .merge_range(row, c, r(at.last_row)?, col(at.last_col)?, "", &format)
            .map_err(write_err)?;
    }
    if let Some((value, _)) = number {
        sheet
            .write_number_with_format(row, c, value, &format)
            .map_err(write_err)?;
        return Ok(());
    }
    // Mixed emphasis inside the cell: a rich string keeps it. Uniform
    // emphasis is carried by the cell format alone.
    let mixed = runs
        .iter()
        .any(|r| r.bold != runs[0].bold || r.italic != runs[0].italic);
    if mixed && !look.bold && !look.italic {
        let mut segments: Vec<(Format, String)> = Vec::new();
        for (pi, p) in cell.paragraphs.iter().enumerate() {
            if pi > 0 {
                push_segment(&mut segments, &look, false, false, "\n");
            }
            for run in p.runs.iter().filter(|r| !r.text.is_empty()) {
                push_segment(&mut segments, &look, run.bold, run.italic, &run.text);
            }
        }
        let refs: Vec<(&Format, &str)> = segments.iter().map(|(f, t)| (f, t.as_str())).collect();
        sheet
            .write_rich_string_with_format(row, c, &refs, &format)
            .map_err(write_err)?;
    } else if !merged || !text.is_empty() {
        sheet
            .write_string_with_format(row, c, &text, &format)
            .map_err(write_err)?;
    }
    Ok(())
}

fn push_segment(
    segments: &mut Vec<(Format, String)>,
    base: &Look,
    bold: bool,
    italic: bool,
    text: &str,
) {
    let look = Look {
        bold,
        italic,
        num_format: None,
        borders: false,
        ..*base
    };
    segments.push((look.format(), text.to_string()));
}

/// Number formats of the columns whose body cells are all Vietnamese
/// numbers ("8,5", "100"): as many decimals as the most precise value, with
/// thousands grouping when any value is grouped. Excel shows the comma or
/// the point by the reader's locale. The STT column never counts.
fn numeric_columns(table: &doc::Table) -> Vec<Option<&'static str>> {
    const FORMATS: [[&str; 5]; 2] = [
        ["0", "0.0", "0.00", "0.000", "0.0000"],
        ["#,##0", "#,##0.0", "#,##0.00", "#,##0.000", "#,##0.0000"],
    ];
    let ncols = table.columns_mm.len();
    let mut out = vec![None; ncols];
    for (c, slot) in out.iter_mut().enumerate() {
        if is_stt_column(table, c) {
            continue;
        }
        let mut seen = 0usize;
        let mut places = 0u8;
        let mut grouped = false;
        let mut all = true;
        for row in &table.body_rows {
            if !matches!(row.kind, RowKind::Normal | RowKind::Group | RowKind::Total) {
                continue;
            }
            for cell in row.cells.iter().filter(|x| x.col == c && x.colspan <= 1) {
                let text: String = cell
                    .paragraphs
                    .iter()
                    .map(|p| p.text())
                    .collect::<Vec<_>>()
                    .join("\n");
                if text.trim().is_empty() {
                    continue;
                }
                match crate::vn::parse_decimal(&text) {
                    Some((_, p, g)) => {
                        seen += 1;
                        places = places.max(p);
                        grouped |= g;
                    }
                    None => all = false,
                }
            }
        }
        if all && seen > 0 {
            *slot = Some(FORMATS[usize::from(grouped)][usize::from(places.min(4))]);
        }
    }
    out
}

/// A column titled "TT"/"STT" in the last header row holds row numbers.
fn is_stt_column(table: &doc::Table, c: usize) -> bool {
    table
        .header_rows
        .iter()
        .filter(|r| r.kind == RowKind::Header)
        .flat_map(|r| r.cells.iter())
        .filter(|cell| cell.col == c)
        .any(|cell| {
            let t: String = cell.paragraphs.iter().map(|p| p.text()).collect();
            let t = t.trim().to_lowercase();
            t == "tt" || t == "stt" || t == "số tt" || t == "số thứ tự"
        })
}

/// Screen pixels (96 dpi) for a width in millimetres; Excel converts
/// pixels to its character widths itself, so the printed width matches.
fn mm_to_px(mm: f32) -> u32 {
    (mm.max(2.0) / 25.4 * 96.0).round().min(4000.0) as u32
}

/// Heights, points, that show every line of every cell: a cell spanning
/// rows adds what its rows lack to the last of them.
fn row_heights(table: &doc::Table, rows: &[&doc::Row]) -> Vec<f64> {
    let ncols = table.columns_mm.len();
    let mut heights = vec![0.0f64; rows.len()];
    let mut spanning = Vec::new();
    for (ri, row) in rows.iter().enumerate() {
        for cell in &row.cells {
            let last = (cell.col + cell.colspan.max(1)).min(ncols);
            let width_mm: f32 = table.columns_mm[cell.col.min(ncols)..last].iter().sum();
            // Cell margins in Excel are about 2 mm in all.
            let inner_mm = (width_mm - 2.0 - 2.0 * table.cell_padding_mm).max(3.0);
            let mut height = 0.0;
            for p in &cell.paragraphs {
                let bold = p.format.bold
                    || matches!(row.kind, RowKind::Header | RowKind::Group | RowKind::Total);
                let face = Face::of(bold, p.format.italic);
                let size = p.format.size_pt.max(1.0);
                let text = p.text();
                height +=
                    estimate_lines(&text, face, size, inner_mm) as f64 * f64::from(size) * 1.2;
            }
            height += 4.0;
            if cell.rowspan <= 1 {
                heights[ri] = heights[ri].max(height);
            } else {
                spanning.push((ri, (ri + cell.rowspan - 1).min(rows.len() - 1), height));
            }
        }
    }
    for h in &mut heights {
        *h = h.max(f64::from(DEFAULT_SIZE_PT) * 1.2 + 4.0);
    }
    for (first, last, need) in spanning {
        let have: f64 = heights[first..=last].iter().sum();
        if have < need {
            heights[last] += need - have;
        }
    }
    heights
        .into_iter()
        .map(|h| (h * 4.0).ceil() / 4.0)
        .collect()
}

/// Lines a text wraps to in `width_mm`, word by word, with a little slack
/// because Excel's fonts and ours differ slightly in width.
fn estimate_lines(text: &str, face: Face, size_pt: f32, width_mm: f32) -> usize {
    let fonts = FontSet::embedded();
    let width_pt = (width_mm * 72.0 / 25.4 * 0.95).max(1.0);
    let space = fonts.width_pt(" ", face, size_pt);
    let mut lines = 1usize;
    let mut used = 0.0f32;
    for word in text.split_whitespace() {
        let w = fonts.width_pt(word, face, size_pt);
        if used > 0.0 && used + space + w > width_pt {
            lines += 1;
            used = 0.0;
        }
        if used > 0.0 {
            used += space;
        }
        used += w;
        // A word wider than the cell wraps by characters.
        while used > width_pt {
            lines += 1;
            used -= width_pt;
        }
    }
    lines
}

fn row_height(lines: usize, size_pt: f32) -> f64 {
    (lines as f64) * f64::from(size_pt) * 1.2 + 4.0
}

fn r(row: usize) -> Result<u32, XlsxError> {
    u32::try_from(row)
        .ok()
        .filter(|r| *r < 1_048_576)
        .ok_or_else(|| XlsxError::Write(format!("row {} is past Excel's limit", row + 1)))
}

fn col(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c)
        .ok()
        .filter(|c| *c < 16_384)
        .ok_or_else(|| XlsxError::Write(format!("column {} is past Excel's limit", c + 1)))
}
