//! Fonts: the embedded Liberation Serif 2.x faces (Times-New-Roman metrics,
//! full Vietnamese coverage), or a user's own Times New Roman files, and the
//! advance widths that compose (rule lengths) and PDF layout (line breaking)
//! measure text with.
//!
//! Fonts are loaded by file, never by family name: Liberation 1.07 carries
//! the same family name but lacks ơ, ư and ạ…ỹ, and tools that pick fonts by
//! name silently borrow those letters from another font. Every face is
//! checked for every Vietnamese letter when it is loaded.

use std::path::Path;

/// The four faces a document uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    pub fn of(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// File names of a Times New Roman installation (`--font-dir`).
    pub fn times_file(self) -> &'static str {
        match self {
            Face::Regular => "times.ttf",
            Face::Bold => "timesbd.ttf",
            Face::Italic => "timesi.ttf",
            Face::BoldItalic => "timesbi.ttf",
        }
    }
}

const EMBEDDED: [&[u8]; 4] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Characters measured through a direct table; Vietnamese letters are all
/// below U+1F00 (Latin Extended Additional ends at U+1EFF).
const TABLE_LEN: usize = 0x1F00;

/// General punctuation and symbols above the direct table that plans use
/// (dashes, quotes, ellipsis, bullets), measured through a map.
const EXTRA_RANGE: std::ops::Range<u32> = 0x2000..0x2100;

/// One parsed face: its bytes (for embedding) and advance widths.
#[derive(Clone)]
pub struct FontFace {
    pub data: std::sync::Arc<Vec<u8>>,
    /// PostScript name, for reports.
    pub name: String,
    units_per_em: f32,
    /// Advance per char below TABLE_LEN, in font units; u16::MAX = no glyph.
    table: Vec<u16>,
    /// Glyph id per char below TABLE_LEN (0 = no glyph), for the PDF writer.
    gids: Vec<u16>,
    /// Fallback advance for characters without a glyph (the .notdef width).
    missing: u16,
    /// Advances and glyph ids for characters at or above TABLE_LEN that
    /// have glyphs.
    extra: std::collections::BTreeMap<char, (u16, u16)>,
    /// Vertical metrics in font units (Windows ascent/descent, as Word and
    /// LibreOffice use them, and the hhea line gap), for baselines.
    ascent: u16,
    descent: u16,
    line_gap: u16,
}

impl std::fmt::Debug for FontFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFace")
            .field("name", &self.name)
            .finish()
    }
}

/// The four faces, ready to measure and embed.
#[derive(Debug, Clone)]
pub struct FontSet {
    faces: [FontFace; 4],
}

/// A font that cannot be used, with the reason in words for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct FontError {
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for FontError {}

/// Every Vietnamese letter: 12 vowels × 6 tones in both cases, and đ/Đ (146).
pub fn vietnamese_letters() -> Vec<char> {
    use unicode_normalization::UnicodeNormalization;
    let vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
    let tones = [
        "", "\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}",
    ];
    let mut out = Vec::with_capacity(146);
    for v in vowels {
        for t in tones {
            let lower: String = format!("{v}{t}").nfc().collect();
            let upper: String = lower.to_uppercase();
            out.extend(lower.chars());
            out.extend(upper.chars());
        }
    }
    out.push('đ');
    out.push('Đ');
    out
}

