//! The trained topic classifier: one logistic regression per OPP-115 topic over hashed word,
//! word-pair and lexicon features (TF-IDF weighted), with a per-topic threshold.
//!
//! Why a linear model we own: the training set is small (about 2,200 labelled segments), a
//! linear model over rich sparse features is within a few points of far larger models on it,
//! it trains in seconds, reproducibly (fixed example order, no threads), and it classifies
//! tens of thousands of clauses per second per core with no runtime beyond this file. The
//! model ships as `models/topics.bin` (built by `polsearch topics train`) and is compiled into
//! the binary, so loading it costs a few milliseconds and needs no file at run time.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::LazyLock;

use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::clusters::WordClusters;
use crate::error::{Error, Result};
use crate::modelfile::Reader;
use crate::topic::{LexiconTagger, Topic, TopicTagger};

const MAGIC: &[u8; 4] = b"PSTM";
const FORMAT_VERSION: u32 = 2;
const TOPICS: usize = Topic::ALL.len();

/// The model polsearch ships with.
static EMBEDDED: LazyLock<Option<TopicModel>> =
    LazyLock::new(|| TopicModel::from_bytes(include_bytes!("../models/topics.bin")).ok());

/// Training settings; the defaults are what `models/topics.bin` was built with.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// log2 of the number of hashed feature buckets.
    pub dim_bits: u32,
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    pub seed: u64,
    /// Folds (grouped by policy) whose out-of-fold scores choose the thresholds, the lexicon
    /// unions and the at-least-one rule.
    pub folds: usize,
    /// How many positive examples a topic's own best threshold must outweigh to move away
    /// from the one global threshold: a rare topic's threshold stays near the global one.
    pub threshold_prior: f32,
    /// The reference baseline instead: TF-IDF words and word pairs only (no clusters, no
    /// lexicon), threshold 0.5 for every topic.
    pub plain: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            dim_bits: 17,
            epochs: 30,
            learning_rate: 0.2,
            l2: 2e-6,
            seed: 115,
            folds: 5,
            threshold_prior: 100.0,
            plain: false,
        }
    }
}

/// A labelled example: a segment of text and the topics annotators gave it.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub labels: [bool; TOPICS],
}

/// One logistic regression per topic, with its decision threshold.
#[derive(Debug, Clone)]
pub struct TopicModel {
    dim_bits: u32,
    bias: [f32; TOPICS],
    threshold: [f32; TOPICS],
    /// Inverse document frequency of each bucket in the training set.
    idf: Vec<f32>,
    /// Topics for which the lexicon's verdict is added to the model's (chosen on out-of-fold
    /// scores of the training policies, where the union scored a higher F1 than the model).
    lexicon_union: [bool; TOPICS],
    /// A clause that reaches no threshold gets the topic nearest its threshold (every OPP-115
    /// segment has a topic; chosen on out-of-fold scores when it raises micro-F1).
    at_least_one: bool,
    /// Baseline features only (words and word pairs): see [`TrainOptions::plain`].
    plain: bool,
    /// Bucket-major: `weights[bucket][topic]`, so scoring a feature reads one cache line for
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

    /// Probabilities of every topic for a clause and its section heading.
    pub fn scores(&self, text: &str, section: &str) -> [f32; TOPICS] {
        let lexicon = LexiconTagger::shared().scores(text, section);
        self.scores_with(text, section, &lexicon)
    }

    /// [`TopicModel::scores`] given the clause's lexicon scores.
    fn scores_with(&self, text: &str, section: &str, lexicon: &[f32; TOPICS]) -> [f32; TOPICS] {
        // Summed feature by feature, then the bias added: the same order of operations as
        // training's per-topic dot product, so scores do not depend on the layout.
        let mut acc = [0f32; TOPICS];
        FEATURES.with_borrow_mut(|feats| {
            features(text, section, lexicon, self.dim_bits, self.plain, feats);
            finish(feats, &self.idf);
            for &(i, v) in feats.iter() {
                let w = &self.weights[i as usize];
                for (a, w) in acc.iter_mut().zip(w) {
                    *a += w * v;
                }
            }
        });
        let mut out = [0f32; TOPICS];
        for (t, o) in out.iter_mut().enumerate() {
            *o = sigmoid(self.bias[t] + acc[t]);
        }
        out
    }

