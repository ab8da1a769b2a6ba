//! The JSON shapes of the evaluation commands: `topics eval` (`evaluation`,
//! `cross_validation`), `eval relevance` (`relevance`) and `eval company` (`company`,
//! `summary`).

use serde::Serialize;

use crate::analyze::classifier::{
    CrossValidation as TopicCrossValidation, Evaluation, FilterCrossValidation, FoldScore,
    ThresholdRow, TopicScore,
};
use crate::analyze::company::{Judged, Tally};
use crate::analyze::retention_judge::{Counts, Judged as RetentionJudged, Tally as RetentionTally};
use crate::search::relevance::{RankingRow, Report};

/// An `evaluation` message: a topic tagger's quality on labelled segments.
#[derive(Debug, Serialize)]
pub struct EvaluationMsg<'a> {
    examples: usize,
    topics: Vec<TopicScoreMsg<'a>>,
    micro_precision: f64,
    micro_recall: f64,
    micro_f1: f64,
    macro_f1: f64,
}

impl<'a> From<&'a Evaluation> for EvaluationMsg<'a> {
    fn from(e: &'a Evaluation) -> Self {
        EvaluationMsg {
            examples: e.examples,
            topics: e.topics.iter().map(TopicScoreMsg::from).collect(),
            micro_precision: e.micro_precision,
            micro_recall: e.micro_recall,
            micro_f1: e.micro_f1,
            macro_f1: e.macro_f1,
        }
    }
}

/// One topic's precision, recall, F1 and support.
#[derive(Debug, Serialize)]
pub struct TopicScoreMsg<'a> {
    topic: &'a str,
    precision: f64,
    recall: f64,
    f1: f64,
    support: u64,
}

impl<'a> From<&'a TopicScore> for TopicScoreMsg<'a> {
    fn from(t: &'a TopicScore) -> Self {
        TopicScoreMsg {
            topic: t.topic,
            precision: t.precision,
            recall: t.recall,
            f1: t.f1,
            support: t.support,
        }
    }
}

/// A `cross_validation` message: per-fold figures, their mean and spread, and the pooled
/// evaluation.
#[derive(Debug, Serialize)]
pub struct CrossValidationMsg<'a> {
    folds: Vec<FoldMsg>,
    micro_f1_mean: f64,
    micro_f1_sd: f64,
    macro_f1_mean: f64,
    macro_f1_sd: f64,
    pooled: EvaluationMsg<'a>,
}

impl<'a> From<&'a TopicCrossValidation> for CrossValidationMsg<'a> {
    fn from(cv: &'a TopicCrossValidation) -> Self {
        CrossValidationMsg {
            folds: cv.folds.iter().map(FoldMsg::from).collect(),
            micro_f1_mean: cv.micro_f1_mean,
            micro_f1_sd: cv.micro_f1_sd,
            macro_f1_mean: cv.macro_f1_mean,
            macro_f1_sd: cv.macro_f1_sd,
            pooled: EvaluationMsg::from(&cv.pooled),
        }
    }
}

/// One held-out fold's figures.
#[derive(Debug, Serialize)]
pub struct FoldMsg {
    fold: usize,
    policies: usize,
    examples: usize,
    micro_f1: f64,
    macro_f1: f64,
}

impl From<&FoldScore> for FoldMsg {
    fn from(f: &FoldScore) -> Self {
        FoldMsg {
            fold: f.fold,
            policies: f.policies,
            examples: f.examples,
            micro_f1: f.micro_f1,
            macro_f1: f.macro_f1,
        }
    }
}

/// The `relevance` message of `eval relevance --json`.
#[derive(Debug, Serialize)]
pub struct RelevanceMsg<'a> {
    file: &'a str,
    policies: usize,
    questions: usize,
    median_clause_words: usize,
    folds: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    candidate_recall: Option<f64>,
    rows: Vec<RankingRowMsg<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

impl<'a> From<&'a Report> for RelevanceMsg<'a> {
    fn from(r: &'a Report) -> Self {
        RelevanceMsg {
            file: &r.file,
            policies: r.policies,
            questions: r.questions,
            median_clause_words: r.median_clause_words,
            folds: r.folds,
            candidate_recall: r.candidate_recall,
            rows: r.rows.iter().map(RankingRowMsg::from).collect(),
            note: r.note.as_deref(),
        }
    }
}

/// One ranking's Hit@1/5/10 and MRR@10 (pooled), with the spread over folds when
/// cross-validated.
#[derive(Debug, Serialize)]
pub struct RankingRowMsg<'a> {
    ranking: &'a str,
    questions: usize,
    hit1: f64,
    hit5: f64,
    hit10: f64,
    mrr10: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    hit5_folds: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mrr10_folds: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    intent_accuracy: Option<f64>,
}

