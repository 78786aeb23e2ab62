//! The Akoma Ntoso reader: our own AKN back to the model exactly, and AKN from other tools where
//! it fits the model.
//!
//! Any namespace prefix, attribute order, white space, comment or `xml:lang` is accepted.
//! Constructs the model has no element for are kept as generic blocks (paragraphs, subtitle lines,
//! unnumbered nodes) with a note diagnostic naming the element and its line; what cannot be kept
//! (a `debate`, a `componentRef`, an attachment that only refers to another document) is an
//! error naming the element and its line. Nothing is dropped silently.
//!
//! Text of documents from other tools is tidied the way XML editors expect: white space at the
//! ends of a block is trimmed and a line break inside one becomes a space (or nothing between
//! two CJK characters). Our own documents (with `proprietary source="#gongwen"`) are read exactly.

use super::{kind_from_name, NAMESPACE};
use crate::error::{Error, Format};
use crate::model::{
    Adoption, Attachment, Cell, ClosingLine, ClosingRole, Date, Diagnostic, DocKind, DocNumber,
    Document, Field, Heading, Node, NodeKind, Notes, Num, Paragraph, Publication, Residue,
    Severity, Span, Table, TitleSource,
};
use crate::xml::read as vocab;
use crate::xmlsafe::walk::{self, Ctx, Kids, Path};
use crate::xmlsafe::{self, is_blank, is_xml_space, Child, Element, Tree, GW_NS};
use std::collections::{HashMap, HashSet};

/// Reads a document from Akoma Ntoso 3.0.
///
/// Reads what [`crate::akn::to_string`] writes back to the same model, and AKN written by other
/// tools where it fits the model (`statement`, `doc`, `act` and `bill` documents).
pub fn from_str(src: &str) -> Result<Document, Error> {
    let tree = xmlsafe::parse(src, Format::Akn)?;
    let root = &tree.root;
    let r0 = Reader {
        tree: &tree,
        akn: String::new(),
        tlcs: HashMap::new(),
    };
    if root.name != "akomaNtoso" {
        return Err(r0.err(
            root,
            format!(
                "the root element is `{}`, expected `akomaNtoso` in namespace {NAMESPACE}",
                root.name
            ),
        ));
    }
    let mut notes = Vec::new();
    let ns = &*root.ns;
    if ns != NAMESPACE {
        if ns.starts_with(&format!("{NAMESPACE}/")) || ns == "http://www.akomantoso.org/2.0" {
            notes.push(Diagnostic {
                code: "akn-namespace".into(),
                severity: Severity::Warning,
                message: format!(
                    "namespace {ns} is not that of Akoma Ntoso 3.0 ({NAMESPACE}); read as if it were"
                ),
                span: tree.span(root),
            });
        } else {
            return Err(r0.err(
                root,
                format!(
                    "namespace `{ns}` of `akomaNtoso` is not the Akoma Ntoso 3.0 namespace {NAMESPACE}"
                ),
            ));
        }
    }
    let mut r = Reader {
        tree: &tree,
        akn: ns.to_string(),
        tlcs: HashMap::new(),
    };
    for e in root.descendants() {
        if e.ns.as_ref() == r.akn && (e.name.starts_with("TLC") || e.name == "original") {
            if let Some(id) = e.attr("eId") {
                r.tlcs.insert(
                    id.to_string(),
                    (
                        e.name.to_string(),
                        e.attr("showAs").unwrap_or("").to_string(),
                    ),
                );
            }
        }
    }
    let Some(doc_el) = root.elements().find(|e| r.is_akn(e)) else {
        return Err(r.err(root, "`akomaNtoso` holds no document"));
    };
    if let Some(t) = root.stray_text() {
        return Err(r.err(
            root,
            format!("text `{}` directly in `akomaNtoso`", short(t)),
        ));
    }
    let mut doc = r.document(doc_el)?;
    notes.append(&mut doc.diagnostics);
    doc.diagnostics = notes;
    Ok(doc)
}

fn short(s: &str) -> String {
    let t = s.trim_matches(is_xml_space);
    let mut out: String = t.chars().take(20).collect();
    if t.chars().count() > 20 {
        out.push('…');
    }
    out
}

struct Reader<'t, 'a> {
    tree: &'t Tree<'a>,
    /// The namespace of the AKN elements (3.0, or a draft one).
    akn: String,
    /// eId → (element, showAs) of the references (`TLC…`, `original`) anywhere in the input.
    tlcs: HashMap<String, (String, String)>,
}

/// What `proprietary` holds for one document.
#[derive(Default)]
struct Extras {
    title_lines: Vec<String>,
    title_from: TitleSource,
    number: Option<(String, u16, u32)>,
    meeting: Option<String>,
    line_kept: bool,
    publication: Option<Publication>,
    fields: Vec<Field>,
    encoding: Option<String>,
    law: Option<crate::model::LawMeta>,
    /// The notes' span, their entries' spans, and whether the one empty `p` stands for none.
    notes: Option<(Span, Option<Vec<ParaSpans>>, bool)>,
    empty_body: bool,
    /// The last preamble paragraph was written as two: the sentences before the enacting
    /// formula, and the formula.
    formula_split: bool,
    preamble: Option<Vec<ParaSpans>>,
    nodes: HashMap<String, NodeExtra>,
    attachments: HashMap<String, (Option<u32>, Span)>,
    closing: Option<Vec<Span>>,
    residue: Vec<Residue>,
    diagnostics: Vec<Diagnostic>,
}

struct NodeExtra {
    value: Option<u32>,
    /// An inserted article's second number.
    sub: Option<u32>,
    end: Option<String>,
    run_in: bool,
    span: Span,
    paragraphs: Option<Vec<ParaSpans>>,
    /// Where the entry is, for errors.
    offset: usize,
}

