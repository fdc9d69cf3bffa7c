//! Capture groups of a match, remembered by what the match looks like.
//!
//! Reading a match's groups runs regex's bounded backtracker over the match, and its
//! work grows with the pattern's size: ~8,000 instructions for `12 cts` under the money
//! pattern, against a few hundred to find the match with the lazy DFA. The same few shapes come
//! back thousands of times in a corpus (`12 cts`, `1.25 dlrs`, `thirty (30)`), so a
//! [`GroupMemo`] reads each shape once per thread and answers the rest from a table.
//!
//! Why a shape decides the groups: when `span` is a leftmost-first match of the pattern,
//! its groups are those of the pattern's first path (in priority order) that matches
//! exactly the span's text, and regex's look-around assertions (`\b`, `^`, `$`, their
//! multi-line and CRLF forms) read one character on each side of a position and no
//! further: only whether that character is there, is `\n` or `\r`, or is a word
//! character (ASCII or Unicode). So the span's text and that much of its neighbours
//! decide the groups. When,
//! besides, the pattern is *digit-blind* (each of its classes holds all ten ASCII digits
//! or none, and no literal holds one: checked on the pattern itself, see
//! [`blind`]), no path tells one digit from another, and the key writes every
//! ASCII digit as `0`: `12 cts` and `47 cts` share an entry.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use regex_automata::nfa::thompson::{
    self,
    backtrack::{BoundedBacktracker, Cache},
};
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Class, Hir, HirKind};
use rustc_hash::FxHashMap;

/// Most groups (group 0 included) a remembered pattern may have.
const MAX_GROUPS: usize = 24;

/// Longest match (bytes) that is looked up; longer ones rarely repeat and are read
/// directly.
const MAX_SPAN: usize = 64;

/// Entries per pattern and thread; a full table is emptied, so memory stays bounded
/// (about 1 MB per pattern and thread at most; over ../shared/corpus the tables hold
/// ~10,000 entries in all).
const MAX_ENTRIES: usize = 4096;

/// Group ranges relative to the match's start; [`UNSET`] for a group that did not take
/// part.
type Slots = [(u32, u32); MAX_GROUPS];

/// The range of a group that did not take part in the match.
const UNSET: (u32, u32) = (u32::MAX, u32::MAX);

/// One table per [`GroupMemo`], per thread: key -> the groups (as many as the pattern
/// has; `None`: no match there).
type Table = FxHashMap<Box<[u8]>, Option<Box<[(u32, u32)]>>>;

thread_local! {
    static TABLES: RefCell<Vec<Table>> = const { RefCell::new(Vec::new()) };
    /// The backtrackers' caches, by table index.
    static CACHES: RefCell<Vec<Option<Cache>>> = const { RefCell::new(Vec::new()) };
}

/// Tables handed out so far (a table index per [`GroupMemo`]).
static NEXT_TABLE: AtomicUsize = AtomicUsize::new(0);

/// The groups of matches of one pattern, remembered per thread by their shape.
pub struct GroupMemo {
    re: &'static LazyLock<Regex>,
    /// Set on first use.
    setup: OnceLock<Setup>,
}

struct Setup {
    /// Index of the pattern's table (and backtracker cache) in each thread.
    table: usize,
    /// Whether the pattern is digit-blind.
    blind: bool,
    /// The parsed pattern, to build the backtracker from.
    hir: Option<Hir>,
    /// The pattern's bounded backtracker, to read groups over a known span (see
    /// [`GroupMemo::read`]), built on the first read; `None` if it could not be built.
    backtracker: OnceLock<Option<BoundedBacktracker>>,
}

impl GroupMemo {
    /// A memo for `re`'s groups.
    pub const fn new(re: &'static LazyLock<Regex>) -> Self {
        GroupMemo {
            re,
            setup: OnceLock::new(),
        }
    }

