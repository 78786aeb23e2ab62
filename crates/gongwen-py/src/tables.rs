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
use gongwen_tables::TablesError;

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
    ) -> Result<(), TablesError> {
        self.tables.push(name, bytes, doc);
        if self.tables.rows().1 >= gongwen_tables::ParquetSink::ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), TablesError> {
        let batches = self.tables.finish()?;
        self.add(batches);
        Ok(())
    }

    /// Batches built elsewhere, in order after those gathered so far.
    fn add(&mut self, batches: [RecordBatch; 3]) {
        for (all, b) in self.batches.iter_mut().zip(batches) {
            if b.num_rows() > 0 {
                all.push(b);
            }
        }
    }

    fn finish(mut self) -> Result<(PyArrowTable, PyArrowTable, PyArrowTable), TablesError> {
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
/// The paths are cut into runs of [`RUN`] files; each thread takes the next run and reads,
/// parses, hashes and turns into rows its files (documents dropped as they are added, so memory
/// holds the tables and a document a thread), numbering them from the run's first index; the
/// runs' batches are put back in the order of `paths`.
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
    let runs: Vec<&[std::path::PathBuf]> = paths.chunks(RUN).collect();
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, runs.len().max(1));
    let out = py.detach(|| {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let mut done: Vec<(usize, Result<[RecordBatch; 3], TablesError>)> =
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads)
                    .map(|_| {
                        s.spawn(|| {
                            let mut mine = Vec::new();
                            loop {
                                let r = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                                let Some(run) = runs.get(r) else { break };
                                mine.push((r, read_run(run, r * RUN)));
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
        done.sort_unstable_by_key(|d| d.0);
        let mut gathered = Gathered::new();
        for (_, batches) in done {
            gathered.add(batches?);
        }
        gathered.finish()
    });
    out.map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Files a thread reads at a time: enough that a run's rows make batches worth having, few
/// enough that the threads share a corpus evenly.
const RUN: usize = 64;

/// The rows of a run of files, numbered from `first`.
fn read_run(run: &[std::path::PathBuf], first: usize) -> Result<[RecordBatch; 3], TablesError> {
    let mut tables = gongwen_tables::Tables::starting_at(first as u32);
    for p in run {
        let name = p.display().to_string();
        match std::fs::read(p) {
            Ok(bytes) => {
                let doc = gongwen::read(&bytes, None).map_err(|e| e.to_string());
                let row = match &doc {
                    Ok(d) => Ok(d),
                    Err(m) => Err(m.as_str()),
                };
                tables.push(&name, &bytes, row);
            }
            Err(e) => {
                tables.push(&name, b"", Err(&format!("cannot read {name}: {e}")));
            }
        }
    }
    tables.finish()
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
