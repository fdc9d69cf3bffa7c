//! Byte spans into a document's decoded source.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open range of BYTE offsets `[start, end)` into a document's decoded source.
///
/// Both ends lie on `char` boundaries of the source they were made for, so
/// `&source[span]` never panics for a span produced by pactum.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers in `source`.
    ///
    /// Returns `""` rather than panicking when the span is out of range or not on
    /// char boundaries (a bug elsewhere, but never a reason to crash a batch).
    pub fn slice<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.range()).unwrap_or("")
    }

    /// Shift a span found in a sub-slice back into the coordinates of the whole text.
    pub const fn offset(&self, by: usize) -> Span {
        Span {
            start: self.start + by,
            end: self.end + by,
        }
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// 1-based line and column (in chars) of a byte offset, for error messages.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Line starts of a text, for many offset -> line lookups in O(log n) each.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column (in chars) of a byte offset.
    pub fn line_col(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(source.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = source.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_line_col() {
        let s = "ab\nc\u{e9}d\n\nxyz";
        let idx = LineIndex::new(s);
        for (i, _) in s.char_indices() {
            assert_eq!(idx.line_col(s, i), line_col(s, i), "offset {i}");
        }
        assert_eq!(idx.line_col(s, s.len()), line_col(s, s.len()));
    }

    #[test]
    fn overlap_and_contain() {
        let a = Span::new(0, 5);
        assert!(a.overlaps(Span::new(4, 6)));
        assert!(!a.overlaps(Span::new(5, 6)));
        assert!(a.contains(Span::new(1, 5)));
        assert!(!a.contains(Span::new(1, 6)));
    }

    #[test]
    fn line_col_counts_chars() {
        let s = "ab\nc\u{e9}d";
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 3), (2, 1));
        assert_eq!(line_col(s, 6), (2, 3));
    }
}
