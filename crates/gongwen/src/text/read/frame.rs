//! The frame: where the document stands among the page around it. Its title (one to several
//! lines ending in a genre word), the lines above it (metadata box, publication lines, a news
//! lead, chrome) and below it (the footer from the first chrome line after the body), and the
//! head under the title (document number, adoption line, subtitle lines, addressee).

use super::classify::Kind;
use super::explain::Log;
use super::Reader;
use crate::model::{Adoption, Document, ResidueRole};
use crate::numbering::Style;
use crate::text::rules::{
    adoption, balanced, chars_ge, chars_le, dated_title, fold_width, is_nav_piece, is_signature,
    lead_meeting, lead_quoted_title, placed_title, title_kind, title_number, title_shape, unspace,
    wrapped_title,
};

/// A title: the blocks it spans and its joined text.
#[derive(Debug, Clone)]
pub(crate) struct TitleAt {
    pub first: usize,
    pub last: usize,
    pub text: String,
}

/// Where the document is.
#[derive(Debug)]
pub(crate) struct Frame {
    pub title: Option<TitleAt>,
    /// True when the title was found by its place above the head, not by a genre word.
    pub placed: bool,
    /// The document number when it stands above the title, not under it.
    pub number_above: Option<usize>,
    /// The first block of the document (its title, or its first paragraph).
    pub start: usize,
    /// The block after the document's last.
    pub end: usize,
    /// Blocks around the document, with what they are.
    pub residue: Vec<(usize, ResidueRole)>,
    /// A title read from a news lead, when the document has no title line.
    pub lead_title: Option<String>,
    /// Where the page's content region ended the document, with the number of blocks after it
    /// that read as body text.
    pub region_cut: Option<(usize, usize)>,
}

/// Most pieces a title is printed in (web pages break one at every inline element).
const TITLE_PIECES: usize = 10;

impl Reader<'_, '_> {
    /// True when the non-blank block before `i` is a breadcrumb separator (`>`, `›`, or `|` on
    /// a line of its own). A bar of items that ends in `|` (`字号：大 中 小 | 打印 |`) is a
    /// toolbar, not a trail that the next line continues.
    fn after_breadcrumb(&self, i: usize) -> bool {
        let before: Vec<usize> = (0..i)
            .rev()
            .filter(|&k| !self.c[k].is_blank())
            .take(2)
            .collect();
        let crumb = |k: usize| {
            let t = self.text(k);
            // (a markup comment, `<!-- INFO END -->`, ends in `>` and is no separator)
            (t.ends_with(['>', '›', '»']) || t.ends_with("&gt;")) && !t.starts_with("<!--")
                || t.trim() == "|"
        };
        // a separator just above, or two above with a repeat of this line between (a
        // breadcrumb's last link and the same words as the page's section heading)
        before.first().is_some_and(|&k| crumb(k))
            || before.len() == 2 && crumb(before[1]) && self.text(before[0]) == self.text(i)
    }

    /// A title starting at block `i`: up to ten short pieces ending in a genre word.
    pub(crate) fn title_at(&self, i: usize, end: usize) -> Option<TitleAt> {
        let mut text = String::new();
        let mut j = i;
        for n in 0..TITLE_PIECES {
            // (a compilation's number before the title of each of its documents, `4. ……关于印发`
            // on the text's first line, is no piece of the title)
            let compiled = (n == 0).then(|| self.compiled_number(j)).flatten();
            let t = &self.plain(j)[compiled.unwrap_or(0)..];
            // (a bracket alone on its line, where a page broke a title at an inline element,
            // `关于转发《……关于印发` / `<` / `……> 的通知》的通知`, is a piece of it)
            let bracket = n > 0 && t.chars().all(|c| "<>〈〉《》“”‘’「」『』".contains(c));
            // a bracketed note (`（此件公开发布）`, `（试行）`) may end a title, never open one;
            // a breadcrumb (`首页 -> 政务公开 -> 公告`) is none, whatever its last word
            if !self.c[j].title_piece && !bracket && compiled.is_none()
                || n == 0 && self.c[j].kind == Kind::Note
                || t.contains(['›', '»', '＞'])
                || t.contains('>') && !text.contains('<') && !t.contains('<')
            {
                return None;
            }
            // more than four pieces only when they are fragments (a web page's inline spans)
            if n >= 4 && !chars_le(t, 12) {
                return None;
            }
            // the pieces of a title split over lines are never navigation, and a title does
            // not begin right after a breadcrumb separator (a breadcrumb ends in the page's
            // section, `通知公告`)
            let split = j > i || title_kind(&unspace(t)).is_none();
            if split && is_nav_piece(t) && !bracket || j == i && self.after_breadcrumb(i) {
                return None;
            }
            text.push_str(&unspace(t));
            if chars_ge(&text, 4) && title_kind(&text).is_some() && balanced(&text) {
                // (the date a compilation prints after a title is the document's, not its title's)
                if let Some(undated) = dated_title(&text) {
                    text.truncate(undated.len());
                }
                return Some(TitleAt {
                    first: i,
                    last: j,
                    text,
                });
            }
            if !chars_le(&text, 120) {
                return None;
            }
            j = self.next_text(j + 1, end)?;
            // a title may be split over lines separated by one blank line, not more
            if j >= 2 && self.c[j - 1].is_blank() && self.c[j - 2].is_blank() {
                return None;
            }
        }
        None
    }

