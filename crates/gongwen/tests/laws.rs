//! Laws (issue 17), over every law in `../shared/wide/laws` and `../shared/wide/versions` and the
//! laws of `../shared/corpus`:
//!
//! - the articles read are the articles the file prints: the distinct `第X条` (and `第X条之Y`)
//!   that open a line, counted here by a scan of the text that knows nothing of the reader;
//! - the AKN is an `act`, passes `validate`, reads back to the same model, and validates
//!   against the OASIS XSD (with xmllint);
//! - a file that prints a history (a 题注 in brackets, or LawRefBook's history lines before
//!   `<!-- INFO END -->`) has history events in its metadata.
//!
//! And the 民法典: 7 books, 1,260 articles, unique eIds, valid AKN.

mod xmlsupport;

use gongwen::{Document, LawAction, Node, NodeKind};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// The value of a Chinese numeral (`一百二十`, `一千二百六十`), none if it is not one.
fn numeral(s: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let (mut total, mut current) = (0u32, 0u32);
    for c in s.chars() {
        match c {
            '〇' | '零' => current = 0,
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += current.max(1) * unit;
                current = 0;
            }
            c => current = digit(c)?,
        }
    }
    Some(total + current).filter(|&v| v > 0)
}

/// What follows `第` on each line that opens with it, after a Markdown heading mark.
fn numbered_lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines().filter_map(|line| {
        line.trim_start_matches(|c: char| c == '#' || c.is_whitespace())
            .trim_end()
            .strip_prefix('第')
    })
}

/// The articles a law prints: every line that opens with `第X条` (or `第X条之Y`) followed by a
/// space or the line's end, after a Markdown heading mark; lines that open with a quotation
/// mark (the new wording an amending decision quotes) never count.
fn printed_articles(src: &str) -> BTreeSet<(u32, Option<u32>)> {
    let mut out = BTreeSet::new();
    for rest in numbered_lines(src) {
        let Some(end) = rest.find('条') else {
            continue;
        };
        let Some(v) = numeral(&rest[..end]) else {
            continue;
        };
        let mut after = &rest[end + '条'.len_utf8()..];
        let mut sub = None;
        if let Some(x) = after.strip_prefix('之') {
            let n = x
                .char_indices()
                .find(|(_, c)| !"一二三四五六七八九十".contains(*c))
                .map_or(x.len(), |(i, _)| i);
            sub = numeral(&x[..n]);
            after = &x[n..];
        }
        if after.is_empty() || after.starts_with(char::is_whitespace) {
            out.insert((v, sub));
        }
    }
    out
}

/// The units above articles a law prints (编, 分编, 章, 节), counted by kind: lines that open
/// with `第X编` (`第X分编`, `第X章`, `第X节`) followed by a space, a heading or the line's end.
fn printed_units(src: &str) -> [usize; 4] {
    let mut out = [0; 4];
    for rest in numbered_lines(src) {
        let n = rest
            .char_indices()
            .find(|(_, c)| !"〇零一二三四五六七八九十百千".contains(*c))
            .map_or(rest.len(), |(i, _)| i);
        if n == 0 {
            continue;
        }
        let after = &rest[n..];
        let kind = if after.starts_with("分编") {
            1
        } else if after.starts_with('编') {
            0
        } else if after.starts_with('章') {
            2
        } else if after.starts_with('节') {
            3
        } else {
            continue;
        };
        // a heading follows the unit's name directly or after a space; a sentence does not
        let heading = after
            .trim_start_matches(['分', '编', '章', '节'])
            .trim_start();
        if !heading.contains(['。', '，', '；']) {
            out[kind] += 1;
        }
    }
    out
}

/// The numbered units above articles of a document, by kind (book, subbook, chapter, division).
fn read_units(doc: &Document) -> [usize; 4] {
    fn walk(ns: &[Node], out: &mut [usize; 4]) {
        for n in ns {
            let k = match n.kind {
                NodeKind::Book => Some(0),
                NodeKind::Subbook => Some(1),
                NodeKind::Chapter => Some(2),
                NodeKind::Division => Some(3),
                _ => None,
            };
            if let (Some(k), Some(_)) = (k, &n.num) {
                out[k] += 1;
            }
            walk(&n.children, out);
        }
    }
    let mut out = [0; 4];
    walk(&doc.body, &mut out);
    for a in &doc.attachments {
        let inner = read_units(&a.content);
        for k in 0..4 {
            out[k] += inner[k];
        }
    }
    out
}

