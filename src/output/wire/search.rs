//! The shapes of `search --json` (`hit`, `facet`, the hit's retention statements),
//! `search --queries` (`result`, `error`) and `retention --json` (`retention`, `company`,
//! `summary`).

use serde::Serialize;

use crate::analyze::retention::Retention;
use crate::output::RetentionRow;
use crate::search::{
    CompanyRetention, FacetCount, FacetCounts, Hit, RetentionTable, SearchResults,
};
use crate::text::Span;

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
    lang: &'a str,
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
            // (0 for hits in document order: the field stays a number for scripts.)
            score: h.score.unwrap_or(0.0),
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
            lang: h.lang,
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

impl<'a> RetentionMsg<'a> {
    /// The statement `r`, found in a clause, at the file offsets `range`.
    pub fn in_file(r: &'a Retention, range: std::ops::Range<usize>) -> Self {
        RetentionMsg {
            start: range.start,
            end: range.end,
            ..RetentionMsg::from(r)
        }
    }
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
    date: Option<&'a str>,
}

impl<'a> From<RetentionRow<'a>> for RetentionRowMsg<'a> {
    fn from(row: RetentionRow<'a>) -> Self {
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
            date: hit.date.as_deref(),
        }
    }
}

/// A `company` message of `retention --companies`: a company's line, with the statement
/// of its longest stated period (a `retention` message's shape) when it states one.
#[derive(Debug, Serialize)]
pub struct CompanyRetentionMsg<'a> {
    company: &'a str,
    longest_days: Option<u64>,
    longest: Option<RetentionRowMsg<'a>>,
    statements: usize,
    clauses: usize,
    stated: usize,
    indefinite: usize,
    criteria: usize,
    cookie: usize,
}

impl<'a> CompanyRetentionMsg<'a> {
    /// The message of `line`, a line of `table`.
    pub fn new(table: &'a RetentionTable, line: &'a CompanyRetention) -> Self {
        let longest = line.longest.map(|i| {
            let (hit, statement) = table.row(i);
            RetentionRowMsg::from(RetentionRow { hit, statement })
        });
        CompanyRetentionMsg {
            company: &line.company,
            longest_days: longest.as_ref().and_then(|l| l.days),
            longest,
            statements: line.statements,
            clauses: line.clauses,
            stated: line.stated,
            indefinite: line.indefinite,
            criteria: line.criteria,
            cookie: line.cookies,
        }
    }
}

/// The `summary` closing `retention --json`: statements, the distinct clauses making them,
/// and companies.
#[derive(Debug, Serialize)]
pub struct RetentionSummaryMsg {
    statements: usize,
    clauses: usize,
    companies: usize,
}

impl From<&RetentionTable> for RetentionSummaryMsg {
    fn from(t: &RetentionTable) -> Self {
        RetentionSummaryMsg {
            statements: t.rows.len(),
            clauses: t.hits.len(),
            companies: t.companies.len(),
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
    order: &'static str,
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
            order: results.order.name(),
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
