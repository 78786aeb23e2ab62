//! Which characters XML 1.0 can hold, and escaping: what the writer ([`super::out`]) puts into
//! its buffer so that every string reads back as it was, and the checks the reader
//! ([`super::parse`]) makes of what it reads.
//!
//! `&`, `<`, `>` are escaped always; `"` and tab, line feed and carriage return in attribute
//! values; carriage return in text (XML parsers turn a literal one into a line feed). Nearly every
//! string needs none of it, and one vectorised pass over its bytes tells so.

/// A character XML 1.0 allows in a document.
pub(super) fn xml_char(c: char) -> bool {
    !(((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}')
}

/// The first character of `s` that XML 1.0 does not allow, with its byte offset. A C0 control
/// is one byte below 0x20 and U+FFFE / U+FFFF start with `EF BF`, so that one pass over the
/// bytes ([`may_hold_non_xml`]) clears nearly every text, and characters are decoded only when
/// it finds one of them.
pub(super) fn first_non_xml_char(s: &str) -> Option<(usize, char)> {
    if !may_hold_non_xml(s.as_bytes()) {
        return None;
    }
    s.char_indices().find(|(_, c)| !xml_char(*c))
}

/// True when `b` holds a C0 control other than tab, LF and CR, or `EF BF` (the first two bytes
/// of U+FFFE and U+FFFF, and of U+FFC0…U+FFFD), in one vectorised pass
/// ([`flagged_or_ef_bf`]): what the reader reads and what the writer writes (names, attribute
/// values) is cleared at the speed of a copy, and the exact check runs only past it.
pub(super) fn may_hold_non_xml(b: &[u8]) -> bool {
    flagged_or_ef_bf(b, |x| {
        u8::from(x < 0x20) & u8::from(x != b'\t') & u8::from(x != b'\n') & u8::from(x != b'\r')
    })
}

/// True when `flag` (1 or 0, computed bitwise) is 1 for a byte of `b`, or `b` holds `EF BF`.
/// One pass over each byte and the next, with no early exit and no branch in the loop, so that
/// the compiler vectorises it.
#[inline(always)]
fn flagged_or_ef_bf(b: &[u8], flag: impl Fn(u8) -> u8) -> bool {
    let Some((&last, _)) = b.split_last() else {
        return false;
    };
    let found = b.iter().zip(&b[1..]).fold(flag(last), |acc, (&x, &y)| {
        acc | flag(x) | u8::from(x == 0xEF) & u8::from(y == 0xBF)
    });
    found != 0
}

/// The first character of `s` that XML 1.0 cannot hold.
pub(crate) fn unrepresentable(s: &str) -> Option<char> {
    first_non_xml_char(s).map(|(_, c)| c)
}

/// Escapes text content so that it reads back as it was (the writer escapes straight into its
/// buffer with `push_escaped_text`).
#[cfg(test)]
pub(crate) fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped_text(&mut out, s);
    out
}

/// Escapes an attribute value (written between double quotes) so that it reads back as it was.
#[cfg(test)]
pub(crate) fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_attr(&mut out, s, attr_classes(s));
    out
}

/// True when `s` holds U+FFFE or U+FFFF (`EF BF BE`, `EF BF BF`): one vectorised search for
/// `EF BF`, which Chinese text seldom holds (U+FFC0…U+FFFF: ￥ and a few other signs).
fn has_noncharacter(s: &str) -> bool {
    // built once: building a searcher costs more than searching a short string
    static EF_BF: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\xEF\xBF"));
    let b = s.as_bytes();
    if b.len() < 64 {
        // a short string: a plain scan costs less than starting the vectorised searcher
        return b
            .windows(3)
            .any(|w| w[0] == 0xEF && w[1] == 0xBF && w[2] >= 0xBE);
    }
    EF_BF
        .find_iter(b)
        .any(|i| matches!(b.get(i + 2), Some(0xBE | 0xBF)))
}

/// The reference that stands for byte `b` in text content, if it needs one: `&`, `<`, `>`, and
/// CR (which an XML parser would turn into a line feed).
fn text_escape(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'\r' => Some("&#13;"),
        _ => None,
    }
}

/// The reference that stands for byte `b` in an attribute value between double quotes: the
/// text escapes, `"`, and tab and line feed (which attribute normalisation turns into spaces).
fn attr_escape(b: u8) -> Option<&'static str> {
    match b {
        b'"' => Some("&quot;"),
        b'\t' => Some("&#9;"),
        b'\n' => Some("&#10;"),
        _ => text_escape(b),
    }
}

/// Appends `s` with the bytes at `at` that `escape` maps replaced by their references; the
/// pieces between them are copied whole. Every byte mapped is ASCII, so every cut is at a
/// character boundary.
fn push_escaped(
    buf: &mut String,
    s: &str,
    at: impl Iterator<Item = usize>,
    escape: impl Fn(u8) -> Option<&'static str>,
) {
    let bytes = s.as_bytes();
    let mut from = 0;
    for i in at {
        if let Some(rep) = escape(bytes[i]) {
            buf.push_str(&s[from..i]);
            buf.push_str(rep);
            from = i + 1;
        }
    }
    buf.push_str(&s[from..]);
}

/// True when text content may need more than a copy: a control character (CR among them), `&`,
/// `<` or `>`, or `EF BF` (the first two bytes of U+FFFE and U+FFFF, and of U+FFC0…U+FFFD).
/// One pass over each byte and the next, with no early exit, so that the compiler vectorises it;
/// nearly all text passes it and is copied whole.
fn text_needs_care(b: &[u8]) -> bool {
    // bitwise, not short-circuit, so that there is no branch in the loop
    flagged_or_ef_bf(b, |x| {
        u8::from(x < 0x20) & u8::from(x != b'\t') & u8::from(x != b'\n')
            | u8::from(x == b'&')
            | u8::from(x == b'<')
            | u8::from(x == b'>')
    })
}

