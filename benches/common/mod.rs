//! Shared by the bench binaries: which corpus to run on, and small statistics helpers.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The corpus to benchmark: the first free argument, else the OTA history corpus unpacked
/// from `../shared` into the temp dir (once), else the demo corpus.
pub fn corpus(args: &[String]) -> PathBuf {
    // The first argument that is neither a flag nor a flag's value (`--rounds 10`).
    let positional = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || !args[i - 1].starts_with("--")));
    if let Some((_, arg)) = positional {
        return PathBuf::from(arg);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let archive = root.join("../shared/corpus/ota-history.tar.zst");
    if archive.is_file() {
        let into = std::env::temp_dir().join("polsearch-bench");
        let unpacked = into.join("ota-history");
        if !unpacked.is_dir() {
            eprintln!("unpacking {} into {}", archive.display(), into.display());
            std::fs::create_dir_all(&into).expect("temp dir");
            let ok = Command::new("tar")
                .arg("--zstd")
                .arg("-xf")
                .arg(&archive)
                .arg("-C")
                .arg(&into)
                .status()
                .is_ok_and(|s| s.success());
            if ok {
                return unpacked;
            }
            eprintln!("could not unpack the history corpus; using the demo corpus");
        } else {
            return unpacked;
        }
    }
    eprintln!("../shared is absent: benchmarking the demo corpus");
    root.join("corpus")
}

/// The value after `--name`, if given.
pub fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

pub fn median(values: &mut [f64]) -> f64 {
    percentile(values, 50.0)
}

/// Nearest-rank percentile.
pub fn percentile(values: &mut [f64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let rank = ((p / 100.0) * values.len() as f64).ceil() as usize;
    values[rank.clamp(1, values.len()) - 1]
}

/// Peak resident set size of this process, in KiB (Linux `VmHWM`).
pub fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Bytes of all files below `dir`.
pub fn dir_bytes(dir: &Path) -> u64 {
    polsearch::index::store::disk_size(dir)
}

/// An index of `corpus` in the temp dir under `polsearch-bench-NAME-CORPUS`, reused when up to
/// date (an unchanged corpus re-indexes in well under a second), rebuilt when an older
/// polsearch built it: its folder, and the index opened.
pub fn indexed(corpus: &Path, name: &str) -> (PathBuf, polsearch::search::PolicyIndex) {
    use polsearch::index::indexer::{self, IndexOptions};
    let index_dir = std::env::temp_dir().join(format!(
        "polsearch-bench-{name}-{}",
        corpus
            .file_name()
            .map_or("corpus".into(), |n| n.to_string_lossy().into_owned())
    ));
    let opts = IndexOptions {
        corpus: corpus.to_path_buf(),
        index_dir: index_dir.clone(),
        threads: 2,
        company_from: polsearch::corpus::CompanyFrom::Auto,
        rebuild: false,
    };
    let silent = polsearch::progress::Silent;
    let report = match indexer::build(&opts, &silent) {
        Err(polsearch::Error::IncompatibleIndex { .. }) => indexer::build(
            &IndexOptions {
                rebuild: true,
                ..opts.clone()
            },
            &silent,
        ),
        other => other,
    }
    .expect("index the corpus");
    println!(
        "corpus: {} — index {} ({} added, {} unchanged)",
        corpus.display(),
        index_dir.display(),
        report.added,
        report.unchanged
    );
    let index = polsearch::search::PolicyIndex::open(&index_dir).expect("open index");
    (index_dir, index)
}
