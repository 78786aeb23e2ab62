//! Diagnostics rendered rustc-style: code, message, file and position, source line and caret.

use crate::model::{Diagnostic, Severity};
use std::fmt::Write;

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
    let _ = writeln!(out, "{line_no} | {text}");
    // the caret under the span, in display columns (CJK characters are two columns wide)
    let col = d.span.column.saturating_sub(1) as usize;
    let before: usize = text.chars().take(col).map(width).sum();
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
