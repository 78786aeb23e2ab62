//! The tables written as Parquet read back as they were built: schemas, row counts equal to the
//! documents' node and diagnostic counts, texts identical, bad inputs as rows that say why.

use arrow_array::{Array, RecordBatch, StringArray, UInt32Array, UInt64Array};
use gongwen_tables::{diagnostics_schema, documents_schema, nodes_schema, ParquetSink, Tables};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::path::{Path, PathBuf};

fn read_back(path: &Path) -> Vec<RecordBatch> {
    let file = std::fs::File::open(path).expect("parquet file");
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("a parquet file")
        .build()
        .expect("a reader");
    reader.map(|b| b.expect("a batch")).collect()
}

fn strings(batches: &[RecordBatch], column: &str) -> Vec<Option<String>> {
    batches
        .iter()
        .flat_map(|b| {
            let a = b
                .column_by_name(column)
                .expect("column")
                .as_any()
                .downcast_ref::<StringArray>()
                .expect("strings")
                .clone();
            (0..a.len())
                .map(move |i| (!a.is_null(i)).then(|| a.value(i).to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files_under(&p, out);
        } else if p.is_file() {
            out.push(p);
        }
    }
}

fn count_nodes(doc: &gongwen::Document) -> usize {
    fn nodes(ns: &[gongwen::Node]) -> usize {
        ns.iter().map(|n| 1 + nodes(&n.children)).sum()
    }
    nodes(&doc.body)
        + doc
            .attachments
            .iter()
            .map(|a| count_nodes(&a.content))
            .sum::<usize>()
}

/// Writes `files` through a sink into `out` and checks what reads back against the documents
/// read in process.
fn check(files: &[PathBuf], root: &Path, out: &Path) -> (usize, usize) {
    std::fs::create_dir_all(out).expect("out");
    let mut sink = ParquetSink::create(out).expect("sink");
    let mut want_nodes: Vec<String> = Vec::new();
    let mut want_counts = Vec::new();
    let mut errors = 0;
    for f in files {
        let bytes = std::fs::read(f).unwrap_or_default();
        let rel = f.strip_prefix(root).unwrap_or(f).display().to_string();
        match gongwen::read(&bytes, None) {
            Ok(doc) => {
                sink.push(&rel, &bytes, Ok(&doc)).expect("push");
                want_counts.push(count_nodes(&doc) as u64);
                want_nodes.extend(gongwen::akn::node_eids(&doc));
            }
            Err(e) => {
                errors += 1;
                sink.push(&rel, &bytes, Err(&e.to_string())).expect("push");
                want_counts.push(0);
            }
        }
    }
    let written = sink.close().expect("close");
    assert_eq!(written.documents as usize, files.len());
    assert_eq!(written.nodes as usize, want_nodes.len());

    let docs = read_back(&out.join("documents.parquet"));
    let nodes = read_back(&out.join("nodes.parquet"));
    let diags = read_back(&out.join("diagnostics.parquet"));
    assert_eq!(docs[0].schema(), documents_schema());
    assert_eq!(nodes[0].schema(), nodes_schema());
    if let Some(d) = diags.first() {
        assert_eq!(d.schema(), diagnostics_schema());
    }
    let counts: Vec<u64> = docs
        .iter()
        .flat_map(|b| {
            let a = b
                .column_by_name("nodes")
                .expect("nodes")
                .as_any()
                .downcast_ref::<UInt64Array>()
                .expect("u64")
                .clone();
            a.values().to_vec()
        })
        .collect();
    assert_eq!(counts, want_counts, "node counts per document");
    let eids: Vec<String> = strings(&nodes, "eid").into_iter().flatten().collect();
    assert_eq!(eids, want_nodes, "eIds in order");
    let error_rows = strings(&docs, "error")
        .iter()
        .filter(|e| e.is_some())
        .count();
    assert_eq!(error_rows, errors);
    // every node row's doc_id names a document row
    for b in &nodes {
        let ids = b
            .column_by_name("doc_id")
            .expect("doc_id")
            .as_any()
            .downcast_ref::<UInt32Array>()
            .expect("u32");
        assert!(ids.values().iter().all(|&i| (i as usize) < files.len()));
    }
    (files.len(), want_nodes.len())
}

#[test]
fn fixtures_and_bad_inputs_read_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tables-fixtures");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("scratch");
    // a 0-byte file, a binary file and a file that is not there: rows that say why
    let empty = scratch.join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let binary = scratch.join("binary.bin");
    std::fs::write(&binary, [0u8, 1, 2, 3, 0xff, 0xfe, 0, 0]).expect("write");
    files.push(empty);
    files.push(binary);
    let (docs, nodes) = check(&files, &root, &scratch.join("out"));
    assert!(docs > 20 && nodes > 100, "{docs} documents, {nodes} nodes");
    let back = read_back(&scratch.join("out/documents.parquet"));
    let errors = strings(&back, "error");
    let paths = strings(&back, "path");
    let why = |name: &str| {
        let i = paths
            .iter()
            .position(|p| p.as_deref().is_some_and(|p| p.ends_with(name)))
            .expect("a row");
        errors[i].clone().unwrap_or_default()
    };
    assert!(why("empty.txt").contains("empty"), "{}", why("empty.txt"));
    assert!(
        why("binary.bin").contains("binary"),
        "{}",
        why("binary.bin")
    );
}

#[test]
fn the_shared_corpus_reads_back() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if !shared.join("wide").is_dir() {
        eprintln!(
            "notice: ../shared not found beside the workspace; the corpus tables are not checked"
        );
        return;
    }
    let mut files = Vec::new();
    files_under(&shared.join("wide"), &mut files);
    files_under(&shared.join("corpus"), &mut files);
    files.retain(|f| {
        f.extension()
            .is_some_and(|e| e == "txt" || e == "md" || e == "html")
    });
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tables-shared");
    let _ = std::fs::remove_dir_all(&out);
    let (docs, nodes) = check(&files, &shared, &out);
    assert!(
        docs > 250 && nodes > 20_000,
        "{docs} documents, {nodes} nodes"
    );
}

#[test]
fn tables_in_memory_number_documents_and_start_again() {
    let doc = gongwen::parse(
        "关于加强某项工作的通知\n各单位：\n一、总体要求\n（一）明确目标。到年底完成。\n",
    )
    .expect("reads");
    let mut t = Tables::new();
    assert_eq!(t.push("a.txt", b"a", Ok(&doc)), 0);
    assert_eq!(t.push("b.txt", b"", Err("input is empty")), 1);
    assert_eq!(t.rows(), (2, 2, doc.diagnostics.len()));
    let [d, n, _] = t.finish().expect("batches");
    assert_eq!((d.num_rows(), n.num_rows()), (2, 2));
    let eids: Vec<Option<String>> = strings(std::slice::from_ref(&n), "eid");
    let parents = strings(&[n], "parent_eid");
    assert_eq!(
        eids,
        [
            Some("part_1".to_string()),
            Some("part_1__sec_1".to_string())
        ]
    );
    assert_eq!(parents, [None, Some("part_1".to_string())]);
    assert_eq!(t.rows(), (0, 0, 0));
    assert_eq!(t.push("c.txt", b"c", Ok(&doc)), 2);
}
