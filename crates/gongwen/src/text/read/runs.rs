//! Stage 5, numbering runs and sibling consistency.
//!
//! A run is the children of one container that share a marker style. A run is all or nothing:
//! either every member is a node, or none is and each member's line gets a note that says why
//! (a list of names, the rows of a list that makes up an attachment). A run that breaks its
//! count (a gap, a repeat, going backwards, a first number above one that does not continue the
//! run of the container before) keeps its nodes and gets a diagnostic at the member that breaks
//! it: nothing is renumbered.
//!
//! Headings are a matter of siblings too: where most numbered siblings open with plain body
//! text, the few whose first sentence happens to be short open with body text as well.

use super::explain::Log;
use super::tree::rank;
use crate::model::{Diagnostic, Node, NodeKind, Paragraph, Severity, Span};
use crate::text::rules::{chars, chars_le};

/// Why a run is kept as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListKind {
    /// Short entries without a sentence: names, places, titles of tables.
    Names,
    /// The one flat list an attachment consists of (a table printed as a list).
    AttachmentList,
    /// The rows of an attachment whose title names a table (考核指标, 汇总表): kept as text.
    Table,
    /// The entries of a law's table of contents (目录).
    Contents,
    /// The numbered entries of the closing block's attachment list (附件：1.…).
    ClosingAttachments,
    /// Numbered lines inside a quotation that runs over paragraphs (the new wording an
    /// amending decision quotes).
    Quoted,
    /// Numbered lines of the page around the document (a site's menu, a list of links), kept
    /// as residue.
    Page,
}

/// A run's members are one line each: no children, no paragraph of their own beyond the rest
/// of their line.
fn bare(n: &Node) -> bool {
    n.children.is_empty()
        && n.paragraphs.len() <= 1
        && n.paragraphs.iter().all(|p| p.span.line == n.span.line)
}

/// The text of a node after its number.
fn own_text(n: &Node) -> String {
    let mut s = String::new();
    if let Some(h) = &n.heading {
        s.push_str(&h.text);
        s.push_str(h.end.as_deref().unwrap_or(""));
    }
    for p in &n.paragraphs {
        s.push_str(&p.text);
    }
    s
}

/// The runs of a body that are lists, not structure: the spans of their members, with why.
/// `attachment` is true for the body of an attachment.
pub(crate) fn lists(
    nodes: &[Node],
    preamble_len: usize,
    attachment: bool,
) -> Vec<(Span, ListKind, usize, usize)> {
    let mut out = Vec::new();
    // an attachment that is one flat numbered list (a preamble line or two aside)
    if attachment
        && nodes.len() >= 3
        && nodes.iter().all(|n| n.kind == NodeKind::Item && bare(n))
        && preamble_len <= 3
    {
        for n in nodes {
            out.push((
                n.span,
                ListKind::AttachmentList,
                nodes.len(),
                nodes[0].span.offset,
            ));
        }
        return out;
    }
    walk_lists(nodes, &mut out);
    out
}

