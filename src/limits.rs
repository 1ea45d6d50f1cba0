//! Resource limits: past these, loading stops with a clear diagnostic instead of hanging or exhausting memory.
//!
//! The values are far above any real plan (a long plan with several
//! appendices is under 200 KB, nested 12 levels, with tables of a few hundred
//! rows), so they only stop hostile or broken inputs. They are listed with
//! their diagnostic codes in docs/robustness.md.

/// Largest plan file read, in bytes (4 MiB). Checked before the file is read
/// into memory, so a 50 MB file or an endless device costs nothing. Code E050.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// Deepest nesting of YAML lists and maps accepted. A plan's deepest real
/// path (body → item → sub-item → table → row → child row → cell) stays
/// under 20; libyaml itself refuses 128 levels. Code E051.
pub const MAX_DEPTH: usize = 64;

/// Largest number of rows (child rows included) in one table. Each row
/// becomes a DOCX/PDF table row laid out in memory. Code E053.
pub const MAX_TABLE_ROWS: usize = 20_000;

/// Code: the input file is larger than [`MAX_INPUT_BYTES`].
pub const E_INPUT_TOO_LARGE: &str = "E050";
/// Code: lists and maps nested deeper than [`MAX_DEPTH`].
pub const E_TOO_DEEP: &str = "E051";
/// Code: YAML aliases expanding into a huge document ("billion laughs");
/// libyaml's own repetition limit trips first, the diagnostic explains it.
pub const E_ALIAS_BOMB: &str = "E052";
/// Code: a table with more than [`MAX_TABLE_ROWS`] rows.
pub const E_TOO_MANY_ROWS: &str = "E053";
/// Code: the file is binary data (a document, image or program picked by
/// mistake), not text.
pub const E_BINARY: &str = "E054";
