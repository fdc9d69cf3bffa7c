//! Clause alignment between two versions of a document.
//!
//! Each clause becomes a [`Unit`]: its own words (the clause minus its sub-clauses, with
//! the leading clause number dropped, so renumbering is not a difference), its heading
//! words and its number. The preamble (text outside every clause) is a unit too, and a
//! clause too long to compare as one (a document whose structure was not recognized) is
//! cut into its blocks.
//!
//! Units are aligned one to one, best pair first, by a score that weighs text
//! similarity (Dice over word unigrams and bigrams) above heading similarity above an
//! equal number. Candidates come from an inverted index on rare shingles, so the cost is
//! close to linear in the document size rather than quadratic in the clause count.
//! Unmatched parents then follow the majority of their children, and unmatched clauses
//! with the same heading on both sides (one each) are paired. Finally, matched pairs out
//! of order (not on the longest increasing subsequence) are marked as moved.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::{BlockKind, Document, Span};

use super::token::{self, Token};

/// Hasher for keys that are already hashes (token and shingle keys): one multiply.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A clause (or the preamble, or one block of an oversized clause) prepared for
/// comparison.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Index in `Document::clauses`; `None` for the preamble.
    pub clause: Option<usize>,
    /// For a block cut out of an oversized clause: its first words, as a label.
    pub piece: Option<String>,
    /// The byte ranges of the document this unit covers (sub-clauses excluded).
    pub regions: Vec<Span>,
    /// The unit's own words.
    pub tokens: Vec<Token>,
    /// Heading words (punctuation dropped), empty when there is no heading.
    pub heading: Vec<u64>,
    pub number: Option<String>,
    /// Sorted, deduplicated hashes of word unigrams and bigrams.
    pub shingles: Vec<u64>,
    /// Unit index of the enclosing clause.
    pub parent: Option<usize>,
    /// Relative position in the document, 0..=1.
    pub position: f64,
}

/// Build the units of a document, in document order: the preamble (text outside every
/// clause) first, then each clause.
pub fn units(doc: &Document) -> Vec<Unit> {
    let n = doc.clauses.len();
    let mut out: Vec<Unit> = Vec::with_capacity(n + 1);
    let whole = Span::new(0, doc.text.len());
    let starts = block_starts(doc);
    out.push(make_unit(
        doc,
        None,
        own_regions(doc, whole, 0),
        None,
        &starts,
    ));
    for c in 0..n {
        let clause = &doc.clauses[c];
        // Clause c is unit c + 1.
        let parent = clause.parent.filter(|&p| p < c).map(|p| p + 1);
        let regions = own_regions(doc, clause.span, c + 1);
        out.push(make_unit(doc, Some(c), regions, parent, &starts));
    }
    set_positions(&mut out);
    out
}

fn set_positions(units: &mut [Unit]) {
    let total = units.len().max(1) as f64;
    for (i, u) in units.iter_mut().enumerate() {
        u.position = i as f64 / total;
    }
}

/// Blocks that hold no other block, in document order.
fn leaf_blocks(doc: &Document) -> Vec<Span> {
    let mut spans: Vec<Span> = doc
        .blocks
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::Verbatim))
        .map(|b| b.span)
        .collect();
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for (k, s) in spans.iter().enumerate() {
        let holds_next = spans.get(k + 1).is_some_and(|n| s.contains(*n) && n != s);
        if !holds_next && out.last().is_none_or(|l| l.end <= s.start) {
            out.push(*s);
        }
    }
    out
}

/// `span` minus every later clause nested inside it. Clauses come in document order,
/// parents first, so nested clauses follow their parent directly.
fn own_regions(doc: &Document, span: Span, first_child: usize) -> Vec<Span> {
    let mut regions = Vec::new();
    let mut cursor = span.start;
    let mut k = first_child;
    while k < doc.clauses.len() && doc.clauses[k].span.start < span.end {
        let child = doc.clauses[k].span;
        if span.contains(child) && child.start >= cursor {
            if child.start > cursor {
                regions.push(Span::new(cursor, child.start));
            }
            cursor = child.end;
        }
        k += 1;
    }
    if cursor < span.end {
        regions.push(Span::new(cursor, span.end));
    }
    regions
}

fn make_unit(
    doc: &Document,
    clause: Option<usize>,
    regions: Vec<Span>,
    parent: Option<usize>,
    starts: &[usize],
) -> Unit {
    let (number, heading) = match clause.and_then(|c| doc.clauses.get(c)) {
        Some(c) => (
            c.number.clone(),
            c.heading.as_deref().map(token::words).unwrap_or_default(),
        ),
        None => (None, Vec::new()),
    };
    let mut tokens = Vec::new();
    for r in &regions {
        token::tokenize(&doc.text, *r, &mut tokens);
    }
    if let Some(num) = &number {
        strip_number(&doc.source, num, &mut tokens);
    }
    drop_markers(&doc.source, starts, &mut tokens);
    let shingles = shingles(&tokens);
    Unit {
        clause,
        piece: None,
        regions,
        tokens,
        heading,
        number,
        shingles,
        parent,
        position: 0.0,
    }
}

