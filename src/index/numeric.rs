//! Fact values as comparable numbers, for filtering only.
//!
//! tantivy has no decimal type, so percentages and amounts are indexed as `f64` (exact
//! decimal strings stay in the stored facts, and `--where` conditions are re-checked
//! exactly against them). Dates are indexed at the first day of what they name (`2030`
//! -> 2030-01-01, `2026-Q3` -> 2026-07-01). Durations become days with fixed factors
//! (month = 30.44 days, business day = 7/5 calendar days): good enough to compare
//! `P1M` with `P30D`, never shown to anyone as a value.

use chrono::{Datelike, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::model::{DurationUnit, Value};

/// Days per unit for comparisons.
pub fn unit_days(unit: DurationUnit) -> f64 {
    match unit {
        DurationUnit::Second => 1.0 / 86_400.0,
        DurationUnit::Minute => 1.0 / 1_440.0,
        DurationUnit::Hour => 1.0 / 24.0,
        DurationUnit::Day => 1.0,
        DurationUnit::Week => 7.0,
        DurationUnit::Month => 30.44,
        DurationUnit::Quarter => 91.31,
        DurationUnit::Year => 365.25,
    }
}

pub fn decimal_f64(d: &Decimal) -> Option<f64> {
    d.to_f64().filter(|f| f.is_finite())
}

pub fn percent(v: &Value) -> Option<f64> {
    match v {
        Value::Percent { percent } => decimal_f64(percent),
        _ => None,
    }
}

pub fn money(v: &Value) -> Option<(f64, &str)> {
    match v {
        Value::Money { amount, currency } => Some((decimal_f64(amount)?, currency.as_str())),
        _ => None,
    }
}

/// The first day a date fact names (relative dates only once resolved).
pub fn date_start(v: &Value) -> Option<NaiveDate> {
    match v {
        Value::Date {
            date,
            relative,
            resolved,
            ..
        } => {
            let label = if *relative {
                resolved.as_deref()?
            } else {
                date
            };
            parse_date_label(label).map(|(start, _)| start)
        }
        _ => None,
    }
}

/// Duration in approximate days.
pub fn duration_days(v: &Value) -> Option<f64> {
    match v {
        Value::Duration {
            amount,
            unit,
            qualifier,
            ..
        } => {
            let business = qualifier.as_deref().is_some_and(|q| q.contains("business"));
            let factor = if business && *unit == DurationUnit::Day {
                7.0 / 5.0
            } else {
                1.0
            };
            Some(decimal_f64(amount)? * unit_days(*unit) * factor)
        }
        _ => None,
    }
}

/// `2030`, `2030-Q2`, `2030-04`, `2030-04-15` -> `[first day, first day after)`.
pub fn parse_date_label(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let s = s.trim();
    let year = |y: &str| -> Option<i32> {
        (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
            .then(|| y.parse().ok())
            .flatten()
    };
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y] => {
            let y = year(y)?;
            Some((ymd(y, 1, 1)?, ymd(y + 1, 1, 1)?))
        }
        [y, q] if q.len() == 2 && (q.starts_with('Q') || q.starts_with('q')) => {
            let y = year(y)?;
            let q: u32 = q[1..].parse().ok().filter(|q| (1..=4).contains(q))?;
            let start = ymd(y, 3 * q - 2, 1)?;
            let end = if q == 4 {
                ymd(y + 1, 1, 1)?
            } else {
                ymd(y, 3 * q + 1, 1)?
            };
            Some((start, end))
        }
        [y, m] => {
            let y = year(y)?;
            let m: u32 = m.parse().ok()?;
            let start = ymd(y, m, 1)?;
            let end = if m == 12 {
                ymd(y + 1, 1, 1)?
            } else {
                ymd(y, m + 1, 1)?
            };
            Some((start, end))
        }
        [_, _, _] => {
            let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
            year(&format!("{:04}", d.year()))?;
            Some((d, d.succ_opt()?))
        }
        _ => None,
    }
}

/// Hex of an `f64` that sorts as the number does (negative numbers included), so a
/// range over strings is a range over amounts.
pub fn sortable_hex(f: f64) -> String {
    let bits = f.to_bits();
    let key = if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    };
    format!("{key:016x}")
}

/// `USD:<sortable hex>`: the `money_ccy` term of an amount.
pub fn money_key(currency: &str, amount: f64) -> String {
    format!("{}:{}", currency.to_ascii_uppercase(), sortable_hex(amount))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_labels() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let cases = [
            ("2030", Some((d("2030-01-01"), d("2031-01-01")))),
            ("2026-Q3", Some((d("2026-07-01"), d("2026-10-01")))),
            ("2026-Q4", Some((d("2026-10-01"), d("2027-01-01")))),
            ("2026-12", Some((d("2026-12-01"), d("2027-01-01")))),
            ("2025-03-03", Some((d("2025-03-03"), d("2025-03-04")))),
            ("2025-02-30", None),
            ("203", None),
            ("2026-Q5", None),
            ("next year", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_date_label(s), want, "{s}");
        }
    }

    #[test]
    fn sortable_hex_sorts_like_numbers() {
        let xs = [-1e9, -2.5, -0.0, 0.0, 1e-3, 15.0, 15.5, 1e6, 3e9];
        for w in xs.windows(2) {
            assert!(sortable_hex(w[0]) <= sortable_hex(w[1]), "{w:?}");
        }
        assert!(sortable_hex(1_000_000.0) < sortable_hex(1_000_000.01));
    }

    #[test]
    fn durations_in_days() {
        let v = |amount: i64, unit, q: Option<&str>| Value::Duration {
            iso: String::new(),
            amount: Decimal::from(amount),
            unit,
            qualifier: q.map(str::to_owned),
        };
        assert_eq!(duration_days(&v(30, DurationUnit::Day, None)), Some(30.0));
        assert!(duration_days(&v(1, DurationUnit::Month, None)).unwrap() > 30.0);
        assert_eq!(
            duration_days(&v(10, DurationUnit::Day, Some("business"))),
            Some(14.0)
        );
        assert_eq!(duration_days(&Value::Percent { percent: 1.into() }), None);
    }
}
