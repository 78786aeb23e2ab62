//! Stage 4, classification: every block gets its kind once, by its shape alone (a numbering
//! marker, page chrome, a metadata-box line, a publication line, a document number, a date, an
//! attachment label or list, a notes label, a bracketed note, text). Later stages read the
//! kind instead of asking the same questions of the same line again.

use super::layout::Block;
use crate::model::Date;
use crate::numbering::{marker, parse_date, Marker, Style};
use crate::text::rules::{
    attachment_label, box_fields, doc_number, ends_sentence, is_attachment_list, is_chrome,
    is_note, key_value, label_with_title, notes_label, publication_datetime, publication_pairs,
    spaced_box_fields, title_shape, PUBLICATION_KEYS,
};

/// What a block is by its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Blank,
    /// Opens with a numbering marker (`一、`, `（一）`, `1.`, `（1）`, `①`).
    Marker,
    /// Page chrome: navigation, toolbars, footers, licence lines.
    Chrome,
    /// A line of a page's metadata box (`索 引 号：…`).
    BoxField,
    /// The value of a metadata-box key that stood alone on the line before (`名 称 ：` then
    /// the title on its own line).
    BoxValue,
    /// A publication line: `来源：…`, `2020-06-30 10:35`.
    Publication,
    /// A document number alone: `国发〔2019〕5号`.
    DocNumber,
    /// A date alone: `2019年1月27日`.
    Date,
    /// An attachment label: `附件`, `附件2`.
    AttachmentLabel,
    /// An attachment list (附件说明): `附件：1.……`.
    AttachmentList,
    /// A notes label: `名词解释`, `注：`.
    NotesLabel,
    /// A short line in brackets: `（此件公开发布）`.
    Note,
    /// Anything else.
    Text,
}

/// A block's kind and what its shape told.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Class {
    pub kind: Kind,
    /// The numbering marker at the start of the block's text (after any Markdown prefix).
    pub marker: Option<Marker>,
    /// The date, when the block is a date alone.
    pub date: Option<Date>,
    /// The attachment number of an attachment label (`Some(None)` for `附件` alone).
    pub attachment: Option<Option<u32>>,
    /// True when the block could be (a piece of) a title.
    pub title_piece: bool,
    /// True when the block ends like a sentence.
    pub sentence: bool,
    /// True when the block reads as page chrome (whatever its kind: `原标题：…` is a
    /// publication line and chrome).
    pub chrome: bool,
}

impl Class {
    pub fn is_blank(&self) -> bool {
        self.kind == Kind::Blank
    }

    /// Makes the block a line of a metadata box (`kind`: a key's line or a value's), and so
    /// nothing else: no title piece, chrome, marker or date.
    fn box_line(&mut self, kind: Kind) {
        self.kind = kind;
        self.title_piece = false;
        self.chrome = false;
        self.marker = None;
        self.date = None;
    }
}

/// Classifies one block.
pub(crate) fn classify(b: &Block<'_>) -> Class {
    classify_as(b, true)
}

