//! A whole text run together on one line, its line breaks lost (a crawl or a dataset that
//! keeps a document in one field: `……的若干意见国发〔2005〕18号各省、自治区……：煤炭是……提出以下
//! 意见:一、指导思想……（一）指导思想。……国务院二○○五年六月七日`): where its pieces start.
//!
//! The numbered entries are found by their numbers: each runs on from the last of its style
//! (one more), or opens a run under a higher entry (1), or goes on numbering across the higher
//! entries (`（三）` … `二、` … `（四）`, as a text that numbers its sections through). An entry
//! stands right after a mark that ends what comes before it, or glued to the heading of the
//! entry above it (`二、强化规划和管理（四）加强……`: a short heading, no sentence mark). A
//! number after any other character (`安全第一、预防为主`, `统一、规范`) is text.
//!
//! Around them, where entries were found: the head (the title, the document number glued to
//! it, the addressee up to its colon), each signature with its date (an issuer's name after a
//! sentence, a whole date, then the end of the text or the title of what follows), the
//! attachment labels (and a list run together under the last), and the title of each document
//! the cover letter names in 《》 where it stands again after a sentence (each numbers anew).

use crate::model::{Document, Node, Span};
use crate::numbering::{compact_article, marker, parse_date, Style};
use crate::text::rules::{
    chars_ge, chars_le, doc_number, head_of, is_cjk, title_kind, title_shape, unspace,
};

/// The marks after which a numbered entry may start: the end of a sentence or a lead-in
/// (full-width or ASCII), or a closing bracket (`（牵头单位：……）`).
const AFTER: [char; 11] = ['。', '；', '：', '！', '？', '）', ':', ';', '!', '?', ')'];

/// The level of a numbering style among the first four of a 公文 (for the entries run together
/// here and in [`super::lines`]).
pub(crate) fn slot_of(s: Style) -> Option<usize> {
    match s {
        Style::Cn => Some(0),
        Style::CnParen => Some(1),
        Style::Arabic => Some(2),
        Style::ArabicParen => Some(3),
        _ => None,
    }
}

/// Characters a numbering marker of [`slot_of`]'s styles may open with.
fn opens_marker(c: char) -> bool {
    matches!(
        c,
        '（' | '(' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    ) || c.is_ascii_digit()
        || ('㈠'..='㈩').contains(&c)
        || ('０'..='９').contains(&c)
}

/// The byte offsets in `t` (a line of [`super::lines`]'s `RUN_ON_BYTES` or more) where the
/// pieces of a text run together start, none at 0; empty unless it holds three numbered entries
/// or more, two of the first level (`一、`, `二、`) among them, or articles; or, when `t` is the
/// `whole` text, a title and a signature (see [`unnumbered`]).
pub(crate) fn starts(t: &str, whole: bool) -> Vec<usize> {
    // (two entries of the first level, a `二、` at least, or a second article, found at the
    // speed of a search)
    let has = |s: &str| memchr::memmem::find(t.as_bytes(), s.as_bytes()).is_some();
    if !has("二、") && !has("第二条") {
        return if whole { unnumbered(t) } else { Vec::new() };
    }
    let mut titles = named_titles(t);
    let again = labels_again(t);
    titles.extend(again.iter().map(|&(_, a, b)| (a, b)));
    titles.sort_unstable();
    let mut entries = entries(t, &titles);
    if entries.len() < 3 || entries.iter().filter(|e| e.1 == 0).count() < 2 {
        entries.clear();
    }
    let articles = article_pieces(t);
    let Some(first) = [entries.first().map(|e| e.0), articles.first().copied()]
        .into_iter()
        .flatten()
        .min()
    else {
        return if whole { unnumbered(t) } else { Vec::new() };
    };
    let mut out: Vec<usize> = entries.iter().map(|e| e.0).collect();
    out.extend(&articles);
    out.extend(titles.iter().flat_map(|&(a, b)| [a, b]));
    out.extend(again.iter().map(|&(l, _, _)| l));
    let (cuts, issuer) = head(&t[..first]);
    out.extend(cuts);
    let signed = signatures(t, issuer);
    out.extend(labels(t, first, &signed));
    out.extend(signed);
    out.sort_unstable();
    out.dedup();
    out.retain(|&p| p > 0 && p < t.len());
    out
}

/// The pieces of a whole text run together that numbers nothing (a 请示, a letter): its head
/// (a title, the addressee's colon), each signature and the attachment labels, when it has a
/// title and a signature both; else none.
fn unnumbered(t: &str) -> Vec<usize> {
    let (cuts, issuer) = head(t);
    if cuts.is_empty() {
        return Vec::new();
    }
    let signed = signatures(t, issuer);
    if signed.is_empty() {
        return Vec::new();
    }
    let mut out = cuts;
    out.extend(labels(t, out.iter().copied().max().unwrap_or(0), &signed));
    out.extend(signed);
    out.sort_unstable();
    out.dedup();
    out.retain(|&p| p > 0 && p < t.len());
    out
}

