//! `kehoach diff`: changes between two versions of a reference plan, as
//! entries and as the rendered cover-note text.

use kehoach::diag::Lang;
use kehoach::plan::diff::{
    diff, AgencyChange, AppendixChange, CellChange, HeaderChange, HeaderField, RecipientChange,
    SectionChange, Shift, TaskChange, TaskField,
};
use kehoach::plan::model::{Block, Cell, KeyedBlock, Recipient, Section, Task};
use kehoach::plan::Plan;

use crate::support::cli::{load_plan, root};

fn load(name: &str) -> Plan {
    let path = root().join("plans").join(name);
    load_plan(&path)
}

fn daklak() -> Plan {
    load("daklak-2022-par-sipas.yaml")
}

/// The blocks of subsection `II.<n>` (1-based) of the Đắk Lắk plan.
fn sub(plan: &mut Plan, n: usize) -> &mut Section {
    let mut k = 0;
    for b in plan.noi_dung[1].noi_dung.iter_mut() {
        if let Block::Keyed(KeyedBlock::Muc(s)) = b {
            k += 1;
            if k == n {
                return s;
            }
        }
    }
    panic!("no II.{n}");
}

fn task(section: &mut Section, n: usize) -> &mut Task {
    section
        .noi_dung
        .iter_mut()
        .filter_map(|b| match b {
            Block::Keyed(KeyedBlock::NhiemVu(t)) => Some(t),
            _ => None,
        })
        .nth(n - 1)
        .unwrap()
}

fn s(x: &str) -> String {
    x.to_string()
}

