//! Searching an index: ranked clauses with highlights, facet counts and facet filters.
//!
//! Ranking is BM25 over clause text (English-stemmed; a query read in French, German, Spanish,
//! Italian, Dutch or Portuguese also over that language's clauses' own stems, `text_native`),
//! with the section heading as a weaker
//! second field. Company and topic filters restrict the result set without changing scores.
//! Highlights are the byte ranges of matching words, absolute in the source file.
//!
//! What is ranked is a clause document: one distinct clause of a group of files, standing
//! for each of its occurrences ([`crate::index::schema`]). By default a page lists *distinct
//! clauses*: one hit per clause (the clause documents of every group holding it merged),
//! with how many occurrences and files hold it, the first and last dates it was seen, and
//! its most recent occurrence's path, offsets and line. With
//! [`SearchRequest::occurrences`], a page lists every occurrence instead, each clause
//! document expanded in path and offset order. Totals and facet counts count the
//! [`Unit`] asked for (distinct clauses by default).

pub mod answer;
mod catalog;
pub mod count;
mod crosstab;
pub mod docfilter;
mod expand;
mod export;
mod filters;
mod live;
pub mod query;
mod question;
pub mod rank;
pub mod relevance;
mod request;
mod retention_table;
pub mod selection;
mod stats;
pub mod tally;

pub use catalog::{current_version, last_capture, StoredClause, Version};
use catalog::{ClauseHistory, GroupDoc, PolicyVersions};
pub use crosstab::{CountRequest, CountRow, CountTable, Dimension};
pub use export::Export;
pub use live::LiveIndex;
pub use request::{
    AsOf, FacetCount, FacetCounts, Hit, Order, Presence, Ranking, SearchRequest, SearchResults,
};
pub use retention_table::{CompanyRetention, RetentionRequest, RetentionTable};
pub use stats::IndexStats;
use stats::{facet_count_list, facet_source, topic_names};
use std::collections::{HashMap, HashSet};
use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, QueryParser, RangeQuery};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, Term};

use crate::analyze::period::periods_in;
use crate::error::{Error, Result};
use crate::index::integrity;
use crate::index::schema::{self, Fields};
use crate::index::store::{IndexMeta, Store};
use docfilter::DocSets;
use query::TextQuery;
use question::Question;
use selection::FileSet;
use tally::Unit;

/// Decompressed doc-store blocks kept per segment (tantivy keeps 100 by default). A page of
/// hits reads a few blocks; reading every group document (the catalog of versions) read a
/// block each, and 100 per segment of 64 KB blocks grew the heap by tens of MB of fresh
/// pages: 10 cost a search nothing measurable (BENCHMARKS, session 49).
pub const DOC_STORE_CACHE_BLOCKS: usize = 10;

/// Weight of a match in the section heading relative to one in the clause itself.
const SECTION_BOOST: f32 = 0.3;

/// What a clause stating a period the query names scores on top of its words' BM25 (about
/// what one rare query word adds).
const PERIOD_BOOST: f32 = 3.0;
/// Without `--facets` or [`SearchRequest::exact_total`], counting stops after this many
/// matches and the total is reported as a lower bound ("at least"), so that a page of a
/// common word's matches does not cost a visit to every one of them.
pub const COUNT_CAP: usize = 10_000;

/// What ranking may know of a text query's shape (the owned form of [`rank::Shape`]).
enum TextShape {
    Other,
    /// A flat union of these leaves.
    Words(Vec<rank::Leaf>),
    /// One phrase on text and section; the leaves are its terms, the union that bounds it.
    Phrase(Vec<rank::Leaf>),
}

