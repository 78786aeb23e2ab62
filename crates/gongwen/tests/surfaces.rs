//! The reader against generated documents in the surfaces real documents come in.
//!
//! Each case draws a document model from a seed: a decision, an opinion or a plan, with parts
//! `一、`, sections `（一）`, items `1.` and subitems `（1）` nested in any of the orders documents
//! use (parts over sections over items, sections or items at the top, a part's items without
//! sections), headings alone on their line or run in, measures (paragraphs that open with a
//! heading sentence of several shapes), lead-in paragraphs, a guarantees part, the closing block
//! and attachments. It renders the model to text in a surface drawn from the same seed:
//!
//! - as published on a web page: a blank line or none between paragraphs, indents of ideographic
//!   or no-break spaces, markers full or half width (`1.` `1．` `1、`, `（一）` `(一)`,
//!   `（1）` `(1)` `1）`), a marker alone on its line above its text, the date of signing in
//!   pieces (`2024` / `年` / `3` / `月` …), run-in headings broken out of their paragraphs;
//! - as PDF text: every paragraph hard-wrapped at one width with a first-line indent, page
//!   numbers (`— 3 —`, `-3-`, `第 3 页`) and a running head at every page break;
//! - with CRLF line ends, a byte order mark, in GBK (GB18030 where GBK lacks a character) or
//!   UTF-16.
//!
//! Two shapes are ambiguous and the generator leaves them out, as the reader decides them the
//! other way: a list of bare short phrases with nothing under them (`1.推进某某。` / `2.……`,
//! headings to the reader, as the titles of figures are), and a container whose first run-in
//! heading is half again as long as the others (a lead-in to the reader).
//!
//! The reading must give back the model's tree (kind, number and heading of every node, in
//! order and nesting), its title and its text: every paragraph of the body, rejoined where the
//! surface cut it, with nothing lost and nothing added. Cases: 10,000 (`SURFACE_CASES` sets
//! another count); a failure names its seed and surface, and `SURFACE_SEED=n` replays one.

use gongwen::{Document, Node};
use gongwen_synth::words::*;
use gongwen_synth::{chinese_numeral, Rng};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

// ---------------------------------------------------------------------------------------------
// the model

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Part,
    Section,
    Item,
    Subitem,
    Measure,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Part => "part",
            Kind::Section => "section",
            Kind::Item => "item",
            Kind::Subitem => "subitem",
            Kind::Measure => "measure",
        }
    }
}

#[derive(Debug, Clone)]
struct N {
    kind: Kind,
    num: u32,
    heading: Option<String>,
    /// The heading's first paragraph follows it on its line (`（一）加强组织领导。……`).
    run_in: bool,
    /// What closes a heading alone on its line: nothing, or `：` before the points of a lead-in.
    heading_end: &'static str,
    paragraphs: Vec<String>,
    children: Vec<N>,
}

#[derive(Debug, Clone)]
struct Model {
    issuer: String,
    title: String,
    /// Document number, adoption line, addressee: what stands between the title and the preamble.
    head: Vec<String>,
    preamble: Vec<String>,
    body: Vec<N>,
    attachment_list: Vec<String>,
    signature: String,
    date: (u32, u32, u32),
    note: Option<String>,
    attachments: Vec<(String, String, Vec<String>)>,
}

// ---------------------------------------------------------------------------------------------
// drawing a model

struct Draw {
    rng: Rng,
    theme: &'static str,
    level: &'static str,
    year: u32,
}

