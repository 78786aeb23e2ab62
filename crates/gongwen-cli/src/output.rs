//! Conversion output streamed to a file: the JSON, gongwen XML and AKN writers hand their
//! output over in blocks, so converting a large document never holds the whole output in
//! memory beside the model (a 10 MB text is about 30 MB of AKN).
//!
//! A regular file (or a new one) is written under a temporary name beside it and renamed into
//! place when complete, so that a failed conversion leaves no half-written output and an
//! existing file untouched; anything else (`/dev/null`, a pipe) is written directly.

use crate::{exit, Failure};
use gongwen::Format;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes what `gongwen convert --to FMT` prints for `doc` into `path`, under a temporary name
/// renamed into place (an existing file is untouched when the conversion fails).
pub(crate) fn write_file(
    path: &Path,
    name: &str,
    doc: &gongwen::Document,
    to: Format,
    pretty: bool,
) -> Result<(), Failure> {
    let r = with_file(path, |w| render(w, doc, to, pretty));
    failure(r, path, name)
}

/// Writes what `gongwen convert --to FMT` prints for `doc` straight into `path` (`batch`: a new
/// output), removing it again when the conversion fails.
pub(crate) fn write_new_file(
    path: &Path,
    name: &str,
    doc: &gongwen::Document,
    to: Format,
    pretty: bool,
) -> Result<(), Failure> {
    let r = File::create(path).and_then(|file| {
        let mut w = BufWriter::with_capacity(1 << 16, file);
        render(&mut w, doc, to, pretty)?;
        w.flush()
    });
    if r.is_err() {
        let _ = std::fs::remove_file(path);
    }
    failure(r, path, name)
}

fn render(
    w: &mut dyn Write,
    doc: &gongwen::Document,
    to: Format,
    pretty: bool,
) -> std::io::Result<()> {
    match to {
        Format::Text => w.write_all(gongwen::text::write(doc).as_bytes()),
        Format::Json => {
            if pretty {
                gongwen::json::to_writer_pretty(doc, w)?;
            } else {
                gongwen::json::to_writer(doc, w)?;
            }
            w.write_all(b"\n")
        }
        Format::Xml => gongwen::xml::to_writer(doc, w),
        Format::Akn => gongwen::akn::to_writer(doc, w),
        // the argument parser takes only formats gongwen writes
        other => Err(std::io::Error::other(format!(
            "gongwen does not write {other}"
        ))),
    }
}

fn failure(r: std::io::Result<()>, path: &Path, name: &str) -> Result<(), Failure> {
    r.map_err(|e| {
        // a document XML cannot hold: the writers' own error, as `convert` reports it
        match e.get_ref().and_then(|x| x.downcast_ref::<gongwen::Error>()) {
            Some(ge) => Failure::from_error(name, ge),
            None => Failure {
                code: exit::IO,
                message: format!("cannot write {}: {e}", path.display()),
            },
        }
    })
}

/// The temporary name a file is written under: hidden, beside it, unique to this process.
fn temporary(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.gongwen-tmp", std::process::id()))
}

fn with_file(
    path: &Path,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let regular = std::fs::metadata(path).map_or(true, |m| m.is_file());
    if !regular {
        let mut w = BufWriter::with_capacity(1 << 16, OpenOptions::new().write(true).open(path)?);
        f(&mut w)?;
        return w.flush();
    }
    let tmp = temporary(path);
    let result = File::create(&tmp).and_then(|file| {
        let mut w = BufWriter::with_capacity(1 << 16, file);
        f(&mut w)?;
        w.flush()
    });
    match result.and_then(|()| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
