//! The shape of a plan source, key by key, so the loader can check a whole
//! YAML tree and report every problem before serde builds the typed `Plan`.
//!
//! This table mirrors `model.rs`; the unit tests below prove that every key
//! set here equals the key set serde accepts for the matching model type.

/// The kind of value a key holds.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// Text. A plain scalar such as `2024` is read as the text "2024".
    Str,
    /// A whole number ≥ 0 (`u32`); zero is reported by validation.
    Count,
    /// A small whole number ≥ 0 (`u8`).
    Small,
    /// Any number (`f32`/`f64`).
    Num,
    /// `true` or `false`.
    Bool,
    /// A list of values of one kind.
    Seq(&'static Ty),
    /// A map from text keys to text (`nhan`).
    StrMap,
    /// A map with known keys.
    Struct(&'static Struct),
    /// One of a few words (serde unit enums).
    Choice(&'static [&'static str]),
    /// A content block: text, or a map with exactly one of [`BLOCK_KEYS`].
    Block,
    /// A list item: text, or {text, con}.
    ListItem,
    /// A recipient: text, {ten, ghi_chu} or {nhom, ghi_chu}.
    Recipient,
    /// A table cell: empty, number, text or a map of [`RICH_CELL`] keys.
    Cell,
}

/// One key of a map.
#[derive(Debug)]
pub struct Field {
    pub key: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// A quoted empty value (`""`) is kept as empty text instead of being
    /// read as "not given": `stt: ""` leaves a row's STT cell blank, where a
    /// missing `stt` numbers it.
    pub empty_is_text: bool,
}

/// The keys of one model struct.
#[derive(Debug)]
pub struct Struct {
    /// The model type, for tests and messages.
    pub name: &'static str,
    pub fields: &'static [Field],
}

impl Struct {
    /// The field for `key`, if known.
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// All keys, in model order.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + Clone {
        self.fields.iter().map(|f| f.key)
    }
}

const fn req(key: &'static str, ty: Ty) -> Field {
    Field {
        key,
        ty,
        required: true,
        empty_is_text: false,
    }
}

const fn opt(key: &'static str, ty: Ty) -> Field {
    Field {
        key,
        ty,
        required: false,
        empty_is_text: false,
    }
}

/// An optional text field whose quoted `""` means "empty", not "absent".
const fn opt_empty(key: &'static str) -> Field {
    Field {
        key,
        ty: Ty::Str,
        required: false,
        empty_is_text: true,
    }
}

const STRS: Ty = Ty::Seq(&Ty::Str);
const BLOCKS: Ty = Ty::Seq(&Ty::Block);

/// Horizontal alignment words (`Align`).
pub const ALIGN: &[&str] = &["trai", "giua", "phai", "deu"];
/// Orientation words (`Orientation`).
pub const ORIENTATION: &[&str] = &["doc", "ngang"];
/// Column kinds (`ColumnKind`).
pub const COLUMN_KIND: &[&str] = &["chu", "so", "stt"];
/// STT schemes (`SttScheme`).
pub const STT_SCHEME: &[&str] = &["phan_cap", "lien_tuc", "nhom_la_ma"];

/// Keys of a keyed content block (`KeyedBlock`), each with its value kind.
pub const BLOCK_KEYS: &[(&str, Ty)] = &[
    ("doan", Ty::Str),
    ("muc", Ty::Struct(&SECTION)),
    ("gach", Ty::Seq(&Ty::ListItem)),
    ("cong", Ty::Seq(&Ty::ListItem)),
    ("diem", Ty::Seq(&Ty::Struct(&POINT))),
    ("nhiem_vu", Ty::Struct(&TASK)),
    ("bang", Ty::Struct(&TABLE)),
];

