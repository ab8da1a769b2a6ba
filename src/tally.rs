//! Facet counts over every match, read a block of clauses at a time.
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

/// The number of clauses matching `query`, and for each source how many of them carry each
/// value.
pub fn tally(
    searcher: &Searcher,
    query: &dyn Query,
    fields: &[Source],
) -> Result<(usize, Vec<Counts>)> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    // Segments are counted in parallel, each into counts of its own.
    let parts = searcher
        .segment_readers()
        .par_iter()
        .map(|reader| segment_tally(weight.as_ref(), reader, fields))
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
) -> Result<(usize, Vec<Counts>)> {
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
    weight.for_each_no_score(reader, &mut |docs| {
        let docs = match alive {
            Some(alive) => {
                live.clear();
                live.extend(docs.iter().copied().filter(|&d| alive.is_alive(d)));
                &live[..]
            }
            None => docs,
        };
        total += docs.len();
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
                for &doc in docs {
                    for ord in ords.values_for_doc(doc) {
                        counts[ord as usize] += 1;
                    }
                }
                continue;
            }
            let out = &mut firsts[..docs.len()];
            out.fill(None);
            ords.first_vals(docs, out);
            match bits {
                None => {
                    for &ord in out.iter().flatten() {
                        counts[ord as usize] += 1;
                    }
                }
                Some((shift, n)) => {
                    for &value in out.iter().flatten() {
                        let mut set = (value >> shift) & ((1 << n) - 1);
                        while set != 0 {
                            counts[set.trailing_zeros() as usize] += 1;
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
    use tantivy::collector::{Count, FacetCollector};
    use tantivy::query::{AllQuery, TermQuery};
    use tantivy::schema::{FacetOptions, IndexRecordOption, Schema, FAST, STRING};
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    #[test]
    fn counts_equal_tantivys_facet_collector() {
        let mut b = Schema::builder();
        let one = b.add_facet_field("one", FacetOptions::default());
        let many = b.add_facet_field("many", FacetOptions::default());
        let tag = b.add_text_field("tag", STRING);
        // The values of "many" again, as bits 3.. of a u64 (low bits: noise to shift away).
        let bits = b.add_u64_field("bits", FAST);
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
            writer.add_document(doc).unwrap();
            if i % 700 == 699 {
                writer.commit().unwrap();
            }
        }
        writer.delete_term(Term::from_field_text(tag, "id4"));
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() > 1);
        let three = TermQuery::new(
            Term::from_field_text(tag, "three"),
            IndexRecordOption::Basic,
        );
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
        for query in [&three as &dyn Query, &AllQuery] {
            let (total, counts) = tally(&searcher, query, &sources).unwrap();
            assert_eq!(total, searcher.search(query, &Count).unwrap());
            for (field, got) in ["one", "many", "many"].iter().zip(&counts) {
                let mut collector = FacetCollector::for_field(*field);
                collector.add_facet(Facet::root());
                let want = searcher.search(query, &collector).unwrap();
                let mut want: Counts = want
                    .get(Facet::root())
                    .map(|(f, n)| (f.to_path()[0].to_owned(), n))
                    .collect();
                want.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                assert_eq!(got, &want, "{field}");
                assert!(!want.is_empty());
            }
        }
    }
}