impl FontFace {
    /// Parses a TrueType face and checks that it covers Vietnamese.
    pub fn parse(data: Vec<u8>, file: &str) -> Result<FontFace, FontError> {
        let err = |message: String| FontError {
            file: file.to_string(),
            message,
        };
        let face = ttf_parser::Face::parse(&data, 0)
            .map_err(|e| err(format!("không đọc được phông chữ ({e})")))?;
        let name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| file.to_string());
        let missing_letters: String = vietnamese_letters()
            .into_iter()
            .filter(|c| face.glyph_index(*c).is_none())
            .collect();
        if !missing_letters.is_empty() {
            return Err(err(format!(
                "phông chữ thiếu chữ tiếng Việt: {missing_letters} (cần Liberation Serif 2.x hoặc Times New Roman đầy đủ)"
            )));
        }
        let glyph = |c: char| -> Option<(u16, u16)> {
            face.glyph_index(c)
                .map(|g| (face.glyph_hor_advance(g).unwrap_or(0), g.0))
        };
        let missing = face.glyph_hor_advance(ttf_parser::GlyphId(0)).unwrap_or(0);
        let mut table = vec![u16::MAX; TABLE_LEN];
        let mut gids = vec![0u16; TABLE_LEN];
        // Only the code points the font maps are looked up (a few thousand,
        // not every one below TABLE_LEN): this runs for four faces at the
        // start of every command.
        let mut mapped = Vec::with_capacity(4096);
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if (cp as usize) < TABLE_LEN {
                        mapped.push(cp);
                    }
                });
            }
        }
        mapped.sort_unstable();
        mapped.dedup();
        for cp in mapped {
            if let Some((a, g)) = char::from_u32(cp).and_then(glyph) {
                table[cp as usize] = a;
                gids[cp as usize] = g;
            }
        }
        let mut extra = std::collections::BTreeMap::new();
        // Punctuation and symbols plans use above U+1EFF: dashes, quotes,
        // ellipsis, bullets.
        for cp in EXTRA_RANGE {
            if let Some(c) = char::from_u32(cp) {
                if let Some(ag) = glyph(c) {
                    extra.insert(c, ag);
                }
            }
        }
        let units_per_em = face.units_per_em() as f32;
        // Word measures a "single" line as winAscent + winDescent + hhea
        // lineGap (1.15 em for Times New Roman); hhea values stand in when a
        // face has no OS/2 table.
        let (ascent, descent) = match face.tables().os2 {
            Some(os2) => (
                os2.windows_ascender().max(0) as u16,
                os2.windows_descender().unsigned_abs(),
            ),
            None => (
                face.ascender().max(0) as u16,
                face.descender().unsigned_abs(),
            ),
        };
        let line_gap = face.line_gap().max(0) as u16;
        Ok(FontFace {
            ascent,
            descent,
            line_gap,
            name,
            units_per_em,
            table,
            gids,
            missing,
            extra,
            data: std::sync::Arc::new(data),
        })
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        let i = c as usize;
        if i < TABLE_LEN {
            self.table[i] != u16::MAX
        } else {
            self.extra.contains_key(&c)
        }
    }

    /// The glyph id for `c` when it is in the face's direct tables (every
    /// Vietnamese letter, Latin, general punctuation); None when the face
    /// has no glyph for it or `c` lies outside the tables.
    pub fn glyph_id(&self, c: char) -> Option<u16> {
        let i = c as usize;
        if i < TABLE_LEN {
            Some(self.gids[i]).filter(|g| *g != 0)
        } else {
            self.extra.get(&c).map(|e| e.1)
        }
    }

    /// Whether [`FontFace::glyph_id`] answers for `c` from its tables (so
    /// None there means the face has no glyph).
    pub fn in_table(&self, c: char) -> bool {
        (c as usize) < TABLE_LEN || EXTRA_RANGE.contains(&(c as u32))
    }

    /// Advance of one character in font units.
    fn advance_units(&self, c: char) -> u16 {
        let i = c as usize;
        if i < TABLE_LEN {
            match self.table[i] {
                u16::MAX => self.missing,
                a => a,
            }
        } else {
            self.extra.get(&c).map_or(self.missing, |e| e.0)
        }
    }

    /// Width of `text` at `size_pt`, in points. Text must be NFC: one char
    /// is one glyph (no shaping).
    pub fn width_pt(&self, text: &str, size_pt: f32) -> f32 {
        let units: u32 = text.chars().map(|c| self.advance_units(c) as u32).sum();
        units as f32 * size_pt / self.units_per_em
    }

    /// Distance from the top of a single-spaced line box to the baseline
    /// (the font's Windows ascent), points.
    pub fn ascent_pt(&self, size_pt: f32) -> f32 {
        self.ascent as f32 * size_pt / self.units_per_em
    }

    /// Depth below the baseline (Windows descent, positive), points.
    pub fn descent_pt(&self, size_pt: f32) -> f32 {
        self.descent as f32 * size_pt / self.units_per_em
    }

    /// Height of a single-spaced line as Word computes it: ascent + descent
    /// + line gap (≈ 1.15 × size for Times New Roman metrics), points.
    pub fn line_height_pt(&self, size_pt: f32) -> f32 {
        (self.ascent as f32 + self.descent as f32 + self.line_gap as f32) * size_pt
            / self.units_per_em
    }

    /// Width of one character at `size_pt`, in points.
    pub fn char_width_pt(&self, c: char, size_pt: f32) -> f32 {
        self.advance_units(c) as f32 * size_pt / self.units_per_em
    }
}

