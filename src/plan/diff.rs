//! What changed between two versions of a plan, in a secretariat's terms (`kehoach diff`).

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::model::{Block, Cell, KeyedBlock, Plan, Recipient, Row, Section, Task};
use crate::diag::Lang;
use crate::vn;

/// Two task titles at least this similar (1.0 = same after folding) are the
/// same task retitled. High enough that the criteria of the reference plans,
/// which share long prefixes ("Tiêu chí “…”:"), never pair up by accident.
pub const TITLE_SIMILARITY: f64 = 0.8;

/// Every change between two plans, grouped as the cover note presents them;
/// each group is in document order (new plan's order; removals in the old
/// plan's order, after the others).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanDiff {
    /// Số, ký hiệu, địa danh, ngày, trích yếu, người ký.
    pub header: Vec<HeaderChange>,
    /// Numbered parts and their own wording; opening and closing.
    pub sections: Vec<SectionChange>,
    /// Added, removed and changed tasks, then moved ones.
    pub tasks: Vec<TaskChange>,
    /// The agency registry (`co_quan_lien_quan`).
    pub agencies: Vec<AgencyChange>,
    /// Nơi nhận lines.
    pub recipients: Vec<RecipientChange>,
    /// Appendices and their table rows.
    pub appendices: Vec<AppendixChange>,
    /// The plans differ in something none of the groups above describes
    /// (layout options, wording overrides, issuer lines …). Set only when
    /// every group is empty, so an empty diff means the same text.
    pub other: bool,
}

/// A header field that can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HeaderField {
    /// Số.
    Number,
    /// Ký hiệu.
    Symbol,
    /// Địa danh.
    Place,
    /// Ngày ban hành.
    Date,
    /// Trích yếu.
    Summary,
    /// Người ký: quyền hạn, chức vụ, họ tên.
    SignerAuthority,
    /// Chức vụ người ký.
    SignerTitle,
    /// Họ tên người ký.
    SignerName,
}

/// A changed header field; `None` is an empty (draft) value.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderChange {
    pub field: HeaderField,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A change to the numbered parts (I., 1., 1.1. …). Labels are the section's
/// position, e.g. "II.1".
#[derive(Debug, Clone, PartialEq)]
pub enum SectionChange {
    Added {
        label: String,
        title: Option<String>,
    },
    Removed {
        label: String,
        title: Option<String>,
    },
    Renamed {
        old_label: String,
        label: String,
        old: Option<String>,
        new: Option<String>,
    },
    /// The section's own wording changed: its lead-in (`dan`) or its
    /// paragraphs, lists and tables (not its subsections or tasks, which
    /// are compared on their own).
    TextChanged { label: String },
    /// The opening (căn cứ, opening paragraphs) changed.
    OpeningChanged,
    /// The closing paragraphs (`ket_luan`) changed.
    ClosingChanged,
}

/// A change to a task. Labels are positions ("II.1.3"); agency lists are
/// display names (registry ids resolved).
#[derive(Debug, Clone, PartialEq)]
pub enum TaskChange {
    Added {
        label: String,
        title: String,
        lead: Vec<String>,
        deadline: Option<String>,
    },
    Removed {
        label: String,
        title: String,
    },
    /// Content changed (position may also have changed; see `Moved`).
    Changed {
        old_label: String,
        label: String,
        title: String,
        fields: Vec<TaskField>,
    },
    /// Same content, new place relative to the other tasks.
    Moved {
        old_label: String,
        label: String,
        title: String,
    },
}

/// One changed property of a task.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskField {
    Title {
        old: String,
        new: String,
    },
    /// Chủ trì.
    Lead {
        added: Vec<String>,
        removed: Vec<String>,
    },
    /// Phối hợp.
    CoOperating {
        added: Vec<String>,
        removed: Vec<String>,
    },
    /// Thời hạn.
    Deadline {
        old: Option<String>,
        new: Option<String>,
        shift: Shift,
    },
    /// Mục tiêu.
    Target {
        old: Option<String>,
        new: Option<String>,
    },
    /// Sản phẩm.
    Output {
        old: Option<String>,
        new: Option<String>,
    },
    /// Ghi chú.
    Note {
        old: Option<String>,
        new: Option<String>,
    },
    /// Giải pháp (the action blocks): reported as changed, not itemised.
    Actions,
}

/// How a deadline moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shift {
    /// Both understood and the new one ends later (lùi).
    Later,
    /// Both understood and the new one ends earlier.
    Earlier,
    /// Not comparable, or the same end written differently.
    Changed,
    /// No deadline before.
    Set,
    /// No deadline now.
    Cleared,
}

/// A change to the agency registry (`co_quan_lien_quan`).
#[derive(Debug, Clone, PartialEq)]
pub enum AgencyChange {
    Added {
        id: String,
        name: String,
    },
    Removed {
        id: String,
        name: String,
    },
    /// Name or short name changed; every task citing the agency prints the
    /// new name, so those tasks are listed (new labels).
    Renamed {
        id: String,
        old: String,
        new: String,
        tasks: Vec<String>,
    },
}

/// A Nơi nhận line added or removed (ids resolved to names; the "Lưu" line
/// is one entry).
#[derive(Debug, Clone, PartialEq)]
pub enum RecipientChange {
    Added(String),
    Removed(String),
}

/// A change to the appendices.
#[derive(Debug, Clone, PartialEq)]
pub enum AppendixChange {
    Added {
        title: String,
    },
    Removed {
        title: String,
    },
    Renamed {
        old: String,
        new: String,
    },
    /// Rows are identified by their position ("1.2") and first text cell.
    RowAdded {
        appendix: String,
        position: String,
        text: String,
    },
    RowRemoved {
        appendix: String,
        position: String,
        text: String,
    },
    RowChanged {
        appendix: String,
        position: String,
        text: String,
        cells: Vec<CellChange>,
    },
}

/// One changed cell of an appendix row.
#[derive(Debug, Clone, PartialEq)]
pub struct CellChange {
    /// Column title.
    pub column: String,
    pub old: String,
    pub new: String,
}

/// Compares two versions of a plan.
pub fn diff(old: &Plan, new: &Plan) -> PlanDiff {
    let mut d = PlanDiff {
        header: header(old, new),
        ..PlanDiff::default()
    };
    sections(&old.noi_dung, &new.noi_dung, &mut d.sections);
    let old_tasks = collect_tasks(old);
    let new_tasks = collect_tasks(new);
    d.tasks = tasks(old, new, &old_tasks, &new_tasks);
    d.agencies = agencies(old, new, &new_tasks);
    d.recipients = recipients(old, new);
    d.appendices = appendices(old, new);
    if normalised(&old.mo_dau) != normalised(&new.mo_dau) {
        d.sections.insert(0, SectionChange::OpeningChanged);
    }
    if normalised(&old.ket_luan) != normalised(&new.ket_luan) {
        d.sections.push(SectionChange::ClosingChanged);
    }
    d.other = d.is_empty() && normalised(old) != normalised(new);
    d
}

