//! Pages of positioned items → PDF bytes through printpdf (the only module
//! that knows printpdf), finished with lopdf: version header, document info
//! without timestamps, a content-derived file ID, optional PDF/A-2b parts.

use super::frame::{Item, Page};
use super::{PdfError, PdfOptions};
use crate::doc::Meta;
use crate::fonts::{Face, FontSet};
use lopdf::Object;
use printpdf::{
    FontId, Line as PLine, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect as PRect, TextItem, TextMatrix,
};

/// FNV-1a, 64 bit: a tiny stable hash for subset tags and the file ID (not
/// for security; it only has to be deterministic).
struct Fnv(u64);

impl Fnv {
    fn new(seed: u64) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325 ^ seed)
    }
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= x as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Six capital letters for a font subset tag, from the glyphs it holds.
fn subset_tag(h: u64) -> String {
    let mut v = h;
    (0..6)
        .map(|_| {
            let c = (b'A' + (v % 26) as u8) as char;
            v /= 26;
            c
        })
        .collect()
}

/// Renders laid-out pages to PDF bytes.
pub fn write_pages(
    pages: &[Page],
    meta: &Meta,
    fonts: &FontSet,
    opts: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    // Subset tags and the file ID derive from the text each face shows, so
    // the same document always gives the same bytes.
    let mut face_hash: Vec<Fnv> = Face::ALL.iter().map(|f| Fnv::new(*f as u64)).collect();
    let mut used = [false; 4];
    let mut doc_hash = Fnv::new(0x4b48);
    for p in pages {
        doc_hash.bytes(&p.width_pt.to_le_bytes());
        for it in &p.items {
            if let Item::Text(t) = it {
                let fi = t.face as usize;
                used[fi] = true;
                face_hash[fi].bytes(t.text.as_bytes());
                doc_hash.bytes(t.text.as_bytes());
                doc_hash.bytes(&t.x.to_le_bytes());
                doc_hash.bytes(&t.y.to_le_bytes());
            }
        }
    }
    doc_hash.bytes(meta.title.as_bytes());
    doc_hash.bytes(meta.author.as_bytes());

    let mut pdf = PdfDocument::new(&meta.title);
    let info = &mut pdf.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = "kehoach".into();
    info.producer = format!("kehoach {}", env!("CARGO_PKG_VERSION"));

    let mut handles: Vec<Option<PdfFontHandle>> = vec![None; 4];
    for f in Face::ALL {
        let fi = f as usize;
        if !used[fi] {
            continue;
        }
        let face = fonts.face(f);
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&face.data, 0, &mut warnings)
            .ok_or_else(|| PdfError::Font(format!("không nhúng được phông chữ {}", face.name)))?;
        let id = FontId(format!("{}{}", subset_tag(face_hash[fi].0), fi));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        handles[fi] = Some(PdfFontHandle::External(id));
    }

    pdf.pages = pages.iter().map(|p| page_ops(p, &handles)).collect();

    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&save, &mut warnings);
    finish(&mut lo, meta, doc_hash.0, opts)?;
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

