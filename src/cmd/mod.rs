//! Commands, one file each, fed validated values by [`crate::app`] (which still holds the
//! older commands: index, search, retention, clauses, stats, check, topics).

pub mod batch;
pub mod company_eval;
pub mod diff;
pub mod eval;
pub mod history;

use std::path::Path;

use anyhow::{Context, Result};

use crate::analyze::document::Document;
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
    if size > crate::analyze::document::MAX_FILE_BYTES {
        anyhow::bail!(
            "'{}': {}",
            path.display(),
            crate::analyze::document::too_large(size)
        );
    }
    std::fs::read(path).with_context(|| format!("cannot read '{}'", path.display()))
}