/// The titles of the documents a text run together carries: a title it names in 《》 (a genre
/// word at its end) that stands again unquoted after a mark that ends what comes before
/// (`……现转发给你们……。……应以本办法为准。加强计划用电、实行凭证供电办法在国民经济……`): where each
/// such title starts and ends, in order.
fn named_titles(t: &str) -> Vec<(usize, usize)> {
    let mut names: Vec<&str> = Vec::new();
    let mut from = 0;
    while let Some(o) = t[from..].find('《') {
        let s = from + o + '《'.len_utf8();
        let Some(c) = t[s..].find(['》', '《']) else {
            break;
        };
        let name = &t[s..s + c];
        if t[s + c..].starts_with('》')
            && chars_ge(name, 4)
            && chars_le(name, 60)
            && title_kind(name).is_some()
            && !names.contains(&name)
        {
            names.push(name);
        }
        from = s + c;
    }
    let mut out: Vec<(usize, usize)> = names
        .iter()
        .flat_map(|name| {
            t.match_indices(name)
                .map(|(p, _)| (p, p + name.len()))
                .filter(|&(p, e)| {
                    t[..p]
                        .chars()
                        .next_back()
                        .is_some_and(|b| AFTER.contains(&b))
                        && !t[e..].starts_with('》')
                })
        })
        .collect();
    out.sort_unstable();
    out
}

/// An attachment's label printed again with the title the list under `附件:` gives it, no colon
/// now (`……办公室。附件:不得担任……的主要情形附件不得担任……的主要情形一、……`): the attachment
/// itself. Where each such label starts, and where its title starts and ends.
fn labels_again(t: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (p, _) in t.match_indices("附件") {
        let rest = &t[p + "附件".len()..];
        let Some(x) = rest.strip_prefix(['：', ':']) else {
            continue;
        };
        let from = t.len() - x.len();
        // the title: up to the label again, no mark of a sentence in it
        let Some(q) = head_of(x, 240).find("附件") else {
            continue;
        };
        let title = &x[..q];
        if !chars_ge(title, 4) || title.contains(['。', '；', '：', ':']) {
            continue;
        }
        let at = from + q;
        let start = at + "附件".len();
        if t[start..].starts_with(title) {
            out.push((at, start, start + title.len()));
        }
    }
    out
}

/// The numbered entries of `t`: where each starts and its level. Each document of `titles`
/// (see [`named_titles`]) numbers anew.
fn entries(t: &str, titles: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    // the last number of each level since the last entry above it, and the last number ever
    let mut last: [Option<u32>; 4] = [None; 4];
    let mut ever: [Option<u32>; 4] = [None; 4];
    // where the text of the last entry starts (past its number)
    let mut text_from = 0;
    let mut prev: Option<char> = None;
    let mut next_title = titles.iter().peekable();
    let glued_parts = glued_parts(t, titles);
    // (no entry glued to a heading across a title)
    let mut since_title = 0;
    for (i, c) in t.char_indices() {
        if next_title.peek().is_some_and(|&&(a, _)| i >= a) {
            let (_, e) = next_title.next().copied().unwrap_or_default();
            last = [None; 4];
            ever = [None; 4];
            text_from = e;
            since_title = out.len();
        }
        let before = prev;
        prev = Some(c);
        if !opens_marker(c) {
            continue;
        }
        let Some(m) = marker(&t[i..]) else {
            continue;
        };
        let Some(slot) = slot_of(m.style) else {
            continue;
        };
        let v = m.value;
        let follows =
            last[slot].map_or_else(|| ever[slot].is_some_and(|e| v == e + 1), |l| v == l + 1);
        // (a run opens under a higher entry, or anew after a lead-in's colon below the first
        // level: `……其职责是:(1)……(4)……。……其职责是:(1)……`)
        let lead_in = slot > 0 && before.is_some_and(|b| matches!(b, '：' | ':'));
        let opens = v == 1 && (last[slot].is_none() || lead_in) && (slot > 0 || ever[0].is_none());
        if !(follows || opens) {
            continue;
        }
        // (or right after a document's title, `……办法一、……`)
        let after_title = titles.iter().any(|&(_, e)| e == i);
        let after_mark = marked(t, i) || after_title || glued_parts.contains(&i);
        // glued to the heading of the entry above: a short text without a sentence mark since
        // that entry's number
        let glued = || {
            before.is_some_and(is_cjk)
                && out.len() > since_title
                && out.last().is_some_and(|&(_, s)| s < slot)
                && {
                    let heading = &t[text_from..i];
                    chars_le(heading, 40) && !heading.contains(['。', '；', '：', ':', ';'])
                }
        };
        if !(after_mark || glued()) {
            continue;
        }
        for l in &mut last[slot + 1..] {
            *l = None;
        }
        last[slot] = Some(v);
        ever[slot] = Some(v);
        text_from = i + m.len;
        out.push((i, slot));
    }
    out
}