/// Cut a unit into pieces: at every block start and end, and after every blank line.
/// Each piece's leading list or clause number (`1.1`, `(a)`, `3.`) is its number.
fn pieces(doc: &Document, unit: &Unit, leaves: &[Span], starts: &[usize]) -> Vec<Unit> {
    let mut out = Vec::new();
    for r in &unit.regions {
        let mut cuts = vec![r.start, r.end];
        let mut off = r.start;
        let mut prev_blank = false;
        for line in r.slice(&doc.text).split_inclusive('\n') {
            let blank = line.trim().is_empty();
            if prev_blank && !blank {
                cuts.push(off);
            }
            prev_blank = blank;
            off += line.len();
        }
        let from = leaves.partition_point(|b| b.end <= r.start);
        for b in leaves[from..].iter().take_while(|b| b.start < r.end) {
            cuts.extend([b.start.max(r.start), b.end.min(r.end)]);
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let span = Span::new(w[0], w[1]);
            let mut toks = Vec::new();
            token::tokenize(&doc.text, span, &mut toks);
            let number = enumerator(&doc.source, &toks).map(|(n, len)| {
                toks.drain(..len);
                n
            });
            drop_markers(&doc.source, starts, &mut toks);
            if toks.is_empty() {
                continue;
            }
            let shingles = shingles(&toks);
            let heading = lead_heading(&doc.source, &toks);
            out.push(Unit {
                clause: unit.clause,
                piece: Some(first_words(&doc.source, &toks)),
                regions: vec![span],
                tokens: toks,
                heading,
                number,
                shingles,
                parent: unit.parent,
                position: 0.0,
            });
        }
    }
    out
}

/// Up to eight words, to the first sentence end: a label for a piece.
pub(crate) fn first_words(source: &str, toks: &[Token]) -> String {
    let end = toks
        .iter()
        .take(12)
        .position(|t| t.punct && matches!(t.span.slice(source), "." | ":" | ";"))
        .unwrap_or(8)
        .clamp(1, 8)
        .min(toks.len());
    let mut s = String::new();
    let mut prev: Option<usize> = None;
    for t in &toks[..end] {
        if prev.is_some_and(|e| e < t.span.start) {
            s.push(' ');
        }
        s.push_str(t.span.slice(source));
        prev = Some(t.span.end);
    }
    crate::output::one_line(&s, 60)
}

/// Align two documents' units: clause by clause first; then clauses left unmatched are
/// cut into pieces (paragraphs, list items) and the pieces aligned too, so a document
/// whose clause structure was read differently (or not at all) still aligns. A clause
/// none of whose pieces found a match stays whole, as one added or removed clause.
pub fn build(old: &Document, new: &Document) -> (Vec<Unit>, Vec<Unit>, Alignment) {
    let (uo, un) = (units(old), units(new));
    let first = align(&uo, &un, &[]);
    // Unmatched units are cut into pieces; so are pairs of very different sizes (a
    // clause read as a whole document on one side), keeping their first pieces paired.
    let mut split_old: Vec<bool> = first.old_to_new.iter().map(Option::is_none).collect();
    let mut split_new: Vec<bool> = first.new_to_old.iter().map(Option::is_none).collect();
    for (i, j) in first.old_to_new.iter().enumerate() {
        if let Some(j) = *j {
            let (a, b) = (uo[i].tokens.len(), un[j].tokens.len());
            if a.max(b) > 3 * a.min(b).max(10) {
                split_old[i] = true;
                split_new[j] = true;
            }
        }
    }
    let (eo, o_from) = expand(old, &uo, &split_old);
    let (en, n_from) = expand(new, &un, &split_new);
    let (fo, fnew, old_to_new) = if eo.len() == uo.len() && en.len() == un.len() {
        (uo, un, first.old_to_new)
    } else {
        // Keep the clause-level matches.
        let o_first = first_index(&o_from, uo.len());
        let n_first = first_index(&n_from, un.len());
        let seeds: Vec<(usize, usize)> = first
            .old_to_new
            .iter()
            .enumerate()
            .filter_map(|(i, j)| j.map(|j| (o_first[i], n_first[j])))
            .collect();
        let second = align(&eo, &en, &seeds);
        let (fo, o_map) = collapse(&uo, eo, &o_from, &second.old_to_new);
        let (fnew, n_map) = collapse(&un, en, &n_from, &second.new_to_old);
        let mut old_to_new = vec![None; fo.len()];
        for (i, j) in second.old_to_new.iter().enumerate() {
            if let (Some(fi), Some(fj)) = (o_map[i], j.and_then(|j| n_map[j])) {
                old_to_new[fi] = Some(fj);
            }
        }
        (fo, fnew, old_to_new)
    };
    // List items split on one side only: fold them into the piece before them.
    let (fo, o_map) = absorb(fo, &old_to_new, &fnew);
    let old_to_new = remap(&old_to_new, &o_map, fo.len());
    let new_to_old = invert(&old_to_new, fnew.len());
    let (fnew, n_map) = absorb(fnew, &new_to_old, &fo);
    let new_to_old = remap(&new_to_old, &n_map, fnew.len());
    let old_to_new = invert(&new_to_old, fo.len());
    let moved = moved(&old_to_new);
    (
        fo,
        fnew,
        Alignment {
            old_to_new,
            new_to_old,
            moved,
        },
    )
}

