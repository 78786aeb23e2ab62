//! XML plumbing shared by the two XML formats ([`crate::xml`] and [`crate::akn`]).
//!
//! **Reading untrusted XML.** The reader (`parse`, inside the crate) turns input into a small
//! element tree with quick-xml's namespace-aware reader ([`quick_xml::NsReader`]) and refuses,
//! with the position of the fault:
//!
//! - any `<!DOCTYPE …>`: no DTD is read, so no entity is ever declared, expanded or fetched
//!   (billion laughs, external entities); a reference to any entity but the five predefined ones
//!   (`&lt;` `&gt;` `&amp;` `&apos;` `&quot;`) and character references is an error;
//! - nesting deeper than [`MAX_DEPTH`] elements (the reader stops there: memory stays bounded
//!   however deep the input goes);
//! - more than [`MAX_ATTRIBUTES`] attributes (namespace declarations included) on one element;
//! - a text node or attribute value longer than [`MAX_TEXT`] bytes, an input longer than
//!   [`MAX_INPUT`] bytes, more than [`MAX_ELEMENTS`] elements or more than
//!   [`MAX_ATTRIBUTES_TOTAL`] attributes (the tree stays within about 500 MB whatever the
//!   input);
//! - characters XML 1.0 does not allow, unbound prefixes, mismatched tags, text outside the root.
//!
//! The limits sit far above what a real document needs: gongwen's own AKN nests about 12 levels
//! per document (attachments add one document level each), and the largest corpus document
//! (民法典, about 360 KB of text) becomes about 1.2 MB of AKN with some 13 000 elements whose
//! longest text node is one article of a few KB.
//!
//! **Writing.** The writer (`Out`, inside the crate) writes straight into one buffer (streamed to
//! an `io::Write` in blocks when asked) with a fixed indentation (two spaces), attributes in the
//! order given, and escaping that makes every string read back as it was:
//! `&`, `<`, `>` always; `"` and tab, line feed and carriage return in attribute values; carriage
//! return in text (XML parsers turn a literal one into a line feed). XML 1.0 cannot hold C0 control
//! characters other than tab, line feed and carriage return, nor U+FFFE and U+FFFF: a document that
//! holds one cannot be written, and the writer says so instead of dropping it.

use crate::error::{Error, Format, Position};
use crate::lines::LineIndex;
use crate::model::Span;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

/// Deepest element nesting accepted.
pub const MAX_DEPTH: usize = 256;
/// Most attributes (namespace declarations included) accepted on one element.
pub const MAX_ATTRIBUTES: usize = 64;
/// Longest text node or attribute value accepted, in bytes (8 MiB).
pub const MAX_TEXT: usize = 8 * 1024 * 1024;
/// Longest input accepted, in bytes (64 MiB).
pub const MAX_INPUT: usize = 64 * 1024 * 1024;
/// Most elements accepted in one input (2^20): the AKN of a 10 MB document of the genre holds
/// about 270 000, the largest corpus document 13 000. A flood of `<a/>` makes a tree of about
/// 110 MB; with text between the elements and two attributes on each, all of them copied
/// because they hold a reference, about 480 MB, the most we could make it.
pub const MAX_ELEMENTS: usize = 1 << 20;
/// Most attributes accepted in one input, namespace declarations left out (2^21, two an element
/// at the element limit): the AKN of a 10 MB document of the genre holds about 220 000, fewer
/// than one an element. Without it, 64 attributes on each element of a 64 MiB input would make
/// a tree of some 740 MB.
pub const MAX_ATTRIBUTES_TOTAL: usize = 1 << 21;

/// The Akoma Ntoso 3.0 namespace.
pub const AKN_NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
/// The gongwen namespace (gongwen XML, and gongwen data inside AKN `proprietary`).
pub const GW_NS: &str = "https://gongwen.dev/ns/gongwen/1.0";
/// The namespace of `xml:lang`, `xml:space`.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

pub use crate::format::detect_xml as detect;

/// An element: its namespace, local name, attributes, children and where its start tag is.
///
/// Names, attribute values and text borrow from the input (`'a`) unless XML changed them while
/// reading (a reference resolved, a line end or, in an attribute, white space normalised):
/// only those are copied.
#[derive(Debug, Clone)]
pub(crate) struct Element<'a> {
    /// The namespace URI, empty for none.
    pub ns: Rc<str>,
    /// The local name.
    pub name: Cow<'a, str>,
    pub attrs: Vec<Attr<'a>>,
    pub children: Vec<Child<'a>>,
    /// Byte offset of the `<` of the start tag.
    pub offset: usize,
    /// Length of the start tag in bytes.
    pub len: usize,
}

/// An attribute with its namespace (empty for an unprefixed attribute) and its value as read.
#[derive(Debug, Clone)]
pub(crate) struct Attr<'a> {
    pub ns: Rc<str>,
    pub name: Cow<'a, str>,
    pub value: Cow<'a, str>,
}

/// A child of an element: an element, or text (adjacent text, CDATA and references merged).
#[derive(Debug, Clone)]
pub(crate) enum Child<'a> {
    Element(Element<'a>),
    Text(Cow<'a, str>),
}

impl<'a> Element<'a> {
    /// True for the element `name` in namespace `ns`.
    pub fn is(&self, ns: &str, name: &str) -> bool {
        &*self.ns == ns && self.name == name
    }

    /// The value of the unprefixed attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.is_empty() && a.name == name)
            .map(|a| &*a.value)
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element<'a>> {
        self.children.iter().filter_map(|c| match c {
            Child::Element(e) => Some(e),
            Child::Text(_) => None,
        })
    }

    /// The first child element `name` in namespace `ns`.
    pub fn child(&self, ns: &str, name: &str) -> Option<&Element<'a>> {
        self.elements().find(|e| e.is(ns, name))
    }

    /// All text below this element, in document order.
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.collect_text(&mut s);
        s
    }

    fn collect_text(&self, out: &mut String) {
        for c in &self.children {
            match c {
                Child::Text(t) => out.push_str(t),
                Child::Element(e) => e.collect_text(out),
            }
        }
    }

    /// The first direct text child that is not white space, if any.
    pub fn stray_text(&self) -> Option<&str> {
        self.children.iter().find_map(|c| match c {
            Child::Text(t) if !is_blank(t) => Some(&**t),
            _ => None,
        })
    }

    /// Every element below this one (not this one), depth first, in document order.
    pub fn descendants(&self) -> Vec<&Element<'a>> {
        let mut out = Vec::new();
        fn go<'e, 'a>(e: &'e Element<'a>, out: &mut Vec<&'e Element<'a>>) {
            for c in e.elements() {
                out.push(c);
                go(c, out);
            }
        }
        go(self, &mut out);
        out
    }
}