impl FontSet {
    /// The embedded Liberation Serif faces.
    pub fn embedded() -> &'static FontSet {
        static SET: std::sync::OnceLock<FontSet> = std::sync::OnceLock::new();
        SET.get_or_init(|| {
            let faces = Face::ALL.map(|f| {
                FontFace::parse(EMBEDDED[f.index()].to_vec(), "fonts/LiberationSerif")
                    .expect("embedded Liberation Serif covers Vietnamese (checked by tests)")
            });
            FontSet { faces }
        })
    }

    /// A user's Times New Roman files from `dir` (`times.ttf`, `timesbd.ttf`,
    /// `timesi.ttf`, `timesbi.ttf`).
    pub fn from_dir(dir: &Path) -> Result<FontSet, FontError> {
        let mut faces = Vec::with_capacity(4);
        for f in Face::ALL {
            let path = dir.join(f.times_file());
            let data = std::fs::read(&path).map_err(|e| FontError {
                file: path.display().to_string(),
                message: format!("không mở được tệp phông chữ ({e})"),
            })?;
            faces.push(FontFace::parse(data, &path.display().to_string())?);
        }
        let faces: [FontFace; 4] = faces.try_into().expect("four faces");
        Ok(FontSet { faces })
    }

    pub fn face(&self, face: Face) -> &FontFace {
        &self.faces[face.index()]
    }

    /// Width of `text` in the given face and size, points.
    pub fn width_pt(&self, text: &str, face: Face, size_pt: f32) -> f32 {
        self.face(face).width_pt(text, size_pt)
    }

    /// Width in millimetres.
    pub fn width_mm(&self, text: &str, face: Face, size_pt: f32) -> f32 {
        self.width_pt(text, face, size_pt) * 25.4 / 72.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_faces_cover_all_146_vietnamese_letters() {
        let letters = vietnamese_letters();
        assert_eq!(letters.len(), 146);
        let set = FontSet::embedded();
        for f in Face::ALL {
            for c in &letters {
                assert!(set.face(f).has_glyph(*c), "{f:?} lacks {c}");
            }
        }
    }

    #[test]
    fn tieu_ngu_width_matches_the_spec_measurement() {
        // Spec §4.1: Tiêu ngữ at 14 pt bold is 60.5 mm, quốc hiệu at 13 pt bold 95.7 mm.
        let set = FontSet::embedded();
        let tn = set.width_mm("Độc lập - Tự do - Hạnh phúc", Face::Bold, 14.0);
        assert!((tn - 60.5).abs() < 0.6, "{tn}");
        let qh = set.width_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Face::Bold, 13.0);
        assert!((qh - 95.7).abs() < 1.0, "{qh}");
    }

    #[test]
    fn a_font_without_vietnamese_is_refused() {
        let err = FontFace::parse(vec![0, 1, 2, 3], "x.ttf").unwrap_err();
        assert!(err.message.contains("không đọc được"));
    }
}
