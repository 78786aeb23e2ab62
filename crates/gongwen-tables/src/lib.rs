//! Documents, their nodes and their diagnostics as Arrow tables, and as Parquet files written a
//! row group at a time (issue 19). The three schemas are fixed and documented in
//! `docs/tables.md`; [`documents_schema`], [`nodes_schema`] and [`diagnostics_schema`] are them.
//!
//! - `documents`: one row per input, read or not (`error` says why not).
//! - `nodes`: one row per structural node (the body's, then each attachment's), with its AKN
//!   eId and its parent's, depth, place among its siblings, kind, number, heading and text.
//! - `diagnostics`: one row per diagnostic of a document (its attachments' included).
//!
//! [`Tables`] gathers rows and gives them as record batches; [`ParquetSink`] writes them as
//! three Parquet files, flushing a row group whenever one holds [`ParquetSink::ROW_GROUP`] rows,
//! so that memory stays bounded by a row group, not by the corpus.
//!
//! ```
//! let doc = gongwen::parse("关于加强某项工作的通知\n各单位：\n一、总体要求\n（一）明确目标。到年底完成。\n").unwrap();
//! let mut t = gongwen_tables::Tables::new();
//! t.push("a.txt", b"...", Ok(&doc));
//! let [documents, nodes, _diagnostics] = t.finish().unwrap();
//! assert_eq!((documents.num_rows(), nodes.num_rows()), (1, 2));
//! ```

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Int32Builder, Int64Builder, ListBuilder, StringBuilder,
    UInt32Builder, UInt64Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use gongwen::{Date, Diagnostic, Document, Node, Severity, Span};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// An error of building or writing the tables.
#[derive(Debug)]
pub enum TablesError {
    Arrow(ArrowError),
    Parquet(parquet::errors::ParquetError),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for TablesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TablesError::Arrow(e) => write!(f, "arrow: {e}"),
            TablesError::Parquet(e) => write!(f, "parquet: {e}"),
            TablesError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for TablesError {}

impl From<ArrowError> for TablesError {
    fn from(e: ArrowError) -> Self {
        TablesError::Arrow(e)
    }
}

impl From<parquet::errors::ParquetError> for TablesError {
    fn from(e: parquet::errors::ParquetError) -> Self {
        TablesError::Parquet(e)
    }
}

fn utf8(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

fn span_fields() -> [Field; 4] {
    [
        Field::new("span_offset", DataType::UInt64, false),
        Field::new("span_len", DataType::UInt64, false),
        Field::new("span_line", DataType::UInt32, false),
        Field::new("span_column", DataType::UInt32, false),
    ]
}

/// The `documents` table: one row per input.
pub fn documents_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("doc_id", DataType::UInt32, false),
        utf8("path", false),
        utf8("error", true),
        utf8("kind", true),
        utf8("title", true),
        Field::new(
            "issuers",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            false,
        ),
        utf8("number", true),
        utf8("number_code", true),
        Field::new("number_year", DataType::Int32, true),
        Field::new("number_seq", DataType::Int64, true),
        Field::new("signed", DataType::Date32, true),
        utf8("published", true),
        Field::new("effective", DataType::Date32, true),
        utf8("law_kind", true),
        Field::new("attachments", DataType::UInt32, false),
        Field::new("nodes", DataType::UInt64, false),
        Field::new("diagnostics", DataType::UInt64, false),
        Field::new("has_errors", DataType::Boolean, false),
        Field::new("source_bytes", DataType::UInt64, false),
        utf8("sha256", false),
    ]))
}

/// The `nodes` table: one row per structural node.
pub fn nodes_schema() -> SchemaRef {
    let mut fields = vec![
        Field::new("doc_id", DataType::UInt32, false),
        utf8("eid", false),
        utf8("parent_eid", true),
        Field::new("depth", DataType::UInt32, false),
        Field::new("order", DataType::UInt32, false),
        utf8("kind", false),
        utf8("num_text", true),
        Field::new("num", DataType::Int64, true),
        Field::new("num_sub", DataType::Int64, true),
        utf8("heading", true),
        utf8("text", false),
        Field::new("is_guarantees", DataType::Boolean, false),
    ];
    fields.extend(span_fields());
    Arc::new(Schema::new(fields))
}

/// The `diagnostics` table: one row per diagnostic.
pub fn diagnostics_schema() -> SchemaRef {
    let mut fields = vec![
        Field::new("doc_id", DataType::UInt32, false),
        utf8("code", false),
        utf8("severity", false),
        utf8("message", false),
    ];
    fields.extend(span_fields());
    Arc::new(Schema::new(fields))
}

