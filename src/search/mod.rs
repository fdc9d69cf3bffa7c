//! Search: parse a query and filters, run them over the index, and build results with
//! snippets and the facts that matched.
//!
//! Results are units (clauses, or paragraphs) first. When fewer units than asked for
//! match, whole documents that match (their words spread over several clauses) are
//! added after them as `document` hits, each with the snippet of its best clause.
//!
//! Filters restrict without changing scores: `--type` (clause types, from `clause`
//! facts), `--party` (a party of the document; several words match as a phrase, so
//! `Microsoft` finds `Microsoft Corporation`), `--family`, `--kind`, `--latest` (drop
//! every version of a family but the newest, ordered by `model::VersionKey`), and
//! `--where` fact conditions (see [`condition`]). Several values of one filter are
//! alternatives (OR); different filters must all hold (AND).

pub mod condition;
mod group;
pub mod query;
pub mod snippet;

use std::collections::HashSet;
use std::ops::{Bound, Range};

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, Term};

pub use condition::{Condition, Op};
pub use snippet::Snippet;

use crate::index::schema::{self, Fields, NAME_TOKENIZER, UNIT_CLAUSE, UNIT_DOCUMENT};
use crate::index::{numeric, Reader, UnitRecord};
use crate::model::{Fact, FactKind};
use crate::{Error, Result};

/// Snippet length the search engine aims for, in chars.
const SNIPPET_CHARS: usize = 220;

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The query text (empty: every unit that passes the filters).
    pub query: String,
    pub types: Vec<String>,
    pub parties: Vec<String>,
    pub families: Vec<String>,
    /// `contract` or `news`.
    pub kinds: Vec<String>,
    pub latest: bool,
    pub conditions: Vec<Condition>,
    pub limit: usize,
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub path: String,
    /// `path#ordinal` for a clause, the path for a whole document: `pactum show` takes it.
    pub id: String,
    /// `clause` or `document`.
    pub unit: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// `§5.2 Termination`, `(preamble)`, `¶3`, or `(whole document, §4.1)` (the
    /// unit of the document the snippet is from).
    pub label: String,
    /// Byte span of the unit in the source (documents: the clause the snippet is from).
    pub start: u64,
    pub end: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clause_types: Vec<String>,
    #[serde(skip)]
    pub snippet: Snippet,
    /// Facts that met the `--where` conditions, or (without conditions) the unit's
    /// quantities and parties.
    pub facts: Vec<Fact>,
    pub score: f32,
}

/// Results of a search.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Results {
    pub hits: Vec<Hit>,
    /// How many units matched the query and filters (before `limit`).
    pub total_units: usize,
}