    fn setup(&self) -> &Setup {
        self.setup.get_or_init(|| {
            assert!(
                self.re.captures_len() <= MAX_GROUPS,
                "a remembered pattern has at most {MAX_GROUPS} groups"
            );
            // Parsed once for both: with the options `regex::Regex::new` uses (Unicode,
            // UTF-8), which are regex-syntax's and the NFA compiler's defaults.
            let hir = regex_syntax::parse(self.re.as_str()).ok();
            let blind = hir.as_ref().is_some_and(blind);
            Setup {
                table: NEXT_TABLE.fetch_add(1, Ordering::Relaxed),
                blind,
                hir,
                backtracker: OnceLock::new(),
            }
        })
    }

    /// The backtracker, built from the parsed pattern on first use (the parse, shared
    /// with [`blind`], is most of the cost; the NFA is a few percent of it).
    fn backtracker<'s>(&self, setup: &'s Setup) -> Option<&'s BoundedBacktracker> {
        setup
            .backtracker
            .get_or_init(|| {
                let nfa = thompson::Compiler::new()
                    .build_from_hir(setup.hir.as_ref()?)
                    .ok()?;
                BoundedBacktracker::builder()
                    .build_from_nfa(nfa)
                    .ok()
                    .filter(|b| b.get_nfa().group_info().slot_len() == 2 * self.re.captures_len())
            })
            .as_ref()
    }

    /// The groups of the pattern's leftmost-first match that starts at `span.start`, when
    /// that match is exactly `span`; `None` when there is no match there or it ends
    /// before `span.end`. A pattern that keeps some branches of a larger one, in the same
    /// order, can read the larger one's matches this way: its backtracker has less to
    /// explore, and where it matches the same span its groups are the larger pattern's
    /// (see money's and percent's `*_DIGITS` patterns).
    ///
    /// `span` must be a match of this pattern found by a leftmost-first search, or a span
    /// for which the caller shows the same: the answer is remembered by the span's shape
    /// (module docs), and read without looking past `span.end` (see [`GroupMemo::read`]),
    /// so for a span that a longer match would cover it is unspecified (`\d+` over `12`
    /// of `123` may read as a match).
    pub fn captures<'h>(&self, hay: &'h str, span: Range<usize>) -> Option<Groups<'h>> {
        let Setup { table, blind, .. } = *self.setup();
        let mut key = [0u8; MAX_SPAN + 2];
        let Some(len) = shape_key(hay, &span, blind, &mut key) else {
            return self.read(hay, &span);
        };
        let key = &key[..len];
        let hit = TABLES.with(|t| {
            let t = t.borrow();
            let entry = t.get(table)?.get(key)?;
            Some(entry.as_ref().map(|groups| {
                let mut slots: Slots = [UNSET; MAX_GROUPS];
                slots[..groups.len()].copy_from_slice(groups);
                slots
            }))
        });
        let slots = match hit {
            Some(slots) => slots,
            None => {
                let read = self.read(hay, &span);
                let n = self.re.captures_len();
                let slots = read.as_ref().map(|g| g.slots[..n].into());
                TABLES.with(|t| {
                    let mut t = t.borrow_mut();
                    if t.len() <= table {
                        t.resize_with(table + 1, Table::default);
                    }
                    let t = &mut t[table];
                    if t.len() >= MAX_ENTRIES {
                        t.clear();
                    }
                    t.insert(key.into(), slots);
                });
                return read;
            }
        };
        slots.map(|slots| Groups {
            re: self.re,
            hay,
            base: span.start,
            slots,
        })
    }

    /// The groups of every match of the pattern in `hay`, in order (as
    /// [`Regex::captures_iter`]).
    pub fn iter<'a, 'h: 'a>(&'a self, hay: &'h str) -> impl Iterator<Item = Groups<'h>> + 'a {
        self.re
            .find_iter(hay)
            .filter_map(move |m| self.captures(hay, m.range()))
    }

    /// The groups read with the pattern itself (no table): those of the leftmost-first
    /// match anchored at `span.start`, if it is `span`.
    ///
    /// Read by the pattern's bounded backtracker, anchored at `span.start` and searching
    /// no further than `span.end` (look-around still sees the text beside the span):
    /// `Regex::captures_at` would first run the forward and reverse lazy DFAs to find the
    /// match the caller already knows, about half of a read's instructions (callgrind).
    /// The same groups: the match is the first path, in priority order, that matches
    /// from `span.start`. Every path that ends within the span matches alike with or
    /// without the text past it, so when the first path overall ends at `span.end` the
    /// bounded search finds it first too; the callers' spans are such matches (see
    /// [`GroupMemo::captures`]). A span too long for the backtracker's memory is read
    /// with `captures_at`.
    fn read<'h>(&self, hay: &'h str, span: &Range<usize>) -> Option<Groups<'h>> {
        let setup = self.setup();
        let Some(bt) = self
            .backtracker(setup)
            .filter(|bt| span.len() <= bt.max_haystack_len())
        else {
            return self.read_by_regex(hay, span);
        };
        let input = Input::new(hay).span(span.clone()).anchored(Anchored::Yes);
        let mut found: [Option<NonMaxUsize>; 2 * MAX_GROUPS] = [None; 2 * MAX_GROUPS];
        let n = 2 * self.re.captures_len();
        let matched = CACHES.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() <= setup.table {
                c.resize_with(setup.table + 1, || None);
            }
            let cache = c[setup.table].get_or_insert_with(|| bt.create_cache());
            bt.try_search_slots(cache, &input, &mut found[..n])
        });
        // An error is only a span too long, checked above.
        matched.ok()??;
        let at = |i: usize| found[i].map(NonMaxUsize::get);
        if (at(0), at(1)) != (Some(span.start), Some(span.end)) {
            return None;
        }
        let mut slots: Slots = [UNSET; MAX_GROUPS];
        for (g, slot) in slots.iter_mut().enumerate().take(n / 2) {
            if let (Some(s), Some(e)) = (at(2 * g), at(2 * g + 1)) {
                *slot = (relative(s, span.start), relative(e, span.start));
            }
        }
        Some(Groups {
            re: self.re,
            hay,
            base: span.start,
            slots,
        })
    }

    /// [`GroupMemo::read`] with `Regex::captures_at`.
    fn read_by_regex<'h>(&self, hay: &'h str, span: &Range<usize>) -> Option<Groups<'h>> {
        let c = self.re.captures_at(hay, span.start)?;
        if c.get(0)?.range() != *span {
            return None;
        }
        let mut slots: Slots = [UNSET; MAX_GROUPS];
        for (slot, g) in slots.iter_mut().zip(c.iter()) {
            if let Some(g) = g {
                *slot = (
                    relative(g.start(), span.start),
                    relative(g.end(), span.start),
                );
            }
        }
        Some(Groups {
            re: self.re,
            hay,
            base: span.start,
            slots,
        })
    }
}