/// The articles of a document and of the documents it carries.
fn read_articles(doc: &Document) -> BTreeSet<(u32, Option<u32>)> {
    fn walk(ns: &[Node], out: &mut BTreeSet<(u32, Option<u32>)>) {
        for n in ns {
            if n.kind == NodeKind::Article {
                if let Some(x) = &n.num {
                    out.insert((x.value, x.sub));
                }
            }
            walk(&n.children, out);
        }
    }
    let mut out = BTreeSet::new();
    walk(&doc.body, &mut out);
    for a in &doc.attachments {
        out.extend(read_articles(&a.content));
    }
    out
}

/// True when the file prints a history: LawRefBook's dated lines between the title and
/// `<!-- INFO END -->`, or a bracketed line near the top that dates an adoption, promulgation
/// or amendment.
fn prints_history(src: &str) -> bool {
    let dated = |l: &str| l.contains('年') && l.contains('月') && l.contains('日');
    if let Some(end) = src.find("<!-- INFO END -->") {
        return src[..end].lines().skip(1).any(dated);
    }
    src.lines().take(40).any(|l| {
        let t = l.trim();
        t.starts_with(['（', '('])
            && dated(t)
            && LawAction::ALL.iter().any(|a| t.contains(a.chinese()))
    })
}

/// The law history of a document or, for an order that carries a law, of the law.
fn history_len(doc: &Document) -> usize {
    doc.meta.law.as_ref().map_or(0, |l| l.history.len())
        + doc
            .attachments
            .iter()
            .map(|a| history_len(&a.content))
            .sum::<usize>()
}

fn law_files(shared: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["wide/laws", "wide/versions"] {
        let root = shared.join(dir);
        let Ok(groups) = std::fs::read_dir(&root) else {
            panic!("{} is missing", root.display());
        };
        for g in groups.flatten() {
            let Ok(files) = std::fs::read_dir(g.path()) else {
                continue;
            };
            out.extend(
                files
                    .flatten()
                    .map(|f| f.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "md")),
            );
        }
    }
    let corpus = shared.join("corpus");
    if let Ok(files) = std::fs::read_dir(&corpus) {
        out.extend(files.flatten().map(|f| f.path()).filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".txt")
                && [
                    "falv-",
                    "tiaoli-",
                    "xingzhengfagui-",
                    "sifajieshi-",
                    "guize-",
                ]
                .iter()
                .any(|k| name.starts_with(k))
        }));
    }
    out.sort();
    out
}

#[test]
fn every_law_reads_its_articles_history_and_a_valid_act() {
    let Some(shared) = xmlsupport::shared_dir("the laws of ../shared/wide") else {
        return;
    };
    let files = law_files(&shared);
    assert!(files.len() > 130, "only {} law files found", files.len());
    let mut failures = Vec::new();
    let mut akn_files = Vec::new();
    let (mut articles, mut with_history) = (0usize, 0usize);
    for path in &files {
        let name = path
            .strip_prefix(&shared)
            .unwrap_or(path)
            .display()
            .to_string();
        let src = std::fs::read_to_string(path).expect("utf-8 law");
        let doc = match gongwen::parse(&src) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{name}: does not parse: {e}"));
                continue;
            }
        };
        let (printed, read) = (printed_articles(&src), read_articles(&doc));
        articles += read.len();
        // a text whose articles are numbered `一、` (some 工作规则) prints no `第X条` to count
        if printed != read && !printed.is_empty() {
            let missing: Vec<_> = printed.difference(&read).take(5).collect();
            let extra: Vec<_> = read.difference(&printed).take(5).collect();
            failures.push(format!(
                "{name}: {} articles printed, {} read (missing {missing:?}, extra {extra:?})",
                printed.len(),
                read.len()
            ));
        }
        // units, where no table of contents names them a second time
        // (`目录`, or `目` alone where PDF text set the two characters on lines of their own)
        let toc = src.lines().any(|l| {
            let t: String = l
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '#')
                .collect();
            t == "目录" || t == "目"
        });
        if !toc && printed_units(&src) != read_units(&doc) {
            failures.push(format!(
                "{name}: units (book, subbook, chapter, division) printed {:?}, read {:?}",
                printed_units(&src),
                read_units(&doc)
            ));
        }
        if prints_history(&src) {
            with_history += 1;
            if history_len(&doc) == 0 {
                failures.push(format!("{name}: prints a history, none read"));
            }
        }
        let akn = gongwen::akn::to_string(&doc).expect("writes AKN");
        // the law is an act: the document itself, or the one an order or notice carries
        if !akn.contains("<act name=") {
            failures.push(format!("{name}: AKN holds no act"));
        }
        let ds = gongwen::akn::validate(&akn);
        if !ds.is_empty() {
            failures.push(format!("{name}: validate finds {:?}", ds[0]));
        }
        match gongwen::akn::from_str(&akn) {
            Ok(back) if back == doc => {}
            Ok(_) => failures.push(format!("{name}: model → AKN → model differs")),
            Err(e) => failures.push(format!("{name}: its AKN does not read back: {e}")),
        }
        akn_files.push((format!("law-{}", akn_files.len()), akn));
    }
    assert!(
        failures.is_empty(),
        "{} of {} laws fail:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    eprintln!(
        "laws: {} files, {articles} articles as printed, {with_history} with a history read, every AKN an act",
        files.len()
    );
    xmlsupport::xmllint(&shared.join("akn/akomantoso30.xsd"), "akn-laws", &akn_files);
}

