//! Top-k ranking and hit counting that let tantivy skip what cannot make the page.
//!
//! A page of ten hits should not cost a visit to every matching clause. Tantivy can skip whole
//! blocks of postings (block-max WAND) when it knows the score a clause must beat; this module
//! feeds it that threshold while applying polsearch's two ranking rules that tantivy's own
//! `TopDocs` cannot express without giving up the skipping:
//!
//! - heading clauses (and table header rows) weigh [`HEADING_WEIGHT`] of their BM25 score (a factor below 1, so a raw
//!   score under the threshold can never rank after weighting either);
//! - equal scores are ordered by the clause's tie key (a hash of path and offset), so every
//!   build of the same corpus ranks alike, whatever segment a clause landed in.
//!
//! For a query that is a flat union of terms (plain words, the common case), block-max WAND
//! adds the terms' scores in whatever order its cursors happen to be in, and float addition is
//! not associative: two identical clauses could differ in the last bit and break the tie rule.
//! Candidates that pass the threshold are therefore re-scored by adding the same terms in query
//! order ([`Leaf`]), which costs a skip-list seek per term for the few clauses that get that far
//! (only for three terms or more: two addends sum alike in either order).
//!
//! A query that is one phrase is pruned with the union of its terms, whose score bounds the
//! phrase's from above, and only the clauses that get past the threshold are scored as a
//! phrase ([`Shape::Phrase`]). Segments are ranked in parallel, each on its own, and pruning
//! keeps a margin below the page's worst score for tantivy's inexact block maxima
//! (`prune_below`).
//!
//! Counting every match is what made common words slow, so a count can stop at a cap and fall
//! back to a lower bound ([`crate::search::count`]).

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use rayon::prelude::*;

use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Occur, PhraseQuery, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, Score, Searcher, Term};

use crate::error::Result;
use crate::index::schema;

/// Score factor of heading clauses: a two-word heading matches a query word as strongly as
/// any clause, but users look for what the policy says, not its headings.
pub const HEADING_WEIGHT: f32 = 0.5;

/// One term of a flat union query with its boost, in query order.
#[derive(Debug, Clone)]
pub struct Leaf {
    /// The term.
    pub term: Term,
    /// What a match of it weighs.
    pub boost: Score,
}

/// A ranked clause: its final score (heading weight applied) and tie key.
#[derive(Debug, Clone, Copy)]
pub struct Ranked {
    /// The score.
    pub score: Score,
    /// Orders equal scores ([`crate::index::schema::RankKey::tie`]).
    pub tie: u64,
    /// The clause document.
    pub addr: DocAddress,
    /// Of `score`, what a question's expansion terms added (set by the searcher; 0 here).
    pub expansion: Score,
    /// Share of the query's leaves that match (0 unless re-scored by leaves).
    pub coverage: f32,
}

impl Ranked {
    /// Greater is better: higher score, then lower tie key.
    fn better(&self, other: &Ranked) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then(other.tie.cmp(&self.tie))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.better(other) == Ordering::Equal
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.better(other)
    }
}

/// What [`top_k`] knows of a query's shape.
#[derive(Debug, Clone, Copy)]
pub enum Shape<'a> {
    /// Anything else: ranked by tantivy's own scores, pruned by the threshold only.
    Other,
    /// The query is [`union_query`] of these leaves.
    Words(&'a [Leaf]),
    /// The query is [`union_query`] of these leaves as a `MUST` clause with filters that
    /// score nothing: ranked as tantivy scores it, and candidates re-scored in query order,
    /// so that equal clauses score alike whatever order tantivy's cursors added their terms.
    Filtered(&'a [Leaf]),
    /// The query is a phrase (on clause text and, boosted, on the section heading) whose
    /// terms, as [`union_query`] of `bound`, score at least as high in every clause: BM25 of
    /// a phrase is the sum of its terms' idf times a term-frequency factor that grows with
    /// the frequency, and a phrase occurs no more often than any of its terms. The union is
    /// what tantivy prunes with block-max WAND; the phrase query scores the clauses that get
    /// past the threshold.
    Phrase {
        /// The phrase's terms as leaves.
        bound: &'a [Leaf],
    },
}

/// A word's leaves as polsearch searches it: its term on the clause text, and with
/// `section_boost` on the section heading.
pub fn word_leaves(text: Field, section: Field, term: &str, section_boost: Score) -> [Leaf; 2] {
    [
        Leaf {
            term: Term::from_field_text(text, term),
            boost: 1.0,
        },
        Leaf {
            term: Term::from_field_text(section, term),
            boost: section_boost,
        },
    ]
}

/// The flat union of term queries polsearch builds for plain words: each leaf a `SHOULD`
/// term query, boosted unless its boost is 1.
pub fn union_query(leaves: &[Leaf]) -> BooleanQuery {
    let clauses = leaves
        .iter()
        .map(|leaf| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                leaf.term.clone(),
                IndexRecordOption::WithFreqs,
            ));
            let q = if leaf.boost == 1.0 {
                q
            } else {
                Box::new(BoostQuery::new(q, leaf.boost))
            };
            (Occur::Should, q)
        })
        .collect();
    BooleanQuery::new(clauses)
}

