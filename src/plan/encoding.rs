//! Byte- and line-level checks of a plan source, before YAML parsing:
//! encodings (UTF-16, invalid UTF-8, TCVN3/VNI), control characters, tabs.

use crate::diag::{Diagnostic, Span, Text};
use crate::vn;

fn save_as_utf8() -> Text {
    Text::new(
        "mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8",
        "open the file in an editor and save it as UTF-8",
    )
}

/// Empty files, UTF-16/32, invalid UTF-8 (or legacy 8-bit encodings).
pub(super) fn check_bytes(path: &str, bytes: &[u8]) -> Result<String, Vec<Diagnostic>> {
    let err = |code, vi: String, en: String| Diagnostic::error(code, path, Text::new(vi, en));
    if let Some(kind) = binary_kind(bytes) {
        return Err(vec![err(
            crate::limits::E_BINARY,
            format!("tệp không phải văn bản mà là dữ liệu nhị phân ({})", kind.0),
            format!("the file is not text but binary data ({})", kind.1),
        )
        .at(Some(Span { line: 1, column: 1 }))
        .hint(Text::new(
            "chọn đúng tệp kế hoạch .yaml (tệp văn bản, mở được bằng Notepad)",
            "choose the plan's .yaml file (a text file that opens in Notepad)",
        ))]);
    }
    if bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || bytes.starts_with(&[0, 0, 0xFE, 0xFF])
        || looks_like_utf16(bytes)
    {
        return Err(vec![err(
            "E003",
            "tệp được lưu với bảng mã UTF-16, chương trình chỉ đọc UTF-8".into(),
            "the file is encoded as UTF-16; only UTF-8 is read".into(),
        )
        .at(Some(Span { line: 1, column: 1 }))
        .hint(Text::new(
            "lưu lại tệp với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8)",
            "save the file as UTF-8 (in Notepad: Save as… → Encoding: UTF-8)",
        ))]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(vec![empty_file(path)]);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            let at = Some(Span { line, column });
            // An 8-bit legacy file read byte by byte shows its tell-tale
            // letters; a UTF-8 file with a few damaged bytes does not count
            // (its Vietnamese letters would read as legacy ones).
            let lossy = String::from_utf8_lossy(bytes);
            let damaged = lossy.chars().filter(|c| *c == '\u{FFFD}').count();
            let letters = lossy
                .chars()
                .filter(|c| !c.is_ascii() && *c != '\u{FFFD}')
                .count();
            let latin1: String = bytes.iter().map(|b| char::from(*b)).collect();
            if let Some(enc) = (letters < damaged)
                .then(|| vn::detect_legacy(&latin1))
                .flatten()
            {
                return Err(vec![legacy_diag(path, enc, at)]);
            }
            Err(vec![err(
                "E002",
                format!("tệp không phải văn bản UTF-8: byte không hợp lệ ở dòng {line}"),
                format!("the file is not valid UTF-8: invalid byte on line {line}"),
            )
            .at(at)
            .hint(save_as_utf8())])
        }
    }
}

pub(super) fn empty_file(path: &str) -> Diagnostic {
    Diagnostic::error(
        "E001",
        path,
        Text::new(
            "tệp rỗng: không có nội dung nào ngoài chú thích",
            "the file is empty: nothing but comments",
        ),
    )
    .at(Some(Span { line: 1, column: 1 }))
    .hint(Text::new(
        "tạo một kế hoạch mẫu bằng lệnh `kehoach new TỆP.yaml`",
        "create a starter plan with `kehoach new FILE.yaml`",
    ))
}

