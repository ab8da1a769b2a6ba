//! The JSON shapes polsearch prints, as the README documents them (`search --json` and
//! `--queries`, `index`, `stats`, `check`, `retention`, `count`, `clauses`, `diff` and `history` with
//! `--json`, a file each), built from the library's results without being them: a library type can change
//! without changing the format. The evaluation commands' shapes are in `eval`.

mod clauses;
mod count;
mod eval;
mod index;
mod search;
mod versions;

pub use clauses::{ClauseMsg, ClausesMsg, CompanySourceMsg, EvidenceMsg};
pub use count::{CountRowMsg, CountSummaryMsg};

pub use eval::{
    CountsMsg, CrossValidationMsg, EvaluationMsg, FilterCvMsg, FoldMsg, JudgedMsg, RankingRowMsg,
    RelevanceMsg, RetentionJudgedMsg, RetentionTallyMsg, TallyMsg, ThresholdRowMsg, TopicScoreMsg,
};
pub use index::{CheckMsg, IndexMsg, SkippedMsg, StatsMsg};
pub use search::{
    BatchErrorMsg, BatchResultMsg, CompanyRetentionMsg, FacetCountMsg, FacetMsg, HitMsg,
    RetentionMsg, RetentionRowMsg, RetentionSummaryMsg,
};
pub use versions::{
    ChangeMsg, DiffMsg, PeriodChangeMsg, SideMsg, TopicChangeMsg, VersionMsg, WordChangeMsg,
};

use std::time::Duration;

/// Milliseconds, rounded to the microsecond (no float noise in JSON).
pub fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}
