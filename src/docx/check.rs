//! Model checks before writing: every number the XML needs is finite and in
//! range, so a bad document gives a clear error instead of a file Word refuses.

use super::DocxError;
use crate::doc::{Block, Document, PageSetup, ParaFormat, Paragraph, Table};

fn num(what: &str, v: f32, lo: f32, hi: f32) -> Result<(), DocxError> {
    if v.is_finite() && v >= lo && v <= hi {
        Ok(())
    } else {
        Err(DocxError::new(format!(
            "{what} = {v} nằm ngoài khoảng cho phép {lo}…{hi}"
        )))
    }
}

fn format(f: &ParaFormat) -> Result<(), DocxError> {
    num("cỡ chữ (pt)", f.size_pt, 1.0, 1638.0)?;
    num("thụt dòng đầu (mm)", f.first_line_indent_mm, -500.0, 500.0)?;
    num("lề trái đoạn (mm)", f.left_indent_mm, -500.0, 500.0)?;
    num("lề phải đoạn (mm)", f.right_indent_mm, -500.0, 500.0)?;
    num(
        "khoảng cách trước đoạn (pt)",
        f.space_before_pt,
        0.0,
        1584.0,
    )?;
    num("khoảng cách sau đoạn (pt)", f.space_after_pt, 0.0, 1584.0)?;
    num("giãn dòng (lần)", f.line_spacing, 0.06, 10.0)
}

fn paragraph(p: &Paragraph) -> Result<(), DocxError> {
    format(&p.format)
}

fn page(p: &PageSetup) -> Result<(), DocxError> {
    num("chiều rộng trang (mm)", p.width_mm, 10.0, 558.0)?;
    num("chiều cao trang (mm)", p.height_mm, 10.0, 558.0)?;
    for (what, v) in [
        ("lề trên (mm)", p.margin_top_mm),
        ("lề dưới (mm)", p.margin_bottom_mm),
        ("lề trái (mm)", p.margin_left_mm),
        ("lề phải (mm)", p.margin_right_mm),
        ("khoảng cách đầu trang (mm)", p.header_distance_mm),
    ] {
        num(what, v, 0.0, 200.0)?;
    }
    num("chiều rộng vùng chữ (mm)", p.text_width_mm(), 10.0, 558.0)?;
    num("chiều cao vùng chữ (mm)", p.text_height_mm(), 10.0, 558.0)
}

/// Checks the whole document.
pub fn document(doc: &Document) -> Result<(), DocxError> {
    if doc.sections.is_empty() {
        return Err(DocxError::new("văn bản không có phần (section) nào"));
    }
    for s in &doc.sections {
        page(&s.page)?;
        num("cỡ chữ số trang (pt)", s.numbering.size_pt, 1.0, 1638.0)?;
        for b in &s.blocks {
            match b {
                Block::Paragraph(p) => paragraph(p)?,
                Block::Rule(r) => {
                    num("độ dài đường kẻ (mm)", r.length_mm, 0.0, 600.0)?;
                    num("độ dày đường kẻ (pt)", r.thickness_pt, 0.1, 12.0)?;
                    num(
                        "khoảng cách trên đường kẻ (pt)",
                        r.space_before_pt,
                        0.0,
                        1584.0,
                    )?;
                    num(
                        "khoảng cách dưới đường kẻ (pt)",
                        r.space_after_pt,
                        0.0,
                        1584.0,
                    )?;
                }
                Block::Header(h) => {
                    num("cột trái phần đầu (mm)", h.left_width_mm, 1.0, 600.0)?;
                    num("cột phải phần đầu (mm)", h.right_width_mm, 1.0, 600.0)?;
                    num("thụt lề bảng phần đầu (mm)", h.indent_mm, -100.0, 100.0)?;
                    num(
                        "đường kẻ dưới tên cơ quan (mm)",
                        h.issuer_rule_mm,
                        0.0,
                        600.0,
                    )?;
                    num(
                        "đường kẻ dưới tiêu ngữ (mm)",
                        h.tieu_ngu_rule_mm,
                        0.0,
                        600.0,
                    )?;
                    num("độ dày đường kẻ (pt)", h.rule_thickness_pt, 0.1, 12.0)?;
                    for v in [
                        h.agency_size_pt,
                        h.quoc_hieu_size_pt,
                        h.tieu_ngu_size_pt,
                        h.number_size_pt,
                        h.place_date_size_pt,
                    ] {
                        num("cỡ chữ phần đầu (pt)", v, 1.0, 1638.0)?;
                    }
                }
                Block::Table(t) => {
                    grid(t)?;
                    num("lề trong ô bảng (mm)", t.cell_padding_mm, 0.0, 50.0)?;
                    for w in &t.columns_mm {
                        num("độ rộng cột bảng (mm)", *w, 0.5, 600.0)?;
                    }
                    for row in t.header_rows.iter().chain(&t.body_rows) {
                        for cell in &row.cells {
                            for p in &cell.paragraphs {
                                paragraph(p)?;
                            }
                        }
                    }
                }
                Block::Closing(c) => {
                    num("cột nơi nhận (mm)", c.left_width_mm, 1.0, 600.0)?;
                    num("cột chữ ký (mm)", c.right_width_mm, 1.0, 600.0)?;
                    num("khoảng trống chữ ký (mm)", c.signature_gap_mm, 0.0, 200.0)?;
                    for p in c.paragraphs() {
                        paragraph(p)?;
                    }
                    super::closing::check(c)?;
                }
            }
        }
    }
    Ok(())
}

