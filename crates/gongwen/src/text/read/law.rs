//! Stage 7b, laws: a body that numbers articles (`第X条`) is a law's (立法法 第六十五条: 编、分编、章、
//! 节、条、款、项、目). Its `（一）` and `1.` inside an article are the article's 项 and 目, not the
//! sections and items of a 公文; articles, points and subpoints have no headings (their first
//! sentence is text); the table of contents (目录) at the top, which names the chapters again,
//! is text, not structure. Measures, sibling headings and guarantees are questions of 公文, not
//! asked of a law.

use super::explain::Log;
use super::runs::{drop_heading, list_note, span_past, ListKind};
use crate::model::{Diagnostic, Heading, Node, NodeKind, Paragraph, Severity, Span};
use crate::text::rules::{chars, chars_le};

/// True when the nodes hold an article anywhere.
pub(crate) fn is_law(nodes: &[Node]) -> bool {
    nodes
        .iter()
        .any(|n| n.kind == NodeKind::Article || is_law(&n.children))
}

/// Reads the nodes of a body as a law's units when they are (see the module documentation):
/// true for a law. The table of contents goes to the end of `preamble`.
pub(crate) fn read(
    preamble: &mut Vec<Paragraph>,
    nodes: &mut Vec<Node>,
    diagnostics: &mut Vec<Diagnostic>,
    log: &mut Log,
) -> bool {
    if !is_law(nodes) && !numbered_units_as_articles(nodes, log) {
        contents_alone(preamble, nodes, diagnostics, log);
        outline_contents(preamble, nodes, diagnostics, log);
        return false;
    }
    glued_articles(nodes, log);
    contents(preamble, nodes, diagnostics, log);
    unnumbered_chapters(preamble, nodes, diagnostics, log);
    unnumbered_units(preamble, nodes, log);
    bare_unit_headings(nodes, false, diagnostics, log);
    displaced_headings(nodes, diagnostics, log);
    truncated(nodes, diagnostics);
    for n in nodes.iter_mut() {
        units(n, None);
        clauses(n, log);
    }
    true
}

/// Places the points of every article below `n` in its paragraphs (款): each point stands in
/// the 款 that introduces it, the last before it ([`Node::in_paragraph`]). Assembly hangs a
/// paragraph on the deepest open node, so a 款 that follows the points (`前款规定的……`) came
/// with the last point's paragraphs, and one that opens a new list of points (numbered from 1
/// again) with the paragraphs of the point before: those that follow a finished sentence there
/// are the article's next 款. An article whose points stand with no text before them has no 款
/// to place them in.
fn clauses(n: &mut Node, log: &mut Log) {
    if n.kind != NodeKind::Article {
        for c in &mut n.children {
            clauses(c, log);
        }
        return;
    }
    if n.paragraphs.is_empty() {
        return;
    }
    let count = n.children.len();
    for i in 0..count {
        // what follows this point: nothing, or a list that starts again at 1
        let new_list = n.children.get(i + 1).is_none_or(|q| {
            q.num
                .as_ref()
                .is_some_and(|x| x.value == 1 && x.sub.is_none())
        });
        n.children[i].in_paragraph = Some(n.paragraphs.len() as u32);
        if !new_list {
            continue;
        }
        let after = trailing(&mut n.children[i]);
        if let Some(first) = after.first() {
            log.note(first.span, "kuan", || {
                if i + 1 == count {
                    "text after the article's last point, after a finished sentence: the article's next 款".to_string()
                } else {
                    "text between two lists of points, after a finished sentence: the 款 that introduces the second".to_string()
                }
            });
        }
        n.paragraphs.extend(after);
    }
}

/// The paragraphs at the end of a point (or of its last subpoint) that follow a finished
/// sentence there (`。`, `！`, `？`): they are no longer the point's. A point is one paragraph
/// in a law; one that ends in `：` or runs on without an end keeps the paragraphs that go on
/// with it.
fn trailing(p: &mut Node) -> Vec<Paragraph> {
    if let Some(last) = p.children.last_mut() {
        return trailing(last);
    }
    let finished = |t: &str| {
        t.trim_end_matches(['）', ')', '”', '’', '」', '』'])
            .ends_with(['。', '！', '？'])
    };
    match (1..p.paragraphs.len()).find(|&k| finished(&p.paragraphs[k - 1].text)) {
        Some(k) => p.paragraphs.split_off(k),
        None => Vec::new(),
    }
}

