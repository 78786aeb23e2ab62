//! Stage 7, roles: the closing block (signatures, date of signing, bracketed notes, the
//! attachment list), the notes after the body (名词解释, 注释, `注：`), and the guarantees (the
//! closing part that safeguards carrying the document out).

use super::classify::Kind;
use super::explain::Log;
use super::Reader;
use crate::model::{
    ClosingLine, ClosingRole, Diagnostic, Node, NodeKind, Notes, Paragraph, Severity,
};
use crate::text::rules::{
    chars_ge, chars_le, is_copy_to, is_printed, is_signature, label_with_title, notes_label,
    unlinked,
};

impl Reader<'_, '_> {
    /// Finds the closing block (attachment list, signatures, date, notes): its block range.
    pub(crate) fn find_closing(
        &self,
        pos: usize,
        end: usize,
        main: bool,
    ) -> Option<(usize, usize)> {
        let mut k = pos;
        let mut seen_text = false;
        while k < end {
            if self.c[k].is_blank() {
                k += 1;
                continue;
            }
            if self.c[k].kind == Kind::Date && seen_text {
                // walk back over signature lines and an attachment list
                let mut s = k;
                let mut j = k;
                let mut sigs = 0;
                while j > pos {
                    j -= 1;
                    if self.c[j].is_blank() {
                        continue;
                    }
                    if is_signature(self.text(j))
                        && sigs < 8
                        && self.c[j].kind != Kind::AttachmentList
                    {
                        sigs += 1;
                        s = j;
                    } else {
                        break;
                    }
                }
                // an attachment list (附件：1．…  2．…) just above the signatures
                let mut j = s;
                let mut list_start = None;
                let mut steps = 0;
                while j > pos && steps < 12 {
                    j -= 1;
                    if self.c[j].is_blank() {
                        continue;
                    }
                    steps += 1;
                    // (a list's lines may each be a label, `附件1.……` / `附件2.……`, under a
                    // `附件：` of their own: the list starts at the first)
                    if self.c[j].kind == Kind::AttachmentList {
                        list_start = Some(j);
                        continue;
                    }
                    // a list whose entries are labels with their titles (`附件1：……表.xls`,
                    // `附件2：……`): the attachments named, their texts not given
                    // (or links to them, `[附件1：……表.docx](https://……)`, as a page's
                    // crawl to Markdown writes them)
                    if label_with_title(&unlinked(self.text(j))).is_some() {
                        list_start = Some(j);
                        continue;
                    }
                    let u = self.text(j);
                    if !(self.item_entry(j) || chars_le(u, 40) && !self.c[j].sentence) {
                        break;
                    }
                }
                if let Some(ls) = list_start {
                    s = ls;
                }
                let mut e = k + 1;
                // notes, then the imprint (版记): the bodies a copy goes to (`抄送：……`, and the
                // lines its list goes on over, each closed by `。`), the office and date of
                // printing (`……2020年4月28日印发`)
                let mut in_copy = false;
                while let Some(x) = self.next_text(e, end) {
                    let t = self.text(x);
                    let goes_on = in_copy
                        && chars_le(t, 80)
                        && t.ends_with('。')
                        && self.c[x].marker.is_none();
                    if self.c[x].kind == Kind::Note || is_printed(t) || goes_on {
                        e = x + 1;
                    } else if is_copy_to(t) {
                        in_copy = true;
                        e = x + 1;
                    } else {
                        break;
                    }
                }
                // a page's attachments named under the date, their texts not given (links to
                // download them): labels with their titles, and nothing else, to the end
                let named: Vec<usize> = (e..end).filter(|&x| !self.c[x].is_blank()).collect();
                if !named.is_empty()
                    && named.len() <= 30
                    && named.iter().all(|&x| {
                        self.c[x].kind != Kind::AttachmentLabel
                            && label_with_title(&unlinked(self.text(x))).is_some()
                    })
                {
                    e = end;
                }
                if !main
                    && sigs == 0
                    && list_start.is_none()
                    && e < end
                    && self.next_text(e, end).is_some()
                {
                    // a bare date inside an attachment's text is not a closing
                    k += 1;
                    continue;
                }
                if self.numbering_goes_on(pos, s, e, end) {
                    // dated lines among the text (a table's cells), not its end
                    k += 1;
                    continue;
                }
                return Some((s, e));
            }
            seen_text = true;
            k += 1;
        }
        // no dated closing: an attachment list (附件说明) still closes the body
        let k = (pos..end).find(|&k| self.c[k].kind == Kind::AttachmentList && k > pos)?;
        // (the list's line printed again opens the attachment it names: `附件：某某目录`, then
        // `附件：某某目录` over the attachment's text)
        let e = (k + 1..end)
            .find(|&x| self.repeats_list_line(k, x))
            .unwrap_or(end);
        let tail: Vec<&str> = (k..e)
            .filter(|&x| !self.c[x].is_blank())
            .map(|x| self.text(x))
            .collect();
        (tail.len() <= 80 && tail.iter().all(|t| chars_le(t, 60))).then_some((k, e))
    }