impl Draw {
    fn pick(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.rng.below(xs.len())]
    }

    fn local(&mut self, xs: &[&'static str]) -> String {
        let w = self.pick(xs);
        w.replace('县', self.level)
    }

    fn clause(&mut self) -> String {
        let o = self.pick(OBJECTS);
        match self.rng.below(9) {
            0 => format!("{}{o}", self.pick(BODY_VERBS)),
            1 => format!("{}{o}和{}", self.pick(BODY_VERBS), self.pick(OBJECTS)),
            2 => format!("推动{o}与{}深度融合", self.pick(OBJECTS)),
            3 => format!("建立健全{o}{}", self.pick(MECHANISMS)),
            4 => format!("支持{}参与{o}", self.local(ACTORS)),
            5 => format!(
                "到{}年，{}达到{}%以上",
                self.year + 1 + self.rng.below(4) as u32,
                self.local(METRICS),
                12 + self.rng.below(80)
            ),
            6 => format!("实现{o}{}", self.pick(RESULTS)),
            7 => format!(
                "在{}等领域打造一批{}",
                self.pick(FIELDS),
                self.pick(PROJECTS)
            ),
            _ => self.pick(GOALS).to_string(),
        }
    }

    fn sentence(&mut self, clauses: usize) -> String {
        let mut s = (0..clauses)
            .map(|_| self.clause())
            .collect::<Vec<_>>()
            .join("，");
        s.push('。');
        s
    }

    /// Running text whose first sentence no reader takes for a heading: a subject, 要, and three
    /// clauses or more.
    fn running(&mut self) -> String {
        let who = self.local(ACTORS);
        let (verb, object) = (self.pick(BODY_VERBS), self.pick(OBJECTS));
        let k = 2 + self.rng.below(2);
        let first = format!("{who}要{verb}{object}，{}", self.sentence(k));
        if self.rng.chance(50) {
            let k = 2 + self.rng.below(3);
            first + &self.sentence(k)
        } else {
            first
        }
    }

    /// The body of a measure or a run-in item: sentences.
    fn body_text(&mut self) -> String {
        let n = 2 + self.rng.below(2);
        (0..n)
            .map(|_| {
                let k = 2 + self.rng.below(3);
                self.sentence(k)
            })
            .collect()
    }

    /// A run-in heading, in the shapes documents use.
    fn run_in_heading(&mut self) -> String {
        match self.rng.below(6) {
            0 | 1 => format!("{}{}", self.pick(HEAD_VERBS), self.pick(OBJECTS)),
            2 => format!("以{}为{}", self.pick(OBJECTS), self.pick(KEY_NOUNS)),
            3 => format!("坚持{}", self.pick(PRINCIPLES)),
            4 => format!("着力{}{}", self.pick(BODY_VERBS), self.pick(OBJECTS)),
            _ => format!("{}{}", self.pick(OBJECTS), self.pick(RESULTS)),
        }
    }

    fn lead_in(&mut self) -> String {
        let theme = self.theme;
        let target = self.pick(SECTION_TARGETS);
        format!(
            "{target}是{theme}的{}，要坚持{}，{}，{}。",
            self.pick(KEY_NOUNS),
            self.pick(PRINCIPLES),
            self.clause(),
            self.pick(GOALS)
        )
    }

    fn measures(&mut self) -> Vec<N> {
        let n = 2 + self.rng.below(4);
        let mut ms: Vec<N> = (0..n)
            .map(|_| {
                let mut paragraphs = vec![self.body_text()];
                if self.rng.chance(15) {
                    paragraphs.push(self.running());
                }
                N {
                    kind: Kind::Measure,
                    num: 0,
                    heading: Some(self.run_in_heading()),
                    run_in: true,
                    heading_end: "",
                    paragraphs,
                    children: Vec::new(),
                }
            })
            .collect();
        // a first heading half again as long as the others reads as the lead-in (as in
        // 「一流城市要有一流治理。」 before 「注重科技赋能。」): the shortest opens the series
        let len = |m: &N| m.heading.as_deref().map_or(0, |h| h.chars().count());
        if let Some(k) = (0..ms.len()).min_by_key(|&k| len(&ms[k])) {
            ms.swap(0, k);
        }
        ms
    }

    /// A numbered list of `kind` at `depth` (0 at the top).
    fn list(&mut self, kind: Kind, depth: usize) -> Vec<N> {
        let n = 2 + self.rng.below(4);
        // siblings share their shape: headed or not, run in or alone
        let headed = match kind {
            Kind::Part => true,
            Kind::Section => true,
            Kind::Item => self.rng.chance(60),
            _ => false,
        };
        let run_in = match kind {
            Kind::Section => self.rng.chance(30),
            Kind::Item => headed,
            _ => false,
        };
        (1..=n as u32)
            .map(|num| self.node(kind, num, headed, run_in, depth))
            .collect()
    }

    fn node(&mut self, kind: Kind, num: u32, headed: bool, run_in: bool, depth: usize) -> N {
        let mut n = N {
            kind,
            num,
            heading: None,
            run_in,
            heading_end: "",
            paragraphs: Vec::new(),
            children: Vec::new(),
        };
        match kind {
            Kind::Part => {
                let h = self.pick(PART_HEADINGS);
                n.heading = Some(
                    h.replace("{t}", self.theme)
                        .replace("{d}", self.pick(DOMAINS)),
                );
                if self.rng.chance(25) {
                    n.paragraphs.push(self.running());
                }
                match self.rng.below(10) {
                    0..=5 => n.children = self.list(Kind::Section, depth + 1),
                    6..=7 => n.children = self.list(Kind::Item, depth + 1),
                    _ => n.children = self.measures(),
                }
            }
            Kind::Section if run_in => {
                n.heading = Some(self.run_in_heading());
                n.paragraphs.push(self.body_text());
                if self.rng.chance(20) {
                    n.paragraphs.push(self.running());
                }
            }
            Kind::Section => {
                n.heading = Some(format!(
                    "{}{}的{}",
                    self.pick(SECTION_VERBS),
                    self.pick(QUALITIES),
                    self.pick(SECTION_TARGETS)
                ));
                n.paragraphs.push(self.lead_in());
                match self.rng.below(10) {
                    0..=4 => n.children = self.measures(),
                    5..=8 if depth < 3 => n.children = self.list(Kind::Item, depth + 1),
                    _ => n.paragraphs.push(self.running()),
                }
            }
            Kind::Item if headed => {
                n.heading = Some(self.run_in_heading());
                n.paragraphs.push(self.body_text());
            }
            Kind::Item if num > 1 && self.rng.chance(8) => {
                // a lead-in ending in `：` with its points below: the lead-in is the heading
                n.heading = Some(self.clause());
                n.heading_end = "：";
                n.children = self.list(Kind::Subitem, depth + 1);
            }
            Kind::Item | Kind::Subitem => {
                // points: the first runs over clauses (a list of bare short phrases, nothing
                // under them, reads as headings, as the titles of figures do)
                let k = if num == 1 {
                    2 + self.rng.below(2)
                } else {
                    1 + self.rng.below(3)
                };
                let mut t = (0..k).map(|_| self.clause()).collect::<Vec<_>>().join("，");
                t.push(if self.rng.chance(50) { '；' } else { '。' });
                n.paragraphs.push(t);
            }
            Kind::Measure => unreachable!("measures are drawn by `measures`"),
        }
        n
    }

    fn guarantees(&mut self, num: u32) -> N {
        let k = 3 + self.rng.below(2);
        let mut used: Vec<&str> = Vec::new();
        let mut children = Vec::new();
        for s in 1..=k as u32 {
            let mut h = self.pick(GUARANTEE_SECTIONS);
            while used.contains(&h) {
                h = self.pick(GUARANTEE_SECTIONS);
            }
            used.push(h);
            let text = format!(
                "{}要{}，{}",
                self.local(ACTORS),
                self.clause(),
                self.body_text()
            );
            children.push(N {
                kind: Kind::Section,
                num: s,
                heading: Some(h.to_string()),
                run_in: true,
                heading_end: "",
                paragraphs: vec![text],
                children: Vec::new(),
            });
        }
        N {
            kind: Kind::Part,
            num,
            heading: Some(self.pick(GUARANTEE_PARTS).to_string()),
            run_in: false,
            heading_end: "",
            paragraphs: Vec::new(),
            children,
        }
    }

    fn model(mut self) -> Model {
        let place = format!("{}{}", self.pick(PLACE_A), self.pick(PLACE_B));
        let month = 1 + self.rng.below(12) as u32;
        let day = 1 + self.rng.below(28) as u32;
        let date = (self.year, month, day);
        let genre = self.rng.below(3);
        let level = self.level;
        let (issuer, title, head, formula) = match genre {
            0 => {
                let issuer = format!("中共{place}{level}委");
                let title = format!("{issuer}关于{}的决定", self.theme);
                let adoption = format!(
                    "（{}年{month}月{day}日中国共产党{place}{level}第{}届委员会第{}次全体会议通过）",
                    self.year,
                    chinese_numeral(10 + self.rng.below(6) as u32),
                    chinese_numeral(2 + self.rng.below(7) as u32)
                );
                (issuer, title, vec![adoption], "为此，现作出如下决定。")
            }
            g => {
                let issuer = format!("{place}{level}人民政府");
                let (kind, formula) = if g == 1 {
                    ("意见", "为此，现提出如下意见。")
                } else {
                    ("实施方案", "为此，制定本方案。")
                };
                let title = format!("{issuer}关于{}的{kind}", self.theme);
                let number = format!(
                    "{}政发〔{}〕{}号",
                    &place[..3],
                    self.year,
                    1 + self.rng.below(40)
                );
                let addressee = format!("各乡镇人民政府，{level}政府各部门、各直属机构：");
                (issuer, title, vec![number, addressee], formula)
            }
        };
        let theme = self.theme;
        let mut preamble = Vec::new();
        if self.rng.chance(60) {
            preamble.push(self.running());
        }
        preamble.push(format!(
            "为{theme}，{}，{}。{formula}",
            self.clause(),
            self.pick(GOALS)
        ));
        let top = match self.rng.below(20) {
            0..=13 => Kind::Part,
            14..=17 => Kind::Section,
            _ => Kind::Item,
        };
        let mut body = self.list(top, 0);
        if top == Kind::Part && self.rng.chance(50) {
            let g = self.guarantees(body.len() as u32 + 1);
            body.push(g);
        }
        let n_att = [0, 0, 0, 1, 1, 2][self.rng.below(6)];
        let mut attachments = Vec::new();
        let mut attachment_list = Vec::new();
        for (i, kind) in ATTACHMENT_TITLES.iter().enumerate().take(n_att) {
            let title = format!("{}{kind}", self.theme);
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
            let rows = (1..=2 + self.rng.below(4))
                .map(|k| {
                    format!(
                        "{k}　{}{}　{}　{}年{}月底前",
                        self.pick(BODY_VERBS),
                        self.pick(OBJECTS),
                        self.local(UNITS),
                        self.year + 1,
                        3 + self.rng.below(9)
                    )
                })
                .collect();
            attachments.push((label, title, rows));
        }
        Model {
            signature: issuer.clone(),
            issuer,
            title,
            head,
            preamble,
            body,
            attachment_list,
            date,
            note: self.rng.chance(50).then(|| "（此件公开发布）".to_string()),
            attachments,
        }
    }
}