/// An article's number glued to its text at the start of a line (`第三十二条属　于……`, a typo
/// of the source: no blank after the number), where the text writes its articles with one:
/// read as the article's text at first, it is the next article where the numbering says so,
/// the article before it numbered one less and the one after it one more (a gap otherwise).
fn glued_articles(nodes: &mut Vec<Node>, log: &mut Log) {
    // each article's next in document order, across chapters (by where each starts)
    type Number = Option<(u32, Option<u32>)>;
    fn numbers(ns: &[Node], out: &mut Vec<(usize, Number)>) {
        for n in ns {
            if n.kind == NodeKind::Article {
                out.push((n.span.offset, n.num.as_ref().map(|x| (x.value, x.sub))));
            }
            numbers(&n.children, out);
        }
    }
    let mut order = Vec::new();
    numbers(nodes, &mut order);
    let next: std::collections::HashMap<usize, (u32, Option<u32>)> = order
        .windows(2)
        .filter_map(|w| Some((w[0].0, w[1].1?)))
        .collect();
    glued_in(nodes, &next, log);
}

fn glued_in(
    nodes: &mut Vec<Node>,
    following: &std::collections::HashMap<usize, (u32, Option<u32>)>,
    log: &mut Log,
) {
    let mut k = 0;
    while k < nodes.len() {
        let next = following.get(&nodes[k].span.offset).copied();
        let split = (nodes[k].kind == NodeKind::Article && nodes[k].children.is_empty())
            .then(|| {
                let v = nodes[k].num.as_ref().filter(|x| x.sub.is_none())?.value;
                let line = nodes[k].span.line;
                let at = nodes[k].paragraphs.iter().position(|p| {
                    p.span.line != line
                        && crate::numbering::compact_article(&p.text)
                            .is_some_and(|m| m.value == v + 1 && m.sub.is_none())
                })?;
                (next == Some((v + 2, None))).then_some(at)
            })
            .flatten();
        if let Some(at) = split {
            let mut rest = nodes[k].paragraphs.split_off(at);
            let first = rest.remove(0);
            let m = crate::numbering::compact_article(&first.text).expect("asked above");
            let body = first.text[m.len..].trim_start_matches(crate::text::rules::is_space);
            let skip = first.text.len() - body.len();
            let mut n = Node::new(NodeKind::Article);
            n.num = Some(crate::model::Num {
                text: first.text[..m.len].to_string(),
                value: m.value,
                sub: None,
            });
            n.span = Span {
                len: m.len,
                ..first.span
            };
            log.note(first.span, "article", || {
                format!(
                    "`{}` opens its line glued to its text: the next article, between {} and {}",
                    &first.text[..m.len],
                    m.value - 1,
                    m.value + 1
                )
            });
            let span = span_past(first.span, &first.text[..skip]);
            n.paragraphs.push(Paragraph::at(body.to_string(), span));
            n.paragraphs.extend(rest);
            nodes.insert(k + 1, n);
        } else {
            glued_in(&mut nodes[k].children, following, log);
        }
        k += 1;
    }
}

/// A text organised by chapters (`第X章`) whose units are numbered `一、` instead of `第X条`
/// (some 工作规则): the units are its articles. True when it is one (two chapters or more,
/// each holding `一、` units and nothing else numbered).
fn numbered_units_as_articles(nodes: &mut [Node], log: &mut Log) -> bool {
    let chapters: Vec<&Node> = nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Chapter)
        .collect();
    let units = |c: &Node| {
        let numbered: Vec<&Node> = c.children.iter().filter(|x| x.num.is_some()).collect();
        !numbered.is_empty() && numbered.iter().all(|x| x.kind == NodeKind::Part)
    };
    if chapters.len() < 2 || !chapters.iter().all(|c| units(c)) {
        return false;
    }
    log.note(chapters[0].span, "articles", || {
        format!(
            "the {} chapters number their units `一、`: those are the articles",
            chapters.len()
        )
    });
    for c in nodes.iter_mut().filter(|n| n.kind == NodeKind::Chapter) {
        for x in c.children.iter_mut().filter(|x| x.kind == NodeKind::Part) {
            x.kind = NodeKind::Article;
        }
    }
    true
}