pub static PLAN: Struct = Struct {
    name: "Plan",
    fields: &[
        opt("loai", Ty::Str),
        req("co_quan", Ty::Struct(&ISSUER)),
        opt("so", Ty::Count),
        opt("ky_hieu", Ty::Str),
        req("dia_danh", Ty::Str),
        opt("ngay", Ty::Str),
        req("trich_yeu", Ty::Str),
        opt("mo_dau", Ty::Struct(&OPENING)),
        opt("co_quan_lien_quan", Ty::Seq(&Ty::Struct(&AGENCY))),
        req("noi_dung", Ty::Seq(&Ty::Struct(&SECTION))),
        opt("ket_luan", STRS),
        req("noi_nhan", Ty::Struct(&RECIPIENTS)),
        req("ky", Ty::Struct(&SIGNER)),
        opt("phu_luc", Ty::Seq(&Ty::Struct(&APPENDIX))),
        opt("nhan", Ty::StrMap),
        opt("trinh_bay", Ty::Struct(&LAYOUT)),
    ],
};

pub static ISSUER: Struct = Struct {
    name: "Issuer",
    fields: &[
        opt("chu_quan", STRS),
        req("ban_hanh", STRS),
        req("ten", Ty::Str),
        req("viet_tat", Ty::Str),
    ],
};

pub static OPENING: Struct = Struct {
    name: "Opening",
    fields: &[opt("can_cu", STRS), opt("doan", STRS)],
};

pub static AGENCY: Struct = Struct {
    name: "Agency",
    fields: &[
        req("id", Ty::Str),
        req("ten", Ty::Str),
        opt("ten_ngan", Ty::Str),
    ],
};

pub static SECTION: Struct = Struct {
    name: "Section",
    fields: &[
        opt("tieu_de", Ty::Str),
        opt("dan", Ty::Str),
        opt("noi_dung", BLOCKS),
    ],
};

pub static NESTED_ITEM: Struct = Struct {
    name: "NestedItem",
    fields: &[req("text", Ty::Str), opt("con", Ty::Seq(&Ty::ListItem))],
};

pub static POINT: Struct = Struct {
    name: "Point",
    fields: &[
        opt("tieu_de", Ty::Str),
        opt("dan", Ty::Str),
        opt("noi_dung", BLOCKS),
    ],
};

pub static TASK: Struct = Struct {
    name: "Task",
    fields: &[
        opt("id", Ty::Str),
        req("tieu_de", Ty::Str),
        opt("muc_tieu", Ty::Str),
        opt("giai_phap", BLOCKS),
        opt("chu_tri", STRS),
        opt("phoi_hop", STRS),
        opt("thoi_han", Ty::Str),
        opt("san_pham", Ty::Str),
        opt("ghi_chu", Ty::Str),
        opt("nhan", Ty::StrMap),
    ],
};

pub static RECIPIENTS: Struct = Struct {
    name: "Recipients",
    fields: &[
        opt("ds", Ty::Seq(&Ty::Recipient)),
        opt("luu", STRS),
        opt("so_ban_luu", Ty::Count),
        opt("ky_hieu_soan_thao", Ty::Str),
    ],
};

pub static ANNOTATED_RECIPIENT: Struct = Struct {
    name: "AnnotatedRecipient",
    fields: &[req("ten", Ty::Str), req("ghi_chu", Ty::Str)],
};

pub static RECIPIENT_GROUP: Struct = Struct {
    name: "RecipientGroup",
    fields: &[req("nhom", STRS), req("ghi_chu", Ty::Str)],
};

pub static SIGNER: Struct = Struct {
    name: "Signer",
    fields: &[
        opt("quyen_han", STRS),
        req("chuc_vu", Ty::Str),
        req("ho_ten", Ty::Str),
    ],
};

pub static APPENDIX: Struct = Struct {
    name: "Appendix",
    fields: &[
        opt("id", Ty::Str),
        req("tieu_de", Ty::Str),
        opt("huong", Ty::Choice(ORIENTATION)),
        opt("truoc", BLOCKS),
        opt("bang", Ty::Struct(&TABLE)),
        opt("tu_nhiem_vu", Ty::Bool),
        opt("sau", BLOCKS),
    ],
};

pub static TABLE: Struct = Struct {
    name: "Table",
    fields: &[
        req("cot", Ty::Seq(&Ty::Struct(&COLUMN))),
        opt("tieu_de_tren", Ty::Seq(&Ty::Seq(&Ty::Cell))),
        opt("so_cot", Ty::Bool),
        opt("stt", Ty::Choice(STT_SCHEME)),
        req("dong", Ty::Seq(&Ty::Struct(&ROW))),
        opt("dong_tong", Ty::Str),
        opt("co_chu", Ty::Num),
    ],
};