/// Run `req` over `reader`.
pub fn search(reader: &Reader, req: &Request) -> Result<Results> {
    let f = reader.fields();
    let has_filters = !(req.types.is_empty()
        && req.parties.is_empty()
        && req.families.is_empty()
        && req.kinds.is_empty()
        && req.conditions.is_empty()
        && !req.latest);
    let text_query: Option<Box<dyn Query>> = if req.query.trim().is_empty() {
        if !has_filters {
            return Err(Error::Query {
                message: "nothing to search for: give a query, a filter, or both \
                          (e.g. `pactum search termination --type termination_for_convenience`)"
                    .into(),
            });
        }
        None
    } else {
        Some(query::parse(reader.tantivy(), &req.query)?)
    };
    let filters = filters(reader, req)?;
    let limit = req.limit.max(1);
    let searcher = reader.searcher();
    // Words searched in the text, else in the heading (`heading:x`): both fields
    // stem alike, so either generator can mark the unit's text.
    let snippets = match &text_query {
        Some(q) => Some(Snippets(vec![
            generator(reader, &searcher, &**q, f.text)?,
            generator(reader, &searcher, &**q, f.heading)?,
        ])),
        None => None,
    };
    let build = |unit: &str, text_query: &Option<Box<dyn Query>>| -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(ConstScoreQuery::new(reader.term_query(f.unit, unit), 0.0)),
        )];
        match text_query {
            Some(q) => clauses.push((Occur::Must, q.box_clone())),
            None => clauses.push((Occur::Must, Box::new(AllQuery))),
        }
        for (occur, q) in &filters {
            let q = Box::new(ConstScoreQuery::new(q.box_clone(), 0.0));
            clauses.push((*occur, q));
        }
        Box::new(BooleanQuery::new(clauses))
    };

    // 1. units; fetch extra because exact re-checks of conditions may drop a few.
    let slack = if req.conditions.is_empty() {
        0
    } else {
        limit + 10
    };
    let (top, total_units) = searcher
        .search(
            &*build(UNIT_CLAUSE, &text_query),
            &(TopDocs::with_limit(limit + slack), Count),
        )
        .map_err(|e| reader.err(e))?;
    let mut hits = Vec::new();
    for (score, addr) in top {
        if hits.len() >= limit {
            break;
        }
        let unit = reader.unit_record(&reader.load(addr)?);
        if let Some(hit) = unit_hit(unit, score, req, snippets.as_ref()) {
            hits.push(hit);
        }
    }
    // Equal scores in file order: the index's own order of tied units depends on which
    // worker indexed them first, so it changes from one ingest to the next.
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.path.cmp(&b.path))
            .then(a.start.cmp(&b.start))
    });

    // 2. whole documents whose words are spread over several units (see [`group`]).
    // The filters are one leaf, so they must all hold in one unit: a document whose
    // revenue-share clause says 8% and whose 20% is elsewhere does not meet
    // `--type revenue_share --where "percent > 15"`.
    let one_unit = unit_filter(&filters);
    if let Some(q) = text_query.as_ref().filter(|_| hits.len() < limit) {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, q.box_clone())];
        if let Some(fq) = &one_unit {
            clauses.push((Occur::Must, fq.box_clone()));
        }
        let mut docs: Vec<(u64, f32)> =
            group::documents(reader, &searcher, &BooleanQuery::new(clauses))?
                .into_iter()
                .collect();
        let seen: HashSet<u64> = hits.iter().map(|h| schema::doc_id(&h.path)).collect();
        docs.retain(|(d, _)| !seen.contains(d));
        docs.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (id, score) in docs {
            if hits.len() >= limit {
                break;
            }
            if let Some(doc) = reader.document_by_id(id)? {
                hits.push(document_hit(
                    reader,
                    doc,
                    score,
                    req,
                    one_unit.as_deref(),
                    snippets.as_ref(),
                )?);
            }
        }
    }
    Ok(Results { hits, total_units })
}

/// A unit as a hit, or `None` when exact condition checks reject it.
fn unit_hit(
    unit: UnitRecord,
    score: f32,
    req: &Request,
    snippets: Option<&Snippets>,
) -> Option<Hit> {
    let facts = hit_facts(&unit, req)?;
    let fact_ranges = fact_ranges(&unit, &facts, req);
    let snippet = snippet::build(
        &unit.text,
        snippets.and_then(|g| engine_window(g, &unit.text)),
        &fact_ranges,
    );
    Some(Hit {
        id: unit.key.clone(),
        unit: UNIT_CLAUSE,
        label: unit.label(),
        path: unit.path,
        family: unit.family,
        version: unit.version,
        title: unit.title,
        kind: unit.kind,
        number: unit.number,
        heading: unit.heading,
        start: unit.start,
        end: unit.end,
        clause_types: unit.clause_types,
        snippet,
        facts,
        score,
    })
}