/// The table of contents: the units above articles that stand before the first article and
/// whose kind and number come again further down. They and the text under them are text.
fn contents(
    preamble: &mut Vec<Paragraph>,
    nodes: &mut Vec<Node>,
    diagnostics: &mut Vec<Diagnostic>,
    log: &mut Log,
) {
    let first_article = nodes.iter().position(|n| is_law(std::slice::from_ref(n)));
    let Some(first) = first_article else { return };
    let key = |n: &Node| n.num.as_ref().map(|x| (n.kind, x.value, x.sub));
    let later: Vec<_> = nodes[first..].iter().flat_map(all_units).collect();
    let unit = |n: &Node| {
        matches!(
            n.kind,
            NodeKind::Book | NodeKind::Subbook | NodeKind::Chapter | NodeKind::Division
        )
    };
    // the headings before the first article that come again below; or all of them where the
    // first comes again (the text starts over: a table whose later entries the text does not
    // reach, cut short, or names otherwise)
    let run = nodes[..first].iter().take_while(|n| unit(n)).count();
    let toc = if run > 0 && key(&nodes[0]).is_some_and(|k| later.contains(&k)) {
        run
    } else {
        nodes[..first]
            .iter()
            .take_while(|n| unit(n) && key(n).is_some_and(|k| later.contains(&k)))
            .count()
    };
    if toc == 0 {
        return;
    }
    let span = nodes[0].span;
    log.note(span, "contents", || {
        format!("the {toc} headings before the first article name units that come again below: a table of contents, kept as text")
    });
    let mut entries = Vec::new();
    let mut units = Vec::new();
    for n in &nodes[..toc] {
        unit_nodes(n, &mut Vec::new(), &mut entries);
    }
    for n in &nodes[toc..] {
        unit_nodes(n, &mut Vec::new(), &mut units);
    }
    contents_notes(entries.iter().map(|(_, e)| *e), diagnostics);
    // the table and the headings it names should agree
    let bare = |n: &Node| -> String {
        n.heading
            .as_ref()
            .map(|h| h.text.chars().filter(|c| !c.is_whitespace()).collect())
            .unwrap_or_default()
    };
    // headings are compared where the table gives most of them (PDF text may part a table's
    // numbers from its headings)
    let headed = entries.iter().filter(|(_, e)| !bare(e).is_empty()).count();
    let compare = headed * 2 > entries.len();
    for (path, u) in &units {
        let entry = entries.iter().find(|(p, _)| p == path).map(|(_, e)| e);
        let (message, span) = match entry {
            None => (
                format!(
                    "{} `{}` is not in the table of contents",
                    u.kind.as_str(),
                    u.num.as_ref().map_or("", |x| x.text.as_str())
                ),
                u.span,
            ),
            Some(e)
                if compare && !bare(e).is_empty() && !bare(u).is_empty() && bare(e) != bare(u) =>
            {
                (
                    format!(
                        "{} `{}` is headed `{}` here and `{}` in the table of contents (line {})",
                        u.kind.as_str(),
                        u.num.as_ref().map_or("", |x| x.text.as_str()),
                        bare(u),
                        bare(e),
                        e.span.line
                    ),
                    u.span,
                )
            }
            Some(_) => continue,
        };
        diagnostics.push(Diagnostic {
            code: "contents-mismatch".into(),
            severity: Severity::Warning,
            message,
            span,
        });
    }
    // an entry whose unit the text never reaches
    for (path, e) in &entries {
        if !units.iter().any(|(p, _)| p == path) {
            diagnostics.push(Diagnostic {
                code: "contents-mismatch".into(),
                severity: Severity::Warning,
                message: format!(
                    "the table of contents names {} `{}`, which is not in the text",
                    e.kind.as_str(),
                    e.num.as_ref().map_or("", |x| x.text.as_str())
                ),
                span: e.span,
            });
        }
    }
    for n in nodes.drain(..toc) {
        flatten(n, preamble);
    }
}

/// A unit's place: the kind, number and inserted number of it and of the units above it.
type UnitPath = Vec<(NodeKind, u32, Option<u32>)>;

/// The numbered units above articles in `n`, `n` included, in order, each with its place
/// (`path` holds the place of `n`'s parent).
fn unit_nodes<'n>(n: &'n Node, path: &mut UnitPath, out: &mut Vec<(UnitPath, &'n Node)>) {
    if !is_unit(n.kind) {
        return;
    }
    let Some(num) = &n.num else { return };
    path.push((n.kind, num.value, num.sub));
    out.push((path.clone(), n));
    for c in &n.children {
        unit_nodes(c, path, out);
    }
    path.pop();
}

