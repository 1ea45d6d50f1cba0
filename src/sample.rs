//! Synthetic plans of a chosen size, for benchmarks and load tests.
//!
//! A sample reads like a real provincial plan: its sentences are built from
//! phrases taken from the reference plans (Vĩnh Phúc, Đắk Lắk, Gia Lai), in
//! the same shapes (parts I–V, khoản 1./1.1./1.1.1., dash and plus lists,
//! lettered items, tasks with a lead agency and a deadline, căn cứ, Nơi nhận,
//! a signer) and it ends with one Phụ lục table: hierarchical rows, numeric
//! `tong` columns whose parents are the sums of their children, vertical
//! merges (`doc`) in the lead-agency column and a total row.
//!
//! Size calibration: one page is taken as [`WORDS_PER_PAGE`] words
//! (space-separated syllables) of body text. A 14 pt Times-metric line of the
//! 160 mm text column holds 13–15 Vietnamese syllables and an A4 page about
//! 30 such lines with paragraph spacing, so 450 words is one full page; the
//! heading block, căn cứ and signature add about one page on top, and the
//! Phụ lục adds its own pages (about 12 rows of 12 pt text per landscape
//! page).
//!
//! Everything is deterministic: the same `(pages, rows, seed)` gives the same
//! plan on every machine (a splitmix64 generator, no system randomness).

use crate::plan::model::{
    Agency, Align, Appendix, Block, Cell, Column, ColumnKind, Issuer, KeyedBlock, Layout, ListItem,
    NestedItem, Opening, Orientation, Plan, Point, Recipient, Recipients, RichCell, Row, Section,
    Signer, SttScheme, Table, Task,
};
use crate::vn;

/// Body words counted as one page of a sample.
pub const WORDS_PER_PAGE: usize = 450;

/// The year of every sample plan; deadlines stay inside it.
pub const SAMPLE_YEAR: i32 = 2024;

/// splitmix64: tiny, fast and well-distributed, enough to vary the text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const ACTORS: &[&str] = &[
    "Các sở, ban, ngành",
    "UBND các huyện, thị xã, thành phố",
    "Văn phòng UBND tỉnh",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Thông tin và Truyền thông",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Thủ trưởng các cơ quan, đơn vị",
    "Người đứng đầu các cơ quan, đơn vị, địa phương",
    "Chủ tịch UBND cấp huyện",
    "Các cơ quan chuyên môn thuộc UBND tỉnh",
];

const VERBS: &[&str] = &[
    "tiếp tục đẩy mạnh",
    "tăng cường",
    "triển khai thực hiện có hiệu quả",
    "nâng cao chất lượng",
    "thường xuyên rà soát, cập nhật",
    "chủ động tham mưu về",
    "tổ chức thực hiện nghiêm túc",
    "theo dõi, kiểm tra, đôn đốc",
    "duy trì và phát huy",
    "khắc phục những tồn tại, hạn chế trong",
    "quán triệt sâu sắc",
    "đổi mới phương thức thực hiện",
];

const OBJECTS: &[&str] = &[
    "công tác cải cách hành chính",
    "việc giải quyết thủ tục hành chính",
    "cơ chế một cửa, một cửa liên thông",
    "văn bản quy phạm pháp luật của tỉnh",
    "kỷ luật, kỷ cương hành chính",
    "công tác tuyên truyền cải cách hành chính",
    "dịch vụ công trực tuyến toàn trình",
    "việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "cơ sở dữ liệu quốc gia về thủ tục hành chính",
    "đội ngũ cán bộ, công chức, viên chức",
    "cơ chế tự chủ tài chính tại các đơn vị sự nghiệp công lập",
    "Chỉ số cải cách hành chính (PAR INDEX)",
    "Chỉ số hài lòng của người dân, tổ chức (SIPAS)",
    "hệ thống quản lý văn bản và điều hành",
    "việc công khai, niêm yết thủ tục hành chính",
    "công tác kiểm tra cải cách hành chính",
];

const MODIFIERS: &[&str] = &[
    "trên địa bàn tỉnh",
    "theo đúng quy định",
    "đảm bảo đúng tiến độ, chất lượng",
    "nhằm nâng cao sự hài lòng của người dân, doanh nghiệp",
    "gắn với chuyển đổi số",
    "thuộc thẩm quyền quản lý",
    "theo chỉ đạo của Chính phủ, Thủ tướng Chính phủ",
    "đáp ứng yêu cầu nhiệm vụ được giao",
    "phù hợp với điều kiện thực tế của địa phương",
    "tại Bộ phận tiếp nhận và trả kết quả các cấp",
    "một cách thực chất, hiệu quả",
];

const JOINERS: &[&str] = &["; đồng thời, ", "; ", ", qua đó ", ". Trong đó, "];

const TOPICS: &[&str] = &[
    "Công tác chỉ đạo, điều hành",
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    "Công tác tuyên truyền cải cách hành chính",
    "Công tác kiểm tra cải cách hành chính",
    "Nâng cao Chỉ số hài lòng của người dân, tổ chức",
];

const SUBTITLES: &[&str] = &[
    "Mục tiêu",
    "Nhiệm vụ trọng tâm",
    "Giải pháp thực hiện",
    "Phân công trách nhiệm",
    "Kết quả cần đạt",
    "Yêu cầu đối với các cơ quan, đơn vị",
];

const PARTS: [&str; 5] = [
    "MỤC ĐÍCH, YÊU CẦU",
    "MỤC TIÊU",
    "NHIỆM VỤ, GIẢI PHÁP",
    "KINH PHÍ THỰC HIỆN",
    "TỔ CHỨC THỰC HIỆN",
];

/// Share of the body's words per part, in percent.
const PART_SHARE: [usize; 5] = [10, 10, 60, 5, 15];

/// Registered agencies: (id, full name).
const AGENCIES: &[(&str, &str)] = &[
    ("snv", "Sở Nội vụ"),
    ("stp", "Sở Tư pháp"),
    ("stc", "Sở Tài chính"),
    ("skhdt", "Sở Kế hoạch và Đầu tư"),
    ("stttt", "Sở Thông tin và Truyền thông"),
    ("vp-ubnd", "Văn phòng UBND tỉnh"),
    ("stnmt", "Sở Tài nguyên và Môi trường"),
    ("scat", "Công an tỉnh"),
];

