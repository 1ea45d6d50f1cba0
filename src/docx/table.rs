//! Data tables (body and appendices): fixed grid, multi-level headers with
//! `gridSpan`/`vMerge`, header rows repeated on every page, rows kept whole.

use super::body::{paragraph, Extra};
use super::styles::{Sty, StyleSheet};
use super::xml::{eighths, twips, Xml};
use super::DocxError;
use crate::doc::{Cell, Row, RowKind, StyleId, Table, VAlign};

/// Border width of data tables, pt (0.5 pt, spec §14).
const BORDER_PT: f32 = 0.5;

/// A column covered by a cell that started in an earlier row.
#[derive(Clone, Copy)]
struct Pending {
    rows_left: usize,
    colspan: usize,
}

pub fn write(x: &mut Xml, ss: &StyleSheet, t: &Table) -> Result<(), DocxError> {
    let ncols = t.columns_mm.len();
    if ncols == 0 {
        return Err(DocxError::new("bảng không có cột nào (columns_mm rỗng)"));
    }
    if t.header_rows.is_empty() && t.body_rows.is_empty() {
        // Nothing to show; an empty w:tbl is a table Word has to repair.
        return Ok(());
    }
    let total: i64 = t.columns_mm.iter().map(|w| twips(*w)).sum();
    x.raw("<w:tbl><w:tblPr><w:tblW w:w=\"");
    x.int(total);
    x.raw("\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>");
    if t.borders {
        let sz = eighths(BORDER_PT);
        x.raw("<w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            x.raw("<w:");
            x.raw(side);
            x.raw(" w:val=\"single\" w:sz=\"");
            x.int(sz);
            x.raw("\" w:space=\"0\" w:color=\"000000\"/>");
        }
        x.raw("</w:tblBorders>");
    } else {
        x.raw(super::header::NO_BORDERS);
    }
    x.raw("<w:tblLayout w:type=\"fixed\"/><w:tblCellMar>");
    let pad = twips(t.cell_padding_mm);
    for side in ["top", "left", "bottom", "right"] {
        x.raw("<w:");
        x.raw(side);
        x.raw(" w:w=\"");
        x.int(pad);
        x.raw("\" w:type=\"dxa\"/>");
    }
    x.raw("</w:tblCellMar></w:tblPr><w:tblGrid>");
    for w in &t.columns_mm {
        x.raw("<w:gridCol w:w=\"");
        x.int(twips(*w));
        x.raw("\"/>");
    }
    x.raw("</w:tblGrid>");

    let mut pending: Vec<Option<Pending>> = vec![None; ncols];
    let nhead = t.header_rows.len();
    for (ri, row) in t.header_rows.iter().chain(&t.body_rows).enumerate() {
        let repeat = t.repeat_header && ri < nhead;
        write_row(x, ss, t, row, ri, repeat, &mut pending)?;
    }
    if pending.iter().any(Option::is_some) {
        return Err(DocxError::new(
            "bảng có ô gộp dòng (rowspan) vượt quá dòng cuối của bảng",
        ));
    }
    x.raw("</w:tbl>");
    Ok(())
}

fn span_width(t: &Table, col: usize, colspan: usize) -> f32 {
    t.columns_mm[col..col + colspan].iter().sum()
}

