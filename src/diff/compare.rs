//! Compare aligned clauses: word diff of their own text, then facts through that diff.
//!
//! Quantity facts (percent, money, date, duration) and obligations are compared by
//! position: a fact entirely inside unchanged words is paired with the fact at the same
//! place on the other side; facts inside a changed stretch ("hunk") pair up by kind, in
//! order, and are `changed` when their values differ, else `added` / `removed`. Clause
//! types are compared as a set per aligned clause; parties and defined terms as a set per
//! document. Cross-references that only follow the renumbering (`Section 9.1` ->
//! `Section 8.1` when clause 9.1 became 8.1) are not word changes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp};

use crate::model::{Document, Fact, FactKind, Span, Value};

use super::align::{locate, region_index, Alignment, Unit};
use super::token::{self, Token};
use super::{Change, ChangeType, ClauseRef, FactRef, Hunk, Side, WordOp, WordTag, SECTION};

/// Words of context shown on each side of a change.
const CONTEXT: usize = 6;
/// Changed stretches closer than this many equal words are one hunk.
const MERGE_GAP: usize = 3;
/// Time allowed for the word diff of one clause pair before it falls back to a coarser
/// (still correct) diff.
const DEADLINE: Duration = Duration::from_millis(200);

/// Kinds compared by position through the word diff.
fn positional(k: FactKind) -> bool {
    k.is_quantity() || k == FactKind::Obligation
}

/// Facts of a side grouped by the unit holding them (index lists into `side.facts`),
/// and the unit of each fact.
fn facts_by_unit(side: Side<'_>, units: &[Unit]) -> (Vec<Vec<usize>>, Vec<Option<usize>>) {
    let index = region_index(units);
    let mut by = vec![Vec::new(); units.len()];
    let mut of = Vec::with_capacity(side.facts.len());
    for (k, f) in side.facts.iter().enumerate() {
        let u = locate(&index, f.span.start);
        if let Some(list) = u.and_then(|u| by.get_mut(u)) {
            list.push(k);
        }
        of.push(u);
    }
    (by, of)
}

struct Ctx<'a> {
    old: Side<'a>,
    new: Side<'a>,
    ou: &'a [Unit],
    nu: &'a [Unit],
    al: &'a Alignment,
    old_facts: Vec<Vec<usize>>,
    new_facts: Vec<Vec<usize>>,
    old_unit_of: Vec<Option<usize>>,
    new_unit_of: Vec<Option<usize>>,
    /// Clause number -> id of the aligned pair, per side (for cross-references).
    old_refs: HashMap<String, usize>,
    new_refs: HashMap<String, usize>,
    out: Vec<Change>,
    /// Per unit: unmatched, and so is everything nested in it.
    old_gone: Vec<bool>,
    new_gone: Vec<bool>,
    /// Every (old fact, new fact) pair of positional facts, changed or not.
    links: Vec<(usize, usize)>,
    seq: usize,
}

/// Every change between two aligned unit lists, and the pairs of positional facts
/// (indices into the old and new fact lists) that were matched, changed or not.
pub fn changes(
    old: Side<'_>,
    new: Side<'_>,
    ou: &[Unit],
    nu: &[Unit],
    al: &Alignment,
) -> (Vec<Change>, Vec<(usize, usize)>) {
    let (old_refs, new_refs) = reference_maps(ou, nu, al);
    let (old_facts, old_unit_of) = facts_by_unit(old, ou);
    let (new_facts, new_unit_of) = facts_by_unit(new, nu);
    let mut cx = Ctx {
        old,
        new,
        ou,
        nu,
        al,
        old_facts,
        new_facts,
        old_unit_of,
        new_unit_of,
        old_refs,
        new_refs,
        out: Vec::new(),
        old_gone: whole_gone(ou, &al.old_to_new),
        new_gone: whole_gone(nu, &al.new_to_old),
        links: Vec::new(),
        seq: 0,
    };
    // New position of the nearest matched old unit at or before each old unit, and
    // the reverse.
    let anchors = |m: &[Option<usize>]| -> Vec<usize> {
        m.iter()
            .scan(0usize, |last, x| {
                if let Some(x) = *x {
                    *last = x;
                }
                Some(*last)
            })
            .collect()
    };
    let anchor = anchors(&al.old_to_new);
    let old_anchor = anchors(&al.new_to_old);
    for (i, &a) in anchor.iter().enumerate() {
        match al.old_to_new[i] {
            Some(j) => {
                cx.pair(i, j);
                if al.moved[i] && !parent_moved_along(&cx, i, j) {
                    let (c, k) = (ChangeType::Moved, SECTION);
                    cx.push(c, k, Some(i), Some(j), None, None, (j, i));
                }
            }
            None => cx.gone(i, a),
        }
    }
    for (j, &a) in old_anchor.iter().enumerate() {
        if al.new_to_old[j].is_none() {
            cx.arrived(j, a);
        }
    }
    cx.document_sets();
    (cx.out, cx.links)
}

