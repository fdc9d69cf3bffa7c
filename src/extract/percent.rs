//! Percent facts.
//!
//! Matches a number (digits or words, see [`super::number`]) followed by a percent unit:
//! `27%`, `27 %`, `20 percent`, `12 per cent`, `5 per centum`, `5.5 pct`, `100 percentage`,
//! `two hundred percentage points`, `150 basis points` / `bps`, with an optional
//! `minus`/`negative`; the contract echo in either place, `fifteen percent (15%)` and
//! `four (4) percentage points`, is one fact; and the inverted `percent of 10`.
//!
//! Value: `{"percent": "20"}`, an exact decimal; basis points are divided by 100
//! (`150 basis points` -> `1.5`); percentage points count as percent.
//!
//! Not matched: a number glued to other text (`X5%`, `5.4.3%`), `percentage` used as an
//! adjective (`2010 percentage salary increase`), a unit without a number (`the % of`).
//! When the echo disagrees with the words (`eight and one third percent (8.33%)`) both
//! are reported, each with its own value.
//!
//! Speed: the pattern only runs in windows around a cheap trigger (`%`, `per`, `pct`,
//! `basis`, `bp`), see [`super::number::trigger_windows`]. A match is found with the
//! lazy DFA alone; its groups are read with a digits-only pattern when it starts with a
//! digit (most do), whose capture search is much cheaper than the full pattern's.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::groups::{GroupMemo, Groups};
use super::number::{
    head, is_glued, may_hold_number, paren_echo, parse_number, windows_around, NUMBER_DIGITS,
    NUMBER_DIGITS_LOOSE, NUMBER_WORDS,
};
use crate::extract::{Context, Extractor};
use crate::model::{Fact, FactKind, Span, Value};

pub struct PercentExtractor;

/// Where a percent unit may be, in text order: `%`, `per cent` / `percent` (one optional
/// whitespace character between), `pct`, `basis`, and `bp` / `bps` as whole words;
/// ASCII case is ignored. Two memchr passes (`%` / `p`, then `b`) instead of one
/// case-insensitive regex alternation, which had no literal prefilter and ran its DFA
/// over every byte: this takes half the time. The two kinds of unit never overlap, so
/// merging the passes keeps the spans non-overlapping, as a regex scan would.
fn percent_triggers(text: &str) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for i in memchr::memchr3_iter(b'%', b'p', b'P', b) {
        let len = if b[i] == b'%' { 1 } else { unit_at(text, i) };
        if len > 0 {
            out.push(i..i + len);
        }
    }
    let units = out.len();
    for i in memchr::memchr2_iter(b'b', b'B', b) {
        let len = basis_at(b, i);
        if len > 0 {
            out.push(i..i + len);
        }
    }
    if out.len() > units {
        out.sort_unstable_by_key(|r| r.start);
    }
    out
}

/// `per cent`, `percent` or `pct` at `i`: its length, else 0.
fn unit_at(text: &str, i: usize) -> usize {
    let rest = &text[i..];
    let b = rest.as_bytes();
    if starts_with_ignore_case(b, b"pct") {
        return 3;
    }
    if !starts_with_ignore_case(b, b"per") {
        return 0;
    }
    let gap = rest[3..]
        .chars()
        .next()
        .filter(|c| c.is_whitespace())
        .map_or(0, char::len_utf8);
    if starts_with_ignore_case(&b[3 + gap..], b"cent") {
        3 + gap + 4
    } else {
        0
    }
}

/// `basis`, or `bp` / `bps` standing alone as a word, at `i`: its length, else 0.
fn basis_at(b: &[u8], i: usize) -> usize {
    let rest = &b[i..];
    if starts_with_ignore_case(rest, b"basis") {
        return 5;
    }
    let word = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
    if i > 0 && word(&b[i - 1]) || !starts_with_ignore_case(rest, b"bp") {
        return 0;
    }
    let n = if rest.get(2).is_some_and(|c| c.eq_ignore_ascii_case(&b's')) {
        3
    } else {
        2
    };
    if !rest.get(n).is_some_and(word) {
        n
    } else if n == 3 && !word(&rest[2]) {
        2
    } else {
        0
    }
}

