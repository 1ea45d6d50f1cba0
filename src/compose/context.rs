//! The template context: the plan seen through the rules (agency names, dates, numbers, merged wording), as data for tera.

use std::collections::BTreeMap;

use serde::Serialize;

use super::tables::{self, TableView};
use crate::diag::{did_you_mean, Diagnostic, Text};
use crate::plan::model::{self as m, Plan};
use crate::vn;

/// Everything a template sees. Documented key by key in `docs/templates.md`.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    /// The plan as written, for templates that need a field not prepared here.
    pub plan: &'a Plan,
    pub loai: KindView,
    pub co_quan: &'a m::Issuer,
    /// "152/KH-UBND", or "      /KH-UBND" when the number is not given yet.
    pub so_ky_hieu: String,
    /// "Số: 152/KH-UBND" (R17).
    pub dong_so: String,
    /// "ngày 13 tháng 6 năm 2024", with blanks for what is not known yet.
    pub ngay_chu: String,
    /// "Vĩnh Phúc, ngày 13 tháng 6 năm 2024" (R19).
    pub dia_danh_ngay: String,
    pub trich_yeu: &'a str,
    pub can_cu: &'a [String],
    pub mo_dau: &'a [String],
    pub noi_dung: Vec<Node>,
    pub ket_luan: &'a [String],
    pub noi_nhan: RecipientsView,
    pub ky: &'a m::Signer,
    pub phu_luc: Vec<AppendixView>,
    /// Wording: template defaults overridden by the plan's `nhan`.
    pub nhan: BTreeMap<String, String>,
    pub du_thao: bool,
}

#[derive(Debug, Serialize)]
pub struct KindView {
    /// "KẾ HOẠCH"
    pub ten_in_hoa: String,
    /// "Kế hoạch"
    pub ten: String,
    /// "KH"
    pub viet_tat: String,
}

/// A body block, tagged by `loai`.
#[derive(Debug, Serialize)]
#[serde(tag = "loai", rename_all = "snake_case")]
pub enum Node {
    Doan {
        text: String,
    },
    Muc {
        tieu_de: Option<String>,
        dan: Option<String>,
        noi_dung: Vec<Node>,
    },
    Gach {
        items: Vec<ItemView>,
    },
    Cong {
        items: Vec<ItemView>,
    },
    Diem {
        items: Vec<PointView>,
    },
    NhiemVu(Box<TaskView>),
    Bang {
        bang: TableView,
    },
}

#[derive(Debug, Serialize)]
pub struct ItemView {
    pub text: String,
    pub con: Vec<ItemView>,
}

#[derive(Debug, Serialize)]
pub struct PointView {
    pub tieu_de: Option<String>,
    pub dan: Option<String>,
    pub noi_dung: Vec<Node>,
}

