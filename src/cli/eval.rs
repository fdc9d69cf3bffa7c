//! `pactum eval [recognizers|lexnlp|all] [--misses]`: score the extractors on the
//! labelled suites in `../shared/eval` and print precision, recall and F1 per suite and
//! kind, the excluded groups and (with `--misses`) every miss.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use pactum::eval::{self, Which};
use pactum::output::OutputFormat;

use super::Common;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Which suites: recognizers (Recognizers-Text), lexnlp, or all.
    #[arg(default_value = "all", value_parser = ["recognizers", "lexnlp", "all"])]
    pub suites: String,
    /// Also list every miss: expected but not found, found but not expected.
    #[arg(long)]
    pub misses: bool,
    /// The shared folder holding `eval/` (default: ../shared next to the crate).
    #[arg(long, env = "PACTUM_SHARED")]
    pub shared: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let which = match args.suites.as_str() {
        "recognizers" => Which::Recognizers,
        "lexnlp" => Which::Lexnlp,
        _ => Which::All,
    };
    let dir = args.shared.unwrap_or_else(eval::shared_dir).join("eval");
    let report = eval::run(which, &dir).with_context(|| format!("evaluating {}", dir.display()))?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.common.format {
        OutputFormat::Human => report.write(&mut out, args.misses)?,
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report.to_json(args.misses))?;
            writeln!(out)?;
        }
        OutputFormat::Jsonl => {
            for row in report.to_json(args.misses)["rows"]
                .as_array()
                .into_iter()
                .flatten()
            {
                serde_json::to_writer(&mut out, row)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
