//! The Akoma Ntoso writer. See the module documentation of [`crate::akn`] for the mapping.

use super::{actor_slug, doc_element, document_element, fnv1a32, is_act, node_element};
use crate::error::{Error, Format};
use crate::model::{Adoption, ClosingRole, Date, Document, LawAction, Node, NodeKind, Paragraph};
use crate::xml;
use crate::xmlsafe::{Out, AKN_NS, GW_NS};
use std::collections::HashSet;

/// The prefix of gongwen elements inside `proprietary`.
const GW: &str = "gw:";

/// Writes the document as Akoma Ntoso 3.0, indented by two spaces, with a final newline.
///
/// Fails only when a string holds a character XML 1.0 cannot hold (a C0 control character other
/// than tab, line feed and carriage return, U+FFFE or U+FFFF).
pub fn to_string(doc: &Document) -> Result<String, Error> {
    let mut o = Out::new(Format::Akn, output_estimate(doc, 360));
    write(&mut o, doc);
    o.finish()
}

/// Writes the same bytes as [`to_string`] to `w` in blocks, never holding the whole output (for
/// large documents: memory stays at the document and a block).
///
/// A character XML 1.0 cannot hold is an [`std::io::ErrorKind::InvalidData`] error wrapping the
/// [`Error`] that [`to_string`] returns; what was written before it is then incomplete.
pub fn to_writer(doc: &Document, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut o = Out::streaming(Format::Akn, w);
    write(&mut o, doc);
    o.finish_streaming()
}

fn write(o: &mut Out<'_>, doc: &Document) {
    let plan = Plan::new(doc);
    o.start("akomaNtoso", &[("xmlns", AKN_NS), ("xmlns:gw", GW_NS)]);
    document(o, &plan, doc, "", None);
    o.end("akomaNtoso");
}

/// About the bytes a writer outputs for `doc`: its text once, and `per_element` bytes of markup
/// for each node and each paragraph, closing line and residue line (AKN spends about 330 on each
/// with its eIds and spans, gongwen XML about 270), half as much again for an article's
/// paragraph (AKN's `paragraph` of a 款), with room for the metadata. A buffer sized
/// so grows rarely, and stays close to the output: a buffer four times the text, as before, was
/// over glibc's 32 MiB ceiling for reusing freed memory from 8 MB of text on, so that every call
/// mapped and faulted in fresh pages (10 MB of text to AKN took twice as long as ten of 1 MB).
pub(crate) fn output_estimate(doc: &Document, per_element: usize) -> usize {
    fn nodes(ns: &[Node], per: usize) -> usize {
        ns.iter()
            .map(|n| {
                // an article's paragraphs are 款, each its own element with an eId in AKN
                let kuan = if n.kind == NodeKind::Article {
                    per / 2
                } else {
                    0
                };
                per + n
                    .paragraphs
                    .iter()
                    .map(|p| per + kuan + p.text.len())
                    .sum::<usize>()
                    + n.heading.as_ref().map_or(0, |h| h.text.len())
                    + nodes(&n.children, per)
            })
            .sum()
    }
    let lines =
        |texts: &mut dyn Iterator<Item = usize>| -> usize { texts.map(|t| per_element + t).sum() };
    16 * 1024
        + lines(&mut doc.preamble.iter().map(|p| p.text.len()))
        + nodes(&doc.body, per_element)
        + lines(&mut doc.closing.iter().map(|c| c.text.len()))
        + lines(&mut doc.residue.iter().map(|r| r.text.len()))
        + doc
            .attachments
            .iter()
            .map(|a| output_estimate(&a.content, per_element))
            .sum::<usize>()
}

/// What every document of the output shares: the issuers' slugs, the main work's FRBR data and
/// whether a guarantees concept is referred to.
struct Plan {
    actors: Vec<(String, String)>,
    guarantees: bool,
    work: String,
    expression: String,
    date: Date,
    date_name: &'static str,
    /// The expression's date and its source: a law's last event (its latest amendment),
    /// otherwise the work's.
    expression_date: Date,
    expression_date_name: &'static str,
    number: String,
}

impl Plan {
    fn new(doc: &Document) -> Plan {
        let mut actors: Vec<(String, String)> = Vec::new();
        let mut taken: HashSet<String> = ["gongwen", "author", "editor", "guarantees", "original"]
            .iter()
            .map(|s| (*s).to_string())
            .collect();
        fn collect<'a>(d: &'a Document, out: &mut Vec<&'a String>) {
            out.extend(&d.meta.issuers);
            for a in &d.attachments {
                collect(&a.content, out);
            }
        }
        let mut issuers = Vec::new();
        collect(doc, &mut issuers);
        for issuer in issuers {
            if actors.iter().any(|(i, _)| i == issuer) {
                continue;
            }
            let base = actor_slug(issuer);
            let mut slug = base.clone();
            let mut k = 2;
            while !taken.insert(slug.clone()) {
                slug = format!("{base}-{k}");
                k += 1;
            }
            actors.push((issuer.clone(), slug));
        }
        let guarantees = !doc.guarantees().is_empty();

