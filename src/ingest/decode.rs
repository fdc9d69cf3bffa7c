//! Bytes -> text: UTF-8 (BOM stripped), else Windows-1252 with a warning; binary,
//! empty and oversized files are refused with a reason.

use std::path::Path;

use crate::model::Warning;
use crate::{Error, Result};

/// Files above this size are refused unless the caller raises the limit.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Decode `bytes` read from `path`. Returns the text and any warnings.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<(String, Vec<Warning>)> {
    decode_owned(path, bytes.to_vec())
}

/// [`decode`] taking the bytes by value: valid UTF-8 (most files) becomes the `String`
/// in place, without a second copy of the file.
pub fn decode_owned(path: &Path, mut bytes: Vec<u8>) -> Result<(String, Vec<Warning>)> {
    if bytes.is_empty() {
        return Err(Error::unreadable(path, "empty file"));
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(Error::unreadable(
            path,
            format!("binary file (NUL byte at byte {at}); not a text document"),
        ));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, Vec::new())),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
            // A file that is mostly control bytes is binary even without a NUL.
            let controls = bytes
                .iter()
                .take(8192)
                .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
                .count();
            if controls * 10 > bytes.len().min(8192) {
                return Err(Error::unreadable(
                    path,
                    "binary file (control bytes); not a text document",
                ));
            }
            let warning = Warning {
                message: format!(
                    "{}: invalid UTF-8 at byte {at}; decoded as Windows-1252 (offsets are into the decoded text)",
                    path.display()
                ),
                span: None,
            };
            Ok((text.into_owned(), vec![warning]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom() {
        let (t, w) = decode(Path::new("a"), b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!(t, "hello");
        assert!(w.is_empty());
    }

    #[test]
    fn windows_1252_fallback_warns() {
        let (t, w) = decode(Path::new("a.txt"), b"caf\xe9 \x93quoted\x94").unwrap();
        assert_eq!(t, "caf\u{e9} \u{201c}quoted\u{201d}");
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("a.txt"));
        assert!(w[0].message.contains("byte 3"));
    }

    #[test]
    fn refuses_empty_and_binary() {
        let e = decode(Path::new("x.bin"), b"ab\0cd")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("x.bin") && e.contains("NUL byte at byte 2"),
            "{e}"
        );
        let e = decode(Path::new("e.txt"), b"").unwrap_err().to_string();
        assert!(e.contains("e.txt") && e.contains("empty"), "{e}");
    }
}
