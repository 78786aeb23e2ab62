//! HTML pages as published (issue 18), over the 50 gov.cn pages of `../shared/wide/govcn`:
//!
//! - the rows whose text is also in `../shared/corpus` (route C of its `SOURCES.md`): the
//!   outline read from the page equals the expected outline where one exists, and the outline
//!   read from the corpus text otherwise;
//! - every page: the metadata box's 标题 and 发文字号 equal the crawler's `NN.meta.json`; every
//!   node's span points at the page's bytes, where its number stands;
//! - a page in GBK and in GB18030 reads to the model of the UTF-8 page;
//! - hostile pages: a million nested `<div>` refused with its position, NUL bytes, unclosed
//!   tags, a large `<script>`: no panic, nothing of the text lost.

mod xmlsupport;

use gongwen::{outline::outline, Document, Error, Format, Node};
use std::path::{Path, PathBuf};

/// The route C rows of `SOURCES.md`: the gov.cn row id and the corpus file of its text.
fn route_c(shared: &Path) -> Vec<(u32, String)> {
    let sources = std::fs::read_to_string(shared.join("corpus/SOURCES.md")).expect("SOURCES.md");
    let mut out = Vec::new();
    for line in sources.lines() {
        let Some(id_at) = line.find("row id=") else {
            continue;
        };
        let digits: String = line[id_at + 7..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let Some(file) = line.split('`').nth(1).filter(|f| f.ends_with(".txt")) else {
            continue;
        };
        if let Ok(id) = digits.parse() {
            out.push((id, file.to_string()));
        }
    }
    out
}

fn page(shared: &Path, id: u32) -> PathBuf {
    shared.join(format!("wide/govcn/{id:02}.html"))
}

fn read_page(path: &Path) -> Document {
    let bytes = std::fs::read(path).expect("page");
    gongwen::read(&bytes, None).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn pages_read_like_their_text() {
    let Some(shared) = xmlsupport::shared_dir("the gov.cn pages") else {
        return;
    };
    let rows = route_c(&shared);
    assert!(rows.len() >= 16, "route C rows: {rows:?}");
    let mut failures = Vec::new();
    let mut held = 0;
    for (id, file) in &rows {
        let path = page(&shared, *id);
        if !path.is_file() {
            continue;
        }
        held += 1;
        let from_page = outline(&read_page(&path));
        let expected = shared
            .join("corpus/expected")
            .join(file.replace(".txt", ".outline"));
        let (want, what) = match std::fs::read_to_string(&expected) {
            Ok(o) => (o, "the expected outline"),
            Err(_) => {
                let text =
                    std::fs::read_to_string(shared.join("corpus").join(file)).expect("corpus text");
                (
                    outline(&gongwen::parse(&text).expect("text reads")),
                    "the text's outline",
                )
            }
        };
        if from_page != want {
            failures.push(format!(
                "row {id} ({file}): the page's outline differs from {what}:\n{}",
                first_difference(&want, &from_page)
            ));
        }
    }
    assert!(held >= 16, "only {held} route C pages found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn first_difference(a: &str, b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let k = la.iter().zip(&lb).take_while(|(x, y)| x == y).count();
    format!(
        "  line {}: want `{}`, got `{}`",
        k + 1,
        la.get(k).unwrap_or(&""),
        lb.get(k).unwrap_or(&"")
    )
}

/// A string value of a crawler's metadata file.
fn meta_value(json: &str, key: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(json).ok()?;
    v.get(key)?.as_str().map(str::to_string)
}

#[test]
fn every_page_has_its_box_and_spans_on_its_bytes() {
    let Some(shared) = xmlsupport::shared_dir("the gov.cn pages") else {
        return;
    };
    let mut pages: Vec<PathBuf> = std::fs::read_dir(shared.join("wide/govcn"))
        .expect("govcn")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 50);
    let mut failures = Vec::new();
    for path in &pages {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let bytes = std::fs::read(path).expect("page");
        assert_eq!(
            Format::detect(std::str::from_utf8(&bytes).expect("utf-8")),
            Format::Html,
            "{name}"
        );
        let doc = read_page(path);
        let meta = std::fs::read_to_string(path.with_extension("meta.json")).expect("meta");
        // the box's value, as a key-value pair or, when the typed metadata holds it as printed,
        // as the title or the document number (the reader keeps no pair for it then)
        let field = |k: &str| {
            let pair = doc.meta.fields.iter().find(|f| f.key == k);
            match (pair, k) {
                (Some(f), _) => Some(f.value.clone()),
                (None, "标题") => doc.meta.title.clone(),
                (None, _) => doc.meta.number.as_ref().map(|n| n.text.clone()),
            }
        };
        for (key, crawled) in [("标题", "title"), ("发文字号", "release_number")] {
            if field(key) != meta_value(&meta, crawled) {
                failures.push(format!(
                    "{name}: {key} {:?}, the crawler says {:?}",
                    field(key),
                    meta_value(&meta, crawled)
                ));
            }
        }
        // every numbered node's span starts where its number stands in the page
        let src = std::str::from_utf8(&bytes).expect("utf-8");
        fn walk<'d>(ns: &'d [Node], out: &mut Vec<&'d Node>) {
            for n in ns {
                out.push(n);
                walk(&n.children, out);
            }
        }
        let mut nodes = Vec::new();
        walk(&doc.body, &mut nodes);
        for a in &doc.attachments {
            walk(&a.content.body, &mut nodes);
        }
        for n in nodes {
            let Some(num) = &n.num else { continue };
            let at = &src[n.span.offset..];
            let first = num.text.trim().chars().next().unwrap_or(' ');
            if !at.starts_with(first) {
                failures.push(format!(
                    "{name}: node `{}` at byte {} points at `{}`",
                    num.text,
                    n.span.offset,
                    at.chars().take(8).collect::<String>()
                ));
                break;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_page_in_gbk_and_gb18030_reads_as_in_utf8() {
    let Some(shared) = xmlsupport::shared_dir("the gov.cn pages") else {
        return;
    };
    for id in [3, 45] {
        let path = page(&shared, id);
        let utf8 = std::fs::read_to_string(&path).expect("page");
        let want = read_page(&path).without_page();
        for enc in [encoding_rs::GBK, encoding_rs::GB18030] {
            let (bytes, _, lossy) = enc.encode(&utf8);
            assert!(!lossy, "{id:02}.html in {}", enc.name());
            let doc = gongwen::read(&bytes, None).expect("reads");
            // detected: GB18030 text with no four-byte sequence is GBK, byte for byte
            assert!(
                matches!(doc.meta.encoding.as_deref(), Some("GBK" | "gb18030")),
                "{id:02}: {:?}",
                doc.meta.encoding
            );
            assert!(
                doc.without_page() == want,
                "{id:02}.html in {} reads otherwise",
                enc.name()
            );
            // declared in a <meta>, it is read as declared
            let declared = format!(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset={}\">{utf8}",
                enc.name()
            );
            let (bytes, _, _) = enc.encode(&declared);
            let doc = gongwen::read(&bytes, Some(Format::Html)).expect("reads");
            assert_eq!(doc.meta.encoding.as_deref(), Some(enc.name()));
        }
    }
}

/// The page's character data: outside tags, comments, scripts and styles, with the few
/// entities these pages use decoded (a test's own reading, not the reader's).
fn character_data(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let lower = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
        let end = if lower.starts_with("<script") || lower.starts_with("<style") {
            let close = if lower.starts_with("<script") {
                "</script"
            } else {
                "</style"
            };
            rest.to_ascii_lowercase().find(close).unwrap_or(rest.len())
        } else if rest.starts_with("<!--") {
            rest.find("-->").map_or(rest.len(), |p| p + 3)
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            rest.find('>').map_or(rest.len(), |p| p + 1)
        } else {
            out.push('<');
            1
        };
        rest = &rest[end.min(rest.len())..];
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
}

/// Every character of a page's character data is in the model.
fn keeps_the_text(page: &str, doc: &Document) {
    let json = gongwen::json::to_string(doc);
    let mut held: Vec<char> = json.chars().filter(|c| !c.is_whitespace()).collect();
    held.sort_unstable();
    for c in character_data(page)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\0')
    {
        assert!(held.binary_search(&c).is_ok(), "`{c}` lost");
    }
}

#[test]
fn hostile_pages() {
    // a million nested elements: refused where the nesting passes the limit
    let deep = format!(
        "{}一、总体要求{}",
        "<div>".repeat(1_000_000),
        "</div>".repeat(1_000_000)
    );
    match gongwen::read(deep.as_bytes(), None) {
        Err(Error::Limit { what, at, .. }) => {
            assert_eq!(what, "HTML nesting depth");
            assert_eq!((at.line, at.column), (1, 5 * 1024 + 1));
        }
        other => panic!("expected a limit, got {other:?}"),
    }
    // a 100 MB attribute: the page passes the input limit, refused with where
    let wide = format!(
        "<div title=\"{}\">一、总体要求</div>",
        "a".repeat(100 * 1024 * 1024)
    );
    match gongwen::read(wide.as_bytes(), None) {
        Err(Error::Limit { what, limit, at }) => {
            assert_eq!(what, "input size");
            assert_eq!(at.offset, limit);
        }
        other => panic!("expected a limit, got {:?}", other.map(|d| d.meta)),
    }
    drop(wide);
    // unclosed tags, stray end tags, NUL bytes, a large script: read as a browser would
    let messy = format!(
        "<div><p>一、总体要求<span>正文</b></p><p>二、具体要求\u{0}正文<div><span>未闭合<script>{}</script>",
        "var a = '<p>三、不是正文</p>';".repeat(200_000)
    );
    let doc = gongwen::read(messy.as_bytes(), None).expect("a messy page reads");
    let o = outline(&doc);
    assert!(o.contains("part 1 总体要求") && o.contains("part 2"), "{o}");
    assert!(!o.contains("不是正文"), "a script's text is no text: {o}");
    keeps_the_text(&messy, &doc);
    // named as HTML, text that has no markup reads as a page of one paragraph
    let plain = gongwen::read("关于加强工作的通知".as_bytes(), Some(Format::Html)).expect("reads");
    assert_eq!(plain.meta.title.as_deref(), Some("关于加强工作的通知"));
    // HTML is read, not written
    let mut out = Vec::new();
    assert!(matches!(
        gongwen::write_to(&plain, Format::Html, &mut out),
        Err(Error::Unwritable { .. })
    ));
}

#[test]
fn our_page_fixture() {
    let dir = xmlsupport::fixtures_dir();
    let doc = read_page(&dir.join("govcn-page.html"));
    let want = std::fs::read_to_string(dir.join("govcn-page.outline")).expect("outline");
    assert_eq!(outline(&doc), want);
    let m = &doc.meta;
    assert_eq!(
        m.number.as_ref().map(|n| n.text.as_str()),
        Some("某政办发〔2024〕7号")
    );
    assert_eq!(m.signed, gongwen::Date::new(2024, 3, 15));
    assert_eq!(m.issuers, ["某省人民政府办公厅"]);
    let field = |k: &str| {
        m.fields
            .iter()
            .find(|f| f.key == k)
            .map(|f| f.value.as_str())
    };
    assert_eq!(field("索引号"), Some("000014349/2024-00012"));
    assert_eq!(field("主题分类"), Some("城乡建设、环境保护\\其他"));
    // the entity in the last part's text is decoded, and its span covers the page's `&amp;`
    let page = std::fs::read_to_string(dir.join("govcn-page.html")).expect("page");
    let p = &doc.body[2].paragraphs[0];
    assert!(p.text.ends_with("检查结果向社会公开&通报。"), "{}", p.text);
    let printed = &page[p.span.offset..p.span.offset + p.span.len];
    assert!(printed.ends_with("公开&amp;通报。"), "{printed}");
    assert_eq!(p.span.line, 24);
    keeps_the_text(&page, &doc);
    // the data table stands in the first part as a table, its cells' spans on the page; the
    // metadata box, also a table, is read as fields
    let t = doc.body[0]
        .paragraphs
        .iter()
        .find_map(|p| p.table.as_ref())
        .expect("a table in part 1");
    let texts: Vec<Vec<&str>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(
        texts,
        [
            vec!["指标", "2024年", "2025年"],
            vec!["绿地率\n（%）", "36", "38"],
            vec!["人均公园绿地面积（平方米）", "14\u{a0}→\u{a0}15"],
        ]
    );
    assert!(t.rows[0].iter().all(|c| c.header));
    assert_eq!((t.rows[2][1].colspan, t.columns()), (2, 3));
    let c = &t.rows[2][1];
    assert_eq!(
        &page[c.span.offset..c.span.offset + c.span.len],
        "14&nbsp;→&nbsp;15"
    );
    tables_round_trip("govcn-page", &doc);
}

/// A page as a city's site publishes it: a `<head>` title, a breadcrumb, the document in an
/// `<article>`-like block, a list of related links and a footer after it.
#[test]
fn the_page_around_the_document_is_residue() {
    let dir = xmlsupport::fixtures_dir();
    let path = dir.join("page-with-chrome.html");
    let doc = read_page(&path);
    let page = std::fs::read_to_string(&path).expect("page");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("某市人民政府关于做好防汛工作的通知")
    );
    // the `<title>` a browser does not lay out, the breadcrumb and the heading are not
    // subtitles
    assert!(doc.meta.subtitle.is_empty(), "{:?}", doc.meta.subtitle);
    let residue: Vec<(&str, u32)> = doc
        .residue
        .iter()
        .map(|r| (r.text.lines().next().unwrap_or(""), r.span.line))
        .collect();
    assert_eq!(
        residue,
        [
            ("某市人民政府关于做好防汛工作的通知", 2),
            ("首页 > 政策 > 文件", 4),
            ("相关文件", 20)
        ]
    );
    // past the content region (by text density) the numbered links are not items
    assert_eq!(doc.body.len(), 3);
    assert!(doc.body[2].children.is_empty());
    assert_eq!(doc.closing.len(), 2);
    assert!(doc
        .diagnostics
        .iter()
        .all(|d| d.code != "past-content-region"));
    keeps_the_text(&page, &doc);
}

/// A document with tables: JSON, gongwen XML and AKN give it back (AKN valid), and its text
/// has each table's rows as lines.
fn tables_round_trip(name: &str, doc: &Document) {
    assert_eq!(
        &gongwen::json::from_str(&gongwen::json::to_string(doc)).expect("json"),
        doc
    );
    let xml = gongwen::xml::to_string(doc).expect("xml");
    assert_eq!(&gongwen::xml::from_str(&xml).expect("xml back"), doc);
    let akn = gongwen::akn::to_string(doc).expect("akn");
    assert!(
        akn.contains("<table>") && akn.contains("<tr>"),
        "AKN has the table"
    );
    let problems = gongwen::akn::validate(&akn);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(&gongwen::akn::from_str(&akn).expect("akn back"), doc);
    let root = xmlsupport::workspace_root();
    let files = [(name.to_string(), xml)];
    xmlsupport::xmllint(
        &root.join("schemas/gongwen.xsd"),
        &format!("{name}-xml"),
        &files,
    );
    if let Some(shared) = xmlsupport::shared_dir("validation against the AKN XSD") {
        let files = [(name.to_string(), akn)];
        let schema = shared.join("akn/akomantoso30.xsd");
        xmlsupport::xmllint(&schema, &format!("{name}-akn"), &files);
    }
}

#[test]
fn data_tables_are_tables() {
    let Some(shared) = xmlsupport::shared_dir("the gov.cn pages") else {
        return;
    };
    // the pages with data tables (besides the metadata box and layout tables), and how many
    for (id, want) in [(4, 1), (10, 1), (44, 7), (52, 1)] {
        let path = page(&shared, id);
        let doc = read_page(&path);
        let mut tables = Vec::new();
        let mut docs = vec![&doc];
        while let Some(d) = docs.pop() {
            let mut ps: Vec<&gongwen::Paragraph> = d.preamble.iter().collect();
            if let Some(n) = &d.notes {
                ps.extend(&n.entries);
            }
            let mut nodes: Vec<&Node> = d.body.iter().collect();
            while let Some(n) = nodes.pop() {
                ps.extend(&n.paragraphs);
                nodes.extend(&n.children);
            }
            tables.extend(ps.into_iter().filter_map(|p| p.table.as_ref()));
            docs.extend(d.attachments.iter().map(|a| &a.content));
        }
        assert_eq!(tables.len(), want, "{id:02}.html");
        let src = std::fs::read_to_string(&path).expect("page");
        for t in &tables {
            assert!(t.rows.len() >= 6 && t.columns() >= 3, "{id:02}.html");
            for c in t.rows.iter().flatten().filter(|c| !c.text.is_empty()) {
                // a cell's span covers its text on the page: its first character starts it
                let at = &src[c.span.offset..c.span.offset + c.span.len];
                let first = c.text.chars().next().unwrap_or(' ');
                assert!(
                    at.starts_with(first) || at.starts_with('&'),
                    "{id:02}.html: {at}"
                );
            }
        }
        assert!(
            !doc.diagnostics.iter().any(|d| d.code == "table-as-text"),
            "{id:02}.html"
        );
        keeps_the_text(&src, &doc);
        tables_round_trip(&format!("govcn-{id:02}"), &doc);
    }
}

/// Tag soup: pieces of markup, entities, text and stray characters in any order.
fn soup() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        Just("<div>"),
        Just("</div>"),
        Just("<p>"),
        Just("</p>"),
        Just("<br>"),
        Just("<table><tr><td>"),
        Just("</td><td>"),
        Just("</table>"),
        Just("<span class=\"a>b\">"),
        Just("</span>"),
        Just("<script>"),
        Just("</script>"),
        Just("<!--"),
        Just("-->"),
        Just("&amp;"),
        Just("&nbsp;"),
        Just("&#x4e00;"),
        Just("&bogus"),
        Just("&"),
        Just("<"),
        Just(">"),
        Just("一、总体要求"),
        Just("（一）明确目标。"),
        Just("正文内容。"),
        Just("\u{0}"),
        Just("\r\n"),
        Just("　"),
        Just("<![CDATA["),
        Just("<?xml?>"),
        Just("<!DOCTYPE html>"),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

    /// Any tag soup reads without a panic, as a page or as a clear error, and every span of
    /// what it reads lies inside the page, on character boundaries.
    #[test]
    fn tag_soup_never_panics(page in soup()) {
        match gongwen::read(page.as_bytes(), Some(Format::Html)) {
            Ok(doc) => {
                let json = gongwen::json::to_string(&doc);
                let back = gongwen::json::from_str(&json).expect("its JSON reads back");
                proptest::prop_assert!(back == doc);
                let mut spans = Vec::new();
                fn nodes(ns: &[Node], out: &mut Vec<gongwen::Span>) {
                    for n in ns {
                        out.push(n.span);
                        out.extend(n.paragraphs.iter().map(|p| p.span));
                        nodes(&n.children, out);
                    }
                }
                nodes(&doc.body, &mut spans);
                spans.extend(doc.preamble.iter().map(|p| p.span));
                spans.extend(doc.residue.iter().map(|r| r.span));
                spans.extend(doc.closing.iter().map(|c| c.span));
                for s in spans {
                    let end = s.offset + s.len;
                    proptest::prop_assert!(end <= page.len(), "{s:?} past the end of {page:?}");
                    proptest::prop_assert!(page.is_char_boundary(s.offset) && page.is_char_boundary(end));
                }
            }
            Err(e) => proptest::prop_assert!(
                matches!(e, Error::Empty | Error::Limit { .. }),
                "{e}"
            ),
        }
    }
}

/// A Markdown autolink in a page read as HTML (`<https://……>` beside the page's `<p>` markup,
/// as a crawl to Markdown writes it): the parser takes it for an element, a browser would show
/// nothing; the reader keeps the address as text, where it stands in the page, and the lines
/// after it as they are.
#[test]
fn a_markdown_autolink_in_a_marked_up_page_is_text() {
    let src = "# 临江市河道管理条例\n\n<p>&emsp;&emsp;<b>第一条</b>&emsp;为了加强河道管理，制定本条例。</p>\n<p>&emsp;&emsp;<b>第二条</b>&emsp;本条例自公布之日起施行。</p>\n\n---\n\n::: warning 原文链接\n\n<https://flk.npc.gov.cn/detail2.html?NDAyOGFi%3D>\n\n:::\n";
    let doc = gongwen::html::read(src).expect("reads");
    let r = doc
        .residue
        .iter()
        .find(|r| {
            r.text
                .contains("<https://flk.npc.gov.cn/detail2.html?NDAyOGFi%3D>")
        })
        .expect("the link kept");
    let at = src.find("<https://").expect("in the page");
    assert!(r.span.offset <= at && at < r.span.offset + r.span.len);
    // (the fence after the link is a line of its own)
    assert!(!r.text.contains("%3D> :::"), "{:?}", r.text);
    assert_eq!(doc.body.len(), 2);
}
