//! Pagination: places laid-out blocks on pages, with keep-with-next,
//! widow/orphan control, page numbers and the draft mark.

use super::lines::ParaLines;
use crate::doc::{PageNumbering, PageSetup};
use crate::fonts::{Face, FontSet};
use crate::pdf::frame::{mm, Item, Page, Rect, Role, Text};

/// Tolerance for "fits": layout arithmetic in f32 must not push a line that
/// exactly fills a page onto the next one.
pub const EPS: f32 = 0.01;

/// A block laid out at a fixed size (header block, closing block): items
/// relative to the content area's left edge and the box's top.
#[derive(Debug, Clone, Default)]
pub struct Boxed {
    pub items: Vec<Item>,
    pub height: f32,
}

/// The page area of the current section, in points from the top-left corner.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Area {
    pub fn of(setup: &PageSetup) -> Area {
        let width = mm(setup.width_mm);
        let height = mm(setup.height_mm);
        Area {
            width,
            height,
            left: mm(setup.margin_left_mm),
            right: width - mm(setup.margin_right_mm),
            top: mm(setup.margin_top_mm),
            bottom: height - mm(setup.margin_bottom_mm),
        }
    }

    pub fn text_width(&self) -> f32 {
        self.right - self.left
    }

    pub fn text_height(&self) -> f32 {
        self.bottom - self.top
    }
}

/// Page decoration settings of the section being laid out.
struct Decor<'a> {
    numbering: PageNumbering,
    header_distance: f32,
    /// Number of the next page in this section.
    next_number: u32,
    first_in_section: bool,
    /// The draft mark's text, when the document is a draft.
    draft: Option<&'a str>,
}

/// The paginator: pages so far and the cursor on the last one.
pub struct Flow<'a> {
    pub fonts: &'a FontSet,
    pub pages: Vec<Page>,
    pub area: Area,
    /// Cursor: top of the next thing to place.
    pub y: f32,
    /// Nothing placed yet on the current page (below decorations): a block
    /// that does not fit must be placed here anyway, or layout never ends.
    pub at_top: bool,
    section: usize,
    decor: Decor<'a>,
}