    /// The length of the number a compilation prints before the title of each of its documents
    /// (`4. 宁夏……关于印发……`), with the blanks after it: an Arabic item number on the text's
    /// first line, before words of a title's shape.
    fn compiled_number(&self, j: usize) -> Option<usize> {
        let m = self.c[j].marker?;
        let rest = self.plain(j).get(m.len..)?;
        let first = (0..j).all(|k| self.c[k].is_blank() || self.c[k].chrome);
        (first && m.style == Style::Arabic && title_shape(rest.trim_start()))
            .then(|| self.plain(j).len() - rest.trim_start().len())
    }

    /// The document's own title a line or two under a page's headline (a law database's):
    /// the headline without the note it adds (`……规定(2002年)`, then the issuer, then `……规定`),
    /// or the title of the notice that carries what the headline names (`关于批转……规定的通知`).
    fn own_title_below(&self, t: &TitleAt, end: usize) -> Option<TitleAt> {
        let named = t
            .text
            .strip_suffix(['）', ')'])
            .and_then(|x| x.rfind(['（', '(']).map(|p| &t.text[..p]))
            .filter(|x| chars_le(&t.text[x.len()..], 16) && chars_ge(x, 4))
            .unwrap_or(&t.text);
        let mut k = t.last + 1;
        for _ in 0..3 {
            k = self.next_text(k, end)?;
            let c = &self.c[k];
            if c.marker.is_some() || c.sentence {
                return None;
            }
            if let Some(own) = self.title_at(k, end) {
                // (not the headline again, an issuer's line joined before it)
                // (the same title printed again, its brackets or dashes of the other width:
                // the database's print above, the document's own under it)
                let again = own.text.ends_with(t.text.as_str());
                let reprinted = fold_width(&own.text) == fold_width(&t.text);
                return (!again && (own.text.contains(named) || reprinted)).then_some(own);
            }
            k += 1;
        }
        None
    }

    /// A title a news page prints after a place and a colon (`北京：关于印发……的通知`), on the
    /// first line of the page's text: the title without them (the line is kept as printed).
    fn title_after_place(&self, i: usize) -> Option<TitleAt> {
        let c = &self.c[i];
        if c.kind != Kind::Text || c.chrome || self.next_text(0, i + 1) != Some(i) {
            return None;
        }
        let title = crate::text::rules::placed_after_colon(self.text(i))?;
        Some(TitleAt {
            first: i,
            last: i,
            text: unspace(title),
        })
    }

    /// A title a page prints whole in 《》 on a line of its own, its number glued in front or
    /// not (`京政办发〔2016〕26号《……的通知》`): the line, as printed.
    fn wrapped_title_at(&self, i: usize) -> Option<TitleAt> {
        let c = &self.c[i];
        let t = self.text(i);
        if c.chrome || c.marker.is_some() || c.kind == Kind::Publication || self.after_breadcrumb(i)
        {
            return None;
        }
        let text = unspace(t);
        wrapped_title(&text)?;
        Some(TitleAt {
            first: i,
            last: i,
            text,
        })
    }

