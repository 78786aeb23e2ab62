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
