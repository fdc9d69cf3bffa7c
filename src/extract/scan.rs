//! Byte scans shared by extractors that look for words before they run patterns.
//!
//! A regex over the whole text pays for every byte in a lazy DFA, and a literal
//! prefilter with dozens of short, common words (`mo`, `sec`, `day`) stops almost
//! everywhere. Reading the text once as runs of ASCII letters and rejecting most runs
//! with one bit lookup ([`WordMask`]) is several times cheaper; the extractor then checks
//! the few runs that pass exactly. [`tokens`] does that pass once per document for
//! every extractor that needs it (dates and durations), and keeps the digit runs.

use std::sync::LazyLock;

/// Length of the run of ASCII letters `b` starts with. Eight bytes at a time: the scan
/// sees every byte of the text, and words are what most bytes are.
pub(crate) fn letters_len(b: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Per byte, with no carry between bytes: its high bit is set in `ge_a` when the
        // low seven bits, folded to lower case, are at least `a`, in `gt_z` above `z`.
        let low = (v | 0x2020_2020_2020_2020) & LOW7;
        let ge_a = low + 0x1f1f_1f1f_1f1f_1f1f;
        let gt_z = low + 0x0505_0505_0505_0505;
        let letters = ge_a & !gt_z & !v & HIGH;
        let others = !letters & HIGH;
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + b[i..]
        .iter()
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(b.len() - i)
}

/// A set of ASCII words of 2 to 15 letters that answers "certainly not in the set" for
/// almost every other word with one bit lookup: the bit of (first, second and last
/// letter, length), case-insensitive. A `true` must be confirmed by an exact check.
pub(crate) struct WordMask(Vec<u64>);

const KEY_SPACE: usize = 26 * 26 * 26 * 16;

impl WordMask {
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut bits = vec![0u64; KEY_SPACE / 64 + 1];
        for w in words {
            let w = w.as_bytes();
            assert!(
                (2..=15).contains(&w.len()) && w.iter().all(u8::is_ascii_alphabetic),
                "WordMask holds ASCII words of 2 to 15 letters"
            );
            let k = key(w);
            bits[k / 64] |= 1 << (k % 64);
        }
        WordMask(bits)
    }

    /// Whether `w` (a run of ASCII letters) may be in the set ([`tokens`] tests the key
    /// of each word once against several sets).
    #[cfg(test)]
    pub(crate) fn may_contain(&self, w: &[u8]) -> bool {
        (2..=15).contains(&w.len()) && self.has_key(key(w))
    }

    fn has_key(&self, k: usize) -> bool {
        self.0[k / 64] & (1 << (k % 64)) != 0
    }

    /// The words of either set (as far as the masks tell).
    fn union(&self, other: &WordMask) -> WordMask {
        WordMask(self.0.iter().zip(&other.0).map(|(a, b)| a | b).collect())
    }
}

/// A token of [`tokens`]: a run of ASCII digits, or a run of ASCII letters that may be
/// a word of some class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// [`DIGITS`], or the bits of the classes the letters may be a word of ([`DATE`],
    /// [`DURATION`], [`LONE_H`]); a set bit must be confirmed by an exact check.
    pub(crate) classes: u8,
}

/// Date trigger words (`date::TRIGGER_WORDS`).
pub(crate) const DATE: u8 = 1;
/// Duration unit words and their plurals (`duration::UNIT_WORDS`).
pub(crate) const DURATION: u8 = 2;
/// The lone lower-case letter `h` (hours, after digits).
pub(crate) const LONE_H: u8 = 4;
/// A run of ASCII digits.
pub(crate) const DIGITS: u8 = 8;

struct Classes {
    date: WordMask,
    duration: WordMask,
    either: WordMask,
}

static CLASSES: LazyLock<Classes> = LazyLock::new(|| {
    let date = WordMask::new(super::date::TRIGGER_WORDS.iter().copied());
    let duration = super::duration::unit_mask();
    let either = date.union(&duration);
    Classes {
        date,
        duration,
        either,
    }
});

