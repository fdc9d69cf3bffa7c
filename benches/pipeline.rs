//! Criterion benchmarks of parsing and extraction.
//!
//! `cargo bench --bench pipeline` measures, with throughput in bytes:
//! - `parse/*`: decode + blocks + sentences + clauses,
//! - `extract/*`: the whole extraction pipeline on parsed documents,
//!
//! over the bundled `corpus/` and over a fixed sample of `../shared/corpus` (every 10th
//! file of contracts, news and versions; set PACTUM_SHARED to move it).

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pactum::extract::{Options, Pipeline};
use pactum::ingest::{self, Input};

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
}

fn benches(c: &mut Criterion) {
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
