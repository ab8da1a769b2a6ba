//! The shapes of `index --json` (`summary`), `stats --json` (`stats`) and `check --json`
//! (`check`).

use serde::Serialize;

use super::millis;
use super::search::FacetCountMsg;
use crate::index::indexer::{IndexReport, Skipped};
use crate::index::integrity::CheckReport;
use crate::search::{FacetCount, IndexStats};

/// The `stats` message: what an index holds.
#[derive(Debug, Serialize)]
pub struct StatsMsg<'a> {
    index: &'a str,
    corpus: &'a str,
    documents: u64,
    /// Policies: a company's versions of one document of one kind and language.
    policies: u64,
    /// Versions that are partial captures (failed, truncated or other pages).
    partial_captures: u64,
    clauses: u64,
    distinct_clauses: u64,
    source_bytes: u64,
    index_bytes: u64,
    polsearch_version: &'a str,
    companies: Vec<FacetCountMsg<'a>>,
    topics: Vec<FacetCountMsg<'a>>,
    kinds: Vec<FacetCountMsg<'a>>,
    langs: Vec<FacetCountMsg<'a>>,
}

impl<'a> From<&'a IndexStats> for StatsMsg<'a> {
    fn from(s: &'a IndexStats) -> Self {
        let counts = |v: &'a [FacetCount]| v.iter().map(FacetCountMsg::from).collect();
        StatsMsg {
            index: &s.index,
            corpus: &s.corpus,
            documents: s.documents,
            policies: s.policies,
            partial_captures: s.partial_captures,
            clauses: s.clauses,
            distinct_clauses: s.distinct_clauses,
            source_bytes: s.source_bytes,
            index_bytes: s.index_bytes,
            polsearch_version: &s.polsearch_version,
            companies: counts(&s.companies),
            topics: counts(&s.topics),
            kinds: counts(&s.kinds),
            langs: counts(&s.langs),
        }
    }
}

/// The `summary` message of `polsearch index --json`.
#[derive(Debug, Serialize)]
pub struct IndexMsg<'a> {
    files: u64,
    clauses: u64,
    bytes: u64,
    added: u64,
    updated: u64,
    removed: u64,
    unchanged: u64,
    rebuilt: Option<&'a str>,
    skipped: Vec<SkippedMsg<'a>>,
    elapsed_ms: f64,
}

impl<'a> From<&'a IndexReport> for IndexMsg<'a> {
    fn from(r: &'a IndexReport) -> Self {
        IndexMsg {
            files: r.files,
            clauses: r.clauses,
            bytes: r.bytes,
            added: r.added,
            updated: r.updated,
            removed: r.removed,
            unchanged: r.unchanged,
            rebuilt: r.rebuilt.as_deref(),
            skipped: r.skipped.iter().map(SkippedMsg::from).collect(),
            elapsed_ms: millis(r.elapsed),
        }
    }
}

/// A file an indexing run left out, and why.
#[derive(Debug, Serialize)]
pub struct SkippedMsg<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path_bytes: Option<&'a str>,
    reason: &'a str,
}

impl<'a> From<&'a Skipped> for SkippedMsg<'a> {
    fn from(s: &'a Skipped) -> Self {
        SkippedMsg {
            path: &s.path,
            path_bytes: s.path_bytes.as_deref(),
            reason: &s.reason,
        }
    }
}

/// The `check` message: what a check of an index found.
#[derive(Debug, Serialize)]
pub struct CheckMsg<'a> {
    index: &'a str,
    generation: &'a str,
    segments: usize,
    documents: u64,
    files_checked: usize,
    problems: &'a [String],
}

impl<'a> From<&'a CheckReport> for CheckMsg<'a> {
    fn from(r: &'a CheckReport) -> Self {
        CheckMsg {
            index: &r.index,
            generation: &r.generation,
            segments: r.segments,
            documents: r.documents,
            files_checked: r.files_checked,
            problems: &r.problems,
        }
    }
}
