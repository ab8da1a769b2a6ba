//! How many clauses match a query: counted up to a cap without scoring, in any count unit,
//! with a true lower bound past the cap for a flat union of words.

use rayon::prelude::*;
use tantivy::query::{EnableScoring, Query};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher, TERMINATED};

use super::rank::Leaf;
use super::selection::{SegmentSelection, Selection};
use super::tally::Unit;
use crate::error::Result;

/// How many clauses match, exactly or as a lower bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    /// Matching clauses (a lower bound when not `exact`).
    pub hits: usize,
    /// False when counting stopped at the cap: `hits` is then a lower bound.
    pub exact: bool,
}

/// Count the matches of `query` in `unit` (over the occurrences `selection` admits),
/// stopping once `cap` are counted (None: count all; documents and companies are always
/// counted in full). `shared`, when known, holds the documents whose clause another
/// document holds too: only their clause ids need a set.
///
/// Past the cap, a flat union of terms (`leaves`) still gets a useful lower bound for free:
/// in every segment the union holds at least as many live clause documents as its most
/// frequent term, less the segment's deleted documents, and each stands for one clause or
/// more.
pub fn count(
    searcher: &Searcher,
    query: &dyn Query,
    leaves: Option<&[Leaf]>,
    cap: Option<usize>,
    selection: &Selection,
    unit: Unit,
    shared: Option<&crate::search::docfilter::DocSets>,
) -> Result<Total> {
    let cap = match (cap, unit) {
        (Some(cap), Unit::Occurrences | Unit::Clauses) => cap,
        _ => {
            let (hits, _) =
                crate::search::tally::tally(searcher, query, &[], selection, unit, shared)?;
            return Ok(Total { hits, exact: true });
        }
    };
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut hits = 0;
    // Distinct clauses: a clause in several groups (a folder too big for one) counts once.
    let mut seen: crate::search::selection::FileSet =
        crate::search::selection::FileSet::with_capacity_and_hasher(
            if unit == Unit::Occurrences {
                0
            } else {
                cap.min(1 << 14)
            },
            Default::default(),
        );
    for reader in searcher.segment_readers() {
        let alive = reader.alive_bitset();
        // Documents whose clause no other document holds count without a look-up; without a
        // condition on occurrences, of those that do, all but one count nothing.
        let repeats = shared
            .filter(|_| selection.is_all() && selection.docs.is_none())
            .and_then(|s| s.repeats_of_segment(reader));
        let shared = shared.and_then(|s| s.of_segment(reader));
        let presence = unit != Unit::Occurrences;
        let selected = SegmentSelection::open(reader, selection, false, presence)?;
        let ids = match unit {
            Unit::Occurrences => None,
            _ => Some(reader.fast_fields().u64(crate::index::schema::CLAUSE_ID)?),
        };
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                let n = selected.of(doc, None) as usize;
                hits += match unit {
                    Unit::Occurrences => n,
                    _ if n == 0 => 0,
                    _ if repeats.is_some() => usize::from(
                        repeats.is_some_and(|r| doc >= r.max_value() || !r.contains(doc)),
                    ),
                    _ if shared.is_some_and(|s| doc < s.max_value() && !s.contains(doc)) => 1,
                    _ => ids
                        .as_ref()
                        .and_then(|ids| ids.first(doc))
                        .map_or(0, |id| usize::from(seen.insert(id))),
                };
                if hits >= cap {
                    // The bound counts occurrences.
                    let bound = match (leaves, unit) {
                        (Some(leaves), Unit::Occurrences) => union_lower_bound(searcher, leaves)?,
                        _ => 0,
                    };
                    return Ok(Total {
                        hits: hits.max(bound),
                        exact: false,
                    });
                }
            }
            doc = scorer.advance();
        }
    }
    Ok(Total { hits, exact: true })
}

/// Σ over segments of the occurrences of the most frequent leaf's live clause documents
/// (every one of them matches the union): one term's postings read with their weights.
pub(super) fn union_lower_bound(searcher: &Searcher, leaves: &[Leaf]) -> Result<usize> {
    let per_segment = |reader: &tantivy::SegmentReader| -> Result<usize> {
        let mut most: Option<(u32, &Leaf)> = None;
        for leaf in leaves {
            let inverted = reader.inverted_index(leaf.term.field())?;
            let freq = inverted
                .doc_freq(&leaf.term)
                .map_err(tantivy::TantivyError::from)?;
            if most.is_none_or(|(m, _)| freq > m) {
                most = Some((freq, leaf));
            }
        }
        let Some((_, leaf)) = most else {
            return Ok(0);
        };
        let inverted = reader.inverted_index(leaf.term.field())?;
        let postings = inverted
            .read_postings(&leaf.term, IndexRecordOption::Basic)
            .map_err(tantivy::TantivyError::from)?;
        let Some(mut postings) = postings else {
            return Ok(0);
        };
        let all = Selection::default();
        let weights = SegmentSelection::open(reader, &all, false, false)?;
        let alive = reader.alive_bitset();
        let mut sum = 0usize;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                sum += weights.of(doc, None) as usize;
            }
            doc = postings.advance();
        }
        Ok(sum)
    };
    searcher
        .segment_readers()
        .par_iter()
        .map(per_segment)
        .sum::<Result<usize>>()
}