const CO_OPERATORS: &[&str] = &[
    "Các sở, ban, ngành",
    "UBND các huyện, thị xã, thành phố",
    "Các cơ quan, đơn vị liên quan",
    "Đài Phát thanh và Truyền hình tỉnh",
];

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Upper-cases the first letter (Vietnamese letters included).
fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

struct Gen {
    rng: Rng,
    /// Body words written so far.
    words: usize,
    year: i32,
}

impl Gen {
    fn clause(&mut self) -> String {
        let v = self.rng.pick(VERBS);
        let o = self.rng.pick(OBJECTS);
        let m = self.rng.pick(MODIFIERS);
        format!("{v} {o} {m}")
    }

    /// One sentence of 15–40 words, with its final full stop.
    fn sentence(&mut self) -> String {
        let actor = self.rng.pick(ACTORS);
        let mut s = format!("{actor} {}", self.clause());
        if self.rng.chance(60) {
            let j = self.rng.pick(JOINERS);
            let next = self.clause();
            if j.starts_with('.') {
                s.push_str(j);
                let actor = self.rng.pick(ACTORS);
                // Common nouns start lower-case mid-sentence; names keep
                // their capitals ("Sở Nội vụ").
                let actor = match actor.split_once(' ') {
                    Some((first, rest)) if ["Các", "Người", "Thủ", "Chủ"].contains(&first) =>
                    {
                        format!("{} {rest}", first.to_lowercase())
                    }
                    _ => actor.to_string(),
                };
                s.push_str(&format!("{actor} {next}"));
            } else {
                s.push_str(j);
                s.push_str(&next);
            }
        }
        s.push('.');
        s
    }

    /// Sentences until at least `target` words; counted into the budget.
    fn text(&mut self, target: usize) -> String {
        let mut out = String::new();
        while words(&out) < target {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&self.sentence());
        }
        self.words += words(&out);
        out
    }

    fn text_in(&mut self, lo: usize, hi: usize) -> String {
        let n = self.rng.range(lo, hi);
        self.text(n)
    }

    /// A short phrase used as a title, counted into the budget.
    fn title(&mut self, base: &str) -> String {
        let t = if self.rng.chance(40) {
            format!("{base} về {}", self.rng.pick(OBJECTS))
        } else {
            base.to_string()
        };
        self.words += words(&t);
        t
    }

    fn deadline(&mut self) -> String {
        let y = self.year;
        match self.rng.range(0, 4) {
            0 => format!(
                "Quý {}/{y}",
                vn::roman(self.rng.range(1, 4) as u32).unwrap_or_default()
            ),
            1 => format!(
                "trước ngày {}/{}/{y}",
                self.rng.range(1, 28),
                self.rng.range(1, 12)
            ),
            2 => "Thường xuyên".to_string(),
            3 => format!("Trong năm {y}"),
            _ => format!("Tháng {}/{y}", self.rng.range(1, 12)),
        }
    }

    fn dash_list(&mut self, with_plus: bool) -> Vec<ListItem> {
        let n = self.rng.range(2, 5);
        (0..n)
            .map(|i| {
                let text = self.text_in(20, 50);
                if with_plus && i == 0 {
                    let k = self.rng.range(2, 3);
                    let con = (0..k)
                        .map(|_| {
                            let t = self.text(15);
                            ListItem::Text(t)
                        })
                        .collect();
                    ListItem::Nested(NestedItem { text, con })
                } else {
                    ListItem::Text(text)
                }
            })
            .collect()
    }

    fn points(&mut self) -> Vec<Point> {
        // Well under the 23 letters a level may use (§6.4).
        let n = self.rng.range(2, 5);
        (0..n)
            .map(|_| {
                let tieu_de = Some(format!("{}:", {
                    let b = self.rng.pick(SUBTITLES);
                    self.title(b)
                }));
                let dan = Some(self.text_in(25, 55));
                let noi_dung = if self.rng.chance(30) {
                    vec![Block::Keyed(KeyedBlock::Gach(self.dash_list(false)))]
                } else {
                    Vec::new()
                };
                Point {
                    tieu_de,
                    dan,
                    noi_dung,
                }
            })
            .collect()
    }

    fn task(&mut self) -> Task {
        let object = self.rng.pick(OBJECTS);
        let tieu_de = format!("Tiêu chí “{}”:", capitalize(object));
        self.words += words(&tieu_de);
        let muc_tieu = Some(self.text_in(15, 35));
        let n = self.rng.range(2, 4);
        let giai_phap = (0..n).map(|_| Block::Text(self.text_in(20, 45))).collect();
        let lead = AGENCIES[self.rng.range(0, AGENCIES.len() - 1)]
            .0
            .to_string();
        let mut phoi_hop = vec![self.rng.pick(CO_OPERATORS).to_string()];
        if self.rng.chance(50) {
            let other = AGENCIES[self.rng.range(0, AGENCIES.len() - 1)].0;
            if other != lead {
                phoi_hop.insert(0, other.to_string());
            }
        }
        let thoi_han = Some(self.deadline());
        self.words += 12; // the task's label lines: chủ trì, phối hợp, thời hạn
        Task {
            id: None,
            tieu_de,
            muc_tieu,
            giai_phap,
            chu_tri: vec![lead],
            phoi_hop,
            thoi_han,
            san_pham: None,
            ghi_chu: None,
            nhan: Default::default(),
        }
    }

    /// Content blocks until `budget` more words are written; deeper khoản
    /// (down to 1.1.1.) when the budget is large enough.
    fn blocks(&mut self, depth: usize, budget: usize) -> Vec<Block> {
        let start = self.words;
        let mut out = Vec::new();
        let mut first = true;
        while self.words - start < budget || out.is_empty() {
            let left = budget.saturating_sub(self.words - start);
            if depth < 3 && left > 350 && !first {
                let sub = self.rng.range(250, 700).min(left);
                out.push(Block::Keyed(KeyedBlock::Muc(self.section(depth + 1, sub))));
                continue;
            }
            first = false;
            let b = match self.rng.range(0, 9) {
                0..=3 => Block::Text({
                    let n = self.rng.range(40, 100).min(left.max(15));
                    self.text(n)
                }),
                4 | 5 => {
                    let plus = self.rng.chance(30);
                    Block::Keyed(KeyedBlock::Gach(self.dash_list(plus)))
                }
                6 => Block::Keyed(KeyedBlock::Diem(self.points())),
                7 | 8 if depth >= 1 => Block::Keyed(KeyedBlock::NhiemVu(self.task())),
                _ => Block::Keyed(KeyedBlock::Cong(
                    (0..self.rng.range(2, 4))
                        .map(|_| ListItem::Text(self.text(20)))
                        .collect(),
                )),
            };
            out.push(b);
        }
        out
    }

    fn section(&mut self, depth: usize, budget: usize) -> Section {
        let base = if depth == 1 {
            self.rng.pick(TOPICS)
        } else {
            self.rng.pick(SUBTITLES)
        };
        let start = self.words;
        let tieu_de = Some(self.title(base));
        let dan = if self.rng.chance(25) {
            Some(self.text_in(15, 40))
        } else {
            None
        };
        let noi_dung = self.blocks(depth, budget.saturating_sub(self.words - start));
        Section {
            tieu_de,
            dan,
            noi_dung,
        }
    }

    /// A part (I., II. …) of about `budget` words: an opening paragraph,
    /// then khoản 1., 2. … of 400–1,500 words each.
    fn part(&mut self, title: &str, budget: usize, mention_appendix: bool) -> Section {
        let start = self.words;
        let mut lead = {
            let n = self.rng.range(30, 70).min(budget.max(20));
            self.text(n)
        };
        if mention_appendix {
            lead.pop();
            lead.push_str(" (chi tiết tại Phụ lục kèm theo).");
            self.words += 4;
        }
        let mut noi_dung = vec![Block::Text(lead)];
        while self.words - start < budget {
            let left = budget - (self.words - start);
            let size = self.rng.range(400, 1500).min(left);
            if size < 120 {
                noi_dung.push(Block::Text(self.text(size.max(20))));
                continue;
            }
            noi_dung.push(Block::Keyed(KeyedBlock::Muc(self.section(1, size))));
        }
        Section {
            tieu_de: Some(title.to_string()),
            dan: None,
            noi_dung,
        }
    }
}

