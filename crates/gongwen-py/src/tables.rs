//! The corpus as Arrow tables (`gongwen.read_corpus`): files read and parsed without the GIL on
//! a few threads, rows built by `gongwen-tables`, each table handed to Python through the Arrow
//! PyCapsule interface (`__arrow_c_stream__`), which pyarrow, polars and DuckDB import without a
//! copy.

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

/// One input read: its name, its bytes and its document or why there is none.
type Read = (String, Vec<u8>, Result<gongwen::Document, String>);

/// One table of the corpus; `pyarrow.table(t)` (or any reader of the Arrow PyCapsule
/// interface) takes it without a copy.
#[pyclass(frozen, module = "gongwen._gongwen", name = "ArrowTable")]
#[derive(Debug)]
pub struct PyArrowTable {
    batch: RecordBatch,
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
        let reader = RecordBatchIterator::new(vec![Ok(self.batch.clone())], self.batch.schema());
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }

    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __repr__(&self) -> String {
        format!(
            "<ArrowTable {} rows, {} columns>",
            self.batch.num_rows(),
            self.batch.num_columns()
        )
    }
}

/// Reads every path (a file each) and returns the `documents`, `nodes` and `diagnostics`
/// tables; a file that cannot be read or parsed is a `documents` row whose `error` says why.
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
    let batches = py.detach(|| {
        let read = |p: &std::path::PathBuf| {
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
        // each thread takes the next path until none is left (large files do not hold one
        // thread back while the others wait); rows are put back in the order of `paths`
        let next = std::sync::atomic::AtomicUsize::new(0);
        let mut results: Vec<(usize, Read)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    s.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(p) = paths.get(i) else { break };
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
        let results: Vec<_> = results.into_iter().map(|r| r.1).collect();
        let mut tables = gongwen_tables::Tables::new();
        for (name, bytes, doc) in &results {
            let row = match doc {
                Ok(d) => Ok(d),
                Err(m) => Err(m.as_str()),
            };
            tables.push(name, bytes, row);
        }
        tables.finish()
    });
    let [d, n, g] = batches.map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok((
        PyArrowTable { batch: d },
        PyArrowTable { batch: n },
        PyArrowTable { batch: g },
    ))
}
