//! Measures: paragraphs that open with a short run-in heading sentence (「确保学深悟透。把……」),
//! found by shape and by the consistency of siblings, never by a list of the words headings use.
//!
//! A paragraph is a candidate when its first sentence (up to the first `。` or `：` outside
//! brackets) is short (3–24 characters), is followed by body text in the same paragraph, reads
//! as a phrase rather than a clause or a list (at most one comma, splitting two phrases of four
//! characters or more; no `、`, no figures, no opening quote) and does not open like running
//! text (a pronoun, a connective, a modal verb, a time word: the closed classes of the
//! language) or like an enumeration (`一是`, `——`).
//!
//! Candidates are measures only as a series: two or more in one container, making up at least
//! half of its paragraphs from the first candidate on. A lone short first sentence in running
//! text stays running text. The first paragraph under a heading that stands alone on its line
//! is its lead-in rather than a measure when its heading sentence is much longer or shorter
//! than the series after it (parallel headings have parallel lengths).

use super::explain::Log;
use super::tree::push_paragraph;
use crate::model::{Heading, Node, NodeKind, Paragraph, Span};
use crate::text::rules::{
    chars, chars_ge, chars_le, heading_end_within, is_inline_enumeration, opens_running_text,
};
use std::collections::HashMap;

/// Words that end a sentence leading into what follows (`重点包括：`), not a heading: the
/// copulas and verbs of saying and listing.
const LEAD_INTO_LIST: &[&str] = &[
    "包括",
    "如下",
    "主要有",
    "是",
    "为",
    "有",
    "要求",
    "规定",
    "指出",
    "强调",
    "提出",
    "明确",
    "如",
    "即",
    "等",
    "具体",
    "分别",
];

/// Why a heading-like first sentence is not a run-in heading, or `None` when it reads as one.
pub(crate) fn not_a_heading(head: &str, c: char) -> Option<&'static str> {
    not_a_heading_shaped(head, c, &Shape::of(head), false)
}

/// [`not_a_heading`] with the sentence's [`Shape`] counted already.
fn not_a_heading_shaped(
    head: &str,
    c: char,
    shape: &Shape,
    parallel: bool,
) -> Option<&'static str> {
    if shape.chars - shape.spaces < 4 || shape.chars > 36 || shape.outside > 30 {
        return Some("its first sentence is not 4 to 30 characters long (names in quotes aside)");
    }
    if shape.commas > 1 {
        return Some("its first sentence has clauses");
    }
    if shape.commas == 1 && (shape.before_comma < 5 || shape.outside - shape.before_comma - 1 < 5) {
        return Some("its first sentence opens or ends with a short phrase (an adverbial, a frame, a couplet)");
    }
    if shape.semicolon {
        return Some("its first sentence lists");
    }
    if shape.figures {
        return Some("its first sentence states figures");
    }
    if is_inline_enumeration(head) {
        return Some("it is an enumeration (一是, ——)");
    }
    // a copula (`X是Y`) makes a statement, not a heading (`一是` is an enumeration, above),
    // but where it runs in parallel with its siblings'
    if shape.copula && !parallel {
        return Some("its first sentence is a statement (X是Y)");
    }
    if head.starts_with(['《', '（', '(', '【']) {
        return Some("its first sentence opens with a citation or a parenthesis");
    }
    if crate::text::rules::has_modal(head) {
        return Some("its first sentence is a directive (a modal verb)");
    }
    if !parallel && opens_running_text(head) {
        return Some("its first sentence opens like running text (a pronoun, connective, modal or time word)");
    }
    if c == '：' && LEAD_INTO_LIST.iter().any(|w| head.ends_with(w)) {
        return Some("its first sentence leads into what follows");
    }
    None
}

/// What the rules ask of a heading sentence, counted in one pass: characters, white space,
/// characters outside quotes and brackets (marks inside them belong to a name), the commas and
/// semicolons among those, the characters before the first comma, a copula `是` outside quotes,
/// figures (a percentage, a decimal number).
#[derive(Debug, Default)]
struct Shape {
    chars: usize,
    spaces: usize,
    outside: usize,
    commas: usize,
    before_comma: usize,
    semicolon: bool,
    copula: bool,
    figures: bool,
}

