//! The streaming writers (`akn::to_writer`, `xml::to_writer`, `json::to_writer[_pretty]`) write
//! exactly the bytes of their `to_string`, in blocks, and report what `to_string` refuses.

use gongwen::Document;

fn documents() -> Vec<(String, Document)> {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&fixtures).expect("fixtures") {
        let p = e.expect("fixture entry").path();
        if p.extension().is_some_and(|x| x == "txt") {
            if let Ok(src) = std::fs::read_to_string(&p) {
                if let Ok(doc) = gongwen::parse(&src) {
                    out.push((p.display().to_string(), doc));
                }
            }
        }
    }
    // large enough for many blocks of the streaming writer
    let big = gongwen_synth::generate(3, 1_500_000).to_gongwen();
    out.push((
        "synth 1.5 MB".into(),
        gongwen::parse(&big).expect("generated text reads"),
    ));
    assert!(out.len() > 3);
    out
}

/// A writer that takes at most a few bytes a call, to exercise partial writes.
struct Trickle(Vec<u8>);

impl std::io::Write for Trickle {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = buf.len().min(7);
        self.0.extend_from_slice(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn streamed_bytes_equal_to_string() {
    for (name, doc) in documents() {
        let mut akn = Vec::new();
        gongwen::akn::to_writer(&doc, &mut akn).expect("test I/O");
        assert!(
            akn == gongwen::akn::to_string(&doc)
                .expect("test I/O")
                .into_bytes(),
            "{name}: akn"
        );
        let mut xml = Vec::new();
        gongwen::xml::to_writer(&doc, &mut xml).expect("test I/O");
        assert!(
            xml == gongwen::xml::to_string(&doc)
                .expect("test I/O")
                .into_bytes(),
            "{name}: xml"
        );
        let mut json = Vec::new();
        gongwen::json::to_writer(&doc, &mut json).expect("test I/O");
        assert!(
            json == gongwen::json::to_string(&doc).into_bytes(),
            "{name}: json"
        );
        let mut pretty = Vec::new();
        gongwen::json::to_writer_pretty(&doc, &mut pretty).expect("test I/O");
        assert!(
            pretty == gongwen::json::to_string_pretty(&doc).into_bytes(),
            "{name}: pretty"
        );
    }
}

#[test]
fn partial_writes_are_completed() {
    let (_, doc) = documents().pop().expect("test I/O");
    let mut t = Trickle(Vec::new());
    gongwen::akn::to_writer(&doc, &mut t).expect("test I/O");
    assert!(
        t.0 == gongwen::akn::to_string(&doc)
            .expect("test I/O")
            .into_bytes()
    );
}

#[test]
fn a_character_xml_cannot_hold_is_the_error_to_string_gives() {
    let doc =
        gongwen::parse("关于开展检查的通知\n一、总体要求\n（一）明确目标。到年底\u{1}完成。\n")
            .expect("test I/O");
    for (streamed, whole) in [
        (
            gongwen::akn::to_writer(&doc, &mut Vec::new()),
            gongwen::akn::to_string(&doc),
        ),
        (
            gongwen::xml::to_writer(&doc, &mut Vec::new()),
            gongwen::xml::to_string(&doc),
        ),
    ] {
        let e = streamed.expect_err("must fail");
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
        let inner = e
            .get_ref()
            .and_then(|x| x.downcast_ref::<gongwen::Error>())
            .expect("wraps the gongwen error");
        assert_eq!(inner.to_string(), whole.expect_err("must fail").to_string());
    }
}

#[test]
fn an_io_error_is_reported() {
    struct Broken;
    impl std::io::Write for Broken {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let (_, doc) = documents().pop().expect("test I/O");
    let e = gongwen::akn::to_writer(&doc, &mut Broken).expect_err("must fail");
    assert_eq!(e.to_string(), "disk full");
}