fn draw(rng: &mut Rng) -> Model {
    let seed = rng.next_u64();
    let mut r = Rng::new(seed);
    let theme = THEMES[r.below(THEMES.len())];
    let level = ["县", "区", "市"][r.below(3)];
    let year = 2019 + r.below(7) as u32;
    Draw {
        rng: r,
        theme,
        level,
        year,
    }
    .model()
}

// ---------------------------------------------------------------------------------------------
// surfaces

#[derive(Debug, Clone)]
struct Surface {
    /// A blank line between paragraphs.
    blank: bool,
    /// What opens a paragraph's line.
    indent: &'static str,
    part: &'static str,
    section: (&'static str, &'static str),
    item: &'static str,
    subitem: (&'static str, &'static str),
    /// Full-width digits in item and subitem markers (`１．`).
    wide_digits: bool,
    /// Per mille of numbered lines whose marker stands alone above the text.
    marker_alone: usize,
    /// The date of signing, one piece a line.
    date_in_pieces: bool,
    /// Every measure's heading sentence on its own line above its text.
    split_measures: bool,
    /// Hard-wrapped at this many characters, with page numbers and running heads.
    pdf: Option<Pdf>,
    crlf: bool,
    bom: bool,
    encoding: Encoding,
}

#[derive(Debug, Clone)]
struct Pdf {
    width: usize,
    page_lines: usize,
    page_number: usize,
    running_head: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Gbk,
    Utf16Le,
}

