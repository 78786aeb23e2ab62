//! The `gongwen` command with XML: `convert --to/--from xml|akn` with detection of the input
//! format, `validate` with rustc-style diagnostics and exit 1 on errors, hostile input refused
//! with the exit code of invalid input.

mod common;
use common::{fixtures, gongwen};
use std::path::Path;
use std::process::Output;

const DIAGNOSTIC_ERRORS: i32 = 1;
const INVALID: i32 = 6;

fn scratch(test: &str) -> std::path::PathBuf {
    common::scratch("xml-cli", test)
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "gongwen failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn text_to_xml_and_akn_and_back_with_detection() {
    let sample = fixtures().join("sample-decision.txt");
    let dir = scratch("round-trip");
    let json = ok(&gongwen(&["convert", path(&sample), "--to", "json"]));
    for fmt in ["xml", "akn"] {
        let out = dir.join(format!("sample.{fmt}.xml"));
        ok(&gongwen(&[
            "convert",
            path(&sample),
            "--to",
            fmt,
            "-o",
            path(&out),
        ]));
        let written = std::fs::read_to_string(&out).expect("written");
        assert!(written.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
        // detected from the content
        let back = ok(&gongwen(&["convert", path(&out), "--to", "json"]));
        assert_eq!(back, json, "{fmt} → json differs from text → json");
        // named explicitly
        let back = ok(&gongwen(&[
            "convert",
            path(&out),
            "--from",
            fmt,
            "--to",
            "json",
        ]));
        assert_eq!(back, json);
    }
}

#[test]
fn the_wrong_xml_reader_says_what_it_found() {
    let sample = fixtures().join("sample-decision.txt");
    let dir = scratch("wrong-reader");
    let out = dir.join("sample.akn.xml");
    ok(&gongwen(&[
        "convert",
        path(&sample),
        "--to",
        "akn",
        "-o",
        path(&out),
    ]));
    let o = gongwen(&["convert", path(&out), "--from", "xml", "--to", "json"]);
    assert_eq!(o.status.code(), Some(INVALID));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("the root element is `akomaNtoso`"), "{err}");
}

#[test]
fn validate_reports_planted_faults_with_their_lines() {
    let akn = fixtures().join("akn");
    let o = gongwen(&["validate", path(&akn.join("valid-decision.akn.xml"))]);
    assert!(ok(&o).ends_with("valid-decision.akn.xml: 0 error(s), 0 warning(s)\n"));
    for (name, code, line) in [
        ("duplicate-eid.akn.xml", "eid-duplicate", 52),
        ("malformed-frbr-uri.akn.xml", "frbr-uri", 9),
        ("missing-frbrdate.akn.xml", "missing-metadata", 7),
    ] {
        let file = akn.join(name);
        let o = gongwen(&["validate", path(&file)]);
        assert_eq!(o.status.code(), Some(DIAGNOSTIC_ERRORS), "{name}");
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            out.starts_with(&format!("error[{code}]: ")),
            "{name}: {out}"
        );
        assert!(
            out.contains(&format!("{}:{line}:", path(&file))),
            "{name}: no line {line} in {out}"
        );
        assert!(
            out.ends_with(": 1 error(s), 0 warning(s)\n"),
            "{name}: {out}"
        );
    }
}

#[test]
fn validate_checks_our_own_output() {
    let sample = fixtures().join("notice-attachments.txt");
    let dir = scratch("validate-own");
    let out = dir.join("n.akn.xml");
    ok(&gongwen(&[
        "convert",
        path(&sample),
        "--to",
        "akn",
        "-o",
        path(&out),
    ]));
    assert!(ok(&gongwen(&["validate", path(&out)])).ends_with(": 0 error(s), 0 warning(s)\n"));
}

#[test]
fn hostile_xml_is_refused_as_invalid_input() {
    for name in ["billion-laughs.xml", "external-entity.xml"] {
        let file = fixtures().join("xml").join(name);
        let o = gongwen(&["convert", path(&file), "--to", "json"]);
        assert_eq!(o.status.code(), Some(INVALID), "{name}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("at line 2, column 1: DOCTYPE declarations are refused"),
            "{err}"
        );
        let o = gongwen(&["validate", path(&file)]);
        assert_eq!(o.status.code(), Some(DIAGNOSTIC_ERRORS), "{name}");
    }
}

#[test]
fn a_document_xml_cannot_hold_is_refused_when_written() {
    let dir = scratch("control");
    let input = dir.join("control.txt");
    std::fs::write(
        &input,
        "关于某事的通知\n各单位：\n现将有关事项通知如下\u{1}。\n",
    )
    .expect("write");
    for fmt in ["xml", "akn"] {
        let o = gongwen(&["convert", path(&input), "--to", fmt]);
        assert_eq!(o.status.code(), Some(INVALID), "{fmt}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("U+0001 cannot be written in XML 1.0"), "{err}");
    }
}
