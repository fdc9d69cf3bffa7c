//! Term ends: the date a term runs to, derived from a start date and a duration that
//! one sentence states together (kind `date`, extractor `term_end`).
//!
//! # What it reads
//! In a sentence about a term (it says `term`, `agreement` or `franchise`, and `continue`,
//! `remain`, `expire`, `end`, `terminate`, `in effect`, `in force`, `until`,
//! `anniversary`, `commence` or `begin`), a date fact that is the start, and a duration fact of days, weeks,
//! months or years (not business days) that is the length:
//! - the duration, then the start: `continue until five (5) years following the
//!   Effective Date`, `remain effective for two (2) years from and after the Effective
//!   Date`, `end on the five (5) year anniversary of the Effective Date`, `shall be
//!   twenty (20) years, commencing on January 1, 2016` (the words before the duration
//!   must say it is the term: `until`, `for`, `of`, `the`, `be`, `expire`, `end`; so
//!   `within sixty (60) days after the Effective Date`, a deadline, is no term end);
//! - the start, then the duration: `shall commence on the Effective Date and continue for
//!   twenty (20) years`, `beginning on the Effective Date and ending two (2) years
//!   thereafter`, `effective as of June 1, 2020 ... for a period of three (3) years`;
//!   not when another date or a renewal (`extended for`) comes between them, nor when
//!   the duration is counted from something else (`three years from the Launch Date`).
//!
//! The start is `the Effective Date`, `the date hereof`, `the date first written above`
//! (relative date facts, resolved when the document states its date) or a day-precision
//! date. The value keeps the sum as written,
//! `effective_date+P5Y` or `2016-01-01+P20Y`, with `relative: true` and `resolved` (the
//! start plus the duration, the same day of the month: `2014-02-10+P5Y` is `2019-02-10`)
//! when the start is known. The span is the duration through the start when the duration
//! comes first and reads `following`/`after`/`from`/`anniversary of` (one expression),
//! else the duration alone.
//!
//! # Known limits
//! One sentence only (a term split over two sentences is not joined), events (`the
//! Launch Date`) are no starts, renewals are not added, and `ending two years
//! thereafter` counts from the start without the day some drafters subtract.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use rust_decimal::prelude::ToPrimitive;

use super::date::{duration_str, fmt_day, shift_by, Unit};
use crate::ingest::floor_char_boundary;
use crate::model::{DatePrecision, Document, DurationUnit, Fact, Span, Value};

/// How far after a start (bytes) a length may be to be read with it.
const NEAR: usize = 400;

/// Name of the fact's extractor.
pub const NAME: &str = "term_end";

/// Compile this module's patterns ahead of use ([`super::Pipeline::warm_up`]).
pub(super) const WARM_UPS: &[super::WarmUp] = warm_ups!(
    TERM_SENTENCE,
    JOINED,
    COMMENCING,
    TERM_BEFORE,
    START_CUE,
    LENGTH_CUE,
    COUNTED_ELSEWHERE,
    RENEWAL,
    THEREAFTER,
);

/// A sentence that states a term.
static TERM_SENTENCE: LazyLock<(Regex, Regex)> = LazyLock::new(|| {
    (
        Regex::new(r"(?i)(?-u:\b)(?:term|agreement|franchise)(?-u:\b)").expect("static regex"),
        Regex::new(
            r"(?i)(?-u:\b)(?:continu[a-z0-9_]*|remain[a-z0-9_]*|expir[a-z0-9_]*|end(?:s|ing)?|terminat[a-z0-9_]*|in\s+(?:full\s+)?(?:force|effect)|until|anniversary|commenc[a-z0-9_]*|begin[a-z0-9_]*)(?-u:\b)",
        )
        .expect("static regex"),
    )
});

/// Between a duration and the start after it, when the two are one expression.
static JOINED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:calendar\s+)?(?:anniversary\s+of|following|after|from(?:\s+and\s+after)?)\s+$",
    )
    .expect("static regex")
});

/// Between a duration and the start after it, when the start begins the period.
static COMMENCING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(?:commencing|beginning|starting)\s+(?:on|as\s+of|with|from)\s+$")
        .expect("static regex")
});

/// Before a duration that comes first and is the term's length: `continue until`,
/// `remain in effect for`, `expire`, `end on the`, `a term of`, `shall be` (and not
/// `within sixty (60) days after the Effective Date`, a deadline).
static TERM_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:until|through|expir[a-z0-9_]*(?:\s+on)?|end[a-z0-9_]*(?:\s+on)?|terminat[a-z0-9_]*(?:\s+on)?|for|of|the|be|is)\s+$",
    )
    .expect("static regex")
});

/// Before a start date that begins the term: `commence on`, `effective as of`.
static START_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:commenc[a-z0-9_]*|begin[a-z0-9_]*|start[a-z0-9_]*|effective)\s+(?:on|as\s+of|from|upon|with)?\s*$",
    )
    .expect("static regex")
});

