//! `pactum history --family NAME`: every term's value across all versions, oldest first.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Args;
use rayon::prelude::*;

use pactum::diff::history::{history, History};
use pactum::diff::{ClauseRef, Side};
use pactum::model::FactKind;
use pactum::output::OutputFormat;

use super::diff::{load, FamilyArgs};
use super::extract::ReadArgs;
use super::Common;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub family: FamilyArgs,
    /// Only these kinds (comma-separated; default: percent, money, date, duration).
    #[arg(long, value_delimiter = ',')]
    pub kind: Vec<FactKind>,
    /// Only the terms whose value changed (or that appeared or disappeared).
    #[arg(long)]
    pub changed: bool,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub common: Common,
}

pub fn run(args: HistoryArgs) -> anyhow::Result<ExitCode> {
    if args.family.family.is_none() {
        anyhow::bail!("history needs --family NAME");
    }
    let members = args.family.members()?;
    let loaded = members
        .par_iter()
        .map(|m| load(&m.path, &args.read))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let sides: Vec<Side<'_>> = loaded
        .iter()
        .map(|(doc, facts)| Side { doc, facts })
        .collect();
    let kinds: Vec<FactKind> = if args.kind.is_empty() {
        FactKind::ALL
            .into_iter()
            .filter(|k| k.is_quantity())
            .collect()
    } else {
        args.kind.clone()
    };
    let mut h = history(&sides, &kinds);
    if args.changed {
        h.terms.retain(|t| t.changed);
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match args.common.format {
        OutputFormat::Human => write_human(&mut out, &h, args.common.color())?,
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &h)?;
            writeln!(out)?;
        }
        OutputFormat::Jsonl => {
            for t in &h.terms {
                serde_json::to_writer(&mut out, t)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_human(out: &mut impl Write, h: &History, color: bool) -> io::Result<()> {
    let labels: Vec<&str> = h
        .versions
        .iter()
        .map(|v| v.version.as_deref().unwrap_or(v.path.as_str()))
        .collect();
    writeln!(out, "versions: {}", labels.join(" "))?;
    for t in &h.terms {
        let head = format!("{}  {}", ClauseRef::label(t.clause.as_ref()), t.kind);
        if color {
            let mark = if t.changed { "\x1b[33m*\x1b[0m " } else { "" };
            writeln!(out, "{mark}\x1b[1m{head}\x1b[0m")?;
        } else {
            writeln!(out, "{}{head}", if t.changed { "* " } else { "" })?;
        }
        // Runs of versions with the same value.
        let mut v = 0;
        while v < t.values.len() {
            let shown = t.values[v].as_ref().map(|f| f.display.clone());
            let mut w = v;
            while w + 1 < t.values.len()
                && t.values[w + 1].as_ref().map(|f| f.display.clone()) == shown
            {
                w += 1;
            }
            let range = if v == w {
                labels[v].to_owned()
            } else {
                format!("{}..{}", labels[v], labels[w])
            };
            let value = match &t.values[v] {
                Some(f) => format!(
                    "{}  \"{}\"",
                    f.display,
                    pactum::output::one_line(&f.plain, 60)
                ),
                None => "-".to_owned(),
            };
            writeln!(out, "    {range:<24} {value}")?;
            v = w + 1;
        }
    }
    Ok(())
}
