//! Date facts (kind `date`).
//!
//! # What it matches
//! - Written dates, month first or day first: `March 3, 2025`, `Mar. 3 2025`,
//!   `Monday, January 12th, 2016`, `3 March 2025`, `3rd March 2025`, `16. Nov. 2016`,
//!   `the 1st day of January, 2026`, `the twenty-first of June 2017`, `22april`.
//! - Numeric dates: `2025-03-03`, `2015/08/12`, `2015.5.13`, `2019-sep-1`, `12/31/2026`,
//!   `31/12/2026`, `9-18-15`, `14.05.2018` (dotted forms need a four-digit year, so
//!   section numbers such as `4.5.66` or `9.6.6` are not dates).
//! - Months and quarters: `January 2026`, `Jan. 2026`, `June of 2020`, `September __, 2018`
//!   (a blank day in a form), `Q3 2026`, `3Q26`, `2026-Q3`, `third quarter of 2026`,
//!   `FY2025`, `FY '25`, `fiscal 2025`, `fiscal year 2025`.
//! - A bare year only where the words around it make it a date: after `in`, `by`,
//!   `through`, `until`, `since`, `from`, `during`, `before`, `after`, `for`, `early`,
//!   `late`, `mid-`, `end of`, `year`, `the` (`the 2030 deadline`, also with an adjective
//!   of time between: `the previous 2030 deadline`), or after another year
//!   (`from 2020 to 2024`), and never before a count noun (`in 2030 shares`) nor after `$`,
//!   `room`, `section` and the like (those are simply not triggers).
//! - Relative expressions (reported with `relative: true`): `today`, `tomorrow`,
//!   `yesterday`, `the day after tomorrow`, weekdays (`Monday`, `next Friday`,
//!   `friday of next week`), `this/next/last week|month|quarter|year`, `next January`,
//!   `two months ago`, `a year earlier`, `three weeks from tomorrow`, `the next day`,
//!   dates without a year (`April 22`, `1st jan`, `on 4/22`), a bare day of the month
//!   (`Saturday the 2nd`, `on the 27th.`), a quarter without a year (`the third
//!   quarter`) and the contract anchor `the Effective Date` / `the date hereof` / `the date
//!   first written above`.
//!
//! # How it normalizes
//! Absolute dates give `date` as `2032`, `2026-Q3`, `2026-01` or `2025-03-03` with the
//! matching precision. Impossible dates (`February 30, 2025`) are not dates at all.
//! Two-digit years pivot at 50 (`98` is 1998, `15` is 2015).
//!
//! `12/31/2026` vs `31/12/2026`: [`DateOrder`] from the options wins; with `Auto` the
//! document decides: numeric dates whose first number is above 12 vote day-first, those
//! whose second number is above 12 vote month-first, the majority wins, month-first on a
//! tie. A single date that is only valid in the other order is read in that order.
//!
//! Relative expressions keep what the text says in `date`, in a small notation:
//! - `ref`, `ref+P1D`, `ref-P2M`, `ref+P1D+P3W`: an offset from the reference date
//!   ("now"): `today`, `tomorrow`, `two months ago`, `three weeks from tomorrow`,
//!   `next year` (`ref+P1Y`, precision year), `last month` (`ref-P1M`, precision month),
//!   `this week` (`ref+P0W`, resolved to the Monday of that week).
//! - `anchor+P1D`, `anchor-P1Y`: an offset from an event named elsewhere in the text
//!   (`the next day`, `a year earlier`); never resolved, since the anchor is not known.
//! - TIMEX-style partial dates: `XXXX-04-22` (no year), `XXXX-01` (month, no year),
//!   `XXXX-Q3`, `XXXX-XX-27` (day of an unstated month), `XXXX-WXX-5` (a Friday, ISO
//!   weekday numbers), prefixed with `next ` / `last ` for `next Friday`, `last January`
//!   and suffixed ` ref+P1W` for `Friday next week`.
//! - `effective_date` for `the Effective Date`, `the date hereof` and `the date first
//!   written above` (`first above written`, `first set forth above`, `first stated above`).
//!
//! `resolved` is filled (as an absolute date of the same precision) only when a reference
//! date is known. It is, in this order: `Options::reference_date`; the document's
//! front-matter `effective_date`; else the first day-precision date in the text stated as
//! the document's date: preceded closely by `effective`, `dated`, `last updated`,
//! `entered into`, `made ... as of`, or followed by `("Effective Date")`. News without a
//! stated date gets no resolution. `the Effective Date` resolves to a date the text
//! defines as the Effective Date (`June 2, 2024 (the "Effective Date")`) first, then to
//! the document's stated date, then to `Options::reference_date`. Resolution rules: yearless dates take
//! the reference year; a bare weekday is the one in the reference date's ISO week; `next
//! Friday` / `last Friday` are the first Friday strictly after / before it.
//!
//! # Known limits
//! Years written in words (`two thousand and eighteen`), ordinal weekdays (`the first
//! Friday of July`), holidays and times of day are not read. Durations anchored to an
//! event (`30 days after the Closing`) are left to the duration extractor.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::Regex;

use crate::extract::groups::{GroupMemo, Groups};
use crate::extract::scan::{self, Token};
use crate::extract::{Context, DateOrder, Extractor, Options};
use crate::ingest::floor_char_boundary;
use crate::model::{DatePrecision, Fact, FactKind, Span, Value};

/// Month names and abbreviations. No boundary at the end: every pattern that uses it
/// requires what may follow (a dot, a space, a digit, a boundary).
const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// Full month names only (for `next January`, where `next mar` would be odd).
const MONTH_FULL: &str =
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)";

/// Weekdays, full or abbreviated, as a prefix of a written date (`Mon., Jan 5, 2026`).
const WEEKDAY_ANY: &str = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)";

/// Weekdays that can stand alone.
const WEEKDAY: &str = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs)";

/// Day of the month in words, ordinal (`twenty-first`) or cardinal after a month
/// (`May twenty one`). Longest alternatives first.
const DAY_WORD: &str = r"(?:thirty[-\s]?first|thirtieth|thirty[-\s]one|twenty[-\s]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|twenty[-\s](?:one|two|three|four|five|six|seven|eight|nine)|twentieth|nineteenth|eighteenth|seventeenth|sixteenth|fifteenth|fourteenth|thirteenth|twelfth|eleventh|tenth|ninth|eighth|seventh|sixth|fifth|fourth|third|second|first|thirty|twenty|nineteen|eighteen|seventeen|sixteen|fifteen|fourteen|thirteen|twelve|eleven|ten|nine|eight|seven|six|five|four|three|two|one)";

/// Ordinal day words only (day first: `fourth of May`; `one of May` is not a date).
const DAY_ORD: &str = r"(?:thirty[-\s]?first|thirtieth|twenty[-\s]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|twentieth|nineteenth|eighteenth|seventeenth|sixteenth|fifteenth|fourteenth|thirteenth|twelfth|eleventh|tenth|ninth|eighth|seventh|sixth|fifth|fourth|third|second|first)";

/// Small amounts for relative offsets (`two months ago`).
const AMOUNT: &str = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|a\s+couple\s+of|couple\s+of|a\s+few|few|several)";

fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static date regex")
}

/// Month first: `March 3, 2025`, `Monday, Jan. 12th 2016`, `april22`, `jan-1`,
/// `May the eleventh`, `September __, 2018`. The year is optional (yearless dates are
/// relative).
static MDY: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?xi)
        (?-u:\b)
        (?: (?P<wd>{WEEKDAY_ANY}) \.? ,? \s+ (?:the\s+)? )?     # optional weekday
        (?P<mon>{MONTH}) \.?
        (?: \s* ,? \s* (?P<the>the\s+)? | \s*[-/]\s* )          # `April 22`, `jan-1`, `October, 1st`
        (?:
            (?P<dd>\d{{1,2}}) (?: \s?(?P<sfx>st|nd|rd|th) )? (?-u:\b)
          | (?P<dw>{DAY_WORD}) (?-u:\b)
          | (?P<blank>_{{2,}})                                 # a form's blank day
        )
        (?:
            (?: \s*,\s* | \s+of\s+ | \s+ | \s*[-/]\s* ) (?P<yy>\d{{4}}) (?-u:\b)
          | \s*(?:,\s*)?'(?P<y2>\d{{2}}) (?-u:\b)
        )?
        "
    ))
});

/// Day first: `3 March 2025`, `3rd March 2025`, `the 1st day of January, 2026`,
/// `16. nov. 2016`, `28-nov`, `1-jan-98`, `fourth of May`.
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?xi)
        (?-u:\b)
        (?: (?P<wd>{WEEKDAY_ANY}) \.? ,? \s+ )?
        (?: the \s+ )?
        (?:
            (?P<dd>\d{{1,2}}) (?: \s?(?P<sfx>st|nd|rd|th) )?
          | (?P<dw>{DAY_ORD})
        )
        (?P<sep> \s+day\s+of\s+ | \s+of\s+ | \s*[-./]?\s* )
        (?P<mon>{MONTH}) (?: \. | (?-u:\b) )
        (?:
            (?: \s*,\s* | \s+of\s+ | \s+ ) (?P<yy>\d{{4}}) (?-u:\b)
          | (?: \s*[-/]\s* | \s*' ) (?P<y2>\d{{4}}|\d{{2}}) (?-u:\b)
        )?
        "
    ))
});

/// Month and year: `January 2026`, `Jan. 2026`, `June of 2020`, `Jan '26`, `Jan-2026`.
static MY: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?xi)
        (?-u:\b)
        (?P<mon>{MONTH}) \.?
        (?:
            (?: \s*,\s* | \s+of\s+ | \s+ | \s*[-/]\s* ) (?P<yy>\d{{4}})
          | \s*' (?P<y2>\d{{2}})
        )
        (?-u:\b)
        "
    ))
});

/// A month name alone after a preposition: `in January`, `since March`, `by June`.
/// Capitalized only (`in march` is rare, `may` is a verb).
static BARE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?x)
        (?-u:\b)
        (?i: in | since | until | till | by | from | through | during | before | after | early | late | mid | end \s+ of | beginning \s+ of )
        [\s-]+
        (?P<mon> January | February | March | April | May | June | July | August | September
               | October | November | December )
        (?-u:\b)
        ",
    )
});

/// Numeric dates, validated in code: `2025-03-03`, `2019-sep-1`, `12/31/2026`,
/// `11/12,2016`, `13.5.2015`. Boundaries are checked in code (`2025-03-03T10:00`).
static NUM: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?xi)
        (?P<a>\d{{1,4}}) (?P<s1>[-/.]) (?P<b>\d{{1,2}}|{MONTH}) (?P<s2>[-/.,]) (?P<c>\d{{1,4}})
        "
    ))
});

