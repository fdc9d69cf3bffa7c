//! `pactum stats`: what the index holds: documents, clauses, facts per kind, version
//! families, size on disk.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use pactum::index::Index;
use pactum::model::VersionKey;
use pactum::output::OutputFormat;

use super::ingest::IndexArgs;
use super::Common;

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub index: IndexArgs,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Default, Serialize)]
struct Stats {
    index: String,
    size_bytes: u64,
    documents: usize,
    documents_by_kind: BTreeMap<String, usize>,
    /// Bytes of the indexed files.
    source_bytes: u64,
    clauses: usize,
    facts: usize,
    facts_by_kind: BTreeMap<String, usize>,
    families: Vec<Family>,
}

#[derive(Debug, Serialize)]
struct Family {
    family: String,
    /// Oldest first (version order, not string order).
    versions: Vec<String>,
}

pub fn run(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let index = Index::open(&args.index.dir)?;
    let reader = index.reader()?;
    let (clauses, _) = reader.counts()?;
    let mut s = Stats {
        index: args.index.dir.display().to_string(),
        size_bytes: index.size_on_disk(),
        clauses,
        ..Stats::default()
    };
    let mut families: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in reader.documents()? {
        s.documents += 1;
        s.source_bytes += d.bytes;
        *s.documents_by_kind.entry(d.kind.clone()).or_default() += 1;
        for (k, n) in &d.fact_counts {
            s.facts += n;
            *s.facts_by_kind.entry(k.clone()).or_default() += n;
        }
        if let (Some(f), Some(v)) = (d.family, d.version) {
            families.entry(f).or_default().push(v);
        }
    }
    s.families = families
        .into_iter()
        .map(|(family, mut versions)| {
            versions.sort_by_key(|v| VersionKey::parse(v));
            Family { family, versions }
        })
        .collect();
    let mut out = BufWriter::new(io::stdout().lock());
    match args.common.format {
        OutputFormat::Json | OutputFormat::Jsonl => {
            serde_json::to_writer(&mut out, &s)?;
            writeln!(out)?;
        }
        OutputFormat::Human => {
            let mb = |b: u64| b as f64 / 1e6;
            writeln!(
                out,
                "index:     {} ({:.1} MB on disk, {:.2}x the {:.1} MB indexed)",
                s.index,
                mb(s.size_bytes),
                s.size_bytes as f64 / (s.source_bytes.max(1) as f64),
                mb(s.source_bytes)
            )?;
            let kinds: Vec<String> = s
                .documents_by_kind
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            writeln!(out, "documents: {} ({})", s.documents, kinds.join(", "))?;
            writeln!(out, "clauses:   {}", s.clauses)?;
            writeln!(out, "facts:     {}", s.facts)?;
            for (k, n) in &s.facts_by_kind {
                writeln!(out, "  {k:<14}{n:>9}")?;
            }
            writeln!(out, "families:  {}", s.families.len())?;
            for f in &s.families {
                writeln!(out, "  {}: {}", f.family, f.versions.join(", "))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
