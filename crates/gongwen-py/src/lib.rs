//! `gongwen._gongwen`, the compiled half of the `gongwen` Python package.
//!
//! This is the only crate of the workspace that knows pyo3 (ARCHITECTURE.md). It wraps the core
//! in frozen classes that share one `Arc<gongwen::Document>` per parsed document, takes every
//! input out of Python (immutable buffers borrowed, a `bytearray` copied), releases the GIL around parsing and serialising, maps the core's
//! errors to one exception hierarchy (`errors.rs`) and never lets a panic reach Python.

/// mimalloc for everything the extension allocates in Rust, as pydantic-core and polars do: a
/// heap of its own, apart from the interpreter's (whose glibc heap, fragmented by the
/// interpreter, made `parse().to_akn()` a quarter slower than the same calls in a Rust program),
/// and faster for a document's many small strings. Python objects are still made by Python's
/// allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod convert;
mod document;
mod errors;
mod tables;
mod values;

use convert::Input;
use document::{read, read_detached, InputFormat, PyAttachment, PyDocument, PyMetadata, PyNode};
use errors::{guard, Failure};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Reads a document from plain text (a page as published, PDF or web text, or canonical text).
/// Bytes are decoded: UTF-8 (with or without a BOM), UTF-16 by its BOM, else the encoding is
/// detected (GBK/GB18030 for Chinese government files) unless `encoding` names one (`"gbk"`,
/// `"gb18030"`, `"utf-16le"`…). Damaged UTF-8 raises `ParseError` with the position of the first
/// bad byte; a binary file raises `ParseError` too.
#[pyfunction]
#[pyo3(signature = (text, encoding=None))]
fn parse(py: Python<'_>, text: Input, encoding: Option<&str>) -> PyResult<PyDocument> {
    read_detached(py, &text, Some(InputFormat::Text), encoding)
}

/// Reads a document from a string or bytes in `format` (`"text"`, `"json"`, `"xml"` or `"akn"`),
/// or in the format detected from the content when `format` is None (an HTML page by its
/// doctype or first element, JSON starts with `{`, XML with `<`, Akoma Ntoso has the root
/// `akomaNtoso`; text and HTML may be in another encoding, detected unless `encoding` names
/// it). `format` is one of `text`, `json`, `xml`, `akn`, `html`.
#[pyfunction]
#[pyo3(signature = (data, format=None, encoding=None))]
fn loads(
    py: Python<'_>,
    data: Input,
    format: Option<&str>,
    encoding: Option<&str>,
) -> PyResult<PyDocument> {
    let format = format.map(crate::document::input_format).transpose()?;
    read_detached(py, &data, format, encoding)
}

/// Reads a document from text or bytes and returns it with every decision of the reader that
/// could have gone either way (a paragraph taken as a measure, a numbered run kept as text, a
/// fragment rejoined), each a `Decision` with its span, code and evidence.
#[pyfunction]
#[pyo3(signature = (text, encoding=None))]
fn explain(
    py: Python<'_>,
    text: Input,
    encoding: Option<&str>,
) -> PyResult<(PyDocument, Vec<values::PyDecision>)> {
    let options = gongwen::text::Options {
        encoding: encoding.map(str::to_string),
    };
    let bytes: &[u8] = match &text {
        Input::Text(s) => s.as_bytes(),
        Input::Bytes(b) => b,
    };
    let (doc, decisions) = document::detached(py, || {
        Ok::<_, Failure>(gongwen::text::explain(bytes, &options)?)
    })?;
    Ok((
        PyDocument::new(doc),
        decisions
            .into_iter()
            .map(values::PyDecision::from_core)
            .collect(),
    ))
}

/// Parses many texts in parallel without the GIL; the result is in the order of the input.
///
/// `threads` sets the number of threads; by default one per core, and none beyond the calling
/// thread when the texts are too short together to be worth starting one ([`SERIAL_BELOW`]). If
/// a text cannot be read, the error of the first such text is raised as `parse` would raise it,
/// with `texts[i]: ` before the message and `.index == i`.
#[pyfunction]
#[pyo3(signature = (texts, threads=None))]
fn parse_many(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    threads: Option<usize>,
) -> PyResult<Vec<PyDocument>> {
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    // every input out of Python first (no copy of a str or bytes)
    let mut inputs: Vec<Input> = Vec::new();
    for (i, item) in texts.try_iter()?.enumerate() {
        let item = item?;
        match item.extract::<Input>() {
            Ok(input) => inputs.push(input),
            Err(e) if e.is_instance_of::<PyTypeError>(py) => {
                return Err(PyTypeError::new_err(format!("texts[{i}]: {}", e.value(py))));
            }
            // a str that UTF-8 cannot encode: a ParseError like parse's, with the index
            Err(e) => return Err(with_index(py, e, i)),
        }
    }
    let threads = threads.unwrap_or_else(|| {
        let total: usize = inputs.iter().map(Input::len).sum();
        if total < SERIAL_BELOW {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        }
    });
    let results = py.detach(|| parse_parallel(&inputs, threads));
    let mut docs = Vec::with_capacity(results.len());
    for (i, r) in results.into_iter().enumerate() {
        match r {
            Ok(doc) => docs.push(PyDocument::new(doc)),
            Err(f) => return Err(f.at_index(i)),
        }
    }
    Ok(docs)
}

