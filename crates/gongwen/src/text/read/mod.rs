//! The plain-text reader: a pipeline of stages, each its own module with a small typed
//! interface.
//!
//! 1. [`decode`]: bytes → text (UTF-8 in place; UTF-16 by its BOM; GB18030/GBK and others
//!    detected), with a map back to the input's offsets;
//! 2. [`lines`]: text → lines with byte offsets;
//! 3. [`layout`]: lines → blocks, rejoining what a web page or a PDF broke apart, page
//!    furniture to the residue;
//! 4. [`classify`]: every block's kind by its shape, once;
//! 5. [`frame`]: where the document stands in the page (title, head, residue around);
//! 6. per body ([`body`]): [`tree`] assembly by marker style, numbering [`runs`] and sibling
//!    consistency, [`measures`], [`roles`] (closing, notes, guarantees); [`attach`]ments and
//!    forwarded documents each read as a body of their own;
//! 7. [`meta`]data derived from all of it.
//!
//! The reader knows the genre (GB/T 9704 elements and numbering, news leads, metadata boxes,
//! notices that issue other documents), never a particular document. Every decision that could
//! go either way is logged with its evidence when a caller asks ([`explain`]).

mod attach;
mod body;
mod classify;
pub(crate) mod decode;
pub(crate) mod explain;
mod frame;
mod law;
mod lawmeta;
mod layout;
pub(crate) mod lines;
mod measures;
mod meta;
mod roles;
mod runon;
mod runs;
mod tree;

pub use explain::Decision;

use crate::error::{Error, Position};
use crate::model::*;
use classify::{Class, Kind};
use explain::Log;
use layout::Block;

/// Limits that keep a hostile input from exhausting memory or time.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// How to read bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The encoding to decode with, as a WHATWG label (`utf-8`, `gbk`, `gb18030`, `utf-16le`,
    /// `big5`…); detected when absent.
    pub encoding: Option<String>,
}

/// Reads a document from bytes: UTF-8 (a BOM is allowed), UTF-16 with a BOM, or a legacy
/// encoding such as GBK detected from the bytes.
pub fn read_bytes(bytes: &[u8]) -> Result<Document, Error> {
    read_bytes_with(bytes, &Options::default())
}

/// Reads a document from bytes with options (a named encoding).
pub fn read_bytes_with(bytes: &[u8], options: &Options) -> Result<Document, Error> {
    read_decoded(bytes, options, &mut Log::new(false))
}

/// Reads a document from text: a page as published or gongwen's canonical text.
pub fn read(src: &str) -> Result<Document, Error> {
    pipeline(src, &mut Log::new(false))
}

/// Reads a document from bytes and returns, beside it, every decision of the reader that
/// could have gone either way, with its position and evidence (`gongwen check --explain`).
pub fn explain(bytes: &[u8], options: &Options) -> Result<(Document, Vec<Decision>), Error> {
    let mut log = Log::new(true);
    let doc = read_decoded(bytes, options, &mut log)?;
    Ok((doc, log.into_sorted()))
}

fn read_decoded(bytes: &[u8], options: &Options, log: &mut Log) -> Result<Document, Error> {
    if bytes.len() > MAX_INPUT_BYTES {
        // where the limit falls: a line and a column in UTF-8 text, the byte otherwise
        let at = match simdutf8::basic::from_utf8(bytes) {
            Ok(s) => Position::at(s, MAX_INPUT_BYTES),
            Err(_) => Position {
                offset: MAX_INPUT_BYTES,
                line: 0,
                column: 0,
            },
        };
        return Err(Error::Limit {
            what: "input size",
            limit: MAX_INPUT_BYTES,
            at,
        });
    }
    let d = decode::decode(bytes, options.encoding.as_deref())?;
    let mut doc = pipeline(&d.text, log)?;
    if let Some(enc) = d.encoding {
        let lines = lines::split(&d.text);
        for (line_no, offsets) in replaced_by_line(&d.text, &d.replaced) {
            let l = lines[line_no];
            let at = offsets[0];
            let column = d.text[l.start..at].chars().count() as u32 + 1;
            doc.diagnostics.push(Diagnostic {
                code: "encoding-replaced".into(),
                severity: Severity::Warning,
                message: format!(
                    "{} byte sequence{} not valid in {} replaced by U+FFFD on this line",
                    offsets.len(),
                    if offsets.len() == 1 { "" } else { "s" },
                    enc.name()
                ),
                span: Span {
                    offset: at,
                    len: '\u{fffd}'.len_utf8(),
                    line: l.no,
                    column,
                },
            });
        }
        if log.is_on() {
            let first = lines.iter().find(|l| !l.text.is_empty()).map(Line::span);
            log.note(first.unwrap_or_default(), "encoding", || {
                format!("decoded as {}: the input is not UTF-8", enc.name())
            });
        }
        if let Some(map) = &d.map {
            remap(&mut doc, &|o| map.source(&d.text, o));
        }
        doc.meta.encoding = Some(enc.name().to_string());
    }
    Ok(doc)
}

