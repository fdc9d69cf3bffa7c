//! Extraction: the [`Extractor`] trait, the [`Pipeline`] that runs extractors over a
//! document, and one module per fact kind.
//!
//! Extractors read `Document::text` (the source with markup blanked out, same offsets)
//! and report spans into `Document::source`. They hold no mutable state. Overlaps between
//! quantities (percent, money, date, duration) are settled once, here: the longest span
//! wins, then the earliest (spaCy's `filter_spans`).

pub mod clause_type;
pub mod date;
pub mod defined_term;
pub mod duration;
pub mod money;
pub mod number;
pub mod obligation;
pub mod party;
pub mod percent;
mod scan;

use std::collections::BTreeMap;

use crate::model::{Document, Fact, FactKind};

/// Finds facts of some kinds in a document.
pub trait Extractor: Send + Sync {
    /// Stable name, recorded on every fact it produces.
    fn name(&self) -> &'static str;
    /// The kinds of fact it produces.
    fn kinds(&self) -> &'static [FactKind];
    /// Append the facts found in `doc` to `out`.
    fn extract(&self, doc: &Document, out: &mut Vec<Fact>);
}

/// Options that change how text is read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `12/31/2026` vs `31/12/2026` when the text does not tell.
    pub date_order: DateOrder,
    /// "Now" for relative dates (`next year`), as `YYYY-MM-DD`.
    pub reference_date: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// Decide from the document (a day above 12 settles it), month first otherwise.
    #[default]
    Auto,
    MonthFirst,
    DayFirst,
}

/// An ordered list of extractors.
pub struct Pipeline {
    extractors: Vec<Box<dyn Extractor>>,
}

impl Pipeline {
    /// Every extractor pactum has, in the order they should run.
    pub fn new(options: &Options) -> Self {
        Pipeline {
            extractors: vec![
                Box::new(percent::PercentExtractor),
                Box::new(money::MoneyExtractor),
                Box::new(date::DateExtractor::new(options)),
                Box::new(duration::DurationExtractor),
                Box::new(party::PartyExtractor),
                Box::new(defined_term::DefinedTermExtractor),
                Box::new(clause_type::ClauseTypeExtractor),
                Box::new(obligation::ObligationExtractor),
            ],
        }
    }

    /// Only the extractors that produce at least one of `kinds`.
    pub fn only(options: &Options, kinds: &[FactKind]) -> Self {
        let mut p = Pipeline::new(options);
        p.extractors
            .retain(|e| e.kinds().iter().any(|k| kinds.contains(k)));
        p
    }

    pub fn extractors(&self) -> impl Iterator<Item = &dyn Extractor> {
        self.extractors.iter().map(|e| e.as_ref())
    }

    /// Run every extractor, settle overlaps, attach clauses, sort by position.
    pub fn run(&self, doc: &Document) -> Vec<Fact> {
        let mut facts = Vec::new();
        for e in &self.extractors {
            e.extract(doc, &mut facts);
        }
        let mut facts = settle_overlaps(facts);
        for f in &mut facts {
            f.clause = doc.clause_at(f.span);
        }
        facts.sort_by(|a, b| {
            (a.span.start, a.span.end, a.kind()).cmp(&(b.span.start, b.span.end, b.kind()))
        });
        facts
    }
}

/// Among quantity facts, keep the longest of overlapping spans (then the earliest);
/// other kinds pass through untouched. Also drops exact duplicates.
pub fn settle_overlaps(facts: Vec<Fact>) -> Vec<Fact> {
    let (mut quantities, mut others): (Vec<Fact>, Vec<Fact>) =
        facts.into_iter().partition(|f| f.kind().is_quantity());
    quantities.sort_by(|a, b| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut kept: Vec<Fact> = Vec::with_capacity(quantities.len());
    // start -> end of the spans kept so far; they never overlap, so the one with the
    // greatest start before `f.end` is the only one that can overlap `f`.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    for f in quantities {
        let clash = taken
            .range(..f.span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > f.span.start);
        if clash {
            continue;
        }
        taken.insert(f.span.start, f.span.end);
        kept.push(f);
    }
    others.sort_by_key(|f| (f.span, f.kind()));
    others.dedup_by(|a, b| a.span == b.span && a.value == b.value);
    kept.extend(others);
    kept
}
