//! The index writer: turns a document and its facts into records, implements [`Sink`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use tantivy::schema::Field;
use tantivy::{DateTime, TantivyDocument, Term};

use super::numeric;
use super::schema::{self, Fields, UNIT_CLAUSE, UNIT_DOCUMENT};
use super::unit::{facts_by_unit, units};
use super::{tantivy_error, Index};
use crate::model::{BlockKind, Document, Fact, Value};
use crate::sink::{Sink, Status};
use crate::{Error, Result};

/// Resources of the writer.
#[derive(Debug, Clone)]
pub struct WriterOptions {
    /// Indexing threads (tantivy tokenizes and writes segments on these).
    pub threads: usize,
    /// Memory budget of all indexing threads together, in bytes.
    pub memory_bytes: usize,
}

impl Default for WriterOptions {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        WriterOptions {
            threads: cores.clamp(1, 4),
            memory_bytes: 96 << 20,
        }
    }
}

/// The one writer of an index. Dropping it without [`Sink::commit`] discards pending
/// changes (the last commit stays as it was).
pub struct IndexWriter {
    dir: PathBuf,
    writer: tantivy::IndexWriter<TantivyDocument>,
    fields: Fields,
    /// path -> content hash, committed and pending.
    known: HashMap<String, String>,
    /// Something was put or removed since the last commit.
    dirty: bool,
    /// Commits made by this writer.
    commits: usize,
}

impl IndexWriter {
    pub(super) fn new(index: &Index, options: &WriterOptions) -> Result<IndexWriter> {
        let dir = index.dir.clone();
        let threads = options.threads.max(1);
        // tantivy wants at least 15 MB per thread.
        let memory = options.memory_bytes.max(threads * (16 << 20));
        let writer = index
            .inner
            .writer_with_num_threads(threads, memory)
            .map_err(|e| tantivy_error(&dir, e))?;
        let known = load_hashes(index)?;
        Ok(IndexWriter {
            dir,
            writer,
            fields: index.fields.clone(),
            known,
            dirty: false,
            commits: 0,
        })
    }

    /// Commit and wait for background merges, so the index is compact for readers.
    /// With nothing to commit, leaves the index untouched (no commit, no merge).
    pub fn finish(mut self) -> Result<()> {
        if self.dirty {
            self.commit()?;
        }
        if self.commits == 0 {
            return Ok(());
        }
        self.writer
            .wait_merging_threads()
            .map_err(|e| tantivy_error(&self.dir, e))
    }

    /// True when changes wait for a commit.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Commits made so far by this writer.
    pub fn commits(&self) -> usize {
        self.commits
    }

    fn path_term(&self, path: &str) -> Term {
        Term::from_field_text(self.fields.path, path)
    }

    /// A builder of records, to turn documents into records on other threads.
    pub fn builder(&self) -> RecordBuilder {
        RecordBuilder {
            fields: self.fields.clone(),
        }
    }

    /// Store records made by [`RecordBuilder::build`], replacing whatever was stored
    /// under their path (what [`Sink::put`] does, without building them here).
    pub fn put_prepared(&mut self, prepared: Prepared) -> Result<()> {
        let Prepared {
            path,
            content_hash,
            records,
        } = prepared;
        if self.known.contains_key(&path) {
            // Deletes apply to records added before them only: the new ones survive.
            self.writer.delete_term(self.path_term(&path));
        }
        for record in records {
            self.writer
                .add_document(record)
                .map_err(|e| tantivy_error(&self.dir, e))?;
        }
        self.known.insert(path, content_hash);
        self.dirty = true;
        Ok(())
    }
}

/// Builds the records of documents; cheap to clone, usable from any thread.
#[derive(Debug, Clone)]
pub struct RecordBuilder {
    fields: Fields,
}

impl RecordBuilder {
    /// The records of `doc` and its `facts`, ready for [`IndexWriter::put_prepared`].
    pub fn build(&self, doc: &Document, facts: &[Fact]) -> Prepared {
        Prepared {
            path: doc.id.clone(),
            content_hash: doc.content_hash.clone(),
            records: records(&self.fields, doc, facts),
        }
    }
}

/// A document turned into records, not yet written.
pub struct Prepared {
    path: String,
    content_hash: String,
    records: Vec<TantivyDocument>,
}

