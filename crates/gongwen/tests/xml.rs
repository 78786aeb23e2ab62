//! gongwen XML: model → XML → model is the identity on every fixture, corpus document and
//! generated model; every output validates against `schemas/gongwen.xsd`; output is
//! deterministic; the reader refuses what the schema does not allow, with positions.

mod gen;
mod xmlsupport;

use gongwen::{Document, Error, Paragraph};
use proptest::prelude::*;

fn round_trip(name: &str, doc: &Document) -> String {
    let xml = gongwen::xml::to_string(doc).unwrap_or_else(|e| panic!("{name}: write: {e}"));
    let back = gongwen::xml::from_str(&xml).unwrap_or_else(|e| panic!("{name}: read: {e}"));
    assert!(back == *doc, "{name}: model → XML → model differs");
    xml
}

#[test]
fn fixtures_and_corpus_round_trip() {
    let docs = xmlsupport::documents();
    for (name, doc) in &docs {
        let xml = round_trip(name, doc);
        assert_eq!(
            gongwen::xml::to_string(doc).ok().as_deref(),
            Some(xml.as_str()),
            "{name}: output differs between two runs"
        );
    }
    eprintln!("gongwen XML round trip: {} documents", docs.len());
}

#[test]
fn every_output_validates_against_the_committed_xsd() {
    let schema = xmlsupport::workspace_root().join("schemas/gongwen.xsd");
    let mut files: Vec<(String, String)> = xmlsupport::documents()
        .iter()
        .map(|(n, d)| (n.clone(), gongwen::xml::to_string(d).expect("writes")))
        .collect();
    for (i, d) in gen::sample_documents(24).iter().enumerate() {
        files.push((
            format!("generated-{i}"),
            gongwen::xml::to_string(d).expect("writes"),
        ));
    }
    xmlsupport::xmllint(&schema, "gongwen-xml", &files);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_round_trip(doc in gen::document()) {
        let xml = gongwen::xml::to_string(&doc).expect("writes");
        let back = gongwen::xml::from_str(&xml).expect("reads");
        prop_assert_eq!(back, doc);
    }
}

#[test]
fn output_is_indented_by_two_spaces_with_a_declaration() {
    let doc =
        gongwen::parse("关于某事的通知\n各单位：\n一、总体要求\n（一）明确目标。到年底完成。\n")
            .expect("parses");
    let xml = gongwen::xml::to_string(&doc).expect("writes");
    assert!(xml.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document xmlns=\"https://gongwen.dev/ns/gongwen/1.0\">\n  <meta>\n    <kind>notice</kind>\n"
    ));
    assert!(xml.ends_with("</document>\n"));
    for line in xml.lines().skip(1) {
        let indent = line.len() - line.trim_start_matches(' ').len();
        assert_eq!(indent % 2, 0, "odd indentation: {line:?}");
    }
}

#[test]
fn text_that_needs_escaping_survives() {
    let mut doc = Document::default();
    let tricky = " a<b>&c]]>d\"e'f\r\ng\th  \n";
    doc.meta.title = Some(tricky.into());
    doc.meta.issuers = vec![tricky.into()];
    doc.preamble
        .extend([Paragraph::new(tricky), Paragraph::new("")]);
    round_trip("tricky", &doc);
}

#[test]
fn a_control_character_cannot_be_written() {
    let doc = Document {
        preamble: vec![Paragraph::new("前\u{1}后")],
        ..Document::default()
    };
    let err = gongwen::xml::to_string(&doc).expect_err("XML cannot hold U+0001");
    assert!(err.to_string().contains("U+0001"), "{err}");
}

fn shape_error(xml: &str) -> (String, usize) {
    match gongwen::xml::from_str(xml) {
        Err(e @ Error::Shape { .. }) => (e.to_string(), e.position().map_or(0, |p| p.line)),
        other => panic!("expected a shape error, got {other:?}"),
    }
}

const HEAD: &str =
    "<?xml version=\"1.0\"?>\n<document xmlns=\"https://gongwen.dev/ns/gongwen/1.0\">\n";

#[test]
fn unknown_elements_are_refused_with_their_line() {
    let (msg, line) = shape_error(&format!(
        "{HEAD}  <meta>\n    <kind>notice</kind>\n    <colour>red</colour>\n  </meta>\n</document>\n"
    ));
    assert_eq!(line, 5, "{msg}");
    assert!(
        msg.contains("unexpected element `colour` in `meta`"),
        "{msg}"
    );
}