/// Offset `i` relative to `base`. A match is far below 4 GiB (`u32::MAX` is kept for
/// unset groups).
fn relative(i: usize, base: usize) -> u32 {
    u32::try_from(i - base)
        .ok()
        .filter(|&r| r < u32::MAX)
        .expect("a match shorter than 4 GiB")
}

/// The key of `span` in `hay`: what look-around can tell of the character before it and
/// of the one after it ([`context`]), then the span's bytes, ASCII digits as `0` when
/// `blind`. `None` when the span is too long to be remembered.
fn shape_key(hay: &str, span: &Range<usize>, blind: bool, key: &mut [u8]) -> Option<usize> {
    if span.len() > MAX_SPAN {
        return None;
    }
    key[0] = context(hay[..span.start].chars().next_back());
    key[1] = context(hay[span.end..].chars().next());
    let bytes = &hay.as_bytes()[span.clone()];
    for (k, &b) in key[2..].iter_mut().zip(bytes) {
        *k = if blind && b.is_ascii_digit() { b'0' } else { b };
    }
    Some(2 + bytes.len())
}

/// All that regex's look-around assertions can tell of the character beside a span:
/// none (the haystack's edge), `\n`, `\r` (line anchors), an ASCII word character
/// (`\b` in either mode), another Unicode word character (Unicode `\b` only), anything
/// else.
fn context(c: Option<char>) -> u8 {
    match c {
        None => 0,
        Some('\n') => 1,
        Some('\r') => 2,
        Some(c) if c.is_ascii_alphanumeric() || c == '_' => 3,
        Some(c) if !c.is_ascii() && regex_syntax::is_word_character(c) => 4,
        Some(_) => 5,
    }
}