/// Units that are unmatched together with everything nested in them.
fn whole_gone(units: &[Unit], matched: &[Option<usize>]) -> Vec<bool> {
    let mut gone: Vec<bool> = matched.iter().map(Option::is_none).collect();
    // Children come after their parents: settle from the end.
    for k in (0..units.len()).rev() {
        if let Some(p) = units[k].parent.filter(|&p| p < k) {
            if !gone[k] {
                gone[p] = false;
            }
        }
    }
    gone
}

/// A moved clause whose parent moved with it is reported once, at the parent.
fn parent_moved_along(cx: &Ctx<'_>, i: usize, j: usize) -> bool {
    match (cx.ou[i].parent, cx.nu[j].parent) {
        (Some(pi), Some(pj)) => cx.al.moved[pi] && cx.al.old_to_new[pi] == Some(pj),
        _ => false,
    }
}

/// Numbers of aligned clauses, each mapped to the id of its pair, when unique per side.
fn reference_maps(
    ou: &[Unit],
    nu: &[Unit],
    al: &Alignment,
) -> (HashMap<String, usize>, HashMap<String, usize>) {
    fn unique(units: &[Unit]) -> HashSet<&str> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for u in units {
            if let Some(n) = u.number.as_deref() {
                *seen.entry(n).or_default() += 1;
            }
        }
        seen.into_iter()
            .filter(|&(n, c)| c == 1 && n.bytes().any(|b| b.is_ascii_digit()))
            .map(|(n, _)| n)
            .collect()
    }
    let (uo, un) = (unique(ou), unique(nu));
    let mut old_refs = HashMap::new();
    let mut new_refs = HashMap::new();
    for (i, j) in al.old_to_new.iter().enumerate() {
        let Some(j) = *j else { continue };
        if let (Some(a), Some(b)) = (ou[i].number.as_deref(), nu[j].number.as_deref()) {
            if uo.contains(a) && un.contains(b) {
                old_refs.insert(a.trim_end_matches('.').to_owned(), i);
                new_refs.insert(b.trim_end_matches('.').to_owned(), i);
            }
        }
    }
    (old_refs, new_refs)
}

/// Comparison keys of a unit's tokens, with clause cross-references replaced by the id of
/// the aligned pair they point to.
fn keys(doc: &Document, tokens: &[Token], refs: &HashMap<String, usize>) -> Vec<u64> {
    let mut out = Vec::with_capacity(tokens.len());
    // Inside a list of references: `Sections 2.2, 7, 8 and 9`.
    let mut in_refs = false;
    for t in tokens {
        let text = t.span.slice(&doc.source);
        let mut key = t.key;
        let numeric = text.as_bytes().first().is_some_and(u8::is_ascii_digit);
        if !refs.is_empty() && numeric {
            let (num, rest) = match text.find('(') {
                Some(p) => text.split_at(p),
                None => (text, ""),
            };
            if num.contains('.') || in_refs {
                if let Some(&id) = refs.get(num.trim_end_matches('.')) {
                    key = token::key(&format!("\u{1}ref{id}{rest}"));
                }
            }
        }
        let lower = text.to_ascii_lowercase();
        in_refs = matches!(
            lower.as_str(),
            "section" | "sections" | "§" | "§§" | "clause" | "clauses"
        ) || (in_refs
            && (numeric
                || matches!(
                    lower.as_str(),
                    "," | "and" | "or" | "through" | "to" | "(" | ")"
                )));
        out.push(key);
    }
    out
}

/// A stretch of non-equal diff ops (with short equal runs inside).
struct Hunk0 {
    old: Range<usize>,
    new: Range<usize>,
    ops: Range<usize>,
}

