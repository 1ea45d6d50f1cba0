//! The document model: what both writers (DOCX, PDF) render, and nothing else.
//!
//! Compose resolves every decision here: labels are text, sizes are points,
//! lengths are millimetres, alignment and emphasis are explicit. Writers never
//! look at the plan or the spec; they only translate this model, so the DOCX
//! and the PDF say the same thing in the same format.

/// A whole document: metadata and page sections (main body, each appendix).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub meta: Meta,
    pub sections: Vec<Section>,
}

/// Document properties written into DOCX core properties and the PDF info.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    /// Title: the document kind and trích yếu.
    pub title: String,
    /// Author: the issuing body.
    pub author: String,
    /// Subject: the number and ký hiệu, when known.
    pub subject: String,
    /// The draft mark on every page ("DỰ THẢO", the template's `du_thao`
    /// wording); None for a document to be signed.
    pub draft: Option<String>,
}

/// A run of pages with one page setup. DOCX: one `w:sectPr`; PDF: pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub page: PageSetup,
    pub numbering: PageNumbering,
    pub blocks: Vec<Block>,
}

impl Section {
    /// The section's top-level paragraphs, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
    }

    /// The section's tables, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}

/// Page size and margins, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    /// Page width and height as laid out (landscape has width > height).
    pub width_mm: f32,
    pub height_mm: f32,
    pub landscape: bool,
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    pub margin_left_mm: f32,
    pub margin_right_mm: f32,
    /// Distance from the top edge to the page-number line (header).
    pub header_distance_mm: f32,
}

impl PageSetup {
    /// A4 portrait with the default margins 20/20/30/15 mm (spec §14 [REC]);
    /// `compose::style::page` gives the same for `Profile::Default`.
    pub fn a4_portrait() -> PageSetup {
        PageSetup {
            width_mm: 210.0,
            height_mm: 297.0,
            landscape: false,
            margin_top_mm: 20.0,
            margin_bottom_mm: 20.0,
            margin_left_mm: 30.0,
            margin_right_mm: 15.0,
            header_distance_mm: 10.0,
        }
    }

    /// Width of the text area.
    pub fn text_width_mm(&self) -> f32 {
        self.width_mm - self.margin_left_mm - self.margin_right_mm
    }
    /// Height of the text area.
    pub fn text_height_mm(&self) -> f32 {
        self.height_mm - self.margin_top_mm - self.margin_bottom_mm
    }
}

/// Page numbers (spec §2, R10, R11): top centre, hidden on the first page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageNumbering {
    /// Show numbers at all.
    pub show: bool,
    /// Show the number on the first page of this section.
    pub show_on_first: bool,
    /// Restart at this number (each appendix restarts at 1).
    pub restart_at: Option<u32>,
    /// Font size of the number, pt.
    pub size_pt: f32,
}

/// Block-level content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The two-column national header (ô 1–4).
    Header(Header),
    Paragraph(Paragraph),
    /// A centred horizontal line (under the trích yếu, under an appendix
    /// reference line).
    Rule(Rule),
    Table(Table),
    /// Nơi nhận beside the signature block, kept together (R42).
    Closing(Closing),
}

/// Paragraph styles. Each has a Vietnamese-meaningful name in DOCX (see
/// `StyleId::docx_name`) so a secretary editing the file finds a clean list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StyleId {
    /// Body text (R07).
    Body,
    /// Căn cứ lines, italic (R22).
    CanCu,
    /// "KẾ HOẠCH" (R20).
    DocKind,
    /// Trích yếu (R21).
    TrichYeu,
    /// Heading by level: 1 = "I.", 2 = "1.", 3 = "1.1.", 4+ deeper (R24, R25).
    Heading(u8),
    /// Lettered item "a) …" (R26).
    Point,
    /// Dash "- …" and plus "+ …" items.
    ListItem,
    /// Text inside a table cell.
    TableText,
    /// Table header cell text.
    TableHeader,
    /// "Phụ lục I" (R33).
    AppendixLabel,
    /// Appendix title, capitals.
    AppendixTitle,
    /// "(Kèm theo Kế hoạch số …)".
    AppendixRef,
    /// Header block lines (agency, quốc hiệu, tiêu ngữ, số, date).
    HeaderText,
    /// "Nơi nhận:" label (R31).
    RecipientsLabel,
    /// Recipient lines (R32).
    Recipient,
    /// Signature block lines (R28, R29).
    Signature,
}

