//! HTML: a page as published (www.gov.cn and the sites of provinces and cities), read with a
//! browser's parser and then by the same staged reader as plain text.
//!
//! 1. **Decoding**: a byte-order mark, else the charset a `<meta charset>` or `<meta
//!    http-equiv="Content-Type">` in the first 4 KiB declares, else what the text reader's
//!    decode stage finds (UTF-8 borrowed as it is; GBK and GB18030 through encoding_rs).
//! 2. **Parsing**: html5ever (through scraper's tree), the WHATWG tree builder: unclosed tags,
//!    stray end tags and misnested markup parse the way a browser parses them.
//! 3. **Text as a browser lays it out**: block elements and `<br>` break lines, inline elements
//!    (`<span>`, `<font>`, `<a>`, `<strong>`) do not, a table cell ends with a tab and a row
//!    with a line break; entities are decoded; runs of ASCII white space are one space, NBSP
//!    and U+3000 are kept as the characters they are; `<script>` and `<style>` are not text.
//!    The `<head>` (the page's `<title>`) is not laid out: its text is the page's residue.
//! 4. **Page roles from the DOM**: the content region is the deepest element holding 80% of
//!    the page's sentence punctuation outside links (running text is punctuated; menus, link
//!    lists, toolbars and footers are not, or are links); the document ends with it at the
//!    latest, and the reader warns (`past-content-region`) when running text follows it. Data
//!    tables (no table inside, two rows of two cells or more, no page-long cell, not the
//!    metadata box) are kept as tables: each stands in the text as one U+FFFC line, which the
//!    reader places as a paragraph and which then becomes the table.
//! 5. **Reading**: that text goes through the text reader (layout, classification, frame,
//!    body…), which finds the metadata box, the title, the body and the chrome as it does in
//!    text. Every span is then pointed at the page's own bytes: a run of characters copied
//!    from the page maps to where they stand in it, a decoded entity to the whole entity, a
//!    line break the layout added to the tag that made it.
//!
//! Markup is not kept, only the page's character data (outside `<script>` and `<style>`); it
//! all ends up in the document, its metadata or its residue.

use crate::error::Error;
use crate::lines::LineIndex;
use crate::model::{Cell, Document, Paragraph, Span, Table};
use crate::text::read::decode;
use crate::text::read::explain::Log;
use scraper::node::Node as HtmlNode;

/// Elements that break lines before and after them.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "tr",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "center",
    "dl",
    "dt",
    "dd",
    "form",
    "nav",
    "aside",
    "caption",
    "main",
    "figure",
    "figcaption",
    "address",
    "title",
    "body",
    "html",
    "head",
];

/// Elements whose content is not text.
const SKIPPED: &[&str] = &["script", "style", "template"];

/// The deepest nesting of elements a page may have. Pages nest a few dozen deep; the tree
/// builder's work grows with the square of the depth (a million nested `<div>` would take
/// hours), so a deeper page is refused with the position of the element past the limit.
pub const MAX_DEPTH: usize = 1024;

/// Reads a document from an HTML page given as text.
pub fn read(src: &str) -> Result<Document, Error> {
    if src.len() > crate::text::read::MAX_INPUT_BYTES {
        return Err(Error::Limit {
            what: "input size",
            limit: crate::text::read::MAX_INPUT_BYTES,
            at: crate::error::Position::at(src, crate::text::read::MAX_INPUT_BYTES),
        });
    }
    check_depth(src)?;
    let index = LineIndex::with_columns(src);
    let flat = flatten(src, true);
    let mut doc = read_flat(&flat, src, &index)?;
    if flat.tables.is_empty() {
        return Ok(doc);
    }
    let mut tables: Vec<Option<(Table, Span)>> = flat
        .tables
        .into_iter()
        .map(|(mut t, at, len)| {
            for c in t.rows.iter_mut().flatten() {
                c.span = index.span(src, c.span.offset, c.span.len);
            }
            (t, index.span(src, at, len))
        })
        .map(Some)
        .collect();
    place_tables(&mut doc, &mut tables);
    if tables.iter().all(Option::is_none) {
        return Ok(doc);
    }
    // a table the reader took for something else than a paragraph (a heading, the page's
    // chrome): the page is read again with its tables as text, and the reader says so
    let mut doc = read_flat(&flatten(src, false), src, &index)?;
    for (_, span) in tables.into_iter().flatten() {
        doc.diagnostics.push(crate::model::Diagnostic {
            code: "table-as-text".to_string(),
            severity: crate::model::Severity::Warning,
            message: "a table stands where no paragraph stands (in a heading or the page's \
                      chrome): the page's tables are read as text, a row a line"
                .to_string(),
            span,
        });
    }
    Ok(doc)
}

