//! Times conversion paths in process, for the scripts under `bench/` (criterion's benches are
//! the reference; this is the quick measurement a script can call).
//!
//! ```text
//! cargo run --release -p gongwen --example paths -- FILE [--runs N] [--paths a,b,…] [--cold]
//! ```
//!
//! `--cold` writes 96 MiB before every timed run, so that no cache holds the input or the model
//! (whatever the size, the run reads them from memory, as a document met once does).
//!
//! `FILE` is plain text. Prints one JSON object a line: `{"path": "text_to_akn", "bytes": …,
//! "runs": N, "median_s": …, "min_s": …}`, the times of N runs after one warm-up run. Paths:
//! `text_to_model`, `model_to_text`, `model_to_json`, `model_to_xml`, `model_to_akn`,
//! `json_to_model`, `xml_to_model`, `akn_to_model`, `text_to_akn`, and the streaming writers
//! `model_to_json_stream`, `model_to_xml_stream`, `model_to_akn_stream` (to `io::sink()`, as
//! `convert -o` streams to its file); then two references that do none of gongwen's work,
//! `copy_text` and `clone_model` (the growth of the machine itself, see [`REFERENCES`]); all by
//! default. A reader that refuses its input prints `{"path": …, "error": "…"}` instead.
//!
//! It allocates with the system allocator; `examples/paths_mimalloc.rs` is the same program with
//! mimalloc, the allocator the Python extension ships.

use std::hint::black_box;
use std::time::Instant;

const PATHS: &[&str] = &[
    "text_to_model",
    "model_to_text",
    "model_to_json",
    "model_to_xml",
    "model_to_akn",
    "json_to_model",
    "xml_to_model",
    "akn_to_model",
    "text_to_akn",
    "model_to_json_stream",
    "model_to_xml_stream",
    "model_to_akn_stream",
];

/// Not gongwen's paths: the machine's own growth, timed the same way. `copy_text` copies the
/// input into a fresh string (the least any conversion does with its bytes), `clone_model` makes
/// a deep copy of the model (the least any writer does: read every string of it once, and
/// write as many bytes). Neither does any work of gongwen's, so their 10 MB / 1 MB ratio is what
/// the memory hierarchy alone adds between a document that fits in the caches and one that
/// does not.
const REFERENCES: &[&str] = &["copy_text", "clone_model"];

/// The median and the minimum of `runs` timed calls of `f` after one untimed call. What a call
/// returns is dropped after its time is taken, as in the criterion benches: freeing a 10 MB
/// model is not reading it.
fn time<T>(runs: usize, cold: &mut Option<Vec<u8>>, mut f: impl FnMut() -> T) -> (f64, f64) {
    black_box(f());
    let mut ts: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            if let Some(buf) = cold.as_mut() {
                evict(buf);
            }
            let t = Instant::now();
            let out = black_box(f());
            let elapsed = t.elapsed().as_secs_f64();
            drop(out);
            elapsed
        })
        .collect();
    ts.sort_by(f64::total_cmp);
    (ts[ts.len() / 2], ts[0])
}

/// Writes every cache line of `buf` (three times the last-level cache here), so that the next
/// run finds neither its input nor its model in any cache: what a document read from disk and
/// converted once meets, whatever its size.
fn evict(buf: &mut [u8]) {
    for i in (0..buf.len()).step_by(64) {
        buf[i] = buf[i].wrapping_add(1);
    }
    black_box(&buf);
}

fn json_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

pub fn main() {
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut runs = 5;
    let mut cold = None;
    let mut paths: Vec<String> = PATHS
        .iter()
        .chain(REFERENCES)
        .map(|s| s.to_string())
        .collect();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--cold" => cold = Some(vec![0u8; 96 << 20]),
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(5),
            "--paths" => {
                paths = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .map(str::to_string)
                    .collect()
            }
            _ => file = Some(a),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: paths FILE [--runs N] [--paths a,b,…] [--cold]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {file}: {e}");
            std::process::exit(3);
        }
    };
    let doc = match gongwen::parse(&text) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(6);
        }
    };
    let json = gongwen::json::to_string(&doc);
    let xml = gongwen::xml::to_string(&doc).unwrap_or_default();
    let akn = gongwen::akn::to_string(&doc).unwrap_or_default();
    for p in &paths {
        let refusal = match p.as_str() {
            "xml_to_model" => gongwen::xml::from_str(&xml).err(),
            "akn_to_model" => gongwen::akn::from_str(&akn).err(),
            _ => None,
        };
        if let Some(e) = refusal {
            println!(
                "{{\"path\": \"{p}\", \"error\": \"{}\"}}",
                json_escape(&e.to_string())
            );
            continue;
        }
        let (median, min) = match p.as_str() {
            "text_to_model" => time(runs, &mut cold, || gongwen::parse(&text)),
            "model_to_text" => time(runs, &mut cold, || gongwen::text::write(&doc)),
            "model_to_json" => time(runs, &mut cold, || gongwen::json::to_string(&doc)),
            "model_to_xml" => time(runs, &mut cold, || gongwen::xml::to_string(&doc)),
            "model_to_akn" => time(runs, &mut cold, || gongwen::akn::to_string(&doc)),
            "json_to_model" => time(runs, &mut cold, || gongwen::json::from_str(&json)),
            "xml_to_model" => time(runs, &mut cold, || gongwen::xml::from_str(&xml)),
            "akn_to_model" => time(runs, &mut cold, || gongwen::akn::from_str(&akn)),
            "text_to_akn" => time(runs, &mut cold, || {
                gongwen::parse(&text).map(|d| gongwen::akn::to_string(&d))
            }),
            // what `convert -o` does: the output streamed in blocks (here to nowhere), never
            // held whole
            "model_to_json_stream" => time(runs, &mut cold, || {
                gongwen::json::to_writer(&doc, &mut std::io::sink())
            }),
            "model_to_xml_stream" => time(runs, &mut cold, || {
                gongwen::xml::to_writer(&doc, &mut std::io::sink())
            }),
            "model_to_akn_stream" => time(runs, &mut cold, || {
                gongwen::akn::to_writer(&doc, &mut std::io::sink())
            }),
            "copy_text" => time(runs, &mut cold, || text.clone()),
            "clone_model" => time(runs, &mut cold, || doc.clone()),
            other => {
                eprintln!(
                    "unknown path {other}; known: {}, {}",
                    PATHS.join(", "),
                    REFERENCES.join(", ")
                );
                std::process::exit(2);
            }
        };
        println!(
            "{{\"path\": \"{p}\", \"bytes\": {}, \"runs\": {runs}, \"median_s\": {median:.6}, \"min_s\": {min:.6}}}",
            text.len()
        );
    }
}
