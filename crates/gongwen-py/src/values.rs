//! Small immutable values: spans, paragraphs, closing lines, residue, diagnostics and the parts
//! of the metadata. Each owns a copy of its (small) core value, compares and hashes by value,
//! can be built from Python and pickles through its constructor (`__getnewargs__`).

use crate::convert::{date_to_py, enum_from_name, py_repr_str, py_to_date, short};
use gongwen::{
    Adoption, Cell, ClosingLine, ClosingRole, Diagnostic, DocNumber, Field, LawEvent, LawKind,
    LawMeta, Notes, Paragraph, Publication, Residue, ResidueRole, Severity, Span, Table,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyTuple, PyType};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

fn hash_of(v: &impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    v.hash(&mut h);
    h.finish()
}

fn span_key(s: &Span) -> (usize, usize, u32, u32) {
    (s.offset, s.len, s.line, s.column)
}

/// `Span` of a core value: `None` for what was not read from a source.
pub fn span_or_none(s: Span) -> Option<PySpan> {
    (!s.is_empty()).then_some(PySpan(s))
}

fn span_from(span: Option<&PySpan>) -> Span {
    span.map(|s| s.0).unwrap_or_default()
}

fn span_repr(s: &Span) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(" line {}", s.line)
    }
}

/// Where something stands in the source: byte offset and length (UTF-8), 1-based line and
/// 1-based column in characters.
#[pyclass(
    frozen,
    eq,
    hash,
    from_py_object,
    module = "gongwen._gongwen",
    name = "Span"
)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PySpan(pub Span);

#[pymethods]
impl PySpan {
    #[new]
    #[pyo3(signature = (offset, len, line, column))]
    fn new(offset: usize, len: usize, line: u32, column: u32) -> PyResult<PySpan> {
        if line == 0 || column == 0 {
            return Err(PyValueError::new_err("line and column are 1-based"));
        }
        Ok(PySpan(Span {
            offset,
            len,
            line,
            column,
        }))
    }

    /// Byte offset of the start in the source (UTF-8).
    #[getter]
    fn offset(&self) -> usize {
        self.0.offset
    }

    /// Length in bytes (UTF-8).
    #[getter]
    fn len(&self) -> usize {
        self.0.len
    }

    /// Byte offset just past the end.
    #[getter]
    fn end(&self) -> usize {
        self.0.offset + self.0.len
    }

    /// 1-based line of the start.
    #[getter]
    fn line(&self) -> u32 {
        self.0.line
    }

    /// 1-based column of the start, in characters.
    #[getter]
    fn column(&self) -> u32 {
        self.0.column
    }

    /// Pickles through the constructor.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (usize, usize, u32, u32)) {
        let this = slf.get();
        (slf.get_type(), span_key(&this.0))
    }

    fn __repr__(&self) -> String {
        let s = &self.0;
        format!(
            "Span(offset={}, len={}, line={}, column={})",
            s.offset, s.len, s.line, s.column
        )
    }
}

/// A paragraph of text and where it stands in the source.
#[pyclass(
    frozen,
    eq,
    from_py_object,
    module = "gongwen._gongwen",
    name = "Paragraph"
)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyParagraph(pub Paragraph);

#[pymethods]
impl PyParagraph {
    #[new]
    #[pyo3(signature = (text, span=None, table=None))]
    fn new(text: String, span: Option<PySpan>, table: Option<PyTable>) -> PyParagraph {
        PyParagraph(Paragraph {
            text,
            table: table.map(|t| t.0),
            span: span_from(span.as_ref()),
        })
    }

    /// The paragraph's text; empty for a table, whose text is in its cells.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    #[getter]
    fn span(&self) -> Option<PySpan> {
        span_or_none(self.0.span)
    }

    /// The table this paragraph is (an HTML page's `<table>`), else `None`.
    #[getter]
    fn table(&self) -> Option<PyTable> {
        self.0.table.clone().map(PyTable)
    }

    /// Pickles through the constructor.
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (
        Bound<'py, PyType>,
        (String, Option<PySpan>, Option<PyTable>),
    ) {
        let this = slf.get();
        (
            slf.get_type(),
            (this.0.text.clone(), this.span(), this.table()),
        )
    }

    fn __hash__(&self) -> u64 {
        let table = self.0.table.as_ref().map(table_key);
        hash_of(&(&self.0.text, span_key(&self.0.span), table))
    }

