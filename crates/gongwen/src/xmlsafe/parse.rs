//! The reader of untrusted XML: quick-xml's namespace-aware reader ([`quick_xml::NsReader`]) into
//! the element tree of [`super::tree`], within the limits of [`crate::xmlsafe`], refusing what
//! the module docs list with the position of the fault.

use super::escape::{attr_classes, first_non_xml_char, xml_char};
use super::tree::{is_xml_space, Attr, Child, Element, Tree};
use super::{MAX_ATTRIBUTES, MAX_ATTRIBUTES_TOTAL, MAX_DEPTH, MAX_ELEMENTS, MAX_INPUT, MAX_TEXT};
use crate::error::{Error, Format, Position};
use crate::lines::LineIndex;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xmlsafe::test_support::{planted, LONG};

    #[test]
    fn attribute_values_normalise_like_xml() {
        assert_eq!(
            attribute_value("a\r\nb\tc&#10;&#9;&amp;&lt;").as_deref(),
            Ok("a b c\n\t&<")
        );
        assert!(attribute_value("a<b").is_err());
        assert!(attribute_value("&lol;").is_err());
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
