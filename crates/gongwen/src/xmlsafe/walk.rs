//! Reading a vocabulary off the element tree, the way gongwen XML lays out the model: a struct
//! is an element whose children are its fields ([`Kids`]), a list a wrapper of items
//! ([`items`], [`string_list`]), a string, number, date or enum a leaf holding its text ([`leaf`],
//! [`value`], [`date`], [`boolean`]); a [`Path`] says where an element is when a message names
//! it. Nothing here knows an element name: the namespace of the vocabulary comes with the
//! [`Ctx`]. The gongwen XML reader ([`crate::xml`]) reads whole documents with it, the AKN reader
//! ([`crate::akn`]) the gongwen data it keeps in `proprietary`.

use super::tree::{is_xml_space, Element, Tree};
use crate::error::{Error, Format};
use crate::model::Date;

/// What the readers of a vocabulary need: the tree (for positions), the format to blame and the
/// namespace of the vocabulary (a field or an item in another is unexpected).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx<'t, 'a> {
    pub tree: &'t Tree<'a>,
    pub format: Format,
    pub ns: &'static str,
}

impl Ctx<'_, '_> {
    pub fn err(
        &self,
        el: &Element,
        path: impl std::fmt::Display,
        message: impl Into<String>,
    ) -> Error {
        Error::Shape {
            format: self.format,
            message: message.into(),
            path: path.to_string(),
            at: self.tree.position(el.offset),
        }
    }
}

/// The child elements of a struct element by field name, checked: every child is a known field
/// in the namespace of the vocabulary, none is repeated, and there is no text between them.
pub(crate) struct Kids<'e> {
    found: Vec<(&'static str, &'e Element<'e>)>,
}

impl<'e> Kids<'e> {
    pub fn of(
        cx: &Ctx<'_, '_>,
        el: &'e Element,
        path: Path<'_>,
        allowed: &[&'static str],
    ) -> Result<Kids<'e>, Error> {
        no_text(cx, el, path)?;
        let mut found: Vec<(&'static str, &'e Element)> = Vec::new();
        for c in el.elements() {
            let known = allowed
                .iter()
                .find(|a| **a == c.name)
                .filter(|_| &*c.ns == cx.ns);
            let Some(name) = known else {
                return Err(cx.err(
                    c,
                    path,
                    format!(
                        "unexpected element `{}`{} in `{}`",
                        c.name,
                        if &*c.ns == cx.ns {
                            String::new()
                        } else {
                            ns_suffix(&c.ns)
                        },
                        el.name
                    ),
                ));
            };
            if found.iter().any(|(n, _)| n == name) {
                return Err(cx.err(
                    c,
                    path,
                    format!("element `{}` repeated in `{}`", c.name, el.name),
                ));
            }
            found.push((name, c));
        }
        Ok(Kids { found })
    }

    pub fn get(&self, name: &str) -> Option<&'e Element<'e>> {
        self.found.iter().find(|(n, _)| *n == name).map(|(_, e)| *e)
    }

    pub fn need(
        &self,
        cx: &Ctx<'_, '_>,
        parent: &Element,
        path: Path<'_>,
        name: &str,
    ) -> Result<&'e Element<'e>, Error> {
        self.get(name).ok_or_else(|| {
            cx.err(
                parent,
                path,
                format!("element `{}` lacks its `{name}`", parent.name),
            )
        })
    }
}

pub(crate) fn no_text(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<(), Error> {
    match el.stray_text() {
        Some(t) => Err(cx.err(
            el,
            path,
            format!(
                "text `{}` in `{}`, which holds elements only",
                t.trim().chars().take(20).collect::<String>(),
                el.name
            ),
        )),
        None => Ok(()),
    }
}

/// The items of a list element, all named `item`.
pub(crate) fn items<'e>(
    cx: &Ctx<'_, '_>,
    el: &'e Element,
    path: Path<'_>,
    item: &'static str,
) -> Result<Vec<&'e Element<'e>>, Error> {
    no_text(cx, el, path)?;
    el.elements()
        .map(|c| {
            if c.is(cx.ns, item) {
                Ok(c)
            } else {
                Err(cx.err(
                    c,
                    path,
                    format!(
                        "unexpected element `{}` in `{}`, expected `{item}`",
                        c.name, el.name
                    ),
                ))
            }
        })
        .collect()
}

/// A list of strings, each in an `item` element.
pub(crate) fn string_list(
    cx: &Ctx<'_, '_>,
    el: &Element,
    path: Path<'_>,
    item: &'static str,
) -> Result<Vec<String>, Error> {
    items(cx, el, path, item)?
        .into_iter()
        .enumerate()
        .map(|(i, c)| leaf(cx, c, path.idx(item, i)))
        .collect()
}

/// The text of a leaf element, exactly as written.
pub(crate) fn leaf(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<String, Error> {
    if let Some(c) = el.elements().next() {
        return Err(cx.err(
            c,
            path,
            format!(
                "element `{}` inside `{}`, which holds text",
                c.name, el.name
            ),
        ));
    }
    Ok(el.text())
}

pub(crate) fn opt_leaf(
    cx: &Ctx<'_, '_>,
    el: Option<&Element>,
    path: Path<'_>,
) -> Result<Option<String>, Error> {
    el.map(|e| leaf(cx, e, path.sub(&e.name))).transpose()
}

/// A leaf holding a value of a simple type; white space around it is ignored, as in XSD.
pub(crate) fn value<T>(
    cx: &Ctx<'_, '_>,
    el: &Element,
    path: Path<'_>,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, Error> {
    let s = leaf(cx, el, path)?;
    let t = s.trim_matches(is_xml_space);
    parse(t).ok_or_else(|| cx.err(el, path, format!("`{t}` is not {what}")))
}

pub(crate) fn date(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<Date, Error> {
    value(cx, el, path, "a date (YYYY-MM-DD)", |s| {
        Date::try_from(s.to_string()).ok()
    })
}

pub(crate) fn boolean(cx: &Ctx<'_, '_>, el: &Element, path: Path<'_>) -> Result<bool, Error> {
    value(cx, el, path, "a boolean", |s| match s {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    })
}

/// Where an element is, for messages (`document/body/node[3]/heading`): built as the reader
/// descends, a link to its parent's, and written out only when an error names it, so that
/// reading a valid document formats no path.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Path<'p> {
    /// A path given whole.
    At(&'p str),
    /// The child element `name` of the element at the parent path.
    Sub(&'p Path<'p>, &'p str),
    /// The `i`-th (from 0) child element `name` of the element at the parent path.
    Idx(&'p Path<'p>, &'p str, usize),
}

impl<'p> Path<'p> {
    pub fn sub<'q>(&'q self, name: &'q str) -> Path<'q> {
        Path::Sub(self, name)
    }

    pub fn idx<'q>(&'q self, name: &'q str, i: usize) -> Path<'q> {
        Path::Idx(self, name, i)
    }
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Path::At(p) => f.write_str(p),
            Path::Sub(parent, name) => write!(f, "{parent}/{name}"),
            Path::Idx(parent, name, i) => write!(f, "{parent}/{name}[{}]", i + 1),
        }
    }
}

/// ` in namespace …`, or ` in no namespace`, for messages.
pub(crate) fn ns_suffix(ns: &str) -> String {
    if ns.is_empty() {
        " in no namespace".to_string()
    } else {
        format!(" in namespace {ns}")
    }
}