/// [`classify`], with decimal outline markers (`1　总则`, `1.1　……`) taken as markers only
/// when `decimal` is true.
fn classify_as(b: &Block<'_>, decimal: bool) -> Class {
    let t: &str = &b.text;
    let mut c = Class {
        kind: Kind::Text,
        marker: None,
        date: None,
        attachment: None,
        title_piece: false,
        sentence: false,
        chrome: false,
    };
    if t.is_empty() {
        c.kind = Kind::Blank;
        return c;
    }
    if t == crate::text::rules::OBJECT_LINE {
        // an object of the page (a table) reads as a paragraph of running text
        c.sentence = true;
        return c;
    }
    c.sentence = ends_sentence(t);
    c.marker = marker(b.body()).filter(|m| decimal || !is_decimal(m.style));
    // a numbered line is the document's (`第三章 产业指导与技术支持`), whatever words it holds
    c.chrome = c.marker.is_none() && is_chrome(t);
    c.date = parse_date(t);
    c.attachment = attachment_label(t);
    // most lines are paragraphs: a key (of a box or a publication line) has its colon within
    // the first 48 bytes, a number or a note is short; the rest need not be asked of them
    let head = &t.as_bytes()[..t.len().min(48)];
    // `：` is EF BC 9A: its lead byte is rare in Chinese text (full-width forms only)
    let colon = memchr::memchr(b':', head).is_some()
        || memchr::memchr_iter(0xEF, head).any(|i| head[i + 1..].starts_with(&[0xBC, 0x9A]));
    let short = t.len() <= 360;
    c.kind = if c.marker.is_some() {
        Kind::Marker
    } else if c.date.is_some() {
        Kind::Date
    } else if c.attachment.is_some() {
        Kind::AttachmentLabel
    } else if is_attachment_list(t)
        || t.starts_with('[') && is_attachment_list(&crate::text::rules::unlinked(t))
    {
        Kind::AttachmentList
    } else if colon && box_fields(t).is_some() || !colon && spaced_box_fields(t).is_some() {
        Kind::BoxField
    } else if colon && (key_value(t, PUBLICATION_KEYS).is_some() || publication_pairs(t).is_some())
        || publication_datetime(t).is_some()
    {
        Kind::Publication
    } else if c.chrome {
        Kind::Chrome
    } else if short
        && t.trim_end_matches(['）', ')', ' ']).ends_with(['号', '號'])
        && doc_number(t).is_some()
    {
        Kind::DocNumber
    } else if t.starts_with(['注', '名', '说', '【', '〔', '[']) && notes_label(t).is_some() {
        Kind::NotesLabel
    } else if short && is_note(t) {
        Kind::Note
    } else {
        Kind::Text
    };
    // a text or a bracketed note may be a piece of a title; its kind says it is no marker,
    // chrome, number, date or label
    c.title_piece = short
        && !c.sentence
        && matches!(c.kind, Kind::Text | Kind::Note)
        && !c.chrome
        && title_shape(b.body());
    c
}

