//! Output formats. Every command's results flow into a [`Sink`]; each format is one
//! implementation of it ([`human`], [`json`]). What JSON Lines print is defined apart from the
//! library's types, in [`wire`]: a domain type can change without changing the format.
//!
//! JSON Lines messages share one envelope, `{"type": ..., "data": ...}` (documented in the
//! README). Human output marks matching words, and diffs their changes, in colour only when
//! stdout is a terminal. A new format is one more implementation of [`Sink`]; a new command's
//! output is one more method, a wire type and its human rendering.

pub mod export;
pub mod human;
pub mod json;
pub mod table;
pub mod wire;

pub use human::HumanSink;
pub use json::JsonSink;

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::analyze::classifier::{
    CrossValidation as TopicCrossValidation, Evaluation, FilterCrossValidation,
};
use crate::analyze::company::{Judged, Tally};
use crate::analyze::document::{Document, TaggedClause};
use crate::analyze::retention::Retention;
use crate::analyze::retention_judge::{Judged as RetentionJudged, Tally as RetentionTally};
use crate::index::indexer::IndexReport;
use crate::index::integrity::CheckReport;
use crate::search::{relevance, CountTable, FacetCounts, Hit, IndexStats, RetentionTable};
use crate::versions::{Diff, VersionRow};

/// The summary that closes a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchSummary {
    /// Matches, in `count`; a lower bound when `total_exact` is false.
    pub total_hits: usize,
    /// What `total_hits` and facet counts count: `clauses` (distinct), `occurrences`,
    /// `documents` or `companies`.
    pub count: &'static str,
    /// Whether `total_hits` is exact.
    pub total_exact: bool,
    /// The hits' order: `relevance` or `document` ([`crate::search::Order`]).
    pub order: &'static str,
    /// How long the search took.
    pub elapsed_ms: f64,
}

/// One retention statement of `polsearch retention`, with the hit whose clause makes it.
#[derive(Debug, Clone, Copy)]
pub struct RetentionRow<'a> {
    /// The clause.
    pub hit: &'a Hit,
    /// The statement (offsets absolute in the file).
    pub statement: &'a Retention,
}

/// One diff between two versions, with the names of the two sides.
#[derive(Debug, Clone, Copy)]
pub struct DiffView<'a> {
    /// The changes.
    pub diff: &'a Diff,
    /// The old version's path, and the new one's.
    pub from: &'a str,
    /// (see `from`)
    pub to: &'a str,
    /// The kind of document compared, when a company's versions are.
    pub kind: Option<&'a str>,
    /// Their language, when a company's versions are compared.
    pub lang: Option<crate::analyze::lang::Lang>,
}

/// Where every command's results go: one implementation per output format.
pub trait Sink {
    /// One search hit.
    fn hit(&mut self, hit: &Hit) -> io::Result<()>;
    /// One facet's counts.
    fn facets(&mut self, facets: &FacetCounts) -> io::Result<()>;
    /// The summary, after the hits and facets; `shown` hits from `offset`.
    fn summary(&mut self, summary: &SearchSummary, shown: usize, offset: usize) -> io::Result<()>;
    /// What an indexing run into `dir` did.
    fn indexed(&mut self, report: &IndexReport, dir: &Path) -> io::Result<()>;
    /// What an index holds.
    fn stats(&mut self, stats: &IndexStats) -> io::Result<()>;
    /// What a check of an index found (the problems themselves are the command's error).
    fn check(&mut self, report: &CheckReport) -> io::Result<()>;
    /// A retention table: every statement, grouped by company, or with `by_company` a line
    /// per company; then how many statements, clauses and companies.
    fn retention(&mut self, table: &RetentionTable, by_company: bool) -> io::Result<()>;
    /// A count table (`polsearch count`) whose first `shown` rows are in `table.rows` of
    /// `rows` in all.
    fn count_table(&mut self, table: &CountTable, rows: usize) -> io::Result<()>;
    /// One clause of a file as `polsearch clauses` cuts it (`path` as given).
    fn clause(&mut self, path: &str, doc: &Document, clause: &TaggedClause) -> io::Result<()>;
    /// After a file's clauses: what was read of the file.
    fn clauses_end(&mut self, path: &str, doc: &Document) -> io::Result<()>;
    /// A company's versions, in the order `versions::history` gives.
    fn history(&mut self, company: &str, rows: &[VersionRow]) -> io::Result<()>;
    /// What changed between two versions.
    fn diff(&mut self, diff: DiffView) -> io::Result<()>;
    /// A topic tagger's quality on labelled segments (`topics eval`).
    fn topic_evaluation(&mut self, eval: &Evaluation) -> io::Result<()>;
    /// A topic model's cross-validation grouped by policy (`topics eval --folds`).
    fn topic_cross_validation(&mut self, cv: &TopicCrossValidation) -> io::Result<()>;
    /// Question ranking's figures (`eval relevance`).
    fn relevance(&mut self, report: &relevance::Report) -> io::Result<()>;
    /// One file's inferred company against the truth (`eval company --show`).
    fn company_judged(&mut self, row: &Judged) -> io::Result<()>;
    /// The verdicts counted (`eval company`).
    fn company_tally(&mut self, tally: &Tally) -> io::Result<()>;
    /// One labelled clause against the retention extractor (`eval retention --show`).
    fn retention_judged(&mut self, row: &RetentionJudged) -> io::Result<()>;
    /// Retention precision and recall, per sample and over all (`eval retention`).
    fn retention_tally(&mut self, tallies: &[RetentionTally]) -> io::Result<()>;
    /// The learnt retention filter's cross-validation (`eval retention --folds`).
    fn retention_filter_cv(&mut self, cv: &FilterCrossValidation) -> io::Result<()>;
    /// Write out what is buffered.
    fn finish(&mut self) -> io::Result<()>;
}

/// A sink on standard output (buffered): JSON Lines, or human text coloured when `colour`.
pub fn stdout_sink(json: bool, colour: bool) -> Box<dyn Sink> {
    let out = io::BufWriter::new(io::stdout());
    if json {
        Box::new(JsonSink::new(out))
    } else {
        Box::new(HumanSink::new(out, Style::new(colour)))
    }
}

/// Write one JSON Lines message of any serialisable payload.
pub fn write_json<W: Write, T: Serialize>(out: &mut W, kind: &str, data: &T) -> io::Result<()> {
    #[derive(Serialize)]
    struct Envelope<'a, T> {
        #[serde(rename = "type")]
        kind: &'a str,
        data: &'a T,
    }
    serde_json::to_writer(&mut *out, &Envelope { kind, data })?;
    out.write_all(b"\n")
}

/// Styles for human output; all empty when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// The file path.
    pub path: &'static str,
    /// A matching word.
    pub mark: &'static str,
    /// Secondary details.
    pub dim: &'static str,
    /// Back to plain text.
    pub reset: &'static str,
    /// Text only in an old version, and only in a new one (diffs).
    pub removed: &'static str,
    /// (see `removed`)
    pub added: &'static str,
}

impl Style {
    /// The styles, or none when `colour` is false.
    pub fn new(colour: bool) -> Style {
        if colour {
            Style {
                path: "\x1b[35m",
                mark: "\x1b[1;31m",
                dim: "\x1b[2m",
                reset: "\x1b[0m",
                removed: "\x1b[31m",
                added: "\x1b[32m",
            }
        } else {
            Style {
                path: "",
                mark: "",
                dim: "",
                reset: "",
                removed: "",
                added: "",
            }
        }
    }
}
