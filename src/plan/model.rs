//! The typed model of a plan source (`plans/*.yaml`): what a secretariat writes.
//!
//! Keys are ASCII snake_case Vietnamese terms (`trich_yeu`, `noi_nhan`,
//! `chu_tri` …) because they are the users' own vocabulary; every key is
//! documented in `docs/plan-format.md` and must stay stable. Unknown keys are
//! errors (`deny_unknown_fields`): a misspelt key would silently drop content
//! from an official document.
//!
//! Labels (I., 1., 1.1., a), đ) …, STT in tables) are never stored here: the
//! engine computes them from the tree.

use serde::{Deserialize, Serialize};

/// One plan source file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Document kind; selects `templates/<loai>/`. Default `ke-hoach`.
    #[serde(default = "default_kind")]
    pub loai: String,
    /// Issuing body (ô 2).
    pub co_quan: Issuer,
    /// Document number; absent in a draft (blank "Số:      /KH-UBND").
    #[serde(default)]
    pub so: Option<u32>,
    /// Ký hiệu; derived as `KH-<co_quan.viet_tat>` when absent.
    #[serde(default)]
    pub ky_hieu: Option<String>,
    /// Place name (địa danh), e.g. "Vĩnh Phúc".
    pub dia_danh: String,
    /// Issue date: "2024-06-13", "2022-09" (day left blank), "2022"
    /// (day and month blank), or absent (all blank, a draft).
    #[serde(default)]
    pub ngay: Option<String>,
    /// Trích yếu: the one-sentence summary under "KẾ HOẠCH".
    pub trich_yeu: String,
    /// Opening: italic căn cứ list and/or upright paragraphs.
    #[serde(default)]
    pub mo_dau: Opening,
    /// Registry of agencies referenced by id from tasks, tables and recipients.
    #[serde(default)]
    pub co_quan_lien_quan: Vec<Agency>,
    /// The body: a tree of numbered parts (I., II. …).
    pub noi_dung: Vec<Section>,
    /// Closing paragraph(s) after the last section; the engine appends "./."
    /// to the last one unless it already ends with it.
    #[serde(default)]
    pub ket_luan: Vec<String>,
    /// Nơi nhận (ô 9b).
    pub noi_nhan: Recipients,
    /// Signature block (ô 7).
    pub ky: Signer,
    /// Appendices (Phụ lục).
    #[serde(default)]
    pub phu_luc: Vec<Appendix>,
    /// Wording overrides for fixed texts of the template, by key (see
    /// `docs/templates.md`), e.g. `chu_tri: "Đơn vị phụ trách"`.
    #[serde(default)]
    pub nhan: std::collections::BTreeMap<String, String>,
    /// Rendering options.
    #[serde(default)]
    pub trinh_bay: Layout,
}

fn default_kind() -> String {
    "ke-hoach".to_string()
}

/// Issuer block (ô 2) and the names used elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Parent body lines (cơ quan chủ quản), printed upright; may be empty.
    #[serde(default)]
    pub chu_quan: Vec<String>,
    /// Issuing body lines, printed bold, e.g. ["ỦY BAN NHÂN DÂN", "TỈNH VĨNH PHÚC"].
    pub ban_hanh: Vec<String>,
    /// Name in running text, for "(Kèm theo … của <ten>)", e.g. "UBND tỉnh".
    pub ten: String,
    /// Abbreviation used in the ký hiệu, e.g. "UBND".
    pub viet_tat: String,
}

/// Opening block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opening {
    /// Căn cứ lines, italic; each ends with ";" and the last with "." (R22).
    #[serde(default)]
    pub can_cu: Vec<String>,
    /// Upright opening paragraphs.
    #[serde(default)]
    pub doan: Vec<String>,
}

/// A registered agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Identifier used in `chu_tri`, `phoi_hop` and `noi_nhan.ds`, e.g. `snv`.
    /// There, a value that looks like an id (`^[a-z][a-z0-9_-]*$`: ASCII
    /// lowercase, no spaces) is an agency reference and must be registered;
    /// any other value is free text printed as written.
    pub id: String,
    /// Full name, e.g. "Sở Nội vụ".
    pub ten: String,
    /// Short name, e.g. "SNV" (optional).
    #[serde(default)]
    pub ten_ngan: Option<String>,
}

/// A numbered part of the body. Its label (I., 1., 1.1. …) comes from its
/// depth; its title is printed after the label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Title; absent for an untitled khoản whose text follows the label.
    #[serde(default)]
    pub tieu_de: Option<String>,
    /// Text that follows the title in the same paragraph
    /// ("**1. Công tác chỉ đạo, điều hành:** Năm 2023: …").
    #[serde(default)]
    pub dan: Option<String>,
    /// Content blocks, in order; `muc` blocks are numbered subsections.
    #[serde(default)]
    pub noi_dung: Vec<Block>,
}

