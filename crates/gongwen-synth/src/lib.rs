//! gongwen-synth: realistic Chinese official documents (公文) of any size, from a seed.
//!
//! ```
//! let doc = gongwen_synth::generate(7, 20_000);
//! let text = doc.to_gongwen();
//! assert!(text.starts_with(&doc.title));
//! assert!(text.len() > 15_000);
//! let bluebell = doc.to_bluebell();
//! assert!(bluebell.starts_with("PREFACE\n"));
//! assert_eq!(doc, gongwen_synth::generate(7, 20_000));   // the seed decides everything
//! ```
//!
//! A generated document has the shape of the genre (GB/T 9704-2012): a title naming the issuer,
//! a document number and addressee (an opinion of a government) or an adoption line (a decision
//! of a party committee's plenum), a preamble that ends with the enacting formula
//! (「为此，现作出如下决定。」), parts `一、` holding sections `（一）` with lead-in paragraphs and
//! either measures (paragraphs that open with a run-in imperative heading, 「强化创新策源能力。……」)
//! or items `1.` with run-in headings, a closing guarantees part (保障), the closing block
//! (attachment list, signature, date, `（此件公开发布）`) and sometimes tabular attachments.
//!
//! The sentences are composed from word lists and templates ([`words`]), so no two paragraphs
//! are copies. Numbering is correct at every level for any size: parts stay below 1000 (their
//! Chinese numerals are written the standard way, 一百一十、 一百零五、), sections below 100.
//!
//! The same [`Document`] renders in two syntaxes: gongwen's plain text ([`Document::to_gongwen`])
//! and bluebell's keyword-marked text ([`Document::to_bluebell`], for laws-africa's
//! `bluebell-akn`), with the same hierarchy and the same Chinese text, so that the two tools can
//! be compared on the same content.
//!
//! The crate does not depend on gongwen: it knows the genre, not the reader.

pub mod words;

use words::*;

/// A small, fixed pseudo-random generator (SplitMix64): the same seed gives the same document on
/// every machine and every version of Rust.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5EED_6F6E_6777_656E)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// The genre of a generated document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Genre {
    /// 决定 of a party committee, adopted at a plenum: an adoption line, no number.
    Decision,
    /// 意见 of a government: a document number and an addressee.
    Opinion,
}

/// A generated document: the structure both renderings share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub genre: Genre,
    /// 县, 区 or 市.
    pub level: &'static str,
    /// The issuing body (`中共青溪县委`, `青溪县人民政府`).
    pub issuer: String,
    pub title: String,
    /// `青政发〔2024〕12号` (opinions).
    pub number: Option<String>,
    /// `（2024年3月15日中国共产党青溪县第十五届委员会第七次全体会议通过）` (decisions).
    pub adoption: Option<String>,
    /// `各乡镇人民政府，县政府各部门：` (opinions).
    pub addressee: Option<String>,
    /// The preamble; the last paragraph ends with the enacting formula.
    pub preamble: Vec<String>,
    /// The parts; the last one holds the guarantees.
    pub parts: Vec<Part>,
    /// `附件：1.……` lines of the closing block, one per attachment.
    pub attachment_list: Vec<String>,
    pub signature: String,
    /// The date of signing, `2024年3月15日`.
    pub date: String,
    /// `（此件公开发布）`.
    pub note: String,
    pub attachments: Vec<Attachment>,
}

/// A part (`一、`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub num: u32,
    pub heading: String,
    /// Lead-in paragraphs before the first section.
    pub lead_in: Vec<String>,
    pub sections: Vec<Section>,
    /// The closing part that holds the guarantees (保障).
    pub guarantees: bool,
}

/// A section (`（一）`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub num: u32,
    pub heading: String,
    /// True when the first paragraph follows the heading on its line (`（一）加强组织领导。……`).
    pub run_in: bool,
    /// Lead-in paragraphs (or the whole text of a run-in section).
    pub paragraphs: Vec<String>,
    pub measures: Vec<Measure>,
    pub items: Vec<Item>,
}

