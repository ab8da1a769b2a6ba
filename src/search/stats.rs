//! What an index holds in figures: facet counts over the whole index (companies, topics,
//! kinds, languages) and the `stats` command's numbers.

use std::collections::HashSet;

use tantivy::query::AllQuery;
use tantivy::schema::Facet;

use super::selection::Selection;
use super::tally::{self, Unit};
use super::{FacetCount, PolicyIndex};
use crate::analyze::topic::Topic;
use crate::error::{Error, Result};
use crate::index::schema;
use crate::index::store::disk_size;

impl PolicyIndex {
    /// Every company in the index with its clause count, most clauses first.
    pub fn companies(&self) -> Result<Vec<FacetCount>> {
        self.facet_counts(schema::COMPANY)
    }

    /// A facet's counts over the whole index.
    pub(super) fn facet_counts(&self, field: &str) -> Result<Vec<FacetCount>> {
        let topics = topic_names();
        let source = facet_source(field, &topics);
        let (_, mut counts) = tally::tally(
            &self.searcher(),
            &AllQuery,
            &[source],
            &Selection::default(),
            Unit::Occurrences,
            None,
        )?;
        Ok(facet_count_list(counts.pop().unwrap_or_default()))
    }

    /// The names of all companies in the index, read from the facet's term dictionary (no
    /// pass over the clauses).
    pub fn company_names(&self) -> Result<Vec<String>> {
        let mut names = std::collections::BTreeSet::new();
        for reader in self.searcher().segment_readers() {
            let inverted = reader.inverted_index(self.fields.company)?;
            let mut stream = inverted
                .terms()
                .stream()
                .map_err(|e| Error::io(&self.dir, e))?;
            while stream.advance() {
                if let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) {
                    // The facet root ("/") has no name: it is no company.
                    if let Some(name) = facet.to_path().last().filter(|n| !n.is_empty()) {
                        names.insert((*name).to_owned());
                    }
                }
            }
        }
        Ok(names.into_iter().collect())
    }

    /// Figures about the index for `polsearch stats`.
    pub fn stats(&self) -> Result<IndexStats> {
        crate::index::integrity::guard_index(&self.dir, || self.stats_unguarded())
    }

    pub(super) fn stats_unguarded(&self) -> Result<IndexStats> {
        let searcher = self.searcher();
        let all = Selection::default();
        let (clauses, _) = tally::tally(&searcher, &AllQuery, &[], &all, Unit::Occurrences, None)?;
        let clauses = clauses as u64;
        let shared = self.shared_for(&searcher, Unit::Clauses)?;
        let (distinct, _) = tally::tally(
            &searcher,
            &AllQuery,
            &[],
            &all,
            Unit::Clauses,
            shared.as_ref(),
        )?;
        let distinct_clauses = distinct as u64;
        let documents = {
            let mut paths = HashSet::new();
            for reader in searcher.segment_readers() {
                let inverted = reader.inverted_index(self.fields.path)?;
                let mut stream = inverted
                    .terms()
                    .stream()
                    .map_err(|e| Error::io(&self.dir, e))?;
                while stream.advance() {
                    paths.insert(stream.key().to_vec());
                }
            }
            paths.len() as u64
        };
        let versions = self.all_versions()?;
        let policies = {
            let distinct: HashSet<_> = versions.iter().map(|v| v.file.policy()).collect();
            distinct.len() as u64
        };
        let partial_captures = versions.iter().filter(|v| v.partial.is_some()).count() as u64;
        Ok(IndexStats {
            index: self.dir.display().to_string(),
            corpus: self.meta.corpus.display().to_string(),
            documents,
            policies,
            partial_captures,
            clauses,
            distinct_clauses,
            source_bytes: self.meta.bytes,
            index_bytes: disk_size(&self.dir),
            polsearch_version: self.meta.polsearch_version.clone(),
            companies: self.companies()?,
            topics: self.facet_counts(schema::TOPIC)?,
            kinds: self.facet_counts(schema::KIND)?,
            langs: self.facet_counts(schema::LANG)?,
        })
    }
}

/// Figures for `polsearch stats`.
#[derive(Debug, Clone)]
pub struct IndexStats {
    /// The index folder.
    pub index: String,
    /// The corpus it was built from.
    pub corpus: String,
    /// Files indexed.
    pub documents: u64,
    /// Policies: a company's versions of one document of one kind and language
    /// ([`crate::index::documents::GroupFile::policy`]), each file a version of one.
    pub policies: u64,
    /// Versions that are partial captures ([`crate::versions::partial_captures`]: failed,
    /// truncated or other pages), which `--latest`, `--as-of` and `diff` pass over.
    pub partial_captures: u64,
    /// Clause occurrences in all files.
    pub clauses: u64,
    /// Distinct clauses (a clause repeated in versions of a policy counts once).
    pub distinct_clauses: u64,
    /// Bytes of the files indexed.
    pub source_bytes: u64,
    /// Bytes of the index on disk.
    pub index_bytes: u64,
    /// The polsearch that wrote the index.
    pub polsearch_version: String,
    /// Clause occurrences per company.
    pub companies: Vec<FacetCount>,
    /// Clause occurrences per topic.
    pub topics: Vec<FacetCount>,
    /// Clause occurrences per kind.
    pub kinds: Vec<FacetCount>,
    /// Clause occurrences per language.
    pub langs: Vec<FacetCount>,
}

/// Topic names in taxonomy order: the bits of [`schema::RankKey::topics`].
pub(super) fn topic_names() -> [&'static str; Topic::ALL.len()] {
    Topic::ALL.map(Topic::name)
}

/// Where `--facets` reads a facet field's values: topics from the rank-key column (one
/// batched read per block of matches, where the multi-valued facet column costs a lookup
/// per clause and value), the others from their facet columns.
pub(super) fn facet_source<'a>(field: &'a str, topics: &'a [&'a str]) -> tally::Source<'a> {
    if field == schema::TOPIC {
        tally::Source::Bits {
            field: schema::RANK_KEY,
            shift: schema::RankKey::TOPIC_SHIFT,
            names: topics,
        }
    } else {
        tally::Source::Facet(field)
    }
}

pub(super) fn facet_count_list(counts: tally::Counts) -> Vec<FacetCount> {
    counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect()
}
