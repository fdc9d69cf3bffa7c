//! Where money may be: the matches of the money trigger pattern (`money::TRIGGER`: a
//! currency symbol, an ISO code, a currency name or a nationality that qualifies one),
//! found by a byte scan instead of the pattern.
//!
//! The pattern has no literal prefix a prefilter could use (its words match in any case),
//! so the regex engine runs its lazy DFA over every byte of every document: ~10
//! instructions a byte, ~9% of a quantity run (callgrind). [`triggers`] reads the text 64
//! bytes at a time as bit masks (letters, word bytes, upper-case letters, `$` and the
//! first bytes of multi-byte chars) and looks only at the places where a match can start:
//! a symbol, three upper-case letters, a word start. It returns the very ranges the
//! pattern's `find_iter` returns (leftmost-first, in order, not overlapping; tested
//! against the pattern on generated text and on the bundled corpus) or `None` for a text
//! it does not handle, where the caller runs the pattern.
//!
//! Not handled: the two non-ASCII chars that Unicode case folding makes equal to ASCII
//! letters of the pattern's words, the long s `ſ` and the Kelvin sign `K`.

use std::ops::Range;
use std::sync::LazyLock;

/// The ISO codes matched in upper case anywhere and in any case at a word start.
pub(crate) const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "CHF", "CAD", "AUD", "HKD", "NZD", "SGD",
    "SEK", "NOK", "DKK", "ZAR", "MXN", "BRL", "KRW", "RUB", "PLN", "TWD", "AED", "SAR", "ILS",
    "THB", "MYR", "IDR", "CZK", "HUF",
];

/// Currency symbols, single code points.
pub(crate) const SYMBOLS: &str = "$€£¥₹₩₽₪₺₫₦₱₴₡₾₭฿元";

/// Currency names, matched in any case as the start of a word (`dollars`, `Euro`).
pub(crate) const NAMES: &[&str] = &[
    "dollar", "dlr", "euro", "pound", "sterling", "stg", "yen", "yuan", "renminbi", "rupee",
    "cent", "cts", "pence", "penn", "franc", "mark", "guilder", "peseta", "lira", "lire", "rand",
    "ruble", "rouble", "peso", "kronor", "kroner", "won", "riyal", "shekel",
];

/// Words between an amount and its currency (`10 mln Canadian dlrs`), matched like
/// [`NAMES`]; `hong kong` (any white space between) is matched beside them.
pub(crate) const QUALIFIERS: &[&str] = &[
    "canadian",
    "australian",
    "american",
    "zealand",
    "singapore",
    "taiwan",
    "swiss",
    "french",
    "belgian",
    "deutsche",
    "finnish",
    "dutch",
    "italian",
    "turkish",
    "african",
    "russian",
    "mexican",
    "swedish",
    "norwegian",
    "danish",
    "korean",
    "israeli",
    "saudi",
    "japanese",
    "chinese",
    "indian",
];

/// The trigger pattern, built from the lists above: a symbol, an upper-case code
/// anywhere (`115USD`), or at an ASCII word start in any case: a code with an optional
/// `M` (millions), `rs` / `rs.`, a name, `u.s. dollar` / `US dlr`, a qualifier.
pub(crate) fn pattern() -> String {
    let codes = CODES.join("|");
    format!(
        r"[{SYMBOLS}]|(?:{codes})|(?i:(?-u:\b)(?:M?(?:{codes})|rs\.?|{names}|u\.?\s?s\.?\s+(?:dollar|dlr)|{qualifiers}|hong\s+kong))",
        names = NAMES.join("|"),
        qualifiers = QUALIFIERS.join("|"),
    )
}