/// The text reader on a page's laid-out text, its content region ending the document, spans
/// pointed at the page; the head's text (the page's `<title>`) joins the residue.
fn read_flat(flat: &Flat, src: &str, index: &LineIndex) -> Result<Document, Error> {
    let mut log = Log::new(false);
    let mut doc = crate::text::read::read_standing_for(
        &flat.text,
        flat.content_end(),
        &|s| flat.point(s, src, index),
        &mut log,
    )?;
    for (text, at, len) in &flat.head {
        doc.residue.push(crate::model::Residue {
            role: crate::model::ResidueRole::Chrome,
            text: text.clone(),
            span: index.span(src, *at, *len),
        });
    }
    doc.residue.sort_by_key(|r| r.span.offset);
    Ok(doc)
}

/// Puts each table in the paragraph that stands for it (text [`TABLE_MARK`] at the table's
/// offset); a table placed leaves `None` behind.
fn place_tables(doc: &mut Document, tables: &mut [Option<(Table, Span)>]) {
    fn paragraphs(ps: &mut [Paragraph], tables: &mut [Option<(Table, Span)>]) {
        for p in ps.iter_mut().filter(|p| p.text == TABLE_MARK) {
            let slot = tables
                .iter_mut()
                .find(|t| t.as_ref().is_some_and(|(_, s)| s.offset == p.span.offset));
            if let Some((t, span)) = slot.and_then(Option::take) {
                *p = Paragraph::table(t, span);
            }
        }
    }
    fn nodes(ns: &mut [crate::model::Node], tables: &mut [Option<(Table, Span)>]) {
        for n in ns {
            paragraphs(&mut n.paragraphs, tables);
            nodes(&mut n.children, tables);
        }
    }
    paragraphs(&mut doc.preamble, tables);
    nodes(&mut doc.body, tables);
    if let Some(n) = &mut doc.notes {
        paragraphs(&mut n.entries, tables);
    }
    for a in &mut doc.attachments {
        place_tables(&mut a.content, tables);
    }
}

/// The page's text as a browser lays it out (what the reader reads): lines broken by blocks
/// and `<br>`, cells ended by tabs, entities decoded, scripts and styles left out.
pub fn page_text(src: &str) -> String {
    flatten(src, false).text
}

/// Reads a document from an HTML page as bytes: the charset its byte-order mark or a `<meta>`
/// declares, else the one detected; every span points at the bytes.
pub fn read_bytes(bytes: &[u8]) -> Result<Document, Error> {
    read_bytes_with(bytes, &crate::text::Options::default())
}

/// [`read_bytes`] with options: an encoding named there overrides what the page declares.
pub fn read_bytes_with(bytes: &[u8], options: &crate::text::Options) -> Result<Document, Error> {
    let label = options.encoding.clone().or_else(|| declared_charset(bytes));
    let decoded = decode::decode_page(bytes, label.as_deref())?;
    let src: &str = &decoded.text;
    let mut doc = read(src)?;
    if let Some(map) = &decoded.map {
        // offsets into the bytes; lines and columns stay those of the decoded page
        crate::text::read::remap_spans(&mut doc, &|s: &mut Span| {
            let start = map.source(src, s.offset);
            let end = map.source(src, s.offset + s.len);
            s.offset = start;
            s.len = end - start;
        });
    }
    if let Some(enc) = decoded.encoding {
        doc.meta.encoding = Some(enc.name().to_string());
    }
    Ok(doc)
}

/// Elements whose end tag may be left out or that have none: they do not nest without limit.
const UNNESTED: &[&str] = &[
    "p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rp", "area", "base", "br", "col", "embed", "hr", "img",
    "input", "link", "meta", "source", "track", "wbr", "param", "keygen",
];

/// Refuses a page whose elements nest deeper than [`MAX_DEPTH`]: a count of start and end
/// tags, in one pass, of the elements that nest (not `<p>`, `<li>`, cells or void elements).
fn check_depth(src: &str) -> Result<(), Error> {
    let b = src.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(p) = memchr::memchr(b'<', &b[at..]) {
        let start = at + p;
        let rest = &src[start..];
        if !markup_start(rest) {
            at = start + 1;
            continue;
        }
        let len = markup_len(rest).max(1);
        let tag = &rest[..len.min(rest.len())];
        let close = tag.starts_with("</");
        let name: String = tag[if close { 2 } else { 1 }..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let counted = !name.is_empty() && !UNNESTED.contains(&name.as_str());
        if counted && !SKIPPED.contains(&name.as_str()) {
            if close {
                depth = depth.saturating_sub(1);
            } else if !tag.trim_end_matches('>').ends_with('/') {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Error::Limit {
                        what: "HTML nesting depth",
                        limit: MAX_DEPTH,
                        at: crate::error::Position::at(src, start),
                    });
                }
            }
        }
        at = start + len;
    }
    Ok(())
}