    /// The topics of a clause given its probabilities and the lexicon's scores: those whose
    /// probability reaches their threshold, the lexicon's where the union is better, and with
    /// the at-least-one rule the nearest topic when none is reached.
    pub fn topics_with_lexicon(
        &self,
        scores: &[f32; TOPICS],
        lexicon: &[f32; TOPICS],
    ) -> Vec<Topic> {
        let lexicon_mask = Topic::mask_of(&LexiconTagger::topics_of(lexicon));
        Topic::from_mask(self.decision().decide(scores, lexicon_mask))
    }

    fn decision(&self) -> Decision {
        Decision {
            threshold: self.threshold,
            lexicon_union: self.lexicon_union,
            at_least_one: self.at_least_one,
        }
    }

    fn set_decision(&mut self, d: Decision) {
        self.threshold = d.threshold;
        self.lexicon_union = d.lexicon_union;
        self.at_least_one = d.at_least_one;
    }

    /// Probabilities and topics of a clause (the lexicon is consulted once for both).
    pub fn classify(&self, text: &str, section: &str) -> ([f32; TOPICS], Vec<Topic>) {
        let lexicon = LexiconTagger::shared().scores(text, section);
        let scores = self.scores_with(text, section, &lexicon);
        let topics = self.topics_with_lexicon(&scores, &lexicon);
        (scores, topics)
    }

    /// Serialise: magic, version, sizes, biases, thresholds, then each topic's weights
    /// quantised to `i16` with a per-topic scale (little endian throughout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let dim = 1usize << self.dim_bits;
        let mut out = Vec::with_capacity(64 + TOPICS * (12 + dim * 2));
        out.extend_from_slice(MAGIC);
        for v in [FORMAT_VERSION, self.dim_bits, TOPICS as u32] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend(self.lexicon_union.iter().map(|&u| u8::from(u)));
        out.push(u8::from(self.at_least_one) | u8::from(self.plain) << 1);
        // IDF in tenths, one byte a bucket (it ranges from 1 to about 9).
        out.extend(
            self.idf
                .iter()
                .map(|v| (v * 10.0).round().clamp(0.0, 255.0) as u8),
        );
        for t in 0..TOPICS {
            out.extend_from_slice(&self.bias[t].to_le_bytes());
            out.extend_from_slice(&self.threshold[t].to_le_bytes());
            let max = self
                .weights
                .iter()
                .fold(0f32, |m, w| m.max(w[t].abs()))
                .max(1e-12);
            let scale = max / f32::from(i16::MAX);
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
        let dim_bits = r.u32()?;
        let topics = r.u32()? as usize;
        if version != FORMAT_VERSION || topics != TOPICS || !(8..=24).contains(&dim_bits) {
            return Err(format!(
                "unsupported model (version {version}, {topics} topics)"
            ));
        }
        let dim = 1usize << dim_bits;
        let mut lexicon_union = [false; TOPICS];
        for (u, b) in lexicon_union.iter_mut().zip(r.take(TOPICS)?) {
            *u = *b == 1;
        }
        let flags = r.take(1)?[0];
        let idf = r.take(dim)?.iter().map(|&b| f32::from(b) / 10.0).collect();
        let mut bias = [0f32; TOPICS];
        let mut threshold = [0f32; TOPICS];
        let mut weights = vec![[0f32; TOPICS]; dim];
        for t in 0..TOPICS {
            bias[t] = r.f32()?;
            threshold[t] = r.f32()?;
            let scale = r.f32()?;
            let raw = r.take(dim * 2)?;
            for (w, c) in weights.iter_mut().zip(raw.chunks_exact(2)) {
                w[t] = f32::from(i16::from_le_bytes([c[0], c[1]])) * scale;
            }
        }
        Ok(TopicModel {
            dim_bits,
            bias,
            threshold,
            idf,
            lexicon_union,
            at_least_one: flags & 1 != 0,
            plain: flags & 2 != 0,
            weights,
        })
    }
}

