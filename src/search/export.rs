//! Every hit a search admits, without ranking or a limit: what an export writes
//! ([`PolicyIndex::export`]).
//!
//! The matching clause documents are found once (an address per document), put in the order
//! of their group, and turned into hits a group at a time by the same code as a search's
//! page, each group's hits in path and offset order: memory stays bounded by the largest
//! group (a folder's files, bounded by the indexer) whatever the size of the index.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::expand::{Marks, PageState};
use super::rank::Ranked;
use super::selection::Selection;
use super::{Hit, Matching, PolicyIndex, SearchRequest};
use crate::error::Result;
use crate::index::schema;

impl PolicyIndex {
    /// Every hit `req` admits (its query, filters and `occurrences`; not its ranking,
    /// `limit`, `offset` or facets), in index order: group by group (a company's folder),
    /// in each group by path and offset. One hit per distinct clause (its most recent
    /// occurrence, with how many files hold it), or with `occurrences` one per occurrence;
    /// `per_company` keeps each company's first hits in that order. Ranks count from 1; hits
    /// have no score.
    pub fn export(&self, req: &SearchRequest) -> Result<Export<'_>> {
        crate::index::integrity::guard_index(&self.dir, || self.export_unguarded(req, None))
    }

    /// [`PolicyIndex::export`]; with `need`, for a page that shows the first `need` hits: only
    /// the groups those hits can come from are put in order at first ([`sort_front`]), the
    /// rest when the page reads past them.
    pub(super) fn export_unguarded(
        &self,
        req: &SearchRequest,
        need: Option<usize>,
    ) -> Result<Export<'_>> {
        let matching = self.matching(req)?;
        let terms = self.highlight_terms(matching.text_query.as_ref());
        let query = matching.query(None);
        let Matching {
            notes, selection, ..
        } = matching;
        let searcher = self.searcher();
        let matched = searcher.search(query.as_ref(), &Addresses)?;
        let columns = self.segment_columns(&searcher)?;
        let readers = searcher.segment_readers();
        let mut order: Vec<(u64, DocAddress)> = matched
            .into_iter()
            .filter(|addr| match &selection.docs {
                Some(docs) => docs
                    .of_segment(&readers[addr.segment_ord as usize])
                    .is_some_and(|set| set.contains(addr.doc_id)),
                None => true,
            })
            .filter_map(|addr| {
                // The file of the document's first occurrence (group, then file: occurrences
                // are kept in file order); group documents have none and are left out.
                let first = columns
                    .get(addr.segment_ord as usize)?
                    .occ_keys
                    .first(addr.doc_id)?
                    & schema::FILE_MASK;
                Some((first, addr))
            })
            .collect();
        let sorted = match need {
            Some(need) => sort_front(&mut order, need),
            None => {
                order.sort_unstable();
                order.len()
            }
        };
        let mut req = req.clone();
        req.offset = 0;
        req.limit = usize::MAX;
        // The cap per company is applied to each group's hits once they are in path and
        // offset order ([`Export::fill`]): a page caps in the order it is given documents.
        let per_company = req.per_company.take();
        Ok(Export {
            index: self,
            searcher,
            order,
            sorted,
            next: 0,
            req,
            selection,
            terms,
            state: PageState::default(),
            per_company,
            company_hits: HashMap::new(),
            ready: Vec::new().into_iter(),
            emitted: 0,
            notes,
        })
    }
}

/// Puts first, in order, the documents of the groups that hold the `need` smallest keys (a
/// group's documents are never split: a page orders a group's hits by path and offset), and
/// returns how many they are. Every key after them is larger, so sorting the rest later
/// gives the order of sorting all at once. A page of ten hits on 1.6 M matching documents
/// sorts a few hundred instead of all of them.
fn sort_front(order: &mut [(u64, DocAddress)], need: usize) -> usize {
    if need == 0 {
        return 0;
    }
    if need >= order.len() {
        order.sort_unstable();
        return order.len();
    }
    order.select_nth_unstable(need - 1);
    // The first key of the group after the one the `need`th document is in.
    let limit = schema::file_id(schema::file_group(order[need - 1].0) + 1, 0);
    let mut front = need;
    for i in need..order.len() {
        if order[i].0 < limit {
            order.swap(i, front);
            front += 1;
        }
    }
    order[..front].sort_unstable();
    front
}

/// The address of every matching document, in index order (tantivy's `DocSetCollector`
/// without its hash set: an export sorts them anyway).
struct Addresses;

impl Collector for Addresses {
    type Fruit = Vec<DocAddress>;
    type Child = SegmentAddresses;

