//! The exceptions of the Python package, the one conversion from core errors to them, and the
//! guard that keeps a panic of the core from reaching Python.
//!
//! Hierarchy (every class lives in `gongwen._gongwen` and is re-exported by `gongwen`):
//!
//! ```text
//! ValueError
//! └── GongwenError        .line .column .offset .path .index (None when not known)
//!     ├── ParseError      the input cannot be read: not UTF-8, empty, beyond a limit, not well-formed JSON
//!     ├── SchemaError     well-formed JSON (or a dict) that does not fit the model
//!     └── XmlError        gongwen XML or Akoma Ntoso that is not well-formed or does not fit the
//!                         model, or a document that XML 1.0 cannot hold (a control character)
//! ```
//!
//! `PanicException` derives from `BaseException`, so `except Exception` would miss it: every call
//! into the core goes through [`guard`], which turns a panic into a `GongwenError`.

use gongwen::Format;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

create_exception!(
    gongwen._gongwen,
    GongwenError,
    PyValueError,
    "Base class of the errors gongwen raises about its input; `.line`, `.column` (characters, \
     1-based), `.offset` (bytes of UTF-8) say where, when the error comes from a position."
);
create_exception!(
    gongwen._gongwen,
    ParseError,
    GongwenError,
    "The input cannot be read: it is not UTF-8, it is empty, it exceeds a limit, or it is not \
     well-formed JSON."
);
create_exception!(
    gongwen._gongwen,
    SchemaError,
    GongwenError,
    "The input is well-formed JSON (or a dict) but does not fit the gongwen model; `.path` names \
     the field."
);

create_exception!(
    gongwen._gongwen,
    XmlError,
    GongwenError,
    "gongwen XML or Akoma Ntoso that is not well-formed or does not fit the model (`.path` names \
     the element then), or a document that XML 1.0 cannot hold (a control character)."
);

/// The attributes every `GongwenError` has; `None` on the class, set on instances that know them.
pub const ATTRIBUTES: [&str; 5] = ["line", "column", "offset", "path", "index"];

/// Why a call into the core failed.
#[derive(Debug)]
pub enum Failure {
    /// The core said no, with its reason and position.
    Core(gongwen::Error),
    /// A `dict` given to `from_dict` does not fit the model (no text, so no position).
    Dict { message: String, path: String },
    /// The core panicked: a bug, reported as an error instead of tearing through Python.
    Panic(String),
}

impl From<gongwen::Error> for Failure {
    fn from(e: gongwen::Error) -> Failure {
        Failure::Core(e)
    }
}

/// Where an error is, for the exception's attributes.
#[derive(Debug, Default)]
struct Where {
    line: Option<usize>,
    column: Option<usize>,
    offset: Option<usize>,
    path: Option<String>,
}

/// The one conversion from what went wrong in the core to a Python exception. (`PyErr` and
/// `gongwen::Error` are both foreign here, so the conversion goes through [`Failure`], as
/// polars' does through `PyPolarsErr`.)
impl From<Failure> for PyErr {
    fn from(f: Failure) -> PyErr {
        f.into_pyerr(None)
    }
}

impl Failure {
    /// The same failure, as the failure of `texts[index]` of a batch: the message says which
    /// text, and `.index` holds it.
    pub fn at_index(self, index: usize) -> PyErr {
        self.into_pyerr(Some(index))
    }

    fn into_pyerr(self, index: Option<usize>) -> PyErr {
        use gongwen::Error as E;
        let (class, message, at) = match self {
            Failure::Core(e) => {
                let message = e.to_string();
                let mut at = Where::default();
                // line 0: a position the core could not give (no source span)
                if let Some(p) = e.position().filter(|p| p.line > 0) {
                    at.line = Some(p.line);
                    at.column = Some(p.column);
                    at.offset = Some(p.offset);
                }
                let xml = |f: &gongwen::Format| matches!(f, Format::Xml | Format::Akn);
                if let E::Shape { path, .. } = &e {
                    if !path.is_empty() {
                        at.path = Some(path.clone());
                    }
                }
                let class = match &e {
                    E::Syntax { format, .. } | E::Shape { format, .. } if xml(format) => Class::Xml,
                    E::Shape { .. } => Class::Schema,
                    _ => Class::Parse,
                };
                (class, message, at)
            }
            Failure::Dict { message, path } => {
                let message = if path.is_empty() || path == "." {
                    format!("dict does not fit the model: {message}")
                } else {
                    format!("dict does not fit the model (at `{path}`): {message}")
                };
                let at = Where {
                    path: Some(path),
                    ..Where::default()
                };
                (Class::Schema, message, at)
            }
            Failure::Panic(why) => (
                Class::Base,
                format!("internal error in gongwen (please report it): {why}"),
                Where::default(),
            ),
        };
        let message = match index {
            Some(i) => format!("texts[{i}]: {message}"),
            None => message,
        };
        Python::attach(|py| {
            let err = match class {
                Class::Base => GongwenError::new_err(message),
                Class::Parse => ParseError::new_err(message),
                Class::Schema => SchemaError::new_err(message),
                Class::Xml => XmlError::new_err(message),
            };
            let value = err.value(py);
            let set = |name: &str, v: Option<usize>| {
                if let Some(v) = v {
                    let _ = value.setattr(name, v);
                }
            };
            set("line", at.line);
            set("column", at.column);
            set("offset", at.offset);
            set("index", index);
            if let Some(path) = at.path {
                let _ = value.setattr("path", path);
            }
            err
        })
    }
}

enum Class {
    Base,
    Parse,
    Schema,
    Xml,
}

/// Runs `f`, a call into the core, turning a panic into [`Failure::Panic`].
pub fn guard<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Err(Failure::Panic(why))
        }
    }
}

/// [`guard`] for a core call that cannot fail but might panic.
pub fn guard_ok<T>(f: impl FnOnce() -> T) -> Result<T, Failure> {
    guard(|| Ok(f()))
}

/// Registers the exceptions and gives every `GongwenError` its attributes (`None` by default).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = py.get_type::<GongwenError>();
    for name in ATTRIBUTES {
        base.setattr(name, py.None())?;
    }
    m.add("GongwenError", base)?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add("SchemaError", py.get_type::<SchemaError>())?;
    m.add("XmlError", py.get_type::<XmlError>())?;
    Ok(())
}
