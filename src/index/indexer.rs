//! Building an index from a corpus, in three stages: [`crate::index::plan`] decides what the
//! run writes (which files to read, in which *groups*: a folder's files, up to 16 MB of
//! them); readers (rayon) read, segment and tag each group's files and gather its distinct
//! clauses ([`crate::index::group`]); tantivy's writer threads index each distinct clause
//! once, as a clause document listing its occurrences ([`crate::index::documents`]).
//! Versions of one policy share a folder and most of their clauses: on a history corpus
//! tantivy indexes about one clause in fourteen.
//!
//! A file that cannot be read or is not text is reported and skipped; the rest is indexed.
//!
//! A first run (or `--rebuild`) writes a fresh generation and publishes it only after its
//! commit (see [`crate::index::store`]). Later runs update a copy of the live generation and
//! publish it after one commit for all changes. Either way a failed run leaves the previous
//! index searchable.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::indexer::LogMergePolicy;
use tantivy::{Index, IndexWriter, Term};
use xxhash_rust::xxh3::xxh3_64;

use crate::analyze::document::Document;
use crate::corpus::{CompanyFrom, Corpus, CorpusFile};
use crate::error::{Error, Result};
use crate::index::catalog;
use crate::index::group::{GroupBuilder, GroupSource};
use crate::index::plan::{self, GroupPlan, Limits, Plan, Status};
use crate::index::schema::{self, Fields, SCHEMA_VERSION};
use crate::index::store::{read_records, write_records, FileRecord, IndexMeta, Store, WriteLock};
use crate::progress::Progress;

/// Memory tantivy may buffer per writer thread before it flushes a segment.
const WRITER_MEMORY_PER_THREAD: usize = 64 << 20;

/// Cap on tantivy's memory across all writer threads.
const WRITER_MEMORY_TOTAL_MAX: usize = 256 << 20;

/// Segments with more clauses than this are never merged again.
const MAX_CLAUSES_TO_MERGE: u32 = 100_000;

/// Merge only small segments (the ones incremental runs leave behind). The segments a full
/// build flushes are already large, and merging them would read the whole index back through
/// memory maps, tripling peak memory for a few percent of search speed.
fn merge_policy() -> LogMergePolicy {
    let mut policy = LogMergePolicy::default();
    policy.set_max_docs_before_merge(MAX_CLAUSES_TO_MERGE as usize);
    policy
}

/// What `polsearch index` was asked to do.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// The index folder.
    pub index_dir: PathBuf,
    /// Cores to use.
    pub threads: usize,
    /// Where a file's company comes from.
    pub company_from: CompanyFrom,
    /// Rebuild from scratch even when the index could be updated.
    pub rebuild: bool,
}

/// A file that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// As printed: a non-UTF-8 name escaped (`\xFF`), see [`crate::corpus::pathkey`].
    pub path: String,
    /// The exact bytes of a non-UTF-8 path, base64.
    pub path_bytes: Option<String>,
    /// Why it was skipped.
    pub reason: String,
}

impl Skipped {
    fn new(key: &str, reason: &str) -> Skipped {
        Skipped {
            path: crate::corpus::pathkey::display(key).to_owned(),
            path_bytes: crate::corpus::pathkey::bytes_base64(key),
            reason: reason.to_owned(),
        }
    }
}

/// What an indexing run did.
#[derive(Debug, Clone)]
pub struct IndexReport {
    /// Files read and indexed in this run.
    pub files: u64,
    /// Clauses written in this run.
    pub clauses: u64,
    /// Bytes read in this run.
    pub bytes: u64,
    /// Files new to the index.
    pub added: u64,
    /// Files read again because they changed.
    pub updated: u64,
    /// Files gone from the corpus.
    pub removed: u64,
    /// Files left as they were.
    pub unchanged: u64,
    /// Why the index was built from scratch, when it was (`None`: updated in place).
    pub rebuilt: Option<String>,
    /// Files not indexed, and why.
    pub skipped: Vec<Skipped>,
    /// How long the run took.
    pub elapsed: Duration,
}

