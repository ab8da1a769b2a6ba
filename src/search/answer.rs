//! Answers to questions: what a question asks about, and a ranking learned from PolicyQA that
//! re-orders the best BM25 candidates by it.
//!
//! People ask polsearch questions ("how long do you keep my IP address?"). BM25 alone ranks
//! "We keep IP addresses confidential" first: it matches the words, not the question. For a
//! query that reads as a question ([`is_question`]) the searcher takes the best
//! [`RERANK_DEPTH`] clauses by BM25, scores them with the question's learned expansion terms
//! ([`Expansion`]) too, adds the best [`EXPANSION_DEPTH`] by the expansion terms alone, and
//! orders them by a linear function of [`FEATURES`]:
//!
//! - the BM25 score (of the question's words, of its expansion terms, relative to the best
//!   candidate's), rank, and the share of the question's words the clause holds;
//! - agreement between the question's **intent** (a distribution over the OPP-115 topics from
//!   a naive Bayes model of question words, [`IntentModel`]) and the clause's topics, in total
//!   and per topic;
//! - for duration questions ("how long", "when do you delete", "retention"), whether the
//!   clause states a retention period or criterion (from the retention extractor);
//! - the clause's shape: heading, table header row, length, position, digits.
//!
//! The weights are learned from PolicyQA questions and the clauses that hold their answers
//! (listwise: the softmax likelihood of the answer clauses among a question's candidates),
//! reproducibly: `polsearch eval relevance FILE --train-out FILE` rebuilds
//! `models/questions.json` byte for byte, and `--folds K` reports figures by
//! cross-validation grouped by policy. The intent is a ranking signal only, never a filter:
//! every candidate BM25 found stays a candidate.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::analyze::topic::Topic;
use crate::index::schema::{RankKey, Signals};

/// How many clauses the expansion terms alone add to a question's candidates (those not
/// already among them): the answers that share no word with the question. (30: by
/// cross-validation on PolicyQA, Hit@5 0.434, against 0.433 for 100 and 0.398 for none.)
pub const EXPANSION_DEPTH: usize = 30;

/// How many of the best BM25 candidates a question re-orders. Bounded, so a question costs
/// a top-`RERANK_DEPTH` search plus a fast-field read per candidate.
pub const RERANK_DEPTH: usize = 100;

const TOPICS: usize = Topic::ALL.len();

/// Words that open a question.
const QUESTION_WORDS: &[&str] = &[
    "how", "what", "which", "who", "whom", "whose", "when", "where", "why", "do", "does", "did",
    "is", "are", "was", "were", "can", "could", "will", "would", "should", "may", "might", "has",
    "have", "shall", "am",
];

/// Does the query read as a natural-language question: it ends with `?`, or it is two words
/// or more and opens with a question word ("how long do you keep logs")? Query syntax
/// (`+word`, `-word`, `field:x`, quotes) never does: who writes syntax wants keyword search.
pub fn is_question(query: &str) -> bool {
    let q = query.trim();
    if crate::search::query::uses_syntax(q) {
        return false;
    }
    if q.ends_with('?') {
        return q.chars().any(char::is_alphanumeric);
    }
    let mut words = q.split_whitespace();
    let first = words.next().map(str::to_lowercase);
    words.next().is_some() && first.is_some_and(|w| QUESTION_WORDS.contains(&w.as_str()))
}

/// Lower-case words of a question: runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The naive Bayes features of a question: its words and adjacent word pairs.
fn intent_features(question: &str) -> Vec<String> {
    let w = words(question);
    let mut out: Vec<String> = w.clone();
    out.extend(w.windows(2).map(|p| format!("{} {}", p[0], p[1])));
    out
}

/// Does the question ask how long, or when, data is kept or deleted? A rule, not learned:
/// PolicyQA has 58 retention questions of 3,809, too few to learn their wording, and the
/// wording of duration questions is small and closed.
pub fn asks_duration(question: &str) -> bool {
    let w = words(question);
    let has = |s: &str| w.iter().any(|x| x == s);
    let starts = |p: &str| w.iter().any(|x| x.starts_with(p));
    let pair = |a: &str, b: &str| w.windows(2).any(|p| p[0] == a && p[1] == b);
    pair("how", "long")
        || starts("retain")
        || starts("retention")
        || has("period")
        || has("until")
        || (has("when") && (starts("delet") || starts("eras") || starts("remov")))
        || (starts("keep") || starts("kept") || starts("stor")) && (has("long") || has("for"))
}

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

