//! Tables as templates see them: header rows with spans, STT computed, numbers with a decimal comma, totals, and the task table derived from the plan.

use std::collections::BTreeMap;

use serde::Serialize;

use super::context::Agencies;
use super::numbering::Stt;
use super::style;
use crate::plan::model::{self as m, Plan};
use crate::vn;

/// Default table text size in an appendix, pt (spec §10 [PRACTICE]).
pub const APPENDIX: f32 = style::APPENDIX_TABLE_PT;
/// Default table text size in the body, pt.
pub const BODY: f32 = style::BODY_TABLE_PT;

#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// Text size, pt.
    pub co_chu: f32,
    pub cot: Vec<ColView>,
    /// Header rows then body rows, in order; `loai` tells them apart.
    pub dong: Vec<RowView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ColView {
    /// Relative width.
    pub rong: f32,
    /// trai, giua, phai, deu.
    pub can: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// tieu_de (header), so_cot (column numbers), nhom (group), thuong, tong (total).
    pub loai: &'static str,
    pub o: Vec<CellView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    pub ngang: u32,
    pub doc: u32,
    /// Alignment override, or None for the column's.
    pub can: Option<&'static str>,
    pub dam: bool,
    pub nghieng: bool,
    pub doan: Vec<ParaView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParaView {
    pub text: String,
    pub dam: bool,
}

fn align_name(a: m::Align) -> &'static str {
    match a {
        m::Align::Trai => "trai",
        m::Align::Giua => "giua",
        m::Align::Phai => "phai",
        m::Align::Deu => "deu",
    }
}

fn cell(text: impl Into<String>) -> CellView {
    CellView {
        ngang: 1,
        doc: 1,
        can: None,
        dam: false,
        nghieng: false,
        doan: vec![ParaView {
            text: text.into(),
            dam: false,
        }],
    }
}

/// The view of a written-out table.
/// Cells are printed as written (agency ids are resolved only in `chu_tri`,
/// `phoi_hop` and `noi_nhan`).
pub fn view(t: &m::Table, default_pt: f32) -> TableView {
    let cot = t
        .cot
        .iter()
        .map(|c| ColView {
            rong: c.rong.unwrap_or(1.0).max(0.05),
            can: c.can.map(align_name).unwrap_or(match c.kieu {
                m::ColumnKind::Stt => "giua",
                m::ColumnKind::So => "phai",
                m::ColumnKind::Chu => "trai",
            }),
        })
        .collect();
    let mut dong = Vec::new();
    // Upper header rows; remember which columns a vertical span covers down
    // to the column-title row so that title is omitted (model `tieu_de_tren`).
    let n = t.cot.len();
    let mut covered_until = vec![0usize; n];
    for (r, row) in t.tieu_de_tren.iter().enumerate() {
        let mut o = Vec::new();
        let mut col = 0;
        for c in row {
            while col < n && covered_until[col] > r {
                col += 1;
            }
            let mut v = value_cell(c, None);
            v.dam = true;
            let end = (col + v.ngang as usize).min(n);
            if col < end {
                covered_until[col..end].fill(r + v.doc as usize);
            }
            col += v.ngang as usize;
            o.push(v);
        }
        dong.push(RowView { loai: "tieu_de", o });
    }
    let title_row = t.tieu_de_tren.len();
    let titles: Vec<CellView> = t
        .cot
        .iter()
        .enumerate()
        .filter(|(i, _)| covered_until[*i] <= title_row)
        .map(|(_, c)| CellView {
            dam: true,
            ..cell(c.ten.clone())
        })
        .collect();
    if !titles.is_empty() {
        dong.push(RowView {
            loai: "tieu_de",
            o: titles,
        });
    }
    if t.so_cot {
        dong.push(RowView {
            loai: "so_cot",
            o: (1..=n).map(|i| cell(i.to_string())).collect(),
        });
    }
    let stt_col = t.cot.iter().position(|c| c.kieu == m::ColumnKind::Stt);
    let data_cols: Vec<&m::Column> = t
        .cot
        .iter()
        .filter(|c| c.kieu != m::ColumnKind::Stt)
        .collect();
    let mut stt = Stt::new(t.stt);
    fn walk(
        rows: &[m::Row],
        depth: usize,
        stt: &mut Stt,
        stt_col: Option<usize>,
        data_cols: &[&m::Column],
        out: &mut Vec<RowView>,
    ) {
        for r in rows {
            let number = stt.next(depth, r.nhom);
            let mut o: Vec<CellView> = Vec::with_capacity(r.o.len() + 1);
            let mut col = 0;
            for c in &r.o {
                let mut v = value_cell(c, data_cols.get(col).copied());
                v.dam |= r.dam || r.nhom;
                v.nghieng |= r.nghieng;
                col += v.ngang as usize;
                o.push(v);
            }
            if r.nhom {
                span_group_title(&mut o, stt_col);
            }
            if let Some(sc) = stt_col {
                let text = r.stt.clone().unwrap_or(number);
                let v = CellView {
                    dam: r.dam || r.nhom,
                    nghieng: r.nghieng,
                    ..cell(text)
                };
                o.insert(sc.min(o.len()), v);
            }
            out.push(RowView {
                loai: if r.nhom { "nhom" } else { "thuong" },
                o,
            });
            walk(&r.con, depth + 1, stt, stt_col, data_cols, out);
        }
    }
    let body_start = dong.len();
    walk(&t.dong, 0, &mut stt, stt_col, &data_cols, &mut dong);
    for (col, _) in t.cot.iter().enumerate().filter(|(_, c)| c.gop) {
        merge_equal_runs(&mut dong[body_start..], n, col);
    }
    if let Some(label) = &t.dong_tong {
        dong.push(total_row(t, label, stt_col));
    }
    TableView {
        co_chu: t.co_chu.unwrap_or(default_pt),
        cot,
        dong,
    }
}

