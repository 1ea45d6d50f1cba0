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

/// Largest number of loop iterations in one template render, all loops
/// together (a `range` longer than this is refused before it is built).
/// The built-in template loops once per block, row, cell and paragraph, so a
/// 4 MiB plan stays far below. Code E055.
pub const MAX_TEMPLATE_ITERATIONS: u64 = 2_000_000;

/// Largest text a template may produce, in bytes before XML escaping: the
/// whole document markup, the output of one macro call, and any one value a
/// template computes (`set`, filters, `~`). Real plans make well under
/// 1 MiB of markup. Code E056.
pub const MAX_TEMPLATE_OUTPUT: usize = 64 * 1024 * 1024;

/// Deepest nesting of macro calls and includes. The built-in template nests
/// two macro calls per level of the plan's content. Code E057.
pub const MAX_TEMPLATE_DEPTH: usize = 200;

/// Longest time a template may take to render, in seconds. Code E058.
pub const MAX_TEMPLATE_SECONDS: u64 = 60;

/// Longest time one render (load, validate, compose, every writer) may
/// take, in seconds; checked between stages. Code E058.
pub const MAX_RENDER_SECONDS: u64 = 300;

/// Code: a template looped more than [`MAX_TEMPLATE_ITERATIONS`] times.
pub const E_TEMPLATE_LOOP: &str = "E055";
/// Code: a template produced more than [`MAX_TEMPLATE_OUTPUT`] bytes.
pub const E_TEMPLATE_OUTPUT: &str = "E056";
/// Code: macros or includes nested deeper than [`MAX_TEMPLATE_DEPTH`].
pub const E_TEMPLATE_DEPTH: &str = "E057";
/// Code: rendering ran past [`MAX_TEMPLATE_SECONDS`] or [`MAX_RENDER_SECONDS`].
pub const E_RENDER_TIME: &str = "E058";
/// Code: a template reaches outside its folder (a path in `include`,
/// `import` or `extends`, a link to a file elsewhere, the environment).
pub const E_OUTSIDE_FOLDER: &str = "E059";

/// The limits of one template render. [`Default`] gives the documented
/// constants; tests and embedders may tighten them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateLimits {
    /// Loop iterations, all loops together.
    pub iterations: u64,
    /// Bytes of any value, macro output or the whole output.
    pub output_bytes: usize,
    /// Nesting of macro calls and includes.
    pub depth: usize,
    /// Render time.
    pub time: std::time::Duration,
}

impl Default for TemplateLimits {
    fn default() -> TemplateLimits {
        TemplateLimits {
            iterations: MAX_TEMPLATE_ITERATIONS,
            output_bytes: MAX_TEMPLATE_OUTPUT,
            depth: MAX_TEMPLATE_DEPTH,
            time: std::time::Duration::from_secs(MAX_TEMPLATE_SECONDS),
        }
    }
}