impl TopicTagger for TopicModel {
    fn tag(&self, text: &str, section: &str) -> Vec<Topic> {
        self.classify(text, section).1
    }

    fn tag_scored(&self, text: &str, section: &str) -> (Vec<Topic>, [f32; TOPICS]) {
        let (scores, topics) = self.classify(text, section);
        (topics, scores)
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

/// Hashed features of a text and its section heading, `(bucket, sublinear count)` pairs
/// ([`finish`] weights and normalises them): words, adjacent word pairs, each word's cluster
/// (learnt without labels from the OTA corpus, [`crate::clusters`]), and one feature per
/// topic carrying the lexicon's evidence. The section's words count at half weight, so "Data
/// Retention" above a clause pulls it towards retention. (Character 3-5-grams were measured
/// and lost about a point of micro-F1.)
pub fn features(
    text: &str,
    section: &str,
    lexicon: &[f32; TOPICS],
    dim_bits: u32,
    plain: bool,
    out: &mut Vec<(u32, f32)>,
) {
    out.clear();
    let clusters = (!plain).then(WordClusters::embedded);
    let mask = (1u64 << dim_bits) - 1;
    SCRATCH.with_borrow_mut(|scratch| {
        let Scratch {
            lower,
            pair,
            section: last_section,
            section_bits,
            section_features,
        } = scratch;
        word_features(text, 1.0, mask, clusters, lower, pair, out);
        if !section.is_empty() && section != text {
            // Clauses of a section come one after another: the section's features are
            // computed once and appended again, in the same order as if recomputed.
            // The plain flag is part of the key: bit 31 of the bucket width.
            let key = dim_bits | u32::from(plain) << 31;
            if last_section != section || *section_bits != key {
                last_section.clear();
                last_section.push_str(section);
                *section_bits = key;
                section_features.clear();
                word_features(section, 0.5, mask, clusters, lower, pair, section_features);
            }
            out.extend_from_slice(section_features);
        }
    });
    // Domain lexicon evidence (src/topic.rs), one feature per topic.
    for (t, v) in lexicon.iter().enumerate() {
        if *v > 0.0 && !plain {
            let h = xxh3_64_with_seed(&[b'L', t as u8], 9);
            out.push(((h & mask) as u32, v.min(3.0) * 2.0));
        }
    }
    // Merge repeated buckets with sublinear counts, then normalise.
    out.sort_unstable_by_key(|f| f.0);
    out.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 += next.1;
        }
        same
    });
    for f in out.iter_mut() {
        f.1 = f.1.signum() * (1.0 + f.1.abs()).ln();
    }
}

/// Per-thread buffers of [`features`], and the last section's features.
#[derive(Default)]
struct Scratch {
    lower: String,
    pair: String,
    section: String,
    section_bits: u32,
    section_features: Vec<(u32, f32)>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
    /// The features of the clause being scored.
    static FEATURES: RefCell<Vec<(u32, f32)>> = const { RefCell::new(Vec::new()) };
}

/// Push the hashed words and adjacent word pairs of `part`, each with `weight`.
fn word_features(
    part: &str,
    weight: f32,
    mask: u64,
    clusters: Option<&WordClusters>,
    lower: &mut String,
    pair: &mut String,
    out: &mut Vec<(u32, f32)>,
) {
    let mut push = |kind: u64, bytes: &[u8]| {
        let h = xxh3_64_with_seed(bytes, kind);
        out.push(((h & mask) as u32, weight));
    };
    lower.clear();
    if part.is_ascii() {
        lower.push_str(part);
        lower.make_ascii_lowercase();
    } else {
        lower.push_str(&part.to_lowercase());
    }
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    while let Some(w) = words.next() {
        push(1, w.as_bytes());
        if let Some(c) = clusters.and_then(|cl| cl.cluster_of(w)) {
            push(4, &c.to_le_bytes());
        }
        if let Some(next) = words.peek() {
            pair.clear();
            pair.push_str(w);
            pair.push(' ');
            pair.push_str(next);
            push(2, pair.as_bytes());
        }
    }
}

