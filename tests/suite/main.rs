//! The integration tests, one binary: every module reads real outputs back
//! (DOCX XML, PDF text through poppler, XLSX cells, the binary's stderr).
//! One binary instead of one per file keeps the release test build small and
//! fast to link; run a part with a filter, e.g. `cargo test --test suite e2e_pdf::`.

mod support;

mod cli_tools;
mod cli_validate;
mod compose;
mod diagnostics;
mod diff;
mod docx_content;
mod docx_page;
mod docx_rs_reader;
mod docx_sample_out;
mod e2e_docx;
mod e2e_pdf;
mod fuzz_stable;
mod hostile;
mod nfc;
mod pdf;
mod printpdf_reader;
mod props;
mod schema;
mod workflow;
mod xlsx;
