//! Clause segmentation: find where numbered or headed units start and nest them into a
//! tree of [`Clause`]s (contracts), or take each paragraph as a clause (news).
//!
//! Contracts come in three shapes and one pass handles all of them:
//! - Markdown: `#` headings (level = heading level), ordered list items (the number is
//!   derived from the list nesting: the second item of a list nested in item 1 is `1.2`),
//!   and numbered paragraphs such as `**6.2**\t Prices` or lazy `a.` lines.
//! - Plain text with one clause per line: `1.`, `1.1`, `1.1(a)`, `(a)`, `(iv)`, `a.`,
//!   `Section 5.2`, `ARTICLE IV`, `EXHIBIT A`, ALL CAPS headings.
//! - EDGAR text extracted from PDF, where a whole page is one line and clauses start
//!   after a run of three or more spaces: such "soft" starts count only after the end of
//!   a sentence, a heading or a page number.
//!
//! Nesting is decided by numbering *style*, not by indentation: a style already open
//! closes everything under it and becomes a sibling; a new style nests under the
//! innermost open clause, after closing styles that are naturally deeper (an `ARTICLE`
//! closes open `(a)` items). The stack holds at most one entry per style, so deeply
//! nested or repeated input stays linear.
//!
//! A table of contents is recognized as a run of entries with no body but a page number
//! (or whose heading comes again later) and is dropped.
//!
//! Known limits: numbering that restarts without an enclosing heading (two `(a)` lists in
//! one clause) nests by style only; an `(i)` after `(h)` is read as a letter, otherwise as a
//! Roman numeral.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::sentence::{skip_ws, trim_end};
use crate::model::{Block, BlockKind, Clause, DocKind, Format, Span};

/// A clause number at the start of a piece of text, as [`read_number`] reads it: the
/// end of the number and the parts the clause grammar names. A part that took part in
/// the match is `Some` (possibly empty, as `secpar` / `decpar` with no parentheses).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct NumberMatch<'s> {
    end: usize,
    /// `EXHIBIT A`, `Schedule 2.3.2`, `Annex I`: the whole match.
    exh: Option<&'s str>,
    /// The number of `ARTICLE IV`, `Article 4`.
    art: Option<&'s str>,
    /// `Section 5.2(a)`, `SECTION 5`, `Sec. 5.2`, `§ 5`: the number and its `(a)` parts.
    sec: Option<&'s str>,
    secpar: Option<&'s str>,
    /// `1.1`, `5.4.1.2.2.`, `1.1(a)`: the number and its `(a)` parts.
    dec: Option<&'s str>,
    decpar: Option<&'s str>,
    /// `(a)`, `(iv)`, `(A)`, `(12)`: inside the parentheses.
    par: Option<&'s str>,
    /// `1.`, `12.`, `a.`, `B.`, `iv.`, `a)`, `1)`: the number and its `.` or `)`.
    dot: Option<&'s str>,
    dotc: Option<&'s str>,
}

/// The clause number at the start of `s`, if any. This is the grammar below, read by
/// hand with its regex semantics (alternatives tried in order, each part as long as it
/// can be); a test compares it with the regex on 200,000 generated lines. The regex's
/// capture groups cost ~1,700 instructions a line (a bounded backtracker over the whole
/// grammar after a DFA pass); reading by hand took clause segmentation over
/// ../shared/corpus from 686 M to 492 M instructions.
///
/// ```text
/// ^(?:
///     (?P<exh>(?:EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix
///               |ATTACHMENT|Attachment)[ \t]+[A-Z0-9][A-Za-z0-9.\-]{0,8})
///   | (?:ARTICLE|Article)[ \t]+(?P<art>[IVXLC]{1,7}|[0-9]{1,3})\b[.:]?
///   | (?:SECTION|Section|Sec\.|§)[ \t]*(?P<sec>[0-9]{1,3}(?:\.[0-9]{1,3}){0,5})
///         (?P<secpar>(?:\([a-zA-Z0-9]{1,5}\))*)\.?
///   | (?P<dec>[0-9]{1,3}(?:\.[0-9]{1,3}){1,5})(?P<decpar>(?:\([a-zA-Z0-9]{1,5}\))*)\.?
///   | \((?P<par>[a-zA-Z]{1,5}|[0-9]{1,3})\)
///   | (?P<dot>[0-9]{1,3}|[a-zA-Z]|[ivxIVX]{2,5})(?P<dotc>[.)])
/// )
/// ```
/// (`\b` is Unicode's word boundary.)
fn read_number(s: &str) -> Option<NumberMatch<'_>> {
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let run = |i: usize, class: fn(u8) -> bool| {
        b[i.min(b.len())..]
            .iter()
            .take_while(|&&c| class(c))
            .count()
    };
    let blanks = |i: usize| run(i, |c| c == b' ' || c == b'\t');
    let digit = |c: u8| c.is_ascii_digit();
    // `[0-9]{1,3}(?:\.[0-9]{1,3}){min,5}` at `i`: its end.
    let decimal = |i: usize, min: usize| -> Option<usize> {
        let d = run(i, digit);
        if d == 0 || (min > 0 && d > 3) {
            return None;
        }
        let mut end = i + d.min(3);
        for rep in 0..5 {
            let k = run(end + 1, digit);
            if at(end) != b'.' || k == 0 {
                return (rep >= min).then_some(end);
            }
            end += 1 + k.min(3);
        }
        Some(end)
    };
    // `(?:\([a-zA-Z0-9]{1,5}\))*` at `i`: its end.
    let parens = |mut i: usize| loop {
        let k = run(i + 1, |c| c.is_ascii_alphanumeric());
        if at(i) != b'(' || !(1..=5).contains(&k) || at(i + 1 + k) != b')' {
            return i;
        }
        i += k + 2;
    };
    let found = |end: usize| NumberMatch {
        end,
        ..NumberMatch::default()
    };
    const EXHIBITS: [&str; 10] = [
        "EXHIBIT",
        "Exhibit",
        "SCHEDULE",
        "Schedule",
        "ANNEX",
        "Annex",
        "APPENDIX",
        "Appendix",
        "ATTACHMENT",
        "Attachment",
    ];
    if let Some(kw) = EXHIBITS.iter().find(|k| b.starts_with(k.as_bytes())) {
        let n = kw.len() + blanks(kw.len());
        if n > kw.len() && (at(n).is_ascii_uppercase() || at(n).is_ascii_digit()) {
            let tail = run(n + 1, |c| {
                c.is_ascii_alphanumeric() || c == b'.' || c == b'-'
            });
            let end = n + 1 + tail.min(8);
            return Some(NumberMatch {
                exh: Some(&s[..end]),
                ..found(end)
            });
        }
    }
    if b.starts_with(b"ARTICLE") || b.starts_with(b"Article") {
        let n = 7 + blanks(7);
        let roman = run(n, |c| b"IVXLC".contains(&c));
        let digits = run(n, digit);
        let num = if (1..=7).contains(&roman) && !word_char_at(s, n + roman) {
            Some(n + roman)
        } else if (1..=3).contains(&digits) && !word_char_at(s, n + digits) {
            Some(n + digits)
        } else {
            None
        };
        if let Some(e) = num.filter(|_| n > 7) {
            let end = e + usize::from(matches!(at(e), b'.' | b':'));
            return Some(NumberMatch {
                art: Some(&s[n..e]),
                ..found(end)
            });
        }
    }
    if let Some(kw) = ["SECTION", "Section", "Sec.", "§"]
        .iter()
        .find(|k| b.starts_with(k.as_bytes()))
    {
        let n = kw.len() + blanks(kw.len());
        if let Some(e) = decimal(n, 0) {
            let p = parens(e);
            return Some(NumberMatch {
                sec: Some(&s[n..e]),
                secpar: Some(&s[e..p]),
                ..found(p + usize::from(at(p) == b'.'))
            });
        }
    }
    if let Some(e) = decimal(0, 1) {
        let p = parens(e);
        return Some(NumberMatch {
            dec: Some(&s[..e]),
            decpar: Some(&s[e..p]),
            ..found(p + usize::from(at(p) == b'.'))
        });
    }
    if at(0) == b'(' {
        let letters = run(1, |c| c.is_ascii_alphabetic());
        let digits = run(1, digit);
        let k = if (1..=5).contains(&letters) && at(1 + letters) == b')' {
            letters
        } else if (1..=3).contains(&digits) && at(1 + digits) == b')' {
            digits
        } else {
            0
        };
        if k > 0 {
            return Some(NumberMatch {
                par: Some(&s[1..1 + k]),
                ..found(k + 2)
            });
        }
    }
    let digits = run(0, digit);
    let roman = run(0, |c| b"ivxIVX".contains(&c));
    let k = if (1..=3).contains(&digits) && matches!(at(digits), b'.' | b')') {
        digits
    } else if at(0).is_ascii_alphabetic() && matches!(at(1), b'.' | b')') {
        1
    } else if (2..=5).contains(&roman) && matches!(at(roman), b'.' | b')') {
        roman
    } else {
        return None;
    };
    Some(NumberMatch {
        dot: Some(&s[..k]),
        dotc: Some(&s[k..k + 1]),
        ..found(k + 1)
    })
}

