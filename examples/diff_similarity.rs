//! How close is a removed clause to the closest added one, between consecutive versions of
//! a policy? The histogram this prints is what `versions::MODIFIED_MIN` is chosen from: a
//! rewritten sentence has a close partner, a dropped one does not.
//!
//! ```sh
//! cargo run --release --example diff_similarity -- /tmp/ota/ota-history [PAIRS_PER_FOLDER]
//! ```
//!
//! Reads every folder of the corpus (one policy's versions in file-name order), diffs up to
//! PAIRS_PER_FOLDER (default 10) consecutive pairs by exact text, and for each clause only in
//! the old version prints the best `versions::similarity` with a clause only in the new one.
//! A third argument SHOW prints examples whose best similarity is in [SHOW, SHOW + 0.1).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use polsearch::analyze::document::Document;
use polsearch::corpus::Hints;
use polsearch::text::collapse_ws;
use polsearch::versions::similarity;

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn texts(path: &Path) -> Vec<String> {
    let raw = std::fs::read(path).unwrap_or_default();
    Document::read(path, &raw, &Hints::text())
        .map(|d| {
            d.clauses
                .iter()
                .map(|c| collapse_ws(&c.clause.text))
                .collect()
        })
        .unwrap_or_default()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: diff_similarity CORPUS [PAIRS]"));
    let per_folder: usize = args.next().map_or(10, |a| a.parse().expect("a number"));
    // Optional: print up to 12 examples whose best similarity is in [SHOW, SHOW + 0.1).
    let show: Option<f64> = args.next().map(|a| a.parse().expect("a number"));
    let mut shown = 0;
    let mut bins = [0usize; 11];
    let mut pairs = 0;
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("a corpus folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    for folder in folders {
        let versions = files(&folder);
        for w in versions.windows(2).take(per_folder) {
            let (old, new) = (texts(&w[0]), texts(&w[1]));
            let mut left: HashMap<&str, usize> = HashMap::new();
            for t in &new {
                *left.entry(t).or_default() += 1;
            }
            let mut removed = Vec::new();
            for t in &old {
                match left.get_mut(t.as_str()) {
                    Some(n) if *n > 0 => *n -= 1,
                    _ => removed.push(t),
                }
            }
            let mut kept: HashMap<&str, usize> = HashMap::new();
            for t in &old {
                *kept.entry(t).or_default() += 1;
            }
            let added: Vec<&String> = new
                .iter()
                .filter(|t| match kept.get_mut(t.as_str()) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                })
                .collect();
            if removed.is_empty() {
                continue;
            }
            pairs += 1;
            for r in removed {
                let best = added
                    .iter()
                    .map(|a| similarity(r, a))
                    .fold(0.0f64, f64::max);
                bins[(best * 10.0).floor() as usize] += 1;
                if let Some(lo) = show.filter(|&lo| (lo..lo + 0.1).contains(&best)) {
                    if shown < 12 && shown * 40 < bins.iter().sum::<usize>() {
                        shown += 1;
                        let partner = added
                            .iter()
                            .max_by(|a, b| similarity(r, a).total_cmp(&similarity(r, b)))
                            .expect("an added clause");
                        println!("{best:.2} [{lo:.1}]\n  - {r}\n  + {partner}");
                    }
                }
            }
        }
    }
    let total: usize = bins.iter().sum();
    println!("{pairs} version pairs with a removed clause, {total} removed clauses");
    println!("best similarity  removed clauses");
    for (i, n) in bins.iter().enumerate() {
        let label = if i == 10 {
            "1.0".to_owned()
        } else {
            format!("{:.1}-{:.1}", i as f64 / 10.0, (i + 1) as f64 / 10.0)
        };
        println!(
            "{label:>9}  {n:>8}  {:5.1}%",
            100.0 * *n as f64 / total.max(1) as f64
        );
    }
}