#[test]
fn the_civil_code() {
    let Some(shared) = xmlsupport::shared_dir("the 民法典") else {
        return;
    };
    let src = std::fs::read_to_string(shared.join("corpus/falv-minfadian-2020.txt"))
        .expect("falv-minfadian-2020.txt");
    let doc = gongwen::parse(&src).expect("parses");
    let books: Vec<&Node> = doc
        .body
        .iter()
        .filter(|n| n.kind == NodeKind::Book)
        .collect();
    // seven numbered 编, then the 附则 after the last chapter of the 7th: an 8th book without a
    // number, beside the 编 as in the 目录, holding articles 1259 and 1260
    assert_eq!(books.len(), 8, "books");
    assert!(books[..7].iter().all(|b| b.num.is_some()), "numbered books");
    let closing = books[7];
    assert!(closing.num.is_none(), "the 附则 has no number");
    assert_eq!(
        closing.heading.as_ref().map(|h| h.text.as_str()),
        Some("附　　则")
    );
    assert_eq!(closing.children.len(), 2, "articles 1259 and 1260");
    let articles = read_articles(&doc);
    assert_eq!(articles.len(), 1260, "articles");
    assert_eq!(articles.iter().next_back(), Some(&(1260, None)));
    // the last book's last article is numbered in the thousands (一千二百六十)
    let law = doc.meta.law.as_ref().expect("law metadata");
    assert_eq!(law.kind, Some(gongwen::LawKind::Law));
    assert_eq!(law.effective, gongwen::Date::new(2021, 1, 1));
    assert!(
        doc.diagnostics
            .iter()
            .all(|d| d.severity != gongwen::Severity::Error),
        "{:?}",
        doc.diagnostics
            .iter()
            .find(|d| d.severity == gongwen::Severity::Error)
    );
    let akn = gongwen::akn::to_string(&doc).expect("writes");
    assert!(gongwen::akn::validate(&akn).is_empty());
    let mut seen = HashSet::new();
    for id in akn.split(" eId=\"").skip(1) {
        let id = &id[..id.find('"').expect("closed")];
        assert!(seen.insert(id.to_string()), "eId {id} twice");
    }
    assert!(
        seen.contains("book_8__art_1260"),
        "the last article's eId (the unnumbered 附则 is the eighth book)"
    );
    assert!(
        seen.contains("book_1__chp_1__art_1__para_1"),
        "a paragraph's eId"
    );
    xmlsupport::xmllint(
        &shared.join("akn/akomantoso30.xsd"),
        "akn-civil-code",
        &[("minfadian".to_string(), akn)],
    );
}

#[test]
fn chinese_numerals_of_the_scan() {
    assert_eq!(numeral("一"), Some(1));
    assert_eq!(numeral("十二"), Some(12));
    assert_eq!(numeral("一百二十"), Some(120));
    assert_eq!(numeral("一千二百六十"), Some(1260));
    assert_eq!(numeral("一百零五"), Some(105));
    assert_eq!(numeral("条"), None);
    let src =
        "第一条　甲。\n## 第二条 乙\n“第三条 丙。”\n第四条规定\n第五条之一 丁\n依照第六条 戊\n";
    assert_eq!(
        printed_articles(src).into_iter().collect::<Vec<_>>(),
        [(1, None), (2, None), (5, Some(1))]
    );
}