/// Whether the char at byte `i` of `s` is a Unicode word char (`\w`), as the regex
/// crate's `\b` reads it; false at the end.
fn word_char_at(s: &str, i: usize) -> bool {
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w").expect("static regex"));
    match s.as_bytes().get(i) {
        None => false,
        Some(&c) if c.is_ascii() => c.is_ascii_alphanumeric() || c == b'_',
        Some(_) => WORD.is_match(&s[i..]),
    }
}

/// How a clause is numbered. Clauses of the same style are siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Exhibit,
    MdHeading(u8),
    Article,
    Caps,
    /// `1.`, `1.1`, `Section 5.2`: the number of components.
    Decimal(u8),
    /// Markdown ordered list nested `depth` ordered lists deep.
    MdList(u8),
    /// `(a)` when `paren`, `a.` / `a)` otherwise.
    Enum(EnumKind, bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EnumKind {
    LowerAlpha,
    UpperAlpha,
    LowerRoman,
    UpperRoman,
    Digit,
}

impl Style {
    /// Natural depth: a new style closes open clauses of a deeper natural rank.
    fn rank(self) -> u8 {
        match self {
            Style::Exhibit => 0,
            Style::MdHeading(h) => h.min(6),
            Style::Article => 10,
            Style::Caps => 12,
            Style::Decimal(d) => 20 + d.min(9),
            Style::MdList(d) => 30 + d.min(9),
            Style::Enum(..) => 50,
        }
    }
}

/// The number token of a candidate, before styles are resolved.
#[derive(Debug, Clone)]
enum Token {
    /// Style fully known from the text.
    Fixed(Style, String),
    /// A letter or Roman numeral whose reading depends on its siblings.
    Letters { s: String, paren: bool },
    /// Markdown ordered list item: its derived number.
    MdItem { depth: u8, number: String },
    /// Heading without a number (ALL CAPS line, Markdown heading).
    Unnumbered(Style),
}

#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    token: Token,
    heading: Option<Span>,
    /// End of the number and heading: the body starts here.
    header_end: usize,
    /// Structural (Markdown) candidates are never dropped as table of contents.
    structural: bool,
}

/// Build clauses. `source` is the decoded file, `text` its running text (same offsets).
pub fn segment(
    source: &str,
    text: &str,
    blocks: &[Block],
    kind: DocKind,
    format: Format,
) -> Vec<Clause> {
    if kind == DocKind::News {
        return blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem))
            .map(|b| Clause {
                number: None,
                heading: None,
                span: b.span,
                body: b.span,
                level: 0,
                parent: None,
            })
            .collect();
    }
    let structural = match format {
        Format::Markdown => markdown_events(source, blocks),
        Format::Text => Vec::new(),
    };
    let candidates = find_candidates(text, &structural, format);
    let candidates = drop_table_of_contents(text, candidates);
    build(text, candidates)
}

/// Markdown structure that starts clauses: headings and ordered list items.
fn markdown_events(source: &str, blocks: &[Block]) -> Vec<(usize, Token)> {
    let mut out = Vec::new();
    // Open ordered items: (span end, number, count of ordered children so far).
    let mut open: Vec<(usize, String, u32)> = Vec::new();
    // Items of the current top-level list; reset by any block outside lists.
    let mut top_count: u32 = 0;
    for b in blocks {
        while open.last().is_some_and(|o| o.0 <= b.span.start) {
            open.pop();
        }
        match b.kind {
            BlockKind::Heading { level } => {
                top_count = 0;
                out.push((b.span.start, Token::Unnumbered(Style::MdHeading(level))));
            }
            BlockKind::ListItem => {
                let Some(literal) = ordered_marker(source, b.span.start) else {
                    continue;
                };
                let count = match open.last_mut() {
                    Some(parent) => &mut parent.2,
                    None => &mut top_count,
                };
                *count = if literal > 1 { literal } else { *count + 1 };
                let n = *count;
                let number = match open.last() {
                    Some(parent) => format!("{}.{n}", parent.1),
                    None => n.to_string(),
                };
                let depth = u8::try_from(open.len() + 1).unwrap_or(u8::MAX);
                out.push((
                    b.span.start,
                    Token::MdItem {
                        depth,
                        number: number.clone(),
                    },
                ));
                open.push((b.span.end, number, 0));
            }
            BlockKind::Paragraph | BlockKind::TableCell | BlockKind::Verbatim => {
                if open.is_empty() {
                    top_count = 0;
                }
            }
        }
    }
    out
}

