//! Duration facts (kind `duration`).
//!
//! # What it matches
//! An amount and a time unit: `two years`, `three (3) years`, `90-day`, `one-year`
//! (`one-year term`), `eighteen months`, `thirty (30) business days`, `six weeks`,
//! `1.5 years`, `3.5years`, `3h`, `45 minutes`, `two and a half hours`,
//! `an hour and a half`, `half a year`, `a dozen days`, `two decades`, `a fortnight`,
//! `another week`, `two (2) quarters`, and `a year` / `an hour` after a word that
//! introduces a period (`for a year`, `within a month`, `in a week`).
//!
//! Units: seconds, minutes, hours, days, weeks, months, quarters, years (decades are
//! ten years, a fortnight two weeks). Qualifiers kept as written, lower-cased:
//! `business`, `calendar`, `working`, `banking`, `trading`, `consecutive`
//! (`full`/`actual`/`complete` are read but not kept).
//!
//! # How it normalizes
//! `{"iso": "P2Y", "amount": "2", "unit": "year"}` with an exact decimal amount. ISO 8601
//! designators: `P2Y`, `P18M`, `P6W`, `P90D`, `P1.5Y`, `PT3H`, `PT45M`, `PT3.5S`.
//! Months are never turned into days; a quarter is written as three months in `iso`
//! (`P6M` for two quarters) but keeps `unit: quarter` and `amount: 2`.
//!
//! # What it leaves out, on purpose
//! - Rates: `$50,000 a year`, `twice a month`, `24 hours a day`, `per annum` (an `a`/`an`
//!   amount right after a number, money, `once`/`twice`/`times`/`per` or another unit).
//! - Ages: `45 years old`, `18-year-old`, `21 years of age`, `aged 60 years`. An age is
//!   a property of a person, not a period the text sets; reporting it would pollute
//!   searches for terms and notice periods.
//! - Vague amounts: `several days`, `a few weeks`, `all day`, `full-year` (no amount).
//! - `a second`, `a quarter` (an ordinal and a fraction far more often than a duration).
//! - Compound durations (`1 year 1 month 21 days`) come out as one fact per part.
//! - Durations inside a relative date (`two months ago`) lose to the longer date when
//!   the pipeline settles overlaps.
//!
//! # How it stays fast
//! A cheap regex finds the unit words (a literal alternation the regex engine
//! prefilters); the amount is then matched backwards, anchored at the unit, inside a
//! window of at most [`WINDOW`] bytes before it. Work is linear in the text length.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::extract::groups::GroupMemo;
use crate::extract::number::{self, parse_number, NUMBER_DIGITS};
use crate::extract::scan::{self, Token, WordMask};
use crate::extract::{Context, Extractor};
use crate::ingest::floor_char_boundary;
use crate::model::{DurationUnit, Fact, FactKind, Span, Value};

/// How far before a unit word its amount may start.
const WINDOW: usize = 64;

/// Unit words, singular. A unit is a whole run of ASCII letters (so `3day` and
/// `3.5years` count, `today` and `Monday` do not) not followed by a digit or `_`,
/// written in lower case, Title case or UPPER case, with an optional `s`/`S`; and a
/// lower-case `h` alone right after digits (`3h`, `3 h`).
const UNIT_WORDS: &[&str] = &[
    "year",
    "yr",
    "month",
    "mo",
    "week",
    "wk",
    "day",
    "hour",
    "hr",
    "minute",
    "min",
    "second",
    "sec",
    "quarter",
    "decade",
    "fortnight",
];

/// [`UNIT_WORDS`] and their plurals, for the shared scan's cheap reject
/// ([`scan::DURATION`]).
pub(crate) fn unit_mask() -> WordMask {
    let plurals: Vec<String> = UNIT_WORDS.iter().map(|w| format!("{w}s")).collect();
    WordMask::new(
        UNIT_WORDS
            .iter()
            .copied()
            .chain(plurals.iter().map(String::as_str)),
    )
}