/// The facts a hit on `unit` shows: those meeting the `--where` conditions (`None` when
/// some condition is met by none of them), or without conditions the unit's quantities
/// and parties.
fn hit_facts(unit: &UnitRecord, req: &Request) -> Option<Vec<Fact>> {
    if req.conditions.is_empty() {
        return Some(
            unit.facts
                .iter()
                .filter(|f| f.kind().is_quantity() || f.kind() == FactKind::Party)
                .cloned()
                .collect(),
        );
    }
    let mut met: Vec<Fact> = Vec::new();
    for c in &req.conditions {
        let before = met.len();
        met.extend(unit.facts.iter().filter(|f| c.matches(f)).cloned());
        if met.len() == before {
            return None;
        }
    }
    met.sort_by_key(|f| f.span);
    met.dedup();
    Some(met)
}

/// Byte ranges of `facts` in the unit's text, to mark them (only under conditions).
fn fact_ranges(unit: &UnitRecord, facts: &[Fact], req: &Request) -> Vec<Range<usize>> {
    if req.conditions.is_empty() {
        return Vec::new();
    }
    facts
        .iter()
        .map(|f| {
            let s = f.span.start.saturating_sub(unit.start as usize);
            s..s + f.span.len()
        })
        .collect()
}

/// A window of a unit's text and the highlights in it.
type Window = (Range<usize>, Vec<Range<usize>>);

/// Snippet generators with the stems they look for, tried in order (text, heading).
struct Snippets(Vec<(SnippetGenerator, Vec<String>)>);

/// A snippet generator for the words `query` searches in `field` (what tantivy's
/// `SnippetGenerator::create` does, keeping the words to find them in long texts).
fn generator(
    reader: &Reader,
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    field: Field,
) -> Result<(SnippetGenerator, Vec<String>)> {
    let mut terms: Vec<Term> = Vec::new();
    query.query_terms(&mut |t, _| {
        if t.field() == field {
            terms.push(t.clone());
        }
    });
    let mut weights = std::collections::BTreeMap::new();
    for t in &terms {
        let Some(text) = t.value().as_str().map(str::to_owned) else {
            continue;
        };
        let df = searcher.doc_freq(t).map_err(|e| reader.err(e))?;
        if df > 0 {
            weights.insert(text, 1.0 / (1.0 + df as f32));
        }
    }
    let words = weights.keys().cloned().collect();
    let tokenizer = reader
        .tantivy()
        .tokenizer_for_field(field)
        .map_err(|e| reader.err(e))?;
    Ok((
        SnippetGenerator::new(weights, tokenizer, field, SNIPPET_CHARS),
        words,
    ))
}

/// Texts longer than this are cut to a window around the first query word before the
/// snippet generator reads them (it tokenizes all it is given: a 135 kB unit took 15 ms).
const FOCUS: usize = 4_096;

/// The part of `text` worth handing to the snippet generator, as a byte range.
fn focus(text: &str, words: &[String]) -> Range<usize> {
    if text.len() <= FOCUS {
        return 0..text.len();
    }
    let lower = text.to_ascii_lowercase();
    // Stems may end differently from the word (`royalti` for `royalty`): look for the
    // stem less its last letter.
    let first = words
        .iter()
        .filter_map(|w| {
            let w = if w.len() > 4 { &w[..w.len() - 1] } else { w };
            memchr::memmem::find(lower.as_bytes(), w.as_bytes())
        })
        .min()
        .unwrap_or(0);
    let start = crate::ingest::floor_char_boundary(text, first.saturating_sub(FOCUS / 3));
    let end = crate::ingest::floor_char_boundary(text, start + FOCUS);
    start..end
}

/// The fragment tantivy picked, as a window of `text` with highlights.
fn engine_window(g: &Snippets, text: &str) -> Option<Window> {
    g.0.iter().find_map(|(g, words)| {
        let part = focus(text, words);
        let sub = &text[part.clone()];
        let s = g.snippet(sub);
        if s.highlighted().is_empty() {
            return None;
        }
        let at = part.start + sub.find(s.fragment())?;
        let marks = s
            .highlighted()
            .iter()
            .map(|r| r.start + at..r.end + at)
            .collect();
        Some((at..at + s.fragment().len(), marks))
    })
}

