//! `gongwen batch`: converts a directory tree in parallel.
//!
//! Every regular file under `INPUT_DIR` (hidden files and directories, those whose name starts
//! with `.`, left out; symbolic links to directories not followed, so the walk cannot loop) is
//! read, its format detected from its content as `convert` does, converted and written under
//! `OUT_DIR` at the same relative path with the extension of the output format (`a/b.txt` →
//! `a/b.akn.xml`). Each output is byte for byte what `gongwen convert FILE --to FMT` prints.
//!
//! Files are converted by a local rayon pool of `--jobs` threads (default: the number of
//! cores); each worker reads, converts and writes one file at a time, so memory stays at a few
//! documents whatever the size of the tree. A progress bar with documents per second is drawn on
//! standard error when it is a terminal. A file that cannot be read, decoded or converted does
//! not stop the others: every failure is listed at the end with its error, and the command
//! exits 1 if there was any.
//!
//! Outputs are streamed straight into place (no temporary file and rename: in one output
//! directory those serialise the workers on the directory's lock) and removed again when the
//! conversion fails, so a failed document leaves no output.
//!
//! Inputs are never overwritten: `OUT_DIR` equal to `INPUT_DIR` is refused, an `OUT_DIR` inside
//! `INPUT_DIR` is left out of the walk (its files are outputs, not inputs), and before anything is
//! written every output path is checked against every input (after resolving links); one
//! collision refuses the whole run. Two inputs that would write the same output (`a.txt` and
//! `a.json` to `a.akn.xml`) make the second a failure rather than overwriting the first.

use crate::{decode, exit, load, Failure};
use gongwen::Format;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The exit code when some documents failed (the others are converted).
pub const SOME_FAILED: u8 = 1;

/// What `gongwen batch` writes: a file per input in a format, or the corpus as Parquet tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Files(Format),
    Parquet,
}

/// What `gongwen batch` was asked to do.
#[derive(Debug)]
pub struct Options {
    pub input: PathBuf,
    pub out: PathBuf,
    pub to: Target,
    pub jobs: Option<usize>,
    pub pretty: bool,
}

/// One file to convert: where it is, where its output goes.
#[derive(Debug)]
struct Job {
    input: PathBuf,
    /// Bytes, to start with the largest.
    size: u64,
    /// The path relative to `INPUT_DIR`, for messages.
    rel: PathBuf,
    output: PathBuf,
}

/// The extension an output gets.
fn extension(to: Format) -> &'static str {
    match to {
        Format::Text => "txt",
        Format::Json => "json",
        Format::Xml => "xml",
        Format::Akn => "akn.xml",
        Format::Html => "html",
        _ => "out",
    }
}

/// The output's file name: the input's without its extension (`.akn.xml` counts as one), and
/// the output format's.
fn output_name(name: &str, to: Format) -> String {
    let lower = name.to_ascii_lowercase();
    let stem = if lower.ends_with(".akn.xml") && name.len() > ".akn.xml".len() {
        &name[..name.len() - ".akn.xml".len()]
    } else {
        match name.rfind('.') {
            Some(i) if i > 0 => &name[..i],
            _ => name,
        }
    };
    format!("{stem}.{}", extension(to))
}

fn io_failure(message: String) -> Failure {
    Failure {
        code: exit::IO,
        message,
    }
}

/// Walks `dir` in name order, skipping hidden entries, the output directory and links to
/// directories.
fn walk(dir: &Path, skip: Option<&Path>, out: &mut Vec<(PathBuf, bool)>) -> Result<(), Failure> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| io_failure(format!("cannot read directory {}: {e}", dir.display())))?;
    let mut paths: Vec<(PathBuf, std::fs::FileType)> = Vec::new();
    for entry in entries {
        let entry = entry
            .map_err(|e| io_failure(format!("cannot read directory {}: {e}", dir.display())))?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let ft = entry
            .file_type()
            .map_err(|e| io_failure(format!("cannot read {}: {e}", entry.path().display())))?;
        paths.push((entry.path(), ft));
    }
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, ft) in paths {
        if ft.is_dir() {
            let is_out = skip.is_some_and(|s| std::fs::canonicalize(&path).is_ok_and(|c| c == s));
            if !is_out {
                walk(&path, skip, out)?;
            }
        } else if ft.is_file() {
            out.push((path, false));
        } else if ft.is_symlink() && (path.is_file() || !path.exists()) {
            // a link to a file is an input; so is a link to nothing, which fails to read and
            // is listed as such rather than passed over
            out.push((path, true));
        } else if ft.is_symlink() && path.is_dir() {
            // a directory link could lead back into the tree or into the output: not followed,
            // and said, so that a run over links to corpora does not end empty without a word
            eprintln!(
                "note: {} is a link to a directory; links to directories are not followed",
                path.display()
            );
        }
    }
    Ok(())
}

/// The jobs of a run, after the checks that keep every input safe.
/// A file that is not converted, and why.
type Refused = (PathBuf, String);