/// Classifies every block; `compact` when the text writes its article numbers on at once with
/// their text (see [`crate::numbering::articles_at_once`], which the layout asked).
pub(crate) fn classify_all(blocks: &[Block<'_>], compact: bool) -> Vec<Class> {
    let mut out: Vec<Class> = blocks.iter().map(classify).collect();
    // a text numbers in decimal outline (`1.1　……`) when two lines or more below the first
    // level do; elsewhere `1　……` or `1.5 亿` at the start of a line is no marker
    let deeper = out
        .iter()
        .filter(|c| {
            c.marker
                .is_some_and(|m| is_decimal(m.style) && m.style != Style::Decimal1)
        })
        .count();
    if deeper < 2 {
        for (k, c) in out.iter_mut().enumerate() {
            if c.marker.is_some_and(|m| is_decimal(m.style)) {
                *c = classify_as(&blocks[k], false);
            }
        }
    }
    // a text that writes every article number on at once with its text (`第一条为了……`)
    if compact {
        for (k, c) in out.iter_mut().enumerate() {
            if c.marker.is_some() {
                continue;
            }
            if let Some(m) = crate::numbering::compact_article(blocks[k].body()) {
                c.marker = Some(m);
                c.kind = Kind::Marker;
                c.chrome = false;
                c.title_piece = false;
                c.date = None;
                c.attachment = None;
            }
        }
    }
    front_matter(blocks, &mut out);
    stacked_box(blocks, &mut out);
    bare_markdown_numbers(blocks, &mut out);
    box_run_keys(blocks, &mut out);
    // a box key or a publication key alone on its line takes the very next line as its value
    // (or the line after one blank line, when that is set in deeper than the key: a page's
    // list of keys, each value indented under its key)
    for k in 0..out.len().saturating_sub(1) {
        // (only a key takes a value: most lines are asked nothing)
        if !matches!(out[k].kind, Kind::BoxField | Kind::Publication) {
            continue;
        }
        let t: &str = &blocks[k].text;
        let value_at = |j: usize| {
            !matches!(
                out[j].kind,
                Kind::Blank | Kind::BoxField | Kind::Marker | Kind::Publication
            )
        };
        // (not the first line of a title, an issuer's name above `关于……的意见`: a key with an
        // empty value, `浏览次数:`, stands above the document's title)
        let title_below = |j: usize| {
            (j + 1..out.len())
                .find(|&x| out[x].kind != Kind::Blank)
                .is_some_and(|x| {
                    let b = blocks[x].body();
                    b.starts_with("关于") && crate::text::rules::title_kind(b).is_some()
                })
        };
        let value_next = value_at(k + 1) && !title_below(k + 1);
        let indent = |j: usize| blocks[j].line.text_start - blocks[j].line.start;
        // (or with the next key after it: a box of keys and values on lines of their own, a
        // blank line between each)
        let key_after = |j: usize| {
            (j + 1..out.len())
                .find(|&x| out[x].kind != Kind::Blank)
                .is_some_and(|x| out[x].kind == Kind::BoxField)
        };
        let value_below = out[k + 1].kind == Kind::Blank
            && k + 2 < out.len()
            && value_at(k + 2)
            && !blocks[k + 2].is_joined()
            && (indent(k + 2) > indent(k) || key_after(k + 2));
        if out[k].kind == Kind::BoxField && box_key_pending(t) && (value_next || value_below) {
            let j = if value_next { k + 1 } else { k + 2 };
            out[j].kind = Kind::BoxValue;
            out[j].title_piece = false;
        } else if out[k].kind == Kind::Publication
            && t.trim_end().ends_with(['：', ':'])
            && crate::text::rules::chars_le(t, 8)
            && value_next
        {
            out[k + 1].kind = Kind::Publication;
            out[k + 1].title_piece = false;
        }
    }
    for k in 0..out.len() {
        if out[k].kind == Kind::AttachmentList && bare_label_of_text(blocks, &out, k) {
            out[k].kind = Kind::AttachmentLabel;
            out[k].attachment = Some(None);
        } else if matches!(out[k].kind, Kind::Text | Kind::AttachmentList)
            && blocks[k].text.starts_with("附件")
        {
            // `附件1：某某目录` with its text after it labels it
            if let Some((num, _, _)) = label_with_title(&blocks[k].text) {
                if label_of_text(blocks, &out, k) {
                    out[k].kind = Kind::AttachmentLabel;
                    out[k].attachment = Some(Some(num));
                    out[k].title_piece = false;
                }
            }
        }
    }
    out
}

/// True when block `k`, a bare `附件：` (nothing after the colon), labels an attachment whose
/// text follows rather than opening a list of attachments: what follows is not a numbered
/// entry, and a paragraph of running text comes before any date or signature-like line (a list
/// of attachments is followed by the signature and the date; an attachment by its own text).
fn bare_label_of_text(blocks: &[Block<'_>], classes: &[Class], k: usize) -> bool {
    let t = blocks[k].text.trim_matches(crate::text::rules::is_space);
    if !matches!(t, "附件：" | "附件:") {
        return false;
    }
    let mut next = (k + 1..blocks.len()).filter(|&j| classes[j].kind != Kind::Blank);
    let Some(first) = next.next() else {
        return false;
    };
    if classes[first].marker.is_some() || classes[first].kind != Kind::Text {
        return false;
    }
    text_follows(blocks, classes, std::iter::once(first).chain(next))
}

/// True when the text after block `k` (a label with its title, `附件1：某某目录`) is the
/// attachment's: the next line is no other label or list, and a numbered entry or running text
/// comes before any date, signature-like line or label.
fn label_of_text(blocks: &[Block<'_>], classes: &[Class], k: usize) -> bool {
    text_follows(
        blocks,
        classes,
        (k + 1..classes.len()).filter(|&j| classes[j].kind != Kind::Blank),
    )
}

/// The lines after a label: a numbered entry or running text before any date or label.
fn text_follows(
    blocks: &[Block<'_>],
    classes: &[Class],
    lines: impl Iterator<Item = usize>,
) -> bool {
    for j in lines.take(6) {
        match classes[j].kind {
            Kind::Date | Kind::AttachmentLabel | Kind::AttachmentList => return false,
            Kind::Marker => return true,
            _ if classes[j].sentence && crate::text::rules::chars_gt(&blocks[j].text, 40) => {
                return true
            }
            _ => {}
        }
    }
    false
}

fn is_decimal(s: Style) -> bool {
    matches!(
        s,
        Style::Decimal1 | Style::Decimal2 | Style::Decimal3 | Style::Decimal4
    )
}

/// True when a metadata-box line ends with a key whose value is not on the line.
pub(crate) fn box_key_pending(t: &str) -> bool {
    !t.contains('\t')
        && box_fields(t).is_some_and(|f| f.len() == 1 && f[0].value.is_empty())
        && t.trim_end().ends_with(['：', ':'])
        || box_key(t).is_some_and(|(_, v)| v.is_empty())
}

/// A line of a page's metadata box by its shape alone, whatever its key: a list bullet, a key
/// of two to six ideographs, a colon and a short value or none (`• 发文机构:`).
pub(crate) fn box_key(t: &str) -> Option<(&str, &str)> {
    let bulleted = t.trim_start_matches(crate::text::rules::BULLETS);
    if bulleted.len() == t.len() {
        return None;
    }
    let bulleted = bulleted.trim_start_matches(crate::text::rules::is_space);
    let p = bulleted.find(['：', ':'])?;
    let key = &bulleted[..p];
    let n = key.chars().count();
    let value = bulleted[p..]
        .trim_start_matches(['：', ':'])
        .trim_matches(crate::text::rules::is_space);
    ((2..=6).contains(&n)
        && key.chars().all(crate::text::rules::is_cjk)
        && crate::text::rules::chars_le(value, 60))
    .then_some((key, value))
}

/// A Markdown heading whose number lost its mark (`## 三`, its text on the next line) after
/// `## 二、……` at the same level: the next part, its number as printed.
fn bare_markdown_numbers(blocks: &[Block<'_>], out: &mut [Class]) {
    let mut last: Option<(&str, u32)> = None;
    for k in 0..out.len() {
        let b = &blocks[k];
        if !b.text.starts_with('#') {
            continue;
        }
        let prefix = b.markup_len();
        if prefix == 0 {
            continue;
        }
        let hashes = b.text[..prefix].trim_end_matches(crate::text::rules::is_space);
        if let Some(m) = out[k].marker {
            last = (m.style == Style::Cn).then_some((hashes, m.value));
            continue;
        }
        let value = crate::numbering::chinese_number(b.body());
        if let (Some(v), Some((h, before))) = (value, last) {
            if h == hashes && v == before + 1 && out[k].kind == Kind::Text {
                out[k].marker = Marker::new(Style::Cn, v, b.body().len());
                out[k].kind = Kind::Marker;
                out[k].title_piece = false;
                last = Some((hashes, v));
            }
        }
    }
}

/// A metadata box whose cells a copy set one a line (a page's table as text): a key alone
/// (`索引号`, no colon), then its value on a line of its own, key after key; a key whose cell
/// was empty comes right before the next key. Three keys we know or more, most with a value,
/// make the run a box: its keys are box lines, its values their values.
fn stacked_box(blocks: &[Block<'_>], out: &mut [Class]) {
    let key = |k: usize| bare_box_key(&blocks[k].text).is_some();
    let mut k = 0;
    while k < out.len() {
        if !matches!(out[k].kind, Kind::Text | Kind::Publication | Kind::Chrome) || !key(k) {
            k += 1;
            continue;
        }
        // key (value) key (value) …, over blank lines
        let mut run: Vec<(usize, Option<usize>)> = Vec::new();
        let mut j = k;
        while j < out.len() && key(j) {
            let v = (j + 1..out.len()).find(|&i| out[i].kind != Kind::Blank);
            let value = v.filter(|&i| !key(i) && !matches!(out[i].kind, Kind::Marker));
            run.push((j, value));
            let next = value
                .or(v)
                .map_or(out.len(), |i| i + usize::from(value.is_some()));
            j = (next..out.len())
                .find(|&i| out[i].kind != Kind::Blank)
                .unwrap_or(out.len());
        }
        let valued = run.iter().filter(|(_, v)| v.is_some()).count();
        if run.len() >= 3 && valued * 2 > run.len() {
            for &(key_at, value) in &run {
                out[key_at].box_line(Kind::BoxField);
                if let Some(v) = value {
                    out[v].box_line(Kind::BoxValue);
                }
            }
        }
        k = run.last().map_or(k, |&(a, v)| v.unwrap_or(a)) + 1;
    }
}

/// The key of a metadata box standing alone on its line, without its colon (`索 引 号`), if it
/// is one we know; a list's bullet before it and brackets around it, escaped in Markdown or
/// not, are the page's (`- \[ 索引号 \]`, `【发文字号】`).
pub(crate) fn bare_box_key(t: &str) -> Option<String> {
    if t.len() > 32 {
        return None;
    }
    let key = crate::text::rules::squeeze(t).replace('\\', "");
    let key = key
        .trim_start_matches(crate::text::rules::BULLETS)
        .trim_start_matches(['[', '【'])
        .trim_end_matches(['：', ':'])
        .trim_end_matches([']', '】']);
    crate::text::rules::BOX_KEYS
        .contains(&key)
        .then(|| key.to_string())
}

/// A Markdown file's front matter (YAML between `---` lines at its top, as static site
/// generators keep a page's data: `title: ……`, `date: ……`, `  - 地方性法规`): lines of a metadata
/// box, never a title, a subtitle or text.
fn front_matter(blocks: &[Block<'_>], out: &mut [Class]) {
    let mut lines = (0..blocks.len()).filter(|&k| out[k].kind != Kind::Blank);
    let Some(open) = lines.next().filter(|&k| blocks[k].text == "---") else {
        return;
    };
    let yaml = |t: &str| {
        let key = t.split(':').next().unwrap_or("");
        t.starts_with("- ")
            || t.contains(':')
                && !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    let mut close = None;
    for k in lines.take(60) {
        let t: &str = &blocks[k].text;
        if t == "---" {
            close = Some(k);
            break;
        }
        if !yaml(t) {
            return;
        }
    }
    let Some(close) = close else { return };
    for c in &mut out[open..=close] {
        if c.kind != Kind::Blank {
            c.box_line(Kind::BoxField);
        }
    }
}

/// A bulleted `key:` line among the lines of a metadata box is one of them, though its key is
/// none we know (`• 发文机构:`, `• 有效性:`): the box line above it (passing over a value set
/// under its key) is bulleted too.
fn box_run_keys(blocks: &[Block<'_>], out: &mut [Class]) {
    let mut last_box: Option<usize> = None;
    for k in 0..out.len() {
        // right under a box line: a key alone, its value empty (`统一编号`, a table's last row),
        // or a key and its value set apart by a space (`来源 某某局`)
        if k > 0 && out[k - 1].kind == Kind::BoxField && out[k].kind == Kind::Text {
            let t: &str = &blocks[k].text;
            let first = t.split(crate::text::rules::is_space).next().unwrap_or("");
            let key = |x: &str| {
                let x = x.trim_end_matches(['：', ':']);
                crate::text::rules::BOX_KEYS.contains(&x)
                    || crate::text::rules::PUBLICATION_KEYS.contains(&x)
            };
            if key(&crate::text::rules::squeeze(t)) || first.len() < t.len() && key(first) {
                out[k].kind = Kind::BoxField;
                out[k].title_piece = false;
            }
        }
        match out[k].kind {
            Kind::BoxField => last_box = Some(k),
            Kind::Publication if box_key(&blocks[k].text).is_some() => last_box = Some(k),
            Kind::Blank => {}
            Kind::Text | Kind::Chrome | Kind::Note
                if last_box.is_some_and(|b| k - b <= 4)
                    && box_key(&blocks[k].text).is_some()
                    && last_box.is_some_and(|b| box_key(&blocks[b].text).is_some()) =>
            {
                out[k].kind = Kind::BoxField;
                out[k].title_piece = false;
                out[k].chrome = false;
                last_box = Some(k);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::read::explain::Log;
    use crate::text::read::{layout, lines};

    fn kinds(src: &str) -> Vec<(String, Kind)> {
        let lines = lines::split(src);
        let l = layout::layout(&lines, &mut Log::new(false));
        let c = classify_all(&l.blocks, l.compact);
        l.blocks
            .iter()
            .zip(c)
            .filter(|(_, c)| c.kind != Kind::Blank)
            .map(|(b, c)| (b.text.to_string(), c.kind))
            .collect()
    }

    #[test]
    fn a_bare_attachment_colon_labels_the_text_after_it_or_opens_a_list() {
        // after the date, `附件：` then a title and the attachment's running text: a label
        let label = kinds(
            "国务院\n\n二〇〇六年五月二十三日\n\n附件：\n\n某某委员会组建方案\n\n\
             为做好有关工作，根据国务院常务会议精神，组建某某委员会，统筹协调有关工作事项。\n\n一、主要职能\n",
        );
        assert_eq!(label[2], ("附件：".to_string(), Kind::AttachmentLabel));
        // `附件：` then numbered entries, the signature and the date: a list
        let list = kinds("附件：\n1. 某某方案\n2. 某某清单\n\n国务院\n\n2006年5月23日\n");
        assert_eq!(list[0], ("附件：".to_string(), Kind::AttachmentList));
        // `附件：` then one unnumbered entry and the date: a list too
        let one = kinds("附件：\n某某方案\n\n国务院\n2006年5月23日\n");
        assert_eq!(one[0], ("附件：".to_string(), Kind::AttachmentList));
    }
}
