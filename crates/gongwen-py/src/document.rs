//! The document and its views: `Document`, `Metadata`, `Attachment`, `Node`.
//!
//! A parsed document lives once, in an `Arc<gongwen::Document>`. Every view holds that `Arc`
//! and a path to what it shows (through attachments, then through the body), so navigating never
//! copies the tree; values are converted to Python objects only when an attribute is read.

use crate::convert::{date_to_py, py_repr_str, py_to_value, short, value_to_py, Input};
use crate::errors::{guard, guard_ok, Failure};
use crate::values::{
    span_or_none, PyAdoption, PyClosingLine, PyDiagnostic, PyDocNumber, PyField, PyNotes,
    PyParagraph, PyPublication, PyResidue, PySpan,
};
use gongwen::{Document, Metadata, Node, NodeKind};
use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDict, PyIterator, PyList, PyTuple, PyType};
use std::sync::Arc;

/// A document inside a parsed tree: the root and the path of attachment indices down to it.
#[derive(Debug, Clone)]
pub struct DocRef {
    root: Arc<Document>,
    attachments: Vec<usize>,
}

impl DocRef {
    pub fn new(doc: Document) -> DocRef {
        DocRef {
            root: Arc::new(doc),
            attachments: Vec::new(),
        }
    }

    /// The document. Paths are checked when a view is made, so they always resolve.
    pub fn get(&self) -> &Document {
        let mut d = &*self.root;
        for &i in &self.attachments {
            d = &d.attachments[i].content;
        }
        d
    }

    /// The document of attachment `i` (checked by the caller).
    fn attachment(&self, i: usize) -> DocRef {
        let mut attachments = self.attachments.clone();
        attachments.push(i);
        DocRef {
            root: Arc::clone(&self.root),
            attachments,
        }
    }

    /// The node at `path` in the body, if there is one.
    fn node(&self, path: &[usize]) -> Option<&Node> {
        let (first, rest) = path.split_first()?;
        let mut n = self.get().body.get(*first)?;
        for &i in rest {
            n = n.children.get(i)?;
        }
        Some(n)
    }
}

/// Runs a call into the core without the GIL, turning a panic into an error.
pub fn detached<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> Result<T, Failure> + Send,
) -> PyResult<T> {
    py.detach(|| guard(f)).map_err(PyErr::from)
}

/// The `encoding` argument of `to_xml` / `to_akn`: `true` for a `str` (`"unicode"`), `false`
/// for UTF-8 bytes (`"utf-8"`, any case, with or without the hyphen).
fn xml_encoding(encoding: &str) -> PyResult<bool> {
    match encoding.to_ascii_lowercase().as_str() {
        "unicode" => Ok(true),
        "utf-8" | "utf8" => Ok(false),
        _ => Err(PyValueError::new_err(format!(
            "encoding must be \"utf-8\" (bytes, the default) or \"unicode\" (str), not {encoding:?}"
        ))),
    }
}

/// An XML document as Python `bytes` (one copy of the UTF-8) or `str` (decoded).
fn xml_out<'py>(py: Python<'py>, xml: &str, as_str: bool) -> Bound<'py, PyAny> {
    if as_str {
        pyo3::types::PyString::new(py, xml).into_any()
    } else {
        pyo3::types::PyBytes::new(py, xml.as_bytes()).into_any()
    }
}

/// The input formats a document can be read from: the core's.
pub use gongwen::Format as InputFormat;

/// A format by its name (`text`, `json`, `xml`, `akn`, `html`).
pub fn input_format(name: &str) -> PyResult<InputFormat> {
    name.parse().map_err(PyValueError::new_err)
}

/// Reads `input` in `format`, or in the format detected from its content. Bytes that are not
/// UTF-8 (or any bytes, when `encoding` names one) are text in another encoding.
pub fn read(
    input: &Input,
    format: Option<InputFormat>,
    encoding: Option<&str>,
) -> Result<Document, Failure> {
    let options = gongwen::text::Options {
        encoding: encoding.map(str::to_string),
    };
    Ok(match input {
        Input::Bytes(b) => gongwen::read_with(b, format, &options)?,
        Input::Text(s) => gongwen::read_with(s.as_bytes(), format, &options)?,
    })
}