/// True when `src` looks like an HTML page: a doctype or an `<html>` root, or a first element
/// that is one of HTML's (a gov.cn page is often served as its content table alone).
pub fn looks_like_html(src: &str) -> bool {
    let t = src
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .as_bytes();
    let lower = |n: usize| -> Vec<u8> { t.iter().take(n).map(u8::to_ascii_lowercase).collect() };
    if lower(14) == b"<!doctype html" {
        return true;
    }
    let mut rest = t;
    // comments before the first element, and a page template's server directives (`<%@ page
    // …%>`, a JSP or ASP page saved as its source)
    loop {
        let (open, close): (&[u8], &[u8]) = if rest.starts_with(b"<!--") {
            (b"<!--", b"-->")
        } else if rest.starts_with(b"<%") {
            (b"<%", b"%>")
        } else {
            break;
        };
        match memchr::memmem::find(&rest[open.len()..], close) {
            Some(p) => rest = rest[open.len() + p + close.len()..].trim_ascii_start(),
            None => return false,
        }
    }
    if rest.len() >= 14 && rest[..14].eq_ignore_ascii_case(b"<!doctype html") {
        return true;
    }
    if !rest.starts_with(b"<") {
        return marked_up_text(src);
    }
    let name: Vec<u8> = rest[1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .map(u8::to_ascii_lowercase)
        .collect();
    const ELEMENTS: &[&str] = &[
        "html", "head", "body", "meta", "title", "link", "div", "p", "table", "span", "br", "a",
        "font", "center", "form", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "img",
        "strong", "b", "i", "em", "section", "article", "header", "footer", "nav", "main",
        "script", "style", "tbody", "tr", "td",
    ];
    ELEMENTS.iter().any(|e| e.as_bytes() == name.as_slice())
}

/// True when text that does not open with an element carries its paragraphs in HTML markup
/// (a content management system's field copied out with its `<p>…</p>`, after a few plain
/// lines; a Markdown source whose paragraphs are HTML): three paragraph closings or line breaks
/// or more in its first 64 KiB, and either paragraph marks outnumbering the text's own line
/// breaks there, or a fifth of its lines carrying such marks. No Chinese document writes `</p>`.
fn marked_up_text(src: &str) -> bool {
    let text = crate::text::rules::head_of(src, 64 * 1024);
    let head = text.as_bytes();
    let mut marks = 0usize;
    for at in memchr::memchr_iter(b'<', head) {
        let tag = &head[at + 1..head.len().min(at + 7)];
        let starts = |m: &[u8]| tag.len() >= m.len() && tag[..m.len()].eq_ignore_ascii_case(m);
        if starts(b"/p>") || starts(b"br>") || starts(b"br/") || starts(b"br /") || starts(b"/div>")
        {
            marks += 1;
        }
    }
    let lines = memchr::memchr_iter(b'\n', head).count();
    // or lines that carry a paragraph's or a line break's markup, three or more, a fifth of the
    // text's (a Markdown source whose paragraphs are `<p>……</p>` or end in `<br>`)
    let carried = || {
        let (mut all, mut marked) = (0usize, 0usize);
        for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            all += 1;
            if l.contains("</p>") || l.contains("<br") || l.contains("</div>") {
                marked += 1;
            }
        }
        marked >= 3 && marked * 5 >= all
    };
    marks >= 3 && (marks > lines || carried())
}

/// The charset a byte-order mark or a `<meta>` in the first 4 KiB declares.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return None;
    }
    let head: Vec<u8> = bytes
        .iter()
        .take(4096)
        .map(u8::to_ascii_lowercase)
        .collect();
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&head[from..], b"<meta") {
        let at = from + p;
        let end = head[at..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| at + e);
        let tag = &head[at..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let v = tag[c + 7..].trim_ascii_start();
            if let Some(v) = v.strip_prefix(b"=") {
                let v = v.trim_ascii_start();
                let v = v
                    .strip_prefix(b"\"")
                    .or_else(|| v.strip_prefix(b"'"))
                    .unwrap_or(v);
                let label: Vec<u8> = v
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b'_')
                    .copied()
                    .collect();
                if !label.is_empty() {
                    let label = String::from_utf8_lossy(&label).into_owned();
                    // a page that says UTF-8 and is not is read as what it is
                    return (label != "utf-8" && label != "utf8").then_some(label);
                }
            }
        }
        from = end.max(at + 1);
    }
    None
}

