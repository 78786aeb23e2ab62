//! The HTML reader on arbitrary bytes: never panics; what it reads points inside the page
//! (every span of every part, attachments included, ends at or before the last byte, and on a
//! character boundary when the page is UTF-8 read as it is) and survives the JSON round trip.
#![no_main]

use gongwen::{Document, Node, Paragraph, Span};
use libfuzzer_sys::fuzz_target;

/// Every span of a document, with what it belongs to, attachments recursively.
fn spans(doc: &Document, out: &mut Vec<(&'static str, Span)>) {
    fn paragraphs(ps: &[Paragraph], out: &mut Vec<(&'static str, Span)>) {
        for p in ps {
            out.push(("paragraph", p.span));
            if let Some(t) = &p.table {
                out.extend(t.rows.iter().flatten().map(|c| ("cell", c.span)));
            }
        }
    }
    fn nodes(ns: &[Node], out: &mut Vec<(&'static str, Span)>) {
        for n in ns {
            out.push(("node", n.span));
            paragraphs(&n.paragraphs, out);
            nodes(&n.children, out);
        }
    }
    paragraphs(&doc.preamble, out);
    nodes(&doc.body, out);
    if let Some(n) = &doc.notes {
        out.push(("notes", n.span));
        paragraphs(&n.entries, out);
    }
    out.extend(doc.closing.iter().map(|c| ("closing", c.span)));
    out.extend(doc.residue.iter().map(|r| ("residue", r.span)));
    out.extend(doc.diagnostics.iter().map(|d| ("diagnostic", d.span)));
    for a in &doc.attachments {
        out.push(("attachment", a.span));
        spans(&a.content, out);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = gongwen::html::read_bytes(data) else {
        return;
    };
    let mut all = Vec::new();
    spans(&doc, &mut all);
    // spans count bytes of the page as given; of a UTF-8 page read as it is, whole characters
    let utf8 = std::str::from_utf8(data)
        .ok()
        .filter(|_| doc.meta.encoding.is_none());
    for (what, s) in all {
        let end = s.offset.checked_add(s.len);
        assert!(
            end.is_some_and(|e| e <= data.len()),
            "{what} span {s:?} past the end of the input ({} bytes)",
            data.len()
        );
        if let (Some(src), Some(end)) = (utf8, end) {
            assert!(
                src.is_char_boundary(s.offset) && src.is_char_boundary(end),
                "{what} span {s:?} not on character boundaries"
            );
        }
    }
    let json = gongwen::json::to_string(&doc);
    let again = gongwen::json::from_str(&json).expect("own JSON reads");
    assert!(
        again == doc,
        "JSON round trip changed the document:\n{json}"
    );
});
