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
/// almost every other word with one or two bit lookups: the bit of its first two letters
/// (a 128-byte table, no multiplication: most words stop there), then the bit of (first,
/// second and last letter, length), case-insensitive. A `true` must be confirmed by an
/// exact check.
pub(crate) struct WordMask {
    bits: Vec<u64>,
    /// By [`prefix`].
    prefixes: [u64; 16],
}

/// Key of a word's first two letters (case-insensitive): five bits each.
fn prefix(w: &[u8]) -> usize {
    usize::from(w[0] & 31) << 5 | usize::from(w[1] & 31)
}

const KEY_SPACE: usize = 26 * 26 * 26 * 16;

impl WordMask {
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut bits = vec![0u64; KEY_SPACE / 64 + 1];
        let mut prefixes = [0u64; 16];
        for w in words {
            let w = w.as_bytes();
            assert!(
                (2..=15).contains(&w.len()) && w.iter().all(u8::is_ascii_alphabetic),
                "WordMask holds ASCII words of 2 to 15 letters"
            );
            let k = key(w);
            bits[k / 64] |= 1 << (k % 64);
            let p = prefix(w);
            prefixes[p / 64] |= 1 << (p % 64);
        }
        WordMask { bits, prefixes }
    }

    /// Whether `w` (a run of ASCII letters) may be in the set ([`tokens`] tests the key
    /// of each word once against several sets).
    pub(crate) fn may_contain(&self, w: &[u8]) -> bool {
        (2..=15).contains(&w.len()) && self.has_prefix(w) && self.has_key(key(w))
    }

    /// Whether some word of the set starts with `w`'s first two letters (`w` has two).
    fn has_prefix(&self, w: &[u8]) -> bool {
        let p = prefix(w);
        self.prefixes[(p / 64) % 16] & (1 << (p % 64)) != 0
    }

    fn has_key(&self, k: usize) -> bool {
        self.bits[k / 64] & (1 << (k % 64)) != 0
    }

    /// The words of either set (as far as the masks tell).
    fn union(&self, other: &WordMask) -> WordMask {
        let mut prefixes = self.prefixes;
        for (p, o) in prefixes.iter_mut().zip(&other.prefixes) {
            *p |= o;
        }
        WordMask {
            bits: self
                .bits
                .iter()
                .zip(&other.bits)
                .map(|(a, b)| a | b)
                .collect(),
            prefixes,
        }
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
///
/// The text is read 64 bytes at a time as two bit masks, letters and digits
/// ([`block_masks`]); the loop then visits only the starts of runs, not every byte.
pub(crate) fn tokens(b: &[u8]) -> Vec<Token> {
    let c = &*CLASSES;
    let n = b.len();
    // Room for a token every 32 bytes up front: growing the vector from empty was ~0.5%
    // of a quantity run's instructions (callgrind).
    let mut out = Vec::with_capacity(n / 32);
    let mut padded: [u8; BLOCK];
    // Invariant: `p` is 0 or the byte before it is of another class than the byte at
    // `p` (or of none), so a run that starts at bit 0 of a block starts there.
    let mut p = 0;
    while p < n {
        let block: &[u8; BLOCK] = match b.get(p..p + BLOCK) {
            Some(full) => full.try_into().expect("a full block"),
            None => {
                // The last, short block: NUL bytes are neither letters nor digits.
                padded = [0u8; BLOCK];
                padded[..n - p].copy_from_slice(&b[p..]);
                &padded
            }
        };
        let (letters, digits) = block_masks(block);
        let mut starts = (letters & !(letters << 1)) | (digits & !(digits << 1));
        let mut next = p + BLOCK;
        while starts != 0 {
            let s = starts.trailing_zeros();
            starts &= starts - 1;
            let is_letter = letters >> s & 1 == 1;
            let mask = if is_letter { letters } else { digits };
            let len_here = (!(mask >> s)).trailing_zeros() as usize;
            let start = p + s as usize;
            let mut end = start + len_here;
            if s as usize + len_here == BLOCK {
                // The run reaches the end of the block: follow it past, and go on with
                // the block that starts where it ends.
                let rest = &b[end.min(n)..];
                end += if is_letter {
                    letters_len(rest)
                } else {
                    rest.iter().take_while(|x| x.is_ascii_digit()).count()
                };
                next = end;
            }
            let classes = if !is_letter {
                DIGITS
            } else {
                word_classes(c, &b[start..end])
            };
            if classes != 0 {
                out.push(Token {
                    start,
                    end,
                    classes,
                });
            }
        }
        p = next;
    }
    out
}

/// Bytes per block of [`tokens`].
const BLOCK: usize = 64;

/// The classes a run of ASCII letters may be a word of.
fn word_classes(c: &Classes, w: &[u8]) -> u8 {
    let mut classes = 0;
    if (2..=15).contains(&w.len()) {
        if !c.either.has_prefix(w) {
            return 0;
        }
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
    classes
}

/// Bit `i` of the first mask is set when `block[i]` is an ASCII letter, of the second
/// when it is an ASCII digit. SSE2 (every x86-64 has it) does 16 bytes per compare.
#[cfg(target_arch = "x86_64")]
fn block_masks(block: &[u8; BLOCK]) -> (u64, u64) {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };
    let (mut letters, mut digits) = (0u64, 0u64);
    for (k, chunk) in block.chunks_exact(16).enumerate() {
        // SAFETY: SSE2 is part of the x86-64 baseline, so these instructions exist on
        // every x86-64 CPU; `chunk` holds 16 readable bytes, and `loadu` needs no
        // alignment.
        let (l, d) = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
            // Signed compares: bytes from 0x80 up are negative, so never in a range.
            let low = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let l = _mm_and_si128(
                _mm_cmpgt_epi8(low, _mm_set1_epi8(0x60)),
                _mm_cmplt_epi8(low, _mm_set1_epi8(0x7b)),
            );
            let d = _mm_and_si128(
                _mm_cmpgt_epi8(v, _mm_set1_epi8(0x2f)),
                _mm_cmplt_epi8(v, _mm_set1_epi8(0x3a)),
            );
            // `movemask` gives one bit per byte, in the low 16 bits of an `i32`.
            (_mm_movemask_epi8(l) as u16, _mm_movemask_epi8(d) as u16)
        };
        letters |= u64::from(l) << (16 * k);
        digits |= u64::from(d) << (16 * k);
    }
    (letters, digits)
}