impl Prepared {
    /// Number of records (units and the document record).
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// path -> content hash of every committed document, read from fast fields.
fn load_hashes(index: &Index) -> Result<HashMap<String, String>> {
    let dir = &index.dir;
    let reader = index
        .inner
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .map_err(|e| tantivy_error(dir, e))?;
    let searcher = reader.searcher();
    let mut out = HashMap::new();
    for seg in searcher.segment_readers() {
        let ff = seg.fast_fields();
        let (Some(paths), Some(hashes)) = (
            ff.str("path").map_err(|e| tantivy_error(dir, e))?,
            ff.str("hash").map_err(|e| tantivy_error(dir, e))?,
        ) else {
            continue;
        };
        // Read each dictionary once, in order: looking terms up one by one decompresses
        // a dictionary block per lookup.
        let path_terms = all_terms(&paths).map_err(|e| Error::io(dir, e))?;
        let hash_terms = all_terms(&hashes).map_err(|e| Error::io(dir, e))?;
        for doc in seg.doc_ids_alive() {
            let (Some(h), Some(p)) = (hashes.term_ords(doc).next(), paths.term_ords(doc).next())
            else {
                continue; // unit records have no hash
            };
            if let (Some(p), Some(h)) = (path_terms.get(p as usize), hash_terms.get(h as usize)) {
                out.insert(p.clone(), h.clone());
            }
        }
    }
    Ok(out)
}

/// Every term of a fast-field dictionary, indexed by term ordinal.
fn all_terms(column: &tantivy::columnar::StrColumn) -> std::io::Result<Vec<String>> {
    let dict = column.dictionary();
    let mut out = Vec::with_capacity(dict.num_terms());
    let mut stream = dict.stream()?;
    while stream.advance() {
        out.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(out)
}

impl Sink for IndexWriter {
    fn status(&self, path: &str, content_hash: &str) -> Status {
        match self.known.get(path) {
            None => Status::New,
            Some(h) if h == content_hash => Status::Unchanged,
            Some(_) => Status::Changed,
        }
    }

    fn put(&mut self, doc: &Document, facts: &[Fact]) -> Result<()> {
        let prepared = self.builder().build(doc, facts);
        self.put_prepared(prepared)
    }

    fn remove(&mut self, path: &str) -> Result<()> {
        if self.known.remove(path).is_some() {
            self.writer.delete_term(self.path_term(path));
            self.dirty = true;
        }
        Ok(())
    }

    fn paths(&self) -> Vec<String> {
        self.known.keys().cloned().collect()
    }

    fn commit(&mut self) -> Result<()> {
        self.writer
            .commit()
            .map_err(|e| tantivy_error(&self.dir, e))?;
        self.dirty = false;
        self.commits += 1;
        Ok(())
    }
}

/// The title: front matter, else the first heading.
fn title(doc: &Document) -> Option<String> {
    if let Some(t) = &doc.meta.title {
        return Some(t.clone());
    }
    doc.blocks
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Heading { .. }))
        .map(|b| doc.plain(b.span))
        .filter(|t| !t.is_empty())
}

/// The records of one document: one per unit, then one for the whole document.
/// The headings of clause `clause` and of every clause enclosing it, innermost first.
fn section_headings(doc: &Document, clause: Option<usize>) -> impl Iterator<Item = &str> {
    let mut next = clause;
    std::iter::from_fn(move || {
        let c = doc.clauses.get(next?)?;
        next = c.parent;
        Some(c)
    })
    // Parents come before their children, so the chain ends; the bound is a guard.
    .take(doc.clauses.len())
    .filter_map(|c| c.heading.as_deref())
}

