//! Every conversion path over the bundled sample and generated documents of about 20 KB, 1 MB and
//! 10 MB (`gongwen-synth`, seed 7): text → model, model → text / JSON / XML / AKN, JSON / XML /
//! AKN → model, and text → AKN end to end (the comparison with bluebell). Two references beside
//! them do none of gongwen's work: `reference_copy_text` copies the text into a fresh string and
//! `reference_clone_model` makes a deep copy of the model. Their growth from 1 MB to 10 MB is
//! the machine's own (its caches), the yardstick for the growth of the paths.
//!
//! Throughput is in bytes of the source text for every path, so that MB/s compare across paths
//! and sizes. Run all with `cargo bench -p gongwen --bench formats`, one size with a filter
//! (`cargo bench -p gongwen --bench formats -- 1MB/`); `cargo bench --no-run` is in CI.
//! The 10 MB group takes ten samples of a few seconds each.
//!
//! A reader that refuses an input (none does since the XML readers accept 2^20 elements) is
//! skipped with a notice on standard error. The benches use the system allocator, as a Rust
//! program that depends on the crate does by default.
//!
//! What a path returns (a model, a string) is dropped after its time is taken: freeing a 10 MB
//! model is not reading it. Criterion's `iter_with_large_drop` would keep every output of a
//! sample alive until the sample ends, so that each run wrote fresh memory; [`timed`] drops each
//! output after its run, as `examples/paths.rs` does.

use criterion::{criterion_group, criterion_main, Bencher, Criterion, Throughput};
use gongwen::Document;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Times `f` over criterion's iterations, each output dropped outside the timing.
fn timed<O>(b: &mut Bencher<'_>, mut f: impl FnMut() -> O) {
    b.iter_custom(|iters| {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            let t = Instant::now();
            let out = black_box(f());
            total += t.elapsed();
            drop(out);
        }
        total
    })
}

const SAMPLE: &str = include_str!("../../../tests/fixtures/sample-decision.txt");

/// The inputs: a name and plain text.
fn inputs() -> Vec<(&'static str, String)> {
    vec![
        ("sample", SAMPLE.to_string()),
        ("20KB", gongwen_synth::generate(7, 20_000).to_gongwen()),
        ("1MB", gongwen_synth::generate(7, 1_000_000).to_gongwen()),
        ("10MB", gongwen_synth::generate(7, 10_000_000).to_gongwen()),
    ]
}

fn formats(c: &mut Criterion) {
    for (name, text) in inputs() {
        let doc: Document = gongwen::parse(&text).expect("generated text reads");
        let json = gongwen::json::to_string(&doc);
        let xml = gongwen::xml::to_string(&doc).expect("writes XML");
        let akn = gongwen::akn::to_string(&doc).expect("writes AKN");

        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(text.len() as u64));
        match name {
            "10MB" => {
                g.sample_size(10)
                    .warm_up_time(Duration::from_secs(1))
                    .measurement_time(Duration::from_secs(10));
            }
            "1MB" => {
                g.sample_size(20)
                    .warm_up_time(Duration::from_secs(1))
                    .measurement_time(Duration::from_secs(4));
            }
            _ => {
                g.warm_up_time(Duration::from_secs(1))
                    .measurement_time(Duration::from_secs(3));
            }
        }

        g.bench_function("text_to_model", |b| {
            timed(b, || gongwen::parse(black_box(&text)))
        });
        g.bench_function("model_to_text", |b| {
            timed(b, || gongwen::text::write(black_box(&doc)))
        });
        g.bench_function("model_to_json", |b| {
            timed(b, || gongwen::json::to_string(black_box(&doc)))
        });
        g.bench_function("model_to_xml", |b| {
            timed(b, || gongwen::xml::to_string(black_box(&doc)))
        });
        g.bench_function("model_to_akn", |b| {
            timed(b, || gongwen::akn::to_string(black_box(&doc)))
        });
        g.bench_function("json_to_model", |b| {
            timed(b, || gongwen::json::from_str(black_box(&json)))
        });
        for (label, src, read) in [
            (
                "xml_to_model",
                &xml,
                gongwen::xml::from_str as fn(&str) -> Result<Document, gongwen::Error>,
            ),
            ("akn_to_model", &akn, gongwen::akn::from_str),
        ] {
            match read(src) {
                Ok(_) => {
                    g.bench_function(label, |b| timed(b, || read(black_box(src))));
                }
                Err(e) => eprintln!("notice: {name}/{label} skipped: the reader refuses it: {e}"),
            }
        }
        g.bench_function("text_to_akn", |b| {
            timed(b, || {
                let d = gongwen::parse(black_box(&text)).expect("reads");
                gongwen::akn::to_string(&d)
            })
        });
        // the machine's own growth: a document that fits in the caches against one that does not
        g.bench_function("reference_copy_text", |b| {
            timed(b, || black_box(&text).clone())
        });
        g.bench_function("reference_clone_model", |b| {
            timed(b, || black_box(&doc).clone())
        });
        g.finish();
    }
}

criterion_group!(benches, formats);
criterion_main!(benches);