impl<'a> Flow<'a> {
    pub fn new(fonts: &'a FontSet, draft: Option<&'a str>) -> Flow<'a> {
        Flow {
            fonts,
            pages: Vec::new(),
            // Until the first section sets its own page.
            area: Area::of(&crate::doc::PageSetup::a4_portrait()),
            y: 0.0,
            at_top: true,
            section: 0,
            decor: Decor {
                numbering: PageNumbering {
                    show: false,
                    show_on_first: false,
                    restart_at: None,
                    size_pt: 14.0,
                },
                header_distance: 0.0,
                next_number: 1,
                first_in_section: true,
                draft,
            },
        }
    }

    /// Starts a section: a new page with its setup; numbering restarts when
    /// the section says so, else continues.
    pub fn begin_section(&mut self, index: usize, setup: &PageSetup, numbering: PageNumbering) {
        self.section = index;
        self.area = Area::of(setup);
        self.decor.numbering = numbering;
        self.decor.header_distance = mm(setup.header_distance_mm);
        if let Some(n) = numbering.restart_at {
            self.decor.next_number = n;
        }
        self.decor.first_in_section = true;
        self.new_page();
    }

    /// Remaining height on the current page.
    pub fn remaining(&self) -> f32 {
        self.area.bottom - self.y
    }

    /// Ends the current page and starts the next one of the same section.
    pub fn new_page(&mut self) {
        let number = self.decor.next_number;
        self.decor.next_number += 1;
        let shown = self.decor.numbering.show
            && (!self.decor.first_in_section || self.decor.numbering.show_on_first);
        self.decor.first_in_section = false;
        let mut page = Page {
            width_pt: self.area.width,
            height_pt: self.area.height,
            section: self.section,
            number: shown.then_some(number),
            items: Vec::new(),
        };
        let size = self.decor.numbering.size_pt;
        let regular = self.fonts.face(Face::Regular);
        let baseline = self.decor.header_distance + regular.ascent_pt(size);
        if shown {
            let text = number.to_string();
            let width = regular.width_pt(&text, size);
            page.items.push(Item::Text(Text {
                x: self.area.left + (self.area.text_width() - width) / 2.0,
                y: baseline,
                face: Face::Regular,
                size_pt: size,
                text,
                word_spacing: 0.0,
                width,
                role: Role::PageNumber,
            }));
        }
        if let Some(mark) = self.decor.draft {
            // Not an ND30 element (spec §9.5): a small framed mark at the
            // right of the top margin, clear of the centred page number.
            let text = mark.to_string();
            let size = 12.0;
            let bold = self.fonts.face(Face::Bold);
            let width = bold.width_pt(&text, size);
            let x = self.area.right - width - 3.0;
            page.items.push(Item::Text(Text {
                x,
                y: baseline,
                face: Face::Bold,
                size_pt: size,
                text,
                word_spacing: 0.0,
                width,
                role: Role::DraftMark,
            }));
            let asc = bold.ascent_pt(size);
            page.items.push(Item::Rect(Rect {
                x: x - 3.0,
                y: baseline - asc - 1.5,
                width: width + 6.0,
                height: asc + bold.descent_pt(size) + 3.0,
                thickness_pt: 0.75,
            }));
        }
        self.pages.push(page);
        self.y = self.area.top;
        self.at_top = true;
    }

    /// Items of the current page.
    pub fn items(&mut self) -> &mut Vec<Item> {
        &mut self
            .pages
            .last_mut()
            .expect("a section starts with a page")
            .items
    }

    /// Places a fixed box at the cursor, on a new page if it does not fit.
    pub fn place_box(&mut self, b: &Boxed, x0: f32) {
        if b.height > self.remaining() + EPS && !self.at_top {
            self.new_page();
        }
        let y0 = self.y;
        let items = self.items();
        items.reserve(b.items.len());
        for it in &b.items {
            items.push(translate(it, x0, y0));
        }
        self.y += b.height;
        self.at_top = false;
    }

    /// Places a paragraph's lines starting at `x0`, splitting it across
    /// pages with widow/orphan control. `tail` is the height that must
    /// follow the last line on the same page (the next block's first lines
    /// for keep-with-next, the closing block).
    pub fn place_paragraph(&mut self, p: &ParaLines, x0: f32, tail: f32) {
        let n = p.lines.len();
        let lh = p.line_height;
        let mut i = 0;
        let mut first_chunk = true;
        loop {
            // Space before is dropped at the top of a page, as Word and
            // LibreOffice do with our DOCX: a page starts with text.
            let sb = if first_chunk && !self.at_top {
                p.space_before
            } else {
                0.0
            };
            let avail = self.remaining() - sb;
            let rest = n - i;
            let need_after = if tail > 0.0 {
                p.space_after + tail
            } else {
                0.0
            };
            if rest as f32 * lh + need_after <= avail + EPS {
                self.y += sb;
                self.put_lines(p, i..n, x0);
                self.y += p.space_after;
                return;
            }
            let whole = rest as f32 * lh + need_after <= self.area.text_height() + EPS;
            if tail > 0.0 && first_chunk && !self.at_top && whole {
                // A paragraph kept with what follows moves on whole when the
                // two do not fit here but fit on a page, as LibreOffice does
                // with our DOCX.
                self.new_page();
                continue;
            }
            let fit = ((avail + EPS) / lh).floor().max(0.0) as usize;
            let fit = fit.min(rest);
            let mut k = fit;
            if k >= rest {
                // Every line fits but what must follow does not, on a page
                // of its own: carry the last two lines over with it.
                k = rest.saturating_sub(2);
            }
            if p.keep_lines {
                k = 0;
            }
            if rest - k == 1 {
                k = k.saturating_sub(1);
            }
            if k == 1 && rest > 1 {
                k = 0;
            }
            if k == 0 {
                if !self.at_top {
                    self.new_page();
                    continue;
                }
                // A fresh page cannot hold what was asked: place what fits.
                if fit >= rest {
                    self.y += sb;
                    self.put_lines(p, i..n, x0);
                    self.y += p.space_after;
                    return;
                }
                k = fit.max(1);
            }
            self.y += sb;
            self.put_lines(p, i..i + k, x0);
            i += k;
            first_chunk = false;
            self.new_page();
        }
    }

    fn put_lines(&mut self, p: &ParaLines, lines: std::ops::Range<usize>, x0: f32) {
        let lh = p.line_height;
        let mut y = self.y;
        let count = lines.len();
        let page = self.pages.last_mut().expect("a section starts with a page");
        for l in lines {
            for t in &p.items[p.lines[l].clone()] {
                let mut t = t.clone();
                t.x += x0;
                t.y += y;
                page.items.push(Item::Text(t));
            }
            y += lh;
        }
        self.y += count as f32 * lh;
        self.at_top = false;
    }
}

/// Moves an item by (dx, dy).
pub fn translate(it: &Item, dx: f32, dy: f32) -> Item {
    match it {
        Item::Text(t) => {
            let mut t = t.clone();
            t.x += dx;
            t.y += dy;
            Item::Text(t)
        }
        Item::Line(l) => {
            let mut l = *l;
            l.x1 += dx;
            l.x2 += dx;
            l.y1 += dy;
            l.y2 += dy;
            Item::Line(l)
        }
        Item::Rect(r) => {
            let mut r = *r;
            r.x += dx;
            r.y += dy;
            Item::Rect(r)
        }
        Item::Brace(b) => {
            let mut b = *b;
            b.x += dx;
            b.top += dy;
            b.bottom += dy;
            Item::Brace(b)
        }
    }
}

/// Appends the lines of `p` to `out` as a box-relative column starting at
/// (x0, y); returns the y below the paragraph (space after included).
pub fn stack_paragraph(out: &mut Vec<Item>, p: &ParaLines, x0: f32, y: f32) -> f32 {
    let mut y = y + p.space_before;
    for r in &p.lines {
        for t in &p.items[r.clone()] {
            let mut t = t.clone();
            t.x += x0;
            t.y += y;
            out.push(Item::Text(t));
        }
        y += p.line_height;
    }
    y + p.space_after
}
