//! Rules about one line of text, with no context: what a line is by its shape alone (a title, a
//! document number, a date, a metadata-box line, page chrome, a signature, an attachment label),
//! where a heading ends, how wide a text is.
//!
//! Both the reader (whose classification stage asks every question here once per line) and the
//! canonical writer (which lays a document out so that the reader reads it back the same) use
//! these rules; neither depends on the other.
//!
//! The word lists here are the genre's own labels (GB/T 9704's 文种 and 附件, the keys of the
//! gov.cn 信息公开 box, the boilerplate of web pages), never words of a particular document's
//! content.

use super::words::Words;
use crate::model::{Adoption, DocKind, DocNumber, Field};
use crate::numbering::{find_date, marker, parse_date};

// ---------------------------------------------------------------------------------------------
// characters

/// White space as it occurs in web text: ASCII, ideographic space, no-break space, BOM, tabs.
/// (Zero-width characters are text: trimming them would lose them.)
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
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

/// The longest start of `t` of at most `n` bytes that ends at a character boundary.
pub(crate) fn head_of(t: &str, n: usize) -> &str {
    let mut end = t.len().min(n);
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    &t[..end]
}

/// The list bullets a page's items may open with (`• 索引号：`), set before a key.
pub(crate) const BULLETS: [char; 7] = ['•', '·', '●', '▪', '◦', '*', '-'];

