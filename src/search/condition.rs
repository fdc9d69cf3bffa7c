//! Fact conditions (`--where`): `percent >= 15`, `money > 1000000 USD`,
//! `date < 2030-01-01`, `duration <= P30D`.
//!
//! Grammar: `KIND OP VALUE`, with `OP` one of `<`, `<=`, `>`, `>=`, `=` (`==`).
//! - `percent`: a number, optionally followed by `%` or `percent`.
//! - `money`: a number (`1,000,000`, `1.5m`, `2 billion`), with an optional currency
//!   as an ISO code before or after (`USD 5m`, `5m EUR`) or a symbol (`$`, `€`, `£`, `¥`);
//!   without a currency any currency matches.
//! - `date`: `2030`, `2030-Q1`, `2030-04` or `2030-04-15`. A label names a period:
//!   `date = 2030` is any date in 2030, `date > 2030` is from 2031 on, `date < 2030` is
//!   before 2030. A date fact is compared by the first day it names.
//! - `duration`: ISO 8601 (`P30D`, `P2W`, `P6M`, `P1Y`, `PT48H`, `PT30M`) or `30 days`.
//!   Compared in approximate days (see `index::numeric`); business days count 7/5.
//!
//! A unit matches a condition when at least one of its facts does; several conditions
//! must all hold (each by some fact). Matching is exact: decimals compare as decimals.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::index::numeric;
use crate::model::{DurationUnit, Fact, FactKind, Value};

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
}

impl Op {
    pub const fn as_str(self) -> &'static str {
        match self {
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Eq => "=",
        }
    }

    fn holds<T: PartialOrd>(self, a: &T, b: &T) -> bool {
        match self {
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
            Op::Eq => a == b,
        }
    }
}

/// One parsed `--where` condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Percent {
        op: Op,
        value: Decimal,
    },
    Money {
        op: Op,
        amount: Decimal,
        currency: Option<String>,
    },
    /// `[start, end)` is the period the label names.
    Date {
        op: Op,
        start: NaiveDate,
        end: NaiveDate,
    },
    Duration {
        op: Op,
        days: f64,
        text: String,
    },
}

impl Condition {
    pub fn kind(&self) -> FactKind {
        match self {
            Condition::Percent { .. } => FactKind::Percent,
            Condition::Money { .. } => FactKind::Money,
            Condition::Date { .. } => FactKind::Date,
            Condition::Duration { .. } => FactKind::Duration,
        }
    }

    /// True when `fact` satisfies the condition (exactly).
    pub fn matches(&self, fact: &Fact) -> bool {
        let v = &fact.value;
        match (self, v) {
            (Condition::Percent { op, value }, Value::Percent { percent }) => {
                op.holds(percent, value)
            }
            (
                Condition::Money {
                    op,
                    amount,
                    currency,
                },
                Value::Money {
                    amount: a,
                    currency: c,
                },
            ) => {
                currency
                    .as_ref()
                    .is_none_or(|want| want.eq_ignore_ascii_case(c))
                    && op.holds(a, amount)
            }
            (Condition::Date { op, start, end }, Value::Date { .. }) => {
                let Some(d) = numeric::date_start(v) else {
                    return false;
                };
                match op {
                    Op::Lt => d < *start,
                    Op::Le => d < *end,
                    Op::Gt => d >= *end,
                    Op::Ge => d >= *start,
                    Op::Eq => *start <= d && d < *end,
                }
            }
            (Condition::Duration { op, days, .. }, Value::Duration { .. }) => {
                numeric::duration_days(v).is_some_and(|d| match op {
                    Op::Eq => (d - days).abs() < 1e-9,
                    _ => op.holds(&d, days),
                })
            }
            _ => false,
        }
    }
}

/// Why a condition did not parse; the message says what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionError(pub String);

impl std::fmt::Display for ConditionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConditionError {}

