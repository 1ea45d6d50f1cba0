//! JSON Schema (draft-07) of the plan format, for editors (`kehoach schema`).
//!
//! The shape comes from the model's derives, so the schema cannot drift from
//! what the loader accepts; the Vietnamese descriptions live here, keyed by
//! `Type.key`, in front of the model's English doc comments.

use serde_json::{Map, Value};

use super::model::Plan;

/// `$id` of the schema: a name, not a download address (editors are pointed
/// at `docs/plan.schema.json` in the repository or at `kehoach schema`).
pub const SCHEMA_ID: &str = "urn:kehoach:plan-schema";

/// Vietnamese descriptions: `Type` for a whole type, `Type.key` for a
/// property, a keyed block or an enum value.
pub const VI_DESCRIPTIONS: &[(&str, &str)] = &[
    ("Plan", "Một tệp kế hoạch (nguồn YAML)."),
    ("Plan.loai", "Loại văn bản; chọn bộ mẫu `templates/<loai>/`. Mặc định `ke-hoach`."),
    ("Plan.co_quan", "Cơ quan ban hành (ô 2)."),
    ("Plan.so", "Số văn bản; để trống khi là dự thảo."),
    ("Plan.ky_hieu", "Ký hiệu; mặc định `KH-<viết tắt cơ quan>`."),
    ("Plan.dia_danh", "Địa danh, ví dụ \"Vĩnh Phúc\"."),
    ("Plan.ngay", "Ngày ban hành: \"2024-06-13\", \"2022-09\" (để trống ngày), \"2022\" hoặc bỏ trống (dự thảo)."),
    ("Plan.trich_yeu", "Trích yếu: câu tóm tắt dưới chữ \"KẾ HOẠCH\"."),
    ("Plan.mo_dau", "Phần mở đầu: các căn cứ (in nghiêng) và/hoặc đoạn văn."),
    ("Plan.co_quan_lien_quan", "Danh mục cơ quan, đơn vị được dẫn chiếu bằng mã (id)."),
    ("Plan.noi_dung", "Nội dung: các phần đánh số I., II. …"),
    ("Plan.ket_luan", "Đoạn kết sau phần cuối; tự thêm \"./.\" vào đoạn cuối."),
    ("Plan.noi_nhan", "Nơi nhận (ô 9b)."),
    ("Plan.ky", "Khối chữ ký (ô 7)."),
    ("Plan.phu_luc", "Các phụ lục."),
    ("Plan.nhan", "Thay đổi câu chữ cố định của mẫu, theo khóa (xem docs/templates.md)."),
    ("Plan.trinh_bay", "Tùy chọn trình bày."),
    ("Issuer", "Cơ quan ban hành (ô 2) và tên dùng trong văn bản."),
    ("Issuer.chu_quan", "Tên cơ quan chủ quản (chữ đứng), có thể để trống."),
    ("Issuer.ban_hanh", "Tên cơ quan ban hành (chữ đậm), mỗi dòng một phần tử."),
    ("Issuer.ten", "Tên dùng trong câu, ví dụ \"UBND tỉnh\"."),
    ("Issuer.viet_tat", "Chữ viết tắt dùng trong ký hiệu, ví dụ \"UBND\"."),
    ("Opening", "Phần mở đầu."),
    ("Opening.can_cu", "Các dòng căn cứ (in nghiêng); kết thúc bằng \";\", dòng cuối bằng \".\"."),
    ("Opening.doan", "Các đoạn mở đầu (chữ đứng)."),
    ("Agency", "Một cơ quan, đơn vị trong danh mục."),
    ("Agency.id", "Mã dùng trong `chu_tri`, `phoi_hop`, `noi_nhan.ds`, ví dụ `snv` (chữ thường ASCII, không dấu cách)."),
    ("Agency.ten", "Tên đầy đủ, ví dụ \"Sở Nội vụ\"."),
    ("Agency.ten_ngan", "Tên viết tắt, ví dụ \"SNV\" (không bắt buộc)."),
    ("Section", "Một phần/mục đánh số; số thứ tự (I., 1., 1.1. …) do chương trình tính."),
    ("Section.tieu_de", "Tiêu đề; bỏ trống với khoản không có tiêu đề."),
    ("Section.dan", "Lời dẫn tiếp sau tiêu đề trong cùng đoạn."),
    ("Section.noi_dung", "Các khối nội dung theo thứ tự; khối `muc` là mục con."),
    ("Block", "Một khối nội dung: chuỗi là một đoạn văn; hoặc một ánh xạ có đúng một khóa."),
    ("KeyedBlock", "Khối nội dung có khóa."),
    ("KeyedBlock.doan", "Đoạn văn."),
    ("KeyedBlock.muc", "Mục con đánh số (1., 1.1. …)."),
    ("KeyedBlock.gach", "Danh sách gạch đầu dòng \"- …\"."),
    ("KeyedBlock.cong", "Danh sách dấu cộng \"+ …\"."),
    ("KeyedBlock.diem", "Các điểm a), b), … đ) …"),
    ("KeyedBlock.nhiem_vu", "Một nhiệm vụ, đánh số như mục con."),
    ("KeyedBlock.bang", "Một bảng trong nội dung."),
    ("ListItem", "Một dòng danh sách: chuỗi, hoặc ánh xạ có dòng con."),
    ("NestedItem", "Dòng danh sách có các dòng con (gạch đầu dòng có dấu cộng bên dưới)."),
    ("NestedItem.text", "Nội dung dòng."),
    ("NestedItem.con", "Các dòng con (cấp tiếp theo: - → +)."),
    ("Point", "Một điểm \"a) <tiêu đề> <lời dẫn>\" và các khối nội dung của nó."),
    ("Point.tieu_de", "Tiêu đề của điểm."),
    ("Point.dan", "Lời dẫn sau tiêu đề."),
    ("Point.noi_dung", "Các khối nội dung của điểm."),
    ("Task", "Một nhiệm vụ: tiêu chí, mục tiêu, giải pháp, chủ trì, phối hợp, thời hạn."),
    ("Task.id", "Mã nhiệm vụ (không bắt buộc), để dẫn chiếu và so sánh phiên bản."),
    ("Task.tieu_de", "Tên nhiệm vụ hoặc tiêu chí."),
    ("Task.muc_tieu", "Mục tiêu, yêu cầu."),
    ("Task.giai_phap", "Nhiệm vụ, giải pháp; chuỗi thành dòng gạch đầu dòng."),
    ("Task.chu_tri", "Cơ quan chủ trì: mã trong danh mục hoặc tên viết tự do."),
    ("Task.phoi_hop", "Cơ quan phối hợp: mã trong danh mục hoặc tên viết tự do."),
    ("Task.thoi_han", "Thời hạn, giữ nguyên cách viết (\"Quý III/2024\", \"trước ngày 15/12/2024\", \"Thường xuyên\" …)."),
    ("Task.san_pham", "Sản phẩm, kết quả đầu ra."),
    ("Task.ghi_chu", "Ghi chú."),
    ("Task.nhan", "Thay đổi câu chữ cố định cho riêng nhiệm vụ này."),
    ("Recipients", "Nơi nhận."),
    ("Recipients.ds", "Các dòng nơi nhận theo thứ tự, không có \"- \" đầu dòng và \";\" cuối dòng."),
    ("Recipients.luu", "Dòng \"Lưu\": các đơn vị sau \"VT\", ví dụ [\"TH4\"]."),
    ("Recipients.so_ban_luu", "Số bản lưu (ghi \"(n)\" sau đơn vị cuối)."),
    ("Recipients.ky_hieu_soan_thao", "Ký hiệu người soạn thảo và số bản phát hành (ô 12), ví dụ \"PL.(300)\"."),
    ("Recipient", "Một nơi nhận: một dòng, dòng có ghi chú, hoặc nhóm dòng chung một ghi chú."),
    ("AnnotatedRecipient", "Một nơi nhận có ghi chú riêng."),
    ("AnnotatedRecipient.ten", "Tên nơi nhận hoặc mã cơ quan."),
    ("AnnotatedRecipient.ghi_chu", "Ghi chú, ví dụ \"b/c\"."),
    ("RecipientGroup", "Nhóm nơi nhận chung một ghi chú (dấu ngoặc gộp)."),
    ("RecipientGroup.nhom", "Các dòng trong nhóm."),
    ("RecipientGroup.ghi_chu", "Ghi chú chung, ví dụ \"b/c\"."),
    ("Signer", "Người ký (ô 7a/7b)."),
    ("Signer.quyen_han", "Thẩm quyền ký, ví dụ [\"TM. ỦY BAN NHÂN DÂN\", \"KT. CHỦ TỊCH\"]."),
    ("Signer.chuc_vu", "Chức vụ người ký, ví dụ \"PHÓ CHỦ TỊCH\"."),
    ("Signer.ho_ten", "Họ và tên người ký."),
    ("Appendix", "Một phụ lục."),
    ("Appendix.id", "Mã phụ lục (không bắt buộc)."),
    ("Appendix.tieu_de", "Tên phụ lục (in hoa khi trình bày)."),
    ("Appendix.huong", "Hướng trang: `ngang` hoặc `doc`."),
    ("Appendix.truoc", "Các đoạn trước bảng."),
    ("Appendix.bang", "Bảng của phụ lục."),
    ("Appendix.tu_nhiem_vu", "Lập bảng từ các nhiệm vụ của kế hoạch."),
    ("Appendix.sau", "Các đoạn sau bảng."),
    ("Orientation", "Hướng trang: `doc` (dọc) hoặc `ngang`."),
    ("Table", "Một bảng: định nghĩa cột, tiêu đề nhiều tầng, các dòng phân cấp."),
    ("Table.cot", "Các cột."),
    ("Table.tieu_de_tren", "Các hàng tiêu đề phía trên tên cột (tiêu đề nhiều tầng)."),
    ("Table.so_cot", "In hàng số thứ tự cột \"1 2 3 …\" dưới tiêu đề."),
    ("Table.stt", "Cách đánh số thứ tự cột STT."),
    ("Table.dong", "Các dòng của bảng."),
    ("Table.dong_tong", "Nhãn dòng tổng (cộng các cột `tong`), ví dụ \"TỔNG ĐIỂM\"."),
    ("Table.co_chu", "Cỡ chữ trong bảng (pt)."),
    ("Column", "Định nghĩa một cột."),
    ("Column.ten", "Tên cột."),
    ("Column.rong", "Độ rộng tương đối; mặc định 1."),
    ("Column.can", "Căn lề: trai, giua, phai, deu."),
    ("Column.kieu", "Kiểu cột."),
    ("Column.tong", "Cột số được cộng vào dòng tổng."),
    ("Column.so_le", "Số chữ số thập phân."),
    ("Column.gop", "Gộp các ô liền nhau cùng nội dung trong cột thành một ô (gộp dọc)."),
    ("Align", "Căn lề: `trai`, `giua`, `phai`, `deu`."),
    ("ColumnKind", "Kiểu cột."),
    ("ColumnKind.chu", "Chữ (mặc định)."),
    ("ColumnKind.so", "Số: căn phải, dấu phẩy thập phân."),
    ("ColumnKind.stt", "Số thứ tự tự động; các dòng không ghi ô cho cột này."),
    ("SttScheme", "Cách đánh số thứ tự."),
    ("SttScheme.phan_cap", "1, 1.1, 1.1.1 theo cấp (mặc định)."),
    ("SttScheme.lien_tuc", "1, 2, 3 … liên tục; dòng nhóm không đánh số."),
    ("SttScheme.nhom_la_ma", "Dòng nhóm I, II …; các dòng khác 1, 2, 3 …"),
    ("Row", "Một dòng của bảng (không gồm ô STT)."),
    ("Row.o", "Các ô, từ trái sang phải (sau cột STT)."),
    ("Row.nhom", "Dòng nhóm: in đậm; với `nhom_la_ma` đánh số I, II …"),
    ("Row.dam", "In đậm cả dòng."),
    ("Row.nghieng", "In nghiêng cả dòng."),
    ("Row.stt", "Ghi đè số thứ tự (\"\" để không đánh số)."),
    ("Row.con", "Các dòng con (đánh số cấp dưới)."),
    ("Cell", "Một ô: giá trị đơn, hoặc ánh xạ có gộp ô và định dạng."),
    ("RichCell", "Ô có định dạng."),
    ("RichCell.text", "Nội dung chữ."),
    ("RichCell.so", "Giá trị số."),
    ("RichCell.ds", "Danh sách gạch đầu dòng trong ô."),
    ("RichCell.ngang", "Số cột gộp theo chiều ngang."),
    ("RichCell.doc", "Số dòng gộp theo chiều dọc."),
    ("RichCell.dam", "In đậm."),
    ("RichCell.nghieng", "In nghiêng."),
    ("RichCell.can", "Căn lề trong ô."),
    ("Layout", "Tùy chọn trình bày."),
    ("Layout.le", "Lề trang: \"mac-dinh\" (20/20/30/15 mm) hoặc \"nghi-dinh\" (25/20/35/20 mm)."),
    ("Layout.thut_dau_dong", "Thụt đầu dòng (cm): 1,0 hoặc 1,27."),
    ("Layout.co_chu", "Cỡ chữ nội dung (pt): 13 hoặc 14."),
    ("Layout.du_thao", "In chữ \"DỰ THẢO\" trên mọi trang."),
];

