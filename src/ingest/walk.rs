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

/// One input: a file to read, or a failure to report (missing path, unreadable dir).
#[derive(Debug)]
pub enum Input {
    File(PathBuf),
    Stdin,
    Failed(Error),
}

/// Walk `paths` recursively, in a stable (sorted) order. Files named explicitly are
/// read whatever their extension; inside directories only [`EXTENSIONS`] are read.
/// Hidden files and `.gitignore`d files are skipped inside directories.
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