impl FromStr for Condition {
    type Err = ConditionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = ConditionError;
        let s = s.trim();
        let op_at = s
            .find(['<', '>', '='])
            .ok_or_else(|| err("expected `KIND OP VALUE`, e.g. `percent >= 15`".into()))?;
        let kind = s[..op_at].trim().to_ascii_lowercase();
        let rest = &s[op_at..];
        let (op, value) = [
            (">=", Op::Ge),
            ("<=", Op::Le),
            ("==", Op::Eq),
            (">", Op::Gt),
            ("<", Op::Lt),
            ("=", Op::Eq),
        ]
        .into_iter()
        .find_map(|(t, op)| rest.strip_prefix(t).map(|v| (op, v.trim())))
        .ok_or_else(|| err("expected one of < <= > >= =".into()))?;
        if value.is_empty() {
            return Err(err("missing value after the operator".into()));
        }
        match kind.as_str() {
            "percent" | "percentage" | "%" => {
                let v = value
                    .trim_end_matches("percent")
                    .trim_end_matches('%')
                    .trim();
                let value = parse_number(v)
                    .ok_or_else(|| err(format!("`{value}` is not a percentage like 15 or 2.5%")))?;
                Ok(Condition::Percent { op, value })
            }
            "money" | "amount" => {
                let (amount, currency) = parse_money(value).ok_or_else(|| {
                    err(format!(
                        "`{value}` is not an amount like 1000000 USD, $5m or 2.5 billion"
                    ))
                })?;
                Ok(Condition::Money {
                    op,
                    amount,
                    currency,
                })
            }
            "date" => {
                let (start, end) = numeric::parse_date_label(value).ok_or_else(|| {
                    err(format!(
                        "`{value}` is not a date like 2030, 2030-Q1, 2030-04 or 2030-04-15"
                    ))
                })?;
                Ok(Condition::Date { op, start, end })
            }
            "duration" => {
                let days = parse_duration(value).ok_or_else(|| {
                    err(format!(
                        "`{value}` is not a duration like P30D, P6M, P1Y, PT48H or 30 days"
                    ))
                })?;
                Ok(Condition::Duration {
                    op,
                    days,
                    text: value.to_owned(),
                })
            }
            "" => Err(err("missing the fact kind before the operator".into())),
            other => Err(err(format!(
                "unknown kind `{other}`; use percent, money, date or duration"
            ))),
        }
    }
}

fn parse_number(s: &str) -> Option<Decimal> {
    let cleaned: String = s.chars().filter(|c| *c != ',' && *c != '_').collect();
    if cleaned.is_empty() || !cleaned.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    Decimal::from_str(&cleaned).ok()
}