pub static COLUMN: Struct = Struct {
    name: "Column",
    fields: &[
        req("ten", Ty::Str),
        opt("rong", Ty::Num),
        opt("can", Ty::Choice(ALIGN)),
        opt("kieu", Ty::Choice(COLUMN_KIND)),
        opt("tong", Ty::Bool),
        opt("so_le", Ty::Small),
        opt("gop", Ty::Bool),
    ],
};

pub static ROW: Struct = Struct {
    name: "Row",
    fields: &[
        opt("o", Ty::Seq(&Ty::Cell)),
        opt("nhom", Ty::Bool),
        opt("dam", Ty::Bool),
        opt("nghieng", Ty::Bool),
        opt_empty("stt"),
        opt("con", Ty::Seq(&Ty::Struct(&ROW))),
    ],
};

pub static RICH_CELL: Struct = Struct {
    name: "RichCell",
    fields: &[
        opt("text", Ty::Str),
        opt("so", Ty::Num),
        opt("ds", STRS),
        opt("ngang", Ty::Count),
        opt("doc", Ty::Count),
        opt("dam", Ty::Bool),
        opt("nghieng", Ty::Bool),
        opt("can", Ty::Choice(ALIGN)),
    ],
};

pub static LAYOUT: Struct = Struct {
    name: "Layout",
    fields: &[
        opt("le", Ty::Str),
        opt("thut_dau_dong", Ty::Num),
        opt("co_chu", Ty::Num),
        opt("du_thao", Ty::Bool),
    ],
};

