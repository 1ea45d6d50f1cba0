//! Plain-text and Markdown views of a composed document, in reading order with the same labels (the golden fixture of composition).

use std::fmt::Write as _;

use crate::doc::{Block, Document, Paragraph, Row, Run, Table};

/// The document as plain text (the draft mark first for a draft): paragraphs separated by blank lines, the
/// header and closing as their lines, table rows as tab-separated cells,
/// and a line `=====` before each page section after the first.
pub fn to_text(doc: &Document) -> String {
    render(doc, Flavor::Text)
}

/// The document as Markdown: emphasis as `**` / `*`, tables as pipe tables.
pub fn to_markdown(doc: &Document) -> String {
    render(doc, Flavor::Markdown)
}

#[derive(Clone, Copy, PartialEq)]
enum Flavor {
    Text,
    Markdown,
}

fn render(doc: &Document, f: Flavor) -> String {
    let mut out = String::with_capacity(64 * 1024);
    if let Some(mark) = &doc.meta.draft {
        let mark = match f {
            Flavor::Text => format!("{mark}\n\n"),
            Flavor::Markdown => format!("**{mark}**\n\n"),
        };
        out.push_str(&mark);
    }
    for (i, s) in doc.sections.iter().enumerate() {
        if i > 0 {
            out.push_str(if f == Flavor::Text {
                "=====\n\n"
            } else {
                "---\n\n"
            });
        }
        for b in &s.blocks {
            block(&mut out, b, f);
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn runs(out: &mut String, rs: &[Run], f: Flavor) {
    runs_with(out, rs, f, false, false);
}

/// Runs with the paragraph's own emphasis added (`bold`, `italic`).
fn runs_with(out: &mut String, rs: &[Run], f: Flavor, bold: bool, italic: bool) {
    for r in rs {
        if f == Flavor::Text || r.text.trim().is_empty() {
            out.push_str(&r.text);
            continue;
        }
        // Markdown emphasis must hug the text: keep outer spaces outside.
        let t = r.text.trim();
        let lead = &r.text[..r.text.len() - r.text.trim_start().len()];
        let trail = &r.text[r.text.trim_end().len()..];
        let mark = match (r.bold || bold, r.italic || italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let _ = write!(out, "{lead}{mark}{}{mark}{trail}", md_escape(t));
    }
}

fn md_escape(s: &str) -> String {
    if s.contains(['*', '|', '_']) {
        s.replace('*', "\\*")
            .replace('|', "\\|")
            .replace('_', "\\_")
    } else {
        s.to_string()
    }
}

fn para(out: &mut String, p: &Paragraph, f: Flavor) {
    runs_with(out, &p.runs, f, p.format.bold, p.format.italic);
    out.push_str("\n\n");
}

fn line(out: &mut String, p: &Paragraph, f: Flavor) {
    runs_with(out, &p.runs, f, p.format.bold, p.format.italic);
    out.push_str(if f == Flavor::Markdown { "  \n" } else { "\n" });
}

fn block(out: &mut String, b: &Block, f: Flavor) {
    match b {
        Block::Header(h) => {
            let emph = |s: &str, m: &str| {
                if f == Flavor::Markdown && !s.is_empty() {
                    format!("{m}{s}{m}")
                } else {
                    s.to_string()
                }
            };
            let br = if f == Flavor::Markdown { "  \n" } else { "\n" };
            for l in &h.parent_lines {
                let _ = write!(out, "{l}{br}");
            }
            for l in &h.issuer_lines {
                let _ = write!(out, "{}{br}", emph(l, "**"));
            }
            let _ = write!(
                out,
                "{}{br}{}{br}",
                emph(&h.quoc_hieu, "**"),
                emph(&h.tieu_ngu, "**")
            );
            let _ = write!(out, "{}{br}{}\n\n", h.number_line, emph(&h.place_date, "*"));
        }
        Block::Paragraph(p) => para(out, p, f),
        Block::Rule(_) => {}
        Block::Table(t) => table(out, t, f),
        Block::Closing(c) => {
            line(out, &c.label, f);
            for (i, r) in c.recipients.iter().enumerate() {
                runs(out, &r.runs, f);
                if let Some(br) = c.braces.iter().find(|br| br.last == i) {
                    let _ = write!(out, " }} {}", br.note);
                }
                out.push_str(if f == Flavor::Markdown { "  \n" } else { "\n" });
            }
            if let Some(d) = &c.drafter {
                line(out, d, f);
            }
            out.push('\n');
            for a in &c.authority {
                line(out, a, f);
            }
            out.push('\n');
            para(out, &c.name, f);
        }
    }
}

fn cell_text(paragraphs: &[Paragraph], f: Flavor) -> String {
    let mut s = String::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            s.push_str(if f == Flavor::Markdown { "<br>" } else { " " });
        }
        runs_with(&mut s, &p.runs, f, p.format.bold, p.format.italic);
    }
    s
}

fn row_cells(r: &Row, ncols: usize, f: Flavor) -> Vec<String> {
    let mut cells = vec![String::new(); ncols];
    for c in &r.cells {
        if c.col < ncols {
            cells[c.col] = cell_text(&c.paragraphs, f);
        }
    }
    cells
}

fn table(out: &mut String, t: &Table, f: Flavor) {
    let n = t.columns_mm.len();
    match f {
        Flavor::Text => {
            for r in t.header_rows.iter().chain(&t.body_rows) {
                out.push_str(row_cells(r, n, f).join("\t").trim_end_matches('\t'));
                out.push('\n');
            }
        }
        Flavor::Markdown => {
            let mut rows = t.header_rows.iter().chain(&t.body_rows);
            let first = rows
                .next()
                .map(|r| row_cells(r, n, f))
                .unwrap_or_else(|| vec![String::new(); n]);
            let _ = writeln!(out, "| {} |", first.join(" | "));
            let _ = writeln!(out, "|{}", "---|".repeat(n));
            for r in rows {
                let _ = writeln!(out, "| {} |", row_cells(r, n, f).join(" | "));
            }
        }
    }
    out.push('\n');
}
