//! The trained topic classifier: one class-weighted logistic regression per OPP-115 topic over
//! two TF-IDF blocks, words and word pairs, and character 2-5-grams within words, with a
//! vocabulary learnt from the training segments.
//!
//! Why a linear model we own: the training set is small (about 2,300 labelled segments), a
//! well-regularised linear model over words and character n-grams is within a few points of
//! far larger models on it, it trains in seconds, reproducibly (a deterministic quasi-Newton
//! solver, no randomness), and it classifies tens of thousands of clauses per second per core
//! with no runtime beyond this file. The model ships as `models/topics.bin` (built by
//! `polsearch topics train`) and is compiled into the binary.
//!
//! What was chosen, and how: every setting below was selected by 5-fold cross-validation
//! grouped by policy over the train and validation policies (`polsearch topics eval
//! segments.csv --folds 5`), never on the validation split alone; EVALUATION.md has the figures
//! of the alternatives.
//!
//! The same features and solver serve a second, smaller model: [`RetentionFilter`] (in
//! `filter`), the learnt check on the retention rules' statements, trained on hand-labelled
//! OTA clauses (`models/retention.bin`, built by `polsearch eval retention --train-out`).

mod data;
mod eval;
mod features;
mod filter;
mod solver;

use features::{Featurizer, Vocabulary, FEATURES};
use solver::fit_logistic;

pub use data::{load_csv, load_segments, policy_folds, topic_of_label, Labelled};
pub use eval::{cross_validate, evaluate, CrossValidation, Evaluation, FoldScore, TopicScore};
pub use filter::{
    cross_validate_filter, train_filter, FilterCrossValidation, FilterExample, RetentionFilter,
    ThresholdRow, FILTER_C, MAX_RECALL_LOSS,
};

use std::path::Path;
use std::sync::LazyLock;

use crate::analyze::modelfile::Reader;
use crate::analyze::retention::{Retention, RetentionKind};
use crate::analyze::topic::{Topic, TopicTagger};
use crate::error::{Error, Result};

const MAGIC: &[u8; 4] = b"PSTM";
const FORMAT_VERSION: u32 = 3;
const TOPICS: usize = Topic::ALL.len();

/// The model polsearch ships with.
static EMBEDDED: LazyLock<Option<TopicModel>> =
    LazyLock::new(|| TopicModel::from_bytes(include_bytes!("../../../models/topics.bin")).ok());

/// Training settings; the defaults are what `models/topics.bin` was built with.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Inverse strength of the L2 penalty, as scikit-learn's `C`: the objective is
    /// `C * sum(class weight * log loss) + |w|^2 / 2` (the bias is not penalised).
    pub c: f64,
    /// N-grams found in fewer training segments than this are left out of the vocabulary.
    pub min_df: u32,
    /// Weight each topic's positives and negatives so that both classes weigh the same
    /// (scikit-learn's `class_weight="balanced"`): rare topics are not drowned.
    pub balanced: bool,
    /// Character 2-5-grams within words (padded with a space each side) as a second block.
    pub char_grams: bool,
    /// Term frequency as `1 + ln(tf)` instead of the raw count.
    pub sublinear: bool,
    /// Each word's cluster ([`crate::analyze::clusters`], learnt without labels) as a feature too.
    pub clusters: bool,
    /// A clause that states a retention period or criterion gets the data-retention topic.
    pub retention_rule: bool,
    /// The hand-written lexicon's evidence as one feature per topic (in the word block).
    pub lexicon: bool,
    /// Average each topic's regression with a second one fit on the features scaled by their
    /// log-count ratio for the topic (NBSVM, Wang and Manning 2012), as one weight vector:
    /// the tagger's work is unchanged.
    pub nb_blend: bool,
    /// A clause that reaches no topic's threshold gets the topic nearest it (every OPP-115
    /// segment has at least one topic).
    pub at_least_one: bool,
    /// Iterations of the solver at most (each topic's problem is convex: it stops earlier
    /// when the gradient vanishes).
    pub max_iter: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            c: 10.0,
            min_df: 2,
            balanced: true,
            char_grams: true,
            sublinear: true,
            clusters: false,
            retention_rule: true,
            lexicon: true,
            nb_blend: true,
            at_least_one: true,
            max_iter: 1000,
        }
    }
}

