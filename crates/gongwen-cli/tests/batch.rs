//! `gongwen batch`: bad files listed with their errors and the exit code, inputs never
//! overwritten, each output equal to what `gongwen convert` writes for its file.

mod common;
use common::{fixture, gongwen, s};
use std::path::{Path, PathBuf};
use std::process::Output;

const SOME_FAILED: i32 = 1;
const IO: i32 = 3;

fn scratch(test: &str) -> std::path::PathBuf {
    common::scratch("batch", test)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A tree of good inputs in every input format: the sample, generated documents, a JSON and an
/// AKN conversion of the sample, in subdirectories.
fn good_tree(root: &Path) {
    std::fs::create_dir_all(root.join("a/b")).expect("test I/O");
    std::fs::copy(fixture("sample-decision.txt"), root.join("sample.txt")).expect("test I/O");
    for seed in 0..6u64 {
        let dir = if seed % 2 == 0 { "a" } else { "a/b" };
        let doc = gongwen_synth::generate(seed, 8_000 + 3_000 * seed as usize);
        std::fs::write(
            root.join(dir).join(format!("synth-{seed}.txt")),
            doc.to_gongwen(),
        )
        .expect("test I/O");
    }
    let json = gongwen(&[
        "convert",
        s(&fixture("sample-decision.txt")),
        "--to",
        "json",
    ]);
    assert!(json.status.success());
    std::fs::write(root.join("a/sample-json.json"), &json.stdout).expect("test I/O");
    let akn = gongwen(&["convert", s(&fixture("sample-decision.txt")), "--to", "akn"]);
    assert!(akn.status.success());
    std::fs::write(root.join("a/b/sample-akn.akn.xml"), &akn.stdout).expect("test I/O");
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    fn go(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("test I/O") {
            let p = e.expect("test I/O").path();
            if p.is_dir() {
                go(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).expect("test I/O").to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    go(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn outputs_equal_single_file_convert_in_every_format() {
    let dir = scratch("equal");
    let input = dir.join("in");
    good_tree(&input);
    let inputs = files(&input);
    assert_eq!(inputs.len(), 9);
    for (to, ext) in [
        ("akn", "akn.xml"),
        ("json", "json"),
        ("xml", "xml"),
        ("text", "txt"),
    ] {
        let out = dir.join(format!("out-{to}"));
        let o = gongwen(&[
            "batch",
            s(&input),
            "--to",
            to,
            "--out",
            s(&out),
            "--jobs",
            "2",
        ]);
        assert_eq!(o.status.code(), Some(0), "{to}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("converted 9 of 9 documents"),
            "{}",
            stderr(&o)
        );
        let outputs = files(&out);
        assert_eq!(outputs.len(), inputs.len(), "{to}: {outputs:?}");
        for rel in &inputs {
            let name = rel
                .file_name()
                .expect("test I/O")
                .to_str()
                .expect("test I/O");
            let stem = name
                .strip_suffix(".akn.xml")
                .or_else(|| name.rsplit_once('.').map(|(a, _)| a))
                .expect("test I/O");
            let produced = out.join(rel.with_file_name(format!("{stem}.{ext}")));
            let single = gongwen(&["convert", s(&input.join(rel)), "--to", to]);
            assert!(single.status.success());
            let written =
                std::fs::read(&produced).unwrap_or_else(|e| panic!("{}: {e}", produced.display()));
            assert!(written == single.stdout, "{to}: {} differs", rel.display());
        }
    }
}

#[test]
fn one_job_and_two_jobs_write_the_same() {
    let dir = scratch("jobs");
    let input = dir.join("in");
    good_tree(&input);
    for jobs in ["1", "2"] {
        let out = dir.join(format!("out-{jobs}"));
        let o = gongwen(&[
            "batch",
            s(&input),
            "--to",
            "akn",
            "--out",
            s(&out),
            "-j",
            jobs,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    for rel in files(&dir.join("out-1")) {
        assert_eq!(
            std::fs::read(dir.join("out-1").join(&rel)).expect("test I/O"),
            std::fs::read(dir.join("out-2").join(&rel)).expect("test I/O")
        );
    }
}

#[test]
fn bad_files_are_listed_with_their_errors_and_the_rest_converted() {
    let dir = scratch("bad");
    let input = dir.join("in");
    good_tree(&input);
    std::fs::write(input.join("a/latin1.txt"), b"\xb9\xfa\xce\xf1\xd4\xba\n").expect("test I/O");
    std::fs::write(input.join("a/b/empty.txt"), "  \n\n").expect("test I/O");
    std::fs::write(input.join("broken.json"), "{\"meta\": 3}").expect("test I/O");
    std::fs::write(input.join("broken-akn.akn.xml"), "<akomaNtoso><doc").expect("test I/O");
    let out = dir.join("out");
    let o = gongwen(&["batch", s(&input), "--to", "json", "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(SOME_FAILED), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("converted 9 of 13 documents"), "{err}");
    assert!(err.contains("4 failed:"), "{err}");
    for (name, what) in [
        ("a/latin1.txt", "not valid UTF-8"),
        ("a/b/empty.txt", "empty"),
        ("broken.json", "meta"),
        ("broken-akn.akn.xml", ""),
    ] {
        let line = err
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("{name} not listed: {err}"));
        assert!(line.contains(what), "{line}");
    }
    // the good ones are there, the bad ones are not
    assert_eq!(files(&out).len(), 9);
    assert!(!out.join("broken.json").exists());
    // no progress bar drawn when standard error is not a terminal
    assert!(!err.contains('\r') && !err.contains('█'), "{err:?}");
}

#[test]
fn the_input_directory_is_never_the_output() {
    let dir = scratch("same");
    let input = dir.join("in");
    good_tree(&input);
    let before = files(&input);
    for out in [input.clone(), input.join("a/.."), input.join(".")] {
        let o = gongwen(&["batch", s(&input), "--to", "text", "--out", s(&out)]);
        assert_eq!(o.status.code(), Some(IO), "{}", stderr(&o));
        assert!(stderr(&o).contains("refusing"), "{}", stderr(&o));
    }
    assert_eq!(files(&input), before);
    assert_eq!(
        std::fs::read(input.join("sample.txt")).expect("test I/O"),
        std::fs::read(fixture("sample-decision.txt")).expect("test I/O")
    );
}

#[test]
fn an_output_directory_inside_the_input_is_not_read_as_input() {
    let dir = scratch("inside");
    let input = dir.join("in");
    good_tree(&input);
    let out = input.join("converted");
    for _ in 0..2 {
        // twice: the second run must not pick up the first run's outputs
        let o = gongwen(&["batch", s(&input), "--to", "akn", "--out", s(&out)]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stderr(&o).contains("converted 9 of 9"), "{}", stderr(&o));
    }
    assert_eq!(files(&out).len(), 9);
}

#[test]
fn an_output_that_would_overwrite_an_input_refuses_the_run() {
    // the input tree lives inside the output directory: `in/x.txt` → `out/x.akn.xml`, and
    // `out/in/x.txt` → `out/in/x.akn.xml`, which is an input here
    let dir = scratch("overwrite");
    let out = dir.join("out");
    let input = out.join("in");
    std::fs::create_dir_all(input.join("in")).expect("test I/O");
    std::fs::copy(fixture("sample-decision.txt"), input.join("in/x.txt")).expect("test I/O");
    let akn = gongwen(&["convert", s(&fixture("sample-decision.txt")), "--to", "akn"]);
    std::fs::write(input.join("x.akn.xml"), &akn.stdout).expect("test I/O");
    std::fs::write(input.join("x.txt"), "关于开展检查的通知\n一、总体要求\n").expect("test I/O");
    let before: Vec<Vec<u8>> = files(&input)
        .iter()
        .map(|r| std::fs::read(input.join(r)).expect("test I/O"))
        .collect();
    let o = gongwen(&["batch", s(&input), "--to", "akn", "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(IO), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("refusing to overwrite the input"),
        "{}",
        stderr(&o)
    );
    let after: Vec<Vec<u8>> = files(&input)
        .iter()
        .map(|r| std::fs::read(input.join(r)).expect("test I/O"))
        .collect();
    assert_eq!(before, after);
    // nothing written beside it either
    assert_eq!(files(&out).len(), files(&input).len());
}

#[test]
fn a_missing_input_directory_is_an_io_error() {
    let dir = scratch("missing");
    let o = gongwen(&[
        "batch",
        s(&dir.join("nope")),
        "--to",
        "json",
        "--out",
        s(&dir.join("out")),
    ]);
    assert_eq!(o.status.code(), Some(IO), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a directory"), "{}", stderr(&o));
}

#[test]
fn a_corpus_goes_to_parquet_tables_with_bad_inputs_as_rows() {
    let dir = scratch("parquet");
    let input = dir.join("in");
    good_tree(&input);
    std::fs::write(input.join("empty.txt"), b"").expect("test I/O");
    std::fs::write(
        input.join("binary.bin"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
    )
    .expect("test I/O");
    // an unreadable input: a link to nothing (permissions do not stop root)
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("nowhere"), input.join("gone.txt")).expect("test I/O");
    let bad = if cfg!(unix) { 3 } else { 2 };
    let out = dir.join("tables");
    let o = gongwen(&[
        "batch",
        s(&input),
        "--to",
        "parquet",
        "--out",
        s(&out),
        "-j",
        "2",
    ]);
    // the bad inputs could not be read: their rows say why, the run goes on and exits 1
    assert_eq!(o.status.code(), Some(SOME_FAILED), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("read 9 of {} documents", 9 + bad)),
        "{err}"
    );
    assert!(err.contains(&format!("{} documents,", 9 + bad)), "{err}");
    assert!(err.contains("empty.txt: input is empty"), "{err}");
    assert!(err.contains("binary.bin: input is binary"), "{err}");
    if cfg!(unix) {
        assert!(err.contains("gone.txt: cannot read gone.txt"), "{err}");
    }
    for name in ["documents.parquet", "nodes.parquet", "diagnostics.parquet"] {
        let bytes = std::fs::read(out.join(name)).expect("a parquet file");
        assert!(
            bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"),
            "{name}"
        );
    }
    // a format that is neither written nor parquet is a usage error naming both
    let o = gongwen(&["batch", s(&input), "--to", "html", "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("or parquet"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_link_to_a_directory_is_not_followed_and_the_run_says_so() {
    let root = scratch("dir-link");
    let (input, elsewhere, out) = (root.join("in"), root.join("elsewhere"), root.join("out"));
    good_tree(&elsewhere);
    std::fs::create_dir_all(&input).expect("test I/O");
    std::fs::copy(fixture("sample-decision.txt"), input.join("sample.txt")).expect("test I/O");
    std::os::unix::fs::symlink(&elsewhere, input.join("linked")).expect("test I/O");
    let o = gongwen(&["batch", s(&input), "--to", "json", "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(files(&out), vec![PathBuf::from("sample.json")]);
    let err = stderr(&o);
    assert!(
        err.contains("linked is a link to a directory; links to directories are not followed"),
        "{err}"
    );
}