fn write_row(
    x: &mut Xml,
    ss: &StyleSheet,
    t: &Table,
    row: &Row,
    ri: usize,
    repeat: bool,
    pending: &mut [Option<Pending>],
) -> Result<(), DocxError> {
    let ncols = t.columns_mm.len();
    let err = |what: &str| {
        DocxError::new(format!(
            "bảng, dòng {}: {what} (bảng có {ncols} cột)",
            ri + 1
        ))
    };
    let mut anchored: Vec<Option<&Cell>> = vec![None; ncols];
    for cell in &row.cells {
        if cell.colspan == 0 || cell.rowspan == 0 {
            return Err(err(&format!(
                "ô ở cột {} có colspan/rowspan bằng 0",
                cell.col + 1
            )));
        }
        if cell.col >= ncols || cell.colspan > ncols - cell.col {
            return Err(err(&format!("ô ở cột {} vượt ra ngoài bảng", cell.col + 1)));
        }
        if anchored[cell.col].is_some() {
            return Err(err(&format!("hai ô cùng bắt đầu ở cột {}", cell.col + 1)));
        }
        anchored[cell.col] = Some(cell);
    }

    x.raw("<w:tr>");
    if t.cant_split || repeat {
        x.raw("<w:trPr>");
        if t.cant_split {
            x.raw("<w:cantSplit/>");
        }
        if repeat {
            x.raw("<w:tblHeader/>");
        }
        x.raw("</w:trPr>");
    }
    // A group heading row stays with the row after it.
    let keep_next = row.kind == RowKind::Group;
    let mut c = 0;
    while c < ncols {
        let (span, covered_by_row_above) = match (pending[c], anchored[c]) {
            (Some(_), Some(_)) => {
                return Err(err(&format!(
                    "ô ở cột {} trùng với một ô gộp dòng phía trên",
                    c + 1
                )))
            }
            (Some(p), None) => (p.colspan, true),
            (None, Some(cell)) => (cell.colspan, false),
            (None, None) => (1, false),
        };
        for j in c + 1..c + span {
            if anchored[j].is_some() || pending[j].is_some() {
                return Err(err(&format!("ô ở cột {} nằm trong một ô gộp cột", j + 1)));
            }
        }
        let width = span_width(t, c, span);
        if covered_by_row_above {
            let p = pending[c].as_mut().expect("matched Some above");
            cell_props(x, width, span, Some(false), VAlign::Top);
            empty_paragraph(x);
            x.raw("</w:tc>");
            p.rows_left -= 1;
            if p.rows_left == 0 {
                pending[c] = None;
            }
        } else if let Some(cell) = anchored[c] {
            let merge = (cell.rowspan > 1).then_some(true);
            cell_props(x, width, span, merge, cell.valign);
            if cell.paragraphs.is_empty() {
                empty_paragraph(x);
            }
            for p in &cell.paragraphs {
                paragraph(
                    x,
                    ss,
                    p,
                    Extra {
                        keep_next,
                        ..Extra::default()
                    },
                );
            }
            x.raw("</w:tc>");
            if cell.rowspan > 1 {
                pending[c] = Some(Pending {
                    rows_left: cell.rowspan - 1,
                    colspan: span,
                });
            }
        } else {
            // A grid position nobody fills still needs a cell, or Word and
            // LibreOffice draw a ragged row.
            cell_props(x, width, 1, None, VAlign::Top);
            empty_paragraph(x);
            x.raw("</w:tc>");
        }
        c += span;
    }
    x.raw("</w:tr>");
    Ok(())
}

/// Opens `<w:tc>` with its properties. `merge`: `Some(true)` starts a
/// vertical merge, `Some(false)` continues one.
fn cell_props(x: &mut Xml, width_mm: f32, span: usize, merge: Option<bool>, valign: VAlign) {
    x.raw("<w:tc><w:tcPr><w:tcW w:w=\"");
    x.int(twips(width_mm));
    x.raw("\" w:type=\"dxa\"/>");
    if span > 1 {
        x.val_int("<w:gridSpan", span as i64);
    }
    match merge {
        Some(true) => x.raw("<w:vMerge w:val=\"restart\"/>"),
        Some(false) => x.raw("<w:vMerge/>"),
        None => {}
    }
    x.raw(match valign {
        VAlign::Top => "<w:vAlign w:val=\"top\"/>",
        VAlign::Center => "<w:vAlign w:val=\"center\"/>",
        VAlign::Bottom => "<w:vAlign w:val=\"bottom\"/>",
    });
    x.raw("</w:tcPr>");
}

fn empty_paragraph(x: &mut Xml) {
    x.raw("<w:p><w:pPr><w:pStyle w:val=\"");
    x.raw(&Sty::Doc(StyleId::TableText).id());
    x.raw("\"/></w:pPr></w:p>");
}
