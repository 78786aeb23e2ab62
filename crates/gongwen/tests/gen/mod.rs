//! Proptest strategies for arbitrary but valid documents: every field of the model filled or
//! left empty, Chinese-ish text with the characters XML must escape (`<` `&` `>` `"` `'` `]]>`),
//! white space at the ends and inside, line ends (CR, LF, CRLF), tabs, characters beyond the BMP,
//! nested nodes of every kind, repeated numbers, attachments holding documents with attachments.
//!
//! "Valid" means what a reader could produce: dates exist, spans are either empty or start on a
//! line (JSON and both XML formats leave out a span whose line is 0), and text holds no
//! character XML 1.0 cannot hold (C0 controls other than tab, LF and CR).
//!
//! Used by `tests/xml.rs` and `tests/akn.rs`; a test binary may use part of it only.
#![allow(dead_code)]

use gongwen::{
    Adoption, Attachment, Cell, ClosingLine, ClosingRole, Date, Diagnostic, DocKind, DocNumber,
    Document, Field, Heading, LawAction, LawEvent, LawKind, LawMeta, Metadata, Node, NodeKind,
    Notes, Num, Paragraph, Publication, Residue, ResidueRole, Severity, Span, Table, TitleSource,
};
use proptest::prelude::*;

/// Pieces of text: CJK, punctuation of official documents, XML specials, white space.
const PIECES: &[&str] = &[
    "的",
    "为此，现作出如下决定。",
    "现提出如下意见：",
    "如下",
    "关于",
    "加强",
    "工作",
    "人民城市",
    "决定",
    "意见",
    "通知",
    "国务院",
    "，",
    "。",
    "、",
    "；",
    "：",
    "“",
    "”",
    "《",
    "》",
    "（",
    "）",
    "〔",
    "〕",
    "一、",
    "（一）",
    "1.",
    "<",
    ">",
    "&",
    "\"",
    "'",
    "]]>",
    "<p>",
    "&amp;",
    "&#13;",
    "<!--",
    "-->",
    " ",
    "  ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "　",
    "𠀀",
    "𪚥",
    "é",
    "ABC",
    "123",
    "gw:",
    "xmlns",
    "eId",
    "#guarantees",
    "\u{a0}",
    "\u{2028}",
    "\u{fffd}",
    "\u{200b}",
];

/// Text of up to `max` pieces.
pub fn text_upto(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(PIECES).prop_map(str::to_string),
        3 => "[\\u{4e00}-\\u{9fa5}]{1,8}",
        1 => "[a-zA-Z0-9 .,;:()-]{1,6}",
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|v| v.concat())
}

/// Short text, possibly empty.
pub fn text() -> impl Strategy<Value = String> {
    text_upto(8)
}

pub fn date() -> impl Strategy<Value = Date> {
    (1949u16..2100, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date {
        year: y,
        month: m,
        day: d,
    })
}

pub fn span() -> impl Strategy<Value = Span> {
    prop_oneof![
        1 => Just(Span::default()),
        2 => (0usize..500_000, 0usize..5_000, 1u32..20_000, 1u32..300).prop_map(
            |(offset, len, line, column)| Span { offset, len, line, column }
        ),
    ]
}

pub fn paragraph() -> impl Strategy<Value = Paragraph> {
    prop_oneof![
        12 => (text_upto(14), span()).prop_map(|(text, span)| Paragraph::at(text, span)),
        1 => (table(), span()).prop_map(|(t, span)| Paragraph::table(t, span)),
    ]
}

/// A table of one to four rows of one to four cells (text of one or two lines, spans).
fn table() -> impl Strategy<Value = Table> {
    let cell = (
        text_upto(4),
        proptest::option::of(text_upto(3)),
        any::<bool>(),
        1u32..4,
        1u32..4,
        span(),
    )
        .prop_map(|(text, more, header, rowspan, colspan, span)| Cell {
            text: match more {
                Some(m) => format!("{text}\n{m}"),
                None => text,
            },
            header,
            rowspan,
            colspan,
            span,
        });
    proptest::collection::vec(proptest::collection::vec(cell, 1..5), 1..5)
        .prop_map(|rows| Table { rows })
}

fn node_kind() -> impl Strategy<Value = NodeKind> {
    proptest::sample::select(NodeKind::ALL)
}

fn heading() -> impl Strategy<Value = Heading> {
    (
        text(),
        proptest::option::of(prop_oneof![Just("。"), Just("："), Just("；"), Just("")]),
        any::<bool>(),
    )
        .prop_map(|(text, end, run_in)| Heading {
            text,
            end: end.map(str::to_string),
            run_in,
        })
}