fn walk_lists(nodes: &[Node], out: &mut Vec<(Span, ListKind, usize, usize)>) {
    // a list of names is items or subitems, one line each, short and without a sentence; one
    // member that is not settles it for the run of its rank
    let mut runs = [0usize; 12];
    let mut spoilt = [false; 12];
    for n in nodes.iter().filter(|n| n.num.is_some()) {
        let r = usize::from(rank(n));
        runs[r] += 1;
        if spoilt[r] {
            continue;
        }
        let name = matches!(n.kind, NodeKind::Item | NodeKind::Subitem) && bare(n) && {
            let t = own_text(n);
            chars_le(&t, 24) && !t.contains(['。', '；', '！', '？', '：', ':', '，'])
        };
        spoilt[r] |= !name;
    }
    for r in 0..runs.len() {
        if runs[r] >= 3 && !spoilt[r] {
            let run: Vec<&Node> = nodes
                .iter()
                .filter(|n| n.num.is_some() && usize::from(rank(n)) == r)
                .collect();
            for n in &run {
                out.push((n.span, ListKind::Names, run.len(), run[0].span.offset));
            }
        }
    }
    // a table of contents: entries led by dots to their pages (`1. 申请表……………01`), three
    // or more one after another, each one line (the last may have the text after the table
    // under it); most nodes hold no leader, which a search tells without copying their text
    let leads = |n: &Node| {
        // (on the number's line: the heading and the paragraph run in, near their end)
        let has = |t: &str| {
            let mut from = t.len().saturating_sub(40);
            while !t.is_char_boundary(from) {
                from += 1;
            }
            let tail = &t.as_bytes()[from..];
            // a `…`, `...` or `···` (bytes E2 80 A6, 2E 2E 2E, C2 B7 C2 B7 C2 B7)
            memchr::memchr3_iter(b'.', 0xE2, 0xC2, tail).any(|i| {
                let rest = &tail[i..];
                rest.starts_with("…".as_bytes())
                    || rest.starts_with(b"...")
                    || rest.starts_with("···".as_bytes())
            })
        };
        n.heading.as_ref().is_some_and(|h| has(&h.text))
            || n.paragraphs
                .first()
                .is_some_and(|p| p.span.line == n.span.line && has(&p.text))
    };
    let line_of = |n: &Node| {
        let mut s = n
            .heading
            .as_ref()
            .map(|h| format!("{}{}", h.text, h.end.as_deref().unwrap_or("")))
            .unwrap_or_default();
        if let Some(p) = n.paragraphs.first().filter(|p| p.span.line == n.span.line) {
            s.push_str(&p.text);
        }
        s
    };
    let mut k = 0;
    while k < nodes.len() {
        let mut run = nodes[k..]
            .iter()
            .take_while(|n| n.num.is_some() && bare(n) && leads(n) && led_to_page(&own_text(n)))
            .count();
        if nodes.get(k + run).is_some_and(|n| {
            n.num.is_some() && n.children.is_empty() && leads(n) && led_to_page(&line_of(n))
        }) {
            run += 1;
        }
        if run >= 3 && !out.iter().any(|o| o.0 == nodes[k].span) {
            for n in &nodes[k..k + run] {
                out.push((n.span, ListKind::Contents, run, nodes[k].span.offset));
            }
        }
        k += run.max(1);
    }
    // a list of names run together on the line of its first entry (`1、内科专业2、外科专业……`)
    for n in nodes {
        if matches!(n.kind, NodeKind::Item | NodeKind::Subitem)
            && bare(n)
            && !out.iter().any(|o| o.0 == n.span)
        {
            if let Some(entries) = run_together(n) {
                out.push((n.span, ListKind::Names, entries, n.span.offset));
            }
        }
    }
    for n in nodes {
        walk_lists(&n.children, out);
    }
}

/// An entry of a table of contents: its title, then dots or an ellipsis (three or more) that
/// lead to its page, then the page (digits, or the `xx` of a form not yet paginated) or none.
fn led_to_page(t: &str) -> bool {
    let t = t.trim_end();
    let page = t.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == ' ');
    if t.len() - page.len() > 6 {
        return false;
    }
    let title = page.trim_end_matches(['.', '…', '·', '．', '-', '—']);
    let dots = page.len() - title.len();
    dots >= 3 && !title.trim().is_empty()
}

/// The entries of a list run together on the line of its first (`1、内科专业2、外科专业3、……`):
/// how many, where each next number, with the first's mark, follows the entry before it, and
/// every entry is short and holds no sentence; `None` for a line that is no such list.
fn run_together(n: &Node) -> Option<usize> {
    let num = n.num.as_ref()?;
    let mark = num
        .text
        .trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if mark.is_empty() || mark.len() == num.text.len() {
        return None;
    }
    // (the second entry's number, searched for before the node's text is copied)
    let second = format!("{}{mark}", num.value + 1);
    if !n.heading.as_ref().is_some_and(|h| h.text.contains(&second))
        && !n.paragraphs.iter().any(|p| p.text.contains(&second))
    {
        return None;
    }
    let t = own_text(n);
    let mut rest = t.as_str();
    let mut pieces = Vec::new();
    let mut next = num.value + 1;
    loop {
        let needle = format!("{next}{mark}");
        match rest.find(&needle) {
            Some(p) if p > 0 && !rest[..p].ends_with(|c: char| c.is_ascii_digit()) => {
                pieces.push(&rest[..p]);
                rest = &rest[p + needle.len()..];
                next += 1;
            }
            _ => break,
        }
    }
    pieces.push(rest);
    let short = |p: &&str| {
        let p = p.trim_end_matches(['。', '；', ';']);
        !p.is_empty()
            && chars_le(p, 24)
            && !p.contains(['。', '；', '！', '？', '：', ':', '，', ','])
    };
    (pieces.len() >= 2 && pieces.iter().all(short)).then_some(pieces.len())
}