/// Days since 1970-01-01 of a date (Arrow's `Date32`).
fn days(d: Date) -> i32 {
    // days from civil (Howard Hinnant's algorithm)
    let (y, m, d) = (
        i64::from(d.year) - i64::from(d.month <= 2),
        i64::from(d.month),
        i64::from(d.day),
    );
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) as i32
}

#[derive(Debug, Default)]
struct Spans {
    offset: UInt64Builder,
    len: UInt64Builder,
    line: UInt32Builder,
    column: UInt32Builder,
}

impl Spans {
    fn push(&mut self, s: &Span) {
        self.offset.append_value(s.offset as u64);
        self.len.append_value(s.len as u64);
        self.line.append_value(s.line);
        self.column.append_value(s.column);
    }

    fn finish(&mut self, out: &mut Vec<ArrayRef>) {
        out.push(Arc::new(self.offset.finish()));
        out.push(Arc::new(self.len.finish()));
        out.push(Arc::new(self.line.finish()));
        out.push(Arc::new(self.column.finish()));
    }
}

#[derive(Debug, Default)]
struct DocumentCols {
    doc_id: UInt32Builder,
    path: StringBuilder,
    error: StringBuilder,
    kind: StringBuilder,
    title: StringBuilder,
    issuers: ListBuilder<StringBuilder>,
    number: StringBuilder,
    number_code: StringBuilder,
    number_year: Int32Builder,
    number_seq: Int64Builder,
    signed: Date32Builder,
    published: StringBuilder,
    effective: Date32Builder,
    law_kind: StringBuilder,
    attachments: UInt32Builder,
    nodes: UInt64Builder,
    diagnostics: UInt64Builder,
    has_errors: BooleanBuilder,
    source_bytes: UInt64Builder,
    sha256: StringBuilder,
    rows: usize,
}

#[derive(Debug, Default)]
struct NodeCols {
    doc_id: UInt32Builder,
    eid: StringBuilder,
    parent_eid: StringBuilder,
    depth: UInt32Builder,
    order: UInt32Builder,
    kind: StringBuilder,
    num_text: StringBuilder,
    num: Int64Builder,
    num_sub: Int64Builder,
    heading: StringBuilder,
    text: StringBuilder,
    is_guarantees: BooleanBuilder,
    span: Spans,
    rows: usize,
}

#[derive(Debug, Default)]
struct DiagnosticCols {
    doc_id: UInt32Builder,
    code: StringBuilder,
    severity: StringBuilder,
    message: StringBuilder,
    span: Spans,
    rows: usize,
}

/// Rows of the three tables, gathered document by document.
#[derive(Debug, Default)]
pub struct Tables {
    next_id: u32,
    documents: DocumentCols,
    nodes: NodeCols,
    diagnostics: DiagnosticCols,
}

/// A node's text: its paragraphs (a table's rows a line each) joined by line feeds.
fn node_text(n: &Node) -> String {
    let mut out = String::new();
    for (i, p) in n.paragraphs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match &p.table {
            Some(t) => out.push_str(&t.text()),
            None => out.push_str(&p.text),
        }
    }
    out
}

/// Every node of a document with its depth and place among its siblings, depth first in the
/// order of [`gongwen::akn::node_eids`]: the body's nodes, then each attachment's.
fn walk<'d>(doc: &'d Document, out: &mut Vec<(&'d Node, u32, u32, Option<usize>)>) {
    fn nodes<'d>(
        list: &'d [Node],
        depth: u32,
        parent: Option<usize>,
        out: &mut Vec<(&'d Node, u32, u32, Option<usize>)>,
    ) {
        for (i, n) in list.iter().enumerate() {
            let me = out.len();
            out.push((n, depth, i as u32, parent));
            nodes(&n.children, depth + 1, Some(me), out);
        }
    }
    nodes(&doc.body, 0, None, out);
    for a in &doc.attachments {
        walk(&a.content, out);
    }
}

fn all_diagnostics(doc: &Document) -> Vec<&Diagnostic> {
    let mut out: Vec<&Diagnostic> = doc.diagnostics.iter().collect();
    for a in &doc.attachments {
        out.extend(all_diagnostics(&a.content));
    }
    out
}

impl Tables {
    pub fn new() -> Tables {
        Tables::default()
    }

    /// Tables whose first input is numbered `first`: rows of a corpus built in pieces (a
    /// thread a run of inputs) whose batches, put in order, are those of one [`Tables`].
    pub fn starting_at(first: u32) -> Tables {
        Tables {
            next_id: first,
            ..Tables::default()
        }
    }

    /// Rows gathered and not yet finished: documents, nodes, diagnostics.
    pub fn rows(&self) -> (usize, usize, usize) {
        (self.documents.rows, self.nodes.rows, self.diagnostics.rows)
    }