/// White space as XML counts it.
pub(crate) fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// A character XML 1.0 allows in a document.
fn xml_char(c: char) -> bool {
    !(((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}')
}

/// The first character of `s` that XML 1.0 does not allow, with its byte offset. A C0 control
/// is one byte below 0x20 and U+FFFE / U+FFFF start with `EF BF`, so that one pass over the
/// bytes ([`may_hold_non_xml`]) clears nearly every text, and characters are decoded only when
/// it finds one of them.
fn first_non_xml_char(s: &str) -> Option<(usize, char)> {
    if !may_hold_non_xml(s.as_bytes()) {
        return None;
    }
    s.char_indices().find(|(_, c)| !xml_char(*c))
}

/// True when `b` holds a C0 control other than tab, LF and CR, or `EF BF` (the first two bytes
/// of U+FFFE and U+FFFF, and of U+FFC0…U+FFFD), in one vectorised pass
/// ([`flagged_or_ef_bf`]): what the reader reads and what the writer writes (names, attribute
/// values) is cleared at the speed of a copy, and the exact check runs only past it.
fn may_hold_non_xml(b: &[u8]) -> bool {
    flagged_or_ef_bf(b, |x| {
        u8::from(x < 0x20) & u8::from(x != b'\t') & u8::from(x != b'\n') & u8::from(x != b'\r')
    })
}

/// True when `flag` (1 or 0, computed bitwise) is 1 for a byte of `b`, or `b` holds `EF BF`.
/// One pass over each byte and the next, with no early exit and no branch in the loop, so that
/// the compiler vectorises it.
#[inline(always)]
fn flagged_or_ef_bf(b: &[u8], flag: impl Fn(u8) -> u8) -> bool {
    let Some((&last, _)) = b.split_last() else {
        return false;
    };
    let found = b.iter().zip(&b[1..]).fold(flag(last), |acc, (&x, &y)| {
        acc | flag(x) | u8::from(x == 0xEF) & u8::from(y == 0xBF)
    });
    found != 0
}

/// True when `s` is XML white space only (all of it ASCII, so bytes will do).
pub(crate) fn is_blank(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// A parsed input: its root element and the means to turn offsets into positions.
#[derive(Debug)]
pub(crate) struct Tree<'a> {
    pub src: &'a str,
    pub root: Element<'a>,
    pub lines: LineIndex,
}

impl Tree<'_> {
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(self.src, offset)
    }

    /// The span of an element's start tag.
    pub fn span(&self, e: &Element<'_>) -> Span {
        self.lines.span(self.src, e.offset, e.len)
    }

    /// The span of the value of attribute `name` of `e`, or of its start tag when not found.
    pub fn attr_span(&self, e: &Element<'_>, name: &str) -> Span {
        let tag = self.src.get(e.offset..e.offset + e.len).unwrap_or("");
        let mut from = 0;
        while let Some(i) = tag[from..].find(name) {
            let at = from + i;
            let before_ok = at > 0 && tag[..at].ends_with(is_xml_space);
            let rest = tag[at + name.len()..].trim_start_matches(is_xml_space);
            if before_ok && rest.starts_with('=') {
                let after_eq = rest[1..].trim_start_matches(is_xml_space);
                let quote_at = tag.len() - after_eq.len();
                if let Some(q) = after_eq.chars().next().filter(|c| *c == '"' || *c == '\'') {
                    let value = &after_eq[1..];
                    let vlen = value.find(q).unwrap_or(value.len());
                    return self.lines.span(self.src, e.offset + quote_at + 1, vlen);
                }
            }
            from = at + name.len();
        }
        self.span(e)
    }
}

fn syntax(format: Format, message: impl Into<String>, at: Position) -> Error {
    Error::Syntax {
        format,
        message: message.into(),
        at,
    }
}

