//! gongwen: Chinese official documents (公文) as a typed model.
//!
//! ```
//! let doc = gongwen::parse("关于加强某项工作的通知\n各单位：\n一、总体要求\n（一）明确目标。到年底完成。\n").unwrap();
//! assert_eq!(doc.meta.title.as_deref(), Some("关于加强某项工作的通知"));
//! assert_eq!(doc.body[0].children[0].heading_text(), Some("明确目标"));
//! let json = gongwen::json::to_string(&doc);
//! assert_eq!(gongwen::json::from_str(&json).unwrap(), doc);
//! ```
//!
//! The [`model`] imports no format crate; each format lives in its own module with a reader and
//! a writer: [`text`], [`json`], [`xml`] (gongwen XML) and [`akn`] (Akoma Ntoso 3.0), the last two
//! sharing the hostile-input limits of [`xmlsafe`]. [`outline`] and [`render`] are views for people.

pub mod akn;
pub mod error;
pub mod json;
pub mod model;
pub mod numbering;
pub mod outline;
pub mod render;
pub mod text;
pub mod xml;
pub mod xmlsafe;

pub use error::{Error, Format, Position};
pub use model::*;

/// Reads a document from plain text (a page as published, or canonical text).
pub fn parse(src: &str) -> Result<Document, Error> {
    text::read(src)
}

/// The input formats gongwen can detect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    Text,
    Json,
}

/// Detects the format of an input from its content: JSON starts with `{`, anything else is text.
/// XML inputs (gongwen XML, Akoma Ntoso) are told apart by [`xmlsafe::detect`].
pub fn detect(src: &str) -> Detected {
    let t = src.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.starts_with('{') {
        Detected::Json
    } else {
        Detected::Text
    }
}
