//! Facet counts over every match, read a block of clause documents at a time.
//!
//! A clause document stands for every occurrence of its clause in its group
//! ([`crate::schema`]), so counts add up its occurrences ([`Weights`]): a clause in twelve
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

use crate::error::Result;

/// What a matching clause document counts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weights {
    /// Every occurrence (the `weight` column).
    Occurrences,
    /// Occurrences in files dated in `[lo, hi]` (Unix seconds; the `occ_dates` column).
    DatedIn(i64, i64),
}

impl Weights {
    /// Whether an occurrence in a file dated `date` (Unix seconds) counts.
    pub fn counts(self, date: i64) -> bool {
        match self {
            Weights::Occurrences => true,
            Weights::DatedIn(lo, hi) => (lo..=hi).contains(&date),
        }
    }
}

/// [`Weights`] opened on one segment. Documents without a weight (group documents) count 0.
pub struct SegmentWeights {
    weight: tantivy::columnar::Column<u64>,
    /// With a date range: the occurrence dates, and the weights that say which count.
    dated: Option<(tantivy::columnar::Column<i64>, Weights)>,
}

impl SegmentWeights {
    pub fn open(reader: &SegmentReader, weights: Weights) -> tantivy::Result<SegmentWeights> {
        let weight = reader.fast_fields().u64(crate::schema::WEIGHT)?;
        let dated = match weights {
            Weights::Occurrences => None,
            Weights::DatedIn(..) => {
                Some((reader.fast_fields().i64(crate::schema::OCC_DATES)?, weights))
            }
        };
        Ok(SegmentWeights { weight, dated })
    }

    /// What `doc` counts for.
    pub fn of(&self, doc: DocId) -> u64 {
        match &self.dated {
            None => self.weight.first(doc).unwrap_or(0),
            Some((dates, weights)) => dates
                .values_for_doc(doc)
                .filter(|&d| weights.counts(d))
                .count() as u64,
        }
    }

    /// What each of `docs` counts for, into `out` (as long as `docs`).
    fn block(&self, docs: &[DocId], scratch: &mut [Option<u64>], out: &mut [u64]) {
        match &self.dated {
            None => {
                let scratch = &mut scratch[..docs.len()];
                scratch.fill(None);
                self.weight.first_vals(docs, scratch);
                for (o, w) in out.iter_mut().zip(scratch.iter()) {
                    *o = w.unwrap_or(0);
                }
            }
            Some(_) => {
                for (o, &doc) in out.iter_mut().zip(docs) {
                    *o = self.of(doc);
                }
            }
        }
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
        field: &'a str,
        shift: u32,
        names: &'a [&'a str],
    },
}

/// The number of clauses matching `query` (occurrences, as `weights` counts them), and for
/// each source how many of them carry each value.
pub fn tally(
    searcher: &Searcher,
    query: &dyn Query,
    fields: &[Source],
    weights: Weights,
) -> Result<(usize, Vec<Counts>)> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    // Segments are counted in parallel, each into counts of its own.
    let parts = searcher
        .segment_readers()
        .par_iter()
        .map(|reader| segment_tally(weight.as_ref(), reader, fields, weights))
        .collect::<Result<Vec<_>>>()?;
    let mut total = 0usize;
    let mut by_name: Vec<HashMap<String, u64>> = vec![HashMap::new(); fields.len()];
    for (n, segment) in parts {
        total += n;
        for (names, counts) in by_name.iter_mut().zip(segment) {
            for (name, count) in counts {
                *names.entry(name).or_default() += count;
            }
        }
    }
    let sorted = by_name
        .into_iter()
        .map(|names| {
            let mut v: Counts = names.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        })
        .collect();
    Ok((total, sorted))
}

/// A source opened on one segment.
enum Column<'a> {
    Facet(StrColumn),
    Bits {
        values: tantivy::columnar::Column<u64>,
        shift: u32,
        names: &'a [&'a str],
    },
}