pub(crate) fn records(f: &Fields, doc: &Document, facts: &[Fact]) -> Vec<TantivyDocument> {
    let title = title(doc);
    let mut parties: BTreeSet<&str> = BTreeSet::new();
    for fact in facts {
        if let Value::Party { name, aliases, .. } = &fact.value {
            parties.insert(name);
            parties.extend(aliases.iter().map(String::as_str));
        }
    }
    let doc_id = schema::doc_id(&doc.id);
    let common = |r: &mut TantivyDocument| {
        r.add_text(f.path, &doc.id);
        r.add_u64(f.doc, doc_id);
        if let Some(v) = &doc.version {
            r.add_text(f.family, &v.family);
            r.add_text(f.version, &v.label);
            r.add_text(f.famver, famver(&v.family, &v.label));
        }
        if let Some(t) = &title {
            r.add_text(f.title, t);
        }
        r.add_text(f.kind, doc.kind.as_str());
        r.add_text(f.format, doc.format.as_str());
        for p in &parties {
            r.add_text(f.party, p);
        }
    };
    let units = units(doc);
    let by_unit = facts_by_unit(&units, facts);
    let mut out = Vec::with_capacity(units.len() + 1);
    for (u, unit_facts) in units.iter().zip(&by_unit) {
        let mut r = TantivyDocument::new();
        r.add_text(f.unit, UNIT_CLAUSE);
        common(&mut r);
        r.add_u64(f.ordinal, u.ordinal as u64);
        if let Some(n) = &u.number {
            r.add_text(f.number, n);
        }
        if let Some(h) = &u.heading {
            r.add_text(f.heading, h);
        }
        for h in section_headings(doc, u.clause) {
            r.add_text(f.section, h);
        }
        r.add_u64(f.level, u64::from(u.level));
        r.add_u64(f.start, u.span.start as u64);
        r.add_u64(f.end, u.span.end as u64);
        let text = u.span.slice(&doc.text);
        r.add_text(f.text, text);
        add_facts(f, &mut r, unit_facts.iter().copied());
        r.add_text(
            f.facts,
            serde_json::to_string(unit_facts).unwrap_or_else(|_| "[]".to_owned()),
        );
        out.push(r);
    }
    let mut r = TantivyDocument::new();
    r.add_text(f.unit, UNIT_DOCUMENT);
    common(&mut r);
    r.add_text(f.hash, &doc.content_hash);
    for p in &parties {
        r.add_text(f.parties, p);
    }
    if doc.version.is_some() {
        r.add_text(f.versioned, "yes");
    }
    r.add_u64(f.bytes, doc.source.len() as u64);
    // Only the clause types: fact filters run on units (document hits are grouped
    // from them), so the typed fact fields of a document record would never be read.
    let types: BTreeSet<&str> = facts
        .iter()
        .filter_map(|fact| match &fact.value {
            Value::Clause { clause_type, .. } => Some(clause_type.as_str()),
            _ => None,
        })
        .collect();
    for t in types {
        r.add_text(f.clause_type, t);
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for fact in facts {
        *counts.entry(fact.kind().as_str()).or_default() += 1;
    }
    r.add_text(
        f.fact_counts,
        serde_json::to_string(&counts).unwrap_or_else(|_| "{}".to_owned()),
    );
    out.push(r);
    out
}

/// `family\u{1f}version`: the term that names one version of a family.
pub(crate) fn famver(family: &str, version: &str) -> String {
    format!(
        "{}\u{1f}{}",
        schema::keyword(family),
        schema::keyword(version)
    )
}

/// The typed fields of some facts.
fn add_facts<'a>(f: &Fields, r: &mut TantivyDocument, facts: impl Iterator<Item = &'a Fact>) {
    let mut types: BTreeSet<&str> = BTreeSet::new();
    let add_f64 = |r: &mut TantivyDocument, field: Field, x: Option<f64>| {
        if let Some(x) = x {
            r.add_f64(field, x);
        }
    };
    for fact in facts {
        let v = &fact.value;
        match v {
            Value::Percent { .. } => add_f64(r, f.percent, numeric::percent(v)),
            Value::Money { .. } => {
                if let Some((amount, ccy)) = numeric::money(v) {
                    r.add_f64(f.money, amount);
                    r.add_text(f.money_ccy, numeric::money_key(ccy, amount));
                }
            }
            Value::Date { .. } => {
                if let Some(d) = numeric::date_start(v) {
                    let secs = d
                        .and_hms_opt(0, 0, 0)
                        .map_or(0, |t| t.and_utc().timestamp());
                    r.add_date(f.date, DateTime::from_timestamp_secs(secs));
                }
            }
            Value::Duration { .. } => add_f64(r, f.duration_days, numeric::duration_days(v)),
            Value::Clause { clause_type, .. } => {
                types.insert(clause_type);
            }
            _ => {}
        }
    }
    for t in types {
        r.add_text(f.clause_type, t);
    }
}
