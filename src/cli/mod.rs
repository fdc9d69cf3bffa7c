//! Command-line interface: clap derive structs, one file per subcommand. Each
//! subcommand validates its arguments into a config, then calls the library.

pub mod diff;
pub mod eval;
pub mod extract;
pub mod history;
pub mod ingest;
pub mod search;
pub mod show;
pub mod stats;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand};

use pactum::output::OutputFormat;

/// pactum: extract, index, search and diff the facts in contracts and business news.
#[derive(Debug, Parser)]
#[command(name = "pactum", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the facts found in files, directories or stdin (`-`).
    Extract(extract::ExtractArgs),
    /// Read folders in parallel, extract facts and add them to the index.
    Ingest(ingest::IngestArgs),
    /// Score the extractors on the labelled suites in ../shared/eval.
    Eval(eval::EvalArgs),
    /// Search the index: words, "phrases", AND/OR/NOT, field:value, filters.
    Search(search::SearchArgs),
    /// List a document's clauses and facts from the index.
    Show(show::ShowArgs),
    /// Summarise the index: documents, clauses, facts, families, size.
    Stats(stats::StatsArgs),
    /// Show the terms that changed between two versions (exit 1 when any did).
    Diff(diff::DiffArgs),
    /// Show every term's value across all versions of a family.
    History(history::HistoryArgs),
}

/// Options every subcommand has.
#[derive(Debug, Clone, Args)]
pub struct Common {
    /// Output format.
    #[arg(long, global = true, default_value = "human",
          value_parser = clap::builder::PossibleValuesParser::new(OutputFormat::NAMES)
              .map(|s| OutputFormat::from_name(&s)))]
    pub format: OutputFormat,
    /// Colors: auto (on a terminal), always, never.
    #[arg(long, global = true, default_value = "auto", value_parser = ["auto", "always", "never"])]
    pub color: String,
}

impl Common {
    pub fn color(&self) -> bool {
        match self.color.as_str() {
            "always" => true,
            "never" => false,
            _ => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

/// Run the parsed command. Errors bubble up to `main`, which prints them and exits 2.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Search(args) => search::run(args),
        Command::Show(args) => show::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Diff(args) => diff::run(args),
        Command::History(args) => history::run(args),
    }
}

/// Print a per-file problem the way every subcommand does: `pactum: <message>`.
pub fn report_error(message: &dyn std::fmt::Display) {
    eprintln!("pactum: error: {message}");
}

/// Print a warning (`pactum: warning: <message>`), yellow on a terminal.
pub fn report_warning(message: &dyn std::fmt::Display, color: bool) {
    if color {
        eprintln!("pactum: \x1b[33mwarning\x1b[0m: {message}");
    } else {
        eprintln!("pactum: warning: {message}");
    }
}