/// A row of the appendix before its cells are laid out.
struct ProtoRow {
    text: String,
    lead: &'static str,
    co_op: &'static str,
    cost: u64,
    products: u64,
    deadline: String,
    group: bool,
    children: Vec<ProtoRow>,
}

impl ProtoRow {
    /// Fills parents with the sums of their children; returns this row's sums.
    fn total(&mut self) -> (u64, u64) {
        if !self.children.is_empty() {
            let mut c = 0;
            let mut p = 0;
            for ch in &mut self.children {
                let (a, b) = ch.total();
                c += a;
                p += b;
            }
            self.cost = c;
            self.products = p;
        }
        (self.cost, self.products)
    }
}

fn proto_rows(g: &mut Gen, count: usize) -> Vec<ProtoRow> {
    let mut left = count;
    let mut groups = Vec::new();
    let leaf = |g: &mut Gen| {
        let n = g.rng.range(8, 22);
        let mut text = String::new();
        while words(&text) < n {
            if !text.is_empty() {
                text.push_str(", ");
            }
            text.push_str(&format!("{} {}", g.rng.pick(VERBS), g.rng.pick(OBJECTS)));
        }
        ProtoRow {
            text: capitalize(&text),
            lead: AGENCIES[g.rng.range(0, AGENCIES.len() - 1)].1,
            co_op: g.rng.pick(CO_OPERATORS),
            cost: 10 * g.rng.range(1, 50) as u64,
            products: g.rng.range(1, 12) as u64,
            deadline: g.deadline(),
            group: false,
            children: Vec::new(),
        }
    };
    while left > 0 {
        left -= 1;
        let mut kids = Vec::new();
        for _ in 0..g.rng.range(3, 8) {
            if left == 0 {
                break;
            }
            left -= 1;
            let mut row = leaf(g);
            if left >= 2 && g.rng.chance(30) {
                for _ in 0..g.rng.range(2, 5).min(left) {
                    left -= 1;
                    row.children.push(leaf(g));
                }
            }
            kids.push(row);
        }
        let topic = g.rng.pick(TOPICS);
        let mut group = ProtoRow {
            text: vn::upper(topic),
            lead: "",
            co_op: "",
            cost: 0,
            products: 0,
            deadline: String::new(),
            group: true,
            children: kids,
        };
        group.total();
        groups.push(group);
    }
    groups
}

/// Lays out sibling rows: runs of 2–4 consecutive leaf rows share one
/// lead-agency cell merged downwards (`doc`), as offices print them.
fn lay_out(g: &mut Gen, list: Vec<ProtoRow>) -> Vec<Row> {
    let mut out = Vec::with_capacity(list.len());
    let mut covered = 0usize;
    let leaf_run = |from: usize, list: &[ProtoRow]| {
        list[from..]
            .iter()
            .take_while(|r| r.children.is_empty() && !r.group)
            .count()
    };
    let run_lengths: Vec<usize> = (0..list.len()).map(|i| leaf_run(i, &list)).collect();
    for (i, p) in list.into_iter().enumerate() {
        let num = |x: u64| Cell::Number(x as f64);
        let mut o = vec![Cell::Text(p.text)];
        if covered > 0 {
            covered -= 1;
        } else if p.group {
            o.push(Cell::Empty(()));
        } else {
            let run = run_lengths[i];
            let span = if run >= 2 && g.rng.chance(50) {
                g.rng.range(2, run.min(4))
            } else {
                1
            };
            if span > 1 {
                covered = span - 1;
                o.push(Cell::Rich(RichCell {
                    text: Some(p.lead.to_string()),
                    doc: Some(span as u32),
                    ..Default::default()
                }));
            } else {
                o.push(Cell::Text(p.lead.to_string()));
            }
        }
        if p.group {
            o.push(Cell::Empty(()));
        } else {
            o.push(Cell::Text(p.co_op.to_string()));
        }
        o.push(num(p.cost));
        o.push(num(p.products));
        o.push(if p.deadline.is_empty() {
            Cell::Empty(())
        } else {
            Cell::Text(p.deadline)
        });
        let con = lay_out(g, p.children);
        out.push(Row {
            o,
            nhom: p.group,
            con,
            ..Default::default()
        });
    }
    out
}

