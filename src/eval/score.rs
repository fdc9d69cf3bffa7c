//! Scoring shared by every suite: gold values, matching, precision / recall / F1, and the
//! printed report.

use std::io::{self, Write};

use rust_decimal::Decimal;

use crate::model::{DatePrecision, Span, Value};

/// A normalized value, expected or predicted, in the terms both sides can express.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gold {
    Percent(Decimal),
    /// `currency: None` when the suite does not say which currency (an ambiguous unit
    /// name such as "Franc" with no ISO code): only the amount is compared.
    Money {
        amount: Decimal,
        currency: Option<String>,
    },
    Number(Decimal),
    /// A full `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when that is all that is known.
    Date(String),
    Duration {
        amount: Decimal,
        unit: String,
    },
    /// The suite gives a span and no value (Recognizers `*Extractor.json`).
    SpanOnly,
}

impl Gold {
    /// Whether a prediction `self` counts as the expected value `want`.
    ///
    /// Decimals are equal, or equal after rounding the prediction to the expected value's
    /// decimal places when it has at least 4 (suites print floats rounded:
    /// `0.666666666666667`, LexNLP's `8.3333`).
    pub fn satisfies(&self, want: &Gold) -> bool {
        match (self, want) {
            (_, Gold::SpanOnly) => true,
            (Gold::Percent(a), Gold::Percent(b)) | (Gold::Number(a), Gold::Number(b)) => {
                dec_eq(*a, *b)
            }
            (
                Gold::Money {
                    amount: a,
                    currency: ca,
                },
                Gold::Money {
                    amount: b,
                    currency: cb,
                },
            ) => dec_eq(*a, *b) && (cb.is_none() || ca == cb),
            (Gold::Date(a), Gold::Date(b)) => a == b,
            (
                Gold::Duration {
                    amount: a,
                    unit: ua,
                },
                Gold::Duration {
                    amount: b,
                    unit: ub,
                },
            ) => dec_eq(*a, *b) && ua == ub,
            _ => false,
        }
    }

    /// From a fact's value; `None` for kinds the suites do not score.
    pub fn from_value(v: &Value) -> Option<Gold> {
        Some(match v {
            Value::Percent { percent } => Gold::Percent(*percent),
            Value::Money { amount, currency } => Gold::Money {
                amount: *amount,
                currency: Some(currency.clone()),
            },
            Value::Date {
                date,
                precision,
                resolved,
                relative,
            } => {
                let d = if *relative {
                    resolved.clone().unwrap_or_else(|| date.clone())
                } else {
                    date.clone()
                };
                Gold::Date(full_date(&d, *precision))
            }
            Value::Duration { amount, unit, .. } => Gold::Duration {
                amount: *amount,
                unit: format!("{unit:?}").to_ascii_lowercase(),
            },
            _ => return None,
        })
    }

    pub fn display(&self) -> String {
        match self {
            Gold::Percent(p) => format!("{}%", p.normalize()),
            Gold::Money { amount, currency } => format!(
                "{} {}",
                amount.normalize(),
                currency.as_deref().unwrap_or("(any currency)")
            ),
            Gold::Number(n) => n.normalize().to_string(),
            Gold::Date(d) => d.clone(),
            Gold::Duration { amount, unit } => format!("{} {unit}", amount.normalize()),
            Gold::SpanOnly => "(span)".into(),
        }
    }
}

/// LexNLP writes every date as a day: a month is its first day, a year its 1 January, a
/// quarter its first day. Predictions are widened the same way so both compare.
fn full_date(date: &str, precision: DatePrecision) -> String {
    match precision {
        DatePrecision::Day => date.to_owned(),
        DatePrecision::Month => format!("{date}-01"),
        DatePrecision::Year => format!("{date}-01-01"),
        DatePrecision::Quarter => {
            // `2026-Q3`
            let (y, q) = date.split_once("-Q").unwrap_or((date, "1"));
            let month = q.parse::<u32>().unwrap_or(1).saturating_sub(1) * 3 + 1;
            format!("{y}-{month:02}-01")
        }
    }
}

fn dec_eq(got: Decimal, want: Decimal) -> bool {
    if got == want {
        return true;
    }
    let scale = want.normalize().scale();
    scale >= 4 && got.round_dp(scale) == want.normalize()
}

/// One expected fact of a case.
#[derive(Debug, Clone)]
pub struct Expected {
    /// Byte span into the case text, when the suite gives one worth comparing.
    pub span: Option<Span>,
    /// The text the suite gives for it (for the misses list).
    pub text: String,
    pub value: Gold,
}

/// One predicted fact of a case.
#[derive(Debug, Clone)]
pub struct Predicted {
    pub span: Span,
    pub text: String,
    pub value: Gold,
}

/// One input text and what should be found in it.
#[derive(Debug, Clone)]
pub struct Case {
    /// `file:line` or `file#index`, to find the case again.
    pub id: String,
    pub text: String,
    pub expected: Vec<Expected>,
    /// Spans of expected results left out by an exclusion rule: predictions overlapping
    /// them are neither right nor wrong.
    pub ignored: Vec<Span>,
}

