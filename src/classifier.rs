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
const FORMAT_VERSION: u32 = 1;
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
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            dim_bits: 17,
            epochs: 30,
            learning_rate: 0.2,
            l2: 2e-6,
            seed: 115,
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
    /// Topics for which the lexicon's verdict is added to the model's (chosen on validation,
    /// where the union scored a higher F1 than the model alone).
    lexicon_union: [bool; TOPICS],
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
            features(text, section, lexicon, self.dim_bits, feats);
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

    /// The topics whose probability reaches their threshold.
    pub fn topics_of(&self, scores: &[f32; TOPICS]) -> Vec<Topic> {
        Topic::ALL
            .into_iter()
            .filter(|t| scores[*t as usize] >= self.threshold[*t as usize])
            .collect()
    }

    /// The model's topics, plus the lexicon's for the topics where their union is better.
    pub fn topics_with_lexicon(
        &self,
        scores: &[f32; TOPICS],
        lexicon: &[f32; TOPICS],
    ) -> Vec<Topic> {
        let mut topics = self.topics_of(scores);
        for t in LexiconTagger::topics_of(lexicon) {
            if self.lexicon_union[t as usize] && !topics.contains(&t) {
                topics.push(t);
            }
        }
        topics.sort();
        topics
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
            weights,
        })
    }
}

