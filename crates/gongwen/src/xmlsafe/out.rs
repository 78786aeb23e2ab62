//! The writer of both XML formats: [`Out`] writes straight into one buffer (streamed to an
//! `io::Write` in blocks when asked) with a fixed indentation (two spaces), attributes in the
//! order given, escaped by [`super::escape`]; the first character XML 1.0 cannot hold is
//! remembered and reported when the document is finished.

use super::escape::{
    attr_classes, may_hold_non_xml, push_attr, push_escaped_text, unrepresentable, ATTR_CONTROL,
    ATTR_EF,
};
use crate::error::{Error, Format, Position};
use crate::model::Span;

/// An XML writer with fixed two-space indentation, writing straight into one `String`.
///
/// Element content is indented; text goes where it is put, so mixed content (a `p` with inline
/// elements) is written on one line with [`Out::inline_start`] / [`Out::text`] / [`Out::inline_end`].
/// The first string XML cannot hold is remembered and [`Out::finish`] reports it.
///
/// Nothing is allocated per element: names, attribute values and text are escaped into the
/// output buffer directly, indentation is a slice of a constant, and the output is a `String`
/// from the start (no UTF-8 check at the end).
pub(crate) struct Out<'w> {
    buf: String,
    /// Where the output goes when it is streamed: the buffer is handed over in blocks of
    /// [`SPILL`] bytes, so the whole document is never held in memory.
    sink: Option<&'w mut dyn std::io::Write>,
    io_error: Option<std::io::Error>,
    depth: usize,
    format: Format,
    fault: Option<(char, Span)>,
    /// The source span of what is being written, for the error position.
    pub context: Span,
}

/// The size of the blocks a streaming [`Out`] writes.
const SPILL: usize = 256 * 1024;

impl std::fmt::Debug for Out<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Out")
            .field("depth", &self.depth)
            .field("format", &self.format)
            .field("fault", &self.fault)
            .finish_non_exhaustive()
    }
}

/// An element name: a `&str`, or a prefix and a local name written one after the other (so that
/// `gw:` + `node` costs no allocation).
pub(crate) trait XmlName {
    fn push_to(&self, buf: &mut String);
}

impl XmlName for str {
    fn push_to(&self, buf: &mut String) {
        buf.push_str(self);
    }
}

impl XmlName for String {
    fn push_to(&self, buf: &mut String) {
        buf.push_str(self);
    }
}

impl XmlName for (&str, &str) {
    fn push_to(&self, buf: &mut String) {
        buf.push_str(self.0);
        buf.push_str(self.1);
    }
}

/// Appends the decimal digits of `v`.
pub(crate) fn push_u64(buf: &mut String, v: u64) {
    buf.push_str(itoa::Buffer::new().format(v));
}

/// A line feed and spaces for indentation, two a level: a new line and its indentation are
/// one copy of a prefix.
const NEWLINE_SPACES: &str = "\n                                                                                                                                ";