fn hunks(ops: &[DiffOp]) -> Vec<Hunk0> {
    let mut out: Vec<Hunk0> = Vec::new();
    let mut k = 0;
    while k < ops.len() {
        if matches!(ops[k], DiffOp::Equal { .. }) {
            k += 1;
            continue;
        }
        let first = k;
        let mut last = k;
        let mut m = k + 1;
        while m < ops.len() {
            match ops[m] {
                DiffOp::Equal { len, .. } if len < MERGE_GAP && m + 1 < ops.len() => m += 1,
                DiffOp::Equal { .. } => break,
                _ => {
                    last = m;
                    m += 1;
                }
            }
        }
        let (o0, n0) = (ops[first].old_range().start, ops[first].new_range().start);
        let (o1, n1) = (ops[last].old_range().end, ops[last].new_range().end);
        out.push(Hunk0 {
            old: o0..o1,
            new: n0..n1,
            ops: first..last + 1,
        });
        k = last + 1;
    }
    out
}

fn tok_range(tokens: &[Token], span: Span) -> Range<usize> {
    let a = tokens.partition_point(|t| t.span.end <= span.start);
    let b = tokens.partition_point(|t| t.span.start < span.end);
    a..b.max(a)
}

/// Index of the first hunk whose range (old or new side) overlaps `r`.
fn hunk_of(hunks: &[Hunk0], r: &Range<usize>, old_side: bool) -> Option<usize> {
    let side = |h: &Hunk0| {
        if old_side {
            h.old.clone()
        } else {
            h.new.clone()
        }
    };
    let k = hunks.partition_point(|h| side(h).end <= r.start);
    hunks[k..]
        .iter()
        .take_while(|h| side(h).start < r.end.max(r.start + 1))
        .position(|h| {
            let s = side(h);
            s.start < r.end && s.end > r.start
                || (s.is_empty() && s.start > r.start && s.start < r.end)
        })
        .map(|p| p + k)
}

/// The text of tokens `r` as written in the source, with one space where the source had
/// whitespace or markup between them.
pub(crate) fn words_text(doc: &Document, tokens: &[Token], r: Range<usize>) -> String {
    let mut s = String::new();
    let mut prev_end: Option<usize> = None;
    for t in tokens.get(r).unwrap_or(&[]) {
        if prev_end.is_some_and(|e| e < t.span.start) {
            s.push(' ');
        }
        s.push_str(t.span.slice(&doc.source));
        prev_end = Some(t.span.end);
    }
    s
}

