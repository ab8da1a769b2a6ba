//! Learned term associations: which index terms answer questions that contain which words,
//! and which answer questions about which topic ([`Expansion`]).

use crate::analyze::topic::Topic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::intent::Intent;
use super::intent::{question_key, LabelledQuestion};

/// The index terms of a text as a query would search them: its words less stop words,
/// analysed as the index analyses text (lower case, stemmed), each once, in order.
pub fn index_terms(text: &str) -> Vec<String> {
    let mut analyzer = crate::index::schema::analyzer();
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let lower = word.to_lowercase();
        if lower.is_empty() || crate::search::query::is_stop_word(&lower) {
            continue;
        }
        let mut stream = analyzer.token_stream(&lower);
        while stream.advance() {
            let t = &stream.token().text;
            if !out.contains(t) {
                out.push(t.clone());
            }
        }
    }
    out
}

/// Expansion terms per question: at most this many.
/// (12: as good as 20 by cross-validation on PolicyQA, Hit@5 0.432 both, and each term costs
/// a question about 0.25 ms on the history corpus: block-max WAND slows with every cursor.)
pub const EXPANSION_TERMS: usize = 12;

/// Learned term associations: which index terms answer questions holding which terms. A
/// question's expansion terms are searched besides its own words, with small boosts, so a
/// clause that answers without repeating the question's words ("we keep logs for 90 days"
/// for "how long ... store ...") becomes a candidate and scores.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Expansion {
    /// The boost of an expansion term of association 1.
    pub boost: f32,
    /// Per question term, the answer terms it is associated with and how strongly (best
    /// first).
    pub terms: BTreeMap<String, Vec<(String, f32)>>,
}

impl Expansion {
    /// Associations of a question term `q` with answer term `a`: `p * ln(p / df(a))`, `p` the
    /// share of training questions holding `q` whose answers hold `a` (kept when at least
    /// `MIN_SUPPORT` questions of two policies or more back it, and `p > df(a)`).
    pub fn fit(questions: &[LabelledQuestion], df: &dyn Fn(&str) -> f64) -> Expansion {
        use std::collections::{BTreeSet, HashMap};
        // q -> (questions, a -> (questions, policies))
        // Per answer term: the questions and the policies holding it.
        type Answered<'a> = HashMap<&'a str, (u32, BTreeSet<usize>)>;
        let mut with_q: BTreeMap<&str, (u32, Answered)> = BTreeMap::new();
        let terms: Vec<Vec<String>> = questions
            .iter()
            .map(|q| {
                let mut t = index_terms(&q.question);
                t.push(question_key(&q.question));
                t.push(topic_key(q.topic));
                t
            })
            .collect();
        for (q, qt) in questions.iter().zip(&terms) {
            for t in qt {
                let entry = with_q.entry(t.as_str()).or_default();
                entry.0 += 1;
                for a in &q.answer_terms {
                    let e = entry.1.entry(a.as_str()).or_default();
                    e.0 += 1;
                    e.1.insert(q.policy);
                }
            }
        }
        let mut out = BTreeMap::new();
        for (q, (n, answers)) in with_q {
            let mut assoc: Vec<(String, f32)> = answers
                .into_iter()
                .filter(|(a, (k, policies))| *k >= MIN_SUPPORT && policies.len() >= 2 && *a != q)
                .filter_map(|(a, (k, _))| {
                    let p = f64::from(k) / f64::from(n);
                    let base = df(a).max(1e-4);
                    (p > base).then(|| (a.to_owned(), (p * (p / base).ln()) as f32))
                })
                .collect();
            assoc.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
            assoc.truncate(2 * EXPANSION_TERMS);
            // Rounded, so the file reads well and rebuilds alike.
            for (_, w) in &mut assoc {
                *w = (*w * 1e4).round() / 1e4;
            }
            if !assoc.is_empty() {
                out.insert(q.to_owned(), assoc);
            }
        }
        Expansion {
            boost: EXPANSION_BOOST,
            terms: out,
        }
    }

    /// The expansion terms of a question, with their boosts: the associations of the question
    /// as a whole (when its wording was seen in training: PolicyQA-style question sets reuse
    /// their wordings across policies) plus those averaged over its terms; the best
    /// [`EXPANSION_TERMS`] that are not question terms already.
    pub fn expand(&self, question: &str, intent: &Intent) -> Vec<(String, f32)> {
        let terms = index_terms(question);
        let mut score: BTreeMap<&str, f32> = BTreeMap::new();
        let n = terms.len().max(1) as f32;
        for q in &terms {
            for (a, w) in self.terms.get(q).map_or(&[][..], Vec::as_slice) {
                *score.entry(a.as_str()).or_default() += w / n;
            }
        }
        let whole = self.terms.get(&question_key(question));
        for (a, w) in whole.map_or(&[][..], Vec::as_slice) {
            *score.entry(a.as_str()).or_default() += w;
        }
        for (t, p) in Topic::ALL.iter().zip(intent.topics) {
            for (a, w) in self
                .terms
                .get(&topic_key(*t))
                .map_or(&[][..], Vec::as_slice)
            {
                *score.entry(a.as_str()).or_default() += w * p * TOPIC_WEIGHT;
            }
        }
        let mut out: Vec<(String, f32)> = score
            .into_iter()
            .filter(|(a, _)| !terms.iter().any(|q| q == a))
            .map(|(a, s)| (a.to_owned(), self.boost * s.min(1.0)))
            .filter(|(_, b)| *b > 0.0)
            .collect();
        out.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        out.truncate(EXPANSION_TERMS);
        out
    }
}

/// A topic as a pseudo-term of [`Expansion::terms`]: `#` and its name.
pub(super) fn topic_key(topic: Topic) -> String {
    format!("#{}", topic.name())
}

/// The weight of a topic's associations in an expansion, times the question's probability
/// of the topic (a question's own wording and terms weigh 1).
pub(super) const TOPIC_WEIGHT: f32 = 0.5;

/// Questions an association must be seen in.
pub(super) const MIN_SUPPORT: u32 = 3;

/// The boost of an expansion term of association 1 (see [`Expansion`]).
pub const EXPANSION_BOOST: f32 = 2.0;
