//! Task tables edited in Excel read back as plan tasks and `noi_dung` YAML.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde::Serialize;

use super::XlsxError;
use crate::diag::Text;
use crate::plan::model::{Block, Task};
use crate::vn;

/// What an imported sheet gave.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportResult {
    /// The sheet read.
    pub sheet: String,
    /// Excel row number (1-based) of the header row found.
    pub header_row: usize,
    /// `noi_dung`-ready sections (YAML), with a comment saying where they came from.
    pub tasks_yaml: String,
    /// Each task with the title of its innermost group row.
    pub tasks: Vec<(Option<String>, Task)>,
    /// Excel row number (1-based) of each task, parallel to `tasks`.
    pub task_rows: Vec<usize>,
    /// Group depth of each task (0 before any group), parallel to `tasks`.
    pub task_depths: Vec<usize>,
    /// Group rows (section titles) in order.
    pub groups: Vec<ImportedGroup>,
    /// Rows that are neither a group nor a task, with the reason.
    pub unmapped: Vec<UnmappedRow>,
}

/// A group row: becomes a section (`tieu_de`) around the tasks below it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedGroup {
    /// Excel row number (1-based).
    pub row: usize,
    /// Depth: 1 for "I"/"1", 2 for "1.2" …
    pub level: usize,
    pub title: String,
}

/// A data row that could not be read as a task or a group.
#[derive(Debug, Clone, PartialEq)]
pub struct UnmappedRow {
    /// Excel row number (1-based), as the user sees it.
    pub row: usize,
    pub reason: Text,
}

/// Reads the task table of `sheet` (or of the first sheet that has a
/// recognisable header row) from XLSX bytes.
pub fn import_tasks(xlsx: &[u8], sheet: Option<&str>) -> Result<ImportResult, XlsxError> {
    import_tasks_from(xlsx, sheet, None)
}

