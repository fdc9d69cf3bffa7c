//! The embedded index: a tantivy index of documents, their units (clauses or
//! paragraphs) and facts, in one directory (`.pactum/` by default).
//!
//! tantivy types stay inside this module and `search`; callers see [`Index`],
//! [`IndexWriter`] (a [`crate::sink::Sink`]), [`Reader`] and plain records.
//!
//! Layout of a record (see `schema.rs`): every record has `unit` (`clause` or
//! `document`), `path`, `family`, `version`, `title`, `kind`, `party`, the typed fact
//! fields (`percent`, `money`, `date`, `duration` as fast fields) and `text`. Unit records
//! add `ordinal`, `number`, `heading`, `type`, the unit's span, its stored text
//! and its facts as JSON; document records add the content hash and counts.
//!
//! Safety: tantivy commits are atomic (a new `meta.json` is swapped in), so a killed
//! ingest leaves the last commit readable; files of an unfinished commit are
//! garbage-collected by the next writer. Only one writer may hold an index (tantivy's
//! lock file, released by the OS when the process dies); readers never wait.

pub mod numeric;
pub mod paths;
mod reader;
pub mod schema;
mod stem;
pub mod unit;
mod writer;

use std::path::{Path, PathBuf};

use tantivy::directory::error::LockError;
use tantivy::directory::MmapDirectory;
use tantivy::TantivyError;

use crate::{Error, Result};

pub use reader::{DocRecord, Reader, UnitRecord};
pub use writer::{IndexWriter, Prepared, RecordBuilder, WriterOptions};

/// Marker file written next to tantivy's files: which pactum schema built the index.
const MARKER: &str = "pactum.json";

/// An index directory, opened.
#[derive(Clone)]
pub struct Index {
    dir: PathBuf,
    inner: tantivy::Index,
    fields: schema::Fields,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("dir", &self.dir).finish()
    }
}

/// True when `dir` holds a pactum index.
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

impl Index {
    /// Open an existing index. A missing index is an [`Error::Index`] that says how to
    /// create one.
    pub fn open(dir: &Path) -> Result<Index> {
        if !exists(dir) {
            return Err(index_error(
                dir,
                "no index here; create one with `pactum ingest corpus/` \
                 (or choose another with --index DIR / PACTUM_INDEX)",
            ));
        }
        check_marker(dir)?;
        let (schema, fields) = schema::build();
        let inner = tantivy::Index::open_in_dir(dir).map_err(|e| tantivy_error(dir, e))?;
        if inner.schema() != schema {
            return Err(stale(dir));
        }
        schema::register_tokenizers(&inner);
        Ok(Index {
            dir: dir.to_owned(),
            inner,
            fields,
        })
    }

    /// Open the index in `dir`, creating the directory and an empty index if needed.
    pub fn open_or_create(dir: &Path) -> Result<Index> {
        if exists(dir) {
            return Index::open(dir);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        // The marker goes first: a kill right after tantivy's `meta.json` appears must
        // not leave an index that later looks foreign.
        write_marker(dir)?;
        let (schema, fields) = schema::build();
        let mmap = MmapDirectory::open(dir).map_err(|e| index_error(dir, e))?;
        // lz4: the stored text is most of the index, but zstd cost a second of CPU per
        // 47 MB to write and milliseconds per `--where` search to read back. Blocks of
        // 128 KB compress better than 32 KB ones (the store of ../shared/corpus: 42.4 MB
        // -> 39.2 MB; the index 1.56x -> 1.48x the bytes read) with search latency the
        // same within noise (p50 0.67-0.77 ms against 0.72-0.87 ms, p99 11.7-16.1 ms
        // against 15.7-16.4 ms, `benches/search.rs`, two runs each).
        let settings = tantivy::IndexSettings {
            docstore_compression: tantivy::store::Compressor::Lz4,
            docstore_blocksize: 128 * 1024,
            ..tantivy::IndexSettings::default()
        };
        let inner = tantivy::Index::builder()
            .schema(schema.clone())
            .settings(settings)
            .open_or_create(mmap)
            .map_err(|e| tantivy_error(dir, e))?;
        if inner.schema() != schema {
            return Err(stale(dir));
        }
        schema::register_tokenizers(&inner);
        Ok(Index {
            dir: dir.to_owned(),
            inner,
            fields,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder holding the index: stored paths are relative to it (see [`paths`]).
    pub fn root(&self) -> PathBuf {
        paths::root_of(&self.dir)
    }

    /// The single writer. Fails with a clear message when another process writes.
    pub fn writer(&self, options: &WriterOptions) -> Result<IndexWriter> {
        IndexWriter::new(self, options)
    }

    /// A reader on the last commit.
    pub fn reader(&self) -> Result<Reader> {
        Reader::new(self)
    }

    /// Bytes used by the index directory.
    pub fn size_on_disk(&self) -> u64 {
        dir_size(&self.dir)
    }
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

fn index_error(dir: &Path, message: impl std::fmt::Display) -> Error {
    Error::Index {
        path: dir.to_owned(),
        message: message.to_string(),
    }
}

fn stale(dir: &Path) -> Error {
    index_error(
        dir,
        format!(
            "this index was built by another version of pactum; delete the directory and \
             ingest again (`rm -r {} && pactum ingest corpus/`)",
            dir.display()
        ),
    )
}

/// Map tantivy's errors to messages a user can act on.
pub(crate) fn tantivy_error(dir: &Path, e: TantivyError) -> Error {
    match e {
        TantivyError::LockFailure(LockError::LockBusy, _) => index_error(
            dir,
            "another `pactum ingest` is writing to this index; wait for it to finish \
             (searching works meanwhile)",
        ),
        TantivyError::SchemaError(_) => stale(dir),
        other => index_error(dir, other),
    }
}

fn check_marker(dir: &Path) -> Result<()> {
    let Ok(text) = std::fs::read_to_string(dir.join(MARKER)) else {
        // tantivy's files without pactum's marker: not ours, or made by a very old build.
        return Err(stale(dir));
    };
    let version = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("schema_version").and_then(|n| n.as_u64()));
    if version != Some(u64::from(schema::SCHEMA_VERSION)) {
        return Err(stale(dir));
    }
    Ok(())
}

fn write_marker(dir: &Path) -> Result<()> {
    let path = dir.join(MARKER);
    let tmp = dir.join(format!("{MARKER}.tmp"));
    let body = format!("{{\"schema_version\": {}}}\n", schema::SCHEMA_VERSION);
    std::fs::write(&tmp, body).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
}