/// The tokens of `b` that some extractor looks at, in text order: every maximal run of
/// ASCII digits, and the maximal runs of ASCII letters that may be a word of a class.
/// One pass serves every extractor of a document (see `Context::tokens`): the word
/// tests cost more than the scan, and each word is tested once.
pub(crate) fn tokens(b: &[u8]) -> Vec<Token> {
    let c = &*CLASSES;
    let n = b.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let x = b[i];
        if x.is_ascii_alphabetic() {
            let start = i;
            i += letters_len(&b[i..]);
            let w = &b[start..i];
            let mut classes = 0;
            if (2..=15).contains(&w.len()) {
                let k = key(w);
                if c.either.has_key(k) {
                    if c.date.has_key(k) {
                        classes |= DATE;
                    }
                    if c.duration.has_key(k) {
                        classes |= DURATION;
                    }
                }
            } else if w == b"h" {
                classes = LONE_H;
            }
            if classes != 0 {
                out.push(Token {
                    start,
                    end: i,
                    classes,
                });
            }
        } else if x.is_ascii_digit() {
            let start = i;
            i += 1;
            while i < n && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Token {
                start,
                end: i,
                classes: DIGITS,
            });
        } else {
            i += 1;
        }
    }
    out
}

/// Key of an ASCII-letter word of 2..=15 bytes (case-insensitive).
fn key(w: &[u8]) -> usize {
    let l = |c: u8| usize::from((c | 0x20).wrapping_sub(b'a'));
    let (first, second, last) = (l(w[0]), l(w[1]), l(w[w.len() - 1]));
    ((first * 26 + second) * 26 + last) * 16 + w.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eight-bytes-at-a-time letter scan stops where a byte-by-byte scan stops: every
    /// byte value, at every place in and past the first eight-byte chunk.
    #[test]
    fn letters_len_agrees_with_a_byte_scan() {
        for stop in 0..=255u8 {
            for at in 0..20 {
                let mut b = b"aZqMxyzAbcdefghijklmnopQRS".to_vec();
                b[at] = stop;
                let want = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                assert_eq!(letters_len(&b), want, "byte {stop:#x} at {at}");
                assert_eq!(letters_len(&b[..at]), at, "{at} letters");
            }
        }
    }

    /// Tokens are the maximal digit runs and the maximal letter runs whose word is in a
    /// class, with that class: checked against a byte-by-byte split of generated text
    /// (class words, other words, digits, `h`, punctuation and multi-byte chars glued in
    /// every order).
    #[test]
    fn tokens_are_the_maximal_runs_of_class_words_and_digits() {
        let date = WordMask::new(crate::extract::date::TRIGGER_WORDS.iter().copied());
        let duration = crate::extract::duration::unit_mask();
        let pieces = [
            "March",
            "days",
            "YEARS",
            "mo",
            "h",
            "H",
            "the",
            "hours",
            "x",
            "2025",
            "7",
            " ",
            " ",
            "-",
            "/",
            ".",
            "é",
            "Ünd",
            "today",
            "fortnights",
            "quarter",
            "zzzzzzzzzzzzzzzz",
            "\n",
        ];
        let mut seed = 7u64;
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let b = text.as_bytes();
            let mut want = Vec::new();
            let mut i = 0;
            while i < b.len() {
                let digit = b[i].is_ascii_digit();
                if !(digit || b[i].is_ascii_alphabetic()) {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < b.len()
                    && (if digit {
                        b[i].is_ascii_digit()
                    } else {
                        b[i].is_ascii_alphabetic()
                    })
                {
                    i += 1;
                }
                let w = &b[start..i];
                let classes = if digit {
                    DIGITS
                } else if w == b"h" {
                    LONE_H
                } else {
                    let (date, duration) = (date.may_contain(w), duration.may_contain(w));
                    [(date, DATE), (duration, DURATION)]
                        .iter()
                        .filter(|(is, _)| *is)
                        .fold(0, |all, (_, bit)| all | bit)
                };
                if classes != 0 {
                    want.push(Token {
                        start,
                        end: i,
                        classes,
                    });
                }
            }
            assert_eq!(tokens(b), want, "{text:?}");
        }
    }

    #[test]
    fn word_mask_never_rejects_a_member() {
        let mask = WordMask::new(["day", "days", "fortnight", "mo"]);
        for w in ["day", "DAYS", "Fortnight", "mo", "MO"] {
            assert!(mask.may_contain(w.as_bytes()), "{w}");
        }
        for w in ["dog", "d", "month", "fortnights", "abcdefghijklmnopq"] {
            assert!(!mask.may_contain(w.as_bytes()), "{w}");
        }
    }
}
