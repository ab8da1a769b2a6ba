//! The index folder on disk: generations, the pointer to the live one, and the writer lock.
//!
//! ```text
//! index/
//!   CURRENT          name of the live generation, replaced atomically by rename
//!   gen-000007/      a complete tantivy index plus polsearch.json (what was indexed)
//!   polsearch.lock   held (advisory lock) while a `polsearch index` runs
//! ```
//! Every run, a rebuild or an incremental update, writes a new generation beside the live one
//! and only then flips `CURRENT`: the rename of `CURRENT` is the one commit point. An update
//! starts from hard links to the live generation's files (tantivy never changes a file it has
//! written; it writes new ones and renames `meta.json`), so it costs no copy, and nothing of
//! the live generation is ever written to. A run that fails or is killed leaves the previous
//! index searchable; what it left behind (a generation never published, a `CURRENT.tmp`) is
//! removed by the next run that takes the lock.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::error::{Error, Result};
use crate::index::schema::SCHEMA_VERSION;

/// The fingerprint of this build's analysis: its segmentation, tagging and extraction code
/// and its models (computed by `build.rs`). Clauses analysed under another fingerprint may
/// carry facts this build would not give, so `polsearch index` analyses them again.
pub const ANALYSIS: &str = env!("POLSEARCH_ANALYSIS");

const CURRENT: &str = "CURRENT";
const LOCK: &str = "polsearch.lock";
const META: &str = "polsearch.json";
const GEN_PREFIX: &str = "gen-";

/// What a generation holds, written beside the tantivy files.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexMeta {
    /// The schema it was written with.
    pub schema_version: u32,
    /// The polsearch that wrote it.
    pub polsearch_version: String,
    /// The fingerprint of the analysis that tagged its clauses (see [`ANALYSIS`]); empty
    /// for an index written before it was recorded (and then not written, so that the
    /// checksum of such metadata still holds).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub analysis: String,
    /// The corpus folder as it was given to `polsearch index`.
    pub corpus: PathBuf,
    /// See [`crate::corpus::Corpus::layout_key`].
    pub layout_key: String,
    /// Files indexed (not counting skipped ones), their clauses and bytes.
    pub files: u64,
    /// (see `files`)
    pub clauses: u64,
    /// (see `files`)
    pub bytes: u64,
    /// When it was written, in Unix seconds.
    pub updated_unix: u64,
    /// The size of every other file of the generation when it was written: a search compares
    /// them (a stat per file, no reading) and reports a file that was truncated, extended or
    /// deleted since as damage. `polsearch check` goes further and reads every checksum.
    #[serde(default)]
    pub sizes: BTreeMap<String, u64>,
    /// The modification time (nanoseconds since the epoch) of every other file when it was
    /// written: a search verifies each file whose time has moved since (a write to it, or a
    /// copy that did not keep times) before it reads the index: a segment file by tantivy's
    /// checksum in its footer, the others by [`IndexMeta::hashes`] (see
    /// [`crate::index::integrity::verify_hashes`] and
    /// [`crate::index::integrity::verify_segment_files`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub modified: BTreeMap<String, u64>,
    /// The xxh3 hash of each file without a checksum of its own (tantivy's `meta.json` and
    /// `.managed.json`, `files.json`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub hashes: BTreeMap<String, u64>,
    /// The xxh3 hash of this metadata as written without it: a damaged `polsearch.json`
    /// that still parses is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checksum: Option<u64>,
}

/// What [`IndexMeta::compare_files`] found.
#[derive(Debug, Default)]
pub struct FileComparison {
    /// Files whose size changed, or that are gone: one line each, naming the file.
    pub changed: Vec<String>,
    /// Files whose modification time moved (names).
    pub touched: Vec<String>,
}

/// An index folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// The writer lock; released when dropped.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

impl Store {
    /// The index folder `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The live generation's folder, if an index exists.
    pub fn current(&self) -> Option<PathBuf> {
        let name = fs::read_to_string(self.dir.join(CURRENT)).ok()?;
        let name = name.trim();
        let valid = name.starts_with(GEN_PREFIX) && !name.contains(['/', '\\']);
        let path = self.dir.join(name);
        (valid && path.is_dir()).then_some(path)
    }