/// Weight raw features by inverse document frequency and normalise to unit length.
fn finish(feats: &mut [(u32, f32)], idf: &[f32]) {
    for f in feats.iter_mut() {
        f.1 *= idf.get(f.0 as usize).copied().unwrap_or(1.0);
    }
    let norm = feats
        .iter()
        .map(|f| f.1 * f.1)
        .sum::<f32>()
        .sqrt()
        .max(1e-12);
    for f in feats.iter_mut() {
        f.1 /= norm;
    }
}

/// The OPP-115 label names as the evaluation CSVs spell them.
pub fn topic_of_label(label: &str) -> Option<Topic> {
    Some(match label.trim() {
        "First Party Collection/Use" => Topic::FirstPartyCollection,
        "Third Party Sharing/Collection" => Topic::ThirdPartySharing,
        "User Choice/Control" => Topic::UserChoice,
        "User Access, Edit and Deletion" => Topic::UserAccess,
        "Data Retention" => Topic::DataRetention,
        "Data Security" => Topic::DataSecurity,
        "Policy Change" => Topic::PolicyChange,
        "Do Not Track" => Topic::DoNotTrack,
        "International and Specific Audiences" => Topic::SpecificAudiences,
        "Introductory/Generic" => Topic::Introductory,
        "Privacy contact information" => Topic::Contact,
        "Practice not covered" => Topic::Other,
        other => return other.parse().ok(),
    })
}

/// Read a `(text, label)` CSV (no header), grouping the rows of one text into one example.
pub fn load_csv(path: &Path) -> Result<Vec<Example>> {
    let bad = |reason: String| Error::BadFile {
        path: path.to_path_buf(),
        reason,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .map_err(|e| bad(e.to_string()))?;
    let mut examples: Vec<Example> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    for (n, row) in reader.records().enumerate() {
        let row = row.map_err(|e| bad(format!("row {}: {e}", n + 1)))?;
        let (Some(text), Some(label)) = (row.get(0), row.get(1)) else {
            return Err(bad(format!("row {}: expected text,label", n + 1)));
        };
        let topic = topic_of_label(label)
            .ok_or_else(|| bad(format!("row {}: unknown label '{label}'", n + 1)))?;
        let i = *index.entry(text.to_owned()).or_insert_with(|| {
            examples.push(Example {
                text: text.to_owned(),
                labels: [false; TOPICS],
            });
            examples.len() - 1
        });
        examples[i].labels[topic as usize] = true;
    }
    Ok(examples)
}

/// A labelled segment of `segments.csv` with the split and the policy it comes from.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub split: String,
    pub policy: String,
    pub example: Example,
}

