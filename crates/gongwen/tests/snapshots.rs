//! insta snapshots (in `tests/snapshots/`): the models of the sample and of the seed document,
//! and the rendered diagnostics of each malformed fixture.
//!
//! Update after an intended change with `INSTA_UPDATE=always cargo test -p gongwen --test
//! snapshots` (or `cargo insta review`), and read the diff before committing it.

mod common;

use gongwen::{Document, Node};

#[test]
fn sample_model() {
    let input = common::fixture("sample-decision.txt");
    let doc = common::parse(&input);
    insta::assert_snapshot!("sample_model", gongwen::json::to_string_pretty(&doc));
}

/// The corpus may not be copied into the repository, so the seed's snapshot keeps the model's
/// structure, metadata, numbers and spans but not the document's text: the text of every
/// paragraph, heading, closing line and piece of residue is replaced by its length and a hash,
/// which still change when the text read changes.
fn redact(doc: &mut Document) {
    fn nodes(ns: &mut [Node]) {
        for n in ns {
            if let Some(h) = &mut n.heading {
                h.text = summary(&h.text);
            }
            for p in &mut n.paragraphs {
                p.text = summary(&p.text);
            }
            nodes(&mut n.children);
        }
    }
    for p in &mut doc.preamble {
        p.text = summary(&p.text);
    }
    nodes(&mut doc.body);
    for c in &mut doc.closing {
        c.text = summary(&c.text);
    }
    for r in &mut doc.residue {
        r.text = summary(&r.text);
    }
    for a in &mut doc.attachments {
        redact(&mut a.content);
    }
}

/// `<N chars, fnv1a XXXXXXXX>`: the length and the 32-bit FNV-1a hash of the UTF-8 bytes.
fn summary(s: &str) -> String {
    let hash = s.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("<{} chars, fnv1a {hash:08x}>", s.chars().count())
}

#[test]
fn seed_model() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let path = dir.join("seed-yangpu-renmin-chengshi-jueding-2020.txt");
    let text = std::fs::read_to_string(&path).expect("seed text");
    let mut doc = gongwen::parse(&text).expect("the seed parses");
    redact(&mut doc);
    insta::assert_snapshot!("seed_model_redacted", gongwen::json::to_string_pretty(&doc));
}

#[test]
fn malformed_fixture_diagnostics() {
    let dir = common::fixtures_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("malformed-") && n.ends_with(".txt"))
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        8,
        "the malformed fixtures of the README: {names:?}"
    );
    for name in names {
        let input = common::fixture(&name);
        let doc = common::parse(&input);
        let rendered = gongwen::render::render_all(&doc.diagnostics, &input.text, &name);
        let stem = name.trim_end_matches(".txt");
        insta::assert_snapshot!(format!("diagnostics_{stem}"), rendered);
    }
}
