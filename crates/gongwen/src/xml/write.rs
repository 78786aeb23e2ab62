//! The gongwen XML writer. The element functions take a prefix (`""` here, `"gw:"` inside AKN's
//! `proprietary`) so that the AKN writer keeps the same vocabulary for what it stores there.

use super::NAMESPACE;
use crate::error::{Error, Format};
use crate::model::LawMeta;
use crate::model::{
    Attachment, ClosingLine, Diagnostic, Document, Field, Metadata, Node, Notes, Paragraph,
    Publication, Residue, Span, Table,
};
use crate::xmlsafe::Out;

/// Writes the document as gongwen XML, indented by two spaces, with a final newline.
///
/// Fails only when a string holds a character XML 1.0 cannot hold (a C0 control character other
/// than tab, line feed and carriage return, U+FFFE or U+FFFF).
pub fn to_string(doc: &Document) -> Result<String, Error> {
    let mut o = Out::new(Format::Xml, crate::akn::output_estimate(doc, 300));
    o.start("document", &[("xmlns", NAMESPACE)]);
    document(&mut o, "", doc);
    o.end("document");
    o.finish()
}

/// Writes the same bytes as [`to_string`] to `w` in blocks, never holding the whole output.
///
/// A character XML 1.0 cannot hold is an [`std::io::ErrorKind::InvalidData`] error wrapping the
/// [`Error`] that [`to_string`] returns; what was written before it is then incomplete.
pub fn to_writer(doc: &Document, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut o = Out::streaming(Format::Xml, w);
    o.start("document", &[("xmlns", NAMESPACE)]);
    document(&mut o, "", doc);
    o.end("document");
    o.finish_streaming()
}

fn n<'a>(p: &'a str, name: &'a str) -> (&'a str, &'a str) {
    (p, name)
}

/// The fields of a document, inside the element that stands for it.
pub(crate) fn document(o: &mut Out, p: &str, doc: &Document) {
    metadata(o, p, &doc.meta);
    if !doc.preamble.is_empty() {
        o.start(&n(p, "preamble"), &[]);
        for para in &doc.preamble {
            paragraph(o, p, para);
        }
        o.end(&n(p, "preamble"));
    }
    if !doc.body.is_empty() {
        o.start(&n(p, "body"), &[]);
        for node in &doc.body {
            self::node(o, p, node);
        }
        o.end(&n(p, "body"));
    }
    if let Some(notes) = &doc.notes {
        self::notes(o, p, notes);
    }
    if !doc.closing.is_empty() {
        o.start(&n(p, "closing"), &[]);
        for c in &doc.closing {
            closing_line(o, p, c);
        }
        o.end(&n(p, "closing"));
    }
    if !doc.attachments.is_empty() {
        o.start(&n(p, "attachments"), &[]);
        for a in &doc.attachments {
            attachment(o, p, a);
        }
        o.end(&n(p, "attachments"));
    }
    residue(o, p, &doc.residue);
    diagnostics(o, p, &doc.diagnostics);
}

fn metadata(o: &mut Out, p: &str, m: &Metadata) {
    o.start(&n(p, "meta"), &[]);
    o.leaf(&n(p, "kind"), &[], m.kind.as_str());
    if let Some(t) = &m.title {
        o.leaf(&n(p, "title"), &[], t);
    }
    string_list(o, p, "title_lines", "line", &m.title_lines);
    if !m.title_from.is_document() {
        o.leaf(&n(p, "title_from"), &[], m.title_from.as_str());
    }
    string_list(o, p, "issuers", "issuer", &m.issuers);
    if let Some(num) = &m.number {
        o.start(&n(p, "number"), &[]);
        o.leaf(&n(p, "text"), &[], &num.text);
        o.leaf(&n(p, "code"), &[], &num.code);
        o.leaf_num(&n(p, "year"), num.year as u64);
        o.leaf_num(&n(p, "seq"), num.seq as u64);
        o.end(&n(p, "number"));
    }
    string_list(o, p, "subtitle", "line", &m.subtitle);
    if let Some(a) = &m.adopted {
        if a.meeting.is_none() && a.date.is_none() && a.line.is_none() {
            o.empty(&n(p, "adopted"), &[]);
        } else {
            o.start(&n(p, "adopted"), &[]);
            if let Some(s) = &a.meeting {
                o.leaf(&n(p, "meeting"), &[], s);
            }
            if let Some(d) = a.date {
                o.leaf(&n(p, "date"), &[], &d.to_string());
            }
            if let Some(s) = &a.line {
                o.leaf(&n(p, "line"), &[], s);
            }
            o.end(&n(p, "adopted"));
        }
    }
    if let Some(s) = &m.addressee {
        o.leaf(&n(p, "addressee"), &[], s);
    }
    if let Some(d) = m.signed {
        o.leaf(&n(p, "signed"), &[], &d.to_string());
    }
    if let Some(pb) = &m.publication {
        publication(o, p, pb);
    }
    fields(o, p, &m.fields);
    if let Some(e) = &m.encoding {
        o.leaf(&n(p, "encoding"), &[], e);
    }
    if let Some(l) = &m.law {
        law(o, p, l);
    }
    o.end(&n(p, "meta"));
}

