//! End-to-end indexing benchmark: polsearch against a plain-tantivy baseline, same run.
//!
//! What is compared: wall time to index a corpus (walk, read, and for polsearch also decode,
//! segment, tag, facets), commit included, at 1 and 2 threads, each configuration in a fresh
//! child process so peak RSS is its own. The baseline is what a competent tantivy user would
//! write in an afternoon: the files read in parallel with rayon, each split into paragraph
//! documents at blank lines, one `TEXT | STORED` field with tantivy's `en_stem` analyser
//! (positions on), a path field, the same writer threads and memory budget, default settings
//! and merge policy.
//!
//! Run: `cargo bench --bench index [-- CORPUS] [--runs N] [--threads 1,2]`
//! (default corpus: ../shared's history corpus unpacked to the temp dir, else the demo corpus).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use polsearch::corpus::CompanyFrom;
use polsearch::indexer::{self, IndexOptions};
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

fn main() {
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
    println!("runs per configuration: {runs} (medians shown)\n");
    println!(
        "{:<10} {:>7} {:>9} {:>8} {:>12} {:>10} {:>12} {:>9}",
        "indexer", "threads", "seconds", "MB/s", "docs/s", "peak RSS", "index size", "vs source"
    );
    let mut table = Vec::new();
    for &t in &threads {
        for side in ["baseline", "polsearch"] {
            let mut measures: Vec<Measure> = (0..runs).map(|_| spawn(side, &corpus, t)).collect();
            let mut secs: Vec<f64> = measures.iter().map(|m| m.secs).collect();
            let median_secs = common::median(&mut secs);
            measures.sort_by(|a, b| a.secs.total_cmp(&b.secs));
            let m = &measures[measures.len() / 2];
            let mbps = m.source_bytes as f64 / 1e6 / median_secs;
            println!(
                "{:<10} {:>7} {:>9.2} {:>8.1} {:>12.0} {:>7} MB {:>9.1} MB {:>8.2}x",
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
        if let (Some(p), Some(b)) = (get("polsearch"), get("baseline")) {
            println!("{t} thread(s): polsearch / baseline = {:.2}x", p / b);
        }
    }
    let scale = |side| {
        let one = table.iter().find(|r| r.0 == side && r.1 == 1)?.2;
        let two = table.iter().find(|r| r.0 == side && r.1 == 2)?.2;
        Some(two / one)
    };
    for side in ["polsearch", "baseline"] {
        if let Some(s) = scale(side) {
            println!("{side}: 2 threads / 1 thread = {s:.2}x");
        }
    }
}

fn spawn(side: &str, corpus: &Path, threads: usize) -> Measure {
    let out = std::env::temp_dir().join(format!("polsearch-bench-index-{side}-{threads}"));
    let _ = std::fs::remove_dir_all(&out);
    let exe = std::env::current_exe().expect("own path");
    let output = Command::new(exe)
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
        _ => baseline(&corpus, &out, threads),
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

/// Plain tantivy: paragraphs of every file as documents.
fn baseline(corpus: &Path, out: &Path, threads: usize) -> (u64, u64) {
    let mut builder = Schema::builder();
    let body = builder.add_text_field("body", TEXT | STORED);
    let path = builder.add_text_field("path", STRING | STORED);
    let schema = builder.build();
    std::fs::create_dir_all(out).expect("out dir");
    let index = Index::create_in_dir(out, schema).expect("create");
    let mut writer: IndexWriter = index
        .writer_with_num_threads(threads, MEMORY_PER_THREAD * threads)
        .expect("writer");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(corpus)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
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