impl StyleId {
    /// The style name shown in Word's style list.
    pub fn docx_name(self) -> String {
        match self {
            StyleId::Body => "Nội dung".into(),
            StyleId::CanCu => "Căn cứ".into(),
            StyleId::DocKind => "Tên loại".into(),
            StyleId::TrichYeu => "Trích yếu".into(),
            StyleId::Heading(n) => format!("Đề mục {n}"),
            StyleId::Point => "Điểm".into(),
            StyleId::ListItem => "Gạch đầu dòng".into(),
            StyleId::TableText => "Bảng".into(),
            StyleId::TableHeader => "Tiêu đề bảng".into(),
            StyleId::AppendixLabel => "Phụ lục".into(),
            StyleId::AppendixTitle => "Tên phụ lục".into(),
            StyleId::AppendixRef => "Kèm theo".into(),
            StyleId::HeaderText => "Thể thức".into(),
            StyleId::RecipientsLabel => "Nơi nhận".into(),
            StyleId::Recipient => "Nơi nhận - dòng".into(),
            StyleId::Signature => "Chữ ký".into(),
        }
    }

    /// ASCII style id for DOCX (`w:styleId`).
    pub fn docx_id(self) -> String {
        match self {
            StyleId::Body => "NoiDung".into(),
            StyleId::CanCu => "CanCu".into(),
            StyleId::DocKind => "TenLoai".into(),
            StyleId::TrichYeu => "TrichYeu".into(),
            StyleId::Heading(n) => format!("DeMuc{n}"),
            StyleId::Point => "Diem".into(),
            StyleId::ListItem => "GachDauDong".into(),
            StyleId::TableText => "Bang".into(),
            StyleId::TableHeader => "TieuDeBang".into(),
            StyleId::AppendixLabel => "PhuLuc".into(),
            StyleId::AppendixTitle => "TenPhuLuc".into(),
            StyleId::AppendixRef => "KemTheo".into(),
            StyleId::HeaderText => "TheThuc".into(),
            StyleId::RecipientsLabel => "NoiNhan".into(),
            StyleId::Recipient => "NoiNhanDong".into(),
            StyleId::Signature => "ChuKy".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VAlign {
    Top,
    Center,
    Bottom,
}

/// Fully resolved paragraph formatting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParaFormat {
    pub align: Align,
    /// Font size, pt.
    pub size_pt: f32,
    /// Paragraph-level emphasis (runs may add more).
    pub bold: bool,
    pub italic: bool,
    pub first_line_indent_mm: f32,
    pub left_indent_mm: f32,
    pub right_indent_mm: f32,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
    /// Line spacing as a multiple of "single" (1.0 … 1.5, R08).
    pub line_spacing: f32,
    /// Keep on the same page as the next paragraph (headings).
    pub keep_with_next: bool,
    /// Keep all lines of the paragraph on one page.
    pub keep_lines: bool,
}

impl ParaFormat {
    /// Single-spaced, without emphasis, indents or spacing: the base that
    /// styles and writers adjust with struct-update syntax.
    pub fn plain(align: Align, size_pt: f32) -> ParaFormat {
        ParaFormat {
            align,
            size_pt,
            bold: false,
            italic: false,
            first_line_indent_mm: 0.0,
            left_indent_mm: 0.0,
            right_indent_mm: 0.0,
            space_before_pt: 0.0,
            space_after_pt: 0.0,
            line_spacing: 1.0,
            keep_with_next: false,
            keep_lines: false,
        }
    }
}

/// A paragraph: a style, its resolved format, and runs of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub style: StyleId,
    pub format: ParaFormat,
    pub runs: Vec<Run>,
}

impl Paragraph {
    /// The paragraph's text without formatting.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A run of text with emphasis. Text is NFC.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// A centred solid line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub length_mm: f32,
    /// Line thickness, pt (R14: 0.5–0.75).
    pub thickness_pt: f32,
    /// Vertical space above and below the line, pt.
    pub space_before_pt: f32,
    pub space_after_pt: f32,
}

/// The national header (spec §4): a borderless 2×2 table.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub left_width_mm: f32,
    pub right_width_mm: f32,
    /// Negative indent so the table may extend into the left margin.
    pub indent_mm: f32,
    /// Row 1, left: parent lines (upright) then issuer lines (bold).
    pub parent_lines: Vec<String>,
    pub issuer_lines: Vec<String>,
    /// Line under the issuer: 1/3–1/2 of the longest issuer line (R16).
    pub issuer_rule_mm: f32,
    /// Row 1, right.
    pub quoc_hieu: String,
    pub tieu_ngu: String,
    /// Line under the tiêu ngữ: its own text width (R14).
    pub tieu_ngu_rule_mm: f32,
    /// Row 2: "Số: 152/KH-UBND" | "Vĩnh Phúc, ngày 13 tháng 6 năm 2024".
    pub number_line: String,
    pub place_date: String,
    /// Sizes, pt.
    pub agency_size_pt: f32,
    pub quoc_hieu_size_pt: f32,
    pub tieu_ngu_size_pt: f32,
    pub number_size_pt: f32,
    pub place_date_size_pt: f32,
    pub rule_thickness_pt: f32,
}

