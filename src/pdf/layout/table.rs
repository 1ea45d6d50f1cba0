//! Tables: column widths from the model, wrapped cell text, spans in both
//! directions, header rows repeated on every page, rows split only when
//! taller than a page, and vertically merged cells whose label is repeated
//! on each page the merge reaches.

use super::flow::{Flow, EPS};
use super::lines::layout_paragraph;
use crate::doc::{Row, RowKind, Table, VAlign};
use crate::fonts::FontSet;
use crate::pdf::frame::{mm, Item, Rect, Text};
use std::ops::Range;

const BORDER_PT: f32 = 0.5;

/// A laid-out cell: text relative to its content box, with line extents so
/// a row taller than a page can be cut between lines.
#[derive(Debug, Clone)]
struct CellBox {
    col: usize,
    colspan: usize,
    rowspan: usize,
    valign: VAlign,
    /// `x` from the cell's left edge (padding included), `y` the baseline
    /// from the content top.
    items: Vec<Text>,
    /// Per line: top, bottom (content coordinates) and its items.
    lines: Vec<(f32, f32, Range<usize>)>,
    /// Height of the cell box: content plus top and bottom padding.
    height: f32,
}

#[derive(Debug, Clone)]
struct RowBox {
    kind: RowKind,
    height: f32,
    cells: Vec<CellBox>,
}

/// A table laid out for a given text width, ready to paginate.
#[derive(Debug, Clone)]
pub struct TableBox {
    /// Left edge of each column and the table's right edge, from the table's left.
    xs: Vec<f32>,
    header: Vec<RowBox>,
    body: Vec<RowBox>,
    repeat_header: bool,
    borders: bool,
    /// Top and bottom cell padding: the DOCX writes the same margin on all
    /// four sides of every cell, and Word and LibreOffice add the top and
    /// bottom ones to the row height.
    pad: f32,
}

impl TableBox {
    pub fn width(&self) -> f32 {
        self.xs.last().copied().unwrap_or(0.0)
    }

    fn header_height(&self) -> f32 {
        self.header.iter().map(|r| r.height).sum()
    }

    /// Height that must stay together at the table's start: the header rows
    /// and the body rows up to the first that is not a group row.
    pub fn lead_height(&self) -> f32 {
        let mut h = self.header_height();
        for r in &self.body {
            h += r.height;
            if r.kind != RowKind::Group {
                break;
            }
        }
        h
    }

    fn cell_x(&self, c: &CellBox) -> (f32, f32) {
        let last = self.xs.len() - 1;
        let a = c.col.min(last);
        let b = (c.col + c.colspan.max(1)).min(last);
        (self.xs[a], self.xs[b] - self.xs[a])
    }
}

/// Lays out every cell of `t`.
pub fn layout_table(t: &Table, fonts: &FontSet) -> TableBox {
    let mut xs = Vec::with_capacity(t.columns_mm.len() + 1);
    let mut x = 0.0;
    xs.push(0.0);
    for w in &t.columns_mm {
        x += mm(*w);
        xs.push(x);
    }
    let pad = mm(t.cell_padding_mm);
    // Word and LibreOffice count the border's width in the row height:
    // text starts half a border below the top padding.
    let pad_y = pad + if t.borders { BORDER_PT / 2.0 } else { 0.0 };
    let build = |rows: &[Row]| -> Vec<RowBox> {
        let mut out: Vec<RowBox> = rows
            .iter()
            .map(|r| RowBox {
                kind: r.kind,
                height: 0.0,
                cells: r
                    .cells
                    .iter()
                    .map(|c| layout_cell(c, &xs, pad, pad_y, fonts))
                    .collect(),
            })
            .collect();
        row_heights(&mut out);
        out
    };
    TableBox {
        header: build(&t.header_rows),
        body: build(&t.body_rows),
        xs,
        repeat_header: t.repeat_header,
        borders: t.borders,
        pad: pad_y,
    }
}

fn layout_cell(c: &crate::doc::Cell, xs: &[f32], pad: f32, pad_y: f32, fonts: &FontSet) -> CellBox {
    let last = xs.len() - 1;
    let a = c.col.min(last);
    let b = (c.col + c.colspan.max(1)).min(last);
    let inner = (xs[b] - xs[a] - 2.0 * pad).max(1.0);
    let mut items = Vec::new();
    let mut lines = Vec::new();
    let mut y = 0.0;
    for p in &c.paragraphs {
        let pl = layout_paragraph(p, fonts, inner);
        y += pl.space_before;
        for r in &pl.lines {
            let begin = items.len();
            for t in &pl.items[r.clone()] {
                let mut t = t.clone();
                t.x += pad;
                t.y += y;
                items.push(t);
            }
            lines.push((y, y + pl.line_height, begin..items.len()));
            y += pl.line_height;
        }
        y += pl.space_after;
    }
    CellBox {
        col: c.col,
        colspan: c.colspan.max(1),
        rowspan: c.rowspan.max(1),
        valign: c.valign,
        items,
        lines,
        height: y + 2.0 * pad_y,
    }
}