/// All filters as one query over a single unit (`None` without filters). Scores
/// nothing, and is not a `BooleanQuery`, so [`group`] runs it as one leaf.
fn unit_filter(filters: &[(Occur, Box<dyn Query>)]) -> Option<Box<dyn Query>> {
    if filters.is_empty() {
        return None;
    }
    let mut all: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(AllQuery))];
    all.extend(filters.iter().map(|(o, q)| (*o, q.box_clone())));
    Some(Box::new(ConstScoreQuery::new(
        Box::new(BooleanQuery::new(all)),
        0.0,
    )))
}

/// A whole-document hit, with the snippet of the unit that meets the filters
/// (`filter`) and shows most query words.
fn document_hit(
    reader: &Reader,
    doc: crate::index::DocRecord,
    score: f32,
    req: &Request,
    filter: Option<&dyn Query>,
    snippets: Option<&Snippets>,
) -> Result<Hit> {
    // The unit of this document that meets the filters and scores best on any of the
    // query's words: one small search instead of reading every unit of a long contract.
    let f = reader.fields();
    let mut best: Option<UnitRecord> = None;
    if let Some(g) = snippets {
        let words: Vec<(Occur, Box<dyn Query>)> =
            g.0.iter()
                // Heading words are in the unit text too, stemmed alike.
                .flat_map(|(_, words)| {
                    words.iter().map(|w| {
                        (
                            Occur::Should,
                            Box::new(TermQuery::new(
                                Term::from_field_text(f.text, w),
                                IndexRecordOption::WithFreqs,
                            )) as Box<dyn Query>,
                        )
                    })
                })
                .collect();
        if !words.is_empty() {
            let mut q = vec![
                (Occur::Must, reader.term_query(f.unit, UNIT_CLAUSE)),
                (Occur::Must, reader.term_query(f.path, &doc.path)),
            ];
            match filter {
                // The words only rank the units that meet the filters.
                Some(fq) => {
                    q.push((Occur::Must, fq.box_clone()));
                    q.extend(words);
                }
                None => q.push((Occur::Must, Box::new(BooleanQuery::new(words)))),
            }
            let q = BooleanQuery::new(q);
            let top = reader
                .searcher()
                .search(&q, &TopDocs::with_limit(1))
                .map_err(|e| reader.err(e))?;
            if let Some(&(_, addr)) = top.first() {
                best = Some(reader.unit_record(&reader.load(addr)?));
            }
        }
    }
    if best.is_none() {
        best = reader.unit(&format!("{}#0", doc.path))?;
    }
    // `(whole document, §4.1)`: where the snippet is from.
    let label = match &best {
        Some(u) => format!("(whole document, {})", u.label()),
        None => "(whole document)".to_owned(),
    };
    let (snippet, start, end, facts) = match &best {
        Some(u) => {
            let facts = hit_facts(u, req).unwrap_or_default();
            let ranges = fact_ranges(u, &facts, req);
            (
                snippet::build(
                    &u.text,
                    snippets.and_then(|g| engine_window(g, &u.text)),
                    &ranges,
                ),
                u.start,
                u.end,
                facts,
            )
        }
        None => (Snippet::default(), 0, 0, Vec::new()),
    };
    Ok(Hit {
        id: doc.path.clone(),
        unit: UNIT_DOCUMENT,
        label,
        path: doc.path,
        family: doc.family,
        version: doc.version,
        title: doc.title,
        kind: doc.kind,
        number: None,
        heading: None,
        start,
        end,
        clause_types: doc.clause_types,
        snippet,
        facts,
        score,
    })
}

