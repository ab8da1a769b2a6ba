//! End-to-end indexing benchmark: polsearch against plain-tantivy baselines, same run.
//!
//! What is compared: wall time to index a corpus, commit included, each configuration in a
//! fresh child process (so peak RSS is its own) pinned with `taskset` to as many cores as it
//! has threads (so "1 thread" really is one core). Two baselines, both what a competent
//! tantivy user would write in an afternoon:
//!
//! - `tantivy-clauses` (the one issue 5 specifies): polsearch's own clause texts, cut once
//!   before the timed runs and read back from a file, indexed into a minimal schema (one
//!   `TEXT | STORED` field, tantivy's default tokenizer, positions on) by as many writer
//!   threads. It measures tantivy alone on the same documents: polsearch reaching it means
//!   reading, segmentation, tagging and facets cost nothing extra on the wall clock.
//! - `tantivy-paragraphs`: the files read in parallel with rayon, split into paragraphs at
//!   blank lines, `en_stem` text field plus a path field: the shape of the external Python
//!   figure in the issue.
//!
//! MB/s is always of source bytes (the corpus files), for every side. Every side allocates
//! with mimalloc, as the `polsearch` binary does ([`polsearch::index::memory`]): the same
//! allocator for the baselines and polsearch.
//!
//! Run: `cargo bench --bench index [-- CORPUS] [--runs N] [--threads 1,2]`
//! (default corpus: ../shared's history corpus unpacked to the temp dir, else the demo corpus).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use std::io::{BufReader, BufWriter, Read, Write};
use std::sync::Mutex;

use polsearch::analyze::document::Document;
use polsearch::analyze::topic::LexiconTagger;
use polsearch::corpus::CompanyFrom;
use polsearch::corpus::Hints;
use polsearch::index::indexer::{self, IndexOptions};
use polsearch::progress::Silent;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::schema::{Schema, STORED, STRING, TEXT};
use tantivy::{doc, Index, IndexWriter};

/// Writer memory per thread, the same for both sides.
const MEMORY_PER_THREAD: usize = 64 << 20;

#[derive(Debug, Serialize, Deserialize)]
struct Measure {
    secs: f64,
    source_bytes: u64,
    docs: u64,
    rss_kib: u64,
    index_bytes: u64,
}

/// The allocator of the `polsearch` binary, for every side of the comparison.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    polsearch::index::memory::keep_freed_memory();
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("--child") {
        child(&args[1..]);
        return;
    }
    let corpus = common::corpus(&args);
    let runs: usize = common::flag(&args, "--runs")
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let threads: Vec<usize> = common::flag(&args, "--threads")
        .unwrap_or("1,2")
        .split(',')
        .filter_map(|t| t.parse().ok())
        .collect();
    println!(
        "corpus: {} ({:.1} MB)",
        corpus.display(),
        common::dir_bytes(&corpus) as f64 / 1e6
    );
    println!("runs per configuration: {runs} (medians shown)");
    let clauses_file = std::env::temp_dir().join("polsearch-bench-clauses.bin");
    let (files, clauses) = write_clause_texts(&corpus, &clauses_file);
    println!("clause texts for the tantivy-clauses baseline: {clauses} clauses of {files} files\n");
    println!(
        "{:<18} {:>7} {:>9} {:>8} {:>12} {:>10} {:>12} {:>9}",
        "indexer", "threads", "seconds", "MB/s", "docs/s", "peak RSS", "index size", "vs source"
    );
    let mut table = Vec::new();
    for &t in &threads {
        for side in SIDES {
            let input = if side == "tantivy-clauses" {
                &clauses_file
            } else {
                &corpus
            };
            let mut measures: Vec<Measure> = (0..runs).map(|_| spawn(side, input, t)).collect();
            let mut secs: Vec<f64> = measures.iter().map(|m| m.secs).collect();
            let median_secs = common::median(&mut secs);
            measures.sort_by(|a, b| a.secs.total_cmp(&b.secs));
            let m = &measures[measures.len() / 2];
            let mbps = m.source_bytes as f64 / 1e6 / median_secs;
            println!(
                "{:<18} {:>7} {:>9.2} {:>8.1} {:>12.0} {:>7} MB {:>9.1} MB {:>8.2}x",
                side,
                t,
                median_secs,
                mbps,
                m.docs as f64 / median_secs,
                m.rss_kib / 1024,
                m.index_bytes as f64 / 1e6,
                m.index_bytes as f64 / m.source_bytes.max(1) as f64
            );
            table.push((side, t, mbps));
        }
    }
    println!();
    for &t in &threads {
        let get = |side| table.iter().find(|r| r.0 == side && r.1 == t).map(|r| r.2);
        for base in ["tantivy-clauses", "tantivy-paragraphs"] {
            if let (Some(p), Some(b)) = (get("polsearch"), get(base)) {
                println!("{t} thread(s): polsearch / {base} = {:.2}x", p / b);
            }
        }
    }
    let scale = |side| {
        let one = table.iter().find(|r| r.0 == side && r.1 == 1)?.2;
        let two = table.iter().find(|r| r.0 == side && r.1 == 2)?.2;
        Some(two / one)
    };
    for side in SIDES {
        if let Some(s) = scale(side) {
            println!("{side}: 2 threads / 1 thread = {s:.2}x");
        }
    }
    let _ = std::fs::remove_file(&clauses_file);
}

