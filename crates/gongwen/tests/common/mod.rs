//! Shared by the integration tests: where the fixtures and the corpus are, which fixtures parse,
//! and a line diff for failure messages.
//!
//! Each test binary uses part of this module only.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The workspace root (`crates/gongwen/../..`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `tests/fixtures` at the workspace root.
pub fn fixtures_dir() -> PathBuf {
    workspace_root().join("tests/fixtures")
}

/// The committed JSON Schema.
pub fn schema_path() -> PathBuf {
    workspace_root().join("schemas/gongwen.schema.json")
}

/// Fixtures that are not documents: each must be refused by the reader, see
/// `tests/fixtures/README.md`. Every other `.txt` fixture must parse.
pub const REFUSED_FIXTURES: &[&str] = &["empty.txt", "whitespace-only.txt", "not-utf8.txt"];

/// A named input text.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file name, e.g. `sample-decision.txt`.
    pub name: String,
    pub path: PathBuf,
    pub text: String,
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .expect("a file name")
        .to_string_lossy()
        .into_owned()
}

fn read_text(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// Every fixture `.txt` that is a document (all but [`REFUSED_FIXTURES`]).
pub fn document_fixtures() -> Vec<Input> {
    let files: Vec<Input> = txt_files(&fixtures_dir())
        .into_iter()
        .filter(|p| !REFUSED_FIXTURES.contains(&file_name(p).as_str()))
        .map(|p| Input {
            name: file_name(&p),
            text: read_text(&p),
            path: p,
        })
        .collect();
    assert!(
        files.len() >= 10,
        "expected the fixtures of tests/fixtures/README.md, found {}",
        files.len()
    );
    files
}

/// The fixture with this file name.
pub fn fixture(name: &str) -> Input {
    let path = fixtures_dir().join(name);
    Input {
        name: name.to_string(),
        text: read_text(&path),
        path,
    }
}

/// `shared/corpus` beside the workspace, if it is there; prints a notice when it is not.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = workspace_root().join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: ../shared/corpus not found (looked for {})",
            dir.display()
        );
        None
    }
}

/// Every corpus document (`shared/corpus/*.txt`), or none when the corpus is absent.
pub fn corpus_documents() -> Vec<Input> {
    let Some(dir) = corpus_dir() else {
        return Vec::new();
    };
    let docs: Vec<Input> = txt_files(&dir)
        .into_iter()
        .map(|p| Input {
            name: file_name(&p),
            text: read_text(&p),
            path: p,
        })
        .collect();
    assert!(!docs.is_empty(), "{} holds no .txt file", dir.display());
    docs
}

/// Fixtures that are documents, then the corpus documents.
pub fn all_documents() -> Vec<Input> {
    let mut v = document_fixtures();
    v.extend(corpus_documents());
    v
}

/// Parses an input that must parse.
pub fn parse(input: &Input) -> gongwen::Document {
    gongwen::parse(&input.text)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", input.path.display()))
}

/// A line diff of `expected` and `actual`: `-` for expected lines missing, `+` for actual lines
/// not expected, with 3 unchanged lines around each change; at most `max_lines` lines.
pub fn diff(expected: &str, actual: &str, max_lines: usize) -> String {
    labelled_diff(("expected", expected), ("actual", actual), 3, max_lines)
}

/// [`diff`] with other names than expected and actual, and `context` lines.
pub fn labelled_diff(
    (a_name, expected): (&str, &str),
    (b_name, actual): (&str, &str),
    context: usize,
    max_lines: usize,
) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    // common prefix and suffix first, so that the table below stays small
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    // ops over the middle: ' ' same, '-' only expected, '+' only actual
    let mut ops: Vec<(char, &str)> = Vec::new();
    if ma.len().saturating_mul(mb.len()) <= 16_000_000 {
        // longest common subsequence
        let w = mb.len() + 1;
        let mut t = vec![0u32; (ma.len() + 1) * w];
        for i in (0..ma.len()).rev() {
            for j in (0..mb.len()).rev() {
                t[i * w + j] = if ma[i] == mb[j] {
                    t[(i + 1) * w + j + 1] + 1
                } else {
                    t[(i + 1) * w + j].max(t[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < ma.len() || j < mb.len() {
            if i < ma.len() && j < mb.len() && ma[i] == mb[j] {
                ops.push((' ', ma[i]));
                i += 1;
                j += 1;
            } else if i < ma.len() && (j == mb.len() || t[(i + 1) * w + j] >= t[i * w + j + 1]) {
                ops.push(('-', ma[i]));
                i += 1;
            } else {
                ops.push(('+', mb[j]));
                j += 1;
            }
        }
    } else {
        ops.extend(ma.iter().map(|l| ('-', *l)));
        ops.extend(mb.iter().map(|l| ('+', *l)));
    }
    let mut all: Vec<(char, &str)> = a[..pre].iter().map(|l| (' ', *l)).collect();
    all.extend(ops);
    all.extend(a[a.len() - suf..].iter().map(|l| (' ', *l)));
    // keep changed lines and their context; hunks are headed with their line numbers
    let changed: Vec<usize> = (0..all.len()).filter(|&i| all[i].0 != ' ').collect();
    let near = |i: usize| {
        let k = changed.partition_point(|&c| c + context < i);
        changed.get(k).is_some_and(|&c| c <= i + context)
    };
    let mut out = format!("--- {a_name}\n+++ {b_name}\n");
    let (mut la, mut lb) = (1, 1);
    let mut shown = 0;
    let mut last: Option<usize> = None;
    for (i, (op, l)) in all.iter().enumerate() {
        if near(i) {
            if last.is_none_or(|p| p + 1 != i) {
                out.push_str(&format!("@@ {a_name} line {la}, {b_name} line {lb} @@\n"));
            }
            if shown == max_lines {
                out.push_str("… (diff cut)\n");
                break;
            }
            out.push_str(&format!("{op}{l}\n"));
            shown += 1;
            last = Some(i);
        }
        match op {
            '-' => la += 1,
            '+' => lb += 1,
            _ => {
                la += 1;
                lb += 1;
            }
        }
    }
    out
}