/// True for a CJK ideograph or a full-width form.
pub(crate) fn is_cjk(c: char) -> bool {
    ('\u{3000}'..='\u{9fff}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
        || ('\u{20000}'..='\u{3ffff}').contains(&c)
}

/// Removes letter-spacing between Chinese characters (`国 家 粮 食` → `国家粮食`), a gap that
/// sets one word apart (`东阳市人民政府办公室 关于印发……`), and the gap between a Chinese character
/// and an ASCII angle bracket that a page set apart (`方案> 的通知`). Spaces between other
/// characters stay, and so do the gaps of a list of three words or more, none a lone character
/// (`科技部办公厅 教育部办公厅 中科院办公厅印发……`: co-issuers as a title names them), but the one
/// before the subject (`公安部 关于……`). The blank a PDF sets between a figure and the date's
/// character after it goes too (`2023 年` → `2023年`).
pub(crate) fn unspace(t: &str) -> String {
    if !t.chars().any(is_space) {
        return t.to_string();
    }
    let cs: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len());
    let bracket = |c: char| matches!(c, '<' | '>');
    // the characters of the word (run without spaces) that ends before `i` or starts after it
    let word_before = |i: usize| {
        cs[..i]
            .iter()
            .rev()
            .skip_while(|x| is_space(**x))
            .take_while(|x| !is_space(**x))
            .count()
    };
    let word_after = |i: usize| {
        cs[i + 1..]
            .iter()
            .skip_while(|x| is_space(**x))
            .take_while(|x| !is_space(**x))
            .count()
    };
    // the gaps between Chinese words of two characters or more
    let gap = |i: usize| {
        let p = cs[..i].iter().rev().find(|x| !is_space(**x)).copied();
        let n = cs[i + 1..].iter().find(|x| !is_space(**x)).copied();
        p.is_some_and(is_cjk)
            && n.is_some_and(is_cjk)
            && word_before(i) > 1
            && word_after(i) > 1
            && (i == 0 || !is_space(cs[i - 1]))
    };
    let listed = (0..cs.len()).filter(|&i| is_space(cs[i]) && gap(i)).count() >= 2;
    for (i, &c) in cs.iter().enumerate() {
        if is_space(c) {
            let prev = cs[..i].iter().rev().find(|x| !is_space(**x)).copied();
            let next = cs[i + 1..].iter().find(|x| !is_space(**x)).copied();
            if let (Some(p), Some(n)) = (prev, next) {
                // (the subject after the issuers, `公安部 关于……`, is no issuer of the list)
                let subject = || {
                    let rest: String = cs[i + 1..]
                        .iter()
                        .skip_while(|x| is_space(**x))
                        .take(2)
                        .collect();
                    rest == "关于"
                };
                let letters = is_cjk(p)
                    && is_cjk(n)
                    && (!listed || word_before(i) == 1 || word_after(i) == 1 || subject());
                // (a PDF sets a blank between a figure and the date's character after it,
                // `2023 年3 月`)
                let dated = p.is_ascii_digit() && matches!(n, '年' | '月' | '日');
                if letters || dated || is_cjk(p) && bracket(n) || bracket(p) && is_cjk(n) {
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// `s` with its brackets and dashes of either width folded to one (`（` → `(`, `—` → `-`): two
/// prints of one title, a database's and the document's, compare equal so.
pub(crate) fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '—' | '－' | '–' | '‐' => '-',
            c => c,
        })
        .collect()
}

/// True when every 《 and （ in `s` is closed.
pub(crate) fn balanced(s: &str) -> bool {
    s.matches('《').count() == s.matches('》').count()
        && s.matches(['（', '(']).count() == s.matches(['）', ')']).count()
}

/// How many brackets and quotes `s` leaves open at its end (never below zero). Byte by byte:
/// the marks are `(`, `)` and three-byte characters whose lead byte is 0xE2, 0xE3 or 0xEF, so
/// ideographs are skipped without decoding.
pub(crate) fn open_brackets(s: &str) -> usize {
    let b = s.as_bytes();
    let mut depth: usize = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let step = match x {
            b'(' => {
                depth += 1;
                1
            }
            b')' => {
                depth = depth.saturating_sub(1);
                1
            }
            0xE2 | 0xE3 | 0xEF if i + 2 < b.len() => {
                match (x, b[i + 1], b[i + 2]) {
                    // “ ”
                    (0xE2, 0x80, 0x9C) => depth += 1,
                    (0xE2, 0x80, 0x9D) => depth = depth.saturating_sub(1),
                    // 《 》 「 」 『 』 【 】 〔 〕: U+300A, U+300B, U+300C … U+3011, U+3014, U+3015
                    (0xE3, 0x80, 0x8A | 0x8C | 0x8E | 0x90 | 0x94) => depth += 1,
                    (0xE3, 0x80, 0x8B | 0x8D | 0x8F | 0x91 | 0x95) => {
                        depth = depth.saturating_sub(1)
                    }
                    // （ ）
                    (0xEF, 0xBC, 0x88) => depth += 1,
                    (0xEF, 0xBC, 0x89) => depth = depth.saturating_sub(1),
                    _ => {}
                }
                3
            }
            0..0x80 => 1,
            0x80..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        i += step;
    }
    depth
}

// ---------------------------------------------------------------------------------------------
// headings

/// Sentence-ending marks that close a heading.
pub(crate) fn heading_end(s: &str) -> Option<(usize, char)> {
    heading_end_within(s, usize::MAX)
}

/// The end of a heading of at most `max` characters: `heading_end`, without reading a long
/// paragraph to its end when its heading could not be that short.
///
/// It goes by the first byte of each character: every mark but `(` and `)` is a three-byte
/// character of a block the first byte tells, so an ideograph is only counted and only the
/// characters of those blocks are decoded.
pub(crate) fn heading_end_within(s: &str, max: usize) -> Option<(usize, char)> {
    let b = s.as_bytes();
    let mut depth: i32 = 0;
    let mut i = 0;
    let mut k = 0;
    while i < b.len() {
        if k > max {
            return None;
        }
        let x = b[i];
        let width = match x {
            // U+4000…U+9FFF: the CJK ideographs, most of any text, none of them a mark
            0xE4..=0xE9 => 3,
            // U+2000…U+2FFF, U+3000…U+3FFF, U+F000…U+FFFF: the marks are among these
            0xE2 | 0xE3 | 0xEF => {
                // a valid string holds the two continuation bytes
                let c = (u32::from(x & 0x0F) << 12)
                    | (u32::from(b[i + 1] & 0x3F) << 6)
                    | u32::from(b[i + 2] & 0x3F);
                match char::from_u32(c) {
                    Some('《' | '“' | '（' | '「') => depth += 1,
                    Some('》' | '”' | '）' | '」') => depth -= 1,
                    Some(e @ ('。' | '：' | '；' | '！' | '？')) if depth <= 0 => {
                        return Some((i, e))
                    }
                    _ => {}
                }
                3
            }
            b'(' => {
                depth += 1;
                1
            }
            b')' => {
                depth -= 1;
                1
            }
            // a half-width colon as a web copy may print it, not a time's (`14:15`) or a
            // link's (`http://`)
            b':' if depth <= 0
                && !(i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit))
                && b.get(i + 1) != Some(&b'/') =>
            {
                return Some((i, ':'))
            }
            // an ASCII full stop right after an ideograph and before one (an OCR'd or
            // hand-typed copy's `。`: `……规范化、标准化.统计工作……`), not a number's or a
            // file name's
            b'.' if depth <= 0
                && i >= 3
                && (0xE4..=0xE9).contains(&b[i - 3])
                && b.get(i + 1).is_some_and(|&n| (0xE4..=0xE9).contains(&n)) =>
            {
                return Some((i, '.'))
            }
            0..0x80 => 1,
            0x80..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        i += width;
        k += 1;
    }
    None
}

/// The heading of a numbered line, given the text after the number: the heading, the mark that
/// closes it, and the body text that follows it on the line. `None` when the text is all body
/// (a long first sentence, an inline enumeration). The canonical writer asks the same question
/// to lay out a numbered paragraph so that it reads back the same.
pub(crate) fn split_heading(rest: &str) -> Option<(&str, Option<char>, &str)> {
    if let Some((head, after)) = spaced_heading(rest) {
        return Some((head, None, after));
    }
    match heading_end_within(rest, 30) {
        // an entry that ends in `；` is one of an enumeration, all body, not a heading; a
        // clause that ends in `；` with more of its sentence after it is body text too
        Some((_, '；')) => None,
        Some((p, c)) => {
            let head = &rest[..p];
            let after = rest[p + c.len_utf8()..].trim_start_matches(is_space);
            // `将第十条修改为：“……”`: a colon that opens a quotation running to the end (the
            // new wording an amendment quotes) leads into the quotation, it ends no heading
            let quotation = matches!(c, '：' | ':')
                && after.starts_with(['“', '「'])
                && (after.ends_with(['”', '」']) || !after.contains(['”', '」']));
            if quotation || copula_lead_in(head, c, after) {
                return None;
            }
            let commas = head.matches(['，', ',']).count();
            let fits = chars_le(head, 30) && commas <= 1;
            (fits && !head.is_empty() && !is_inline_enumeration(head) && !is_directive(head))
                .then_some((head, Some(c), after))
        }
        // no end within 30 characters: all heading if short and without any end, with its
        // brackets closed and one comma at most (a clause list cut by a wrap is body text), or
        // a few short phrases of a slogan (`加强领导，统筹规划，狠抓落实`)
        None if chars_le(rest, 60)
            && !rest.is_empty()
            && heading_end(rest).is_none()
            && open_brackets(rest) == 0
            && (rest.matches(['，', ',']).count() <= 1 || slogan(rest)) =>
        {
            Some((rest, None, ""))
        }
        None => None,
    }
}

/// A heading set apart from its text by a space, no mark (`各地自查 各市（州）要……。`, a web
/// page's bold heading run on into its paragraph): a phrase of two to twenty ideographs, then a
/// space, then running text of a sentence or more. The heading and the text.
fn spaced_heading(rest: &str) -> Option<(&str, &str)> {
    let p = rest.find([' ', '\u{3000}'])?;
    let head = &rest[..p];
    let after = rest[p..].trim_start_matches(is_space);
    (chars_ge(head, 2)
        && chars_le(head, 20)
        && head.chars().all(|c| is_cjk(c) && !is_mark(c))
        && chars_ge(after, 10)
        && heading_end(after).is_some())
    .then_some((head, after))
}

/// True for a full-width punctuation mark (`，`, `。`, `（`, `》`…), which [`is_cjk`] also takes.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}' | '\u{2010}'..='\u{206F}')
}

/// Three or four phrases of two to eight characters each, split by commas: the parallel
/// phrases of a heading (`加强领导，统筹规划，狠抓落实`), where a line of running text cut by a
/// wrap runs longer.
fn slogan(t: &str) -> bool {
    let phrases: Vec<&str> = t.split(['，', ',']).collect();
    (3..=4).contains(&phrases.len())
        && phrases
            .iter()
            .all(|p| chars_ge(p, 2) && chars_le(p, 8) && !p.contains(char::is_whitespace))
}

/// Closed-class words that open running text, never a run-in heading: personal and
/// demonstrative pronouns, connectives, modal verbs, time deixis.
const RUNNING_TEXT_OPENINGS: &[&str] = &[
    "我们",
    "我国",
    "我省",
    "我市",
    "我区",
    "我县",
    "我州",
    "我委",
    "我部",
    "他们",
    "你们",
    "这",
    "那",
    "其中",
    "此外",
    "另外",
    "同时",
    "但",
    "因此",
    "所以",
    "因而",
    "总之",
    "如果",
    "若",
    "虽然",
    "尽管",
    "即使",
    "由于",
    "因为",
    "对于",
    "今年",
    "明年",
    "去年",
    "当前",
    "目前",
    "近年来",
    "过去",
    "今后",
    "本",
    "该",
    "各级",
    "各地",
    "各部门",
    "各有关",
    "各单位",
    "应当",
    "应该",
    "必须",
    "需要",
    "凡",
    "要",
];

static RUNNING_TEXT: std::sync::LazyLock<Words> =
    std::sync::LazyLock::new(|| Words::new(RUNNING_TEXT_OPENINGS));

/// True when `head` opens like running text. `要` opens a clause (`要加快……`) but not the noun
/// `要素`; the preposition `对` opens a clause (`对X免征……`) but not the verbs `对标`, `对接`,
/// `对口`, `对外`.
pub(crate) fn opens_running_text(head: &str) -> bool {
    RUNNING_TEXT.opens(head) && !head.starts_with("要素") && !head.starts_with("要点")
        || head.starts_with('对')
            && !["对标", "对接", "对口", "对外", "对表"]
                .iter()
                .any(|w| head.starts_with(w))
}

/// A sentence that rules rather than names: a subject before a modal verb (`团员应当增强……`,
/// `基层委员会可以留存……`), or two clauses, the first a condition (`有下列行为之一的，……`) or the
/// second a modal predicate (`对参加工作的人员，应给予……`).
fn is_directive(head: &str) -> bool {
    let subject_modal = ["应当", "应该", "可以"]
        .iter()
        .any(|m| head.find(m).is_some_and(|p| chars_ge(&head[..p], 2)));
    if subject_modal {
        return true;
    }
    let Some(comma) = head.find(['，', ',']) else {
        return false;
    };
    let first = &head[..comma];
    let second = head[comma..].trim_start_matches(['，', ',']);
    first.ends_with('的') || second.starts_with(['应', '须']) || has_modal(second)
}

/// Modal verbs inside a sentence make it a directive, body text rather than a heading.
pub(crate) fn has_modal(s: &str) -> bool {
    // 应当, 应该, 必须, 不得, 可以, 须: one pass, the second character looked at only after a first
    let mut prev = ' ';
    for c in s.chars() {
        match (prev, c) {
            ('应', '当' | '该') | ('不', '得') | ('可', '以') | (_, '须') => return true,
            _ => {}
        }
        prev = c;
    }
    false
}

/// `……的指导思想是：以……`: a subject and its copula before a colon lead into the rest of their
/// sentence on the line; no heading.
fn copula_lead_in(head: &str, c: char, after: &str) -> bool {
    matches!(c, '：' | ':') && head.ends_with('是') && !after.is_empty()
}

/// A longer heading sentence than [`split_heading`] takes (up to 48 characters, up to three
/// phrases, alone on its line or with body text after it), as a report's section headings are:
/// a heading only where most numbered siblings of its kind open with a heading.
pub(crate) fn long_heading(rest: &str) -> Option<(usize, char)> {
    let (p, c) = heading_end_within(rest, 48)?;
    if c != '。' && c != '：' {
        return None;
    }
    let head = &rest[..p];
    let after = rest[p + c.len_utf8()..].trim_start_matches(is_space);
    let n = chars(head);
    let commas = head.matches(['，', ',']).count();
    // a sentence that is mostly citations and brackets (`原则同意《……》（以下简称《……》）`)
    // states, it does not head
    let mut depth = 0i32;
    let bare = head
        .chars()
        .filter(|c| {
            match c {
                '《' | '（' | '(' | '“' => depth += 1,
                '》' | '）' | ')' | '”' => depth -= 1,
                _ => return depth <= 0,
            }
            false
        })
        .count();
    // a clause that opens like running text, holds a modal verb or opens with a time clause
    // (`项目建成后，……`) is a directive, not a heading
    let first_clause = head.split(['，', ',']).next().unwrap_or(head);
    let time_clause = commas > 0 && first_clause.ends_with(['后', '时', '前']);
    (n > 0
        && !opens_running_text(head)
        && !has_modal(head)
        && !time_clause
        && !copula_lead_in(head, c, after)
        && bare * 2 >= n
        && n <= 48
        && commas <= 2
        && (after.is_empty() || chars_ge(after, 8))
        && !is_inline_enumeration(head))
    .then_some((p, c))
}

/// `一是……`, `首先……`, `——……`: an inline enumeration or a dash-led line, not a heading.
pub(crate) fn is_inline_enumeration(s: &str) -> bool {
    let mut it = s.chars();
    let first = it.next();
    let second = it.next();
    matches!(second, Some('是' | '要')) && first.is_some_and(|c| "一二三四五六七八九十".contains(c))
        || s.starts_with("首先")
        || s.starts_with("其次")
        || s.starts_with("——")
        || s.starts_with("──")
        || s.starts_with("--")
}

// ---------------------------------------------------------------------------------------------
// titles and genre

/// Last words of a title (文种, GB/T 9704-2012 and the 条例 of 党政机关公文处理工作条例), and the
/// genre they name.
const KIND_WORDS: &[(&str, DocKind)] = &[
    ("实施意见", DocKind::Opinion),
    ("指导意见", DocKind::Opinion),
    ("意见", DocKind::Opinion),
    ("决定", DocKind::Decision),
    ("决议", DocKind::Resolution),
    ("方案", DocKind::Plan),
    ("规划", DocKind::Plan),
    ("计划", DocKind::Plan),
    ("措施", DocKind::Plan),
    ("预案", DocKind::Plan),
    ("纲要", DocKind::Plan),
    ("通知", DocKind::Notice),
    ("通报", DocKind::Notice),
    ("公告", DocKind::Notice),
    ("通告", DocKind::Notice),
    ("公报", DocKind::Notice),
    ("命令", DocKind::Order),
    ("令", DocKind::Order),
    ("批复", DocKind::Reply),
    ("复函", DocKind::Reply),
    ("答复", DocKind::Reply),
    ("函", DocKind::Reply),
    ("报告", DocKind::Report),
    ("请示", DocKind::Report),
    ("议案", DocKind::Report),
    ("条例", DocKind::Regulation),
    ("规定", DocKind::Regulation),
    ("办法", DocKind::Regulation),
    ("细则", DocKind::Regulation),
    ("规则", DocKind::Regulation),
    ("规程", DocKind::Regulation),
    ("准则", DocKind::Regulation),
    ("解释", DocKind::Regulation),
    ("法典", DocKind::Regulation),
    ("修正案", DocKind::Regulation),
    ("安排", DocKind::Other),
    ("宪法", DocKind::Regulation),
    ("法", DocKind::Regulation),
    ("纪要", DocKind::Other),
    // a party committee's proposals for a plan (`……的建议`)
    ("建议", DocKind::Other),
    // the same words in a traditional-script copy (those written alike are above)
    ("意見", DocKind::Opinion),
    ("決定", DocKind::Decision),
    ("決議", DocKind::Resolution),
    ("規劃", DocKind::Plan),
    ("計劃", DocKind::Plan),
    ("預案", DocKind::Plan),
    ("綱要", DocKind::Plan),
    ("通報", DocKind::Notice),
    ("公報", DocKind::Notice),
    ("批覆", DocKind::Reply),
    ("復函", DocKind::Reply),
    ("答覆", DocKind::Reply),
    ("報告", DocKind::Report),
    ("請示", DocKind::Report),
    ("議案", DocKind::Report),
    ("條例", DocKind::Regulation),
    ("規定", DocKind::Regulation),
    ("辦法", DocKind::Regulation),
    ("細則", DocKind::Regulation),
    ("規則", DocKind::Regulation),
    ("規程", DocKind::Regulation),
    ("準則", DocKind::Regulation),
    ("解釋", DocKind::Regulation),
    ("紀要", DocKind::Other),
];

/// A title that a web page prints with the document number after it in brackets
/// (`……的通知(岳办发〔2017〕2号)`) or before it (`晋政办发〔2017〕55号 ……的通知`): the title and
/// the number.
pub(crate) fn title_number(t: &str) -> Option<(&str, &str)> {
    if let Some(inner_end) = t.strip_suffix(['）', ')']) {
        let open = inner_end.rfind(['（', '('])?;
        let inner = &inner_end[open..];
        let inner = &inner[inner.chars().next()?.len_utf8()..];
        let head = t[..open].trim_end_matches(is_space);
        return (!head.is_empty() && doc_number(inner).is_some()).then_some((head, inner));
    }
    // a number first: it ends at a 号 within its first 40 characters (at most 160 bytes)
    head_of(t, 160)
        .match_indices(['号', '號'])
        .map(|(p, m)| p + m.len())
        .take_while(|&end| chars_le(&t[..end], 40))
        .find_map(|end| {
            let rest = t[end..].trim_start_matches(is_space);
            (!rest.is_empty() && doc_number(&t[..end]).is_some()).then_some((rest, &t[..end]))
        })
}

/// A title as a page may print it: with its number (see [`title_number`]) and whole in 《》
/// (`《……的通知》`, `京政办发〔2016〕26号《……的通知》`, a page's headline). The title without
/// them, and the number.
pub(crate) fn title_parts(t: &str) -> (&str, Option<&str>) {
    let (head, number) = title_number(t).map_or((t, None), |(h, n)| (h, Some(n)));
    (unwrap_quoted(head).unwrap_or(head), number)
}

/// The inside of a line that is one pair of 《》 (a title quoted whole; one inside it is 〈〉).
fn unwrap_quoted(t: &str) -> Option<&str> {
    let inner = t.strip_prefix('《')?.strip_suffix('》')?;
    (!inner.contains(['《', '》'])).then_some(inner)
}

/// A line that is a title printed whole in 《》, its number glued in front or not: the title
/// inside ends in a genre word and is a title's shape (no sentence punctuation).
pub(crate) fn wrapped_title(t: &str) -> Option<&str> {
    let (title, _) = title_parts(t);
    let wrapped = title.len() < t.len() && t.trim_end().ends_with('》');
    (wrapped
        && chars_ge(title, 4)
        && !title.contains(['。', '；', '！', '？', '：', ':', '，'])
        && title_kind(title).is_some())
    .then_some(title)
}

/// A title a news page prints after a place and a colon (`北京：关于印发……的通知`): the title.
/// The place is two to four ideographs; what follows is a title line.
pub(crate) fn placed_after_colon(t: &str) -> Option<&str> {
    let p = t.find(['：', ':'])?;
    let place = &t[..p];
    let n = place.chars().count();
    let rest = t[p..]
        .trim_start_matches(['：', ':'])
        .trim_start_matches(is_space);
    // (not a breadcrumb after its label: `当前位置：首页 > …`)
    ((2..=4).contains(&n)
        && place.chars().all(is_cjk)
        && !rest.contains(['>', '›', '»', '|'])
        && is_title_line(rest))
    .then_some(rest)
}

/// The genre named by the last word of a title (a number in brackets after it set aside).
pub(crate) fn title_kind(title: &str) -> Option<DocKind> {
    // the last characters of the genre words: most lines end in none of them, nor in a mark a
    // number or a note after the genre word ends in
    const AFTER_WORD: &[char] = &['）', ')', '》', '号', '號', '—', '年', '（', '(', '-'];
    let last = title.chars().next_back()?;
    if !(last.is_ascii_digit()
        || AFTER_WORD.contains(&last)
        || WORD_LAST.binary_search(&last).is_ok())
    {
        return None;
    }
    let title = title_number(title).map_or(title, |(head, _)| head);
    let title = unwrap_quoted(title).unwrap_or(title);
    let t = title.trim_end_matches(|c: char| {
        c == '）'
            || c == ')'
            || c.is_ascii_digit()
            || c == '—'
            || c == '年'
            || c == '（'
            || c == '('
            || c == '-'
    });
    // a short bracketed note after the genre word: `（一）`, `（试行）`, `（2020年修订）`; or
    // the document's date, as a compilation prints it (`……的通知（2023年3月13日）`)
    let noted = title
        .strip_suffix(['）', ')'])
        .and_then(|x| x.rfind(['（', '(']).map(|p| &x[..p]))
        .filter(|x| chars_le(&title[x.len()..], 10))
        .or_else(|| dated_title(title))
        .unwrap_or(title);
    // (only a form that ends in a genre word's last character can end in a genre word)
    let ends_in_word = |x: &str| {
        x.chars()
            .next_back()
            .is_some_and(|c| WORD_LAST.binary_search(&c).is_ok())
    };
    let forms: [Option<&str>; 3] = [title, t, noted].map(|x| Some(x).filter(|x| ends_in_word(x)));
    if forms.iter().all(Option::is_none) {
        return None;
    }
    KIND_WORDS
        .iter()
        .find(|(w, _)| forms.iter().flatten().any(|x| x.ends_with(w)))
        .map(|(_, k)| *k)
}

/// A title with the document's date after it in brackets, as a compilation prints each of
/// its documents (`……的通知（2023年3月13日）`, blanks in the date or not): the title without it.
pub(crate) fn dated_title(t: &str) -> Option<&str> {
    let inner = t.strip_suffix(['）', ')'])?;
    let p = inner.rfind(['（', '('])?;
    let date: String = inner[p..]
        .trim_start_matches(['（', '('])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    (chars_le(&date, 16) && crate::numbering::parse_date(&date).is_some()).then(|| &t[..p])
}

/// The last characters of the genre words, sorted.
static WORD_LAST: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<char> = KIND_WORDS
        .iter()
        .filter_map(|(w, _)| w.chars().next_back())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// A heading of the law ladder (`第一编　总则`, `第三章`, `第二节`, `第五条`), as in a table of
/// contents.
pub(crate) fn is_law_heading(t: &str) -> bool {
    let Some(rest) = t.strip_prefix('第') else {
        return false;
    };
    let end = rest
        .find(|c: char| !"〇零一二三四五六七八九十百千".contains(c))
        .unwrap_or(rest.len());
    end > 0 && rest[end..].starts_with(['编', '章', '节', '条', '編', '節', '條'])
}

/// A line that can be (part of) a title: short, no sentence punctuation, not a number, date,
/// chrome or a news lead.
pub(crate) fn title_piece(t: &str) -> bool {
    title_shape(t)
        && !(marker(t).is_some()
            || is_chrome(t)
            || doc_number(t).is_some()
            || parse_date(t).is_some()
            || publication_datetime(t).is_some()
            || attachment_label(t).is_some())
}

/// What [`title_piece`] asks of a line beyond its kind (the classification stage knows that it
/// is no marker, chrome, number, date or label): short, no sentence punctuation, no table of
/// contents or law heading, no citation alone, no news lead.
pub(crate) fn title_shape(t: &str) -> bool {
    !(t.is_empty()
        || chars_gt(t, 120)
        || t.starts_with('目') && squeeze(t).starts_with("目录")
        || is_law_heading(t)
        || t.contains(['。', '；', '！', '？', '!', '?', '：', ':', '，'])
        || t.starts_with('《') && t.ends_with('》')
        || t.contains("审议通过")
        // markup of a site generator: a wiki link or directive (`[[toc]]`), a Markdown link
        // (`[81](#t81)`), a container (`::: tip`), a tab (`@tab 章节`), a rule (`----`)
        || t.contains("[[")
        || t.contains("](")
        || t.starts_with([':', '@'])
        || t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '=' | '*' | '_')))
}