const SIDES: [&str; 3] = ["tantivy-clauses", "tantivy-paragraphs", "polsearch"];

/// Cut every file of `corpus` into clauses with polsearch (untimed) and write their texts
/// to `out`, each as a little-endian u32 length and the bytes; the file starts with the
/// corpus's source bytes (u64). Returns (files, clauses).
fn write_clause_texts(corpus: &Path, out: &Path) -> (u64, u64) {
    let files = files_of(corpus);
    let sink = Mutex::new(BufWriter::new(
        std::fs::File::create(out).expect("clause file"),
    ));
    let counts = files
        .par_iter()
        .map(|f| {
            let Ok(raw) = std::fs::read(f) else {
                return (0, 0);
            };
            let Ok(doc) = Document::parse(f, &raw, &Hints::text(), LexiconTagger::shared()) else {
                return (raw.len() as u64, 0);
            };
            let mut buf = Vec::new();
            for c in &doc.clauses {
                buf.extend_from_slice(&(c.clause.text.len() as u32).to_le_bytes());
                buf.extend_from_slice(c.clause.text.as_bytes());
            }
            if let Ok(mut w) = sink.lock() {
                w.write_all(&buf).expect("write clauses");
            }
            (raw.len() as u64, doc.clauses.len() as u64)
        })
        .collect::<Vec<_>>();
    let mut w = sink.into_inner().expect("sink");
    w.flush().expect("flush");
    drop(w);
    // Prepend the source byte count: rewrite with a header.
    let source: u64 = counts.iter().map(|c| c.0).sum();
    let clauses: u64 = counts.iter().map(|c| c.1).sum();
    let body = std::fs::read(out).expect("read clauses");
    let mut file = BufWriter::new(std::fs::File::create(out).expect("clause file"));
    file.write_all(&source.to_le_bytes()).expect("header");
    file.write_all(&body).expect("body");
    file.flush().expect("flush");
    (files.len() as u64, clauses)
}

