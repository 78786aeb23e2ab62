//! Stage 12b, a law's metadata: the events of its history (the 题注 under the title, or
//! LawRefBook's history lines), the date it takes effect, and the kind of legislation it is.
//! All of it is read from text the document keeps (the adoption line, the preamble, the last
//! articles); nothing is removed from the text.

use crate::model::{Date, DocKind, Document, LawAction, LawEvent, LawKind, LawMeta, Node};
use crate::numbering::find_date;
use crate::text::rules::chars_le;

/// The verbs of a history event, and what each does.
const VERBS: &[(&str, LawAction)] = &[
    ("通过", LawAction::Adopted),
    ("批准", LawAction::Approved),
    ("公布", LawAction::Promulgated),
    ("发布", LawAction::Promulgated),
    ("修正", LawAction::Amended),
    ("修订", LawAction::Revised),
    ("施行", LawAction::Effective),
];

/// Gives the document, and each document it carries, its law metadata when its body is a
/// law's (it numbers articles).
pub(crate) fn apply(doc: &mut Document) {
    // a law numbers articles; an amending decision or a court's 规定 numbered `一、` is one by
    // its history or its title
    let law = super::law::is_law(&doc.body);
    if law || doc.meta.kind == DocKind::Regulation {
        let m = read(doc);
        if law || !m.history.is_empty() || m.kind.is_some() {
            doc.meta.law = Some(m);
        }
    }
    for a in &mut doc.attachments {
        apply(&mut a.content);
    }
}

/// The metadata of a document read as a law.
pub(crate) fn read(doc: &Document) -> LawMeta {
    let mut history = Vec::new();
    if let Some(line) = doc.meta.adopted.as_ref().and_then(|a| a.line.as_deref()) {
        history.extend(events(line));
    }
    // history lines under the title, read as a subtitle
    for line in &doc.meta.subtitle {
        history.extend(events(line));
    }
    // history paragraphs stand at the top of the preamble, before the table of contents and
    // any text; a markup comment (`<!-- INFO END -->`) ends them
    let mut k = 0;
    while let Some(p) = doc.preamble.get(k) {
        k += 1;
        let mut cleaned = history_text(&p.text).into_owned();
        // (a history set in paragraphs, its bracket closed in the last: `（……公布施行` /
        // `根据……修正）`)
        if cleaned.trim_start().starts_with(['（', '(']) {
            let last = doc.preamble.len().min(k + 16);
            while crate::text::rules::open_brackets(&cleaned) > 0
                && k < last
                && cleaned.len() < 6000
            {
                // (joined as the lines of one paragraph: a wrap may have cut a word)
                cleaned.push_str(history_text(&doc.preamble[k].text).trim());
                k += 1;
            }
        }
        let t = cleaned.trim();
        // a database's field label before the history (`【题注】 （……）`)
        let t = super::layout::field_label(t).map_or(t, |n| &t[n..]);
        let shaped = (t.starts_with(['（', '(']) || t.starts_with(|c: char| c.is_ascii_digit()))
            && !t.ends_with('。');
        let found = if shaped { events(t) } else { Vec::new() };
        if found.is_empty() {
            break;
        }
        history.extend(found);
    }
    // else history lines the page set apart above the text (a site generator's box, `::: tip
    // 修订信息` / `（……通过　……批准）` / `:::`), kept with the page's residue
    if history.is_empty() {
        let first = doc.body.first().map_or(usize::MAX, |n| n.span.offset);
        for r in doc.residue.iter().filter(|r| r.span.offset < first) {
            for line in r.text.lines() {
                let cleaned = history_text(line);
                let t = cleaned.trim();
                if t.starts_with(['（', '(']) && !t.ends_with('。') {
                    history.extend(events(t));
                }
            }
        }
    }
    let effective = effective(doc, &history);
    let kind = kind(doc, &history);
    LawMeta {
        kind,
        history: history.into_iter().map(|p| p.event).collect(),
        effective,
    }
}