/// One segment's matches, and its value counts per source (by name).
fn segment_tally(
    weight: &dyn Weight,
    reader: &SegmentReader,
    sources: &[Source],
    weights: Weights,
) -> Result<(usize, Vec<Counts>)> {
    let weights = SegmentWeights::open(reader, weights)?;
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
    let mut counts: Vec<Vec<u64>> = columns
        .iter()
        .map(|c| match c {
            Column::Facet(c) => vec![0; c.num_terms()],
            Column::Bits { names, .. } => vec![0; names.len()],
        })
        .collect();
    let mut total = 0usize;
    let alive = reader.alive_bitset();
    let mut live: Vec<DocId> = Vec::with_capacity(COLLECT_BLOCK_BUFFER_LEN);
    let mut firsts: Vec<Option<u64>> = vec![None; COLLECT_BLOCK_BUFFER_LEN];
    let mut counted: Vec<u64> = vec![0; COLLECT_BLOCK_BUFFER_LEN];
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
        weights.block(docs, &mut firsts, counted);
        total += counted.iter().sum::<u64>() as usize;
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
                for (&doc, &w) in docs.iter().zip(counted.iter()) {
                    for ord in ords.values_for_doc(doc) {
                        counts[ord as usize] += w;
                    }
                }
                continue;
            }
            let out = &mut firsts[..docs.len()];
            out.fill(None);
            ords.first_vals(docs, out);
            match bits {
                None => {
                    for (ord, &w) in out.iter().zip(counted.iter()) {
                        if let Some(ord) = ord {
                            counts[*ord as usize] += w;
                        }
                    }
                }
                Some((shift, n)) => {
                    for (value, &w) in out.iter().zip(counted.iter()) {
                        let Some(value) = value else { continue };
                        let mut set = (value >> shift) & ((1 << n) - 1);
                        while set != 0 {
                            counts[set.trailing_zeros() as usize] += w;
                            set &= set - 1;
                        }
                    }
                }
            }
        }
    })?;
    let mut named = Vec::with_capacity(columns.len());
    for (column, counts) in columns.iter().zip(&counts) {
        let mut names = Vec::new();
        let mut bytes = Vec::new();
        for (i, &n) in counts.iter().enumerate().filter(|(_, &n)| n > 0) {
            match column {
                Column::Bits { names: of, .. } => names.push((of[i].to_owned(), n)),
                Column::Facet(c) => {
                    bytes.clear();
                    c.dictionary()
                        .ord_to_term(i as u64, &mut bytes)
                        .map_err(TantivyError::from)?;
                    // A facet value as the column stores it: its path, levels separated
                    // by NUL.
                    let facet = Facet::from_encoded(bytes.clone())
                        .map_err(|e| TantivyError::InvalidArgument(e.to_string()))?;
                    if let Some(top) = facet.to_path().first() {
                        names.push(((*top).to_owned(), n));
                    }
                }
            }
        }
        named.push(names);
    }
    Ok((total, named))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::FacetCollector;
    use tantivy::query::{AllQuery, BooleanQuery, Occur, RangeQuery, TermQuery};
    use tantivy::schema::{FacetOptions, IndexRecordOption, Schema, FAST, INDEXED, STRING};
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

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
        let weight = b.add_u64_field(crate::schema::WEIGHT, FAST);
        let dates = b.add_i64_field(crate::schema::OCC_DATES, FAST | INDEXED);
        let index = Index::create_in_ram(b.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..2000u32 {
            let mut doc = TantivyDocument::default();
            doc.add_facet(one, Facet::from_path([format!("c{}", i % 7)]));
            // 0 to 3 values per clause, some nested a level deeper.
            let mut set = u64::from(i % 8);
            for k in 0..(i % 4) {
                set |= 1 << (3 + (i / 3 + k) % 5);
                let v = format!("t{}", (i / 3 + k) % 5);
                if k == 2 {
                    doc.add_facet(many, Facet::from_path([v, "sub".into()]));
                } else {
                    doc.add_facet(many, Facet::from_path([v]));
                }
            }
            doc.add_u64(bits, set);
            doc.add_text(tag, if i % 3 == 0 { "three" } else { "other" });
            doc.add_text(tag, format!("id{}", i / 100));
            let occurrences: Vec<i64> = (0..1 + i % 3).map(|k| i64::from(i % 5 + k)).collect();
            if expanded {
                for date in occurrences {
                    let mut copy = doc.clone();
                    copy.add_u64(weight, 1);
                    copy.add_i64(dates, date);
                    writer.add_document(copy).unwrap();
                }
            } else {
                doc.add_u64(weight, occurrences.len() as u64);
                for date in occurrences {
                    doc.add_i64(dates, date);
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
    fn weighted_counts_equal_tantivys_facet_collector_over_every_occurrence() {
        let weighted = index(false).reader().unwrap().searcher();
        let expanded_index = index(true);
        let expanded = expanded_index.reader().unwrap().searcher();
        assert!(weighted.segment_readers().len() > 1);
        let schema = expanded_index.schema();
        let tag = schema.get_field("tag").unwrap();
        let dates = schema.get_field(crate::schema::OCC_DATES).unwrap();
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
                std::ops::Bound::Included(Term::from_field_i64(dates, 2)),
                std::ops::Bound::Included(Term::from_field_i64(dates, 3)),
            );
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, q),
                (Occur::Must, Box::new(range)),
            ]))
        };
        // (query, weights, the same on the expanded index)
        type Case = (Box<dyn Query>, Weights, Box<dyn Query>);
        let cases: Vec<Case> = vec![
            (three(), Weights::Occurrences, three()),
            (Box::new(AllQuery), Weights::Occurrences, Box::new(AllQuery)),
            (three(), Weights::DatedIn(2, 3), dated(three())),
            (
                Box::new(AllQuery),
                Weights::DatedIn(2, 3),
                dated(Box::new(AllQuery)),
            ),
        ];
        for (query, weights, reference) in cases {
            let (total, counts) = tally(&weighted, query.as_ref(), &sources, weights).unwrap();
            let (want_total, _) =
                tally(&expanded, reference.as_ref(), &[], Weights::Occurrences).unwrap();
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
