//! Builds a `doc::Document` from fuzzer bytes: every field drawn from the input, including inconsistent spans, brace ranges and extreme sizes.
//!
//! Shared by the cargo-fuzz targets and the stable-toolchain driver
//! (tests/suite/fuzz_stable.rs), so both exercise the writers the same way.

use kehoach::doc::*;

/// Reads values off the fuzzer input; past its end every value is zero.
pub struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
    /// Whether sizes may be zero, negative, NaN or huge; otherwise they
    /// stay near real values so the writers get past their input checks.
    hostile: bool,
}

/// Texts that stress the writers: Vietnamese, combining marks, emoji,
/// XML-special characters, zero-width and bidi characters, long words.
const TEXTS: &[&str] = &[
    "",
    "Nâng cao chất lượng phục vụ người dân",
    "ỦY BAN NHÂN DÂN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Nâ\u{0300}ng cao (NFD)",
    "<w:p>&amp;]]></w:p> \"' &",
    "👍🏽🇻🇳 \u{200B}\u{200D}\u{FEFF}\u{202E}",
    "a\tb\nc\r\nd",
    "\u{1F600}\u{10FFFF}\u{0}\u{7}\u{1B}",
    "Khôngcódấucáchnàotrongđoạnvănbảnrấtdàinàycả",
    " ",
    "…“”‘’–—",
];