/// A value as JSON with every string normalised (see [`norm`]), so that
/// re-wrapped text compares equal.
fn normalised<T: serde::Serialize>(v: &T) -> serde_json::Value {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => *s = norm(s),
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            serde_json::Value::Object(o) => o.values_mut().for_each(walk),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(v).unwrap_or(serde_json::Value::Null);
    walk(&mut v);
    v
}

impl PlanDiff {
    /// True when the two plans say the same thing (reordering included:
    /// a moved task is a change).
    pub fn is_empty(&self) -> bool {
        self.header.is_empty()
            && self.sections.is_empty()
            && self.tasks.is_empty()
            && self.agencies.is_empty()
            && self.recipients.is_empty()
            && self.appendices.is_empty()
            && !self.other
    }

    /// Counts of task changes: (added, removed, changed, moved).
    pub fn task_counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for t in &self.tasks {
            match t {
                TaskChange::Added { .. } => c.0 += 1,
                TaskChange::Removed { .. } => c.1 += 1,
                TaskChange::Changed { .. } => c.2 += 1,
                TaskChange::Moved { .. } => c.3 += 1,
            }
        }
        c
    }

    /// The change list as plain text for a cover note, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let w = Words::of(lang);
        let mut out = String::new();
        if self.is_empty() {
            out.push_str(w.no_change);
            out.push('\n');
            return out;
        }
        let _ = writeln!(out, "{} {}.", w.summary, self.summary(w));
        let mut n = 0;
        if !self.header.is_empty() {
            heading(&mut out, &mut n, w.h_header);
            for h in &self.header {
                let _ = writeln!(
                    out,
                    "- {}: {} → {}",
                    w.header_field(h.field),
                    w.value(&h.old),
                    w.value(&h.new)
                );
            }
        }
        if !self.sections.is_empty() {
            heading(&mut out, &mut n, w.h_sections);
            for s in &self.sections {
                let line = match s {
                    SectionChange::Added { label, title } => {
                        format!("{} {label}: {}", w.section_added, w.value(title))
                    }
                    SectionChange::Removed { label, title } => {
                        format!("{} {label}: {}", w.section_removed, w.value(title))
                    }
                    SectionChange::Renamed {
                        old_label,
                        label,
                        old,
                        new,
                    } => {
                        let at = w.relabelled(old_label, label);
                        format!(
                            "{} {at}: {} → {}",
                            w.section_renamed,
                            w.value(old),
                            w.value(new)
                        )
                    }
                    SectionChange::TextChanged { label } => {
                        format!("{} {label}", w.section_text)
                    }
                    SectionChange::OpeningChanged => w.opening.to_string(),
                    SectionChange::ClosingChanged => w.closing.to_string(),
                };
                let _ = writeln!(out, "- {line}");
            }
        }
        if !self.tasks.is_empty() {
            heading(&mut out, &mut n, w.h_tasks);
            self.render_tasks(&mut out, w);
        }
        if !self.agencies.is_empty() {
            heading(&mut out, &mut n, w.h_agencies);
            for a in &self.agencies {
                let line = match a {
                    AgencyChange::Added { id, name } => format!("{} {name} ({id})", w.added),
                    AgencyChange::Removed { id, name } => format!("{} {name} ({id})", w.removed),
                    AgencyChange::Renamed {
                        id,
                        old,
                        new,
                        tasks,
                    } => {
                        let mut l =
                            format!("{} ({id}): {} → {}", w.renamed, quote(old), quote(new));
                        if !tasks.is_empty() {
                            let _ = write!(l, "; {}: {}", w.affects, tasks.join(", "));
                        }
                        l
                    }
                };
                let _ = writeln!(out, "- {line}");
            }
        }
        if !self.recipients.is_empty() {
            heading(&mut out, &mut n, w.h_recipients);
            for r in &self.recipients {
                let line = match r {
                    RecipientChange::Added(s) => format!("{} {s}", w.added),
                    RecipientChange::Removed(s) => format!("{} {s}", w.removed),
                };
                let _ = writeln!(out, "- {line}");
            }
        }
        if self.other {
            heading(&mut out, &mut n, w.h_other);
            let _ = writeln!(out, "- {}", w.other);
        }
        if !self.appendices.is_empty() {
            heading(&mut out, &mut n, w.h_appendices);
            for a in &self.appendices {
                let line = match a {
                    AppendixChange::Added { title } => {
                        format!("{} {}", w.appendix_added, quote(title))
                    }
                    AppendixChange::Removed { title } => {
                        format!("{} {}", w.appendix_removed, quote(title))
                    }
                    AppendixChange::Renamed { old, new } => {
                        format!("{}: {} → {}", w.appendix_renamed, quote(old), quote(new))
                    }
                    AppendixChange::RowAdded {
                        appendix,
                        position,
                        text,
                    }
                    | AppendixChange::RowRemoved {
                        appendix,
                        position,
                        text,
                    } => format!(
                        "{} {}, {} {position}: {}",
                        w.appendix_short,
                        quote(appendix),
                        if matches!(a, AppendixChange::RowAdded { .. }) {
                            w.row_added
                        } else {
                            w.row_removed
                        },
                        quote(text)
                    ),
                    AppendixChange::RowChanged {
                        appendix,
                        position,
                        text,
                        cells,
                    } => {
                        let cells: Vec<String> = cells
                            .iter()
                            .map(|c| {
                                format!(
                                    "{} {}: {} → {}",
                                    w.column,
                                    quote(&c.column),
                                    w.cell(&c.old),
                                    w.cell(&c.new)
                                )
                            })
                            .collect();
                        format!(
                            "{} {}, {} {position} {}: {}",
                            w.appendix_short,
                            quote(appendix),
                            w.row_changed,
                            quote(text),
                            cells.join("; ")
                        )
                    }
                };
                let _ = writeln!(out, "- {line}");
            }
        }
        out
    }

    fn summary(&self, w: &Words) -> String {
        let mut parts = Vec::new();
        let count = |parts: &mut Vec<String>, n: usize, what: &str| {
            if n > 0 {
                // "singular|plural" in English; Vietnamese has one form.
                let (one, many) = what.split_once('|').unwrap_or((what, what));
                parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        };
        count(&mut parts, self.header.len(), w.c_header);
        count(&mut parts, self.sections.len(), w.c_sections);
        let (a, r, c, m) = self.task_counts();
        count(&mut parts, a, w.c_task_added);
        count(&mut parts, r, w.c_task_removed);
        count(&mut parts, c, w.c_task_changed);
        count(&mut parts, m, w.c_task_moved);
        count(&mut parts, self.agencies.len(), w.c_agencies);
        count(&mut parts, self.recipients.len(), w.c_recipients);
        count(&mut parts, self.appendices.len(), w.c_appendices);
        count(&mut parts, usize::from(self.other), w.c_other);
        parts.join(", ")
    }

    fn render_tasks(&self, out: &mut String, w: &Words) {
        let (a, r, c, m) = self.task_counts();
        let groups: [(usize, &str, TaskFilter); 4] = [
            (a, w.g_added, |t| matches!(t, TaskChange::Added { .. })),
            (r, w.g_removed, |t| matches!(t, TaskChange::Removed { .. })),
            (c, w.g_changed, |t| matches!(t, TaskChange::Changed { .. })),
            (m, w.g_moved, |t| matches!(t, TaskChange::Moved { .. })),
        ];
        for (n, title, pick) in groups {
            if n == 0 {
                continue;
            }
            let _ = writeln!(out, "{title} ({n}):");
            for t in self.tasks.iter().filter(|t| pick(t)) {
                match t {
                    TaskChange::Added {
                        label,
                        title,
                        lead,
                        deadline,
                    } => {
                        let mut l = format!("- {label} {}", bare(title));
                        if !lead.is_empty() {
                            let _ = write!(l, "; {}: {}", w.lead, lead.join(", "));
                        }
                        if let Some(d) = deadline {
                            let _ = write!(l, "; {}: {d}", w.deadline);
                        }
                        let _ = writeln!(out, "{l}");
                    }
                    TaskChange::Removed { label, title } => {
                        let _ = writeln!(out, "- {label} {}", bare(title));
                    }
                    TaskChange::Changed {
                        old_label,
                        label,
                        title,
                        fields,
                    } => {
                        let at = w.relabelled(old_label, label);
                        let _ = writeln!(out, "- {at} {}:", bare(title));
                        for f in fields {
                            let _ = writeln!(out, "  + {}", w.task_field(f));
                        }
                    }
                    TaskChange::Moved {
                        old_label,
                        label,
                        title,
                    } => {
                        let _ = writeln!(
                            out,
                            "- {}: {} {old_label} {} {label}",
                            bare(title),
                            w.from,
                            w.to
                        );
                    }
                }
            }
        }
    }
}