    /// A title found by its place where no line ends in a genre word: the one to four title-like
    /// lines right above the addressee (`各区人民政府：`), or above the document number when
    /// there is no addressee, before the first paragraph. A document number between them and
    /// the addressee is passed over (a web copy sets it under the title); one above them, or an
    /// issuer mark (`X文件`), ends them.
    fn title_by_place(&self, end: usize) -> Option<TitleAt> {
        let page = |k: usize| {
            let c = &self.c[k];
            c.chrome || matches!(c.kind, Kind::BoxField | Kind::BoxValue | Kind::Publication)
        };
        let body = (0..end)
            .find(|&k| {
                let c = &self.c[k];
                c.marker.is_some() || c.sentence && chars_ge(self.text(k), 20) && !page(k)
            })
            .unwrap_or(end);
        let addressee = (0..body).rev().find(|&k| {
            let t = self.text(k);
            let c = &self.c[k];
            t.ends_with(['：', ':'])
                && chars_le(t, 150)
                && !t.contains('。')
                && c.marker.is_none()
                && !page(k)
                && c.kind != Kind::NotesLabel
        });
        let anchor =
            addressee.or_else(|| (0..body).find(|&k| self.c[k].kind == Kind::DocNumber))?;
        let mut pieces: Vec<usize> = Vec::new();
        let mut k = anchor;
        while k > 0 {
            k -= 1;
            if self.c[k].is_blank() {
                // a title is split over lines separated by one blank line, not more
                if k > 0 && self.c[k - 1].is_blank() {
                    break;
                }
                continue;
            }
            let t = self.plain(k);
            if self.c[k].kind == Kind::DocNumber && pieces.is_empty() {
                continue;
            }
            let issuer_mark = !pieces.is_empty() && t.ends_with("文件");
            if !self.c[k].title_piece || page(k) || issuer_mark || pieces.len() == 4 {
                break;
            }
            pieces.push(k);
        }
        let (&last, &first) = (pieces.first()?, pieces.last()?);
        if self.after_breadcrumb(first) || pieces.iter().any(|&k| is_nav_piece(self.plain(k))) {
            return None;
        }
        let text: String = pieces
            .iter()
            .rev()
            .map(|&k| unspace(self.plain(k)))
            .collect();
        placed_title(&text).then_some(TitleAt { first, last, text })
    }