impl TrainOptions {
    /// The reference baseline, as the issue that set the topic targets reports it (0.790 micro
    /// / 0.746 macro F1 on validation): TF-IDF of words and word pairs (raw counts, n-grams of
    /// two training segments or more), logistic regression with `C = 10` and balanced class
    /// weights, threshold 0.5, no topic forced on a clause that reaches none; what
    /// scikit-learn's `TfidfVectorizer(ngram_range=(1, 2), min_df=2)` and
    /// `LogisticRegression(C=10, class_weight="balanced")` one-vs-rest do (0.791 / 0.745 there;
    /// the unweighted variant with a topic forced, 0.783 / 0.717, falls short of the issue's
    /// figure, EVALUATION.md).
    pub fn baseline() -> Self {
        TrainOptions {
            c: 10.0,
            min_df: 2,
            balanced: true,
            char_grams: false,
            sublinear: false,
            clusters: false,
            retention_rule: false,
            lexicon: false,
            nb_blend: false,
            at_least_one: false,
            max_iter: 1000,
        }
    }
}

/// A labelled example: a segment of text and the topics annotators gave it.
#[derive(Debug, Clone)]
pub struct Example {
    /// The segment's text.
    pub text: String,
    /// Whether annotators gave it each topic, in taxonomy order.
    pub labels: [bool; TOPICS],
}

/// One logistic regression per topic over a shared vocabulary, with its decision threshold.
#[derive(Debug, Clone)]
pub struct TopicModel {
    vocabulary: Vocabulary,
    bias: [f32; TOPICS],
    threshold: [f32; TOPICS],
    /// A clause that reaches no threshold gets the topic nearest its threshold (every OPP-115
    /// segment has a topic).
    at_least_one: bool,
    /// A clause that states a retention period or criterion is about data retention
    /// ([`TopicModel::topics_with_rule`]).
    retention_rule: bool,
    /// Feature-major: `weights[feature][topic]`, so scoring a feature reads one cache line for
    /// all topics instead of one line per topic.
    weights: Vec<[f32; TOPICS]>,
}