/// A law's fixture: its model, and a check that every character of the file is in it.
fn bad_law(name: &str) -> Document {
    let path = xmlsupport::fixtures_dir().join(name);
    let src = std::fs::read_to_string(&path).expect("fixture");
    let doc = gongwen::parse(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
    let json = gongwen::json::to_string(&doc);
    let mut held: Vec<char> = json.chars().filter(|c| !c.is_whitespace()).collect();
    held.sort_unstable();
    for c in src.chars().filter(|c| !c.is_whitespace()) {
        assert!(held.binary_search(&c).is_ok(), "{name}: `{c}` lost");
    }
    doc
}

/// The diagnostic of `code`: its line and column.
fn at(doc: &Document, code: &str) -> (u32, u32) {
    let d = doc
        .diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} in {:#?}", doc.diagnostics));
    (d.span.line, d.span.column)
}

#[test]
fn bad_laws_say_where_and_keep_their_text() {
    let gap = bad_law("malformed-law-gap.txt");
    assert_eq!(at(&gap, "numbering-gap"), (9, 1));
    assert_eq!(
        read_articles(&gap)
            .into_iter()
            .map(|(v, _)| v)
            .collect::<Vec<_>>(),
        [1, 2, 4, 5]
    );

    let dup = bad_law("malformed-law-duplicate-chapter.txt");
    assert_eq!(at(&dup, "numbering-repeat"), (11, 1));
    assert_eq!(dup.body.len(), 3, "both chapters 2 are kept");
    assert_eq!(read_articles(&dup).len(), 3);

    let toc = bad_law("malformed-law-contents-only.txt");
    assert_eq!(at(&toc, "contents-without-text"), (5, 1));
    assert!(toc.body.is_empty(), "a table of contents is no structure");
    let entries = toc.diagnostics.iter().filter(|d| d.code == "list").count();
    assert_eq!(entries, 4);

    // a chapter heading that lost its number: a bare line between two articles, where 第二章
    // is missing, is a chapter without a number; the gap is still said
    let lost = bad_law("malformed-law-lost-heading.txt");
    let headings: Vec<(Option<u32>, String)> = lost
        .body
        .iter()
        .map(|n| {
            (
                n.num.as_ref().map(|x| x.value),
                n.heading.as_ref().map_or(String::new(), |h| h.text.clone()),
            )
        })
        .collect();
    assert_eq!(
        headings,
        [
            (Some(1), "总　　则".to_string()),
            (None, "物业管理区域".to_string()),
            (Some(3), "业主和业主大会".to_string())
        ]
    );
    assert_eq!(lost.body[1].children.len(), 2, "articles 3 and 4 under it");
    assert_eq!(at(&lost, "numbering-gap"), (15, 1));

    let cut = bad_law("malformed-law-truncated.txt");
    let (line, _) = at(&cut, "ends-mid-sentence");
    assert_eq!(line, 9);
    assert_eq!(read_articles(&cut).len(), 2);
    // and none of these in the laws that are whole
    for d in [&gap, &dup] {
        assert!(d.diagnostics.iter().all(|x| x.code != "ends-mid-sentence"));
    }
}

/// An older law numbers the 项 of an article `一、二、` (a 公文's part marker): under an
/// article they are its points, not parts; the text round trip keeps them.
#[test]
fn parts_under_an_article_are_its_points() {
    let src = "某委员会工作条例\n\n第一条 常务委员会的职权如下:\n一、执行全体会议的决议;\n二、进行日常工作。\n第二条 委员会分设下列各组:\n一、政治法律组;\n二、财政经济组。\n各组应将其意见作成报告。\n";
    let doc = gongwen::parse(src).expect("parses");
    let kinds: Vec<(NodeKind, Vec<NodeKind>)> = doc
        .body
        .iter()
        .map(|a| (a.kind, a.children.iter().map(|c| c.kind).collect()))
        .collect();
    assert_eq!(
        kinds,
        [
            (NodeKind::Article, vec![NodeKind::Point, NodeKind::Point]),
            (NodeKind::Article, vec![NodeKind::Point, NodeKind::Point]),
        ]
    );
    outline_reads_back(&doc);
}

/// A text that writes every article number on at once with its text (`第一条为了……`), hard
/// wrapped as a printed page: its articles are read, and no line is glued to the article
/// before it. Where the articles are written with a space, a line that opens `第四条` at once is
/// text (a reference, the wording an amendment quotes) where the numbering does not call for
/// that article there (see `an_article_number_glued_to_its_text_where_the_numbering_expects_it`).
#[test]
fn articles_written_on_at_once() {
    let src = "某市物业管理条例\n\n  第一章总则\n\n  第一条为了规范物业管理活动，维护业主的合法权益，根据有关法\n律、行政法规，结合本市实际，制定本条例。\n  第二条本条例适用于本市行政区域内的物业管理活动。物业服务企\n业应当依法提供服务，不得损害业主的合法权益，接受业主的监督\n  第三条市住房城乡建设主管部门负责本市物业管理活动的监督管理\n工作。\n\n  第二章业主\n\n  第四条业主在物业管理活动中享有下列权利：\n（一）按照物业服务合同的约定，接受物业服务企业提供的服务；\n（二）提议召开业主大会会议。\n";
    let doc = gongwen::parse(src).expect("parses");
    let chapters: Vec<usize> = doc.body.iter().map(|c| c.children.len()).collect();
    assert_eq!(chapters, [3, 1], "{}", gongwen::outline::outline(&doc));
    let second = &doc.body[0].children[1];
    assert_eq!(second.paragraphs.len(), 1, "article 2 is one paragraph");
    assert!(second.paragraphs[0].text.ends_with("接受业主的监督"));
    assert_eq!(
        doc.body[1].children[0].children.len(),
        2,
        "article 4's points"
    );

    let spaced = "某市物业管理条例\n\n第一条 为了规范物业管理活动，制定本条例。\n第二条 本条例适用于本市。\n第四条所称业主，是指房屋的所有权人。\n第三条 本条例自2025年1月1日起施行。\n";
    let doc = gongwen::parse(spaced).expect("parses");
    let values: Vec<u32> = doc
        .body
        .iter()
        .filter_map(|a| a.num.as_ref().map(|n| n.value))
        .collect();
    assert_eq!(values, [1, 2, 3]);
    assert!(doc.body[1].paragraphs[1].text.starts_with("第四条所称"));
}

/// A law database's page labels its fields (`【题注】 `, `【章名】 `) and sets a box of its own
/// (`颁布日期:`): the chapters are read with their labels kept in the number as printed, the
/// history from the 题注, the box as metadata fields.
#[test]
fn a_law_databases_field_labels() {
    let src = "某市制定地方性法规条例\n\n颁布日期:2001-6-3\n实施日期:2001-8-1\n颁布单位:某市人民代表大会常务委员会\n\n【题注】 (2001年4月29日某市第十一届人民代表大会第四次会议通过 2001年6月3日某省第九届人民代表大会常务委员会第二十三次会议批准)\n【章名】 第一章 总则\n第一条 为了规范立法活动，制定本条例。\n第二条 本条例适用于本市。\n【章名】 第二章 立法权限\n第三条 常务委员会可以对地方性法规进行部分补充。\n";
    let doc = read_as(src, "title: 某市制定地方性法规条例\nchapter 1 总则\n  article 1 -\n  article 2 -\nchapter 2 立法权限\n  article 3 -\n");
    assert_eq!(
        doc.body[0].num.as_ref().map(|n| n.text.as_str()),
        Some("【章名】 第一章")
    );
    let law = doc.meta.law.as_ref().expect("law");
    assert_eq!(law.history.len(), 2);
    let keys: Vec<&str> = doc.meta.fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["颁布日期", "实施日期", "颁布单位"]);
    // the text says nothing of when it takes effect: the box does
    assert_eq!(law.effective, gongwen::Date::new(2001, 8, 1));
    outline_reads_back(&doc);
}

