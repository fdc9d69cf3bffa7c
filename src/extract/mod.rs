//! Extraction: the [`Extractor`] trait, the [`Pipeline`] that runs extractors over a
//! document, and one module per fact kind.
//!
//! Extractors read `Document::text` (the source with markup blanked out, same offsets)
//! through a [`Context`] and report spans into `Document::source`. They hold no mutable
//! state. Overlaps between quantities (percent, money, date, duration) are settled once,
//! here: the longest span wins, then the earliest (spaCy's `filter_spans`).

/// `static NAME: Type for PATTERN => { group, ... }`: a struct of the indexes of some
/// named groups of a static pattern, looked up once. `Captures::name` hashes the name on
/// every call (~1% of an all-extractor run); `Captures::get(NAME.group)` does not. A
/// group the pattern does not have panics at the first use, so any test that runs the
/// pattern catches a misspelling.
macro_rules! group_indexes {
    ($(#[$doc:meta])* static $name:ident: $ty:ident for $re:expr => { $($group:ident),+ $(,)? }) => {
        $(#[$doc])*
        struct $ty {
            $($group: usize),+
        }
        static $name: std::sync::LazyLock<$ty> = std::sync::LazyLock::new(|| {
            let names: Vec<Option<&str>> = $re.capture_names().collect();
            let at = |group: &str| {
                names
                    .iter()
                    .position(|n| *n == Some(group))
                    .unwrap_or_else(|| panic!("the pattern has no group `{group}`"))
            };
            $ty {
                $($group: at(stringify!($group))),+
            }
        });
    };
}

pub mod clause_type;
pub mod date;
pub mod defined_term;
pub mod duration;
mod groups;
pub mod money;
mod money_scan;
pub mod number;
pub mod obligation;
pub mod party;
pub mod percent;
mod places;
mod scan;
pub mod term_end;

use std::cell::OnceCell;
use std::collections::BTreeMap;

use crate::model::{Document, Fact, FactKind};

/// Finds facts of some kinds in a document.
pub trait Extractor: Send + Sync {
    /// Stable name, recorded on every fact it produces.
    fn name(&self) -> &'static str;
    /// The kinds of fact it produces.
    fn kinds(&self) -> &'static [FactKind];
    /// Append the facts found in `cx.doc` to `out`.
    fn extract(&self, cx: &Context, out: &mut Vec<Fact>);
    /// One function per pattern it compiles on first use, so that a batch can compile
    /// them on every core before its first document ([`Pipeline::warm_up`]). Leaving one
    /// out costs only time: it is compiled when first needed.
    fn warm_ups(&self) -> &'static [WarmUp] {
        &[]
    }
}

/// Compiles one pattern (forces its `LazyLock`).
pub type WarmUp = fn();

/// A document as the extractors read it, with what several of them need computed once,
/// on first use.
pub struct Context<'d> {
    pub doc: &'d Document,
    tokens: OnceCell<Vec<scan::Token>>,
}

impl<'d> Context<'d> {
    pub fn new(doc: &'d Document) -> Self {
        Context {
            doc,
            tokens: OnceCell::new(),
        }
    }