    fn __str__(&self) -> String {
        match &self.0.table {
            Some(t) => t.text(),
            None => self.0.text.clone(),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        match &self.0.table {
            Some(t) => format!(
                "<Paragraph{} table {}x{}>",
                span_repr(&self.0.span),
                t.rows.len(),
                t.columns()
            ),
            None => format!(
                "<Paragraph{} {}>",
                span_repr(&self.0.span),
                py_repr_str(py, &short(&self.0.text, 24))
            ),
        }
    }
}

type CellKey = (String, bool, u32, u32, (usize, usize, u32, u32));

fn cell_key(c: &Cell) -> CellKey {
    (
        c.text.clone(),
        c.header,
        c.rowspan,
        c.colspan,
        span_key(&c.span),
    )
}

fn table_key(t: &Table) -> Vec<Vec<CellKey>> {
    t.rows
        .iter()
        .map(|r| r.iter().map(cell_key).collect())
        .collect()
}

/// A table: rows of cells, in order; a cell that spans rows or columns stands once, where it
/// starts.
#[pyclass(
    frozen,
    eq,
    from_py_object,
    module = "gongwen._gongwen",
    name = "Table"
)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyTable(pub Table);

#[pymethods]
impl PyTable {
    #[new]
    fn new(rows: Vec<Vec<PyCell>>) -> PyTable {
        PyTable(Table {
            rows: rows
                .into_iter()
                .map(|r| r.into_iter().map(|c| c.0).collect())
                .collect(),
        })
    }

    /// The rows, each a list of cells.
    #[getter]
    fn rows(&self) -> Vec<Vec<PyCell>> {
        self.0
            .rows
            .iter()
            .map(|r| r.iter().cloned().map(PyCell).collect())
            .collect()
    }

    /// The number of columns: the widest row, spans counted.
    #[getter]
    fn columns(&self) -> usize {
        self.0.columns()
    }

    /// Pickles through the constructor.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (Vec<Vec<PyCell>>,)) {
        (slf.get_type(), (slf.get().rows(),))
    }

    fn __hash__(&self) -> u64 {
        hash_of(&table_key(&self.0))
    }

    fn __len__(&self) -> usize {
        self.0.rows.len()
    }

    /// A row a line, cells apart by tabs.
    fn __str__(&self) -> String {
        self.0.text()
    }

    fn __repr__(&self) -> String {
        format!("<Table {}x{}>", self.0.rows.len(), self.0.columns())
    }
}

/// One cell of a table: its text (its lines apart by line feeds), whether it is a header cell
/// and the rows and columns it spans.
#[pyclass(frozen, eq, from_py_object, module = "gongwen._gongwen", name = "Cell")]
#[derive(Debug, Clone, PartialEq)]
pub struct PyCell(pub Cell);

#[pymethods]
impl PyCell {
    #[new]
    #[pyo3(signature = (text, header=false, rowspan=1, colspan=1, span=None))]
    fn new(
        text: String,
        header: bool,
        rowspan: u32,
        colspan: u32,
        span: Option<PySpan>,
    ) -> PyResult<PyCell> {
        if rowspan == 0 || colspan == 0 {
            return Err(PyValueError::new_err(
                "a cell spans at least one row and one column",
            ));
        }
        Ok(PyCell(Cell {
            text,
            header,
            rowspan,
            colspan,
            span: span_from(span.as_ref()),
        }))
    }

    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    #[getter]
    fn header(&self) -> bool {
        self.0.header
    }

    #[getter]
    fn rowspan(&self) -> u32 {
        self.0.rowspan
    }

    #[getter]
    fn colspan(&self) -> u32 {
        self.0.colspan
    }

    #[getter]
    fn span(&self) -> Option<PySpan> {
        span_or_none(self.0.span)
    }

    /// Pickles through the constructor.
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (Bound<'py, PyType>, (String, bool, u32, u32, Option<PySpan>)) {
        let c = &slf.get().0;
        (
            slf.get_type(),
            (
                c.text.clone(),
                c.header,
                c.rowspan,
                c.colspan,
                span_or_none(c.span),
            ),
        )
    }

    fn __hash__(&self) -> u64 {
        hash_of(&cell_key(&self.0))
    }

