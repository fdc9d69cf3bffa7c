//! Printers: human, JSON and JSON Lines, writing to any `io::Write`.
//!
//! The JSON shapes here are the public contract documented in the README.

use std::io::{self, Write};

use serde::Serialize;

use crate::model::{Document, Fact, LineIndex, Value};

/// Output format of every subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// Readable text (colors on a terminal).
    #[default]
    Human,
    /// One JSON document.
    Json,
    /// One JSON object per line.
    Jsonl,
}

impl OutputFormat {
    pub const NAMES: [&'static str; 3] = ["human", "json", "jsonl"];

    /// Parse one of [`Self::NAMES`]; anything else is `Human`.
    pub fn from_name(name: &str) -> Self {
        match name {
            "json" => OutputFormat::Json,
            "jsonl" => OutputFormat::Jsonl,
            _ => OutputFormat::Human,
        }
    }
}

/// Where a fact sits: the clause number and heading.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ClauseRef {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
}

/// One fact as printed by `extract --format jsonl`:
/// `{"path", "kind", "text", "start", "end", "value", "line", "clause", "extractor"}`.
#[derive(Debug, Clone, Serialize)]
pub struct FactRecord<'a> {
    pub path: &'a str,
    #[serde(flatten)]
    pub value: &'a Value,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<ClauseRef>,
    pub extractor: &'a str,
}

impl<'a> FactRecord<'a> {
    /// `lines` must be the [`LineIndex`] of `doc.source`.
    pub fn new(doc: &'a Document, fact: &'a Fact, lines: &LineIndex) -> Self {
        let clause = fact
            .clause
            .and_then(|i| doc.clauses.get(i))
            .map(|c| ClauseRef {
                number: c.number.clone(),
                heading: c.heading.clone(),
            });
        FactRecord {
            path: &doc.id,
            value: &fact.value,
            text: &fact.text,
            start: fact.span.start,
            end: fact.span.end,
            line: lines.line_col(&doc.source, fact.span.start).0,
            clause,
            extractor: &fact.extractor,
        }
    }
}

