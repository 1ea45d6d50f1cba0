//! PDF writer (owned by the pdf work).
