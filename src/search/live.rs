//! An index kept open across updates, for long-running readers (a server): each call to
//! [`LiveIndex::get`] hands out the generation last published, opening a newer one when
//! `polsearch index` has published it since. Whoever still holds the previous one keeps
//! reading it (its files stay readable while open).

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use crate::error::Result;
use crate::index::store::Store;
use crate::search::PolicyIndex;

/// An open index that follows the index folder's published generations.
pub struct LiveIndex {
    dir: PathBuf,
    current: RwLock<Arc<PolicyIndex>>,
}

impl LiveIndex {
    /// Open the live generation of the index folder `dir`.
    pub fn open(dir: &Path) -> Result<LiveIndex> {
        Ok(LiveIndex {
            dir: dir.to_path_buf(),
            current: RwLock::new(Arc::new(PolicyIndex::open(dir)?)),
        })
    }

    /// The index as last published. When a newer generation has been published, it is
    /// opened and handed out from then on; if it cannot be opened the error is returned
    /// and the generation open so far stays in place (the next call tries again).
    pub fn get(&self) -> Result<Arc<PolicyIndex>> {
        let held = self.held();
        let published = Store::new(&self.dir).current();
        if published.is_none_or(|g| g == held.generation) {
            return Ok(held);
        }
        let fresh = Arc::new(PolicyIndex::open(&self.dir)?);
        if let Ok(mut current) = self.current.write() {
            *current = fresh.clone();
        }
        Ok(fresh)
    }

    fn held(&self) -> Arc<PolicyIndex> {
        match self.current.read() {
            Ok(current) => current.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }
}
