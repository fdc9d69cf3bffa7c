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
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => out.push(Input::Failed(Error::io(p, e))),
            Ok(m) if m.is_file() => out.push(Input::File(p.clone())),
            Ok(_) => {
                let walker = ignore::WalkBuilder::new(p)
                    .sort_by_file_path(|a, b| a.cmp(b))
                    .require_git(true)
                    .add_custom_ignore_filename(IGNORE_FILE)
                    .build();
                for entry in walker {
                    match entry {
                        Ok(e)
                            if e.file_type().is_some_and(|t| t.is_file())
                                && is_supported(e.path()) =>
                        {
                            out.push(Input::File(e.into_path()))
                        }
                        Ok(_) => {}
                        Err(err) => {
                            let path = error_path(&err).unwrap_or_else(|| p.clone());
                            out.push(Input::Failed(Error::unreadable(path, error_reason(&err))));
                        }
                    }
                }
            }
        }
    }
    out
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
}