/// Whether the letters `w` are a unit word as [`UNIT_WORDS`] says.
fn is_unit_word(w: &[u8]) -> bool {
    let stem = match w {
        [rest @ .., b's' | b'S'] => rest,
        _ => w,
    };
    let cased = match stem {
        [] => false,
        [first, rest @ ..] => {
            let lower = |c: &u8| c.is_ascii_lowercase();
            let upper = |c: &u8| c.is_ascii_uppercase();
            rest.iter().all(lower) && (lower(first) || upper(first)) || stem.iter().all(upper)
        }
    };
    cased
        && UNIT_WORDS
            .iter()
            .any(|u| u.as_bytes().eq_ignore_ascii_case(stem))
}

/// Spans of the unit words of `text`, in order, from its [`scan::tokens`].
fn unit_words(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    tokens
        .iter()
        .filter(|t| t.classes & (scan::DURATION | scan::LONE_H) != 0)
        .map(|t| (t.start, t.end))
        .filter(|&(s, e)| {
            let next_digit = || b.get(e).is_some_and(u8::is_ascii_digit);
            if &b[s..e] == b"h" {
                let digit_before = s > 0 && b[s - 1].is_ascii_digit()
                    || s > 1 && b[s - 1] == b' ' && b[s - 2].is_ascii_digit();
                return digit_before && !next_digit();
            }
            !(next_digit() || b.get(e) == Some(&b'_')) && is_unit_word(&b[s..e])
        })
        .collect()
}

/// Words that can end an amount (`thirty`, `a`, `half`, `dozen`) or sit between it and
/// the unit (`business`): a unit word after anything else has no amount, and the amount
/// pattern is not even tried.
fn can_precede_unit(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "a",
        "an",
        "another",
        "all",
        "full",
        "half",
        "dozen",
        "hundred",
        "thousand",
        "million",
        "halves",
        "quarter",
        "quarters",
        "third",
        "thirds",
        "business",
        "calendar",
        "working",
        "banking",
        "trading",
        "consecutive",
        "actual",
        "complete",
    ];
    number::is_cardinal_word(w) || WORDS.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// The token right before `i` (skipping spaces and one hyphen): digits and `)` pass,
/// words pass if [`can_precede_unit`].
fn amount_may_precede(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    let mut j = i;
    while j > 0 && b[j - 1] == b' ' {
        j -= 1;
    }
    if j > 0 && b[j - 1] == b'-' {
        j -= 1;
        while j > 0 && b[j - 1] == b' ' {
            j -= 1;
        }
    }
    if j == 0 {
        return false;
    }
    let last = b[j - 1];
    if last.is_ascii_digit() || last == b')' {
        return true;
    }
    // Let other whitespace (a line break, many spaces) through to the full pattern.
    if last.is_ascii_whitespace() {
        return true;
    }
    let mut k = j;
    while k > 0 && b[k - 1].is_ascii_alphabetic() && j - k < 16 {
        k -= 1;
    }
    k < j && can_precede_unit(&text[k..j])
}

/// Amounts in words, up to the hundreds (`ninety`, `thirty-six`, `one hundred and
/// twenty`, `two and a half`): durations need no more, and a small pattern keeps the
/// backwards match cheap. [`parse_number`] reads the match.
const WORDS: &str = r"(?xi:
    (?-u:\b)
    (?:
        (?: a | one | two | three | four | five | six | seven | eight | nine ) \s+ hundred
        (?: \s+ (?: and \s+ )? (?: (?: twenty | thirty | forty | fourty | fifty | sixty | seventy | eighty | ninety ) (?: (?: \s*-\s* | \s+ ) (?: one | two | three | four | five | six | seven | eight | nine ) )? | (?: eleven | twelve | thirteen | fourteen | fifteen | sixteen | seventeen | eighteen | nineteen | ten ) | (?: one | two | three | four | five | six | seven | eight | nine ) ) )?
      | (?: twenty | thirty | forty | fourty | fifty | sixty | seventy | eighty | ninety ) (?: (?: \s*-\s* | \s+ ) (?: one | two | three | four | five | six | seven | eight | nine ) )?
      | (?: eleven | twelve | thirteen | fourteen | fifteen | sixteen | seventeen | eighteen | nineteen | ten )
      | (?: one | two | three | four | five | six | seven | eight | nine )
    )
    (?: \s+ and \s+ (?: a | one ) [\s-]+ half )?
    (?-u:\b)
)";

