//! kehoach: Vietnamese official plans (kế hoạch) from YAML to DOCX and PDF in
//! the format of Nghị định 30/2020/NĐ-CP.
//!
//! Data flows one way: source → [`plan`] (load, validate) → [`compose`]
//! (tera templates, numbering) → [`doc::Document`] → [`docx`] and [`pdf`].

pub mod batch;
pub mod cli;
pub mod compose;
pub mod diag;
pub mod doc;
pub mod docx;
pub mod fonts;
pub mod limits;
pub mod output;
pub mod pdf;
pub mod plan;
pub mod render;
pub mod sample;
pub mod vn;
pub mod watch;
pub mod xlsx;

/// Frees `value` on a thread of its own: the source, the plan and the
/// template context of a large plan are tens of thousands of small
/// allocations, and freeing them is time the next stage need not wait for.
pub fn drop_in_background<T: Send + 'static>(value: T) {
    // Where no thread can be had, `spawn` drops the closure, and the value
    // with it, right here.
    let _ = std::thread::Builder::new()
        .name("kehoach-free".into())
        .spawn(move || drop(value));
}