/// `12.` or `3)` at `at`: the list number.
fn ordered_marker(source: &str, at: usize) -> Option<u32> {
    let s = source.get(at..)?.trim_start_matches([' ', '\t']).as_bytes();
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 9 || !matches!(s.get(digits), Some(b'.' | b')')) {
        return None;
    }
    std::str::from_utf8(&s[..digits]).ok()?.parse().ok()
}

/// What the previous piece of text was, to judge whether a clause may start here.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Start of document, blank line, end of sentence, heading or page number.
    Break,
    /// Running text that did not end a sentence.
    Running,
}

fn find_candidates(text: &str, structural: &[(usize, Token)], format: Format) -> Vec<Candidate> {
    let bytes = text.as_bytes();
    let mut out: Vec<Candidate> = Vec::new();
    let mut prev = Prev::Break;
    let mut next_struct = 0;
    let mut covered = 0; // header of the last candidate ends here
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end =
            memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |i| line_start + i);
        let line = Span::new(line_start, line_end);
        line_start = line_end + 1;
        let first = skip_ws(bytes, line.start, line.end);
        if first == line.end {
            prev = Prev::Break;
            continue;
        }
        // Markdown structure starting on this line.
        let mut structural_here = None;
        while next_struct < structural.len() && structural[next_struct].0 < line.end {
            if structural[next_struct].0 >= line.start {
                structural_here = Some(structural[next_struct].1.clone());
            }
            next_struct += 1;
        }
        // Pieces: the line, split after runs of 3+ spaces in plain text.
        let mut p = first;
        while p < line.end {
            let piece_end = if format == Format::Text {
                next_gap(bytes, p, line.end)
            } else {
                line.end
            };
            let piece = Span::new(p, trim_end(bytes, p, piece_end));
            let at_line_start = p == first;
            if piece.start >= covered {
                let token = if at_line_start {
                    structural_here.take()
                } else {
                    None
                };
                let cand = match token {
                    Some(tok) => Some(structural_candidate(text, piece, tok, line.end)),
                    None if prev == Prev::Break => text_candidate(text, piece, format),
                    None => None,
                };
                if let Some(c) = cand {
                    covered = c.header_end;
                    let header_only = c.header_end >= piece.end;
                    out.push(c);
                    prev = if header_only {
                        Prev::Break
                    } else {
                        piece_prev(text, piece)
                    };
                } else {
                    prev = piece_prev(text, piece);
                }
            } else {
                prev = piece_prev(text, piece);
            }
            p = skip_ws(bytes, piece_end, line.end);
        }
    }
    out
}

/// Whether the text after `piece` may start a clause.
fn piece_prev(text: &str, piece: Span) -> Prev {
    let s = piece.slice(text);
    if is_page_number(s) {
        return Prev::Break;
    }
    match s.chars().next_back() {
        Some('.' | ':' | ';' | '!' | '?' | ')' | '"' | '\u{201d}' | ']' | '*') => Prev::Break,
        _ if is_caps_heading(s) => Prev::Break,
        _ => Prev::Running,
    }
}

/// End of the piece starting at `p`: the start of the next run of 3+ spaces, or `end`.
fn next_gap(bytes: &[u8], p: usize, end: usize) -> usize {
    // The first three spaces in a row start the first run of three or more.
    let Some(at) = memchr::memmem::find(&bytes[p..end], b"   ").map(|j| p + j) else {
        return end;
    };
    let mut k = at + 3;
    while k < end && bytes[k] == b' ' {
        k += 1;
    }
    // A run that reaches the end of the line is trailing space, not a gap.
    if k < end {
        at
    } else {
        end
    }
}

fn structural_candidate(text: &str, piece: Span, token: Token, line_end: usize) -> Candidate {
    let piece = Span::new(
        piece.start,
        trim_end(text.as_bytes(), piece.start, line_end),
    );
    let s = piece.slice(text);
    // A Markdown heading may carry its own number: `## 1. DEFINITIONS`.
    if let Token::Unnumbered(style) = token {
        if let Some(c) = read_number(s) {
            let m = c.end;
            if let Some(num) = plain_number(&c) {
                let rest = Span::new(piece.start + m, piece.end);
                let (heading, header_end) = whole_or_prefix_heading(text, rest);
                return Candidate {
                    start: piece.start,
                    token: Token::Fixed(style, num),
                    heading,
                    header_end,
                    structural: true,
                };
            }
        }
        let rest = trim_span(text, piece);
        return Candidate {
            start: piece.start,
            token: Token::Unnumbered(style),
            heading: (!rest.is_empty()).then_some(rest),
            header_end: piece.end,
            structural: true,
        };
    }
    let (heading, header_end) = heading_of(text, piece);
    Candidate {
        start: piece.start,
        token,
        heading,
        header_end,
        structural: true,
    }
}

/// The number a Markdown heading starts with (`1.`, `5.2`, `Section 3`, `ARTICLE IV`).
fn plain_number(c: &NumberMatch) -> Option<String> {
    if let Some(n) = c.art.or(c.sec).or(c.dec) {
        return Some(n.to_owned());
    }
    match (c.dot, c.dotc) {
        (Some(d), Some(".")) if d.bytes().all(|b| b.is_ascii_digit()) => Some(d.to_owned()),
        _ => None,
    }
}