/// Reads one input without the GIL.
pub fn read_detached(
    py: Python<'_>,
    input: &Input,
    format: Option<InputFormat>,
    encoding: Option<&str>,
) -> PyResult<PyDocument> {
    let doc = detached(py, || read(input, format, encoding))?;
    Ok(PyDocument::new(doc))
}

/// The `_rebuild` function of this module, which unpickles views.
fn rebuild_fn(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    py.import("gongwen._gongwen")?.getattr("_rebuild")
}

fn tuple_of(py: Python<'_>, path: &[usize]) -> PyResult<Py<PyTuple>> {
    Ok(PyTuple::new(py, path)?.unbind())
}

/// A Chinese official document (公文): metadata, preamble, body, closing block, attachments,
/// residue and diagnostics. Immutable; build one with `gongwen.parse`, `gongwen.load` or the
/// `from_*` class methods.
#[pyclass(frozen, module = "gongwen._gongwen", name = "Document")]
#[derive(Debug)]
pub struct PyDocument {
    d: DocRef,
}

impl PyDocument {
    pub fn new(doc: Document) -> PyDocument {
        PyDocument {
            d: DocRef::new(doc),
        }
    }

    /// The document this object shows (an attachment's document included).
    pub fn document(&self) -> &Document {
        self.d.get()
    }

    fn nodes(&self, path: &[usize], nodes: &[Node]) -> Vec<PyNode> {
        nodes
            .iter()
            .enumerate()
            .map(|(i, _)| {
                let mut p = path.to_vec();
                p.push(i);
                PyNode {
                    d: self.d.clone(),
                    path: p,
                }
            })
            .collect()
    }
}

#[pymethods]
impl PyDocument {
    /// Reads a document from plain text (a page as published, or canonical text). Bytes must
    /// be UTF-8.
    #[classmethod]
    fn from_text(_cls: &Bound<'_, PyType>, py: Python<'_>, text: Input) -> PyResult<PyDocument> {
        read_detached(py, &text, Some(InputFormat::Text), None)
    }

