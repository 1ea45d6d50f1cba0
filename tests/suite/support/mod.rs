//! Builders and readers shared by the test modules.

pub mod cli;
pub mod docx_read;
pub mod e2e;
pub mod pdf_sample;
pub mod sample_doc;
pub mod tasks;