/// The JSON Schema of the plan format: draft-07 (what editors' YAML
/// support handles best), every object closed (`additionalProperties:
/// false`, as the loader denies unknown keys), descriptions in Vietnamese
/// then English.
pub fn json_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut root = generator.into_root_schema_for::<Plan>().to_value();
    let Value::Object(obj) = &mut root else {
        return root;
    };
    if let Some(Value::Object(defs)) = obj.get_mut("definitions") {
        for (name, def) in defs.iter_mut() {
            describe_type(name, def);
        }
    }
    describe_type("Plan", &mut root);
    let mut out = Map::new();
    out.insert(
        "$schema".into(),
        Value::String("http://json-schema.org/draft-07/schema#".into()),
    );
    out.insert("$id".into(), Value::String(SCHEMA_ID.into()));
    out.insert(
        "title".into(),
        Value::String("Kế hoạch (kehoach) — plan source".into()),
    );
    if let Value::Object(obj) = root {
        for (k, v) in obj {
            if !matches!(k.as_str(), "$schema" | "title") {
                out.insert(k, v);
            }
        }
    }
    Value::Object(out)
}

/// The schema as committed in `docs/plan.schema.json`: pretty JSON with a
/// final newline.
pub fn json_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    s.push('\n');
    s
}

fn vi(key: &str) -> Option<&'static str> {
    VI_DESCRIPTIONS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
}