impl Ctx<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        change: ChangeType,
        kind: &str,
        old_unit: Option<usize>,
        new_unit: Option<usize>,
        old_fact: Option<FactRef>,
        new_fact: Option<FactRef>,
        order: (usize, usize),
    ) -> &mut Change {
        self.seq += 1;
        let old_clause = old_unit.and_then(|i| ClauseRef::of_unit(self.old.doc, &self.ou[i]));
        let new_clause = new_unit.and_then(|j| ClauseRef::of_unit(self.new.doc, &self.nu[j]));
        self.out.push(Change {
            change,
            kind: kind.to_owned(),
            old_clause,
            new_clause,
            old_fact,
            new_fact,
            words: Vec::new(),
            facts: Vec::new(),
            order: (order.0, order.1, self.seq),
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    fn hunk(&self, i: usize, j: usize, ops: &[DiffOp], h: &Hunk0) -> Hunk {
        let (od, nd) = (self.old.doc, self.new.doc);
        let (ot, nt) = (&self.ou[i].tokens, &self.nu[j].tokens);
        let mut words = Vec::new();
        let mut push = |op: WordTag, text: String| {
            if !text.is_empty() {
                words.push(WordOp { op, text });
            }
        };
        push(
            WordTag::Equal,
            words_text(od, ot, h.old.start.saturating_sub(CONTEXT)..h.old.start),
        );
        for op in &ops[h.ops.clone()] {
            match *op {
                DiffOp::Equal { .. } => push(WordTag::Equal, words_text(od, ot, op.old_range())),
                DiffOp::Delete { .. } => push(WordTag::Delete, words_text(od, ot, op.old_range())),
                DiffOp::Insert { .. } => push(WordTag::Insert, words_text(nd, nt, op.new_range())),
                DiffOp::Replace { .. } => {
                    push(WordTag::Delete, words_text(od, ot, op.old_range()));
                    push(WordTag::Insert, words_text(nd, nt, op.new_range()));
                }
            }
        }
        push(
            WordTag::Equal,
            words_text(od, ot, h.old.end..(h.old.end + CONTEXT).min(ot.len())),
        );
        Hunk {
            diff: super::render::wdiff(&words),
            words,
        }
    }

    /// Compare aligned units `i` (old) and `j` (new).
    fn pair(&mut self, i: usize, j: usize) {
        let (od, nd) = (self.old.doc, self.new.doc);
        let ok = keys(od, &self.ou[i].tokens, &self.old_refs);
        let nk = keys(nd, &self.nu[j].tokens, &self.new_refs);
        let ops = if ok == nk {
            Vec::new()
        } else {
            similar::capture_diff_slices_deadline(
                Algorithm::Myers,
                &ok,
                &nk,
                Some(Instant::now() + DEADLINE),
            )
        };
        let hs = hunks(&ops);
        // Old token -> new token, for tokens in equal runs.
        let mut map = vec![usize::MAX; ok.len()];
        if ops.is_empty() {
            for (k, m) in map.iter_mut().enumerate() {
                *m = k;
            }
        }
        for op in &ops {
            if let DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = *op
            {
                for d in 0..len {
                    map[old_index + d] = new_index + d;
                }
            }
        }

        let ofs: Vec<usize> = self.old_facts[i]
            .iter()
            .copied()
            .filter(|&k| positional(self.old.facts[k].kind()))
            .collect();
        let nfs: Vec<usize> = self.new_facts[j]
            .iter()
            .copied()
            .filter(|&k| positional(self.new.facts[k].kind()))
            .collect();
        let (ot, nt) = (&self.ou[i].tokens, &self.nu[j].tokens);
        let mut new_at: HashMap<(usize, usize, FactKind), usize> = HashMap::new();
        let mut new_in_hunk: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut new_left: Vec<usize> = Vec::new();
        for &k in &nfs {
            let f = &self.new.facts[k];
            let r = tok_range(nt, f.span);
            match hunk_of(&hs, &r, false) {
                Some(h) => new_in_hunk.entry(h).or_default().push(k),
                None => {
                    new_at.insert((r.start, r.end, f.kind()), k);
                }
            }
        }
        let mut old_in_hunk: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut old_left: Vec<usize> = Vec::new();
        // (old fact, new fact, hunk)
        let mut pairs: Vec<(Option<usize>, Option<usize>, Option<usize>)> = Vec::new();
        for &k in &ofs {
            let f = &self.old.facts[k];
            let r = tok_range(ot, f.span);
            if let Some(h) = hunk_of(&hs, &r, true) {
                old_in_hunk.entry(h).or_default().push(k);
                continue;
            }
            let mapped = (!r.is_empty())
                .then(|| (map[r.start], map[r.end - 1]))
                .filter(|&(a, b)| a != usize::MAX && b != usize::MAX)
                .and_then(|(a, b)| new_at.remove(&(a, b + 1, f.kind())));
            match mapped {
                Some(n) => pairs.push((Some(k), Some(n), None)),
                None => old_left.push(k),
            }
        }
        new_left.extend(new_at.into_values());
        new_left.sort_unstable();
        let mut explained: HashSet<usize> = HashSet::new();
        let hunk_ids: Vec<usize> = old_in_hunk
            .keys()
            .chain(new_in_hunk.keys())
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        for h in hunk_ids {
            let olds = old_in_hunk.remove(&h).unwrap_or_default();
            let news = new_in_hunk.remove(&h).unwrap_or_default();
            for (o, n) in pair_by_kind(self.old.facts, &olds, self.new.facts, &news) {
                pairs.push((o, n, Some(h)));
            }
        }
        for (o, n) in pair_by_kind(self.old.facts, &old_left, self.new.facts, &new_left) {
            pairs.push((o, n, None));
        }
        pairs.sort_by_key(|&(o, n, _)| {
            (
                n.map(|n| self.new.facts[n].span.start),
                o.map(|o| self.old.facts[o].span.start),
            )
        });
        for (o, n, h) in pairs {
            if let (Some(o), Some(n)) = (o, n) {
                self.links.push((o, n));
            }
            let of = o.map(|o| &self.old.facts[o]);
            let nf = n.map(|n| &self.new.facts[n]);
            let change = match (of, nf) {
                (Some(a), Some(b)) if same_value(&a.value, &b.value) => continue,
                (Some(_), Some(_)) => ChangeType::Changed,
                (Some(_), None) => ChangeType::Removed,
                (None, Some(_)) => ChangeType::Added,
                (None, None) => continue,
            };
            let kind = of.or(nf).map_or(FactKind::Percent, Fact::kind);
            let words = h.map(|h| self.hunk(i, j, &ops, &hs[h]));
            if let Some(h) = h {
                explained.insert(h);
            }
            let c = self.push(
                change,
                kind.as_str(),
                Some(i),
                Some(j),
                of.map(|f| FactRef::of(f, self.old.doc)),
                nf.map(|f| FactRef::of(f, self.new.doc)),
                (j, i),
            );
            c.words.extend(words);
        }

        // Clause types gained or lost.
        let types = |side: Side<'_>, list: &[usize]| -> BTreeMap<String, usize> {
            let mut m = BTreeMap::new();
            for &k in list {
                if let Value::Clause { clause_type, .. } = &side.facts[k].value {
                    m.entry(clause_type.clone()).or_insert(k);
                }
            }
            m
        };
        let ot_ = types(self.old, &self.old_facts[i]);
        let nt_ = types(self.new, &self.new_facts[j]);
        for (t, &k) in &ot_ {
            if !nt_.contains_key(t) {
                let f = FactRef::of(&self.old.facts[k], self.old.doc);
                self.push(
                    ChangeType::Removed,
                    "clause",
                    Some(i),
                    Some(j),
                    Some(f),
                    None,
                    (j, i),
                );
            }
        }
        for (t, &k) in &nt_ {
            if !ot_.contains_key(t) {
                let f = FactRef::of(&self.new.facts[k], self.new.doc);
                self.push(
                    ChangeType::Added,
                    "clause",
                    Some(i),
                    Some(j),
                    None,
                    Some(f),
                    (j, i),
                );
            }
        }

        // Words that changed outside any listed term.
        let rest: Vec<Hunk> = hs
            .iter()
            .enumerate()
            .filter(|(k, _)| !explained.contains(k))
            .map(|(_, h)| self.hunk(i, j, &ops, h))
            .collect();
        if !rest.is_empty() {
            let c = self.push(
                ChangeType::Changed,
                SECTION,
                Some(i),
                Some(j),
                None,
                None,
                (j, i),
            );
            c.words = rest;
        }
    }

    /// Old unit `i` has no counterpart.
    fn gone(&mut self, i: usize, anchor: usize) {
        if self.ou[i].tokens.is_empty() || self.ou[i].parent.is_some_and(|p| self.old_gone[p]) {
            return; // nothing to show, or reported with its removed parent
        }
        let facts = subtree_facts(self.old, self.ou, &self.old_facts, &self.old_gone, i);
        let c = self.push(
            ChangeType::Removed,
            SECTION,
            Some(i),
            None,
            None,
            None,
            (anchor, i),
        );
        c.facts = facts;
    }

    /// New unit `j` has no counterpart.
    fn arrived(&mut self, j: usize, old_anchor: usize) {
        if self.nu[j].tokens.is_empty() || self.nu[j].parent.is_some_and(|p| self.new_gone[p]) {
            return;
        }
        let facts = subtree_facts(self.new, self.nu, &self.new_facts, &self.new_gone, j);
        let c = self.push(
            ChangeType::Added,
            SECTION,
            None,
            Some(j),
            None,
            None,
            (j, old_anchor),
        );
        c.facts = facts;
    }

    /// Parties and defined terms, compared over the whole document.
    fn document_sets(&mut self) {
        for kind in [FactKind::Party, FactKind::DefinedTerm] {
            let names = |side: Side<'_>| -> BTreeMap<String, usize> {
                let mut m = BTreeMap::new();
                for (k, f) in side.facts.iter().enumerate() {
                    let name = match &f.value {
                        Value::Party { name, .. } if kind == FactKind::Party => name,
                        Value::DefinedTerm { term, .. } if kind == FactKind::DefinedTerm => term,
                        _ => continue,
                    };
                    let norm: String = name
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase();
                    m.entry(norm).or_insert(k);
                }
                m
            };
            let (on, nn) = (names(self.old), names(self.new));
            for (name, &k) in &on {
                if !nn.contains_key(name) {
                    let f = &self.old.facts[k];
                    let i = self.old_unit_of[k];
                    let j = i.and_then(|i| self.al.old_to_new[i]);
                    let fr = FactRef::of(f, self.old.doc);
                    self.push(
                        ChangeType::Removed,
                        kind.as_str(),
                        i,
                        j,
                        Some(fr),
                        None,
                        (usize::MAX, i.unwrap_or(0)),
                    );
                }
            }
            for (name, &k) in &nn {
                if !on.contains_key(name) {
                    let f = &self.new.facts[k];
                    let j = self.new_unit_of[k];
                    let i = j.and_then(|j| self.al.new_to_old[j]);
                    let fr = FactRef::of(f, self.new.doc);
                    self.push(
                        ChangeType::Added,
                        kind.as_str(),
                        i,
                        j,
                        None,
                        Some(fr),
                        (usize::MAX, j.unwrap_or(0)),
                    );
                }
            }
        }
    }
}

