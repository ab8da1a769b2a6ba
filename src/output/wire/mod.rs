//! The JSON shapes polsearch prints, as the README documents them (`search --json` and
//! `--queries`, `index`, `stats`, `check`, `retention`, `clauses`, `diff` and `history` with
//! `--json`), built from the library's results without being them: a library type can change
//! without changing the format. The evaluation commands' shapes are in [`eval`].

mod eval;

pub use eval::{
    CrossValidationMsg, EvaluationMsg, FoldMsg, JudgedMsg, RankingRowMsg, RelevanceMsg, TallyMsg,
    TopicScoreMsg,
};

use std::time::Duration;

use serde::Serialize;

use crate::analyze::company::Evidence;
use crate::analyze::document::{CompanySource, Document, TaggedClause};
use crate::analyze::retention::Retention;
use crate::index::indexer::{IndexReport, Skipped};
use crate::index::integrity::CheckReport;
use crate::search::{FacetCount, FacetCounts, Hit, IndexStats, SearchResults};
use crate::text::Span;
use crate::versions::{Change, PeriodChange, Side, TopicChange, VersionRow, WordChange};

/// A `hit` message: one ranked clause (or occurrence).
#[derive(Debug, Serialize)]
pub struct HitMsg<'a> {
    rank: usize,
    score: f32,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path_bytes: Option<&'a str>,
    company: &'a str,
    topics: &'a [String],
    start: usize,
    end: usize,
    line: u32,
    section: &'a str,
    text: &'a str,
    kind: &'a str,
    date: Option<&'a str>,
    snapshot: Option<&'a str>,
    effective: Option<&'a str>,
    title: Option<&'a str>,
    occurrences: u64,
    documents: u64,
    first_seen: Option<&'a str>,
    last_seen: Option<&'a str>,
    retention: Vec<RetentionMsg<'a>>,
    #[serde(serialize_with = "Span::pairs")]
    highlights: &'a [Span],
}

impl<'a> From<&'a Hit> for HitMsg<'a> {
    fn from(h: &'a Hit) -> Self {
        HitMsg {
            rank: h.rank,
            score: h.score,
            path: &h.path,
            path_bytes: h.path_bytes.as_deref(),
            company: &h.company,
            topics: &h.topics,
            start: h.span.start,
            end: h.span.end,
            line: h.line,
            section: &h.section,
            text: &h.text,
            kind: &h.kind,
            date: h.date.as_deref(),
            snapshot: h.snapshot.as_deref(),
            effective: h.effective.as_deref(),
            title: h.title.as_deref(),
            occurrences: h.occurrences,
            documents: h.documents,
            first_seen: h.first_seen.as_deref(),
            last_seen: h.last_seen.as_deref(),
            retention: h.retention.iter().map(RetentionMsg::from).collect(),
            highlights: &h.highlights,
        }
    }
}

/// A retention statement of a hit, offsets absolute in the file.
#[derive(Debug, Serialize)]
pub struct RetentionMsg<'a> {
    text: &'a str,
    days: Option<u64>,
    kind: &'static str,
    start: usize,
    end: usize,
}

impl<'a> From<&'a Retention> for RetentionMsg<'a> {
    fn from(r: &'a Retention) -> Self {
        RetentionMsg {
            text: &r.text,
            days: r.days,
            kind: r.kind.name(),
            start: r.span.start,
            end: r.span.end,
        }
    }
}

/// A `facet` message: one facet's counts over the whole result set.
#[derive(Debug, Serialize)]
pub struct FacetMsg<'a> {
    field: &'a str,
    counts: Vec<FacetCountMsg<'a>>,
}

impl<'a> From<&'a FacetCounts> for FacetMsg<'a> {
    fn from(f: &'a FacetCounts) -> Self {
        FacetMsg {
            field: &f.field,
            counts: f.counts.iter().map(FacetCountMsg::from).collect(),
        }
    }
}

/// One value of a facet and its count.
#[derive(Debug, Serialize)]
pub struct FacetCountMsg<'a> {
    value: &'a str,
    count: u64,
}

