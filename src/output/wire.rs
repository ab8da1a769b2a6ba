//! The JSON shapes polsearch prints, as the README documents them (`search --json` and
//! `--queries`, `stats --json`, `diff --json`, `history --json`), built from the library's
//! results without being them: a library type can change without changing the format.

use serde::Serialize;

use crate::analyze::retention::{Retention, RetentionKind};
use crate::search::{FacetCount, FacetCounts, Hit, IndexStats};
use crate::text::Span;
use crate::versions::{
    Change, ChangeKind, PeriodChange, Side, TopicChange, VersionRow, WordChange,
};

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
    change: ChangeKind,
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
            change: change.change,
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
