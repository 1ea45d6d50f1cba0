//! A realistic kế hoạch built directly as a document model, for PDF tests:
//! header block, KẾ HOẠCH + trích yếu + rule, căn cứ, headings, points,
//! lists, the closing block with a brace group, and appendices (one
//! landscape) with multi-level header rows, spans, group rows, vertical
//! merges crossing page breaks, a total row and many rows.
#![allow(dead_code)]

use kehoach::doc::*;

pub fn fmt(align: Align, size: f32, bold: bool, italic: bool, indent_mm: f32) -> ParaFormat {
    ParaFormat {
        align,
        size_pt: size,
        bold,
        italic,
        first_line_indent_mm: indent_mm,
        left_indent_mm: 0.0,
        right_indent_mm: 0.0,
        space_before_pt: 6.0,
        space_after_pt: 0.0,
        line_spacing: 1.0,
        keep_with_next: false,
        keep_lines: false,
    }
}

pub fn para(style: StyleId, format: ParaFormat, text: &str) -> Paragraph {
    Paragraph {
        style,
        format,
        runs: vec![Run {
            text: text.into(),
            ..Default::default()
        }],
    }
}

pub fn body(text: &str) -> Block {
    Block::Paragraph(para(
        StyleId::Body,
        fmt(Align::Justify, 14.0, false, false, 12.7),
        text,
    ))
}

pub fn heading(level: u8, text: &str) -> Block {
    let mut f = fmt(Align::Justify, 14.0, true, level >= 3, 12.7);
    f.keep_with_next = true;
    Block::Paragraph(para(StyleId::Heading(level), f, text))
}

pub fn centred(style: StyleId, size: f32, bold: bool, italic: bool, text: &str) -> Block {
    let mut f = fmt(Align::Center, size, bold, italic, 0.0);
    f.space_before_pt = 0.0;
    f.keep_with_next = true;
    Block::Paragraph(para(style, f, text))
}

pub fn portrait() -> PageSetup {
    PageSetup {
        width_mm: 210.0,
        height_mm: 297.0,
        landscape: false,
        margin_top_mm: 20.0,
        margin_bottom_mm: 20.0,
        margin_left_mm: 30.0,
        margin_right_mm: 15.0,
        header_distance_mm: 10.0,
    }
}

pub fn landscape() -> PageSetup {
    PageSetup {
        width_mm: 297.0,
        height_mm: 210.0,
        landscape: true,
        margin_top_mm: 30.0,
        margin_bottom_mm: 15.0,
        margin_left_mm: 20.0,
        margin_right_mm: 20.0,
        header_distance_mm: 10.0,
    }
}

pub fn numbering(restart: Option<u32>) -> PageNumbering {
    PageNumbering {
        show: true,
        show_on_first: false,
        restart_at: restart,
        size_pt: 14.0,
    }
}

pub fn header() -> Header {
    Header {
        left_width_mm: 70.0,
        right_width_mm: 100.0,
        indent_mm: -5.0,
        parent_lines: vec![],
        issuer_lines: vec!["ỦY BAN NHÂN DÂN".into(), "TỈNH VĨNH PHÚC".into()],
        issuer_rule_mm: 16.0,
        quoc_hieu: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        tieu_ngu: "Độc lập - Tự do - Hạnh phúc".into(),
        tieu_ngu_rule_mm: 60.5,
        number_line: "Số: 152/KH-UBND".into(),
        place_date: "Vĩnh Phúc, ngày 13 tháng 6 năm 2024".into(),
        agency_size_pt: 13.0,
        quoc_hieu_size_pt: 13.0,
        tieu_ngu_size_pt: 14.0,
        number_size_pt: 13.0,
        place_date_size_pt: 14.0,
        rule_thickness_pt: 0.5,
    }
}

pub fn rule(length_mm: f32) -> Block {
    Block::Rule(Rule {
        length_mm,
        thickness_pt: 0.5,
        space_before_pt: 4.0,
        space_after_pt: 6.0,
    })
}