    /// Reads a document from its JSON form (`to_json`); JSON that is not well-formed raises
    /// `ParseError`, JSON that does not fit the model raises `SchemaError`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, py: Python<'_>, json: Input) -> PyResult<PyDocument> {
        read_detached(py, &json, Some(InputFormat::Json), None)
    }

    /// Reads a document from gongwen XML (`to_xml`, `schemas/gongwen.xsd`); XML that is not
    /// well-formed or does not fit the model raises `XmlError`.
    #[classmethod]
    fn from_xml(_cls: &Bound<'_, PyType>, py: Python<'_>, xml: Input) -> PyResult<PyDocument> {
        read_detached(py, &xml, Some(InputFormat::Xml), None)
    }

    /// Reads a document from Akoma Ntoso 3.0 (`to_akn`); AKN that is not well-formed or does
    /// not fit the model raises `XmlError`.
    #[classmethod]
    fn from_akn(_cls: &Bound<'_, PyType>, py: Python<'_>, akn: Input) -> PyResult<PyDocument> {
        read_detached(py, &akn, Some(InputFormat::Akn), None)
    }

    /// Reads a document from the plain Python objects `to_dict` returns (`datetime.date` is
    /// accepted for dates). Raises `SchemaError`, with `.path`, when they do not fit the model.
    #[classmethod]
    fn from_dict(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
    ) -> PyResult<PyDocument> {
        if !data.is_instance_of::<PyDict>() {
            return Err(PyTypeError::new_err(format!(
                "expected a dict, not {}",
                data.get_type().name()?
            )));
        }
        let value = py_to_value(data)?;
        let doc = detached(py, move || {
            serde_path_to_error::deserialize::<_, Document>(value).map_err(|e| Failure::Dict {
                path: e.path().to_string(),
                message: e.into_inner().to_string(),
            })
        })?;
        Ok(PyDocument::new(doc))
    }

    /// The document as canonical plain text (GB/T 9704 order); reading it back gives the same
    /// document, residue and source positions aside.
    fn to_text(&self, py: Python<'_>) -> PyResult<String> {
        let doc = self.d.get();
        detached(py, || guard_ok(|| gongwen::text::write(doc)))
    }

    /// The document as JSON (lossless; valid against the published JSON Schema), compact by
    /// default or indented by `indent` spaces.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, py: Python<'_>, indent: Option<usize>) -> PyResult<String> {
        let doc = self.d.get();
        detached(py, || {
            guard_ok(|| match indent {
                None => gongwen::json::to_string(doc),
                Some(2) => gongwen::json::to_string_pretty(doc),
                Some(n) => {
                    use serde::Serialize;
                    let pad = " ".repeat(n);
                    let mut out = Vec::new();
                    let fmt = serde_json::ser::PrettyFormatter::with_indent(pad.as_bytes());
                    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
                    match doc.serialize(&mut ser) {
                        Ok(()) => String::from_utf8(out).unwrap_or_default(),
                        Err(_) => gongwen::json::to_string_pretty(doc),
                    }
                }
            })
        })
    }

    /// The document as gongwen XML (lossless; valid against `schemas/gongwen.xsd`): UTF-8
    /// `bytes` as the XML declaration says, or a `str` with `encoding="unicode"` (as
    /// `xml.etree.ElementTree.tostring` does). Raises `XmlError` when a string holds a
    /// character XML 1.0 cannot hold (a control character).
    #[pyo3(signature = (encoding="utf-8"))]
    fn to_xml<'py>(&self, py: Python<'py>, encoding: &str) -> PyResult<Bound<'py, PyAny>> {
        let as_str = xml_encoding(encoding)?;
        let doc = self.d.get();
        let xml = detached(py, || Ok(gongwen::xml::to_string(doc)?))?;
        Ok(xml_out(py, &xml, as_str))
    }

    /// The document as Akoma Ntoso 3.0 (valid against the OASIS schema; what AKN has no place
    /// for is kept in `meta/proprietary`, so reading it back gives the same document): UTF-8
    /// `bytes` as the XML declaration says, or a `str` with `encoding="unicode"`. Raises
    /// `XmlError` when a string holds a character XML 1.0 cannot hold.
    #[pyo3(signature = (encoding="utf-8"))]
    fn to_akn<'py>(&self, py: Python<'py>, encoding: &str) -> PyResult<Bound<'py, PyAny>> {
        let as_str = xml_encoding(encoding)?;
        let doc = self.d.get();
        let akn = detached(py, || Ok(gongwen::akn::to_string(doc)?))?;
        Ok(xml_out(py, &akn, as_str))
    }

    /// The document as plain Python objects: the JSON form as dicts, lists, str, int and bool
    /// (dates as `YYYY-MM-DD` strings). `Document.from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let doc = self.d.get();
        let value = detached(py, || {
            guard_ok(|| serde_json::to_value(doc).unwrap_or_default())
        })?;
        value_to_py(py, &value)
    }

    /// The outline: one line per structural node (`part 1 heading`, indented by depth).
    fn outline(&self, py: Python<'_>) -> PyResult<String> {
        let doc = self.d.get();
        detached(py, || guard_ok(|| gongwen::outline::outline(doc)))
    }

    /// The document without what depends on the layout of the source or the page around it
    /// (residue, spans, the layout of title lines…): two readings of the same document in
    /// different layouts, such as a page and the canonical text, compare equal after this.
    fn without_page(&self, py: Python<'_>) -> PyResult<PyDocument> {
        let doc = self.d.get();
        let bare = detached(py, || guard_ok(|| doc.without_page()))?;
        Ok(PyDocument::new(bare))
    }

    /// Title, genre, issuers, number, dates, adoption, publication, metadata-box fields.
    #[getter]
    fn meta(&self) -> PyMetadata {
        PyMetadata { d: self.d.clone() }
    }

    /// Paragraphs between the head (title, number, addressee) and the first numbered part.
    #[getter]
    fn preamble(&self) -> Vec<PyParagraph> {
        self.d
            .get()
            .preamble
            .iter()
            .map(|p| PyParagraph(p.clone()))
            .collect()
    }

    /// The top-level nodes of the body (usually parts).
    #[getter]
    fn body(&self) -> Vec<PyNode> {
        self.nodes(&[], &self.d.get().body)
    }

    /// The top-level nodes of kind `part` (一、二、…).
    #[getter]
    fn parts(&self) -> Vec<PyNode> {
        self.body()
            .into_iter()
            .filter(|n| n.get().kind == NodeKind::Part)
            .collect()
    }

    /// A law's chapters (章), wherever they stand (under books too), in document order.
    #[getter]
    fn chapters(&self) -> PyResult<Vec<PyNode>> {
        self.every(NodeKind::Chapter)
    }

    /// A law's articles (条), wherever they stand (under chapters and divisions), in document
    /// order: `doc.articles[56]` is 第五十七条 of a law without inserted articles.
    #[getter]
    fn articles(&self) -> PyResult<Vec<PyNode>> {
        self.every(NodeKind::Article)
    }

    /// The parts or sections that hold the document's guarantees (保障, 组织实施…), including
    /// those of the documents it issues or forwards.
    #[getter]
    fn guarantees(&self) -> PyResult<Vec<PyNode>> {
        let doc = self.d.get();
        let wanted: Vec<&Node> = guard_ok(|| doc.guarantees())?;
        let mut found: Vec<(usize, PyNode)> = Vec::new();
        fn search(d: &DocRef, wanted: &[&Node], found: &mut Vec<(usize, PyNode)>) {
            for (path, node) in d.get().walk() {
                if let Some(k) = wanted.iter().position(|w| std::ptr::eq(*w, node)) {
                    found.push((k, PyNode { d: d.clone(), path }));
                }
            }
            for i in 0..d.get().attachments.len() {
                search(&d.attachment(i), wanted, found);
            }
        }
        guard_ok(|| search(&self.d, &wanted, &mut found))?;
        found.sort_by_key(|(k, _)| *k);
        Ok(found.into_iter().map(|(_, n)| n).collect())
    }

    /// Signatures, the date of signing, notes (附注) and the attachment list, verbatim.
    /// Notes after the body (名词解释, 注释), not structure; None when there are none.
    #[getter]
    fn notes(&self) -> Option<PyNotes> {
        self.d.get().notes.clone().map(PyNotes)
    }

    #[getter]
    fn closing(&self) -> Vec<PyClosingLine> {
        self.d
            .get()
            .closing
            .iter()
            .map(|c| PyClosingLine(c.clone()))
            .collect()
    }

    /// Attachments (附件) and documents this one issues or forwards, each a document of its own.
    #[getter]
    fn attachments(&self) -> Vec<PyAttachment> {
        (0..self.d.get().attachments.len())
            .map(|index| PyAttachment {
                d: self.d.clone(),
                index,
            })
            .collect()
    }

    /// Text around the document that is not part of it (page chrome, metadata box, news lead),
    /// verbatim with its position.
    #[getter]
    fn residue(&self) -> Vec<PyResidue> {
        self.d
            .get()
            .residue
            .iter()
            .map(|r| PyResidue(r.clone()))
            .collect()
    }

    /// What the reader noticed: numbering gaps, repeats, levels out of order.
    #[getter]
    fn diagnostics(&self) -> Vec<PyDiagnostic> {
        self.d
            .get()
            .diagnostics
            .iter()
            .map(|d| PyDiagnostic(d.clone()))
            .collect()
    }

    /// True when a diagnostic is an error.
    #[getter]
    fn has_errors(&self) -> bool {
        self.d.get().has_errors()
    }

    /// Every node of the body in document order, as `(path, node)` with the path of indices
    /// from the top (`doc.node(path)` finds the node again).
    fn walk<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        walk_list(py, &self.d, &[])
    }

    /// The node at `path` (a sequence of indices, as `walk` yields); `IndexError` if there is
    /// none.
    fn node(&self, path: Vec<usize>) -> PyResult<PyNode> {
        if self.d.node(&path).is_none() {
            return Err(PyIndexError::new_err(format!("no node at path {path:?}")));
        }
        Ok(PyNode {
            d: self.d.clone(),
            path,
        })
    }

    fn __eq__(&self, other: &Bound<'_, PyDocument>) -> bool {
        let other = other.get();
        // the same view of the same tree is equal without comparing the trees
        (Arc::ptr_eq(&self.d.root, &other.d.root) && self.d.attachments == other.d.attachments)
            || self.d.get() == other.d.get()
    }

    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = py.get_type::<PyDocument>().getattr("from_json")?;
        Ok((from_json, (self.to_json(py, None)?,)))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let doc = self.d.get();
        let title = doc
            .meta
            .title
            .as_deref()
            .map_or("None".to_string(), |t| py_repr_str(py, &short(t, 16)));
        let parts = doc.body.iter().filter(|n| n.kind == NodeKind::Part).count();
        let mut s = format!("<Document {} {title} parts={parts}", doc.meta.kind.as_str());
        if !doc.attachments.is_empty() {
            s.push_str(&format!(" attachments={}", doc.attachments.len()));
        }
        if !doc.diagnostics.is_empty() {
            s.push_str(&format!(" diagnostics={}", doc.diagnostics.len()));
        }
        s.push('>');
        s
    }
}