/// The numbers last seen at each rank ([`rank`]): a value and an inserted article's second
/// number (`第一百二十条之一`).
pub(crate) type Last = [Option<(u32, Option<u32>)>; 12];

/// Numbering diagnostics over the whole body, in document order: within each container, each
/// style's run must count 1, 2, 3 … or continue the run of the same style before it (a law's
/// articles run on across its chapters; an inserted article `第X条之一` follows article X).
pub(crate) fn numbering(nodes: &[Node], last: &mut Last, out: &mut Vec<Diagnostic>) {
    let mut prev: Last = [None; 12];
    // an article's points count from 1 again in each of its paragraphs (款)
    let mut paragraph = None;
    for n in nodes {
        let Some(num) = &n.num else {
            numbering(&n.children, last, out);
            continue;
        };
        if n.in_paragraph != paragraph {
            // a later 款's list: said where it counts from 1 again among the article's points
            if let (Some(_), Some(k)) = (paragraph, n.in_paragraph) {
                if prev.iter().flatten().any(|&(p, _)| p >= num.value) {
                    out.push(Diagnostic {
                        code: "numbering-restart".into(),
                        severity: Severity::Note,
                        message: format!(
                            "{} `{}` counts again: it opens the list of the article's paragraph (款) {k}",
                            n.kind.as_str(),
                            num.text
                        ),
                        span: Span {
                            len: num.text.len(),
                            ..n.span
                        },
                    });
                }
            }
            paragraph = n.in_paragraph;
            prev = [None; 12];
        }
        let r = usize::from(rank(n)).min(11);
        let kind = n.kind.as_str();
        let t = num.text.as_str();
        let (v, sub) = (num.value, num.sub);
        let span = Span {
            len: t.len(),
            ..n.span
        };
        let diag = |code: &str, severity: Severity, message: String| Diagnostic {
            code: code.into(),
            severity,
            message,
            span,
        };
        // what may follow (p, s): p + 1, or the next inserted number after p
        let follows = |(p, s): (u32, Option<u32>)| {
            sub.is_none() && v == p + 1 || v == p && sub == Some(s.map_or(1, |s| s + 1))
        };
        let d = match prev[r] {
            Some(ps) if follows(ps) && sub.is_some() => Some(diag(
                "inserted-unit",
                Severity::Note,
                format!(
                    "{kind} `{t}` is inserted after {kind} {v}, by an amendment (之{})",
                    sub.unwrap_or(0)
                ),
            )),
            Some(ps) if follows(ps) => None,
            Some((p, s)) if v == p && sub == s => Some(diag(
                "numbering-repeat",
                Severity::Error,
                format!("{kind} `{t}` repeats the number of the {kind} before it"),
            )),
            Some((p, _)) if v <= p => Some(diag(
                "numbering-order",
                Severity::Warning,
                format!("{kind} `{t}` comes after number {p}: numbering goes backwards"),
            )),
            Some((p, _)) => Some(diag(
                "numbering-gap",
                Severity::Warning,
                format!("{kind} `{t}` follows number {p}: expected {}", p + 1),
            )),
            // first of its style here: 1, or continuing the numbering of the container before
            // (a law's articles across its chapters), which a note says
            None if v == 1 && sub.is_none() => None,
            None if last[r].is_some_and(follows) => Some(diag(
                "numbering-continues",
                Severity::Note,
                format!(
                    "{kind} `{t}` continues from {} in the unit before",
                    last[r].map_or(0, |(p, _)| p)
                ),
            )),
            None => Some(diag(
                "numbering-gap",
                Severity::Warning,
                format!(
                    "{kind} `{t}` is the first of its level here: expected 1{}",
                    last[r].map_or(String::new(), |(p, _)| format!(
                        " or {} (continuing)",
                        p + 1
                    ))
                ),
            )),
        };
        out.extend(d);
        prev[r] = Some((v, sub));
        last[r] = Some((v, sub));
        numbering(&n.children, last, out);
    }
}

/// `span`, the span of a paragraph on its line, past `skipped`, the text it opens with (a
/// heading cut off, an article's number); a span read from no source stays empty.
pub(crate) fn span_past(mut span: Span, skipped: &str) -> Span {
    if !span.is_empty() {
        span.offset += skipped.len();
        span.len = span.len.saturating_sub(skipped.len());
        span.column += chars(skipped) as u32;
    }
    span
}

