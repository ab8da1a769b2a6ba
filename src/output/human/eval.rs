//! Evaluation reports: a topic tagger's per-topic table and its cross-validation by policy,
//! question ranking's Hit@k and MRR per ranking, company inference's verdicts.

use std::io::{self, Write};

use crate::analyze::classifier::{
    CrossValidation as TopicCrossValidation, Evaluation, FilterCrossValidation,
};
use crate::analyze::company::{Judged, Tally};
use crate::analyze::retention_judge::{Counts, Judged as RetentionJudged, Tally as RetentionTally};
use crate::search::relevance::Report;

pub(super) fn topic_cross_validation(
    out: &mut dyn Write,
    cv: &TopicCrossValidation,
) -> io::Result<()> {
    let s = out;
    writeln!(
        s,
        "{:<6} {:>8} {:>8} {:>9} {:>9}",
        "fold", "policies", "examples", "micro F1", "macro F1"
    )?;
    for f in &cv.folds {
        writeln!(
            s,
            "{:<6} {:>8} {:>8} {:>9.3} {:>9.3}",
            f.fold, f.policies, f.examples, f.micro_f1, f.macro_f1
        )?;
    }
    writeln!(
        s,
        "mean ± sd: micro F1 {:.3} ± {:.3}, macro F1 {:.3} ± {:.3}\n",
        cv.micro_f1_mean, cv.micro_f1_sd, cv.macro_f1_mean, cv.macro_f1_sd
    )?;
    writeln!(s, "all held-out predictions pooled:")?;
    topic_evaluation(s, &cv.pooled)
}

pub(super) fn topic_evaluation(out: &mut dyn Write, eval: &Evaluation) -> io::Result<()> {
    let s = out;
    writeln!(
        s,
        "{:<24} {:>9} {:>9} {:>9} {:>8}",
        "topic", "precision", "recall", "F1", "support"
    )?;
    for t in &eval.topics {
        writeln!(
            s,
            "{:<24} {:>9.3} {:>9.3} {:>9.3} {:>8}",
            t.topic, t.precision, t.recall, t.f1, t.support
        )?;
    }
    writeln!(
        s,
        "{:<24} {:>9.3} {:>9.3} {:>9.3}",
        "micro", eval.micro_precision, eval.micro_recall, eval.micro_f1
    )?;
    writeln!(
        s,
        "{:<24} {:>9} {:>9} {:>9.3}",
        "macro", "", "", eval.macro_f1
    )?;
    writeln!(s, "({} examples)", eval.examples)
}

pub(super) fn relevance(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} questions over {} policies; median clause {} words",
        r.file, r.questions, r.policies, r.median_clause_words
    )?;
    match r.folds {
        Some(k) => writeln!(
            out,
            "cross-validation grouped by policy, {k} folds: pooled figures, Hit@5 and MRR@10 also as mean ± sd over folds"
        )?,
        None => writeln!(out, "every question of the file, one pass")?,
    }
    writeln!(
        out,
        "{:<58} {:>6} {:>6} {:>6} {:>7} {:>15} {:>15}",
        "ranking", "Hit@1", "Hit@5", "Hit@10", "MRR@10", "Hit@5 folds", "MRR@10 folds"
    )?;
    for row in &r.rows {
        let m = &row.metrics;
        let fold =
            |f: Option<[f64; 2]>| f.map_or(String::new(), |[a, b]| format!("{a:.3} ± {b:.3}"));
        writeln!(
            out,
            "{:<58} {:>6.3} {:>6.3} {:>6.3} {:>7.3} {:>15} {:>15}",
            row.ranking,
            m.hit1,
            m.hit5,
            m.hit10,
            m.mrr10,
            fold(row.hit5_folds),
            fold(row.mrr10_folds)
        )?;
    }
    if let Some(a) = r.rows.iter().find_map(|row| row.intent_accuracy) {
        writeln!(out, "question intent accuracy on held-out policies: {a:.3}")?;
    }
    if let Some(c) = r.candidate_recall {
        writeln!(
            out,
            "questions with an answer among their {} BM25 candidates: {c:.3}",
            crate::search::answer::RERANK_DEPTH
        )?;
    }
    if let Some(note) = &r.note {
        writeln!(out, "note: {note}")?;
    }
    Ok(())
}

