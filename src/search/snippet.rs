//! Snippets: a short window of a unit's text with the matched words (and the facts that
//! met `--where` conditions) marked, whitespace collapsed.

use std::ops::Range;

use serde::Serialize;

use crate::ingest::floor_char_boundary;

/// Bytes of text around a fact when the snippet is built around it.
const BEFORE: usize = 80;
const AFTER: usize = 140;
/// Length of a snippet without anything to center on.
const PLAIN: usize = 220;

/// A snippet: plain text and the byte ranges in it to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    #[serde(skip)]
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The text with each highlight wrapped in `open` / `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + 16);
        let mut at = 0;
        for r in &self.highlights {
            if r.start < at || r.end > self.text.len() {
                continue;
            }
            out.push_str(&self.text[at..r.start]);
            out.push_str(open);
            out.push_str(&self.text[r.clone()]);
            out.push_str(close);
            at = r.end;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// Build a snippet of `text`.
///
/// `window` is where the search engine found the best fragment (with its highlights)
/// if it found one; `facts` are ranges of facts worth marking. Without a window the
/// snippet centers on the first fact, else it is the start of the text.
pub fn build(
    text: &str,
    window: Option<(Range<usize>, Vec<Range<usize>>)>,
    facts: &[Range<usize>],
) -> Snippet {
    let (window, mut marks) = match window {
        Some((w, marks)) => (w, marks),
        None => match facts.first() {
            Some(f) => {
                let start = floor_char_boundary(text, f.start.saturating_sub(BEFORE));
                let end = floor_char_boundary(text, f.end.saturating_add(AFTER));
                (start..end, Vec::new())
            }
            None => (0..floor_char_boundary(text, PLAIN), Vec::new()),
        },
    };
    // Snap the window to word boundaries so it does not start mid-word.
    let mut start = window.start.min(text.len());
    if start > 0 {
        if let Some(sp) = text[start..window.end.min(text.len())].find(char::is_whitespace) {
            let word_start = !text[..start].ends_with(char::is_whitespace);
            if word_start && marks.iter().all(|m| m.start >= start + sp) {
                start += sp;
            }
        }
    }
    let end = window.end.clamp(start, text.len());
    marks.extend(
        facts
            .iter()
            .filter(|f| f.start >= start && f.end <= end)
            .cloned(),
    );
    marks.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for m in marks {
        if m.start < start || m.end > end || m.start >= m.end {
            continue;
        }
        match merged.last_mut() {
            Some(last) if m.start <= last.end => last.end = last.end.max(m.end),
            _ => merged.push(m),
        }
    }
    let (mut out, highlights) = collapse(&text[start..end], start, &merged);
    if start > 0 && !out.is_empty() {
        out.insert_str(0, "… ");
        let shifted = highlights
            .into_iter()
            .map(|r| r.start + "… ".len()..r.end + "… ".len())
            .collect();
        return finish(out, shifted, end < text.trim_end().len());
    }
    finish(out, highlights, end < text.trim_end().len())
}

fn finish(mut text: String, highlights: Vec<Range<usize>>, cut: bool) -> Snippet {
    if cut && !text.is_empty() {
        text.push_str(" …");
    }
    Snippet { text, highlights }
}

/// Collapse runs of whitespace in `s` (which starts at `base` in the unit text) to one
/// space, trimming both ends, and map `ranges` (unit-text offsets) into the result.
fn collapse(s: &str, base: usize, ranges: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    let mut out = String::with_capacity(s.len());
    // map[i] = output offset of input byte i (for each char start), plus the end.
    let mut map = vec![0usize; s.len() + 1];
    let mut pending_space = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            map[i] = out.len();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        map[i] = out.len();
        out.push(c);
    }
    map[s.len()] = out.len();
    let at = |off: usize| -> usize {
        let i = off.saturating_sub(base).min(s.len());
        // Offsets inside a multibyte char: move to its start.
        let i = floor_char_boundary(s, i);
        map[i]
    };
    let ranges = ranges
        .iter()
        .map(|r| at(r.start)..at(r.end))
        .filter(|r| r.start < r.end)
        .collect();
    (out, ranges)
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace_and_keeps_marks() {
        let text = "The   Licensee\n\nshall pay   fifteen percent of revenue.";
        let pay = text.find("pay").unwrap();
        let s = build(text, Some((0..text.len(), vec![pay..pay + 3])), &[]);
        assert_eq!(s.text, "The Licensee shall pay fifteen percent of revenue.");
        assert_eq!(
            s.marked("[[", "]]"),
            "The Licensee shall [[pay]] fifteen percent of revenue."
        );
    }

    #[test]
    fn centers_on_a_fact_without_a_window() {
        let mut text = "word ".repeat(100);
        let at = text.len();
        text.push_str("15 percent");
        text.push_str(&" tail".repeat(100));
        let s = build(&text, None, &[at..at + 10]);
        assert!(s.text.starts_with("… "), "{}", s.text);
        assert!(s.text.ends_with(" …"));
        assert!(s.marked("«", "»").contains("«15 percent»"));
    }

    #[test]
    fn plain_start_without_anything() {
        let s = build("Short text.", None, &[]);
        assert_eq!(s.text, "Short text.");
        assert!(s.highlights.is_empty());
    }

    #[test]
    fn multibyte_text_does_not_panic() {
        let text = "é".repeat(300);
        let s = build(&text, None, &[3..9]);
        assert!(!s.text.is_empty());
    }
}