impl Shape {
    fn of(s: &str) -> Shape {
        let mut sh = Shape::default();
        let mut depth = 0i32;
        let mut prev: [char; 2] = [' ', ' '];
        for c in s.chars() {
            sh.chars += 1;
            if crate::text::rules::is_space(c) {
                sh.spaces += 1;
            }
            match c {
                '“' | '《' | '（' | '(' | '「' | '‘' => depth += 1,
                '”' | '》' | '）' | ')' | '」' | '’' => depth = (depth - 1).max(0),
                _ if depth == 0 => {
                    match c {
                        '，' | ',' => {
                            if sh.commas == 0 {
                                sh.before_comma = sh.outside;
                            }
                            sh.commas += 1;
                        }
                        ';' | '；' => sh.semicolon = true,
                        '是' => sh.copula = true,
                        _ => {}
                    }
                    sh.outside += 1;
                }
                _ => {}
            }
            if matches!(c, '%' | '％' | '‰')
                || c.is_ascii_digit() && matches!(prev[1], '.' | '．') && prev[0].is_ascii_digit()
            {
                sh.figures = true;
            }
            prev = [prev[1], c];
        }
        sh
    }
}

/// A paragraph that only exclaims or addresses (`各位代表！`): it ends a series.
fn is_exclamation(p: &Paragraph) -> bool {
    let t = p.text.trim_end_matches(['”', '’']);
    (t.ends_with('！') || t.ends_with('!')) && chars(t) <= 12
}

/// The run-in heading of a paragraph, if its shape is one: where it ends, with what, and its
/// length outside quotes (what the series compares).
fn candidate(p: &Paragraph, parallel: bool) -> Option<(usize, char, usize)> {
    let (i, c) = heading_end_within(&p.text, 36)?;
    if !matches!(c, '。' | '：') {
        return None;
    }
    let head = &p.text[..i];
    let after = p.text[i + c.len_utf8()..].trim();
    // the body of a measure is running text: a sentence, or a long phrase (not a name after a
    // label, as in a roster's `主任：……`)
    if !chars_ge(after, 4)
        || !chars_ge(after, 20) && !after.contains(['。', '，', '；', '！', '？', '、'])
    {
        return None;
    }
    let shape = Shape::of(head);
    not_a_heading_shaped(head, c, &shape, parallel)
        .is_none()
        .then_some((i, c, shape.outside))
}

/// The first `n` characters of a paragraph, what a series opens alike with.
fn opening(p: &Paragraph, n: usize) -> &str {
    let t = p.text.as_str();
    let end = t.char_indices().nth(n).map_or(t.len(), |(i, _)| i);
    &t[..end]
}

/// Paragraphs that open alike, four or more in a row, each with a heading-like first sentence
/// but for its opening word (`我们扭住……，全力推进……。`, `我们加快构建……。`) or its copula
/// (`实施扩大内需战略是……的现实需要。`, `实施扩大内需战略是……的主动选择。`): a parallel series, as a
/// report reviews its work or a plan gives its reasons; their openings are no running text and
/// their copulas no statements there. A series opens with the same two characters where they
/// open running text, with the same four or more elsewhere.
fn parallel_openings(
    paragraphs: &[Paragraph],
    skip: usize,
    cands: &mut [Option<(usize, char, usize)>],
) {
    let mut k = skip;
    while k < paragraphs.len() {
        let mut e = k;
        let n = if opens_running_text(&paragraphs[k].text) {
            2
        } else {
            4
        };
        let first = opening(&paragraphs[k], n);
        while e < paragraphs.len()
            && cands[e].is_none()
            && chars_ge(first, n)
            && opening(&paragraphs[e], n) == first
            && candidate(&paragraphs[e], true).is_some()
        {
            e += 1;
        }
        if e - k >= 4 {
            for j in k..e {
                cands[j] = candidate(&paragraphs[j], true);
            }
        }
        k = e.max(k + 1);
    }
}

