//! Line breaking and justification of one paragraph into positioned text runs.
//!
//! Words are measured once with the font's advances; lines break only at
//! spaces (a Vietnamese syllable is never cut), greedily as Word does. Every
//! line but the last of a paragraph is justified by spreading the spare width
//! over its inner spaces.

use crate::doc::{Align, Paragraph};
use crate::fonts::{Face, FontSet};
use crate::pdf::frame::{mm, Role, Text};
use std::ops::Range;

/// A paragraph broken into lines, positioned relative to its column's left
/// edge and to each line's top.
#[derive(Debug, Clone)]
pub struct ParaLines {
    /// Text runs of all lines; `x` from the column's left edge, `y` the
    /// baseline offset from the top of its line.
    pub items: Vec<Text>,
    /// Runs of each line, as ranges into `items`.
    pub lines: Vec<Range<usize>>,
    /// Height of every line (single height × line spacing), points.
    pub line_height: f32,
    pub space_before: f32,
    pub space_after: f32,
    pub keep_with_next: bool,
    pub keep_lines: bool,
}

impl ParaLines {
    /// Height of lines only, without paragraph spacing.
    pub fn lines_height(&self) -> f32 {
        self.lines.len() as f32 * self.line_height
    }

    /// Height including spacing before and after.
    pub fn total_height(&self) -> f32 {
        self.space_before + self.lines_height() + self.space_after
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Space,
    Newline,
}

/// A measured piece of text in one face: a word fragment, a space, or a
/// forced line break. Adjacent word tokens (emphasis changing inside a word)
/// have no break opportunity between them.
#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    face: Face,
    range: Range<usize>,
    width: f32,
}

/// One broken line: tokens `start..end` (trailing spaces excluded).
struct LineSpan {
    start: usize,
    end: usize,
    width: f32,
    spaces: usize,
    /// Last line of the paragraph or before a forced break: not justified.
    last: bool,
}

/// Lays out `para` in a column `width_pt` wide.
pub fn layout_paragraph(para: &Paragraph, fonts: &FontSet, width_pt: f32) -> ParaLines {
    let f = &para.format;
    let size = f.size_pt;
    let (text, mut tokens) = tokenize(para, fonts);
    let base = fonts.face(Face::of(f.bold, f.italic));
    let single = base.line_height_pt(size);
    let line_height = single * f.line_spacing.max(0.1);
    let baseline = line_height - base.descent_pt(size);

    let left = mm(f.left_indent_mm);
    let avail = (width_pt - left - mm(f.right_indent_mm)).max(1.0);
    let first = mm(f.first_line_indent_mm);
    let spans = break_lines(&text, &mut tokens, fonts, size, avail - first, avail);

    let mut items = Vec::with_capacity(spans.len() * 2);
    let mut lines = Vec::with_capacity(spans.len().max(1));
    for (i, span) in spans.iter().enumerate() {
        let indent = if i == 0 { first } else { 0.0 };
        let line_avail = avail - indent;
        let spare = (line_avail - span.width).max(0.0);
        let (offset, extra) = match f.align {
            Align::Left => (0.0, 0.0),
            Align::Center => (spare / 2.0, 0.0),
            Align::Right => (spare, 0.0),
            Align::Justify if !span.last && span.spaces > 0 => (0.0, spare / span.spaces as f32),
            Align::Justify => (0.0, 0.0),
        };
        let begin = items.len();
        let mut x = left + indent + offset;
        let mut t = span.start;
        while t < span.end {
            let face = tokens[t].face;
            let mut run = String::new();
            let mut w = 0.0;
            let mut spaces = 0;
            while t < span.end && tokens[t].face == face {
                let tok = &tokens[t];
                match tok.kind {
                    Kind::Space => {
                        run.push(' ');
                        spaces += 1;
                        w += tok.width + extra;
                    }
                    Kind::Word => {
                        run.push_str(&text[tok.range.clone()]);
                        w += tok.width;
                    }
                    Kind::Newline => {}
                }
                t += 1;
            }
            if !run.is_empty() {
                items.push(Text {
                    x,
                    y: baseline,
                    face,
                    size_pt: size,
                    text: run,
                    word_spacing: if spaces > 0 { extra } else { 0.0 },
                    width: w,
                    role: Role::Content,
                });
            }
            x += w;
        }
        lines.push(begin..items.len());
    }
    if lines.is_empty() {
        lines.push(0..0);
    }
    ParaLines {
        items,
        lines,
        line_height,
        space_before: f.space_before_pt,
        space_after: f.space_after_pt,
        keep_with_next: f.keep_with_next,
        keep_lines: f.keep_lines,
    }
}