/// The articles run together in `t` and the points of each (see [`articles`]): where each
/// starts, 0 included when an article opens `t`. The points of an article are numbered entries
/// below the first level that run from `（一）` after a mark (`……之一的：（一）……；（二）……。`),
/// two or more.
pub(crate) fn article_pieces(t: &str) -> Vec<usize> {
    let arts = articles(t);
    let mut out = arts.clone();
    for (k, &a) in arts.iter().enumerate() {
        let end = arts.get(k + 1).copied().unwrap_or(t.len());
        let points: Vec<usize> = entries(&t[a..end], &[])
            .into_iter()
            .filter(|e| e.1 > 0)
            .map(|e| a + e.0)
            .collect();
        if points.len() >= 2 {
            out.extend(points);
        }
    }
    out.sort_unstable();
    out
}

/// True when `t` holds a `第` after a mark that ends what comes before, past its start: where a
/// second article could stand (most lines of a law have none, and are passed over at once).
pub(crate) fn second_article_mark(t: &str) -> bool {
    t.match_indices('第').any(|(i, _)| i > 0 && marked(t, i))
}

/// The articles of `t` (`第一条为了……。第二条本债券……`): where each starts, when there are three
/// or more (two when one opens `t`, as a line of a law whose articles ran together does). An
/// article stands after a mark that ends what comes before, each numbered one more than the
/// last (an inserted one, `第十条之一`, after its own); the first, `第一条`, may also stand
/// right after a title (`……的暂行规定第一条……`: the text since the last sentence ends in a genre
/// word), and one that opens `t` goes on from any number. An article number after any other
/// character (`依照本规定第五条`) is text.
fn articles(t: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut last: Option<u32> = None;
    for (i, _) in t.match_indices('第') {
        let s = &t[i..];
        let Some(m) = marker(s)
            .filter(|m| m.style == Style::Article)
            .or_else(|| compact_article(s))
        else {
            continue;
        };
        let follows = match (last, m.sub) {
            (Some(l), None) => m.value == l + 1,
            (Some(l), Some(_)) => m.value == l,
            (None, sub) => (m.value == 1 || i == 0) && sub.is_none(),
        };
        if !follows {
            continue;
        }
        let before = t[..i].chars().next_back();
        let after_mark = before.is_none_or(|b| AFTER.contains(&b));
        let after_title = last.is_none() && {
            let from = t[..i]
                .rfind(['。', '；', '：'])
                .map_or(0, |p| p + '。'.len_utf8());
            title_kind(&t[from..i]).is_some()
        };
        if after_mark || after_title {
            last = Some(m.value);
            out.push(i);
        }
    }
    let need = if out.first() == Some(&0) { 2 } else { 3 };
    if out.len() >= need {
        out
    } else {
        Vec::new()
    }
}

/// True when what comes before byte `i` of `t` ends something, so that an entry may start
/// there: the start of the text, a mark of [`AFTER`], or an ASCII full stop after an ideograph
/// (`……权威性.二、`, an OCR'd copy's `。`).
fn marked(t: &str, i: usize) -> bool {
    let mut back = t[..i].chars().rev();
    match back.next() {
        None => true,
        Some('.') => back.next().is_some_and(is_cjk),
        Some(b) => AFTER.contains(&b),
    }
}

/// The first-level entries glued to the text before them (`……至1月8日止二、对象范围……群众三、
/// 重点内容(一)……。四、工作要求`) that their sequence proves: between two entries that follow
/// marks, numbered `一、` and `四、`, each number between (up to three) glued after an ideograph
/// exactly once, in order; each document of `titles` numbers anew. Where each starts.
fn glued_parts(t: &str, titles: &[(usize, usize)]) -> Vec<usize> {
    // every number of the first level after a mark or an ideograph: where, its value, and
    // whether a mark ends what comes before it
    let mut found: Vec<(usize, u32, bool)> = Vec::new();
    for (i, c) in t.char_indices() {
        if !"一二三四五六七八九十".contains(c) {
            continue;
        }
        let Some(m) = marker(&t[i..]).filter(|m| m.style == Style::Cn) else {
            continue;
        };
        let after_mark = marked(t, i);
        if after_mark || t[..i].chars().next_back().is_some_and(is_cjk) {
            found.push((i, m.value, after_mark));
        }
    }
    let mut out = Vec::new();
    let (mut expect, mut from) = (1u32, 0usize);
    // (each document of `titles` numbers anew)
    let mut next_title = titles.iter().peekable();
    for (k, &(i, v, after_mark)) in found.iter().enumerate() {
        if next_title.peek().is_some_and(|&&(a, _)| i >= a) {
            while next_title.next_if(|&&(a, _)| i >= a).is_some() {}
            (expect, from) = (1, k);
        }
        if !after_mark && !titles.iter().any(|&(_, e)| e == i) || v < expect || v > expect + 3 {
            continue;
        }
        let mut gap: Vec<usize> = Vec::new();
        for w in expect..v {
            let hits: Vec<usize> = found[from..k]
                .iter()
                .filter(|f| f.1 == w && !f.2)
                .map(|f| f.0)
                .collect();
            match hits.as_slice() {
                [one] if gap.last().is_none_or(|&l| l < *one) => gap.push(*one),
                _ => break,
            }
        }
        if gap.len() as u32 == v - expect {
            out.extend(gap);
            expect = v + 1;
            from = k + 1;
        }
    }
    out
}