/// A paragraph that opens with a run-in heading ending at byte `i` with `c`, as a measure;
/// the paragraph's buffer is kept for the body.
fn to_measure(mut p: Paragraph, i: usize, c: char) -> Node {
    let mut node = Node::new(NodeKind::Measure);
    let cut = i + c.len_utf8();
    let head = p.text[..i].to_string();
    let cut_column = chars(&p.text[..cut]) as u32;
    p.text.replace_range(..cut, "");
    let body = p.text;
    let body_span = if p.span.is_empty() {
        Span::default()
    } else {
        Span {
            offset: p.span.offset + cut,
            len: p.span.len.saturating_sub(cut),
            line: p.span.line,
            column: p.span.column + cut_column,
        }
    };
    node.heading = Some(Heading {
        text: head,
        end: Some(c.to_string()),
        run_in: true,
    });
    node.span = p.span;
    push_paragraph(&mut node.paragraphs, Paragraph::at(body, body_span));
    node
}

/// Whether candidate `k`'s heading sentence (names in quotes aside) is half again as long as the
/// headings of the candidates in `others`, which are uniform (two or more, within a third of
/// their median): its length, the median, and how many others.
fn out_of_proportion(
    cands: &[Option<(usize, char, usize)>],
    k: usize,
    others: std::ops::Range<usize>,
) -> Option<(usize, usize, usize)> {
    let lens: Vec<usize> = cands[others].iter().flatten().map(|c| c.2).collect();
    if lens.len() < 2 {
        return None;
    }
    let mut sorted = lens.clone();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2];
    let own = cands[k]?.2;
    let tolerance = 2.max(median / 3);
    (2 * own >= 3 * median + 2 && lens.iter().all(|l| l.abs_diff(median) <= tolerance)).then_some((
        own,
        median,
        lens.len(),
    ))
}

/// A measure whose heading sentence stood alone on its line, `heading` ending in `。`, with the
/// paragraph under it as its body: the heading is not run in, so the canonical writer keeps the
/// two lines apart and the reading of its text finds the same pair.
fn alone_measure(heading: Paragraph, body: Paragraph) -> Node {
    let mut node = Node::new(NodeKind::Measure);
    let text = heading
        .text
        .strip_suffix('。')
        .unwrap_or(&heading.text)
        .to_string();
    node.heading = Some(Heading {
        text,
        end: heading.text.ends_with('。').then(|| "。".to_string()),
        run_in: false,
    });
    node.span = heading.span;
    push_paragraph(&mut node.paragraphs, body);
    node
}

/// Heading sentences that stand alone on their lines, each above its paragraph, four or more
/// in a row, opening alike (`这是……的五年。` / its paragraph / `这是……的五年。` / …): a series of
/// measures by their layout, as a report sums up its years, whatever their opening word or
/// their copula. Marked in `strong_at` (one flag a paragraph) beside the headings the body
/// stage found.
fn alternating_headings(paragraphs: &[Paragraph], skip: usize, strong_at: Vec<bool>) -> Vec<bool> {
    // a sentence alone: short, one full stop at its end, a comma at most
    let alone = |p: &Paragraph| {
        let t = p.text.as_str();
        p.table.is_none()
            && chars_le(t, 30)
            && t.ends_with('。')
            && t.matches('。').count() == 1
            && t.matches('，').count() <= 1
    };
    let pair = |k: usize| {
        alone(&paragraphs[k])
            && paragraphs
                .get(k + 1)
                .is_some_and(|b| !alone(b) && chars_ge(&b.text, 2 * chars(&paragraphs[k].text)))
    };
    let mut marks = strong_at;
    // (an exclamation, `各位代表！`, ends the series as it ends a run-in one: a speech's close)
    let end = paragraphs[skip.min(paragraphs.len())..]
        .iter()
        .position(is_exclamation)
        .map_or(paragraphs.len(), |e| skip + e);
    let mut k = skip;
    while k < end {
        if !pair(k) {
            k += 1;
            continue;
        }
        let open = opening(&paragraphs[k], 2);
        let mut run = vec![k];
        // the next heading after one to three paragraphs of body
        let mut j = k + 2;
        loop {
            let next = (j..end.min(j + 3)).find(|&x| alone(&paragraphs[x]));
            match next {
                Some(x) if pair(x) && opening(&paragraphs[x], 2) == open => {
                    run.push(x);
                    j = x + 2;
                }
                _ => break,
            }
        }
        if run.len() >= 4 {
            if marks.is_empty() {
                marks = vec![false; paragraphs.len()];
            }
            for &x in &run {
                marks[x] = true;
            }
        }
        k = j.max(k + 1);
    }
    marks
}

