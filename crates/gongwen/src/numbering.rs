//! Numbering markers (`一、`, `（一）`, `1.`, `（1）`), Chinese numerals and dates.

use crate::model::{Date, NodeKind};

/// Value of a Chinese numeral such as `十二`, `二十一`, `一百零五`, `〇`; `None` if not one.
pub fn chinese_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 8 {
        return None;
    }
    let mut total: u32 = 0;
    let mut cur: Option<u32> = None;
    for c in s.chars() {
        let d = match c {
            // (`○`, the white circle, and `Ｏ`, as typists set the zero of `二○○四年`)
            '〇' | '零' | '○' | 'Ｏ' => Some(0),
            '一' => Some(1),
            '二' | '两' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        if let Some(d) = d {
            cur = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        total += cur.unwrap_or(1) * unit;
        cur = None;
    }
    Some(total + cur.unwrap_or(0))
}

/// Digits of a Chinese year or day written digit by digit (`二〇一九`) or as a number (`二十三`).
fn chinese_digits(s: &str) -> Option<u32> {
    if s.chars().any(|c| matches!(c, '十' | '百')) {
        return chinese_number(s);
    }
    let mut v: u32 = 0;
    for c in s.chars() {
        v = v.checked_mul(10)? + chinese_number(&c.to_string())?;
    }
    (!s.is_empty()).then_some(v)
}

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '○'
            | 'Ｏ'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
    )
}

/// ASCII or full-width digit value.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// How a numbering marker is written. The style, not the number, fixes a node's level: GB/T
/// 9704-2012 7.3.3 orders them `一、` → `（一）` → `1.` → `（1）`, and documents that go deeper use
/// `①`.
///
/// Laws and regulations number their units another way (立法法 第六十五条): 编、分编、章、节 and
/// 条 are written `第X编` … `第X条` and stand above the ladder of 公文 markers, whose `（一）` and
/// `1.` are then the 项 and 目 of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// `第一编`
    Book,
    /// `第一分编`
    Subbook,
    /// `第一章`
    Chapter,
    /// `第一节`
    Division,
    /// `第一条`, `第一百二十条之一`
    Article,
    /// `一、` (also `一．`, `一.`)
    Cn,
    /// `（一）`, `(一)`
    CnParen,
    /// `1.`, `1．`, `1、`
    Arabic,
    /// `（1）`, `(1)`, `1）`
    ArabicParen,
    /// `①` … `⑳`
    Circled,
    /// Decimal outline numbering, one number a level (`1　总则`, `1.1　编制目的`,
    /// `1.2.1　国家级`): emergency plans (预案) and technical texts number so. The number stands
    /// before a space; a first level alone (`1　总则`) is taken only in a text that also numbers
    /// `1.1` (the reader checks).
    Decimal1,
    /// `1.1　……`
    Decimal2,
    /// `1.1.1　……`
    Decimal3,
    /// `1.1.1.1　……`
    Decimal4,
}

impl Style {
    /// The node kind of a marker of this style.
    pub fn kind(self) -> NodeKind {
        match self {
            Style::Book => NodeKind::Book,
            Style::Subbook => NodeKind::Subbook,
            Style::Chapter => NodeKind::Chapter,
            Style::Division => NodeKind::Division,
            Style::Article => NodeKind::Article,
            Style::Cn => NodeKind::Part,
            Style::CnParen => NodeKind::Section,
            Style::Arabic => NodeKind::Item,
            Style::ArabicParen | Style::Circled => NodeKind::Subitem,
            // a decimal outline's levels stand as the ladder's (its `（1）` below them)
            Style::Decimal1 => NodeKind::Part,
            Style::Decimal2 => NodeKind::Section,
            Style::Decimal3 => NodeKind::Item,
            Style::Decimal4 => NodeKind::Subitem,
        }
    }

    /// The level of the style: the law's units first (1 for `第一编`), then the GB/T 9704 ladder
    /// (6 for `一、`).
    pub fn rank(self) -> u8 {
        match self {
            Style::Book => 1,
            Style::Subbook => 2,
            Style::Chapter => 3,
            Style::Division => 4,
            Style::Article => 5,
            Style::Cn => 6,
            Style::CnParen => 7,
            Style::Arabic => 8,
            Style::ArabicParen => 9,
            Style::Circled => 10,
            Style::Decimal1 => 6,
            Style::Decimal2 => 7,
            Style::Decimal3 => 8,
            Style::Decimal4 => 9,
        }
    }

