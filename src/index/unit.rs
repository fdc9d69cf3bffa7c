//! Units: the pieces of a document that become one search record each.
//!
//! A unit is a clause's *own* text: from its start to the start of the next clause in
//! document order (so a parent clause holds its heading and lead-in, not its children's
//! text, and no byte is indexed twice). Text before the first clause is a preamble unit.
//! A document without clauses is cut at its paragraphs, list items and table cells the
//! same way. Units therefore tile the document: every byte is in exactly one unit.

use crate::model::{BlockKind, Document, Fact, Span};

/// One record's worth of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Position in the document's list of units (0-based).
    pub ordinal: usize,
    /// Index into `Document::clauses`, if the unit is a clause.
    pub clause: Option<usize>,
    /// The unit's own bytes in the source.
    pub span: Span,
    pub number: Option<String>,
    pub heading: Option<String>,
    pub level: u8,
}

/// Cut `doc` into units (see the module docs).
pub fn units(doc: &Document) -> Vec<Unit> {
    let len = doc.source.len();
    // (start, clause index) of each cut
    let cuts: Vec<(usize, Option<usize>)> = if doc.clauses.is_empty() {
        doc.blocks
            .iter()
            .filter(|b| {
                matches!(
                    b.kind,
                    BlockKind::Paragraph | BlockKind::ListItem | BlockKind::TableCell
                )
            })
            .map(|b| (b.span.start, None))
            .collect()
    } else {
        doc.clauses
            .iter()
            .enumerate()
            .map(|(i, c)| (c.span.start, Some(i)))
            .collect()
    };
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut push = |start: usize, end: usize, clause: Option<usize>| {
        let span = Span::new(start, end.max(start));
        if clause.is_none() && span.slice(&doc.text).trim().is_empty() {
            return;
        }
        let c = clause.and_then(|i| doc.clauses.get(i));
        out.push(Unit {
            ordinal: 0,
            clause,
            span,
            number: c.and_then(|c| c.number.clone()),
            heading: c.and_then(|c| c.heading.clone()),
            level: c.map_or(0, |c| c.level),
        });
    };
    let first = cuts.first().map_or(len, |c| c.0).min(len);
    push(0, first, None);
    for (i, &(start, clause)) in cuts.iter().enumerate() {
        let start = start.min(len);
        // Cuts are in document order; a stray out-of-order one just gets an empty span.
        let end = cuts.get(i + 1).map_or(len, |c| c.0).clamp(start, len);
        push(start, end, clause);
    }
    for (i, u) in out.iter_mut().enumerate() {
        u.ordinal = i;
    }
    out
}

/// Group facts by the unit holding their start, in unit order.
pub fn facts_by_unit<'f>(units: &[Unit], facts: &'f [Fact]) -> Vec<Vec<&'f Fact>> {
    let mut out = vec![Vec::new(); units.len()];
    for f in facts {
        let i = units.partition_point(|u| u.span.start <= f.span.start);
        if let Some(i) = i.checked_sub(1) {
            out[i].push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest;

    fn tiles(doc: &Document, units: &[Unit]) {
        let mut at = 0;
        for u in units {
            // Only blank text may be skipped between units.
            assert!(doc.text[at..u.span.start].trim().is_empty());
            at = u.span.end;
        }
        assert!(doc.text[at..].trim().is_empty());
    }

    #[test]
    fn clauses_become_units_without_overlap() {
        let src = "# Agreement\n\nThe parties hereto hereby agree that each party shall comply with these terms hereunder.\n\n## 1. Term\n\nOne year.\n\n### 1.1 Renewal\n\nRenews.\n\n## 2. Fees\n\nTen percent.\n";
        let doc = ingest::parse("a.md".as_ref(), src.as_bytes()).unwrap();
        let us = units(&doc);
        tiles(&doc, &us);
        let headings: Vec<_> = us.iter().map(|u| u.heading.clone()).collect();
        assert!(
            headings.contains(&Some("Renewal".to_owned())),
            "{headings:?}"
        );
        let term = us
            .iter()
            .find(|u| u.number.as_deref() == Some("1"))
            .unwrap();
        assert!(!doc.slice(term.span).contains("Renews"));
    }

    #[test]
    fn plain_paragraphs_become_units() {
        let src = "First paragraph here.\n\nSecond paragraph there.\n";
        let doc = ingest::parse("n.txt".as_ref(), src.as_bytes()).unwrap();
        let us = units(&doc);
        assert!(!us.is_empty());
        tiles(&doc, &us);
        assert_eq!(
            us.iter().map(|u| u.ordinal).collect::<Vec<_>>(),
            (0..us.len()).collect::<Vec<_>>()
        );
    }
}
