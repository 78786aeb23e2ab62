//! Stage 6, tree assembly: the body's entries (numbered blocks and paragraphs) become the node
//! hierarchy. A node's level is its marker's style as this document uses it, ranked by GB/T 9704
//! (`一、` above `（一）` above `1.` above `（1）` above `①`); a document may start at any of them
//! and skip one. A paragraph belongs to the deepest open node; one before the first node is the
//! preamble. Out-of-order levels are kept as they stand, with a diagnostic.

use super::layout::Block;
use crate::model::{Diagnostic, Heading, Node, NodeKind, Num, Paragraph, Severity, Span};
use crate::numbering::Marker;
use crate::text::rules::{is_space, split_heading};

/// One entry of a body: a numbered block that is a node, or a paragraph.
#[derive(Debug)]
pub(crate) enum Entry {
    Node(Node),
    Paragraph(Paragraph),
}

/// The rank of a node's level: its marker's style (a measure below every numbered level).
pub(crate) fn rank(n: &Node) -> u8 {
    match n.kind {
        NodeKind::Book => 1,
        NodeKind::Subbook => 2,
        NodeKind::Chapter => 3,
        NodeKind::Division => 4,
        NodeKind::Article => 5,
        NodeKind::Part => 6,
        NodeKind::Section | NodeKind::Point => 7,
        NodeKind::Item | NodeKind::Subpoint => 8,
        NodeKind::Subitem => {
            let circled = n
                .num
                .as_ref()
                .and_then(|x| {
                    x.text
                        .trim_start_matches(['#', ' ', '\u{3000}'])
                        .chars()
                        .next()
                })
                .is_some_and(|c| ('\u{2460}'..='\u{2473}').contains(&c));
            if circled {
                10
            } else {
                9
            }
        }
        NodeKind::Measure => 11,
    }
}

/// Adds `p` to a node's paragraphs, making room for that one alone when it is the first: most
/// nodes hold one (a measure, an item), and a vector's first growth makes room for four.
pub(crate) fn push_paragraph(ps: &mut Vec<Paragraph>, p: Paragraph) {
    if ps.capacity() == 0 {
        ps.reserve_exact(1);
    }
    ps.push(p);
}

/// A numbered block: marker, then a heading (run-in or alone) and perhaps body text.
pub(crate) fn numbered_node(b: &Block<'_>, m: Marker) -> Node {
    let t: &str = &b.text;
    let mut len = b.markup_len() + m.len;
    // a number in strong emphasis of its own, the heading in another (`**（二）** **强化……。**`):
    // both marks between them go with the number
    if t.starts_with("**") {
        let after = &t[len..];
        if let Some(rest) = after.strip_prefix("**") {
            let inner = rest.trim_start_matches(is_space);
            if inner.starts_with("**") {
                len += after.len() - inner.len() + 2;
            }
        }
    }
    let num_text = &t[..len];
    let rest_raw = &t[len..];
    let rest = rest_raw.trim_start_matches(is_space);
    let rest_off = len + (rest_raw.len() - rest.len());
    let mut node = Node::new(m.kind);
    node.num = Some(Num {
        text: num_text.to_string(),
        value: m.value,
        sub: m.sub,
    });
    node.span = b.span();
    if rest.is_empty() {
        return node;
    }
    // a Markdown heading's attribute list (`## 第一章 总则{align="center"}`: Pandoc,
    // markdown-it-attrs) is markup after the heading: its end
    if t.starts_with('#') && b.markup_len() > 0 {
        if let Some(at) = attribute_list_start(rest) {
            let head = rest[..at].trim_end_matches(is_space);
            if !head.is_empty() {
                node.heading = Some(Heading {
                    text: head.to_string(),
                    end: Some(rest[head.len()..].to_string()),
                    run_in: false,
                });
                return node;
            }
        }
    }
    // a heading in strong emphasis (`**一、主要目标**`, `**（一）总体要求。**……`): the emphasis
    // closes it, and its closing mark stands after its punctuation
    let strong = num_text.starts_with("**") && m.kind != NodeKind::Article;
    let close = if strong { rest.find("**") } else { None };
    let split = match close.filter(|&c| c > 0) {
        Some(close) => {
            let (head, end) = match split_heading(&rest[..close]) {
                Some((h, e, "")) => (h, e),
                _ => (&rest[..close], None),
            };
            let end = end.map_or_else(|| "**".to_string(), |e| format!("{e}**"));
            Some((
                head,
                Some(end),
                rest[close + 2..].trim_start_matches(is_space),
            ))
        }
        // an article (条) has no heading: its first sentence is text (立法法's 条、款、项)
        None if m.kind == NodeKind::Article => None,
        None => split_heading(rest).map(|(h, e, after)| (h, e.map(String::from), after)),
    };
    match split {
        Some((head, end, after)) => {
            node.heading = Some(Heading {
                text: head.to_string(),
                end,
                run_in: !after.is_empty(),
            });
            if !after.is_empty() {
                let skip = rest_off + rest.len() - after.len();
                push_paragraph(
                    &mut node.paragraphs,
                    Paragraph::at(after.to_string(), b.span_from(skip)),
                );
            }
        }
        None => push_paragraph(
            &mut node.paragraphs,
            Paragraph::at(rest.to_string(), b.span_from(rest_off)),
        ),
    }
    node
}

