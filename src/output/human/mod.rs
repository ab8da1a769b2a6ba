//! Human-readable output, a file per command's results: `search` (hits, facets, the closing
//! count), `index` (an indexing run, stats, a check), `retention`, `clauses`, `versions`
//! (history and diffs) and `eval` (the evaluation commands' reports).

mod clauses;
mod count;
mod eval;
mod index;
mod retention;
mod search;
mod versions;

use std::io::{self, Write};
use std::path::Path;

use super::{DiffView, SearchSummary, Sink, Style};
use crate::analyze::classifier::{
    CrossValidation as TopicCrossValidation, Evaluation, FilterCrossValidation,
};
use crate::analyze::company::{Judged, Tally};
use crate::analyze::document::{Document, TaggedClause};
use crate::analyze::retention_judge::{Judged as RetentionJudged, Tally as RetentionTally};
use crate::index::indexer::IndexReport;
use crate::index::integrity::CheckReport;
use crate::search::{relevance, CountTable, FacetCounts, Hit, IndexStats, RetentionTable};
use crate::versions::VersionRow;

/// Human-readable text.
pub struct HumanSink<W: Write> {
    out: W,
    style: Style,
}

impl<W: Write> HumanSink<W> {
    /// Human-readable lines to `out`.
    pub fn new(out: W, style: Style) -> Self {
        HumanSink { out, style }
    }
}

impl<W: Write> Sink for HumanSink<W> {
    fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        search::hit(&mut self.out, self.style, hit)
    }
    fn facets(&mut self, facets: &FacetCounts) -> io::Result<()> {
        search::facets(&mut self.out, facets)
    }
    fn summary(&mut self, summary: &SearchSummary, shown: usize, offset: usize) -> io::Result<()> {
        search::summary(&mut self.out, self.style, summary, shown, offset)
    }
    fn indexed(&mut self, report: &IndexReport, dir: &Path) -> io::Result<()> {
        index::indexed(&mut self.out, report, dir)
    }
    fn stats(&mut self, stats: &IndexStats) -> io::Result<()> {
        index::stats(&mut self.out, stats)
    }
    fn check(&mut self, report: &CheckReport) -> io::Result<()> {
        index::check(&mut self.out, report)
    }
    fn retention(&mut self, table: &RetentionTable, by_company: bool) -> io::Result<()> {
        if by_company {
            retention::companies(&mut self.out, table)?;
        } else {
            retention::statements(&mut self.out, table)?;
        }
        retention::end(&mut self.out, table)
    }
    fn count_table(&mut self, table: &CountTable, rows: usize) -> io::Result<()> {
        count::table(&mut self.out, table, rows)
    }
    fn clause(&mut self, path: &str, _: &Document, clause: &TaggedClause) -> io::Result<()> {
        clauses::clause(&mut self.out, path, clause)
    }
    fn clauses_end(&mut self, _: &str, doc: &Document) -> io::Result<()> {
        clauses::end(&mut self.out, doc)
    }
    fn history(&mut self, company: &str, rows: &[VersionRow]) -> io::Result<()> {
        versions::history(&mut self.out, company, rows)
    }
    fn diff(&mut self, view: DiffView) -> io::Result<()> {
        versions::diff(&mut self.out, self.style, view)
    }
    fn topic_evaluation(&mut self, eval: &Evaluation) -> io::Result<()> {
        eval::topic_evaluation(&mut self.out, eval)
    }
    fn topic_cross_validation(&mut self, cv: &TopicCrossValidation) -> io::Result<()> {
        eval::topic_cross_validation(&mut self.out, cv)
    }
    fn relevance(&mut self, report: &relevance::Report) -> io::Result<()> {
        eval::relevance(&mut self.out, report)
    }
    fn company_judged(&mut self, row: &Judged) -> io::Result<()> {
        eval::company_judged(&mut self.out, row)
    }
    fn company_tally(&mut self, tally: &Tally) -> io::Result<()> {
        eval::company_tally(&mut self.out, tally)
    }
    fn retention_judged(&mut self, row: &RetentionJudged) -> io::Result<()> {
        eval::retention_judged(&mut self.out, row)
    }
    fn retention_tally(&mut self, tallies: &[RetentionTally]) -> io::Result<()> {
        eval::retention_tally(&mut self.out, tallies)
    }
    fn retention_filter_cv(&mut self, cv: &FilterCrossValidation) -> io::Result<()> {
        eval::retention_filter_cv(&mut self.out, cv)
    }
    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