/// Index of the cell of each row that starts at grid column `col` and
/// covers only that one cell (no spans), given the rows' own spans.
fn single_cells_at(rows: &[RowView], n_cols: usize, col: usize) -> Vec<Option<usize>> {
    // Rows still covered in each column by a vertical span from above.
    let mut covered = vec![0u32; n_cols];
    rows.iter()
        .map(|row| {
            let mut found = None;
            let mut c = 0;
            let mut cells = row.o.iter().enumerate();
            while c < n_cols {
                if covered[c] > 0 {
                    covered[c] -= 1;
                    c += 1;
                    continue;
                }
                let Some((i, cell)) = cells.next() else {
                    break;
                };
                let w = (cell.ngang.max(1) as usize).min(n_cols - c);
                if c == col && w == 1 && cell.doc <= 1 {
                    found = Some(i);
                }
                covered[c..c + w].fill(cell.doc.max(1) - 1);
                c += w;
            }
            found
        })
        .collect()
}

/// Merges consecutive body rows whose cells in column `col` say the same
/// (column option `gop`). Group rows end a run; empty cells are not merged.
fn merge_equal_runs(rows: &mut [RowView], n_cols: usize, col: usize) {
    let at = single_cells_at(rows, n_cols, col);
    let key = |row: &RowView, i: usize| {
        let c = &row.o[i];
        let text: Vec<&str> = c.doan.iter().map(|p| p.text.as_str()).collect();
        (text.join("\n"), c.dam, c.nghieng, c.can)
    };
    let mut r = 0;
    while r < rows.len() {
        let Some(first) = at[r].filter(|_| rows[r].loai == "thuong") else {
            r += 1;
            continue;
        };
        let k = key(&rows[r], first);
        let mut end = r + 1;
        while end < rows.len()
            && rows[end].loai == "thuong"
            && at[end].is_some_and(|i| key(&rows[end], i) == k)
        {
            end += 1;
        }
        if end - r > 1 && !k.0.trim().is_empty() {
            rows[r].o[first].doc = (end - r) as u32;
            for (row, i) in rows[r + 1..end].iter_mut().zip(&at[r + 1..end]) {
                if let Some(i) = *i {
                    row.o.remove(i);
                }
            }
        }
        r = end;
    }
}