/// A measure: a paragraph that opens with a run-in imperative heading, and its continuation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// The heading without its full stop.
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// An item (`1.`) with a run-in heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub num: u32,
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// A tabular attachment (清单, 一览表): label, title and rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// `附件` or `附件1`.
    pub label: String,
    pub title: String,
    pub rows: Vec<String>,
}

/// How many nodes of each level a document holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub parts: usize,
    pub sections: usize,
    pub measures: usize,
    pub items: usize,
    pub attachments: usize,
}

/// A Chinese numeral for 1–9999, as the genre writes it (十二, 二十, 一百零五, 一百一十, 一千零一).
pub fn chinese_numeral(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    assert!((1..10_000).contains(&n), "numeral out of range: {n}");
    if n < 10 {
        return D[n as usize].to_string();
    }
    if n < 20 {
        return format!("十{}", if n > 10 { D[(n - 10) as usize] } else { "" });
    }
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut out = String::new();
    let mut zero = false;
    let mut started = false;
    for (d, u) in digits.iter().zip(units) {
        if *d == 0 {
            zero = started;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push_str(D[*d as usize]);
        out.push_str(u);
        started = true;
    }
    out
}

/// Generates a document of about `bytes` bytes of gongwen text (UTF-8) from `seed`.
pub fn generate(seed: u64, bytes: usize) -> Document {
    Gen::new(seed).document(bytes)
}

struct Gen {
    rng: Rng,
    /// 县, 区 or 市, and the place name (青溪).
    level: &'static str,
    place: String,
    theme: &'static str,
    year: u32,
}

impl Gen {
    fn new(seed: u64) -> Gen {
        let mut rng = Rng::new(seed);
        let level = *rng.pick(&["县", "县", "区", "市"]);
        let place = format!("{}{}", rng.pick(PLACE_A), rng.pick(PLACE_B));
        let theme = *rng.pick(THEMES);
        let year = rng.range(2019, 2025) as u32;
        Gen {
            rng,
            level,
            place,
            theme,
            year,
        }
    }

    /// `县` in a word list becomes the document's level (区, 市).
    fn local(&self, s: &str) -> String {
        s.replace('县', self.level)
    }

    fn pick(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.rng.below(xs.len())]
    }

    /// A pick from a word list, localised.
    fn pick_local(&mut self, xs: &[&'static str]) -> String {
        let w = self.pick(xs);
        self.local(w)
    }

    fn document(mut self, bytes: usize) -> Document {
        let theme = self.theme;
        let genre = if self.rng.chance(60) {
            Genre::Decision
        } else {
            Genre::Opinion
        };
        let month = self.rng.range(1, 12) as u32;
        let day = self.rng.range(1, 28) as u32;
        let date = format!("{}年{month}月{day}日", self.year);
        let place_full = format!("{}{}", self.place, self.level);
        let (issuer, title, number, adoption, addressee) = match genre {
            Genre::Decision => {
                let issuer = format!("中共{}{}委", self.place, self.level);
                let title = format!("{issuer}关于{}的决定", theme);
                let session = chinese_numeral(self.rng.range(10, 16) as u32);
                let plenum = chinese_numeral(self.rng.range(2, 9) as u32);
                let adoption = format!(
                    "（{date}中国共产党{place_full}第{session}届委员会第{plenum}次全体会议通过）"
                );
                (issuer, title, None, Some(adoption), None)
            }
            Genre::Opinion => {
                let issuer = format!("{place_full}人民政府");
                let title = format!("{issuer}关于{}的意见", theme);
                let code = format!("{}政发", &self.place[..self.place.len() / 2]);
                let number = format!("{code}〔{}〕{}号", self.year, self.rng.range(1, 40));
                let addressee = if self.level == "区" {
                    "各街道办事处、各镇人民政府，区政府各部门、各直属机构：".to_string()
                } else {
                    self.local("各乡镇人民政府，县政府各部门、各直属机构：")
                };
                (issuer, title, Some(number), None, Some(addressee))
            }
        };
        let formula = match genre {
            Genre::Decision => "为此，现作出如下决定。",
            Genre::Opinion => "为此，现提出如下意见。",
        };
        let preamble = self.preamble(formula);

        // attachments come first so that the closing block's size is known
        let n_att = match self.rng.below(10) {
            0..=5 => 0,
            6..=8 => 1,
            _ => 2,
        };
        let mut attachments = Vec::new();
        let mut attachment_list = Vec::new();
        let mut titles: Vec<&str> = Vec::new();
        for i in 0..n_att {
            let mut t = self.pick(ATTACHMENT_TITLES);
            while titles.contains(&t) {
                t = self.pick(ATTACHMENT_TITLES);
            }
            titles.push(t);
            let title = format!("{}{}", theme, t);
            let label = if n_att == 1 {
                "附件".to_string()
            } else {
                format!("附件{}", i + 1)
            };
            attachment_list.push(match (n_att, i) {
                (1, _) => format!("附件：{title}"),
                (_, 0) => format!("附件：1.{title}"),
                _ => format!("{}.{title}", i + 1),
            });
            let rows = self.rows();
            attachments.push(Attachment { label, title, rows });
        }

        let mut doc = Document {
            genre,
            level: self.level,
            issuer: issuer.clone(),
            title,
            number,
            adoption,
            addressee,
            preamble,
            parts: Vec::new(),
            attachment_list,
            signature: issuer,
            date,
            note: "（此件公开发布）".to_string(),
            attachments,
        };
        // parts until the target size is reached; the guarantees part closes the body
        let fixed = doc.to_gongwen().len();
        let guarantees = self.guarantees_part(1);
        let budget = bytes.saturating_sub(fixed + gongwen_len_part(&guarantees));
        // about 12 KB a part at the scale of one; larger documents get more sections a part so
        // that parts stay below a thousand
        let scale = (bytes / 9_000_000 + 1).min(12);
        let mut used = 0;
        let mut num = 1;
        while (used < budget || num == 1) && num < 990 {
            let part = self.part(num, scale, budget.saturating_sub(used));
            used += gongwen_len_part(&part);
            doc.parts.push(part);
            num += 1;
        }
        let mut g = guarantees;
        g.num = num;
        doc.parts.push(g);
        doc
    }

    fn preamble(&mut self, formula: &str) -> Vec<String> {
        let theme = self.theme;
        let whole = format!("全{}", self.level);
        let a1 = self.pick(ACHIEVEMENTS);
        let a2 = self.pick(ACHIEVEMENTS);
        let o1 = self.pick(OBJECTS);
        let s1 = self.pick(SHORTCOMINGS);
        let s2 = self.pick(SHORTCOMINGS);
        let first = format!(
            "{}是推动{}高质量发展的关键之举。近年来，{whole}上下坚持把{}作为全面深化改革的总抓手，{a1}，{a2}，{o1}取得积极成效。{}同时也要看到，{s1}，{s2}，与群众期盼和高质量发展要求相比还有不少差距。",
            theme,
            self.place_name(),
            theme,
            self.sentence(3),
        );
        let committee = match self.level {
            "区" => "区委",
            "市" => "市委",
            _ => "县委",
        };
        let second = format!(
            "站在新的起点上，{committee}认为，必须以更大决心、更实举措{}，{}，{}。{formula}",
            theme,
            self.clause(),
            self.pick(GOALS)
        );
        vec![first, second]
    }

    fn place_name(&self) -> String {
        format!("{}{}", self.place, self.level)
    }

    /// One clause of body text, from a template.
    fn clause(&mut self) -> String {
        let o = self.pick(OBJECTS);
        match self.rng.below(14) {
            0 => format!("{}{o}", self.pick(BODY_VERBS)),
            1 => format!("{}{o}和{}", self.pick(BODY_VERBS), self.pick(OBJECTS)),
            2 => format!("推动{o}与{}深度融合", self.pick(OBJECTS)),
            3 => format!("建立健全{o}{}", self.pick(MECHANISMS)),
            4 => format!(
                "鼓励{}{}{o}",
                self.pick_local(ACTORS),
                self.pick(BODY_VERBS)
            ),
            5 => format!("支持{}参与{o}", self.pick_local(ACTORS)),
            6 => format!(
                "到{}年，{}达到{}%以上",
                self.year + self.rng.range(1, 5) as u32,
                self.pick_local(METRICS),
                self.rng.range(12, 98)
            ),
            7 => format!("实现{o}{}", self.pick(RESULTS)),
            8 => format!(
                "在{}等领域打造一批{}",
                self.pick(FIELDS),
                self.pick(PROJECTS)
            ),
            9 => format!(
                "依托{}，{}{o}",
                self.pick_local(PLATFORMS),
                self.pick(BODY_VERBS)
            ),
            10 => format!("{}要{}{o}", self.pick_local(ACTORS), self.pick(BODY_VERBS)),
            11 => format!("形成上下贯通、协同高效的{o}格局"),
            12 => format!("每年安排专项资金{}万元用于{o}", self.rng.range(2, 90) * 100),
            _ => self.pick(GOALS).to_string(),
        }
    }

    /// A verb and its object, for a clause whose subject is already written.
    fn action(&mut self) -> String {
        format!("{}{}", self.pick(BODY_VERBS), self.pick(OBJECTS))
    }

    /// A sentence of `n` clauses.
    fn sentence(&mut self, n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push('，');
            }
            s.push_str(&self.clause());
        }
        s.push('。');
        s
    }

    /// A paragraph of running text: 2–4 sentences of 2–4 clauses.
    fn paragraph(&mut self) -> String {
        let n = self.rng.range(2, 4);
        (0..n)
            .map(|_| {
                let k = self.rng.range(2, 4);
                self.sentence(k)
            })
            .collect()
    }

    /// A paragraph whose first sentence cannot be taken for a run-in heading: it opens with a
    /// subject and runs over three clauses at least.
    fn running_paragraph(&mut self) -> String {
        let who = self.pick_local(ACTORS);
        let k = self.rng.range(2, 3);
        let first = format!("{who}要{}，{}", self.action(), self.sentence(k));
        let rest = if self.rng.chance(50) {
            let k = self.rng.range(2, 4);
            self.sentence(k)
        } else {
            String::new()
        };
        first + &rest
    }

    /// The lead-in of a section: what the area is and how to approach it.
    fn lead_in(&mut self, target: &str) -> String {
        let theme = self.theme;
        format!(
            "{target}是{}的{}，要坚持{}，{}，{}。{}",
            theme,
            self.pick(KEY_NOUNS),
            self.pick(PRINCIPLES),
            self.clause(),
            self.pick(GOALS),
            if self.rng.chance(40) {
                let k = self.rng.range(2, 3);
                self.sentence(k)
            } else {
                String::new()
            }
        )
    }

    /// A run-in heading: an imperative verb phrase, 4–12 characters, no punctuation or digits.
    fn run_in_heading(&mut self) -> String {
        format!("{}{}", self.pick(HEAD_VERBS), self.pick(OBJECTS))
    }

    fn part(&mut self, num: u32, scale: usize, remaining: usize) -> Part {
        let theme = self.theme;
        let template = self.pick(PART_HEADINGS);
        let heading = template
            .replace("{t}", theme)
            .replace("{d}", self.pick(DOMAINS));
        let lead_in = if self.rng.chance(25) {
            vec![self.running_paragraph()]
        } else {
            Vec::new()
        };
        let n = (self.rng.range(3, 6) * scale).min(60);
        // the last part of a document stops when the target size is reached
        let mut sections = Vec::new();
        let mut size = 0;
        for k in 1..=n as u32 {
            if k > 2 && size >= remaining {
                break;
            }
            let s = self.section(k);
            size += s.paragraphs.iter().map(String::len).sum::<usize>()
                + s.measures
                    .iter()
                    .flat_map(|m| &m.paragraphs)
                    .map(String::len)
                    .sum::<usize>()
                + s.items
                    .iter()
                    .flat_map(|m| &m.paragraphs)
                    .map(String::len)
                    .sum::<usize>();
            sections.push(s);
        }
        Part {
            num,
            heading,
            lead_in,
            sections,
            guarantees: false,
        }
    }

    fn section(&mut self, num: u32) -> Section {
        let target = self.pick(SECTION_TARGETS);
        let heading = format!(
            "{}{}的{target}",
            self.pick(SECTION_VERBS),
            self.pick(QUALITIES)
        );
        let paragraphs = vec![self.lead_in(target)];
        let mut s = Section {
            num,
            heading,
            run_in: false,
            paragraphs,
            measures: Vec::new(),
            items: Vec::new(),
        };
        if self.rng.chance(65) {
            // measures need company: a lone run-in sentence is running text to a reader
            let n = self.rng.range(2, 5);
            s.measures = (0..n)
                .map(|_| {
                    let heading = self.run_in_heading();
                    let mut paragraphs = vec![self.paragraph()];
                    if self.rng.chance(15) {
                        paragraphs.push(self.running_paragraph());
                    }
                    Measure {
                        heading,
                        paragraphs,
                    }
                })
                .collect();
        } else {
            let n = self.rng.range(2, 6);
            s.items = (1..=n as u32)
                .map(|k| {
                    let heading = self.run_in_heading();
                    let mut paragraphs = vec![self.paragraph()];
                    if self.rng.chance(15) {
                        paragraphs.push(self.running_paragraph());
                    }
                    Item {
                        num: k,
                        heading,
                        paragraphs,
                    }
                })
                .collect();
        }
        s
    }

    fn guarantees_part(&mut self, num: u32) -> Part {
        let theme = self.theme;
        let heading = self.pick(GUARANTEE_PARTS).to_string();
        let n = self.rng.range(3, 4);
        let mut used: Vec<&str> = Vec::new();
        let mut sections = Vec::new();
        for k in 1..=n as u32 {
            let mut h = self.pick(GUARANTEE_SECTIONS);
            while used.contains(&h) {
                h = self.pick(GUARANTEE_SECTIONS);
            }
            used.push(h);
            let body = format!(
                "{}要{}，{}",
                self.pick_local(ACTORS),
                self.action(),
                self.paragraph()
            );
            sections.push(Section {
                num: k,
                heading: h.to_string(),
                run_in: true,
                paragraphs: vec![body],
                measures: Vec::new(),
                items: Vec::new(),
            });
        }
        // the closing exhortation stays with the last section, as readers of the genre keep it
        let whole = format!("全{}", self.level);
        let call = format!(
            "{whole}各级党组织和广大党员干部群众要坚定信心、真抓实干，以{}的新成效推动{}高质量发展迈上新台阶，为加快建设社会主义现代化新{}而不懈奋斗！",
            theme,
            self.place_name(),
            self.level
        );
        if let Some(last) = sections.last_mut() {
            last.paragraphs.push(call);
        }
        Part {
            num,
            heading,
            lead_in: Vec::new(),
            sections,
            guarantees: true,
        }
    }

    fn rows(&mut self) -> Vec<String> {
        let n = self.rng.range(4, 12);
        let mut rows = vec!["序号　重点任务　牵头单位　完成时限".to_string()];
        for k in 1..=n {
            rows.push(format!(
                "{k}　{}{}　{}　{}年{}月底前",
                self.pick(BODY_VERBS),
                self.pick(OBJECTS),
                self.pick_local(UNITS),
                self.year + self.rng.range(0, 2) as u32,
                self.rng.range(3, 12)
            ));
        }
        rows
    }
}

