//! Stage 7b, laws: a body that numbers articles (`第X条`) is a law's (立法法 第六十五条: 编、分编、章、
//! 节、条、款、项、目). Its `（一）` and `1.` inside an article are the article's 项 and 目, not the
//! sections and items of a 公文; articles, points and subpoints have no headings (their first
//! sentence is text); the table of contents (目录) at the top, which names the chapters again,
//! is text, not structure. Measures, sibling headings and guarantees are questions of 公文, not
//! asked of a law.

use super::explain::Log;
use super::runs::drop_heading;
use crate::model::{Node, NodeKind, Paragraph};

/// True when the nodes hold an article anywhere.
pub(crate) fn is_law(nodes: &[Node]) -> bool {
    nodes
        .iter()
        .any(|n| n.kind == NodeKind::Article || is_law(&n.children))
}

/// Reads the nodes of a body as a law's units when they are (see the module documentation):
/// true for a law. The table of contents goes to the end of `preamble`.
pub(crate) fn read(preamble: &mut Vec<Paragraph>, nodes: &mut Vec<Node>, log: &mut Log) -> bool {
    if !is_law(nodes) && !numbered_units_as_articles(nodes, log) {
        return false;
    }
    contents(preamble, nodes, log);
    for n in nodes.iter_mut() {
        units(n, None);
    }
    true
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
fn contents(preamble: &mut Vec<Paragraph>, nodes: &mut Vec<Node>, log: &mut Log) {
    let first_article = nodes.iter().position(|n| is_law(std::slice::from_ref(n)));
    let Some(first) = first_article else { return };
    let key = |n: &Node| n.num.as_ref().map(|x| (n.kind, x.value, x.sub));
    let later: Vec<_> = nodes[first..].iter().flat_map(all_units).collect();
    let toc = nodes[..first]
        .iter()
        .take_while(|n| {
            matches!(
                n.kind,
                NodeKind::Book | NodeKind::Subbook | NodeKind::Chapter | NodeKind::Division
            ) && key(n).is_some_and(|k| later.contains(&k))
        })
        .count();
    if toc == 0 {
        return;
    }
    let span = nodes[0].span;
    log.note(span, "contents", || {
        format!("the {toc} headings before the first article name units that come again below: a table of contents, kept as text")
    });
    for n in nodes.drain(..toc) {
        flatten(n, preamble);
    }
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
        out.push(Paragraph {
            text: first,
            span: n.span,
        });
    }
    out.extend(paragraphs);
    for c in n.children {
        flatten(c, out);
    }
}

/// Gives the units inside articles their law kinds and takes their headings back into their
/// text: under an article, `（一）` is a 项 and `1.` a 目 (a 项 where no `（一）` stands between).
fn units(n: &mut Node, parent: Option<NodeKind>) {
    n.kind = match (parent, n.kind) {
        (Some(NodeKind::Article), NodeKind::Section | NodeKind::Item | NodeKind::Subitem) => {
            NodeKind::Point
        }
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