/// A content block. In YAML a plain string is a paragraph; otherwise a map
/// with exactly one of the keys below.
// A plan holds a few thousand blocks at most, built once per load; boxing the
// keyed variant would buy nothing and complicate every match over blocks.
#[allow(clippy::large_enum_variant)]
// Deserialize: plan::de (dispatch on the value's type, not `untagged`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Block {
    /// A plain paragraph.
    Text(String),
    /// A keyed block.
    Keyed(KeyedBlock),
}

/// The keyed content blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum KeyedBlock {
    /// Paragraph (same as a plain string), allowing options later.
    Doan(String),
    /// Numbered subsection (1., 1.1., 1.1.1. …).
    Muc(Section),
    /// Dash list "- …".
    Gach(Vec<ListItem>),
    /// Plus list "+ …".
    Cong(Vec<ListItem>),
    /// Lettered items a) b) … đ) …
    Diem(Vec<Point>),
    /// A task (nhiệm vụ), numbered like a subsection.
    NhiemVu(Task),
    /// A table in the body.
    Bang(Table),
}

/// A list item: a string, or a map with nested items.
// Deserialize: plan::de (dispatch on the value's type, not `untagged`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum ListItem {
    Text(String),
    Nested(NestedItem),
}

/// A list item with sub-items (a dash item with plus items under it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NestedItem {
    pub text: String,
    /// Items of the next list kind (- → +).
    #[serde(default)]
    pub con: Vec<ListItem>,
}

/// A lettered item "a) <tieu_de> <dan>" followed by its blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Point {
    #[serde(default)]
    pub tieu_de: Option<String>,
    #[serde(default)]
    pub dan: Option<String>,
    #[serde(default)]
    pub noi_dung: Vec<Block>,
}

/// A task: criterion, target, actions, who leads, who co-operates, deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Optional id, for references and diffs.
    #[serde(default)]
    pub id: Option<String>,
    /// Title or criterion, e.g. 'Tiêu chí “Thực hiện kế hoạch CCHC”:'.
    pub tieu_de: String,
    /// Objective / target (mục tiêu, yêu cầu).
    #[serde(default)]
    pub muc_tieu: Option<String>,
    /// Actions (nhiệm vụ, giải pháp): blocks, plain strings become dash items.
    #[serde(default)]
    pub giai_phap: Vec<Block>,
    /// Lead agencies: registry ids or free text.
    #[serde(default)]
    pub chu_tri: Vec<String>,
    /// Co-operating agencies: registry ids or free text.
    #[serde(default)]
    pub phoi_hop: Vec<String>,
    /// Deadline, kept as written ("Trong năm 2022", "Quý III/2024",
    /// "trước ngày 15/12/2024", "thường xuyên", "2024-12-15" …).
    #[serde(default)]
    pub thoi_han: Option<String>,
    /// Output / product (sản phẩm).
    #[serde(default)]
    pub san_pham: Option<String>,
    #[serde(default)]
    pub ghi_chu: Option<String>,
    /// Wording overrides for this task only (same keys as `Plan::nhan`).
    #[serde(default)]
    pub nhan: std::collections::BTreeMap<String, String>,
}

/// Nơi nhận.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    /// Recipient lines, in order, without "- " and without the final ";".
    #[serde(default)]
    pub ds: Vec<Recipient>,
    /// The "Lưu" line: units after "VT", e.g. ["TH4"].
    #[serde(default)]
    pub luu: Vec<String>,
    /// Copies kept (appended "(n)" after the last unit), optional.
    #[serde(default)]
    pub so_ban_luu: Option<u32>,
    /// Drafter mark and copies issued (ô 12), e.g. "nh" or "PL.(300)".
    #[serde(default)]
    pub ky_hieu_soan_thao: Option<String>,
}

/// One Nơi nhận entry: a line, or a group sharing one annotation (brace).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Recipient {
    /// "Sở Nội vụ (báo cáo)" or an agency id.
    Line(String),
    /// A line with its annotation separated: {ten: …, ghi_chu: "b/c"}.
    Annotated(AnnotatedRecipient),
    /// Lines sharing one annotation: {nhom: [...], ghi_chu: "b/c"}.
    Group(RecipientGroup),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnotatedRecipient {
    pub ten: String,
    pub ghi_chu: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecipientGroup {
    pub nhom: Vec<String>,
    pub ghi_chu: String,
}

/// The signer (ô 7a/7b).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Authority lines with their prefixes, e.g.
    /// ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]; may be empty when the head
    /// signs in their own name.
    #[serde(default)]
    pub quyen_han: Vec<String>,
    /// The signer's own title, e.g. "PHÓ CHỦ TỊCH".
    pub chuc_vu: String,
    /// Name, sentence case, e.g. "Vũ Chí Giang".
    pub ho_ten: String,
}

