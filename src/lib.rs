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