pub(super) fn company_judged(out: &mut dyn Write, row: &Judged) -> io::Result<()> {
    writeln!(
        out,
        "{:<7}  {}  truth: {}  inferred: {}",
        row.verdict.name(),
        row.path,
        row.truth,
        row.inferred
    )
}

/// " (3 unreadable, not counted)", or nothing for none.
fn not_counted(files: usize, why: &str) -> String {
    if files > 0 {
        format!(" ({files} {why}, not counted)")
    } else {
        String::new()
    }
}

pub(super) fn company_tally(out: &mut dyn Write, tally: &Tally) -> io::Result<()> {
    writeln!(
        out,
        "{} files: {} right, {} unknown, {} wrong{}{}",
        tally.files,
        tally.right,
        tally.unknown,
        tally.wrong,
        not_counted(tally.skipped, "without a truth"),
        not_counted(tally.unreadable, "unreadable"),
    )
}

pub(super) fn retention_judged(out: &mut dyn Write, row: &RetentionJudged) -> io::Result<()> {
    let l = &row.labelled;
    writeln!(
        out,
        "{:<4} labelled {}  found {}  {} {}..{}  {}",
        l.sample,
        l.label.letter(),
        row.predicted.map_or("-", |p| p.letter()),
        l.path,
        l.start,
        l.end,
        if row.statements.is_empty() {
            "(no statement)".to_owned()
        } else {
            row.statements.join(" | ")
        }
    )
}

pub(super) fn retention_tally(out: &mut dyn Write, tallies: &[RetentionTally]) -> io::Result<()> {
    let ratio = |x: Option<f64>, num: usize, den: usize| match x {
        Some(x) => format!("{x:.3} ({num}/{den})"),
        None => "- (0/0)".to_owned(),
    };
    let pr = |c: &Counts| {
        (
            ratio(c.precision(), c.true_pos, c.true_pos + c.false_pos),
            ratio(c.recall(), c.true_pos, c.true_pos + c.false_neg),
        )
    };
    writeln!(
        out,
        "{:<8} {:>7}  {:<17} {:<17} {:<17} {:<17}",
        "sample", "clauses", "retention P", "retention R", "cookie P", "cookie R"
    )?;
    for t in tallies {
        let (rp, rr) = pr(&t.retention);
        let (cp, cr) = pr(&t.cookie);
        let c = &t.retention;
        let counted = c.true_pos + c.false_pos + c.false_neg + c.true_neg;
        writeln!(
            out,
            "{:<8} {:>7}  {rp:<17} {rr:<17} {cp:<17} {cr:<17}",
            t.sample, counted
        )?;
    }
    let unsure: usize = tallies
        .iter()
        .filter(|t| t.sample != "all")
        .map(|t| t.unsure)
        .sum();
    let gone: usize = tallies
        .iter()
        .filter(|t| t.sample != "all")
        .map(|t| t.not_found)
        .sum();
    if unsure + gone > 0 {
        writeln!(
            out,
            "not counted: {unsure} labelled unsure, {gone} no clause covers any more"
        )?;
    }
    Ok(())
}

/// The retention filter's out-of-fold table, the chosen threshold marked.
pub(super) fn retention_filter_cv(
    out: &mut dyn Write,
    cv: &FilterCrossValidation,
) -> io::Result<()> {
    writeln!(
        out,
        "retention filter, {}-fold cross-validation grouped by service ({} clauses, {} services), log loss {:.3}",
        cv.folds, cv.clauses, cv.services, cv.log_loss
    )?;
    writeln!(
        out,
        "threshold  rules' right statements kept  rules' wrong statements kept"
    )?;
    for r in &cv.table {
        let mark = if r.threshold == cv.chosen {
            "  <- chosen"
        } else {
            ""
        };
        writeln!(
            out,
            "{:>9.2}  {:>28}  {:>28}{mark}",
            r.threshold, r.kept_right, r.kept_wrong
        )?;
    }
    Ok(())
}
