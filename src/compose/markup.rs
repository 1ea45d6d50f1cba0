//! The document markup (what templates produce) parsed into the document model, with labels, styles and rules resolved.

use roxmltree::Node;

use super::numbering::{self, Headings, Scheme};
use super::style::{self, BodyStyle, Profile};
use crate::doc::{
    Align, Block, Brace, Cell, Closing, Header, PageSetup, Paragraph, Row, RowKind, Rule, Run,
    Section, StyleId, Table, VAlign,
};
use crate::fonts::{Face, FontSet};
use crate::vn;

/// A problem in the markup, at a 1-based line and column of the markup text.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkupError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What the parser needs besides the markup.
#[derive(Debug, Clone, Copy)]
pub struct Setup {
    pub profile: Profile,
    pub body: BodyStyle,
    pub only_appendices: bool,
}

type R<T> = Result<T, MarkupError>;

fn err<T>(node: Node, message: impl Into<String>) -> R<T> {
    let pos = node.document().text_pos_at(node.range().start);
    Err(MarkupError {
        line: pos.row as usize,
        column: pos.col as usize,
        message: message.into(),
    })
}

/// Parses the markup into page sections (body, then one per appendix).
pub fn parse(markup: &str, setup: Setup) -> R<Vec<Section>> {
    let doc = roxmltree::Document::parse(markup).map_err(|e| {
        let pos = e.pos();
        MarkupError {
            line: pos.row as usize,
            column: pos.col as usize,
            message: e.to_string(),
        }
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "document" {
        return err(
            root,
            format!(
                "the root element must be <document>, not <{}>",
                root.tag_name().name()
            ),
        );
    }
    let scheme = match root.attribute("numbering") {
        None => Scheme::default(),
        Some(s) => match Scheme::parse(s) {
            Some(s) => s,
            None => {
                return err(
                    root,
                    format!("unknown numbering scheme `{s}` (known: {})", Scheme::NAMES),
                )
            }
        },
    };
    let appendix_count = root
        .children()
        .filter(|n| n.has_tag_name("appendix"))
        .count();
    let mut sections = Vec::with_capacity(1 + appendix_count);
    let mut appendix_index = 0;
    for child in root.children() {
        if skip(child)? {
            continue;
        }
        match child.tag_name().name() {
            "body" => {
                if setup.only_appendices {
                    continue;
                }
                let mut p = Parser::new(setup, false, scheme);
                let mut blocks = Vec::new();
                p.blocks(child, 0, &mut blocks)?;
                close_body(&mut blocks);
                sections.push(Section {
                    page: p.page,
                    numbering: style::numbering(false),
                    blocks,
                });
            }
            "appendix" => {
                let s = appendix(child, setup, scheme, appendix_index, appendix_count)?;
                appendix_index += 1;
                sections.push(s);
            }
            other => {
                return err(
                    child,
                    format!(
                        "<{other}> is not allowed in <document> (expected <body> or <appendix>)"
                    ),
                )
            }
        }
    }
    Ok(sections)
}

/// Whitespace and comments between elements are skipped; stray text is an error.
fn skip(n: Node) -> R<bool> {
    if n.is_element() {
        return Ok(false);
    }
    if n.is_text() && !n.text().unwrap_or("").trim().is_empty() {
        return err(
            n,
            format!(
                "text outside a paragraph: {:?}",
                n.text().unwrap_or("").trim()
            ),
        );
    }
    Ok(true)
}

struct Parser {
    setup: Setup,
    page: PageSetup,
    headings: Headings,
    scheme: Scheme,
}

impl Parser {
    /// A parser for one section on the profile's page in that orientation.
    fn new(setup: Setup, landscape: bool, scheme: Scheme) -> Parser {
        Parser {
            page: style::page(setup.profile, landscape),
            setup,
            headings: Headings::new(scheme),
            scheme,
        }
    }

    fn para(&self, style: StyleId, runs: Vec<Run>) -> Paragraph {
        Paragraph {
            style,
            format: style::format(style, self.setup.body, style::APPENDIX_TABLE_PT),
            runs,
        }
    }

    /// Block children of `node`; `depth` is the heading level of the enclosing section.
    fn blocks(&mut self, node: Node, depth: usize, out: &mut Vec<Block>) -> R<()> {
        let mut point_index = 0;
        for child in node.children() {
            if skip(child)? {
                continue;
            }
            match child.tag_name().name() {
                "title" | "lead" if matches!(node.tag_name().name(), "section" | "point") => {}
                "label" | "title" | "ref" | "end-mark" if node.has_tag_name("appendix") => {}
                "header" => out.push(Block::Header(self.header(child)?)),
                "kind" => out.push(Block::Paragraph(
                    self.para(StyleId::DocKind, inline(child)?),
                )),
                "trich-yeu" => {
                    let p = self.para(StyleId::TrichYeu, inline(child)?);
                    let longest = style::longest_line_mm(
                        &p.text(),
                        Face::Bold,
                        p.format.size_pt,
                        self.page.text_width_mm(),
                    );
                    out.push(Block::Paragraph(p));
                    out.push(Block::Rule(Rule {
                        length_mm: longest * style::TRICH_YEU_RULE_SHARE,
                        thickness_pt: style::RULE_PT,
                        space_before_pt: style::TRICH_YEU_RULE_BEFORE_PT,
                        space_after_pt: style::RULE_AFTER_PT,
                    }));
                }
                "can-cu" => out.push(Block::Paragraph(self.para(StyleId::CanCu, inline(child)?))),
                "p" => out.push(Block::Paragraph(self.para(StyleId::Body, inline(child)?))),
                "dash" | "plus" => {
                    let marker = if child.has_tag_name("dash") {
                        "- "
                    } else {
                        "+ "
                    };
                    let mut runs = vec![Run {
                        text: marker.into(),
                        ..Run::default()
                    }];
                    runs.extend(inline(child)?);
                    out.push(Block::Paragraph(self.para(StyleId::ListItem, merge(runs))));
                }
                "section" => {
                    let level = depth + 1;
                    let label = self.headings.next(level);
                    out.push(Block::Paragraph(self.heading(child, level, &label)?));
                    self.blocks(child, level, out)?;
                }
                "point" => {
                    let label = numbering::point_label(point_index);
                    point_index += 1;
                    let mut runs = vec![Run {
                        text: label,
                        ..Run::default()
                    }];
                    for part in ["title", "lead"] {
                        if let Some(t) = child.children().find(|n| n.has_tag_name(part)) {
                            let r = inline(t)?;
                            if !r.is_empty() {
                                runs.push(Run {
                                    text: " ".into(),
                                    ..Run::default()
                                });
                                runs.extend(r);
                            }
                        }
                    }
                    out.push(Block::Paragraph(self.para(StyleId::Point, merge(runs))));
                    self.blocks(child, depth, out)?;
                }
                "table" => out.push(Block::Table(self.table(child)?)),
                "closing" => out.push(Block::Closing(self.closing(child)?)),
                other => return err(child, format!("<{other}> is not allowed here")),
            }
        }
        Ok(())
    }

    /// "I. TITLE lead": label and title in the level's emphasis, the lead
    /// (`dan`) upright regular in the same paragraph (spec §6.3).
    fn heading(&self, node: Node, level: usize, label: &str) -> R<Paragraph> {
        let level8 = level.min(9) as u8;
        let (bold, italic) = style::heading_emphasis(level8);
        let title = node.children().find(|n| n.has_tag_name("title"));
        let lead = node.children().find(|n| n.has_tag_name("lead"));
        let mut runs = Vec::new();
        match title {
            Some(t) => {
                runs.push(Run {
                    text: format!("{label} "),
                    bold,
                    italic,
                });
                let mut title_runs = inline(t)?;
                // R24: the mục title is its own uppercase form.
                let upper = self.scheme == Scheme::LaMa && level == 1;
                for r in &mut title_runs {
                    r.bold |= bold;
                    r.italic |= italic;
                    if upper {
                        r.text = vn::upper(&r.text);
                    }
                }
                runs.extend(title_runs);
            }
            // An untitled khoản is regular text after its label (spec §6.3).
            None => runs.push(Run {
                text: label.to_string(),
                ..Run::default()
            }),
        }
        let mut has_lead = false;
        if let Some(l) = lead {
            let lr = inline(l)?;
            if !lr.is_empty() {
                has_lead = true;
                runs.push(Run {
                    text: " ".into(),
                    ..Run::default()
                });
                runs.extend(lr);
            }
        }
        // An untitled khoản is a body paragraph that starts with its label.
        if title.is_none() {
            return Ok(self.para(StyleId::Body, merge(runs)));
        }
        let mut p = self.para(StyleId::Heading(level8), merge(runs));
        // Paragraph emphasis only when the whole paragraph carries it.
        if has_lead {
            p.format.bold = false;
            p.format.italic = false;
            p.format.keep_with_next = false;
        }
        Ok(p)
    }

    fn header(&self, node: Node) -> R<Header> {
        let fonts = FontSet::embedded();
        let mut h = Header {
            left_width_mm: style::HEADER_LEFT_MM,
            right_width_mm: style::HEADER_RIGHT_MM,
            // Centre the table on the text area; it is slightly wider (spec §4.5).
            indent_mm: (self.page.text_width_mm() - style::HEADER_LEFT_MM - style::HEADER_RIGHT_MM)
                / 2.0,
            parent_lines: Vec::new(),
            issuer_lines: Vec::new(),
            issuer_rule_mm: 0.0,
            quoc_hieu: String::new(),
            tieu_ngu: String::new(),
            tieu_ngu_rule_mm: 0.0,
            number_line: String::new(),
            place_date: String::new(),
            agency_size_pt: style::AGENCY_PT,
            quoc_hieu_size_pt: style::QUOC_HIEU_PT,
            tieu_ngu_size_pt: style::TIEU_NGU_PT,
            number_size_pt: style::NUMBER_PT,
            place_date_size_pt: style::PLACE_DATE_PT,
            rule_thickness_pt: style::RULE_PT,
        };
        for c in node.children() {
            if skip(c)? {
                continue;
            }
            let text = plain(c)?;
            match c.tag_name().name() {
                "parent" => h.parent_lines.push(text),
                "issuer" => h.issuer_lines.push(text),
                "quoc-hieu" => h.quoc_hieu = text,
                "tieu-ngu" => h.tieu_ngu = text,
                "number" => h.number_line = text,
                "place-date" => h.place_date = text,
                other => return err(c, format!("<{other}> is not allowed in <header>")),
            }
        }
        // R16: 30–55 % of the longest issuer line; R14: the tiêu ngữ's own width.
        let longest = h
            .issuer_lines
            .iter()
            .map(|l| fonts.width_mm(l, Face::Bold, h.agency_size_pt))
            .fold(0.0, f32::max);
        h.issuer_rule_mm = longest * style::ISSUER_RULE_SHARE;
        h.tieu_ngu_rule_mm = fonts.width_mm(&h.tieu_ngu, Face::Bold, h.tieu_ngu_size_pt);
        Ok(h)
    }

    fn closing(&self, node: Node) -> R<Closing> {
        let tw = self.page.text_width_mm();
        let mut c = Closing {
            left_width_mm: tw - style::SIGNER_COLUMN_MM,
            right_width_mm: style::SIGNER_COLUMN_MM,
            label: self.para(StyleId::RecipientsLabel, Vec::new()),
            recipients: Vec::new(),
            braces: Vec::new(),
            drafter: None,
            authority: Vec::new(),
            signature_gap_mm: style::SIGNATURE_GAP_MM,
            name: self.para(StyleId::Signature, Vec::new()),
        };
        for ch in node.children() {
            if skip(ch)? {
                continue;
            }
            match ch.tag_name().name() {
                "label" => c.label = self.para(StyleId::RecipientsLabel, inline(ch)?),
                "recipient" => c
                    .recipients
                    .push(self.para(StyleId::Recipient, inline(ch)?)),
                "group" => {
                    let first = c.recipients.len();
                    for r in ch.children() {
                        if skip(r)? {
                            continue;
                        }
                        if !r.has_tag_name("recipient") {
                            return err(r, "only <recipient> is allowed in <group>");
                        }
                        c.recipients.push(self.para(StyleId::Recipient, inline(r)?));
                    }
                    if c.recipients.len() > first {
                        c.braces.push(Brace {
                            first,
                            last: c.recipients.len() - 1,
                            note: ch.attribute("note").unwrap_or("").to_string(),
                        });
                    }
                }
                "drafter" => c.drafter = Some(self.para(StyleId::Recipient, inline(ch)?)),
                "authority" => c.authority.push(self.para(StyleId::Signature, inline(ch)?)),
                "name" => c.name = self.para(StyleId::Signature, inline(ch)?),
                other => return err(ch, format!("<{other}> is not allowed in <closing>")),
            }
        }
        // Only the first authority line stands off the body (Mẫu 1.4); the
        // name keeps the Signature style's spacing under the signature gap.
        if let Some(first) = c.authority.first_mut() {
            first.format.space_before_pt = style::CLOSING_BEFORE_PT;
        }
        Ok(c)
    }

    fn table(&self, node: Node) -> R<Table> {
        let size: f32 = match node.attribute("size") {
            None => style::BODY_TABLE_PT,
            Some(s) => match s.parse() {
                Ok(v) if (6.0..=20.0).contains(&v) => v,
                _ => {
                    return err(
                        node,
                        format!("table size `{s}` is not a size in points between 6 and 20"),
                    )
                }
            },
        };
        let mut weights = Vec::new();
        let mut aligns = Vec::new();
        let mut header_rows = Vec::new();
        let mut body_rows = Vec::new();
        let mut covered: Vec<usize> = Vec::new();
        for ch in node.children() {
            if skip(ch)? {
                continue;
            }
            match ch.tag_name().name() {
                "col" => {
                    let w: f32 = ch.attribute("width").unwrap_or("1").parse().unwrap_or(-1.0);
                    if w.is_nan() || w <= 0.0 {
                        return err(ch, "column width must be a positive number");
                    }
                    weights.push(w);
                    aligns.push(align_attr(ch, ch.attribute("align"))?.unwrap_or(Align::Left));
                }
                "tr" => {
                    if weights.is_empty() {
                        return err(ch, "a table needs its <col> elements before its rows");
                    }
                    covered.resize(weights.len(), 0);
                    let kind = match ch.attribute("kind").unwrap_or("thuong") {
                        "tieu_de" => RowKind::Header,
                        "so_cot" => RowKind::ColumnNumbers,
                        "nhom" => RowKind::Group,
                        "thuong" => RowKind::Normal,
                        "tong" => RowKind::Total,
                        k => {
                            return err(
                                ch,
                                format!(
                                    "unknown row kind `{k}` (tieu_de, so_cot, nhom, thuong, tong)"
                                ),
                            )
                        }
                    };
                    let header = matches!(kind, RowKind::Header | RowKind::ColumnNumbers);
                    let mut cells = Vec::new();
                    let mut col = 0;
                    for td in ch.children() {
                        if skip(td)? {
                            continue;
                        }
                        if !td.has_tag_name("td") {
                            return err(td, "only <td> is allowed in <tr>");
                        }
                        while col < covered.len() && covered[col] > 0 {
                            col += 1;
                        }
                        let colspan = count_attr(td, "colspan")?;
                        let rowspan = count_attr(td, "rowspan")?;
                        if col + colspan > weights.len() {
                            return err(
                                td,
                                format!(
                                    "the row has more cells than the {} columns",
                                    weights.len()
                                ),
                            );
                        }
                        covered[col..col + colspan].fill(rowspan);
                        let align = align_attr(td, td.attribute("align"))?.unwrap_or(if header {
                            Align::Center
                        } else {
                            aligns[col]
                        });
                        let mut paragraphs = self.cell_paragraphs(td, header, align, size)?;
                        // The column-number row is a plain "1 2 3 …" (Gia Lai 2022).
                        if kind == RowKind::ColumnNumbers {
                            for p in &mut paragraphs {
                                p.format.bold = false;
                                p.runs.iter_mut().for_each(|r| r.bold = false);
                            }
                        }
                        cells.push(Cell {
                            col,
                            colspan,
                            rowspan,
                            valign: if header { VAlign::Center } else { VAlign::Top },
                            paragraphs,
                        });
                        col += colspan;
                    }
                    for c in covered.iter_mut() {
                        *c = c.saturating_sub(1);
                    }
                    let row = Row { kind, cells };
                    if header && body_rows.is_empty() {
                        header_rows.push(row);
                    } else {
                        body_rows.push(row);
                    }
                }
                other => return err(ch, format!("<{other}> is not allowed in <table>")),
            }
        }
        let total: f32 = weights.iter().sum();
        let tw = self.page.text_width_mm();
        Ok(Table {
            columns_mm: weights.iter().map(|w| w / total * tw).collect(),
            header_rows,
            body_rows,
            repeat_header: true,
            cant_split: true,
            borders: true,
            cell_padding_mm: style::CELL_PADDING_MM,
        })
    }

    fn cell_paragraphs(
        &self,
        td: Node,
        header: bool,
        align: Align,
        size: f32,
    ) -> R<Vec<Paragraph>> {
        let style_id = if header {
            StyleId::TableHeader
        } else {
            StyleId::TableText
        };
        let bold = header || td.attribute("bold") == Some("true");
        let italic = td.attribute("italic") == Some("true");
        let make = |runs: Vec<Run>, extra_bold: bool| {
            let mut format = style::format(style_id, self.setup.body, size);
            format.align = align;
            let runs = runs
                .into_iter()
                .map(|mut r| {
                    r.bold |= bold || extra_bold;
                    r.italic |= italic;
                    r
                })
                .collect();
            Paragraph {
                style: style_id,
                format,
                runs,
            }
        };
        let paras: Vec<Node> = td.children().filter(|n| n.has_tag_name("para")).collect();
        if paras.is_empty() {
            return Ok(vec![make(inline(td)?, false)]);
        }
        let mut out = Vec::with_capacity(paras.len());
        for p in paras {
            out.push(make(inline(p)?, p.attribute("bold") == Some("true")));
        }
        Ok(out)
    }
}

fn count_attr(n: Node, name: &str) -> R<usize> {
    match n.attribute(name) {
        None => Ok(1),
        Some(s) => match s.parse::<usize>() {
            Ok(v) if v >= 1 => Ok(v),
            _ => err(
                n,
                format!("`{name}` must be a whole number of at least 1, not `{s}`"),
            ),
        },
    }
}

fn align_attr(n: Node, v: Option<&str>) -> R<Option<Align>> {
    Ok(match v {
        None | Some("") => None,
        Some("trai") => Some(Align::Left),
        Some("giua") => Some(Align::Center),
        Some("phai") => Some(Align::Right),
        Some("deu") => Some(Align::Justify),
        Some(o) => {
            return err(
                n,
                format!("unknown alignment `{o}` (trai, giua, phai, deu)"),
            )
        }
    })
}

fn appendix(node: Node, setup: Setup, scheme: Scheme, index: usize, count: usize) -> R<Section> {
    let columns = node
        .descendants()
        .find(|n| n.has_tag_name("table"))
        .map(|t| t.children().filter(|c| c.has_tag_name("col")).count())
        .unwrap_or(0);
    let landscape = match node.attribute("orientation") {
        Some("ngang") => true,
        Some("doc") => false,
        None | Some("") => columns >= style::LANDSCAPE_FROM_COLUMNS,
        Some(o) => return err(node, format!("unknown orientation `{o}` (ngang, doc)")),
    };
    let mut p = Parser::new(setup, landscape, scheme);
    let mut blocks = Vec::new();
    let mut end_mark = None;
    for ch in node.children() {
        if skip(ch)? {
            continue;
        }
        match ch.tag_name().name() {
            "label" => {
                let word = plain(ch)?;
                let label = numbering::appendix_label(&word, index, count);
                blocks.push(Block::Paragraph(p.para(
                    StyleId::AppendixLabel,
                    vec![Run {
                        text: label,
                        ..Run::default()
                    }],
                )));
            }
            "title" => {
                let mut runs = inline(ch)?;
                if runs.is_empty() {
                    continue;
                }
                for r in &mut runs {
                    r.text = vn::upper(&r.text);
                }
                blocks.push(Block::Paragraph(p.para(StyleId::AppendixTitle, runs)));
            }
            "ref" => {
                blocks.push(Block::Paragraph(
                    p.para(StyleId::AppendixRef, inline_raw(ch)?),
                ));
                blocks.push(Block::Rule(Rule {
                    length_mm: style::APPENDIX_RULE_MM,
                    thickness_pt: style::RULE_PT,
                    space_before_pt: style::APPENDIX_RULE_BEFORE_PT,
                    space_after_pt: style::RULE_AFTER_PT,
                }));
            }
            "end-mark" => end_mark = Some(plain(ch)?),
            _ => {}
        }
    }
    p.blocks(node, 0, &mut blocks)?;
    close_appendix(&mut blocks, end_mark, &p);
    Ok(Section {
        page: p.page,
        numbering: style::numbering(true),
        blocks,
    })
}

/// Text of an element without emphasis (header lines, appendix label).
fn plain(n: Node) -> R<String> {
    Ok(inline_raw(n)?.into_iter().map(|r| r.text).collect())
}

/// Inline content of a paragraph, without outer whitespace: a stray space
/// at the start of a justified line would show as a misaligned indent.
pub fn inline(n: Node) -> R<Vec<Run>> {
    let mut runs = inline_raw(n)?;
    if let Some(first) = runs.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = runs.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    Ok(merge(runs))
}

/// Inline content: text (with `*italic*` / `**bold**`), `<b>`, `<i>`.
/// Spaces are kept as written (header lines, the appendix reference line).
pub fn inline_raw(n: Node) -> R<Vec<Run>> {
    let mut runs = Vec::new();
    inline_into(n, false, false, &mut runs)?;
    // Leading and trailing layout whitespace of the template (a run of
    // whitespace holding a line break) is dropped; spaces alone are kept,
    // since blank forms ("Số:      /KH-UBND") are made of them.
    if let Some(first) = runs.first_mut() {
        let t = first.text.trim_start();
        if first.text[..first.text.len() - t.len()].contains('\n') {
            first.text = t.to_string();
        }
    }
    if let Some(last) = runs.last_mut() {
        let t = last.text.trim_end();
        if last.text[t.len()..].contains('\n') {
            last.text = t.to_string();
        }
    }
    for r in &mut runs {
        if r.text.contains(['\n', '\r', '\t']) {
            r.text = r.text.replace("\r\n", " ").replace(['\n', '\r', '\t'], " ");
        }
        if !vn::is_nfc(&r.text) {
            r.text = vn::nfc(&r.text);
        }
    }
    Ok(merge(runs))
}

fn inline_into(n: Node, bold: bool, italic: bool, out: &mut Vec<Run>) -> R<()> {
    for c in n.children() {
        if c.is_text() {
            stars(c.text().unwrap_or(""), bold, italic, out);
        } else if c.is_element() {
            match c.tag_name().name() {
                "b" => inline_into(c, true, italic, out)?,
                "i" => inline_into(c, bold, true, out)?,
                other => {
                    return err(
                        c,
                        format!("<{other}> is not allowed inside text (only <b> and <i>)"),
                    )
                }
            }
        }
    }
    Ok(())
}

/// `**bold**` and `*italic*` inside text; a star without its partner stays
/// literal, and an italic span may not start or end with a space (so
/// "2 * 3 * 4" stays as written).
pub fn stars(text: &str, bold: bool, italic: bool, out: &mut Vec<Run>) {
    if let Some(i) = text.find("**") {
        if let Some(j) = text[i + 2..].find("**") {
            if j > 0 {
                stars(&text[..i], bold, italic, out);
                stars(&text[i + 2..i + 2 + j], true, italic, out);
                stars(&text[i + 4 + j..], bold, italic, out);
                return;
            }
        }
    }
    let bytes = text.as_bytes();
    let mut search = 0;
    while let Some(off) = text[search..].find('*') {
        let i = search + off;
        let opens = bytes
            .get(i + 1)
            .is_some_and(|&b| b != b'*' && !b.is_ascii_whitespace());
        if opens {
            let mut k = i + 1;
            while let Some(off2) = text[k..].find('*') {
                let j = k + off2;
                if j > i + 1 && !bytes[j - 1].is_ascii_whitespace() {
                    push(out, &text[..i], bold, italic);
                    push(out, &text[i + 1..j], bold, true);
                    stars(&text[j + 1..], bold, italic, out);
                    return;
                }
                k = j + 1;
            }
        }
        search = i + 1;
    }
    push(out, text, bold, italic);
}

fn push(out: &mut Vec<Run>, text: &str, bold: bool, italic: bool) {
    if !text.is_empty() {
        out.push(Run {
            text: text.to_string(),
            bold,
            italic,
        });
    }
}

/// Joins neighbouring runs of the same emphasis.
fn merge(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for r in runs {
        if r.text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(l) if l.bold == r.bold && l.italic == r.italic => l.text.push_str(&r.text),
            _ => out.push(r),
        }
    }
    out
}

/// Appends "./." to the last content paragraph; false when the content
/// ends with something else (a table) and no paragraph could take it.
fn close_last(blocks: &mut [Block]) -> bool {
    for b in blocks.iter_mut().rev() {
        match b {
            Block::Paragraph(p)
                if matches!(
                    p.style,
                    StyleId::Body | StyleId::Point | StyleId::ListItem | StyleId::Heading(_)
                ) =>
            {
                if let Some(r) = p.runs.iter_mut().rev().find(|r| !r.text.trim().is_empty()) {
                    r.text = vn::close_mark(r.text.trim_end());
                    return true;
                }
                return false;
            }
            Block::Closing(_) => continue,
            _ => return false,
        }
    }
    false
}

/// R27: the last content paragraph of the body ends with "./." (spec §6.5).
fn close_body(blocks: &mut [Block]) {
    close_last(blocks);
}

/// R27: each appendix ends with "./." too (spec §6.5). Text after the table
/// takes the mark on its last paragraph; an appendix that ends with its table
/// gets the template's `<end-mark>` as a paragraph of its own under the table:
/// body size, flush left, no first-line indent, as the decree's Mẫu 2.1 sets
/// the mark on the line after the content. A template without `<end-mark>`
/// leaves such an appendix unmarked.
fn close_appendix(blocks: &mut Vec<Block>, end_mark: Option<String>, p: &Parser) {
    if close_last(blocks) {
        return;
    }
    let Some(text) = end_mark.filter(|t| !t.trim().is_empty()) else {
        return;
    };
    let mut para = p.para(
        StyleId::Body,
        vec![Run {
            text,
            ..Run::default()
        }],
    );
    para.format.align = Align::Left;
    para.format.first_line_indent_mm = 0.0;
    blocks.push(Block::Paragraph(para));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(s: &str) -> Vec<(String, bool, bool)> {
        let mut out = Vec::new();
        stars(s, false, false, &mut out);
        merge(out)
            .into_iter()
            .map(|r| (r.text, r.bold, r.italic))
            .collect()
    }

    #[test]
    fn stars_become_emphasis() {
        assert_eq!(
            runs("a **b** c"),
            [
                ("a ".into(), false, false),
                ("b".into(), true, false),
                (" c".into(), false, false)
            ]
        );
        assert_eq!(
            runs("(*Phụ lục I*)"),
            [
                ("(".into(), false, false),
                ("Phụ lục I".into(), false, true),
                (")".into(), false, false)
            ]
        );
        assert_eq!(runs("**x *y* z**")[1], ("y".into(), true, true));
    }

    #[test]
    fn unmatched_stars_stay_literal() {
        assert_eq!(runs("2 * 3 * 4"), [("2 * 3 * 4".into(), false, false)]);
        assert_eq!(runs("**abc"), [("**abc".into(), false, false)]);
        assert_eq!(runs("a*"), [("a*".into(), false, false)]);
    }

    fn setup() -> Setup {
        Setup {
            profile: Profile::Default,
            body: BodyStyle::default(),
            only_appendices: false,
        }
    }

    #[test]
    fn sections_points_and_lists_are_numbered() {
        let m = "<document><body>\n<section><title>Mục đích, yêu cầu</title>\n<section><title>Mục đích</title><dash>x</dash></section>\n<section><title>Tiêu chí</title><point><title>Mục tiêu:</title><lead>y</lead></point><point><title>Giải pháp:</title></point><plus>z</plus></section></section><p>Kết thúc</p></body></document>";
        let s = parse(m, setup()).unwrap();
        let texts: Vec<String> = s[0].paragraphs().map(|p| p.text()).collect();
        assert_eq!(
            texts,
            [
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Mục đích",
                "- x",
                "2. Tiêu chí",
                "a) Mục tiêu: y",
                "b) Giải pháp:",
                "+ z",
                "Kết thúc./."
            ]
        );
    }

    #[test]
    fn a_heading_lead_is_upright() {
        let m = "<document><body><section><title>A</title><section><title>B:</title><lead>văn bản</lead></section></section></body></document>";
        let s = parse(m, setup()).unwrap();
        let Block::Paragraph(p) = &s[0].blocks[1] else {
            panic!()
        };
        assert!(
            p.runs[0].bold && !p.runs.last().unwrap().bold,
            "{:?}",
            p.runs
        );
        assert!(!p.format.bold);
    }

    #[test]
    fn table_cells_get_grid_positions_under_row_spans() {
        let m = "<document><appendix><label>Phụ lục</label><table size=\"12\"><col/><col/><col/><col/><col/><tr kind=\"tieu_de\"><td rowspan=\"2\">A</td><td colspan=\"2\">B</td><td rowspan=\"2\">C</td><td rowspan=\"2\">D</td></tr><tr kind=\"tieu_de\"><td>B1</td><td>B2</td></tr><tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td></tr></table></appendix></document>";
        let s = parse(m, setup()).unwrap();
        assert!(s[0].page.landscape, "five columns default to landscape");
        assert_eq!(s[0].numbering.restart_at, Some(1));
        let t = s[0].tables().next().unwrap();
        assert_eq!(t.header_rows.len(), 2);
        assert_eq!(
            t.header_rows[1]
                .cells
                .iter()
                .map(|c| c.col)
                .collect::<Vec<_>>(),
            [1, 2]
        );
        assert!((t.columns_mm.iter().sum::<f32>() - 252.0).abs() < 0.1);
        let Block::Paragraph(label) = &s[0].blocks[0] else {
            panic!()
        };
        assert_eq!(label.text(), "Phụ lục");
    }

    #[test]
    fn the_template_chooses_the_numbering_scheme() {
        let m = "<document numbering=\"so\"><body><section><title>Mục đích</title><section><title>Con</title></section></section></body></document>";
        let s = parse(m, setup()).unwrap();
        let t: Vec<String> = s[0].paragraphs().map(|p| p.text()).collect();
        assert_eq!(t, ["1. Mục đích", "1.1. Con./."]);
        let e = parse("<document numbering=\"abc\"><body/></document>", setup()).unwrap_err();
        assert!(e.message.contains("la-ma, so"), "{}", e.message);
    }

    #[test]
    fn bad_markup_reports_a_position() {
        let e = parse("<document>\n<body><p>x</q></body></document>", setup()).unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("<document><body><wat/></body></document>", setup()).unwrap_err();
        assert!(e.message.contains("<wat>"), "{}", e.message);
    }
}