/// A line of page navigation that a title is never split from: a breadcrumb separator, or a
/// line carrying bracket or bullet chrome.
pub(crate) fn is_nav_piece(t: &str) -> bool {
    chars_le(t, 2)
        && !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || is_cjk(c))
        || t.contains(['【', '】', '>', '›', '»', '|', '■', '●', '◆', '•', '▪', '◦'])
}

/// True when `t` alone on a line reads as a title: the canonical writer writes a title line only
/// when it does, so that the title reads back from it.
pub(crate) fn is_title_line(t: &str) -> bool {
    let u = unspace(t);
    title_piece(t) && title_kind(&u).is_some() && chars_ge(&u, 4) && balanced(&u)
}

/// A title that ends in no genre word, as it may stand right above a document's number or
/// addressee (the reader takes it there by its place): title-like pieces, 6 to 120 characters,
/// brackets balanced, no navigation word.
pub(crate) fn placed_title(t: &str) -> bool {
    let u = unspace(t);
    title_piece(t) && chars_ge(&u, 6) && chars_le(&u, 120) && balanced(&u) && !is_nav_piece(t)
}

// ---------------------------------------------------------------------------------------------
// page chrome, metadata box, publication lines

/// Keys of a page's metadata box (white space removed).
pub(crate) const BOX_KEYS: &[&str] = &[
    "索引号",
    "信息索引号",
    "主题分类",
    "发文机关",
    "发布机关",
    "发布机构",
    "成文日期",
    "发文日期",
    "标题",
    "名称",
    "发文字号",
    "文号",
    "发布日期",
    "公开日期",
    "主题词",
    "有效性",
    "效力状态",
    "公文种类",
    "文种",
    "体裁分类",
    "组配分类",
    "服务对象",
    "信息分类",
    "公开方式",
    "公开形式",
    "公开范围",
    "公开时限",
    "生效日期",
    "实施日期",
    "废止日期",
    "所属机构",
    "文件编号",
    "分类",
    "主题",
    // a law database's box
    "颁布日期",
    "颁布单位",
    "发布部门",
    "时效性",
    "效力级别",
    "发文文号",
    "统一编号",
    "内容概述",
    "内容概要",
];

