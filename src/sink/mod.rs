//! The store-agnostic boundary between ingest and a store of documents and facts.
//!
//! Ingest knows only [`Sink`]: it asks whether a file needs work ([`Sink::status`]),
//! hands over each parsed document with its facts ([`Sink::put`]), removes files that
//! are gone ([`Sink::remove`]) and marks durable points ([`Sink::commit`]). The embedded
//! tantivy index (`crate::index::IndexWriter`) is one implementation; a PostgreSQL/Citus
//! sink would be another, without touching ingest.
//!
//! Contract every implementation keeps:
//! - **Keyed by path.** A document is identified by `Document::id` (the path as given).
//!   `put` *replaces* everything stored for that path; it never duplicates.
//! - **Content hash decides.** `status` compares the stored `Document::content_hash`
//!   (blake3 of the raw bytes) with the file's current hash, so an unchanged file costs
//!   one hash and no parsing.
//! - **Atomic commits.** Nothing written since the last `commit` is visible to readers,
//!   and a crash (even `kill -9`) at any moment leaves the store as of the last
//!   successful `commit`. A SQL sink maps `commit` to `COMMIT` of one transaction.
//! - **One writer.** A second writer on the same store fails at open with a clear error
//!   instead of interleaving; readers are never blocked.
//! - `status` and `paths` reflect pending (uncommitted) `put`s and `remove`s too.
//!
//! How often to commit is the caller's choice; [`CommitPolicy`] is the usual rule
//! ("every N documents or every few seconds"), so progress survives a kill.

use std::time::{Duration, Instant};

use crate::model::{Document, Fact};
use crate::Result;

/// What a store holds for a path, compared with the file's current content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Never stored.
    New,
    /// Stored with a different content hash: `put` will replace it.
    Changed,
    /// Stored with the same content hash: nothing to do.
    Unchanged,
}

impl Status {
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Changed => "changed",
            Status::Unchanged => "unchanged",
        }
    }
}

/// A store of documents and their facts. See the module docs for the contract.
pub trait Sink {
    /// What the store holds for `path` given the file's current blake3 `content_hash`.
    fn status(&self, path: &str, content_hash: &str) -> Status;

    /// True when `path` must be (re)written: it is new or its content changed.
    fn needs(&self, path: &str, content_hash: &str) -> bool {
        self.status(path, content_hash) != Status::Unchanged
    }

    /// Store `doc` and its `facts`, replacing whatever was stored under `doc.id`.
    fn put(&mut self, doc: &Document, facts: &[Fact]) -> Result<()>;

    /// Forget everything stored under `path`. Removing an unknown path is not an error.
    fn remove(&mut self, path: &str) -> Result<()>;

    /// Every path the store holds (including pending changes), in no particular order.
    fn paths(&self) -> Vec<String>;

    /// Make everything written so far durable and visible, atomically.
    fn commit(&mut self) -> Result<()>;
}

/// When to commit: after `every_docs` documents or `every` time, whichever comes first.
#[derive(Debug, Clone)]
pub struct CommitPolicy {
    pub every_docs: usize,
    pub every: Duration,
    since_docs: usize,
    since: Instant,
}

impl CommitPolicy {
    pub fn new(every_docs: usize, every: Duration) -> Self {
        CommitPolicy {
            every_docs: every_docs.max(1),
            every,
            since_docs: 0,
            since: Instant::now(),
        }
    }

    /// Count one document written; true when a commit is due now.
    pub fn wrote_one(&mut self) -> bool {
        self.since_docs += 1;
        self.since_docs >= self.every_docs || self.since.elapsed() >= self.every
    }

    /// Call after each commit.
    pub fn committed(&mut self) {
        self.since_docs = 0;
        self.since = Instant::now();
    }
}

impl Default for CommitPolicy {
    /// Every 5,000 documents or 5 seconds.
    fn default() -> Self {
        CommitPolicy::new(5_000, Duration::from_secs(5))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_counts_documents() {
        let mut p = CommitPolicy::new(3, Duration::from_secs(3600));
        assert!(!p.wrote_one());
        assert!(!p.wrote_one());
        assert!(p.wrote_one());
        p.committed();
        assert!(!p.wrote_one());
    }

    #[test]
    fn policy_counts_time() {
        let mut p = CommitPolicy::new(1_000_000, Duration::ZERO);
        assert!(p.wrote_one());
    }
}