/// Month/day without a year, only after a word that makes it a date: `on 4/22`,
/// `Friday 7/6`.
static NUM_MD: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?xi)
        (?-u:\b)
        (?: (?P<wd>{WEEKDAY}) | on | by | until | till | before | after ) \s+
        (?P<a>\d{{1,2}}) (?P<s>[-/.]) (?P<b>\d{{1,2}})
        "
    ))
});

/// Quarters and fiscal years.
static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?xi)
        (?-u:\b)
        (?:
            Q(?P<q1>[1-4])                                                             # Q3 2026, Q3'26, Q3 FY26
            (?: \s*FY\s*'?(?P<y1>\d{4}|\d{2}) | \s*[-/]?\s*(?P<y1b>\d{4}) | \s*'(?P<y1c>\d{2}) )
          | (?P<q2>[1-4])Q (?: \s*(?P<y2>\d{4}) | '?(?P<y2b>\d{2}) )                  # 3Q26, 3Q 2026
          | (?P<y3>\d{4}) [-\s]? Q(?P<q3>[1-4])                                       # 2026-Q3
          | (?:the\s+)? (?P<qw>first|second|third|fourth|1st|2nd|3rd|4th) [-\s]+ quarter
            (?:
                (?: \s+ (?:of|in) \s+ (?:the\s+)? | \s+ | \s*,\s* )
                (?: (?:fiscal|financial) \s+ (?:year\s+)? )?
                (?P<y4>\d{4})
            )?
          | (?:FY|F/Y) \s* '? (?P<y5>\d{4}|\d{2})                                       # FY2025, FY '25
          | (?:fiscal|financial) \s+ (?:year \s+)? (?P<y6>\d{4})                       # fiscal (year) 2025
        )
        (?-u:\b)
        ",
    )
});

/// Candidate bare years; the context is checked in code.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?-u:\b)(?:1[89]\d\d|20\d\d|2100)(?-u:\b)"));

/// Relative expressions.
static REL: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?xi)
        (?-u:\b)
        (?:
            (?P<dbt> the \s+ day \s+ (?P<dbtd>before \s+ yesterday | after \s+ (?:tomorrow|tmrw)) )
          | (?P<ago>
                (?P<agon>{AMOUNT}) \s+ (?P<agou>day|week|month|year|quarter|fortnight|decade)s? \s+
                (?P<agod> ago | earlier | later | hence | back | from \s+ now | from \s+ today
                        | from | before | after )
                (?: \s+ (?P<agoa>today|tomorrow|tmrw|yesterday|now) )?
            )
          | (?P<sh> this | next | last | past | previous | prior | coming | following | current | upcoming ) \s+
            (?:
                (?P<shu> week | month | year | quarter )
                (?: \s+ (?:on\s+)? (?P<shwd2>{WEEKDAY}) )?
              | (?P<shwd>{WEEKDAY})
              | (?P<shmo>{MONTH_FULL})
            )
          | (?P<wdr>{WEEKDAY}) (?: ,? \s+ (?:of\s+)? (?P<wdsh>this|next|last) \s+ week )?
          | (?P<tdy> today | tomorrow | tmrw | yesterday )
          | (?: the \s+ )? (?P<nd> next | following | previous | prior | same ) \s+ day
          | (?P<eff> (?-i: Effective \s+ Date | date \s+ hereof | date \s+ of \s+ this \s+ Agreement
                  | date \s+ first \s+ (?: above \s+ written | (?: written | set \s+ forth | stated | mentioned ) \s+ above ) ) )
        )
        (?-u:\b)
        "
    ))
});

group_indexes! {
    /// Groups of [`REL`] that [`find_relative`] reads.
    static RG: RelGroups for REL => {
        ago, agoa, agod, agon, agou, dbtd, eff, nd, sh, shmo, shu, shwd, shwd2, tdy, wdr, wdsh
    }
}

/// A day of the month alone: `Saturday the 2nd`, `on the 27th.`, `for the second!`.
static DOM: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?xi)
        (?-u:\b)
        (?: (?P<wd>{WEEKDAY}) ,? \s+ | (?P<pre>on|for|by|until) \s+ )
        (?P<body>
            (?P<the> the \s+ )?
            (?: (?P<dd>\d{{1,2}}) (?P<sfx>st|nd|rd|th)? | (?P<dw>{DAY_ORD}) )
            (?-u:\b)
            (?P<rest> \s+ of \s+ (?P<rm>this|next|last) \s+ month | \s+ (?P<rm2>this|next|last) \s+ month )?
        )
        "
    ))
});

group_indexes! {
    /// Groups of [`DOM`] that [`find_relative`] reads.
    static DG: DomGroups for DOM => { body, dd, dw, pre, rest, rm, rm2, sfx, the }
}

/// The groups of the patterns above, remembered by shape (the same dates, weekdays and
/// relative phrases come back often).
static MDY_GROUPS: GroupMemo = GroupMemo::new(&MDY);
static DMY_GROUPS: GroupMemo = GroupMemo::new(&DMY);
static BARE_MONTH_GROUPS: GroupMemo = GroupMemo::new(&BARE_MONTH);
static MY_GROUPS: GroupMemo = GroupMemo::new(&MY);
static NUM_GROUPS: GroupMemo = GroupMemo::new(&NUM);
static NUM_MD_GROUPS: GroupMemo = GroupMemo::new(&NUM_MD);
static QUARTER_GROUPS: GroupMemo = GroupMemo::new(&QUARTER);
static REL_GROUPS: GroupMemo = GroupMemo::new(&REL);
static DOM_GROUPS: GroupMemo = GroupMemo::new(&DOM);

/// Cue before a date saying it is the document's own date.
static OWN_DATE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"(?xi)
        (?: effective (?: \s+ date)? | dated | last \s+ (?:updated|modified|revised) | entered \s+ into
          | made (?: \s+ and \s+ entered \s+ into)? ) [^.;]{0,30} $
        "#,
    )
});

/// Cue after a date saying it is the document's own date: `("Effective Date")`.
static OWN_DATE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| compile(r#"(?x) ^ [\s,(]* (?:the\s+)? ["“”'‘’]? \s* Effective \s+ Date"#));

/// Calendar unit of a relative expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Unit {
    fn letter(self) -> &'static str {
        match self {
            Unit::Day => "D",
            Unit::Week => "W",
            Unit::Month => "M",
            Unit::Quarter => "Q",
            Unit::Year => "Y",
        }
    }
    fn precision(self) -> DatePrecision {
        match self {
            Unit::Day | Unit::Week => DatePrecision::Day,
            Unit::Month => DatePrecision::Month,
            Unit::Quarter => DatePrecision::Quarter,
            Unit::Year => DatePrecision::Year,
        }
    }
}

/// `Friday`, `next Friday`, `Friday of next week`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WdRel {
    /// In the reference week shifted by this many weeks.
    Week(i64),
    /// First one strictly after the reference date.
    Next,
    /// Last one strictly before the reference date.
    Last,
}

/// What a date expression says, before it is written out.
#[derive(Debug, Clone, PartialEq, Eq)]
enum When {
    Day(NaiveDate),
    Month(i32, u32),
    Quarter(i32, u32),
    Year(i32),
    /// `12/05/2026` where the order is decided per document: (first, second, year).
    Ambiguous(u32, u32, i32),
    YearlessDay(u32, u32),
    YearlessMonth(u32),
    YearlessQuarter(u32),
    DayOfMonth(u32, i64),
    Weekday(Weekday, WdRel),
    NamedMonth(u32, i8),
    /// Offset from the reference date: (days added first, amount, unit, sign).
    FromNow(i64, i64, Unit, i64),
    /// `this/next/last week|month|quarter|year`.
    Period(Unit, i64),
    /// Offset from an event named in the text.
    Anaphoric(i64, Unit, i64),
    Effective,
}

#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    when: When,
}

/// Finds date facts. See the module docs.
pub struct DateExtractor {
    options: Options,
}

impl DateExtractor {
    pub fn new(options: &Options) -> Self {
        DateExtractor {
            options: options.clone(),
        }
    }
}

impl Extractor for DateExtractor {
    fn name(&self) -> &'static str {
        "date"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::Date]
    }
    fn warm_ups(&self) -> &'static [super::WarmUp] {
        warm_ups!(
            MDY,
            DMY,
            MY,
            BARE_MONTH,
            NUM,
            NUM_MD,
            QUARTER,
            YEAR,
            REL,
            DOM,
            OWN_DATE_BEFORE,
            OWN_DATE_AFTER,
            CUES
        )
    }
    fn extract(&self, cx: &Context, out: &mut Vec<Fact>) {
        let doc = cx.doc;
        let found = find_dates(&doc.text, cx.tokens(), self.options.date_order);
        if found.is_empty() {
            return;
        }
        let stated = doc
            .meta
            .effective_date
            .as_deref()
            .and_then(parse_day)
            .or_else(|| stated_date(&doc.text, &found));
        let reference = self.options.reference_date.or(stated);
        // A date the text defines as the Effective Date is what `the Effective Date`
        // means, even when front matter or the preamble date the document otherwise
        // (an amended and restated agreement keeps its original Effective Date).
        let effective = defined_effective_date(&doc.text, &found)
            .or(stated)
            .or(self.options.reference_date);
        for f in found {
            let span = Span::new(f.start, f.end);
            let value = to_value(&f.when, reference, effective);
            out.push(Fact::new(value, span, &doc.source, self.name()));
        }
    }
}

/// The first day-precision date in `s`, if any (for front matter values).
fn parse_day(s: &str) -> Option<NaiveDate> {
    find_dates(s, &scan::tokens(s.as_bytes()), DateOrder::Auto)
        .into_iter()
        .find_map(|f| match f.when {
            When::Day(d) => Some(d),
            _ => None,
        })
}

/// The document's own date, from a cue next to a day-precision date.
fn stated_date(text: &str, found: &[Found]) -> Option<NaiveDate> {
    found.iter().find_map(|f| {
        let When::Day(d) = f.when else { return None };
        let before = &text[floor_char_boundary(text, f.start.saturating_sub(60))..f.start];
        let after = &text[f.end..floor_char_boundary(text, f.end + 40)];
        (OWN_DATE_BEFORE.is_match(before) || OWN_DATE_AFTER.is_match(after)).then_some(d)
    })
}

/// The first day-precision date followed by its definition as the Effective Date
/// (`March 3, 2025 (the "Effective Date")`).
fn defined_effective_date(text: &str, found: &[Found]) -> Option<NaiveDate> {
    found.iter().find_map(|f| {
        let When::Day(d) = f.when else { return None };
        let after = &text[f.end..floor_char_boundary(text, f.end + 40)];
        OWN_DATE_AFTER.is_match(after).then_some(d)
    })
}

