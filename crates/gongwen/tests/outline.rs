//! Outlines: every fixture with an `.outline` beside it, and the seed document of the corpus
//! (outline, metadata, guarantees) against `shared/corpus/expected/`.

mod common;

use gongwen::{outline::outline, Date, NodeKind};

/// Lines with their trailing white space removed, and no trailing empty lines.
fn normalise(s: &str) -> String {
    let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
    let n = lines.len() - lines.iter().rev().take_while(|l| l.is_empty()).count();
    lines[..n].join("\n")
}

#[test]
fn fixture_outlines() {
    let mut checked = Vec::new();
    let mut failures = Vec::new();
    for input in common::document_fixtures() {
        let path = input.path.with_extension("outline");
        if !path.exists() {
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let actual = outline(&common::parse(&input));
        let (e, a) = (normalise(&expected), normalise(&actual));
        if e != a {
            failures.push(format!(
                "{}: outline differs from {}\n{}",
                input.name,
                path.file_name().expect("name").to_string_lossy(),
                common::diff(&e, &a, 60)
            ));
        }
        checked.push(input.name);
    }
    // tests/fixtures/README.md: every well-formed document has an outline
    assert!(
        checked.len() >= 8,
        "expected the 8 outlined fixtures of tests/fixtures/README.md, found {checked:?}"
    );
    assert!(
        failures.is_empty(),
        "{} of {} fixture outlines differ:\n\n{}",
        failures.len(),
        checked.len(),
        failures.join("\n\n")
    );
}

const SEED: &str = "seed-yangpu-renmin-chengshi-jueding-2020";

/// The seed document and its expected outline, or `None` (with a notice) without the corpus.
fn seed() -> Option<(gongwen::Document, String)> {
    let dir = common::corpus_dir()?;
    let text = std::fs::read_to_string(dir.join(format!("{SEED}.txt"))).expect("seed text");
    let expected = std::fs::read_to_string(dir.join(format!("expected/{SEED}.outline")))
        .expect("seed outline");
    let doc = gongwen::parse(&text).unwrap_or_else(|e| panic!("{SEED}.txt does not parse: {e}"));
    Some((doc, expected))
}

#[test]
fn seed_outline_is_exactly_the_expected_one() {
    let Some((doc, expected)) = seed() else {
        return;
    };
    let actual = outline(&doc);
    assert!(
        actual == expected,
        "outline of {SEED}.txt differs from expected/{SEED}.outline:\n{}",
        common::diff(&expected, &actual, 80)
    );
}

#[test]
fn seed_metadata() {
    let Some((doc, _)) = seed() else {
        return;
    };
    let m = &doc.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("中共上海市杨浦区委关于贯彻落实十一届市委九次全会精神践行人民城市重要理念争做人民城市建设标杆的决定")
    );
    assert_eq!(m.issuers, ["中共上海市杨浦区委"]);
    let adopted = m.adopted.as_ref().expect("an adoption line");
    assert_eq!(adopted.meeting.as_deref(), Some("十届区委十次全会"));
    assert_eq!(adopted.date, Date::new(2020, 6, 30));
    let p = m.publication.as_ref().expect("publication data");
    assert_eq!(p.datetime.as_deref(), Some("2020-06-30T10:35"));
    assert_eq!(p.source.as_deref(), Some("澎湃新闻·澎湃号·政务"));
    assert_eq!(
        p.headline.as_deref(),
        Some("践行人民城市重要理念争做人民城市建设标杆!今天区委全会通过这个重要决定")
    );
}

#[test]
fn seed_guarantees_are_the_part_on_important_safeguards() {
    let Some((doc, _)) = seed() else {
        return;
    };
    let g = doc.guarantees();
    let found: Vec<String> = g
        .iter()
        .map(|n| {
            format!(
                "{} {:?} {:?}",
                n.kind.as_str(),
                n.number(),
                n.heading_text()
            )
        })
        .collect();
    assert_eq!(g.len(), 1, "guarantees: {found:?}");
    assert_eq!(g[0].kind, NodeKind::Part, "guarantees: {found:?}");
    assert_eq!(g[0].heading_text(), Some("全面做好重要保障"));
    // it is the part of the body with that heading, the last one
    let last = doc.body.last().expect("parts");
    assert!(std::ptr::eq(g[0], last), "guarantees: {found:?}");
}
