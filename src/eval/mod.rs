//! Evaluation: score the extractors on other projects' labelled suites in
//! `../shared/eval` (see its README), as numbers, not as pass/fail tests.
//!
//! * Recognizers-Text English `PercentModel`, `CurrencyModel`, `NumberModel`,
//!   `DateExtractor`, `DurationExtractor` ([`recognizers`]): a match is the same kind, an
//!   overlapping span and an equal value (extractor files give spans only).
//! * LexNLP's percents, money, amounts, dates and durations CSVs ([`lexnlp`]): sets of
//!   values per text, spans not compared (theirs are loose).
//!
//! Every case text becomes a document with [`crate::ingest::parse`] (as `case.txt`) and
//! goes through the whole [`Pipeline`]; a text `ingest` refuses (empty, whitespace only)
//! has no facts. Facts of the suite's kind are the predictions. The kind `number` is not a
//! fact kind: NumberModel and LexNLP amounts are scored through the shared
//! [`find_numbers`] scanner that every extractor builds on.
//!
//! Expected results are left out only by rules stated in [`recognizers`] (cases .NET
//! skips, results without a value, cryptocurrencies, holidays); the
//! report lists every group with its count and reason.
//!
//! Run it with `pactum eval [recognizers|lexnlp|all] [--misses]`; `tests/eval.rs` holds
//! the floors CI enforces.

pub mod cuad;
pub mod lexnlp;
pub mod recognizers;
pub mod score;

use std::path::{Path, PathBuf};

pub use score::{Case, Exclusion, Expected, Gold, Matching, Miss, Predicted, Report, Row, Suite};

use crate::extract::number::find_numbers;
use crate::extract::{Options, Pipeline};
use crate::{Error, Result};

/// Which family of suites to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Recognizers,
    Lexnlp,
    All,
}

/// The shared folder: `$PACTUM_SHARED`, else `<crate root>/../shared`.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("PACTUM_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

/// Load the suites of `which` from `eval_dir` (the `eval` folder of the shared folder).
pub fn load(which: Which, eval_dir: &Path) -> Result<Vec<Suite>> {
    if !eval_dir.is_dir() {
        return Err(Error::Other(format!(
            "{}: evaluation folder not found (set PACTUM_SHARED to the folder holding eval/)",
            eval_dir.display()
        )));
    }
    let mut suites = Vec::new();
    if matches!(which, Which::Recognizers | Which::All) {
        suites.extend(recognizers::load(&eval_dir.join("recognizers-text"))?);
    }
    if matches!(which, Which::Lexnlp | Which::All) {
        suites.extend(lexnlp::load(&eval_dir.join("lexnlp"))?);
    }
    Ok(suites)
}

/// Load and score the suites of `which`.
pub fn run(which: Which, eval_dir: &Path) -> Result<Report> {
    let suites = load(which, eval_dir)?;
    let pipeline = Pipeline::new(&Options::default());
    let mut report = Report::default();
    for suite in &suites {
        let preds: Vec<Vec<Predicted>> = suite
            .cases
            .iter()
            .map(|c| predict(&pipeline, suite.kind, &c.text))
            .collect();
        score::score(suite, &preds, &mut report);
    }
    Ok(report)
}

/// What pactum finds of `kind` in `text`.
pub fn predict(pipeline: &Pipeline, kind: &str, text: &str) -> Vec<Predicted> {
    if kind == "number" {
        return find_numbers(text)
            .into_iter()
            .map(|m| Predicted {
                span: m.span,
                text: m.span.slice(text).to_owned(),
                value: Gold::Number(m.value),
            })
            .collect();
    }
    let Ok(doc) = crate::ingest::parse(Path::new("case.txt"), text.as_bytes()) else {
        return Vec::new();
    };
    pipeline
        .run(&doc)
        .into_iter()
        .filter(|f| f.kind().as_str() == kind)
        .filter_map(|f| {
            Some(Predicted {
                value: Gold::from_value(&f.value)?,
                span: f.span,
                text: f.text,
            })
        })
        .collect()
}