/// A cell that shows nothing and spans no rows.
fn is_blank(c: &CellView) -> bool {
    c.doc == 1 && c.doan.iter().all(|p| p.text.trim().is_empty())
}

/// A group row is a heading across the table: when every cell after its
/// first text cell is empty, the title cell spans them, so the title is not
/// wrapped inside its own narrow column. `o` holds the data cells; the
/// title must come after the STT column for the STT cell to keep its place.
fn span_group_title(o: &mut Vec<CellView>, stt_col: Option<usize>) {
    let Some(first) = o.iter().position(|c| !is_blank(c)) else {
        return;
    };
    if stt_col.is_some_and(|sc| sc > first) || first + 1 >= o.len() {
        return;
    }
    if !o[first + 1..].iter().all(is_blank) {
        return;
    }
    let extra: u32 = o[first + 1..].iter().map(|c| c.ngang).sum();
    o.truncate(first + 1);
    o[first].ngang += extra;
}

/// The number a cell holds, if any.
fn cell_number(c: &m::Cell) -> Option<f64> {
    match c {
        m::Cell::Number(x) => Some(*x),
        m::Cell::Rich(r) => r.so,
        _ => None,
    }
}

/// Decimal places of a number as written (shortest form), at most 6.
fn places_of(x: f64) -> u32 {
    let s = format!("{x}");
    s.split_once('.').map_or(0, |(_, f)| f.len().min(6) as u32)
}

/// Rounds away binary noise of a sum (0.1 + 0.2) to the inputs' precision.
fn round_to(x: f64, places: u32) -> f64 {
    let k = 10f64.powi(places as i32);
    (x * k).round() / k
}

/// Sum of a data column over rows, with the most decimal places among the
/// summed values: a row's own number, else its children's sum.
fn column_sum(rows: &[m::Row], data_col: usize) -> Option<(f64, u32)> {
    let mut total: Option<(f64, u32)> = None;
    for r in rows {
        let mut col = 0;
        let mut own = None;
        for c in &r.o {
            if col == data_col {
                own = cell_number(c).map(|x| (x, places_of(x)));
            }
            col += match c {
                m::Cell::Rich(rc) => rc.ngang.unwrap_or(1).max(1) as usize,
                _ => 1,
            };
        }
        if let Some((v, p)) = own.or_else(|| column_sum(&r.con, data_col)) {
            total = Some(match total {
                None => (v, p),
                Some((t, q)) => (t + v, p.max(q)),
            });
        }
    }
    total
}

fn total_row(t: &m::Table, label: &str, stt_col: Option<usize>) -> RowView {
    // The label spans every column before the first summed column.
    let first_sum = t.cot.iter().position(|c| c.tong).unwrap_or(t.cot.len());
    let mut o = Vec::new();
    if first_sum > 0 {
        o.push(CellView {
            ngang: first_sum as u32,
            dam: true,
            can: Some("giua"),
            ..cell(label)
        });
    }
    let mut data_index = t.cot[..first_sum]
        .iter()
        .filter(|c| c.kieu != m::ColumnKind::Stt)
        .count();
    for (i, c) in t.cot.iter().enumerate().skip(first_sum) {
        if Some(i) == stt_col {
            o.push(cell(""));
            continue;
        }
        let text = if c.tong {
            column_sum(&t.dong, data_index)
                .map(|(x, places)| vn::decimal(round_to(x, places), c.so_le))
                .unwrap_or_default()
        } else {
            String::new()
        };
        o.push(CellView {
            dam: true,
            ..cell(text)
        });
        data_index += 1;
    }
    RowView { loai: "tong", o }
}

