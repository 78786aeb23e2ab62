//! Diagnostics rendered rustc-style: code, message, file and position, source line and caret.

use crate::model::{Diagnostic, Severity};
use std::fmt::Write;

/// The most characters of a source line shown; a longer line is shown around the column.
const WINDOW: usize = 90;

/// Renders one diagnostic against its source.
pub fn render(d: &Diagnostic, src: &str, file: &str) -> String {
    let sev = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    };
    let mut out = String::new();
    let _ = writeln!(out, "{sev}[{}]: {}", d.code, d.message);
    if d.span.is_empty() {
        let _ = writeln!(out, "  --> {file}");
        return out;
    }
    let line_no = d.span.line as usize;
    let text = src
        .lines()
        .nth(line_no.saturating_sub(1))
        .unwrap_or("")
        .trim_end_matches('\r');
    let gutter = line_no.to_string().len();
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad}--> {file}:{}:{}", d.span.line, d.span.column);
    let _ = writeln!(out, "{pad} |");
    // a long line (a text run together on one line, a table's row) shown in a window around
    // the column, `…` where it is cut
    let col = d.span.column.saturating_sub(1) as usize;
    let chars: Vec<char> = text.chars().collect();
    let (from, to) = if chars.len() > WINDOW {
        let from = col.saturating_sub(WINDOW / 3).min(chars.len());
        (from, (from + WINDOW).min(chars.len()))
    } else {
        (0, chars.len())
    };
    let lead = if from > 0 { "…" } else { "" };
    let shown: String = chars[from..to].iter().collect();
    let tail = if to < chars.len() { "…" } else { "" };
    let _ = writeln!(out, "{line_no} | {lead}{shown}{tail}");
    // the caret under the span, in display columns (CJK characters are two columns wide)
    let before: usize = lead.chars().map(width).sum::<usize>()
        + chars[from..col.clamp(from, to)]
            .iter()
            .copied()
            .map(width)
            .sum::<usize>();
    let spanned: String = src
        .get(d.span.offset..d.span.offset + d.span.len)
        .unwrap_or("")
        .chars()
        .take_while(|c| *c != '\n')
        .collect();
    let underline = spanned.chars().take(12).map(width).sum::<usize>().max(1);
    let _ = writeln!(
        out,
        "{pad} | {}{}",
        " ".repeat(before),
        "^".repeat(underline)
    );
    out
}

/// Renders every diagnostic of a document, in source order.
pub fn render_all(ds: &[Diagnostic], src: &str, file: &str) -> String {
    ds.iter()
        .map(|d| render(d, src, file))
        .collect::<Vec<_>>()
        .join("\n")
}

fn width(c: char) -> usize {
    let u = c as u32;
    let wide = (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
        || (0x20000..=0x3FFFD).contains(&u);
    if wide {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn a_long_line_is_shown_around_the_column() {
        let src = format!("{}（四）加强管理。{}", "甲".repeat(500), "乙".repeat(500));
        let offset = "甲".len() * 500;
        let d = Diagnostic {
            code: "numbering-continues".into(),
            severity: Severity::Note,
            message: "m".into(),
            span: Span {
                offset,
                len: "（四）".len(),
                line: 1,
                column: 501,
            },
        };
        let out = render(&d, &src, "f.txt");
        let shown = out.lines().nth(3).expect("the source line");
        assert!(
            shown.starts_with("1 | …甲") && shown.ends_with("乙…"),
            "{shown}"
        );
        assert!(shown.chars().count() < 120);
        // the caret stands under the span: as many columns before it as the text shown
        let caret = out.lines().nth(4).expect("the caret line");
        let at = shown.find("（四）").expect("shown");
        let columns = |s: &str| s.chars().map(width).sum::<usize>();
        assert_eq!(
            columns(&caret[..caret.find('^').expect("caret")]),
            columns(&shown[..at])
        );
    }
}
