//! What a question asks about: a distribution over the OPP-115 topics from a naive Bayes
//! model of question words and pairs ([`IntentModel`]), and whether it asks how long.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analyze::topic::Topic;

use super::{asks_duration, intent_features, words, TOPICS};

/// What a question asks about.
#[derive(Debug, Clone, PartialEq)]
pub struct Intent {
    /// Probability of each topic ([`Topic::ALL`] order).
    pub topics: [f32; TOPICS],
    /// It asks how long data is kept ([`asks_duration`]).
    pub duration: bool,
}

impl Intent {
    /// The most probable topic.
    pub fn topic(&self) -> Topic {
        let best = (0..TOPICS)
            .max_by(|&a, &b| self.topics[a].total_cmp(&self.topics[b]).then(b.cmp(&a)))
            .unwrap_or(0);
        Topic::ALL[best]
    }
}

/// Multinomial naive Bayes over question words and word pairs, counts kept as integers (so
/// the model file rebuilds byte for byte).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IntentModel {
    /// Questions per topic.
    pub questions: Vec<u32>,
    /// Per feature, its count in the questions of each topic.
    pub counts: BTreeMap<String, Vec<u32>>,
    /// Per question wording (`question_key`) seen twice or more, its count per topic.
    pub wordings: BTreeMap<String, Vec<u32>>,
    /// Feature counts per topic, summed at first use.
    #[serde(skip)]
    per_topic: std::sync::OnceLock<[u64; TOPICS]>,
}

impl PartialEq for IntentModel {
    fn eq(&self, other: &IntentModel) -> bool {
        (&self.questions, &self.counts, &self.wordings)
            == (&other.questions, &other.counts, &other.wordings)
    }
}

impl IntentModel {
    /// Count the features of `(question, topic)` pairs.
    pub fn fit<'a>(examples: impl IntoIterator<Item = (&'a str, Topic)>) -> IntentModel {
        let mut m = IntentModel {
            questions: vec![0; TOPICS],
            counts: BTreeMap::new(),
            wordings: BTreeMap::new(),
            per_topic: Default::default(),
        };
        for (q, t) in examples {
            m.questions[t as usize] += 1;
            m.wordings
                .entry(question_key(q))
                .or_insert_with(|| vec![0; TOPICS])[t as usize] += 1;
            for f in intent_features(q) {
                m.counts.entry(f).or_insert_with(|| vec![0; TOPICS])[t as usize] += 1;
            }
        }
        m.wordings.retain(|_, c| c.iter().sum::<u32>() >= 2);
        m
    }

    /// The topic distribution of a question: the naive Bayes posterior with its log
    /// likelihood averaged per known feature (a question of twelve words is not twelve
    /// independent pieces of evidence), so that a second topic keeps some weight.
    pub fn intent(&self, question: &str) -> Intent {
        let total: u32 = self.questions.iter().sum();
        let mut topics = [0.0f32; TOPICS];
        if total == 0 {
            return Intent {
                topics,
                duration: asks_duration(question),
            };
        }
        let per_topic = self.per_topic.get_or_init(|| {
            let mut per_topic = [0u64; TOPICS];
            for c in self.counts.values() {
                for (t, n) in c.iter().enumerate().take(TOPICS) {
                    per_topic[t] += u64::from(*n);
                }
            }
            per_topic
        });
        let vocab = self.counts.len() as f64 + 1.0;
        let mut loglik = [0.0f64; TOPICS];
        let mut known = 0usize;
        for f in intent_features(question) {
            let Some(c) = self.counts.get(&f) else {
                continue;
            };
            known += 1;
            for t in 0..TOPICS {
                let n = f64::from(c.get(t).copied().unwrap_or(0));
                loglik[t] += ((n + 0.1) / (per_topic[t] as f64 + 0.1 * vocab)).ln();
            }
        }
        let mut logp = [f64::NEG_INFINITY; TOPICS];
        for t in 0..TOPICS {
            let q = f64::from(self.questions[t]);
            if q > 0.0 {
                logp[t] = (q / f64::from(total)).ln() + loglik[t] / known.max(1) as f64;
            }
        }
        let max = logp.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 = logp.iter().map(|l| (l - max).exp()).sum();
        for t in 0..TOPICS {
            topics[t] = ((logp[t] - max).exp() / sum) as f32;
        }
        // A wording seen in training: its topics as labelled, the model's as one more vote.
        if let Some(c) = self.wordings.get(&question_key(question)) {
            let n: u32 = c.iter().sum();
            for (t, p) in topics.iter_mut().enumerate() {
                let seen = c.get(t).copied().unwrap_or(0);
                *p = (seen as f32 + *p) / (n as f32 + 1.0);
            }
        }
        // A duration question asks about retention whatever its other words are about
        // ("how long do you keep my IP address?" reads as collection to the word model):
        // half the weight goes to data retention.
        let duration = asks_duration(question);
        if duration {
            for (t, p) in topics.iter_mut().enumerate() {
                let retention = t == Topic::DataRetention as usize;
                *p = 0.5 * *p + if retention { 0.5 } else { 0.0 };
            }
        }
        Intent { topics, duration }
    }
}

/// A question's wording as one pseudo-term of [`super::Expansion`]'s terms: `?` and its lower-case
/// words (no index term starts with `?`).
pub(super) fn question_key(question: &str) -> String {
    format!("?{}", words(question).join(" "))
}

/// A labelled question: what it asks (its OPP-115 topic), its policy, and the index terms of
/// its annotated answers ([`index_terms`](super::index_terms)).
#[derive(Debug, Clone)]
pub struct LabelledQuestion {
    /// The question's text.
    pub question: String,
    /// What it asks about.
    pub topic: Topic,
    /// Its policy's number in the dataset.
    pub policy: usize,
    /// Index terms of its answers.
    pub answer_terms: Vec<String>,
}