/// quick-xml's messages, made to fit ours: lowercase start, no final period.
fn tidy(msg: &str) -> String {
    let msg = msg.trim().trim_end_matches('.');
    let mut c = msg.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Parses `src` into an element tree within the limits of this module.
pub(crate) fn parse(src: &str, format: Format) -> Result<Tree<'_>, Error> {
    let lines = LineIndex::new(src);
    let at = |offset: usize| lines.position(src, offset);
    if src.len() > MAX_INPUT {
        return Err(Error::Limit {
            what: "input size in bytes",
            limit: MAX_INPUT,
            at: at(MAX_INPUT),
        });
    }
    if src
        .trim_matches(|c: char| is_xml_space(c) || c == '\u{feff}')
        .is_empty()
    {
        return Err(Error::Empty);
    }
    let body = src.strip_prefix('\u{feff}').unwrap_or(src);
    let base = src.len() - body.len();
    let mut reader = NsReader::from_str(body);
    {
        let cfg = reader.config_mut();
        cfg.trim_text(false);
        cfg.check_end_names = true;
        cfg.expand_empty_elements = false;
    }
    reader
        .resolver_mut()
        .set_max_declarations_per_element(MAX_ATTRIBUTES);

    let mut interned = Interned::default();
    // the open elements, each with where its children start in `kids`: the children of every
    // open element wait in one list and go to their element in one exact allocation when it
    // ends (no vector grown by doubling for every element, no spare room kept in the tree)
    let mut stack: Vec<(Element<'_>, usize)> = Vec::new();
    let mut kids: Vec<Child<'_>> = Vec::new();
    let mut root: Option<Element<'_>> = None;
    // one text event is borrowed from the input; text in pieces (around a reference) is copied
    let mut text: Cow<'_, str> = Cow::Borrowed("");
    let mut text_at = 0usize;
    let mut elements = 0usize;
    let mut attributes = 0usize;

    loop {
        let start = base + usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let off = base + usize::try_from(reader.error_position()).unwrap_or(0);
                if let quick_xml::Error::Namespace(
                    quick_xml::name::NamespaceError::TooManyDeclarations(_),
                ) = e
                {
                    return Err(Error::Limit {
                        what: "attributes on one element",
                        limit: MAX_ATTRIBUTES,
                        at: at(start),
                    });
                }
                return Err(syntax(format, tidy(&e.to_string()), at(off)));
            }
        };
        // a start tag opens an element that its end tag closes; an empty one is whole at once
        let opens = matches!(event, Event::Start(_));
        match event {
            Event::Decl(d) => {
                if let Some(Ok(enc)) = d.encoding() {
                    let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                    if enc != "utf-8" && enc != "utf8" {
                        return Err(syntax(
                            format,
                            format!("encoding `{enc}` is not supported: gongwen reads UTF-8 only"),
                            at(start),
                        ));
                    }
                }
            }
            Event::DocType(_) => {
                return Err(syntax(
                    format,
                    "DOCTYPE declarations are refused: gongwen reads no DTD, expands no entity \
                     and fetches nothing",
                    at(start),
                ));
            }
            Event::PI(_) | Event::Comment(_) => {}
            Event::Start(s) | Event::Empty(s) => {
                flush_text(&stack, &mut kids, &mut text);
                elements += 1;
                if elements > MAX_ELEMENTS {
                    return Err(Error::Limit {
                        what: "elements in one input",
                        limit: MAX_ELEMENTS,
                        at: at(start),
                    });
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::Limit {
                        what: "element nesting depth",
                        limit: MAX_DEPTH,
                        at: at(start),
                    });
                }
                let end = base + usize::try_from(reader.buffer_position()).unwrap_or(0);
                let el = element(&reader, &s, start, end, &mut interned, src, format, &lines)?;
                attributes += el.attrs.len();
                if attributes > MAX_ATTRIBUTES_TOTAL {
                    return Err(Error::Limit {
                        what: "attributes in one input",
                        limit: MAX_ATTRIBUTES_TOTAL,
                        at: at(start),
                    });
                }
                if stack.is_empty() && root.is_some() {
                    return Err(syntax(
                        format,
                        "a second root element: an XML document has one",
                        at(start),
                    ));
                }
                if opens {
                    stack.push((el, kids.len()));
                } else if stack.is_empty() {
                    root = Some(el);
                } else {
                    kids.push(Child::Element(el));
                }
            }
            Event::End(_) => {
                flush_text(&stack, &mut kids, &mut text);
                let Some((mut el, first)) = stack.pop() else {
                    return Err(syntax(format, "end tag without a start tag", at(start)));
                };
                el.children = if first < kids.len() - first {
                    // the element holds most of the list (the root, a body of many parts): it
                    // keeps the list's allocation and the few children of the elements still
                    // open move to a new one, so that a large list is never held twice
                    let open: Vec<Child<'_>> = kids.drain(..first).collect();
                    std::mem::replace(&mut kids, open)
                } else {
                    kids.drain(first..).collect()
                };
                match stack.last() {
                    Some(_) => kids.push(Child::Element(el)),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                // a text without a carriage return is read as it stands: a slice of the input,
                // which is UTF-8 already (quick-xml would check it again)
                let raw = if memchr::memchr(b'\r', &t).is_none() {
                    borrowed(src, &t)
                } else {
                    t.xml10_content()
                        .map_err(|e| syntax(format, tidy(&e.to_string()), at(start)))?
                };
                if stack.is_empty() {
                    if let Some(i) = raw.find(|c: char| !is_xml_space(c)) {
                        return Err(syntax(
                            format,
                            "text outside the root element",
                            at(start + i),
                        ));
                    }
                    continue;
                }
                if let Some((i, c)) = first_non_xml_char(&raw) {
                    return Err(syntax(
                        format,
                        format!("character U+{:04X} is not allowed in XML", c as u32),
                        at(start + i),
                    ));
                }
                if text.is_empty() {
                    text_at = start;
                }
                push_text(&mut text, raw, text_at, src, &lines)?;
            }
            Event::CData(t) => {
                let raw = t
                    .xml10_content()
                    .map_err(|e| syntax(format, tidy(&e.to_string()), at(start)))?;
                if stack.is_empty() {
                    return Err(syntax(format, "text outside the root element", at(start)));
                }
                if let Some((_, c)) = first_non_xml_char(&raw) {
                    return Err(syntax(
                        format,
                        format!("character U+{:04X} is not allowed in XML", c as u32),
                        at(start),
                    ));
                }
                if text.is_empty() {
                    text_at = start;
                }
                push_text(&mut text, raw, text_at, src, &lines)?;
            }
            Event::GeneralRef(r) => {
                let name = String::from_utf8_lossy(&r).into_owned();
                let c = resolve_reference(&name).map_err(|m| syntax(format, m, at(start)))?;
                if stack.is_empty() {
                    return Err(syntax(format, "text outside the root element", at(start)));
                }
                if text.is_empty() {
                    text_at = start;
                }
                // the five predefined entities need no allocation of their own
                let piece: Cow<'_, str> = match c {
                    '<' => "<".into(),
                    '>' => ">".into(),
                    '&' => "&".into(),
                    '\'' => "'".into(),
                    '"' => "\"".into(),
                    c => c.to_string().into(),
                };
                push_text(&mut text, piece, text_at, src, &lines)?;
            }
            Event::Eof => break,
        }
    }
    if let Some((open, _)) = stack.last() {
        return Err(syntax(
            format,
            format!("element `{}` is not closed", open.name),
            at(open.offset),
        ));
    }
    match root {
        Some(root) => Ok(Tree { src, root, lines }),
        None => Err(syntax(format, "no root element", at(src.len()))),
    }
}

/// Adds `more` to the text read so far: taken as it is when it is the first piece (a slice of
/// the input stays one), appended to a copy otherwise.
fn push_text<'a>(
    text: &mut Cow<'a, str>,
    more: Cow<'a, str>,
    text_at: usize,
    src: &str,
    lines: &LineIndex,
) -> Result<(), Error> {
    if text.len() + more.len() > MAX_TEXT {
        return Err(Error::Limit {
            what: "bytes in one text node",
            limit: MAX_TEXT,
            at: lines.position(src, text_at),
        });
    }
    if text.is_empty() {
        *text = more;
    } else {
        text.to_mut().push_str(&more);
    }
    Ok(())
}

/// Hands the text read so far to the open element.
fn flush_text<'a>(
    stack: &[(Element<'a>, usize)],
    kids: &mut Vec<Child<'a>>,
    text: &mut Cow<'a, str>,
) {
    if text.is_empty() {
        return;
    }
    if stack.is_empty() {
        *text = Cow::Borrowed("");
    } else {
        kids.push(Child::Text(std::mem::take(text)));
    }
}

/// The character a reference stands for: the five predefined entities and character references.
fn resolve_reference(name: &str) -> Result<char, String> {
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => {
            let Some(num) = name.strip_prefix('#') else {
                return Err(format!(
                    "undefined entity `&{name};`: gongwen reads no DTD, only the five predefined \
                     entities and character references"
                ));
            };
            let code = match num.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            match code.and_then(char::from_u32) {
                Some(c) if xml_char(c) && c != '\0' => c,
                _ => return Err(format!("invalid character reference `&{name};`")),
            }
        }
    };
    Ok(c)
}

