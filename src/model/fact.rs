//! Facts: a typed value found at a span of a document.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Span;

/// The kind of a fact. Derived from its [`Value`], so the two can never disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    Percent,
    Money,
    Date,
    Duration,
    Party,
    DefinedTerm,
    Clause,
    Obligation,
}

impl FactKind {
    pub const ALL: [FactKind; 8] = [
        FactKind::Percent,
        FactKind::Money,
        FactKind::Date,
        FactKind::Duration,
        FactKind::Party,
        FactKind::DefinedTerm,
        FactKind::Clause,
        FactKind::Obligation,
    ];

    /// The snake_case name used in JSON and on the command line.
    pub const fn as_str(self) -> &'static str {
        match self {
            FactKind::Percent => "percent",
            FactKind::Money => "money",
            FactKind::Date => "date",
            FactKind::Duration => "duration",
            FactKind::Party => "party",
            FactKind::DefinedTerm => "defined_term",
            FactKind::Clause => "clause",
            FactKind::Obligation => "obligation",
        }
    }

    /// Kinds that are quantities read off the text. Overlaps between them are settled
    /// in one place (the pipeline): a span is one quantity, not two.
    pub const fn is_quantity(self) -> bool {
        matches!(
            self,
            FactKind::Percent | FactKind::Money | FactKind::Date | FactKind::Duration
        )
    }
}

impl std::fmt::Display for FactKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for FactKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FactKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown fact kind `{s}`"))
    }
}

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Year,
    Quarter,
    Month,
    Day,
}

impl DatePrecision {
    /// The snake_case name used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Year => "year",
            DatePrecision::Quarter => "quarter",
            DatePrecision::Month => "month",
            DatePrecision::Day => "day",
        }
    }
}

/// Unit of a duration. Months and years are never converted to days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl DurationUnit {
    /// The snake_case name used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            DurationUnit::Second => "second",
            DurationUnit::Minute => "minute",
            DurationUnit::Hour => "hour",
            DurationUnit::Day => "day",
            DurationUnit::Week => "week",
            DurationUnit::Month => "month",
            DurationUnit::Quarter => "quarter",
            DurationUnit::Year => "year",
        }
    }
}

/// Modality of an obligation sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// `shall`, `must`, `will`, `agrees to`
    Obligation,
    /// `shall not`, `must not`, `may not`
    Prohibition,
    /// `may`, `is entitled to`
    Permission,
}

impl Modality {
    /// The snake_case name used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Modality::Obligation => "obligation",
            Modality::Prohibition => "prohibition",
            Modality::Permission => "permission",
        }
    }
}

/// The normalized value of a fact; the variant is the fact's kind.
///
/// Serialized adjacently tagged: `{"kind": "percent", "value": {"percent": "20"}}`,
/// which is exactly the `kind` / `value` pair of the JSON contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Value {
    /// `20 percent` -> `{"percent": "20"}`; `150 basis points` -> `{"percent": "1.5"}`.
    Percent { percent: Decimal },
    /// Exact decimal amount and ISO 4217 code.
    Money { amount: Decimal, currency: String },
    /// `date` is `2032`, `2026-Q3`, `2026-01` or `2025-03-03`, per `precision`.
    /// Relative expressions (`next year`) have `relative: true`; `resolved` holds the
    /// date they mean once a reference date is known.
    Date {
        date: String,
        precision: DatePrecision,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        relative: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        resolved: Option<String>,
    },
    /// `{"iso": "P2Y", "amount": "2", "unit": "year"}` (+ `qualifier: "business"`).
    Duration {
        iso: String,
        amount: Decimal,
        unit: DurationUnit,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        qualifier: Option<String>,
    },
    /// A party or organization; one canonical name per organization per document.
    Party {
        name: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        aliases: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role: Option<String>,
    },
    /// A defined term and the span of its definition.
    DefinedTerm {
        term: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        definition: Option<Span>,
    },
    /// A clause type label (CUAD-like taxonomy) with the cue that triggered it.
    Clause {
        #[serde(rename = "type")]
        clause_type: String,
        cue: String,
    },
    /// `Licensee shall pay` -> obligation of Licensee.
    Obligation {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        party: Option<String>,
        modality: Modality,
    },
}

impl Value {
    pub const fn kind(&self) -> FactKind {
        match self {
            Value::Percent { .. } => FactKind::Percent,
            Value::Money { .. } => FactKind::Money,
            Value::Date { .. } => FactKind::Date,
            Value::Duration { .. } => FactKind::Duration,
            Value::Party { .. } => FactKind::Party,
            Value::DefinedTerm { .. } => FactKind::DefinedTerm,
            Value::Clause { .. } => FactKind::Clause,
            Value::Obligation { .. } => FactKind::Obligation,
        }
    }

    /// A short human rendering of the normalized value (`20%`, `3000000000 USD`).
    pub fn display(&self) -> String {
        match self {
            Value::Percent { percent } => format!("{}%", percent.normalize()),
            Value::Money { amount, currency } => format!("{} {currency}", amount.normalize()),
            Value::Date {
                date,
                relative,
                resolved,
                ..
            } => match (relative, resolved) {
                (true, Some(r)) => format!("{date} (= {r})"),
                (true, None) => format!("{date} (relative)"),
                _ => date.clone(),
            },
            Value::Duration { iso, qualifier, .. } => match qualifier {
                Some(q) => format!("{iso} ({q})"),
                None => iso.clone(),
            },
            Value::Party { name, role, .. } => match role {
                Some(r) => format!("{name} ({r})"),
                None => name.clone(),
            },
            Value::DefinedTerm { term, .. } => format!("\"{term}\""),
            Value::Clause { clause_type, cue } => format!("{clause_type} [cue: {cue}]"),
            Value::Obligation { party, modality } => format!(
                "{:?} of {}",
                modality,
                party.as_deref().unwrap_or("(unknown party)")
            ),
        }
    }
}

/// A value found at a span of a document.
///
/// Invariant: `&doc.source[fact.span] == fact.text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    #[serde(flatten)]
    pub value: Value,
    pub span: Span,
    pub text: String,
    /// Name of the extractor that produced it (borrowed from the extractor, so a fact
    /// costs no allocation for it; owned when read back from JSON).
    pub extractor: Cow<'static, str>,
    /// Index into `Document::clauses` of the innermost clause holding the fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<usize>,
}

impl Fact {
    /// Build a fact from a span of `source`; the text is taken from the source so the
    /// invariant holds by construction.
    pub fn new(value: Value, span: Span, source: &str, extractor: &'static str) -> Self {
        Fact {
            value,
            span,
            text: span.slice(source).to_owned(),
            extractor: Cow::Borrowed(extractor),
            clause: None,
        }
    }

    pub fn kind(&self) -> FactKind {
        self.value.kind()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn value_serializes_as_kind_and_value() {
        let v = Value::Percent {
            percent: Decimal::from_str("20").unwrap(),
        };
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, r#"{"kind":"percent","value":{"percent":"20"}}"#);
        let m = Value::Money {
            amount: Decimal::from(3_000_000_000u64),
            currency: "USD".into(),
        };
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"kind":"money","value":{"amount":"3000000000","currency":"USD"}}"#
        );
    }

    #[test]
    fn kind_round_trips_through_str() {
        for k in FactKind::ALL {
            assert_eq!(FactKind::from_str(k.as_str()).unwrap(), k);
        }
    }
}