/// What a search matches ([`PolicyIndex::matching`]).
struct Matching {
    /// Notes for the user (query syntax read as words, a stale index).
    notes: Vec<String>,
    /// The text part (every clause document for an empty query).
    text_query: Box<dyn Query>,
    text_shape: TextShape,
    /// Company, topic, kind, date and retention filters, each a constant-score clause.
    filters: Vec<(Occur, Box<dyn Query>)>,
    /// The occurrences the filters admit.
    selection: selection::Selection,
    /// The language besides English the query was read in ([`query::PreparedQuery::native`]).
    native: Option<crate::analyze::lang::Lang>,
    /// Whether the query has words (not only filters, or nothing).
    words: bool,
}

impl Matching {
    /// The text query AND-ed with the filters (and `extra`, when given): every clause
    /// document the request admits.
    fn query(&self, extra: Option<Box<dyn Query>>) -> Box<dyn Query> {
        if self.filters.is_empty() && extra.is_none() {
            return self.text_query.box_clone();
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, self.text_query.box_clone())];
        clauses.extend(self.filters.iter().map(|(o, q)| (*o, q.box_clone())));
        clauses.extend(extra.map(|q| (Occur::Must, q)));
        Box::new(BooleanQuery::new(clauses))
    }
}

/// An open index, ready to answer searches.
pub struct PolicyIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    meta: IndexMeta,
    dir: std::path::PathBuf,
    /// The generation folder it reads ([`crate::index::store`]).
    generation: std::path::PathBuf,
    /// Each policy's versions, read once from the group documents (the searcher never
    /// moves to a newer generation), for `--latest` and `--as-of`.
    policies: std::sync::OnceLock<Vec<PolicyVersions>>,
    latest: std::sync::OnceLock<std::sync::Arc<FileSet>>,
    /// Every file of the index with its id, read once.
    versions: std::sync::OnceLock<std::sync::Arc<Vec<Version>>>,
    /// The clause documents of the latest versions, as a filter ([`DocSets`]).
    latest_docs: std::sync::OnceLock<DocSets>,
    /// The clause documents whose clause another document holds too.
    shared: std::sync::OnceLock<DocSets>,
    /// When each clause was first seen and whether it is current (`--added-since`,
    /// `--current`, `--removed`).
    clause_history: std::sync::OnceLock<std::sync::Arc<ClauseHistory>>,
    /// Group documents read by earlier searches (a hit reads its group's, and a clause in
    /// several groups all of theirs): they never change while the index is open.
    group_cache: std::sync::Mutex<HashMap<u64, Arc<GroupDoc>>>,
    /// The clause-id and occurrence-key columns of each segment (by ordinal), opened once.
    columns: std::sync::OnceLock<Vec<SegmentColumns>>,
}

/// Columns a page reads for its hits.
struct SegmentColumns {
    clause_id: tantivy::columnar::Column<u64>,
    occ_keys: tantivy::columnar::Column<u64>,
    rank_key: tantivy::columnar::Column<u64>,
    signals: tantivy::columnar::Column<u64>,
    topic_scores: tantivy::columnar::Column<u64>,
}

impl PolicyIndex {
    /// Open the live generation of the index folder `dir`.
    pub fn open(dir: &Path) -> Result<PolicyIndex> {
        crate::index::integrity::guard_index(dir, || PolicyIndex::open_unguarded(dir))
    }

    /// A note when the index was analysed by another build of polsearch (an upgrade since):
    /// its topics, retention statements and companies follow that build's rules until
    /// `polsearch index` analyses the files again.
    pub fn stale_note(&self) -> Option<String> {
        self.meta.other_analysis().map(|build| {
            format!(
                "the index was analysed by another build of polsearch ({build}): its topics, \
                 retention and companies follow that build's rules until `{}` analyses the \
                 files again",
                crate::error::reindex_command(&self.dir, Some(&self.meta.corpus), false)
            )
        })
    }

    /// The corpus folder the index was built from, as it was given to `polsearch index`.
    pub fn corpus(&self) -> &Path {
        &self.meta.corpus
    }

