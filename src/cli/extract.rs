//! `pactum extract PATH...`: print the facts found in files, directories or stdin.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use pactum::batch;
use pactum::extract::{DateOrder, Options, Pipeline};
use pactum::ingest::{self, Limits};
use pactum::model::{line_col, FactKind};
use pactum::output::{write_facts, OutputFormat};

use super::Common;

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories to read (`-` for stdin). Directories are walked recursively.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Only these kinds (comma-separated): percent, money, date, duration, party,
    /// defined_term, clause, obligation. `date` also runs the duration extractor (term
    /// ends are dates derived from durations) without printing durations.
    #[arg(long, value_delimiter = ',')]
    pub kind: Vec<FactKind>,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub common: Common,
}

/// How documents are read; shared by `extract`, `ingest` and `diff`.
#[derive(Debug, Clone, Args)]
pub struct ReadArgs {
    /// Order of numeric dates like 03/04/2025 when the document does not settle it.
    #[arg(long, default_value = "auto", value_parser = ["auto", "mdy", "dmy"])]
    pub date_order: String,
    /// "Today" for relative dates (`next year`), as YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    pub reference_date: Option<chrono::NaiveDate>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = ingest::decode::DEFAULT_MAX_BYTES)]
    pub max_file_size: u64,
}

impl ReadArgs {
    pub fn options(&self) -> Options {
        Options {
            date_order: match self.date_order.as_str() {
                "mdy" => DateOrder::MonthFirst,
                "dmy" => DateOrder::DayFirst,
                _ => DateOrder::Auto,
            },
            reference_date: self.reference_date,
        }
    }

    /// Read limits; `content_hash` is for the commands that store documents.
    pub fn limits(&self, content_hash: bool) -> Limits {
        Limits {
            max_bytes: self.max_file_size,
            content_hash,
        }
    }
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("`{s}` is not a date like 2025-03-03: {e}"))
}

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let options = args.read.options();
    let pipeline = if args.kind.is_empty() {
        Pipeline::new(&options)
    } else {
        Pipeline::only(&options, &args.kind)
    };
    let format = args.common.format;
    let color = args.common.color();
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failed = 0usize;
    let mut first = true;
    let stderr_tty = io::stderr().is_terminal();
    if format == OutputFormat::Json {
        out.write_all(b"[\n")?;
    }
    // Each document is printed into its own buffer on the worker that read it; this
    // thread only writes the buffers out, in order.
    batch::walk_and_map(
        &args.paths,
        &args.read.limits(false),
        &pipeline,
        |o| match o.result {
            Ok((doc, facts)) => {
                let warnings: Vec<String> = doc
                    .warnings
                    .iter()
                    .map(|w| match w.span {
                        Some(s) => {
                            let (l, c) = line_col(&doc.source, s.start);
                            format!("{} (line {l}, column {c})", w.message)
                        }
                        None => w.message.clone(),
                    })
                    .collect();
                // Every JSON record is written with its leading comma; the first one
                // of the output drops it.
                let mut not_first = false;
                let mut buf = Vec::new();
                let printed = write_facts(&mut buf, format, &doc, &facts, &mut not_first, color);
                Ok((warnings, printed.map(|()| buf)))
            }
            Err(e) => Err(e),
        },
        |printed| -> io::Result<()> {
            match printed {
                Ok((warnings, buf)) => {
                    for w in &warnings {
                        super::report_warning(w, stderr_tty);
                    }
                    let mut buf: &[u8] = &buf?;
                    if format == OutputFormat::Json && !buf.is_empty() {
                        if first {
                            buf = buf.strip_prefix(b",\n").unwrap_or(buf);
                        }
                        first = false;
                    }
                    out.write_all(buf)
                }
                Err(e) => {
                    failed += 1;
                    out.flush()?;
                    super::report_error(&e);
                    Ok(())
                }
            }
        },
    )?;
    if format == OutputFormat::Json {
        out.write_all(b"\n]\n")?;
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