impl<'a> From<&'a FacetCount> for FacetCountMsg<'a> {
    fn from(c: &'a FacetCount) -> Self {
        FacetCountMsg {
            value: &c.value,
            count: c.count,
        }
    }
}

/// The `stats` message: what an index holds.
#[derive(Debug, Serialize)]
pub struct StatsMsg<'a> {
    index: &'a str,
    corpus: &'a str,
    documents: u64,
    clauses: u64,
    distinct_clauses: u64,
    source_bytes: u64,
    index_bytes: u64,
    polsearch_version: &'a str,
    companies: Vec<FacetCountMsg<'a>>,
    topics: Vec<FacetCountMsg<'a>>,
    kinds: Vec<FacetCountMsg<'a>>,
}

impl<'a> From<&'a IndexStats> for StatsMsg<'a> {
    fn from(s: &'a IndexStats) -> Self {
        let counts = |v: &'a [FacetCount]| v.iter().map(FacetCountMsg::from).collect();
        StatsMsg {
            index: &s.index,
            corpus: &s.corpus,
            documents: s.documents,
            clauses: s.clauses,
            distinct_clauses: s.distinct_clauses,
            source_bytes: s.source_bytes,
            index_bytes: s.index_bytes,
            polsearch_version: &s.polsearch_version,
            companies: counts(&s.companies),
            topics: counts(&s.topics),
            kinds: counts(&s.kinds),
        }
    }
}

/// A `change` message of `diff --json`: one changed clause, with the files beside it.
#[derive(Debug, Serialize)]
pub struct ChangeMsg<'a> {
    from_path: Option<&'a str>,
    to_path: Option<&'a str>,
    change: &'static str,
    from: Option<SideMsg<'a>>,
    to: Option<SideMsg<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    similarity: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    words: Vec<WordChangeMsg<'a>>,
    topics_added: &'a [String],
    topics_removed: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    retention: Option<PeriodChangeMsg<'a>>,
}

impl<'a> ChangeMsg<'a> {
    /// The message of `change` between the files `from_path` and `to_path` (each named only
    /// when the change has a clause on that side).
    pub fn new(change: &'a Change, from_path: &'a str, to_path: &'a str) -> Self {
        ChangeMsg {
            from_path: change.from.as_ref().map(|_| from_path),
            to_path: change.to.as_ref().map(|_| to_path),
            change: change.change.name(),
            from: change.from.as_ref().map(SideMsg::from),
            to: change.to.as_ref().map(SideMsg::from),
            similarity: change.similarity,
            words: change.words.iter().map(WordChangeMsg::from).collect(),
            topics_added: &change.topics_added,
            topics_removed: &change.topics_removed,
            retention: change.retention.as_ref().map(PeriodChangeMsg::from),
        }
    }
}

/// One side of a changed clause, offsets in its own file.
#[derive(Debug, Serialize)]
pub struct SideMsg<'a> {
    start: usize,
    end: usize,
    line: u32,
    section: &'a str,
    text: &'a str,
    heading: bool,
    topics: &'a [String],
    retention: Vec<RetentionMsg<'a>>,
}

impl<'a> From<&'a Side> for SideMsg<'a> {
    fn from(s: &'a Side) -> Self {
        SideMsg {
            start: s.span.start,
            end: s.span.end,
            line: s.line,
            section: &s.section,
            text: &s.text,
            heading: s.heading,
            topics: &s.topics,
            retention: s.retention.iter().map(RetentionMsg::from).collect(),
        }
    }
}

/// A word-level piece of a modified clause.
#[derive(Debug, Serialize)]
pub struct WordChangeMsg<'a> {
    op: &'static str,
    text: &'a str,
}

impl<'a> From<&'a WordChange> for WordChangeMsg<'a> {
    fn from(w: &'a WordChange) -> Self {
        WordChangeMsg {
            op: w.op,
            text: &w.text,
        }
    }
}