impl TopicModel {
    /// The model compiled into polsearch, if it loads.
    pub fn embedded() -> Option<&'static TopicModel> {
        EMBEDDED.as_ref()
    }

    /// Read a model file.
    pub fn load(path: &Path) -> Result<TopicModel> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        TopicModel::from_bytes(&bytes).map_err(|reason| Error::BadFile {
            path: path.to_path_buf(),
            reason: format!("not a polsearch topic model: {reason}"),
        })
    }

    /// How many n-grams the model knows.
    pub fn features(&self) -> usize {
        self.vocabulary.keys.len()
    }

    /// Probabilities of every topic for a clause and its section heading.
    pub fn scores(&self, text: &str, section: &str) -> [f32; TOPICS] {
        // A French clause is read through its English gloss (`analyze::lang`); its heading
        // with it, when the heading is French too.
        use crate::analyze::lang::gloss_if_french;
        use std::borrow::Cow;
        let (text, section) = match gloss_if_french(text) {
            Cow::Borrowed(text) => (Cow::Borrowed(text), Cow::Borrowed(section)),
            glossed => (glossed, gloss_if_french(section)),
        };
        let (text, section) = (text.as_ref(), section.as_ref());
        // Summed feature by feature, then the bias added: the same order of operations as
        // training's dot product, so scores do not depend on the layout.
        let acc = FEATURES.with_borrow_mut(|feats| {
            self.vocabulary.vector(text, section, feats);
            // Local to the closure so that it stays in registers: captured from outside, it
            // went back to memory at every feature (a sixth of the tagging time).
            let mut acc = [0f32; TOPICS];
            for &(i, v) in feats.iter() {
                let w = &self.weights[i as usize];
                for (a, w) in acc.iter_mut().zip(w) {
                    *a += w * v;
                }
            }
            acc
        });
        let mut out = [0f32; TOPICS];
        for (t, o) in out.iter_mut().enumerate() {
            *o = sigmoid(self.bias[t] + acc[t]);
        }
        out
    }

    /// The topics of a clause given its probabilities: those whose probability reaches their
    /// threshold, and with the at-least-one rule the nearest topic when none is reached.
    pub fn topics_of(&self, scores: &[f32; TOPICS]) -> Vec<Topic> {
        let mut mask = 0u16;
        for (t, (score, threshold)) in scores.iter().zip(&self.threshold).enumerate() {
            if score >= threshold {
                mask |= 1 << t;
            }
        }
        if mask == 0 && self.at_least_one {
            // The topic whose log-odds come nearest its threshold's.
            let margin = |t: usize| logit(scores[t]) - logit(self.threshold[t]);
            let best = (0..TOPICS)
                .max_by(|&a, &b| margin(a).total_cmp(&margin(b)).then(b.cmp(&a)))
                .unwrap_or(0);
            mask = 1 << best;
        }
        Topic::from_mask(mask)
    }

    /// Probabilities and topics of a clause.
    pub fn classify(&self, text: &str, section: &str) -> ([f32; TOPICS], Vec<Topic>) {
        let scores = self.scores(text, section);
        let (topics, _) = self.topics_with_rule(text, &scores);
        (scores, topics)
    }

    /// The topics of a clause given its probabilities ([`TopicModel::topics_of`]), and the
    /// retention rule: a clause that states how long data is kept, by itself (a retention verb
    /// and a period, a criterion or "indefinitely", [`crate::analyze::retention`]; not a cookie's
    /// lifetime), is about data retention whatever words it uses, since OPP-115 has too few
    /// retention segments (about 2 %) for a model to learn every way of saying it. When the
    /// rule read the clause's statements and they stand for its topics (it is not about
    /// retention), they come back too, so that they are not extracted again.
    fn topics_with_rule(
        &self,
        text: &str,
        scores: &[f32; TOPICS],
    ) -> (Vec<Topic>, Option<Vec<Retention>>) {
        let mut topics = self.topics_of(scores);
        if !self.retention_rule || topics.contains(&Topic::DataRetention) {
            return (topics, None);
        }
        let statements = crate::analyze::retention::extract(text, false);
        if statements.iter().any(|r| {
            r.kind != RetentionKind::Cookie && !crate::analyze::retention::filed_elsewhere(text, r)
        }) {
            // About retention now: its statements are read as such, by the caller.
            topics.push(Topic::DataRetention);
            topics.sort_unstable();
            return (topics, None);
        }
        (topics, Some(statements))
    }

    /// Serialise (little endian throughout): magic, version, topic count, flags, vocabulary
    /// size, thresholds, biases, the feature keys (word block first), their IDF, then each
    /// topic's weights quantised to `i16` with a per-topic scale.
    pub fn to_bytes(&self) -> Vec<u8> {
        let v = &self.vocabulary;
        let n = v.keys.len();
        let mut out = Vec::with_capacity(64 + TOPICS * 12 + n * (12 + TOPICS * 2));
        out.extend_from_slice(MAGIC);
        for x in [FORMAT_VERSION, TOPICS as u32] {
            out.extend_from_slice(&x.to_le_bytes());
        }
        out.push(
            u8::from(self.at_least_one)
                | u8::from(self.retention_rule) << 4
                | u8::from(v.featurizer.char_grams) << 1
                | u8::from(v.featurizer.sublinear) << 2
                | u8::from(v.featurizer.clusters) << 3
                | u8::from(v.featurizer.lexicon) << 5,
        );
        out.extend_from_slice(&(n as u32).to_le_bytes());
        for x in self.threshold.iter().chain(&self.bias) {
            out.extend_from_slice(&x.to_le_bytes());
        }
        for k in &v.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for x in &v.idf {
            out.extend_from_slice(&x.to_le_bytes());
        }
        for t in 0..TOPICS {
            let scale = quantum(&self.weights, t);
            out.extend_from_slice(&scale.to_le_bytes());
            for x in self.weights.iter().map(|w| w[t]) {
                out.extend_from_slice(&((x / scale).round() as i16).to_le_bytes());
            }
        }
        out
    }

    /// Inverse of [`TopicModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> std::result::Result<TopicModel, String> {
        let mut r = Reader::open(bytes, MAGIC)?;
        let version = r.u32()?;
        let topics = r.u32()? as usize;
        if version != FORMAT_VERSION || topics != TOPICS {
            return Err(format!(
                "unsupported model (version {version}, {topics} topics)"
            ));
        }
        let flags = r.take(1)?[0];
        let n = r.u32()? as usize;
        // Each feature takes 12 + 2 * TOPICS bytes: a count the file cannot hold is damage,
        // not an allocation to attempt.
        if n > bytes.len() / (12 + 2 * TOPICS) {
            return Err(format!("file too short for {n} features"));
        }
        let mut threshold = [0f32; TOPICS];
        let mut bias = [0f32; TOPICS];
        for x in threshold.iter_mut().chain(bias.iter_mut()) {
            *x = r.f32()?;
        }
        let keys = (0..n)
            .map(|_| r.u64())
            .collect::<std::result::Result<Vec<u64>, _>>()?;
        let idf = (0..n)
            .map(|_| r.f32())
            .collect::<std::result::Result<Vec<f32>, _>>()?;
        let mut weights = vec![[0f32; TOPICS]; n];
        for t in 0..TOPICS {
            let scale = r.f32()?;
            let raw = r.take(n * 2)?;
            for (w, c) in weights.iter_mut().zip(raw.chunks_exact(2)) {
                w[t] = f32::from(i16::from_le_bytes([c[0], c[1]])) * scale;
            }
        }
        let featurizer = Featurizer {
            char_grams: flags & 2 != 0,
            sublinear: flags & 4 != 0,
            clusters: flags & 8 != 0,
            lexicon: flags & 32 != 0,
        };
        Ok(TopicModel {
            vocabulary: Vocabulary::new(featurizer, keys, idf),
            bias,
            threshold,
            at_least_one: flags & 1 != 0,
            retention_rule: flags & 16 != 0,
            weights,
        })
    }
}

