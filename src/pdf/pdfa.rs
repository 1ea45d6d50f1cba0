//! PDF/A-2b parts: XMP metadata matching the document info, and an sRGB
//! output intent with an ICC profile built here.

use super::PdfError;
use crate::doc::Meta;
use lopdf::{Dictionary, Object, Stream, StringFormat};

/// Adds the XMP metadata stream and the sRGB output intent to the catalog.
///
/// Checked by tests/suite/pdf.rs with qpdf (structure, output intent) and
/// pdfinfo (XMP `pdfaid` part 2, conformance B); no full PDF/A validator
/// such as veraPDF is available to the project's machines, so the other
/// PDF/A-2b clauses (embedded subset fonts with ToUnicode, no encryption,
/// no transparency, device gray under an output intent) hold by how the
/// writer builds the file rather than by a validator run.
pub fn add_pdfa(lo: &mut lopdf::Document, meta: &Meta) -> Result<(), PdfError> {
    let producer = format!("kehoach {}", env!("CARGO_PKG_VERSION"));
    let xmp = xmp(meta, &producer);
    let mut md = Dictionary::new();
    md.set("Type", Object::Name(b"Metadata".to_vec()));
    md.set("Subtype", Object::Name(b"XML".to_vec()));
    // PDF/A: the metadata stream must stay unfiltered (readable as text).
    let md_id = lo.add_object(Stream::new(md, xmp.into_bytes()).with_compression(false));

    let icc = srgb_icc();
    let mut icc_dict = Dictionary::new();
    icc_dict.set("N", Object::Integer(3));
    let icc_id = lo.add_object(Stream::new(icc_dict, icc));
    let mut oi = Dictionary::new();
    oi.set("Type", Object::Name(b"OutputIntent".to_vec()));
    oi.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
    oi.set(
        "OutputConditionIdentifier",
        Object::String(b"sRGB IEC61966-2.1".to_vec(), StringFormat::Literal),
    );
    oi.set(
        "Info",
        Object::String(b"sRGB IEC61966-2.1".to_vec(), StringFormat::Literal),
    );
    oi.set("DestOutputProfile", Object::Reference(icc_id));

    let root = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    let cat = lo
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    cat.set("Metadata", Object::Reference(md_id));
    cat.set("OutputIntents", Object::Array(vec![Object::Dictionary(oi)]));
    Ok(())
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(c),
        }
    }
    o
}

/// XMP packet whose values equal the document info entries (PDF/A requires
/// them to agree): Title, Author, Subject, Creator, Producer.
fn xmp(meta: &Meta, producer: &str) -> String {
    let subject = if meta.subject.is_empty() {
        String::new()
    } else {
        format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            esc(&meta.subject)
        )
    };
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n\
<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
{subject}<pdf:Producer>{producer}</pdf:Producer>\n\
<xmp:CreatorTool>kehoach</xmp:CreatorTool>\n\
</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>",
        title = esc(&meta.title),
        author = esc(&meta.author),
        producer = esc(producer),
    )
}

fn s15(v: f64) -> [u8; 4] {
    ((v * 65536.0).round() as i32).to_be_bytes()
}