/// One way a match may start at an ASCII word start, in the pattern's order of priority.
#[derive(Clone, Copy)]
enum Alt {
    /// `M` and a code: `MUSD`.
    MCode,
    Code,
    /// `rs` and an optional dot.
    Rs,
    /// A name or a qualifier, as a prefix of the word.
    Word(&'static str),
    /// `u\.?\s?s\.?\s+(?:dollar|dlr)`.
    UsDollar,
    /// `hong\s+kong`.
    HongKong,
}

struct Tables {
    /// Codes by [`key3`].
    codes: Bits,
    /// Lower-case first three letters of every match of three letters or more.
    starts: Bits,
    /// The alternatives by first letter (`a`..=`z`), in the pattern's order.
    by_letter: [Vec<Alt>; 26],
}

/// A bit per three-letter key.
struct Bits(Box<[u64; KEYS / 64]>);

/// Keys of three letters: five bits a letter.
const KEYS: usize = 1 << 15;

impl Bits {
    fn new() -> Self {
        Bits(Box::new([0; KEYS / 64]))
    }
    fn set(&mut self, k: usize) {
        self.0[k / 64] |= 1 << (k % 64);
    }
    fn has(&self, k: usize) -> bool {
        self.0[(k / 64) % (KEYS / 64)] & (1 << (k % 64)) != 0
    }
}

/// Key of three ASCII letters, case-insensitive: the low five bits of each (`a` and `A`
/// are both 1), no multiplications in the scan's hottest loop.
fn key3(a: u8, b: u8, c: u8) -> usize {
    usize::from(a & 31) << 10 | usize::from(b & 31) << 5 | usize::from(c & 31)
}

fn key3_of(w: &[u8]) -> usize {
    key3(w[0], w[1], w[2])
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut codes = Bits::new();
    let mut starts = Bits::new();
    let mut order = vec![Alt::MCode, Alt::Code, Alt::Rs];
    order.extend(NAMES.iter().map(|&w| Alt::Word(w)));
    order.push(Alt::UsDollar);
    order.extend(QUALIFIERS.iter().map(|&w| Alt::Word(w)));
    order.push(Alt::HongKong);
    let mut by_letter: [Vec<Alt>; 26] = Default::default();
    for code in CODES {
        let c = code.as_bytes();
        codes.set(key3_of(c));
        starts.set(key3_of(c));
        starts.set(key3(b'm', c[0], c[1]));
        by_letter[usize::from(c[0].to_ascii_lowercase() - b'a')].push(Alt::Code);
    }
    for third in b'a'..=b'z' {
        starts.set(key3(b'r', b's', third));
    }
    starts.set(key3_of(b"hon"));
    for alt in order {
        let first = match alt {
            Alt::MCode => b'm',
            Alt::Code => continue,
            Alt::Rs => b'r',
            Alt::Word(w) => {
                starts.set(key3_of(w.as_bytes()));
                w.as_bytes()[0]
            }
            Alt::UsDollar => b'u',
            Alt::HongKong => b'h',
        };
        by_letter[usize::from(first - b'a')].push(alt);
    }
    // Codes come second in the pattern (after `M` and a code, which only `m` starts):
    // put them back in that place, once per letter.
    for alts in &mut by_letter {
        let has_code = alts.iter().any(|a| matches!(a, Alt::Code));
        alts.retain(|a| !matches!(a, Alt::Code));
        if has_code {
            let at = usize::from(matches!(alts.first(), Some(Alt::MCode)));
            alts.insert(at, Alt::Code);
        }
    }
    Tables {
        codes,
        starts,
        by_letter,
    }
});