/// Append the facts of one document in `format` to `out` (a buffer: the caller prints
/// documents whole, in order). For `Json`, the caller writes the surrounding `[` `]`;
/// `first` says whether a separating comma is needed.
pub fn write_facts(
    out: &mut Vec<u8>,
    format: OutputFormat,
    doc: &Document,
    facts: &[Fact],
    first: &mut bool,
    color: bool,
) -> io::Result<()> {
    if facts.is_empty() {
        return Ok(());
    }
    match format {
        OutputFormat::Jsonl | OutputFormat::Json => {
            // Records average ~290 bytes over ../shared/corpus: room for most without regrowing.
            out.reserve(facts.len() * 384);
            let mut json = JsonWriter::new(doc);
            for f in facts {
                if format == OutputFormat::Json {
                    if !*first {
                        out.extend_from_slice(b",\n");
                    }
                    *first = false;
                }
                json.record(out, f)?;
                if format == OutputFormat::Jsonl {
                    out.push(b'\n');
                }
            }
        }
        OutputFormat::Human => {
            let lines = LineIndex::new(&doc.source);
            for f in facts {
                let (line, col) = lines.line_col(&doc.source, f.span.start);
                let clause = f
                    .clause
                    .and_then(|i| doc.clauses.get(i))
                    .filter(|c| c.number.is_some() || c.heading.is_some())
                    .map(|c| format!("  [{}]", c.label()))
                    .unwrap_or_default();
                let text = one_line(&f.text, 80);
                if color {
                    writeln!(
                        out,
                        "\x1b[35m{}\x1b[0m:{line}:{col}  \x1b[1;36m{:<12}\x1b[0m \x1b[1m{text}\x1b[0m  => {}{clause}",
                        doc.id,
                        f.kind().as_str(),
                        f.value.display()
                    )?;
                } else {
                    writeln!(
                        out,
                        "{}:{line}:{col}  {:<12} {text}  => {}{clause}",
                        doc.id,
                        f.kind().as_str(),
                        f.value.display()
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// Writes [`FactRecord`]s of one document, byte for byte as `serde_json` would, without
/// redoing per fact what is the same for the whole document: the escaped path, the line
/// count up to the previous fact, the clause of the previous fact.
struct JsonWriter<'a> {
    doc: &'a Document,
    /// `{"path":"...",`
    head: Vec<u8>,
    /// Newlines before `line_at`, which only moves forward for facts in order.
    line_at: usize,
    line: usize,
    /// The last clause written and its JSON.
    clause: Option<(usize, Vec<u8>)>,
}

impl<'a> JsonWriter<'a> {
    fn new(doc: &'a Document) -> Self {
        let mut head = Vec::with_capacity(doc.id.len() + 12);
        head.extend_from_slice(b"{\"path\":");
        // Writing a str to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut head, doc.id.as_str());
        head.push(b',');
        JsonWriter {
            doc,
            head,
            line_at: 0,
            line: 1,
            clause: None,
        }
    }

    /// 1-based line of a byte offset, as [`LineIndex::line_col`] gives it.
    fn line_of(&mut self, offset: usize) -> usize {
        let bytes = self.doc.source.as_bytes();
        let offset = offset.min(bytes.len());
        if offset < self.line_at {
            self.line_at = 0;
            self.line = 1;
        }
        self.line += memchr::memchr_iter(b'\n', &bytes[self.line_at..offset]).count();
        self.line_at = offset;
        self.line
    }

    fn record(&mut self, buf: &mut Vec<u8>, f: &Fact) -> io::Result<()> {
        buf.extend_from_slice(&self.head);
        write_value(buf, &f.value);
        buf.extend_from_slice(b",\"text\":");
        write_str(buf, &f.text);
        let line = self.line_of(f.span.start);
        let mut n = itoa_buf();
        buf.extend_from_slice(b",\"start\":");
        buf.extend_from_slice(fmt_usize(&mut n, f.span.start));
        buf.extend_from_slice(b",\"end\":");
        buf.extend_from_slice(fmt_usize(&mut n, f.span.end));
        buf.extend_from_slice(b",\"line\":");
        buf.extend_from_slice(fmt_usize(&mut n, line));
        if let Some((i, c)) = f
            .clause
            .and_then(|i| self.doc.clauses.get(i).map(|c| (i, c)))
        {
            if self.clause.as_ref().is_none_or(|(j, _)| *j != i) {
                let mut json = Vec::new();
                serde_json::to_writer(
                    &mut json,
                    &ClauseRefBorrowed {
                        number: c.number.as_deref(),
                        heading: c.heading.as_deref(),
                    },
                )?;
                self.clause = Some((i, json));
            }
            if let Some((_, json)) = &self.clause {
                buf.extend_from_slice(b",\"clause\":");
                buf.extend_from_slice(json);
            }
        }
        buf.extend_from_slice(b",\"extractor\":");
        write_str(buf, &f.extractor);
        buf.push(b'}');
        Ok(())
    }
}

/// `"kind":"...","value":{...}`: the adjacently tagged [`Value`] without its braces, as
/// `#[serde(flatten)]` writes it, byte for byte what `serde_json` writes (a test compares
/// the two for every variant and optional field). Going through serde's generic
/// serializer and then removing the braces took about half of the time of writing a
/// record.
fn write_value(buf: &mut Vec<u8>, v: &Value) {
    buf.extend_from_slice(b"\"kind\":\"");
    buf.extend_from_slice(v.kind().as_str().as_bytes());
    buf.extend_from_slice(b"\",\"value\":{");
    let mut o = Object { buf, first: true };
    match v {
        Value::Percent { percent } => o.decimal("percent", percent),
        Value::Money { amount, currency } => {
            o.decimal("amount", amount);
            o.str("currency", currency);
        }
        Value::Date {
            date,
            precision,
            relative,
            resolved,
        } => {
            o.str("date", date);
            o.str("precision", precision.as_str());
            if *relative {
                o.key("relative");
                o.buf.extend_from_slice(b"true");
            }
            if let Some(r) = resolved {
                o.str("resolved", r);
            }
        }
        Value::Duration {
            iso,
            amount,
            unit,
            qualifier,
        } => {
            o.str("iso", iso);
            o.decimal("amount", amount);
            o.str("unit", unit.as_str());
            if let Some(q) = qualifier {
                o.str("qualifier", q);
            }
        }
        Value::Party {
            name,
            aliases,
            role,
        } => {
            o.str("name", name);
            if !aliases.is_empty() {
                o.key("aliases");
                for (i, a) in aliases.iter().enumerate() {
                    o.buf.push(if i == 0 { b'[' } else { b',' });
                    write_str(o.buf, a);
                }
                o.buf.push(b']');
            }
            if let Some(r) = role {
                o.str("role", r);
            }
        }
        Value::DefinedTerm { term, definition } => {
            o.str("term", term);
            if let Some(d) = definition {
                let mut n = itoa_buf();
                o.key("definition");
                o.buf.extend_from_slice(b"{\"start\":");
                o.buf.extend_from_slice(fmt_usize(&mut n, d.start));
                o.buf.extend_from_slice(b",\"end\":");
                o.buf.extend_from_slice(fmt_usize(&mut n, d.end));
                o.buf.push(b'}');
            }
        }
        Value::Clause { clause_type, cue } => {
            o.str("type", clause_type);
            o.str("cue", cue);
        }
        Value::Obligation { party, modality } => {
            if let Some(p) = party {
                o.str("party", p);
            }
            o.str("modality", modality.as_str());
        }
    }
    buf.push(b'}');
}

/// The members of a JSON object being written.
struct Object<'b> {
    buf: &'b mut Vec<u8>,
    first: bool,
}

impl Object<'_> {
    /// `"name":`, after a comma unless it is the first member.
    fn key(&mut self, name: &str) {
        if !self.first {
            self.buf.push(b',');
        }
        self.first = false;
        write_str(self.buf, name);
        self.buf.push(b':');
    }

    fn str(&mut self, name: &str, value: &str) {
        self.key(name);
        write_str(self.buf, value);
    }

    /// A decimal as a string, as `rust_decimal`'s `serde-str` writes it.
    fn decimal(&mut self, name: &str, value: &rust_decimal::Decimal) {
        self.key(name);
        self.buf.push(b'"');
        // Writing to a Vec cannot fail.
        let _ = write!(self.buf, "{value}");
        self.buf.push(b'"');
    }
}

/// `s` as a JSON string, as `serde_json` writes it: most strings need no escape and are
/// copied whole; the others go through `serde_json`.
fn write_str(buf: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        // Writing a str to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *buf, s);
        return;
    }
    buf.push(b'"');
    buf.extend_from_slice(s.as_bytes());
    buf.push(b'"');
}

/// [`ClauseRef`] without copying its strings.
#[derive(Serialize)]
struct ClauseRefBorrowed<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    heading: Option<&'a str>,
}

fn itoa_buf() -> [u8; 20] {
    [0; 20]
}

/// Decimal digits of `n` in the tail of `buf`.
fn fmt_usize(buf: &mut [u8; 20], mut n: usize) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

/// Collapse whitespace and cut to `max` chars with an ellipsis.
pub fn one_line(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, w) in s.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.chars().count() > max {
        let cut: String = out.chars().take(max.saturating_sub(1)).collect();
        return cut + "…";
    }
    out
}

