//! Labelled data: OPP-115 segments read from CSV (`text,label` or `split,policy,text,label`),
//! label names mapped to topics, and folds grouped by policy for cross-validation.

use std::path::Path;

use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::{Example, TOPICS};
use crate::analyze::topic::Topic;
use crate::error::{Error, Result};

/// The OPP-115 label names as the evaluation CSVs spell them.
pub fn topic_of_label(label: &str) -> Option<Topic> {
    Some(match label.trim() {
        "First Party Collection/Use" => Topic::FirstPartyCollection,
        "Third Party Sharing/Collection" => Topic::ThirdPartySharing,
        "User Choice/Control" => Topic::UserChoice,
        "User Access, Edit and Deletion" => Topic::UserAccess,
        "Data Retention" => Topic::DataRetention,
        "Data Security" => Topic::DataSecurity,
        "Policy Change" => Topic::PolicyChange,
        "Do Not Track" => Topic::DoNotTrack,
        "International and Specific Audiences" => Topic::SpecificAudiences,
        "Introductory/Generic" => Topic::Introductory,
        "Privacy contact information" => Topic::Contact,
        "Practice not covered" => Topic::Other,
        other => return other.parse().ok(),
    })
}

/// Read a `(text, label)` CSV (no header), grouping the rows of one text into one example.
pub fn load_csv(path: &Path) -> Result<Vec<Example>> {
    let bad = |reason: String| Error::BadFile {
        path: path.to_path_buf(),
        reason,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .map_err(|e| bad(e.to_string()))?;
    let mut examples: Vec<Example> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    for (n, row) in reader.records().enumerate() {
        let row = row.map_err(|e| bad(format!("row {}: {e}", n + 1)))?;
        let (Some(text), Some(label)) = (row.get(0), row.get(1)) else {
            return Err(bad(format!("row {}: expected text,label", n + 1)));
        };
        let topic = topic_of_label(label)
            .ok_or_else(|| bad(format!("row {}: unknown label '{label}'", n + 1)))?;
        let i = *index.entry(text.to_owned()).or_insert_with(|| {
            examples.push(Example {
                text: text.to_owned(),
                labels: [false; TOPICS],
            });
            examples.len() - 1
        });
        examples[i].labels[topic as usize] = true;
    }
    Ok(examples)
}

/// A labelled segment of `segments.csv` with the split and the policy it comes from.
#[derive(Debug, Clone)]
pub struct Labelled {
    /// `train` or `validation`.
    pub split: String,
    /// The policy the segment comes from (for folds grouped by policy).
    pub policy: String,
    /// The segment and its labels.
    pub example: Example,
}

/// Read a `split,policy,text,label` CSV (with that header), grouping the rows of one segment
/// (same policy and text) into one example, in the order segments first appear.
pub fn load_segments(path: &Path) -> Result<Vec<Labelled>> {
    let bad = |reason: String| Error::BadFile {
        path: path.to_path_buf(),
        reason,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .map_err(|e| bad(e.to_string()))?;
    let headers = reader.headers().map_err(|e| bad(e.to_string()))?.clone();
    let column = |name: &str| {
        headers.iter().position(|h| h == name).ok_or_else(|| {
            bad(format!(
                "no '{name}' column (expected split,policy,text,label)"
            ))
        })
    };
    let (split, policy, text, label) = (
        column("split")?,
        column("policy")?,
        column("text")?,
        column("label")?,
    );
    let mut out: Vec<Labelled> = Vec::new();
    let mut index: std::collections::HashMap<(String, String), usize> = Default::default();
    for (n, row) in reader.records().enumerate() {
        // Row numbers as an editor shows them: the header is line 1.
        let row = row.map_err(|e| bad(format!("line {}: {e}", n + 2)))?;
        let field = |i: usize| row.get(i).unwrap_or_default();
        let topic = topic_of_label(field(label))
            .ok_or_else(|| bad(format!("line {}: unknown label '{}'", n + 2, field(label))))?;
        let key = (field(policy).to_owned(), field(text).to_owned());
        let i = *index.entry(key).or_insert_with(|| {
            out.push(Labelled {
                split: field(split).to_owned(),
                policy: field(policy).to_owned(),
                example: Example {
                    text: field(text).to_owned(),
                    labels: [false; TOPICS],
                },
            });
            out.len() - 1
        });
        out[i].example.labels[topic as usize] = true;
    }
    Ok(out)
}

/// The fold of each example, `0..k`, grouped by policy: every segment of a policy lands in the
/// same fold, and policies are dealt to folds round-robin in the order of a seeded hash of
/// their names (deterministic, and independent of the order of the rows).
pub fn policy_folds(policies: &[&str], k: usize, seed: u64) -> Vec<usize> {
    let mut distinct: Vec<&str> = policies.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    distinct.sort_by_key(|p| (xxh3_64_with_seed(p.as_bytes(), seed), *p));
    let fold: std::collections::HashMap<&str, usize> = distinct
        .iter()
        .enumerate()
        .map(|(i, p)| (*p, i % k.max(1)))
        .collect();
    policies.iter().map(|p| fold[p]).collect()
}