        let (date, date_name, uri_date) = work_date(doc);
        let (element, name) = doc_element(doc.meta.kind);
        let act = is_act(doc);
        let law_kind = doc.meta.law.as_ref().and_then(|l| l.kind);
        let actor = doc
            .meta
            .issuers
            .first()
            .and_then(|i| actors.iter().find(|(x, _)| x == i))
            .map(|(_, s)| format!("/{s}"))
            .unwrap_or_default();
        let number = match &doc.meta.number {
            Some(n) => format!("{}-{}", n.year, n.seq),
            None => format!(
                "{name}-{:08x}",
                fnv1a32(doc.meta.title.as_deref().unwrap_or(""))
            ),
        };
        // a law: `/akn/cn/act/<kind>/<date>/<number>` (the kind of legislation when known)
        let work = if act {
            let subtype = law_kind.map_or(name, |k| k.as_str());
            format!("/akn/cn/act/{subtype}/{uri_date}/{number}")
        } else {
            format!("/akn/cn/{element}/{name}{actor}/{uri_date}/{number}")
        };
        let last = doc
            .meta
            .law
            .as_ref()
            .and_then(|l| l.history.iter().rev().find(|e| e.date.is_some()));
        let (expression_date, expression_date_name) = match last {
            Some(e) => (e.date.unwrap_or(date), e.action.as_str()),
            None => (date, date_name),
        };
        let expression = format!("{work}/zho@{expression_date}");
        Plan {
            actors,
            guarantees,
            work,
            expression,
            date,
            date_name,
            expression_date,
            expression_date_name,
            number,
        }
    }

    fn slug(&self, issuer: &str) -> &str {
        self.actors
            .iter()
            .find(|(i, _)| i == issuer)
            .map_or("gongwen", |(_, s)| s.as_str())
    }
}

/// The work date, its source, and the date as the work URI carries it.
fn work_date(doc: &Document) -> (Date, &'static str, String) {
    let m = &doc.meta;
    // a law's work is dated by the first event of its history (adoption or promulgation)
    let first = m
        .law
        .as_ref()
        .and_then(|l| l.history.iter().find(|e| e.date.is_some()));
    if let Some((d, e)) = first.and_then(|e| e.date.map(|d| (d, e))) {
        return (d, e.action.as_str(), d.to_string());
    }
    if let Some(d) = m.adopted.as_ref().and_then(|a| a.date) {
        return (d, "adoption", d.to_string());
    }
    if let Some(d) = m.signed {
        return (d, "signature", d.to_string());
    }
    let published = m
        .publication
        .as_ref()
        .and_then(|p| p.datetime.as_deref())
        .and_then(|s| s.get(..10))
        .and_then(|s| Date::try_from(s.to_string()).ok());
    if let Some(d) = published {
        return (d, "publication", d.to_string());
    }
    if let Some(d) = m.number.as_ref().and_then(|n| Date::new(n.year, 1, 1)) {
        return (d, "number-year", format!("{:04}", d.year));
    }
    let d = Date {
        year: 1,
        month: 1,
        day: 1,
    };
    (d, "unknown", d.to_string())
}

/// True when the paragraph ends with an enacting formula: a last clause with 如下 followed by
/// at most four characters and a full stop or colon (「现作出如下决定。」, 「现提出如下意见：」,
/// 「现将有关事项通知如下：」).
pub(crate) fn ends_with_enacting_formula(text: &str) -> bool {
    let t = text.trim_end();
    let Some(last) = t.chars().last() else {
        return false;
    };
    if !matches!(last, '。' | '：' | ':') {
        return false;
    }
    let body = &t[..t.len() - last.len_utf8()];
    match body.rfind("如下") {
        Some(i) => {
            let after = &body[i + "如下".len()..];
            after.chars().count() <= 4
                && after
                    .chars()
                    .all(|c| !c.is_ascii_punctuation() && !"，。；：、！？,".contains(c))
        }
        None => false,
    }
}

/// Where the last sentence of a paragraph that ends with an enacting formula starts: after the
/// last full stop, exclamation or question mark before its final one (0 for a single sentence).
pub(crate) fn formula_start(text: &str) -> usize {
    let t = text.trim_end();
    let Some(last) = t.chars().last() else {
        return 0;
    };
    let body = &t[..t.len() - last.len_utf8()];
    body.rfind(['。', '！', '？', '!', '?']).map_or(0, |i| {
        i + body[i..].chars().next().map_or(1, char::len_utf8)
    })
}

/// True when the last preamble paragraph is written as two AKN paragraphs (the sentences before
/// the enacting formula, and the formula), which the reader joins again.
fn formula_split(doc: &Document) -> bool {
    !doc.body.is_empty()
        && doc
            .preamble
            .last()
            .is_some_and(|p| ends_with_enacting_formula(&p.text) && formula_start(&p.text) > 0)
}

/// The eIds of one list of siblings, given in order: the eId of a node is its parent's eId and
/// `__` (or the document's prefix), the abbreviation of its element, `_` and its number (its
/// ordinal among the siblings of its element when it has none), with `-k` for the k-th sibling
/// of the same abbreviation and number. `proprietary` (which comes first) and the body walk the
/// same siblings in the same order, so they give the same eIds, and no eId is kept in between.
#[derive(Default)]
struct Siblings {
    /// One group for each abbreviation met so far (a list of siblings seldom mixes more than
    /// two elements).
    groups: Vec<Group>,
}

/// The siblings of one abbreviation seen so far.
struct Group {
    abbr: &'static str,
    /// How many there have been.
    ordinal: u32,
    /// Each number given and how often.
    given: Given,
}

