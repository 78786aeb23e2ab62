//! `gongwen convert -o FILE` streams its output: the bytes of standard output, no half-written
//! file when the conversion fails, an existing file left as it was, `/dev/null` still works.

mod common;
use common::{gongwen, s};
use std::path::Path;

const INVALID: i32 = 6;

fn scratch(test: &str) -> std::path::PathBuf {
    common::scratch("streaming", test)
}

#[test]
fn the_file_holds_the_bytes_of_standard_output() {
    let dir = scratch("equal");
    let input = dir.join("big.txt");
    std::fs::write(&input, gongwen_synth::generate(5, 1_200_000).to_gongwen()).expect("test I/O");
    for to in ["akn", "xml", "json", "text"] {
        let out = dir.join(format!("out.{to}"));
        let o = gongwen(&["convert", s(&input), "--to", to, "-o", s(&out)]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let stdout = gongwen(&["convert", s(&input), "--to", to]).stdout;
        assert!(std::fs::read(&out).expect("test I/O") == stdout, "{to}");
    }
    let o = gongwen(&[
        "convert",
        s(&input),
        "--to",
        "json",
        "--pretty",
        "-o",
        s(&dir.join("p.json")),
    ]);
    assert!(o.status.success());
    let stdout = gongwen(&["convert", s(&input), "--to", "json", "--pretty"]).stdout;
    assert!(std::fs::read(dir.join("p.json")).expect("test I/O") == stdout);
    // no temporary file left beside the outputs
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("test I/O")
        .map(|e| {
            e.expect("test I/O")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(
        names.iter().all(|n| !n.contains("gongwen-tmp")),
        "{names:?}"
    );
}

#[test]
fn a_failed_conversion_leaves_no_file_and_an_existing_one_untouched() {
    let dir = scratch("failed");
    let input = dir.join("control.txt");
    std::fs::write(
        &input,
        "关于开展检查的通知\n一、总体要求\n（一）明确目标。到年底\u{1}完成。\n",
    )
    .expect("test I/O");
    let fresh = dir.join("fresh.akn.xml");
    let o = gongwen(&["convert", s(&input), "--to", "akn", "-o", s(&fresh)]);
    assert_eq!(o.status.code(), Some(INVALID));
    assert!(String::from_utf8_lossy(&o.stderr).contains("U+0001"));
    assert!(!fresh.exists());
    let existing = dir.join("existing.xml");
    std::fs::write(&existing, "before").expect("test I/O");
    let o = gongwen(&["convert", s(&input), "--to", "xml", "-o", s(&existing)]);
    assert_eq!(o.status.code(), Some(INVALID));
    assert_eq!(
        std::fs::read_to_string(&existing).expect("test I/O"),
        "before"
    );
    assert_eq!(
        std::fs::read_dir(&dir).expect("test I/O").count(),
        2,
        "a temporary file was left"
    );
}

#[test]
fn a_device_is_written_directly() {
    let dir = scratch("device");
    let input = dir.join("a.txt");
    std::fs::write(
        &input,
        "关于开展检查的通知\n一、总体要求\n（一）明确目标。到年底完成。\n",
    )
    .expect("test I/O");
    let o = gongwen(&["convert", s(&input), "--to", "akn", "-o", "/dev/null"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(Path::new("/dev/null").exists());
}