/// The step of topic `t`'s weights quantised to `i16`.
fn quantum(weights: &[[f32; TOPICS]], t: usize) -> f32 {
    let max = weights
        .iter()
        .fold(0f32, |m, w| m.max(w[t].abs()))
        .max(1e-12);
    max / f32::from(i16::MAX)
}

impl TopicTagger for TopicModel {
    fn tag(&self, text: &str, section: &str) -> Vec<Topic> {
        self.classify(text, section).1
    }

    fn tag_scored(&self, text: &str, section: &str) -> (Vec<Topic>, [f32; TOPICS]) {
        let (scores, topics) = self.classify(text, section);
        (topics, scores)
    }

    /// The statements the retention rule read are reused: one extraction per clause.
    fn tag_with_retention(
        &self,
        text: &str,
        section: &str,
    ) -> (Vec<Topic>, [f32; TOPICS], Vec<Retention>) {
        let scores = self.scores(text, section);
        let (topics, read) = self.topics_with_rule(text, &scores);
        // (Under a heading about retention the clause is read as about retention: again.)
        let retention = match read {
            Some(found) if !crate::analyze::retention::retention_heading(section) => {
                crate::analyze::retention::vet(text, section, found)
            }
            _ => crate::analyze::retention::statements(
                text,
                section,
                topics.contains(&Topic::DataRetention),
            ),
        };
        (topics, scores, retention)
    }

    fn cache_id(&self) -> Option<u8> {
        TopicModel::embedded()
            .is_some_and(|m| std::ptr::eq(m, self))
            .then_some(2)
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

fn logit(p: f32) -> f32 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln()
}

/// Train on `examples`: learn the vocabulary and IDF, then fit each topic's logistic
/// regression (topics in parallel; each fit is deterministic, so the result does not depend
/// on the threads). Every clause gets a topic (threshold 0.5, at least one): with balanced
/// class weights 0.5 is where a topic's positives and negatives weigh the same, and the
/// thresholds chosen per topic on out-of-fold scores that earlier models used did no better
/// in policy-grouped cross-validation (EVALUATION.md).
pub fn train(examples: &[Example], opts: TrainOptions) -> TopicModel {
    use rayon::prelude::*;
    let featurizer = Featurizer {
        char_grams: opts.char_grams,
        sublinear: opts.sublinear,
        clusters: opts.clusters,
        lexicon: opts.lexicon,
    };
    let texts: Vec<&str> = examples.iter().map(|e| e.text.as_str()).collect();
    let vocabulary = Vocabulary::learn(&texts, featurizer, opts.min_df);
    let rows: Vec<Vec<(u32, f32)>> = texts
        .iter()
        .map(|t| {
            let mut v = Vec::new();
            vocabulary.vector(t, "", &mut v);
            v
        })
        .collect();
    let n = vocabulary.keys.len();
    let fits: Vec<(Vec<f64>, f64)> = (0..TOPICS)
        .into_par_iter()
        .map(|t| {
            let y: Vec<bool> = examples.iter().map(|e| e.labels[t]).collect();
            let (w, b) = fit_logistic(&rows, &y, n, &opts);
            if !opts.nb_blend {
                return (w, b);
            }
            // w . x and w2 . (r * x) sum to one linear model in x: (w + r * w2) / 2.
            let r = log_count_ratio(&rows, &y, n);
            let scaled: Vec<Vec<(u32, f32)>> = rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|&(j, v)| (j, v * r[j as usize] as f32))
                        .collect()
                })
                .collect();
            let (w2, b2) = fit_logistic(&scaled, &y, n, &opts);
            let blended = w
                .iter()
                .zip(&w2)
                .zip(&r)
                .map(|((a, c), r)| (a + c * r) / 2.0)
                .collect();
            (blended, (b + b2) / 2.0)
        })
        .collect();
    let mut weights = vec![[0f32; TOPICS]; n];
    let mut bias = [0f32; TOPICS];
    for (t, (w, b)) in fits.into_iter().enumerate() {
        bias[t] = b as f32;
        for (m, x) in weights.iter_mut().zip(w) {
            m[t] = x as f32;
        }
    }
    // Quantised as the file stores them, so the model in memory is the model on disk.
    for t in 0..TOPICS {
        let scale = quantum(&weights, t);
        for w in weights.iter_mut() {
            w[t] = (w[t] / scale).round() * scale;
        }
    }
    TopicModel {
        vocabulary,
        bias,
        threshold: [0.5; TOPICS],
        at_least_one: opts.at_least_one,
        retention_rule: opts.retention_rule,
        weights,
    }
}

