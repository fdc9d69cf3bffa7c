//! The central types: [`Document`], [`Span`], [`Fact`], [`Value`], [`Clause`].
//!
//! This module knows nothing of tantivy, clap or pulldown-cmark; everything else depends
//! on it.

mod document;
mod fact;
pub(crate) mod sentence;
mod span;
mod version;

pub use document::{
    clause_label, Block, BlockKind, Clause, DocKind, Document, Format, Metadata, Warning,
};
pub use fact::{DatePrecision, DurationUnit, Fact, FactKind, Modality, Value};
pub use span::{line_col, LineIndex, Span};
pub use version::{is_version_label, Version, VersionKey};