    /// True when block `x` is a line of an attachment list (`附件：某某目录`) printed in
    /// `[from, x)` already: printed again, it opens the attachment it names.
    pub(crate) fn repeats_list_line(&self, from: usize, x: usize) -> bool {
        self.c[x].kind == Kind::AttachmentList
            && (from..x)
                .any(|y| self.c[y].kind == Kind::AttachmentList && self.text(y) == self.text(x))
    }

    /// The numbering marker of block `k`, or of the text of the link it is (`[2.……表.xlsx](……)`).
    fn entry_marker(&self, k: usize) -> Option<crate::numbering::Marker> {
        self.c[k].marker.or_else(|| {
            let t = self.text(k);
            t.starts_with('[')
                .then(|| crate::numbering::marker(&unlinked(t)))
                .flatten()
        })
    }

    /// True when block `k` is a numbered item (an entry of a list), its number its own or
    /// that of the text of the link it is.
    fn item_entry(&self, k: usize) -> bool {
        self.entry_marker(k)
            .is_some_and(|m| m.kind == NodeKind::Item)
    }

    /// True when the numbering of the text in `[pos, s)` goes on after `e` (before `end` and
    /// before any attachment's label): a unit numbered next after the last of its style above
    /// (`五、` after `四、`), before any numbering of a style not used above. A block that signs
    /// and dates the text does not stand inside its run of units.
    fn numbering_goes_on(&self, pos: usize, s: usize, e: usize, end: usize) -> bool {
        let mut last: Vec<(crate::numbering::Style, u32)> = Vec::new();
        for c in &self.c[pos..s] {
            if let Some(m) = c.marker {
                match last.iter_mut().find(|(st, _)| *st == m.style) {
                    Some(l) => l.1 = m.value,
                    None => last.push((m.style, m.value)),
                }
            }
        }
        for c in &self.c[e..end] {
            if c.kind == Kind::AttachmentLabel {
                return false;
            }
            if let Some(m) = c.marker {
                match last.iter().find(|&&(st, _)| st == m.style) {
                    Some(&(_, v)) if m.value == v + 1 => return true,
                    Some(_) => {}
                    // a numbering of a style the text above has not used (`第一章` after its
                    // `一、` … `七、`): a text of its own starts, the one the block signs is done
                    None => return false,
                }
            }
        }
        false
    }

