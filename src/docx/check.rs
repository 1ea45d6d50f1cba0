//! Model checks before writing: every number the XML needs is finite and in
//! range, so a bad document gives a clear error instead of a file Word refuses.

use super::DocxError;
use crate::doc::{Block, Document, PageSetup, ParaFormat, Paragraph};

fn num(what: &str, v: f32, lo: f32, hi: f32) -> Result<(), DocxError> {
    if v.is_finite() && v >= lo && v <= hi {
        Ok(())
    } else {
        Err(DocxError::new(format!(
            "{what} = {v} nằm ngoài khoảng cho phép {lo}…{hi}"
        )))
    }
}

fn format(f: &ParaFormat) -> Result<(), DocxError> {
    num("cỡ chữ (pt)", f.size_pt, 1.0, 1638.0)?;
    num("thụt dòng đầu (mm)", f.first_line_indent_mm, -500.0, 500.0)?;
    num("lề trái đoạn (mm)", f.left_indent_mm, -500.0, 500.0)?;
    num("lề phải đoạn (mm)", f.right_indent_mm, -500.0, 500.0)?;
    num(
        "khoảng cách trước đoạn (pt)",
        f.space_before_pt,
        0.0,
        1584.0,
    )?;
    num("khoảng cách sau đoạn (pt)", f.space_after_pt, 0.0, 1584.0)?;
    num("giãn dòng (lần)", f.line_spacing, 0.06, 10.0)
}

fn paragraph(p: &Paragraph) -> Result<(), DocxError> {
    format(&p.format)
}

fn page(p: &PageSetup) -> Result<(), DocxError> {
    num("chiều rộng trang (mm)", p.width_mm, 10.0, 558.0)?;
    num("chiều cao trang (mm)", p.height_mm, 10.0, 558.0)?;
    for (what, v) in [
        ("lề trên (mm)", p.margin_top_mm),
        ("lề dưới (mm)", p.margin_bottom_mm),
        ("lề trái (mm)", p.margin_left_mm),
        ("lề phải (mm)", p.margin_right_mm),
        ("khoảng cách đầu trang (mm)", p.header_distance_mm),
    ] {
        num(what, v, 0.0, 200.0)?;
    }
    num("chiều rộng vùng chữ (mm)", p.text_width_mm(), 10.0, 558.0)?;
    num("chiều cao vùng chữ (mm)", p.text_height_mm(), 10.0, 558.0)
}

/// Checks the whole document.
pub fn document(doc: &Document) -> Result<(), DocxError> {
    if doc.sections.is_empty() {
        return Err(DocxError::new("văn bản không có phần (section) nào"));
    }
    for s in &doc.sections {
        page(&s.page)?;
        num("cỡ chữ số trang (pt)", s.numbering.size_pt, 1.0, 1638.0)?;
        for b in &s.blocks {
            match b {
                Block::Paragraph(p) => paragraph(p)?,
                Block::Rule(r) => {
                    num("độ dài đường kẻ (mm)", r.length_mm, 0.0, 600.0)?;
                    num("độ dày đường kẻ (pt)", r.thickness_pt, 0.1, 12.0)?;
                    num(
                        "khoảng cách trên đường kẻ (pt)",
                        r.space_before_pt,
                        0.0,
                        1584.0,
                    )?;
                    num(
                        "khoảng cách dưới đường kẻ (pt)",
                        r.space_after_pt,
                        0.0,
                        1584.0,
                    )?;
                }
                Block::Header(h) => {
                    num("cột trái phần đầu (mm)", h.left_width_mm, 1.0, 600.0)?;
                    num("cột phải phần đầu (mm)", h.right_width_mm, 1.0, 600.0)?;
                    num("thụt lề bảng phần đầu (mm)", h.indent_mm, -100.0, 100.0)?;
                    num(
                        "đường kẻ dưới tên cơ quan (mm)",
                        h.issuer_rule_mm,
                        0.0,
                        600.0,
                    )?;
                    num(
                        "đường kẻ dưới tiêu ngữ (mm)",
                        h.tieu_ngu_rule_mm,
                        0.0,
                        600.0,
                    )?;
                    num("độ dày đường kẻ (pt)", h.rule_thickness_pt, 0.1, 12.0)?;
                    for v in [
                        h.agency_size_pt,
                        h.quoc_hieu_size_pt,
                        h.tieu_ngu_size_pt,
                        h.number_size_pt,
                        h.place_date_size_pt,
                    ] {
                        num("cỡ chữ phần đầu (pt)", v, 1.0, 1638.0)?;
                    }
                }
                Block::Table(t) => {
                    num("lề trong ô bảng (mm)", t.cell_padding_mm, 0.0, 50.0)?;
                    for w in &t.columns_mm {
                        num("độ rộng cột bảng (mm)", *w, 0.5, 600.0)?;
                    }
                    for row in t.header_rows.iter().chain(&t.body_rows) {
                        for cell in &row.cells {
                            for p in &cell.paragraphs {
                                paragraph(p)?;
                            }
                        }
                    }
                }
                Block::Closing(c) => {
                    num("cột nơi nhận (mm)", c.left_width_mm, 1.0, 600.0)?;
                    num("cột chữ ký (mm)", c.right_width_mm, 1.0, 600.0)?;
                    num("khoảng trống chữ ký (mm)", c.signature_gap_mm, 0.0, 200.0)?;
                    for p in c.paragraphs() {
                        paragraph(p)?;
                    }
                    super::closing::check(c)?;
                }
            }
        }
    }
    Ok(())
}
