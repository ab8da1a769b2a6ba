//! Is an index whole? Checks of a generation's files: polsearch's own (`polsearch.json`,
//! `files.json`) and tantivy's (every file of every segment present, its checksum right, every
//! stored document readable), for `polsearch check` and before an update builds on the live
//! generation. Each problem names its file.
//!
//! A search does not read every checksum (that reads the whole index, a cost every search
//! would pay): it compares each file's size and time with those `polsearch.json` recorded
//! and verifies the files whose time moved since ([`verify_hashes`],
//! [`verify_segment_files`]): a byte flipped by a
//! write is found before anything reads it. Damage that keeps both size and time (bit rot,
//! a write that restored the time) is found by `polsearch check` and by the check an update
//! runs first; a search meeting it reports what it runs into as
//! [`crate::error::Error::Damaged`], and a panic inside tantivy is caught at the boundary
//! ([`guard`]) and reported the same way.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use tantivy::index::SegmentComponent;
use tantivy::{Index, TantivyDocument};

use crate::error::{Error, Result};
use crate::index::store::IndexMeta;

/// What a check found.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// The index folder.
    pub index: String,
    /// The generation checked.
    pub generation: String,
    /// Tantivy segments.
    pub segments: usize,
    /// Documents, clause and group.
    pub documents: u64,
    /// Files whose checksums were checked.
    pub files_checked: usize,
    /// One line per problem, naming the file; empty when the index is whole.
    pub problems: Vec<String>,
}

/// Check the generation `generation` of the index folder `index_dir`. `stored`: also read
/// every stored document (slower; `polsearch check` does, an update does not).
pub fn check(index_dir: &Path, generation: &Path, stored: bool) -> CheckReport {
    let mut report = CheckReport {
        index: index_dir.display().to_string(),
        generation: generation.display().to_string(),
        segments: 0,
        documents: 0,
        files_checked: 0,
        problems: Vec::new(),
    };
    match IndexMeta::read(generation, index_dir) {
        Ok(meta) => {
            report.problems.extend(meta.changed_files(generation));
            // The files without a checksum of their own, whatever their times say.
            for name in meta.hashes.keys() {
                let one = std::slice::from_ref(name);
                report
                    .problems
                    .extend(verify_hashes(&meta, generation, one));
            }
        }
        Err(e) => report.problems.push(e.to_string()),
    }
    let records = generation.join(crate::index::store::RECORDS);
    match std::fs::read(&records) {
        Ok(bytes) => {
            if let Err(e) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                report.problems.push(format!("{}: {e}", records.display()));
            }
        }
        Err(e) => report.problems.push(format!("{}: {e}", records.display())),
    }
    let outcome = guard(|| check_tantivy(generation, stored, &mut report));
    if let Err(e) = outcome {
        report.problems.push(e);
    }
    report
}

