//! The corpus as Arrow tables (`gongwen.read_corpus`): files read and parsed without the GIL on
//! a few threads, rows built by `gongwen-tables`, each table handed to Python through the Arrow
//! PyCapsule interface (`__arrow_c_stream__`), which pyarrow, polars and DuckDB import without a
//! copy.

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator};
use arrow_schema::SchemaRef;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::document::PyDocument;

/// One input read: its name, its bytes and its document or why there is none.
type Read = (String, Vec<u8>, Result<gongwen::Document, String>);

/// One table of the corpus, as record batches; `pyarrow.table(t)` (or any reader of the Arrow
/// PyCapsule interface) takes it without a copy.
#[pyclass(frozen, module = "gongwen._gongwen", name = "ArrowTable")]
#[derive(Debug)]
pub struct PyArrowTable {
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
}

#[pymethods]
impl PyArrowTable {
    /// The table as an Arrow C stream (a PyCapsule named `arrow_array_stream`).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        // the schema is fixed (docs/tables.md): a request for another one is not honoured,
        // which the interface allows
        let _ = requested_schema;
        let reader = RecordBatchIterator::new(
            self.batches.clone().into_iter().map(Ok),
            self.schema.clone(),
        );
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }

    #[getter]
    fn num_rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    fn __len__(&self) -> usize {
        self.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "<ArrowTable {} rows, {} columns>",
            self.num_rows(),
            self.schema.fields().len()
        )
    }
}

/// The three tables, gathered a batch at a time.
struct Gathered {
    tables: gongwen_tables::Tables,
    batches: [Vec<RecordBatch>; 3],
}

impl Gathered {
    fn new() -> Gathered {
        Gathered {
            tables: gongwen_tables::Tables::new(),
            batches: Default::default(),
        }
    }

    fn push(
        &mut self,
        name: &str,
        bytes: &[u8],
        doc: Result<&gongwen::Document, &str>,
    ) -> Result<(), gongwen_tables::TablesError> {
        self.tables.push(name, bytes, doc);
        if self.tables.rows().1 >= gongwen_tables::ParquetSink::ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), gongwen_tables::TablesError> {
        for (all, b) in self.batches.iter_mut().zip(self.tables.finish()?) {
            if b.num_rows() > 0 {
                all.push(b);
            }
        }
        Ok(())
    }

    fn finish(
        mut self,
    ) -> Result<(PyArrowTable, PyArrowTable, PyArrowTable), gongwen_tables::TablesError> {
        self.flush()?;
        let schemas = [
            gongwen_tables::documents_schema(),
            gongwen_tables::nodes_schema(),
            gongwen_tables::diagnostics_schema(),
        ];
        let [d, n, g] = std::array::from_fn(|i| PyArrowTable {
            schema: schemas[i].clone(),
            batches: std::mem::take(&mut self.batches[i]),
        });
        Ok((d, n, g))
    }
}

/// Reads every path (a file each) and returns the `documents`, `nodes` and `diagnostics`
/// tables; a file that cannot be read or parsed is a `documents` row whose `error` says why.
/// Files are read a slice at a time (a few per thread, each thread taking the next path), their
/// rows added in the order of `paths` and their documents dropped, so memory holds a slice of
/// documents and the tables, not every document of the corpus.
#[pyfunction]
#[pyo3(signature = (paths, threads=None))]
pub fn read_corpus(
    py: Python<'_>,
    paths: Vec<std::path::PathBuf>,
    threads: Option<usize>,
) -> PyResult<(PyArrowTable, PyArrowTable, PyArrowTable)> {
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, paths.len().max(1));
    let read = |p: &std::path::PathBuf| -> Read {
        let name = p.display().to_string();
        match std::fs::read(p) {
            Ok(bytes) => {
                let doc = gongwen::read(&bytes, None).map_err(|e| e.to_string());
                (name, bytes, doc)
            }
            Err(e) => (
                name.clone(),
                Vec::new(),
                Err(format!("cannot read {name}: {e}")),
            ),
        }
    };
    let out = py.detach(|| {
        let mut gathered = Gathered::new();
        for slice in paths.chunks(16 * threads) {
            for (name, bytes, doc) in read_slice(slice, threads, &read) {
                let row = match &doc {
                    Ok(d) => Ok(d),
                    Err(m) => Err(m.as_str()),
                };
                gathered.push(&name, &bytes, row)?;
            }
        }
        gathered.finish()
    });
    out.map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The slice's files read on `threads` threads, each taking the next path (a large file does
/// not hold one thread back while the others wait), in the order of the slice.
fn read_slice(
    slice: &[std::path::PathBuf],
    threads: usize,
    read: &(impl Fn(&std::path::PathBuf) -> Read + Sync),
) -> Vec<Read> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, Read)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.min(slice.len()))
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(p) = slice.get(i) else { break };
                        mine.push((i, read(p)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    results.sort_unstable_by_key(|r| r.0);
    results.into_iter().map(|r| r.1).collect()
}

/// The three tables of documents already read: `names` gives each its `path` (its place in
/// the list, from 0, when there are no names); `source_bytes` and `sha256` are those of its
/// canonical text, the bytes it came from not being kept.
#[pyfunction]
#[pyo3(signature = (docs, names=None))]
pub fn tables(
    py: Python<'_>,
    docs: Vec<PyRef<'_, PyDocument>>,
    names: Option<Vec<String>>,
) -> PyResult<(PyArrowTable, PyArrowTable, PyArrowTable)> {
    if let Some(n) = &names {
        if n.len() != docs.len() {
            return Err(PyValueError::new_err(format!(
                "{} names for {} documents",
                n.len(),
                docs.len()
            )));
        }
    }
    let docs: Vec<&gongwen::Document> = docs.iter().map(|d| d.document()).collect();
    let out = py.detach(|| {
        let mut gathered = Gathered::new();
        for (i, doc) in docs.iter().enumerate() {
            let name = names
                .as_ref()
                .map_or_else(|| i.to_string(), |n| n[i].clone());
            let text = gongwen::text::write(doc);
            gathered.push(&name, text.as_bytes(), Ok(doc))?;
        }
        gathered.finish()
    });
    out.map_err(|e| PyValueError::new_err(e.to_string()))
}