/// Keys of publication lines, which are page chrome with meaning.
pub(crate) const PUBLICATION_KEYS: &[&str] = &[
    "来源",
    "信息来源",
    "文章来源",
    "稿源",
    "发布时间",
    "发表时间",
    "发布日期",
    "更新时间",
    "原标题",
    "时间",
];

/// Lines of page chrome: navigation, footers, licences, sharing widgets.
pub(crate) fn is_chrome(t: &str) -> bool {
    // a Markdown link whose text is chrome (`[上一篇：……](https://……)`), however long its target
    if let Some(text) = t
        .strip_prefix('[')
        .and_then(|x| x.find("](").map(|end| &x[..end]))
    {
        if is_chrome(text) {
            return true;
        }
    }
    const CONTAINS: &[&str] = &[
        "ICP备",
        "ICP证",
        "公网安备",
        "版权所有",
        "Copyright",
        "copyright",
        "网站标识码",
        "许可证",
        "技术支持",
        "主办单位",
        "承办单位",
        "网站地图",
        "联系我们",
        "返回顶部",
        "关闭窗口",
        "打印本页",
        "【打印】",
        "【关闭】",
        "分享到",
        "扫码下载",
        "扫一扫",
        "我要举报",
        "阅读原文",
        "责任编辑",
        "版权声明",
        "浏览次数",
        "浏览量",
        "下载地址",
        "视力保护色",
        "访问量",
        "阅读量",
        "阅读数",
        "点击量",
        "点击数",
        "相关链接",
        "相关附件",
        "相关报道",
        "相关阅读",
        "上一篇",
        "下一篇",
    ];
    // one pass over the line for all of them, not a search for each
    static CHROME_WORDS: std::sync::LazyLock<Words> =
        std::sync::LazyLock::new(|| Words::new(CONTAINS));
    const STARTS: &[&str] = &[
        "©",
        "上一篇",
        "下一篇",
        "原标题",
        "主办：",
        "主办:",
        "本文为",
        "本文来源",
        "编辑：",
        "编辑:",
        "字号",
        "【字体",
        "【字号",
        "[字体",
        "[字号",
    ];
    const EQUALS: &[&str] = &[
        "收藏",
        "字号",
        "打印",
        "关闭",
        "分享",
        "登录",
        "注册",
        "首页",
        "反馈",
        "举报",
        "+1",
        "下载",
        "全屏",
        "加大",
        "还原",
        "减小",
        "简体",
        "繁体",
        "】",
        "下载客户端",
        "无障碍",
    ];
    // the first byte of every opening above: most paragraphs open with none of them
    static FIRST: std::sync::LazyLock<[bool; 256]> = std::sync::LazyLock::new(|| {
        let mut first = [false; 256];
        for p in STARTS.iter().chain(EQUALS).chain(&["<!--"]) {
            first[usize::from(p.as_bytes()[0])] = true;
        }
        first
    });
    let longest_equal = EQUALS.iter().map(|e| e.len()).max().unwrap_or(0);
    // a footer's words in a short line that is no sentence and leads to none but a label's list
    // (`相关报道：`; `许可证` in a 条 about licences is text)
    let sentence = || {
        t.ends_with(['。', '；', '！', '？'])
            || t.contains('，')
            || (t.ends_with('：') && chars_gt(t, 10))
    };
    chars_le(t, 50) && !sentence() && CHROME_WORDS.occur_in(t)
        // a site's copyright notice is one even as a sentence (`声明：……版权所有，未经许可不得转载。`)
        || t.len() <= 240
            && t.contains("版权所有")
            && chars_le(t, 80)
            && (t.contains("转载") || t.contains("复制") || t.contains("镜像"))
        || FIRST[usize::from(t.as_bytes().first().copied().unwrap_or(0))]
            && (t.starts_with("<!--") && t.ends_with("-->")
                || STARTS.iter().any(|p| t.starts_with(p))
                || {
                    // a widget's label with its colon (`分享：`)
                    let w = t.trim_end_matches(['：', ':']);
                    w.len() <= longest_equal && EQUALS.contains(&w)
                })
        || t.starts_with(":::") && is_container_fence(t)
}

