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
        "index '{}' was written by an incompatible polsearch (schema {found}, this build reads {expected}); rebuild it with `{}`",
        path.display(),
        reindex_command(path, corpus.as_deref(), false)
    )]
    IncompatibleIndex {
        /// The index folder.
        path: PathBuf,
        /// The corpus folder the index records it was built from, when it can be read.
        corpus: Option<PathBuf>,
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
    /// A company name given empty (`--company ""`, `?company=`), which would fit every one.
    #[error("company name is empty: name one (any case, or an unambiguous prefix)")]
    EmptyCompany,
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
    #[error(
        "index '{}' is damaged: {what}; rebuild it with `{}`",
        path.display(),
        reindex_command(path, None, true)
    )]
    Damaged {
        /// The index folder.
        path: PathBuf,
        /// Which file, and what is wrong with it.
        what: String,
    },
}

/// The command that indexes `corpus` (`CORPUS_DIR` when unknown) into `index` again, anew with
/// `rebuild`, quoted for a POSIX shell: the index may be any folder, not the default one a
/// bare `polsearch index` would write.
pub fn reindex_command(
    index: &std::path::Path,
    corpus: Option<&std::path::Path>,
    rebuild: bool,
) -> String {
    let quote = |p: &std::path::Path| {
        let text = p.to_string_lossy();
        shlex::try_quote(&text).map_or_else(|_| text.to_string(), |q| q.into_owned())
    };
    let corpus = corpus.map_or_else(|| "CORPUS_DIR".to_owned(), quote);
    let rebuild = if rebuild { " --rebuild" } else { "" };
    format!("polsearch index {corpus} --index {}{rebuild}", quote(index))
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_reindex_command_is_quoted_for_a_shell() {
        assert_eq!(
            reindex_command(Path::new("index"), Some(Path::new("corpus")), false),
            "polsearch index corpus --index index"
        );
        assert_eq!(
            reindex_command(Path::new("/data/my idx"), None, true),
            "polsearch index CORPUS_DIR --index '/data/my idx' --rebuild"
        );
        assert_eq!(
            reindex_command(Path::new("i"), Some(Path::new("Bob's policies")), true),
            r#"polsearch index "Bob's policies" --index i --rebuild"#
        );
    }
}