fn small(style: StyleId, size: f32, bold: bool, italic: bool, text: &str) -> Paragraph {
    let mut f = fmt(Align::Left, size, bold, italic, 0.0);
    f.space_before_pt = 0.0;
    para(style, f, text)
}

pub fn closing() -> Closing {
    let recipients = [
        "- Bộ Nội vụ;",
        "- TT Tỉnh ủy;",
        "- TT HĐND tỉnh;",
        "- CT, các PCT UBND tỉnh;",
        "- Các sở, ban, ngành tỉnh;",
        "- UBND các huyện, thành phố;",
        "- Lưu: VT, NCTH.",
    ];
    let sig = |t: &str| {
        let mut f = fmt(Align::Center, 14.0, true, false, 0.0);
        f.space_before_pt = 0.0;
        para(StyleId::Signature, f, t)
    };
    Closing {
        left_width_mm: 70.0,
        right_width_mm: 95.0,
        label: {
            let mut p = small(StyleId::RecipientsLabel, 12.0, true, true, "Nơi nhận:");
            p.format.space_before_pt = 12.0;
            p
        },
        recipients: recipients
            .iter()
            .map(|r| small(StyleId::Recipient, 11.0, false, false, r))
            .collect(),
        braces: vec![Brace {
            first: 1,
            last: 2,
            note: "(để b/c)".into(),
        }],
        drafter: None,
        authority: vec![
            {
                let mut p = sig("TM. ỦY BAN NHÂN DÂN");
                p.format.space_before_pt = 12.0;
                p
            },
            sig("KT. CHỦ TỊCH"),
            sig("PHÓ CHỦ TỊCH"),
        ],
        signature_gap_mm: 28.0,
        name: sig("Nguyễn Văn Khước"),
    }
}

/// Plain text of a cell.
pub fn cell(col: usize, colspan: usize, rowspan: usize, header: bool, text: &str) -> Cell {
    let mut f = fmt(
        if header { Align::Center } else { Align::Left },
        12.0,
        header,
        false,
        0.0,
    );
    f.space_before_pt = 2.0;
    f.space_after_pt = 2.0;
    Cell {
        col,
        colspan,
        rowspan,
        valign: VAlign::Center,
        paragraphs: vec![para(
            if header {
                StyleId::TableHeader
            } else {
                StyleId::TableText
            },
            f,
            text,
        )],
    }
}

/// The body text of sample row `i` (unique, countable: "Nhiệm vụ số i").
pub fn task_text(i: usize) -> String {
    format!("Nhiệm vụ số {i}: rà soát, cập nhật cơ sở dữ liệu")
}