/// How predictions are paired with expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// One to one: same kind, overlapping spans, equal values (Recognizers-Text).
    Spans,
    /// Sets of values per text, duplicates collapsed, spans not compared (LexNLP, whose
    /// own tests compare sets of tuples and whose spans are loose).
    Sets,
}

/// A labelled suite scored for one kind.
#[derive(Debug, Clone)]
pub struct Suite {
    /// `recognizers/PercentModel`, `lexnlp/money`.
    pub name: String,
    /// The kind scored: a fact kind (`percent`, `money`, `date`, `duration`) or `number`
    /// (scored through [`crate::extract::number::find_numbers`]).
    pub kind: &'static str,
    pub matching: Matching,
    pub cases: Vec<Case>,
    pub excluded: Vec<Exclusion>,
}

/// A group of expected results left out of the score, by a stated rule.
#[derive(Debug, Clone)]
pub struct Exclusion {
    pub suite: String,
    pub group: &'static str,
    pub reason: &'static str,
    pub count: usize,
    pub examples: Vec<String>,
}

impl Exclusion {
    /// Add one excluded item to the group `group` of `list`.
    pub fn add(
        list: &mut Vec<Exclusion>,
        suite: &str,
        group: &'static str,
        reason: &'static str,
        example: &str,
    ) {
        match list.iter_mut().find(|e| e.group == group) {
            Some(e) => {
                e.count += 1;
                if e.examples.len() < 3 {
                    e.examples.push(example.to_owned());
                }
            }
            None => list.push(Exclusion {
                suite: suite.to_owned(),
                group,
                reason,
                count: 1,
                examples: vec![example.to_owned()],
            }),
        }
    }
}

/// Precision, recall and F1 of one suite and kind.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub suite: String,
    pub kind: String,
    pub cases: usize,
    pub expected: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Row {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.expected)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// An empty side counts as perfect: no predictions means no false positives.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A wrong or missing prediction.
#[derive(Debug, Clone)]
pub struct Miss {
    pub suite: String,
    pub case: String,
    /// `missed` (expected, not found) or `spurious` (found, not expected).
    pub what: &'static str,
    pub text: String,
    pub value: String,
    pub context: String,
}

/// The outcome of an evaluation run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub rows: Vec<Row>,
    pub excluded: Vec<Exclusion>,
    pub misses: Vec<Miss>,
}