/// Numbers nearly always come in order: then a list, where a new number goes at the end and a
/// repeated one is the last, with no hashing. The first number out of order turns the list into
/// a map, so that no order of numbers costs more than a map would.
enum Given {
    InOrder(Vec<(u32, u32)>),
    Any(std::collections::HashMap<u32, u32>),
}

impl Group {
    fn new(abbr: &'static str) -> Group {
        Group {
            abbr,
            ordinal: 0,
            given: Given::InOrder(Vec::new()),
        }
    }

    /// Records `value` once more; how often it has now been given.
    fn give(&mut self, value: u32) -> u32 {
        match &mut self.given {
            Given::InOrder(list) => match list.last_mut() {
                Some((last, count)) if *last == value => {
                    *count += 1;
                    *count
                }
                Some((last, _)) if *last > value => {
                    let mut map: std::collections::HashMap<u32, u32> =
                        list.iter().copied().collect();
                    let count = *map.entry(value).and_modify(|c| *c += 1).or_insert(1);
                    self.given = Given::Any(map);
                    count
                }
                _ => {
                    list.push((value, 1));
                    1
                }
            },
            Given::Any(map) => *map.entry(value).and_modify(|c| *c += 1).or_insert(1),
        }
    }
}

impl Siblings {
    /// Starts a new list of siblings. The groups stay, emptied, with the room they had: a group
    /// that has given nothing gives what a new one would, and a walk of the tree reuses one
    /// `Siblings` a level rather than allocating one for each list.
    fn clear(&mut self) {
        for g in &mut self.groups {
            g.ordinal = 0;
            match &mut g.given {
                Given::InOrder(list) => list.clear(),
                Given::Any(_) => g.given = Given::InOrder(Vec::new()),
            }
        }
    }

    /// Appends the eId of `n`, the next sibling, to `eid` (which holds the prefix).
    fn push(&mut self, n: &Node, eid: &mut String) {
        let abbr = super::node_abbreviation(n.kind);
        let k = match self.groups.iter().position(|g| g.abbr == abbr) {
            Some(k) => k,
            None => {
                self.groups.push(Group::new(abbr));
                self.groups.len() - 1
            }
        };
        let group = &mut self.groups[k];
        group.ordinal += 1;
        let value = n.num.as_ref().map_or(group.ordinal, |x| x.value);
        let count = group.give(value);
        eid.push_str(abbr);
        eid.push('_');
        crate::xmlsafe::push_u64(eid, u64::from(value));
        if count > 1 {
            eid.push('-');
            crate::xmlsafe::push_u64(eid, u64::from(count));
        }
    }
}

/// The [`Siblings`] of each level of a walk of the tree, the deepest reached so far last.
type Levels = Vec<Siblings>;

/// Makes ready the counter of a new list of siblings at `depth` (`levels[depth]`, cleared).
fn start_level(levels: &mut Levels, depth: usize) {
    if levels.len() <= depth {
        levels.resize_with(depth + 1, Siblings::default);
    }
    levels[depth].clear();
}

/// True for an article whose paragraphs are written as 款, `paragraph` elements.
fn is_articled(n: &Node) -> bool {
    n.kind == NodeKind::Article && !n.paragraphs.is_empty()
}

/// The AKN eId of every node of `doc`, depth first in document order: the body's nodes, then
/// each attachment's (`att_1__…`, nested attachments `att_1__att_2__…`), as
/// [`to_string`] writes them.
pub fn node_eids(doc: &Document) -> Vec<String> {
    fn of(d: &Document, prefix: &str, out: &mut Vec<String>) {
        each_with_eid(&d.body, &mut String::from(prefix), &mut |_, e| {
            out.push(e.to_string())
        });
        for (i, a) in d.attachments.iter().enumerate() {
            of(&a.content, &format!("{prefix}att_{}__", i + 1), out);
        }
    }
    let mut out = Vec::new();
    of(doc, "", &mut out);
    out
}

/// Calls `f` with every node below `nodes` (depth first, in document order) and its eId; `eid`
/// holds the prefix of the first level and is left as it was found.
fn each_with_eid<'n>(nodes: &'n [Node], eid: &mut String, f: &mut impl FnMut(&'n Node, &str)) {
    fn walk<'n>(
        nodes: &'n [Node],
        eid: &mut String,
        levels: &mut Levels,
        depth: usize,
        f: &mut impl FnMut(&'n Node, &str),
    ) {
        start_level(levels, depth);
        let base = eid.len();
        for n in nodes {
            levels[depth].push(n, eid);
            f(n, eid);
            if is_articled(n) {
                // the points of each 款 under its eId (`art_5__para_2__point_1`)
                let at = eid.len();
                for (k, (_, points)) in n.paragraph_children().enumerate() {
                    if points.is_empty() {
                        continue;
                    }
                    eid.push_str("__para_");
                    crate::xmlsafe::push_u64(eid, k as u64 + 1);
                    eid.push_str("__");
                    walk(points, eid, levels, depth + 1, f);
                    eid.truncate(at);
                }
            } else if !n.children.is_empty() {
                eid.push_str("__");
                walk(&n.children, eid, levels, depth + 1, f);
            }
            eid.truncate(base);
        }
    }
    walk(nodes, eid, &mut Levels::new(), 0, f);
}