fn spawn(side: &str, corpus: &Path, threads: usize) -> Measure {
    let out = std::env::temp_dir().join(format!("polsearch-bench-index-{side}-{threads}"));
    let _ = std::fs::remove_dir_all(&out);
    let exe = std::env::current_exe().expect("own path");
    // Pin the child to `threads` cores, so one thread means one core for every side.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pin = threads <= cores
        && Command::new("taskset")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    let mut command = if pin {
        let mut c = Command::new("taskset");
        c.arg("-c").arg(format!("0-{}", threads - 1)).arg(exe);
        c
    } else {
        Command::new(exe)
    };
    let output = command
        .args(["--child", side])
        .arg(corpus)
        .arg(threads.to_string())
        .arg(&out)
        .output()
        .expect("run child");
    let _ = std::fs::remove_dir_all(&out);
    if !output.status.success() {
        panic!("{side} failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    serde_json::from_slice(&output.stdout).expect("child prints one JSON measure")
}

fn child(args: &[String]) {
    let (side, corpus, threads, out) = (
        args[0].as_str(),
        PathBuf::from(&args[1]),
        args[2].parse::<usize>().expect("threads"),
        PathBuf::from(&args[3]),
    );
    let started = Instant::now();
    let (source_bytes, docs) = match side {
        "polsearch" => {
            let opts = IndexOptions {
                corpus: corpus.clone(),
                index_dir: out.clone(),
                threads,
                company_from: CompanyFrom::Auto,
                rebuild: true,
            };
            let r = indexer::build(&opts, &Silent).expect("polsearch indexes");
            (r.bytes, r.clauses)
        }
        "tantivy-clauses" => baseline_clauses(&corpus, &out, threads),
        _ => baseline_paragraphs(&corpus, &out, threads),
    };
    let secs = started.elapsed().as_secs_f64();
    let m = Measure {
        secs,
        source_bytes,
        docs,
        rss_kib: common::peak_rss_kib(),
        index_bytes: common::dir_bytes(&out),
    };
    println!("{}", serde_json::to_string(&m).expect("serialise"));
}

/// A new index with `schema` in `out` and its writer: `threads` threads, the same memory per
/// thread for every side.
fn baseline_writer(schema: Schema, out: &Path, threads: usize) -> IndexWriter {
    std::fs::create_dir_all(out).expect("out dir");
    let index = Index::create_in_dir(out, schema).expect("create");
    index
        .writer_with_num_threads(threads, MEMORY_PER_THREAD * threads)
        .expect("writer")
}

/// Every file below `corpus`.
fn files_of(corpus: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(corpus)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// Plain tantivy over polsearch's clause texts (read back from `clauses`, see
/// [`write_clause_texts`]): one stored text field with the default tokenizer.
fn baseline_clauses(clauses: &Path, out: &Path, threads: usize) -> (u64, u64) {
    let mut builder = Schema::builder();
    // `TEXT`: tantivy's default tokenizer, frequencies and positions.
    let body = builder.add_text_field("body", TEXT | STORED);
    let mut writer = baseline_writer(builder.build(), out, threads);
    let mut input =
        BufReader::with_capacity(1 << 20, std::fs::File::open(clauses).expect("clauses"));
    let mut word = [0u8; 8];
    input.read_exact(&mut word).expect("header");
    let source = u64::from_le_bytes(word);
    let mut docs = 0;
    let mut len = [0u8; 4];
    let mut text = Vec::new();
    while input.read_exact(&mut len).is_ok() {
        text.resize(u32::from_le_bytes(len) as usize, 0);
        input.read_exact(&mut text).expect("clause text");
        let t = String::from_utf8_lossy(&text);
        writer.add_document(doc!(body => t.as_ref())).expect("add");
        docs += 1;
    }
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merge");
    (source, docs)
}

/// Plain tantivy: paragraphs of every file as documents.
fn baseline_paragraphs(corpus: &Path, out: &Path, threads: usize) -> (u64, u64) {
    let mut builder = Schema::builder();
    let body = builder.add_text_field("body", TEXT | STORED);
    let path = builder.add_text_field("path", STRING | STORED);
    let mut writer = baseline_writer(builder.build(), out, threads);
    let files = files_of(corpus);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    let (bytes, docs) = pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                let Ok(text) = std::fs::read_to_string(f) else {
                    return (0, 0);
                };
                let p = f.to_string_lossy();
                let mut n = 0;
                for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
                    writer
                        .add_document(doc!(body => para, path => p.as_ref()))
                        .expect("add");
                    n += 1;
                }
                (text.len() as u64, n)
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merge");
    (bytes, docs)
}
