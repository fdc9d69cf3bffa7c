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

/// Write the facts of one document in `format`. For `Json`, the caller writes the
/// surrounding `[` `]`; `first` says whether a separating comma is needed.
pub fn write_facts(
    out: &mut impl Write,
    format: OutputFormat,
    doc: &Document,
    facts: &[Fact],
    first: &mut bool,
    color: bool,
) -> io::Result<()> {
    if facts.is_empty() {
        return Ok(());
    }
    let lines = LineIndex::new(&doc.source);
    match format {
        OutputFormat::Jsonl => {
            for f in facts {
                serde_json::to_writer(&mut *out, &FactRecord::new(doc, f, &lines))?;
                out.write_all(b"\n")?;
            }
        }
        OutputFormat::Json => {
            for f in facts {
                if !*first {
                    out.write_all(b",\n")?;
                }
                *first = false;
                serde_json::to_writer(&mut *out, &FactRecord::new(doc, f, &lines))?;
            }
        }
        OutputFormat::Human => {
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