/// A Markdown container's fence (`:::`, `::: right`, `::: warning 原文链接`, `:::: {.note}`:
/// markdown-it-container, VuePress, Docusaurus, Pandoc fenced divs): three colons or more, alone
/// or before the container's name. Markup of the page, not its text.
pub(crate) fn is_container_fence(t: &str) -> bool {
    let rest = t.trim_start_matches(':');
    t.len() - rest.len() >= 3
        && (rest.is_empty()
            || rest.starts_with([' ', '{'])
            || rest.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// `2020-06-30 10:35` (optionally seconds) at the start of a line: the ISO date-time.
pub(crate) fn publication_datetime(t: &str) -> Option<String> {
    let t = t.trim();
    let b = t.as_bytes();
    if b.len() < 10 || !(b[4] == b'-' && b[7] == b'-') {
        return None;
    }
    let date = parse_date(t.get(..10)?)?;
    let rest = t.get(10..)?.trim_start();
    let time: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let ok_time = time.len() >= 4 && time.contains(':');
    let tail = rest[time.len()..].trim();
    if !tail.is_empty() && chars_gt(tail, 30) {
        return None;
    }
    Some(if ok_time {
        format!("{date}T{time}")
    } else {
        date.to_string()
    })
}

/// A publication line that sets several `key:value` pairs apart by spaces, one of them a
/// publication key (`作者:X 时间:2024-06-25 14:15:56 浏览:8552 来源:Y`): the pairs. A key is one
/// to six ideographs before a colon; a piece without one goes on the value before it (the time
/// of a date).
pub(crate) fn publication_pairs(t: &str) -> Option<Vec<(&str, &str)>> {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    let mut rest = t.trim_matches(is_space);
    while !rest.is_empty() {
        let p = rest.find(['：', ':'])?;
        let key = rest[..p].trim_matches(is_space);
        if key.is_empty() || !chars_le(key, 6) || !key.chars().all(is_cjk) {
            return None;
        }
        let after = &rest[p + rest[p..].chars().next()?.len_utf8()..];
        // the value runs to the next `key:` after white space
        let mut end = after.len();
        let mut i = 0;
        while let Some(sp) = after[i..].find(is_space) {
            let at = i + sp;
            let next = after[at..].trim_start_matches(is_space);
            let starts_key = next
                .find(['：', ':'])
                .is_some_and(|q| q > 0 && chars_le(&next[..q], 6) && next[..q].chars().all(is_cjk));
            if starts_key {
                end = at;
                break;
            }
            i = at + after[at..].chars().next().map_or(1, char::len_utf8);
        }
        // (a bar between pairs, `来源: | 发布时间: …`, is no value's)
        let value = after[..end].trim_matches(|c: char| is_space(c) || c == '|' || c == '｜');
        pairs.push((key, value));
        rest = after[end..].trim_start_matches(is_space);
    }
    (pairs.len() >= 2 && pairs.iter().any(|(k, _)| PUBLICATION_KEYS.contains(k))).then_some(pairs)
}

/// Splits `key：value` at the first colon when the key (white space removed) is one of `keys`.
pub(crate) fn key_value<'t>(t: &'t str, keys: &[&str]) -> Option<(String, &'t str)> {
    // a key is short: its colon stands within the first 48 bytes
    let p = head_of(t, 48).find(['：', ':'])?;
    // a list bullet before the key (`• 索引号：`, a page's list items as text)
    let key = squeeze(t[..p].trim_start_matches(BULLETS));
    let sep = t[p..].chars().next()?.len_utf8();
    keys.contains(&key.as_str())
        .then(|| (key, t[p + sep..].trim_matches(is_space)))
}

/// A line that stands for an object of the page (a table): U+FFFC OBJECT REPLACEMENT
/// CHARACTER alone. It is a paragraph of its own: never joined to a line, never a heading, a
/// title or a subtitle.
pub(crate) const OBJECT_LINE: &str = "\u{FFFC}";

/// The fields of a metadata box line (`索 引 号：\t000014349/2019-00005\t主题分类：\t…`).
pub(crate) fn box_fields(t: &str) -> Option<Vec<Field>> {
    // the first cell opens with a key, or the line is no box line (most lines: no allocation)
    let first = t
        .split('\t')
        .map(|c| c.trim_matches(is_space))
        .find(|c| !c.is_empty())?;
    if key_value(first, BOX_KEYS).is_none() {
        return spaced_box_fields(t);
    }
    // cells set apart by tabs, or by spaces before the next key (`索引号: … 组配分类: …`)
    let cells: Vec<&str> = t
        .split(['\t'])
        .flat_map(split_at_keys)
        .map(|c| c.trim_matches(is_space))
        .filter(|c| !c.is_empty())
        .collect();
    let mut out: Vec<Field> = Vec::new();
    let mut pending: Option<String> = None;
    for cell in cells {
        if let Some((key, value)) = key_value(cell, BOX_KEYS) {
            if let Some(k) = pending.take() {
                out.push(Field {
                    key: k,
                    value: String::new(),
                });
            }
            if value.is_empty() {
                pending = Some(key);
            } else {
                out.push(Field {
                    key,
                    value: value.to_string(),
                });
            }
        } else if let Some(k) = pending.take() {
            out.push(Field {
                key: k,
                value: cell.to_string(),
            });
        } else {
            return None;
        }
    }
    if let Some(k) = pending {
        out.push(Field {
            key: k,
            value: String::new(),
        });
    }
    (!out.is_empty()).then_some(out)
}

/// The fields of a box line whose cells a page's table left set apart by spaces alone, keys
/// letter-spaced or not (`索引号 002482242/2011-37736 发布机构 某某厅`, `文  号 yjya_001 有 效 性`):
/// two keys or more, the first opening the line; what stands between keys is the value.
pub(crate) fn spaced_box_fields(t: &str) -> Option<Vec<Field>> {
    // most lines: a first word longer than any key (a space within its first 16 bytes, or none)
    head_of(t, 16).find(is_space)?;
    if chars_gt(t, 200) {
        return None;
    }
    let tokens: Vec<&str> = t.split(is_space).filter(|x| !x.is_empty()).collect();
    // a key at token `i`: one token, or two or three letter-spaced pieces of one or two
    let key_at = |i: usize| -> Option<(String, usize)> {
        (1..=3usize).rev().find_map(|m| {
            let parts = tokens.get(i..i + m)?;
            if m > 1 && !parts.iter().all(|p| chars_le(p, 2)) {
                return None;
            }
            let joined: String = parts.concat();
            // (`公开日期:` with its colon, the rest of the line without)
            let joined = joined.trim_end_matches(['：', ':']).to_string();
            BOX_KEYS.contains(&joined.as_str()).then_some((joined, m))
        })
    };
    let mut out: Vec<Field> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((key, m)) = key_at(i) {
            out.push(Field {
                key,
                value: String::new(),
            });
            i += m;
        } else {
            let f = out.last_mut()?;
            if !f.value.is_empty() {
                f.value.push(' ');
            }
            f.value.push_str(tokens[i]);
            i += 1;
        }
    }
    (out.len() >= 2).then_some(out)
}

