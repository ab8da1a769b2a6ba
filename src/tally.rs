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

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use tantivy::columnar::{Cardinality, StrColumn};
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::schema::Facet;
use tantivy::{DocId, Searcher, SegmentReader, TantivyError, COLLECT_BLOCK_BUFFER_LEN};
use xxhash_rust::xxh3::xxh3_64;

use crate::error::Result;

/// Which occurrences of a matching clause document count (and are shown): all of them, or
/// those in files dated in a range, stating an effective date in a range, or among a set of
/// files (`--latest`, `--as-of`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// File dates (snapshot, else effective) in `[lo, hi]`, Unix seconds (`occ_dates`).
    pub dated: Option<(i64, i64)>,
    /// Effective dates in `[lo, hi]` (`occ_effective`).
    pub effective: Option<(i64, i64)>,
    /// Files, as [`crate::schema::file_id`]s (`occ_files`).
    pub files: Option<Arc<HashSet<u64>>>,
}

impl Selection {
    /// Every occurrence counts.
    pub fn is_all(&self) -> bool {
        self.dated.is_none() && self.effective.is_none() && self.files.is_none()
    }

    /// Whether an occurrence in a file with these dates and this id counts.
    pub fn admits(&self, date: i64, effective: i64, file: u64) -> bool {
        let within =
            |range: Option<(i64, i64)>, d: i64| range.is_none_or(|(lo, hi)| (lo..=hi).contains(&d));
        within(self.dated, date)
            && within(self.effective, effective)
            && self.files.as_ref().is_none_or(|f| f.contains(&file))
    }
}

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
    pub const ALL: [Unit; 4] = [
        Unit::Clauses,
        Unit::Occurrences,
        Unit::Documents,
        Unit::Companies,
    ];

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
        crate::output::plural(n, one, many)
    }
}

impl std::str::FromStr for Unit {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Unit, String> {
        Unit::ALL
            .into_iter()
            .find(|u| u.name() == s.to_lowercase())
            .ok_or_else(|| {
                format!("unknown count '{s}' (use clauses, occurrences, documents or companies)")
            })
    }
}

/// [`Selection`] opened on one segment. Documents without a weight (group documents) have
/// no occurrences.
pub struct SegmentSelection {
    weight: tantivy::columnar::Column<u64>,
    selection: Selection,
    dates: Option<tantivy::columnar::Column<i64>>,
    effective: Option<tantivy::columnar::Column<i64>>,
    files: Option<tantivy::columnar::Column<u64>>,
}

impl SegmentSelection {
    /// Open the columns `selection` reads (and the files column when `with_files`).
    pub fn open(
        reader: &SegmentReader,
        selection: &Selection,
        with_files: bool,
    ) -> tantivy::Result<SegmentSelection> {
        let fast = reader.fast_fields();
        Ok(SegmentSelection {
            weight: fast.u64(crate::schema::WEIGHT)?,
            dates: match selection.dated {
                Some(_) => Some(fast.i64(crate::schema::OCC_DATES)?),
                None => None,
            },
            effective: match selection.effective {
                Some(_) => Some(fast.i64(crate::schema::OCC_EFFECTIVE)?),
                None => None,
            },
            files: match selection.files.is_some() || with_files {
                true => Some(fast.u64(crate::schema::OCC_FILES)?),
                false => None,
            },
            selection: selection.clone(),
        })
    }

    /// How many occurrences of `doc` count; with `files`, their file ids are appended to it.
    pub fn of(&self, doc: DocId, mut files: Option<&mut Vec<u64>>) -> u64 {
        let n = self.weight.first(doc).unwrap_or(0);
        if self.selection.is_all() && files.is_none() {
            return n;
        }
        let mut dates = self.dates.as_ref().map(|c| c.values_for_doc(doc));
        let mut effective = self.effective.as_ref().map(|c| c.values_for_doc(doc));
        let mut ids = self.files.as_ref().map(|c| c.values_for_doc(doc));
        let mut counted = 0;
        for _ in 0..n {
            let date = dates.as_mut().and_then(|i| i.next()).unwrap_or(0);
            let eff = effective.as_mut().and_then(|i| i.next()).unwrap_or(0);
            let id = ids.as_mut().and_then(|i| i.next()).unwrap_or(0);
            if self.selection.admits(date, eff, id) {
                counted += 1;
                if let Some(out) = files.as_deref_mut() {
                    out.push(id);
                }
            }
        }
        counted
    }

