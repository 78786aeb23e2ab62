//! Akoma Ntoso: model → AKN → model is the identity on every fixture, corpus document and
//! generated model; every output validates against the official XSD and passes `validate`;
//! snapshots of the seed's (its text redacted) and the sample's AKN; AKN from other tools loads where it fits the
//! model (the decision skeleton of `../shared/akn`, any prefix, attribute order, comments,
//! `xml:lang`, CRLF), and what does not fit is an error or a note naming the element and its line.

mod gen;
mod xmlsupport;

use gongwen::{DocKind, Document, Error, NodeKind, Paragraph, Severity};
use proptest::prelude::*;

fn write(name: &str, doc: &Document) -> String {
    gongwen::akn::to_string(doc).unwrap_or_else(|e| panic!("{name}: write: {e}"))
}

fn round_trip(name: &str, doc: &Document) -> String {
    let akn = write(name, doc);
    let back = gongwen::akn::from_str(&akn).unwrap_or_else(|e| panic!("{name}: read: {e}"));
    assert!(back == *doc, "{name}: model → AKN → model differs");
    akn
}

#[test]
fn fixtures_and_corpus_round_trip_and_validate() {
    let docs = xmlsupport::documents();
    for (name, doc) in &docs {
        let akn = round_trip(name, doc);
        assert_eq!(
            write(name, doc),
            akn,
            "{name}: output differs between two runs"
        );
        let ds = gongwen::akn::validate(&akn);
        assert!(ds.is_empty(), "{name}: validate finds {ds:#?}");
    }
    eprintln!("AKN round trip and validate: {} documents", docs.len());
}

#[test]
fn every_output_validates_against_the_akn_xsd() {
    let Some(shared) = xmlsupport::shared_dir("validation against the AKN XSD") else {
        return;
    };
    let schema = shared.join("akn/akomantoso30.xsd");
    let mut files: Vec<(String, String)> = xmlsupport::documents()
        .iter()
        .map(|(n, d)| (n.clone(), write(n, d)))
        .collect();
    for (i, d) in gen::sample_documents(24).iter().enumerate() {
        files.push((format!("generated-{i}"), write("generated", d)));
    }
    let valid = xmlsupport::fixtures_dir().join("akn/valid-decision.akn.xml");
    files.push((
        "valid-decision".into(),
        std::fs::read_to_string(valid).expect("fixture"),
    ));
    xmlsupport::xmllint(&schema, "akn", &files);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_round_trip_and_validate(doc in gen::document()) {
        let akn = gongwen::akn::to_string(&doc).expect("writes");
        let ds = gongwen::akn::validate(&akn);
        prop_assert!(ds.is_empty(), "validate finds {:#?}", ds);
        let back = gongwen::akn::from_str(&akn).expect("reads");
        prop_assert_eq!(back, doc);
    }
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(xmlsupport::fixtures_dir().join(name)).expect("fixture")
}

#[test]
fn snapshot_of_the_sample() {
    let doc = gongwen::parse(&fixture_text("sample-decision.txt")).expect("parses");
    insta::assert_snapshot!("sample_akn", write("sample", &doc));
}

#[test]
fn snapshot_of_the_seed() {
    let Some(shared) = xmlsupport::shared_dir("the snapshot of the seed's AKN") else {
        return;
    };
    let src =
        std::fs::read_to_string(shared.join("corpus/seed-yangpu-renmin-chengshi-jueding-2020.txt"))
            .expect("seed");
    let doc = gongwen::parse(&src).expect("parses");
    insta::assert_snapshot!("seed_akn_redacted", redacted(&write("seed", &doc)));
}