fn value_cell(c: &m::Cell, col: Option<&m::Column>) -> CellView {
    let places = col.and_then(|c| c.so_le);
    let number = |x: f64| vn::decimal(x, places);
    match c {
        m::Cell::Empty(()) => cell(""),
        m::Cell::Number(x) => cell(number(*x)),
        m::Cell::Text(s) => cell(s.clone()),
        m::Cell::Rich(r) => {
            let mut doan = Vec::new();
            if let Some(t) = &r.text {
                doan.push(ParaView {
                    text: t.clone(),
                    dam: false,
                });
            }
            if let Some(x) = r.so {
                doan.push(ParaView {
                    text: number(x),
                    dam: false,
                });
            }
            for d in &r.ds {
                doan.push(ParaView {
                    text: format!("- {d}"),
                    dam: false,
                });
            }
            if doan.is_empty() {
                doan.push(ParaView {
                    text: String::new(),
                    dam: false,
                });
            }
            CellView {
                ngang: r.ngang.unwrap_or(1).max(1),
                doc: r.doc.unwrap_or(1).max(1),
                can: r.can.map(align_name),
                dam: r.dam,
                nghieng: r.nghieng,
                doan,
            }
        }
    }
}

/// A column of the task table: the key of its title in the template's
/// wording (`nhan.yaml`), its relative width and its alignment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskColumn {
    pub label: &'static str,
    pub rong: f32,
    /// trai, giua, phai, deu.
    pub can: &'static str,
}

/// The columns of the task table; Sản phẩm only when a task has a product.
const TASK_COLUMNS: [TaskColumn; 6] = [
    TaskColumn {
        label: "cot_tt",
        rong: 0.6,
        can: "giua",
    },
    TaskColumn {
        label: "cot_nhiem_vu",
        rong: 4.0,
        can: "deu",
    },
    TaskColumn {
        label: "cot_chu_tri",
        rong: 2.0,
        can: "trai",
    },
    TaskColumn {
        label: "cot_phoi_hop",
        rong: 2.4,
        can: "trai",
    },
    TaskColumn {
        label: "cot_thoi_han",
        rong: 1.5,
        can: "giua",
    },
    TaskColumn {
        label: "cot_san_pham",
        rong: 2.0,
        can: "trai",
    },
];

/// A body row of the task table.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskRow<'a> {
    /// A section that holds tasks: its STT and its title as printed.
    Group { stt: String, title: String },
    /// A task and its STT.
    Task { stt: String, task: &'a m::Task },
}

/// The task table's columns and rows, before they are dressed as template
/// cells ([`from_tasks`]) or spreadsheet cells (`xlsx::task_table`), so the
/// appendix and the sheet agencies fill in always list the same rows.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskTable<'a> {
    pub columns: Vec<TaskColumn>,
    pub rows: Vec<TaskRow<'a>>,
}