fn surface(rng: &mut Rng) -> Surface {
    let pdf = rng.chance(30).then(|| Pdf {
        width: 20 + rng.below(21),
        page_lines: 22 + rng.below(20),
        page_number: rng.below(3),
        running_head: rng.chance(50),
    });
    let web = pdf.is_none();
    Surface {
        blank: if web { rng.chance(50) } else { rng.chance(15) },
        indent: ["", "　　", "\u{a0}\u{a0}", "  "][rng.below(4)],
        part: ["、", "、", "．"][rng.below(3)],
        section: [("（", "）"), ("（", "）"), ("(", ")")][rng.below(3)],
        item: [".", "．", "、"][rng.below(3)],
        subitem: [("（", "）"), ("(", ")"), ("", "）")][rng.below(3)],
        wide_digits: rng.chance(10),
        marker_alone: if web && rng.chance(30) {
            [300, 1000][rng.below(2)]
        } else {
            0
        },
        date_in_pieces: web && rng.chance(20),
        split_measures: web && rng.chance(20),
        pdf,
        crlf: rng.chance(20),
        bom: rng.chance(15),
        encoding: match rng.below(20) {
            0 => Encoding::Gbk,
            1 => Encoding::Utf16Le,
            _ => Encoding::Utf8,
        },
    }
}