/// A law's metadata: `<law><kind/><history><event>…</event></history><effective/></law>`.
pub(crate) fn law(o: &mut Out, p: &str, l: &LawMeta) {
    if l.kind.is_none() && l.history.is_empty() && l.effective.is_none() {
        o.empty(&n(p, "law"), &[]);
        return;
    }
    o.start(&n(p, "law"), &[]);
    if let Some(k) = l.kind {
        o.leaf(&n(p, "kind"), &[], k.as_str());
    }
    if !l.history.is_empty() {
        o.start(&n(p, "history"), &[]);
        for e in &l.history {
            o.start(&n(p, "event"), &[]);
            o.leaf(&n(p, "action"), &[], e.action.as_str());
            if let Some(d) = e.date {
                o.leaf(&n(p, "date"), &[], &d.to_string());
            }
            for (name, v) in [
                ("body", &e.body),
                ("meeting", &e.meeting),
                ("order", &e.order),
            ] {
                if let Some(v) = v {
                    o.leaf(&n(p, name), &[], v);
                }
            }
            o.end(&n(p, "event"));
        }
        o.end(&n(p, "history"));
    }
    if let Some(d) = l.effective {
        o.leaf(&n(p, "effective"), &[], &d.to_string());
    }
    o.end(&n(p, "law"));
}

/// A list of strings: `<{list}><{item}>…</{item}>…</{list}>`, nothing when empty.
pub(crate) fn string_list(o: &mut Out, p: &str, list: &str, item: &str, xs: &[String]) {
    if xs.is_empty() {
        return;
    }
    o.start(&n(p, list), &[]);
    for s in xs {
        o.leaf(&n(p, item), &[], s);
    }
    o.end(&n(p, list));
}

pub(crate) fn publication(o: &mut Out, p: &str, pb: &Publication) {
    if pb.datetime.is_none() && pb.source.is_none() && pb.headline.is_none() {
        o.empty(&n(p, "publication"), &[]);
        return;
    }
    o.start(&n(p, "publication"), &[]);
    if let Some(s) = &pb.datetime {
        o.leaf(&n(p, "datetime"), &[], s);
    }
    if let Some(s) = &pb.source {
        o.leaf(&n(p, "source"), &[], s);
    }
    if let Some(s) = &pb.headline {
        o.leaf(&n(p, "headline"), &[], s);
    }
    o.end(&n(p, "publication"));
}

pub(crate) fn fields(o: &mut Out, p: &str, fs: &[Field]) {
    if fs.is_empty() {
        return;
    }
    o.start(&n(p, "fields"), &[]);
    for f in fs {
        o.start(&n(p, "field"), &[]);
        o.leaf(&n(p, "key"), &[], &f.key);
        o.leaf(&n(p, "value"), &[], &f.value);
        o.end(&n(p, "field"));
    }
    o.end(&n(p, "fields"));
}

/// A span as one empty element, `<span offset="…" len="…" line="…" column="…"/>`; nothing when
/// it is empty (as in JSON).
pub(crate) fn span(o: &mut Out, p: &str, s: &Span) {
    if s.is_empty() {
        return;
    }
    o.empty_span(&n(p, "span"), s);
}

/// Notes after the body: `<notes><label/>?<entries><paragraph/>…</entries>?<span/>?</notes>`.
pub(crate) fn notes(o: &mut Out, p: &str, notes: &Notes) {
    o.context = notes.span;
    o.start(&n(p, "notes"), &[]);
    if let Some(l) = &notes.label {
        o.leaf(&n(p, "label"), &[], l);
    }
    if !notes.entries.is_empty() {
        o.start(&n(p, "entries"), &[]);
        for para in &notes.entries {
            paragraph(o, p, para);
        }
        o.end(&n(p, "entries"));
    }
    span(o, p, &notes.span);
    o.end(&n(p, "notes"));
}

fn paragraph(o: &mut Out, p: &str, para: &Paragraph) {
    o.context = para.span;
    o.start(&n(p, "paragraph"), &[]);
    o.leaf(&n(p, "text"), &[], &para.text);
    if let Some(t) = &para.table {
        table(o, p, t);
    }
    span(o, p, &para.span);
    o.end(&n(p, "paragraph"));
}