/// Row heights: the tallest single-row cell; a merged cell taller than the
/// rows it spans stretches its last row.
fn row_heights(rows: &mut [RowBox]) {
    for r in rows.iter_mut() {
        r.height = r
            .cells
            .iter()
            .filter(|c| c.rowspan == 1)
            .map(|c| c.height)
            .fold(0.0, f32::max);
    }
    let n = rows.len();
    for i in 0..n {
        for ci in 0..rows[i].cells.len() {
            let c = &rows[i].cells[ci];
            if c.rowspan > 1 {
                let end = (i + c.rowspan).min(n);
                let need = c.height;
                let have: f32 = rows[i..end].iter().map(|r| r.height).sum();
                if have < need {
                    rows[end - 1].height += need - have;
                }
            }
        }
    }
}

/// A vertically merged cell being drawn: anchored at body row `row`, cell
/// `cell`, spanning to row `end`, its piece on this page starting at `top`.
struct Open {
    row: usize,
    cell: usize,
    end: usize,
    top: f32,
}

/// Paginates a laid-out table at the flow's cursor, centred in the text area.
pub fn place_table(flow: &mut Flow, tb: &TableBox) {
    let x0 = flow.area.left + (flow.area.text_width() - tb.width()) / 2.0;
    if tb.lead_height() > flow.remaining() + EPS && !flow.at_top {
        flow.new_page();
    }
    draw_header(flow, tb, x0);
    let header_h = tb.header_height();
    let capacity = flow.area.text_height() - if tb.repeat_header { header_h } else { 0.0 };
    let mut open: Vec<Open> = Vec::new();
    let mut rows_on_page = 0usize;
    let n = tb.body.len();
    for r in 0..n {
        let row = &tb.body[r];
        // A group row stays with the row after it, and a chain of group
        // rows (a section and its first subsection) with the first row
        // below them, as keep-with-next chains do in the DOCX.
        let mut keep = 0.0;
        let mut k = r;
        while tb.body[k].kind == RowKind::Group && k + 1 < n {
            k += 1;
            keep += tb.body[k].height;
        }
        // A chain taller than a page cannot be kept; the row alone decides.
        if keep > 0.0 && row.height + keep > capacity + EPS {
            keep = 0.0;
        }
        if row.height + keep > flow.remaining() + EPS
            && rows_on_page > 0
            && row.height <= capacity + EPS
        {
            break_page(flow, tb, x0, &mut open);
            rows_on_page = 0;
        }
        for (ci, c) in row.cells.iter().enumerate() {
            if c.rowspan > 1 && r + 1 < n {
                open.push(Open {
                    row: r,
                    cell: ci,
                    end: (r + c.rowspan - 1).min(n - 1),
                    top: flow.y,
                });
            }
        }
        if row.height > flow.remaining() + EPS {
            split_row(flow, tb, x0, r, &mut open, rows_on_page == 0);
        } else {
            let y = flow.y;
            for c in &row.cells {
                if c.rowspan == 1 || r + 1 == n {
                    draw_cell(flow, tb, x0, c, y, row.height, 0..c.lines.len());
                }
            }
            flow.y += row.height;
        }
        flow.at_top = false;
        rows_on_page += 1;
        close_spans(flow, tb, x0, &mut open, r);
    }
    // Spans reaching past the last row end with the table.
    let y = flow.y;
    for o in open.drain(..) {
        draw_piece(flow, tb, x0, &o, y);
    }
}

/// Emits the pieces of merged cells that end at row `r`.
fn close_spans(flow: &mut Flow, tb: &TableBox, x0: f32, open: &mut Vec<Open>, r: usize) {
    if open.iter().all(|o| o.end != r) {
        return;
    }
    let y = flow.y;
    let mut i = 0;
    while i < open.len() {
        if open[i].end == r {
            let o = open.remove(i);
            draw_piece(flow, tb, x0, &o, y);
        } else {
            i += 1;
        }
    }
}

