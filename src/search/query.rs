//! The query language: tantivy's query parser, with errors that point at the problem.
//!
//! - words: `termination convenience` (all words must match; the text is stemmed, so
//!   `terminate` finds `termination`)
//! - phrases: `"termination for convenience"`
//! - boolean: `indemnify AND (gross OR wilful) AND NOT insurance`, `+must -mustnot`
//! - fields: `heading:termination` (the clause's own heading), `section:termination`
//!   (its own heading or that of any clause enclosing it), `title:nda`, `party:microsoft`, `type:governing_law`,
//!   `family:…`, `version:…`, `kind:news`, `number:5.2`, `path:…`
//!
//! Words without a field search the text, the heading (weighs double) and the headings
//! of enclosing sections (weigh half).

use tantivy::query::{Query, QueryParser, QueryParserError};

use crate::index::schema::DEFAULT_FIELDS;
use crate::{Error, Result};

/// Fields a query may name.
pub const FIELDS: &[&str] = &[
    "text", "heading", "section", "title", "party", "type", "family", "version", "kind", "number",
    "path",
];

/// Parse `query` for `index`, searching unit records.
pub(crate) fn parse(index: &tantivy::Index, query: &str) -> Result<Box<dyn Query>> {
    parse_with(index, query, DEFAULT_FIELDS)
}

/// Parse `query` with other default fields (`schema::DOCUMENT_FIELDS` for document
/// records).
pub(crate) fn parse_with(
    index: &tantivy::Index,
    query: &str,
    defaults: &[(&str, f32)],
) -> Result<Box<dyn Query>> {
    check(query)?;
    let schema = index.schema();
    let fields = defaults
        .iter()
        .filter_map(|(name, _)| schema.get_field(name).ok())
        .collect();
    let mut parser = QueryParser::for_index(index, fields);
    parser.set_conjunction_by_default();
    for (name, boost) in defaults {
        if let Ok(f) = schema.get_field(name) {
            parser.set_field_boost(f, *boost);
        }
    }
    parser
        .parse_query(&rewrite_not(query))
        .map_err(|e| explain(query, e))
}

/// `a AND NOT b` -> `a AND -b`. tantivy reads `NOT b` as a clause holding only an
/// exclusion, which matches nothing, so `a AND NOT b` would never match; `-b` is the
/// exclusion it means.
fn rewrite_not(query: &str) -> String {
    let words = words_outside_quotes(query);
    let mut out = String::with_capacity(query.len());
    let mut at = 0;
    for (n, &(start, w)) in words.iter().enumerate() {
        if w != "NOT" {
            continue;
        }
        if let Some(&(next, _)) = words.get(n + 1) {
            out.push_str(&query[at..start]);
            out.push('-');
            at = next;
        }
    }
    out.push_str(&query[at..]);
    out
}

/// An error message showing the query with a caret under `at` (a byte offset).
fn pointed(query: &str, at: usize, message: &str) -> Error {
    let col = query[..at.min(query.len())].chars().count();
    Error::Query {
        message: format!("{message}\n  {query}\n  {}^", " ".repeat(col)),
    }
}