/// A table of contents and nothing after it: two or more units above articles, each empty, and
/// nothing else numbered (a law's units hold articles). They are text (the contents of a law
/// whose text is not there), with a note on each entry and a warning that the text is missing.
fn contents_alone(
    preamble: &mut Vec<Paragraph>,
    nodes: &mut Vec<Node>,
    diagnostics: &mut Vec<Diagnostic>,
    log: &mut Log,
) {
    let empty = |n: &Node| n.paragraphs.is_empty() && n.children.is_empty();
    if nodes.len() < 2 || !nodes.iter().all(|n| is_unit(n.kind) && empty(n)) {
        return;
    }
    let n = nodes.len();
    contents_notes(nodes.iter(), diagnostics);
    let span = nodes[0].span;
    log.note(span, "contents", || {
        format!("a table of contents of {n} entries with no text after it")
    });
    diagnostics.push(Diagnostic {
        code: "contents-without-text".into(),
        severity: Severity::Warning,
        message: format!(
            "a table of contents names {n} units and no text follows it: the law's text is missing (a truncated file?)"
        ),
        span,
    });
    for x in nodes.drain(..) {
        flatten(x, preamble);
    }
}

/// A `list` note at the number of each entry of a table of contents (the first says why).
fn contents_notes<'n>(
    entries: impl ExactSizeIterator<Item = &'n Node>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let n = entries.len();
    for (i, e) in entries.enumerate() {
        let len = e.num.as_ref().map_or(0, |x| x.text.len());
        diagnostics.push(list_note(
            Span { len, ..e.span },
            ListKind::Contents,
            n,
            i == 0,
        ));
    }
}

/// The table of contents of a text that is not a law (a plan numbered `1　总则`, `1.1　……`):
/// numbered headings with no text under them at the start of the body, two or more at the top,
/// each of whose kind and number come again further down. They are text, with a note each.
fn outline_contents(
    preamble: &mut Vec<Paragraph>,
    nodes: &mut Vec<Node>,
    diagnostics: &mut Vec<Diagnostic>,
    log: &mut Log,
) {
    // (an entry whose number the copy lost stands as a short bare line among them: `总则`;
    // so do the dots that lead an entry to its page, `……………`, and an entry they follow)
    fn leader(p: &Paragraph) -> bool {
        p.text
            .chars()
            .all(|c| matches!(c, '.' | '…' | '·' | '．' | ' '))
    }
    fn bare(p: &Paragraph) -> bool {
        crate::text::rules::chars_le(&p.text, 20)
            && !p.text.contains(['。', '；', '，', '：', ',', ';', ':'])
            || leader(p)
    }
    fn headings_only(n: &Node) -> bool {
        let ps = &n.paragraphs;
        n.num.is_some()
            && (0..ps.len()).all(|i| bare(&ps[i]) || ps.get(i + 1).is_some_and(leader))
            && n.children.iter().all(headings_only)
    }
    fn entries<'n>(n: &'n Node, out: &mut Vec<&'n Node>) {
        out.push(n);
        for c in &n.children {
            entries(c, out);
        }
    }
    let mut toc = nodes.iter().take_while(|n| headings_only(n)).count();
    // the last entry, led to its page, with the text after the table under it (its preamble)
    let led_on = |n: &Node| {
        n.children.is_empty()
            && n.num.is_some()
            && n.paragraphs.first().is_some_and(leader)
            && n.paragraphs.iter().any(|p| !bare(p))
    };
    if toc >= 2 && toc + 1 < nodes.len() && led_on(&nodes[toc]) {
        toc += 1;
    }
    if toc < 2 || toc == nodes.len() {
        return;
    }
    let key = |n: &Node| n.num.as_ref().map(|x| (n.kind, x.value, x.sub));
    let later: Vec<_> = nodes[toc..].iter().map(key).collect();
    // every entry comes again below; or the first does, at any depth, with the entries bare
    // lines stand among (the text starts over: a table whose lines lost some numbers, or
    // whose later entries the text does not reach)
    let mut below = Vec::new();
    for n in &nodes[toc..] {
        entries(n, &mut below);
    }
    let restarts = || {
        let mut head = Vec::new();
        entries(&nodes[0], &mut head);
        let first = head
            .iter()
            .find(|n| n.paragraphs.is_empty())
            .map(|n| key(n));
        first.is_some_and(|f| below.iter().any(|n| key(n) == f))
            && nodes[..toc].iter().any(|n| !n.paragraphs.is_empty())
    };
    if !nodes[..toc].iter().all(|n| later.contains(&key(n))) && !restarts() {
        return;
    }
    let mut all = Vec::new();
    for n in &nodes[..toc] {
        entries(n, &mut all);
    }
    // what the tree said of the order of the entries' levels is said of text now
    let (from, to) = (nodes[0].span.offset, nodes[toc].span.offset);
    diagnostics.retain(|d| !(d.code.starts_with("level-") && (from..to).contains(&d.span.offset)));
    contents_notes(all.into_iter(), diagnostics);
    log.note(nodes[0].span, "contents", || {
        format!("the {toc} headings at the start, with nothing under them, come again below: a table of contents, kept as text")
    });
    for n in nodes.drain(..toc) {
        flatten(n, preamble);
    }
}