/// Splits the runs into measured tokens over one concatenated string.
fn tokenize(para: &Paragraph, fonts: &FontSet) -> (String, Vec<Token>) {
    let f = &para.format;
    let len: usize = para.runs.iter().map(|r| r.text.len()).sum();
    let mut text = String::with_capacity(len);
    let mut tokens = Vec::with_capacity(len / 4 + 2);
    for run in &para.runs {
        let face = Face::of(f.bold || run.bold, f.italic || run.italic);
        let ff = fonts.face(face);
        let mut word_start: Option<usize> = None;
        let mut word_w = 0.0;
        for c in run.text.chars() {
            let kind = match c {
                ' ' | '\t' => Some(Kind::Space),
                '\n' | '\u{2028}' => Some(Kind::Newline),
                '\r' => continue,
                _ => None,
            };
            match kind {
                None => {
                    if word_start.is_none() {
                        word_start = Some(text.len());
                        word_w = 0.0;
                    }
                    word_w += ff.char_width_pt(c, f.size_pt);
                    text.push(c);
                }
                Some(k) => {
                    if let Some(s) = word_start.take() {
                        tokens.push(Token {
                            kind: Kind::Word,
                            face,
                            range: s..text.len(),
                            width: word_w,
                        });
                    }
                    let s = text.len();
                    let width = if k == Kind::Space {
                        text.push(' ');
                        ff.char_width_pt(' ', f.size_pt)
                    } else {
                        0.0
                    };
                    tokens.push(Token {
                        kind: k,
                        face,
                        range: s..text.len(),
                        width,
                    });
                }
            }
        }
        if let Some(s) = word_start {
            tokens.push(Token {
                kind: Kind::Word,
                face,
                range: s..text.len(),
                width: word_w,
            });
        }
    }
    (text, tokens)
}

/// Greedy line breaking at spaces; the first line has `first_avail` width.
fn break_lines(
    text: &str,
    tokens: &mut Vec<Token>,
    fonts: &FontSet,
    size: f32,
    first_avail: f32,
    avail: f32,
) -> Vec<LineSpan> {
    let mut spans = Vec::new();
    let mut start = skip_spaces(tokens, 0);
    let mut i = start;
    // Width of tokens start..i.
    let mut w = 0.0;
    // Last break opportunity: index of a space token with the line width
    // before it and the number of inner spaces before it.
    let mut brk: Option<(usize, f32, usize)> = None;
    let mut spaces = 0;
    let limit = |n: usize| if n == 0 { first_avail } else { avail };
    while i < tokens.len() {
        let tok = &tokens[i];
        match tok.kind {
            Kind::Space => {
                // Consecutive spaces: keep the first opportunity's width.
                let prev_space = i > start && tokens[i - 1].kind == Kind::Space;
                if !prev_space {
                    brk = Some((i, w, spaces));
                }
                spaces += 1;
                w += tok.width;
                i += 1;
            }
            Kind::Newline => {
                let (end, width, sp) = trim_end(tokens, start, i, w, spaces);
                spans.push(LineSpan {
                    start,
                    end,
                    width,
                    spaces: sp,
                    last: true,
                });
                start = skip_spaces(tokens, i + 1);
                i = start;
                w = 0.0;
                spaces = 0;
                brk = None;
            }
            Kind::Word => {
                let lim = limit(spans.len());
                if w + tok.width <= lim + 0.01 {
                    w += tok.width;
                    i += 1;
                } else if let Some((b, bw, bs)) = brk.take() {
                    spans.push(LineSpan {
                        start,
                        end: b,
                        width: bw,
                        spaces: bs,
                        last: false,
                    });
                    start = skip_spaces(tokens, b);
                    i = start;
                    w = 0.0;
                    spaces = 0;
                } else {
                    // A word wider than the whole line (a long URL in a narrow
                    // cell): cut it where it overflows, at a character.
                    let room = lim - w;
                    let r = tok.range.clone();
                    let ff = fonts.face(tok.face);
                    let mut acc = 0.0;
                    let mut cut = r.start;
                    for (o, c) in text[r.clone()].char_indices() {
                        let cw = ff.char_width_pt(c, size);
                        if acc + cw > room && (o > 0 || w > 0.0) {
                            break;
                        }
                        acc += cw;
                        cut = r.start + o + c.len_utf8();
                    }
                    if cut >= r.end {
                        // Nothing to cut (a single glyph wider than the line).
                        w += tok.width;
                        i += 1;
                        continue;
                    }
                    let face = tok.face;
                    let full = tok.width;
                    tokens[i] = Token {
                        kind: Kind::Word,
                        face,
                        range: r.start..cut,
                        width: acc,
                    };
                    tokens.insert(
                        i + 1,
                        Token {
                            kind: Kind::Word,
                            face,
                            range: cut..r.end,
                            width: full - acc,
                        },
                    );
                    if cut > r.start {
                        w += acc;
                        i += 1;
                    }
                    spans.push(LineSpan {
                        start,
                        end: i,
                        width: w,
                        spaces,
                        last: false,
                    });
                    start = i;
                    w = 0.0;
                    spaces = 0;
                }
            }
        }
    }
    if start < tokens.len() || spans.is_empty() {
        let (end, width, sp) = trim_end(tokens, start, tokens.len(), w, spaces);
        spans.push(LineSpan {
            start,
            end,
            width,
            spaces: sp,
            last: true,
        });
    } else if let Some(l) = spans.last_mut() {
        l.last = true;
    }
    spans
}

