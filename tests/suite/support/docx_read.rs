//! Reads a written DOCX back: unzips it, parses parts with roxmltree and
//! resolves paragraph and run properties through their styles, the way Word
//! does (direct formatting, then the paragraph style, then document defaults).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Read;

use roxmltree::{Document, Node};

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Every part of the package, by name.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut parts = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("entry");
        let mut s = String::new();
        f.read_to_string(&mut s).expect("UTF-8 part");
        parts.insert(f.name().to_string(), s);
    }
    parts
}

pub fn parse(s: &str) -> Document<'_> {
    Document::parse(s).expect("well-formed XML")
}

pub fn is(n: Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

pub fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(*c, name))
}

pub fn children<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(move |c| is(*c, name))
}

pub fn descendants<'a, 'i>(
    n: Node<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    n.descendants().filter(move |c| is(*c, name))
}

/// A `w:`-namespaced attribute.
pub fn wattr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

pub fn wint(n: Node, name: &str) -> i64 {
    wattr(n, name)
        .unwrap_or_else(|| panic!("attribute w:{name} on {:?}", n.tag_name()))
        .parse()
        .expect("integer attribute")
}

/// The text of a paragraph (or any element): all `w:t`, tabs as '\t'.
pub fn text(n: Node) -> String {
    let mut s = String::new();
    for d in n.descendants() {
        if is(d, "t") {
            s.push_str(d.text().unwrap_or(""));
        } else if is(d, "tab") && d.parent().is_some_and(|p| is(p, "r")) {
            s.push('\t');
        }
    }
    s
}

/// An on/off property's value (`<w:b/>` is on, `w:val="0"` off).
fn on(n: Node) -> bool {
    !matches!(wattr(n, "val"), Some("0") | Some("false") | Some("off"))
}

/// Styles and defaults for resolving properties.
pub struct Styles<'a, 'i> {
    by_id: BTreeMap<String, Node<'a, 'i>>,
    default_sz: i64,
}

impl<'a, 'i> Styles<'a, 'i> {
    pub fn new(styles: &'a Document<'i>) -> Styles<'a, 'i> {
        let root = styles.root_element();
        let by_id = children(root, "style")
            .map(|s| (wattr(s, "styleId").unwrap().to_string(), s))
            .collect();
        let default_sz = descendants(root, "rPrDefault")
            .flat_map(|d| descendants(d, "sz"))
            .map(|s| wint(s, "val"))
            .next()
            .unwrap_or(20);
        Styles { by_id, default_sz }
    }

    pub fn get(&self, id: &str) -> Option<Node<'a, 'i>> {
        self.by_id.get(id).copied()
    }

    pub fn name_of(&self, id: &str) -> Option<String> {
        self.get(id)
            .and_then(|s| child(s, "name"))
            .and_then(|n| wattr(n, "val"))
            .map(str::to_string)
    }

    fn style_of(&self, p: Node) -> Option<Node<'a, 'i>> {
        let id = child(p, "pPr")
            .and_then(|ppr| child(ppr, "pStyle"))
            .and_then(|s| wattr(s, "val"))?;
        self.get(id)
    }

    /// An attribute of a paragraph property element: direct, else from the
    /// style. `attr` of `None` asks for the on/off value.
    fn ppr_value(&self, p: Node, name: &str, attr: Option<&str>) -> Option<String> {
        let get = |n: Node| match attr {
            Some(a) => wattr(n, a).map(str::to_string),
            None => Some(on(n).to_string()),
        };
        if let Some(n) = child(p, "pPr").and_then(|ppr| child(ppr, name)) {
            return get(n);
        }
        self.style_of(p)
            .and_then(|s| child(s, "pPr"))
            .and_then(|ppr| child(ppr, name))
            .and_then(get)
    }

    /// A run property (attribute `w:val`, or "true" for a bare element):
    /// direct, else from the paragraph's style.
    fn rpr_value(&self, p: Node, r: Node, name: &str) -> Option<String> {
        let get = |n: Node| {
            Some(match wattr(n, "val") {
                Some(v) => v.to_string(),
                None => "true".to_string(),
            })
        };
        if let Some(n) = child(r, "rPr").and_then(|rpr| child(rpr, name)) {
            return get(n);
        }
        self.style_of(p)
            .and_then(|s| child(s, "rPr"))
            .and_then(|rpr| child(rpr, name))
            .and_then(get)
    }

    fn rpr_on(&self, p: Node, r: Node, name: &str) -> bool {
        self.rpr_value(p, r, name)
            .is_some_and(|v| !matches!(v.as_str(), "0" | "false" | "off"))
    }

    pub fn run_bold(&self, p: Node, r: Node) -> bool {
        self.rpr_on(p, r, "b")
    }

    pub fn run_italic(&self, p: Node, r: Node) -> bool {
        self.rpr_on(p, r, "i")
    }

    pub fn run_size_pt(&self, p: Node, r: Node) -> f32 {
        self.rpr_value(p, r, "sz")
            .map(|v| v.parse::<i64>().unwrap())
            .unwrap_or(self.default_sz) as f32
            / 2.0
    }

