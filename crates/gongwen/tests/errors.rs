//! Inputs that are not documents: empty, white space only, not UTF-8
//! (`tests/fixtures/README.md`, "Malformed inputs").

mod common;

use gongwen::{Error, Position};

fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = common::fixtures_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn empty_and_white_space_only_inputs_are_empty() {
    for name in ["empty.txt", "whitespace-only.txt"] {
        let bytes = fixture_bytes(name);
        let text = std::str::from_utf8(&bytes).expect("UTF-8 fixture");
        assert!(
            text.chars().all(char::is_whitespace),
            "{name} holds more than white space"
        );
        match gongwen::text::read_bytes(&bytes) {
            Err(Error::Empty) => {}
            other => panic!("{name} via read_bytes: expected Error::Empty, got {other:?}"),
        }
        match gongwen::parse(text) {
            Err(Error::Empty) => {}
            other => panic!("{name} via parse: expected Error::Empty, got {other:?}"),
        }
    }
}

#[test]
fn other_blank_inputs_are_empty() {
    for src in [
        "",
        "\n",
        "\r\n\r\n",
        "\u{feff}",
        "\u{feff}\n  \n",
        "\t \u{3000}\n",
    ] {
        match gongwen::parse(src) {
            Err(Error::Empty) => {}
            other => panic!("{src:?}: expected Error::Empty, got {other:?}"),
        }
    }
}

/// Where the first byte that is not UTF-8 is, worked out line by line from the bytes: the byte
/// offset, the 1-based line, and the 1-based column in characters of the valid part before it.
fn first_invalid_byte(bytes: &[u8]) -> Option<Position> {
    let mut line_start = 0;
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if let Err(e) = std::str::from_utf8(line) {
            let good = &line[..e.valid_up_to()];
            let column = std::str::from_utf8(good)
                .expect("valid prefix")
                .chars()
                .count()
                + 1;
            return Some(Position {
                offset: line_start + good.len(),
                line: i + 1,
                column,
            });
        }
        line_start += line.len() + 1;
    }
    None
}

#[test]
fn not_utf8_says_where() {
    let bytes = fixture_bytes("not-utf8.txt");
    let expected = first_invalid_byte(&bytes).expect("not-utf8.txt has a byte that is not UTF-8");
    // the fixture's README: one GBK-encoded line (line 7) in UTF-8 Chinese text
    assert_eq!(expected.line, 7, "the GBK line of not-utf8.txt");
    assert!(bytes[expected.offset] >= 0x80, "a GBK lead byte");

    let err = gongwen::text::read_bytes(&bytes).expect_err("not-utf8.txt is refused");
    match &err {
        Error::InvalidUtf8 { at } => assert_eq!(*at, expected),
        other => panic!("expected Error::InvalidUtf8, got {other:?}"),
    }
    assert_eq!(err.position(), Some(expected));
    let message = err.to_string();
    assert!(
        message.contains(&format!("byte {}", expected.offset))
            && message.contains(&format!(
                "line {}, column {}",
                expected.line, expected.column
            )),
        "the message names the byte and its line and column: {message}"
    );
}

#[test]
fn not_utf8_in_the_middle_of_a_line() {
    // two characters and a stray continuation byte on the third line
    let mut bytes = "标题\n\n第三行".as_bytes().to_vec();
    bytes.push(0x80);
    bytes.extend_from_slice("后面".as_bytes());
    let expected = Position {
        offset: "标题\n\n第三行".len(),
        line: 3,
        column: 4,
    };
    assert_eq!(first_invalid_byte(&bytes), Some(expected));
    match gongwen::text::read_bytes(&bytes) {
        Err(Error::InvalidUtf8 { at }) => assert_eq!(at, expected),
        other => panic!("expected Error::InvalidUtf8, got {other:?}"),
    }
}
