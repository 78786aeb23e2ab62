//! An HTML page against its own text (issue 18: HTML → valid AKN per MB within 3× of text →
//! AKN on the same document): the largest gov.cn page of `../shared/wide/govcn` read as HTML
//! (`gongwen::read` + `akn::to_string`), and the text the page lays out
//! (`gongwen::html::page_text`) read as text. Throughput in bytes of each input.
//! `cargo bench -p gongwen --bench html`; skipped with a notice when `../shared` is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

fn html(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/wide/govcn");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "notice: {} not found; the HTML benchmark is skipped",
            dir.display()
        );
        return;
    };
    let largest = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .expect("a page");
    let page = std::fs::read(&largest).expect("page");
    let text = gongwen::html::page_text(std::str::from_utf8(&page).expect("utf-8"));
    let mut g = c.benchmark_group("html_vs_text");
    g.warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("page_html_to_akn", |b| {
        b.iter(|| {
            let doc = gongwen::read(black_box(&page), None).expect("reads");
            gongwen::akn::to_string(&doc).expect("writes")
        })
    });
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("its_text_to_akn", |b| {
        b.iter(|| {
            let doc = gongwen::parse(black_box(&text)).expect("reads");
            gongwen::akn::to_string(&doc).expect("writes")
        })
    });
    g.finish();
}

criterion_group!(benches, html);
criterion_main!(benches);
