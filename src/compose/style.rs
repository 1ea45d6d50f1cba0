//! The style table: every size, emphasis, alignment, indent and spacing the spec fixes, with its rule id.

use crate::doc::{Align, PageNumbering, PageSetup, ParaFormat, StyleId};
use crate::fonts::{Face, FontSet};

/// A4 portrait, mm (R01).
pub const A4_W_MM: f32 = 210.0;
pub const A4_H_MM: f32 = 297.0;
/// Header distance: the page number sits inside the top margin (spec §1 [REC], R10).
pub const HEADER_DISTANCE_MM: f32 = 10.0;
/// Word "single" spacing; the model counts multiples of single (R08: 1.0–1.5).
pub const LINE_SPACING: f32 = 1.0;
/// Space between body paragraphs (R09: at least 6 pt).
pub const PARA_SPACE_PT: f32 = 6.0;
/// Line thickness of rules (R14: 0.5–0.75 pt).
pub const RULE_PT: f32 = 0.5;
/// Header table columns (spec §4.5 [REC] 62–72 / 98–104 mm).
pub const HEADER_LEFT_MM: f32 = 70.0;
pub const HEADER_RIGHT_MM: f32 = 100.0;
/// Agency rule as a share of the longest issuer line (R16: 30–55 %).
pub const ISSUER_RULE_SHARE: f32 = 0.4;
/// Trích yếu rule as a share of its longest line (R21: 30–55 %).
pub const TRICH_YEU_RULE_SHARE: f32 = 0.35;
/// Rule under the appendix reference line (spec §15.6: short).
pub const APPENDIX_RULE_MM: f32 = 30.0;
/// Space above the trích yếu rule: with the line box's own bottom gap it
/// leaves at least 3 pt clear under the descenders, so the rule reads as a
/// separator, not an underline (spec §4.5, R21).
pub const TRICH_YEU_RULE_BEFORE_PT: f32 = 3.0;
/// Space above the rule under the italic "(Kèm theo …)" line: more than
/// the trích yếu's, since italic descenders reach further and a rule close
/// under a short italic line looks like an underline (spec §15.6).
pub const APPENDIX_RULE_BEFORE_PT: f32 = 6.0;
/// Space below either rule.
pub const RULE_AFTER_PT: f32 = 6.0;
/// Space above "Nơi nhận:" and the first authority line: the decree's
/// Mẫu 1.4 layout sets the closing block about one blank 14 pt line below
/// the last body line, not directly under it (spec §7).
pub const CLOSING_BEFORE_PT: f32 = 12.0;
/// Signature block column, aligned under the quốc hiệu (spec §7.2).
pub const SIGNER_COLUMN_MM: f32 = 95.0;
/// Space for signature and seal (R30 ≥ 20 mm; spec §7.2 [REC] 28–32 mm).
pub const SIGNATURE_GAP_MM: f32 = 30.0;
/// Table text in appendices (spec §10 [PRACTICE] 11–13 pt) and in the body.
pub const APPENDIX_TABLE_PT: f32 = 12.0;
pub const BODY_TABLE_PT: f32 = 13.0;
pub const CELL_PADDING_MM: f32 = 1.5;
/// Header block sizes (spec §14 table, R12, R13, R15, R17, R19).
pub const AGENCY_PT: f32 = 13.0;
pub const QUOC_HIEU_PT: f32 = 13.0;
pub const TIEU_NGU_PT: f32 = 14.0;
pub const NUMBER_PT: f32 = 13.0;
pub const PLACE_DATE_PT: f32 = 14.0;
/// Appendices default to landscape from this many columns.
pub const LANDSCAPE_FROM_COLUMNS: usize = 5;

/// Margin profile (spec §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// 20/20/30/15 mm: the widest text area, so the quốc hiệu fits at 13 pt (spec §1 [REC]).
    #[default]
    Default,
    /// 25/20/35/20 mm, as in the decree's own Word files (spec §1 [MẪU]).
    Decree,
}

/// Page setup for a profile and orientation (R01, R03). Landscape keeps the
/// same margins on the visual sides (spec §1 [PRACTICE]).
pub fn page(profile: Profile, landscape: bool) -> PageSetup {
    let (top, bottom, left, right) = match profile {
        Profile::Default => (20.0, 20.0, 30.0, 15.0),
        Profile::Decree => (25.0, 20.0, 35.0, 20.0),
    };
    let (w, h) = if landscape {
        (A4_H_MM, A4_W_MM)
    } else {
        (A4_W_MM, A4_H_MM)
    };
    PageSetup {
        width_mm: w,
        height_mm: h,
        landscape,
        margin_top_mm: top,
        margin_bottom_mm: bottom,
        margin_left_mm: left,
        margin_right_mm: right,
        header_distance_mm: HEADER_DISTANCE_MM,
    }
}

/// Page numbers: top centre 14 pt, hidden on the first page (R10); each
/// appendix restarts at 1 (R11) and hides its first number (spec §2 [REC]).
pub fn numbering(restart: bool) -> PageNumbering {
    PageNumbering {
        show: true,
        show_on_first: false,
        restart_at: if restart { Some(1) } else { None },
        size_pt: 14.0,
    }
}

/// What a plan may change in the body style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BodyStyle {
    /// Body size, 13 or 14 pt (R07).
    pub size_pt: f32,
    /// First-line indent, 10 or 12.7 mm (R07).
    pub indent_mm: f32,
}

impl Default for BodyStyle {
    fn default() -> Self {
        BodyStyle {
            size_pt: 14.0,
            indent_mm: 12.7,
        }
    }
}

