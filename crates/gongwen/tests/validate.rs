//! `gongwen::akn::validate`: planted faults in `tests/fixtures/akn/` are found on their lines; a
//! clean document has no diagnostic; rendering is rustc-style.

mod xmlsupport;

use gongwen::{Diagnostic, Severity};

fn fixture(name: &str) -> String {
    let p = xmlsupport::fixtures_dir().join("akn").join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// (code, severity, line) of every diagnostic.
fn found(ds: &[Diagnostic]) -> Vec<(&str, Severity, u32)> {
    ds.iter()
        .map(|d| (d.code.as_str(), d.severity, d.span.line))
        .collect()
}

#[test]
fn a_clean_document_has_no_diagnostic() {
    let ds = gongwen::akn::validate(&fixture("valid-decision.akn.xml"));
    assert!(ds.is_empty(), "{ds:#?}");
}

#[test]
fn a_duplicate_eid_is_found_on_its_line() {
    let src = fixture("duplicate-eid.akn.xml");
    let ds = gongwen::akn::validate(&src);
    assert_eq!(found(&ds), [("eid-duplicate", Severity::Error, 52)]);
    assert_eq!(
        ds[0].message,
        "eId `part_1__sec_1` is used twice (first on line 45)"
    );
    // the span is the attribute value
    assert_eq!(
        &src[ds[0].span.offset..ds[0].span.offset + ds[0].span.len],
        "part_1__sec_1"
    );
}

#[test]
fn a_malformed_frbr_uri_is_found_on_its_line() {
    let ds = gongwen::akn::validate(&fixture("malformed-frbr-uri.akn.xml"));
    assert_eq!(found(&ds), [("frbr-uri", Severity::Error, 9)]);
    assert!(
        ds[0].message.contains("does not start with `/akn/`"),
        "{}",
        ds[0].message
    );
}

#[test]
fn a_missing_frbrdate_is_found_on_its_line() {
    let ds = gongwen::akn::validate(&fixture("missing-frbrdate.akn.xml"));
    assert_eq!(found(&ds), [("missing-metadata", Severity::Error, 7)]);
    assert_eq!(ds[0].message, "`FRBRWork` has no `FRBRdate`");
}

#[test]
fn diagnostics_render_like_rustc() {
    let src = fixture("duplicate-eid.akn.xml");
    let ds = gongwen::akn::validate(&src);
    let out = gongwen::render::render(&ds[0], &src, "duplicate-eid.akn.xml");
    assert_eq!(
        out,
        "error[eid-duplicate]: eId `part_1__sec_1` is used twice (first on line 45)\n  \
         --> duplicate-eid.akn.xml:52:23\n   |\n52 |         <section eId=\"part_1__sec_1\">\n   \
         |                       ^^^^^^^^^^^^\n"
    );
}

fn valid_with(from: &str, to: &str) -> Vec<Diagnostic> {
    let src = fixture("valid-decision.akn.xml");
    assert!(src.contains(from), "the fixture holds {from}");
    gongwen::akn::validate(&src.replacen(from, to, 1))
}

#[test]
fn eids_outside_the_naming_convention() {
    let ds = valid_with(
        r#"<section eId="part_1__sec_1">"#,
        r#"<section eId="part_1__sec_（一）">"#,
    );
    assert_eq!(found(&ds), [("eid-shape", Severity::Error, 45)]);
    assert!(
        ds[0].message.contains("Arabic numbers"),
        "{}",
        ds[0].message
    );
    let ds = valid_with(
        r#"<section eId="part_1__sec_1">"#,
        r#"<section eId="part_1__para_1">"#,
    );
    assert_eq!(found(&ds), [("eid-name", Severity::Warning, 45)]);
    let ds = valid_with(
        r#"<section eId="part_1__sec_1">"#,
        r#"<section eId="sec_1">"#,
    );
    assert_eq!(found(&ds), [("eid-prefix", Severity::Warning, 45)]);
}

#[test]
fn frbr_consistency() {
    // the expression language disagrees with FRBRlanguage
    let ds = valid_with(
        r#"<FRBRlanguage language="zho"/>"#,
        r#"<FRBRlanguage language="eng"/>"#,
    );
    assert_eq!(found(&ds), [("frbr-consistency", Severity::Error, 21)]);
    // the work date disagrees with the URI's
    let ds = valid_with(
        r#"<FRBRdate date="2024-03-15" name="adoption"/>"#,
        r#"<FRBRdate date="2024-03-16" name="adoption"/>"#,
    );
    assert_eq!(found(&ds), [("frbr-consistency", Severity::Error, 10)]);
    // a manifestation of another work
    let ds = valid_with(
        "rural-roads/zho@2024-03-15/!main.xml",
        "other/zho@2024-03-15/!main.xml",
    );
    assert_eq!(found(&ds), [("frbr-consistency", Severity::Error, 24)]);
    // not a full date
    let ds = valid_with(
        r#"date="2024-03-16" name="markup""#,
        r#"date="2024" name="markup""#,
    );
    assert_eq!(found(&ds), [("frbr-date", Severity::Error, 26)]);
}

#[test]
fn dangling_references_are_warnings() {
    let ds = valid_with(
        r##"<FRBRauthor href="#qingxi" as="#author"/>
          <FRBRcountry"##,
        r##"<FRBRauthor href="#nobody" as="#author"/>
          <FRBRcountry"##,
    );
    assert_eq!(found(&ds), [("dangling-reference", Severity::Warning, 11)]);
}

#[test]
fn input_that_is_not_akn() {
    let ds = gongwen::akn::validate("<document xmlns=\"https://gongwen.dev/ns/gongwen/1.0\"/>");
    assert_eq!(found(&ds), [("akn-root", Severity::Error, 1)]);
    let ds = gongwen::akn::validate("<akomaNtoso>\n<unclosed>\n</akomaNtoso>");
    assert_eq!(found(&ds), [("xml-syntax", Severity::Error, 3)]);
    let ds = gongwen::akn::validate("  \n");
    assert_eq!(found(&ds), [("xml-empty", Severity::Error, 0)]);
}