    fn __str__(&self) -> &str {
        &self.0.text
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "<Cell{} {}>",
            span_repr(&self.0.span),
            py_repr_str(py, &short(&self.0.text, 24))
        )
    }
}

/// Notes after the body (名词解释, 注释, `注：1.……`): the document's explanations of its terms,
/// one paragraph a note, verbatim; they are not structure.
#[pyclass(frozen, eq, module = "gongwen._gongwen", name = "Notes")]
#[derive(Debug, Clone, PartialEq)]
pub struct PyNotes(pub Notes);

#[pymethods]
impl PyNotes {
    #[new]
    #[pyo3(signature = (label=None, entries=Vec::new(), span=None))]
    fn new(label: Option<String>, entries: Vec<PyParagraph>, span: Option<PySpan>) -> PyNotes {
        PyNotes(Notes {
            label,
            entries: entries.into_iter().map(|p| p.0).collect(),
            span: span_from(span.as_ref()),
        })
    }

    /// The label as written (`名词解释`, `注：`), if the notes have one.
    #[getter]
    fn label(&self) -> Option<&str> {
        self.0.label.as_deref()
    }

    /// The notes, one paragraph each.
    #[getter]
    fn entries(&self) -> Vec<PyParagraph> {
        self.0.entries.iter().cloned().map(PyParagraph).collect()
    }

    #[getter]
    fn span(&self) -> Option<PySpan> {
        span_or_none(self.0.span)
    }

    /// Pickles through the constructor.
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (
        Bound<'py, PyType>,
        (Option<String>, Vec<PyParagraph>, Option<PySpan>),
    ) {
        let this = slf.get();
        (
            slf.get_type(),
            (this.0.label.clone(), this.entries(), this.span()),
        )
    }

    fn __len__(&self) -> usize {
        self.0.entries.len()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "<Notes{}{} entries={}>",
            span_repr(&self.0.span),
            self.0
                .label
                .as_deref()
                .map_or(String::new(), |l| format!(" {}", py_repr_str(py, l))),
            self.0.entries.len()
        )
    }
}

/// A decision of the text reader that could have gone either way, with where and why
/// (`gongwen.explain`).
#[pyclass(frozen, eq, hash, module = "gongwen._gongwen", name = "Decision")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PyDecision {
    span: Span,
    code: String,
    message: String,
}

impl PyDecision {
    pub fn from_core(d: gongwen::text::Decision) -> PyDecision {
        PyDecision {
            span: d.span,
            code: d.code.to_string(),
            message: d.message,
        }
    }
}

#[pymethods]
impl PyDecision {
    #[new]
    fn new(span: PySpan, code: String, message: String) -> PyDecision {
        PyDecision {
            span: span.0,
            code,
            message,
        }
    }

    /// Where the decided text starts.
    #[getter]
    fn span(&self) -> PySpan {
        PySpan(self.span)
    }

    /// What kind of decision (`measure`, `rejoined`, `furniture`, `title`, `lead-in`…).
    #[getter]
    fn code(&self) -> &str {
        &self.code
    }

    /// What was decided and the evidence for it.
    #[getter]
    fn message(&self) -> &str {
        &self.message
    }

    /// Pickles through the constructor.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (PySpan, String, String)) {
        let this = slf.get();
        (
            slf.get_type(),
            (PySpan(this.span), this.code.clone(), this.message.clone()),
        )
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "<Decision {} line {} {}>",
            self.code,
            self.span.line,
            py_repr_str(py, &short(&self.message, 40))
        )
    }
}

/// A line of the closing block: a signature, the date of signing, a note (附注) or an
/// attachment list (附件说明), verbatim.
#[pyclass(frozen, eq, module = "gongwen._gongwen", name = "ClosingLine")]
#[derive(Debug, Clone, PartialEq)]
pub struct PyClosingLine(pub ClosingLine);

#[pymethods]
impl PyClosingLine {
    #[new]
    #[pyo3(signature = (role, text, span=None))]
    fn new(role: &str, text: String, span: Option<PySpan>) -> PyResult<PyClosingLine> {
        let role: ClosingRole = enum_from_name("closing role", role)?;
        Ok(PyClosingLine(ClosingLine {
            role,
            text,
            span: span_from(span.as_ref()),
        }))
    }

