//! The typed document model.
//!
//! Invariant: this module imports no format crate. It derives `serde` and `schemars` traits so that
//! the format modules can serialise it, but it knows nothing of JSON, XML or text layout.
//!
//! Every character of the input is held exactly once: either in the document proper (metadata
//! lines, paragraphs, headings, numbers as written, closing lines) or in [`Residue`] (page chrome,
//! metadata boxes, news leads). Metadata values such as the title or the adoption date are typed
//! summaries derived from those lines; where a line of the document proper is not exactly what the
//! canonical writer would produce from the typed values, the line is kept verbatim beside them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Defines a model enum whose values have names (`"decision"`, `"attachment-list"`), written
/// once: serde's names (hence JSON and the JSON Schema), [`as_str`](DocKind::as_str) (gongwen
/// XML, Akoma Ntoso, outlines, the Python binding), [`FromStr`](std::str::FromStr) (their
/// readers) and `ALL` (the binding's lists of accepted values) all come from the one list.
macro_rules! names {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )*
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )*
        }

        impl $name {
            /// Every value, in the order of declaration.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value's name, as JSON, XML, Akoma Ntoso, outlines and Python spell it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownName;

            fn from_str(s: &str) -> Result<Self, UnknownName> {
                match s {
                    $($text => Ok($name::$variant),)*
                    _ => Err(UnknownName {
                        what: stringify!($name),
                        name: s.to_string(),
                        expected: &[$($text),*],
                    }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// A name that is none of an enum's values (from [`std::str::FromStr`] of a model enum).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// The enum, e.g. `NodeKind`.
    pub what: &'static str,
    /// The name that was given.
    pub name: String,
    /// The names that are values.
    pub expected: &'static [&'static str],
}

impl std::fmt::Display for UnknownName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is no {}: expected one of {}",
            self.name,
            self.what,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

/// A Chinese official document (公文): its metadata, body hierarchy, closing block and attachments,
/// with the text around it that is not part of it (the residue) and what the reader noticed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Title, issuer, number, dates, adopting meeting, publication, page metadata box.
    pub meta: Metadata,
    /// Paragraphs between the head (title, number, addressee) and the first numbered part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<Paragraph>,
    /// The body hierarchy: parts, sections, items, subitems, measures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Node>,
    /// Notes after the body (名词解释, 注释, `注：1.……`): explanations of terms, not structure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Notes>,
    /// Signatures, date of signing and notes (附注) that close the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closing: Vec<ClosingLine>,
    /// Attachments (附件) and documents issued or forwarded by this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// Text around the document that is not part of it, verbatim, with its position.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub residue: Vec<Residue>,
    /// What the reader noticed: numbering gaps, repeats, levels out of order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

names! {
/// The genre of a document, from the last word of its title (文种).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum DocKind {
    /// 决定
    Decision = "decision",
    /// 意见, 实施意见
    Opinion = "opinion",
    /// 方案, 实施方案, 规划, 计划, 措施
    Plan = "plan",
    /// 通知, 通报, 公告, 通告
    Notice = "notice",
    /// 令, 命令: an order, such as the one that promulgates a law or a regulation
    Order = "order",
    /// 批复, 函, 复函
    Reply = "reply",
    /// 报告, 工作报告
    Report = "report",
    /// 决议
    Resolution = "resolution",
    /// 条例, 规定, 办法, 细则, 规则, 法
    Regulation = "regulation",
    /// Anything else.
    #[default]
    Other = "other",
}
}

/// A calendar date, `YYYY-MM-DD` when serialised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date if the numbers form one (year 1–9999, month 1–12, day valid for the month).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) {
            return None;
        }
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days).then_some(Date { year, month, day })
    }

    /// `2020年6月30日`, the form GB/T 9704-2012 prescribes for 成文日期.
    pub fn to_chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(s: String) -> Result<Date, String> {
        let bad = || format!("invalid date `{s}`, expected YYYY-MM-DD");
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let y = s[0..4].parse().map_err(|_| bad())?;
        let m = s[5..7].parse().map_err(|_| bad())?;
        let d = s[8..10].parse().map_err(|_| bad())?;
        Date::new(y, m, d).ok_or_else(bad)
    }
}

