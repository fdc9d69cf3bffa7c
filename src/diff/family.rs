//! The versions of a family read from files: `<dir>/<family>/<version>.<ext>`, or files
//! named like `<family>.v2.md` / `<family>-2024-05-17.md` anywhere under `<dir>`. Sorted
//! as versions (`draft < 1.0 < 1.0.1 < 1.1 < 2.0`, dates by date), not as strings.

use std::path::{Path, PathBuf};

use crate::ingest::{self, version, Input};
use crate::model::{is_version_label, Metadata, VersionKey};
use crate::{Error, Result};

/// One version of a family on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub label: String,
    pub path: PathBuf,
}

/// Find the versions of `family` under `dir`, oldest first.
pub fn from_dir(dir: &Path, family: &str) -> Result<Vec<Member>> {
    let mut out = Vec::new();
    let folder = if dir.file_name().and_then(|n| n.to_str()) == Some(family) {
        dir.to_path_buf()
    } else {
        dir.join(family)
    };
    if folder.is_dir() {
        let entries = std::fs::read_dir(&folder).map_err(|e| Error::io(&folder, e))?;
        for e in entries {
            let path = e.map_err(|e| Error::io(&folder, e))?.path();
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            if path.is_file() && is_version_label(stem) {
                out.push(Member {
                    label: stem.to_owned(),
                    path,
                });
            }
        }
    } else {
        if !dir.is_dir() {
            return Err(Error::unreadable(dir, "not a directory"));
        }
        for input in ingest::walk(&[dir.to_path_buf()]) {
            if let Input::File(path) = input {
                if let Some(v) = version::detect(&path, &Metadata::default()) {
                    if v.family == family {
                        out.push(Member {
                            label: v.label,
                            path,
                        });
                    }
                }
            }
        }
    }
    if out.is_empty() {
        return Err(Error::Other(format!(
            "no versions of family `{family}` under {} (expected {}/<version>.md or files like {family}.v2.md)",
            dir.display(),
            folder.display()
        )));
    }
    out.sort_by(|a, b| {
        VersionKey::parse(&a.label)
            .cmp(&VersionKey::parse(&b.label))
            .then_with(|| a.path.cmp(&b.path))
    });
    out.dedup_by(|a, b| a.label == b.label);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_layout_sorted_as_versions() {
        let tmp = tempfile::tempdir().unwrap();
        let fam = tmp.path().join("csa");
        std::fs::create_dir(&fam).unwrap();
        for v in ["2.0", "1.0.1", "1.0", "draft-2021-07-12", "README"] {
            std::fs::write(fam.join(format!("{v}.md")), "x").unwrap();
        }
        let got: Vec<String> = from_dir(tmp.path(), "csa")
            .unwrap()
            .into_iter()
            .map(|m| m.label)
            .collect();
        assert_eq!(got, ["draft-2021-07-12", "1.0", "1.0.1", "2.0"]);
    }

    #[test]
    fn named_files() {
        let tmp = tempfile::tempdir().unwrap();
        for f in ["deal.v10.md", "deal.v2.md", "other.v1.md"] {
            std::fs::write(tmp.path().join(f), "x").unwrap();
        }
        let got: Vec<String> = from_dir(tmp.path(), "deal")
            .unwrap()
            .into_iter()
            .map(|m| m.label)
            .collect();
        assert_eq!(got, ["v2", "v10"]);
        assert!(from_dir(tmp.path(), "nope").is_err());
    }
}
