//! Building an index from a corpus: files are read, segmented and tagged in parallel with
//! rayon, and every clause goes straight to tantivy's multi-threaded writer.
//!
//! A file that cannot be read or is not text is reported and skipped; the rest is indexed.
//! The new index is written as a fresh generation and published only after its commit, so a
//! failed run leaves the previous index searchable (see [`crate::store`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::Serialize;
use tantivy::schema::Facet;
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument};

use crate::corpus::{CompanyFrom, Corpus, CorpusFile};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::schema::{self, Fields, SCHEMA_VERSION};
use crate::store::{IndexMeta, Store};
use crate::topic::{LexiconTagger, TopicTagger};

/// Memory tantivy may buffer per writer thread before it flushes a segment.
const WRITER_MEMORY_PER_THREAD: usize = 64 << 20;

/// What `polsearch index` was asked to do.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    pub corpus: PathBuf,
    pub index_dir: PathBuf,
    pub threads: usize,
    pub company_from: CompanyFrom,
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
    pub files: u64,
    pub clauses: u64,
    pub bytes: u64,
    pub skipped: Vec<Skipped>,
    pub elapsed: Duration,
}

impl IndexReport {
    pub fn mb_per_sec(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Index `opts.corpus` into `opts.index_dir`, replacing what was there.
pub fn build(opts: &IndexOptions, progress: &dyn Progress) -> Result<IndexReport> {
    let started = Instant::now();
    let store = Store::new(&opts.index_dir);
    // Check the corpus before touching the index folder.
    if !opts.corpus.is_dir() {
        return Err(Error::CorpusMissing(opts.corpus.clone()));
    }
    let lock = store.lock()?;
    let corpus = Corpus::open(&opts.corpus, Some(&opts.index_dir), opts.company_from)?;
    let generation = store.new_generation(&lock)?;
    let result = write_generation(&corpus, &generation, opts.threads, progress);
    let report = match result {
        Ok(counts) => counts,
        Err(e) => {
            store.discard(&generation);
            return Err(e);
        }
    };
    let meta = IndexMeta {
        schema_version: SCHEMA_VERSION,
        polsearch_version: env!("CARGO_PKG_VERSION").to_owned(),
        corpus: opts.corpus.clone(),
        files: report.files,
        clauses: report.clauses,
        bytes: report.bytes,
        created_unix: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    };
    if let Err(e) = meta
        .write(&generation)
        .and_then(|_| store.publish(&generation, &lock))
    {
        store.discard(&generation);
        return Err(e);
    }
    Ok(IndexReport {
        elapsed: started.elapsed(),
        ..report
    })
}

fn write_generation(
    corpus: &Corpus,
    generation: &Path,
    threads: usize,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    let (schema, fields) = schema::build();
    let index = Index::create_in_dir(generation, schema)?;
    schema::register(&index);
    let threads = threads.max(1);
    let mut writer: IndexWriter =
        index.writer_with_num_threads(threads, WRITER_MEMORY_PER_THREAD * threads)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::io(generation, std::io::Error::other(e)))?;

    progress.start(corpus.files.len() as u64, corpus.total_bytes());
    let files = AtomicU64::new(0);
    let clauses = AtomicU64::new(0);
    let bytes = AtomicU64::new(0);
    let skipped = Mutex::new(Vec::new());
    let tagger = LexiconTagger::shared();
    let outcome: Result<()> = pool.install(|| {
        corpus.files.par_iter().try_for_each(|file| {
            match index_file(corpus, file, &writer, fields, tagger) {
                Ok(n) => {
                    files.fetch_add(1, Ordering::Relaxed);
                    clauses.fetch_add(n, Ordering::Relaxed);
                    bytes.fetch_add(file.size, Ordering::Relaxed);
                }
                Err(FileError::Skip(reason)) => {
                    progress.warn(&format!("skipping {}: {reason}", file.path.display()));
                    if let Ok(mut s) = skipped.lock() {
                        s.push(Skipped {
                            path: file.path.clone(),
                            reason,
                        });
                    }
                }
                Err(FileError::Fatal(e)) => return Err(e),
            }
            progress.advance(file.size);
            Ok(())
        })
    });
    outcome?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    progress.finish();
    let mut skipped = skipped.into_inner().unwrap_or_default();
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(IndexReport {
        files: files.into_inner(),
        clauses: clauses.into_inner(),
        bytes: bytes.into_inner(),
        skipped,
        elapsed: Duration::ZERO,
    })
}

enum FileError {
    /// This file is left out; the run goes on.
    Skip(String),
    /// The index itself failed; the run stops.
    Fatal(Error),
}

fn index_file(
    corpus: &Corpus,
    file: &CorpusFile,
    writer: &IndexWriter,
    fields: Fields,
    tagger: &dyn TopicTagger,
) -> Result<u64, FileError> {
    let raw = std::fs::read(&file.path).map_err(|e| FileError::Skip(e.to_string()))?;
    let hints = corpus.hints(file);
    // A bug in a format reader must cost one file, not the run: the panic becomes a skip.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Document::parse(&file.path, &raw, &hints, tagger)
    }))
    .map_err(|_| {
        FileError::Skip("internal error while reading this file (please report it)".into())
    })?;
    let doc = parsed.map_err(|r| FileError::Skip(r.to_string()))?;
    let path = file.path.to_string_lossy();
    let company = Facet::from_path([doc.company.as_str()]);
    let kind = Facet::from_path([doc.kind.name()]);
    let date = doc
        .date
        .map(|d| (DateTime::from_timestamp_secs(d.unix_seconds()), d.iso()));
    for tc in &doc.clauses {
        let c = &tc.clause;
        let mut d = TantivyDocument::new();
        d.add_text(fields.text, &c.text);
        d.add_text(fields.section, &c.section);
        d.add_text(fields.path, &path);
        d.add_facet(fields.company, company.clone());
        for t in &tc.topics {
            d.add_facet(fields.topic, Facet::from_path([t.name()]));
        }
        d.add_u64(fields.start, c.start as u64);
        d.add_u64(fields.end, c.end as u64);
        d.add_u64(fields.line, u64::from(c.line));
        d.add_u64(fields.heading, u64::from(c.heading));
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
        writer
            .add_document(d)
            .map_err(|e| FileError::Fatal(e.into()))?;
    }
    Ok(doc.clauses.len() as u64)
}