type TaskFilter = fn(&TaskChange) -> bool;

fn heading(out: &mut String, n: &mut usize, title: &str) {
    *n += 1;
    let _ = writeln!(out, "\n{n}. {title}");
}

/// A task title as a list line: its own trailing colon dropped (the line
/// adds its own punctuation).
fn bare(title: &str) -> &str {
    title.trim_end().trim_end_matches(':').trim_end()
}

fn quote(s: &str) -> String {
    format!("“{s}”")
}

/// The fixed wording of the rendered diff in one language.
struct Words {
    no_change: &'static str,
    summary: &'static str,
    empty: &'static str,
    h_header: &'static str,
    h_sections: &'static str,
    h_tasks: &'static str,
    h_agencies: &'static str,
    h_recipients: &'static str,
    h_appendices: &'static str,
    c_header: &'static str,
    c_sections: &'static str,
    c_task_added: &'static str,
    c_task_removed: &'static str,
    c_task_changed: &'static str,
    c_task_moved: &'static str,
    c_agencies: &'static str,
    c_recipients: &'static str,
    c_appendices: &'static str,
    g_added: &'static str,
    g_removed: &'static str,
    g_changed: &'static str,
    g_moved: &'static str,
    added: &'static str,
    removed: &'static str,
    renamed: &'static str,
    formerly: &'static str,
    affects: &'static str,
    from: &'static str,
    to: &'static str,
    section_added: &'static str,
    section_removed: &'static str,
    section_renamed: &'static str,
    section_text: &'static str,
    opening: &'static str,
    closing: &'static str,
    h_other: &'static str,
    c_other: &'static str,
    other: &'static str,
    appendix_added: &'static str,
    appendix_removed: &'static str,
    appendix_renamed: &'static str,
    appendix_short: &'static str,
    row_added: &'static str,
    row_removed: &'static str,
    row_changed: &'static str,
    column: &'static str,
    lead: &'static str,
    coop: &'static str,
    deadline: &'static str,
    lang: Lang,
}

const VI: Words = Words {
    no_change: "Không có thay đổi.",
    summary: "Tóm tắt:",
    empty: "(để trống)",
    h_header: "Thông tin chung",
    h_sections: "Bố cục, câu chữ",
    h_tasks: "Nhiệm vụ",
    h_agencies: "Danh mục cơ quan",
    h_recipients: "Nơi nhận",
    h_appendices: "Phụ lục",
    c_header: "thay đổi thông tin chung",
    c_sections: "thay đổi bố cục, câu chữ",
    c_task_added: "nhiệm vụ thêm mới",
    c_task_removed: "nhiệm vụ bỏ",
    c_task_changed: "nhiệm vụ thay đổi",
    c_task_moved: "nhiệm vụ chuyển vị trí",
    c_agencies: "thay đổi danh mục cơ quan",
    c_recipients: "thay đổi nơi nhận",
    c_appendices: "thay đổi phụ lục",
    g_added: "Thêm mới",
    g_removed: "Bỏ",
    g_changed: "Thay đổi",
    g_moved: "Chuyển vị trí",
    added: "Thêm",
    removed: "Bỏ",
    renamed: "Đổi tên",
    formerly: "trước là",
    affects: "ảnh hưởng nhiệm vụ",
    from: "từ",
    to: "sang",
    section_added: "Thêm mục",
    section_removed: "Bỏ mục",
    section_renamed: "Đổi tên mục",
    section_text: "Sửa câu chữ (đoạn văn, danh sách, bảng) của mục",
    opening: "Sửa phần mở đầu (căn cứ, đoạn mở đầu)",
    closing: "Sửa đoạn kết",
    h_other: "Thay đổi khác",
    c_other: "thay đổi khác",
    other: "Có thay đổi về trình bày hoặc cách ghi không thuộc các nhóm trên (tùy chọn trình bày, nhãn, cơ quan ban hành …)",
    appendix_added: "Thêm phụ lục",
    appendix_removed: "Bỏ phụ lục",
    appendix_renamed: "Đổi tên phụ lục",
    appendix_short: "Phụ lục",
    row_added: "thêm dòng",
    row_removed: "bỏ dòng",
    row_changed: "sửa dòng",
    column: "cột",
    lead: "chủ trì",
    coop: "phối hợp",
    deadline: "thời hạn",
    lang: Lang::Vi,
};

