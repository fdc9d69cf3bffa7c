//! Defined terms: `(the "Agreement")`, `"Confidential Information" means ...`,
//! `as used herein, "Territory" shall mean ...`, with straight or curly quotes.
//!
//! The fact's span is the term inside its quotes; `definition` is the span of what
//! defines it: for `X means Y`, the rest of the sentence after `means`; for a
//! parenthesized definition, the sentence part before the parenthesis (the thing named).
//! Later uses of a term are found by searching the index for the term.
//!
//! Known limits: terms defined without quotes (`Affiliate means`) and bold-only Markdown
//! definitions are not read; a quoted term runs at most 80 bytes and never across a
//! line, so an unbalanced quote costs one missed term, never a runaway match.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::{Context, Extractor};
use crate::model::{Document, Fact, FactKind, Span, Value};

/// `("Term")`, `(the "Term")`, `(hereinafter referred to as "Term")`, `(each a "Party")`.
static PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?x)
        \(\s*
        (?:(?i:the|a|an|each|individually|collectively|together|hereinafter|herein|referred\s+to|as|and|or|being|called|jointly|also|such|singly|severally|respectively)[\s,]+)*
        ["\u{201c}](?P<t>[^"\u{201c}\u{201d}\n]{1,80})["\u{201d}]"#,
    )
    .expect("static regex")
});

/// More terms in the same parenthesis: `, and "Parties"`, ` or "Licensee"`.
static MORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?x)^[\s,;]*
        (?:(?i:and|or|collectively|together|individually|each|the|a|an|as)[\s,]+)*
        ["\u{201c}](?P<t>[^"\u{201c}\u{201d}\n]{1,80})["\u{201d}]"#,
    )
    .expect("static regex")
});

/// `"Term" means`, `"Term" shall have the meaning`, `"Term": `.
static MEANS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?x)
        ["\u{201c}](?P<t>[^"\u{201c}\u{201d}\n]{1,80})["\u{201d}]
        \s*,?\s*
        (?P<cue>(?i:
            (?:shall|will|does|should)\s+(?:mean|include|refer\s+to|have\s+the\s+meaning)
          | means | mean | includes | refers\s+to | has\s+the\s+meaning
          | is\s+defined\s+as | is\s+used\s+(?:herein\s+)?to\s+mean)
          | :\s)"#,
    )
    .expect("static regex")
});

const MAX_DEFINITION: usize = 1500;

pub struct DefinedTermExtractor;

impl Extractor for DefinedTermExtractor {
    fn name(&self) -> &'static str {
        "defined_term"
    }
    fn kinds(&self) -> &'static [FactKind] {
        &[FactKind::DefinedTerm]
    }
    fn warm_ups(&self) -> &'static [super::WarmUp] {
        warm_ups!(PAREN, MORE, MEANS)
    }
    fn extract(&self, cx: &Context, out: &mut Vec<Fact>) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        let bytes = text.as_bytes();
        // Prefilter: no quote, no definition.
        if memchr::memchr(b'"', bytes).is_none() && !text.contains('\u{201c}') {
            return;
        }
        let mut spans: Vec<Span> = Vec::new();
        for c in MEANS.captures_iter(text) {
            let (Some(t), Some(cue)) = (c.name("t"), c.name("cue")) else {
                continue;
            };
            let Some(term) = clean(t.as_str()) else {
                continue;
            };
            let span = term_span(t.start(), t.as_str());
            let from = cue.end();
            let end = doc
                .sentence_at(Span::new(t.start(), t.end()))
                .map_or(from, |i| doc.sentences()[i].end)
                .max(from);
            let end = crate::ingest::floor_char_boundary(text, end.min(from + MAX_DEFINITION));
            let def = trim(text, Span::new(from, end));
            push(
                doc,
                out,
                &mut spans,
                term,
                span,
                (!def.is_empty()).then_some(def),
            );
        }
        for c in PAREN.captures_iter(text) {
            let Some(t) = c.name("t") else { continue };
            let open = c.get(0).map_or(t.start(), |m| m.start());
            // What the parenthesis names: the sentence part before it.
            let sentence_start = doc
                .sentence_at(Span::new(open, open))
                .map_or(open, |i| doc.sentences()[i].start)
                .min(open);
            let from = crate::ingest::floor_char_boundary(
                text,
                sentence_start.max(open.saturating_sub(MAX_DEFINITION)),
            );
            let def = trim(text, Span::new(from, open));
            let def = (!def.is_empty()).then_some(def);
            let mut next = t.end() + quote_len(text, t.end());
            if let Some(term) = clean(t.as_str()) {
                push(
                    doc,
                    out,
                    &mut spans,
                    term,
                    term_span(t.start(), t.as_str()),
                    def,
                );
            }
            // Further terms in the same parenthesis.
            for _ in 0..8 {
                let Some(m) = MORE.captures(&text[next..]) else {
                    break;
                };
                let Some(t2) = m.name("t") else { break };
                let start = next + t2.start();
                if let Some(term) = clean(t2.as_str()) {
                    push(
                        doc,
                        out,
                        &mut spans,
                        term,
                        term_span(start, t2.as_str()),
                        def,
                    );
                }
                next = start + t2.len() + quote_len(text, start + t2.len());
            }
        }
    }
}

