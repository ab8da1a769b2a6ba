//! The library's one error type; the binary adds context with `anyhow` and prints the chain.

use std::path::PathBuf;

/// Everything that can go wrong in polsearch's library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    // The source follows in the error chain (`{:#}`), so it is not repeated here.
    #[error("{}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("corpus folder '{0}' does not exist or is not a folder")]
    CorpusMissing(PathBuf),
    #[error("no index at '{0}' (build one with `polsearch index CORPUS_DIR --index {0}`)")]
    NoIndex(PathBuf),
    #[error("index is locked by another polsearch process: '{0}' (wait for it to finish)")]
    Locked(PathBuf),
    #[error(
        "index '{path}' was written by an incompatible polsearch (schema {found}, this build reads {expected}); rebuild it with `polsearch index --rebuild`"
    )]
    IncompatibleIndex {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    #[error("cannot parse query '{query}': {reason}")]
    Query { query: String, reason: String },
    #[error("unknown company '{name}'{}", candidates_hint(.candidates))]
    UnknownCompany {
        name: String,
        candidates: Vec<String>,
    },
    #[error("company '{name}' is ambiguous; it could be: {}", .candidates.join(", "))]
    AmbiguousCompany {
        name: String,
        candidates: Vec<String>,
    },
    #[error(transparent)]
    UnknownTopic(#[from] crate::analyze::topic::UnknownTopic),
    #[error("manifest {path}: {reason}")]
    Manifest { path: PathBuf, reason: String },
    /// A data file (model, labelled CSV) that cannot be used.
    #[error("{path}: {reason}")]
    BadFile { path: PathBuf, reason: String },
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// An index whose files are missing, truncated or corrupt.
    #[error("index '{path}' is damaged: {what}; rebuild it with `polsearch index --rebuild`")]
    Damaged { path: PathBuf, what: String },
}

fn candidates_hint(candidates: &[String]) -> String {
    if candidates.is_empty() {
        " (the index has no companies)".to_owned()
    } else {
        format!(
            "; companies in the index include: {}",
            candidates.join(", ")
        )
    }
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// `Result` with polsearch's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