/// The namespace URIs seen so far, each shared by the elements and attributes in it: one seen
/// before costs a comparison, no allocation. A document uses a handful (AKN, gongwen, `xml:`),
/// which a list searched in order finds faster than a hash map; the URIs beyond the first
/// [`Interned::FEW`] go to a map, so that an input declaring thousands costs no more than a
/// look-up each.
#[derive(Default)]
struct Interned {
    few: Vec<(Box<[u8]>, Rc<str>)>,
    many: HashMap<Box<[u8]>, Rc<str>>,
}

impl Interned {
    const FEW: usize = 8;

    fn get(&mut self, ns: &[u8]) -> Rc<str> {
        // compared without a call to memcmp, which costs more than the comparison of a URI
        let same = |k: &[u8]| {
            k.len() == ns.len() && k.iter().zip(ns).fold(0, |d, (a, b)| d | (a ^ b)) == 0
        };
        if let Some((_, rc)) = self.few.iter().find(|(k, _)| same(k)) {
            return rc.clone();
        }
        if let Some(rc) = self.many.get(ns) {
            return rc.clone();
        }
        let rc: Rc<str> = Rc::from(String::from_utf8_lossy(ns).as_ref());
        if self.few.len() < Self::FEW {
            self.few.push((ns.into(), rc.clone()));
        } else {
            self.many.insert(ns.into(), rc.clone());
        }
        rc
    }
}

#[allow(clippy::too_many_arguments)]
fn element<'a>(
    reader: &NsReader<&[u8]>,
    s: &BytesStart<'_>,
    start: usize,
    end: usize,
    interned: &mut Interned,
    src: &'a str,
    format: Format,
    lines: &LineIndex,
) -> Result<Element<'a>, Error> {
    let at = |offset: usize| lines.position(src, offset);
    let mut intern = |ns: &[u8]| interned.get(ns);
    // the qualified name, for messages only
    let qname = String::from_utf8_lossy(s.name().into_inner());
    let (res, local) = reader.resolver().resolve_element(s.name());
    let ns = match res {
        ResolveResult::Bound(n) => intern(n.as_ref()),
        ResolveResult::Unbound => intern(b""),
        ResolveResult::Unknown(p) => {
            return Err(syntax(
                format,
                format!(
                    "namespace prefix `{}` of `{qname}` is not declared",
                    String::from_utf8_lossy(&p)
                ),
                at(start),
            ))
        }
    };
    let name = borrowed(src, local.as_ref());
    // room for as many attributes as the tag has `=` (a value may hold more): made once at
    // about its size, not at four, the least a vector grows to
    let room = memchr::memchr_iter(b'=', s.attributes_raw())
        .count()
        .min(MAX_ATTRIBUTES);
    let mut attrs = Vec::with_capacity(room);
    let mut count = 0usize;
    for a in s.attributes() {
        count += 1;
        if count > MAX_ATTRIBUTES {
            return Err(Error::Limit {
                what: "attributes on one element",
                limit: MAX_ATTRIBUTES,
                at: at(start),
            });
        }
        let a: Attribute<'_> = a.map_err(|e| {
            syntax(
                format,
                format!("in the attributes of `{qname}`: {}", tidy(&e.to_string())),
                at(start),
            )
        })?;
        let key = a.key.as_ref();
        if key == b"xmlns" || key.starts_with(b"xmlns:") {
            continue;
        }
        let (res, local) = reader.resolver().resolve_attribute(a.key);
        let ans = match res {
            ResolveResult::Bound(n) => intern(n.as_ref()),
            ResolveResult::Unbound => intern(b""),
            ResolveResult::Unknown(p) => {
                return Err(syntax(
                    format,
                    format!(
                        "namespace prefix `{}` of an attribute of `{qname}` is not declared",
                        String::from_utf8_lossy(&p)
                    ),
                    at(start),
                ))
            }
        };
        if a.value.len() > MAX_TEXT {
            return Err(Error::Limit {
                what: "bytes in one attribute value",
                limit: MAX_TEXT,
                at: at(start),
            });
        }
        let raw = borrowed(src, &a.value);
        // one pass over the bytes (no early exit: values are short) clears nearly every value
        // the writer's byte classes clear nearly every value in one pass: a value that needs
        // no reference written holds nothing that reading would change or refuse
        let plain = attr_classes(&raw) == 0
            || !raw
                .bytes()
                .any(|b| matches!(b, b'\r' | b'\n' | b'\t' | b'<' | b'&'))
                && first_non_xml_char(&raw).is_none();
        let value = if plain {
            Ok(raw)
        } else {
            attribute_value(&raw).map(Cow::Owned)
        };
        let value = value.map_err(|m| {
            syntax(
                format,
                format!(
                    "in attribute `{}` of `{qname}`: {m}",
                    String::from_utf8_lossy(key)
                ),
                at(start),
            )
        })?;
        attrs.push(Attr {
            ns: ans,
            name: borrowed(src, local.as_ref()),
            value,
        });
    }
    Ok(Element {
        ns,
        name,
        attrs,
        children: Vec::new(),
        offset: start,
        len: end.saturating_sub(start),
    })
}

/// `part` of the input as a slice of `src`, which it is when quick-xml hands out a name or an
/// attribute value of a borrowed input (the address tells); a copy otherwise.
fn borrowed<'a>(src: &'a str, part: &[u8]) -> Cow<'a, str> {
    let inside = (part.as_ptr() as usize)
        .checked_sub(src.as_ptr() as usize)
        .and_then(|start| src.get(start..start.checked_add(part.len())?));
    match inside {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(String::from_utf8_lossy(part).into_owned()),
    }
}

/// An attribute value as XML 1.0 normalises it: line ends to line feeds, then literal tab, line
/// feed and carriage return to spaces; references resolved (a `&#10;` stays a line feed).
fn attribute_value(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\r' => {
                if chars.peek().is_some_and(|(_, n)| *n == '\n') {
                    chars.next();
                }
                out.push(' ');
            }
            '\n' | '\t' => out.push(' '),
            '<' => return Err("`<` is not allowed in an attribute value".into()),
            '&' => {
                let rest = &raw[i + 1..];
                let Some(semi) = rest.find(';') else {
                    return Err("`&` without a closing `;`".into());
                };
                out.push(resolve_reference(&rest[..semi])?);
                for _ in 0..rest[..semi].chars().count() + 1 {
                    chars.next();
                }
            }
            c if !xml_char(c) => {
                return Err(format!(
                    "character U+{:04X} is not allowed in XML",
                    c as u32
                ))
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// The first character of `s` that XML 1.0 cannot hold.
pub(crate) fn unrepresentable(s: &str) -> Option<char> {
    first_non_xml_char(s).map(|(_, c)| c)
}

/// Escapes text content so that it reads back as it was (the writer escapes straight into its
/// buffer with `push_escaped_text`).
#[cfg(test)]
pub(crate) fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped_text(&mut out, s);
    out
}