/// Metadata of a document. Values are normalised; where they were read from a line of the
/// document proper that the canonical writer would not reproduce exactly, that line is kept in
/// the `*_line` field beside them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// The genre (文种), from the title.
    #[serde(default)]
    pub kind: DocKind,
    /// The document's own title, lines of a split title joined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The title lines as printed, when they are not just the title (split over several lines,
    /// letter-spaced, marked up).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title_lines: Vec<String>,
    /// Where the title was read from: the document itself, or the page around it.
    #[serde(default, skip_serializing_if = "TitleSource::is_document")]
    pub title_from: TitleSource,
    /// Issuing bodies (发文机关), from the title, the signature or the metadata box.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issuers: Vec<String>,
    /// The document number (发文字号), e.g. `国发〔2019〕5号`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<DocNumber>,
    /// Lines between the title and the addressee that belong to the head but are not a number
    /// (a report's 题注 such as `——2022年3月5日在……上`, a speaker's name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subtitle: Vec<String>,
    /// The meeting that adopted the document, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<Adoption>,
    /// The addressees (主送机关) as written, with the closing colon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressee: Option<String>,
    /// Date of signing (成文日期), from the closing block or the metadata box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<Date>,
    /// How and where the document was published on the web.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<Publication>,
    /// The key–value fields of a page's metadata box (索引号, 主题分类, 发文机关…), as printed;
    /// a field whose value a typed field holds as printed (标题 the title, 发文字号 the number,
    /// 成文日期 the signing date, 发布日期 the publication date) is not repeated here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// The character encoding the source was decoded from, when it was not UTF-8 (`GBK`,
    /// `gb18030`, `UTF-16LE`, `Big5`…): spans count bytes of the source in that encoding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// What a law, regulation, rule or judicial interpretation says of itself: its kind, its
    /// history (题注) and when it takes effect. Derived from the text, which keeps every word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law: Option<LawMeta>,
}

/// A law's metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LawMeta {
    /// The kind of legislation, from who adopted it and its title; none when neither says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<LawKind>,
    /// The events of its history (题注 or history lines), in the order printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<LawEvent>,
    /// The date it takes effect (`自2019年1月1日起施行`; `自公布之日起施行`: the promulgation's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<Date>,
}

/// One event of a law's history: `2018年12月18日中华人民共和国国务院令第707号第四次修订`. Its
/// words stay where the document prints them (the 题注 in the preamble, or the head's lines).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LawEvent {
    /// What happened.
    pub action: LawAction,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The body that acted (`全国人民代表大会常务委员会`, `中华人民共和国国务院`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The meeting (`第九届全国人民代表大会常务委员会第二十次会议`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    /// The order that promulgated it (`中华人民共和国主席令第六号`, `国务院令第707号`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
}

names! {
/// The kind of a piece of legislation (立法法).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum LawKind {
    /// 法律: adopted by the National People's Congress or its Standing Committee
    Law = "law",
    /// 行政法规: by the State Council
    AdministrativeRegulation = "administrative-regulation",
    /// 地方性法规: by a local people's congress or its standing committee
    LocalRegulation = "local-regulation",
    /// 规章: departmental or local government rules, issued by order (令)
    Rule = "rule",
    /// 司法解释: by the Supreme People's Court or Procuratorate
    JudicialInterpretation = "judicial-interpretation",
    /// 修改决定, 修正案: a text that amends another
    AmendingDecision = "amending-decision",
}
}

names! {
/// What an event of a law's history did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum LawAction {
    /// 通过
    Adopted = "adopted",
    /// 批准
    Approved = "approved",
    /// 公布, 发布
    Promulgated = "promulgated",
    /// 修正
    Amended = "amended",
    /// 修订
    Revised = "revised",
    /// 施行
    Effective = "effective",
}
}

names! {
/// Where a document's title was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum TitleSource {
    /// A title line of the document (or no title).
    #[default]
    Document = "document",
    /// A news lead that reports the document (`审议通过《……》`).
    Lead = "lead",
    /// The page's metadata box (`标题：……`).
    MetadataBox = "metadata-box",
}
}

impl TitleSource {
    /// True for [`TitleSource::Document`], the default.
    pub fn is_document(&self) -> bool {
        *self == TitleSource::Document
    }
}