impl<'a> From<&'a RankingRow> for RankingRowMsg<'a> {
    fn from(r: &'a RankingRow) -> Self {
        RankingRowMsg {
            ranking: &r.ranking,
            questions: r.metrics.questions,
            hit1: r.metrics.hit1,
            hit5: r.metrics.hit5,
            hit10: r.metrics.hit10,
            mrr10: r.metrics.mrr10,
            hit5_folds: r.hit5_folds,
            mrr10_folds: r.mrr10_folds,
            intent_accuracy: r.intent_accuracy,
        }
    }
}

/// A `company` message of `eval company --json --show ...`: one file's verdict.
#[derive(Debug, Serialize)]
pub struct JudgedMsg<'a> {
    path: &'a str,
    truth: &'a str,
    inferred: &'a str,
    verdict: &'static str,
}

impl<'a> From<&'a Judged> for JudgedMsg<'a> {
    fn from(j: &'a Judged) -> Self {
        JudgedMsg {
            path: &j.path,
            truth: &j.truth,
            inferred: &j.inferred,
            verdict: j.verdict.name(),
        }
    }
}

/// The `summary` of `eval company --json`: the verdicts counted.
#[derive(Debug, Serialize)]
pub struct TallyMsg {
    files: usize,
    right: usize,
    unknown: usize,
    wrong: usize,
    skipped: usize,
    unreadable: usize,
}

impl From<&Tally> for TallyMsg {
    fn from(t: &Tally) -> Self {
        TallyMsg {
            files: t.files,
            right: t.right,
            unknown: t.unknown,
            wrong: t.wrong,
            skipped: t.skipped,
            unreadable: t.unreadable,
        }
    }
}

/// A `judged` message of `eval retention --json --show`: one labelled clause.
#[derive(Debug, Serialize)]
pub struct RetentionJudgedMsg<'a> {
    sample: &'a str,
    path: &'a str,
    start: usize,
    end: usize,
    label: &'static str,
    /// `null` when no clause covers the range any more.
    found: Option<&'static str>,
    statements: &'a [String],
}

impl<'a> From<&'a RetentionJudged> for RetentionJudgedMsg<'a> {
    fn from(j: &'a RetentionJudged) -> Self {
        let l = &j.labelled;
        RetentionJudgedMsg {
            sample: &l.sample,
            path: &l.path,
            start: l.start,
            end: l.end,
            label: l.label.letter(),
            found: j.predicted.map(|p| p.letter()),
            statements: &j.statements,
        }
    }
}

/// One sample's figures in the `summary` of `eval retention --json`.
#[derive(Debug, Serialize)]
pub struct RetentionTallyMsg<'a> {
    sample: &'a str,
    retention: CountsMsg,
    cookie: CountsMsg,
    unsure: usize,
    not_found: usize,
}

/// Precision and recall with the counts they come from.
#[derive(Debug, Serialize)]
pub struct CountsMsg {
    precision: Option<f64>,
    recall: Option<f64>,
    true_pos: usize,
    false_pos: usize,
    false_neg: usize,
    true_neg: usize,
}

impl From<&Counts> for CountsMsg {
    fn from(c: &Counts) -> Self {
        CountsMsg {
            precision: c.precision(),
            recall: c.recall(),
            true_pos: c.true_pos,
            false_pos: c.false_pos,
            false_neg: c.false_neg,
            true_neg: c.true_neg,
        }
    }
}

impl<'a> From<&'a RetentionTally> for RetentionTallyMsg<'a> {
    fn from(t: &'a RetentionTally) -> Self {
        RetentionTallyMsg {
            sample: &t.sample,
            retention: CountsMsg::from(&t.retention),
            cookie: CountsMsg::from(&t.cookie),
            unsure: t.unsure,
            not_found: t.not_found,
        }
    }
}

/// The `filter_cv` message of `eval retention --folds`: the learnt filter's out-of-fold
/// effect at each threshold.
#[derive(Debug, Serialize)]
pub struct FilterCvMsg {
    folds: usize,
    clauses: usize,
    services: usize,
    log_loss: f64,
    chosen: f32,
    table: Vec<ThresholdRowMsg>,
}

/// One threshold's row of a `filter_cv` message.
#[derive(Debug, Serialize)]
pub struct ThresholdRowMsg {
    threshold: f32,
    kept_right: usize,
    kept_wrong: usize,
}

impl From<&FilterCrossValidation> for FilterCvMsg {
    fn from(cv: &FilterCrossValidation) -> Self {
        FilterCvMsg {
            folds: cv.folds,
            clauses: cv.clauses,
            services: cv.services,
            log_loss: cv.log_loss,
            chosen: cv.chosen,
            table: cv.table.iter().map(ThresholdRowMsg::from).collect(),
        }
    }
}

impl From<&ThresholdRow> for ThresholdRowMsg {
    fn from(r: &ThresholdRow) -> Self {
        ThresholdRowMsg {
            threshold: r.threshold,
            kept_right: r.kept_right,
            kept_wrong: r.kept_wrong,
        }
    }
}