    /// The live generation, or [`Error::NoIndex`] when the folder holds no index, or
    /// [`Error::Damaged`] when `CURRENT` exists but names no generation.
    pub fn require_current(&self) -> Result<PathBuf> {
        if let Some(generation) = self.current() {
            return Ok(generation);
        }
        let current = self.dir.join(CURRENT);
        match fs::read(&current) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(Error::NoIndex(self.dir.clone()))
            }
            Err(e) => Err(Error::io(&current, e)),
            Ok(bytes) => Err(Error::Damaged {
                path: self.dir.clone(),
                what: format!(
                    "{} names no generation ({:?})",
                    current.display(),
                    String::from_utf8_lossy(&bytes[..bytes.len().min(40)])
                ),
            }),
        }
    }

    /// Take the writer lock, creating the folder if needed.
    pub fn lock(&self) -> Result<WriteLock> {
        fs::create_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        let path = self.dir.join(LOCK);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(WriteLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(Error::Locked(self.dir.clone())),
            Err(TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }

    /// Remove what killed or failed runs left: every generation but the live one, and a
    /// `CURRENT.tmp` (the lock must be held, so no other run is writing them).
    pub fn clean(&self, _lock: &WriteLock) {
        let live = self.current();
        for n in self.generations() {
            let path = self.dir.join(format!("{GEN_PREFIX}{n:06}"));
            if Some(&path) != live.as_ref() {
                let _ = fs::remove_dir_all(path);
            }
        }
        let _ = fs::remove_file(self.dir.join(format!("{CURRENT}.tmp")));
    }

    /// A new generation holding the files of `live`, hard-linked (copied where links are not
    /// possible), for an update that must not write to the live generation. Lock files and
    /// temporary files are left behind.
    pub fn clone_generation(&self, live: &Path, lock: &WriteLock) -> Result<PathBuf> {
        let next = self.new_generation(lock)?;
        let entries = fs::read_dir(live).map_err(|e| Error::io(live, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(live, e))?;
            let name = entry.file_name();
            if is_transient(&name.to_string_lossy()) {
                continue;
            }
            let from = entry.path();
            let to = next.join(&name);
            if fs::hard_link(&from, &to).is_err() {
                fs::copy(&from, &to).map_err(|e| Error::io(&to, e))?;
            }
        }
        crate::index::fault::point("cloned");
        Ok(next)
    }

    /// Create an empty folder for the next generation (the lock must be held).
    pub fn new_generation(&self, _lock: &WriteLock) -> Result<PathBuf> {
        let next = self.generations().into_iter().max().map_or(1, |n| n + 1);
        let path = self.dir.join(format!("{GEN_PREFIX}{next:06}"));
        if path.exists() {
            fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        }
        fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        Ok(path)
    }

    /// Make `generation` the live index, then remove older generations (best effort: a reader
    /// that still has one open keeps its files on Unix).
    pub fn publish(&self, generation: &Path, _lock: &WriteLock) -> Result<()> {
        let name = generation
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The generation's own folder entries must be durable before CURRENT names it.
        sync_dir(generation)?;
        crate::index::fault::point("before-publish");
        write_atomic(&self.dir.join(CURRENT), name.as_bytes())?;
        crate::index::fault::point("published");
        for n in self.generations() {
            let path = self.dir.join(format!("{GEN_PREFIX}{n:06}"));
            if path != generation {
                let _ = fs::remove_dir_all(path);
            }
        }
        Ok(())
    }

    /// Remove a generation that failed before it was published.
    pub fn discard(&self, generation: &Path) {
        let _ = fs::remove_dir_all(generation);
    }

    fn generations(&self) -> Vec<u64> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter_map(|e| {
                e.file_name()
                    .to_str()?
                    .strip_prefix(GEN_PREFIX)?
                    .parse()
                    .ok()
            })
            .collect()
    }
}