/// `1,000,000 USD`, `USD 1m`, `$5m`, `2.5 billion EUR`, `750k`.
fn parse_money(s: &str) -> Option<(Decimal, Option<String>)> {
    let mut s = s.trim().to_owned();
    let mut currency = None;
    for (sym, code) in [
        ("US$", "USD"),
        ("$", "USD"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("¥", "JPY"),
    ] {
        if let Some(rest) = s.strip_prefix(sym) {
            currency = Some(code.to_owned());
            s = rest.trim().to_owned();
            break;
        }
    }
    let mut words: Vec<&str> = s.split_whitespace().collect();
    let is_code = |w: &str| w.len() == 3 && w.bytes().all(|b| b.is_ascii_alphabetic());
    if let Some(first) = words.first().copied().filter(|w| is_code(w)) {
        currency.get_or_insert_with(|| first.to_ascii_uppercase());
        words.remove(0);
    }
    if let Some(last) = words.last().copied().filter(|w| is_code(w)) {
        if words.len() > 1 {
            currency.get_or_insert_with(|| last.to_ascii_uppercase());
            words.pop();
        }
    }
    let scale = |w: &str| -> Option<Decimal> {
        Some(Decimal::from(match w.to_ascii_lowercase().as_str() {
            "k" | "thousand" => 1_000u64,
            "m" | "mm" | "mn" | "million" => 1_000_000,
            "b" | "bn" | "billion" => 1_000_000_000,
            "t" | "tn" | "trillion" => 1_000_000_000_000,
            _ => return None,
        }))
    };
    let (number, factor) = match words.as_slice() {
        [n] => {
            let split = n.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(n.len());
            let (num, suffix) = n.split_at(split);
            let factor = if suffix.is_empty() {
                Decimal::ONE
            } else {
                scale(suffix)?
            };
            (num, factor)
        }
        [n, w] => (*n, scale(w)?),
        _ => return None,
    };
    let amount = parse_number(number)?.checked_mul(factor)?;
    Some((amount, currency))
}

/// `P30D`, `P2W`, `P6M`, `P1Y`, `P1Y6M`, `PT48H`, `PT30M`, `PT1H30M`, `30 days`,
/// `6 months`, `30 minutes`.
fn parse_duration(s: &str) -> Option<f64> {
    let s = s.trim();
    let upper = s.to_ascii_uppercase();
    if let Some(rest) = upper.strip_prefix('P') {
        let mut days = 0.0;
        let mut num = String::new();
        let mut in_time = false;
        let mut any = false;
        for c in rest.chars() {
            match c {
                '0'..='9' | '.' => num.push(c),
                'T' if num.is_empty() => in_time = true,
                _ => {
                    let n: f64 = num.parse().ok()?;
                    num.clear();
                    let unit = match (c, in_time) {
                        ('Y', false) => DurationUnit::Year,
                        ('M', false) => DurationUnit::Month,
                        ('W', false) => DurationUnit::Week,
                        ('D', false) => DurationUnit::Day,
                        ('H', true) => DurationUnit::Hour,
                        ('M', true) => DurationUnit::Minute,
                        ('S', true) => DurationUnit::Second,
                        _ => return None,
                    };
                    days += n * numeric::unit_days(unit);
                    any = true;
                }
            }
        }
        return (any && num.is_empty()).then_some(days);
    }
    let mut words = s.split_whitespace();
    let n: f64 = words.next()?.parse().ok()?;
    let unit = words.next()?.to_ascii_lowercase();
    if words.next().is_some() {
        return None;
    }
    let unit = match unit.trim_end_matches('s') {
        "second" | "sec" => DurationUnit::Second,
        "minute" | "min" => DurationUnit::Minute,
        "hour" => DurationUnit::Hour,
        "day" => DurationUnit::Day,
        "week" => DurationUnit::Week,
        "month" => DurationUnit::Month,
        "quarter" => DurationUnit::Quarter,
        "year" => DurationUnit::Year,
        _ => return None,
    };
    Some(n * numeric::unit_days(unit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DatePrecision, Span};

    fn fact(value: Value) -> Fact {
        Fact {
            value,
            span: Span::new(0, 1),
            text: "x".into(),
            extractor: "test".into(),
            clause: None,
        }
    }
    fn pct(s: &str) -> Fact {
        fact(Value::Percent {
            percent: Decimal::from_str(s).unwrap(),
        })
    }
    fn money(a: &str, c: &str) -> Fact {
        fact(Value::Money {
            amount: Decimal::from_str(a).unwrap(),
            currency: c.into(),
        })
    }
    fn date(d: &str, p: DatePrecision) -> Fact {
        fact(Value::Date {
            date: d.into(),
            precision: p,
            relative: false,
            resolved: None,
        })
    }
    fn dur(a: i64, unit: DurationUnit) -> Fact {
        fact(Value::Duration {
            iso: String::new(),
            amount: Decimal::from(a),
            unit,
            qualifier: None,
        })
    }
    fn c(s: &str) -> Condition {
        s.parse().unwrap()
    }

    #[test]
    fn matches_and_non_matches() {
        use DatePrecision as P;
        use DurationUnit as U;
        let cases: Vec<(&str, Fact, bool)> = vec![
            ("percent >= 15", pct("15"), true),
            ("percent >= 15", pct("14.99"), false),
            ("percent > 15", pct("15"), false),
            ("percent < 2.5%", pct("2.49"), true),
            ("percent = 20 percent", pct("20.0"), true),
            ("money > 1000000 USD", money("1000000.01", "USD"), true),
            ("money > 1000000 USD", money("1000000", "USD"), false),
            ("money > 1000000 USD", money("5000000", "EUR"), false),
            ("money > 1,000,000", money("5000000", "EUR"), true),
            ("money >= $5m", money("5000000", "USD"), true),
            ("money >= 2.5 billion", money("2400000000", "USD"), false),
            ("money < EUR 750k", money("700000", "EUR"), true),
            ("date < 2030-01-01", date("2029", P::Year), true),
            ("date < 2030-01-01", date("2030-01-01", P::Day), false),
            ("date = 2030", date("2030-06-15", P::Day), true),
            ("date = 2030", date("2031-01-01", P::Day), false),
            ("date > 2030", date("2030-12-31", P::Day), false),
            ("date > 2030", date("2031-01", P::Month), true),
            ("date <= 2026-Q3", date("2026-09-30", P::Day), true),
            ("date >= 2026-Q3", date("2026-06-30", P::Day), false),
            ("duration <= P30D", dur(30, U::Day), true),
            ("duration <= P30D", dur(1, U::Month), false),
            ("duration <= P30D", dur(4, U::Week), true),
            ("duration > 6 months", dur(1, U::Year), true),
            ("duration = P2Y", dur(2, U::Year), true),
            ("duration < PT48H", dur(1, U::Day), true),
            ("duration <= PT30M", dur(30, U::Minute), true),
            ("duration <= PT30M", dur(31, U::Minute), false),
            ("duration < PT1H30M", dur(1, U::Hour), true),
            ("duration > 30 minutes", dur(1, U::Hour), true),
            ("duration > PT90S", dur(1, U::Minute), false),
            ("percent > 1", money("5", "USD"), false),
        ];
        for (cond, f, want) in cases {
            assert_eq!(c(cond).matches(&f), want, "{cond} on {:?}", f.value);
        }
    }

    #[test]
    fn rejects_malformed_conditions() {
        for bad in [
            "percent",
            "percent >=",
            "percent >= lots",
            "size > 5",
            ">= 5",
            "date < 30/01/2030",
            "date < 2030-13",
            "duration < P30X",
            "duration < P30H",
            "duration < PT5D",
            "duration < 30 fortnights",
            "money > five",
            "money > 5 zillion",
        ] {
            let e = bad.parse::<Condition>();
            assert!(e.is_err(), "{bad} parsed as {e:?}");
        }
        let msg = "size > 5".parse::<Condition>().unwrap_err().0;
        assert!(msg.contains("unknown kind `size`"), "{msg}");
    }
}
