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
    /// Which suites: recognizers (Recognizers-Text), lexnlp, all, or cuad (CUAD labels).
    #[arg(default_value = "all", value_parser = ["recognizers", "lexnlp", "all", "cuad"])]
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
    let shared = args.shared.unwrap_or_else(eval::shared_dir);
    let dir = shared.join("eval");
    let report = if args.suites == "cuad" {
        let corpus = shared.join("corpus");
        eval::cuad::run(&corpus).with_context(|| format!("evaluating {}", corpus.display()))?
    } else {
        eval::run(which, &dir).with_context(|| format!("evaluating {}", dir.display()))?
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.common.format {
        OutputFormat::Human => {
            report.write(&mut out, args.misses)?;
            if args.suites == "cuad" {
                let macro_f1 = eval::cuad::macro_f1(&report);
                writeln!(out, "\nmacro-F1 over clause categories: {macro_f1:.3}")?;
            }
        }
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