/// The page's text and where each piece of it stands in the page.
#[derive(Debug, Default)]
struct Flat {
    text: String,
    /// Runs of the text, in order: where each starts in `text` and in the page, its length in
    /// both, and whether it is copied verbatim (offsets inside it map one to one).
    runs: Vec<Run>,
    /// The data tables, each standing in the text as a line of [`TABLE_MARK`] whose span is
    /// the table's: the table, its cells' spans and its own as offsets into the page.
    tables: Vec<(Table, usize, usize)>,
    /// The content region ([`content_region`]) and where its text starts and ends in `text`.
    region: Option<(ego_tree::NodeId, usize, usize)>,
    /// The text of the page's `<head>` (its `<title>`), which a browser does not lay out: a
    /// line each, with its offset and length in the page; it is the page's, not the document's.
    head: Vec<(String, usize, usize)>,
    /// A fragment: text that opens with text, not an element (a Markdown source with HTML
    /// paragraphs, a content field copied out). Its line breaks outside any element break
    /// lines (its Markdown headings, its front matter), as a text's do.
    fragment: bool,
}

/// What stands in the text for a data table (U+FFFC OBJECT REPLACEMENT CHARACTER): the reader
/// places it as a paragraph, which then becomes the table.
const TABLE_MARK: &str = crate::text::rules::OBJECT_LINE;

/// A table cell holding more characters than this is page layout, not data.
const MAX_CELL_CHARS: usize = 1000;

#[derive(Debug, Clone, Copy)]
struct Run {
    flat: usize,
    src: usize,
    flat_len: usize,
    src_len: usize,
    verbatim: bool,
}

impl Flat {
    /// The text's lines that hold more than white space, trimmed, each with where it stands in
    /// the page (offset and length).
    fn lines(&self) -> Vec<(String, usize, usize)> {
        let mut out = Vec::new();
        let mut at = 0;
        for line in self.text.split('\n') {
            let t = line.trim_matches(|c: char| c.is_ascii_whitespace());
            if !t.is_empty() {
                let o = at + (t.as_ptr() as usize - line.as_ptr() as usize);
                let from = self.source(o, false);
                let to = self.source(o + t.len(), true).max(from);
                out.push((t.to_string(), from, to - from));
            }
            at += line.len() + 1;
        }
        out
    }

    /// Where the content region's text ends, when the page has one.
    fn content_end(&self) -> Option<usize> {
        self.region.and_then(|(_, a, b)| (b > a).then_some(b))
    }

    fn push(&mut self, s: &str, src: usize, src_len: usize, verbatim: bool) {
        if s.is_empty() {
            return;
        }
        let flat = self.text.len();
        self.text.push_str(s);
        match self.runs.last_mut() {
            // a verbatim run that goes on where the last one ended
            Some(r)
                if verbatim
                    && r.verbatim
                    && r.flat + r.flat_len == flat
                    && r.src + r.src_len == src =>
            {
                r.flat_len += s.len();
                r.src_len += src_len;
            }
            _ => self.runs.push(Run {
                flat,
                src,
                flat_len: s.len(),
                src_len,
                verbatim,
            }),
        }
    }

    /// The run that holds text offset `o` (the last run for the end of the text).
    fn run_at(&self, o: usize) -> Option<&Run> {
        let k = self.runs.partition_point(|r| r.flat <= o);
        self.runs.get(k.checked_sub(1)?)
    }

    /// The page offset of text offset `o`, as a start (`end` false) or as an end.
    fn source(&self, o: usize, end: bool) -> usize {
        let probe = if end { o.saturating_sub(1) } else { o };
        let Some(r) = self.run_at(probe) else {
            return 0;
        };
        let into = o.saturating_sub(r.flat);
        if r.verbatim {
            r.src + into.min(r.src_len)
        } else if end && into > 0 {
            r.src + r.src_len
        } else {
            r.src
        }
    }

    /// Points span `s` of the text at the page: its offsets, line and column.
    fn point(&self, s: &mut Span, src: &str, index: &LineIndex) {
        let start = self.source(s.offset, false);
        let end = self.source(s.offset + s.len, true).max(start);
        let p = index.span(src, start, end - start);
        *s = p;
    }
}

/// The page's text as a browser lays it out, with where each piece stands in the page.
/// With `tables`, each data table stands in the text as a line of [`TABLE_MARK`] and is kept
/// in [`Flat::tables`]; without, its cells end with tabs and its rows with line breaks.
fn flatten(src: &str, tables: bool) -> Flat {
    let html = scraper::Html::parse_document(src);
    let fragment = !src
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .starts_with('<');
    let mut out = Flat {
        region: content_region(html.tree.root()).map(|id| (id, 0, 0)),
        fragment,
        ..Flat::default()
    };
    let mut cursor = Cursor { src, at: 0 };
    walk(html.tree.root(), &mut out, &mut cursor, tables);
    out
}

