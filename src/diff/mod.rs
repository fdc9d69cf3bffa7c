//! Diff the terms of two versions of a document.
//!
//! 1. Clauses are aligned across the versions by text, heading and number
//!    ([`align`]), so renumbered, moved and reworded clauses still pair up; clauses left
//!    over are added or removed, pairs out of order are moved.
//! 2. Inside each aligned pair the clause's own words are diffed (the `similar` crate)
//!    on a normalized form ([`token`]): whitespace, line wrapping, Markdown/HTML markup,
//!    letter case and typographic quotes are not changes.
//! 3. Facts are compared through that word diff ([`compare`]): a percent, amount, date,
//!    duration or obligation inside a changed stretch of words is paired with the fact
//!    of the same kind on the other side (`changed` when the value differs), otherwise
//!    it is `added` or `removed`. Clause types are compared per aligned clause, parties
//!    and defined terms per document.
//!
//! The result is a [`Diff`]: a list of [`Change`]s in document order plus a
//! [`Summary`]. Its JSON form is the public contract of `pactum diff --format json`.

pub mod align;
pub mod compare;
pub mod family;
pub mod history;
pub mod render;
pub mod token;

use serde::Serialize;

use crate::model::{clause_label, Document, Fact, FactKind, Span, Value};

/// What happened to a clause or a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeType {
    Added,
    Removed,
    Changed,
    Moved,
}

impl ChangeType {
    pub const fn as_str(self) -> &'static str {
        match self {
            ChangeType::Added => "added",
            ChangeType::Removed => "removed",
            ChangeType::Changed => "changed",
            ChangeType::Moved => "moved",
        }
    }
}

/// `kind` of a change that concerns a whole clause rather than one fact.
pub const SECTION: &str = "section";

/// A clause as named in a change: number and heading (either may be absent), and its
/// byte span in its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClauseRef {
    pub number: Option<String>,
    pub heading: Option<String>,
    pub span: Span,
    /// The clause's first words, when it has no heading (`“Agreement” means the…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

impl ClauseRef {
    pub fn of(doc: &Document, clause: Option<usize>) -> Option<ClauseRef> {
        let c = doc.clauses.get(clause?)?;
        Some(ClauseRef {
            number: c.number.clone(),
            heading: c.heading.clone(),
            span: c.span,
            excerpt: None,
        })
    }

    /// The clause of a unit; a block cut out of a long clause is named by its first words.
    fn of_unit(doc: &Document, unit: &align::Unit) -> Option<ClauseRef> {
        let mut c = match unit.clause {
            Some(c) => ClauseRef::of(doc, Some(c))?,
            None if unit.piece.is_none() => return None,
            None => ClauseRef {
                number: None,
                heading: None,
                span: unit.regions.first().copied().unwrap_or_default(),
                excerpt: None,
            },
        };
        if c.heading.is_none() && unit.piece.is_none() && !unit.tokens.is_empty() {
            c.excerpt = Some(align::first_words(&doc.source, &unit.tokens));
        }
        if let Some(piece) = &unit.piece {
            c.number = unit.number.clone();
            c.heading = Some(format!("¶ {piece}"));
            if let Some(r) = unit.regions.first() {
                c.span = *r;
            }
        }
        Some(c)
    }

    /// `§5.2 Termination` / `§5.2` / `Termination`; `(preamble)` for text before any clause.
    pub fn label(c: Option<&ClauseRef>) -> String {
        match c {
            None => "(preamble)".to_owned(),
            Some(c) => {
                // Without a heading, the clause's first words stand for it.
                let excerpt = c.excerpt.as_ref().map(|e| format!("{e}…"));
                let heading = c.heading.as_deref().or(excerpt.as_deref());
                clause_label(c.number.as_deref(), heading)
                    .unwrap_or_else(|| "(untitled)".to_owned())
            }
        }
    }
}