/// The amount (and qualifier) right before a unit word: the window ends at the unit.
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)
        (?:
            (?P<echo> {WORDS} \s* \( \s* [0-9]{{1,4}} (?:\.[0-9]+)? \s* \) )
          | (?P<digits> {NUMBER_DIGITS} )
          | \( \s* (?P<paren> [0-9]{{1,4}} ) \s* \)                 # `(30) days`
          | (?P<dozen> (?: a | one | two | three | half \s+ a ) \s+ dozen )
          | (?P<halfa> half \s+ an? | a \s+ half )                  # `half a year`, `a half hour`
          | (?P<half> half )
          | (?P<art> an? | another )
          | (?P<all> all | full )                                   # `all day`, `full-year`
          | (?P<words> {WORDS} )
        )
        (?P<sep> \s* - \s* | \s* )
        (?: (?P<qual> business | calendar | working | banking | trading | consecutive | full | actual | complete ) [\s-]+ )?
        $
        "
    ))
    .expect("static duration regex")
});

group_indexes! {
    /// Groups of [`AMOUNT`].
    static AG: AmountGroups for AMOUNT => {
        art, echo, digits, paren, dozen, halfa, half, all, words
    }
}

/// [`AMOUNT`]'s groups, remembered by shape (`thirty (30)`, `90`, `six`).
static AMOUNT_GROUPS: GroupMemo = GroupMemo::new(&AMOUNT);

/// `an hour and a half`
static AND_A_HALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+and\s+(?:a\s+)?half(?-u:\b)").expect("static duration regex")
});

/// Ages: `45 years old`, `18-year-old`, `21 years of age`, `60 years or older`.
static AGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\s*-\s*|\s+)(?:old|of\s+age|or\s+(?:older|younger))(?-u:\b)")
        .expect("static duration regex")
});

/// Words after which `a year` is a period (`for a year`), not a rate or an article.
const ARTICLE_CUES: &[&str] = &[
    "for",
    "within",
    "in",
    "of",
    "than",
    "about",
    "approximately",
    "around",
    "over",
    "after",
    "before",
    "least",
    "most",
    "during",
    "to",
    "only",
    "just",
    "nearly",
    "almost",
    "up",
    "by",
    "under",
    "following",
    "preceding",
    "prior",
    "another",
];

/// Finds duration facts. See the module docs.
pub struct DurationExtractor;

impl Extractor for DurationExtractor {
    fn name(&self) -> &'static str {
        "duration"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Duration]
    }
    fn warm_ups(&self) -> &'static [super::WarmUp] {
        warm_ups!(AMOUNT, AND_A_HALF, AGE_AFTER)
    }
    fn extract(&self, cx: &Context, out: &mut Vec<Fact>) {
        let doc = cx.doc;
        for d in find_durations(&doc.text, cx.tokens()) {
            out.push(Fact::new(d.value, d.span, &doc.source, self.name()));
        }
    }
}

struct Found {
    span: Span,
    value: Value,
}

fn unit_of(word: &str) -> Option<(DurationUnit, Decimal)> {
    use DurationUnit as U;
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('s');
    Some(match w {
        "year" | "yr" => (U::Year, Decimal::ONE),
        "decade" => (U::Year, Decimal::TEN),
        "month" | "mo" => (U::Month, Decimal::ONE),
        "quarter" => (U::Quarter, Decimal::ONE),
        "week" | "wk" => (U::Week, Decimal::ONE),
        "fortnight" => (U::Week, Decimal::TWO),
        "day" => (U::Day, Decimal::ONE),
        "hour" | "hr" | "h" => (U::Hour, Decimal::ONE),
        "minute" | "min" => (U::Minute, Decimal::ONE),
        "second" | "sec" => (U::Second, Decimal::ONE),
        _ => return None,
    })
}

/// ISO 8601 duration: `P2Y`, `P6M` (two quarters), `PT3H`.
fn iso(amount: Decimal, unit: DurationUnit) -> String {
    use DurationUnit as U;
    let n = amount.normalize();
    match unit {
        U::Year => format!("P{n}Y"),
        U::Quarter => format!("P{}M", (n * Decimal::from(3)).normalize()),
        U::Month => format!("P{n}M"),
        U::Week => format!("P{n}W"),
        U::Day => format!("P{n}D"),
        U::Hour => format!("PT{n}H"),
        U::Minute => format!("PT{n}M"),
        U::Second => format!("PT{n}S"),
    }
}