/// The cuts in the head of a text run together (`head`: the text before its first entry):
/// after the title, around the document number glued to it, after the addressee's colon; and
/// the issuer the title names before `关于`, if it does.
fn head(head: &str) -> (Vec<usize>, Option<&str>) {
    let mut out = Vec::new();
    // the addressee: the first colon, with no sentence before it
    let colon = head
        .char_indices()
        .take(200)
        .find(|(_, c)| matches!(c, '：' | ':'))
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&e| !head[..e].contains('。'));
    let upto = colon.unwrap_or_else(|| head_of(head, 600).len());
    // the issuer's masthead (`……文件`, as printed above the red line) and the document number
    // under it, before the title
    let masthead = head_of(&head[..upto], 60).find("文件").and_then(|p| {
        let at = p + "文件".len();
        let rest = &head[at..upto];
        rest.char_indices()
            .take(40)
            .filter(|(_, c)| matches!(c, '号' | '號'))
            .map(|(i, c)| i + c.len_utf8())
            .find(|&e| doc_number(rest[..e].trim()).is_some())
            .map(|e| (at, at + e))
    });
    let from = masthead.map_or(0, |(_, e)| e);
    if let Some((a, e)) = masthead {
        out.extend([a, e]);
    }
    // the title: the longest start of the text that ends in a genre word and is a title's shape
    let mut title_end = None;
    for (j, c) in head[from..upto].char_indices() {
        let end = from + j + c.len_utf8();
        let x = &head[from..end];
        if chars_le(x, 4) {
            continue;
        }
        if !title_shape(x) {
            break;
        }
        // (a title letter-spaced at its end, `……实施意见 的 通 知`, ends in its genre word too)
        if title_kind(x).is_some() || x.contains(' ') && title_kind(&unspace(x)).is_some() {
            title_end = Some(end);
        }
    }
    let Some(title_end) = title_end else {
        return (out, None);
    };
    out.push(title_end);
    let issuer = head[from..title_end]
        .find("关于")
        .map(|p| &head[from..from + p])
        .filter(|x| chars_ge(x, 2) && chars_le(x, 40));
    if masthead.is_some() {
        if let Some(c) = colon {
            out.push(c);
        }
        return (out, issuer);
    }
    // the number right after it (`国发〔2005〕18号`, blanks in it or not)
    let rest = &head[title_end..upto];
    let number_end = rest
        .char_indices()
        .take(40)
        .filter(|(_, c)| matches!(c, '号' | '號'))
        .map(|(i, c)| i + c.len_utf8())
        .find(|&e| doc_number(rest[..e].trim()).is_some());
    if let Some(e) = number_end {
        out.push(title_end + e);
    }
    if let Some(c) = colon {
        out.push(c);
    }
    (out, issuer)
}

/// The cuts around each signature and its date: an issuer's name after a sentence (no
/// punctuation in it), a whole date (`二○○五年六月七日`), and after it the end of the text, or a
/// title (up to its first mark it ends in a genre word), with the byline in brackets after it
/// (`关于……的意见(国土资源部　二○○一年十月十日)`) cut off too.
fn signatures(t: &str, issuer: Option<&str>) -> Vec<usize> {
    let from = 0;
    let mut out = Vec::new();
    let mut printed_end = 0;
    let date_char = |c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "〇○零一二三四五六七八九十年月 　".contains(c)
    };
    for (e, _) in t[from..].match_indices('日') {
        let end = from + e + '日'.len_utf8();
        let start = t[..end - '日'.len_utf8()]
            .char_indices()
            .rev()
            .take_while(|(_, c)| date_char(*c))
            .last()
            .map_or(end, |(i, _)| i);
        let date = &t[start..end];
        if !date.contains('年') || parse_date(date).is_none() {
            continue;
        }
        // the issuer: from the end of the sentence before to the date, or the issuer the
        // title names, glued to what comes before (`……成员征求意见表中共……党组2020年12月29日`)
        let Some(stop) = t[..start].rfind(['。', '）', ')']) else {
            continue;
        };
        let stop = stop + t[stop..].chars().next().map_or(1, char::len_utf8);
        // (or the end of the printed line before: `……19日印发中共……办公厅2020年12月22日翻印`)
        let stop = stop.max(printed_end);
        let named = |x: &str| {
            !x.is_empty()
                && chars_le(x, 40)
                && x.chars()
                    .all(|c| is_cjk(c) || matches!(c, '、' | ' ' | '　' | '（' | '）'))
        };
        let stop = if named(&t[stop..start]) {
            stop
        } else if let Some(name) = issuer.filter(|n| t[..start].ends_with(n)) {
            start - name.len()
        } else {
            continue;
        };
        let after = t[end..].trim_start();
        // the printed line of the closing block (`……秘书局2020年12月19日印发`, a copy's
        // `……翻印`): a piece of its own
        if let Some(word) = ["印发", "翻印"].into_iter().find(|w| after.starts_with(w)) {
            printed_end = t.len() - after.len() + word.len();
            out.extend([stop, printed_end]);
            continue;
        }
        let title_end = after
            .find(['，', '。', '（', '(', '：'])
            .filter(|&p| title_kind(&after[..p]).is_some() && title_shape(&after[..p]));
        // (or an attachment's label with its number: `附件二关于……`)
        let label = after.strip_prefix("附件").is_some_and(|r| {
            r.starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        });
        if after.is_empty() || title_end.is_some() || label || after.starts_with(['（', '(']) {
            out.extend([stop, start, end]);
        }
        // (the byline in brackets after the title)
        if let Some(p) = title_end.filter(|&p| after[p..].starts_with(['（', '('])) {
            let at = t.len() - after.len() + p;
            if let Some(close) = t[at..]
                .find(['）', ')'])
                .filter(|&c| chars_le(&t[at..at + c], 40))
            {
                let close = at + close + t[at + close..].chars().next().map_or(1, char::len_utf8);
                out.extend([at, close]);
            }
        }
    }
    out
}

