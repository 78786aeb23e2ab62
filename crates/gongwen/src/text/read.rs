//! The plain-text reader: decides what is page chrome, what is metadata and what is the document,
//! keeps all three, and builds the body hierarchy.
//!
//! The reader is general: it knows the genre (GB/T 9704 elements and numbering, news leads,
//! metadata boxes, notices that issue other documents), never a particular document.

use super::lines::{
    chars, chars_ge, chars_gt, chars_le, ends_sentence, is_space, split, squeeze, Line,
};
use super::words::Words;
use crate::error::{decode_utf8, Error, Position};
use crate::model::*;
use crate::numbering::{find_date, marker, parse_date, Marker};

/// Limits that keep a hostile input from exhausting memory or time.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Reads a document from bytes that should be UTF-8 (a BOM is allowed).
pub fn read_bytes(bytes: &[u8]) -> Result<Document, Error> {
    read(decode_utf8(bytes)?)
}

/// Reads a document from text: a page as published or gongwen's canonical text.
pub fn read(src: &str) -> Result<Document, Error> {
    if src.len() > MAX_INPUT_BYTES {
        return Err(Error::Limit {
            what: "input size",
            limit: MAX_INPUT_BYTES,
            at: Position::at(src, MAX_INPUT_BYTES),
        });
    }
    let lines = split(src);
    if lines.iter().all(Line::is_blank) {
        return Err(Error::Empty);
    }
    Ok(Reader { lines: &lines }.document())
}

struct Reader<'s, 'a> {
    lines: &'s [Line<'a>],
}

/// Keys of a page's metadata box (white space removed).
const BOX_KEYS: &[&str] = &[
    "索引号",
    "信息索引号",
    "主题分类",
    "发文机关",
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
];

/// Keys of publication lines, which are page chrome with meaning.
const PUBLICATION_KEYS: &[&str] = &["来源", "信息来源", "文章来源", "稿源", "发布时间", "原标题"];

/// Last words of a title, and the genre they name.
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
    ("批复", DocKind::Reply),
    ("复函", DocKind::Reply),
    ("函", DocKind::Reply),
    ("报告", DocKind::Report),
    ("条例", DocKind::Regulation),
    ("规定", DocKind::Regulation),
    ("办法", DocKind::Regulation),
    ("细则", DocKind::Regulation),
    ("规则", DocKind::Regulation),
    ("解释", DocKind::Regulation),
    ("法典", DocKind::Regulation),
    ("法", DocKind::Regulation),
    ("纪要", DocKind::Other),
];

fn title_kind(title: &str) -> Option<DocKind> {
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
    KIND_WORDS
        .iter()
        .find(|(w, _)| title.ends_with(w) || t.ends_with(w))
        .map(|(_, k)| *k)
}

/// Lines of page chrome: navigation, footers, licences, sharing widgets.
fn is_chrome(t: &str) -> bool {
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
        "访问量",
    ];
    // one pass over the line for all of them, not a search for each
    static CHROME_WORDS: std::sync::LazyLock<Words> =
        std::sync::LazyLock::new(|| Words::new(CONTAINS));
    const STARTS: &[&str] = &[
        "©",
        "原标题",
        "主办：",
        "主办:",
        "本文为",
        "本文来源",
        "编辑：",
        "编辑:",
        "字号",
        "【字体",
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
        "下载客户端",
    ];
    t.starts_with("<!--") && t.ends_with("-->")
        || chars_le(t, 50) && CHROME_WORDS.occur_in(t)
        || STARTS.iter().any(|p| t.starts_with(p))
        || EQUALS.contains(&t)
}

/// `2020-06-30 10:35` (optionally seconds) at the start of a line: the ISO date-time.
fn publication_datetime(t: &str) -> Option<String> {
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

/// Splits `key：value` at the first colon when the key (white space removed) is one of `keys`.
fn key_value<'t>(t: &'t str, keys: &[&str]) -> Option<(String, &'t str)> {
    let p = t.find(['：', ':'])?;
    let key = squeeze(&t[..p]);
    let sep = t[p..].chars().next()?.len_utf8();
    keys.contains(&key.as_str())
        .then(|| (key, t[p + sep..].trim_matches(is_space)))
}

