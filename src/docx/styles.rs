//! `styles.xml`: one named paragraph style per role, holding the format of its
//! first use, so paragraphs carry only their differences from the style and a
//! secretary who edits a style in Word changes every paragraph of that role.

use std::collections::BTreeMap;

use super::xml::{half_points, line_240, twips, twips_pt, Xml};
use crate::doc::{Align, Block, Document, ParaFormat, StyleId};

/// The font every text run names (spec §1, R04).
pub const FONT: &str = "Times New Roman";

/// A paragraph style: a role from the model, or one the writer needs itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sty {
    Doc(StyleId),
    /// Empty paragraphs whose bottom border draws a line (R14, R16, R21).
    Rule,
    /// The page-number (and draft mark) line in page headers (R10).
    PageHeader,
}

impl Sty {
    pub fn id(self) -> String {
        match self {
            Sty::Doc(s) => s.docx_id(),
            Sty::Rule => "DuongKe".into(),
            Sty::PageHeader => "SoTrang".into(),
        }
    }

    pub fn name(self) -> String {
        match self {
            Sty::Doc(s) => s.docx_name(),
            Sty::Rule => "Đường kẻ".into(),
            Sty::PageHeader => "Số trang".into(),
        }
    }
}

/// The format each style carries, in a fixed order.
pub struct StyleSheet {
    formats: BTreeMap<Sty, ParaFormat>,
    body_size_pt: f32,
}

/// A single-spaced format without spacing (header cells, rules).
pub fn plain(size_pt: f32, align: Align) -> ParaFormat {
    ParaFormat::plain(align, size_pt)
}

/// Size of the 1 pt line that carries a rule's border.
pub const RULE_SIZE_PT: f32 = 1.0;

impl StyleSheet {
    /// Collects the first format of every style the document uses.
    pub fn collect(doc: &Document) -> StyleSheet {
        let mut formats = BTreeMap::new();
        let mut add = |s: Sty, f: ParaFormat| {
            formats.entry(s).or_insert(f);
        };
        let mut page_size = None;
        for section in &doc.sections {
            if page_size.is_none() && (section.numbering.show || doc.meta.draft.is_some()) {
                page_size = Some(section.numbering.size_pt);
            }
            for block in &section.blocks {
                match block {
                    Block::Paragraph(p) => add(Sty::Doc(p.style), p.format),
                    Block::Rule(_) => add(Sty::Rule, plain(RULE_SIZE_PT, Align::Center)),
                    Block::Header(h) => {
                        add(Sty::Doc(StyleId::HeaderText), super::header::base_format(h));
                        add(Sty::Rule, plain(RULE_SIZE_PT, Align::Center));
                    }
                    Block::Table(t) => {
                        let mut first = None;
                        for row in t.header_rows.iter().chain(&t.body_rows) {
                            for cell in &row.cells {
                                for p in &cell.paragraphs {
                                    first.get_or_insert(p.format);
                                    add(Sty::Doc(p.style), p.format);
                                }
                            }
                        }
                        // Empty and merged-over cells use the table text style.
                        let f = first.unwrap_or_else(|| plain(13.0, Align::Left));
                        add(Sty::Doc(StyleId::TableText), f);
                    }
                    Block::Closing(c) => {
                        for p in c.paragraphs() {
                            add(Sty::Doc(p.style), p.format);
                        }
                    }
                }
            }
        }
        // Spacer paragraphs (section breaks after tables) use the rule style.
        add(Sty::Rule, plain(RULE_SIZE_PT, Align::Center));
        // Every section references a header part, even one without a number.
        let first_size = doc.sections.first().map(|s| s.numbering.size_pt);
        if let Some(size) = page_size.or(first_size) {
            add(Sty::PageHeader, plain(size, Align::Center));
        }
        let body_size_pt = formats
            .get(&Sty::Doc(StyleId::Body))
            .map(|f| f.size_pt)
            .unwrap_or(14.0);
        StyleSheet {
            formats,
            body_size_pt,
        }
    }