    /// `signature`, `date`, `note`, `attachment-list`, `copy-to` (抄送) or `printed` (印发).
    #[getter]
    fn role(&self) -> &'static str {
        self.0.role.as_str()
    }

    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    #[getter]
    fn span(&self) -> Option<PySpan> {
        span_or_none(self.0.span)
    }

    /// Pickles through the constructor.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (Bound<'py, PyType>, (String, String, Option<PySpan>)) {
        let this = slf.get();
        (
            slf.get_type(),
            (this.role().to_string(), this.0.text.clone(), this.span()),
        )
    }

    fn __hash__(&self) -> u64 {
        hash_of(&(self.0.role, &self.0.text, span_key(&self.0.span)))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "<ClosingLine {}{} {}>",
            self.role(),
            span_repr(&self.0.span),
            py_repr_str(py, &short(&self.0.text, 24))
        )
    }
}

/// Text around (or inside) the document that is not part of it, verbatim: page chrome, a
/// metadata box, publication lines, a news lead, or lines the reader could not place.
#[pyclass(frozen, eq, module = "gongwen._gongwen", name = "Residue")]
#[derive(Debug, Clone, PartialEq)]
pub struct PyResidue(pub Residue);

#[pymethods]
impl PyResidue {
    #[new]
    #[pyo3(signature = (role, text, span=None))]
    fn new(role: &str, text: String, span: Option<PySpan>) -> PyResult<PyResidue> {
        let role: ResidueRole = enum_from_name("residue role", role)?;
        Ok(PyResidue(Residue {
            role,
            text,
            span: span_from(span.as_ref()),
        }))
    }

    /// `chrome`, `metadata-box`, `publication`, `lead` or `unplaced`.
    #[getter]
    fn role(&self) -> &'static str {
        self.0.role.as_str()
    }

    /// The lines as they stand in the source, joined with `\n`.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    #[getter]
    fn span(&self) -> Option<PySpan> {
        span_or_none(self.0.span)
    }

    /// Pickles through the constructor.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (Bound<'py, PyType>, (String, String, Option<PySpan>)) {
        let this = slf.get();
        (
            slf.get_type(),
            (this.role().to_string(), this.0.text.clone(), this.span()),
        )
    }

    fn __hash__(&self) -> u64 {
        hash_of(&(self.0.role, &self.0.text, span_key(&self.0.span)))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "<Residue {}{} {}>",
            self.role(),
            span_repr(&self.0.span),
            py_repr_str(py, &short(&self.0.text, 24))
        )
    }
}

/// Something the reader noticed (a numbering gap, a repeat, levels out of order), with where.
#[pyclass(frozen, eq, module = "gongwen._gongwen", name = "Diagnostic")]
#[derive(Debug, Clone, PartialEq)]
pub struct PyDiagnostic(pub Diagnostic);

#[pymethods]
impl PyDiagnostic {
    #[new]
    #[pyo3(signature = (code, severity, message, span=None))]
    fn new(
        code: String,
        severity: &str,
        message: String,
        span: Option<PySpan>,
    ) -> PyResult<PyDiagnostic> {
        let severity: Severity = enum_from_name("severity", severity)?;
        Ok(PyDiagnostic(Diagnostic {
            code,
            severity,
            message,
            span: span_from(span.as_ref()),
        }))
    }

    /// A stable kebab-case code, e.g. `numbering-gap`.
    #[getter]
    fn code(&self) -> &str {
        &self.0.code
    }

    /// `error`, `warning` or `note`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.severity.as_str()
    }

    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }

    #[getter]
    fn span(&self) -> Option<PySpan> {
        span_or_none(self.0.span)
    }

    /// The diagnostic rustc-style: code, message, `filename:line:column`, the source line and a
    /// caret under the spot. `source` is the text the document was read from.
    #[pyo3(signature = (source, filename="<input>"))]
    fn render(&self, py: Python<'_>, source: String, filename: &str) -> PyResult<String> {
        let d = &self.0;
        let out = py
            .detach(|| crate::errors::guard_ok(|| gongwen::render::render(d, &source, filename)))?;
        Ok(out)
    }

    /// Pickles through the constructor.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (Bound<'py, PyType>, (String, String, String, Option<PySpan>)) {
        let this = slf.get();
        (
            slf.get_type(),
            (
                this.0.code.clone(),
                this.severity().to_string(),
                this.0.message.clone(),
                this.span(),
            ),
        )
    }

    fn __hash__(&self) -> u64 {
        hash_of(&(
            &self.0.code,
            self.0.severity,
            &self.0.message,
            span_key(&self.0.span),
        ))
    }

    fn __repr__(&self) -> String {
        let at = if self.0.span.is_empty() {
            String::new()
        } else {
            format!(" at {}:{}", self.0.span.line, self.0.span.column)
        };
        format!(
            "<Diagnostic {}[{}]{}: {}>",
            self.severity(),
            self.0.code,
            at,
            self.0.message
        )
    }
}

