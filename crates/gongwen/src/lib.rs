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
//! sharing the hostile-input limits of [`xmlsafe`]; [`html`] reads pages (and writes none).
//! [`read`] and [`write_to`] are the front door: one [`Format`], detected or named.
//! [`outline`] and [`render`] are views for people.

pub mod akn;
pub mod error;
mod format;
pub mod html;
pub mod json;
mod lines;
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

/// Reads a document from an input's bytes in `from`, or in the format its content shows
/// ([`Format::detect`]): the one front door of every reader. Text and HTML may be in another
/// encoding (detected, or named in `options`); JSON and XML are UTF-8.
pub fn read(bytes: &[u8], from: Option<Format>) -> Result<Document, Error> {
    read_with(bytes, from, &text::Options::default())
}

/// [`read`] with options (a named encoding for text and HTML).
pub fn read_with(
    bytes: &[u8],
    from: Option<Format>,
    options: &text::Options,
) -> Result<Document, Error> {
    let utf8 = simdutf8::basic::from_utf8(bytes).ok();
    let format = match (from, utf8) {
        (Some(f), _) => f,
        (None, Some(s)) if options.encoding.is_none() => Format::detect(s),
        // another encoding: a page, or text (HTML's markup is ASCII in every encoding it uses)
        (None, _) => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
            if html::looks_like_html(&head) {
                Format::Html
            } else {
                Format::Text
            }
        }
    };
    let text = || utf8.ok_or_else(|| error::decode_utf8(bytes).err().unwrap_or(Error::Empty));
    match format {
        Format::Text => text::read_bytes_with(bytes, options),
        Format::Html => html::read_bytes_with(bytes, options),
        Format::Json => json::from_str(text()?),
        Format::Xml => xml::from_str(text()?),
        Format::Akn => akn::from_str(text()?),
    }
}

/// Writes a document in `to` to `w` (JSON compact; see [`json::to_string_pretty`] for the
/// indented form). HTML is read, never written: asking for it is [`Error::Unwritable`].
pub fn write_to(doc: &Document, to: Format, w: &mut dyn std::io::Write) -> Result<(), Error> {
    let io = |e: std::io::Error| Error::Io {
        message: e.to_string(),
    };
    match to {
        Format::Text => w.write_all(text::write(doc).as_bytes()).map_err(io),
        Format::Json => w.write_all(json::to_string(doc).as_bytes()).map_err(io),
        Format::Xml => xml::to_writer(doc, w).map_err(io),
        Format::Akn => akn::to_writer(doc, w).map_err(io),
        Format::Html => Err(Error::Unwritable { format: to }),
    }
}