/// Below this many bytes of input in all, `parse_many` parses on the calling thread: starting a
/// thread and getting it onto a core takes about as long as parsing 50 KB.
const SERIAL_BELOW: usize = 128 * 1024;

/// Parses `inputs` on `threads` threads started for this call, which take one text at a time,
/// the longest first (so that they finish together), and gives the results in input order.
///
/// Threads of its own rather than a pool kept between calls (rayon's global pool, which this
/// used before): there, a sleeping worker is woken by the busy worker that found work for it,
/// and on this project's 2-vCPU machine it started its first text 2–4 ms late, or not at all
/// in a 10 ms batch (queued behind the busy thread, it seems, until the scheduler moved it);
/// threads started for the call began within 0.3 ms of each other. The calling thread only
/// waits: a thread it starts and then races on its own core started late the same way. A
/// thread that cannot be started leaves its share to the others, or to the calling thread when
/// none could be started.
fn parse_parallel(inputs: &[Input], threads: usize) -> Vec<Result<gongwen::Document, Failure>> {
    let parse_one = |i: usize| guard(|| read(&inputs[i], Some(InputFormat::Text), None));
    let threads = threads.min(inputs.len());
    if threads <= 1 {
        return (0..inputs.len()).map(parse_one).collect();
    }
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(inputs[i].len()));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((i, parse_one(i)));
        }
        done
    };
    let mut results: Vec<Option<Result<gongwen::Document, Failure>>> =
        std::iter::repeat_with(|| None).take(inputs.len()).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut done = Vec::new();
        if workers.is_empty() {
            done.push(work());
        }
        // `work` catches the core's panics, so a worker ends by returning
        done.extend(workers.into_iter().filter_map(|w| w.join().ok()));
        for (i, r) in done.into_iter().flatten() {
            results[i] = Some(r);
        }
    });
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Failure::Panic("a parsing thread ended early".into()))))
        .collect()
}

/// An error raised while copying `texts[i]` out of Python, with the index in message and `.index`.
fn with_index(py: Python<'_>, e: PyErr, i: usize) -> PyErr {
    let value = e.value(py);
    let message = format!("texts[{i}]: {value}");
    let _ = value.setattr("args", (message,));
    let _ = value.setattr("index", i);
    e
}

#[pymodule]
#[pyo3(name = "_gongwen")]
fn gongwen_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // the largest input the text reader accepts, in bytes of UTF-8
    m.add("MAX_INPUT_BYTES", gongwen::text::read::MAX_INPUT_BYTES)?;
    errors::register(m)?;
    m.add_class::<PyDocument>()?;
    m.add_class::<PyMetadata>()?;
    m.add_class::<PyNode>()?;
    m.add_class::<PyAttachment>()?;
    m.add_class::<values::PySpan>()?;
    m.add_class::<values::PyParagraph>()?;
    m.add_class::<values::PyTable>()?;
    m.add_class::<values::PyCell>()?;
    m.add_class::<values::PyClosingLine>()?;
    m.add_class::<values::PyResidue>()?;
    m.add_class::<values::PyDiagnostic>()?;
    m.add_class::<values::PyField>()?;
    m.add_class::<values::PyDocNumber>()?;
    m.add_class::<values::PyAdoption>()?;
    m.add_class::<values::PyPublication>()?;
    m.add_class::<values::PyLawMeta>()?;
    m.add_class::<values::PyLawEvent>()?;
    m.add_class::<values::PyNotes>()?;
    m.add_class::<values::PyDecision>()?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(loads, m)?)?;
    m.add_function(wrap_pyfunction!(parse_many, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(tables::read_corpus, m)?)?;
    m.add_function(wrap_pyfunction!(tables::tables, m)?)?;
    m.add_function(wrap_pyfunction!(document::rebuild, m)?)?;
    Ok(())
}