/// Splits a container's paragraphs into lead-in paragraphs and measures. `skip` paragraphs at
/// the start are never measures (the rest of a run-in heading's line); `alone` is true when the
/// container's heading stands alone on its line, so that its first paragraph may be a lead-in.
fn split(
    paragraphs: Vec<Paragraph>,
    skip: usize,
    alone: bool,
    trailing_intro: bool,
    strong: &HashMap<usize, Span>,
    log: &mut Log,
) -> (Vec<Paragraph>, Vec<Node>) {
    if paragraphs.len() < skip + 2 {
        // fewer than two paragraphs that could open a measure: never a series
        return (paragraphs, Vec::new());
    }
    let mut cands: Vec<Option<(usize, char, usize)>> = paragraphs
        .iter()
        .enumerate()
        .map(|(k, p)| if k < skip { None } else { candidate(p, false) })
        .collect();
    parallel_openings(&paragraphs, skip, &mut cands);
    // headings a web page broke out of their paragraphs (found by the body stage: a heading
    // sentence alone on its line above its paragraph) are measures by their layout: where two
    // or more stand in a container, they are its measures, each with the paragraph under it
    let strong_at: Vec<bool> = if strong.is_empty() {
        Vec::new()
    } else {
        paragraphs
            .iter()
            .enumerate()
            .map(|(k, p)| {
                k >= skip
                    && !p.span.is_empty()
                    && strong.get(&p.span.offset).is_some_and(|next| {
                        paragraphs
                            .get(k + 1)
                            .is_some_and(|q| q.span.offset == next.offset)
                    })
            })
            .collect()
    };
    let strong_at = alternating_headings(&paragraphs, skip, strong_at);
    if strong_at.iter().filter(|s| **s).count() >= 2 {
        let mut intro = Vec::new();
        let mut out: Vec<Node> = Vec::new();
        let mut it = paragraphs.into_iter().enumerate().peekable();
        while let Some((k, p)) = it.next() {
            if strong_at[k] {
                if let Some((_, body)) = it.next() {
                    log.note(p.span, "measure", || {
                        format!("a measure: `{}` is a heading that stood alone on its line above its paragraph", p.text)
                    });
                    out.push(alone_measure(p, body));
                    continue;
                }
            }
            match out.last_mut() {
                Some(m) => push_paragraph(&mut m.paragraphs, p),
                None => intro.push(p),
            }
        }
        return (intro, out);
    }
    let Some(mut first) = cands.iter().position(Option::is_some) else {
        return (paragraphs, Vec::new());
    };
    // the first paragraph under a heading alone on its line: a lead-in when its
    // heading sentence is half again as long as the uniform series after it
    if alone && first == skip {
        if let Some((own, median, n)) = out_of_proportion(&cands, first, first + 1..cands.len()) {
            log.note(paragraphs[first].span, "lead-in", || {
                format!(
                    "read as the lead-in, not a measure: its opening sentence has {own} characters where the {n} run-in headings after it have about {median}"
                )
            });
            cands[first] = None;
            match cands.iter().position(Option::is_some) {
                Some(f) => first = f,
                None => return (paragraphs, Vec::new()),
            }
        }
    }
    // the last candidate before the container's numbered children, half again as long as a
    // uniform series before it, introduces them rather than closing the series
    if let Some(last) = cands.iter().rposition(Option::is_some) {
        if trailing_intro && last > first && last + 1 == paragraphs.len() {
            if let Some((own, median, n)) = out_of_proportion(&cands, last, first..last) {
                log.note(paragraphs[last].span, "lead-in", || {
                    format!(
                        "read as the lead-in of what follows, not a measure: its opening sentence has {own} characters where the {n} run-in headings before it have about {median}"
                    )
                });
                cands[last] = None;
            }
        }
    }
    // an exclamation (`各位代表！`) ends the series: what follows is a speech's close
    if let Some(stop) = paragraphs[first..].iter().position(is_exclamation) {
        for c in &mut cands[first + stop..] {
            *c = None;
        }
    }
    // the series runs on while candidates follow each other with at most two paragraphs between
    let mut last = first;
    for k in first + 1..cands.len() {
        if cands[k].is_some() {
            if k - last > 3 {
                for c in &mut cands[k..] {
                    *c = None;
                }
                break;
            }
            last = k;
        }
    }
    let count = cands.iter().filter(|c| c.is_some()).count();
    let span = last + 1 - first;
    // the series is what the container is about: its candidates are at least half the
    // paragraphs they stand among, and one that starts late in it is not a pair
    let before = first - skip;
    if count < 2 || count * 2 < span || count == 2 && span > 3 || before > 2 && count < 3 {
        if count >= 2 {
            let p = &paragraphs[first];
            log.note(p.span, "measure-series-rejected", || {
                format!(
                    "{count} of the {span} paragraphs from here open with a short heading-like sentence, after {before} that do not: not a series of measures"
                )
            });
        }
        return (paragraphs, Vec::new());
    }
    let why = format!("a short run-in heading, one of {count} in a series of {span} paragraphs");
    let cands = cands
        .into_iter()
        .map(|c| c.map(|(i, ch, _)| (i, ch)))
        .collect();
    series(paragraphs, cands, &why, log)
}