impl IndexReport {
    /// Source megabytes read per second.
    pub fn mb_per_sec(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Index `opts.corpus` into `opts.index_dir`: update the existing index in place when it was
/// built from the same corpus with the same layout, else (or with `rebuild`) build anew.
pub fn build(opts: &IndexOptions, progress: &dyn Progress) -> Result<IndexReport> {
    let started = Instant::now();
    let store = Store::new(&opts.index_dir);
    // Check the corpus before touching the index folder.
    if !opts.corpus.is_dir() {
        return Err(Error::CorpusMissing(opts.corpus.clone()));
    }
    let lock = store.lock()?;
    store.clean(&lock);
    let corpus = Corpus::open(&opts.corpus, Some(&opts.index_dir), opts.company_from)?;
    for warning in &corpus.warnings {
        progress.warn(warning);
    }
    let layout_key = corpus.layout_key();
    // Update in place when the live index was built from this folder with this layout;
    // otherwise say why a fresh build is needed.
    // A damaged index is built anew (and says so), as is one written by a polsearch of another
    // schema (an upgrade): its documents cannot be kept, and the command asked for this
    // folder's index. (A search on it fails, naming this command.)
    let mut damaged = None;
    let mut other_schema = None;
    let previous = if opts.rebuild {
        None
    } else {
        let live = match store.require_current() {
            Ok(generation) => Some(generation),
            Err(Error::NoIndex(_)) => None,
            Err(Error::Damaged { what, .. }) => {
                damaged = Some(what);
                None
            }
            Err(e) => return Err(e),
        };
        match live.map(|g| (IndexMeta::read(&g, &opts.index_dir), g)) {
            Some((Ok(meta), generation)) => {
                let check = crate::index::integrity::check(&opts.index_dir, &generation, false);
                match check.problems.into_iter().next() {
                    None => Some((meta, generation)),
                    Some(problem) => {
                        damaged = Some(problem);
                        None
                    }
                }
            }
            Some((Err(Error::Damaged { what, .. }), _)) => {
                damaged = Some(what);
                None
            }
            Some((Err(Error::IncompatibleIndex { found, .. }), _)) => {
                other_schema = Some(found);
                None
            }
            Some((Err(e), _)) => return Err(e),
            None => None,
        }
    };
    let why = match &previous {
        None if opts.rebuild => Some("--rebuild".to_owned()),
        None if damaged.is_some() => Some(format!(
            "the index was damaged: {}",
            damaged.unwrap_or_default()
        )),
        None if other_schema.is_some() => Some(format!(
            "the index was written by another polsearch (schema {}, this build writes {SCHEMA_VERSION})",
            other_schema.unwrap_or_default()
        )),
        None => Some("new index".to_owned()),
        Some((meta, _)) if meta.corpus != opts.corpus => Some(format!(
            "the index was built from '{}'",
            meta.corpus.display()
        )),
        Some((meta, _)) if meta.layout_key != layout_key => {
            Some("the folder layout, manifest or --company-from changed".to_owned())
        }
        // (An upgrade of polsearch: its segmentation, topics, retention or company rules may
        // give other facts for the same bytes.)
        Some((meta, _)) => meta.other_analysis().map(|build| {
            format!(
                "the index was analysed by another build of polsearch ({build}); every file is analysed again"
            )
        }),
    };
    let mut report = match (why, previous) {
        (None, Some((meta, live))) => {
            // The update writes a copy of the live generation (hard links) and publishes it.
            let generation = store.clone_generation(&live, &lock)?;
            let result = update(&generation, &corpus, opts, meta, progress)
                .and_then(|report| store.publish(&generation, &lock).map(|_| report));
            if result.is_err() {
                store.discard(&generation);
            }
            result?
        }
        (why, _) => rebuild(&store, &lock, &corpus, opts, &layout_key, progress, why)?,
    };
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Build a fresh generation and publish it.
fn rebuild(
    store: &Store,
    lock: &WriteLock,
    corpus: &Corpus,
    opts: &IndexOptions,
    layout_key: &str,
    progress: &dyn Progress,
    why: Option<String>,
) -> Result<IndexReport> {
    let generation = store.new_generation(lock)?;
    let result = (|| {
        let (index, fields) = schema::create_in_dir(&generation)?;
        let plan = plan::rebuild(&corpus.files, Limits::default());
        let (mut report, records) = apply(&index, fields, corpus, plan, opts, progress)?;
        let mut meta = IndexMeta::new(&opts.corpus, layout_key, &records);
        write_records(&generation, &records)?;
        crate::index::fault::point("records-written");
        write_catalog(&index, &generation, &fields)?;
        meta.write(&generation)?;
        report.rebuilt = why;
        Ok(report)
    })();
    match result.and_then(|report| store.publish(&generation, lock).map(|_| report)) {
        Ok(report) => Ok(report),
        Err(e) => {
            store.discard(&generation);
            Err(e)
        }
    }
}

/// Update the live generation in place: one commit for all changes, so a failed run leaves
/// the previous commit searchable.
///
/// A file whose size and time are unchanged is not read; one whose size or time changed is
/// read and hashed, and kept when its content is the same. Each group that lost or changed
/// a file is written again (its documents deleted, its current files indexed anew); new
/// files form new groups.
fn update(
    generation: &Path,
    corpus: &Corpus,
    opts: &IndexOptions,
    meta: IndexMeta,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    let index = Index::open_in_dir(generation)?;
    schema::register(&index);
    let fields = schema::fields_of(&index.schema()).ok_or_else(|| Error::IncompatibleIndex {
        path: opts.index_dir.clone(),
        corpus: Some(meta.corpus.clone()),
        found: meta.schema_version,
        expected: SCHEMA_VERSION,
    })?;
    let old = read_records(generation)?;
    // A file whose size or time changed is read and hashed: kept when its content is the same.
    let same_content = |file: &CorpusFile, record: &FileRecord| {
        std::fs::read(&file.path).is_ok_and(|raw| xxh3_64(&raw) == record.hash)
    };
    let plan = plan::update(&old, &corpus.files, Limits::default(), same_content);
    let (report, records) = apply(&index, fields, corpus, plan, opts, progress)?;
    write_records(generation, &records)?;
    crate::index::fault::point("records-written");
    write_catalog(&index, generation, &fields)?;
    IndexMeta::new(&opts.corpus, &meta.layout_key, &records).write(generation)?;
    Ok(report)
}

/// Write the catalog of the committed `index` into `generation` ([`catalog`]), before the
/// metadata seals it.
fn write_catalog(index: &Index, generation: &Path, fields: &Fields) -> Result<()> {
    let reader: tantivy::IndexReader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .doc_store_cache_num_blocks(crate::search::DOC_STORE_CACHE_BLOCKS)
        .try_into()?;
    catalog::write(generation, &reader.searcher(), fields)
}

/// Delete the dropped groups' documents, index the plan's groups, commit once. Returns the
/// report and the file records of the index after the commit.
fn apply(
    index: &Index,
    fields: Fields,
    corpus: &Corpus,
    plan: Plan,
    opts: &IndexOptions,
    progress: &dyn Progress,
) -> Result<(IndexReport, Vec<FileRecord>)> {
    let (readers, writers) = split_threads(opts.threads);
    let mut writer: IndexWriter = index.writer_with_num_threads(writers, writer_budget(writers))?;
    writer.set_merge_policy(Box::new(merge_policy()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(readers)
        .build()
        .map_err(|e| Error::io(&opts.index_dir, std::io::Error::other(e)))?;
    // What the index holds before this run's commit: where rewritten groups take the
    // clauses of their unchanged files from.
    let before = index.reader()?.searcher();
    for group in &plan.dropped_groups {
        writer.delete_term(Term::from_field_u64(fields.group, *group));
    }
    let mut groups = plan.groups;
    // Big groups first, so no reader is left with a big one at the end.
    groups.sort_by_key(|g| std::cmp::Reverse(g.bytes()));
    let files: usize = groups.iter().map(|g| g.files.len()).sum();
    let total: u64 = groups.iter().map(GroupPlan::bytes).sum();
    progress.start(files as u64, total);
    let counts = Counts::default();
    let new_records = Mutex::new(Vec::with_capacity(files));
    let tagger = crate::analyze::classifier::default_tagger();
    let outcome: Result<()> = pool.install(|| {
        // One group per rayon item: the biggest come first, and an idle thread must be able
        // to steal any group, not only whole halves of the list.
        groups.par_iter().with_max_len(1).try_for_each(|group| {
            let source = GroupSource {
                corpus,
                before: &before,
                fields,
                tagger,
            };
            let records = index_group(&source, group, &writer, progress)?;
            counts
                .unchanged
                .fetch_add(group.kept.len() as u64, Ordering::Relaxed);
            for ((file, status), record) in group.files.iter().zip(&records) {
                match (&record.skipped, status) {
                    (Some(reason), _) => {
                        let path = crate::corpus::pathkey::display(&record.path);
                        progress.warn(&format!("skipping {path}: {reason}"));
                    }
                    (None, Status::Changed) => counts.updated(record, file.size),
                    (None, Status::New) => counts.added(record, file.size),
                }
            }
            if let Ok(mut r) = new_records.lock() {
                r.extend(records);
                r.extend(group.kept.iter().cloned());
            }
            Ok(())
        })
    });
    outcome?;
    crate::index::fault::point("before-commit");
    writer.commit()?;
    crate::index::fault::point("committed");
    writer.wait_merging_threads()?;
    progress.finish();
    let mut records = plan.kept;
    let unchanged = records.len() as u64 + counts.unchanged.into_inner();
    records.extend(new_records.into_inner().unwrap_or_default());
    records.sort_by(|a, b| a.path.cmp(&b.path));
    // Every file the index leaves out, including ones skipped in an earlier run and untouched
    // since (only this run's are warned about as they happen).
    let mut skipped: Vec<Skipped> = records
        .iter()
        .filter_map(|r| {
            r.skipped
                .as_ref()
                .map(|reason| Skipped::new(&r.path, reason))
        })
        .collect();
    // And what the walk passed over (links, FIFOs), so that nothing is left out unsaid.
    for (path, reason) in &corpus.skipped {
        let key = crate::corpus::pathkey::key(path);
        progress.warn(&format!(
            "skipping {}: {reason}",
            crate::corpus::pathkey::display(&key)
        ));
        skipped.push(Skipped::new(&key, reason));
    }
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let report = IndexReport {
        files: counts.files.into_inner(),
        clauses: counts.clauses.into_inner(),
        bytes: counts.bytes.into_inner(),
        added: counts.added.into_inner(),
        updated: counts.updated.into_inner(),
        removed: plan.removed,
        unchanged,
        rebuilt: None,
        skipped,
        elapsed: Duration::ZERO,
    };
    Ok((report, records))
}

/// Split `threads` (the cores to use) between readers (decode, segment, tag, and gather a
/// group's distinct clauses) and tantivy writer threads: one of each per core, the
/// operating system interleaves them. With one clause document per distinct clause of a
/// group, readers do most of the work (about three quarters of the CPU time); a second
/// writer thread still helps on two cores (history corpus, alternated runs, medians of 8:
/// 4.08 s against 4.33 s with one), mostly by splitting the last flush at commit.
fn split_threads(threads: usize) -> (usize, usize) {
    let threads = threads.max(1);
    (threads, threads)
}

/// tantivy's memory budget for `writers` threads: 64 MiB each, at most 256 MiB in all (so
/// many cores cannot push peak memory past a few hundred MB), at least tantivy's minimum.
fn writer_budget(writers: usize) -> usize {
    (WRITER_MEMORY_PER_THREAD * writers)
        .min(WRITER_MEMORY_TOTAL_MAX)
        .max(writers * (16 << 20))
}

#[derive(Default)]
struct Counts {
    files: AtomicU64,
    clauses: AtomicU64,
    bytes: AtomicU64,
    added: AtomicU64,
    updated: AtomicU64,
    unchanged: AtomicU64,
}

impl Counts {
    fn written(&self, record: &FileRecord, size: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.clauses.fetch_add(record.clauses, Ordering::Relaxed);
        self.bytes.fetch_add(size, Ordering::Relaxed);
    }
    fn added(&self, record: &FileRecord, size: u64) {
        self.written(record, size);
        self.added.fetch_add(1, Ordering::Relaxed);
    }
    fn updated(&self, record: &FileRecord, size: u64) {
        self.written(record, size);
        self.updated.fetch_add(1, Ordering::Relaxed);
    }
}

/// Gather a group's distinct clauses (those of its kept files from its documents in the
/// index, then those of the files it reads), and write its clause documents and its group
/// document. Returns the records of the files read, in order; errors only when the index
/// itself fails (a file that cannot be read or parsed is recorded as skipped).
fn index_group(
    source: &GroupSource,
    group: &GroupPlan,
    writer: &IndexWriter,
    progress: &dyn Progress,
) -> Result<Vec<FileRecord>> {
    let mut builder = GroupBuilder::default();
    if !group.kept.is_empty() {
        builder.keep(source, group.id, &group.kept)?;
    }
    let mut records = Vec::with_capacity(group.files.len());
    // One buffer for the group's files: no fresh pages for every file.
    let mut raw = Vec::new();
    for (file, _) in &group.files {
        let mut record = FileRecord {
            path: crate::corpus::pathkey::key(&file.path),
            size: file.size,
            mtime_ns: file.mtime_ns,
            hash: 0,
            clauses: 0,
            group: group.id,
            skipped: None,
        };
        raw.clear();
        if file.size > crate::analyze::document::MAX_FILE_BYTES {
            // Bounded memory whatever the input: no policy comes near this size.
            record.skipped = Some(crate::analyze::document::too_large(file.size));
            progress.advance(file.size);
            records.push(record);
            continue;
        }
        let read = std::fs::File::open(&file.path).and_then(|mut f| f.read_to_end(&mut raw));
        match read {
            Ok(_) => {
                record.hash = xxh3_64(&raw);
                match parse(source.corpus, file, &raw) {
                    Ok(doc) => record.clauses = builder.add(&record.path, doc, source.tagger),
                    Err(reason) => record.skipped = Some(reason),
                }
            }
            Err(e) => record.skipped = Some(e.to_string()),
        }
        progress.advance(file.size);
        records.push(record);
    }
    let root = crate::corpus::pathkey::key(&source.corpus.root);
    builder.write(group.id, writer, source.fields, &root, source.tagger)?;
    Ok(records)
}

/// Read one file into a document, its clauses untagged; `Err` says why it is skipped.
fn parse(corpus: &Corpus, file: &CorpusFile, raw: &[u8]) -> std::result::Result<Document, String> {
    let hints = corpus.hints(file);
    // A bug in the per-file work must cost one file, not the run: a panic becomes a skip.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Document::read(&file.path, raw, &hints)
    }))
    .map_err(|_| "internal error while reading this file (please report it)".to_owned())?
    .map_err(|r| r.to_string())
}