/// [`block_masks`] byte by byte, for other architectures.
#[cfg(not(target_arch = "x86_64"))]
fn block_masks(block: &[u8; BLOCK]) -> (u64, u64) {
    block_masks_bytewise(block)
}

#[cfg(any(test, not(target_arch = "x86_64")))]
fn block_masks_bytewise(block: &[u8; BLOCK]) -> (u64, u64) {
    let (mut letters, mut digits) = (0u64, 0u64);
    for (i, x) in block.iter().enumerate() {
        letters |= u64::from(x.is_ascii_alphabetic()) << i;
        digits |= u64::from(x.is_ascii_digit()) << i;
    }
    (letters, digits)
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
            "Wordsoflettersthatgoonpastthesixtyfourbytesofablockofthescanandmore",
            "1234567890123456789012345678901234567890123456789012345678901234567890",
            "\n",
        ];
        let mut seed = 7u64;
        for round in 0..3_000 {
            let mut text = String::new();
            // Short texts, and texts over several blocks (runs across block edges).
            for _ in 0..if round % 3 == 0 { 60 } else { 12 } {
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

    /// The SSE2 masks are the byte-by-byte masks, for every byte value at every place.
    #[test]
    fn block_masks_agree_with_a_byte_scan() {
        for x in 0..=255u8 {
            let mut block = [b'a'; BLOCK];
            for (i, y) in block.iter_mut().enumerate() {
                *y = x.wrapping_add(i as u8 * 37);
            }
            block[(x as usize) % BLOCK] = x;
            assert_eq!(block_masks(&block), block_masks_bytewise(&block), "{x:#x}");
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
