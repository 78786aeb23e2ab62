//! Stage 2, lines: the decoded text cut into lines (LF, CRLF or a lone CR) with their byte
//! offsets, line numbers and trimmed text; a line that holds several numbered entries cut
//! before each ([`split_runs`]), and PDF text that kept a blank where each printed line wrapped
//! cut at those blanks ([`split_wrap_blanks`]).

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
    /// Characters of the source line before `raw` (0 but for a piece of a line that held
    /// several numbered entries, see [`split_runs`], or a line wrapped with blanks, see
    /// [`split_wrap_blanks`]).
    pub col: u32,
    /// True for a piece of a source line after a blank that stands where the printed line
    /// wrapped (see [`split_wrap_blanks`]): it goes on with the piece before it.
    pub wrapped: bool,
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
            column: self.col + lead.chars().count() as u32 + 1,
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
            col: 0,
            wrapped: false,
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

/// Where a long line holds numbered entries set apart by spaces or tabs (a web copy that lost its line
/// breaks: `……通知如下: 一、重点督办事项 1.加快推进…… 2.全面开展……`), the byte offsets in its
/// text where each entry starts. The entries' numbers must run: each number of a style one more
/// than the last of that style, or 1 (a new run under a higher entry); three entries or more
/// (the one that opens the line counted), two of them at least a run of one style.
fn run_starts(t: &str) -> Vec<usize> {
    let b = t.as_bytes();
    // spaces and tabs, as a copy that lost its line breaks sets between entries (found fast;
    // no-break and ideographic spaces only where the line has too few of those); two at least
    let mut spaces: Vec<usize> = memchr::memchr2_iter(b' ', b'\t', b).collect();
    if spaces.len() < 3 {
        spaces.extend(memchr::memchr_iter(0xC2, b).filter(|&i| b.get(i + 1) == Some(&0xA0)));
        // (and ideographic spaces, the indent of each paragraph the copy ran together,
        // `……。　　二、……`)
        spaces.extend(
            memchr::memchr_iter(0xE3, b)
                .filter(|&i| b.get(i + 1..i + 3) == Some(&[0x80, 0x80][..])),
        );
        spaces.sort_unstable();
    }
    if spaces.len() < 2 {
        return Vec::new();
    }
    starts_at(t, spaces)
}

/// The byte offsets among `candidates` (where white space or a mark ends what comes before) at
/// which numbered entries start whose numbers run (see [`run_starts`]); empty unless there are
/// three or more, two of them a run of one style.
fn starts_at(t: &str, candidates: Vec<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut last: [Option<u32>; 4] = [None; 4];
    let mut longest_run = 0;
    let b = t.as_bytes();
    let spaces = candidates;
    use super::runon::slot_of;
    // the entry that opens the line, if one does: the run goes on from it
    let opening = crate::numbering::marker(t).and_then(|m| Some((slot_of(m.style)?, m.value)));
    if let Some((slot, v)) = opening {
        last[slot] = Some(v);
    }
    // three entries need three spaces before them (two after an entry that opens the line)
    let need = if opening.is_some() { 2 } else { 3 };
    if spaces.len() < need {
        return Vec::new();
    }
    let mut i = 0;
    for at in spaces {
        if at < i {
            continue;
        }
        let next = t[at..].trim_start_matches(is_space);
        let p = t.len() - next.len();
        i = p.max(at + 1);
        // a number opens the piece, and what stands before the space ends something
        let Some(m) = crate::numbering::marker(next) else {
            continue;
        };
        let Some(slot) = slot_of(m.style) else {
            continue;
        };
        if p < 2 || b.len() - p < 4 {
            continue;
        }
        let follows = last[slot].is_some_and(|v| m.value == v + 1);
        if !(follows || m.value == 1) {
            continue;
        }
        if follows {
            longest_run = longest_run.max(2);
        }
        // a higher entry opens new runs below it
        for l in &mut last[slot + 1..] {
            *l = None;
        }
        last[slot] = Some(m.value);
        out.push(p);
    }
    if out.len() >= need && longest_run >= 2 {
        out
    } else {
        Vec::new()
    }
}

/// How long a line must be (in bytes: some 200 characters) to be read as a text run together
/// (see [`super::runon`]): a paragraph that holds parts numbered `一、`, `二、` after its
/// sentences' marks is parts run together.
const RUN_ON_BYTES: usize = 600;

