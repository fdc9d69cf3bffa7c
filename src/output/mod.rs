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
    match format {
        OutputFormat::Jsonl | OutputFormat::Json => {
            let mut buf = Vec::with_capacity(facts.len() * 256);
            let mut json = JsonWriter::new(doc);
            for f in facts {
                if format == OutputFormat::Json {
                    if !*first {
                        buf.extend_from_slice(b",\n");
                    }
                    *first = false;
                }
                json.record(&mut buf, f)?;
                if format == OutputFormat::Jsonl {
                    buf.push(b'\n');
                }
            }
            out.write_all(&buf)?;
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
        // `"kind":...,"value":...`: the adjacently tagged value without its braces, as
        // `#[serde(flatten)]` writes it.
        let at = buf.len();
        serde_json::to_writer(&mut *buf, &f.value)?;
        if buf.get(at) == Some(&b'{') && buf.last() == Some(&b'}') {
            buf.pop();
            buf.remove(at);
        }
        buf.extend_from_slice(b",\"text\":");
        serde_json::to_writer(&mut *buf, f.text.as_str())?;
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
        serde_json::to_writer(&mut *buf, f.extractor.as_str())?;
        buf.push(b'}');
        Ok(())
    }
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