/// A paragraph's span and its table cells' spans (row by row), from the proprietary block.
type ParaSpans = (Span, Vec<Span>);

/// Sets a paragraph's span and, when the block lists them, its cells' spans.
fn set_spans(p: &mut Paragraph, (span, cells): ParaSpans) {
    p.span = span;
    if let Some(t) = &mut p.table {
        for (c, s) in t.rows.iter_mut().flatten().zip(cells) {
            c.span = s;
        }
    }
}

/// The state of reading one document: its extras, whether it is ours, and the notes so far.
struct St {
    extras: Extras,
    exact: bool,
    notes: Vec<Diagnostic>,
    noted: HashSet<String>,
    /// Where `gw:gongwen` is, for warnings about data that does not match.
    extras_at: usize,
}

impl St {
    fn text(&self, s: String) -> String {
        if self.exact {
            s
        } else {
            tidy(&s)
        }
    }
}

/// White space of documents from other tools: trimmed at the ends; a run holding a line break
/// becomes one space, or nothing between two characters that are not ASCII (CJK text).
fn tidy(s: &str) -> String {
    let t = s.trim_matches(is_xml_space);
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_xml_space(c) {
            out.push(c);
            continue;
        }
        let mut run = String::from(c);
        while let Some(&n) = chars.peek() {
            if !is_xml_space(n) {
                break;
            }
            run.push(n);
            chars.next();
        }
        if run.contains(['\n', '\r']) {
            let before = out.chars().last().is_some_and(|b| !b.is_ascii());
            let after = chars.peek().is_some_and(|a| !a.is_ascii());
            if !(before && after) {
                out.push(' ');
            }
        } else {
            out.push_str(&run);
        }
    }
    out
}

impl Reader<'_, '_> {
    fn err(&self, el: &Element, message: impl Into<String>) -> Error {
        Error::Shape {
            format: Format::Akn,
            message: message.into(),
            path: String::new(),
            at: self.tree.position(el.offset),
        }
    }

    fn is_akn(&self, e: &Element) -> bool {
        *e.ns == *self.akn
    }

    fn is(&self, e: &Element, name: &str) -> bool {
        self.is_akn(e) && e.name == name
    }

    /// A note, once per key and document.
    fn note(&self, st: &mut St, key: &str, e: &Element, message: String) {
        if st.noted.insert(key.to_string()) {
            st.notes.push(Diagnostic {
                code: "akn-kept-as".into(),
                severity: Severity::Note,
                message,
                span: self.tree.span(e),
            });
        }
    }

