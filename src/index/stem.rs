//! The English text analyzer in one pass: split on what is not alphanumeric, drop tokens
//! of 40 bytes or more, lower-case, stem (Snowball English). It yields the same tokens,
//! offsets and positions as tantivy's chain `SimpleTokenizer`, `RemoveLongFilter(40)`,
//! `LowerCaser`, `Stemmer(English)`, at a fraction of the cost: bytes are scanned
//! directly (ASCII fast path), and stems come from a per-thread cache with a cheap hash
//! (the words of a corpus repeat: some 75,000 distinct words in 47 MB, a few thousand of
//! them making most of the text), which survives tantivy's cloning of analyzers for
//! every segment and every query.

use std::cell::RefCell;
use std::hash::Hasher;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Tokens this long (bytes, before lower-casing) or longer are dropped.
const MAX_TOKEN_BYTES: usize = 40;

/// The FxHash function (rustc's): a multiply and a rotate per 8 bytes.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Sets of a thread's stem cache (a power of two), of [`WAYS`] slots each, the most
/// recent word first. Two ways keep a frequent word resident when a rare one maps to its
/// set: over the real corpus 3% of lookups miss, against 11% for the 8,192 direct-mapped
/// slots this replaced, and a miss (Snowball) costs some 3,500 instructions, a hit a
/// few dozen. The words are inline, so a lookup touches one or two cache lines (a
/// pointer-chasing map of every word cost more in cache misses than stemming saved).
const SETS: usize = 1 << 14;
const WAYS: usize = 2;

/// Words up to this many bytes are cached; longer ones are stemmed every time.
const INLINE: usize = 22;

/// One cached word: `[word_len, stem_len, word (INLINE bytes), stem (INLINE bytes)]`.
/// All zeros is an empty slot (no word of length 0 is looked up), so a cache is a zeroed
/// allocation that the OS hands out without writing it.
type Slot = [u8; 2 + 2 * INLINE];

const WORD: usize = 2;
const STEM: usize = 2 + INLINE;

thread_local! {
    static STEMS: RefCell<Vec<Slot>> = const { RefCell::new(Vec::new()) };
}

#[inline]
fn holds(slot: &Slot, word: &[u8]) -> bool {
    usize::from(slot[0]) == word.len() && &slot[WORD..WORD + word.len()] == word
}

/// True when Snowball English leaves `word` (lower-case) as it is without looking:
/// words of two letters or less, and words without ASCII letters (numbers).
fn unchanged(word: &str) -> bool {
    word.len() <= 2 || word.bytes().all(|b| b.is_ascii_digit())
}

/// Append the stem of `word` (lower-case) to `out`.
fn stem_into(stemmer: &Stemmer, word: &str, out: &mut String) {
    if unchanged(word) {
        out.push_str(word);
        return;
    }
    if word.len() > INLINE {
        out.push_str(&stemmer.stem(word));
        return;
    }
    STEMS.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            out.push_str(&stemmer.stem(word));
            return;
        };
        if cache.is_empty() {
            *cache = vec![[0; 2 + 2 * INLINE]; SETS * WAYS];
        }
        let w = word.as_bytes();
        let mut h = FxHasher::default();
        h.write(w);
        let set = (h.finish() >> 40) as usize & (SETS - 1);
        let ways = &mut cache[set * WAYS..set * WAYS + WAYS];
        if let Some(i) = ways.iter().position(|s| holds(s, w)) {
            let stem = &ways[i][STEM..STEM + usize::from(ways[i][1])];
            // Only whole stems of valid words were stored.
            match std::str::from_utf8(stem) {
                Ok(s) => out.push_str(s),
                Err(_) => out.push_str(&stemmer.stem(word)),
            }
            ways[..=i].rotate_right(1);
            return;
        }
        let stem = stemmer.stem(word);
        out.push_str(&stem);
        if stem.len() <= INLINE {
            // The least recent word makes room at the front.
            ways.rotate_right(1);
            let slot = &mut ways[0];
            slot[0] = w.len() as u8;
            slot[1] = stem.len() as u8;
            slot[WORD..WORD + w.len()].copy_from_slice(w);
            slot[STEM..STEM + stem.len()].copy_from_slice(stem.as_bytes());
        }
    });
}

/// The analyzer (see the module docs).
#[derive(Clone, Default)]
pub struct EnglishTokenizer {
    token: Token,
    lower: String,
}

