//! Clause segmentation: turn headings into a tree of clauses (contracts), or paragraphs
//! into clauses (news).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Block, BlockKind, Clause, DocKind, Span};

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^[\ \t\#*]*
        (?:(?i:article|section)\s+)?
        (?P<num>[0-9]{1,3}(?:\.[0-9]{1,3})*|[IVXLC]{1,6}|\([a-z0-9]{1,4}\))
        \.?[\ \t.:\-–—]*",
    )
    .expect("static regex")
});

/// Build clauses from blocks.
pub fn segment(text: &str, blocks: &[Block], kind: DocKind) -> Vec<Clause> {
    let end_of_doc = text.len();
    let mut clauses: Vec<Clause> = Vec::new();
    if kind == DocKind::News {
        for b in blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem))
        {
            clauses.push(Clause {
                number: None,
                heading: None,
                span: b.span,
                body: b.span,
                level: 0,
                parent: None,
            });
        }
        return clauses;
    }
    // Open clause indices, innermost last.
    let mut stack: Vec<usize> = Vec::new();
    for b in blocks {
        let BlockKind::Heading { level } = b.kind else {
            continue;
        };
        let heading_text = collapse(b.span.slice(text));
        let (number, heading) = match NUMBER.captures(&heading_text) {
            Some(c)
                if c.get(0)
                    .is_some_and(|m| m.end() < heading_text.len() || c.name("num").is_some()) =>
            {
                let rest = heading_text[c.get(0).map_or(0, |m| m.end())..].trim();
                (
                    Some(c["num"].to_owned()),
                    (!rest.is_empty()).then(|| rest.to_owned()),
                )
            }
            _ => (None, Some(heading_text.clone())),
        };
        while let Some(&top) = stack.last() {
            if clauses[top].level + 1 > level {
                clauses[top].span.end = b.span.start;
                clauses[top].body.end = b.span.start;
                stack.pop();
            } else {
                break;
            }
        }
        let idx = clauses.len();
        clauses.push(Clause {
            number,
            heading,
            span: Span::new(b.span.start, end_of_doc),
            body: Span::new(b.span.end, end_of_doc),
            level: level.saturating_sub(1),
            parent: stack.last().copied(),
        });
        stack.push(idx);
    }
    // Trim trailing whitespace off clause ends.
    for c in &mut clauses {
        let s = c.span.slice(text);
        let trail = s.len() - s.trim_end().len();
        c.span.end -= trail;
        c.body.end = c.body.end.min(c.span.end).max(c.body.start);
    }
    clauses
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
