//! A plan's tasks as a spreadsheet round trip must give them back, for the
//! XLSX tests in process and through the command line.
#![allow(dead_code)]

use kehoach::plan::model::{Plan, Task};
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
