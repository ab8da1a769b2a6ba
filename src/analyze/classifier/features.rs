//! Features of a clause: word 1-2-grams and character 2-5-grams within words (hashed to
//! 64-bit keys, word and character blocks apart), the lexicon's evidence, and the vocabulary
//! that numbers them with their IDF and turns a text into a sparse TF-IDF vector (with a
//! per-thread cache of each word's character n-grams).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Feature keys are already 64-bit hashes: the map uses them as they are.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

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

pub(super) type KeyMap = HashMap<u64, u32, BuildHasherDefault<KeyHasher>>;

/// Which n-grams a model reads and how they are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Featurizer {
    pub(super) char_grams: bool,
    pub(super) sublinear: bool,
    pub(super) clusters: bool,
    pub(super) lexicon: bool,
}

/// The hash seeds of the three kinds of n-gram, so that a word and a character n-gram that
/// spell the same never share a key.
pub(super) const WORD: u64 = 1;
pub(super) const PAIR: u64 = 2;
pub(super) const CHARS: u64 = 3;
pub(super) const CLUSTER: u64 = 4;
pub(super) const LEXICON: u64 = 5;

/// Block 0 holds words and word pairs, block 1 character n-grams; each is normalised alone.
pub(super) const WORD_BLOCK: u64 = 0;
pub(super) const CHAR_BLOCK: u64 = 1 << 63;

/// Per-thread buffers for cutting a text into n-grams.
#[derive(Default)]
pub(super) struct Grams {
    pub(super) lower: String,
    pub(super) pair: String,
    pub(super) padded: Vec<u8>,
    pub(super) bounds: Vec<usize>,
}

impl Grams {
    /// Call `sink` with the key of every n-gram of `part`, in order (the top bit of a key is
    /// its block).
    pub(super) fn each(&mut self, part: &str, f: Featurizer, mut sink: impl FnMut(u64)) {
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
pub(super) fn lowercase(part: &str, lower: &mut String) {
    lower.clear();
    if part.is_ascii() {
        lower.push_str(part);
        lower.make_ascii_lowercase();
    } else {
        lower.push_str(&part.to_lowercase());
    }
}

/// A key of an n-gram: its hash with the top bit saying its block.
pub(super) fn key(seed: u64, bytes: &[u8], block: u64) -> u64 {
    (xxh3_64_with_seed(bytes, seed) & !CHAR_BLOCK) | block
}

/// The words of a lower-case text, of two or more word characters (scikit-learn's default
/// token pattern), and each adjacent pair of them.
pub(super) fn word_grams(
    lower: &str,
    f: Featurizer,
    pair: &mut String,
    sink: &mut impl FnMut(u64),
) {
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
pub(super) fn char_grams(
    w: &str,
    padded: &mut Vec<u8>,
    bounds: &mut Vec<usize>,
    sink: &mut impl FnMut(u64),
) {
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
pub(super) fn lexicon_features(text: &str, section: &str, mut sink: impl FnMut(u64, f32)) {
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
pub(super) struct Counter {
    pub(super) grams: Grams,
    pub(super) counts: Vec<f32>,
    pub(super) touched: Vec<u32>,
    /// The vocabulary the word cache belongs to.
    pub(super) owner: u64,
    /// Word hash -> its features' range in `word_features`.
    pub(super) words: HashMap<u64, (u32, u32), BuildHasherDefault<KeyHasher>>,
    pub(super) word_features: Vec<u32>,
}

/// Words the per-thread cache holds before it starts again.
pub(super) const WORD_CACHE: usize = 1 << 16;

/// Each [`Vocabulary`] gets its own id, so a thread's word cache is never read for another.
pub(super) static VOCABULARY_IDS: std::sync::atomic::AtomicU64 =
    std::sync::atomic::AtomicU64::new(1);

thread_local! {
    pub(super) static COUNTER: std::cell::RefCell<Counter> = std::cell::RefCell::new(Counter::default());
    pub(super) static FEATURES: std::cell::RefCell<Vec<(u32, f32)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The vocabulary of a model: which n-gram is which feature, and its IDF.
#[derive(Debug, Clone)]
pub(super) struct Vocabulary {
    pub(super) featurizer: Featurizer,
    /// Feature keys, word block first; `index` maps them back.
    pub(super) keys: Vec<u64>,
    /// Features below this are the word block.
    pub(super) words: u32,
    pub(super) index: KeyMap,
    pub(super) idf: Vec<f32>,
    /// See [`VOCABULARY_IDS`].
    pub(super) id: u64,
}

impl Vocabulary {
    pub(super) fn new(featurizer: Featurizer, keys: Vec<u64>, idf: Vec<f32>) -> Vocabulary {
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
    pub(super) fn learn(texts: &[&str], featurizer: Featurizer, min_df: u32) -> Vocabulary {
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
    pub(super) fn vector(&self, text: &str, section: &str, out: &mut Vec<(u32, f32)>) {
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
            // A slice, so that the closure below keeps its pointer and length in registers.
            let counts = &mut counts[..];
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