fn plan(o: &Options, to: Format) -> Result<(Vec<Job>, Vec<Refused>), Failure> {
    let (input, out, files) = inputs(o)?;

    // where each input really is: the walk follows no directory link below a canonical root, so
    // only a link to a file needs resolving
    let inputs: HashSet<PathBuf> = files
        .iter()
        .map(|(f, link)| match link {
            true => std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()),
            false => f.clone(),
        })
        .collect();
    let mut jobs = Vec::with_capacity(files.len());
    let mut duplicates = Vec::new();
    let mut taken: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut dirs: HashSet<PathBuf> = HashSet::new();
    for (f, _) in files {
        let rel = f.strip_prefix(&input).unwrap_or(&f).to_path_buf();
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let output = out.join(rel.with_file_name(output_name(&name, to)));
        // an output that is an input, directly or through a link, would destroy it
        let resolved = match std::fs::symlink_metadata(&output) {
            Ok(_) => std::fs::canonicalize(&output).unwrap_or_else(|_| output.clone()),
            Err(_) => output.clone(),
        };
        if inputs.contains(&output) || inputs.contains(&resolved) {
            return Err(io_failure(format!(
                "refusing to overwrite the input {} with the output of {}",
                output.display(),
                f.display()
            )));
        }
        if let Some(first) = taken.get(&output) {
            duplicates.push((
                rel,
                format!(
                    "its output {} is already written from {}",
                    output.display(),
                    first.display()
                ),
            ));
            continue;
        }
        taken.insert(output.clone(), rel.clone());
        if let Some(parent) = output.parent() {
            dirs.insert(parent.to_path_buf());
        }
        jobs.push(Job {
            size: std::fs::metadata(&f).map_or(0, |m| m.len()),
            input: f,
            rel,
            output,
        });
    }
    // the output tree, made once before the workers start (not once a file)
    for d in dirs {
        std::fs::create_dir_all(&d)
            .map_err(|e| io_failure(format!("cannot create {}: {e}", d.display())))?;
    }
    Ok((jobs, duplicates))
}

fn convert(job: &Job, to: Format, pretty: bool) -> Result<(), Failure> {
    let name = job.rel.display().to_string();
    let bytes =
        std::fs::read(&job.input).map_err(|e| io_failure(format!("cannot read {name}: {e}")))?;
    let src = decode(&name, &bytes)?;
    let doc = load(&name, src, None)?;
    drop(bytes);
    // streamed straight into its place (removed again if the conversion fails)
    crate::output::write_new_file(&job.output, &name, &doc, to, pretty)
}

fn progress(len: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{bar:40} {pos}/{len} documents · {docs_per_sec} · {elapsed_precise} elapsed, eta {eta}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .with_key(
        "docs_per_sec",
        |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0} documents/s", s.per_sec());
        },
    );
    bar.set_style(style);
    bar
}

/// Runs `gongwen batch`: 0 when every document converted, 1 when some failed (listed on
/// standard error), a [`Failure`] when the run could not start.
pub fn run(o: &Options) -> Result<u8, Failure> {
    let to = match o.to {
        Target::Files(f) => f,
        Target::Parquet => return run_parquet(o),
    };
    let (jobs, duplicates) = plan(o, to)?;
    let (threads, pool) = pool(o)?;
    let start = Instant::now();
    let bar = progress(jobs.len() as u64);
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(jobs[i].size));
    let results: Vec<(usize, Option<String>)> = pool.install(|| {
        // one document a task, the largest first: the two threads finish together
        order
            .par_iter()
            .with_max_len(1)
            .map(|&i| {
                let r = convert(&jobs[i], to, o.pretty).err().map(|f| f.message);
                bar.inc(1);
                (i, r)
            })
            .collect()
    });
    bar.finish_and_clear();
    let elapsed = start.elapsed().as_secs_f64();

    let mut failed: Vec<(PathBuf, String)> = results
        .into_iter()
        .filter_map(|(i, r)| r.map(|m| (jobs[i].rel.clone(), m)))
        .collect();
    let total = jobs.len() + duplicates.len();
    failed.extend(duplicates);
    failed.sort();
    let ok = total - failed.len();
    eprintln!(
        "converted {ok} of {total} documents to {} in {elapsed:.2} s ({:.0} documents/s, {threads} jobs) into {}",
        extension(to),
        ok as f64 / elapsed.max(1e-9),
        o.out.display()
    );
    if failed.is_empty() {
        return Ok(0);
    }
    eprintln!("{} failed:", failed.len());
    for (rel, message) in &failed {
        // messages name the file already when they come from the reader
        let message = message
            .strip_prefix(&format!("{}: ", rel.display()))
            .unwrap_or(message);
        eprintln!("  {}: {message}", rel.display());
    }
    Ok(SOME_FAILED)
}

/// The local pool of `--jobs` threads (the number of cores by default), and that number.
fn pool(o: &Options) -> Result<(usize, rayon::ThreadPool), Failure> {
    let threads = o
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| io_failure(format!("cannot start {threads} threads: {e}")))?;
    Ok((threads, pool))
}