/// Filter clauses (Must / MustNot) for the request.
fn filters(reader: &Reader, req: &Request) -> Result<Vec<(Occur, Box<dyn Query>)>> {
    let f = reader.fields();
    let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let any_of = |field: Field, values: &[String]| -> Box<dyn Query> {
        let qs = values
            .iter()
            .map(|v| (Occur::Should, reader.term_query(field, &schema::keyword(v))))
            .collect();
        Box::new(BooleanQuery::new(qs))
    };
    if !req.types.is_empty() {
        out.push((Occur::Must, any_of(f.clause_type, &req.types)));
    }
    if !req.families.is_empty() {
        out.push((Occur::Must, any_of(f.family, &req.families)));
    }
    if !req.kinds.is_empty() {
        out.push((Occur::Must, any_of(f.kind, &req.kinds)));
    }
    if !req.parties.is_empty() {
        let mut qs = Vec::new();
        for p in &req.parties {
            qs.push((Occur::Should, party_query(reader, f.party, p)?));
        }
        out.push((Occur::Must, Box::new(BooleanQuery::new(qs))));
    }
    if req.latest {
        for fv in reader.older_versions()? {
            out.push((Occur::MustNot, reader.term_query(f.famver, fv)));
        }
    }
    for c in &req.conditions {
        out.push((Occur::Must, condition_query(f, c)));
    }
    Ok(out)
}

/// The words of a party name, as a phrase over the `party` field.
fn party_query(reader: &Reader, field: Field, name: &str) -> Result<Box<dyn Query>> {
    let mut analyzer = reader
        .tantivy()
        .tokenizers()
        .get(NAME_TOKENIZER)
        .ok_or_else(|| Error::Other("party tokenizer missing".into()))?;
    let mut terms = Vec::new();
    let mut stream = analyzer.token_stream(name);
    while let Some(t) = stream.next() {
        terms.push(Term::from_field_text(field, &t.text));
    }
    Ok(match terms.len() {
        0 => {
            return Err(Error::Query {
                message: format!("--party `{name}` has no words to look for"),
            })
        }
        1 => Box::new(TermQuery::new(
            terms.remove(0),
            IndexRecordOption::WithFreqs,
        )),
        _ => Box::new(PhraseQuery::new(terms)),
    })
}

