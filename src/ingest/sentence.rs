//! Sentence splitting over blocks of running text.
//!
//! A sentence ends at `.`, `!` or `?` (plus closing quotes/brackets) followed by
//! whitespace and an upper-case letter, digit, quote or `(`, unless the word before the
//! dot is a known abbreviation (`Inc.`, `Corp.`, `No.`, `U.S.`) or a single letter.

use crate::model::{Block, BlockKind, Span};

const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "l.l.c", "l.p", "lp", "plc", "n.a", "no", "nos", "mr",
    "mrs", "ms", "dr", "st", "jr", "sr", "vs", "v", "e.g", "i.e", "etc", "u.s", "u.k", "sec",
    "art", "para", "cf", "al", "approx", "dept", "est", "fig", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "s.a", "n.v", "b.v", "ag", "gmbh", "pty",
    "rs",
];

/// Sentences of every readable block, in document order.
pub fn split(text: &str, blocks: &[Block]) -> Vec<Span> {
    let mut out = Vec::new();
    for b in blocks {
        if matches!(b.kind, BlockKind::Verbatim) {
            continue;
        }
        split_block(text, b.span, &mut out);
    }
    out.sort();
    out.dedup();
    // Nested blocks (list items inside list items) give overlapping sentences: keep the
    // first of each overlapping run.
    let mut kept: Vec<Span> = Vec::with_capacity(out.len());
    for s in out {
        if kept.last().is_some_and(|k| k.end > s.start) {
            continue;
        }
        kept.push(s);
    }
    kept
}

fn split_block(text: &str, block: Span, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut start = skip_ws(bytes, block.start, block.end);
    let mut i = start;
    while i < block.end {
        // Jump to the next candidate stop.
        match memchr::memchr3(b'.', b'!', b'?', &bytes[i..block.end]) {
            Some(k) => i += k,
            None => break,
        }
        let b = bytes[i];
        {
            let mut j = i + 1;
            while j < block.end && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
                j += 1;
            }
            // closing curly quotes (3 bytes) after the stop
            while j + 3 <= block.end
                && (&bytes[j..j + 3] == "\u{201d}".as_bytes()
                    || &bytes[j..j + 3] == "\u{2019}".as_bytes())
            {
                j += 3;
            }
            let next = skip_ws(bytes, j, block.end);
            if next > j
                && next < block.end
                && starts_sentence(&text[next..block.end])
                && !(b == b'.' && is_abbreviation(text, start, i))
            {
                out.push(Span::new(start, j));
                start = next;
                i = next;
                continue;
            }
            i = j.max(i + 1);
        }
    }
    let end = trim_end(bytes, start, block.end);
    if end > start {
        out.push(Span::new(start, end));
    }
}

fn starts_sentence(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '(' | '\u{201c}' | '\'')
    })
}

fn is_abbreviation(text: &str, sentence_start: usize, dot: usize) -> bool {
    let before = &text[sentence_start..dot];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic()) {
        return true; // initials: "J. Smith", "U.S."
    }
    let w = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&w.as_str())
}

fn skip_ws(bytes: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

fn trim_end(bytes: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        let blocks = [Block {
            kind: BlockKind::Paragraph,
            span: Span::new(0, s.len()),
        }];
        split(s, &blocks)
            .into_iter()
            .map(|sp| sp.slice(s))
            .collect()
    }

    #[test]
    fn splits_on_stops_not_abbreviations() {
        assert_eq!(
            sentences(
                "Acme Inc. agreed. Beta Corp. said \"no.\" Then 20% went to U.S. buyers. Done"
            ),
            [
                "Acme Inc. agreed.",
                "Beta Corp. said \"no.\"",
                "Then 20% went to U.S. buyers.",
                "Done"
            ]
        );
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(
            sentences("Rates rose 0.8% today. Then fell."),
            ["Rates rose 0.8% today.", "Then fell."]
        );
    }
}