/// Fold each unmatched piece (or short clause) without a heading of its own into a neighbouring matched
/// unit when the other side of that match holds most of the piece's words: the same
/// list, cut into items on one side only. Pieces fold backwards first (an item into the
/// item before it), then forwards (a lone heading line into the text after it).
/// Returns the new list and where each old entry went.
fn absorb(units: Vec<Unit>, to_other: &[Option<usize>], other: &[Unit]) -> (Vec<Unit>, Vec<usize>) {
    let n = units.len();
    let fits = |u: &Unit, j: Option<usize>| {
        j.is_some_and(|j| containment(&u.shingles, &other[j].shingles) >= 0.6)
    };
    // Decide where each unmatched piece goes: -1 back, +1 forward, 0 stays.
    let mut dir = vec![0i8; n];
    let mut prev: Option<usize> = None;
    for k in 0..n {
        let u = &units[k];
        let loose = to_other[k].is_none() && small(u);
        if loose && u.heading.is_empty() && fits(u, prev) {
            dir[k] = -1;
            continue;
        }
        if !loose {
            prev = to_other[k];
        } else {
            prev = None;
        }
    }
    let mut next: Option<usize> = None;
    for k in (0..n).rev() {
        let u = &units[k];
        let loose = to_other[k].is_none() && small(u);
        if dir[k] == 0 && loose && fits(u, next) {
            dir[k] = 1;
            continue;
        }
        if dir[k] == 0 {
            next = if loose { None } else { to_other[k] };
        }
    }
    let mut out: Vec<Unit> = Vec::with_capacity(n);
    let mut map = vec![0usize; n];
    let mut pending: Vec<Unit> = Vec::new();
    let mut pending_idx: Vec<usize> = Vec::new();
    for (k, u) in units.into_iter().enumerate() {
        match dir[k] {
            -1 if !out.is_empty() => {
                if let Some(last) = out.last_mut() {
                    merge(last, u, false);
                }
                map[k] = out.len() - 1;
            }
            1 => {
                pending.push(u);
                pending_idx.push(k);
            }
            _ => {
                let mut u = u;
                for p in pending.drain(..).rev() {
                    merge(&mut u, p, true);
                }
                for &pk in &pending_idx {
                    map[pk] = out.len();
                }
                pending_idx.clear();
                map[k] = out.len();
                out.push(u);
            }
        }
    }
    for (p, pk) in pending.into_iter().zip(pending_idx) {
        map[pk] = out.len();
        out.push(p);
    }
    for u in &mut out {
        u.parent = u.parent.and_then(|p| map.get(p).copied());
    }
    set_positions(&mut out);
    (out, map)
}

/// A piece of a clause, or a clause short enough to be a heading or a list item.
fn small(u: &Unit) -> bool {
    u.piece.is_some() || u.tokens.len() <= 40
}

/// Join `piece` onto `unit`, before it (`front`) or after it. A clause joined in front
/// (a heading line whose text lives in the next clause) names the result.
fn merge(unit: &mut Unit, piece: Unit, front: bool) {
    if front {
        let mut regions = piece.regions;
        regions.append(&mut unit.regions);
        unit.regions = regions;
        let mut tokens = piece.tokens;
        tokens.append(&mut unit.tokens);
        unit.tokens = tokens;
        if piece.piece.is_none() && piece.clause.is_some() {
            unit.clause = piece.clause;
            unit.heading = piece.heading;
            unit.number = piece.number;
            unit.piece = None;
            unit.parent = piece.parent;
        } else {
            if unit.heading.is_empty() {
                unit.heading = piece.heading;
            }
            unit.number = piece.number.or(unit.number.take());
            unit.piece = piece.piece.or(unit.piece.take());
        }
    } else {
        unit.regions.extend(piece.regions);
        unit.tokens.extend(piece.tokens);
    }
    unit.shingles.extend(piece.shingles);
    unit.shingles.sort_unstable();
    unit.shingles.dedup();
}