impl<'a> Bytes<'a> {
    /// Reads from `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Bytes {
            data,
            pos: 1,
            hostile: data.first().is_some_and(|b| b % 4 == 0),
        }
    }

    fn u8(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    fn bool(&mut self) -> bool {
        self.u8() & 1 == 1
    }

    fn small(&mut self, max: usize) -> usize {
        self.u8() as usize % (max + 1)
    }

    /// Mostly sane numbers, sometimes zero, negative, huge, NaN or infinite.
    fn f32(&mut self, typical: f32) -> f32 {
        if !self.hostile {
            return typical * (6 + self.u8() % 10) as f32 / 10.0;
        }
        match self.u8() % 16 {
            0 => 0.0,
            1 => -typical,
            2 => f32::NAN,
            3 => f32::INFINITY,
            4 => 1.0e9,
            5 => f32::MIN_POSITIVE,
            n => typical * (n as f32) / 10.0,
        }
    }

    fn text(&mut self) -> String {
        let n = self.small(3);
        let mut s = String::new();
        for _ in 0..n {
            match self.u8() % 8 {
                0 => {
                    // Raw input bytes as text, lossily.
                    let len = self.small(40);
                    let end = (self.pos + len).min(self.data.len());
                    let start = self.pos.min(end);
                    s.push_str(&String::from_utf8_lossy(&self.data[start..end]));
                    self.pos += len;
                }
                1 => s.push_str(&"x".repeat(self.small(255) * 8)),
                k => s.push_str(TEXTS[(k as usize * 7 + self.small(255)) % TEXTS.len()]),
            }
        }
        s
    }

    fn para(&mut self) -> Paragraph {
        let style = match self.u8() % 17 {
            0 => StyleId::Body,
            1 => StyleId::CanCu,
            2 => StyleId::DocKind,
            3 => StyleId::TrichYeu,
            4 => StyleId::Heading(self.u8()),
            5 => StyleId::Point,
            6 => StyleId::ListItem,
            7 => StyleId::TableText,
            8 => StyleId::TableHeader,
            9 => StyleId::AppendixLabel,
            10 => StyleId::AppendixTitle,
            11 => StyleId::AppendixRef,
            12 => StyleId::HeaderText,
            13 => StyleId::RecipientsLabel,
            14 => StyleId::Recipient,
            15 => StyleId::Signature,
            _ => StyleId::Heading(self.small(6) as u8),
        };
        let format = ParaFormat {
            align: match self.u8() % 4 {
                0 => Align::Left,
                1 => Align::Center,
                2 => Align::Right,
                _ => Align::Justify,
            },
            size_pt: self.f32(14.0),
            bold: self.bool(),
            italic: self.bool(),
            first_line_indent_mm: self.f32(12.7),
            left_indent_mm: self.f32(5.0),
            right_indent_mm: self.f32(5.0),
            space_before_pt: self.f32(6.0),
            space_after_pt: self.f32(6.0),
            line_spacing: self.f32(1.15),
            keep_with_next: self.bool(),
            keep_lines: self.bool(),
        };
        let runs = (0..self.small(4))
            .map(|_| Run {
                text: self.text(),
                bold: self.bool(),
                italic: self.bool(),
            })
            .collect();
        Paragraph {
            style,
            format,
            runs,
        }
    }

    fn row(&mut self, ncols: usize) -> Row {
        let kind = match self.u8() % 5 {
            0 => RowKind::Header,
            1 => RowKind::ColumnNumbers,
            2 => RowKind::Group,
            3 => RowKind::Total,
            _ => RowKind::Normal,
        };
        let cells = (0..self.small(ncols + 2))
            .map(|i| Cell {
                // Usually in order and inside the table; sometimes not.
                col: if self.u8() % 8 == 0 {
                    self.small(255)
                } else {
                    i
                },
                colspan: if self.u8() % 8 == 0 {
                    self.small(255)
                } else {
                    1
                },
                rowspan: if self.u8() % 8 == 0 {
                    self.small(255)
                } else {
                    1
                },
                valign: match self.u8() % 3 {
                    0 => VAlign::Top,
                    1 => VAlign::Center,
                    _ => VAlign::Bottom,
                },
                paragraphs: (0..self.small(2)).map(|_| self.para()).collect(),
            })
            .collect();
        Row { kind, cells }
    }

    fn block(&mut self) -> Block {
        match self.u8() % 6 {
            0 => Block::Rule(Rule {
                length_mm: self.f32(30.0),
                thickness_pt: self.f32(0.5),
                space_before_pt: self.f32(3.0),
                space_after_pt: self.f32(3.0),
            }),
            1 => {
                let ncols = self.small(8);
                let columns_mm = (0..ncols).map(|_| self.f32(30.0)).collect();
                Block::Table(Table {
                    columns_mm,
                    header_rows: (0..self.small(2)).map(|_| self.row(ncols)).collect(),
                    body_rows: (0..self.small(12)).map(|_| self.row(ncols)).collect(),
                    repeat_header: self.bool(),
                    cant_split: self.bool(),
                    borders: self.bool(),
                    cell_padding_mm: self.f32(1.0),
                })
            }
            2 => Block::Header(Header {
                left_width_mm: self.f32(70.0),
                right_width_mm: self.f32(100.0),
                indent_mm: self.f32(5.0),
                parent_lines: (0..self.small(3)).map(|_| self.text()).collect(),
                issuer_lines: (0..self.small(3)).map(|_| self.text()).collect(),
                issuer_rule_mm: self.f32(20.0),
                quoc_hieu: self.text(),
                tieu_ngu: self.text(),
                tieu_ngu_rule_mm: self.f32(60.0),
                number_line: self.text(),
                place_date: self.text(),
                agency_size_pt: self.f32(13.0),
                quoc_hieu_size_pt: self.f32(13.0),
                tieu_ngu_size_pt: self.f32(14.0),
                number_size_pt: self.f32(13.0),
                place_date_size_pt: self.f32(14.0),
                rule_thickness_pt: self.f32(0.5),
            }),
            3 => {
                let recipients: Vec<Paragraph> = (0..self.small(6)).map(|_| self.para()).collect();
                Block::Closing(Closing {
                    left_width_mm: self.f32(70.0),
                    right_width_mm: self.f32(90.0),
                    label: self.para(),
                    braces: (0..self.small(3))
                        .map(|_| Brace {
                            first: self.small(8),
                            last: self.small(8),
                            note: self.text(),
                        })
                        .collect(),
                    recipients,
                    drafter: self.bool().then(|| self.para()),
                    authority: (0..self.small(3)).map(|_| self.para()).collect(),
                    signature_gap_mm: self.f32(25.0),
                    name: self.para(),
                })
            }
            _ => Block::Paragraph(self.para()),
        }
    }

    /// A whole document; stops early when the input runs out.
    pub fn document(&mut self) -> Document {
        let meta = Meta {
            title: self.text(),
            author: self.text(),
            subject: self.text(),
            draft: self.bool().then(|| "DỰ THẢO".to_string()),
        };
        let mut sections = Vec::new();
        for _ in 0..1 + self.small(2) {
            let landscape = self.bool();
            let page = PageSetup {
                width_mm: if landscape { 297.0 } else { self.f32(210.0) },
                height_mm: if landscape { 210.0 } else { self.f32(297.0) },
                landscape,
                margin_top_mm: self.f32(20.0),
                margin_bottom_mm: self.f32(20.0),
                margin_left_mm: self.f32(30.0),
                margin_right_mm: self.f32(15.0),
                header_distance_mm: self.f32(10.0),
            };
            let numbering = PageNumbering {
                show: self.bool(),
                show_on_first: self.bool(),
                restart_at: self.bool().then(|| self.u8() as u32 * 1000),
                size_pt: self.f32(13.0),
            };
            let mut blocks = Vec::new();
            while self.pos < self.data.len() && blocks.len() < 64 {
                blocks.push(self.block());
                if self.u8() % 16 == 0 {
                    break;
                }
            }
            sections.push(Section {
                page,
                numbering,
                blocks,
            });
        }
        Document { meta, sections }
    }
}
