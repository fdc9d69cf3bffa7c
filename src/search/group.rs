//! Whole-document matching from unit records: a document matches a query when each
//! clause the query requires is met by *some* unit of the document (not necessarily the
//! same one), and no unit meets a clause it excludes.
//!
//! The body text is indexed once, in the units; this replaces a second, document-wide
//! copy of it. The query tree tantivy's parser builds is walked: a `BooleanQuery` is
//! evaluated over sets of documents (intersection for `Must`, union for `Should`,
//! difference for `MustNot`); any other query is a leaf, run over the unit records and
//! grouped by the `doc` fast field (a document scores the best score of its units).
//! Once a set is small, later leaves are restricted to its documents, so narrowing
//! clauses cost little.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::ColumnValues;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermSetQuery};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

use crate::index::schema::UNIT_CLAUSE;
use crate::index::Reader;
use crate::Result;

/// Document id -> score.
pub(crate) type DocScores = HashMap<u64, f32>;

/// Sets at most this large restrict the leaves evaluated after them.
const RESTRICT: usize = 4_096;

/// Documents matching `query` (see the module docs), with scores.
pub(crate) fn documents(
    reader: &Reader,
    searcher: &tantivy::Searcher,
    query: &dyn Query,
) -> Result<DocScores> {
    eval(reader, searcher, query, None)
}

fn eval(
    reader: &Reader,
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    within: Option<&DocScores>,
) -> Result<DocScores> {
    let Some(b) = query.downcast_ref::<BooleanQuery>() else {
        return leaf(reader, searcher, query, within);
    };
    let clauses = b.clauses();
    let mut acc: Option<DocScores> = None;
    for (_, q) in clauses.iter().filter(|(o, _)| *o == Occur::Must) {
        let scope = acc.as_ref().or(within);
        let m = eval(reader, searcher, &**q, scope)?;
        acc = Some(match acc {
            None => m,
            Some(a) => intersect(a, &m),
        });
        if acc.as_ref().is_some_and(HashMap::is_empty) {
            return Ok(DocScores::new());
        }
    }
    let shoulds: Vec<&dyn Query> = clauses
        .iter()
        .filter(|(o, _)| *o == Occur::Should)
        .map(|(_, q)| &**q)
        .collect();
    let mut acc = match acc {
        Some(mut a) => {
            // Optional clauses only add to the score of what the required ones found.
            for q in shoulds {
                let s = eval(reader, searcher, q, Some(&a))?;
                for (d, score) in &s {
                    if let Some(x) = a.get_mut(d) {
                        *x += score;
                    }
                }
            }
            a
        }
        None => {
            let mut u = DocScores::new();
            for q in shoulds {
                for (d, score) in eval(reader, searcher, q, within)? {
                    *u.entry(d).or_default() += score;
                }
            }
            u
        }
    };
    for (_, q) in clauses.iter().filter(|(o, _)| *o == Occur::MustNot) {
        if acc.is_empty() {
            break;
        }
        let n = eval(reader, searcher, &**q, Some(&acc))?;
        acc.retain(|d, _| !n.contains_key(d));
    }
    Ok(acc)
}

fn intersect(a: DocScores, b: &DocScores) -> DocScores {
    a.into_iter()
        .filter_map(|(d, s)| b.get(&d).map(|t| (d, s + t)))
        .collect()
}

/// Run one leaf over the unit records (of the documents in `within`, when small).
fn leaf(
    reader: &Reader,
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    within: Option<&DocScores>,
) -> Result<DocScores> {
    let f = reader.fields();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
        (
            Occur::Must,
            Box::new(ConstScoreQuery::new(
                reader.term_query(f.unit, UNIT_CLAUSE),
                0.0,
            )),
        ),
        (Occur::Must, query.box_clone()),
    ];
    if let Some(w) = within {
        if w.is_empty() {
            return Ok(DocScores::new());
        }
        if w.len() <= RESTRICT {
            let terms = w.keys().map(|&d| Term::from_field_u64(f.doc, d));
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(
                    Box::new(TermSetQuery::new(terms)),
                    0.0,
                )),
            ));
        }
    }
    searcher
        .search(&BooleanQuery::new(clauses), &PerDocument)
        .map_err(|e| reader.err(e))
}

/// Collects the best score of each document's matching units.
struct PerDocument;

struct PerDocumentSegment {
    ids: std::sync::Arc<dyn ColumnValues<u64>>,
    out: DocScores,
}

impl Collector for PerDocument {
    type Fruit = DocScores;
    type Child = PerDocumentSegment;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<PerDocumentSegment> {
        let ids = segment.fast_fields().u64("doc")?.first_or_default_col(0);
        Ok(PerDocumentSegment {
            ids,
            out: DocScores::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<DocScores>) -> tantivy::Result<DocScores> {
        let mut out = DocScores::new();
        for fruit in fruits {
            for (d, s) in fruit {
                let e = out.entry(d).or_insert(s);
                if s > *e {
                    *e = s;
                }
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for PerDocumentSegment {
    type Fruit = DocScores;

    fn collect(&mut self, doc: DocId, score: Score) {
        let id = self.ids.get_val(doc);
        let e = self.out.entry(id).or_insert(score);
        if score > *e {
            *e = score;
        }
    }

    fn harvest(self) -> DocScores {
        self.out
    }
}
