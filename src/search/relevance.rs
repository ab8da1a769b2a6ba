//! Relevance evaluation on PolicyQA-format files: questions asked of one policy, answers as
//! character spans of its paragraphs.
//!
//! Each policy of the file becomes one plain-text file (its paragraphs joined by blank lines)
//! in a folder of its own, indexed into a temporary index; every question is searched with
//! `--company` of its policy, and a returned clause is relevant when its byte range overlaps
//! an annotated answer. Reported: Hit@1/5/10 (an answer among the first k hits) and MRR@10.
//!
//! Cross-validation ([`cross_validate`]) cuts the policies into folds; the question model is
//! trained on the other folds' questions and evaluated through the real search path on the
//! held-out fold's, so no figure comes from a policy the model has seen.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::analyze::classifier::topic_of_label;
use crate::analyze::topic::Topic;
use crate::error::{Error, Result};
use crate::search::answer::{self, FeatureMask, LabelledQuestion, QuestionModel, RankingExample};
use crate::search::{PolicyIndex, Ranking, SearchRequest};
use crate::text::Span;

#[derive(Deserialize)]
struct File {
    data: Vec<FilePolicy>,
}

#[derive(Deserialize)]
struct FilePolicy {
    title: String,
    paragraphs: Vec<FileParagraph>,
}

#[derive(Deserialize)]
struct FileParagraph {
    context: String,
    qas: Vec<FileQa>,
}

#[derive(Deserialize)]
struct FileQa {
    question: String,
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    id: String,
    answers: Vec<FileAnswer>,
}

#[derive(Deserialize)]
struct FileAnswer {
    text: String,
    answer_start: usize,
}

/// A question of the file, its answers as byte ranges of its policy's text.
#[derive(Debug, Clone)]
pub struct Question {
    /// Its policy's number in the dataset.
    pub policy: usize,
    /// The question's id in the file.
    pub id: String,
    /// The question's text.
    pub text: String,
    /// The OPP-115 category of its `type` (the part before the first `|||`), if known.
    pub topic: Option<Topic>,
    /// Its answers: byte ranges of the policy's text.
    pub answers: Vec<Span>,
}

/// A PolicyQA-format file read into policies and questions.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Each policy's title.
    pub titles: Vec<String>,
    /// Each policy's text as written to its file.
    pub texts: Vec<String>,
    /// Every question, in file order.
    pub questions: Vec<Question>,
}

/// Read a PolicyQA/SQuAD-format file (`data[].title`, `paragraphs[].context`,
/// `qas[].question/type/answers[].text/answer_start` in characters).
pub fn load(path: &Path) -> Result<Dataset> {
    let bad = |reason: String| Error::BadFile {
        path: path.to_path_buf(),
        reason,
    };
    let raw = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
    let file: File = serde_json::from_str(&raw).map_err(|e| bad(e.to_string()))?;
    let mut ds = Dataset {
        titles: Vec::new(),
        texts: Vec::new(),
        questions: Vec::new(),
    };
    for (p, policy) in file.data.into_iter().enumerate() {
        let mut text = String::new();
        for para in policy.paragraphs {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let base = text.len();
            text.push_str(&para.context);
            for qa in para.qas {
                let mut answers = Vec::new();
                for a in qa.answers {
                    let start = para
                        .context
                        .char_indices()
                        .nth(a.answer_start)
                        .map(|(i, _)| i)
                        .ok_or_else(|| {
                            bad(format!(
                                "question {:?}: answer_start {} is past the end of its paragraph",
                                qa.id, a.answer_start
                            ))
                        })?;
                    let end = (start + a.text.len()).min(para.context.len());
                    answers.push(Span::new(start, end).shift(base));
                }
                ds.questions.push(Question {
                    policy: p,
                    id: qa.id,
                    topic: topic_of_label(qa.kind.split("|||").next().unwrap_or("")),
                    text: qa.question,
                    answers,
                });
            }
        }
        ds.titles.push(policy.title);
        ds.texts.push(text);
    }
    if ds.questions.is_empty() {
        return Err(bad("no questions".to_owned()));
    }
    Ok(ds)
}

/// The folder (and company) name of policy `p`.
pub fn policy_name(p: usize) -> String {
    format!("policy-{p:04}")
}

