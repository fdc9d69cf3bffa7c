//! Microsoft Recognizers-Text English specs (`eval/recognizers-text/*.json`).
//!
//! Offsets there count characters and `End` is inclusive (`*Model.json`) or the result has
//! a `Length` (`*Extractor.json`); both become half-open byte spans here. Cases whose
//! `NotSupported` or `NotSupportedByDesign` names `dotnet` are skipped, as upstream .NET
//! skips them.

use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value as Json;

use super::score::{Case, Exclusion, Expected, Gold, Matching, Suite};
use crate::model::Span;
use crate::{Error, Result};

/// The suites scored, with the kind each is scored as.
pub const SUITES: [(&str, &str); 5] = [
    ("PercentModel", "percent"),
    ("CurrencyModel", "money"),
    ("NumberModel", "number"),
    ("DateExtractor", "date"),
    ("DurationExtractor", "duration"),
];

/// Load every suite from `dir` (the `recognizers-text` folder).
pub fn load(dir: &Path) -> Result<Vec<Suite>> {
    SUITES
        .iter()
        .map(|(file, kind)| load_suite(&dir.join(format!("{file}.json")), file, kind))
        .collect()
}

fn load_suite(path: &Path, file: &str, kind: &'static str) -> Result<Suite> {
    let raw = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let raw = raw.trim_start_matches('\u{feff}');
    let json: Json =
        serde_json::from_str(raw).map_err(|e| Error::Other(format!("{}: {e}", path.display())))?;
    let name = format!("recognizers/{file}");
    let mut suite = Suite {
        name: name.clone(),
        kind,
        matching: Matching::Spans,
        cases: Vec::new(),
        excluded: Vec::new(),
    };
    let Some(cases) = json.as_array() else {
        return Err(Error::Other(format!(
            "{}: not a JSON array",
            path.display()
        )));
    };
    for (i, c) in cases.iter().enumerate() {
        let input = c["Input"].as_str().unwrap_or("").to_owned();
        let skipped = ["NotSupported", "NotSupportedByDesign"]
            .iter()
            .any(|k| c[*k].as_str().is_some_and(|s| s.contains("dotnet")));
        if skipped {
            Exclusion::add(
                &mut suite.excluded,
                &name,
                "NotSupported by dotnet",
                "upstream .NET skips these cases; their expected results are aspirational.",
                &input,
            );
            continue;
        }
        let starts = char_starts(&input);
        let mut case = Case {
            id: format!("{file}#{i}"),
            text: input.clone(),
            expected: Vec::new(),
            ignored: Vec::new(),
        };
        for r in c["Results"].as_array().into_iter().flatten() {
            let text = r["Text"].as_str().unwrap_or("").to_owned();
            let start = r["Start"].as_u64().unwrap_or(0) as usize;
            let end_char = match r.get("End").and_then(Json::as_u64) {
                Some(end) => end as usize + 1,
                None => start + r["Length"].as_u64().unwrap_or(0) as usize,
            };
            let span = Span::new(
                byte_at(&starts, &input, start),
                byte_at(&starts, &input, end_char),
            );
            let type_name = r
                .get("TypeName")
                .or_else(|| r.get("Typename"))
                .or_else(|| r.get("Type"))
                .and_then(Json::as_str)
                .unwrap_or("");
            let res = &r["Resolution"];
            let value = match (kind, type_name) {
                ("percent", "percentage") => {
                    decimal(res["value"].as_str().unwrap_or("").trim_end_matches('%'))
                        .map(Gold::Percent)
                }
                ("number", "number") => {
                    decimal(res["value"].as_str().unwrap_or("")).map(Gold::Number)
                }
                ("money", "currency") => money(res),
                ("date", "date") | ("duration", "duration") => Some(Gold::SpanOnly),
                _ => continue,
            };
            if let Some((group, reason)) = exclusion(kind, &text, res) {
                Exclusion::add(&mut suite.excluded, &name, group, reason, &text);
                case.ignored.push(span);
                continue;
            }
            match value {
                Some(value) => case.expected.push(Expected {
                    span: Some(span),
                    text,
                    value,
                }),
                None => {
                    Exclusion::add(
                        &mut suite.excluded,
                        &name,
                        "no value",
                        "the result names a unit without a number (`a small percent`, `dollar`) or has a value pactum's model cannot hold; pactum reports quantities only.",
                        &text,
                    );
                    case.ignored.push(span);
                }
            }
        }
        suite.cases.push(case);
    }
    Ok(suite)
}