    /// True for the styles of a law's units (`第X编` … `第X条`).
    pub fn is_law(self) -> bool {
        self <= Style::Article
    }
}

/// A numbering marker at the start of a line: its level, style, value and byte length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub kind: NodeKind,
    pub style: Style,
    pub value: u32,
    /// The number of an inserted article after its value (`第一百二十条之一`: 120, 1).
    pub sub: Option<u32>,
    pub len: usize,
}

impl Marker {
    pub(crate) fn new(style: Style, value: u32, len: usize) -> Option<Marker> {
        (value > 0).then_some(Marker {
            kind: style.kind(),
            style,
            value,
            sub: None,
            len,
        })
    }
}

/// A law's unit at the start of `s`: `第X编`, `第X分编`, `第X章`, `第X节` (its heading may follow
/// at once or after white space) or `第X条` / `第X条之Y` (its text follows after white space, or
/// the line ends: `第十条修改为` at the start of a line is a sentence about an article, not one).
fn law_marker(s: &str) -> Option<Marker> {
    law_marker_in(s, false)
}

/// An article number written on at once with its text (`第一条为了……`), where `marker` finds
/// none: taken for a marker only where a text writes all its articles so
/// ([`articles_at_once`]), since `第三条所称……` at the start of a line may also be a reference.
pub fn compact_article(s: &str) -> Option<Marker> {
    if !s.starts_with('第') || law_marker(s).is_some() {
        return None;
    }
    law_marker_in(s, true).filter(|m| m.style == Style::Article)
}

/// True when the lines that open with an article number written on at once (`第一条为了……`)
/// are a text's articles: three or more, numbered on by one at least two times in three, and
/// more of them than articles numbered with a space after the number.
pub fn articles_at_once<'t>(lines: impl Iterator<Item = &'t str>) -> bool {
    let mut values = Vec::new();
    let mut spaced = 0usize;
    for t in lines {
        if !t.starts_with('第') {
            continue;
        }
        // most lines settle by the character after their first 条 (a space: an article as
        // most texts write it), without reading the number
        let head = &t.as_bytes()[..t.len().min(40)];
        let Some(at) = memchr::memmem::find(head, "条".as_bytes()) else {
            continue;
        };
        let after = t[at + "条".len()..].chars().next();
        if after.is_none_or(|c| c.is_whitespace() || c == '之') {
            spaced += 1;
        } else if let Some(m) = compact_article(t) {
            values.push(m.value);
        }
    }
    let on_by_one = values.windows(2).filter(|w| w[1] == w[0] + 1).count();
    values.len() >= 3 && on_by_one * 3 >= (values.len() - 1) * 2 && values.len() > spaced
}

fn law_marker_in(s: &str, compact: bool) -> Option<Marker> {
    let rest = s.strip_prefix('第')?;
    let end = rest
        .find(|c: char| !(is_cn_digit(c) || c == '千' || digit(c).is_some()))
        .unwrap_or(rest.len());
    if end == 0 || end > 3 * 8 {
        return None;
    }
    let num = &rest[..end];
    let value = if num.chars().all(|c| digit(c).is_some()) {
        arabic(num)?
    } else {
        chinese_number(num)?
    };
    let after = &rest[end..];
    // the units in either script (編, 節, 條 in a traditional-script copy)
    let (style, unit) = if after.starts_with("分编") || after.starts_with("分編") {
        (Style::Subbook, "分编".len())
    } else {
        let style = match after.chars().next()? {
            '编' | '編' => Style::Book,
            '章' => Style::Chapter,
            '节' | '節' => Style::Division,
            '条' | '條' => Style::Article,
            _ => return None,
        };
        (style, '编'.len_utf8())
    };
    let mut len = '第'.len_utf8() + end + unit;
    let mut sub = None;
    if style == Style::Article {
        if let Some(x) = s[len..].strip_prefix('之') {
            let e = x.find(|c: char| !is_cn_digit(c)).unwrap_or(x.len());
            if e > 0 {
                sub = Some(chinese_number(&x[..e])?);
                len += '之'.len_utf8() + e;
            }
        }
    }
    let next = s[len..].chars().next();
    let ok = match next {
        None => true,
        Some(c) if c.is_whitespace() || c == '\u{3000}' => true,
        // a heading written on at once (`第一章总则`), never a mark (`第二章、`, `第一条，`); an
        // article's text so only when asked (`compact`)
        // (an article's text may open with a figure, a sign or a quotation: `第七条±0.00以上`,
        // `第三条“……”`, `第九条2003年起`)
        Some(c) if style == Style::Article => {
            compact
                && (c.is_alphanumeric() || !c.is_ascii() || c == '(')
                && !"，。、；：！？）》”".contains(c)
        }
        Some(c) => !c.is_ascii_punctuation() && !"，。、；：！？）》”".contains(c),
    };
    let mut m = Marker::new(style, value, len)?;
    m.sub = sub;
    ok.then_some(m)
}