/// A draft on a web page whose chapters lost their numbers: bare headings before articles, two
/// or more, are chapters without a number (with a note each); one alone says too little.
#[test]
fn bare_headings_in_a_law_without_numbered_chapters() {
    let src = "某市社会信用条例（草案）\n\n总　则\n\n第一条 为了规范社会信用管理，制定本条例。\n\n第二条 本条例适用于本市。\n\n信用信息\n\n第三条 信用信息的归集应当合法。\n\n第四条 信用信息应当准确。\n";
    let doc = read_as(src, "title: 某市社会信用条例（草案）\nchapter - 总则\n  article 1 -\n  article 2 -\nchapter - 信用信息\n  article 3 -\n  article 4 -\n");
    let notes = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "unnumbered-unit")
        .count();
    assert_eq!(notes, 2);
    outline_reads_back(&doc);
    // one bare line between articles is no chapter
    let one = "某市社会信用条例\n\n第一条 为了规范社会信用管理，制定本条例。\n\n信用信息\n\n第二条 信用信息的归集应当合法。\n";
    let doc = gongwen::parse(one).expect("parses");
    assert!(doc.body.iter().all(|n| n.kind == NodeKind::Article));
}

/// The canonical text of `doc` reads back to the same outline.
fn outline_reads_back(doc: &Document) {
    let again = gongwen::parse(&gongwen::text::write(doc)).expect("reads back");
    assert_eq!(
        gongwen::outline::outline(&again),
        gongwen::outline::outline(doc)
    );
}

/// `src` read, with its outline as `want`.
fn read_as(src: &str, want: &str) -> Document {
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(gongwen::outline::outline(&doc), want);
    doc
}

/// A traditional-script copy: the units (編, 節, 條) and the genre words (條例, 意見) are the
/// same words in the other script; what is printed is kept as printed.
#[test]
fn a_traditional_script_copy() {
    let doc = read_as(
        "某市物業管理條例\n\n第一章 總則\n\n第一條 為了規範物業管理活動，制定本條例。\n\n第二條 本條例適用於本市。\n\n第二章 業主\n\n第三條 業主享有下列權利。\n",
        "title: 某市物業管理條例\nchapter 1 總則\n  article 1 -\n  article 2 -\nchapter 2 業主\n  article 3 -\n",
    );
    assert_eq!(doc.meta.kind, gongwen::DocKind::Regulation);
    assert_eq!(
        doc.body[0].children[0]
            .num
            .as_ref()
            .map(|n| n.text.as_str()),
        Some("第一條")
    );
    outline_reads_back(&doc);
}