/// A phrase as polsearch searches it: on the clause text, and with `section_boost` on the
/// section heading (what tantivy's parser builds for a quoted phrase over both fields).
pub fn phrase_query<S: AsRef<str>>(
    text: Field,
    section: Field,
    words: &[S],
    section_boost: Score,
) -> BooleanQuery {
    let on = |field| -> Box<dyn Query> {
        let terms = words
            .iter()
            .map(|w| Term::from_field_text(field, w.as_ref()))
            .collect();
        Box::new(PhraseQuery::new(terms))
    };
    BooleanQuery::new(vec![
        (Occur::Should, on(text)),
        (
            Occur::Should,
            Box::new(BoostQuery::new(on(section), section_boost)),
        ),
    ])
}

/// How a segment's candidates get their final score.
enum Rescore {
    /// The score tantivy computed.
    AsGiven,
    /// The leaves' scores summed in query order.
    Leaves(Vec<Box<dyn Scorer>>),
    /// The exact query's scorer, for candidates found with an upper bound (it may not match).
    Exact(Box<dyn Scorer>),
}

/// The best `k` clauses matching `query`, best first. `shape` must describe `query` (see
/// [`Shape`]).
pub fn top_k(
    searcher: &Searcher,
    query: &dyn Query,
    shape: Shape,
    k: usize,
    filter: Option<&crate::search::docfilter::DocSets>,
) -> Result<Vec<Ranked>> {
    if k == 0 {
        return Ok(Vec::new());
    }
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    // What tantivy prunes with, and what scores the candidates.
    let (weight, exact) = match shape {
        Shape::Phrase { bound } => (
            union_query(bound).weight(scoring)?,
            Some(query.weight(scoring)?),
        ),
        _ => (query.weight(scoring)?, None),
    };
    // Two addends sum alike in either order; only three or more need re-scoring.
    let leaf_weights = match shape {
        Shape::Words(leaves) | Shape::Filtered(leaves) if leaves.len() > 2 => {
            Some(leaf_weights(scoring, leaves)?)
        }
        _ => None,
    };
    // The largest segment is ranked first, alone; its page's worst score is a floor that
    // every other segment prunes with from its first block (no clause under it can make the
    // page). The others are then ranked in parallel, each into a heap of its own. A threshold
    // shared while they run would prune harder, but what it skips would depend on which
    // segment raised it first (see [`prune_below`]), and results must not change from run to
    // run.
    let segments = searcher.segment_readers();
    let rank_segment = |ord: usize, floor: Score| -> Result<Vec<Ranked>> {
        let reader = &segments[ord];
        let keys = reader
            .fast_fields()
            .u64(schema::RANK_KEY)
            .ok()
            .map(|col| col.first_or_default_col(0));
        let alive = reader.alive_bitset();
        // Only documents of the filter's set (none of a segment it does not cover).
        let empty = tantivy::BitSet::with_max_value(0);
        let only = filter.map(|f| f.of_segment(reader).unwrap_or(&empty));
        let mut rescore = match (&leaf_weights, &exact) {
            (Some(ws), _) => Rescore::Leaves(
                ws.iter()
                    .map(|(w, boost)| Ok(w.scorer(reader, *boost)?))
                    .collect::<Result<_>>()?,
            ),
            (None, Some(exact)) => Rescore::Exact(exact.scorer(reader, 1.0)?),
            (None, None) => Rescore::AsGiven,
        };
        // The worst of this segment's best k on top.
        // (A page can ask for more than the segment holds.)
        let capacity = k.min(reader.num_docs() as usize).saturating_add(1);
        let mut heap: BinaryHeap<Reverse<Ranked>> = BinaryHeap::with_capacity(capacity);
        let mut threshold = floor;
        weight.for_each_pruning(threshold, reader, &mut |doc, score| {
            if alive.is_some_and(|a| a.is_deleted(doc))
                || only.is_some_and(|set| doc >= set.max_value() || !set.contains(doc))
            {
                return threshold;
            }
            let (score, coverage) = match &mut rescore {
                Rescore::AsGiven => (score, 0.0),
                Rescore::Leaves(scorers) => sum_in_order(scorers, doc),
                Rescore::Exact(scorer) => match score_at(scorer.as_mut(), doc) {
                    Some(score) => (score, 0.0),
                    None => return threshold,
                },
            };
            let key = schema::RankKey(keys.as_ref().map_or(0, |col| col.get_val(doc)));
            let weight = if key.lesser() { HEADING_WEIGHT } else { 1.0 };
            let candidate = Ranked {
                score: score * weight,
                tie: key.tie(),
                addr: DocAddress::new(ord as u32, doc),
                expansion: 0.0,
                coverage,
            };
            if heap.len() < k {
                heap.push(Reverse(candidate));
            } else if heap.peek().is_some_and(|worst| candidate > worst.0) {
                heap.pop();
                heap.push(Reverse(candidate));
            }
            if heap.len() == k {
                if let Some(worst) = heap.peek() {
                    threshold = threshold.max(prune_below(worst.0.score));
                }
            }
            threshold
        })?;
        Ok(heap.into_iter().map(|r| r.0).collect::<Vec<Ranked>>())
    };
    let Some(first) = (0..segments.len()).max_by_key(|&i| (segments[i].max_doc(), Reverse(i)))
    else {
        return Ok(Vec::new());
    };
    let first_part = rank_segment(first, Score::MIN)?;
    let floor = match first_part.iter().min() {
        Some(worst) if first_part.len() == k => prune_below(worst.score),
        _ => Score::MIN,
    };
    let mut parts = (0..segments.len())
        .into_par_iter()
        .filter(|&ord| ord != first)
        .map(|ord| rank_segment(ord, floor))
        .collect::<Result<Vec<_>>>()?;
    parts.push(first_part);
    let mut out: Vec<Ranked> = parts.into_iter().flatten().collect();
    out.sort_by(|a, b| b.cmp(a));
    out.truncate(k);
    Ok(out)
}

