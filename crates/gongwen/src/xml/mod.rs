//! gongwen XML: the model as XML, one element per field, in its own namespace
//! ([`NAMESPACE`], the default namespace, no prefix), described by `schemas/gongwen.xsd`.
//!
//! The mapping follows `model.rs` field by field, with the names serde gives them in JSON:
//! a struct is an element whose children are its fields in declaration order; a list is a
//! wrapper element named after the field holding one element per item, named after the item's
//! type (`preamble/paragraph`, `body/node`, `closing/closing_line`, `residue/residue`,
//! `meta/issuers/issuer`, `meta/title_lines/line`…); a string, number, date or enum is an element
//! holding its text exactly (no trimming, no added white space). A source span, which every
//! paragraph and node carries, is the one compact field: an empty element with four number
//! attributes, `<span offset="177" len="601" line="7" column="1"/>`. What JSON leaves out (`None`,
//! empty lists, `false`, empty spans) is left out here too, so the two formats hold the same.
//!
//! ```
//! let doc = gongwen::parse("关于加强某项工作的通知\n各单位：\n一、总体要求\n（一）明确目标。到年底完成。\n").unwrap();
//! let xml = gongwen::xml::to_string(&doc).unwrap();
//! assert!(xml.contains("<title>关于加强某项工作的通知</title>"));
//! assert_eq!(gongwen::xml::from_str(&xml).unwrap(), doc);
//! ```
//!
//! The reader shares the hostile-input limits of [`crate::xmlsafe`]; it refuses unknown
//! elements, repeated fields and text where none belongs, naming the element and its position.

pub(crate) mod read;
pub(crate) mod write;

pub use read::from_str;
pub use write::{to_string, to_writer};

/// The gongwen namespace.
pub const NAMESPACE: &str = crate::xmlsafe::GW_NS;

/// A model enum's value from its name (the names are the model's own, `names!` in `model.rs`).
pub(crate) fn named<T: std::str::FromStr>(s: &str) -> Option<T> {
    s.parse().ok()
}