/// Sentence punctuation: what running text has and navigation, toolbars and footers lack.
fn is_sentence_mark(c: char) -> bool {
    matches!(
        c,
        '。' | '，' | '；' | '：' | '、' | '？' | '！' | '“' | '”' | '（' | '）'
    )
}

/// The content region of a page, by text density: the deepest element that holds at least
/// [`CONTENT_SHARE`] of the page's sentence punctuation outside links (running text is
/// punctuated; menus, link lists, toolbars and footers are not, or are links). `None` for a
/// page with too little punctuation to tell.
fn content_region(root: HtmlRef<'_>) -> Option<ego_tree::NodeId> {
    // punctuation outside links, per subtree: the nodes in reverse document order see their
    // children before themselves
    let nodes: Vec<HtmlRef<'_>> = root.descendants().collect();
    let mut marks: std::collections::HashMap<ego_tree::NodeId, usize> =
        std::collections::HashMap::with_capacity(nodes.len());
    for n in nodes.iter().rev() {
        let m = match n.value() {
            HtmlNode::Text(t) => t.chars().filter(|&c| is_sentence_mark(c)).count(),
            HtmlNode::Element(e) if SKIPPED.contains(&e.name()) || e.name() == "a" => 0,
            _ => n
                .children()
                .map(|c| marks.get(&c.id()).copied().unwrap_or(0))
                .sum(),
        };
        marks.insert(n.id(), m);
    }
    let total = marks.get(&root.id()).copied().unwrap_or(0);
    if total < MIN_CONTENT_MARKS {
        return None;
    }
    // the deepest element holding the share: from the root, into the child that holds it
    let need = (total * CONTENT_SHARE_PERCENT).div_ceil(100);
    let mut at = root;
    'down: loop {
        for c in at.children() {
            if element_name(&c).is_some() && marks.get(&c.id()).is_some_and(|&m| m >= need) {
                at = c;
                continue 'down;
            }
        }
        break;
    }
    (at.id() != root.id()).then(|| at.id())
}

/// The share of a page's sentence punctuation (in percent) its content region holds.
const CONTENT_SHARE_PERCENT: usize = 80;

/// A page with fewer sentence marks than this has no content region to find.
const MIN_CONTENT_MARKS: usize = 10;

type HtmlRef<'t> = ego_tree::NodeRef<'t, HtmlNode>;

fn element_name<'t>(n: &HtmlRef<'t>) -> Option<&'t str> {
    match n.value() {
        HtmlNode::Element(e) => Some(e.name()),
        _ => None,
    }
}

/// The rows of cells of a data table, by its shape: no table inside it, at least two rows of
/// two cells or more, no cell longer than [`MAX_CELL_CHARS`] (a page laid out in a table has
/// its whole text in one cell), some text, and a first row that is no metadata box (the
/// box's `key：value` cells are read as fields). `None` for a table used for layout.
fn data_table<'t>(table: HtmlRef<'t>) -> Option<Vec<Vec<HtmlRef<'t>>>> {
    let mut rows: Vec<Vec<HtmlRef<'t>>> = Vec::new();
    for d in table.descendants().skip(1) {
        match element_name(&d) {
            Some("table") => return None,
            Some("tr") => rows.push(
                d.children()
                    .filter(|c| matches!(element_name(c), Some("td" | "th")))
                    .collect(),
            ),
            _ => {}
        }
    }
    rows.retain(|r| !r.is_empty());
    if rows.iter().filter(|r| r.len() >= 2).count() < 2 {
        return None;
    }
    let text = |c: &HtmlRef<'_>| -> String {
        c.descendants()
            .filter_map(|d| match d.value() {
                HtmlNode::Text(t) => Some(&**t),
                _ => None,
            })
            .collect()
    };
    let mut chars = 0;
    for c in rows.iter().flatten() {
        let n = text(c).trim().chars().count();
        if n > MAX_CELL_CHARS {
            return None;
        }
        chars += n;
    }
    let first: Vec<String> = rows[0].iter().map(text).collect();
    if chars == 0 || crate::text::rules::box_fields(&first.join("\t")).is_some() {
        return None;
    }
    Some(rows)
}