/// A document number (发文字号): issuer code, year and sequence, and the text as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocNumber {
    /// The line as written, e.g. `（国办发〔2023〕17 号）`.
    pub text: String,
    /// The issuer code (发文机关代字), e.g. `国办发`.
    pub code: String,
    /// The year in the brackets.
    pub year: u16,
    /// The sequence number.
    pub seq: u32,
}

impl DocNumber {
    /// The number in the form GB/T 9704-2012 prescribes: `国办发〔2023〕17号`.
    pub fn normalized(&self) -> String {
        format!("{}〔{}〕{}号", self.code, self.year, self.seq)
    }
}

/// The adopting meeting and date of a decision or resolution.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Adoption {
    /// The meeting, e.g. `十届区委十次全会`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    /// The date of adoption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The adoption line as written, when it was read from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
}

impl Adoption {
    /// The adoption line the canonical writer produces: `（2020年6月30日十届区委十次全会通过）`.
    pub fn canonical_line(&self) -> String {
        let date = self.date.map(|d| d.to_chinese()).unwrap_or_default();
        format!("（{}{}通过）", date, self.meeting.as_deref().unwrap_or(""))
    }

    /// The line to print: as written when kept, otherwise the canonical line.
    pub fn text(&self) -> String {
        self.line.clone().unwrap_or_else(|| self.canonical_line())
    }
}

/// Publication on the web.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// Date and time of publication, ISO 8601 without zone (`2020-06-30T10:35`), or a date alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datetime: Option<String>,
    /// The publisher or source (来源).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The headline as published, when the page gives one beside the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
}

/// One key–value field of a metadata box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The key with its spacing removed (`索引号` for `索 引 号`).
    pub key: String,
    /// The value as printed.
    pub value: String,
}

names! {
/// The level of a node in the body hierarchy.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum NodeKind {
    /// A law's 编, `第一编`.
    Book = "book",
    /// A law's 分编, `第一分编`.
    Subbook = "subbook",
    /// A law's 章, `第一章`.
    Chapter = "chapter",
    /// A law's 节, `第一节`.
    Division = "division",
    /// A law's 条, `第一条`; its paragraphs are its 款.
    Article = "article",
    /// First level, `一、`.
    Part = "part",
    /// Second level, `（一）`.
    Section = "section",
    /// Third level, `1.`.
    Item = "item",
    /// Fourth level, `（1）`.
    Subitem = "subitem",
    /// A paragraph that opens with a run-in heading sentence, not numbered.
    Measure = "measure",
    /// A law's 项, `（一）` inside an article.
    Point = "point",
    /// A law's 目, `1.` inside a point.
    Subpoint = "subpoint",
}
}

impl LawAction {
    /// The verb as a history prints it (`通过`, `修正`).
    pub fn chinese(self) -> &'static str {
        match self {
            LawAction::Adopted => "通过",
            LawAction::Approved => "批准",
            LawAction::Promulgated => "公布",
            LawAction::Amended => "修正",
            LawAction::Revised => "修订",
            LawAction::Effective => "施行",
        }
    }
}

impl NodeKind {
    /// True for the units of a law (编, 分编, 章, 节, 条, 项, 目).
    pub fn is_law(self) -> bool {
        matches!(
            self,
            NodeKind::Book
                | NodeKind::Subbook
                | NodeKind::Chapter
                | NodeKind::Division
                | NodeKind::Article
                | NodeKind::Point
                | NodeKind::Subpoint
        )
    }
}

/// A node of the body: a numbered or headed unit with its lead-in paragraphs and children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub kind: NodeKind,
    /// The number as written and as an integer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num: Option<Num>,
    /// The heading, if the node has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<Heading>,
    /// Paragraphs before the first child: the node's lead-in (or its whole text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Paragraph>,
    /// Child nodes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
    /// For a point (项) of an article that has paragraphs: the paragraph (款), counted from 1,
    /// that introduces it, the last before it in the text. An article's points need not stand
    /// in its last 款: `前款规定的……` may follow them, and a later 款 may open a list of its own.
    /// `None` for every other node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_paragraph: Option<u32>,
    /// True for the part or section that holds the document's guarantees (保障, 组织实施…).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub guarantees: bool,
    /// Where the node starts in the source.
    #[serde(default, skip_serializing_if = "Span::is_empty")]
    pub span: Span,
}

