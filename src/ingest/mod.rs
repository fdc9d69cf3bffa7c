//! Ingest: read files, decode bytes, parse plain text and Markdown into a [`Document`]
//! with blocks and clauses (sentences are split on first use, in the model).

pub mod decode;
pub mod markdown;
pub mod segment;
pub mod text;
pub mod version;
pub mod walk;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::model::{DocKind, Document, Format, Metadata};
use crate::{Error, Result};

pub use walk::{walk, Input};

/// Limits on what is read, and what is computed while reading.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_bytes: u64,
    /// Compute [`Document::content_hash`] (the index needs it to skip unchanged files;
    /// extraction alone does not, and blake3 over every file was 2% of its instructions).
    /// When false the hash is left empty.
    pub content_hash: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: decode::DEFAULT_MAX_BYTES,
            content_hash: true,
        }
    }
}

/// Read and parse the file at `path`.
/// Compile the patterns of reading files ahead of use (see
/// [`crate::extract::Pipeline::warm_up`]).
pub(crate) const WARM_UPS: &[crate::extract::WarmUp] = warm_ups!(
    CONTRACT_CUES,
    text::NUMBERED_HEADING,
    text::LIST_ITEM,
    version::NAME_VERSION,
);

pub fn load(path: &Path, limits: &Limits) -> Result<Document> {
    // One open and one fstat per file: at ~14,000 small files a run, the syscalls of a
    // separate `metadata` call and `fs::read`'s own size probe were a tenth of the time.
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::unreadable(path, "is a directory"));
    }
    if meta.len() > limits.max_bytes {
        return Err(Error::unreadable(
            path,
            format!(
                "file is {} bytes, above the limit of {} bytes (raise it with --max-file-size)",
                meta.len(),
                limits.max_bytes
            ),
        ));
    }
    // Read the size fstat reported, and stop there: after that many bytes no read is
    // needed to find the end (one syscall of five per file, at ~14,000 files a run).
    // Bytes appended while the file is read are left out. A size of 0, as procfs and
    // other special files report whatever they hold, reads to the end instead, capped.
    let cap = match meta.len() {
        0 => limits.max_bytes + 1,
        len => len,
    };
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(Error::unreadable(
            path,
            "file grew above the size limit while read",
        ));
    }
    parse_bytes(path, bytes, limits.content_hash)
}

/// Read a document from standard input (treated as Markdown if it has front matter or
/// Markdown headings, else plain text).
pub fn load_stdin(limits: &Limits) -> Result<Document> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(limits.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("-", e))?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(Error::unreadable(
            "-",
            "standard input is above the size limit",
        ));
    }
    parse_bytes(Path::new("-"), bytes, limits.content_hash)
}

/// Format from the file extension; stdin and unknown extensions are sniffed.
pub fn format_of(path: &Path, source: &str) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
    {
        Some(e) if e == "md" || e == "markdown" => Format::Markdown,
        Some(e) if e == "txt" || e == "text" => Format::Text,
        _ if source.starts_with("---\n")
            || source.starts_with("# ")
            || source.contains("\n## ") =>
        {
            Format::Markdown
        }
        _ => Format::Text,
    }
}

/// Parse `bytes` read from `path` into a document.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Document> {
    parse_owned(path, bytes.to_vec())
}

/// [`parse`] taking the bytes by value, so that valid UTF-8 is not copied again.
pub fn parse_owned(path: &Path, bytes: Vec<u8>) -> Result<Document> {
    parse_bytes(path, bytes, true)
}

/// [`parse_owned`], computing the content hash only if `hash`.
fn parse_bytes(path: &Path, bytes: Vec<u8>, hash: bool) -> Result<Document> {
    let content_hash = if hash {
        blake3::hash(&bytes).to_hex().to_string()
    } else {
        String::new()
    };
    let (source, warnings) = decode::decode_owned(path, bytes)?;
    let format = format_of(path, &source);
    let (text, blocks, meta) = match format {
        Format::Markdown => markdown::parse(&source),
        Format::Text => (source.clone(), text::parse(&source), Metadata::default()),
    };
    if text.trim().is_empty() {
        return Err(Error::unreadable(
            path,
            "no text (only whitespace or markup)",
        ));
    }
    let kind = classify(&text);
    let clauses = segment::segment(&source, &text, &blocks, kind, format);
    let version = version::detect(path, &meta);
    Ok(Document {
        id: path.display().to_string(),
        path: PathBuf::from(path),
        format,
        kind,
        version,
        meta,
        source,
        text,
        blocks,
        sentences: OnceLock::new(),
        clauses,
        content_hash,
        warnings,
    })
}