/// Write each policy to `dir/policy-NNNN/policy.txt`.
pub fn write_corpus(ds: &Dataset, dir: &Path) -> Result<()> {
    for (p, text) in ds.texts.iter().enumerate() {
        let folder = dir.join(policy_name(p));
        let file = folder.join("policy.txt");
        std::fs::create_dir_all(&folder)
            .and_then(|()| std::fs::write(&file, text))
            .map_err(|e| Error::BadFile {
                path: file.clone(),
                reason: format!("cannot write: {e}"),
            })?;
    }
    Ok(())
}

/// Hit@1, Hit@5, Hit@10 and MRR@10 over some questions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Metrics {
    /// Questions evaluated.
    pub questions: usize,
    /// Share with an answer at rank 1.
    pub hit1: f64,
    /// Share with an answer in the first 5.
    pub hit5: f64,
    /// Share with an answer in the first 10.
    pub hit10: f64,
    /// Mean reciprocal rank of the first answer, 0 past rank 10.
    pub mrr10: f64,
}

impl Metrics {
    /// From the rank (1-based) of each question's first relevant hit, if any.
    pub fn of(first_relevant: &[Option<usize>]) -> Metrics {
        let n = first_relevant.len().max(1) as f64;
        let within = |k: usize| {
            first_relevant
                .iter()
                .filter(|r| r.is_some_and(|r| r <= k))
                .count() as f64
                / n
        };
        Metrics {
            questions: first_relevant.len(),
            hit1: within(1),
            hit5: within(5),
            hit10: within(10),
            mrr10: first_relevant
                .iter()
                .filter_map(|r| r.filter(|&r| r <= 10))
                .map(|r| 1.0 / r as f64)
                .sum::<f64>()
                / n,
        }
    }
}

/// The request for question `q` of its own policy.
fn request(q: &Question, limit: usize, ranking: Ranking) -> SearchRequest {
    SearchRequest {
        query: q.text.clone(),
        companies: vec![policy_name(q.policy)],
        limit,
        ranking,
        ..SearchRequest::default()
    }
}

fn overlaps(q: &Question, span: Span) -> bool {
    q.answers
        .iter()
        .any(|a| span.start < a.end && a.start < span.end)
}

/// The rank of the first relevant of the first ten hits of each question, searched with
/// `ranking`.
pub fn ranks(
    index: &PolicyIndex,
    questions: &[&Question],
    ranking: &Ranking,
) -> Result<Vec<Option<usize>>> {
    use rayon::prelude::*;
    let rank_of = |q: &&Question| -> Result<Option<usize>> {
        let results = index.search(&request(q, 10, ranking.clone()))?;
        Ok(results
            .hits
            .iter()
            .position(|h| overlaps(q, h.span))
            .map(|i| i + 1))
    };
    questions.par_iter().map(rank_of).collect()
}

/// The labelled questions (those with a known topic) among `questions`: what the model
/// learns what questions ask, and which words answer them, from.
pub fn labelled(ds: &Dataset, questions: &[&Question]) -> Vec<LabelledQuestion> {
    questions
        .iter()
        .filter_map(|q| {
            let topic = q.topic?;
            let text = &ds.texts[q.policy];
            let mut answer_terms = Vec::new();
            for answer in &q.answers {
                let words = answer.of(text).unwrap_or_default();
                for t in answer::index_terms(words) {
                    if !answer_terms.contains(&t) {
                        answer_terms.push(t);
                    }
                }
            }
            Some(LabelledQuestion {
                question: q.text.clone(),
                topic,
                policy: q.policy,
                answer_terms,
            })
        })
        .collect()
}

/// Each question with its best [`answer::RERANK_DEPTH`] candidates as the first stage finds
/// them with `ranking` (BM25, expanded or not, without re-ranking), and which of them hold an
/// answer (what the ranking weights learn from).
pub fn ranking_examples(
    index: &PolicyIndex,
    questions: &[&Question],
    ranking: &Ranking,
) -> Result<Vec<RankingExample>> {
    use rayon::prelude::*;
    questions
        .par_iter()
        .map(|q| {
            let results = index.search(&request(q, answer::RERANK_DEPTH, ranking.clone()))?;
            let (candidates, relevant) = results
                .hits
                .iter()
                .filter_map(|h| Some((h.candidate?, overlaps(q, h.span))))
                .unzip();
            Ok(RankingExample {
                question: q.text.clone(),
                policy: q.policy,
                candidates,
                relevant,
            })
        })
        .collect()
}