fn document(o: &mut Out, plan: &Plan, doc: &Document, prefix: &str, comp: Option<&str>) {
    let (element, name) = document_element(doc);
    // an act's body is `body`, every other document's `mainBody`
    let body = if element == "act" { "body" } else { "mainBody" };
    o.start(element, &[("name", name)]);
    meta(o, plan, doc, prefix, comp);
    preface(o, plan, doc, prefix);
    if !doc.body.is_empty() && !doc.preamble.is_empty() {
        o.start("preamble", &[]);
        let last = doc.preamble.len() - 1;
        for (i, p) in doc.preamble.iter().enumerate() {
            o.context = p.span;
            if i == last && ends_with_enacting_formula(&p.text) {
                // the formula is the paragraph's last sentence; the sentences before it stay a `p`
                let at = formula_start(&p.text);
                if at > 0 {
                    o.leaf("p", &[], &p.text[..at]);
                }
                o.start("formula", &[("name", "enactingFormula")]);
                o.leaf("p", &[], &p.text[at..]);
                o.end("formula");
            } else {
                paragraphs(o, std::slice::from_ref(p));
            }
        }
        o.end("preamble");
    }
    o.start(body, &[]);
    if doc.body.is_empty() {
        // a document without parts: its text is the main body (mainBody must not be empty)
        paragraphs(o, &doc.preamble);
        if doc.preamble.is_empty() {
            o.empty("p", &[]);
        }
    }
    nodes(
        o,
        &doc.body,
        &mut String::from(prefix),
        &mut Levels::new(),
        0,
    );
    if let Some(n) = &doc.notes {
        // notes after the body: a container of their own, named, after the hierarchy
        let eid = format!("{prefix}hcontainer_notes");
        o.context = n.span;
        o.start(
            "hcontainer",
            &[("eId", &eid), ("wId", &eid), ("name", "notes")],
        );
        if let Some(l) = &n.label {
            o.leaf("heading", &[], l);
        }
        o.start("content", &[]);
        paragraphs(o, &n.entries);
        if n.entries.is_empty() {
            o.empty("p", &[]);
        }
        o.end("content");
        o.end("hcontainer");
    }
    o.end(body);
    if !doc.closing.is_empty() {
        o.start("conclusions", &[]);
        for c in &doc.closing {
            o.context = c.span;
            let class = c.role.as_str();
            o.line_start("p", &[("class", class)]);
            match c.role {
                ClosingRole::Signature => {
                    o.inline_start("signature", &[]);
                    o.text(&c.text);
                    o.inline_end("signature");
                }
                ClosingRole::Date
                    if doc.meta.signed.is_some()
                        && crate::numbering::parse_date(&c.text) == doc.meta.signed =>
                {
                    let d = doc.meta.signed.map(|d| d.to_string()).unwrap_or_default();
                    o.inline_start("date", &[("date", &d)]);
                    o.text(&c.text);
                    o.inline_end("date");
                }
                _ => o.text(&c.text),
            }
            o.inline_end("p");
        }
        o.end("conclusions");
    }
    if !doc.attachments.is_empty() {
        o.start("attachments", &[]);
        for (i, a) in doc.attachments.iter().enumerate() {
            let eid = format!("{prefix}att_{}", i + 1);
            o.context = a.span;
            o.start("attachment", &[("eId", &eid), ("wId", &eid)]);
            if let Some(l) = &a.label {
                o.leaf("num", &[], l);
            }
            document(o, plan, &a.content, &format!("{eid}__"), Some(&eid));
            o.end("attachment");
        }
        o.end("attachments");
    }
    o.end(element);
}

