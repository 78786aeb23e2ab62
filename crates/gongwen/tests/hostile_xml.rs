//! Hostile XML, for both XML readers (gongwen XML and AKN) and the AKN validator: DTDs and
//! entities are refused, nesting, attributes and text are bounded, and each refusal is a clear
//! error with its position; nothing panics on any input.
//!
//! Fixtures: `tests/fixtures/xml/billion-laughs.xml`, `tests/fixtures/xml/external-entity.xml`;
//! the 100 000-deep nesting is generated here.

mod xmlsupport;

use gongwen::xmlsafe::{
    MAX_ATTRIBUTES, MAX_ATTRIBUTES_TOTAL, MAX_DEPTH, MAX_ELEMENTS, MAX_INPUT, MAX_TEXT,
};
use gongwen::{Error, Severity};
use proptest::prelude::*;
use std::time::{Duration, Instant};

const AKN: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
const GW: &str = "https://gongwen.dev/ns/gongwen/1.0";

type Reader = fn(&str) -> Result<gongwen::Document, Error>;

const READERS: [(&str, Reader); 2] = [
    ("xml", gongwen::xml::from_str),
    ("akn", gongwen::akn::from_str),
];

fn fixture(name: &str) -> String {
    let p = xmlsupport::fixtures_dir().join("xml").join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// Every reader refuses `src` quickly; returns the errors.
fn refused(src: &str) -> Vec<Error> {
    READERS
        .iter()
        .map(|(name, read)| {
            let start = Instant::now();
            let err = match read(src) {
                Ok(_) => panic!("{name}: accepted hostile input"),
                Err(e) => e,
            };
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{name}: took {:?}",
                start.elapsed()
            );
            err
        })
        .collect()
}

#[test]
fn billion_laughs_is_refused_at_the_doctype() {
    let src = fixture("billion-laughs.xml");
    for e in refused(&src) {
        assert!(matches!(e, Error::Syntax { .. }), "{e:?}");
        let msg = e.to_string();
        assert!(msg.contains("at line 2, column 1"), "{msg}");
        assert!(msg.contains("DOCTYPE declarations are refused"), "{msg}");
    }
    let ds = gongwen::akn::validate(&src);
    assert_eq!(ds.len(), 1);
    assert_eq!((ds[0].code.as_str(), ds[0].span.line), ("xml-syntax", 2));
}

#[test]
fn external_entities_are_refused_and_nothing_is_fetched() {
    let src = fixture("external-entity.xml");
    for e in refused(&src) {
        let msg = e.to_string();
        assert!(msg.contains("at line 2, column 1"), "{msg}");
        assert!(msg.contains("fetches nothing"), "{msg}");
    }
    // without a DOCTYPE, a reference to an undeclared entity is refused where it stands
    let src =
        format!("<document xmlns=\"{GW}\">\n  <meta><title>&secret;</title></meta>\n</document>");
    for e in refused(&src) {
        let msg = e.to_string();
        assert!(msg.contains("undefined entity `&secret;`"), "{msg}");
        assert!(msg.contains("line 2, column 16"), "{msg}");
    }
}

fn deep(root: &str, depth: usize, closed: bool) -> String {
    let mut s = String::with_capacity(depth * 8 + 200);
    s.push_str(root);
    s.push('\n');
    for _ in 0..depth {
        s.push_str("<a>");
    }
    if closed {
        for _ in 0..depth {
            s.push_str("</a>");
        }
    }
    s
}

#[test]
fn nesting_100_000_deep_is_refused_at_the_limit() {
    for root in [
        format!("<akomaNtoso xmlns=\"{AKN}\">"),
        format!("<document xmlns=\"{GW}\">"),
    ] {
        for closed in [true, false] {
            let src = deep(&root, 100_000, closed);
            for e in refused(&src) {
                match &e {
                    Error::Limit { what, limit, at } => {
                        assert_eq!((*what, *limit), ("element nesting depth", MAX_DEPTH));
                        // the root is element 1, the first <a> on line 2 is element 2
                        assert_eq!((at.line, at.column), (2, 3 * (MAX_DEPTH - 1) + 1), "{e}");
                    }
                    other => panic!("expected the depth limit, got {other:?}"),
                }
                assert!(e
                    .to_string()
                    .starts_with("element nesting depth exceeds the limit of 256 at line 2"));
            }
            let ds = gongwen::akn::validate(&src);
            assert_eq!(ds[0].code, "xml-limit");
        }
    }
}

