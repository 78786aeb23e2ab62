//! The canonical plain-text writer, in GB/T 9704 order: page metadata, title, number, subtitle,
//! adoption line, addressee, preamble, numbered hierarchy, closing block, attachments.
//!
//! Reading what it writes gives back the same model, residue and source positions aside.

use crate::model::{Attachment, ClosingRole, Document, Node, NodeKind, Paragraph, TitleSource};

/// Writes the document as canonical plain text.
pub fn write(doc: &Document) -> String {
    let mut out = String::with_capacity(estimate(doc));
    page_header(doc, &mut out);
    document(doc, &mut out, true);
    out
}

fn estimate(doc: &Document) -> usize {
    fn nodes(ns: &[Node]) -> usize {
        ns.iter()
            .map(|n| {
                64 + n.paragraphs.iter().map(|p| p.text.len() + 1).sum::<usize>()
                    + nodes(&n.children)
            })
            .sum()
    }
    1024 + doc.preamble.iter().map(|p| p.text.len() + 1).sum::<usize>()
        + nodes(&doc.body)
        + doc
            .attachments
            .iter()
            .map(|a| estimate(&a.content))
            .sum::<usize>()
}

fn line(out: &mut String, s: &str) {
    out.push_str(s);
    out.push('\n');
}

/// The page's metadata box and publication data, as `key：value` lines the reader maps back.
fn page_header(doc: &Document, out: &mut String) {
    let start = out.len();
    let m = &doc.meta;
    for f in &m.fields {
        out.push_str(&f.key);
        out.push('：');
        line(out, &f.value);
    }
    // typed values the box gave and no other line carries (the reader keeps no field for them)
    if let Some(t) = m
        .title
        .as_deref()
        .filter(|_| m.title_from == TitleSource::MetadataBox)
    {
        out.push_str("标题：");
        line(out, t);
    }
    let dated = doc.closing.iter().any(|c| c.role == ClosingRole::Date);
    if let Some(d) = m.signed.filter(|_| !dated) {
        line(
            out,
            &format!("成文日期：{}年{:02}月{:02}日", d.year, d.month, d.day),
        );
    }
    if let Some(p) = &doc.meta.publication {
        let from_box = doc.meta.fields.iter().any(|f| f.key == "发布日期");
        if let Some(dt) = &p.datetime {
            if !from_box || dt.contains('T') {
                out.push_str("发布时间：");
                line(out, &dt.replacen('T', " ", 1));
            }
        }
        if let Some(s) = &p.source {
            out.push_str("来源：");
            line(out, s);
        }
        if let Some(h) = &p.headline {
            out.push_str("原标题：");
            line(out, h);
        }
    }
    if out.len() > start {
        out.push('\n');
    }
}

fn document(doc: &Document, out: &mut String, top: bool) {
    let m = &doc.meta;
    if !m.title_lines.is_empty() {
        for t in &m.title_lines {
            line(out, t);
        }
    } else if let Some(t) = m.title.as_deref().filter(|t| {
        // a title without a genre word is read back by its place above the number or the
        // addressee, which follow it here
        let anchored = m.number.is_some()
            || m.addressee
                .as_deref()
                .is_some_and(|a| a.ends_with(['：', ':']));
        !top || m.title_from != TitleSource::MetadataBox && crate::text::rules::is_title_line(t)
            || m.title_from.is_document() && anchored && crate::text::rules::placed_title(t)
    }) {
        // a title taken from the page's metadata box stays there (the header above carries it);
        // an attachment's title follows its label
        line(out, t);
    }
    // (a number printed in brackets after the title, or before it, is in its lines already)
    let in_title = m.number.as_ref().is_some_and(|n| {
        m.title_lines.iter().any(|l| {
            crate::text::rules::title_number(l).is_some_and(|(_, printed)| printed == n.text)
        })
    });
    if let Some(n) = m.number.as_ref().filter(|_| !in_title) {
        line(out, &n.text);
    }
    // the adoption line before any subtitle line: the reader takes the first adoption-like line
    if let Some(a) = &m.adopted {
        line(out, &a.text());
    }
    for s in &m.subtitle {
        line(out, s);
    }
    if let Some(a) = &m.addressee {
        line(out, a);
    }
    for p in &doc.preamble {
        line(out, &text_of(p));
    }
    for n in &doc.body {
        node(n, out);
    }
    if let Some(n) = &doc.notes {
        if let Some(l) = &n.label {
            line(out, l);
        }
        for p in &n.entries {
            line(out, &text_of(p));
        }
    }
    for c in &doc.closing {
        line(out, &c.text);
    }
    for a in &doc.attachments {
        attachment(a, out);
    }
}

