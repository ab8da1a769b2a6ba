//! One policy file read outside an index (`clauses`, `diff`, the evaluations, the server's
//! diffs): the indexer's size cap, then decoding, format and tagging as indexing does, every
//! error naming the file. (Outside `analyze` and `corpus`, whose bytes are the analysis
//! fingerprint: a reader for commands does not make existing indexes look stale.)

use std::path::Path;

use anyhow::{Context, Result};

use crate::analyze::document::{too_large, Document, MAX_FILE_BYTES};
use crate::corpus::Hints;

/// Read and tag one policy file as indexing would (size cap, decoding, format, topics,
/// retention), naming the file in any error.
pub fn read_policy(path: &Path) -> Result<Document> {
    let raw = read_capped(path)?;
    Document::parse(
        path,
        &raw,
        &Hints::text(),
        crate::analyze::classifier::default_tagger(),
    )
    .map_err(|e| anyhow::anyhow!("'{}': {e}", path.display()))
}

/// The bytes of a policy file, refused past the indexer's size cap; errors name the file.
pub fn read_capped(path: &Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read '{}'", path.display()))?
        .len();
    if size > MAX_FILE_BYTES {
        anyhow::bail!("'{}': {}", path.display(), too_large(size));
    }
    std::fs::read(path).with_context(|| format!("cannot read '{}'", path.display()))
}