/// A table of contents whose later entries the text never reaches (a copy cut short): every
/// entry before the first chapter's repeat is the table's, and each entry whose unit is not in
/// the text gets a warning.
#[test]
fn a_table_of_contents_the_text_does_not_reach() {
    let src = "某市物业管理条例\n\n目录\n第一章 总则\n第二章 业主\n第三章 附则\n第一章 总则\n第一条 为了规范物业管理活动，制定本条例。\n第二条 本条例适用于本市。\n";
    let doc = read_as(
        src,
        "title: 某市物业管理条例\nchapter 1 总则\n  article 1 -\n  article 2 -\n",
    );
    let missing: Vec<u32> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "contents-mismatch")
        .map(|d| d.span.line)
        .collect();
    assert_eq!(missing, [5, 6]);
}

/// Articles written on at once whose text opens with a figure or a sign (`第七条±0.00以上`,
/// `第八条2026年起`) are articles too.
#[test]
fn articles_at_once_opening_with_a_figure() {
    let src = "某市墙体材料管理规定\n\n第一条为推进墙体材料革新，制定本规定。\n第二条本规定适用于本市。\n第三条±0.00以上的建筑墙体应当使用新型墙体材料。\n第四条2026年1月1日起，全市禁止生产实心粘土砖。\n";
    read_as(
        src,
        "title: 某市墙体材料管理规定\narticle 1 -\narticle 2 -\narticle 3 -\narticle 4 -\n",
    );
}

/// A law database's Markdown notice whose last part lost its mark (`## 三`, its text on the next
/// line) after `## 一、……` and `## 二、……`: the third part, its number as printed.
#[test]
fn a_markdown_heading_whose_number_lost_its_mark() {
    let src = "# 关于职工工资折算问题的通知\n\n<!-- INFO END -->\n\n各省、自治区、直辖市人力资源社会保障厅：\n\n现就有关问题通知如下：\n\n## 一、制度工作时间的计算\n\n年工作日：250天。\n\n## 二、日工资的折算\n\n日工资：月工资收入÷月计薪天数。\n\n## 三\n\n原有关规定同时废止。\n";
    let doc = read_as(
        src,
        "title: 关于职工工资折算问题的通知\npart 1 制度工作时间的计算\npart 2 日工资的折算\npart 3 -\n",
    );
    assert_eq!(
        doc.body[2].num.as_ref().map(|n| n.text.as_str()),
        Some("## 三")
    );
    outline_reads_back(&doc);
}

/// Points a copy ran together on one line after the first (`（四）……； （五）……； （六）……。`)
/// go on from the points above: each is a point of its own.
#[test]
fn points_run_together_on_one_line() {
    let src = "某市送达规定\n\n第一条 为了规范送达工作，制定本规定。\n\n第二条 有下列情形之一的，视为送达：\n\n（一）受送达人签收的；\n\n（二）受送达人的法定代表人签收的；\n\n（三）受送达人的代理人签收的；\n\n（四）受送达人的诉讼代理人签收的； （五）受送达人指定的代收人签收的； （六）受送达人的同住成年家属签收的。\n";
    let doc = read_as(
        src,
        "title: 某市送达规定\narticle 1 -\narticle 2 -\n  point 1 -\n  point 2 -\n  point 3 -\n  point 4 -\n  point 5 -\n  point 6 -\n",
    );
    outline_reads_back(&doc);
}

