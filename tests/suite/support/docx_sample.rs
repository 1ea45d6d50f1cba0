//! A realistic kế hoạch as a `doc::Document`, built by hand with the spec's
//! [REC] defaults, for the DOCX tests (independent of compose).
#![allow(dead_code)]

use kehoach::doc::*;
use kehoach::fonts::{Face, FontSet};

pub const BODY_PT: f32 = 14.0;
pub const INDENT_MM: f32 = 12.7;

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

/// Landscape A4; the margins keep their sides of the landscape page.
pub fn landscape() -> PageSetup {
    PageSetup {
        width_mm: 297.0,
        height_mm: 210.0,
        landscape: true,
        ..portrait()
    }
}

pub fn fmt(align: Align, size: f32) -> ParaFormat {
    ParaFormat {
        align,
        size_pt: size,
        bold: false,
        italic: false,
        first_line_indent_mm: 0.0,
        left_indent_mm: 0.0,
        right_indent_mm: 0.0,
        space_before_pt: 0.0,
        space_after_pt: 0.0,
        line_spacing: 1.0,
        keep_with_next: false,
        keep_lines: false,
    }
}

pub fn run(t: &str) -> Run {
    Run {
        text: t.into(),
        bold: false,
        italic: false,
    }
}

pub fn para(style: StyleId, format: ParaFormat, text: &str) -> Paragraph {
    Paragraph {
        style,
        format,
        runs: vec![run(text)],
    }
}

pub fn body_fmt() -> ParaFormat {
    ParaFormat {
        first_line_indent_mm: INDENT_MM,
        space_before_pt: 6.0,
        line_spacing: 1.1,
        ..fmt(Align::Justify, BODY_PT)
    }
}

pub fn body(text: &str) -> Block {
    Block::Paragraph(para(StyleId::Body, body_fmt(), text))
}

pub fn heading(level: u8, text: &str) -> Block {
    let f = ParaFormat {
        bold: true,
        italic: level >= 3,
        keep_with_next: true,
        ..body_fmt()
    };
    Block::Paragraph(para(StyleId::Heading(level), f, text))
}

pub fn centered(style: StyleId, text: &str, bold: bool, italic: bool, before: f32) -> Block {
    let f = ParaFormat {
        bold,
        italic,
        space_before_pt: before,
        keep_with_next: true,
        ..fmt(Align::Center, BODY_PT)
    };
    Block::Paragraph(para(style, f, text))
}