/// The word before byte `i`, lower-cased, and whether a digit, `%` or currency sign
/// comes right before it instead.
fn before(text: &str, i: usize) -> (String, bool) {
    let head = &text[floor_char_boundary(text, i.saturating_sub(30))..i];
    let t = head.trim_end();
    let numeric = t
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '%' | '$' | '€' | '£' | '¥'));
    let word: String = t
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (word.to_ascii_lowercase(), numeric)
}

/// Words that make the next `a year` a rate: `twice a year`, `$5 million a year`,
/// `24 hours a day`.
fn is_rate_word(w: &str) -> bool {
    matches!(
        w,
        "once"
            | "twice"
            | "thrice"
            | "times"
            | "per"
            | "percent"
            | "pct"
            | "dollars"
            | "dlrs"
            | "cents"
            | "euros"
            | "pounds"
            | "yen"
            | "million"
            | "billion"
            | "mln"
            | "bln"
            | "thousand"
            | "hours"
            | "hour"
            | "days"
            | "day"
            | "weeks"
            | "week"
            | "months"
            | "month"
            | "shifts"
            | "meals"
            | "visits"
    ) || unit_of(w).is_some()
}

/// Every duration in `text`, whose [`scan::tokens`] are `tokens`.
fn find_durations(text: &str, tokens: &[Token]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let bytes = text.as_bytes();
    for (us, ue) in unit_words(text, tokens) {
        let unit_text = &text[us..ue];
        if !amount_may_precede(text, us) {
            continue;
        }
        let Some((unit, per_unit)) = unit_of(unit_text) else {
            continue;
        };
        // Window before the unit, starting at a word boundary.
        let mut ws = floor_char_boundary(text, us.saturating_sub(WINDOW));
        if ws > 0 {
            match text[ws..us].find(char::is_whitespace) {
                Some(p) => ws += p,
                None => continue,
            }
        }
        let window = &text[ws..us];
        let Some(a) = AMOUNT
            .find(window)
            .and_then(|m| AMOUNT_GROUPS.captures(window, m.range()))
        else {
            continue;
        };
        let Some(whole) = a.get(0) else { continue };
        let start = ws + whole.start();
        let art = a.get(AG.art).map(|m| m.as_str().to_ascii_lowercase());
        let mut amount = if let Some(m) = a.get(AG.echo) {
            // `sixty (90) days`: the words and digits disagree; trust the digits.
            parse_number(m.as_str()).or_else(|| {
                let s = m.as_str();
                let open = s.rfind('(')?;
                parse_number(s[open + 1..].trim_end_matches(')'))
            })
        } else if let Some(m) = a.get(AG.digits) {
            parse_number(m.as_str())
        } else if let Some(m) = a.get(AG.paren) {
            parse_number(m.as_str())
        } else if let Some(m) = a.get(AG.dozen) {
            let s = m.as_str().to_ascii_lowercase();
            let k = match s.split_whitespace().next() {
                Some("two") => 24,
                Some("three") => 36,
                Some("half") => 6,
                _ => 12,
            };
            Some(Decimal::from(k))
        } else if a.get(AG.halfa).is_some() || a.get(AG.half).is_some() {
            Some(Decimal::new(5, 1))
        } else if art.is_some() || a.get(AG.all).is_some() {
            Some(Decimal::ONE)
        } else if let Some(m) = a.get(AG.words) {
            parse_number(m.as_str())
        } else {
            None
        };
        let Some(mut value) = amount.take() else {
            continue;
        };
        if value <= Decimal::ZERO {
            continue;
        }
        let digits = a.get(AG.digits).map(|m| m.as_str());
        // `1986/87 business year` is a fiscal year, `1.8 Business Day` a numbered heading,
        // `4,435,691   Year` a table cell.
        let toc_line = || {
            text[ue..floor_char_boundary(text, ue + 12)]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        };
        if digits.is_some_and(|d| d.contains('/'))
            || digits.is_some_and(|d| d.contains('.'))
                && unit_text.starts_with(|c: char| c.is_ascii_uppercase())
                && toc_line()
        {
            continue;
        }
        let long_unit = matches!(
            unit,
            DurationUnit::Year | DurationUnit::Quarter | DurationUnit::Month | DurationUnit::Week
        );
        if value > Decimal::from(100_000) || long_unit && value > Decimal::from(1_000) {
            continue;
        }
        // Abbreviations (`3h`, `5 hrs`, `10 min`) only after digits.
        let abbrev = matches!(
            unit_text.to_ascii_lowercase().as_str(),
            "h" | "hr"
                | "hrs"
                | "yr"
                | "yrs"
                | "mos"
                | "wk"
                | "wks"
                | "min"
                | "mins"
                | "sec"
                | "secs"
        );
        if abbrev && (art.is_some() || a.get(AG.all).is_some()) {
            continue;
        }
        // `all days`, `full months` are not one period.
        if a.get(AG.all).is_some() && unit_text.to_ascii_lowercase().ends_with('s') {
            continue;
        }
        // `6..23 days`: a stray dot, not a decimal.
        if digits.is_some_and(|d| d.starts_with('.')) && start > 0 && bytes[start - 1] == b'.' {
            continue;
        }
        // `fiscal 2020 year`, `the 2019 year-end` are years, not 2019 years.
        if unit == DurationUnit::Year
            && digits.is_some_and(|d| d.len() == 4 && (1800..=2100).contains(&value_u32(value)))
        {
            continue;
        }
        // `a second notice`, `a quarter of the shares`, `half the year`.
        if matches!(unit, DurationUnit::Second | DurationUnit::Quarter)
            && (art.is_some() || a.get(AG.halfa).is_some())
        {
            continue;
        }
        if a.get(AG.half).is_some() && !matches!(unit, DurationUnit::Hour | DurationUnit::Year) {
            continue;
        }
        if let Some(art) = &art {
            if art != "another" {
                let (word, numeric) = before(text, start);
                if numeric || is_rate_word(&word) || !ARTICLE_CUES.contains(&word.as_str()) {
                    continue;
                }
            }
        }
        let mut end = ue;
        if let Some(h) = AND_A_HALF.find(&text[ue..floor_char_boundary(text, ue + 16)]) {
            value += Decimal::new(5, 1);
            end = ue + h.end();
        }
        if AGE_AFTER.is_match(&text[end..floor_char_boundary(text, end + 24)]) {
            continue;
        }
        let (prev, _) = before(text, start);
        if prev == "aged" || prev == "age" {
            continue;
        }
        let qualifier = a
            .name("qual")
            .map(|q| q.as_str().to_ascii_lowercase())
            .filter(|q| !matches!(q.as_str(), "full" | "actual" | "complete"));
        let amount = (value * per_unit).normalize();
        out.push(Found {
            span: Span::new(start, end),
            value: Value::Duration {
                iso: iso(amount, unit),
                amount,
                unit,
                qualifier,
            },
        });
    }
    merge_compounds(text, out)
}