/// Share of `a` found in `b` (both sorted, deduplicated).
fn containment(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    dice(a, b) * (a.len() + b.len()) as f64 / (2 * a.len()) as f64
}

/// Matches of a list re-indexed through `map` (first entry of each folded group wins).
fn remap(to_other: &[Option<usize>], map: &[usize], n: usize) -> Vec<Option<usize>> {
    let mut out = vec![None; n];
    for (k, j) in to_other.iter().enumerate() {
        if let Some(j) = *j {
            if out[map[k]].is_none() {
                out[map[k]] = Some(j);
            }
        }
    }
    out
}

fn invert(to_other: &[Option<usize>], n: usize) -> Vec<Option<usize>> {
    let mut out = vec![None; n];
    for (i, j) in to_other.iter().enumerate() {
        if let Some(j) = *j {
            out[j] = Some(i);
        }
    }
    out
}

/// Replace each unit marked in `split` that has several pieces by its pieces. Returns the new
/// list and, for each entry, the original unit it came from.
fn expand(doc: &Document, units: &[Unit], split: &[bool]) -> (Vec<Unit>, Vec<usize>) {
    let leaves = leaf_blocks(doc);
    let starts = block_starts(doc);
    let mut out = Vec::with_capacity(units.len());
    let mut from = Vec::with_capacity(units.len());
    for (i, u) in units.iter().enumerate() {
        let ps = if split[i] {
            pieces(doc, u, &leaves, &starts)
        } else {
            Vec::new()
        };
        if ps.len() >= 2 {
            for p in ps {
                out.push(p);
                from.push(i);
            }
        } else {
            out.push(u.clone());
            from.push(i);
        }
    }
    let first = first_index(&from, units.len());
    for u in &mut out {
        u.parent = u.parent.map(|p| first[p]);
    }
    set_positions(&mut out);
    (out, from)
}

/// For each original unit, the index of its first entry in an expanded list.
fn first_index(from: &[usize], n: usize) -> Vec<usize> {
    let mut first = vec![usize::MAX; n];
    for (k, &i) in from.iter().enumerate().rev() {
        first[i] = k;
    }
    first
}

/// Put back whole the units none of whose pieces matched. Returns the final list and,
/// for each expanded entry, its index in the final list (`None` for a dropped piece).
fn collapse(
    orig: &[Unit],
    expanded: Vec<Unit>,
    from: &[usize],
    matched: &[Option<usize>],
) -> (Vec<Unit>, Vec<Option<usize>>) {
    let n = orig.len();
    let mut pieces = vec![0usize; n];
    let mut any = vec![false; n];
    for (k, &i) in from.iter().enumerate() {
        pieces[i] += 1;
        any[i] |= matched[k].is_some();
    }
    let mut out = Vec::with_capacity(expanded.len());
    let mut map = vec![None; expanded.len()];
    // Final index of each original unit's first entry (for parents).
    let mut first_final = vec![usize::MAX; n];
    let mut done = vec![false; n];
    let first_exp = first_index(from, n);
    for (k, u) in expanded.into_iter().enumerate() {
        let i = from[k];
        if pieces[i] > 1 && !any[i] {
            if !done[i] {
                done[i] = true;
                first_final[i] = out.len();
                map[k] = Some(out.len());
                let mut whole = orig[i].clone();
                whole.parent = whole.parent.map(|p| first_exp[p]);
                out.push(whole);
            }
            continue;
        }
        if first_final[i] == usize::MAX {
            first_final[i] = out.len();
        }
        map[k] = Some(out.len());
        out.push(u);
    }
    for u in &mut out {
        // Parents are expanded indices here.
        u.parent = u.parent.and_then(|p| {
            let orig_p = from.get(p).copied()?;
            first_final
                .get(orig_p)
                .copied()
                .filter(|&f| f != usize::MAX)
        });
    }
    set_positions(&mut out);
    (out, map)
}

/// Where each unit's regions lie: sorted `(start, end, unit)`.
pub fn region_index(units: &[Unit]) -> Vec<(usize, usize, usize)> {
    let mut v: Vec<(usize, usize, usize)> = units
        .iter()
        .enumerate()
        .flat_map(|(u, unit)| unit.regions.iter().map(move |r| (r.start, r.end, u)))
        .collect();
    v.sort_unstable();
    v
}

/// The unit holding byte `pos`, if any.
pub fn locate(index: &[(usize, usize, usize)], pos: usize) -> Option<usize> {
    let k = index.partition_point(|r| r.0 <= pos);
    (k > 0 && pos < index[k - 1].1).then(|| index[k - 1].2)
}

