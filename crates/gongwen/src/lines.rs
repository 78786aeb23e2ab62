//! Byte offsets to lines and columns, for the readers that report positions: both XML readers
//! (through the element tree of [`crate::xmlsafe`]) and the HTML reader (a position for every
//! piece of text it lays out).

use crate::error::Position;
use crate::model::Span;

/// Byte offsets of line starts, for turning offsets into lines and columns quickly; with
/// [`LineIndex::with_columns`], also the characters before every 1 KiB, so that a column in a
/// line of megabytes costs a count of at most 1 KiB (for readers that ask positions of every
/// node, not only of an error).
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, characters before it), every 1 KiB of the text; empty when not built.
    marks: Vec<(usize, usize)>,
}

impl LineIndex {
    pub fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            starts,
            marks: Vec::new(),
        }
    }

    /// The index with character counts every 1 KiB.
    pub fn with_columns(src: &str) -> LineIndex {
        let mut index = LineIndex::new(src);
        let mut marks = vec![(0, 0)];
        let (mut at, mut chars) = (0, 0);
        while at < src.len() {
            let mut next = (at + 1024).min(src.len());
            while !src.is_char_boundary(next) {
                next += 1;
            }
            chars += src[at..next].chars().count();
            marks.push((next, chars));
            at = next;
        }
        index.marks = marks;
        index
    }

    /// The characters of `src` before byte `offset` (a char boundary), from the marks.
    fn chars_before(&self, src: &str, offset: usize) -> usize {
        let k = self
            .marks
            .partition_point(|m| m.0 <= offset)
            .saturating_sub(1);
        let (at, chars) = self.marks[k];
        chars + src[at..offset].chars().count()
    }

    /// The position of byte `offset` in `src`.
    pub fn position(&self, src: &str, offset: usize) -> Position {
        let mut offset = offset.min(src.len());
        while !src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = if self.marks.is_empty() {
            src[start..offset].chars().count()
        } else {
            self.chars_before(src, offset) - self.chars_before(src, start)
        };
        Position {
            offset,
            line,
            column: column + 1,
        }
    }

    /// The span of `len` bytes at `offset`.
    pub fn span(&self, src: &str, offset: usize, len: usize) -> Span {
        let p = self.position(src, offset);
        Span {
            offset: p.offset,
            len,
            line: u32::try_from(p.line).unwrap_or(u32::MAX),
            column: u32::try_from(p.column).unwrap_or(u32::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters() {
        let src = "<a>\n  <b>标题</b>\n</a>";
        let li = LineIndex::new(src);
        let p = li.position(src, src.find("</b>").expect("in src"));
        assert_eq!((p.line, p.column), (2, 8));
    }
}