    /// Finds the document in the page: title, start, end and the residue around.
    pub(crate) fn frame(&self, log: &mut Log) -> Frame {
        let n = self.b.len();
        let first_marker = (0..n).find(|&i| {
            self.c[i]
                .marker
                .is_some_and(|m| m.kind == crate::model::NodeKind::Part)
        });
        let search_end = first_marker.unwrap_or(n);
        let mut title: Option<TitleAt> = None;
        let mut i = 0;
        while i < search_end {
            if !self.c[i].is_blank() && !matches!(self.c[i].kind, Kind::BoxField | Kind::BoxValue) {
                if let Some(mut t) = self
                    .title_at(i, search_end)
                    .or_else(|| self.wrapped_title_at(i))
                    .or_else(|| self.title_after_place(i))
                {
                    // an issuer mark line above a title that opens with 关于 is not part of it
                    // (a title of the form `X转发Y关于……` or `X印发……` is one title)
                    // (a title of the form `X转发Y关于……`, or `X、Y关于……` with its issuers
                    // joined on one line, is one title: an issuer mark names one organ a line)
                    // (an issuer mark is the organs one a line, or `X文件`; one organ's name on
                    // the line above `关于……` is the title's first line, and so are `X转发Y` and
                    // `X、Y` with the issuers joined)
                    let guanyu = (t.first..=t.last).find(|&k| self.plain(k).starts_with("关于"));
                    let before: Vec<usize> = (t.first..guanyu.unwrap_or(t.first))
                        .filter(|&k| !self.c[k].is_blank())
                        .collect();
                    let whole_title = before.iter().any(|&k| {
                        let x = self.plain(k);
                        x.contains("转发")
                            || x.contains("批转")
                            || x.contains("印发")
                            || x.contains('、')
                    }) || before.len() == 1
                        && !self.plain(before[0]).ends_with("文件");
                    if !whole_title && !self.plain(t.first).contains("关于") {
                        let later =
                            (t.first + 1..=t.last).find(|&k| self.plain(k).starts_with("关于"));
                        if let Some(r) = later.and_then(|k| self.title_at(k, search_end)) {
                            t = r;
                        }
                    }
                    // a page's headline, with the publication lines under it, above the
                    // document's own title: the document's title is the one under them
                    let page = |k: usize| {
                        self.c[k].chrome
                            || matches!(
                                self.c[k].kind,
                                Kind::Publication | Kind::BoxField | Kind::BoxValue
                            )
                    };
                    if let Some(a) = self.next_text(t.last + 1, search_end).filter(|&a| page(a)) {
                        let mut k = a;
                        // (the document number may stand between them and the title)
                        while k < search_end
                            && (self.c[k].is_blank()
                                || page(k)
                                || self.c[k].kind == Kind::DocNumber)
                        {
                            k += 1;
                        }
                        if k < search_end {
                            if let Some(later) = self.title_at(k, search_end) {
                                log.note(self.b[t.first].span(), "title", || {
                                    format!(
                                        "`{}` is the page's headline: publication lines stand under it, and the document's own title under them",
                                        t.text
                                    )
                                });
                                t = later;
                            }
                        }
                    }
                    if let Some(own) = self.own_title_below(&t, search_end) {
                        log.note(self.b[t.first].span(), "title", || {
                            format!(
                                "`{}` is the page's headline: the document's own title, `{}`, stands under it without its note",
                                t.text, own.text
                            )
                        });
                        t = own;
                    }
                    title = Some(t);
                    break;
                }
            }
            i += 1;
        }
        let mut placed = false;
        if title.is_none() {
            title = self.title_by_place(search_end);
            if let Some(t) = &title {
                placed = true;
                log.note(self.b[t.first].span(), "title", || {
                    format!(
                        "`{}` is the title by its place: the lines right above the document number or the addressee, though it ends in no genre word",
                        t.text
                    )
                });
            }
        }
        // the document number printed above the title (the official layout: issuer mark,
        // number, a rule, then the title), blank lines between
        let number_above = title.as_ref().and_then(|t| {
            let k = (0..t.first).rev().find(|&k| !self.c[k].is_blank())?;
            (self.c[k].kind == Kind::DocNumber).then_some(k)
        });
        let mut residue: Vec<(usize, ResidueRole)> = Vec::new();
        let start;
        let mut lead_title: Option<String> = None;
        if let Some(t) = &title {
            start = t.first;
            log.note(self.b[t.first].span(), "title", || {
                format!(
                    "`{}` is the title: the first line{} before the body that end{} in a genre word",
                    t.text,
                    if t.last > t.first { "s" } else { "" },
                    if t.last > t.first { "" } else { "s" },
                )
            });
        } else {
            start = self.start_without_title(first_marker);
            for k in 0..start {
                if let Some(x) = lead_quoted_title(self.text(k)) {
                    lead_title = Some(x);
                }
            }
            if start < n {
                log.note(self.b[start].span(), "document-start", || {
                    "no title line: the document starts with its first paragraph".to_string()
                });
            }
        }
        for k in 0..start {
            if self.c[k].is_blank() || Some(k) == number_above {
                continue;
            }
            let t = self.text(k);
            let role = match self.c[k].kind {
                Kind::BoxField | Kind::BoxValue => ResidueRole::MetadataBox,
                Kind::Publication => ResidueRole::Publication,
                _ if lead_quoted_title(t).is_some() || lead_meeting(t).is_some() => {
                    ResidueRole::Lead
                }
                _ => ResidueRole::Chrome,
            };
            residue.push((k, role));
        }
        // the end of the document: the first chrome line after the body has begun
        let mut end = n;
        let mut region_cut = None;
        let mut seen_body = false;
        // markers and sentences from each block on, counted when first asked
        let mut after: Option<Vec<(u32, u32)>> = None;
        for k in start..n {
            let c = &self.c[k];
            if c.is_blank() {
                continue;
            }
            // past the page's content region (by the page's markup), nothing is the document's
            // but the signature and date that a page may set in a block of their own after it
            let signs = || {
                let t = self.text(k);
                c.date.is_some()
                    || is_signature(t)
                        && self
                            .next_text(k + 1, n)
                            .is_some_and(|j| self.c[j].date.is_some() || is_signature(self.text(j)))
            };
            if seen_body && self.b[k].span().offset >= self.content_end && !signs() {
                end = k;
                // running text past the region (not a list of links: titles, no sentences)
                let body_like = (k..n).filter(|&x| self.running_text(x)).count();
                region_cut = Some((k, body_like));
                log.note(self.b[k].span(), "document-end", || {
                    format!(
                        "`{}` is past the page's content region: the document ends above it",
                        self.text(k)
                    )
                });
                break;
            }
            // a markup comment (`<!-- INFO END -->`) stands between parts of a page, not at its foot
            // (and so does a Markdown container's fence that opens on the document's text:
            // `::: right` above a signature, a date, a numbered or running paragraph)
            let comment = self.text(k).starts_with("<!--")
                || crate::text::rules::is_container_fence(self.text(k))
                    && self.next_text(k + 1, n).is_some_and(|j| {
                        let t = self.text(j);
                        self.c[j].date.is_some()
                            || self.c[j].marker.is_some()
                            || is_signature(t) && t.chars().any(crate::text::rules::is_cjk)
                            || self.running_text(j)
                    });
            // a line that reads as chrome (`技术支持`) with numbered text after it, sentences
            // and markers five or more of each: the page's foot is further down
            let mut goes_on = || {
                let rest = after.get_or_insert_with(|| {
                    let mut counts = vec![(0u32, 0u32); n + 1];
                    for x in (start..n).rev() {
                        let (m, s) = counts[x + 1];
                        let cx = &self.c[x];
                        counts[x] = (
                            m + u32::from(cx.marker.is_some()),
                            s + u32::from(self.running_text(x)),
                        );
                    }
                    counts
                });
                let (m, s) = rest[k + 1];
                m >= 5 && s >= 5
            };
            if c.chrome && seen_body && !comment {
                if goes_on() {
                    log.note(self.b[k].span(), "document-end", || {
                        format!(
                            "`{}` reads as page chrome, but numbered text goes on below it: the document does not end there",
                            self.text(k)
                        )
                    });
                    continue;
                }
                end = k;
                log.note(self.b[k].span(), "document-end", || {
                    format!(
                        "`{}` is page chrome: the document ends above it",
                        self.text(k)
                    )
                });
                break;
            }
            if title.as_ref().is_none_or(|ti| k > ti.last)
                && (c.marker.is_some() || self.running_text(k))
            {
                seen_body = true;
            }
        }
        // a Markdown rule (`---`) as the document's last line parts it from the page's foot:
        // the foot's markup, not the document's text
        while let Some(k) = (start..end).rev().find(|&k| !self.c[k].is_blank()) {
            if k > start && crate::text::rules::is_thematic_break(self.text(k)) {
                end = k;
            } else {
                break;
            }
        }
        for k in end..n {
            if !self.c[k].is_blank() {
                let role = if self.c[k].kind == Kind::Publication {
                    ResidueRole::Publication
                } else {
                    ResidueRole::Chrome
                };
                residue.push((k, role));
            }
        }
        Frame {
            title,
            placed,
            number_above,
            start,
            end,
            residue,
            lead_title,
            region_cut,
        }
    }