fn appendix(g: &mut Gen, rows: usize) -> Appendix {
    let col = |ten: &str, rong: f32, can: Option<Align>, kieu: ColumnKind, tong: bool| Column {
        ten: ten.to_string(),
        rong: Some(rong),
        can,
        kieu,
        tong,
        so_le: None,
        gop: false,
    };
    let cot = vec![
        col("TT", 0.7, Some(Align::Giua), ColumnKind::Stt, false),
        col("Nội dung nhiệm vụ", 4.0, None, ColumnKind::Chu, false),
        col(
            "Cơ quan chủ trì",
            1.8,
            Some(Align::Giua),
            ColumnKind::Chu,
            false,
        ),
        col(
            "Cơ quan phối hợp",
            2.0,
            Some(Align::Giua),
            ColumnKind::Chu,
            false,
        ),
        col("Kinh phí (triệu đồng)", 1.3, None, ColumnKind::So, true),
        col("Số sản phẩm", 1.0, None, ColumnKind::So, true),
        col(
            "Thời gian hoàn thành",
            1.5,
            Some(Align::Giua),
            ColumnKind::Chu,
            false,
        ),
    ];
    let protos = proto_rows(g, rows);
    let dong = lay_out(g, protos);
    Appendix {
        id: Some("pl-nhiem-vu".to_string()),
        tieu_de: format!("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {}", g.year),
        huong: Some(Orientation::Ngang),
        truoc: Vec::new(),
        bang: Some(Table {
            cot,
            tieu_de_tren: Vec::new(),
            so_cot: true,
            stt: SttScheme::PhanCap,
            dong,
            dong_tong: Some("TỔNG CỘNG".to_string()),
            co_chu: None,
        }),
        tu_nhiem_vu: false,
        sau: Vec::new(),
    }
}

/// A plan of about `pages` pages of body text (see [`WORDS_PER_PAGE`]) and,
/// when `rows > 0`, one Phụ lục whose table has exactly `rows` rows (group
/// rows and their children, without the header and total rows). The same
/// arguments always give the same plan.
pub fn sample_plan(pages: usize, rows: usize, seed: u64) -> Plan {
    let mut g = Gen {
        rng: Rng(seed ^ 0x006B_6568_6F61_6368),
        words: 0,
        year: SAMPLE_YEAR,
    };
    let y = g.year;
    let budget = pages.max(1) * WORDS_PER_PAGE;
    let can_cu = vec![
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;".to_string(),
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;".to_string(),
        format!("Căn cứ Quyết định số 876/QĐ-BNV ngày 10/11/2022 của Bộ Nội vụ phê duyệt Đề án xác định Chỉ số cải cách hành chính giai đoạn 2022 - 2030; Kế hoạch cải cách hành chính năm {y} của UBND tỉnh."),
    ];
    g.words += can_cu.iter().map(|s| words(s)).sum::<usize>();
    let doan = vec![g.text(40)];
    let mut noi_dung = Vec::with_capacity(PARTS.len());
    for (i, (title, share)) in PARTS.iter().zip(PART_SHARE).enumerate() {
        let part_budget = (budget * share / 100).max(20);
        noi_dung.push(g.part(title, part_budget, i == 2 && rows > 0));
    }
    let ket_luan = vec![format!(
        "Trên đây là Kế hoạch cải cách hành chính năm {y} của UBND tỉnh. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị, địa phương phản ánh về Sở Nội vụ để tổng hợp, báo cáo UBND tỉnh xem xét, chỉ đạo"
    )];
    let phu_luc = if rows > 0 {
        vec![appendix(&mut g, rows)]
    } else {
        Vec::new()
    };
    Plan {
        loai: "ke-hoach".to_string(),
        co_quan: Issuer {
            chu_quan: Vec::new(),
            ban_hanh: vec!["ỦY BAN NHÂN DÂN".to_string(), "TỈNH VĨNH PHÚC".to_string()],
            ten: "UBND tỉnh".to_string(),
            viet_tat: "UBND".to_string(),
        },
        so: Some(152),
        ky_hieu: None,
        dia_danh: "Vĩnh Phúc".to_string(),
        ngay: Some(format!("{y}-06-13")),
        trich_yeu: format!("Cải cách hành chính nhà nước tỉnh Vĩnh Phúc năm {y}"),
        mo_dau: Opening { can_cu, doan },
        co_quan_lien_quan: AGENCIES
            .iter()
            .map(|(id, ten)| Agency {
                id: id.to_string(),
                ten: ten.to_string(),
                ten_ngan: None,
            })
            .collect(),
        noi_dung,
        ket_luan,
        noi_nhan: Recipients {
            ds: [
                "Bộ Nội vụ (báo cáo)",
                "TT Tỉnh ủy, TT HĐND tỉnh (báo cáo)",
                "CT, các PCT UBND tỉnh",
                "Các sở, ban, ngành",
                "UBND các huyện, thị xã, thành phố",
                "Cổng Thông tin điện tử tỉnh",
            ]
            .iter()
            .map(|s| Recipient::Line(s.to_string()))
            .collect(),
            luu: vec!["NCTH".to_string()],
            so_ban_luu: None,
            ky_hieu_soan_thao: Some("Hly.(30)".to_string()),
        },
        ky: Signer {
            quyen_han: vec![
                "TM. ỦY BAN NHÂN DÂN".to_string(),
                "KT. CHỦ TỊCH".to_string(),
            ],
            chuc_vu: "PHÓ CHỦ TỊCH".to_string(),
            ho_ten: "Vũ Chí Giang".to_string(),
        },
        phu_luc,
        nhan: Default::default(),
        trinh_bay: Layout::default(),
    }
}

/// Drops what a person would not write: absent options, `false` flags and
/// empty lists or maps (every one of them is the default). Nulls inside
/// lists stay: they are the empty cells of table rows. Enum variants, which
/// the serializer writes as YAML tags (`!muc`), become the one-key maps a
/// plan uses (`muc:`).
fn prune(v: &mut serde_yaml::Value) {
    use serde_yaml::Value;
    if let Value::Tagged(t) = v {
        let key = t.tag.to_string().trim_start_matches('!').to_string();
        let inner = std::mem::replace(&mut t.value, Value::Null);
        let mut m = serde_yaml::Mapping::new();
        m.insert(Value::String(key), inner);
        *v = Value::Mapping(m);
    }
    match v {
        Value::Mapping(m) => {
            m.retain(|_, x| match x {
                Value::Null | Value::Bool(false) => false,
                Value::Sequence(s) => !s.is_empty(),
                Value::Mapping(mm) => !mm.is_empty(),
                _ => true,
            });
            for (_, x) in m.iter_mut() {
                prune(x);
            }
            // A variant whose fields were all defaults is left empty.
            m.retain(|_, x| !matches!(x, Value::Mapping(mm) if mm.is_empty()));
        }
        Value::Sequence(s) => s.iter_mut().for_each(prune),
        _ => {}
    }
}

