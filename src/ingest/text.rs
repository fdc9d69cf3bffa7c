//! Plain text -> blocks: headings (numbered like `12.3 Termination`, `ARTICLE IV`,
//! `Section 5.`, ALL CAPS lines), list items (`(a)`, `-`, `•`) and paragraphs.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Block, BlockKind, Span};

pub(super) static NUMBERED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^[\ \t]*
        (?:
            (?i:article|section|part|schedule|exhibit|annex|appendix)\s+[0-9IVXLC]+[A-Z]?(?:\.\d+)*\.?
          | \d{1,3}(?:\.\d{1,3}){0,4}\.?
        )
        [\ \t:.\-–—]+
        [A-Z(\x22\u{201c}][^\n]{0,90}$",
    )
    .expect("static regex")
});

pub(super) static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?:\([a-zA-Z0-9]{1,5}\)|[-*•\u{2022}\u{25cf}]|[a-z]\))[ \t]+\S")
        .expect("static regex")
});

/// Is `line` (without its newline) a heading, and at which level?
pub fn heading_level(line: &str) -> Option<u8> {
    let t = super::trim(line);
    if t.is_empty() || t.len() > 120 {
        return None;
    }
    // Cheap gate: a heading starts with a digit or an upper-case letter.
    if !t.as_bytes()[0].is_ascii_digit() && !t.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    // The pattern needs a digit or `article` / `section` / `part` / `schedule` /
    // `exhibit` / `annex` / `appendix` first (after spaces and tabs): skip it for every
    // other line, most of them.
    let numbered = t.as_bytes()[0].is_ascii_digit() || starts_with_keyword(t);
    if numbered && NUMBERED_HEADING.is_match(line) {
        // A numbered line that reads like a sentence is a numbered paragraph, not a heading.
        let words = t.split_whitespace().count();
        if words <= 12 && !t.ends_with([',', ';']) {
            let lead = t.split_whitespace().next().unwrap_or("");
            let dots = lead.trim_end_matches('.').matches('.').count();
            return Some(1 + dots.min(5) as u8);
        }
        return None;
    }
    // ALL CAPS line: at least 4 letters, no lowercase, mostly letters. One pass that
    // stops at the first lower-case letter, where prose lines stop.
    let (mut letters, mut visible) = (0usize, 0usize);
    for c in t.chars() {
        if c.is_lowercase() {
            return None;
        }
        letters += usize::from(c.is_alphabetic());
        visible += usize::from(!c.is_whitespace());
    }
    if letters >= 4 && letters * 2 >= visible {
        return Some(1);
    }
    None
}

/// Does `t` start with one of [`NUMBERED_HEADING`]'s keywords, in any case?
fn starts_with_keyword(t: &str) -> bool {
    const KEYWORDS: [&[u8]; 7] = [
        b"article",
        b"section",
        b"part",
        b"schedule",
        b"exhibit",
        b"annex",
        b"appendix",
    ];
    let b = t.as_bytes();
    KEYWORDS
        .iter()
        .any(|k| b.len() >= k.len() && b[..k.len()].eq_ignore_ascii_case(k))
}

/// False when [`LIST_ITEM`] cannot match `line`: its first byte after spaces and tabs is
/// not `(`, `-`, `*`, the lead byte of `•` / `●`, or a lower-case letter before `)`.
fn may_be_list_item(line: &str) -> bool {
    let b = line.trim_start_matches([' ', '\t']).as_bytes();
    match b.first() {
        Some(b'(' | b'-' | b'*' | 0xE2) => true,
        Some(c) if c.is_ascii_lowercase() => b.get(1) == Some(&b')'),
        _ => false,
    }
}

/// `source.split_inclusive('\n')`, found by `memchr`'s vector search: the standard
/// library's char search was ~2% of a quantity run's instructions here.
fn lines_inclusive(source: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', source.as_bytes());
    std::iter::from_fn(move || {
        let end = ends.next().map_or(source.len(), |i| i + 1);
        if start >= end {
            return None;
        }
        // Both ends lie after a `\n` or at the ends of `source`: char boundaries.
        let line = &source[start..end];
        start = end;
        Some(line)
    })
}

/// Split plain text into blocks. The running text of plain text is the source itself.
pub fn parse(source: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Option<Span> = None;
    let mut para_kind = BlockKind::Paragraph;
    let mut offset = 0;
    let flush = |blocks: &mut Vec<Block>, para: &mut Option<Span>, kind: BlockKind| {
        if let Some(span) = para.take() {
            blocks.push(Block { kind, span });
        }
    };
    for raw in lines_inclusive(source) {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let content = Span::new(start, start + line.len());
        if super::trim(line).is_empty() {
            flush(&mut blocks, &mut para, para_kind);
            continue;
        }
        if let Some(level) = heading_level(line) {
            flush(&mut blocks, &mut para, para_kind);
            blocks.push(Block {
                kind: BlockKind::Heading { level },
                span: trim(source, content),
            });
            continue;
        }
        if may_be_list_item(line) && LIST_ITEM.is_match(line) {
            flush(&mut blocks, &mut para, para_kind);
            para = Some(trim(source, content));
            para_kind = BlockKind::ListItem;
            continue;
        }
        match para.as_mut() {
            Some(p) => p.end = content.end,
            None => {
                para = Some(trim(source, content));
                para_kind = BlockKind::Paragraph;
            }
        }
    }
    flush(&mut blocks, &mut para, para_kind);
    blocks
}

fn trim(source: &str, span: Span) -> Span {
    let s = span.slice(source);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    Span::new(span.start + lead, span.end - trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_split_as_the_standard_library_splits_them() {
        for s in ["", "\n", "a", "a\n", "a\nb", "\n\nb\r\n", "é\nü\n\nx"] {
            let ours: Vec<&str> = lines_inclusive(s).collect();
            let std: Vec<&str> = s.split_inclusive('\n').collect();
            assert_eq!(ours, std, "{s:?}");
        }
    }

    #[test]
    fn headings() {
        for h in [
            "12.3 Termination",
            "ARTICLE IV",
            "ARTICLE IV - TERM",
            "Section 5. Fees",
            "1. DEFINITIONS",
            "GOVERNING LAW",
        ] {
            assert!(heading_level(h).is_some(), "{h}");
        }
        for p in ["The Licensee shall pay 20% of revenue.", "2030", "1,000 units were sold by the company in 2030, which was a lot more than expected, they said.", "Hello there"] {
            assert!(heading_level(p).is_none(), "{p}");
        }
        assert_eq!(heading_level("12.3 Termination"), Some(2));
    }

    #[test]
    fn blocks_cover_paragraphs_and_items() {
        let src =
            "1. TERM\nThis Agreement runs\nfor two years.\n\n(a) first item\n(b) second item\n";
        let blocks = parse(src);
        let kinds: Vec<_> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading { level: 1 },
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem
            ]
        );
        assert_eq!(
            blocks[1].span.slice(src),
            "This Agreement runs\nfor two years."
        );
    }
}
