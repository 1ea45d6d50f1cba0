//! Pages of positioned items → PDF bytes. Content streams are written
//! directly as bytes and deflated at a fast level; fonts are embedded as
//! Type 0 / Identity-H subsets that keep glyph ids (`super::subset`); lopdf
//! assembles and serializes the objects. No timestamps, a content-derived
//! file ID, optional PDF/A-2b parts.

use super::frame::{Brace, Item, Page};
use super::{PdfError, PdfOptions};
use crate::doc::Meta;
use crate::fonts::{Face, FontFace, FontSet};
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

/// A small stable hash over 8-byte words for subset tags and the file ID
/// (not for security; it only has to be deterministic and cheap on
/// megabytes of content).
#[derive(Clone, Copy)]
struct Hash(u64);

impl Hash {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;

    fn new(seed: u64) -> Hash {
        Hash(seed.wrapping_mul(Hash::K) ^ 0xcbf2_9ce4_8422_2325)
    }

    fn word(&mut self, w: u64) {
        self.0 = (self.0 ^ w).wrapping_mul(Hash::K);
        self.0 ^= self.0 >> 29;
    }

    fn bytes(&mut self, b: &[u8]) {
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            self.word(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.word(u64::from_le_bytes(last) ^ ((b.len() as u64) << 56));
    }
}

/// Six capital letters for a font subset tag.
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

/// Appends `v` in decimal.
fn int(out: &mut Vec<u8>, v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut v = v;
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends `v` rounded to 1/1000 (far below a device pixel), without
/// trailing zeros: `12`, `-3.5`, `841.89`.
fn num(out: &mut Vec<u8>, v: f32) {
    let scaled = (f64::from(v) * 1000.0).round();
    let scaled = if scaled.is_finite() { scaled as i64 } else { 0 };
    if scaled < 0 {
        out.push(b'-');
    }
    let a = scaled.unsigned_abs();
    int(out, a / 1000);
    let mut frac = a % 1000;
    if frac != 0 {
        out.push(b'.');
        let mut digits = 3;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let start = out.len();
        out.resize(start + digits, b'0');
        for k in (0..digits).rev() {
            out[start + k] = b'0' + (frac % 10) as u8;
            frac /= 10;
        }
    }
}

/// Appends a two-byte glyph code inside a literal string. Bytes the string
/// syntax gives a meaning to are escaped; a bare CR would read as LF.
fn code(out: &mut Vec<u8>, gid: u16) {
    for b in gid.to_be_bytes() {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
}

/// Glyph use of one face across the document.
struct FaceUse<'a> {
    face: &'a FontFace,
    /// Parsed on first need: glyph lookup beyond the face's direct table,
    /// glyph count, metrics for the font dictionary.
    parsed: Option<ttf_parser::Face<'a>>,
    /// Glyphs of characters outside the direct table, looked up once.
    rare: std::collections::BTreeMap<char, u16>,
    /// Per glyph id: the first character shown with it (0 = unused).
    unicode: Vec<u32>,
    used: bool,
}

impl<'a> FaceUse<'a> {
    fn new(face: &'a FontFace) -> FaceUse<'a> {
        FaceUse {
            face,
            parsed: None,
            rare: std::collections::BTreeMap::new(),
            unicode: Vec::new(),
            used: false,
        }
    }

    fn parsed(&mut self) -> Result<&ttf_parser::Face<'a>, PdfError> {
        if self.parsed.is_none() {
            let face: &'a FontFace = self.face;
            let data: &'a [u8] = face.data.as_slice();
            let f = ttf_parser::Face::parse(data, 0).map_err(|e| {
                PdfError::Font(format!(
                    "không nhúng được phông chữ {} ({e})",
                    self.face.name
                ))
            })?;
            self.unicode = vec![0; f.number_of_glyphs() as usize];
            self.parsed = Some(f);
        }
        self.parsed
            .as_ref()
            .ok_or_else(|| PdfError::Font(self.face.name.clone()))
    }

    /// The glyph for `c` (0, .notdef, when the face has none), recorded as used.
    fn glyph(&mut self, c: char) -> Result<u16, PdfError> {
        if !self.used {
            self.parsed()?;
            self.used = true;
        }
        let gid = match self.face.glyph_id(c) {
            Some(g) => g,
            None if !self.face.in_table(c) => match self.rare.get(&c) {
                Some(g) => *g,
                None => {
                    let g = self.parsed()?.glyph_index(c).map_or(0, |g| g.0);
                    self.rare.insert(c, g);
                    g
                }
            },
            None => 0,
        };
        if gid != 0 {
            if let Some(slot) = self.unicode.get_mut(gid as usize) {
                if *slot == 0 {
                    *slot = c as u32;
                }
            }
        }
        Ok(gid)
    }
}

/// Writes one page's content stream into `out`: text first (one BT … ET),
/// then lines. Coordinates flip from y-down (layout) to y-up (PDF).
fn page_content(p: &Page, faces: &mut [FaceUse], out: &mut Vec<u8>) -> Result<(), PdfError> {
    let h = p.height_pt;
    out.extend_from_slice(b"BT\n");
    let mut current: Option<(usize, f32)> = None;
    for it in &p.items {
        let Item::Text(t) = it else { continue };
        let fi = t.face as usize;
        if current != Some((fi, t.size_pt)) {
            out.extend_from_slice(b"/F");
            int(out, fi as u64);
            out.push(b' ');
            num(out, t.size_pt);
            out.extend_from_slice(b" Tf\n");
            current = Some((fi, t.size_pt));
        }
        out.extend_from_slice(b"1 0 0 1 ");
        num(out, t.x);
        out.push(b' ');
        num(out, h - t.y);
        out.extend_from_slice(b" Tm\n");
        let face = &mut faces[fi];
        if t.word_spacing > 0.0 {
            // Tw does not apply to two-byte CID codes: widen each space
            // with a TJ adjustment (thousandths of an em, negative = right).
            let mut kern = Vec::with_capacity(12);
            num(&mut kern, -t.word_spacing * 1000.0 / t.size_pt);
            out.extend_from_slice(b"[(");
            let mut chars = t.text.chars().peekable();
            while let Some(c) = chars.next() {
                code(out, face.glyph(c)?);
                if c == ' ' && chars.peek().is_some() {
                    out.extend_from_slice(b") ");
                    out.extend_from_slice(&kern);
                    out.extend_from_slice(b" (");
                }
            }
            out.extend_from_slice(b")] TJ\n");
        } else {
            out.push(b'(');
            for c in t.text.chars() {
                code(out, face.glyph(c)?);
            }
            out.extend_from_slice(b") Tj\n");
        }
    }
    out.extend_from_slice(b"ET\n");

    let mut thickness = -1.0f32;
    let pt = |out: &mut Vec<u8>, x: f32, y: f32| {
        num(out, x);
        out.push(b' ');
        num(out, h - y);
        out.push(b' ');
    };
    for it in &p.items {
        let w = match it {
            Item::Line(l) => l.thickness_pt,
            Item::Rect(r) => r.thickness_pt,
            Item::Brace(b) => b.thickness_pt,
            Item::Text(_) => continue,
        };
        if w != thickness {
            num(out, w);
            out.extend_from_slice(b" w\n");
            thickness = w;
        }
        match it {
            Item::Line(l) => {
                pt(out, l.x1, l.y1);
                out.extend_from_slice(b"m ");
                pt(out, l.x2, l.y2);
                out.extend_from_slice(b"l S\n");
            }
            Item::Rect(r) => {
                for v in [r.x, h - r.y - r.height, r.width, r.height] {
                    num(out, v);
                    out.push(b' ');
                }
                out.extend_from_slice(b"re S\n");
            }
            Item::Brace(b) => brace(out, b, &pt),
            Item::Text(_) => {}
        }
    }
    Ok(())
}

/// A right brace: two arms curving into a tip at the middle.
fn brace(out: &mut Vec<u8>, b: &Brace, pt: &dyn Fn(&mut Vec<u8>, f32, f32)) {
    let (x, w) = (b.x, b.width);
    let hw = w / 2.0;
    let mid = (b.top + b.bottom) / 2.0;
    let r = hw.min((b.bottom - b.top) / 4.0).max(0.0);
    let xm = x + hw;
    pt(out, x, b.top);
    out.extend_from_slice(b"m ");
    let curve = |out: &mut Vec<u8>, c1: (f32, f32), c2: (f32, f32), end: (f32, f32)| {
        pt(out, c1.0, c1.1);
        pt(out, c2.0, c2.1);
        pt(out, end.0, end.1);
        out.extend_from_slice(b"c ");
    };
    curve(out, (xm, b.top), (xm, b.top), (xm, b.top + r));
    pt(out, xm, mid - r);
    out.extend_from_slice(b"l ");
    curve(out, (xm, mid), (xm, mid), (x + w, mid));
    curve(out, (xm, mid), (xm, mid), (xm, mid + r));
    pt(out, xm, b.bottom - r);
    out.extend_from_slice(b"l ");
    curve(out, (xm, b.bottom), (xm, b.bottom), (x, b.bottom));
    out.extend_from_slice(b"S\n");
}

/// Deflate at a fast level: content streams are repetitive text operators
/// that compress well even so, and the best level cost a fifth of the
/// whole render.
fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 3 + 64),
        flate2::Compression::fast(),
    );
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