impl IndexMeta {
    /// Metadata for an index holding `records`.
    pub fn new(corpus: &Path, layout_key: &str, records: &[FileRecord]) -> Self {
        let indexed = records.iter().filter(|r| r.skipped.is_none());
        let (files, clauses, bytes) =
            indexed.fold((0, 0, 0), |(f, c, b), r| (f + 1, c + r.clauses, b + r.size));
        IndexMeta {
            schema_version: SCHEMA_VERSION,
            polsearch_version: env!("CARGO_PKG_VERSION").to_owned(),
            analysis: ANALYSIS.to_owned(),
            corpus: corpus.to_path_buf(),
            layout_key: layout_key.to_owned(),
            files,
            clauses,
            bytes,
            updated_unix: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            sizes: Default::default(),
            modified: Default::default(),
            hashes: Default::default(),
            checksum: None,
        }
    }

    /// Write the metadata into `generation`, with the sizes of its other files (so it is
    /// written last, once every other file is final).
    pub fn write(&mut self, generation: &Path) -> Result<()> {
        (self.sizes, self.modified, self.hashes) = stamps(generation)?;
        let path = generation.join(META);
        self.checksum = None;
        let unsealed = serde_json::to_vec_pretty(self).map_err(|e| Error::io(&path, e.into()))?;
        self.checksum = Some(xxh3_64(&unsealed));
        let json = serde_json::to_vec_pretty(self).map_err(|e| Error::io(&path, e.into()))?;
        write_atomic(&path, &json)
    }

    /// Whether the metadata is as written (true for metadata written without a checksum).
    fn sealed(&self) -> bool {
        let Some(checksum) = self.checksum else {
            return true;
        };
        let unsealed = IndexMeta {
            checksum: None,
            ..self.clone()
        };
        serde_json::to_vec_pretty(&unsealed).is_ok_and(|bytes| xxh3_64(&bytes) == checksum)
    }

    /// The files of `generation` whose modification time moved since [`IndexMeta::write`]
    /// (metadata written without times: none).
    pub fn touched_files(&self, generation: &Path) -> Vec<String> {
        self.compare_files(generation).touched
    }

    /// The files of `generation` that changed since [`IndexMeta::write`], one line each.
    pub fn changed_files(&self, generation: &Path) -> Vec<String> {
        self.compare_files(generation).changed
    }

    /// Each file of `generation` held against what [`IndexMeta::write`] recorded, one stat
    /// per file: those whose size changed (or that are gone), one line each, and those whose
    /// time moved.
    pub fn compare_files(&self, generation: &Path) -> FileComparison {
        let mut out = FileComparison::default();
        for (name, expected) in &self.sizes {
            let path = generation.join(name);
            match fs::metadata(&path) {
                Ok(m) => {
                    if m.len() != *expected {
                        out.changed.push(format!(
                            "{}: {} bytes, {expected} when the index was written",
                            path.display(),
                            m.len()
                        ));
                    }
                    let recorded = self.modified.get(name);
                    if recorded.is_some() && modified_ns(&m).as_ref() != recorded {
                        out.touched.push(name.clone());
                    }
                }
                Err(e) => out.changed.push(format!("{}: {e}", path.display())),
            }
        }
        out
    }

    /// When another build of polsearch analysed the index (its fingerprint differs from
    /// [`ANALYSIS`]), that build, as a reader would name it: "analysis 1f2e..." or, for an
    /// index from before fingerprints were recorded, "version 0.1.0".
    pub fn other_analysis(&self) -> Option<String> {
        (self.analysis != ANALYSIS).then(|| {
            if self.analysis.is_empty() {
                format!("version {}", self.polsearch_version)
            } else {
                format!("analysis {}", self.analysis)
            }
        })
    }