/// Every date expression in `text` (whose [`scan::tokens`] are `tokens`), without
/// overlaps (longest wins, then earliest), in text order.
fn find_dates(text: &str, tokens: &[Token], order: DateOrder) -> Vec<Found> {
    // The expensive patterns run only in windows around trigger words; the bare-year
    // pattern is cheap (a literal-led regex) and runs over the whole text.
    find_dates_in(text, order, trigger_windows(text, tokens))
}

fn find_dates_in(text: &str, order: DateOrder, windows: Vec<(usize, usize)>) -> Vec<Found> {
    let mut all = Vec::new();
    for (ws, we) in windows {
        let hay = &text[ws..we];
        let first = all.len();
        let cue = cues(hay);
        if cue.month {
            find_written(hay, &mut all);
        }
        if cue.quarter {
            find_quarters(hay, &mut all);
        }
        if hay.bytes().any(|b| b.is_ascii_digit()) {
            find_numeric(hay, &mut all);
        }
        find_relative(hay, cue.relative, &mut all);
        for f in &mut all[first..] {
            f.start += ws;
            f.end += ws;
        }
    }
    resolve_order(&mut all, order);
    find_years(text, &mut all);
    merge_weekdays(text, settle(all))
}

/// Letters without which a pattern cannot match, ASCII case-insensitive: the first
/// three of a month name (every pattern of [`find_written`] reads one) and `ſ`, which
/// `(?i)` matches as `s` (`ſep`); then the quarter cues of [`QUARTER`]: `q` (`Q3`, `3Q`,
/// `quarter`), `fy`, `f/y`, `fi` (`fiscal`, `financial`); then the words of which every
/// branch of [`REL`] but one reads at least one: `day` (`the day before`, `today`, every
/// weekday), its unit words, `tomorrow`, `tmrw`, `tues`, `thurs`, `date` (`Effective
/// Date`), and the Kelvin sign, which `(?i)` matches as `k` (`weeK`). The one left, `next
/// March`, reads a month name, a month cue.
const CUE_WORDS: [&str; 30] = [
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "ſ",
    "q",
    "fy",
    "f/y",
    "fi",
    "day",
    "week",
    "month",
    "year",
    "quarter",
    "fortnight",
    "decade",
    "tomorrow",
    "tmrw",
    "tues",
    "thurs",
    "date",
    "\u{212A}",
];

/// Patterns of [`CUE_WORDS`] before this index are month cues, then quarter cues up to
/// [`RELATIVE_CUES`], then relative cues.
const QUARTER_CUES: usize = 13;
const RELATIVE_CUES: usize = 17;

static CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(CUE_WORDS)
        .expect("static date cues")
});

/// Which pattern groups may match in a window ([`cues`]).
#[derive(Debug, PartialEq, Eq)]
struct Cues {
    month: bool,
    quarter: bool,
    relative: bool,
}

/// Whether `hay` may hold a match of the month patterns, of [`QUARTER`], and of [`REL`].
/// One pass over a window is cheaper than the searches it spares.
fn cues(hay: &str) -> Cues {
    let mut cue = Cues {
        month: false,
        quarter: false,
        relative: false,
    };
    for m in CUES.find_overlapping_iter(hay) {
        match m.pattern().as_usize() {
            i if i < QUARTER_CUES => cue.month = true,
            i if i < RELATIVE_CUES => cue.quarter = true,
            _ => cue.relative = true,
        }
        if cue.month && cue.quarter && cue.relative {
            break;
        }
    }
    // `next March`: a month name after `this`, `next`, `last`...
    cue.relative |= cue.month;
    cue
}

/// How far around a trigger word the full patterns look.
const MARGIN: usize = 48;

/// Byte ranges of `text` worth matching the full date patterns against: merged windows
/// of [`MARGIN`] bytes around trigger tokens, found in one linear pass over the bytes.
///
/// Triggers: month and weekday names; `today`, `tomorrow`, `yesterday`, `ago`,
/// `earlier`, `later`, `hence`; a unit word (`year`, `week`, `day`...) after `this`,
/// `next`, `last`, `the same`...; `quarter` after an ordinal; `fiscal`, `FY`, `Q3`,
/// `3Q`; `Effective Date`, `date hereof`, `date of this`, `date first`; `now` after `from`; ordinals
/// and small numbers after `on`, `for`, `by`, `until` (with or without `the`); and
/// digits joined by `/`, `-` (`12/31`, `2025-03`, `10-Apr`) or by two dots (`14.05.2018`).
/// Words and digit runs come from `tokens`, the text's [`scan::tokens`].
fn trigger_windows(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let n = b.len();
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let mut push = |s: usize, e: usize| {
        let ws = s.saturating_sub(MARGIN);
        let we = (e + MARGIN).min(n);
        match windows.last_mut() {
            Some(last) if ws <= last.1 => last.1 = last.1.max(we),
            _ => windows.push((ws, we)),
        }
    };
    for &Token {
        start: s,
        end: i,
        classes,
    } in tokens
    {
        if classes & scan::DATE != 0 {
            let w = lower(&b[s..i]);
            let before = || {
                let (p1, p2) = tokens_before(b, s);
                (lower(p1), lower(p2))
            };
            if is_trigger(w.as_slice(), &b[s..i], before, &b[i..(i + 40).min(n)]) {
                push(s, i);
            }
        } else if classes == scan::DIGITS {
            let c = b[s];
            let next = b.get(i).copied().unwrap_or(b' ');
            let after = b.get(i + 1).copied().unwrap_or(b' ');
            let joined = matches!(next, b'/' | b'-') && after.is_ascii_alphanumeric();
            let dotted =
                next == b'.' && after.is_ascii_digit() && b[i + 1..(i + 4).min(n)].contains(&b'.');
            let quarter = i - s == 1
                && (b'1'..=b'4').contains(&c)
                && (matches!(next, b'q' | b'Q') || s > 0 && matches!(b[s - 1], b'q' | b'Q'));
            let after_cue = i - s <= 2 && {
                let (p1, p2) = tokens_before(b, s);
                let (p1, p2) = (lower(p1), lower(p2));
                let (p1, p2) = (p1.as_slice(), p2.as_slice());
                is_dom_cue(p1) || p1 == b"the" && is_dom_cue(p2) || is_weekday(p1)
            };
            if joined || dotted || quarter || after_cue {
                push(s, i);
            }
        }
    }
    // Snap the windows outwards to whitespace (within 32 bytes), so no word is cut.
    for w in &mut windows {
        let mut s = w.0;
        while s > 0 && w.0 - s < 32 && !b[s - 1].is_ascii_whitespace() {
            s -= 1;
        }
        w.0 = floor_char_boundary(text, s);
        let mut e = w.1;
        while e < n && e - w.1 < 32 && !b[e].is_ascii_whitespace() {
            e += 1;
        }
        while e < n && !text.is_char_boundary(e) {
            e += 1;
        }
        w.1 = e;
    }
    // Snapping may make neighbours touch or overlap: merge them again.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(windows.len());
    for w in windows {
        match merged.last_mut() {
            Some(last) if w.0 <= last.1 => last.1 = last.1.max(w.1),
            _ => merged.push(w),
        }
    }
    merged
}

/// A lower-cased copy of a short token (empty for tokens longer than 15 bytes).
struct Lower {
    buf: [u8; 16],
    len: usize,
}

impl Lower {
    fn as_slice(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

fn lower(word: &[u8]) -> Lower {
    let mut buf = [0u8; 16];
    if word.len() > 16 {
        return Lower { buf, len: 0 };
    }
    for (d, &x) in buf.iter_mut().zip(word) {
        *d = x.to_ascii_lowercase();
    }
    Lower {
        buf,
        len: word.len(),
    }
}

/// Start of the run of bytes that satisfy `class` at the end of `b`.
fn run_start(b: &[u8], class: impl Fn(&u8) -> bool) -> usize {
    b.iter().rposition(|x| !class(x)).map_or(0, |p| p + 1)
}

/// The two tokens (maximal runs of ASCII letters or of ASCII digits) before the token
/// starting at `s`, nearest first; empty where the text starts. Read backwards on
/// demand, so the forward scan keeps no state for the rare words that need them.
fn tokens_before(b: &[u8], s: usize) -> (&[u8], &[u8]) {
    let token_ending_before = |end: usize| -> (usize, usize) {
        let Some(last) = b[..end].iter().rposition(u8::is_ascii_alphanumeric) else {
            return (0, 0);
        };
        let start = if b[last].is_ascii_digit() {
            run_start(&b[..last], u8::is_ascii_digit)
        } else {
            run_start(&b[..last], u8::is_ascii_alphabetic)
        };
        (start, last + 1)
    };
    let (s1, e1) = token_ending_before(s);
    let (s2, e2) = token_ending_before(s1);
    (&b[s1..e1], &b[s2..e2])
}

/// Every word [`is_trigger`] may accept, for the cheap first-letter/length filter.
pub(crate) const TRIGGER_WORDS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "today",
    "tomorrow",
    "tmrw",
    "yesterday",
    "ago",
    "earlier",
    "later",
    "hence",
    "fiscal",
    "fy",
    "hereof",
    "now",
    "back",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "day",
    "days",
    "fortnight",
    "decade",
    "decades",
    "quarter",
    "quarters",
    "financial",
    "effective",
    "this",
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
    "twentieth",
    "thirtieth",
    "twenty",
    "thirty",
];

fn is_dom_cue(w: &[u8]) -> bool {
    matches!(w, b"on" | b"for" | b"by" | b"until")
}

fn is_weekday(w: &[u8]) -> bool {
    matches!(
        w,
        b"monday"
            | b"tuesday"
            | b"wednesday"
            | b"thursday"
            | b"friday"
            | b"saturday"
            | b"sunday"
            | b"mon"
            | b"tue"
            | b"tues"
            | b"wed"
            | b"thu"
            | b"thur"
            | b"thurs"
            | b"fri"
            | b"sat"
            | b"sun"
    )
}

fn is_month(w: &[u8]) -> bool {
    matches!(
        w,
        b"jan"
            | b"january"
            | b"feb"
            | b"february"
            | b"mar"
            | b"march"
            | b"apr"
            | b"april"
            | b"may"
            | b"jun"
            | b"june"
            | b"jul"
            | b"july"
            | b"aug"
            | b"august"
            | b"sep"
            | b"sept"
            | b"september"
            | b"oct"
            | b"october"
            | b"nov"
            | b"november"
            | b"dec"
            | b"december"
    )
}

fn is_ordinal_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"first"
            | b"second"
            | b"third"
            | b"fourth"
            | b"fifth"
            | b"sixth"
            | b"seventh"
            | b"eighth"
            | b"ninth"
            | b"tenth"
            | b"eleventh"
            | b"twelfth"
            | b"thirteenth"
            | b"fourteenth"
            | b"fifteenth"
            | b"sixteenth"
            | b"seventeenth"
            | b"eighteenth"
            | b"nineteenth"
            | b"twentieth"
            | b"thirtieth"
            | b"twenty"
            | b"thirty"
    )
}