/// The ranges of the trigger pattern's matches in `text`, as its `find_iter` gives them;
/// `None` when `text` holds `ſ` or `K` (see the module docs).
pub(crate) fn triggers(text: &str) -> Option<Vec<Range<usize>>> {
    let t = &*TABLES;
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    // Where the next match may start (the end of the last one).
    let mut pos = 0;
    // Whether the byte before the block is a word byte.
    let mut word_before = 0u64;
    let mut padded: [u8; BLOCK];
    let mut p = 0;
    while p < n {
        let block: &[u8; BLOCK] = match b.get(p..p + BLOCK) {
            Some(full) => full.try_into().expect("a full block"),
            None => {
                // The last, short block: NUL bytes are none of the classes.
                padded = [0u8; BLOCK];
                padded[..n - p].copy_from_slice(&b[p..]);
                &padded
            }
        };
        let m = masks(block);
        let word_starts = m.letters & !((m.word << 1) | word_before);
        // Word starts with three letters in the block, most of the candidates: kept only
        // when their first three letters may start a match, in a tight loop of their own.
        let mut three = word_starts & (m.letters >> 1) & (m.letters >> 2) & !(3 << 62);
        let mut passed = 0u64;
        while three != 0 {
            let s = three.trailing_zeros() as usize;
            three &= three - 1;
            if let Some(&[a, b, c]) = block.get(s..s + 3) {
                if t.starts.has(key3(a, b, c)) {
                    passed |= 1 << s;
                }
            }
        }
        // Shorter words can only be `rs` and `u` / `us` (`rs.`, `u.s. dollar`); at the
        // block's end, the letters past it are checked byte by byte.
        let short = word_starts & !(m.letters >> 1 & m.letters >> 2) & m.r_or_u;
        let edge = word_starts & (3 << 62);
        // Three upper-case letters in a row; at the block's end, as above.
        let upper3 = m.upper & (m.upper >> 1) & (m.upper >> 2)
            | m.upper & (m.upper >> 1) & (1 << 62)
            | m.upper & (1 << 63);
        let mut cands = m.special | upper3 | passed | short | edge;
        word_before = m.word >> 63;
        while cands != 0 {
            let s = cands.trailing_zeros() as usize;
            cands &= cands - 1;
            let i = p + s;
            let bit = 1u64 << s;
            if i < pos {
                continue;
            }
            let end = if m.special & bit != 0 {
                match symbol_at(text, i) {
                    Symbol::Yes(len) => Some(i + len),
                    Symbol::No => None,
                    Symbol::Folds => return None,
                }
            } else {
                let code = (upper3 & bit != 0)
                    .then(|| b.get(i..i + 3))
                    .flatten()
                    .filter(|w| w.iter().all(u8::is_ascii_uppercase) && t.codes.has(key3_of(w)))
                    .map(|_| i + 3);
                code.or_else(|| {
                    (word_starts & bit != 0)
                        .then(|| at_word_start(t, text, i))
                        .flatten()
                })
            };
            if let Some(end) = end {
                out.push(i..end);
                pos = end;
            }
        }
        p += BLOCK;
    }
    Some(out)
}

/// What the char at a multi-byte char's first byte (or `$`) is to the pattern.
enum Symbol {
    /// A currency symbol of this many bytes.
    Yes(usize),
    No,
    /// `ſ` or `K`, which the pattern's case folding reads as `s` and `k`.
    Folds,
}

fn symbol_at(text: &str, i: usize) -> Symbol {
    // Every symbol and folding char starts with one of these bytes; most multi-byte
    // chars of the texts (quotes, dashes: `\xe2\x80..`) are rejected by the second.
    match text.as_bytes()[i..] {
        [b'$', ..] | [0xc2 | 0xc5 | 0xe0 | 0xe5, ..] | [0xe2, 0x82 | 0x84, ..] => {}
        _ => return Symbol::No,
    }
    let c = text[i..].chars().next().expect("a char starts here");
    if SYMBOLS.contains(c) {
        Symbol::Yes(c.len_utf8())
    } else if c == 'ſ' || c == '\u{212a}' {
        Symbol::Folds
    } else {
        Symbol::No
    }
}

