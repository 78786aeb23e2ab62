//! XML plumbing shared by the two XML formats ([`crate::xml`] and [`crate::akn`]).
//!
//! One module a piece, all inside the crate but the limits and namespaces here:
//!
//! - `tree.rs`: the element tree (`Element`, `Attr`, `Child`, `Tree`) that borrows from the input;
//! - `parse.rs`: the reader of untrusted XML, which builds it within the limits below;
//! - `escape.rs`: which characters XML 1.0 can hold, and the escaping of text and attribute
//!   values;
//! - `out.rs`: the writer (`Out`);
//! - `walk.rs`: reading a vocabulary off the tree (a struct as an element of fields, a list of
//!   items, leaves and values, the path of an element for messages), for the gongwen XML reader
//!   and for the gongwen data inside AKN.
//!
//! Positions come from the crate's line index (`lines.rs`, shared with the HTML reader). The
//! format of an input is told by [`crate::Format::detect`]; its XML part, [`detect`], is
//! re-exported here.
//!
//! **Reading untrusted XML.** The reader (`parse`, in `parse.rs`) turns input into a small
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
//! **Writing.** The writer (`Out`, in `out.rs`) writes straight into one buffer (streamed to
//! an `io::Write` in blocks when asked) with a fixed indentation (two spaces), attributes in the
//! order given, and escaping that makes every string read back as it was:
//! `&`, `<`, `>` always; `"` and tab, line feed and carriage return in attribute values; carriage
//! return in text (XML parsers turn a literal one into a line feed). XML 1.0 cannot hold C0 control
//! characters other than tab, line feed and carriage return, nor U+FFFE and U+FFFF: a document that
//! holds one cannot be written, and the writer says so instead of dropping it.

mod escape;
mod out;
mod parse;
mod tree;
pub(crate) mod walk;

pub use crate::format::detect_xml as detect;
pub(crate) use out::{push_u64, Out};
pub(crate) use parse::parse;
pub(crate) use tree::{is_blank, is_xml_space, Child, Element, Tree};

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

/// Text for the tests of the reader, the escaping and the writer.
#[cfg(test)]
mod test_support {
    pub(super) const LONG: &str =
        "中文，文本。中文，文本。中文，文本。中文，文本。中文，文本。中文，文本。";

    /// A character XML cannot hold planted in Chinese text at its start, in the middle of the
    /// first vector, past it and at the end: (the character, where in characters, the text).
    pub(super) fn planted() -> Vec<(char, usize, String)> {
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
}
