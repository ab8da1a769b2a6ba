//! A request's filters: company, topic, kind, language, retention and date conditions as tantivy
//! queries AND-ed with the text query, and the documents, files and dates a search admits
//! ([`Selection`]: versions, effective dates, first-seen dates and presence).

use std::ops::Bound;

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::Term;

use crate::analyze::topic::Topic;
use crate::error::Result;
use crate::index::schema;
use crate::policy::PolicyDate;

use super::docfilter::DocSets;
use super::selection::{FileSet, Selection};
use super::{AsOf, PolicyIndex, Presence, SearchRequest};

/// The filter queries of a request (each AND-ed with its text query) and what it admits.
type Filters = (Vec<(Occur, Box<dyn Query>)>, Selection);

impl PolicyIndex {
    /// The filters of `req`, with the companies and topics of its flags and of its query.
    pub(super) fn filters(
        &self,
        req: &SearchRequest,
        company_names: &[String],
        topics: &[Topic],
    ) -> Result<Filters> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !company_names.is_empty() {
            let mut resolved = Vec::new();
            for name in company_names {
                resolved.push(self.resolve_company(name)?);
            }
            clauses.push((Occur::Must, facet_filter(self.fields.company, &resolved)));
        }
        if !topics.is_empty() {
            let names: Vec<&str> = topics.iter().map(|t| t.name()).collect();
            clauses.push((Occur::Must, facet_filter(self.fields.topic, &names)));
        }
        if !req.kinds.is_empty() {
            let names: Vec<&str> = req.kinds.iter().map(|k| k.name()).collect();
            clauses.push((Occur::Must, facet_filter(self.fields.kind, &names)));
        }
        if !req.langs.is_empty() {
            let names: Vec<&str> = req.langs.iter().map(|l| l.code()).collect();
            clauses.push((Occur::Must, facet_filter(self.fields.lang, &names)));
        }
        if !req.retention_kinds.is_empty() {
            let names: Vec<&str> = req.retention_kinds.iter().map(|k| k.name()).collect();
            clauses.push((Occur::Must, facet_filter(self.fields.retention, &names)));
        }
        if req.retention_min.is_some() || req.retention_max.is_some() {
            let bound = |d: Option<u64>| match d {
                Some(d) => Bound::Included(Term::from_field_u64(self.fields.retention_longest, d)),
                None => Bound::Unbounded,
            };
            let range = RangeQuery::new(bound(req.retention_min), bound(req.retention_max));
            let filter: Box<dyn Query> = Box::new(ConstScoreQuery::new(Box::new(range), 0.0));
            clauses.push((Occur::Must, filter));
        }
        // A date filter selects clause documents with an occurrence in range, then counts
        // and shows only those occurrences (undated ones never: they are NO_DATE).
        let range_of = |since: Option<PolicyDate>, until: Option<PolicyDate>| {
            (since.is_some() || until.is_some()).then(|| {
                (
                    since.map_or(schema::NO_DATE + 1, |d| d.unix_seconds()),
                    until.map_or(i64::MAX, |d| d.unix_seconds()),
                )
            })
        };
        let mut selection = Selection {
            dated: range_of(req.since, req.until)
                .map(|(lo, hi)| (schema::day_of(lo), schema::day_of(hi))),
            files: None,
            prefiltered: false,
            docs: None,
        };
        if let Some((lo, hi)) = selection.dated {
            let (lo, hi) = schema::key_range(lo, hi);
            let range = RangeQuery::new(
                Bound::Included(Term::from_field_u64(self.fields.occ_keys, lo)),
                Bound::Included(Term::from_field_u64(self.fields.occ_keys, hi)),
            );
            let filter: Box<dyn Query> = Box::new(ConstScoreQuery::new(Box::new(range), 0.0));
            clauses.push((Occur::Must, filter));
        }
        // Versions and effective dates select files: the current version of each policy, the
        // files stating an effective date in range, or both.
        let mut files = match req.as_of {
            Some(as_of) => Some(self.current_files(as_of)?),
            None => None,
        };
        let effective = range_of(req.effective_since, req.effective_until);
        if let Some((lo, hi)) = effective {
            let stated: FileSet = self
                .all_versions()?
                .iter()
                .filter(|v| (lo..=hi).contains(&v.file.effective))
                .map(|v| v.id)
                .collect();
            files = Some(std::sync::Arc::new(match files {
                Some(current) => current.intersection(&stated).copied().collect(),
                None => stated,
            }));
        }
        // Every file selected (a corpus without versions: each document its own policy, and
        // current): every clause document has an occurrence in one, so no document is left
        // out and the pass over every occurrence below is not needed.
        let every = match &files {
            Some(files) => files.len() >= self.all_versions()?.len(),
            None => false,
        };
        if let Some(files) = files {
            let as_of = if effective.is_none() { req.as_of } else { None };
            // The documents with an occurrence in a current file, by a pass over the
            // occurrence-file column; the latest versions' are the same for every search and
            // found once. Ranking and counting skip the others as they visit matches.
            let docs = match (as_of, self.latest_docs.get()) {
                _ if every => None,
                (Some(AsOf::Latest), Some(docs)) => Some(docs.clone()),
                _ => {
                    let docs =
                        DocSets::with_occurrence_in(&self.searcher(), schema::OCC_KEYS, &files)?;
                    Some(match as_of {
                        Some(AsOf::Latest) => self.latest_docs.get_or_init(|| docs).clone(),
                        _ => docs,
                    })
                }
            };
            if let Some(docs) = docs {
                selection.docs = Some(match selection.docs.take() {
                    Some(other) => other.intersect(&docs),
                    None => docs,
                });
            }
            selection.files = Some(files);
        }
        if req.added_since.is_some() || req.presence.is_some() {
            let history = self.clause_history()?;
            let since = req.added_since.map(|d| schema::day_of(d.unix_seconds()));
            let presence = req.presence;
            let set = history.docs(|first, current| {
                since.is_none_or(|s| first != 0 && first >= s)
                    && match presence {
                        Some(Presence::Current) => current,
                        Some(Presence::Removed) => !current,
                        None => true,
                    }
            });
            selection.docs = Some(match selection.docs.take() {
                Some(docs) => docs.intersect(&set),
                None => set,
            });
        }
        // One condition: the query's filter on it keeps only documents with an admitted
        // occurrence.
        let conditions = [selection.dated.is_some(), selection.files.is_some()];
        selection.prefiltered = conditions.iter().filter(|&&c| c).count() == 1;
        Ok((clauses, selection))
    }
}

/// A filter on facet values that matches any of `values` and adds nothing to the score.
pub(super) fn facet_filter<S: AsRef<str>>(field: Field, values: &[S]) -> Box<dyn Query> {
    let should: Vec<(Occur, Box<dyn Query>)> = values
        .iter()
        .map(|v| {
            let term = Term::from_facet(field, &Facet::from_path([v.as_ref()]));
            let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, q)
        })
        .collect();
    Box::new(ConstScoreQuery::new(
        Box::new(BooleanQuery::new(should)),
        0.0,
    ))
}
