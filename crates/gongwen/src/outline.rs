//! The outline: one line per structural node, the format the corpus is scored in
//! (`shared/corpus/expected/README.md`).

use crate::model::{Attachment, DocKind, Document, Node};
use std::fmt::Write;

/// The outline of a document.
pub fn outline(doc: &Document) -> String {
    let mut out = String::new();
    let forwarded: Vec<&Attachment> = doc
        .attachments
        .iter()
        .filter(|a| a.label.is_none())
        .collect();
    // an order (令) that promulgates one law is outlined as that law, under the law's title
    // (format v2: `title: <the law's title as printed>`)
    let promulgated = match forwarded.as_slice() {
        [one] if doc.meta.kind == DocKind::Order && doc.body.is_empty() => {
            one.content.meta.title.as_deref()
        }
        _ => None,
    };
    let title = promulgated.or(doc.meta.title.as_deref()).unwrap_or("");
    let _ = writeln!(out, "title: {title}");
    if doc.body.is_empty() && forwarded.len() == 1 && issues_at_most_one(doc) {
        // a notice that issues or forwards one document: that document's structure is the outline
        let f = forwarded[0];
        nodes(&f.content.body, 0, &mut out);
        for a in &f.content.attachments {
            attachment(a, 0, &mut out);
        }
        for a in doc.attachments.iter().filter(|a| a.label.is_some()) {
            attachment(a, 0, &mut out);
        }
    } else {
        nodes(&doc.body, 0, &mut out);
        for a in &doc.attachments {
            attachment(a, 0, &mut out);
        }
    }
    out
}

/// False when the cover letter issues two documents or more by name (`现将《A》、《B》印发给你们`),
/// though fewer follow (a copy cut short): each is then an attachment of the notice.
fn issues_at_most_one(doc: &Document) -> bool {
    doc.preamble.iter().all(|p| {
        let t = p.text.as_str();
        let Some(from) = t.find("现将") else {
            return true;
        };
        let to = ["印发", "转发", "批转"]
            .iter()
            .filter_map(|w| t[from..].find(w))
            .min()
            .map_or(t.len(), |e| from + e);
        t[from..to].matches('《').count() < 2
    })
}

fn attachment(a: &Attachment, depth: usize, out: &mut String) {
    let n = a.num.map_or_else(|| "-".to_string(), |n| n.to_string());
    let title = a.content.meta.title.as_deref().unwrap_or("-");
    let _ = writeln!(out, "{}attachment {} {}", "  ".repeat(depth), n, title);
    nodes(&a.content.body, depth + 1, out);
    for x in &a.content.attachments {
        attachment(x, depth + 1, out);
    }
}

fn nodes(ns: &[Node], depth: usize, out: &mut String) {
    for n in ns {
        let num = match &n.num {
            Some(x) => match x.sub {
                Some(sub) => format!("{}-{sub}", x.value),
                None => x.value.to_string(),
            },
            None => "-".to_string(),
        };
        let heading = n.heading_text().filter(|h| !h.is_empty()).unwrap_or("-");
        // a law's headings without their letter-spacing (`总　　则` → `总则`, format v2)
        let spaced;
        let heading = if n.kind.is_law() && heading.contains(char::is_whitespace) {
            spaced = heading
                .trim_start_matches('#')
                .split_whitespace()
                .collect::<String>();
            spaced.as_str()
        } else {
            heading
        };
        let g = if n.guarantees { " [guarantees]" } else { "" };
        let _ = writeln!(
            out,
            "{}{} {} {}{}",
            "  ".repeat(depth),
            n.kind.as_str(),
            num,
            heading,
            g
        );
        nodes(&n.children, depth + 1, out);
    }
}
