//! `pactum diff OLD NEW` and `pactum diff --family NAME [--from V] [--to V]`: the terms
//! that changed between two versions. Exit code 0 when nothing changed, 1 when something
//! did (like diff(1)), 2 on error.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;

use pactum::diff::{self, family::Member, render, Side};
use pactum::extract::Pipeline;
use pactum::ingest;
use pactum::model::{Document, Fact};
use pactum::output::OutputFormat;

use super::extract::ReadArgs;
use super::Common;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The OLD and NEW files (leave out with --family).
    #[arg(num_args = 0..=2, value_name = "OLD NEW")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub family: FamilyArgs,
    /// Diff from this version of the family (default: the one before --to).
    #[arg(long, requires = "family")]
    pub from: Option<String>,
    /// Diff to this version of the family (default: the latest).
    #[arg(long, requires = "family")]
    pub to: Option<String>,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub common: Common,
}

/// Which family, and where its versions are.
#[derive(Debug, Clone, Args)]
pub struct FamilyArgs {
    /// A version family (a folder of versions, or files named NAME.vN / NAME-DATE).
    #[arg(long)]
    pub family: Option<String>,
    /// Read the family's versions from files under DIR: DIR/NAME/<version>.<ext>, or
    /// NAME.v2.md-style names anywhere below DIR.
    #[arg(long, value_name = "DIR", requires = "family")]
    pub dir: Option<PathBuf>,
}

impl FamilyArgs {
    /// The family's versions, oldest first.
    pub fn members(&self) -> anyhow::Result<Vec<Member>> {
        let Some(name) = &self.family else {
            bail!("no --family given");
        };
        let Some(dir) = &self.dir else {
            bail!("--family needs --dir DIR (the folder holding {name}/<version>.md)");
        };
        Ok(diff::family::from_dir(dir, name)?)
    }
}

/// Read a file and extract its facts.
pub fn load(path: &std::path::Path, read: &ReadArgs) -> anyhow::Result<(Document, Vec<Fact>)> {
    let doc = ingest::load(path, &read.limits())?;
    let facts = Pipeline::new(&read.options()).run(&doc);
    Ok((doc, facts))
}

fn pick<'a>(members: &'a [Member], label: &str) -> anyhow::Result<&'a Member> {
    members.iter().find(|m| m.label == label).with_context(|| {
        let known: Vec<&str> = members.iter().map(|m| m.label.as_str()).collect();
        format!("no version `{label}` (versions: {})", known.join(", "))
    })
}

/// The two files to compare.
fn resolve(args: &DiffArgs) -> anyhow::Result<(PathBuf, PathBuf)> {
    if args.family.family.is_none() {
        return match args.paths.as_slice() {
            [a, b] => Ok((a.clone(), b.clone())),
            _ => bail!("give two files (pactum diff OLD NEW) or --family NAME"),
        };
    }
    if !args.paths.is_empty() {
        bail!("give either two files or --family, not both");
    }
    let members = args.family.members()?;
    let to_index = match &args.to {
        Some(l) => members
            .iter()
            .position(|m| m.label == *l)
            .with_context(|| {
                pick(&members, l)
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default()
            })?,
        None => members.len() - 1,
    };
    let from = match &args.from {
        Some(l) => pick(&members, l)?,
        None => {
            if to_index == 0 {
                bail!(
                    "family `{}` has no version before `{}`",
                    args.family.family.as_deref().unwrap_or_default(),
                    members[0].label
                );
            }
            &members[to_index - 1]
        }
    };
    Ok((from.path.clone(), members[to_index].path.clone()))
}

pub fn run(args: DiffArgs) -> anyhow::Result<ExitCode> {
    let (old_path, new_path) = resolve(&args)?;
    let (old, new) = rayon::join(
        || load(&old_path, &args.read),
        || load(&new_path, &args.read),
    );
    let (old_doc, old_facts) = old?;
    let (new_doc, new_facts) = new?;
    let d = diff::diff(
        Side {
            doc: &old_doc,
            facts: &old_facts,
        },
        Side {
            doc: &new_doc,
            facts: &new_facts,
        },
    );
    let mut out = BufWriter::new(io::stdout().lock());
    match args.common.format {
        OutputFormat::Human => render::write_human(&mut out, &d, args.common.color())?,
        OutputFormat::Json => render::write_json(&mut out, &d)?,
        OutputFormat::Jsonl => render::write_jsonl(&mut out, &d)?,
    }
    out.flush()?;
    Ok(if d.has_changes() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
