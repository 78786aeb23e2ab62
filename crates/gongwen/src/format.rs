//! The formats gongwen reads and writes, and the detection of an input's format from its
//! content: [`Format`] (re-exported as `gongwen::Format` and `gongwen::error::Format`) and the
//! XML part of [`Format::detect`], [`detect_xml`] (re-exported as `gongwen::xmlsafe::detect`).

use std::fmt;

/// The formats gongwen reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    Text,
    Json,
    /// gongwen XML (`schemas/gongwen.xsd`).
    Xml,
    /// Akoma Ntoso 3.0.
    Akn,
    /// An HTML page (read only).
    Html,
}

impl Format {
    /// Every format, in the order of their names.
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Json,
        Format::Xml,
        Format::Akn,
        Format::Html,
    ];

    /// The format's name: `text`, `json`, `xml`, `akn`, `html`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Xml => "xml",
            Format::Akn => "akn",
            Format::Html => "html",
        }
    }

    /// True for the formats gongwen writes (all but HTML).
    pub fn is_writable(self) -> bool {
        self != Format::Html
    }

    /// The format of an input from its content: an HTML page by its doctype or its first
    /// element (`<html>`, `<div>`, `<table>` …), Akoma Ntoso and gongwen XML by their root
    /// element, JSON by its `{`, anything else is text.
    ///
    /// ```
    /// use gongwen::Format;
    /// assert_eq!(Format::detect("<table><tr><td>索引号</td></tr></table>"), Format::Html);
    /// assert_eq!(Format::detect("<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"/>"), Format::Akn);
    /// assert_eq!(Format::detect("{\"meta\": {}}"), Format::Json);
    /// assert_eq!(Format::detect("关于……的通知"), Format::Text);
    /// // (a page template's server directive before the doctype)
    /// assert_eq!(Format::detect("<%@ page language=\"java\"%>\n<!DOCTYPE html>\n<html></html>"), Format::Html);
    /// ```
    pub fn detect(src: &str) -> Format {
        if crate::html::looks_like_html(src) {
            return Format::Html;
        }
        if let Some(f) = detect_xml(src) {
            return f;
        }
        let t = src.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if t.starts_with('{') {
            Format::Json
        } else {
            Format::Text
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    /// A format by its name (`text`, `json`, `xml`, `akn`, `html`; any case).
    fn from_str(s: &str) -> Result<Format, String> {
        let lower = s.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == lower)
            .ok_or_else(|| {
                format!("unknown format `{s}`, expected one of: text, json, xml, akn, html")
            })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The XML format of an input, from its content: `None` unless it starts with `<` (after white
/// space and a byte-order mark); [`Format::Akn`] when the first element is `akomaNtoso` (any
/// prefix), otherwise [`Format::Xml`], whose reader then says what it found instead of
/// `document`. The declaration, comments and processing instructions before the root are
/// skipped; a DOCTYPE too (both readers refuse it with its position). Public as
/// `gongwen::xmlsafe::detect`.
///
/// ```
/// use gongwen::Format;
/// assert_eq!(gongwen::xmlsafe::detect("<?xml version=\"1.0\"?>\n<an:akomaNtoso xmlns:an=\"…\"/>"), Some(Format::Akn));
/// assert_eq!(gongwen::xmlsafe::detect("<document xmlns=\"https://gongwen.dev/ns/gongwen/1.0\"/>"), Some(Format::Xml));
/// assert_eq!(gongwen::xmlsafe::detect("关于……的通知"), None);
/// ```
pub fn detect_xml(src: &str) -> Option<Format> {
    let mut rest = src.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if !rest.starts_with('<') {
        return None;
    }
    let root = loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.find("?>").map_or("", |i| &r[i + 2..]);
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.find("-->").map_or("", |i| &r[i + 3..]);
        } else if let Some(r) = rest.strip_prefix("<!") {
            // a DOCTYPE, with its internal subset in brackets if it has one
            let after_subset = match (r.find('['), r.find('>')) {
                (Some(b), Some(g)) if b < g => r[b..].find(']').map_or("", |i| &r[b + i..]),
                _ => r,
            };
            rest = after_subset
                .find('>')
                .map_or("", |i| &after_subset[i + 1..]);
        } else {
            let r = rest.strip_prefix('<').unwrap_or("");
            let end = r
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(r.len());
            break &r[..end];
        }
    };
    let local = root.rsplit(':').next().unwrap_or(root);
    Some(if local == "akomaNtoso" {
        Format::Akn
    } else {
        Format::Xml
    })
}
