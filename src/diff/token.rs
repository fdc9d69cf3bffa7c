//! Words for comparison: the running text (`Document::text`, markup already blanked) cut
//! into words and punctuation, each with its byte span in the source and a key that
//! ignores what is not a change of terms: whitespace and line wrapping (never part of a
//! token), Markdown and HTML markup (blanked before we see it), letter case, and
//! typographic variants of quotes and dashes (`’` = `'`, `“` = `"`, `—` = `-`).

use crate::model::Span;

/// One word or punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Hash of the normalized form; equal keys mean equal words for the diff.
    pub key: u64,
    /// Byte span in the document's source.
    pub span: Span,
    /// True for a lone punctuation mark.
    pub punct: bool,
}

/// Punctuation split off the front of a word.
fn leading(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '\'' | '“' | '‘' | '«' | '*' | '_' | '`' | '<' | '>'
    )
}

/// Punctuation split off the end of a word.
fn trailing(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '"'
            | '\''
            | '”'
            | '’'
            | '»'
            | '*'
            | '_'
            | '`'
            | '<'
            | '>'
    )
}

/// Cut `text[span]` into tokens, appending to `out`. `text` has the same offsets as the
/// source, so token spans point into the source.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let Some(slice) = text.get(span.range()) else {
        return;
    };
    let mut start: Option<usize> = None;
    for (i, c) in slice.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                chunk(slice, s, i, span.start, out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        chunk(slice, s, slice.len(), span.start, out);
    }
}

/// Split one whitespace-free chunk `slice[s..e]` into leading punctuation, the word, and
/// trailing punctuation.
fn chunk(slice: &str, mut s: usize, mut e: usize, base: usize, out: &mut Vec<Token>) {
    let mut tail: Vec<Token> = Vec::new();
    while let Some(c) = slice[s..e].chars().next() {
        if !leading(c) || s + c.len_utf8() >= e {
            break;
        }
        push(slice, s, s + c.len_utf8(), base, true, out);
        s += c.len_utf8();
    }
    while let Some(c) = slice[s..e].chars().next_back() {
        if !trailing(c) || e - c.len_utf8() <= s {
            break;
        }
        push(slice, e - c.len_utf8(), e, base, true, &mut tail);
        e -= c.len_utf8();
    }
    let word = &slice[s..e];
    let punct = word.chars().all(|c| !c.is_alphanumeric());
    push(slice, s, e, base, punct, out);
    out.extend(tail.into_iter().rev());
}

fn push(slice: &str, s: usize, e: usize, base: usize, punct: bool, out: &mut Vec<Token>) {
    out.push(Token {
        key: key(&slice[s..e]),
        span: Span::new(base + s, base + e),
        punct,
    });
}

/// The comparison key of a word: FNV-1a over its normalized characters.
pub fn key(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for c in word.chars().flat_map(fold) {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Case and typographic folding of one char.
fn fold(c: char) -> impl Iterator<Item = char> {
    let c = match c {
        '’' | '‘' | '`' | '´' => '\'',
        '“' | '”' | '«' | '»' => '"',
        '–' | '—' | '‐' | '‑' | '−' => '-',
        _ => c,
    };
    c.to_lowercase()
}

/// The words of a short string (a heading), punctuation dropped, `&` read as `and`.
pub fn words(s: &str) -> Vec<u64> {
    let mut toks = Vec::new();
    tokenize(s, Span::new(0, s.len()), &mut toks);
    toks.iter()
        .filter(|t| !t.punct || t.span.slice(s) == "&")
        .map(|t| {
            if t.span.slice(s) == "&" {
                key("and")
            } else {
                t.key
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &mut out);
        out.iter().map(|t| t.span.slice(s)).collect()
    }

    #[test]
    fn splits_words_and_punctuation() {
        assert_eq!(
            texts("remit 75% of the (sale) price."),
            ["remit", "75%", "of", "the", "(", "sale", ")", "price", "."]
        );
        assert_eq!(
            texts("“Usage Data” means"),
            ["“", "Usage", "Data", "”", "means"]
        );
        assert_eq!(texts("U.S. $500 1.1"), ["U.S", ".", "$500", "1.1"]);
        assert_eq!(texts("  \n "), Vec::<&str>::new());
        assert_eq!(texts("."), ["."]);
    }

    #[test]
    fn keys_ignore_case_and_typography_only() {
        assert_eq!(key("Customer’s"), key("customer's"));
        assert_eq!(key("“"), key("\""));
        assert_eq!(key("THESE"), key("these"));
        assert_ne!(key("75%"), key("95%"));
        assert_ne!(key("not"), key("now"));
    }

    #[test]
    fn wrapping_and_spacing_do_not_change_keys() {
        let a = "GitHub will remit\n75% of the  sale price";
        let b = "GitHub   will remit 75%\nof the sale price";
        let ka: Vec<u64> = {
            let mut t = Vec::new();
            tokenize(a, Span::new(0, a.len()), &mut t);
            t.iter().map(|t| t.key).collect()
        };
        let kb: Vec<u64> = {
            let mut t = Vec::new();
            tokenize(b, Span::new(0, b.len()), &mut t);
            t.iter().map(|t| t.key).collect()
        };
        assert_eq!(ka, kb);
    }

    #[test]
    fn spans_are_offset_into_the_whole_text() {
        let s = "xx Fees apply.";
        let mut t = Vec::new();
        tokenize(s, Span::new(3, s.len()), &mut t);
        assert_eq!(t[0].span, Span::new(3, 7));
        assert_eq!(t[0].span.slice(s), "Fees");
    }

    #[test]
    fn heading_words_drop_punctuation() {
        assert_eq!(words("Payment & Taxes."), words("PAYMENT AND TAXES"));
        assert_ne!(words("Service Level"), words("Support"));
    }
}