/// The threshold to hand tantivy for a page whose worst clause scores `worst`: tantivy passes
/// only clauses scoring strictly above it, and skips whole blocks of postings whose stored
/// maximum is not above it.
///
/// Those maxima are not exact. Per block of 128 postings tantivy stores the one (field
/// length, term frequency) pair that scored highest when the segment was written, with that
/// segment's average field length; queries score with the average over all segments, under
/// which another pair of the block can score a little higher. Policy corpora are full of
/// identical clauses, so the threshold often sits exactly at the score of a clause that
/// recurs in a later block, and pruning at the threshold itself skipped such clauses (seen on
/// the history corpus: 6 of 864 pages of 144 word queries differed from the full ranking).
/// Pruning [`BLOCK_MAX_MARGIN`] below the page's worst score made all 864 identical. The
/// provable bound (the ratio of a segment's average clause length to the overall one, up to
/// 1.5 on that index) cost twice the time; the margin is a measured compromise, not a proof.
fn prune_below(worst: Score) -> Score {
    if worst > 0.0 {
        worst / BLOCK_MAX_MARGIN
    } else {
        worst - f32::MIN_POSITIVE
    }
}

/// See [`prune_below`].
const BLOCK_MAX_MARGIN: f32 = 1.03;

/// The score of `doc` as the sum of the leaves' scores in query order, and the share of the
/// leaves that match it.
fn sum_in_order(scorers: &mut [Box<dyn Scorer>], doc: DocId) -> (Score, f32) {
    let (mut total, mut matched) = (0.0, 0u32);
    for s in scorers.iter_mut() {
        if let Some(score) = score_at(s.as_mut(), doc) {
            total += score;
            matched += 1;
        }
    }
    (total, matched as f32 / scorers.len().max(1) as f32)
}

/// A term query's weight and boost per leaf.
fn leaf_weights(scoring: EnableScoring, leaves: &[Leaf]) -> Result<Vec<(Box<dyn Weight>, Score)>> {
    leaves
        .iter()
        .map(|l| {
            let q = TermQuery::new(l.term.clone(), IndexRecordOption::WithFreqs);
            Ok((q.weight(scoring)?, l.boost))
        })
        .collect()
}

