//! DOCX writer (owned by the docx work).
