//! Stage 3, layout: source lines → blocks, the logical lines the later stages classify.
//!
//! Most blocks are one source line. A block is several when the line breaks of the source are
//! not the document's own:
//!
//! - **web pages** whose inline markup became line breaks: a numbering marker alone on its line
//!   (`1.` then its text), a line that opens with a mark that never opens one (`，` `。` `）`
//!   `”`), a bracket or quote left open at the end of a line and closed a few short lines
//!   further (`（` / `此件` / `主动` / `公开）`), a date in pieces (`202` / `5` / `年` / `12` /
//!   `月` / `9` / `日`), a number and the measure word after it (`引进2-3` / `个……`), and, on a
//!   page that sets every figure on a line of its own (eight figures or more between words and
//!   their units), each figure with its sentence (`为` / `2021` / `年春节期间……`);
//! - **PDF text**, hard-wrapped at a fixed width: when most long lines of a document share one
//!   width, a line that fills it runs on into the next unless a sentence ends there and the
//!   next line is narrower (the indent of a new paragraph), or the next line opens with a
//!   numbering marker. Page numbers (`— 3 —`, `-3-`, `第 3 页`, `3/10`) and running heads
//!   (the same short line at every page break) are page furniture: they leave the text and go
//!   to the residue with their positions, and a paragraph split by them is joined across.
//!
//! A block keeps where each of its pieces came from, so that every span the later stages take
//! (a heading, the body after a run-in heading) still points at the source's bytes. Nothing is
//! dropped here but the line breaks and the blank lines inside a rejoined paragraph.

use super::explain::Log;
use super::lines::Line;
use crate::model::Span;
use crate::numbering::marker;
use crate::text::rules::{chars_ge, chars_le, ends_sentence, is_cjk, is_space, open_brackets};
use std::borrow::Cow;

/// A logical line: one source line, or pieces of several joined.
#[derive(Debug, Clone)]
pub(crate) struct Block<'a> {
    /// The text (trimmed; pieces joined without their line breaks).
    pub text: Cow<'a, str>,
    /// The first source line.
    pub line: Line<'a>,
    /// Pieces after the first: where each starts in `text`, and its source line.
    pieces: Vec<(usize, Line<'a>)>,
}

impl<'a> Block<'a> {
    fn one(line: Line<'a>) -> Block<'a> {
        Block {
            text: Cow::Borrowed(line.text),
            line,
            pieces: Vec::new(),
        }
    }

    /// True for an empty line.
    #[cfg(test)]
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// True when the block is pieces of several source lines.
    pub fn is_joined(&self) -> bool {
        !self.pieces.is_empty()
    }

    fn push(&mut self, line: Line<'a>) {
        let mut s = self.text.to_string();
        let last = s.chars().last();
        let next = line.text.chars().next();
        // words of a script with spaces keep one at the break
        if last.is_some_and(|c| c.is_ascii_alphanumeric())
            && next.is_some_and(|c| c.is_ascii_alphabetic())
        {
            s.push(' ');
        }
        self.pieces.push((s.len(), line));
        s.push_str(line.text);
        self.text = Cow::Owned(s);
    }

    /// The text without a Markdown heading prefix (`## `), the strong emphasis that opens a
    /// numbered line (`**一、主要目标**`, closed later on the line) or a database's field label
    /// (`【章名】 `, `【题注】 `: two to four letters in 【】 and a space before the text), for
    /// recognising structure.
    pub fn body(&self) -> &str {
        let t: &str = &self.text;
        let hashes = t.len() - t.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) {
            let rest = &t[hashes..];
            if rest.starts_with(' ') || rest.starts_with('\u{3000}') {
                return rest.trim_start_matches(is_space);
            }
        }
        if let Some(rest) = t.strip_prefix("**") {
            if rest.contains("**") && marker(rest).is_some() {
                return rest;
            }
        }
        field_label(t).map_or(t, |n| &t[n..])
    }

    /// Byte length of the Markdown prefix of `text`.
    pub fn markup_len(&self) -> usize {
        self.text.len() - self.body().len()
    }

    /// Source byte offset just past the block's last piece.
    fn end(&self) -> usize {
        let l = self.pieces.last().map_or(&self.line, |(_, l)| l);
        l.text_start + l.text.len()
    }

    /// The span of the whole block.
    pub fn span(&self) -> Span {
        self.span_from(0)
    }

    /// The span of the block's text from byte `skip` of `text` on.
    pub fn span_from(&self, skip: usize) -> Span {
        let (at, line) = self
            .pieces
            .iter()
            .rev()
            .find(|(at, _)| *at <= skip)
            .map_or((0, &self.line), |(at, l)| (*at, l));
        let within = (skip - at).min(line.text.len());
        let mut s = line.span_from(within);
        s.len = self.end() - s.offset;
        s
    }
}

/// The byte length of a field label at the start of `t` with the space after it (`【章名】 `),
/// when text follows.
pub(crate) fn field_label(t: &str) -> Option<usize> {
    let inner = t.strip_prefix('【')?;
    let close = inner.find('】')?;
    let label = &inner[..close];
    let rest = &inner[close + '】'.len_utf8()..];
    let text = rest.trim_start_matches(is_space);
    ((2..=4).contains(&label.chars().count())
        && label.chars().all(|c| c.is_alphabetic() && !c.is_ascii())
        && text.len() < rest.len()
        && !text.is_empty())
    .then_some(t.len() - text.len())
}