/// A history text as a copy may mangle it, made readable: a Markdown quote's marks (`> （……`,
/// and the `>` of each line of it a layout joined) dropped; the blanks a PDF's extraction put
/// in a date (`2021 年12月24日`) or between the pieces of a name a line broke
/// (`……人民代表大会 常务委员会`) dropped. The blanks between events (U+3000) stay.
fn history_text(t: &str) -> std::borrow::Cow<'_, str> {
    if !t.contains(['>', ' ']) {
        return std::borrow::Cow::Borrowed(t);
    }
    let chars: Vec<char> = t.chars().filter(|&c| c != '>').collect();
    let mut out = String::with_capacity(t.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = chars[..i].iter().rev().find(|&&x| x != ' ');
            let next = chars[i + 1..].iter().find(|&&x| x != ' ');
            let joins = |a: Option<&char>, b: Option<&char>| match (a, b) {
                (Some(&a), Some(&b)) => {
                    let cjk = crate::text::rules::is_cjk;
                    a.is_ascii_digit() && matches!(b, '年' | '月' | '日')
                        || matches!(a, '年' | '月') && b.is_ascii_digit()
                        || cjk(a) && cjk(b)
                }
                _ => true,
            };
            if joins(prev, next) {
                continue;
            }
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

/// An event and its words as printed (what `kind` and `effective` read beside the event).
pub(crate) struct Printed {
    pub event: LawEvent,
    pub text: String,
}

/// The events of one history text: each date opens one; `根据……修正` gives every date inside
/// it the verb that closes it.
pub(crate) fn events(text: &str) -> Vec<Printed> {
    let cleaned = history_text(text);
    let t = cleaned.trim();
    // `（……）`, perhaps with a note after its closing bracket: the history is what it encloses
    let t = match t.strip_prefix(['（', '(']) {
        Some(inner) => {
            let mut depth = 1usize;
            let close = inner.char_indices().find_map(|(i, c)| {
                match c {
                    '（' | '(' => depth += 1,
                    '）' | ')' => depth -= 1,
                    _ => {}
                }
                (depth == 0).then_some(i)
            });
            close.map_or(inner, |i| &inner[..i])
        }
        None => t,
    };
    // dates and where they start
    let mut dates: Vec<(Date, usize)> = Vec::new();
    let mut from = 0;
    while let Some((d, r)) = find_date(&t[from..]) {
        dates.push((d, from + r.start));
        from += r.end;
    }
    if dates.is_empty() || !outside_titles(t).contains(|c: char| c != ' ') {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut basis_verb: Option<LawAction> = None;
    for (i, &(date, at)) in dates.iter().enumerate() {
        let end = dates.get(i + 1).map_or(t.len(), |x| x.1);
        let seg = &t[at..end];
        let before =
            t[..at].trim_end_matches(|c: char| c.is_whitespace() || c == '、' || c == '和');
        // `根据` before a date opens a clause whose closing verb (修正/修订) is every date's in it
        if before.ends_with("根据") {
            let visible = outside_titles(&t[at..]);
            basis_verb = [("修订", LawAction::Revised), ("修正", LawAction::Amended)]
                .iter()
                .filter_map(|(w, a)| visible.find(w).map(|p| (p, *a)))
                .min_by_key(|(p, _)| *p)
                .map(|(_, a)| a);
        }
        let own = verb(seg);
        let action = match basis_verb {
            Some(b) => b,
            None => match own {
                Some(a) => a,
                None => continue,
            },
        };
        // the clause ends with the segment that prints its verb
        if basis_verb.is_some() && matches!(own, Some(LawAction::Amended | LawAction::Revised)) {
            basis_verb = None;
        }
        let text = seg
            .trim_end_matches(|c: char| c.is_whitespace() || c == '、' || c == '和')
            .trim_end_matches("根据")
            .trim_end()
            .to_string();
        let after_date = find_date(seg).map_or(seg, |(_, r)| &seg[r.end..]);
        let after_date = after_date.trim_start();
        let meeting = meeting(after_date);
        let order = order(after_date);
        // the body: the meeting's, the order's issuer, or the few words before the verb
        // (`政务院发布`, `最高人民法院公告公布`)
        let named = || {
            let visible = outside_titles(after_date);
            let at = VERBS.iter().filter_map(|(w, _)| visible.find(w)).min()?;
            let b = after_date[..at].trim();
            let b = b.strip_suffix("公告").unwrap_or(b);
            (chars_le(b, 20) && !b.contains(['《', '，', '第'])).then(|| b.to_string())
        };
        let body = meeting
            .as_deref()
            .map(body_of_meeting)
            .or_else(|| {
                order
                    .as_deref()
                    .map(|o| o[..o.find('令').unwrap_or(o.len())].to_string())
            })
            .or_else(named)
            .filter(|b| !b.is_empty());
        out.push(Printed {
            event: LawEvent {
                action,
                date: Some(date),
                body,
                meeting,
                order,
            },
            text,
        });
    }
    out
}

/// The text with what stands inside 《》 (titles, which may say 修正案) blanked, each blanked
/// character by as many spaces as it has bytes: offsets stay those of `t`.
fn outside_titles(t: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        let blank = match c {
            '《' => {
                depth += 1;
                true
            }
            '》' => {
                depth = depth.saturating_sub(1);
                true
            }
            _ => depth > 0,
        };
        if blank {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// The first verb of a segment, outside titles.
fn verb(seg: &str) -> Option<LawAction> {
    let visible = outside_titles(seg);
    VERBS
        .iter()
        .filter_map(|(w, a)| visible.find(w).map(|p| (p, *a)))
        .min_by_key(|(p, _)| *p)
        .map(|(_, a)| a)
}

/// The meeting that acted: the words up to `会议` (`第五届全国人民代表大会第五次会议`), when no
/// title or verb stands before it.
fn meeting(s: &str) -> Option<String> {
    let end = s.find("会议")? + "会议".len();
    let m = s[..end].trim();
    let visible = outside_titles(m);
    (m.chars().count() <= 60 && !m.contains('《') && verb(&visible).is_none())
        .then(|| m.to_string())
}

/// The body of a meeting: `第九届全国人民代表大会常务委员会第二十次会议` → `全国人民代表大会常务委员会`.
fn body_of_meeting(m: &str) -> String {
    let mut b = m.strip_suffix("会议").unwrap_or(m);
    // `……第二十次` at the end
    if let Some(p) = b.rfind('第') {
        if b[p..].ends_with('次') {
            b = &b[..p];
        }
    }
    // `第九届` (`上海市第九届人民代表大会`)
    let mut out = b.to_string();
    if let Some(p) = b.find('第') {
        if let Some(q) = b[p..]
            .find('届')
            .filter(|q| b[p..p + q].chars().count() <= 5)
        {
            out = format!("{}{}", &b[..p], &b[p + q + '届'.len_utf8()..]);
        }
    }
    out.trim().to_string()
}

/// The promulgating order: `中华人民共和国国务院令第142号`, `主席令第六号`.
fn order(s: &str) -> Option<String> {
    let l = s.find("令第")?;
    let end = s[l..].find('号')? + l + '号'.len_utf8();
    let o = &s[..end];
    (o.chars().count() <= 40 && !o.contains(['《', '，'])).then(|| o.trim().to_string())
}

/// The date the text takes effect: `自……起施行` (or 实施) in its last articles, its carrying
/// order or a history line that says 施行.
fn effective(doc: &Document, history: &[Printed]) -> Option<Date> {
    // `2018年3月1日 施行`, or `……公告公布施行`
    let effective_event = history.iter().rev().find(|p| {
        p.event.action == LawAction::Effective || outside_titles(&p.text).contains("施行")
    });
    if let Some(p) = effective_event {
        return p.event.date;
    }
    let mut texts: Vec<&str> = Vec::new();
    fn collect<'a>(ns: &'a [Node], out: &mut Vec<&'a str>) {
        for n in ns {
            out.extend(n.paragraphs.iter().map(|p| p.text.as_str()));
            collect(&n.children, out);
        }
    }
    collect(&doc.body, &mut texts);
    for t in texts.iter().rev() {
        let Some(k) = t.find("起施行").or_else(|| t.find("起实施")) else {
            continue;
        };
        let Some(s) = t[..k].rfind('自') else {
            continue;
        };
        let span = &t[s..k];
        if let Some((d, _)) = find_date(&span.replace(' ', "")) {
            return Some(d);
        }
        // `自公布之日起施行`: the text as it now stands was published by the last event
        if span.contains("公布") || span.contains("发布") {
            return history.last().and_then(|p| p.event.date);
        }
    }
    // where the text says nothing, a database's box may (`实施日期:2001-8-1`)
    doc.meta
        .fields
        .iter()
        .filter(|f| matches!(f.key.as_str(), "实施日期" | "生效日期"))
        .find_map(|f| {
            // (`2001-8-1`: a database leaves the month and day unpadded)
            crate::numbering::parse_date(&f.value).or_else(|| {
                let mut p = f.value.trim().split(['-', '/', '.']);
                let (y, m, d) = (p.next()?, p.next()?, p.next()?);
                if p.next().is_some() {
                    return None;
                }
                Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
            })
        })
}

/// The kind: who adopted it (the history's bodies) first, the title's shape after.
fn kind(doc: &Document, history: &[Printed]) -> Option<LawKind> {
    let title = doc.meta.title.as_deref().unwrap_or("");
    let t = outside_titles(title);
    if (t.contains("关于修改") && t.trim_end().ends_with("决定"))
        || title.ends_with("修正案")
        || title.contains("修正案（")
    {
        return Some(LawKind::AmendingDecision);
    }
    let said = |w: &str| {
        title.starts_with(w)
            || history.iter().any(|p| {
                p.event.body.as_deref().is_some_and(|b| b.contains(w))
                    || p.event.order.as_deref().is_some_and(|b| b.contains(w))
            })
    };
    if said("最高人民法院") || said("最高人民检察院") {
        return Some(LawKind::JudicialInterpretation);
    }
    // who acted, in the events' words (an amending decision's title names its maker)
    let acted = |w: &str| history.iter().any(|e| e.text.contains(w));
    if acted("全国人民代表大会") || acted("主席令") {
        return Some(LawKind::Law);
    }
    if said("国务院") || acted("国务院") || acted("政务院") {
        return Some(LawKind::AdministrativeRegulation);
    }
    if acted("人民代表大会") {
        return Some(LawKind::LocalRegulation);
    }
    if history
        .iter()
        .any(|p| p.event.order.as_deref().is_some_and(|o| o.contains('令')))
    {
        return Some(LawKind::Rule);
    }
    // a title naming a law (`……法`, not `……办法`) with no history that says otherwise
    (title.ends_with('法') && !title.ends_with("办法")).then_some(LawKind::Law)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(t: &str) -> Vec<LawEvent> {
        super::events(t).into_iter().map(|p| p.event).collect()
    }

    #[test]
    fn a_constitution_s_history() {
        let e = events("（1982年12月4日第五届全国人民代表大会第五次会议通过　1982年12月4日全国人民代表大会公告公布施行　根据1988年4月12日第七届全国人民代表大会第一次会议通过的《中华人民共和国宪法修正案》和1993年3月29日第八届全国人民代表大会第一次会议通过的《中华人民共和国宪法修正案》修正）");
        let actions: Vec<_> = e.iter().map(|x| x.action).collect();
        assert_eq!(
            actions,
            [
                LawAction::Adopted,
                LawAction::Promulgated,
                LawAction::Amended,
                LawAction::Amended
            ]
        );
        assert_eq!(
            e[0].meeting.as_deref(),
            Some("第五届全国人民代表大会第五次会议")
        );
        assert_eq!(e[0].body.as_deref(), Some("全国人民代表大会"));
        assert_eq!(e[2].date, Date::new(1988, 4, 12));
    }

    #[test]
    fn a_regulation_s_history() {
        let e = events("（1994年1月28日中华人民共和国国务院令第142号发布　根据2005年12月19日《国务院关于修改〈中华人民共和国个人所得税法实施条例〉的决定》第一次修订　2018年12月18日中华人民共和国国务院令第707号第四次修订）");
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].action, LawAction::Promulgated);
        assert_eq!(e[0].order.as_deref(), Some("中华人民共和国国务院令第142号"));
        assert_eq!(e[0].body.as_deref(), Some("中华人民共和国国务院"));
        assert_eq!(e[1].action, LawAction::Revised);
        assert_eq!(e[2].action, LawAction::Revised);
        assert_eq!(e[2].order.as_deref(), Some("中华人民共和国国务院令第707号"));
    }

    #[test]
    fn history_lines() {
        let e = events("2001年2月28日 第九届全国人民代表大会常务委员会第二十次会议《关于修改<中华人民共和国民族区域自治法>的决定》修正");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].action, LawAction::Amended);
        assert_eq!(e[0].body.as_deref(), Some("全国人民代表大会常务委员会"));
        assert_eq!(events("2018年3月1日 施行")[0].action, LawAction::Effective);
        assert!(events("本法自2001年1月1日起生效。").is_empty());
    }
}
