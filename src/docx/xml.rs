//! A minimal append-only XML writer and the unit conversions of WordprocessingML.
//!
//! Everything is written in schema order by construction, so the output needs
//! no reordering pass; every conversion rounds half away from zero so the
//! same model always gives the same bytes.

/// Twips (1/20 pt) from millimetres: 1 mm = 56.6929 twips.
pub fn twips(mm: f32) -> i64 {
    (f64::from(mm) * 1440.0 / 25.4).round() as i64
}

/// Twips from points.
pub fn twips_pt(pt: f32) -> i64 {
    (f64::from(pt) * 20.0).round() as i64
}

/// Half-points (`w:sz`) from points.
pub fn half_points(pt: f32) -> i64 {
    (f64::from(pt) * 2.0).round() as i64
}

/// Eighths of a point (border `w:sz`), clamped to the schema range 2–96.
pub fn eighths(pt: f32) -> i64 {
    ((f64::from(pt) * 8.0).round() as i64).clamp(2, 96)
}

/// Line spacing in 240ths of a line (`w:lineRule="auto"`).
pub fn line_240(multiple: f32) -> i64 {
    (f64::from(multiple) * 240.0).round() as i64
}

/// An XML text buffer.
pub struct Xml {
    pub buf: String,
}

impl Xml {
    pub fn with_capacity(n: usize) -> Xml {
        Xml {
            buf: String::with_capacity(n),
        }
    }

    /// Raw markup (tags and attribute values the writer built itself).
    pub fn raw(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    /// An integer as decimal text.
    pub fn int(&mut self, v: i64) {
        use std::fmt::Write;
        let _ = write!(self.buf, "{v}");
    }

    /// `<tag w:val="v"/>` with an integer value; `open` is `"<tag"`.
    pub fn val_int(&mut self, open: &str, v: i64) {
        self.raw(open);
        self.raw(" w:val=\"");
        self.int(v);
        self.raw("\"/>");
    }

    /// User text escaped for element content or attribute values. Characters
    /// that XML 1.0 forbids (C0 controls other than tab/newline, U+FFFE/F)
    /// are dropped: Word refuses a file that contains them.
    pub fn text(&mut self, s: &str) {
        for c in s.chars() {
            match c {
                '&' => self.buf.push_str("&amp;"),
                '<' => self.buf.push_str("&lt;"),
                '>' => self.buf.push_str("&gt;"),
                '"' => self.buf.push_str("&quot;"),
                '\t' | '\n' | '\r' => self.buf.push(' '),
                c if (c as u32) < 0x20 => {}
                '\u{FFFE}' | '\u{FFFF}' => {}
                c => self.buf.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_match_the_spec_cheat_sheet() {
        assert_eq!(twips(20.0), 1134);
        assert_eq!(twips(30.0), 1701);
        assert_eq!(twips(15.0), 850);
        assert_eq!(twips(25.0), 1417);
        assert_eq!(twips(35.0), 1984);
        assert_eq!(twips(10.0), 567);
        assert_eq!(twips(12.7), 720);
        assert_eq!(twips(210.0), 11906);
        assert_eq!(twips(297.0), 16838);
        assert_eq!(half_points(13.0), 26);
        assert_eq!(half_points(14.0), 28);
        assert_eq!(half_points(10.5), 21);
        assert_eq!(eighths(0.5), 4);
        assert_eq!(eighths(0.75), 6);
        assert_eq!(line_240(1.5), 360);
    }

    #[test]
    fn text_is_escaped_and_cleaned() {
        let mut x = Xml::with_capacity(16);
        x.text("a<b>&\"c\u{1}\u{7}d");
        assert_eq!(x.buf, "a&lt;b&gt;&amp;&quot;cd");
    }
}