/// [`blind`] for a pattern; false when it does not parse.
#[cfg(test)]
fn digit_blind(pattern: &str) -> bool {
    regex_syntax::parse(pattern).is_ok_and(|hir| blind(&hir))
}

/// True when no path of `hir` tells one ASCII digit from another: every class holds all
/// of `0`-`9` or none of them, and no literal holds a digit. (`(?i)` folds no digit, and
/// word boundaries treat all digits alike.)
fn blind(hir: &Hir) -> bool {
    let digits_in = |lo: u32, hi: u32| {
        hi.min(u32::from(b'9'))
            .saturating_add(1)
            .saturating_sub(lo.max(u32::from(b'0')))
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => !lit.0.iter().any(u8::is_ascii_digit),
        HirKind::Class(Class::Unicode(c)) => {
            let n: u32 = c
                .iter()
                .map(|r| digits_in(u32::from(r.start()), u32::from(r.end())))
                .sum();
            n == 0 || n == 10
        }
        HirKind::Class(Class::Bytes(c)) => {
            let n: u32 = c
                .iter()
                .map(|r| digits_in(u32::from(r.start()), u32::from(r.end())))
                .sum();
            n == 0 || n == 10
        }
        HirKind::Repetition(r) => blind(&r.sub),
        HirKind::Capture(c) => blind(&c.sub),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().all(blind),
    }
}

/// The groups of one match (like [`regex::Captures`]).
#[derive(Clone, Copy)]
pub struct Groups<'h> {
    re: &'static Regex,
    hay: &'h str,
    base: usize,
    slots: Slots,
}

impl<'h> Groups<'h> {
    /// The group named `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Group<'h>> {
        let i = self.re.capture_names().position(|n| n == Some(name))?;
        self.get(i)
    }

    /// Group `i` (0 is the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Group<'h>> {
        let (s, e) = *self.slots.get(i)?;
        if (s, e) == UNSET {
            return None;
        }
        Some(Group {
            hay: self.hay,
            start: self.base + s as usize,
            end: self.base + e as usize,
        })
    }
}

/// The text of group `i`; panics when the group did not take part (as [`regex::Captures`]).
impl<'h> std::ops::Index<usize> for Groups<'h> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        self.get(i)
            .unwrap_or_else(|| panic!("group {i} did not take part in the match"))
            .as_str()
    }
}

/// The text of the group named `name`; panics when it did not take part.
impl<'h> std::ops::Index<&str> for Groups<'h> {
    type Output = str;
    fn index(&self, name: &str) -> &str {
        self.name(name)
            .unwrap_or_else(|| panic!("group `{name}` did not take part in the match"))
            .as_str()
    }
}

