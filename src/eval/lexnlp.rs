//! LexNLP's English extraction tests (`eval/lexnlp/*/*.csv`), scored on values.
//!
//! The first column is the text, the others the expected tuple; a row with an empty text
//! adds a tuple to the text above; `###` rows are comments; `\r\n` inside a text becomes
//! `\n` (LexNLP reads them in universal-newline mode). LexNLP compares sets of tuples, so
//! do we ([`Matching::Sets`]). The `*_source.csv` twins repeat the same texts with a
//! source column and are not scored twice.

use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::score::{Case, Exclusion, Expected, Gold, Matching, Suite};
use crate::{Error, Result};

/// `(file under lexnlp/, suite name, kind)`.
pub const SUITES: [(&str, &str, &str); 5] = [
    (
        "percents/test_get_percents.csv",
        "lexnlp/percents",
        "percent",
    ),
    ("money/test_get_money.csv", "lexnlp/money", "money"),
    ("amounts/test_get_amount.csv", "lexnlp/amounts", "number"),
    ("dates/test_fixed_dates.csv", "lexnlp/dates", "date"),
    (
        "durations/test_get_durations.csv",
        "lexnlp/durations",
        "duration",
    ),
];

pub fn load(dir: &Path) -> Result<Vec<Suite>> {
    SUITES
        .iter()
        .map(|(file, name, kind)| load_suite(&dir.join(file), name, kind))
        .collect()
}

fn load_suite(path: &Path, name: &str, kind: &'static str) -> Result<Suite> {
    let raw = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let raw = raw.replace("\r\n", "\n");
    let rows = parse_csv(&raw);
    let mut suite = Suite {
        name: name.to_owned(),
        kind,
        matching: Matching::Sets,
        cases: Vec::new(),
        excluded: Vec::new(),
    };
    let file = path.file_name().and_then(|f| f.to_str()).unwrap_or("?");
    for (line, row) in rows.into_iter().skip(1) {
        let Some(text) = row.first() else { continue };
        if text.starts_with("###") {
            continue;
        }
        if !text.is_empty() {
            suite.cases.push(Case {
                id: format!("{file}:{line}"),
                text: text.clone(),
                expected: Vec::new(),
                ignored: Vec::new(),
            });
        }
        let values: Vec<&str> = row[1..].iter().map(|s| s.trim()).collect();
        if values.iter().all(|v| v.is_empty()) {
            continue;
        }
        let Some(case) = suite.cases.last_mut() else {
            continue;
        };
        match gold(kind, &values) {
            Some(value) => case.expected.push(Expected {
                span: None,
                text: values.join(", "),
                value,
            }),
            None => Exclusion::add(
                &mut suite.excluded,
                name,
                "unreadable row",
                "the expected tuple could not be read (a value pactum cannot express).",
                &values.join(", "),
            ),
        }
    }
    Ok(suite)
}

fn gold(kind: &str, v: &[&str]) -> Option<Gold> {
    let dec = |s: &str| Decimal::from_str(s).ok();
    Some(match kind {
        // Unit, Value (Units), Value (Decimal): the units are the percent, except basis
        // points (hundredths). The decimal column is rounded to 4 places (`0.0833`), so
        // it is not used.
        "percent" => {
            let units = dec(v.get(1)?)?;
            let p = if v.first()?.contains("basis") {
                units / Decimal::ONE_HUNDRED
            } else {
                units
            };
            Gold::Percent(p.normalize())
        }
        "money" => Gold::Money {
            amount: dec(v.first()?)?,
            currency: Some(v.get(1)?.to_string()),
        },
        "number" => Gold::Number(dec(v.first()?)?),
        // LexNLP writes `MM-DD` for a date without a year (meaning "this year"): not a
        // fixed date; those rows are reported unreadable.
        "date" => {
            let d = *v.first()?;
            (d.len() == 10).then(|| Gold::Date(d.to_owned()))?
        }
        // Unit, Duration (Units), Duration (Days): compare amount in its own unit.
        "duration" => {
            let unit = match *v.first()? {
                "anniversary" => "year",
                u => u,
            };
            Gold::Duration {
                amount: dec(v.get(1)?)?.normalize(),
                unit: unit.to_owned(),
            }
        }
        _ => return None,
    })
}

/// RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. Returns each
/// row with the 1-based line it starts on.
fn parse_csv(s: &str) -> Vec<(usize, Vec<String>)> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut row_line = 1;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push((row_line, std::mem::take(&mut row)));
                row_line = line;
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push((row_line, row));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_and_newlines() {
        let rows = parse_csv("Text,A\n\"a, \"\"b\"\"\nc\",1\n,2\nplain\n");
        let got: Vec<Vec<String>> = rows.into_iter().map(|(_, r)| r).collect();
        assert_eq!(
            got,
            vec![
                vec!["Text".to_string(), "A".into()],
                vec!["a, \"b\"\nc".into(), "1".into()],
                vec!["".into(), "2".into()],
                vec!["plain".into()],
            ]
        );
    }

    #[test]
    fn percent_gold_uses_the_decimal_fraction() {
        assert_eq!(
            gold("percent", &["basis points", "25", "0.0025"]),
            Some(Gold::Percent(Decimal::from_str("0.25").unwrap()))
        );
        assert_eq!(
            gold("percent", &["percent", "8.3333", "0.0833"]),
            Some(Gold::Percent(Decimal::from_str("8.3333").unwrap()))
        );
        assert_eq!(
            gold("percent", &["basis points", "25", "0.0025"]),
            Some(Gold::Percent(Decimal::from_str("0.25").unwrap()))
        );
        assert_eq!(gold("date", &["06-01"]), None);
    }
}