/// The cuts before each attachment's label after the first entry (`from`): `附件：`, `附件1：`
/// after a mark that ends what comes before, or right after a label and its title (the list of
/// attachments under the text, then the attachment itself: `附件：X目录附件：X目录1.……`).
fn labels(t: &str, from: usize, signed: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    // where the labels with no colon end, and the last label with one
    let mut bare: Vec<usize> = Vec::new();
    let mut listed: Option<usize> = None;
    for (p, _) in t[from..].match_indices("附件") {
        let p = from + p;
        let rest = &t[p + "附件".len()..];
        let numeral = rest
            .find(|c: char| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(c)))
            .unwrap_or(rest.len());
        if !rest[numeral..].starts_with(['：', ':']) {
            // (a numbered label with no colon right after a signature's date, or after a
            // mark past the signature, its title after it: `……二月十六日附件二关于……的暂行规定
            // 第一条……`, `……(此件不公开发布。)附件1……意见表`)
            let after_signature = signed.first().is_some_and(|&q| q < p)
                && t[..p]
                    .chars()
                    .next_back()
                    .is_some_and(|b| AFTER.contains(&b));
            if numeral > 0 && (signed.contains(&p) || after_signature) {
                out.push(p);
                bare.push(p + "附件".len() + numeral);
            }
            continue;
        }
        let before = t[..p].chars().next_back();
        // (a label and its title just before: no mark since that label)
        let after_label = out
            .last()
            .is_some_and(|&q| chars_le(&t[q..p], 40) && !t[q..p].contains(['。', '；', '，']));
        // (or glued to what comes before, a list run together under it: `……@sgcc.com.cn附件:
        // 1.……表2.……表`)
        if before.is_some_and(|b| AFTER.contains(&b)) || after_label || glued_list(t, p).len() >= 2
        {
            out.push(p);
            listed = Some(p);
        }
    }
    // the copy-to line of the closing block after a mark (`……填写。抄送:驻公司纪检监察组。`)
    for (p, _) in t[from..].match_indices("抄送") {
        let p = from + p;
        if t[p + "抄送".len()..].starts_with(['：', ':']) && marked(t, p) {
            out.push(p);
        }
    }
    // the list under the last label with a colon, run together (`……目录1.煤2.石油3.油页岩……`):
    // its title, then each entry
    let list = listed.map(|q| glued_list(t, q)).unwrap_or_default();
    // a numbered label with no colon, the title of an entry of that list after it: the title
    // stands apart (`附件1国家电网……意见表注:1.……`)
    for (k, &a) in list.iter().enumerate() {
        let from = a + marker(&t[a..]).map_or(0, |m| m.len);
        let end = list
            .get(k + 1)
            .copied()
            .or_else(|| signed.iter().copied().find(|&x| x > a))
            .unwrap_or(t.len());
        let title = t[from..end].trim_end_matches(['；', '。', ';']);
        if chars_ge(title, 2) {
            out.extend(
                bare.iter()
                    .filter(|&&e| t[e..].starts_with(title))
                    .map(|&e| e + title.len()),
            );
        }
    }
    out.extend(bare);
    out.extend(list);
    out
}