/// Visit `ranked` in segment and document order (what scorers need): `open` prepares a
/// segment's state when the visit enters it, `visit` gets the state, the document and the
/// position in `ranked`.
fn in_doc_order<S>(
    searcher: &Searcher,
    ranked: &[Ranked],
    mut open: impl FnMut(&tantivy::SegmentReader) -> Result<S>,
    mut visit: impl FnMut(&mut S, DocId, usize),
) -> Result<()> {
    let mut order: Vec<usize> = (0..ranked.len()).collect();
    order.sort_by_key(|&i| (ranked[i].addr.segment_ord, ranked[i].addr.doc_id));
    let mut state: Option<(u32, S)> = None;
    for i in order {
        let addr = ranked[i].addr;
        if state
            .as_ref()
            .is_none_or(|(ord, _)| *ord != addr.segment_ord)
        {
            state = Some((
                addr.segment_ord,
                open(searcher.segment_reader(addr.segment_ord))?,
            ));
        }
        if let Some((_, s)) = state.as_mut() {
            visit(s, addr.doc_id, i);
        }
    }
    Ok(())
}

/// The summed scores of `leaves` (each a term query with its boost, added in leaf order)
/// for each of `ranked`, heading-weighted as [`top_k`] weighs; 0 where none matches.
pub fn leaf_scores(searcher: &Searcher, leaves: &[Leaf], ranked: &[Ranked]) -> Result<Vec<Score>> {
    let mut out = vec![0.0; ranked.len()];
    if leaves.is_empty() {
        return Ok(out);
    }
    let weights = leaf_weights(EnableScoring::enabled_from_searcher(searcher), leaves)?;
    in_doc_order(
        searcher,
        ranked,
        |reader| {
            let scorers = weights
                .iter()
                .map(|(w, boost)| Ok(w.scorer(reader, *boost)?))
                .collect::<Result<Vec<_>>>()?;
            let keys = reader
                .fast_fields()
                .u64(schema::RANK_KEY)
                .ok()
                .map(|col| col.first_or_default_col(0));
            Ok((scorers, keys))
        },
        |(scorers, keys), doc, i| {
            let (sum, _) = sum_in_order(scorers, doc);
            let key = schema::RankKey(keys.as_ref().map_or(0, |c| c.get_val(doc)));
            out[i] = if key.lesser() {
                sum * HEADING_WEIGHT
            } else {
                sum
            };
        },
    )?;
    Ok(out)
}

/// Whether `query` matches each of `ranked`.
pub fn matching(searcher: &Searcher, query: &dyn Query, ranked: &[Ranked]) -> Result<Vec<bool>> {
    let mut out = vec![false; ranked.len()];
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    in_doc_order(
        searcher,
        ranked,
        |reader| Ok(weight.scorer(reader, 1.0)?),
        |scorer, doc, i| out[i] = score_at(scorer.as_mut(), doc).is_some(),
    )?;
    Ok(out)
}