/// The model's text as blocks: each a paragraph of the page (`true` when it is body text that
/// takes the paragraph indent), before the surface's line breaking.
struct Blocks {
    rng: Rng,
    out: Vec<(String, bool)>,
}

fn digits(n: u32, wide: bool) -> String {
    let s = n.to_string();
    if wide {
        s.chars()
            .map(|c| {
                char::from_u32(c as u32 - '0' as u32 + '０' as u32).expect("a full-width digit")
            })
            .collect()
    } else {
        s
    }
}

fn marker(n: &N, s: &Surface) -> String {
    match n.kind {
        Kind::Part => format!("{}{}", chinese_numeral(n.num), s.part),
        Kind::Section => format!("{}{}{}", s.section.0, chinese_numeral(n.num), s.section.1),
        Kind::Item => format!("{}{}", digits(n.num, s.wide_digits), s.item),
        Kind::Subitem => format!(
            "{}{}{}",
            s.subitem.0,
            digits(n.num, s.wide_digits),
            s.subitem.1
        ),
        Kind::Measure => String::new(),
    }
}

impl Blocks {
    fn push(&mut self, t: String, indent: bool) {
        self.out.push((t, indent));
    }

    fn node(&mut self, n: &N, s: &Surface) {
        let m = marker(n, s);
        let mut paragraphs = n.paragraphs.iter();
        let first_line = match (&n.heading, n.run_in) {
            (Some(h), true) => format!("{h}。{}", paragraphs.next().map_or("", |p| p.as_str())),
            (Some(h), false) => format!("{h}{}", n.heading_end),
            (None, _) => paragraphs.next().cloned().unwrap_or_default(),
        };
        if n.kind == Kind::Measure && s.split_measures {
            let h = n.heading.as_deref().unwrap_or_default();
            self.push(format!("{h}。"), true);
            let rest = &first_line[h.len() + '。'.len_utf8()..];
            self.push(rest.to_string(), true);
        } else if !m.is_empty() && s.marker_alone > 0 && self.rng.below(1000) < s.marker_alone {
            self.push(m, true);
            self.push(first_line, true);
        } else {
            self.push(format!("{m}{first_line}"), true);
        }
        for p in paragraphs {
            self.push(p.clone(), true);
        }
        for c in &n.children {
            self.node(c, s);
        }
    }
}

fn render(m: &Model, s: &Surface, rng: &mut Rng) -> Vec<u8> {
    let mut b = Blocks {
        rng: Rng::new(rng.next_u64()),
        out: Vec::new(),
    };
    b.push(m.title.clone(), false);
    for h in &m.head {
        b.push(h.clone(), false);
    }
    for p in &m.preamble {
        b.push(p.clone(), true);
    }
    for n in &m.body {
        b.node(n, s);
    }
    for a in &m.attachment_list {
        b.push(a.clone(), true);
    }
    b.push(m.signature.clone(), false);
    let (y, mo, d) = m.date;
    if s.date_in_pieces {
        for piece in [
            y.to_string(),
            "年".into(),
            mo.to_string(),
            "月".into(),
            d.to_string(),
            "日".into(),
        ] {
            b.push(piece, false);
        }
    } else {
        b.push(format!("{y}年{mo}月{d}日"), false);
    }
    if let Some(n) = &m.note {
        b.push(n.clone(), true);
    }
    for (label, title, rows) in &m.attachments {
        b.push(label.clone(), false);
        b.push(title.clone(), false);
        for r in rows {
            b.push(r.clone(), false);
        }
    }
    let lines: Vec<String> = match &s.pdf {
        None => {
            let mut lines = Vec::new();
            for (t, indent) in &b.out {
                lines.push(if *indent {
                    format!("{}{t}", s.indent)
                } else {
                    t.clone()
                });
                if s.blank {
                    lines.push(String::new());
                }
            }
            lines
        }
        Some(p) => pdf_lines(&b.out, s, p, &m.issuer),
    };
    let nl = if s.crlf { "\r\n" } else { "\n" };
    let mut text = lines.join(nl);
    text.push_str(nl);
    let mut bytes = Vec::new();
    match s.encoding {
        Encoding::Utf8 => {
            if s.bom {
                bytes.extend_from_slice("\u{feff}".as_bytes());
            }
            bytes.extend_from_slice(text.as_bytes());
        }
        Encoding::Gbk => {
            // GB18030 writes what GBK can hold as GBK does, and the rest (a no-break space) in
            // four bytes
            let (enc, _, bad) = encoding_rs::GB18030.encode(&text);
            assert!(!bad, "GB18030 holds every character");
            bytes.extend_from_slice(&enc);
        }
        Encoding::Utf16Le => {
            bytes.extend_from_slice(&[0xFF, 0xFE]);
            for u in text.encode_utf16() {
                bytes.extend_from_slice(&u.to_le_bytes());
            }
        }
    }
    bytes
}

