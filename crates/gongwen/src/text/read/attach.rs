//! Attachments (附件 labels, each with its printed title) and the documents a notice issues or
//! forwards (a title after the closing block that the notice names in 《》), each read as a
//! document of its own.

use super::classify::Kind;
use super::explain::Log;
use super::meta::derive_issuers;
use super::runs::{list_note, ListKind};
use super::Reader;
use crate::model::{Attachment, Diagnostic, Document, Paragraph, Span};
use crate::text::rules::{chars_gt, chars_le, squeeze, title_kind};

/// The title of an attachment that is a table or a list (汇总表, 名单, 考核指标): its numbered
/// rows are not structure.
fn is_tabular_title(t: &str) -> bool {
    // (a count in brackets after it: `……目录(28件)`)
    let t = t
        .strip_suffix(['）', ')'])
        .and_then(|x| x.rfind(['（', '(']).map(|p| &x[..p]))
        .filter(|x| chars_le(&t[x.len()..], 8))
        .unwrap_or(t);
    ["表", "清单", "名单", "名录", "目录", "一览", "指标", "明细"]
        .iter()
        .any(|w| t.ends_with(w))
}

/// `附件：某某名录`: the one attachment's label with its title on the same line, unnumbered
/// (a number, 0, stands for none); not a list of attachments (`附件：1.……`).
fn unnumbered_label_title(t: &str) -> Option<(u32, &str, &str)> {
    let rest = t.strip_prefix("附件")?;
    let colon = rest.strip_prefix(['：', ':'])?;
    let title = colon.trim_matches(crate::text::rules::is_space);
    let end = t.len() - colon.len();
    (!title.is_empty()
        && chars_le(title, 60)
        && !title.contains(['。', '；', '，'])
        && crate::numbering::marker(title).is_none())
    .then_some((0, &t[..end], title))
}

impl Reader<'_, '_> {
    /// The title of an attachment page, which web pages may split into fragments
    /// (`天津市` / `2023` / `年……汇总表`): its last block and the joined text.
    fn attachment_title(&self, k: usize, end: usize) -> Option<(usize, String)> {
        const ENDINGS: &[&str] = &[
            "表", "单", "目录", "清单", "名录", "指标", "要点", "一览", "明细", "汇编", "图",
            "注释", "解释",
        ];
        let mut text = String::new();
        let mut j = k;
        for _ in 0..6 {
            let t = self.text(j);
            let c = &self.c[j];
            if t.is_empty()
                || chars_gt(t, 40)
                || c.sentence
                || t.contains(['，', '。'])
                || c.marker.is_some()
                || c.kind == Kind::AttachmentLabel
            {
                return None;
            }
            text.push_str(t);
            if chars_gt(&text, 80) {
                return None;
            }
            if ENDINGS.iter().any(|e| text.ends_with(e)) || title_kind(&text).is_some() {
                return Some((j, text));
            }
            j = self.next_text(j + 1, end)?;
        }
        None
    }

    /// True when block `k` can be an attachment's title line: short, no sentence, no number,
    /// no label.
    fn title_line_alone(&self, k: usize) -> bool {
        !self.c[k].sentence
            && chars_le(self.text(k), 60)
            && self.c[k].marker.is_none()
            && self.c[k].kind != Kind::AttachmentLabel
    }