/// A clause start read from the text itself (numbered line or ALL CAPS heading).
fn text_candidate(text: &str, piece: Span, format: Format) -> Option<Candidate> {
    let s = piece.slice(text);
    if let Some(c) = may_start_with_number(s).then(|| read_number(s)).flatten() {
        let m = c.end;
        let after = &s[m..];
        let next = after.chars().next();
        let lead = after.len()
            - after
                .trim_start_matches([' ', '\t', '-', '\u{2013}', '\u{2014}', ':'])
                .len();
        let rest_start = piece.start + m + lead;
        let rest = Span::new(rest_start, piece.end);
        let rest_s = rest.slice(text);
        let first_rest = rest_s.chars().next();
        let starts_upper = first_rest.is_none_or(|ch| {
            ch.is_uppercase()
                || matches!(
                    ch,
                    '"' | '\u{201c}' | '(' | '[' | '\'' | '*' | '_' | '-' | '\u{2014}'
                )
        });
        let spaced = next.is_none_or(|ch| ch.is_whitespace());
        let token = if let Some(e) = c.exh {
            if !(spaced || matches!(next, Some(':' | '.' | '-'))) || !starts_upper {
                return None;
            }
            Token::Fixed(
                Style::Exhibit,
                e.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        } else if let Some(a) = c.art {
            if !starts_upper {
                return None;
            }
            Token::Fixed(Style::Article, a.to_owned())
        } else if let Some(n) = c.sec.or(c.dec) {
            let par = c.secpar.or(c.decpar).unwrap_or("");
            if !(spaced || matches!(next, Some('"' | '\u{201c}'))) || !starts_upper {
                return None;
            }
            // `concat`, not `format!`: clause numbers are built for every heading of
            // every document, and the formatting machinery costs several times more.
            let written = [n, par].concat();
            if par.is_empty() {
                let depth = n.matches('.').count() + 1;
                Token::Fixed(Style::Decimal(depth as u8), written)
            } else {
                let last = par.rsplit('(').next().unwrap_or("").trim_end_matches(')');
                let kind = classify_letters(last).unwrap_or(EnumKind::LowerAlpha);
                Token::Fixed(Style::Enum(kind, true), written)
            }
        } else if let Some(p) = c.par {
            if !spaced && !matches!(next, Some('"' | '\u{201c}')) {
                return None;
            }
            first_rest?;
            letters_token(p, true)
        } else if let (Some(d), Some(dc)) = (c.dot, c.dotc) {
            let digits = d.bytes().all(|b| b.is_ascii_digit());
            if !(spaced
                || matches!(next, Some('"' | '\u{201c}'))
                || (!digits && next.is_some_and(char::is_uppercase)))
                || !starts_upper
                || first_rest.is_none() && !digits
            {
                return None;
            }
            if digits && dc == "." {
                if first_rest.is_none() {
                    // `12.` alone: a page number or a number whose heading follows.
                    if format == Format::Text && is_page_number(s) {
                        return None;
                    }
                }
                Token::Fixed(Style::Decimal(1), d.to_owned())
            } else {
                letters_token(d, false)
            }
        } else {
            return None;
        };
        let (heading, header_end) = heading_of(text, rest);
        return Some(Candidate {
            start: piece.start,
            token,
            heading,
            header_end: header_end.max(rest.start),
            structural: false,
        });
    }
    if format == Format::Text && is_caps_heading(s) {
        let h = Span::new(
            piece.start,
            piece.start + s.trim_end_matches(['.', ':', ' ']).len(),
        );
        return Some(Candidate {
            start: piece.start,
            token: Token::Unnumbered(Style::Caps),
            heading: Some(h),
            header_end: piece.end,
            structural: false,
        });
    }
    None
}

/// False when [`NUMBER`] cannot match at the start of `s`: it starts with a digit, `(`,
/// `§`, a keyword (`EXHIBIT`, `Schedule`, `ANNEX`, `Appendix`, `Attachment`, `ARTICLE`,
/// `Section`, `Sec.`: all start with `E`, `S` or `A`), a letter followed by `.` or `)`, or
/// a Roman numeral. Most lines of prose fail this at the first or second byte, which is
/// cheaper than starting the regex on every line.
fn may_start_with_number(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    first.is_ascii_digit()
        || matches!(
            first,
            b'(' | b'E' | b'S' | b'A' | b'i' | b'v' | b'x' | b'I' | b'V' | b'X'
        )
        || s.starts_with('§')
        || first.is_ascii_alphabetic() && matches!(b.get(1), Some(b'.' | b')'))
}

fn letters_token(s: &str, paren: bool) -> Token {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return Token::Fixed(Style::Enum(EnumKind::Digit, paren), s.to_owned());
    }
    Token::Letters {
        s: s.to_owned(),
        paren,
    }
}

/// Letters without context: Roman if they can only be Roman.
fn classify_letters(s: &str) -> Option<EnumKind> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return Some(EnumKind::Digit);
    }
    let lower = s.bytes().all(|b| b.is_ascii_lowercase());
    let upper = s.bytes().all(|b| b.is_ascii_uppercase());
    let roman = roman_value(s).is_some();
    match (lower, upper) {
        (true, _) if s.len() > 1 && roman => Some(EnumKind::LowerRoman),
        (true, _) if s == "i" => Some(EnumKind::LowerRoman),
        (true, _) => Some(EnumKind::LowerAlpha),
        (_, true) if s.len() > 1 && roman => Some(EnumKind::UpperRoman),
        (_, true) if s == "I" => Some(EnumKind::UpperRoman),
        (_, true) => Some(EnumKind::UpperAlpha),
        _ => None,
    }
}

