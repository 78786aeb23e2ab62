//! Akoma Ntoso 3.0 (OASIS LegalDocML): writer, reader and the checks the XSD cannot make.
//!
//! ```
//! let doc = gongwen::parse("关于加强某项工作的通知\n各单位：\n一、总体要求\n（一）明确目标。到年底完成。\n").unwrap();
//! let akn = gongwen::akn::to_string(&doc).unwrap();
//! assert!(akn.contains(r#"<doc name="notice">"#));
//! assert!(gongwen::akn::validate(&akn).is_empty());
//! assert_eq!(gongwen::akn::from_str(&akn).unwrap(), doc);
//! ```
//!
//! # The mapping
//!
//! | model | AKN |
//! |---|---|
//! | decision, resolution, opinion | `<statement name="decision">` (`resolution`, `opinion`) |
//! | plan, notice, reply, report, regulation, other | `<doc name="plan">` (`notice`, `reply`, `report`, `regulation`, `document`) |
//! | title | `preface/longTitle/p/docTitle`, `FRBRalias name="title"`, `FRBRname` |
//! | issuers | `FRBRauthor as="#author"` → `TLCOrganization` (eId: the actor slug) |
//! | number (text) | `preface/p[@class="number"]/docNumber` |
//! | subtitle lines, addressee | `preface/p[@class="subtitle"]`, `preface/p[@class="addressee"]` |
//! | adoption | `preface/p[@class="adoption"]` with `docDate` and `docProponent`; `lifecycle/eventRef` |
//! | signing date | `FRBRWork/FRBRdate name="signature"` |
//! | preamble | `preamble/p`; when the last paragraph ends with an enacting formula (「……现作出如下决定。」), that sentence goes in `formula name="enactingFormula"` (joined again on reading) |
//! | part, section, item, subitem | `part`, `section`, `paragraph`, `point` (`part_1__sec_2__para_3__point_1`) |
//! | measure | `hcontainer name="measure"` (`…__hcontainer_1`) |
//! | num (as written), heading | `num`, `heading` |
//! | lead-in paragraphs / whole text | `intro/p` before the children / `content/p` when there are none |
//! | guarantees | `refersTo="#guarantees"` → `TLCConcept eId="guarantees"` |
//! | closing lines | `conclusions/p[@class="signature"｜"date"｜"note"｜"attachment-list"｜"copy-to"｜"printed"]` |
//! | attachments | `attachments/attachment[@eId="att_1"]`: `num` (label), a nested `doc`/`statement` |
//! | everything else | `meta/proprietary[@source="#gongwen"]/gw:gongwen` |
//!
//! Measures are `hcontainer`, not `paragraph`: AKN has no element for a paragraph that opens
//! with a run-in heading sentence, and `paragraph` is the natural element for the third numbered
//! level (`1.`), after `part` and `section`; `point` takes the fourth (`（1）`).
//!
//! `meta/proprietary` (gongwen namespace, `gw:` prefix, the vocabulary of gongwen XML) holds
//! what AKN has no place for: the numbers' integer values, heading end punctuation and run-in
//! flags, spans, split-title lines, the document number's parts, publication data, the page's
//! metadata box, residue and diagnostics. With it, model → AKN → model is the identity.
//!
//! # Identifiers
//!
//! - **eIds** follow the naming convention with Arabic numbers: `{abbr}_{n}` joined by `__`
//!   from the top of the body (`part_2__sec_1__hcontainer_3`). `n` is the node's number value,
//!   or for an unnumbered node its position among siblings of the same element. When the source
//!   repeats a number the later sibling gets `-2`, `-3`… (`sec_2`, `sec_2-2`). Inside an
//!   attachment every eId starts with the attachment's (`att_1__part_1`). wIds equal eIds.
//! - **The actor** (issuer) slug: a table romanises the national organs (`中共中央` → `cpc-cc`,
//!   `国务院` → `state-council`…); any other issuer gets `org-` and the FNV-1a 32-bit hash of its
//!   UTF-8 name in hex (`org-5d2f0a1c`): stable across runs and machines, ASCII, never starting
//!   with a digit. See [`actor_slug`].
//! - **FRBR**: work `/akn/cn/{statement|doc}/{name}/{actor}/{date}/{number}`, expression
//!   `…/zho@{date}`, manifestation `…/zho@{date}/!main.xml` (`FRBRuri` `…/zho@{date}.akn`).
//!   `{number}` is `{year}-{seq}` of the document number (`国发〔2019〕5号` → `2019-5`), else the
//!   kind and the FNV-1a hash of the title (`notice-0c1f9a7e`). The actor segment is left out
//!   when the document names no issuer.
//! - **The work date** (`FRBRdate`, always a full date) is the first of: the adoption date
//!   (`name="adoption"`), the signing date (`"signature"`), the publication date
//!   (`"publication"`), 1 January of the document number's year (`"number-year"`, the URI then
//!   carries the year alone, e.g. `/2019/2019-5`), and when the document has no date at all
//!   `0001-01-01` (`"unknown"`, cobalt's placeholder for a null date). The manifestation date
//!   repeats the expression date so that output never depends on the clock.