/// `scorer`'s score of `doc`, if it matches; docs must come in ascending order.
fn score_at(scorer: &mut dyn Scorer, doc: DocId) -> Option<Score> {
    let mut at = scorer.doc();
    if at < doc {
        at = scorer.seek(doc);
    }
    (at == doc).then(|| scorer.score())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::count::{count, Total};
    use crate::search::selection::Selection;
    use crate::search::tally::Unit;
    use tantivy::collector::Count;
    use tantivy::{Index, IndexWriter, TantivyDocument};

    const WORDS: &[&str] = &[
        "data", "retain", "month", "share", "partner", "cookie", "delete", "account", "secure",
        "law", "child", "contact",
    ];

    /// An index of three segments (one with deletions) whose clauses draw words from a small
    /// vocabulary with a fixed-seed generator: 2-5 words in the first segment, 10-40 in the
    /// second, 2-40 in the third (so the segments' average lengths differ, as tantivy's block
    /// maxima care about); every seventh clause repeats an earlier one of its segment (ties),
    /// every fifth is a heading.
    fn index() -> (Index, schema::Fields) {
        let (schema, fields) = schema::build();
        let index = Index::create_in_ram(schema);
        schema::register(&index);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let mut texts: Vec<String> = Vec::new();
        const PER_SEGMENT: u64 = 1500;
        for i in 0..3 * PER_SEGMENT {
            let segment = i / PER_SEGMENT;
            if i % PER_SEGMENT == 0 {
                texts.clear();
            }
            let text = if i % 7 == 6 && !texts.is_empty() {
                texts[next(texts.len() as u64) as usize].clone()
            } else {
                let n = match segment {
                    0 => 1 + next(3),
                    1 => 20 + next(41),
                    _ => 1 + next(60),
                };
                (0..n)
                    .map(|_| WORDS[next(WORDS.len() as u64) as usize])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            texts.push(text.clone());
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.text, &text);
            doc.add_text(fields.section, WORDS[next(WORDS.len() as u64) as usize]);
            doc.add_text(fields.path, format!("f{}", i / 10));
            let heading = u64::from(i % 5 == 0) << 63;
            doc.add_u64(fields.rank_key, heading | next(1 << 20));
            // Clause documents stand for 1 to 3 occurrences.
            doc.add_u64(fields.weight, 1 + i % 3);
            writer.add_document(doc).unwrap();
            if i % PER_SEGMENT == PER_SEGMENT - 1 {
                writer.commit().unwrap();
            }
        }
        for f in [3, 41, 77] {
            writer.delete_term(Term::from_field_text(fields.path, &format!("f{f}")));
        }
        writer.commit().unwrap();
        (index, fields)
    }

    /// The flat union polsearch builds for plain words: each word's stem on text and section.
    fn union(fields: &schema::Fields, words: &[&str]) -> (BooleanQuery, Vec<Leaf>) {
        let stem = |w: &str| {
            let mut analyzer = schema::analyzer();
            let mut stream = analyzer.token_stream(w);
            assert!(stream.advance());
            stream.token().text.clone()
        };
        let leaves: Vec<Leaf> = words
            .iter()
            .flat_map(|w| word_leaves(fields.text, fields.section, &stem(w), 0.3))
            .collect();
        (union_query(&leaves), leaves)
    }

    #[test]
    fn pruned_pages_equal_the_head_of_the_full_ranking() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let mut queries: Vec<Vec<&str>> = WORDS.iter().map(|w| vec![*w]).collect();
        queries.push(vec!["retain", "months"]);
        queries.push(vec!["sharing", "partner", "cookies"]);
        for words in &queries {
            let (query, leaves) = union(&fields, words);
            let total = searcher.search(&query, &Count).unwrap();
            // A heap as large as the result set never raises the threshold: no pruning.
            let full = top_k(&searcher, &query, Shape::Words(&leaves), total + 1, None).unwrap();
            assert_eq!(full.len(), total, "{words:?}");
            assert!(full.windows(2).all(|w| w[0] >= w[1]), "{words:?}");
            assert!(
                full.windows(2).any(|w| w[0].score == w[1].score),
                "{words:?}: the corpus must hold ties"
            );
            // Segments are ranked in parallel and race to raise the threshold: repeat.
            for round in 0..5 {
                for k in [1, 2, 3, 5, 8, 13, 21, 34, 55, 89] {
                    let page = top_k(&searcher, &query, Shape::Words(&leaves), k, None).unwrap();
                    let want: Vec<DocAddress> = full.iter().take(k).map(|r| r.addr).collect();
                    let got: Vec<DocAddress> = page.iter().map(|r| r.addr).collect();
                    assert_eq!(got, want, "{words:?} k={k} round {round}");
                }
            }
            // A document filter (`--latest`): the pruned page is the head of the full
            // ranking of the documents in the filter's set.
            let (secure, _) = union(&fields, &["secure"]);
            let only = crate::search::docfilter::DocSets::of_query(&searcher, &secure).unwrap();
            let kept: Vec<DocAddress> = full
                .iter()
                .map(|r| r.addr)
                .filter(|a| {
                    let reader = searcher.segment_reader(a.segment_ord);
                    only.of_segment(reader).unwrap().contains(a.doc_id)
                })
                .collect();
            assert!(kept.len() > 3, "{words:?}");
            for k in [1, 3, 10, 40] {
                let page = top_k(&searcher, &query, Shape::Words(&leaves), k, Some(&only)).unwrap();
                let got: Vec<DocAddress> = page.iter().map(|r| r.addr).collect();
                let want: Vec<DocAddress> = kept.iter().take(k).copied().collect();
                assert_eq!(got, want, "{words:?} k={k} filtered");
            }
            // Without leaves (as for filters) the ranking is the same.
            let other = top_k(&searcher, &query, Shape::Other, 10, None).unwrap();
            for (a, b) in other.iter().zip(&full) {
                assert!((a.score - b.score).abs() <= 1e-5 * b.score, "{words:?}");
            }
        }
    }

    #[test]
    fn pruned_phrase_pages_equal_the_full_phrase_ranking() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        for words in [
            ["data", "retain"],
            ["share", "partner"],
            ["cookie", "cookie"],
        ] {
            // The phrase as polsearch builds it, and its terms as the bounding union.
            let (_, bound) = union(&fields, &words);
            let stems: Vec<String> = bound
                .iter()
                .step_by(2)
                .map(|l| l.term.value().as_str().unwrap().to_owned())
                .collect();
            let query = phrase_query(fields.text, fields.section, &stems, 0.3);
            let total = searcher.search(&query, &Count).unwrap();
            assert!(total > 20, "{words:?}: {total} matches");
            let full = top_k(&searcher, &query, Shape::Other, total + 1, None).unwrap();
            assert_eq!(full.len(), total);
            for k in [1, 3, 10, 20] {
                let page =
                    top_k(&searcher, &query, Shape::Phrase { bound: &bound }, k, None).unwrap();
                let want: Vec<DocAddress> = full.iter().take(k).map(|r| r.addr).collect();
                let got: Vec<DocAddress> = page.iter().map(|r| r.addr).collect();
                assert_eq!(got, want, "{words:?} k={k}");
                for (a, b) in page.iter().zip(&full) {
                    assert_eq!(a.score, b.score);
                }
            }
        }
    }

    #[test]
    fn heading_clauses_weigh_less() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        let (query, leaves) = union(&fields, &["cookie"]);
        let full = top_k(&searcher, &query, Shape::Words(&leaves), 10_000, None).unwrap();
        let weight = query
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let mut headings = 0;
        for r in &full {
            let reader = searcher.segment_reader(r.addr.segment_ord);
            let raw = weight.explain(reader, r.addr.doc_id).unwrap().value();
            let col = reader.fast_fields().u64(schema::RANK_KEY).unwrap();
            let heading = schema::RankKey(col.first(r.addr.doc_id).unwrap()).lesser();
            headings += usize::from(heading);
            let want = if heading { raw * HEADING_WEIGHT } else { raw };
            assert!((r.score - want).abs() <= 1e-5 * want, "{r:?} raw {raw}");
        }
        assert!(headings > 0, "{} hits", full.len());
    }

    #[test]
    fn counts_stop_at_the_cap_with_a_true_lower_bound() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        assert!(searcher
            .segment_readers()
            .iter()
            .any(|r| r.num_deleted_docs() > 0));
        for words in [&["data"][..], &["retain", "months"]] {
            let (query, leaves) = union(&fields, words);
            // Every live match's weight, added up.
            let weighed = |query: &dyn Query| -> (usize, usize) {
                let matches = searcher
                    .search(query, &tantivy::collector::DocSetCollector)
                    .unwrap();
                let sum = matches
                    .iter()
                    .map(|a| {
                        let reader = searcher.segment_reader(a.segment_ord);
                        let weight = reader.fast_fields().u64(schema::WEIGHT).unwrap();
                        weight.first(a.doc_id).unwrap() as usize
                    })
                    .sum();
                (sum, matches.len())
            };
            let (total, matched) = weighed(&query);
            assert!(total > matched);
            // The occurrences of the first word in clause texts alone: no more than the
            // capped count's bound below (the text leaf is the most frequent one here).
            let first_word = TermQuery::new(leaves[0].term.clone(), IndexRecordOption::Basic);
            let (first_word_total, _) = weighed(&first_word);
            let (w, unit) = (&Selection::default(), Unit::Occurrences);
            let exact = count(&searcher, &query, Some(&leaves), None, w, unit, None).unwrap();
            assert_eq!(
                exact,
                Total {
                    hits: total,
                    exact: true
                }
            );
            let above = count(
                &searcher,
                &query,
                Some(&leaves),
                Some(total + 1),
                w,
                unit,
                None,
            )
            .unwrap();
            assert_eq!(
                above,
                Total {
                    hits: total,
                    exact: true
                }
            );
            let capped = count(&searcher, &query, Some(&leaves), Some(20), w, unit, None).unwrap();
            assert!(!capped.exact);
            assert!(
                capped.hits >= first_word_total.max(20) && capped.hits <= total,
                "{capped:?} of {total}, {first_word_total} for the first word"
            );
            // Without leaves, what was counted when the cap was reached (the last document
            // may take it past by up to its weight less one).
            let single = count(&searcher, &query, None, Some(20), w, unit, None).unwrap();
            assert!(!single.exact);
            assert!((20..20 + 3).contains(&single.hits), "{single:?}");
        }
    }
}