/// What a model may use: the ranking features of `mask`, and the expansion or not.
#[derive(Debug, Clone, Copy)]
pub struct Variant {
    /// The ranking features it may use.
    pub mask: FeatureMask,
    /// Whether questions expand with learned terms.
    pub expansion: bool,
    /// Whether boosted trees follow the linear weights.
    pub trees: bool,
}

impl Default for Variant {
    fn default() -> Variant {
        Variant {
            mask: answer::ALL_FEATURES,
            expansion: true,
            trees: true,
        }
    }
}

/// Train the question model on `questions` (every policy of them): intent and expansion
/// first, then the ranking weights on the candidates the expanded first stage finds.
pub fn train(
    index: &PolicyIndex,
    ds: &Dataset,
    questions: &[&Question],
    variant: Variant,
    trained_on: &str,
) -> Result<QuestionModel> {
    let labelled = labelled(ds, questions);
    let df = |t: &str| index.term_share(t);
    let mut model = answer::fit_language(&labelled, &df, variant.expansion, trained_on);
    let first_stage = Ranking::FirstStage(Arc::new(model.clone()));
    let examples = ranking_examples(index, questions, &first_stage)?;
    answer::fit_ranking(
        &mut model,
        &labelled,
        &examples,
        &variant.mask,
        variant.trees,
    );
    Ok(model)
}

/// Share of questions with an answer among their first-stage candidates.
pub fn candidate_recall(examples: &[RankingExample]) -> f64 {
    let with = examples
        .iter()
        .filter(|e| e.relevant.iter().any(|&r| r))
        .count();
    with as f64 / examples.len().max(1) as f64
}

/// The policies of each of `k` folds: policies dealt round-robin in the order of a seeded
/// hash of their titles (the same split as the topic model's cross-validation).
pub fn folds(ds: &Dataset, k: usize) -> Vec<usize> {
    let titles: Vec<&str> = ds.titles.iter().map(String::as_str).collect();
    crate::analyze::classifier::policy_folds(&titles, k, 0)
}

/// Figures of one fold and of every fold together.
#[derive(Debug, Clone)]
pub struct CrossValidation {
    /// Each fold's figures.
    pub folds: Vec<Metrics>,
    /// Over every question (each scored by the model of its fold).
    pub pooled: Metrics,
    /// Share of held-out questions whose most probable intent is their labelled topic.
    pub intent_accuracy: Option<f64>,
}

impl CrossValidation {
    /// Mean and sample standard deviation over folds of one metric.
    pub fn spread(&self, metric: impl Fn(&Metrics) -> f64) -> (f64, f64) {
        let v: Vec<f64> = self.folds.iter().map(metric).collect();
        let n = v.len().max(1) as f64;
        let mean = v.iter().sum::<f64>() / n;
        let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
        (mean, var.sqrt())
    }
}

/// One ranking's figures in a [`Report`].
#[derive(Debug, Clone)]
pub struct RankingRow {
    /// The ranking's name (indented: a variant of the row above).
    pub ranking: String,
    /// Pooled over every question.
    pub metrics: Metrics,
    /// Mean and standard deviation over folds of Hit@5 (cross-validation only).
    pub hit5_folds: Option<[f64; 2]>,
    /// (see `hit5_folds`, for MRR@10)
    pub mrr10_folds: Option<[f64; 2]>,
    /// Held-out questions whose predicted intent is their labelled topic (cross-validation).
    pub intent_accuracy: Option<f64>,
}

impl RankingRow {
    /// A ranking measured in one pass.
    pub fn plain(ranking: &str, metrics: Metrics) -> RankingRow {
        RankingRow {
            ranking: ranking.to_owned(),
            metrics,
            hit5_folds: None,
            mrr10_folds: None,
            intent_accuracy: None,
        }
    }

    /// A ranking cross-validated.
    pub fn cv(ranking: &str, cv: &CrossValidation) -> RankingRow {
        let (h, hs) = cv.spread(|m| m.hit5);
        let (r, rs) = cv.spread(|m| m.mrr10);
        RankingRow {
            ranking: ranking.to_owned(),
            metrics: cv.pooled,
            hit5_folds: Some([h, hs]),
            mrr10_folds: Some([r, rs]),
            intent_accuracy: cv.intent_accuracy,
        }
    }
}

