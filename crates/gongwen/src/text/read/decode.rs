//! Stage 1, decode: bytes → text.
//!
//! UTF-8 (with or without a BOM) is read in place, without a copy. A UTF-16 BOM decodes UTF-16;
//! without any BOM, bytes that are not UTF-8 are given to a detector (chardetng, the detector
//! of Firefox) and decoded with what it finds, which for Chinese government files is GBK or
//! GB18030 (one decoder in encoding_rs). A caller can name the encoding instead (a WHATWG
//! label: `gbk`, `gb18030`, `utf-16le`, `big5`…).
//!
//! Text that is UTF-8 but for a few broken sequences is refused with the position of the first
//! (it is a damaged UTF-8 file, not another encoding); a file with NUL bytes or many control
//! characters is refused as binary. Bytes a legacy decoder cannot map become U+FFFD, and the
//! reader reports each line where that happened.
//!
//! Spans point at the original bytes: when the text was decoded from another encoding, an
//! [`OffsetMap`] turns offsets in the decoded text back into offsets in the input, and the
//! reader's pipeline applies it to every span of the finished document.

use crate::error::{decode_utf8, Error, Position};
use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;

/// A decoded text and how it was decoded.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The text (borrowed when the input was UTF-8).
    pub text: Cow<'a, str>,
    /// The encoding, when the input was not UTF-8.
    pub encoding: Option<&'static Encoding>,
    /// Offsets in `text` → offsets in the input, when they differ.
    pub map: Option<OffsetMap<'a>>,
    /// Byte offsets in `text` of the U+FFFD that stand for bytes the decoder could not map.
    pub replaced: Vec<usize>,
}

/// Decodes `bytes`, with the encoding named by `label` or detected. UTF-8 with a NUL byte is
/// UTF-16 without a byte order mark (of ASCII only) or binary, never text.
pub(crate) fn decode<'a>(bytes: &'a [u8], label: Option<&str>) -> Result<Decoded<'a>, Error> {
    decode_with(bytes, label, false)
}

/// [`decode`] for a page: UTF-8 with NUL bytes is read as it is, as a browser reads it (the
/// markup around them shows it is a page, not a binary file).
pub(crate) fn decode_page<'a>(bytes: &'a [u8], label: Option<&str>) -> Result<Decoded<'a>, Error> {
    decode_with(bytes, label, true)
}

fn decode_with<'a>(
    bytes: &'a [u8],
    label: Option<&str>,
    nul_is_text: bool,
) -> Result<Decoded<'a>, Error> {
    if let Some(label) = label {
        let enc =
            Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| Error::UnknownEncoding {
                label: label.to_string(),
            })?;
        return decode_as(bytes, enc);
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        if enc != UTF_8 {
            return Ok(legacy(bytes, bom, enc));
        }
    }
    // the usual case: UTF-8, read in place; bytes with a NUL are valid UTF-8 too, but text
    // has none: they are UTF-16 without a BOM (of ASCII only) or binary
    let valid = simdutf8::basic::from_utf8(bytes).is_ok();
    if valid && (nul_is_text || memchr::memchr(0, bytes).is_none()) {
        return utf8(bytes);
    }
    if let Some(at) = binary(bytes) {
        if let Some(enc) = utf16_without_bom(bytes) {
            return Ok(legacy(bytes, 0, enc));
        }
        return Err(Error::Binary {
            at: utf8_position(bytes, at),
        });
    }
    // UTF-8 with a few broken sequences is a damaged UTF-8 file: say where
    if mostly_utf8(bytes) {
        return utf8(bytes);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    // a guess of a single-byte Western encoding means the bytes showed nothing of a CJK one:
    // for this genre that is damaged UTF-8, not Latin-1 text
    if !is_cjk_encoding(enc) {
        return utf8(bytes);
    }
    // GBK's decoder is GB18030's; a four-byte sequence (a second byte 0x30–0x39) is GB18030
    if enc == GBK && has_four_byte_sequence(bytes) {
        enc = GB18030;
    }
    Ok(legacy(bytes, 0, enc))
}

/// The encodings of Chinese, Japanese and Korean text that a detector may find.
fn is_cjk_encoding(enc: &'static Encoding) -> bool {
    [
        GBK,
        GB18030,
        encoding_rs::BIG5,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::EUC_KR,
        encoding_rs::ISO_2022_JP,
    ]
    .contains(&enc)
}