/// `(path, node)` for every node under `under` (the whole body for `[]`), as an iterator.
impl PyDocument {
    /// Every node of `kind` in the body, in document order.
    fn every(&self, kind: NodeKind) -> PyResult<Vec<PyNode>> {
        Ok(guard_ok(|| self.d.get().walk())?
            .into_iter()
            .filter(|(_, n)| n.kind == kind)
            .map(|(path, _)| PyNode {
                d: self.d.clone(),
                path,
            })
            .collect())
    }
}

fn walk_list<'py>(
    py: Python<'py>,
    d: &DocRef,
    under: &[usize],
) -> PyResult<Bound<'py, PyIterator>> {
    let list = PyList::empty(py);
    for (path, _) in guard_ok(|| d.get().walk())? {
        if path.len() > under.len() && path.starts_with(under) {
            let tuple = tuple_of(py, &path)?;
            let node = Py::new(py, PyNode { d: d.clone(), path })?;
            list.append((tuple, node))?;
        }
    }
    list.try_iter()
}

/// The metadata of a document: values normalised, dates as `datetime.date`.
#[pyclass(frozen, module = "gongwen._gongwen", name = "Metadata")]
#[derive(Debug)]
pub struct PyMetadata {
    d: DocRef,
}

impl PyMetadata {
    fn get(&self) -> &Metadata {
        &self.d.get().meta
    }
}