/// Line starts never keep the spaces that caused the break.
fn skip_spaces(tokens: &[Token], mut j: usize) -> usize {
    while j < tokens.len() && tokens[j].kind == Kind::Space {
        j += 1;
    }
    j
}

/// Drops trailing spaces of a line ending at `end`.
fn trim_end(
    tokens: &[Token],
    start: usize,
    mut end: usize,
    mut w: f32,
    mut spaces: usize,
) -> (usize, f32, usize) {
    while end > start && tokens[end - 1].kind == Kind::Space {
        end -= 1;
        w -= tokens[end].width;
        spaces -= 1;
    }
    (end, w, spaces)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{ParaFormat, Run, StyleId};

    fn para(text: &str, align: Align) -> Paragraph {
        Paragraph {
            style: StyleId::Body,
            format: ParaFormat {
                align,
                size_pt: 14.0,
                bold: false,
                italic: false,
                first_line_indent_mm: 12.7,
                left_indent_mm: 0.0,
                right_indent_mm: 0.0,
                space_before_pt: 6.0,
                space_after_pt: 0.0,
                line_spacing: 1.0,
                keep_with_next: false,
                keep_lines: false,
            },
            runs: vec![Run {
                text: text.into(),
                ..Default::default()
            }],
        }
    }

    fn line_text(p: &ParaLines, i: usize) -> String {
        p.items[p.lines[i].clone()]
            .iter()
            .map(|t| t.text.as_str())
            .collect()
    }

    #[test]
    fn justified_lines_fill_the_width_and_the_last_does_not() {
        let text = "Triển khai thực hiện có hiệu quả các nhiệm vụ, giải pháp về cải cách hành chính, chuyển đổi số và phát triển kinh tế - xã hội của tỉnh trong năm 2024.";
        let p = layout_paragraph(&para(text, Align::Justify), FontSet::embedded(), 300.0);
        assert!(p.lines.len() >= 3);
        for (i, r) in p.lines.iter().enumerate() {
            let last = &p.items[r.end - 1];
            let right = last.x + last.width;
            if i + 1 < p.lines.len() {
                assert!((right - 300.0).abs() < 0.05, "line {i} ends at {right}");
            } else {
                assert!(right < 300.0);
            }
        }
        assert!((p.items[0].x - mm(12.7)).abs() < 0.01);
        let joined: Vec<String> = (0..p.lines.len()).map(|i| line_text(&p, i)).collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn syllables_are_never_cut() {
        let text = "Ủy ban nhân dân tỉnh Vĩnh Phúc ban hành Kế hoạch thực hiện nhiệm vụ trọng tâm";
        let p = layout_paragraph(&para(text, Align::Left), FontSet::embedded(), 120.0);
        let words: Vec<&str> = text.split(' ').collect();
        for i in 0..p.lines.len() {
            for w in line_text(&p, i).split(' ') {
                assert!(words.contains(&w), "{w:?} is not a whole syllable");
            }
        }
    }

    #[test]
    fn emphasis_inside_a_word_keeps_it_whole_and_splits_runs() {
        let mut p = para("", Align::Left);
        p.runs = vec![
            Run {
                text: "a)".into(),
                bold: true,
                ..Default::default()
            },
            Run {
                text: " Nội dung".into(),
                ..Default::default()
            },
        ];
        let l = layout_paragraph(&p, FontSet::embedded(), 400.0);
        assert_eq!(l.items.len(), 2);
        assert_eq!(l.items[0].face, Face::Bold);
        assert!((l.items[1].x - (l.items[0].x + l.items[0].width)).abs() < 1e-3);
    }

    #[test]
    fn an_overlong_word_is_cut_to_fit() {
        let p = layout_paragraph(
            &para(
                "https://example.gov.vn/van-ban/ke-hoach/2024/152",
                Align::Left,
            ),
            FontSet::embedded(),
            80.0,
        );
        assert!(p.lines.len() >= 2);
        for r in &p.lines {
            for t in &p.items[r.clone()] {
                assert!(t.x + t.width <= 80.0 + 0.01);
            }
        }
    }

    #[test]
    fn forced_breaks_and_empty_paragraphs_make_lines() {
        let p = layout_paragraph(
            &para("một\nhai", Align::Justify),
            FontSet::embedded(),
            400.0,
        );
        assert_eq!(p.lines.len(), 2);
        let e = layout_paragraph(&para("", Align::Justify), FontSet::embedded(), 400.0);
        assert_eq!(e.lines.len(), 1);
        assert!(
            (e.line_height - 14.0 * 1.15).abs() < 0.1,
            "{}",
            e.line_height
        );
    }
}