/// The AKN with the text of every `p`, `heading` and `gw:text` without markup inside replaced
/// by its length and hash (the snapshot keeps the structure, not the corpus's text).
fn redacted(akn: &str) -> String {
    let mut out = String::with_capacity(akn.len());
    let mut rest = akn;
    'outer: while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        for tag in ["p", "heading", "gw:text"] {
            let open_end = match rest.strip_prefix(&format!("<{tag}")) {
                Some(r) if r.starts_with(['>', ' ']) => match r.find('>') {
                    Some(g) if !r[..g].ends_with('/') => 1 + tag.len() + g + 1,
                    _ => continue,
                },
                _ => continue,
            };
            let close = format!("</{tag}>");
            let body = &rest[open_end..];
            if let Some(c) = body.find('<').filter(|c| body[*c..].starts_with(&close)) {
                let text = &body[..c];
                let hash = text.bytes().fold(0x811c_9dc5_u32, |h, b| {
                    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
                });
                out.push_str(&rest[..open_end]);
                out.push_str(&format!(
                    "«{} chars, fnv1a {hash:08x}»",
                    text.chars().count()
                ));
                out.push_str(&close);
                rest = &body[c + close.len()..];
                continue 'outer;
            }
        }
        out.push('<');
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_seed_maps_as_documented() {
    let Some(shared) = xmlsupport::shared_dir("the seed's mapping") else {
        return;
    };
    let src =
        std::fs::read_to_string(shared.join("corpus/seed-yangpu-renmin-chengshi-jueding-2020.txt"))
            .expect("seed");
    let akn = write("seed", &gongwen::parse(&src).expect("parses"));
    for needle in [
        r##"<statement name="decision">"##,
        r##"<FRBRdate date="2020-06-30" name="adoption"/>"##,
        r##"<FRBRlanguage language="zho"/>"##,
        r##"<eventRef eId="evt_adoption" date="2020-06-30" source="#original" type="generation"/>"##,
        r##"<TLCConcept eId="guarantees""##,
        r##"<formula name="enactingFormula">"##,
        r##"<docDate date="2020-06-30">2020年6月30日</docDate>"##,
        r##"<docProponent refersTo="#"##,
        r##"<part eId="part_3" wId="part_3" refersTo="#guarantees">"##,
        r##"<hcontainer name="measure" eId="part_2__sec_1__hcontainer_1" wId="part_2__sec_1__hcontainer_1">"##,
        "<num>(一)</num>",
        "<heading>确保学深悟透</heading>",
    ] {
        assert!(akn.contains(needle), "the seed's AKN lacks {needle}");
    }
    let issuer = gongwen::akn::actor_slug("中共上海市杨浦区委");
    assert!(akn.contains(&format!(
        "/akn/cn/statement/decision/{issuer}/2020-06-30/decision-"
    )));
}

#[test]
fn the_decision_skeleton_loads() {
    let Some(shared) = xmlsupport::shared_dir("the decision skeleton") else {
        return;
    };
    let src = std::fs::read_to_string(shared.join("akn/skeleton/decision-skeleton.akn.xml"))
        .expect("skeleton");
    let doc = gongwen::akn::from_str(&src).expect("the skeleton loads");
    assert_eq!(doc.meta.kind, DocKind::Decision);
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("中共中央关于进一步全面深化改革、推进中国式现代化的决定")
    );
    assert_eq!(doc.meta.issuers, vec!["中国共产党中央委员会".to_string()]);
    let adopted = doc.meta.adopted.as_ref().expect("adoption");
    assert_eq!(
        adopted.date.map(|d| d.to_string()).as_deref(),
        Some("2024-07-18")
    );
    assert_eq!(
        adopted.meeting.as_deref(),
        Some("中国共产党第二十届中央委员会第三次全体会议")
    );
    assert_eq!(doc.preamble.len(), 1);
    let part = &doc.body[0];
    assert_eq!((part.kind, part.number()), (NodeKind::Part, Some(1)));
    let section = &part.children[0];
    assert_eq!(
        (section.kind, section.number()),
        (NodeKind::Section, Some(1))
    );
    assert_eq!(section.heading_text(), Some("进一步全面深化改革的重大意义"));
    let para = &section.children[0];
    assert_eq!(para.kind, NodeKind::Item);
    assert_eq!(para.heading_text(), Some("坚持和落实“两个毫不动摇”"));
    assert_eq!(para.paragraphs.len(), 1);
    assert!(doc.diagnostics.is_empty(), "{:#?}", doc.diagnostics);
    assert!(gongwen::akn::validate(&src).is_empty());
}