/// Is this word (lower-cased `w`, original `orig`) a reason to look closer? `before`
/// gives the two tokens before it, lower-cased (`p1` the nearest, `p2`), `ahead` the
/// bytes right after it.
fn is_trigger(w: &[u8], orig: &[u8], before: impl Fn() -> (Lower, Lower), ahead: &[u8]) -> bool {
    if w.is_empty() {
        return false;
    }
    // The two words before, lower-cased, read only for the words that depend on them
    // (going back over the text costs more than the rest of this test).
    let context = std::cell::OnceCell::new();
    let p1 = || context.get_or_init(&before).0.as_slice();
    let p2 = || context.get_or_init(&before).1.as_slice();
    if is_month(w) {
        // Lower-case `may` is the verb unless a day or `the` follows, or `of` precedes.
        if w == b"may" && orig == b"may" {
            let rest = ahead.trim_ascii_start();
            let starts =
                |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
            return rest.first().is_some_and(u8::is_ascii_digit)
                || starts(b"the ")
                || starts(b"twenty")
                || starts(b"thirty")
                || p1() == b"of";
        }
        return true;
    }
    if is_weekday(w) {
        return true;
    }
    let after_shift = || {
        matches!(
            p1(),
            b"this"
                | b"next"
                | b"last"
                | b"past"
                | b"previous"
                | b"prior"
                | b"coming"
                | b"following"
                | b"current"
                | b"upcoming"
                | b"same"
        )
    };
    match w {
        b"today" | b"tomorrow" | b"tmrw" | b"yesterday" | b"ago" | b"earlier" | b"later"
        | b"hence" | b"fiscal" | b"fy" => true,
        b"hereof" => p1() == b"date",
        b"now" => p1() == b"from",
        b"back" => matches!(p1(), b"days" | b"weeks" | b"months" | b"years" | b"decades"),
        b"week" | b"weeks" | b"month" | b"months" | b"year" | b"years" | b"day" | b"days"
        | b"fortnight" | b"decade" | b"decades" => after_shift(),
        b"quarter" | b"quarters" => {
            after_shift()
                || matches!(
                    p1(),
                    b"first" | b"second" | b"third" | b"fourth" | b"st" | b"nd" | b"rd" | b"th"
                )
        }
        b"financial" => {
            ahead
                .trim_ascii_start()
                .first()
                .is_some_and(u8::is_ascii_digit)
                || ahead.trim_ascii_start().starts_with(b"year")
        }
        b"effective" => orig == b"Effective" && ahead.trim_ascii_start().starts_with(b"Date"),
        b"this" => p1() == b"of" && p2() == b"date",
        // `the date first written above`, `the date first above written`
        b"first" if p1() == b"date" => true,
        _ => {
            is_ordinal_word(w)
                && (is_dom_cue(p1())
                    || p1() == b"the" && is_dom_cue(p2())
                    || is_weekday(p1())
                    || p1() == b"the" && is_weekday(p2()))
        }
    }
}

/// `Friday 7/6`, `this Friday (Jun-15)`: a weekday right before a date names the same
/// day; keep one fact with the date's value over both.
fn merge_weekdays(text: &str, found: Vec<Found>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if let Some(prev) = out.last_mut() {
            let gap = &text[prev.end..f.start.max(prev.end)];
            let joinable = matches!(prev.when, When::Weekday(..))
                && matches!(f.when, When::Day(_) | When::YearlessDay(..))
                && gap.len() <= 3
                && gap.chars().all(|c| matches!(c, ' ' | ',' | '(' | '-'));
            if joinable {
                prev.end = f.end;
                prev.when = f.when;
                continue;
            }
        }
        out.push(f);
    }
    out
}

