//! Round trips over every fixture and corpus document: text → model → canonical text → model,
//! and model → JSON → model; and malformed JSON refused with its path and position.

mod common;

use common::Input;
use gongwen::{json, Document, Error, Position};

/// Runs `check` on every input and fails once, naming every input that failed; the first
/// failure's details (a diff) are printed in full, the others by name and summary.
fn assert_each(inputs: &[Input], what: &str, check: impl Fn(&Input) -> Result<(), Failure>) {
    let failures: Vec<(String, Failure)> = inputs
        .iter()
        .filter_map(|i| check(i).err().map(|f| (i.name.clone(), f)))
        .collect();
    if let Some((first, f)) = failures.first() {
        let names: Vec<String> = failures
            .iter()
            .map(|(n, f)| format!("  {n}: {}", f.summary))
            .collect();
        panic!(
            "{what}: {} of {} documents fail:\n{}\n\nfirst failure, {first}: {}\n{}",
            failures.len(),
            inputs.len(),
            names.join("\n"),
            f.summary,
            f.details
        );
    }
}

#[derive(Debug)]
struct Failure {
    summary: String,
    details: String,
}

impl Failure {
    fn new(summary: impl Into<String>, details: impl Into<String>) -> Failure {
        Failure {
            summary: summary.into(),
            details: details.into(),
        }
    }
}

/// Parses and compares; an input that does not parse fails the input, not the whole test.
fn parse(input: &Input) -> Result<Document, Failure> {
    gongwen::parse(&input.text).map_err(|e| Failure::new(format!("does not parse: {e}"), ""))
}

/// (a) text → model → canonical text → model gives the same model, page and layout aside.
fn text_round_trip(input: &Input) -> Result<(), Failure> {
    let doc1 = parse(input)?;
    let canonical = gongwen::text::write(&doc1);
    let doc2 = gongwen::parse(&canonical).map_err(|e| {
        Failure::new(
            format!("the canonical text does not parse: {e}"),
            format!("canonical text:\n{canonical}"),
        )
    })?;
    let (a, b) = (doc1.without_page(), doc2.without_page());
    if a == b {
        return Ok(());
    }
    let (ja, jb) = (json::to_string_pretty(&a), json::to_string_pretty(&b));
    Err(Failure::new(
        "the model read back from the canonical text differs",
        format!(
            "JSON of without_page(), read from the input (-) and from the canonical text (+):\n{}",
            common::labelled_diff(("from input", &ja), ("from canonical text", &jb), 3, 150)
        ),
    ))
}

/// (b) model → JSON → model is the identity, and so is JSON → model → JSON.
fn json_round_trip(input: &Input) -> Result<(), Failure> {
    let doc = parse(input)?;
    for (style, s) in [
        ("compact", json::to_string(&doc)),
        ("pretty", json::to_string_pretty(&doc)),
    ] {
        let back = json::from_str(&s)
            .map_err(|e| Failure::new(format!("its {style} JSON is refused: {e}"), ""))?;
        if back != doc {
            return Err(Failure::new(
                format!("the model read from its {style} JSON differs"),
                common::labelled_diff(
                    ("written", &json::to_string_pretty(&doc)),
                    ("read back", &json::to_string_pretty(&back)),
                    3,
                    150,
                ),
            ));
        }
        let again = match style {
            "compact" => json::to_string(&back),
            _ => json::to_string_pretty(&back),
        };
        if again != s {
            return Err(Failure::new(
                format!("its {style} JSON is not written again byte for byte"),
                common::labelled_diff(("first", &s), ("second", &again), 3, 150),
            ));
        }
    }
    Ok(())
}

#[test]
fn fixtures_text_model_text_model() {
    assert_each(
        &common::document_fixtures(),
        "text → model → canonical text → model",
        text_round_trip,
    );
}

#[test]
fn corpus_text_model_text_model() {
    assert_each(
        &common::corpus_documents(),
        "text → model → canonical text → model",
        text_round_trip,
    );
}

#[test]
fn fixtures_json_model_json() {
    assert_each(
        &common::document_fixtures(),
        "model → JSON → model",
        json_round_trip,
    );
}

#[test]
fn corpus_json_model_json() {
    assert_each(
        &common::corpus_documents(),
        "model → JSON → model",
        json_round_trip,
    );
}

// ---------------------------------------------------------------------------------------------
// Malformed JSON

