//! The document model: decoded source, its structure (blocks, sentences, clauses) and
//! where it sits in a version family.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::OnceLock;

use super::{Span, Version};

/// Input format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Text,
    Markdown,
}

impl Format {
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
        }
    }
}

/// Whether a document reads as a contract or as news. Decided from its structure and
/// wording (see `ingest::classify`), used to choose the unit of a "clause".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Contract,
    News,
}

impl DocKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            DocKind::Contract => "contract",
            DocKind::News => "news",
        }
    }
}

/// The structural role of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum BlockKind {
    /// A heading; `level` 1 is the outermost.
    Heading {
        level: u8,
    },
    Paragraph,
    ListItem,
    TableCell,
    /// Front matter, code and other text that is kept but not read for facts.
    Verbatim,
}

/// A block of the document with its byte span in the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
}

/// A clause: a numbered or headed unit of a contract (or, in news, a paragraph).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    /// The clause number as written, without trailing dot: `5.2`, `IV`, `(a)`, `1.1(a)`.
    pub number: Option<String>,
    /// The heading text, if the clause has one.
    pub heading: Option<String>,
    /// The whole clause, heading included, nested clauses included.
    pub span: Span,
    /// The body (after the number and heading).
    pub body: Span,
    /// Nesting depth, 0 for top-level clauses.
    pub level: u8,
    /// Index of the enclosing clause in `Document::clauses`.
    pub parent: Option<usize>,
}

impl Clause {
    /// `§5.2 Termination`-style label for people (see [`clause_label`]).
    pub fn label(&self) -> String {
        clause_label(self.number.as_deref(), self.heading.as_deref())
            .unwrap_or_else(|| "(untitled)".to_owned())
    }
}

/// A clause as people cite it: `§5.2 Termination`, `§5.2`, `Termination`; `None` without
/// number and heading. A bare number gets `§`; a number that starts with its keyword
/// (`Exhibit 10.1`, the exhibit number of an EDGAR filing) stands as written.
pub fn clause_label(number: Option<&str>, heading: Option<&str>) -> Option<String> {
    let number = number.map(|n| {
        if n.contains(char::is_whitespace) {
            n.to_owned()
        } else {
            format!("§{n}")
        }
    });
    match (number, heading) {
        (Some(n), Some(h)) => Some(format!("{n} {h}")),
        (Some(n), None) => Some(n),
        (None, Some(h)) => Some(h.to_owned()),
        (None, None) => None,
    }
}

/// Metadata read from YAML front matter (or the text itself).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    /// Version family named in front matter (`family:`).
    pub family: Option<String>,
    pub version: Option<String>,
    pub effective_date: Option<String>,
}

/// A problem with the input that did not stop it from being read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub message: String,
    pub span: Option<Span>,
}

/// A decoded, parsed document. Immutable after ingest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the path as given (`-` for stdin).
    pub id: String,
    pub path: PathBuf,
    pub format: Format,
    pub kind: DocKind,
    /// Family and label when the document is one version of a family.
    pub version: Option<Version>,
    pub meta: Metadata,
    /// The decoded source. Every span points into it.
    pub source: String,
    /// The source with markup blanked out: same length, same offsets, every byte that is
    /// not running text (Markdown syntax, HTML tags, front matter) replaced by a space.
    /// Extractors match on this, so Markdown facts point into the `.md` file.
    pub text: String,
    pub blocks: Vec<Block>,
    /// Split on first use, from `text` and `blocks` (see [`Document::sentences`]).
    #[serde(skip)]
    pub(crate) sentences: OnceLock<Vec<Span>>,
    pub clauses: Vec<Clause>,
    /// blake3 of the raw bytes, hex; empty when the document was read without it (only
    /// storing documents needs it).
    pub content_hash: String,
    pub warnings: Vec<Warning>,
}

impl Document {
    /// The source text of a span.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.source)
    }

    /// The plain text of a span: markup removed, whitespace collapsed.
    pub fn plain(&self, span: Span) -> String {
        let raw = span.slice(&self.text);
        let mut out = String::with_capacity(raw.len());
        for word in raw.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }

    /// Index of the innermost clause containing `span`.
    pub fn clause_at(&self, span: Span) -> Option<usize> {
        // Clauses are in document order, parents before children; the innermost
        // containing clause is the last one that contains the span.
        let upto = self.clauses.partition_point(|c| c.span.start <= span.start);
        self.clauses[..upto]
            .iter()
            .rposition(|c| c.span.contains(span))
    }

    /// The sentences, in order. Split on first use: only some extractors read them
    /// (clause types, defined terms, obligations), and splitting every document was 2% of
    /// the instructions of a percent/money/date/duration run over ../shared/corpus.
    pub fn sentences(&self) -> &[Span] {
        self.sentences
            .get_or_init(|| super::sentence::split(&self.text, &self.blocks))
    }

    /// Index of the sentence containing the start of `span`.
    pub fn sentence_at(&self, span: Span) -> Option<usize> {
        let sentences = self.sentences();
        let i = sentences.partition_point(|s| s.end <= span.start);
        (i < sentences.len() && sentences[i].start <= span.start).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::clause_label;

    #[test]
    fn clause_labels_cite_bare_numbers_with_a_section_sign() {
        let label = |n: Option<&str>, h: Option<&str>| clause_label(n, h);
        assert_eq!(
            label(Some("5.2"), Some("Termination")).as_deref(),
            Some("§5.2 Termination")
        );
        assert_eq!(label(Some("IV"), None).as_deref(), Some("§IV"));
        assert_eq!(label(Some("1.1(a)"), None).as_deref(), Some("§1.1(a)"));
        // EDGAR exhibit numbers keep their keyword and get no `§`.
        assert_eq!(
            label(Some("Exhibit 10.1"), None).as_deref(),
            Some("Exhibit 10.1")
        );
        assert_eq!(
            label(Some("EXHIBIT A"), Some("Pricing")).as_deref(),
            Some("EXHIBIT A Pricing")
        );
        assert_eq!(label(None, Some("Fees")).as_deref(), Some("Fees"));
        assert_eq!(label(None, None), None);
    }
}
