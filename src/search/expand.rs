//! From ranked clause documents to a page of hits ([`PolicyIndex::page`]); from one ranked
//! clause document to hits: its occurrences that the filters admit, each made a
//! hit with offsets absolute in its file, highlights, retention statements, and the summary
//! of a distinct clause (how many files hold it, first and last seen).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, TantivyDocument, Term};

use super::catalog::GroupDoc;
use super::question::candidate_of;
use super::rank;
use super::selection::Selection;
use super::{Hit, PolicyIndex, SearchRequest, SegmentColumns};
use crate::analyze::lang::Lang;
use crate::analyze::retention::Retention;
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
    pub(super) fn clause_view(&self, doc: &TantivyDocument, marks: &Marks) -> ClauseView {
        let stored = StoredDoc::new(doc, &self.fields);
        let text = stored.text();
        let lang = stored.lang();
        let text_highlights = highlight(&text, lang, marks);
        ClauseView {
            company: stored.company(),
            kind: stored.kind_name(),
            lang: lang.code(),
            section: stored.section(),
            topics: stored.topics(),
            retention: stored.retention(),
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
    pub(super) lang: &'static str,
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
            score: Some(score),
            path: crate::corpus::pathkey::display(&file.path).to_owned(),
            path_bytes: crate::corpus::pathkey::bytes_base64(&file.path),
            company: self.company.clone(),
            topics: self.topics.clone(),
            span: o.span,
            line: o.line,
            // The heading it has in this file (a heading renamed in another version).
            section: o.section.clone().unwrap_or_else(|| self.section.clone()),
            text: self.text.clone(),
            kind: self.kind.clone(),
            lang: self.lang,
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
            clause_id: 0,
            candidate: None,
        }
    }
}

/// What highlights look for: the query's terms on the clause text, and on a clause in a
/// language polsearch analyses in its own right its terms on that analysis too
/// ([`schema::Fields::text_native`]).
#[derive(Debug, Clone, Default)]
pub(super) struct Marks {
    /// Terms of the clause-text field ([`schema::analyzer`]).
    pub text: HashSet<String>,
    /// Terms of the native clause-text field ([`schema::native_analyzer`]: `fr:conserv`).
    pub native: HashSet<String>,
}

/// Byte ranges in `text` (a clause in `lang`) of words whose analysed form is one of the
/// query's terms: by the English analysis, and by the clause's language's own too.
pub(super) fn highlight(text: &str, lang: Lang, marks: &Marks) -> Vec<Span> {
    let mut out = matching_words(text, schema::analyzer(), &marks.text);
    let native = (!marks.native.is_empty())
        .then(|| schema::native_analyzer(lang, true))
        .flatten();
    if let Some(analyzer) = native {
        out.extend(matching_words(text, analyzer, &marks.native));
        out.sort_unstable_by_key(|s| (s.start, s.end));
        out.dedup();
    }
    out
}

