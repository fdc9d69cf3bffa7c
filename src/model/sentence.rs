//! Sentence splitting over blocks of running text.
//!
//! A sentence ends at `.`, `!` or `?` (plus closing quotes/brackets) followed by
//! whitespace and an upper-case letter, digit, quote or `(`, unless the word before the
//! dot is a known abbreviation (`Inc.`, `Corp.`, `No.`, `U.S.`) or a single letter.

use super::{Block, BlockKind, Span};

/// Is `word` (ASCII, lower case) a known abbreviation: `inc`, `corp`, `no`, `u.s`...
/// A `match` on the bytes, which the compiler turns into a few length and byte tests
/// (a linear scan of the list was a tenth of sentence splitting).
fn known_abbreviation(word: &[u8]) -> bool {
    matches!(
        word,
        b"inc"
            | b"corp"
            | b"co"
            | b"ltd"
            | b"llc"
            | b"l.l.c"
            | b"l.p"
            | b"lp"
            | b"plc"
            | b"n.a"
            | b"no"
            | b"nos"
            | b"mr"
            | b"mrs"
            | b"ms"
            | b"dr"
            | b"st"
            | b"jr"
            | b"sr"
            | b"vs"
            | b"v"
            | b"e.g"
            | b"i.e"
            | b"etc"
            | b"u.s"
            | b"u.k"
            | b"sec"
            | b"art"
            | b"para"
            | b"cf"
            | b"al"
            | b"approx"
            | b"dept"
            | b"est"
            | b"fig"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"sept"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"s.a"
            | b"n.v"
            | b"b.v"
            | b"ag"
            | b"gmbh"
            | b"pty"
            | b"rs"
    )
}

/// Longest word [`known_abbreviation`] knows.
const MAX_ABBREVIATION: usize = 6;

/// Sentences of every readable block, in document order.
///
/// Blocks nest (a Markdown list item holds its heading, paragraphs and sub-items), and a
/// sentence never crosses into a nested block: each block is read only in the stretches
/// its direct children do not cover, and each child is read on its own. So the item
/// `11. ## Insurance` followed by an indented paragraph gives the sentence `Insurance`
/// and then the paragraph's own sentences, not one sentence that swallows both.
pub fn split(text: &str, blocks: &[Block]) -> Vec<Span> {
    let mut out = Vec::new();
    for (block, children) in nesting(blocks) {
        if matches!(block.kind, BlockKind::Verbatim) {
            continue;
        }
        let mut at = block.span.start;
        for child in children {
            if child.start > at {
                split_block(text, Span::new(at, child.start), &mut out);
            }
            at = at.max(child.end);
        }
        if block.span.end > at {
            split_block(text, Span::new(at, block.span.end), &mut out);
        }
    }
    out.sort();
    out.dedup();
    // Blocks that overlap without nesting would give overlapping sentences: keep the
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

/// Each block with the spans of its direct children (blocks inside it, in order), in
/// linear time: blocks sorted outermost first, a stack of the open ones.
fn nesting(blocks: &[Block]) -> Vec<(&Block, Vec<Span>)> {
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    order.sort_by_key(|&i| (blocks[i].span.start, std::cmp::Reverse(blocks[i].span.end)));
    let mut children: Vec<Vec<Span>> = vec![Vec::new(); blocks.len()];
    let mut open: Vec<usize> = Vec::new();
    for &i in &order {
        let span = blocks[i].span;
        while open
            .last()
            .is_some_and(|&o| blocks[o].span.end <= span.start || blocks[o].span.end < span.end)
        {
            open.pop();
        }
        if let Some(&parent) = open.last() {
            children[parent].push(span);
        }
        open.push(i);
    }
    order
        .into_iter()
        .map(|i| (&blocks[i], std::mem::take(&mut children[i])))
        .collect()
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
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_alphabetic() {
            return true; // initials: "J. Smith", "U.S."
        }
    }
    // ASCII case folding, as `eq_ignore_ascii_case` against the list: a non-ASCII byte
    // never equals one of its ASCII bytes.
    let b = word.as_bytes();
    if b.len() > MAX_ABBREVIATION {
        return false;
    }
    let mut lower = [0u8; MAX_ABBREVIATION];
    for (l, c) in lower.iter_mut().zip(b) {
        *l = c.to_ascii_lowercase();
    }
    known_abbreviation(&lower[..b.len()])
}

/// The first byte at or after `i` (before `end`) that is not ASCII whitespace.
pub(crate) fn skip_ws(bytes: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// `end` moved back over ASCII whitespace, not before `start`.
pub(crate) fn trim_end(bytes: &[u8], start: usize, mut end: usize) -> usize {
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
    fn a_sentence_stops_where_a_nested_block_starts_and_resumes_after_it() {
        // `1. ## Fees` then an indented paragraph, markup blanked as in `Document::text`:
        // one list item holding a heading.
        let s = "      Fees\n\n   The Customer pays monthly. Late fees apply.\n";
        let heading = s.find("Fees").unwrap();
        let blocks = [
            Block {
                kind: BlockKind::ListItem,
                span: Span::new(0, s.len()),
            },
            Block {
                kind: BlockKind::Heading { level: 2 },
                span: Span::new(heading, heading + 5),
            },
        ];
        let got: Vec<&str> = split(s, &blocks)
            .into_iter()
            .map(|sp| sp.slice(s))
            .collect();
        assert_eq!(
            got,
            ["Fees", "The Customer pays monthly.", "Late fees apply."]
        );
    }

    #[test]
    fn nested_list_items_give_each_sentence_once() {
        let s = "(a) Outer item. (i) inner item. Outer again.";
        let inner = s.find("(i)").unwrap();
        let inner_end = s.find(" Outer again").unwrap();
        let blocks = [
            Block {
                kind: BlockKind::ListItem,
                span: Span::new(0, s.len()),
            },
            Block {
                kind: BlockKind::ListItem,
                span: Span::new(inner, inner_end),
            },
        ];
        let got: Vec<&str> = split(s, &blocks)
            .into_iter()
            .map(|sp| sp.slice(s))
            .collect();
        assert_eq!(got, ["(a) Outer item.", "(i) inner item.", "Outer again."]);
    }

    #[test]
    fn abbreviations_in_any_case_do_not_split() {
        assert_eq!(
            sentences("Acme CORP. Sold it. Beta GmbH. Bought it. Gamma Corporation. Paid."),
            [
                "Acme CORP. Sold it.",
                "Beta GmbH. Bought it.",
                "Gamma Corporation.",
                "Paid."
            ]
        );
        for word in ["approx", "U.S", "l.l.c", "Sept"] {
            assert!(is_abbreviation(word, 0, word.len()), "{word}");
        }
        for word in ["approxi", "corps", "inc\u{e9}", "x.y"] {
            assert!(!is_abbreviation(word, 0, word.len()), "{word}");
        }
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(
            sentences("Rates rose 0.8% today. Then fell."),
            ["Rates rose 0.8% today.", "Then fell."]
        );
    }
}