fn gongwen_len_part(p: &Part) -> usize {
    let mut s = String::new();
    gongwen_part(&mut s, p);
    s.len()
}

/// Appends a line and the blank line that follows it (the layout of web pages and of the
/// bundled sample).
fn line(out: &mut String, s: &str) {
    out.push_str(s);
    out.push_str("\n\n");
}

fn gongwen_part(out: &mut String, p: &Part) {
    line(out, &format!("{}、{}", chinese_numeral(p.num), p.heading));
    for x in &p.lead_in {
        line(out, x);
    }
    for s in &p.sections {
        let num = format!("（{}）", chinese_numeral(s.num));
        if s.run_in {
            let (first, rest) = s
                .paragraphs
                .split_first()
                .map_or(("", &[][..]), |(f, r)| (f.as_str(), r));
            line(out, &format!("{num}{}。{first}", s.heading));
            for x in rest {
                line(out, x);
            }
        } else {
            line(out, &format!("{num}{}", s.heading));
            for x in &s.paragraphs {
                line(out, x);
            }
        }
        for m in &s.measures {
            line(out, &format!("{}。{}", m.heading, m.paragraphs[0]));
            for x in &m.paragraphs[1..] {
                line(out, x);
            }
        }
        for i in &s.items {
            line(
                out,
                &format!("{}.{}。{}", i.num, i.heading, i.paragraphs[0]),
            );
            for x in &i.paragraphs[1..] {
                line(out, x);
            }
        }
    }
}

