//! TrueType subsetting that keeps glyph ids: unused glyphs become empty, so
//! the content stream can name glyphs by their ids in the original face.
//!
//! Keeping ids (as Chrome's PDF backend does) means text is encoded in one
//! pass while pages are written, with no renumbering afterwards; the cost is
//! a `loca` and `hmtx` for every glyph of the face (about 20 KB before
//! compression, mostly repeated values). The program keeps exactly the
//! tables a PDF TrueType font program needs (ISO 32000-1 §9.9): `glyf`,
//! `head`, `hhea`, `hmtx`, `loca`, `maxp` and, for hinting, `cvt `, `fpgm`,
//! `prep`.

/// Tables copied into the subset, in the sorted order the directory needs.
const KEEP: [&[u8; 4]; 9] = [
    b"cvt ", b"fpgm", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"prep",
];

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    d.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    d.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// The tables of face 0 (of a collection, its first face) by tag.
fn tables(data: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    let mut base = 0usize;
    if data.get(0..4)? == b"ttcf" {
        base = u32_at(data, 12)? as usize;
    }
    let version = u32_at(data, base)?;
    // TrueType outlines only ('true' is Apple's spelling); CFF has no glyf.
    if version != 0x0001_0000 && version != u32::from_be_bytes(*b"true") {
        return None;
    }
    let n = u16_at(data, base + 4)? as usize;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let rec = base + 12 + 16 * i;
        let tag: [u8; 4] = data.get(rec..rec + 4)?.try_into().ok()?;
        let off = u32_at(data, rec + 8)? as usize;
        let len = u32_at(data, rec + 12)? as usize;
        out.push((tag, data.get(off..off.checked_add(len)?)?));
    }
    Some(out)
}

fn checksum(d: &[u8]) -> u32 {
    let mut sum = 0u32;
    let mut chunks = d.chunks_exact(4);
    for c in &mut chunks {
        sum = sum.wrapping_add(u32::from_be_bytes([c[0], c[1], c[2], c[3]]));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 4];
        last[..rest.len()].copy_from_slice(rest);
        sum = sum.wrapping_add(u32::from_be_bytes(last));
    }
    sum
}

/// Byte range of every glyph in `glyf`, from `loca`.
fn glyph_ranges(loca: &[u8], long: bool, n: usize, glyf_len: usize) -> Option<Vec<(usize, usize)>> {
    let at = |i: usize| -> Option<usize> {
        if long {
            u32_at(loca, 4 * i).map(|v| v as usize)
        } else {
            u16_at(loca, 2 * i).map(|v| v as usize * 2)
        }
    };
    let mut out = Vec::with_capacity(n);
    let mut start = at(0)?;
    for i in 0..n {
        let end = at(i + 1)?;
        if end < start || end > glyf_len {
            return None;
        }
        out.push((start, end));
        start = end;
    }
    Some(out)
}

/// Glyphs a composite glyph is built from.
fn components(glyph: &[u8], out: &mut Vec<u16>) {
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const HAVE_XY_SCALE: u16 = 0x0040;
    const HAVE_2X2: u16 = 0x0080;
    match u16_at(glyph, 0) {
        Some(c) if (c as i16) < 0 => {}
        _ => return,
    }
    let mut at = 10;
    loop {
        let (Some(flags), Some(gid)) = (u16_at(glyph, at), u16_at(glyph, at + 2)) else {
            return;
        };
        out.push(gid);
        at += 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        if flags & HAVE_SCALE != 0 {
            at += 2;
        } else if flags & HAVE_XY_SCALE != 0 {
            at += 4;
        } else if flags & HAVE_2X2 != 0 {
            at += 8;
        }
        if flags & MORE == 0 {
            return;
        }
    }
}

