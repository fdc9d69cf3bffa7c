//! The library's one error type. Every variant names the file (and place) it is about.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file was read but is not a document pactum can use (binary, empty, too big...).
    #[error("{path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("index {path}: {message}")]
    Index { path: PathBuf, message: String },
    #[error("query: {message}")]
    Query { message: String },
    #[error("{0}")]
    Other(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn unreadable(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::Unreadable {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
