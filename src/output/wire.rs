//! The JSON shapes of search results, as the README documents them: what `search --json` and
//! `search --queries` print, built from the library's results without being them.

use serde::Serialize;

use crate::analyze::retention::{Retention, RetentionKind};
use crate::search::{FacetCount, FacetCounts, Hit};
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
    kind: RetentionKind,
    start: usize,
    end: usize,
}

impl<'a> From<&'a Retention> for RetentionMsg<'a> {
    fn from(r: &'a Retention) -> Self {
        RetentionMsg {
            text: &r.text,
            days: r.days,
            kind: r.kind,
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