/// Where a Markdown attribute list closing `t` starts (`{align="center"}`, `{#id .class}`):
/// braces around ASCII only, opening with a name and `=`, an `#id` or a `.class`.
fn attribute_list_start(t: &str) -> Option<usize> {
    let inner_end = t.strip_suffix('}')?.len();
    let at = t[..inner_end].rfind('{')?;
    let inner = &t[at + 1..inner_end];
    let first = inner.chars().next()?;
    let shaped = matches!(first, '#' | '.') || first.is_ascii_alphabetic() && inner.contains('=');
    (shaped && inner.is_ascii() && !inner.contains(['{', '}'])).then_some(at)
}

/// The node at `path` (indices from the root down), which is not empty.
fn node_at<'t>(root: &'t mut [Node], path: &[usize]) -> &'t mut Node {
    let (first, rest) = path.split_first().expect("non-empty path");
    let mut n = &mut root[*first];
    for &i in rest {
        n = &mut n.children[i];
    }
    n
}

/// The assembled body: preamble paragraphs, the nodes, and what assembly noticed.
#[derive(Debug, Default)]
pub(crate) struct Assembled {
    pub preamble: Vec<Paragraph>,
    pub nodes: Vec<Node>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds the hierarchy from the entries in order.
pub(crate) fn assemble(entries: Vec<Entry>) -> Assembled {
    let grouping = parts_group_articles(&entries);
    // the rank of a node here: `一、` headings that group articles stand above them
    let rank = |n: &Node| {
        if grouping && n.kind == NodeKind::Part {
            4
        } else {
            rank(n)
        }
    };
    let mut out = Assembled::default();
    // path of indices to the open node, and the rank of each open node
    let mut open: Vec<usize> = Vec::new();
    let mut ranks: Vec<u8> = Vec::new();
    for e in entries {
        match e {
            Entry::Paragraph(p) => {
                if open.is_empty() {
                    out.preamble.push(p);
                } else {
                    push_paragraph(&mut node_at(&mut out.nodes, &open).paragraphs, p);
                }
            }
            Entry::Node(node) => {
                let r = rank(&node);
                while ranks.last().is_some_and(|&top| top >= r) {
                    ranks.pop();
                    open.pop();
                }
                let (parent, siblings) = if open.is_empty() {
                    (None, &out.nodes)
                } else {
                    let p = node_at(&mut out.nodes, &open);
                    // a decimal outline (`2.1`) has no `1.` level between it and its `（1）`
                    let decimal = p
                        .num
                        .as_ref()
                        .is_some_and(|n| crate::numbering::is_decimal_number(&n.text));
                    ((!decimal).then_some(p.kind), &p.children)
                };
                out.diagnostics
                    .extend(level_diagnostic(parent, siblings, &node, &rank));
                let idx = siblings.len();
                if open.is_empty() {
                    out.nodes.push(node);
                } else {
                    node_at(&mut out.nodes, &open).children.push(node);
                }
                open.push(idx);
                ranks.push(r);
            }
        }
    }
    out
}

/// True when the `一、` headings of a body group its articles (a court's 规定 in sections
/// `一、一般规定` / `第一条……`): every `一、` is a heading alone on its line, and one or more is
/// followed straight by an article. They then stand above the articles, as chapters would.
fn parts_group_articles(entries: &[Entry]) -> bool {
    let nodes: Vec<&Node> = entries
        .iter()
        .filter_map(|e| match e {
            Entry::Node(n) => Some(n),
            Entry::Paragraph(_) => None,
        })
        .collect();
    let mut parts = nodes.iter().filter(|n| n.kind == NodeKind::Part).peekable();
    if parts.peek().is_none() {
        return false;
    }
    // a heading alone that ends no clause: `一、执行全体会议的决议；` is an article's 项
    let alone = |n: &Node| {
        n.paragraphs.is_empty()
            && n.heading.as_ref().is_some_and(|h| {
                !h.run_in && h.end.is_none() && !h.text.ends_with(['；', ';', '。', '，', ','])
            })
    };
    nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Part)
        .all(|n| alone(n))
        && nodes
            .windows(2)
            .any(|w| w[0].kind == NodeKind::Part && w[1].kind == NodeKind::Article)
}

/// A level out of order: a higher level after a lower one in one container, or a subitem
/// straight under a part or section.
fn level_diagnostic(
    parent: Option<NodeKind>,
    siblings: &[Node],
    node: &Node,
    rank: &impl Fn(&Node) -> u8,
) -> Option<Diagnostic> {
    let num_text = node.num.as_ref().map(|n| n.text.as_str()).unwrap_or("");
    let span = Span {
        len: num_text.len(),
        ..node.span
    };
    if let Some(last) = siblings.last() {
        if last.num.is_some() && rank(last) > rank(node) {
            return Some(Diagnostic {
                code: "level-order".into(),
                severity: Severity::Error,
                message: format!(
                    "{} `{num_text}` comes after {} `{}` in the same container: a higher level after a lower one",
                    node.kind.as_str(),
                    last.kind.as_str(),
                    last.num.as_ref().map(|n| n.text.as_str()).unwrap_or("")
                ),
                span,
            });
        }
    }
    (node.kind == NodeKind::Subitem
        && rank(node) == 9
        && matches!(parent, Some(NodeKind::Part | NodeKind::Section)))
    .then(|| Diagnostic {
        code: "level-skipped".into(),
        severity: Severity::Warning,
        message: format!(
            "subitem `{num_text}` stands directly under a {}: the item level (1.) is skipped",
            parent.map_or("document", NodeKind::as_str)
        ),
        span,
    })
}