/// A law that stops short: its last article's text breaks off in mid-sentence, or its last
/// unit has nothing under it. A warning says where.
fn truncated(nodes: &[Node], diagnostics: &mut Vec<Diagnostic>) {
    let Some(mut last) = nodes.last() else { return };
    while let Some(c) = last.children.last() {
        last = c;
    }
    let (message, span) = if is_unit(last.kind) && last.paragraphs.is_empty() {
        (
            format!(
                "the law ends with {} `{}`, which has nothing under it: the file may be truncated",
                last.kind.as_str(),
                last.num.as_ref().map_or("", |x| x.text.as_str())
            ),
            last.span,
        )
    } else {
        let Some(p) = last.paragraphs.last() else {
            return;
        };
        let t = p.text.trim_end();
        let closed = t.ends_with([
            '。', '；', '：', '！', '？', '”', '’', '）', ')', '」', '』', '.', ';', ':',
        ]);
        if closed || t.is_empty() {
            return;
        }
        let tail: String = {
            let cs: Vec<char> = t.chars().collect();
            cs[cs.len().saturating_sub(8)..].iter().collect()
        };
        (
            format!("the law's last text breaks off in mid-sentence (`…{tail}`): the file may be truncated"),
            p.span,
        )
    };
    diagnostics.push(Diagnostic {
        code: "ends-mid-sentence".into(),
        severity: Severity::Warning,
        message,
        span,
    });
}

/// A unit above articles that has no number: `序　　言` before the first chapter (a Markdown
/// heading `## 序言`, or a short line set letter-spaced the way chapter headings are), or
/// `附　　则` after the last chapter's articles. It stands at the level of the units around it,
/// and the text up to the next unit is its own.
fn unnumbered_units(preamble: &mut Vec<Paragraph>, nodes: &mut Vec<Node>, log: &mut Log) {
    let Some(level) = nodes.iter().map(|n| n.kind).find(|k| is_unit(*k)) else {
        return;
    };
    // before the first unit: the last heading in the preamble, with only prose after it
    if let Some(at) = preamble.iter().rposition(|p| unit_heading(&p.text)) {
        let rest = &preamble[at + 1..];
        if !rest.is_empty() && rest.iter().all(|p| prose(&p.text)) {
            let head = preamble.remove(at);
            let mut n = headed_unit(level, head);
            n.paragraphs = preamble.drain(at..).collect();
            log.note(n.span, "unnumbered-unit", || {
                format!(
                    "a heading set as the {} headings are, with text under it, before the first: a {} without a number",
                    level.as_str(),
                    level.as_str()
                )
            });
            nodes.insert(0, n);
        }
    }
    // after the last unit's articles: a heading among the last article's paragraphs
    trailing_unit(nodes, level, log);
}