/// Drop a leading `Section 4.2.` so that renumbering does not show as a word change.
fn strip_number(source: &str, number: &str, tokens: &mut Vec<Token>) {
    let mut i = 0;
    let text = |t: &Token| t.span.slice(source);
    while i < tokens.len()
        && i < 2
        && ["section", "article", "§", "clause"]
            .iter()
            .any(|w| text(&tokens[i]).eq_ignore_ascii_case(w))
    {
        i += 1;
    }
    let want = number.trim_end_matches('.');
    if i < tokens.len()
        && text(&tokens[i])
            .trim_end_matches('.')
            .eq_ignore_ascii_case(want)
    {
        i += 1;
        while i < tokens.len() && matches!(text(&tokens[i]), "." | ":" | ")" | "-" | "–" | "—")
        {
            i += 1;
        }
        tokens.drain(..i);
    }
}

/// A leading enumerator: `1.1`, `3.`, `(a)`, `a.`, `(iv)`, `b)`. Returns it (without
/// brackets or dot) and how many tokens it spans.
fn enumerator(source: &str, toks: &[Token]) -> Option<(String, usize)> {
    let text = |k: usize| toks.get(k).map(|t| t.span.slice(source));
    let short = |t: &str| {
        !t.is_empty()
            && t.len() <= 4
            && (t.bytes().all(|b| b.is_ascii_digit())
                || t.len() == 1 && t.bytes().all(|b| b.is_ascii_alphabetic())
                || t.bytes().all(|b| b"ivxlcIVXLC".contains(&b)))
    };
    let first = text(0)?;
    if first == "(" {
        let inner = text(1)?;
        return (short(inner) && text(2) == Some(")")).then(|| (format!("({inner})"), 3));
    }
    let dotted = first.trim_end_matches('.');
    if !dotted.is_empty()
        && dotted.len() <= 12
        && dotted.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && dotted.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    {
        let n = if matches!(text(1), Some("." | ")")) {
            2
        } else {
            1
        };
        return Some((dotted.to_owned(), n));
    }
    (short(first) && matches!(text(1), Some("." | ")"))).then(|| (format!("({first})"), 2))
}

