//! The learnt check on retention statements: a logistic regression over the words of a clause
//! and its section heading that says whether the clause states how long data (or a cookie) is
//! kept. The rules in [`crate::analyze::retention`] find each statement and its evidence; a
//! clause whose score falls below the model's threshold loses its statements, which removes the
//! rules' long tail of false readings (a price list, a notice period, a metrics table) without
//! a rule per phrasing. Trained on the hand-labelled clauses of `tests/data/retention-labels.tsv`
//! (`polsearch eval retention --train-out`); the threshold is chosen by cross-validation grouped
//! by service ([`choose_threshold`]).

use std::sync::LazyLock;

use super::features::{Featurizer, Vocabulary, FEATURES};
use super::solver::fit_logistic;
use super::{sigmoid, TrainOptions};
use crate::analyze::modelfile::Reader;

const MAGIC: &[u8; 4] = b"PSRF";
const FORMAT_VERSION: u32 = 1;

/// Inverse strength of the L2 penalty. Chosen by policy-grouped 5-fold cross-validation over
/// the labelled clauses (log loss; C = 1, 4, 16 tried, 16 best); see EVALUATION.md.
pub const FILTER_C: f64 = 16.0;

/// The largest share of the rules' true statements the filter may drop, out of fold, at the
/// threshold `choose_threshold` picks.
pub const MAX_RECALL_LOSS: f64 = 0.02;

/// The filter polsearch ships with.
static EMBEDDED: LazyLock<Option<RetentionFilter>> = LazyLock::new(|| {
    RetentionFilter::from_bytes(include_bytes!("../../../models/retention.bin")).ok()
});

/// One labelled clause to learn from: its text, its section heading and whether it states
/// a retention period, criterion or cookie lifetime.
#[derive(Debug, Clone)]
pub struct FilterExample {
    /// The clause text (the clauses a labelled range covers, one per line).
    pub text: String,
    /// The section heading it sits under.
    pub section: String,
    /// Labelled R or C: it states how long data is kept or a cookie lives.
    pub positive: bool,
}

/// A logistic regression over TF-IDF word features (the section heading's words at half
/// weight) and the score below which a clause's statements are dropped.
#[derive(Debug, Clone)]
pub struct RetentionFilter {
    vocabulary: Vocabulary,
    weights: Vec<f32>,
    bias: f32,
    threshold: f32,
}

const FEATURIZER: Featurizer = Featurizer {
    char_grams: false,
    sublinear: true,
    clusters: false,
    lexicon: false,
};

impl RetentionFilter {
    /// The filter compiled into polsearch, if it loads.
    pub fn embedded() -> Option<&'static RetentionFilter> {
        EMBEDDED.as_ref()
    }

    /// The probability that a clause states how long something is kept.
    pub fn score(&self, text: &str, section: &str) -> f32 {
        FEATURES.with_borrow_mut(|feats| {
            self.vocabulary.vector(text, section, feats);
            let z = feats
                .iter()
                .map(|&(i, v)| self.weights[i as usize] * v)
                .sum::<f32>();
            sigmoid(z + self.bias)
        })
    }

    /// Whether a clause's statements stand.
    pub fn keeps(&self, text: &str, section: &str) -> bool {
        self.score(text, section) >= self.threshold
    }

    /// The score below which statements are dropped.
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// How many words the filter knows.
    pub fn features(&self) -> usize {
        self.vocabulary.keys.len()
    }

    /// Serialise (little endian): magic, version, vocabulary size, threshold, bias, the
    /// feature keys, their IDF, their weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let v = &self.vocabulary;
        let mut out = Vec::with_capacity(24 + v.keys.len() * 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(v.keys.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.threshold.to_le_bytes());
        out.extend_from_slice(&self.bias.to_le_bytes());
        for k in &v.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for x in v.idf.iter().chain(&self.weights) {
            out.extend_from_slice(&x.to_le_bytes());
        }
        out
    }

    /// Inverse of [`RetentionFilter::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<RetentionFilter, String> {
        let mut r = Reader::open(bytes, MAGIC)?;
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(format!("unsupported retention filter (version {version})"));
        }
        let n = r.u32()? as usize;
        if n > bytes.len() / 16 {
            return Err(format!("file too short for {n} features"));
        }
        let threshold = r.f32()?;
        let bias = r.f32()?;
        let keys = (0..n).map(|_| r.u64()).collect::<Result<Vec<u64>, _>>()?;
        let idf = (0..n).map(|_| r.f32()).collect::<Result<Vec<f32>, _>>()?;
        let weights = (0..n).map(|_| r.f32()).collect::<Result<Vec<f32>, _>>()?;
        Ok(RetentionFilter {
            vocabulary: Vocabulary::new(FEATURIZER, keys, idf),
            weights,
            bias,
            threshold,
        })
    }
}

