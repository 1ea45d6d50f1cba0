//! Rules on tables: cell counts, spans and sum checks.

use crate::diag::Severity::Error;
use crate::plan::model::{Cell, ColumnKind, Row, Table};
use crate::plan::validate::{items, t, Ctx, Item};
use crate::vn;

pub(crate) fn check(cx: &mut Ctx) {
    let tables: Vec<(Table, String)> = items(&cx.loaded.plan)
        .into_iter()
        .filter_map(|i| match i {
            Item::Table(tb, p) => Some((tb.clone(), p)),
            _ => None,
        })
        .collect();
    for (table, path) in tables {
        columns(cx, &table, &path);
        header(cx, &table, &path);
        let placed = body(cx, &table, &path);
        sums(cx, &table, &path, &placed);
    }
}

/// At most one STT column, and `tong` only on number columns.
fn columns(cx: &mut Ctx, table: &Table, path: &str) {
    let stt: Vec<usize> = (0..table.cot.len())
        .filter(|&i| table.cot[i].kieu == ColumnKind::Stt)
        .collect();
    if let Some(&second) = stt.get(1) {
        cx.report(
            Error,
            "E038",
            &format!("{path}.cot[{second}].kieu"),
            t(
                "bảng có nhiều hơn một cột STT",
                "the table has more than one STT column",
            ),
            Some(t(
                "chỉ một cột có `kieu: stt`",
                "only one column may have `kieu: stt`",
            )),
        );
    }
    for (i, c) in table.cot.iter().enumerate() {
        if c.tong && c.kieu != ColumnKind::So {
            cx.report(
                Error,
                "E038",
                &format!("{path}.cot[{i}].tong"),
                t(
                    format!("cột “{}” có `tong: true` nhưng không phải cột số", c.ten),
                    format!(
                        "column “{}” has `tong: true` but is not a number column",
                        c.ten
                    ),
                ),
                Some(t(
                    "thêm `kieu: so` cho cột này",
                    "add `kieu: so` to the column",
                )),
            );
        }
    }
}

fn span_of(cell: &Cell) -> (usize, usize) {
    match cell {
        Cell::Rich(r) => (
            r.ngang.unwrap_or(1).max(1) as usize,
            r.doc.unwrap_or(1).max(1) as usize,
        ),
        _ => (1, 1),
    }
}