/// The index-side range of a condition. Units are re-checked exactly (decimals) after;
/// whole-document hits rely on this range alone (f64 can only blur values that differ
/// past the 15th significant digit).
fn condition_query(f: &Fields, c: &Condition) -> Box<dyn Query> {
    use Bound::{Excluded, Included, Unbounded};
    let f64_range = |field: Field, op: Op, v: f64| -> Box<dyn Query> {
        let t = Term::from_field_f64(field, v);
        let (lo, hi) = match op {
            Op::Lt => (Unbounded, Excluded(t)),
            Op::Le => (Unbounded, Included(t)),
            Op::Gt => (Excluded(t), Unbounded),
            Op::Ge => (Included(t), Unbounded),
            Op::Eq => (Included(t.clone()), Included(t)),
        };
        Box::new(RangeQuery::new(lo, hi))
    };
    match c {
        Condition::Percent { op, value } => f64_range(
            f.percent,
            *op,
            numeric::decimal_f64(value).unwrap_or(f64::MAX),
        ),
        Condition::Money {
            op,
            amount,
            currency,
        } => {
            let v = numeric::decimal_f64(amount).unwrap_or(f64::MAX);
            match currency {
                None => f64_range(f.money, *op, v),
                Some(ccy) => {
                    let key = |s: String| Term::from_field_text(f.money_ccy, &s);
                    let at = key(numeric::money_key(ccy, v));
                    let floor = key(format!("{}:", ccy.to_ascii_uppercase()));
                    let ceil = key(format!("{};", ccy.to_ascii_uppercase()));
                    let (lo, hi) = match op {
                        Op::Lt => (Included(floor), Excluded(at)),
                        Op::Le => (Included(floor), Included(at)),
                        Op::Gt => (Excluded(at), Excluded(ceil)),
                        Op::Ge => (Included(at), Excluded(ceil)),
                        Op::Eq => (Included(at.clone()), Included(at)),
                    };
                    Box::new(RangeQuery::new(lo, hi))
                }
            }
        }
        Condition::Date { op, start, end } => {
            let t = |d: &NaiveDate| {
                let secs = d
                    .and_hms_opt(0, 0, 0)
                    .map_or(0, |t| t.and_utc().timestamp());
                Term::from_field_date(f.date, DateTime::from_timestamp_secs(secs))
            };
            let (lo, hi) = match op {
                Op::Lt => (Unbounded, Excluded(t(start))),
                Op::Le => (Unbounded, Excluded(t(end))),
                Op::Gt => (Included(t(end)), Unbounded),
                Op::Ge => (Included(t(start)), Unbounded),
                Op::Eq => (Included(t(start)), Excluded(t(end))),
            };
            Box::new(RangeQuery::new(lo, hi))
        }
        Condition::Duration { op, days, .. } => f64_range(f.duration_days, *op, *days),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{Index, WriterOptions};
    use crate::ingest;
    use crate::model::{Span, Value};
    use crate::sink::Sink;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    const A: &str = "# Supply Agreement\n\nThe parties hereto hereby agree that each party shall \
        comply with these terms hereunder.\n\n## 1. Fees\n\nBuyer shall pay a royalty of 15 percent \
        and a fee of $2,000,000 by 2029.\n\n## 2. Termination\n\nEither party may terminate on 30 days \
        notice.\n";
    const B: &str = "# Other Agreement\n\nThe parties hereto hereby agree that each party shall \
        comply with these terms hereunder.\n\n## 1. Fees\n\nBuyer shall pay a royalty of 5 percent \
        and a fee of EUR 9,000,000 by 2031.\n\n## 2. Termination\n\nEither party may terminate on \
        3 months notice.\n";

    fn fact(doc: &crate::model::Document, needle: &str, value: Value) -> Fact {
        let start = doc.source.find(needle).unwrap();
        Fact::new(
            value,
            Span::new(start, start + needle.len()),
            &doc.source,
            "test",
        )
    }

    fn facts(
        doc: &crate::model::Document,
        pct: &str,
        money: (&str, &str, &str),
        year: &str,
        dur: (&str, i64, crate::model::DurationUnit),
    ) -> Vec<Fact> {
        let mut f = vec![
            fact(
                doc,
                &format!("{pct} percent"),
                Value::Percent {
                    percent: Decimal::from_str(pct).unwrap(),
                },
            ),
            fact(
                doc,
                money.0,
                Value::Money {
                    amount: Decimal::from_str(money.1).unwrap(),
                    currency: money.2.into(),
                },
            ),
            fact(
                doc,
                year,
                Value::Date {
                    date: year.into(),
                    precision: crate::model::DatePrecision::Year,
                    relative: false,
                    resolved: None,
                },
            ),
            fact(
                doc,
                dur.0,
                Value::Duration {
                    iso: String::new(),
                    amount: dur.1.into(),
                    unit: dur.2,
                    qualifier: None,
                },
            ),
            fact(
                doc,
                "Buyer",
                Value::Party {
                    name: "Buyer Holdings Inc".into(),
                    aliases: vec![],
                    role: None,
                },
            ),
            fact(
                doc,
                "Either party may terminate",
                Value::Clause {
                    clause_type: "termination_for_convenience".into(),
                    cue: "may terminate".into(),
                },
            ),
        ];
        f.sort_by_key(|f| f.span);
        f
    }

    fn index() -> (tempfile::TempDir, Reader) {
        use crate::model::DurationUnit as U;
        let t = tempfile::TempDir::new().unwrap();
        let index = Index::open_or_create(&t.path().join("ix")).unwrap();
        let mut w = index
            .writer(&WriterOptions {
                threads: 1,
                memory_bytes: 20 << 20,
            })
            .unwrap();
        let a = ingest::parse("a.md".as_ref(), A.as_bytes()).unwrap();
        let b = ingest::parse("b.md".as_ref(), B.as_bytes()).unwrap();
        let fa = facts(
            &a,
            "15",
            ("$2,000,000", "2000000", "USD"),
            "2029",
            ("30 days", 30, U::Day),
        );
        let fb = facts(
            &b,
            "5",
            ("EUR 9,000,000", "9000000", "EUR"),
            "2031",
            ("3 months", 3, U::Month),
        );
        w.put(&a, &fa).unwrap();
        w.put(&b, &fb).unwrap();
        w.finish().unwrap();
        let reader = index.reader().unwrap();
        (t, reader)
    }

    fn paths(reader: &Reader, query: &str, conditions: &[&str]) -> Vec<(String, Option<String>)> {
        let req = Request {
            query: query.into(),
            conditions: conditions.iter().map(|c| c.parse().unwrap()).collect(),
            limit: 10,
            ..Request::default()
        };
        search(reader, &req)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| (h.path, h.number))
            .collect()
    }

    #[test]
    fn fact_conditions_filter_units() {
        let (_t, r) = index();
        let one = |p: &str, n: &str| vec![(p.to_owned(), Some(n.to_owned()))];
        assert_eq!(paths(&r, "", &["percent >= 15"]), one("a.md", "1"));
        assert_eq!(paths(&r, "royalty", &["percent < 15"]), one("b.md", "1"));
        assert_eq!(paths(&r, "", &["money > 1000000 USD"]), one("a.md", "1"));
        assert_eq!(paths(&r, "", &["money > 1000000 EUR"]), one("b.md", "1"));
        assert_eq!(paths(&r, "", &["money > 2000000 USD"]), vec![]);
        assert_eq!(paths(&r, "", &["money >= 2000000"]).len(), 2);
        assert_eq!(paths(&r, "", &["date < 2030-01-01"]), one("a.md", "1"));
        assert_eq!(paths(&r, "", &["date = 2031"]), one("b.md", "1"));
        assert_eq!(paths(&r, "", &["duration <= P30D"]), one("a.md", "2"));
        assert_eq!(paths(&r, "", &["duration > P1M"]), one("b.md", "2"));
        // AND of conditions, each met by some fact of the unit
        assert_eq!(
            paths(&r, "", &["percent >= 15", "date < 2030"]),
            one("a.md", "1")
        );
        assert_eq!(paths(&r, "", &["percent >= 15", "date > 2030"]), vec![]);
    }

    #[test]
    fn matching_facts_are_returned_and_marked() {
        let (_t, r) = index();
        let req = Request {
            conditions: vec!["percent >= 15".parse().unwrap()],
            limit: 5,
            ..Request::default()
        };
        let hits = search(&r, &req).unwrap().hits;
        assert_eq!(hits[0].facts.len(), 1);
        assert_eq!(hits[0].facts[0].text, "15 percent");
        assert!(hits[0].snippet.marked("[", "]").contains("[15 percent]"));
    }

    #[test]
    fn type_and_party_filters() {
        let (_t, r) = index();
        let req = |types: &[&str], parties: &[&str]| Request {
            query: "terminate".into(),
            types: types.iter().map(|s| s.to_string()).collect(),
            parties: parties.iter().map(|s| s.to_string()).collect(),
            limit: 10,
            ..Request::default()
        };
        let n = |q: Request| search(&r, &q).unwrap().hits.len();
        assert_eq!(n(req(&["termination_for_convenience"], &[])), 2);
        assert_eq!(n(req(&["Termination_For_Convenience"], &[])), 2);
        assert_eq!(n(req(&["governing_law"], &[])), 0);
        assert_eq!(n(req(&[], &["buyer holdings"])), 2);
        assert_eq!(n(req(&[], &["Holdings Buyer"])), 0);
        assert_eq!(n(req(&[], &["Acme"])), 0);
    }

    #[test]
    fn empty_request_is_an_error() {
        let (_t, r) = index();
        assert!(matches!(
            search(&r, &Request::default()),
            Err(Error::Query { .. })
        ));
    }
}