/// Every struct of the table, for documentation and tests.
pub static ALL: &[&Struct] = &[
    &PLAN,
    &ISSUER,
    &OPENING,
    &AGENCY,
    &SECTION,
    &NESTED_ITEM,
    &POINT,
    &TASK,
    &RECIPIENTS,
    &ANNOTATED_RECIPIENT,
    &RECIPIENT_GROUP,
    &SIGNER,
    &APPENDIX,
    &TABLE,
    &COLUMN,
    &ROW,
    &RICH_CELL,
    &LAYOUT,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::model::*;
    use serde::de::DeserializeOwned;

    /// The keys serde accepts for `T`, read from its `deny_unknown_fields`
    /// error ("unknown field `…`, expected one of `a`, `b`").
    fn serde_keys<T: DeserializeOwned>() -> Vec<String> {
        serde_list::<T>("zz_khong_co: 1")
    }

    fn serde_list<T: DeserializeOwned>(input: &str) -> Vec<String> {
        let err = serde_yaml::from_str::<T>(input)
            .err()
            .expect("bogus key must fail");
        let msg = err.to_string();
        let tail = msg
            .split("expected ")
            .nth(1)
            .unwrap_or_else(|| panic!("no key list in {msg}"));
        tail.split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s.to_string())
            .collect()
    }

    fn keys(s: &Struct) -> Vec<String> {
        s.keys().map(str::to_string).collect()
    }

    #[test]
    fn schema_matches_the_model() {
        assert_eq!(keys(&PLAN), serde_keys::<Plan>());
        assert_eq!(keys(&ISSUER), serde_keys::<Issuer>());
        assert_eq!(keys(&OPENING), serde_keys::<Opening>());
        assert_eq!(keys(&AGENCY), serde_keys::<Agency>());
        assert_eq!(keys(&SECTION), serde_keys::<Section>());
        assert_eq!(keys(&NESTED_ITEM), serde_keys::<NestedItem>());
        assert_eq!(keys(&POINT), serde_keys::<Point>());
        assert_eq!(keys(&TASK), serde_keys::<Task>());
        assert_eq!(keys(&RECIPIENTS), serde_keys::<Recipients>());
        assert_eq!(
            keys(&ANNOTATED_RECIPIENT),
            serde_keys::<AnnotatedRecipient>()
        );
        assert_eq!(keys(&RECIPIENT_GROUP), serde_keys::<RecipientGroup>());
        assert_eq!(keys(&SIGNER), serde_keys::<Signer>());
        assert_eq!(keys(&APPENDIX), serde_keys::<Appendix>());
        assert_eq!(keys(&TABLE), serde_keys::<Table>());
        assert_eq!(keys(&COLUMN), serde_keys::<Column>());
        assert_eq!(keys(&ROW), serde_keys::<Row>());
        assert_eq!(keys(&RICH_CELL), serde_keys::<RichCell>());
        assert_eq!(keys(&LAYOUT), serde_keys::<Layout>());
        let block: Vec<String> = BLOCK_KEYS.iter().map(|(k, _)| k.to_string()).collect();
        // Keyed blocks are an externally tagged enum; serde lists its variants.
        assert_eq!(block, serde_list::<KeyedBlock>("!zz_khong_co 1"));
    }

    #[test]
    fn choices_match_the_model() {
        fn variants<T: DeserializeOwned>() -> Vec<String> {
            let msg = serde_yaml::from_str::<T>("zz").err().unwrap().to_string();
            let tail = msg.split("expected ").nth(1).unwrap().to_string();
            tail.split('`')
                .enumerate()
                .filter(|(i, _)| i % 2 == 1)
                .map(|(_, s)| s.to_string())
                .collect()
        }
        let own = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(own(ALIGN), variants::<Align>());
        assert_eq!(own(ORIENTATION), variants::<Orientation>());
        assert_eq!(own(COLUMN_KIND), variants::<ColumnKind>());
        assert_eq!(own(STT_SCHEME), variants::<SttScheme>());
    }

    #[test]
    fn required_keys_match_the_model() {
        // serde names the first missing required field; an empty map must
        // fail exactly when the schema has a required key.
        fn first_missing<T: DeserializeOwned>() -> Option<String> {
            serde_yaml::from_str::<T>("{}").err().map(|e| {
                let m = e.to_string();
                m.split('`').nth(1).unwrap_or("").to_string()
            })
        }
        fn first_required(s: &Struct) -> Option<String> {
            s.fields
                .iter()
                .find(|f| f.required)
                .map(|f| f.key.to_string())
        }
        assert_eq!(first_required(&PLAN), first_missing::<Plan>());
        assert_eq!(first_required(&ISSUER), first_missing::<Issuer>());
        assert_eq!(first_required(&OPENING), first_missing::<Opening>());
        assert_eq!(first_required(&AGENCY), first_missing::<Agency>());
        assert_eq!(first_required(&SECTION), first_missing::<Section>());
        assert_eq!(first_required(&TASK), first_missing::<Task>());
        assert_eq!(first_required(&SIGNER), first_missing::<Signer>());
        assert_eq!(first_required(&APPENDIX), first_missing::<Appendix>());
        assert_eq!(first_required(&TABLE), first_missing::<Table>());
        assert_eq!(first_required(&COLUMN), first_missing::<Column>());
        assert_eq!(first_required(&ROW), first_missing::<Row>());
        assert_eq!(first_required(&RICH_CELL), first_missing::<RichCell>());
        assert_eq!(first_required(&LAYOUT), first_missing::<Layout>());
        assert_eq!(first_required(&RECIPIENTS), first_missing::<Recipients>());
    }

    #[test]
    fn every_key_is_documented() {
        let doc = include_str!("../../docs/plan-format.md");
        for st in ALL {
            for key in st.keys() {
                assert!(
                    doc.contains(&format!("| `{key}` |")),
                    "docs/plan-format.md lacks `{key}` of {}",
                    st.name
                );
            }
        }
        for (key, _) in BLOCK_KEYS {
            assert!(
                doc.contains(&format!("| `{key}` |")),
                "docs/plan-format.md lacks block `{key}`"
            );
        }
        for word in ALIGN
            .iter()
            .chain(ORIENTATION)
            .chain(COLUMN_KIND)
            .chain(STT_SCHEME)
        {
            assert!(
                doc.contains(&format!("`{word}`")),
                "docs/plan-format.md lacks `{word}`"
            );
        }
    }
}
