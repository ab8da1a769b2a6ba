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
//! segments.csv --folds 5`), never on the validation split alone; the README has the figures
//! of the alternatives.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;
use std::sync::LazyLock;

use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::analyze::modelfile::Reader;
use crate::analyze::retention::{Retention, RetentionKind};
use crate::analyze::topic::{Topic, TopicTagger};
use crate::error::{Error, Result};

const MAGIC: &[u8; 4] = b"PSTM";
const FORMAT_VERSION: u32 = 3;
const TOPICS: usize = Topic::ALL.len();

/// The model polsearch ships with.
static EMBEDDED: LazyLock<Option<TopicModel>> =
    LazyLock::new(|| TopicModel::from_bytes(include_bytes!("../../models/topics.bin")).ok());

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
            max_iter: 1000,
        }
    }
}

impl TrainOptions {
    /// The reference baseline: TF-IDF of words and word pairs (raw counts, every n-gram of
    /// the training set), unweighted logistic regression with `C = 10`, threshold 0.5 and a
    /// topic for every clause, as scikit-learn's `TfidfVectorizer(ngram_range=(1, 2))` and
    /// `LogisticRegression(C=10)` one-vs-rest would do it.
    pub fn baseline() -> Self {
        TrainOptions {
            c: 10.0,
            min_df: 1,
            balanced: false,
            char_grams: false,
            sublinear: false,
            clusters: false,
            retention_rule: false,
            lexicon: false,
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

/// Feature keys are already 64-bit hashes: the map uses them as they are.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

type KeyMap = HashMap<u64, u32, BuildHasherDefault<KeyHasher>>;

/// Which n-grams a model reads and how they are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Featurizer {
    char_grams: bool,
    sublinear: bool,
    clusters: bool,
    lexicon: bool,
}

/// The hash seeds of the three kinds of n-gram, so that a word and a character n-gram that
/// spell the same never share a key.
const WORD: u64 = 1;
const PAIR: u64 = 2;
const CHARS: u64 = 3;
const CLUSTER: u64 = 4;
const LEXICON: u64 = 5;

/// Block 0 holds words and word pairs, block 1 character n-grams; each is normalised alone.
const WORD_BLOCK: u64 = 0;
const CHAR_BLOCK: u64 = 1 << 63;

/// Per-thread buffers for cutting a text into n-grams.
#[derive(Default)]
struct Grams {
    lower: String,
    pair: String,
    padded: Vec<u8>,
    bounds: Vec<usize>,
}

impl Grams {
    /// Call `sink` with the key of every n-gram of `part`, in order (the top bit of a key is
    /// its block).
    fn each(&mut self, part: &str, f: Featurizer, mut sink: impl FnMut(u64)) {
        let Grams {
            lower,
            pair,
            padded,
            bounds,
        } = self;
        lowercase(part, lower);
        word_grams(lower, f, pair, &mut sink);
        if f.char_grams {
            for w in lower.split_whitespace() {
                char_grams(w, padded, bounds, &mut sink);
            }
        }
    }
}

/// `part` in lower case, into `lower`.
fn lowercase(part: &str, lower: &mut String) {
    lower.clear();
    if part.is_ascii() {
        lower.push_str(part);
        lower.make_ascii_lowercase();
    } else {
        lower.push_str(&part.to_lowercase());
    }
}

/// A key of an n-gram: its hash with the top bit saying its block.
fn key(seed: u64, bytes: &[u8], block: u64) -> u64 {
    (xxh3_64_with_seed(bytes, seed) & !CHAR_BLOCK) | block
}

/// The words of a lower-case text, of two or more word characters (scikit-learn's default
/// token pattern), and each adjacent pair of them.
fn word_grams(lower: &str, f: Featurizer, pair: &mut String, sink: &mut impl FnMut(u64)) {
    let mut previous: Option<&str> = None;
    for w in lower
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.chars().nth(1).is_some())
    {
        sink(key(WORD, w.as_bytes(), WORD_BLOCK));
        if f.clusters {
            if let Some(c) = crate::analyze::clusters::WordClusters::embedded().cluster_of(w) {
                sink(key(CLUSTER, &c.to_le_bytes(), WORD_BLOCK));
            }
        }
        if let Some(p) = previous {
            pair.clear();
            pair.push_str(p);
            pair.push(' ');
            pair.push_str(w);
            sink(key(PAIR, pair.as_bytes(), WORD_BLOCK));
        }
        previous = Some(w);
    }
}

/// The character 2-5-grams of one whitespace-separated word padded with a space each side;
/// a padded word of n characters or fewer counts once, whole, at that n (scikit-learn's
/// `char_wb`).
fn char_grams(w: &str, padded: &mut Vec<u8>, bounds: &mut Vec<usize>, sink: &mut impl FnMut(u64)) {
    padded.clear();
    padded.push(b' ');
    padded.extend_from_slice(w.as_bytes());
    padded.push(b' ');
    bounds.clear();
    bounds.push(0);
    bounds.push(1);
    bounds.extend(w.char_indices().skip(1).map(|(i, _)| i + 1));
    bounds.push(w.len() + 1);
    bounds.push(w.len() + 2);
    let chars = bounds.len() - 1;
    for n in 2..=5.min(chars) {
        for i in 0..=chars - n {
            sink(key(CHARS, &padded[bounds[i]..bounds[i + n]], CHAR_BLOCK));
        }
    }
}

/// The hand-written lexicon's evidence ([`crate::analyze::topic::LexiconTagger`]): one feature per
/// topic it finds, counted 1 + its score (at most 3).
fn lexicon_features(text: &str, section: &str, mut sink: impl FnMut(u64, f32)) {
    let scores = crate::analyze::topic::LexiconTagger::shared().scores(text, section);
    for (t, v) in scores.iter().enumerate() {
        if *v > 0.0 {
            sink(
                xxh3_64_with_seed(&[t as u8], LEXICON) & !CHAR_BLOCK,
                1.0 + v.min(3.0),
            );
        }
    }
}

/// Per-thread state of [`Vocabulary::vector`]: a count per feature (zero between calls), the
/// features touched, in order of first occurrence, and the character n-gram features of the
/// words seen lately (a word's are always the same, and words repeat: one lookup per word
/// instead of one per n-gram).
#[derive(Default)]
struct Counter {
    grams: Grams,
    counts: Vec<f32>,
    touched: Vec<u32>,
    /// The vocabulary the word cache belongs to.
    owner: u64,
    /// Word hash -> its features' range in `word_features`.
    words: HashMap<u64, (u32, u32), BuildHasherDefault<KeyHasher>>,
    word_features: Vec<u32>,
}

/// Words the per-thread cache holds before it starts again.
const WORD_CACHE: usize = 1 << 16;

/// Each [`Vocabulary`] gets its own id, so a thread's word cache is never read for another.
static VOCABULARY_IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

thread_local! {
    static COUNTER: std::cell::RefCell<Counter> = std::cell::RefCell::new(Counter::default());
    static FEATURES: std::cell::RefCell<Vec<(u32, f32)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The vocabulary of a model: which n-gram is which feature, and its IDF.
#[derive(Debug, Clone)]
struct Vocabulary {
    featurizer: Featurizer,
    /// Feature keys, word block first; `index` maps them back.
    keys: Vec<u64>,
    /// Features below this are the word block.
    words: u32,
    index: KeyMap,
    idf: Vec<f32>,
    /// See [`VOCABULARY_IDS`].
    id: u64,
}

impl Vocabulary {
    fn new(featurizer: Featurizer, keys: Vec<u64>, idf: Vec<f32>) -> Vocabulary {
        let index = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32))
            .collect();
        let words = keys.partition_point(|k| k & CHAR_BLOCK == 0) as u32;
        Vocabulary {
            featurizer,
            keys,
            words,
            index,
            idf,
            id: VOCABULARY_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Learn the vocabulary (n-grams in at least `min_df` texts) and IDF of `texts`, with
    /// scikit-learn's smoothed IDF `ln((1 + n) / (1 + df)) + 1`.
    fn learn(texts: &[&str], featurizer: Featurizer, min_df: u32) -> Vocabulary {
        let mut df: KeyMap = HashMap::default();
        let mut grams = Grams::default();
        let mut keys = Vec::new();
        for text in texts {
            keys.clear();
            grams.each(text, featurizer, |k| keys.push(k));
            if featurizer.lexicon {
                lexicon_features(text, "", |k, _| keys.push(k));
            }
            keys.sort_unstable();
            keys.dedup();
            for &k in &keys {
                *df.entry(k).or_default() += 1;
            }
        }
        let mut kept: Vec<(u64, u32)> = df.into_iter().filter(|(_, d)| *d >= min_df).collect();
        // Word block first (its keys have the top bit clear), then by key: deterministic.
        kept.sort_unstable();
        let n = texts.len() as f32;
        let idf = kept
            .iter()
            .map(|&(_, d)| ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0)
            .collect();
        Vocabulary::new(featurizer, kept.into_iter().map(|(k, _)| k).collect(), idf)
    }

    /// The TF-IDF vector of a text (and its section heading, whose n-grams count half),
    /// each block normalised to unit length; `(feature, value)` in order of first occurrence.
    /// N-grams outside the vocabulary are dropped as they are cut.
    fn vector(&self, text: &str, section: &str, out: &mut Vec<(u32, f32)>) {
        out.clear();
        COUNTER.with_borrow_mut(|c| {
            let Counter {
                grams,
                counts,
                touched,
                owner,
                words,
                word_features,
            } = c;
            if counts.len() < self.keys.len() {
                counts.resize(self.keys.len(), 0.0);
            }
            if *owner != self.id || words.len() >= WORD_CACHE {
                *owner = self.id;
                words.clear();
                word_features.clear();
            }
            touched.clear();
            let mut count = |i: u32, weight: f32| {
                let slot = &mut counts[i as usize];
                if *slot == 0.0 {
                    touched.push(i);
                }
                *slot += weight;
            };
            let heading = (!section.is_empty() && section != text).then_some((section, 0.5));
            for (part, weight) in std::iter::once((text, 1.0)).chain(heading) {
                let Grams {
                    lower,
                    pair,
                    padded,
                    bounds,
                } = &mut *grams;
                lowercase(part, lower);
                word_grams(lower, self.featurizer, pair, &mut |k| {
                    if let Some(&i) = self.index.get(&k) {
                        count(i, weight);
                    }
                });
                if !self.featurizer.char_grams {
                    continue;
                }
                for w in lower.split_whitespace() {
                    let (start, end) = *words
                        .entry(xxh3_64_with_seed(w.as_bytes(), CHARS))
                        .or_insert_with(|| {
                            let start = word_features.len() as u32;
                            char_grams(w, padded, bounds, &mut |k| {
                                if let Some(&i) = self.index.get(&k) {
                                    word_features.push(i);
                                }
                            });
                            (start, word_features.len() as u32)
                        });
                    for &i in &word_features[start as usize..end as usize] {
                        count(i, weight);
                    }
                }
            }
            if self.featurizer.lexicon {
                lexicon_features(text, section, |k, weight| {
                    if let Some(&i) = self.index.get(&k) {
                        count(i, weight);
                    }
                });
            }
            for &i in touched.iter() {
                let count = std::mem::take(&mut counts[i as usize]);
                let tf = if self.featurizer.sublinear {
                    1.0 + count.ln()
                } else {
                    count
                };
                out.push((i, tf * self.idf[i as usize]));
            }
        });
        let (mut words, mut chars) = (0f32, 0f32);
        for f in out.iter() {
            if f.0 < self.words {
                words += f.1 * f.1;
            } else {
                chars += f.1 * f.1;
            }
        }
        let (words, chars) = (words.sqrt(), chars.sqrt());
        for f in out.iter_mut() {
            let norm = if f.0 < self.words { words } else { chars };
            if norm > 0.0 {
                f.1 /= norm;
            }
        }
    }
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
        // Summed feature by feature, then the bias added: the same order of operations as
        // training's dot product, so scores do not depend on the layout.
        let mut acc = [0f32; TOPICS];
        FEATURES.with_borrow_mut(|feats| {
            self.vocabulary.vector(text, section, feats);
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
        if statements.iter().any(|r| r.kind != RetentionKind::Cookie) {
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
        let retention = read.unwrap_or_else(|| {
            crate::analyze::retention::extract(text, topics.contains(&Topic::DataRetention))
        });
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
    /// `train` or `validation`.
    pub split: String,
    /// The policy the segment comes from (for folds grouped by policy).
    pub policy: String,
    /// The segment and its labels.
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

/// Train on `examples`: learn the vocabulary and IDF, then fit each topic's logistic
/// regression (topics in parallel; each fit is deterministic, so the result does not depend
/// on the threads). Every clause gets a topic (threshold 0.5, at least one): with balanced
/// class weights 0.5 is where a topic's positives and negatives weigh the same, and the
/// thresholds chosen per topic on out-of-fold scores that earlier models used did no better
/// in policy-grouped cross-validation (README).
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
            fit_logistic(&rows, &y, n, &opts)
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
        at_least_one: true,
        retention_rule: opts.retention_rule,
        weights,
    }
}

/// Fit one L2-regularised logistic regression (`C * sum(s_i * logloss_i) + |w|^2 / 2`, the
/// bias unpenalised) with L-BFGS: returns the weights and the bias.
fn fit_logistic(
    rows: &[Vec<(u32, f32)>],
    y: &[bool],
    dim: usize,
    opts: &TrainOptions,
) -> (Vec<f64>, f64) {
    let n = rows.len() as f64;
    let positives = y.iter().filter(|&&p| p).count() as f64;
    let (w_pos, w_neg) = if opts.balanced && positives > 0.0 && positives < n {
        (n / (2.0 * positives), n / (2.0 * (n - positives)))
    } else {
        (1.0, 1.0)
    };
    let c = opts.c;
    // Parameters: dim weights, then the bias.
    let objective = |x: &[f64], grad: &mut [f64]| -> f64 {
        let (w, b) = x.split_at(dim);
        let b = b[0];
        grad.iter_mut().for_each(|g| *g = 0.0);
        let mut loss = 0.0;
        for (row, &label) in rows.iter().zip(y) {
            let z = b + row
                .iter()
                .map(|&(j, v)| w[j as usize] * f64::from(v))
                .sum::<f64>();
            let s = if label { w_pos } else { w_neg };
            // log(1 + e^z) - y z, computed without overflow.
            let softplus = z.max(0.0) + (-z.abs()).exp().ln_1p();
            loss += s * (softplus - if label { z } else { 0.0 });
            let p = 1.0 / (1.0 + (-z).exp());
            let g = c * s * (p - if label { 1.0 } else { 0.0 });
            for &(j, v) in row {
                grad[j as usize] += g * f64::from(v);
            }
            grad[dim] += g;
        }
        let mut penalty = 0.0;
        for (g, wj) in grad.iter_mut().zip(w) {
            *g += wj;
            penalty += wj * wj;
        }
        c * loss + 0.5 * penalty
    };
    let x = lbfgs(vec![0.0; dim + 1], objective, opts.max_iter);
    let b = x[dim];
    let mut w = x;
    w.truncate(dim);
    (w, b)
}

/// Minimise a smooth convex function with L-BFGS (10 correction pairs, backtracking line
/// search with the Armijo condition), from `x`, until the largest gradient component is
/// below 1e-5 times its first value or `max_iter` iterations.
fn lbfgs(mut x: Vec<f64>, f: impl Fn(&[f64], &mut [f64]) -> f64, max_iter: usize) -> Vec<f64> {
    const MEMORY: usize = 10;
    let dim = x.len();
    let mut g = vec![0.0; dim];
    let mut fx = f(&x, &mut g);
    let g0 = g.iter().fold(0f64, |m, v| m.max(v.abs())).max(1e-12);
    let mut history: std::collections::VecDeque<(Vec<f64>, Vec<f64>, f64)> = Default::default();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let mut next = vec![0.0; dim];
    let mut gnext = vec![0.0; dim];
    for iter in 0..max_iter {
        if g.iter().fold(0f64, |m, v| m.max(v.abs())) <= 1e-5 * g0 {
            break;
        }
        // Two-loop recursion: d = -H g.
        let mut d: Vec<f64> = g.iter().map(|v| -v).collect();
        let mut alphas = Vec::with_capacity(history.len());
        for (s, yv, rho) in history.iter().rev() {
            let a = rho * dot(s, &d);
            for (di, yi) in d.iter_mut().zip(yv) {
                *di -= a * yi;
            }
            alphas.push(a);
        }
        if let Some((s, yv, _)) = history.back() {
            let gamma = dot(s, yv) / dot(yv, yv);
            d.iter_mut().for_each(|v| *v *= gamma);
        } else {
            // First step: a unit-length move along the gradient.
            let norm = dot(&g, &g).sqrt();
            d.iter_mut().for_each(|v| *v /= norm);
        }
        for ((s, yv, rho), a) in history.iter().zip(alphas.iter().rev()) {
            let b = rho * dot(yv, &d);
            for (di, si) in d.iter_mut().zip(s) {
                *di += (a - b) * si;
            }
        }
        let slope = dot(&g, &d);
        if slope >= 0.0 {
            // Not a descent direction (rounding): start the memory again.
            history.clear();
            if iter > 0 {
                continue;
            }
            break;
        }
        let mut step = 1.0;
        let mut fnext;
        loop {
            for ((n, xi), di) in next.iter_mut().zip(&x).zip(&d) {
                *n = xi + step * di;
            }
            fnext = f(&next, &mut gnext);
            if fnext <= fx + 1e-4 * step * slope || step < 1e-10 {
                break;
            }
            step *= 0.5;
        }
        if step < 1e-10 {
            break;
        }
        let s: Vec<f64> = next.iter().zip(&x).map(|(a, b)| a - b).collect();
        let yv: Vec<f64> = gnext.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &yv);
        std::mem::swap(&mut x, &mut next);
        std::mem::swap(&mut g, &mut gnext);
        let converged = (fx - fnext).abs() <= 1e-12 * fx.abs().max(1.0);
        fx = fnext;
        if sy > 1e-12 {
            if history.len() == MEMORY {
                history.pop_front();
            }
            history.push_back((s, yv, 1.0 / sy));
        }
        if converged {
            break;
        }
    }
    x
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

#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
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
        assert!(eval.micro_f1 > 0.95, "{}", eval.table());
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