    /// Where a document without a title line starts (a news page that reports it): the run of
    /// paragraphs just above its first numbered part, else its first paragraph.
    fn start_without_title(&self, first_marker: Option<usize>) -> usize {
        let n = self.b.len();
        let any_marker = first_marker.or_else(|| (0..n).find(|&i| self.c[i].marker.is_some()));
        let page = |k: usize| {
            let c = &self.c[k];
            c.chrome || matches!(c.kind, Kind::BoxField | Kind::BoxValue | Kind::Publication)
        };
        let Some(anchor) = any_marker else {
            // no numbered body: the first paragraph-like line after the chrome, else the first
            // line that is not page matter
            return (0..n)
                .find(|&k| self.c[k].sentence && chars_ge(self.text(k), 20) && !page(k))
                .or_else(|| (0..n).find(|&k| !self.c[k].is_blank() && !page(k)))
                .unwrap_or(n);
        };
        let mut s = anchor;
        let mut k = anchor;
        while k > 0 {
            k -= 1;
            if self.c[k].is_blank() {
                continue;
            }
            if self.c[k].sentence && chars_ge(self.text(k), 20) && !page(k) {
                s = k;
            } else {
                break;
            }
        }
        s
    }

    /// Reads the head after the title: number, adoption line, subtitle lines, addressee.
    /// Page matter inside the head (publication lines and page widgets a web page sets under
    /// the title, a markup comment) goes to the document's residue, and its blocks with their
    /// roles to `aside`.
    pub(crate) fn head(
        &self,
        doc: &mut Document,
        mut pos: usize,
        end: usize,
        aside: &mut Vec<(usize, ResidueRole)>,
    ) -> usize {
        while let Some(k) = self.next_text(pos, end) {
            let t = self.text(k);
            let c = &self.c[k];
            // a markup comment inside the head (`<!-- INFO END -->` between history and text),
            // a publication line or a page widget under the title (`来源：…`, `浏览量：`), the
            // title or the number printed again (a page's headline, then the document's own)
            let u = unspace(t);
            let again = || {
                // (a repeat may leave out the 《》 of the title it repeats)
                let bare = |x: &str| x.replace(['《', '》', '〈', '〉'], "");
                let title = doc.meta.title.as_deref().map(bare);
                let same = |x: &str| title.as_deref() == Some(bare(x).as_str());
                same(&u)
                    || title_number(&u).is_some_and(|(rest, _)| same(rest))
                    || c.kind == Kind::DocNumber
                        && doc
                            .meta
                            .number
                            .as_ref()
                            .is_some_and(|n| unspace(&n.text) == u)
            };
            let matter = matches!(
                c.kind,
                Kind::Chrome | Kind::Publication | Kind::BoxField | Kind::BoxValue
            );
            if matter || again() {
                // a repeat that prints the number with the title gives the number
                if doc.meta.number.is_none() && c.kind == Kind::Text {
                    if let Some((_, n)) = title_number(&u) {
                        doc.meta.number = crate::text::rules::doc_number(n);
                    }
                }
                let role = match c.kind {
                    Kind::Publication => ResidueRole::Publication,
                    Kind::BoxField | Kind::BoxValue => ResidueRole::MetadataBox,
                    _ => ResidueRole::Chrome,
                };
                doc.residue.push(crate::model::Residue {
                    role,
                    text: t.to_string(),
                    span: self.b[k].span(),
                });
                aside.push((k, role));
                pos = k + 1;
                continue;
            }
            if doc.meta.number.is_none() && c.kind == Kind::DocNumber {
                doc.meta.number = crate::text::rules::doc_number(t);
                pos = k + 1;
                continue;
            }
            if doc.meta.adopted.is_none() {
                if let Some(a) = adoption(t) {
                    doc.meta.adopted = Some(a);
                    pos = k + 1;
                    continue;
                }
                // an adoption line broken over lines: `（2020年5月28日第十三届……第三次` / `会议通过）`
                if t.starts_with(['（', '(']) && !balanced(t) {
                    let mut joined = t.to_string();
                    let mut last = k;
                    for _ in 0..2 {
                        let Some(x) = self.next_text(last + 1, end) else {
                            break;
                        };
                        joined.push('\n');
                        joined.push_str(self.text(x));
                        last = x;
                        if balanced(&joined) {
                            break;
                        }
                    }
                    if let Some(a) = adoption(&joined.replace('\n', "")) {
                        doc.meta.adopted = Some(Adoption {
                            line: Some(joined),
                            ..a
                        });
                        pos = last + 1;
                        continue;
                    }
                }
            }
            if doc.meta.addressee.is_none()
                && (t.ends_with('：') || t.ends_with(':'))
                && chars_le(t, 150)
                && c.marker.is_none()
                && !t.contains('。')
                && !c.chrome
                && !matches!(
                    c.kind,
                    Kind::NotesLabel | Kind::Publication | Kind::BoxField | Kind::BoxValue
                )
            {
                doc.meta.addressee = Some(t.to_string());
                pos = k + 1;
                break;
            }
            if doc.meta.addressee.is_none()
                && doc.meta.subtitle.len() < 3
                && chars_le(t, 40)
                && !c.sentence
                && !t.contains(['。', '！', '？'])
                && !is_nav_piece(t)
                && !self.after_breadcrumb(k)
                // a bare heading right above the first article is the law's (`总　　则`)
                && !(chars_le(t, 16)
                    && t.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '\u{3000}')
                    && self.next_text(k + 1, end).is_some_and(|j| {
                        self.c[j]
                            .marker
                            .is_some_and(|m| m.style == crate::numbering::Style::Article)
                    }))
                && c.marker.is_none()
                && c.date.is_none()
                && doc.preamble.is_empty()
            {
                doc.meta.subtitle.push(t.to_string());
                pos = k + 1;
                continue;
            }
            break;
        }
        pos
    }

    /// The title lines as printed, kept when they are not just the title (split over lines,
    /// letter-spaced, marked up).
    pub(crate) fn title_lines(&self, first: usize, last: usize, title: &str) -> Vec<String> {
        let lines: Vec<String> = (first..=last)
            .filter(|&k| !self.c[k].is_blank())
            .map(|k| self.text(k).to_string())
            .collect();
        if lines.len() == 1 && lines[0] == title {
            Vec::new()
        } else {
            lines
        }
    }
}