fn quote_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(0, char::len_utf8)
}

/// The span of the term inside its quotes, without surrounding spaces or a trailing comma.
fn term_span(start: usize, raw: &str) -> Span {
    let lead = raw.len() - raw.trim_start().len();
    let core = raw.trim().trim_end_matches([',', '.', ';', ':']).trim_end();
    Span::new(start + lead, start + lead + core.len())
}

/// A term: capitalized (or a number), at most 8 words, not a sentence.
fn clean(raw: &str) -> Option<String> {
    let core = raw.trim().trim_end_matches([',', '.', ';', ':']).trim_end();
    let words = core.split_whitespace().count();
    let first = core.chars().next()?;
    if words == 0 || words > 8 || !(first.is_uppercase() || first.is_ascii_digit()) {
        return None;
    }
    // One letter (`("N")` for a release number) is a variable, not a term.
    if core.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return None;
    }
    Some(core.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn trim(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

fn push(
    doc: &Document,
    out: &mut Vec<Fact>,
    spans: &mut Vec<Span>,
    term: String,
    span: Span,
    definition: Option<Span>,
) {
    if span.is_empty() || spans.contains(&span) {
        return;
    }
    spans.push(span);
    out.push(Fact::new(
        Value::DefinedTerm { term, definition },
        span,
        &doc.source,
        "defined_term",
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest;
    use std::path::Path;

    fn terms(src: &str) -> Vec<(String, Option<String>)> {
        let doc = ingest::parse(Path::new("c.txt"), src.as_bytes()).unwrap();
        let mut facts = Vec::new();
        DefinedTermExtractor.extract(&Context::new(&doc), &mut facts);
        facts
            .into_iter()
            .map(|f| {
                assert_eq!(&doc.source[f.span.range()], f.text);
                match f.value {
                    Value::DefinedTerm { term, definition } => {
                        (term, definition.map(|d| doc.source[d.range()].to_owned()))
                    }
                    _ => unreachable!(),
                }
            })
            .collect()
    }

    #[test]
    fn matches() {
        let t = terms("This License Agreement (the \"Agreement\") is made by Acme Inc. (\u{201c}Licensor\u{201d}).");
        assert_eq!(t[0].0, "Agreement");
        assert_eq!(t[0].1.as_deref(), Some("This License Agreement"));
        assert_eq!(t[1].0, "Licensor");
        let t = terms(
            "\"Confidential Information\" means any information disclosed by a party. Other text.",
        );
        assert_eq!(
            t,
            [(
                "Confidential Information".to_owned(),
                Some("any information disclosed by a party.".to_owned())
            )]
        );
        let t = terms("As used herein, \u{201c}Territory\u{201d} shall mean the United States.");
        assert_eq!(t[0].0, "Territory");
        let t = terms("Acme and Beta (each a \"Party\" and together the \"Parties\") agree.");
        let names: Vec<_> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["Party", "Parties"]);
    }

    #[test]
    fn non_matches() {
        for src in [
            "The goods are sold (\"as is\") without warranty.",
            "He said \"hello there\" to them.",
            "IBM supports the current release (\"N\") and the one before it.",
            "The variable (the \u{201c}X\u{201d}) is unknown.",
            "An unbalanced (\"Licensor party and more text follows here without end.",
            "No quotes at all in this sentence.",
        ] {
            assert!(terms(src).is_empty(), "{src}: {:?}", terms(src));
        }
    }
}