/// Closes the merged-cell pieces on this page, starts a new page with the
/// header rows, and reopens the merges there (their label is drawn again).
fn break_page(flow: &mut Flow, tb: &TableBox, x0: f32, open: &mut [Open]) {
    let y = flow.y;
    for o in open.iter() {
        draw_piece(flow, tb, x0, o, y);
    }
    flow.new_page();
    if tb.repeat_header {
        draw_header(flow, tb, x0);
    }
    for o in open.iter_mut() {
        o.top = flow.y;
    }
}

fn draw_piece(flow: &mut Flow, tb: &TableBox, x0: f32, o: &Open, bottom: f32) {
    if bottom - o.top <= EPS {
        return;
    }
    let c = &tb.body[o.row].cells[o.cell];
    draw_cell(flow, tb, x0, c, o.top, bottom - o.top, 0..c.lines.len());
}

fn draw_header(flow: &mut Flow, tb: &TableBox, x0: f32) {
    let n = tb.header.len();
    let mut y = flow.y;
    for (r, row) in tb.header.iter().enumerate() {
        for c in &row.cells {
            let end = (r + c.rowspan).min(n);
            let h: f32 = tb.header[r..end].iter().map(|r| r.height).sum();
            draw_cell(flow, tb, x0, c, y, h, 0..c.lines.len());
        }
        y += row.height;
    }
    if n > 0 {
        flow.y = y;
        flow.at_top = false;
    }
}

/// Draws a cell box at (x0 + column, top) of `height` with lines `lines`
/// of its content, vertically aligned in the box.
fn draw_cell(
    flow: &mut Flow,
    tb: &TableBox,
    x0: f32,
    c: &CellBox,
    top: f32,
    height: f32,
    lines: Range<usize>,
) {
    let (cx, cw) = tb.cell_x(c);
    let x = x0 + cx;
    let items = flow.items();
    if tb.borders {
        items.push(Item::Rect(Rect {
            x,
            y: top,
            width: cw,
            height,
            thickness_pt: BORDER_PT,
        }));
    }
    if lines.is_empty() {
        return;
    }
    let first = c.lines[lines.start].0;
    let last = c.lines[lines.end - 1].1;
    let content = last - first;
    // Text sits inside the padded box, aligned within what is left of it.
    let room = height - 2.0 * tb.pad;
    let dy = tb.pad
        + match c.valign {
            VAlign::Top => 0.0,
            VAlign::Center => ((room - content) / 2.0).max(0.0),
            VAlign::Bottom => (room - content).max(0.0),
        };
    let items_range = c.lines[lines.start].2.start..c.lines[lines.end - 1].2.end;
    for t in &c.items[items_range] {
        let mut t = t.clone();
        t.x += x;
        t.y += top + dy - first;
        items.push(Item::Text(t));
    }
}

/// Places body row `r`, taller than what is left of the page, cutting its
/// cells between lines across as many pages as it needs.
fn split_row(
    flow: &mut Flow,
    tb: &TableBox,
    x0: f32,
    r: usize,
    open: &mut [Open],
    mut fresh: bool,
) {
    let row = &tb.body[r];
    let mut next: Vec<usize> = vec![0; row.cells.len()];
    loop {
        // Each piece of the row is a padded box of its own.
        let avail = flow.remaining() - 2.0 * tb.pad;
        let mut more = false;
        let mut ends = Vec::with_capacity(row.cells.len());
        let mut tallest: f32 = 0.0;
        for (ci, c) in row.cells.iter().enumerate() {
            let start = next[ci];
            let base = c.lines.get(start).map_or(c.height, |l| l.0);
            let mut e = start;
            while e < c.lines.len() && c.lines[e].1 - base <= avail + EPS {
                e += 1;
            }
            if e == start && e < c.lines.len() && fresh {
                e += 1;
            }
            if e < c.lines.len() {
                more = true;
            }
            let used = if e > start {
                c.lines[e - 1].1 - base
            } else {
                0.0
            };
            tallest = tallest.max(used);
            ends.push(e);
        }
        let advanced = ends.iter().zip(&next).any(|(e, s)| e != s);
        if more && !advanced && !fresh {
            // Not even one line of the row fits here.
            break_page(flow, tb, x0, open);
            fresh = true;
            continue;
        }
        let height = if more { avail.max(tallest) } else { tallest } + 2.0 * tb.pad;
        let y = flow.y;
        for (ci, c) in row.cells.iter().enumerate() {
            if c.rowspan == 1 {
                draw_cell(flow, tb, x0, c, y, height, next[ci]..ends[ci]);
            }
        }
        flow.y += height;
        flow.at_top = false;
        next = ends;
        if !more {
            return;
        }
        break_page(flow, tb, x0, open);
        fresh = true;
    }
}