/// Escapes an attribute value (written between double quotes) so that it reads back as it was.
#[cfg(test)]
pub(crate) fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_attr(&mut out, s, attr_classes(s));
    out
}

/// An XML writer with fixed two-space indentation, writing straight into one `String`.
///
/// Element content is indented; text goes where it is put, so mixed content (a `p` with inline
/// elements) is written on one line with [`Out::inline_start`] / [`Out::text`] / [`Out::inline_end`].
/// The first string XML cannot hold is remembered and [`Out::finish`] reports it.
///
/// Nothing is allocated per element: names, attribute values and text are escaped into the
/// output buffer directly, indentation is a slice of a constant, and the output is a `String`
/// from the start (no UTF-8 check at the end).
pub(crate) struct Out<'w> {
    buf: String,
    /// Where the output goes when it is streamed: the buffer is handed over in blocks of
    /// [`SPILL`] bytes, so the whole document is never held in memory.
    sink: Option<&'w mut dyn std::io::Write>,
    io_error: Option<std::io::Error>,
    depth: usize,
    format: Format,
    fault: Option<(char, Span)>,
    /// The source span of what is being written, for the error position.
    pub context: Span,
}

/// The size of the blocks a streaming [`Out`] writes.
const SPILL: usize = 256 * 1024;

impl std::fmt::Debug for Out<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Out")
            .field("depth", &self.depth)
            .field("format", &self.format)
            .field("fault", &self.fault)
            .finish_non_exhaustive()
    }
}

/// An element name: a `&str`, or a prefix and a local name written one after the other (so that
/// `gw:` + `node` costs no allocation).
pub(crate) trait XmlName {
    fn push_to(&self, buf: &mut String);
}

impl XmlName for str {
    fn push_to(&self, buf: &mut String) {
        buf.push_str(self);
    }
}

impl XmlName for String {
    fn push_to(&self, buf: &mut String) {
        buf.push_str(self);
    }
}

impl XmlName for (&str, &str) {
    fn push_to(&self, buf: &mut String) {
        buf.push_str(self.0);
        buf.push_str(self.1);
    }
}

/// Appends the decimal digits of `v`.
pub(crate) fn push_u64(buf: &mut String, v: u64) {
    buf.push_str(itoa::Buffer::new().format(v));
}

/// A line feed and spaces for indentation, two a level: a new line and its indentation are
/// one copy of a prefix.
const NEWLINE_SPACES: &str = "\n                                                                                                                                ";

/// True when `s` holds U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`): one vectorised search for
/// `EF BF`, which Chinese text seldom holds (U+FFC0…U+FFFF: ￥ and a few other signs).
fn has_noncharacter(s: &str) -> bool {
    // built once: building a searcher costs more than searching a short string
    static EF_BF: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\xEF\xBF"));
    let b = s.as_bytes();
    if b.len() < 64 {
        // a short string: a plain scan costs less than starting the vectorised searcher
        return b
            .windows(3)
            .any(|w| w[0] == 0xEF && w[1] == 0xBF && w[2] >= 0xBE);
    }
    EF_BF
        .find_iter(b)
        .any(|i| matches!(b.get(i + 2), Some(0xBE | 0xBF)))
}

/// The reference that stands for byte `b` in text content, if it needs one: `&`, `<`, `>`, and
/// CR (which an XML parser would turn into a line feed).
fn text_escape(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'\r' => Some("&#13;"),
        _ => None,
    }
}

/// The reference that stands for byte `b` in an attribute value between double quotes: the
/// text escapes, `"`, and tab and line feed (which attribute normalisation turns into spaces).
fn attr_escape(b: u8) -> Option<&'static str> {
    match b {
        b'"' => Some("&quot;"),
        b'\t' => Some("&#9;"),
        b'\n' => Some("&#10;"),
        _ => text_escape(b),
    }
}

/// Appends `s` with the bytes at `at` that `escape` maps replaced by their references; the
/// pieces between them are copied whole. Every byte mapped is ASCII, so every cut is at a
/// character boundary.
fn push_escaped(
    buf: &mut String,
    s: &str,
    at: impl Iterator<Item = usize>,
    escape: impl Fn(u8) -> Option<&'static str>,
) {
    let bytes = s.as_bytes();
    let mut from = 0;
    for i in at {
        if let Some(rep) = escape(bytes[i]) {
            buf.push_str(&s[from..i]);
            buf.push_str(rep);
            from = i + 1;
        }
    }
    buf.push_str(&s[from..]);
}

/// True when text content may need more than a copy: a control character (CR among them), `&`,
/// `<` or `>`, or `EF BF` (the first two bytes of U+FFFE and U+FFFF, and of U+FFC0…U+FFFD).
/// One pass over each byte and the next, with no early exit, so that the compiler vectorises it;
/// nearly all text passes it and is copied whole.
fn text_needs_care(b: &[u8]) -> bool {
    // bitwise, not short-circuit, so that there is no branch in the loop
    flagged_or_ef_bf(b, |x| {
        u8::from(x < 0x20) & u8::from(x != b'\t') & u8::from(x != b'\n')
            | u8::from(x == b'&')
            | u8::from(x == b'<')
            | u8::from(x == b'>')
    })
}

/// Appends `s` with `&`, `<`, `>` and CR escaped (text content), and returns the first character
/// XML 1.0 cannot hold, if any. Text that [`text_needs_care`] passes, nearly all, is copied
/// whole. Otherwise two vectorised passes decide: one for control characters (CR among them),
/// one (`memchr3`) for `&`, `<` and `>`. Text without a control character is copied in the
/// pieces between its escapes; the rare text with one goes byte by byte.
fn push_escaped_text(buf: &mut String, s: &str) -> Option<char> {
    let bytes = s.as_bytes();
    if !text_needs_care(bytes) {
        buf.push_str(s);
        return None;
    }
    // no early exit, so that the compiler vectorises it
    let controls = bytes.iter().fold(0u8, |acc, &b| {
        acc | u8::from(b < 0x20 && b != b'\t' && b != b'\n')
    });
    if controls == 0 {
        push_escaped(
            buf,
            s,
            memchr::memchr3_iter(b'&', b'<', b'>', bytes),
            text_escape,
        );
        return if has_noncharacter(s) {
            unrepresentable(s)
        } else {
            None
        };
    }
    push_escaped(buf, s, 0..bytes.len(), text_escape);
    // a control character other than tab, LF and CR, or U+FFFE / U+FFFF
    unrepresentable(s)
}

