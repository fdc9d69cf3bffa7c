//! Numbers in digits and in words, shared by every extractor.
//!
//! Layers, cheapest first:
//!
//! * **Regex fragments** ([`NUMBER`], [`NUMBER_DIGITS`], [`NUMBER_DIGITS_LOOSE`],
//!   [`NUMBER_SCALED`], [`NUMBER_WORDS`], [`NUMBER_ECHOED`], [`SCALE`], [`ORDINAL`]):
//!   source text to embed in an extractor's
//!   own pattern. Each is a self-contained `(?ix: ...)` group (verbose and
//!   case-insensitive inside, whatever the enclosing flags), has no capture groups, and uses
//!   ASCII word boundaries only, so the enclosing regex stays DFA-friendly and linear.
//! * **Parsers** ([`parse_number`], [`parse_ordinal`]): turn the text of such a match into
//!   an exact [`Decimal`] (never `f64`). They accept exactly what the fragments match (and
//!   a little more), never panic, and return `None` for anything they cannot read exactly
//!   (more than 28 significant digits, a zero denominator, `one two`).
//! * **A scanner** ([`find_numbers`]): every number in a text with its byte span and
//!   value, the contract idiom `thirty (30)` folded into one match.
//! * **Helpers for extractors**: [`paren_echo`] (`fifteen percent (15%)`), [`is_glued`]
//!   (reject `X100`, `5.4.3`), [`trigger_windows`] (run an expensive pattern only near a
//!   cheap trigger such as `%` or `$`), [`head`] (a byte-bounded prefix on a char
//!   boundary).
//!
//! What is read:
//! * digits with US (`1,250,000.00`), European (`1.250.000,00`) or Indian
//!   (`12,34,567.89`) grouping, decimals (`0.8`, `.5`), fractions (`1/2`, `6 3/4`, `6½`);
//! * scale words and abbreviations after digits: `3 billion`, `1.2 trillion`, `1.2bn`,
//!   `2.5m`, `750k`, `$5MM`, `25 mln`, `5 crore`, `13 lakh`;
//! * words: `twenty`, `forty-five million`, `one hundred and eighty`, `a hundred`,
//!   `seven and one-half`, `two and a half`, `two and a half million`, `a quarter`,
//!   `three quarters`, `two-thirds`, `half million`, cheque style `Fifty Thousand and
//!   NO/100`, `Seven Hundred Eighty and 87/100`;
//! * the echo idiom `thirty (30)`, `ninety (90)`: words then the same number in
//!   parentheses. When the two disagree (`thirty (60)`) it is not read as one number.
//!
//! Known limits: no negative numbers (a leading `-` is usually a dash in prose), no
//! exponents (`1e10`), no `point` decimals in words (`two point five`), no `dozen`, no
//! space-grouped digits (`1 234 567`) because they collide with adjacent numbers, and a
//! single dot group (`1.250`) is a decimal point, not a European thousands separator.

use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::scan::WordMask;
use crate::model::Span;

// The fragments are built from macros so that `concat!` can assemble them at compile time
// and each piece is written once.