/// Quantity facts of unit `u` and, when it went whole, of its descendants.
fn subtree_facts(
    side: Side<'_>,
    units: &[Unit],
    by_unit: &[Vec<usize>],
    gone: &[bool],
    u: usize,
) -> Vec<FactRef> {
    let mut out: Vec<&Fact> = Vec::new();
    for (k, facts) in by_unit.iter().enumerate().skip(u) {
        // Walk up through unmatched ancestors; stop at `u`.
        let mut cur = k;
        let inside = loop {
            if cur == u {
                break true;
            }
            match units[cur].parent {
                Some(p) if p >= u && gone[p] => cur = p,
                _ => break false,
            }
        };
        if inside {
            out.extend(
                facts
                    .iter()
                    .map(|&f| &side.facts[f])
                    .filter(|f| f.kind().is_quantity()),
            );
        }
    }
    out.sort_by_key(|f| f.span);
    out.into_iter().map(|f| FactRef::of(f, side.doc)).collect()
}

/// Pair facts of the same kind in order; the rest stay alone.
fn pair_by_kind(
    of: &[Fact],
    olds: &[usize],
    nf: &[Fact],
    news: &[usize],
) -> Vec<(Option<usize>, Option<usize>)> {
    let mut used = vec![false; news.len()];
    let mut out = Vec::new();
    for &o in olds {
        let kind = of[o].kind();
        match (0..news.len()).find(|&m| !used[m] && nf[news[m]].kind() == kind) {
            Some(m) => {
                used[m] = true;
                out.push((Some(o), Some(news[m])));
            }
            None => out.push((Some(o), None)),
        }
    }
    for (m, &n) in news.iter().enumerate() {
        if !used[m] {
            out.push((None, Some(n)));
        }
    }
    out
}