/// Writes every AKN element with the prefix `an:` instead of the default namespace.
fn with_prefix(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + xml.len() / 8);
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        out.push('<');
        rest = &rest[i + 1..];
        let close = rest.starts_with('/');
        if close {
            out.push('/');
            rest = &rest[1..];
        }
        if rest.starts_with(|c: char| c.is_ascii_alphabetic()) && !rest.starts_with("gw:") {
            out.push_str("an:");
        }
    }
    out.push_str(rest);
    out.replace(
        r#"xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0""#,
        r#"xmlns:an="http://docs.oasis-open.org/legaldocml/ns/akn/3.0""#,
    )
}

/// Reverses the order of the attributes of every start tag.
fn reversed_attributes(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find('>').expect("a tag ends");
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if tag.starts_with(['/', '?', '!']) {
            out.push('<');
            out.push_str(tag);
            out.push('>');
            continue;
        }
        let (tag, empty) = match tag.strip_suffix('/') {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let (name, mut attrs) = tag.split_once(' ').unwrap_or((tag, ""));
        let mut list = Vec::new();
        while let Some(eq) = attrs.find("=\"") {
            let key = attrs[..eq].trim();
            let after = &attrs[eq + 2..];
            let q = after.find('"').expect("a value ends");
            list.push(format!("{key}=\"{}\"", &after[..q]));
            attrs = &after[q + 1..];
        }
        list.reverse();
        out.push('<');
        out.push_str(name);
        for a in list {
            out.push(' ');
            out.push_str(&a);
        }
        out.push_str(if empty { "/>" } else { ">" });
    }
    out.push_str(rest);
    out
}

#[test]
fn our_akn_written_differently_reads_the_same() {
    let mut inputs = vec![(
        "sample".to_string(),
        gongwen::parse(&fixture_text("sample-decision.txt")).expect("parses"),
    )];
    inputs.push((
        "attachments".to_string(),
        gongwen::parse(&fixture_text("notice-attachments.txt")).expect("parses"),
    ));
    let tricky = Document {
        preamble: vec![Paragraph::new(" 多行\n文本\r\n与 <符号> & ]]> ")],
        ..Document::default()
    };
    inputs.push(("tricky".into(), tricky));
    for (name, doc) in inputs {
        let akn = write(&name, &doc);
        let variant = reversed_attributes(&with_prefix(&akn))
            .replace(">\n", "><!-- 注释 -->\n")
            .replace("<an:statement ", "<an:statement xml:lang=\"zh\" ")
            .replace("<an:doc ", "<an:doc xml:lang=\"zh\" ")
            .replace('\n', "\r\n");
        assert!(variant.contains("<an:mainBody>"), "{name}: transformed");
        let back = gongwen::akn::from_str(&variant)
            .unwrap_or_else(|e| panic!("{name}: the variant does not read: {e}"));
        assert!(back == doc, "{name}: the variant reads differently");
    }
}