/// Like [`import_tasks`], naming the source file in the YAML header comment.
pub fn import_tasks_from(
    xlsx: &[u8],
    sheet: Option<&str>,
    file_name: Option<&str>,
) -> Result<ImportResult, XlsxError> {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(xlsx)).map_err(|e| XlsxError::Read(e.to_string()))?;
    let names = book.sheet_names();
    if names.is_empty() {
        return Err(XlsxError::NoSheets);
    }
    let candidates: Vec<String> = match sheet {
        Some(wanted) => {
            // Case-insensitive like Excel; accents distinguish sheet names.
            let key = vn::nfc(wanted).to_lowercase();
            let found = names
                .iter()
                .find(|n| *n == wanted)
                .or_else(|| names.iter().find(|n| vn::nfc(n).to_lowercase() == key));
            match found {
                Some(n) => vec![n.clone()],
                None => {
                    return Err(XlsxError::NoSuchSheet {
                        name: wanted.to_string(),
                        available: names,
                    })
                }
            }
        }
        None => names.clone(),
    };
    let mut first_error = None;
    for name in &candidates {
        let grid = read_grid(&mut book, name)?;
        match read_table(name, &grid) {
            Ok(mut result) => {
                result.tasks_yaml = to_yaml(&result, file_name);
                return Ok(result);
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or(XlsxError::NoSheets))
}

/// One grid position as read.
#[derive(Debug, Clone, Default)]
struct Slot {
    text: String,
    /// The value was a number (or a date) in Excel.
    number: bool,
    /// The position lies in a merged region spanning rows and columns.
    block_merge: bool,
    /// The position is the anchor of a region spanning several columns.
    wide: bool,
    /// The position is covered by a region merged down from this row.
    merged_from: Option<usize>,
}

struct Grid {
    rows: Vec<Vec<Slot>>,
}

fn read_grid(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Grid, XlsxError> {
    let range = book
        .worksheet_range(name)
        .map_err(|e| XlsxError::Read(e.to_string()))?;
    let merges = match book.worksheet_merge_cells(name) {
        Some(Ok(m)) => m,
        Some(Err(e)) => return Err(XlsxError::Read(e.to_string())),
        None => Vec::new(),
    };
    let (height, width) = match range.end() {
        Some((r, c)) => (r as usize + 1, c as usize + 1),
        None => (0, 0),
    };
    let mut rows = vec![vec![Slot::default(); width]; height];
    for (r, c, value) in range.used_cells() {
        let (r, c) = (
            r + range.start().map_or(0, |s| s.0 as usize),
            c + range.start().map_or(0, |s| s.1 as usize),
        );
        if let Some(slot) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
            let (text, number) = cell_text(value);
            slot.text = text;
            slot.number = number;
        }
    }
    for m in merges {
        let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
        let (r1, c1) = (m.end.0 as usize, m.end.1 as usize);
        let anchor = rows
            .get(r0)
            .and_then(|row| row.get(c0))
            .cloned()
            .unwrap_or_default();
        let block = r1 > r0 && c1 > c0;
        for (r, row) in rows.iter_mut().enumerate().take(r1 + 1).skip(r0) {
            if let Some(slot) = row.get_mut(c0) {
                // A name merged down over several rows applies to each of them.
                if r > r0 {
                    slot.text = anchor.text.clone();
                    slot.number = anchor.number;
                    slot.merged_from = Some(r0);
                }
                slot.block_merge = block;
                slot.wide = c1 > c0;
            }
        }
    }
    Ok(Grid { rows })
}

fn cell_text(value: &Data) -> (String, bool) {
    match value {
        Data::String(s) => (clean(s), false),
        Data::Float(f) => (vn::decimal(*f, None), true),
        Data::Int(i) => (i.to_string(), true),
        Data::Bool(b) => (b.to_string(), false),
        // Deadlines typed as dates become dates in Excel; ISO is a form the
        // plan's `thoi_han` accepts.
        Data::DateTime(d) => {
            let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30);
            let text = base
                .and_then(|b| {
                    b.checked_add_signed(chrono::Duration::days(d.as_f64().floor() as i64))
                })
                .map(|day| day.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| d.as_f64().to_string());
            (text, true)
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => (s.clone(), true),
        Data::Error(e) => (format!("#{e:?}"), false),
        Data::Empty => (String::new(), false),
    }
}

/// NFC, Windows line ends unified, each line trimmed, blank lines dropped.
fn clean(s: &str) -> String {
    vn::nfc(s)
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Column roles recognised from header titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Stt,
    Criterion,
    Task,
    Lead,
    Cooperate,
    Deadline,
    Product,
    Target,
    Note,
}

/// Accent- and case-insensitive form: "Cơ quan Chủ trì" → "co quan chu tri".
fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let base: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    base.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn role_of(title: &str) -> Option<Role> {
    let t = fold(title);
    if t.is_empty() {
        return None;
    }
    let has = |words: &[&str]| {
        words
            .iter()
            .any(|w| format!(" {t} ").contains(&format!(" {w} ")))
    };
    if matches!(t.as_str(), "tt" | "stt" | "so tt" | "so thu tu" | "thu tu") {
        Some(Role::Stt)
    } else if has(&["ghi chu"]) {
        Some(Role::Note)
    } else if has(&["phoi hop"]) {
        Some(Role::Cooperate)
    } else if has(&[
        "chu tri",
        "phu trach",
        "don vi thuc hien",
        "co quan thuc hien",
    ]) {
        Some(Role::Lead)
    } else if has(&["thoi gian", "thoi han", "tien do"]) {
        Some(Role::Deadline)
    } else if has(&["san pham"]) {
        Some(Role::Product)
    } else if has(&["nhiem vu", "noi dung", "cong viec", "giai phap"]) {
        Some(Role::Task)
    } else if has(&["tieu chi", "linh vuc"]) {
        Some(Role::Criterion)
    } else if has(&["muc tieu", "chi tieu", "yeu cau"]) {
        Some(Role::Target)
    } else {
        None
    }
}

/// Roles by column; the first column of each role wins.
fn header_roles(row: &[Slot]) -> Vec<(usize, Role)> {
    let mut out: Vec<(usize, Role)> = Vec::new();
    for (c, slot) in row.iter().enumerate() {
        if let Some(role) = role_of(&slot.text) {
            if !out.iter().any(|(_, r)| *r == role) {
                out.push((c, role));
            }
        }
    }
    out
}

fn read_table(sheet: &str, grid: &Grid) -> Result<ImportResult, XlsxError> {
    let (header_index, mut roles) = grid
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| (i, header_roles(row)))
        .find(|(_, roles)| roles.len() >= 2)
        .ok_or_else(|| XlsxError::NoHeaderRow {
            sheet: sheet.to_string(),
        })?;
    // Multi-level headers: rows reached by cells merged down from the header
    // belong to it ("Cơ quan" over "Chủ trì" | "Phối hợp").
    let mut header_last = header_index;
    while let Some(next) = grid.rows.get(header_last + 1) {
        let continues = next.iter().any(|s| {
            s.merged_from
                .is_some_and(|r0| (header_index..=header_last).contains(&r0))
        });
        if !continues {
            break;
        }
        header_last += 1;
        for (c, role) in header_roles(next) {
            if !roles.iter().any(|(cc, r)| *cc == c || *r == role) {
                roles.push((c, role));
            }
        }
    }
    let roles = roles;
    let find = |role: Role| roles.iter().find(|(_, r)| *r == role).map(|(c, _)| *c);
    let criterion = find(Role::Criterion);
    let task_col = find(Role::Task);
    let title_col = criterion.or(task_col).ok_or(XlsxError::NoTaskColumn {
        sheet: sheet.to_string(),
        row: header_index + 1,
    })?;
    let stt_col = find(Role::Stt);
    // The leftmost text column: a row with only this one filled is a group.
    let first_text_col = roles
        .iter()
        .filter(|(_, r)| *r != Role::Stt)
        .map(|(c, _)| *c)
        .min()
        .unwrap_or(title_col);

    let mut start = header_last + 1;
    // A "1 2 3 …" column-number row under the header is part of the header.
    if grid
        .rows
        .get(start)
        .is_some_and(|row| is_column_numbers(row))
    {
        start += 1;
    }

    let mut result = ImportResult {
        sheet: sheet.to_string(),
        header_row: header_index + 1,
        tasks_yaml: String::new(),
        tasks: Vec::new(),
        task_rows: Vec::new(),
        task_depths: Vec::new(),
        groups: Vec::new(),
        unmapped: Vec::new(),
    };
    let mut stack: Vec<String> = Vec::new();
    for i in start..grid.rows.len() {
        let row = &grid.rows[i];
        let excel_row = i + 1;
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).cloned().unwrap_or_default();
        let stt = get(stt_col).text;
        let filled: Vec<usize> = row
            .iter()
            .enumerate()
            .filter(|(c, s)| Some(*c) != stt_col && !s.text.is_empty())
            .map(|(c, _)| c)
            .collect();
        if filled.is_empty() {
            if !stt.is_empty() {
                result.unmapped.push(UnmappedRow {
                    row: excel_row,
                    reason: Text::new(
                        format!("chỉ có số thứ tự “{stt}”, không có nội dung"),
                        format!("only the number “{stt}”, no content"),
                    ),
                });
            }
            continue;
        }
        if filled.iter().any(|c| row[*c].block_merge) {
            result.unmapped.push(UnmappedRow {
                row: excel_row,
                reason: Text::new(
                    "ô gộp cả nhiều dòng lẫn nhiều cột: không xác định được nội dung thuộc dòng nào",
                    "a cell merged over several rows and columns: its content belongs to no single row",
                ),
            });
            continue;
        }
        let roman = vn::from_roman(stt.trim_end_matches('.')).is_some();
        let only_first = filled.len() == 1 && filled[0] == first_text_col;
        let next_stt = get_next_stt(grid, i + 1, stt_col);
        let parent_of_next = !stt.is_empty()
            && next_stt.is_some_and(|n| n.starts_with(&format!("{}.", stt.trim_end_matches('.'))));
        // Headings never end with a full stop; a lone sentence spanning the
        // row ("Các cơ quan … thực hiện … năm 2024.") is a task without details.
        let lone = &row[filled[0]].text;
        let sentence = lone.ends_with('.') && !lone.ends_with("..");
        let is_group = roman
            || (only_first
                && !sentence
                && (stt.is_empty() || row[first_text_col].wide || parent_of_next));
        if is_group {
            let cell = &row[filled[0]];
            if cell.number {
                result
                    .unmapped
                    .push(number_where_text(excel_row, "tên nhóm", "group title"));
                continue;
            }
            let level = if roman {
                1
            } else {
                stt_level(&stt).unwrap_or(1)
            };
            let title = cell.text.replace('\n', " ");
            stack.truncate(level.saturating_sub(1));
            stack.push(title.clone());
            result.groups.push(ImportedGroup {
                row: excel_row,
                level: stack.len(),
                title,
            });
            continue;
        }
        match task_of(row, &roles, criterion, task_col) {
            Ok(task) => {
                // "1.3" after the subgroup "1.2" belongs to group "1" again.
                if let Some(level) = stt_level(&stt).filter(|l| *l >= 2) {
                    stack.truncate(level - 1);
                }
                result.tasks.push((stack.last().cloned(), task));
                result.task_rows.push(excel_row);
                result.task_depths.push(stack.len());
            }
            Err(reason) => result.unmapped.push(UnmappedRow {
                row: excel_row,
                reason,
            }),
        }
    }
    Ok(result)
}