fn roman_value(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut prev = 0u32;
    for ch in s.chars().rev() {
        let v = match ch.to_ascii_lowercase() {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            'c' => 100,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0 && s.len() <= 7).then_some(total)
}

fn alpha_value(s: &str) -> Option<u32> {
    // a..z, then aa, bb... as 27, 28...
    let b = s.as_bytes();
    let first = *b.first()?;
    if !first.is_ascii_alphabetic() || b.iter().any(|&c| !c.eq_ignore_ascii_case(&first)) {
        return None;
    }
    Some(u32::from(first.to_ascii_lowercase() - b'a') + 1 + 26 * (b.len() as u32 - 1))
}

/// Heading of a numbered clause from the text after its number: the whole rest when it
/// is short and reads as a heading, else an ALL CAPS prefix, else a short Title Case
/// phrase ended by a period (`Affiliates; Distributors. Siemens shall...`).
fn heading_of(text: &str, rest: Span) -> (Option<Span>, usize) {
    let s = rest.slice(text);
    if super::trim(s).is_empty() {
        return (None, rest.start);
    }
    let (h, end) = whole_or_prefix_heading(text, rest);
    if h.is_some() {
        return (h, end);
    }
    // Title Case phrase ending in `.` or `:` within the first 80 bytes.
    let limit = crate::ingest::floor_char_boundary(s, 90);
    let head = &s[..limit];
    for (i, _) in head.match_indices(['.', ':']) {
        let phrase = &s[..i];
        let after = &s[i + 1..];
        let next_ok = after.is_empty()
            || (after.starts_with([' ', '\t'])
                && after.trim_start().chars().next().is_some_and(|c| {
                    c.is_uppercase() || matches!(c, '"' | '\u{201c}' | '(' | '[')
                }));
        if !next_ok {
            continue;
        }
        if phrase.split_whitespace().count() <= 10 && is_title_case(phrase) {
            return (
                Some(Span::new(rest.start, rest.start + phrase.len())),
                rest.start + i + 1,
            );
        }
        break;
    }
    (None, rest.start)
}

fn whole_or_prefix_heading(text: &str, rest: Span) -> (Option<Span>, usize) {
    let s = rest.slice(text);
    let t = s.trim_end();
    if t.is_empty() {
        return (None, rest.start);
    }
    let core = t.trim_end_matches(['.', ':', ' ', '\t', '-', '\u{2014}']);
    // Length first: `rest` may be a whole paragraph, and counting its words is not free.
    if core.len() <= 120
        && !core.is_empty()
        && core.split_whitespace().count() <= 12
        && (is_caps(core) || is_title_case(core))
        && !core.starts_with(['"', '\u{201c}'])
    {
        return (
            Some(Span::new(rest.start, rest.start + core.len())),
            rest.start + t.len(),
        );
    }
    // ALL CAPS prefix followed by a period, colon or a wide gap: `TERM. This Agreement`.
    let mut end = 0;
    let mut letters = 0;
    for (i, w) in word_spans(s) {
        let word = &s[i..i + w];
        if word.chars().any(char::is_lowercase) {
            break;
        }
        letters += word.chars().filter(|c| c.is_alphabetic()).count();
        end = i + w;
        if word.ends_with(['.', ':']) {
            break;
        }
    }
    if letters >= 3 && end > 0 && !s.starts_with(['"', '\u{201c}']) {
        let prefix = &s[..end];
        let closed = prefix.ends_with(['.', ':'])
            || s[end..].starts_with("  ")
            || s[end..].starts_with('\t')
            || s[end..].trim_start().starts_with(['\u{2014}', '-']);
        // `words > 1` of the whole rest, without counting them all.
        if closed && core.split_whitespace().nth(1).is_some() {
            let core = prefix.trim_end_matches(['.', ':', ' ', '-']);
            let after = &s[end..];
            let skip = after.len() - after.trim_start_matches([' ', '\t', '-', '\u{2014}']).len();
            return (
                Some(Span::new(rest.start, rest.start + core.len())),
                rest.start + end + skip,
            );
        }
    }
    (None, rest.start)
}

fn word_spans(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let b = s.as_bytes();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        Some((start, i - start))
    })
}

const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
    "upon", "under", "vs", "&", "-", "\u{2014}", "its", "into", "not", "per", "other",
];

fn is_title_case(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let cap = |w: &str| {
        w.chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    if !cap(first) || first.starts_with(['"', '\u{201c}']) {
        return false;
    }
    words.all(|w| {
        cap(w)
            || SMALL_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
            || !w.chars().any(char::is_alphabetic)
    })
}

fn is_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// An unnumbered ALL CAPS heading line: short, mostly letters, no lowercase.
fn is_caps_heading(s: &str) -> bool {
    let t = super::trim(s);
    if t.len() > 100 || t.starts_with(['[', '*', '(', '"', '\u{201c}', '$', '/', '_']) {
        return false;
    }
    // Lower case first: prose fails at its first word, before its words are counted.
    let mut letters = 0;
    let mut other = 0;
    for c in t.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        } else if !c.is_whitespace() {
            other += 1;
        }
    }
    if t.split_whitespace().count() > 10 {
        return false;
    }
    letters >= 4 && other * 3 <= letters && !t.contains("/S/") && !t.contains("*****")
}

/// `12`, `ii`, `- 3 -`, `Page 4`, `Page 4 of 10`.
fn is_page_number(s: &str) -> bool {
    let t = super::trim(s).trim_matches(['-', ' ', '\u{2014}']);
    if t.is_empty() || t.len() > 16 {
        return false;
    }
    let t = t
        .strip_prefix("Page")
        .or_else(|| t.strip_prefix("PAGE"))
        .or_else(|| t.strip_prefix("page"))
        .unwrap_or(t)
        .trim();
    t.split_whitespace().all(|w| {
        w.bytes().all(|b| b.is_ascii_digit()) && w.len() <= 4
            || w == "of"
            || (w.len() <= 5 && w.bytes().all(|b| matches!(b, b'i' | b'v' | b'x')))
    }) && !t.is_empty()
}

/// Text between two candidates that holds nothing but page numbers and dot leaders.
/// Returns (filler, has a page number or leader).
fn filler(s: &str) -> (bool, bool) {
    if s.len() > 200 {
        return (false, false);
    }
    let mut page = false;
    for w in s.split_whitespace() {
        // `12`, `.....12`, `---`, `·`, `ii`
        let leader = w
            .bytes()
            .all(|b| matches!(b, b'.' | b'_' | b'-' | b'\xc2' | b'\xb7' | b'0'..=b'9'));
        let roman = w.len() <= 5 && w.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'));
        if leader || roman {
            page = true;
        } else if matches!(w, "Page" | "PAGE" | "page") {
        } else {
            return (false, false);
        }
    }
    (true, page)
}

fn key_of(text: &str, c: &Candidate) -> String {
    let mut k = match &c.token {
        Token::Fixed(_, n) => n.clone(),
        Token::Letters { s, .. } => s.clone(),
        Token::MdItem { number, .. } => number.clone(),
        Token::Unnumbered(_) => String::new(),
    };
    if let Some(h) = c.heading {
        let h = h.slice(text);
        k.reserve(h.len() + 1);
        k.push('|');
        for ch in h.chars() {
            // ASCII first: same letters as `is_alphanumeric` / `to_lowercase` give.
            if ch.is_ascii() {
                if ch.is_ascii_alphanumeric() {
                    k.push(ch.to_ascii_lowercase());
                }
            } else if ch.is_alphanumeric() {
                k.extend(ch.to_lowercase());
            }
        }
    }
    k
}

