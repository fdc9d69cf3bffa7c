//! pactum reads contracts and business news, extracts the facts that matter
//! (percentages, money, dates, durations, parties, defined terms, clauses) with exact
//! byte spans, indexes them for search, and diffs them across versions.
//!
//! Layout (dependencies point one way):
//! `model` <- `ingest` <- `extract` <- {`index`, `search`, `diff`, `output`} <- `cli`.
//!
//! ```
//! use pactum::{extract::{Options, Pipeline}, ingest};
//! let doc = ingest::parse("deal.txt".as_ref(), b"Microsoft will receive 20 percent of revenue.").unwrap();
//! let facts = Pipeline::new(&Options::default()).run(&doc);
//! for f in &facts {
//!     assert_eq!(&doc.source[f.span.range()], f.text);
//! }
//! ```

/// Functions that compile patterns ahead of use, one per `LazyLock` static (see
/// [`extract::Extractor::warm_ups`]); defined before the modules that use it.
macro_rules! warm_ups {
    ($($pattern:path),+ $(,)?) => {
        &[$(|| {
            std::sync::LazyLock::force(&$pattern);
        }),+]
    };
}

pub mod batch;
pub mod diff;
pub mod error;
pub mod eval;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod model;
pub mod output;
pub mod search;
pub mod sink;
#[cfg(test)]
mod testing;

pub use error::{Error, Result};
