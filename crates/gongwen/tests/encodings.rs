//! Every corpus document and fixture in GBK (GB18030 where GBK cannot hold a character), GB18030
//! and UTF-16 (both byte orders, with a BOM) reads to the same document as its UTF-8 file, with
//! nothing lost; the encoding is named in the metadata; and every span points at the bytes of
//! the encoded input.

mod common;

use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE};
use gongwen::{Document, Node};

/// The input in `enc`, with a BOM for UTF-16; `None` when `enc` cannot hold every character.
fn encode(text: &str, enc: &'static Encoding) -> Option<Vec<u8>> {
    if enc == UTF_16LE || enc == UTF_16BE {
        let mut out = if enc == UTF_16LE {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.trim_start_matches('\u{feff}').encode_utf16() {
            out.extend(if enc == UTF_16LE {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
        return Some(out);
    }
    let (bytes, _, unmappable) = enc.encode(text);
    (!unmappable).then(|| bytes.into_owned())
}

/// The document with its spans cleared, its encoding forgotten: what must not depend on the
/// bytes the text came in.
fn comparable(doc: &Document) -> Document {
    let mut d = doc.clone();
    d.clear_layout();
    d.meta.encoding = None;
    d
}

/// Every span of the document's paragraphs on one source line holds the paragraph's text, in
/// the input's encoding.
fn spans_hold_their_text(doc: &Document, bytes: &[u8], enc: &'static Encoding, what: &str) {
    fn nodes<'d>(ns: &'d [Node], out: &mut Vec<&'d gongwen::Paragraph>) {
        for n in ns {
            out.extend(&n.paragraphs);
            nodes(&n.children, out);
        }
    }
    let mut ps: Vec<&gongwen::Paragraph> = doc.preamble.iter().collect();
    nodes(&doc.body, &mut ps);
    let mut checked = 0;
    for p in ps {
        if p.span.is_empty() || p.text.contains(['\n', '\r']) {
            continue;
        }
        let Some(raw) = bytes.get(p.span.offset..p.span.offset + p.span.len) else {
            panic!("{what}: span {:?} beyond the input", p.span);
        };
        let (got, _) = enc.decode_without_bom_handling(raw);
        // a paragraph joined from several lines holds their text without the breaks
        let got: String = got.chars().filter(|c| !c.is_whitespace()).collect();
        let want: String = p.text.chars().filter(|c| !c.is_whitespace()).collect();
        if got == want {
            checked += 1;
        } else {
            assert!(
                got.starts_with(&want[..want.len().min(3 * 4)])
                    || got.contains(&want[..want.len().min(3 * 4)]),
                "{what}: the span {:?} holds {got:?}, not the paragraph {want:?}",
                p.span
            );
        }
    }
    assert!(
        checked > 0 || doc.preamble.is_empty() && doc.body.is_empty(),
        "{what}: no span checked"
    );
}

#[test]
fn every_document_reads_the_same_in_gbk_gb18030_and_utf16() {
    let docs = common::all_documents();
    let mut gbk_skipped = Vec::new();
    let mut read = 0;
    for input in &docs {
        let utf8 = gongwen::text::read_bytes(input.text.as_bytes())
            .unwrap_or_else(|e| panic!("{}: {e}", input.name));
        let want = comparable(&utf8);
        let outline = gongwen::outline::outline(&utf8);
        for enc in [GBK, GB18030, UTF_16LE, UTF_16BE] {
            let Some(bytes) = encode(&input.text, enc) else {
                gbk_skipped.push(input.name.clone());
                continue;
            };
            let what = format!("{} in {}", input.name, enc.name());
            let doc = gongwen::text::read_bytes(&bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
            // GB18030 text that holds only GBK characters is GBK, byte for byte
            let named = if enc == GB18030 && encode(&input.text, GBK).as_ref() == Some(&bytes) {
                GBK.name()
            } else {
                enc.name()
            };
            assert_eq!(
                doc.meta.encoding.as_deref(),
                Some(named),
                "{what}: the encoding"
            );
            assert_eq!(
                gongwen::outline::outline(&doc),
                outline,
                "{what}: the outline"
            );
            let got = comparable(&doc);
            if got != want {
                panic!(
                    "{what}: reads differently from UTF-8\n{}",
                    common::labelled_diff(
                        ("utf-8", &gongwen::json::to_string_pretty(&want)),
                        (enc.name(), &gongwen::json::to_string_pretty(&got)),
                        3,
                        60
                    )
                );
            }
            spans_hold_their_text(&doc, &bytes, enc, &what);
            read += 1;
        }
    }
    // GBK cannot hold a few corpus characters (U+FFFD, characters beyond the BMP): those files
    // are read in GB18030 above, never dropped silently
    assert!(
        gbk_skipped.len() * 10 < docs.len(),
        "GBK skipped {gbk_skipped:?}"
    );
    eprintln!(
        "{read} encoded readings of {} documents; not in GBK: {gbk_skipped:?}",
        docs.len()
    );
}

#[test]
fn a_named_encoding_wins_over_detection() {
    let text = "关于加强某项工作的通知\n各单位：\n一、总体要求\n（一）明确目标。到年底完成。\n";
    let (bytes, _, _) = GB18030.encode(text);
    let options = gongwen::text::Options {
        encoding: Some("gb18030".into()),
    };
    let doc = gongwen::text::read_bytes_with(&bytes, &options).expect("reads");
    assert_eq!(doc.meta.title.as_deref(), Some("关于加强某项工作的通知"));
    assert_eq!(doc.meta.encoding.as_deref(), Some("gb18030"));
    let bad = gongwen::text::Options {
        encoding: Some("klingon".into()),
    };
    let err = gongwen::text::read_bytes_with(&bytes, &bad).expect_err("unknown encoding");
    assert!(
        err.to_string().contains("unknown encoding `klingon`"),
        "{err}"
    );
}

#[test]
fn binary_input_is_called_binary() {
    let mut png = vec![
        0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n', 0, 0, 0, 13,
    ];
    png.extend_from_slice(b"IHDR");
    png.extend(std::iter::repeat_n(0xFFu8, 64));
    let err = gongwen::text::read_bytes(&png).expect_err("binary");
    assert!(matches!(err, gongwen::Error::Binary { .. }), "{err:?}");
    assert!(err.to_string().contains("binary"), "{err}");
}

#[test]
fn bytes_a_legacy_decoder_cannot_map_are_reported_not_dropped() {
    let mut bytes = GBK
        .encode("关于某事的通知\n一、总则\n要求落实。")
        .0
        .into_owned();
    bytes.push(0x81); // a GBK lead byte with nothing after it
    let options = gongwen::text::Options {
        encoding: Some("gbk".into()),
    };
    let doc = gongwen::text::read_bytes_with(&bytes, &options).expect("reads");
    let d = doc
        .diagnostics
        .iter()
        .find(|d| d.code == "encoding-replaced")
        .expect("a diagnostic for the unmappable byte");
    assert_eq!(d.span.line, 3);
    assert!(d.message.contains("U+FFFD"), "{}", d.message);
}
