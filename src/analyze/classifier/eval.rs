//! How good a tagger is on labelled segments: per-topic precision, recall and F1, micro and
//! macro F1, and cross-validation grouped by policy (mean, spread, pooled figures).

use super::data::{policy_folds, Labelled};
use super::{train, Example, TrainOptions, TOPICS};
use crate::analyze::topic::{Topic, TopicTagger};

#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Counts {
    tp: u64,
    fp: u64,
    fn_: u64,
}

impl Counts {
    fn add(&mut self, predicted: bool, actual: bool) {
        match (predicted, actual) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => {}
        }
    }
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    fn f1(&self) -> f32 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            (2.0 * p * r / (p + r)) as f32
        }
    }
}

/// Per-topic and overall quality of a model on labelled examples.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Examples evaluated.
    pub examples: usize,
    /// Per topic, in taxonomy order.
    pub topics: Vec<TopicScore>,
    /// Precision over every (example, topic) decision.
    pub micro_precision: f64,
    /// Recall over every (example, topic) decision.
    pub micro_recall: f64,
    /// F1 over every (example, topic) decision.
    pub micro_f1: f64,
    /// The mean of the topics' F1.
    pub macro_f1: f64,
}

#[derive(Debug, Clone)]
/// One topic's quality.
pub struct TopicScore {
    /// The topic's name.
    pub topic: &'static str,
    /// Of the examples given the topic, the share that have it.
    pub precision: f64,
    /// Of the examples that have the topic, the share given it.
    pub recall: f64,
    /// The harmonic mean of precision and recall.
    pub f1: f64,
    /// Examples that have the topic.
    pub support: u64,
}

/// Evaluate any tagger (the trained model, the lexicon) on labelled examples.
pub fn evaluate(tagger: &dyn TopicTagger, examples: &[Example]) -> Evaluation {
    score_predictions(
        examples
            .iter()
            .map(|e| (Topic::mask_of(&tagger.tag(&e.text, "")), e)),
    )
}

/// Per-topic and overall figures of `(predicted topic bits, example)` pairs.
pub(super) fn score_predictions<'a>(
    predictions: impl Iterator<Item = (u16, &'a Example)>,
) -> Evaluation {
    let mut per = [Counts::default(); TOPICS];
    let mut examples = 0;
    for (mask, e) in predictions {
        examples += 1;
        for t in Topic::ALL {
            per[t as usize].add(mask & (1 << t as usize) != 0, e.labels[t as usize]);
        }
    }
    let mut all = Counts::default();
    for c in &per {
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn_ += c.fn_;
    }
    let topics: Vec<TopicScore> = Topic::ALL
        .iter()
        .map(|t| {
            let c = per[*t as usize];
            TopicScore {
                topic: t.name(),
                precision: c.precision(),
                recall: c.recall(),
                f1: f64::from(c.f1()),
                support: c.tp + c.fn_,
            }
        })
        .collect();
    let macro_f1 = topics.iter().map(|t| t.f1).sum::<f64>() / topics.len() as f64;
    Evaluation {
        examples,
        micro_precision: all.precision(),
        micro_recall: all.recall(),
        micro_f1: f64::from(all.f1()),
        macro_f1,
        topics,
    }
}

/// One held-out fold of a cross-validation.
#[derive(Debug, Clone)]
pub struct FoldScore {
    /// The fold's number, from 1.
    pub fold: usize,
    /// Policies held out.
    pub policies: usize,
    /// Segments held out.
    pub examples: usize,
    /// Micro-averaged F1 on the held-out segments.
    pub micro_f1: f64,
    /// Macro-averaged F1 on the held-out segments.
    pub macro_f1: f64,
}

/// Cross-validation grouped by policy: per-fold figures, their mean and (sample) standard
/// deviation, and the figures of all held-out predictions pooled.
#[derive(Debug, Clone)]
pub struct CrossValidation {
    /// Each fold's figures.
    pub folds: Vec<FoldScore>,
    /// Mean micro-F1 over folds.
    pub micro_f1_mean: f64,
    /// Its sample standard deviation.
    pub micro_f1_sd: f64,
    /// Mean macro-F1 over folds.
    pub macro_f1_mean: f64,
    /// Its sample standard deviation.
    pub macro_f1_sd: f64,
    /// All held-out predictions evaluated together.
    pub pooled: Evaluation,
}

/// Policy-grouped `k`-fold cross-validation of training with `opts`: each fold's policies are
/// scored by a model trained, thresholds and all (its own inner folds included), on the other
/// folds' policies only.
pub fn cross_validate(data: &[Labelled], k: usize, opts: TrainOptions) -> CrossValidation {
    let policies: Vec<&str> = data.iter().map(|d| d.policy.as_str()).collect();
    // The seed the folds have always been cut with, so figures stay comparable across models.
    let folds = policy_folds(&policies, k, 115 ^ 0x5eed);
    let mut per_fold = Vec::new();
    let mut predictions: Vec<(u16, &Example)> = Vec::new();
    for f in 0..k {
        let (held, rest): (Vec<_>, Vec<_>) = data.iter().zip(&folds).partition(|(_, g)| **g == f);
        if held.is_empty() {
            continue;
        }
        let train_examples: Vec<Example> = rest.iter().map(|(d, _)| d.example.clone()).collect();
        let model = train(&train_examples, opts);
        let fold_predictions: Vec<(u16, &Example)> = held
            .iter()
            .map(|(d, _)| (Topic::mask_of(&model.tag(&d.example.text, "")), &d.example))
            .collect();
        let eval = score_predictions(fold_predictions.iter().copied());
        let mut fold_policies: Vec<&str> = held.iter().map(|(d, _)| d.policy.as_str()).collect();
        fold_policies.sort_unstable();
        fold_policies.dedup();
        per_fold.push(FoldScore {
            fold: f,
            policies: fold_policies.len(),
            examples: held.len(),
            micro_f1: eval.micro_f1,
            macro_f1: eval.macro_f1,
        });
        predictions.extend(fold_predictions);
    }
    let (micro_f1_mean, micro_f1_sd) = mean_sd(per_fold.iter().map(|f| f.micro_f1));
    let (macro_f1_mean, macro_f1_sd) = mean_sd(per_fold.iter().map(|f| f.macro_f1));
    CrossValidation {
        folds: per_fold,
        micro_f1_mean,
        micro_f1_sd,
        macro_f1_mean,
        macro_f1_sd,
        pooled: score_predictions(predictions.into_iter()),
    }
}

/// Mean and sample standard deviation.
pub(super) fn mean_sd(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let v: Vec<f64> = values.collect();
    let n = v.len() as f64;
    if v.is_empty() {
        return (0.0, 0.0);
    }
    let mean = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (mean, var.sqrt())
}