/// Each feature's log-count ratio for one topic: `ln((p_j / |p|) / (q_j / |q|))`, where `p_j`
/// and `q_j` count the positive and negative segments the feature occurs in, plus one.
fn log_count_ratio(rows: &[Vec<(u32, f32)>], y: &[bool], dim: usize) -> Vec<f64> {
    let mut p = vec![1.0f64; dim];
    let mut q = vec![1.0f64; dim];
    for (row, &label) in rows.iter().zip(y) {
        let counts = if label { &mut p } else { &mut q };
        for &(j, v) in row {
            if v != 0.0 {
                counts[j as usize] += 1.0;
            }
        }
    }
    let (sp, sq): (f64, f64) = (p.iter().sum(), q.iter().sum());
    p.iter()
        .zip(&q)
        .map(|(pj, qj)| ((pj / sp) / (qj / sq)).ln())
        .collect()
}

/// The tagger polsearch uses: the trained classifier compiled into the binary, or the
/// lexicon when no model was built in.
pub fn default_tagger() -> &'static dyn TopicTagger {
    match TopicModel::embedded() {
        Some(model) => model,
        None => crate::analyze::topic::LexiconTagger::shared(),
    }
}

#[cfg(test)]
mod tests {
    use super::features::{Grams, CHAR_BLOCK};
    use super::solver::lbfgs;
    use super::*;

    fn example(text: &str, topic: Topic) -> Example {
        let mut labels = [false; TOPICS];
        labels[topic as usize] = true;
        Example {
            text: text.to_owned(),
            labels,
        }
    }