/// A table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column widths, mm; their sum is the table width.
    pub columns_mm: Vec<f32>,
    /// Header rows (titles, multi-level, the column-number row).
    pub header_rows: Vec<Row>,
    pub body_rows: Vec<Row>,
    /// Repeat the header rows on every page (tblHeader).
    pub repeat_header: bool,
    /// Do not split a row across pages unless taller than a page (cantSplit).
    pub cant_split: bool,
    pub borders: bool,
    /// Cell padding, mm.
    pub cell_padding_mm: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Header,
    ColumnNumbers,
    Group,
    Normal,
    Total,
}

/// A row: its cells by grid position. A grid position covered by a cell
/// spanning from an earlier row (rowspan) or column (colspan) has no cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<Cell>,
}

/// A cell anchored at grid column `col`.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub col: usize,
    pub colspan: usize,
    pub rowspan: usize,
    pub valign: VAlign,
    /// Paragraphs in the cell (in-cell lists are paragraphs with "- ").
    pub paragraphs: Vec<Paragraph>,
}

/// Nơi nhận (left) beside the signature block (right), one unit (R31, R42).
#[derive(Debug, Clone, PartialEq)]
pub struct Closing {
    pub left_width_mm: f32,
    pub right_width_mm: f32,
    /// "Nơi nhận:" label.
    pub label: Paragraph,
    /// Recipient lines, "- …;" already punctuated; the last is the Lưu line.
    pub recipients: Vec<Paragraph>,
    /// Brace groups over consecutive recipient lines with a shared note.
    pub braces: Vec<Brace>,
    /// Drafter mark / copies after the Lưu line (ô 12), if any.
    pub drafter: Option<Paragraph>,
    /// Authority lines and the signer's title (bold capitals).
    pub authority: Vec<Paragraph>,
    /// Space for signature and seal between title and name, mm (R30).
    pub signature_gap_mm: f32,
    pub name: Paragraph,
}

impl Closing {
    /// Every paragraph of the block in reading order: label, recipients,
    /// drafter, authority lines, name (brace notes are not paragraphs).
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        std::iter::once(&self.label)
            .chain(&self.recipients)
            .chain(&self.drafter)
            .chain(&self.authority)
            .chain(std::iter::once(&self.name))
    }
}

/// A right brace spanning recipient lines `first..=last` with a note.
#[derive(Debug, Clone, PartialEq)]
pub struct Brace {
    pub first: usize,
    pub last: usize,
    pub note: String,
}