/// Units and teens, longest first (`seventeen` before `seven`).
macro_rules! units_re {
    () => {
        r"(?:zero|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|one|two|three|four|five|six|seven|eight|nine)"
    };
}
macro_rules! ones_re {
    () => {
        r"(?:one|two|three|four|five|six|seven|eight|nine)"
    };
}
macro_rules! tens_re {
    () => {
        r"(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)"
    };
}
/// A word separator inside a number: spaces or a hyphen.
macro_rules! sep_re {
    () => {
        r"(?:\s*-\s*|\s+)"
    };
}
/// 0..99 in words, ending on a word boundary.
macro_rules! under100_re {
    () => {
        concat!(
            r"(?:",
            tens_re!(),
            r"(?:",
            sep_re!(),
            ones_re!(),
            r")?|",
            units_re!(),
            r")(?-u:\b)"
        )
    };
}
/// 0..999 in words (`a hundred`, `one hundred and eighty`).
macro_rules! under1000_re {
    () => {
        concat!(
            r"(?:(?:",
            under100_re!(),
            r"|a)",
            sep_re!(),
            r"hundred(?-u:\b)(?:",
            sep_re!(),
            r"(?:and\s+)?",
            under100_re!(),
            r")?|",
            under100_re!(),
            r")"
        )
    };
}
/// Scale words that may follow digits or words, with or without a space.
macro_rules! scale_word_re {
    () => {
        r"(?:thousands?|millions?|billions?|trillions?|mlns?|mln|mn|bln|bn|tn|trn|crores?|lakhs?|lacs?)"
    };
}
macro_rules! word_scale_re {
    () => {
        r"(?:thousand|million|billion|trillion|crores?|lakhs?|lacs?)(?-u:\b)"
    };
}
/// A fraction in words: `a half`, `one-half`, `three quarters`, `two thirds`.
macro_rules! frac_words_re {
    () => {
        concat!(
            r"(?:a|one|two|three|four|five|six|seven|eight|nine)",
            sep_re!(),
            r"(?:halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|eighths?|tenths?)(?-u:\b)"
        )
    };
}
/// An integer in words: groups with descending scales, then an optional last group.
macro_rules! int_words_re {
    () => {
        concat!(
            r"(?:(?:(?:",
            under1000_re!(),
            r"|a)",
            sep_re!(),
            word_scale_re!(),
            r",?",
            sep_re!(),
            r"(?:and\s+)?)*(?:(?:",
            under1000_re!(),
            r"|a)",
            sep_re!(),
            word_scale_re!(),
            r"|",
            under1000_re!(),
            r"))"
        )
    };
}
macro_rules! words_re {
    () => {
        concat!(
            r"(?:(?-u:\b)(?:",
            int_words_re!(),
            // cheque style cents: `Fifty Thousand and NO/100`, `Seven Hundred and 87/100`
            r"(?:\s+and\s+(?:no|[0-9]{1,2})/100(?-u:\b))?",
            r"(?:",
            sep_re!(),
            r"and",
            sep_re!(),
            frac_words_re!(),
            r"(?:",
            sep_re!(),
            word_scale_re!(),
            r")?)?|",
            frac_words_re!(),
            r"(?:",
            sep_re!(),
            word_scale_re!(),
            // `half million`, `quarter million`: bare only with a scale
            r")?|(?:half|quarter)",
            sep_re!(),
            word_scale_re!(),
            r"))"
        )
    };
}
/// Digits with grouping and decimals, plus fractions; no scale.
macro_rules! digits_re {
    () => {
        concat!(
            r"(?:(?-u:\b)(?:",
            // mixed fraction `6 3/4` / `6-3/4`, then plain fraction `3/4`
            r"[0-9]{1,9}(?:\x20|-\x20?)[0-9]{1,3}/[0-9]{1,3}(?-u:\b)|[0-9]{1,9}/[0-9]{1,3}(?-u:\b)",
            // Indian grouping: 12,34,567.89
            r"|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?:\.[0-9]+)?(?-u:\b)",
            // US grouping: 1,250,000.00
            r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?-u:\b)",
            // European grouping with decimals (1.250.000,00) or 2+ groups (1.250.000)
            r"|[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+(?-u:\b)|[0-9]{1,3}(?:\.[0-9]{3}){2,}(?-u:\b)",
            // plain digits and decimals, optionally a vulgar fraction: 6½
            r"|[0-9]+(?:\.[0-9]+)?(?:[½¼¾⅓⅔⅛⅜⅝⅞]|(?-u:\b))",
            r")|\.[0-9]+(?-u:\b))"
        )
    };
}
/// [`digits_re`] without the outer word boundaries, for `CHF1,000,000` and `115USD`.
macro_rules! digits_loose_re {
    () => {
        concat!(
            r"(?:",
            r"[0-9]{1,9}(?:\x20|-\x20?)[0-9]{1,3}/[0-9]{1,3}(?-u:\b)|[0-9]{1,9}/[0-9]{1,3}(?-u:\b)",
            r"|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?:\.[0-9]+)?(?-u:\b)",
            r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?-u:\b)",
            r"|[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+(?-u:\b)|[0-9]{1,3}(?:\.[0-9]{3}){2,}(?-u:\b)",
            r"|[0-9]+(?:\.[0-9]+)?[½¼¾⅓⅔⅛⅜⅝⅞]?",
            r"|\.[0-9]+)"
        )
    };
}
/// A scale after digits: a word with an optional space (` million`, `bn`, ` mln`).
macro_rules! digit_scale_re {
    () => {
        concat!(r"(?:\s?", scale_word_re!(), r"(?-u:\b))")
    };
}
/// Plain digits with an attached letter scale: `750k`, `2.5m`, `1.2b`, `5MM`.
macro_rules! attached_scale_re {
    () => {
        r"(?:(?-u:\b)[0-9]+(?:\.[0-9]+)?(?:mm|k|m|b)(?-u:\b))"
    };
}

/// Digits: `1,250,000.00`, `1.250.000,00`, `0.8`, `.5`, `3/4`, `6 3/4`, `6½`.
/// No scale suffix (see [`SCALE`]).
pub const NUMBER_DIGITS: &str = concat!("(?i:", digits_re!(), ")");

/// A scale word after digits: ` million`, `bn`, ` mln`, ` crore`. The one-letter
/// abbreviations (`750k`, `2.5m`, `5MM`) are only read attached to digits, inside
/// [`NUMBER`] and [`NUMBER_SCALED`], so `5 m` (metres) is never 5,000,000.
pub const SCALE: &str = concat!("(?i:", digit_scale_re!(), ")");

/// Like [`NUMBER_DIGITS`] but without word boundaries at either end, so it can sit
/// against letters (`CHF1,000,000`, `115USD`). The caller must reject matches glued to
/// other digits or letters (see [`is_glued`]).
pub const NUMBER_DIGITS_LOOSE: &str = concat!("(?i:", digits_loose_re!(), ")");

/// Digits with an optional scale: `1.2bn`, `750k`, `3 billion`, `1,250,000.00`.
pub const NUMBER_SCALED: &str = concat!(
    "(?i:",
    attached_scale_re!(),
    "|(?:",
    digits_re!(),
    digit_scale_re!(),
    "?))"
);

/// A number in words: `forty-five million`, `one hundred and eighty`, `seven and
/// one-half`, `two and a half million`, `a quarter`.
pub const NUMBER_WORDS: &str = concat!("(?i:", words_re!(), ")");

/// Words followed by the same number in digits in parentheses: `thirty (30)`,
/// `ninety (90)`. Use [`parse_number`] on the match: it checks the two agree.
pub const NUMBER_ECHOED: &str = concat!("(?i:", words_re!(), r"\s*\(\s*", digits_re!(), r"\s*\))");

/// Any number: echoed words, digits with an optional scale, or words (in that order, so
/// the longest reading wins).
pub const NUMBER: &str = concat!(
    "(?i:(?:",
    words_re!(),
    r"\s*\(\s*",
    digits_re!(),
    r"\s*\))|",
    attached_scale_re!(),
    "|(?:",
    digits_re!(),
    digit_scale_re!(),
    "?)|",
    words_re!(),
    ")"
);