#[derive(Debug, Serialize)]
pub struct TaskView {
    pub id: Option<String>,
    pub tieu_de: String,
    pub muc_tieu: Option<String>,
    pub giai_phap: Vec<Node>,
    /// Agency names joined with ", ", without a final period.
    pub chu_tri: String,
    pub phoi_hop: String,
    pub thoi_han: Option<String>,
    pub san_pham: Option<String>,
    pub ghi_chu: Option<String>,
    /// Wording for this task: template, then plan, then task overrides.
    pub nhan: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub struct RecipientsView {
    pub ds: Vec<RecipientView>,
    pub luu: Vec<String>,
    pub so_ban_luu: Option<u32>,
    pub ky_hieu_soan_thao: Option<String>,
}

/// One Nơi nhận entry; `nhom` is non-empty for a brace group.
#[derive(Debug, Serialize)]
pub struct RecipientView {
    pub ten: String,
    pub ghi_chu: Option<String>,
    pub nhom: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct AppendixView {
    pub id: Option<String>,
    pub tieu_de: String,
    /// "ngang", "doc", or absent (decided by the table width).
    pub huong: Option<&'static str>,
    pub truoc: Vec<Node>,
    pub bang: Option<TableView>,
    pub sau: Vec<Node>,
}

/// Whether a value names a registered agency by id rather than by text.
fn looks_like_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Resolves agency ids to full names and keeps everything else as written.
pub struct Agencies<'a> {
    by_id: BTreeMap<&'a str, &'a str>,
}

impl<'a> Agencies<'a> {
    pub fn new(plan: &'a Plan) -> Agencies<'a> {
        Agencies {
            by_id: plan
                .co_quan_lien_quan
                .iter()
                .map(|a| (a.id.as_str(), a.ten.as_str()))
                .collect(),
        }
    }

    pub fn name(&self, s: &str) -> String {
        let t = s.trim();
        if looks_like_id(t) {
            if let Some(name) = self.by_id.get(t) {
                return (*name).to_string();
            }
        }
        s.to_string()
    }

    /// Names joined with ", ", final "." or ";" removed (the template adds punctuation).
    pub fn join(&self, list: &[String]) -> String {
        let names: Vec<String> = list.iter().map(|s| self.name(s)).collect();
        names
            .join(", ")
            .trim_end_matches(['.', ';', ' '])
            .to_string()
    }
}

/// Builds the context. `labels` are the template's default wording.
pub fn build<'a>(
    plan: &'a Plan,
    file: &str,
    labels: &BTreeMap<String, String>,
) -> Result<View<'a>, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let nhan = merge_labels(labels, &plan.nhan, file, "nhan", &mut diags);
    let agencies = Agencies::new(plan);
    let kind = vn::doc_kind(&plan.loai);
    let (ten_in_hoa, ten, viet_tat) = match &kind {
        Some(k) => (
            k.title_upper.to_string(),
            k.name.to_string(),
            k.abbrev.to_string(),
        ),
        None => {
            diags.push(
                Diagnostic::error(
                    "E301",
                    file,
                    Text::new(
                        format!("loại văn bản `{}` không được hỗ trợ", plan.loai),
                        format!("unsupported document kind `{}`", plan.loai),
                    ),
                )
                .field("loai"),
            );
            (String::new(), String::new(), String::new())
        }
    };
    let ky_hieu = plan
        .ky_hieu
        .clone()
        .unwrap_or_else(|| format!("{viet_tat}-{}", plan.co_quan.viet_tat));
    let date = match plan.ngay.as_deref().map(vn::parse_plan_date) {
        None => vn::PlanDate::Blank,
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            diags.push(Diagnostic::error("E302", file, Text::new(e.vi, e.en)).field("ngay"));
            vn::PlanDate::Blank
        }
    };
    let so_ky_hieu = match plan.so {
        Some(n) => format!("{}/{ky_hieu}", vn::doc_number(n)),
        None => format!("      /{ky_hieu}"),
    };
    let mut cx = Cx {
        file,
        labels: &nhan,
        agencies: &agencies,
        diags: &mut diags,
        task_index: 0,
    };
    let noi_dung = cx.nodes_of_sections(&plan.noi_dung);
    let mut phu_luc = Vec::with_capacity(plan.phu_luc.len());
    for (i, a) in plan.phu_luc.iter().enumerate() {
        let bang = if a.tu_nhiem_vu {
            Some(tables::from_tasks(plan, &agencies, &nhan))
        } else {
            a.bang.as_ref().map(|t| tables::view(t, tables::APPENDIX))
        };
        let path = format!("phu_luc[{i}]");
        phu_luc.push(AppendixView {
            id: a.id.clone(),
            tieu_de: a.tieu_de.clone(),
            huong: a.huong.map(|h| match h {
                m::Orientation::Doc => "doc",
                m::Orientation::Ngang => "ngang",
            }),
            truoc: cx.nodes(&a.truoc, &format!("{path}.truoc")),
            bang,
            sau: cx.nodes(&a.sau, &format!("{path}.sau")),
        });
    }
    let noi_nhan = RecipientsView {
        ds: plan
            .noi_nhan
            .ds
            .iter()
            .map(|r| match r {
                m::Recipient::Line(s) => RecipientView {
                    ten: recipient(&agencies, s),
                    ghi_chu: None,
                    nhom: Vec::new(),
                },
                m::Recipient::Annotated(a) => RecipientView {
                    ten: recipient(&agencies, &a.ten),
                    ghi_chu: Some(a.ghi_chu.clone()),
                    nhom: Vec::new(),
                },
                m::Recipient::Group(g) => RecipientView {
                    ten: String::new(),
                    ghi_chu: Some(g.ghi_chu.clone()),
                    nhom: g.nhom.iter().map(|s| recipient(&agencies, s)).collect(),
                },
            })
            .collect(),
        luu: plan.noi_nhan.luu.clone(),
        so_ban_luu: plan.noi_nhan.so_ban_luu,
        ky_hieu_soan_thao: plan.noi_nhan.ky_hieu_soan_thao.clone(),
    };
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(View {
        plan,
        loai: KindView {
            ten_in_hoa,
            ten,
            viet_tat,
        },
        co_quan: &plan.co_quan,
        dong_so: vn::number_line(plan.so, &ky_hieu),
        so_ky_hieu,
        ngay_chu: vn::date_words(&date),
        dia_danh_ngay: vn::place_date(&plan.dia_danh, &date),
        trich_yeu: &plan.trich_yeu,
        can_cu: &plan.mo_dau.can_cu,
        mo_dau: &plan.mo_dau.doan,
        noi_dung,
        ket_luan: &plan.ket_luan,
        noi_nhan,
        ky: &plan.ky,
        phu_luc,
        nhan,
        du_thao: plan.trinh_bay.du_thao,
    })
}