/// Fit the filter on `examples` (deterministic: the same examples give the same bytes).
pub fn train_filter(examples: &[FilterExample], threshold: f32) -> RetentionFilter {
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let vocabulary = Vocabulary::learn(&texts, FEATURIZER, 1);
    let rows: Vec<Vec<(u32, f32)>> = examples
        .iter()
        .map(|e| {
            let mut v = Vec::new();
            vocabulary.vector(&e.text, &e.section, &mut v);
            v
        })
        .collect();
    let y: Vec<bool> = examples.iter().map(|e| e.positive).collect();
    let opts = TrainOptions {
        c: FILTER_C,
        balanced: false,
        ..TrainOptions::default()
    };
    let (w, b) = fit_logistic(&rows, &y, vocabulary.keys.len(), &opts);
    RetentionFilter {
        vocabulary,
        weights: w.into_iter().map(|x| x as f32).collect(),
        bias: b as f32,
        threshold,
    }
}

/// Out-of-fold scores: for each fold, a filter trained on the other folds scores its
/// examples (`folds[i]` is example i's fold).
pub fn out_of_fold_scores(examples: &[FilterExample], folds: &[usize], k: usize) -> Vec<f32> {
    use rayon::prelude::*;
    let per_fold: Vec<Vec<(usize, f32)>> = (0..k)
        .into_par_iter()
        .map(|f| {
            let train: Vec<FilterExample> = examples
                .iter()
                .zip(folds)
                .filter(|(_, &g)| g != f)
                .map(|(e, _)| e.clone())
                .collect();
            let model = train_filter(&train, 0.0);
            examples
                .iter()
                .enumerate()
                .filter(|(i, _)| folds[*i] == f)
                .map(|(i, e)| (i, model.score(&e.text, &e.section)))
                .collect()
        })
        .collect();
    let mut out = vec![0f32; examples.len()];
    for (i, s) in per_fold.into_iter().flatten() {
        out[i] = s;
    }
    out
}

/// The thresholds tried, 0.01 to 0.50 in steps of 0.01. (A coarser grid makes the choice
/// jump: with steps of 0.05, six more labelled statements moved it from 0.15 to 0.10.)
pub fn candidate_thresholds() -> impl Iterator<Item = f32> {
    (1..=50u8).map(|i| f32::from(i) / 100.0)
}

/// Is `t` a row of the table `eval retention --folds` prints (every 0.05, and the chosen one)?
fn shown(t: f32, chosen: f32) -> bool {
    let hundredths = (t * 100.0).round() as u32;
    hundredths.is_multiple_of(5) || t == chosen
}

/// The highest candidate threshold at which the filter, out of fold, drops at most
/// [`MAX_RECALL_LOSS`] of the clauses the rules flag and the labels call positive. `flagged[i]`
/// says the rules found a statement in example i.
pub fn choose_threshold(examples: &[FilterExample], flagged: &[bool], scores: &[f32]) -> f32 {
    let positives: Vec<f32> = examples
        .iter()
        .zip(flagged)
        .zip(scores)
        .filter(|((e, &f), _)| f && e.positive)
        .map(|(_, &s)| s)
        .collect();
    let mut best = 0.0;
    for t in candidate_thresholds() {
        let dropped = positives.iter().filter(|&&s| s < t).count();
        if (dropped as f64) <= MAX_RECALL_LOSS * positives.len() as f64 {
            best = t;
        }
    }
    best
}

/// What `eval retention --folds` reports: the filter's out-of-fold effect on the rules'
/// statements at each candidate threshold.
#[derive(Debug, Clone)]
pub struct FilterCrossValidation {
    /// Folds (grouped by service).
    pub folds: usize,
    /// Labelled clauses learnt from.
    pub clauses: usize,
    /// Services they come from.
    pub services: usize,
    /// Mean out-of-fold log loss.
    pub log_loss: f64,
    /// The threshold `choose_threshold` picks.
    pub chosen: f32,
    /// No filter (threshold 0), then each candidate threshold.
    pub table: Vec<ThresholdRow>,
}

/// How many of the rules' statements a threshold keeps, out of fold.
#[derive(Debug, Clone, Copy)]
pub struct ThresholdRow {
    /// Scores below this drop a clause's statements.
    pub threshold: f32,
    /// Clauses the rules flag, labelled positive, kept.
    pub kept_right: usize,
    /// Clauses the rules flag, labelled negative, kept.
    pub kept_wrong: usize,
}