const EN: Words = Words {
    no_change: "No changes.",
    summary: "Summary:",
    empty: "(blank)",
    h_header: "General information",
    h_sections: "Structure and wording",
    h_tasks: "Tasks",
    h_agencies: "Agency registry",
    h_recipients: "Recipients",
    h_appendices: "Appendices",
    c_header: "header change|header changes",
    c_sections: "structure or wording change|structure or wording changes",
    c_task_added: "task added|tasks added",
    c_task_removed: "task removed|tasks removed",
    c_task_changed: "task changed|tasks changed",
    c_task_moved: "task moved|tasks moved",
    c_agencies: "agency registry change|agency registry changes",
    c_recipients: "recipient change|recipient changes",
    c_appendices: "appendix change|appendix changes",
    g_added: "Added",
    g_removed: "Removed",
    g_changed: "Changed",
    g_moved: "Moved",
    added: "Added",
    removed: "Removed",
    renamed: "Renamed",
    formerly: "formerly",
    affects: "affects tasks",
    from: "from",
    to: "to",
    section_added: "Added section",
    section_removed: "Removed section",
    section_renamed: "Renamed section",
    section_text: "Wording (paragraphs, lists, tables) changed in section",
    opening: "Opening (căn cứ, opening paragraphs) changed",
    closing: "Closing paragraphs changed",
    h_other: "Other changes",
    c_other: "other change|other changes",
    other: "Changes outside the groups above (layout options, wording overrides, issuer lines …)",
    appendix_added: "Added appendix",
    appendix_removed: "Removed appendix",
    appendix_renamed: "Renamed appendix",
    appendix_short: "Appendix",
    row_added: "added row",
    row_removed: "removed row",
    row_changed: "changed row",
    column: "column",
    lead: "lead",
    coop: "co-operating",
    deadline: "deadline",
    lang: Lang::En,
};

impl Words {
    fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    fn vi(&self) -> bool {
        self.lang == Lang::Vi
    }

    /// A label, with the one it had before when it changed: "II.1.8 (trước là II.1.9)".
    fn relabelled(&self, old_label: &str, label: &str) -> String {
        if old_label == label {
            label.to_string()
        } else {
            format!("{label} ({} {old_label})", self.formerly)
        }
    }

    fn value(&self, v: &Option<String>) -> String {
        match v {
            Some(s) => quote(s),
            None => self.empty.to_string(),
        }
    }

    fn cell(&self, v: &str) -> String {
        if v.is_empty() {
            self.empty.to_string()
        } else {
            quote(v)
        }
    }

    fn header_field(&self, f: HeaderField) -> &'static str {
        use HeaderField::*;
        match (f, self.vi()) {
            (Number, true) => "Số",
            (Number, false) => "Number",
            (Symbol, true) => "Ký hiệu",
            (Symbol, false) => "Symbol",
            (Place, true) => "Địa danh",
            (Place, false) => "Place",
            (Date, true) => "Ngày ban hành",
            (Date, false) => "Date",
            (Summary, true) => "Trích yếu",
            (Summary, false) => "Summary (trích yếu)",
            (SignerAuthority, true) => "Thẩm quyền ký",
            (SignerAuthority, false) => "Signing authority",
            (SignerTitle, true) => "Chức vụ người ký",
            (SignerTitle, false) => "Signer's title",
            (SignerName, true) => "Người ký",
            (SignerName, false) => "Signer",
        }
    }

    fn agencies(&self, label: &str, added: &[String], removed: &[String]) -> String {
        let mut parts = Vec::new();
        let (add, rem) = if self.vi() {
            ("thêm", "bỏ")
        } else {
            ("added", "removed")
        };
        if !added.is_empty() {
            parts.push(format!("{add} {}", added.join(", ")));
        }
        if !removed.is_empty() {
            parts.push(format!("{rem} {}", removed.join(", ")));
        }
        format!("{}: {}", capitalise(label), parts.join("; "))
    }

    fn text_change(&self, label: &str, old: &Option<String>, new: &Option<String>) -> String {
        format!(
            "{}: {} → {}",
            capitalise(label),
            self.value(old),
            self.value(new)
        )
    }

    fn task_field(&self, f: &TaskField) -> String {
        let vi = self.vi();
        match f {
            TaskField::Title { old, new } => format!(
                "{}: {} → {}",
                if vi { "Tên nhiệm vụ" } else { "Title" },
                quote(old),
                quote(new)
            ),
            TaskField::Lead { added, removed } => self.agencies(self.lead, added, removed),
            TaskField::CoOperating { added, removed } => self.agencies(self.coop, added, removed),
            TaskField::Deadline { old, new, shift } => {
                let o = quote(old.as_deref().unwrap_or_default());
                let n = quote(new.as_deref().unwrap_or_default());
                let what = match (shift, vi) {
                    (Shift::Later, true) => format!("lùi từ {o} sang {n}"),
                    (Shift::Later, false) => format!("postponed from {o} to {n}"),
                    (Shift::Earlier, true) => format!("đưa lên sớm hơn, từ {o} thành {n}"),
                    (Shift::Earlier, false) => format!("brought forward from {o} to {n}"),
                    (Shift::Changed, true) => format!("đổi thời hạn từ {o} thành {n}"),
                    (Shift::Changed, false) => format!("changed from {o} to {n}"),
                    (Shift::Set, true) => format!("bổ sung thời hạn {n}"),
                    (Shift::Set, false) => format!("set to {n}"),
                    (Shift::Cleared, true) => format!("bỏ thời hạn (trước là {o})"),
                    (Shift::Cleared, false) => format!("removed (was {o})"),
                };
                format!("{}: {what}", capitalise(self.deadline))
            }
            TaskField::Target { old, new } => {
                self.text_change(if vi { "mục tiêu" } else { "target" }, old, new)
            }
            TaskField::Output { old, new } => {
                self.text_change(if vi { "sản phẩm" } else { "output" }, old, new)
            }
            TaskField::Note { old, new } => {
                self.text_change(if vi { "ghi chú" } else { "note" }, old, new)
            }
            TaskField::Actions => if vi {
                "Giải pháp: nội dung thay đổi"
            } else {
                "Actions: wording changed"
            }
            .to_string(),
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Text compared as a reader sees it: NFC, whitespace runs as one space
/// (YAML folding and re-wrapping must not count as a change).
fn norm(s: &str) -> String {
    vn::nfc(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn norm_opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(norm).filter(|s| !s.is_empty())
}

fn header(old: &Plan, new: &Plan) -> Vec<HeaderChange> {
    let mut out = Vec::new();
    let mut field = |field, o: Option<String>, n: Option<String>| {
        let o = norm_opt(&o);
        let n = norm_opt(&n);
        if o != n {
            out.push(HeaderChange {
                field,
                old: o,
                new: n,
            });
        }
    };
    field(
        HeaderField::Number,
        old.so.map(|n| n.to_string()),
        new.so.map(|n| n.to_string()),
    );
    field(
        HeaderField::Symbol,
        old.ky_hieu.clone(),
        new.ky_hieu.clone(),
    );
    field(
        HeaderField::Place,
        Some(old.dia_danh.clone()),
        Some(new.dia_danh.clone()),
    );
    field(HeaderField::Date, old.ngay.clone(), new.ngay.clone());
    field(
        HeaderField::Summary,
        Some(old.trich_yeu.clone()),
        Some(new.trich_yeu.clone()),
    );
    let join = |v: &[String]| Some(v.join(" / "));
    field(
        HeaderField::SignerAuthority,
        join(&old.ky.quyen_han),
        join(&new.ky.quyen_han),
    );
    field(
        HeaderField::SignerTitle,
        Some(old.ky.chuc_vu.clone()),
        Some(new.ky.chuc_vu.clone()),
    );
    field(
        HeaderField::SignerName,
        Some(old.ky.ho_ten.clone()),
        Some(new.ky.ho_ten.clone()),
    );
    out
}

/// Numbered children of a section: `muc` blocks and tasks share one counter.
fn child_sections(blocks: &[Block]) -> Vec<&Section> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Keyed(KeyedBlock::Muc(s)) => Some(s),
            _ => None,
        })
        .collect()
}