/// Before a duration that is the length of the term: `continue for`, `for a period of`,
/// `for an initial term of`.
static LENGTH_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:for|of)\s+(?:(?:a|an|the)\s+)?(?:(?:initial|further|fixed)\s+)?(?:(?:period|term)\s+of\s+)?$",
    )
    .expect("static regex")
});

/// After a duration that is counted from something else: `three years from the Launch
/// Date`.
static COUNTED_ELSEWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:\([^)]{0,20}\)\s*)?(?:from|after|following|of|prior|before)(?-u:\b)")
        .expect("static regex")
});

/// Between a start and a length that belongs to a renewal: `be extended for`, `renew for`
/// (`extend for three (3) years thereafter` is the term itself).
static RENEWAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:renew[a-z0-9_]*|extension|(?:be|been|is)\s+extended)(?-u:\b)")
        .expect("static regex")
});

/// After a duration counted from a start named earlier: `two (2) years thereafter`.
static THEREAFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*thereafter(?-u:\b)").expect("static regex"));

/// Where a term starts.
#[derive(Debug, Clone, Copy)]
enum Start {
    /// `the Effective Date`, and the day it resolved to, if known.
    Effective(Option<NaiveDate>),
    Day(NaiveDate),
}

/// The term ends stated in `doc`, whose date and duration facts are among `facts`
/// (settled, in text order).
pub fn term_ends(doc: &Document, facts: &[Fact]) -> Vec<Fact> {
    let text = &doc.text;
    let starts: Vec<(Span, Start)> = facts
        .iter()
        .filter_map(|f| Some((f.span, start_of(&f.value)?)))
        .collect();
    if starts.is_empty() {
        return Vec::new();
    }
    let lengths: Vec<(Span, i64, Unit)> = facts
        .iter()
        .filter_map(|f| {
            let (n, unit) = length_of(&f.value)?;
            Some((f.span, n, unit))
        })
        .collect();
    let mut out: Vec<Fact> = Vec::new();
    let mut done_sentences: Vec<usize> = Vec::new();
    for &(start_span, start) in &starts {
        // Splitting the document into sentences costs more than all of this (most
        // documents with a date never need it): only a length close by that the words
        // next to both could join to this start asks for it. The checks below repeat
        // these on the sentence's text.
        let window = |from: usize, to: usize| &text[floor_char_boundary(text, from)..to];
        let begins = std::cell::OnceCell::new();
        let plausible = |s: &Span| {
            if s.end <= start_span.start {
                start_span.start - s.end <= 40 && {
                    let between = &text[s.end..start_span.start];
                    JOINED.is_match(between) || COMMENCING.is_match(between)
                }
            } else {
                s.start >= start_span.end
                    && s.start - start_span.end <= NEAR
                    && *begins.get_or_init(|| {
                        START_CUE.is_match(window(
                            start_span.start.saturating_sub(48),
                            start_span.start,
                        ))
                    })
                    && (LENGTH_CUE.is_match(window(
                        s.start.saturating_sub(64).max(start_span.end),
                        s.start,
                    )) || THEREAFTER
                        .is_match(&text[s.end..floor_char_boundary(text, s.end + 24)]))
            }
        };
        if !lengths.iter().any(|(s, ..)| plausible(s)) {
            continue;
        }
        let Some(si) = doc.sentence_at(start_span) else {
            continue;
        };
        if done_sentences.contains(&si) {
            continue;
        }
        let sentence = doc.sentences()[si];
        let said = sentence.slice(text);
        let (term, ending) = &*TERM_SENTENCE;
        if !term.is_match(said) || !ending.is_match(said) {
            continue;
        }
        let in_sentence = |s: Span| s.start >= sentence.start && s.end <= sentence.end;
        let found =
            lengths
                .iter()
                .filter(|(s, ..)| in_sentence(*s))
                .find_map(|&(len_span, n, unit)| {
                    if len_span.end <= start_span.start {
                        if !TERM_BEFORE.is_match(&text[sentence.start..len_span.start]) {
                            return None;
                        }
                        let between = &text[len_span.end..start_span.start];
                        if JOINED.is_match(between) {
                            return Some((Span::new(len_span.start, start_span.end), n, unit));
                        }
                        if COMMENCING.is_match(between) {
                            return Some((len_span, n, unit));
                        }
                    } else if len_span.start >= start_span.end {
                        let before_start = &text[sentence.start..start_span.start];
                        let before_len = &text[start_span.end..len_span.start];
                        // The length is the term's from this start only when nothing else comes
                        // between them (another date, a renewal) or after it (`from the Launch
                        // Date`).
                        let other_start = starts
                            .iter()
                            .any(|(s, _)| s.start >= start_span.end && s.end <= len_span.start);
                        if other_start
                            || RENEWAL.is_match(before_len)
                            || COUNTED_ELSEWHERE.is_match(&text[len_span.end..sentence.end])
                        {
                            return None;
                        }
                        let counted = LENGTH_CUE.is_match(before_len)
                            || THEREAFTER.is_match(&text[len_span.end..sentence.end]);
                        if START_CUE.is_match(before_start) && counted {
                            return Some((len_span, n, unit));
                        }
                    }
                    None
                });
        let Some((span, n, unit)) = found else {
            continue;
        };
        done_sentences.push(si);
        out.push(Fact::new(value(start, n, unit), span, &doc.source, NAME));
    }
    out
}