    /// The lines of a closing block, each with its role.
    pub(crate) fn closing_lines(&self, s: usize, e: usize) -> Vec<ClosingLine> {
        let mut closing = Vec::new();
        let mut in_list = false;
        // the number of the list's last entry, and whether the list goes on after line `k`:
        // its next entry comes before any date (a web page may break an entry over lines that
        // look like a signature: `1.天津市` / `2023年……汇总表` / `2.天津市`)
        let mut entry = 0;
        let goes_on = |k: usize, entry: u32| {
            (k + 1..e)
                .map(|j| &self.c[j])
                .take_while(|c| c.kind != Kind::Date)
                .find_map(|c| c.marker.filter(|m| m.kind == NodeKind::Item))
                .is_some_and(|m| m.value == entry + 1)
        };
        // the lines that continued an entry: one that ends as they do continues the last entry
        // (`……汇总表` after `2.天津市` as after `1.天津市`)
        let mut continued: Vec<&str> = Vec::new();
        let like_before = |continued: &[&str], t: &str| {
            let tail = |x: &str| x.chars().rev().take(2).collect::<String>();
            chars_ge(t, 4) && continued.iter().any(|x| tail(x) == tail(t))
        };
        let mut in_copy = false;
        for k in s..e {
            let c = &self.c[k];
            if c.is_blank() {
                continue;
            }
            let t = self.text(k);
            // (the imprint under the date, as `find_closing` took it)
            let copy = is_copy_to(t);
            let copy_goes_on = in_copy && t.ends_with('。') && c.marker.is_none();
            in_copy = copy || copy_goes_on;
            let role = if copy || copy_goes_on {
                ClosingRole::CopyTo
            } else if is_printed(t) {
                ClosingRole::Printed
            } else if c.kind == Kind::AttachmentList || label_with_title(&unlinked(t)).is_some() {
                in_list = true;
                ClosingRole::AttachmentList
            } else if in_list && self.item_entry(k) {
                entry = self.entry_marker(k).map_or(0, |m| m.value);
                ClosingRole::AttachmentList
            } else if in_list
                && entry > 0
                && c.kind != Kind::Date
                && (goes_on(k, entry) || like_before(&continued, t))
            {
                continued.push(t);
                ClosingRole::AttachmentList
            } else if c.kind == Kind::Date {
                in_list = false;
                ClosingRole::Date
            } else if c.kind == Kind::Note {
                in_list = false;
                ClosingRole::Note
            } else if in_list && !is_signature(t) {
                ClosingRole::AttachmentList
            } else {
                in_list = false;
                ClosingRole::Signature
            };
            closing.push(ClosingLine {
                role,
                text: t.to_string(),
                span: self.b[k].span(),
            });
        }
        closing
    }

    /// Where notes after the body start in `[pos, end)`: a notes label (`名词解释`, `注：`) with
    /// nothing numbered at the upper levels after it, or (in an attachment) a run of entries
    /// shaped `1.term：explanation` that is most of what is there.
    pub(crate) fn find_notes(&self, pos: usize, end: usize, attachment: bool) -> Option<usize> {
        let label = (pos..end).find(|&k| self.c[k].kind == Kind::NotesLabel);
        if let Some(l) = label {
            let upper = (l + 1..end).any(|k| {
                self.c[k]
                    .marker
                    .is_some_and(|m| matches!(m.kind, NodeKind::Part | NodeKind::Section))
            });
            if !upper && l > pos {
                return Some(l);
            }
        }
        if attachment {
            let entries: Vec<usize> = (pos..end).filter(|&k| self.c[k].marker.is_some()).collect();
            let glossary = entries.iter().filter(|&&k| self.glossary_entry(k)).count();
            // (a glossary is a list of one level: parts with sections under them, `一、指导思想:以……`
            // then `（一）……`, are the text's structure, whatever their colons)
            let style = |k: usize| self.c[k].marker.map(|m| m.style);
            let one_level = entries.iter().all(|&k| style(k) == style(entries[0]));
            if entries.len() >= 3 && glossary * 5 >= entries.len() * 3 && one_level {
                return entries.first().copied();
            }
        }
        None
    }