/// A paragraph's text; a table's a row a line, its cells apart by tabs (text has no tables:
/// reading it back gives the rows as paragraphs).
fn text_of(p: &Paragraph) -> std::borrow::Cow<'_, str> {
    match &p.table {
        Some(t) => t.text().into(),
        None => p.text.as_str().into(),
    }
}

fn node(n: &Node, out: &mut String) {
    // each paragraph with the children that stand in it (an article's 款 and its points)
    let mut paragraphs = n.paragraph_children();
    let mut first_children: &[Node] = &[];
    if let Some(num) = &n.num {
        out.push_str(&num.text);
        // `1.` then `2024年……` would read as the number 1.2024: keep them apart
        let next = match &n.heading {
            Some(h) => h.text.chars().next(),
            None => n.paragraphs.first().and_then(|p| p.text.chars().next()),
        };
        if num.text.ends_with(['.', '．']) && next.is_some_and(|c| c.is_ascii_digit() || c == '%')
        {
            out.push(' ');
        }
        // a law's unit and its text stand apart (`第十条　……`; `第十条修改为` is no article),
        // and so do a decimal outline number and its heading (`1.1　编制目的`)
        let decimal = crate::numbering::is_decimal_number(&num.text);
        if (n.kind.is_law() && !matches!(n.kind, NodeKind::Point | NodeKind::Subpoint) || decimal)
            && next.is_some()
        {
            out.push('\u{3000}');
        }
    }
    match &n.heading {
        Some(h) => {
            out.push_str(&h.text);
            if let Some(e) = &h.end {
                out.push_str(e);
            } else if h.run_in {
                // (a heading set apart from its text by a space, no mark)
                out.push('\u{3000}');
            }
            if h.run_in {
                if let Some((p, children)) = paragraphs.next() {
                    out.push_str(&text_of(p));
                    first_children = children;
                }
            }
            out.push('\n');
        }
        None => {
            // a numbered paragraph: its text follows the number on the same line (a number
            // alone on its line would take the next line as its text); where its first
            // sentence reads as a heading, the reader takes it for body text again by the same
            // sibling rule that took it so in the first place; a Markdown heading's number
            // without its mark (`## 三`) stands alone, its text on the next line
            let bare = n.num.as_ref().is_some_and(|x| {
                x.text.starts_with('#')
                    && crate::numbering::chinese_number(x.text.trim_start_matches(['#', ' ']))
                        .is_some()
            });
            if bare {
                out.push('\n');
            }
            if let Some((p, children)) = paragraphs.next() {
                out.push_str(&text_of(p));
                first_children = children;
            }
            out.push('\n');
        }
    }
    for c in first_children {
        node(c, out);
    }
    for (p, children) in paragraphs {
        line(out, &text_of(p));
        for c in children {
            node(c, out);
        }
    }
    if n.paragraphs.is_empty() {
        for c in &n.children {
            node(c, out);
        }
    }
}

fn attachment(a: &Attachment, out: &mut String) {
    out.push('\n');
    if let Some(l) = &a.label {
        line(out, l);
    }
    document(&a.content, out, false);
}
