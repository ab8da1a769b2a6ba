//! Building an index from a corpus: files are read, segmented and tagged in parallel with
//! rayon, and every clause goes straight to tantivy's multi-threaded writer.
//!
//! A file that cannot be read or is not text is reported and skipped; the rest is indexed.
//!
//! A first run (or `--rebuild`) writes a fresh generation and publishes it only after its
//! commit (see [`crate::store`]). Later runs update the index in place: files whose size and
//! modification time are unchanged are not even read, files whose content hash changed have
//! their clauses replaced, deleted files lose theirs, new files are added, and everything lands
//! in one commit. Either way a failed run leaves the previous index searchable.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::indexer::{LogMergePolicy, UserOperation};
use tantivy::schema::Facet;
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument, Term};
use xxhash_rust::xxh3::xxh3_64;

use crate::corpus::{CompanyFrom, Corpus, CorpusFile};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::schema::{self, Fields, SCHEMA_VERSION};
use crate::store::{IndexMeta, Store, WriteLock};
use crate::topic::{Topic, TopicTagger};

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
    pub corpus: PathBuf,
    pub index_dir: PathBuf,
    pub threads: usize,
    pub company_from: CompanyFrom,
    /// Rebuild from scratch even when the index could be updated.
    pub rebuild: bool,
}

/// A file that was not indexed, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
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
    pub added: u64,
    pub updated: u64,
    pub removed: u64,
    pub unchanged: u64,
    /// Why the index was built from scratch, when it was (`None`: updated in place).
    pub rebuilt: Option<String>,
    pub skipped: Vec<Skipped>,
    pub elapsed: Duration,
}