/// The ranking features, in order (names as the model file and the ablation table print
/// them).
pub const FEATURES: [&str; 30] = [
    "bm25",
    "bm25_rank",
    "topic_agreement",
    "generic_clause",
    "heading",
    "table_header",
    "short",
    "length",
    "duration_x_period",
    "duration_x_criterion",
    "period",
    "position",
    "digit",
    "duration_x_cookie",
    "agree_first_party",
    "agree_third_party",
    "agree_choice",
    "agree_access",
    "agree_retention",
    "agree_security",
    "agree_change",
    "agree_dnt",
    "agree_audiences",
    "agree_introductory",
    "agree_contact",
    "agree_other",
    "topic_score_agreement",
    "bm25_asked_words",
    "bm25_expansion",
    "coverage",
];

/// How many features there are.
pub const N_FEATURES: usize = FEATURES.len();

/// What the ranking reads of one candidate: its BM25 score and its two fast fields.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Its BM25 score, expansion included.
    pub score: f32,
    /// Of `score`, what expansion terms added.
    pub expansion: f32,
    /// Share of the question's leaves (words on text and section) the clause matches.
    pub coverage: f32,
    /// Its rank key (heading, topics, table header, tie).
    pub key: RankKey,
    /// Its signals (retention, shape, position).
    pub signals: Signals,
    /// [`crate::analyze::topic::pack_scores`] of the clause.
    pub topic_scores: u64,
}

/// The features of each candidate, the candidates in BM25 order (best first).
pub fn features(intent: &Intent, candidates: &[Candidate]) -> Vec<[f32; N_FEATURES]> {
    let best_of = |f: &dyn Fn(&Candidate) -> f32| {
        candidates
            .iter()
            .map(f)
            .fold(0.0f32, f32::max)
            .max(f32::MIN_POSITIVE)
    };
    let best = best_of(&|c| c.score);
    let best_asked = best_of(&|c| (c.score - c.expansion).max(0.0));
    let best_expansion = best_of(&|c| c.expansion);
    // The nine practice categories (all but introductory, contact and other).
    let substantive = Topic::mask_of(&Topic::ALL[..9]);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let duration = flag(intent.duration);
    candidates
        .iter()
        .enumerate()
        .map(|(rank, c)| {
            let topics = c.key.topics();
            let graded = crate::analyze::topic::unpack_scores(c.topic_scores);
            let s = c.signals;
            let mut f = [0.0f32; N_FEATURES];
            f[0] = c.score / best;
            f[1] = 1.0 / (1.0 + rank as f32);
            let mut agreement = 0.0;
            let mut graded_agreement = 0.0;
            for t in 0..TOPICS {
                if topics >> t & 1 == 1 {
                    agreement += intent.topics[t];
                }
                f[14 + t] = intent.topics[t] * graded[t];
                graded_agreement += intent.topics[t] * graded[t];
            }
            f[2] = agreement;
            f[26] = graded_agreement;
            f[27] = (c.score - c.expansion).max(0.0) / best_asked;
            f[28] = c.expansion / best_expansion;
            f[29] = c.coverage;
            f[3] = flag(topics & substantive == 0);
            f[4] = flag(c.key.heading());
            f[5] = flag(c.key.table_header());
            f[6] = flag(s.words() <= 5);
            f[7] = (1.0 + s.words() as f32).ln() / 256f32.ln();
            f[8] = duration * flag(s.stated());
            f[9] = duration * flag(s.criterion() || s.indefinite());
            f[10] = flag(s.stated());
            f[11] = (1.0 + s.line() as f32).ln() / 65536f32.ln();
            f[12] = flag(s.digit());
            f[13] = duration * flag(s.cookie());
            f
        })
        .collect()
}

/// The question model: intent and ranking weights.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct QuestionModel {
    /// What the file was trained on, for people reading it.
    pub trained_on: String,
    /// Feature names, in [`FEATURES`] order (checked on load).
    pub features: Vec<String>,
    /// Ranking weights, one per feature.
    pub weights: Vec<f32>,
    /// What a question asks about.
    pub intent: IntentModel,
    /// Terms a question's words add to the query.
    pub expansion: Expansion,
}

static EMBEDDED: LazyLock<Option<QuestionModel>> =
    LazyLock::new(|| QuestionModel::from_json(include_str!("../../models/questions.json")).ok());

