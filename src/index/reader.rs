//! The reader: a snapshot of the last commit, and records read back as plain types.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value as _};
use tantivy::{DocAddress, IndexReader, Searcher, TantivyDocument, Term};

use super::schema::{Fields, UNIT_CLAUSE, UNIT_DOCUMENT};
use super::writer::famver;
use super::{tantivy_error, Index};
use crate::model::{clause_label, Fact, VersionKey};
use crate::Result;

/// A document as the index knows it.
#[derive(Debug, Clone, Serialize)]
pub struct DocRecord {
    pub path: String,
    pub hash: String,
    pub family: Option<String>,
    pub version: Option<String>,
    pub title: Option<String>,
    /// `contract` or `news`.
    pub kind: String,
    /// `text` or `markdown`.
    pub format: String,
    pub bytes: u64,
    pub parties: Vec<String>,
    pub clause_types: Vec<String>,
    pub fact_counts: BTreeMap<String, usize>,
}

/// A unit (clause or paragraph) as the index knows it.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRecord {
    /// `path#ordinal`: what `pactum show` accepts.
    pub key: String,
    pub path: String,
    pub ordinal: u64,
    pub number: Option<String>,
    pub heading: Option<String>,
    pub level: u64,
    /// Byte span of the unit in the source.
    pub start: u64,
    pub end: u64,
    pub family: Option<String>,
    pub version: Option<String>,
    pub title: Option<String>,
    pub kind: String,
    pub clause_types: Vec<String>,
    /// The unit's text (markup blanked to spaces, same offsets as the source).
    #[serde(skip)]
    pub text: String,
    pub facts: Vec<Fact>,
}

impl UnitRecord {
    /// `§5.2 Termination`-style label ([`clause_label`]); `(preamble)` or `¶3` for a unit
    /// without number and heading.
    pub fn label(&self) -> String {
        clause_label(self.number.as_deref(), self.heading.as_deref()).unwrap_or_else(|| {
            if self.ordinal == 0 {
                "(preamble)".to_owned()
            } else {
                format!("¶{}", self.ordinal)
            }
        })
    }
}

/// A read-only view of the last commit. Cheap to keep around: searches reuse it.
pub struct Reader {
    dir: PathBuf,
    index: tantivy::Index,
    reader: IndexReader,
    fields: Fields,
    /// `famver` terms of versions that are not the newest of their family.
    older: OnceLock<Vec<String>>,
}