/// Reads a numbering marker at the start of `s`.
pub fn marker(s: &str) -> Option<Marker> {
    if s.starts_with('第') {
        return law_marker(s);
    }
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    if first == '（' || first == '(' {
        let inner_start = first.len_utf8();
        let close = s[inner_start..].find(['）', ')'])? + inner_start;
        let inner = &s[inner_start..close];
        let close_len = s[close..].chars().next()?.len_utf8();
        let len = close + close_len;
        if inner.is_empty() || inner.chars().count() > 4 {
            return None;
        }
        if inner.chars().all(is_cn_digit) {
            return Marker::new(Style::CnParen, chinese_number(inner)?, len);
        }
        if inner.chars().all(|c| digit(c).is_some()) {
            return Marker::new(Style::ArabicParen, arabic(inner)?, len);
        }
        return None;
    }
    if let Some(v) = circled(first) {
        return Marker::new(Style::Circled, v, first.len_utf8());
    }
    // `㈠` … `㈩`: a Chinese number in brackets written as one character (as some word
    // processors set `（一）`)
    if ('㈠'..='㈩').contains(&first) {
        return Marker::new(
            Style::CnParen,
            first as u32 - '㈠' as u32 + 1,
            first.len_utf8(),
        );
    }
    if is_cn_digit(first) {
        let end = s.find(|c: char| !is_cn_digit(c))?;
        let rest = &s[end..];
        if end > 3 * 6 {
            return None;
        }
        let mark = rest.chars().next()?;
        let ok = mark == '、'
            // `一．` / `一.` followed by text or the line end, not by a digit (`一.5` is no marker)
            || matches!(mark, '．' | '.')
                && rest[mark.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(|c| digit(c).is_none() && !c.is_ascii_punctuation());
        if !ok {
            return None;
        }
        return Marker::new(Style::Cn, chinese_number(&s[..end])?, end + mark.len_utf8());
    }
    if digit(first).is_some() {
        if let Some(m) = decimal_marker(s) {
            return Some(m);
        }
        let end = s.find(|c: char| digit(c).is_none())?;
        if s[..end].chars().count() > 3 {
            return None;
        }
        let rest = &s[end..];
        let mark = rest.chars().next()?;
        let after = &rest[mark.len_utf8()..];
        let style = match mark {
            // (`﹒`, the small full stop, as some word processors set the item's stop)
            '.' | '．' | '、' | '﹒' => Style::Arabic,
            // `1）`: the closing bracket alone, at the start of a line
            '）' | ')' => Style::ArabicParen,
            _ => return None,
        };
        // `1.5亿`, `2.8%`, `1.1` are numbers, not markers; a marker is followed by text or
        // the line end (or by a year, `3.2018年要……`: no number has four decimals and 年)
        let year = || {
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            digits == 4 && after[4..].starts_with('年')
        };
        if after
            .chars()
            .next()
            .is_some_and(|c| digit(c).is_some() || c == '%' || c == '％')
            && !year()
        {
            return None;
        }
        return Marker::new(style, arabic(&s[..end])?, end + mark.len_utf8());
    }
    None
}

/// A decimal outline number at the start of `s` (`1`, `1.1`, `1.2.1`, `1.1.1.1`, each part one
/// or two ASCII digits, parts joined by `.` or `．`): its parts, its last part's value (not
/// zero) and its byte length.
fn decimal_number(s: &str) -> Option<(usize, u32, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut parts = 0;
    let mut last;
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i - start > 2 {
            return None;
        }
        parts += 1;
        last = s[start..i].parse().ok()?;
        if s[i..].starts_with('.') && s[i + 1..].starts_with(|c: char| c.is_ascii_digit()) {
            i += 1;
        } else if s[i..].starts_with('．')
            && s[i + '．'.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
        {
            i += '．'.len_utf8();
        } else {
            break;
        }
    }
    (parts <= 4 && last > 0).then_some((parts, last, i))
}

/// A decimal outline number ([`decimal_number`]) followed by white space and then text that
/// does not open with a digit or a percent sign. `1.5 亿` or `2 个` could look so; the reader
/// keeps a first level only where the text numbers a second one too.
fn decimal_marker(s: &str) -> Option<Marker> {
    let (parts, last, len) = decimal_number(s)?;
    let rest = &s[len..];
    let text = rest.trim_start_matches([' ', '\u{3000}', '\t']);
    if text.len() == rest.len() {
        return None;
    }
    let next = text.chars().next()?;
    if digit(next).is_some() || matches!(next, '%' | '％' | '.' | '．') {
        return None;
    }
    let style = match parts {
        1 => Style::Decimal1,
        2 => Style::Decimal2,
        3 => Style::Decimal3,
        _ => Style::Decimal4,
    };
    Marker::new(style, last, len)
}

/// True when `t` is a decimal outline number as printed (`1`, `1.1`, `1.2.1`): it numbers a
/// line only with white space after it.
pub(crate) fn is_decimal_number(t: &str) -> bool {
    decimal_number(t).is_some_and(|(_, _, len)| len == t.len())
}

/// The value of Arabic digits (ASCII or full-width).
fn arabic(s: &str) -> Option<u32> {
    s.chars()
        .try_fold(0u32, |v, c| v.checked_mul(10)?.checked_add(digit(c)?))
}

/// The value of a circled number `①`…`⑳`.
fn circled(c: char) -> Option<u32> {
    let v = u32::from(c);
    (0x2460..=0x2473).contains(&v).then(|| v - 0x2460 + 1)
}

/// A date written `2019年1月27日`, `2019年01月27日`, `二〇〇五年六月十一日` or `2019-01-27`, alone.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    // a date ends in 日 or is ten bytes long: a paragraph is turned away before it is searched
    if !s.ends_with('日') && s.len() != 10 {
        return None;
    }
    if let Some((y, rest)) = s.split_once('年') {
        let (m, rest) = rest.split_once('月')?;
        let d = rest.strip_suffix('日')?;
        let num = |t: &str| -> Option<u32> {
            let t = t.trim();
            if t.chars().all(|c| digit(c).is_some()) && !t.is_empty() {
                t.chars().try_fold(0u32, |v, c| Some(v * 10 + digit(c)?))
            } else {
                chinese_digits(t)
            }
        };
        let y = num(y)?;
        return Date::new(
            u16::try_from(y).ok()?,
            u8::try_from(num(m)?).ok()?,
            u8::try_from(num(d)?).ok()?,
        );
    }
    let b = s.as_bytes();
    if b.len() == 10 && (b[4] == b'-' || b[4] == b'/' || b[4] == b'.') && b[7] == b[4] {
        return Date::new(
            s[0..4].parse().ok()?,
            s[5..7].parse().ok()?,
            s[8..10].parse().ok()?,
        );
    }
    None
}

