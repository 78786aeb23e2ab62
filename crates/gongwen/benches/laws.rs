//! A law against a 公文 of its size: text → valid AKN (`gongwen::parse` + `akn::to_string`) on
//! the 民法典 (`../shared/corpus/falv-minfadian-2020.txt`, 358 KB, 7 books, 1,260 articles) and
//! on a generated opinion of the same number of bytes (`gongwen-synth`, seed 7), twice: as
//! generated (paragraphs of two to four sentences, 342 bytes a line), and with the sentences of
//! some paragraphs on lines of their own, spread evenly, until it has as many lines as the law
//! (2,405: 149 bytes a line). The reader's time goes by lines more than by bytes (every real
//! document of the corpus shows it), so the second is the 公文 of the law's size and shape; it
//! is also the shape of the 公文 people publish: the corpus's 22 公文 have a median of about 150
//! bytes a line, where the generator writes 342, a work report's length of line
//! (`bench/corpus_rate.py`). Throughput is in bytes of the source,
//! so that the MB/s compare directly (issue 17: a law converts in the same ms/MB as a 公文).
//! `cargo bench -p gongwen --bench laws`; skipped with a notice when `../shared` is not beside
//! the workspace.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

fn text_to_akn(text: &str) -> String {
    let doc = gongwen::parse(text).expect("reads");
    gongwen::akn::to_string(&doc).expect("writes AKN")
}

/// The non-blank lines of `t`.
fn lines(t: &str) -> usize {
    t.lines().filter(|l| !l.trim().is_empty()).count()
}

/// `text` with the sentences of some of its paragraphs on lines of their own, spread evenly
/// over the text, until it has `target` lines (or every paragraph is so split).
fn sentence_lines(text: &str, target: usize) -> String {
    let paragraphs: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let need = target.saturating_sub(paragraphs.len());
    let mut out = String::with_capacity(text.len() + target);
    let (mut added, mut done) = (0usize, 0usize);
    for line in paragraphs {
        let sentences: Vec<&str> = line
            .split_inclusive('。')
            .filter(|s| !s.trim().is_empty())
            .collect();
        // split while the lines added so far lag behind the share of the text read so far
        if sentences.len() > 1 && added * text.len() < need * (done + line.len()) {
            for s in &sentences {
                out.push_str(s);
                out.push('\n');
            }
            added += sentences.len() - 1;
        } else {
            out.push_str(line);
            out.push('\n');
        }
        done += line.len() + 1;
    }
    out
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
    let same_lines = sentence_lines(&gongwen, lines(&law));
    eprintln!(
        "lines: law {}, 公文 {}, 公文 with sentences on lines of their own {}",
        lines(&law),
        lines(&gongwen),
        lines(&same_lines)
    );
    let mut g = c.benchmark_group("law_vs_gongwen");
    g.warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (name, text) in [
        ("minfadian", &law),
        ("gongwen_same_size", &gongwen),
        ("gongwen_same_size_and_lines", &same_lines),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("{name}_text_to_akn"), |b| {
            b.iter(|| text_to_akn(black_box(text)))
        });
    }
    g.finish();
}

criterion_group!(benches, laws);
criterion_main!(benches);