/// The blocks of a text, and its page furniture.
#[derive(Debug)]
pub(crate) struct Layout<'a> {
    pub blocks: Vec<Block<'a>>,
    /// The text writes its article numbers on at once with their text (`第一条为了……`).
    pub compact: bool,
    /// Page numbers and running heads, in source order.
    pub furniture: Vec<Line<'a>>,
}

/// Display width, about: two for a wide character (CJK and full-width forms take three bytes in
/// UTF-8), one for an ASCII one: the bytes less half the continuation bytes (the bytes less the
/// characters, which the standard library counts a word at a time). A line of more than 450
/// bytes is wider than any page (more than 300 columns).
fn width(s: &str) -> usize {
    if s.len() > 450 {
        return 301;
    }
    let cont = s.len() - s.chars().count();
    s.len() - cont / 2
}

/// The width of a line as printed: its indent counts, its trailing white space does not.
fn printed_width(l: &Line<'_>) -> usize {
    width(
        l.raw
            .trim_end_matches(is_space)
            .trim_start_matches(['\u{feff}', '\u{c}']),
    )
}

/// `— 3 —`, `-3-`, `－12－`, `第 3 页`, `第3页 共10页`, `3 / 10`, `Page 3`: a page number; also as
/// a converter of PDF to Markdown marks one, a heading with a colon (`# Page 1572:`).
pub(crate) fn is_page_number(t: &str) -> bool {
    // most lines open with a character no page number opens with
    let Some(first) = t.chars().next() else {
        return false;
    };
    if first == '#' {
        let inner = t.trim_start_matches('#');
        let inner = inner.trim_end_matches([':', '：']).trim_matches(is_space);
        return inner.len() + 1 < t.len() && !inner.starts_with('#') && is_page_number(inner);
    }
    let opens = first.is_ascii_digit()
        || ('０'..='９').contains(&first)
        || matches!(
            first,
            '-' | '－' | '—' | '–' | '‐' | '─' | '_' | '~' | '～' | '·' | '第' | '共' | 'P'
        );
    if !opens || !chars_le(t, 16) {
        return false;
    }
    let s: String = t.chars().filter(|c| !is_space(*c)).collect();
    let digits = |x: &str| {
        !x.is_empty()
            && x.chars().count() <= 4
            && x.chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    let dashes = ['-', '－', '—', '–', '‐', '─', '_', '~', '～', '·'];
    // — 3 —
    let inner = s.trim_start_matches(dashes);
    if inner.len() < s.len() {
        let core = inner.trim_end_matches(dashes);
        if core.len() < inner.len() && digits(core) {
            return true;
        }
    }
    // 第3页, 第3页共10页, 共10页第3页
    let pages = s.replace(['共', '第', '页'], "|");
    if s.contains('页')
        && s.chars()
            .all(|c| "第共页,，/".contains(c) || c.is_ascii_digit())
        && pages
            .split('|')
            .filter(|p| !p.is_empty())
            .all(|p| digits(p.trim_matches([',', '，', '/'])))
    {
        return true;
    }
    // 3/10
    if let Some((a, b)) = s.split_once('/') {
        if digits(a) && digits(b) {
            return true;
        }
    }
    // Page 3, Page 3 of 10
    if let Some(rest) = s.strip_prefix("Page") {
        let rest = rest.replace("of", "/");
        return rest.split('/').all(digits);
    }
    false
}

/// Finds page furniture: page numbers, then running heads (a short line that stands at three
/// or more page breaks, next to a page number or a form feed).
fn furniture(lines: &[Line<'_>], feeds: &[bool], log: &mut Log) -> Vec<bool> {
    let n = lines.len();
    let mut out: Vec<bool> = lines.iter().map(|l| is_page_number(l.text)).collect();
    let pages = out.iter().filter(|x| **x).count();
    let breaks = pages + feeds.iter().filter(|x| **x).count();
    if pages > 0 && pages < 2 {
        // one page-number-like line in a whole text is a line of text (`3/10` in a table),
        // unless it is framed as only page numbers are (`— 1 —`, `第 1 页`: a page of one;
        // a converter's mark, `# Page 12:`)
        let framed = |t: &str| {
            let t = t.trim_matches(is_space);
            t.ends_with('页')
                || t.ends_with(['-', '－', '—', '–', '‐', '─', '_', '~', '～', '·'])
                || t.starts_with('#')
        };
        for (k, f) in out.iter_mut().enumerate() {
            if *f
                && !framed(lines[k].text)
                && !feeds[k.saturating_sub(3)..(k + 4).min(n)]
                    .iter()
                    .any(|x| *x)
            {
                *f = false;
            }
        }
    }
    for (k, f) in out.iter().enumerate() {
        if *f {
            log.note(lines[k].span(), "furniture", || {
                format!("`{}` is a page number: moved to the residue", lines[k].text)
            });
        }
    }
    if breaks >= 2 {
        // lines near a page break: the two non-blank lines before and after each
        let near = |k: usize| -> bool {
            let lo = k.saturating_sub(3);
            let hi = (k + 4).min(n);
            (lo..hi).any(|j| j != k && (out[j] || feeds[j])) || feeds[k]
        };
        let mut counts: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        for (k, l) in lines.iter().enumerate() {
            // a head has words: two letters or ideographs at least (a `。` carried over a page
            // break stands there as often, and is text)
            let words = l
                .text
                .chars()
                .filter(|c| c.is_alphanumeric())
                .take(2)
                .count()
                == 2;
            if words && !out[k] && chars_le(l.text, 40) && near(k) {
                counts.entry(l.text).or_default().push(k);
            }
        }
        for (text, at) in counts {
            if at.len() >= 3 && at.len() * 2 >= breaks.min(at.len() * 2) && marker(text).is_none() {
                for &k in &at {
                    out[k] = true;
                    log.note(lines[k].span(), "furniture", || {
                        format!(
                            "`{text}` stands at {} page breaks: a running head, moved to the residue",
                            at.len()
                        )
                    });
                }
            }
        }
    }
    out
}

/// A row of a table: three cells or more, set apart by wide gaps (an ideographic space, a tab,
/// two spaces or more). Single spaces, as around the figures of `2025 年 3 月`, are no gap.
fn is_row(t: &str) -> bool {
    let mut gaps = 0;
    let mut run = 0usize;
    let mut wide = false;
    for c in t.chars() {
        if is_space(c) || c == '\t' {
            run += 1;
            wide |= c != ' ';
        } else {
            if wide || run >= 2 {
                gaps += 1;
            }
            run = 0;
            wide = false;
        }
    }
    gaps >= 2
}

/// What the text shows of a printed page: the width it is wrapped at, whether an indent opens
/// a paragraph, whether page furniture (numbers, form feeds) shows pages.
#[derive(Debug, Clone, Copy, Default)]
struct Print {
    /// The text writes its article numbers on at once with their text (`第一条为了……`).
    compact: bool,
    width: Option<usize>,
    /// The widest line of a page (up to 250 columns), where no width is shown.
    widest: usize,
    /// Most lines start at the margin and a few are indented: those open paragraphs.
    indents: bool,
    paged: bool,
    /// A web page that sets every figure on a line of its own (`为` / `2021` / `年春节期间`):
    /// eight such lines or more inside sentences, and one line in fifty.
    figures_apart: bool,
    /// The width of a whole printed line of a text whose paragraphs came with blanks where
    /// their lines wrapped (see [`super::lines::split_wrap_blanks`]): the middle pieces' median.
    piece_width: Option<usize>,
    /// A hard-wrapped text whose extraction also broke lines short at its clauses: lines well
    /// short of the width that end in a comma (`，`, `、`) and go on in the next line, five or
    /// more and one line in twenty (see [`clause_breaks`]).
    clause_breaks: bool,
}

/// Whether a text wrapped at `width` was also broken short at its clauses, as a PDF's text
/// comes out where the extraction cut a printed line at every run of its own (`为全面贯彻落实党的
/// 二十大精神，` / `认真落实党中央、` / `国务院关于……`): five lines or more, one in twenty, well
/// short of the width, end in a comma, and the next line is text (no marker, not indented).
fn clause_breaks(lines: &[Line<'_>], furn: &[bool], width: Option<usize>) -> bool {
    let Some(w) = width else {
        return false;
    };
    let text = lines.iter().filter(|l| !l.text.is_empty()).count();
    let broken = (0..lines.len().saturating_sub(1))
        .filter(|&k| {
            let (l, next) = (&lines[k], &lines[k + 1]);
            !furn[k]
                && l.text.ends_with(['，', '、'])
                && printed_width(l) + 12 < w
                && !next.text.is_empty()
                && !indented(next)
                && marker(next.text).is_none()
        })
        .count();
    broken >= 5 && broken * 20 >= text
}

/// A figure a web page set apart as it sets an inline element (`2021`, `70%`, `0:00`,
/// `2018~2020`): a short run of Latin letters, digits and the marks of numbers, a digit in it,
/// no numbering marker.
fn figure_piece(t: &str) -> bool {
    t.len() <= 16
        && t.bytes().any(|c| c.is_ascii_digit())
        && t.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"%.:~-/+,".contains(&c))
        && marker(t).is_none()
}

/// What follows a number in a sentence: its unit or measure word (`2021` / `年`, `2-3` / `个`).
const UNITS: &[char] = &[
    '年', '月', '日', '时', '万', '亿', '千', '百', '元', '个', '台', '户', '次', '项', '家', '人',
    '件', '条', '号', '余', '多', '倍', '米', '吨', '度', '天', '%', '％',
];

/// The measure words of [`UNITS`] that open no common word of their own (`天津`, `人民`, `项目`
/// open with others): a line that opens with one after a number goes on with it.
const MEASURES: &[char] = &[
    '个', '万', '亿', '千', '百', '台', '户', '次', '件', '倍', '吨', '%', '％',
];

/// Whether the text sets its figures apart on lines of their own ([`Print::figures_apart`]):
/// a figure right under words whose sentence goes on and right above the unit or the mark it
/// takes (`为` / `2021` / `年……`, `超过` / `1000` / `万平米……`); not a figure among the cells of a
/// table, under a figure or past a blank line, nor above a cell.
fn figures_apart(lines: &[Line<'_>], furn: &[bool]) -> bool {
    let text: Vec<&str> = lines
        .iter()
        .zip(furn)
        .filter(|(_, f)| !**f)
        .map(|(l, _)| l.text)
        .collect();
    let inside = text
        .windows(3)
        .filter(|w| {
            figure_piece(w[1])
                && !ends_sentence(w[0])
                && w[0].ends_with(is_cjk)
                && (w[2].starts_with(UNITS)
                    || w[2].starts_with(['，', '、', '。', '；', '）', ')']))
        })
        .count();
    let text_lines = text.iter().filter(|t| !t.is_empty()).count();
    inside >= 8 && inside * 50 >= text_lines
}

/// True for a line that starts with white space (after a byte order mark or a form feed).
fn indented(l: &Line<'_>) -> bool {
    l.raw
        .trim_start_matches(['\u{feff}', '\u{c}'])
        .starts_with(|c: char| is_space(c) || c == '\t')
}

/// True when three lines or more are indented and three or more are not: the indent is a
/// paragraph's first line, not a margin every line has.
fn indents_open_paragraphs(lines: &[Line<'_>], furn: &[bool]) -> bool {
    let (mut text, mut indents) = (0, 0);
    for (l, f) in lines.iter().zip(furn) {
        if !*f && !l.text.is_empty() {
            text += 1;
            indents += usize::from(indented(l));
        }
    }
    indents >= 3 && text - indents >= 3
}

/// The width a hard-wrapped text is wrapped at: most long lines share it (within a character)
/// and few lines are longer. `None` for text laid out one paragraph to a line.
fn wrap_width(printed: &[usize], paged: bool) -> Option<usize> {
    let widths: Vec<usize> = printed.iter().copied().filter(|w| *w >= 20).collect();
    if widths.len() < 6 {
        return None;
    }
    // a page is at most 250 columns wide: longer lines are paragraphs on a line of their own
    let mut hist = [0usize; 251];
    for &w in widths.iter().filter(|w| **w <= 250) {
        hist[w] += 1;
    }
    let band_of = |w: usize| hist[w.saturating_sub(2)..=w].iter().sum::<usize>();
    // the width whose band [w-2, w] holds the most lines (the widest of equals)
    let (w, band) = (20..=250)
        .filter(|&w| hist[w] > 0)
        .map(|w| (w, band_of(w)))
        .max_by_key(|&(w, c)| (c, w))?;
    // the band's most common width is the wrap width (a few lines a column or two wider, with
    // a wide quote or dash among narrow characters, do not move it)
    let w = (w.saturating_sub(2)..=w)
        .filter(|&x| hist[x] > 0)
        .max_by_key(|&x| (hist[x], x))
        .unwrap_or(w);
    let longer = widths.iter().filter(|x| **x > w + 2).count();
    // six lines or more at the width, a third of the long lines, show it, with a few lines
    // longer (a line of Latin letters, a table); four (a notice of one page) where no line at
    // all is longer, as in no text laid out a paragraph to a line; four where page numbers
    // show printed pages, whatever else the pages hold (tables of rows)
    let third = band * 10 >= widths.len() * 3;
    let few_longer = longer * 10 <= widths.len();
    let shown = band >= 6 && third && few_longer
        || band >= 4 && third && longer == 0
        || band >= 4 && paged && few_longer;
    (w >= 30 && shown).then_some(w)
}

/// True for a date in pieces: digits, 年, 月, 日 and nothing else, short.
fn date_piece(t: &str) -> bool {
    !t.is_empty()
        && chars_le(t, 5)
        && t.chars().all(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '年' | '月' | '日')
        })
}

/// A text that is a date or the start of one: `2025`, `2025年12`, `2025年12月9日` (年, 月, 日 in
/// that order, each once, a year of up to four digits, a month and a day of up to two).
fn date_so_far(t: &str) -> bool {
    let units = ['年', '月', '日'];
    let mut next_unit = 0;
    let mut digits = 0;
    for c in t.chars() {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            digits += 1;
            let most = if next_unit == 0 { 4 } else { 2 };
            if digits > most {
                return false;
            }
        } else if let Some(u) = units.iter().position(|x| *x == c) {
            // a unit needs its number, and comes after the units before it (a date may start
            // at its month: `12月9日`)
            if digits == 0 || u < next_unit || next_unit > 2 {
                return false;
            }
            next_unit = u + 1;
            digits = 0;
        } else {
            return false;
        }
    }
    true
}

/// Cuts lines into blocks (see the module documentation).
pub(crate) fn layout<'a>(lines: &[Line<'a>], log: &mut Log) -> Layout<'a> {
    let n = lines.len();
    // form feeds (pdftotext's page breaks): one search of each line, most texts have none
    let any_feed = lines
        .iter()
        .any(|l| memchr::memchr(0x0C, l.raw.as_bytes()).is_some());
    let feeds: Vec<bool> = if any_feed {
        lines.iter().map(|l| l.raw.contains('\u{c}')).collect()
    } else {
        vec![false; n]
    };
    let mut furn = furniture(lines, &feeds, log);
    // (a piece of a line cut where its printed line wrapped is text, whatever it holds)
    for k in 0..n {
        if lines[k].wrapped || lines.get(k + 1).is_some_and(|l| l.wrapped) {
            furn[k] = false;
        }
    }
    let paged = furn.iter().any(|f| *f) || any_feed;
    // the printed width of every line of text (furniture and blank lines aside, and the pieces
    // of lines cut where they wrapped: their width is the source's, not this text's), measured
    // once
    let printed: Vec<usize> = lines
        .iter()
        .zip(&furn)
        .enumerate()
        .filter(|(k, (l, f))| {
            !**f && !l.text.is_empty() && !l.wrapped && !lines.get(k + 1).is_some_and(|x| x.wrapped)
        })
        .map(|(_, (l, _))| printed_width(l))
        .collect();
    let widest = printed
        .iter()
        .copied()
        .filter(|w| *w <= 250)
        .max()
        .unwrap_or(0);
    let compact = crate::numbering::articles_at_once(lines.iter().map(|l| l.text));
    let wrap = wrap_width(&printed, paged);
    let print = Print {
        compact,
        width: wrap,
        clause_breaks: clause_breaks(lines, &furn, wrap),
        widest,
        indents: indents_open_paragraphs(lines, &furn),
        paged,
        figures_apart: figures_apart(lines, &furn),
        piece_width: {
            let mut w: Vec<usize> = (1..n)
                .filter(|&k| lines[k].wrapped && lines.get(k + 1).is_some_and(|l| l.wrapped))
                .map(|k| width(lines[k].text))
                .collect();
            w.sort_unstable();
            (w.len() >= 5).then(|| w[w.len() / 2])
        },
    };
    if let (Some(w), Some(first)) = (print.width, lines.iter().find(|l| !l.text.is_empty())) {
        log.note(first.span(), "wrap", || {
            format!(
                "most long lines are {w} columns wide: the text is hard-wrapped, lines that fill the width run on{}",
                if print.indents { " unless the next line is indented (a paragraph's first line)" } else { "" }
            )
        });
    }
    let mut blocks: Vec<Block<'a>> = Vec::with_capacity(n);
    let mut furniture_lines = Vec::new();
    let mut i = 0;
    while i < n {
        if furn[i] {
            furniture_lines.push(lines[i]);
            i += 1;
            continue;
        }
        let l = lines[i];
        if l.text.is_empty() {
            blocks.push(Block::one(l));
            i += 1;
            continue;
        }
        let mut b = Block::one(l);
        let mut last = i;
        loop {
            // a piece after a blank where the printed line wrapped goes on with its line
            if lines.get(last + 1).is_some_and(|x| x.wrapped) {
                b.push(lines[last + 1]);
                last += 1;
                continue;
            }
            let Some((j, skipped)) = next_line(lines, &furn, &feeds, last, print.width.is_some())
            else {
                break;
            };
            let Some((upto, why)) = join(&b, lines, &furn, last, j, skipped, print) else {
                break;
            };
            for k in last + 1..=upto {
                if furn[k] {
                    furniture_lines.push(lines[k]);
                } else if !lines[k].text.is_empty() {
                    b.push(lines[k]);
                }
            }
            log.note(lines[j].span(), "rejoined", || {
                format!(
                    "line {} continues line {}: {why}",
                    lines[j].no, lines[last].no
                )
            });
            last = upto;
        }
        blocks.push(b);
        i = last + 1;
    }
    Layout {
        blocks,
        compact,
        furniture: furniture_lines,
    }
}