fn get_next_stt(grid: &Grid, from: usize, stt_col: Option<usize>) -> Option<&str> {
    let c = stt_col?;
    grid.rows[from.min(grid.rows.len())..]
        .iter()
        .map(|row| row.get(c).map_or("", |s| s.text.as_str()))
        .find(|t| !t.is_empty())
}

/// Depth of a hierarchical number: "1" → 1, "1.2" → 2, "2.4.1." → 3.
fn stt_level(stt: &str) -> Option<usize> {
    let parts: Vec<&str> = stt.trim().trim_end_matches('.').split('.').collect();
    parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        .then_some(parts.len())
}

fn is_column_numbers(row: &[Slot]) -> bool {
    let cells: Vec<&Slot> = row.iter().filter(|s| !s.text.is_empty()).collect();
    cells.len() >= 2
        && cells
            .iter()
            .enumerate()
            .all(|(i, s)| s.text.trim_matches(|c| c == '(' || c == ')') == (i + 1).to_string())
}

fn number_where_text(row: usize, what_vi: &str, what_en: &str) -> UnmappedRow {
    UnmappedRow {
        row,
        reason: Text::new(
            format!("ô {what_vi} chứa một con số, cần chữ"),
            format!("the {what_en} cell holds a number where text is expected"),
        ),
    }
}