/// The plan of [`sample_plan`] as a plan source (YAML), with a comment
/// saying how it was made. Loading it gives back the same plan.
pub fn sample_yaml(pages: usize, rows: usize, seed: u64) -> String {
    plan_yaml(&sample_plan(pages, rows, seed), pages, rows, seed)
}

fn plan_yaml(plan: &Plan, pages: usize, rows: usize, seed: u64) -> String {
    let mut out = format!(
        "# Kế hoạch mẫu tổng hợp (sinh tự động để đo tốc độ): {pages} trang nội dung, \
         {rows} dòng phụ lục, hạt giống {seed}.\n# Synthetic sample plan for benchmarks; \
         the text is assembled from phrases of the reference plans.\n"
    );
    match serde_yaml::to_value(plan) {
        Ok(mut v) => {
            prune(&mut v);
            // Serializing a tree of strings, numbers and maps cannot fail.
            out.push_str(&serde_yaml::to_string(&v).unwrap_or_default());
        }
        Err(e) => out.push_str(&format!("# {e}\n")),
    }
    out
}

/// One block of the flat rendering used for the peer documents.
#[derive(Debug, Clone, PartialEq)]
enum Peer {
    /// Centered line (heading block, signature).
    Center {
        text: String,
        bold: bool,
    },
    /// Numbered heading: level 1 for I., 2 for 1., 3 for 1.1. …
    Heading {
        level: usize,
        text: String,
    },
    /// Paragraph, with an optional bold lead ("a) Mục tiêu:").
    Para {
        lead: Option<String>,
        text: String,
        italic: bool,
    },
    /// List item: depth 0 "-", depth 1 "+".
    Item {
        depth: usize,
        text: String,
    },
    Table(PeerTable),
}

#[derive(Debug, Clone, PartialEq)]
struct PeerTable {
    widths: Vec<f32>,
    header: Vec<String>,
    /// Per row, per column: a cell, or None where a span from above or to
    /// the left covers the slot.
    rows: Vec<Vec<Option<PeerCell>>>,
}

#[derive(Debug, Clone, PartialEq)]
struct PeerCell {
    text: String,
    rowspan: usize,
    colspan: usize,
    bold: bool,
}

struct PeerWalk<'a> {
    plan: &'a Plan,
    out: Vec<Peer>,
}