/// `1 year 1 month 21 days`, `two years and six months`: parts in decreasing unit size,
/// separated by spaces, a comma or `and`, become one fact whose `iso` holds every part
/// (`P1Y1M21D`); `amount` and `unit` are those of the first (largest) part.
fn merge_compounds(text: &str, found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if let Some(prev) = out.last_mut() {
            if let (
                Value::Duration {
                    iso: piso,
                    unit: pu,
                    qualifier: None,
                    ..
                },
                Value::Duration {
                    iso: fiso,
                    unit: fu,
                    qualifier: None,
                    ..
                },
            ) = (&mut prev.value, &f.value)
            {
                let gap = text
                    .get(prev.span.end..f.span.start)
                    .unwrap_or("x")
                    .trim_matches(|c: char| c.is_whitespace() || c == ',');
                let smaller = rank(*fu) < rank(*pu) && !piso.contains('T') || {
                    // time parts after time parts: `PT1H` + `PT30M`
                    piso.contains('T') && fiso.contains('T') && rank(*fu) < rank(*pu)
                };
                if f.span.start >= prev.span.end
                    && f.span.start - prev.span.end <= 6
                    && (gap.is_empty() || gap.eq_ignore_ascii_case("and"))
                    && smaller
                    && *fu != DurationUnit::Quarter
                    && *pu != DurationUnit::Quarter
                {
                    let tail = fiso.trim_start_matches('P');
                    let tail = if piso.contains('T') {
                        tail.trim_start_matches('T')
                    } else {
                        tail
                    };
                    piso.push_str(tail);
                    prev.span.end = f.span.end;
                    continue;
                }
            }
        }
        out.push(f);
    }
    out
}