/// The end of the match that starts at `i`, the start of a run of ASCII letters after a
/// byte that is not a word byte, if one does: the first alternative that matches.
fn at_word_start(t: &Tables, text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let rest = &b[i..];
    let letters = rest
        .iter()
        .take(3)
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    match letters {
        // Only `u.s. dollar` starts with a lone letter, and `rs.`, `us dollar` with two.
        1 => {
            return (rest[0] | 0x20 == b'u')
                .then(|| us_dollar(text, i))
                .flatten();
        }
        2 => {
            return match [rest[0] | 0x20, rest[1] | 0x20] {
                [b'r', b's'] => Some(rs(b, i)),
                [b'u', b's'] => us_dollar(text, i),
                _ => None,
            };
        }
        _ if !t.starts.has(key3_of(rest)) => return None,
        _ => {}
    }
    let code_at = |j: usize| {
        b.get(j..j + 3)
            .filter(|w| w.iter().all(u8::is_ascii_alphabetic) && t.codes.has(key3_of(w)))
            .map(|_| j + 3)
    };
    t.by_letter[usize::from((rest[0] | 0x20) - b'a')]
        .iter()
        .find_map(|alt| match *alt {
            Alt::MCode => code_at(i + 1),
            Alt::Code => code_at(i),
            Alt::Rs => (rest[1] | 0x20 == b's').then(|| rs(b, i)),
            Alt::Word(w) => starts_with_ignore_case(rest, w).then(|| i + w.len()),
            Alt::UsDollar => us_dollar(text, i),
            Alt::HongKong => hong_kong(text, i),
        })
}

fn starts_with_ignore_case(hay: &[u8], word: &str) -> bool {
    hay.get(..word.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(word.as_bytes()))
}

/// `rs` at `i` (checked), and a dot after it if there is one.
fn rs(b: &[u8], i: usize) -> usize {
    i + 2 + usize::from(b.get(i + 2) == Some(&b'.'))
}

/// The length of the white space (Unicode `White_Space`, the pattern's `\s`) at `i`: at
/// most one char with `one`, else all of it.
fn space_len(text: &str, i: usize, one: bool) -> usize {
    let mut len = 0;
    for c in text[i..].chars() {
        if !c.is_whitespace() {
            break;
        }
        len += c.len_utf8();
        if one {
            break;
        }
    }
    len
}

/// `u\.?\s?s\.?\s+(?:dollar|dlr)` at `i` (any case).
fn us_dollar(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let dot = |j: usize| j + usize::from(b.get(j) == Some(&b'.'));
    let mut j = dot(i + 1);
    j += space_len(text, j, true);
    if b.get(j).map(|c| c | 0x20) != Some(b's') {
        return None;
    }
    j = dot(j + 1);
    let space = space_len(text, j, false);
    if space == 0 {
        return None;
    }
    j += space;
    ["dollar", "dlr"]
        .iter()
        .find(|w| starts_with_ignore_case(&b[j..], w))
        .map(|w| j + w.len())
}

/// `hong\s+kong` at `i` (any case).
fn hong_kong(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    if !starts_with_ignore_case(&b[i..], "hong") {
        return None;
    }
    let space = space_len(text, i + 4, false);
    let j = i + 4 + space;
    (space > 0 && starts_with_ignore_case(&b[j..], "kong")).then_some(j + 4)
}

/// Bytes per block of [`triggers`].
const BLOCK: usize = 64;

/// Bit `i` of each mask describes `block[i]`.
#[derive(Debug, Default, PartialEq, Eq)]
struct Masks {
    /// ASCII letters.
    letters: u64,
    /// ASCII word bytes (`[0-9A-Za-z_]`, the pattern's `(?-u:\b)`).
    word: u64,
    /// `A`..=`Z`.
    upper: u64,
    /// `$` and the first bytes of multi-byte chars.
    special: u64,
    /// `r`, `u` in either case.
    r_or_u: u64,
}