#[test]
fn nesting_within_the_limit_is_read() {
    // 250 levels are fine for the parser; the AKN reader then names what it does not know
    let src = deep(
        &format!("<akomaNtoso xmlns=\"{AKN}\">"),
        MAX_DEPTH - 6,
        true,
    ) + "</akomaNtoso>";
    let err = gongwen::akn::from_str(&src).expect_err("no document inside");
    assert!(matches!(err, Error::Shape { .. }), "{err:?}");
}

#[test]
fn too_many_attributes_are_refused() {
    let attrs: String = (0..=MAX_ATTRIBUTES)
        .map(|i| format!(" a{i}=\"x\""))
        .collect();
    let src = format!("<akomaNtoso xmlns=\"{AKN}\">\n  <doc{attrs}/>\n</akomaNtoso>");
    for e in refused(&src) {
        match &e {
            Error::Limit { what, limit, at } => {
                assert_eq!(
                    (*what, *limit, at.line),
                    ("attributes on one element", MAX_ATTRIBUTES, 2)
                );
            }
            other => panic!("expected the attribute limit, got {other:?}"),
        }
    }
    let decls: String = (0..1000)
        .map(|i| format!(" xmlns:p{i}=\"urn:{i}\""))
        .collect();
    let src = format!("<akomaNtoso xmlns=\"{AKN}\"{decls}/>");
    for e in refused(&src) {
        assert!(
            matches!(
                e,
                Error::Limit {
                    what: "attributes on one element",
                    ..
                }
            ),
            "{e:?}"
        );
    }
}

#[test]
fn huge_text_and_attributes_are_refused() {
    let big = "字".repeat(MAX_TEXT / 3 + 1);
    let src = format!("<document xmlns=\"{GW}\">\n<meta><title>{big}</title></meta></document>");
    for e in refused(&src) {
        assert!(
            matches!(
                e,
                Error::Limit {
                    what: "bytes in one text node",
                    ..
                }
            ),
            "{e:?}"
        );
        assert_eq!(
            e.position().map(|p| (p.line, p.column)),
            Some((2, 14)),
            "{e}"
        );
    }
    let src = format!("<document xmlns=\"{GW}\" a=\"{big}\"/>");
    for e in refused(&src) {
        assert!(
            matches!(
                e,
                Error::Limit {
                    what: "bytes in one attribute value",
                    ..
                }
            ),
            "{e:?}"
        );
    }
    let src = format!(
        "<document xmlns=\"{GW}\">{}</document>",
        " ".repeat(MAX_INPUT)
    );
    for e in refused(&src) {
        assert!(
            matches!(
                e,
                Error::Limit {
                    what: "input size in bytes",
                    ..
                }
            ),
            "{e:?}"
        );
    }
}

#[test]
fn a_flood_of_elements_is_refused() {
    let src = format!(
        "<akomaNtoso xmlns=\"{AKN}\">{}</akomaNtoso>",
        "<a/>".repeat(MAX_ELEMENTS)
    );
    for e in refused(&src) {
        match &e {
            Error::Limit { what, limit, at } => {
                assert_eq!((*what, *limit), ("elements in one input", MAX_ELEMENTS));
                assert_eq!(at.offset, src.len() - "<a/></akomaNtoso>".len(), "{e}");
            }
            other => panic!("expected the element limit, got {other:?}"),
        }
    }
}

#[test]
fn a_flood_of_attributes_is_refused() {
    // 63 attributes an element, each within the per-element limit, far fewer elements than
    // the element limit: refused by the count of attributes in the whole input
    let per = MAX_ATTRIBUTES - 1;
    let names: Vec<String> = (0..per).map(|i| format!("a{i}")).collect();
    let one = format!("<e {}/>", names.join("=\"\" ") + "=\"\"");
    let count = MAX_ATTRIBUTES_TOTAL / per + 1;
    assert!(count < MAX_ELEMENTS);
    let src = format!(
        "<akomaNtoso xmlns=\"{AKN}\">{}</akomaNtoso>",
        one.repeat(count)
    );
    // the element whose attributes pass the limit starts where the earlier ones end
    let last = MAX_ATTRIBUTES_TOTAL / per;
    let offset = src.find('>').expect("root tag") + 1 + last * one.len();
    for e in refused(&src) {
        match &e {
            Error::Limit { what, limit, at } => {
                assert_eq!(
                    (*what, *limit),
                    ("attributes in one input", MAX_ATTRIBUTES_TOTAL)
                );
                assert_eq!(at.offset, offset, "{e}");
            }
            other => panic!("expected the attribute limit, got {other:?}"),
        }
    }
}

