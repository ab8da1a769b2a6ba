//! Versions of a policy: what changed between two of them, clause by clause ([`compare`]),
//! and a policy's history ([`history()`]).

pub mod compare;
pub mod history;

pub use compare::{
    diff, similarity, word_diff, Change, ChangeKind, Diff, PeriodChange, Side, WordChange,
    MODIFIED_MIN,
};
pub use history::{
    changing_topics, dated_span, history, partial_captures, Partial, TopicChange, VersionRow,
};