impl PeerWalk<'_> {
    fn agency(&self, s: &str) -> String {
        self.plan
            .co_quan_lien_quan
            .iter()
            .find(|a| a.id == s)
            .map(|a| a.ten.clone())
            .unwrap_or_else(|| s.to_string())
    }

    fn items(&mut self, items: &[ListItem], depth: usize) {
        for it in items {
            match it {
                ListItem::Text(t) => self.out.push(Peer::Item {
                    depth,
                    text: t.clone(),
                }),
                ListItem::Nested(n) => {
                    self.out.push(Peer::Item {
                        depth,
                        text: n.text.clone(),
                    });
                    self.items(&n.con, depth + 1);
                }
            }
        }
    }

    fn para(&mut self, lead: Option<String>, text: &str) {
        self.out.push(Peer::Para {
            lead,
            text: text.to_string(),
            italic: false,
        });
    }

    /// Blocks of a section whose label is `label` ("1.", "1.2." or "" for a part).
    fn blocks(&mut self, blocks: &[Block], label: &str, level: usize) {
        let mut n = 0;
        for b in blocks {
            match b {
                Block::Text(t) | Block::Keyed(KeyedBlock::Doan(t)) => self.para(None, t),
                Block::Keyed(KeyedBlock::Muc(s)) => {
                    n += 1;
                    let l = format!("{label}{n}.");
                    self.section(s, &l, level + 1);
                }
                Block::Keyed(KeyedBlock::NhiemVu(t)) => {
                    n += 1;
                    let l = format!("{label}{n}.");
                    self.task(t, &l, level + 1);
                }
                Block::Keyed(KeyedBlock::Gach(items)) => self.items(items, 0),
                Block::Keyed(KeyedBlock::Cong(items)) => self.items(items, 1),
                Block::Keyed(KeyedBlock::Diem(points)) => {
                    for (i, p) in points.iter().enumerate() {
                        let letter = vn::letter(i).unwrap_or("y");
                        let lead = match &p.tieu_de {
                            Some(t) => format!("{letter}) {t}"),
                            None => format!("{letter})"),
                        };
                        self.para(Some(lead), p.dan.as_deref().unwrap_or(""));
                        self.blocks(&p.noi_dung, &format!("{label}{letter}."), level);
                    }
                }
                Block::Keyed(KeyedBlock::Bang(t)) => self.table(t),
            }
        }
    }

    fn section(&mut self, s: &Section, label: &str, level: usize) {
        let title = s.tieu_de.as_deref().unwrap_or("");
        self.out.push(Peer::Heading {
            level,
            text: format!("{label} {title}"),
        });
        if let Some(d) = &s.dan {
            self.para(None, d);
        }
        self.blocks(&s.noi_dung, label, level);
    }

    fn task(&mut self, t: &Task, label: &str, level: usize) {
        self.out.push(Peer::Heading {
            level,
            text: format!("{label} {}", t.tieu_de),
        });
        if let Some(m) = &t.muc_tieu {
            self.para(Some("a) Mục tiêu, yêu cầu:".into()), m);
        }
        self.para(Some("b) Nhiệm vụ, giải pháp:".into()), "");
        for b in &t.giai_phap {
            match b {
                Block::Text(s) => self.out.push(Peer::Item {
                    depth: 0,
                    text: s.clone(),
                }),
                other => self.blocks(std::slice::from_ref(other), label, level),
            }
        }
        self.para(Some("c) Phân công trách nhiệm".into()), "");
        let names = |v: &[String]| {
            v.iter()
                .map(|s| self.agency(s))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let lead = names(&t.chu_tri);
        let co = names(&t.phoi_hop);
        self.out.push(Peer::Item {
            depth: 0,
            text: format!("Cơ quan chủ trì: {lead}."),
        });
        self.out.push(Peer::Item {
            depth: 0,
            text: format!("Cơ quan phối hợp/Thực hiện: {co}."),
        });
        if let Some(h) = &t.thoi_han {
            self.para(Some("d) Thời gian thực hiện/hoàn thành:".into()), h);
        }
    }

    fn table(&mut self, t: &Table) {
        let data_cols = t.cot.iter().filter(|c| c.kieu != ColumnKind::Stt).count();
        let has_stt = t.cot.iter().any(|c| c.kieu == ColumnKind::Stt);
        let width = data_cols + usize::from(has_stt);
        let mut flat: Vec<(String, &Row)> = Vec::new();
        fn walk<'r>(rows: &'r [Row], prefix: &str, out: &mut Vec<(String, &'r Row)>) {
            for (i, r) in rows.iter().enumerate() {
                let label = format!("{prefix}{}", i + 1);
                out.push((label.clone(), r));
                walk(&r.con, &format!("{label}."), out);
            }
        }
        walk(&t.dong, "", &mut flat);
        let mut rows = Vec::with_capacity(flat.len() + 1);
        let mut covered = vec![0usize; width];
        let mut sums = vec![0f64; width];
        for (label, r) in &flat {
            let mut line: Vec<Option<PeerCell>> = vec![None; width];
            let mut col = 0;
            if has_stt {
                line[0] = Some(PeerCell {
                    text: r.stt.clone().unwrap_or_else(|| label.clone()),
                    rowspan: 1,
                    colspan: 1,
                    bold: r.nhom,
                });
                col = 1;
            }
            for c in &r.o {
                while col < width && covered[col] > 0 {
                    col += 1;
                }
                if col >= width {
                    break;
                }
                let (text, num, rowspan, colspan) = match c {
                    Cell::Empty(()) => (String::new(), None, 1, 1),
                    Cell::Number(x) => (vn::decimal(*x, None), Some(*x), 1, 1),
                    Cell::Text(s) => (s.clone(), None, 1, 1),
                    Cell::Rich(rc) => {
                        let mut text = rc.text.clone().unwrap_or_default();
                        if let Some(x) = rc.so {
                            text = vn::decimal(x, None);
                        }
                        for d in &rc.ds {
                            text.push_str(&format!(" - {d}"));
                        }
                        (
                            text,
                            rc.so,
                            rc.doc.unwrap_or(1).max(1) as usize,
                            rc.ngang.unwrap_or(1).max(1) as usize,
                        )
                    }
                };
                let colspan = colspan.min(width - col);
                if let (Some(x), true) = (num, r.con.is_empty()) {
                    sums[col] += x;
                }
                for c in covered.iter_mut().skip(col).take(colspan) {
                    *c = rowspan;
                }
                line[col] = Some(PeerCell {
                    text,
                    rowspan,
                    colspan,
                    bold: r.nhom || r.dam,
                });
                col += colspan;
            }
            for c in covered.iter_mut() {
                *c = c.saturating_sub(1);
            }
            rows.push(line);
        }
        if let Some(label) = &t.dong_tong {
            let mut line: Vec<Option<PeerCell>> = vec![None; width];
            let cell = |text: String| {
                Some(PeerCell {
                    text,
                    rowspan: 1,
                    colspan: 1,
                    bold: true,
                })
            };
            line[usize::from(has_stt)] = cell(label.clone());
            let data_cols = t.cot.iter().filter(|c| c.kieu != ColumnKind::Stt);
            for (data, c) in data_cols.enumerate() {
                let slot = data + usize::from(has_stt);
                if c.tong {
                    line[slot] = cell(vn::decimal(sums[slot], c.so_le));
                } else if line[slot].is_none() {
                    line[slot] = cell(String::new());
                }
            }
            if has_stt {
                line[0] = cell(String::new());
            }
            rows.push(line);
        }
        let mut widths: Vec<f32> = Vec::with_capacity(width);
        let mut header = Vec::with_capacity(width);
        if let Some(c) = t.cot.iter().find(|c| c.kieu == ColumnKind::Stt) {
            widths.push(c.rong.unwrap_or(1.0));
            header.push(c.ten.clone());
        }
        for c in t.cot.iter().filter(|c| c.kieu != ColumnKind::Stt) {
            widths.push(c.rong.unwrap_or(1.0));
            header.push(c.ten.clone());
        }
        self.out.push(Peer::Table(PeerTable {
            widths,
            header,
            rows,
        }));
    }

    fn walk(mut self) -> Vec<Peer> {
        let p = self.plan;
        let center = |text: String, bold: bool| Peer::Center { text, bold };
        for l in &p.co_quan.ban_hanh {
            self.out.push(center(l.clone(), true));
        }
        self.out
            .push(center("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(), true));
        self.out
            .push(center("Độc lập - Tự do - Hạnh phúc".into(), true));
        let kh = p
            .ky_hieu
            .clone()
            .unwrap_or_else(|| format!("KH-{}", p.co_quan.viet_tat));
        self.out.push(center(vn::number_line(p.so, &kh), false));
        let date = p
            .ngay
            .as_deref()
            .and_then(|d| vn::parse_plan_date(d).ok())
            .map(|d| vn::place_date(&p.dia_danh, &d))
            .unwrap_or_default();
        self.out.push(center(date, false));
        self.out.push(center("KẾ HOẠCH".into(), true));
        self.out.push(center(p.trich_yeu.clone(), true));
        for c in &p.mo_dau.can_cu {
            self.out.push(Peer::Para {
                lead: None,
                text: c.clone(),
                italic: true,
            });
        }
        for d in &p.mo_dau.doan {
            self.para(None, d);
        }
        for (i, s) in p.noi_dung.iter().enumerate() {
            let label = vn::roman(i as u32 + 1).unwrap_or_default();
            self.out.push(Peer::Heading {
                level: 1,
                text: format!("{label}. {}", s.tieu_de.as_deref().unwrap_or("")),
            });
            if let Some(d) = &s.dan {
                self.para(None, d);
            }
            self.blocks(&s.noi_dung, "", 1);
        }
        for (i, k) in p.ket_luan.iter().enumerate() {
            let mut t = k.clone();
            if i + 1 == p.ket_luan.len() && !t.ends_with("./.") {
                t.push_str("./.");
            }
            self.para(None, &t);
        }
        self.para(Some("Nơi nhận:".into()), "");
        for r in &p.noi_nhan.ds {
            let text = match r {
                Recipient::Line(s) => self.agency(s),
                Recipient::Annotated(a) => format!("{} ({})", a.ten, a.ghi_chu),
                Recipient::Group(g) => format!("{} ({})", g.nhom.join(", "), g.ghi_chu),
            };
            self.out.push(Peer::Item {
                depth: 0,
                text: format!("{text};"),
            });
        }
        let mut luu = vec!["VT".to_string()];
        luu.extend(p.noi_nhan.luu.iter().cloned());
        self.out.push(Peer::Item {
            depth: 0,
            text: format!("Lưu: {}.", luu.join(", ")),
        });
        for l in &p.ky.quyen_han {
            self.out.push(center(l.clone(), true));
        }
        self.out.push(center(p.ky.chuc_vu.clone(), true));
        self.out.push(center(p.ky.ho_ten.clone(), true));
        let n = p.phu_luc.len();
        for (i, a) in p.phu_luc.iter().enumerate() {
            let label = if n == 1 {
                "Phụ lục".to_string()
            } else {
                format!("Phụ lục {}", vn::roman(i as u32 + 1).unwrap_or_default())
            };
            self.out.push(Peer::Heading {
                level: 1,
                text: format!("{label}: {}", vn::upper(&a.tieu_de)),
            });
            self.blocks(&a.truoc, "", 1);
            if let Some(t) = &a.bang {
                self.table(t);
            }
            self.blocks(&a.sau, "", 1);
        }
        self.out
    }
}

fn peers(plan: &Plan) -> Vec<Peer> {
    PeerWalk {
        plan,
        out: Vec::new(),
    }
    .walk()
}

/// Markdown special characters that would otherwise start emphasis, links
/// or HTML in pandoc's reader.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '$' | '~' | '^'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The same content as pandoc Markdown, for the peer comparison: same
/// headings, paragraphs, lists and table rows. Simplified: the heading
/// block and signature are centered lines without the two-column layout,
/// and merged table cells repeat their text (pipe tables cannot merge).
pub fn to_markdown_peer(plan: &Plan) -> String {
    let mut out = String::new();
    for b in peers(plan) {
        match b {
            Peer::Center { text, bold } => {
                let t = md_escape(&text);
                if bold {
                    out.push_str(&format!(
                        "::: {{custom-style=\"Center\"}}\n**{t}**\n:::\n\n"
                    ));
                } else {
                    out.push_str(&format!("::: {{custom-style=\"Center\"}}\n{t}\n:::\n\n"));
                }
            }
            Peer::Heading { level, text } => {
                out.push_str(&format!(
                    "{} {}\n\n",
                    "#".repeat(level.min(6)),
                    md_escape(&text)
                ));
            }
            Peer::Para { lead, text, italic } => {
                // A leading "a)" would start a pandoc list; the lead is bold
                // text, so escape its parenthesis.
                if let Some(l) = lead {
                    out.push_str(&format!("**{}** ", md_escape(&l).replacen(')', "\\)", 1)));
                }
                let t = md_escape(&text);
                if italic {
                    out.push_str(&format!("*{t}*\n\n"));
                } else {
                    out.push_str(&format!("{t}\n\n"));
                }
            }
            Peer::Item { depth, text } => {
                out.push_str(&"    ".repeat(depth));
                out.push_str(if depth == 0 { "- " } else { "+ " });
                out.push_str(&md_escape(&text));
                out.push_str("\n\n");
            }
            Peer::Table(t) => {
                let total: f32 = t.widths.iter().sum();
                out.push('|');
                for h in &t.header {
                    out.push_str(&format!(" {} |", md_escape(h)));
                }
                out.push_str("\n|");
                // Dash counts set pandoc's relative column widths.
                for w in &t.widths {
                    let n = ((w / total) * 60.0).round().max(3.0) as usize;
                    out.push_str(&format!("{}|", "-".repeat(n)));
                }
                out.push('\n');
                let mut above: Vec<(String, usize)> = vec![(String::new(), 0); t.header.len()];
                for row in &t.rows {
                    out.push('|');
                    for (k, c) in row.iter().enumerate() {
                        let text = match c {
                            Some(c) => {
                                above[k] = (c.text.clone(), c.rowspan.saturating_sub(1));
                                let t = md_escape(&c.text);
                                if c.bold && !t.is_empty() {
                                    format!("**{t}**")
                                } else {
                                    t
                                }
                            }
                            None if above[k].1 > 0 => {
                                above[k].1 -= 1;
                                md_escape(&above[k].0)
                            }
                            None => String::new(),
                        };
                        out.push_str(&format!(" {text} |"));
                    }
                    out.push('\n');
                }
                out.push('\n');
            }
        }
    }
    out
}

/// Text as a Typst string literal, placed in markup with `#"…"`: nothing
/// in it is read as markup.
fn typ_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    out.push_str("#\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The same content as a Typst document (A4, Liberation Serif 14 pt,
/// justified, first-line indent 1.27 cm, margins 20/20/30/15 mm), for the
/// peer comparison. Simplified: the heading block and signature are
/// centered lines without the two-column layout; the Phụ lục stays on
/// portrait pages. Merged cells are real row spans.
pub fn to_typst_peer(plan: &Plan) -> String {
    let mut out = String::from(
        "#set page(paper: \"a4\", margin: (top: 20mm, bottom: 20mm, left: 30mm, right: 15mm), numbering: \"1\")\n\
         #set text(font: \"Liberation Serif\", size: 14pt, lang: \"vi\")\n\
         #set par(justify: true, first-line-indent: 1.27cm, spacing: 6pt, leading: 0.5em)\n\
         #set list(marker: ([-], [+]))\n\n",
    );
    for b in peers(plan) {
        match b {
            Peer::Center { text, bold } => {
                let body = typ_str(&text);
                if bold {
                    out.push_str(&format!("#align(center)[*{body}*]\n\n"));
                } else {
                    out.push_str(&format!("#align(center)[{body}]\n\n"));
                }
            }
            Peer::Heading { text, .. } => {
                out.push_str(&format!("*{}*\n\n", typ_str(&text)));
            }
            Peer::Para { lead, text, italic } => {
                if let Some(l) = lead {
                    out.push_str(&format!("*{}* ", typ_str(&l)));
                }
                if italic {
                    out.push_str(&format!("_{}_\n\n", typ_str(&text)));
                } else {
                    out.push_str(&format!("{}\n\n", typ_str(&text)));
                }
            }
            Peer::Item { depth, text } => {
                out.push_str(&"  ".repeat(depth));
                out.push_str("- ");
                out.push_str(&typ_str(&text));
                out.push('\n');
            }
            Peer::Table(t) => {
                let cols: Vec<String> = t.widths.iter().map(|w| format!("{w}fr")).collect();
                out.push_str(&format!(
                    "\n#text(size: 12pt)[#table(columns: ({}), inset: 3pt,\n  table.header(",
                    cols.join(", ")
                ));
                for h in &t.header {
                    out.push_str(&format!("[*{}*], ", typ_str(h)));
                }
                out.push_str("),\n");
                for row in &t.rows {
                    out.push_str("  ");
                    for c in row.iter().flatten() {
                        let body = if c.bold && !c.text.is_empty() {
                            format!("[*{}*]", typ_str(&c.text))
                        } else {
                            format!("[{}]", typ_str(&c.text))
                        };
                        if c.rowspan > 1 || c.colspan > 1 {
                            out.push_str(&format!(
                                "table.cell(rowspan: {}, colspan: {}){body}, ",
                                c.rowspan, c.colspan
                            ));
                        } else {
                            out.push_str(&body);
                            out.push_str(", ");
                        }
                    }
                    out.push('\n');
                }
                out.push_str(")]\n\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;
    use crate::plan::{load, validate};

    fn count_rows(rows: &[Row]) -> usize {
        rows.iter().map(|r| 1 + count_rows(&r.con)).sum()
    }

    fn body_words(plan: &Plan) -> usize {
        fn walk(v: &serde_json::Value) -> usize {
            match v {
                serde_json::Value::String(s) => words(s),
                serde_json::Value::Array(a) => a.iter().map(walk).sum(),
                serde_json::Value::Object(m) => m.values().map(walk).sum(),
                _ => 0,
            }
        }
        walk(&serde_json::to_value(&plan.noi_dung).unwrap())
    }

    #[test]
    fn samples_load_back_and_validate_without_errors() {
        for (pages, rows, seed) in [(1, 0, 1), (3, 20, 7), (30, 200, 42), (12, 500, 9)] {
            let yaml = sample_yaml(pages, rows, seed);
            let loaded = load::load_str("sample.yaml", yaml.as_bytes())
                .unwrap_or_else(|d| panic!("{pages}p/{rows}r does not load: {d:?}"));
            assert_eq!(loaded.plan, sample_plan(pages, rows, seed));
            let diags = validate::validate(&loaded);
            let errors: Vec<_> = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{pages}p/{rows}r: {errors:?}");
            // Nor warnings: a sample is a clean plan.
            assert!(diags.is_empty(), "{pages}p/{rows}r: {diags:?}");
        }
    }

    #[test]
    fn same_arguments_same_plan_other_seed_other_text() {
        assert_eq!(sample_yaml(5, 40, 3), sample_yaml(5, 40, 3));
        assert_ne!(sample_yaml(5, 40, 3), sample_yaml(5, 40, 4));
    }

    #[test]
    fn size_follows_the_arguments() {
        for pages in [1usize, 10, 100] {
            let w = body_words(&sample_plan(pages, 0, 5));
            let target = pages * WORDS_PER_PAGE;
            // Within one khoản of the target: budgets are met by whole blocks.
            assert!(w >= target * 9 / 10, "{pages} pages: {w} words");
            assert!(w <= target * 12 / 10 + 150, "{pages} pages: {w} words");
        }
        for rows in [1usize, 7, 200, 10_000] {
            let p = sample_plan(1, rows, 11);
            let t = p.phu_luc[0].bang.as_ref().unwrap();
            assert_eq!(count_rows(&t.dong), rows);
        }
        assert!(sample_plan(2, 0, 1).phu_luc.is_empty());
    }

    #[test]
    fn appendix_has_merges_sums_and_depth() {
        let p = sample_plan(1, 300, 2);
        let t = p.phu_luc[0].bang.as_ref().unwrap();
        assert_eq!(t.dong_tong.as_deref(), Some("TỔNG CỘNG"));
        let mut merges = 0;
        let mut deepest = 0;
        fn walk(rows: &[Row], depth: usize, merges: &mut usize, deepest: &mut usize) {
            for r in rows {
                *deepest = (*deepest).max(depth);
                for c in &r.o {
                    if let Cell::Rich(rc) = c {
                        if rc.doc.unwrap_or(1) > 1 {
                            *merges += 1;
                        }
                    }
                }
                // Parents hold the sum of their children (column 3: cost).
                if !r.con.is_empty() {
                    let n = |row: &Row| match row.o[row.o.len() - 3] {
                        Cell::Number(x) => x,
                        _ => panic!("no number"),
                    };
                    let sum: f64 = r.con.iter().map(n).sum();
                    assert_eq!(n(r), sum);
                }
                walk(&r.con, depth + 1, merges, deepest);
            }
        }
        walk(&t.dong, 1, &mut merges, &mut deepest);
        assert!(merges >= 10, "{merges} merges");
        assert_eq!(deepest, 3);
    }

    #[test]
    fn body_is_deep_and_varied() {
        let yaml = sample_yaml(30, 0, 42);
        for key in [
            "muc:",
            "gach:",
            "cong:",
            "diem:",
            "nhiem_vu:",
            "chu_tri:",
            "thoi_han:",
            "con:",
        ] {
            assert!(yaml.contains(key), "no {key}");
        }
        let p = sample_plan(30, 0, 42);
        assert_eq!(p.noi_dung.len(), 5);
        let md = to_markdown_peer(&p);
        assert!(md.contains("#### 1.1.1. "), "no third-level khoản");
        assert!(md.contains("## I. MỤC ĐÍCH, YÊU CẦU") || md.contains("# I. MỤC ĐÍCH, YÊU CẦU"));
    }

    #[test]
    fn peers_carry_the_same_text_and_rows() {
        let p = sample_plan(5, 60, 8);
        let md = to_markdown_peer(&p);
        let typ = to_typst_peer(&p);
        let w = body_words(&p);
        // Every body word appears in both (plus labels and markup).
        assert!(words(&md) >= w, "markdown {} < {w}", words(&md));
        assert!(words(&typ) >= w, "typst {} < {w}", words(&typ));
        // One table line per row, plus header, separator and total.
        let table_lines = md.lines().filter(|l| l.starts_with('|')).count();
        assert_eq!(table_lines, 60 + 3);
        // Typst: every row starts with its STT cell; merges are row spans.
        assert!(typ.contains("table.cell(rowspan: "));
        assert!(typ.contains("TỔNG CỘNG"));
        // Quotes inside text are escaped in Typst strings.
        assert!(!typ.contains("#\"Tiêu chí \""));
    }
}