    /// Adds one input: its path, its bytes (counted and hashed) and the document read from it,
    /// or why none was. Returns the input's `doc_id` (inputs are numbered from 0 in the order
    /// they are pushed).
    pub fn push(&mut self, path: &str, bytes: &[u8], doc: Result<&Document, &str>) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        let d = &mut self.documents;
        d.rows += 1;
        d.doc_id.append_value(id);
        d.path.append_value(path);
        d.source_bytes.append_value(bytes.len() as u64);
        let hash = Sha256::digest(bytes);
        let mut hex = String::with_capacity(64);
        for b in hash {
            hex.push_str(&format!("{b:02x}"));
        }
        d.sha256.append_value(hex);
        let doc = match doc {
            Ok(doc) => doc,
            Err(why) => {
                d.error.append_value(why);
                for b in [&mut d.kind, &mut d.title, &mut d.number, &mut d.number_code] {
                    b.append_null();
                }
                d.issuers.append(true);
                d.number_year.append_null();
                d.number_seq.append_null();
                d.signed.append_null();
                d.published.append_null();
                d.effective.append_null();
                d.law_kind.append_null();
                d.attachments.append_value(0);
                d.nodes.append_value(0);
                d.diagnostics.append_value(0);
                d.has_errors.append_value(true);
                return id;
            }
        };
        let m = &doc.meta;
        d.error.append_null();
        d.kind.append_value(m.kind.as_str());
        d.title.append_option(m.title.as_deref());
        for i in &m.issuers {
            d.issuers.values().append_value(i);
        }
        d.issuers.append(true);
        d.number
            .append_option(m.number.as_ref().map(|n| n.text.as_str()));
        d.number_code
            .append_option(m.number.as_ref().map(|n| n.code.as_str()));
        d.number_year
            .append_option(m.number.as_ref().map(|n| i32::from(n.year)));
        d.number_seq
            .append_option(m.number.as_ref().map(|n| i64::from(n.seq)));
        d.signed.append_option(m.signed.map(days));
        d.published
            .append_option(m.publication.as_ref().and_then(|p| p.datetime.as_deref()));
        let law = m.law.as_ref();
        d.effective
            .append_option(law.and_then(|l| l.effective).map(days));
        d.law_kind
            .append_option(law.and_then(|l| l.kind).map(|k| k.as_str()));
        d.attachments.append_value(doc.attachments.len() as u32);

        let mut list = Vec::new();
        walk(doc, &mut list);
        let eids = gongwen::akn::node_eids(doc);
        let n = &mut self.nodes;
        for (k, (node, depth, order, parent)) in list.iter().enumerate() {
            n.rows += 1;
            n.doc_id.append_value(id);
            n.eid.append_value(&eids[k]);
            n.parent_eid.append_option(parent.map(|p| eids[p].as_str()));
            n.depth.append_value(*depth);
            n.order.append_value(*order);
            n.kind.append_value(node.kind.as_str());
            n.num_text
                .append_option(node.num.as_ref().map(|x| x.text.as_str()));
            n.num
                .append_option(node.num.as_ref().map(|x| i64::from(x.value)));
            n.num_sub
                .append_option(node.num.as_ref().and_then(|x| x.sub).map(i64::from));
            n.heading
                .append_option(node.heading.as_ref().map(|h| h.text.as_str()));
            n.text.append_value(node_text(node));
            n.is_guarantees.append_value(node.guarantees);
            n.span.push(&node.span);
        }
        let diags = all_diagnostics(doc);
        let g = &mut self.diagnostics;
        for x in &diags {
            g.rows += 1;
            g.doc_id.append_value(id);
            g.code.append_value(&x.code);
            g.severity.append_value(x.severity.as_str());
            g.message.append_value(&x.message);
            g.span.push(&x.span);
        }
        d.nodes.append_value(list.len() as u64);
        d.diagnostics.append_value(diags.len() as u64);
        d.has_errors
            .append_value(diags.iter().any(|x| x.severity == Severity::Error));
        id
    }

    /// The rows gathered so far as three record batches (documents, nodes, diagnostics); the
    /// builders start empty again, numbering goes on.
    pub fn finish(&mut self) -> Result<[RecordBatch; 3], TablesError> {
        let d = &mut self.documents;
        d.rows = 0;
        let docs: Vec<ArrayRef> = vec![
            Arc::new(d.doc_id.finish()),
            Arc::new(d.path.finish()),
            Arc::new(d.error.finish()),
            Arc::new(d.kind.finish()),
            Arc::new(d.title.finish()),
            Arc::new(d.issuers.finish()),
            Arc::new(d.number.finish()),
            Arc::new(d.number_code.finish()),
            Arc::new(d.number_year.finish()),
            Arc::new(d.number_seq.finish()),
            Arc::new(d.signed.finish()),
            Arc::new(d.published.finish()),
            Arc::new(d.effective.finish()),
            Arc::new(d.law_kind.finish()),
            Arc::new(d.attachments.finish()),
            Arc::new(d.nodes.finish()),
            Arc::new(d.diagnostics.finish()),
            Arc::new(d.has_errors.finish()),
            Arc::new(d.source_bytes.finish()),
            Arc::new(d.sha256.finish()),
        ];
        let n = &mut self.nodes;
        n.rows = 0;
        let mut nodes: Vec<ArrayRef> = vec![
            Arc::new(n.doc_id.finish()),
            Arc::new(n.eid.finish()),
            Arc::new(n.parent_eid.finish()),
            Arc::new(n.depth.finish()),
            Arc::new(n.order.finish()),
            Arc::new(n.kind.finish()),
            Arc::new(n.num_text.finish()),
            Arc::new(n.num.finish()),
            Arc::new(n.num_sub.finish()),
            Arc::new(n.heading.finish()),
            Arc::new(n.text.finish()),
            Arc::new(n.is_guarantees.finish()),
        ];
        n.span.finish(&mut nodes);
        let g = &mut self.diagnostics;
        g.rows = 0;
        let mut diags: Vec<ArrayRef> = vec![
            Arc::new(g.doc_id.finish()),
            Arc::new(g.code.finish()),
            Arc::new(g.severity.finish()),
            Arc::new(g.message.finish()),
        ];
        g.span.finish(&mut diags);
        Ok([
            RecordBatch::try_new(documents_schema(), docs)?,
            RecordBatch::try_new(nodes_schema(), nodes)?,
            RecordBatch::try_new(diagnostics_schema(), diags)?,
        ])
    }
}