fn settle(mut all: Vec<Found>) -> Vec<Found> {
    all.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Found> = Vec::with_capacity(all.len());
    let mut taken = std::collections::BTreeMap::new();
    for f in all {
        let clash = taken
            .range(..f.end)
            .next_back()
            .is_some_and(|(_, &end)| end > f.start);
        if !clash {
            taken.insert(f.start, f.end);
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| f.start);
    kept
}

fn month_of(name: &str) -> Option<u32> {
    let lower = name.get(..3)?.to_ascii_lowercase();
    let m = match lower.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday_of(name: &str) -> Option<Weekday> {
    let lower = name.get(..3)?.to_ascii_lowercase();
    let wd = match lower.as_str() {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    };
    Some(wd)
}

/// `twenty-first`, `twenty one`, `3rd`... as a day number.
fn day_word(word: &str) -> Option<u32> {
    const UNITS: [(&str, u32); 20] = [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("tenth", 10),
        ("ten", 10),
    ];
    const TEENS: [(&str, u32); 22] = [
        ("eleventh", 11),
        ("eleven", 11),
        ("twelfth", 12),
        ("twelve", 12),
        ("thirteenth", 13),
        ("thirteen", 13),
        ("fourteenth", 14),
        ("fourteen", 14),
        ("fifteenth", 15),
        ("fifteen", 15),
        ("sixteenth", 16),
        ("sixteen", 16),
        ("seventeenth", 17),
        ("seventeen", 17),
        ("eighteenth", 18),
        ("eighteen", 18),
        ("nineteenth", 19),
        ("nineteen", 19),
        ("twentieth", 20),
        ("twenty", 20),
        ("thirtieth", 30),
        ("thirty", 30),
    ];
    let w = word.to_ascii_lowercase();
    let w = w.trim();
    let (tens, rest) = if let Some(r) = w.strip_prefix("twenty") {
        (20, r)
    } else if let Some(r) = w.strip_prefix("thirty") {
        (30, r)
    } else {
        (0, w)
    };
    let rest = rest.trim_start_matches(['-', ' ', '\t', '\n', '\r']);
    if rest.is_empty() {
        return (tens > 0).then_some(tens);
    }
    if tens == 0 {
        if let Some(&(_, n)) = TEENS.iter().find(|(s, _)| *s == rest) {
            return Some(n);
        }
    }
    if rest == "ieth" {
        return Some(tens);
    }
    UNITS
        .iter()
        .find(|(s, _)| *s == rest)
        .map(|&(_, n)| tens + n)
        .filter(|&n| n <= 31)
}

/// Two-digit years pivot at 50.
fn full_year(y: &str) -> Option<i32> {
    let n: i32 = y.trim_start_matches('\'').parse().ok()?;
    Some(match y.len() {
        2 if n < 50 => 2000 + n,
        2 => 1900 + n,
        _ => n,
    })
}

fn year_of(c: &Groups, four: &str, two: &str) -> Option<i32> {
    c.name(four)
        .or_else(|| c.name(two))
        .and_then(|m| full_year(m.as_str()))
}

/// Is the matched `may` the modal verb rather than the month? Only when it is written in
/// lower case and nothing but a plain number or word follows (`may 5`, `may first`).
fn modal_may(mon: &str) -> bool {
    mon == "may"
}

/// True when the text after `end` starts with a unit or count noun (`5 days`, `4 %`),
/// which makes a yearless `May 5` or `on 4/22` a number, not a date.
fn followed_by_count(text: &str, end: usize) -> bool {
    let rest = text[end..floor_char_boundary(text, end + 24)].trim_start();
    if rest.starts_with('%') {
        return true;
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    COUNT_NOUNS.contains(&word.as_str())
}

/// Nouns that make a preceding number a count, not a year or a day.
const COUNT_NOUNS: &[&str] = &[
    "percent",
    "pct",
    "per",
    "shares",
    "share",
    "units",
    "unit",
    "people",
    "persons",
    "employees",
    "workers",
    "jobs",
    "tons",
    "tonnes",
    "barrels",
    "bpd",
    "acres",
    "feet",
    "foot",
    "ft",
    "miles",
    "meters",
    "metres",
    "km",
    "kg",
    "lbs",
    "pounds",
    "dollars",
    "dlrs",
    "dollar",
    "euros",
    "yen",
    "marks",
    "francs",
    "stg",
    "points",
    "pts",
    "votes",
    "members",
    "copies",
    "pieces",
    "items",
    "hours",
    "hour",
    "hrs",
    "minutes",
    "seconds",
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
    "times",
    "customers",
    "users",
    "seats",
    "beds",
    "rooms",
    "stores",
    "cars",
    "vehicles",
    "homes",
    "houses",
    "students",
    "troops",
    "mln",
    "million",
    "billion",
    "bln",
    "thousand",
    "mw",
    "kw",
    "gb",
    "mb",
    "sq",
    "square",
    "cubic",
    "ounces",
    "oz",
    "hectares",
    "am",
    "pm",
    "business",
    "calendar",
    "of",
];

fn push_day(out: &mut Vec<Found>, start: usize, end: usize, y: i32, m: u32, d: u32) {
    if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
        out.push(Found {
            start,
            end,
            when: When::Day(date),
        });
    }
}

/// A yearless month/day is kept only when it exists in some year (Feb 29 does).
fn push_yearless(out: &mut Vec<Found>, start: usize, end: usize, m: u32, d: u32) {
    if NaiveDate::from_ymd_opt(2000, m, d).is_some() {
        out.push(Found {
            start,
            end,
            when: When::YearlessDay(m, d),
        });
    }
}

fn find_written(text: &str, out: &mut Vec<Found>) {
    for c in MDY_GROUPS.iter(text) {
        let (Some(whole), Some(mon)) = (c.get(0), c.name("mon")) else {
            continue;
        };
        let Some(m) = month_of(mon.as_str()) else {
            continue;
        };
        let year = year_of(&c, "yy", "y2");
        if c.name("blank").is_some() {
            // `September __, 2018`: the month of a form with the day left blank.
            if let Some(y) = year {
                out.push(Found {
                    start: whole.start(),
                    end: whole.end(),
                    when: When::Month(y, m),
                });
            }
            continue;
        }
        let day = match (c.name("dd"), c.name("dw")) {
            (Some(d), _) => d.as_str().parse().ok(),
            (_, Some(w)) => day_word(w.as_str()),
            _ => None,
        };
        let Some(d) = day else { continue };
        match year {
            Some(y) => push_day(out, whole.start(), whole.end(), y, m, d),
            None => {
                let compound_word = c.name("dw").is_some_and(|w| {
                    w.as_str().len() > 6 && day_word(w.as_str()).is_some_and(|n| n > 20)
                });
                if modal_may(mon.as_str())
                    && c.name("the").is_none()
                    && c.name("sfx").is_none()
                    && !compound_word
                {
                    continue;
                }
                if c.name("dd").is_some() && followed_by_count(text, whole.end()) {
                    continue;
                }
                push_yearless(out, whole.start(), whole.end(), m, d);
            }
        }
    }
    for c in DMY_GROUPS.iter(text) {
        let (Some(whole), Some(mon)) = (c.get(0), c.name("mon")) else {
            continue;
        };
        let Some(m) = month_of(mon.as_str()) else {
            continue;
        };
        let day = match (c.name("dd"), c.name("dw")) {
            (Some(d), _) => d.as_str().parse().ok(),
            (_, Some(w)) => day_word(w.as_str()),
            _ => None,
        };
        let Some(d) = day else { continue };
        let sep = c.name("sep").map_or("", |s| s.as_str());
        let year = year_of(&c, "yy", "y2");
        match year {
            Some(y) => push_day(out, whole.start(), whole.end(), y, m, d),
            None => {
                // `5 may` is rarely a date; `5th of May`, `5 May` capitalized are.
                if modal_may(mon.as_str()) && !sep.contains("of") {
                    continue;
                }
                push_yearless(out, whole.start(), whole.end(), m, d);
            }
        }
    }
    for c in BARE_MONTH_GROUPS.iter(text) {
        let Some(mon) = c.name("mon") else { continue };
        let Some(m) = month_of(mon.as_str()) else {
            continue;
        };
        out.push(Found {
            start: mon.start(),
            end: mon.end(),
            when: When::YearlessMonth(m),
        });
    }
    for c in MY_GROUPS.iter(text) {
        let (Some(whole), Some(mon)) = (c.get(0), c.name("mon")) else {
            continue;
        };
        let (Some(m), Some(y)) = (month_of(mon.as_str()), year_of(&c, "yy", "y2")) else {
            continue;
        };
        if followed_by_count(text, whole.end()) {
            continue;
        }
        out.push(Found {
            start: whole.start(),
            end: whole.end(),
            when: When::Month(y, m),
        });
    }
}

/// Whether a numeric date at `start..end` stands alone: not part of a longer run of
/// digits and separators (`1.2.3.2019`, `12345-01-01`, `2025-03-03-7`).
fn numeric_bounds_ok(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let before_ok = start == 0 || {
        let p = b[start - 1];
        !(p.is_ascii_alphanumeric()
            || (matches!(p, b'.' | b'/' | b'-' | b',')
                && start >= 2
                && b[start - 2].is_ascii_digit()))
    };
    let after_ok = end >= b.len() || {
        let n = b[end];
        !(n.is_ascii_digit()
            || (n.is_ascii_alphabetic() && n != b'T' && n != b't')
            || (matches!(n, b'.' | b'/' | b'-' | b',')
                && b.get(end + 1).is_some_and(|x| x.is_ascii_digit())))
    };
    before_ok && after_ok
}

fn find_numeric(text: &str, out: &mut Vec<Found>) {
    for c in NUM_GROUPS.iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let (a, s1, b, s2, cc) = (&c["a"], &c["s1"], &c["b"], &c["s2"], &c["c"]);
        if !numeric_bounds_ok(text, whole.start(), whole.end()) {
            continue;
        }
        let month_b = if b.as_bytes()[0].is_ascii_digit() {
            b.parse::<u32>().ok()
        } else {
            month_of(b)
        };
        let Some(mb) = month_b else { continue };
        if a.len() == 4 {
            // Year first: 2025-03-03, 2015/08/12, 2015.5.13, 2019-sep-1.
            if s1 != s2 || cc.len() > 2 {
                continue;
            }
            let (Ok(y), Ok(d)) = (a.parse::<i32>(), cc.parse::<u32>()) else {
                continue;
            };
            push_day(out, whole.start(), whole.end(), y, mb, d);
            continue;
        }
        if a.len() > 2 || !(cc.len() == 2 || cc.len() == 4) {
            continue;
        }
        let same = s1 == s2 || (s1 == "/" && s2 == ",");
        // Dotted dates need a four-digit year: `4.5.66` is a section number.
        if !same || (s1 == "." && cc.len() != 4) {
            continue;
        }
        let (Ok(x), Some(y)) = (a.parse::<u32>(), full_year(cc)) else {
            continue;
        };
        if !b.as_bytes()[0].is_ascii_digit() {
            // `1-jan-98`: day, month name, year.
            push_day(out, whole.start(), whole.end(), y, mb, x);
            continue;
        }
        out.push(Found {
            start: whole.start(),
            end: whole.end(),
            when: When::Ambiguous(x, mb, y),
        });
    }
    for c in NUM_MD_GROUPS.iter(text) {
        let (Some(a), Some(b)) = (c.name("a"), c.name("b")) else {
            continue;
        };
        let (start, end) = match c.name("wd") {
            Some(w) => (w.start(), b.end()),
            None => (a.start(), b.end()),
        };
        if !numeric_bounds_ok(text, a.start(), end) || followed_by_count(text, end) {
            continue;
        }
        if c.name("s").is_some_and(|s| s.as_str() == ".") && c.name("wd").is_none() {
            // `on 4.22` is more often a decimal than a date.
            continue;
        }
        let (Ok(x), Ok(y)) = (a.as_str().parse::<u32>(), b.as_str().parse::<u32>()) else {
            continue;
        };
        out.push(Found {
            start,
            end,
            when: When::Ambiguous(x, y, 0),
        });
    }
}

/// Read every `Ambiguous` numeric date in the order the options or the document say;
/// drop those that are no date in either order.
fn resolve_order(all: &mut Vec<Found>, order: DateOrder) {
    let day_first = match order {
        DateOrder::DayFirst => true,
        DateOrder::MonthFirst => false,
        DateOrder::Auto => {
            let (mut df, mut mf) = (0usize, 0usize);
            for f in all.iter() {
                if let When::Ambiguous(x, y, _) = f.when {
                    df += usize::from(x > 12 && y <= 12);
                    mf += usize::from(y > 12 && x <= 12);
                }
            }
            df > mf
        }
    };
    for f in all.iter_mut() {
        let When::Ambiguous(x, y, year) = f.when else {
            continue;
        };
        let (m, d) = if day_first { (y, x) } else { (x, y) };
        // A date valid only in the other order is read in that order.
        let (m, d) = if m > 12 && d <= 12 { (d, m) } else { (m, d) };
        let when = if year == 0 {
            NaiveDate::from_ymd_opt(2000, m, d).map(|_| When::YearlessDay(m, d))
        } else {
            NaiveDate::from_ymd_opt(year, m, d).map(When::Day)
        };
        // Impossible either way: mark it for removal (a zero-length span).
        match when {
            Some(w) => f.when = w,
            None => f.end = f.start,
        }
    }
    all.retain(|f| f.end > f.start);
}

fn quarter_word(w: &str) -> Option<u32> {
    match w.to_ascii_lowercase().as_str() {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" => Some(4),
        _ => None,
    }
}

fn find_quarters(text: &str, out: &mut Vec<Found>) {
    for c in QUARTER_GROUPS.iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
        let yr = |n: &str| c.name(n).and_then(|m| full_year(m.as_str()));
        let when = if let (Some(q), Some(y)) = (
            num("q1"),
            yr("y1").or_else(|| yr("y1b")).or_else(|| yr("y1c")),
        ) {
            When::Quarter(y, q)
        } else if let (Some(q), Some(y)) = (num("q2"), yr("y2").or_else(|| yr("y2b"))) {
            When::Quarter(y, q)
        } else if let (Some(q), Some(y)) = (num("q3"), yr("y3")) {
            When::Quarter(y, q)
        } else if let Some(q) = c.name("qw").and_then(|m| quarter_word(m.as_str())) {
            match yr("y4") {
                Some(y) => When::Quarter(y, q),
                None => When::YearlessQuarter(q),
            }
        } else if let Some(y) = yr("y5").or_else(|| yr("y6")) {
            When::Year(y)
        } else {
            continue;
        };
        if followed_by_count(text, whole.end()) && !matches!(when, When::YearlessQuarter(_)) {
            continue;
        }
        out.push(Found {
            start: whole.start(),
            end: whole.end(),
            when,
        });
    }
}

/// Words after which a four-digit number is a year.
const YEAR_TRIGGERS: &[&str] = &[
    "in", "by", "through", "thru", "until", "till", "since", "from", "during", "before", "after",
    "between", "early", "late", "mid", "year", "for", "the", "circa", "around",
];

/// Words that, followed by `of`, make the next number a year (`end of 2026`).
const OF_TRIGGERS: &[&str] = &[
    "end",
    "beginning",
    "start",
    "middle",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "half",
    "quarter",
    "month",
    "as",
    "course",
    "part",
    "remainder",
    "rest",
    "close",
];

/// The word just before `i` (letters only), and where it starts.
fn word_before(text: &str, i: usize) -> (&str, usize) {
    let head = &text[floor_char_boundary(text, i.saturating_sub(40))..i];
    let base = i - head.len();
    let trimmed = head.trim_end_matches([' ', '\t', '\n', '\r', '-']);
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_ascii_alphabetic())
        .map_or(0, |(p, c)| p + c.len_utf8());
    (&trimmed[word_start..], base + word_start)
}

fn find_years(text: &str, out: &mut Vec<Found>) {
    let b = text.as_bytes();
    // End of the last year accepted, for `from 2020 to 2024`.
    let mut prev_year_end: Option<usize> = None;
    for m in YEAR.find_iter(text) {
        let (s, e) = (m.start(), m.end());
        // Not part of a number: `2,032`, `2030.5`, `$2030`, `#2030`, `12-2030`.
        let mid = s >= 4
            && text
                .get(s - 4..s - 1)
                .is_some_and(|w| w.eq_ignore_ascii_case("mid"));
        if s > 0
            && matches!(
                b[s - 1],
                b'$' | b'#' | b'.' | b',' | b'/' | b'\'' | b'+' | b'-'
            )
            && !(b[s - 1] == b'-' && mid)
        {
            continue;
        }
        if e < b.len()
            && (b[e] == b'%'
                || (matches!(b[e], b'.' | b',' | b':')
                    && b.get(e + 1).is_some_and(u8::is_ascii_digit)))
        {
            continue;
        }
        if followed_by_count(text, e) {
            continue;
        }
        let (word, word_start) = word_before(text, s);
        let lower = word.to_ascii_lowercase();
        let after_year = prev_year_end.is_some_and(|le| {
            le <= word_start
                && word_start - le <= 4
                && matches!(text[le..word_start].trim(), "" | "," | "-" | "/" | "–")
        });
        // `the previous 2030 deadline`: an adjective of time between `the` and the year.
        let the_adjective = matches!(
            lower.as_str(),
            "previous"
                | "prior"
                | "earlier"
                | "original"
                | "former"
                | "initial"
                | "new"
                | "revised"
                | "extended"
                | "current"
        ) && word_before(text, word_start).0.eq_ignore_ascii_case("the");
        let triggered = if lower == "the" || the_adjective {
            // `the 2030 deadline`: needs a following word.
            text[e..].starts_with(' ')
                && text[e..]
                    .trim_start_matches(' ')
                    .starts_with(|c: char| c.is_alphabetic())
        } else if YEAR_TRIGGERS.contains(&lower.as_str()) {
            true
        } else if lower == "of" {
            let (w2, _) = word_before(text, word_start);
            OF_TRIGGERS.contains(&w2.to_ascii_lowercase().as_str())
        } else if matches!(
            lower.as_str(),
            "to" | "and" | "or" | "through" | "until" | ""
        ) {
            after_year
        } else {
            false
        };
        if !triggered {
            continue;
        }
        let Ok(y) = m.as_str().parse::<i32>() else {
            continue;
        };
        prev_year_end = Some(e);
        out.push(Found {
            start: s,
            end: e,
            when: When::Year(y),
        });
    }
}