/// Byte ranges in `text` of the tokens `analyzer` makes one of `terms`.
fn matching_words(text: &str, mut analyzer: TextAnalyzer, terms: &HashSet<String>) -> Vec<Span> {
    if terms.is_empty() {
        return Vec::new();
    }
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

/// What pages remember as they fill: the distinct clauses shown and the hits per company.
/// A search's one page starts from nothing; an export's pages share one.
#[derive(Debug, Default)]
pub(super) struct PageState {
    shown: HashSet<u64>,
    per_company: HashMap<String, usize>,
}

impl PolicyIndex {
    /// The hits `offset..offset + limit` of a ranking of clause documents: one per distinct
    /// clause, or each document's occurrences in order (with [`SearchRequest::occurrences`]);
    /// only occurrences `selection` admits, at most `per_company` hits per company.
    pub(super) fn page(
        &self,
        searcher: &Searcher,
        ranked: &[rank::Ranked],
        req: &SearchRequest,
        selection: &Selection,
        marks: &Marks,
        state: &mut PageState,
    ) -> Result<Vec<Hit>> {
        let mut hits = Vec::new();
        let mut groups: HashMap<u64, Arc<GroupDoc>> = HashMap::new();
        let PageState { shown, per_company } = state;
        // Occurrence-file columns, opened once per segment.
        let columns = self.segment_columns(searcher)?;
        let mut skip = req.offset;
        for r in ranked {
            let doc: TantivyDocument = searcher.doc(r.addr)?;
            let id = columns
                .get(r.addr.segment_ord as usize)
                .and_then(|c| c.clause_id.first(r.addr.doc_id));
            if !req.occurrences && id.is_some_and(|id| shown.contains(&id)) {
                continue;
            }
            let selected = self.selected_occurrences(searcher, &doc, selection, &mut groups)?;
            if selected.is_empty() {
                continue;
            }
            let clause = self.clause_view(&doc, marks);
            let company_hits = per_company.entry(clause.company.clone()).or_default();
            if req.occurrences {
                for (group, o) in &selected {
                    if req.per_company.is_some_and(|n| *company_hits >= n) {
                        break;
                    }
                    *company_hits += 1;
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    let file = &groups[group].files[o.file as usize];
                    let rank = req.offset + hits.len() + 1;
                    let mut hit = clause.hit(o, file, rank, r.score);
                    hit.clause_id = id.unwrap_or_default();
                    hit.candidate = Some(candidate_of(columns, r));
                    summarise(&mut hit, &selected, &groups);
                    hits.push(hit);
                    if hits.len() == req.limit {
                        return Ok(hits);
                    }
                }
                continue;
            }
            if req.per_company.is_some_and(|n| *company_hits >= n) {
                continue;
            }
            *company_hits += 1;
            if let Some(id) = id {
                shown.insert(id);
            }
            if skip > 0 {
                skip -= 1;
                continue;
            }
            // The same clause in the other groups of a folder too big for one group.
            let mut all = selected;
            if let Some(id) = id {
                let term = Term::from_field_u64(self.fields.clause_id, id);
                for addr in schema::live_docs(searcher, &term)? {
                    // Another group's document: read only if it has a selected file (its
                    // occurrences column, before the stored document and its group's).
                    if !selection.is_all() {
                        let admitted = columns.get(addr.segment_ord as usize).is_some_and(|c| {
                            c.occ_keys
                                .values_for_doc(addr.doc_id)
                                .any(|k| selection.admits(k))
                        });
                        if !admitted {
                            continue;
                        }
                    }
                    if addr != r.addr {
                        let other: TantivyDocument = searcher.doc(addr)?;
                        all.extend(self.selected_occurrences(
                            searcher,
                            &other,
                            selection,
                            &mut groups,
                        )?);
                    }
                }
            }
            // The most recent occurrence: latest date, then last path, then first offset.
            let newest = all
                .iter()
                .max_by(|(ga, a), (gb, b)| {
                    let (fa, fb) = (
                        &groups[ga].files[a.file as usize],
                        &groups[gb].files[b.file as usize],
                    );
                    (fa.date, &fa.path)
                        .cmp(&(fb.date, &fb.path))
                        .then_with(|| b.span.start.cmp(&a.span.start))
                })
                .expect("a selected occurrence");
            let file = &groups[&newest.0].files[newest.1.file as usize];
            let rank = req.offset + hits.len() + 1;
            let mut hit = clause.hit(&newest.1, file, rank, r.score);
            hit.clause_id = id.unwrap_or_default();
            hit.candidate = Some(candidate_of(columns, r));
            summarise(&mut hit, &all, &groups);
            hits.push(hit);
            if hits.len() == req.limit {
                return Ok(hits);
            }
        }
        Ok(hits)
    }

    /// The clause-id and occurrence-key columns of every segment, opened at first use (the
    /// searcher, and so its segments, never change while the index is open).
    pub(super) fn segment_columns(&self, searcher: &Searcher) -> Result<&[SegmentColumns]> {
        if let Some(c) = self.columns.get() {
            return Ok(c);
        }
        let mut columns = Vec::new();
        for reader in searcher.segment_readers() {
            let fast = reader.fast_fields();
            columns.push(SegmentColumns {
                clause_id: fast.u64(schema::CLAUSE_ID)?,
                occ_keys: fast.u64(schema::OCC_KEYS)?,
                rank_key: fast.u64(schema::RANK_KEY)?,
                signals: fast.u64(schema::SIGNALS)?,
                topic_scores: fast.u64(schema::TOPIC_SCORES)?,
            });
        }
        Ok(self.columns.get_or_init(|| columns))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_find_stemmed_words() {
        let marks = Marks {
            text: ["month".to_owned(), "retain".to_owned()].into(),
            native: HashSet::new(),
        };
        let text = "We retain logs for 12 Months.";
        let got: Vec<&str> = highlight(text, Lang::En, &marks)
            .iter()
            .map(|s| s.of(text).unwrap())
            .collect();
        assert_eq!(got, vec!["retain", "Months"]);
    }

    #[test]
    fn french_clauses_highlight_french_stems_too() {
        let marks = Marks {
            text: ["cooki".to_owned()].into(),
            native: ["fr:conserv".to_owned(), "fr:dur".to_owned()].into(),
        };
        let text = "Durées : nous devons conserver les cookies, conservées 13 mois.";
        let words = |lang| -> Vec<&str> {
            highlight(text, lang, &marks)
                .iter()
                .map(|s| s.of(text).unwrap())
                .collect()
        };
        assert_eq!(
            words(Lang::Fr),
            vec!["Durées", "conserver", "cookies", "conservées"]
        );
        // An English clause is read by the English analysis alone, a clause in another
        // language by its own analysis (the French terms are no German ones).
        assert_eq!(words(Lang::En), vec!["cookies"]);
        assert_eq!(words(Lang::De), vec!["cookies"]);
    }
}
