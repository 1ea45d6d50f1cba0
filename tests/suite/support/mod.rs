//! Builders and readers shared by the test modules.

pub mod cli;
pub mod docx_read;
pub mod docx_sample;
pub mod e2e;
pub mod pdf_sample;
