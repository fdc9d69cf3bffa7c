//! Golden tests: every document in `corpus/` has its expected facts in
//! `fixtures/<path under corpus>.facts.jsonl`, reviewed by hand.
//!
//! A mismatch fails with a unified diff. To rewrite the golden files on purpose, run
//! `PACTUM_BLESS=1 cargo test --test golden`, then review `git diff fixtures/` as you
//! would review code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pactum::extract::{Options, Pipeline};
use pactum::ingest::{self, Input};
use pactum::model::{Document, Fact};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One line per fact: stable, diff-friendly, with the clause it falls in.
fn render(doc: &Document, facts: &[Fact]) -> String {
    let mut out = String::new();
    for f in facts {
        let clause = f.clause.and_then(|i| doc.clauses.get(i)).map(|c| c.label());
        let line = serde_json::json!({
            "kind": f.kind(),
            "text": f.text,
            "start": f.span.start,
            "end": f.span.end,
            "value": serde_json::to_value(&f.value).expect("value")["value"],
            "clause": clause,
        });
        writeln!(out, "{line}").expect("write to string");
    }
    out
}

fn corpus_files() -> Vec<PathBuf> {
    ingest::walk(&[root().join("corpus")])
        .into_iter()
        .filter_map(|i| match i {
            Input::File(p) if p.file_name().is_some_and(|n| n != "README.md") => Some(p),
            _ => None,
        })
        .collect()
}

#[test]
fn golden_facts_for_every_corpus_document() {
    let files = corpus_files();
    assert!(
        files.len() >= 20,
        "corpus/ should hold at least 20 documents, found {}",
        files.len()
    );
    let bless = std::env::var_os("PACTUM_BLESS").is_some();
    let pipeline = Pipeline::new(&Options::default());
    let mut failures = Vec::new();
    for path in &files {
        let doc = ingest::load(path, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
        let facts = pipeline.run(&doc);
        for f in &facts {
            assert_eq!(
                doc.slice(f.span),
                f.text,
                "{}: span {:?} does not match its text",
                path.display(),
                f.span
            );
        }
        let got = render(&doc, &facts);
        let rel = path
            .strip_prefix(root().join("corpus"))
            .expect("under corpus");
        let golden = root()
            .join("fixtures")
            .join(format!("{}.facts.jsonl", rel.display()));
        if bless {
            std::fs::create_dir_all(golden.parent().expect("parent")).expect("mkdir");
            std::fs::write(&golden, &got).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if want != got {
            failures.push(diff(&golden, &want, &got));
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden file(s) differ (PACTUM_BLESS=1 rewrites them; review the diff):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn diff(path: &Path, want: &str, got: &str) -> String {
    let d = similar::TextDiff::from_lines(want, got);
    format!(
        "{}",
        d.unified_diff()
            .context_radius(1)
            .header(&format!("{} (expected)", path.display()), "actual")
    )
}
