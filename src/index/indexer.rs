//! Building an index from a corpus: files are read, segmented and tagged in parallel with
//! rayon, a *group* at a time (the files of one folder, up to 16 MB of them), and each
//! distinct clause of a group goes to tantivy's writer once, as a clause document listing
//! its occurrences ([`crate::index::schema`]). Versions of one policy share a folder and most of
//! their clauses: on a history corpus tantivy indexes about one clause in fourteen.
//!
//! A file that cannot be read or is not text is reported and skipped; the rest is indexed.
//!
//! A first run (or `--rebuild`) writes a fresh generation and publishes it only after its
//! commit (see [`crate::index::store`]). Later runs update the index in place: files whose size and
//! modification time are unchanged are not even read; a file whose size or time changed is
//! hashed, and kept if its content is the same. A group with a changed, deleted or added
//! file is written again: the clauses of its unchanged files come from its documents in the
//! index (those files are not read), the changed and new files are read; a new file joins
//! the last group of its folder while it has room, else new files form new groups;
//! everything lands in one commit. Either way a failed run leaves the previous index
//! searchable.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use tantivy::indexer::{LogMergePolicy, UserOperation};
use tantivy::schema::Facet;
use tantivy::{Index, IndexWriter, Searcher, TantivyDocument, Term};
use xxhash_rust::xxh3::{xxh3_128_with_seed, xxh3_64, xxh3_64_with_seed};

use crate::analyze::document::{Document, TaggedClause};
use crate::analyze::topic::TopicTagger;
use crate::corpus::{CompanyFrom, Corpus, CorpusFile};
use crate::error::{Error, Result};
use crate::index::documents::{
    clause_document, group_document, ClauseRecord, GroupFile, Occurrence, StoredDoc,
};
use crate::index::plan::{self, GroupPlan, Limits, Plan, Status};
use crate::index::schema::{self, Fields, SCHEMA_VERSION};
use crate::index::store::{read_records, write_records, FileRecord, IndexMeta, Store, WriteLock};
use crate::policy::Kind;
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
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Skipped {
    /// As printed: a non-UTF-8 name escaped (`\xFF`), see [`crate::corpus::pathkey`].
    pub path: String,
    /// The exact bytes of a non-UTF-8 path, base64.
    #[serde(skip_serializing_if = "Option::is_none")]
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
    // A damaged index is built anew (and says so); one of another schema is an error that
    // asks for --rebuild, since rebuilding may take long and the user should choose it.
    let mut damaged = None;
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
    IndexMeta::new(&opts.corpus, &meta.layout_key, &records).write(generation)?;
    Ok(report)
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

/// What indexing a group reads from besides its files.
struct GroupSource<'a> {
    corpus: &'a Corpus,
    /// The index before this run's commit.
    before: &'a Searcher,
    fields: Fields,
    tagger: &'a dyn TopicTagger,
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
    builder.write(group.id, writer, source.fields, &root)?;
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

/// The key of a distinct clause in its group: a 128-bit hash of its company, kind, heading
/// flag, section and text (one-shot hashes chained through their seeds: the streaming
/// hasher copies short inputs into its buffer first).
fn clause_key(company: &str, kind: Kind, section: &str, text: &str, heading: bool) -> u128 {
    let seed = xxh3_64_with_seed(company.as_bytes(), kind as u64 * 2 + u64::from(heading));
    let seed = xxh3_64_with_seed(section.as_bytes(), seed);
    xxh3_128_with_seed(text.as_bytes(), seed)
}

/// A distinct clause of a group and where it occurs.
struct Distinct {
    clause: TaggedClause,
    company: Facet,
    kind: Kind,
    occurrences: Vec<Occurrence>,
    /// Its [`clause_key`]: the low half is its `clause_id`, the same in every group.
    key: u128,
    /// Ties equal scores: a hash of the first occurrence's path and start.
    tie: u64,
}

/// Hashes a [`clause_key`] (already a hash) by taking its low bits.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Not reached for u128 keys (write_u128 below); a fallback all the same.
        self.0 = xxh3_64_with_seed(bytes, self.0);
    }
    fn write_u128(&mut self, key: u128) {
        self.0 = key as u64;
    }
}