fn flate_stream(mut dict: Dictionary, data: &[u8]) -> Stream {
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    Stream::new(dict, deflate(data)).with_compression(false)
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// Text string for the document info: UTF-16BE with a byte order mark, so
/// Vietnamese titles read back exactly.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

/// The ToUnicode CMap: glyph id → the character it shows, for copying and
/// searching text.
fn to_unicode(unicode: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let pairs: Vec<(usize, char)> = unicode
        .iter()
        .enumerate()
        .filter_map(|(g, &u)| char::from_u32(u).filter(|_| u != 0).map(|c| (g, c)))
        .collect();
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let hex16 = |out: &mut Vec<u8>, v: u16| {
        for s in [12, 8, 4, 0] {
            out.push(HEX[((v >> s) & 0xF) as usize]);
        }
    };
    for block in pairs.chunks(100) {
        int(&mut out, block.len() as u64);
        out.extend_from_slice(b" beginbfchar\n");
        for &(g, c) in block {
            out.push(b'<');
            hex16(&mut out, g as u16);
            out.extend_from_slice(b"> <");
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                hex16(&mut out, *u);
            }
            out.extend_from_slice(b">\n");
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    out.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// Adds one face's Type 0 font with its descendant, descriptor, program
/// and ToUnicode map; returns the Type 0 font's id.
fn add_font(lo: &mut lopdf::Document, u: &mut FaceUse) -> Result<ObjectId, PdfError> {
    let unicode = std::mem::take(&mut u.unicode);
    let name_ps = u.face.name.clone();
    let data = u.face.data.clone();
    let f = u.parsed()?;
    let upm = f32::from(f.units_per_em().max(1));
    let scale = |v: f32| (v * 1000.0 / upm).round() as i64;

    let used: Vec<bool> = unicode.iter().map(|&c| c != 0).collect();
    let mut widths: Vec<Object> = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut run_start = 0usize;
    for (g, &on) in used.iter().enumerate() {
        if !on {
            continue;
        }
        if !run.is_empty() && run_start + run.len() != g {
            widths.push(Object::Integer(run_start as i64));
            widths.push(Object::Array(std::mem::take(&mut run)));
        }
        if run.is_empty() {
            run_start = g;
        }
        let adv = f
            .glyph_hor_advance(ttf_parser::GlyphId(g as u16))
            .unwrap_or(0);
        run.push(Object::Integer(scale(f32::from(adv))));
    }
    if !run.is_empty() {
        widths.push(Object::Integer(run_start as i64));
        widths.push(Object::Array(run));
    }

    let ascent = scale(f32::from(f.ascender()));
    let descent = scale(f32::from(f.descender()));
    let cap = f
        .capital_height()
        .map(|c| scale(f32::from(c)))
        .unwrap_or(ascent);
    let italic = f.italic_angle();
    let bbox = f.global_bounding_box();
    let weight = f32::from(f.weight().to_number());
    let stem_v = if weight == 0.0 {
        80
    } else {
        50 + (weight / 65.0).powi(2).round() as i64
    };
    // Nonsymbolic (Latin character set), plus italic when the face slants.
    let flags = 32 | if italic != 0.0 { 64 } else { 0 };

    let sub = super::subset::subset(&data, &used);
    let mut tag_hash = Hash::new(0x7461_6773);
    for (g, &on) in used.iter().enumerate() {
        if on {
            tag_hash.word(g as u64);
        }
    }
    tag_hash.bytes(name_ps.as_bytes());
    let is_cff = data.starts_with(b"OTTO");
    let (base_font, program_key, program, subtype) = match sub {
        Some(bytes) => (
            format!("{}+{}", subset_tag(tag_hash.0), name_ps),
            "FontFile2",
            flate_stream(
                Dictionary::from_iter(vec![("Length1", Object::Integer(bytes.len() as i64))]),
                &bytes,
            ),
            "CIDFontType2",
        ),
        // A face the subsetter cannot read is embedded whole.
        None if is_cff => {
            let d = Dictionary::from_iter(vec![("Subtype", name("OpenType"))]);
            (
                name_ps.clone(),
                "FontFile3",
                flate_stream(d, &data),
                "CIDFontType0",
            )
        }
        None => (
            name_ps.clone(),
            "FontFile2",
            flate_stream(
                Dictionary::from_iter(vec![("Length1", Object::Integer(data.len() as i64))]),
                &data,
            ),
            "CIDFontType2",
        ),
    };
    let program_id = lo.add_object(program);
    let descriptor = Dictionary::from_iter(vec![
        ("Type", name("FontDescriptor")),
        ("FontName", name(&base_font)),
        ("Flags", Object::Integer(flags)),
        (
            "FontBBox",
            Object::Array(
                [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max]
                    .iter()
                    .map(|v| Object::Integer(scale(f32::from(*v))))
                    .collect(),
            ),
        ),
        ("ItalicAngle", Object::Integer(italic.round() as i64)),
        ("Ascent", Object::Integer(ascent)),
        ("Descent", Object::Integer(descent)),
        ("CapHeight", Object::Integer(cap)),
        ("StemV", Object::Integer(stem_v)),
        (program_key, Object::Reference(program_id)),
    ]);
    let descriptor_id = lo.add_object(descriptor);
    let mut cid_font = Dictionary::from_iter(vec![
        ("Type", name("Font")),
        ("Subtype", name(subtype)),
        ("BaseFont", name(&base_font)),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Registry", Object::string_literal("Adobe")),
                ("Ordering", Object::string_literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor_id)),
        ("W", Object::Array(widths)),
    ]);
    if subtype == "CIDFontType2" {
        cid_font.set("CIDToGIDMap", name("Identity"));
    }
    let cmap_id = lo.add_object(flate_stream(Dictionary::new(), &to_unicode(&unicode)));
    Ok(lo.add_object(Dictionary::from_iter(vec![
        ("Type", name("Font")),
        ("Subtype", name("Type0")),
        ("BaseFont", name(&base_font)),
        ("Encoding", name("Identity-H")),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(cid_font)]),
        ),
        ("ToUnicode", Object::Reference(cmap_id)),
    ])))
}