/// Drop the table of contents: runs of entries with no body and a page number (or a
/// heading repeated later). Never drops most of the document's clauses: a heading on every
/// line is a document of headings, not a table of contents.
fn drop_table_of_contents(text: &str, cands: Vec<Candidate>) -> Vec<Candidate> {
    let n = cands.len();
    if n < 2 {
        return cands;
    }
    // Per candidate: (body-less entry, page number on its line).
    let fillers: Vec<(bool, bool)> = (0..n)
        .map(|i| {
            let c = &cands[i];
            if c.structural {
                return (false, false);
            }
            // Only the rest of the entry's line counts: a page number sits there.
            let from = c.header_end;
            let line_end = memchr::memchr(b'\n', &text.as_bytes()[from.min(text.len())..])
                .map_or(text.len(), |j| from + j);
            let gap_end = cands
                .get(i + 1)
                .map_or(text.len(), |d| d.start)
                .min(line_end);
            filler(Span::new(from.min(gap_end), gap_end).slice(text))
        })
        .collect();
    // Keys (number and heading) are needed only for entries without body or page number,
    // which most documents do not have: build them only then.
    let need_keys = fillers.iter().any(|&(empty, page)| empty && !page);
    let keys: Vec<String> = if need_keys {
        cands.iter().map(|c| key_of(text, c)).collect()
    } else {
        Vec::new()
    };
    let mut last_seen: HashMap<&str, usize> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        last_seen.insert(k.as_str(), i);
    }
    let mut toc_like = vec![false; n];
    for i in 0..n {
        let c = &cands[i];
        if c.structural {
            continue;
        }
        let (empty, page) = fillers[i];
        let repeated = empty && !page && last_seen.get(keys[i].as_str()).is_some_and(|&j| j > i);
        let contents_title = c.heading.is_some_and(|h| {
            let h = h.slice(text).trim();
            h.eq_ignore_ascii_case("table of contents") || h.eq_ignore_ascii_case("contents")
        }) && matches!(c.token, Token::Unnumbered(_));
        toc_like[i] = contents_title || (empty && (page || repeated));
    }
    let mut drop = vec![false; n];
    for i in 0..n {
        let near = (i > 0 && toc_like[i - 1]) || (i + 1 < n && toc_like[i + 1]);
        drop[i] = toc_like[i] && near;
    }
    let dropped = drop.iter().filter(|&&d| d).count();
    if dropped * 10 > n * 9 {
        return cands;
    }
    cands
        .into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(c, _)| c)
        .collect()
}

struct Open {
    style: Style,
    idx: usize,
    /// Sequence value of the clause (letter / numeral value) for `Enum` styles.
    value: u32,
}

fn build(text: &str, cands: Vec<Candidate>) -> Vec<Clause> {
    let mut clauses: Vec<Clause> = Vec::with_capacity(cands.len());
    let mut stack: Vec<Open> = Vec::new();
    let mut i = 0;
    while i < cands.len() {
        let c = &cands[i];
        i += 1;
        // A number with nothing after it, followed straight by an ALL CAPS heading:
        // the heading belongs to the number (`ARTICLE I` / `DEFINITIONS`).
        let mut heading = c.heading;
        let mut header_end = c.header_end;
        if heading.is_none() && !matches!(c.token, Token::Unnumbered(_)) {
            if let Some(next) = cands.get(i) {
                if matches!(next.token, Token::Unnumbered(Style::Caps))
                    && Span::new(c.header_end, next.start)
                        .slice(text)
                        .trim()
                        .is_empty()
                {
                    heading = next.heading;
                    header_end = next.header_end;
                    i += 1;
                }
            }
        }
        let (style, written, value) = match &c.token {
            Token::Fixed(style, n) => {
                let value = match style {
                    Style::Enum(kind, _) => enum_value(*kind, last_enum(n)).unwrap_or(0),
                    _ => 0,
                };
                (*style, Some(n.clone()), value)
            }
            Token::MdItem { depth, number } => (Style::MdList(*depth), Some(number.clone()), 0),
            Token::Unnumbered(style) => (*style, None, 0),
            Token::Letters { s, paren } => {
                match resolve_letters(s, *paren, &stack) {
                    Some((kind, value)) => (Style::Enum(kind, *paren), Some(s.clone()), value),
                    None => continue, // `U.` in `U.S. Government`: not a clause
                }
            }
        };
        // Close what this clause ends.
        let pos = stack.iter().rposition(|o| o.style == style);
        let keep = match pos {
            Some(p) => p,
            None => {
                let mut k = stack.len();
                while k > 0 && stack[k - 1].style.rank() > style.rank() {
                    k -= 1;
                }
                k
            }
        };
        for o in stack.drain(keep..) {
            close(&mut clauses[o.idx], c.start);
        }
        let parent = stack.last().map(|o| o.idx);
        let enumerated = matches!(
            c.token,
            Token::Letters { .. } | Token::Fixed(Style::Enum(..), _)
        );
        let number = written.map(|w| {
            if !enumerated || w.contains('.') {
                return w;
            }
            let own = w.trim_matches(['(', ')']);
            let parent = parent.and_then(|p| clauses[p].number.as_deref());
            [parent.unwrap_or(""), "(", own, ")"].concat()
        });
        let idx = clauses.len();
        let level = u8::try_from(stack.len()).unwrap_or(u8::MAX);
        clauses.push(Clause {
            number,
            heading: heading.map(|h| collapse(h.slice(text))),
            span: Span::new(c.start, text.len()),
            body: Span::new(header_end.max(c.start), text.len()),
            level,
            parent,
        });
        stack.push(Open { style, idx, value });
    }
    for o in stack.drain(..) {
        close(&mut clauses[o.idx], text.len());
    }
    // Trim trailing whitespace; keep every child inside its parent.
    for c in &mut clauses {
        c.span.end = trim_end(text.as_bytes(), c.span.start, c.span.end);
        c.body.start = skip_ws(text.as_bytes(), c.body.start.min(c.span.end), c.span.end);
        c.body.end = c.span.end.max(c.body.start);
    }
    clauses
}

fn close(c: &mut Clause, at: usize) {
    c.span.end = at.max(c.span.start);
    c.body.end = c.span.end;
}

fn last_enum(n: &str) -> &str {
    n.rsplit('(').next().unwrap_or(n).trim_end_matches(')')
}

fn enum_value(kind: EnumKind, s: &str) -> Option<u32> {
    match kind {
        EnumKind::Digit => s.parse().ok(),
        EnumKind::LowerRoman | EnumKind::UpperRoman => roman_value(s),
        EnumKind::LowerAlpha | EnumKind::UpperAlpha => alpha_value(s),
    }
}

