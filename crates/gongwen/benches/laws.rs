//! A law against a 公文 of its size: text → valid AKN (`gongwen::parse` + `akn::to_string`) on
//! the 民法典 (`../shared/corpus/falv-minfadian-2020.txt`, 358 KB, 7 books, 1,260 articles) and
//! on a generated decision of the same number of bytes (`gongwen-synth`, seed 7). Throughput is
//! in bytes of the source, so that the two MB/s compare directly (issue 17: a law converts in the
//! same ms/MB as a 公文). `cargo bench -p gongwen --bench laws`; skipped with a notice when
//! `../shared` is not beside the workspace.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

fn text_to_akn(text: &str) -> String {
    let doc = gongwen::parse(text).expect("reads");
    gongwen::akn::to_string(&doc).expect("writes AKN")
}

fn laws(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/falv-minfadian-2020.txt");
    let Ok(law) = std::fs::read_to_string(&path) else {
        eprintln!(
            "notice: {} not found; the law benchmark is skipped",
            path.display()
        );
        return;
    };
    let gongwen = gongwen_synth::generate(7, law.len()).to_gongwen();
    let mut g = c.benchmark_group("law_vs_gongwen");
    g.warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (name, text) in [("minfadian", &law), ("gongwen_same_size", &gongwen)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("{name}_text_to_akn"), |b| {
            b.iter(|| text_to_akn(black_box(text)))
        });
    }
    g.finish();
}

criterion_group!(benches, laws);
criterion_main!(benches);
