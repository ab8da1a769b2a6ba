//! Fingerprints what decides a clause's facts: the analysis code (segmentation, topics,
//! retention, company), the corpus readers (decoding, HTML and Markdown to text, offsets) and
//! the trained models. An index records the fingerprint of the polsearch that analysed it;
//! `polsearch index` analyses every file again when it differs, so an upgrade never leaves
//! an analyst with facts the new rules would not give. Rust files count by their compiled
//! tokens (`src/index/fingerprint.rs`): comments, documentation and test modules do not.

use std::path::{Path, PathBuf};

#[path = "src/index/fingerprint.rs"]
mod fingerprint;

/// The folders and files whose contents make up the fingerprint.
const INPUTS: &[&str] = &[
    "src/analyze",
    "src/corpus",
    "src/text.rs",
    "src/policy.rs",
    "models",
];

fn main() {
    let mut files = Vec::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        collect(Path::new(input), &mut files);
    }
    files.sort();
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for file in &files {
        // Path and contents (a Rust file's tokens, anything else's bytes), each closed by its
        // length, so that moving code between files counts.
        let name = file.to_string_lossy().replace('\\', "/");
        let mut bytes = std::fs::read(file).unwrap_or_default();
        if file.extension().is_some_and(|e| e == "rs") {
            if let Some(tokens) = std::str::from_utf8(&bytes)
                .ok()
                .and_then(fingerprint::code_tokens)
            {
                bytes = tokens;
            }
        }
        hasher.update(name.as_bytes());
        hasher.update(&(name.len() as u64).to_le_bytes());
        hasher.update(&bytes);
        hasher.update(&(bytes.len() as u64).to_le_bytes());
    }
    println!(
        "cargo:rustc-env=POLSEARCH_ANALYSIS={:016x}",
        hasher.digest()
    );
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            collect(&entry.path(), out);
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}
