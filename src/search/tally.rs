//! Facet counts over every match, read a block of clause documents at a time.
//!
//! A clause document stands for every occurrence of its clause in its group
//! ([`crate::index::schema`]), so counts add up its occurrences (`Weights`): a clause in twelve
//! versions of a policy counts twelve times, as it would be shown.
//!
//! `--facets` must visit every matching clause, so the per-clause cost is what counts. Tantivy's
//! `FacetCollector` reads each clause's facet ordinals one call at a time, through a
//! collector per facet; this reads the columns for a whole block of matches at once (a
//! batched read where a column holds one value per clause) and counts ordinals in a plain
//! vector per segment, turning ordinals into names once per segment. A multi-valued facet
//! (topics) costs a lookup per clause and value, so it can be read instead from bits of a
//! single-valued column ([`Source::Bits`]). Segments are counted in parallel.

use std::collections::HashMap;

use rayon::prelude::*;
use tantivy::columnar::{Cardinality, StrColumn};
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::schema::Facet;
use tantivy::{DocId, Searcher, SegmentReader, TantivyError, COLLECT_BLOCK_BUFFER_LEN};
use xxhash_rust::xxh3::xxh3_64;

use crate::error::Result;
use crate::search::docfilter::DocSets;
use crate::search::selection::{FileSet, SegmentSelection, Selection};

/// What a total and facet counts count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Unit {
    /// Distinct clauses (a clause repeated in many versions of a policy counts once).
    #[default]
    Clauses,
    /// Every occurrence of a clause in every file.
    Occurrences,
    /// Files with a matching clause.
    Documents,
    /// Companies with a matching clause.
    Companies,
}

impl Unit {
    /// Every unit.
    pub const ALL: [Unit; 4] = [
        Unit::Clauses,
        Unit::Occurrences,
        Unit::Documents,
        Unit::Companies,
    ];

    /// The unit's name in flags and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Clauses => "clauses",
            Unit::Occurrences => "occurrences",
            Unit::Documents => "documents",
            Unit::Companies => "companies",
        }
    }

    /// The unit's noun for `n` of it ("1 matching clause", "3 matching documents").
    pub fn noun(self, n: usize) -> &'static str {
        let (one, many) = match self {
            Unit::Clauses => ("clause", "clauses"),
            Unit::Occurrences => ("occurrence", "occurrences"),
            Unit::Documents => ("document", "documents"),
            Unit::Companies => ("company", "companies"),
        };
        crate::text::plural(n, one, many)
    }
}

impl std::str::FromStr for Unit {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Unit, String> {
        // The singular too ("--count company"), as one says it.
        let wanted = s.to_lowercase();
        Unit::ALL
            .into_iter()
            .find(|u| u.name() == wanted || u.noun(1) == wanted)
            .ok_or_else(|| {
                format!("unknown count '{s}' (use clauses, occurrences, documents or companies)")
            })
    }
}

/// Counts of one facet: value and clause count ([`tally`] sorts them most frequent first,
/// then by value).
pub type Counts = Vec<(String, u64)>;

/// Where the values of one counted facet are read.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// A facet field with one level of values (its fast column of ordinals).
    Facet(&'a str),
    /// Bits of a single-valued u64 fast field: bit `shift + i` set means value `names[i]`.
    Bits {
        /// The column.
        field: &'a str,
        /// The bit of the first value.
        shift: u32,
        /// Each bit's value.
        names: &'a [&'a str],
    },
}

/// How many matches of `query` there are, counted in `unit` over the occurrences `selection`
/// admits, and for each source how many of them carry each value.
///
/// Distinct clauses are counted one per clause document, except the documents in `shared`
/// (those whose clause is in another document too), whose clause ids are collected in a set;
/// without `shared`, every clause id is.
pub fn tally(
    searcher: &Searcher,
    query: &dyn Query,
    fields: &[Source],
    selection: &Selection,
    unit: Unit,
    shared: Option<&DocSets>,
) -> Result<(usize, Vec<Counts>)> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    // Segments are counted in parallel, each into counts of its own.
    let parts = searcher
        .segment_readers()
        .par_iter()
        .map(|reader| segment_tally(weight.as_ref(), reader, fields, selection, unit, shared))
        .collect::<Result<Vec<_>>>()?;
    let mut total = SegmentCounts::default();
    let mut by_name: Vec<HashMap<String, Count>> = vec![HashMap::new(); fields.len()];
    for part in parts {
        total.sum += part.sum;
        total.keys.extend(part.keys);
        for (names, values) in by_name.iter_mut().zip(part.values) {
            for (name, (sum, keys)) in values {
                let entry = names.entry(name).or_default();
                entry.0 += sum;
                entry.1.extend(keys);
            }
        }
    }
    let sorted = by_name
        .into_iter()
        .map(|names| {
            let mut v: Counts = names
                .into_iter()
                .map(|(name, (sum, keys))| (name, sum + keys.len() as u64))
                .collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        })
        .collect();
    Ok((total.sum as usize + total.keys.len(), sorted))
}