/// A cell cut before every box key that follows white space in it.
fn split_at_keys(cell: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut after_space = false;
    for (i, c) in cell.char_indices() {
        if is_space(c) {
            after_space = true;
            continue;
        }
        // (a bullet before the first key is the key's, not a cell)
        let before = cell[start..i].trim_matches(|c: char| is_space(c) || BULLETS.contains(&c));
        if after_space && !before.is_empty() && key_value(&cell[i..], BOX_KEYS).is_some() {
            out.push(&cell[start..i]);
            start = i;
        }
        after_space = false;
    }
    out.push(&cell[start..]);
    out
}

// ---------------------------------------------------------------------------------------------
// head and closing

/// A document number line: `国发〔2019〕5号`, `（国办发〔2023〕17 号）`, `渝经信规范〔2025〕13号`.
pub(crate) fn doc_number(t: &str) -> Option<DocNumber> {
    let inner = t
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')'])
        .trim();
    if chars_gt(inner, 40) {
        return None;
    }
    let open = inner.find(['〔', '[', '［', '（', '(', '【'])?;
    let code = inner[..open].trim();
    let after = &inner[open..];
    let olen = after.chars().next()?.len_utf8();
    let close = after.find(['〕', ']', '］', '）', ')', '】'])?;
    let year: u16 = after[olen..close].trim().parse().ok()?;
    let clen = after[close..].chars().next()?.len_utf8();
    let tail = after[close + clen..].trim();
    let seq_txt = tail
        .strip_suffix(['号', '號'])?
        .trim()
        .trim_start_matches('第');
    let seq: u32 = seq_txt.parse().ok()?;
    if code.is_empty()
        || chars_gt(code, 16)
        || !(1900..=2200).contains(&year)
        || code
            .chars()
            .any(|c| c.is_ascii_digit() || "，。：".contains(c))
    {
        return None;
    }
    Some(DocNumber {
        text: t.to_string(),
        code: code.to_string(),
        year,
        seq,
    })
}

/// An adoption line: `（2020年6月30日中国共产党……第十次全体会议通过）`.
pub(crate) fn adoption(t: &str) -> Option<Adoption> {
    let bracketed = t
        .strip_prefix(['（', '('])
        .and_then(|x| x.strip_suffix(['）', ')']));
    let inner = bracketed.unwrap_or(t);
    let body = inner
        .strip_suffix("通过")
        .or_else(|| inner.strip_suffix("批准"))?;
    let (date, meeting) = match find_date(body) {
        Some((date, range)) if range.start == 0 => {
            (Some(date), body[range.end..].trim_matches(is_space))
        }
        // `（十届区委十次全会通过）`: a meeting without a date, in brackets only
        None if bracketed.is_some()
            && body.contains('会')
            && chars_le(body, 60)
            && !body.contains(['。', '，']) =>
        {
            (None, body.trim_matches(is_space))
        }
        _ => return None,
    };
    Some(Adoption {
        meeting: (!meeting.is_empty()).then(|| meeting.to_string()),
        date,
        line: Some(t.to_string()),
    })
}