/// Emphasis of a heading level: (bold, italic). Level 1 "I." bold, 2 "1."
/// bold, 3 "1.1." bold-italic, 4+ "1.1.1." italic (R24, R25, spec §6.3 [PRACTICE]).
pub fn heading_emphasis(level: u8) -> (bool, bool) {
    match level {
        0..=2 => (true, false),
        3 => (true, true),
        _ => (false, true),
    }
}

fn base(size_pt: f32, align: Align) -> ParaFormat {
    ParaFormat {
        line_spacing: LINE_SPACING,
        ..ParaFormat::plain(align, size_pt)
    }
}

/// The resolved format of a paragraph style. Table text sizes come from the
/// table (`table_pt`); everything else from the body style.
pub fn format(style: StyleId, body: BodyStyle, table_pt: f32) -> ParaFormat {
    // R07, R08, R09: justified, first-line indent, 6 pt before, single spacing.
    let body_fmt = ParaFormat {
        first_line_indent_mm: body.indent_mm,
        space_before_pt: PARA_SPACE_PT,
        ..base(body.size_pt, Align::Justify)
    };
    match style {
        StyleId::Body | StyleId::Point | StyleId::ListItem => body_fmt,
        // R22: căn cứ italic, body indent (spec §6.1 [PRACTICE]).
        StyleId::CanCu => ParaFormat {
            italic: true,
            ..body_fmt
        },
        // Headings use the body format (spec §6.3 [REC]) and stay with what follows.
        StyleId::Heading(level) => {
            let (bold, italic) = heading_emphasis(level);
            ParaFormat {
                bold,
                italic,
                keep_with_next: true,
                ..body_fmt
            }
        }
        // R20: "KẾ HOẠCH" 14 bold centred; spacing after the header (spec §4.5).
        StyleId::DocKind => ParaFormat {
            bold: true,
            space_before_pt: 18.0,
            keep_with_next: true,
            ..base(14.0, Align::Center)
        },
        // R21: trích yếu 14 bold centred.
        StyleId::TrichYeu => ParaFormat {
            bold: true,
            keep_with_next: true,
            ..base(14.0, Align::Center)
        },
        StyleId::TableText => base(table_pt, Align::Left),
        StyleId::TableHeader => ParaFormat {
            bold: true,
            ..base(table_pt, Align::Center)
        },
        // R33: "Phụ lục I" 14 bold centred; title 14 bold capitals; reference 14 italic.
        StyleId::AppendixLabel => ParaFormat {
            bold: true,
            keep_with_next: true,
            ..base(14.0, Align::Center)
        },
        StyleId::AppendixTitle => ParaFormat {
            bold: true,
            keep_with_next: true,
            ..base(14.0, Align::Center)
        },
        StyleId::AppendixRef => ParaFormat {
            italic: true,
            keep_with_next: true,
            ..base(14.0, Align::Center)
        },
        StyleId::HeaderText => base(AGENCY_PT, Align::Center),
        // R31: "Nơi nhận:" 12 bold italic, left.
        // The closing block stands one blank line below the body (Mẫu 1.4).
        StyleId::RecipientsLabel => ParaFormat {
            bold: true,
            italic: true,
            space_before_pt: CLOSING_BEFORE_PT,
            ..base(12.0, Align::Left)
        },
        // R32, R35: recipients and drafter mark 11 pt upright.
        StyleId::Recipient => base(11.0, Align::Left),
        // R28, R29: authority lines and name 14 bold centred.
        StyleId::Signature => ParaFormat {
            bold: true,
            ..base(14.0, Align::Center)
        },
    }
}

/// Width of the longest line when `text` is broken greedily at spaces into
/// lines no wider than `max_mm`, mm. Used to size rules under wrapped text.
pub fn longest_line_mm(text: &str, face: Face, size_pt: f32, max_mm: f32) -> f32 {
    let fonts = FontSet::embedded();
    let space = fonts.width_mm(" ", face, size_pt);
    let mut longest: f32 = 0.0;
    let mut line: f32 = 0.0;
    for word in text.split_whitespace() {
        let w = fonts.width_mm(word, face, size_pt);
        if line > 0.0 && line + space + w > max_mm {
            longest = longest.max(line);
            line = w;
        } else if line > 0.0 {
            line += space + w;
        } else {
            line = w;
        }
    }
    longest.max(line).min(max_mm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_profile_gives_a_165_mm_text_area() {
        assert!((page(Profile::Default, false).text_width_mm() - 165.0).abs() < 0.01);
        let l = page(Profile::Decree, true);
        assert_eq!((l.width_mm, l.height_mm), (297.0, 210.0));
        assert_eq!(page(Profile::Default, false), PageSetup::a4_portrait());
        assert!((l.text_width_mm() - 242.0).abs() < 0.01);
    }

    #[test]
    fn body_is_justified_with_an_allowed_indent() {
        let f = format(StyleId::Body, BodyStyle::default(), 12.0);
        assert_eq!(f.align, Align::Justify);
        assert!((f.first_line_indent_mm - 12.7).abs() < 0.01);
        assert!(f.space_before_pt >= 6.0 && (1.0..=1.5).contains(&f.line_spacing));
        assert!(format(StyleId::CanCu, BodyStyle::default(), 12.0).italic);
    }

    #[test]
    fn long_text_wraps_below_the_text_width() {
        let one = longest_line_mm("Kế hoạch", Face::Bold, 14.0, 165.0);
        assert!(one > 10.0 && one < 30.0, "{one}");
        let long = "Nâng cao Chỉ số cải cách hành chính và Chỉ số hài lòng về sự phục vụ của cơ quan hành chính nhà nước năm 2022";
        let w = longest_line_mm(long, Face::Bold, 14.0, 165.0);
        assert!(w <= 165.0 && w > 120.0, "{w}");
    }
}