/// One key–value field of a page's metadata box (索引号, 主题分类…).
#[pyclass(frozen, eq, module = "gongwen._gongwen", name = "Field")]
#[derive(Debug, Clone, PartialEq)]
pub struct PyField(pub Field);

#[pymethods]
impl PyField {
    #[new]
    fn new(key: String, value: String) -> PyField {
        PyField(Field { key, value })
    }

    /// The key without its spacing (`索引号` for `索 引 号`).
    #[getter]
    fn key(&self) -> &str {
        &self.0.key
    }

    /// The value as printed.
    #[getter]
    fn value(&self) -> &str {
        &self.0.value
    }

    /// Pickles through the constructor.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (String, String)) {
        let this = slf.get();
        (slf.get_type(), (this.0.key.clone(), this.0.value.clone()))
    }

    fn __hash__(&self) -> u64 {
        hash_of(&(&self.0.key, &self.0.value))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Field({}, {})",
            py_repr_str(py, &self.0.key),
            py_repr_str(py, &self.0.value)
        )
    }
}

/// A document number (发文字号): the line as written, issuer code, year and sequence.
#[pyclass(frozen, eq, module = "gongwen._gongwen", name = "DocNumber")]
#[derive(Debug, Clone, PartialEq)]
pub struct PyDocNumber(pub DocNumber);

#[pymethods]
impl PyDocNumber {
    #[new]
    fn new(text: String, code: String, year: u16, seq: u32) -> PyDocNumber {
        PyDocNumber(DocNumber {
            text,
            code,
            year,
            seq,
        })
    }

    /// The line as written, e.g. `（国办发〔2023〕17 号）`.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// The issuer code (发文机关代字), e.g. `国办发`.
    #[getter]
    fn code(&self) -> &str {
        &self.0.code
    }

    #[getter]
    fn year(&self) -> u16 {
        self.0.year
    }

    #[getter]
    fn seq(&self) -> u32 {
        self.0.seq
    }

    /// The number as GB/T 9704-2012 writes it: `国办发〔2023〕17号`.
    #[getter]
    fn normalized(&self) -> String {
        self.0.normalized()
    }

    /// Pickles through the constructor.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (String, String, u16, u32)) {
        let this = slf.get();
        (
            slf.get_type(),
            (
                this.0.text.clone(),
                this.0.code.clone(),
                this.0.year,
                this.0.seq,
            ),
        )
    }

    fn __hash__(&self) -> u64 {
        hash_of(&(&self.0.text, &self.0.code, self.0.year, self.0.seq))
    }

    fn __str__(&self) -> String {
        self.0.normalized()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "DocNumber({}, {}, {}, {})",
            py_repr_str(py, &self.0.text),
            py_repr_str(py, &self.0.code),
            self.0.year,
            self.0.seq
        )
    }
}

/// The meeting that adopted a decision or resolution, and when.
#[pyclass(frozen, eq, module = "gongwen._gongwen", name = "Adoption")]
#[derive(Debug, Clone, PartialEq)]
pub struct PyAdoption(pub Adoption);

#[pymethods]
impl PyAdoption {
    #[new]
    #[pyo3(signature = (meeting=None, date=None, line=None))]
    fn new(
        meeting: Option<String>,
        date: Option<&Bound<'_, PyAny>>,
        line: Option<String>,
    ) -> PyResult<PyAdoption> {
        let date = date.map(py_to_date).transpose()?;
        Ok(PyAdoption(Adoption {
            meeting,
            date,
            line,
        }))
    }

    /// The meeting, e.g. `中国共产党青溪县第十五届委员会第七次全体会议`.
    #[getter]
    fn meeting(&self) -> Option<&str> {
        self.0.meeting.as_deref()
    }

