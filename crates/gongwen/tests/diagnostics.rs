//! The malformed fixtures trigger what `tests/fixtures/README.md` says they should, and are
//! still parsed; the well-formed fixtures trigger nothing.

mod common;

use gongwen::{NodeKind, Severity};

/// A diagnostic a fixture must have.
struct Expect {
    /// The codes that fit (the README names the kind of diagnostic, not its code).
    codes: &'static [&'static str],
    /// `None` where the README leaves the severity open.
    severity: Option<Severity>,
    /// The lines it may be reported on.
    lines: &'static [u32],
}

struct Case {
    fixture: &'static str,
    diagnostics: &'static [Expect],
    /// The body in document order, as `kind number`.
    nodes: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        // parts 一、二、四、: a numbering gap at 四、 (expected 三)
        fixture: "malformed-gap.txt",
        diagnostics: &[Expect {
            codes: &["numbering-gap"],
            severity: None,
            lines: &[17],
        }],
        nodes: &["part 1", "part 2", "part 4"],
    },
    Case {
        // sections （一）（二）（二）: a duplicate number at the second （二）
        fixture: "malformed-repeat.txt",
        diagnostics: &[Expect {
            codes: &["numbering-repeat", "duplicate-number"],
            severity: None,
            lines: &[13],
        }],
        nodes: &["part 1", "section 1", "section 2", "section 2", "part 2"],
    },
    Case {
        // a `1.` item before the first 一、: a level-order error at the 一、 (line 9), since a
        // part cannot follow an item in the same container; subitems （1）（2） under a section
        // with no item (lines 13, 15): level-skipped warnings, since skipped levels are legal
        fixture: "malformed-level-order.txt",
        diagnostics: &[
            Expect {
                codes: &["level-order"],
                severity: Some(Severity::Error),
                lines: &[9],
            },
            Expect {
                codes: &["level-skipped"],
                severity: Some(Severity::Warning),
                lines: &[13, 15],
            },
        ],
        nodes: &[
            "item 1",
            "part 1",
            "section 1",
            "subitem 1",
            "subitem 2",
            "part 2",
        ],
    },
];