fn task_of(
    row: &[Slot],
    roles: &[(usize, Role)],
    criterion: Option<usize>,
    task_col: Option<usize>,
) -> Result<Task, Text> {
    let slot = |c: Option<usize>| c.and_then(|c| row.get(c)).cloned().unwrap_or_default();
    let role_slot = |role: Role| slot(roles.iter().find(|(_, r)| *r == role).map(|(c, _)| *c));
    let crit = slot(criterion);
    let work = slot(task_col);
    for (s, vi, en) in [
        (&crit, "tiêu chí", "criterion"),
        (&work, "nhiệm vụ", "task"),
        (&role_slot(Role::Lead), "cơ quan chủ trì", "lead agency"),
        (
            &role_slot(Role::Cooperate),
            "cơ quan phối hợp",
            "co-operating agency",
        ),
    ] {
        if s.number && !s.text.is_empty() {
            return Err(number_where_text(0, vi, en).reason);
        }
    }
    // With a criterion column the criterion is the title and the task text
    // its actions; otherwise the task text's first line is the title.
    let (title, actions): (String, Vec<String>) = if !crit.text.is_empty() {
        (crit.text.replace('\n', " "), lines(&work.text))
    } else {
        let mut l = work.text.lines();
        match l.next() {
            Some(first) => (
                first.to_string(),
                l.map(strip_bullet).filter(|s| !s.is_empty()).collect(),
            ),
            None => (String::new(), Vec::new()),
        }
    };
    if title.is_empty() {
        return Err(Text::new(
            "không có nội dung nhiệm vụ (cột Nhiệm vụ/Tiêu chí để trống)",
            "no task text (the Nhiệm vụ/Tiêu chí column is empty)",
        ));
    }
    let text_of = |role: Role| {
        let t = role_slot(role).text;
        (!t.is_empty()).then_some(t)
    };
    Ok(Task {
        id: None,
        tieu_de: title,
        muc_tieu: text_of(Role::Target),
        giai_phap: actions.into_iter().map(Block::Text).collect(),
        chu_tri: agencies(&role_slot(Role::Lead).text),
        phoi_hop: agencies(&role_slot(Role::Cooperate).text),
        thoi_han: text_of(Role::Deadline).map(|t| t.replace('\n', " ")),
        san_pham: text_of(Role::Product),
        ghi_chu: text_of(Role::Note),
        nhan: Default::default(),
    })
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(strip_bullet)
        .filter(|s| !s.is_empty())
        .collect()
}