#[pymethods]
impl PyMetadata {
    /// The genre (文种) from the title: `decision`, `opinion`, `plan`, `notice`, `reply`,
    /// `report`, `resolution`, `regulation` or `other`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.get().kind.as_str()
    }

    /// The document's own title, the lines of a split title joined.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.get().title.as_deref()
    }

    /// The title lines as printed, when they are not just the title (split over several lines,
    /// letter-spaced, marked up).
    #[getter]
    fn title_lines(&self) -> Vec<String> {
        self.get().title_lines.clone()
    }

    /// Where the title was read from: `document` (a title line of its own), `lead` (a news lead
    /// that reports it) or `metadata-box` (the page's metadata box).
    #[getter]
    fn title_from(&self) -> &'static str {
        self.get().title_from.as_str()
    }

    /// Issuing bodies (发文机关).
    #[getter]
    fn issuers(&self) -> Vec<String> {
        self.get().issuers.clone()
    }

    /// The document number (发文字号).
    #[getter]
    fn number(&self) -> Option<PyDocNumber> {
        self.get().number.clone().map(PyDocNumber)
    }

    /// Head lines between the title and the addressee that are not a number (a report's 题注).
    #[getter]
    fn subtitle(&self) -> Vec<String> {
        self.get().subtitle.clone()
    }

    /// The adopting meeting and date of a decision or resolution.
    #[getter]
    fn adopted(&self) -> Option<PyAdoption> {
        self.get().adopted.clone().map(PyAdoption)
    }

    /// The addressees (主送机关) as written, with the closing colon.
    #[getter]
    fn addressee(&self) -> Option<&str> {
        self.get().addressee.as_deref()
    }

    /// The date of signing (成文日期).
    #[getter]
    fn signed<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDate>>> {
        self.get().signed.map(|d| date_to_py(py, d)).transpose()
    }

    /// How and where the document was published on the web.
    #[getter]
    fn publication(&self) -> Option<PyPublication> {
        self.get().publication.clone().map(PyPublication)
    }

    /// The key–value fields of a page's metadata box, in order.
    #[getter]
    fn fields(&self) -> Vec<PyField> {
        self.get().fields.iter().cloned().map(PyField).collect()
    }

    /// The metadata as plain Python objects (its part of `Document.to_dict()`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = guard_ok(|| serde_json::to_value(self.get()).unwrap_or_default())?;
        value_to_py(py, &value)
    }

    /// The character encoding the source was decoded from, when it was not UTF-8 (`GBK`,
    /// `gb18030`, `UTF-16LE`…).
    #[getter]
    fn encoding(&self) -> Option<&str> {
        self.get().encoding.as_deref()
    }

    /// A law's kind, history (题注) and effective date, for a document read as a law.
    #[getter]
    fn law(&self) -> Option<crate::values::PyLawMeta> {
        self.get().law.clone().map(crate::values::PyLawMeta)
    }

    fn __eq__(&self, other: &Bound<'_, PyMetadata>) -> bool {
        self.get() == other.get().get()
    }

    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let doc = Py::new(py, PyDocument { d: self.d.clone() })?;
        (rebuild_fn(py)?, ("meta", doc, PyTuple::empty(py))).into_pyobject(py)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let m = self.get();
        let title = m
            .title
            .as_deref()
            .map_or("None".to_string(), |t| py_repr_str(py, &short(t, 16)));
        let mut s = format!("<Metadata {} {title}", m.kind.as_str());
        if let Some(n) = &m.number {
            s.push_str(&format!(" number={}", py_repr_str(py, &n.normalized())));
        }
        if let Some(d) = m.signed {
            s.push_str(&format!(" signed={d}"));
        }
        s.push('>');
        s
    }
}