/// A numbered list run together after `from` (`1.煤2.石油3.油页岩`): an Arabic `1.` after an
/// ideograph or a colon, then `2.`, `3.`… each within a few characters of the last; where each entry
/// starts, when there are two or more.
fn glued_list(t: &str, from: usize) -> Vec<usize> {
    let first = t[from..].char_indices().find(|&(i, c)| {
        c == '1'
            && t[from..from + i]
                .chars()
                .next_back()
                .is_some_and(|b| is_cjk(b) || matches!(b, '：' | ':'))
            && marker(&t[from + i..]).is_some_and(|m| m.style == Style::Arabic && m.value == 1)
    });
    let Some((i, _)) = first else {
        return Vec::new();
    };
    let mut out = vec![from + i];
    let mut v = 1u32;
    loop {
        let at = *out.last().unwrap_or(&from);
        let next = (v + 1).to_string();
        let found = t[at + 1..]
            .char_indices()
            .take(24)
            .map(|(k, _)| at + 1 + k)
            .find(|&k| {
                t[k..].starts_with(next.as_str())
                    && t[..k]
                        .chars()
                        .next_back()
                        .is_some_and(|c| !c.is_ascii_digit())
                    && marker(&t[k..]).is_some_and(|m| m.style == Style::Arabic && m.value == v + 1)
            });
        match found {
            Some(k) => {
                out.push(k);
                v += 1;
            }
            None => break,
        }
    }
    if out.len() >= 2 {
        out
    } else {
        Vec::new()
    }
}

/// Where the reader cannot see a heading: numbered entries cut from a line run together (the
/// spans of `cut`) with no heading, where a heading that ran into its text with no mark between
/// (`一、坚决遏制煤炭产量无序增长全面贯彻……`) cannot be told from the text. Each such entry is read
/// as text; this names them: an entry whose siblings have headings of their own (not run in),
/// and a document's (or attachment's) top-level entries none of which has one. Each finding is
/// its span and what to say.
pub(crate) fn unmarked_headings(doc: &Document, cut: &[Span]) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    if !cut.is_empty() {
        group(&doc.body, true, cut, &mut out);
        for a in &doc.attachments {
            group(&a.content.body, true, cut, &mut out);
        }
    }
    out
}