/// Columns of a character on a printed page: two for CJK and full-width forms, one otherwise.
fn columns(c: char) -> usize {
    if c.is_ascii() || c == '\u{a0}' {
        1
    } else {
        2
    }
}

/// The blocks hard-wrapped at `p.width` characters (two columns each), body text indented by
/// two ideographic spaces on its first line, a page number and a running head at every page
/// break.
fn pdf_lines(blocks: &[(String, bool)], s: &Surface, p: &Pdf, issuer: &str) -> Vec<String> {
    let width = 2 * p.width;
    let mut wrapped: Vec<String> = Vec::new();
    for (t, indent) in blocks {
        let mut line = if *indent {
            "　　".to_string()
        } else {
            String::new()
        };
        let mut w: usize = line.chars().map(columns).sum();
        for c in t.chars() {
            if w + columns(c) > width {
                wrapped.push(std::mem::take(&mut line));
                w = 0;
            }
            line.push(c);
            w += columns(c);
        }
        wrapped.push(line);
        if s.blank {
            wrapped.push(String::new());
        }
    }
    let pages = wrapped.len().div_ceil(p.page_lines);
    let mut out = Vec::new();
    for (k, chunk) in wrapped.chunks(p.page_lines).enumerate() {
        if k > 0 && p.running_head && pages > 3 {
            out.push(format!("{issuer}文件"));
        }
        out.extend(chunk.iter().cloned());
        let no = k + 1;
        out.push(match p.page_number {
            0 => format!("— {no} —"),
            1 => format!("-{no}-"),
            _ => format!("第 {no} 页"),
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// what must come back

fn model_outline(ns: &[N], depth: usize, out: &mut Vec<String>) {
    for n in ns {
        let num = if n.kind == Kind::Measure {
            String::new()
        } else {
            n.num.to_string()
        };
        out.push(format!(
            "{}{} {num} {}",
            "  ".repeat(depth),
            n.kind.name(),
            n.heading.as_deref().unwrap_or("-")
        ));
        model_outline(&n.children, depth + 1, out);
    }
}

fn read_outline(ns: &[Node], depth: usize, out: &mut Vec<String>) {
    for n in ns {
        let kind = n.kind.as_str();
        let num = n
            .num
            .as_ref()
            .map_or(String::new(), |x| x.value.to_string());
        out.push(format!(
            "{}{kind} {num} {}",
            "  ".repeat(depth),
            n.heading.as_ref().map_or("-", |h| h.text.as_str())
        ));
        read_outline(&n.children, depth + 1, out);
    }
}

/// The body's text without white space: headings and paragraphs in order.
fn model_text(ns: &[N], out: &mut String) {
    for n in ns {
        if let Some(h) = &n.heading {
            out.push_str(h);
        }
        for p in &n.paragraphs {
            out.push_str(p);
        }
        model_text(&n.children, out);
    }
}

fn read_text(ns: &[Node], out: &mut String) {
    for n in ns {
        if let Some(h) = &n.heading {
            out.push_str(&h.text);
        }
        for p in &n.paragraphs {
            out.push_str(&p.text);
        }
        read_text(&n.children, out);
    }
}

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '\u{a0}')
        .collect()
}

fn check(seed: u64) -> Result<(), String> {
    let mut rng = Rng::new(seed);
    let model = draw(&mut rng);
    let s = surface(&mut rng);
    let bytes = render(&model, &s, &mut rng);
    let shown = || {
        let text = match s.encoding {
            Encoding::Utf8 => String::from_utf8_lossy(&bytes).into_owned(),
            Encoding::Gbk => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
            Encoding::Utf16Le => encoding_rs::UTF_16LE.decode(&bytes).0.into_owned(),
        };
        format!("seed {seed}, surface {s:?}\n--- text:\n{text}")
    };
    let doc: Document = gongwen::text::read_bytes(&bytes)
        .map_err(|e| format!("reading failed: {e}\n{}", shown()))?;
    let mut want = Vec::new();
    model_outline(&model.body, 0, &mut want);
    let mut got = Vec::new();
    read_outline(&doc.body, 0, &mut got);
    if want != got {
        let mut diff = String::new();
        for i in 0..want.len().max(got.len()) {
            let (w, g) = (want.get(i), got.get(i));
            if w != g {
                diff.push_str(&format!(
                    "  line {}: want {:?}\n           got  {:?}\n",
                    i + 1,
                    w.map_or("(none)", |x| x.as_str()),
                    g.map_or("(none)", |x| x.as_str())
                ));
                if diff.len() > 1500 {
                    break;
                }
            }
        }
        return Err(format!("the tree differs:\n{diff}{}", shown()));
    }
    if doc.meta.title.as_deref() != Some(model.title.as_str()) {
        return Err(format!(
            "title {:?}, want {:?}\n{}",
            doc.meta.title,
            model.title,
            shown()
        ));
    }
    let (mut want_text, mut got_text) = (String::new(), String::new());
    model_text(&model.body, &mut want_text);
    read_text(&doc.body, &mut got_text);
    let (want_text, got_text) = (squeeze(&want_text), squeeze(&got_text));
    if want_text != got_text {
        let at = want_text
            .chars()
            .zip(got_text.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let around = |t: &str| {
            t.chars()
                .skip(at.saturating_sub(20))
                .take(60)
                .collect::<String>()
        };
        return Err(format!(
            "the body's text differs from character {at}:\n  want …{}…\n  got  …{}…\n{}",
            around(&want_text),
            around(&got_text),
            shown()
        ));
    }
    let preamble: String = doc.preamble.iter().map(|p| p.text.as_str()).collect();
    if squeeze(&preamble) != squeeze(&model.preamble.concat()) {
        return Err(format!("the preamble differs: {preamble:?}\n{}", shown()));
    }
    let titles: Vec<&str> = doc
        .attachments
        .iter()
        .map(|a| a.content.meta.title.as_deref().unwrap_or("(none)"))
        .collect();
    let want_titles: Vec<&str> = model.attachments.iter().map(|a| a.1.as_str()).collect();
    if titles != want_titles {
        return Err(format!(
            "attachments {titles:?}, want {want_titles:?}\n{}",
            shown()
        ));
    }
    let date = format!("{}年{}月{}日", model.date.0, model.date.1, model.date.2);
    if !doc.closing.iter().any(|c| squeeze(&c.text) == date) {
        return Err(format!(
            "no closing line holds the date {date}\n{}",
            shown()
        ));
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("SURFACE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        // a failing seed is printed whole; shrinking a seed finds nothing simpler
        max_shrink_iters: 0,
        failure_persistence: None,
        // the same cases on every run (PROPTEST_RNG_SEED=n draws others)
        rng_seed: RngSeed::Fixed(
            std::env::var("PROPTEST_RNG_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(9704),
        ),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_surface_reads_back_to_the_model(seed in any::<u64>()) {
        if let Err(e) = check(seed) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// Seeds that once failed, kept as regressions; `SURFACE_SEED=n` adds one to replay it, and
/// `SURFACE_DUMP=FILE` writes its rendered bytes there (`gongwen check --explain FILE`).
const KNOWN_SEEDS: &[u64] = &[
    882484845698331725,
    14050455920370911364,
    11944689236514262826,
    8535325019304273008,
    8701582469042863626,
    2584814821450220751,
    13550434167463657532,
];

#[test]
fn known_seeds_read_back() {
    let extra: Option<u64> = std::env::var("SURFACE_SEED")
        .ok()
        .and_then(|v| v.parse().ok());
    if let (Some(seed), Ok(path)) = (extra, std::env::var("SURFACE_DUMP")) {
        let mut rng = Rng::new(seed);
        let model = draw(&mut rng);
        let s = surface(&mut rng);
        std::fs::write(&path, render(&model, &s, &mut rng)).expect("SURFACE_DUMP is writable");
    }
    let failures: Vec<String> = KNOWN_SEEDS
        .iter()
        .copied()
        .chain(extra)
        .filter_map(|seed| check(seed).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