/// A data table's cells read into a [`Table`] (cell spans as page offsets), with the extent of
/// its text in the page; the cursor moves past it.
fn read_table(rows: Vec<Vec<HtmlRef<'_>>>, cursor: &mut Cursor<'_>) -> (Table, usize, usize) {
    let mut table = Table::default();
    let (mut start, mut end) = (usize::MAX, 0);
    for row in rows {
        let mut cells = Vec::with_capacity(row.len());
        for c in row {
            let mut sub = Flat::default();
            walk(c, &mut sub, cursor, false);
            let lines = sub.lines();
            let text = lines
                .iter()
                .map(|(t, _, _)| t.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let from = lines.first().map_or(0, |l| l.1);
            let to = lines.last().map_or(0, |l| l.1 + l.2);
            let span = if text.is_empty() {
                Span::default()
            } else {
                start = start.min(from);
                end = end.max(to);
                Span {
                    offset: from,
                    len: to.saturating_sub(from),
                    line: 0,
                    column: 0,
                }
            };
            let el = match c.value() {
                HtmlNode::Element(e) => Some(e),
                _ => None,
            };
            let count = |name: &str| {
                el.and_then(|e| e.attr(name))
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .filter(|n| *n >= 1)
                    .map_or(1, |n| n.min(1000))
            };
            cells.push(Cell {
                text,
                header: element_name(&c) == Some("th"),
                rowspan: count("rowspan"),
                colspan: count("colspan"),
                span,
            });
        }
        table.rows.push(cells);
    }
    (table, start, end.saturating_sub(start))
}

/// The tree in document order, without recursion (a page may nest a million elements): an
/// element's line breaks before and after its content, a cell's tab after it.
fn walk(root: HtmlRef<'_>, out: &mut Flat, cursor: &mut Cursor<'_>, tables: bool) {
    enum Step<'t> {
        Enter(ego_tree::NodeRef<'t, HtmlNode>),
        Leave(&'t str, ego_tree::NodeId),
    }
    let mut stack: Vec<Step<'_>> = root.children().rev().map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(name, id) => {
                if let Some(r) = out.region.as_mut().filter(|r| r.0 == id) {
                    r.2 = out.text.len();
                }
                if name == "td" || name == "th" {
                    out.push("\t", cursor.at, 0, false);
                } else if BLOCK.contains(&name) {
                    out.push("\n", cursor.at, 0, false);
                }
            }
            Step::Enter(node) => match node.value() {
                HtmlNode::Text(t) => {
                    // (a fragment's text outside any element but the document's keeps its
                    // line breaks)
                    let top = out.fragment
                        && node
                            .parent()
                            .and_then(|p| element_name(&p))
                            .is_none_or(|n| matches!(n, "body" | "html") || n.ends_with(':'));
                    text(t, out, cursor, top)
                }
                HtmlNode::Element(el) => {
                    let name = el.name();
                    if SKIPPED.contains(&name) {
                        continue;
                    }
                    if BLOCK.contains(&name) {
                        out.push("\n", cursor.at, 0, false);
                    }
                    if name == "head" {
                        let mut sub = Flat::default();
                        walk(node, &mut sub, cursor, false);
                        out.head.extend(sub.lines());
                        continue;
                    }
                    if let Some(rows) = (tables && name == "table")
                        .then(|| data_table(node))
                        .flatten()
                    {
                        // a caption is text before the table
                        for c in node.children() {
                            if element_name(&c) == Some("caption") {
                                walk(c, out, cursor, false);
                                out.push("\n", cursor.at, 0, false);
                            }
                        }
                        let (table, at, len) = read_table(rows, cursor);
                        out.push(TABLE_MARK, at, len, false);
                        out.push("\n", cursor.at, 0, false);
                        out.tables.push((table, at, len));
                        continue;
                    }
                    if let Some(r) = out.region.as_mut().filter(|r| r.0 == node.id()) {
                        r.1 = out.text.len();
                    }
                    if name.ends_with(':') {
                        autolink(name, out, cursor);
                    }
                    stack.push(Step::Leave(name, node.id()));
                    stack.extend(node.children().rev().map(Step::Enter));
                }
                _ => stack.extend(node.children().rev().map(Step::Enter)),
            },
        }
    }
}