/// True when GB18030 bytes hold a four-byte sequence (a lead byte, then a digit), which GBK has
/// not: walked character by character, since a two-byte character's second byte may stand
/// before a digit.
fn has_four_byte_sequence(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
        } else if (0x81..=0xFE).contains(&b) && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            return true;
        } else {
            i += 2;
        }
    }
    false
}

/// Decodes with a named encoding.
fn decode_as<'a>(bytes: &'a [u8], enc: &'static Encoding) -> Result<Decoded<'a>, Error> {
    if enc == UTF_8 {
        return utf8(bytes);
    }
    let bom = match Encoding::for_bom(bytes) {
        Some((b, len)) if b == enc || (enc == GBK && b == GB18030) => len,
        _ => 0,
    };
    Ok(legacy(bytes, bom, enc))
}

fn utf8(bytes: &[u8]) -> Result<Decoded<'_>, Error> {
    Ok(Decoded {
        text: Cow::Borrowed(decode_utf8(bytes)?),
        encoding: None,
        map: None,
        replaced: Vec::new(),
    })
}

/// Decodes bytes after a BOM of `bom` bytes with `enc`, replacing what it cannot map.
fn legacy<'a>(bytes: &'a [u8], bom: usize, enc: &'static Encoding) -> Decoded<'a> {
    let body = &bytes[bom..];
    let (text, had_errors, map) = OffsetMap::decode(body, bom, enc);
    // U+FFFD that the input holds as a character (GB18030 and UTF-16 can) is text; only when
    // the decoder met bytes it could not map do they stand for those
    let replaced = if had_errors {
        text.char_indices()
            .filter(|(_, c)| *c == '\u{fffd}')
            .map(|(i, _)| i)
            .collect()
    } else {
        Vec::new()
    };
    Decoded {
        text: Cow::Owned(text),
        encoding: Some(enc),
        map: Some(map),
        replaced,
    }
}

/// The offset of the first NUL byte, or of the first control character when control
/// characters (other than tab, line breaks, form feed and escape) are more than one byte in a
/// hundred: text never holds them, binary files hold many.
fn binary(bytes: &[u8]) -> Option<usize> {
    if let Some(p) = memchr::memchr(0, bytes) {
        return Some(p);
    }
    let control = |b: &u8| matches!(b, 1..=8 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F);
    let n = bytes.iter().filter(|b| control(b)).count();
    (n > 0 && n * 100 > bytes.len()).then(|| bytes.iter().position(control).unwrap_or(0))
}

/// UTF-16 without a BOM: every NUL byte at one parity (the high byte of ASCII letters, digits and
/// line breaks in UTF-16), and the bytes decode as UTF-16 of that order without an error and
/// without control characters.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in bytes.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let enc = match (even, odd) {
        (0, o) if o > 0 => UTF_16LE,
        (e, 0) if e > 0 => UTF_16BE,
        _ => return None,
    };
    let text = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
    text.chars()
        .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        .then_some(enc)
}

/// True when the non-ASCII characters that form valid UTF-8 are at least as many as the broken
/// sequences: a UTF-8 file with some damage. Text in GBK forms a valid UTF-8 sequence now and then
/// by chance: about one for every four broken ones over the corpus.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good >= bad
}

/// The position of byte `at` of an input that is UTF-8 up to there at least in part.
fn utf8_position(bytes: &[u8], at: usize) -> Position {
    let prefix = String::from_utf8_lossy(&bytes[..at]);
    let mut p = Position::at(&prefix, prefix.len());
    p.offset = at;
    p
}

/// Offsets in a decoded text → offsets in the bytes it was decoded from: the two offsets of
/// points where a character starts in both (every line start, and in a long line a byte below
/// `0x40` other than a digit at least every 512 bytes: no multi-byte character of GBK, GB18030,
/// Big5, Shift_JIS or EUC-KR holds one), and between two points the bytes the decoder reads to
/// give the text up to the offset (exact for every character, those the encoding cannot write
/// back and the U+FFFD of unmappable bytes too).
#[derive(Debug)]
pub(crate) struct OffsetMap<'a> {
    enc: &'static Encoding,
    /// The input after its byte-order mark, and the mark's length.
    body: &'a [u8],
    bom: usize,
    /// (offset in the text, offset in the input) of each point, in order.
    points: Vec<(usize, usize)>,
}

/// The most bytes between two points of an [`OffsetMap`] in a line with ASCII in it.
const POINT_EVERY: usize = 512;