fn check_tantivy(
    generation: &Path,
    stored: bool,
    report: &mut CheckReport,
) -> std::result::Result<(), String> {
    let index = Index::open_in_dir(generation).map_err(|e| format!("tantivy: {e}"))?;
    let metas = index
        .load_metas()
        .map_err(|e| format!("{}: {e}", generation.join("meta.json").display()))?;
    report.segments = metas.segments.len();
    // tantivy's list of the files it manages (what its garbage collection keeps); damage
    // there goes unnoticed by searches but would let a later commit delete live files.
    let managed_path = generation.join(".managed.json");
    let managed: Option<std::collections::HashSet<String>> = match std::fs::read(&managed_path)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice::<Vec<String>>(&b).map_err(|e| e.to_string()))
    {
        Ok(list) => Some(list.into_iter().collect()),
        Err(e) => {
            report
                .problems
                .push(format!("{}: {e}", managed_path.display()));
            None
        }
    };
    let mut missing = Vec::new();
    for segment in &metas.segments {
        let mut components = vec![
            SegmentComponent::Postings,
            SegmentComponent::Positions,
            SegmentComponent::FastFields,
            SegmentComponent::FieldNorms,
            SegmentComponent::Terms,
            SegmentComponent::Store,
        ];
        if segment.has_deletes() {
            components.push(SegmentComponent::Delete);
        }
        for component in components {
            let path: PathBuf = generation.join(segment.relative_path(component));
            report.files_checked += 1;
            if !path.is_file() {
                missing.push(format!("{}: missing", path.display()));
            }
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            if let (Some(list), Some(name)) = (&managed, name) {
                if !list.contains(&name) {
                    missing.push(format!("{}: does not list {name}", managed_path.display()));
                }
            }
        }
    }
    if !missing.is_empty() {
        report.problems.extend(missing);
        return Ok(());
    }
    let damaged = index
        .validate_checksum()
        .map_err(|e| format!("tantivy: {e}"))?;
    let mut damaged: Vec<String> = damaged
        .iter()
        .map(|p| format!("{}: checksum mismatch", generation.join(p).display()))
        .collect();
    damaged.sort();
    report.problems.extend(damaged);
    if !report.problems.is_empty() {
        return Ok(());
    }
    let reader = index.reader().map_err(|e| format!("tantivy: {e}"))?;
    let searcher = reader.searcher();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        report.documents += u64::from(segment.num_docs());
        if !stored {
            continue;
        }
        let store = segment
            .get_store_reader(1)
            .map_err(|e| format!("segment {}: {e}", segment.segment_id().uuid_string()))?;
        for doc in segment.doc_ids_alive() {
            store.get::<TantivyDocument>(doc).map_err(|e| {
                format!(
                    "segment {} (#{ord}), document {doc}: {e}",
                    segment.segment_id().uuid_string()
                )
            })?;
        }
    }
    Ok(())
}

/// The first of `files` (files of `generation` without a checksum of their own, such as
/// [`IndexMeta::touched_files`] lists) whose hash differs from the one `meta` recorded.
/// Files without a record (written by an older polsearch) are taken as they are.
pub fn verify_hashes(meta: &IndexMeta, generation: &Path, files: &[String]) -> Option<String> {
    files.iter().find_map(|name| {
        let expected = *meta.hashes.get(name)?;
        let path = generation.join(name);
        match std::fs::read(&path) {
            Ok(bytes) if xxhash_rust::xxh3::xxh3_64(&bytes) == expected => None,
            Ok(_) => Some(format!("{}: checksum mismatch", path.display())),
            Err(e) => Some(format!("{}: {e}", path.display())),
        }
    })
}

/// The first of `files` (segment files of `index`, in `generation`) whose footer checksum
/// fails.
pub fn verify_segment_files(index: &Index, generation: &Path, files: &[String]) -> Option<String> {
    files.iter().find_map(|name| {
        let path = generation.join(name);
        let verdict = guard(|| {
            index
                .directory()
                .validate_checksum(Path::new(name))
                .map_err(|e| e.to_string())
        });
        match verdict {
            Ok(true) => None,
            Ok(false) => Some(format!("{}: checksum mismatch", path.display())),
            Err(e) => Some(format!("{}: {e}", path.display())),
        }
    })
}

/// Run `f`, turning a panic into an error message (tantivy panics on some damaged files).
pub fn guard<T>(
    f: impl FnOnce() -> std::result::Result<T, String>,
) -> std::result::Result<T, String> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => Err(format!("reading it failed: {}", panic_message(&*payload))),
    }
}

/// Run `f` on the index in `index_dir`; a panic (tantivy reading a damaged file) becomes
/// [`Error::Damaged`], and so do tantivy's own errors about missing or corrupt data.
pub fn guard_index<T>(index_dir: &Path, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let damaged = |what: String| Error::Damaged {
        path: index_dir.to_path_buf(),
        what,
    };
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Err(Error::Index(e))) => Err(damaged(e.to_string())),
        Ok(result) => result,
        Err(payload) => Err(damaged(format!(
            "reading it failed ({})",
            panic_message(&*payload)
        ))),
    }
}

/// The message a panic carried.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic".to_owned()
    }
}