/// A font program holding only the glyphs marked in `used` (indexed by
/// glyph id; .notdef and the parts of composite glyphs are added here), at
/// their original ids. None when the face is not a TrueType-outline face or
/// its tables are damaged; the caller then embeds the whole face.
pub fn subset(data: &[u8], used: &[bool]) -> Option<Vec<u8>> {
    let tables = tables(data)?;
    let get = |tag: &[u8; 4]| tables.iter().find(|(t, _)| t == tag).map(|(_, d)| *d);
    let head = get(b"head")?;
    let maxp = get(b"maxp")?;
    let loca = get(b"loca")?;
    let glyf = get(b"glyf")?;
    let n = u16_at(maxp, 4)? as usize;
    let long = u16_at(head, 50)? != 0;
    let ranges = glyph_ranges(loca, long, n, glyf.len())?;

    let mut keep = vec![false; n];
    let mut todo: Vec<u16> = vec![0];
    todo.extend(
        used.iter()
            .enumerate()
            .filter(|(_, u)| **u)
            .map(|(g, _)| g as u16),
    );
    let mut parts = Vec::new();
    while let Some(g) = todo.pop() {
        let g = g as usize;
        if g >= n || keep[g] {
            continue;
        }
        keep[g] = true;
        let (s, e) = ranges[g];
        parts.clear();
        components(&glyf[s..e], &mut parts);
        todo.extend_from_slice(&parts);
    }

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (n + 1));
    for (g, &(s, e)) in ranges.iter().enumerate() {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if keep[g] {
            new_glyf.extend_from_slice(&glyf[s..e]);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    // Long loca offsets; the checksum adjustment is recomputed below.
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);

    let mut out_tables: Vec<(&[u8; 4], std::borrow::Cow<[u8]>)> = Vec::new();
    for tag in KEEP {
        let body: std::borrow::Cow<[u8]> = match tag {
            b"glyf" => std::mem::take(&mut new_glyf).into(),
            b"loca" => std::mem::take(&mut new_loca).into(),
            b"head" => std::mem::take(&mut new_head).into(),
            _ => match get(tag) {
                Some(d) => d.into(),
                None => continue,
            },
        };
        out_tables.push((tag, body));
    }

    let count = out_tables.len();
    let mut pow = 1usize;
    let mut log = 0u16;
    while pow * 2 <= count {
        pow *= 2;
        log += 1;
    }
    let search_range = (pow * 16) as u16;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&(count as u16).to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&log.to_be_bytes());
    out.extend_from_slice(&((count * 16) as u16 - search_range).to_be_bytes());
    let mut offset = 12 + 16 * count;
    let mut head_at = None;
    for (tag, body) in &out_tables {
        out.extend_from_slice(&tag[..]);
        out.extend_from_slice(&checksum(body).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        if *tag == b"head" {
            head_at = Some(offset);
        }
        offset += (body.len() + 3) & !3;
    }
    for (_, body) in &out_tables {
        out.extend_from_slice(body);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{Face, FontSet};

    #[test]
    fn a_subset_keeps_used_glyphs_at_their_ids_and_parses_back() {
        let set = FontSet::embedded();
        let data = &set.face(Face::Regular).data;
        let face = ttf_parser::Face::parse(data, 0).unwrap();
        let n = face.number_of_glyphs() as usize;
        let mut used = vec![false; n];
        let gids: Vec<u16> = "Độc lập ẩm"
            .chars()
            .map(|c| face.glyph_index(c).unwrap().0)
            .collect();
        for g in &gids {
            used[*g as usize] = true;
        }
        let sub = subset(data, &used).unwrap();
        assert!(
            sub.len() < data.len() / 4,
            "{} of {}",
            sub.len(),
            data.len()
        );
        let back = ttf_parser::Face::parse(&sub, 0).unwrap();
        assert_eq!(back.number_of_glyphs() as usize, n);
        for g in &gids {
            let id = ttf_parser::GlyphId(*g);
            assert_eq!(back.glyph_hor_advance(id), face.glyph_hor_advance(id));
            assert_eq!(back.glyph_bounding_box(id), face.glyph_bounding_box(id));
        }
        // An unused glyph is present but empty.
        let other = face.glyph_index('Z').unwrap();
        assert!(back.glyph_bounding_box(other).is_none());
        assert!(face.glyph_bounding_box(other).is_some());
        // The whole-file checksum is the magic number every sfnt sums to.
        assert_eq!(checksum(&sub), 0xB1B0_AFBA);
    }

    #[test]
    fn damaged_or_non_truetype_data_is_refused() {
        assert!(subset(b"OTTO\0\0\0\0\0\0\0\0", &[]).is_none());
        assert!(subset(&[0, 1, 0, 0, 0, 9], &[]).is_none());
        assert!(subset(&[], &[]).is_none());
    }
}