fn num() -> impl Strategy<Value = Num> {
    // small values so that siblings repeat numbers now and then
    (
        text_upto(2),
        0u32..4,
        proptest::option::weighted(0.2, 1u32..3),
    )
        .prop_map(|(text, value, sub)| Num { text, value, sub })
}

fn node_leaf() -> impl Strategy<Value = Node> {
    (
        node_kind(),
        proptest::option::of(num()),
        proptest::option::of(heading()),
        proptest::collection::vec(paragraph(), 0..3),
        any::<bool>(),
        span(),
    )
        .prop_map(|(kind, num, heading, paragraphs, guarantees, span)| Node {
            kind,
            num,
            heading,
            paragraphs,
            children: Vec::new(),
            in_paragraph: None,
            guarantees: guarantees && kind != NodeKind::Measure,
            span,
        })
}

/// A node with up to three levels of children below it.
pub fn node() -> impl Strategy<Value = Node> {
    node_leaf().prop_recursive(3, 24, 4, |inner| {
        (node_leaf(), proptest::collection::vec(inner, 0..4)).prop_map(|(mut n, children)| {
            n.children = children;
            // an article's points stand in its paragraphs (款) in order: here the first in the
            // first, the second in the second, the rest in the last
            if n.kind == NodeKind::Article && !n.paragraphs.is_empty() {
                let last = n.paragraphs.len() as u32;
                for (j, c) in n.children.iter_mut().enumerate() {
                    c.in_paragraph = Some((j as u32 + 1).min(last));
                }
            }
            n
        })
    })
}

fn doc_kind() -> impl Strategy<Value = DocKind> {
    prop_oneof![
        Just(DocKind::Decision),
        Just(DocKind::Opinion),
        Just(DocKind::Plan),
        Just(DocKind::Notice),
        Just(DocKind::Reply),
        Just(DocKind::Report),
        Just(DocKind::Resolution),
        Just(DocKind::Regulation),
        Just(DocKind::Other),
    ]
}

fn issuer() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("国务院".to_string()),
        Just("中共中央".to_string()),
        Just("中共上海市杨浦区委".to_string()),
        Just("gongwen".to_string()),
        text(),
    ]
}

/// Boxed: its tuple strategies are large, and a document nests them (the debug build's stack
/// would not hold the unboxed value trees of documents inside attachments).
fn metadata() -> BoxedStrategy<Metadata> {
    let head = (
        doc_kind(),
        proptest::option::of(text_upto(12)),
        proptest::collection::vec(text(), 0..3),
        prop_oneof![
            Just(TitleSource::Document),
            Just(TitleSource::Lead),
            Just(TitleSource::MetadataBox),
        ],
        proptest::collection::vec(issuer(), 0..3),
        proptest::option::of((text(), text_upto(3), 1900u16..2100, 0u32..500).prop_map(
            |(text, code, year, seq)| DocNumber {
                text,
                code,
                year,
                seq,
            },
        )),
        proptest::collection::vec(text(), 0..2),
    );
    let tail = (
        proptest::option::of(
            (
                proptest::option::of(text()),
                proptest::option::of(date()),
                any::<u8>(),
                text(),
            )
                .prop_map(|(meeting, date, how, line)| {
                    let mut a = Adoption {
                        meeting,
                        date,
                        line: None,
                    };
                    // as written, the canonical line kept verbatim, or none
                    a.line = match how % 3 {
                        0 => None,
                        1 => Some(a.canonical_line()),
                        _ => Some(line),
                    };
                    a
                }),
        ),
        proptest::option::of(text()),
        proptest::option::of(date()),
        proptest::option::of(
            (
                proptest::option::of(prop_oneof![
                    Just("2020-06-30T10:35".to_string()),
                    Just("2019-01-27".to_string()),
                    text(),
                ]),
                proptest::option::of(text()),
                proptest::option::of(text()),
            )
                .prop_map(|(datetime, source, headline)| Publication {
                    datetime,
                    source,
                    headline,
                }),
        ),
        proptest::collection::vec(
            (text(), text()).prop_map(|(key, value)| Field { key, value }),
            0..3,
        ),
        proptest::option::of(prop_oneof![
            Just("GBK".to_string()),
            Just("UTF-16LE".to_string()),
            text()
        ]),
        proptest::option::of(law_meta()),
    );
    (head, tail)
        .prop_map(
            |(
                (kind, title, title_lines, title_from, issuers, number, subtitle),
                (adopted, addressee, signed, publication, fields, encoding, law),
            )| Metadata {
                kind,
                title,
                title_lines,
                title_from,
                issuers,
                number,
                subtitle,
                adopted,
                addressee,
                signed,
                publication,
                fields,
                encoding,
                law,
            },
        )
        .boxed()
}