/// What one pass over an attribute value finds, a bit for each byte class: [`ATTR_ESCAPE`],
/// [`ATTR_CONTROL`], [`ATTR_EF`].
static ATTR_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = ATTR_CONTROL;
        b += 1;
    }
    t[b'\t' as usize] = ATTR_ESCAPE;
    t[b'\n' as usize] = ATTR_ESCAPE;
    t[b'\r' as usize] = ATTR_ESCAPE;
    t[b'"' as usize] = ATTR_ESCAPE;
    t[b'&' as usize] = ATTR_ESCAPE;
    t[b'<' as usize] = ATTR_ESCAPE;
    t[b'>' as usize] = ATTR_ESCAPE;
    t[0xEF] = ATTR_EF;
    t
};
/// A byte that an attribute value writes as a reference.
const ATTR_ESCAPE: u8 = 1;
/// A control character XML 1.0 cannot hold (C0 but tab, LF and CR).
const ATTR_CONTROL: u8 = 2;
/// The first byte of U+FFFE and U+FFFF (and of the other characters from U+F000).
const ATTR_EF: u8 = 4;

/// The classes of the bytes of `s`, or-ed together (no early exit: attribute values are short).
fn attr_classes(s: &str) -> u8 {
    s.bytes().fold(0, |acc, b| acc | ATTR_CLASS[usize::from(b)])
}

/// Appends `s` escaped for an attribute value between double quotes, given its
/// [`attr_classes`]: copied whole when none of its bytes needs a reference, as nearly every
/// value (eIds, names, numbers, URIs).
fn push_attr(buf: &mut String, s: &str, classes: u8) {
    if classes & ATTR_ESCAPE == 0 {
        buf.push_str(s);
    } else {
        push_escaped(buf, s, 0..s.len(), attr_escape);
    }
}