/// The measures of a container once its candidates are decided: each candidate opens a measure,
/// the paragraphs after it up to the next are its own, those before the first are the lead-in.
fn series(
    paragraphs: Vec<Paragraph>,
    cands: Vec<Option<(usize, char)>>,
    why: &str,
    log: &mut Log,
) -> (Vec<Paragraph>, Vec<Node>) {
    let mut intro = Vec::new();
    let mut out: Vec<Node> = Vec::new();
    for (p, c) in paragraphs.into_iter().zip(cands) {
        match c {
            Some((at, ch)) => {
                log.note(p.span, "measure", || {
                    format!("a measure: `{}` is {why}", &p.text[..at])
                });
                out.push(to_measure(p, at, ch));
            }
            None => match out.last_mut() {
                Some(m) => push_paragraph(&mut m.paragraphs, p),
                None => intro.push(p),
            },
        }
    }
    (intro, out)
}

/// Measures among the paragraphs before the first numbered node of a body.
pub(crate) fn apply_root(
    preamble: Vec<Paragraph>,
    nodes: &mut Vec<Node>,
    strong: &HashMap<usize, Span>,
    log: &mut Log,
) -> Vec<Paragraph> {
    let trailing = !nodes.is_empty();
    let (intro, mut ms) = split(preamble, 0, false, trailing, strong, log);
    if !ms.is_empty() {
        ms.append(nodes);
        *nodes = ms;
    }
    intro
}

/// Measures inside every node.
pub(crate) fn apply(nodes: &mut [Node], strong: &HashMap<usize, Span>, log: &mut Log) {
    for n in nodes.iter_mut() {
        if n.kind == NodeKind::Measure {
            continue;
        }
        // the rest of a run-in heading's line is the node's own text, not a measure
        let run_in = n.heading.as_ref().is_some_and(|h| h.run_in);
        let no_heading_rest = n.heading.is_none()
            && n.paragraphs
                .first()
                .is_some_and(|p| p.span.line == n.span.line);
        let skip = usize::from(run_in || no_heading_rest);
        let alone = n.heading.as_ref().is_some_and(|h| !h.run_in);
        let paragraphs = std::mem::take(&mut n.paragraphs);
        let trailing = !n.children.is_empty();
        let (intro, mut ms) = split(paragraphs, skip, alone, trailing, strong, log);
        n.paragraphs = intro;
        if !ms.is_empty() {
            // the measures come before the node's children
            ms.append(&mut n.children);
            n.children = ms;
        }
        apply(&mut n.children, strong, log);
    }
    lone_measures(nodes, log);
}