/// The note for each member of a run kept as text: the first says why, the others (there may
/// be hundreds) only that they belong to it, so that the notes stay small beside the text.
pub(crate) fn list_note(span: Span, kind: ListKind, n: usize, first: bool) -> Diagnostic {
    let message = if first {
        let why = match kind {
            ListKind::Names => "its entries are short and hold no sentence (a list of names)",
            ListKind::AttachmentList => {
                "the attachment is one flat list of one-line entries (a table printed as a list)"
            }
            ListKind::Table => "the attachment's title names a table: its numbered rows are cells",
            ListKind::Contents => "they are a table of contents (目录), not the units they name",
            ListKind::ClosingAttachments => "they are the closing block's list of the attachments",
            ListKind::Page => {
                "they stand in the page around the document (its menu, links or footer) and are kept with it as residue"
            }
            ListKind::Quoted => {
                "they stand inside a quotation that runs over paragraphs (quoted wording, such as an amendment's new text)"
            }
        };
        format!("a numbered list of {n} entries kept as text, not as nodes: {why}")
    } else {
        "entry".to_string()
    };
    Diagnostic {
        code: "list".into(),
        severity: Severity::Note,
        message,
        span,
    }
}

/// Headings are a matter of siblings.
///
/// - A numbered line that is one sentence (ending in 。, ；, ！ or ？) with nothing under it, no
///   paragraph and no child, is a numbered point, body text, where it runs over clauses (a
///   comma) or ends in `；`, and so are its bare siblings of that kind (a list of points). Bare
///   short phrases alone (`（一）小型车辆涂装样图。`, the titles of figures) stay headings.
/// - Where most numbered siblings of one parent (four or more) have no heading (their first
///   sentence is body text), the few short first sentences among them are body text too (a
///   lead-in ending in `：` with its points below stays a heading). A
///   parent with fewer numbered children of a kind goes by the whole document's siblings of
///   that kind.
/// - Where a node's first sentence is too long for a heading on its own (up to 40 characters,
///   up to three phrases) but its siblings open with headings or sentences of that shape, and
///   most nodes of its kind in the document have a heading, it is a heading too: a report's
///   section headings are long.
pub(crate) fn sibling_headings(nodes: &mut [Node], log: &mut Log) {
    fn minority(with: usize, without: usize) -> bool {
        with + without >= 4 && without_most(with, without)
    }
    fn without_most(with: usize, without: usize) -> bool {
        without * 2 > with + without
    }
    fn globals(nodes: &[Node]) -> Counts {
        fn walk(ns: &[Node], out: &mut Counts) {
            for n in ns {
                if n.num.is_some() {
                    let e = &mut out[slot(n.kind)];
                    if n.heading.is_some() {
                        e.0 += 1;
                    } else {
                        e.1 += 1;
                    }
                }
                walk(&n.children, out);
            }
        }
        let mut out = Counts::default();
        walk(nodes, &mut out);
        out
    }
    /// The kinds whose nodes the document numbers through across their parents (`（五）` ends
    /// with `53．`, `（一）` of the next part opens with `54．`): one run, whose siblings are all
    /// its nodes, under whichever parent each stands.
    fn numbered_through(nodes: &[Node]) -> [bool; NodeKind::ALL.len()] {
        fn walk(ns: &[Node], groups: &mut [Vec<(u32, u32)>]) {
            for (k, g) in groups.iter_mut().enumerate() {
                let values: Vec<u32> = ns
                    .iter()
                    .filter(|n| slot(n.kind) == k)
                    .filter_map(|n| n.num.as_ref().map(|m| m.value))
                    .collect();
                if let (Some(&first), Some(&last)) = (values.first(), values.last()) {
                    g.push((first, last));
                }
            }
            for n in ns {
                walk(&n.children, groups);
            }
        }
        let mut groups: Vec<Vec<(u32, u32)>> = vec![Vec::new(); NodeKind::ALL.len()];
        walk(nodes, &mut groups);
        let mut out = [false; NodeKind::ALL.len()];
        for (k, g) in groups.iter().enumerate() {
            out[k] = g.len() >= 2 && g.windows(2).all(|w| w[1].0 == w[0].1 + 1);
        }
        out
    }
    fn drop_walk(ns: &mut [Node], global: &Counts, through: &[bool], log: &mut Log) {
        let mut local = Counts::default();
        for n in ns.iter().filter(|n| n.num.is_some()) {
            let e = &mut local[slot(n.kind)];
            if n.heading.is_some() {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        for n in ns.iter_mut() {
            let (w, wo) = if through[slot(n.kind)] {
                global[slot(n.kind)]
            } else {
                local[slot(n.kind)]
            };
            // a numbered sentence with nothing under it follows the document's siblings of its
            // kind where its parent has too few to say
            let bare_sentence = n.children.is_empty()
                && n.paragraphs.is_empty()
                && n.heading
                    .as_ref()
                    .is_some_and(|h| h.end.as_deref() == Some("。"));
            let drop = if w + wo >= 3 {
                without_most(w, wo)
            } else {
                let (gw, gwo) = global[slot(n.kind)];
                (wo > 0 || bare_sentence) && minority(gw, gwo)
            };
            // a lead-in ending in `：` with its points below stays the heading of its points
            let lead_in = n
                .heading
                .as_ref()
                .is_some_and(|h| h.end.as_deref() == Some("："))
                && !n.children.is_empty();
            if drop
                && !lead_in
                && n.num.is_some()
                && n.heading.as_ref().is_some_and(|h| h.end.is_some())
            {
                drop_noted(
                    n,
                    log,
                    "most numbered siblings open with body text, not a heading",
                );
            }
            drop_walk(&mut n.children, global, through, log);
        }
    }
    /// Where a long heading ends in a node's first paragraph (and the mark that ends it, none
    /// for a phrase that is the whole line).
    fn long_candidate(n: &Node, alone_ok: bool) -> Option<(usize, Option<char>)> {
        if n.heading.is_some() || n.num.is_none() {
            return None;
        }
        let p = n
            .paragraphs
            .first()
            .filter(|p| p.span.line == n.span.line)?;
        let under = n.paragraphs.len() > 1 || !n.children.is_empty();
        // a phrase without a mark of a sentence or clause, alone on the number's line, with
        // paragraphs or children under it (`十、修改《……的批复》`)
        let phrase = !p
            .text
            .contains(['。', '！', '？', '；', '：', '，', ',', ';', ':', '!', '?'])
            && chars_le(&p.text, 100);
        if phrase && under {
            return Some((p.text.len(), None));
        }
        let (i, c) = crate::text::rules::long_heading(&p.text)?;
        // a lead-in to a quotation below it is no heading (see `quotation_lead_ins`)
        if matches!(c, '：' | ':')
            && n.paragraphs
                .get(1)
                .is_some_and(|q| opens_quotation(&q.text))
        {
            return None;
        }
        // a heading heads something: body text after it, or paragraphs or children under it;
        // or it stands alone as its headed siblings all do (a list of short entries, one long)
        let after = !p.text[i + c.len_utf8()..]
            .trim_matches(crate::text::rules::is_space)
            .is_empty();
        (after || under || alone_ok).then_some((i, Some(c)))
    }
    fn promote_walk(ns: &mut [Node], global: &Counts, through: &[bool], log: &mut Log) {
        let headed: Vec<&Node> = ns.iter().filter(|m| m.heading.is_some()).collect();
        let alone_ok = headed.len() >= 2
            && headed
                .iter()
                .all(|m| m.paragraphs.is_empty() && m.children.is_empty());
        let mut local = Counts::default();
        for n in ns.iter().filter(|n| n.num.is_some()) {
            let e = &mut local[slot(n.kind)];
            e.1 += 1;
            if n.heading.is_some() || long_candidate(n, alone_ok).is_some() {
                e.0 += 1;
            }
        }
        for n in ns.iter_mut() {
            if let Some((i, c)) = long_candidate(n, alone_ok) {
                let (shaped, all) = local[slot(n.kind)];
                let (gw, gwo) = global[slot(n.kind)];
                // every sibling (three or more) heading-shaped speaks for itself, whatever the rest
                // of the document does
                // (of a run numbered through its parents, the whole run)
                let all_shaped = shaped == all && all >= 3 && !through[slot(n.kind)];
                if shaped * 3 >= all * 2 && (gw >= gwo && gw > 0 || all_shaped) {
                    let p = n.paragraphs.remove(0);
                    let head = p.text[..i].to_string();
                    log.note(n.span, "heading-long", || {
                        format!(
                            "`{head}` read as the heading, though long: its siblings open with headings ({shaped} of {all}), as most of this kind do"
                        )
                    });
                    let cut = i + c.map_or(0, char::len_utf8);
                    let rest = &p.text[cut..];
                    let body = rest.trim_start_matches(crate::text::rules::is_space);
                    let skip = cut + rest.len() - body.len();
                    n.heading = Some(crate::model::Heading {
                        text: head,
                        end: c.map(|c| c.to_string()),
                        run_in: !body.is_empty(),
                    });
                    if !body.is_empty() {
                        let span = span_past(p.span, &p.text[..skip]);
                        n.paragraphs
                            .insert(0, Paragraph::at(body.to_string(), span));
                    }
                }
            }
            promote_walk(&mut n.children, global, through, log);
        }
    }
    fn sentence_walk(ns: &mut [Node], log: &mut Log) {
        // a numbered sentence with nothing under it, no paragraph and no child
        let bare = |n: &Node| {
            n.num.is_some()
                && n.paragraphs.is_empty()
                && n.children.is_empty()
                && n.heading.as_ref().is_some_and(|h| {
                    !h.run_in && matches!(h.end.as_deref(), Some("。" | "；" | "！" | "？"))
                })
        };
        // a numbered line that is all there is of its node and runs over clauses (a comma) or
        // ends like an entry of an enumeration (；) is a point, whether read with a heading or
        // not; its bare siblings of the same kind are points with it
        let point = |n: &Node| {
            let clauses = |t: &str| t.contains(['，', ',']) || t.ends_with('；');
            n.num.is_some()
                && n.children.is_empty()
                && match (&n.heading, n.paragraphs.as_slice()) {
                    (Some(h), []) => h.text.contains(['，', ',']) || h.end.as_deref() == Some("；"),
                    (None, [p]) => clauses(&p.text),
                    _ => false,
                }
        };
        let mut kinds: Vec<NodeKind> = Vec::new();
        for n in ns.iter() {
            if point(n) && !kinds.contains(&n.kind) {
                kinds.push(n.kind);
            }
        }
        for n in ns.iter_mut() {
            // a numbered paragraph that only leads in to the points below it (`……：`) is
            // their heading, however long
            let lead_in = n.heading.is_none()
                && !n.children.is_empty()
                && matches!(n.paragraphs.as_slice(), [p] if p.text.ends_with(['：', ':']) && chars_le(&p.text, 100));
            if lead_in {
                let p = n.paragraphs.remove(0);
                let colon = p.text.chars().next_back().unwrap_or('：');
                let text = p.text[..p.text.len() - colon.len_utf8()].to_string();
                log.note(n.span, "lead-in-heading", || {
                    format!("`{text}` is the heading of the points under it: a numbered lead-in that ends in `{colon}`")
                });
                n.heading = Some(crate::model::Heading {
                    text,
                    end: Some(colon.to_string()),
                    run_in: false,
                });
            }
            if bare(n) && kinds.contains(&n.kind) {
                drop_noted(
                    n,
                    log,
                    "a numbered sentence with nothing under it, among points that run over clauses, is a point, not a heading",
                );
            }
            sentence_walk(&mut n.children, log);
        }
    }
    sentence_walk(nodes, log);
    let through = numbered_through(nodes);
    drop_walk(nodes, &globals(nodes), &through, log);
    let global = globals(nodes);
    promote_walk(nodes, &global, &through, log);
}

/// Nodes with and without a heading, by kind ([`slot`]).
type Counts = [(usize, usize); NodeKind::ALL.len()];

/// The index of a kind in [`Counts`].
fn slot(kind: NodeKind) -> usize {
    NodeKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// Puts a node's heading back into its first paragraph, with a decision saying why.
fn drop_noted(n: &mut Node, log: &mut Log, why: &str) {
    let heading = n
        .heading
        .as_ref()
        .map(|h| h.text.clone())
        .unwrap_or_default();
    log.note(n.span, "heading-dropped", || {
        format!("`{heading}` read as body text: {why}")
    });
    drop_heading(n);
}

/// A numbered paragraph that only leads into a quotation (`1.将第六条修改为：` with the new
/// wording quoted below it, an amending decision's shape) has no heading: the colon opens the
/// quoted text, not points. Its lead-in goes back into its text. A quotation is a paragraph
/// that opens with `“` or `「` not closed before the paragraph ends (`“十四五”时期……` is text).
pub(crate) fn quotation_lead_ins(nodes: &mut [Node], log: &mut Log) {
    for n in nodes.iter_mut() {
        quotation_lead_ins(&mut n.children, log);
        let leads_in = n.heading.as_ref().is_some_and(|h| {
            !h.run_in
                && match h.end.as_deref() {
                    Some(e) => matches!(e, "：" | ":"),
                    None => h.text.ends_with(['：', ':']),
                }
        }) && n.children.is_empty()
            && n.paragraphs
                .first()
                .is_some_and(|p| opens_quotation(&p.text));
        if leads_in {
            log.note(n.span, "heading", || {
                "a lead-in to a quotation (the wording quoted below it), not a heading".to_string()
            });
            drop_heading(n);
        }
    }
}

/// True when `t` opens with a quotation mark that stays open to its end (trailing `。`, `；`
/// aside): the whole paragraph, or the start of several, is quoted.
fn opens_quotation(t: &str) -> bool {
    let (open, close) = match t.chars().next() {
        Some('“') => ('“', '”'),
        Some('「') => ('「', '」'),
        _ => return false,
    };
    let body = t.trim_end_matches(['。', '；', ';', ' ', '\u{3000}']);
    let mut depth = 0usize;
    for (i, c) in body.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return i + c.len_utf8() == body.len();
            }
        }
    }
    true
}