    /// The trigger tokens of `doc.text` ([`scan::tokens`]): the date and duration
    /// extractors both walk them, so the text is scanned word by word once.
    pub(crate) fn tokens(&self) -> &[scan::Token] {
        self.tokens
            .get_or_init(|| scan::tokens(self.doc.text.as_bytes()))
    }
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

/// An ordered list of extractors, and the facts derived from theirs ([`term_end`]).
pub struct Pipeline {
    extractors: Vec<Box<dyn Extractor>>,
    /// The kinds to report, when not all (`--kind`).
    kinds: Option<Vec<FactKind>>,
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
            kinds: None,
        }
    }

    /// Only the extractors that produce at least one of `kinds`, and only facts of
    /// `kinds`. Dates keep the duration extractor: term ends are dates derived from a
    /// start date and a duration.
    pub fn only(options: &Options, kinds: &[FactKind]) -> Self {
        let mut p = Pipeline::new(options);
        let needs = |k: FactKind| {
            kinds.contains(&k) || k == FactKind::Duration && kinds.contains(&FactKind::Date)
        };
        p.extractors.retain(|e| e.kinds().iter().any(|&k| needs(k)));
        p.kinds = Some(kinds.to_vec());
        p
    }

    /// Compile the patterns of the extractors (and of reading files) on every core of the
    /// rayon pool. Left to first use, each is compiled by the first document that needs
    /// it while every other worker that reaches it waits: ~60 ms of one core, serial,
    /// at the start of a batch.
    pub fn warm_up(&self) {
        use rayon::prelude::*;
        let mut tasks: Vec<WarmUp> = crate::ingest::WARM_UPS.to_vec();
        for e in &self.extractors {
            tasks.extend_from_slice(e.warm_ups());
        }
        if self
            .extractors
            .iter()
            .any(|e| e.kinds().contains(&FactKind::Date))
        {
            tasks.extend_from_slice(term_end::WARM_UPS);
        }
        tasks.par_iter().with_max_len(1).for_each(|f| f());
    }

    pub fn extractors(&self) -> impl Iterator<Item = &dyn Extractor> {
        self.extractors.iter().map(|e| e.as_ref())
    }

    /// Run every extractor, settle overlaps (`settled`), sort by position, attach clauses.
    pub fn run(&self, doc: &Document) -> Vec<Fact> {
        let mut facts = Vec::new();
        let cx = Context::new(doc);
        for e in &self.extractors {
            e.extract(&cx, &mut facts);
        }
        self.finish(doc, facts)
    }

    /// [`Pipeline::run`] over several documents, extractor by extractor: each extractor
    /// reads every document before the next one starts. An extractor's compiled
    /// patterns, lazy-DFA states and capture tables then stay in the core's cache from
    /// one document to the next, where, document by document, the four quantity
    /// extractors took turns evicting each other's (over the news of ../shared/corpus,
    /// money and dates together cost 10% more time than each alone, for the same
    /// instructions). Callers pass a few small documents at a time (see `batch`).
    ///
    /// A panic in an extractor is contained to the document it was reading: that
    /// document's entry is `None`, and the other documents are not affected.
    pub fn run_each(&self, docs: &[&Document]) -> Vec<Option<Vec<Fact>>> {
        use std::panic::{catch_unwind, AssertUnwindSafe};
        let contexts: Vec<Context> = docs.iter().map(|d| Context::new(d)).collect();
        let mut found: Vec<Option<Vec<Fact>>> = docs.iter().map(|_| Some(Vec::new())).collect();
        for e in &self.extractors {
            for (cx, slot) in contexts.iter().zip(found.iter_mut()) {
                if let Some(facts) = slot {
                    if catch_unwind(AssertUnwindSafe(|| e.extract(cx, facts))).is_err() {
                        *slot = None;
                    }
                }
            }
        }
        drop(contexts);
        docs.iter()
            .zip(found)
            .map(|(doc, facts)| {
                let facts = facts?;
                catch_unwind(AssertUnwindSafe(|| self.finish(doc, facts))).ok()
            })
            .collect()
    }

    /// Settle overlaps (`settled`), sort by position, derive term ends, keep the kinds
    /// asked for, attach clauses.
    fn finish(&self, doc: &Document, facts: Vec<Fact>) -> Vec<Fact> {
        let mut order = settled(&facts);
        let key = |f: &Fact| (f.span.start, f.span.end, f.kind());
        order.sort_by_key(|&i| key(&facts[i]));
        let mut facts = take_in_order(facts, order);
        let derived = term_end::term_ends(doc, &facts);
        if !derived.is_empty() {
            facts.extend(derived);
            facts.sort_by_key(key);
        }
        if let Some(kinds) = &self.kinds {
            facts.retain(|f| kinds.contains(&f.kind()));
        }
        for f in &mut facts {
            f.clause = doc.clause_at(f.span);
        }
        facts
    }
}