/// An ordinal: `3rd`, `21st`, `first`, `thirty-first`, `twentieth`.
pub const ORDINAL: &str = concat!(
    r"(?i:(?-u:\b)(?:[0-9]{1,4}(?:st|nd|rd|th)|(?:",
    tens_re!(),
    sep_re!(),
    r")?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)",
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth",
    r"|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth",
    r"|eightieth|ninetieth|hundredth)(?-u:\b))"
);

/// A number found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberMatch {
    /// Byte span of the whole number (for `thirty (30)`, both parts).
    pub span: Span,
    pub value: Decimal,
}

static NUMBER_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(NUMBER).expect("NUMBER fragment compiles"));

/// Every number in `text`, left to right, not overlapping.
///
/// Matches glued to other digits or to slashes (`12/31/2026`, `1.2.3`) are skipped, as are
/// those that cannot be read exactly. Ordinals (`3rd`) are not numbers here.
pub fn find_numbers(text: &str) -> Vec<NumberMatch> {
    let mut out = Vec::new();
    for m in NUMBER_RE.find_iter(text) {
        if is_glued(text, m.start(), m.end()) {
            continue;
        }
        if let Some(value) = parse_number(m.as_str()) {
            out.push(NumberMatch {
                span: Span::new(m.start(), m.end()),
                value,
            });
        }
    }
    out
}

/// Byte ranges of `text` worth running an expensive pattern on, around each match of the
/// cheap `trigger` regex (a `%`, a currency symbol or name); see [`windows_around`].
pub fn trigger_windows(
    text: &str,
    trigger: &Regex,
    before: usize,
    after: usize,
) -> Vec<std::ops::Range<usize>> {
    windows_around(
        text,
        trigger.find_iter(text).map(|m| m.range()),
        before,
        after,
    )
}

/// Byte ranges of `text` worth running an expensive pattern on, around each trigger (a
/// `%`, a currency symbol or name, found by a cheap scanner, in text order): from the
/// start of the run of number words and digits just before the trigger (`Seventy-five
/// Million` before `Dollars`, at most 256 bytes back), minus `before` more bytes (for a
/// prefix such as `US` in `US$`), to `after` bytes past it; overlapping windows are
/// merged. Ends lie on char boundaries. Linear: each byte is looked at a bounded number of
/// times, and every byte is in at most one window.
pub fn windows_around(
    text: &str,
    triggers: impl IntoIterator<Item = std::ops::Range<usize>>,
    before: usize,
    after: usize,
) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for m in triggers {
        let mut start = number_run_start(text, m.start, 256).saturating_sub(before);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (m.end + after).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => out.push(start..end),
        }
    }
    out
}

/// False when no match of [`NUMBER_DIGITS_LOOSE`], [`NUMBER_DIGITS`] or [`NUMBER_WORDS`]
/// can lie inside `s`: it has no ASCII digit and no word that every number in words
/// contains (a unit, a ten, `hundred`, a scale or a fraction word). A superset test:
/// `true` does not promise a number. Words are compared ASCII case-insensitively: the
/// long s `ſ` and the Kelvin sign `K`, which Unicode case folding in the patterns would
/// also take for `s` and `k`, do not make a number word here. Extractors use it to skip trigger windows that
/// cannot hold an amount (`the American market`) before running their full pattern.
pub fn may_hold_number(s: &str) -> bool {
    let b = s.as_bytes();
    if b.iter().any(u8::is_ascii_digit) {
        return true;
    }
    b.split(|c| !c.is_ascii_alphabetic())
        .any(|w| (3..=10).contains(&w.len()) && is_number_word(w))
}

/// Number words by value: units and teens (the index is the value), tens, fraction
/// denominators; with `hundred` and [`SCALE_WORDS`], every word of a number in words.
const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [(&str, u32); 9] = [
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fourty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];
const DENOMINATORS: [(&str, u32); 16] = [
    ("half", 2),
    ("halves", 2),
    ("third", 3),
    ("thirds", 3),
    ("quarter", 4),
    ("quarters", 4),
    ("fourth", 4),
    ("fourths", 4),
    ("fifth", 5),
    ("fifths", 5),
    ("sixth", 6),
    ("sixths", 6),
    ("eighth", 8),
    ("eighths", 8),
    ("tenth", 10),
    ("tenths", 10),
];

/// Scale words written out (abbreviations such as `mln` are not words of a number in
/// words).
const SCALE_WORDS: [&str; 14] = [
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "trillions",
    "crore",
    "crores",
    "lakh",
    "lakhs",
    "lac",
    "lacs",
];

/// The words without which no number in words can be written (see [`may_hold_number`]).
fn number_words() -> impl Iterator<Item = &'static str> {
    UNITS
        .into_iter()
        .chain(TENS.map(|(w, _)| w))
        .chain(DENOMINATORS.map(|(w, _)| w))
        .chain(["hundred"])
        .chain(SCALE_WORDS)
}

/// [`number_words`] as a one-lookup reject for most other words.
static NUMBER_WORD_MASK: LazyLock<WordMask> = LazyLock::new(|| WordMask::new(number_words()));

/// One of [`number_words`], ASCII case-insensitive (`w`: ASCII letters).
fn is_number_word(w: &[u8]) -> bool {
    NUMBER_WORD_MASK.may_contain(w) && number_words().any(|n| n.as_bytes().eq_ignore_ascii_case(w))
}