/// Appends `s` with `&`, `<`, `>` and CR escaped (text content), and returns the first character
/// XML 1.0 cannot hold, if any. Text that [`text_needs_care`] passes, nearly all, is copied
/// whole. Otherwise two vectorised passes decide: one for control characters (CR among them),
/// one (`memchr3`) for `&`, `<` and `>`. Text without a control character is copied in the
/// pieces between its escapes; the rare text with one goes byte by byte.
pub(super) fn push_escaped_text(buf: &mut String, s: &str) -> Option<char> {
    let bytes = s.as_bytes();
    if !text_needs_care(bytes) {
        buf.push_str(s);
        return None;
    }
    // no early exit, so that the compiler vectorises it
    let controls = bytes.iter().fold(0u8, |acc, &b| {
        acc | u8::from(b < 0x20 && b != b'\t' && b != b'\n')
    });
    if controls == 0 {
        push_escaped(
            buf,
            s,
            memchr::memchr3_iter(b'&', b'<', b'>', bytes),
            text_escape,
        );
        return if has_noncharacter(s) {
            unrepresentable(s)
        } else {
            None
        };
    }
    push_escaped(buf, s, 0..bytes.len(), text_escape);
    // a control character other than tab, LF and CR, or U+FFFE / U+FFFF
    unrepresentable(s)
}

/// What one pass over an attribute value finds, a bit for each byte class: [`ATTR_ESCAPE`],
/// [`ATTR_CONTROL`], [`ATTR_EF`].
static ATTR_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = ATTR_CONTROL;
        b += 1;
    }
    t[b'\t' as usize] = ATTR_ESCAPE;
    t[b'\n' as usize] = ATTR_ESCAPE;
    t[b'\r' as usize] = ATTR_ESCAPE;
    t[b'"' as usize] = ATTR_ESCAPE;
    t[b'&' as usize] = ATTR_ESCAPE;
    t[b'<' as usize] = ATTR_ESCAPE;
    t[b'>' as usize] = ATTR_ESCAPE;
    t[0xEF] = ATTR_EF;
    t
};
/// A byte that an attribute value writes as a reference.
const ATTR_ESCAPE: u8 = 1;
/// A control character XML 1.0 cannot hold (C0 but tab, LF and CR).
pub(super) const ATTR_CONTROL: u8 = 2;
/// The first byte of U+FFFE and U+FFFF (and of the other characters from U+F000).
pub(super) const ATTR_EF: u8 = 4;

/// The classes of the bytes of `s`, or-ed together (no early exit: attribute values are short).
pub(super) fn attr_classes(s: &str) -> u8 {
    s.bytes().fold(0, |acc, b| acc | ATTR_CLASS[usize::from(b)])
}

/// Appends `s` escaped for an attribute value between double quotes, given its
/// [`attr_classes`]: copied whole when none of its bytes needs a reference, as nearly every
/// value (eIds, names, numbers, URIs).
pub(super) fn push_attr(buf: &mut String, s: &str, classes: u8) {
    if classes & ATTR_ESCAPE == 0 {
        buf.push_str(s);
    } else {
        push_escaped(buf, s, 0..s.len(), attr_escape);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Format;
    use crate::xmlsafe::parse;
    use crate::xmlsafe::test_support::LONG;

    /// The one-pass test sends to the careful path every text that holds a control character,
    /// `&`, `<`, `>` or `EF BF`, wherever it is, and no other.
    #[test]
    fn text_that_needs_care_is_told_wherever_the_byte_is() {
        let long = LONG.repeat(3);
        assert!(!text_needs_care(b""));
        assert!(!text_needs_care(long.as_bytes()));
        for special in [
            "\r", "\u{1}", "&", "<", ">", "\u{FFFE}", "\u{FFFF}", "\u{FFC0}", "￥",
        ] {
            for at in [0, 1, 17, long.chars().count()] {
                let mut text: String = long.chars().take(at).collect();
                text.push_str(special);
                text.extend(long.chars().skip(at));
                assert!(text_needs_care(text.as_bytes()), "{special:?} at {at}");
            }
        }
        for ok in [
            "\t", "\n", "'", "\"", "（", "\u{F000}", "\u{EFFF}", "\u{FEFF}",
        ] {
            let text = format!("{long}{ok}{long}");
            assert!(!text_needs_care(text.as_bytes()), "{ok:?}");
        }
    }

    /// The byte classes of attribute values agree with the escapes and with what XML can hold.
    #[test]
    fn attribute_byte_classes_agree_with_the_escapes() {
        for b in 0..=255u8 {
            let class = ATTR_CLASS[usize::from(b)];
            assert_eq!(
                class & ATTR_ESCAPE != 0,
                attr_escape(b).is_some(),
                "{b:#04x}"
            );
            let control = b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
            assert_eq!(class & ATTR_CONTROL != 0, control, "{b:#04x}");
            assert_eq!(class & ATTR_EF != 0, b == 0xEF, "{b:#04x}");
        }
    }

    #[test]
    fn escaping_round_trips() {
        let s = "a&b<c>d]]>e\r\n\tf\"g'";
        let xml = format!("<r a=\"{}\">{}</r>", escape_attr(s), escape_text(s));
        let t = parse(&xml, Format::Xml).expect("parses");
        assert_eq!(t.root.attr("a"), Some(s));
        assert_eq!(t.root.text(), s);
    }
}