/// Cross-validate the filter with `k` folds grouped by `groups` (one per example; the
/// service): out-of-fold scores, the threshold chosen on them, and the table of thresholds.
pub fn cross_validate_filter(
    examples: &[FilterExample],
    flagged: &[bool],
    groups: &[&str],
    k: usize,
) -> FilterCrossValidation {
    let folds = super::policy_folds(groups, k, 0);
    let scores = out_of_fold_scores(examples, &folds, k);
    let chosen = choose_threshold(examples, flagged, &scores);
    let log_loss = examples
        .iter()
        .zip(&scores)
        .map(|(e, &s)| {
            -f64::from(if e.positive { s } else { 1.0 - s })
                .max(1e-9)
                .ln()
        })
        .sum::<f64>()
        / examples.len().max(1) as f64;
    let kept = |t: f32, positive: bool| {
        examples
            .iter()
            .zip(flagged)
            .zip(&scores)
            .filter(|((e, &f), &s)| f && e.positive == positive && s >= t)
            .count()
    };
    let table = std::iter::once(0.0)
        .chain(candidate_thresholds().filter(|&t| shown(t, chosen)))
        .map(|t| ThresholdRow {
            threshold: t,
            kept_right: kept(t, true),
            kept_wrong: kept(t, false),
        })
        .collect();
    let mut services = groups.to_vec();
    services.sort_unstable();
    services.dedup();
    FilterCrossValidation {
        folds: k,
        clauses: examples.len(),
        services: services.len(),
        log_loss,
        chosen,
        table,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(text: &str, positive: bool) -> FilterExample {
        FilterExample {
            text: text.into(),
            section: String::new(),
            positive,
        }
    }

    fn toy() -> Vec<FilterExample> {
        let mut out = Vec::new();
        for i in 0..10 {
            out.push(ex(
                &format!("we keep your account data for {i} years"),
                true,
            ));
            out.push(ex(
                &format!("logs are retained for {i} months then deleted"),
                true,
            ));
            out.push(ex(
                &format!("we will respond to your request within {i} days"),
                false,
            ));
            out.push(ex(&format!("the plan costs {i} euros per month"), false));
        }
        out
    }

    #[test]
    fn learns_retention_from_deadlines_and_round_trips() {
        let model = train_filter(&toy(), 0.5);
        assert!(model.keeps("we keep the data for two years", ""));
        assert!(!model.keeps("we respond to each request within a month", ""));
        let back = RetentionFilter::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(back.to_bytes(), model.to_bytes());
        let s = "logs are retained for a while";
        assert_eq!(back.score(s, "Retention"), model.score(s, "Retention"));
    }

    /// The shipped filter drops a privacy-request metrics row the rules read as a period
    /// (written for this test) and keeps plain retention statements.
    #[test]
    fn shipped_filter_drops_a_metrics_row_and_keeps_retention() {
        use crate::analyze::retention::{extract, statements};
        let metrics = "Requests to opt out of sharing | 1,204 | 1,190 | 14 | 2 days |";
        let section = "Consumer request metrics";
        assert!(!extract(metrics, false).is_empty());
        assert!(statements(metrics, section, false).is_empty());
        for (t, s) in [
            (
                "We keep your order history for 5 years after your last purchase.",
                "",
            ),
            ("Log files are kept for 30 days.", "Retention"),
        ] {
            assert!(!statements(t, s, false).is_empty(), "{t}");
        }
        let filter = RetentionFilter::embedded().expect("models/retention.bin loads");
        assert!(filter.threshold() > 0.0 && filter.features() > 1000);
    }

    #[test]
    fn threshold_keeps_recall_loss_within_bound() {
        let examples: Vec<FilterExample> = (0..100).map(|i| ex("x", i % 2 == 0)).collect();
        let flagged = vec![true; 100];
        // Every positive scores 0.9: the highest candidate drops none.
        let scores: Vec<f32> = (0..100)
            .map(|i| if i % 2 == 0 { 0.9 } else { 0.1 })
            .collect();
        assert_eq!(choose_threshold(&examples, &flagged, &scores), 0.5);
        let mut low = scores.clone();
        low[0] = 0.07; // one positive of 50 (2 %) under 0.08 and up: allowed
        low[2] = 0.12; // a second under 0.13 and up: 4 %, not allowed
        assert_eq!(choose_threshold(&examples, &flagged, &low), 0.12);
        assert!(RetentionFilter::from_bytes(b"PSRF").is_err());
        assert!(RetentionFilter::from_bytes(b"nope").is_err());
    }
}