/// One segment's counts: what adds up (occurrences; clauses no other document holds) and the
/// distinct keys the rest counts (clause ids, file ids, company hashes), in total and per
/// value of each source.
#[derive(Default)]
struct SegmentCounts {
    sum: u64,
    keys: FileSet,
    values: Vec<Vec<(String, Count)>>,
}

/// What a value adds up to, and its distinct keys.
type Count = (u64, FileSet);

/// A source opened on one segment.
enum Column<'a> {
    Facet(StrColumn),
    Bits {
        values: tantivy::columnar::Column<u64>,
        shift: u32,
        names: &'a [&'a str],
    },
}

/// Where a segment reads what distinct things a matching clause document stands for.
enum KeySource<'a> {
    /// Occurrences: no keys, sums.
    None,
    /// Distinct clauses: the clause id of the documents in the set (all, without one); or,
    /// when every document of a clause matches alike (no per-occurrence condition), the
    /// repeats, which count nothing while the other documents count one.
    Clause(
        tantivy::columnar::Column<u64>,
        Option<&'a tantivy::BitSet>,
        Option<&'a tantivy::BitSet>,
    ),
    Files,
    /// The company facet's ordinals, and a hash of each ordinal's name.
    Company(StrColumn, Vec<u64>),
}

/// Per value of a source: a sum and a set of keys.
struct Tallies {
    sums: Vec<u64>,
    sets: Vec<FileSet>,
}

impl Tallies {
    fn add(&mut self, ord: usize, sum: u64, keys: &[u64]) {
        self.sums[ord] += sum;
        if !keys.is_empty() {
            self.sets[ord].extend(keys.iter().copied());
        }
    }
}