/// Fails naming the first of `lines` that the rendered `text` lacks.
fn assert_has_lines(text: &str, lines: &[&str]) {
    for line in lines {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn identical_plans_have_no_diff() {
    for name in [
        "daklak-2022-par-sipas.yaml",
        "gialai-2022-bqlkkt.yaml",
        "vinhphuc-2024-par.yaml",
    ] {
        let p = load(name);
        let d = diff(&p, &p.clone());
        assert!(d.is_empty(), "{name}: {d:#?}");
        assert_eq!(d.render(Lang::Vi), "Không có thay đổi.\n");
        assert_eq!(d.render(Lang::En), "No changes.\n");
    }
    // Re-wrapping a text (as YAML folding does) is no change either.
    let old = daklak();
    let mut new = old.clone();
    new.trich_yeu = new.trich_yeu.replace(' ', "  \n ");
    assert!(diff(&old, &new).is_empty());
}

const TITLE_12: &str = "Tiêu chí thành phần “Tỷ lệ dịch vụ công trực tuyến mức độ 3 và 4 của tỉnh được tích hợp, cung cấp trên Cổng Dịch vụ công (DVC) quốc gia”:";
const TITLE_9: &str = "Tiêu chí thành phần “Tổ chức thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách”:";
const OLD_II2: &str = "Cải thiện, nâng cao Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước (SIPAS):";
const NEW_II2: &str = "Nâng cao Chỉ số hài lòng của người dân, tổ chức (SIPAS):";

#[test]
fn tasks_and_sections_of_a_revised_plan() {
    let old = daklak();
    let new = mutated();
    let d = diff(&old, &new);
    assert_eq!(
        d.sections,
        vec![SectionChange::Renamed {
            old_label: s("II.2"),
            label: s("II.2"),
            old: Some(s(OLD_II2)),
            new: Some(s(NEW_II2)),
        }]
    );
    assert_eq!(
        d.tasks,
        vec![
            TaskChange::Changed {
                old_label: s("II.1.2"),
                label: s("II.1.2"),
                title: s("Tiêu chí “Tác động của cải cách đến chất lượng văn bản quy phạm pháp luật do tỉnh ban hành”:"),
                fields: vec![TaskField::Deadline {
                    old: Some(s("Trong năm 2022")),
                    new: Some(s("Quý I/2023")),
                    shift: Shift::Later,
                }],
            },
            TaskChange::Changed {
                old_label: s("II.1.5"),
                label: s("II.1.5"),
                title: s("Tiêu chí “Tác động của cải cách đến tổ chức bộ máy hành chính”:"),
                fields: vec![TaskField::Lead {
                    added: vec![s("Văn phòng UBND tỉnh")],
                    removed: vec![s("Sở Nội vụ")],
                }],
            },
            TaskChange::Added {
                label: s("II.2.6"),
                title: s("Chỉ số hài lòng về chuyển đổi số:"),
                lead: vec![s("Sở Thông tin và Truyền thông")],
                deadline: Some(s("Quý IV/2022")),
            },
            TaskChange::Removed {
                label: s("II.1.12"),
                title: s(TITLE_12),
            },
            // The swap is one move; the tasks renumbered by the removal
            // (II.1.13 → II.1.12 …) are not moves.
            TaskChange::Moved {
                old_label: s("II.1.9"),
                label: s("II.1.8"),
                title: s(TITLE_9),
            },
        ]
    );
    assert!(d.header.is_empty() && d.agencies.is_empty());
    assert!(d.recipients.is_empty() && d.appendices.is_empty());
    assert_eq!(d.task_counts(), (1, 1, 2, 1));

    let vi = "\
Tóm tắt: 1 thay đổi bố cục, câu chữ, 1 nhiệm vụ thêm mới, 1 nhiệm vụ bỏ, 2 nhiệm vụ thay đổi, 1 nhiệm vụ chuyển vị trí.

1. Bố cục, câu chữ
- Đổi tên mục II.2: “Cải thiện, nâng cao Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước (SIPAS):” → “Nâng cao Chỉ số hài lòng của người dân, tổ chức (SIPAS):”

2. Nhiệm vụ
Thêm mới (1):
- II.2.6 Chỉ số hài lòng về chuyển đổi số; chủ trì: Sở Thông tin và Truyền thông; thời hạn: Quý IV/2022
Bỏ (1):
- II.1.12 Tiêu chí thành phần “Tỷ lệ dịch vụ công trực tuyến mức độ 3 và 4 của tỉnh được tích hợp, cung cấp trên Cổng Dịch vụ công (DVC) quốc gia”
Thay đổi (2):
- II.1.2 Tiêu chí “Tác động của cải cách đến chất lượng văn bản quy phạm pháp luật do tỉnh ban hành”:
  + Thời hạn: lùi từ “Trong năm 2022” sang “Quý I/2023”
- II.1.5 Tiêu chí “Tác động của cải cách đến tổ chức bộ máy hành chính”:
  + Chủ trì: thêm Văn phòng UBND tỉnh; bỏ Sở Nội vụ
Chuyển vị trí (1):
- Tiêu chí thành phần “Tổ chức thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách”: từ II.1.9 sang II.1.8
";
    assert_eq!(d.render(Lang::Vi), vi);
    let en = "\
Summary: 1 structure or wording change, 1 task added, 1 task removed, 2 tasks changed, 1 task moved.

1. Structure and wording
- Renamed section II.2: “Cải thiện, nâng cao Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước (SIPAS):” → “Nâng cao Chỉ số hài lòng của người dân, tổ chức (SIPAS):”

2. Tasks
Added (1):
- II.2.6 Chỉ số hài lòng về chuyển đổi số; lead: Sở Thông tin và Truyền thông; deadline: Quý IV/2022
Removed (1):
- II.1.12 Tiêu chí thành phần “Tỷ lệ dịch vụ công trực tuyến mức độ 3 và 4 của tỉnh được tích hợp, cung cấp trên Cổng Dịch vụ công (DVC) quốc gia”
Changed (2):
- II.1.2 Tiêu chí “Tác động của cải cách đến chất lượng văn bản quy phạm pháp luật do tỉnh ban hành”:
  + Deadline: postponed from “Trong năm 2022” to “Quý I/2023”
- II.1.5 Tiêu chí “Tác động của cải cách đến tổ chức bộ máy hành chính”:
  + Lead: added Văn phòng UBND tỉnh; removed Sở Nội vụ
Moved (1):
- Tiêu chí thành phần “Tổ chức thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách”: from II.1.9 to II.1.8
";
    assert_eq!(d.render(Lang::En), en);

    // Diffing is deterministic and the reverse diff mirrors it.
    assert_eq!(diff(&old, &new), d);
    let back = diff(&new, &old);
    assert_eq!(back.task_counts(), (1, 1, 2, 1));
}

#[test]
fn a_swap_alone_is_a_move_not_a_change() {
    let old = daklak();
    let mut new = old.clone();
    let s1 = sub(&mut new, 1);
    let a = task(s1, 3).clone();
    *task(s1, 3) = task(s1, 4).clone();
    *task(s1, 4) = a;
    let d = diff(&old, &new);
    assert_eq!(d.task_counts(), (0, 0, 0, 1), "{d:#?}");
    assert!(
        matches!(&d.tasks[0], TaskChange::Moved { old_label, label, .. }
        if old_label == "II.1.4" && label == "II.1.3")
    );
    assert!(d
        .render(Lang::Vi)
        .starts_with("Tóm tắt: 1 nhiệm vụ chuyển vị trí.\n"));
}

#[test]
fn tasks_match_by_id_then_similar_title() {
    let mut old = daklak();
    task(sub(&mut old, 1), 1).id = Some(s("nv-cp-giao"));
    let mut new = old.clone();
    let s1 = sub(&mut new, 1);
    // Same id, new wording entirely.
    task(s1, 1).tieu_de = s("Hoàn thành nhiệm vụ Chính phủ giao:");
    // A small edit of a long title: still the same task.
    let t3 = task(s1, 3);
    t3.tieu_de = t3
        .tieu_de
        .replace("Cổng thông tin điện tử (TTĐT)", "Cổng TTĐT");
    t3.phoi_hop.push(s("snv"));
    // Accents and case retyped: the same task, the title reported.
    let t6 = task(s1, 6);
    t6.tieu_de = t6.tieu_de.to_uppercase();
    // A new wording with nothing in common: a different task.
    task(s1, 4).tieu_de = s("Tiêu chí “Số hóa hồ sơ”:");
    let d = diff(&old, &new);
    let (added, removed, changed, moved) = d.task_counts();
    assert_eq!((added, removed, changed, moved), (1, 1, 3, 0), "{d:#?}");
    let changed: Vec<(&str, &Vec<TaskField>)> = d
        .tasks
        .iter()
        .filter_map(|t| match t {
            TaskChange::Changed { label, fields, .. } => Some((label.as_str(), fields)),
            _ => None,
        })
        .collect();
    assert_eq!(changed[0].0, "II.1.1");
    assert!(
        matches!(&changed[0].1[..], [TaskField::Title { new, .. }] if new == "Hoàn thành nhiệm vụ Chính phủ giao:")
    );
    assert_eq!(changed[1].0, "II.1.3");
    assert!(
        matches!(&changed[1].1[..], [TaskField::Title { .. }, TaskField::CoOperating { added, removed }]
        if *added == vec![s("Sở Nội vụ")] && removed.is_empty())
    );
    assert_eq!(changed[2].0, "II.1.6");
    assert!(matches!(&changed[2].1[..], [TaskField::Title { .. }]));
    assert!(d.tasks.contains(&TaskChange::Added {
        label: s("II.1.4"),
        title: s("Tiêu chí “Số hóa hồ sơ”:"),
        lead: vec![s("Văn phòng UBND tỉnh")],
        deadline: Some(s("Trong năm 2022")),
    }));
    assert!(d.render(Lang::En).contains(
        "- II.1.3 Tiêu chí thành phần “Công khai thủ tục hành chính (TTHC) trên Cổng TTĐT của tỉnh và Trang TTĐT của các cơ quan, đơn vị”:\n  + Title: "
    ));

    // Different ids never pair, however alike the titles.
    let mut other = old.clone();
    task(sub(&mut other, 1), 1).id = Some(s("khac"));
    let d = diff(&old, &other);
    assert_eq!(d.task_counts(), (1, 1, 0, 0), "{d:#?}");
}

#[test]
fn header_registry_recipients_and_appendix_rows() {
    let old = daklak();
    let mut new = old.clone();
    new.so = Some(125);
    new.ngay = Some(s("2022-10-05"));
    new.ky.ho_ten = s("Võ Văn Cảnh");
    let stttt = new
        .co_quan_lien_quan
        .iter_mut()
        .find(|a| a.id == "stttt")
        .unwrap();
    stttt.ten = s("Sở Khoa học và Công nghệ");
    new.co_quan_lien_quan.push(kehoach::plan::model::Agency {
        id: s("sct"),
        ten: s("Sở Công Thương"),
        ten_ngan: None,
    });
    new.noi_nhan
        .ds
        .retain(|r| *r != Recipient::Line(s("Bưu điện tỉnh")));
    new.noi_nhan.ds.push(Recipient::Annotated(
        kehoach::plan::model::AnnotatedRecipient {
            ten: s("snv"),
            ghi_chu: s("phối hợp"),
        },
    ));
    let bang = new.phu_luc[0].bang.as_mut().unwrap();
    let group = &mut bang.dong[0].con;
    group[2].o[2] = Cell::Number(1.5); // 1.3 "Kiểm tra CCHC", target
    group.remove(3); // 1.4 "Công tác tuyên truyền CCHC"
    group.push(kehoach::plan::model::Row {
        o: vec![
            Cell::Text(s("Ứng dụng công nghệ thông tin")),
            Cell::Number(1.0),
        ],
        ..Default::default()
    });

    let d = diff(&old, &new);
    assert_eq!(
        d.header,
        vec![
            HeaderChange {
                field: HeaderField::Number,
                old: None,
                new: Some(s("125"))
            },
            HeaderChange {
                field: HeaderField::Date,
                old: Some(s("2022")),
                new: Some(s("2022-10-05"))
            },
            HeaderChange {
                field: HeaderField::SignerName,
                old: Some(s("Nguyễn Tuấn Hà")),
                new: Some(s("Võ Văn Cảnh"))
            },
        ]
    );
    assert_eq!(
        d.agencies,
        vec![
            AgencyChange::Renamed {
                id: s("stttt"),
                old: s("Sở Thông tin và Truyền thông"),
                new: s("Sở Khoa học và Công nghệ"),
                tasks: vec![s("II.1.12"), s("II.1.13"), s("II.1.14")],
            },
            AgencyChange::Added {
                id: s("sct"),
                name: s("Sở Công Thương")
            },
        ]
    );
    assert_eq!(
        d.recipients,
        vec![
            RecipientChange::Added(s("Sở Nội vụ (phối hợp)")),
            RecipientChange::Removed(s("Bưu điện tỉnh")),
        ]
    );
    let pl1 = s(&old.phu_luc[0].tieu_de);
    assert_eq!(
        d.appendices,
        vec![
            AppendixChange::RowChanged {
                appendix: pl1.clone(),
                position: s("1.3"),
                text: s("Kiểm tra CCHC"),
                cells: vec![CellChange {
                    column: s("Mục tiêu năm 2022"),
                    old: s("2"),
                    new: s("1,5")
                }],
            },
            AppendixChange::RowAdded {
                appendix: pl1.clone(),
                position: s("1.6"),
                text: s("Ứng dụng công nghệ thông tin"),
            },
            AppendixChange::RowRemoved {
                appendix: pl1.clone(),
                position: s("1.4"),
                text: s("Công tác tuyên truyền CCHC"),
            },
        ]
    );
    assert!(d.tasks.is_empty() && d.sections.is_empty(), "{d:#?}");

    let vi = d.render(Lang::Vi);
    assert!(vi.starts_with("Tóm tắt: 3 thay đổi thông tin chung, 2 thay đổi danh mục cơ quan, 2 thay đổi nơi nhận, 3 thay đổi phụ lục.\n"), "{vi}");
    assert_has_lines(
        &vi,
        &[
        "\n1. Thông tin chung\n- Số: (để trống) → “125”\n- Ngày ban hành: “2022” → “2022-10-05”\n- Người ký: “Nguyễn Tuấn Hà” → “Võ Văn Cảnh”\n",
        "\n2. Danh mục cơ quan\n- Đổi tên (stttt): “Sở Thông tin và Truyền thông” → “Sở Khoa học và Công nghệ”; ảnh hưởng nhiệm vụ: II.1.12, II.1.13, II.1.14\n- Thêm Sở Công Thương (sct)\n",
        "\n3. Nơi nhận\n- Thêm Sở Nội vụ (phối hợp)\n- Bỏ Bưu điện tỉnh\n",
        "sửa dòng 1.3 “Kiểm tra CCHC”: cột “Mục tiêu năm 2022”: “2” → “1,5”\n",
        "thêm dòng 1.6: “Ứng dụng công nghệ thông tin”\n",
        "bỏ dòng 1.4: “Công tác tuyên truyền CCHC”\n",
        ],
    );
    let en = d.render(Lang::En);
    assert!(en.starts_with("Summary: 3 header changes, 2 agency registry changes, 2 recipient changes, 3 appendix changes.\n"), "{en}");
    assert_has_lines(
        &en,
        &[
        "- Number: (blank) → “125”\n",
        "- Renamed (stttt): “Sở Thông tin và Truyền thông” → “Sở Khoa học và Công nghệ”; affects tasks: II.1.12, II.1.13, II.1.14\n",
        "- Removed Bưu điện tỉnh\n",
        "changed row 1.3 “Kiểm tra CCHC”: column “Mục tiêu năm 2022”: “2” → “1,5”\n",
        ],
    );
}

/// The brief's edits: add a task, remove one, move a deadline, change a lead
/// agency, rename a section, swap two tasks.
fn mutated() -> Plan {
    let mut p = daklak();
    // Rename II.2.
    sub(&mut p, 2).tieu_de = Some(s(
        "Nâng cao Chỉ số hài lòng của người dân, tổ chức (SIPAS):",
    ));
    // Add a task at the end of II.2.
    sub(&mut p, 2)
        .noi_dung
        .push(Block::Keyed(KeyedBlock::NhiemVu(Task {
            id: None,
            tieu_de: s("Chỉ số hài lòng về chuyển đổi số:"),
            muc_tieu: Some(s("Tăng tỷ lệ hồ sơ trực tuyến.")),
            giai_phap: vec![Block::Text(s("Hướng dẫn người dân nộp hồ sơ trực tuyến."))],
            chu_tri: vec![s("stttt")],
            phoi_hop: vec![s("vp")],
            thoi_han: Some(s("Quý IV/2022")),
            san_pham: None,
            ghi_chu: None,
            nhan: Default::default(),
        })));
    let s1 = sub(&mut p, 1);
    // Deadline of II.1.2 moved to the first quarter of 2023.
    task(s1, 2).thoi_han = Some(s("Quý I/2023"));
    // Lead of II.1.5: Sở Nội vụ → Văn phòng UBND tỉnh.
    task(s1, 5).chu_tri = vec![s("vp")];
    // Swap II.1.8 and II.1.9 (block positions: tasks are blocks 0..17).
    let tasks: Vec<usize> = s1
        .noi_dung
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Keyed(KeyedBlock::NhiemVu(_))))
        .map(|(i, _)| i)
        .collect();
    s1.noi_dung.swap(tasks[7], tasks[8]);
    // Remove II.1.12.
    s1.noi_dung.remove(tasks[11]);
    p
}