/// A table: `<table><rows><row><cell><text/><header/>?<rowspan/>?<colspan/>?<span/>?</cell>…`.
fn table(o: &mut Out, p: &str, t: &Table) {
    o.start(&n(p, "table"), &[]);
    o.start(&n(p, "rows"), &[]);
    for row in &t.rows {
        o.start(&n(p, "row"), &[]);
        for c in row {
            o.context = c.span;
            o.start(&n(p, "cell"), &[]);
            o.leaf(&n(p, "text"), &[], &c.text);
            if c.header {
                o.leaf(&n(p, "header"), &[], "true");
            }
            if c.rowspan != 1 {
                o.leaf_num(&n(p, "rowspan"), u64::from(c.rowspan));
            }
            if c.colspan != 1 {
                o.leaf_num(&n(p, "colspan"), u64::from(c.colspan));
            }
            span(o, p, &c.span);
            o.end(&n(p, "cell"));
        }
        o.end(&n(p, "row"));
    }
    o.end(&n(p, "rows"));
    o.end(&n(p, "table"));
}

fn node(o: &mut Out, p: &str, node: &Node) {
    o.context = node.span;
    o.start(&n(p, "node"), &[]);
    o.leaf(&n(p, "kind"), &[], node.kind.as_str());
    if let Some(num) = &node.num {
        o.start(&n(p, "num"), &[]);
        o.leaf(&n(p, "text"), &[], &num.text);
        o.leaf_num(&n(p, "value"), num.value as u64);
        if let Some(sub) = num.sub {
            o.leaf_num(&n(p, "sub"), sub as u64);
        }
        o.end(&n(p, "num"));
    }
    if let Some(h) = &node.heading {
        o.start(&n(p, "heading"), &[]);
        o.leaf(&n(p, "text"), &[], &h.text);
        if let Some(e) = &h.end {
            o.leaf(&n(p, "end"), &[], e);
        }
        if h.run_in {
            o.leaf(&n(p, "run_in"), &[], "true");
        }
        o.end(&n(p, "heading"));
    }
    if !node.paragraphs.is_empty() {
        o.start(&n(p, "paragraphs"), &[]);
        for para in &node.paragraphs {
            paragraph(o, p, para);
        }
        o.end(&n(p, "paragraphs"));
    }
    if !node.children.is_empty() {
        o.start(&n(p, "children"), &[]);
        for c in &node.children {
            self::node(o, p, c);
        }
        o.end(&n(p, "children"));
    }
    if let Some(k) = node.in_paragraph {
        o.leaf_num(&n(p, "in_paragraph"), u64::from(k));
    }
    if node.guarantees {
        o.leaf(&n(p, "guarantees"), &[], "true");
    }
    span(o, p, &node.span);
    o.end(&n(p, "node"));
}

fn closing_line(o: &mut Out, p: &str, c: &ClosingLine) {
    o.context = c.span;
    o.start(&n(p, "closing_line"), &[]);
    o.leaf(&n(p, "role"), &[], c.role.as_str());
    o.leaf(&n(p, "text"), &[], &c.text);
    span(o, p, &c.span);
    o.end(&n(p, "closing_line"));
}

fn attachment(o: &mut Out, p: &str, a: &Attachment) {
    o.context = a.span;
    o.start(&n(p, "attachment"), &[]);
    if let Some(l) = &a.label {
        o.leaf(&n(p, "label"), &[], l);
    }
    if let Some(v) = a.num {
        o.leaf_num(&n(p, "num"), v as u64);
    }
    o.start(&n(p, "document"), &[]);
    document(o, p, &a.content);
    o.end(&n(p, "document"));
    span(o, p, &a.span);
    o.end(&n(p, "attachment"));
}

pub(crate) fn residue(o: &mut Out, p: &str, rs: &[Residue]) {
    if rs.is_empty() {
        return;
    }
    o.start(&n(p, "residue"), &[]);
    for r in rs {
        o.context = r.span;
        o.start(&n(p, "residue"), &[]);
        o.leaf(&n(p, "role"), &[], r.role.as_str());
        o.leaf(&n(p, "text"), &[], &r.text);
        span(o, p, &r.span);
        o.end(&n(p, "residue"));
    }
    o.end(&n(p, "residue"));
}

pub(crate) fn diagnostics(o: &mut Out, p: &str, ds: &[Diagnostic]) {
    if ds.is_empty() {
        return;
    }
    o.start(&n(p, "diagnostics"), &[]);
    for d in ds {
        o.context = d.span;
        o.start(&n(p, "diagnostic"), &[]);
        o.leaf(&n(p, "code"), &[], &d.code);
        o.leaf(&n(p, "severity"), &[], d.severity.as_str());
        o.leaf(&n(p, "message"), &[], &d.message);
        span(o, p, &d.span);
        o.end(&n(p, "diagnostic"));
    }
    o.end(&n(p, "diagnostics"));
}