/// Start of the run of number-like words (digits, number words, scales, `and`, `a`,
/// `minus`, `NO/100`) ending just before `at`, looking back at most `limit` bytes.
fn number_run_start(text: &str, at: usize, limit: usize) -> usize {
    let b = text.as_bytes();
    let floor = at.saturating_sub(limit);
    let mut start = at;
    loop {
        let mut j = start;
        while j > floor
            && matches!(
                b[j - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'-' | b',' | b'(' | b')'
            )
        {
            j -= 1;
        }
        let mut k = j;
        while k > floor
            && (b[k - 1].is_ascii_alphanumeric()
                || b[k - 1] >= 0x80
                || matches!(b[k - 1], b'.' | b'/'))
        {
            k -= 1;
        }
        if k == j
            || (k == floor && floor > 0)
            || !text.is_char_boundary(k)
            || !text.is_char_boundary(j)
        {
            return start;
        }
        let w = &text[k..j];
        let number_like = w.as_bytes()[0].is_ascii_digit()
            || (w.len() > 1 && w.as_bytes()[0] == b'.' && w.as_bytes()[1].is_ascii_digit())
            || w.contains("/100")
            || w.eq_ignore_ascii_case("minus")
            || w.eq_ignore_ascii_case("negative")
            || classify(w).is_some();
        if !number_like {
            return start;
        }
        start = k;
    }
}

/// The longest prefix of `s` of at most `n` bytes that ends on a char boundary.
pub fn head(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// True when a number match at `start..end` of `text` is part of a longer token: digits,
/// letters, a slash or a decimal point glued to either end (`X100`, `5.4.3`, `12/31/2026`).
/// Commas are list separators (`22,24,26`), not glue.
/// Ends that are not word characters themselves (`$5`, `5%`) are never glued.
pub fn is_glued(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let before = start.checked_sub(1).and_then(|i| b.get(i)).copied();
    let before2 = start.checked_sub(2).and_then(|i| b.get(i)).copied();
    let after = b.get(end).copied();
    let after2 = b.get(end + 1).copied();
    let first = b.get(start).copied();
    let last = end.checked_sub(1).and_then(|i| b.get(i)).copied();
    let left = match before {
        Some(c) if first.is_some_and(word) && word(c) => true,
        Some(b'/') => true,
        Some(b'.') => before2.is_some_and(|c| c.is_ascii_digit()),
        // `.5` right after a word: `v1.2.3` must not yield `.3`.
        Some(c) if first == Some(b'.') && word(c) => true,
        _ => false,
    };
    let right = match after {
        Some(c) if last.is_some_and(word) && word(c) => true,
        Some(b'/') => last.is_some_and(|c| c.is_ascii_digit()),
        Some(b'.') => {
            last.is_some_and(|c| c.is_ascii_digit()) && after2.is_some_and(|c| c.is_ascii_digit())
        }
        _ => false,
    };
    left || right
}

/// If `text[end..]` starts with (optional spaces and) a parenthesised number equal to
/// `value` (`(30)`, `( 30 )`), return the byte offset just after the `)`.
///
/// `inner` strips what may surround the digits inside the parentheses (`%`, `$`); pass
/// `|s| s` for bare digits. This is the contract idiom `thirty (30) days`,
/// `fifteen percent (15%)`, `Twenty Million Dollars ($20,000,000)`.
pub fn paren_echo(
    text: &str,
    end: usize,
    value: Decimal,
    inner: impl Fn(&str) -> &str,
) -> Option<usize> {
    let rest = text.get(end..)?;
    let trimmed = rest.trim_start();
    let open = rest.len() - trimmed.len();
    // The echo sits right after the number: at most a couple of spaces.
    if open > 3 || !trimmed.starts_with('(') {
        return None;
    }
    let close = head(trimmed, 64).find(')')?;
    let got = parse_number(inner(trimmed[1..close].trim()))?;
    (got == value).then_some(end + open + close + 1)
}

/// Parse a whole string as one number (surrounding whitespace ignored).
///
/// Accepts what [`NUMBER`] matches: digits with US or European grouping, decimals,
/// fractions, a scale word or abbreviation, numbers in words, and `words (digits)` when
/// both agree. Returns the value normalized (`1250000.00` -> `1250000`), or `None` if the
/// text is not exactly one number or does not fit a [`Decimal`] exactly.
pub fn parse_number(s: &str) -> Option<Decimal> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(v) = parse_echoed(s) {
        return Some(v);
    }
    let first = s.as_bytes()[0];
    let v = if first.is_ascii_digit() || first == b'.' {
        parse_digits_scaled(s)?
    } else {
        parse_words(s)?
    };
    Some(v.normalize())
}

/// `thirty (30)`: both sides must agree.
fn parse_echoed(s: &str) -> Option<Decimal> {
    let body = s.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let words = body[..open].trim();
    let digits = body[open + 1..].trim();
    if words.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let a = parse_words(words)?;
    let b = parse_digits_scaled(digits)?;
    (a == b).then(|| a.normalize())
}

/// Digits, an optional fraction, an optional scale: `1.2bn`, `6 3/4`, `25 mln`.
fn parse_digits_scaled(s: &str) -> Option<Decimal> {
    // Split off the scale: the longest tail of letters (after optional whitespace).
    let numeric_end = s
        .char_indices()
        .find(|&(_, c)| c.is_alphabetic() && !is_vulgar_fraction(c))
        .map_or(s.len(), |(i, _)| i);
    let (num, scale) = s.split_at(numeric_end);
    let num = num.trim_end();
    let mut value = parse_digits(num)?;
    if !scale.is_empty() {
        value = value.checked_mul(scale_value(scale, true)?)?;
    }
    Some(value)
}

fn is_vulgar_fraction(c: char) -> bool {
    vulgar_fraction(c).is_some()
}

fn vulgar_fraction(c: char) -> Option<(u32, u32)> {
    Some(match c {
        '½' => (1, 2),
        '¼' => (1, 4),
        '¾' => (3, 4),
        '⅓' => (1, 3),
        '⅔' => (2, 3),
        '⅛' => (1, 8),
        '⅜' => (3, 8),
        '⅝' => (5, 8),
        '⅞' => (7, 8),
        _ => return None,
    })
}

/// Digits only (no scale): grouping, decimals, fractions.
fn parse_digits(s: &str) -> Option<Decimal> {
    // `6½`
    if let Some(c) = s.chars().last() {
        if let Some((n, d)) = vulgar_fraction(c) {
            let whole = &s[..s.len() - c.len_utf8()];
            let whole = if whole.is_empty() {
                Decimal::ZERO
            } else {
                parse_plain(whole)?
            };
            return whole.checked_add(Decimal::from(n).checked_div(Decimal::from(d))?);
        }
    }
    if let Some(slash) = s.find('/') {
        let (left, den) = (&s[..slash], &s[slash + 1..]);
        let den = parse_int_digits(den)?;
        // `6 3/4` or `6-3/4`
        let (whole, num) = match left.rfind([' ', '-']) {
            // `6 3/4`, `6-3/4`, `1- 1/2`
            Some(i) => (
                parse_int_digits(left[..i].trim().trim_end_matches('-').trim_end())?,
                &left[i + 1..],
            ),
            None => (Decimal::ZERO, left),
        };
        let num = parse_int_digits(num)?;
        if den.is_zero() {
            return None;
        }
        return whole.checked_add(num.checked_div(den)?);
    }
    parse_plain(s)
}

fn parse_int_digits(s: &str) -> Option<Decimal> {
    if s.is_empty() || s.len() > 18 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u64>().ok().map(Decimal::from)
}

/// `1,250,000.00`, `1.250.000,00`, `1.250.000`, `0.8`, `.5`, `12,34,567.89`.
fn parse_plain(s: &str) -> Option<Decimal> {
    let b = s.as_bytes();
    if b.is_empty()
        || !b
            .iter()
            .all(|&c| c.is_ascii_digit() || c == b'.' || c == b',')
    {
        return None;
    }
    let last_dot = s.rfind('.');
    let last_comma = s.rfind(',');
    let dots = b.iter().filter(|&&c| c == b'.').count();
    let commas = b.iter().filter(|&&c| c == b',').count();
    // Decide which byte is the decimal separator.
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c { b'.' } else { b',' }),
        (Some(_), None) => (dots == 1).then_some(b'.'),
        // A lone comma followed by other than three digits is a decimal comma (`5,00`).
        (None, Some(c)) => (commas == 1 && s.len() - c - 1 != 3).then_some(b','),
        (None, None) => None,
    };
    let group = match decimal {
        Some(b'.') => b',',
        Some(_) => b'.',
        None if dots > 0 => b'.',
        None => b',',
    };
    let mut digits = String::with_capacity(s.len());
    let mut seen_decimal = false;
    for &c in b {
        if c.is_ascii_digit() {
            digits.push(c as char);
        } else if Some(c) == decimal {
            if seen_decimal {
                return None;
            }
            seen_decimal = true;
            digits.push('.');
        } else if c != group {
            return None;
        }
    }
    let int_part = digits.split('.').next().unwrap_or("");
    let significant = int_part.trim_start_matches('0').len();
    if significant > 28 || digits == "." {
        return None;
    }
    // Too many fraction digits would be rounded silently: refuse instead.
    if digits.len() > 40 {
        return None;
    }
    let d = if digits.starts_with('.') {
        Decimal::from_str(&format!("0{digits}")).ok()?
    } else {
        Decimal::from_str(&digits).ok()?
    };
    Some(d)
}