/// A file under the input directory, and whether it is a link.
type Found = (PathBuf, bool);

/// The input directory and the output directory, created, both canonical (the output must not
/// be the input), and the files under the input (not those under the output), with whether
/// each is a link.
fn inputs(o: &Options) -> Result<(PathBuf, PathBuf, Vec<Found>), Failure> {
    if !o.input.is_dir() {
        return Err(io_failure(format!(
            "{} is not a directory",
            o.input.display()
        )));
    }
    let input = std::fs::canonicalize(&o.input)
        .map_err(|e| io_failure(format!("cannot read {}: {e}", o.input.display())))?;
    std::fs::create_dir_all(&o.out)
        .map_err(|e| io_failure(format!("cannot create {}: {e}", o.out.display())))?;
    let out = std::fs::canonicalize(&o.out)
        .map_err(|e| io_failure(format!("cannot create {}: {e}", o.out.display())))?;
    if out == input {
        return Err(io_failure(format!(
            "refusing to write into the input directory {}: choose another --out",
            o.input.display()
        )));
    }
    let mut files = Vec::new();
    walk(
        &input,
        out.starts_with(&input).then_some(out.as_path()),
        &mut files,
    )?;
    Ok((input, out, files))
}

/// `gongwen batch DIR --to parquet --out OUT/`: every input a row of `documents.parquet` (one
/// that cannot be read a row with its `error`), its nodes rows of `nodes.parquet`, its
/// diagnostics rows of `diagnostics.parquet`. Inputs are read in parallel a slice at a time and
/// their rows written in path order, a row group whenever the nodes fill one: memory stays at a
/// slice of documents and a row group. Exits 1 when some input could not be read.
fn run_parquet(o: &Options) -> Result<u8, Failure> {
    let (input, out, files) = inputs(o)?;
    let (threads, pool) = pool(o)?;
    let tables_failure = |e: gongwen_tables::TablesError| io_failure(e.to_string());
    let mut sink = gongwen_tables::ParquetSink::create(&out).map_err(tables_failure)?;
    let start = Instant::now();
    let bar = progress(files.len() as u64);
    let mut failed: Vec<(PathBuf, String)> = Vec::new();
    for slice in files.chunks(16 * threads) {
        let read: Vec<(PathBuf, Vec<u8>, Result<gongwen::Document, String>)> = pool.install(|| {
            slice
                .par_iter()
                .with_max_len(1)
                .map(|(f, _)| {
                    let rel = f.strip_prefix(&input).unwrap_or(f).to_path_buf();
                    let name = rel.display().to_string();
                    let r = match std::fs::read(f) {
                        Ok(bytes) => {
                            let doc = gongwen::read(&bytes, None)
                                .map_err(|e| crate::Failure::from_error(&name, &e).message);
                            (rel, bytes, doc)
                        }
                        Err(e) => (rel, Vec::new(), Err(format!("cannot read {name}: {e}"))),
                    };
                    bar.inc(1);
                    r
                })
                .collect()
        });
        for (rel, bytes, doc) in read {
            let name = rel.display().to_string();
            let doc = doc.as_ref().map_err(|m| {
                m.strip_prefix(&format!("{name}: "))
                    .unwrap_or(m)
                    .to_string()
            });
            if let Err(m) = &doc {
                failed.push((rel.clone(), m.clone()));
            }
            let row = match &doc {
                Ok(d) => Ok(*d),
                Err(m) => Err(m.as_str()),
            };
            sink.push(&name, &bytes, row).map_err(tables_failure)?;
        }
    }
    let written = sink.close().map_err(tables_failure)?;
    bar.finish_and_clear();
    let elapsed = start.elapsed().as_secs_f64();
    eprintln!(
        "read {} of {} documents in {elapsed:.2} s ({:.0} documents/s, {threads} jobs) into {}: \
         {} documents, {} nodes, {} diagnostics",
        files.len() - failed.len(),
        files.len(),
        files.len() as f64 / elapsed.max(1e-9),
        out.display(),
        written.documents,
        written.nodes,
        written.diagnostics,
    );
    if failed.is_empty() {
        return Ok(0);
    }
    eprintln!("{} could not be read (their rows say why):", failed.len());
    for (rel, message) in &failed {
        eprintln!("  {}: {message}", rel.display());
    }
    Ok(SOME_FAILED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names() {
        assert_eq!(output_name("a.txt", Format::Akn), "a.akn.xml");
        assert_eq!(output_name("a.akn.xml", Format::Json), "a.json");
        assert_eq!(output_name("a.AKN.XML", Format::Text), "a.txt");
        assert_eq!(output_name("a.b.json", Format::Xml), "a.b.xml");
        assert_eq!(output_name("README", Format::Akn), "README.akn.xml");
        assert_eq!(output_name(".akn.xml", Format::Text), ".akn.txt");
        assert_eq!(output_name("决定.txt", Format::Json), "决定.json");
    }
}
