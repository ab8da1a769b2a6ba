//! The library's one error type; the binary adds context with `anyhow` and prints the chain.

use std::path::PathBuf;

/// Everything that can go wrong in polsearch's library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    // The source follows in the error chain (`{:#}`), so it is not repeated here.
    /// Reading or writing a file failed.
    #[error("{}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The corpus argument names no folder.
    #[error("corpus folder '{0}' does not exist or is not a folder")]
    CorpusMissing(PathBuf),
    /// The index folder holds no index.
    #[error("no index at '{0}' (build one with `polsearch index CORPUS_DIR --index {0}`)")]
    NoIndex(PathBuf),
    /// Another process is writing the index.
    #[error("index is locked by another polsearch process: '{0}' (wait for it to finish)")]
    Locked(PathBuf),
    /// An index written with another schema.
    #[error(
        "index '{path}' was written by an incompatible polsearch (schema {found}, this build reads {expected}); rebuild it with `polsearch index --rebuild`"
    )]
    IncompatibleIndex {
        /// The index folder.
        path: PathBuf,
        /// The schema version the index was written with.
        found: u32,
        /// The one this build reads ([`crate::index::schema::SCHEMA_VERSION`]).
        expected: u32,
    },
    /// A query that cannot be read.
    #[error("cannot parse query '{query}': {reason}")]
    Query {
        /// The query as given.
        query: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A company the index does not hold.
    #[error("unknown company '{name}'{}", candidates_hint(.candidates))]
    UnknownCompany {
        /// The name as given.
        name: String,
        /// The closest names the index holds.
        candidates: Vec<String>,
    },
    /// A company name that fits several of the index's.
    #[error("company '{name}' is ambiguous; it could be: {}", .candidates.join(", "))]
    AmbiguousCompany {
        /// The name as given.
        name: String,
        /// The names it fits.
        candidates: Vec<String>,
    },
    /// A topic name outside the taxonomy.
    #[error(transparent)]
    UnknownTopic(#[from] crate::analyze::topic::UnknownTopic),
    /// A manifest entry that cannot be used.
    #[error("manifest {path}: {reason}")]
    Manifest {
        /// The manifest.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A data file (model, labelled CSV) that cannot be used.
    #[error("{path}: {reason}")]
    BadFile {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Tantivy failed.
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// An index whose files are missing, truncated or corrupt.
    #[error("index '{path}' is damaged: {what}; rebuild it with `polsearch index --rebuild`")]
    Damaged {
        /// The index folder.
        path: PathBuf,
        /// Which file, and what is wrong with it.
        what: String,
    },
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
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// `Result` with polsearch's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