/// A unit whose number the source lost: a bare heading (a short phrase without any
/// punctuation) that ends an article's paragraphs, right before the next article, inside a
/// unit above articles. It and the articles after it, up to the end of that unit, become a
/// sibling unit of the same level without a number (`……第七条……` / `物业管理区域` / `第八条……`).
/// Only where a numbered unit follows somewhere further down (`more_after`): at the very end of
/// a law, a heading's level is not shown by what comes after it.
fn bare_unit_headings(
    nodes: &mut Vec<Node>,
    more_after: bool,
    diagnostics: &mut Vec<Diagnostic>,
    log: &mut Log,
) {
    let mut i = 0;
    while i < nodes.len() {
        if !is_unit(nodes[i].kind) {
            i += 1;
            continue;
        }
        let later = more_after || nodes[i + 1..].iter().any(|n| is_unit(n.kind));
        bare_unit_headings(&mut nodes[i].children, later, diagnostics, log);
        if !later {
            i += 1;
            continue;
        }
        let unit = &nodes[i];
        let cut = unit.children.iter().enumerate().find_map(|(k, a)| {
            let last = a.paragraphs.last()?;
            (a.kind == NodeKind::Article
                && a.children.is_empty()
                && a.paragraphs.len() >= 2
                && k + 1 < unit.children.len()
                && unit.children[k + 1].kind == NodeKind::Article
                && bare_heading(&last.text))
            .then_some(k)
        });
        if let Some(k) = cut {
            let level = nodes[i].kind;
            let head = nodes[i].children[k]
                .paragraphs
                .pop()
                .expect("a last paragraph");
            let mut n = headed_unit(level, head);
            n.children = nodes[i].children.split_off(k + 1);
            diagnostics.push(Diagnostic {
                code: "unnumbered-unit".into(),
                severity: Severity::Note,
                message: format!(
                    "`{}` stands bare between two articles: read as a {} whose number is not printed",
                    n.heading.as_ref().map_or("", |h| h.text.as_str()),
                    level.as_str()
                ),
                span: n.span,
            });
            log.note(n.span, "unnumbered-unit", || {
                format!(
                    "a bare heading right before an article, inside a {}: a {} whose number is not printed",
                    level.as_str(),
                    level.as_str()
                )
            });
            nodes.insert(i + 1, n);
        }
        i += 1;
    }
}

/// A short phrase without any punctuation: a heading, never a paragraph of an article (whose
/// paragraphs are sentences).
fn bare_heading(t: &str) -> bool {
    chars_le(t, 16)
        && chars(t) >= 2
        && t.chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '\u{3000}')
        && crate::numbering::marker(t).is_none()
}

/// A law whose chapters lost their numbers (a draft on a web page: `总　　则` above the first
/// article, `信用信息` between two articles) and that has no numbered unit: two bare headings
/// or more standing alone right before an article (a short phrase without punctuation, the last
/// paragraph of the article above or of the preamble) are chapters without a number, each
/// holding the articles up to the next; a note says so for each.
fn unnumbered_chapters(
    preamble: &mut Vec<Paragraph>,
    nodes: &mut Vec<Node>,
    diagnostics: &mut Vec<Diagnostic>,
    log: &mut Log,
) {
    if nodes.iter().any(|n| is_unit(n.kind)) || nodes.iter().any(|n| n.kind != NodeKind::Article) {
        return;
    }
    let bare = |t: &str| bare_heading(t) && crate::numbering::parse_date(t).is_none();
    let from_preamble = preamble.last().is_some_and(|p| bare(&p.text));
    let mut at: Vec<usize> = Vec::new();
    if from_preamble {
        at.push(0);
    }
    for i in 1..nodes.len() {
        let a = &nodes[i - 1];
        if a.children.is_empty()
            && a.paragraphs.len() >= 2
            && a.paragraphs.last().is_some_and(|p| bare(&p.text))
        {
            at.push(i);
        }
    }
    if at.len() < 2 {
        return;
    }
    // from the last heading back, so that the indices still hold
    let mut tail: Vec<Node> = Vec::new();
    for &k in at.iter().rev() {
        let articles = nodes.split_off(k);
        let head = if k == 0 {
            preamble.pop().expect("the preamble's heading")
        } else {
            nodes[k - 1]
                .paragraphs
                .pop()
                .expect("the article's last paragraph")
        };
        let mut unit = unnumbered_unit(
            NodeKind::Chapter,
            head,
            |text| format!("`{text}` stands bare before an article in a law without numbered chapters: read as a chapter whose number is not printed"),
            "a bare heading before an article, one of two or more in a law without numbered units: a chapter without a number",
            diagnostics,
            log,
        );
        unit.children = articles;
        tail.push(unit);
    }
    nodes.extend(tail.into_iter().rev());
}