impl IndexReport {
    pub fn mb_per_sec(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// What the index remembers of each file, to tell on the next run what changed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileRecord {
    pub path: String,
    pub size: u64,
    pub mtime_ns: u64,
    pub hash: u64,
    pub clauses: u64,
    /// Why the file is not indexed, if it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

/// The state of one corpus file relative to the index.
enum Work<'a> {
    /// Not in the index yet.
    New(&'a CorpusFile),
    /// In the index, but its size or time changed: read it and compare hashes.
    Check(&'a CorpusFile, &'a FileRecord),
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
    let corpus = Corpus::open(&opts.corpus, Some(&opts.index_dir), opts.company_from)?;
    let layout_key = corpus.layout_key();
    // Update in place when the live index was built from this folder with this layout;
    // otherwise say why a fresh build is needed.
    let previous = match store.current().filter(|_| !opts.rebuild) {
        Some(generation) => Some((IndexMeta::read(&generation, &opts.index_dir)?, generation)),
        None => None,
    };
    let why = match &previous {
        None if opts.rebuild => Some("--rebuild".to_owned()),
        None => Some("new index".to_owned()),
        Some((meta, _)) if meta.corpus != opts.corpus => Some(format!(
            "the index was built from '{}'",
            meta.corpus.display()
        )),
        Some((meta, _)) if meta.layout_key != layout_key => {
            Some("the folder layout, manifest or --company-from changed".to_owned())
        }
        Some(_) => None,
    };
    let mut report = match (why, previous) {
        (None, Some((meta, generation))) => update(&generation, &corpus, opts, meta, progress)?,
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
        let work: Vec<Work> = corpus.files.iter().map(Work::New).collect();
        let (mut report, records) = apply(
            &index,
            fields,
            corpus,
            work,
            Vec::new(),
            Vec::new(),
            opts,
            progress,
        )?;
        let meta = IndexMeta::new(&opts.corpus, layout_key, &records);
        write_records(&generation, &records)?;
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
        found: meta.schema_version,
        expected: SCHEMA_VERSION,
    })?;
    let old = read_records(generation)?;
    let by_path: HashMap<&str, &FileRecord> = old.iter().map(|r| (r.path.as_str(), r)).collect();
    let mut seen = HashSet::new();
    let mut work = Vec::new();
    let mut unchanged = Vec::new();
    for file in &corpus.files {
        let key = file.path.to_string_lossy();
        match by_path.get(key.as_ref()) {
            None => work.push(Work::New(file)),
            Some(r) => {
                seen.insert(r.path.as_str());
                if r.size == file.size && r.mtime_ns == file.mtime_ns {
                    unchanged.push((*r).clone());
                } else {
                    work.push(Work::Check(file, r));
                }
            }
        }
    }
    let removed: Vec<String> = old
        .iter()
        .filter(|r| !seen.contains(r.path.as_str()))
        .map(|r| r.path.clone())
        .collect();
    let (report, records) = apply(
        &index, fields, corpus, work, unchanged, removed, opts, progress,
    )?;
    write_records(generation, &records)?;
    IndexMeta::new(&opts.corpus, &meta.layout_key, &records).write(generation)?;
    Ok(report)
}

/// Read, segment and write the files of `work`, delete the clauses of `removed`, commit once.
/// Returns the report and the file records of the index after the commit.
#[allow(clippy::too_many_arguments)]
fn apply(
    index: &Index,
    fields: Fields,
    corpus: &Corpus,
    work: Vec<Work>,
    mut records: Vec<FileRecord>,
    removed: Vec<String>,
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
    for path in &removed {
        writer.delete_term(Term::from_field_text(fields.path, path));
    }
    let total: u64 = work
        .iter()
        .map(|w| match w {
            Work::New(f) | Work::Check(f, _) => f.size,
        })
        .sum();
    progress.start(work.len() as u64, total);
    let counts = Counts::default();
    let new_records = Mutex::new(Vec::with_capacity(work.len()));
    let tagger = crate::topic::default_tagger();
    let outcome: Result<()> = pool.install(|| {
        work.par_iter().try_for_each(|w| {
            let (file, old) = match w {
                Work::New(f) => (*f, None),
                Work::Check(f, r) => (*f, Some(*r)),
            };
            let record = index_file(corpus, file, old, &writer, fields, tagger)?;
            match (&record.skipped, old) {
                (Some(reason), _) => {
                    progress.warn(&format!("skipping {}: {reason}", file.path.display()));
                }
                (None, Some(r)) if r.hash == record.hash && r.skipped.is_none() => {
                    counts.unchanged.fetch_add(1, Ordering::Relaxed);
                }
                (None, Some(_)) => counts.updated(&record, file.size),
                (None, None) => counts.added(&record, file.size),
            }
            if let Ok(mut r) = new_records.lock() {
                r.push(record);
            }
            progress.advance(file.size);
            Ok(())
        })
    });
    outcome?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    progress.finish();
    let unchanged = records.len() as u64 + counts.unchanged.into_inner();
    records.extend(new_records.into_inner().unwrap_or_default());
    records.sort_by(|a, b| a.path.cmp(&b.path));
    // Every file the index leaves out, including ones skipped in an earlier run and untouched
    // since (only this run's are warned about as they happen).
    let skipped = records
        .iter()
        .filter_map(|r| {
            r.skipped.as_ref().map(|reason| Skipped {
                path: PathBuf::from(&r.path),
                reason: reason.clone(),
            })
        })
        .collect();
    let report = IndexReport {
        files: counts.files.into_inner(),
        clauses: counts.clauses.into_inner(),
        bytes: counts.bytes.into_inner(),
        added: counts.added.into_inner(),
        updated: counts.updated.into_inner(),
        removed: removed.len() as u64,
        unchanged,
        rebuilt: None,
        skipped,
        elapsed: Duration::ZERO,
    };
    Ok((report, records))
}

/// Split `threads` (the cores to use) between readers (decode, segment, tag) and tantivy
/// writer threads. Once clause tagging was cached, tantivy's side became the heavier one
/// (about 60 % of the CPU time), so every core gets a writer thread and half as many readers
/// feed them; the operating system interleaves the two kinds. Measured on two cores, history
/// corpus: 1 reader + 2 writers 17.0-17.7 s, 1 + 1 19.2-24.1 s, 2 + 1 21.5-22.2 s,
/// 2 + 2 16.5-19.1 s with more memory.
fn split_threads(threads: usize) -> (usize, usize) {
    let threads = threads.max(1);
    ((threads / 2).max(1), threads)
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

const RECORDS: &str = "files.json";

fn write_records(generation: &Path, records: &[FileRecord]) -> Result<()> {
    let path = generation.join(RECORDS);
    let tmp = generation.join(format!("{RECORDS}.tmp"));
    let json = serde_json::to_vec(records).map_err(|e| Error::io(&path, e.into()))?;
    std::fs::write(&tmp, json).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
}

fn read_records(generation: &Path) -> Result<Vec<FileRecord>> {
    let path = generation.join(RECORDS);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::io(&path, e.into())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::io(&path, e)),
    }
}

enum FileError {
    /// This file is left out; the run goes on.
    Skip(String),
    /// The index itself failed; the run stops.
    Fatal(Error),
}

