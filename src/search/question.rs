//! Questions: the candidates a question is ranked among (its best clauses by its words, scored
//! with its learned expansion terms too, and a few found by the expansion terms alone) and
//! their re-ordering by the question model ([`super::answer`]).

use std::collections::HashSet;

use tantivy::query::Query;
use tantivy::{Searcher, Term};

use super::answer::{self, QuestionModel};
use super::rank;
use super::selection::Selection;
use super::{PolicyIndex, SegmentColumns};
use crate::error::Result;
use crate::index::schema;

/// What a search knows of the question it answers.
pub(super) struct Question<'a> {
    /// The model that re-orders its candidates (none: BM25 order, expanded).
    pub model: Option<&'a QuestionModel>,
    /// What it asks about.
    pub intent: Option<&'a answer::Intent>,
    /// Its expansion terms, as leaves on the clause text.
    pub expansion: &'a [rank::Leaf],
    /// The expansion terms alone under the search's filters, when there are any.
    pub expansion_query: Option<&'a dyn Query>,
    /// Whether the search has filters (its query is an intersection).
    pub filtered: bool,
}

impl PolicyIndex {
    /// Turn the first stage's ranking of a question (`ranked`, best first) into its candidates
    /// in final order: its best RERANK_DEPTH by its words whatever the page size (so a short
    /// page is the head of the whole ranking), scored with its expansion terms too, and the
    /// best EXPANSION_DEPTH by the expansion terms alone that are not among them, re-ordered
    /// by the model; the rest follow in BM25 order. Returns how many candidates do not match
    /// the question's words (they count as matches too).
    pub(super) fn answer_candidates(
        &self,
        searcher: &Searcher,
        ranked: &mut Vec<rank::Ranked>,
        ask: &Question,
        query: &dyn Query,
        weights: &Selection,
    ) -> Result<usize> {
        let mut unmatched = 0;
        let tail = ranked.split_off(answer::RERANK_DEPTH.min(ranked.len()));
        let mut added: HashSet<tantivy::DocAddress> = HashSet::new();
        if let Some(expansion_query) = ask.expansion_query {
            let extra = rank::leaf_scores(searcher, ask.expansion, ranked)?;
            for (r, e) in ranked.iter_mut().zip(extra) {
                r.score += e;
                r.expansion = e;
            }
            let shape = if ask.filtered {
                rank::Shape::Filtered(ask.expansion)
            } else {
                rank::Shape::Words(ask.expansion)
            };
            let seen: HashSet<tantivy::DocAddress> = ranked.iter().map(|r| r.addr).collect();
            let more: Vec<rank::Ranked> = rank::top_k(
                searcher,
                expansion_query,
                shape,
                answer::EXPANSION_DEPTH,
                weights.docs.as_ref(),
            )?
            .into_iter()
            .filter(|r| !seen.contains(&r.addr))
            // Scored by expansion terms alone: none of the question's words.
            .map(|r| rank::Ranked {
                expansion: r.score,
                coverage: 0.0,
                ..r
            })
            .collect();
            let matching = rank::matching(searcher, query, &more)?;
            unmatched = matching.iter().filter(|m| !**m).count();
            added = more.iter().map(|r| r.addr).collect();
            ranked.extend(more);
        }
        if let (Some(model), Some(intent)) = (ask.model, ask.intent) {
            self.rerank(searcher, model, intent, ranked)?;
        }
        ranked.extend(tail.into_iter().filter(|r| !added.contains(&r.addr)));
        Ok(unmatched)
    }

    /// A question's expansion terms as leaves on the clause text.
    pub(super) fn expansion_leaves(
        &self,
        model: &QuestionModel,
        question: &str,
        intent: &answer::Intent,
    ) -> Vec<rank::Leaf> {
        model
            .expansion
            .expand(question, intent)
            .iter()
            .map(|(t, boost)| rank::Leaf {
                term: Term::from_field_text(self.fields.text, t),
                boost: *boost,
            })
            .collect()
    }

    /// The share of clause documents whose text holds `term` (an index term).
    pub fn term_share(&self, term: &str) -> f64 {
        let searcher = self.searcher();
        let t = Term::from_field_text(self.fields.text, term);
        let docs = searcher.doc_freq(&t).unwrap_or(0);
        let all = searcher.num_docs().max(1);
        docs as f64 / all as f64
    }

    /// Re-order BM25 candidates (best first) by a question model: scores become the model's.
    fn rerank(
        &self,
        searcher: &Searcher,
        model: &QuestionModel,
        intent: &answer::Intent,
        ranked: &mut [rank::Ranked],
    ) -> Result<()> {
        let columns = self.segment_columns(searcher)?;
        let candidates: Vec<answer::Candidate> =
            ranked.iter().map(|r| candidate_of(columns, r)).collect();
        let scores = model.scores(intent, &candidates);
        for (r, s) in ranked.iter_mut().zip(scores) {
            r.score = s;
        }
        ranked.sort_by(|a, b| b.cmp(a));
        Ok(())
    }
}

/// What question ranking reads of a ranked clause document.
pub(super) fn candidate_of(columns: &[SegmentColumns], r: &rank::Ranked) -> answer::Candidate {
    let c = columns.get(r.addr.segment_ord as usize);
    let read = |col: Option<&tantivy::columnar::Column<u64>>| {
        col.and_then(|col| col.first(r.addr.doc_id)).unwrap_or(0)
    };
    answer::Candidate {
        score: r.score,
        expansion: r.expansion,
        coverage: r.coverage,
        key: schema::RankKey(read(c.map(|c| &c.rank_key))),
        signals: schema::Signals(read(c.map(|c| &c.signals))),
        topic_scores: read(c.map(|c| &c.topic_scores)),
        file: read(c.map(|c| &c.occ_keys)) & schema::FILE_MASK,
    }
}