/// Places the cells of `rows` on a grid `width` wide and `height` high, as
/// a word processor merges them: a cell takes the next free column; a
/// vertical span covers that column in the rows below. Returns, per row, the
/// starting column of each cell (None when it could not be placed).
fn place(
    cx: &mut Ctx,
    rows: &[(&[Cell], String)],
    width: usize,
    height: usize,
    what: (&str, &str),
) -> Vec<Vec<Option<usize>>> {
    let mut grid = vec![vec![false; width]; height.max(rows.len())];
    let mut out = Vec::new();
    for (r, (cells, path)) in rows.iter().enumerate() {
        let mut col = 0;
        let mut starts = Vec::new();
        let mut overflow = false;
        // A span already reported as leaving the table explains the count.
        let mut spilled = false;
        for (k, cell) in cells.iter().enumerate() {
            let cell_path = format!("{path}.o[{k}]");
            while col < width && grid[r][col] {
                col += 1;
            }
            let (ngang, doc) = span_of(cell);
            if let Cell::Rich(rc) = cell {
                for (key, v) in [("ngang", rc.ngang), ("doc", rc.doc)] {
                    if v == Some(0) {
                        cx.report(
                            Error,
                            "E016",
                            &format!("{cell_path}.{key}"),
                            t(
                                format!("`{key}` phải là số lớn hơn 0, không phải 0"),
                                format!("`{key}` must be greater than 0, found 0"),
                            ),
                            Some(t(
                                "một ô không gộp thì bỏ khóa này (mặc định 1)",
                                "for a cell that spans nothing, remove the key (default 1)",
                            )),
                        );
                    }
                }
            }
            if col >= width {
                overflow = true;
                starts.push(None);
                continue;
            }
            if col + ngang > width {
                cx.report(
                    Error,
                    "E032",
                    &format!("{cell_path}.ngang"),
                    t(
                        format!("ô gộp {ngang} cột từ cột {} vượt ra ngoài bảng ({width} cột)", col + 1),
                        format!("a cell spanning {ngang} columns from column {} leaves the table ({width} columns)", col + 1),
                    ),
                    Some(t(format!("giảm `ngang` xuống {}", width - col), format!("reduce `ngang` to {}", width - col))),
                );
                starts.push(None);
                col = width;
                spilled = true;
                continue;
            }
            if r + doc > height {
                cx.report(
                    Error,
                    "E032",
                    &format!("{cell_path}.doc"),
                    t(
                        format!(
                            "ô gộp {doc} dòng vượt ra ngoài {} (chỉ còn {} dòng)",
                            what.0,
                            height - r
                        ),
                        format!(
                            "a cell spanning {doc} rows leaves the {} (only {} rows remain)",
                            what.1,
                            height - r
                        ),
                    ),
                    Some(t(
                        format!("giảm `doc` xuống {}", height - r),
                        format!("reduce `doc` to {}", height - r),
                    )),
                );
            }
            let mut clash = false;
            for row in grid.iter_mut().skip(r).take(doc) {
                for slot in row.iter_mut().skip(col).take(ngang) {
                    clash |= *slot;
                    *slot = true;
                }
            }
            if clash {
                cx.report(
                    Error,
                    "E031",
                    &cell_path,
                    t(
                        format!("ô chồng lên một ô gộp khác ở cột {}", col + 1),
                        format!("the cell overlaps another merged cell at column {}", col + 1),
                    ),
                    Some(t(
                        "ô bị ô gộp dọc (`doc`) ở dòng trên che thì không viết lại; kiểm tra `ngang` và `doc`",
                        "do not repeat cells covered by a vertical span (`doc`) above; check `ngang` and `doc`",
                    )),
                );
            }
            starts.push(Some(col));
            col += ngang;
        }
        let filled = grid[r].iter().filter(|s| **s).count();
        if !spilled && (overflow || filled < width) {
            let (vi, en) = if overflow {
                (
                    format!(
                        "dòng có {} ô nhưng {} chỉ có {width} cột",
                        cells.len(),
                        what.0
                    ),
                    format!(
                        "the row has {} cells but the {} has only {width} columns",
                        cells.len(),
                        what.1
                    ),
                )
            } else {
                (
                    format!("dòng chỉ có {filled} trên {width} ô của {}", what.0),
                    format!(
                        "the row fills {filled} of the {width} cells of the {}",
                        what.1
                    ),
                )
            };
            cx.report(
                Error,
                "E030",
                path,
                t(vi, en),
                Some(t(
                    "mỗi dòng có đúng một ô cho mỗi cột (trừ cột STT); ô trống viết `~` hoặc \"\"; ô gộp dùng {text: …, ngang: n}",
                    "each row has one cell per column (except STT); write an empty cell as `~` or \"\"; merge with {text: …, ngang: n}",
                )),
            );
        }
        out.push(starts);
    }
    out
}

/// Header rows above the column titles; the titles row itself is the last
/// row of the header grid, where vertical spans may end.
fn header(cx: &mut Ctx, table: &Table, path: &str) {
    if table.tieu_de_tren.is_empty() {
        return;
    }
    let rows: Vec<(&[Cell], String)> = table
        .tieu_de_tren
        .iter()
        .enumerate()
        .map(|(i, r)| (r.as_slice(), format!("{path}.tieu_de_tren[{i}]")))
        .collect();
    // The title row is not written as cells; mark nothing for it.
    let height = rows.len() + 1;
    place(
        cx,
        &rows,
        table.cot.len(),
        height,
        ("phần tiêu đề bảng", "table header"),
    );
}

