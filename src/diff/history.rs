//! The history of every term across the versions of a family: each version is diffed
//! with the next, and the facts the diffs pair up are chained into one "term" per
//! thread, so `75%` in 2020-07-21 and `95%` in 2021-01-01 are the same revenue share.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::model::FactKind;

use super::{diff, ClauseRef, DocRef, FactRef, Side};

/// One term followed across versions.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub kind: FactKind,
    /// The clause holding the term in the latest version that has it.
    pub clause: Option<ClauseRef>,
    /// Its value in each version (`null` where the term does not exist).
    pub values: Vec<Option<FactRef>>,
    /// True when the value differs between versions, or the term appears or disappears.
    pub changed: bool,
}

/// Every term of the chosen kinds across the versions, oldest version first.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    pub versions: Vec<DocRef>,
    pub terms: Vec<Term>,
}

/// Follow the terms of `kinds` through `sides` (in version order).
pub fn history(sides: &[Side<'_>], kinds: &[FactKind]) -> History {
    let n = sides.len();
    let wanted = |s: &Side<'_>, k: usize| kinds.contains(&s.facts[k].kind());
    // Per thread: the fact index in each version.
    let mut threads: Vec<Vec<Option<usize>>> = Vec::new();
    let mut alive: HashMap<usize, usize> = HashMap::new();
    if let Some(first) = sides.first() {
        for k in (0..first.facts.len()).filter(|&k| wanted(first, k)) {
            let mut t = vec![None; n];
            t[0] = Some(k);
            alive.insert(k, threads.len());
            threads.push(t);
        }
    }
    for v in 1..n {
        let d = diff(sides[v - 1], sides[v]);
        let mut next: HashMap<usize, usize> = HashMap::new();
        for (o, nf) in d.links {
            if let Some(&t) = alive.get(&o) {
                threads[t][v] = Some(nf);
                next.insert(nf, t);
            }
        }
        for k in (0..sides[v].facts.len()).filter(|&k| wanted(&sides[v], k)) {
            if let std::collections::hash_map::Entry::Vacant(e) = next.entry(k) {
                let mut t = vec![None; n];
                t[v] = Some(k);
                e.insert(threads.len());
                threads.push(t);
            }
        }
        alive = next;
    }
    // Oldest first, then in document order.
    let key = |t: &Vec<Option<usize>>| {
        let v = t.iter().position(Option::is_some).unwrap_or(n);
        let start = t[v].map_or(0, |k| sides[v].facts[k].span.start);
        (v, start)
    };
    threads.sort_by_key(key);
    let terms = threads
        .into_iter()
        .map(|t| {
            let values: Vec<Option<FactRef>> = t
                .iter()
                .enumerate()
                .map(|(v, k)| k.map(|k| FactRef::of(&sides[v].facts[k], sides[v].doc)))
                .collect();
            let last = t.iter().rposition(Option::is_some).unwrap_or(0);
            let fact = t[last].map(|k| &sides[last].facts[k]);
            let kind = fact.map_or(FactKind::Percent, |f| f.kind());
            let clause = fact
                .and_then(|f| f.clause.or_else(|| sides[last].doc.clause_at(f.span)))
                .and_then(|c| ClauseRef::of(sides[last].doc, Some(c)));
            let shown: BTreeSet<&str> = values
                .iter()
                .flatten()
                .map(|f| f.display.as_str())
                .collect();
            let changed = shown.len() > 1 || values.iter().any(Option::is_none);
            Term {
                kind,
                clause,
                values,
                changed,
            }
        })
        .collect();
    History {
        versions: sides.iter().map(|s| DocRef::of(s.doc)).collect(),
        terms,
    }
}