/// In-cell list marks are the document's, not the text's.
fn strip_bullet(line: &str) -> String {
    let t = line.trim();
    for mark in ["- ", "+ ", "• ", "– "] {
        if let Some(rest) = t.strip_prefix(mark) {
            return rest.trim().to_string();
        }
    }
    t.to_string()
}

/// Agencies one per line (as the export writes them, Alt+Enter in Excel),
/// trimmed, marks removed. A ";" inside a line is part of the text: plans
/// write phrases such as "Các sở, ban, ngành, UBND các huyện; Bưu điện
/// tỉnh" as one entry, and the document prints a task's entries joined with
/// ", ", so splitting there would change the plan's wording, while a line
/// kept whole prints exactly as it was typed.
fn agencies(text: &str) -> Vec<String> {
    text.split('\n')
        .map(strip_bullet)
        .filter(|s| !s.is_empty())
        .collect()
}

#[derive(Serialize)]
struct OutSection {
    #[serde(skip_serializing_if = "Option::is_none")]
    tieu_de: Option<String>,
    noi_dung: Vec<OutBlock>,
}

/// One-key maps (`{nhiem_vu: …}`, `{muc: …}`) as plans write them; a Rust
/// enum would serialize as a YAML tag, which the plan format does not read.
#[derive(Serialize)]
struct OutBlock {
    #[serde(skip_serializing_if = "Option::is_none")]
    nhiem_vu: Option<OutTask>,
    #[serde(skip_serializing_if = "Option::is_none")]
    muc: Option<OutSection>,
}

impl OutBlock {
    fn task(t: OutTask) -> OutBlock {
        OutBlock {
            nhiem_vu: Some(t),
            muc: None,
        }
    }
    fn section(s: OutSection) -> OutBlock {
        OutBlock {
            nhiem_vu: None,
            muc: Some(s),
        }
    }
}

#[derive(Serialize)]
struct OutTask {
    tieu_de: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    muc_tieu: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    giai_phap: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    chu_tri: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    phoi_hop: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thoi_han: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    san_pham: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ghi_chu: Option<String>,
}