/// Lines of 80 bytes or more that hold numbered entries set apart by spaces are cut before
/// each entry (see [`run_starts`]), and so are lines of a whole text run together (see
/// [`super::runon`]); each piece is a line of its own with the source line's number and its
/// column. The lines so cut, with the number of pieces of each.
pub(crate) fn split_runs(lines: Vec<Line<'_>>) -> (Vec<Line<'_>>, Vec<(Line<'_>, usize)>) {
    if !lines.iter().any(|l| l.text.len() >= 80) {
        return (lines, Vec::new());
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut cut = Vec::new();
    // (a line that holds nine tenths of the text or more is the whole text, run together)
    let total: usize = lines.iter().map(|l| l.text.len()).sum();
    for l in lines {
        let mut starts = if l.text.len() >= 80 {
            run_starts(l.text)
        } else {
            Vec::new()
        };
        if starts.is_empty() && l.text.len() >= RUN_ON_BYTES {
            starts = super::runon::starts(l.text, l.text.len() * 10 >= total * 9);
        }
        // (a law's line that holds articles run together, `第五条　……。第六条　……：（一）……`)
        if starts.is_empty()
            && l.text.len() >= 80
            && l.text.starts_with('第')
            && super::runon::second_article_mark(l.text)
        {
            starts = super::runon::article_pieces(l.text);
            starts.retain(|&p| p > 0);
        }
        if starts.is_empty() {
            out.push(l);
            continue;
        }
        cut.push((l, starts.len() + 1));
        let mut from = 0;
        for &p in starts.iter().chain(std::iter::once(&l.text.len())) {
            let piece = &l.text[from..p];
            let text = piece.trim_end_matches(is_space);
            let offset = l.text_start + from;
            out.push(Line {
                raw: text,
                start: offset,
                text,
                text_start: offset,
                no: l.no,
                col: (l.raw[..offset - l.start].chars().count()) as u32 + l.col,
                wrapped: false,
            });
            from = p;
        }
    }
    (out, cut)
}

/// The columns a string takes as printed: two for a Chinese character or a full-width form,
/// one for the rest.
fn columns(s: &str) -> usize {
    s.chars().map(|c| if c >= '\u{2E80}' { 2 } else { 1 }).sum()
}

/// The blanks of a line that may stand where a printed line wrapped: one ASCII space between
/// two characters that are not spaces, at least one of them Chinese (or a full-width mark);
/// each with its byte offset and its column from the start of the line.
fn inner_blanks(t: &str) -> Vec<(usize, usize)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut col = 0;
    let mut last = 0;
    for at in memchr::memchr_iter(b' ', b) {
        if at == 0 || at + 1 >= b.len() || b[at - 1] == b' ' || b[at + 1] == b' ' {
            continue;
        }
        let before = t[..at].chars().next_back();
        let after = t[at + 1..].chars().next();
        let wide = |c: Option<char>| c.is_some_and(|c| c >= '\u{2E80}');
        if !(wide(before) || wide(after))
            || before.is_some_and(is_space)
            || after.is_some_and(is_space)
        {
            continue;
        }
        col += columns(&t[last..at]);
        last = at;
        out.push((at, col));
    }
    out
}

/// The blanks of one line on the grid of a wrap every `period` columns: the first within a
/// period of the start (less an indent of up to three characters), each next a period after the
/// one before (a wrap that left no blank is passed over). Blanks between them are the text's.
fn blanks_on_grid(blanks: &[(usize, usize)], period: usize) -> Vec<usize> {
    const SLACK: usize = 3;
    let mut out = Vec::new();
    let (mut lo, mut hi) = (period.saturating_sub(6 + SLACK), period + SLACK);
    for &(at, col) in blanks {
        while col > hi {
            lo += period;
            hi += period;
        }
        if col >= lo {
            out.push(at);
            lo = col + period - SLACK;
            hi = col + period + SLACK;
        }
    }
    out
}

/// The period of a text whose lines are paragraphs with a blank wherever the printed line
/// wrapped (a PDF extractor that joined each paragraph's lines with a space): blanks that
/// follow one another at one distance (in columns, twenty-four or more: twelve characters), in
/// six lines at least and in most lines long enough to wrap twice, the blanks on that grid
/// most of all the blanks there.
fn wrap_period(lines: &[Line<'_>]) -> Option<usize> {
    let per_line: Vec<Vec<(usize, usize)>> = lines
        .iter()
        .map(|l| {
            if l.text.len() >= 60 {
                inner_blanks(l.text)
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut steps: Vec<usize> = per_line
        .iter()
        .flat_map(|b| b.windows(2).map(|w| w[1].1 - w[0].1))
        .filter(|d| *d >= 24)
        .collect();
    if steps.len() < 10 {
        return None;
    }
    steps.sort_unstable();
    let period = steps[steps.len() / 2];
    let near = steps.iter().filter(|d| d.abs_diff(period) <= 3).count();
    if near * 3 < steps.len() * 2 {
        return None;
    }
    // the lines long enough to wrap twice, and how many of their blanks lie on the grid
    let (mut long, mut wrapped, mut blanks, mut on_grid) = (0, 0, 0, 0);
    for (l, b) in lines.iter().zip(&per_line) {
        if columns(l.text) < period * 2 + 4 {
            continue;
        }
        long += 1;
        let grid = blanks_on_grid(b, period).len();
        wrapped += usize::from(grid >= 2);
        blanks += b.len();
        on_grid += grid;
    }
    (wrapped >= 6 && wrapped * 2 >= long && on_grid * 4 >= blanks * 3).then_some(period)
}

/// PDF text whose paragraphs are each one line, with a blank wherever the printed line wrapped
/// (`……跨省直接结算基金 支付政策。`, every thirty-odd characters): each line is cut at those
/// blanks into pieces, each after the first marked [`Line::wrapped`], which the layout joins
/// again without the blank. Blanks off that grid (`中共中央 国务院`) are the text's and stay. The
/// lines, the period in columns and where the first cut line stands (`None` when the text is
/// not so printed).
pub(crate) fn split_wrap_blanks(
    lines: Vec<Line<'_>>,
) -> (Vec<Line<'_>>, Option<(usize, Line<'_>)>) {
    let Some(period) = wrap_period(&lines) else {
        return (lines, None);
    };
    let mut out = Vec::with_capacity(lines.len() * 2);
    let mut first = None;
    for l in lines {
        let cuts = blanks_on_grid(&inner_blanks(l.text), period);
        if cuts.is_empty() {
            out.push(l);
            continue;
        }
        first.get_or_insert((period, l));
        let mut from = 0;
        for (i, &end) in cuts
            .iter()
            .chain(std::iter::once(&l.text.len()))
            .enumerate()
        {
            let text = &l.text[from..end];
            let offset = l.text_start + from;
            out.push(Line {
                raw: if i == 0 {
                    &l.raw[..offset + text.len() - l.start]
                } else {
                    text
                },
                start: if i == 0 { l.start } else { offset },
                text,
                text_start: offset,
                no: l.no,
                col: if i == 0 {
                    l.col
                } else {
                    l.raw[..offset - l.start].chars().count() as u32 + l.col
                },
                wrapped: i > 0,
            });
            // (past the blank)
            from = end + 1;
        }
    }
    (out, first)
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

    #[test]
    fn a_line_of_numbered_entries_is_cut_before_each() {
        let src = format!(
            "各单位: 现将有关事项通知如下: 一、重点督办事项 1.加快推进农村垃圾收储运一体化进程，尽快完善模式。(责任单位:城管) 2.全面开展整治乱搭乱建工作，{}。 二、几点要求 1.提高认识，加强领导。\n",
            "持续推进".repeat(12)
        );
        let (lines, cut) = split_runs(split(&src));
        let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
        assert_eq!(texts.len(), 6, "{texts:?}");
        assert!(texts[1].starts_with("一、"));
        assert!(texts[4].starts_with("二、"));
        assert_eq!(cut.len(), 1);
        assert_eq!(&src[lines[2].text_start..][..2], "1.");
        assert_eq!(
            lines[2].span().column as usize,
            src[..lines[2].text_start].chars().count() + 1
        );
        // a figure after a space is no entry (`增长 1.5 倍`), and two entries are too few
        let figures = format!("{}增长 1.5 倍，完成 2.3 万项。", "推进".repeat(60));
        let (lines, _) = split_runs(split(&figures));
        assert_eq!(lines.len(), 1);
    }
}