/// A Markdown autolink in a page read as HTML (`<https://flk.npc.gov.cn/……>`, as a crawl to
/// Markdown writes a link beside the page's own markup): the parser takes it for an element
/// named by its scheme (`https:`), a browser would show nothing of it; its text is the link's
/// address, kept as the page writes it.
fn autolink(name: &str, out: &mut Flat, cursor: &mut Cursor<'_>) {
    let src = cursor.src;
    let b = src.as_bytes();
    let Some(start) = memchr::memchr_iter(b'<', &b[cursor.at..])
        .map(|p| cursor.at + p)
        .find(|&p| {
            b.get(p + 1..p + 1 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        })
    else {
        return;
    };
    let Some(len) = src[start..].find('>').map(|e| e + 1) else {
        return;
    };
    let link = &src[start..start + len];
    if link.contains(char::is_whitespace) || !link[1..].contains(':') {
        return;
    }
    out.push(link, start, len, true);
    cursor.at = start + len;
}

/// One text node: runs of ASCII white space become one space (a line break, where `lines`
/// and the run holds one), every other character is found in the page at the cursor (after
/// the markup before it) and mapped there.
fn text(t: &str, out: &mut Flat, cursor: &mut Cursor<'_>, lines: bool) {
    let mut space: Option<(usize, usize, bool)> = None;
    let mut buf = [0u8; 4];
    let gap = |(a, l, nl): (usize, usize, bool), out: &mut Flat| {
        out.push(if nl { "\n" } else { " " }, a, l, false);
    };
    for c in t.chars() {
        let (at, len, verbatim) = cursor.find(c);
        if c.is_ascii_whitespace() {
            let nl = lines && c == '\n';
            space = Some(space.map_or((at, len, nl), |(a, _, n)| (a, at + len - a, n || nl)));
            continue;
        }
        if let Some(g) = space.take() {
            gap(g, out);
        }
        out.push(c.encode_utf8(&mut buf), at, len, verbatim);
    }
    if let Some(g) = space {
        gap(g, out);
    }
}

/// Where the page's text is read from: the parser's text nodes come in the page's order, so
/// each character is looked for after the last one found, past markup and entities.
#[derive(Debug)]
struct Cursor<'s> {
    src: &'s str,
    at: usize,
}

impl Cursor<'_> {
    /// Finds character `c` at the cursor: its offset, its length in the page (an entity's
    /// whole length) and whether the page holds it as it is; moves past it. A character the
    /// page does not hold there (the parser made it) is placed at the cursor, zero long.
    fn find(&mut self, c: char) -> (usize, usize, bool) {
        let src = self.src;
        // a character the page holds further on, within a short stretch of markup
        for _ in 0..10_000 {
            let rest = &src[self.at..];
            let Some(first) = rest.chars().next() else {
                return (self.at, 0, false);
            };
            if first == '<' && markup_start(rest) {
                self.at += markup_len(rest);
                continue;
            }
            if first == c {
                let at = self.at;
                self.at += c.len_utf8();
                return (at, c.len_utf8(), true);
            }
            if first == '\r' && c == '\n' {
                let at = self.at;
                self.at += if rest.starts_with("\r\n") { 2 } else { 1 };
                return (at, self.at - at, false);
            }
            if first == '&' {
                let len = entity_len(rest);
                let at = self.at;
                self.at += len;
                return (at, len, false);
            }
            // the parser moved or made text (a table's stray text is put before the table):
            // this character of the page is passed over
            self.at += first.len_utf8();
        }
        (self.at, 0, false)
    }
}