impl Node {
    /// A node of the given kind with nothing in it.
    pub fn new(kind: NodeKind) -> Node {
        Node {
            kind,
            num: None,
            heading: None,
            paragraphs: Vec::new(),
            children: Vec::new(),
            in_paragraph: None,
            guarantees: false,
            span: Span::default(),
        }
    }

    /// The heading text without its closing punctuation, if any.
    pub fn heading_text(&self) -> Option<&str> {
        self.heading.as_ref().map(|h| h.text.as_str())
    }

    /// The number as an integer, if the node is numbered.
    pub fn number(&self) -> Option<u32> {
        self.num.as_ref().map(|n| n.value)
    }

    /// Each paragraph with the children that stand in it, in order: for an article, each 款
    /// with its points ([`Node::in_paragraph`]). A child without its paragraph, or with one
    /// beyond the last, stands in the last; one whose paragraph comes before that of the child
    /// before it stands with that child, so that the children keep their order. Every child is
    /// given once where the node has paragraphs; none where it has none.
    pub fn paragraph_children(&self) -> ParagraphChildren<'_> {
        ParagraphChildren {
            paragraphs: self.paragraphs.iter(),
            children: &self.children,
            next: 0,
            at: 1,
            k: 1,
            last: u32::try_from(self.paragraphs.len()).unwrap_or(u32::MAX),
        }
    }
}

/// The iterator of [`Node::paragraph_children`].
#[derive(Debug, Clone)]
pub struct ParagraphChildren<'n> {
    paragraphs: std::slice::Iter<'n, Paragraph>,
    children: &'n [Node],
    /// The next child to place, the paragraph it may stand in at the earliest, and the
    /// paragraph (from 1) the next item gives.
    next: usize,
    at: u32,
    k: u32,
    last: u32,
}

impl<'n> Iterator for ParagraphChildren<'n> {
    type Item = (&'n Paragraph, &'n [Node]);

    fn next(&mut self) -> Option<Self::Item> {
        let p = self.paragraphs.next()?;
        let start = self.next;
        while let Some(c) = self.children.get(self.next) {
            let its = c
                .in_paragraph
                .unwrap_or(self.last)
                .clamp(self.at, self.last);
            if its != self.k {
                break;
            }
            self.at = its;
            self.next += 1;
        }
        self.k += 1;
        Some((p, &self.children[start..self.next]))
    }
}

/// A number as written (`(一)`, `一、`, `1．`) and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Num {
    /// The marker as written, with its brackets or trailing mark.
    pub text: String,
    /// The value as an integer.
    pub value: u32,
    /// The number of an inserted article after its value: `第一百二十条之一` is 120, then 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<u32>,
}

/// A heading: its text, the punctuation that closes it and whether body text follows on its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// The heading without its closing punctuation.
    pub text: String,
    /// The closing punctuation as written (`。`, `：`, `；`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// True when the first paragraph continues on the heading's line (a run-in heading).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub run_in: bool,
}

/// A paragraph of text, or a table standing where a paragraph stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// The paragraph's text; empty for a table, whose text is in its cells.
    pub text: String,
    /// A table (an HTML page's `<table>`, AKN's `table`), rows of cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<Table>,
    #[serde(default, skip_serializing_if = "Span::is_empty")]
    pub span: Span,
}

impl Paragraph {
    /// A paragraph without a source position.
    pub fn new(text: impl Into<String>) -> Paragraph {
        Paragraph {
            text: text.into(),
            table: None,
            span: Span::default(),
        }
    }

    /// A paragraph of text at `span`.
    pub fn at(text: impl Into<String>, span: Span) -> Paragraph {
        Paragraph {
            text: text.into(),
            table: None,
            span,
        }
    }

    /// A table standing as a paragraph.
    pub fn table(table: Table, span: Span) -> Paragraph {
        Paragraph {
            text: String::new(),
            table: Some(table),
            span,
        }
    }
}