/// What a malformed JSON must give: the kind of error, the path (for shape errors), a piece of
/// the message, and the piece of the input the position must fall on.
struct Bad {
    what: &'static str,
    src: &'static str,
    kind: Kind,
    /// `Some` for shape errors: the path to the offending value.
    path: Option<&'static str>,
    message: &'static str,
    /// The position must fall on this text (its first occurrence), from its first character to
    /// just after its last.
    at: &'static str,
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Kind {
    Syntax,
    Shape,
}

const BAD: &[Bad] = &[
    Bad {
        what: "unknown field",
        src: "{\n  \"meta\": {\n    \"kind\": \"decision\",\n    \"titel\": \"关于某事的决定\"\n  }\n}\n",
        kind: Kind::Shape,
        path: Some("meta.titel"),
        message: "unknown field `titel`",
        at: "\"titel\"",
    },
    Bad {
        what: "wrong type deep inside",
        src: "{\n  \"meta\": {},\n  \"body\": [\n    {\n      \"kind\": \"part\",\n      \"num\": { \"text\": \"一、\", \"value\": \"1\" }\n    }\n  ]\n}\n",
        kind: Kind::Shape,
        path: Some("body[0].num.value"),
        message: "invalid type: string \"1\"",
        at: "\"1\"",
    },
    Bad {
        what: "a date that does not exist",
        src: "{\n  \"meta\": {\n    \"title\": \"关于某事的决定\",\n    \"signed\": \"2020-02-30\"\n  }\n}\n",
        kind: Kind::Shape,
        path: Some("meta.signed"),
        message: "invalid date `2020-02-30`",
        // serde_json places errors raised by a value's own conversion (here `Date: TryFrom`) at
        // the end of the enclosing object, not at the value: the position is between the two
        at: "\"2020-02-30\"\n  }",
    },
    Bad {
        what: "wrong type in a list of the second node",
        src: "{\"meta\":{},\"body\":[{\"kind\":\"part\"},{\"kind\":\"part\",\"paragraphs\":[{\"text\":7}]}]}",
        kind: Kind::Shape,
        path: Some("body[1].paragraphs[0].text"),
        message: "invalid type: integer `7`",
        at: "7}",
    },
    Bad {
        what: "truncated",
        src: "{\n  \"meta\": {\n    \"kind\": \"decision\",\n    \"title\": \"关于",
        kind: Kind::Syntax,
        path: None,
        message: "EOF while parsing a string",
        at: "\"关于",
    },
    Bad {
        what: "trailing garbage",
        src: "{\n  \"meta\": {\"title\": \"决定\"}\n}\n  }x\n",
        kind: Kind::Syntax,
        path: None,
        message: "trailing characters",
        at: "}x",
    },
    Bad {
        what: "a second document after the first",
        src: "{\"meta\":{}}\n{\"meta\":{\"title\":\"x\"}}\n",
        kind: Kind::Syntax,
        path: None,
        message: "trailing characters",
        at: "{\"meta\":{\"title\"",
    },
    Bad {
        what: "missing comma",
        src: "{\n  \"meta\": {\n    \"kind\": \"decision\"\n    \"title\": \"决定\"\n  }\n}\n",
        kind: Kind::Syntax,
        path: None,
        message: "expected `,` or `}`",
        at: "\"title\"",
    },
];

/// The byte range of the text the position must fall on.
fn marker_range(b: &Bad) -> (usize, usize) {
    let start = b
        .src
        .find(b.at)
        .unwrap_or_else(|| panic!("{}: marker `{}` not in the input", b.what, b.at));
    (start, start + b.at.len())
}

#[test]
fn malformed_json_is_refused_with_path_and_position() {
    let mut problems = Vec::new();
    for b in BAD {
        let err = match json::from_str(b.src) {
            Ok(_) => {
                problems.push(format!("{}: accepted", b.what));
                continue;
            }
            Err(e) => e,
        };
        let (kind, path, message, at) = match &err {
            Error::Syntax { message, at, .. } => (Kind::Syntax, None, message, *at),
            Error::Shape {
                message, path, at, ..
            } => (Kind::Shape, Some(path.as_str()), message, *at),
            other => {
                problems.push(format!("{}: unexpected error {other:?}", b.what));
                continue;
            }
        };
        let mut wrong = Vec::new();
        if kind != b.kind {
            wrong.push(format!("variant {kind:?}, expected {:?}", b.kind));
        }
        if path != b.path {
            wrong.push(format!("path {path:?}, expected {:?}", b.path));
        }
        if !message.contains(b.message) {
            wrong.push(format!("message {message:?} lacks {:?}", b.message));
        }
        // the position: on the marker, and line and column agree with the offset
        let (start, end) = marker_range(b);
        let first = Position::at(b.src, start);
        let last = Position::at(b.src, end);
        if !(start..=end).contains(&at.offset) {
            wrong.push(format!(
                "position {at:?} is not on `{}` (line {}, columns {}–{})",
                b.at, first.line, first.column, last.column
            ));
        }
        if Position::at(b.src, at.offset) != at {
            wrong.push(format!(
                "position {at:?}: line and column do not match the offset ({:?})",
                Position::at(b.src, at.offset)
            ));
        }
        // the message names the position, and the path for shape errors
        let shown = err.to_string();
        if !shown.contains(&format!("line {}, column {}", at.line, at.column)) {
            wrong.push(format!("`{shown}` does not name the position"));
        }
        if let Some(p) = b.path {
            if !shown.contains(&format!("`{p}`")) {
                wrong.push(format!("`{shown}` does not name the path"));
            }
        }
        if !wrong.is_empty() {
            problems.push(format!("{}: {}", b.what, wrong.join("; ")));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The malformed inputs above differ from a valid document in the one fault each names: with
/// that fault mended, each is accepted (so the test above is about the fault, not about
/// something else wrong in the hand-written JSON).
#[test]
fn malformed_json_mended_is_accepted() {
    let mended: &[(&str, &str, &str)] = &[
        ("unknown field", "\"titel\"", "\"title\""),
        ("wrong type deep inside", "\"value\": \"1\"", "\"value\": 1"),
        ("a date that does not exist", "2020-02-30", "2020-02-29"),
        (
            "wrong type in a list of the second node",
            "\"text\":7",
            "\"text\":\"7\"",
        ),
        ("truncated", "\"关于", "\"关于\"}}"),
        ("trailing garbage", "  }x\n", ""),
        (
            "a second document after the first",
            "\n{\"meta\":{\"title\":\"x\"}}",
            "",
        ),
        ("missing comma", "\"decision\"\n", "\"decision\",\n"),
    ];
    assert_eq!(mended.len(), BAD.len(), "one mend per malformed input");
    for (b, (what, from, to)) in BAD.iter().zip(mended) {
        assert_eq!(b.what, *what);
        assert!(b.src.contains(from), "{what}: `{from}` not in the input");
        let fixed = b.src.replacen(from, to, 1);
        if let Err(e) = json::from_str(&fixed) {
            panic!("{what}: mended input still refused: {e}\n{fixed}");
        }
    }
}