/// An appendix (Phụ lục).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// Optional id.
    #[serde(default)]
    pub id: Option<String>,
    /// Title, printed in capitals.
    pub tieu_de: String,
    /// "ngang" (landscape) or "doc" (portrait); default by table width.
    #[serde(default)]
    pub huong: Option<Orientation>,
    /// Paragraphs before the table.
    #[serde(default)]
    pub truoc: Vec<Block>,
    /// The table: written out, or derived from the plan's tasks.
    #[serde(default)]
    pub bang: Option<Table>,
    /// Build the table from the plan's tasks (TT, Nhiệm vụ, chủ trì, phối
    /// hợp, thời hạn, sản phẩm), grouped by section.
    #[serde(default)]
    pub tu_nhiem_vu: bool,
    /// Paragraphs after the table.
    #[serde(default)]
    pub sau: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    Doc,
    Ngang,
}

/// A table with column definitions, optional multi-level headers and
/// hierarchical rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub cot: Vec<Column>,
    /// Extra header rows ABOVE the column titles for multi-level headers;
    /// cells may span (`ngang`, `doc`). When present, a column title that a
    /// spanning upper cell already covers vertically is omitted.
    #[serde(default)]
    pub tieu_de_tren: Vec<Vec<Cell>>,
    /// Print a row "1 2 3 …" under the header (column numbers).
    #[serde(default)]
    pub so_cot: bool,
    /// STT scheme for a `stt` column.
    #[serde(default)]
    pub stt: SttScheme,
    pub dong: Vec<Row>,
    /// Label of a computed total row (sums every `tong` column), e.g. "TỔNG ĐIỂM".
    #[serde(default)]
    pub dong_tong: Option<String>,
    /// Font size of the table text in pt (default 12 in appendices, 13 in the body).
    #[serde(default)]
    pub co_chu: Option<f32>,
}

/// A column definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Column title (header text).
    pub ten: String,
    /// Width weight (relative); default 1.
    #[serde(default)]
    pub rong: Option<f32>,
    /// Horizontal alignment: trai, giua, phai, deu.
    #[serde(default)]
    pub can: Option<Align>,
    /// Column kind.
    #[serde(default)]
    pub kieu: ColumnKind,
    /// Numeric column summed into the total row and checked against parents.
    #[serde(default)]
    pub tong: bool,
    /// Decimal places for numbers in this column (default: as written).
    #[serde(default)]
    pub so_le: Option<u8>,
    /// Merge equal consecutive cells of this column into one (vertical
    /// merge), as a secretariat does for a lead agency repeated down a
    /// table; spans follow when rows are added or removed.
    #[serde(default)]
    pub gop: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Trai,
    Giua,
    Phai,
    Deu,
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Text (default).
    #[default]
    Chu,
    /// Numbers: right-aligned, decimal comma.
    So,
    /// Automatic row number (STT/TT); rows give no cell for it.
    Stt,
}

/// How the STT column numbers rows.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SttScheme {
    /// 1, 1.1, 1.1.1 by depth (default).
    #[default]
    PhanCap,
    /// 1, 2, 3 … across the table; group rows get no number.
    LienTuc,
    /// Group rows I, II …; other rows 1, 2, 3 … across the table.
    NhomLaMa,
}

/// A table row. Cells exclude the STT column, which is computed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// Cells, left to right (after the STT column).
    #[serde(default)]
    pub o: Vec<Cell>,
    /// Group row: bold; with `nhom_la_ma`, numbered I, II …
    #[serde(default)]
    pub nhom: bool,
    #[serde(default)]
    pub dam: bool,
    #[serde(default)]
    pub nghieng: bool,
    /// Explicit STT text, overriding the computed one ("" for none).
    #[serde(default)]
    pub stt: Option<String>,
    /// Child rows (numbered one level deeper).
    #[serde(default)]
    pub con: Vec<Row>,
}

/// A table cell: a scalar, or a map with spans and formatting.
// Deserialize: plan::de (dispatch on the value's type, not `untagged`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    Empty(()),
    Number(f64),
    Text(String),
    Rich(RichCell),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RichCell {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub so: Option<f64>,
    /// In-cell dash list.
    #[serde(default)]
    pub ds: Vec<String>,
    /// Columns spanned (gridSpan), default 1.
    #[serde(default)]
    pub ngang: Option<u32>,
    /// Rows spanned (vertical merge, counted in display order), default 1.
    #[serde(default)]
    pub doc: Option<u32>,
    #[serde(default)]
    pub dam: bool,
    #[serde(default)]
    pub nghieng: bool,
    #[serde(default)]
    pub can: Option<Align>,
}

/// Rendering options a plan may set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Margin profile: "mac-dinh" (20/20/30/15 mm) or "nghi-dinh" (25/20/35/20 mm).
    #[serde(default)]
    pub le: Option<String>,
    /// First-line indent in cm: 1.0 or 1.27 (default 1.27).
    #[serde(default)]
    pub thut_dau_dong: Option<f32>,
    /// Body size in pt: 13 or 14 (default 14).
    #[serde(default)]
    pub co_chu: Option<f32>,
    /// Print "DỰ THẢO" on every page.
    #[serde(default)]
    pub du_thao: bool,
}