/// Stated retention periods before and after.
#[derive(Debug, Serialize)]
pub struct PeriodChangeMsg<'a> {
    from: &'a [String],
    to: &'a [String],
}

impl<'a> From<&'a PeriodChange> for PeriodChangeMsg<'a> {
    fn from(p: &'a PeriodChange) -> Self {
        PeriodChangeMsg {
            from: &p.from,
            to: &p.to,
        }
    }
}

/// A `version` message of `history --json`.
#[derive(Debug, Serialize)]
pub struct VersionMsg<'a> {
    kind: &'a str,
    path: &'a str,
    date: Option<&'a str>,
    snapshot: Option<&'a str>,
    effective: Option<&'a str>,
    clauses: usize,
    added: usize,
    removed: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    retention: Option<PeriodChangeMsg<'a>>,
    topics: Vec<TopicChangeMsg<'a>>,
}

impl<'a> From<&'a VersionRow> for VersionMsg<'a> {
    fn from(v: &'a VersionRow) -> Self {
        VersionMsg {
            kind: &v.kind,
            path: &v.path,
            date: v.date.as_deref(),
            snapshot: v.snapshot.as_deref(),
            effective: v.effective.as_deref(),
            clauses: v.clauses,
            added: v.added,
            removed: v.removed,
            retention: v.retention.as_ref().map(PeriodChangeMsg::from),
            topics: v.topics.iter().map(TopicChangeMsg::from).collect(),
        }
    }
}

/// How a version changed the clauses carrying one topic.
#[derive(Debug, Serialize)]
pub struct TopicChangeMsg<'a> {
    topic: &'a str,
    added: usize,
    removed: usize,
}

impl<'a> From<&'a TopicChange> for TopicChangeMsg<'a> {
    fn from(t: &'a TopicChange) -> Self {
        TopicChangeMsg {
            topic: &t.topic,
            added: t.added,
            removed: t.removed,
        }
    }
}

/// Milliseconds, rounded to the microsecond (no float noise in JSON).
pub fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
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

/// A `retention` message: one statement with its clause, offsets absolute in the file.
#[derive(Debug, Serialize)]
pub struct RetentionRowMsg<'a> {
    company: &'a str,
    kind: &'static str,
    days: Option<u64>,
    period: &'a str,
    clause: &'a str,
    path: &'a str,
    line: u32,
    start: usize,
    end: usize,
}

impl<'a> From<super::RetentionRow<'a>> for RetentionRowMsg<'a> {
    fn from(row: super::RetentionRow<'a>) -> Self {
        let (hit, r) = (row.hit, row.statement);
        RetentionRowMsg {
            company: &hit.company,
            kind: r.kind.name(),
            days: r.days,
            period: &r.text,
            clause: &hit.text,
            path: &hit.path,
            line: hit.line,
            start: r.span.start,
            end: r.span.end,
        }
    }
}

/// A `clause` message of `polsearch clauses --json`: one clause, offsets in the file.
#[derive(Debug, Serialize)]
pub struct ClauseMsg<'a> {
    path: &'a str,
    company: &'a str,
    start: usize,
    end: usize,
    line: u32,
    section: &'a str,
    heading: bool,
    topics: Vec<&'static str>,
    text: &'a str,
}

impl<'a> ClauseMsg<'a> {
    /// The message of `clause` of `doc`, read from `path`.
    pub fn new(path: &'a str, doc: &'a Document, clause: &'a TaggedClause) -> Self {
        let c = &clause.clause;
        ClauseMsg {
            path,
            company: &doc.company,
            start: c.span.start,
            end: c.span.end,
            line: c.line,
            section: &c.section,
            heading: c.heading,
            topics: clause.topics.iter().map(|t| t.name()).collect(),
            text: &c.text,
        }
    }
}

/// The `summary` closing `polsearch clauses --json`: what was read of the file.
#[derive(Debug, Serialize)]
pub struct ClausesMsg<'a> {
    path: &'a str,
    format: &'static str,
    encoding: &'a str,
    company: &'a str,
    /// Where the company came from, with the text's evidence when the text decided.
    company_source: CompanySourceMsg<'a>,
    kind: &'static str,
    /// The snapshot date if any, else the effective date.
    date: Option<String>,
    snapshot: Option<String>,
    effective: Option<String>,
    title: Option<&'a str>,
    clauses: usize,
}