/// The distinct clauses of a group's files, gathered file by file.
#[derive(Default)]
struct GroupBuilder {
    files: Vec<GroupFile>,
    by_key: HashMap<u128, usize, std::hash::BuildHasherDefault<KeyHasher>>,
    distinct: Vec<Distinct>,
}

impl GroupBuilder {
    /// Add a file's clauses (untagged, [`Document::read`]), tagging the ones new to the
    /// group; returns how many it has.
    fn add(&mut self, path: &str, doc: Document, tagger: &dyn TopicTagger) -> u64 {
        let file = self.files.len() as u32;
        let n = doc.clauses.len() as u64;
        let company = doc.company.as_str();
        let kind = doc.kind;
        for tc in doc.clauses {
            let c = &tc.clause;
            let key = clause_key(company, kind, &c.section, &c.text, c.heading);
            let occurrence = Occurrence {
                file,
                start: c.start as u64,
                end: c.end as u64,
                line: u64::from(c.line),
                map: c.map.as_ref().map(|m| m.to_bytes()),
            };
            match self.by_key.get(&key) {
                Some(&i) => self.repeat(i, occurrence),
                None => {
                    let mut tc = tc;
                    (tc.topics, tc.scores, tc.retention) =
                        crate::analyze::document::tag(tagger, &tc.clause);
                    let company = Facet::from_path([company]);
                    self.insert(key, tc, company, kind, occurrence);
                }
            }
        }
        let facts = crate::index::documents::FileFacts {
            snapshot: doc.snapshot,
            effective: doc.effective,
            title: doc.title,
            company: doc.company,
            kind: doc.kind.name().to_owned(),
        };
        self.files.push(GroupFile::new(path, facts));
        n
    }

    /// One more occurrence of distinct clause number `i`.
    fn repeat(&mut self, i: usize, occurrence: Occurrence) {
        self.distinct[i].occurrences.push(occurrence);
    }

    /// A clause new to the group, `key`, and its first occurrence.
    fn insert(
        &mut self,
        key: u128,
        clause: TaggedClause,
        company: Facet,
        kind: Kind,
        occurrence: Occurrence,
    ) {
        self.by_key.insert(key, self.distinct.len());
        self.distinct.push(Distinct {
            clause,
            company,
            kind,
            occurrences: vec![occurrence],
            key,
            tie: 0,
        });
    }

    /// Take the clauses of the `kept` files of group `id` from its documents in the index
    /// (before the files it reads: the group then holds what a build from all its files
    /// would, once [`GroupBuilder::write`] puts the files in path order).
    fn keep(&mut self, source: &GroupSource, id: u64, kept: &[FileRecord]) -> Result<()> {
        let searcher = source.before;
        let fields = source.fields;
        let mut docs = Vec::new();
        for addr in schema::live_docs(searcher, &Term::from_field_u64(fields.group, id))? {
            docs.push((addr, searcher.doc::<TantivyDocument>(addr)?));
        }
        // The group document first: it numbers the files the occurrences point to. (Only
        // group documents store paths.)
        docs.sort_by_key(|(_, doc)| !StoredDoc::new(doc, &fields).is_group_document());
        let keep: HashSet<&str> = kept.iter().map(|r| r.path.as_str()).collect();
        // Old file number -> new one, for the files kept.
        let mut renumber: HashMap<u32, u32> = HashMap::new();
        for (addr, doc) in docs {
            let stored = StoredDoc::new(&doc, &fields);
            if stored.is_group_document() {
                for (old, file) in stored.files().into_iter().enumerate() {
                    if keep.contains(file.path.as_str()) {
                        renumber.insert(old as u32, self.files.len() as u32);
                        self.files.push(file);
                    }
                }
                continue;
            }
            let (text, section) = (stored.text(), stored.section());
            let (company, kind) = (stored.company(), stored.kind());
            let rank_key = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64(schema::RANK_KEY)?
                .first(addr.doc_id)
                .unwrap_or(0);
            let heading = schema::RankKey(rank_key).heading();
            let occurrences = stored.occurrences();
            let key = clause_key(&company, kind, &section, &text, heading);
            for o in occurrences {
                let Some(&file) = renumber.get(&o.file) else {
                    continue;
                };
                let occurrence = Occurrence { file, ..o };
                if let Some(&i) = self.by_key.get(&key) {
                    self.repeat(i, occurrence);
                    continue;
                }
                let clause = crate::analyze::segment::Clause {
                    start: 0,
                    end: 0,
                    line: 0,
                    section: section.clone(),
                    text: text.clone(),
                    heading,
                    map: None,
                };
                let (topics, scores, retention) =
                    crate::analyze::document::tag(source.tagger, &clause);
                let tc = TaggedClause {
                    clause,
                    topics,
                    scores,
                    retention,
                };
                let company = Facet::from_path([company.as_str()]);
                self.insert(key, tc, company, kind, occurrence);
            }
        }
        Ok(())
    }

