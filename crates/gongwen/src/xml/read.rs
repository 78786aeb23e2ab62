//! The gongwen XML reader: the element tree of [`crate::xmlsafe`] mapped onto the model, strictly.
//!
//! The elements are walked with `crate::xmlsafe::walk` (a struct as an element of fields, lists of
//! items, leaves and values, paths for messages), which knows no element name; this module knows
//! the gongwen vocabulary, one function an element type.
//!
//! **Shared with the AKN reader.** AKN keeps what it has no place for in
//! `meta/proprietary/gw:gongwen`, in this vocabulary, and `crate::akn::read` reads it with the
//! functions of this module that are `pub(crate)` (imported there as `vocab`): [`law`],
//! [`publication`], [`fields`], [`span`], [`residue`] and [`diagnostics`]. Those are the whole
//! interface; everything else here is private to the gongwen XML reader.

use super::{named, NAMESPACE};
use crate::error::{Error, Format};
use crate::model::{
    Adoption, Attachment, Cell, ClosingLine, Diagnostic, DocNumber, Document, Field, Heading,
    LawEvent, LawMeta, Metadata, Node, Notes, Num, Paragraph, Publication, Residue, Span, Table,
};
use crate::xmlsafe::walk::{
    boolean, date, items, leaf, no_text, ns_suffix, opt_leaf, string_list, value, Ctx, Kids, Path,
};
use crate::xmlsafe::{self, Element};

/// Reads a document from gongwen XML, refusing anything the schema does not allow with the
/// element, its path and its position.
pub fn from_str(src: &str) -> Result<Document, Error> {
    let tree = xmlsafe::parse(src, Format::Xml)?;
    let cx = Ctx {
        tree: &tree,
        format: Format::Xml,
        ns: NAMESPACE,
    };
    let root = &tree.root;
    if !root.is(NAMESPACE, "document") {
        return Err(cx.err(
            root,
            "",
            format!(
                "the root element is `{}`{}, expected `document` in namespace {NAMESPACE}",
                root.name,
                ns_suffix(&root.ns)
            ),
        ));
    }
    document(&cx, root, Path::At("document"))
}