/// The three tables written as `documents.parquet`, `nodes.parquet` and `diagnostics.parquet`
/// in a directory, a row group at a time.
#[derive(Debug)]
pub struct ParquetSink {
    tables: Tables,
    writers: [ArrowWriter<std::fs::File>; 3],
}

/// What a [`ParquetSink`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub documents: u64,
    pub nodes: u64,
    pub diagnostics: u64,
}

impl ParquetSink {
    /// Rows of a table gathered before they are written as a row group (of the nodes, the
    /// largest table; the other two go with them).
    pub const ROW_GROUP: usize = 64 * 1024;

    /// The file names, in the order of the tables.
    pub const FILES: [&'static str; 3] =
        ["documents.parquet", "nodes.parquet", "diagnostics.parquet"];

    /// Creates the three files in `dir` (which must exist), replacing files of those names.
    pub fn create(dir: &Path) -> Result<ParquetSink, TablesError> {
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(Self::ROW_GROUP))
            .build();
        let schemas = [documents_schema(), nodes_schema(), diagnostics_schema()];
        let mut writers = Vec::with_capacity(3);
        for (name, schema) in Self::FILES.iter().zip(schemas) {
            let path = dir.join(name);
            let file =
                std::fs::File::create(&path).map_err(|e| TablesError::Io(path.clone(), e))?;
            writers.push(ArrowWriter::try_new(file, schema, Some(props.clone()))?);
        }
        let writers: [ArrowWriter<std::fs::File>; 3] = writers
            .try_into()
            .map_err(|_| TablesError::Io(dir.to_path_buf(), std::io::ErrorKind::Other.into()))?;
        Ok(ParquetSink {
            tables: Tables::new(),
            writers,
        })
    }

    /// Adds one input (see [`Tables::push`]); writes the rows gathered once the nodes fill a
    /// row group.
    pub fn push(
        &mut self,
        path: &str,
        bytes: &[u8],
        doc: Result<&Document, &str>,
    ) -> Result<u32, TablesError> {
        let id = self.tables.push(path, bytes, doc);
        if self.tables.rows().1 >= Self::ROW_GROUP {
            self.write()?;
        }
        Ok(id)
    }

    fn write(&mut self) -> Result<(), TablesError> {
        let batches = self.tables.finish()?;
        for (w, b) in self.writers.iter_mut().zip(batches.iter()) {
            w.write(b)?;
            w.flush()?;
        }
        Ok(())
    }

    /// Writes what is left and closes the files.
    pub fn close(mut self) -> Result<Written, TablesError> {
        self.write()?;
        let mut rows = [0u64; 3];
        for (r, w) in rows.iter_mut().zip(self.writers) {
            let meta = w.close()?;
            *r = meta.file_metadata().num_rows() as u64;
        }
        Ok(Written {
            documents: rows[0],
            nodes: rows[1],
            diagnostics: rows[2],
        })
    }
}
