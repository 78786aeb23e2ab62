//! The element tree the reader builds: elements with their namespace, name, attributes,
//! children and where their start tag is, borrowing from the input; and the tree with the means
//! to turn offsets into positions and spans.

use crate::error::Position;
use crate::lines::LineIndex;
use crate::model::Span;
use std::borrow::Cow;
use std::rc::Rc;

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
