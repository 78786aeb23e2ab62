//! Conversions between Python values and Rust values: inputs (taken out of Python before the
//! GIL is released), JSON values for `to_dict` / `from_dict`, dates and the kebab-case names of
//! the model's enums.

use crate::errors::Failure;
use gongwen::{Date, Position};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDate, PyDict, PyFloat, PyInt, PyList, PySlice, PyString,
    PyTuple,
};
use serde_json::{Map, Number, Value};

/// A document's source, taken out of Python so that the core can read it without the GIL: a
/// `str` as its UTF-8 buffer and a `bytes` as its buffer, each held with a reference to the
/// immutable object (no copy, nothing that can change while the GIL is released); a
/// `bytearray`, which can change, copied.
#[derive(Debug)]
pub enum Input {
    Text(PyBackedStr),
    Bytes(PyBackedBytes),
}

impl Input {
    /// Its length in bytes.
    pub fn len(&self) -> usize {
        match self {
            Input::Text(s) => s.len(),
            Input::Bytes(b) => b.len(),
        }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Input {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Input> {
        if let Ok(s) = obj.cast::<PyString>() {
            return match PyBackedStr::try_from(s.to_owned()) {
                Ok(t) => Ok(Input::Text(t)),
                Err(e) => Err(unencodable(&s, &e)),
            };
        }
        if obj.cast::<PyBytes>().is_ok() || obj.cast::<PyByteArray>().is_ok() {
            // bytes: borrowed; bytearray: copied (PyBackedBytes does either)
            return Ok(Input::Bytes(obj.extract::<PyBackedBytes>()?));
        }
        Err(PyTypeError::new_err(format!(
            "expected str or bytes, not {}",
            obj.get_type().name()?
        )))
    }
}

/// The error for a `str` that UTF-8 cannot encode (a lone surrogate), with its position.
fn unencodable(s: &Bound<'_, PyString>, e: &PyErr) -> PyErr {
    let py = s.py();
    let located = || -> PyResult<PyErr> {
        let value = e.value(py);
        let start: isize = value.getattr("start")?.extract()?;
        let prefix: String = s.get_item(PySlice::new(py, 0, start, 1))?.extract()?;
        let bad: String = s
            .get_item(PySlice::new(py, start, start + 1, 1))?
            .call_method1("encode", ("utf-8", "surrogatepass"))?
            .extract::<Vec<u8>>()
            .map(|b| b.iter().map(|x| format!("{x:02x}")).collect())?;
        let at = Position::at(&prefix, prefix.len());
        Ok(Failure::Core(gongwen::Error::Syntax {
            format: gongwen::Format::Text,
            message: format!("a lone surrogate (UTF-8 bytes {bad}) cannot be encoded as UTF-8"),
            at,
        })
        .into())
    };
    located().unwrap_or_else(|other| other)
}

/// The model's JSON value as plain Python objects (dict, list, str, int, float, bool, None).
pub fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for x in a {
                list.append(value_to_py(py, x)?)?;
            }
            list.into_any()
        }
        Value::Object(o) => {
            let dict = PyDict::new(py);
            for (k, x) in o {
                dict.set_item(k, value_to_py(py, x)?)?;
            }
            dict.into_any()
        }
    })
}

/// How deep `from_dict` follows nested containers (the model itself is far shallower).
const MAX_DEPTH: usize = 200;

/// Plain Python objects as a JSON value, for `from_dict`. `datetime.date` is accepted where the
/// model has a date. What JSON cannot hold is an error that names the path.
pub fn py_to_value(obj: &Bound<'_, PyAny>) -> Result<Value, PyErr> {
    let mut path = Vec::new();
    to_value(obj, &mut path).map_err(|message| {
        PyErr::from(Failure::Dict {
            message,
            path: path_string(&path),
        })
    })
}

/// A step of a path into nested containers.
enum Step {
    Key(String),
    Index(usize),
}

/// The path as serde_path_to_error writes it: `body[0].children[1].heading`.
fn path_string(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn to_value(obj: &Bound<'_, PyAny>, path: &mut Vec<Step>) -> Result<Value, String> {
    let py_err = |e: PyErr| e.to_string();
    if path.len() > MAX_DEPTH {
        return Err(format!("nested deeper than {MAX_DEPTH} levels"));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        return Err("integer out of range".into());
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| "not a finite number".to_string());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s
            .to_str()
            .map(|s| Value::String(s.to_owned()))
            .map_err(|_| "string holds a lone surrogate".to_string());
    }
    if obj.is_instance_of::<PyDate>() {
        let iso: String = obj
            .call_method0("isoformat")
            .and_then(|s| s.extract())
            .map_err(py_err)?;
        return Ok(Value::String(iso));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let key = k
                .cast::<PyString>()
                .map_err(|_| "keys must be strings".to_string())?
                .to_str()
                .map_err(|_| "key holds a lone surrogate".to_string())?
                .to_owned();
            path.push(Step::Key(key.clone()));
            let value = to_value(&v, path)?;
            path.pop();
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, item) in obj.try_iter().map_err(py_err)?.enumerate() {
            path.push(Step::Index(i));
            let value = to_value(&item.map_err(py_err)?, path)?;
            path.pop();
            out.push(value);
        }
        return Ok(Value::Array(out));
    }
    let name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    Err(format!("a value of type `{name}` has no JSON form"))
}

/// A model date as `datetime.date`.
pub fn date_to_py(py: Python<'_>, d: Date) -> PyResult<Bound<'_, PyDate>> {
    PyDate::new(py, i32::from(d.year), d.month, d.day)
}

/// A `datetime.date` as a model date (years 0–65535).
pub fn py_to_date(obj: &Bound<'_, PyAny>) -> PyResult<Date> {
    use pyo3::types::PyDateAccess;
    let d = obj
        .cast::<PyDate>()
        .map_err(|_| PyTypeError::new_err("expected a datetime.date"))?;
    let year =
        u16::try_from(d.get_year()).map_err(|_| PyValueError::new_err("year out of range"))?;
    Date::new(year, d.get_month(), d.get_day())
        .ok_or_else(|| PyValueError::new_err("not a calendar date"))
}

/// One of the model's enums from its name (`decision`, `metadata-box`…); the error lists the
/// names (the model's own, from `gongwen::model`'s `names!`).
pub fn enum_from_name<T>(what: &str, name: &str) -> PyResult<T>
where
    T: std::str::FromStr<Err = gongwen::model::UnknownName>,
{
    name.parse().map_err(|e: gongwen::model::UnknownName| {
        PyValueError::new_err(format!(
            "unknown {what} `{name}`, expected one of: {}",
            e.expected.join(", ")
        ))
    })
}

/// A string shortened for a `__repr__`: the start, an ellipsis and the end.
pub fn short(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let tail = max / 3;
    let head = max - tail - 1;
    let start: String = s.chars().take(head).collect();
    let end: String = s.chars().skip(n - tail).collect();
    format!("{start}…{end}")
}

/// Python's `repr` of a string (quotes and escapes as Python writes them).
pub fn py_repr_str(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s)
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| format!("{s:?}"))
}