/// Read a `split,policy,text,label` CSV (with that header), grouping the rows of one segment
/// (same policy and text) into one example, in the order segments first appear.
pub fn load_segments(path: &Path) -> Result<Vec<Labelled>> {
    let bad = |reason: String| Error::BadFile {
        path: path.to_path_buf(),
        reason,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .map_err(|e| bad(e.to_string()))?;
    let headers = reader.headers().map_err(|e| bad(e.to_string()))?.clone();
    let column = |name: &str| {
        headers.iter().position(|h| h == name).ok_or_else(|| {
            bad(format!(
                "no '{name}' column (expected split,policy,text,label)"
            ))
        })
    };
    let (split, policy, text, label) = (
        column("split")?,
        column("policy")?,
        column("text")?,
        column("label")?,
    );
    let mut out: Vec<Labelled> = Vec::new();
    let mut index: std::collections::HashMap<(String, String), usize> = Default::default();
    for (n, row) in reader.records().enumerate() {
        // Row numbers as an editor shows them: the header is line 1.
        let row = row.map_err(|e| bad(format!("line {}: {e}", n + 2)))?;
        let field = |i: usize| row.get(i).unwrap_or_default();
        let topic = topic_of_label(field(label))
            .ok_or_else(|| bad(format!("line {}: unknown label '{}'", n + 2, field(label))))?;
        let key = (field(policy).to_owned(), field(text).to_owned());
        let i = *index.entry(key).or_insert_with(|| {
            out.push(Labelled {
                split: field(split).to_owned(),
                policy: field(policy).to_owned(),
                example: Example {
                    text: field(text).to_owned(),
                    labels: [false; TOPICS],
                },
            });
            out.len() - 1
        });
        out[i].example.labels[topic as usize] = true;
    }
    Ok(out)
}

/// The fold of each example, `0..k`, grouped by policy: every segment of a policy lands in the
/// same fold, and policies are dealt to folds round-robin in the order of a seeded hash of
/// their names (deterministic, and independent of the order of the rows).
pub fn policy_folds(policies: &[&str], k: usize, seed: u64) -> Vec<usize> {
    let mut distinct: Vec<&str> = policies.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    distinct.sort_by_key(|p| (xxh3_64_with_seed(p.as_bytes(), seed), *p));
    let fold: std::collections::HashMap<&str, usize> = distinct
        .iter()
        .enumerate()
        .map(|(i, p)| (*p, i % k.max(1)))
        .collect();
    policies.iter().map(|p| fold[p]).collect()
}

/// Train on `examples` (each from the policy named at the same position of `policies`).
///
/// The weights are fit on every example. Everything decided beyond the weights (each topic's
/// threshold, the lexicon unions, the at-least-one rule) is chosen on *out-of-fold* scores:
/// the examples are cut into [`TrainOptions::folds`] folds by policy, and each fold is scored
/// by a model fit on the others, so the choices see scores of policies the model has not
/// seen, as it will in use. No other data is consulted.
pub fn train(examples: &[Example], policies: &[&str], opts: TrainOptions) -> TopicModel {
    use rayon::prelude::*;
    let mut model = fit(examples, &opts);
    if opts.plain || opts.folds < 2 {
        return model;
    }
    let folds = policy_folds(policies, opts.folds, opts.seed);
    let scored: Vec<Vec<(usize, [f32; TOPICS])>> = (0..opts.folds)
        .into_par_iter()
        .map(|f| {
            let rest: Vec<Example> = examples
                .iter()
                .zip(&folds)
                .filter(|(_, g)| **g != f)
                .map(|(e, _)| e.clone())
                .collect();
            let m = fit(&rest, &opts);
            (0..examples.len())
                .filter(|&i| folds[i] == f)
                .map(|i| (i, m.scores(&examples[i].text, "")))
                .collect()
        })
        .collect();
    let mut oof = vec![[0f32; TOPICS]; examples.len()];
    for (i, s) in scored.into_iter().flatten() {
        oof[i] = s;
    }
    let lexicon: Vec<u16> = examples
        .iter()
        .map(|e| Topic::mask_of(&LexiconTagger::shared().tag(&e.text, "")))
        .collect();
    model.set_decision(choose_decision(
        &oof,
        &lexicon,
        examples,
        opts.threshold_prior,
    ));
    model
}

/// Fit the weights (and the IDF) of every topic's logistic regression; thresholds 0.5.
fn fit(train: &[Example], opts: &TrainOptions) -> TopicModel {
    let dim = 1usize << opts.dim_bits;
    let mut feats: Vec<Vec<(u32, f32)>> = train
        .iter()
        .map(|e| {
            let mut f = Vec::new();
            let lexicon = LexiconTagger::shared().scores(&e.text, "");
            features(&e.text, "", &lexicon, opts.dim_bits, opts.plain, &mut f);
            f
        })
        .collect();
    let mut df = vec![0u32; dim];
    for f in &feats {
        for &(i, _) in f {
            df[i as usize] += 1;
        }
    }
    let n = feats.len() as f32;
    // Quantised as the file stores it, so training sees what scoring will.
    let idf: Vec<f32> = df
        .iter()
        .map(|&d| (((n + 1.0) / (d as f32 + 1.0)).ln() + 1.0).min(25.5))
        .map(|v| (v * 10.0).round() / 10.0)
        .collect();
    for f in &mut feats {
        finish(f, &idf);
    }
    let mut model = TopicModel {
        dim_bits: opts.dim_bits,
        bias: [0.0; TOPICS],
        threshold: [0.5; TOPICS],
        idf,
        lexicon_union: [false; TOPICS],
        at_least_one: false,
        plain: opts.plain,
        weights: vec![[0.0; TOPICS]; dim],
    };
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = opts.seed.max(1);
    for t in 0..TOPICS {
        // AdaGrad logistic regression. (Weighting rare topics' positives up was measured
        // and lost F1; thresholds chosen per topic serve rare topics better.)
        let mut w = vec![0f32; dim];
        let mut g2 = vec![1e-6f32; dim];
        let mut bias_g2 = 1e-6f32;
        for _ in 0..opts.epochs {
            shuffle(&mut order, &mut rng);
            for &i in &order {
                let x = &feats[i];
                let y = if train[i].labels[t] { 1.0 } else { 0.0 };
                let z = model.bias[t] + x.iter().map(|&(j, v)| w[j as usize] * v).sum::<f32>();
                let g = sigmoid(z) - y;
                for &(j, v) in x {
                    let j = j as usize;
                    let grad = g * v + opts.l2 * w[j];
                    g2[j] += grad * grad;
                    w[j] -= opts.learning_rate * grad / g2[j].sqrt();
                }
                bias_g2 += g * g;
                model.bias[t] -= opts.learning_rate * g / bias_g2.sqrt();
            }
        }
        for (m, x) in model.weights.iter_mut().zip(w) {
            m[t] = x;
        }
    }
    model
}

/// How probabilities become topics: a threshold per topic, the topics where the lexicon's
/// verdict is added, and whether a clause always gets a topic.
#[derive(Debug, Clone, Copy)]
struct Decision {
    threshold: [f32; TOPICS],
    lexicon_union: [bool; TOPICS],
    at_least_one: bool,
}

impl Decision {
    /// The topic bit set of a clause given its probabilities and the lexicon's topics.
    fn decide(&self, scores: &[f32; TOPICS], lexicon: u16) -> u16 {
        let mut mask = 0u16;
        for (t, (score, threshold)) in scores.iter().zip(&self.threshold).enumerate() {
            let by_lexicon = self.lexicon_union[t] && lexicon & (1 << t) != 0;
            if score >= threshold || by_lexicon {
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
        mask
    }

    /// Per-topic and micro-averaged counts of this decision on scored examples.
    fn counts(
        &self,
        scores: &[[f32; TOPICS]],
        lexicon: &[u16],
        examples: &[Example],
    ) -> [Counts; TOPICS] {
        let mut per = [Counts::default(); TOPICS];
        for ((s, l), e) in scores.iter().zip(lexicon).zip(examples) {
            let mask = self.decide(s, *l);
            for (t, c) in per.iter_mut().enumerate() {
                c.add(mask & (1 << t) != 0, e.labels[t]);
            }
        }
        per
    }
}

fn logit(p: f32) -> f32 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln()
}

fn micro(per: &[Counts]) -> f32 {
    let mut all = Counts::default();
    for c in per {
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn_ += c.fn_;
    }
    all.f1()
}

/// Candidate thresholds: `1/STEPS .. (STEPS-1)/STEPS`.
const THRESHOLD_STEPS: u32 = 100;

fn candidates() -> impl Iterator<Item = f32> {
    (1..THRESHOLD_STEPS).map(|k| k as f32 / THRESHOLD_STEPS as f32)
}

/// Choose a [`Decision`] on out-of-fold scores.
///
/// 1. Each topic's own best threshold (F1 of that topic; ties go to the one nearest 0.5).
/// 2. The lexicon's verdict joins a topic where that raises the topic's F1.
/// 3. One global threshold, the best for micro-F1 over all topics.
/// 4. Each topic's threshold is its own best pulled toward the global one, weighted by its
///    positives against `prior`: free per-topic thresholds overfit rare topics (measured
///    by policy-grouped cross-validation, see README).
/// 5. The at-least-one rule is kept when it raises micro-F1.
fn choose_decision(
    scores: &[[f32; TOPICS]],
    lexicon: &[u16],
    examples: &[Example],
    prior: f32,
) -> Decision {
    let mut own = [0.5f32; TOPICS];
    let mut positives = [0f32; TOPICS];
    for t in 0..TOPICS {
        positives[t] = examples.iter().filter(|e| e.labels[t]).count() as f32;
        let mut best = (0.0f32, 0.5f32);
        for th in candidates() {
            let mut c = Counts::default();
            for (s, e) in scores.iter().zip(examples) {
                c.add(s[t] >= th, e.labels[t]);
            }
            let better = c.f1() > best.0 + 1e-6
                || ((c.f1() - best.0).abs() <= 1e-6 && (th - 0.5).abs() < (best.1 - 0.5).abs());
            if better {
                best = (c.f1(), th);
            }
        }
        own[t] = best.1;
    }
    let mut d = Decision {
        threshold: own,
        lexicon_union: [false; TOPICS],
        at_least_one: false,
    };
    let alone = d.counts(scores, lexicon, examples);
    d.lexicon_union = [true; TOPICS];
    let union = d.counts(scores, lexicon, examples);
    for t in 0..TOPICS {
        d.lexicon_union[t] = union[t].f1() > alone[t].f1();
    }
    let mut global = (0.0f32, 0.5f32);
    for th in candidates() {
        let f = micro(
            &Decision {
                threshold: [th; TOPICS],
                ..d
            }
            .counts(scores, lexicon, examples),
        );
        // Ties go to the threshold nearest 0.5, as for each topic's own.
        if f > global.0 + 1e-6
            || ((f - global.0).abs() <= 1e-6 && (th - 0.5).abs() < (global.1 - 0.5).abs())
        {
            global = (f, th);
        }
    }
    for t in 0..TOPICS {
        let n = positives[t];
        d.threshold[t] = (n * own[t] + prior * global.1) / (n + prior).max(1e-6);
    }
    let without = micro(&d.counts(scores, lexicon, examples));
    d.at_least_one = true;
    let with = micro(&d.counts(scores, lexicon, examples));
    d.at_least_one = with > without;
    d
}

fn shuffle(v: &mut [usize], state: &mut u64) {
    for i in (1..v.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        v.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
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
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub examples: usize,
    pub topics: Vec<TopicScore>,
    pub micro_precision: f64,
    pub micro_recall: f64,
    pub micro_f1: f64,
    pub macro_f1: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicScore {
    pub topic: &'static str,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
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
fn score_predictions<'a>(predictions: impl Iterator<Item = (u16, &'a Example)>) -> Evaluation {
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
#[derive(Debug, Clone, Serialize)]
pub struct FoldScore {
    pub fold: usize,
    pub policies: usize,
    pub examples: usize,
    pub micro_f1: f64,
    pub macro_f1: f64,
}

/// Cross-validation grouped by policy: per-fold figures, their mean and (sample) standard
/// deviation, and the figures of all held-out predictions pooled.
#[derive(Debug, Clone, Serialize)]
pub struct CrossValidation {
    pub folds: Vec<FoldScore>,
    pub micro_f1_mean: f64,
    pub micro_f1_sd: f64,
    pub macro_f1_mean: f64,
    pub macro_f1_sd: f64,
    pub pooled: Evaluation,
}

/// Policy-grouped `k`-fold cross-validation of training with `opts`: each fold's policies are
/// scored by a model trained, thresholds and all (its own inner folds included), on the other
/// folds' policies only.
pub fn cross_validate(data: &[Labelled], k: usize, opts: TrainOptions) -> CrossValidation {
    let policies: Vec<&str> = data.iter().map(|d| d.policy.as_str()).collect();
    // Another seed than the inner folds', so outer and inner cuts are not aligned.
    let folds = policy_folds(&policies, k, opts.seed ^ 0x5eed);
    let mut per_fold = Vec::new();
    let mut predictions: Vec<(u16, &Example)> = Vec::new();
    for f in 0..k {
        let (held, rest): (Vec<_>, Vec<_>) = data.iter().zip(&folds).partition(|(_, g)| **g == f);
        if held.is_empty() {
            continue;
        }
        let train_examples: Vec<Example> = rest.iter().map(|(d, _)| d.example.clone()).collect();
        let train_policies: Vec<&str> = rest.iter().map(|(d, _)| d.policy.as_str()).collect();
        let model = train(&train_examples, &train_policies, opts);
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
fn mean_sd(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let v: Vec<f64> = values.collect();
    let n = v.len() as f64;
    if v.is_empty() {
        return (0.0, 0.0);
    }
    let mean = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (mean, var.sqrt())
}

impl CrossValidation {
    /// The cross-validation as a table for people.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<6} {:>8} {:>8} {:>9} {:>9}",
            "fold", "policies", "examples", "micro F1", "macro F1"
        );
        for f in &self.folds {
            let _ = writeln!(
                s,
                "{:<6} {:>8} {:>8} {:>9.3} {:>9.3}",
                f.fold, f.policies, f.examples, f.micro_f1, f.macro_f1
            );
        }
        let _ = writeln!(
            s,
            "mean ± sd: micro F1 {:.3} ± {:.3}, macro F1 {:.3} ± {:.3}\n",
            self.micro_f1_mean, self.micro_f1_sd, self.macro_f1_mean, self.macro_f1_sd
        );
        let _ = writeln!(s, "all held-out predictions pooled:");
        s.push_str(&self.pooled.table());
        s
    }
}

impl Evaluation {
    /// The evaluation as a table for people.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<24} {:>9} {:>9} {:>9} {:>8}",
            "topic", "precision", "recall", "F1", "support"
        );
        for t in &self.topics {
            let _ = writeln!(
                s,
                "{:<24} {:>9.3} {:>9.3} {:>9.3} {:>8}",
                t.topic, t.precision, t.recall, t.f1, t.support
            );
        }
        let _ = writeln!(
            s,
            "{:<24} {:>9.3} {:>9.3} {:>9.3}",
            "micro", self.micro_precision, self.micro_recall, self.micro_f1
        );
        let _ = writeln!(
            s,
            "{:<24} {:>9} {:>9} {:>9.3}",
            "macro", "", "", self.macro_f1
        );
        let _ = writeln!(s, "({} examples)", self.examples);
        s
    }
}

#[cfg(test)]
mod tests {
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
        let opts = TrainOptions {
            dim_bits: 12,
            ..TrainOptions::default()
        };
        let policies: Vec<String> = (0..data.len()).map(|i| format!("p{}", i % 6)).collect();
        let policies: Vec<&str> = policies.iter().map(String::as_str).collect();
        let model = train(&data, &policies, opts);
        assert_eq!(
            model.tag("logs are kept for 6 months", ""),
            vec![Topic::DataRetention]
        );
        assert_eq!(
            model.tag("partners receive shared data", ""),
            vec![Topic::ThirdPartySharing]
        );
        let back = TopicModel::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(
            back.tag("logs are kept for 6 months", ""),
            vec![Topic::DataRetention]
        );
        let eval = evaluate(&back, &data);
        assert!(eval.micro_f1 > 0.95, "{}", eval.table());
        assert!(TopicModel::from_bytes(b"nope").is_err());
    }

    #[test]
    fn features_are_deterministic_and_normalised() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        let lexicon = LexiconTagger::shared().scores("We keep data.", "Data Retention");
        features(
            "We keep data.",
            "Data Retention",
            &lexicon,
            16,
            false,
            &mut a,
        );
        features(
            "We keep data.",
            "Data Retention",
            &lexicon,
            16,
            false,
            &mut b,
        );
        assert_eq!(a, b);
        finish(&mut a, &[]);
        let norm: f32 = a.iter().map(|f| f.1 * f.1).sum();
        assert!((norm - 1.0).abs() < 1e-4);
    }
}
