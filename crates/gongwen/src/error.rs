//! The one error type of the core.

use std::fmt;

/// A position in an input: byte offset, 1-based line and 1-based character column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Position {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `src` (clamped to the input, rounded down to a character).
    pub fn at(src: &str, offset: usize) -> Position {
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &src[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = src[line_start..offset].chars().count() + 1;
        Position {
            offset,
            line,
            column,
        }
    }

    /// The position of 1-based `line` and `column` (characters) in `src`.
    pub fn from_line_column(src: &str, line: usize, column: usize) -> Position {
        let mut offset = 0;
        for (i, l) in src.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let col_off = l
                    .char_indices()
                    .nth(column.saturating_sub(1))
                    .map_or(l.len(), |(o, _)| o);
                return Position {
                    offset: offset + col_off,
                    line,
                    column,
                };
            }
            offset += l.len();
        }
        Position {
            offset: src.len(),
            line,
            column,
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

pub use crate::format::Format;

/// Everything that can go wrong reading or writing a document.
///
/// Syntax errors (the input is not well-formed in its format) are kept apart from shape errors
/// (well-formed, but not a gongwen document).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not UTF-8.
    #[error("input is not valid UTF-8 at byte {} ({})", .at.offset, .at)]
    InvalidUtf8 { at: Position },
    /// The input is not text: NUL bytes, or control characters where text has none.
    #[error("input is binary, not text: a NUL or control byte at byte {} ({}); if it is UTF-16 without a byte order mark, name its encoding", .at.offset, .at)]
    Binary { at: Position },
    /// An encoding was named that gongwen does not know.
    #[error("unknown encoding `{label}`: name one such as utf-8, gbk, gb18030, utf-16le, utf-16be, big5")]
    UnknownEncoding { label: String },
    /// The input holds nothing but white space.
    #[error("input is empty")]
    Empty,
    /// The input is not well-formed in its format.
    #[error("{format} is not well-formed at {at}: {message}")]
    Syntax {
        format: Format,
        message: String,
        at: Position,
    },
    /// The input is well-formed but does not have the shape of a gongwen document.
    #[error("{format} does not fit the model at {at}{}: {message}", path_suffix(.path))]
    Shape {
        format: Format,
        message: String,
        path: String,
        at: Position,
    },
    /// The input exceeds one of the reader's limits.
    #[error("{what} exceeds the limit of {limit} at {at}")]
    Limit {
        what: &'static str,
        limit: usize,
        at: Position,
    },
    /// A format gongwen reads but does not write (HTML).
    #[error("gongwen reads {format} but does not write it: write text, json, xml or akn")]
    Unwritable { format: Format },
    /// Writing failed (the destination refused the bytes).
    #[error("cannot write: {message}")]
    Io { message: String },
}

fn path_suffix(path: &str) -> String {
    if path.is_empty() || path == "." {
        String::new()
    } else {
        format!(" (at `{path}`)")
    }
}

impl Error {
    /// Where in the input the error is, if it comes from input.
    pub fn position(&self) -> Option<Position> {
        match self {
            Error::InvalidUtf8 { at }
            | Error::Binary { at }
            | Error::Syntax { at, .. }
            | Error::Shape { at, .. }
            | Error::Limit { at, .. } => Some(*at),
            Error::Empty
            | Error::UnknownEncoding { .. }
            | Error::Unwritable { .. }
            | Error::Io { .. } => None,
        }
    }
}

/// Checks that `bytes` are UTF-8 and returns them as text, or says where they are not.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, Error> {
    // the vectorised check first (std's goes character by character through Chinese text: 8%
    // of a batch's time); std's only for the position of an error
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok(s);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = e.valid_up_to();
            // the valid prefix is text: count lines and characters in it
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
            let mut at = Position::at(prefix, good);
            at.offset = good;
            Err(Error::InvalidUtf8 { at })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let src = "标题\n第二行abc";
        let p = Position::at(src, src.find('a').unwrap());
        assert_eq!((p.line, p.column), (2, 4));
        let q = Position::from_line_column(src, 2, 4);
        assert_eq!(q.offset, p.offset);
    }

    #[test]
    fn invalid_utf8_says_where() {
        let mut bytes = "第一行\n好".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xff, 0xfe]);
        let err = decode_utf8(&bytes).unwrap_err();
        assert_eq!(
            err.to_string(),
            "input is not valid UTF-8 at byte 13 (line 2, column 2)"
        );
    }
}