/// A table as published: its rows, each an array of cells, in order. A cell that spans rows
/// or columns stands once, in the first row and column it covers (as in HTML).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The number of columns: the widest row, spans counted.
    pub fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.iter().map(|c| c.colspan as usize).sum::<usize>())
            .max()
            .unwrap_or(0)
    }

    /// The table's text: a row a line, cells apart by tabs, a cell's lines joined by spaces.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, row) in self.rows.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            for (j, c) in row.iter().enumerate() {
                if j > 0 {
                    out.push('\t');
                }
                for (k, l) in c.text.split('\n').enumerate() {
                    if k > 0 {
                        out.push(' ');
                    }
                    out.push_str(l);
                }
            }
        }
        out
    }
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// The cell's text, its paragraphs on lines of their own.
    pub text: String,
    /// True for a header cell (`<th>`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub header: bool,
    /// The rows the cell spans (1 unless it spans more).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub rowspan: u32,
    /// The columns the cell spans (1 unless it spans more).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub colspan: u32,
    #[serde(default, skip_serializing_if = "Span::is_empty")]
    pub span: Span,
}

impl Cell {
    /// A one-by-one data cell without a source position.
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            header: false,
            rowspan: 1,
            colspan: 1,
            span: Span::default(),
        }
    }
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

/// Notes after the body (名词解释, 注释, `注：1.……`): the document's explanations of its terms and
/// figures, one paragraph a note, kept verbatim (numbers as written); they are not structure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notes {
    /// The label as written (`名词解释`, `注：`), when the notes have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The notes, in order; a term printed on its own line and its explanation are one note.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<Paragraph>,
    /// Where the notes start in the source.
    #[serde(default, skip_serializing_if = "Span::is_empty")]
    pub span: Span,
}

names! {
/// The role of a line in the closing block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ClosingRole {
    /// An issuing body's name (发文机关署名).
    Signature = "signature",
    /// The date of signing (成文日期).
    Date = "date",
    /// A note in brackets (附注), e.g. `（此件公开发布）`.
    Note = "note",
    /// An attachment list (附件说明), e.g. `附件：1.……`.
    AttachmentList = "attachment-list",
    /// The bodies a copy goes to (版记: 抄送机关), e.g. `抄送：市应急管理局。`, with the lines its
    /// list goes on over.
    CopyTo = "copy-to",
    /// The office and date of printing (版记: 印发机关和印发日期), e.g.
    /// `某某办公室　2020年4月28日印发`.
    Printed = "printed",
}
}

/// A line of the closing block, verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosingLine {
    pub role: ClosingRole,
    pub text: String,
    #[serde(default, skip_serializing_if = "Span::is_empty")]
    pub span: Span,
}

/// An attachment (附件), or a document issued or forwarded by a notice (印发 / 转发).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The label line as written (`附件1`, `附件`), absent for a forwarded document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The attachment's number, if the label numbers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num: Option<u32>,
    /// The attachment's content: a document of its own (its title in `meta.title`). Its JSON
    /// key is `document`, the name the Python binding and the XML use (`content` is read too).
    #[serde(rename = "document", alias = "content")]
    pub content: Document,
    #[serde(default, skip_serializing_if = "Span::is_empty")]
    pub span: Span,
}

names! {
/// What a piece of residue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ResidueRole {
    /// Site navigation, logos, footers, licence lines.
    Chrome = "chrome",
    /// A page's metadata box (索引号, 发文机关, 成文日期…).
    MetadataBox = "metadata-box",
    /// Publication lines: date-time, source, headline.
    Publication = "publication",
    /// A news lead that reports the document (`审议通过《……》`).
    Lead = "lead",
    /// Text inside the document that the reader could not place (stray lines).
    Unplaced = "unplaced",
    /// Page furniture of a printed or paginated source: page numbers, running heads.
    Furniture = "furniture",
}
}

/// Text around (or inside) the document that is not part of it, kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Residue {
    pub role: ResidueRole,
    /// The lines as they stand in the source, joined with `\n`.
    pub text: String,
    #[serde(default, skip_serializing_if = "Span::is_empty")]
    pub span: Span,
}

/// A position in the source: byte offset and length, 1-based line and character column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// Byte offset of the start in the source.
    pub offset: usize,
    /// Length in bytes.
    pub len: usize,
    /// 1-based line of the start.
    pub line: u32,
    /// 1-based column of the start, in characters.
    pub column: u32,
}

impl Span {
    /// True for the span of something that was not read from a source (all zero).
    pub fn is_empty(&self) -> bool {
        *self == Span::default()
    }
}