    /// What each of `docs` counts for (occurrences), into `out` (as long as `docs`).
    fn block(&self, docs: &[DocId], scratch: &mut [Option<u64>], out: &mut [u64]) {
        if self.selection.is_all() {
            let scratch = &mut scratch[..docs.len()];
            scratch.fill(None);
            self.weight.first_vals(docs, scratch);
            for (o, w) in out.iter_mut().zip(scratch.iter()) {
                *o = w.unwrap_or(0);
            }
        } else {
            for (o, &doc) in out.iter_mut().zip(docs) {
                *o = self.of(doc, None);
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

/// How many matches of `query` there are, counted in `unit` over the occurrences `selection`
/// admits, and for each source how many of them carry each value.
pub fn tally(
    searcher: &Searcher,
    query: &dyn Query,
    fields: &[Source],
    selection: &Selection,
    unit: Unit,
) -> Result<(usize, Vec<Counts>)> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    // Segments are counted in parallel, each into counts of its own.
    let parts = searcher
        .segment_readers()
        .par_iter()
        .map(|reader| segment_tally(weight.as_ref(), reader, fields, selection, unit))
        .collect::<Result<Vec<_>>>()?;
    let mut total = 0usize;
    let mut total_keys: HashSet<u64> = HashSet::new();
    let mut by_name: Vec<HashMap<String, u64>> = vec![HashMap::new(); fields.len()];
    let mut keys_by_name: Vec<HashMap<String, HashSet<u64>>> = vec![HashMap::new(); fields.len()];
    for part in parts {
        match part {
            SegmentCounts::Sums(n, segment) => {
                total += n;
                for (names, counts) in by_name.iter_mut().zip(segment) {
                    for (name, count) in counts {
                        *names.entry(name).or_default() += count;
                    }
                }
            }
            SegmentCounts::Sets(keys, segment) => {
                total_keys.extend(keys);
                for (names, sets) in keys_by_name.iter_mut().zip(segment) {
                    for (name, set) in sets {
                        names.entry(name).or_default().extend(set);
                    }
                }
            }
        }
    }
    if unit != Unit::Occurrences {
        total = total_keys.len();
        for (names, sets) in by_name.iter_mut().zip(keys_by_name) {
            for (name, set) in sets {
                names.insert(name, set.len() as u64);
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

/// One segment's counts: sums of occurrences, or the sets of distinct keys (clause ids,
/// file ids, company hashes) the other units count.
enum SegmentCounts {
    Sums(usize, Vec<Counts>),
    Sets(HashSet<u64>, Vec<Vec<(String, HashSet<u64>)>>),
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

/// Where a segment reads what distinct things a matching clause document stands for.
enum KeySource {
    /// Occurrences: no keys, sums.
    None,
    Clause(tantivy::columnar::Column<u64>),
    Files,
    /// The company facet's ordinals, and a hash of each ordinal's name.
    Company(StrColumn, Vec<u64>),
}

/// Per value of a source: a sum (occurrences) or a set of keys.
enum Tallies {
    Sums(Vec<u64>),
    Sets(Vec<HashSet<u64>>),
}

impl Tallies {
    fn add(&mut self, ord: usize, w: u64, keys: &[u64]) {
        match self {
            Tallies::Sums(v) => v[ord] += w,
            Tallies::Sets(v) => v[ord].extend(keys.iter().copied()),
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
) -> Result<SegmentCounts> {
    let selected = SegmentSelection::open(reader, selection, unit == Unit::Documents)?;
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
        Unit::Clauses => KeySource::Clause(reader.fast_fields().u64(crate::schema::CLAUSE_ID)?),
        Unit::Documents => KeySource::Files,
        Unit::Companies => {
            let column = reader
                .fast_fields()
                .str(crate::schema::COMPANY)?
                .ok_or_else(|| TantivyError::SchemaError("company has no column".into()))?;
            let mut hashes = Vec::with_capacity(column.num_terms());
            let mut bytes = Vec::new();
            for ord in 0..column.num_terms() as u64 {
                bytes.clear();
                column
                    .dictionary()
                    .ord_to_term(ord, &mut bytes)
                    .map_err(TantivyError::from)?;
                hashes.push(xxh3_64(&bytes));
            }
            KeySource::Company(column, hashes)
        }
    };
    let sets = !matches!(key_source, KeySource::None);
    let mut counts: Vec<Tallies> = columns
        .iter()
        .map(|c| {
            let n = match c {
                Column::Facet(c) => c.num_terms(),
                Column::Bits { names, .. } => names.len(),
            };
            match sets {
                false => Tallies::Sums(vec![0; n]),
                true => Tallies::Sets(vec![HashSet::new(); n]),
            }
        })
        .collect();
    let mut total = 0usize;
    let mut total_keys: HashSet<u64> = HashSet::new();
    let alive = reader.alive_bitset();
    let mut live: Vec<DocId> = Vec::with_capacity(COLLECT_BLOCK_BUFFER_LEN);
    let mut firsts: Vec<Option<u64>> = vec![None; COLLECT_BLOCK_BUFFER_LEN];
    let mut counted: Vec<u64> = vec![0; COLLECT_BLOCK_BUFFER_LEN];
    // The keys of each document of a block: `keys[bounds[i]..bounds[i + 1]]`.
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
            KeySource::None => total += counted.iter().sum::<u64>() as usize,
            KeySource::Files => total_keys.extend(keys.iter().copied()),
            KeySource::Clause(_) | KeySource::Company(..) => {
                let out = &mut firsts[..docs.len()];
                out.fill(None);
                match &key_source {
                    KeySource::Clause(c) => c.first_vals(docs, out),
                    KeySource::Company(c, _) => c.ords().first_vals(docs, out),
                    _ => {}
                }
                for (v, &w) in out.iter().zip(counted.iter()) {
                    let key = match (&key_source, v) {
                        (_, None) => None,
                        (KeySource::Company(_, hashes), Some(ord)) => {
                            hashes.get(*ord as usize).copied()
                        }
                        (_, Some(v)) => Some(*v),
                    };
                    if let Some(key) = key.filter(|_| w > 0) {
                        keys.push(key);
                    }
                    bounds.push(keys.len());
                }
                total_keys.extend(keys.iter().copied());
            }
        }
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
                        counts.add(ord as usize, w, keys_of(i));
                    }
                }
                continue;
            }
            let out = &mut firsts[..docs.len()];
            out.fill(None);
            ords.first_vals(docs, out);
            for (i, (value, &w)) in out.iter().zip(counted.iter()).enumerate() {
                let Some(value) = value else { continue };
                if w == 0 {
                    continue;
                }
                match bits {
                    None => counts.add(*value as usize, w, keys_of(i)),
                    Some((shift, n)) => {
                        let mut set = (value >> shift) & ((1 << n) - 1);
                        while set != 0 {
                            counts.add(set.trailing_zeros() as usize, w, keys_of(i));
                            set &= set - 1;
                        }
                    }
                }
            }
        }
    })?;
    let mut named_sums = Vec::with_capacity(columns.len());
    let mut named_sets = Vec::with_capacity(columns.len());
    for (column, counts) in columns.iter().zip(counts) {
        let mut bytes = Vec::new();
        let mut name_of = |i: usize| -> tantivy::Result<Option<String>> {
            match column {
                Column::Bits { names: of, .. } => Ok(Some(of[i].to_owned())),
                Column::Facet(c) => {
                    bytes.clear();
                    c.dictionary()
                        .ord_to_term(i as u64, &mut bytes)
                        .map_err(TantivyError::from)?;
                    // A facet value as the column stores it: its path, levels separated
                    // by NUL.
                    let facet = Facet::from_encoded(bytes.clone())
                        .map_err(|e| TantivyError::InvalidArgument(e.to_string()))?;
                    Ok(facet.to_path().first().map(|top| (*top).to_owned()))
                }
            }
        };
        match counts {
            Tallies::Sums(counts) => {
                let mut names = Vec::new();
                for (i, &n) in counts.iter().enumerate().filter(|(_, &n)| n > 0) {
                    if let Some(name) = name_of(i)? {
                        names.push((name, n));
                    }
                }
                named_sums.push(names);
            }
            Tallies::Sets(sets) => {
                let mut names = Vec::new();
                for (i, set) in sets.into_iter().enumerate().filter(|(_, s)| !s.is_empty()) {
                    if let Some(name) = name_of(i)? {
                        names.push((name, set));
                    }
                }
                named_sets.push(names);
            }
        }
    }
    Ok(match sets {
        false => SegmentCounts::Sums(total, named_sums),
        true => SegmentCounts::Sets(total_keys, named_sets),
    })
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
        type Case = (Box<dyn Query>, Selection, Box<dyn Query>);
        let all = Selection::default;
        let in_range = || Selection {
            dated: Some((2, 3)),
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
            let (total, counts) =
                tally(&weighted, query.as_ref(), &sources, &weights, occurrences).unwrap();
            let (want_total, _) =
                tally(&expanded, reference.as_ref(), &[], &all(), occurrences).unwrap();
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