    #[test]
    fn learns_a_toy_problem_and_round_trips() {
        let mut data = Vec::new();
        for i in 0..30 {
            data.push(example(
                &format!("we keep your logs for {i} months then delete"),
                Topic::DataRetention,
            ));
            data.push(example(
                &format!("we share data with advertising partner {i}"),
                Topic::ThirdPartySharing,
            ));
        }
        let model = train(&data, TrainOptions::default());
        assert_eq!(
            model.tag("logs are kept for 6 months", ""),
            vec![Topic::DataRetention]
        );
        assert_eq!(
            model.tag("partners receive shared data", ""),
            vec![Topic::ThirdPartySharing]
        );
        let bytes = model.to_bytes();
        let back = TopicModel::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes, "the file is the model");
        assert_eq!(
            back.scores("logs are kept for 6 months", ""),
            model.scores("logs are kept for 6 months", "")
        );
        let eval = evaluate(&back, &data);
        assert!(eval.micro_f1 > 0.95, "{eval:?}");
        assert!(TopicModel::from_bytes(b"nope").is_err());
        // A damaged count is an error, not an allocation.
        let mut damaged = bytes.clone();
        damaged[13..17].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(TopicModel::from_bytes(&damaged).is_err());
        assert!(TopicModel::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn vectors_are_deterministic_and_normalised_per_block() {
        let texts = [
            "We keep data for a year.",
            "We keep logs.",
            "Data Retention",
        ];
        let featurizer = Featurizer {
            char_grams: true,
            sublinear: true,
            clusters: true,
            lexicon: true,
        };
        let vocabulary = Vocabulary::learn(&texts, featurizer, 1);
        let mut a = Vec::new();
        let mut b = Vec::new();
        vocabulary.vector("We keep data.", "Data Retention", &mut a);
        vocabulary.vector("We keep data.", "Data Retention", &mut b);
        assert_eq!(a, b);
        let (words, chars): (Vec<&(u32, f32)>, Vec<_>) =
            a.iter().partition(|f| f.0 < vocabulary.words);
        assert!(!words.is_empty() && !chars.is_empty());
        for block in [words, chars] {
            let norm: f32 = block.iter().map(|f| f.1 * f.1).sum();
            assert!((norm - 1.0).abs() < 1e-4, "{norm}");
        }
        // Single-character words are not words; unknown n-grams are not features.
        let mut c = Vec::new();
        vocabulary.vector("a zzzz", "", &mut c);
        assert!(!c.is_empty() && c.iter().all(|f| f.0 >= vocabulary.words));
    }

    #[test]
    fn the_word_cache_changes_nothing_and_is_per_vocabulary() {
        let f = Featurizer {
            char_grams: true,
            sublinear: false,
            clusters: false,
            lexicon: false,
        };
        let a = Vocabulary::learn(&["we retain logs", "retention of logs"], f, 1);
        let b = Vocabulary::learn(&["cookies expire", "we share cookies"], f, 1);
        // The counts of every known n-gram of the text, counted afresh.
        let direct = |v: &Vocabulary, text: &str| {
            let mut counts: Vec<(u32, f32)> = Vec::new();
            Grams::default().each(text, f, |k| {
                if let Some(&i) = v.index.get(&k) {
                    match counts.iter_mut().find(|c| c.0 == i) {
                        Some(c) => c.1 += 1.0,
                        None => counts.push((i, 1.0)),
                    }
                }
            });
            counts
        };
        // Alternating vocabularies on one thread: each reads its own cache.
        for text in [
            "we retain logs we retain",
            "cookies expire, we share",
            "retain cookies",
        ] {
            for v in [&a, &b, &a, &b] {
                let mut out = Vec::new();
                v.vector(text, "", &mut out);
                let want = direct(v, text);
                assert_eq!(out.len(), want.len(), "{text}");
                for ((i, x), (j, count)) in out.iter().zip(&want) {
                    // Raw counts: the value is count * idf / the block's norm.
                    assert_eq!(i, j, "{text}");
                    let ratio = x / (count * v.idf[*i as usize]);
                    assert!(ratio > 0.0 && ratio <= 1.0, "{text}: {ratio}");
                }
            }
        }
    }

    #[test]
    fn char_grams_follow_char_wb() {
        // "ab" padded is " ab ": 2-grams " a", "ab", "b "; 3-grams " ab", "ab "; 4-gram
        // " ab "; no 5-gram (the padded word counts once, whole, for n = 4 already).
        let f = Featurizer {
            char_grams: true,
            sublinear: false,
            clusters: false,
            lexicon: false,
        };
        let chars = |text: &str| {
            let mut keys = Vec::new();
            Grams::default().each(text, f, |k| keys.push(k));
            keys.into_iter().filter(|k| k & CHAR_BLOCK != 0).count()
        };
        assert_eq!(chars("ab"), 6);
        // Multi-byte characters are cut at character boundaries.
        assert_eq!(chars("été"), 4 + 3 + 2 + 1);
    }

    #[test]
    fn log_count_ratios_favour_the_features_of_the_topic() {
        // Feature 0 in both positives, feature 1 in both negatives, feature 2 everywhere.
        let rows = vec![
            vec![(0, 0.5), (2, 0.5)],
            vec![(0, 0.7), (2, 0.1)],
            vec![(1, 0.6), (2, 0.3)],
            vec![(1, 0.2), (2, 0.9)],
        ];
        let y = [true, true, false, false];
        let r = log_count_ratio(&rows, &y, 3);
        assert!(r[0] > 0.0 && r[1] < 0.0, "{r:?}");
        assert!((r[0] + r[1]).abs() < 1e-12, "symmetric counts: {r:?}");
        assert!(
            r[2].abs() < 1e-12,
            "a feature of every segment says nothing: {r:?}"
        );
    }

    #[test]
    fn lbfgs_finds_the_minimum_of_a_quadratic() {
        let x = lbfgs(
            vec![0.0, 0.0],
            |x, g| {
                g[0] = 2.0 * (x[0] - 3.0);
                g[1] = 20.0 * (x[1] + 1.0);
                (x[0] - 3.0).powi(2) + 10.0 * (x[1] + 1.0).powi(2)
            },
            200,
        );
        assert!(
            (x[0] - 3.0).abs() < 1e-4 && (x[1] + 1.0).abs() < 1e-4,
            "{x:?}"
        );
    }
}