/// A fact as named in a change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactRef {
    /// The exact source slice (`&source[span]`), markup included.
    pub text: String,
    /// The words of `text` for people: markup dropped, whitespace collapsed
    /// (`will pay to Customer a` for `will pay to <span ...>Customer</span> a`).
    #[serde(skip)]
    pub plain: String,
    pub span: Span,
    /// The normalized value (`{"percent": "75"}`), as in `extract --format json`.
    pub value: serde_json::Value,
    /// Short human rendering of the value (`75%`).
    pub display: String,
    #[serde(skip)]
    pub kind: Option<FactKind>,
    #[serde(skip)]
    pub raw: Option<Value>,
}

impl FactRef {
    /// `f`, a fact of `doc`.
    pub fn of(f: &Fact, doc: &Document) -> FactRef {
        let value = serde_json::to_value(&f.value)
            .ok()
            .and_then(|mut v| v.get_mut("value").map(serde_json::Value::take))
            .unwrap_or(serde_json::Value::Null);
        FactRef {
            text: f.text.clone(),
            plain: doc.plain(f.span),
            span: f.span,
            value,
            display: f.value.display(),
            kind: Some(f.kind()),
            raw: Some(f.value.clone()),
        }
    }
}

/// One word-level edit: `equal` context, `delete`d old words, `insert`ed new words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordOp {
    pub op: WordTag,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WordTag {
    Equal,
    Delete,
    Insert,
}

/// A stretch of changed words with a little context on each side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hunk {
    /// wdiff-style rendering: `GitHub will remit [-75%-]{+95%+} of the sale price`.
    pub diff: String,
    pub words: Vec<WordOp>,
}

/// One difference between the versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub change: ChangeType,
    /// `section` for a whole clause, else the fact kind (`percent`, `date`, `party`...).
    pub kind: String,
    pub old_clause: Option<ClauseRef>,
    pub new_clause: Option<ClauseRef>,
    pub old_fact: Option<FactRef>,
    pub new_fact: Option<FactRef>,
    /// The words that changed around the term (or in the clause).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<Hunk>,
    /// For an added or removed clause: the quantity facts it holds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<FactRef>,
    /// Sort key: position in the new document, then in the old one.
    #[serde(skip)]
    pub order: (usize, usize, usize),
}

impl Change {
    /// True for a change of a fact (as opposed to a whole clause).
    pub fn is_fact(&self) -> bool {
        self.kind != SECTION
    }
}

/// Counts of the changes, by what changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Every change listed.
    pub changes: usize,
    pub terms_changed: usize,
    pub terms_added: usize,
    pub terms_removed: usize,
    pub clauses_added: usize,
    pub clauses_removed: usize,
    pub clauses_moved: usize,
    /// Aligned clauses whose words changed other than through a listed term.
    pub clauses_changed: usize,
    /// Clauses aligned between the versions.
    pub clauses_aligned: usize,
}

/// A document named in a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocRef {
    pub path: String,
    pub version: Option<String>,
}

impl DocRef {
    fn of(doc: &Document) -> DocRef {
        DocRef {
            path: doc.id.clone(),
            version: doc.version.as_ref().map(|v| v.label.clone()),
        }
    }
}

/// The differences between two versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub old: DocRef,
    pub new: DocRef,
    pub changes: Vec<Change>,
    pub summary: Summary,
    /// Pairs (old fact index, new fact index) of positional facts matched across the
    /// versions, changed or not (used by history).
    #[serde(skip)]
    pub links: Vec<(usize, usize)>,
}

impl Diff {
    /// True when any term or clause changed (exit code 1 of `pactum diff`).
    pub fn has_changes(&self) -> bool {
        !self.changes.is_empty()
    }
}

/// A document and the facts found in it.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub doc: &'a Document,
    pub facts: &'a [Fact],
}

