//! Learning the question model from labelled questions: the intent and expansion
//! ([`fit_language`]) and the ranking weights and trees, listwise ([`fit_ranking`]).

use super::expansion::Expansion;
use super::features::{features, Candidate, FEATURES, N_FEATURES};
use super::intent::{IntentModel, LabelledQuestion};
use super::QuestionModel;

/// A question's candidates in the order the first stage found them and which of them hold
/// (overlap) an answer: what the ranking weights learn from.
#[derive(Debug, Clone)]
pub struct RankingExample {
    /// The question's text.
    pub question: String,
    /// Its policy's number in the dataset.
    pub policy: usize,
    /// Its candidates, in first-stage order.
    pub candidates: Vec<Candidate>,
    /// Whether each candidate holds an answer.
    pub relevant: Vec<bool>,
}

/// Which features a model may use (the ablation table switches them off one by one).
pub type FeatureMask = [bool; N_FEATURES];

/// Every feature on.
pub const ALL_FEATURES: FeatureMask = [true; N_FEATURES];

/// Folds of the out-of-fold intents the weights learn from.
pub(super) const INTENT_FOLDS: usize = 5;

/// Learn what questions ask (the intent) and which words answer them (the expansion) from
/// `questions`; the ranking weights are BM25's until [`fit_ranking`]. `df` is the share of
/// clauses holding a term.
pub fn fit_language(
    questions: &[LabelledQuestion],
    df: &dyn Fn(&str) -> f64,
    expansion: bool,
    trained_on: &str,
) -> QuestionModel {
    let intent = IntentModel::fit(questions.iter().map(|q| (q.question.as_str(), q.topic)));
    let expansion = if expansion {
        Expansion::fit(questions, df)
    } else {
        Expansion::default()
    };
    let mut weights = vec![0.0; N_FEATURES];
    weights[0] = 1.0;
    QuestionModel {
        trained_on: trained_on.to_owned(),
        features: FEATURES.iter().map(|s| (*s).to_owned()).collect(),
        weights,
        intent,
        expansion,
        trees: Vec::new(),
    }
}

/// Learn the ranking weights of `model` from `examples` (with `mask`'s features only): by
/// gradient descent on the listwise softmax loss of each question that has an answer among
/// its candidates (L2-regularised; deterministic: fixed iteration count and summation order).
/// The intent each example's features use is that of a model fit on the *other* policies'
/// questions of `labelled` (grouped by policy), so the weights learn how far to trust an
/// intent of unseen wording. With `trees`, boosted trees (`answer::boost`) are then fit to
/// what the linear scores leave, on the same loss.
pub fn fit_ranking(
    model: &mut QuestionModel,
    labelled: &[LabelledQuestion],
    examples: &[RankingExample],
    mask: &FeatureMask,
    trees: bool,
) {
    let folds: Vec<IntentModel> = (0..INTENT_FOLDS)
        .map(|k| {
            IntentModel::fit(
                labelled
                    .iter()
                    .filter(|q| q.policy % INTENT_FOLDS != k)
                    .map(|q| (q.question.as_str(), q.topic)),
            )
        })
        .collect();
    let lists: Vec<(Vec<[f32; N_FEATURES]>, &[bool])> = examples
        .iter()
        .filter(|q| q.relevant.iter().any(|&r| r))
        .map(|q| {
            let i = folds[q.policy % INTENT_FOLDS].intent(&q.question);
            let mut f = features(&i, &q.candidates);
            for row in &mut f {
                for (x, on) in row.iter_mut().zip(mask) {
                    if !on {
                        *x = 0.0;
                    }
                }
            }
            (f, q.relevant.as_slice())
        })
        .collect();
    model.weights = fit_listwise(&lists);
    // What the training data cannot teach: a feature that is 0 in every training example
    // takes its prior weight.
    for (j, w) in model.weights.iter_mut().enumerate() {
        let seen = lists
            .iter()
            .any(|(rows, _)| rows.iter().any(|f| f[j] != 0.0));
        if !seen && mask[j] {
            *w = PRIORS[j];
        }
    }
    model.trees = if trees {
        let base: Vec<Vec<f32>> = lists
            .iter()
            .map(|(rows, _)| rows.iter().map(|f| super::dot(&model.weights, f)).collect())
            .collect();
        super::boost::fit(&lists, &base)
    } else {
        Vec::new()
    };
}

/// Weights for features PolicyQA cannot teach, set by rule: its policies are plain text
/// without tables or headings, and their 58 retention questions meet no clause stating a
/// period (the 20 dev policies state 4 retention criteria and no period). So: table header
/// rows and headings down (they name what follows, they answer nothing), and for a duration
/// question a clause stating a period up by about what the best BM25 score adds, a cookie
/// lifetime (not data retention) a little down. Every other feature: 0.
pub(super) const PRIORS: [f32; N_FEATURES] = {
    let mut p = [0.0; N_FEATURES];
    p[4] = -0.5; // heading (on top of its halved BM25 score)
    p[5] = -2.0; // table_header
    p[8] = 2.0; // duration_x_period
    p[9] = 1.0; // duration_x_criterion
    p[13] = -0.5; // duration_x_cookie
    p
};

/// Gradient descent with momentum on the mean over lists of `-log(sum over relevant of
/// softmax)`, plus `L2 * |w|^2`.
pub(super) fn fit_listwise(lists: &[(Vec<[f32; N_FEATURES]>, &[bool])]) -> Vec<f32> {
    const ITERATIONS: usize = 400;
    const RATE: f64 = 0.5;
    const L2: f64 = 1e-4;
    const MOMENTUM: f64 = 0.9;
    let mut w = [0.0f64; N_FEATURES];
    // Start from BM25 order.
    w[0] = 1.0;
    let mut velocity = [0.0f64; N_FEATURES];
    let n = lists.len().max(1) as f64;
    for _ in 0..ITERATIONS {
        let mut grad = [0.0f64; N_FEATURES];
        for (rows, relevant) in lists {
            let s: Vec<f64> = rows
                .iter()
                .map(|f| f.iter().zip(&w).map(|(x, w)| f64::from(*x) * w).sum())
                .collect();
            for (f, (g, _)) in rows.iter().zip(listwise_gradient(&s, relevant)) {
                if g != 0.0 {
                    for (gj, x) in grad.iter_mut().zip(f) {
                        *gj += g * f64::from(*x);
                    }
                }
            }
        }
        for j in 0..N_FEATURES {
            let g = grad[j] / n + 2.0 * L2 * w[j];
            velocity[j] = MOMENTUM * velocity[j] - RATE * g;
            w[j] += velocity[j];
        }
    }
    w.iter().map(|x| *x as f32).collect()
}

/// The gradient and (diagonal) Hessian, per candidate, of one list's listwise loss
/// `-log(sum over relevant of softmax(scores))`: `d/ds_i = p_i - [relevant] e_i/pos`.
pub(super) fn listwise_gradient(scores: &[f64], relevant: &[bool]) -> Vec<(f64, f64)> {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = scores.iter().map(|x| (x - max).exp()).collect();
    let all: f64 = e.iter().sum();
    let pos: f64 = e
        .iter()
        .zip(relevant)
        .filter(|(_, r)| **r)
        .map(|(e, _)| e)
        .sum();
    e.iter()
        .zip(relevant)
        .map(|(e, r)| {
            let p = e / all;
            let q = if *r { e / pos } else { 0.0 };
            (p - q, (p * (1.0 - p)).max(1e-6))
        })
        .collect()
}