impl<'w> Out<'w> {
    /// A writer into a string, with the XML declaration written.
    pub fn new(format: Format, capacity: usize) -> Out<'static> {
        let mut buf = String::with_capacity(capacity);
        buf.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Out {
            buf,
            sink: None,
            io_error: None,
            depth: 0,
            format,
            fault: None,
            context: Span::default(),
        }
    }

    /// A writer that streams to `sink` in blocks, with the XML declaration written.
    pub fn streaming(format: Format, sink: &'w mut dyn std::io::Write) -> Out<'w> {
        let mut buf = String::with_capacity(SPILL + 64 * 1024);
        buf.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Out {
            buf,
            sink: Some(sink),
            io_error: None,
            depth: 0,
            format,
            fault: None,
            context: Span::default(),
        }
    }

    /// Hands a full block to the sink (streaming only); the first I/O error stops the writing.
    fn spill(&mut self) {
        if self.buf.len() < SPILL {
            return;
        }
        if let Some(sink) = self.sink.as_mut() {
            if let Err(e) = sink.write_all(self.buf.as_bytes()) {
                self.io_error = Some(e);
                self.sink = None;
            }
            self.buf.clear();
        }
    }

    fn check(&mut self, s: &str) {
        if self.fault.is_none() && may_hold_non_xml(s.as_bytes()) {
            if let Some(c) = unrepresentable(s) {
                self.fault = Some((c, self.context));
            }
        }
    }

    fn newline(&mut self) {
        let n = self.depth * 2;
        let k = n.min(NEWLINE_SPACES.len() - 1);
        self.buf.push_str(&NEWLINE_SPACES[..1 + k]);
        // deeper than 64 levels: the rest of the spaces
        let mut rest = n - k;
        while rest > 0 {
            let k = rest.min(NEWLINE_SPACES.len() - 1);
            self.buf.push_str(&NEWLINE_SPACES[1..1 + k]);
            rest -= k;
        }
    }

    fn tag<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)]) {
        self.buf.push('<');
        name.push_to(&mut self.buf);
        for (k, v) in attrs {
            let classes = attr_classes(v);
            if classes & (ATTR_CONTROL | ATTR_EF) != 0 {
                self.check(v);
            }
            self.buf.push(' ');
            self.buf.push_str(k);
            self.buf.push_str("=\"");
            push_attr(&mut self.buf, v, classes);
            self.buf.push('"');
        }
    }

    fn close_tag<N: XmlName + ?Sized>(&mut self, name: &N) {
        self.buf.push_str("</");
        name.push_to(&mut self.buf);
        self.buf.push('>');
    }

    /// `<name attrs>` on a new line; what follows is indented one more level.
    pub fn start<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)]) {
        self.newline();
        self.tag(name, attrs);
        self.buf.push('>');
        self.depth += 1;
    }

    /// `</name>` on a new line, one level out.
    pub fn end<N: XmlName + ?Sized>(&mut self, name: &N) {
        self.depth = self.depth.saturating_sub(1);
        self.newline();
        self.close_tag(name);
        self.spill();
    }

    /// `<name attrs/>` on a new line.
    pub fn empty<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)]) {
        self.newline();
        self.tag(name, attrs);
        self.buf.push_str("/>");
    }

    /// `<name offset="…" len="…" line="…" column="…"/>` on a new line: a source span.
    pub fn empty_span<N: XmlName + ?Sized>(&mut self, name: &N, span: &Span) {
        self.newline();
        self.buf.push('<');
        name.push_to(&mut self.buf);
        self.buf.push_str(" offset=\"");
        push_u64(&mut self.buf, span.offset as u64);
        self.buf.push_str("\" len=\"");
        push_u64(&mut self.buf, span.len as u64);
        self.buf.push_str("\" line=\"");
        push_u64(&mut self.buf, u64::from(span.line));
        self.buf.push_str("\" column=\"");
        push_u64(&mut self.buf, u64::from(span.column));
        self.buf.push_str("\"/>");
    }

    /// `<name attrs>text</name>` on a new line (`<name attrs/>` for empty text).
    pub fn leaf<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)], text: &str) {
        if text.is_empty() {
            self.empty(name, attrs);
            return;
        }
        self.newline();
        self.tag(name, attrs);
        self.buf.push('>');
        self.text(text);
        self.close_tag(name);
    }

    /// `<name>digits</name>` on a new line.
    pub fn leaf_num<N: XmlName + ?Sized>(&mut self, name: &N, value: u64) {
        self.newline();
        self.tag(name, &[]);
        self.buf.push('>');
        push_u64(&mut self.buf, value);
        self.close_tag(name);
    }

    /// Starts a line of mixed content: `<name attrs>` on a new line, content to follow inline.
    pub fn line_start<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)]) {
        self.newline();
        self.inline_start(name, attrs);
    }

    /// `<name attrs>` where the writer stands (inside mixed content).
    pub fn inline_start<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.buf.push('>');
    }

    /// `</name>` where the writer stands (inside mixed content).
    pub fn inline_end<N: XmlName + ?Sized>(&mut self, name: &N) {
        self.close_tag(name);
    }

    /// `<name attrs/>` where the writer stands (inside mixed content).
    pub fn inline_empty<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.buf.push_str("/>");
    }

    /// Escaped text where the writer stands.
    pub fn text(&mut self, text: &str) {
        if let Some(c) = push_escaped_text(&mut self.buf, text) {
            if self.fault.is_none() {
                self.fault = Some((c, self.context));
            }
        }
    }

    /// The error for the first character XML could not hold, if there was one.
    fn fault_error(&self) -> Option<Error> {
        let (c, span) = self.fault?;
        Some(Error::Shape {
            format: self.format,
            message: format!(
                "character U+{:04X} cannot be written in XML 1.0 (only tab, line feed and \
                 carriage return of the control characters can)",
                c as u32
            ),
            path: String::new(),
            at: Position {
                offset: span.offset,
                line: span.line as usize,
                column: span.column as usize,
            },
        })
    }

    /// The document, with a final newline; or the first character XML could not hold.
    pub fn finish(self) -> Result<String, Error> {
        if let Some(e) = self.fault_error() {
            return Err(e);
        }
        let mut buf = self.buf;
        buf.push('\n');
        Ok(buf)
    }

    /// Writes what is left with the final newline and flushes the sink (streaming). A character
    /// XML could not hold is an [`std::io::ErrorKind::InvalidData`] error wrapping the
    /// [`Error`]; what was written before it is then incomplete and should be discarded.
    pub fn finish_streaming(mut self) -> std::io::Result<()> {
        self.buf.push('\n');
        if let Some(e) = self.io_error.take() {
            return Err(e);
        }
        if let Some(sink) = self.sink.as_mut() {
            sink.write_all(self.buf.as_bytes())?;
            sink.flush()?;
        }
        match self.fault_error() {
            Some(e) => Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_normalise_like_xml() {
        assert_eq!(
            attribute_value("a\r\nb\tc&#10;&#9;&amp;&lt;").as_deref(),
            Ok("a b c\n\t&<")
        );
        assert!(attribute_value("a<b").is_err());
        assert!(attribute_value("&lol;").is_err());
    }

    const LONG: &str = "中文，文本。中文，文本。中文，文本。中文，文本。中文，文本。中文，文本。";

    /// A character XML cannot hold planted in Chinese text at its start, in the middle of the
    /// first vector, past it and at the end: (the character, where in characters, the text).
    fn planted() -> Vec<(char, usize, String)> {
        let long = LONG.repeat(7);
        let mut out = Vec::new();
        for bad in ['\u{1}', '\u{1f}', '\u{FFFE}', '\u{FFFF}'] {
            for at in [0, 5, 64, long.chars().count()] {
                let mut text: String = long.chars().take(at).collect();
                text.push(bad);
                text.extend(long.chars().skip(at));
                out.push((bad, at, text));
            }
        }
        out
    }

    #[test]
    fn the_writer_finds_what_xml_cannot_hold_wherever_it_is() {
        let long = LONG.repeat(7);
        for (bad, at, text) in planted() {
            let mut o = Out::new(Format::Xml, 0);
            o.start("r", &[]);
            o.leaf("t", &[], &text);
            o.end("r");
            assert!(o.finish().is_err(), "{bad:?} at {at}");
            let mut o = Out::new(Format::Xml, 0);
            o.empty("r", &[("a", &text)]);
            assert!(o.finish().is_err(), "{bad:?} at {at} in an attribute");
        }
        // the first of two is reported
        let mut o = Out::new(Format::Xml, 0);
        o.leaf("t", &[], &format!("{long}\u{FFFF}{long}\u{2}"));
        let e = o.finish().expect_err("refused").to_string();
        assert!(e.contains("U+FFFF"), "{e}");
        // a character just below U+FFFE and tab, LF, CR pass
        let mut o = Out::new(Format::Xml, 0);
        o.leaf("t", &[], &format!("{long}\u{FFFD}\u{FFC0}\t\n\r&<>"));
        let xml = o.finish().expect("written");
        assert!(
            xml.ends_with("\u{FFFD}\u{FFC0}\t\n&#13;&amp;&lt;&gt;</t>\n"),
            "{xml}"
        );
    }

    /// The one-pass test sends to the careful path every text that holds a control character,
    /// `&`, `<`, `>` or `EF BF`, wherever it is, and no other.
    #[test]
    fn text_that_needs_care_is_told_wherever_the_byte_is() {
        let long = LONG.repeat(3);
        assert!(!text_needs_care(b""));
        assert!(!text_needs_care(long.as_bytes()));
        for special in [
            "\r", "\u{1}", "&", "<", ">", "\u{FFFE}", "\u{FFFF}", "\u{FFC0}", "￥",
        ] {
            for at in [0, 1, 17, long.chars().count()] {
                let mut text: String = long.chars().take(at).collect();
                text.push_str(special);
                text.extend(long.chars().skip(at));
                assert!(text_needs_care(text.as_bytes()), "{special:?} at {at}");
            }
        }
        for ok in [
            "\t", "\n", "'", "\"", "（", "\u{F000}", "\u{EFFF}", "\u{FEFF}",
        ] {
            let text = format!("{long}{ok}{long}");
            assert!(!text_needs_care(text.as_bytes()), "{ok:?}");
        }
    }

    /// Every level is indented by two spaces, below the 64 levels that one copy covers and
    /// beyond them.
    #[test]
    fn indentation_goes_as_deep_as_the_elements() {
        for depth in [0usize, 1, 63, 64, 65, 130] {
            let mut o = Out::new(Format::Xml, 0);
            for _ in 0..depth {
                o.start("e", &[]);
            }
            o.leaf("t", &[], "x");
            for _ in 0..depth {
                o.end("e");
            }
            let xml = o.finish().expect("written");
            let line = xml
                .lines()
                .find(|l| l.ends_with("<t>x</t>"))
                .expect("leaf line");
            assert_eq!(line.len() - "<t>x</t>".len(), 2 * depth, "{depth}");
            assert!(line.trim_start().starts_with("<t>"));
        }
    }

    /// The byte classes of attribute values agree with the escapes and with what XML can hold.
    #[test]
    fn attribute_byte_classes_agree_with_the_escapes() {
        for b in 0..=255u8 {
            let class = ATTR_CLASS[usize::from(b)];
            assert_eq!(
                class & ATTR_ESCAPE != 0,
                attr_escape(b).is_some(),
                "{b:#04x}"
            );
            let control = b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
            assert_eq!(class & ATTR_CONTROL != 0, control, "{b:#04x}");
            assert_eq!(class & ATTR_EF != 0, b == 0xEF, "{b:#04x}");
        }
    }

    #[test]
    fn escaping_round_trips() {
        let s = "a&b<c>d]]>e\r\n\tf\"g'";
        let xml = format!("<r a=\"{}\">{}</r>", escape_attr(s), escape_text(s));
        let t = parse(&xml, Format::Xml).expect("parses");
        assert_eq!(t.root.attr("a"), Some(s));
        assert_eq!(t.root.text(), s);
    }

    #[test]
    fn the_reader_finds_what_xml_cannot_hold_wherever_it_is() {
        let long = LONG.repeat(7);
        for (bad, at, text) in planted() {
            let offset = text.find(bad).expect("planted");
            assert_eq!(
                first_non_xml_char(&text),
                Some((offset, bad)),
                "{bad:?} at {at}"
            );
            let wanted = format!("U+{:04X}", bad as u32);
            for xml in [format!("<r>{text}</r>"), format!("<r a=\"{text}\"/>")] {
                let e = parse(&xml, Format::Xml).err().map(|e| e.to_string());
                assert!(e.as_deref().is_some_and(|e| e.contains(&wanted)), "{e:?}");
            }
        }
        assert_eq!(
            first_non_xml_char(&format!("{long}\u{FFFD}\u{FFC0}\t\n\r")),
            None
        );
        assert_eq!(first_non_xml_char("\u{2}\u{FFFF}"), Some((0, '\u{2}')));
    }

    /// The tree written back as a string: elements as `name(children)`, texts as they are.
    fn shape(e: &Element<'_>) -> String {
        let inner: Vec<String> = e
            .children
            .iter()
            .map(|c| match c {
                Child::Element(c) => shape(c),
                Child::Text(t) => t.to_string(),
            })
            .collect();
        format!("{}({})", e.name, inner.join(","))
    }

    #[test]
    fn every_element_gets_its_own_children_in_order() {
        // children gathered in one list for all open elements: an element with fewer children
        // than the ones still open before it, one with more, leaves, mixed text at every depth
        let xml = "<r>t0<a>1</a><b><c/>x<d>y<e>z</e></d>w</b>t1<f/></r>";
        let t = parse(xml, Format::Xml).expect("parses");
        assert_eq!(shape(&t.root), "r(t0,a(1),b(c(),x,d(y,e(z)),w),t1,f())");
        // a wide element under a narrow one, and the reverse
        let many: String = (0..300).map(|i| format!("<i>{i}</i>")).collect();
        let xml = format!("<r><h/><body>{many}</body><tail><k/></tail></r>");
        let t = parse(&xml, Format::Xml).expect("parses");
        let body = t.root.child("", "body").expect("body");
        assert_eq!(body.children.len(), 300);
        assert!(matches!(&body.children[299], Child::Element(e) if shape(e) == "i(299)"));
        let names: Vec<&str> = t.root.elements().map(|e| &*e.name).collect();
        assert_eq!(names, ["h", "body", "tail"]);
        assert_eq!(shape(t.root.child("", "tail").expect("tail")), "tail(k())");
    }

    #[test]
    fn the_tree_borrows_what_reading_left_as_it_was() {
        let xml = "<r a=\"plain\" b=\"x&amp;y\" c=\"t\tu\"><k>文本</k><k>一&amp;二<![CDATA[<三>]]>四</k><k>甲\r\n乙</k></r>";
        let t = parse(xml, Format::Xml).expect("parses");
        let attr = |n: &str| t.root.attrs.iter().find(|a| a.name == n).map(|a| &a.value);
        assert!(matches!(attr("a"), Some(Cow::Borrowed("plain"))));
        assert!(matches!(attr("b"), Some(Cow::Owned(v)) if v == "x&y"));
        assert!(matches!(attr("c"), Some(Cow::Owned(v)) if v == "t u"));
        assert!(matches!(t.root.name, Cow::Borrowed("r")));
        let texts: Vec<&Cow<'_, str>> = t
            .root
            .elements()
            .flat_map(|k| k.children.iter())
            .filter_map(|c| match c {
                Child::Text(t) => Some(t),
                Child::Element(_) => None,
            })
            .collect();
        assert!(matches!(texts[0], Cow::Borrowed("文本")));
        assert!(matches!(texts[1], Cow::Owned(v) if v == "一&二<三>四"));
        assert!(matches!(texts[2], Cow::Owned(v) if v == "甲\n乙"));
        assert_eq!(texts.len(), 3);
    }

    #[test]
    fn many_namespaces_are_told_apart() {
        // more URIs than the short list holds: the rest go to the map
        let decls: String = (0..20)
            .map(|i| format!(" xmlns:p{i}=\"urn:x:{i}\""))
            .collect();
        let attrs: String = (0..20).map(|i| format!(" p{i}:a=\"{i}\"")).collect();
        let kids: String = (0..20)
            .map(|i| format!("<p{i}:k/><p{}:k/>", 19 - i))
            .collect();
        let xml = format!("<r{decls}{attrs}>{kids}</r>");
        let t = parse(&xml, Format::Xml).expect("parses");
        for (i, a) in t.root.attrs.iter().enumerate() {
            assert_eq!(
                (&*a.ns, &*a.value),
                (format!("urn:x:{i}").as_str(), i.to_string().as_str())
            );
        }
        let ns: Vec<&str> = t.root.elements().map(|e| &*e.ns).collect();
        let want: Vec<String> = (0..20)
            .flat_map(|i| [format!("urn:x:{i}"), format!("urn:x:{}", 19 - i)])
            .collect();
        assert_eq!(ns, want);
        // the same URI under two prefixes is one namespace
        let t = parse(
            "<a:r xmlns:a=\"urn:y\" xmlns:b=\"urn:y\"><b:k/></a:r>",
            Format::Xml,
        )
        .expect("parses");
        assert!(t.root.elements().all(|e| e.is("urn:y", "k")) && t.root.is("urn:y", "r"));
    }
}