impl Report {
    /// The report as JSON: `rows` (with `precision`, `recall`, `f1`), `excluded`, and
    /// `misses` when asked for.
    pub fn to_json(&self, misses: bool) -> serde_json::Value {
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "suite": r.suite, "kind": r.kind, "cases": r.cases,
                    "expected": r.expected, "predicted": r.predicted, "correct": r.correct,
                    "precision": r.precision(), "recall": r.recall(), "f1": r.f1(),
                })
            })
            .collect();
        let excluded: Vec<serde_json::Value> = self
            .excluded
            .iter()
            .map(|e| {
                serde_json::json!({
                    "suite": e.suite, "group": e.group, "reason": e.reason,
                    "count": e.count, "examples": e.examples,
                })
            })
            .collect();
        let mut v = serde_json::json!({ "rows": rows, "excluded": excluded });
        if misses {
            v["misses"] = self
                .misses
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "suite": m.suite, "case": m.case, "what": m.what,
                        "text": m.text, "value": m.value, "context": m.context,
                    })
                })
                .collect();
        }
        v
    }

    /// The row of `suite` and `kind`.
    pub fn row(&self, suite: &str, kind: &str) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.suite == suite && r.kind == kind)
    }

    /// Print the table, the exclusions and (optionally) the misses.
    pub fn write(&self, w: &mut dyn Write, misses: bool) -> io::Result<()> {
        writeln!(
            w,
            "{:<34} {:<9} {:>6} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
            "suite", "kind", "cases", "gold", "found", "right", "P", "R", "F1"
        )?;
        for r in &self.rows {
            writeln!(
                w,
                "{:<34} {:<9} {:>6} {:>6} {:>6} {:>6} {:>7.3} {:>7.3} {:>7.3}",
                r.suite,
                r.kind,
                r.cases,
                r.expected,
                r.predicted,
                r.correct,
                r.precision(),
                r.recall(),
                r.f1()
            )?;
        }
        if !self.excluded.is_empty() {
            writeln!(w, "\nExcluded (by rule, never per case):")?;
            for e in &self.excluded {
                writeln!(
                    w,
                    "  {} / {}: {} left out. {} e.g. {}",
                    e.suite,
                    e.group,
                    e.count,
                    e.reason,
                    e.examples
                        .iter()
                        .map(|x| format!("{x:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )?;
            }
        }
        if misses && !self.misses.is_empty() {
            writeln!(w, "\nMisses ({}):", self.misses.len())?;
            for m in &self.misses {
                writeln!(
                    w,
                    "  [{}] {} {} {:?} = {}   in {:?}",
                    m.suite, m.case, m.what, m.text, m.value, m.context
                )?;
            }
        }
        Ok(())
    }
}

/// Score `suite` given the predictions for each of its cases (same order).
pub fn score(suite: &Suite, predictions: &[Vec<Predicted>], report: &mut Report) {
    let mut row = Row {
        suite: suite.name.clone(),
        kind: suite.kind.to_owned(),
        cases: suite.cases.len(),
        ..Row::default()
    };
    for (case, preds) in suite.cases.iter().zip(predictions) {
        let preds: Vec<&Predicted> = preds
            .iter()
            .filter(|p| !case.ignored.iter().any(|s| s.overlaps(p.span)))
            .collect();
        let context = || short(&case.text, 160);
        let (expected, preds): (Vec<&Expected>, Vec<&Predicted>) = match suite.matching {
            Matching::Spans => (case.expected.iter().collect(), preds),
            Matching::Sets => (dedup_expected(&case.expected), dedup_predicted(&preds)),
        };
        let mut used = vec![false; preds.len()];
        row.expected += expected.len();
        row.predicted += preds.len();
        for e in &expected {
            let hit = preds.iter().enumerate().position(|(i, p)| {
                !used[i]
                    && p.value.satisfies(&e.value)
                    && (suite.matching == Matching::Sets
                        || e.span.is_none_or(|s| s.overlaps(p.span)))
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    row.correct += 1;
                }
                None => report.misses.push(Miss {
                    suite: suite.name.clone(),
                    case: case.id.clone(),
                    what: "missed",
                    text: e.text.clone(),
                    value: e.value.display(),
                    context: context(),
                }),
            }
        }
        for (p, _) in preds.iter().zip(&used).filter(|(_, u)| !**u) {
            report.misses.push(Miss {
                suite: suite.name.clone(),
                case: case.id.clone(),
                what: "spurious",
                text: p.text.clone(),
                value: p.value.display(),
                context: context(),
            });
        }
    }
    report.rows.push(row);
    report.excluded.extend(suite.excluded.iter().cloned());
}

fn dedup_expected(list: &[Expected]) -> Vec<&Expected> {
    let mut out: Vec<&Expected> = Vec::new();
    for e in list {
        if !out.iter().any(|o| o.value == e.value) {
            out.push(e);
        }
    }
    out
}

fn dedup_predicted<'a>(list: &[&'a Predicted]) -> Vec<&'a Predicted> {
    let mut out: Vec<&Predicted> = Vec::new();
    for p in list {
        if !out.iter().any(|o| o.value == p.value) {
            out.push(p);
        }
    }
    out
}

/// The first `max` chars of `s`, newlines shown as spaces.
pub fn short(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn values_compare_with_suite_rounding() {
        assert!(Gold::Percent(d("8.333333333333")).satisfies(&Gold::Percent(d("8.3333"))));
        assert!(!Gold::Percent(d("8.33")).satisfies(&Gold::Percent(d("8.3333"))));
        assert!(Gold::Number(d("20000000")).satisfies(&Gold::Number(d("20000000.00"))));
        assert!(!Gold::Number(d("2")).satisfies(&Gold::Number(d("2.5"))));
        let usd = Gold::Money {
            amount: d("5"),
            currency: Some("USD".into()),
        };
        let any = Gold::Money {
            amount: d("5"),
            currency: None,
        };
        let eur = Gold::Money {
            amount: d("5"),
            currency: Some("EUR".into()),
        };
        assert!(usd.satisfies(&any));
        assert!(!usd.satisfies(&eur));
        assert_eq!(full_date("2026-Q3", DatePrecision::Quarter), "2026-07-01");
    }

    #[test]
    fn spans_and_sets_count_right() {
        let text = "a 5% b 5% c".to_string();
        let five = Gold::Percent(d("5"));
        let case = Case {
            id: "t".into(),
            text,
            expected: vec![Expected {
                span: Some(Span::new(2, 4)),
                text: "5%".into(),
                value: five.clone(),
            }],
            ignored: vec![],
        };
        let preds = vec![
            Predicted {
                span: Span::new(2, 4),
                text: "5%".into(),
                value: five.clone(),
            },
            Predicted {
                span: Span::new(7, 9),
                text: "5%".into(),
                value: five.clone(),
            },
        ];
        let mut suite = Suite {
            name: "s".into(),
            kind: "percent",
            matching: Matching::Spans,
            cases: vec![case],
            excluded: vec![],
        };
        let mut r = Report::default();
        score(&suite, std::slice::from_ref(&preds), &mut r);
        assert_eq!((r.rows[0].correct, r.rows[0].predicted), (1, 2));
        suite.matching = Matching::Sets;
        let mut r = Report::default();
        score(&suite, &[preds], &mut r);
        assert_eq!((r.rows[0].correct, r.rows[0].predicted), (1, 1));
    }
}
