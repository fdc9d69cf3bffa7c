//! Criterion benchmarks of `pactum diff`.
//!
//! `cargo bench --bench diff` measures, for the pairs of issue 6 in
//! `../shared/corpus/versions` (set PACTUM_SHARED to move it):
//! - `diff/<pair>`: the diff alone (clause alignment, word diff, fact comparison), on
//!   documents already parsed and extracted;
//! - `diff_end_to_end/<pair>`: parse + extract both versions, then diff.
//!
//! Pairs: the Marketplace Developer Agreement 2020-07-21 -> 2021-01-01, the Common Paper
//! CSA 1.0 -> 2.0 and DPA 1.0 -> 1.1, the largest consecutive pair in the folder, and
//! two ~100 KB documents (each the Corporate Terms of Service followed by the Terms of
//! Service of the same period, concatenated).

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pactum::diff::{diff, Side};
use pactum::extract::{Options, Pipeline};
use pactum::ingest;
use pactum::model::{Document, Fact, VersionKey};

fn shared_versions() -> PathBuf {
    std::env::var_os("PACTUM_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join("corpus/versions")
}

/// The consecutive pair of versions with the most bytes in all families.
fn largest_pair(root: &Path) -> Option<(String, PathBuf, PathBuf)> {
    let mut best: Option<(u64, String, PathBuf, PathBuf)> = None;
    for fam in std::fs::read_dir(root).ok()?.flatten() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(fam.path())
            .ok()?
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort_by_key(|p| {
            VersionKey::parse(&p.file_stem().unwrap_or_default().to_string_lossy())
        });
        for w in files.windows(2) {
            let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
            let total = size(&w[0]) + size(&w[1]);
            if best.as_ref().is_none_or(|b| total > b.0) {
                let name = format!(
                    "largest {} {} -> {}",
                    fam.file_name().to_string_lossy(),
                    w[0].file_stem().unwrap_or_default().to_string_lossy(),
                    w[1].file_stem().unwrap_or_default().to_string_lossy()
                );
                best = Some((total, name, w[0].clone(), w[1].clone()));
            }
        }
    }
    best.map(|(_, n, a, b)| (n, a, b))
}

fn read_all(paths: &[PathBuf]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for p in paths {
        out.extend(std::fs::read(p).ok()?);
        out.extend(b"\n\n");
    }
    Some(out)
}

fn bench(c: &mut Criterion) {
    let root = shared_versions();
    if !root.is_dir() {
        eprintln!("skipping diff benches: {} not found", root.display());
        return;
    }
    let v = |f: &str, n: &str| vec![root.join(f).join(n)];
    let corp = "github-corporate-terms-of-service";
    let tos = "github-terms-of-service";
    let mut pairs: Vec<(String, Vec<PathBuf>, Vec<PathBuf>)> = vec![
        (
            "marketplace 2020-07-21 -> 2021-01-01".into(),
            v("github-marketplace-developer-agreement", "2020-07-21.md"),
            v("github-marketplace-developer-agreement", "2021-01-01.md"),
        ),
        (
            "csa 1.0 -> 2.0".into(),
            v("commonpaper-cloud-service-agreement", "1.0.md"),
            v("commonpaper-cloud-service-agreement", "2.0.md"),
        ),
        (
            "dpa 1.0 -> 1.1".into(),
            v("commonpaper-data-processing-agreement", "1.0.md"),
            v("commonpaper-data-processing-agreement", "1.1.md"),
        ),
        (
            "two ~100 KB docs".into(),
            vec![
                root.join(corp).join("2019-04-19.md"),
                root.join(tos).join("2019-04-19.md"),
            ],
            vec![
                root.join(corp).join("2019-07-01.md"),
                root.join(tos).join("2019-11-13.md"),
            ],
        ),
    ];
    if let Some((name, a, b)) = largest_pair(&root) {
        pairs.push((name, vec![a], vec![b]));
    }
    let pipeline = Pipeline::new(&Options::default());
    let load = |paths: &[PathBuf]| -> Option<(Vec<u8>, Document, Vec<Fact>)> {
        let bytes = read_all(paths)?;
        let doc = ingest::parse(&paths[0], &bytes).ok()?;
        let facts = pipeline.run(&doc);
        Some((bytes, doc, facts))
    };
    let mut g = c.benchmark_group("diff");
    g.sample_size(20);
    let mut loaded = Vec::new();
    for (name, a, b) in &pairs {
        let (Some(old), Some(new)) = (load(a), load(b)) else {
            eprintln!("skipping {name}: files missing");
            continue;
        };
        eprintln!("{name}: {} + {} bytes", old.0.len(), new.0.len());
        g.throughput(Throughput::Bytes((old.0.len() + new.0.len()) as u64));
        g.bench_function(name.as_str(), |bch| {
            bch.iter(|| {
                diff(
                    Side {
                        doc: &old.1,
                        facts: &old.2,
                    },
                    Side {
                        doc: &new.1,
                        facts: &new.2,
                    },
                )
            })
        });
        loaded.push((name.clone(), a.clone(), old.0, b.clone(), new.0));
    }
    g.finish();
    let mut g = c.benchmark_group("diff_end_to_end");
    g.sample_size(10);
    for (name, a, old, b, new) in &loaded {
        g.throughput(Throughput::Bytes((old.len() + new.len()) as u64));
        g.bench_function(name.as_str(), |bch| {
            bch.iter(|| {
                let (Ok(od), Ok(nd)) = (ingest::parse(&a[0], old), ingest::parse(&b[0], new))
                else {
                    return 0;
                };
                let (of, nf) = (pipeline.run(&od), pipeline.run(&nd));
                diff(
                    Side {
                        doc: &od,
                        facts: &of,
                    },
                    Side {
                        doc: &nd,
                        facts: &nf,
                    },
                )
                .changes
                .len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