/// True when `<` opens markup: a tag, an end tag, a comment, a doctype or an instruction.
fn markup_start(rest: &str) -> bool {
    rest[1..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?')
}

/// The length of the markup at the start of `rest`: a comment to its `-->`, a tag to its `>`
/// (quoted values may hold `>`), and the content of `<script>` and `<style>` with them.
fn markup_len(rest: &str) -> usize {
    let b = rest.as_bytes();
    if rest.starts_with("<!--") {
        return memchr::memmem::find(&b[4..], b"-->").map_or(b.len(), |p| p + 7);
    }
    let mut quote = 0u8;
    let mut end = b.len();
    for (i, &x) in b.iter().enumerate().skip(1) {
        match x {
            b'"' | b'\'' if quote == 0 => quote = x,
            q if q == quote && quote != 0 => quote = 0,
            b'>' if quote == 0 => {
                end = i + 1;
                break;
            }
            _ => {}
        }
    }
    let name: String = rest[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if SKIPPED.contains(&name.as_str()) {
        return end + find_end_tag(&b[end..], name.as_bytes()).unwrap_or(b.len() - end);
    }
    end
}

/// Where the end tag `</name` (any case) starts in `b`, without copying `b`: a script's
/// content is scanned once, however long the page after it.
fn find_end_tag(b: &[u8], name: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(b, b"</").find(|&p| {
        b.get(p + 2..p + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    })
}

/// The length of the character reference at the start of `rest`: to its `;`, or the name or
/// number a browser reads without one.
fn entity_len(rest: &str) -> usize {
    let b = rest.as_bytes();
    let body = b[1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
        .count();
    if b.get(1 + body) == Some(&b';') {
        body + 2
    } else {
        (body + 1).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_as_a_browser_lays_it_out() {
        let f = flatten("<div><p>一、总体<span>要求</span></p><p>A&amp;B&nbsp;C<br>下一行</p><script>x=1</script><table><tr><td>甲</td><td>乙</td></tr></table></div>", false);
        let lines: Vec<&str> = f
            .text
            .split('\n')
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert_eq!(lines, ["一、总体要求", "A&B\u{a0}C", "下一行", "甲\t乙\t"]);
    }

    #[test]
    fn spans_point_at_the_page() {
        let src = "<p>标题</p>\n<p>正文&amp;内容</p>";
        let f = flatten(src, false);
        let at = f.text.find("正文").expect("text");
        let end = at + "正文&内容".len();
        let (s, e) = (f.source(at, false), f.source(end, true));
        assert_eq!(&src[s..e], "正文&amp;内容");
    }

    #[test]
    fn a_data_table_is_a_table_and_layout_is_text() {
        let page = "<p>各单位：</p><p>现将指标表印发如下。</p><table><tr><th>指标</th><th>说明</th></tr>\
                    <tr><td rowspan=\"2\"><p>一、质量</p><p>（一）功能</p></td><td>甲&amp;乙</td></tr>\
                    <tr><td colspan=3>丙</td></tr></table><p>以上。</p>";
        let doc = read(page).expect("page");
        let t = doc
            .preamble
            .iter()
            .find_map(|p| p.table.as_ref())
            .expect("the table is a table");
        assert_eq!(t.rows.len(), 3);
        assert!(t.rows[0][0].header);
        assert_eq!(t.rows[1][0].text, "一、质量\n（一）功能");
        assert_eq!((t.rows[1][0].rowspan, t.rows[2][0].colspan), (2, 3));
        let c = &t.rows[1][1];
        assert_eq!(
            &page[c.span.offset..c.span.offset + c.span.len],
            "甲&amp;乙"
        );
        assert!(doc.body.is_empty(), "nothing in the table is structure");
        // the metadata box and a page laid out in a table are not data
        let layout = format!(
            "<table><tr><td>导航</td><td>{}</td></tr><tr><td>甲</td><td>乙</td></tr></table>",
            "正文。".repeat(400)
        );
        assert!(flatten(&layout, true).tables.is_empty());
        let nested = "<table><tr><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></td></tr></table>";
        assert_eq!(
            flatten(nested, true).tables.len(),
            1,
            "the inner table only"
        );
        let box_ = "<table><tr><td>索 引 号：</td><td>000014349/2019-00004</td></tr>\
                    <tr><td>发文机关：</td><td>国务院办公厅</td></tr></table>";
        assert!(flatten(box_, true).tables.is_empty());
    }

    #[test]
    fn the_content_region_ends_the_document_and_says_so_when_text_follows() {
        let body = "<p>一、总体要求</p><p>各地要提高认识，加强领导，落实责任，确保实效，做到万无一失。</p>\
                    <p>二、工作措施</p><p>各部门要密切配合，形成合力，强化督查，严肃问责，务求实效。</p>";
        let page = format!(
            "<div class=\"nav\"><a href=\"/\">首页</a></div><div class=\"c\">\
             <p>关于加强某项工作的通知</p><p>各单位：</p>{body}</div>\
             <div class=\"side\"><p>本网站由某市人民政府办公厅主办并负责日常维护管理工作。</p></div>"
        );
        let flat = flatten(&page, true);
        let (_, a, b) = flat.region.expect("a content region");
        assert!(flat.text[a..b].contains("一、总体要求") && !flat.text[a..b].contains("本网站"));
        let doc = read(&page).expect("page");
        assert_eq!(doc.body.len(), 2);
        assert!(doc.residue.iter().any(|r| r.text.starts_with("本网站")));
        let d = doc
            .diagnostics
            .iter()
            .find(|d| d.code == "past-content-region")
            .expect("the reader says the region cut running text");
        assert!(
            d.message.contains("1 block of running text"),
            "{}",
            d.message
        );
        // too little punctuation to tell: no region
        assert!(flatten("<p>一、甲</p><p>二、乙</p>", true).region.is_none());
    }

    #[test]
    fn detection() {
        assert!(looks_like_html("<!DOCTYPE html><html></html>"));
        assert!(looks_like_html("  <table><tr><td>索引号</td></tr></table>"));
        assert!(!looks_like_html("<akomaNtoso/>"));
        assert!(!looks_like_html("关于……的通知"));
        // plain lines, then paragraphs in markup (a content field copied out)
        assert!(looks_like_html(
            "发文机关:某某\n<p>各区:</p><p>现将方案印发。</p><p><br/></p><p>一、目标</p>"
        ));
        // a text that names a tag or two is text
        assert!(!looks_like_html(
            "关于网页<p>标记的说明\n第一行</p>\n第二行<br>\n第三行\n第四行\n"
        ));
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\">"
            ),
            Some("gbk".to_string())
        );
        assert_eq!(declared_charset(b"<meta charset=\"utf-8\">"), None);
    }
}