/// AKN as another tool might write it: prefixed, indented inside paragraphs, elements the model
/// has no place for.
const FOREIGN: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<akn:akomaNtoso xmlns:akn="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <akn:doc name="circular" xml:lang="zh">
    <akn:meta>
      <akn:identification source="#ed">
        <akn:FRBRWork>
          <akn:FRBRthis value="/akn/cn/doc/circular/2023-05-10/7/!main"/>
          <akn:FRBRuri value="/akn/cn/doc/circular/2023-05-10/7"/>
          <akn:FRBRdate date="2023-05-10" name="signature"/>
          <akn:FRBRauthor href="#county"/>
          <akn:FRBRcountry value="cn"/>
        </akn:FRBRWork>
        <akn:FRBRExpression>
          <akn:FRBRthis value="/akn/cn/doc/circular/2023-05-10/7/zho@/!main"/>
          <akn:FRBRuri value="/akn/cn/doc/circular/2023-05-10/7/zho@"/>
          <akn:FRBRdate date="2023-05-10" name="signature"/>
          <akn:FRBRauthor href="#county"/>
          <akn:FRBRlanguage language="zho"/>
        </akn:FRBRExpression>
        <akn:FRBRManifestation>
          <akn:FRBRthis value="/akn/cn/doc/circular/2023-05-10/7/zho@/!main.xml"/>
          <akn:FRBRuri value="/akn/cn/doc/circular/2023-05-10/7/zho@.akn"/>
          <akn:FRBRdate date="2023-05-11" name="markup"/>
          <akn:FRBRauthor href="#ed"/>
        </akn:FRBRManifestation>
      </akn:identification>
      <akn:references source="#ed">
        <akn:TLCOrganization eId="county" href="/akn/ontology/organization/cn/linjiang" showAs="临江市人民政府"/>
        <akn:TLCOrganization eId="ed" href="/akn/ontology/organization/cn/ed" showAs="Editor"/>
      </akn:references>
    </akn:meta>
    <akn:preface>
      <akn:p><akn:docTitle>临江市人民政府关于
        做好防汛工作的通知</akn:docTitle></akn:p>
    </akn:preface>
    <akn:mainBody>
      <akn:subchapter eId="subchp_1">
        <akn:num>一、</akn:num>
        <akn:heading>工作要求</akn:heading>
        <akn:content>
          <akn:p>
            各乡镇要加强巡查。
          </akn:p>
          <akn:table eId="subchp_1__table_1">
            <akn:tr><akn:td>乡镇</akn:td><akn:td>责任人</akn:td></akn:tr>
          </akn:table>
        </akn:content>
      </akn:subchapter>
    </akn:mainBody>
  </akn:doc>
</akn:akomaNtoso>
"##;

#[test]
fn akn_from_other_tools_loads_with_notes() {
    let doc = gongwen::akn::from_str(FOREIGN).expect("loads");
    assert_eq!(doc.meta.kind, DocKind::Other);
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("临江市人民政府关于做好防汛工作的通知")
    );
    assert_eq!(doc.meta.issuers, vec!["临江市人民政府".to_string()]);
    assert_eq!(
        doc.meta.signed.map(|d| d.to_string()).as_deref(),
        Some("2023-05-10")
    );
    let part = &doc.body[0];
    assert_eq!((part.kind, part.number()), (NodeKind::Part, Some(1)));
    let texts: Vec<&str> = part.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["各乡镇要加强巡查。", ""]);
    let table = part.paragraphs[1]
        .table
        .as_ref()
        .expect("the table is a table");
    let cells: Vec<&str> = table.rows[0].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(cells, ["乡镇", "责任人"]);
    // nothing is dropped silently: each construct outside the model has a note with its line
    let notes: Vec<(u32, &str)> = doc
        .diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d.severity, Severity::Note);
            (d.span.line, d.message.as_str())
        })
        .collect();
    assert_eq!(
        notes,
        [
            (3, "document name `circular` read as kind `other`"),
            (37, "`subchapter` read as a part (by its depth)"),
        ]
    );
}

fn shape_error(src: &str) -> (String, usize) {
    match gongwen::akn::from_str(src) {
        Err(e @ Error::Shape { .. }) => (e.to_string(), e.position().map_or(0, |p| p.line)),
        other => panic!("expected a shape error, got {other:?}"),
    }
}