fn amount_of(s: &str) -> Option<i64> {
    let lower = s.to_ascii_lowercase();
    let w: Vec<&str> = lower.split_whitespace().collect();
    let n = match w.as_slice() {
        [] => return None,
        ["a", "couple", "of"] | ["couple", "of"] => 2,
        ["a", "few"] | ["few"] | ["several"] => 3,
        [x] => match *x {
            "a" | "an" | "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "fifteen" => 15,
            "twenty" => 20,
            "thirty" => 30,
            d => d.parse().ok()?,
        },
        _ => return None,
    };
    Some(n)
}

fn unit_of(s: &str) -> Option<(Unit, i64)> {
    Some(match s.to_ascii_lowercase().as_str() {
        "day" => (Unit::Day, 1),
        "week" => (Unit::Week, 1),
        "fortnight" => (Unit::Week, 2),
        "month" => (Unit::Month, 1),
        "quarter" => (Unit::Quarter, 1),
        "year" => (Unit::Year, 1),
        "decade" => (Unit::Year, 10),
        _ => return None,
    })
}

/// Relative dates in `text`: [`REL`]'s when `relative` (its cues are in the text, see
/// [`cues`]), and [`DOM`]'s.
fn find_relative(text: &str, relative: bool, out: &mut Vec<Found>) {
    if relative {
        find_relative_phrases(text, out);
    }
    for c in DOM_GROUPS.iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let day = match (c.get(DG.dd), c.get(DG.dw)) {
            (Some(d), _) => d.as_str().parse::<u32>().ok(),
            (_, Some(w)) => day_word(w.as_str()),
            _ => None,
        };
        let Some(d) = day.filter(|d| (1..=31).contains(d)) else {
            continue;
        };
        let month_shift = match c
            .get(DG.rm)
            .or(c.get(DG.rm2))
            .map(|m| m.as_str().to_ascii_lowercase())
        {
            Some(s) if s == "next" => 1,
            Some(s) if s == "last" => -1,
            _ => 0,
        };
        if c.get(DG.the).is_none() && c.get(DG.sfx).is_none() && c.get(DG.pre).is_none() {
            // `Friday 15` is too loose; `Friday 15th`, `Friday the 15th` are dates.
            continue;
        }
        let start = match (c.get(DG.pre), c.get(DG.body)) {
            (Some(_), Some(body)) => {
                // `on the 27th floor` is not a date: without a weekday or `of next
                // month`, the day must end the phrase.
                if c.get(DG.rest).is_none() {
                    let after = text[whole.end()..].trim_start_matches([' ', '\t']);
                    let decimal = after.len() > 1
                        && after.starts_with(['.', ','])
                        && after.as_bytes()[1].is_ascii_digit();
                    let ends = after.is_empty()
                        || after.starts_with(['.', '!', '?', ',', ';', '\n', '\r', ')']);
                    if decimal {
                        continue;
                    }
                    if !ends {
                        continue;
                    }
                }
                body.start()
            }
            _ => whole.start(),
        };
        out.push(Found {
            start,
            end: whole.end(),
            when: When::DayOfMonth(d, month_shift),
        });
    }
}

/// [`REL`]'s relative dates in `text`.
fn find_relative_phrases(text: &str, out: &mut Vec<Found>) {
    for c in REL_GROUPS.iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let (mut start, end) = (whole.start(), whole.end());
        let when = if let Some(d) = c.get(RG.dbtd) {
            let days: i64 = if d.as_str().to_ascii_lowercase().starts_with("before") {
                -2
            } else {
                2
            };
            When::FromNow(0, days.abs(), Unit::Day, days.signum())
        } else if c.get(RG.ago).is_some() {
            let (Some(n), Some((unit, k))) = (
                c.get(RG.agon).and_then(|m| amount_of(m.as_str())),
                c.get(RG.agou).and_then(|m| unit_of(m.as_str())),
            ) else {
                continue;
            };
            let n = n * k;
            let dir = c[RG.agod].to_ascii_lowercase();
            let anchor = c.get(RG.agoa).map(|m| m.as_str().to_ascii_lowercase());
            let base = match anchor.as_deref() {
                Some("tomorrow" | "tmrw") => 1,
                Some("yesterday") => -1,
                _ => 0,
            };
            match (
                dir.split_whitespace().next().unwrap_or(""),
                anchor.is_some(),
            ) {
                ("ago" | "back", _) => When::FromNow(base, n, unit, -1),
                ("hence", _) => When::FromNow(base, n, unit, 1),
                ("from", true) | ("after", true) => When::FromNow(base, n, unit, 1),
                ("from", false) if dir.ends_with("now") || dir.ends_with("today") => {
                    When::FromNow(0, n, unit, 1)
                }
                ("before", true) => When::FromNow(base, n, unit, -1),
                ("earlier", false) => When::Anaphoric(n, unit, -1),
                ("later", false) => When::Anaphoric(n, unit, 1),
                _ => continue,
            }
        } else if let Some(sh) = c.get(RG.sh) {
            let sh = sh.as_str().to_ascii_lowercase();
            let shift: i64 = match sh.as_str() {
                "this" | "current" => 0,
                "next" | "coming" | "following" | "upcoming" => 1,
                _ => -1,
            };
            // `the following year`, `the prior month` count from an event in the text.
            let anaphoric = matches!(sh.as_str(), "following" | "previous" | "prior");
            if let Some(u) = c.get(RG.shu) {
                let Some((unit, _)) = unit_of(u.as_str()) else {
                    continue;
                };
                // `over the past year` is a stretch of time, not a date.
                if sh == "past" {
                    continue;
                }
                match c.get(RG.shwd2).and_then(|w| weekday_of(w.as_str())) {
                    _ if anaphoric => When::Anaphoric(1, unit, shift),
                    Some(wd) if unit == Unit::Week => When::Weekday(wd, WdRel::Week(shift)),
                    _ => When::Period(unit, shift),
                }
            } else if let Some(wd) = c.get(RG.shwd).and_then(|w| weekday_of(w.as_str())) {
                match shift {
                    0 => When::Weekday(wd, WdRel::Week(0)),
                    1 => When::Weekday(wd, WdRel::Next),
                    _ => When::Weekday(wd, WdRel::Last),
                }
            } else if let Some(m) = c.get(RG.shmo).and_then(|m| month_of(m.as_str())) {
                if c.get(RG.shmo).is_some_and(|m| m.as_str() == "may") {
                    continue;
                }
                When::NamedMonth(m, shift as i8)
            } else {
                continue;
            }
        } else if let Some(wd) = c.get(RG.wdr).and_then(|w| weekday_of(w.as_str())) {
            let shift = match c.get(RG.wdsh).map(|m| m.as_str().to_ascii_lowercase()) {
                Some(s) if s == "next" => 1,
                Some(s) if s == "last" => -1,
                _ => 0,
            };
            When::Weekday(wd, WdRel::Week(shift))
        } else if let Some(t) = c.get(RG.tdy) {
            match t.as_str().to_ascii_lowercase().as_str() {
                "today" => When::FromNow(0, 0, Unit::Day, 1),
                "yesterday" => When::FromNow(0, 1, Unit::Day, -1),
                _ => When::FromNow(0, 1, Unit::Day, 1),
            }
        } else if let Some(nd) = c.get(RG.nd) {
            match nd.as_str().to_ascii_lowercase().as_str() {
                "next" | "following" => When::Anaphoric(1, Unit::Day, 1),
                "same" => When::Anaphoric(0, Unit::Day, 1),
                _ => When::Anaphoric(1, Unit::Day, -1),
            }
        } else if let Some(e) = c.get(RG.eff) {
            // The definition itself (`("Effective Date")`) is not a mention.
            let b = text.as_bytes();
            if e.start() > 0 && matches!(b[e.start() - 1], b'"' | b'\'')
                || text[..e.start()].ends_with(['“', '‘'])
            {
                continue;
            }
            // Include a preceding `the`.
            let head = &text[floor_char_boundary(text, e.start().saturating_sub(4))..e.start()];
            if head.eq_ignore_ascii_case("the ") {
                start = e.start() - 4;
            }
            When::Effective
        } else {
            continue;
        };
        out.push(Found { start, end, when });
    }
}

pub(super) fn duration_str(n: i64, unit: Unit) -> String {
    format!("P{n}{}", unit.letter())
}

fn offset_str(base: &str, days_first: i64, n: i64, unit: Unit, sign: i64) -> String {
    let mut s = base.to_owned();
    if days_first != 0 {
        s.push(if days_first > 0 { '+' } else { '-' });
        s.push_str(&duration_str(days_first.abs(), Unit::Day));
    }
    if n != 0 {
        s.push(if sign >= 0 { '+' } else { '-' });
        s.push_str(&duration_str(n, unit));
    }
    s
}

fn weekday_num(wd: Weekday) -> u32 {
    wd.number_from_monday()
}

