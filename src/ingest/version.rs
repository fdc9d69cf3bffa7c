//! Which family and version a file is: from front matter, from the layout
//! `<family>/<version>.<ext>`, or from names like `name.v2.md` / `name-2024-05-17.md`.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{is_version_label, Metadata, Version};

pub(super) static NAME_VERSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?P<family>.+?)[._-]
        (?P<label>
            (?:draft[-_])?\d{4}-\d{2}-\d{2}    # name-2024-05-17
          | [vV]\d+(?:\.\d+)*                  # name.v2, name-v1.1
          | \d+(?:\.\d+)+                      # name-1.0, name-2.0.1
        )$",
    )
    .expect("static regex")
});

/// Detect the version of the file at `path`, given its front matter.
pub fn detect(path: &Path, meta: &Metadata) -> Option<Version> {
    let stem = path.file_stem()?.to_str()?;
    if let (Some(family), Some(label)) = (&meta.family, &meta.version) {
        return Some(Version {
            family: family.clone(),
            label: label.clone(),
        });
    }
    // 1. `<family>/<version>.<ext>`
    if is_version_label(stem) {
        let family = path.parent()?.file_name()?.to_str()?;
        return Some(Version {
            family: family.to_owned(),
            label: stem.to_owned(),
        });
    }
    // 2. `name.v2.md`, `name-2024-05-17.md`, `name-1.0.md`
    if let Some(c) = NAME_VERSION.captures(stem) {
        return Some(Version {
            family: c["family"].to_owned(),
            label: c["label"].to_owned(),
        });
    }
    // 3. front matter `version:` (and `family:`, else the file name)
    meta.version.as_ref().map(|v| Version {
        family: meta.family.clone().unwrap_or_else(|| stem.to_owned()),
        label: v.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(p: &str) -> Option<(String, String)> {
        detect(Path::new(p), &Metadata::default()).map(|v| (v.family, v.label))
    }

    #[test]
    fn layouts() {
        assert_eq!(
            v("versions/csa/1.0.1.md"),
            Some(("csa".into(), "1.0.1".into()))
        );
        assert_eq!(
            v("x/nda/draft-2021-07-12.md"),
            Some(("nda".into(), "draft-2021-07-12".into()))
        );
        assert_eq!(v("deal.v2.md"), Some(("deal".into(), "v2".into())));
        assert_eq!(
            v("terms-2024-05-17.md"),
            Some(("terms".into(), "2024-05-17".into()))
        );
        assert_eq!(
            v("bonterms-cloud-terms-1.0.md"),
            Some(("bonterms-cloud-terms".into(), "1.0".into()))
        );
        assert_eq!(v("news/bbc/business/001.txt"), None);
        assert_eq!(v("contract.txt"), None);
    }

    #[test]
    fn front_matter_version() {
        let meta = Metadata {
            version: Some("3".into()),
            ..Default::default()
        };
        let got = detect(Path::new("a/deal.md"), &meta).unwrap();
        assert_eq!((got.family.as_str(), got.label.as_str()), ("deal", "3"));
    }
}