fn meta(o: &mut Out, plan: &Plan, doc: &Document, prefix: &str, comp: Option<&str>) {
    let m = &doc.meta;
    let (_, name) = doc_element(m.kind);
    let component = comp.unwrap_or("main");
    let date = plan.date.to_string();
    let date_name = if comp.is_none() {
        plan.date_name
    } else {
        "main-document"
    };
    let original = format!("{prefix}original");
    o.start("meta", &[]);
    o.start("identification", &[("source", "#gongwen")]);

    o.start("FRBRWork", &[]);
    o.empty(
        "FRBRthis",
        &[("value", &format!("{}/!{component}", plan.work))],
    );
    o.empty("FRBRuri", &[("value", &plan.work)]);
    if let Some(t) = &m.title {
        o.empty("FRBRalias", &[("value", t), ("name", "title")]);
    }
    o.empty("FRBRdate", &[("date", &date), ("name", date_name)]);
    if let Some(s) = m.signed {
        if !(comp.is_none() && plan.date_name == "signature") {
            o.empty(
                "FRBRdate",
                &[("date", &s.to_string()), ("name", "signature")],
            );
        }
    }
    authors(o, plan, doc);
    o.empty("FRBRcountry", &[("value", "cn")]);
    let subtype = match m.law.as_ref().and_then(|l| l.kind) {
        Some(k) if is_act(doc) => k.as_str(),
        _ => name,
    };
    o.empty("FRBRsubtype", &[("value", subtype)]);
    o.empty("FRBRnumber", &[("value", &plan.number)]);
    if let Some(t) = &m.title {
        o.empty("FRBRname", &[("value", t)]);
    }
    o.end("FRBRWork");

    o.start("FRBRExpression", &[]);
    o.empty(
        "FRBRthis",
        &[("value", &format!("{}/!{component}", plan.expression))],
    );
    o.empty("FRBRuri", &[("value", &plan.expression)]);
    let expression_date = plan.expression_date.to_string();
    let expression_date_name = if comp.is_none() {
        plan.expression_date_name
    } else {
        "main-document"
    };
    o.empty(
        "FRBRdate",
        &[("date", &expression_date), ("name", expression_date_name)],
    );
    authors(o, plan, doc);
    o.empty("FRBRlanguage", &[("language", "zho")]);
    o.end("FRBRExpression");

    o.start("FRBRManifestation", &[]);
    o.empty(
        "FRBRthis",
        &[("value", &format!("{}/!{component}.xml", plan.expression))],
    );
    o.empty("FRBRuri", &[("value", &format!("{}.akn", plan.expression))]);
    o.empty(
        "FRBRdate",
        &[("date", &expression_date), ("name", "expression")],
    );
    o.empty("FRBRauthor", &[("href", "#gongwen"), ("as", "#editor")]);
    o.end("FRBRManifestation");
    o.end("identification");

    let events: Vec<_> = m
        .law
        .iter()
        .flat_map(|l| &l.history)
        .filter_map(|e| e.date.map(|d| (d, e.action)))
        .collect();
    if !events.is_empty() {
        // a law's history: one event each, the first its generation, amendments after
        o.start("lifecycle", &[("source", "#gongwen")]);
        for (i, (d, action)) in events.iter().enumerate() {
            let kind = match action {
                LawAction::Amended | LawAction::Revised if i > 0 => "amendment",
                _ => "generation",
            };
            o.empty(
                "eventRef",
                &[
                    ("eId", &format!("{prefix}evt_{}", i + 1)),
                    ("date", &d.to_string()),
                    ("source", &format!("#{original}")),
                    ("type", kind),
                    ("refersTo", &format!("#{}", action.as_str())),
                ],
            );
        }
        o.end("lifecycle");
    } else if let Some(d) = m.adopted.as_ref().and_then(|a| a.date) {
        o.start("lifecycle", &[("source", "#gongwen")]);
        o.empty(
            "eventRef",
            &[
                ("eId", &format!("{prefix}evt_adoption")),
                ("date", &d.to_string()),
                ("source", &format!("#{original}")),
                ("type", "generation"),
            ],
        );
        o.end("lifecycle");
    }

    o.start("references", &[("source", "#gongwen")]);
    let shown = m.title.clone().unwrap_or_else(|| plan.number.clone());
    let href = match comp {
        Some(c) => format!("{}/!{c}", plan.expression),
        None => plan.expression.clone(),
    };
    o.empty(
        "original",
        &[("eId", &original), ("href", &href), ("showAs", &shown)],
    );
    if comp.is_none() {
        for (issuer, slug) in &plan.actors {
            o.empty(
                "TLCOrganization",
                &[
                    ("eId", slug),
                    ("href", &format!("/akn/ontology/organization/cn/{slug}")),
                    ("showAs", issuer),
                ],
            );
        }
        o.empty(
            "TLCOrganization",
            &[
                ("eId", "gongwen"),
                ("href", "/akn/ontology/organization/gongwen"),
                ("showAs", "gongwen"),
            ],
        );
        o.empty(
            "TLCRole",
            &[
                ("eId", "author"),
                ("href", "/akn/ontology/role/author"),
                ("showAs", "Author"),
            ],
        );
        o.empty(
            "TLCRole",
            &[
                ("eId", "editor"),
                ("href", "/akn/ontology/role/editor"),
                ("showAs", "Editor"),
            ],
        );
        // the actions of the law's history that its events refer to
        fn actions(d: &Document, out: &mut Vec<LawAction>) {
            for e in d.meta.law.iter().flat_map(|l| &l.history) {
                if e.date.is_some() && !out.contains(&e.action) {
                    out.push(e.action);
                }
            }
            for a in &d.attachments {
                actions(&a.content, out);
            }
        }
        let mut all = Vec::new();
        actions(doc, &mut all);
        for a in all {
            o.empty(
                "TLCEvent",
                &[
                    ("eId", a.as_str()),
                    ("href", &format!("/akn/ontology/event/cn/{}", a.as_str())),
                    ("showAs", a.chinese()),
                ],
            );
        }
        if plan.guarantees {
            o.empty(
                "TLCConcept",
                &[
                    ("eId", "guarantees"),
                    ("href", "/akn/ontology/concept/cn/guarantees"),
                    ("showAs", "保障措施"),
                ],
            );
        }
    }
    o.end("references");

    o.start("proprietary", &[("source", "#gongwen")]);
    proprietary(o, doc, prefix);
    o.end("proprietary");
    o.end("meta");
}

fn authors(o: &mut Out, plan: &Plan, doc: &Document) {
    if doc.meta.issuers.is_empty() {
        o.empty("FRBRauthor", &[("href", "#gongwen"), ("as", "#editor")]);
    }
    for i in &doc.meta.issuers {
        o.empty(
            "FRBRauthor",
            &[("href", &format!("#{}", plan.slug(i))), ("as", "#author")],
        );
    }
}