/// [`unmarked_headings`] on the siblings `nodes` (the top level when `top`) and below them.
fn group(nodes: &[Node], top: bool, cut: &[Span], out: &mut Vec<(Span, String)>) {
    let in_cut = |n: &Node| {
        cut.iter()
            .any(|c| n.span.offset >= c.offset && n.span.offset < c.offset + c.len)
    };
    let headless = |n: &Node| n.num.is_some() && n.heading.is_none() && in_cut(n);
    let own_heading = nodes
        .iter()
        .any(|n| n.heading.as_ref().is_some_and(|h| !h.run_in));
    if own_heading {
        for n in nodes
            .iter()
            .filter(|n| headless(n) && !n.paragraphs.is_empty())
        {
            let num = n.num.as_ref().map_or("", |m| m.text.as_str());
            out.push((
                n.span,
                format!(
                    "{} {num} has no heading where its siblings have one: in a line run together (a copy that lost its line breaks) a heading that runs into its text with no mark between cannot be told from the text, so it is read as text",
                    n.kind.as_str()
                ),
            ));
        }
    } else if top && nodes.len() >= 2 && nodes.iter().all(headless) {
        out.push((
            nodes[0].span,
            format!(
                "the {} {}s cut from a line run together have no heading marked: a heading that runs into its text with no mark between (a copy that lost its line breaks) cannot be told from the text, so each is read as text, its heading (if it has one) at the start",
                nodes.len(),
                nodes[0].kind.as_str()
            ),
        ));
    }
    for n in nodes {
        group(&n.children, false, cut, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(t: &str) -> Vec<&str> {
        let mut from = 0;
        let mut out = Vec::new();
        for p in starts(t, true).into_iter().chain(std::iter::once(t.len())) {
            out.push(&t[from..p]);
            from = p;
        }
        out
    }

    /// Articles run together after a signature and an attachment's label with no colon: the
    /// label, the title and each article stand apart; an article number inside a sentence, or
    /// out of sequence, is text.
    #[test]
    fn articles_run_together_under_a_label_are_cut() {
        let t = "临江市计划委员会关于发行建设债券的报告市政府：一、今年发行债券一亿元。二、债券按项目分配。三、所需材料纳入计划。附件：一、各区购买债券数额；二、关于发行建设债券的暂行规定。临江市计划委员会一九八七年二月十六日附件二关于发行建设债券的暂行规定第一条为了保证债券的顺利发行，特制定本规定。第二条本债券不计利息，依照本规定第五条偿还。第三条本债券在本市发行。第四条本规定自发布之日起施行。";
        assert_eq!(
            pieces(t),
            [
                "临江市计划委员会关于发行建设债券的报告",
                "市政府：",
                "一、今年发行债券一亿元。",
                "二、债券按项目分配。",
                "三、所需材料纳入计划。",
                "附件：一、各区购买债券数额；二、关于发行建设债券的暂行规定。",
                "临江市计划委员会",
                "一九八七年二月十六日",
                "附件二",
                "关于发行建设债券的暂行规定",
                "第一条为了保证债券的顺利发行，特制定本规定。",
                "第二条本债券不计利息，依照本规定第五条偿还。",
                "第三条本债券在本市发行。",
                "第四条本规定自发布之日起施行。",
            ]
        );
    }

    /// A law's line whose articles ran together: each article, from the one that opens the
    /// line whatever its number, and the points of each that has two or more; a reference to
    /// an article (`依照本条例第十条`) and a point number in a sentence are text.
    #[test]
    fn a_laws_articles_run_together_are_cut() {
        let t = "第五条　应税固体废物的计税依据，按照排放量确定。第六条　纳税人有下列情形之一的，以产生量作为排放量：（一）非法倾倒应税固体废物；（二）进行虚假纳税申报。第七条　依照本条例第十条的规定计算，不得超过标准（一）项所列数额。";
        let mut cuts = article_pieces(t);
        cuts.push(t.len());
        let pieces: Vec<&str> = cuts.windows(2).map(|w| &t[w[0]..w[1]]).collect();
        assert_eq!(
            pieces,
            [
                "第五条　应税固体废物的计税依据，按照排放量确定。",
                "第六条　纳税人有下列情形之一的，以产生量作为排放量：",
                "（一）非法倾倒应税固体废物；",
                "（二）进行虚假纳税申报。",
                "第七条　依照本条例第十条的规定计算，不得超过标准（一）项所列数额。",
            ]
        );
        // (one article alone on its line: nothing to cut)
        assert!(
            article_pieces(
                "第五条　应税固体废物的计税依据，按照排放量确定：（一）产生量；（二）贮存量。"
            )
            .len()
                < 2
        );
    }

    /// Under a masthead: part numbers glued to the text before them, which the sequence proves
    /// (`……日止二、`, `……群众三、` between `一、` after a colon and `四、` after a full stop); the
    /// list glued after an address (`……@lj.gov.cn附件:1.……表2.……表`); the signature, the issuer
    /// the title names, glued to the list; each attachment's label past it with no colon, its
    /// title as the list names it; the copy-to line.
    #[test]
    fn a_party_notice_run_together_is_cut() {
        let t = "中共临江市委办公室文件临办发〔2020〕103号中共临江市委办公室关于做好民主生活会征求意见工作的通知各县区党委:现就有关事项通知如下:一、时间安排自印发之日起至1月8日止二、对象范围各级党组织和党员干部群众三、重点内容(一)对领导班子的总体评价。(二)重点从两个方面提出意见:1.学懂弄通做实。2.履职尽责。四、工作要求(一)充分发扬民主。要广泛听取意见。联系人:XXX邮箱:xxx@lj.gov.cn附件:1.领导班子征求意见表2.班子成员征求意见表中共临江市委办公室2020年12月29日(此件不公开发布。)附件1领导班子征求意见表注:1.请在空格内划“√”。2.意见至少提2条。附件2班子成员征求意见表注:1.请在空格内划“√”。抄送:市纪委。临江市委办公室2020年12月29日印发";
        let p = pieces(t);
        for piece in [
            "中共临江市委办公室关于做好民主生活会征求意见工作的通知",
            "二、对象范围各级党组织和党员干部群众",
            "三、重点内容",
            "(一)对领导班子的总体评价。",
            "附件:",
            "1.领导班子征求意见表",
            "2.班子成员征求意见表",
            "中共临江市委办公室",
            "2020年12月29日",
            "附件1",
            "领导班子征求意见表",
            "附件2",
            "班子成员征求意见表",
        ] {
            assert!(p.contains(&piece), "{piece} not among {p:#?}");
        }
        assert!(p.iter().any(|x| x.starts_with("抄送:")), "{p:#?}");
    }

    /// The list's attachment printed again under a label with no colon, its entries numbered
    /// anew; the printed and reprinted lines of the closing block.
    #[test]
    fn an_attachment_printed_again_and_printed_lines_are_cut() {
        let t = "临江市人民政府办公室关于做好换届工作的通知各区人民政府:一、把握总体要求。做好换届工作。二、严肃换届纪律。严格执行规定。三、压实政治责任。加强组织领导。附件:不得担任村干部的主要情形附件不得担任村干部的主要情形一、政治方面1.政治上的两面人。2.对党组织安排的任务消极应付的。二、其他方面1.受过刑事处罚的。2.涉黑涉恶的。临江市人民政府办公室2020年12月18日(此件发至县级)临江市人民政府办公室秘书处2020年12月19日印发临江区人民政府办公室2020年12月22日翻印";
        let p = pieces(t);
        for piece in [
            "附件:不得担任村干部的主要情形",
            "附件",
            "不得担任村干部的主要情形",
            "一、政治方面",
            "1.政治上的两面人。",
            "二、其他方面",
            "临江市人民政府办公室秘书处2020年12月19日印发",
            "临江区人民政府办公室2020年12月22日翻印",
        ] {
            assert!(p.contains(&piece), "{piece} not among {p:#?}");
        }
    }

    /// A whole text that numbers nothing (a 请示) is cut at its head, its attachment label and
    /// its signature; a long paragraph of a text with line breaks (not the whole text) is not.
    #[test]
    fn a_request_run_together_is_cut() {
        let body = "根据市委关于做好代表选举工作的通知要求，我公司拟推荐XXX同志为代表候选人预备人选。XXX同志任职期间积极履职尽责，在保供电、抗洪救灾等重大工作中体现了政治责任担当，受到了广大群众好评。".repeat(2);
        let t = format!("中共临江供电公司委员会关于推荐XXX同志为代表候选人预备人选的请示中共临江电力有限公司委员会：{body}妥否，请批示。附件：XXX同志基本情况中共临江供电公司委员会2022年1月7日（联系人：XXX）");
        let p = pieces(&t);
        for piece in [
            "中共临江供电公司委员会关于推荐XXX同志为代表候选人预备人选的请示",
            "中共临江电力有限公司委员会：",
            "附件：XXX同志基本情况",
            "中共临江供电公司委员会",
            "2022年1月7日",
            "（联系人：XXX）",
        ] {
            assert!(p.contains(&piece), "{piece} not among {p:#?}");
        }
        assert!(starts(&t, false).is_empty());
    }

    #[test]
    fn a_text_run_together_is_cut_into_its_pieces() {
        let t = "临江市人民政府关于加强水资源保护的若干意见临政发〔2020〕8号各区人民政府，市政府各部门：水是生命之源。为加强水资源保护，提出以下意见:一、总体要求（一）指导思想。坚持节水优先，统筹“安全第一、预防为主”的方针。（二）基本原则。坚持统一、规范管理。二、主要任务（三）加强水源保护。划定保护区，严格管理。（四）推进节约用水。实行总量控制。本意见自印发之日起施行。临江市人民政府二○二○年六月七日";
        assert_eq!(
            pieces(t),
            [
                "临江市人民政府关于加强水资源保护的若干意见",
                "临政发〔2020〕8号",
                "各区人民政府，市政府各部门：",
                "水是生命之源。为加强水资源保护，提出以下意见:",
                "一、总体要求",
                "（一）指导思想。坚持节水优先，统筹“安全第一、预防为主”的方针。",
                "（二）基本原则。坚持统一、规范管理。",
                "二、主要任务",
                "（三）加强水源保护。划定保护区，严格管理。",
                "（四）推进节约用水。实行总量控制。本意见自印发之日起施行。",
                "临江市人民政府",
                "二○二○年六月七日",
            ]
        );
    }

    #[test]
    fn runs_after_lead_ins_and_a_letter_spaced_title() {
        let t = "临江市人民政府关于改革供水管理体制的决 定临政发〔1988〕7号各区人民政府：一、改革管理体制(一)组建公司。公司的职责是:(1)管理水厂。(2)调度供水。区公司的职责是:(1)管理管网。(2)收取水费。二、实施步骤(二)分步实施。先试点后推开。";
        assert_eq!(
            pieces(t),
            [
                "临江市人民政府关于改革供水管理体制的决 定",
                "临政发〔1988〕7号",
                "各区人民政府：",
                "一、改革管理体制",
                "(一)组建公司。公司的职责是:",
                "(1)管理水厂。",
                "(2)调度供水。区公司的职责是:",
                "(1)管理管网。",
                "(2)收取水费。",
                "二、实施步骤",
                "(二)分步实施。先试点后推开。",
            ]
        );
    }

    #[test]
    fn two_documents_a_notice_names_each_number_anew() {
        let t = "临江市人民政府批转供水和供电两个办法的通知各区人民政府：市政府同意《供水管理办法》、《供电管理办法》，现转发给你们。供水管理办法一、统一管理水源。二、实行计量供水。本办法自发布之日起执行。供电管理办法一、实行凭证供电。二、厉行节约用电。三、加强组织领导。";
        assert_eq!(
            pieces(t),
            [
                "临江市人民政府批转供水和供电两个办法的通知",
                "各区人民政府：",
                "市政府同意《供水管理办法》、《供电管理办法》，现转发给你们。",
                "供水管理办法",
                "一、统一管理水源。",
                "二、实行计量供水。本办法自发布之日起执行。",
                "供电管理办法",
                "一、实行凭证供电。",
                "二、厉行节约用电。",
                "三、加强组织领导。",
            ]
        );
    }

    #[test]
    fn a_date_inside_a_sentence_is_no_signature() {
        let t = "一、总体要求。本办法自二○二○年六月七日起施行。二、主要任务。做好工作。三、保障措施。加强领导。";
        assert_eq!(
            pieces(t),
            [
                "一、总体要求。本办法自二○二○年六月七日起施行。",
                "二、主要任务。做好工作。",
                "三、保障措施。加强领导。"
            ]
        );
    }
}