/// True when the error is a closed pipe (`pactum extract ... | head`): exit quietly.
pub fn is_broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DatePrecision, DurationUnit, Modality, Span};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    /// What serde writes for `v`, less the braces (the flattened form).
    fn serde_flat(v: &Value) -> String {
        let json = serde_json::to_string(v).unwrap();
        json[1..json.len() - 1].to_owned()
    }

    fn hand(v: &Value) -> String {
        let mut buf = Vec::new();
        write_value(&mut buf, v);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn hand_written_values_are_what_serde_writes() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        // Each byte that may need an escape alone, then mixes.
        let mut text: Vec<String> = (0u8..=0x7f)
            .filter(|b| !b.is_ascii_alphanumeric())
            .map(|b| format!("a{}b", char::from(b)))
            .collect();
        text.extend(
            [
                "",
                "quote \" and \\ backslash",
                "tab\tnew\nline\r\u{1}\u{1f}\u{7f}",
                "Müller & Cie — “Licensor”",
            ]
            .map(String::from),
        );
        let mut values = Vec::new();
        for t in &text {
            let t = t.as_str();
            let opt = [None, Some(t.to_owned())];
            values.push(Value::Percent {
                percent: d("-1.50"),
            });
            values.push(Value::Money {
                amount: d("3000000000"),
                currency: t.to_owned(),
            });
            for precision in [
                DatePrecision::Year,
                DatePrecision::Quarter,
                DatePrecision::Month,
                DatePrecision::Day,
            ] {
                for relative in [false, true] {
                    for resolved in &opt {
                        values.push(Value::Date {
                            date: t.to_owned(),
                            precision,
                            relative,
                            resolved: resolved.clone(),
                        });
                    }
                }
            }
            for unit in [
                DurationUnit::Second,
                DurationUnit::Minute,
                DurationUnit::Hour,
                DurationUnit::Day,
                DurationUnit::Week,
                DurationUnit::Month,
                DurationUnit::Quarter,
                DurationUnit::Year,
            ] {
                for qualifier in &opt {
                    values.push(Value::Duration {
                        iso: t.to_owned(),
                        amount: d("0.5"),
                        unit,
                        qualifier: qualifier.clone(),
                    });
                }
            }
            for aliases in [vec![], vec![t.to_owned()], vec!["A".into(), t.to_owned()]] {
                for role in &opt {
                    values.push(Value::Party {
                        name: t.to_owned(),
                        aliases: aliases.clone(),
                        role: role.clone(),
                    });
                }
            }
            for definition in [None, Some(Span::new(3, 12_345))] {
                values.push(Value::DefinedTerm {
                    term: t.to_owned(),
                    definition,
                });
            }
            values.push(Value::Clause {
                clause_type: t.to_owned(),
                cue: t.to_owned(),
            });
            for modality in [
                Modality::Obligation,
                Modality::Prohibition,
                Modality::Permission,
            ] {
                for party in &opt {
                    values.push(Value::Obligation {
                        party: party.clone(),
                        modality,
                    });
                }
            }
        }
        for v in &values {
            assert_eq!(hand(v), serde_flat(v), "{v:?}");
        }
        // Every kind is covered.
        let kinds: std::collections::BTreeSet<_> = values.iter().map(Value::kind).collect();
        assert_eq!(kinds.len(), crate::model::FactKind::ALL.len());
    }
}