    /// `1.“两重”：是指……` or `1.“四上”企业：` (the explanation on the next line): a term and a
    /// colon, the term short and without a sentence of its own.
    fn glossary_entry(&self, k: usize) -> bool {
        let Some(m) = self.c[k].marker else {
            return false;
        };
        let rest = self.plain(k)[m.len..].trim_start();
        match rest.find(['：', ':']) {
            Some(p) => {
                let term = &rest[..p];
                !term.is_empty() && chars_le(term, 24) && !term.contains(['。', '，', '；'])
            }
            None => false,
        }
    }

    /// Reads notes from block `s` to `e`, with a note for each numbered line among them (the
    /// first says why they are not structure, the others only that they belong to it).
    pub(crate) fn notes(&self, s: usize, e: usize, log: &mut Log) -> (Notes, Vec<Diagnostic>) {
        // the numbered entries: on lines of their own, and the first after its label on the
        // label's line (`注：1、……`), which the canonical text puts on a line of its own
        let glued = (self.c[s].kind == Kind::NotesLabel)
            .then(|| {
                let t = self.text(s);
                let cut = notes_label(t).unwrap_or(t.len());
                let rest = &t[cut..];
                let trimmed = rest.trim_start();
                crate::numbering::marker(trimmed)
                    .map(|_| self.b[s].span_from(cut + rest.len() - trimmed.len()))
            })
            .flatten();
        let spans: Vec<_> = glued
            .into_iter()
            .chain(
                (s..e)
                    .filter(|&k| self.c[k].marker.is_some())
                    .map(|k| self.b[k].span()),
            )
            .collect();
        let numbered = spans.len();
        let mut diags: Vec<Diagnostic> = spans
            .into_iter()
            .enumerate()
            .map(|(i, span)| Diagnostic {
                code: "notes".into(),
                severity: Severity::Note,
                message: if i == 0 {
                    format!("{numbered} numbered notes after the body kept as notes, not as nodes")
                } else {
                    "entry".into()
                },
                span,
            })
            .collect();
        diags.shrink_to_fit();
        let mut notes = Notes {
            label: None,
            entries: Vec::new(),
            span: self.b[s].span(),
        };
        let mut k = s;
        if self.c[s].kind == Kind::NotesLabel {
            let t = self.text(s);
            let cut = notes_label(t).unwrap_or(t.len());
            notes.label = Some(t[..cut].to_string());
            let rest = &t[cut..];
            let trimmed = rest.trim_start();
            if !trimmed.is_empty() {
                let skip = cut + rest.len() - trimmed.len();
                notes.entries.push(Paragraph::at(
                    trimmed.to_string(),
                    self.b[s].span_from(skip),
                ));
            }
            k = s + 1;
        }
        log.note(self.b[s].span(), "notes", || {
            "notes after the body: explanations of terms, kept as notes, not as structure"
                .to_string()
        });
        while k < e {
            if self.c[k].is_blank() {
                k += 1;
                continue;
            }
            let mut p = Paragraph::at(self.text(k).to_string(), self.b[k].span());
            // a term on its own line (`1.“四上”企业：`) and its explanation on the next
            if self.c[k].marker.is_some() && self.text(k).ends_with(['：', ':']) {
                if let Some(x) = self.next_text(k + 1, e) {
                    if self.c[x].marker.is_none() {
                        p.text.push_str(self.text(x));
                        let end = self.b[x].span();
                        p.span.len = end.offset + end.len - p.span.offset;
                        k = x;
                    }
                }
            }
            notes.entries.push(p);
            k += 1;
        }
        (notes, diags)
    }
}