    fn for_segment(&self, ord: SegmentOrdinal, _: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(SegmentAddresses(ord, Vec::new()))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<DocAddress>>) -> tantivy::Result<Vec<DocAddress>> {
        Ok(fruits.concat())
    }
}

struct SegmentAddresses(SegmentOrdinal, Vec<DocAddress>);

impl SegmentCollector for SegmentAddresses {
    type Fruit = Vec<DocAddress>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.1.push(DocAddress::new(self.0, doc));
    }

    fn harvest(self) -> Vec<DocAddress> {
        self.1
    }
}

/// The hits of an export, in order ([`PolicyIndex::export`]); a read error ends it.
pub struct Export<'a> {
    index: &'a PolicyIndex,
    searcher: Searcher,
    /// The matching clause documents with the file id of their first occurrence, sorted up
    /// to `sorted`; the rest, all after them in that order, are sorted when first reached.
    order: Vec<(u64, DocAddress)>,
    sorted: usize,
    next: usize,
    req: SearchRequest,
    selection: Selection,
    terms: Marks,
    state: PageState,
    /// At most this many hits per company, the first in document order.
    per_company: Option<usize>,
    company_hits: HashMap<String, usize>,
    ready: std::vec::IntoIter<Hit>,
    emitted: usize,
    notes: Vec<String>,
}

impl Export<'_> {
    /// Notes for the user about the query (syntax read as words, a stale index).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// How many clause documents match (an upper bound on distinct clauses, a lower bound on
    /// occurrences): what a progress bar can count.
    pub fn documents(&self) -> usize {
        self.order.len()
    }

    /// How many clause documents have been read so far.
    pub fn documents_read(&self) -> usize {
        self.next
    }

    fn fill(&mut self) -> Result<()> {
        while self.ready.len() == 0 && self.next < self.order.len() {
            if self.next == self.sorted {
                self.order[self.sorted..].sort_unstable();
                self.sorted = self.order.len();
            }
            // One group's documents.
            let group = schema::file_group(self.order[self.next].0);
            let end = self.order[self.next..]
                .iter()
                .position(|&(file, _)| schema::file_group(file) != group)
                .map_or(self.order.len(), |n| self.next + n);
            let chunk: Vec<Ranked> = self.order[self.next..end]
                .iter()
                .map(|&(_, addr)| Ranked {
                    score: 0.0,
                    tie: 0,
                    addr,
                    expansion: 0.0,
                    coverage: 0.0,
                })
                .collect();
            self.next = end;
            let index = self.index;
            let mut hits = crate::index::integrity::guard_index(&index.dir, || {
                index.page(
                    &self.searcher,
                    &chunk,
                    &self.req,
                    &self.selection,
                    &self.terms,
                    &mut self.state,
                )
            })?;
            hits.sort_by(|a, b| (&a.path, a.span.start).cmp(&(&b.path, b.span.start)));
            if let Some(cap) = self.per_company {
                hits.retain(|hit| {
                    let n = self.company_hits.entry(hit.company.clone()).or_default();
                    *n += 1;
                    *n <= cap
                });
            }
            self.ready = hits.into_iter();
        }
        Ok(())
    }
}

impl Iterator for Export<'_> {
    type Item = Result<Hit>;

    fn next(&mut self) -> Option<Result<Hit>> {
        if let Err(e) = self.fill() {
            // An error ends the export.
            self.next = self.order.len();
            return Some(Err(e));
        }
        let mut hit = self.ready.next()?;
        self.emitted += 1;
        hit.rank = self.emitted;
        hit.score = None;
        hit.candidate = None;
        Some(Ok(hit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Sorting the front, then the rest, is sorting all: the front holds every document
        /// of its groups and at least `need` documents (all when fewer), the rest only larger
        /// keys.
        #[test]
        fn the_front_then_the_rest_is_the_whole_order(
            keys in proptest::collection::vec((0..6u64, 0..40u64), 0..200),
            need in 0..220usize,
        ) {
            let mut order: Vec<(u64, DocAddress)> = keys
                .iter()
                .enumerate()
                .map(|(i, &(group, file))| ((group << 20) | file, DocAddress::new(0, i as u32)))
                .collect();
            let mut all = order.clone();
            all.sort_unstable();
            let front = sort_front(&mut order, need);
            proptest::prop_assert!(front >= need.min(order.len()));
            if front > 0 && front < order.len() {
                let last_group = order[front - 1].0 >> 20;
                proptest::prop_assert!(order[front..].iter().all(|(k, _)| k >> 20 > last_group));
            }
            proptest::prop_assert!(order[..front].windows(2).all(|w| w[0] <= w[1]));
            order[front..].sort_unstable();
            proptest::prop_assert_eq!(order, all);
        }
    }
}
