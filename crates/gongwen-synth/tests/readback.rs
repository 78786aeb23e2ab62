//! gongwen reads what the generator writes: the generated hierarchy, no diagnostics.

use gongwen::{Document, Node, NodeKind};
use gongwen_synth::{generate, Counts};

fn count(doc: &Document) -> Counts {
    fn walk(ns: &[Node], c: &mut Counts) {
        for n in ns {
            match n.kind {
                NodeKind::Part => c.parts += 1,
                NodeKind::Section => c.sections += 1,
                NodeKind::Measure => c.measures += 1,
                NodeKind::Item => c.items += 1,
                // subitems, and a law's units, are nothing the generator writes
                _ => {}
            }
            walk(&n.children, c);
        }
    }
    let mut c = Counts {
        attachments: doc.attachments.len(),
        ..Counts::default()
    };
    walk(&doc.body, &mut c);
    c
}

fn check(seed: u64, bytes: usize) {
    let synth = generate(seed, bytes);
    let text = synth.to_gongwen();
    let doc = gongwen::parse(&text).expect("generated text reads");
    assert!(
        doc.diagnostics.is_empty(),
        "seed {seed}: {:?}",
        &doc.diagnostics[..doc.diagnostics.len().min(5)]
    );
    assert_eq!(count(&doc), synth.counts(), "seed {seed}, {bytes} bytes");
    assert_eq!(doc.meta.title.as_deref(), Some(synth.title.as_str()));
    assert_eq!(doc.meta.issuers, vec![synth.issuer.clone()]);
    assert_eq!(doc.guarantees().len(), 1, "seed {seed}");
    assert!(doc.guarantees()[0].guarantees);
    assert_eq!(
        doc.body.last().and_then(Node::number),
        synth.parts.last().map(|p| p.num)
    );
    assert_eq!(doc.closing.len(), synth.attachment_list.len() + 3);
    assert!(doc.residue.is_empty(), "seed {seed}: {:?}", doc.residue);
    match synth.genre {
        gongwen_synth::Genre::Decision => {
            assert_eq!(doc.meta.kind, gongwen::DocKind::Decision);
            assert!(doc.meta.adopted.as_ref().is_some_and(|a| a.date.is_some()));
        }
        gongwen_synth::Genre::Opinion => {
            assert_eq!(doc.meta.kind, gongwen::DocKind::Opinion);
            assert!(doc.meta.number.is_some());
            assert!(doc.meta.addressee.is_some());
        }
    }
    assert!(doc.meta.signed.is_some());
    // headings and text come through as generated
    let first = &synth.parts[0];
    assert_eq!(doc.body[0].heading_text(), Some(first.heading.as_str()));
}

#[test]
fn one_megabyte_reads_back_with_the_generated_hierarchy() {
    check(7, 1_000_000);
}

#[test]
fn many_seeds_small_documents_read_back() {
    for seed in 0..40 {
        check(seed, 20_000);
    }
}

#[test]
fn hundreds_of_parts_are_numbered_right() {
    // about 200 parts: 一百二十三、 and the like must read as numbers
    let synth = generate(3, 2_500_000);
    assert!(synth.parts.len() > 150, "{}", synth.parts.len());
    let doc = gongwen::parse(&synth.to_gongwen()).expect("test I/O");
    assert!(doc.diagnostics.is_empty(), "{:?}", &doc.diagnostics[..1]);
    let nums: Vec<u32> = doc.body.iter().filter_map(Node::number).collect();
    assert_eq!(nums, (1..=synth.parts.len() as u32).collect::<Vec<_>>());
    for (p, n) in synth.parts.iter().zip(&doc.body) {
        let secs: Vec<u32> = n.children.iter().filter_map(Node::number).collect();
        assert_eq!(secs, (1..=p.sections.len() as u32).collect::<Vec<_>>());
    }
}