/// Catch the usual mistakes before tantivy does, to say where they are.
fn check(query: &str) -> Result<()> {
    let mut depth: Vec<usize> = Vec::new();
    let mut quote: Option<usize> = None;
    for (i, c) in query.char_indices() {
        match c {
            '"' => quote = if quote.is_some() { None } else { Some(i) },
            '(' if quote.is_none() => depth.push(i),
            ')' if quote.is_none() && depth.pop().is_none() => {
                return Err(pointed(query, i, "this `)` closes nothing"));
            }
            _ => {}
        }
    }
    if let Some(i) = quote {
        return Err(pointed(
            query,
            i,
            "this quote opens a phrase that is never closed (add a closing `\"`)",
        ));
    }
    if let Some(&i) = depth.last() {
        return Err(pointed(query, i, "this `(` is never closed"));
    }
    // Operators need something on both sides (NOT only on its right).
    let words = words_outside_quotes(query);
    for (n, &(at, w)) in words.iter().enumerate() {
        let next = words.get(n + 1).map(|x| x.1);
        let prev = n.checked_sub(1).map(|p| words[p].1);
        let is_op = |w: Option<&str>| matches!(w, Some("AND" | "OR" | "NOT"));
        match w {
            "AND" | "OR" if prev.is_none() || prev == Some("(") || is_op(prev) => {
                return Err(pointed(
                    query,
                    at,
                    &format!("`{w}` needs a term on its left"),
                ))
            }
            "AND" | "OR" | "NOT" if next.is_none() || next == Some(")") => {
                return Err(pointed(
                    query,
                    at,
                    &format!("`{w}` needs a term on its right"),
                ))
            }
            _ => {}
        }
        if let Some(colon) = w.find(':') {
            let field = &w[..colon];
            let field = field.trim_start_matches(['+', '-', '(']);
            if !field.is_empty() && !FIELDS.contains(&field) {
                return Err(pointed(
                    query,
                    at + w.find(field).unwrap_or(0),
                    &format!(
                        "unknown field `{field}`; fields are {} (quote text containing `:`)",
                        FIELDS.join(", ")
                    ),
                ));
            }
            if colon + 1 == w.len() && next.is_none() {
                return Err(pointed(
                    query,
                    at + colon,
                    &format!("`{field}:` needs a value after the colon"),
                ));
            }
        }
    }
    Ok(())
}

/// Whitespace-separated words (with their byte offsets) outside phrases; parentheses
/// are words of their own.
fn words_outside_quotes(query: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut in_quote = false;
    for (i, c) in query.char_indices() {
        let boundary = !in_quote && (c.is_whitespace() || c == '(' || c == ')');
        if boundary {
            if let Some(s) = start.take() {
                out.push((s, &query[s..i]));
            }
            if c == '(' || c == ')' {
                out.push((i, &query[i..i + 1]));
            }
            continue;
        }
        if c == '"' {
            in_quote = !in_quote;
        }
        if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &query[s..]));
    }
    out
}

/// Turn tantivy's error into a message about the query.
fn explain(query: &str, e: QueryParserError) -> Error {
    let message = match e {
        QueryParserError::FieldDoesNotExist(f) => {
            let at = query.find(&format!("{f}:")).unwrap_or(0);
            return pointed(
                query,
                at,
                &format!("unknown field `{f}`; fields are {}", FIELDS.join(", ")),
            );
        }
        QueryParserError::AllButQueryForbidden => {
            "the query only excludes (NOT/-); add a word to search for, or use filters \
             like --type or --family"
                .to_owned()
        }
        QueryParserError::SyntaxError(s) => format!("cannot parse `{query}`: {s}"),
        other => format!("cannot use `{query}`: {other}"),
    };
    Error::Query { message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(q: &str) -> String {
        match check(q) {
            Err(Error::Query { message }) => message,
            other => panic!("{q}: expected an error, got {other:?}"),
        }
    }

    #[test]
    fn accepts_good_queries() {
        for q in [
            "termination",
            "\"termination for convenience\"",
            "indemnify AND (gross OR wilful) AND NOT insurance",
            "heading:termination",
            "+must -not",
            "type:governing_law party:microsoft",
            "NOT draft AND license",
        ] {
            assert!(check(q).is_ok(), "{q}");
        }
    }

    #[test]
    fn not_becomes_an_exclusion() {
        assert_eq!(rewrite_not("a AND NOT b"), "a AND -b");
        assert_eq!(rewrite_not("NOT (a OR b) AND c"), "-(a OR b) AND c");
        assert_eq!(rewrite_not("\"NOT a\" b"), "\"NOT a\" b");
        assert_eq!(rewrite_not("NOTE"), "NOTE");
    }

    #[test]
    fn points_at_mistakes() {
        let m = msg("\"termination for");
        assert!(m.contains("never closed") && m.contains("\n  ^"), "{m}");
        let m = msg("(a OR b");
        assert!(m.contains("`(` is never closed"), "{m}");
        let m = msg("a OR b)");
        assert!(
            m.contains("closes nothing") && m.ends_with("      ^"),
            "{m}"
        );
        assert!(msg("termination AND").contains("on its right"));
        assert!(msg("OR termination").contains("on its left"));
        assert!(msg("a AND OR b").contains("on its left"));
        let m = msg("headline:termination");
        assert!(m.contains("unknown field `headline`"), "{m}");
        assert!(msg("heading:").contains("needs a value"));
    }
}