/// The task table of a plan: tasks numbered by level (1, 1.1 …) and grouped
/// by the sections that hold them; a single top-level part holding every
/// task ("II. NHIỆM VỤ") is not a group. Top-level group titles are printed
/// in capitals, every title without its final colon.
pub fn task_table(plan: &Plan) -> TaskTable<'_> {
    let mut with_product = false;
    visit_tasks(&plan.noi_dung, &mut |t| {
        with_product |= t.san_pham.is_some()
    });
    let columns = TASK_COLUMNS[..if with_product { 6 } else { 5 }].to_vec();
    fn walk<'a>(blocks: &'a [m::Block], depth: usize, stt: &mut Stt, rows: &mut Vec<TaskRow<'a>>) {
        for b in blocks {
            match b {
                m::Block::Keyed(m::KeyedBlock::NhiemVu(task)) => rows.push(TaskRow::Task {
                    stt: stt.next(depth, false),
                    task,
                }),
                m::Block::Keyed(m::KeyedBlock::Muc(s)) if has_tasks(&s.noi_dung) => {
                    group(s, depth, stt, rows);
                    walk(&s.noi_dung, depth + 1, stt, rows);
                }
                _ => {}
            }
        }
    }
    fn group(s: &m::Section, depth: usize, stt: &mut Stt, rows: &mut Vec<TaskRow>) {
        let title = s.tieu_de.clone().unwrap_or_default();
        let title = title.trim_end_matches([':', ' ']).to_string();
        rows.push(TaskRow::Group {
            stt: stt.next(depth, true),
            title: if depth == 0 { vn::upper(&title) } else { title },
        });
    }
    let holding: Vec<&m::Section> = plan
        .noi_dung
        .iter()
        .filter(|s| has_tasks(&s.noi_dung))
        .collect();
    let mut stt = Stt::new(m::SttScheme::PhanCap);
    let mut rows = Vec::new();
    if holding.len() == 1 {
        walk(&holding[0].noi_dung, 0, &mut stt, &mut rows);
    } else {
        for s in holding {
            group(s, 0, &mut stt, &mut rows);
            walk(&s.noi_dung, 1, &mut stt, &mut rows);
        }
    }
    TaskTable { columns, rows }
}

/// The task table of an appendix with `tu_nhiem_vu: true` ([`task_table`])
/// as template cells. Column titles are template wording.
pub fn from_tasks(plan: &Plan, agencies: &Agencies, nhan: &BTreeMap<String, String>) -> TableView {
    let label = |k: &str| nhan.get(k).cloned().unwrap_or_default();
    let table = task_table(plan);
    let ncols = table.columns.len();
    let mut dong = vec![RowView {
        loai: "tieu_de",
        o: table
            .columns
            .iter()
            .map(|c| CellView {
                dam: true,
                ..cell(label(c.label))
            })
            .collect(),
    }];
    for row in &table.rows {
        dong.push(match row {
            TaskRow::Group { stt, title } => RowView {
                loai: "nhom",
                o: vec![
                    CellView {
                        dam: true,
                        ..cell(stt.clone())
                    },
                    CellView {
                        ngang: (ncols - 1) as u32,
                        dam: true,
                        ..cell(title.clone())
                    },
                ],
            },
            TaskRow::Task { stt, task: t } => RowView {
                loai: "thuong",
                o: table
                    .columns
                    .iter()
                    .map(|c| match c.label {
                        "cot_tt" => cell(stt.clone()),
                        "cot_nhiem_vu" => {
                            let mut work = vec![ParaView {
                                text: t.tieu_de.trim_end_matches([':', ' ']).to_string(),
                                dam: true,
                            }];
                            if let Some(mt) = &t.muc_tieu {
                                work.push(ParaView {
                                    text: mt.clone(),
                                    dam: false,
                                });
                            }
                            CellView {
                                doan: work,
                                ..cell("")
                            }
                        }
                        "cot_chu_tri" => cell(agencies.join(&t.chu_tri)),
                        "cot_phoi_hop" => cell(agencies.join(&t.phoi_hop)),
                        "cot_thoi_han" => cell(t.thoi_han.clone().unwrap_or_default()),
                        _ => cell(t.san_pham.clone().unwrap_or_default()),
                    })
                    .collect(),
            },
        });
    }
    TableView {
        co_chu: APPENDIX,
        cot: table
            .columns
            .iter()
            .map(|c| ColView {
                rong: c.rong,
                can: c.can,
            })
            .collect(),
        dong,
    }
}

fn has_tasks(blocks: &[m::Block]) -> bool {
    blocks.iter().any(|b| match b {
        m::Block::Keyed(m::KeyedBlock::NhiemVu(_)) => true,
        m::Block::Keyed(m::KeyedBlock::Muc(s)) => has_tasks(&s.noi_dung),
        _ => false,
    })
}