    /// Put the files in path order (occurrences in file and offset order) and give each
    /// clause its tie key, from its first occurrence: the same as a build that read the files
    /// in that order. The key hashes the path below the corpus `root`, so that a corpus ranks
    /// alike wherever it lies.
    fn finish(&mut self, root: &str) {
        let mut order: Vec<usize> = (0..self.files.len()).collect();
        order.sort_by(|&a, &b| self.files[a].path.cmp(&self.files[b].path));
        if order.iter().enumerate().any(|(i, &o)| i != o) {
            let mut renumber = vec![0u32; order.len()];
            for (new, &old) in order.iter().enumerate() {
                renumber[old] = new as u32;
            }
            let mut files: Vec<Option<GroupFile>> = std::mem::take(&mut self.files)
                .into_iter()
                .map(Some)
                .collect();
            self.files = order.iter().filter_map(|&old| files[old].take()).collect();
            for d in &mut self.distinct {
                for o in &mut d.occurrences {
                    o.file = renumber[o.file as usize];
                }
                d.occurrences.sort_by_key(|o| (o.file, o.start, o.end));
            }
        }
        for d in &mut self.distinct {
            if let Some(first) = d.occurrences.first() {
                let path = &self.files[first.file as usize].path;
                let below = path.strip_prefix(root).unwrap_or(path);
                let path_hash = xxh3_64(below.as_bytes());
                d.tie = path_hash ^ (first.start + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            }
        }
    }

    /// Write the group's clause documents and its group document.
    fn write(mut self, group: u64, writer: &IndexWriter, fields: Fields, root: &str) -> Result<()> {
        self.finish(root);
        let mut batch = Vec::with_capacity(BATCH_DOCS);
        let mut blob = Vec::new();
        for d in &self.distinct {
            let record = ClauseRecord {
                clause: &d.clause,
                company: &d.company,
                kind: d.kind,
                group,
                occurrences: &d.occurrences,
                clause_id: d.key as u64,
                tie: d.tie,
            };
            let doc = clause_document(&record, &self.files, fields, &mut blob);
            batch.push(UserOperation::Add(doc));
            if batch.len() == BATCH_DOCS {
                send(writer, &mut batch)?;
            }
        }
        let g = group_document(group, &self.files, fields);
        batch.push(UserOperation::Add(g));
        send(writer, &mut batch)
    }
}

/// Documents handed to tantivy at a time: one hand-over per batch instead of one per
/// document. Batches stay small because tantivy's queue holds a fixed number of batches,
/// not documents.
const BATCH_DOCS: usize = 16;

fn send(writer: &IndexWriter, batch: &mut Vec<UserOperation>) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    writer.run(std::mem::take(batch))?;
    Ok(())
}