fn starts_with_ignore_case(b: &[u8], w: &[u8]) -> bool {
    b.len() >= w.len() && b[..w.len()].eq_ignore_ascii_case(w)
}

/// The unit after a number: `%`, `percent`, `per cent`, `pct`, basis points.
const UNIT: &str = r"(?x:
            (?P<unit>
                \s* %
              | \s* (?i: percent (?:ages? | s)? (?: \s+ points? )? | per \s? cent (?:um)? | pct )
                (?-u:\b) \.?
              | \s* (?P<bp> (?i: basis \s+ points? | bps | bp ) ) (?-u:\b)
            )
        )";

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    let re = format!(
        r"(?x)
        (?:
            (?P<neg> (?i:minus|negative) \s+ )?
            (?P<num> {NUMBER_WORDS} | {NUMBER_DIGITS_LOOSE} )
            # `four (4) percent`
            (?: \s* \( \s* (?P<echo1> {NUMBER_DIGITS_LOOSE} ) \s* %? \s* \) )?
            {UNIT}
          |
            # `percent of 10`, `per cent of twenty-two`
            (?P<inv> (?i: percents? | per \s? cent ) \s+ of \s+ )
            (?P<inum> {NUMBER_WORDS} | {NUMBER_DIGITS} )
        )"
    );
    Regex::new(&re).expect("static regex")
});

/// [`PERCENT`] for a match that starts with a digit or a dot: only the digits branch,
/// so that reading the groups (a backtracker whose work grows with the pattern's size)
/// is cheap. No other branch can start there (`minus`, number words and `percent of`
/// all start with a letter), so its leftmost-first match at that start is [`PERCENT`]'s.
static PERCENT_DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    let re = format!(
        r"(?x)
        (?P<num> {NUMBER_DIGITS_LOOSE} )
        (?: \s* \( \s* (?P<echo1> {NUMBER_DIGITS_LOOSE} ) \s* %? \s* \) )?
        {UNIT}"
    );
    Regex::new(&re).expect("static regex")
});

/// [`PERCENT`]'s groups, remembered by shape.
static PERCENT_GROUPS: GroupMemo = GroupMemo::new(&PERCENT);

/// [`PERCENT_DIGITS`]'s groups, remembered by shape; its spans are [`PERCENT`]'s matches
/// that start with a digit or a dot, where it has [`PERCENT`]'s first path (above).
static PERCENT_DIGITS_GROUPS: GroupMemo = GroupMemo::new(&PERCENT_DIGITS);

/// The groups of the [`PERCENT`] match over `span` in `hay`.
fn percent_groups(hay: &str, span: Range<usize>) -> Option<Groups<'_>> {
    matches!(hay.as_bytes()[span.start], b'0'..=b'9' | b'.')
        .then(|| PERCENT_DIGITS_GROUPS.captures(hay, span.clone()))
        .flatten()
        .or_else(|| PERCENT_GROUPS.captures(hay, span))
}

impl Extractor for PercentExtractor {
    fn name(&self) -> &'static str {
        "percent"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Percent]
    }
    fn warm_ups(&self) -> &'static [super::WarmUp] {
        warm_ups!(PERCENT, PERCENT_DIGITS)
    }
    fn extract(&self, cx: &Context, out: &mut Vec<Fact>) {
        let doc = cx.doc;
        for (span, percent) in find_percents(&doc.text) {
            out.push(Fact::new(
                Value::Percent { percent },
                span,
                &doc.source,
                self.name(),
            ));
        }
    }
}