/// Diff two versions.
pub fn diff(old: Side<'_>, new: Side<'_>) -> Diff {
    let (old_units, new_units, alignment) = align::build(old.doc, new.doc);
    let (mut changes, links) = compare::changes(old, new, &old_units, &new_units, &alignment);
    changes.sort_by_key(|a| a.order);
    let mut summary = Summary {
        changes: changes.len(),
        clauses_aligned: alignment.old_to_new.iter().flatten().count(),
        ..Summary::default()
    };
    for c in &changes {
        let n = match (c.is_fact(), c.change) {
            (true, ChangeType::Changed) => &mut summary.terms_changed,
            (true, ChangeType::Added) => &mut summary.terms_added,
            (true, ChangeType::Removed) => &mut summary.terms_removed,
            (false, ChangeType::Added) => &mut summary.clauses_added,
            (false, ChangeType::Removed) => &mut summary.clauses_removed,
            (false, ChangeType::Moved) | (true, ChangeType::Moved) => &mut summary.clauses_moved,
            (false, ChangeType::Changed) => &mut summary.clauses_changed,
        };
        *n += 1;
    }
    Diff {
        old: DocRef::of(old.doc),
        new: DocRef::of(new.doc),
        changes,
        summary,
        links,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Options, Pipeline};
    use crate::ingest;

    const PRE: &str =
        "This Agreement binds the parties hereto; each party shall follow the Terms herein.\n\n";

    fn run(old: &str, new: &str) -> Diff {
        let o = ingest::parse("old.md".as_ref(), format!("{PRE}{old}").as_bytes()).unwrap();
        let n = ingest::parse("new.md".as_ref(), format!("{PRE}{new}").as_bytes()).unwrap();
        let p = Pipeline::new(&Options::default());
        let (of, nf) = (p.run(&o), p.run(&n));
        diff(
            Side {
                doc: &o,
                facts: &of,
            },
            Side {
                doc: &n,
                facts: &nf,
            },
        )
    }

    fn lines(d: &Diff) -> Vec<String> {
        d.changes
            .iter()
            .map(|c| {
                let clause = ClauseRef::label(c.new_clause.as_ref().or(c.old_clause.as_ref()));
                let v = |f: &Option<FactRef>| f.as_ref().map_or("-".into(), |f| f.display.clone());
                format!(
                    "{} {} {clause} {} -> {}",
                    c.change.as_str(),
                    c.kind,
                    v(&c.old_fact),
                    v(&c.new_fact)
                )
            })
            .collect()
    }

    #[test]
    fn license_through_2030_becomes_2032() {
        let d = run(
            "## 3. License\n\nThe Licensor grants a license through December 31, 2030.\n",
            "## 3. License\n\nThe Licensor grants a license through December 31, 2032.\n",
        );
        assert_eq!(
            lines(&d),
            ["changed date §3 License 2030-12-31 -> 2032-12-31"]
        );
        assert_eq!(
            d.changes[0].words[0].diff,
            "a license through December 31, [-2030-] {+2032+} ."
        );
        assert_eq!(d.summary.terms_changed, 1);
    }

    #[test]
    fn added_and_removed_terms_in_a_rewritten_sentence() {
        let d = run(
            "## 1. Fees\n\nThe Customer pays 20% of revenue.\n",
            "## 1. Fees\n\nThe Customer pays 20% of revenue and USD 5,000.00 a month.\n",
        );
        assert_eq!(lines(&d), ["added money §1 Fees - -> 5000 USD"]);
    }

    #[test]
    fn heading_line_split_from_its_text_still_aligns() {
        // Old: heading and text in one clause; new: the text is a nested clause of its own.
        let d = run(
            "## 7. Disclaimer of Warranties\n\nThe Product is provided as is without any warranty of any kind.\n",
            "## 7. Disclaimer of Warranties\n\n### 7.1\n\nThe Product is provided as is without any warranty of any kind.\n",
        );
        let sections: Vec<String> = lines(&d)
            .into_iter()
            .filter(|l| !l.starts_with("changed section"))
            .collect();
        assert!(sections.is_empty(), "{sections:?}");
    }

    #[test]
    fn relative_dates_compare_on_their_words() {
        let a = Value::Date {
            date: "effective_date".into(),
            precision: crate::model::DatePrecision::Day,
            relative: true,
            resolved: Some("2025-03-03".into()),
        };
        let mut b = a.clone();
        if let Value::Date { resolved, .. } = &mut b {
            *resolved = Some("2025-11-03".into());
        }
        assert!(compare::tests_same_value(&a, &b));
    }
}