impl<'a> ClausesMsg<'a> {
    /// The summary of `doc`, read from `path`.
    pub fn new(path: &'a str, doc: &'a Document) -> Self {
        ClausesMsg {
            path,
            format: doc.format.name(),
            encoding: doc.encoding,
            company: &doc.company,
            company_source: CompanySourceMsg::from(&doc.company_source),
            kind: doc.kind.name(),
            date: doc.date().map(|d| d.iso()),
            snapshot: doc.snapshot.map(|d| d.iso()),
            effective: doc.effective.map(|d| d.iso()),
            title: doc.title.as_deref(),
            clauses: doc.clauses.len(),
        }
    }
}

/// Where a document's company name came from, and the text's evidence.
#[derive(Debug, Serialize)]
pub struct CompanySourceMsg<'a> {
    from: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<EvidenceMsg<'a>>,
}

impl<'a> From<&'a CompanySource> for CompanySourceMsg<'a> {
    fn from(s: &'a CompanySource) -> Self {
        CompanySourceMsg {
            from: s.from.name(),
            evidence: s.evidence.iter().map(EvidenceMsg::from).collect(),
        }
    }
}

/// One piece of evidence for (positive weight) or against a company name.
#[derive(Debug, Serialize)]
pub struct EvidenceMsg<'a> {
    name: &'a str,
    cue: &'static str,
    weight: i32,
    quote: &'a str,
}

impl<'a> From<&'a Evidence> for EvidenceMsg<'a> {
    fn from(e: &'a Evidence) -> Self {
        EvidenceMsg {
            name: &e.name,
            cue: e.cue,
            weight: e.weight,
            quote: &e.quote,
        }
    }
}

/// The `summary` closing one diff of `polsearch diff --json`.
#[derive(Debug, Serialize)]
pub struct DiffMsg<'a> {
    from: &'a str,
    to: &'a str,
    kind: Option<&'a str>,
    added: usize,
    removed: usize,
    modified: usize,
    moved: usize,
    unchanged: usize,
}

impl<'a> From<super::DiffView<'a>> for DiffMsg<'a> {
    fn from(v: super::DiffView<'a>) -> Self {
        use crate::versions::ChangeKind;
        DiffMsg {
            from: v.from,
            to: v.to,
            kind: v.kind,
            added: v.diff.count(ChangeKind::Added),
            removed: v.diff.count(ChangeKind::Removed),
            modified: v.diff.count(ChangeKind::Modified),
            moved: v.diff.count(ChangeKind::Moved),
            unchanged: v.diff.unchanged,
        }
    }
}

/// A `result` message of `search --queries`: one input line's search.
#[derive(Debug, Serialize)]
pub struct BatchResultMsg<'a> {
    line: usize,
    id: Option<&'a serde_json::Value>,
    query: &'a str,
    total_hits: usize,
    count: &'static str,
    total_exact: bool,
    hits: Vec<HitMsg<'a>>,
    notes: &'a [String],
}

impl<'a> BatchResultMsg<'a> {
    /// The message of input line `line` (its `id`, if any, echoed back).
    pub fn new(
        line: usize,
        id: Option<&'a serde_json::Value>,
        query: &'a str,
        results: &'a SearchResults,
    ) -> Self {
        BatchResultMsg {
            line,
            id,
            query,
            total_hits: results.total_hits,
            count: results.unit.name(),
            total_exact: results.total_exact,
            hits: results.hits.iter().map(HitMsg::from).collect(),
            notes: &results.notes,
        }
    }
}

/// An `error` message of `search --queries`: an input line that did not run, and why.
#[derive(Debug, Serialize)]
pub struct BatchErrorMsg<'a> {
    /// The input line, from 1.
    pub line: usize,
    /// Why.
    pub error: &'a str,
}