impl Tokenizer for EnglishTokenizer {
    type TokenStream<'a> = EnglishStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> EnglishStream<'a> {
        self.token.reset();
        EnglishStream {
            text,
            at: 0,
            token: &mut self.token,
            lower: &mut self.lower,
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

pub struct EnglishStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next token starts.
    at: usize,
    token: &'a mut Token,
    lower: &'a mut String,
    stemmer: Stemmer,
}

/// Whether the (non-ASCII) char at byte `i` of `text` is alphanumeric, and its length.
#[cold]
fn wide_alnum_at(text: &str, i: usize) -> (bool, usize) {
    match text.get(i..).and_then(|t| t.chars().next()) {
        Some(c) => (c.is_alphanumeric(), c.len_utf8()),
        None => (false, 1),
    }
}

impl TokenStream for EnglishStream<'_> {
    fn advance(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        loop {
            // the start of the next token
            let mut start = self.at;
            while start < len {
                let b = bytes[start];
                if b < 0x80 {
                    if b.is_ascii_alphanumeric() {
                        break;
                    }
                    start += 1;
                } else {
                    let (alnum, n) = wide_alnum_at(self.text, start);
                    if alnum {
                        break;
                    }
                    start += n;
                }
            }
            if start >= len {
                self.at = len;
                return false;
            }
            let mut end = start;
            let mut ascii = true;
            while end < len {
                let b = bytes[end];
                if b < 0x80 {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    end += 1;
                } else {
                    ascii = false;
                    let (alnum, n) = wide_alnum_at(self.text, end);
                    if !alnum {
                        break;
                    }
                    end += n;
                }
            }
            self.at = end;
            self.token.position = self.token.position.wrapping_add(1);
            if end - start >= MAX_TOKEN_BYTES {
                continue;
            }
            let raw = &self.text[start..end];
            self.lower.clear();
            if ascii {
                self.lower.push_str(raw);
                self.lower.make_ascii_lowercase();
            } else {
                for c in raw.chars() {
                    self.lower.extend(c.to_lowercase());
                }
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.text.clear();
            stem_into(&self.stemmer, self.lower, &mut self.token.text);
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};

    fn tokens(a: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut s = a.token_stream(text);
        while let Some(t) = s.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    fn theirs() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(tantivy::tokenizer::Stemmer::default())
            .build()
    }

    const TEXTS: &[&str] = &[
        "Termination terminates TERMINATED; the licensees' licensing fees, running runs",
        "  Société Générale's ÉTÉ naïve café — 1,000,000 USD (15%) §5.2 x²",
        "a-very-long-token-like-thisone-that-is-way-too-long-for-the-index okay then",
        "",
        "...",
        "ΣΊΣΥΦΟΣ İstanbul straße ﬁnance 東京 株式会社 ends",
        "tail",
        "1 22 333 4444 2019-04-19 10.5 q3 3d 1st 42nd is as by ye yes uses caresses ponies",
        "internationalization characteristically straightforwardness generously",
    ];

    /// Many distinct words (so sets overflow and words are evicted), with the frequent
    /// words of contracts among them.
    fn churn() -> String {
        let mut out = String::new();
        for i in 0..(SETS * WAYS * 2) {
            out.push_str(&format!("agreements{i} terminated "));
            if i % 7 == 0 {
                out.push_str("royalty licensing ");
            }
        }
        out
    }

    #[test]
    fn same_tokens_as_tantivys_chain_cold_and_cached_after_evictions() {
        let mut ours = TextAnalyzer::from(EnglishTokenizer::default());
        let mut theirs = theirs();
        for text in TEXTS {
            let want = tokens(&mut theirs, text);
            assert_eq!(tokens(&mut ours, text), want, "{text}");
        }
        // Enough words to fill sets and evict from them.
        let churn = churn();
        assert_eq!(tokens(&mut ours, &churn), tokens(&mut theirs, &churn));
        assert_eq!(tokens(&mut ours, &churn), tokens(&mut theirs, &churn));
        for text in TEXTS {
            let want = tokens(&mut theirs, text);
            assert_eq!(tokens(&mut ours, text), want, "{text} (cached)");
            assert_eq!(tokens(&mut ours, text), want, "{text} (cached, again)");
        }
    }

    #[test]
    fn fx_hash_tells_words_apart() {
        let h = |s: &str| {
            let mut x = FxHasher::default();
            x.write(s.as_bytes());
            x.finish()
        };
        assert_ne!(h("terminate"), h("terminated"));
        assert_ne!(h("a"), h("b"));
        assert_eq!(h("same words"), h("same words"));
    }
}
