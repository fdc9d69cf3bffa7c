//! Byte scans shared by extractors that look for words before they run patterns.
//!
//! A regex over the whole text pays for every byte in a lazy DFA, and a literal
//! prefilter with dozens of short, common words (`mo`, `sec`, `day`) stops almost
//! everywhere. Reading the text once as runs of ASCII letters and rejecting most runs
//! with one bit lookup ([`WordMask`]) is several times cheaper; the extractor then checks
//! the few runs that pass exactly.

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

/// The maximal runs of ASCII letters in `b`, as `(start, end)`.
pub(crate) fn letter_runs(b: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if b[i].is_ascii_alphabetic() {
                let s = i;
                i += letters_len(&b[i..]);
                return Some((s, i));
            }
            i += 1;
        }
        None
    })
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

    /// Whether `w` (a run of ASCII letters) may be in the set.
    pub(crate) fn may_contain(&self, w: &[u8]) -> bool {
        (2..=15).contains(&w.len()) && {
            let k = key(w);
            self.0[k / 64] & (1 << (k % 64)) != 0
        }
    }
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

    #[test]
    fn letter_runs_are_maximal() {
        let runs: Vec<_> = letter_runs("3days, a_b  Ünd xyz".as_bytes()).collect();
        assert_eq!(runs, [(1, 5), (7, 8), (9, 10), (14, 16), (17, 20)]);
        assert_eq!(letter_runs(b"").count(), 0);
        assert_eq!(letter_runs(b"12 ,;").count(), 0);
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