/// The indexes of the facts to keep: among quantity facts, the longest of overlapping
/// spans (then the earliest); every fact of the other kinds but exact duplicates.
///
/// Indexes, not facts, are sorted: a fact is ~160 bytes, and moving facts in the sorts
/// cost more than comparing them (~1% of an all-extractor run).
fn settled(facts: &[Fact]) -> Vec<usize> {
    let (mut quantities, mut others): (Vec<usize>, Vec<usize>) =
        (0..facts.len()).partition(|&i| facts[i].kind().is_quantity());
    quantities.sort_by(|&a, &b| {
        let (a, b) = (facts[a].span, facts[b].span);
        b.len().cmp(&a.len()).then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<usize> = Vec::with_capacity(facts.len());
    // start -> end of the spans kept so far; they never overlap, so the one with the
    // greatest start before `f.end` is the only one that can overlap `f`.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    for i in quantities {
        let span = facts[i].span;
        let clash = taken
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > span.start);
        if clash {
            continue;
        }
        taken.insert(span.start, span.end);
        kept.push(i);
    }
    others.sort_by_key(|&i| (facts[i].span, facts[i].kind()));
    others.dedup_by(|a, b| facts[*a].span == facts[*b].span && facts[*a].value == facts[*b].value);
    kept.extend(others);
    kept
}

/// The facts at `order` (each index at most once), in that order.
fn take_in_order(facts: Vec<Fact>, order: Vec<usize>) -> Vec<Fact> {
    let mut slots: Vec<Option<Fact>> = facts.into_iter().map(Some).collect();
    // Sized up front: collecting from `filter_map` would grow the vector by doubling,
    // copying the facts each time.
    let mut out = Vec::with_capacity(order.len());
    out.extend(order.into_iter().filter_map(|i| slots[i].take()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn bundled() -> Vec<Document> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        crate::ingest::walk(&[root])
            .iter()
            .filter_map(|input| match input {
                crate::ingest::Input::File(p) => {
                    crate::ingest::parse(p, &std::fs::read(p).unwrap()).ok()
                }
                _ => None,
            })
            .collect()
    }

    /// Extractor by extractor over many documents, the facts are those of each
    /// document on its own.
    #[test]
    fn running_documents_together_finds_what_each_finds_alone() {
        let docs = bundled();
        assert!(docs.len() > 10);
        let pipeline = Pipeline::new(&Options::default());
        let refs: Vec<&Document> = docs.iter().collect();
        let together = pipeline.run_each(&refs);
        assert_eq!(together.len(), docs.len());
        let mut facts = 0;
        for (doc, got) in docs.iter().zip(together) {
            let alone = pipeline.run(doc);
            facts += alone.len();
            assert_eq!(got.as_ref(), Some(&alone), "{}", doc.id);
        }
        assert!(facts > 100);
    }

    /// Panics on documents that mention `BOOM`.
    struct Fragile;

    impl Extractor for Fragile {
        fn name(&self) -> &'static str {
            "fragile"
        }
        fn kinds(&self) -> &'static [FactKind] {
            &[FactKind::Percent]
        }
        fn extract(&self, cx: &Context, _out: &mut Vec<Fact>) {
            assert!(!cx.doc.text.contains("BOOM"), "a test extractor's bug");
        }
    }

    #[test]
    fn a_panicking_extractor_loses_only_the_document_it_read() {
        let mut pipeline = Pipeline::new(&Options::default());
        // In the middle, so extractors run before and after it.
        pipeline.extractors.insert(2, Box::new(Fragile));
        let texts = [
            "Fees rose 5% in 2025.",
            "BOOM: fees rose 7%.",
            "Fees fell 3% in 2026.",
        ];
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                crate::ingest::parse(Path::new(&format!("{i}.txt")), t.as_bytes()).unwrap()
            })
            .collect();
        let refs: Vec<&Document> = docs.iter().collect();
        let got = pipeline.run_each(&refs);
        assert!(got[1].is_none());
        for i in [0, 2] {
            let facts = got[i].as_ref().expect("the other documents are read");
            assert_eq!(facts, &pipeline.run(&docs[i]), "{}", texts[i]);
            assert!(facts.iter().any(|f| f.kind() == FactKind::Percent));
            assert!(facts.iter().any(|f| f.kind() == FactKind::Date));
        }
    }
}