#[test]
fn constructs_outside_the_model_are_errors_naming_element_and_line() {
    let debate = FOREIGN
        .replace("<akn:doc name=\"circular\"", "<akn:debate name=\"x\"")
        .replace("</akn:doc>", "</akn:debate>");
    let (msg, line) = shape_error(&debate);
    assert_eq!(line, 3, "{msg}");
    assert!(
        msg.contains("document type `debate` does not fit the model"),
        "{msg}"
    );

    let component_ref = FOREIGN.replace(
        "      <akn:subchapter eId=\"subchp_1\">",
        "      <akn:componentRef src=\"#x\" showAs=\"x\"/>\n      <akn:subchapter eId=\"subchp_1\">",
    );
    let (msg, line) = shape_error(&component_ref);
    assert_eq!(line, 37, "{msg}");
    assert!(msg.contains("`componentRef`"), "{msg}");

    let document_ref = FOREIGN.replace(
        "    </akn:mainBody>\n",
        "    </akn:mainBody>\n    <akn:attachments>\n      <akn:attachment eId=\"att_1\">\n        <akn:documentRef href=\"/akn/cn/doc/x\" showAs=\"x\"/>\n      </akn:attachment>\n    </akn:attachments>\n",
    );
    let (msg, line) = shape_error(&document_ref);
    assert_eq!(line, 52, "{msg}");
    assert!(msg.contains("holding `documentRef`"), "{msg}");

    let (msg, line) = shape_error("<?xml version=\"1.0\"?>\n<akomaNtoso xmlns=\"urn:other\"/>\n");
    assert_eq!(line, 2, "{msg}");
    assert!(
        msg.contains("is not the Akoma Ntoso 3.0 namespace"),
        "{msg}"
    );
}

#[test]
fn a_draft_namespace_reads_with_a_warning() {
    let draft = FOREIGN.replace(
        "http://docs.oasis-open.org/legaldocml/ns/akn/3.0",
        "http://docs.oasis-open.org/legaldocml/ns/akn/3.0/WD17",
    );
    let doc = gongwen::akn::from_str(&draft).expect("reads");
    let first = &doc.diagnostics[0];
    assert_eq!(
        (first.code.as_str(), first.severity),
        ("akn-namespace", Severity::Warning)
    );
    assert_eq!(first.span.line, 2);
}

#[test]
fn a_control_character_cannot_be_written() {
    let mut doc = Document::default();
    doc.meta.title = Some("标题\u{8}".into());
    let err = gongwen::akn::to_string(&doc).expect_err("AKN cannot hold U+0008");
    assert!(err.to_string().contains("U+0008"), "{err}");
}