use lines::Line;

/// The replaced characters grouped by the line they stand on (0-based), in order.
fn replaced_by_line(text: &str, replaced: &[usize]) -> Vec<(usize, Vec<usize>)> {
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut line = 0;
    let mut from = 0;
    for &at in replaced {
        line += text.as_bytes()[from..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        from = at;
        match out.last_mut() {
            Some((l, v)) if *l == line => v.push(at),
            _ => out.push((line, vec![at])),
        }
    }
    out
}

/// Turns every span's offsets in the decoded text into offsets in the input.
fn remap(doc: &mut Document, f: &dyn Fn(usize) -> usize) {
    remap_spans(doc, &|s: &mut Span| {
        let start = f(s.offset);
        let end = f(s.offset + s.len);
        s.offset = start;
        s.len = end - start;
    });
}

/// Applies `g` to every span of the document that is not empty, attachments included.
pub(crate) fn remap_spans(doc: &mut Document, g: &dyn Fn(&mut Span)) {
    let span = |s: &mut Span| {
        if !s.is_empty() {
            g(s);
        }
    };
    fn paragraph(p: &mut crate::model::Paragraph, span: &dyn Fn(&mut Span)) {
        span(&mut p.span);
        if let Some(t) = &mut p.table {
            for c in t.rows.iter_mut().flatten() {
                span(&mut c.span);
            }
        }
    }
    fn nodes(ns: &mut [Node], span: &dyn Fn(&mut Span)) {
        for n in ns {
            span(&mut n.span);
            for p in &mut n.paragraphs {
                paragraph(p, span);
            }
            nodes(&mut n.children, span);
        }
    }
    for p in &mut doc.preamble {
        paragraph(p, &span);
    }
    nodes(&mut doc.body, &span);
    if let Some(n) = &mut doc.notes {
        span(&mut n.span);
        for p in &mut n.entries {
            paragraph(p, &span);
        }
    }
    for c in &mut doc.closing {
        span(&mut c.span);
    }
    for a in &mut doc.attachments {
        span(&mut a.span);
        remap_spans(&mut a.content, g);
    }
    for r in &mut doc.residue {
        span(&mut r.span);
    }
    for d in &mut doc.diagnostics {
        span(&mut d.span);
    }
}

/// Reads a text that stands for another source (an HTML page's text): the pipeline, then `g`
/// on every span to point it at that source.
pub(crate) fn read_standing_for(
    text: &str,
    content_end: Option<usize>,
    g: &dyn Fn(&mut Span),
    log: &mut Log,
) -> Result<Document, Error> {
    let mut doc = pipeline_in(text, content_end, log)?;
    remap_spans(&mut doc, g);
    Ok(doc)
}

/// The stages from text to document.
fn pipeline(src: &str, log: &mut Log) -> Result<Document, Error> {
    pipeline_in(src, None, log)
}

/// The pipeline on a page's text whose content region (found from the page's markup) ends at
/// byte `content_end` of it: the document ends there at the latest.
fn pipeline_in(src: &str, content_end: Option<usize>, log: &mut Log) -> Result<Document, Error> {
    if src.len() > MAX_INPUT_BYTES {
        return Err(Error::Limit {
            what: "input size",
            limit: MAX_INPUT_BYTES,
            at: Position::at(src, MAX_INPUT_BYTES),
        });
    }
    let lines = lines::split(src);
    if lines.iter().all(Line::is_blank) {
        return Err(Error::Empty);
    }
    let (lines, cut) = lines::split_runs(lines);
    let (lines, wrap) = lines::split_wrap_blanks(lines);
    let layout = layout::layout(&lines, log);
    // the blocks hold their lines: the line table is not needed while the document is built
    drop(lines);
    let classes = classify::classify_all(&layout.blocks, layout.compact);
    let reader = Reader {
        b: &layout.blocks,
        c: &classes,
        content_end: content_end.unwrap_or(usize::MAX),
    };
    let mut doc = reader.document(&layout.furniture, log);
    let cut_spans: Vec<Span> = cut.iter().map(|(l, _)| l.span()).collect();
    for (span, why) in runon::unmarked_headings(&doc, &cut_spans) {
        doc.diagnostics
            .push(log.diagnostic(span, "heading-unmarked", Severity::Note, why));
    }
    for (l, pieces) in cut {
        let why = format!(
            "this line holds {} numbered entries run on, set apart by spaces or after the marks that end what comes before (a copy that lost its line breaks): each is read as a line of its own",
            pieces - 1
        );
        doc.diagnostics
            .push(log.diagnostic(l.span(), "line-cut", Severity::Note, why));
    }
    if let Some((period, l)) = wrap {
        let why = format!(
            "each paragraph is one line with a blank where its printed line wrapped (every {} characters or so, as a PDF's text is extracted): the blanks on that grid are read as line breaks, the others kept",
            period / 2
        );
        doc.diagnostics
            .push(log.diagnostic(l.span(), "wrap-blanks", Severity::Note, why));
    }
    doc.diagnostics.sort_by_key(|d| d.span.offset);
    Ok(doc)
}

/// The titles the closing block's attachment list gives (`附件：1.……表`), each without its
/// label, number and closing mark.
fn listed_titles(doc: &Document) -> Vec<String> {
    doc.closing
        .iter()
        .filter(|c| c.role == ClosingRole::AttachmentList)
        .map(|c| {
            let t = c.text.trim();
            let t = t.strip_prefix("附件").unwrap_or(t);
            let t = t.trim_start_matches(|c: char| {
                c.is_ascii_digit() || crate::text::rules::is_space(c)
            });
            let t = t.trim_start_matches(['：', ':']);
            let t = crate::numbering::marker(t).map_or(t, |m| &t[m.len..]);
            t.trim().trim_end_matches(['；', '。', ';']).to_string()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// The blocks of a text and their classes, which every stage after classification reads.
pub(crate) struct Reader<'s, 'a> {
    pub b: &'s [Block<'a>],
    pub c: &'s [Class],
    /// Where a page's content region ends in the text (`usize::MAX` when there is none).
    pub content_end: usize,
}

impl Reader<'_, '_> {
    /// The text of block `k`.
    pub(crate) fn text(&self, k: usize) -> &str {
        &self.b[k].text
    }

    /// The text of block `k` without a Markdown heading prefix.
    pub(crate) fn plain(&self, k: usize) -> &str {
        self.b[k].body()
    }

    /// True for block `k` when it is running text: a sentence of twenty characters or more.
    pub(crate) fn running_text(&self, k: usize) -> bool {
        self.c[k].sentence && crate::text::rules::chars_ge(self.plain(k), 20)
    }

    /// The first non-blank block in `[i, end)`.
    pub(crate) fn next_text(&self, mut i: usize, end: usize) -> Option<usize> {
        while i < end {
            if !self.c[i].is_blank() {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// The whole document.
    fn document(&self, furniture: &[Line<'_>], log: &mut Log) -> Document {
        let frame = self.frame(log);
        let end = frame.end;
        let mut doc = Document::default();
        let mut pos = frame.start;
        // page matter the head set aside (already in the document's residue): its blocks,
        // which the metadata reads with the residue around the document
        let mut aside: Vec<(usize, ResidueRole)> = Vec::new();
        if let Some(t) = &frame.title {
            // (a number printed before or after the title is the document's number, and a
            // title printed whole in 《》 is the title inside)
            let (title, number) = crate::text::rules::title_parts(&t.text);
            let number = number.and_then(crate::text::rules::doc_number);
            doc.meta.title = Some(title.to_string());
            doc.meta.number = number;
            doc.meta.title_lines = self.title_lines(t.first, t.last, title);
            if let Some(k) = frame.number_above.filter(|_| doc.meta.number.is_none()) {
                doc.meta.number = crate::text::rules::doc_number(self.text(k));
            }
            pos = self.head(&mut doc, t.last + 1, end, &mut aside);
        } else if let Some(x) = &frame.lead_title {
            doc.meta.title = Some(x.clone());
            doc.meta.title_from = TitleSource::Lead;
        }
        let first_label = (pos..end)
            .find(|&k| self.c[k].kind == Kind::AttachmentLabel)
            .unwrap_or(end);
        let parsed = self.body(pos, first_label, true, log);
        doc.preamble = parsed.preamble;
        doc.body = parsed.nodes;
        doc.notes = parsed.notes;
        doc.closing = parsed.closing;
        doc.diagnostics = parsed.diagnostics;
        let mut rest = parsed.end;
        // documents issued or forwarded, and attachments
        let quoted = meta::quoted_titles(&doc);
        let listed = listed_titles(&doc);
        if let Some(tail) = self
            .stray_tail(rest, end)
            .filter(|_| !doc.closing.is_empty())
        {
            self.keep_stray_tail(&tail, &mut doc, log);
            rest = end;
        }
        while let Some(s) = self.next_text(rest, end) {
            let (att, next, diags) = self.attachment(s, end, &quoted, &listed, log);
            doc.diagnostics.extend(diags);
            doc.attachments.push(att);
            rest = next;
        }
        if let Some(t) = frame.title.as_ref().filter(|_| frame.placed) {
            doc.diagnostics.push(Diagnostic {
                code: "title-by-place".to_string(),
                severity: Severity::Note,
                message: format!(
                    "`{}` is read as the title by its place above the head: it ends in no genre \
                     word (通知, 意见, 决定…), so the document's kind is not known",
                    t.text
                ),
                span: self.b[t.first].span(),
            });
        }
        if frame.title.is_none() && frame.lead_title.is_none() {
            doc.diagnostics.extend(self.head_set_aside(&frame));
        }
        doc.diagnostics.extend(self.markup_lines());
        doc.diagnostics
            .extend(self.numbered_residue(&frame.residue));
        if let Some((k, body_like)) = frame.region_cut.filter(|c| c.1 > 0) {
            doc.diagnostics.push(Diagnostic {
                code: "past-content-region".to_string(),
                severity: Severity::Warning,
                message: format!(
                    "the page's content region (found by its text density) ends here; {body_like} \
                     block{} of running text after it {} kept as page chrome",
                    if body_like == 1 { "" } else { "s" },
                    if body_like == 1 { "is" } else { "are" },
                ),
                span: self.b[k].span(),
            });
        }
        if aside.is_empty() {
            self.metadata(&mut doc, &frame.residue);
        } else {
            let mut around = frame.residue.clone();
            around.extend(aside);
            around.sort_by_key(|&(k, _)| k);
            self.metadata(&mut doc, &around);
        }
        // what the head set aside (a markup comment) joins the residue around the document
        let inner = std::mem::take(&mut doc.residue);
        doc.residue = self.group_residue(&frame.residue);
        doc.residue.extend(inner);
        doc.residue.extend(furniture.iter().map(|l| Residue {
            role: ResidueRole::Furniture,
            text: l.text.to_string(),
            span: l.span(),
        }));
        doc.residue.sort_by_key(|r| r.span.offset);
        lawmeta::apply(&mut doc);
        doc
    }

    /// The lines after the closing block when they are no attachment: one or two short lines
    /// with no label, no number, no sentence and no genre word at the end (a page's footer,
    /// `国家医疗保障局`; the first words of the next document a crawl ran on into).
    fn stray_tail(&self, from: usize, end: usize) -> Option<Vec<usize>> {
        let tail: Vec<usize> = (from..end).filter(|&k| !self.c[k].is_blank()).collect();
        let stray = |k: usize| {
            let (c, t) = (&self.c[k], self.text(k));
            !c.sentence
                && c.marker.is_none()
                && c.kind != Kind::AttachmentLabel
                && crate::text::rules::chars_le(t, 40)
                && !t.contains(['，', '。', '；'])
                && crate::text::rules::title_kind(t).is_none()
        };
        (!tail.is_empty() && tail.len() <= 2 && tail.iter().all(|&k| stray(k))).then_some(tail)
    }

    /// Keeps a stray tail (see [`Reader::stray_tail`]) as unplaced text, with a warning.
    fn keep_stray_tail(&self, tail: &[usize], doc: &mut Document, log: &mut Log) {
        let (first, last) = (tail[0], tail[tail.len() - 1]);
        let lines: Vec<&str> = tail.iter().map(|&k| self.text(k)).collect();
        let (a, b) = (self.b[first].span(), self.b[last].span());
        let span = Span {
            len: b.offset + b.len - a.offset,
            ..a
        };
        let message = format!(
            "`{}` after the closing block has no attachment label, title or sentence: kept as \
             unplaced text (a page footer, or the start of another document), not as an attachment",
            lines.join(" / ")
        );
        doc.diagnostics
            .push(log.diagnostic(span, "unplaced-tail", Severity::Warning, message));
        doc.residue.extend(tail.iter().map(|&k| Residue {
            role: ResidueRole::Unplaced,
            text: self.text(k).to_string(),
            span: self.b[k].span(),
        }));
    }

    /// Lines that open with an HTML element (`<p id="t1">……<b>第一条</b>……</p>`, a site's
    /// source of Markdown and markup mixed), three or more and a fifth of the text at least: the
    /// text reader reads no numbering inside markup, so a warning says so at the first, and
    /// what to do.
    fn markup_lines(&self) -> Option<Diagnostic> {
        let tag = |t: &str| {
            let b = t.as_bytes();
            b.len() > 2
                && b[0] == b'<'
                && b[1].is_ascii_alphabetic()
                && (t.ends_with('>') || t.contains("</"))
        };
        let text: Vec<usize> = (0..self.b.len())
            .filter(|&k| !self.c[k].is_blank())
            .collect();
        let marked: Vec<usize> = text
            .iter()
            .copied()
            .filter(|&k| tag(self.text(k)))
            .collect();
        let &first = marked.first()?;
        (marked.len() >= 3 && marked.len() * 5 >= text.len()).then(|| Diagnostic {
            code: "markup-in-text".to_string(),
            severity: Severity::Warning,
            message: format!(
                "{} of the text's {} lines open with HTML markup: numbering inside markup is not \
                 read as structure; read the file as HTML (`--from html`) or strip the markup",
                marked.len(),
                text.len()
            ),
            span: self.b[first].span(),
        })
    }

    /// Where no title was found, the lines above the document's start that nothing marks as
    /// page matter (a menu, a footer, a metadata box, publication lines) were set aside all the
    /// same: a warning names them, since they may be a title and head the reader did not
    /// recognise (a script or layout it does not know).
    fn head_set_aside(&self, frame: &frame::Frame) -> Option<Diagnostic> {
        let unknown: Vec<usize> = frame
            .residue
            .iter()
            .filter(|&&(k, role)| {
                k < frame.start && role == ResidueRole::Chrome && !self.c[k].chrome
            })
            .map(|&(k, _)| k)
            .collect();
        let &first = unknown.first()?;
        let t = self.text(first);
        let shown: String = t.chars().take(20).collect();
        Some(Diagnostic {
            code: "no-title".to_string(),
            severity: Severity::Warning,
            message: format!(
                "no title found: {} line{} above the first paragraph, from `{shown}{}`, {} kept as \
                 residue, not read as the title and head",
                unknown.len(),
                if unknown.len() == 1 { "" } else { "s" },
                if shown.len() < t.len() { "…" } else { "" },
                if unknown.len() == 1 { "is" } else { "are" },
            ),
            span: self.b[first].span(),
        })
    }

    /// The numbered lines of the page around the document (a site's menu `1. [首页](…)`, a
    /// list of links under the text) are kept as residue with the rest of the page: a note on
    /// each says so, the first why, so that no numbering is passed over without a word.
    fn numbered_residue(&self, residue: &[(usize, ResidueRole)]) -> Vec<Diagnostic> {
        let numbered: Vec<usize> = residue
            .iter()
            .filter(|&&(k, _)| self.c[k].marker.is_some())
            .map(|&(k, _)| k)
            .collect();
        numbered
            .iter()
            .enumerate()
            .map(|(i, &k)| {
                runs::list_note(
                    self.b[k].span(),
                    runs::ListKind::Page,
                    numbered.len(),
                    i == 0,
                )
            })
            .collect()
    }

    /// Groups residue blocks into verbatim pieces of one role.
    fn group_residue(&self, blocks: &[(usize, ResidueRole)]) -> Vec<Residue> {
        let mut out: Vec<Residue> = Vec::new();
        let mut prev: Option<(usize, ResidueRole)> = None;
        for &(k, role) in blocks {
            let joinable = prev
                .is_some_and(|(pk, pr)| pr == role && (pk + 1..k).all(|x| self.c[x].is_blank()));
            match out.last_mut() {
                Some(last) if joinable => {
                    for x in prev.map_or(k, |p| p.0) + 1..=k {
                        last.text.push('\n');
                        last.text.push_str(self.text(x));
                    }
                    let s = self.b[k].span();
                    last.span.len = s.offset + s.len - last.span.offset;
                }
                _ => out.push(Residue {
                    role,
                    text: self.text(k).to_string(),
                    span: self.b[k].span(),
                }),
            }
            prev = Some((k, role));
        }
        out
    }
}
