//! Section properties and page headers: A4 and margins (R01–R03), the PAGE
//! field top-centre (R10), hidden on each section's first page through
//! `titlePg`, restarting in each appendix (R11), and the optional draft mark.

use super::styles::{plain, Sty, StyleSheet};
use super::xml::{half_points, twips, Xml};
use crate::doc::{Align, Section};

/// What one page-header part shows; equal keys share a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderKey {
    pub page_number: bool,
    pub draft: bool,
    size_hp: i64,
    text_width_tw: i64,
}

/// The distinct header parts of a document, in order of first use.
#[derive(Default)]
pub struct Headers {
    pub parts: Vec<HeaderKey>,
}

impl Headers {
    fn id(&mut self, key: HeaderKey) -> usize {
        if let Some(i) = self.parts.iter().position(|k| *k == key) {
            return i + 1;
        }
        self.parts.push(key);
        self.parts.len()
    }
}

/// Relationship id of header part `n` (1-based).
pub fn header_rel_id(n: usize) -> String {
    format!("rIdHeader{n}")
}

/// The `w:sectPr` of a section; registers the header parts it references.
/// Every section names both of its headers, so none inherits the previous
/// section's (a landscape appendix needs its own tab positions).
pub fn sect_pr(s: &Section, draft: bool, headers: &mut Headers) -> String {
    let p = &s.page;
    let n = &s.numbering;
    let key = |page_number| HeaderKey {
        page_number,
        draft,
        size_hp: half_points(n.size_pt),
        text_width_tw: twips(p.text_width_mm()),
    };
    let title_pg = n.show && !n.show_on_first;
    let default_id = headers.id(key(n.show));
    let first_id = title_pg.then(|| headers.id(key(false)));

    let mut x = Xml::with_capacity(512);
    x.raw("<w:sectPr>");
    for (kind, id) in
        std::iter::once(("default", default_id)).chain(first_id.map(|id| ("first", id)))
    {
        x.raw("<w:headerReference w:type=\"");
        x.raw(kind);
        x.raw("\" r:id=\"");
        x.raw(&header_rel_id(id));
        x.raw("\"/>");
    }
    let attr = |x: &mut Xml, name: &str, v: i64| {
        x.raw(" w:");
        x.raw(name);
        x.raw("=\"");
        x.int(v);
        x.raw("\"");
    };
    x.raw("<w:pgSz");
    attr(&mut x, "w", twips(p.width_mm));
    attr(&mut x, "h", twips(p.height_mm));
    if p.landscape {
        x.raw(" w:orient=\"landscape\"");
    }
    x.raw("/><w:pgMar");
    for (name, mm) in [
        ("top", p.margin_top_mm),
        ("right", p.margin_right_mm),
        ("bottom", p.margin_bottom_mm),
        ("left", p.margin_left_mm),
        ("header", p.header_distance_mm),
        ("footer", p.header_distance_mm),
    ] {
        attr(&mut x, name, twips(mm));
    }
    x.raw(" w:gutter=\"0\"/>");
    x.raw("<w:pgNumType w:fmt=\"decimal\"");
    if let Some(start) = n.restart_at {
        attr(&mut x, "start", i64::from(start));
    }
    x.raw("/><w:cols w:space=\"720\"/>");
    if title_pg {
        x.raw("<w:titlePg/>");
    }
    x.raw("</w:sectPr>");
    x.buf
}

/// One header part: the page number centred; with the draft mark, a centre
/// tab for the number and a right tab for `draft_mark` ("DỰ THẢO").
pub fn header_xml(key: &HeaderKey, draft_mark: &str, ss: &StyleSheet) -> String {
    let mut x = Xml::with_capacity(1024);
    x.raw(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    x.raw("\n");
    x.raw(r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#);
    let style = ss.format(Sty::PageHeader);
    let own = plain(key.size_hp as f32 / 2.0, Align::Center);
    let size_differs = half_points(style.size_pt) != key.size_hp;
    let rpr = |x: &mut Xml, bold: bool| {
        if bold || size_differs {
            x.raw("<w:rPr>");
            if bold {
                x.raw("<w:b/>");
            }
            if size_differs {
                x.val_int("<w:sz", key.size_hp);
                x.val_int("<w:szCs", key.size_hp);
            }
            x.raw("</w:rPr>");
        }
    };
    x.raw("<w:p><w:pPr><w:pStyle w:val=\"");
    x.raw(&Sty::PageHeader.id());
    x.raw("\"/>");
    if key.draft {
        x.raw("<w:tabs><w:tab w:val=\"center\" w:pos=\"");
        x.int(key.text_width_tw / 2);
        x.raw("\"/><w:tab w:val=\"right\" w:pos=\"");
        x.int(key.text_width_tw);
        x.raw("\"/></w:tabs>");
    }
    if key.draft && style.align != Align::Left {
        x.raw("<w:jc w:val=\"left\"/>");
    } else if !key.draft && style.align != own.align {
        x.raw("<w:jc w:val=\"center\"/>");
    }
    x.raw("</w:pPr>");
    if key.draft {
        x.raw("<w:r><w:tab/></w:r>");
    }
    if key.page_number {
        for part in [
            "<w:fldChar w:fldCharType=\"begin\"/>",
            "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>",
            "<w:fldChar w:fldCharType=\"separate\"/>",
            "<w:t>1</w:t>",
            "<w:fldChar w:fldCharType=\"end\"/>",
        ] {
            x.raw("<w:r>");
            rpr(&mut x, false);
            x.raw(part);
            x.raw("</w:r>");
        }
    }
    if key.draft {
        x.raw("<w:r><w:tab/></w:r><w:r>");
        rpr(&mut x, true);
        x.raw("<w:t>");
        x.text(draft_mark);
        x.raw("</w:t></w:r>");
    }
    x.raw("</w:p></w:hdr>");
    x.buf
}
