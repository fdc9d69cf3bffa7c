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
use pactum::index::{self, Index};
use pactum::ingest;
use pactum::model::{Document, Fact, VersionKey};
use pactum::output::OutputFormat;

use super::extract::ReadArgs;
use super::ingest::IndexArgs;
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
    /// A version family: looked up in the index (see `pactum ingest`), or with --dir in
    /// a folder of versions.
    #[arg(long)]
    pub family: Option<String>,
    /// Read the family's versions from files under DIR instead of the index:
    /// DIR/NAME/<version>.<ext>, or NAME.v2.md-style names anywhere below DIR.
    #[arg(long = "dir", value_name = "DIR", requires = "family")]
    pub versions_dir: Option<PathBuf>,
    #[command(flatten)]
    pub index: IndexArgs,
}

impl FamilyArgs {
    /// The family's versions, oldest first.
    pub fn members(&self) -> anyhow::Result<Vec<Member>> {
        let Some(name) = &self.family else {
            bail!("no --family given");
        };
        if let Some(dir) = &self.versions_dir {
            return Ok(diff::family::from_dir(dir, name)?);
        }
        let dir = &self.index.dir;
        if !index::exists(dir) {
            bail!(
                "no index at {} (run `pactum ingest PATH` first, or give --dir DIR to read the versions from files)",
                dir.display()
            );
        }
        let docs = Index::open(dir)?.reader()?.documents()?;
        // Stored paths are relative to the folder holding the index (or absolute).
        let root = index::paths::root_of(dir);
        let mut members: Vec<Member> = docs
            .into_iter()
            .filter(|d| d.family.as_deref() == Some(name.as_str()))
            .filter_map(|d| {
                let label = d.version?;
                let path = index::paths::resolve(&root, &d.path);
                Some(Member { label, path })
            })
            .collect();
        if members.is_empty() {
            let mut known: Vec<String> = Index::open(dir)?
                .reader()?
                .documents()?
                .into_iter()
                .filter_map(|d| d.family)
                .collect();
            known.sort();
            known.dedup();
            bail!(
                "no family `{name}` in the index at {} (families: {})",
                dir.display(),
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            );
        }
        members.sort_by(|a, b| {
            VersionKey::parse(&a.label)
                .cmp(&VersionKey::parse(&b.label))
                .then_with(|| a.path.cmp(&b.path))
        });
        members.dedup_by(|a, b| a.label == b.label);
        Ok(members)
    }
}

/// Read a file and extract its facts.
pub fn load(path: &std::path::Path, read: &ReadArgs) -> anyhow::Result<(Document, Vec<Fact>)> {
    let doc = ingest::load(path, &read.limits(false))?;
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