    /// The date of adoption.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDate>>> {
        self.0.date.map(|d| date_to_py(py, d)).transpose()
    }

    /// The adoption line as written, when it was read from one.
    #[getter]
    fn line(&self) -> Option<&str> {
        self.0.line.as_deref()
    }

    /// The line to print: as written when known, otherwise the canonical
    /// `（2024年3月15日……通过）`.
    #[getter]
    fn text(&self) -> String {
        self.0.text()
    }

    /// Pickles through the constructor.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let (py, this) = (slf.py(), slf.get());
        let args = PyTuple::new(
            py,
            [
                this.0.meeting.clone().into_pyobject(py)?.into_any(),
                this.date(py)?.into_pyobject(py)?.into_any(),
                this.0.line.clone().into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((slf.get_type(), args))
    }

    fn __hash__(&self) -> u64 {
        hash_of(&(&self.0.meeting, self.0.date, &self.0.line))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let opt = |s: &Option<String>| s.as_deref().map_or("None".into(), |s| py_repr_str(py, s));
        let date = match self.date(py)? {
            Some(d) => d.repr()?.to_string(),
            None => "None".into(),
        };
        Ok(format!(
            "Adoption(meeting={}, date={}, line={})",
            opt(&self.0.meeting),
            date,
            opt(&self.0.line)
        ))
    }
}

/// The constructor arguments of `Publication`: datetime, source, headline.
type PublicationArgs = (Option<String>, Option<String>, Option<String>);

/// How and where the document was published on the web.
#[pyclass(frozen, eq, module = "gongwen._gongwen", name = "Publication")]
#[derive(Debug, Clone, PartialEq)]
pub struct PyPublication(pub Publication);

#[pymethods]
impl PyPublication {
    #[new]
    #[pyo3(signature = (datetime=None, source=None, headline=None))]
    fn new(
        datetime: Option<String>,
        source: Option<String>,
        headline: Option<String>,
    ) -> PyPublication {
        PyPublication(Publication {
            datetime,
            source,
            headline,
        })
    }

    /// Date and time of publication as ISO 8601 without zone (`2024-03-15T09:20`), or a date
    /// alone (`2024-03-15`).
    #[getter]
    fn datetime(&self) -> Option<&str> {
        self.0.datetime.as_deref()
    }

    /// The date of publication, from `datetime`.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDate>>> {
        let Some(dt) = self.0.datetime.as_deref() else {
            return Ok(None);
        };
        let day = dt.get(..10).unwrap_or(dt).to_string();
        match gongwen::Date::try_from(day) {
            Ok(d) => date_to_py(py, d).map(Some),
            Err(_) => Ok(None),
        }
    }

    /// The publisher or source (来源).
    #[getter]
    fn source(&self) -> Option<&str> {
        self.0.source.as_deref()
    }

    /// The headline as published, when the page gives one beside the title.
    #[getter]
    fn headline(&self) -> Option<&str> {
        self.0.headline.as_deref()
    }

    /// Pickles through the constructor.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, PublicationArgs) {
        let this = slf.get();
        (
            slf.get_type(),
            (
                this.0.datetime.clone(),
                this.0.source.clone(),
                this.0.headline.clone(),
            ),
        )
    }

    fn __hash__(&self) -> u64 {
        hash_of(&(&self.0.datetime, &self.0.source, &self.0.headline))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let opt = |s: &Option<String>| s.as_deref().map_or("None".into(), |s| py_repr_str(py, s));
        format!(
            "Publication(datetime={}, source={}, headline={})",
            opt(&self.0.datetime),
            opt(&self.0.source),
            opt(&self.0.headline)
        )
    }
}

/// One event of a law's history (题注): what was done, when, by whom, under which order.
#[pyclass(
    frozen,
    eq,
    from_py_object,
    module = "gongwen._gongwen",
    name = "LawEvent"
)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyLawEvent(pub LawEvent);

#[pymethods]
impl PyLawEvent {
    #[new]
    #[pyo3(signature = (action, date=None, body=None, meeting=None, order=None))]
    fn new(
        action: &str,
        date: Option<&Bound<'_, PyAny>>,
        body: Option<String>,
        meeting: Option<String>,
        order: Option<String>,
    ) -> PyResult<PyLawEvent> {
        Ok(PyLawEvent(LawEvent {
            action: enum_from_name("action", action)?,
            date: date.map(py_to_date).transpose()?,
            body,
            meeting,
            order,
        }))
    }

