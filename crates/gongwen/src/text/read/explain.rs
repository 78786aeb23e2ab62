//! The reader's decisions that could have gone either way, each with where and why, for
//! `gongwen check --explain` and [`crate::text::read::explain`]: a user auditing a reading sees
//! every paragraph taken as a measure, every numbered run kept as text, every fragment rejoined.
//!
//! The log costs nothing when nobody asks: the reader builds a decision's message only when the
//! log is on.

use crate::model::{Diagnostic, Severity, Span};

/// One decision of the reader, with its position and its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Where the decided text starts (line and column always set).
    pub span: Span,
    /// What kind of decision: `rejoined`, `furniture`, `wrap`, `title`, `document-start`,
    /// `document-end`, `measure`, `measure-series-rejected`, `lead-in`, `run-kept-as-text`,
    /// `heading-dropped`, `guarantees`, `notes`, `attachment`, `closing`, `encoding`.
    pub code: &'static str,
    /// What was decided and the evidence for it, in a sentence.
    pub message: String,
}

/// The reader's log of decisions; off unless asked for.
#[derive(Debug, Default)]
pub(crate) struct Log {
    on: bool,
    items: Vec<Decision>,
}

impl Log {
    pub(crate) fn new(on: bool) -> Log {
        Log {
            on,
            items: Vec::new(),
        }
    }

    /// A diagnostic the document keeps, recorded as a decision too (its message built anyway).
    pub(crate) fn diagnostic(
        &mut self,
        span: Span,
        code: &'static str,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        self.note(span, code, || message.clone());
        Diagnostic {
            code: code.to_string(),
            severity,
            message,
            span,
        }
    }

    /// Records a decision, built only when the log is on.
    pub(crate) fn note(
        &mut self,
        span: Span,
        code: &'static str,
        message: impl FnOnce() -> String,
    ) {
        if self.on {
            self.items.push(Decision {
                span,
                code,
                message: message(),
            });
        }
    }

    pub(crate) fn is_on(&self) -> bool {
        self.on
    }

    /// The decisions in the order of the text.
    pub(crate) fn into_sorted(mut self) -> Vec<Decision> {
        self.items
            .sort_by_key(|d| (d.span.line, d.span.column, d.span.offset));
        self.items
    }
}