/// Appends `s` indented by `depth` levels of two spaces, and a blank line.
fn bline(out: &mut String, depth: usize, s: &str) {
    for _ in 0..depth {
        out.push_str("  ");
    }
    out.push_str(s);
    out.push_str("\n\n");
}

impl Document {
    /// The document as gongwen's plain text, laid out as published: one element a line, blank
    /// lines between them.
    pub fn to_gongwen(&self) -> String {
        let mut out = String::with_capacity(self.estimate());
        line(&mut out, &self.title);
        for x in [&self.number, &self.adoption, &self.addressee]
            .into_iter()
            .flatten()
        {
            line(&mut out, x);
        }
        for p in &self.preamble {
            line(&mut out, p);
        }
        for p in &self.parts {
            gongwen_part(&mut out, p);
        }
        for x in &self.attachment_list {
            line(&mut out, x);
        }
        line(&mut out, &self.signature);
        line(&mut out, &self.date);
        line(&mut out, &self.note);
        for a in &self.attachments {
            line(&mut out, &a.label);
            line(&mut out, &a.title);
            for r in &a.rows {
                line(&mut out, r);
            }
        }
        out
    }

    /// The same document in bluebell's keyword-marked text (`bluebell-akn` 5, root `statement`):
    /// `PREFACE`, `PREAMBLE`, `BODY`, `PART num - heading`, `SECTION`, `LEVEL - heading` for a
    /// measure, `PARAGRAPH 1. - heading` for an item, `CONCLUSIONS`, `ATTACHMENT` with a
    /// `SUBHEADING`; nesting by indentation of two spaces. The Chinese text is the same as in
    /// [`Document::to_gongwen`]; run-in headings lose the full stop that joins them to their text.
    pub fn to_bluebell(&self) -> String {
        let mut out = String::with_capacity(self.estimate() + self.estimate() / 8);
        out.push_str("PREFACE\n");
        bline(&mut out, 1, &format!("LONGTITLE {}", self.title));
        for x in [&self.number, &self.adoption, &self.addressee]
            .into_iter()
            .flatten()
        {
            bline(&mut out, 1, x);
        }
        out.push_str("PREAMBLE\n");
        for p in &self.preamble {
            bline(&mut out, 1, p);
        }
        out.push_str("BODY\n");
        for p in &self.parts {
            bline(
                &mut out,
                0,
                &format!("PART {}、 - {}", chinese_numeral(p.num), p.heading),
            );
            for x in &p.lead_in {
                bline(&mut out, 1, x);
            }
            for s in &p.sections {
                bline(
                    &mut out,
                    1,
                    &format!("SECTION （{}） - {}", chinese_numeral(s.num), s.heading),
                );
                for x in &s.paragraphs {
                    bline(&mut out, 2, x);
                }
                for m in &s.measures {
                    bline(&mut out, 2, &format!("LEVEL - {}", m.heading));
                    for x in &m.paragraphs {
                        bline(&mut out, 3, x);
                    }
                }
                for i in &s.items {
                    bline(
                        &mut out,
                        2,
                        &format!("PARAGRAPH {}. - {}", i.num, i.heading),
                    );
                    for x in &i.paragraphs {
                        bline(&mut out, 3, x);
                    }
                }
            }
        }
        out.push_str("CONCLUSIONS\n");
        for x in &self.attachment_list {
            bline(&mut out, 1, x);
        }
        bline(&mut out, 1, &self.signature);
        bline(&mut out, 1, &self.date);
        bline(&mut out, 1, &self.note);
        for a in &self.attachments {
            bline(&mut out, 0, &format!("ATTACHMENT {}", a.label));
            bline(&mut out, 1, &format!("SUBHEADING {}", a.title));
            for r in &a.rows {
                bline(&mut out, 1, r);
            }
        }
        out
    }