fn start_of(v: &Value) -> Option<Start> {
    let Value::Date {
        date,
        precision: DatePrecision::Day,
        relative,
        resolved,
    } = v
    else {
        return None;
    };
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    match (relative, date.as_str()) {
        (false, d) => day(d).map(Start::Day),
        (true, "effective_date") => Some(Start::Effective(resolved.as_deref().and_then(day))),
        _ => None,
    }
}

/// A whole number of days, weeks, months or years (units a calendar counts).
fn length_of(v: &Value) -> Option<(i64, Unit)> {
    let Value::Duration {
        amount,
        unit,
        qualifier,
        ..
    } = v
    else {
        return None;
    };
    if qualifier.as_deref().is_some_and(|q| q != "calendar") || !amount.fract().is_zero() {
        return None;
    }
    let n = amount.to_i64().filter(|&n| n > 0)?;
    let unit = match unit {
        DurationUnit::Day => Unit::Day,
        DurationUnit::Week => Unit::Week,
        DurationUnit::Month => Unit::Month,
        DurationUnit::Year => Unit::Year,
        _ => return None,
    };
    Some((n, unit))
}

/// `start` plus `n` `unit`s, written as the sum and resolved when the start is known.
fn value(start: Start, n: i64, unit: Unit) -> Value {
    let (base, day) = match start {
        Start::Effective(d) => ("effective_date".to_owned(), d),
        Start::Day(d) => (fmt_day(d), Some(d)),
    };
    Value::Date {
        date: format!("{base}+{}", duration_str(n, unit)),
        precision: DatePrecision::Day,
        relative: true,
        resolved: day.and_then(|d| shift_by(d, n, unit)).map(fmt_day),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::extract::{Options, Pipeline};
    use crate::ingest;
    use crate::model::{FactKind, Value};

    const PREAMBLE: &str = "This Agreement is made as of February 10, 2014 (the \"Effective Date\") by and between Acme Inc. and Beta LLC.\n\n";

    /// (text, date, resolved) of the term ends in a contract made of `PREAMBLE` and `body`,
    /// read with only the date kind asked for (the durations it needs run anyway).
    fn ends(body: &str) -> Vec<(String, String, Option<String>)> {
        let src = format!("{PREAMBLE}1. Term. {body}\n");
        let doc = ingest::parse(Path::new("c.txt"), src.as_bytes()).unwrap();
        let facts = Pipeline::only(&Options::default(), &[FactKind::Date]).run(&doc);
        assert!(facts.iter().all(|f| f.kind() == FactKind::Date));
        facts
            .into_iter()
            .filter(|f| f.extractor == super::NAME)
            .map(|f| match f.value {
                Value::Date { date, resolved, .. } => (f.text, date, resolved),
                _ => unreachable!(),
            })
            .collect()
    }

    fn one(text: &str, date: &str, resolved: &str) -> Vec<(String, String, Option<String>)> {
        vec![(text.into(), date.into(), Some(resolved.into()))]
    }

    #[test]
    fn a_length_then_its_start() {
        assert_eq!(
            ends("The initial term commences as of the Effective Date and, unless terminated earlier, shall continue until five (5) years following the Effective Date."),
            one("five (5) years following the Effective Date", "effective_date+P5Y", "2019-02-10")
        );
        assert_eq!(
            ends("This Agreement shall remain effective for two (2) years from and after the Effective Date."),
            one("two (2) years from and after the Effective Date", "effective_date+P2Y", "2016-02-10")
        );
        assert_eq!(
            ends("The term of this Agreement shall be eighteen (18) months, commencing on January 31, 2016."),
            one("eighteen (18) months", "2016-01-31+P18M", "2017-07-31")
        );
    }

    #[test]
    fn a_start_then_its_length() {
        assert_eq!(
            ends("The Term of this Agreement shall commence on the Effective Date and continue for twenty (20) years, unless sooner terminated."),
            one("twenty (20) years", "effective_date+P20Y", "2034-02-10")
        );
        assert_eq!(
            ends("This Agreement will continue in full force beginning on the Effective Date and ending six weeks thereafter (\"Term\")."),
            one("six weeks", "effective_date+P6W", "2014-03-24")
        );
    }

    #[test]
    fn lengths_that_are_not_the_term() {
        for body in [
            // a deadline, not the term
            "Either party may terminate this Agreement within sixty (60) days after the Effective Date.",
            // counted from an event that is no date
            "This Agreement shall be effective as of the Effective Date and shall continue in force for three years from the Launch Date.",
            // a renewal
            "This Agreement shall commence on the Effective Date and may be extended for two (2) years by the parties.",
            // business days have no calendar here
            "This Agreement shall commence on the Effective Date and continue for thirty (30) business days.",
            // no term
            "The Effective Date is the date of signature; payment is due thirty (30) days after the Effective Date.",
        ] {
            assert_eq!(ends(body), vec![], "{body}");
        }
    }
}