/// The multiplier of a scale word or abbreviation. `attached_letters` allows `k`, `m`,
/// `b`, `MM` (only meaningful right after digits).
fn scale_value(s: &str, attached_letters: bool) -> Option<Decimal> {
    let s = s.trim();
    let lower = |w: &str| s.eq_ignore_ascii_case(w);
    let pow = if ["thousand", "thousands"].iter().any(|w| lower(w)) {
        3
    } else if ["million", "millions", "mln", "mlns", "mn"]
        .iter()
        .any(|w| lower(w))
    {
        6
    } else if ["billion", "billions", "bln", "bn"]
        .iter()
        .any(|w| lower(w))
    {
        9
    } else if ["trillion", "trillions", "tn", "trn"]
        .iter()
        .any(|w| lower(w))
    {
        12
    } else if ["lakh", "lakhs", "lac", "lacs"].iter().any(|w| lower(w)) {
        5
    } else if ["crore", "crores"].iter().any(|w| lower(w)) {
        7
    } else if attached_letters && lower("k") {
        3
    } else if attached_letters && (lower("m") || lower("mm")) {
        6
    } else if attached_letters && lower("b") {
        9
    } else {
        return None;
    };
    Some(Decimal::from(10u64.pow(pow)))
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    Unit(u32),
    Ten(u32),
    Hundred,
    Scale(Decimal),
    And,
    A,
    /// A fraction denominator (`half` 2, `quarters` 4).
    Denominator(u32),
}

/// True for the cardinal words `zero` ... `nineteen` and the tens `twenty` ... `ninety`
/// (the words other extractors use to decide whether an amount in words may end here).
pub fn is_cardinal_word(w: &str) -> bool {
    matches!(classify(w), Some(Word::Unit(_) | Word::Ten(_)))
}