impl QuestionModel {
    /// The model shipped in `models/questions.json`.
    pub fn embedded() -> Option<&'static QuestionModel> {
        EMBEDDED.as_ref()
    }

    /// Read a model from its JSON text.
    pub fn from_json(text: &str) -> std::result::Result<QuestionModel, String> {
        let m: QuestionModel = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if m.features != FEATURES || m.weights.len() != N_FEATURES {
            return Err(format!(
                "the model's features ({}) are not this build's ({})",
                m.features.join(", "),
                FEATURES.join(", ")
            ));
        }
        Ok(m)
    }

    /// The model file's text (deterministic: sorted keys, fixed float formatting).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// A score per candidate (greater is better) of a question with this intent
    /// ([`IntentModel::intent`]), the candidates in BM25 order.
    pub fn scores(&self, intent: &Intent, candidates: &[Candidate]) -> Vec<f32> {
        features(intent, candidates)
            .iter()
            .map(|f| dot(&self.weights, f))
            .collect()
    }
}

fn dot(w: &[f32], f: &[f32; N_FEATURES]) -> f32 {
    w.iter().zip(f).map(|(a, b)| a * b).sum()
}

/// A labelled question: what it asks (its OPP-115 topic), its policy, and the index terms of
/// its annotated answers ([`index_terms`]).
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
const INTENT_FOLDS: usize = 5;

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
    }
}

/// Learn the ranking weights of `model` from `examples` (with `mask`'s features only): by
/// gradient descent on the listwise softmax loss of each question that has an answer among
/// its candidates (L2-regularised; deterministic: fixed iteration count and summation order).
/// The intent each example's features use is that of a model fit on the *other* policies'
/// questions of `labelled` (grouped by policy), so the weights learn how far to trust an
/// intent of unseen wording.
pub fn fit_ranking(
    model: &mut QuestionModel,
    labelled: &[LabelledQuestion],
    examples: &[RankingExample],
    mask: &FeatureMask,
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
}

/// Weights for features PolicyQA cannot teach, set by rule: its policies are plain text
/// without tables or headings, and their 58 retention questions meet no clause stating a
/// period (the 20 dev policies state 4 retention criteria and no period). So: table header
/// rows and headings down (they name what follows, they answer nothing), and for a duration
/// question a clause stating a period up by about what the best BM25 score adds, a cookie
/// lifetime (not data retention) a little down. Every other feature: 0.
const PRIORS: [f32; N_FEATURES] = {
    let mut p = [0.0; N_FEATURES];
    p[4] = -0.5; // heading (on top of its halved BM25 score)
    p[5] = -2.0; // table_header
    p[8] = 2.0; // duration_x_period
    p[9] = 1.0; // duration_x_criterion
    p[13] = -0.5; // duration_x_cookie
    p
};

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

/// A question's wording as one pseudo-term of [`Expansion::terms`]: `?` and its lower-case
/// words (no index term starts with `?`).
fn question_key(question: &str) -> String {
    format!("?{}", words(question).join(" "))
}

/// A topic as a pseudo-term of [`Expansion::terms`]: `#` and its name.
fn topic_key(topic: Topic) -> String {
    format!("#{}", topic.name())
}

/// The weight of a topic's associations in an expansion, times the question's probability
/// of the topic (a question's own wording and terms weigh 1).
const TOPIC_WEIGHT: f32 = 0.5;

/// Questions an association must be seen in.
const MIN_SUPPORT: u32 = 3;

/// The boost of an expansion term of association 1 (see [`Expansion`]).
pub const EXPANSION_BOOST: f32 = 2.0;