#[test]
fn malformed_fixtures_are_diagnosed_and_still_parsed() {
    let mut problems = Vec::new();
    for case in CASES {
        let input = common::fixture(case.fixture);
        let doc = common::parse(&input);
        let found: Vec<String> = doc
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{:?}[{}] line {}: {}",
                    d.severity, d.code, d.span.line, d.message
                )
            })
            .collect();
        let mut unmatched: Vec<&gongwen::Diagnostic> = doc.diagnostics.iter().collect();
        for e in case.diagnostics {
            let hit = unmatched.iter().position(|d| {
                e.codes.contains(&d.code.as_str())
                    && e.lines.contains(&d.span.line)
                    && e.severity.is_none_or(|s| s == d.severity)
            });
            match hit {
                Some(i) => {
                    unmatched.remove(i);
                }
                None => problems.push(format!(
                    "{}: no {}{} on line {:?}; found {found:?}",
                    case.fixture,
                    e.severity.map_or(String::new(), |s| format!("{s:?} ")),
                    e.codes.join(" or "),
                    e.lines
                )),
            }
        }
        // more diagnostics on the lines named are fine (one per subitem); elsewhere they are not
        let named = |line: u32| case.diagnostics.iter().any(|e| e.lines.contains(&line));
        for d in unmatched.into_iter().filter(|d| !named(d.span.line)) {
            problems.push(format!(
                "{}: unexpected {:?}[{}] line {}: {}",
                case.fixture, d.severity, d.code, d.span.line, d.message
            ));
        }
        let nodes: Vec<String> = doc
            .walk()
            .iter()
            .map(|(_, n)| {
                let num = n.number().map_or("-".to_string(), |v| v.to_string());
                format!("{} {num}", n.kind.as_str())
            })
            .collect();
        if nodes != case.nodes {
            problems.push(format!(
                "{}: body {nodes:?}, expected {:?}",
                case.fixture, case.nodes
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_duplicate_section_is_kept_as_a_node_of_its_own() {
    let doc = common::parse(&common::fixture("malformed-repeat.txt"));
    let part = &doc.body[0];
    let sections: Vec<_> = part
        .children
        .iter()
        .filter(|n| n.kind == NodeKind::Section)
        .collect();
    assert_eq!(sections.len(), 3);
    // the two （二） are different sections, not one merged into the other
    assert_ne!(sections[1].heading_text(), sections[2].heading_text());
    assert_ne!(sections[1].span, sections[2].span);
}

#[test]
fn well_formed_fixtures_have_no_warnings_or_errors() {
    let problems: Vec<String> = common::document_fixtures()
        .iter()
        .filter(|i| !i.name.starts_with("malformed-"))
        .flat_map(|i| {
            let doc = common::parse(i);
            // notes say what the reader decided (a list kept as text); they are no problem
            doc.diagnostics
                .iter()
                .filter(|d| d.severity != gongwen::Severity::Note)
                .map(|d| {
                    format!(
                        "{}: {:?}[{}] line {}: {}",
                        i.name, d.severity, d.code, d.span.line, d.message
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The code and line of each diagnostic of `code`.
fn lines_of(doc: &gongwen::Document, code: &str) -> Vec<u32> {
    doc.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.span.line)
        .collect()
}

/// A title that ends in no genre word is found by its place: right above the document number
/// (a web copy sets it under the title) or above the addressee (an official copy sets the
/// number above the title); a note says the kind is not known, and the canonical text reads
/// back to the same head.
#[test]
fn a_title_without_a_genre_word_is_found_above_the_number_or_the_addressee() {
    let body = "为推进城市更新，结合本市实际，现就有关事项说明如下。\n一、总体要求\n坚持规划引领。\n二、主要任务\n推进老旧小区改造。\n";
    for head in [
        "临江市关于城市更新的若干措施之说明稿\n临办字〔2024〕3号\n各区人民政府：\n",
        "临办字〔2024〕3号\n\n临江市关于城市更新的\n若干措施之说明稿\n\n各区人民政府：\n",
    ] {
        let src = format!("{head}{body}");
        let doc = gongwen::parse(&src).expect("parses");
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("临江市关于城市更新的若干措施之说明稿"),
            "{head}"
        );
        assert_eq!(doc.meta.number.as_ref().map(|n| n.seq), Some(3));
        assert_eq!(doc.meta.addressee.as_deref(), Some("各区人民政府："));
        assert_eq!(doc.meta.kind, gongwen::DocKind::Other);
        let line = if head.starts_with('临') && head.contains("说明稿\n临办") {
            1
        } else {
            3
        };
        assert_eq!(lines_of(&doc, "title-by-place"), [line], "{head}");
        assert!(lines_of(&doc, "no-title").is_empty());
        let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
        assert_eq!(again.meta, doc.meta, "the text round trip keeps the head");
    }
    // the number sign in its traditional form is the same number
    let doc = gongwen::parse(&format!(
        "臨江市關于城市更新的若干措施之說明稿\n臨辦字〔2024〕3號\n各區人民政府:\n{body}"
    ))
    .expect("parses");
    assert_eq!(
        doc.meta.number.as_ref().map(|n| (n.year, n.seq)),
        Some((2024, 3))
    );
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("臨江市關于城市更新的若干措施之說明稿")
    );
}

/// Lines above the first paragraph that are neither a title nor page matter the reader knows
/// are kept as residue, and a warning says so where they start.
#[test]
fn a_head_that_is_not_read_is_said() {
    let src = "城市更新工作材料\n第二稿\n为推进城市更新，结合本市实际，现就有关事项说明如下。\n一、总体要求\n坚持规划引领。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(doc.meta.title, None);
    assert_eq!(lines_of(&doc, "no-title"), [1]);
    let kept: String = doc.residue.iter().map(|r| r.text.as_str()).collect();
    assert!(kept.contains("城市更新工作材料") && kept.contains("第二稿"));
    // a document with its title has no such warning
    let titled = gongwen::parse(&format!("关于城市更新的通知\n{src}")).expect("parses");
    assert!(lines_of(&titled, "no-title").is_empty());
}

/// The official layout prints the issuer mark and the document number above the title: the
/// number is the document's, the mark stays residue.
#[test]
fn a_number_above_the_title_is_the_documents() {
    let src = "临江市人民政府文件\n临办字〔2024〕3号\n\n临江市关于城市更新的通知\n\n各区人民政府：\n为推进城市更新，结合本市实际，现就有关事项通知如下。\n一、总体要求\n坚持规划引领。\n";
    let doc = gongwen::parse(src).expect("parses");
    assert_eq!(doc.meta.title.as_deref(), Some("临江市关于城市更新的通知"));
    assert_eq!(
        doc.meta.number.as_ref().map(|n| n.text.as_str()),
        Some("临办字〔2024〕3号")
    );
    let kept: Vec<&str> = doc.residue.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(kept, ["临江市人民政府文件"]);
    let again = gongwen::parse(&gongwen::text::write(&doc)).expect("reads back");
    assert_eq!(again.meta, doc.meta);
}
