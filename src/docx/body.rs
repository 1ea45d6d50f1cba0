//! Paragraphs, runs and rules, and the walk over a section's blocks.

use super::styles::{indent, jc, spacing, Sty, StyleSheet};
use super::xml::{eighths, half_points, twips, twips_pt, Xml};
use super::{closing, header, table, DocxError};
use crate::doc::{Block, ParaFormat, Paragraph, Run, Section};

/// What a paragraph adds to its model format when written.
#[derive(Default, Clone, Copy)]
pub struct Extra<'a> {
    /// Keep with the next block even if the model does not ask (the last
    /// paragraph before the closing table, R42).
    pub keep_next: bool,
    /// A section break carried by this paragraph.
    pub sect_pr: Option<&'a str>,
    /// Character spacing of every run, twips (negative condenses).
    pub char_spacing_tw: i64,
}

/// A model paragraph.
pub fn paragraph(x: &mut Xml, ss: &StyleSheet, p: &Paragraph, extra: Extra) {
    para(x, ss, Sty::Doc(p.style), &p.format, &p.runs, extra);
}

/// A paragraph of style `sty` with format `f`: the style is referenced and
/// only the differences are written, so editing the style in Word applies.
pub fn para(x: &mut Xml, ss: &StyleSheet, sty: Sty, f: &ParaFormat, runs: &[Run], extra: Extra) {
    let s = ss.format(sty);
    x.raw("<w:p><w:pPr><w:pStyle w:val=\"");
    x.raw(&sty.id());
    x.raw("\"/>");
    let keep_next = f.keep_with_next || extra.keep_next;
    if keep_next != s.keep_with_next {
        x.raw(if keep_next {
            "<w:keepNext/>"
        } else {
            "<w:keepNext w:val=\"0\"/>"
        });
    }
    if f.keep_lines != s.keep_lines {
        x.raw(if f.keep_lines {
            "<w:keepLines/>"
        } else {
            "<w:keepLines w:val=\"0\"/>"
        });
    }
    if (f.space_before_pt, f.space_after_pt, f.line_spacing)
        != (s.space_before_pt, s.space_after_pt, s.line_spacing)
    {
        spacing(x, f);
    }
    if (f.first_line_indent_mm, f.left_indent_mm, f.right_indent_mm)
        != (s.first_line_indent_mm, s.left_indent_mm, s.right_indent_mm)
    {
        indent(x, f);
    }
    if f.align != s.align {
        jc(x, f.align);
    }
    // The paragraph mark's own properties give an empty paragraph its height.
    let mark = RunDiff::new(&s, f, false, false, 0);
    if !mark.is_empty() {
        x.raw("<w:rPr>");
        mark.write(x);
        x.raw("</w:rPr>");
    }
    if let Some(sp) = extra.sect_pr {
        x.raw(sp);
    }
    x.raw("</w:pPr>");
    for r in runs {
        run(x, &s, f, r, extra.char_spacing_tw);
    }
    x.raw("</w:p>");
}

/// Run properties that differ from the style.
struct RunDiff {
    bold: Option<bool>,
    italic: Option<bool>,
    size_hp: Option<i64>,
    spacing_tw: i64,
}

impl RunDiff {
    fn new(
        style: &ParaFormat,
        f: &ParaFormat,
        run_bold: bool,
        run_italic: bool,
        spacing_tw: i64,
    ) -> RunDiff {
        let bold = f.bold || run_bold;
        let italic = f.italic || run_italic;
        let size = half_points(f.size_pt);
        RunDiff {
            bold: (bold != style.bold).then_some(bold),
            italic: (italic != style.italic).then_some(italic),
            size_hp: (size != half_points(style.size_pt)).then_some(size),
            spacing_tw,
        }
    }

    fn is_empty(&self) -> bool {
        self.bold.is_none()
            && self.italic.is_none()
            && self.size_hp.is_none()
            && self.spacing_tw == 0
    }

    fn write(&self, x: &mut Xml) {
        match self.bold {
            Some(true) => x.raw("<w:b/>"),
            Some(false) => x.raw("<w:b w:val=\"0\"/>"),
            None => {}
        }
        match self.italic {
            Some(true) => x.raw("<w:i/>"),
            Some(false) => x.raw("<w:i w:val=\"0\"/>"),
            None => {}
        }
        if self.spacing_tw != 0 {
            x.val_int("<w:spacing", self.spacing_tw);
        }
        if let Some(sz) = self.size_hp {
            x.val_int("<w:sz", sz);
            x.val_int("<w:szCs", sz);
        }
    }
}

