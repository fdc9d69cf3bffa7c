//! Criterion benchmarks of parsing and extraction.
//!
//! `cargo bench --bench pipeline` measures, with throughput in bytes:
//! - `parse/*`: decode + blocks + sentences + clauses,
//! - `extract/*`: the whole extraction pipeline on parsed documents,
//! - `index/*`: writing parsed documents into a new index and committing it (records
//!   built on the calling thread, tantivy's writer on its default threads), with their
//!   facts (`with-facts`) and without any (`text-only`: the cost of indexing alone, the
//!   floor under `pactum ingest` whatever the extractors cost),
//!
//! over the bundled `corpus/` and over a fixed sample of `../shared/corpus` (every 10th
//! file of contracts, news and versions; set PACTUM_SHARED to move it), and
//! - `pathological/*`: every extractor over the bad inputs of issue 3 (a line of digits,
//!   `1,1,1,...`, `%` signs, one sentence of words) at 1 MB and at 10 MB: the time per
//!   byte stays the same when extraction is linear (`cargo bench --bench pipeline --
//!   pathological`).

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pactum::extract::{Options, Pipeline};
use pactum::index::{Index, WriterOptions};
use pactum::ingest::{self, Input};
use pactum::model::{Document, Fact};

fn files(root: &Path, every: usize) -> Vec<(PathBuf, Vec<u8>)> {
    ingest::walk(&[root.to_path_buf()])
        .into_iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(p),
            _ => None,
        })
        .step_by(every)
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect()
}

fn shared() -> PathBuf {
    std::env::var_os("PACTUM_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

fn bench_set(c: &mut Criterion, name: &str, set: &[(PathBuf, Vec<u8>)]) {
    if set.is_empty() {
        eprintln!("skipping {name}: no files");
        return;
    }
    let bytes: u64 = set.iter().map(|(_, b)| b.len() as u64).sum();
    let pipeline = Pipeline::new(&Options::default());
    let docs: Vec<_> = set
        .iter()
        .filter_map(|(p, b)| ingest::parse(p, b).ok())
        .collect();

    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function(name, |b| {
        b.iter(|| {
            set.iter()
                .filter_map(|(p, b)| ingest::parse(p, b).ok())
                .count()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function(name, |b| {
        b.iter(|| docs.iter().map(|d| pipeline.run(d).len()).sum::<usize>())
    });
    g.finish();

    let facts: Vec<Vec<Fact>> = docs.iter().map(|d| pipeline.run(d)).collect();
    let none: Vec<Vec<Fact>> = vec![Vec::new(); docs.len()];
    let mut g = c.benchmark_group("index");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    for (kind, facts) in [("text-only", &none), ("with-facts", &facts)] {
        g.bench_function(format!("{name}/{kind}"), |b| {
            b.iter(|| index_all(&docs, facts))
        });
    }
    g.finish();
}

/// Write `docs` with `facts` into a new index in a temporary directory and commit.
fn index_all(docs: &[Document], facts: &[Vec<Fact>]) -> usize {
    let dir = tempfile::tempdir().expect("temporary directory");
    let index = Index::open_or_create(dir.path()).expect("new index");
    let mut writer = index.writer(&WriterOptions::default()).expect("writer");
    let builder = writer.builder();
    let mut records = 0;
    for (doc, facts) in docs.iter().zip(facts) {
        let prepared = builder.build(doc, facts);
        records += prepared.len();
        writer.put_prepared(prepared).expect("put");
    }
    writer.finish().expect("commit");
    records
}

/// Every extractor over one document of `unit` repeated to about `size` bytes.
fn bench_pathological(c: &mut Criterion) {
    let pipeline = Pipeline::new(&Options::default());
    let mut g = c.benchmark_group("pathological");
    g.sample_size(10);
    let inputs = [
        ("digits", "9"),
        ("ones-and-commas", "1,"),
        ("percent-signs", "%"),
        ("one-sentence", "the party shall pay forty five dollars "),
    ];
    for (name, unit) in inputs {
        for (label, size) in [("1MB", 1 << 20), ("10MB", 10 << 20)] {
            let text = unit.repeat(size / unit.len());
            let path = PathBuf::from(format!("{name}.txt"));
            let doc = ingest::parse(&path, text.as_bytes()).expect("a text document");
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(format!("{name}/{label}"), |b| {
                b.iter(|| pipeline.run(&doc).len())
            });
        }
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    bench_pathological(c);
    let bundled = files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"), 1);
    bench_set(c, "bundled-corpus", &bundled);
    let root = shared().join("corpus");
    let mut sample = Vec::new();
    for sub in ["contracts", "news", "versions"] {
        sample.extend(files(&root.join(sub), 10));
    }
    bench_set(c, "shared-corpus-sample", &sample);
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