/// Where the text of each block begins (its first non-blank byte), sorted.
fn block_starts(doc: &Document) -> Vec<usize> {
    let mut v: Vec<usize> = doc
        .blocks
        .iter()
        .filter_map(|b| {
            let s = b.span.slice(&doc.text);
            let lead = s.len() - s.trim_start().len();
            (lead < s.len()).then_some(b.span.start + lead)
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Remove list markers written as text at the start of a block (`(a)`, `1.`, `(iv)`,
/// `b)`): relettering a list is not a change of terms. Years and amounts are not
/// markers (at most three digits).
fn drop_markers(source: &str, starts: &[usize], tokens: &mut Vec<Token>) {
    if starts.is_empty() {
        return;
    }
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if starts.binary_search(&tokens[i].span.start).is_ok() {
            if let Some((n, len)) = enumerator(source, &tokens[i..]) {
                let digits = n.trim_matches(['(', ')']).split('.').all(|p| p.len() <= 3);
                if digits {
                    i += len;
                    continue;
                }
            }
        }
        out.push(tokens[i]);
        i += 1;
    }
    *tokens = out;
}

/// The words of a short first sentence (`Access and Use.`), used as a piece's heading.
fn lead_heading(source: &str, toks: &[Token]) -> Vec<u64> {
    let end = toks
        .iter()
        .take(9)
        .position(|t| t.punct && matches!(t.span.slice(source), "." | ":"));
    match end {
        Some(e)
            if e > 0
                && toks[..e]
                    .iter()
                    .all(|t| !t.punct || t.span.slice(source) == "&") =>
        {
            let mut s = String::new();
            for t in &toks[..e] {
                s.push_str(t.span.slice(source));
                s.push(' ');
            }
            token::words(&s)
        }
        _ => Vec::new(),
    }
}

fn shingles(tokens: &[Token]) -> Vec<u64> {
    let words: Vec<u64> = tokens.iter().filter(|t| !t.punct).map(|t| t.key).collect();
    let mut s = Vec::with_capacity(words.len() * 2);
    s.extend(words.iter().copied());
    s.extend(
        words
            .windows(2)
            .map(|w| w[0].rotate_left(21) ^ w[1] ^ 0x9e37_79b9_7f4a_7c15),
    );
    s.sort_unstable();
    s.dedup();
    s
}

/// Dice coefficient of two sorted, deduplicated sets.
pub fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

fn heading_sim(a: &Unit, b: &Unit) -> Option<f64> {
    if a.heading.is_empty() || b.heading.is_empty() {
        return None;
    }
    if a.heading == b.heading {
        return Some(1.0);
    }
    let mut x = a.heading.clone();
    let mut y = b.heading.clone();
    x.sort_unstable();
    x.dedup();
    y.sort_unstable();
    y.dedup();
    Some(dice(&x, &y))
}

/// Score of aligning `a` with `b`, or `None` when they are not the same clause.
fn score(a: &Unit, b: &Unit) -> Option<f64> {
    // Every acceptance below needs a text similarity of at least 0.05; sizes alone can
    // rule that out without walking the sets.
    let (x, y) = (a.shingles.len(), b.shingles.len());
    if x + y > 0 && 2.0 * x.min(y) as f64 / ((x + y) as f64) < 0.05 {
        return None;
    }
    let t = dice(&a.shingles, &b.shingles);
    let h = heading_sim(a, b);
    let h0 = h.unwrap_or(0.0);
    let same_number = a.number.is_some() && a.number == b.number;
    let ok = t >= 0.5
        || (h0 >= 0.6 && t >= 0.2)
        || (h0 >= 0.99 && t >= 0.05)
        || (h.is_none() && same_number && t >= 0.35);
    // Near the same place in the document breaks ties between look-alike clauses.
    let place = 0.05 * (1.0 - (a.position - b.position).abs());
    ok.then_some(t + 0.5 * h0 + if same_number { 0.05 } else { 0.0 } + place)
}

/// The result of aligning two unit lists.
#[derive(Debug, Clone)]
pub struct Alignment {
    pub old_to_new: Vec<Option<usize>>,
    pub new_to_old: Vec<Option<usize>>,
    /// Per old unit: matched, but out of order relative to the other matches.
    pub moved: Vec<bool>,
}

/// Most candidates examined per old unit.
const CANDIDATES: usize = 12;

/// Align `old` units with `new` units, starting from the pairs in `seeds`.
pub fn align(old: &[Unit], new: &[Unit], seeds: &[(usize, usize)]) -> Alignment {
    let mut old_to_new = vec![None; old.len()];
    let mut new_to_old = vec![None; new.len()];
    for &(i, j) in seeds {
        if i < old.len() && j < new.len() {
            old_to_new[i] = Some(j);
            new_to_old[j] = Some(i);
        }
    }

    // Identical clauses (same words, same heading, found once on each side) pair first;
    // most clauses of two versions are identical, and they then cost nothing below.
    let content = |u: &Unit| -> u64 {
        let mut h = KeyHasher::default();
        for t in &u.tokens {
            h.write_u64(t.key);
        }
        for &w in &u.heading {
            h.write_u64(w.rotate_left(7));
        }
        h.finish()
    };
    let mut same: HashMap<u64, std::collections::VecDeque<usize>, BuildHasherDefault<KeyHasher>> =
        HashMap::default();
    for (j, u) in new.iter().enumerate() {
        if new_to_old[j].is_none() && !u.tokens.is_empty() {
            same.entry(content(u)).or_default().push_back(j);
        }
    }
    let mut old_same: HashMap<u64, Vec<usize>, BuildHasherDefault<KeyHasher>> = HashMap::default();
    for (i, u) in old.iter().enumerate() {
        if old_to_new[i].is_none() && !u.tokens.is_empty() {
            old_same.entry(content(u)).or_default().push(i);
        }
    }
    for (h, list) in old_same {
        if let ([i], Some(q)) = (list.as_slice(), same.get(&h)) {
            if let [j] = q.as_slices().0 {
                if q.len() == 1 {
                    old_to_new[*i] = Some(*j);
                    new_to_old[*j] = Some(*i);
                }
            }
        }
    }

    // Inverted index of the shingles of unmatched new units; very common shingles say
    // little and cost a lot.
    let mut postings: HashMap<u64, Vec<u32>, BuildHasherDefault<KeyHasher>> = HashMap::default();
    for (j, u) in new.iter().enumerate() {
        if new_to_old[j].is_none() {
            for &s in &u.shingles {
                postings.entry(s).or_default().push(j as u32);
            }
        }
    }
    let max_df = (new.len() / 8).max(6);
    let mut by_heading: HashMap<&[u64], Vec<usize>> = HashMap::new();
    let mut by_number: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, u) in new.iter().enumerate() {
        if new_to_old[j].is_some() {
            continue;
        }
        if !u.heading.is_empty() {
            by_heading.entry(&u.heading).or_default().push(j);
        }
        if let Some(n) = &u.number {
            by_number.entry(n).or_default().push(j);
        }
    }

    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    let mut hits: Vec<u32> = vec![0; new.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (i, a) in old.iter().enumerate() {
        if old_to_new[i].is_some() {
            continue;
        }
        for s in &a.shingles {
            if let Some(list) = postings.get(s) {
                if list.len() <= max_df {
                    for &j in list {
                        if hits[j as usize] == 0 {
                            touched.push(j);
                        }
                        hits[j as usize] += 1;
                    }
                }
            }
        }
        let mut cands: Vec<(u32, u32)> = touched.iter().map(|&j| (hits[j as usize], j)).collect();
        for &j in &touched {
            hits[j as usize] = 0;
        }
        touched.clear();
        cands.sort_unstable_by(|x, y| y.cmp(x));
        let mut cands: Vec<usize> = cands
            .into_iter()
            .take(CANDIDATES)
            .map(|(_, j)| j as usize)
            .collect();
        if let Some(list) = by_heading.get(a.heading.as_slice()) {
            cands.extend(list.iter().take(CANDIDATES));
        }
        if let Some(list) = a.number.as_deref().and_then(|n| by_number.get(n)) {
            cands.extend(list.iter().take(CANDIDATES));
        }
        cands.sort_unstable();
        cands.dedup();
        for j in cands {
            if let Some(s) = score(a, &new[j]) {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (_, i, j) in pairs {
        if old_to_new[i].is_none() && new_to_old[j].is_none() {
            old_to_new[i] = Some(j);
            new_to_old[j] = Some(i);
        }
    }

    // Parents follow the majority of their matched children (deepest first).
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); old.len()];
    for (k, u) in old.iter().enumerate() {
        if let Some(p) = u.parent.filter(|&p| p < old.len()) {
            children[p].push(k);
        }
    }
    for i in (0..old.len()).rev() {
        if old_to_new[i].is_some() || children[i].is_empty() {
            continue;
        }
        let mut votes: HashMap<usize, usize> = HashMap::new();
        for &k in &children[i] {
            if let Some(p) = old_to_new[k].and_then(|j| new[j].parent) {
                *votes.entry(p).or_default() += 1;
            }
        }
        if let Some((&p, &n)) = votes
            .iter()
            .max_by_key(|(&p, &n)| (n, std::cmp::Reverse(p)))
        {
            if new_to_old[p].is_none() && n * 2 > children[i].len() {
                old_to_new[i] = Some(p);
                new_to_old[p] = Some(i);
            }
        }
    }

    // Same number under aligned parents, some words in common: the same clause rewritten.
    let mut by_num_parent: HashMap<(&str, Option<usize>), Vec<usize>> = HashMap::new();
    for (j, u) in new.iter().enumerate() {
        if let Some(n) = u.number.as_deref() {
            if new_to_old[j].is_none() {
                by_num_parent.entry((n, u.parent)).or_default().push(j);
            }
        }
    }
    for (i, a) in old.iter().enumerate() {
        let Some(n) = a.number.as_deref() else {
            continue;
        };
        if old_to_new[i].is_some() {
            continue;
        }
        let parent = match a.parent {
            Some(p) => match old_to_new[p] {
                Some(q) => Some(q),
                None => continue,
            },
            None => None,
        };
        if let Some([j]) = by_num_parent.get(&(n, parent)).map(Vec::as_slice) {
            if new_to_old[*j].is_none() && dice(&a.shingles, &new[*j].shingles) >= 0.15 {
                old_to_new[i] = Some(*j);
                new_to_old[*j] = Some(i);
            }
        }
    }

    // Same heading, one clause each side, both unmatched: the same clause rewritten.
    let mut old_heads: HashMap<&[u64], Vec<usize>> = HashMap::new();
    for (i, u) in old.iter().enumerate() {
        if old_to_new[i].is_none() && !u.heading.is_empty() {
            old_heads.entry(&u.heading).or_default().push(i);
        }
    }
    for (head, list) in old_heads {
        let free: Vec<usize> = by_heading
            .get(head)
            .map(|l| {
                l.iter()
                    .copied()
                    .filter(|&j| new_to_old[j].is_none())
                    .collect()
            })
            .unwrap_or_default();
        if let ([i], [j]) = (list.as_slice(), free.as_slice()) {
            old_to_new[*i] = Some(*j);
            new_to_old[*j] = Some(*i);
        }
    }

    let moved = moved(&old_to_new);
    Alignment {
        old_to_new,
        new_to_old,
        moved,
    }
}

/// Matched pairs off the longest increasing subsequence of new positions are moved.
fn moved(old_to_new: &[Option<usize>]) -> Vec<bool> {
    let seq: Vec<(usize, usize)> = old_to_new
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.map(|j| (i, j)))
        .collect();
    // Patience LIS over the new indices, with back pointers.
    let mut tails: Vec<usize> = Vec::new(); // index into seq
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for k in 0..seq.len() {
        let v = seq[k].1;
        let pos = tails.partition_point(|&t| seq[t].1 < v);
        if pos > 0 {
            prev[k] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut in_lis = vec![false; seq.len()];
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        in_lis[k] = true;
        cur = prev[k];
    }
    let mut out = vec![false; old_to_new.len()];
    for (k, &(i, _)) in seq.iter().enumerate() {
        out[i] = !in_lis[k];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest;

    /// A contract: the preamble makes `ingest::classify` read it as one.
    fn doc(src: &str) -> Document {
        let src = format!("This Agreement binds the parties hereto; each party shall follow the Terms herein.\n\n{src}");
        let d = ingest::parse("t.md".as_ref(), src.as_bytes()).unwrap();
        assert_eq!(d.kind, crate::model::DocKind::Contract);
        d
    }

    fn label(d: &Document, us: &[Unit], u: usize) -> String {
        us[u]
            .clause
            .map_or("(preamble)".into(), |c| d.clauses[c].label())
    }

    const OLD: &str = "# Terms\n\nThis Agreement binds the parties hereto; each party shall follow the Terms herein.\n\n\
        ## 1. Definitions\n\n\"Service\" means the hosted software provided by the vendor.\n\n\
        ## 2. License\n\nThe vendor grants the customer a license through 2030 to use the service.\n\n\
        ## 3. Fees\n\nThe customer shall pay 20% of revenue to the vendor each quarter.\n\n\
        ## 4. Publicity\n\nNeither party may announce this agreement without written approval.\n\n\
        ## 5. Governing Law\n\nThe laws of Delaware govern this agreement and any dispute.\n";

    const NEW: &str = "# Terms\n\nThis Agreement binds the parties hereto; each party shall follow the Terms herein.\n\n\
        ## 1. Definitions\n\n\"Service\" means the hosted software provided by the vendor.\n\n\
        ## 2. Security\n\nThe vendor keeps the customer data encrypted at rest and in transit.\n\n\
        ## 3. Grant of License\n\nThe vendor grants the customer a license through 2032 to use the service.\n\n\
        ## 4. Governing Law\n\nThe laws of Delaware govern this agreement and any dispute.\n\n\
        ## 5. Payment\n\nThe customer shall pay 20% of revenue to the vendor each quarter.\n";

    #[test]
    fn renumbered_reworded_moved_added_removed() {
        let (o, n) = (doc(OLD), doc(NEW));
        let (uo, un) = (units(&o), units(&n));
        let a = align(&uo, &un, &[]);
        let pairs: Vec<(String, String)> = (0..uo.len())
            .filter_map(|i| a.old_to_new[i].map(|j| (label(&o, &uo, i), label(&n, &un, j))))
            .collect();
        let want = [
            ("(preamble)", "(preamble)"),
            ("Terms", "Terms"),
            ("§1 Definitions", "§1 Definitions"),
            ("§2 License", "§3 Grant of License"),
            ("§3 Fees", "§5 Payment"),
            ("§5 Governing Law", "§4 Governing Law"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(pairs, want);
        // Publicity removed, Security added.
        let removed: Vec<String> = (1..uo.len())
            .filter(|&i| a.old_to_new[i].is_none())
            .map(|i| label(&o, &uo, i))
            .collect();
        assert_eq!(removed, ["§4 Publicity"]);
        let added: Vec<String> = (1..un.len())
            .filter(|&j| a.new_to_old[j].is_none())
            .map(|j| label(&n, &un, j))
            .collect();
        assert_eq!(added, ["§2 Security"]);
        // Exactly one of Fees / Governing Law is out of order.
        let moved: Vec<String> = (1..uo.len())
            .filter(|&i| a.moved[i])
            .map(|i| label(&o, &uo, i))
            .collect();
        assert_eq!(moved.len(), 1, "{moved:?}");
    }

    #[test]
    fn leading_numbers_are_not_words() {
        let o = doc("## 4.2 Term\n\nThis runs for two years.\n");
        let n = doc("## 5.2 Term\n\nThis runs for two years.\n");
        let (uo, un) = (units(&o), units(&n));
        let ko: Vec<u64> = uo[1].tokens.iter().map(|t| t.key).collect();
        let kn: Vec<u64> = un[1].tokens.iter().map(|t| t.key).collect();
        assert_eq!(uo[1].number.as_deref(), Some("4.2"));
        assert_eq!(ko, kn);
        assert_eq!(align(&uo, &un, &[]).old_to_new[1], Some(1));
    }

    #[test]
    fn unrelated_clauses_do_not_align() {
        let o = doc(
            "## 1. Insurance\n\nEach party keeps insurance coverage with reputable carriers.\n",
        );
        let n =
            doc("## 1. Beta Products\n\nBeta products are provided as is without any warranty.\n");
        let (uo, un) = (units(&o), units(&n));
        assert_eq!(uo.len(), 2);
        assert_eq!(align(&uo, &un, &[]).old_to_new[1], None);
    }

    #[test]
    fn dice_bounds() {
        assert_eq!(dice(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(dice(&[1, 2], &[3, 4]), 0.0);
        assert!((dice(&[1, 2, 3, 4], &[3, 4, 5, 6]) - 0.5).abs() < 1e-9);
    }
}
