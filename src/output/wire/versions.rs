//! The shapes of `diff --json` (`change`, `summary`) and `history --json` (`version`).

use serde::Serialize;

use super::search::RetentionMsg;
use crate::output::DiffView;
use crate::versions::{Change, PeriodChange, Side, TopicChange, VersionRow, WordChange};

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
    /// The language code of most of its text: a policy is a kind in a language.
    lang: &'static str,
    path: &'a str,
    date: Option<&'a str>,
    snapshot: Option<&'a str>,
    effective: Option<&'a str>,
    clauses: usize,
    added: usize,
    removed: usize,
    /// How many of the added clauses reword a removed one (`diff`'s modified clauses).
    modified: usize,
    /// The file it is compared with (null for a policy's first version).
    previous: Option<&'a str>,
    /// A partial capture (a failed, truncated or other page): the version after it is compared
    /// with the one before it.
    partial: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    retention: Option<PeriodChangeMsg<'a>>,
    topics: Vec<TopicChangeMsg<'a>>,
}

impl<'a> From<&'a VersionRow> for VersionMsg<'a> {
    fn from(v: &'a VersionRow) -> Self {
        VersionMsg {
            kind: &v.kind,
            lang: v.lang.code(),
            path: &v.path,
            date: v.date.as_deref(),
            snapshot: v.snapshot.as_deref(),
            effective: v.effective.as_deref(),
            clauses: v.clauses,
            added: v.added,
            removed: v.removed,
            modified: v.modified,
            previous: v.previous.as_deref(),
            partial: v.partial.is_some(),
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

/// The `summary` closing one diff of `polsearch diff --json`.
#[derive(Debug, Serialize)]
pub struct DiffMsg<'a> {
    from: &'a str,
    to: &'a str,
    kind: Option<&'a str>,
    /// The language code of the compared versions (a company's; null for two files).
    lang: Option<&'static str>,
    added: usize,
    removed: usize,
    modified: usize,
    moved: usize,
    unchanged: usize,
    /// The topics the changes were limited to (`--topic`; empty: every change).
    topics: &'a [String],
    /// Changes left out for carrying none of `topics`.
    left_out: usize,
}

impl<'a> From<DiffView<'a>> for DiffMsg<'a> {
    fn from(v: DiffView<'a>) -> Self {
        use crate::versions::ChangeKind;
        DiffMsg {
            from: v.from,
            to: v.to,
            kind: v.kind,
            lang: v.lang.map(|l| l.code()),
            added: v.diff.count(ChangeKind::Added),
            removed: v.diff.count(ChangeKind::Removed),
            modified: v.diff.count(ChangeKind::Modified),
            moved: v.diff.count(ChangeKind::Moved),
            unchanged: v.diff.unchanged,
            topics: &v.diff.topics,
            left_out: v.diff.left_out,
        }
    }
}
