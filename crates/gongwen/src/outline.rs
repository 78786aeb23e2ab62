//! The outline: one line per structural node, the format the corpus is scored in
//! (`shared/corpus/expected/README.md`).

use crate::model::{Attachment, ClosingRole, DocKind, Document, Node};
use crate::text::rules::fold_width;
use std::fmt::Write;

/// The outline of a document: `title: ` and the title (`-` when it has none), then a line a
/// node.
pub fn outline(doc: &Document) -> String {
    let mut out = String::new();
    let forwarded: Vec<&Attachment> = doc
        .attachments
        .iter()
        .filter(|a| a.label.is_none())
        .collect();
    // an order (令) that promulgates one law is outlined as that law, under the law's title
    // (format v2: `title: <the law's title as printed>`)
    // (so is a page whose headline names the law, its brackets half-width, above the order:
    // the law's own title line, as printed, is the title)
    let promulgated = match forwarded.as_slice() {
        [one] if doc.body.is_empty() => one.content.meta.title.as_deref().filter(|t| {
            doc.meta.kind == DocKind::Order
                || doc
                    .meta
                    .title
                    .as_deref()
                    .is_some_and(|h| h != *t && fold_width(h) == fold_width(t))
        }),
        _ => None,
    };
    // (`-` for a document without one, as for a node without a heading)
    let title = promulgated
        .or(doc.meta.title.as_deref())
        .filter(|t| !t.is_empty())
        .unwrap_or("-");
    let _ = writeln!(out, "title: {title}");
    // a notice that issues one document, given as its one attachment under a label (`附件：`),
    // the title the cover letter names in 《》
    let labelled_issued = match doc.attachments.as_slice() {
        [one] if doc.body.is_empty() && forwarded.is_empty() && issues_at_most_one(doc) => one
            .content
            .meta
            .title
            .as_deref()
            .filter(|t| names_issued(doc, t))
            .map(|_| one),
        _ => None,
    };
    // a notice that issues or forwards one document: that document's structure is the outline
    let issued = labelled_issued.or_else(|| {
        (doc.body.is_empty() && forwarded.len() == 1 && issues_at_most_one(doc))
            .then(|| forwarded[0])
    });
    if let Some(f) = issued {
        nodes(&f.content.body, 0, &mut out);
        for a in &f.content.attachments {
            attachment(a, 0, &mut out);
        }
        // (the attachments its closing names, the copy holding none of their texts)
        if f.content.attachments.is_empty() && doc.attachments.len() == 1 {
            listed(&f.content, &mut out);
        }
        // (the notice's own labelled attachments after it)
        for a in doc
            .attachments
            .iter()
            .filter(|a| a.label.is_some() && !std::ptr::eq(*a, f))
        {
            attachment(a, 0, &mut out);
        }
    } else {
        nodes(&doc.body, 0, &mut out);
        // attachments the closing block names whose texts the copy does not hold (a page's
        // downloads): a line each, as the list names them, in the order of their numbers among
        // those it holds
        let numbered = doc.attachments.iter().all(|a| a.num.is_some());
        let mut missing: Vec<(Option<u32>, String)> = if doc.attachments.is_empty() {
            listed_attachments(doc)
        } else if numbered {
            listed_attachments(doc)
                .into_iter()
                .filter(|(n, _)| {
                    n.is_some_and(|n| doc.attachments.iter().all(|a| a.num != Some(n)))
                })
                .collect()
        } else {
            Vec::new()
        };
        missing.reverse();
        for a in &doc.attachments {
            while missing
                .last()
                .is_some_and(|(n, _)| n.is_some() && *n < a.num)
            {
                listed_line(missing.pop(), &mut out);
            }
            attachment(a, 0, &mut out);
        }
        while !missing.is_empty() {
            listed_line(missing.pop(), &mut out);
        }
    }
    out
}

/// The attachments the closing block's list names (`附件：1.……表`, `附件1：……表.xls`,
/// `附件：《……》（……号）`): each number, if any, and its title as the list gives it, without the
/// file's extension, the outer 《》 and the number of a document in brackets after them. An
/// entry the list breaks over lines is one.
/// A line for each attachment `doc`'s closing block names (see [`listed_attachments`]).
fn listed(doc: &Document, out: &mut String) {
    for entry in listed_attachments(doc) {
        listed_line(Some(entry), out);
    }
}

/// The line of an attachment a list names (see [`listed_attachments`]), if any.
fn listed_line(entry: Option<(Option<u32>, String)>, out: &mut String) {
    let Some((n, title)) = entry else {
        return;
    };
    let n = n.map_or_else(|| "-".to_string(), |n| n.to_string());
    let title = if title.is_empty() {
        "-"
    } else {
        title.as_str()
    };
    let _ = writeln!(out, "attachment {n} {title}");
}