/// The masks of a block; SSE2 (every x86-64 has it) does 16 bytes per compare.
#[cfg(target_arch = "x86_64")]
fn masks(block: &[u8; BLOCK]) -> Masks {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let mut m = Masks::default();
    for (k, chunk) in block.chunks_exact(16).enumerate() {
        // SAFETY: SSE2 is part of the x86-64 baseline, so these instructions exist on
        // every x86-64 CPU; `chunk` holds 16 readable bytes, and `loadu` needs no
        // alignment.
        let (l, w, u, s, ru) = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
            // Signed compares: bytes from 0x80 up are negative, so never in an ASCII
            // range; the first bytes of multi-byte chars (0xc0 up) are -64..=-1.
            let upper = _mm_and_si128(
                _mm_cmpgt_epi8(v, _mm_set1_epi8(0x40)),
                _mm_cmplt_epi8(v, _mm_set1_epi8(0x5b)),
            );
            let low = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let letters = _mm_and_si128(
                _mm_cmpgt_epi8(low, _mm_set1_epi8(0x60)),
                _mm_cmplt_epi8(low, _mm_set1_epi8(0x7b)),
            );
            let digits = _mm_and_si128(
                _mm_cmpgt_epi8(v, _mm_set1_epi8(0x2f)),
                _mm_cmplt_epi8(v, _mm_set1_epi8(0x3a)),
            );
            let under = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
            let word = _mm_or_si128(_mm_or_si128(letters, digits), under);
            let lead = _mm_cmpgt_epi8(v, _mm_set1_epi8(-65));
            let lead = _mm_and_si128(lead, _mm_cmplt_epi8(v, _mm_set1_epi8(0)));
            let special = _mm_or_si128(lead, _mm_cmpeq_epi8(v, _mm_set1_epi8(b'$' as i8)));
            let r_or_u = _mm_or_si128(
                _mm_cmpeq_epi8(low, _mm_set1_epi8(b'r' as i8)),
                _mm_cmpeq_epi8(low, _mm_set1_epi8(b'u' as i8)),
            );
            // `movemask` gives one bit per byte, in the low 16 bits of an `i32`.
            (
                _mm_movemask_epi8(letters) as u16,
                _mm_movemask_epi8(word) as u16,
                _mm_movemask_epi8(upper) as u16,
                _mm_movemask_epi8(special) as u16,
                _mm_movemask_epi8(r_or_u) as u16,
            )
        };
        let at = 16 * k;
        m.letters |= u64::from(l) << at;
        m.word |= u64::from(w) << at;
        m.upper |= u64::from(u) << at;
        m.special |= u64::from(s) << at;
        m.r_or_u |= u64::from(ru) << at;
    }
    m
}

/// [`masks`] byte by byte, for other architectures.
#[cfg(not(target_arch = "x86_64"))]
fn masks(block: &[u8; BLOCK]) -> Masks {
    masks_bytewise(block)
}