/// An appendix table: 6 columns, two header levels with spans, a
/// column-number row, group rows every `group` rows whose "Đơn vị" cell
/// merges vertically over the group, and a total row.
pub fn big_table(rows: usize, group: usize, columns_mm: Vec<f32>) -> Table {
    let header_rows = vec![
        Row {
            kind: RowKind::Header,
            cells: vec![
                cell(0, 1, 2, true, "TT"),
                cell(1, 1, 2, true, "Nội dung nhiệm vụ"),
                cell(2, 1, 2, true, "Đơn vị chủ trì"),
                cell(3, 2, 1, true, "Thời gian"),
                cell(5, 1, 2, true, "Ghi chú"),
            ],
        },
        Row {
            kind: RowKind::Header,
            cells: vec![
                cell(3, 1, 1, true, "Bắt đầu"),
                cell(4, 1, 1, true, "Hoàn thành"),
            ],
        },
        Row {
            kind: RowKind::ColumnNumbers,
            cells: (0..6)
                .map(|c| cell(c, 1, 1, true, &format!("({})", c + 1)))
                .collect(),
        },
    ];
    let mut body = Vec::new();
    let mut i = 0;
    let mut g = 0;
    while i < rows {
        g += 1;
        body.push(Row {
            kind: RowKind::Group,
            cells: vec![cell(0, 6, 1, true, &format!("Nhóm {g}"))],
        });
        let n = group.min(rows - i);
        for k in 0..n {
            i += 1;
            let mut cells = vec![
                cell(0, 1, 1, false, &i.to_string()),
                cell(1, 1, 1, false, &task_text(i)),
            ];
            if k == 0 {
                cells.push(cell(2, 1, n, false, &format!("Sở Nội vụ nhóm {g}")));
            }
            cells.push(cell(3, 1, 1, false, "01/2024"));
            cells.push(cell(4, 1, 1, false, "12/2024"));
            cells.push(cell(5, 1, 1, false, ""));
            body.push(Row {
                kind: RowKind::Normal,
                cells,
            });
        }
    }
    body.push(Row {
        kind: RowKind::Total,
        cells: vec![
            cell(0, 2, 1, true, "Tổng cộng"),
            cell(2, 4, 1, true, &format!("{rows} nhiệm vụ")),
        ],
    });
    Table {
        columns_mm,
        header_rows,
        body_rows: body,
        repeat_header: true,
        cant_split: true,
        borders: true,
        cell_padding_mm: 1.9,
    }
}

pub fn appendix_blocks(label: &str, title: &str) -> Vec<Block> {
    vec![
        centred(StyleId::AppendixLabel, 14.0, true, false, label),
        centred(StyleId::AppendixTitle, 14.0, true, false, title),
        centred(
            StyleId::AppendixRef,
            14.0,
            false,
            true,
            "(Kèm theo Kế hoạch số 152/KH-UBND ngày 13 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh Vĩnh Phúc)",
        ),
        rule(40.0),
    ]
}

pub const LONG: &str = "Tiếp tục đẩy mạnh cải cách hành chính, nâng cao chất lượng thực thi công vụ, tăng cường kỷ luật, kỷ cương hành chính; xây dựng đội ngũ cán bộ, công chức, viên chức chuyên nghiệp, có đủ phẩm chất, năng lực đáp ứng yêu cầu nhiệm vụ trong tình hình mới, góp phần thực hiện thắng lợi các mục tiêu phát triển kinh tế - xã hội của tỉnh.";