    /// The FRBR work URI bluebell is given (`/akn/cn/statement/decision/2024-03-15/qingxi`-like;
    /// ASCII only, as cobalt's URI parser wants).
    pub fn frbr_uri(&self) -> String {
        let subtype = match self.genre {
            Genre::Decision => "decision",
            Genre::Opinion => "opinion",
        };
        let d = parse_cn_date(&self.date).unwrap_or((2024, 1, 1));
        format!(
            "/akn/cn/statement/{subtype}/{:04}-{:02}-{:02}/synth-{:08x}",
            d.0,
            d.1,
            d.2,
            self.title.bytes().fold(0x811c_9dc5u32, |h, b| {
                (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
            })
        )
    }

    /// The number of parts, sections, measures, items and attachments.
    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            parts: self.parts.len(),
            attachments: self.attachments.len(),
            ..Counts::default()
        };
        for p in &self.parts {
            c.sections += p.sections.len();
            for s in &p.sections {
                c.measures += s.measures.len();
                c.items += s.items.len();
            }
        }
        c
    }

    fn estimate(&self) -> usize {
        let mut n = 4096;
        for p in &self.parts {
            for s in &p.sections {
                n += 64 + s.paragraphs.iter().map(|x| x.len() + 2).sum::<usize>();
                for m in &s.measures {
                    n += 40 + m.paragraphs.iter().map(|x| x.len() + 2).sum::<usize>();
                }
                for i in &s.items {
                    n += 40 + i.paragraphs.iter().map(|x| x.len() + 2).sum::<usize>();
                }
            }
        }
        n
    }
}