/// A signature line of a closing block: an organ's name, short, no sentence punctuation.
pub(crate) fn is_signature(t: &str) -> bool {
    chars_ge(t, 2)
        && chars_le(t, 40)
        && !t.chars().any(|c| {
            matches!(
                c,
                '。' | '，' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '《' | '“'
            )
        })
        && marker(t).is_none()
        && parse_date(t).is_none()
}

/// A note of a closing block: `（此件公开发布）`, `（联系人：……）`.
pub(crate) fn is_note(t: &str) -> bool {
    (t.starts_with('（') && t.ends_with('）') || t.starts_with('(') && t.ends_with(')'))
        && chars_le(t, 80)
        && marker(t).is_none()
}

/// A Markdown thematic break: three or more of one of `-`, `*`, `_`, blanks between allowed.
pub(crate) fn is_thematic_break(t: &str) -> bool {
    let mut marks = t.chars().filter(|c| *c != ' ');
    let Some(first) = marks.next() else {
        return false;
    };
    matches!(first, '-' | '*' | '_') && {
        let rest: Vec<char> = marks.collect();
        rest.len() >= 2 && rest.iter().all(|&c| c == first)
    }
}

/// `t` with each Markdown link (`[附件1：……表.docx](https://……)`) read as its text, as a page
/// shows it: what a crawl to Markdown makes of a page's links to its attachments. Borrowed when
/// `t` holds no link.
pub(crate) fn unlinked(t: &str) -> std::borrow::Cow<'_, str> {
    if !t.contains("](") {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(open) = rest.find('[') {
        let inner = &rest[open + 1..];
        // the link's text, then its target in brackets up to the first `)` (no blank in it)
        let link = inner.find("](").and_then(|mid| {
            let target = &inner[mid + 2..];
            let close = target.find(')')?;
            (!inner[..mid].contains('[') && !target[..close].contains(char::is_whitespace))
                .then(|| (mid, mid + 2 + close + 1))
        });
        match link {
            Some((mid, end)) => {
                out.push_str(&rest[..open]);
                out.push_str(&inner[..mid]);
                rest = &inner[end..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Label of an attachment page: `附件`, `附件1`, `附件 2`, `附件一：`.
pub(crate) fn attachment_label(t: &str) -> Option<Option<u32>> {
    // `附：` alone on its line labels what follows as attached
    if t == "附：" || t == "附:" {
        return Some(None);
    }
    let rest = t.strip_prefix("附件")?.trim_matches(is_space);
    if rest.is_empty() {
        return Some(None);
    }
    // the number, then at most a colon or a full stop (`附件2：`, `附件1.`); `附件：` without a
    // number opens a list of attachments
    let rest = rest
        .strip_suffix(['：', ':', '.', '．'])
        .unwrap_or(rest)
        .trim_matches(is_space);
    if rest.is_empty() {
        return None;
    }
    if rest.chars().all(|c| c.is_ascii_digit()) && rest.len() <= 3 {
        return Some(rest.parse().ok());
    }
    crate::numbering::chinese_number(rest).map(Some)
}

/// `附件1：某某目录`: an attachment's label with its title on the same line after a colon. The
/// number, the label (colon included) and the title. Whether it labels the attachment's text or
/// opens a list naming attachments, what follows it says (the reader asks).
pub(crate) fn label_with_title(t: &str) -> Option<(u32, &str, &str)> {
    let rest = t.strip_prefix("附件")?;
    let colon = rest.find(['：', ':'])?;
    let num = rest[..colon].trim_matches(is_space);
    let value = if !num.is_empty() && num.len() <= 3 && num.bytes().all(|b| b.is_ascii_digit()) {
        num.parse().ok()?
    } else {
        crate::numbering::chinese_number(num)?
    };
    let end = "附件".len() + colon + rest[colon..].chars().next()?.len_utf8();
    let title = t[end..].trim_matches(is_space);
    (!title.is_empty() && chars_le(title, 60) && !title.ends_with(['。', '；'])).then_some((
        value,
        &t[..end],
        title,
    ))
}

/// The line of an imprint (版记) that names the bodies a copy goes to: `抄送：……`, `抄报：……`.
pub(crate) fn is_copy_to(t: &str) -> bool {
    let t = t.trim_start_matches(is_space);
    (t.starts_with("抄送") || t.starts_with("抄报"))
        && t["抄送".len()..]
            .trim_start_matches(is_space)
            .starts_with(['：', ':'])
}

/// The line of an imprint (版记) that gives the office and date of printing:
/// `某某办公室　2020年4月28日印发`.
pub(crate) fn is_printed(t: &str) -> bool {
    // (or reprinted by another office: `……2020年12月22日翻印`)
    t.strip_suffix("印发")
        .or_else(|| t.strip_suffix("翻印"))
        .is_some_and(|x| {
            let x = x.trim_end_matches(is_space);
            x.ends_with('日') && x.contains('年') && x.contains('月') && chars_le(t, 60)
        })
}

/// True for the line that starts an attachment list (附件说明): `附件：1．……`, `附：……`.
pub(crate) fn is_attachment_list(t: &str) -> bool {
    t.starts_with("附件：")
        || t.starts_with("附件:")
        || t.starts_with("附：") && t.len() > "附：".len()
        || first_entry_glued(t)
}

/// `附件1.深圳湾口岸……`: the list's first entry glued to `附件` (its number, a separator, its
/// title), the next entries on lines of their own.
fn first_entry_glued(t: &str) -> bool {
    let Some(rest) = t.strip_prefix("附件") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let after = &rest[digits..];
    ['.', '．', '、']
        .iter()
        .find_map(|&sep| after.strip_prefix(sep))
        .is_some_and(|title| !title.trim_matches(is_space).is_empty())
}

/// The title in 《》 of a news lead that reports the adoption or issue of a document.
pub(crate) fn lead_quoted_title(t: &str) -> Option<String> {
    if !(t.contains("通过") || t.contains("印发") || t.contains("发布") || t.contains("审议"))
    {
        return None;
    }
    let a = t.find('《')?;
    let b = t.rfind('》')?;
    if b <= a {
        return None;
    }
    let inner = &t[a + '《'.len_utf8()..b];
    (is_title_line(inner) && chars_ge(inner, 6)).then(|| inner.to_string())
}

/// The meeting named in a news lead (`今天十届区委十次全会举行`), and the day relative to
/// publication (0 for 今天).
pub(crate) fn lead_meeting(t: &str) -> Option<(String, Option<i32>)> {
    let body = t.strip_suffix("举行").or_else(|| t.strip_suffix("召开"))?;
    let (day, meeting) = if let Some(m) = body
        .strip_prefix("今天")
        .or_else(|| body.strip_prefix("今日"))
    {
        (Some(0), m)
    } else {
        (None, body)
    };
    let meeting = meeting.trim();
    (chars_ge(meeting, 3)
        && chars_le(meeting, 40)
        && (meeting.contains("会") || meeting.contains("全会")))
    .then(|| (meeting.to_string(), day))
}

/// A line that labels notes after the body: `注：`, `注释`, `名词解释`, `注：1.……` (the label, and
/// the byte length of the label with its colon).
pub(crate) fn notes_label(t: &str) -> Option<usize> {
    let t2 = t.trim_start_matches(['【', '〔', '[']);
    let lead = t.len() - t2.len();
    for w in ["名词解释", "名词注释", "注释", "注解", "说明", "注"] {
        if let Some(rest) = t2.strip_prefix(w) {
            let rest_trim = rest.trim_start_matches(['】', '〕', ']']);
            let after_close = rest.len() - rest_trim.len();
            if rest_trim.is_empty() {
                // the label alone on its line (`注` alone is too short to be sure)
                return (w != "注" && w != "说明").then_some(t.len());
            }
            if let Some(r) = rest_trim.strip_prefix(['：', ':']) {
                let colon = rest_trim.len() - r.len();
                // `说明：` before prose is a paragraph, not a notes block: only before a list
                if w == "说明" && crate::numbering::marker(r.trim_start()).is_none() {
                    return None;
                }
                return Some(lead + w.len() + after_close + colon);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn thematic_breaks() {
        for yes in ["---", "***", "___", "- - -", "-----"] {
            assert!(is_thematic_break(yes), "{yes}");
        }
        for no in ["--", "-*-", "——", "---a", ""] {
            assert!(!is_thematic_break(no), "{no}");
        }
    }

    #[test]
    fn links_read_as_their_text() {
        assert_eq!(
            unlinked("[附件1：申报书.docx](https://www.example.gov.cn/a/P1.docx)"),
            "附件1：申报书.docx"
        );
        assert_eq!(
            unlinked("附件：[1.申报书.docx](/a/P1.docx)、[2.汇总表](/a/P2.xls)"),
            "附件：1.申报书.docx、2.汇总表"
        );
        // no link: the text as it is; brackets that open none
        assert!(matches!(
            unlinked("附件1：申报书"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(unlinked("[注] 见[1](说明 文字)"), "[注] 见[1](说明 文字)");
        assert_eq!(unlinked("[a](b"), "[a](b");
    }

    /// A first sentence with a subject before its modal verb rules, it names nothing: body
    /// text. A heading may open with a modal (`必须坚持……`).
    #[test]
    fn a_subject_before_a_modal_is_no_heading() {
        assert_eq!(
            split_heading("团员应当增强团员意识，主动按月交纳团费。遇到特殊情况可以按季度交纳。"),
            None
        );
        assert_eq!(
            split_heading("基层委员会可以留存一定比例的团费。留存比例应当向基层倾斜。"),
            None
        );
        assert_eq!(
            split_heading("必须坚持党的全面领导。各级党组织要把方向、谋大局。"),
            Some((
                "必须坚持党的全面领导",
                Some('。'),
                "各级党组织要把方向、谋大局。"
            ))
        );
    }

    #[test]
    fn a_clause_ending_in_a_semicolon_is_no_heading() {
        // the first clause of a sentence, more of it after the `；`
        assert_eq!(
            split_heading("从1996年起，新开工项目由银行贷款；续建项目，今后仍由其安排贷款。"),
            None
        );
        // an entry of an enumeration
        assert_eq!(split_heading("完善体制机制；"), None);
        // a run-in heading sentence
        assert_eq!(
            split_heading("加强组织领导。各地要建立工作机制。"),
            Some(("加强组织领导", Some('。'), "各地要建立工作机制。"))
        );
    }

    /// What `heading_end_within` finds, decoding every character (as it did before it went byte
    /// by byte).
    fn by_chars(s: &str, max: usize) -> Option<(usize, char)> {
        let mut depth: i32 = 0;
        for (k, (i, c)) in s.char_indices().enumerate() {
            if k > max {
                return None;
            }
            match c {
                '《' | '“' | '（' | '(' | '「' => depth += 1,
                '》' | '”' | '）' | ')' | '」' => depth -= 1,
                '。' | '：' | '；' | '！' | '？' if depth <= 0 => return Some((i, c)),
                _ => {}
            }
        }
        None
    }

    #[test]
    fn the_heading_end_is_found_where_decoding_every_character_finds_it() {
        let cases = [
            "",
            "确保学深悟透。全区上下",
            "（一）加强领导：各部门",
            "坚持《条例》“两个”（试行）「规定」。后",
            "（未闭合。后面：还有",
            "a(b)c。d",
            "é😀𠀀加强。ü",
            "）先关后开（。再",
            "没有句末标点的一整行文字",
        ];
        for s in cases {
            for max in [0, 1, 2, 5, 18, 30, usize::MAX] {
                assert_eq!(heading_end_within(s, max), by_chars(s, max), "{s:?} {max}");
            }
        }
    }

    proptest! {
        #[test]
        fn the_heading_end_agrees_on_any_text(
            s in "[a-z()（）《》“”「」。：；！？，、加强😀é 𠀀]{0,40}",
            max in 0usize..45,
        ) {
            prop_assert_eq!(heading_end_within(&s, max), by_chars(&s, max));
        }
    }

    #[test]
    fn titles_numbers_labels() {
        assert!(is_title_line("国务院关于加强某项工作的通知"));
        assert!(is_title_line("国 家 粮 食 应 急 预 案"));
        assert!(!is_title_line("各省、自治区、直辖市人民政府："));
        assert_eq!(title_kind("政府工作报告"), Some(DocKind::Report));
        let n = doc_number("（国办发〔2023〕17 号）").expect("a number");
        assert_eq!((n.code.as_str(), n.year, n.seq), ("国办发", 2023, 17));
        assert_eq!(attachment_label("附件2"), Some(Some(2)));
        assert_eq!(attachment_label("附件"), Some(None));
        assert_eq!(attachment_label("附件："), None);
        assert_eq!(attachment_label("附件2："), Some(Some(2)));
        assert_eq!(attachment_label("附件1."), Some(Some(1)));
        assert_eq!(attachment_label("附件二"), Some(Some(2)));
        assert_eq!(attachment_label("附件1.深圳湾口岸"), None);
        assert!(is_attachment_list(
            "附件1.深圳湾口岸港方口岸区的查验区界址点坐标"
        ));
        assert!(!is_attachment_list("附件1."));
        assert!(!is_attachment_list("附件12345.甲"));
        assert_eq!(notes_label("名词解释"), Some("名词解释".len()));
        assert_eq!(notes_label("注：1.本表"), Some("注：".len()));
        assert_eq!(notes_label("注意安全。"), None);
        assert_eq!(notes_label("说明：本办法自发布之日起施行。"), None);
        assert_eq!(unspace("国 家　粮食 ABC 2019"), "国家粮食 ABC 2019");
        // a list of co-issuers keeps its gaps; one word set apart, or letter-spacing, does not
        assert_eq!(
            unspace("科技部办公厅 教育部办公厅 中科院办公厅印发《方案》的通知"),
            "科技部办公厅 教育部办公厅 中科院办公厅印发《方案》的通知"
        );
        assert_eq!(
            unspace("最高人民法院 最高人民检察院 公安部 关于办理案件的意见"),
            "最高人民法院 最高人民检察院 公安部关于办理案件的意见"
        );
        assert_eq!(
            unspace("东阳市人民政府办公室 关于印发《方案》的通知"),
            "东阳市人民政府办公室关于印发《方案》的通知"
        );
        assert_eq!(
            unspace("国 务 院 办 公 厅 关于印发《方案》的通知"),
            "国务院办公厅关于印发《方案》的通知"
        );
        assert_eq!(open_brackets("（联系人："), 1);
        assert_eq!(open_brackets("（此件公开发布）"), 0);
        assert_eq!(open_brackets("“双向"), 1);
        assert_eq!(open_brackets("《条例（试行）》「说明」【注】〔2024〕(a"), 1);
        assert_eq!(open_brackets("）》”后"), 0);
    }
}
