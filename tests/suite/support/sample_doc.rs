//! The sample kế hoạch as a `doc::Document`, built by hand with the spec's
//! [REC] defaults and independent of compose, for the DOCX and PDF tests:
//! header block, KẾ HOẠCH + trích yếu + rule, căn cứ, headings, points,
//! lists, a body table, the closing block with a brace group, and
//! appendices (one landscape) with multi-level header rows, spans, group
//! rows, vertical merges, a total row and as many rows as a test asks for.
//!
//! [`sample`] is the plan the DOCX tests read back; [`long_sample`] the one
//! the PDF tests lay out, with `rows` rows in its landscape appendix.
#![allow(dead_code)]

use kehoach::doc::*;
use kehoach::fonts::{Face, FontSet};

pub const BODY_PT: f32 = 14.0;
pub const INDENT_MM: f32 = 12.7;

// ---------------------------------------------------------------- pages

pub fn portrait() -> PageSetup {
    PageSetup::a4_portrait()
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

pub fn numbering(restart: Option<u32>) -> PageNumbering {
    PageNumbering {
        show: true,
        show_on_first: false,
        restart_at: restart,
        size_pt: 14.0,
    }
}

fn section(page: PageSetup, restart: Option<u32>, blocks: Vec<Block>) -> Section {
    Section {
        page,
        numbering: numbering(restart),
        blocks,
    }
}

// ---------------------------------------------------------------- paragraphs

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

/// Single-spaced text of `size` pt with 6 pt before it.
pub fn fmt(align: Align, size: f32, bold: bool, italic: bool, indent_mm: f32) -> ParaFormat {
    ParaFormat {
        bold,
        italic,
        first_line_indent_mm: indent_mm,
        space_before_pt: 6.0,
        ..ParaFormat::plain(align, size)
    }
}

pub fn body_fmt() -> ParaFormat {
    ParaFormat {
        line_spacing: 1.1,
        ..fmt(Align::Justify, BODY_PT, false, false, INDENT_MM)
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

/// A centred line kept with the next one, nothing before it.
pub fn centred(style: StyleId, size: f32, bold: bool, italic: bool, text: &str) -> Block {
    let f = ParaFormat {
        space_before_pt: 0.0,
        keep_with_next: true,
        ..fmt(Align::Center, size, bold, italic, 0.0)
    };
    Block::Paragraph(para(style, f, text))
}

pub fn rule(length_mm: f32) -> Block {
    Block::Rule(Rule {
        length_mm,
        thickness_pt: 0.5,
        space_before_pt: 2.0,
        space_after_pt: 6.0,
    })
}

/// Rule lengths as the spec sets them: `fraction` of the text's width.
fn rule_under(fonts: &FontSet, text: &str, size_pt: f32, fraction: f32) -> f32 {
    (fonts.width_mm(text, Face::Bold, size_pt) * fraction * 10.0).round() / 10.0
}

pub fn header() -> Header {
    let fonts = FontSet::embedded();
    let tieu_ngu = "Độc lập - Tự do - Hạnh phúc";
    let issuer = ["ỦY BAN NHÂN DÂN", "TỈNH VĨNH PHÚC"];
    let longest = issuer
        .iter()
        .map(|l| rule_under(fonts, l, 13.0, 0.4))
        .fold(0.0f32, f32::max);
    Header {
        left_width_mm: 66.0,
        right_width_mm: 104.0,
        indent_mm: -5.0,
        parent_lines: vec![],
        issuer_lines: issuer.iter().map(|s| s.to_string()).collect(),
        issuer_rule_mm: longest,
        quoc_hieu: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        tieu_ngu: tieu_ngu.into(),
        tieu_ngu_rule_mm: rule_under(fonts, tieu_ngu, 14.0, 1.0),
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

/// Header block, KẾ HOẠCH, the trích yếu and its rule, căn cứ and the
/// opening sentence: how every sample main body starts.
fn opening() -> Vec<Block> {
    let trich_yeu = "Triển khai thực hiện cải cách hành chính năm 2024";
    let kind = ParaFormat {
        space_before_pt: 24.0,
        keep_with_next: true,
        ..fmt(Align::Center, BODY_PT, true, false, 0.0)
    };
    let can_cu = |t: &str| {
        let f = ParaFormat {
            italic: true,
            ..body_fmt()
        };
        Block::Paragraph(para(StyleId::CanCu, f, t))
    };
    vec![
        Block::Header(header()),
        Block::Paragraph(para(StyleId::DocKind, kind, "KẾ HOẠCH")),
        centred(StyleId::TrichYeu, BODY_PT, true, false, trich_yeu),
        rule(rule_under(FontSet::embedded(), trich_yeu, BODY_PT, 0.4)),
        can_cu("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"),
        can_cu("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư."),
        body("Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện cải cách hành chính năm 2024 như sau:"),
    ]
}

pub fn closing() -> Closing {
    let rec = |t: &str| para(StyleId::Recipient, ParaFormat::plain(Align::Left, 11.0), t);
    let auth = |t: &str, before: f32| {
        let f = ParaFormat {
            bold: true,
            space_before_pt: before,
            ..ParaFormat::plain(Align::Center, BODY_PT)
        };
        para(StyleId::Signature, f, t)
    };
    let label = ParaFormat {
        bold: true,
        italic: true,
        space_before_pt: 12.0,
        ..ParaFormat::plain(Align::Left, 12.0)
    };
    Closing {
        left_width_mm: 80.0,
        right_width_mm: 85.0,
        label: para(StyleId::RecipientsLabel, label, "Nơi nhận:"),
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
        drafter: Some(rec("NC.(30)")),
        authority: vec![
            auth("TM. ỦY BAN NHÂN DÂN", 12.0),
            auth("KT. CHỦ TỊCH", 0.0),
            auth("PHÓ CHỦ TỊCH", 0.0),
        ],
        signature_gap_mm: 30.0,
        name: auth("Nguyễn Văn Khước", 0.0),
    }
}

/// Label, title and reference line of an appendix, and the rule under them.
pub fn appendix_blocks(label: &str, title: &str) -> Vec<Block> {
    vec![
        centred(StyleId::AppendixLabel, BODY_PT, true, false, label),
        centred(StyleId::AppendixTitle, BODY_PT, true, false, title),
        centred(
            StyleId::AppendixRef,
            BODY_PT,
            false,
            true,
            "(Kèm theo Kế hoạch số 152/KH-UBND ngày 13 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh Vĩnh Phúc)",
        ),
        rule(40.0),
    ]
}

// ---------------------------------------------------------------- tables

/// Table text: `size` pt with 2 pt before and after.
fn tfmt(align: Align, size: f32, bold: bool, italic: bool) -> ParaFormat {
    ParaFormat {
        bold,
        italic,
        space_before_pt: 2.0,
        space_after_pt: 2.0,
        ..ParaFormat::plain(align, size)
    }
}

/// A vertically centred cell of one paragraph.
fn cell_of(
    col: usize,
    colspan: usize,
    rowspan: usize,
    format: ParaFormat,
    style: StyleId,
    text: &str,
) -> Cell {
    Cell {
        col,
        colspan,
        rowspan,
        valign: VAlign::Center,
        paragraphs: vec![para(style, format, text)],
    }
}

/// A bold centred header cell.
fn hcell(col: usize, colspan: usize, rowspan: usize, text: &str, size: f32) -> Cell {
    let f = tfmt(Align::Center, size, true, false);
    cell_of(col, colspan, rowspan, f, StyleId::TableHeader, text)
}

/// A one-column table text cell.
fn tcell(col: usize, align: Align, size: f32, bold: bool, text: &str) -> Cell {
    let f = tfmt(align, size, bold, false);
    cell_of(col, 1, 1, f, StyleId::TableText, text)
}

/// A 12 pt cell: bold and centred in header style, else left-aligned text.
pub fn cell(col: usize, colspan: usize, rowspan: usize, header: bool, text: &str) -> Cell {
    if header {
        hcell(col, colspan, rowspan, text, 12.0)
    } else {
        Cell {
            colspan,
            rowspan,
            ..tcell(col, Align::Left, 12.0, false, text)
        }
    }
}

fn row(kind: RowKind, cells: Vec<Cell>) -> Row {
    Row { kind, cells }
}

/// A header row of bold centred cells: (column, colspan, rowspan, text).
fn header_row(size: f32, cells: &[(usize, usize, usize, &str)]) -> Row {
    row(
        RowKind::Header,
        cells
            .iter()
            .map(|&(col, colspan, rowspan, text)| hcell(col, colspan, rowspan, text, size))
            .collect(),
    )
}

/// A bordered table whose header rows repeat and whose rows never split.
fn table(columns_mm: Vec<f32>, header_rows: Vec<Row>, body_rows: Vec<Row>) -> Table {
    Table {
        columns_mm,
        header_rows,
        body_rows,
        repeat_header: true,
        cant_split: true,
        borders: true,
        cell_padding_mm: 1.0,
    }
}

/// The body table: tasks with owners and deadlines.
pub fn body_table() -> Table {
    let s = 13.0;
    let tasks = [
        ("Xây dựng kế hoạch chi tiết", "Sở Nội vụ", "Tháng 7/2024"),
        (
            "Tổ chức hội nghị triển khai",
            "Văn phòng UBND tỉnh",
            "Tháng 8/2024",
        ),
        ("Kiểm tra, đánh giá kết quả", "Sở Nội vụ", "Tháng 12/2024"),
    ];
    let body_rows = tasks
        .iter()
        .enumerate()
        .map(|(i, (task, owner, when))| {
            row(
                RowKind::Normal,
                vec![
                    tcell(0, Align::Center, s, false, &(i + 1).to_string()),
                    tcell(1, Align::Left, s, false, task),
                    tcell(2, Align::Left, s, false, owner),
                    tcell(3, Align::Center, s, false, when),
                ],
            )
        })
        .collect();
    let header = header_row(
        s,
        &[
            (0, 1, 1, "TT"),
            (1, 1, 1, "Nhiệm vụ"),
            (2, 1, 1, "Cơ quan chủ trì"),
            (3, 1, 1, "Thời gian"),
        ],
    );
    table(vec![12.0, 75.0, 45.0, 33.0], vec![header], body_rows)
}

/// The column-number row "(1)" … "(n)".
fn column_numbers(n: usize, size: f32) -> Row {
    let f = tfmt(Align::Center, size, false, true);
    row(
        RowKind::ColumnNumbers,
        (0..n)
            .map(|c| cell_of(c, 1, 1, f, StyleId::TableHeader, &format!("({})", c + 1)))
            .collect(),
    )
}

/// Appendix I of [`sample`] (landscape): multi-level header, column
/// numbers, groups, vertical merges and a total row, long enough for
/// several pages.
pub fn appendix_table(groups: usize, rows_per_group: usize) -> Table {
    let s = 12.0;
    let n = |c: usize, t: &str| tcell(c, Align::Center, s, false, t);
    let l = |c: usize, t: &str| tcell(c, Align::Left, s, false, t);
    let header_rows = vec![
        header_row(
            s,
            &[
                (0, 1, 2, "TT"),
                (1, 1, 2, "Nhiệm vụ"),
                (2, 2, 1, "Cơ quan"),
                (4, 2, 1, "Thời gian"),
                (6, 1, 2, "Kinh phí (triệu đồng)"),
            ],
        ),
        header_row(
            s,
            &[
                (2, 1, 1, "Chủ trì"),
                (3, 1, 1, "Phối hợp"),
                (4, 1, 1, "Bắt đầu"),
                (5, 1, 1, "Hoàn thành"),
            ],
        ),
        column_numbers(7, s),
    ];
    let mut body_rows = Vec::new();
    let roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    for g in 0..groups {
        body_rows.push(row(
            RowKind::Group,
            vec![
                tcell(0, Align::Center, s, true, roman[g % 10]),
                Cell {
                    colspan: 6,
                    ..tcell(1, Align::Left, s, true, &format!("NHÓM NHIỆM VỤ {}", g + 1))
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
                ..tcell(0, Align::Center, s, true, "Tổng cộng")
            },
            tcell(
                6,
                Align::Center,
                s,
                true,
                &format!("{}", groups * rows_per_group * 150),
            ),
        ],
    ));
    table(
        vec![12.0, 88.0, 35.0, 40.0, 27.0, 27.0, 23.0],
        header_rows,
        body_rows,
    )
}

/// The body text of [`big_table`] row `i` (unique, countable: "Nhiệm vụ số i").
pub fn task_text(i: usize) -> String {
    format!("Nhiệm vụ số {i}: rà soát, cập nhật cơ sở dữ liệu")
}

/// An appendix table of `rows` tasks: 6 columns, two header levels with
/// spans, a column-number row, group rows every `group` rows whose "Đơn
/// vị" cell merges vertically over the group, and a total row.
pub fn big_table(rows: usize, group: usize, columns_mm: Vec<f32>) -> Table {
    let header_rows = vec![
        header_row(
            12.0,
            &[
                (0, 1, 2, "TT"),
                (1, 1, 2, "Nội dung nhiệm vụ"),
                (2, 1, 2, "Đơn vị chủ trì"),
                (3, 2, 1, "Thời gian"),
                (5, 1, 2, "Ghi chú"),
            ],
        ),
        header_row(12.0, &[(3, 1, 1, "Bắt đầu"), (4, 1, 1, "Hoàn thành")]),
        row(
            RowKind::ColumnNumbers,
            (0..6)
                .map(|c| cell(c, 1, 1, true, &format!("({})", c + 1)))
                .collect(),
        ),
    ];
    let mut body = Vec::new();
    let mut i = 0;
    let mut g = 0;
    while i < rows {
        g += 1;
        body.push(row(
            RowKind::Group,
            vec![cell(0, 6, 1, true, &format!("Nhóm {g}"))],
        ));
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
            body.push(row(RowKind::Normal, cells));
        }
    }
    body.push(row(
        RowKind::Total,
        vec![
            cell(0, 2, 1, true, "Tổng cộng"),
            cell(2, 4, 1, true, &format!("{rows} nhiệm vụ")),
        ],
    ));
    Table {
        cell_padding_mm: 1.9,
        ..table(columns_mm, header_rows, body)
    }
}

// ---------------------------------------------------------------- documents

fn meta(title: &str) -> Meta {
    Meta {
        title: title.into(),
        author: "Ủy ban nhân dân tỉnh Vĩnh Phúc".into(),
        subject: "152/KH-UBND".into(),
        draft: None,
    }
}

/// The DOCX tests' plan: main body (with a body table) and two appendices,
/// one landscape with [`appendix_table`], one of numbered paragraphs.
pub fn sample() -> Document {
    let mut b = opening();
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

    let mut app1 = appendix_blocks(
        "Phụ lục I",
        "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2024",
    );
    app1.push(Block::Table(appendix_table(4, 12)));
    app1.push(body(
        "Các cơ quan chủ trì báo cáo kết quả trước ngày 15 tháng 12 năm 2024./.",
    ));

    let mut app2 = appendix_blocks("Phụ lục II", "PHÂN CÔNG THEO DÕI, ĐÔN ĐỐC");
    for i in 0..40 {
        app2.push(body(&format!(
            "{}. Cơ quan theo dõi thứ {}: đôn đốc, hướng dẫn các cơ quan, đơn vị thực hiện nhiệm vụ được giao; tổng hợp khó khăn, vướng mắc báo cáo Ủy ban nhân dân tỉnh.",
            i + 1,
            i + 1
        )));
    }
    app2.push(body("Sở Nội vụ tổng hợp chung./."));
    Document {
        meta: meta("Kế hoạch triển khai thực hiện cải cách hành chính năm 2024"),
        sections: vec![
            section(portrait(), None, b),
            section(landscape(), Some(1), app1),
            section(portrait(), Some(1), app2),
        ],
    }
}

pub const LONG: &str = "Tiếp tục đẩy mạnh cải cách hành chính, nâng cao chất lượng thực thi công vụ, tăng cường kỷ luật, kỷ cương hành chính; xây dựng đội ngũ cán bộ, công chức, viên chức chuyên nghiệp, có đủ phẩm chất, năng lực đáp ứng yêu cầu nhiệm vụ trong tình hình mới, góp phần thực hiện thắng lợi các mục tiêu phát triển kinh tế - xã hội của tỉnh.";

/// The PDF tests' plan: a main body of several pages with points in mixed
/// emphasis and lists, `rows` rows in the landscape appendix table
/// ([`big_table`], groups of 12) and a 40-row portrait appendix table.
pub fn long_sample(rows: usize) -> Document {
    let mut main = opening();
    main.push(heading(1, "I. MỤC ĐÍCH, YÊU CẦU"));
    main.push(heading(2, "1. Mục đích"));
    let plain = fmt(Align::Justify, BODY_PT, false, false, INDENT_MM);
    let mut n = 0;
    for sec in ["II. NỘI DUNG", "III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN"] {
        for k in 1..=3 {
            n += 1;
            main.push(body(&format!("{n}. {LONG}")));
            let bold = |t: &str| Run {
                bold: true,
                ..run(t)
            };
            main.push(Block::Paragraph(Paragraph {
                style: StyleId::Point,
                format: plain,
                runs: vec![
                    run(&format!("{})", ["a", "b", "c"][k - 1])),
                    run(" Thực hiện nghiêm các quy định về "),
                    bold("kiểm soát thủ tục hành chính"),
                    run(", công khai, minh bạch; chi tiết tại Phụ lục I kèm theo."),
                ],
            }));
            main.push(Block::Paragraph(para(
                StyleId::ListItem,
                plain,
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
    // The landscape text width: 297 − 30 − 15 mm.
    app1.push(Block::Table(big_table(
        rows,
        12,
        vec![12.0, 90.0, 50.0, 30.0, 30.0, 40.0],
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
        meta: meta("Kế hoạch triển khai thực hiện công tác cải cách hành chính năm 2024"),
        sections: vec![
            section(portrait(), Some(1), main),
            section(landscape(), Some(1), app1),
            section(portrait(), Some(1), app2),
        ],
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
            section(
                landscape(),
                Some(1),
                vec![Block::Table(appendix_table(1, 3))],
            ),
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
                    out.extend(c.drafter.iter().map(|p| p.text()));
                    ps(&c.authority, &mut out);
                    out.push(c.name.text());
                }
            }
        }
    }
    out
}

/// The DOCX parts of [`sample`] as written, once per test binary.
pub fn sample_parts() -> &'static std::collections::BTreeMap<String, String> {
    static PARTS: std::sync::OnceLock<std::collections::BTreeMap<String, String>> =
        std::sync::OnceLock::new();
    PARTS.get_or_init(|| {
        super::docx_read::unzip(&kehoach::docx::write(&sample()).expect("sample writes"))
    })
}

/// `word/document.xml` and `word/styles.xml` of [`sample`], parsed.
pub fn sample_xml() -> (roxmltree::Document<'static>, roxmltree::Document<'static>) {
    let parts = sample_parts();
    (
        super::docx_read::parse(&parts["word/document.xml"]),
        super::docx_read::parse(&parts["word/styles.xml"]),
    )
}
