//! Version families and version labels that sort as versions, not as strings.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Which family a document belongs to and which version of it it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Version {
    pub family: String,
    pub label: String,
}

impl Version {
    /// Ordering key of the label (see [`VersionKey`]).
    pub fn key(&self) -> VersionKey {
        VersionKey::parse(&self.label)
    }
}

/// A parsed version label. Orders drafts first, then dates and numbers by value:
/// `draft-2021-07-12 < 1.0 < 1.0.1 < 1.1 < 2.0`, `v2 < v10`, `2020-07-21 < 2021-01-01`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionKey {
    draft: bool,
    parts: Vec<u64>,
    rest: String,
}

impl VersionKey {
    pub fn parse(label: &str) -> VersionKey {
        let lower = label.trim().to_ascii_lowercase();
        let draft = lower.starts_with("draft") || lower.contains("-draft");
        let mut parts = Vec::new();
        let mut rest = String::new();
        for piece in lower.split(|c: char| !c.is_ascii_alphanumeric()) {
            let digits = piece.trim_start_matches('v');
            match digits.parse::<u64>() {
                Ok(n) if !digits.is_empty() => parts.push(n),
                _ if piece.is_empty() => {}
                _ => rest.push_str(piece),
            }
        }
        VersionKey { draft, parts, rest }
    }

    /// True when the label looks like a version at all (a date, `1.0`, `v2`, `draft-…`).
    pub fn looks_like_version(label: &str) -> bool {
        is_version_label(label)
    }
}

impl Ord for VersionKey {
    fn cmp(&self, other: &Self) -> Ordering {
        // drafts before releases
        other
            .draft
            .cmp(&self.draft)
            .then_with(|| self.parts.cmp(&other.parts))
            .then_with(|| self.rest.cmp(&other.rest))
    }
}

impl PartialOrd for VersionKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `1.0`, `1.0.1`, `v2`, `V3.1`, `2024-05-17`, `draft-2021-07-12`, `draft`.
pub fn is_version_label(label: &str) -> bool {
    let l = label.trim().to_ascii_lowercase();
    let l = l
        .strip_prefix("draft")
        .map_or(l.as_str(), |r| r.trim_start_matches(['-', '_']));
    if l.is_empty() {
        return label.trim().eq_ignore_ascii_case("draft");
    }
    let b = l.as_bytes();
    // v2, v2.1
    if b[0] == b'v' && b.len() > 1 && b[1].is_ascii_digit() {
        return l[1..]
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()));
    }
    // 2024-05-17
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        return l
            .bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    }
    // 1.0 / 1.0.1 (at least one dot, so a plain `001` is not a version)
    l.contains('.')
        && l.split('.')
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(labels: &[&str]) -> Vec<String> {
        let mut v: Vec<_> = labels.iter().map(|s| s.to_string()).collect();
        v.sort_by_key(|l| VersionKey::parse(l));
        v
    }

    #[test]
    fn sorts_as_versions() {
        assert_eq!(
            sorted(&["1.0.1", "2.0", "1.0", "draft-2021-07-12", "1.1"]),
            ["draft-2021-07-12", "1.0", "1.0.1", "1.1", "2.0"]
        );
        assert_eq!(sorted(&["v10", "v2"]), ["v2", "v10"]);
        assert_eq!(
            sorted(&["2021-01-01", "2020-07-21"]),
            ["2020-07-21", "2021-01-01"]
        );
    }

    #[test]
    fn version_labels() {
        for ok in [
            "1.0",
            "1.0.1",
            "v2",
            "2024-05-17",
            "draft-2021-07-12",
            "V3.1",
        ] {
            assert!(is_version_label(ok), "{ok}");
        }
        for no in ["001", "readme", "2024", "12345.67890", "v", "1..2"] {
            assert!(!is_version_label(no), "{no}");
        }
    }
}