/// One page's content stream: text first (one BT … ET), then lines.
fn page_ops(p: &Page, handles: &[Option<PdfFontHandle>]) -> PdfPage {
    let h = p.height_pt;
    let mut ops = Vec::with_capacity(p.items.len() * 3 + 8);
    ops.push(Op::StartTextSection);
    let mut current: Option<(usize, f32)> = None;
    for it in &p.items {
        let Item::Text(t) = it else { continue };
        let fi = t.face as usize;
        let Some(handle) = &handles[fi] else { continue };
        if current != Some((fi, t.size_pt)) {
            ops.push(Op::SetFont {
                font: handle.clone(),
                size: Pt(t.size_pt),
            });
            current = Some((fi, t.size_pt));
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(t.x), Pt(h - t.y)),
        });
        let items = if t.word_spacing > 0.0 {
            // Tw does not apply to two-byte CID codes: widen each space
            // with a TJ adjustment (thousandths of an em, negative = right).
            let kern = -t.word_spacing * 1000.0 / t.size_pt;
            let mut v = Vec::new();
            let mut rest = t.text.as_str();
            while let Some(i) = rest.find(' ') {
                v.push(TextItem::Text(rest[..=i].to_string()));
                v.push(TextItem::Offset(kern));
                rest = &rest[i + 1..];
            }
            if !rest.is_empty() {
                v.push(TextItem::Text(rest.to_string()));
            }
            v
        } else {
            vec![TextItem::Text(t.text.clone())]
        };
        ops.push(Op::ShowText { items });
    }
    ops.push(Op::EndTextSection);

    let mut thickness = -1.0f32;
    let pt = |x: f32, y: f32, bezier: bool| LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(h - y),
        },
        bezier,
    };
    for it in &p.items {
        let w = match it {
            Item::Line(l) => l.thickness_pt,
            Item::Rect(r) => r.thickness_pt,
            Item::Brace(b) => b.thickness_pt,
            Item::Text(_) => continue,
        };
        if w != thickness {
            ops.push(Op::SetOutlineThickness { pt: Pt(w) });
            thickness = w;
        }
        match it {
            Item::Line(l) => ops.push(Op::DrawLine {
                line: PLine {
                    points: vec![pt(l.x1, l.y1, false), pt(l.x2, l.y2, false)],
                    is_closed: false,
                },
            }),
            Item::Rect(r) => ops.push(Op::DrawRectangle {
                rectangle: PRect {
                    x: Pt(r.x),
                    y: Pt(h - r.y - r.height),
                    width: Pt(r.width),
                    height: Pt(r.height),
                    mode: Some(PaintMode::Stroke),
                    winding_order: None,
                },
            }),
            Item::Brace(b) => {
                let (x, w) = (b.x, b.width);
                let hw = w / 2.0;
                let mid = (b.top + b.bottom) / 2.0;
                let r = hw.min((b.bottom - b.top) / 4.0).max(0.0);
                let points = vec![
                    pt(x, b.top, false),
                    pt(x + hw, b.top, true),
                    pt(x + hw, b.top, true),
                    pt(x + hw, b.top + r, false),
                    pt(x + hw, mid - r, false),
                    pt(x + hw, mid, true),
                    pt(x + hw, mid, true),
                    pt(x + w, mid, false),
                    pt(x + hw, mid, true),
                    pt(x + hw, mid, true),
                    pt(x + hw, mid + r, false),
                    pt(x + hw, b.bottom - r, false),
                    pt(x + hw, b.bottom, true),
                    pt(x + hw, b.bottom, true),
                    pt(x, b.bottom, false),
                ];
                ops.push(Op::DrawLine {
                    line: PLine {
                        points,
                        is_closed: false,
                    },
                });
            }
            Item::Text(_) => {}
        }
    }
    let mut page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    let bx = printpdf::Rect::from_wh(Pt(p.width_pt), Pt(h));
    page.media_box = bx.clone();
    page.trim_box = bx.clone();
    page.crop_box = bx;
    page
}

/// Version, info without timestamps, file ID, PDF/A parts.
fn finish(
    lo: &mut lopdf::Document,
    meta: &Meta,
    hash: u64,
    opts: &PdfOptions,
) -> Result<(), PdfError> {
    // R41: at least 1.4; 1.7 is what PDF/A-2 builds on.
    lo.version = "1.7".into();
    let id: Vec<u8> = {
        let mut a = Fnv::new(hash);
        a.bytes(b"kehoach-id");
        let mut v = hash.to_be_bytes().to_vec();
        v.extend_from_slice(&a.0.to_be_bytes());
        v
    };
    let id_obj = Object::String(id, lopdf::StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", Object::Array(vec![id_obj.clone(), id_obj]));
    let info_id = lo
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    let info = lo
        .get_object_mut(info_id)
        .and_then(Object::as_dict_mut)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    // printpdf writes 1970 dates and PDF/X keys; a file that must be
    // byte-identical for the same document carries no dates at all.
    for k in [
        &b"CreationDate"[..],
        b"ModDate",
        b"GTS_PDFXVersion",
        b"Trapped",
        b"Identifier",
        b"Keywords",
    ] {
        info.remove(k);
    }
    if meta.subject.is_empty() {
        info.remove(b"Subject");
    }
    if opts.pdfa {
        super::pdfa::add_pdfa(lo, meta)?;
    }
    Ok(())
}
