//! A body, from its first paragraph to its closing block: the entries (numbered blocks and
//! paragraphs), then the stages that stand on them in order: tree assembly, numbering runs,
//! sibling headings, measures, notes, guarantees, closing.

use super::classify::Kind;
use super::explain::Log;
use super::law;
use super::measures;
use super::roles::mark_guarantees;
use super::runs;
use super::tree::{assemble, numbered_node, Entry};
use super::Reader;
use crate::model::{ClosingLine, Diagnostic, Node, Notes, Paragraph};
use crate::text::rules::{chars, chars_ge, chars_le};
use std::collections::HashMap;

/// The most blocks a quotation runs over: a quotation mark not closed within them is a stray
/// mark, not a quotation.
const QUOTE_BLOCKS: usize = 40;

/// What a block does to the depth of `“”` / `「」` quotation: the depth after it is
/// `max(depth + net, net - low)` for the depth before it (never below zero), where `net` is its
/// opening marks less its closing ones and `low` the lowest the count falls while it is read
/// (0 or less). Counted once a block, so that looking for where a quotation closes costs a
/// step a block, not a pass over its text.
#[derive(Debug, Clone, Copy, Default)]
struct Quotes {
    net: i32,
    low: i32,
}

impl Quotes {
    fn of(t: &str) -> Quotes {
        let mut q = Quotes::default();
        for c in t.chars() {
            match c {
                '“' | '「' => q.net += 1,
                '”' | '」' => {
                    q.net -= 1;
                    q.low = q.low.min(q.net);
                }
                _ => {}
            }
        }
        q
    }

    /// The depth after the block, from `depth` before it.
    fn after(self, depth: i32) -> i32 {
        (depth + self.net).max(self.net - self.low)
    }
}

/// A body as read.
#[derive(Debug)]
pub(crate) struct Body {
    pub preamble: Vec<Paragraph>,
    pub nodes: Vec<Node>,
    pub notes: Option<Notes>,
    pub closing: Vec<ClosingLine>,
    pub diagnostics: Vec<Diagnostic>,
    /// The block after the closing block (or the end of the range).
    pub end: usize,
}

/// One entry of a body before it is built: its block, the block of the paragraph under it when
/// it is a heading sentence alone on its line, and whether its marker makes it a node.
#[derive(Debug, Clone, Copy)]
struct Spec {
    block: usize,
    joined: Option<usize>,
    /// Where a heading run into the end of the block starts (its paragraph is `joined`).
    cut: Option<usize>,
    numbered: bool,
}

impl Reader<'_, '_> {
    /// Reads the body in `[pos, end)`: preamble, hierarchy, notes and closing block. `main` is
    /// true for the document itself, false for an attachment or a forwarded document.
    pub(crate) fn body(&self, pos: usize, end: usize, main: bool, log: &mut Log) -> Body {
        let closing_at = self.find_closing(pos, end, main);
        let body_end = closing_at.map_or(end, |(s, _)| s);
        let notes_at = self.find_notes(pos, body_end, !main);
        let struct_end = notes_at.unwrap_or(body_end);
        let mut specs = self.specs(pos, struct_end, log);
        let quoted_notes = self.quoted(&mut specs, log);
        let mut built = assemble(self.entries(&specs));
        // runs that are lists, not structure: all their members become text, and say why
        let lists = runs::lists(&built.nodes, built.preamble.len(), !main);
        let mut notes_diags = Vec::new();
        if !lists.is_empty() {
            let by_offset: HashMap<usize, usize> = specs
                .iter()
                .enumerate()
                .map(|(k, s)| (self.b[s.block].span().offset, k))
                .collect();
            let mut seen = std::collections::HashSet::new();
            for (span, kind, n, run) in &lists {
                if let Some(&k) = by_offset.get(&span.offset) {
                    specs[k].numbered = false;
                }
                let first = seen.insert(*run);
                notes_diags.push(runs::list_note(*span, *kind, *n, first));
                if first {
                    log.note(*span, "run-kept-as-text", || {
                        runs::list_note(*span, *kind, *n, true).message
                    });
                }
            }
            built = assemble(self.entries(&specs));
        }
        let mut diagnostics = built.diagnostics;
        diagnostics.extend(quoted_notes);
        diagnostics.extend(notes_diags);
        let mut nodes = built.nodes;
        let mut preamble = built.preamble;
        let law = law::read(&mut preamble, &mut nodes, &mut diagnostics, log);
        runs::numbering(&nodes, &mut [None; 12], &mut diagnostics);
        if !law {
            runs::unnumbered_parts(&mut preamble, &mut nodes, &mut diagnostics, log);
            runs::quotation_lead_ins(&mut nodes, log);
            runs::sibling_headings(&mut nodes, log);
            let strong = self.split_headings(&specs);
            preamble = measures::apply_root(preamble, &mut nodes, &strong, log);
            measures::apply(&mut nodes, &strong, log);
            mark_guarantees(&mut nodes, log);
        }
        let notes = notes_at.map(|s| {
            let (notes, diags) = self.notes(s, body_end, log);
            diagnostics.extend(diags);
            notes
        });
        let (closing, after) = match closing_at {
            Some((s, e)) => {
                log.note(self.b[s].span(), "closing", || {
                    "the closing block: signatures and the date of signing (and what belongs to them)".to_string()
                });
                (self.closing_lines(s, e), e)
            }
            None => (Vec::new(), end),
        };
        // the numbered entries of the closing's attachment list, two or more each on a line of
        // its own, name attachments: a note on each says so
        let entries: Vec<&crate::model::ClosingLine> = closing
            .iter()
            .filter(|c| {
                c.role == crate::model::ClosingRole::AttachmentList
                    && crate::numbering::marker(&c.text).is_some()
            })
            .collect();
        for (i, c) in entries.iter().enumerate().filter(|_| entries.len() > 1) {
            let len = crate::numbering::marker(&c.text).map_or(0, |m| m.len);
            diagnostics.push(runs::list_note(
                crate::model::Span { len, ..c.span },
                runs::ListKind::ClosingAttachments,
                entries.len(),
                i == 0,
            ));
        }
        diagnostics.sort_by_key(|d| d.span.offset);
        Body {
            preamble,
            nodes,
            notes,
            closing,
            diagnostics,
            end: after,
        }
    }