    pub fn run_underlined(&self, p: Node, r: Node) -> bool {
        self.rpr_value(p, r, "u").is_some_and(|v| v != "none")
    }

    /// Text runs of a paragraph (runs with a `w:t`).
    pub fn text_runs<'b>(&self, p: Node<'b, 'b>) -> Vec<Node<'b, 'b>> {
        children(p, "r")
            .filter(|r| child(*r, "t").is_some())
            .collect()
    }

    /// True when every text run is bold.
    pub fn all_bold<'b>(&self, p: Node<'b, 'b>) -> bool {
        let runs = self.text_runs(p);
        !runs.is_empty() && runs.iter().all(|r| self.run_bold(p, *r))
    }

    pub fn any_bold<'b>(&self, p: Node<'b, 'b>) -> bool {
        self.text_runs(p).iter().any(|r| self.run_bold(p, *r))
    }

    pub fn all_italic<'b>(&self, p: Node<'b, 'b>) -> bool {
        let runs = self.text_runs(p);
        !runs.is_empty() && runs.iter().all(|r| self.run_italic(p, *r))
    }

    pub fn any_italic<'b>(&self, p: Node<'b, 'b>) -> bool {
        self.text_runs(p).iter().any(|r| self.run_italic(p, *r))
    }

    /// The size of the paragraph's text; panics when runs differ.
    pub fn size_pt<'b>(&self, p: Node<'b, 'b>) -> f32 {
        let sizes: Vec<f32> = self
            .text_runs(p)
            .iter()
            .map(|r| self.run_size_pt(p, *r))
            .collect();
        assert!(!sizes.is_empty(), "paragraph {:?} has no text", text(p));
        assert!(
            sizes.iter().all(|s| *s == sizes[0]),
            "mixed sizes in {:?}",
            text(p)
        );
        sizes[0]
    }

    pub fn jc(&self, p: Node) -> String {
        self.ppr_value(p, "jc", Some("val"))
            .unwrap_or_else(|| "left".to_string())
    }

    /// An attribute of `w:ind` / `w:spacing` (0 when absent).
    pub fn ppr_int(&self, p: Node, elem: &str, attr: &str) -> i64 {
        self.ppr_value(p, elem, Some(attr))
            .map(|v| v.parse().unwrap())
            .unwrap_or(0)
    }

    pub fn ppr_on(&self, p: Node, elem: &str) -> bool {
        self.ppr_value(p, elem, None).as_deref() == Some("true")
    }
}

/// Millimetres from twips.
pub fn mm(twips: i64) -> f32 {
    twips as f32 * 25.4 / 1440.0
}

/// Top-level blocks of the body (paragraphs and tables), in order.
pub fn body_blocks<'a, 'i>(doc: &'a Document<'i>) -> Vec<Node<'a, 'i>> {
    let body = child(doc.root_element(), "body").expect("w:body");
    body.children()
        .filter(|c| is(*c, "p") || is(*c, "tbl"))
        .collect()
}

/// Rows of a table (not of tables nested in it).
pub fn rows<'a, 'i>(tbl: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    children(tbl, "tr").collect()
}

pub fn cells<'a, 'i>(tr: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    children(tr, "tc").collect()
}

/// Paragraphs directly in a cell.
pub fn cell_paras<'a, 'i>(tc: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    children(tc, "p").collect()
}

/// The bottom border of a paragraph, if it draws a rule.
pub fn bottom_border<'a, 'i>(p: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    child(p, "pPr")
        .and_then(|ppr| child(ppr, "pBdr"))
        .and_then(|b| child(b, "bottom"))
}

/// Length of a rule paragraph drawn in a container `width_mm` wide.
pub fn rule_length_mm(p: Node, width_mm: f32) -> f32 {
    let ind = child(child(p, "pPr").unwrap(), "ind").expect("rule indents");
    width_mm - mm(wint(ind, "left")) - mm(wint(ind, "right"))
}

/// The `w:val` of each border of a table's own `w:tblBorders`.
pub fn border_vals<'a>(tbl: Node<'a, '_>) -> Vec<Option<&'a str>> {
    let pr = child(tbl, "tblPr").expect("w:tblPr");
    descendants(pr, "tblBorders")
        .next()
        .expect("w:tblBorders")
        .children()
        .filter(|n| n.is_element())
        .map(|b| wattr(b, "val"))
        .collect()
}

/// The header part a section's `w:sectPr` references for `kind`
/// ("default" / "first"), through the document relationships.
pub fn header_part(parts: &BTreeMap<String, String>, sect: Node, kind: &str) -> Option<String> {
    let id = children(sect, "headerReference")
        .find(|h| wattr(*h, "type") == Some(kind))?
        .attribute((
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            "id",
        ))?
        .to_string();
    let rels = parse(&parts["word/_rels/document.xml.rels"]);
    let target = rels
        .root_element()
        .children()
        .find(|r| r.attribute("Id") == Some(id.as_str()))?
        .attribute("Target")?
        .to_string();
    Some(parts[&format!("word/{target}")].clone())
}