/// The next line after `k` that could continue it: the next non-blank line, past furniture,
/// and past blank lines only where a page break stands between (wrapped text) or one blank
/// line alone (web text). Returns it and the number of blank lines skipped.
fn next_line(
    lines: &[Line<'_>],
    furn: &[bool],
    feeds: &[bool],
    k: usize,
    wrapped: bool,
) -> Option<(usize, usize)> {
    let mut blanks = 0;
    let mut page_break = false;
    let mut j = k + 1;
    while j < lines.len() {
        if furn[j] {
            page_break = true;
        } else if lines[j].text.is_empty() {
            blanks += 1;
        } else {
            if feeds[j] {
                page_break = true;
            }
            let ok = blanks == 0 || blanks == 1 || (wrapped && page_break && blanks <= 3);
            return ok.then_some((j, blanks));
        }
        j += 1;
    }
    None
}

/// Whether block `b` (ending at line `k`) runs on into line `j`, and through which line it
/// then runs (a bracket closed further down takes several), with the evidence.
fn join(
    b: &Block<'_>,
    lines: &[Line<'_>],
    furn: &[bool],
    k: usize,
    j: usize,
    blanks: usize,
    print: Print,
) -> Option<(usize, &'static str)> {
    let prev: &str = &b.text;
    let next = lines[j].text;
    if prev == crate::text::rules::OBJECT_LINE || next == crate::text::rules::OBJECT_LINE {
        return None;
    }
    // computed only when a rule needs it: most lines are tried against rules that their first
    // or last bytes turn away
    let next_marker = || {
        marker(next).is_some() || print.compact && crate::numbering::compact_article(next).is_some()
    };
    // a text printed with blanks where its lines wrapped: a paragraph's last printed line that
    // fills the width (and is no wider: one printed line) and leaves its sentence open goes on
    // in the next line (a page broke there), be it the paragraph's first line (not one that
    // ends in a colon: an addressee's); the next line, the rest of the paragraph, ends it (not
    // a title followed by the addressee)
    if let Some(w) = print.piece_width {
        let last = lines[k].text;
        if blanks == 0
            && (lines[k].wrapped || !last.ends_with(['：', ':', '；', ';']))
            && (w.saturating_sub(6)..=w + 2).contains(&width(last))
            && !ends_sentence(last)
            && {
                // (the source line's last piece, where the blanks cut it)
                let mut x = j;
                while lines.get(x + 1).is_some_and(|l| l.wrapped) {
                    x += 1;
                }
                lines[x].text.ends_with(['。', '；', '！', '？', ';'])
            }
            && !next_marker()
        {
            return Some((
                j,
                "the paragraph's last printed line fills the width and its sentence goes on (a page break)",
            ));
        }
    }
    // an article's number quoted in an open sentence and broken onto a line of its own, as a
    // web page's links to articles are copied (`……依照本法` / `第四十九条` / `、` / `第五十一条` /
    // `等法律规定……`): the sentence runs on through the numbers, the marks between them and
    // the line of text after them
    // (running text: a clause before, no title or heading)
    if blanks == 0
        && next.starts_with('第')
        && chars_ge(prev, 20)
        && prev.contains('，')
        && !ends_sentence(prev)
        && !prev.ends_with(['：', ':'])
    {
        let number_alone = |t: &str| {
            t.starts_with('第')
                && marker(t).is_some_and(|m| {
                    m.style == crate::numbering::Style::Article && m.len == t.len()
                })
        };
        if number_alone(next) {
            let mut x = j;
            while lines.get(x + 1).is_some_and(|l| {
                number_alone(l.text)
                    || chars_le(l.text, 2)
                        && !l.text.is_empty()
                        && l.text.chars().all(|c| "、，,和及或与".contains(c))
            }) {
                x += 1;
            }
            let goes_on = lines.get(x + 1).is_some_and(|l| {
                !l.text.is_empty()
                    && marker(l.text).is_none()
                    && crate::numbering::compact_article(l.text).is_none()
            });
            if goes_on {
                return Some((
                    x + 1,
                    "an article's number quoted in an open sentence, broken onto a line of its own (a web page's link)",
                ));
            }
        }
    }
    // a numbering marker alone on its line, its text on the next (a marker is short); an
    // article's number alone (`第一条` / `为了……`) stays alone, as a chapter's does: the text
    // under it is the article's first paragraph, as it is printed
    if prev.len() <= 24 && !b.is_joined() && blanks <= 1 {
        if let Some(m) = marker(b.body()) {
            if m.len == b.body().len()
                && m.style != crate::numbering::Style::Article
                && !next_marker()
            {
                return Some((
                    j,
                    "a numbering marker alone on its line takes the text after it",
                ));
            }
        }
    }
    // a law's heading set letter-spaced, one or two characters a line (`第一章` / `总` / `则`)
    if blanks <= 1 && prev.len() <= 3 * 12 {
        if let Some(m) = marker(b.body()) {
            let heading = b.body()[m.len..].trim_matches(is_space);
            let piece = chars_le(next, 2)
                && next.chars().all(|c| {
                    crate::text::rules::is_cjk(c) && !"，。、；：！？（）《》".contains(c)
                });
            if matches!(
                m.style,
                crate::numbering::Style::Book
                    | crate::numbering::Style::Subbook
                    | crate::numbering::Style::Chapter
                    | crate::numbering::Style::Division
            ) && chars_le(heading, 4)
                && piece
                && !next_marker()
            {
                return Some((j, "a law's heading set one or two characters a line"));
            }
        }
    }
    // a mark that never opens a line
    if next.starts_with([
        '，', '。', '、', '；', '：', '！', '？', '）', '》', '」', '』', '”', '’', '…', ',', ';',
        ')',
    ]) && !next.starts_with("……")
        || next.starts_with("……") && !ends_sentence(prev)
    {
        return Some((j, "it opens with a mark that never opens a line"));
    }
    // a date in pieces (a web page may set each piece apart as it sets paragraphs apart)
    if blanks <= 1
        && date_piece(next)
        && !tail_date(prev).is_empty()
        && date_so_far(tail_date(prev))
    {
        let joined = format!("{}{}", tail_date(prev), next);
        if date_so_far(&joined) && (joined.contains('年') || next_is_date_piece(lines, j)) {
            return Some((j, "a date in pieces"));
        }
    }
    if blanks <= 1
        && prev.ends_with(|c: char| c.is_ascii_digit())
        && next.starts_with(['年', '月', '日'])
        && date_so_far(&format!(
            "{}{}",
            tail_date(prev),
            next.chars().next().unwrap_or(' ')
        ))
    {
        return Some((j, "a number and the 年/月/日 after it"));
    }
    // a sentence broken between a number and its measure word (`选育或引进2-3` / `个适宜……`):
    // the number follows a word, and the next line opens with a measure word that opens no
    // word of its own (not `天津`, `人民`, `项目`)
    let in_words = || {
        prev.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | '~'))
            .ends_with(|c: char| ('\u{4e00}'..='\u{9fff}').contains(&c))
    };
    if blanks <= 1
        && prev.ends_with(|c: char| c.is_ascii_digit())
        && next.starts_with(MEASURES)
        && in_words()
        && !next_marker()
    {
        return Some((j, "a number and the unit or measure word after it"));
    }
    // a page that sets its figures apart: a figure goes on with the sentence before it (not
    // a heading's: a marker of the first levels or a law's unit, and no sentence mark), and
    // the text after a figure with it
    if print.figures_apart && blanks == 0 && !next_marker() {
        use crate::numbering::Style;
        let heading = || {
            marker(b.body()).is_some_and(|m| {
                !matches!(
                    m.style,
                    Style::Arabic | Style::ArabicParen | Style::Circled | Style::Article
                )
            }) && !prev.contains(['，', '。', '；', '：'])
        };
        // (nor the date in pieces under a signature, `市财政局` / `202` / `5` / `年` …)
        let signed = || crate::text::rules::is_signature(prev) && whole_date_from(lines, j);
        if figure_piece(next)
            && !ends_sentence(prev)
            && prev.ends_with(is_cjk)
            && !heading()
            && !signed()
        {
            return Some((
                j,
                "a figure the page set on a line of its own, in its sentence",
            ));
        }
        // (not after an attachment's label and its number, `附件` / `1`: its title follows;
        // nor into the next label)
        if figure_piece(lines[k].text)
            && !ends_sentence(prev)
            && crate::text::rules::attachment_label(prev).is_none()
            && !next.starts_with("附件")
        {
            return Some((j, "the sentence goes on after a figure the page set apart"));
        }
    }
    // a bracket or quote left open, closed within a few short lines
    // (fragments are short: a long line with a bracket open is a typo, not a fragment)
    if prev.len() <= 120 && open_brackets(prev) > 0 && !next_marker() {
        let mut depth_text = prev.to_string();
        let mut m = j;
        let mut taken = 0;
        while m < lines.len() && taken < 8 {
            if furn[m] || lines[m].text.is_empty() {
                if m > j
                    && lines[m].text.is_empty()
                    && lines.get(m + 1).is_some_and(|l| l.text.is_empty())
                {
                    break;
                }
                m += 1;
                continue;
            }
            let t = lines[m].text;
            if m > j && marker(t).is_some() || !chars_le(t, 120) {
                break;
            }
            depth_text.push_str(t);
            // (a figure a page set apart is a piece of a line, not a line)
            if !(print.figures_apart && figure_piece(t)) {
                taken += 1;
            }
            if open_brackets(&depth_text) == 0 {
                return Some((m, "a bracket or quote left open is closed there"));
            }
            m += 1;
        }
    }
    // a row of a table (cells set apart by wide gaps) neither continues nor is continued
    let rows = || is_row(lines[k].text) || is_row(next);
    // printed pages whose paragraphs open indented: a paragraph runs on over lines at the
    // margin while its lines are as wide as the widest and its sentence goes on (a page of a
    // few lines shows no width of its own)
    if print.indents
        && (print.paged || print.width.is_some())
        && blanks == 0
        && printed_width(&lines[k]) + 5 >= print.width.unwrap_or(print.widest)
        && indented(&b.line)
        && !indented(&lines[j])
        && !ends_sentence(lines[k].text)
        && !rows()
        && !next_marker()
        && !is_break_line(next)
    {
        return Some((
            j,
            "the paragraph opens indented and this line, at the margin, goes on with its sentence",
        ));
    }
    // hard-wrapped text
    if let Some(w) = print.width {
        let indents = print.indents;
        let last_piece = lines[k].text;
        // the last line as printed, its indent included (an indented first line can fill the
        // width); the next one without its indent (a new paragraph's first line is indented)
        let lw = printed_width(&lines[k]);
        let nw = width(next);
        let full = lw + 5 >= w;
        let next_full = nw + 2 >= w;
        // a block that is one whole parenthesis (an adoption line, a note) is complete
        let parenthesis = prev.starts_with(['（', '('])
            && prev.ends_with(['）', ')'])
            && open_brackets(prev) == 0;
        // a title that happens to fill the width ends before the adoption line or the note
        // in brackets under it
        let title_then_note =
            next.starts_with(['（', '(']) && crate::text::rules::is_title_line(prev);
        let opens_paragraph = indents && indented(&lines[j]);
        // (a text broken short at its clauses: a line that ends in a comma goes on, and so
        // does a paragraph of running text (a sentence mark in it, no marker: not a heading of
        // phrases, `五、加强领导，统筹规划`) that leaves its sentence open;
        // a fragment of a few characters goes on with the text around it, `……企业标准` /
        // `“领跑者”` / `活动。`, where no marker or label is in it)
        let fragment = |t: &str| chars_le(t, 6) && marker(t).is_none() && !is_break_line(t);
        let clause = print.clause_breaks
            && !ends_sentence(last_piece)
            && !last_piece.ends_with(['：', ':'])
            && (last_piece.ends_with(['，', '、'])
                || prev.contains(['。', '，', '；']) && marker(b.body()).is_none()
                || fragment(prev)
                || fragment(next));
        if (full || clause)
            && !parenthesis
            && !title_then_note
            && !opens_paragraph
            && !rows()
            && !next_marker()
            && !is_break_line(next)
        {
            if !ends_sentence(last_piece) {
                return Some((j, "the line fills the wrap width and its sentence goes on"));
            }
            if next_full {
                return Some((
                    j,
                    "both lines fill the wrap width (a new paragraph's first line is indented)",
                ));
            }
        }
    }
    None
}