/// Every percentage in `text`: span and value.
pub fn find_percents(text: &str) -> Vec<(Span, Decimal)> {
    let mut out = Vec::new();
    for w in windows_around(text, percent_triggers(text), 8, 64) {
        if !may_hold_number(&text[w.clone()]) {
            continue;
        }
        let hay = &text[..w.end];
        let mut pos = w.start;
        while pos < w.end {
            let Some(c) = PERCENT
                .find_at(hay, pos)
                .and_then(|m| percent_groups(hay, m.range()))
            else {
                break;
            };
            let m = c.get(0).map_or(pos..pos, |m| m.range());
            pos = if m.end > pos { m.end } else { pos + 1 };
            while !text.is_char_boundary(pos) {
                pos += 1;
            }
            read_match(text, &c, &mut out);
            // An echo `(15%)` read with the match is not read again.
            if let Some((span, _)) = out.last() {
                if span.end > pos && span.end <= w.end {
                    pos = span.end;
                }
            }
        }
    }
    out
}

fn read_match(text: &str, c: &Groups, out: &mut Vec<(Span, Decimal)>) {
    let Some(all) = c.get(0) else { return };
    if let Some(inum) = c.name("inum") {
        if is_glued(text, inum.start(), inum.end()) {
            return;
        }
        if let Some(v) = parse_number(inum.as_str()) {
            out.push((Span::new(all.start(), inum.end()), v));
        }
        return;
    }
    let (Some(num), Some(unit)) = (c.name("num"), c.name("unit")) else {
        return;
    };
    if is_glued(text, num.start(), num.end()) || in_url(text, num.start()) {
        return;
    }
    // `percentage` used as an adjective: `the 2010 percentage salary increase`.
    let unit_text = unit.as_str().trim_start();
    if unit_text
        .get(..10)
        .is_some_and(|p| p.eq_ignore_ascii_case("percentage"))
    {
        let next = text[unit.end()..].trim_start_matches([' ', '\t']);
        let word: &str = next
            .split(|ch: char| !ch.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        if !word.is_empty() && !unit_text.contains(' ') && !word.eq_ignore_ascii_case("of") {
            return;
        }
    }
    let Some(mut value) = parse_number(num.as_str()) else {
        return;
    };
    if let Some(echo) = c.name("echo1") {
        if parse_number(echo.as_str()) != Some(value) {
            return;
        }
    }
    if c.name("bp").is_some() {
        value /= Decimal::ONE_HUNDRED;
    }
    // `plus or minus 5%` is a tolerance, not a negative percentage.
    let neg = c.name("neg").filter(|n| {
        let lo = n.start().saturating_sub(24);
        let before = text.as_bytes()[lo..n.start()].split(|b| b.is_ascii_whitespace());
        let mut words = before.filter(|w| !w.is_empty()).rev();
        let (last, prev) = (words.next().unwrap_or(b""), words.next().unwrap_or(b""));
        !(prev.eq_ignore_ascii_case(b"plus")
            && (last.eq_ignore_ascii_case(b"or") || last.eq_ignore_ascii_case(b"and")))
    });
    if neg.is_some() {
        value = -value;
    }
    let value = value.normalize();
    let start = neg.map_or(num.start(), |n| n.start());
    let mut end = unit.end();
    // `fifteen percent (15%)`: one fact over both when they agree.
    // `(15%)`, and the reverse `5% (five percent)`.
    fn trim(s: &str) -> &str {
        // `(+/-5%)`: the tolerance sign of `plus or minus five percent`.
        let s = s
            .strip_prefix("+/-")
            .or_else(|| s.strip_prefix('±'))
            .unwrap_or(s);
        let s = s.trim().trim_end_matches('%').trim_end();
        let cut = ["percent", "per cent", "per centum"]
            .iter()
            .find_map(|u| {
                let i = s.len().checked_sub(u.len())?;
                (s.is_char_boundary(i) && s[i..].eq_ignore_ascii_case(u)).then_some(i)
            })
            .unwrap_or(s.len());
        s[..cut].trim_end()
    }
    if let Some(e) = paren_echo(text, end, value, trim) {
        end = e;
    } else if let Some(e) = echo_percent(text, end) {
        // They disagree: the figure in parentheses is a percentage of its own.
        out.push((Span::new(start, end), value));
        out.push(e);
        return;
    }
    out.push((Span::new(start, end), value));
}

/// True inside a URL or a percent-encoded token (`?q=30%25%2020%`, `%280024%`): the
/// whitespace-delimited token around `at` has `://`, `www.`, or `%`/`=` right before it.
fn in_url(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    if at > 0 && matches!(b[at - 1], b'%' | b'=' | b'&' | b'/') {
        return true;
    }
    let lo = at.saturating_sub(512);
    let start = b[lo..at]
        .iter()
        .rposition(|c| c.is_ascii_whitespace())
        .map_or(lo, |i| lo + i + 1);
    let token = &b[start..at];
    memchr::memmem::find(token, b"://").is_some() || memchr::memmem::find(token, b"www.").is_some()
}

/// A parenthesised `(8.33%)` right after `end`, read as its own percentage.
fn echo_percent(text: &str, end: usize) -> Option<(Span, Decimal)> {
    let rest = &text[end..];
    let trimmed = rest.trim_start();
    let open = end + rest.len() - trimmed.len();
    if open - end > 3 || !trimmed.starts_with('(') {
        return None;
    }
    let close = head(trimmed, 32).find(')')?;
    let inner = trimmed[1..close].trim();
    let digits = inner.strip_suffix('%')?.trim_end();
    let v = parse_number(digits)?;
    let start = open + 1 + (trimmed[1..close].len() - trimmed[1..close].trim_start().len());
    Some((Span::new(start, start + inner.len()), v))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The regex [`percent_triggers`] replaces: the scan must find the same spans.
    static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)%|per\s?cent|pct|basis|(?-u:\b)bps?(?-u:\b)").expect("static regex")
    });

    fn same_triggers(text: &str) {
        let want: Vec<_> = TRIGGER.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(percent_triggers(text), want, "{text:?}");
    }

    #[test]
    fn trigger_scan_agrees_with_the_regex() {
        for text in [
            "5% 5 % 20 percent 12 per cent 12 per\u{a0}cent per  cent per\ncent PerCent",
            "5.5 pct, PCT, pctx, xpct, basis points, Basis, 150bp 150 bps bps. bpsx xbp _bp bp_",
            "b bp bps p pe per perc perce percen percent, per c, per ce, ber bps",
            "",
        ] {
            same_triggers(text);
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for e in std::fs::read_dir(dir).expect("corpus dir") {
            let path = e.expect("entry").path();
            if let Ok(text) = std::fs::read_to_string(&path) {
                same_triggers(&text);
            }
        }
    }
    use std::str::FromStr;

    fn found(text: &str) -> Vec<(&str, String)> {
        find_percents(text)
            .into_iter()
            .map(|(s, v)| (s.slice(text), v.to_string()))
            .collect()
    }

    #[test]
    fn matches() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("receive 20 percent of revenue", &[("20 percent", "20")]),
            ("up 27% on", &[("27%", "27")]),
            ("up 27 % on", &[("27 %", "27")]),
            ("12 per cent", &[("12 per cent", "12")]),
            ("5 per centum", &[("5 per centum", "5")]),
            ("rose 5.5 pct.", &[("5.5 pct.", "5.5")]),
            ("fifteen percent (15%)", &[("fifteen percent (15%)", "15")]),
            ("twenty percent (20%) of", &[("twenty percent (20%)", "20")]),
            ("6 3/4%", &[("6 3/4%", "6.75")]),
            ("0.8%", &[("0.8%", "0.8")]),
            ("150 basis points", &[("150 basis points", "1.5")]),
            ("LIBOR PLUS 400 BASIS POINTS,", &[("400 BASIS POINTS", "4")]),
            ("25 bps", &[("25 bps", "0.25")]),
            ("one hundred percent", &[("one hundred percent", "100")]),
            ("100 percentage", &[("100 percentage", "100")]),
            (
                "two hundred percentage points",
                &[("two hundred percentage points", "200")],
            ),
            (
                "plus four (4) percentage points for",
                &[("four (4) percentage points", "4")],
            ),
            ("minus five percent", &[("minus five percent", "-5")]),
            (
                "plus or minus five percent (+/-5%) of",
                &[("five percent (+/-5%)", "5")],
            ),
            ("plus\n  or minus 10 pct)", &[("10 pct", "10")]),
            (
                "®®®®®®®®® minus 5% (€€€€€€€€€€€€€€€€€€",
                &[("minus 5%", "-5")],
            ),
            (
                "per cent of twenty-two",
                &[("per cent of twenty-two", "22")],
            ),
            (
                "eight and one third percent (8.33%) and",
                &[
                    (
                        "eight and one third percent",
                        "8.333333333333333333333333333",
                    ),
                    ("8.33%", "8.33"),
                ],
            ),
            (
                " 30% or more plus \n3% and (ii) 12%.",
                &[("30%", "30"), ("3%", "3"), ("12%", "12")],
            ),
            ("6½%", &[("6½%", "6.5")]),
            ("(i) 5% (five percent) of", &[("5% (five percent)", "5")]),
            (
                "one and one-half percent (1- 1/2%) per month",
                &[("one and one-half percent (1- 1/2%)", "1.5")],
            ),
        ];
        for (text, want) in cases {
            let want: Vec<(&str, String)> = want.iter().map(|(a, b)| (*a, b.to_string())).collect();
            assert_eq!(found(text), want, "{text}");
        }
    }

    #[test]
    fn non_matches() {
        for text in [
            "Section 5.2 of the 2024 Agreement",
            "call 555-1234 about 10,000 units",
            "the % of increase",
            "comparable to the 2010 percentage salary increase",
            " (2007) +/- [ * ]% ",
            "he hot 5 points",
            "model X5% and 5.4.3%",
            "a percentage of revenue",
            "per share",
            "go to https://www.test.com/search?q=30%25%2020%",
            "issn%280024%2D9114%29",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }

    #[test]
    fn digit_led_groups_agree_with_the_full_pattern() {
        let pieces = [
            "5",
            "27",
            "1,250",
            "0.8",
            ".5",
            "3/4",
            "6½",
            "(4)",
            "( 15 % )",
            "%",
            " %",
            "percent",
            " per cent",
            " pct.",
            " percentage points",
            " basis points",
            "bps",
            "bp",
            "minus ",
            "fifteen ",
            "percent of ",
            "x",
            "_",
            " ",
            "(",
            ")",
            "per centum",
            "s",
        ];
        let mut state: u64 = 0x1405_7B7E_F767_814F;
        let mut next = |k: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % k
        };
        let names: Vec<&str> = PERCENT.capture_names().flatten().collect();
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..1 + next(6) {
                t.push_str(pieces[next(pieces.len())]);
            }
            let Some(m) = PERCENT.find(&t) else { continue };
            let (Some(want), Some(got)) = (PERCENT.captures(&t), percent_groups(&t, m.range()))
            else {
                panic!("{t:?}");
            };
            for n in &names {
                let want = want.name(n).map(|g| g.range());
                assert_eq!(got.name(n).map(|g| g.range()), want, "{n} in {t:?}");
            }
        }
    }

    #[test]
    fn pathological_percent_signs() {
        // 100,000 `%` signs: no number, no percent; and a line of `1%` repeated.
        let signs = "%".repeat(100_000);
        assert!(find_percents(&signs).is_empty());
        let many = "1% ".repeat(100_000);
        let got = find_percents(&many);
        assert_eq!(got.len(), 100_000);
        assert!(got
            .iter()
            .all(|(_, v)| *v == Decimal::from_str("1").unwrap()));
        let digits = format!("{}%", "9".repeat(10_000_000));
        assert!(find_percents(&digits).is_empty());
    }
}
