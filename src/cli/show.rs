//! `pactum show PATH-or-ID`: a document's clauses and facts, as the index holds them.
//! PATH is the path as ingested (a unique suffix of it is enough); ID is a search
//! result's `id` (`path#N`) and shows that one clause with its text.

use std::io::{self, BufWriter, Write};
use std::path::{Component, Path};
use std::process::ExitCode;

use anyhow::bail;
use clap::Args;
use serde::Serialize;

use pactum::index::{paths, DocRecord, Index, Reader, UnitRecord};
use pactum::output::{one_line, OutputFormat};

use super::ingest::IndexArgs;
use super::Common;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A document path (or a unique suffix of it) or a clause id (`path#N`).
    pub target: String,
    #[command(flatten)]
    pub index: IndexArgs,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    document: &'a DocRecord,
    clauses: &'a [UnitRecord],
}

#[derive(Serialize)]
struct JsonClause<'a> {
    clause: &'a UnitRecord,
    text: &'a str,
}

pub fn run(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let index = Index::open(&args.index.dir)?;
    let reader = index.reader()?;
    let mut out = BufWriter::new(io::stdout().lock());
    let format = args.common.format;
    if args.target.contains('#') {
        if let Some(u) = reader.unit(&args.target)? {
            match format {
                OutputFormat::Human => {
                    writeln!(out, "{}  {}", u.path, u.label())?;
                    write_unit_facts(&mut out, &u, "  ")?;
                    writeln!(out)?;
                    writeln!(out, "{}", u.text.trim())?;
                }
                _ => {
                    let j = JsonClause {
                        clause: &u,
                        text: u.text.trim(),
                    };
                    serde_json::to_writer(&mut out, &j)?;
                    writeln!(out)?;
                }
            }
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    let doc = find_document(&reader, &index.root(), &args.target)?;
    let units = reader.units_of(&doc.path)?;
    match format {
        OutputFormat::Json | OutputFormat::Jsonl => {
            serde_json::to_writer(
                &mut out,
                &JsonDocument {
                    document: &doc,
                    clauses: &units,
                },
            )?;
            writeln!(out)?;
        }
        OutputFormat::Human => write_human(&mut out, &doc, &units)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The document stored under `target` as given, as the key its path has (relative to the
/// index's folder `root`, however it is spelled), or else the one stored path that ends
/// with it.
fn find_document(reader: &Reader, root: &Path, target: &str) -> anyhow::Result<DocRecord> {
    let clean: std::path::PathBuf = Path::new(target)
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    let key = paths::Keys::new(root.to_owned()).key(Path::new(target));
    for candidate in [target.to_owned(), key] {
        if let Some(d) = reader.document(&candidate)? {
            return Ok(d);
        }
    }
    let matches: Vec<DocRecord> = reader
        .documents()?
        .into_iter()
        .filter(|d| Path::new(&d.path).ends_with(&clean))
        .collect();
    match matches.len() {
        1 => Ok(matches.into_iter().next().expect("one match")),
        0 => bail!(
            "`{target}` is not in the index {} (ingest it with `pactum ingest {target}`)",
            reader.dir().display()
        ),
        n => {
            let list: Vec<&str> = matches.iter().take(10).map(|d| d.path.as_str()).collect();
            bail!(
                "`{target}` matches {n} documents; say which:\n  {}",
                list.join("\n  ")
            )
        }
    }
}

fn write_human(out: &mut impl Write, d: &DocRecord, units: &[UnitRecord]) -> io::Result<()> {
    writeln!(out, "{}", d.path)?;
    if let Some(t) = &d.title {
        writeln!(out, "  title:   {}", one_line(t, 100))?;
    }
    writeln!(
        out,
        "  kind:    {} ({}, {} bytes)",
        d.kind, d.format, d.bytes
    )?;
    if let (Some(f), Some(v)) = (&d.family, &d.version) {
        writeln!(out, "  version: {v} of {f}")?;
    }
    if !d.parties.is_empty() {
        writeln!(out, "  parties: {}", d.parties.join(", "))?;
    }
    let total: usize = d.fact_counts.values().sum();
    let counts: Vec<String> = d
        .fact_counts
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    writeln!(out, "  facts:   {total} ({})", counts.join(", "))?;
    writeln!(out, "  clauses: {}", units.len())?;
    for u in units {
        let indent = "  ".repeat(u.level as usize + 1);
        let types = if u.clause_types.is_empty() {
            String::new()
        } else {
            format!("  [{}]", u.clause_types.join(", "))
        };
        writeln!(
            out,
            "{indent}{}{types}  ({})",
            one_line(&u.label(), 80),
            u.key
        )?;
        write_unit_facts(out, u, &format!("{indent}    "))?;
    }
    Ok(())
}

fn write_unit_facts(out: &mut impl Write, u: &UnitRecord, indent: &str) -> io::Result<()> {
    for f in &u.facts {
        writeln!(
            out,
            "{indent}{:<12} {:<24} \"{}\"",
            f.kind().as_str(),
            one_line(&f.value.display(), 40),
            one_line(&f.text, 60)
        )?;
    }
    Ok(())
}