/// True when the lines from `j` on, one after the other, are the pieces of a whole date
/// (`202` / `5` / `年` / `12` / `月` / `9` / `日`) and nothing more.
fn whole_date_from(lines: &[Line<'_>], j: usize) -> bool {
    let mut date = String::new();
    for l in lines[j..].iter().take(10) {
        if !date_piece(l.text) {
            break;
        }
        date.push_str(l.text);
    }
    date.contains('年') && date.ends_with('日') && date_so_far(&date)
}

/// The date-like tail of a text: its last characters that are digits or 年/月/日.
fn tail_date(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| {
            c.is_ascii_digit() || ('０'..='９').contains(c) || matches!(*c, '年' | '月' | '日')
        })
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

/// True when the line after `j` (past one blank line) is a date piece too (`202` / `5` / `年`).
fn next_is_date_piece(lines: &[Line<'_>], j: usize) -> bool {
    let after = if lines.get(j + 1).is_some_and(|l| l.text.is_empty()) {
        j + 2
    } else {
        j + 1
    };
    lines
        .get(after)
        .is_some_and(|l| date_piece(l.text) && l.text.starts_with(['年', '月', '日']))
}

/// Lines that end what comes before them in any layout: a table-of-contents heading, a title
/// of a chapter (`第一章`), an attachment label, a document number.
fn is_break_line(t: &str) -> bool {
    crate::text::rules::is_law_heading(t)
        || crate::text::rules::attachment_label(t).is_some()
        || crate::text::rules::doc_number(t).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::read::lines::split;
    use crate::text::rules::chars;

    fn texts(src: &str) -> Vec<String> {
        let lines = split(src);
        let mut log = Log::new(false);
        layout(&lines, &mut log)
            .blocks
            .iter()
            .filter(|b| !b.is_blank())
            .map(|b| b.text.to_string())
            .collect()
    }

    #[test]
    fn web_fragments_are_rejoined() {
        assert_eq!(
            texts("1.\n摸底排查。全面排查。\n2.\n整改。"),
            ["1.摸底排查。全面排查。", "2.整改。"]
        );
        assert_eq!(texts("（\n此件\n主动\n公开）"), ["（此件主动公开）"]);
        assert_eq!(texts("202\n5\n年\n12\n月\n9\n日"), ["2025年12月9日"]);
        assert_eq!(
            texts("现下达\n2025\n年资金计划\n，用于"),
            ["现下达", "2025年资金计划，用于"]
        );
        assert_eq!(
            texts("一、总体要求\n以习近平新时代中国特色社会主义思想为指导。"),
            ["一、总体要求", "以习近平新时代中国特色社会主义思想为指导。"]
        );
    }

    #[test]
    fn page_numbers() {
        for t in [
            "－1－",
            "— 3 —",
            "-3-",
            "- 12 -",
            "第 3 页",
            "第3页共10页",
            "3/10",
            "Page 3",
            "# Page 1572:",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in [
            "1.",
            "2019",
            "三、",
            "—— 经济",
            "第三章",
            "-",
            "# 第三章",
            "# 2019",
            "#",
        ] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn hard_wrapped_text_runs_on_and_keeps_spans() {
        let para = |s: &str, w: usize| -> Vec<String> {
            s.chars()
                .collect::<Vec<_>>()
                .chunks(w)
                .map(|c| c.iter().collect())
                .collect()
        };
        let a = "这是第一段的文字内容，它很长，需要在固定的宽度上折行，一直写到第一段结束为止。"
            .repeat(5);
        let b = "第二段开始了，它也很长，同样需要折行，并且在中间还有分页的页码出现。".repeat(5);
        let mut lines = vec!["关于某事的通知".to_string()];
        for (k, l) in para(&a, 24).into_iter().enumerate() {
            lines.push(if k == 0 { format!("　　{l}") } else { l });
        }
        let bl = para(&b, 24);
        lines.push(bl[0].clone());
        lines.push("－2－".into());
        lines.push(String::new());
        // pdftotext opens a page with a form feed
        lines.push(format!("\u{c}{}", bl[1]));
        lines.extend(bl[2..].iter().cloned());
        let src = lines.join("\n");
        let got = texts(&src);
        assert_eq!(got.len(), 3, "{got:#?}");
        assert_eq!(got[1], a);
        assert_eq!(got[2], b);
        let all = split(&src);
        let mut log = Log::new(false);
        let lay = layout(&all, &mut log);
        assert_eq!(lay.furniture.len(), 1);
        let second = &lay
            .blocks
            .iter()
            .filter(|b| !b.is_blank())
            .nth(2)
            .expect("block");
        // a span inside the second piece points at the source bytes of that piece
        let at = second.text.find("中间").expect("text");
        let sp = second.span_from(at);
        assert_eq!(&src[sp.offset..sp.offset + "中间".len()], "中间");
        assert_eq!(
            chars(src[..sp.offset].rsplit('\n').next().unwrap_or("")) as u32 + 1,
            sp.column
        );
    }
}
