//! Lines of a source text with their positions, and the small classifiers the reader uses.

use crate::model::Span;

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
    /// The text without a Markdown heading prefix (`## `), for recognising structure; the
    /// prefix stays in what the model keeps verbatim.
    pub fn body(&self) -> &'a str {
        let t = self.text;
        let hashes = t.len() - t.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) {
            let rest = &t[hashes..];
            if rest.starts_with(' ') || rest.starts_with('\u{3000}') {
                return rest.trim_start_matches(is_space);
            }
        }
        t
    }

    /// Byte length of the Markdown prefix of `text`.
    pub fn markup_len(&self) -> usize {
        self.text.len() - self.body().len()
    }

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

/// White space as it occurs in web text: ASCII, ideographic space, no-break space, BOM, tabs.
/// (Zero-width characters are text: trimming them would lose them.)
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
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

/// Characters in `s`.
pub(crate) fn chars(s: &str) -> usize {
    s.chars().count()
}

/// `chars(s) <= n`, without counting the characters of a line too long to qualify (a
/// character is at most four bytes).
pub(crate) fn chars_le(s: &str, n: usize) -> bool {
    s.len() <= n || s.len() <= 4 * n && chars(s) <= n
}

/// `chars(s) > n`, as cheaply as [`chars_le`].
pub(crate) fn chars_gt(s: &str, n: usize) -> bool {
    !chars_le(s, n)
}

/// `chars(s) >= n`, as cheaply as [`chars_le`].
pub(crate) fn chars_ge(s: &str, n: usize) -> bool {
    n == 0 || !chars_le(s, n - 1)
}

/// True if `s` ends like a sentence (a paragraph rather than a heading or a label).
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['）', ')', '”', '’', '」', '』']);
    t.chars().last().is_some_and(|c| {
        matches!(
            c,
            '。' | '；' | '：' | '！' | '？' | ';' | ':' | '!' | '?' | '…'
        )
    }) || s.ends_with('。')
}

/// Removes all white space inside `s` (for keys such as `索 引 号`, `标　　题`).
pub(crate) fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !is_space(*c)).collect()
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