    /// The entries of `[pos, end)` before any decision of the later stages: every non-blank
    /// block, numbered when it opens with a marker; a heading sentence alone on its line runs on
    /// into the paragraph under it where the body does so throughout (a web page that broke
    /// bold run-in headings out of their paragraphs).
    fn specs(&self, pos: usize, end: usize, log: &mut Log) -> Vec<Spec> {
        let ks: Vec<usize> = (pos..end).filter(|&k| !self.c[k].is_blank()).collect();
        let split_heading = |i: usize| -> bool {
            let k = ks[i];
            let Some(&next) = ks.get(i + 1) else {
                return false;
            };
            let t = self.text(k);
            let nt = self.text(next);
            self.c[k].marker.is_none()
                && self.c[next].marker.is_none()
                && matches!(self.c[k].kind, Kind::Text | Kind::Publication)
                && self.c[next].kind == Kind::Text
                && t.ends_with('。')
                && chars_le(t, 36)
                && t.matches('。').count() == 1
                && measures::not_a_heading(&t[..t.len() - '。'.len_utf8()], '。').is_none()
                && chars(nt) >= 2 * chars(t).max(12)
        };
        let pairs = (0..ks.len()).filter(|&i| split_heading(i)).count();
        // where headings stand alone throughout, one run into the end of the line above its
        // paragraph (a group's lead sentence and the group's first heading, inline on the page):
        // the last sentence of a line, heading-shaped, above a line of body text that has no
        // heading of its own
        let trailing_shape = |i: usize| -> Option<usize> {
            let k = ks[i];
            let &next = ks.get(i + 1)?;
            // only where standing alone is how this body's headings stand: a tenth of its lines
            if pairs < 3
                || pairs * 10 < ks.len()
                || split_heading(i)
                || self.c[k].marker.is_some()
                || self.c[k].kind != Kind::Text
                || self.c[next].marker.is_some()
                || self.c[next].kind != Kind::Text
                || split_heading(i + 1)
            {
                return None;
            }
            let t = self.text(k).strip_suffix('。')?;
            let cut = t.rfind(['。', '！', '？'])? + '。'.len_utf8();
            let last = &t[cut..];
            let nt = self.text(next);
            // a heading stuck to the paragraph before it is one phrase (a comma would make it
            // the paragraph's own last sentence)
            (chars_le(last, 36)
                && !last.contains(['，', ','])
                && measures::not_a_heading(last, '。').is_none()
                && chars_ge(nt, 60)
                && chars(nt) >= 2 * chars(last).max(12))
            .then_some(cut)
        };
        // the paragraph under such a heading is body text, not a line that itself ends in one
        let trailing_heading = |i: usize| -> Option<usize> {
            trailing_shape(i).filter(|_| trailing_shape(i + 1).is_none())
        };
        let mut out = Vec::with_capacity(ks.len());
        for (i, &k) in ks.iter().enumerate() {
            // a heading sentence alone on its line, with its paragraph on the next: the measures
            // stage takes the pair as one measure where two or more stand in a container
            let mut cut = None;
            let mut joined = (pairs >= 2 && split_heading(i)).then(|| ks[i + 1]);
            if joined.is_none() {
                if let Some(c) = trailing_heading(i) {
                    cut = Some(c);
                    joined = Some(ks[i + 1]);
                }
            }
            if let Some(next) = joined {
                let heading = &self.text(k)[cut.unwrap_or(0)..];
                log.note(self.b[k].span_from(cut.unwrap_or(0)), "split-heading", || {
                    format!(
                        "the heading sentence `{heading}` stands {} above its paragraph (line {}), as {pairs} do alone in this body: a web page broke a run-in heading out of its paragraph",
                        if cut.is_some() { "at the end of the line" } else { "alone" },
                        self.b[next].line.no
                    )
                });
            }
            out.push(Spec {
                block: k,
                joined,
                cut,
                numbered: self.c[k].marker.is_some(),
            });
        }
        out
    }