impl<'a> OffsetMap<'a> {
    /// Decodes `body` (the input after a byte-order mark of `bom` bytes) with `enc`, replacing
    /// what it cannot map: the text, whether anything was replaced, and the map, whose points
    /// are taken in the same pass (the input is decoded once).
    fn decode(body: &'a [u8], bom: usize, enc: &'static Encoding) -> (String, bool, OffsetMap<'a>) {
        let mut points = vec![(0, bom)];
        let (text, had_errors) = if enc == UTF_16LE || enc == UTF_16BE {
            let (text, had_errors) = enc.decode_without_bom_handling(body);
            let text = text.into_owned();
            // line starts; within a line a code unit is two bytes
            let lf: [u8; 2] = if enc == UTF_16LE {
                [b'\n', 0]
            } else {
                [0, b'\n']
            };
            let src = body
                .chunks_exact(2)
                .enumerate()
                .filter(|(_, pair)| *pair == lf)
                .map(|(k, _)| bom + 2 * k + 2);
            let txt = memchr::memchr_iter(b'\n', text.as_bytes()).map(|p| p + 1);
            points.extend(txt.zip(src));
            (text, had_errors)
        } else {
            // decoded in pieces that end at the points (the decoder holds nothing over at a
            // point), the text's length noted at each
            let mut decoder = enc.new_decoder_without_bom_handling();
            let mut text = String::new();
            let mut had_errors = false;
            let mut feed = |piece: &[u8], text: &mut String, last: bool| {
                let mut rest = piece;
                loop {
                    text.reserve(
                        decoder
                            .max_utf8_buffer_length(rest.len())
                            .unwrap_or(4 * rest.len() + 16),
                    );
                    let (res, read, replaced) = decoder.decode_to_string(rest, text, last);
                    had_errors |= replaced;
                    rest = &rest[read..];
                    if res == encoding_rs::CoderResult::InputEmpty {
                        break;
                    }
                }
            };
            let mut from = 0;
            for (p, &b) in body.iter().enumerate() {
                let point =
                    b == b'\n' || p + 1 - from >= POINT_EVERY && b < 0x40 && !b.is_ascii_digit();
                if point {
                    feed(&body[from..=p], &mut text, false);
                    from = p + 1;
                    points.push((text.len(), bom + from));
                }
            }
            feed(&body[from..], &mut text, true);
            (text, had_errors)
        };
        let map = OffsetMap {
            enc,
            body,
            bom,
            points,
        };
        (text, had_errors, map)
    }