impl TopicTagger for TopicModel {
    fn tag(&self, text: &str, section: &str) -> Vec<Topic> {
        self.classify(text, section).1
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
    out: &mut Vec<(u32, f32)>,
) {
    out.clear();
    let mask = (1u64 << dim_bits) - 1;
    SCRATCH.with_borrow_mut(|scratch| {
        let Scratch {
            lower,
            pair,
            section: last_section,
            section_bits,
            section_features,
        } = scratch;
        word_features(text, 1.0, mask, lower, pair, out);
        if !section.is_empty() && section != text {
            // Clauses of a section come one after another: the section's features are
            // computed once and appended again, in the same order as if recomputed.
            if last_section != section || *section_bits != dim_bits {
                last_section.clear();
                last_section.push_str(section);
                *section_bits = dim_bits;
                section_features.clear();
                word_features(section, 0.5, mask, lower, pair, section_features);
            }
            out.extend_from_slice(section_features);
        }
    });
    // Domain lexicon evidence (src/topic.rs), one feature per topic.
    for (t, v) in lexicon.iter().enumerate() {
        if *v > 0.0 {
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
    lower: &mut String,
    pair: &mut String,
    out: &mut Vec<(u32, f32)>,
) {
    let mut push = |kind: u64, bytes: &[u8]| {
        let h = xxh3_64_with_seed(bytes, kind);
        out.push(((h & mask) as u32, weight));
    };
    let clusters = WordClusters::embedded();
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
        if let Some(c) = clusters.cluster_of(w) {
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

/// Train on `train`, pick each topic's threshold on `validation`.
pub fn train(train: &[Example], validation: &[Example], opts: TrainOptions) -> TopicModel {
    let dim = 1usize << opts.dim_bits;
    let mut feats: Vec<Vec<(u32, f32)>> = train
        .iter()
        .map(|e| {
            let mut f = Vec::new();
            let lexicon = LexiconTagger::shared().scores(&e.text, "");
            features(&e.text, "", &lexicon, opts.dim_bits, &mut f);
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
        weights: vec![[0.0; TOPICS]; dim],
    };
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = opts.seed.max(1);
    for t in 0..TOPICS {
        // AdaGrad logistic regression. (Weighting rare topics' positives up was measured
        // and lost F1; thresholds tuned per topic serve rare topics better.)

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
    tune_thresholds(&mut model, validation);
    choose_lexicon_unions(&mut model, validation);
    refine_for_micro_f1(&mut model, validation);
    model
}

/// For each topic, add the lexicon's verdict when that raises F1 on `examples`.
fn choose_lexicon_unions(model: &mut TopicModel, examples: &[Example]) {
    let lexicon = LexiconTagger::shared();
    let mut alone = [Counts::default(); TOPICS];
    let mut union = [Counts::default(); TOPICS];
    for e in examples {
        let model_topics = model.topics_of(&model.scores(&e.text, ""));
        let lexicon_topics = lexicon.tag(&e.text, "");
        for t in Topic::ALL {
            let m = model_topics.contains(&t);
            let l = lexicon_topics.contains(&t);
            alone[t as usize].add(m, e.labels[t as usize]);
            union[t as usize].add(m || l, e.labels[t as usize]);
        }
    }
    for t in 0..TOPICS {
        model.lexicon_union[t] = union[t].f1() > alone[t].f1();
    }
}

/// Candidate thresholds per topic: `1/STEPS .. (STEPS-1)/STEPS`.
const THRESHOLD_STEPS: u32 = 100;

/// For each topic, the threshold that maximises F1 on `examples`.
fn tune_thresholds(model: &mut TopicModel, examples: &[Example]) {
    let scores: Vec<[f32; TOPICS]> = examples.iter().map(|e| model.scores(&e.text, "")).collect();
    for t in 0..TOPICS {
        // A topic the examples never show keeps the neutral threshold.
        let mut best = (0.0f32, 0.5f32);
        for step in 1..THRESHOLD_STEPS {
            let th = step as f32 / THRESHOLD_STEPS as f32;
            let mut c = Counts::default();
            for (s, e) in scores.iter().zip(examples) {
                c.add(s[t] >= th, e.labels[t]);
            }
            // Ties go to the threshold nearest 0.5: the plateau's middle generalises best.
            let better = c.f1() > best.0 + 1e-6
                || ((c.f1() - best.0).abs() <= 1e-6 && (th - 0.5).abs() < (best.1 - 0.5).abs());
            if better {
                best = (c.f1(), th);
            }
        }
        model.threshold[t] = best.1;
    }
}

/// Per-topic F1 favours recall on rare topics at the cost of precision overall; a few rounds of
/// coordinate ascent move each threshold to where the micro-averaged F1 of all topics is best.
fn refine_for_micro_f1(model: &mut TopicModel, examples: &[Example]) {
    let steps = THRESHOLD_STEPS as usize;
    let scores: Vec<[f32; TOPICS]> = examples.iter().map(|e| model.scores(&e.text, "")).collect();
    // Where the lexicon's verdict is added, it counts whatever the threshold.
    let lexicon: Vec<[bool; TOPICS]> = examples
        .iter()
        .map(|e| {
            let found = LexiconTagger::shared().tag(&e.text, "");
            let mut flags = [false; TOPICS];
            for t in found {
                flags[t as usize] = model.lexicon_union[t as usize];
            }
            flags
        })
        .collect();
    // counts[t][k]: the topic's counts with threshold k / STEPS.
    let counts: Vec<Vec<Counts>> = (0..TOPICS)
        .map(|t| {
            (0..steps)
                .map(|k| {
                    let th = k as f32 / steps as f32;
                    let mut c = Counts::default();
                    for ((s, e), l) in scores.iter().zip(examples).zip(&lexicon) {
                        c.add(s[t] >= th || l[t], e.labels[t]);
                    }
                    c
                })
                .collect()
        })
        .collect();
    let mut chosen: Vec<usize> = model
        .threshold
        .iter()
        .map(|th| ((th * steps as f32).round() as usize).clamp(1, steps - 1))
        .collect();
    let micro = |chosen: &[usize]| {
        let mut all = Counts::default();
        for (t, &k) in chosen.iter().enumerate() {
            let c = counts[t][k];
            all.tp += c.tp;
            all.fp += c.fp;
            all.fn_ += c.fn_;
        }
        all.f1()
    };
    for _ in 0..3 {
        for t in 0..TOPICS {
            let mut best = (micro(&chosen), chosen[t]);
            for k in 1..steps {
                let mut trial = chosen.clone();
                trial[t] = k;
                let f = micro(&trial);
                if f > best.0 + 1e-6 {
                    best = (f, k);
                }
            }
            chosen[t] = best.1;
        }
    }
    for (t, k) in chosen.into_iter().enumerate() {
        model.threshold[t] = k as f32 / steps as f32;
    }
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
    let mut per = [Counts::default(); TOPICS];
    for e in examples {
        let predicted = tagger.tag(&e.text, "");
        for t in Topic::ALL {
            per[t as usize].add(predicted.contains(&t), e.labels[t as usize]);
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
        examples: examples.len(),
        micro_precision: all.precision(),
        micro_recall: all.recall(),
        micro_f1: f64::from(all.f1()),
        macro_f1,
        topics,
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
        let model = train(&data, &data, opts);
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
        features("We keep data.", "Data Retention", &lexicon, 16, &mut a);
        features("We keep data.", "Data Retention", &lexicon, 16, &mut b);
        assert_eq!(a, b);
        finish(&mut a, &[]);
        let norm: f32 = a.iter().map(|f| f.1 * f.1).sum();
        assert!((norm - 1.0).abs() < 1e-4);
    }
}