mod read;
mod validate;
mod write;

pub use read::from_str;
pub use validate::validate;
pub(crate) use write::output_estimate;
pub use write::{node_eids, to_string, to_writer};

use crate::model::{DocKind, Document, NodeKind};

/// The Akoma Ntoso 3.0 namespace.
pub const NAMESPACE: &str = crate::xmlsafe::AKN_NS;

/// The document element and its `name` for a kind.
pub(crate) fn doc_element(kind: DocKind) -> (&'static str, &'static str) {
    match kind {
        DocKind::Decision => ("statement", "decision"),
        DocKind::Resolution => ("statement", "resolution"),
        DocKind::Opinion => ("statement", "opinion"),
        DocKind::Plan => ("doc", "plan"),
        DocKind::Notice => ("doc", "notice"),
        DocKind::Order => ("doc", "order"),
        DocKind::Reply => ("doc", "reply"),
        DocKind::Report => ("doc", "report"),
        DocKind::Regulation => ("doc", "regulation"),
        DocKind::Other => ("doc", "document"),
    }
}

/// The document element and its `name` for a document: `act` for a law (a body of articles,
/// or a body and a law's metadata), otherwise the element of its kind.
pub(crate) fn document_element(doc: &Document) -> (&'static str, &'static str) {
    let (element, name) = doc_element(doc.meta.kind);
    if is_act(doc) {
        ("act", name)
    } else {
        (element, name)
    }
}

/// True for a document written as an AKN `act`.
pub(crate) fn is_act(doc: &Document) -> bool {
    fn law(ns: &[crate::model::Node]) -> bool {
        ns.iter().any(|n| n.kind.is_law() || law(&n.children))
    }
    !doc.body.is_empty() && (doc.meta.law.is_some() || law(&doc.body))
}

/// The kind for a document `name` this writer uses.
pub(crate) fn kind_from_name(name: &str) -> Option<DocKind> {
    Some(match name {
        "decision" => DocKind::Decision,
        "resolution" => DocKind::Resolution,
        "opinion" => DocKind::Opinion,
        "plan" => DocKind::Plan,
        "order" => DocKind::Order,
        "notice" => DocKind::Notice,
        "reply" => DocKind::Reply,
        "report" => DocKind::Report,
        "regulation" => DocKind::Regulation,
        "document" | "other" => DocKind::Other,
        _ => return None,
    })
}

/// The element (and `hcontainer` name) of a node kind.
pub(crate) fn node_element(kind: NodeKind) -> (&'static str, Option<&'static str>) {
    match kind {
        NodeKind::Book => ("book", None),
        NodeKind::Subbook => ("part", None),
        NodeKind::Chapter => ("chapter", None),
        NodeKind::Division => ("section", None),
        NodeKind::Article => ("article", None),
        NodeKind::Point | NodeKind::Subpoint => ("point", None),
        NodeKind::Part => ("part", None),
        NodeKind::Section => ("section", None),
        NodeKind::Item => ("paragraph", None),
        NodeKind::Subitem => ("point", None),
        NodeKind::Measure => ("hcontainer", Some("measure")),
    }
}

