//! Sets of documents computed once per open index, per segment.
//!
//! A search process opens one generation and never moves (see [`crate::search`]), so a set
//! that depends only on the index can be computed at first use and answered afterwards by a
//! bit test: the clause documents in the latest version of each policy (`--latest`), and the
//! clause documents whose clause is also in another document (a folder too big for one group),
//! the only ones distinct-clause counts must look up in a set.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Query};
use tantivy::{BitSet, DocId, DocSet, Searcher, SegmentReader, TERMINATED};

/// One bit set of documents per segment.
#[derive(Clone, Default)]
pub struct DocSets {
    sets: Arc<HashMap<SegmentId, BitSet>>,
    /// For [`DocSets::of_repeated_values`]: the documents whose value an earlier document
    /// (in segment and document order) has: all of the set but one document per value.
    repeats: Arc<HashMap<SegmentId, BitSet>>,
}

impl std::fmt::Debug for DocSets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let docs: usize = self.sets.values().map(BitSet::len).sum();
        write!(f, "DocSets({docs} documents)")
    }
}

impl DocSets {
    /// The live documents `query` matches, in every segment.
    pub fn of_query(searcher: &Searcher, query: &dyn Query) -> tantivy::Result<DocSets> {
        let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
        let mut sets = HashMap::new();
        for reader in searcher.segment_readers() {
            let mut set = BitSet::with_max_value(reader.max_doc());
            let alive = reader.alive_bitset();
            let mut scorer = weight.scorer(reader, 1.0)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    set.insert(doc);
                }
                doc = scorer.advance();
            }
            sets.insert(reader.segment_id(), set);
        }
        Ok(DocSets::from_sets(sets))
    }

    /// The live documents whose value in the single-valued u64 column `field` is also the
    /// value of another live document (documents without a value are left out).
    pub fn of_repeated_values(searcher: &Searcher, field: &str) -> tantivy::Result<DocSets> {
        let mut values: Vec<Vec<Option<u64>>> = Vec::new();
        for reader in searcher.segment_readers() {
            let column = reader.fast_fields().u64(field)?;
            let docs: Vec<DocId> = (0..reader.max_doc())
                .filter(|&d| reader.alive_bitset().is_none_or(|a| a.is_alive(d)))
                .collect();
            let mut out = vec![None; reader.max_doc() as usize];
            let mut got = vec![None; docs.len()];
            column.first_vals(&docs, &mut got);
            for (&d, v) in docs.iter().zip(got) {
                out[d as usize] = v;
            }
            values.push(out);
        }
        // The repeated values, sorted (a sort of every value: a hash map of a million clause
        // ids cost several times more).
        let mut all: Vec<u64> = values.iter().flatten().flatten().copied().collect();
        all.sort_unstable();
        let mut repeated: Vec<u64> = all
            .windows(2)
            .filter(|w| w[0] == w[1])
            .map(|w| w[0])
            .collect();
        drop(all);
        repeated.dedup();
        let mut met = vec![false; repeated.len()];
        let mut sets = HashMap::new();
        let mut repeats = HashMap::new();
        for (reader, values) in searcher.segment_readers().iter().zip(values) {
            let mut set = BitSet::with_max_value(reader.max_doc());
            let mut repeat = BitSet::with_max_value(reader.max_doc());
            for (d, v) in values.into_iter().enumerate() {
                let Some(i) = v.and_then(|v| repeated.binary_search(&v).ok()) else {
                    continue;
                };
                set.insert(d as DocId);
                if std::mem::replace(&mut met[i], true) {
                    repeat.insert(d as DocId);
                }
            }
            sets.insert(reader.segment_id(), set);
            repeats.insert(reader.segment_id(), repeat);
        }
        Ok(DocSets {
            sets: Arc::new(sets),
            repeats: Arc::new(repeats),
        })
    }

    /// One set per segment.
    pub fn from_sets(sets: HashMap<SegmentId, BitSet>) -> DocSets {
        DocSets {
            sets: Arc::new(sets),
            repeats: Arc::default(),
        }
    }

    /// The set of one segment (none for a segment it was not computed on).
    pub fn of_segment(&self, reader: &SegmentReader) -> Option<&BitSet> {
        self.sets.get(&reader.segment_id())
    }

    /// The repeats of one segment ([`DocSets::of_repeated_values`] only).
    pub fn repeats_of_segment(&self, reader: &SegmentReader) -> Option<&BitSet> {
        self.repeats.get(&reader.segment_id())
    }

    /// The live documents with a value in the u64 column `field` (single- or multi-valued)
    /// that `keep` accepts.
    pub fn of_values(
        searcher: &Searcher,
        field: &str,
        keep: impl Fn(u64) -> bool,
    ) -> tantivy::Result<DocSets> {
        let mut sets = HashMap::new();
        for reader in searcher.segment_readers() {
            let column = reader.fast_fields().u64(field)?;
            let mut set = BitSet::with_max_value(reader.max_doc());
            for doc in 0..reader.max_doc() {
                if reader.alive_bitset().is_none_or(|a| a.is_alive(doc))
                    && column.values_for_doc(doc).any(&keep)
                {
                    set.insert(doc);
                }
            }
            sets.insert(reader.segment_id(), set);
        }
        Ok(DocSets::from_sets(sets))
    }

    /// The live documents with an occurrence key ([`crate::index::schema::occ_key`]) in one
    /// of `files`: what [`DocSets::of_values`] finds with `files.contains`, faster. Every
    /// occurrence of a clause document is in its own group, so the files are looked up in a
    /// bit map per group (a document of a group without one is skipped at its first key), and
    /// a document's keys are read from its last: occurrences are in file order, and the
    /// newest versions, the current ones, come last.
    pub fn with_occurrence_in(
        searcher: &Searcher,
        field: &str,
        files: &crate::search::selection::FileSet,
    ) -> tantivy::Result<DocSets> {
        use crate::index::schema::FILE_MASK;
        let Some(bits) = crate::search::selection::FileBits::of(files) else {
            return DocSets::of_values(searcher, field, |k| files.contains(&(k & FILE_MASK)));
        };
        let mut sets = HashMap::new();
        for reader in searcher.segment_readers() {
            let column = reader.fast_fields().u64(field)?;
            let mut set = BitSet::with_max_value(reader.max_doc());
            for doc in 0..reader.max_doc() {
                if !reader.alive_bitset().is_none_or(|a| a.is_alive(doc)) {
                    continue;
                }
                let rows = column.index.value_row_ids(doc);
                if rows.is_empty() || !bits.has_group_of(column.values.get_val(rows.start)) {
                    continue;
                }
                if rows
                    .rev()
                    .any(|row| bits.contains(column.values.get_val(row)))
                {
                    set.insert(doc);
                }
            }
            sets.insert(reader.segment_id(), set);
        }
        Ok(DocSets::from_sets(sets))
    }

    /// The documents in both (a segment missing from either has none).
    pub fn intersect(&self, other: &DocSets) -> DocSets {
        let mut sets = HashMap::new();
        for (id, a) in self.sets.iter() {
            let Some(b) = other.sets.get(id) else {
                continue;
            };
            let mut set = BitSet::with_max_value(a.max_value());
            for doc in 0..a.max_value() {
                if a.contains(doc) && doc < b.max_value() && b.contains(doc) {
                    set.insert(doc);
                }
            }
            sets.insert(*id, set);
        }
        DocSets::from_sets(sets)
    }
}