fn preface(o: &mut Out, plan: &Plan, doc: &Document, prefix: &str) {
    let m = &doc.meta;
    if m.title.is_none()
        && m.number.is_none()
        && m.subtitle.is_empty()
        && m.adopted.is_none()
        && m.addressee.is_none()
    {
        return;
    }
    o.start("preface", &[]);
    if let Some(t) = &m.title {
        o.start("longTitle", &[("eId", &format!("{prefix}longTitle"))]);
        o.line_start("p", &[]);
        o.inline_start("docTitle", &[]);
        o.text(t);
        o.inline_end("docTitle");
        o.inline_end("p");
        o.end("longTitle");
    }
    if let Some(n) = &m.number {
        o.line_start("p", &[("class", "number")]);
        o.inline_start("docNumber", &[]);
        o.text(&n.text);
        o.inline_end("docNumber");
        o.inline_end("p");
    }
    for s in &m.subtitle {
        o.leaf("p", &[("class", "subtitle")], s);
    }
    if let Some(a) = &m.adopted {
        adoption(o, plan, doc, a);
    }
    if let Some(a) = &m.addressee {
        o.leaf("p", &[("class", "addressee")], a);
    }
    o.end("preface");
}

/// Where the adoption line's date and meeting can be marked up: byte ranges in the line.
pub(crate) struct AdoptionMarks {
    pub date: Option<(usize, usize)>,
    pub meeting: Option<(usize, usize)>,
}

pub(crate) fn adoption_marks(a: &Adoption, text: &str) -> AdoptionMarks {
    let date = a.date.and_then(|d| {
        let s = d.to_chinese();
        text.find(&s).map(|i| (i, i + s.len()))
    });
    let meeting = a
        .meeting
        .as_deref()
        .filter(|m| !m.is_empty())
        .and_then(|m| {
            text.match_indices(m)
                .map(|(i, _)| (i, i + m.len()))
                .find(|(s, e)| date.is_none_or(|(ds, de)| *e <= ds || *s >= de))
        });
    AdoptionMarks { date, meeting }
}

fn adoption(o: &mut Out, plan: &Plan, doc: &Document, a: &Adoption) {
    let text = a.text();
    let marks = adoption_marks(a, &text);
    let proponent = doc
        .meta
        .issuers
        .first()
        .map(|i| format!("#{}", plan.slug(i)));
    o.line_start("p", &[("class", "adoption")]);
    let date = a.date.map(|d| d.to_string()).unwrap_or_default();
    if a.date.is_some() && marks.date.is_none() {
        o.inline_empty("docDate", &[("date", &date)]);
    }
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    if let Some((s, e)) = marks.date {
        spans.push((s, e, true));
    }
    if let Some((s, e)) = marks.meeting {
        spans.push((s, e, false));
    }
    spans.sort_unstable();
    let mut at = 0;
    for (s, e, is_date) in spans {
        o.text(&text[at..s]);
        if is_date {
            o.inline_start("docDate", &[("date", &date)]);
            o.text(&text[s..e]);
            o.inline_end("docDate");
        } else {
            match &proponent {
                Some(p) => o.inline_start("docProponent", &[("refersTo", p)]),
                None => o.inline_start("docProponent", &[]),
            }
            o.text(&text[s..e]);
            o.inline_end("docProponent");
        }
        at = e;
    }
    o.text(&text[at..]);
    o.inline_end("p");
}

/// Writes a list of siblings, at `depth` below the body, and what is below them; `eid` holds the
/// prefix of their eIds and is left as it was found.
fn nodes(o: &mut Out, list: &[Node], eid: &mut String, levels: &mut Levels, depth: usize) {
    start_level(levels, depth);
    let base = eid.len();
    for n in list {
        levels[depth].push(n, eid);
        node(o, n, eid, levels, depth);
        eid.truncate(base);
    }
}

/// Writes `n` and what is below it; `eid` holds the eId of `n` and is left as it was found.
fn node(o: &mut Out, n: &Node, eid: &mut String, levels: &mut Levels, depth: usize) {
    o.context = n.span;
    let (element, name) = node_element(n.kind);
    // at most five attributes, in this order, those present first
    let mut attrs = [("", ""); 5];
    let mut len = 0;
    for a in [
        name.map(|name| ("name", name)),
        // a law's unit whose element a 公文 level shares (分编 and 一、 are both `part`)
        crate::akn::node_class(n.kind).map(|c| ("class", c)),
        Some(("eId", eid.as_str())),
        Some(("wId", eid.as_str())),
        n.guarantees.then_some(("refersTo", "#guarantees")),
    ]
    .into_iter()
    .flatten()
    {
        attrs[len] = a;
        len += 1;
    }
    o.start(element, &attrs[..len]);
    if let Some(num) = &n.num {
        o.leaf("num", &[], &num.text);
    }
    if let Some(h) = &n.heading {
        o.leaf("heading", &[], &h.text);
    }
    if is_articled(n) {
        // an article's paragraphs are its 款, addressable by position (`art_5__para_2`); its
        // points (项) stand in the 款 that introduces them, after its text
        let base = eid.len();
        for (k, (p, points)) in n.paragraph_children().enumerate() {
            eid.push_str("__para_");
            crate::xmlsafe::push_u64(eid, k as u64 + 1);
            o.start(
                "paragraph",
                &[
                    ("class", "kuan"),
                    ("eId", eid.as_str()),
                    ("wId", eid.as_str()),
                ],
            );
            let holds = !points.is_empty();
            let wrap = if holds { "intro" } else { "content" };
            o.start(wrap, &[]);
            paragraphs(o, std::slice::from_ref(p));
            o.end(wrap);
            if holds {
                eid.push_str("__");
                nodes(o, points, eid, levels, depth + 1);
            }
            o.end("paragraph");
            eid.truncate(base);
        }
    } else if n.children.is_empty() {
        if !n.paragraphs.is_empty() {
            o.start("content", &[]);
            paragraphs(o, &n.paragraphs);
            o.end("content");
        }
    } else {
        if !n.paragraphs.is_empty() {
            o.start("intro", &[]);
            paragraphs(o, &n.paragraphs);
            o.end("intro");
        }
        let base = eid.len();
        eid.push_str("__");
        nodes(o, &n.children, eid, levels, depth + 1);
        eid.truncate(base);
    }
    o.end(element);
}