    fn open_unguarded(dir: &Path) -> Result<PolicyIndex> {
        let store = Store::new(dir);
        let generation = store.require_current()?;
        let meta = IndexMeta::read(&generation, dir)?;
        let damaged = |what: String| Error::Damaged {
            path: dir.to_path_buf(),
            what,
        };
        let files = meta.compare_files(&generation);
        if let Some(changed) = files.changed.into_iter().next() {
            return Err(damaged(changed));
        }
        // Files written to since the index was: polsearch's and tantivy's JSON before tantivy
        // reads them, segment files by their checksums.
        let (segment_files, others): (Vec<String>, Vec<String>) = files
            .touched
            .into_iter()
            .partition(|name| crate::index::store::is_segment_file(name));
        if let Some(problem) = integrity::verify_hashes(&meta, &generation, &others) {
            return Err(damaged(problem));
        }
        let index = Index::open_in_dir(&generation)?;
        if let Some(problem) = integrity::verify_segment_files(&index, &generation, &segment_files)
        {
            return Err(damaged(problem));
        }
        schema::register(&index);
        let fields =
            schema::fields_of(&index.schema()).ok_or_else(|| Error::IncompatibleIndex {
                path: dir.to_path_buf(),
                corpus: Some(meta.corpus.clone()),
                found: meta.schema_version,
                expected: schema::SCHEMA_VERSION,
            })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(DOC_STORE_CACHE_BLOCKS)
            .try_into()?;
        Ok(PolicyIndex {
            index,
            reader,
            fields,
            meta,
            dir: dir.to_path_buf(),
            generation,
            policies: std::sync::OnceLock::new(),
            latest: std::sync::OnceLock::new(),
            versions: std::sync::OnceLock::new(),
            latest_docs: std::sync::OnceLock::new(),
            shared: std::sync::OnceLock::new(),
            clause_history: std::sync::OnceLock::new(),
            group_cache: std::sync::Mutex::new(HashMap::new()),
            columns: std::sync::OnceLock::new(),
        })
    }

    fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Resolve a user-typed company to the indexed name: exact (any case), else a unique
    /// prefix, else a unique word prefix ("pro" for "WEBCLOUD PRO OÜ").
    pub fn resolve_company(&self, wanted: &str) -> Result<String> {
        crate::analyze::company::resolve_name(wanted, &self.company_names()?)
    }