/// The value of a date expression; relative ones are resolved against `reference`
/// (or `effective` for the Effective Date).
fn to_value(when: &When, reference: Option<NaiveDate>, effective: Option<NaiveDate>) -> Value {
    use DatePrecision as P;
    let abs = |date: String, precision| Value::Date {
        date,
        precision,
        relative: false,
        resolved: None,
    };
    let (date, precision, resolved) = match *when {
        When::Day(d) => return abs(fmt_day(d), P::Day),
        When::Month(y, m) => return abs(format!("{y:04}-{m:02}"), P::Month),
        When::Quarter(y, q) => return abs(format!("{y:04}-Q{q}"), P::Quarter),
        When::Year(y) => return abs(format!("{y:04}"), P::Year),
        When::Ambiguous(x, y, z) => {
            // Unreachable after find_numeric; keep a readable value anyway.
            return abs(format!("{z:04}-{x:02}-{y:02}"), P::Day);
        }
        When::YearlessDay(m, d) => (
            format!("XXXX-{m:02}-{d:02}"),
            P::Day,
            reference.and_then(|r| NaiveDate::from_ymd_opt(r.year(), m, d).map(fmt_day)),
        ),
        When::YearlessMonth(m) => (
            format!("XXXX-{m:02}"),
            P::Month,
            reference.map(|r| format!("{:04}-{m:02}", r.year())),
        ),
        When::YearlessQuarter(q) => (
            format!("XXXX-Q{q}"),
            P::Quarter,
            reference.map(|r| format!("{:04}-Q{q}", r.year())),
        ),
        When::DayOfMonth(d, shift) => {
            let desc = match shift {
                0 => format!("XXXX-XX-{d:02}"),
                s => format!(
                    "XXXX-XX-{d:02} ref{}P{}M",
                    if s > 0 { '+' } else { '-' },
                    s.abs()
                ),
            };
            let res = reference.and_then(|r| {
                let first = r.with_day(1)?;
                let first = shift_months(first, shift)?;
                NaiveDate::from_ymd_opt(first.year(), first.month(), d).map(fmt_day)
            });
            (desc, P::Day, res)
        }
        When::Weekday(wd, rel) => {
            let n = weekday_num(wd);
            let desc = match rel {
                WdRel::Week(0) => format!("XXXX-WXX-{n}"),
                WdRel::Week(s) => format!(
                    "XXXX-WXX-{n} ref{}P{}W",
                    if s > 0 { '+' } else { '-' },
                    s.abs()
                ),
                WdRel::Next => format!("next XXXX-WXX-{n}"),
                WdRel::Last => format!("last XXXX-WXX-{n}"),
            };
            let res = reference
                .and_then(|r| resolve_weekday(r, wd, rel))
                .map(fmt_day);
            (desc, P::Day, res)
        }
        When::NamedMonth(m, shift) => {
            let desc = match shift {
                0 => format!("XXXX-{m:02}"),
                s if s > 0 => format!("next XXXX-{m:02}"),
                _ => format!("last XXXX-{m:02}"),
            };
            let res = reference.map(|r| {
                let y = match shift {
                    0 => r.year(),
                    s if s > 0 => {
                        if m > r.month() {
                            r.year()
                        } else {
                            r.year() + 1
                        }
                    }
                    _ => {
                        if m < r.month() {
                            r.year()
                        } else {
                            r.year() - 1
                        }
                    }
                };
                format!("{y:04}-{m:02}")
            });
            (desc, P::Month, res)
        }
        When::FromNow(base, n, unit, sign) => {
            let desc = offset_str("ref", base, n, unit, sign);
            let res = reference.and_then(|r| {
                let r = add_days(r, base)?;
                let d = shift_by(r, n * sign, unit)?;
                Some(fmt_precision(d, unit.precision()))
            });
            (desc, unit.precision(), res)
        }
        When::Period(unit, shift) => {
            let desc = format!(
                "ref{}{}",
                if shift >= 0 { '+' } else { '-' },
                duration_str(shift.abs(), unit)
            );
            let res = reference.and_then(|r| {
                let d = shift_by(r, shift, unit)?;
                let d = if unit == Unit::Week {
                    d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))?
                } else {
                    d
                };
                Some(fmt_precision(d, unit.precision()))
            });
            (desc, unit.precision(), res)
        }
        When::Anaphoric(n, unit, sign) => (
            format!(
                "anchor{}{}",
                if sign >= 0 { '+' } else { '-' },
                duration_str(n, unit)
            ),
            unit.precision(),
            None,
        ),
        When::Effective => ("effective_date".to_owned(), P::Day, effective.map(fmt_day)),
    };
    Value::Date {
        date,
        precision,
        relative: true,
        resolved,
    }
}

/// `YYYY-MM-DD`, as chrono's `%Y-%m-%d` writes it. Written by hand for the years of
/// four digits: chrono parses its format string on every call, and every day-precision
/// date of every document is written here.
pub(super) fn fmt_day(d: NaiveDate) -> String {
    let y = d.year();
    if !(0..=9999).contains(&y) {
        return d.format("%Y-%m-%d").to_string();
    }
    let mut s = String::with_capacity(10);
    for (n, width) in [(y as u32, 4), (d.month(), 2), (d.day(), 2)] {
        if width == 2 {
            s.push('-');
        }
        let mut div = 10u32.pow(width - 1);
        while div > 0 {
            s.push(char::from(b'0' + (n / div % 10) as u8));
            div /= 10;
        }
    }
    s
}

fn fmt_precision(d: NaiveDate, p: DatePrecision) -> String {
    match p {
        DatePrecision::Day => fmt_day(d),
        DatePrecision::Month => format!("{:04}-{:02}", d.year(), d.month()),
        DatePrecision::Quarter => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
        DatePrecision::Year => format!("{:04}", d.year()),
    }
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn shift_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let months = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
    if n >= 0 {
        d.checked_add_months(months)
    } else {
        d.checked_sub_months(months)
    }
}

pub(super) fn shift_by(d: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Day => add_days(d, n),
        Unit::Week => add_days(d, n.checked_mul(7)?),
        Unit::Month => shift_months(d, n),
        Unit::Quarter => shift_months(d, n.checked_mul(3)?),
        Unit::Year => shift_months(d, n.checked_mul(12)?),
    }
}

