//! Shared by the XML and AKN tests: the documents to round-trip (fixtures and corpus), where
//! `../shared` is, and schema validation with `xmllint`.
//!
//! `xmllint` (Debian package libxml2-utils, installed by `.ci/run`) must be there under CI
//! (`CI=true`): a test that needs it then fails without it; elsewhere it prints a notice and skips
//! the validation.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixtures_dir() -> PathBuf {
    workspace_root().join("tests/fixtures")
}

/// `../shared` beside the workspace, or `None` with a notice naming `what` is skipped.
pub fn shared_dir(what: &str) -> Option<PathBuf> {
    let dir = workspace_root().join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("notice: {} not found; skipping {what}", dir.display());
        None
    }
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

/// Text fixtures that are not documents (tests/fixtures/README.md).
const NOT_DOCUMENTS: &[&str] = &["empty.txt", "whitespace-only.txt", "not-utf8.txt"];

/// Every text fixture that is a document and every corpus document, parsed: (name, document).
pub fn documents() -> Vec<(String, gongwen::Document)> {
    let mut files: Vec<PathBuf> = txt_files(&fixtures_dir())
        .into_iter()
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            !NOT_DOCUMENTS.contains(&name.as_deref().unwrap_or(""))
        })
        .collect();
    assert!(files.len() >= 10, "expected the text fixtures");
    if let Some(shared) = shared_dir("the corpus documents") {
        let corpus = txt_files(&shared.join("corpus"));
        assert!(corpus.len() >= 10, "expected the corpus documents");
        files.extend(corpus);
    }
    files
        .iter()
        .map(|p| {
            let name = p
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let doc = gongwen::parse(&read(p))
                .unwrap_or_else(|e| panic!("{} does not parse: {e}", p.display()));
            (name, doc)
        })
        .collect()
}

/// True when `xmllint` runs; false (after a notice) when it is missing outside CI; panics when it
/// is missing under CI.
pub fn have_xmllint() -> bool {
    let ok = Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("xmllint is missing under CI: install libxml2-utils (.ci/run does)");
        }
        eprintln!(
            "notice: xmllint not found (apt-get install libxml2-utils); skipping schema validation"
        );
    }
    ok
}

/// Validates every `(name, xml)` against `schema` with one `xmllint --noout --nonet --schema`
/// run; panics with xmllint's report when one fails. Skips (with a notice) without xmllint,
/// except under CI.
pub fn xmllint(schema: &Path, dir_name: &str, docs: &[(String, String)]) {
    if !have_xmllint() {
        return;
    }
    assert!(schema.is_file(), "no schema at {}", schema.display());
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(dir_name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let mut files = Vec::new();
    for (name, xml) in docs {
        let p = dir.join(format!("{name}.xml"));
        std::fs::write(&p, xml).expect("write scratch file");
        files.push(p);
    }
    for chunk in files.chunks(64) {
        let out = Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema"])
            .arg(schema)
            .args(chunk)
            .output()
            .expect("run xmllint");
        let report = String::from_utf8_lossy(&out.stderr);
        let failed: Vec<&str> = report
            .lines()
            .filter(|l| !l.ends_with(" validates"))
            .take(40)
            .collect();
        assert!(
            out.status.success() && failed.is_empty(),
            "xmllint against {}:\n{}",
            schema.display(),
            failed.join("\n")
        );
        let validated = report.lines().filter(|l| l.ends_with(" validates")).count();
        assert_eq!(
            validated,
            chunk.len(),
            "xmllint validated fewer files than given"
        );
    }
}