/// Exclusion rules, one per group, applied to every result of a suite alike.
fn exclusion(kind: &str, text: &str, res: &Json) -> Option<(&'static str, &'static str)> {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    match kind {
        "money" => {
            let unit = res["unit"].as_str().unwrap_or("");
            if ["Bitcoin", "Satoshi"].contains(&unit) {
                return Some((
                    "cryptocurrency",
                    "Bitcoin and satoshi have no ISO 4217 code, so a money value (amount + ISO code) cannot hold them.",
                ));
            }
            None
        }
        "date" => {
            const HOLIDAYS: [&str; 8] = [
                "thanksgiving",
                "christmas",
                "easter",
                "halloween",
                "xmas",
                "valentine",
                "valentines",
                "mlk",
            ];
            words.iter().any(|w| HOLIDAYS.contains(w)).then_some((
                "holidays",
                "holiday names (`thanksgiving`) depend on a calendar of feasts, outside contracts and news.",
            ))
        }
        _ => None,
    }
}

/// ISO code and amount of a currency result; cents and pence are hundredths.
fn money(res: &Json) -> Option<Gold> {
    let amount = decimal(res["value"].as_str()?)?;
    let unit = res["unit"].as_str().unwrap_or("");
    let iso = res["isoCurrency"].as_str().filter(|s| !s.is_empty());
    // Unit names that map to exactly one ISO code; a bare `$` is read as USD by pactum
    // (as by most US news and contracts), so "Dollar" is compared as USD.
    let (amount, currency) = match (iso, unit) {
        (Some(code), _) => (amount, Some(code.to_owned())),
        (None, "Dollar") => (amount, Some("USD".into())),
        (None, "Cent") => (amount / Decimal::ONE_HUNDRED, Some("USD".into())),
        (None, "Pound") => (amount, Some("GBP".into())),
        (None, "Pence" | "Penny") => (amount / Decimal::ONE_HUNDRED, Some("GBP".into())),
        (None, "Euro") => (amount, Some("EUR".into())),
        (None, "Finnish markka") => (amount, Some("FIM".into())),
        (None, "Peseta") => (amount, Some("ESP".into())),
        (None, "Netherlands guilder") => (amount, Some("NLG".into())),
        // Franc, Rupee, Sen...: several currencies share the name; compare the amount.
        (None, _) => (amount, None),
    };
    Some(Gold::Money { amount, currency })
}

fn decimal(s: &str) -> Option<Decimal> {
    let s = s.trim();
    Decimal::from_str(s)
        .or_else(|_| Decimal::from_scientific(s))
        .ok()
}

/// Byte offset of every char, plus the end.
fn char_starts(s: &str) -> Vec<usize> {
    s.char_indices().map(|(i, _)| i).chain([s.len()]).collect()
}

fn byte_at(starts: &[usize], s: &str, char_index: usize) -> usize {
    starts.get(char_index).copied().unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_become_bytes() {
        let s = "€ 5 and 10";
        let starts = char_starts(s);
        // `5` is char 2, byte 4 (the euro sign takes 3 bytes).
        assert_eq!(byte_at(&starts, s, 2), 4);
        assert_eq!(byte_at(&starts, s, 99), s.len());
    }

    #[test]
    fn cents_are_hundredths() {
        let res: Json = serde_json::json!({"value": "50", "unit": "Cent"});
        assert_eq!(
            money(&res),
            Some(Gold::Money {
                amount: Decimal::from_str("0.5").unwrap(),
                currency: Some("USD".into())
            })
        );
    }
}