fn classify(w: &str) -> Option<Word> {
    let is = |x: &str| w.eq_ignore_ascii_case(x);
    if let Some(i) = UNITS.iter().position(|u| is(u)) {
        return Some(Word::Unit(i as u32));
    }
    if let Some(&(_, v)) = TENS.iter().find(|(t, _)| is(t)) {
        return Some(Word::Ten(v));
    }
    if let Some(&(_, v)) = DENOMINATORS.iter().find(|(t, _)| is(t)) {
        return Some(Word::Denominator(v));
    }
    if is("hundred") {
        return Some(Word::Hundred);
    }
    if is("and") {
        return Some(Word::And);
    }
    if is("a") || is("an") {
        return Some(Word::A);
    }
    scale_value(w, false).map(Word::Scale)
}

/// Numbers in words: `forty-five million`, `seven and one-half`, `a quarter`,
/// `Fifty Thousand and NO/100`.
fn parse_words(s: &str) -> Option<Decimal> {
    // Cheque style: `<words> and NO/100` or `<words> and 87/100`.
    if let Some(rest) = s.strip_suffix("/100") {
        let (head, cents) = rest.rsplit_once(char::is_whitespace)?;
        let head = head.trim_end();
        let head = head
            .strip_suffix("and")
            .or_else(|| head.strip_suffix("AND"))
            .or_else(|| head.strip_suffix("And"))?;
        let cents = if cents.eq_ignore_ascii_case("no") {
            Decimal::ZERO
        } else {
            parse_int_digits(cents)?
        };
        if cents >= Decimal::ONE_HUNDRED {
            return None;
        }
        return parse_words(head)?.checked_add(cents / Decimal::ONE_HUNDRED);
    }
    let mut words = Vec::with_capacity(8);
    for w in s.split(|c: char| c.is_whitespace() || c == '-' || c == ',') {
        if !w.is_empty() {
            words.push(classify(w)?);
        }
    }
    // A fraction: `[whole and] numerator denominator [scale]`.
    if let Some(d) = words.iter().position(|w| matches!(w, Word::Denominator(_))) {
        let Word::Denominator(den) = words[d] else {
            return None;
        };
        let tail = &words[d + 1..];
        if !tail.iter().all(|w| matches!(w, Word::Scale(_))) || tail.len() > 1 {
            return None;
        }
        let head = &words[..d];
        let and = head.iter().rposition(|w| *w == Word::And);
        let (whole, num) = match and {
            Some(i) => (parse_int(&head[..i])?, &head[i + 1..]),
            None => (Decimal::ZERO, head),
        };
        let num = match num {
            // bare `half` / `quarter` only before a scale: `half million`
            [] if tail.is_empty() => return None,
            [] | [Word::A] => Decimal::ONE,
            _ => parse_int(num)?,
        };
        let mut v = whole.checked_add(num.checked_div(Decimal::from(den))?)?;
        if let Some(Word::Scale(m)) = tail.first() {
            v = v.checked_mul(*m)?;
        }
        return Some(v);
    }
    parse_int(&words)
}

/// An integer from classified words. Rejects sequences that are not one number
/// (`one two`, `twenty thirty`, a bare `and`).
fn parse_int(words: &[Word]) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    let mut current: u64 = 0;
    let mut prev: Option<Word> = None;
    let mut any = false;
    let mut last_scale: Option<Decimal> = None;
    for (i, &w) in words.iter().enumerate() {
        match w {
            Word::Unit(u) => {
                match prev {
                    Some(Word::Unit(_)) => return None,
                    Some(Word::Ten(_)) if u == 0 || u >= 10 => return None,
                    _ => {}
                }
                current += u64::from(u);
                any = true;
            }
            Word::Ten(t) => {
                if matches!(prev, Some(Word::Unit(_) | Word::Ten(_))) {
                    return None;
                }
                current += u64::from(t);
                any = true;
            }
            Word::A => {
                // Only as `a hundred`, `a million`.
                if !matches!(words.get(i + 1), Some(Word::Hundred | Word::Scale(_))) {
                    return None;
                }
                current = 1;
            }
            Word::Hundred => {
                if current == 0 || current >= 100 {
                    return None;
                }
                current *= 100;
                any = true;
            }
            Word::Scale(m) => {
                if current == 0 || last_scale.is_some_and(|l| l <= m) {
                    return None;
                }
                total = total.checked_add(Decimal::from(current).checked_mul(m)?)?;
                current = 0;
                last_scale = Some(m);
                any = true;
            }
            Word::And => {
                if !matches!(prev, Some(Word::Hundred | Word::Scale(_))) {
                    return None;
                }
            }
            Word::Denominator(_) => return None,
        }
        prev = Some(w);
    }
    if !any || matches!(prev, Some(Word::And | Word::A)) {
        return None;
    }
    total.checked_add(Decimal::from(current))
}

