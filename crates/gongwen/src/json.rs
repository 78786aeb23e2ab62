//! JSON: the model as serde serialises it, and the JSON Schema generated from the model.

use crate::error::{Error, Format, Position};
use crate::model::Document;

/// Writes the document as compact JSON.
pub fn to_string(doc: &Document) -> String {
    serde_json::to_string(doc).unwrap_or_else(unreachable_json)
}

/// Writes the document as JSON indented by two spaces.
pub fn to_string_pretty(doc: &Document) -> String {
    serde_json::to_string_pretty(doc).unwrap_or_else(unreachable_json)
}

/// Writes the document as compact JSON to `w` (the bytes of [`to_string`]), without holding the
/// output in memory. Fails only when `w` does.
pub fn to_writer(doc: &Document, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer(&mut *w, doc).map_err(std::io::Error::from)
}

/// Writes the document as JSON indented by two spaces to `w` (the bytes of
/// [`to_string_pretty`]).
pub fn to_writer_pretty(doc: &Document, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, doc).map_err(std::io::Error::from)
}

/// Serialising the model cannot fail: it has only string keys and no custom serialisers that err.
fn unreachable_json(e: serde_json::Error) -> String {
    format!("{{\"error\":{:?}}}", e.to_string())
}

/// Reads a document from JSON, refusing anything that breaks the schema with the path and the
/// position of the fault.
pub fn from_str(src: &str) -> Result<Document, Error> {
    // a BOM is not JSON, but editors write one: read past it, keeping positions in `src`
    let bom = if src.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let body = &src[bom..];
    let de = &mut serde_json::Deserializer::from_str(body);
    match serde_path_to_error::deserialize::<_, Document>(de) {
        Ok(doc) => {
            // nothing but white space may follow the document
            let rest = body.trim_end();
            let mut de =
                serde_json::Deserializer::from_str(rest).into_iter::<serde::de::IgnoredAny>();
            let _ = de.next();
            if de.byte_offset() < rest.len() {
                // point at the first character after the document that is not white space
                let after = &rest[de.byte_offset()..];
                let garbage = de.byte_offset() + (after.len() - after.trim_start().len());
                let at = Position::at(src, bom + garbage);
                return Err(Error::Syntax {
                    format: Format::Json,
                    message: "trailing characters".into(),
                    at,
                });
            }
            Ok(doc)
        }
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let at = Position::at(
                src,
                bom + byte_column_position(body, inner.line(), inner.column()).offset,
            );
            let message = strip_position(&inner.to_string());
            match inner.classify() {
                serde_json::error::Category::Data => Err(Error::Shape {
                    format: Format::Json,
                    message,
                    path,
                    at,
                }),
                _ => Err(Error::Syntax {
                    format: Format::Json,
                    message,
                    at,
                }),
            }
        }
    }
}

/// The position of serde_json's 1-based `line` and `column`; serde_json counts the column in
/// bytes (0 before the first byte of a line), positions count characters.
fn byte_column_position(src: &str, line: usize, column: usize) -> Position {
    let line_start: usize = src
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    Position::at(src, line_start + column.saturating_sub(1))
}

/// serde_json appends ` at line L column C`; the error carries the position itself.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// The JSON Schema (draft 2020-12) of the model, as committed under `schemas/`.
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Document);
    serde_json::to_value(schema).unwrap_or_default()
}

/// The schema as pretty JSON with a final newline, byte for byte the committed file.
pub fn schema_string() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}