fn paragraphs(o: &mut Out, ps: &[Paragraph]) {
    for p in ps {
        o.context = p.span;
        match &p.table {
            Some(t) => table(o, t),
            None => o.leaf("p", &[], &p.text),
        }
    }
}

/// A table as AKN's (HTML's) `table`: `tr` rows of `th` and `td` cells, spans as `rowspan` and
/// `colspan`, a cell's text in one `p` (its lines kept), an empty cell empty. AKN holds no row
/// without cells: such a row is left out, and a table of none is an empty paragraph.
fn table(o: &mut Out, t: &crate::model::Table) {
    if t.rows.iter().all(Vec::is_empty) {
        o.leaf("p", &[], "");
        return;
    }
    o.start("table", &[]);
    for row in t.rows.iter().filter(|r| !r.is_empty()) {
        o.start("tr", &[]);
        for c in row {
            o.context = c.span;
            let name = if c.header { "th" } else { "td" };
            let (rows, cols) = (c.rowspan.to_string(), c.colspan.to_string());
            let mut attrs: Vec<(&str, &str)> = Vec::with_capacity(2);
            if c.rowspan != 1 {
                attrs.push(("rowspan", &rows));
            }
            if c.colspan != 1 {
                attrs.push(("colspan", &cols));
            }
            if c.text.is_empty() {
                o.empty(name, &attrs);
            } else {
                o.start(name, &attrs);
                o.leaf("p", &[], &c.text);
                o.end(name);
            }
        }
        o.end("tr");
    }
    o.end("table");
}

/// `proprietary`: what AKN has no place for, in the vocabulary of gongwen XML.
fn proprietary(o: &mut Out, doc: &Document, prefix: &str) {
    let m = &doc.meta;
    let el = |name: &'static str| (GW, name);
    o.start(&el("gongwen"), &[]);
    xml::write::string_list(o, GW, "title_lines", "line", &m.title_lines);
    if !m.title_from.is_document() {
        o.leaf(&el("title_from"), &[], m.title_from.as_str());
    }
    if let Some(n) = &m.number {
        o.start(&el("number"), &[]);
        o.leaf(&el("code"), &[], &n.code);
        o.leaf_num(&el("year"), n.year as u64);
        o.leaf_num(&el("seq"), n.seq as u64);
        o.end(&el("number"));
    }
    if let Some(a) = &m.adopted {
        let text = a.text();
        let marks = adoption_marks(a, &text);
        let meeting = a.meeting.as_deref().filter(|_| marks.meeting.is_none());
        let kept = a.line.as_deref() == Some(a.canonical_line().as_str());
        if meeting.is_some() || kept {
            o.start(&el("adopted"), &[]);
            if let Some(mt) = meeting {
                o.leaf(&el("meeting"), &[], mt);
            }
            if kept {
                o.leaf(&el("line_kept"), &[], "true");
            }
            o.end(&el("adopted"));
        }
    }
    if let Some(p) = &m.publication {
        xml::write::publication(o, GW, p);
    }
    xml::write::fields(o, GW, &m.fields);
    if let Some(e) = &m.encoding {
        o.leaf(&el("encoding"), &[], e);
    }
    if let Some(l) = &m.law {
        xml::write::law(o, GW, l);
    }
    if let Some(n) = &doc.notes {
        if !n.span.is_empty() || n.entries.is_empty() || n.entries.iter().any(has_spans) {
            o.start(&el("notes"), &[]);
            if n.entries.is_empty() {
                o.leaf(&el("no_entries"), &[], "true");
            }
            xml::write::span(o, GW, &n.span);
            if n.entries.iter().any(has_spans) {
                o.start(&el("entries"), &[]);
                for p in &n.entries {
                    paragraph_entry(o, p);
                }
                o.end(&el("entries"));
            }
            o.end(&el("notes"));
        }
    }
    if doc.body.is_empty() && doc.preamble.is_empty() {
        o.leaf(&el("empty_body"), &[], "true");
    }
    if formula_split(doc) {
        o.leaf(&el("formula_split"), &[], "true");
    }
    if doc.preamble.iter().any(has_spans) {
        o.start(&el("preamble"), &[]);
        for p in &doc.preamble {
            paragraph_entry(o, p);
        }
        o.end(&el("preamble"));
    }
    // the nodes that carry something AKN has no place for, with their eIds, in document order
    let mut opened = false;
    each_with_eid(&doc.body, &mut String::from(prefix), &mut |n, eid| {
        let heading_extra = n
            .heading
            .as_ref()
            .is_some_and(|h| h.end.is_some() || h.run_in);
        if !(n.num.is_some()
            || heading_extra
            || !n.span.is_empty()
            || n.paragraphs.iter().any(has_spans))
        {
            return;
        }
        if !opened {
            o.start(&el("nodes"), &[]);
            opened = true;
        }
        o.start(&el("node"), &[]);
        o.leaf(&el("ref"), &[], eid);
        if let Some(num) = &n.num {
            o.leaf_num(&el("value"), num.value as u64);
            if let Some(sub) = num.sub {
                o.leaf_num(&el("sub"), sub as u64);
            }
        }
        if let Some(h) = &n.heading {
            if let Some(e) = &h.end {
                o.leaf(&el("end"), &[], e);
            }
            if h.run_in {
                o.leaf(&el("run_in"), &[], "true");
            }
        }
        xml::write::span(o, GW, &n.span);
        if n.paragraphs.iter().any(has_spans) {
            o.start(&el("paragraphs"), &[]);
            for p in &n.paragraphs {
                paragraph_entry(o, p);
            }
            o.end(&el("paragraphs"));
        }
        o.end(&el("node"));
    });
    if opened {
        o.end(&el("nodes"));
    }
    if doc.closing.iter().any(|c| !c.span.is_empty()) {
        o.start(&el("closing"), &[]);
        for c in &doc.closing {
            span_entry(o, "closing_line", &c.span);
        }
        o.end(&el("closing"));
    }
    let atts: Vec<_> = doc
        .attachments
        .iter()
        .enumerate()
        .filter(|(_, a)| a.num.is_some() || !a.span.is_empty())
        .collect();
    if !atts.is_empty() {
        o.start(&el("attachments"), &[]);
        for (i, a) in atts {
            o.start(&el("attachment"), &[]);
            o.leaf(&el("ref"), &[], &format!("{prefix}att_{}", i + 1));
            if let Some(v) = a.num {
                o.leaf_num(&el("num"), v as u64);
            }
            xml::write::span(o, GW, &a.span);
            o.end(&el("attachment"));
        }
        o.end(&el("attachments"));
    }
    xml::write::residue(o, GW, &doc.residue);
    xml::write::diagnostics(o, GW, &doc.diagnostics);
    o.end(&el("gongwen"));
}

