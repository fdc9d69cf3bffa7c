//! `pactum ingest PATH...`: walk folders in parallel, extract every fact, and hand each
//! document to the store. Ends with a summary.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use serde::Serialize;

use pactum::batch;
use pactum::extract::Pipeline;
use pactum::ingest::{self, Input};
use pactum::output::OutputFormat;

use super::extract::ReadArgs;
use super::Common;

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or directories to ingest (walked recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub common: Common,
}

/// What an ingest run did; printed at the end (`--format json` prints this object).
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub bytes: u64,
    pub facts: usize,
    pub facts_by_kind: BTreeMap<String, usize>,
    pub failed: usize,
    pub failures: Vec<Failure>,
    pub warnings: usize,
    pub elapsed_seconds: f64,
    pub mb_per_second: f64,
}

#[derive(Debug, Serialize)]
pub struct Failure {
    pub path: String,
    pub reason: String,
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let options = args.read.options();
    let pipeline = Pipeline::new(&options);
    let inputs = ingest::walk(&args.paths);
    let total_bytes: u64 = inputs
        .iter()
        .map(|i| match i {
            Input::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            _ => 0,
        })
        .sum();
    let bar = progress_bar(total_bytes);
    let mut summary = Summary::default();
    batch::for_each(
        &inputs,
        &args.read.limits(),
        &pipeline,
        |o| -> io::Result<()> {
            match o.result {
                Ok((doc, facts)) => {
                    summary.files += 1;
                    summary.bytes += o.bytes;
                    summary.warnings += doc.warnings.len();
                    for w in &doc.warnings {
                        bar.suspend(|| {
                            super::report_warning(&w.message, io::stderr().is_terminal())
                        });
                    }
                    summary.facts += facts.len();
                    for f in &facts {
                        *summary
                            .facts_by_kind
                            .entry(f.kind().as_str().to_owned())
                            .or_default() += 1;
                    }
                }
                Err(e) => {
                    summary.failed += 1;
                    bar.suspend(|| super::report_error(&e));
                    summary.failures.push(Failure {
                        path: o.path.display().to_string(),
                        reason: e.to_string(),
                    });
                }
            }
            bar.inc(o.bytes);
            Ok(())
        },
    )?;
    bar.finish_and_clear();
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
                "ingested {} files, {:.1} MB in {:.2}s ({:.1} MB/s)",
                s.files,
                s.bytes as f64 / 1e6,
                s.elapsed_seconds,
                s.mb_per_second
            )?;
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