/// An article's points stand in the paragraph (款) that introduces them: a 款 after the points
/// (`前款规定的……`) is the article's next paragraph, not text of the last point, and a later 款
/// may open a list of its own, counted from 1 again (a note says so, no warning). A point that
/// ends in `：` keeps the line that goes on with it. Every format keeps where each point stands.
#[test]
fn an_articles_paragraphs_after_and_between_its_points() {
    let src = "某市调解规定\n\n第一条 当事人可以选择下列方式：\n（一）现场调解；\n（二）在线调解。\n前款规定的方式，由当事人协商确定。\n第二条 有下列情形之一的，可以调解：\n（一）婚姻纠纷；\n（二）邻里纠纷。\n有下列情形之一的，不予调解：\n（一）刑事案件；\n（二）行政案件。\n第三条 调解费用包括：\n（一）场地费；\n（二）下列杂费：\n交通费、通讯费。\n";
    let doc = read_as(
        src,
        "title: 某市调解规定\narticle 1 -\n  point 1 -\n  point 2 -\narticle 2 -\n  point 1 -\n  point 2 -\n  point 1 -\n  point 2 -\narticle 3 -\n  point 1 -\n  point 2 -\n",
    );
    fn placed(a: &Node) -> (Vec<&str>, Vec<Option<u32>>) {
        (
            a.paragraphs.iter().map(|p| p.text.as_str()).collect(),
            a.children.iter().map(|c| c.in_paragraph).collect(),
        )
    }
    let want = [
        (
            vec![
                "当事人可以选择下列方式：",
                "前款规定的方式，由当事人协商确定。",
            ],
            vec![Some(1), Some(1)],
        ),
        (
            vec![
                "有下列情形之一的，可以调解：",
                "有下列情形之一的，不予调解：",
            ],
            vec![Some(1), Some(1), Some(2), Some(2)],
        ),
        (vec!["调解费用包括："], vec![Some(1), Some(1)]),
    ];
    for (a, w) in doc.body.iter().zip(&want) {
        assert_eq!(placed(a), *w);
    }
    assert_eq!(
        doc.body[0].children[1].paragraphs.len(),
        1,
        "在线调解。 alone"
    );
    assert_eq!(
        doc.body[2].children[1].paragraphs.len(),
        2,
        "the line after `下列杂费：` goes on with its point"
    );
    // the second list's first point: a note, and no numbering warning anywhere
    assert!(doc
        .diagnostics
        .iter()
        .all(|d| d.severity == gongwen::Severity::Note));
    let restart = doc
        .diagnostics
        .iter()
        .find(|d| d.code == "numbering-restart")
        .expect("a note at the second list");
    assert_eq!(restart.span.line, 11);
    // AKN: each 款 its `paragraph`, the points inside the one that introduces them
    let akn = gongwen::akn::to_string(&doc).expect("writes");
    assert!(gongwen::akn::validate(&akn).is_empty());
    for id in [
        "art_1__para_1__point_2",
        "art_1__para_2",
        "art_2__para_1__point_2",
        "art_2__para_2__point_1",
        "art_3__para_1__point_2",
    ] {
        assert!(akn.contains(&format!(" eId=\"{id}\"")), "{id}");
    }
    assert!(!akn.contains("art_1__para_1__point_3"));
    // and back, from every format
    let from_akn = gongwen::akn::from_str(&akn).expect("reads AKN");
    let from_xml =
        gongwen::xml::from_str(&gongwen::xml::to_string(&doc).expect("writes XML")).expect("reads");
    let from_json = gongwen::json::from_str(&gongwen::json::to_string(&doc)).expect("reads JSON");
    let from_text = gongwen::parse(&gongwen::text::write(&doc)).expect("reads text");
    for (name, again) in [
        ("akn", &from_akn),
        ("xml", &from_xml),
        ("json", &from_json),
        ("text", &from_text),
    ] {
        for (a, w) in again.body.iter().zip(&want) {
            assert_eq!(placed(a), *w, "{name}");
        }
    }
}

/// Article numbers alone on their lines, each article's text on the next (`第一条` / `为了……`),
/// as a database's copy sets them: articles, their text their first 款, and points under them.
#[test]
fn article_numbers_alone_on_their_lines() {
    let src = "临江市河道管理条例\n\n第一条\n为了加强河道管理，制定本条例。\n\n第二条\n本条例适用于下列河道：\n\n（一）干流；\n\n（二）支流。\n\n　　第三条\n本条例自公布之日起施行。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        gongwen::outline::outline(&doc),
        "title: 临江市河道管理条例\narticle 1 -\narticle 2 -\n  point 1 -\n  point 2 -\narticle 3 -\n"
    );
    assert_eq!(
        doc.body[0].paragraphs[0].text,
        "为了加强河道管理，制定本条例。"
    );
}

/// Article numbers quoted in an open sentence and broken onto lines of their own (a web page's
/// links copied as text: `……依照本法` / `第四十九条` / `、` / `第五十一条` / `等法律规定……`):
/// text of the article they stand in, not articles, and no numbering warning.
#[test]
fn quoted_article_numbers_broken_onto_their_own_lines_are_text() {
    let src = "临江市消费者权益保护条例\n\n第一条　为了保护消费者的合法权益，制定本条例。\n第二条　经营者明知商品存在缺陷，仍然向消费者提供，造成消费者死亡的，受害人有权要求经营者依照本法\n第一条\n、\n第二条\n等法律规定赔偿损失。\n第三条　本条例自公布之日起施行。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(
        gongwen::outline::outline(&doc),
        "title: 临江市消费者权益保护条例\narticle 1 -\narticle 2 -\narticle 3 -\n"
    );
    assert!(doc.body[1].paragraphs[0]
        .text
        .ends_with("依照本法第一条、第二条等法律规定赔偿损失。"));
    assert!(
        doc.diagnostics.iter().all(|d| d.code != "numbering-order"),
        "{:?}",
        doc.diagnostics
    );
}