/// One run; tabs and line breaks in the text become `w:tab` / `w:br`.
fn run(x: &mut Xml, style: &ParaFormat, f: &ParaFormat, r: &Run, spacing_tw: i64) {
    if r.text.is_empty() {
        return;
    }
    x.raw("<w:r>");
    let d = RunDiff::new(style, f, r.bold, r.italic, spacing_tw);
    if !d.is_empty() {
        x.raw("<w:rPr>");
        d.write(x);
        x.raw("</w:rPr>");
    }
    let mut first = true;
    for line in r.text.split('\n') {
        if !first {
            x.raw("<w:br/>");
        }
        first = false;
        let mut tab_first = true;
        for piece in line.split('\t') {
            if !tab_first {
                x.raw("<w:tab/>");
            }
            tab_first = false;
            if piece.is_empty() {
                continue;
            }
            let preserve = piece.starts_with(' ') || piece.ends_with(' ') || piece.contains("  ");
            x.raw(if preserve {
                "<w:t xml:space=\"preserve\">"
            } else {
                "<w:t>"
            });
            x.text(piece);
            x.raw("</w:t>");
        }
    }
    x.raw("</w:r>");
}

/// A horizontal line of `length_mm`, centred in a container `width_mm` wide:
/// the bottom border of an empty 1 pt paragraph whose indents leave exactly
/// the line's length (spec §4.5 [REC]). Borders scale with the paragraph in
/// Word and LibreOffice alike, and a secretary can select and delete it.
#[allow(clippy::too_many_arguments)]
pub fn rule(
    x: &mut Xml,
    length_mm: f32,
    thickness_pt: f32,
    before_pt: f32,
    after_pt: f32,
    width_mm: f32,
    keep_next: bool,
    sect_pr: Option<&str>,
) {
    let side = twips(((width_mm - length_mm) / 2.0).max(0.0));
    x.raw("<w:p><w:pPr><w:pStyle w:val=\"");
    x.raw(&Sty::Rule.id());
    x.raw("\"/>");
    if keep_next {
        x.raw("<w:keepNext/>");
    }
    x.raw("<w:pBdr><w:bottom w:val=\"single\" w:sz=\"");
    x.int(eighths(thickness_pt));
    x.raw("\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>");
    x.raw("<w:spacing w:before=\"");
    x.int(twips_pt(before_pt));
    x.raw("\" w:after=\"");
    x.int(twips_pt(after_pt));
    // A single-spaced 1 pt line: an exact line height lets LibreOffice draw
    // the border up into the text above.
    x.raw("\" w:line=\"240\" w:lineRule=\"auto\"/>");
    x.raw("<w:ind w:left=\"");
    x.int(side);
    x.raw("\" w:right=\"");
    x.int(side);
    x.raw("\"/>");
    if let Some(sp) = sect_pr {
        x.raw(sp);
    }
    x.raw("</w:pPr></w:p>");
}

/// An empty 1 pt paragraph: after a table that ends a section (a section
/// break must sit in a paragraph) and at the end of a table cell.
pub fn spacer(x: &mut Xml, sect_pr: Option<&str>) {
    x.raw("<w:p><w:pPr><w:pStyle w:val=\"");
    x.raw(&Sty::Rule.id());
    x.raw("\"/>");
    if let Some(sp) = sect_pr {
        x.raw(sp);
    }
    x.raw("</w:pPr></w:p>");
}

/// All blocks of a section. `sect_pr` is the section's break, placed in its
/// last paragraph; `None` for the final section, whose properties close the body.
pub fn section(
    x: &mut Xml,
    ss: &StyleSheet,
    section: &Section,
    sect_pr: Option<&str>,
) -> Result<(), DocxError> {
    let width = section.page.text_width_mm();
    let n = section.blocks.len();
    for (i, block) in section.blocks.iter().enumerate() {
        let last = i + 1 == n;
        let before_closing = matches!(section.blocks.get(i + 1), Some(Block::Closing(_)));
        let sp = if last { sect_pr } else { None };
        match block {
            Block::Paragraph(p) => paragraph(
                x,
                ss,
                p,
                Extra {
                    keep_next: before_closing,
                    sect_pr: sp,
                    ..Extra::default()
                },
            ),
            Block::Rule(r) => rule(
                x,
                r.length_mm,
                r.thickness_pt,
                r.space_before_pt,
                r.space_after_pt,
                width,
                before_closing,
                sp,
            ),
            Block::Header(h) => header::write(x, ss, h),
            Block::Table(t) => table::write(x, ss, t)?,
            Block::Closing(c) => closing::write(x, ss, c),
        }
        let is_table =
            |b: &Block| matches!(b, Block::Header(_) | Block::Table(_) | Block::Closing(_));
        if last && is_table(block) {
            spacer(x, sect_pr);
        } else if is_table(block) && section.blocks.get(i + 1).is_some_and(is_table) {
            // Word and LibreOffice join adjacent tables into one.
            spacer(x, None);
        }
    }
    if n == 0 {
        spacer(x, sect_pr);
    }
    Ok(())
}