/// `附　　则` standing among the paragraphs of the last article of a unit: the paragraphs from
/// it on and the articles after it become a unit of `level` without a number. The article is
/// looked for in the last unit at the bottom of the last units (a 民法典's 附则 follows the
/// last chapter of its last 编, and stands beside the 编).
fn trailing_unit(nodes: &mut Vec<Node>, level: NodeKind, log: &mut Log) {
    let Some(last) = nodes.last_mut() else { return };
    if last.kind != level {
        if is_unit(last.kind) {
            trailing_unit(&mut last.children, level, log);
        }
        return;
    }
    let mut deep = last;
    while deep.children.last().is_some_and(|c| is_unit(c.kind)) {
        deep = deep.children.last_mut().expect("a last child");
    }
    let found = deep.children.iter().enumerate().find_map(|(i, a)| {
        let at = a.paragraphs.iter().position(|p| unit_heading(&p.text))?;
        (a.kind == NodeKind::Article && at > 0 && a.children.is_empty()).then_some((i, at))
    });
    let Some((i, at)) = found else { return };
    let mut paragraphs = deep.children[i].paragraphs.split_off(at);
    let head = paragraphs.remove(0);
    let mut n = headed_unit(level, head);
    n.paragraphs = paragraphs;
    n.children = deep.children.split_off(i + 1);
    log.note(n.span, "unnumbered-unit", || {
        format!(
            "a heading set as the {} headings are, inside an article's text: a {} without a number",
            level.as_str(),
            level.as_str()
        )
    });
    nodes.push(n);
}

/// A unit above articles without a heading whose first article opens with one or two lone
/// characters before its text (`第六章` / `第四十二条` / `附` / `则` / `本法自……`): PDF text that
/// took the letter-spaced heading out of its place. The characters are the unit's heading; a
/// warning says the heading was put back.
fn displaced_headings(nodes: &mut [Node], diagnostics: &mut Vec<Diagnostic>, log: &mut Log) {
    for n in nodes.iter_mut().filter(|n| is_unit(n.kind)) {
        displaced_headings(&mut n.children, diagnostics, log);
        if n.heading.is_some() {
            continue;
        }
        let Some(first) = n.children.first_mut() else {
            continue;
        };
        let pieces = first
            .paragraphs
            .iter()
            .take_while(|p| p.text.chars().count() == 1 && !prose(&p.text))
            .count();
        if first.kind != NodeKind::Article
            || !(2..=4).contains(&pieces)
            || first.paragraphs.len() == pieces
        {
            continue;
        }
        let at = first.paragraphs[0].span;
        let end = first.paragraphs[pieces - 1].span;
        let text: String = first.paragraphs.drain(..pieces).map(|p| p.text).collect();
        let span = Span {
            len: (end.offset + end.len).saturating_sub(at.offset),
            ..at
        };
        log.note(span, "displaced-heading", || {
            format!("`{text}`, letters standing alone at the top of the first article, is the heading its unit lacks")
        });
        diagnostics.push(Diagnostic {
            code: "displaced-heading".into(),
            severity: Severity::Warning,
            message: format!(
                "{} `{}` has no heading and its first article opens with the lone letters `{text}`: read as the {}'s heading, put out of place by the page layout",
                n.kind.as_str(),
                n.num.as_ref().map_or("", |x| x.text.as_str()),
                n.kind.as_str()
            ),
            span,
        });
        n.heading = Some(Heading {
            text,
            end: None,
            run_in: false,
        });
    }
}

/// A unit of `level` without a number, headed by the paragraph `head` (where it stands).
/// A unit of `level` without a number, headed by `head`, with an `unnumbered-unit` note (its
/// message made from the heading) and the log's reason.
pub(crate) fn unnumbered_unit(
    level: NodeKind,
    head: Paragraph,
    message: impl FnOnce(&str) -> String,
    why: &'static str,
    diagnostics: &mut Vec<Diagnostic>,
    log: &mut Log,
) -> Node {
    let unit = headed_unit(level, head);
    let text = unit.heading.as_ref().map_or("", |h| h.text.as_str());
    diagnostics.push(Diagnostic {
        code: "unnumbered-unit".into(),
        severity: Severity::Note,
        message: message(text),
        span: unit.span,
    });
    log.note(unit.span, "unnumbered-unit", || why.to_string());
    unit
}

