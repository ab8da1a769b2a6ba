//! Word clusters learnt without labels from a corpus of policies, as an optional classifier
//! feature: words used in the same contexts ("retain", "keep", "store"; "months", "years")
//! share a cluster, so a clause can count as evidence for a topic through words the small
//! labelled set never showed with it.
//!
//! How: every vocabulary word gets a context vector, the sum of fixed random sparse vectors
//! of the words around it (random indexing; a wide window, 60 words each side, so clusters
//! group words by topic rather than by grammar), centred and normalised; spherical k-means
//! groups the vectors. Everything is seeded and single-order, so the same corpus gives the
//! same file. `polsearch topics clusters` builds it from the OTA corpus; it ships as
//! `models/clusters.bin` and is compiled in. The file holds 64-bit hashes of the words, not
//! the words: no text of the corpus is stored.
//!
//! Measured: with the previous hashed-word model, +0.002 to +0.006 micro-F1 (six training
//! seeds, old split); with the current word and character n-gram model, no gain in
//! policy-grouped cross-validation (0.789 against 0.790 micro), so the shipped model does not
//! use them ([`crate::analyze::classifier::TrainOptions::clusters`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::analyze::modelfile::Reader;

const MAGIC: &[u8; 4] = b"PSWC";
const FORMAT_VERSION: u32 = 1;

/// Settings of [`build`]; the defaults are what `models/clusters.bin` was built with.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// Words kept: the most frequent ones.
    pub vocabulary: usize,
    /// A word must occur at least this often.
    pub min_count: u32,
    /// Clusters to form.
    pub clusters: usize,
    /// Dimensions of the word vectors.
    pub dims: usize,
    /// Words on each side that count as context.
    pub window: usize,
    /// Rounds of k-means.
    pub iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            vocabulary: 20_000,
            min_count: 5,
            clusters: 256,
            dims: 128,
            window: 60,
            iterations: 15,
        }
    }
}

/// Word (by the hash [`word_key`]) -> cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordClusters {
    words: HashMap<u64, u16>,
}

static EMBEDDED: LazyLock<WordClusters> = LazyLock::new(|| {
    WordClusters::from_bytes(include_bytes!("../../models/clusters.bin")).unwrap_or_default()
});

/// The key a word is stored under.
pub fn word_key(word: &str) -> u64 {
    xxh3_64_with_seed(word.as_bytes(), 0x5057_4300)
}

impl WordClusters {
    /// The clusters compiled into polsearch (empty if the file is missing or bad).
    pub fn embedded() -> &'static WordClusters {
        &EMBEDDED
    }

    /// The cluster of a lower-cased word, if it is in the vocabulary.
    pub fn cluster_of(&self, word: &str) -> Option<u16> {
        if self.words.is_empty() {
            return None;
        }
        self.words.get(&word_key(word)).copied()
    }

    /// Words with a cluster.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Magic, version, count, then per word in key order: key (u64 LE), cluster (u16 LE).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut words: Vec<(&u64, &u16)> = self.words.iter().collect();
        words.sort();
        let mut out = Vec::with_capacity(12 + words.len() * 10);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (k, c) in words {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&c.to_le_bytes());
        }
        out
    }

    /// Read clusters from their binary file.
    pub fn from_bytes(bytes: &[u8]) -> std::result::Result<WordClusters, String> {
        let mut r = Reader::open(bytes, MAGIC)?;
        if r.u32()? != FORMAT_VERSION {
            return Err("unsupported version".into());
        }
        let n = r.u32()? as usize;
        let mut words = HashMap::with_capacity(n);
        for _ in 0..n {
            let key = r.u64()?;
            words.insert(key, r.u16()?);
        }
        Ok(WordClusters { words })
    }
}

