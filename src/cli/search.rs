//! `pactum search QUERY`: search the index; exit 1 when nothing matched.
//!
//! Snippets mark matched words in bold red on a terminal and with `«` `»` otherwise
//! (in JSON too: the `snippet` string carries the markers).

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use pactum::index::Index;
use pactum::model::Fact;
use pactum::output::{one_line, OutputFormat};
use pactum::search::{self, Condition, Hit, Request};

use super::ingest::IndexArgs;
use super::Common;

/// Marks around highlighted words in JSON and plain-text output.
pub const OPEN: &str = "«";
pub const CLOSE: &str = "»";

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words, "phrases", AND/OR/NOT, field:value (heading:termination). Several
    /// arguments are joined with spaces. May be empty when a filter is given.
    pub query: Vec<String>,
    /// Only clauses of this type (e.g. termination_for_convenience). Repeatable (OR).
    #[arg(long = "type", value_name = "CLAUSE_TYPE")]
    pub types: Vec<String>,
    /// Only documents with this party (words of the name, as a phrase). Repeatable (OR).
    #[arg(long, value_name = "NAME")]
    pub party: Vec<String>,
    /// Only this version family. Repeatable (OR).
    #[arg(long, value_name = "NAME")]
    pub family: Vec<String>,
    /// Only contracts or only news.
    #[arg(long, value_parser = ["contract", "news"])]
    pub kind: Vec<String>,
    /// Only the newest version of each family (unversioned documents stay).
    #[arg(long)]
    pub latest: bool,
    /// Fact condition, e.g. "percent >= 15", "money > 1000000 USD", "date < 2030-01-01",
    /// "duration <= P30D". Repeatable (all must hold).
    #[arg(long = "where", value_name = "CONDITION", value_parser = parse_condition)]
    pub conditions: Vec<Condition>,
    /// At most this many results.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    #[command(flatten)]
    pub index: IndexArgs,
    #[command(flatten)]
    pub common: Common,
}

fn parse_condition(s: &str) -> Result<Condition, String> {
    s.parse::<Condition>().map_err(|e| e.0)
}

/// A hit as printed in JSON: the library's hit plus the marked snippet.
#[derive(Serialize)]
struct JsonHit<'a> {
    #[serde(flatten)]
    hit: &'a Hit,
    snippet: String,
}

#[derive(Serialize)]
struct JsonResults<'a> {
    query: &'a str,
    total_units: usize,
    hits: Vec<JsonHit<'a>>,
}

pub fn run(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let query = args.query.join(" ");
    let index = Index::open(&args.index.dir)?;
    let reader = index.reader()?;
    let req = Request {
        query: query.clone(),
        types: args.types,
        parties: args.party,
        families: args.family,
        kinds: args.kind,
        latest: args.latest,
        conditions: args.conditions,
        limit: args.limit,
    };
    let results = search::search(&reader, &req)?;
    let color = args.common.color();
    let mut out = BufWriter::new(io::stdout().lock());
    match args.common.format {
        OutputFormat::Json => {
            let r = JsonResults {
                query: &query,
                total_units: results.total_units,
                hits: results.hits.iter().map(json_hit).collect(),
            };
            serde_json::to_writer_pretty(&mut out, &r)?;
            writeln!(out)?;
        }
        OutputFormat::Jsonl => {
            for h in &results.hits {
                serde_json::to_writer(&mut out, &json_hit(h))?;
                writeln!(out)?;
            }
        }
        OutputFormat::Human => {
            for h in &results.hits {
                write_human(&mut out, h, color)?;
            }
            if results.hits.is_empty() {
                // stderr, so `pactum search x | wc -l` still counts hits only
                eprintln!("no match");
            }
        }
    }
    out.flush()?;
    Ok(if results.hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn json_hit(h: &Hit) -> JsonHit<'_> {
    JsonHit {
        hit: h,
        snippet: h.snippet.marked(OPEN, CLOSE),
    }
}

fn write_human(out: &mut impl Write, h: &Hit, color: bool) -> io::Result<()> {
    let version = h
        .version
        .as_deref()
        .map(|v| format!("  v{}", v.trim_start_matches(['v', 'V'])))
        .unwrap_or_default();
    let types = if h.clause_types.is_empty() || h.unit == "document" {
        String::new()
    } else {
        format!("  [{}]", h.clause_types.join(", "))
    };
    let label = one_line(&h.label, 70);
    if color {
        writeln!(
            out,
            "\x1b[35m{}\x1b[0m{version}  \x1b[1m{label}\x1b[0m{types}  \x1b[2m({:.2})\x1b[0m",
            h.path, h.score
        )?;
        writeln!(out, "    {}", h.snippet.marked("\x1b[1;31m", "\x1b[0m"))?;
    } else {
        writeln!(out, "{}{version}  {label}{types}  ({:.2})", h.path, h.score)?;
        writeln!(out, "    {}", h.snippet.marked(OPEN, CLOSE))?;
    }
    if !h.facts.is_empty() {
        writeln!(out, "    {}", facts_line(&h.facts, 6))?;
    }
    Ok(())
}

/// `percent 15% "15 percent" · money 1000000 USD "$1 million"`, at most `max` facts.
pub fn facts_line(facts: &[Fact], max: usize) -> String {
    let mut parts: Vec<String> = facts
        .iter()
        .take(max)
        .map(|f| {
            format!(
                "{} {} \"{}\"",
                f.kind(),
                f.value.display(),
                one_line(&f.text, 40)
            )
        })
        .collect();
    if facts.len() > max {
        parts.push(format!("+{} more", facts.len() - max));
    }
    parts.join(" · ")
}