#[test]
fn bad_references_and_characters_are_syntax_errors() {
    for (bad, says) in [
        ("&#0;", "invalid character reference"),
        ("&#x1;", "invalid character reference"),
        ("&#xZZ;", "invalid character reference"),
        ("\u{1}", "character U+0001 is not allowed"),
        ("&nbsp;", "undefined entity `&nbsp;`"),
    ] {
        let src =
            format!("<document xmlns=\"{GW}\">\n<meta><title>a{bad}</title></meta></document>");
        for e in refused(&src) {
            assert!(matches!(e, Error::Syntax { .. }), "{bad}: {e:?}");
            assert!(e.to_string().contains(says), "{bad}: {e}");
            assert_eq!(e.position().map(|p| p.line), Some(2), "{bad}: {e}");
        }
    }
    let src = "<?xml version=\"1.0\" encoding=\"GBK\"?><document/>";
    for e in refused(src) {
        assert!(
            e.to_string().contains("encoding `gbk` is not supported"),
            "{e}"
        );
    }
}

#[test]
fn the_validator_reports_limits_as_diagnostics() {
    let attrs: String = (0..=MAX_ATTRIBUTES)
        .map(|i| format!(" a{i}=\"x\""))
        .collect();
    let ds = gongwen::akn::validate(&format!("<akomaNtoso{attrs}/>"));
    assert_eq!(ds.len(), 1);
    assert_eq!(
        (ds[0].code.as_str(), ds[0].severity),
        ("xml-limit", Severity::Error)
    );
}

/// Pieces that make XML go wrong.
const NASTY: &[&str] = &[
    "<",
    ">",
    "&",
    ";",
    "\"",
    "'",
    "/",
    "]]>",
    "<![CDATA[",
    "<!--",
    "-->",
    "<?",
    "?>",
    "<!DOCTYPE x>",
    "<!ENTITY e \"x\">",
    "&e;",
    "&#1;",
    "&#x10FFFF;",
    "&#xD800;",
    "xmlns:p=\"\"",
    "p:",
    "<p:a>",
    "</a>",
    "<a b=\"1\" b=\"2\">",
    "\u{0}",
    "\u{feff}",
    "\r",
    "字",
    "𠀀",
];

fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    let edit = (0usize..100_000, 0usize..40, proptest::sample::select(NASTY));
    proptest::collection::vec(edit, 1..6).prop_map(move |edits| {
        let mut s = base.to_string();
        for (at, cut, piece) in edits {
            let mut i = at % (s.len() + 1);
            while !s.is_char_boundary(i) {
                i -= 1;
            }
            let mut j = (i + cut).min(s.len());
            while !s.is_char_boundary(j) {
                j -= 1;
            }
            s.replace_range(i..j, piece);
        }
        s
    })
}

fn sample_akn() -> &'static str {
    use std::sync::OnceLock;
    static AKN: OnceLock<String> = OnceLock::new();
    AKN.get_or_init(|| {
        let src =
            std::fs::read_to_string(xmlsupport::fixtures_dir().join("notice-attachments.txt"))
                .expect("fixture");
        gongwen::akn::to_string(&gongwen::parse(&src).expect("parses")).expect("writes")
    })
}

fn sample_xml() -> &'static str {
    use std::sync::OnceLock;
    static XML: OnceLock<String> = OnceLock::new();
    XML.get_or_init(|| {
        let src = std::fs::read_to_string(xmlsupport::fixtures_dir().join("canonical-opinion.txt"))
            .expect("fixture");
        gongwen::xml::to_string(&gongwen::parse(&src).expect("parses")).expect("writes")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn mutated_akn_never_panics(src in mutated(sample_akn())) {
        let _ = gongwen::akn::from_str(&src);
        let _ = gongwen::xml::from_str(&src);
        let ds = gongwen::akn::validate(&src);
        for d in ds {
            prop_assert!(d.span.offset <= src.len());
        }
    }

    #[test]
    fn mutated_gongwen_xml_never_panics(src in mutated(sample_xml())) {
        let _ = gongwen::xml::from_str(&src);
        let _ = gongwen::akn::from_str(&src);
        let _ = gongwen::akn::validate(&src);
    }

    #[test]
    fn arbitrary_text_never_panics(src in "(?s).{0,200}") {
        let _ = gongwen::xml::from_str(&src);
        let _ = gongwen::akn::from_str(&src);
        let _ = gongwen::akn::validate(&src);
        let _ = gongwen::xmlsafe::detect(&src);
    }
}