/// Parse an ordinal: `3rd`, `21st`, `first`, `thirty-first`, `twentieth`.
pub fn parse_ordinal(s: &str) -> Option<u32> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.first().is_some_and(|c| c.is_ascii_digit()) {
        let split = b.iter().position(|c| !c.is_ascii_digit())?;
        let (n, suffix) = s.split_at(split);
        if !["st", "nd", "rd", "th"]
            .iter()
            .any(|x| suffix.eq_ignore_ascii_case(x))
        {
            return None;
        }
        return n.parse().ok();
    }
    const ORD: [&str; 20] = [
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENTHS: [(&str, u32); 8] = [
        ("twentieth", 20),
        ("thirtieth", 30),
        ("fortieth", 40),
        ("fiftieth", 50),
        ("sixtieth", 60),
        ("seventieth", 70),
        ("eightieth", 80),
        ("ninetieth", 90),
    ];
    let mut parts = s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty());
    let first = parts.next()?;
    let second = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let ord = |w: &str| {
        ORD.iter()
            .position(|o| w.eq_ignore_ascii_case(o))
            .map(|i| i as u32)
    };
    match second {
        None => ord(first)
            .or_else(|| {
                TENTHS
                    .iter()
                    .find(|(t, _)| first.eq_ignore_ascii_case(t))
                    .map(|&(_, v)| v)
            })
            .or_else(|| first.eq_ignore_ascii_case("hundredth").then_some(100)),
        Some(unit) => {
            let Some(Word::Ten(t)) = classify(first) else {
                return None;
            };
            let u = ord(unit).filter(|&u| (1..10).contains(&u))?;
            Some(t + u)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `may_hold_number` is a superset test: every number in words it is given passes,
    /// in any case, alone or among other words; words that are no numbers do not.
    #[test]
    fn may_hold_number_passes_every_number_in_words() {
        let words = Regex::new(NUMBER_WORDS).expect("number words");
        let pieces = [
            "one",
            "Twenty",
            "-",
            " ",
            "five",
            "hundred",
            "and",
            "a",
            "half",
            "THOUSAND",
            "million",
            "thirds",
            "quarter",
            "three",
            "ninety-nine",
            "lakhs",
            "crore",
            "zero",
            "x",
            "none",
            "often",
            "tenant",
            ",",
            "seventy",
            "eleven",
            "fourths",
        ];
        let mut seen = 0;
        for t in (1..=6).flat_map(|n| crate::testing::random_mixes(&pieces, 6_000, n)) {
            for m in words.find_iter(&t) {
                assert!(may_hold_number(m.as_str()), "{:?} in {t:?}", m.as_str());
                seen += 1;
            }
        }
        assert!(seen > 5_000, "{seen} numbers in words");
        for w in number_words() {
            for v in [w.to_string(), w.to_uppercase(), format!("x {w}, y")] {
                assert!(may_hold_number(&v), "{v}");
            }
        }
        for s in ["none", "often", "tenant", "the American market", "oneness"] {
            assert!(!may_hold_number(s), "{s}");
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_numbers() {
        let cases = [
            ("20", "20"),
            ("0.8", "0.8"),
            (".5", "0.5"),
            ("1,250,000.00", "1250000"),
            ("1.250.000,00", "1250000"),
            ("1.250.000", "1250000"),
            ("1.250", "1.25"),
            ("12,34,567.89", "1234567.89"),
            ("1,00,000", "100000"),
            ("5,00", "5"),
            ("3/4", "0.75"),
            ("1/2", "0.5"),
            ("6 3/4", "6.75"),
            ("6-3/4", "6.75"),
            ("1- 1/2", "1.5"),
            ("6½", "6.5"),
            ("1.2bn", "1200000000"),
            ("2.5m", "2500000"),
            ("750k", "750000"),
            ("750K", "750000"),
            ("5MM", "5000000"),
            ("3 billion", "3000000000"),
            ("1.2 trillion", "1200000000000"),
            ("25 mln", "25000000"),
            ("5 crore", "50000000"),
            ("13 lakh", "1300000"),
            ("1,674.5 million", "1674500000"),
            ("twenty", "20"),
            ("Twenty", "20"),
            ("forty-five million", "45000000"),
            ("one hundred eighty", "180"),
            ("one hundred and eighty", "180"),
            ("a hundred", "100"),
            ("a million", "1000000"),
            ("seven and one-half", "7.5"),
            ("two and a half", "2.5"),
            ("two and a half million", "2500000"),
            ("a quarter", "0.25"),
            ("a half", "0.5"),
            ("half million", "500000"),
            ("a quarter million", "250000"),
            ("three quarters billion", "750000000"),
            ("three quarters", "0.75"),
            ("two-thirds", "0.6666666666666666666666666667"),
            ("fifty - two", "52"),
            ("twenty-one trillion three hundred", "21000000000300"),
            ("twenty-one trillion and three hundred", "21000000000300"),
            ("two hundred and two thousand", "202000"),
            ("one million, two hundred thousand", "1200000"),
            ("thirty (30)", "30"),
            ("ninety ( 90 )", "90"),
            ("Twenty Million (20,000,000)", "20000000"),
            ("Fifty Thousand and NO/100", "50000"),
            ("Seven Hundred Eighty and 87/100", "780.87"),
            (
                "THIRTY-SIX THOUSAND TWO-HUNDRED SIXTY-SIX AND 2/100",
                "36266.02",
            ),
            ("zero", "0"),
        ];
        for (input, want) in cases {
            assert_eq!(parse_number(input), Some(d(want)), "{input}");
        }
    }

    #[test]
    fn rejects_non_numbers() {
        let cases = [
            "",
            "  ",
            "one two",
            "twenty thirty",
            "and",
            "a",
            "thirty (60)",
            "1/0",
            "1.2.3,4,5",
            "5 metres",
            "hundred and",
            "million million",
            "123456789012345678901234567890",
            "tenant",
            "a few",
            "3rd",
            "quarter",
        ];
        for input in cases {
            assert_eq!(parse_number(input), None, "{input}");
        }
    }

    #[test]
    fn parses_ordinals() {
        let cases = [
            ("3rd", Some(3)),
            ("21st", Some(21)),
            ("1ST", Some(1)),
            ("first", Some(1)),
            ("thirty-first", Some(31)),
            ("Thirty First", Some(31)),
            ("twentieth", Some(20)),
            ("twelfth", Some(12)),
            ("3x", None),
            ("thirty", None),
            ("twenty-twelfth", None),
            ("first second", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_ordinal(input), want, "{input}");
        }
    }

    fn found(text: &str) -> Vec<(&str, String)> {
        find_numbers(text)
            .into_iter()
            .map(|m| (m.span.slice(text), m.value.to_string()))
            .collect()
    }

    #[test]
    fn finds_numbers_in_text() {
        assert_eq!(
            found("pay thirty (30) days after 1,250,000.00 and $2.5m, or 6 3/4 of it"),
            vec![
                ("thirty (30)", "30".into()),
                ("1,250,000.00", "1250000".into()),
                ("2.5m", "2500000".into()),
                ("6 3/4", "6.75".into()),
            ]
        );
        assert_eq!(
            found("forty-five million euros and two and a half billion"),
            vec![
                ("forty-five million", "45000000".into()),
                ("two and a half billion", "2500000000".into()),
            ]
        );
        // Not numbers: dates with slashes, words inside words, version strings, ordinals.
        assert!(found("on 12/31/2026 the tenant's someone").is_empty());
        assert!(found("the 3rd party").is_empty());
        assert_eq!(found("v1.2.3"), vec![]);
    }

    #[test]
    fn windows_cover_the_number_before_the_trigger() {
        let trigger = Regex::new("(?i)dollars").unwrap();
        let text = "The sum of Seventy-five Million Dollars is due.";
        let w = trigger_windows(text, &trigger, 0, 4);
        assert_eq!(w, vec![11..43]);
        // The run stops at ordinary words, so windows stay small.
        let w = trigger_windows("pay the dollars", &trigger, 2, 0);
        assert_eq!(w, vec![6..15]);
    }

    /// Random mixes of tricky tokens (multi-byte chars, separators, units): no panic,
    /// every span on char boundaries and readable again.
    #[test]
    fn torture_mixes_never_panic() {
        const TOKENS: [&str; 32] = [
            "1", "12", ",", ".", "/", "-", " ", "\u{a0}", "\n", "€", "$", "%", "£", "½", "®", "(",
            ")", "thirty", "and", "a", "half", "million", "percent", "dollars", "USD", "k", "m",
            "no/100", "ß", "→", "per cent", "bn",
        ];
        for t in crate::testing::random_mixes(&TOKENS, 3000, 12) {
            for m in find_numbers(&t) {
                assert!(t.get(m.span.range()).is_some(), "{t:?}");
            }
            for (span, _) in crate::extract::percent::find_percents(&t) {
                assert!(t.get(span.range()).is_some(), "{t:?}");
            }
            for (span, _, _) in crate::extract::money::find_money(&t) {
                assert!(t.get(span.range()).is_some(), "{t:?}");
            }
            let _ = parse_number(&t);
            let _ = parse_ordinal(&t);
        }
    }

    #[test]
    fn head_respects_char_boundaries() {
        assert_eq!(head("a€b", 2), "a");
        assert_eq!(head("a€b", 4), "a€");
        assert_eq!(head("ab", 10), "ab");
        // An echo window ending inside a multi-byte char must not panic.
        let t = format!("thirty ({}", "€".repeat(30));
        assert_eq!(paren_echo(&t, 6, Decimal::from(30), |s| s), None);
    }

    #[test]
    fn echo_helper() {
        let t = "fifteen percent (15%) of";
        let end = "fifteen percent".len();
        let got = paren_echo(t, end, d("15"), |s| s.trim_end_matches('%'));
        assert_eq!(got, Some("fifteen percent (15%)".len()));
        assert_eq!(
            paren_echo(t, end, d("16"), |s| s.trim_end_matches('%')),
            None
        );
        assert_eq!(paren_echo("thirty days (30)", 6, d("30"), |s| s), None);
    }

    #[test]
    fn fragments_compile_standalone_and_embedded() {
        for f in [
            NUMBER,
            NUMBER_SCALED,
            NUMBER_DIGITS,
            NUMBER_WORDS,
            NUMBER_ECHOED,
            SCALE,
            ORDINAL,
        ] {
            Regex::new(f).unwrap();
            Regex::new(&format!(r"(?x) ^ {f} \s+ days $")).unwrap();
        }
        let ord = Regex::new(&format!("^{ORDINAL}$")).unwrap();
        for s in ["3rd", "thirty-first", "twentieth", "First"] {
            assert!(ord.is_match(s), "{s}");
            assert!(parse_ordinal(s).is_some(), "{s}");
        }
        let words = Regex::new(&format!("^{NUMBER_WORDS}$")).unwrap();
        for s in [
            "forty-five million",
            "seven and one-half",
            "a quarter",
            "one hundred and eighty",
        ] {
            assert!(words.is_match(s), "{s}");
        }
        assert!(!words.is_match("someone"));
    }

    #[test]
    fn pathological_inputs_stay_correct() {
        // A 10 MB line of digits is one (unreadable) number: nothing is reported.
        let digits = "7".repeat(10_000_000);
        assert!(find_numbers(&digits).is_empty());
        // `1,1,1,...`: every 1 is its own number.
        let ones = "1,".repeat(100_000);
        assert_eq!(find_numbers(&ones).len(), 100_000);
        // A million words that are all number words but not one number.
        let words = "one ".repeat(1_000_000);
        assert_eq!(find_numbers(&words).len(), 1_000_000);
    }
}
