//! JSON Lines: one message per hit, facet, statement, clause, version, change or verdict,
//! each command closing with its `summary` where it has one (shapes in [`super::wire`]).

use std::io::{self, Write};
use std::path::Path;

use super::wire::{
    ChangeMsg, CheckMsg, ClauseMsg, ClausesMsg, CompanyRetentionMsg, CountRowMsg, CountSummaryMsg,
    CrossValidationMsg, DiffMsg, EvaluationMsg, FacetMsg, FilterCvMsg, HitMsg, IndexMsg, JudgedMsg,
    RelevanceMsg, RetentionJudgedMsg, RetentionRowMsg, RetentionSummaryMsg, RetentionTallyMsg,
    StatsMsg, TallyMsg, VersionMsg,
};
use super::{write_json, DiffView, RetentionRow, SearchSummary, Sink};
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

/// JSON Lines.
pub struct JsonSink<W: Write> {
    out: W,
}

impl<W: Write> JsonSink<W> {
    /// JSON Lines to `out`.
    pub fn new(out: W) -> Self {
        JsonSink { out }
    }
}

impl<W: Write> Sink for JsonSink<W> {
    fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        write_json(&mut self.out, "hit", &HitMsg::from(hit))
    }
    fn facets(&mut self, facets: &FacetCounts) -> io::Result<()> {
        write_json(&mut self.out, "facet", &FacetMsg::from(facets))
    }
    fn summary(&mut self, summary: &SearchSummary, _: usize, _: usize) -> io::Result<()> {
        write_json(&mut self.out, "summary", summary)
    }
    fn indexed(&mut self, report: &IndexReport, _: &Path) -> io::Result<()> {
        write_json(&mut self.out, "summary", &IndexMsg::from(report))
    }
    fn stats(&mut self, stats: &IndexStats) -> io::Result<()> {
        write_json(&mut self.out, "stats", &StatsMsg::from(stats))
    }
    fn check(&mut self, report: &CheckReport) -> io::Result<()> {
        write_json(&mut self.out, "check", &CheckMsg::from(report))
    }
    fn retention(&mut self, table: &RetentionTable, by_company: bool) -> io::Result<()> {
        if by_company {
            for line in &table.companies {
                write_json(
                    &mut self.out,
                    "company",
                    &CompanyRetentionMsg::new(table, line),
                )?;
            }
        } else {
            for (hit, statement) in table.statements() {
                let row = RetentionRow { hit, statement };
                write_json(&mut self.out, "retention", &RetentionRowMsg::from(row))?;
            }
        }
        write_json(&mut self.out, "summary", &RetentionSummaryMsg::from(table))
    }
    fn count_table(&mut self, table: &CountTable, rows: usize) -> io::Result<()> {
        for row in &table.rows {
            write_json(&mut self.out, "row", &CountRowMsg::new(table, row))?;
        }
        write_json(&mut self.out, "summary", &CountSummaryMsg::new(table, rows))
    }
    fn clause(&mut self, path: &str, doc: &Document, clause: &TaggedClause) -> io::Result<()> {
        write_json(&mut self.out, "clause", &ClauseMsg::new(path, doc, clause))
    }
    fn clauses_end(&mut self, path: &str, doc: &Document) -> io::Result<()> {
        write_json(&mut self.out, "summary", &ClausesMsg::new(path, doc))
    }
    fn history(&mut self, _: &str, rows: &[VersionRow]) -> io::Result<()> {
        for row in rows {
            write_json(&mut self.out, "version", &VersionMsg::from(row))?;
        }
        Ok(())
    }
    fn diff(&mut self, view: DiffView) -> io::Result<()> {
        for c in &view.diff.changes {
            write_json(
                &mut self.out,
                "change",
                &ChangeMsg::new(c, view.from, view.to),
            )?;
        }
        write_json(&mut self.out, "summary", &DiffMsg::from(view))
    }
    fn topic_evaluation(&mut self, eval: &Evaluation) -> io::Result<()> {
        write_json(&mut self.out, "evaluation", &EvaluationMsg::from(eval))
    }
    fn topic_cross_validation(&mut self, cv: &TopicCrossValidation) -> io::Result<()> {
        write_json(
            &mut self.out,
            "cross_validation",
            &CrossValidationMsg::from(cv),
        )
    }
    fn relevance(&mut self, report: &relevance::Report) -> io::Result<()> {
        write_json(&mut self.out, "relevance", &RelevanceMsg::from(report))
    }
    fn company_judged(&mut self, row: &Judged) -> io::Result<()> {
        write_json(&mut self.out, "company", &JudgedMsg::from(row))
    }
    fn company_tally(&mut self, tally: &Tally) -> io::Result<()> {
        write_json(&mut self.out, "summary", &TallyMsg::from(tally))
    }
    fn retention_judged(&mut self, row: &RetentionJudged) -> io::Result<()> {
        write_json(&mut self.out, "judged", &RetentionJudgedMsg::from(row))
    }
    fn retention_tally(&mut self, tallies: &[RetentionTally]) -> io::Result<()> {
        let samples: Vec<RetentionTallyMsg> = tallies.iter().map(RetentionTallyMsg::from).collect();
        write_json(
            &mut self.out,
            "summary",
            &serde_json::json!({ "samples": samples }),
        )
    }
    fn retention_filter_cv(&mut self, cv: &FilterCrossValidation) -> io::Result<()> {
        write_json(&mut self.out, "filter_cv", &FilterCvMsg::from(cv))
    }
    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