/// A matrix/TRC ICC v2 display profile for sRGB (D50-adapted primaries, the
/// IEC 61966-2.1 tone curve sampled at 1024 points).
pub fn srgb_icc() -> Vec<u8> {
    fn xyz(v: [f64; 3]) -> Vec<u8> {
        let mut b = b"XYZ \0\0\0\0".to_vec();
        for x in v {
            b.extend_from_slice(&s15(x));
        }
        b
    }
    let desc = {
        let text = b"sRGB IEC61966-2.1\0";
        let mut b = b"desc\0\0\0\0".to_vec();
        b.extend_from_slice(&(text.len() as u32).to_be_bytes());
        b.extend_from_slice(text);
        // Unicode (language, count) and ScriptCode (code, count, 67 bytes).
        b.extend_from_slice(&[0; 8]);
        b.extend_from_slice(&[0; 3]);
        b.extend_from_slice(&[0; 67]);
        b
    };
    let cprt = b"text\0\0\0\0No copyright, use freely\0".to_vec();
    let curve = {
        let n = 1024u32;
        let mut b = b"curv\0\0\0\0".to_vec();
        b.extend_from_slice(&n.to_be_bytes());
        for i in 0..n {
            let v = i as f64 / (n - 1) as f64;
            let lin = if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            };
            b.extend_from_slice(&((lin * 65535.0).round() as u16).to_be_bytes());
        }
        b
    };
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", desc),
        (b"cprt", cprt),
        (b"wtpt", xyz([0.9642, 1.0, 0.8249])),
        (b"rXYZ", xyz([0.436_074_7, 0.222_504_5, 0.013_932_2])),
        (b"gXYZ", xyz([0.385_064_9, 0.716_878_6, 0.097_104_5])),
        (b"bXYZ", xyz([0.143_080_4, 0.060_616_9, 0.714_173_3])),
        (b"rTRC", curve),
    ];
    // gTRC and bTRC share the rTRC data.
    let count = tags.len() as u32 + 2;
    let mut offset = 128 + 4 + 12 * count;
    let mut table = Vec::new();
    let mut data = Vec::new();
    let mut trc = (0, 0);
    for (sig, body) in &tags {
        table.extend_from_slice(*sig);
        table.extend_from_slice(&offset.to_be_bytes());
        table.extend_from_slice(&(body.len() as u32).to_be_bytes());
        if *sig == b"rTRC" {
            trc = (offset, body.len() as u32);
        }
        data.extend_from_slice(body);
        while data.len() % 4 != 0 {
            data.push(0);
        }
        offset = 128 + 4 + 12 * count + data.len() as u32;
    }
    for sig in [b"gTRC", b"bTRC"] {
        table.extend_from_slice(sig);
        table.extend_from_slice(&trc.0.to_be_bytes());
        table.extend_from_slice(&trc.1.to_be_bytes());
    }
    let size = 128 + 4 + table.len() + data.len();
    let mut h = Vec::with_capacity(size);
    h.extend_from_slice(&(size as u32).to_be_bytes());
    h.extend_from_slice(&[0; 4]); // CMM
    h.extend_from_slice(&[2, 0x10, 0, 0]); // version 2.1
    h.extend_from_slice(b"mntrRGB XYZ ");
    // Creation date: fixed, so the file stays byte-identical.
    for v in [2024u16, 1, 1, 0, 0, 0] {
        h.extend_from_slice(&v.to_be_bytes());
    }
    h.extend_from_slice(b"acsp");
    h.extend_from_slice(&[0; 24]); // platform, flags, manufacturer, model, attributes
    h.extend_from_slice(&[0; 4]); // rendering intent: perceptual
    for v in [0.9642, 1.0, 0.8249] {
        h.extend_from_slice(&s15(v));
    }
    h.extend_from_slice(&[0; 4]); // creator
    h.resize(128, 0);
    h.extend_from_slice(&count.to_be_bytes());
    h.extend_from_slice(&table);
    h.extend_from_slice(&data);
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icc_profile_is_self_consistent() {
        let p = srgb_icc();
        assert_eq!(
            u32::from_be_bytes(p[0..4].try_into().unwrap()) as usize,
            p.len()
        );
        assert_eq!(&p[36..40], b"acsp");
        assert_eq!(&p[12..24], b"mntrRGB XYZ ");
        let n = u32::from_be_bytes(p[128..132].try_into().unwrap()) as usize;
        assert_eq!(n, 9);
        for i in 0..n {
            let e = 132 + 12 * i;
            let off = u32::from_be_bytes(p[e + 4..e + 8].try_into().unwrap()) as usize;
            let len = u32::from_be_bytes(p[e + 8..e + 12].try_into().unwrap()) as usize;
            assert!(off + len <= p.len() && off % 4 == 0);
        }
    }

    #[test]
    fn xmp_escapes_and_declares_pdfa_2b() {
        let m = Meta {
            title: "Kế hoạch <A & B>".into(),
            author: "UBND".into(),
            ..Default::default()
        };
        let x = xmp(&m, "kehoach");
        assert!(x.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(x.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(x.contains("Kế hoạch &lt;A &amp; B&gt;"));
    }
}