/// Every cell inside the grid and every grid slot covered at most once.
/// Both writers walk the grid by columns; the PDF layout would otherwise
/// lay a cell that names a missing column out over hundreds of pages
/// (found by fuzzing, fuzz/regressions/pdf_write/).
pub(crate) fn grid(t: &Table) -> Result<(), DocxError> {
    let ncols = t.columns_mm.len();
    let rows = t.header_rows.iter().chain(&t.body_rows);
    let nrows = t.header_rows.len() + t.body_rows.len();
    if nrows == 0 {
        return Ok(());
    }
    if ncols == 0 {
        return Err(DocxError::new("bảng không có cột nào (columns_mm rỗng)"));
    }
    // Rows still covered, per column, by a cell from a row above.
    let mut covered = vec![0usize; ncols];
    for (ri, row) in rows.enumerate() {
        let err = |what: String| {
            DocxError::new(format!(
                "bảng, dòng {}: {what} (bảng có {ncols} cột)",
                ri + 1
            ))
        };
        let mut here = vec![false; ncols];
        for cell in &row.cells {
            let c = cell.col + 1;
            if cell.colspan == 0 || cell.rowspan == 0 {
                return Err(err(format!("ô ở cột {c} có colspan/rowspan bằng 0")));
            }
            if cell.col >= ncols || cell.colspan > ncols - cell.col {
                return Err(err(format!("ô ở cột {c} vượt ra ngoài bảng")));
            }
            if cell.rowspan > nrows - ri {
                return Err(err(format!(
                    "ô ở cột {c} gộp {} dòng (rowspan), vượt quá dòng cuối của bảng",
                    cell.rowspan
                )));
            }
            for j in cell.col..cell.col + cell.colspan {
                if here[j] || covered[j] > 0 {
                    return Err(err(format!(
                        "ô ở cột {c} trùng với một ô khác ở cột {}",
                        j + 1
                    )));
                }
                here[j] = true;
            }
        }
        for row_cell in &row.cells {
            for slot in &mut covered[row_cell.col..row_cell.col + row_cell.colspan] {
                *slot = row_cell.rowspan;
            }
        }
        for slot in covered.iter_mut() {
            *slot = slot.saturating_sub(1);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::grid;
    use crate::doc::{Cell, Row, RowKind, Table, VAlign};

    fn cell(col: usize, colspan: usize, rowspan: usize) -> Cell {
        Cell {
            col,
            colspan,
            rowspan,
            valign: VAlign::Top,
            paragraphs: Vec::new(),
        }
    }

    fn table(columns: usize, rows: Vec<Vec<Cell>>) -> Table {
        Table {
            columns_mm: vec![20.0; columns],
            header_rows: Vec::new(),
            body_rows: rows
                .into_iter()
                .map(|cells| Row {
                    kind: RowKind::Normal,
                    cells,
                })
                .collect(),
            repeat_header: true,
            cant_split: true,
            borders: true,
            cell_padding_mm: 1.5,
        }
    }

    #[test]
    fn a_grid_with_merges_that_fit_is_accepted() {
        let t = table(
            3,
            vec![
                vec![cell(0, 1, 2), cell(1, 2, 1)],
                vec![cell(1, 1, 1), cell(2, 1, 1)],
            ],
        );
        assert!(grid(&t).is_ok());
        assert!(
            grid(&table(0, Vec::new())).is_ok(),
            "an empty table is written as nothing"
        );
    }

    #[test]
    fn cells_outside_the_grid_or_overlapping_are_refused() {
        let cases = [
            (table(0, vec![vec![cell(0, 1, 1)]]), "không có cột"),
            (table(2, vec![vec![cell(2, 1, 1)]]), "vượt ra ngoài"),
            (table(2, vec![vec![cell(1, 2, 1)]]), "vượt ra ngoài"),
            (table(2, vec![vec![cell(0, 1, 0)]]), "bằng 0"),
            (table(2, vec![vec![cell(0, 2, 1), cell(1, 1, 1)]]), "trùng"),
            (
                table(2, vec![vec![cell(0, 1, 2)], vec![cell(0, 1, 1)]]),
                "trùng",
            ),
            (
                table(2, vec![vec![cell(0, 1, 3)], vec![cell(1, 1, 1)]]),
                "dòng cuối",
            ),
        ];
        for (t, want) in cases {
            let e = grid(&t).expect_err(want);
            assert!(e.message.contains(want), "{want}: {}", e.message);
        }
    }
}