fn headed_unit(level: NodeKind, head: Paragraph) -> Node {
    let mut n = Node::new(level);
    n.span = head.span;
    n.heading = Some(Heading {
        text: head.text,
        end: None,
        run_in: false,
    });
    n
}

/// True for a unit above articles.
fn is_unit(k: NodeKind) -> bool {
    matches!(
        k,
        NodeKind::Book | NodeKind::Subbook | NodeKind::Chapter | NodeKind::Division
    )
}

/// True for a heading line without a number: a Markdown heading of a few words and no
/// punctuation, or two to four characters set apart by spaces (`序　　言`).
fn unit_heading(t: &str) -> bool {
    let hashes = t.len() - t.trim_start_matches('#').len();
    let punct = |s: &str| s.contains(|c: char| "。，；：！？、,;:!?（）()《》“”".contains(c));
    if (1..=6).contains(&hashes) {
        let rest = t[hashes..].trim_start();
        return rest.len() < t.len() - hashes
            && !rest.is_empty()
            && rest.chars().count() <= 12
            && !punct(rest)
            && !rest.starts_with('第');
    }
    let mut words = t.split_whitespace();
    let all_one = words.clone().all(|w| {
        let mut c = w.chars();
        c.next().is_some_and(|c| c.is_alphabetic() && !c.is_ascii()) && c.next().is_none()
    });
    let n = words.by_ref().count();
    all_one && (2..=4).contains(&n)
}

/// True for a paragraph of running text (it ends a sentence or runs long).
fn prose(t: &str) -> bool {
    t.ends_with(['。', '；', '！', '？', '：', '”']) || t.chars().count() > 40
}

/// The kind, number and inserted number of every unit above articles in `n`, `n` included.
fn all_units(n: &Node) -> Vec<(NodeKind, u32, Option<u32>)> {
    let mut out = Vec::new();
    if matches!(
        n.kind,
        NodeKind::Book | NodeKind::Subbook | NodeKind::Chapter | NodeKind::Division
    ) {
        if let Some(x) = &n.num {
            out.push((n.kind, x.value, x.sub));
        }
        for c in &n.children {
            out.extend(all_units(c));
        }
    }
    out
}

/// A node as the paragraphs it was read from: its number and heading, then its paragraphs and
/// children in order.
fn flatten(n: Node, out: &mut Vec<Paragraph>) {
    let mut first = String::new();
    if let Some(num) = &n.num {
        first.push_str(&num.text);
        // a decimal outline number stands apart from its heading, or it is no number
        // (`1　总则`; the canonical writer sets it so too)
        if crate::numbering::is_decimal_number(&num.text) && n.heading.is_some() {
            first.push('\u{3000}');
        }
    }
    if let Some(h) = &n.heading {
        first.push_str(&h.text);
        first.push_str(h.end.as_deref().unwrap_or(""));
    }
    let mut paragraphs = n.paragraphs.into_iter();
    if let Some(h) = &n.heading {
        if h.run_in {
            if let Some(p) = paragraphs.next() {
                first.push_str(&p.text);
            }
        }
    }
    if !first.is_empty() {
        out.push(Paragraph::at(first, n.span));
    }
    out.extend(paragraphs);
    for c in n.children {
        flatten(c, out);
    }
}

/// Gives the units inside articles their law kinds and takes their headings back into their
/// text: under an article, `（一）` is a 项 and `1.` a 目 (a 项 where no `（一）` stands between);
/// `一、` is a 项 too (as laws of the 1950s to 1980s number them).
fn units(n: &mut Node, parent: Option<NodeKind>) {
    n.kind = match (parent, n.kind) {
        (
            Some(NodeKind::Article),
            NodeKind::Part | NodeKind::Section | NodeKind::Item | NodeKind::Subitem,
        ) => NodeKind::Point,
        (Some(NodeKind::Point | NodeKind::Subpoint), NodeKind::Section) => NodeKind::Point,
        (Some(NodeKind::Point | NodeKind::Subpoint), NodeKind::Item | NodeKind::Subitem) => {
            NodeKind::Subpoint
        }
        (_, k) => k,
    };
    if matches!(
        n.kind,
        NodeKind::Article | NodeKind::Point | NodeKind::Subpoint
    ) && n.heading.is_some()
    {
        drop_heading(n);
    }
    let kind = n.kind;
    for c in &mut n.children {
        units(c, Some(kind));
    }
}