/// The whole sample plan; `rows` rows in the landscape appendix table.
pub fn sample(rows: usize) -> Document {
    let mut main = vec![
        Block::Header(header()),
        {
            let mut f = fmt(Align::Center, 14.0, true, false, 0.0);
            f.space_before_pt = 24.0;
            f.keep_with_next = true;
            Block::Paragraph(para(StyleId::DocKind, f, "KẾ HOẠCH"))
        },
        centred(
            StyleId::TrichYeu,
            14.0,
            true,
            false,
            "Triển khai thực hiện công tác cải cách hành chính năm 2024 trên địa bàn tỉnh Vĩnh Phúc",
        ),
        rule(50.0),
        Block::Paragraph(para(
            StyleId::CanCu,
            fmt(Align::Justify, 14.0, false, true, 12.7),
            "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;",
        )),
        Block::Paragraph(para(
            StyleId::CanCu,
            fmt(Align::Justify, 14.0, false, true, 12.7),
            "Căn cứ Quyết định số 1234/QĐ-UBND ngày 29 tháng 12 năm 2023 của Ủy ban nhân dân tỉnh về giao chỉ tiêu kế hoạch năm 2024.",
        )),
        body("Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện công tác cải cách hành chính năm 2024 như sau:"),
        heading(1, "I. MỤC ĐÍCH, YÊU CẦU"),
        heading(2, "1. Mục đích"),
    ];
    let mut n = 0;
    for sec in ["II. NỘI DUNG", "III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN"] {
        for k in 1..=3 {
            n += 1;
            main.push(body(&format!("{n}. {LONG}")));
            main.push(Block::Paragraph(Paragraph {
                style: StyleId::Point,
                format: fmt(Align::Justify, 14.0, false, false, 12.7),
                runs: vec![
                    Run {
                        text: format!("{})", ["a", "b", "c"][k - 1]),
                        bold: false,
                        italic: false,
                    },
                    Run {
                        text: " Thực hiện nghiêm các quy định về ".into(),
                        ..Default::default()
                    },
                    Run {
                        text: "kiểm soát thủ tục hành chính".into(),
                        bold: true,
                        italic: false,
                    },
                    Run {
                        text: ", công khai, minh bạch; chi tiết tại Phụ lục I kèm theo.".into(),
                        ..Default::default()
                    },
                ],
            }));
            main.push(Block::Paragraph(para(
                StyleId::ListItem,
                fmt(Align::Justify, 14.0, false, false, 12.7),
                "- Các sở, ban, ngành chủ động phối hợp thực hiện; định kỳ báo cáo kết quả về Sở Nội vụ.",
            )));
        }
        main.push(heading(1, sec));
        main.push(heading(2, "1. Nhiệm vụ trọng tâm"));
    }
    main.push(body(&format!("{LONG} Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo về Sở Nội vụ để tổng hợp, trình Ủy ban nhân dân tỉnh xem xét, quyết định./.")));
    main.push(Block::Closing(closing()));

    let mut app1 = appendix_blocks(
        "Phụ lục I",
        "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024",
    );
    app1.push(Block::Table(big_table(
        rows,
        12,
        vec![12.0, 95.0, 50.0, 30.0, 30.0, 40.0],
    )));
    app1.push(body("Danh mục trên được cập nhật hằng quý./."));

    let mut app2 = appendix_blocks("Phụ lục II", "PHÂN CÔNG THỰC HIỆN");
    app2.push(Block::Table(big_table(
        40,
        4,
        vec![10.0, 55.0, 35.0, 22.0, 22.0, 21.0],
    )));
    app2.push(body("Các đơn vị thực hiện theo phân công./."));

    Document {
        meta: Meta {
            title: "Kế hoạch triển khai thực hiện công tác cải cách hành chính năm 2024".into(),
            author: "Ủy ban nhân dân tỉnh Vĩnh Phúc".into(),
            subject: "152/KH-UBND".into(),
            draft: false,
        },
        sections: vec![
            Section {
                page: portrait(),
                numbering: numbering(Some(1)),
                blocks: main,
            },
            Section {
                page: landscape(),
                numbering: numbering(Some(1)),
                blocks: app1,
            },
            Section {
                page: portrait(),
                numbering: numbering(Some(1)),
                blocks: app2,
            },
        ],
    }
}

/// Paragraph texts of a document in order, including header, table cells
/// and closing texts, for comparison with extracted PDF text.
pub fn all_texts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let ps = |ps: &[Paragraph], out: &mut Vec<String>| {
        for p in ps {
            out.push(p.text());
        }
    };
    for s in &doc.sections {
        for b in &s.blocks {
            match b {
                Block::Paragraph(p) => out.push(p.text()),
                Block::Header(h) => {
                    out.extend(h.parent_lines.iter().cloned());
                    out.extend(h.issuer_lines.iter().cloned());
                    out.push(h.quoc_hieu.clone());
                    out.push(h.tieu_ngu.clone());
                    out.push(h.number_line.clone());
                    out.push(h.place_date.clone());
                }
                Block::Rule(_) => {}
                Block::Table(t) => {
                    for r in t.header_rows.iter().chain(&t.body_rows) {
                        for c in &r.cells {
                            ps(&c.paragraphs, &mut out);
                        }
                    }
                }
                Block::Closing(c) => {
                    out.push(c.label.text());
                    ps(&c.recipients, &mut out);
                    out.extend(c.braces.iter().map(|b| b.note.clone()));
                    ps(&c.authority, &mut out);
                    out.push(c.name.text());
                }
            }
        }
    }
    out
}