/// A numbered node whose one paragraph opens with a run-in heading, where two or more of its
/// siblings hold series of measures and most of those with paragraphs of their own do: that
/// paragraph is a measure too, a series of one (`四、……` / `推动集成电路产业“强链补链延链”。……`
/// among parts of two or three measures each).
fn lone_measures(nodes: &mut [Node], log: &mut Log) {
    let holds_measures = |n: &Node| {
        n.children
            .first()
            .is_some_and(|c| c.kind == NodeKind::Measure)
    };
    let with = nodes.iter().filter(|n| holds_measures(n)).count();
    let lone = |n: &Node| {
        n.num.is_some()
            && n.children.is_empty()
            && n.heading.as_ref().is_some_and(|h| !h.run_in)
            && matches!(n.paragraphs.as_slice(), [p] if candidate(p, false).is_some())
    };
    let lones = nodes.iter().filter(|n| lone(n)).count();
    let plain = nodes
        .iter()
        .filter(|n| n.num.is_some() && !holds_measures(n) && !lone(n) && !n.paragraphs.is_empty())
        .count();
    if with < 2 || lones == 0 || plain >= with {
        return;
    }
    for n in nodes.iter_mut().filter(|n| lone(n)) {
        let p = n.paragraphs.remove(0);
        let Some((at, ch, _)) = candidate(&p, false) else {
            n.paragraphs.push(p);
            continue;
        };
        log.note(p.span, "measure", || {
            format!(
                "a measure: `{}` is a short run-in heading, alone under its heading where {with} of its siblings hold series of measures",
                &p.text[..at]
            )
        });
        n.children.push(to_measure(p, at, ch));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Paragraph {
        Paragraph::new(s)
    }

    #[test]
    fn candidates_by_shape() {
        for yes in [
            "确保学深悟透。把人民城市重要理念作为学习的重要内容。",
            "狠抓作风建设。持续整治形式主义。",
            "以科技创新引领产业创新。实施科技创新平台培育行动。",
            "坚持公益性导向，提高医疗服务效率。以满足人民群众需求为目标。",
            "自觉接受人大监督：依法报告工作，认真办理建议。",
        ] {
            assert!(candidate(&p(yes), false).is_some(), "{yes}");
        }
        for no in [
            "我们坚持稳中求进。全年经济运行平稳。",
            "五年来，我们聚力构建现代化产业体系。产业结构持续优化。",
            "全年地区生产总值增长5.5%。城镇新增就业……",
            "一是加强领导。各部门要……",
            "今年发展主要预期目标是：地区生产总值增长5%左右。",
            "这是生态文明建设取得显著成效的五年。森林覆盖率提高。",
            "粮食产量增长2.5%。农业基础巩固。",
            "要保持宏观政策连续性，增强有效性。积极的财政政策要提升效能。",
            "确保学深悟透。",
        ] {
            assert!(candidate(&p(no), false).is_none(), "{no}");
        }
    }

    #[test]
    fn a_series_not_a_stray_sentence() {
        let mut log = Log::new(false);
        let series = vec![
            p("注重科技赋能。充分发挥作用。"),
            p("实现广泛参与。推动基层党建。"),
            p("强化精细治理。持续深化拓展。"),
        ];
        let (intro, ms) = split(series, 0, false, false, &HashMap::new(), &mut log);
        assert!(intro.is_empty());
        assert_eq!(ms.len(), 3);
        let prose = vec![
            p("过去一年，经济运行总体平稳，发展质量稳步提升，各项工作取得新进展。"),
            p("中国特色大国外交全面推进。习近平主席出席会议。"),
            p("回顾过去一年，成绩来之不易，我们深刻体会到必须坚持党的领导。"),
            p("在肯定成绩的同时，我们也清醒看到面临的问题和挑战。"),
            p("贯彻落实全面从严治党战略部署。开展党史学习教育。"),
        ];
        let (intro, ms) = split(prose, 0, false, false, &HashMap::new(), &mut log);
        assert_eq!((intro.len(), ms.len()), (5, 0));
    }

    #[test]
    fn a_lead_in_out_of_proportion_stays_a_lead_in() {
        let mut log = Log::new(false);
        let ps = vec![
            p("一流城市要有一流治理。要紧紧抓住牛鼻子。"),
            p("注重科技赋能。充分发挥作用。"),
            p("实现广泛参与。推动基层党建。"),
            p("强化精细治理。持续深化拓展。"),
            p("筑牢安全底线。把人民生命安全摆在首位。"),
        ];
        let (intro, ms) = split(ps, 0, true, false, &HashMap::new(), &mut log);
        assert_eq!((intro.len(), ms.len()), (1, 4));
    }
}