fn rank(u: DurationUnit) -> u8 {
    use DurationUnit as U;
    match u {
        U::Second => 0,
        U::Minute => 1,
        U::Hour => 2,
        U::Day => 3,
        U::Week => 4,
        U::Month => 5,
        U::Quarter => 6,
        U::Year => 7,
    }
}

fn value_u32(d: Decimal) -> u32 {
    u32::try_from(d.trunc().mantissa()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// The unit scan finds what the literal pattern it replaced found, once matches
    /// inside a longer word (`today`) are dropped as before.
    #[test]
    fn unit_scan_agrees_with_the_former_pattern() {
        let mut alts = Vec::new();
        for b in UNIT_WORDS {
            let title = format!("{}{}", b[..1].to_ascii_uppercase(), &b[1..]);
            for w in [b.to_string(), title, b.to_ascii_uppercase()] {
                alts.push(format!("{w}[sS]?"));
            }
        }
        let former = Regex::new(&format!("(?:{})(?-u:\\b)", alts.join("|"))).unwrap();
        let pieces = [
            "day",
            "days",
            "Days",
            "DAYS",
            "DAYs",
            "dAys",
            "today",
            "Monday",
            "3day",
            "3days5",
            "days_",
            "_days",
            "mos",
            "MOS",
            "Mo",
            "mO",
            "moment",
            "secs",
            "Sec",
            "seconds",
            "yrs",
            "Yr",
            "YRS",
            "fortnights",
            "Fortnight",
            "quarterly",
            "hours",
            "HR",
            "hrs",
            "h",
            "3h",
            "3 h",
            "h_",
            "hh",
            "min",
            "MINs",
            "minutes",
            "year-end",
            "ñdays",
            "daysé",
            "wk.",
            "wks",
            "weekS",
            "WeekS",
            "decades",
            "s",
            "",
            " ",
            " ",
            " ",
            "-",
            "1",
            "9",
            "é",
        ];
        for text in crate::testing::random_mixes(&pieces, 4000, 9) {
            let b = text.as_bytes();
            let mut want: Vec<(usize, usize)> = former
                .find_iter(&text)
                .map(|m| (m.start(), m.end()))
                .filter(|&(s, _)| s == 0 || !b[s - 1].is_ascii_alphabetic())
                .collect();
            // and the former memchr scan for `h`
            for i in memchr::memchr_iter(b'h', b) {
                let next_ok = b.get(i + 1).is_none_or(|c| !c.is_ascii_alphanumeric());
                let digit_before = i > 0 && b[i - 1].is_ascii_digit()
                    || i > 1 && b[i - 1] == b' ' && b[i - 2].is_ascii_digit();
                if next_ok && digit_before {
                    want.push((i, i + 1));
                }
            }
            want.sort_unstable();
            let tokens = scan::tokens(text.as_bytes());
            assert_eq!(unit_words(&text, &tokens), want, "{text:?}");
        }
    }

    fn durations(text: &str) -> Vec<(String, String, String, Option<String>)> {
        find_durations(text, &scan::tokens(text.as_bytes()))
            .into_iter()
            .map(|f| {
                let Value::Duration {
                    iso,
                    amount,
                    qualifier,
                    ..
                } = f.value
                else {
                    unreachable!()
                };
                (
                    text[f.span.range()].to_owned(),
                    iso,
                    amount.to_string(),
                    qualifier,
                )
            })
            .collect()
    }

    #[test]
    fn matches() {
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            ("for a term of two years.", "two years", "P2Y", None),
            (
                "a period of three (3) years",
                "three (3) years",
                "P3Y",
                None,
            ),
            ("a 90-day notice", "90-day", "P90D", None),
            ("an initial one-year term", "one-year", "P1Y", None),
            (
                "within eighteen months after",
                "eighteen months",
                "P18M",
                None,
            ),
            (
                "within thirty (30) business days",
                "thirty (30) business days",
                "P30D",
                Some("business"),
            ),
            ("six weeks' notice", "six weeks", "P6W", None),
            ("the 12 months preceding", "12 months", "P12M", None),
            ("for half a year", "half a year", "P0.5Y", None),
            (
                "within 60 calendar days",
                "60 calendar days",
                "P60D",
                Some("calendar"),
            ),
            ("for 1.5 years", "1.5 years", "P1.5Y", None),
            ("for 3.5years", "3.5years", "P3.5Y", None),
            ("leave for 3h", "3h", "PT3H", None),
            ("for 45 minutes", "45 minutes", "PT45M", None),
            (
                "two and a half hours",
                "two and a half hours",
                "PT2.5H",
                None,
            ),
            (
                "for an hour and a half",
                "an hour and a half",
                "PT1.5H",
                None,
            ),
            ("within a month after", "a month", "P1M", None),
            ("two (2) quarters", "two (2) quarters", "P6M", None),
            ("for two decades", "two decades", "P20Y", None),
            ("During A Dozen Days", "A Dozen Days", "P12D", None),
            ("During A Hundred Days", "A Hundred Days", "P100D", None),
            ("wait another week", "another week", "P1W", None),
            (
                "for 1 year 1 month 21 days",
                "1 year 1 month 21 days",
                "P1Y1M21D",
                None,
            ),
            ("twenty-four-day duration", "twenty-four-day", "P24D", None),
            (
                "within one hundred twenty (120) days",
                "one hundred twenty (120) days",
                "P120D",
                None,
            ),
            (
                "a period of thirty-six (36) months",
                "thirty-six (36) months",
                "P36M",
                None,
            ),
            (
                "for three hundred sixty-five (365) days",
                "three hundred sixty-five (365) days",
                "P365D",
                None,
            ),
            ("for 1,000 days", "1,000 days", "P1000D", None),
            (
                "a three         (3) month period",
                "three         (3) month",
                "P3M",
                None,
            ),
            ("THIRTY (30) DAYS", "THIRTY (30) DAYS", "P30D", None),
        ];
        for (text, span, iso, qual) in cases {
            let got = durations(text);
            let ok = got
                .iter()
                .any(|(s, i, _, q)| s == span && i == iso && q.as_deref() == *qual);
            assert!(ok, "{text:?}: expected {span:?} = {iso}, got {got:?}");
        }
        // `a day` after another unit is a rate; the `24 hours` is a duration.
        let got = durations("24 hours a day");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "24 hours");
        let got = durations("three (3) years");
        assert_eq!(got[0].2, Decimal::from_str("3").unwrap().to_string());
    }

    #[test]
    fn non_matches() {
        let no = [
            "interest of 5% per annum",
            "a salary of $50,000 a year",
            "$5 million a year",
            "twice a month",
            "once a day",
            "he is 45 years old",
            "an 18-year-old student",
            "persons 21 years of age",
            "aged 60 years",
            "a second notice",
            "a quarter of the shares",
            "on a Business Day",
            "today and Monday",
            "in fiscal 2020 year",
            "6..23 Days",
            ",, MONTHS",
            "$2 million year-over-year",
            "for several days",
            "for the 1986/87 business year",
            "1.7 Background IP   7  1.8 Business Day   8  1.9 Calendar",
            "vs 4,435,691       Year",
            "versus 292,000 week ago",
        ];
        for text in no {
            let got = durations(text);
            assert!(got.is_empty(), "{text:?}: expected nothing, got {got:?}");
        }
    }

    #[test]
    fn multibyte_text_never_splits_a_char() {
        let base = "for a year, ninety (90) days’ notice, 3h and an hour and a half® 1.5 years ";
        let chars: Vec<(usize, char)> = base.char_indices().collect();
        for &(i, _) in &chars {
            for ins in ["®", "é", "“", "\u{a0}"] {
                let text = format!("{}{ins}{}", &base[..i], &base[i..]);
                for f in find_durations(&text, &scan::tokens(text.as_bytes())) {
                    assert!(text.get(f.span.range()).is_some());
                }
            }
        }
    }

    #[test]
    fn pathological_inputs_stay_correct() {
        let digits = "7".repeat(10 * 1024 * 1024);
        assert!(durations(&digits).is_empty());
        let ones = "1,".repeat(500_000);
        assert!(durations(&ones).is_empty());
        let words = "word ".repeat(1_000_000) + "for 30 days.";
        let got = durations(&words);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, "P30D");
        let days = "days ".repeat(200_000);
        assert!(durations(&days).is_empty());
        let many = "5 days, ".repeat(100_000);
        assert_eq!(durations(&many).len(), 100_000);
    }
}