#[test]
fn documents_without_a_date_issuer_or_body_still_validate() {
    let empty = Document::default();
    let akn = round_trip("empty", &empty);
    assert!(
        akn.contains(r#"<FRBRdate date="0001-01-01" name="unknown"/>"#),
        "{akn}"
    );
    assert!(
        akn.contains("/akn/cn/doc/document/0001-01-01/document-"),
        "{akn}"
    );
    assert!(gongwen::akn::validate(&akn).is_empty());

    let mut numbered = Document::default();
    numbered.meta.number =
        gongwen::text::read("国务院关于某事的通知\n国发〔2019〕5号\n各省：\n现通知如下。\n")
            .expect("parses")
            .meta
            .number;
    assert!(numbered.meta.number.is_some());
    let akn = round_trip("numbered", &numbered);
    assert!(
        akn.contains(r#"<FRBRuri value="/akn/cn/doc/document/2019/2019-5"/>"#),
        "{akn}"
    );
    assert!(
        akn.contains(r#"<FRBRdate date="2019-01-01" name="number-year"/>"#),
        "{akn}"
    );
    assert!(gongwen::akn::validate(&akn).is_empty());
}

#[test]
fn repeated_numbers_get_distinct_eids() {
    let doc = gongwen::parse(&fixture_text("malformed-repeat.txt")).expect("parses");
    let akn = round_trip("malformed-repeat", &doc);
    assert!(akn.contains(r#"eId="part_1__sec_2""#));
    assert!(akn.contains(r#"eId="part_1__sec_2-2""#));
    assert!(gongwen::akn::validate(&akn).is_empty());
}

#[test]
fn our_akn_edited_by_hand_still_reads_with_a_warning() {
    let doc = gongwen::parse(&fixture_text("sample-decision.txt")).expect("parses");
    let akn = write("sample", &doc);
    // an editor removes a measure: its proprietary entry names an element that is gone
    let start = akn
        .find("<hcontainer name=\"measure\" eId=\"part_2__sec_1__hcontainer_2\"")
        .expect("a second measure");
    let end = start + akn[start..].find("</hcontainer>").expect("its end") + "</hcontainer>".len();
    let edited = format!("{}{}", &akn[..start], &akn[end..]);
    let back = gongwen::akn::from_str(&edited).expect("still reads");
    let warnings: Vec<&gongwen::Diagnostic> = back
        .diagnostics
        .iter()
        .filter(|d| d.code == "akn-proprietary")
        .collect();
    assert_eq!(warnings.len(), 1, "{:#?}", back.diagnostics);
    assert_eq!(warnings[0].severity, Severity::Warning);
    assert!(
        warnings[0]
            .message
            .contains("node `part_2__sec_1__hcontainer_2`"),
        "{}",
        warnings[0].message
    );
    assert_eq!(
        back.body[1].children[0].children.len(),
        doc.body[1].children[0].children.len() - 1
    );
}

#[test]
fn variants_of_the_skeleton_load_alike() {
    let Some(shared) = xmlsupport::shared_dir("the decision skeleton's variants") else {
        return;
    };
    let src = std::fs::read_to_string(shared.join("akn/skeleton/decision-skeleton.akn.xml"))
        .expect("skeleton");
    let base = gongwen::akn::from_str(&src).expect("the skeleton loads");
    // the variants SOURCES.md names: `act` with `body`, `doc`, `hcontainer name="part"`, CJK eIds
    let act = src
        .replace("<statement name=\"decision\">", "<act name=\"decision\">")
        .replace("</statement>", "</act>")
        .replace("<mainBody>", "<body>")
        .replace("</mainBody>", "</body>");
    let doc = src
        .replace("<statement name=\"decision\">", "<doc name=\"decision\">")
        .replace("</statement>", "</doc>");
    let hcontainer = src
        .replace(
            "<part eId=\"part_1\">",
            "<hcontainer name=\"part\" eId=\"part_1\">",
        )
        .replace("</part>", "</hcontainer>");
    let cjk = src.replace("eId=\"part_1", "eId=\"part_一、");
    for (name, variant, kind) in [
        // an act's name says its kind as a statement's does
        ("act", act, DocKind::Decision),
        ("doc", doc, DocKind::Decision),
        ("hcontainer", hcontainer, DocKind::Decision),
        ("cjk eIds", cjk.clone(), DocKind::Decision),
    ] {
        let mut read = gongwen::akn::from_str(&variant)
            .unwrap_or_else(|e| panic!("{name}: does not load: {e}"));
        assert_eq!(read.meta.kind, kind, "{name}");
        read.meta.kind = base.meta.kind;
        assert!(read == base, "{name}: loads differently");
    }
    // validate names the eIds the naming convention does not allow
    let ds = gongwen::akn::validate(&cjk);
    assert_eq!(ds.len(), 3, "{ds:#?}");
    assert!(ds.iter().all(|d| d.code == "eid-shape"));
}

/// The README's lines on XML and AKN (Rust quick start), executed.
#[test]
fn readme_xml_and_akn_lines() -> Result<(), Box<dyn std::error::Error>> {
    let readme = std::fs::read_to_string(xmlsupport::workspace_root().join("README.md"))?;
    for line in [
        "let xml = gongwen::xml::to_string(&doc)?;",
        "assert_eq!(gongwen::xml::from_str(&xml)?, doc);",
        "let akn = gongwen::akn::to_string(&doc)?;",
        "assert_eq!(gongwen::akn::from_str(&akn)?, doc);",
        "assert!(gongwen::akn::validate(&akn).is_empty());",
    ] {
        assert!(readme.contains(line), "README no longer shows `{line}`");
    }
    let doc = gongwen::parse(&fixture_text("sample-decision.txt"))?;
    let xml = gongwen::xml::to_string(&doc)?;
    assert_eq!(gongwen::xml::from_str(&xml)?, doc);
    let akn = gongwen::akn::to_string(&doc)?;
    assert_eq!(gongwen::akn::from_str(&akn)?, doc);
    assert!(gongwen::akn::validate(&akn).is_empty());
    Ok(())
}