/// True when a paragraph or one of its table's cells has a source position.
fn has_spans(p: &Paragraph) -> bool {
    !p.span.is_empty()
        || p.table
            .as_ref()
            .is_some_and(|t| t.rows.iter().flatten().any(|c| !c.span.is_empty()))
}

/// A paragraph's entry: its span and, for a table whose cells have them, the cells' spans row
/// by row (`<gw:cells><gw:cell><gw:span/></gw:cell>…</gw:cells>`); empty when it has none.
fn paragraph_entry(o: &mut Out, p: &Paragraph) {
    let el = (GW, "paragraph");
    if !has_spans(p) {
        o.empty(&el, &[]);
        return;
    }
    o.start(&el, &[]);
    xml::write::span(o, GW, &p.span);
    if let Some(t) = &p.table {
        if t.rows.iter().flatten().any(|c| !c.span.is_empty()) {
            o.start(&(GW, "cells"), &[]);
            for c in t.rows.iter().flatten() {
                span_entry(o, "cell", &c.span);
            }
            o.end(&(GW, "cells"));
        }
    }
    o.end(&el);
}

/// An entry that carries a span only (`<gw:paragraph><gw:span>…</gw:span></gw:paragraph>`), empty
/// when the span is.
fn span_entry(o: &mut Out, name: &str, span: &crate::model::Span) {
    let el = (GW, name);
    if span.is_empty() {
        o.empty(&el, &[]);
    } else {
        o.start(&el, &[]);
        xml::write::span(o, GW, span);
        o.end(&el);
    }
}

#[cfg(test)]
mod tests {
    use super::{node_element, Group};

    /// How often each number has been given, as `Siblings` turns it into `-k` suffixes: in
    /// order, repeated, out of order and descending alike.
    #[test]
    fn a_group_counts_every_number_whatever_its_order() {
        let mut g = Group::new("para");
        let counts: Vec<u32> = [1, 2, 2, 3, 1, 5, 4, 2, 4, 0, 5, 5]
            .into_iter()
            .map(|v| g.give(v))
            .collect();
        assert_eq!(counts, [1, 1, 2, 1, 2, 1, 1, 3, 2, 1, 2, 3]);
    }

    /// Numbers in order stay a list; a long descending run (a list would shift every entry on
    /// every insertion) goes through the map and counts as well.
    #[test]
    fn numbers_in_order_keep_the_list_and_descending_ones_the_map() {
        let mut g = Group::new("item");
        assert!((1..=1000)
            .chain([1000])
            .map(|v| g.give(v))
            .eq((0..1000).map(|_| 1).chain([2])));
        assert!(matches!(g.given, super::Given::InOrder(ref l) if l.len() == 1000));
        let mut g = Group::new("item");
        let n = 200_000;
        assert!((0..n).rev().all(|v| g.give(v) == 1));
        assert!((0..n).all(|v| g.give(v) == 2));
        assert!(matches!(g.given, super::Given::Any(ref m) if m.len() == n as usize));
    }

    /// The abbreviation the writer takes for a node is the one the naming convention gives its
    /// element.
    #[test]
    fn node_abbreviations_are_those_of_their_elements() {
        use crate::model::NodeKind;
        for &kind in NodeKind::ALL {
            let (element, _) = node_element(kind);
            assert_eq!(
                Some(crate::akn::node_abbreviation(kind)),
                crate::akn::abbreviation(element),
                "{kind:?}"
            );
        }
    }
}
