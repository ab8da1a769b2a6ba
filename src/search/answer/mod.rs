//! Answers to questions: what a question asks about, and a ranking learned from PolicyQA that
//! re-orders the best BM25 candidates by it.
//!
//! People ask polsearch questions ("how long do you keep my IP address?"). BM25 alone ranks
//! "We keep IP addresses confidential" first: it matches the words, not the question. For a
//! query that reads as a question ([`is_question`]) the searcher takes the best
//! [`RERANK_DEPTH`] clauses by BM25, scores them with the question's learned expansion terms
//! ([`Expansion`]) too, adds the best [`EXPANSION_DEPTH`] by the expansion terms alone, and
//! orders them by a linear function of [`FEATURES`] plus a few boosted trees over the same
//! features (`boost`: what a weighted sum cannot say, such as a score that counts for less
//! when the topic disagrees):
//!
//! - the BM25 score (of the question's words, of its expansion terms, relative to the best
//!   candidate's), rank, and the share of the question's words the clause holds;
//! - agreement between the question's **intent** (a distribution over the OPP-115 topics from
//!   a naive Bayes model of question words, [`IntentModel`]) and the clause's topics, in total
//!   and per topic;
//! - for duration questions ("how long", "when do you delete", "retention"), whether the
//!   clause states a retention period or criterion (from the retention extractor);
//! - the clause's shape: heading, table header row, length, position, digits;
//! - its paragraph: how well the other candidates of its file and line (the same paragraph)
//!   match, and whether it is the best of them (an answer's neighbours often hold the
//!   question's words when it does not).
//!
//! The weights and trees are learned from PolicyQA questions and the clauses that hold their
//! answers (listwise: the softmax likelihood of the answer clauses among a question's
//! candidates), reproducibly: `polsearch eval relevance FILE --train-out FILE` rebuilds
//! `models/questions.json` byte for byte, and `--folds K` reports figures by cross-validation
//! grouped by policy. The intent is a ranking signal only, never a filter:
//! every candidate BM25 found stays a candidate.

mod boost;
mod expansion;
mod features;
mod intent;
mod train;

pub use expansion::{index_terms, Expansion, EXPANSION_BOOST, EXPANSION_TERMS};
pub use features::{features, Candidate, FEATURES, N_FEATURES};
pub use intent::{Intent, IntentModel, LabelledQuestion};
pub use train::{fit_language, fit_ranking, FeatureMask, RankingExample, ALL_FEATURES};

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::analyze::topic::Topic;

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
    /// Boosted trees added to the linear score.
    #[serde(default)]
    pub trees: Vec<boost::Tree>,
}

static EMBEDDED: LazyLock<Option<QuestionModel>> =
    LazyLock::new(|| QuestionModel::from_json(include_str!("../../../models/questions.json")).ok());

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
            .map(|f| dot(&self.weights, f) + boost::value(&self.trees, f))
            .collect()
    }
}

fn dot(w: &[f32], f: &[f32; N_FEATURES]) -> f32 {
    w.iter().zip(f).map(|(a, b)| a * b).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::{RankKey, Signals};

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
            file: 1,
        }
    }

    #[test]
    fn context_features_read_the_other_candidates_of_the_paragraph() {
        let i = IntentModel::default().intent("what?");
        let at = |score: f32, file: u64, line: u32| Candidate {
            file,
            signals: Signals::new("We keep logs.", None, line),
            ..candidate(score, &[], "We keep logs.", false)
        };
        // Two clauses of one paragraph (file 1, line 10), one of the next paragraph (a blank
        // line away), one on the same line of another file.
        let f = features(
            &i,
            &[
                at(10.0, 1, 10),
                at(5.0, 1, 10),
                at(8.0, 1, 12),
                at(9.0, 2, 10),
            ],
        );
        let column = |name: &str| {
            let j = FEATURES.iter().position(|f| *f == name).unwrap();
            f.iter().map(|row| row[j]).collect::<Vec<f32>>()
        };
        assert_eq!(column("context_bm25"), [0.5, 1.0, 0.0, 0.0]);
        assert!(column("context_clauses")[0] > 0.0);
        assert_eq!(column("context_clauses")[2], 0.0);
        assert_eq!(column("best_of_paragraph"), [1.0, 0.0, 1.0, 1.0]);
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
            fit_ranking(&mut m, &labelled, &examples, &ALL_FEATURES, true);
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