    /// Run a search. Damage it runs into (a tantivy error about a file, or a panic while
    /// reading one) is [`Error::Damaged`].
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        crate::index::integrity::guard_index(&self.dir, || self.search_unguarded(req))
    }

    /// What a search matches, before any ranking: the text query (periods included), the
    /// filters and the selection of occurrences; what `search` ranks and `export` lists.
    fn matching(&self, req: &SearchRequest) -> Result<Matching> {
        let mut prepared = query::prepare_in(&req.query, &req.langs)?;
        let words = prepared.text() != TextQuery::Everything;
        if let Some(note) = self.stale_note() {
            prepared.notes.push(note);
        }
        let mut company_names = req.companies.clone();
        company_names.extend(prepared.companies.iter().cloned());
        let mut topics = req.topics.clone();
        topics.extend(prepared.topics.iter().copied());
        let all = req.all_words;
        let (text_query, text_shape) = match self.text_query(&req.query, &prepared, all) {
            Ok(query) => query,
            // Questions never fail: what the parser rejects is searched as words.
            Err(Error::Query { reason, .. }) => {
                let words = query::as_words(&req.query, &req.langs)?;
                prepared.notes.push(format!(
                    "not read as query syntax ({reason}): searched as plain words"
                ));
                // Nothing searchable is left ("(((", or every word longer than a term may be):
                // the query matches nothing (not everything, as no query at all would).
                let nothing_left = matches!(words.text(), TextQuery::Everything);
                match self.text_query(&req.query, &words, all) {
                    Ok(query) if !nothing_left => query,
                    Ok(_) | Err(Error::Query { .. }) => {
                        prepared
                            .notes
                            .push("no searchable words in the query: nothing matches".to_owned());
                        (
                            Box::new(tantivy::query::EmptyQuery) as Box<dyn Query>,
                            TextShape::Other,
                        )
                    }
                    Err(e) => return Err(e),
                }
            }
            Err(e) => return Err(e),
        };
        let (text_query, text_shape) = self.with_periods(&req.query, text_query, text_shape);
        let (filters, selection) = self.filters(req, &company_names, &topics)?;
        Ok(Matching {
            native: prepared.native,
            notes: prepared.notes,
            text_query,
            text_shape,
            filters,
            selection,
            words,
        })
    }

    /// A page of hits in document order ([`Ranking::Document`]): the search's totals, facets
    /// and notes, and its hits as an export lists them, from `offset`.
    fn in_document_order(
        &self,
        req: &SearchRequest,
        matching: Matching,
        started: Instant,
    ) -> Result<SearchResults> {
        let mut counted = req.clone();
        counted.ranking = Ranking::Bm25;
        counted.limit = 0;
        let mut results = self.ranked(&counted, matching, started)?;
        results.hits = self
            .export_unguarded(req, Some(req.offset.saturating_add(req.limit)))?
            .skip(req.offset)
            .take(req.limit)
            .collect::<Result<Vec<Hit>>>()?;
        results.order = Order::Document;
        results.elapsed = started.elapsed();
        Ok(results)
    }

    fn search_unguarded(&self, req: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let matching = self.matching(req)?;
        let document_order = match req.ranking {
            Ranking::Document => true,
            // Filters alone: nothing to rank by, so read in the policies' order.
            Ranking::Auto => !matching.words,
            _ => false,
        };
        if document_order {
            return self.in_document_order(req, matching, started);
        }
        self.ranked(req, matching, started)
    }

    /// The page, totals and facets of `req` ranked (by BM25 or the question model).
    fn ranked(
        &self,
        req: &SearchRequest,
        matching: Matching,
        started: Instant,
    ) -> Result<SearchResults> {
        let Matching {
            notes,
            text_query,
            text_shape,
            filters,
            selection,
            native,
            ..
        } = matching;
        // A question's expansion terms ([`answer::Expansion`]) are not part of its query (which
        // matches, counts and highlights the words asked): they score its candidates and find
        // a few more (below).
        // The question model reads English: a question in another language is ranked by BM25
        // (README, Searching in other languages).
        let model = req
            .ranking
            .model_for(&req.query)
            .filter(|_| native.is_none());
        let intent = model.map(|(m, _)| m.intent.intent(&req.query));
        // (Not when every word is required: the expansion finds clauses without them.)
        let expansion: Vec<rank::Leaf> = match (model, &intent) {
            (Some((m, _)), Some(intent)) if !req.all_words => {
                self.expansion_leaves(m, &req.query, intent)
            }
            _ => Vec::new(),
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        clauses.extend(filters);
        let weights = &selection;
        let filtered = clauses.len() > 1;
        // The expansion terms alone, under the same filters: what finds the clauses that
        // answer without a word of the question.
        let expansion_query: Option<Box<dyn Query>> = (!expansion.is_empty()).then(|| {
            let union: Box<dyn Query> = Box::new(rank::union_query(&expansion));
            if filtered {
                let mut c: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, union)];
                c.extend(clauses[1..].iter().map(|(o, q)| (*o, q.box_clone())));
                Box::new(BooleanQuery::new(c)) as Box<dyn Query>
            } else {
                union
            }
        });
        let query: Box<dyn Query> = if filtered {
            Box::new(BooleanQuery::new(clauses))
        } else {
            text_query.box_clone()
        };
        // Filters make the query an intersection: ranked as tantivy scores it.
        let shape = match &text_shape {
            TextShape::Words(leaves) if filtered => rank::Shape::Filtered(leaves),
            _ if filtered => rank::Shape::Other,
            TextShape::Words(leaves) => rank::Shape::Words(leaves),
            TextShape::Phrase(bound) => rank::Shape::Phrase { bound },
            TextShape::Other => rank::Shape::Other,
        };
        // Only a flat union of words bounds its count from below by its terms.
        let leaves = match shape {
            rank::Shape::Words(leaves) if selection.docs.is_none() => Some(leaves),
            _ => None,
        };
        let searcher = self.searcher();

        // The page: the best `offset + limit` clause documents (each has an occurrence or
        // more, so they hold the page), found without scoring every match; and
        // the total and the facet counts: a pass over the matches without scoring (without
        // `--facets` or an exact count asked for, it stops at COUNT_CAP matches). The two run
        // side by side: ranking starts with one segment alone, which leaves cores idle.
        let facet_fields = [schema::COMPANY, schema::TOPIC, schema::KIND, schema::LANG];
        // The page, and for a question how many of its candidates do not match its words
        // (found by its expansion terms alone: they count as matches too).
        let page = || -> Result<(Vec<Hit>, usize)> {
            if req.limit == 0 {
                return Ok((Vec::new(), 0));
            }
            let terms = self.highlight_terms(text_query.as_ref());
            // Every clause document holds an occurrence or more, so the best `offset +
            // limit` of them hold the page; a query that also matches documents without
            // occurrences (group documents, say `path:x`) may need more.
            let mut k = req.offset.saturating_add(req.limit);
            let reranking = model.filter(|(_, rerank)| *rerank).map(|(m, _)| m);
            let question = reranking.is_some() || expansion_query.is_some();
            if question {
                k = k.max(answer::RERANK_DEPTH);
            }
            loop {
                let mut ranked =
                    rank::top_k(&searcher, query.as_ref(), shape, k, weights.docs.as_ref())?;
                let exhausted = ranked.len() < k;
                let mut unmatched = 0;
                if question {
                    let ask = Question {
                        model: reranking,
                        intent: intent.as_ref(),
                        expansion: &expansion,
                        expansion_query: expansion_query.as_deref(),
                        filtered,
                    };
                    unmatched = self.answer_candidates(
                        &searcher,
                        &mut ranked,
                        &ask,
                        query.as_ref(),
                        weights,
                    )?;
                }
                let hits = self.page(
                    &searcher,
                    &ranked,
                    req,
                    weights,
                    &terms,
                    &mut expand::PageState::default(),
                )?;
                if hits.len() == req.limit || exhausted {
                    return Ok((hits, unmatched));
                }
                k = k.saturating_mul(2);
            }
        };
        let counts = || -> Result<(count::Total, Vec<tally::Counts>)> {
            if req.facets {
                let topics = topic_names();
                let sources = facet_fields.map(|f| facet_source(f, &topics));
                let shared = self.shared_for(&searcher, req.count)?;
                let (hits, counts) = tally::tally(
                    &searcher,
                    query.as_ref(),
                    &sources,
                    weights,
                    req.count,
                    shared.as_ref(),
                )?;
                Ok((count::Total { hits, exact: true }, counts))
            } else {
                let cap = (!req.exact_total).then_some(COUNT_CAP);
                // A capped count uses the shared documents if an earlier search found them.
                let shared = match cap {
                    Some(_) => self.shared.get().cloned(),
                    None => self.shared_for(&searcher, req.count)?,
                };
                let total = count::count(
                    &searcher,
                    query.as_ref(),
                    leaves,
                    cap,
                    weights,
                    req.count,
                    shared.as_ref(),
                )?;
                Ok((total, Vec::new()))
            }
        };
        let (paged, counted) = rayon::join(page, counts);
        let ((hits, unmatched), (mut total, facet_counts)) = (paged?, counted?);
        // (In clauses; other units and facet counts count the question's words' matches.)
        if req.count == Unit::Clauses {
            total.hits += unmatched;
        }
        let facets = facet_counts
            .into_iter()
            .zip(facet_fields)
            .map(|(counts, field)| FacetCounts {
                field: field.to_owned(),
                counts: facet_count_list(counts),
            })
            .collect();
        let mut notes = notes;
        // A page past the last hit is empty though the search matched: say why.
        if hits.is_empty() && req.offset > 0 && req.limit > 0 && total.hits > 0 {
            notes.push(format!(
                "offset {} is past the last of the {} matching {}",
                req.offset,
                total.hits,
                req.count.name()
            ));
        }
        Ok(SearchResults {
            total_hits: total.hits,
            unit: req.count,
            total_exact: total.exact,
            order: Order::Relevance,
            hits,
            facets,
            elapsed: started.elapsed(),
            notes,
        })
    }

    /// For counting distinct clauses over every match: the documents whose clause another
    /// document holds too (computed at first use; only they need a set of clause ids).
    fn shared_for(&self, searcher: &Searcher, unit: Unit) -> Result<Option<DocSets>> {
        if unit != Unit::Clauses {
            return Ok(None);
        }
        if let Some(shared) = self.shared.get() {
            return Ok(Some(shared.clone()));
        }
        let shared = DocSets::of_repeated_values(searcher, schema::CLAUSE_ID)?;
        Ok(Some(self.shared.get_or_init(|| shared).clone()))
    }

    /// The text part of a search, and what ranking may know of its shape.
    ///
    /// Plain words (the common case, and what questions become) are built here as one union
    /// of term queries, each word on the clause text and, weaker, on the section heading; the
    /// same thing tantivy's parser builds, but flat, so block-max WAND can skip postings. A
    /// query that is one phrase is built here too (the same phrase queries as the parser's),
    /// with its terms as the union ranking prunes with. Anything else (`+must -not`, fields,
    /// boosts, several phrases) goes through the parser.
    /// With `all_words`, plain words are each required (on the clause text or its heading),
    /// scored as the union would score a clause holding them all.
    ///
    /// A query read in another language ([`query::PreparedQuery::native`]) also searches that
    /// language's analysis of its clauses ([`Fields::text_native`]): each word's term in it
    /// beside its others, a phrase's phrase in it, and the native fields among the parser's
    /// default fields, read in that language.
    fn text_query(
        &self,
        original: &str,
        prepared: &query::PreparedQuery,
        all_words: bool,
    ) -> Result<(Box<dyn Query>, TextShape)> {
        let native = prepared.native_terms();
        let native_of = |i: usize| native.as_ref().map(|t| t[i].as_str());
        match prepared.text() {
            TextQuery::Everything => {
                // Every clause document (group documents have no weight).
                let every = RangeQuery::new(
                    Bound::Included(Term::from_field_u64(self.fields.weight, 1)),
                    Bound::Unbounded,
                );
                Ok((Box::new(every), TextShape::Other))
            }
            TextQuery::Terms(terms) if all_words && terms.len() > 1 => {
                let mut seen = HashSet::new();
                let each: Vec<(Occur, Box<dyn Query>)> = terms
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| seen.insert(t.as_str()))
                    .map(|(i, t)| {
                        let either: Box<dyn Query> =
                            Box::new(rank::union_query(&self.word_leaves(t, native_of(i))));
                        (Occur::Must, either)
                    })
                    .collect();
                Ok((Box::new(BooleanQuery::new(each)), TextShape::Other))
            }
            TextQuery::Terms(terms) => {
                let leaves = self.term_leaves(&terms, native.as_deref());
                let query = rank::union_query(&leaves);
                Ok((Box::new(query), TextShape::Words(leaves)))
            }
            TextQuery::Phrase(terms) => {
                let mut query = rank::phrase_query(
                    self.fields.text,
                    self.fields.section,
                    &terms,
                    SECTION_BOOST,
                );
                if let Some(native) = native.as_ref().filter(|t| t.len() >= 2) {
                    let in_native = rank::phrase_query(
                        self.fields.text_native,
                        self.fields.section_native,
                        native,
                        SECTION_BOOST,
                    );
                    query = BooleanQuery::new(vec![
                        (Occur::Should, Box::new(query)),
                        (Occur::Should, Box::new(in_native)),
                    ]);
                }
                let bound = terms
                    .iter()
                    .enumerate()
                    .flat_map(|(i, t)| self.word_leaves(t, native_of(i)))
                    .collect();
                Ok((Box::new(query), TextShape::Phrase(bound)))
            }
            TextQuery::Syntax(text) => {
                let mut fields = vec![self.fields.text, self.fields.section];
                let mut parser = match prepared.native {
                    Some(lang) => {
                        fields.extend([self.fields.text_native, self.fields.section_native]);
                        let schema = self.index.schema();
                        QueryParser::new(schema, fields, schema::query_tokenizers(lang))
                    }
                    None => QueryParser::for_index(&self.index, fields),
                };
                parser.set_field_boost(self.fields.section, SECTION_BOOST);
                parser.set_field_boost(self.fields.section_native, SECTION_BOOST);
                let query = parser.parse_query(&text).map_err(|e| Error::Query {
                    query: original.to_owned(),
                    reason: e.to_string(),
                })?;
                Ok((query, TextShape::Other))
            }
        }
    }

    /// Text and section leaves of plain words' terms (and the leaves of their `native` terms,
    /// one per term).
    fn term_leaves(&self, terms: &[String], native: Option<&[String]>) -> Vec<rank::Leaf> {
        let mut leaves: Vec<rank::Leaf> = Vec::new();
        let mut seen: HashMap<Term, usize> = HashMap::new();
        for (i, term) in terms.iter().enumerate() {
            for leaf in self.word_leaves(term, native.map(|n| n[i].as_str())) {
                // A repeated word counts once more in the boost of its leaves, not as more
                // leaves: the same scores, and time linear in the number of distinct words.
                match seen.get(&leaf.term) {
                    Some(&at) => leaves[at].boost += leaf.boost,
                    None => {
                        seen.insert(leaf.term.clone(), leaves.len());
                        leaves.push(leaf);
                    }
                }
            }
        }
        leaves
    }

    /// A word's term on the clause text and, weaker, on the section heading; with its
    /// `native` term, that term on its language's analysis of its clauses' text and heading
    /// too.
    fn word_leaves(&self, term: &str, native: Option<&str>) -> Vec<rank::Leaf> {
        let mut leaves =
            rank::word_leaves(self.fields.text, self.fields.section, term, SECTION_BOOST).to_vec();
        if let Some(native) = native {
            leaves.extend(rank::word_leaves(
                self.fields.text_native,
                self.fields.section_native,
                native,
                SECTION_BOOST,
            ));
        }
        leaves
    }

    /// Analysed terms of the clause-text fields in the query (what highlights look for).
    fn highlight_terms(&self, query: &dyn Query) -> expand::Marks {
        let mut marks = expand::Marks::default();
        query.query_terms(&mut |term: &Term, _| {
            let set = if term.field() == self.fields.text {
                &mut marks.text
            } else if term.field() == self.fields.text_native {
                &mut marks.native
            } else {
                return;
            };
            if let Some(s) = term.value().as_str() {
                set.insert(s.to_owned());
            }
        });
        marks
    }

    /// A query naming periods ("12 months", "one year") also finds, and ranks higher, the
    /// clauses stating those periods however they write them ("a year", "365 days"): each
    /// period is an alternative scoring [`PERIOD_BOOST`].
    fn with_periods(
        &self,
        query_text: &str,
        query: Box<dyn Query>,
        shape: TextShape,
    ) -> (Box<dyn Query>, TextShape) {
        let periods = periods_in(query_text);
        if periods.is_empty() || query::uses_syntax(query_text) {
            return (query, shape);
        }
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, query)];
        for days in periods {
            let term = |d| Bound::Included(Term::from_field_u64(self.fields.retention_days, d));
            let range = RangeQuery::new(term(days), term(days));
            alternatives.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(range), PERIOD_BOOST)),
            ));
        }
        (Box::new(BooleanQuery::new(alternatives)), TextShape::Other)
    }
}