names! {
/// How serious a diagnostic is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Severity {
    Error = "error",
    Warning = "warning",
    Note = "note",
}
}

/// Something the reader or a validator noticed, with where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    /// A stable kebab-case code, e.g. `numbering-gap`.
    pub code: String,
    pub severity: Severity,
    /// Lowercase, no trailing period.
    pub message: String,
    #[serde(default, skip_serializing_if = "Span::is_empty")]
    pub span: Span,
}

impl Diagnostic {
    /// The codes of diagnostics about the source's page layout, which the canonical text
    /// (laid out anew) no longer has cause for: a heading put back where PDF text moved it, a
    /// stray line after the closing block kept as residue, blanks where PDF lines wrapped, a
    /// line that held several entries (or a whole text) run together, cut apart.
    pub const LAYOUT_CODES: &'static [&'static str] = &[
        "displaced-heading",
        "unplaced-tail",
        "wrap-blanks",
        "line-cut",
    ];

    /// True when the diagnostic is about the source's page layout (see [`Self::LAYOUT_CODES`]).
    pub fn is_about_layout(&self) -> bool {
        Self::LAYOUT_CODES.contains(&self.code.as_str())
    }
}

impl Document {
    /// The parts or sections that hold the document's guarantees (保障, 组织实施…), in order,
    /// including those of forwarded documents.
    pub fn guarantees(&self) -> Vec<&Node> {
        fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
            for n in nodes {
                if n.guarantees {
                    out.push(n);
                } else {
                    walk(&n.children, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.body, &mut out);
        for a in &self.attachments {
            out.extend(a.content.guarantees());
        }
        out
    }

    /// Every node of the body in document order, with its path of indices from the top.
    pub fn walk(&self) -> Vec<(Vec<usize>, &Node)> {
        fn go<'a>(nodes: &'a [Node], path: &mut Vec<usize>, out: &mut Vec<(Vec<usize>, &'a Node)>) {
            for (i, n) in nodes.iter().enumerate() {
                path.push(i);
                out.push((path.clone(), n));
                go(&n.children, path, out);
                path.pop();
            }
        }
        let mut out = Vec::new();
        go(&self.body, &mut Vec::new(), &mut out);
        out
    }

    /// True when there are error diagnostics.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The document without what depends on the source layout or the page around it: residue,
    /// spans, the layout of title lines, an adoption line that is just the canonical one, and
    /// whether the title came from a news lead, and diagnostics about the page layout. Two readings of the same document in different
    /// layouts (the page as published and the canonical text gongwen writes) agree on this.
    pub fn without_page(&self) -> Document {
        let mut d = self.clone();
        d.residue.clear();
        d.meta.encoding = None;
        d.clear_layout();
        fn drop_layout_notes(d: &mut Document) {
            d.diagnostics.retain(|x| !x.is_about_layout());
            for a in &mut d.attachments {
                drop_layout_notes(&mut a.content);
            }
        }
        drop_layout_notes(&mut d);
        d
    }

    /// Clears every span, the split-title layout and an adoption line that is just the
    /// canonical one, recursively.
    pub fn clear_layout(&mut self) {
        fn nodes(ns: &mut [Node]) {
            for n in ns {
                n.span = Span::default();
                for p in &mut n.paragraphs {
                    p.span = Span::default();
                }
                nodes(&mut n.children);
            }
        }
        self.meta.title_lines.clear();
        // the canonical writer prints a title taken from a news lead as the document's title line
        if self.meta.title_from == TitleSource::Lead {
            self.meta.title_from = TitleSource::Document;
        }
        if let Some(a) = &mut self.meta.adopted {
            if a.line.as_deref() == Some(a.canonical_line().as_str()) {
                a.line = None;
            }
        }
        for p in &mut self.preamble {
            p.span = Span::default();
        }
        nodes(&mut self.body);
        if let Some(n) = &mut self.notes {
            n.span = Span::default();
            for p in &mut n.entries {
                p.span = Span::default();
            }
        }
        for c in &mut self.closing {
            c.span = Span::default();
        }
        for a in &mut self.attachments {
            a.span = Span::default();
            a.content.clear_layout();
        }
        for r in &mut self.residue {
            r.span = Span::default();
        }
        for d in &mut self.diagnostics {
            d.span = Span::default();
        }
    }
}