/// Body rows in display order (each row, then its children).
fn flatten<'a>(rows: &'a [Row], path: &str, out: &mut Vec<(&'a Row, String)>) {
    for (i, r) in rows.iter().enumerate() {
        let p = format!("{path}[{i}]");
        out.push((r, p.clone()));
        flatten(&r.con, &format!("{p}.con"), out);
    }
}

fn body(cx: &mut Ctx, table: &Table, path: &str) -> Vec<(String, Vec<Option<usize>>)> {
    let mut flat = Vec::new();
    flatten(&table.dong, &format!("{path}.dong"), &mut flat);
    let width = table
        .cot
        .iter()
        .filter(|c| c.kieu != ColumnKind::Stt)
        .count();
    let rows: Vec<(&[Cell], String)> = flat
        .iter()
        .map(|(r, p)| (r.o.as_slice(), p.clone()))
        .collect();
    let placed = place(cx, &rows, width, rows.len(), ("bảng", "table"));
    flat.into_iter().map(|(_, p)| p).zip(placed).collect()
}

fn number(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(x) => Some(*x),
        Cell::Rich(r) => r.so,
        _ => None,
    }
}

fn round(x: f64, places: Option<u8>) -> f64 {
    match places {
        Some(p) => {
            let f = 10f64.powi(i32::from(p));
            (x * f).round() / f
        }
        None => x,
    }
}

/// For `tong` columns: a parent row's number equals the sum of its children's.
fn sums(cx: &mut Ctx, table: &Table, path: &str, placed: &[(String, Vec<Option<usize>>)]) {
    let data_cols: Vec<usize> = (0..table.cot.len())
        .filter(|&i| table.cot[i].kieu != ColumnKind::Stt)
        .collect();
    // Looked up once per parent and child: a map keeps the check linear in
    // the number of rows (a scan per lookup made 10,000 rows take seconds).
    let by_path: std::collections::BTreeMap<&str, &[Option<usize>]> = placed
        .iter()
        .map(|(p, s)| (p.as_str(), s.as_slice()))
        .collect();
    let value_at = |row: &Row, row_path: &str, col: usize| -> Option<(f64, String)> {
        let starts = *by_path.get(row_path)?;
        let k = starts.iter().position(|s| *s == Some(col))?;
        let cell = row.o.get(k)?;
        (span_of(cell).0 == 1).then_some(())?;
        number(cell).map(|x| (x, format!("{row_path}.o[{k}]")))
    };
    let mut flat = Vec::new();
    flatten(&table.dong, &format!("{path}.dong"), &mut flat);
    let mut problems = Vec::new();
    for (row, row_path) in &flat {
        if row.con.is_empty() {
            continue;
        }
        for (j, &ci) in data_cols.iter().enumerate() {
            let column = &table.cot[ci];
            if !column.tong {
                continue;
            }
            let Some((parent, cell_path)) = value_at(row, row_path, j) else {
                continue;
            };
            let children: Vec<f64> = row
                .con
                .iter()
                .enumerate()
                .filter_map(|(c, child)| {
                    value_at(child, &format!("{row_path}.con[{c}]"), j).map(|v| v.0)
                })
                .collect();
            if children.is_empty() {
                continue;
            }
            let sum: f64 = children.iter().sum();
            let places = column.so_le;
            if (round(parent, places) - round(sum, places)).abs() > 1e-9 {
                problems.push((cell_path, column.ten.clone(), parent, sum, places));
            }
        }
    }
    for (cell_path, col, parent, sum, places) in problems {
        let a = vn::decimal(round(parent, places), places);
        let b = vn::decimal(round(sum, places), places);
        cx.report(
            Error,
            "E033",
            &cell_path,
            t(
                format!("cột “{col}”: dòng này ghi {a} nhưng tổng các dòng con là {b}"),
                format!("column “{col}”: this row says {a} but its child rows add up to {b}"),
            ),
            Some(t(
                format!("sửa thành {b}, hoặc kiểm tra lại số liệu các dòng con"),
                format!("write {b}, or check the child rows"),
            )),
        );
    }
}
