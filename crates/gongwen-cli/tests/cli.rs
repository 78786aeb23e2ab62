//! The `gongwen` command as built: conversion through files and standard input, format
//! detection, outline, check, and one exit code per kind of failure.

mod common;
use common::{fixture, fixtures, gongwen};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Exit codes of the command (`src/main.rs`, `mod exit`).
const DIAGNOSTIC_ERRORS: i32 = 1;
const USAGE: i32 = 2;
const IO: i32 = 3;
const NOT_UTF8: i32 = 4;
const EMPTY: i32 = 5;
const INVALID: i32 = 6;

fn scratch(test: &str) -> std::path::PathBuf {
    common::scratch("cli", test)
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn gongwen_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gongwen");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(input).expect("write stdin");
    drop(stdin);
    child.wait_with_output().expect("wait for gongwen")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts the exit code, showing what the command printed when it is not the expected one.
#[track_caller]
fn assert_exit(o: &Output, code: i32, what: &str) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "{what}: exit code\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&o.stdout),
        stderr(o)
    );
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The fixtures that are documents (the README's well-formed and malformed ones).
fn document_fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .filter(|n| !["empty.txt", "whitespace-only.txt", "not-utf8.txt"].contains(&n.as_str()))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "fixtures: {names:?}");
    names
}

#[test]
fn convert_text_to_json_to_text_through_files() {
    let dir = scratch("convert-files");
    for name in document_fixtures() {
        let input = fixture(&name);
        let doc = gongwen::parse(&read(&input)).expect("fixture parses");
        let json = dir.join(format!("{name}.json"));
        let text = dir.join(format!("{name}.canonical.txt"));

        let o = gongwen(&[
            "convert",
            path_str(&input),
            "--to",
            "json",
            "-o",
            path_str(&json),
        ]);
        assert_exit(&o, 0, &format!("{name}: convert --to json"));
        assert!(o.stdout.is_empty(), "{name}: -o writes nothing to stdout");
        assert_eq!(
            read(&json),
            gongwen::json::to_string(&doc) + "\n",
            "{name}: JSON written"
        );

        // no --from: the JSON is recognised as JSON
        let o = gongwen(&[
            "convert",
            path_str(&json),
            "--to",
            "text",
            "--output",
            path_str(&text),
        ]);
        assert_exit(&o, 0, &format!("{name}: convert JSON --to text"));
        assert_eq!(
            read(&text),
            gongwen::text::write(&doc),
            "{name}: text written"
        );
    }
}

#[test]
fn convert_through_standard_input() {
    let name = "sample-decision.txt";
    let src = read(&fixture(name));
    let doc = gongwen::parse(&src).expect("sample parses");

    let o = gongwen_stdin(
        &["convert", "-", "--to", "json", "--pretty"],
        src.as_bytes(),
    );
    assert_exit(&o, 0, "text on stdin --to json");
    let json = stdout(&o);
    assert_eq!(json, gongwen::json::to_string_pretty(&doc) + "\n");

    // JSON on stdin, detected without --from
    let o = gongwen_stdin(&["convert", "-", "--to", "text"], json.as_bytes());
    assert_exit(&o, 0, "JSON on stdin --to text");
    assert_eq!(stdout(&o), gongwen::text::write(&doc));

    let o = gongwen_stdin(
        &["convert", "-", "--from", "json", "--to", "json"],
        json.as_bytes(),
    );
    assert_exit(&o, 0, "JSON on stdin --from json --to json");
    assert_eq!(stdout(&o), gongwen::json::to_string(&doc) + "\n");
}

#[test]
fn from_overrides_detection() {
    let sample = fixture("sample-decision.txt");
    // text read as JSON: refused as invalid JSON, naming the input
    let o = gongwen(&[
        "convert",
        path_str(&sample),
        "--from",
        "json",
        "--to",
        "text",
    ]);
    assert_exit(&o, INVALID, "text --from json");
    assert!(stderr(&o).contains("sample-decision.txt"), "{}", stderr(&o));

    // JSON read as text: a document of text (whatever its outline), not the model of the JSON
    let json = gongwen::json::to_string(&gongwen::parse(&read(&sample)).expect("parses"));
    let o = gongwen_stdin(
        &["convert", "-", "--from", "text", "--to", "json"],
        json.as_bytes(),
    );
    assert_exit(&o, 0, "JSON --from text");
    assert_ne!(stdout(&o), json.clone() + "\n");
    let o = gongwen_stdin(&["convert", "-", "--to", "json"], json.as_bytes());
    assert_eq!(stdout(&o), json + "\n", "detected as JSON without --from");
}