    /// `adopted` (通过), `approved` (批准), `promulgated` (公布), `amended` (修正), `revised`
    /// (修订) or `effective` (施行).
    #[getter]
    fn action(&self) -> &'static str {
        self.0.action.as_str()
    }

    /// The date of the event.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDate>>> {
        self.0.date.map(|d| date_to_py(py, d)).transpose()
    }

    /// The body that acted, e.g. `全国人民代表大会常务委员会`.
    #[getter]
    fn body(&self) -> Option<&str> {
        self.0.body.as_deref()
    }

    /// The meeting, e.g. `第九届全国人民代表大会常务委员会第二十次会议`.
    #[getter]
    fn meeting(&self) -> Option<&str> {
        self.0.meeting.as_deref()
    }

    /// The promulgating order, e.g. `中华人民共和国国务院令第707号`.
    #[getter]
    fn order(&self) -> Option<&str> {
        self.0.order.as_deref()
    }

    /// Pickles through the constructor.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let (py, this) = (slf.py(), slf.get());
        let e = &this.0;
        let args = PyTuple::new(
            py,
            [
                e.action.as_str().into_pyobject(py)?.into_any(),
                this.date(py)?.into_pyobject(py)?.into_any(),
                e.body.clone().into_pyobject(py)?.into_any(),
                e.meeting.clone().into_pyobject(py)?.into_any(),
                e.order.clone().into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((slf.get_type(), args))
    }

    fn __hash__(&self) -> u64 {
        let e = &self.0;
        hash_of(&(e.action, e.date, &e.body, &e.meeting, &e.order))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let date = match self.date(py)? {
            Some(d) => d.repr()?.to_string(),
            None => "None".into(),
        };
        Ok(format!(
            "LawEvent(action={}, date={}, body={})",
            py_repr_str(py, self.0.action.as_str()),
            date,
            self.0
                .body
                .as_deref()
                .map_or("None".to_string(), |b| py_repr_str(py, b))
        ))
    }
}

/// What a law, regulation, rule or judicial interpretation says of itself: the kind of
/// legislation, its history and when it takes effect.
#[pyclass(frozen, eq, module = "gongwen._gongwen", name = "LawMeta")]
#[derive(Debug, Clone, PartialEq)]
pub struct PyLawMeta(pub LawMeta);

#[pymethods]
impl PyLawMeta {
    #[new]
    #[pyo3(signature = (kind=None, history=Vec::new(), effective=None))]
    fn new(
        kind: Option<&str>,
        history: Vec<PyLawEvent>,
        effective: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyLawMeta> {
        Ok(PyLawMeta(LawMeta {
            kind: kind.map(|k| enum_from_name("kind", k)).transpose()?,
            history: history.into_iter().map(|e| e.0).collect(),
            effective: effective.map(py_to_date).transpose()?,
        }))
    }

    /// `law`, `administrative-regulation`, `local-regulation`, `rule`,
    /// `judicial-interpretation` or `amending-decision`; `None` when neither its history nor
    /// its title says.
    #[getter]
    fn kind(&self) -> Option<&'static str> {
        self.0.kind.map(LawKind::as_str)
    }

    /// The events of its history, in the order printed.
    #[getter]
    fn history(&self) -> Vec<PyLawEvent> {
        self.0.history.iter().cloned().map(PyLawEvent).collect()
    }

    /// The date it takes effect.
    #[getter]
    fn effective<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDate>>> {
        self.0.effective.map(|d| date_to_py(py, d)).transpose()
    }

    /// Pickles through the constructor.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let (py, this) = (slf.py(), slf.get());
        let args = PyTuple::new(
            py,
            [
                this.kind().into_pyobject(py)?.into_any(),
                this.history().into_pyobject(py)?.into_any(),
                this.effective(py)?.into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((slf.get_type(), args))
    }

    fn __hash__(&self) -> u64 {
        let l = &self.0;
        let dates: Vec<_> = l.history.iter().map(|e| (e.action, e.date)).collect();
        hash_of(&(l.kind, dates, l.effective))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let effective = match self.effective(py)? {
            Some(d) => d.repr()?.to_string(),
            None => "None".into(),
        };
        Ok(format!(
            "LawMeta(kind={}, history=[{} events], effective={})",
            self.kind()
                .map_or("None".to_string(), |k| py_repr_str(py, k)),
            self.0.history.len(),
            effective
        ))
    }
}