/// Template wording overridden by `over`; a key the template does not know is
/// an error (a misspelt key would silently keep the default wording).
pub fn merge_labels(
    base: &BTreeMap<String, String>,
    over: &BTreeMap<String, String>,
    file: &str,
    field: &str,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let mut out = base.clone();
    for (k, v) in over {
        if base.contains_key(k) {
            out.insert(k.clone(), v.clone());
        } else {
            let mut d = Diagnostic::error(
                "E303",
                file,
                Text::new(
                    format!("khóa nhãn `{k}` không có trong mẫu"),
                    format!("label key `{k}` is not defined by the template"),
                ),
            )
            .field(format!("{field}.{k}"));
            if let Some(s) = did_you_mean(k, base.keys().map(String::as_str)) {
                d = d.hint(Text::new(
                    format!("có phải là `{s}`?"),
                    format!("did you mean `{s}`?"),
                ));
            }
            diags.push(d);
        }
    }
    out
}

struct Cx<'a, 'd> {
    file: &'a str,
    labels: &'a BTreeMap<String, String>,
    agencies: &'a Agencies<'a>,
    diags: &'d mut Vec<Diagnostic>,
    task_index: usize,
}

impl Cx<'_, '_> {
    fn nodes_of_sections(&mut self, sections: &[m::Section]) -> Vec<Node> {
        sections
            .iter()
            .enumerate()
            .map(|(i, s)| self.section(s, &format!("noi_dung[{i}]")))
            .collect()
    }

    fn section(&mut self, s: &m::Section, path: &str) -> Node {
        Node::Muc {
            tieu_de: s.tieu_de.clone(),
            dan: s.dan.clone(),
            noi_dung: self.nodes(&s.noi_dung, &format!("{path}.noi_dung")),
        }
    }

    fn nodes(&mut self, blocks: &[m::Block], path: &str) -> Vec<Node> {
        blocks
            .iter()
            .enumerate()
            .map(|(i, b)| self.node(b, &format!("{path}[{i}]"), false))
            .collect()
    }