    /// Reads one attachment or forwarded document starting at block `s`.
    pub(crate) fn attachment(
        &self,
        s: usize,
        end: usize,
        quoted: &[String],
        listed: &[String],
        log: &mut Log,
    ) -> (Attachment, usize, Vec<Diagnostic>) {
        let mut pos = s;
        let mut att = Attachment {
            label: None,
            num: None,
            content: Document::default(),
            span: self.b[s].span(),
        };
        let mut title_text = None;
        let mut title_lines = Vec::new();
        if let Some(num) = self.c[s].attachment {
            let mut label = self.text(s).to_string();
            att.num = num;
            pos = s + 1;
            // `附件` with its number on the next line, as web pages split it
            if num.is_none() {
                if let Some(k) = self.next_text(pos, end) {
                    let t = self.text(k);
                    if !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) {
                        att.num = t.parse().ok();
                        label.push('\n');
                        label.push_str(t);
                        pos = k + 1;
                    }
                }
            }
            // `附件1：某某目录`: the title on the label's line
            let same_line = crate::text::rules::label_with_title(self.text(s))
                .filter(|_| crate::text::rules::attachment_label(self.text(s)).is_none());
            if let Some((_, l, t)) = same_line {
                label = l.to_string();
                title_text = Some(t.to_string());
            }
            att.label = Some(label);
            // (else the title on the lines after the label)
            if let Some(k) = self.next_text(pos, end).filter(|_| same_line.is_none()) {
                let t = self.text(k);
                if let Some((last, text)) = self.attachment_title(k, end) {
                    title_lines = self.title_lines(k, last, &text);
                    title_text = Some(text);
                    pos = last + 1;
                } else if let Some(ti) = self.title_at(k, end) {
                    title_lines = self.title_lines(ti.first, ti.last, &ti.text);
                    title_text = Some(ti.text);
                    pos = ti.last + 1;
                } else if self.title_line_alone(k) {
                    // a title broken after a word that cannot end one (`……口岸区的` /
                    // `查验区界址点坐标`) goes on on the next line
                    let mut text = t.to_string();
                    let mut last = k;
                    // (or the title the closing's list gives goes on there: `促进……服务发展` /
                    // `工作部门职责分工` under `附件：促进……服务发展工作部门职责分工`)
                    let goes_on = |text: &str, next: &str| {
                        listed.iter().any(|l| {
                            l.len() > text.len()
                                && l.starts_with(text)
                                && l[text.len()..].starts_with(next)
                        })
                    };
                    while (text.ends_with(['的', '和', '及', '与', '或'])
                        || self
                            .next_text(last + 1, end)
                            .is_some_and(|j| goes_on(&text, self.text(j))))
                        && chars_le(&text, 80)
                    {
                        match self
                            .next_text(last + 1, end)
                            .filter(|&j| self.title_line_alone(j))
                        {
                            Some(j) => {
                                text.push_str(self.text(j));
                                last = j;
                            }
                            None => break,
                        }
                    }
                    if last > k {
                        title_lines = self.title_lines(k, last, &text);
                    }
                    title_text = Some(text);
                    pos = last + 1;
                }
            }
        } else if let Some((_, label, title)) = unnumbered_label_title(self.text(s)) {
            // `附件：某某名录` after the closing block: the one attachment, its title on the line
            att.label = Some(label.to_string());
            title_text = Some(title.to_string());
            pos = s + 1;
        } else if let Some(ti) = self.title_at(s, end) {
            title_lines = self.title_lines(ti.first, ti.last, &ti.text);
            title_text = Some(ti.text);
            pos = ti.last + 1;
        } else if self.title_line_alone(s)
            && quoted.iter().any(|q| squeeze(q) == squeeze(self.text(s)))
        {
            // the title the cover letter names in 《》, whatever it ends in (`……若干政策`)
            title_text = Some(self.text(s).to_string());
            pos = s + 1;
        } else if crate::text::rules::placed_title(self.text(s))
            && self
                .next_text(s + 1, end)
                .is_some_and(|k| self.c[k].marker.is_some())
        {
            // a title-like line right above the first heading of the text after the closing
            // block is its title, though it ends in no genre word (`……公示制度(试行)`)
            title_text = Some(self.text(s).to_string());
            pos = s + 1;
        }
        log.note(self.b[s].span(), "attachment", || {
            match (&att.label, &title_text) {
                (Some(l), Some(t)) => format!("attachment `{}` titled `{t}`", l.replace('\n', "")),
                (Some(l), None) => format!("attachment `{}` without a title", l.replace('\n', "")),
                (None, Some(t)) => format!(
                    "`{t}` is a document the notice issues or forwards (named in 《》 above)"
                ),
                (None, None) => {
                    "text after the closing block, kept as a document of its own".to_string()
                }
            }
        });
        // the content runs to the next attachment label or the next forwarded title
        let mut stop = end;
        let mut k = pos;
        let squeezed: Vec<String> = quoted.iter().map(|q| squeeze(q)).collect();
        while k < end {
            if !self.c[k].is_blank() && k > pos {
                let is_label =
                    self.c[k].kind == Kind::AttachmentLabel || self.repeats_list_line(pos, k);
                // (a title named above opens with this line: most lines open none, and need not
                // be read on as a title)
                let opens_one = || {
                    let first = squeeze(self.text(k));
                    squeezed.iter().any(|q| q.starts_with(&first))
                };
                let is_quoted = self.c[k].title_piece
                    && opens_one()
                    && self
                        .title_at(k, end)
                        .is_some_and(|ti| squeezed.iter().any(|q| *q == squeeze(&ti.text)))
                    && title_text
                        .as_deref()
                        .is_none_or(|tt| squeeze(tt) != squeeze(self.text(k)));
                if is_label || is_quoted {
                    stop = k;
                    break;
                }
            }
            k += 1;
        }
        let mut content = Document::default();
        content.meta.title = title_text;
        content.meta.title_lines = title_lines;
        // a table or a list of names: its numbered rows are not structure; rows numbered on
        // two levels or more whose most entries hold a sentence (`……。（6月底完成，牵头单位：
        // ……）`) are a text of tasks set out under headings, whatever the title calls it
        let numbered: Vec<usize> = (pos..stop)
            .filter(|&x| self.c[x].marker.is_some())
            .collect();
        let levels = numbered
            .iter()
            .filter_map(|&x| self.c[x].marker.map(|m| m.kind))
            .fold(Vec::new(), |mut v, kind| {
                if !v.contains(&kind) {
                    v.push(kind);
                }
                v
            });
        // (the rows of the level most numbered: a table's rows, or the entries under headings)
        let rows_of = |kind| {
            numbered
                .iter()
                .filter(move |&&x| self.c[x].marker.is_some_and(|m| m.kind == kind))
        };
        let prose = levels.len() >= 2
            && levels
                .iter()
                .max_by_key(|&&kind| rows_of(kind).count())
                .is_some_and(|&kind| {
                    let sentences = rows_of(kind)
                        .filter(|&&x| self.text(x).contains(['。', '；']))
                        .count();
                    sentences * 2 > rows_of(kind).count()
                });
        if !prose && content.meta.title.as_deref().is_some_and(is_tabular_title) {
            content.preamble = (pos..stop)
                .filter(|&x| !self.c[x].is_blank())
                .map(|x| Paragraph::at(self.text(x).to_string(), self.b[x].span()))
                .collect();
            att.content = content;
            let rows: Vec<usize> = (pos..stop)
                .filter(|&x| self.c[x].marker.is_some())
                .collect();
            let notes = rows
                .iter()
                .enumerate()
                .map(|(i, &x)| {
                    let m = self.c[x].marker.as_ref().map_or(0, |m| m.len);
                    let span = Span {
                        len: m,
                        ..self.b[x].span()
                    };
                    list_note(span, ListKind::Table, rows.len(), i == 0)
                })
                .collect();
            return (att, stop, notes);
        }
        let head_end = if content.meta.title.is_some() {
            // what the head sets aside is in the attachment's residue already
            self.head(&mut content, pos, stop, &mut Vec::new())
        } else {
            pos
        };
        let parsed = self.body(head_end, stop, false, log);
        content.preamble = parsed.preamble;
        content.body = parsed.nodes;
        content.notes = parsed.notes;
        content.closing = parsed.closing;
        if let Some(t) = &content.meta.title {
            content.meta.kind = title_kind(t).unwrap_or_default();
        }
        let mut diags = parsed.diagnostics;
        // anything after the closing of an attachment that is not another attachment stays in it
        let mut from = parsed.end;
        while from < stop && self.next_text(from, stop).is_some() {
            let extra = self.body(from, stop, false, log);
            content.preamble.extend(extra.preamble);
            content.body.extend(extra.nodes);
            if let Some(n) = extra.notes {
                match &mut content.notes {
                    Some(have) => {
                        // a second notes block: its label is kept as a note of its own
                        if let Some(label) = n.label {
                            have.entries.push(Paragraph::at(label, n.span));
                        }
                        have.entries.extend(n.entries);
                    }
                    None => content.notes = Some(n),
                }
            }
            content.closing.extend(extra.closing);
            diags.extend(extra.diagnostics);
            if extra.end <= from {
                break;
            }
            from = extra.end;
        }
        derive_issuers(&mut content);
        att.content = content;
        (att, stop, diags)
    }
}
