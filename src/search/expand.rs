//! From a ranked clause document to hits: its occurrences that the filters admit, each made a
//! hit with offsets absolute in its file, highlights, retention statements, and the summary
//! of a distinct clause (how many files hold it, first and last seen).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::{Searcher, TantivyDocument, Term};

use super::catalog::GroupDoc;
use super::tally::Selection;
use super::{Hit, PolicyIndex};
use crate::analyze::retention::{self, Retention};
use crate::analyze::topic::Topic;
use crate::corpus::layout::OffsetMap;
use crate::error::Result;
use crate::index::documents::{GroupFile, Occurrence, StoredDoc};
use crate::index::schema;
use crate::text::Span;

impl PolicyIndex {
    /// The occurrences of a clause document that `selection` admits, with their group (whose
    /// document is read into `groups` when first needed).
    pub(super) fn selected_occurrences(
        &self,
        searcher: &Searcher,
        doc: &TantivyDocument,
        selection: &Selection,
        groups: &mut HashMap<u64, Arc<GroupDoc>>,
    ) -> Result<Vec<(u64, Occurrence)>> {
        let stored = StoredDoc::new(doc, &self.fields);
        let occurrences = stored.occurrences();
        if occurrences.is_empty() {
            return Ok(Vec::new());
        }
        let group = stored.group();
        if let std::collections::hash_map::Entry::Vacant(e) = groups.entry(group) {
            e.insert(self.group_doc(searcher, group)?);
        }
        let files = &groups[&group].files;
        Ok(occurrences
            .into_iter()
            .filter(|o| {
                files.get(o.file as usize).is_some_and(|f| {
                    let day = schema::day_of(f.date);
                    selection.admits(schema::occ_key(day, schema::file_id(group, o.file)))
                })
            })
            .map(|o| (group, o))
            .collect())
    }

    /// What every hit of a clause document shows, offsets relative to the clause text.
    pub(super) fn clause_view(&self, doc: &TantivyDocument, terms: &HashSet<String>) -> ClauseView {
        let stored = StoredDoc::new(doc, &self.fields);
        let text = stored.text();
        let text_highlights = highlight(&text, terms);
        let topics = stored.topics();
        let about_retention = topics.iter().any(|t| t == Topic::DataRetention.name());
        let retention = retention::extract(&text, about_retention);
        ClauseView {
            company: stored.company(),
            kind: stored.kind_name(),
            section: stored.section(),
            topics,
            retention,
            text_highlights,
            text,
        }
    }
}

/// Fill a hit's summary of its distinct clause from the occurrences selected.
pub(super) fn summarise(
    hit: &mut Hit,
    all: &[(u64, Occurrence)],
    groups: &HashMap<u64, Arc<GroupDoc>>,
) {
    let files: HashSet<(u64, u32)> = all.iter().map(|(g, o)| (*g, o.file)).collect();
    let dated = files
        .iter()
        .map(|(g, f)| &groups[g].files[*f as usize])
        .filter(|f| f.date != schema::NO_DATE);
    let first = dated.clone().min_by_key(|f| f.date);
    let last = dated.max_by_key(|f| f.date);
    hit.occurrences = all.len() as u64;
    hit.documents = files.len() as u64;
    hit.first_seen = first.map(|f| f.date_text.clone());
    hit.last_seen = last.map(|f| f.date_text.clone());
}

/// A clause document as hits show it; offsets relative to the clause text.
pub(super) struct ClauseView {
    pub(super) text: String,
    pub(super) section: String,
    pub(super) company: String,
    pub(super) kind: String,
    pub(super) topics: Vec<String>,
    pub(super) retention: Vec<Retention>,
    pub(super) text_highlights: Vec<Span>,
}