pub fn header() -> Header {
    let fonts = FontSet::embedded();
    let tieu_ngu = "Độc lập - Tự do - Hạnh phúc";
    let issuer = ["ỦY BAN NHÂN DÂN", "TỈNH VĨNH PHÚC"];
    let longest = issuer
        .iter()
        .map(|l| fonts.width_mm(l, Face::Bold, 13.0))
        .fold(0.0f32, f32::max);
    Header {
        left_width_mm: 66.0,
        right_width_mm: 104.0,
        indent_mm: -5.0,
        parent_lines: vec![],
        issuer_lines: issuer.iter().map(|s| s.to_string()).collect(),
        issuer_rule_mm: (longest * 0.4 * 10.0).round() / 10.0,
        quoc_hieu: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        tieu_ngu: tieu_ngu.into(),
        tieu_ngu_rule_mm: (fonts.width_mm(tieu_ngu, Face::Bold, 14.0) * 10.0).round() / 10.0,
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

fn cell(col: usize, text: &str, f: ParaFormat, style: StyleId) -> Cell {
    Cell {
        col,
        colspan: 1,
        rowspan: 1,
        valign: VAlign::Center,
        paragraphs: vec![para(style, f, text)],
    }
}

fn tfmt(align: Align, size: f32, bold: bool, italic: bool) -> ParaFormat {
    ParaFormat {
        bold,
        italic,
        space_before_pt: 2.0,
        space_after_pt: 2.0,
        ..fmt(align, size)
    }
}

fn hcell(col: usize, colspan: usize, rowspan: usize, text: &str, size: f32) -> Cell {
    Cell {
        colspan,
        rowspan,
        ..cell(
            col,
            text,
            tfmt(Align::Center, size, true, false),
            StyleId::TableHeader,
        )
    }
}

fn row(kind: RowKind, cells: Vec<Cell>) -> Row {
    Row { kind, cells }
}

/// The body table: tasks with owners and deadlines.
pub fn body_table() -> Table {
    let s = 13.0;
    let mut body_rows = Vec::new();
    for (i, (task, owner, when)) in [
        ("Xây dựng kế hoạch chi tiết", "Sở Nội vụ", "Tháng 7/2024"),
        (
            "Tổ chức hội nghị triển khai",
            "Văn phòng UBND tỉnh",
            "Tháng 8/2024",
        ),
        ("Kiểm tra, đánh giá kết quả", "Sở Nội vụ", "Tháng 12/2024"),
    ]
    .iter()
    .enumerate()
    {
        body_rows.push(row(
            RowKind::Normal,
            vec![
                cell(
                    0,
                    &(i + 1).to_string(),
                    tfmt(Align::Center, s, false, false),
                    StyleId::TableText,
                ),
                cell(
                    1,
                    task,
                    tfmt(Align::Left, s, false, false),
                    StyleId::TableText,
                ),
                cell(
                    2,
                    owner,
                    tfmt(Align::Left, s, false, false),
                    StyleId::TableText,
                ),
                cell(
                    3,
                    when,
                    tfmt(Align::Center, s, false, false),
                    StyleId::TableText,
                ),
            ],
        ));
    }
    Table {
        columns_mm: vec![12.0, 75.0, 45.0, 33.0],
        header_rows: vec![row(
            RowKind::Header,
            vec![
                hcell(0, 1, 1, "TT", s),
                hcell(1, 1, 1, "Nhiệm vụ", s),
                hcell(2, 1, 1, "Cơ quan chủ trì", s),
                hcell(3, 1, 1, "Thời gian", s),
            ],
        )],
        body_rows,
        repeat_header: true,
        cant_split: true,
        borders: true,
        cell_padding_mm: 1.0,
    }
}

fn closing() -> Closing {
    let rec = |t: &str| para(StyleId::Recipient, fmt(Align::Left, 11.0), t);
    let auth = |t: &str, before: f32| {
        let f = ParaFormat {
            bold: true,
            space_before_pt: before,
            ..fmt(Align::Center, BODY_PT)
        };
        para(StyleId::Signature, f, t)
    };
    let label = Paragraph {
        style: StyleId::RecipientsLabel,
        format: ParaFormat {
            bold: true,
            italic: true,
            space_before_pt: 12.0,
            ..fmt(Align::Left, 12.0)
        },
        runs: vec![run("Nơi nhận:")],
    };
    Closing {
        left_width_mm: 80.0,
        right_width_mm: 85.0,
        label,
        recipients: vec![
            rec("- Bộ Nội vụ;"),
            rec("- TT Tỉnh ủy;"),
            rec("- TT HĐND tỉnh;"),
            rec("- CT, các PCT UBND tỉnh;"),
            rec("- Các sở, ban, ngành;"),
            rec("- UBND các huyện, thành phố;"),
            rec("- CVP, PCVP UBND tỉnh;"),
            rec("- Lưu: VT, NC."),
        ],
        braces: vec![Brace {
            first: 0,
            last: 2,
            note: "(b/c)".into(),
        }],
        drafter: Some(para(StyleId::Recipient, fmt(Align::Left, 11.0), "NC.(30)")),
        authority: vec![
            auth("TM. ỦY BAN NHÂN DÂN", 12.0),
            auth("KT. CHỦ TỊCH", 0.0),
            auth("PHÓ CHỦ TỊCH", 0.0),
        ],
        signature_gap_mm: 30.0,
        name: Paragraph {
            style: StyleId::Signature,
            format: ParaFormat {
                bold: true,
                ..fmt(Align::Center, BODY_PT)
            },
            runs: vec![run("Vũ Chí Giang")],
        },
    }
}

fn numbering(restart: Option<u32>) -> PageNumbering {
    PageNumbering {
        show: true,
        show_on_first: false,
        restart_at: restart,
        size_pt: 14.0,
    }
}

fn rule(len: f32) -> Block {
    Block::Rule(Rule {
        length_mm: len,
        thickness_pt: 0.5,
        space_before_pt: 2.0,
        space_after_pt: 6.0,
    })
}

fn main_section() -> Section {
    let fonts = FontSet::embedded();
    let trich_yeu = "Triển khai thực hiện cải cách hành chính năm 2024";
    let ty_rule = (fonts.width_mm(trich_yeu, Face::Bold, BODY_PT) * 0.4 * 10.0).round() / 10.0;
    let mut b = vec![
        Block::Header(header()),
        centered(StyleId::DocKind, "KẾ HOẠCH", true, false, 24.0),
        centered(StyleId::TrichYeu, trich_yeu, true, false, 0.0),
        rule(ty_rule),
    ];
    let can_cu = |t: &str| {
        let f = ParaFormat {
            italic: true,
            ..body_fmt()
        };
        Block::Paragraph(para(StyleId::CanCu, f, t))
    };
    b.push(can_cu(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    ));
    b.push(can_cu("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư."));
    b.push(body("Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện cải cách hành chính năm 2024 như sau:"));
    b.push(heading(1, "I. MỤC ĐÍCH, YÊU CẦU"));
    b.push(heading(2, "1. Mục đích"));
    b.push(heading(3, "1.1. Nâng cao chất lượng phục vụ"));
    b.push(body("- Nâng cao chất lượng phục vụ người dân và doanh nghiệp; rút ngắn thời gian giải quyết thủ tục hành chính trên địa bàn tỉnh."));
    b.push(body(
        "+ Công khai, minh bạch thủ tục hành chính tại bộ phận một cửa các cấp.",
    ));
    b.push(heading(2, "2. Yêu cầu"));
    b.push(body(
        "a) Bám sát chỉ đạo của Chính phủ, Thủ tướng Chính phủ và các bộ, ngành trung ương.",
    ));
    b.push(body("b) Phân công rõ trách nhiệm của từng cơ quan, đơn vị (chi tiết tại Phụ lục I và Phụ lục II kèm theo)."));
    b.push(body("c) Bảo đảm tiến độ, chất lượng, hiệu quả."));
    b.push(body("d) Thường xuyên kiểm tra, đôn đốc việc thực hiện."));
    b.push(body("đ) Định kỳ báo cáo kết quả về Sở Nội vụ để tổng hợp."));
    b.push(heading(1, "II. NỘI DUNG"));
    for i in 0..6 {
        b.push(body(&format!(
            "- Nội dung thực hiện số {}: rà soát, đơn giản hóa thủ tục hành chính; đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động của cơ quan hành chính nhà nước các cấp.",
            i + 1
        )));
    }
    b.push(Block::Table(body_table()));
    b.push(heading(1, "III. TỔ CHỨC THỰC HIỆN"));
    b.push(body("Các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố căn cứ Kế hoạch này tổ chức thực hiện./."));
    b.push(Block::Closing(closing()));
    Section {
        page: portrait(),
        numbering: numbering(None),
        blocks: b,
    }
}

fn appendix_head(label: &str, title: &str) -> Vec<Block> {
    vec![
        centered(StyleId::AppendixLabel, label, true, false, 0.0),
        centered(StyleId::AppendixTitle, title, true, false, 0.0),
        centered(
            StyleId::AppendixRef,
            "(Kèm theo Kế hoạch số 152/KH-UBND ngày 13 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh Vĩnh Phúc)",
            false,
            true,
            0.0,
        ),
        rule(40.0),
    ]
}

/// Appendix I (landscape): multi-level header, column numbers, groups,
/// vertical merges and a total row, long enough for several pages.
pub fn appendix_table(groups: usize, rows_per_group: usize) -> Table {
    let s = 12.0;
    let n = |c: usize, t: &str| {
        cell(
            c,
            t,
            tfmt(Align::Center, s, false, false),
            StyleId::TableText,
        )
    };
    let l = |c: usize, t: &str| cell(c, t, tfmt(Align::Left, s, false, false), StyleId::TableText);
    let header_rows = vec![
        row(
            RowKind::Header,
            vec![
                hcell(0, 1, 2, "TT", s),
                hcell(1, 1, 2, "Nhiệm vụ", s),
                hcell(2, 2, 1, "Cơ quan", s),
                hcell(4, 2, 1, "Thời gian", s),
                hcell(6, 1, 2, "Kinh phí (triệu đồng)", s),
            ],
        ),
        row(
            RowKind::Header,
            vec![
                hcell(2, 1, 1, "Chủ trì", s),
                hcell(3, 1, 1, "Phối hợp", s),
                hcell(4, 1, 1, "Bắt đầu", s),
                hcell(5, 1, 1, "Hoàn thành", s),
            ],
        ),
        row(
            RowKind::ColumnNumbers,
            (0..7)
                .map(|c| {
                    cell(
                        c,
                        &format!("({})", c + 1),
                        tfmt(Align::Center, s, false, true),
                        StyleId::TableHeader,
                    )
                })
                .collect(),
        ),
    ];
    let mut body_rows = Vec::new();
    let roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    for g in 0..groups {
        body_rows.push(row(
            RowKind::Group,
            vec![
                cell(
                    0,
                    roman[g % 10],
                    tfmt(Align::Center, s, true, false),
                    StyleId::TableText,
                ),
                Cell {
                    colspan: 6,
                    ..cell(
                        1,
                        &format!("NHÓM NHIỆM VỤ {}", g + 1),
                        tfmt(Align::Left, s, true, false),
                        StyleId::TableText,
                    )
                },
            ],
        ));
        for r in 0..rows_per_group {
            let mut cells = vec![
                n(0, &(r + 1).to_string()),
                l(1, &format!("Nhiệm vụ {}.{}: triển khai, hướng dẫn, kiểm tra việc thực hiện tại các cơ quan, đơn vị", g + 1, r + 1)),
            ];
            // The lead agency spans pairs of rows (vertical merge).
            if r % 2 == 0 {
                cells.push(Cell {
                    rowspan: if r + 1 < rows_per_group { 2 } else { 1 },
                    ..l(2, "Sở Nội vụ")
                });
            }
            cells.push(l(3, "Các sở, ngành; UBND cấp huyện"));
            cells.push(n(4, "01/7/2024"));
            cells.push(n(5, "31/12/2024"));
            cells.push(n(6, "150"));
            body_rows.push(row(RowKind::Normal, cells));
        }
    }
    body_rows.push(row(
        RowKind::Total,
        vec![
            Cell {
                colspan: 6,
                ..cell(
                    0,
                    "Tổng cộng",
                    tfmt(Align::Center, s, true, false),
                    StyleId::TableText,
                )
            },
            cell(
                6,
                &format!("{}", groups * rows_per_group * 150),
                tfmt(Align::Center, s, true, false),
                StyleId::TableText,
            ),
        ],
    ));
    Table {
        columns_mm: vec![12.0, 88.0, 35.0, 40.0, 27.0, 27.0, 23.0],
        header_rows,
        body_rows,
        repeat_header: true,
        cant_split: true,
        borders: true,
        cell_padding_mm: 1.0,
    }
}

fn appendix_one() -> Section {
    let mut b = appendix_head(
        "Phụ lục I",
        "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024",
    );
    b.push(Block::Table(appendix_table(4, 12)));
    b.push(body(
        "Các cơ quan chủ trì báo cáo kết quả trước ngày 15 tháng 12 năm 2024./.",
    ));
    Section {
        page: landscape(),
        numbering: numbering(Some(1)),
        blocks: b,
    }
}

fn appendix_two() -> Section {
    let mut b = appendix_head("Phụ lục II", "PHÂN CÔNG THEO DÕI, ĐÔN ĐỐC");
    for i in 0..40 {
        b.push(body(&format!(
            "{}. Cơ quan theo dõi thứ {}: đôn đốc, hướng dẫn các cơ quan, đơn vị thực hiện nhiệm vụ được giao; tổng hợp khó khăn, vướng mắc báo cáo Ủy ban nhân dân tỉnh.",
            i + 1,
            i + 1
        )));
    }
    b.push(body("Sở Nội vụ tổng hợp chung./."));
    Section {
        page: portrait(),
        numbering: numbering(Some(1)),
        blocks: b,
    }
}

/// The whole sample plan: main body and two appendices (one landscape).
pub fn sample() -> Document {
    Document {
        meta: Meta {
            title: "Kế hoạch triển khai thực hiện cải cách hành chính năm 2024".into(),
            author: "Ủy ban nhân dân tỉnh Vĩnh Phúc".into(),
            subject: "152/KH-UBND".into(),
            draft: false,
        },
        sections: vec![main_section(), appendix_one(), appendix_two()],
    }
}

/// Edge cases in one document: a section with no blocks, a table with no
/// rows, a row with no cells, a section that ends in a table, a one-line
/// brace, tabs and line breaks in text, no page numbers.
pub fn edge_cases() -> Document {
    let mut t = body_table();
    t.body_rows.push(Row {
        kind: RowKind::Normal,
        cells: vec![],
    });
    let empty = Table {
        header_rows: vec![],
        body_rows: vec![],
        ..body_table()
    };
    let mut closing = closing();
    closing.braces = vec![Brace {
        first: 4,
        last: 4,
        note: "(để t/h)".into(),
    }];
    closing.drafter = None;
    let no_numbers = PageNumbering {
        show: false,
        ..numbering(None)
    };
    Document {
        meta: Meta::default(),
        sections: vec![
            Section {
                page: portrait(),
                numbering: no_numbers,
                blocks: vec![],
            },
            Section {
                page: portrait(),
                numbering: no_numbers,
                blocks: vec![
                    body("Cột 1\tcột 2\ndòng mới"),
                    Block::Table(empty),
                    Block::Closing(closing),
                    Block::Table(t),
                ],
            },
            Section {
                page: landscape(),
                numbering: numbering(Some(1)),
                blocks: vec![Block::Table(appendix_table(1, 3))],
            },
        ],
    }
}