    /// `dash_text`: plain strings become dash items (inside a task's giải pháp).
    fn node(&mut self, b: &m::Block, path: &str, dash_text: bool) -> Node {
        match b {
            m::Block::Text(t) if dash_text => Node::Gach {
                items: vec![ItemView {
                    text: t.clone(),
                    con: Vec::new(),
                }],
            },
            m::Block::Text(t) => Node::Doan { text: t.clone() },
            m::Block::Keyed(k) => match k {
                m::KeyedBlock::Doan(t) => Node::Doan { text: t.clone() },
                m::KeyedBlock::Muc(s) => self.section(s, &format!("{path}.muc")),
                m::KeyedBlock::Gach(items) => Node::Gach {
                    items: items.iter().map(item).collect(),
                },
                m::KeyedBlock::Cong(items) => Node::Cong {
                    items: items.iter().map(item).collect(),
                },
                m::KeyedBlock::Diem(points) => Node::Diem {
                    items: points
                        .iter()
                        .enumerate()
                        .map(|(i, p)| PointView {
                            tieu_de: p.tieu_de.clone(),
                            dan: p.dan.clone(),
                            noi_dung: self
                                .nodes(&p.noi_dung, &format!("{path}.diem[{i}].noi_dung")),
                        })
                        .collect(),
                },
                m::KeyedBlock::NhiemVu(t) => self.task(t, &format!("{path}.nhiem_vu")),
                m::KeyedBlock::Bang(t) => Node::Bang {
                    bang: tables::view(t, tables::BODY),
                },
            },
        }
    }

    fn task(&mut self, t: &m::Task, path: &str) -> Node {
        self.task_index += 1;
        let nhan = merge_labels(
            self.labels,
            &t.nhan,
            self.file,
            &format!("{path}.nhan"),
            self.diags,
        );
        let giai_phap = t
            .giai_phap
            .iter()
            .enumerate()
            .map(|(i, b)| self.node(b, &format!("{path}.giai_phap[{i}]"), true))
            .collect();
        Node::NhiemVu(Box::new(TaskView {
            id: t.id.clone(),
            tieu_de: t.tieu_de.clone(),
            muc_tieu: t.muc_tieu.clone(),
            giai_phap,
            chu_tri: self.agencies.join(&t.chu_tri),
            phoi_hop: self.agencies.join(&t.phoi_hop),
            thoi_han: t
                .thoi_han
                .as_ref()
                .map(|s| s.trim_end_matches(['.', ' ']).to_string()),
            san_pham: t
                .san_pham
                .as_ref()
                .map(|s| s.trim_end_matches(['.', ' ']).to_string()),
            ghi_chu: t
                .ghi_chu
                .as_ref()
                .map(|s| s.trim_end_matches(['.', ' ']).to_string()),
            nhan,
        }))
    }
}

/// A recipient's name without the line's own punctuation (the template
/// writes "- …;"), so a name typed with its ";" does not print ";;".
fn recipient(agencies: &Agencies, s: &str) -> String {
    agencies.name(s).trim_end_matches([';', ' ']).to_string()
}

fn item(i: &m::ListItem) -> ItemView {
    match i {
        m::ListItem::Text(t) => ItemView {
            text: t.clone(),
            con: Vec::new(),
        },
        m::ListItem::Nested(n) => ItemView {
            text: n.text.clone(),
            con: n.con.iter().map(item).collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_ascii() {
        assert!(looks_like_id("snv"));
        assert!(looks_like_id("so-tu_phap2"));
        assert!(!looks_like_id("Sở Nội vụ"));
        assert!(!looks_like_id("2snv"));
        assert!(!looks_like_id(""));
    }

    #[test]
    fn unknown_label_keys_are_errors_with_a_suggestion() {
        let base: BTreeMap<String, String> =
            [("chu_tri".to_string(), "Cơ quan chủ trì".to_string())].into();
        let over: BTreeMap<String, String> = [("chu_trri".to_string(), "X".to_string())].into();
        let mut d = Vec::new();
        let merged = merge_labels(&base, &over, "p.yaml", "nhan", &mut d);
        assert_eq!(merged["chu_tri"], "Cơ quan chủ trì");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].field.as_deref(), Some("nhan.chu_trri"));
        assert!(d[0].hint.as_ref().unwrap().en.contains("chu_tri"));
    }
}
