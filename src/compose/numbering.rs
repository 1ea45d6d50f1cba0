//! Numbering: every label (I., 1., 1.1., a), -, +, Phụ lục I, STT) is computed here from position, never typed.

use crate::plan::model::SttScheme;
use crate::vn;

/// How body headings are numbered; a template chooses it with
/// `<document numbering="…">`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    /// "I." then "1." then "1.1." then "1.1.1." (spec §6.3 family b, plans).
    #[default]
    LaMa,
    /// "1." then "1.1." then "1.1.1." (no Roman level).
    So,
}

impl Scheme {
    /// The scheme for a markup attribute value.
    pub fn parse(s: &str) -> Option<Scheme> {
        match s {
            "la-ma" => Some(Scheme::LaMa),
            "so" => Some(Scheme::So),
            _ => None,
        }
    }

    /// Names accepted by [`Scheme::parse`], for messages.
    pub const NAMES: &'static str = "la-ma, so";
}

/// Counters of the open headings, one per level.
#[derive(Debug, Clone, Default)]
pub struct Headings {
    scheme: Scheme,
    counts: Vec<u32>,
}

impl Headings {
    pub fn new(scheme: Scheme) -> Headings {
        Headings {
            scheme,
            counts: Vec::new(),
        }
    }

    /// Opens a heading at `level` (1-based) and returns its label, e.g. "1.2.".
    pub fn next(&mut self, level: usize) -> String {
        let level = level.max(1);
        self.counts.truncate(level);
        while self.counts.len() < level {
            self.counts.push(0);
        }
        self.counts[level - 1] += 1;
        self.label()
    }

    /// Label of the innermost open heading.
    fn label(&self) -> String {
        let dotted = |from: usize| {
            let mut s = String::new();
            for n in &self.counts[from..] {
                s.push_str(&n.to_string());
                s.push('.');
            }
            s
        };
        match self.scheme {
            Scheme::LaMa if self.counts.len() == 1 => {
                format!(
                    "{}.",
                    vn::roman(self.counts[0]).unwrap_or_else(|| self.counts[0].to_string())
                )
            }
            Scheme::LaMa => dotted(1),
            Scheme::So => dotted(0),
        }
    }
}

/// Letter label for the `index`-th (0-based) point: "a)", "đ)" … (R26).
/// Past "y" the spec is silent; validation rejects it, and here the label
/// continues with doubled letters so nothing is lost.
pub fn point_label(index: usize) -> String {
    match vn::letter(index) {
        Some(l) => format!("{l})"),
        None => {
            let n = vn::LETTERS.len();
            format!(
                "{}{})",
                vn::LETTERS[(index / n - 1) % n],
                vn::LETTERS[index % n]
            )
        }
    }
}

/// "Phụ lục I", "Phụ lục II" …, or the bare word when there is one appendix (R33).
pub fn appendix_label(word: &str, index: usize, count: usize) -> String {
    if count <= 1 {
        word.to_string()
    } else {
        let n = index as u32 + 1;
        format!("{word} {}", vn::roman(n).unwrap_or_else(|| n.to_string()))
    }
}

/// STT numbering of table rows (plan `SttScheme`).
#[derive(Debug, Clone)]
pub struct Stt {
    scheme: SttScheme,
    /// `PhanCap`: counters by depth.
    path: Vec<u32>,
    /// `LienTuc`, `NhomLaMa`: running number of ordinary rows.
    running: u32,
    groups: u32,
}

impl Stt {
    pub fn new(scheme: SttScheme) -> Stt {
        Stt {
            scheme,
            path: Vec::new(),
            running: 0,
            groups: 0,
        }
    }

    /// STT of the next row at `depth` (0 = top level); `group` marks group rows.
    pub fn next(&mut self, depth: usize, group: bool) -> String {
        match self.scheme {
            SttScheme::PhanCap => {
                self.path.truncate(depth + 1);
                while self.path.len() < depth + 1 {
                    self.path.push(0);
                }
                self.path[depth] += 1;
                let parts: Vec<String> = self.path.iter().map(u32::to_string).collect();
                parts.join(".")
            }
            SttScheme::LienTuc => {
                if group {
                    String::new()
                } else {
                    self.running += 1;
                    self.running.to_string()
                }
            }
            SttScheme::NhomLaMa => {
                if group {
                    // Real documents restart the Arabic numbers under each
                    // Roman group (Gia Lai 2022 appendix: I 1 2 … II 1 2 …).
                    self.groups += 1;
                    self.running = 0;
                    vn::roman(self.groups).unwrap_or_else(|| self.groups.to_string())
                } else {
                    self.running += 1;
                    self.running.to_string()
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn la_ma_scheme_restarts_deeper_levels() {
        let mut h = Headings::new(Scheme::LaMa);
        assert_eq!(h.next(1), "I.");
        assert_eq!(h.next(2), "1.");
        assert_eq!(h.next(3), "1.1.");
        assert_eq!(h.next(3), "1.2.");
        assert_eq!(h.next(4), "1.2.1.");
        assert_eq!(h.next(2), "2.");
        assert_eq!(h.next(3), "2.1.");
        assert_eq!(h.next(1), "II.");
        assert_eq!(h.next(2), "1.");
    }

    #[test]
    fn so_scheme_is_dotted_from_the_top() {
        let mut h = Headings::new(Scheme::So);
        assert_eq!(h.next(1), "1.");
        assert_eq!(h.next(2), "1.1.");
        assert_eq!(h.next(1), "2.");
        assert_eq!(h.next(2), "2.1.");
    }

    #[test]
    fn points_use_the_vietnamese_sequence() {
        let labels: Vec<String> = (0..6).map(point_label).collect();
        assert_eq!(labels, ["a)", "b)", "c)", "d)", "đ)", "e)"]);
        assert_eq!(point_label(22), "y)");
        assert_eq!(point_label(23), "aa)");
    }

    #[test]
    fn appendix_labels_need_roman_numerals_only_when_several() {
        assert_eq!(appendix_label("Phụ lục", 0, 1), "Phụ lục");
        assert_eq!(appendix_label("Phụ lục", 1, 2), "Phụ lục II");
    }

    #[test]
    fn stt_schemes() {
        let mut s = Stt::new(SttScheme::PhanCap);
        let got: Vec<String> = [
            (0, true),
            (1, false),
            (1, false),
            (2, false),
            (0, true),
            (1, false),
        ]
        .iter()
        .map(|&(d, g)| s.next(d, g))
        .collect();
        assert_eq!(got, ["1", "1.1", "1.2", "1.2.1", "2", "2.1"]);
        let mut s = Stt::new(SttScheme::NhomLaMa);
        let got: Vec<String> = [(0, true), (1, false), (1, false), (0, true), (1, false)]
            .iter()
            .map(|&(d, g)| s.next(d, g))
            .collect();
        assert_eq!(got, ["I", "1", "2", "II", "1"]);
        let mut s = Stt::new(SttScheme::LienTuc);
        let got: Vec<String> = [(0, true), (1, false), (1, false)]
            .iter()
            .map(|&(d, g)| s.next(d, g))
            .collect();
        assert_eq!(got, ["", "1", "2"]);
    }
}