/// The `class` that tells a law's unit from the 公文 level that shares its element: 分编
/// (`part`), 节 (`section`), 项 and 目 (`point`).
pub(crate) fn node_class(kind: NodeKind) -> Option<&'static str> {
    matches!(
        kind,
        NodeKind::Subbook | NodeKind::Division | NodeKind::Point | NodeKind::Subpoint
    )
    .then(|| kind.as_str())
}

/// The eId abbreviation of a node's element: [`abbreviation`] of [`node_element`], without
/// searching the list (the AKN writer asks it for every node, twice).
pub(crate) fn node_abbreviation(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Book => "book",
        NodeKind::Subbook => "part",
        NodeKind::Chapter => "chp",
        NodeKind::Division => "sec",
        NodeKind::Article => "art",
        NodeKind::Point | NodeKind::Subpoint => "point",
        NodeKind::Part => "part",
        NodeKind::Section => "sec",
        NodeKind::Item => "para",
        NodeKind::Subitem => "point",
        NodeKind::Measure => "hcontainer",
    }
}

/// The hierarchical elements of AKN (`ANhier` and `hcontainer`) with the eId abbreviation of the
/// naming convention.
pub(crate) const HIER: &[(&str, &str)] = &[
    ("alinea", "al"),
    ("article", "art"),
    ("book", "book"),
    ("chapter", "chp"),
    ("clause", "clause"),
    ("division", "dvs"),
    ("hcontainer", "hcontainer"),
    ("indent", "indent"),
    ("level", "lvl"),
    ("list", "list"),
    ("paragraph", "para"),
    ("part", "part"),
    ("point", "point"),
    ("proviso", "proviso"),
    ("rule", "rule"),
    ("section", "sec"),
    ("subchapter", "subchp"),
    ("subclause", "subclause"),
    ("subdivision", "subdvs"),
    ("sublist", "sublist"),
    ("subparagraph", "subpara"),
    ("subpart", "subpart"),
    ("subrule", "subrule"),
    ("subsection", "subsec"),
    ("subtitle", "subtitle"),
    ("title", "title"),
    ("tome", "tome"),
    ("transitional", "transitional"),
];

/// The eId abbreviation of a hierarchical element.
pub(crate) fn abbreviation(element: &str) -> Option<&'static str> {
    HIER.iter().find(|(e, _)| *e == element).map(|(_, a)| *a)
}

/// National organs whose slug is a romanisation; any other issuer gets a hash-based slug.
const ACTORS: &[(&str, &str)] = &[
    ("中国共产党中央委员会", "cpc-cc"),
    ("中共中央", "cpc-cc"),
    ("中共中央办公厅", "cpc-cc-general-office"),
    ("中华人民共和国国务院", "state-council"),
    ("国务院", "state-council"),
    ("国务院办公厅", "state-council-general-office"),
    ("全国人民代表大会", "npc"),
    ("全国人民代表大会常务委员会", "npc-standing-committee"),
    ("全国人大常委会", "npc-standing-committee"),
    ("中央军事委员会", "cmc"),
    ("最高人民法院", "supreme-peoples-court"),
    ("最高人民检察院", "supreme-peoples-procuratorate"),
    ("国家发展和改革委员会", "ndrc"),
    ("国家发展改革委", "ndrc"),
    ("国家税务总局", "state-taxation-administration"),
    ("财政部", "ministry-of-finance"),
    ("公安部", "ministry-of-public-security"),
];

/// The actor slug of an issuer: a romanisation for the national organs of the table, otherwise
/// `org-` and the FNV-1a 32-bit hash of the name in eight hex digits.
///
/// ```
/// assert_eq!(gongwen::akn::actor_slug("国务院"), "state-council");
/// assert_eq!(gongwen::akn::actor_slug("中共上海市杨浦区委"), gongwen::akn::actor_slug("中共上海市杨浦区委"));
/// assert!(gongwen::akn::actor_slug("中共上海市杨浦区委").starts_with("org-"));
/// ```
pub fn actor_slug(issuer: &str) -> String {
    let name = issuer.trim();
    match ACTORS.iter().find(|(n, _)| *n == name) {
        Some((_, slug)) => (*slug).to_string(),
        None => format!("org-{:08x}", fnv1a32(name)),
    }
}

/// FNV-1a, 32 bits: a small, fixed hash (the standard library's hasher may change).
pub(crate) fn fnv1a32(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}