/// Renders laid-out pages to PDF bytes.
pub fn write_pages(
    pages: &[Page],
    meta: &Meta,
    fonts: &FontSet,
    opts: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let mut lo = lopdf::Document::with_version("1.7");
    lo.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let pages_id = lo.new_object_id();
    let resources_id = lo.new_object_id();
    let mut faces: Vec<FaceUse> = Face::ALL
        .iter()
        .map(|f| FaceUse::new(fonts.face(*f)))
        .collect();
    // The file ID derives from the compressed content, page sizes and the
    // metadata, so the same document always gives the same bytes.
    let mut doc_hash = Hash::new(0x4b48);
    let mut kids = Vec::with_capacity(pages.len());
    let mut buf = Vec::with_capacity(64 * 1024);
    for p in pages {
        buf.clear();
        page_content(p, &mut faces, &mut buf)?;
        let content = flate_stream(Dictionary::new(), &buf);
        doc_hash.bytes(&content.content);
        doc_hash.word(u64::from(p.width_pt.to_bits()) << 32 | u64::from(p.height_pt.to_bits()));
        let content_id = lo.add_object(content);
        let bx = Object::Array(vec![
            Object::Integer(0),
            Object::Integer(0),
            Object::Real(p.width_pt),
            Object::Real(p.height_pt),
        ]);
        kids.push(lo.add_object(Dictionary::from_iter(vec![
            ("Type", name("Page")),
            ("Parent", Object::Reference(pages_id)),
            ("MediaBox", bx.clone()),
            ("CropBox", bx.clone()),
            ("TrimBox", bx),
            ("Resources", Object::Reference(resources_id)),
            ("Contents", Object::Reference(content_id)),
        ])));
    }
    drop(buf);

    let mut font_dict = Dictionary::new();
    for (fi, u) in faces.iter_mut().enumerate() {
        if u.used {
            let id = add_font(&mut lo, u)?;
            font_dict.set(format!("F{fi}"), Object::Reference(id));
        }
    }
    lo.objects.insert(
        resources_id,
        Object::Dictionary(Dictionary::from_iter(vec![(
            "Font",
            Object::Dictionary(font_dict),
        )])),
    );
    let count = kids.len() as i64;
    lo.objects.insert(
        pages_id,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", name("Pages")),
            ("Count", Object::Integer(count)),
            (
                "Kids",
                Object::Array(kids.into_iter().map(Object::Reference).collect()),
            ),
        ])),
    );
    let catalog_id = lo.add_object(Dictionary::from_iter(vec![
        ("Type", name("Catalog")),
        ("Pages", Object::Reference(pages_id)),
    ]));
    let mut info = Dictionary::from_iter(vec![
        ("Title", text_string(&meta.title)),
        ("Author", text_string(&meta.author)),
    ]);
    if !meta.subject.is_empty() {
        info.set("Subject", text_string(&meta.subject));
    }
    info.set("Creator", text_string("kehoach"));
    info.set(
        "Producer",
        text_string(&format!("kehoach {}", env!("CARGO_PKG_VERSION"))),
    );
    let info_id = lo.add_object(info);
    lo.trailer.set("Root", Object::Reference(catalog_id));
    lo.trailer.set("Info", Object::Reference(info_id));

    doc_hash.bytes(meta.title.as_bytes());
    doc_hash.bytes(meta.author.as_bytes());
    doc_hash.bytes(meta.subject.as_bytes());
    let hash = doc_hash.0;
    let mut second = Hash::new(hash);
    second.bytes(b"kehoach-id");
    let mut id = hash.to_be_bytes().to_vec();
    id.extend_from_slice(&second.0.to_be_bytes());
    let id_obj = Object::String(id, StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", Object::Array(vec![id_obj.clone(), id_obj]));
    if opts.pdfa {
        super::pdfa::add_pdfa(&mut lo, meta)?;
    }
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: f32) -> String {
        let mut o = Vec::new();
        num(&mut o, v);
        String::from_utf8(o).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_thousandth() {
        assert_eq!(n(0.0), "0");
        assert_eq!(n(-0.0001), "0");
        assert_eq!(n(14.0), "14");
        assert_eq!(n(841.89), "841.89");
        assert_eq!(n(-3.5), "-3.5");
        assert_eq!(n(0.05), "0.05");
        assert_eq!(n(1234567.0), "1234567");
        assert_eq!(n(f32::NAN), "0");
    }

    #[test]
    fn glyph_codes_escape_string_syntax() {
        let mut o = Vec::new();
        code(&mut o, 0x2829);
        code(&mut o, 0x5C0D);
        code(&mut o, 0x0041);
        assert_eq!(o, b"\\(\\)\\\\\\r\x00A");
    }

    #[test]
    fn to_unicode_maps_each_used_glyph_once() {
        let mut u = vec![0u32; 300];
        u[3] = ' ' as u32;
        u[260] = 'Đ' as u32;
        let s = String::from_utf8(to_unicode(&u)).unwrap();
        assert!(s.contains("2 beginbfchar\n<0003> <0020>\n<0104> <0110>\nendbfchar"));
    }
}
