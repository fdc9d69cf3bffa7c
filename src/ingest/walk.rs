//! Expand the paths given on the command line into the files to read.

use std::path::{Path, PathBuf};

use crate::Error;

/// Extensions pactum reads when walking a directory.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

pub fn is_supported(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// A gitignore-style file that keeps paths out of a walk (e.g. a folder's README).
pub const IGNORE_FILE: &str = ".pactumignore";

/// One input: a file to read, or a failure to report (missing path, unreadable dir).
#[derive(Debug)]
pub enum Input {
    File(PathBuf),
    Stdin,
    Failed(Error),
}

/// Walk `paths` recursively, in a stable (sorted) order. Files named explicitly are
/// read whatever their extension; inside directories only [`EXTENSIONS`] are read.
/// Hidden files, `.gitignore`d files and paths listed in a `.pactumignore` file are
/// skipped inside directories.
pub fn walk(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    walk_each(paths, |input| {
        out.push(input);
        true
    });
    out
}

/// [`walk`], handing each input to `found` as soon as it is known; stops when `found`
/// returns false.
pub fn walk_each(paths: &[PathBuf], mut found: impl FnMut(Input) -> bool) {
    for p in paths {
        if p.as_os_str() == "-" {
            if !found(Input::Stdin) {
                return;
            }
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => {
                if !found(Input::Failed(Error::io(p, e))) {
                    return;
                }
            }
            Ok(m) if m.is_file() => {
                if !found(Input::File(p.clone())) {
                    return;
                }
            }
            Ok(_) => {
                // Siblings share their parent's path as a prefix, so comparing their
                // whole paths as bytes orders them by file name. Cheaper than comparing
                // names: `DirEntry::file_name` parses the path into components on every
                // call, and a sort makes ~n log n of them (~100 M instructions over
                // ../shared/corpus), while `Path::cmp` would split both into components.
                let walker = ignore::WalkBuilder::new(p)
                    .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()))
                    .require_git(true)
                    .add_custom_ignore_filename(IGNORE_FILE)
                    .build();
                for entry in walker {
                    let input = match entry {
                        Ok(e)
                            if e.file_type().is_some_and(|t| t.is_file())
                                && is_supported(e.path()) =>
                        {
                            Input::File(e.into_path())
                        }
                        Ok(_) => continue,
                        Err(err) => {
                            let path = error_path(&err).unwrap_or_else(|| p.clone());
                            Input::Failed(Error::unreadable(path, error_reason(&err)))
                        }
                    };
                    if !found(input) {
                        return;
                    }
                }
            }
        }
    }
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

fn error_reason(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => error_reason(err),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pactumignore_and_extensions_filter_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join(IGNORE_FILE), "README.md\n").unwrap();
        for f in ["README.md", "a.txt", "b.md", "c.pdf"] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let names: Vec<String> = walk(&[d.to_path_buf()])
            .into_iter()
            .filter_map(|i| match i {
                Input::File(p) => Some(p.file_name().unwrap().to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["a.txt", "b.md"]);
    }

    /// Entries come depth first, each directory's in byte order of their names, a
    /// subdirectory where its name sorts (`a` before `a-b.txt`, whose `-` is a smaller
    /// byte than the `/` after `a` in the subdirectory's paths).
    #[test]
    fn the_walk_orders_siblings_by_name_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for sub in ["a", "a/c", "é"] {
            std::fs::create_dir(d.join(sub)).unwrap();
        }
        let files = [
            "a.txt",
            "a-b.txt",
            "B.txt",
            "a/z.txt",
            "a/c/y.txt",
            "a/b.txt",
            "é/x.txt",
            "e.txt",
            "a0.txt",
        ];
        for f in files {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let found: Vec<String> = walk(&[d.to_path_buf()])
            .into_iter()
            .filter_map(|i| match i {
                Input::File(p) => Some(
                    p.strip_prefix(d)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                ),
                _ => None,
            })
            .collect();
        assert_eq!(
            found,
            [
                "B.txt",
                "a/b.txt",
                "a/c/y.txt",
                "a/z.txt",
                "a-b.txt",
                "a.txt",
                "a0.txt",
                "e.txt",
                "é/x.txt"
            ]
        );
    }
}