/// Position numbers of the `muc` blocks among the numbered blocks.
fn child_numbers(blocks: &[Block]) -> Vec<usize> {
    let mut n = 0;
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Keyed(KeyedBlock::Muc(_)) => {
                n += 1;
                out.push(n);
            }
            Block::Keyed(KeyedBlock::NhiemVu(_)) => n += 1,
            _ => {}
        }
    }
    out
}

fn label(prefix: &str, depth: usize, n: usize) -> String {
    let own = if depth == 0 {
        vn::roman(n as u32).unwrap_or_else(|| n.to_string())
    } else {
        n.to_string()
    };
    if prefix.is_empty() {
        own
    } else {
        format!("{prefix}.{own}")
    }
}

fn title_key(t: &Option<String>) -> Option<String> {
    t.as_deref().map(vn::fold).filter(|s| !s.is_empty())
}

/// Pairs items: first equal keys (in order), then leftovers at the same
/// index. Returns (pairs, unmatched old, unmatched new).
type Pairing = (Vec<(usize, usize)>, Vec<usize>, Vec<usize>);

fn pair_by_key_then_position(old: &[Option<String>], new: &[Option<String>]) -> Pairing {
    let mut new_used = vec![false; new.len()];
    let mut old_used = vec![false; old.len()];
    let mut pairs = Vec::new();
    for (i, k) in old.iter().enumerate() {
        let Some(k) = k else { continue };
        if let Some(j) = (0..new.len()).find(|&j| !new_used[j] && new[j].as_ref() == Some(k)) {
            new_used[j] = true;
            old_used[i] = true;
            pairs.push((i, j));
        }
    }
    for i in 0..old.len().min(new.len()) {
        if !old_used[i] && !new_used[i] {
            old_used[i] = true;
            new_used[i] = true;
            pairs.push((i, i));
        }
    }
    pairs.sort();
    let old_left = (0..old.len()).filter(|&i| !old_used[i]).collect();
    let new_left = (0..new.len()).filter(|&j| !new_used[j]).collect();
    (pairs, old_left, new_left)
}

fn sections(old: &[Section], new: &[Section], out: &mut Vec<SectionChange>) {
    let old_n: Vec<usize> = (1..=old.len()).collect();
    let new_n: Vec<usize> = (1..=new.len()).collect();
    let mut removed = Vec::new();
    section_level((old, &old_n, ""), (new, &new_n, ""), 0, out, &mut removed);
    out.append(&mut removed);
}

type Level<'a> = (&'a [Section], &'a [usize], &'a str);

fn section_level(
    (old, old_n, old_prefix): Level,
    (new, new_n, new_prefix): Level,
    depth: usize,
    out: &mut Vec<SectionChange>,
    removed: &mut Vec<SectionChange>,
) {
    let ok: Vec<_> = old.iter().map(|s| title_key(&s.tieu_de)).collect();
    let nk: Vec<_> = new.iter().map(|s| title_key(&s.tieu_de)).collect();
    let (pairs, old_left, new_left) = pair_by_key_then_position(&ok, &nk);
    // Walk the new order so additions and renames appear where they are read.
    for j in 0..new.len() {
        let new_label = label(new_prefix, depth, new_n[j]);
        if new_left.contains(&j) {
            out.push(SectionChange::Added {
                label: new_label.clone(),
                title: new[j].tieu_de.as_deref().map(norm),
            });
            continue;
        }
        let Some(&(i, _)) = pairs.iter().find(|p| p.1 == j) else {
            continue;
        };
        let old_label = label(old_prefix, depth, old_n[i]);
        let (o, n) = (norm_opt(&old[i].tieu_de), norm_opt(&new[j].tieu_de));
        if o != n {
            out.push(SectionChange::Renamed {
                old_label: old_label.clone(),
                label: new_label.clone(),
                old: o,
                new: n,
            });
        }
        if own_text(&old[i]) != own_text(&new[j]) {
            out.push(SectionChange::TextChanged {
                label: new_label.clone(),
            });
        }
        let oc = child_sections(&old[i].noi_dung);
        let nc = child_sections(&new[j].noi_dung);
        let oc: Vec<Section> = oc.into_iter().cloned().collect();
        let nc: Vec<Section> = nc.into_iter().cloned().collect();
        section_level(
            (&oc, &child_numbers(&old[i].noi_dung), &old_label),
            (&nc, &child_numbers(&new[j].noi_dung), &new_label),
            depth + 1,
            out,
            removed,
        );
    }
    for i in old_left {
        removed.push(SectionChange::Removed {
            label: label(old_prefix, depth, old_n[i]),
            title: old[i].tieu_de.as_deref().map(norm),
        });
    }
}

/// A section's own wording: lead-in and blocks other than subsections and
/// tasks.
fn own_text(s: &Section) -> serde_json::Value {
    let blocks: Vec<&Block> = s
        .noi_dung
        .iter()
        .filter(|b| {
            !matches!(
                b,
                Block::Keyed(KeyedBlock::Muc(_)) | Block::Keyed(KeyedBlock::NhiemVu(_))
            )
        })
        .collect();
    normalised(&(&s.dan, blocks))
}

/// A task with its printed position.
struct Located<'a> {
    label: String,
    task: &'a Task,
}

fn collect_tasks(plan: &Plan) -> Vec<Located<'_>> {
    let mut out = Vec::new();
    for (i, s) in plan.noi_dung.iter().enumerate() {
        walk_blocks(&s.noi_dung, &label("", 0, i + 1), &mut out);
    }
    out
}