    /// Read a generation's metadata and check that this build can read it.
    pub fn read(generation: &Path, index_dir: &Path) -> Result<IndexMeta> {
        let path = generation.join(META);
        let bytes = fs::read(&path).map_err(|e| Error::Damaged {
            path: index_dir.to_path_buf(),
            what: format!("{}: {e}", path.display()),
        })?;
        // Metadata this build cannot parse comes from another schema generation.
        // A schema version that is not this build's is another polsearch's index; a file
        // that does not parse at all is a damaged one.
        let meta: IndexMeta = match serde_json::from_slice(&bytes) {
            Ok(meta) => meta,
            Err(e) => {
                let value = serde_json::from_slice::<serde_json::Value>(&bytes).ok();
                let version = value
                    .as_ref()
                    .and_then(|v| v.get("schema_version")?.as_u64());
                return Err(match version {
                    Some(found) if found != u64::from(SCHEMA_VERSION) => Error::IncompatibleIndex {
                        path: index_dir.to_path_buf(),
                        corpus: value
                            .as_ref()
                            .and_then(|v| v.get("corpus")?.as_str())
                            .map(PathBuf::from),
                        found: found as u32,
                        expected: SCHEMA_VERSION,
                    },
                    _ => Error::Damaged {
                        path: index_dir.to_path_buf(),
                        what: format!("{}: {e}", path.display()),
                    },
                });
            }
        };
        if meta.schema_version != SCHEMA_VERSION {
            return Err(Error::IncompatibleIndex {
                path: index_dir.to_path_buf(),
                corpus: Some(meta.corpus.clone()),
                found: meta.schema_version,
                expected: SCHEMA_VERSION,
            });
        }
        if !meta.sealed() {
            return Err(Error::Damaged {
                path: index_dir.to_path_buf(),
                what: format!("{}: checksum mismatch", path.display()),
            });
        }
        Ok(meta)
    }
}

/// Replace `path` with `bytes` atomically and durably: a temporary file beside it, written
/// and synced, renamed over it, and the folder synced, so a crash leaves either the old
/// content or the new, never a mix or an empty file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".tmp");
    let tmp = path.with_file_name(tmp_name);
    let mut f = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .map_err(|e| Error::io(&tmp, e))?;
    drop(f);
    fs::rename(&tmp, path).map_err(|e| Error::io(path, e))?;
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => sync_dir(dir),
        _ => sync_dir(Path::new(".")),
    }
}

/// Lock files and temporary files (ours end in `.tmp`, tantivy's begin with `.tmp`): no part
/// of a generation's content.
fn is_transient(name: &str) -> bool {
    name.ends_with(".lock") || name.ends_with(".tmp") || name.starts_with(".tmp")
}

/// Sizes, times and (for files without a checksum of their own) hashes.
type Stamps = (
    BTreeMap<String, u64>,
    BTreeMap<String, u64>,
    BTreeMap<String, u64>,
);