fn out_task(t: &Task) -> OutTask {
    OutTask {
        tieu_de: t.tieu_de.clone(),
        muc_tieu: t.muc_tieu.clone(),
        giai_phap: t
            .giai_phap
            .iter()
            .filter_map(|b| match b {
                Block::Text(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        chu_tri: t.chu_tri.clone(),
        phoi_hop: t.phoi_hop.clone(),
        thoi_han: t.thoi_han.clone(),
        san_pham: t.san_pham.clone(),
        ghi_chu: t.ghi_chu.clone(),
    }
}

/// Sections nested by group level, tasks in row order under their group.
fn to_yaml(result: &ImportResult, file_name: Option<&str>) -> String {
    let mut root: Vec<OutSection> = Vec::new();
    let mut events: Vec<(usize, Event)> = result
        .groups
        .iter()
        .map(|g| (g.row, Event::Group(g.level, g.title.clone())))
        .collect();
    events.extend(
        result
            .task_rows
            .iter()
            .zip(&result.task_depths)
            .zip(&result.tasks)
            .map(|((row, depth), (_, t))| (*row, Event::Task(*depth, t))),
    );
    events.sort_by_key(|(row, _)| *row);
    let mut depth = 0usize;
    for (_, event) in events {
        match event {
            Event::Group(level, title) => {
                let level = level.clamp(1, depth + 1);
                let section = OutSection {
                    tieu_de: Some(title),
                    noi_dung: Vec::new(),
                };
                if level == 1 {
                    root.push(section);
                } else {
                    let parent = innermost(&mut root, level - 1);
                    parent.noi_dung.push(OutBlock::section(section));
                }
                depth = level;
            }
            Event::Task(task_depth, task) => {
                if task_depth > 0 {
                    depth = depth.min(task_depth);
                }
                if depth == 0 {
                    root.push(OutSection {
                        tieu_de: None,
                        noi_dung: Vec::new(),
                    });
                    depth = 1;
                }
                innermost(&mut root, depth)
                    .noi_dung
                    .push(OutBlock::task(out_task(task)));
            }
        }
    }
    let body = serde_yaml::to_string(&root).unwrap_or_default();
    let source = file_name.map_or_else(String::new, |f| format!("{f}, "));
    format!(
        "# Nhập từ bảng tính: {source}trang “{sheet}”, dòng tiêu đề {header}; {tasks} nhiệm vụ, {groups} nhóm, {bad} dòng không đọc được.\n\
         # Imported from spreadsheet: {source}sheet “{sheet}”, header row {header}; {tasks} tasks, {groups} groups, {bad} rows not read.\n\
         # Dán các mục dưới đây vào `noi_dung` của kế hoạch / paste the sections below under the plan's `noi_dung`.\n{body}",
        sheet = result.sheet,
        header = result.header_row,
        tasks = result.tasks.len(),
        groups = result.groups.len(),
        bad = result.unmapped.len(),
    )
}

enum Event<'a> {
    Group(usize, String),
    Task(usize, &'a Task),
}

/// The last section at `level` (1 = top) along the last branch.
fn innermost(root: &mut Vec<OutSection>, level: usize) -> &mut OutSection {
    if root.is_empty() {
        root.push(OutSection {
            tieu_de: None,
            noi_dung: Vec::new(),
        });
    }
    let last = root.len() - 1;
    let mut current = &mut root[last];
    for _ in 1..level {
        let Some(i) = current.noi_dung.iter().rposition(|b| b.muc.is_some()) else {
            break;
        };
        // `muc` is Some at `i`; get_or_insert_with only satisfies the borrow checker.
        current = current.noi_dung[i].muc.get_or_insert_with(|| OutSection {
            tieu_de: None,
            noi_dung: Vec::new(),
        });
    }
    current
}