#[cfg(test)]
pub(crate) fn tests_same_value(a: &Value, b: &Value) -> bool {
    same_value(a, b)
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Percent { percent: x }, Value::Percent { percent: y }) => x == y,
        (
            Value::Money {
                amount: x,
                currency: cx,
            },
            Value::Money {
                amount: y,
                currency: cy,
            },
        ) => x == y && cx == cy,
        // A relative date (`the Effective Date`, `next year`) is compared on what the text
        // says, not on the day it resolves to: that depends on each version's metadata.
        (
            Value::Date {
                date: x,
                precision: px,
                relative: true,
                ..
            },
            Value::Date {
                date: y,
                precision: py,
                relative: true,
                ..
            },
        ) => x == y && px == py,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_merge_close_changes() {
        let a: Vec<u64> = vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        let b: Vec<u64> = vec![1, 20, 3, 40, 5, 6, 7, 8, 90, 10];
        let ops = similar::capture_diff_slices(Algorithm::Myers, &a, &b);
        let hs = hunks(&ops);
        assert_eq!(hs.len(), 2);
        assert_eq!(hs[0].old, 1..4);
        assert_eq!(hs[1].old, 8..9);
    }

    #[test]
    fn pairing_is_by_kind_in_order() {
        use rust_decimal::Decimal;
        let p = |n: i64| {
            Fact::new(
                Value::Percent {
                    percent: Decimal::from(n),
                },
                Span::new(0, 0),
                "",
                "t",
            )
        };
        let m = Fact::new(
            Value::Money {
                amount: Decimal::from(5),
                currency: "USD".into(),
            },
            Span::new(0, 0),
            "",
            "t",
        );
        let olds = vec![p(75), p(25)];
        let news = vec![m, p(95), p(5)];
        let got = pair_by_kind(&olds, &[0, 1], &news, &[0, 1, 2]);
        assert_eq!(
            got,
            [(Some(0), Some(1)), (Some(1), Some(2)), (None, Some(0))]
        );
    }
}