fn visit_tasks(sections: &[m::Section], f: &mut dyn FnMut(&m::Task)) {
    fn blocks(bs: &[m::Block], f: &mut dyn FnMut(&m::Task)) {
        for b in bs {
            match b {
                m::Block::Keyed(m::KeyedBlock::NhiemVu(t)) => f(t),
                m::Block::Keyed(m::KeyedBlock::Muc(s)) => blocks(&s.noi_dung, f),
                _ => {}
            }
        }
    }
    for s in sections {
        blocks(&s.noi_dung, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(ten: &str, kieu: m::ColumnKind) -> m::Column {
        m::Column {
            ten: ten.into(),
            rong: None,
            can: None,
            kieu,
            tong: false,
            so_le: None,
            gop: false,
        }
    }

    /// `gop: true` merges equal neighbours of one column; a group row ends
    /// a run, empty cells stay apart, and a hand-written `doc` span in
    /// another column keeps the grid right (the rows below omit its cell).
    #[test]
    fn equal_consecutive_cells_of_a_gop_column_merge() {
        let text = |s: &str| m::Cell::Text(s.into());
        let row = |cells: &[&str]| m::Row {
            o: cells.iter().map(|c| text(c)).collect(),
            ..m::Row::default()
        };
        let spanning = m::Row {
            o: vec![
                m::Cell::Rich(m::RichCell {
                    text: Some("Việc 1".into()),
                    doc: Some(2),
                    ..m::RichCell::default()
                }),
                text("Sở Nội vụ"),
            ],
            ..m::Row::default()
        };
        let t = m::Table {
            cot: vec![
                col("STT", m::ColumnKind::Stt),
                col("Nhiệm vụ", m::ColumnKind::Chu),
                m::Column {
                    gop: true,
                    ..col("Chủ trì", m::ColumnKind::Chu)
                },
            ],
            tieu_de_tren: vec![],
            so_cot: false,
            stt: m::SttScheme::LienTuc,
            dong: vec![
                spanning,
                row(&["Sở Nội vụ"]),
                row(&["Việc 2", "Sở Nội vụ"]),
                row(&["Việc 3", ""]),
                row(&["Việc 4", ""]),
                m::Row {
                    nhom: true,
                    ..row(&["Nhóm", "Sở Tư pháp"])
                },
                row(&["Việc 5", "Sở Tư pháp"]),
                row(&["Việc 6", "Sở Tư pháp"]),
            ],
            dong_tong: None,
            co_chu: None,
        };
        let v = view(&t, APPENDIX);
        let body = &v.dong[1..];
        // (cells in the row, rowspan of its agency cell or 0 when omitted)
        let shape: Vec<(usize, u32)> = body
            .iter()
            .map(|r| {
                let agency = r.o.iter().find(|c| c.doan[0].text.starts_with("Sở"));
                (r.o.len(), agency.map_or(0, |c| c.doc))
            })
            .collect();
        assert_eq!(
            shape,
            [
                (3, 3),
                (1, 0),
                (2, 0),
                (3, 0),
                (3, 0),
                (3, 1),
                (3, 2),
                (2, 0)
            ],
            "{body:#?}"
        );
    }

    #[test]
    fn upper_header_rows_hide_the_titles_they_cover() {
        let rich = |text: &str, ngang: u32, doc: u32| {
            m::Cell::Rich(m::RichCell {
                text: Some(text.into()),
                ngang: Some(ngang),
                doc: Some(doc),
                ..m::RichCell::default()
            })
        };
        let t = m::Table {
            cot: vec![
                col("STT", m::ColumnKind::Stt),
                col("Tiêu chí", m::ColumnKind::Chu),
                col("Tối đa", m::ColumnKind::So),
                col("Mục tiêu", m::ColumnKind::So),
            ],
            tieu_de_tren: vec![vec![
                rich("STT", 1, 2),
                rich("Tiêu chí", 1, 2),
                rich("Điểm", 2, 1),
            ]],
            so_cot: false,
            stt: m::SttScheme::LienTuc,
            dong: vec![
                m::Row {
                    o: vec![
                        m::Cell::Text("A".into()),
                        m::Cell::Number(1.5),
                        m::Cell::Number(1.0),
                    ],
                    ..m::Row::default()
                },
                m::Row {
                    o: vec![m::Cell::Text("B".into())],
                    nhom: true,
                    ..m::Row::default()
                },
                m::Row {
                    o: vec![m::Cell::Text("C".into()), m::Cell::Number(2.25)],
                    ..m::Row::default()
                },
            ],
            dong_tong: None,
            co_chu: Some(11.0),
        };
        let v = view(&t, APPENDIX);
        assert_eq!(v.co_chu, 11.0);
        assert_eq!(v.dong[0].o.len(), 3);
        let titles: Vec<&str> = v.dong[1]
            .o
            .iter()
            .map(|c| c.doan[0].text.as_str())
            .collect();
        assert_eq!(titles, ["Tối đa", "Mục tiêu"]);
        assert_eq!(v.cot[0].can, "giua");
        assert_eq!(v.cot[2].can, "phai");
        let stt: Vec<&str> = v.dong[2..]
            .iter()
            .map(|r| r.o[0].doan[0].text.as_str())
            .collect();
        assert_eq!(stt, ["1", "", "2"]);
        assert_eq!(v.dong[2].o[2].doan[0].text, "1,5");
        assert_eq!(v.dong[3].loai, "nhom");
        assert!(v.dong[3].o[1].dam);
    }

    #[test]
    fn group_rows_span_their_empty_cells() {
        let t = m::Table {
            cot: vec![
                col("TT", m::ColumnKind::Stt),
                col("Lĩnh vực", m::ColumnKind::Chu),
                col("Mục tiêu", m::ColumnKind::Chu),
                col("Phụ trách", m::ColumnKind::Chu),
            ],
            tieu_de_tren: Vec::new(),
            so_cot: false,
            stt: m::SttScheme::NhomLaMa,
            dong: vec![
                m::Row {
                    o: vec![
                        m::Cell::Text("CÔNG TÁC CHỈ ĐẠO".into()),
                        m::Cell::Empty(()),
                        m::Cell::Text(" ".into()),
                    ],
                    nhom: true,
                    ..m::Row::default()
                },
                m::Row {
                    o: vec![
                        m::Cell::Text("Nhóm có nội dung".into()),
                        m::Cell::Empty(()),
                        m::Cell::Text("Văn phòng".into()),
                    ],
                    nhom: true,
                    ..m::Row::default()
                },
                m::Row {
                    o: vec![
                        m::Cell::Text("Dòng thường".into()),
                        m::Cell::Empty(()),
                        m::Cell::Empty(()),
                    ],
                    ..m::Row::default()
                },
            ],
            dong_tong: None,
            co_chu: None,
        };
        let v = view(&t, APPENDIX);
        let spans = |r: usize| -> Vec<u32> { v.dong[r].o.iter().map(|c| c.ngang).collect() };
        // Header row, then the rows: STT cell first, the title across the rest.
        assert_eq!(spans(1), [1, 3]);
        assert_eq!(v.dong[1].o[1].doan[0].text, "CÔNG TÁC CHỈ ĐẠO");
        assert_eq!(spans(2), [1, 1, 1, 1]);
        assert_eq!(spans(3), [1, 1, 1, 1]);
    }

    #[test]
    fn sums_keep_the_precision_of_their_inputs() {
        let rows: Vec<m::Row> = [8.5, 9.2, 13.1, 10.6, 11.34, 7.0, 9.0, 8.0, 16.22]
            .iter()
            .map(|x| m::Row {
                o: vec![m::Cell::Number(*x)],
                ..m::Row::default()
            })
            .collect();
        let (sum, places) = column_sum(&rows, 0).unwrap();
        assert_eq!(places, 2);
        assert_eq!(vn::decimal(round_to(sum, places), None), "92,96");
        assert_eq!(places_of(100.0), 0);
    }
}