/// What `polsearch eval relevance` found: the file, and a row per ranking compared.
#[derive(Debug, Clone)]
pub struct Report {
    /// The PolicyQA-format file.
    pub file: String,
    /// Policies in it.
    pub policies: usize,
    /// Questions in it.
    pub questions: usize,
    /// The median clause length of its policies, in words.
    pub median_clause_words: usize,
    /// Cross-validation folds, if cross-validated.
    pub folds: Option<u16>,
    /// Share of questions with an answer among their BM25 candidates (what re-ranking can
    /// reach).
    pub candidate_recall: Option<f64>,
    /// A row per ranking.
    pub rows: Vec<RankingRow>,
    /// A caveat about the figures (a model evaluated on its own training data).
    pub note: Option<String>,
}

/// Cross-validate by policy: for each fold, train the question model with `variant` on the
/// other folds' questions and search the fold's questions with it (the path `polsearch
/// search` takes); with no variant, search them with BM25 (the same folds, for comparison).
pub fn cross_validate(
    index: &PolicyIndex,
    ds: &Dataset,
    k: usize,
    variant: Option<Variant>,
) -> Result<CrossValidation> {
    let fold_of = folds(ds, k);
    let mut folds_out = Vec::new();
    let mut pooled = Vec::new();
    let (mut intent_seen, mut intent_right) = (0usize, 0usize);
    for fold in 0..k {
        let (train_q, held): (Vec<&Question>, Vec<&Question>) =
            ds.questions.iter().partition(|q| fold_of[q.policy] != fold);
        let ranking = match variant {
            Some(variant) => {
                let model = train(index, ds, &train_q, variant, "cross-validation")?;
                for q in &held {
                    if let Some(t) = q.topic {
                        intent_seen += 1;
                        intent_right += usize::from(model.intent.intent(&q.text).topic() == t);
                    }
                }
                Ranking::Model(Arc::new(model))
            }
            None => Ranking::Bm25,
        };
        let r = ranks(index, &held, &ranking)?;
        folds_out.push(Metrics::of(&r));
        pooled.extend(r);
    }
    Ok(CrossValidation {
        folds: folds_out,
        pooled: Metrics::of(&pooled),
        intent_accuracy: variant.map(|_| intent_right as f64 / intent_seen.max(1) as f64),
    })
}

/// The median clause length in words over the dataset's policies, as polsearch cuts them.
pub fn median_clause_words(corpus: &Path, ds: &Dataset) -> Result<usize> {
    let mut lengths = Vec::new();
    for p in 0..ds.texts.len() {
        let path: PathBuf = corpus.join(policy_name(p)).join("policy.txt");
        let raw = std::fs::read(&path).map_err(|e| Error::BadFile {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        // Cut, not tagged: only the clauses' lengths are wanted.
        let doc =
            crate::analyze::document::Document::read(&path, &raw, &crate::corpus::Hints::text())
                .map_err(|e| Error::BadFile {
                    path: path.clone(),
                    reason: e.to_string(),
                })?;
        lengths.extend(
            doc.clauses
                .iter()
                .map(|c| c.clause.text.split_whitespace().count()),
        );
    }
    lengths.sort_unstable();
    Ok(lengths.get(lengths.len() / 2).copied().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_from_ranks() {
        let m = Metrics::of(&[Some(1), Some(3), Some(7), None]);
        assert_eq!(m.hit1, 0.25);
        assert_eq!(m.hit5, 0.5);
        assert_eq!(m.hit10, 0.75);
        assert!((m.mrr10 - (1.0 + 1.0 / 3.0 + 1.0 / 7.0) / 4.0).abs() < 1e-12);
    }

    #[test]
    fn answers_become_byte_ranges_of_the_written_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("qa.json");
        let json = r#"{"version": "1", "data": [{"title": "x.com", "paragraphs": [
            {"context": "Café policy", "qas": []},
            {"context": "We keep café logs for 12 months.", "qas": [{"question": "How long?",
              "type": "Data Retention|||Retention Period|||Stated Period", "id": "q1",
              "answers": [{"text": "12 months", "answer_start": 22}]}]}]}]}"#;
        std::fs::write(&path, json).unwrap();
        let ds = load(&path).unwrap();
        let q = &ds.questions[0];
        assert_eq!(q.answers[0].of(&ds.texts[0]), Some("12 months"));
        assert_eq!(q.topic, Some(Topic::DataRetention));
        std::fs::write(&path, r#"{"data": []}"#).unwrap();
        assert!(load(&path).is_err());
    }
}