/// An attachment (附件), or a document issued or forwarded by a notice (no label).
#[pyclass(frozen, module = "gongwen._gongwen", name = "Attachment")]
#[derive(Debug)]
pub struct PyAttachment {
    d: DocRef,
    index: usize,
}

impl PyAttachment {
    fn get(&self) -> &gongwen::Attachment {
        &self.d.get().attachments[self.index]
    }
}

#[pymethods]
impl PyAttachment {
    /// The label line as written (`附件1`), `None` for a document a notice issues or forwards.
    #[getter]
    fn label(&self) -> Option<&str> {
        self.get().label.as_deref()
    }

    /// The attachment's number, if its label numbers it.
    #[getter]
    fn num(&self) -> Option<u32> {
        self.get().num
    }

    /// The attachment's content, a document of its own.
    #[getter]
    fn document(&self) -> PyDocument {
        PyDocument {
            d: self.d.attachment(self.index),
        }
    }

    /// The title of the attachment's document.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.get().content.meta.title.as_deref()
    }

    #[getter]
    fn span(&self) -> Option<PySpan> {
        span_or_none(self.get().span)
    }

    /// Its position among the attachments of its document.
    #[getter]
    fn index(&self) -> usize {
        self.index
    }

    fn __eq__(&self, other: &Bound<'_, PyAttachment>) -> bool {
        self.get() == other.get().get()
    }

    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let doc = Py::new(py, PyDocument { d: self.d.clone() })?;
        (
            rebuild_fn(py)?,
            ("attachment", doc, tuple_of(py, &[self.index])?),
        )
            .into_pyobject(py)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let a = self.get();
        let label = a
            .label
            .as_deref()
            .map_or("-".to_string(), |l| py_repr_str(py, l));
        let title = a
            .content
            .meta
            .title
            .as_deref()
            .map_or("None".to_string(), |t| py_repr_str(py, &short(t, 16)));
        format!("<Attachment {label} {title}>")
    }
}

