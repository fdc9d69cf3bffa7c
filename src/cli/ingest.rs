//! `pactum ingest PATH...`: walk folders in parallel, extract every fact, and write each
//! document to the index (`--index DIR`, `PACTUM_INDEX`, default `.pactum/`).
//!
//! Incremental: a file whose content hash is already in the index is skipped without
//! being parsed; a changed file replaces its old entries; `--prune` drops entries of
//! files under the given folders that are gone. Commits every few seconds (and at the
//! end), so a killed run keeps what it committed. Ends with a summary.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use rayon::prelude::*;
use serde::Serialize;

use pactum::batch;
use pactum::extract::Pipeline;
use pactum::index::{paths, Index, Prepared, RecordBuilder, WriterOptions};
use pactum::ingest::{self, Input};
use pactum::output::OutputFormat;
use pactum::sink::{CommitPolicy, Sink, Status};

use super::extract::ReadArgs;
use super::Common;

/// Where the index lives; shared by `ingest`, `search`, `show` and `stats`.
#[derive(Debug, Clone, Args)]
pub struct IndexArgs {
    /// Index directory.
    #[arg(
        long = "index",
        env = "PACTUM_INDEX",
        default_value = ".pactum",
        value_name = "DIR"
    )]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or directories to ingest (walked recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Remove from the index the files under PATHs that no longer exist.
    #[arg(long)]
    pub prune: bool,
    /// Commit after this many documents (a killed run keeps what was committed).
    #[arg(long, default_value_t = 20_000, value_name = "N")]
    pub commit_every: usize,
    /// Commit at least this often, in seconds.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    pub commit_seconds: f64,
    #[command(flatten)]
    pub index: IndexArgs,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub common: Common,
}

/// What an ingest run did; printed at the end (`--format json` prints this object).
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub index: String,
    /// Files read and (re)indexed: `new + changed`.
    pub files: usize,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Indexed files under PATHs that are gone (removed with `--prune`).
    pub gone: usize,
    pub bytes: u64,
    pub facts: usize,
    pub facts_by_kind: BTreeMap<String, usize>,
    pub failed: usize,
    pub failures: Vec<Failure>,
    pub warnings: usize,
    pub commits: usize,
    pub elapsed_seconds: f64,
    pub mb_per_second: f64,
}

#[derive(Debug, Serialize)]
pub struct Failure {
    pub path: String,
    pub reason: String,
}

/// Documents ready for the writer that may wait in the channel.
const CHANNEL: usize = 64;

/// One input, processed on a worker thread.
struct Done {
    path: PathBuf,
    bytes: u64,
    result: Result<Ready, pactum::Error>,
}