/// History as copies mangle it: in a Markdown quote whose lines a layout joined, with blanks
/// in its dates (`2021 年12月24日`), over two paragraphs (its bracket closed in the second),
/// or in a site generator's box above the text (kept as residue): its events are read.
#[test]
fn mangled_histories_are_read() {
    let cases: [(&str, &[(LawAction, &str)]); 4] = [
        (
            "临江市河道管理条例\n\n> （2020年5月14日临江市第十五届人民代表大会\n>\n> 常务委员会第二十一次会议通过）\n\n第一条　为了加强河道管理，制定本条例。\n第二条　本条例自2020年6月6日起施行。\n",
            &[(LawAction::Adopted, "2020-05-14")],
        ),
        (
            "临江市河道管理条例\n\n（2021 年12月24日临江市第十三届人民代表大会常务委员会第三十二次会议通过）\n\n第一条　为了加强河道管理，制定本条例。\n第二条　本条例自公布之日起施行。\n",
            &[(LawAction::Adopted, "2021-12-24")],
        ),
        (
            "临江市河道管理条例\n\n（2001年4月3日临江市第七届人民代表大会第五次会议通过　2001年4月3日临江市人民代表大会公告公布施行\n\n根据2009年8月27日临江市人民代表大会常务委员会第十次会议《关于修改部分地方性法规的决定》修正）\n\n第一条　为了加强河道管理，制定本条例。\n第二条　本条例自公布之日起施行。\n",
            &[
                (LawAction::Adopted, "2001-04-03"),
                (LawAction::Promulgated, "2001-04-03"),
                (LawAction::Amended, "2009-08-27"),
            ],
        ),
        (
            "::: tip 修订信息\n\n（2016年8月29日临江市第十四届人民代表大会常务委员会第三十九次会议通过）\n\n:::\n\n第一条　为了加强河道管理，制定本条例。\n\n第二条　本条例自2016年12月1日起施行。\n",
            &[(LawAction::Adopted, "2016-08-29")],
        ),
    ];
    for (src, want) in cases {
        let doc = gongwen::parse(src).expect("parses");
        let law = doc.meta.law.as_ref().expect("a law");
        let got: Vec<(LawAction, String)> = law
            .history
            .iter()
            .map(|e| (e.action, e.date.map(|d| d.to_string()).unwrap_or_default()))
            .collect();
        let want: Vec<(LawAction, String)> =
            want.iter().map(|(a, d)| (*a, d.to_string())).collect();
        assert_eq!(got, want, "{src}");
        assert_eq!(doc.body.len(), 2, "{src}");
    }
}

/// A Markdown rule (`---`) after a law's last article parts it from the page's foot: no text
/// of the article, and no warning that the law breaks off.
#[test]
fn a_rule_after_the_last_article_is_the_page_s() {
    let src = "临江市河道管理条例\n\n第一条　为了加强河道管理，制定本条例。\n\n第二条　本条例自公布之日起施行。\n\n---\n\n::: warning 原文链接\n\n<https://www.example.gov.cn/a>\n\n:::\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(doc.body[1].paragraphs.len(), 1);
    assert!(doc
        .diagnostics
        .iter()
        .all(|d| d.code != "ends-mid-sentence"));
    assert!(doc.residue.iter().any(|r| r.text.starts_with("---")));
}

/// An article's number glued to its text by a typo of the source (`第三条属　于……`) where the
/// text writes its articles with a blank: the article the numbering expects there (one more
/// than the article before it, one less than the next, across a chapter), not text of the
/// article before; where the numbering does not say so, text.
#[test]
fn an_article_number_glued_to_its_text_where_the_numbering_expects_it() {
    let src = |next: &str| {
        format!("临江市河道管理条例\n\n第一章　总　　则\n\n第一条　为了加强河道管理，制定本条例。\n第二条　本条例适用于本市行政区域内的河道。\n第三条属　于本条例规定的事项，依照本条例办理。\n\n第二章　附　　则\n\n{next}　本条例自公布之日起施行。\n")
    };
    let doc = gongwen::parse(&src("第四条")).expect("parses");
    assert_eq!(
        gongwen::outline::outline(&doc),
        "title: 临江市河道管理条例\nchapter 1 总则\n  article 1 -\n  article 2 -\n  article 3 -\nchapter 2 附则\n  article 4 -\n"
    );
    assert_eq!(
        doc.body[0].children[2].paragraphs[0].text,
        "属　于本条例规定的事项，依照本条例办理。"
    );
    // (the next article numbered 3: the glued line is text of article 2)
    let doc = gongwen::parse(&src("第三条")).expect("parses");
    assert_eq!(doc.body[0].children.len(), 2);
}