/// Marks the top-level nodes that hold the document's guarantees: a heading that names them
/// (保障, 组织实施, 组织领导), or the closing part headed as the requirements or responsibilities
/// of carrying the document out (工作要求, 落实责任…). A heading about a domain of substance (社会保障)
/// is not one.
pub(crate) fn mark_guarantees(nodes: &mut [Node], log: &mut Log) {
    let last = nodes.iter().rposition(|n| n.num.is_some());
    // (a document of one numbered part, or cut short after its first, has no closing part: its
    // one part opens it, `一、总体要求`)
    let first = nodes.iter().position(|n| n.num.is_some());
    let count = nodes.len();
    for (i, n) in nodes.iter_mut().enumerate() {
        // the guarantees close a document: a part in its first half is a matter of substance
        // whatever its heading names (`五、……强化劳动者权益保障` of ten)
        if count >= 4 && (i + 1) * 2 <= count {
            continue;
        }
        let Some(h) = n.heading.as_ref().map(|h| h.text.as_str()) else {
            continue;
        };
        let names = names_guarantees(h);
        // the closing part, about carrying the document out: its requirements, leadership,
        // responsibilities, supervision
        let is_closing = Some(i) == last && last != first && n.kind != NodeKind::Measure;
        let headed_as_closing = ["要求", "责任", "保障措施", "组织保障", "工作保障"]
            .iter()
            .any(|w| h.ends_with(w))
            || ["加强领导", "强化领导"].iter().any(|w| h.contains(w))
            || h.ends_with("领导");
        // (or only as carrying out what it says: `认真落实……各项工作措施`)
        let carrying_out = ["落实", "督查", "督促"].iter().any(|w| h.contains(w));
        let closing_part = is_closing && (headed_as_closing || carrying_out);
        if !names && !headed_as_closing && closing_part {
            // a closing part headed only as carrying its measures out (`认真落实……各项工作措施`)
            // whose section names the safeguards (`加强组织保障`): that section holds them
            let named: Vec<usize> = (0..n.children.len())
                .filter(|&c| {
                    n.children[c]
                        .heading
                        .as_ref()
                        .is_some_and(|x| names_guarantees(&x.text))
                })
                .collect();
            if !named.is_empty() {
                for c in named {
                    let child = &mut n.children[c];
                    child.guarantees = true;
                    let heading = child
                        .heading
                        .as_ref()
                        .map_or("", |x| x.text.as_str())
                        .to_string();
                    log.note(child.span, "guarantees", || {
                        format!("`{heading}` holds the guarantees: its heading names them, in a closing part headed only as carrying the document out")
                    });
                }
                continue;
            }
        }
        if names || closing_part && !of_substance(h) {
            n.guarantees = true;
            let heading = h.to_string();
            log.note(n.span, "guarantees", || {
                format!(
                    "`{heading}` holds the guarantees: {}",
                    if names {
                        "its heading names them"
                    } else {
                        "it is the closing part, about carrying the document out"
                    }
                )
            });
        }
    }
}

/// Domains of substance a heading may end in (`……强化劳动者社会保障`): not the safeguards of
/// carrying the document out.
const SUBSTANCE: [&str; 8] = [
    "社会保障",
    "医疗保障",
    "住房保障",
    "民生保障",
    "生活保障",
    "养老保障",
    "就业保障",
    "安全保障",
];

/// True when a clause of heading `h` ends in a domain of substance ([`SUBSTANCE`]).
fn of_substance(h: &str) -> bool {
    h.split(['，', ','])
        .any(|c| SUBSTANCE.iter().any(|w| c.ends_with(w)))
}

/// True when heading `h` names the guarantees: 组织实施, 组织领导, 实施保障, 组织保障, or a clause
/// that ends in 保障 (保障措施, 保障机制, 保障工作) without an attribute (`X的政策保障`: the support
/// X gets) and is no domain of substance (社会保障, 医疗保障…).
fn names_guarantees(h: &str) -> bool {
    let names_them = |c: &str| {
        !c.contains('的')
            && (c.ends_with("保障")
                || c.ends_with("保障措施")
                || c.ends_with("保障机制")
                || c.ends_with("保障工作"))
    };
    (h.contains("组织实施")
        || h.contains("组织领导")
        || h.split(['，', ',']).any(names_them)
        || h.contains("实施保障")
        || h.contains("组织保障"))
        && !of_substance(h)
}
