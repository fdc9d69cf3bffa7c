//! Search latency over the real corpus, in one warm process, side by side with
//! `grep -rliF` over the raw files for the keyword and phrase queries.
//!
//! ```text
//! cargo bench --bench search                       # index in target/bench-index
//! PACTUM_CORPUS=../shared/corpus PACTUM_BENCH_INDEX=/tmp/ix cargo bench --bench search
//! ```
//! The index is built from the corpus when missing (delete it after extractors change).
//! Queries come from `benches/queries.txt` (see the syntax there). Each query runs once
//! to warm up, then `ROUNDS` times; p50/p99 are over all timed runs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use pactum::batch;
use pactum::extract::{Options, Pipeline};
use pactum::index::{Index, WriterOptions};
use pactum::ingest::{self, Limits};
use pactum::search::{self, Request};
use pactum::sink::Sink;

const ROUNDS: usize = 20;

struct Query {
    line: String,
    req: Request,
    /// Text for `grep -rliF`, when the line is marked `grep:`.
    grep: Option<String>,
}

fn parse(line: &str) -> Result<Query, String> {
    let (grep, line) = match line.strip_prefix("grep:") {
        Some(rest) => (true, rest.trim()),
        None => (false, line),
    };
    let mut parts = line.split('|');
    let mut req = Request {
        query: parts.next().unwrap_or("").trim().to_owned(),
        limit: 10,
        ..Request::default()
    };
    let rest: Vec<&str> = parts.collect();
    for f in rest {
        let f = f.trim();
        let (flag, value) = f.split_once(' ').unwrap_or((f, ""));
        let value = value.trim().to_owned();
        match flag {
            "--type" => req.types.push(value),
            "--party" => req.parties.push(value),
            "--family" => req.families.push(value),
            "--kind" => req.kinds.push(value),
            "--latest" => req.latest = true,
            "--where" => req
                .conditions
                .push(value.parse().map_err(|e| format!("{e}"))?),
            other => return Err(format!("unknown filter `{other}` in `{line}`")),
        }
    }
    let grep = grep.then(|| req.query.trim_matches('"').to_owned());
    Ok(Query {
        line: line.to_owned(),
        req,
        grep,
    })
}

fn build_index(corpus: &Path, dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    eprintln!("building {} from {} ...", dir.display(), corpus.display());
    let started = Instant::now();
    let index = Index::open_or_create(dir)?;
    let mut writer = index.writer(&WriterOptions::default())?;
    let inputs = ingest::walk(&[corpus.to_owned()]);
    let pipeline = Pipeline::new(&Options::default());
    batch::for_each(&inputs, &Limits::default(), &pipeline, |o| {
        if let Ok((doc, facts)) = o.result {
            writer.put(&doc, &facts)?;
        }
        Ok::<_, pactum::Error>(())
    })?;
    writer.finish()?;
    eprintln!("built in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo bench` passes `--bench`; ignore arguments.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = std::env::var_os("PACTUM_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/corpus"));
    let corpus = if corpus.is_dir() {
        corpus
    } else {
        PathBuf::from("/work/shared/corpus")
    };
    let dir = std::env::var_os("PACTUM_BENCH_INDEX")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/bench-index"));
    if !pactum::index::exists(&dir) {
        build_index(&corpus, &dir)?;
    }
    let text = std::fs::read_to_string(root.join("benches/queries.txt"))?;
    let queries: Vec<Query> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(parse)
        .collect::<Result<_, _>>()?;

    let index = Index::open(&dir)?;
    let reader = index.reader()?;
    let mut all = Vec::new();
    let mut rows = Vec::new();
    for q in &queries {
        let hits = search::search(&reader, &q.req)?.hits.len(); // warm-up
        let mut times = Vec::with_capacity(ROUNDS);
        for _ in 0..ROUNDS {
            let t = Instant::now();
            let r = search::search(&reader, &q.req)?;
            times.push(t.elapsed());
            std::hint::black_box(r);
        }
        times.sort();
        all.extend(times.iter().copied());
        rows.push((q, hits, percentile(&times, 0.5)));
    }
    all.sort();
    println!("{:<62} {:>5} {:>9}", "query", "hits", "p50 ms");
    for (q, hits, p50) in &rows {
        let mut line = q.line.clone();
        if line.chars().count() > 60 {
            line = line.chars().take(59).collect::<String>() + "…";
        }
        println!("{line:<62} {hits:>5} {:>9.3}", ms(*p50));
    }
    println!(
        "\n{} queries x {ROUNDS} runs: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms (index {})",
        queries.len(),
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99)),
        ms(*all.last().unwrap_or(&Duration::ZERO)),
        dir.display()
    );

    // grep over the raw corpus for the same keywords and phrases, once each.
    let mut ratios = Vec::new();
    println!(
        "\n{:<32} {:>10} {:>10} {:>9}",
        "grep -rliF", "grep ms", "pactum ms", "ratio"
    );
    for (q, _, p50) in &rows {
        let Some(needle) = &q.grep else { continue };
        let t = Instant::now();
        let out = Command::new("grep")
            .args(["-rliF", needle])
            .arg(&corpus)
            .output()?;
        let g = t.elapsed();
        let files = out
            .stdout
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .count();
        let ratio = g.as_secs_f64() / p50.as_secs_f64().max(1e-9);
        ratios.push(ratio);
        println!(
            "{:<32} {:>10.1} {:>10.3} {:>8.0}x  ({files} files)",
            needle,
            ms(g),
            ms(*p50),
            ratio
        );
    }
    if !ratios.is_empty() {
        ratios.sort_by(f64::total_cmp);
        println!(
            "grep / pactum, median over {} queries: {:.0}x",
            ratios.len(),
            ratios[ratios.len() / 2]
        );
    }
    Ok(())
}
