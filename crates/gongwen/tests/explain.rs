//! `gongwen check --explain` and `gongwen.explain`: every decision of the reader names where it
//! was taken (line and column on the input) and why, on every fixture and corpus document.

mod common;

use gongwen::text::{explain, Options};

#[test]
fn every_decision_has_a_line_a_column_and_a_reason() {
    let docs = common::all_documents();
    let mut decisions = 0;
    let mut codes = std::collections::BTreeSet::new();
    for input in &docs {
        let bytes = std::fs::read(&input.path).expect("readable");
        let (doc, log) =
            explain(&bytes, &Options::default()).unwrap_or_else(|e| panic!("{}: {e}", input.name));
        // the same reading as without the log
        assert_eq!(
            doc,
            common::parse(input),
            "{}: explain reads differently",
            input.name
        );
        let lines = input.text.lines().count().max(1) as u32;
        for d in &log {
            assert!(
                d.span.line >= 1 && d.span.line <= lines && d.span.column >= 1,
                "{}: decision `{}` at line {} column {} (the text has {lines} lines): {}",
                input.name,
                d.code,
                d.span.line,
                d.span.column,
                d.message
            );
            assert!(
                !d.message.trim().is_empty(),
                "{}: `{}` without a reason",
                input.name,
                d.code
            );
            codes.insert(d.code);
        }
        decisions += log.len();
    }
    // the fixtures alone exercise the main kinds of decision
    for code in [
        "title",
        "closing",
        "measure",
        "rejoined",
        "wrap",
        "furniture",
    ] {
        assert!(
            codes.contains(code),
            "no `{code}` decision on any fixture or corpus document"
        );
    }
    assert!(decisions > 0);
    if common::corpus_dir().is_none() {
        eprintln!("notice: ../shared/corpus not found; decisions checked on the fixtures only");
    }
}
