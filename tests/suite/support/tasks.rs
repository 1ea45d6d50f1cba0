//! A plan's tasks as a spreadsheet round trip must give them back, for the
//! XLSX tests in process and through the command line.
#![allow(dead_code)]

use kehoach::plan::model::{Block, KeyedBlock, Plan, Section, Task};
use kehoach::{vn, xlsx};

/// (group, title, chu_tri, phoi_hop, thoi_han, san_pham), NFC.
pub type TaskKey = (
    Option<String>,
    String,
    Vec<String>,
    Vec<String>,
    Option<String>,
    Option<String>,
);

/// Agencies one per entry (a cell may join several with “;”), NFC.
pub fn split(v: &[String]) -> Vec<String> {
    v.iter()
        .flat_map(|a| a.split(';').map(|s| vn::nfc(s.trim())).collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A task's key under `group`, agencies as written.
pub fn task_key(group: Option<&str>, t: &Task) -> TaskKey {
    (
        group.map(vn::nfc),
        vn::nfc(&t.tieu_de),
        split(&t.chu_tri),
        split(&t.phoi_hop),
        t.thoi_han.as_deref().map(vn::nfc),
        t.san_pham.as_deref().map(vn::nfc),
    )
}

/// The plan's task sheet as the import should read it: the groups of
/// `xlsx::task_groups`, agency ids resolved to names.
pub fn expected_tasks(plan: &Plan) -> Vec<TaskKey> {
    xlsx::task_groups(plan)
        .into_iter()
        .flat_map(|(group, tasks)| {
            tasks.into_iter().map(move |t| {
                let resolved = Task {
                    chu_tri: xlsx::resolve_agencies(plan, &t.chu_tri),
                    phoi_hop: xlsx::resolve_agencies(plan, &t.phoi_hop),
                    ..t.clone()
                };
                task_key(group.as_deref(), &resolved)
            })
        })
        .collect()
}

// ------------------------------------------------------------------
// An independent reading of the plan: no exporter, importer or compose
// code, only the model (`kehoach::plan::model`) and NFC.

/// A task where the plan writes it, with the titles of the sections (`muc`
/// and top-level parts) around it, outermost first.
#[derive(Debug, Clone)]
pub struct PlanTask<'a> {
    pub sections: Vec<&'a str>,
    pub task: &'a Task,
}

/// Every `nhiem_vu` block of the plan in document order: the body's parts,
/// their `muc` subsections, lettered points, tasks nested in a task's
/// actions, and the blocks before and after each appendix table.
pub fn plan_tasks(plan: &Plan) -> Vec<PlanTask<'_>> {
    let mut out = section_tasks(&plan.noi_dung);
    let mut path = Vec::new();
    for a in &plan.phu_luc {
        path.push(a.tieu_de.as_str());
        walk_blocks(&a.truoc, &mut path, &mut out);
        walk_blocks(&a.sau, &mut path, &mut out);
        path.pop();
    }
    out
}

/// The tasks of body sections (a plan's `noi_dung`, or the sections an
/// import wrote), in document order.
pub fn section_tasks(sections: &[Section]) -> Vec<PlanTask<'_>> {
    let mut out = Vec::new();
    let mut path = Vec::new();
    for s in sections {
        walk_section(s, &mut path, &mut out);
    }
    out
}

fn walk_section<'a>(s: &'a Section, path: &mut Vec<&'a str>, out: &mut Vec<PlanTask<'a>>) {
    let titled = s.tieu_de.as_deref();
    if let Some(t) = titled {
        path.push(t);
    }
    walk_blocks(&s.noi_dung, path, out);
    if titled.is_some() {
        path.pop();
    }
}

fn walk_blocks<'a>(bs: &'a [Block], path: &mut Vec<&'a str>, out: &mut Vec<PlanTask<'a>>) {
    for b in bs {
        match b {
            Block::Text(_) | Block::Keyed(KeyedBlock::Doan(_)) => {}
            Block::Keyed(KeyedBlock::Bang(_)) => {}
            // List items hold text only.
            Block::Keyed(KeyedBlock::Gach(_)) | Block::Keyed(KeyedBlock::Cong(_)) => {}
            Block::Keyed(KeyedBlock::Muc(s)) => walk_section(s, path, out),
            Block::Keyed(KeyedBlock::Diem(points)) => {
                for p in points {
                    walk_blocks(&p.noi_dung, path, out);
                }
            }
            Block::Keyed(KeyedBlock::NhiemVu(t)) => {
                out.push(PlanTask {
                    sections: path.clone(),
                    task: t,
                });
                walk_blocks(&t.giai_phap, path, out);
            }
        }
    }
}

/// `^[a-z][a-z0-9_-]*$`: the form of a registry id (docs/plan-format.md).
fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// An agency list as the plan means it: registered ids replaced by the
/// registry's `ten`, free text as written, trimmed, NFC.
pub fn agency_entries(plan: &Plan, list: &[String]) -> Vec<String> {
    list.iter()
        .map(|a| {
            let t = a.trim();
            if is_id(t) {
                if let Some(reg) = plan.co_quan_lien_quan.iter().find(|r| r.id == t) {
                    return vn::nfc(reg.ten.trim());
                }
            }
            vn::nfc(t)
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// An agency list as a spreadsheet cell gives it back: [`agency_entries`]
/// split into one agency per line (the documented cell separator; a “;”
/// inside a line is part of the agency's text).
pub fn agency_names(plan: &Plan, list: &[String]) -> Vec<String> {
    agency_entries(plan, list)
        .iter()
        .flat_map(|a| {
            a.split('\n')
                .map(|s| s.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Trimmed NFC text, None when blank.
pub fn text_of(s: Option<&str>) -> Option<String> {
    s.map(|s| vn::nfc(s.trim())).filter(|s| !s.is_empty())
}

/// The fields of a task a task sheet carries.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetTask {
    pub title: String,
    pub chu_tri: Vec<String>,
    pub phoi_hop: Vec<String>,
    pub thoi_han: Option<String>,
    pub san_pham: Option<String>,
}

/// A plan task as the sheet should give it back (agencies resolved).
pub fn sheet_task(plan: &Plan, t: &Task) -> SheetTask {
    SheetTask {
        title: vn::nfc(t.tieu_de.trim()),
        chu_tri: agency_names(plan, &t.chu_tri),
        phoi_hop: agency_names(plan, &t.phoi_hop),
        thoi_han: text_of(t.thoi_han.as_deref()),
        san_pham: text_of(t.san_pham.as_deref()),
    }
}

/// An imported task's sheet fields, as the import yields them.
pub fn imported_sheet_task(t: &Task) -> SheetTask {
    SheetTask {
        title: t.tieu_de.clone(),
        chu_tri: t.chu_tri.clone(),
        phoi_hop: t.phoi_hop.clone(),
        thoi_han: t.thoi_han.clone(),
        san_pham: t.san_pham.clone(),
    }
}