/// Finds the first date `YYYY年M月D日` (Arabic digits, ASCII or full-width) inside `s`, with
/// its byte range.
pub fn find_date(s: &str) -> Option<(Date, std::ops::Range<usize>)> {
    let mut from = 0;
    while let Some(p) = s[from..].find('年') {
        let at = from + p;
        let start = s[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| digit(*c).is_some())
            .last()
            .map(|(i, _)| i);
        if let Some(start) = start {
            if let Some(dp) = s[at..].find('日') {
                let end = at + dp + '日'.len_utf8();
                if s[start..end].chars().count() <= 11 {
                    if let Some(d) = parse_date(&s[start..end]) {
                        return Some((d, start..end));
                    }
                }
            }
        }
        from = at + '年'.len_utf8();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_number("一"), Some(1));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("二十一"), Some(21));
        assert_eq!(chinese_number("一百零五"), Some(105));
        assert_eq!(chinese_number("五十四"), Some(54));
        assert_eq!(chinese_number("甲"), None);
    }

    #[test]
    fn markers() {
        let m = |s| marker(s).map(|m| (m.kind, m.value, m.len));
        assert_eq!(m("一、总体要求"), Some((NodeKind::Part, 1, 6)));
        assert_eq!(m("（十二）强化"), Some((NodeKind::Section, 12, 12)));
        assert_eq!(m("(一)充分"), Some((NodeKind::Section, 1, 5)));
        assert_eq!(m("1.拓展"), Some((NodeKind::Item, 1, 2)));
        assert_eq!(m("12．拓展"), Some((NodeKind::Item, 12, 5)));
        assert_eq!(m("3、拓展"), Some((NodeKind::Item, 3, 4)));
        assert_eq!(m("（1）监督组"), Some((NodeKind::Subitem, 1, 7)));
        assert_eq!(m("1.5亿元"), None);
        assert_eq!(m("2019年"), None);
        assert_eq!(m("（此件公开发布）"), None);
        assert_eq!(m("一是加强"), None);
        assert_eq!(m("①总则"), Some((NodeKind::Subitem, 1, 3)));
        assert_eq!(m("㈠新型节能"), Some((NodeKind::Section, 1, 3)));
        assert_eq!(m("㈩其他"), Some((NodeKind::Section, 10, 3)));
        assert_eq!(m("1）监督组"), Some((NodeKind::Subitem, 1, 4)));
        assert_eq!(m("一．总体要求"), Some((NodeKind::Part, 1, 6)));
        assert_eq!(m("1.1"), None);
        assert_eq!(m("2.8％"), None);
    }

    #[test]
    fn decimal_outline_numbers() {
        let d = |s: &str| marker(s).map(|m| (m.style, m.value, m.len));
        assert_eq!(d("1　总则"), Some((Style::Decimal1, 1, 1)));
        assert_eq!(d("1.1　编制目的"), Some((Style::Decimal2, 1, 3)));
        assert_eq!(d("6.2.1 财政部会同"), Some((Style::Decimal3, 1, 5)));
        assert_eq!(d("1．2　等级划分"), Some((Style::Decimal2, 2, 5)));
        assert_eq!(d("12.10.3.4\t细则"), Some((Style::Decimal4, 4, 9)));
        // a number with nothing, a digit or a percent sign after its space, a year, a
        // decimal fraction glued to its unit, an ordinary `1.` item: no decimal marker
        assert_eq!(d("1.1"), None);
        assert_eq!(d("2 3"), None);
        assert_eq!(d("1.5 %"), None);
        assert_eq!(d("2019 年"), None);
        assert_eq!(d("1.5亿元"), None);
        assert_eq!(d("1. 完善制度"), Some((Style::Arabic, 1, 2)));
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2019年1月27日"), Date::new(2019, 1, 27));
        assert_eq!(parse_date("2019年01月24日"), Date::new(2019, 1, 24));
        assert_eq!(
            find_date("２０１２年１２月３日 公安部部长办公会议通过").map(|(d, r)| (d, r.start)),
            Some((Date::new(2012, 12, 3).expect("date"), 0))
        );
        assert_eq!(parse_date("一九八一年五月二十三日"), Date::new(1981, 5, 23));
        assert_eq!(parse_date("二〇〇五年六月十一日"), Date::new(2005, 6, 11));
        assert_eq!(parse_date("2019-01-27"), Date::new(2019, 1, 27));
        assert_eq!(parse_date("2019年2月30日"), None);
        let (d, r) = find_date("（2020年6月30日十届区委十次全会通过）").unwrap();
        assert_eq!(d, Date::new(2020, 6, 30).unwrap());
        assert_eq!(r, 3..19);
    }
}