#[cfg(any(test, not(target_arch = "x86_64")))]
fn masks_bytewise(block: &[u8; BLOCK]) -> Masks {
    let mut m = Masks::default();
    for (i, &x) in block.iter().enumerate() {
        m.letters |= u64::from(x.is_ascii_alphabetic()) << i;
        m.word |= u64::from(x.is_ascii_alphanumeric() || x == b'_') << i;
        m.upper |= u64::from(x.is_ascii_uppercase()) << i;
        m.special |= u64::from(x == b'$' || x >= 0xc0) << i;
        m.r_or_u |= u64::from(matches!(x, b'r' | b'R' | b'u' | b'U')) << i;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn by_pattern(text: &str) -> Vec<Range<usize>> {
        static TRIGGER: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(&pattern()).expect("trigger pattern"));
        TRIGGER.find_iter(text).map(|m| m.range()).collect()
    }

    /// The scan finds what the pattern finds, on text generated from the pieces that
    /// matter to it (every code, symbol, name and qualifier in several cases, the parts of
    /// `u.s. dollar` and `hong kong`, Unicode white space, word bytes that break a word
    /// start, multi-byte chars) glued in every order, over several blocks.
    #[test]
    fn triggers_are_the_patterns_matches() {
        let mut pieces: Vec<String> = Vec::new();
        for w in CODES.iter().chain(NAMES).chain(QUALIFIERS) {
            pieces.push(w.to_string());
            pieces.push(w.to_ascii_lowercase());
            pieces.push(w.to_ascii_uppercase());
            let mut cap = w.to_ascii_lowercase();
            cap[..1].make_ascii_uppercase();
            pieces.push(cap);
            // Prefixes and letters glued on: `dolla`, `Xusd`.
            pieces.push(w[..w.len() - 1].to_string());
        }
        pieces.extend(SYMBOLS.chars().map(String::from));
        for p in [
            "M", "m", "rs", "RS", "Rs.", "u", "U", "s", "S", ".", "us", "US", "hong", "Kong", " ",
            " ", "  ", "\t", "\n", "\u{a0}", "\u{2003}", "\u{3000}", "5", "115", "_", "é", "’",
            "€", "x", "Q", "ABC", "THE", "the", "in", "a", "-", "(", "ſ", "\u{212a}", "dlr",
        ] {
            pieces.push(p.to_string());
        }
        let mut seed = 11u64;
        let mut checked = 0;
        for round in 0..20_000 {
            let mut text = String::new();
            for _ in 0..if round % 4 == 0 { 50 } else { 8 } {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(&pieces[(seed >> 33) as usize % pieces.len()]);
            }
            match triggers(&text) {
                Some(found) => {
                    assert_eq!(found, by_pattern(&text), "{text:?}");
                    checked += 1;
                }
                None => assert!(text.contains(['ſ', '\u{212a}']), "{text:?}"),
            }
        }
        assert!(checked > 15_000, "only {checked} texts without ſ or K");
    }

    /// The same on real text: the bundled corpus and fixtures, and ../shared/corpus where
    /// it is (CI has it beside the clone).
    #[test]
    fn triggers_are_the_patterns_matches_on_the_corpora() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = 0;
        for dir in ["corpus", "fixtures", "../shared/corpus"] {
            for entry in ignore::WalkBuilder::new(root.join(dir)).build().flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                if let Some(found) = triggers(&text) {
                    assert_eq!(found, by_pattern(&text), "{}", entry.path().display());
                    files += 1;
                }
            }
        }
        assert!(files > 50, "only {files} files read");
    }

    #[test]
    fn triggers_in_plain_cases() {
        let text = "Pay US$5, 10 U.S. dollars, Rs. 5, MUSD 3, 115USD, \
                    the Euro area, hong\u{a0} kong, an audit, 5usd, ruble, Thames.";
        let found: Vec<&str> = triggers(text)
            .expect("no folding chars")
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            found,
            // Not `US` before `$` (no code, no `dollar` after it), not `usd` after a digit
            // (no word start).
            [
                "$",
                "U.S. dollar",
                "Rs.",
                "MUSD",
                "USD",
                "Eur",
                "hong\u{a0} kong",
                "aud",
                "rub"
            ]
        );
        assert_eq!(triggers("the ſtg"), None);
    }

    /// The folding chars are exactly the ones the pattern's case folding adds to ASCII
    /// letters: for every letter of the pattern's words, `(?i)` matches only its two
    /// cases, `ſ` and `K`.
    #[test]
    fn only_long_s_and_kelvin_fold_to_ascii_letters() {
        for l in b'a'..=b'z' {
            let re = Regex::new(&format!("^(?i:{})$", l as char)).expect("letter");
            for c in (0..=0x10ffff).filter_map(char::from_u32) {
                if re.is_match(c.encode_utf8(&mut [0; 4])) {
                    assert!(
                        c.eq_ignore_ascii_case(&(l as char)) || c == 'ſ' || c == '\u{212a}',
                        "{c:?} folds to {}",
                        l as char
                    );
                }
            }
        }
    }

    /// The SSE2 masks are the byte-by-byte masks, for every byte value at every place.
    #[test]
    fn masks_agree_with_a_byte_scan() {
        for x in 0..=255u8 {
            let mut block = [b'a'; BLOCK];
            for (i, y) in block.iter_mut().enumerate() {
                *y = x.wrapping_add(i as u8 * 37);
            }
            block[(x as usize) % BLOCK] = x;
            assert_eq!(masks(&block), masks_bytewise(&block), "{x:#x}");
        }
    }
}