fn resolve_weekday(r: NaiveDate, wd: Weekday, rel: WdRel) -> Option<NaiveDate> {
    let target = i64::from(wd.num_days_from_monday());
    let today = i64::from(r.weekday().num_days_from_monday());
    match rel {
        WdRel::Week(s) => add_days(r, target - today + 7 * s),
        WdRel::Next => {
            let k = (target - today).rem_euclid(7);
            add_days(r, if k == 0 { 7 } else { k })
        }
        WdRel::Last => {
            let k = (today - target).rem_euclid(7);
            add_days(r, -(if k == 0 { 7 } else { k }))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_are_written_as_chrono_writes_them() {
        use chrono::{Datelike, NaiveDate};
        let mut d = NaiveDate::from_ymd_opt(-30, 12, 25).unwrap();
        let end = NaiveDate::from_ymd_opt(10_050, 1, 10).unwrap();
        let mut checked = 0;
        while d < end {
            assert_eq!(super::fmt_day(d), d.format("%Y-%m-%d").to_string());
            // Every day of some years, then a stride that still visits every month.
            d = if (1998..2002).contains(&d.year()) || d.year() < 20 || d.year() > 9990 {
                d.succ_opt().unwrap()
            } else {
                d + chrono::Days::new(17)
            };
            checked += 1;
        }
        assert!(checked > 200_000, "{checked}");
    }

    #[test]
    fn window_cues_cover_what_the_patterns_match() {
        use super::{cues, Cues, CUE_WORDS, DMY, QUARTER, QUARTER_CUES, REL, RELATIVE_CUES};
        let cue = |month, quarter, relative| Cues {
            month,
            quarter,
            relative,
        };
        // `(?i)` matches `ſ` as `s`: the month cue must not skip it.
        assert!(DMY.is_match("5 ſep 2020"));
        assert_eq!(cues("5 ſep 2020"), cue(true, false, true));
        for q in [
            "Q3 2026",
            "3Q26",
            "FY2025",
            "F/Y 25",
            "fiscal 2025",
            "the third quarter",
        ] {
            assert!(QUARTER.is_match(q), "{q}");
            assert!(cues(q).quarter, "{q}");
        }
        // Every branch of the relative pattern.
        for r in [
            "the day before yesterday",
            "the day after tmrw",
            "two weeks ago",
            "a few years later",
            "three months from now",
            "ten days hence",
            "next month",
            "last quarter on Monday",
            "this Friday",
            "coming Thurs",
            "next March",
            "Tues",
            "Sunday, of next week",
            "today",
            "tomorrow",
            "the following day",
            "the Effective Date",
            "the date hereof",
            "the date first above written",
            "the date first set forth above",
            "two wee\u{212A}s ago",
            "next ſunday",
        ] {
            assert!(REL.is_match(r), "{r}");
            assert!(cues(r).relative, "{r}");
        }
        assert_eq!(
            cues("for 30 days after the notice"),
            cue(false, false, true)
        );
        assert_eq!(cues("on 12/31 at 5 pm"), cue(false, false, false));
        assert!(!REL.is_match("on 12/31 at 5 pm"));
        // The cues are a test for the words, nothing else: every cue next to and inside
        // every other, and every stretch of the bundled corpus.
        let words = |hay: &str| {
            let hay = hay.to_ascii_lowercase();
            let (month, quarter, relative) =
                CUE_WORDS
                    .iter()
                    .enumerate()
                    .fold((false, false, false), |(m, q, r), (i, w)| {
                        let hit = hay.contains(&w.to_ascii_lowercase());
                        (
                            m || hit && i < QUARTER_CUES,
                            q || hit && (QUARTER_CUES..RELATIVE_CUES).contains(&i),
                            r || hit && i >= RELATIVE_CUES,
                        )
                    });
            cue(month, quarter, relative || month)
        };
        let mut texts: Vec<String> = Vec::new();
        for a in CUE_WORDS {
            for b in CUE_WORDS {
                texts.push(format!("{a}{b}"));
                texts.push(format!("x{a}{b}y"));
                texts.push(a.to_uppercase() + b);
            }
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        for e in std::fs::read_dir(dir).expect("corpus dir") {
            let text = std::fs::read_to_string(e.expect("entry").path()).unwrap_or_default();
            for at in (0..text.len()).step_by(97) {
                let start = crate::ingest::floor_char_boundary(&text, at);
                let end = crate::ingest::floor_char_boundary(&text, at + 150);
                texts.push(text[start..end].to_owned());
            }
        }
        for t in &texts {
            assert_eq!(cues(t), words(t), "{t:?}");
        }
    }

    #[test]
    fn word_before_a_multibyte_char_does_not_panic() {
        for text in [
            "18 U.S.C. \u{a7}2030",
            "Incoterms\u{ae} 2030",
            "2020-07-21 \u{2192} 2021",
        ] {
            let i = text.len() - 4;
            let (word, start) = super::word_before(text, i);
            assert_eq!(&text[start..start + word.len()], word);
        }
    }

    use super::*;
    use crate::model::Document;

    fn dates(text: &str) -> Vec<(String, String)> {
        find_dates(text, &scan::tokens(text.as_bytes()), DateOrder::Auto)
            .into_iter()
            .map(|f| {
                let v = to_value(&f.when, None, None);
                let Value::Date { date, .. } = v else {
                    unreachable!()
                };
                (text[f.start..f.end].to_owned(), date)
            })
            .collect()
    }

    fn doc(text: &str) -> Document {
        crate::ingest::parse("t.txt".as_ref(), text.as_bytes()).expect("test doc")
    }

    fn facts_with(text: &str, options: &Options) -> Vec<Fact> {
        let d = doc(text);
        let mut out = Vec::new();
        DateExtractor::new(options).extract(&Context::new(&d), &mut out);
        for f in &out {
            assert_eq!(&d.source[f.span.range()], f.text);
        }
        out
    }

    #[test]
    fn absolute_dates() {
        let cases: &[(&str, &str, &str)] = &[
            ("signed on March 3, 2025 by", "March 3, 2025", "2025-03-03"),
            ("on 3 March 2025.", "3 March 2025", "2025-03-03"),
            ("from 3rd March 2025", "3rd March 2025", "2025-03-03"),
            (
                "effective the 1st day of January, 2026, by",
                "the 1st day of January, 2026",
                "2026-01-01",
            ),
            ("No later than 2025-03-03.", "2025-03-03", "2025-03-03"),
            ("due 12/31/2026 at", "12/31/2026", "2026-12-31"),
            ("due 31/12/2026 at", "31/12/2026", "2026-12-31"),
            ("as of 4-7-98 and", "4-7-98", "1998-04-07"),
            ("on 14.05.2018 the", "14.05.2018", "2018-05-14"),
            ("on 2015.5.13", "2015.5.13", "2015-05-13"),
            ("go back 2019-sep-1", "2019-sep-1", "2019-09-01"),
            ("by January 2026 the", "January 2026", "2026-01"),
            ("by Jan. 2026 the", "Jan. 2026", "2026-01"),
            (
                "as of September __, 2018 (the",
                "September __, 2018",
                "2018-09",
            ),
            ("results for Q3 2026 were", "Q3 2026", "2026-Q3"),
            (
                "in the third quarter of 2026,",
                "the third quarter of 2026",
                "2026-Q3",
            ),
            ("guidance for FY2025 is", "FY2025", "2025"),
            ("profit in fiscal 2025 rose", "fiscal 2025", "2025"),
            ("in fiscal year 2025 rose", "fiscal year 2025", "2025"),
            (
                "Monday, January 12th, 2016 at",
                "Monday, January 12th, 2016",
                "2016-01-12",
            ),
            ("on 16. nov. 2016", "16. nov. 2016", "2016-11-16"),
            (
                "the twenty-first of June 2017",
                "the twenty-first of June 2017",
                "2017-06-21",
            ),
            ("on February 29, 2024", "February 29, 2024", "2024-02-29"),
        ];
        for (text, span, value) in cases {
            let got = dates(text);
            assert!(
                got.iter().any(|(s, v)| s == span && v == value),
                "{text:?}: expected {span:?} = {value}, got {got:?}"
            );
        }
    }

    #[test]
    fn bare_years_in_context() {
        let yes: &[(&str, &str)] = &[
            ("runs through 2032.", "2032"),
            ("expected in 2030 when", "2030"),
            ("complete by 2032.", "2032"),
            ("meet the 2030 deadline", "2030"),
            ("extending the previous 2030 deadline", "2030"),
            ("replaces the original 2028 target", "2028"),
            ("valid until 2030", "2030"),
            ("growing since 2019,", "2019"),
            ("the period from 2020 to 2024", "2024"),
            ("by mid-2027 the", "2027"),
            ("at the end of 2026.", "2026"),
        ];
        for (text, value) in yes {
            let got = dates(text);
            assert!(
                got.iter().any(|(_, v)| v == value),
                "{text:?}: expected {value}, got {got:?}"
            );
        }
        let no = [
            "sold 2,032 units",
            "meet in room 2030",
            "see section 2030 of the code",
            "paid $2030 in cash",
            "issued 2030 shares",
            "in 2030 shares of stock",
            "Securities Act of 1933",
            "in 2000.5 hours",
            "the new 2030 shares",
            "a new 2030 plan",
        ];
        for text in no {
            let got = dates(text);
            assert!(got.is_empty(), "{text:?}: expected nothing, got {got:?}");
        }
    }

    #[test]
    fn non_dates() {
        let no = [
            "February 30, 2025",
            "on 31/02/2025",
            "see 9.6.6, 9.10.1 and 4.5.66",
            "27.1 Notice of Default 1-71 27.2 Contractor's Default 1-72",
            "section on 6.25",
            "test odd 10.01 date like float",
            "the first prize",
            "i'll go to the 27th floor",
            "the Company may 30 days after notice",
            "Dated as of June 10000000000000000000000000000000000, 2017",
            "a value of 1/2 and 3/4",
            "the 25th Anniversary of the company",
        ];
        for text in no {
            let got = dates(text);
            assert!(got.is_empty(), "{text:?}: expected nothing, got {got:?}");
        }
    }

    #[test]
    fn relative_dates_are_marked_relative() {
        let cases: &[(&str, &str, &str)] = &[
            ("we met Monday and", "Monday", "XXXX-WXX-1"),
            ("revenue rose next year", "next year", "ref+P1Y"),
            ("sales fell last month", "last month", "ref-P1M"),
            ("up from a year earlier.", "a year earlier", "anchor-P1Y"),
            ("it closed yesterday.", "yesterday", "ref-P1D"),
            ("two months ago we", "two months ago", "ref-P2M"),
            (
                "three weeks from tomorrow",
                "three weeks from tomorrow",
                "ref+P1D+P3W",
            ),
            (
                "as of the Effective Date, the",
                "the Effective Date",
                "effective_date",
            ),
            (
                "effective on the date first written above and",
                "the date first written above",
                "effective_date",
            ),
            (
                "as of the date first above written.",
                "the date first above written",
                "effective_date",
            ),
            (
                "signed on the date first set forth above.",
                "the date first set forth above",
                "effective_date",
            ),
            ("payable April 13 to holders", "April 13", "XXXX-04-13"),
            (
                "on friday of next week",
                "friday of next week",
                "XXXX-WXX-5 ref+P1W",
            ),
            ("see you next Friday", "next Friday", "next XXXX-WXX-5"),
            (
                "sales in the third quarter rose",
                "the third quarter",
                "XXXX-Q3",
            ),
            ("sales in January rose", "January", "XXXX-01"),
            ("saturday the second", "saturday the second", "XXXX-XX-02"),
            ("friday 7/6 with Jim", "friday 7/6", "XXXX-07-06"),
        ];
        for (text, span, value) in cases {
            let got = facts_with(text, &Options::default());
            let ok = got.iter().any(|f| {
                f.text == *span
                    && matches!(&f.value, Value::Date { date, relative: true, resolved: None, .. } if date == value)
            });
            assert!(ok, "{text:?}: expected {span:?} = {value}, got {got:?}");
        }
    }

    #[test]
    fn relative_dates_resolve_against_reference() {
        let options = Options {
            reference_date: NaiveDate::from_ymd_opt(2025, 5, 27), // a Tuesday
            ..Options::default()
        };
        let cases: &[(&str, &str)] = &[
            ("next year", "2026"),
            ("last month", "2025-04"),
            ("yesterday", "2025-05-26"),
            ("Monday", "2025-05-26"),
            ("next Tuesday", "2025-06-03"),
            ("last Tuesday", "2025-05-20"),
            ("two weeks from now", "2025-06-10"),
            ("April 13", "2025-04-13"),
            ("next January", "2026-01"),
            ("the third quarter", "2025-Q3"),
        ];
        for (text, want) in cases {
            let got = facts_with(text, &options);
            let ok = got.iter().any(|f| {
                matches!(&f.value, Value::Date { relative: true, resolved: Some(r), .. } if r == want)
            });
            assert!(ok, "{text:?}: expected {want}, got {got:?}");
        }
        // Anaphoric expressions have no reference to resolve against.
        let got = facts_with("a year earlier", &options);
        assert!(matches!(&got[0].value, Value::Date { resolved: None, .. }));
    }

    /// (text, resolved value) of each relative date fact.
    fn relative_resolutions(got: &[Fact]) -> Vec<(&str, Option<String>)> {
        got.iter()
            .filter_map(|f| match &f.value {
                Value::Date {
                    relative: true,
                    resolved,
                    ..
                } => Some((f.text.as_str(), resolved.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn document_states_its_own_date() {
        let text = "This Agreement is dated as of May 27, 2025 (the \"Effective Date\").\n\
                    Fees are due 30 days after the Effective Date and again next year.";
        let got = facts_with(text, &Options::default());
        assert_eq!(
            relative_resolutions(&got),
            vec![
                ("the Effective Date", Some("2025-05-27".to_owned())),
                ("next year", Some("2026".to_owned())),
            ]
        );
    }

    #[test]
    fn the_text_defining_the_effective_date_wins() {
        // A restated agreement: front matter and preamble give the restatement day, the
        // text defines the Effective Date as the original agreement's day.
        let text = "---\neffective_date: 2026-09-14\n---\n\
                    This Restated Agreement is entered into as of September 14, 2026 (the \
                    \"Restatement Date\"). It restates the agreement dated June 2, 2024 (the \
                    \"Effective Date\").\n\nThe license runs five years from the Effective \
                    Date and renews next year.\n";
        let d = crate::ingest::parse("t.md".as_ref(), text.as_bytes()).expect("test doc");
        let mut got = Vec::new();
        DateExtractor::new(&Options::default()).extract(&Context::new(&d), &mut got);
        assert_eq!(
            relative_resolutions(&got),
            vec![
                ("the Effective Date", Some("2024-06-02".to_owned())),
                // relative dates still count from the document's own date
                ("next year", Some("2027".to_owned())),
            ]
        );
    }

    #[test]
    fn day_month_order() {
        // A day above 12 elsewhere in the document decides.
        let got = dates("Signed 25/12/2025. Paid 03/04/2026.");
        assert_eq!(got[1].1, "2026-04-03");
        let got = dates("Signed 12/25/2025. Paid 03/04/2026.");
        assert_eq!(got[1].1, "2026-03-04");
        // The option overrides.
        let day_first = Options {
            date_order: DateOrder::DayFirst,
            ..Options::default()
        };
        let got = facts_with("Paid 03/04/2026.", &day_first);
        assert!(matches!(&got[0].value, Value::Date { date, .. } if date == "2026-04-03"));
    }

    #[test]
    fn multibyte_text_never_splits_a_char() {
        let base = "INCOTERMS® 2020 in 2030 on March 3, 2025 for 30 days, the 2nd. Friday 7/6 ";
        let chars: Vec<(usize, char)> = base.char_indices().collect();
        for &(i, _) in &chars {
            for ins in ["®", "é", "“", "\u{a0}"] {
                let text = format!("{}{ins}{}", &base[..i], &base[i..]);
                for f in facts_with(&text, &Options::default()) {
                    assert!(
                        text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end)
                    );
                }
            }
        }
    }

    #[test]
    fn pathological_inputs_stay_correct() {
        let digits = "7".repeat(10 * 1024 * 1024);
        assert!(dates(&digits).is_empty());
        let ones = "1,".repeat(500_000);
        assert!(dates(&ones).is_empty());
        let words = "word ".repeat(1_000_000) + "on March 3, 2025.";
        let got = dates(&words);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, "2025-03-03");
        let years = "in 2020 ".repeat(100_000);
        assert_eq!(dates(&years).len(), 100_000);
        let slashes = "1/".repeat(1_000_000);
        assert!(dates(&slashes).is_empty());
    }
}