impl ClauseView {
    /// The hit of one occurrence: offsets made absolute in its file.
    pub(super) fn hit(&self, o: &Occurrence, file: &GroupFile, rank: usize, score: f32) -> Hit {
        let map = o.map.as_deref().map(OffsetMap::from_bytes);
        // A span of the clause text made absolute in the file.
        let to_file = |s: Span| match &map {
            Some(m) => Span::new(m.raw_start(s.start), m.raw_end(s.end)),
            None => s.shift(o.span.start),
        };
        let retention = self
            .retention
            .iter()
            .map(|r| Retention {
                span: to_file(r.span),
                ..r.clone()
            })
            .collect();
        let highlights = self.text_highlights.iter().map(|&s| to_file(s)).collect();
        Hit {
            rank,
            score,
            path: crate::corpus::pathkey::display(&file.path).to_owned(),
            path_bytes: crate::corpus::pathkey::bytes_base64(&file.path),
            company: self.company.clone(),
            topics: self.topics.clone(),
            span: o.span,
            line: o.line,
            section: self.section.clone(),
            text: self.text.clone(),
            kind: self.kind.clone(),
            date: Some(file.date_text.clone()).filter(|d| !d.is_empty()),
            snapshot: Some(file.snapshot_text.clone()).filter(|d| !d.is_empty()),
            effective: Some(file.effective_text.clone()).filter(|d| !d.is_empty()),
            title: Some(file.title.clone()).filter(|t| !t.is_empty()),
            occurrences: 1,
            documents: 1,
            first_seen: None,
            last_seen: None,
            retention,
            highlights,
            text_highlights: self.text_highlights.clone(),
            candidate: None,
        }
    }
}

/// Byte ranges in `text` of words whose analysed form is one of `terms`.
pub(super) fn highlight(text: &str, terms: &HashSet<String>) -> Vec<Span> {
    if terms.is_empty() {
        return Vec::new();
    }
    let mut analyzer = schema::analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        if terms.contains(&token.text) {
            out.push(Span::new(token.offset_from, token.offset_to));
        }
    }
    out
}

impl PolicyIndex {
    /// Every clause occurrence of the index as a hit (no score, no highlights), group by
    /// group and in each group in file and offset order: what an export writes, without
    /// searching. Groups are read one at a time, so memory stays bounded by the largest.
    pub fn occurrences(&self) -> Result<impl Iterator<Item = Result<Hit>> + '_> {
        let searcher = self.searcher();
        let mut groups: Vec<u64> = self.all_versions()?.iter().map(|v| v.id >> 20).collect();
        groups.sort_unstable();
        groups.dedup();
        let mut rank = 0;
        Ok(groups
            .into_iter()
            .flat_map(
                move |group| match self.group_occurrences(&searcher, group) {
                    Ok(hits) => hits.into_iter().map(Ok).collect::<Vec<_>>(),
                    Err(e) => vec![Err(e)],
                },
            )
            .map(move |mut hit| {
                if let Ok(hit) = &mut hit {
                    rank += 1;
                    hit.rank = rank;
                }
                hit
            }))
    }

    /// The occurrences of one group's clauses, in file and offset order.
    fn group_occurrences(&self, searcher: &Searcher, group: u64) -> Result<Vec<Hit>> {
        crate::index::integrity::guard_index(&self.dir, || {
            let files = self.read_group_doc(searcher, group)?.files;
            let no_terms = HashSet::new();
            let mut views = Vec::new();
            let mut places = Vec::new();
            let term = Term::from_field_u64(self.fields.group, group);
            for addr in schema::live_docs(searcher, &term)? {
                let doc: TantivyDocument = searcher.doc(addr)?;
                let stored = StoredDoc::new(&doc, &self.fields);
                if stored.is_group_document() {
                    continue;
                }
                places.extend(stored.occurrences().into_iter().map(|o| (o, views.len())));
                views.push(self.clause_view(&doc, &no_terms));
            }
            places.sort_by_key(|(o, _)| (o.file, o.span.start, o.span.end));
            Ok(places
                .iter()
                .filter_map(|(o, view)| {
                    let file = files.get(o.file as usize)?;
                    Some(views[*view].hit(o, file, 0, 0.0))
                })
                .collect())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_find_stemmed_words() {
        let terms: HashSet<String> = ["month".to_owned(), "retain".to_owned()].into();
        let text = "We retain logs for 12 Months.";
        let got: Vec<&str> = highlight(text, &terms)
            .iter()
            .map(|s| s.of(text).unwrap())
            .collect();
        assert_eq!(got, vec!["retain", "Months"]);
    }
}