/// The title in a file's name: `t` up to a file extension (`.docx`, `.xlsx`, `.pdf`…) and
/// without the copy's counter before it (`……表 (1).docx`); `t` itself when it names no file.
fn file_title(t: &str) -> &str {
    const EXTENSIONS: [&str; 10] = [
        ".docx", ".doc", ".xlsx", ".xls", ".pdf", ".wps", ".ofd", ".zip", ".rar", ".et",
    ];
    let lower = t.to_ascii_lowercase();
    let Some(at) = EXTENSIONS
        .iter()
        .filter_map(|e| {
            lower.match_indices(e).map(|(p, _)| p).find(|&p| {
                // (an extension ends the name: no letter after it)
                !lower[p + e.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
            })
        })
        .min()
    else {
        return t;
    };
    let name = t[..at].trim_end();
    // (a download's copy: ` (1)` before the extension)
    let name = name
        .strip_suffix(')')
        .and_then(|x| x.rfind('(').map(|p| (x, p)))
        .filter(|(x, p)| x[p + 1..].bytes().all(|b| b.is_ascii_digit()) && x.len() > p + 1)
        .map_or(name, |(x, p)| x[..p].trim_end());
    if name.is_empty() {
        t
    } else {
        name
    }
}

fn listed_attachments(doc: &Document) -> Vec<(Option<u32>, String)> {
    let mut out: Vec<(Option<u32>, String)> = Vec::new();
    for c in doc
        .closing
        .iter()
        .filter(|c| c.role == ClosingRole::AttachmentList)
    {
        // (a page's links to its attachments, `[附件1：……表.docx](https://……)`, by their text)
        let text = crate::text::rules::unlinked(&c.text);
        let mut t = text.trim();
        let mut num = None;
        if let Some(rest) = t.strip_prefix("附件").or_else(|| t.strip_prefix('附')) {
            let rest = rest.trim_start();
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            num = rest[..digits].parse().ok();
            t = rest[digits..].trim_start_matches(['：', ':', ' ', '\u{3000}', '.', '．', '、']);
        }
        // a list on one line (`附件：一、……；二、……。`): an entry for each numbered piece
        let pieces: Vec<&str> = t
            .split(['；', ';'])
            .filter(|p| !p.trim().is_empty())
            .collect();
        if pieces.len() > 1
            && pieces
                .iter()
                .all(|p| crate::numbering::marker(p.trim()).is_some())
        {
            for p in pieces {
                let p = p.trim();
                if let Some(m) = crate::numbering::marker(p) {
                    out.push((
                        Some(m.value),
                        file_title(p[m.len..].trim_start()).to_string(),
                    ));
                }
            }
            continue;
        }
        // a file's name (`……说明.docx`, a download's copy `……表 (1).xlsx`, a link's words after
        // it): the title without them
        t = file_title(t);
        if let Some(m) = crate::numbering::marker(t) {
            num = Some(m.value);
            t = t[m.len..].trim_start();
        } else if num.is_none() && !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            // a list cut right after its first number (`附件:1`)
            num = t.parse().ok();
            t = "";
        }
        match out.last_mut() {
            // a line without a number goes on with the entry before it
            Some((_, title)) if num.is_none() && !text.trim().starts_with('附') => {
                title.push_str(t);
            }
            _ => out.push((num, t.to_string())),
        }
    }
    for (_, title) in &mut out {
        *title = listed_title(title);
    }
    out.retain(|(n, t)| n.is_some() || !t.is_empty());
    out
}

/// An attachment's title as a list names it, without what the list adds: a file's extension
/// (`.xls`), the number of a document in brackets after it, the outer 《》.
fn listed_title(t: &str) -> String {
    let mut t = t.trim().trim_end_matches(['；', ';', '。']);
    if let Some(dot) = t.rfind('.') {
        let ext = &t[dot + 1..];
        if (2..=4).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphabetic()) {
            t = &t[..dot];
        }
    }
    if t.ends_with(['）', ')']) && t.contains('号') {
        if let Some(open) = t.rfind(['（', '(']) {
            if t[open..].contains('号')
                && crate::text::rules::doc_number(t[open..].trim_matches(['（', '(', '）', ')']))
                    .is_some()
            {
                t = &t[..open];
            }
        }
    }
    let t = t.trim();
    match t.strip_prefix('《').and_then(|x| x.strip_suffix('》')) {
        Some(inner) if !inner.contains(['《', '》']) => inner.to_string(),
        _ => t.to_string(),
    }
}

/// True when the cover letter issues or forwards the document titled `title`, naming it in 《》
/// before the verb (`现将《……意见》印发给你们`).
fn names_issued(doc: &Document, title: &str) -> bool {
    let title: String = title.split_whitespace().collect();
    doc.preamble.iter().any(|p| {
        let t: String = p.text.split_whitespace().collect();
        t.find(&format!("《{title}》"))
            .is_some_and(|at| ["印发", "转发", "批转"].iter().any(|w| t[at..].contains(w)))
    })
}

/// False when the cover letter issues two documents or more by name (`现将《A》、《B》印发给你们`),
/// though fewer follow (a copy cut short): each is then an attachment of the notice. A name in
/// brackets after a title (`《A》（以下简称《B》）`) names the same document.
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
        // (a name in brackets, `（以下简称《实施方案》）`, is the same document's short name)
        let mut depth = 0i32;
        let named = t[from..to]
            .chars()
            .filter(|&c| {
                match c {
                    '（' | '(' => depth += 1,
                    '）' | ')' => depth -= 1,
                    _ => {}
                }
                c == '《' && depth <= 0
            })
            .count();
        named < 2
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