/// The words of a text as the classifier sees them: lower-cased alphanumeric runs.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Cluster the words of `texts` (each a clause or paragraph; order matters only for ties).
pub fn build(texts: &[String], opts: ClusterOptions) -> WordClusters {
    // Vocabulary: most frequent words, ties by spelling.
    let mut counts: HashMap<String, u32> = HashMap::new();
    for t in texts {
        for w in words(t) {
            if w.len() <= 40 {
                *counts.entry(w).or_default() += 1;
            }
        }
    }
    let mut vocab: Vec<(String, u32)> = counts
        .into_iter()
        .filter(|(_, c)| *c >= opts.min_count)
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    vocab.truncate(opts.vocabulary);
    let index: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.as_str(), i))
        .collect();
    let d = opts.dims;
    // Context vectors by random indexing.
    let mut ctx = vec![0f32; vocab.len() * d];
    for t in texts {
        let ws: Vec<String> = words(t).collect();
        for (i, w) in ws.iter().enumerate() {
            let Some(&wi) = index.get(w.as_str()) else {
                continue;
            };
            let lo = i.saturating_sub(opts.window);
            let hi = (i + opts.window + 1).min(ws.len());
            for (j, other) in ws.iter().enumerate().take(hi).skip(lo) {
                if j == i {
                    continue;
                }
                // Left and right contexts differ: "keep ..." vs "... kept".
                let side = if j < i { 1 } else { 2 };
                let h = xxh3_64_with_seed(other.as_bytes(), side);
                for k in 0..4 {
                    let bits = h >> (k * 16);
                    let dim = (bits as usize >> 1) % d;
                    let sign = if bits & 1 == 0 { 1.0 } else { -1.0 };
                    ctx[wi * d + dim] += sign;
                }
            }
        }
    }
    // Damp frequent words' counts, centre, normalise.
    for v in ctx.chunks_exact_mut(d) {
        for x in v.iter_mut() {
            *x = x.signum() * (1.0 + x.abs()).ln();
        }
    }
    let mut mean = vec![0f32; d];
    for v in ctx.chunks_exact(d) {
        for (m, x) in mean.iter_mut().zip(v) {
            *m += x;
        }
    }
    let n = vocab.len().max(1) as f32;
    for v in ctx.chunks_exact_mut(d) {
        for (x, m) in v.iter_mut().zip(&mean) {
            *x -= m / n;
        }
        normalise(v);
    }
    // Spherical k-means, initialised with evenly spaced words of the frequency order.
    let k = opts.clusters.min(vocab.len()).max(1);
    let mut centres: Vec<f32> = (0..k)
        .flat_map(|c| ctx[(c * vocab.len() / k) * d..][..d].to_vec())
        .collect();
    let mut assign = vec![0usize; vocab.len()];
    for _ in 0..opts.iterations {
        assign = ctx
            .par_chunks_exact(d)
            .map(|v| {
                let mut best = (f32::MIN, 0);
                for (c, centre) in centres.chunks_exact(d).enumerate() {
                    let s: f32 = v.iter().zip(centre).map(|(a, b)| a * b).sum();
                    if s > best.0 {
                        best = (s, c);
                    }
                }
                best.1
            })
            .collect();
        let mut sums = vec![0f32; k * d];
        for (v, &c) in ctx.chunks_exact(d).zip(&assign) {
            for (s, x) in sums[c * d..][..d].iter_mut().zip(v) {
                *s += x;
            }
        }
        for (c, centre) in sums.chunks_exact_mut(d).enumerate() {
            if centre.iter().any(|x| *x != 0.0) {
                normalise(centre);
                centres[c * d..][..d].copy_from_slice(centre);
            }
        }
    }
    WordClusters {
        words: vocab
            .into_iter()
            .zip(assign)
            .map(|((w, _), c)| (word_key(&w), c as u16))
            .collect(),
    }
}

fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
    for x in v {
        *x /= norm;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_used_alike_share_a_cluster_and_the_file_round_trips() {
        // Two topics with their own vocabulary, each word seen in many clauses.
        let mut texts = Vec::new();
        for i in 0..60 {
            texts.push(format!(
                "we retain keep store logs for months years period {i}"
            ));
            texts.push(format!(
                "cookies pixels beacons track advertising partners {i}"
            ));
        }
        let opts = ClusterOptions {
            clusters: 2,
            min_count: 5,
            ..ClusterOptions::default()
        };
        let c = build(&texts, opts);
        let same = |a: &str, b: &str| c.cluster_of(a) == c.cluster_of(b);
        assert!(same("retain", "months"));
        assert!(same("cookies", "beacons"));
        assert!(!same("retain", "cookies"));
        assert_eq!(c.cluster_of("unseen"), None);
        assert_eq!(WordClusters::from_bytes(&c.to_bytes()).unwrap(), c);
        assert_eq!(build(&texts, opts), c, "deterministic");
    }
}