    /// The format a style carries; paragraphs write only what differs.
    pub fn format(&self, s: Sty) -> ParaFormat {
        self.formats
            .get(&s)
            .copied()
            .unwrap_or_else(|| plain(self.body_size_pt, Align::Left))
    }

    /// The whole `styles.xml` part.
    pub fn xml(&self) -> String {
        let mut x = Xml::with_capacity(8192);
        x.raw(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
        x.raw("\n");
        x.raw(
            r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        );
        // Four font slots (R04), black (R05), Vietnamese proofing language.
        x.raw("<w:docDefaults><w:rPrDefault><w:rPr>");
        x.raw(&format!(
            r#"<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>"#
        ));
        x.raw(r#"<w:color w:val="000000"/>"#);
        x.val_int("<w:sz", half_points(self.body_size_pt));
        x.val_int("<w:szCs", half_points(self.body_size_pt));
        x.raw(r#"<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>"#);
        x.raw("</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>");
        x.raw(r#"<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>"#);
        x.raw("</w:pPr></w:pPrDefault></w:docDefaults>");
        x.raw(concat!(
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
            r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
        ));
        for (s, f) in &self.formats {
            x.raw(r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId=""#);
            x.raw(&s.id());
            x.raw(r#""><w:name w:val=""#);
            x.text(&s.name());
            x.raw(r#""/><w:basedOn w:val="Normal"/>"#);
            let has_body = self.formats.contains_key(&Sty::Doc(StyleId::Body));
            if let (Sty::Doc(StyleId::Heading(_)), true) = (s, has_body) {
                x.raw(&format!(r#"<w:next w:val="{}"/>"#, StyleId::Body.docx_id()));
            }
            x.raw("<w:qFormat/><w:pPr>");
            if f.keep_with_next {
                x.raw("<w:keepNext/>");
            }
            if f.keep_lines {
                x.raw("<w:keepLines/>");
            }
            if *s == Sty::Rule {
                x.raw(r#"<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>"#);
            } else {
                spacing(&mut x, f);
            }
            indent(&mut x, f);
            jc(&mut x, f.align);
            if let Sty::Doc(StyleId::Heading(n)) = s {
                x.val_int("<w:outlineLvl", i64::from(n.clamp(&1, &9) - 1));
            }
            x.raw("</w:pPr><w:rPr>");
            if f.bold {
                x.raw("<w:b/>");
            }
            if f.italic {
                x.raw("<w:i/>");
            }
            x.val_int("<w:sz", half_points(f.size_pt));
            x.val_int("<w:szCs", half_points(f.size_pt));
            x.raw("</w:rPr></w:style>");
        }
        x.raw("</w:styles>");
        x.buf
    }
}

/// `w:spacing` with before/after in twips and an auto line multiple (R08, R09).
pub fn spacing(x: &mut Xml, f: &ParaFormat) {
    x.raw(r#"<w:spacing w:before=""#);
    x.int(twips_pt(f.space_before_pt));
    x.raw(r#"" w:after=""#);
    x.int(twips_pt(f.space_after_pt));
    x.raw(r#"" w:line=""#);
    x.int(line_240(f.line_spacing));
    x.raw(r#"" w:lineRule="auto"/>"#);
}

/// `w:ind`; a negative first-line indent is a hanging indent.
pub fn indent(x: &mut Xml, f: &ParaFormat) {
    x.raw(r#"<w:ind w:left=""#);
    x.int(twips(f.left_indent_mm));
    x.raw(r#"" w:right=""#);
    x.int(twips(f.right_indent_mm));
    let first = twips(f.first_line_indent_mm);
    if first < 0 {
        x.raw(r#"" w:hanging=""#);
        x.int(-first);
    } else {
        x.raw(r#"" w:firstLine=""#);
        x.int(first);
    }
    x.raw(r#""/>"#);
}

pub fn jc(x: &mut Xml, a: Align) {
    x.raw(match a {
        Align::Left => r#"<w:jc w:val="left"/>"#,
        Align::Center => r#"<w:jc w:val="center"/>"#,
        Align::Right => r#"<w:jc w:val="right"/>"#,
        Align::Justify => r#"<w:jc w:val="both"/>"#,
    });
}
