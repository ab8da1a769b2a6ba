//! The signals a question's candidates are ranked by ([`FEATURES`]), computed from the intent
//! and each candidate's columns.

use crate::analyze::topic::Topic;
use crate::index::schema::{RankKey, Signals};

use super::intent::Intent;
use super::TOPICS;

/// The ranking features, in order (names as the model file and the ablation table print
/// them).
pub const FEATURES: [&str; 35] = [
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
    "context_bm25",
    "context_clauses",
    "context_topic_agreement",
    "context_coverage",
    "best_of_paragraph",
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
    /// The file of its first occurrence ([`crate::index::schema::file_id`]): with the line,
    /// which candidates are its neighbours.
    pub file: u64,
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
    let mut rows: Vec<[f32; N_FEATURES]> = candidates
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
        .collect();
    // Its paragraph: the other candidates of its file within a line of it (a paragraph's
    // clauses share its lines; the next paragraph is a blank line away).
    let base = rows.clone();
    let mut by_line: std::collections::HashMap<(u64, u32), Vec<usize>> =
        std::collections::HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        by_line
            .entry((c.file, c.signals.line()))
            .or_default()
            .push(i);
    }
    for (i, c) in candidates.iter().enumerate() {
        let mut n = 0usize;
        let (mut score, mut agreement, mut coverage) = (0.0f32, 0.0f32, 0.0f32);
        let line = c.signals.line();
        for l in [line.wrapping_sub(1), line, line + 1] {
            for &j in by_line.get(&(c.file, l)).map_or(&[][..], Vec::as_slice) {
                if j != i {
                    n += 1;
                    score = score.max(base[j][0]);
                    agreement = agreement.max(base[j][26]);
                    coverage = coverage.max(base[j][29]);
                }
            }
        }
        let f = &mut rows[i];
        f[30] = score;
        f[31] = (1.0 + n as f32).ln() / 8f32.ln();
        f[32] = agreement;
        f[33] = coverage;
        f[34] = if f[0] >= score { 1.0 } else { 0.0 };
    }
    rows
}