/// Files picked by mistake: a document, an image or other binary data
/// (known signatures, or many NUL bytes, which no text has).
fn binary_kind(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const MAGIC: &[(&[u8], &str, &str)] = &[
        (
            b"PK\x03\x04",
            "tệp nén ZIP hoặc DOCX/XLSX",
            "a ZIP, DOCX or XLSX file",
        ),
        (b"%PDF", "tệp PDF", "a PDF file"),
        (
            b"\xD0\xCF\x11\xE0",
            "tệp Word/Excel cũ (.doc/.xls)",
            "an old Word/Excel file (.doc/.xls)",
        ),
        (b"\x89PNG", "ảnh PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "ảnh JPEG", "a JPEG image"),
        (b"GIF8", "ảnh GIF", "a GIF image"),
        (b"\x7FELF", "chương trình", "a program"),
    ];
    if let Some((_, vi, en)) = MAGIC.iter().find(|(m, _, _)| bytes.starts_with(m)) {
        return Some((vi, en));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let nul = head.iter().filter(|b| **b == 0).count();
    // UTF-16 text is half zero bytes too; it has its own diagnostic.
    (nul * 100 > head.len() && !looks_like_utf16(bytes))
        .then_some(("nhiều byte 0", "many zero bytes"))
}

fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    head.len() >= 4 && head.iter().filter(|b| **b == 0).count() * 3 >= head.len()
}

fn legacy_diag(path: &str, enc: vn::LegacyEncoding, at: Option<Span>) -> Diagnostic {
    let (vi, en) = match enc {
        vn::LegacyEncoding::Tcvn3 => ("TCVN3 (phông .Vn…)", "TCVN3 (.Vn fonts)"),
        vn::LegacyEncoding::Vni => ("VNI (phông VNI-…)", "VNI (VNI- fonts)"),
    };
    Diagnostic::error(
        "E004",
        path,
        Text::new(
            format!("văn bản được gõ bằng bảng mã cũ {vi}, không phải Unicode"),
            format!("the text is in the legacy Vietnamese encoding {en}, not Unicode"),
        ),
    )
    .at(at)
    .hint(Text::new(
        "chuyển mã sang Unicode (Unikey: Công cụ chuyển mã, nguồn TCVN3 hoặc VNI, đích Unicode) rồi lưu tệp với bảng mã UTF-8",
        "convert the text to Unicode (e.g. Unikey's converter, source TCVN3 or VNI, target Unicode) and save as UTF-8",
    ))
}

pub(super) fn forbidden_text(c: char) -> Text {
    let u = c as u32;
    if c == '\u{FFFD}' {
        Text::new(
            "ký tự thay thế U+FFFD: văn bản đã bị hỏng mã khi chuyển đổi",
            "replacement character U+FFFD: the text was damaged by a conversion",
        )
    } else if c.is_control() {
        Text::new(
            format!("ký tự điều khiển U+{u:04X} không được phép trong kế hoạch"),
            format!("control character U+{u:04X} is not allowed in a plan"),
        )
    } else {
        Text::new(
            format!("ký tự vùng riêng U+{u:04X} (ký hiệu của phông Symbol/Wingdings) không được phép trong kế hoạch"),
            format!("private-use character U+{u:04X} (a Symbol/Wingdings glyph) is not allowed in a plan"),
        )
    }
}

/// Legacy encodings, control characters and tab indentation, line by line.
pub(super) fn check_text(path: &str, text: &str) -> Result<(), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut legacy_seen = false;
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if let Some((idx, c)) = vn::forbidden_char(line) {
            diags.push(
                Diagnostic::error(
                    "E005",
                    path,
                    forbidden_text(c),
                )
                .at(Some(Span {
                    line: line_no,
                    column: idx + 1,
                }))
                .hint(Text::new(
                    "xóa ký tự này (thường do sao chép từ PDF hoặc Word); gõ lại đoạn văn bản nếu cần",
                    "delete the character (often pasted from a PDF or Word); retype the text if needed",
                )),
            );
        }
        if !legacy_seen {
            if let Some(enc) = vn::detect_legacy(line) {
                legacy_seen = true;
                let column = line
                    .chars()
                    .position(|c| !c.is_ascii())
                    .map_or(1, |p| p + 1);
                diags.push(legacy_diag(
                    path,
                    enc,
                    Some(Span {
                        line: line_no,
                        column,
                    }),
                ));
            }
        }
        let indent_len = line
            .bytes()
            .take_while(|b| *b == b' ' || *b == b'\t')
            .count();
        let indent = &line[..indent_len];
        if let Some(p) = indent.chars().position(|c| c == '\t') {
            let rest = line[indent.len()..].trim_start();
            if !rest.is_empty() && !rest.starts_with('#') {
                diags.push(
                    Diagnostic::error(
                        "E006",
                        path,
                        Text::new(
                            "dòng được thụt lề bằng phím Tab; YAML chỉ cho phép dấu cách",
                            "the line is indented with a tab; YAML allows only spaces",
                        ),
                    )
                    .at(Some(Span {
                        line: line_no,
                        column: p + 1,
                    }))
                    .hint(Text::new(
                        "thay mỗi Tab bằng dấu cách (thường 2 dấu cách cho mỗi cấp)",
                        "replace each tab with spaces (usually 2 per level)",
                    )),
                );
            }
        }
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(diags)
    }
}