/// Contract or news? Contracts bind: `shall`, `hereby`, `hereto`, `Agreement`, signature
/// blocks, in numbers that news does not reach; `party` counts only beside them.
/// `Section 4.2` is not a cue: news about a deal cites sections too. Over ../shared/corpus
/// this calls 4 of 13,013 news articles contracts and 4 of 573 agreements news (the
/// short LGPL 3.0 among them); counting every cue alike misread 37.
pub fn classify(text: &str) -> DocKind {
    let sample = &text[..floor_char_boundary(text, 200_000)];
    let (mut legal, mut party) = (0usize, 0usize);
    for m in CONTRACT_CUES.find_iter(sample) {
        if m.pattern().as_usize() < LEGAL_CUES.len() {
            legal += 1;
            // Settled: a long contract is not scanned to the end of its sample.
            if legal >= 4 {
                return DocKind::Contract;
            }
        } else {
            party += 1;
        }
    }
    // `party` alone is weak evidence: political news is full of parties.
    if legal >= 2 && legal + party >= 4 {
        return DocKind::Contract;
    }
    DocKind::News
}

/// Words of legal drafting and of signature blocks.
const LEGAL_CUES: &[&str] = &[
    "shall ",
    "SHALL ",
    "hereby",
    "hereto",
    "hereunder",
    "herein",
    "hereof",
    "whereas",
    "WHEREAS",
    "Agreement",
    "AGREEMENT",
    "Terms",
    "IN WITNESS",
    "In witness",
    "By:",
    "Name:",
    "Title:",
    "executed",
    "undersigned",
];
/// Words that name the sides of a deal (or of an election).
const PARTY_CUES: &[&str] = &["party", "parties", "Party", "Parties", "terms"];

/// One pass over the text for every cue; leftmost-first so `hereto` is not also `here`.
static CONTRACT_CUES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(LEGAL_CUES.iter().chain(PARTY_CUES))
            .expect("static patterns")
    });

/// `s.trim()`, decoding chars only where a non-ASCII byte meets the ASCII whitespace
/// trimmed off each end (rarely): the Unicode trim was ~1.5% of a quantity run's
/// instructions.
pub fn trim(s: &str) -> &str {
    // The ASCII members of Unicode's White_Space: tab, line feed, vertical tab, form
    // feed, carriage return, space.
    let space = |b: &u8| *b == b' ' || (0x09..=0x0d).contains(b);
    let b = s.as_bytes();
    let start = b.iter().position(|c| !space(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !space(c)).map_or(start, |i| i + 1);
    // Both ends now lie next to ASCII bytes, hence on char boundaries.
    let t = &s[start..end];
    let tb = t.as_bytes();
    if tb.first().is_none_or(u8::is_ascii) && tb.last().is_none_or(u8::is_ascii) {
        t
    } else {
        t.trim()
    }
}

/// Largest char boundary `<= i`.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_trims_as_the_standard_library_does() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}a",
            "a\u{3000}",
            "\t1. Term\r",
            "é",
            " é ",
            "x\u{2028}",
            "\u{85}y",
            "ab",
            "a b",
            "\u{b}x\u{c}",
            "  \u{a0} x \u{a0}  ",
            "   ",
            " \n\t ",
            "  é",
            "  \u{1680}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn the_content_hash_is_computed_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Licensee shall pay 20% of revenue.").unwrap();
        let hashed = load(&path, &Limits::default()).unwrap();
        assert_eq!(
            hashed.content_hash,
            blake3::hash(b"Licensee shall pay 20% of revenue.")
                .to_hex()
                .as_str()
        );
        let limits = Limits {
            content_hash: false,
            ..Limits::default()
        };
        let plain = load(&path, &limits).unwrap();
        assert_eq!(plain.content_hash, "");
        assert_eq!(plain.text, hashed.text);
        assert_eq!(plain.sentences(), hashed.sentences());
    }

    #[test]
    fn political_parties_do_not_make_a_contract() {
        let news = "The parties clashed again. Both parties say the other party broke its \
                    promise, and party members want the terms of the debate changed. \
                    Each party will campaign on tax, the parties said.";
        assert_eq!(classify(news), DocKind::News);
    }

    #[test]
    fn a_short_signed_agreement_is_a_contract() {
        let contract = "JOINT FILING AGREEMENT. The undersigned agree that the statement is \
                        filed on behalf of each of them. IN WITNESS WHEREOF, the parties have \
                        executed it. By: Jane Roe Name: Jane Roe Title: Director";
        assert_eq!(classify(contract), DocKind::Contract);
        let plain = "Shares rose 3% after the results. The company said terms were not \
                     disclosed.";
        assert_eq!(classify(plain), DocKind::News);
    }
}