/// A node of the body: a part (一、), section (（一）), item (1.), subitem (（1）) or measure (a
/// paragraph that opens with a run-in heading), with its number, heading, lead-in paragraphs
/// and children.
#[pyclass(frozen, module = "gongwen._gongwen", name = "Node")]
#[derive(Debug)]
pub struct PyNode {
    d: DocRef,
    path: Vec<usize>,
}

impl PyNode {
    fn get(&self) -> &Node {
        match self.d.node(&self.path) {
            Some(n) => n,
            // paths are checked when a node is made: `doc.node` and `_rebuild` refuse bad ones
            None => unreachable!("node path checked on construction"),
        }
    }

    fn children_of(&self, kind: Option<NodeKind>) -> Vec<PyNode> {
        self.get()
            .children
            .iter()
            .enumerate()
            .filter(|(_, c)| kind.is_none_or(|k| c.kind == k))
            .map(|(i, _)| {
                let mut path = self.path.clone();
                path.push(i);
                PyNode {
                    d: self.d.clone(),
                    path,
                }
            })
            .collect()
    }
}

#[pymethods]
impl PyNode {
    /// `part`, `section`, `item`, `subitem` or `measure`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.get().kind.as_str()
    }

    /// The number as an integer (`（三）` → 3), `None` for an unnumbered node.
    #[getter]
    fn num(&self) -> Option<u32> {
        self.get().number()
    }

    /// The number as written, with its brackets or trailing mark (`（三）`, `1．`).
    #[getter]
    fn num_text(&self) -> Option<&str> {
        self.get().num.as_ref().map(|n| n.text.as_str())
    }

    /// An inserted article's second number: 1 for `第一百二十条之一` (whose `num` is 120).
    #[getter]
    fn num_sub(&self) -> Option<u32> {
        self.get().num.as_ref().and_then(|n| n.sub)
    }

    /// The heading without its closing punctuation.
    #[getter]
    fn heading(&self) -> Option<&str> {
        self.get().heading_text()
    }

    /// The punctuation that closes the heading as written (`。`, `：`), if any.
    #[getter]
    fn heading_end(&self) -> Option<&str> {
        self.get().heading.as_ref().and_then(|h| h.end.as_deref())
    }

    /// True when the first paragraph continues on the heading's line (a run-in heading).
    #[getter]
    fn run_in(&self) -> bool {
        self.get().heading.as_ref().is_some_and(|h| h.run_in)
    }

    /// Paragraphs before the first child: the node's lead-in, or its whole text.
    #[getter]
    fn paragraphs(&self) -> Vec<PyParagraph> {
        self.get()
            .paragraphs
            .iter()
            .map(|p| PyParagraph(p.clone()))
            .collect()
    }

    /// The text of `paragraphs`, joined with newlines.
    #[getter]
    fn text(&self) -> String {
        let ps: Vec<&str> = self
            .get()
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        ps.join("\n")
    }

    /// Child nodes, in order.
    #[getter]
    fn children(&self) -> Vec<PyNode> {
        self.children_of(None)
    }

    /// Children of kind `part`.
    #[getter]
    fn parts(&self) -> Vec<PyNode> {
        self.children_of(Some(NodeKind::Part))
    }

    /// Children of kind `section`.
    #[getter]
    fn sections(&self) -> Vec<PyNode> {
        self.children_of(Some(NodeKind::Section))
    }

    /// Children of kind `item`.
    #[getter]
    fn items(&self) -> Vec<PyNode> {
        self.children_of(Some(NodeKind::Item))
    }

    /// Children of kind `subitem`.
    #[getter]
    fn subitems(&self) -> Vec<PyNode> {
        self.children_of(Some(NodeKind::Subitem))
    }

    /// Children of kind `measure`.
    #[getter]
    fn measures(&self) -> Vec<PyNode> {
        self.children_of(Some(NodeKind::Measure))
    }

    /// Children of kind `article` (a law's 条).
    #[getter]
    fn articles(&self) -> Vec<PyNode> {
        self.children_of(Some(NodeKind::Article))
    }

    /// Children of kind `point` (an article's 项).
    #[getter]
    fn points(&self) -> Vec<PyNode> {
        self.children_of(Some(NodeKind::Point))
    }

    /// For a point (项) of an article: the article's paragraph (款), counted from 1, that
    /// introduces it (`None` for every other node).
    #[getter]
    fn in_paragraph(&self) -> Option<u32> {
        self.get().in_paragraph
    }

    /// True for the part or section that holds the document's guarantees.
    #[getter]
    fn guarantees(&self) -> bool {
        self.get().guarantees
    }

    /// Where the node starts in the source (`None` when it was not read from text).
    #[getter]
    fn span(&self) -> Option<PySpan> {
        span_or_none(self.get().span)
    }

    /// The indices from the top of the body to this node.
    #[getter]
    fn path<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.path)
    }

    /// The document the node belongs to (an attachment's own document for its nodes).
    #[getter]
    fn document(&self) -> PyDocument {
        PyDocument { d: self.d.clone() }
    }

    /// Every node below this one in document order, as `(path, node)`.
    fn walk<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        walk_list(py, &self.d, &self.path)
    }

    /// The node as plain Python objects (its part of `Document.to_dict()`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = guard_ok(|| serde_json::to_value(self.get()).unwrap_or_default())?;
        value_to_py(py, &value)
    }

    fn __eq__(&self, other: &Bound<'_, PyNode>) -> bool {
        self.get() == other.get().get()
    }

    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let doc = Py::new(py, PyDocument { d: self.d.clone() })?;
        (rebuild_fn(py)?, ("node", doc, tuple_of(py, &self.path)?)).into_pyobject(py)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let n = self.get();
        let num = n.num.as_ref().map_or("-", |n| n.text.as_str());
        let heading = n
            .heading_text()
            .map_or("None".to_string(), |h| py_repr_str(py, &short(h, 16)));
        let mut s = format!("<Node {} {num} {heading}", n.kind.as_str());
        if !n.children.is_empty() {
            s.push_str(&format!(" children={}", n.children.len()));
        }
        if n.guarantees {
            s.push_str(" guarantees");
        }
        s.push('>');
        s
    }
}

/// Unpickles a view: `kind` is `meta`, `node` or `attachment`, `path` leads to it in `document`.
#[pyfunction]
#[pyo3(name = "_rebuild")]
pub fn rebuild(
    py: Python<'_>,
    kind: &str,
    document: &Bound<'_, PyDocument>,
    path: Vec<usize>,
) -> PyResult<Py<PyAny>> {
    let d = document.get().d.clone();
    match kind {
        "meta" => Ok(Py::new(py, PyMetadata { d })?.into_any()),
        "node" => Ok(Py::new(py, document.get().node(path)?)?.into_any()),
        "attachment" => match path.as_slice() {
            [index] if *index < d.get().attachments.len() => {
                Ok(Py::new(py, PyAttachment { d, index: *index })?.into_any())
            }
            _ => Err(PyIndexError::new_err(format!("no attachment at {path:?}"))),
        },
        _ => Err(PyValueError::new_err(format!("unknown view `{kind}`"))),
    }
}