    /// The input offset of offset `off` of `text`.
    pub(crate) fn source(&self, text: &str, off: usize) -> usize {
        let mut off = off.min(text.len());
        while !text.is_char_boundary(off) {
            off -= 1;
        }
        let k = self
            .points
            .partition_point(|l| l.0 <= off)
            .saturating_sub(1);
        let (t, s) = self.points.get(k).copied().unwrap_or((0, self.bom));
        let seg = &text[t.min(off)..off];
        if self.enc == UTF_16LE || self.enc == UTF_16BE {
            // a UTF-16 code unit is two bytes; an unpaired surrogate is one U+FFFD
            return s + seg.chars().map(|c| 2 * c.len_utf16()).sum::<usize>();
        }
        // ASCII comes from ASCII bytes in every encoding read here (GBK, GB18030, Big5…)
        if seg.is_ascii() {
            return s + seg.len();
        }
        let rest = &self.body[(s - self.bom).min(self.body.len())..];
        let mut decoder = self.enc.new_decoder_without_bom_handling();
        let mut out = String::with_capacity(seg.len() + 16);
        let mut read = 0;
        while out.len() < seg.len() && read < rest.len() {
            out.reserve(16);
            let (_, n, _) = decoder.decode_to_string(&rest[read..=read], &mut out, false);
            read += n.max(1);
        }
        s + read
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_the_encoding_cannot_write_back_map_to_their_bytes() {
        // Big5 87 BD decodes to U+9046, which Big5's encoder writes as `&#36934;`; GBK's 0x80
        // decodes to €, which GB18030's encoder writes in two bytes (found by fuzzing)
        for (bytes, label) in [(&b"\x87\xbd"[..], "big5"), (&b"\x80 \x80\n\x80"[..], "gbk")] {
            let d = decode(bytes, Some(label)).expect("decodes");
            let map = d.map.expect("a map");
            assert_eq!(map.source(&d.text, d.text.len()), bytes.len(), "{label}");
            let mut prev = 0;
            for (i, _) in d.text.char_indices() {
                let at = map.source(&d.text, i);
                assert!(at >= prev && at < bytes.len(), "{label}: {i} -> {at}");
                prev = at;
            }
        }
        // a long line: points inside it, and offsets exact across them
        let line = "关于加强某项工作的通知 一、总体要求。".repeat(200);
        let (gbk, _, _) = GBK.encode(&line);
        let d = decode(&gbk, Some("gbk")).expect("gbk");
        let map = d.map.expect("a map");
        assert!(map.points.len() > 10);
        for (i, _) in d.text.char_indices().step_by(37) {
            let want = GBK.encode(&d.text[..i]).0.len();
            assert_eq!(map.source(&d.text, i), want);
        }
    }

    #[test]
    fn utf8_is_borrowed_and_gbk_is_detected() {
        let src = "关于加强某项工作的通知\n一、总体要求\n";
        let d = decode(src.as_bytes(), None).expect("utf-8");
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert!(d.encoding.is_none());
        let (gbk, _, _) = GBK.encode(src);
        let d = decode(&gbk, None).expect("gbk");
        assert_eq!(d.text, src);
        assert_eq!(d.encoding.map(Encoding::name), Some("GBK"));
        // the second line starts after the first line's 11 two-byte characters and the break
        let map = d.map.expect("a map");
        let second = src.find('一').expect("a second line");
        assert_eq!(map.source(&d.text, second), 23);
        assert_eq!(map.source(&d.text, second + "一、".len()), 27);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let src = "国务院关于某事的通知\r\n各省：\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(src.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le, None).expect("utf-16le");
        assert_eq!(d.text, src);
        assert_eq!(d.encoding.map(Encoding::name), Some("UTF-16LE"));
        let map = d.map.expect("a map");
        let second = src.find('各').expect("second line");
        assert_eq!(map.source(&d.text, second), 2 + 2 * 12);
        let be: Vec<u8> = src.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode(&be, None).expect("utf-16be without a BOM");
        assert_eq!(d.text, src);
        // ASCII in UTF-16 without a BOM is valid UTF-8 too, but for its NUL bytes
        let ascii: Vec<u8> = "Notice No. 1\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = decode(&ascii, None).expect("utf-16le of ASCII");
        assert_eq!(d.text, "Notice No. 1\n");
    }

    #[test]
    fn damaged_utf8_binary_and_labels() {
        let mut bytes = "第一行文字\n第二行文字\n".repeat(5).into_bytes();
        bytes.extend_from_slice(&[0xB5, 0xDA]);
        bytes.extend_from_slice("\n第三行\n".as_bytes());
        assert!(matches!(
            decode(&bytes, None),
            Err(Error::InvalidUtf8 { .. })
        ));
        let bin = [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xFF, 0xD8];
        // valid UTF-8, but with NUL bytes: binary (a page keeps them)
        let nul = b"\x00\x01\x02\x03\x00\x00";
        match decode(nul, None) {
            Err(Error::Binary { at }) => assert_eq!(at.offset, 0),
            other => panic!("expected binary, got {:?}", other.map(|d| d.text)),
        }
        assert_eq!(decode_page(nul, None).expect("a page").text.len(), 6);
        match decode(&bin, None) {
            Err(Error::Binary { at }) => assert_eq!(at.offset, 4),
            other => panic!("expected binary, got {other:?}"),
        }
        assert!(matches!(
            decode(b"abc", Some("no-such-encoding")),
            Err(Error::UnknownEncoding { .. })
        ));
        let (gb, _, _) = GB18030.encode("通知𠀀");
        let d = decode(&gb, Some("gb18030")).expect("gb18030");
        assert_eq!(d.text, "通知𠀀");
    }

    #[test]
    fn unmappable_bytes_are_reported() {
        let mut bytes = GBK.encode("关于某事的通知\n正文").0.into_owned();
        bytes.push(0x81); // a lead byte with nothing after it
        let d = decode(&bytes, Some("gbk")).expect("decodes");
        assert_eq!(d.replaced.len(), 1);
        assert!(d.text.ends_with('\u{fffd}'));
        let map = d.map.expect("a map");
        assert_eq!(map.source(&d.text, d.text.len()), bytes.len());
    }
}