fn walk_blocks<'a>(blocks: &'a [Block], prefix: &str, out: &mut Vec<Located<'a>>) {
    let mut n = 0;
    for b in blocks {
        let Block::Keyed(k) = b else { continue };
        match k {
            KeyedBlock::Muc(s) => {
                n += 1;
                walk_blocks(&s.noi_dung, &format!("{prefix}.{n}"), out);
            }
            KeyedBlock::NhiemVu(t) => {
                n += 1;
                out.push(Located {
                    label: format!("{prefix}.{n}"),
                    task: t,
                });
            }
            KeyedBlock::Diem(points) => {
                for (pi, p) in points.iter().enumerate() {
                    let letter = vn::letter(pi).unwrap_or("?");
                    walk_blocks(&p.noi_dung, &format!("{prefix} {letter})"), out);
                }
            }
            _ => {}
        }
    }
}

/// Normalised Levenshtein similarity of two folded strings (1.0 = equal).
fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / longest as f64
}

/// Pairs tasks: same id; then same folded title; then the most similar
/// titles above [`TITLE_SIMILARITY`]. Tasks with different ids never pair.
fn match_tasks(old: &[Located], new: &[Located]) -> Vec<(usize, usize)> {
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    let mut pairs = Vec::new();
    let id = |t: &Task| {
        t.id.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    for (i, o) in old.iter().enumerate() {
        let Some(oid) = id(o.task) else { continue };
        if let Some(j) =
            (0..new.len()).find(|&j| !new_used[j] && id(new[j].task).as_ref() == Some(&oid))
        {
            old_used[i] = true;
            new_used[j] = true;
            pairs.push((i, j));
        }
    }
    let compatible = |o: &Task, n: &Task| match (id(o), id(n)) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    let ok: Vec<String> = old.iter().map(|t| vn::fold(&t.task.tieu_de)).collect();
    let nk: Vec<String> = new.iter().map(|t| vn::fold(&t.task.tieu_de)).collect();
    for i in 0..old.len() {
        if old_used[i] {
            continue;
        }
        if let Some(j) = (0..new.len())
            .find(|&j| !new_used[j] && ok[i] == nk[j] && compatible(old[i].task, new[j].task))
        {
            old_used[i] = true;
            new_used[j] = true;
            pairs.push((i, j));
        }
    }
    let mut candidates = Vec::new();
    for i in (0..old.len()).filter(|&i| !old_used[i]) {
        for j in (0..new.len()).filter(|&j| !new_used[j]) {
            if !compatible(old[i].task, new[j].task) {
                continue;
            }
            // Edit distance is at least the length difference: skip pairs
            // that cannot reach the threshold without computing it.
            let (a, b) = (ok[i].chars().count(), nk[j].chars().count());
            if (a.min(b) as f64) < TITLE_SIMILARITY * a.max(b) as f64 {
                continue;
            }
            let s = similarity(&ok[i], &nk[j]);
            if s >= TITLE_SIMILARITY {
                candidates.push((s, i, j));
            }
        }
    }
    // Best pairs first; ties in document order, so the result is stable.
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in candidates {
        if !old_used[i] && !new_used[j] {
            old_used[i] = true;
            new_used[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort();
    pairs
}

/// Indices (into `pairs`, sorted by old index) that keep their relative
/// order: a longest increasing subsequence of the new indices. The others
/// are reported as moved, so one task moved past many is one move, and an
/// insertion that renumbers the rest moves nothing.
fn in_order(pairs: &[(usize, usize)]) -> Vec<bool> {
    let n = pairs.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for k in 0..n {
        for m in 0..k {
            if pairs[m].1 < pairs[k].1 && len[m] + 1 > len[k] {
                len[k] = len[m] + 1;
                prev[k] = m;
            }
        }
    }
    let mut keep = vec![false; n];
    // First longest end: earlier tasks stay put, later ones are "moved".
    if let Some(mut k) = (0..n).max_by(|&a, &b| len[a].cmp(&len[b]).then(b.cmp(&a))) {
        loop {
            keep[k] = true;
            if prev[k] == usize::MAX {
                break;
            }
            k = prev[k];
        }
    }
    keep
}

fn agency_name(plan: &Plan, r: &str) -> String {
    plan.co_quan_lien_quan
        .iter()
        .find(|a| a.id == r)
        .map(|a| norm(&a.ten))
        .unwrap_or_else(|| norm(r))
}

/// Added and removed entries of an agency list. Two entries are the same
/// agency when written alike (same id: a registry rename is reported once,
/// under the registry) or when they print alike (an id and its name written
/// out).
fn list_change(
    old_plan: &Plan,
    old: &[String],
    new_plan: &Plan,
    new: &[String],
) -> (Vec<String>, Vec<String>) {
    let keys = |plan: &Plan, v: &[String]| -> Vec<(String, String)> {
        v.iter()
            .map(|s| (vn::fold(s), vn::fold(&agency_name(plan, s))))
            .collect()
    };
    let ok = keys(old_plan, old);
    let nk = keys(new_plan, new);
    let same = |a: &(String, String), b: &(String, String)| a.0 == b.0 || a.1 == b.1;
    let added = new
        .iter()
        .zip(&nk)
        .filter(|(_, k)| !ok.iter().any(|o| same(o, k)))
        .map(|(s, _)| agency_name(new_plan, s))
        .collect();
    let removed = old
        .iter()
        .zip(&ok)
        .filter(|(_, k)| !nk.iter().any(|n| same(n, k)))
        .map(|(s, _)| agency_name(old_plan, s))
        .collect();
    (added, removed)
}

fn deadline_end(s: &str) -> Option<NaiveDate> {
    use vn::DeadlineKind as K;
    let last_of_month = |y: i32, m: u32| {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
    };
    match vn::parse_deadline(s).kind {
        K::Date(d) | K::Before(d) => Some(d),
        K::Month { month, year } => last_of_month(year, month),
        K::Quarter { quarter, year } => last_of_month(year, quarter * 3),
        K::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31),
        K::Regular | K::Free => None,
    }
}

fn shift(old: &Option<String>, new: &Option<String>) -> Shift {
    match (old, new) {
        (None, _) => Shift::Set,
        (_, None) => Shift::Cleared,
        (Some(o), Some(n)) => match (deadline_end(o), deadline_end(n)) {
            (Some(a), Some(b)) if b > a => Shift::Later,
            (Some(a), Some(b)) if b < a => Shift::Earlier,
            _ => Shift::Changed,
        },
    }
}

fn blocks_text(blocks: &[Block]) -> serde_json::Value {
    normalised(&blocks)
}

fn task_fields(old_plan: &Plan, o: &Task, new_plan: &Plan, n: &Task) -> Vec<TaskField> {
    let mut f = Vec::new();
    if norm(&o.tieu_de) != norm(&n.tieu_de) {
        f.push(TaskField::Title {
            old: norm(&o.tieu_de),
            new: norm(&n.tieu_de),
        });
    }
    let (added, removed) = list_change(old_plan, &o.chu_tri, new_plan, &n.chu_tri);
    if !added.is_empty() || !removed.is_empty() {
        f.push(TaskField::Lead { added, removed });
    }
    let (added, removed) = list_change(old_plan, &o.phoi_hop, new_plan, &n.phoi_hop);
    if !added.is_empty() || !removed.is_empty() {
        f.push(TaskField::CoOperating { added, removed });
    }
    let (od, nd) = (norm_opt(&o.thoi_han), norm_opt(&n.thoi_han));
    if od != nd {
        f.push(TaskField::Deadline {
            shift: shift(&od, &nd),
            old: od,
            new: nd,
        });
    }
    let (ot, nt) = (norm_opt(&o.muc_tieu), norm_opt(&n.muc_tieu));
    if ot != nt {
        f.push(TaskField::Target { old: ot, new: nt });
    }
    if blocks_text(&o.giai_phap) != blocks_text(&n.giai_phap) {
        f.push(TaskField::Actions);
    }
    let (os, ns) = (norm_opt(&o.san_pham), norm_opt(&n.san_pham));
    if os != ns {
        f.push(TaskField::Output { old: os, new: ns });
    }
    let (og, ng) = (norm_opt(&o.ghi_chu), norm_opt(&n.ghi_chu));
    if og != ng {
        f.push(TaskField::Note { old: og, new: ng });
    }
    f
}

fn tasks(old_plan: &Plan, new_plan: &Plan, old: &[Located], new: &[Located]) -> Vec<TaskChange> {
    let pairs = match_tasks(old, new);
    let keep = in_order(&pairs);
    let mut by_new: Vec<(usize, TaskChange)> = Vec::new();
    let mut moved: Vec<(usize, TaskChange)> = Vec::new();
    for (k, &(i, j)) in pairs.iter().enumerate() {
        let fields = task_fields(old_plan, old[i].task, new_plan, new[j].task);
        if !fields.is_empty() {
            by_new.push((
                j,
                TaskChange::Changed {
                    old_label: old[i].label.clone(),
                    label: new[j].label.clone(),
                    title: norm(&new[j].task.tieu_de),
                    fields,
                },
            ));
        }
        if !keep[k] {
            moved.push((
                j,
                TaskChange::Moved {
                    old_label: old[i].label.clone(),
                    label: new[j].label.clone(),
                    title: norm(&new[j].task.tieu_de),
                },
            ));
        }
    }
    for (j, t) in new.iter().enumerate() {
        if !pairs.iter().any(|p| p.1 == j) {
            by_new.push((
                j,
                TaskChange::Added {
                    label: t.label.clone(),
                    title: norm(&t.task.tieu_de),
                    lead: t
                        .task
                        .chu_tri
                        .iter()
                        .map(|a| agency_name(new_plan, a))
                        .collect(),
                    deadline: norm_opt(&t.task.thoi_han),
                },
            ));
        }
    }
    by_new.sort_by_key(|(j, _)| *j);
    moved.sort_by_key(|(j, _)| *j);
    let mut out: Vec<TaskChange> = by_new.into_iter().map(|(_, t)| t).collect();
    for (i, t) in old.iter().enumerate() {
        if !pairs.iter().any(|p| p.0 == i) {
            out.push(TaskChange::Removed {
                label: t.label.clone(),
                title: norm(&t.task.tieu_de),
            });
        }
    }
    out.extend(moved.into_iter().map(|(_, t)| t));
    out
}

fn agency_display(a: &super::model::Agency) -> String {
    match a.ten_ngan.as_deref().map(norm).filter(|s| !s.is_empty()) {
        Some(short) => format!("{} ({short})", norm(&a.ten)),
        None => norm(&a.ten),
    }
}

fn agencies(old: &Plan, new: &Plan, new_tasks: &[Located]) -> Vec<AgencyChange> {
    let mut out = Vec::new();
    for a in &new.co_quan_lien_quan {
        match old.co_quan_lien_quan.iter().find(|o| o.id == a.id) {
            None => out.push(AgencyChange::Added {
                id: a.id.clone(),
                name: norm(&a.ten),
            }),
            Some(o) => {
                let (od, nd) = (agency_display(o), agency_display(a));
                if od != nd {
                    let tasks = new_tasks
                        .iter()
                        .filter(|t| {
                            t.task
                                .chu_tri
                                .iter()
                                .chain(&t.task.phoi_hop)
                                .any(|r| *r == a.id)
                        })
                        .map(|t| t.label.clone())
                        .collect();
                    out.push(AgencyChange::Renamed {
                        id: a.id.clone(),
                        old: od,
                        new: nd,
                        tasks,
                    });
                }
            }
        }
    }
    for o in &old.co_quan_lien_quan {
        if !new.co_quan_lien_quan.iter().any(|a| a.id == o.id) {
            out.push(AgencyChange::Removed {
                id: o.id.clone(),
                name: norm(&o.ten),
            });
        }
    }
    out
}

fn recipient_lines(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for r in &plan.noi_nhan.ds {
        match r {
            Recipient::Line(s) => out.push(agency_name(plan, s)),
            Recipient::Annotated(a) => out.push(format!(
                "{} ({})",
                agency_name(plan, &a.ten),
                norm(&a.ghi_chu)
            )),
            Recipient::Group(g) => {
                for m in &g.nhom {
                    out.push(format!("{} ({})", agency_name(plan, m), norm(&g.ghi_chu)));
                }
            }
        }
    }
    let mut luu = String::from("Lưu: VT");
    for u in &plan.noi_nhan.luu {
        luu.push_str(", ");
        luu.push_str(&norm(u));
    }
    if let Some(n) = plan.noi_nhan.so_ban_luu {
        let _ = write!(luu, " ({n})");
    }
    out.push(luu);
    out
}

fn recipients(old: &Plan, new: &Plan) -> Vec<RecipientChange> {
    let (o, n) = (recipient_lines(old), recipient_lines(new));
    let ok: Vec<String> = o.iter().map(|s| vn::fold(s)).collect();
    let nk: Vec<String> = n.iter().map(|s| vn::fold(s)).collect();
    let mut out: Vec<RecipientChange> = n
        .iter()
        .zip(&nk)
        .filter(|(_, k)| !ok.contains(k))
        .map(|(s, _)| RecipientChange::Added(s.clone()))
        .collect();
    out.extend(
        o.iter()
            .zip(&ok)
            .filter(|(_, k)| !nk.contains(k))
            .map(|(s, _)| RecipientChange::Removed(s.clone())),
    );
    out
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Empty(()) => String::new(),
        Cell::Number(x) => vn::decimal(*x, None),
        Cell::Text(s) => norm(s),
        Cell::Rich(r) => {
            let mut parts = Vec::new();
            if let Some(t) = &r.text {
                parts.push(norm(t));
            }
            if let Some(x) = r.so {
                parts.push(vn::decimal(x, None));
            }
            parts.extend(r.ds.iter().map(|s| norm(s)));
            parts.join("; ")
        }
    }
}

/// A table row flattened: position ("1.2"), cell texts.
struct FlatRow {
    position: String,
    cells: Vec<String>,
}

impl FlatRow {
    fn key(&self) -> String {
        vn::fold(
            self.cells
                .iter()
                .find(|c| !c.is_empty())
                .map(String::as_str)
                .unwrap_or(""),
        )
    }
    fn text(&self) -> String {
        self.cells
            .iter()
            .find(|c| !c.is_empty())
            .cloned()
            .unwrap_or_default()
    }
}

fn flatten_rows(rows: &[Row], prefix: &str, out: &mut Vec<FlatRow>) {
    for (i, r) in rows.iter().enumerate() {
        let position = if prefix.is_empty() {
            (i + 1).to_string()
        } else {
            format!("{prefix}.{}", i + 1)
        };
        out.push(FlatRow {
            position: position.clone(),
            cells: r.o.iter().map(cell_text).collect(),
        });
        flatten_rows(&r.con, &position, out);
    }
}

fn appendix_rows(a: &super::model::Appendix) -> (Vec<String>, Vec<FlatRow>) {
    let mut rows = Vec::new();
    let Some(t) = &a.bang else {
        return (Vec::new(), rows);
    };
    flatten_rows(&t.dong, "", &mut rows);
    let columns = t
        .cot
        .iter()
        .filter(|c| c.kieu != super::model::ColumnKind::Stt)
        .map(|c| norm(&c.ten))
        .collect();
    (columns, rows)
}

fn appendices(old: &Plan, new: &Plan) -> Vec<AppendixChange> {
    let key = |a: &super::model::Appendix| {
        Some(
            match a.id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(id) => format!("id:{id}"),
                None => format!("t:{}", vn::fold(&a.tieu_de)),
            },
        )
    };
    let ok: Vec<_> = old.phu_luc.iter().map(key).collect();
    let nk: Vec<_> = new.phu_luc.iter().map(key).collect();
    let (pairs, old_left, new_left) = pair_by_key_then_position(&ok, &nk);
    let mut out = Vec::new();
    for j in 0..new.phu_luc.len() {
        let n = &new.phu_luc[j];
        if new_left.contains(&j) {
            out.push(AppendixChange::Added {
                title: norm(&n.tieu_de),
            });
            continue;
        }
        let Some(&(i, _)) = pairs.iter().find(|p| p.1 == j) else {
            continue;
        };
        let o = &old.phu_luc[i];
        if norm(&o.tieu_de) != norm(&n.tieu_de) {
            out.push(AppendixChange::Renamed {
                old: norm(&o.tieu_de),
                new: norm(&n.tieu_de),
            });
        }
        rows_diff(o, n, &mut out);
    }
    for i in old_left {
        out.push(AppendixChange::Removed {
            title: norm(&old.phu_luc[i].tieu_de),
        });
    }
    out
}

fn rows_diff(
    o: &super::model::Appendix,
    n: &super::model::Appendix,
    out: &mut Vec<AppendixChange>,
) {
    let appendix = norm(&n.tieu_de);
    let (_, orows) = appendix_rows(o);
    let (columns, nrows) = appendix_rows(n);
    let okeys: Vec<_> = orows.iter().map(|r| Some(r.key())).collect();
    let nkeys: Vec<_> = nrows.iter().map(|r| Some(r.key())).collect();
    // Rows pair by first text cell; leftovers at the same position are
    // the same row with its text edited.
    let mut pairs = Vec::new();
    let mut new_used = vec![false; nrows.len()];
    let mut old_used = vec![false; orows.len()];
    for (i, k) in okeys.iter().enumerate() {
        if let Some(j) = (0..nrows.len()).find(|&j| !new_used[j] && nkeys[j] == *k) {
            new_used[j] = true;
            old_used[i] = true;
            pairs.push((i, j));
        }
    }
    for (i, r) in orows.iter().enumerate() {
        if old_used[i] {
            continue;
        }
        if let Some(j) = (0..nrows.len()).find(|&j| !new_used[j] && nrows[j].position == r.position)
        {
            new_used[j] = true;
            old_used[i] = true;
            pairs.push((i, j));
        }
    }
    for (j, r) in nrows.iter().enumerate() {
        if !new_used[j] {
            out.push(AppendixChange::RowAdded {
                appendix: appendix.clone(),
                position: r.position.clone(),
                text: r.text(),
            });
            continue;
        }
        let Some(&(i, _)) = pairs.iter().find(|p| p.1 == j) else {
            continue;
        };
        let or = &orows[i];
        let width = or.cells.len().max(r.cells.len());
        let cells: Vec<CellChange> = (0..width)
            .filter_map(|c| {
                let a = or.cells.get(c).cloned().unwrap_or_default();
                let b = r.cells.get(c).cloned().unwrap_or_default();
                (a != b).then(|| CellChange {
                    column: columns
                        .get(c)
                        .cloned()
                        .unwrap_or_else(|| (c + 1).to_string()),
                    old: a,
                    new: b,
                })
            })
            .collect();
        if !cells.is_empty() {
            out.push(AppendixChange::RowChanged {
                appendix: appendix.clone(),
                position: r.position.clone(),
                text: r.text(),
                cells,
            });
        }
    }
    for (i, r) in orows.iter().enumerate() {
        if !old_used[i] {
            out.push(AppendixChange::RowRemoved {
                appendix: appendix.clone(),
                position: r.position.clone(),
                text: r.text(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_bounds() {
        assert_eq!(similarity("abc", "abc"), 1.0);
        assert_eq!(similarity("", ""), 1.0);
        assert!((similarity("abcd", "abce") - 0.75).abs() < 1e-9);
        assert_eq!(similarity("abc", ""), 0.0);
    }

    #[test]
    fn deadline_shifts() {
        let s = |a: &str, b: &str| shift(&Some(a.into()), &Some(b.into()));
        assert_eq!(s("Quý III/2024", "Quý IV/2024"), Shift::Later);
        assert_eq!(s("31/12/2024", "Quý III/2024"), Shift::Earlier);
        assert_eq!(s("Quý IV/2024", "31/12/2024"), Shift::Changed);
        assert_eq!(s("Thường xuyên", "Quý IV/2024"), Shift::Changed);
        assert_eq!(shift(&None, &Some("2024".into())), Shift::Set);
        assert_eq!(shift(&Some("2024".into()), &None), Shift::Cleared);
    }

    #[test]
    fn lis_keeps_the_longest_run() {
        // Swap of the 2nd and 3rd: one of them is reported as moved.
        let keep = in_order(&[(0, 0), (1, 2), (2, 1), (3, 3)]);
        assert_eq!(keep.iter().filter(|k| !**k).count(), 1);
        // An insertion shifts indices but moves nothing.
        assert!(in_order(&[(0, 0), (1, 2), (2, 3)]).iter().all(|k| *k));
    }
}