fn parse_cn_date(s: &str) -> Option<(u32, u32, u32)> {
    let (y, rest) = s.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (123, "一百二十三"),
            (999, "九百九十九"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (2305, "二千三百零五"),
        ];
        for (n, s) in cases {
            assert_eq!(chinese_numeral(n), s, "{n}");
        }
    }

    #[test]
    fn same_seed_same_document_other_seed_other_document() {
        assert_eq!(generate(3, 30_000), generate(3, 30_000));
        assert_ne!(
            generate(3, 30_000).to_gongwen(),
            generate(4, 30_000).to_gongwen()
        );
    }

    #[test]
    fn sizes_are_close_to_the_target() {
        for target in [20_000, 200_000, 1_000_000] {
            let n = generate(11, target).to_gongwen().len();
            assert!(
                n as f64 > target as f64 * 0.9 && (n as f64) < target as f64 * 1.25,
                "{target}: {n}"
            );
        }
    }

    #[test]
    fn no_two_paragraphs_alike() {
        let doc = generate(5, 300_000);
        let text = doc.to_gongwen();
        let mut seen = std::collections::HashSet::new();
        let mut dup = 0;
        let mut total = 0;
        for l in text.lines().filter(|l| l.chars().count() > 60) {
            total += 1;
            if !seen.insert(l) {
                dup += 1;
            }
        }
        assert!(total > 100);
        assert_eq!(dup, 0, "{dup} repeated paragraphs of {total}");
    }

    #[test]
    fn ten_megabytes_stay_below_a_thousand_parts() {
        let doc = generate(1, 10_000_000);
        assert!(
            doc.parts.len() < 1000 && doc.parts.len() > 100,
            "{}",
            doc.parts.len()
        );
        assert!(doc.parts.iter().all(|p| p.sections.len() < 100));
    }
}