/// Puts a node's heading back into its first paragraph.
pub(crate) fn drop_heading(n: &mut Node) {
    let Some(h) = n.heading.take() else { return };
    if !h.run_in {
        n.paragraphs.insert(0, Paragraph::at(String::new(), n.span));
    }
    let p = &mut n.paragraphs[0];
    let mut text = h.text;
    text.push_str(h.end.as_deref().unwrap_or(""));
    text.push_str(&p.text);
    p.text = text;
    p.span = n.span;
    if let Some(num) = &n.num {
        let skip = num.text.len();
        p.span.offset += skip;
        p.span.len = p.span.len.saturating_sub(skip);
        p.span.column += chars(&num.text) as u32;
    }
}

/// A document whose first numbered level is the second (`（一）`, no `一、` above) and whose
/// preamble holds two bare heading lines or more (a short phrase, no sentence or clause mark:
/// a news page dropped the parts' numbers, `“十四五”时期工作回顾`): each bare line is a part
/// without a number, holding the paragraphs after it; the last holds the numbered nodes. A note
/// says so for each.
pub(crate) fn unnumbered_parts(
    preamble: &mut Vec<Paragraph>,
    nodes: &mut Vec<Node>,
    diagnostics: &mut Vec<Diagnostic>,
    log: &mut Log,
) {
    let top = nodes.iter().find(|n| n.num.is_some()).map(|n| n.kind);
    if top != Some(NodeKind::Section) || nodes.iter().any(|n| n.kind == NodeKind::Part) {
        return;
    }
    let bare = |p: &Paragraph| {
        let t = p.text.as_str();
        chars(t) >= 4
            && chars_le(t, 24)
            && !t.contains([
                '。', '，', '；', '：', '！', '？', '、', ',', ';', ':', '!', '?', '—',
            ])
            && crate::numbering::marker(t).is_none()
            && crate::numbering::parse_date(t).is_none()
    };
    let at: Vec<usize> = (0..preamble.len())
        .filter(|&k| bare(&preamble[k]))
        .collect();
    // two or more, none right after another, none the preamble's last but the last
    if at.len() < 2 || at.windows(2).any(|w| w[1] == w[0] + 1) {
        return;
    }
    let mut parts: Vec<Node> = Vec::new();
    for &k in at.iter().rev() {
        let mut rest = preamble.split_off(k);
        let head = rest.remove(0);
        let mut part = super::law::unnumbered_unit(
            NodeKind::Part,
            head,
            |text| format!("`{text}` stands bare above the document's `（一）` sections, one of {} such lines: read as a part whose number is not printed", at.len()),
            "a bare heading line, one of two or more above sections numbered （一）: a part without a number",
            diagnostics,
            log,
        );
        part.paragraphs = rest;
        parts.push(part);
    }
    parts.reverse();
    if let Some(last) = parts.last_mut() {
        last.children = std::mem::take(nodes);
    }
    *nodes = parts;
}