/// One segment's matches, and its value counts per source (by name).
fn segment_tally(
    weight: &dyn Weight,
    reader: &SegmentReader,
    sources: &[Source],
    selection: &Selection,
    unit: Unit,
    shared: Option<&DocSets>,
) -> Result<SegmentCounts> {
    let presence = matches!(unit, Unit::Clauses | Unit::Companies);
    let selected = SegmentSelection::open(reader, selection, unit == Unit::Documents, presence)?;
    let columns: Vec<Column> = sources
        .iter()
        .map(|source| match *source {
            Source::Facet(f) => Ok(Column::Facet(reader.fast_fields().str(f)?.ok_or_else(
                || TantivyError::SchemaError(format!("facet field `{f}` has no column")),
            )?)),
            Source::Bits {
                field,
                shift,
                names,
            } => Ok(Column::Bits {
                values: reader.fast_fields().u64(field)?,
                shift,
                names,
            }),
        })
        .collect::<tantivy::Result<_>>()?;
    let key_source = match unit {
        Unit::Occurrences => KeySource::None,
        Unit::Clauses => KeySource::Clause(
            reader.fast_fields().u64(crate::index::schema::CLAUSE_ID)?,
            // Without the set (or on a segment it was not computed on) every document's clause
            // id is looked up.
            shared.and_then(|sets| sets.of_segment(reader)),
            // Documents of one clause share text, section and facets: without a condition on
            // their occurrences they match alike, and one of them stands for the clause.
            shared
                .filter(|_| selection.is_all() && selection.docs.is_none())
                .and_then(|sets| sets.repeats_of_segment(reader)),
        ),
        Unit::Documents => KeySource::Files,
        Unit::Companies => {
            let column = reader
                .fast_fields()
                .str(crate::index::schema::COMPANY)?
                .ok_or_else(|| TantivyError::SchemaError("company has no column".into()))?;
            let mut hashes = Vec::with_capacity(column.num_terms());
            let ords: Vec<u64> = (0..column.num_terms() as u64).collect();
            column
                .dictionary()
                .sorted_ords_to_term_cb(&ords, |bytes| hashes.push(xxh3_64(bytes)))
                .map_err(TantivyError::from)?;
            KeySource::Company(column, hashes)
        }
    };
    let mut counts: Vec<Tallies> = columns
        .iter()
        .map(|c| {
            let n = match c {
                Column::Facet(c) => c.num_terms(),
                Column::Bits { names, .. } => names.len(),
            };
            Tallies {
                sums: vec![0; n],
                sets: vec![FileSet::default(); n],
            }
        })
        .collect();
    let mut out = SegmentCounts::default();
    let alive = reader.alive_bitset();
    let mut live: Vec<DocId> = Vec::with_capacity(COLLECT_BLOCK_BUFFER_LEN);
    let mut firsts: Vec<Option<u64>> = vec![None; COLLECT_BLOCK_BUFFER_LEN];
    let mut counted: Vec<u64> = vec![0; COLLECT_BLOCK_BUFFER_LEN];
    // What each document of a block adds up to (`sums[i]`) and its keys
    // (`keys[bounds[i]..bounds[i + 1]]`).
    let mut sums: Vec<u64> = vec![0; COLLECT_BLOCK_BUFFER_LEN];
    let mut keys: Vec<u64> = Vec::new();
    let mut bounds: Vec<usize> = Vec::with_capacity(COLLECT_BLOCK_BUFFER_LEN + 1);
    weight.for_each_no_score(reader, &mut |docs| {
        let docs = match alive {
            Some(alive) => {
                live.clear();
                live.extend(docs.iter().copied().filter(|&d| alive.is_alive(d)));
                &live[..]
            }
            None => docs,
        };
        let counted = &mut counted[..docs.len()];
        let sums = &mut sums[..docs.len()];
        sums.fill(0);
        keys.clear();
        bounds.clear();
        bounds.push(0);
        match &key_source {
            KeySource::Files => {
                for (c, &doc) in counted.iter_mut().zip(docs) {
                    *c = selected.of(doc, Some(&mut keys));
                    bounds.push(keys.len());
                }
            }
            _ => selected.block(docs, &mut firsts, counted),
        }
        match &key_source {
            KeySource::None => sums.copy_from_slice(counted),
            KeySource::Files => {}
            KeySource::Clause(..) | KeySource::Company(..) => {
                let vals = &mut firsts[..docs.len()];
                vals.fill(None);
                match &key_source {
                    KeySource::Clause(c, ..) => c.first_vals(docs, vals),
                    KeySource::Company(c, _) => c.ords().first_vals(docs, vals),
                    _ => {}
                }
                for (i, (v, &w)) in vals.iter().zip(counted.iter()).enumerate() {
                    if w > 0 {
                        match (&key_source, v) {
                            (_, None) => {}
                            (KeySource::Company(_, hashes), Some(ord)) => {
                                keys.extend(hashes.get(*ord as usize).copied());
                            }
                            // A clause no other document holds adds one.
                            (KeySource::Clause(_, _, Some(repeats)), Some(_)) => {
                                sums[i] = u64::from(!repeats.contains(docs[i]));
                            }
                            (KeySource::Clause(_, Some(shared), _), Some(_))
                                if !shared.contains(docs[i]) =>
                            {
                                sums[i] = 1;
                            }
                            (_, Some(v)) => keys.push(*v),
                        }
                    }
                    bounds.push(keys.len());
                }
            }
        }
        out.sum += sums.iter().sum::<u64>();
        out.keys.extend(keys.iter().copied());
        let keys_of = |i: usize| -> &[u64] {
            match bounds.get(i + 1) {
                Some(&end) => &keys[bounds[i]..end],
                None => &[],
            }
        };
        for (column, counts) in columns.iter().zip(counts.iter_mut()) {
            let (ords, bits) = match column {
                Column::Facet(c) => (c.ords(), None),
                Column::Bits {
                    values,
                    shift,
                    names,
                } => (values, Some((*shift, names.len()))),
            };
            if ords.get_cardinality() == Cardinality::Multivalued {
                for (i, (&doc, &w)) in docs.iter().zip(counted.iter()).enumerate() {
                    if w == 0 {
                        continue;
                    }
                    for ord in ords.values_for_doc(doc) {
                        counts.add(ord as usize, sums[i], keys_of(i));
                    }
                }
                continue;
            }
            let vals = &mut firsts[..docs.len()];
            vals.fill(None);
            ords.first_vals(docs, vals);
            for (i, (value, &w)) in vals.iter().zip(counted.iter()).enumerate() {
                let Some(value) = value else { continue };
                if w == 0 {
                    continue;
                }
                match bits {
                    None => counts.add(*value as usize, sums[i], keys_of(i)),
                    Some((shift, n)) => {
                        let mut set = (value >> shift) & ((1 << n) - 1);
                        while set != 0 {
                            counts.add(set.trailing_zeros() as usize, sums[i], keys_of(i));
                            set &= set - 1;
                        }
                    }
                }
            }
        }
    })?;
    for (column, counts) in columns.iter().zip(counts) {
        let counted: Vec<(usize, (u64, FileSet))> = counts
            .sums
            .into_iter()
            .zip(counts.sets)
            .enumerate()
            .filter(|(_, (sum, set))| *sum != 0 || !set.is_empty())
            .collect();
        let names: Vec<Option<String>> = match column {
            Column::Bits { names: of, .. } => counted
                .iter()
                .map(|(i, _)| Some(of[*i].to_owned()))
                .collect(),
            // One pass over the facet dictionary for the values counted (in order): a look-up
            // per value would open (and decompress) a dictionary block each time.
            Column::Facet(c) => {
                let ords: Vec<u64> = counted.iter().map(|(i, _)| *i as u64).collect();
                let mut names = Vec::with_capacity(ords.len());
                let mut bad = None;
                c.dictionary()
                    .sorted_ords_to_term_cb(&ords, |bytes| {
                        // A facet value as the column stores it: its path, levels separated
                        // by NUL.
                        match Facet::from_encoded(bytes.to_vec()) {
                            Ok(facet) => {
                                names.push(facet.to_path().first().map(|top| (*top).to_owned()))
                            }
                            Err(e) => bad = Some(e.to_string()),
                        }
                    })
                    .map_err(TantivyError::from)?;
                if let Some(e) = bad {
                    return Err(TantivyError::InvalidArgument(e).into());
                }
                names
            }
        };
        let named = counted
            .into_iter()
            .zip(names)
            .filter_map(|((_, count), name)| Some((name?, count)))
            .collect();
        out.values.push(named);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use tantivy::collector::FacetCollector;
    use tantivy::query::{AllQuery, BooleanQuery, Occur, RangeQuery, TermQuery};
    use tantivy::schema::{FacetOptions, IndexRecordOption, Schema, FAST, INDEXED, STRING};
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    #[test]
    fn units_parse_by_their_plural_or_singular_name() {
        for unit in Unit::ALL {
            assert_eq!(unit.name().parse::<Unit>(), Ok(unit));
            assert_eq!(unit.noun(1).to_uppercase().parse::<Unit>(), Ok(unit));
        }
        let err = "firms".parse::<Unit>().unwrap_err();
        assert!(err.contains("firms") && err.contains("companies"), "{err}");
    }

    /// 2,000 documents over three segments, one with deletions; document `i` stands for
    /// `1 + i % 3` occurrences dated `i % 5` and on. `expanded`: instead, one document per
    /// occurrence, of weight 1 and one date (what the weighted counts must equal).
    fn index(expanded: bool) -> Index {
        let mut b = Schema::builder();
        let one = b.add_facet_field("one", FacetOptions::default());
        let many = b.add_facet_field("many", FacetOptions::default());
        let tag = b.add_text_field("tag", STRING);
        // The values of "many" again, as bits 3.. of a u64 (low bits: noise to shift away).
        let bits = b.add_u64_field("bits", FAST);
        let weight = b.add_u64_field(crate::index::schema::WEIGHT, FAST);
        // Occurrence keys: day `i % 5 + k + 1` (0 would be undated), file `i`.
        let dates = b.add_u64_field(crate::index::schema::OCC_KEYS, FAST | INDEXED);
        // Clause ids: documents 1,500 apart share one (as a clause in two groups does).
        let clause_id = b.add_u64_field(crate::index::schema::CLAUSE_ID, FAST);
        let index = Index::create_in_ram(b.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..2000u32 {
            // Documents of one clause (1,500 apart) have the same facets, as in an index.
            let j = i % 1500;
            let mut doc = TantivyDocument::default();
            doc.add_facet(one, Facet::from_path([format!("c{}", j % 7)]));
            // 0 to 3 values per clause, some nested a level deeper.
            let mut set = u64::from(j % 8);
            for k in 0..(j % 4) {
                set |= 1 << (3 + (j / 3 + k) % 5);
                let v = format!("t{}", (j / 3 + k) % 5);
                if k == 2 {
                    doc.add_facet(many, Facet::from_path([v, "sub".into()]));
                } else {
                    doc.add_facet(many, Facet::from_path([v]));
                }
            }
            doc.add_u64(bits, set);
            doc.add_text(tag, if i % 3 == 0 { "three" } else { "other" });
            doc.add_text(tag, format!("id{}", i / 100));
            doc.add_u64(clause_id, u64::from(j));
            let occurrences: Vec<u64> = (0..1 + i % 3)
                .map(|k| crate::index::schema::occ_key(u64::from(i % 5 + k + 1), u64::from(i)))
                .collect();
            if expanded {
                for date in occurrences {
                    let mut copy = doc.clone();
                    copy.add_u64(weight, 1);
                    copy.add_u64(dates, date);
                    writer.add_document(copy).unwrap();
                }
            } else {
                doc.add_u64(weight, occurrences.len() as u64);
                for date in occurrences {
                    doc.add_u64(dates, date);
                }
                writer.add_document(doc).unwrap();
            }
            if i % 700 == 699 {
                writer.commit().unwrap();
            }
        }
        writer.delete_term(Term::from_field_text(tag, "id4"));
        writer.commit().unwrap();
        index
    }

    #[test]
    fn distinct_clauses_count_a_shared_clause_id_once_with_or_without_the_shared_set() {
        let index = index(false);
        let searcher = index.reader().unwrap().searcher();
        let shared =
            DocSets::of_repeated_values(&searcher, crate::index::schema::CLAUSE_ID).unwrap();
        // Brute force: the distinct ids of live documents, in all and per value of "one".
        let docs = searcher
            .search(&AllQuery, &tantivy::collector::DocSetCollector)
            .unwrap();
        let mut all = HashSet::new();
        let mut per_value: HashMap<String, HashSet<u64>> = HashMap::new();
        for addr in docs {
            let reader = searcher.segment_reader(addr.segment_ord);
            let v = reader
                .fast_fields()
                .u64(crate::index::schema::CLAUSE_ID)
                .unwrap()
                .first(addr.doc_id)
                .unwrap();
            all.insert(v);
            let column = reader.fast_fields().str("one").unwrap().unwrap();
            let ord = column.ords().first(addr.doc_id).unwrap();
            let mut bytes = Vec::new();
            column.dictionary().ord_to_term(ord, &mut bytes).unwrap();
            let facet = Facet::from_encoded(bytes).unwrap();
            let name = facet.to_path()[0].to_owned();
            per_value.entry(name).or_default().insert(v);
        }
        let mut want: Counts = per_value
            .into_iter()
            .map(|(k, v)| (k, v.len() as u64))
            .collect();
        want.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let shared_docs: usize = searcher
            .segment_readers()
            .iter()
            .map(|r| shared.of_segment(r).map_or(0, |s| s.len()))
            .sum();
        assert!(shared_docs > 0 && shared_docs < 2000, "{shared_docs}");
        for with in [None, Some(&shared)] {
            let (total, counts) = tally(
                &searcher,
                &AllQuery,
                &[Source::Facet("one")],
                &Selection::default(),
                Unit::Clauses,
                with,
            )
            .unwrap();
            assert_eq!(total, all.len(), "{with:?}");
            assert_eq!(counts[0], want, "{with:?}");
            let all_selected = Selection::default();
            let counted = crate::search::count::count(
                &searcher,
                &AllQuery,
                None,
                Some(100_000),
                &all_selected,
                Unit::Clauses,
                with,
            )
            .unwrap();
            assert_eq!(counted.hits, all.len(), "{with:?}");
        }
        // With a condition on occurrences (days 3-4), a clause counts if any of its
        // documents has such an occurrence: the set of ids, with or without the shared set.
        let mut dated_ids = HashSet::new();
        for reader in searcher.segment_readers() {
            let keys = reader
                .fast_fields()
                .u64(crate::index::schema::OCC_KEYS)
                .unwrap();
            let ids = reader
                .fast_fields()
                .u64(crate::index::schema::CLAUSE_ID)
                .unwrap();
            for doc in 0..reader.max_doc() {
                if reader.alive_bitset().is_some_and(|a| a.is_deleted(doc)) {
                    continue;
                }
                if keys
                    .values_for_doc(doc)
                    .any(|k| (3..=4).contains(&(k >> 47)))
                {
                    dated_ids.insert(ids.first(doc).unwrap());
                }
            }
        }
        let dated = Selection {
            dated: Some((3, 4)),
            ..Selection::default()
        };
        for with in [None, Some(&shared)] {
            let (total, _) = tally(&searcher, &AllQuery, &[], &dated, Unit::Clauses, with).unwrap();
            assert_eq!(total, dated_ids.len(), "{with:?}");
            let counted = crate::search::count::count(
                &searcher,
                &AllQuery,
                None,
                Some(100_000),
                &dated,
                Unit::Clauses,
                with,
            )
            .unwrap();
            assert_eq!(counted.hits, dated_ids.len(), "{with:?}");
        }
        assert!(dated_ids.len() < all.len());
    }

    #[test]
    fn weighted_counts_equal_tantivys_facet_collector_over_every_occurrence() {
        let weighted = index(false).reader().unwrap().searcher();
        let expanded_index = index(true);
        let expanded = expanded_index.reader().unwrap().searcher();
        assert!(weighted.segment_readers().len() > 1);
        let schema = expanded_index.schema();
        let tag = schema.get_field("tag").unwrap();
        let dates = schema.get_field(crate::index::schema::OCC_KEYS).unwrap();
        let three = || -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(tag, "three"),
                IndexRecordOption::Basic,
            ))
        };
        let names = ["t0", "t1", "t2", "t3", "t4"];
        let sources = [
            Source::Facet("one"),
            Source::Facet("many"),
            Source::Bits {
                field: "bits",
                shift: 3,
                names: &names,
            },
        ];
        let dated = |q: Box<dyn Query>| -> Box<dyn Query> {
            let range = RangeQuery::new(
                std::ops::Bound::Included(Term::from_field_u64(
                    dates,
                    crate::index::schema::key_range(3, 4).0,
                )),
                std::ops::Bound::Included(Term::from_field_u64(
                    dates,
                    crate::index::schema::key_range(3, 4).1,
                )),
            );
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, q),
                (Occur::Must, Box::new(range)),
            ]))
        };
        // (query, weights, the same on the expanded index)
        type Case = (Box<dyn Query>, Selection, Box<dyn Query>);
        let all = Selection::default;
        let in_range = || Selection {
            dated: Some((3, 4)),
            ..Selection::default()
        };
        let cases: Vec<Case> = vec![
            (three(), all(), three()),
            (Box::new(AllQuery), all(), Box::new(AllQuery)),
            (three(), in_range(), dated(three())),
            (Box::new(AllQuery), in_range(), dated(Box::new(AllQuery))),
        ];
        let occurrences = Unit::Occurrences;
        for (query, weights, reference) in cases {
            let (total, counts) = tally(
                &weighted,
                query.as_ref(),
                &sources,
                &weights,
                occurrences,
                None,
            )
            .unwrap();
            let (want_total, _) = tally(
                &expanded,
                reference.as_ref(),
                &[],
                &all(),
                occurrences,
                None,
            )
            .unwrap();
            assert_eq!(total, want_total, "{weights:?}");
            assert!(total > 0);
            for (field, got) in ["one", "many", "many"].iter().zip(&counts) {
                let mut collector = FacetCollector::for_field(*field);
                collector.add_facet(Facet::root());
                let want = expanded.search(reference.as_ref(), &collector).unwrap();
                let mut want: Counts = want
                    .get(Facet::root())
                    .map(|(f, n)| (f.to_path()[0].to_owned(), n))
                    .collect();
                want.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                assert_eq!(got, &want, "{field} {weights:?}");
                assert!(!want.is_empty());
            }
        }
    }
}