impl<'w> Out<'w> {
    /// A writer into a string, with the XML declaration written.
    pub fn new(format: Format, capacity: usize) -> Out<'static> {
        let mut buf = String::with_capacity(capacity);
        buf.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Out {
            buf,
            sink: None,
            io_error: None,
            depth: 0,
            format,
            fault: None,
            context: Span::default(),
        }
    }

    /// A writer that streams to `sink` in blocks, with the XML declaration written.
    pub fn streaming(format: Format, sink: &'w mut dyn std::io::Write) -> Out<'w> {
        let mut buf = String::with_capacity(SPILL + 64 * 1024);
        buf.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Out {
            buf,
            sink: Some(sink),
            io_error: None,
            depth: 0,
            format,
            fault: None,
            context: Span::default(),
        }
    }

    /// Hands a full block to the sink (streaming only); the first I/O error stops the writing.
    fn spill(&mut self) {
        if self.buf.len() < SPILL {
            return;
        }
        if let Some(sink) = self.sink.as_mut() {
            if let Err(e) = sink.write_all(self.buf.as_bytes()) {
                self.io_error = Some(e);
                self.sink = None;
            }
            self.buf.clear();
        }
    }

    fn check(&mut self, s: &str) {
        if self.fault.is_none() && may_hold_non_xml(s.as_bytes()) {
            if let Some(c) = unrepresentable(s) {
                self.fault = Some((c, self.context));
            }
        }
    }

    fn newline(&mut self) {
        let n = self.depth * 2;
        let k = n.min(NEWLINE_SPACES.len() - 1);
        self.buf.push_str(&NEWLINE_SPACES[..1 + k]);
        // deeper than 64 levels: the rest of the spaces
        let mut rest = n - k;
        while rest > 0 {
            let k = rest.min(NEWLINE_SPACES.len() - 1);
            self.buf.push_str(&NEWLINE_SPACES[1..1 + k]);
            rest -= k;
        }
    }

    fn tag<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)]) {
        self.buf.push('<');
        name.push_to(&mut self.buf);
        for (k, v) in attrs {
            let classes = attr_classes(v);
            if classes & (ATTR_CONTROL | ATTR_EF) != 0 {
                self.check(v);
            }
            self.buf.push(' ');
            self.buf.push_str(k);
            self.buf.push_str("=\"");
            push_attr(&mut self.buf, v, classes);
            self.buf.push('"');
        }
    }

    fn close_tag<N: XmlName + ?Sized>(&mut self, name: &N) {
        self.buf.push_str("</");
        name.push_to(&mut self.buf);
        self.buf.push('>');
    }

    /// `<name attrs>` on a new line; what follows is indented one more level.
    pub fn start<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)]) {
        self.newline();
        self.tag(name, attrs);
        self.buf.push('>');
        self.depth += 1;
    }

    /// `</name>` on a new line, one level out.
    pub fn end<N: XmlName + ?Sized>(&mut self, name: &N) {
        self.depth = self.depth.saturating_sub(1);
        self.newline();
        self.close_tag(name);
        self.spill();
    }

    /// `<name attrs/>` on a new line.
    pub fn empty<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)]) {
        self.newline();
        self.tag(name, attrs);
        self.buf.push_str("/>");
    }

    /// `<name offset="…" len="…" line="…" column="…"/>` on a new line: a source span.
    pub fn empty_span<N: XmlName + ?Sized>(&mut self, name: &N, span: &Span) {
        self.newline();
        self.buf.push('<');
        name.push_to(&mut self.buf);
        self.buf.push_str(" offset=\"");
        push_u64(&mut self.buf, span.offset as u64);
        self.buf.push_str("\" len=\"");
        push_u64(&mut self.buf, span.len as u64);
        self.buf.push_str("\" line=\"");
        push_u64(&mut self.buf, u64::from(span.line));
        self.buf.push_str("\" column=\"");
        push_u64(&mut self.buf, u64::from(span.column));
        self.buf.push_str("\"/>");
    }

    /// `<name attrs>text</name>` on a new line (`<name attrs/>` for empty text).
    pub fn leaf<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)], text: &str) {
        if text.is_empty() {
            self.empty(name, attrs);
            return;
        }
        self.newline();
        self.tag(name, attrs);
        self.buf.push('>');
        self.text(text);
        self.close_tag(name);
    }

    /// `<name>digits</name>` on a new line.
    pub fn leaf_num<N: XmlName + ?Sized>(&mut self, name: &N, value: u64) {
        self.newline();
        self.tag(name, &[]);
        self.buf.push('>');
        push_u64(&mut self.buf, value);
        self.close_tag(name);
    }

    /// Starts a line of mixed content: `<name attrs>` on a new line, content to follow inline.
    pub fn line_start<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)]) {
        self.newline();
        self.inline_start(name, attrs);
    }

    /// `<name attrs>` where the writer stands (inside mixed content).
    pub fn inline_start<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.buf.push('>');
    }

    /// `</name>` where the writer stands (inside mixed content).
    pub fn inline_end<N: XmlName + ?Sized>(&mut self, name: &N) {
        self.close_tag(name);
    }

    /// `<name attrs/>` where the writer stands (inside mixed content).
    pub fn inline_empty<N: XmlName + ?Sized>(&mut self, name: &N, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.buf.push_str("/>");
    }

    /// Escaped text where the writer stands.
    pub fn text(&mut self, text: &str) {
        if let Some(c) = push_escaped_text(&mut self.buf, text) {
            if self.fault.is_none() {
                self.fault = Some((c, self.context));
            }
        }
    }

    /// The error for the first character XML could not hold, if there was one.
    fn fault_error(&self) -> Option<Error> {
        let (c, span) = self.fault?;
        Some(Error::Shape {
            format: self.format,
            message: format!(
                "character U+{:04X} cannot be written in XML 1.0 (only tab, line feed and \
                 carriage return of the control characters can)",
                c as u32
            ),
            path: String::new(),
            at: Position {
                offset: span.offset,
                line: span.line as usize,
                column: span.column as usize,
            },
        })
    }

    /// The document, with a final newline; or the first character XML could not hold.
    pub fn finish(self) -> Result<String, Error> {
        if let Some(e) = self.fault_error() {
            return Err(e);
        }
        let mut buf = self.buf;
        buf.push('\n');
        Ok(buf)
    }

    /// Writes what is left with the final newline and flushes the sink (streaming). A character
    /// XML could not hold is an [`std::io::ErrorKind::InvalidData`] error wrapping the
    /// [`Error`]; what was written before it is then incomplete and should be discarded.
    pub fn finish_streaming(mut self) -> std::io::Result<()> {
        self.buf.push('\n');
        if let Some(e) = self.io_error.take() {
            return Err(e);
        }
        if let Some(sink) = self.sink.as_mut() {
            sink.write_all(self.buf.as_bytes())?;
            sink.flush()?;
        }
        match self.fault_error() {
            Some(e) => Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xmlsafe::test_support::{planted, LONG};

    #[test]
    fn the_writer_finds_what_xml_cannot_hold_wherever_it_is() {
        let long = LONG.repeat(7);
        for (bad, at, text) in planted() {
            let mut o = Out::new(Format::Xml, 0);
            o.start("r", &[]);
            o.leaf("t", &[], &text);
            o.end("r");
            assert!(o.finish().is_err(), "{bad:?} at {at}");
            let mut o = Out::new(Format::Xml, 0);
            o.empty("r", &[("a", &text)]);
            assert!(o.finish().is_err(), "{bad:?} at {at} in an attribute");
        }
        // the first of two is reported
        let mut o = Out::new(Format::Xml, 0);
        o.leaf("t", &[], &format!("{long}\u{FFFF}{long}\u{2}"));
        let e = o.finish().expect_err("refused").to_string();
        assert!(e.contains("U+FFFF"), "{e}");
        // a character just below U+FFFE and tab, LF, CR pass
        let mut o = Out::new(Format::Xml, 0);
        o.leaf("t", &[], &format!("{long}\u{FFFD}\u{FFC0}\t\n\r&<>"));
        let xml = o.finish().expect("written");
        assert!(
            xml.ends_with("\u{FFFD}\u{FFC0}\t\n&#13;&amp;&lt;&gt;</t>\n"),
            "{xml}"
        );
    }

    /// Every level is indented by two spaces, below the 64 levels that one copy covers and
    /// beyond them.
    #[test]
    fn indentation_goes_as_deep_as_the_elements() {
        for depth in [0usize, 1, 63, 64, 65, 130] {
            let mut o = Out::new(Format::Xml, 0);
            for _ in 0..depth {
                o.start("e", &[]);
            }
            o.leaf("t", &[], "x");
            for _ in 0..depth {
                o.end("e");
            }
            let xml = o.finish().expect("written");
            let line = xml
                .lines()
                .find(|l| l.ends_with("<t>x</t>"))
                .expect("leaf line");
            assert_eq!(line.len() - "<t>x</t>".len(), 2 * depth, "{depth}");
            assert!(line.trim_start().starts_with("<t>"));
        }
    }
}