/// A law's metadata: any kind, a few history events, an effective date.
pub fn law_meta() -> BoxedStrategy<LawMeta> {
    let event = (
        proptest::sample::select(LawAction::ALL),
        proptest::option::of(date()),
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(text()),
    )
        .prop_map(|(action, date, body, meeting, order)| LawEvent {
            action,
            date,
            body,
            meeting,
            order,
        });
    (
        proptest::option::of(proptest::sample::select(LawKind::ALL)),
        proptest::collection::vec(event, 0..3),
        proptest::option::of(date()),
    )
        .prop_map(|(kind, history, effective)| LawMeta {
            kind,
            history,
            effective,
        })
        .boxed()
}

fn notes() -> impl Strategy<Value = Notes> {
    (
        proptest::option::of(prop_oneof![Just("名词解释".to_string()), text()]),
        proptest::collection::vec(paragraph(), 0..3),
        span(),
    )
        .prop_map(|(label, entries, span)| Notes {
            label,
            entries,
            span,
        })
}

fn closing_line() -> impl Strategy<Value = ClosingLine> {
    (
        prop_oneof![
            Just(ClosingRole::Signature),
            Just(ClosingRole::Date),
            Just(ClosingRole::Note),
            Just(ClosingRole::AttachmentList),
        ],
        prop_oneof![Just("2020年6月30日".to_string()), text()],
        span(),
    )
        .prop_map(|(role, text, span)| ClosingLine { role, text, span })
}

fn residue() -> impl Strategy<Value = Residue> {
    (
        prop_oneof![
            Just(ResidueRole::Chrome),
            Just(ResidueRole::MetadataBox),
            Just(ResidueRole::Publication),
            Just(ResidueRole::Lead),
            Just(ResidueRole::Unplaced),
            Just(ResidueRole::Furniture),
        ],
        text_upto(20),
        span(),
    )
        .prop_map(|(role, text, span)| Residue { role, text, span })
}

fn diagnostic() -> impl Strategy<Value = Diagnostic> {
    (
        "[a-z]{3,8}(-[a-z]{3,8})?",
        prop_oneof![
            Just(Severity::Error),
            Just(Severity::Warning),
            Just(Severity::Note)
        ],
        text(),
        span(),
    )
        .prop_map(|(code, severity, message, span)| Diagnostic {
            code,
            severity,
            message,
            span,
        })
}

/// A document without attachments.
fn flat_document() -> impl Strategy<Value = Document> {
    (
        metadata(),
        proptest::collection::vec(paragraph(), 0..3),
        proptest::collection::vec(node(), 0..3),
        proptest::collection::vec(closing_line(), 0..3),
        proptest::collection::vec(residue(), 0..2),
        proptest::collection::vec(diagnostic(), 0..2),
        proptest::option::of(notes()),
    )
        .prop_map(
            |(meta, preamble, body, closing, residue, diagnostics, notes)| Document {
                meta,
                preamble,
                body,
                notes,
                closing,
                attachments: Vec::new(),
                residue,
                diagnostics,
            },
        )
}

fn attachment(content: impl Strategy<Value = Document>) -> impl Strategy<Value = Attachment> {
    (
        proptest::option::of(prop_oneof![Just("附件1".to_string()), text()]),
        proptest::option::of(0u32..5),
        content,
        span(),
    )
        .prop_map(|(label, num, content, span)| Attachment {
            label,
            num,
            content,
            span,
        })
}

/// A document whose attachments may hold attachments of their own (two levels).
pub fn document() -> impl Strategy<Value = Document> {
    let inner = (
        flat_document(),
        proptest::collection::vec(attachment(flat_document()), 0..2),
    )
        .prop_map(|(mut d, a)| {
            d.attachments = a;
            d
        });
    (
        flat_document(),
        proptest::collection::vec(attachment(inner), 0..3),
    )
        .prop_map(|(mut d, a)| {
            d.attachments = a;
            d
        })
}

/// `n` documents drawn deterministically (for batch checks such as one xmllint run).
pub fn sample_documents(n: usize) -> Vec<Document> {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = document();
    (0..n)
        .map(|_| {
            strategy
                .new_tree(&mut runner)
                .expect("the strategy generates")
                .current()
        })
        .collect()
}