/// The fields of a metadata box line (`索 引 号：\t000014349/2019-00005\t主题分类：\t…`).
fn box_fields(t: &str) -> Option<Vec<Field>> {
    let cells: Vec<&str> = t
        .split(['\t'])
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

/// A document number line: `国发〔2019〕5号`, `（国办发〔2023〕17 号）`, `渝经信规范〔2025〕13号`.
pub(crate) fn doc_number(t: &str) -> Option<DocNumber> {
    let inner = t
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')'])
        .trim();
    let open = inner.find(['〔', '[', '［', '（', '(', '【'])?;
    let code = inner[..open].trim();
    let after = &inner[open..];
    let olen = after.chars().next()?.len_utf8();
    let close = after.find(['〕', ']', '］', '）', ')', '】'])?;
    let year: u16 = after[olen..close].trim().parse().ok()?;
    let clen = after[close..].chars().next()?.len_utf8();
    let tail = after[close + clen..].trim();
    let seq_txt = tail.strip_suffix('号')?.trim().trim_start_matches('第');
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
fn adoption(t: &str) -> Option<Adoption> {
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
fn is_signature(t: &str) -> bool {
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
fn is_note(t: &str) -> bool {
    (t.starts_with('（') && t.ends_with('）') || t.starts_with('(') && t.ends_with(')'))
        && chars_le(t, 80)
        && marker(t).is_none()
}

/// Label of an attachment page: `附件`, `附件1`, `附件 2`, `附件一：`.
fn attachment_label(t: &str) -> Option<Option<u32>> {
    if t.ends_with('：') || t.ends_with(':') {
        return None;
    }
    let rest = t
        .strip_prefix("附件")?
        .trim_matches(is_space)
        .trim_end_matches(['：', ':'])
        .trim();
    if rest.is_empty() {
        return Some(None);
    }
    if rest.chars().all(|c| c.is_ascii_digit()) && rest.len() <= 3 {
        return Some(rest.parse().ok());
    }
    crate::numbering::chinese_number(rest).map(Some)
}

/// True for the line that starts an attachment list (附件说明): `附件：1．……`.
fn is_attachment_list(t: &str) -> bool {
    t.starts_with("附件：") || t.starts_with("附件:")
}

/// The title of an attachment that is a table or a list (汇总表, 名单, 考核指标).
fn is_tabular_title(t: &str) -> bool {
    ["表", "清单", "名单", "名录", "目录", "一览", "指标", "明细"]
        .iter()
        .any(|w| t.ends_with(w))
}

/// Removes letter-spacing between Chinese characters (`国 家 粮 食` → `国家粮食`), keeping
/// spaces between other characters.
fn unspace(t: &str) -> String {
    let cs: Vec<char> = t.chars().collect();
    let cjk =
        |c: char| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    let mut out = String::with_capacity(t.len());
    for (i, &c) in cs.iter().enumerate() {
        if is_space(c) {
            let prev = cs[..i].iter().rev().find(|x| !is_space(**x));
            let next = cs[i + 1..].iter().find(|x| !is_space(**x));
            if prev.is_some_and(|p| cjk(*p) && !is_space(*p))
                && next.is_some_and(|n| cjk(*n) && !is_space(*n))
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A line that can be (part of) a title: short, no sentence punctuation, not a number, date,
/// chrome or a news lead.
fn title_piece(t: &str) -> bool {
    !(t.is_empty()
        || chars_gt(t, 120)
        || marker(t).is_some()
        || t.starts_with("目录")
        || t.starts_with("目　录")
        || is_law_heading(t)
        || t.chars()
            .any(|c| matches!(c, '。' | '；' | '！' | '？' | '!' | '?' | '：' | ':' | '，'))
        || is_chrome(t)
        || t.starts_with('《') && t.ends_with('》')
        || t.contains("审议通过")
        || doc_number(t).is_some()
        || parse_date(t).is_some()
        || publication_datetime(t).is_some()
        || attachment_label(t).is_some())
}

/// A heading of the law ladder (`第一编　总则`, `第三章`, `第二节`), as in a table of contents.
fn is_law_heading(t: &str) -> bool {
    let Some(rest) = t.strip_prefix('第') else {
        return false;
    };
    let end = rest
        .find(|c: char| !"〇零一二三四五六七八九十百千".contains(c))
        .unwrap_or(rest.len());
    end > 0 && rest[end..].starts_with(['编', '章', '节', '条'])
}

/// A line of page navigation that a title is never split from: a breadcrumb separator, or a
/// line carrying bracket or bullet chrome.
fn is_nav_piece(t: &str) -> bool {
    chars_le(t, 2) || t.contains(['【', '】', '>', '›', '»', '|', '■', '●', '◆'])
}

/// True when `t` alone on a line reads as a title: the canonical writer writes a title line only
/// when it does, so that the title reads back from it.
pub(crate) fn is_title_line(t: &str) -> bool {
    let u = unspace(t);
    title_piece(t) && title_kind(&u).is_some() && chars_ge(&u, 4) && balanced(&u)
}

/// True when every 《 and （ in `s` is closed.
fn balanced(s: &str) -> bool {
    s.matches('《').count() == s.matches('》').count()
        && s.matches(['（', '(']).count() == s.matches(['）', ')']).count()
}

/// A title candidate: the lines (1–4) and the joined text.
struct TitleAt {
    first: usize,
    last: usize,
    text: String,
}

impl<'s, 'a> Reader<'s, 'a> {
    fn next_text(&self, mut i: usize, end: usize) -> Option<usize> {
        while i < end {
            if !self.lines[i].is_blank() {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// True when the non-blank line before `i` is a breadcrumb separator (`>`, `›`, `|`).
    fn after_breadcrumb(&self, i: usize) -> bool {
        (0..i)
            .rev()
            .find(|&k| !self.lines[k].is_blank())
            .is_some_and(|k| {
                let t = self.lines[k].text;
                t.ends_with(['>', '›', '»', '|']) || t.ends_with("&gt;")
            })
    }

    /// A title starting at line `i`: up to four non-blank lines ending in a genre word.
    fn title_at(&self, i: usize, end: usize) -> Option<TitleAt> {
        let mut text = String::new();
        let mut j = i;
        for _ in 0..4 {
            let l = self.lines[j];
            let t = l.body();
            if !title_piece(t) {
                return None;
            }
            // the pieces of a title split over lines are never navigation, and a title does
            // not begin right after a breadcrumb separator
            let split = j > i || title_kind(&unspace(t)).is_none();
            if split && (is_nav_piece(t) || (j == i && self.after_breadcrumb(i))) {
                return None;
            }
            text.push_str(&unspace(t));
            if title_kind(&text).is_some() && chars_ge(&text, 4) && balanced(&text) {
                return Some(TitleAt {
                    first: i,
                    last: j,
                    text,
                });
            }
            j = self.next_text(j + 1, end)?;
            // a title may be split over lines separated by one blank line, not more
            if j > i && self.lines[j - 1].is_blank() && j >= 2 && self.lines[j - 2].is_blank() {
                return None;
            }
        }
        None
    }

    fn document(&self) -> Document {
        let n = self.lines.len();
        let first_marker = (0..n)
            .find(|&i| marker(self.lines[i].body()).is_some_and(|m| m.kind == NodeKind::Part));
        // the title: the first title-like line(s) before the body begins
        let search_end = first_marker.unwrap_or(n);
        let mut title: Option<TitleAt> = None;
        let mut i = 0;
        while i < search_end {
            if !self.lines[i].is_blank() && box_fields(self.lines[i].text).is_none() {
                if let Some(mut t) = self.title_at(i, search_end) {
                    // an issuer mark line above a title that opens with 关于 is not part of it
                    if !self.lines[t.first].body().contains("关于") {
                        let later = (t.first + 1..=t.last)
                            .find(|&k| self.lines[k].body().starts_with("关于"));
                        if let Some(r) = later.and_then(|k| self.title_at(k, search_end)) {
                            t = r;
                        }
                    }
                    title = Some(t);
                    break;
                }
            }
            i += 1;
        }
        let mut doc = Document::default();
        let mut residue: Vec<(usize, ResidueRole)> = Vec::new();
        let body_start;
        let mut lead_title: Option<String> = None;
        if let Some(t) = &title {
            body_start = t.first;
        } else {
            // no title line: the document starts with its preamble (a news page that reports it)
            let any_marker =
                first_marker.or_else(|| (0..n).find(|&i| marker(self.lines[i].body()).is_some()));
            let anchor = any_marker.unwrap_or(n);
            let mut s = anchor;
            let mut k = anchor;
            while k > 0 {
                k -= 1;
                let t = self.lines[k].text;
                if t.is_empty() {
                    continue;
                }
                if ends_sentence(t)
                    && chars_ge(t, 20)
                    && !is_chrome(t)
                    && box_fields(t).is_none()
                    && key_value(t, PUBLICATION_KEYS).is_none()
                {
                    s = k;
                } else {
                    break;
                }
            }
            if any_marker.is_none() {
                // no numbered body: the first paragraph-like line after the chrome, else the
                // first line that is not page matter
                let page = |t: &str| {
                    is_chrome(t)
                        || box_fields(t).is_some()
                        || key_value(t, PUBLICATION_KEYS).is_some()
                        || publication_datetime(t).is_some()
                };
                s = (0..n)
                    .find(|&k| {
                        let t = self.lines[k].text;
                        ends_sentence(t) && chars_ge(t, 20) && !page(t)
                    })
                    .or_else(|| {
                        (0..n).find(|&k| !self.lines[k].is_blank() && !page(self.lines[k].text))
                    })
                    .unwrap_or(n);
            }
            body_start = s;
            for k in 0..s {
                if let Some(x) = lead_quoted_title(self.lines[k].text) {
                    lead_title = Some(x);
                }
            }
        }
        // classify the lines above the document
        for k in 0..body_start {
            let t = self.lines[k].text;
            if t.is_empty() {
                continue;
            }
            let role = if box_fields(t).is_some() {
                ResidueRole::MetadataBox
            } else if key_value(t, PUBLICATION_KEYS).is_some() || publication_datetime(t).is_some()
            {
                ResidueRole::Publication
            } else if lead_quoted_title(t).is_some() || lead_meeting(t).is_some() {
                ResidueRole::Lead
            } else {
                ResidueRole::Chrome
            };
            residue.push((k, role));
        }
        // the end of the document: the first chrome line after the body has begun
        let mut end = n;
        let mut seen_body = false;
        for k in body_start..n {
            let t = self.lines[k].text;
            if t.is_empty() {
                continue;
            }
            if is_chrome(t) && seen_body {
                end = k;
                break;
            }
            let b = self.lines[k].body();
            if title.as_ref().is_none_or(|ti| k > ti.last)
                && (marker(b).is_some() || ends_sentence(b) && chars_ge(b, 20))
            {
                seen_body = true;
            }
        }
        for k in end..n {
            if !self.lines[k].is_blank() {
                let role = if key_value(self.lines[k].text, PUBLICATION_KEYS).is_some() {
                    ResidueRole::Publication
                } else {
                    ResidueRole::Chrome
                };
                residue.push((k, role));
            }
        }
        // the document proper
        let mut pos = body_start;
        if let Some(t) = &title {
            doc.meta.title = Some(t.text.clone());
            doc.meta.title_lines = self.title_lines(t.first, t.last, &t.text);
            pos = t.last + 1;
            pos = self.head(&mut doc, pos, end);
        } else if let Some(x) = lead_title {
            doc.meta.title = Some(x);
            doc.meta.title_from = TitleSource::Lead;
        }
        let first_label = (pos..end)
            .find(|&k| !self.lines[k].is_blank() && attachment_label(self.lines[k].text).is_some())
            .unwrap_or(end);
        let parsed = self.body(pos, first_label, true);
        doc.preamble = parsed.preamble;
        doc.body = parsed.nodes;
        doc.closing = parsed.closing;
        doc.diagnostics = parsed.diagnostics;
        let mut rest_start = parsed.end;
        // documents issued or forwarded, and attachments
        let quoted = quoted_titles(&doc);
        let mut attachments = Vec::new();
        while let Some(s) = self.next_text(rest_start, end) {
            let (att, next, diags) = self.attachment(s, end, &quoted);
            doc.diagnostics.extend(diags);
            attachments.push(att);
            rest_start = next;
        }
        doc.attachments = attachments;
        self.metadata(&mut doc, &residue);
        doc.residue = self.group_residue(&residue);
        doc
    }

    /// Reads the head after the title: number, adoption line, subtitle lines, addressee.
    fn head(&self, doc: &mut Document, mut pos: usize, end: usize) -> usize {
        while let Some(k) = self.next_text(pos, end) {
            let t = self.lines[k].text;
            if doc.meta.number.is_none() {
                if let Some(num) = doc_number(t) {
                    doc.meta.number = Some(num);
                    pos = k + 1;
                    continue;
                }
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
                        joined.push_str(self.lines[x].text);
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
                && marker(t).is_none()
                && !t.contains('。')
            {
                doc.meta.addressee = Some(t.to_string());
                pos = k + 1;
                break;
            }
            if doc.meta.addressee.is_none()
                && doc.meta.subtitle.len() < 3
                && chars_le(t, 40)
                && !ends_sentence(t)
                && marker(t).is_none()
                && parse_date(t).is_none()
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
    fn title_lines(&self, first: usize, last: usize, title: &str) -> Vec<String> {
        let lines: Vec<String> = (first..=last)
            .filter(|&k| !self.lines[k].is_blank())
            .map(|k| self.lines[k].text.to_string())
            .collect();
        if lines.len() == 1 && lines[0] == title {
            Vec::new()
        } else {
            lines
        }
    }

    /// The title of an attachment page, which web pages may split into fragments
    /// (`天津市` / `2023` / `年……汇总表`): its last line and the joined text.
    fn attachment_title(&self, k: usize, end: usize) -> Option<(usize, String)> {
        const ENDINGS: &[&str] = &[
            "表", "单", "目录", "清单", "名录", "指标", "要点", "一览", "明细", "汇编", "图",
        ];
        let mut text = String::new();
        let mut j = k;
        for _ in 0..6 {
            let t = self.lines[j].text;
            if t.is_empty()
                || chars_gt(t, 40)
                || ends_sentence(t)
                || t.contains(['，', '。'])
                || marker(t).is_some()
                || attachment_label(t).is_some()
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

    /// Reads one attachment or forwarded document starting at line `s`.
    fn attachment(
        &self,
        s: usize,
        end: usize,
        quoted: &[String],
    ) -> (Attachment, usize, Vec<Diagnostic>) {
        let l = self.lines[s];
        let mut pos = s;
        let mut att = Attachment {
            label: None,
            num: None,
            content: Document::default(),
            span: l.span(),
        };
        let mut title_text = None;
        if let Some(num) = attachment_label(l.text) {
            let mut label = l.text.to_string();
            att.num = num;
            pos = s + 1;
            // `附件` with its number on the next line, as web pages split it
            if num.is_none() {
                if let Some(k) = self.next_text(pos, end) {
                    let t = self.lines[k].text;
                    if !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) {
                        att.num = t.parse().ok();
                        label.push('\n');
                        label.push_str(t);
                        pos = k + 1;
                    }
                }
            }
            att.label = Some(label);
            if let Some(k) = self.next_text(pos, end) {
                let t = self.lines[k].text;
                if let Some((last, text)) = self.attachment_title(k, end) {
                    att.content.meta.title_lines = self.title_lines(k, last, &text);
                    title_text = Some(text);
                    pos = last + 1;
                } else if let Some(ti) = self.title_at(k, end) {
                    att.content.meta.title_lines = self.title_lines(ti.first, ti.last, &ti.text);
                    title_text = Some(ti.text);
                    pos = ti.last + 1;
                } else if !ends_sentence(t)
                    && chars_le(t, 60)
                    && marker(t).is_none()
                    && attachment_label(t).is_none()
                {
                    title_text = Some(t.to_string());
                    pos = k + 1;
                }
            }
        } else if let Some(ti) = self.title_at(s, end) {
            att.content.meta.title_lines = self.title_lines(ti.first, ti.last, &ti.text);
            title_text = Some(ti.text);
            pos = ti.last + 1;
        }
        // the content runs to the next attachment label or the next forwarded title
        let mut stop = end;
        let mut k = pos;
        while k < end {
            let t = self.lines[k].text;
            if !t.is_empty() && k > pos {
                let is_label = attachment_label(t).is_some();
                let is_quoted = self
                    .title_at(k, end)
                    .is_some_and(|ti| quoted.iter().any(|q| squeeze(q) == squeeze(&ti.text)))
                    && title_text
                        .as_deref()
                        .is_none_or(|tt| squeeze(tt) != squeeze(t));
                if is_label || is_quoted {
                    stop = k;
                    break;
                }
            }
            k += 1;
        }
        let mut content = Document::default();
        content.meta.title = title_text;
        content.meta.title_lines = std::mem::take(&mut att.content.meta.title_lines);
        // a table or a list of names: its numbered rows are not structure
        if content.meta.title.as_deref().is_some_and(is_tabular_title) {
            content.preamble = (pos..stop)
                .filter(|&x| !self.lines[x].is_blank())
                .map(|x| Paragraph {
                    text: self.lines[x].text.to_string(),
                    span: self.lines[x].span(),
                })
                .collect();
            att.content = content;
            return (att, stop, Vec::new());
        }
        let head_end = if content.meta.title.is_some() {
            self.head(&mut content, pos, stop)
        } else {
            pos
        };
        let parsed = self.body(head_end, stop, false);
        content.preamble = parsed.preamble;
        content.body = parsed.nodes;
        content.closing = parsed.closing;
        if let Some(t) = &content.meta.title {
            content.meta.kind = title_kind(t).unwrap_or_default();
        }
        derive_issuers(&mut content);
        let mut diags = parsed.diagnostics;
        // anything after the closing of an attachment that is not another attachment stays in it
        let mut from = parsed.end;
        while from < stop && self.next_text(from, stop).is_some() {
            let extra = self.body(from, stop, false);
            content.preamble.extend(extra.preamble);
            content.body.extend(extra.nodes);
            content.closing.extend(extra.closing);
            diags.extend(extra.diagnostics);
            if extra.end <= from {
                break;
            }
            from = extra.end;
        }
        att.content = content;
        (att, stop, diags)
    }

    /// Reads the body from `pos` to `end`: preamble, hierarchy and closing block.
    fn body(&self, pos: usize, end: usize, main: bool) -> Body {
        let closing_at = self.find_closing(pos, end, main);
        let body_end = closing_at.map_or(end, |(s, _)| s);
        let mut tree = Tree::default();
        for k in pos..body_end {
            let l = self.lines[k];
            if l.is_blank() {
                continue;
            }
            tree.line(l);
        }
        let (mut preamble, mut nodes, mut diagnostics) = tree.finish();
        demote_lists(&mut preamble, &mut nodes);
        drop_minority_headings(&mut nodes);
        let preamble = measures::apply_root(preamble, &mut nodes);
        measures::apply(&mut nodes);
        mark_guarantees(&mut nodes);
        let mut closing = Vec::new();
        let mut after = end;
        if let Some((s, e)) = closing_at {
            let mut in_list = false;
            for k in s..e {
                let l = self.lines[k];
                if l.is_blank() {
                    continue;
                }
                let t = l.text;
                let role = if is_attachment_list(t) {
                    in_list = true;
                    ClosingRole::AttachmentList
                } else if in_list && marker(t).is_some_and(|m| m.kind == NodeKind::Item) {
                    ClosingRole::AttachmentList
                } else if parse_date(t).is_some() {
                    in_list = false;
                    ClosingRole::Date
                } else if is_note(t) {
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
                    span: l.span(),
                });
            }
            after = e;
        }
        if closing_at.is_none() {
            after = end;
        }
        diagnostics.sort_by_key(|d| d.span.offset);
        Body {
            preamble,
            nodes,
            closing,
            diagnostics,
            end: after,
        }
    }

    /// Finds the closing block (attachment list, signatures, date, notes): its line range.
    fn find_closing(&self, pos: usize, end: usize, main: bool) -> Option<(usize, usize)> {
        let mut k = pos;
        let mut seen_text = false;
        while k < end {
            let t = self.lines[k].text;
            if t.is_empty() {
                k += 1;
                continue;
            }
            if parse_date(t).is_some() && seen_text {
                // walk back over signature lines and an attachment list
                let mut s = k;
                let mut j = k;
                let mut sigs = 0;
                while j > pos {
                    j -= 1;
                    let u = self.lines[j].text;
                    if u.is_empty() {
                        continue;
                    }
                    if is_signature(u) && sigs < 8 && !is_attachment_list(u) {
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
                    let u = self.lines[j].text;
                    if u.is_empty() {
                        continue;
                    }
                    steps += 1;
                    if is_attachment_list(u) {
                        list_start = Some(j);
                        break;
                    }
                    if !(marker(u).is_some_and(|m| m.kind == NodeKind::Item)
                        || chars_le(u, 40) && !ends_sentence(u))
                    {
                        break;
                    }
                }
                if let Some(ls) = list_start {
                    s = ls;
                }
                // a signature line that is really the last heading of the body is not part of it
                let mut e = k + 1;
                while let Some(x) = self.next_text(e, end) {
                    if is_note(self.lines[x].text) {
                        e = x + 1;
                    } else {
                        break;
                    }
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
                return Some((s, e));
            }
            seen_text = true;
            k += 1;
        }
        // no dated closing: an attachment list (附件说明) still closes the body
        let k = (pos..end).find(|&k| is_attachment_list(self.lines[k].text) && k > pos)?;
        let tail: Vec<&str> = (k..end)
            .map(|x| self.lines[x].text)
            .filter(|t| !t.is_empty())
            .collect();
        (tail.len() <= 80 && tail.iter().all(|t| chars_le(t, 60))).then_some((k, end))
    }

    /// Fills in the metadata derived from the document and the residue around it.
    fn metadata(&self, doc: &mut Document, residue: &[(usize, ResidueRole)]) {
        let mut publication = Publication::default();
        let mut last_chrome_before_date: Option<&str> = None;
        let mut fields: Vec<Field> = Vec::new();
        let mut meeting: Option<String> = None;
        let mut adopted_in_lead = false;
        let mut relative_day: Option<i32> = None;
        for (k, role) in residue {
            let t = self.lines[*k].text;
            match role {
                ResidueRole::MetadataBox => fields.extend(box_fields(t).unwrap_or_default()),
                ResidueRole::Publication => {
                    if let Some(dt) = publication_datetime(t) {
                        publication.datetime.get_or_insert(dt);
                        if publication.headline.is_none() {
                            publication.headline = last_chrome_before_date.map(str::to_string);
                        }
                    } else if let Some((key, value)) = key_value(t, PUBLICATION_KEYS) {
                        match key.as_str() {
                            "原标题" => {
                                let v = value
                                    .strip_prefix('《')
                                    .and_then(|v| v.strip_suffix('》'))
                                    .unwrap_or(value);
                                publication.headline = Some(v.to_string());
                            }
                            "发布时间" => {
                                if let Some(dt) = publication_datetime(value) {
                                    publication.datetime = Some(dt);
                                }
                            }
                            _ => {
                                if !value.is_empty() {
                                    publication.source.get_or_insert(value.to_string());
                                }
                            }
                        }
                    }
                }
                ResidueRole::Lead => {
                    if let Some((m, day)) = lead_meeting(t) {
                        meeting = Some(m);
                        relative_day = day;
                    }
                    if t.contains("通过") {
                        adopted_in_lead = true;
                    }
                }
                ResidueRole::Chrome => {
                    if chars_ge(t, 8) && !t.contains("ICP") {
                        last_chrome_before_date = Some(t);
                    }
                }
                ResidueRole::Unplaced => {}
            }
        }
        let field = |key: &str| {
            fields
                .iter()
                .find(|f| f.key == key)
                .map(|f| f.value.as_str())
                .filter(|v| !v.is_empty())
        };
        if publication.datetime.is_none() {
            if let Some(d) = field("发布日期").and_then(parse_date) {
                publication.datetime = Some(d.to_string());
            }
        }
        let meta = &mut doc.meta;
        if meta.title.is_none() {
            meta.title = field("标题").or_else(|| field("名称")).map(str::to_string);
            if meta.title.is_some() {
                meta.title_from = TitleSource::MetadataBox;
            }
        }
        if let Some(t) = &meta.title {
            meta.kind = title_kind(t).unwrap_or_default();
        }
        if meta.number.is_none() {
            meta.number = field("发文字号")
                .or_else(|| field("文号"))
                .and_then(doc_number);
        }
        if adopted_in_lead && meta.adopted.is_none() && meeting.is_some() {
            let date = match (relative_day, publication.datetime.as_deref()) {
                (Some(0), Some(dt)) => Date::try_from(dt[..10.min(dt.len())].to_string()).ok(),
                _ => None,
            };
            meta.adopted = Some(Adoption {
                meeting,
                date,
                line: None,
            });
        }
        meta.signed = doc
            .closing
            .iter()
            .find(|c| c.role == ClosingRole::Date)
            .and_then(|c| parse_date(&c.text));
        if meta.signed.is_none() {
            meta.signed = field("成文日期").and_then(parse_date);
        }
        let box_issuer = field("发文机关").map(|v| {
            v.split([' ', '　', '、', '\t'])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        });
        derive_issuers(doc);
        if doc.meta.issuers.is_empty() {
            if let Some(b) = box_issuer {
                doc.meta.issuers = b;
            }
        }
        if publication != Publication::default() {
            doc.meta.publication = Some(publication);
        }
        doc.meta.fields = fields;
    }

    /// Groups residue lines into verbatim blocks of one role.
    fn group_residue(&self, lines: &[(usize, ResidueRole)]) -> Vec<Residue> {
        let mut out: Vec<Residue> = Vec::new();
        let mut prev: Option<(usize, ResidueRole)> = None;
        for &(k, role) in lines {
            let l = self.lines[k];
            let joinable = prev.is_some_and(|(pk, pr)| {
                pr == role && (pk + 1..k).all(|x| self.lines[x].is_blank())
            });
            if joinable {
                if let Some(last) = out.last_mut() {
                    for x in prev.map_or(k, |p| p.0) + 1..=k {
                        last.text.push('\n');
                        last.text.push_str(self.lines[x].text);
                    }
                    last.span.len = l.text_start + l.text.len() - last.span.offset;
                }
            } else {
                out.push(Residue {
                    role,
                    text: l.text.to_string(),
                    span: l.span(),
                });
            }
            prev = Some((k, role));
        }
        out
    }
}

/// The title in 《》 of a news lead that reports the adoption or issue of a document.
fn lead_quoted_title(t: &str) -> Option<String> {
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
fn lead_meeting(t: &str) -> Option<(String, Option<i32>)> {
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

/// Titles a notice names in 《》 in its own text (documents it issues or forwards).
fn quoted_titles(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let mut scan = |s: &str| {
        let mut rest = s;
        while let Some(a) = rest.find('《') {
            let after = &rest[a + '《'.len_utf8()..];
            let Some(b) = after.find('》') else { break };
            out.push(after[..b].to_string());
            rest = &after[b..];
        }
    };
    for p in &doc.preamble {
        scan(&p.text);
    }
    if let Some(t) = &doc.meta.title {
        scan(t);
    }
    out
}

/// Issuers from the title (`X关于…`), else from the signature lines.
fn derive_issuers(doc: &mut Document) {
    if let Some(t) = &doc.meta.title {
        if let Some(p) = t.find("关于") {
            let who = &t[..p];
            if !who.is_empty() && chars_le(who, 60) {
                doc.meta.issuers = who
                    .split(['、', ' ', '　'])
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                return;
            }
        }
    }
    // the signatures directly above the date of signing
    let date_at = doc
        .closing
        .iter()
        .position(|c| c.role == ClosingRole::Date)
        .unwrap_or(doc.closing.len());
    let sigs: Vec<String> = doc.closing[..date_at]
        .iter()
        .rev()
        .take_while(|c| c.role == ClosingRole::Signature)
        .map(|c| c.text.clone())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if !sigs.is_empty() {
        doc.meta.issuers = sigs;
    }
}

/// A numbered list of names (`1.北京市……` one a line, nothing else) is a list, not structure:
/// a run of three or more bare items at the start of a container becomes its paragraphs.
fn demote_lists(paragraphs: &mut Vec<Paragraph>, nodes: &mut Vec<Node>) {
    let bare = |n: &Node| {
        matches!(n.kind, NodeKind::Item | NodeKind::Subitem)
            && n.children.is_empty()
            && (n.paragraphs.is_empty()
                || n.heading.is_none()
                    && n.paragraphs.len() == 1
                    && n.paragraphs[0].span.line == n.span.line)
    };
    let run = nodes.iter().take_while(|n| bare(n)).count();
    if run >= 3 {
        for n in nodes.drain(..run) {
            let mut text = n.num.map(|x| x.text).unwrap_or_default();
            if let Some(h) = n.heading {
                text.push_str(&h.text);
                text.push_str(h.end.as_deref().unwrap_or(""));
            }
            for p in n.paragraphs {
                text.push_str(&p.text);
            }
            paragraphs.push(Paragraph { text, span: n.span });
        }
    }
    for n in nodes.iter_mut() {
        demote_lists(&mut n.paragraphs, &mut n.children);
    }
}

/// Where most numbered nodes of a level have no heading (their first sentence is body text),
/// the few short first sentences among them are body text too, not run-in headings.
fn drop_minority_headings(nodes: &mut [Node]) {
    fn count(ns: &[Node], kind: NodeKind, with: &mut usize, without: &mut usize) {
        for n in ns {
            if n.kind == kind && n.num.is_some() {
                if n.heading.is_some() {
                    *with += 1;
                } else {
                    *without += 1;
                }
            }
            count(&n.children, kind, with, without);
        }
    }
    fn drop(ns: &mut [Node], kind: NodeKind) {
        for n in ns.iter_mut() {
            let sentence = n.heading.as_ref().is_some_and(|h| h.end.is_some());
            if n.kind == kind && sentence {
                if let Some(h) = n.heading.take() {
                    if !h.run_in {
                        n.paragraphs.insert(
                            0,
                            Paragraph {
                                text: String::new(),
                                span: n.span,
                            },
                        );
                    }
                    let p = &mut n.paragraphs[0];
                    let mut text = h.text;
                    text.push_str(h.end.as_deref().unwrap_or(""));
                    text.push_str(&p.text);
                    p.text = text;
                    p.span = n.span;
                    if let Some(num) = &n.num {
                        let skip = num.text.len();
                        p.span.offset += skip;
                        p.span.len = p.span.len.saturating_sub(skip);
                        p.span.column += chars(&num.text) as u32;
                    }
                }
            }
            drop(&mut n.children, kind);
        }
    }
    for kind in [
        NodeKind::Part,
        NodeKind::Section,
        NodeKind::Item,
        NodeKind::Subitem,
    ] {
        let (mut with, mut without) = (0, 0);
        count(nodes, kind, &mut with, &mut without);
        if with + without >= 4 && without * 3 >= (with + without) * 2 {
            drop(nodes, kind);
        }
    }
}

/// Marks the top-level nodes that hold the document's guarantees.
fn mark_guarantees(nodes: &mut [Node]) {
    let last = nodes.iter().rposition(|n| n.num.is_some());
    for (i, n) in nodes.iter_mut().enumerate() {
        let Some(h) = n.heading.as_ref().map(|h| h.text.as_str()) else {
            continue;
        };
        let names = h.contains("组织实施")
            || h.contains("组织领导")
            || h.ends_with("保障")
            || h.ends_with("保障措施")
            || h.ends_with("保障机制")
            || h.ends_with("保障工作")
            || h.contains("实施保障");
        let closing_part = Some(i) == last
            && [
                "工作要求",
                "有关要求",
                "实施要求",
                "相关要求",
                "保障措施",
                "组织保障",
                "工作保障",
            ]
            .iter()
            .any(|w| h.ends_with(w));
        // a domain of substance, not the safeguards of carrying the document out
        let substance = [
            "社会保障",
            "医疗保障",
            "住房保障",
            "民生保障",
            "生活保障",
            "养老保障",
            "就业保障",
        ]
        .iter()
        .any(|w| h.ends_with(w));
        if (names || closing_part) && !substance {
            n.guarantees = true;
        }
    }
}

struct Body {
    preamble: Vec<Paragraph>,
    nodes: Vec<Node>,
    closing: Vec<ClosingLine>,
    diagnostics: Vec<Diagnostic>,
    /// The line after the closing block (or the end of the range).
    end: usize,
}

fn level(kind: NodeKind) -> u8 {
    match kind {
        NodeKind::Part => 1,
        NodeKind::Section => 2,
        NodeKind::Item => 3,
        NodeKind::Subitem => 4,
        NodeKind::Measure => 5,
    }
}

/// Builds the numbered hierarchy line by line.
#[derive(Default)]
struct Tree {
    preamble: Vec<Paragraph>,
    root: Vec<Node>,
    /// Path of indices to the open node.
    open: Vec<usize>,
    /// The last value seen for each level, for numbering that continues across parents.
    last_value: [Option<u32>; 5],
    diagnostics: Vec<Diagnostic>,
}

/// The node at `path` (indices from the root down), which is not empty. A function of the root
/// alone, so that the path can be the tree's own `open` while the root is borrowed.
fn node_at<'t>(root: &'t mut [Node], path: &[usize]) -> &'t mut Node {
    let (first, rest) = path.split_first().expect("non-empty path");
    let mut n = &mut root[*first];
    for &i in rest {
        n = &mut n.children[i];
    }
    n
}

impl Tree {
    fn line(&mut self, l: Line<'_>) {
        let t = l.text;
        let Some(m) = marker(l.body()) else {
            let p = Paragraph {
                text: t.to_string(),
                span: l.span(),
            };
            if self.open.is_empty() {
                self.preamble.push(p);
            } else {
                push_paragraph(&mut node_at(&mut self.root, &self.open).paragraphs, p);
            }
            return;
        };
        let node = numbered_node(l, m);
        // close open nodes at the same or a deeper level
        while !self.open.is_empty() {
            if level(node_at(&mut self.root, &self.open).kind) >= level(m.kind) {
                self.open.pop();
            } else {
                break;
            }
        }
        let last_any = self.last_value[level(m.kind) as usize - 1];
        let in_root = self.open.is_empty();
        let (parent_kind, siblings) = if in_root {
            (None, &self.root)
        } else {
            let parent = node_at(&mut self.root, &self.open);
            (Some(parent.kind), &parent.children)
        };
        let idx = siblings.len();
        let diag = numbering_diagnostic(siblings, &node, m, last_any);
        let num_text = node.num.as_ref().map(|n| n.text.as_str()).unwrap_or("");
        let skipped = (m.kind == NodeKind::Subitem
            && matches!(parent_kind, Some(NodeKind::Part | NodeKind::Section))
            && diag.is_none())
        .then(|| Diagnostic {
            code: "level-skipped".into(),
            severity: Severity::Warning,
            message: format!(
                "subitem `{num_text}` stands directly under a {}: the item level (1.) is skipped",
                parent_kind.map_or("document", NodeKind::as_str)
            ),
            span: Span {
                len: num_text.len(),
                ..node.span
            },
        });
        self.diagnostics.extend(diag.into_iter().chain(skipped));
        self.last_value[level(m.kind) as usize - 1] = Some(m.value);
        if in_root {
            self.root.push(node);
        } else {
            node_at(&mut self.root, &self.open).children.push(node);
        }
        self.open.push(idx);
    }

    fn finish(self) -> (Vec<Paragraph>, Vec<Node>, Vec<Diagnostic>) {
        (self.preamble, self.root, self.diagnostics)
    }
}

fn numbering_diagnostic(
    siblings: &[Node],
    node: &Node,
    m: Marker,
    last_any: Option<u32>,
) -> Option<Diagnostic> {
    let num_text = node.num.as_ref().map(|n| n.text.as_str()).unwrap_or("");
    let kind = m.kind.as_str();
    // point at the number, not the whole line
    let marker_span = Span {
        len: num_text.len(),
        ..node.span
    };
    if let Some(last) = siblings.last() {
        if last.num.is_some() && level(last.kind) > level(m.kind) {
            return Some(Diagnostic {
                code: "level-order".into(),
                severity: Severity::Error,
                message: format!(
                    "{kind} `{num_text}` comes after {} `{}` in the same container: a higher level after a lower one",
                    last.kind.as_str(),
                    last.num.as_ref().map(|n| n.text.as_str()).unwrap_or("")
                ),
                span: marker_span,
            });
        }
    }
    let prev_same = siblings
        .iter()
        .rev()
        .find(|s| s.kind == m.kind)
        .and_then(|s| s.number());
    let expected_from = prev_same.or(last_any);
    match prev_same {
        Some(p) if m.value == p => Some(Diagnostic {
            code: "numbering-repeat".into(),
            severity: Severity::Error,
            message: format!("{kind} `{num_text}` repeats the number of the {kind} before it"),
            span: marker_span,
        }),
        Some(p) if m.value < p => Some(Diagnostic {
            code: "numbering-order".into(),
            severity: Severity::Warning,
            message: format!(
                "{kind} `{num_text}` comes after number {p}: numbering goes backwards"
            ),
            span: marker_span,
        }),
        Some(p) if m.value > p + 1 => Some(Diagnostic {
            code: "numbering-gap".into(),
            severity: Severity::Warning,
            message: format!("{kind} `{num_text}` follows number {p}: expected {}", p + 1),
            span: marker_span,
        }),
        Some(_) => None,
        None => {
            // first of its kind here: 1, or continuing the numbering of the previous parent
            if m.value == 1 || expected_from.is_some_and(|p| m.value == p + 1) {
                None
            } else {
                Some(Diagnostic {
                    code: "numbering-gap".into(),
                    severity: Severity::Warning,
                    message: format!(
                        "{kind} `{num_text}` is the first of its level here: expected 1"
                    ),
                    span: marker_span,
                })
            }
        }
    }
}

/// Sentence-ending marks that close a heading.
fn heading_end(s: &str) -> Option<(usize, char)> {
    heading_end_within(s, usize::MAX)
}

/// The end of a heading of at most `max` characters: `heading_end`, without reading a long
/// paragraph to its end when its heading could not be that short.
///
/// It goes by the first byte of each character: every mark but `(` and `)` is a three-byte
/// character of a block the first byte tells, so an ideograph is only counted and only the
/// characters of those blocks are decoded.
fn heading_end_within(s: &str, max: usize) -> Option<(usize, char)> {
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

/// Adds `p` to a node's paragraphs, making room for that one alone when it is the first: most
/// nodes hold one (a measure, an item), and a vector's first growth makes room for four, which
/// made the paragraph lists a fifth of a model's memory.
fn push_paragraph(ps: &mut Vec<Paragraph>, p: Paragraph) {
    if ps.capacity() == 0 {
        ps.reserve_exact(1);
    }
    ps.push(p);
}

/// A numbered line: marker, then a heading (run-in or alone) and perhaps body text.
fn numbered_node(l: Line<'_>, m: Marker) -> Node {
    let t = l.text;
    let len = l.markup_len() + m.len;
    let num_text = &t[..len];
    let rest_raw = &t[len..];
    let rest = rest_raw.trim_start_matches(is_space);
    let rest_off = len + (rest_raw.len() - rest.len());
    let mut node = Node::new(m.kind);
    node.num = Some(Num {
        text: num_text.to_string(),
        value: m.value,
    });
    node.span = l.span();
    if rest.is_empty() {
        return node;
    }
    match split_heading(rest) {
        Some((head, end, after)) => {
            node.heading = Some(Heading {
                text: head.to_string(),
                end: end.map(String::from),
                run_in: !after.is_empty(),
            });
            if !after.is_empty() {
                let skip = rest_off + rest.len() - after.len();
                push_paragraph(
                    &mut node.paragraphs,
                    Paragraph {
                        text: after.to_string(),
                        span: l.span_from(skip),
                    },
                );
            }
        }
        None => push_paragraph(
            &mut node.paragraphs,
            Paragraph {
                text: rest.to_string(),
                span: l.span_from(rest_off),
            },
        ),
    }
    node
}

/// The heading of a numbered line, given the text after the number: the heading, the mark that
/// closes it, and the body text that follows it on the line. `None` when the text is all body
/// (a long first sentence, an inline enumeration). The canonical writer asks the same question
/// to lay out a numbered paragraph so that it reads back the same.
pub(crate) fn split_heading(rest: &str) -> Option<(&str, Option<char>, &str)> {
    match heading_end_within(rest, 30) {
        Some((p, c)) => {
            let head = &rest[..p];
            let after = rest[p + c.len_utf8()..].trim_start_matches(is_space);
            let commas = head.matches(['，', ',']).count();
            let fits = chars_le(head, 30) && commas <= 1;
            (fits && !head.is_empty() && !is_inline_enumeration(head)).then_some((
                head,
                Some(c),
                after,
            ))
        }
        // no end within 30 characters: all heading if short and without any end
        None if chars_le(rest, 60) && !rest.is_empty() && heading_end(rest).is_none() => {
            Some((rest, None, ""))
        }
        None => None,
    }
}

/// `一是……`, `首先……`: an inline enumeration, not a heading.
fn is_inline_enumeration(s: &str) -> bool {
    let mut it = s.chars();
    let first = it.next();
    let second = it.next();
    matches!(second, Some('是')) && first.is_some_and(|c| "一二三四五六七八九十".contains(c))
        || s.starts_with("首先")
        || s.starts_with("其次")
        || s.starts_with("——")
}

mod measures {
    //! Measures: paragraphs that open with a short run-in heading sentence.

    use super::{chars, heading_end_within, is_inline_enumeration, push_paragraph, Words};
    use crate::model::{Heading, Node, NodeKind, Paragraph, Span};
    use std::sync::LazyLock;

    /// Words that open a sentence of running text, never a run-in heading: modal 要, time and
    /// discourse markers, pronouns.
    const BODY_OPENINGS: &[&str] = &[
        "要",
        "回顾",
        "今年",
        "明年",
        "去年",
        "我们",
        "我国",
        "这",
        "但",
        "同时",
        "此外",
        "另外",
        "目前",
        "当前",
        "近年来",
        "总之",
        "为此",
        "因此",
        "其中",
        "对于",
        "如果",
        "凡",
        "各地",
        "各级",
        "各部门",
        "各有关",
    ];

    /// Run-in headings ending in 。 are imperative verb phrases (动宾结构): they open with a
    /// verb of action or an adverb of manner. A sentence opening with a noun is running text.
    const HEADING_OPENINGS: &[&str] = &[
        "加强",
        "加快",
        "加大",
        "加速",
        "推进",
        "推动",
        "推广",
        "提升",
        "提高",
        "强化",
        "完善",
        "健全",
        "建立",
        "建设",
        "实施",
        "实行",
        "落实",
        "深化",
        "促进",
        "确保",
        "坚持",
        "优化",
        "扩大",
        "发展",
        "支持",
        "培育",
        "打造",
        "构建",
        "营造",
        "注重",
        "实现",
        "筑牢",
        "打响",
        "展现",
        "增强",
        "盘活",
        "壮大",
        "指导",
        "防范",
        "保障",
        "稳定",
        "做好",
        "抓好",
        "切实",
        "全面",
        "积极",
        "大力",
        "着力",
        "持续",
        "不断",
        "进一步",
        "继续",
        "有序",
        "稳妥",
        "多措并举",
        "高质量",
        "统筹",
        "规范",
        "严格",
        "创新",
        "探索",
        "鼓励",
        "引导",
        "开展",
        "组织",
        "明确",
        "压实",
        "夯实",
        "拓展",
        "拓宽",
        "激发",
        "激活",
        "释放",
        "降低",
        "减轻",
        "丰富",
        "改善",
        "维护",
        "巩固",
        "守住",
        "提供",
        "形成",
        "聚焦",
        "发挥",
        "用好",
        "做强",
        "做优",
        "做大",
        "深入",
        "认真",
        "努力",
        "广泛",
        "严厉",
        "依法",
        "坚决",
        "保持",
        "贯彻",
        "服务",
        "增加",
        "减少",
        "简化",
        "便利",
        "放宽",
        "取消",
        "下放",
        "整合",
        "清理",
        "畅通",
        "拓宽",
        "补齐",
        "补强",
        "改进",
        "改革",
        "调整",
        "严守",
        "守牢",
        "树立",
        "弘扬",
        "传承",
        "保护",
        "治理",
        "防控",
        "防治",
        "应对",
        "化解",
        "分类",
        "精准",
        "科学",
        "合理",
        "因地制宜",
        "协同",
        "联动",
        "共建",
        "共享",
        "做实",
        "做细",
        "抓实",
        "扎实",
        "用足",
        "突出",
        "紧扣",
        "围绕",
        "立足",
        "着眼",
        "聚力",
        "凝聚",
        "强",
        "抓",
        "建",
        "育",
        "促",
    ];

    /// Endings of a sentence that leads into a list (`重点包括：`), not a heading.
    const LEAD_INTO_LIST: &[&str] = &[
        "包括",
        "如下",
        "主要有",
        "是",
        "为",
        "有",
        "要求",
        "规定",
        "指出",
        "强调",
        "提出",
        "明确",
        "如",
        "即",
        "等",
    ];

    /// The opening lists indexed by first character: a paragraph is compared with the few words
    /// that share its first character rather than with some 170.
    static BODY_OPENINGS_INDEX: LazyLock<Words> = LazyLock::new(|| Words::new(BODY_OPENINGS));
    static HEADING_OPENINGS_INDEX: LazyLock<Words> = LazyLock::new(|| Words::new(HEADING_OPENINGS));

    /// The run-in heading of a paragraph, if it opens with one: heading, closing mark, the rest.
    pub(super) fn run_in(p: &Paragraph) -> Option<(usize, char)> {
        let (i, c) = heading_end_within(&p.text, 18)?;
        if !matches!(c, '。' | '：') {
            return None;
        }
        let head = &p.text[..i];
        let after = &p.text[i + c.len_utf8()..];
        let n = chars(head);
        if !(2..=18).contains(&n) || after.trim().is_empty() {
            return None;
        }
        if head.matches(['，', ',']).count() > 1
            || head.contains('、')
            || head.chars().any(|c| c.is_ascii_digit() || c == '%')
            || is_inline_enumeration(head)
            || head.starts_with(['“', '《', '（', '('])
            || BODY_OPENINGS_INDEX.opens(head)
            || c == '：' && LEAD_INTO_LIST.iter().any(|w| head.ends_with(w))
            || c == '。' && !HEADING_OPENINGS_INDEX.opens(head)
        {
            return None;
        }
        Some((i, c))
    }

    /// A paragraph that opens with a run-in heading ending at byte `i` with `c`, as a measure;
    /// the paragraph's buffer is kept for the body.
    fn to_measure(mut p: Paragraph, i: usize, c: char) -> Node {
        let mut node = Node::new(NodeKind::Measure);
        let cut = i + c.len_utf8();
        let head = p.text[..i].to_string();
        let cut_column = chars(&p.text[..cut]) as u32;
        p.text.replace_range(..cut, "");
        let body = p.text;
        let body_span = if p.span.is_empty() {
            Span::default()
        } else {
            Span {
                offset: p.span.offset + cut,
                len: p.span.len.saturating_sub(cut),
                line: p.span.line,
                column: p.span.column + cut_column,
            }
        };
        node.heading = Some(Heading {
            text: head,
            end: Some(c.to_string()),
            run_in: true,
        });
        node.span = p.span;
        push_paragraph(
            &mut node.paragraphs,
            Paragraph {
                text: body,
                span: body_span,
            },
        );
        node
    }

    /// Splits a container's paragraphs into lead-in paragraphs and measures. `lead_in` keeps
    /// the first paragraph a lead-in.
    fn split(paragraphs: Vec<Paragraph>, lead_in: bool) -> (Vec<Paragraph>, Vec<Node>) {
        let skip = usize::from(lead_in);
        if paragraphs.len() < skip + 2 {
            // fewer than two paragraphs that could open a measure: never a series
            return (paragraphs, Vec::new());
        }
        let cands: Vec<Option<(usize, char)>> = paragraphs.iter().map(run_in).collect();
        let count = cands.iter().skip(skip).filter(|c| c.is_some()).count();
        // measures come as a series that makes up most of the container from the first on;
        // a few short opening sentences scattered among running text are not measures
        let first = cands
            .iter()
            .skip(skip)
            .position(Option::is_some)
            .map_or(0, |p| p + skip);
        let span = paragraphs.len() - first;
        if count < 2 || count * 4 < span {
            return (paragraphs, Vec::new());
        }
        let mut intro = Vec::new();
        let mut out: Vec<Node> = Vec::new();
        for (i, (p, c)) in paragraphs.into_iter().zip(cands).enumerate() {
            match c {
                Some((at, ch)) if i >= skip => out.push(to_measure(p, at, ch)),
                _ => match out.last_mut() {
                    Some(m) => push_paragraph(&mut m.paragraphs, p),
                    None => intro.push(p),
                },
            }
        }
        (intro, out)
    }

    /// Measures among the paragraphs before the first numbered node of a body.
    pub(super) fn apply_root(preamble: Vec<Paragraph>, nodes: &mut Vec<Node>) -> Vec<Paragraph> {
        let (intro, mut ms) = split(preamble, false);
        if !ms.is_empty() {
            ms.append(nodes);
            *nodes = ms;
        }
        intro
    }

    /// Measures inside every node.
    pub(super) fn apply(nodes: &mut [Node]) {
        for n in nodes.iter_mut() {
            if n.kind == NodeKind::Measure {
                continue;
            }
            // the rest of a run-in heading's line is the node's own text, not a measure
            let lead_in = n.heading.as_ref().is_some_and(|h| h.run_in);
            let paragraphs = std::mem::take(&mut n.paragraphs);
            let (intro, mut ms) = split(paragraphs, lead_in);
            n.paragraphs = intro;
            if !ms.is_empty() {
                // the measures come before the node's children
                ms.append(&mut n.children);
                n.children = ms;
            }
            apply(&mut n.children);
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The indexed lookup of the real lists finds what a scan of the whole list finds, on
        /// texts that probe every word at its edges.
        #[test]
        fn the_opening_index_agrees_with_a_scan_of_the_list() {
            for (list, index) in [
                (BODY_OPENINGS, &*BODY_OPENINGS_INDEX),
                (HEADING_OPENINGS, &*HEADING_OPENINGS_INDEX),
            ] {
                assert!(list.iter().all(|w| !w.is_empty()));
                for t in &crate::text::words::tests::probe_texts(list) {
                    let scan = list.iter().any(|w| t.starts_with(w));
                    assert_eq!(index.opens(t), scan, "{t}");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::heading_end_within;
    use proptest::prelude::*;

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
}