/// Read one file, and unless its content is what the index already holds, replace its
/// clauses. Returns its new record; errors only when the index itself fails.
fn index_file(
    corpus: &Corpus,
    file: &CorpusFile,
    old: Option<&FileRecord>,
    writer: &IndexWriter,
    fields: Fields,
    tagger: &dyn TopicTagger,
) -> Result<FileRecord> {
    let path = file.path.to_string_lossy();
    let mut record = FileRecord {
        path: path.clone().into_owned(),
        size: file.size,
        mtime_ns: file.mtime_ns,
        hash: 0,
        clauses: 0,
        skipped: None,
    };
    let raw = match std::fs::read(&file.path) {
        Ok(raw) => raw,
        Err(e) => {
            record.skipped = Some(e.to_string());
            writer.delete_term(Term::from_field_text(fields.path, &path));
            return Ok(record);
        }
    };
    record.hash = xxh3_64(&raw);
    if let Some(old) = old.filter(|o| o.hash == record.hash) {
        // Touched but not changed: keep what the index has.
        record.clauses = old.clauses;
        record.skipped = old.skipped.clone();
        return Ok(record);
    }
    if old.is_some() {
        writer.delete_term(Term::from_field_text(fields.path, &path));
    }
    match write_clauses(corpus, file, &raw, writer, fields, tagger) {
        Ok(n) => record.clauses = n,
        Err(FileError::Skip(reason)) => record.skipped = Some(reason),
        Err(FileError::Fatal(e)) => return Err(e),
    }
    Ok(record)
}

/// A clause's rank key ([`schema::RankKey`]): heading bit, topics, and a mix of its file's
/// path hash and its start offset as the tie key.
fn rank_key(heading: bool, topics: &[Topic], path_hash: u64, start: usize) -> u64 {
    let tie = path_hash ^ (start as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    schema::RankKey::new(heading, Topic::mask_of(topics), tie >> 13).0
}

/// Clauses handed to tantivy at a time (see [`write_clauses`]).
const BATCH_CLAUSES: usize = 4;

fn send(writer: &IndexWriter, batch: &mut Vec<UserOperation>) -> Result<(), FileError> {
    if batch.is_empty() {
        return Ok(());
    }
    writer
        .run(std::mem::take(batch))
        .map(|_| ())
        .map_err(|e| FileError::Fatal(e.into()))
}

fn write_clauses(
    corpus: &Corpus,
    file: &CorpusFile,
    raw: &[u8],
    writer: &IndexWriter,
    fields: Fields,
    tagger: &dyn TopicTagger,
) -> Result<u64, FileError> {
    let hints = corpus.hints(file);
    // A bug in the per-file work must cost one file, not the run: a panic becomes a skip.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Document::parse(&file.path, raw, &hints, tagger)
    }))
    .map_err(|_| {
        FileError::Skip("internal error while reading this file (please report it)".into())
    })?;
    let doc = parsed.map_err(|r| FileError::Skip(r.to_string()))?;
    let path = file.path.to_string_lossy();
    let path_hash = xxh3_64(path.as_bytes());
    let company = Facet::from_path([doc.company.as_str()]);
    let kind = Facet::from_path([doc.kind.name()]);
    let date = doc
        .date
        .map(|d| (DateTime::from_timestamp_secs(d.unix_seconds()), d.iso()));
    // Clauses go to tantivy's writer threads in small batches: one hand-over per batch
    // instead of one per clause. Batches stay small because tantivy's queue holds a fixed
    // number of batches, not documents: whole files queued would hold a large part of the
    // corpus in memory whenever the readers run ahead of the writers.
    let mut batch = Vec::with_capacity(BATCH_CLAUSES);
    for tc in &doc.clauses {
        let statements = &tc.retention;
        let c = &tc.clause;
        let mut d = TantivyDocument::new();
        d.add_text(fields.text, &c.text);
        d.add_text(fields.section, &c.section);
        d.add_text(fields.section_text, &c.section);
        d.add_text(fields.path, &path);
        d.add_facet(fields.company, company.clone());
        for t in &tc.topics {
            d.add_facet(fields.topic, Facet::from_path([t.name()]));
        }
        d.add_u64(fields.start, c.start as u64);
        d.add_u64(fields.end, c.end as u64);
        d.add_u64(fields.line, u64::from(c.line));
        d.add_u64(
            fields.rank_key,
            rank_key(c.heading, &tc.topics, path_hash, c.start),
        );
        d.add_facet(fields.kind, kind.clone());
        if let Some((when, text)) = &date {
            d.add_date(fields.date, *when);
            d.add_text(fields.date_text, text);
        }
        if let Some(title) = &doc.title {
            d.add_text(fields.title, title);
        }
        if let Some(map) = &c.map {
            d.add_bytes(fields.offset_map, &map.to_bytes());
        }
        let mut kinds: Vec<&str> = statements.iter().map(|r| r.kind.name()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        for k in kinds {
            d.add_facet(fields.retention, Facet::from_path([k]));
        }
        let periods: Vec<u64> = statements.iter().filter_map(|r| r.days).collect();
        for p in &periods {
            d.add_u64(fields.retention_days, *p);
        }
        if let Some(longest) = periods.iter().max() {
            d.add_u64(fields.retention_longest, *longest);
        }
        batch.push(UserOperation::Add(d));
        if batch.len() == BATCH_CLAUSES {
            send(writer, &mut batch)?;
        }
    }
    send(writer, &mut batch)?;
    Ok(doc.clauses.len() as u64)
}