/// One group of a match (like [`regex::Match`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Group<'h> {
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_blindness_is_read_from_the_pattern() {
        assert!(digit_blind(r"[0-9]+(?:\.[0-9]+)? (?i:cts|dlrs)\b"));
        assert!(digit_blind(r"\d{1,3}(?:,\d{3})*"));
        assert!(digit_blind(r"(?i)[a-z]+"));
        assert!(!digit_blind(r"[0-9]+/100"));
        assert!(!digit_blind(r"[1-9][0-9]*"));
        assert!(!digit_blind(r"(?:19|20)[0-9]{2}"));
        assert!(!digit_blind(r"["));
    }

    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?P<n>[0-9]+(?:\.[0-9]+)?)\s*(?P<u>(?i:cts|dlrs))\b|(?P<w>(?i:two|ten))\s+(?P<u2>cts)\b")
            .unwrap()
    });
    static MEMO: GroupMemo = GroupMemo::new(&RE);

    /// The remembered groups equal the pattern's own, for every match of texts that
    /// share shapes (same digits count, other digits) and differ in what surrounds them.
    #[test]
    fn remembered_groups_equal_the_patterns_own() {
        let texts = [
            "paid 12 cts and 47 cts, then 12.5 dlrs or 98.1 DLRS; two cts, ten cts",
            "x12 cts 47cts 12  cts 3 cts 40 cts. 12 ctsy",
            "12 cts",
            "two cts two  cts Two cts",
        ];
        for _ in 0..2 {
            for text in texts {
                for m in RE.find_iter(text) {
                    let want = RE.captures_at(text, m.start()).unwrap();
                    let got = MEMO
                        .captures(text, m.range())
                        .expect("a match of the pattern");
                    for i in 0..RE.captures_len() {
                        assert_eq!(
                            got.get(i).map(|g| (g.range(), g.as_str())),
                            want.get(i).map(|g| (g.range(), g.as_str())),
                            "group {i} of {:?} in {text:?}",
                            m.as_str()
                        );
                    }
                }
            }
        }
    }

    static LOOK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)^(?P<n>[0-9]+)(?P<u>\s*[a-zé]+)?\b|(?P<e>[0-9]+)$|\b(?P<w>[0-9]+)")
            .unwrap()
    });
    static LOOK_MEMO: GroupMemo = GroupMemo::new(&LOOK);

    /// Look-around of every kind (line anchors, ASCII and Unicode word boundaries) beside
    /// every kind of neighbour: the remembered groups still equal the pattern's own.
    #[test]
    fn neighbours_decide_only_what_look_around_reads() {
        let neighbours = [
            "", "\n", "\r\n", "\r", " ", ",", "x", "_", "é", "中", "\u{a0}", "5",
        ];
        let bodies = ["12", "12 cts", "12é", "7 kg", "12\ncts", "40"];
        for _ in 0..2 {
            for a in neighbours {
                for body in bodies {
                    for b in neighbours {
                        let text = format!("{a}{body}{b}");
                        for m in LOOK.find_iter(&text) {
                            let want = LOOK.captures_at(&text, m.start()).unwrap();
                            let got = LOOK_MEMO.captures(&text, m.range()).unwrap();
                            for i in 0..LOOK.captures_len() {
                                assert_eq!(
                                    got.get(i).map(|g| g.range()),
                                    want.get(i).map(|g| g.range()),
                                    "group {i} of {text:?}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    /// A span that is not the pattern's match at its start reads as `None`, also when
    /// remembered.
    #[test]
    fn other_spans_read_as_none() {
        for _ in 0..2 {
            assert!(MEMO.captures("12 cts", 0..2).is_none());
            assert!(MEMO.captures("ab 12 cts", 0..2).is_none());
        }
    }

    /// A span too long for the backtracker's memory is read by the pattern itself.
    #[test]
    fn spans_too_long_for_the_backtracker_are_read_by_the_regex() {
        let text = format!("{} cts", "1".repeat(1_000_000));
        let max = MEMO
            .backtracker(MEMO.setup())
            .expect("a backtracker")
            .max_haystack_len();
        assert!(text.len() > max, "{max}");
        let g = MEMO.captures(&text, 0..text.len()).unwrap();
        assert_eq!(g.get(1).unwrap().as_str().len(), 1_000_000);
        assert_eq!(g.get(2).unwrap().as_str(), "cts");
    }

    /// A span longer than the table's limit is read directly.
    #[test]
    fn long_spans_are_read_directly() {
        let text = format!("{} cts", "1".repeat(100));
        let g = MEMO.captures(&text, 0..text.len()).unwrap();
        assert_eq!(g.get(1).unwrap().as_str().len(), 100);
        assert_eq!(g.get(2).unwrap().as_str(), "cts");
    }
}
