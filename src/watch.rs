//! `kehoach watch`: re-validate and re-render plans whenever they or the templates are saved.
//!
//! The folders holding the plans are watched rather than the files, because
//! many editors save by writing a new file and renaming it over the old one,
//! which would end a watch on the file itself. Bursts of events from one
//! save are coalesced before rendering. Errors in a plan are reported as
//! events and never end the watch.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher};

use crate::batch::{self, Outcome};
use crate::diag::Text;
use crate::fonts::FontSet;
use crate::render::Options;

/// What the watch did.
#[derive(Debug)]
pub enum Event {
    /// A plan was rendered (or failed to render) after a start or a change.
    Render(Outcome),
    /// The file watcher reported a problem (the watch goes on).
    WatchError(Text),
}

/// How long a burst of file events must be quiet before rendering: an
/// editor's save is several events (truncate, write, close, rename).
const SETTLE: Duration = Duration::from_millis(120);

/// How often the stop signal is looked at while nothing happens.
const POLL: Duration = Duration::from_millis(50);

/// Watches `inputs` (plan files or folders of plans) and the template folder
/// of `opts`, renders everything once, then renders again whatever a save
/// touches: the saved plan, or every plan when a template changed. Returns
/// when `stop` receives a message or its sender is dropped; `Err` when the
/// watch cannot be set up (a missing folder, no watcher available).
pub fn run(
    inputs: &[PathBuf],
    opts: &Options,
    fonts: &FontSet,
    stop: Receiver<()>,
    mut on_event: impl FnMut(Event),
) -> Result<(), Text> {
    let template_dir = match &opts.compose.template_dir {
        Some(dir) => Some(canonical(dir)?),
        None => None,
    };
    // Plan files named one by one, and folders whose plans are all watched.
    let mut files: BTreeSet<PathBuf> = BTreeSet::new();
    let mut folders: BTreeSet<PathBuf> = BTreeSet::new();
    for input in inputs {
        let path = canonical(input)?;
        if path.is_dir() {
            folders.insert(path);
        } else {
            files.insert(path);
        }
    }
    let current_plans = |files: &BTreeSet<PathBuf>, folders: &BTreeSet<PathBuf>| {
        let mut all: Vec<PathBuf> = files.iter().cloned().collect();
        let listed: Vec<PathBuf> = folders.iter().cloned().collect();
        if let Ok(found) = batch::plan_files(&listed) {
            all.extend(found);
        }
        all.sort();
        all.dedup();
        all
    };

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).map_err(watch_error)?;
    let mut watched: BTreeSet<PathBuf> = folders.clone();
    for f in &files {
        if let Some(parent) = f.parent() {
            watched.insert(parent.to_path_buf());
        }
    }
    for dir in &watched {
        watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(watch_error)?;
    }
    if let Some(dir) = &template_dir {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(watch_error)?;
    }

    let render = |plans: &[PathBuf], on_event: &mut dyn FnMut(Event)| {
        for outcome in batch::render_all(plans, opts, fonts, &|_| {}) {
            on_event(Event::Render(outcome));
        }
    };
    render(&current_plans(&files, &folders), &mut on_event);

    loop {
        match stop.try_recv() {
            Ok(()) | Err(TryRecvError::Disconnected) => return Ok(()),
            Err(TryRecvError::Empty) => {}
        }
        let first = match rx.recv_timeout(POLL) {
            Ok(ev) => ev,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => {
                return Err(Text::new(
                    "trình theo dõi tệp đã dừng",
                    "the file watcher stopped",
                ))
            }
        };
        // Coalesce the burst that one save produces.
        let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
        let mut pending = Some(first);
        let mut quiet_since = Instant::now();
        loop {
            if let Some(ev) = pending.take() {
                match ev {
                    Ok(ev) if is_change(&ev.kind) => {
                        changed.extend(ev.paths);
                        quiet_since = Instant::now();
                    }
                    Ok(_) => {}
                    Err(e) => on_event(Event::WatchError(watch_error(e))),
                }
            }
            let left = SETTLE.saturating_sub(quiet_since.elapsed());
            if left.is_zero() {
                break;
            }
            match rx.recv_timeout(left) {
                Ok(ev) => pending = Some(ev),
                Err(_) => break,
            }
        }
        if changed.is_empty() {
            continue;
        }
        let template_changed = template_dir
            .as_ref()
            .is_some_and(|dir| changed.iter().any(|p| p.starts_with(dir)));
        let targets: Vec<PathBuf> = if template_changed {
            current_plans(&files, &folders)
        } else {
            changed
                .into_iter()
                .filter(|p| {
                    p.is_file()
                        && (files.contains(p)
                            || (batch::is_plan_name(p)
                                && p.parent().is_some_and(|d| folders.contains(d))))
                })
                .collect()
        };
        if !targets.is_empty() {
            render(&targets, &mut on_event);
        }
    }
}

/// Changes worth a render: content written, files created, removed or
/// renamed. Opening and reading (which rendering itself does) are not.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
        _ => true,
    }
}

fn canonical(path: &Path) -> Result<PathBuf, Text> {
    std::fs::canonicalize(path).map_err(|e| {
        Text::new(
            format!("không mở được {} ({e})", path.display()),
            format!("cannot open {} ({e})", path.display()),
        )
    })
}

fn watch_error(e: notify::Error) -> Text {
    Text::new(
        format!("lỗi theo dõi tệp: {e}"),
        format!("file watching error: {e}"),
    )
}