/// The fields of a document inside the element that stands for it.
fn document(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<Document, Error> {
    let k = Kids::of(
        cx,
        el,
        path,
        &[
            "meta",
            "preamble",
            "body",
            "notes",
            "closing",
            "attachments",
            "residue",
            "diagnostics",
        ],
    )?;
    let meta = metadata(cx, k.need(cx, el, path, "meta")?, path.sub("meta"))?;
    let mut doc = Document {
        meta,
        ..Document::default()
    };
    if let Some(e) = k.get("preamble") {
        let p = path.sub("preamble");
        for (i, c) in items(cx, e, p, "paragraph")?.into_iter().enumerate() {
            doc.preamble.push(paragraph(cx, c, p.idx("paragraph", i))?);
        }
    }
    if let Some(e) = k.get("body") {
        let p = path.sub("body");
        for (i, c) in items(cx, e, p, "node")?.into_iter().enumerate() {
            doc.body.push(node(cx, c, p.idx("node", i))?);
        }
    }
    if let Some(e) = k.get("notes") {
        doc.notes = Some(notes(cx, e, path.sub("notes"))?);
    }
    if let Some(e) = k.get("closing") {
        let p = path.sub("closing");
        for (i, c) in items(cx, e, p, "closing_line")?.into_iter().enumerate() {
            doc.closing
                .push(closing_line(cx, c, p.idx("closing_line", i))?);
        }
    }
    if let Some(e) = k.get("attachments") {
        let p = path.sub("attachments");
        for (i, c) in items(cx, e, p, "attachment")?.into_iter().enumerate() {
            doc.attachments
                .push(attachment(cx, c, p.idx("attachment", i))?);
        }
    }
    if let Some(e) = k.get("residue") {
        doc.residue = residue(cx, e, path.sub("residue"))?;
    }
    if let Some(e) = k.get("diagnostics") {
        doc.diagnostics = diagnostics(cx, e, path.sub("diagnostics"))?;
    }
    Ok(doc)
}

fn metadata(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<Metadata, Error> {
    let k = Kids::of(
        cx,
        el,
        path,
        &[
            "kind",
            "title",
            "title_lines",
            "title_from",
            "issuers",
            "number",
            "subtitle",
            "adopted",
            "addressee",
            "signed",
            "publication",
            "fields",
            "encoding",
            "law",
        ],
    )?;
    let mut m = Metadata::default();
    if let Some(e) = k.get("kind") {
        m.kind = value(cx, e, path.sub("kind"), "a document kind", named)?;
    }
    m.title = opt_leaf(cx, k.get("title"), path)?;
    if let Some(e) = k.get("title_lines") {
        m.title_lines = string_list(cx, e, path.sub("title_lines"), "line")?;
    }
    if let Some(e) = k.get("title_from") {
        m.title_from = value(cx, e, path.sub("title_from"), "a title source", named)?;
    }
    if let Some(e) = k.get("issuers") {
        m.issuers = string_list(cx, e, path.sub("issuers"), "issuer")?;
    }
    if let Some(e) = k.get("number") {
        let p = path.sub("number");
        let nk = Kids::of(cx, e, p, &["text", "code", "year", "seq"])?;
        m.number = Some(DocNumber {
            text: leaf(cx, nk.need(cx, e, p, "text")?, p.sub("text"))?,
            code: leaf(cx, nk.need(cx, e, p, "code")?, p.sub("code"))?,
            year: value(
                cx,
                nk.need(cx, e, p, "year")?,
                p.sub("year"),
                "a year",
                |s| s.parse().ok(),
            )?,
            seq: value(
                cx,
                nk.need(cx, e, p, "seq")?,
                p.sub("seq"),
                "a sequence number",
                |s| s.parse().ok(),
            )?,
        });
    }
    if let Some(e) = k.get("subtitle") {
        m.subtitle = string_list(cx, e, path.sub("subtitle"), "line")?;
    }
    if let Some(e) = k.get("adopted") {
        let p = path.sub("adopted");
        let ak = Kids::of(cx, e, p, &["meeting", "date", "line"])?;
        m.adopted = Some(Adoption {
            meeting: opt_leaf(cx, ak.get("meeting"), p)?,
            date: ak
                .get("date")
                .map(|d| date(cx, d, p.sub("date")))
                .transpose()?,
            line: opt_leaf(cx, ak.get("line"), p)?,
        });
    }
    m.addressee = opt_leaf(cx, k.get("addressee"), path)?;
    if let Some(e) = k.get("signed") {
        m.signed = Some(date(cx, e, path.sub("signed"))?);
    }
    if let Some(e) = k.get("publication") {
        m.publication = Some(publication(cx, e, path.sub("publication"))?);
    }
    if let Some(e) = k.get("fields") {
        m.fields = fields(cx, e, path.sub("fields"))?;
    }
    m.encoding = opt_leaf(cx, k.get("encoding"), path)?;
    if let Some(e) = k.get("law") {
        m.law = Some(law(cx, e, path.sub("law"))?);
    }
    Ok(m)
}

/// A law's metadata (see the writer).
pub(crate) fn law(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<LawMeta, Error> {
    let k = Kids::of(cx, el, path, &["kind", "history", "effective"])?;
    let mut l = LawMeta::default();
    if let Some(e) = k.get("kind") {
        l.kind = Some(value(cx, e, path.sub("kind"), "a law kind", named)?);
    }
    if let Some(h) = k.get("history") {
        let hp = path.sub("history");
        for (i, e) in items(cx, h, hp, "event")?.into_iter().enumerate() {
            let p = hp.idx("event", i);
            let ek = Kids::of(cx, e, p, &["action", "date", "body", "meeting", "order"])?;
            l.history.push(LawEvent {
                action: value(
                    cx,
                    ek.need(cx, e, p, "action")?,
                    p.sub("action"),
                    "a law event's action",
                    named,
                )?,
                date: ek
                    .get("date")
                    .map(|d| date(cx, d, p.sub("date")))
                    .transpose()?,
                body: opt_leaf(cx, ek.get("body"), p)?,
                meeting: opt_leaf(cx, ek.get("meeting"), p)?,
                order: opt_leaf(cx, ek.get("order"), p)?,
            });
        }
    }
    if let Some(e) = k.get("effective") {
        l.effective = Some(date(cx, e, path.sub("effective"))?);
    }
    Ok(l)
}

pub(crate) fn publication(
    cx: &Ctx<'_, '_>,
    el: &Element,
    path: Path<'_>,
) -> Result<Publication, Error> {
    let k = Kids::of(cx, el, path, &["datetime", "source", "headline"])?;
    Ok(Publication {
        datetime: opt_leaf(cx, k.get("datetime"), path)?,
        source: opt_leaf(cx, k.get("source"), path)?,
        headline: opt_leaf(cx, k.get("headline"), path)?,
    })
}

pub(crate) fn fields(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<Vec<Field>, Error> {
    items(cx, el, path, "field")?
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let p = path.idx("field", i);
            let k = Kids::of(cx, f, p, &["key", "value"])?;
            Ok(Field {
                key: leaf(cx, k.need(cx, f, p, "key")?, p.sub("key"))?,
                value: leaf(cx, k.need(cx, f, p, "value")?, p.sub("value"))?,
            })
        })
        .collect()
}

/// A span element: `<span offset="…" len="…" line="…" column="…"/>`, all four required, no
/// other attribute, no content.
pub(crate) fn span(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<Span, Error> {
    const FIELDS: [&str; 4] = ["offset", "len", "line", "column"];
    if let Some(c) = el.elements().next() {
        return Err(cx.err(
            c,
            path,
            format!("unexpected element `{}` in `span`, which is empty", c.name),
        ));
    }
    no_text(cx, el, path)?;
    if let Some(a) = el
        .attrs
        .iter()
        .find(|a| !a.ns.is_empty() || !FIELDS.contains(&&*a.name))
    {
        return Err(cx.err(
            el,
            path,
            format!("unexpected attribute `{}` on `span`", a.name),
        ));
    }
    let num = |name: &str| -> Result<u64, Error> {
        let v = el
            .attr(name)
            .ok_or_else(|| cx.err(el, path, format!("`span` has no attribute `{name}`")))?;
        let t = v.trim_matches(xmlsafe::is_xml_space);
        t.parse::<u64>().map_err(|_| {
            cx.err(
                el,
                path,
                format!("`{name}` `{t}` is not a non-negative integer"),
            )
        })
    };
    let conv = |name: &str, v: u64| -> Result<u32, Error> {
        u32::try_from(v).map_err(|_| cx.err(el, path, format!("`{name}` {v} is too large")))
    };
    let big = |name: &str, v: u64| -> Result<usize, Error> {
        usize::try_from(v).map_err(|_| cx.err(el, path, format!("`{name}` {v} is too large")))
    };
    Ok(Span {
        offset: big("offset", num("offset")?)?,
        len: big("len", num("len")?)?,
        line: conv("line", num("line")?)?,
        column: conv("column", num("column")?)?,
    })
}

fn opt_span(cx: &Ctx<'_, '_>, el: Option<&Element>, path: Path<'_>) -> Result<Span, Error> {
    el.map(|e| span(cx, e, path.sub("span")))
        .transpose()
        .map(Option::unwrap_or_default)
}

/// Notes after the body.
fn notes(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<Notes, Error> {
    let k = Kids::of(cx, el, path, &["label", "entries", "span"])?;
    let mut out = Notes {
        label: opt_leaf(cx, k.get("label"), path)?,
        entries: Vec::new(),
        span: opt_span(cx, k.get("span"), path)?,
    };
    if let Some(e) = k.get("entries") {
        let p = path.sub("entries");
        for (i, c) in items(cx, e, p, "paragraph")?.into_iter().enumerate() {
            out.entries.push(paragraph(cx, c, p.idx("paragraph", i))?);
        }
    }
    Ok(out)
}

fn paragraph(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<Paragraph, Error> {
    let k = Kids::of(cx, el, path, &["text", "table", "span"])?;
    Ok(Paragraph {
        text: leaf(cx, k.need(cx, el, path, "text")?, path.sub("text"))?,
        table: match k.get("table") {
            Some(t) => Some(table(cx, t, path.sub("table"))?),
            None => None,
        },
        span: opt_span(cx, k.get("span"), path)?,
    })
}

/// A table: `<table><rows><row><cell>…</cell>…</row>…</rows></table>`.
fn table(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<Table, Error> {
    let k = Kids::of(cx, el, path, &["rows"])?;
    let p = path.sub("rows");
    let mut rows = Vec::new();
    for (i, r) in items(cx, k.need(cx, el, path, "rows")?, p, "row")?
        .into_iter()
        .enumerate()
    {
        let rp = p.idx("row", i);
        let mut row = Vec::new();
        for (j, c) in items(cx, r, rp, "cell")?.into_iter().enumerate() {
            row.push(cell(cx, c, rp.idx("cell", j))?);
        }
        rows.push(row);
    }
    Ok(Table { rows })
}

fn cell(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<Cell, Error> {
    let k = Kids::of(
        cx,
        el,
        path,
        &["text", "header", "rowspan", "colspan", "span"],
    )?;
    let count = |name: &str| -> Result<u32, Error> {
        match k.get(name) {
            Some(e) => value(cx, e, path.sub(name), "a count from 1", |s| {
                s.parse().ok().filter(|n| *n >= 1)
            }),
            None => Ok(1),
        }
    };
    Ok(Cell {
        text: leaf(cx, k.need(cx, el, path, "text")?, path.sub("text"))?,
        header: k
            .get("header")
            .map(|h| boolean(cx, h, path.sub("header")))
            .transpose()?
            .unwrap_or(false),
        rowspan: count("rowspan")?,
        colspan: count("colspan")?,
        span: opt_span(cx, k.get("span"), path)?,
    })
}

fn node(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<Node, Error> {
    let k = Kids::of(
        cx,
        el,
        path,
        &[
            "kind",
            "num",
            "heading",
            "paragraphs",
            "children",
            "in_paragraph",
            "guarantees",
            "span",
        ],
    )?;
    let kind = value(
        cx,
        k.need(cx, el, path, "kind")?,
        path.sub("kind"),
        "a node kind",
        named,
    )?;
    let mut n = Node::new(kind);
    if let Some(e) = k.get("num") {
        let p = path.sub("num");
        let nk = Kids::of(cx, e, p, &["text", "value", "sub"])?;
        n.num = Some(Num {
            text: leaf(cx, nk.need(cx, e, p, "text")?, p.sub("text"))?,
            value: value(
                cx,
                nk.need(cx, e, p, "value")?,
                p.sub("value"),
                "a number",
                |s| s.parse().ok(),
            )?,
            sub: match nk.get("sub") {
                Some(x) => Some(value(cx, x, p.sub("sub"), "a number", |s| s.parse().ok())?),
                None => None,
            },
        });
    }
    if let Some(e) = k.get("heading") {
        let p = path.sub("heading");
        let hk = Kids::of(cx, e, p, &["text", "end", "run_in"])?;
        n.heading = Some(Heading {
            text: leaf(cx, hk.need(cx, e, p, "text")?, p.sub("text"))?,
            end: opt_leaf(cx, hk.get("end"), p)?,
            run_in: hk
                .get("run_in")
                .map(|r| boolean(cx, r, p.sub("run_in")))
                .transpose()?
                .unwrap_or(false),
        });
    }
    if let Some(e) = k.get("paragraphs") {
        let p = path.sub("paragraphs");
        for (i, c) in items(cx, e, p, "paragraph")?.into_iter().enumerate() {
            n.paragraphs.push(paragraph(cx, c, p.idx("paragraph", i))?);
        }
    }
    if let Some(e) = k.get("children") {
        let p = path.sub("children");
        for (i, c) in items(cx, e, p, "node")?.into_iter().enumerate() {
            n.children.push(node(cx, c, p.idx("node", i))?);
        }
    }
    if let Some(e) = k.get("in_paragraph") {
        n.in_paragraph = Some(value(cx, e, path.sub("in_paragraph"), "a number", |s| {
            s.parse().ok()
        })?);
    }
    if let Some(e) = k.get("guarantees") {
        n.guarantees = boolean(cx, e, path.sub("guarantees"))?;
    }
    n.span = opt_span(cx, k.get("span"), path)?;
    Ok(n)
}

fn closing_line(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<ClosingLine, Error> {
    let k = Kids::of(cx, el, path, &["role", "text", "span"])?;
    Ok(ClosingLine {
        role: value(
            cx,
            k.need(cx, el, path, "role")?,
            path.sub("role"),
            "a closing role",
            named,
        )?,
        text: leaf(cx, k.need(cx, el, path, "text")?, path.sub("text"))?,
        span: opt_span(cx, k.get("span"), path)?,
    })
}

fn attachment(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<Attachment, Error> {
    // `document`; `content` in files that gongwen 0.1.0 wrote
    let k = Kids::of(
        cx,
        el,
        path,
        &["label", "num", "document", "content", "span"],
    )?;
    let (content, name) = match k.get("content") {
        Some(c) if k.get("document").is_none() => (c, "content"),
        _ => (k.need(cx, el, path, "document")?, "document"),
    };
    Ok(Attachment {
        label: opt_leaf(cx, k.get("label"), path)?,
        num: k
            .get("num")
            .map(|e| value(cx, e, path.sub("num"), "a number", |s| s.parse().ok()))
            .transpose()?,
        content: document(cx, content, path.sub(name))?,
        span: opt_span(cx, k.get("span"), path)?,
    })
}

pub(crate) fn residue(
    cx: &Ctx<'_, '_>,
    el: &Element,
    path: Path<'_>,
) -> Result<Vec<Residue>, Error> {
    items(cx, el, path, "residue")?
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let p = path.idx("residue", i);
            let k = Kids::of(cx, r, p, &["role", "text", "span"])?;
            Ok(Residue {
                role: value(
                    cx,
                    k.need(cx, r, p, "role")?,
                    p.sub("role"),
                    "a residue role",
                    named,
                )?,
                text: leaf(cx, k.need(cx, r, p, "text")?, p.sub("text"))?,
                span: opt_span(cx, k.get("span"), p)?,
            })
        })
        .collect()
}

pub(crate) fn diagnostics(
    cx: &Ctx<'_, '_>,
    el: &Element,
    path: Path<'_>,
) -> Result<Vec<Diagnostic>, Error> {
    items(cx, el, path, "diagnostic")?
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let p = path.idx("diagnostic", i);
            let k = Kids::of(cx, d, p, &["code", "severity", "message", "span"])?;
            Ok(Diagnostic {
                code: leaf(cx, k.need(cx, d, p, "code")?, p.sub("code"))?,
                severity: value(
                    cx,
                    k.need(cx, d, p, "severity")?,
                    p.sub("severity"),
                    "a severity",
                    named,
                )?,
                message: leaf(cx, k.need(cx, d, p, "message")?, p.sub("message"))?,
                span: opt_span(cx, k.get("span"), p)?,
            })
        })
        .collect()
}