    /// Numbered lines inside a quotation that runs over paragraphs are quoted text, not nodes
    /// (`将第四十二条修改为：` / `“……下列情形之一的：` / `（一）……` / `（二）……。”`): each becomes a
    /// paragraph, with a note. Quotation marks are counted over the blocks; a quotation that
    /// does not close within [`QUOTE_BLOCKS`] blocks is taken as a stray mark and changes
    /// nothing.
    fn quoted(&self, specs: &mut [Spec], log: &mut Log) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        // counted when first asked for: most blocks open no quotation (two byte searches say
        // so) and are never inside one
        let blocks: Vec<usize> = specs.iter().map(|s| s.block).collect();
        let mut quotes: Vec<Option<Quotes>> = vec![None; specs.len()];
        let mut quotes_of =
            |j: usize| *quotes[j].get_or_insert_with(|| Quotes::of(self.text(blocks[j])));
        let mut i = 0;
        while i < specs.len() {
            let t = self.text(specs[i].block);
            if !t.contains('“') && !t.contains('「') {
                i += 1;
                continue;
            }
            let depth = quotes_of(i).after(0);
            if depth == 0 {
                i += 1;
                continue;
            }
            // where the quotation opened in block i closes
            let mut d = depth;
            let mut close = None;
            for j in (i + 1..specs.len()).take(QUOTE_BLOCKS) {
                d = quotes_of(j).after(d);
                if d == 0 {
                    close = Some(j);
                    break;
                }
            }
            let Some(close) = close else {
                i += 1;
                continue;
            };
            let inside: Vec<usize> = (i + 1..=close).filter(|&j| specs[j].numbered).collect();
            for (n, &j) in inside.iter().enumerate() {
                specs[j].numbered = false;
                let b = &self.b[specs[j].block];
                let len = self.c[specs[j].block].marker.map_or(0, |m| m.len);
                let span = crate::model::Span {
                    len: b.markup_len() + len,
                    ..b.span()
                };
                out.push(runs::list_note(
                    span,
                    runs::ListKind::Quoted,
                    inside.len(),
                    n == 0,
                ));
                if n == 0 {
                    log.note(span, "run-kept-as-text", || {
                        runs::list_note(span, runs::ListKind::Quoted, inside.len(), true).message
                    });
                }
            }
            i = close + 1;
        }
        out
    }

    /// Builds the entries of the specs.
    fn entries(&self, specs: &[Spec]) -> Vec<Entry> {
        let mut out = Vec::with_capacity(specs.len());
        for s in specs {
            let b = &self.b[s.block];
            match (s.numbered, self.c[s.block].marker, s.cut) {
                (true, Some(m), _) => out.push(Entry::Node(numbered_node(b, m))),
                (_, _, Some(cut)) => {
                    let mut first = b.span();
                    first.len = cut;
                    out.push(Entry::Paragraph(Paragraph::at(
                        b.text[..cut].to_string(),
                        first,
                    )));
                    out.push(Entry::Paragraph(Paragraph::at(
                        b.text[cut..].to_string(),
                        b.span_from(cut),
                    )));
                }
                _ => out.push(Entry::Paragraph(Paragraph::at(
                    b.text.to_string(),
                    b.span(),
                ))),
            }
        }
        out
    }

    /// The heading paragraphs that stood apart from the paragraph under them: the offset of each
    /// heading's span, and the span of its paragraph.
    fn split_headings(&self, specs: &[Spec]) -> HashMap<usize, crate::model::Span> {
        specs
            .iter()
            .filter_map(|s| {
                let j = s.joined?;
                let b = &self.b[s.block];
                let at = s.cut.map_or_else(|| b.span(), |c| b.span_from(c));
                Some((at.offset, self.b[j].span()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Quotes;

    /// The depth after `t` counted mark by mark, never below zero.
    fn stepwise(mut depth: i32, t: &str) -> i32 {
        for c in t.chars() {
            match c {
                '“' | '「' => depth += 1,
                '”' | '」' => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        depth
    }

    #[test]
    fn a_block_moves_the_depth_as_its_marks_counted_one_by_one() {
        let blocks = [
            "",
            "没有引号。",
            "将第一条修改为：“",
            "（一）……；",
            "……。”",
            "”多余的闭合，然后“新的",
            "「甲」“乙”",
            "”」“",
            "““”",
        ];
        for t in blocks {
            for depth in 0..4 {
                assert_eq!(
                    Quotes::of(t).after(depth),
                    stepwise(depth, t),
                    "{t:?} from {depth}"
                );
            }
        }
    }
}