#[test]
fn a_span_is_four_number_attributes_and_nothing_else() {
    let para = |span: &str| {
        format!("{HEAD}  <meta/>\n  <preamble>\n    <paragraph>\n      <text>正文。</text>\n      {span}\n    </paragraph>\n  </preamble>\n</document>\n")
    };
    let doc = gongwen::xml::from_str(&para(r#"<span offset="3" len="9" line="2" column="1"/>"#))
        .expect("a span with its four attributes reads");
    let s = doc.preamble[0].span;
    assert_eq!((s.offset, s.len, s.line, s.column), (3, 9, 2, 1));
    for (span, want) in [
        (
            r#"<span offset="3" len="9" line="2"/>"#,
            "`span` has no attribute `column`",
        ),
        (
            r#"<span offset="-3" len="9" line="2" column="1"/>"#,
            "`offset` `-3` is not a non-negative integer",
        ),
        (
            r#"<span offset="3" len="9" line="2" column="1" colour="red"/>"#,
            "unexpected attribute `colour` on `span`",
        ),
        (
            r#"<span offset="3" len="9" line="2" column="99999999999"/>"#,
            "`column` 99999999999 is too large",
        ),
        (
            r#"<span offset="3" len="9" line="2" column="1"><line>2</line></span>"#,
            "unexpected element `line` in `span`",
        ),
    ] {
        let (msg, line) = shape_error(&para(span));
        assert!(msg.contains(want), "{span}: {msg}");
        assert!((6..=7).contains(&line), "{span}: line {line}: {msg}");
    }
}

#[test]
fn repeated_and_missing_fields_are_refused() {
    let (msg, line) = shape_error(&format!(
        "{HEAD}  <meta>\n    <title>a</title>\n    <title>b</title>\n  </meta>\n</document>\n"
    ));
    assert_eq!(line, 5, "{msg}");
    assert!(msg.contains("repeated"), "{msg}");
    let (msg, line) = shape_error(&format!(
        "{HEAD}  <meta/>\n  <body>\n    <node>\n      <num><text>一、</text></num>\n    </node>\n  </body>\n</document>\n"
    ));
    assert_eq!(line, 5, "{msg}");
    assert!(msg.contains("lacks its `kind`"), "{msg}");
    let (msg, _) = shape_error(&format!("{HEAD}  <preamble/>\n</document>\n"));
    assert!(msg.contains("lacks its `meta`"), "{msg}");
}

#[test]
fn bad_values_are_refused_with_their_path() {
    let (msg, line) = shape_error(&format!(
        "{HEAD}  <meta>\n    <signed>2020-02-30</signed>\n  </meta>\n</document>\n"
    ));
    assert_eq!(line, 4, "{msg}");
    assert!(msg.contains("`2020-02-30` is not a date"), "{msg}");
    assert!(msg.contains("document/meta/signed"), "{msg}");
    let (msg, _) = shape_error(&format!(
        "{HEAD}  <meta><kind>memo</kind></meta>\n</document>\n"
    ));
    assert!(msg.contains("`memo` is not a document kind"), "{msg}");
    // deep in the body: every step named, list items counted from 1
    let node = |inner: &str| format!("<node><kind>part</kind>{inner}</node>");
    let (msg, line) = shape_error(&format!(
        "{HEAD}  <meta/>\n  <body>{}{}</body>\n</document>\n",
        node(""),
        node(&format!(
            "<children>{}\n{}</children>",
            node(""),
            node("<heading><text>甲</text><run_in>maybe</run_in></heading>")
        ))
    ));
    assert_eq!(line, 5, "{msg}");
    assert!(msg.contains("`maybe` is not a boolean"), "{msg}");
    assert!(
        msg.contains("document/body/node[2]/children/node[2]/heading/run_in"),
        "{msg}"
    );
    let (msg, _) = shape_error(&format!(
        "{HEAD}  <meta/>\n  <body>{}</body>\n</document>\n",
        node("<paragraphs><paragraph><text>正文</text><span offset=\"x\" len=\"1\" line=\"1\" column=\"1\"/></paragraph></paragraphs>")
    ));
    assert!(
        msg.contains("`offset` `x` is not a non-negative integer"),
        "{msg}"
    );
    assert!(
        msg.contains("document/body/node[1]/paragraphs/paragraph[1]/span"),
        "{msg}"
    );
}

#[test]
fn text_between_fields_and_other_roots_are_refused() {
    let (msg, line) = shape_error(&format!(
        "{HEAD}  <meta>stray<kind>notice</kind></meta>\n</document>\n"
    ));
    assert_eq!(line, 3, "{msg}");
    assert!(msg.contains("text `stray`"), "{msg}");
    let (msg, line) = shape_error("<?xml version=\"1.0\"?>\n<doc/>\n");
    assert_eq!(line, 2);
    assert!(msg.contains("the root element is `doc`"), "{msg}");
}

#[test]
fn not_well_formed_xml_is_a_syntax_error_with_its_position() {
    let err = gongwen::xml::from_str(&format!("{HEAD}  <meta>\n  </mota>\n</document>\n"))
        .expect_err("mismatched tags");
    assert!(matches!(err, Error::Syntax { .. }), "{err:?}");
    assert_eq!(err.position().map(|p| p.line), Some(4), "{err}");
}

#[test]
fn any_prefix_and_comments_are_accepted() {
    let xml = "<?xml version=\"1.0\"?>\n<!-- c -->\n<g:document xmlns:g=\"https://gongwen.dev/ns/gongwen/1.0\">\n  <!-- c --><g:meta><g:kind>plan</g:kind><g:title>标<![CDATA[<题>]]></g:title></g:meta>\n</g:document>\n";
    let doc = gongwen::xml::from_str(xml).expect("reads");
    assert_eq!(doc.meta.title.as_deref(), Some("标<题>"));
    assert_eq!(doc.meta.kind, gongwen::DocKind::Plan);
}