/// A document turned into index records, with what the summary needs.
struct Ready {
    id: String,
    prepared: Prepared,
    warnings: Vec<String>,
    facts_by_kind: Vec<(&'static str, usize)>,
}

/// Build the records of one read and extracted input (on a worker thread).
fn prepare(o: batch::Outcome, builder: &RecordBuilder, keys: &paths::Keys) -> Done {
    let result = o.result.map(|(mut doc, facts)| {
        doc.id = keys.key(&o.path);
        let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
        for f in &facts {
            *kinds.entry(f.kind().as_str()).or_default() += 1;
        }
        Ready {
            prepared: builder.build(&doc, &facts),
            warnings: doc.warnings.iter().map(|w| w.message.clone()).collect(),
            facts_by_kind: kinds.into_iter().collect(),
            id: doc.id,
        }
    });
    Done {
        path: o.path,
        bytes: o.bytes,
        result,
    }
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let options = args.read.options();
    let pipeline = Pipeline::new(&options);
    let inputs = ingest::walk(&args.paths);
    let index = Index::open_or_create(&args.index.dir)?;
    // Files are stored under their path relative to the index's folder (see
    // `index::paths`), however the paths were spelled on the command line.
    let keys = paths::Keys::new(index.root());
    let key = |p: &Path| keys.key(p);
    let mut sink = index.writer(&WriterOptions::default())?;
    let mut summary = Summary {
        index: args.index.dir.display().to_string(),
        ..Summary::default()
    };

    // 1. What needs work: hash every file (in parallel) against the index.
    let statuses: HashMap<String, Status> = if sink.paths().is_empty() {
        HashMap::new()
    } else {
        inputs
            .par_iter()
            .filter_map(|i| match i {
                Input::File(p) => {
                    let bytes = std::fs::read(p).ok()?;
                    let hash = blake3::hash(&bytes).to_hex();
                    let k = key(p);
                    let status = sink.status(&k, hash.as_str());
                    Some((k, status))
                }
                _ => None,
            })
            .collect()
    };
    let status_of = |path: &str| statuses.get(path).copied().unwrap_or(Status::New);
    let walked: HashSet<String> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(key(p)),
            _ => None,
        })
        .collect();
    let todo: Vec<Input> = inputs
        .into_iter()
        .filter(|i| match i {
            Input::File(p) => status_of(&key(p)) != Status::Unchanged,
            _ => true,
        })
        .collect();
    summary.unchanged = walked.len() - todo.iter().filter(|i| matches!(i, Input::File(_))).count();

    // 2. Read, extract and write what changed.
    let total_bytes: u64 = todo
        .iter()
        .map(|i| match i {
            Input::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            _ => 0,
        })
        .sum();
    let bar = progress_bar(total_bytes);
    let mut policy = CommitPolicy::new(
        args.commit_every,
        Duration::from_secs_f64(args.commit_seconds.max(0.0)),
    );
    // Extraction and record building run on rayon's threads, tokenizing on tantivy's;
    // this thread only hands records to the writer and keeps the books. The channel is
    // bounded, so memory stays flat whichever side is slower.
    let builder = sink.builder();
    let limits = args.read.limits(true);
    let (tx, rx) = mpsc::sync_channel::<Done>(CHANNEL);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        scope.spawn(|| {
            // An error means the consumer stopped (it failed): stop producing.
            // A claim of small files at a time, extracted together (`batch::process_each`).
            let _ = todo
                .par_chunks(batch::CLAIM)
                .try_for_each_with(tx, |tx, claim| {
                    let claim: Vec<&Input> = claim.iter().collect();
                    let mut sent = Ok(());
                    batch::process_each(&claim, &limits, &pipeline, |o| {
                        if sent.is_ok() {
                            sent = tx.send(prepare(o, &builder, &keys)).map_err(|_| ());
                        }
                    });
                    sent
                });
        });
        let rx = rx; // dropped on return, which stops the producers
        for done in rx.iter() {
            match done.result {
                Ok(ready) => {
                    match status_of(&ready.id) {
                        Status::Changed => summary.changed += 1,
                        _ => summary.new += 1,
                    }
                    summary.files += 1;
                    summary.bytes += done.bytes;
                    summary.warnings += ready.warnings.len();
                    for w in &ready.warnings {
                        bar.suspend(|| {
                            super::report_warning(
                                &format_args!("{}: {}", ready.id, w),
                                io::stderr().is_terminal(),
                            )
                        });
                    }
                    for (k, n) in ready.facts_by_kind {
                        summary.facts += n;
                        *summary.facts_by_kind.entry(k.to_owned()).or_default() += n;
                    }
                    sink.put_prepared(ready.prepared)?;
                    if policy.wrote_one() {
                        sink.commit()?;
                        policy.committed();
                    }
                }
                Err(e) => {
                    summary.failed += 1;
                    bar.suspend(|| super::report_error(&e));
                    summary.failures.push(Failure {
                        path: done.path.display().to_string(),
                        reason: e.to_string(),
                    });
                }
            }
            bar.inc(done.bytes);
        }
        Ok(())
    })?;
    summary.failures.sort_by(|a, b| a.path.cmp(&b.path));
    bar.finish_and_clear();

    // 3. Files that are gone.
    let roots: Vec<PathBuf> = args.paths.iter().map(|p| paths::absolute(p)).collect();
    let gone: Vec<String> = sink
        .paths()
        .into_iter()
        .filter(|p| !walked.contains(p))
        .filter(|p| {
            let file = keys.resolve(p);
            roots.iter().any(|r| file.starts_with(r)) && !file.is_file()
        })
        .collect();
    summary.gone = gone.len();
    if args.prune {
        for p in &gone {
            sink.remove(p)?;
            summary.removed += 1;
        }
    }
    summary.commits = sink.commits() + usize::from(sink.is_dirty());
    sink.finish()
        .with_context(|| format!("committing to {}", args.index.dir.display()))?;

    summary.elapsed_seconds = started.elapsed().as_secs_f64();
    summary.mb_per_second = summary.bytes as f64 / 1e6 / summary.elapsed_seconds.max(1e-9);
    print_summary(&summary, args.common.format)?;
    Ok(if summary.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn progress_bar(total: u64) -> indicatif::ProgressBar {
    if !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, eta {eta})") {
        bar.set_style(style);
    }
    bar
}

fn print_summary(s: &Summary, format: OutputFormat) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match format {
        OutputFormat::Json | OutputFormat::Jsonl => {
            serde_json::to_writer(&mut out, s)?;
            writeln!(out)
        }
        OutputFormat::Human => {
            writeln!(
                out,
                "indexed {} files into {} ({} new, {} changed, {} unchanged, {} removed), \
                 {:.1} MB in {:.2}s ({:.1} MB/s)",
                s.files,
                s.index,
                s.new,
                s.changed,
                s.unchanged,
                s.removed,
                s.bytes as f64 / 1e6,
                s.elapsed_seconds,
                s.mb_per_second
            )?;
            if s.gone > s.removed {
                writeln!(
                    out,
                    "{} indexed files are gone; run again with --prune to drop them",
                    s.gone - s.removed
                )?;
            }
            writeln!(out, "facts: {}", s.facts)?;
            for (k, n) in &s.facts_by_kind {
                writeln!(out, "  {k:<14}{n:>9}")?;
            }
            if s.warnings > 0 {
                writeln!(out, "warnings: {}", s.warnings)?;
            }
            writeln!(out, "failed: {}", s.failed)?;
            for f in &s.failures {
                writeln!(out, "  {}: {}", f.path, f.reason)?;
            }
            Ok(())
        }
    }
}