/// The size and modification time of every file of `generation` but the metadata itself,
/// lock files and temporary files, and the hash of each that is no tantivy segment file.
fn stamps(generation: &Path) -> Result<Stamps> {
    let (mut sizes, mut modified, mut hashes) = Stamps::default();
    for entry in fs::read_dir(generation).map_err(|e| Error::io(generation, e))? {
        let entry = entry.map_err(|e| Error::io(generation, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == META || is_transient(&name) {
            continue;
        }
        let m = entry.metadata().map_err(|e| Error::io(entry.path(), e))?;
        if !m.is_file() {
            continue;
        }
        sizes.insert(name.clone(), m.len());
        if let Some(when) = modified_ns(&m) {
            modified.insert(name.clone(), when);
        }
        if !is_segment_file(&name) {
            let bytes = fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            hashes.insert(name, xxh3_64(&bytes));
        }
    }
    Ok((sizes, modified, hashes))
}

/// A file's modification time in nanoseconds since the epoch, where the system keeps one.
fn modified_ns(m: &fs::Metadata) -> Option<u64> {
    let since = m
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    u64::try_from(since.as_nanos()).ok()
}

/// Whether a file of a generation is one of a tantivy segment's (`<32 hex digits>.<ext>`,
/// with a checksum in its footer).
pub fn is_segment_file(name: &str) -> bool {
    name.split_once('.')
        .is_some_and(|(stem, _)| stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Make a folder's entries durable (a no-op where folders cannot be opened for sync).
fn sync_dir(dir: &Path) -> Result<()> {
    match File::open(dir) {
        Ok(f) => f.sync_all().or_else(|e| {
            // Some file systems refuse to sync a folder; there is nothing more to do.
            if e.kind() == std::io::ErrorKind::InvalidInput {
                Ok(())
            } else {
                Err(Error::io(dir, e))
            }
        }),
        Err(e) => Err(Error::io(dir, e)),
    }
}

/// Total size in bytes of the files below `dir`.
pub fn disk_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// What the index remembers of each file, to tell on the next run what changed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileRecord {
    /// The path as stored ([`crate::corpus::pathkey`]).
    pub path: String,
    /// Its size when indexed.
    pub size: u64,
    /// Its modification time then, in nanoseconds since the Unix epoch.
    pub mtime_ns: u64,
    /// The xxh3 hash of its bytes.
    pub hash: u64,
    /// Its clauses.
    pub clauses: u64,
    /// The group the file was indexed in ([`crate::index::schema`]).
    #[serde(default)]
    pub group: u64,
    /// Why the file is not indexed, if it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

/// The file records of a generation, beside its tantivy files.
pub const RECORDS: &str = "files.json";

/// Write a generation's file records (atomically).
pub fn write_records(generation: &Path, records: &[FileRecord]) -> Result<()> {
    let path = generation.join(RECORDS);
    let json = serde_json::to_vec(records).map_err(|e| Error::io(&path, e.into()))?;
    write_atomic(&path, &json)
}

/// A generation's file records; none when it has no `files.json` (a new index).
pub fn read_records(generation: &Path) -> Result<Vec<FileRecord>> {
    let path = generation.join(RECORDS);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::io(&path, e.into())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::io(&path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Metadata written before the analysis fingerprint was recorded has no such field:
    /// it still reads as whole, with an empty fingerprint.
    #[test]
    fn metadata_without_an_analysis_fingerprint_reads_as_whole() {
        let dir = tempfile::tempdir().unwrap();
        let generation = dir.path();
        let mut meta = IndexMeta::new(Path::new("corpus"), "key", &[]);
        meta.analysis.clear();
        meta.write(generation).unwrap();
        let text = fs::read_to_string(generation.join(META)).unwrap();
        assert!(!text.contains("analysis"), "{text}");
        let read = IndexMeta::read(generation, generation).unwrap();
        assert_eq!(read.analysis, "");
    }

    #[test]
    fn metadata_refuses_edits_and_names_files_written_since() {
        let dir = tempfile::tempdir().unwrap();
        let generation = dir.path();
        fs::write(generation.join("files.json"), b"[]").unwrap();
        fs::write(
            generation.join("0123456789abcdef0123456789abcdef.store"),
            b"x",
        )
        .unwrap();
        let mut meta = IndexMeta::new(Path::new("corpus"), "key", &[]);
        meta.write(generation).unwrap();
        let read = IndexMeta::read(generation, generation).unwrap();
        assert!(read.touched_files(generation).is_empty());
        // Only the JSON file without a checksum of its own is hashed.
        assert_eq!(read.hashes.keys().collect::<Vec<_>>(), ["files.json"]);
        // A file written to since: its time moves (set explicitly, coarse clocks aside).
        let f = File::options()
            .write(true)
            .open(generation.join("files.json"))
            .unwrap();
        f.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(7))
            .unwrap();
        assert_eq!(read.touched_files(generation), ["files.json"]);
        // An edit that keeps polsearch.json valid JSON is refused.
        let path = generation.join(META);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, text.replace("\"clauses\": 0", "\"clauses\": 9")).unwrap();
        assert!(matches!(
            IndexMeta::read(generation, generation),
            Err(Error::Damaged { .. })
        ));
    }

    #[test]
    fn generations_flip_atomically_and_lock_excludes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("idx"));
        assert!(store.current().is_none());
        let lock = store.lock().unwrap();
        assert!(matches!(store.lock(), Err(Error::Locked(_))));
        let g1 = store.new_generation(&lock).unwrap();
        store.publish(&g1, &lock).unwrap();
        assert_eq!(store.current().unwrap(), g1);
        let g2 = store.new_generation(&lock).unwrap();
        assert_ne!(g1, g2);
        // Until published, the old generation stays live.
        assert_eq!(store.current().unwrap(), g1);
        store.discard(&g2);
        assert_eq!(store.current().unwrap(), g1);
        drop(lock);
        assert!(store.lock().is_ok());
    }
}