/// Gradient descent with momentum on the mean over lists of `-log(sum over relevant of
/// softmax)`, plus `L2 * |w|^2`.
fn fit_listwise(lists: &[(Vec<[f32; N_FEATURES]>, &[bool])]) -> Vec<f32> {
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
            let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let e: Vec<f64> = s.iter().map(|x| (x - max).exp()).collect();
            let all: f64 = e.iter().sum();
            let pos: f64 = e
                .iter()
                .zip(*relevant)
                .filter(|(_, r)| **r)
                .map(|(e, _)| e)
                .sum();
            for (i, f) in rows.iter().enumerate() {
                // d/ds_i of -log(pos/all) = e_i/all - [relevant] e_i/pos
                let mut g = e[i] / all;
                if relevant[i] {
                    g -= e[i] / pos;
                }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_told_from_keywords() {
        assert!(is_question("how long do you keep my IP address?"));
        assert!(is_question("do you sell my data"));
        assert!(is_question(
            "Do you collect any of my personal identifier (e.g., SSN)?"
        ));
        assert!(!is_question("retention 12 months"));
        assert!(!is_question("cookies"));
        assert!(!is_question("how"));
        assert!(!is_question("\"how long\" retention"));
        assert!(!is_question("+retention -cookies"));
        assert!(!is_question("section:security how"));
        assert!(!is_question("?"));
    }

    #[test]
    fn duration_questions() {
        assert!(asks_duration("How long do you keep my IP address?"));
        assert!(asks_duration("When do you delete my data?"));
        assert!(asks_duration("What is the retention period?"));
        assert!(asks_duration("Do you retain my messages?"));
        assert!(!asks_duration("Do you sell my data?"));
        assert!(!asks_duration("When do you share my data?"));
    }

    #[test]
    fn intent_learns_topics_from_words() {
        let m = IntentModel::fit([
            (
                "do you share my data with advertisers",
                Topic::ThirdPartySharing,
            ),
            ("who do you share my email with", Topic::ThirdPartySharing),
            ("how long do you keep my data", Topic::DataRetention),
            ("how long is my data retained", Topic::DataRetention),
            ("how do you protect my data", Topic::DataSecurity),
        ]);
        assert_eq!(
            m.intent("how long do you keep logs").topic(),
            Topic::DataRetention
        );
        assert_eq!(
            m.intent("do you share it with partners").topic(),
            Topic::ThirdPartySharing
        );
        let i = m.intent("how long do you keep logs");
        let sum: f32 = i.topics.iter().sum();
        assert!((sum - 1.0).abs() < 1e-4);
        // No evidence: the priors.
        assert_eq!(
            IntentModel::default().intent("anything").topics,
            [0.0; TOPICS]
        );
    }

    fn candidate(score: f32, topics: &[Topic], text: &str, stated: bool) -> Candidate {
        let kinds = stated.then_some(crate::analyze::retention::RetentionKind::Stated);
        let mut scores = [0.0; TOPICS];
        for t in topics {
            scores[*t as usize] = 0.8;
        }
        Candidate {
            score,
            expansion: 0.0,
            coverage: 1.0,
            key: RankKey::new(false, Topic::mask_of(topics), 0),
            signals: Signals::new(text, kinds, 10),
            topic_scores: crate::analyze::topic::pack_scores(&scores),
        }
    }

    #[test]
    fn training_learns_to_lift_what_answers() {
        // BM25 puts a table row first; the answers are the second candidate, which agrees
        // with the question's topic and states a period.
        let mut labelled = Vec::new();
        let mut examples = Vec::new();
        for i in 0..40 {
            let question = format!("how long do you keep record {i}?");
            labelled.push(LabelledQuestion {
                question: question.clone(),
                topic: Topic::DataRetention,
                policy: i,
                answer_terms: index_terms("we retain logs for 12 months"),
            });
            examples.push(RankingExample {
                question,
                policy: i,
                candidates: vec![
                    candidate(10.0, &[Topic::Other], "Name | Purpose | Expiry |", false),
                    candidate(
                        8.0,
                        &[Topic::DataRetention],
                        "We keep logs for 12 months.",
                        true,
                    ),
                    candidate(
                        7.0,
                        &[Topic::FirstPartyCollection],
                        "We collect logs.",
                        false,
                    ),
                ],
                relevant: vec![false, true, false],
            });
        }
        let train = || {
            let mut m = fit_language(&labelled, &|_| 0.01, true, "test");
            fit_ranking(&mut m, &labelled, &examples, &ALL_FEATURES);
            m
        };
        let m = train();
        let intent = m.intent.intent("how long do you keep record 3?");
        let s = m.scores(&intent, &examples[3].candidates);
        assert!(s[1] > s[0] && s[1] > s[2], "{s:?}");
        // "keep" is answered by "retain" (every question, 40 policies), never by itself.
        let q = "how long do you keep logs";
        let expanded = m.expansion.expand(q, &m.intent.intent(q));
        assert!(expanded.iter().any(|(t, _)| t == "retain"), "{expanded:?}");
        assert!(
            expanded.iter().all(|(t, _)| t != "keep" && t != "log"),
            "{expanded:?}"
        );
        // Byte for byte the same when trained again, and it reads back.
        assert_eq!(m.to_json(), train().to_json());
        assert_eq!(QuestionModel::from_json(&m.to_json()).unwrap(), m);
    }

    #[test]
    fn index_terms_drop_stop_words_and_stem() {
        assert_eq!(
            index_terms("How long do you keep my IP addresses? Keeping!"),
            ["long", "keep", "ip", "address"]
        );
    }

    #[test]
    fn features_are_finite_on_any_candidates() {
        let i = IntentModel::default().intent("what?");
        for c in [
            candidate(0.0, &[], "", false),
            candidate(f32::MAX, &Topic::ALL, &"word ".repeat(400), true),
        ] {
            for f in features(&i, &[c]) {
                assert!(f.iter().all(|x| x.is_finite()), "{f:?}");
            }
        }
    }
}