#[test]
fn wording_opening_closing_and_other_changes() {
    let old = daklak();

    // A paragraph of I.1 (a dash item), the opening and the closing.
    let mut new = old.clone();
    let Block::Keyed(KeyedBlock::Muc(i1)) = &mut new.noi_dung[0].noi_dung[0] else {
        panic!("I.1 is a muc");
    };
    let Block::Keyed(KeyedBlock::Gach(items)) = &mut i1.noi_dung[0] else {
        panic!("I.1 starts with a dash list");
    };
    items.push(kehoach::plan::model::ListItem::Text(s("Một ý mới.")));
    new.mo_dau.can_cu.push(s("Căn cứ Kế hoạch số 1/KH-UBND;"));
    new.ket_luan.pop();
    let d = diff(&old, &new);
    assert_eq!(
        d.sections,
        vec![
            SectionChange::OpeningChanged,
            SectionChange::TextChanged { label: s("I.1") },
            SectionChange::ClosingChanged,
        ]
    );
    assert!(!d.other && d.tasks.is_empty());
    assert_eq!(
        d.render(Lang::Vi),
        "Tóm tắt: 3 thay đổi bố cục, câu chữ.\n\n1. Bố cục, câu chữ\n- Sửa phần mở đầu (căn cứ, đoạn mở đầu)\n- Sửa câu chữ (đoạn văn, danh sách, bảng) của mục I.1\n- Sửa đoạn kết\n"
    );

    // A layout option alone: no group describes it, but it is not "no change".
    let mut new = old.clone();
    new.trinh_bay.du_thao = true;
    let d = diff(&old, &new);
    assert!(d.other && !d.is_empty(), "{d:#?}");
    assert_eq!(
        d.render(Lang::En),
        "Summary: 1 other change.\n\n1. Other changes\n- Changes outside the groups above (layout options, wording overrides, issuer lines …)\n"
    );
}

#[test]
fn an_id_and_its_name_written_out_are_the_same_agency() {
    let old = daklak();
    let mut new = old.clone();
    let s1 = sub(&mut new, 1);
    // II.1.1 chu_tri [vp]: written out in full, and one co-operating agency added.
    task(s1, 1).chu_tri = vec![s("Văn phòng UBND tỉnh")];
    task(s1, 1).phoi_hop.push(s("stc"));
    let d = diff(&old, &new);
    assert_eq!(
        d.tasks,
        vec![TaskChange::Changed {
            old_label: s("II.1.1"),
            label: s("II.1.1"),
            title: s("Tiêu chí “Thực hiện nhiệm vụ được Chính phủ, Thủ tướng Chính phủ giao”:"),
            fields: vec![TaskField::CoOperating {
                added: vec![s("Sở Tài chính")],
                removed: vec![],
            }],
        }]
    );
    assert!(d
        .render(Lang::Vi)
        .contains("\n  + Phối hợp: thêm Sở Tài chính\n"));
}