/// Read letters as alphabetic or Roman from the open siblings: `(i)` after `(h)` is a
/// letter, `(v)` after `(iv)` a numeral. A dotted letter (`a.`, `B.`) must start a list
/// or continue one, so `U.S.` and initials do not start clauses.
fn resolve_letters(s: &str, paren: bool, stack: &[Open]) -> Option<(EnumKind, u32)> {
    let lower = s.bytes().all(|b| b.is_ascii_lowercase());
    let upper = s.bytes().all(|b| b.is_ascii_uppercase());
    if !lower && !upper {
        return None;
    }
    let (alpha_kind, roman_kind) = if lower {
        (EnumKind::LowerAlpha, EnumKind::LowerRoman)
    } else {
        (EnumKind::UpperAlpha, EnumKind::UpperRoman)
    };
    let open_value = |kind: EnumKind| {
        stack
            .iter()
            .rfind(|o| o.style == Style::Enum(kind, paren))
            .map(|o| o.value)
    };
    let alpha = alpha_value(s);
    let roman = roman_value(s);
    let continues = |kind: EnumKind, v: Option<u32>| match (open_value(kind), v) {
        (Some(prev), Some(v)) => v == prev + 1,
        _ => false,
    };
    let starts = |v: Option<u32>| v == Some(1);
    if continues(alpha_kind, alpha) {
        return Some((alpha_kind, alpha.unwrap_or(0)));
    }
    if continues(roman_kind, roman) {
        return Some((roman_kind, roman.unwrap_or(0)));
    }
    let single_roman_letter = s.len() == 1 && roman.is_some() && s != "i" && s != "I";
    if roman.is_some() && !single_roman_letter && (s.len() > 1 || starts(roman)) {
        if paren || starts(roman) {
            return Some((roman_kind, roman.unwrap_or(0)));
        }
        return None;
    }
    if let Some(a) = alpha {
        if paren || starts(alpha) {
            return Some((alpha_kind, a));
        }
    }
    None
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn trim_span(text: &str, span: Span) -> Span {
    let b = text.as_bytes();
    let start = skip_ws(b, span.start, span.end);
    Span::new(start, trim_end(b, start, span.end))
}

#[cfg(test)]
mod tests {
    use super::{read_number, NumberMatch};
    use crate::ingest;
    use regex::Regex;
    use std::path::Path;

    /// The clause-number grammar as a regex: [`read_number`] must read every line as it does.
    const NUMBER: &str = r#"(?x)^
        (?:
            (?P<exh>(?:EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment)
                [\ \t]+[A-Z0-9][A-Za-z0-9.\-]{0,8})
          | (?:ARTICLE|Article)[\ \t]+(?P<art>[IVXLC]{1,7}|[0-9]{1,3})\b[.:]?
          | (?:SECTION|Section|Sec\.|§)[\ \t]*(?P<sec>[0-9]{1,3}(?:\.[0-9]{1,3}){0,5})
                (?P<secpar>(?:\([a-zA-Z0-9]{1,5}\))*)\.?
          | (?P<dec>[0-9]{1,3}(?:\.[0-9]{1,3}){1,5})(?P<decpar>(?:\([a-zA-Z0-9]{1,5}\))*)\.?
          | \((?P<par>[a-zA-Z]{1,5}|[0-9]{1,3})\)
          | (?P<dot>[0-9]{1,3}|[a-zA-Z]|[ivxIVX]{2,5})(?P<dotc>[.)])
        )"#;

    #[test]
    fn clause_numbers_read_by_hand_as_the_regex_reads_them() {
        let re = Regex::new(NUMBER).unwrap();
        fn by_regex<'s>(re: &Regex, s: &'s str) -> Option<NumberMatch<'s>> {
            re.captures(s).map(|c| {
                let g = |n: &str| c.name(n).map(|m| &s[m.range()]);
                NumberMatch {
                    end: c.get(0).unwrap().end(),
                    exh: g("exh"),
                    art: g("art"),
                    sec: g("sec"),
                    secpar: g("secpar"),
                    dec: g("dec"),
                    decpar: g("decpar"),
                    par: g("par"),
                    dot: g("dot"),
                    dotc: g("dotc"),
                }
            })
        }
        let pieces = [
            "",
            "",
            "EXHIBIT",
            "Exhibit",
            "Exhibits",
            "SCHEDULE",
            "Schedule",
            "ANNEX",
            "Annex",
            "APPENDIX",
            "Appendix",
            "ATTACHMENT",
            "Attachment",
            "ARTICLE",
            "Article",
            "SECTION",
            "Section",
            "Sections",
            "Sec.",
            "Sec",
            "§",
            " ",
            " ",
            "\t",
            "  ",
            "1",
            "2",
            "12",
            "123",
            "1234",
            ".",
            ".",
            "..",
            ":",
            "(",
            "(",
            ")",
            ")",
            "-",
            "a",
            "b",
            "i",
            "iv",
            "v",
            "x",
            "ix",
            "IV",
            "X",
            "XLC",
            "L",
            "C",
            "IIIIIIII",
            "A",
            "Z",
            "Q",
            "ab",
            "abcdef",
            "_",
            "é",
            "ü",
            "²",
            "٣",
            "\u{300}",
            "—",
            "\"",
            "s",
            "T",
        ];
        // Half the lines start the way a number does, half anyhow.
        let starts = [
            "EXHIBIT ",
            "Annex\t",
            "ARTICLE ",
            "Article  ",
            "ARTICLE I",
            "Article 1",
            "Section ",
            "SECTION",
            "Sec. ",
            "§",
            "1",
            "12.",
            "3.4",
            "(",
            "(a",
            "(iv",
            "(12",
            "iv",
            "a",
            "A",
            "",
        ];
        // Matches per branch: exh, art, sec, dec, par, dot.
        let mut branches = [0usize; 6];
        for (k, mix) in crate::testing::random_mixes(&pieces, 200_000, 6).enumerate() {
            let line = format!(
                "{}{mix}",
                if k % 2 == 0 {
                    starts[k / 2 % starts.len()]
                } else {
                    ""
                }
            );
            let want = by_regex(&re, &line);
            if let Some(w) = &want {
                let parts = [w.exh, w.art, w.sec, w.dec, w.par, w.dot];
                let b = parts.iter().position(Option::is_some).expect("a branch");
                branches[b] += 1;
            }
            assert_eq!(read_number(&line), want, "{line:?}");
        }
        // The mixes reach every branch many times.
        assert!(branches.iter().all(|&n| n > 500), "{branches:?}");
        for line in [
            "EXHIBIT A-1 to the Agreement",
            "Article IV. Term",
            "ARTICLE 12: FEES",
            "ARTICLE IVé",
            "ARTICLE XXXVIII. Seven letters",
            "ARTICLE XXXVIIII. Eight letters",
            "ARTICLE 4٣",
            "Section 5.2(a)(iv). Notice",
            "§ 7 Law",
            "1.1.1.1.1.1.1 deep",
            "1.2345.6",
            "(iv) item",
            "(abcdef) no",
            "iv. item",
            "i) item",
            "12) item",
        ] {
            assert_eq!(read_number(line), by_regex(&re, line), "{line:?}");
        }
    }

    fn clauses(name: &str, src: &str) -> Vec<(Option<String>, Option<String>, u8)> {
        let doc = ingest::parse(Path::new(name), src.as_bytes()).unwrap();
        for c in &doc.clauses {
            assert!(c.span.contains(c.body), "{c:?}");
            if let Some(p) = c.parent {
                assert!(doc.clauses[p].span.contains(c.span), "{c:?}");
            }
        }
        doc.clauses
            .iter()
            .map(|c| (c.number.clone(), c.heading.clone(), c.level))
            .collect()
    }

    fn numbers(name: &str, src: &str) -> Vec<String> {
        clauses(name, src)
            .into_iter()
            .map(|(n, h, l)| {
                let label: Vec<String> = n.into_iter().chain(h).collect();
                format!("{}{}", "  ".repeat(l as usize), label.join(" "))
            })
            .collect()
    }

    const PREAMBLE: &str = "This Agreement is made by the parties hereto. The parties shall perform. Each party hereby agrees to the terms herein.\n\n";

    #[test]
    fn numbered_lines_nest_by_style() {
        let src = format!(
            "{PREAMBLE}ARTICLE I\nDEFINITIONS\n\n1.1 Terms. The following terms apply.\n(a) first item;\n(b) second item:\n(i) roman one;\n(ii) roman two.\n(c) third item.\n1.2 Other. More text.\nARTICLE II - TERM\nSection 2.1 Duration. This runs.\n"
        );
        assert_eq!(
            numbers("a.txt", &src),
            [
                "I DEFINITIONS",
                "  1.1 Terms",
                "    1.1(a)",
                "    1.1(b)",
                "      1.1(b)(i)",
                "      1.1(b)(ii)",
                "    1.1(c)",
                "  1.2 Other",
                "II TERM",
                "  2.1 Duration",
            ]
        );
    }

    #[test]
    fn letters_after_h_are_letters() {
        let src = format!("{PREAMBLE}1. Scope.\n(g) seven.\n(h) eight.\n(i) nine.\n(j) ten.\n");
        assert_eq!(
            numbers("a.txt", &src),
            ["1 Scope", "  1(g)", "  1(h)", "  1(i)", "  1(j)"]
        );
    }

    #[test]
    fn markdown_nested_lists_derive_numbers() {
        let src = "# Cloud Agreement\n\nThe parties hereto agree that the terms herein shall bind each party hereunder.\n\n1. <span class=\"header_2\">Service</span>\n    1. <span class=\"header_3\">Access.</span>  Customer may use it.\n    2. <span class=\"header_3\">Support.</span>  Provider will support it:\n        a. First thing;\n        b. Second thing.\n\n2. <span class=\"header_2\">Fees</span>\n    1. <span class=\"header_3\">Payment.</span>  Customer shall pay.\n";
        assert_eq!(
            numbers("a.md", src),
            [
                "Cloud Agreement",
                "  1 Service",
                "    1.1 Access",
                "    1.2 Support",
                "      1.2(a)",
                "      1.2(b)",
                "  2 Fees",
                "    2.1 Payment",
            ]
        );
    }

    #[test]
    fn markdown_bold_numbered_paragraphs() {
        let src = "The parties hereto agree that the terms herein shall bind each party hereunder.\n\n## 1.\tDEFINITIONS\n\n**1.1**\tThe Agreement means this. Party shall mean either party hereto.\n\n**1.2**\tOther terms apply herein.\n\n## 2.\tPRICES\n\n**2.1**\t Prices are set by the Developer hereunder.\n";
        assert_eq!(
            numbers("a.md", src),
            ["1 DEFINITIONS", "  1.1", "  1.2", "2 PRICES", "  2.1"]
        );
    }

    #[test]
    fn pdf_lines_split_after_wide_gaps() {
        let src = format!(
            "{PREAMBLE}     1.5. \"Purchase\" means a purchase.     1.6. \"Sale\" means a sale.     2. SUPPLY.     2.1. Affiliates; Distributors. Siemens shall cause it.   See the table   12   here.\n"
        );
        assert_eq!(
            numbers("a.txt", &src),
            ["1.5", "1.6", "2 SUPPLY", "  2.1 Affiliates; Distributors"]
        );
    }

    #[test]
    fn table_of_contents_is_dropped() {
        let src = format!(
            "TABLE OF CONTENTS\nARTICLE I DEFINITIONS    1\nSection 1.01 Defined Terms    1\nSection 1.02 Accounting Terms    4\nARTICLE II TERM    5\n\n{PREAMBLE}ARTICLE I DEFINITIONS\nSection 1.01 Defined Terms. Words mean things.\nSection 1.02 Accounting Terms. GAAP applies.\nARTICLE II TERM\nThe term is one year.\n"
        );
        assert_eq!(
            numbers("a.txt", &src),
            [
                "I DEFINITIONS",
                "  1.01 Defined Terms",
                "  1.02 Accounting Terms",
                "II TERM"
            ]
        );
    }

    #[test]
    fn wrapped_lines_and_initials_are_not_clauses() {
        let src = format!(
            "{PREAMBLE}1. Term. The term is set out in\nSection 5.2 of the other agreement and\n(a) shall not be read as a list item.\nU.S. Government rights are reserved.\n1.5 times the fee is due.\n"
        );
        assert_eq!(numbers("a.txt", &src), ["1 Term"]);
    }

    #[test]
    fn caps_headings_group_numbered_clauses() {
        let src = format!(
            "{PREAMBLE}CONTRACT PERIOD\n1.   TERM OF CONTRACT\nThe term is two years.\nCONSULTANT'S OBLIGATIONS\n3.   ENDORSEMENT\nThe consultant grants rights.\nEXHIBIT A\nPRICE LIST\nPrices apply.\n"
        );
        assert_eq!(
            numbers("a.txt", &src),
            [
                "CONTRACT PERIOD",
                "  1 TERM OF CONTRACT",
                "CONSULTANT'S OBLIGATIONS",
                "  3 ENDORSEMENT",
                "EXHIBIT A PRICE LIST",
            ]
        );
    }

    #[test]
    fn news_paragraphs_are_clauses() {
        let src = "Microsoft said on Monday it would buy a stake.\n\nThe deal closes next year.\n";
        let c = clauses("n.txt", src);
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn pathological_inputs_stay_linear() {
        // 10,000 `(a)` items, a heading on every line, a long text with no headings.
        let mut src = String::from(PREAMBLE);
        for _ in 0..10_000 {
            src.push_str("(a) item text here;\n");
        }
        let c = clauses("a.txt", &src);
        assert_eq!(c.len(), 10_000);
        let mut src = String::from(PREAMBLE);
        for i in 1..1000 {
            src.push_str(&format!("{i}. HEADING NUMBER {i}\n"));
        }
        assert_eq!(clauses("a.txt", &src).len(), 999);
        let big = PREAMBLE.repeat(40_000);
        let t = std::time::Instant::now();
        assert!(clauses("a.txt", &big).is_empty());
        assert!(t.elapsed().as_secs() < 10);
    }
}