#[test]
fn an_html_page_converts_and_html_is_not_written() {
    let page = fixture("govcn-page.html");
    let o = gongwen(&["outline", path_str(&page)]);
    assert_exit(&o, 0, "outline of a page");
    assert_eq!(stdout(&o), read(&fixture("govcn-page.outline")));
    // named, and in GBK through standard input
    let gbk = encoding_rs::GBK.encode(&read(&page)).0.into_owned();
    let o = gongwen_stdin(&["outline", "-", "--from", "html"], &gbk);
    assert_exit(&o, 0, "a GBK page named as HTML");
    assert_eq!(stdout(&o), read(&fixture("govcn-page.outline")));
    // HTML is an input format only: asking for it is a usage error that says so
    let o = gongwen(&["convert", path_str(&page), "--to", "html"]);
    assert_exit(&o, USAGE, "--to html");
    assert!(stderr(&o).contains("does not write"), "{}", stderr(&o));
    let o = gongwen(&["convert", path_str(&page), "--from", "pdf", "--to", "json"]);
    assert_exit(&o, USAGE, "--from pdf");
    assert!(
        stderr(&o).contains("unknown format `pdf`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn output_refuses_to_overwrite_the_input() {
    let dir = scratch("overwrite");
    let input = dir.join("doc.txt");
    let original = read(&fixture("sample-decision.txt"));
    std::fs::write(&input, &original).expect("copy the sample");
    std::fs::create_dir_all(dir.join("sub")).expect("subdirectory");
    let same = dir.join("sub/../doc.txt");
    for out in [&input, &same] {
        let o = gongwen(&[
            "convert",
            path_str(&input),
            "--to",
            "json",
            "-o",
            path_str(out),
        ]);
        assert_exit(&o, IO, &format!("-o {}", out.display()));
        assert!(
            stderr(&o).contains("refusing to overwrite"),
            "{}",
            stderr(&o)
        );
        assert_eq!(read(&input), original, "the input is untouched");
    }
}

#[test]
fn outline_of_the_sample_is_its_outline_file() {
    let o = gongwen(&["outline", path_str(&fixture("sample-decision.txt"))]);
    assert_exit(&o, 0, "outline");
    assert_eq!(stdout(&o), read(&fixture("sample-decision.outline")));
}

#[test]
fn check_prints_diagnostics_rustc_style_and_exits_1_on_errors() {
    let mut names: Vec<String> = document_fixtures()
        .into_iter()
        .filter(|n| n.starts_with("malformed-"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 8, "malformed fixtures: {names:?}");
    let mut codes = Vec::new();
    for name in &names {
        let path = fixture(name);
        let src = read(&path);
        let doc = gongwen::parse(&src).expect("malformed fixtures still parse");
        assert!(!doc.diagnostics.is_empty(), "{name}: no diagnostics");
        let o = gongwen(&["check", path_str(&path)]);
        let expected = if doc.has_errors() {
            DIAGNOSTIC_ERRORS
        } else {
            0
        };
        assert_exit(&o, expected, &format!("check {name}"));
        codes.push(expected);
        let out = stdout(&o);
        let lines: Vec<&str> = out.lines().collect();
        for d in &doc.diagnostics {
            let sev = match d.severity {
                gongwen::Severity::Error => "error",
                gongwen::Severity::Warning => "warning",
                gongwen::Severity::Note => "note",
            };
            let head = format!("{sev}[{}]: {}", d.code, d.message);
            assert!(
                lines.contains(&head.as_str()),
                "{name}: no line `{head}` in\n{out}"
            );
            // --> file:line:column (under one of the lines that say it: notes may repeat a
            // message), the source line, and a caret under the span
            let arrow = format!("--> {}:{}:{}", path_str(&path), d.span.line, d.span.column);
            let at = (0..lines.len() - 1)
                .find(|&k| lines[k] == head && lines[k + 1].trim_start() == arrow)
                .unwrap_or_else(|| panic!("{name}: no `{arrow}` after `{head}` in\n{out}"));
            let source = src.lines().nth(d.span.line as usize - 1).expect("line");
            let numbered = format!("{} | {}", d.span.line, source.trim_end_matches('\r'));
            assert!(
                lines[at + 2..at + 5].contains(&numbered.as_str()),
                "{name}: no `{numbered}` under `{head}`"
            );
            assert!(
                lines[at + 3..at + 5]
                    .iter()
                    .any(|l| l.trim_start().starts_with('|') && l.trim_end().ends_with('^')),
                "{name}: no caret line under `{head}`:\n{out}"
            );
        }
        let errors = doc
            .diagnostics
            .iter()
            .filter(|d| d.severity == gongwen::Severity::Error)
            .count();
        assert!(
            out.contains(&format!("{} error(s)", errors)),
            "{name}: summary line\n{out}"
        );
    }
    assert!(
        codes.contains(&DIAGNOSTIC_ERRORS),
        "no malformed fixture has an error diagnostic, so exit code 1 is not tested: {names:?}"
    );
}

#[test]
fn check_of_a_well_formed_document_exits_0() {
    let o = gongwen(&["check", path_str(&fixture("sample-decision.txt"))]);
    assert_exit(&o, 0, "check sample");
    assert!(
        stdout(&o).contains("0 error(s), 0 warning(s)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn missing_file_exits_3() {
    let dir = scratch("missing");
    let missing = dir.join("no-such-file.txt");
    for cmd in ["outline", "check"] {
        let o = gongwen(&[cmd, path_str(&missing)]);
        assert_exit(&o, IO, &format!("{cmd} of a missing file"));
        assert!(stderr(&o).contains("no-such-file.txt"), "{}", stderr(&o));
    }
    let o = gongwen(&["convert", path_str(&missing), "--to", "json"]);
    assert_exit(&o, IO, "convert of a missing file");
}

#[test]
fn not_utf8_exits_4_naming_the_byte() {
    let path = fixture("not-utf8.txt");
    let bytes = std::fs::read(&path).expect("not-utf8.txt");
    let offset = std::str::from_utf8(&bytes)
        .expect_err("the fixture is not UTF-8")
        .valid_up_to();
    let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
    for args in [
        vec!["check", path_str(&path)],
        vec!["convert", path_str(&path), "--to", "json"],
    ] {
        let o = gongwen(&args);
        assert_exit(&o, NOT_UTF8, &args.join(" "));
        let err = stderr(&o);
        assert!(
            err.contains(&format!("byte {offset}")) && err.contains(&format!("line {line}")),
            "the message names byte {offset} on line {line}: {err}"
        );
    }
    let o = gongwen_stdin(&["outline", "-"], &bytes);
    assert_exit(&o, NOT_UTF8, "outline of stdin");
}

#[test]
fn empty_input_exits_5() {
    for name in ["empty.txt", "whitespace-only.txt"] {
        let o = gongwen(&["outline", path_str(&fixture(name))]);
        assert_exit(&o, EMPTY, name);
        assert!(stderr(&o).contains("empty"), "{name}: {}", stderr(&o));
    }
    let o = gongwen_stdin(&["convert", "-", "--to", "json"], b"");
    assert_exit(&o, EMPTY, "empty stdin");
}

#[test]
fn invalid_json_exits_6() {
    let dir = scratch("invalid-json");
    let cases: &[(&str, &str)] = &[
        ("syntax", "{\"meta\": {\"title\": \"决定\"\n"),
        (
            "shape",
            "{\"meta\": {}, \"body\": [{\"kind\": \"paragraph\"}]}\n",
        ),
        ("trailing", "{\"meta\": {}} x\n"),
    ];
    for (what, src) in cases {
        let file = dir.join(format!("{what}.json"));
        std::fs::write(&file, src).expect("write JSON");
        let o = gongwen(&["convert", path_str(&file), "--to", "text"]);
        assert_exit(&o, INVALID, what);
        let err = stderr(&o);
        assert!(
            err.contains(&format!("{what}.json")) && err.contains("line "),
            "{what}: the message names the file and the position: {err}"
        );
        let o = gongwen_stdin(&["check", "-"], src.as_bytes());
        assert_exit(&o, INVALID, &format!("{what} on stdin"));
    }
    // the shape error names the path of the bad value
    let o = gongwen(&["outline", path_str(&dir.join("shape.json"))]);
    assert!(stderr(&o).contains("body[0].kind"), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    let o = gongwen(&["convert", path_str(&fixture("sample-decision.txt"))]);
    assert_exit(&o, USAGE, "convert without --to");
}

#[test]
fn schema_prints_the_committed_schema() {
    let o = gongwen(&["schema"]);
    assert_exit(&o, 0, "schema");
    let committed =
        read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/gongwen.schema.json"));
    assert!(
        stdout(&o) == committed,
        "`gongwen schema` differs from schemas/gongwen.schema.json; \
         bless it with GONGWEN_BLESS=1 cargo test -p gongwen --test schema schema_is_current"
    );
}
