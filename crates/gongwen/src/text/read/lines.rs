//! Stage 2, lines: the decoded text cut into lines (LF, CRLF or a lone CR) with their byte
//! offsets, line numbers and trimmed text.

use crate::model::Span;
use crate::text::rules::is_space;

/// One line of the source: its trimmed text and where it stands.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// The line without its line break (and without a trailing `\r`).
    pub raw: &'a str,
    /// Byte offset of `raw` in the source.
    pub start: usize,
    /// The line without leading and trailing white space (ASCII, ideographic, no-break).
    pub text: &'a str,
    /// Byte offset of `text` in the source.
    pub text_start: usize,
    /// 1-based line number.
    pub no: u32,
}

impl<'a> Line<'a> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// The span of the trimmed text.
    pub fn span(&self) -> Span {
        self.span_from(0)
    }

    /// The span of the trimmed text from byte `skip` on.
    pub fn span_from(&self, skip: usize) -> Span {
        let lead = &self.raw[..self.text_start - self.start + skip];
        Span {
            offset: self.text_start + skip,
            len: self.text.len() - skip,
            line: self.no,
            column: lead.chars().count() as u32 + 1,
        }
    }
}

/// Splits `src` into lines (LF, CRLF or lone CR), keeping positions.
pub(crate) fn split(src: &str) -> Vec<Line<'_>> {
    let bytes = src.as_bytes();
    // no pass to count the lines first: the list grows as lines come (a pass over the whole
    // input costs more than the few copies of a list a fraction of its size)
    let mut out = Vec::new();
    let mut start = 0;
    let mut no = 1;
    loop {
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |p| start + p);
        let raw = &src[start..end];
        let lead = raw.trim_start_matches(is_space);
        out.push(Line {
            raw,
            start,
            text: lead.trim_end_matches(is_space),
            text_start: start + raw.len() - lead.len(),
            no,
        });
        if end == bytes.len() {
            break;
        }
        start = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
        no += 1;
    }
    // a final line break does not open an empty line
    if out.len() > 1 && out.last().is_some_and(|l| l.raw.is_empty()) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_crlf_cr_and_trims() {
        let src = "\u{feff}一\r\n　二 \r三\n";
        let lines = split(src);
        let texts: Vec<_> = lines.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["一", "二", "三"]);
        assert_eq!(lines[1].no, 2);
        assert_eq!(&src[lines[1].text_start..][..3], "二");
        assert_eq!(lines[1].span().column, 2);
    }
}