/// Puts the Vietnamese text before the English doc comment (if any).
fn describe(schema: &mut Value, key: &str) {
    let Some(text) = vi(key) else { return };
    let Value::Object(obj) = schema else { return };
    let text = match obj.get("description").and_then(Value::as_str) {
        Some(en) => format!("{text}\n\n{en}"),
        None => text.to_string(),
    };
    // Draft-07 ignores keywords beside `$ref`; wrap it so the description
    // counts.
    if let Some(r) = obj.remove("$ref") {
        let mut wrapped = Map::new();
        wrapped.insert("$ref".into(), r);
        obj.insert("allOf".into(), Value::Array(vec![Value::Object(wrapped)]));
    }
    obj.insert("description".into(), Value::String(text));
}

fn describe_type(name: &str, def: &mut Value) {
    describe(def, name);
    let Value::Object(obj) = def else { return };
    if let Some(Value::Object(props)) = obj.get_mut("properties") {
        for (key, p) in props.iter_mut() {
            describe(p, &format!("{name}.{key}"));
        }
    }
    for alts in ["oneOf", "anyOf"] {
        let Some(Value::Array(alts)) = obj.get_mut(alts) else {
            continue;
        };
        for alt in alts {
            if let Some(c) = alt.get("const").and_then(Value::as_str) {
                let key = format!("{name}.{c}");
                describe(alt, &key);
            }
            // Externally tagged variants: one property, named by the key.
            let keys: Vec<String> = alt
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            if let [key] = keys.as_slice() {
                describe(alt, &format!("{name}.{key}"));
            }
        }
    }
}

/// The `Type.key` names the schema has, for checking that every one has a
/// Vietnamese description (and no description is stale).
pub fn described_keys(schema: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut visit = |name: &str, def: &Value| {
        out.push(name.to_string());
        if let Some(p) = def.get("properties").and_then(Value::as_object) {
            out.extend(p.keys().map(|k| format!("{name}.{k}")));
        }
        for alts in ["oneOf", "anyOf"] {
            for alt in def
                .get(alts)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(c) = alt.get("const").and_then(Value::as_str) {
                    out.push(format!("{name}.{c}"));
                }
                if let Some(p) = alt.get("properties").and_then(Value::as_object) {
                    if p.len() == 1 {
                        out.extend(p.keys().map(|k| format!("{name}.{k}")));
                    }
                }
            }
        }
    };
    visit("Plan", schema);
    if let Some(defs) = schema.get("definitions").and_then(Value::as_object) {
        for (name, def) in defs {
            visit(name, def);
        }
    }
    out.sort();
    out
}