impl Reader {
    pub(super) fn new(index: &Index) -> Result<Reader> {
        // A concurrent writer may garbage-collect the files of the commit we are opening
        // between our reading `meta.json` and opening them: try again on the next commit.
        let mut last = None;
        for _ in 0..5 {
            match index
                .inner
                .reader_builder()
                .reload_policy(tantivy::ReloadPolicy::Manual)
                .try_into()
            {
                Ok(reader) => {
                    return Ok(Reader {
                        dir: index.dir.clone(),
                        index: index.inner.clone(),
                        reader,
                        fields: index.fields.clone(),
                        older: OnceLock::new(),
                    })
                }
                Err(e) => {
                    last = Some(e);
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
            }
        }
        Err(match last {
            Some(e) => tantivy_error(&index.dir, e),
            None => super::index_error(&index.dir, "could not open a reader"),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    pub(crate) fn fields(&self) -> &Fields {
        &self.fields
    }

    pub(crate) fn tantivy(&self) -> &tantivy::Index {
        &self.index
    }

    pub(crate) fn err(&self, e: tantivy::TantivyError) -> crate::Error {
        tantivy_error(&self.dir, e)
    }

    pub(crate) fn term_query(&self, field: Field, value: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    }

    fn all(&self, query: &dyn Query) -> Result<Vec<DocAddress>> {
        let mut docs: Vec<DocAddress> = self
            .searcher()
            .search(query, &DocSetCollector)
            .map_err(|e| self.err(e))?
            .into_iter()
            .collect();
        docs.sort();
        Ok(docs)
    }

    pub(crate) fn load(&self, addr: DocAddress) -> Result<TantivyDocument> {
        self.searcher().doc(addr).map_err(|e| self.err(e))
    }

    /// Number of unit records and of document records.
    pub fn counts(&self) -> Result<(usize, usize)> {
        let s = self.searcher();
        let f = &self.fields;
        let n = |unit: &str| {
            s.search(&*self.term_query(f.unit, unit), &Count)
                .map_err(|e| self.err(e))
        };
        Ok((n(UNIT_CLAUSE)?, n(UNIT_DOCUMENT)?))
    }

    /// Every document, sorted by path.
    pub fn documents(&self) -> Result<Vec<DocRecord>> {
        let q = self.term_query(self.fields.unit, UNIT_DOCUMENT);
        let mut out = self
            .all(&*q)?
            .into_iter()
            .map(|a| Ok(self.doc_record(&self.load(a)?)))
            .collect::<Result<Vec<_>>>()?;
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// The document stored under exactly `path`.
    pub fn document(&self, path: &str) -> Result<Option<DocRecord>> {
        let f = &self.fields;
        let q = BooleanQuery::new(vec![
            (Occur::Must, self.term_query(f.unit, UNIT_DOCUMENT)),
            (Occur::Must, self.term_query(f.path, path)),
        ]);
        match self.all(&q)?.first() {
            Some(&a) => Ok(Some(self.doc_record(&self.load(a)?))),
            None => Ok(None),
        }
    }

    /// The document record with the `doc` id `id` (see `schema::doc_id`).
    pub(crate) fn document_by_id(&self, id: u64) -> Result<Option<DocRecord>> {
        let f = &self.fields;
        let q = BooleanQuery::new(vec![
            (Occur::Must, self.term_query(f.unit, UNIT_DOCUMENT)),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.doc, id),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        match self.all(&q)?.first() {
            Some(&a) => Ok(Some(self.doc_record(&self.load(a)?))),
            None => Ok(None),
        }
    }

    /// The units of the document at `path`, in document order.
    pub fn units_of(&self, path: &str) -> Result<Vec<UnitRecord>> {
        let f = &self.fields;
        let q = BooleanQuery::new(vec![
            (Occur::Must, self.term_query(f.unit, UNIT_CLAUSE)),
            (Occur::Must, self.term_query(f.path, path)),
        ]);
        let mut out = self
            .all(&q)?
            .into_iter()
            .map(|a| Ok(self.unit_record(&self.load(a)?)))
            .collect::<Result<Vec<_>>>()?;
        out.sort_by_key(|u| u.ordinal);
        Ok(out)
    }

    /// The unit stored under `key` (`path#ordinal`).
    pub fn unit(&self, key: &str) -> Result<Option<UnitRecord>> {
        let Some((path, ordinal)) = key.rsplit_once('#') else {
            return Ok(None);
        };
        let Ok(ordinal) = ordinal.parse::<u64>() else {
            return Ok(None);
        };
        let f = &self.fields;
        let q = BooleanQuery::new(vec![
            (Occur::Must, self.term_query(f.path, path)),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.ordinal, ordinal),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        match self.all(&q)?.first() {
            Some(&a) => Ok(Some(self.unit_record(&self.load(a)?))),
            None => Ok(None),
        }
    }

    /// `famver` terms of every version that is not its family's newest (by
    /// [`VersionKey`], not as strings). Computed once per reader.
    pub(crate) fn older_versions(&self) -> Result<&[String]> {
        if let Some(v) = self.older.get() {
            return Ok(v);
        }
        let f = &self.fields;
        let q = self.term_query(f.versioned, "yes");
        let mut newest: HashMap<String, (VersionKey, String)> = HashMap::new();
        let mut all = Vec::new();
        for a in self.all(&*q)? {
            let d = self.load(a)?;
            let (Some(fam), Some(ver)) = (text(&d, f.family), text(&d, f.version)) else {
                continue;
            };
            let key = VersionKey::parse(&ver);
            all.push((fam.clone(), ver.clone()));
            match newest.get(&fam) {
                Some((k, _)) if *k >= key => {}
                _ => {
                    newest.insert(fam, (key, ver));
                }
            }
        }
        let older = all
            .into_iter()
            .filter(|(fam, ver)| newest.get(fam).is_some_and(|(_, v)| v != ver))
            .map(|(fam, ver)| famver(&fam, &ver))
            .collect();
        Ok(self.older.get_or_init(|| older))
    }

    pub(crate) fn doc_record(&self, d: &TantivyDocument) -> DocRecord {
        let f = &self.fields;
        DocRecord {
            path: text(d, f.path).unwrap_or_default(),
            hash: text(d, f.hash).unwrap_or_default(),
            family: text(d, f.family),
            version: text(d, f.version),
            title: text(d, f.title),
            kind: text(d, f.kind).unwrap_or_default(),
            format: text(d, f.format).unwrap_or_default(),
            bytes: number(d, f.bytes),
            parties: texts(d, f.parties),
            clause_types: texts(d, f.clause_type),
            fact_counts: text(d, f.fact_counts)
                .and_then(|j| serde_json::from_str(&j).ok())
                .unwrap_or_default(),
        }
    }

    pub(crate) fn unit_record(&self, d: &TantivyDocument) -> UnitRecord {
        let f = &self.fields;
        let path = text(d, f.path).unwrap_or_default();
        let ordinal = number(d, f.ordinal);
        UnitRecord {
            key: format!("{path}#{ordinal}"),
            path,
            ordinal,
            number: text(d, f.number),
            heading: text(d, f.heading),
            level: number(d, f.level),
            start: number(d, f.start),
            end: number(d, f.end),
            family: text(d, f.family),
            version: text(d, f.version),
            title: text(d, f.title),
            kind: text(d, f.kind).unwrap_or_default(),
            clause_types: texts(d, f.clause_type),
            text: text(d, f.text).unwrap_or_default(),
            facts: text(d, f.facts)
                .and_then(|j| serde_json::from_str(&j).ok())
                .unwrap_or_default(),
        }
    }
}

fn text(d: &TantivyDocument, field: Field) -> Option<String> {
    d.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_owned)
}

fn texts(d: &TantivyDocument, field: Field) -> Vec<String> {
    d.get_all(field)
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

fn number(d: &TantivyDocument, field: Field) -> u64 {
    d.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0)
}
