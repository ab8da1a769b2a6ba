//! Clause statistics over a folder of policies: how many clauses, how long, how many empty,
//! over-long (> 2,000 bytes) or tiny (< 3 words).
//!
//! Run: `cargo run --release --example segmentation_stats [-- FOLDER]`
//! (default `../shared/corpus/ota`).

use std::process::ExitCode;

use polsearch::analyze::document::Document;
use polsearch::analyze::topic::LexiconTagger;
use polsearch::corpus::Hints;
use polsearch::corpus::{CompanyFrom, Corpus};

fn main() -> ExitCode {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/ota".to_owned());
    let corpus = match Corpus::open(root.as_ref(), None, CompanyFrom::Auto) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let (mut docs, mut skipped) = (0, 0);
    let mut words = Vec::new();
    let (mut empty, mut tiny, mut tiny_headings, mut long, mut long_unbreakable) = (0, 0, 0, 0, 0);
    let mut examples = Vec::new();
    for f in &corpus.files {
        let Ok(raw) = std::fs::read(&f.path) else {
            skipped += 1;
            continue;
        };
        let Ok(doc) = Document::parse(&f.path, &raw, &Hints::default(), LexiconTagger::shared())
        else {
            skipped += 1;
            continue;
        };
        docs += 1;
        for tc in &doc.clauses {
            let c = &tc.clause;
            let n = c.text.split_whitespace().count();
            words.push(n);
            if c.text.trim().is_empty() || c.span.start >= c.span.end {
                empty += 1;
            }
            if n < 3 {
                tiny += 1;
                tiny_headings += usize::from(c.heading);
            }
            if c.span.end - c.span.start > 2000 {
                long += 1;
                // Over-long is acceptable only where the text offers no space to cut at.
                if !c.text.contains(char::is_whitespace) {
                    long_unbreakable += 1;
                } else if examples.len() < 5 {
                    examples.push(format!(
                        "{}:{} ({} bytes)",
                        f.path.display(),
                        c.line,
                        c.span.end - c.span.start
                    ));
                }
            }
        }
    }
    words.sort_unstable();
    let total = words.len().max(1);
    println!(
        "documents: {docs} (skipped {skipped}), clauses: {}",
        words.len()
    );
    println!(
        "median clause: {} words, 90th percentile: {} words",
        words.get(total / 2).unwrap_or(&0),
        words.get(total * 9 / 10).unwrap_or(&0)
    );
    println!("empty clauses (no text or no raw bytes): {empty}");
    println!(
        "clauses under 3 words: {tiny} ({:.1} %), of which headings: {tiny_headings}, other: {:.1} %",
        100.0 * tiny as f64 / total as f64,
        100.0 * (tiny - tiny_headings) as f64 / total as f64
    );
    println!("raw spans over 2,000 bytes: {long} ({long_unbreakable} with no space to cut at)");
    for e in examples {
        println!("  e.g. {e}");
    }
    ExitCode::SUCCESS
}