    fn document(&self, el: &Element) -> Result<Document, Error> {
        let mut st = St {
            extras: Extras::default(),
            exact: false,
            notes: Vec::new(),
            noted: HashSet::new(),
            extras_at: 0,
        };
        let kind = match &*el.name {
            "statement" | "doc" => {
                let name = el.attr("name").unwrap_or("");
                match kind_from_name(name) {
                    Some(k) => k,
                    None => {
                        self.note(
                            &mut st,
                            "doc-name",
                            el,
                            format!("document name `{name}` read as kind `other`"),
                        );
                        DocKind::Other
                    }
                }
            }
            // ours name the kind; others' acts and bills are regulations
            "act" | "bill" => el
                .attr("name")
                .and_then(kind_from_name)
                .unwrap_or(DocKind::Regulation),
            other => {
                return Err(self.err(
                    el,
                    format!(
                        "document type `{other}` does not fit the model (gongwen reads statement, \
                         doc, act and bill)"
                    ),
                ))
            }
        };
        let mut doc = Document::default();
        doc.meta.kind = kind;
        let mut alias_title = None;
        let mut frbr_name = None;
        let mut meta_seen = false;
        if let Some(meta) = el.elements().find(|e| self.is(e, "meta")) {
            meta_seen = true;
            if let Some(p) = meta.elements().find(|e| {
                self.is(e, "proprietary")
                    && e.attr("source") == Some("#gongwen")
                    && e.child(GW_NS, "gongwen").is_some()
            }) {
                if let Some(g) = p.child(GW_NS, "gongwen") {
                    st.extras = self.extras(g)?;
                    st.exact = true;
                    st.extras_at = g.offset;
                }
            }
            if let Some(work) = meta
                .child(&self.akn, "identification")
                .and_then(|i| i.child(&self.akn, "FRBRWork"))
            {
                for e in work.elements().filter(|e| self.is_akn(e)) {
                    match &*e.name {
                        "FRBRalias" if e.attr("name") == Some("title") && alias_title.is_none() => {
                            alias_title = e.attr("value").map(str::to_string);
                        }
                        "FRBRname" if frbr_name.is_none() => {
                            frbr_name = e.attr("value").map(str::to_string);
                        }
                        "FRBRdate"
                            if e.attr("name") == Some("signature") && doc.meta.signed.is_none() =>
                        {
                            doc.meta.signed = self.date_attr(&mut st, e);
                        }
                        "FRBRauthor" => {
                            let role = e.attr("as");
                            if role.is_some() && role != Some("#author") {
                                continue;
                            }
                            let href = e.attr("href").unwrap_or("");
                            match href.strip_prefix('#').and_then(|id| self.tlcs.get(id)) {
                                Some((kind, show)) if kind != "original" => {
                                    doc.meta.issuers.push(show.clone())
                                }
                                _ if href.is_empty() => {}
                                _ => self.note(
                                    &mut st,
                                    &format!("author {href}"),
                                    e,
                                    format!(
                                        "FRBRauthor `{href}` names no organization in `references`; \
                                         not read as an issuer"
                                    ),
                                ),
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        if !meta_seen {
            self.note(
                &mut st,
                "no-meta",
                el,
                format!("`{}` has no `meta`: no issuer, no dates", el.name),
            );
        }

        let mut body_seen = false;
        for c in el.elements() {
            if !self.is_akn(c) {
                return Err(self.err(
                    c,
                    format!(
                        "element `{}` from namespace {} in `{}` does not fit the model",
                        c.name, c.ns, el.name
                    ),
                ));
            }
            match &*c.name {
                "meta" => {}
                "coverPage" => {
                    let mut ps = Vec::new();
                    self.blocks(&mut st, c, &mut ps)?;
                    self.note(
                        &mut st,
                        "coverPage",
                        c,
                        "`coverPage` read as subtitle lines".to_string(),
                    );
                    doc.meta.subtitle.extend(ps.into_iter().map(|p| p.text));
                }
                "preface" => self.preface(&mut st, c, &mut doc)?,
                "preamble" => self.blocks(&mut st, c, &mut doc.preamble)?,
                "mainBody" | "body" | "mainContent" | "judgmentBody" => {
                    body_seen = true;
                    self.main_body(&mut st, c, &mut doc)?;
                }
                "conclusions" => self.conclusions(&mut st, c, &mut doc)?,
                "attachments" | "components" => {
                    if c.name == "components" {
                        self.note(
                            &mut st,
                            "components",
                            c,
                            "`components` read as attachments".to_string(),
                        );
                    }
                    for a in c.elements() {
                        doc.attachments.push(self.attachment(&mut st, a)?);
                    }
                }
                other => {
                    return Err(self.err(
                        c,
                        format!("element `{other}` in `{}` does not fit the model", el.name),
                    ))
                }
            }
        }
        if !body_seen {
            self.note(
                &mut st,
                "no-body",
                el,
                format!("`{}` has no main body", el.name),
            );
        }
        if doc.meta.title.is_none() {
            doc.meta.title = alias_title.or(frbr_name);
        }

        // what proprietary holds beside the structure
        let x = std::mem::take(&mut st.extras);
        if x.formula_split {
            match doc.preamble.pop() {
                Some(formula) if !doc.preamble.is_empty() => {
                    if let Some(before) = doc.preamble.last_mut() {
                        before.text.push_str(&formula.text);
                    }
                }
                other => {
                    doc.preamble.extend(other);
                    let at = st.extras_at;
                    self.stale(
                        &mut st,
                        at,
                        "proprietary data joins the enacting formula to the paragraph before it, \
                         but the preamble has one paragraph; ignored"
                            .into(),
                    );
                }
            }
        }
        doc.meta.title_lines = x.title_lines;
        doc.meta.title_from = x.title_from;
        doc.meta.publication = x.publication;
        doc.meta.fields = x.fields;
        doc.meta.encoding = x.encoding;
        doc.meta.law = x.law;
        if let Some((span, entries, none)) = x.notes {
            let at = st.extras_at;
            match &mut doc.notes {
                Some(n) => {
                    n.span = span;
                    if none && n.entries.len() == 1 && n.entries[0].text.is_empty() {
                        n.entries.clear();
                    }
                    if let Some(es) = entries {
                        self.apply_spans(&mut st, at, "notes", &mut n.entries, es, set_spans);
                    }
                }
                None => self.stale(
                    &mut st,
                    at,
                    "proprietary data describes notes, which the document does not have; ignored"
                        .into(),
                ),
            }
        }
        if let Some(ps) = x.preamble {
            let at = st.extras_at;
            self.apply_spans(
                &mut st,
                at,
                "preamble paragraphs",
                &mut doc.preamble,
                ps,
                set_spans,
            );
        }
        if let Some(cs) = x.closing {
            let at = st.extras_at;
            self.apply_spans(
                &mut st,
                at,
                "closing lines",
                &mut doc.closing,
                cs,
                |c, s| c.span = s,
            );
        }
        let mut left: Vec<(usize, String)> = x
            .nodes
            .iter()
            .map(|(id, n)| (n.offset, format!("node `{id}`")))
            .chain(
                x.attachments
                    .keys()
                    .map(|id| (st.extras_at, format!("attachment `{id}`"))),
            )
            .collect();
        left.sort();
        for (offset, what) in left {
            self.stale(
                &mut st,
                offset,
                format!("proprietary data names {what}, which the document does not have; ignored"),
            );
        }
        doc.residue = x.residue;
        doc.diagnostics = x.diagnostics;
        doc.diagnostics.append(&mut st.notes);
        Ok(doc)
    }

    fn date_attr(&self, st: &mut St, e: &Element) -> Option<Date> {
        let v = e.attr("date")?;
        let d = v.get(..10).and_then(|s| Date::try_from(s.to_string()).ok());
        if d.is_none() {
            self.note(
                st,
                &format!("date {v}"),
                e,
                format!("`{}` date `{v}` is not a date; not read", e.name),
            );
        }
        d
    }

    /// `proprietary/gw:gongwen`.
    fn extras(&self, g: &Element) -> Result<Extras, Error> {
        let cx = Ctx {
            tree: self.tree,
            format: Format::Akn,
            ns: GW_NS,
        };
        let path = Path::At("proprietary/gongwen");
        let k = Kids::of(
            &cx,
            g,
            path,
            &[
                "title_lines",
                "title_from",
                "number",
                "adopted",
                "publication",
                "fields",
                "encoding",
                "law",
                "notes",
                "empty_body",
                "formula_split",
                "preamble",
                "nodes",
                "closing",
                "attachments",
                "residue",
                "diagnostics",
            ],
        )?;
        let mut x = Extras::default();
        if let Some(e) = k.get("title_lines") {
            x.title_lines = walk::string_list(&cx, e, Path::At("title_lines"), "line")?;
        }
        if let Some(e) = k.get("title_from") {
            x.title_from = walk::value(
                &cx,
                e,
                Path::At("title_from"),
                "a title source",
                crate::xml::named,
            )?;
        }
        if let Some(e) = k.get("number") {
            let p = Path::At("proprietary/gongwen/number");
            let nk = Kids::of(&cx, e, p, &["code", "year", "seq"])?;
            x.number = Some((
                walk::leaf(&cx, nk.need(&cx, e, p, "code")?, p)?,
                walk::value(&cx, nk.need(&cx, e, p, "year")?, p, "a year", |s| {
                    s.parse().ok()
                })?,
                walk::value(&cx, nk.need(&cx, e, p, "seq")?, p, "a number", |s| {
                    s.parse().ok()
                })?,
            ));
        }
        if let Some(e) = k.get("adopted") {
            let p = Path::At("proprietary/gongwen/adopted");
            let ak = Kids::of(&cx, e, p, &["meeting", "line_kept"])?;
            x.meeting = walk::opt_leaf(&cx, ak.get("meeting"), p)?;
            if let Some(l) = ak.get("line_kept") {
                x.line_kept = walk::boolean(&cx, l, p)?;
            }
        }
        if let Some(e) = k.get("publication") {
            x.publication = Some(vocab::publication(&cx, e, Path::At("publication"))?);
        }
        if let Some(e) = k.get("fields") {
            x.fields = vocab::fields(&cx, e, Path::At("fields"))?;
        }
        x.encoding = walk::opt_leaf(&cx, k.get("encoding"), Path::At("proprietary/gongwen"))?;
        if let Some(e) = k.get("law") {
            x.law = Some(vocab::law(&cx, e, Path::At("proprietary/gongwen/law"))?);
        }
        if let Some(e) = k.get("notes") {
            let p = Path::At("proprietary/gongwen/notes");
            let nk = Kids::of(&cx, e, p, &["no_entries", "span", "entries"])?;
            let none = nk
                .get("no_entries")
                .map(|v| walk::boolean(&cx, v, p))
                .transpose()?
                .unwrap_or(false);
            let span = nk
                .get("span")
                .map(|s| vocab::span(&cx, s, p))
                .transpose()?
                .unwrap_or_default();
            let entries = nk
                .get("entries")
                .map(|es| self.paragraph_entries(&cx, es))
                .transpose()?;
            x.notes = Some((span, entries, none));
        }
        if let Some(e) = k.get("empty_body") {
            x.empty_body = walk::boolean(&cx, e, Path::At("empty_body"))?;
        }
        if let Some(e) = k.get("formula_split") {
            x.formula_split = walk::boolean(&cx, e, Path::At("formula_split"))?;
        }
        if let Some(e) = k.get("preamble") {
            x.preamble = Some(self.paragraph_entries(&cx, e)?);
        }
        if let Some(e) = k.get("closing") {
            x.closing = Some(self.span_entries(&cx, e, "closing_line")?);
        }
        if let Some(e) = k.get("nodes") {
            for n in walk::items(&cx, e, Path::At("nodes"), "node")? {
                let p = Path::At("proprietary/gongwen/nodes/node");
                let nk = Kids::of(
                    &cx,
                    n,
                    p,
                    &["ref", "value", "sub", "end", "run_in", "span", "paragraphs"],
                )?;
                let id = walk::leaf(&cx, nk.need(&cx, n, p, "ref")?, p)?;
                let extra = NodeExtra {
                    value: nk
                        .get("value")
                        .map(|v| walk::value(&cx, v, p, "a number", |s| s.parse().ok()))
                        .transpose()?,
                    sub: nk
                        .get("sub")
                        .map(|v| walk::value(&cx, v, p, "a number", |s| s.parse().ok()))
                        .transpose()?,
                    end: walk::opt_leaf(&cx, nk.get("end"), p)?,
                    run_in: nk
                        .get("run_in")
                        .map(|v| walk::boolean(&cx, v, p))
                        .transpose()?
                        .unwrap_or(false),
                    span: nk
                        .get("span")
                        .map(|s| vocab::span(&cx, s, p))
                        .transpose()?
                        .unwrap_or_default(),
                    paragraphs: nk
                        .get("paragraphs")
                        .map(|ps| self.paragraph_entries(&cx, ps))
                        .transpose()?,
                    offset: n.offset,
                };
                if x.nodes.insert(id.clone(), extra).is_some() {
                    return Err(cx.err(n, p, format!("node `{id}` listed twice")));
                }
            }
        }
        if let Some(e) = k.get("attachments") {
            for a in walk::items(&cx, e, Path::At("attachments"), "attachment")? {
                let p = Path::At("proprietary/gongwen/attachments/attachment");
                let ak = Kids::of(&cx, a, p, &["ref", "num", "span"])?;
                let id = walk::leaf(&cx, ak.need(&cx, a, p, "ref")?, p)?;
                let num = ak
                    .get("num")
                    .map(|v| walk::value(&cx, v, p, "a number", |s| s.parse().ok()))
                    .transpose()?;
                let span = ak
                    .get("span")
                    .map(|s| vocab::span(&cx, s, p))
                    .transpose()?
                    .unwrap_or_default();
                if x.attachments.insert(id.clone(), (num, span)).is_some() {
                    return Err(cx.err(a, p, format!("attachment `{id}` listed twice")));
                }
            }
        }
        if let Some(e) = k.get("residue") {
            x.residue = vocab::residue(&cx, e, Path::At("residue"))?;
        }
        if let Some(e) = k.get("diagnostics") {
            x.diagnostics = vocab::diagnostics(&cx, e, Path::At("diagnostics"))?;
        }
        Ok(x)
    }

    /// Paragraph entries: each an optional span and, for a table, its cells' spans
    /// (`<gw:paragraph><gw:span/>?<gw:cells><gw:cell><gw:span/>?</gw:cell>…</gw:cells>?`).
    fn paragraph_entries(&self, cx: &Ctx<'_, '_>, el: &Element) -> Result<Vec<ParaSpans>, Error> {
        walk::items(cx, el, Path::At(&el.name), "paragraph")?
            .into_iter()
            .map(|e| {
                let p = Path::At("paragraph");
                let k = Kids::of(cx, e, p, &["span", "cells"])?;
                let span = k
                    .get("span")
                    .map(|s| vocab::span(cx, s, p))
                    .transpose()?
                    .unwrap_or_default();
                let cells = match k.get("cells") {
                    Some(c) => self.span_entries(cx, c, "cell")?,
                    None => Vec::new(),
                };
                Ok((span, cells))
            })
            .collect()
    }

    /// A list of entries that each hold an optional span.
    fn span_entries(
        &self,
        cx: &Ctx<'_, '_>,
        el: &Element,
        item: &'static str,
    ) -> Result<Vec<Span>, Error> {
        walk::items(cx, el, Path::At(&el.name), item)?
            .into_iter()
            .map(|e| {
                let k = Kids::of(cx, e, Path::At(item), &["span"])?;
                k.get("span")
                    .map(|s| vocab::span(cx, s, Path::At(item)))
                    .transpose()
                    .map(Option::unwrap_or_default)
            })
            .collect()
    }

    fn preface(&self, st: &mut St, el: &Element, doc: &mut Document) -> Result<(), Error> {
        for c in el.elements() {
            if self.is(c, "longTitle") {
                let title = match c.descendants().into_iter().find(|d| self.is(d, "docTitle")) {
                    Some(t) => t.text(),
                    None => c.text(),
                };
                let title = st.text(title);
                if doc.meta.title.is_none() {
                    doc.meta.title = Some(title);
                } else {
                    self.note(
                        st,
                        "second-title",
                        c,
                        "a second title read as a subtitle line".to_string(),
                    );
                    doc.meta.subtitle.push(title);
                }
                continue;
            }
            if !self.is(c, "p") {
                let mut ps = Vec::new();
                self.blocks(st, c, &mut ps)?;
                self.note(
                    st,
                    &format!("preface {}", c.name),
                    c,
                    format!("`{}` in `preface` read as subtitle lines", c.name),
                );
                doc.meta.subtitle.extend(ps.into_iter().map(|p| p.text));
                continue;
            }
            let class = c.attr("class").unwrap_or("");
            let has = |name: &str| c.descendants().into_iter().any(|d| self.is(d, name));
            if class == "number" || (class.is_empty() && has("docNumber")) {
                let text = match c
                    .descendants()
                    .into_iter()
                    .find(|d| self.is(d, "docNumber"))
                {
                    Some(d) => d.text(),
                    None => c.text(),
                };
                let text = st.text(text);
                let number = match st.extras.number.take() {
                    Some((code, year, seq)) => Some(DocNumber {
                        text: text.clone(),
                        code,
                        year,
                        seq,
                    }),
                    None => crate::text::rules::doc_number(&text),
                };
                match number {
                    Some(n) if doc.meta.number.is_none() => doc.meta.number = Some(n),
                    _ => {
                        self.note(
                            st,
                            &format!("number {text}"),
                            c,
                            format!(
                                "document number `{text}` is not of the form code〔year〕n号 or \
                                 not the first; read as a subtitle line"
                            ),
                        );
                        doc.meta.subtitle.push(text);
                    }
                }
            } else if class == "adoption"
                || (class.is_empty() && (has("docDate") || has("docProponent")))
            {
                let date = c
                    .descendants()
                    .into_iter()
                    .find(|d| self.is(d, "docDate"))
                    .and_then(|d| self.date_attr(st, d));
                let meeting = c
                    .descendants()
                    .into_iter()
                    .find(|d| self.is(d, "docProponent"))
                    .map(|d| st.text(d.text()))
                    .or_else(|| st.extras.meeting.take());
                let text = st.text(c.text());
                let mut a = Adoption {
                    meeting,
                    date,
                    line: None,
                };
                if text != a.canonical_line() || st.extras.line_kept {
                    a.line = Some(text);
                }
                doc.meta.adopted = Some(a);
            } else if class == "addressee" {
                doc.meta.addressee = Some(st.text(c.text()));
            } else if class == "subtitle" {
                doc.meta.subtitle.push(st.text(c.text()));
            } else if doc.meta.title.is_none() && has("docTitle") {
                let t = c
                    .descendants()
                    .into_iter()
                    .find(|d| self.is(d, "docTitle"))
                    .map(Element::text)
                    .unwrap_or_default();
                doc.meta.title = Some(st.text(t));
            } else {
                if !st.exact {
                    self.note(
                        st,
                        "preface p",
                        c,
                        "`p` in `preface` read as a subtitle line".to_string(),
                    );
                }
                doc.meta.subtitle.push(st.text(c.text()));
            }
        }
        Ok(())
    }

    /// Block content as paragraphs, in document order.
    fn blocks(&self, st: &mut St, el: &Element, out: &mut Vec<Paragraph>) -> Result<(), Error> {
        for c in &el.children {
            match c {
                Child::Text(t) => {
                    if !is_blank(t) {
                        self.note(
                            st,
                            &format!("text in {}", el.name),
                            el,
                            format!("text directly in `{}` read as a paragraph", el.name),
                        );
                        out.push(Paragraph::new(st.text(t.to_string())));
                    }
                }
                Child::Element(c) => self.block(st, c, out)?,
            }
        }
        Ok(())
    }

    fn block(&self, st: &mut St, c: &Element, out: &mut Vec<Paragraph>) -> Result<(), Error> {
        if !self.is_akn(c) {
            self.note(
                st,
                &format!("foreign {}", c.name),
                c,
                format!(
                    "element `{}` of namespace {} read as a paragraph",
                    c.name, c.ns
                ),
            );
            out.push(Paragraph::new(st.text(c.text())));
            return Ok(());
        }
        match &*c.name {
            "p" => out.push(Paragraph::new(st.text(c.text()))),
            "formula" | "container" | "intro" | "content" | "wrapUp" | "recitals" | "recital"
            | "citations" | "citation" | "blockContainer" | "longTitle" => {
                self.blocks(st, c, out)?
            }
            "blockList" | "ul" | "ol" | "toc" => {
                self.note(
                    st,
                    &format!("list {}", c.name),
                    c,
                    format!("`{}` read as paragraphs, one per item", c.name),
                );
                for item in c.elements() {
                    out.push(Paragraph::new(st.text(item.text())));
                }
            }
            "table" => out.push(Paragraph::table(self.table(st, c), Span::default())),
            other => {
                self.note(
                    st,
                    &format!("block {other}"),
                    c,
                    format!("`{other}` read as a paragraph"),
                );
                out.push(Paragraph::new(st.text(c.text())));
            }
        }
        Ok(())
    }

    /// A table: its `tr` rows (in `thead`/`tbody` too, for tables from HTML) of `th` and `td`
    /// cells, a cell's text its blocks' texts a line each (its own text when it has none).
    fn table(&self, st: &mut St, t: &Element) -> Table {
        let rows = t
            .descendants()
            .into_iter()
            .filter(|d| self.is(d, "tr"))
            .map(|tr| {
                tr.elements()
                    .filter(|c| self.is(c, "td") || self.is(c, "th"))
                    .map(|c| {
                        let count = |name: &str| {
                            c.attr(name)
                                .and_then(|v| v.trim_matches(is_xml_space).parse::<u32>().ok())
                                .filter(|n| *n >= 1)
                                .unwrap_or(1)
                        };
                        let lines: Vec<String> = c.elements().map(|b| st.text(b.text())).collect();
                        let text = if lines.is_empty() {
                            st.text(c.text())
                        } else {
                            lines.join("\n")
                        };
                        Cell {
                            text,
                            header: self.is(c, "th"),
                            rowspan: count("rowspan"),
                            colspan: count("colspan"),
                            span: Span::default(),
                        }
                    })
                    .collect()
            })
            .collect();
        Table { rows }
    }

    fn is_hier(&self, e: &Element) -> bool {
        self.is_akn(e) && super::abbreviation(&e.name).is_some()
    }

    /// Notes after the body: `hcontainer name="notes"` with a heading (the label) and a `p`
    /// per note.
    fn notes(&self, st: &mut St, el: &Element) -> Result<Notes, Error> {
        let mut n = Notes::default();
        for c in el.elements() {
            if self.is(c, "heading") && n.label.is_none() {
                n.label = Some(st.text(c.text()));
            } else if self.is(c, "num") {
                let label = st.text(c.text());
                n.label = Some(match n.label.take() {
                    Some(l) => label + &l,
                    None => label,
                });
            } else {
                self.blocks(st, c, &mut n.entries)?;
            }
        }
        Ok(n)
    }

    fn is_notes(&self, e: &Element) -> bool {
        self.is(e, "hcontainer") && e.attr("name") == Some("notes")
    }

    fn main_body(&self, st: &mut St, el: &Element, doc: &mut Document) -> Result<(), Error> {
        for c in el.elements() {
            if self.is_notes(c) {
                let n = self.notes(st, c)?;
                match &mut doc.notes {
                    Some(have) => have.entries.extend(n.entries),
                    None => doc.notes = Some(n),
                }
            }
        }
        if st.extras.empty_body {
            return Ok(());
        }
        let mut ord = 0;
        for c in &el.children {
            match c {
                Child::Text(t) if is_blank(t) => {}
                Child::Element(e) if self.is_notes(e) => {}
                Child::Element(e) if self.is_hier(e) => {
                    ord += 1;
                    let n = self.node(st, e, 0, ord)?;
                    doc.body.push(n);
                }
                Child::Element(e) if self.is(e, "componentRef") => {
                    return Err(self.err(
                        e,
                        "`componentRef` (a reference to another component) does not fit the model",
                    ))
                }
                _ => {
                    let mut ps = Vec::new();
                    match c {
                        Child::Element(e) => self.block(st, e, &mut ps)?,
                        Child::Text(t) => {
                            self.note(
                                st,
                                "text in mainBody",
                                el,
                                "text directly in the main body read as a paragraph".into(),
                            );
                            ps.push(Paragraph::new(st.text(t.to_string())));
                        }
                    }
                    match doc.body.last_mut() {
                        None => doc.preamble.extend(ps),
                        Some(_) => {
                            self.note(
                                st,
                                "block after nodes",
                                el,
                                "text after the first part of the main body read as an \
                                 unnumbered part"
                                    .into(),
                            );
                            let mut n = Node::new(NodeKind::Part);
                            n.paragraphs = ps;
                            doc.body.push(n);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn node(&self, st: &mut St, el: &Element, depth: usize, ord: usize) -> Result<Node, Error> {
        let name = el.attr("name");
        let class = el.attr("class");
        let kind = match (&*el.name, name) {
            // a law's units: their own elements, and a class where a 公文 level shares one
            ("book", _) => NodeKind::Book,
            ("chapter", _) => NodeKind::Chapter,
            ("article", _) => NodeKind::Article,
            ("part", _) if class == Some("subbook") => NodeKind::Subbook,
            ("section", _) if class == Some("division") => NodeKind::Division,
            ("point", _) if class == Some("point") => NodeKind::Point,
            ("point", _) if class == Some("subpoint") => NodeKind::Subpoint,
            ("part", _) => NodeKind::Part,
            ("section", _) => NodeKind::Section,
            ("paragraph", _) => NodeKind::Item,
            ("point", _) => NodeKind::Subitem,
            ("hcontainer", Some("measure")) => NodeKind::Measure,
            // another tool's stand-ins for the native elements
            ("hcontainer", Some("part")) => NodeKind::Part,
            ("hcontainer", Some("section")) => NodeKind::Section,
            ("hcontainer", Some("paragraph" | "item")) => NodeKind::Item,
            ("hcontainer", Some("point" | "subitem")) => NodeKind::Subitem,
            (other, _) => {
                let kind = by_depth(depth);
                let what = match name {
                    Some(n) if other == "hcontainer" => format!("`hcontainer name=\"{n}\"`"),
                    _ => format!("`{other}`"),
                };
                self.note(
                    st,
                    &format!("hier {what}"),
                    el,
                    format!("{what} read as a {} (by its depth)", kind.as_str()),
                );
                kind
            }
        };
        let mut n = Node::new(kind);
        n.guarantees = el
            .attr("refersTo")
            .is_some_and(|r| r.split_ascii_whitespace().any(|t| t == "#guarantees"));
        let extra = el.attr("eId").and_then(|id| st.extras.nodes.remove(id));
        let mut child_ord = 0;
        for c in &el.children {
            let c = match c {
                Child::Text(t) if is_blank(t) => continue,
                Child::Text(t) => {
                    self.note(
                        st,
                        &format!("text in {}", el.name),
                        el,
                        format!("text directly in `{}` read as a paragraph", el.name),
                    );
                    let p = Paragraph::new(st.text(t.to_string()));
                    self.push_paragraphs(&mut n, vec![p]);
                    continue;
                }
                Child::Element(c) => c,
            };
            // an article's paragraph (款): ours say so by their class; in others' acts, a
            // paragraph of an article without a number of its own
            let kuan = kind == NodeKind::Article
                && &*c.name == "paragraph"
                && self.is_akn(c)
                && (c.attr("class") == Some("kuan")
                    || !st.exact && c.child(&self.akn, "num").is_none());
            if kuan {
                for k in c.elements() {
                    if self.is_hier(k) {
                        child_ord += 1;
                        let mut point = self.node(st, k, depth + 1, child_ord)?;
                        // it stands in this 款, the article's last paragraph so far
                        point.in_paragraph =
                            u32::try_from(n.paragraphs.len()).ok().filter(|&k| k > 0);
                        n.children.push(point);
                    } else {
                        // a 款's text is the article's paragraph, after points or not
                        self.blocks(st, k, &mut n.paragraphs)?;
                    }
                }
                continue;
            }
            if self.is_hier(c) {
                child_ord += 1;
                n.children.push(self.node(st, c, depth + 1, child_ord)?);
                continue;
            }
            if !self.is_akn(c) {
                let mut ps = Vec::new();
                self.block(st, c, &mut ps)?;
                self.push_paragraphs(&mut n, ps);
                continue;
            }
            match &*c.name {
                "num" if n.num.is_none() => {
                    let text = st.text(c.text());
                    let value = extra
                        .as_ref()
                        .and_then(|x| x.value)
                        .unwrap_or_else(|| num_value(&text, ord));
                    // an inserted article's second number: ours say it, others' print it
                    // (`第一百二十条之一`)
                    let sub = match extra.as_ref() {
                        Some(x) => x.sub,
                        None => crate::numbering::marker(text.trim())
                            .filter(|m| m.value == value)
                            .and_then(|m| m.sub),
                    };
                    n.num = Some(Num { text, value, sub });
                }
                "heading" if n.heading.is_none() => {
                    n.heading = Some(Heading {
                        text: st.text(c.text()),
                        end: extra.as_ref().and_then(|x| x.end.clone()),
                        run_in: extra.as_ref().is_some_and(|x| x.run_in),
                    });
                }
                "intro" | "content" => {
                    let mut ps = Vec::new();
                    self.blocks(st, c, &mut ps)?;
                    self.push_paragraphs(&mut n, ps);
                }
                "componentRef" => {
                    return Err(self.err(
                        c,
                        "`componentRef` (a reference to another component) does not fit the model",
                    ))
                }
                other => {
                    // wrapUp, crossHeading, subheading, a second num or heading, stray blocks
                    let mut ps = Vec::new();
                    self.blocks(st, c, &mut ps)?;
                    if ps.is_empty() {
                        ps.push(Paragraph::new(st.text(c.text())));
                    }
                    self.note(
                        st,
                        &format!("in hier {other}"),
                        c,
                        format!("`{other}` in `{}` kept as a paragraph", el.name),
                    );
                    self.push_paragraphs(&mut n, ps);
                }
            }
        }
        if let Some(x) = extra {
            let id = el.attr("eId").unwrap_or("");
            if x.value.is_some() && n.num.is_none() {
                self.stale(
                    st,
                    x.offset,
                    format!("proprietary data gives node `{id}` a number value, but it has no `num`; ignored"),
                );
            }
            if (x.end.is_some() || x.run_in) && n.heading.is_none() {
                self.stale(
                    st,
                    x.offset,
                    format!("proprietary data gives node `{id}` heading details, but it has no `heading`; ignored"),
                );
            }
            n.span = x.span;
            if let Some(spans) = x.paragraphs {
                let what = format!("paragraphs of node `{id}`");
                self.apply_spans(st, x.offset, &what, &mut n.paragraphs, spans, set_spans);
            }
        }
        Ok(n)
    }

    /// A warning about `proprietary` data that does not match the document (edited since gongwen
    /// wrote it): the data is ignored, the document is read.
    fn stale(&self, st: &mut St, offset: usize, message: String) {
        st.notes.push(Diagnostic {
            code: "akn-proprietary".into(),
            severity: Severity::Warning,
            message,
            span: self.tree.lines.span(self.tree.src, offset, 1),
        });
    }

    /// Spans from `proprietary` for a list of items, when the counts agree.
    fn apply_spans<T, S>(
        &self,
        st: &mut St,
        offset: usize,
        what: &str,
        items: &mut [T],
        spans: Vec<S>,
        set: impl Fn(&mut T, S),
    ) {
        if spans.len() != items.len() {
            let message = format!(
                "proprietary data lists {} spans for the {what}, the document has {}; ignored",
                spans.len(),
                items.len()
            );
            self.stale(st, offset, message);
            return;
        }
        for (i, s) in items.iter_mut().zip(spans) {
            set(i, s);
        }
    }

    /// Paragraphs go before the children; after them they become an unnumbered child.
    fn push_paragraphs(&self, n: &mut Node, ps: Vec<Paragraph>) {
        if ps.is_empty() {
            return;
        }
        if n.children.is_empty() {
            n.paragraphs.extend(ps);
        } else {
            let mut c = Node::new(match n.kind {
                NodeKind::Part => NodeKind::Section,
                NodeKind::Section => NodeKind::Item,
                _ => NodeKind::Subitem,
            });
            c.paragraphs = ps;
            n.children.push(c);
        }
    }

    fn conclusions(&self, st: &mut St, el: &Element, doc: &mut Document) -> Result<(), Error> {
        for c in el.elements() {
            if !self.is(c, "p") {
                let mut ps = Vec::new();
                self.block(st, c, &mut ps)?;
                doc.closing.extend(ps.into_iter().map(|p| ClosingLine {
                    role: ClosingRole::Note,
                    text: p.text,
                    span: Span::default(),
                }));
                continue;
            }
            let has = |name: &str| c.descendants().into_iter().any(|d| self.is(d, name));
            let role = match c.attr("class").and_then(crate::xml::named) {
                Some(r) => r,
                None if has("signature") || has("person") || has("organization") => {
                    ClosingRole::Signature
                }
                None if has("date") || has("docDate") => ClosingRole::Date,
                None => ClosingRole::Note,
            };
            doc.closing.push(ClosingLine {
                role,
                text: st.text(c.text()),
                span: Span::default(),
            });
        }
        Ok(())
    }

    fn attachment(&self, st: &mut St, el: &Element) -> Result<Attachment, Error> {
        if !(self.is(el, "attachment") || self.is(el, "component")) {
            return Err(self.err(
                el,
                format!(
                    "element `{}` in `attachments` does not fit the model",
                    el.name
                ),
            ));
        }
        let mut label = None;
        let mut heading = None;
        let mut content = None;
        for c in el.elements() {
            if !self.is_akn(c) {
                return Err(self.err(
                    c,
                    format!(
                        "element `{}` in an attachment does not fit the model",
                        c.name
                    ),
                ));
            }
            match &*c.name {
                "num" => label = Some(st.text(c.text())),
                "heading" | "subheading" => heading = Some(st.text(c.text())),
                "statement" | "doc" | "act" | "bill" => content = Some(self.document(c)?),
                other => {
                    return Err(self.err(
                        c,
                        format!(
                            "an attachment holding `{other}` does not fit the model (gongwen \
                             keeps attachments as documents)"
                        ),
                    ))
                }
            }
        }
        let Some(mut content) = content else {
            return Err(self.err(
                el,
                "an attachment without a document does not fit the model",
            ));
        };
        match (&label, heading) {
            (None, h) => label = h,
            (Some(_), Some(h)) => {
                self.note(
                    st,
                    "attachment heading",
                    el,
                    "attachment heading read as the first subtitle line of its document".into(),
                );
                content.meta.subtitle.insert(0, h);
            }
            (Some(_), None) => {}
        }
        let (num, span) = match el
            .attr("eId")
            .and_then(|id| st.extras.attachments.remove(id))
        {
            Some(x) => x,
            None if st.exact => (None, Span::default()),
            None => (
                label.as_deref().and_then(|l| {
                    let digits: String = l
                        .chars()
                        .skip_while(|c| !c.is_ascii_digit())
                        .take_while(char::is_ascii_digit)
                        .collect();
                    digits.parse().ok()
                }),
                Span::default(),
            ),
        };
        Ok(Attachment {
            label,
            num,
            content,
            span,
        })
    }
}

fn by_depth(depth: usize) -> NodeKind {
    match depth {
        0 => NodeKind::Part,
        1 => NodeKind::Section,
        2 => NodeKind::Item,
        _ => NodeKind::Subitem,
    }
}

/// The value of a number as written by another tool: a gongwen marker (`一、`, `（二）`, `3.`),
/// else the first Arabic number in it, else the first Chinese numeral, else the position.
fn num_value(text: &str, ord: usize) -> u32 {
    let t = text.trim();
    if let Some(m) = crate::numbering::marker(t) {
        return m.value;
    }
    let digits: String = t
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    if let Ok(v) = digits.parse() {
        return v;
    }
    let cn: String = t
        .chars()
        .skip_while(|c| !"零〇一二三四五六七八九十百千两".contains(*c))
        .take_while(|c| "零〇一二三四五六七八九十百千两".contains(*c))
        .collect();
    if let Some(v) = crate::numbering::chinese_number(&cn) {
        return v;
    }
    u32::try_from(ord).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_joins_lines() {
        assert_eq!(tidy("\n  人民\n  城市 \n"), "人民城市");
        assert_eq!(tidy("a\n  b  c"), "a b  c");
    }

    #[test]
    fn foreign_numbers() {
        assert_eq!(num_value("（三）", 1), 3);
        assert_eq!(num_value("Article 12", 1), 12);
        assert_eq!(num_value("第十二条", 1), 12);
        assert_eq!(num_value("(a)", 4), 4);
    }
}
