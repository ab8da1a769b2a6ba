//! What a search asks ([`SearchRequest`], with [`Ranking`], [`AsOf`], [`Presence`]) and what
//! it answers ([`SearchResults`]: [`Hit`]s and [`FacetCounts`]).

use std::sync::Arc;
use std::time::Duration;

use crate::analyze::retention::{Retention, RetentionKind};
use crate::analyze::topic::Topic;
use crate::policy::{Kind, PolicyDate};
use crate::text::Span;

use super::answer::{self, QuestionModel};
use super::tally::Unit;

/// A search as the CLI asks for it.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query text: words, "phrases", `+required`, `-excluded`, `field:term`, AND/OR/NOT.
    pub query: String,
    /// Plain words must all be in a clause (or its section heading), not any of them: what an
    /// unranked list (an export, a retention table) usually wants ("ip address" then means
    /// both words, in any order).
    pub all_words: bool,
    /// Company names or unambiguous prefixes, any case; OR-ed.
    pub companies: Vec<String>,
    /// Topics; OR-ed, AND-ed with the companies.
    pub topics: Vec<Topic>,
    /// Document kinds; OR-ed, AND-ed with the rest.
    pub kinds: Vec<Kind>,
    /// Clause languages; OR-ed, AND-ed with the rest.
    pub langs: Vec<crate::analyze::lang::Lang>,
    /// Only documents dated on or after / on or before these: the snapshot date when a
    /// document has one, else its effective date (undated ones are left out).
    pub since: Option<PolicyDate>,
    /// (see `since`)
    pub until: Option<PolicyDate>,
    /// Only documents whose text states an effective date in this range.
    pub effective_since: Option<PolicyDate>,
    /// (see `effective_since`)
    pub effective_until: Option<PolicyDate>,
    /// Only the version of each policy current at a date ([`AsOf`]).
    pub as_of: Option<AsOf>,
    /// Only clauses first seen on or after this date (in no file dated before it).
    pub added_since: Option<PolicyDate>,
    /// Only clauses still in, or no longer in, the latest version of their policy.
    pub presence: Option<Presence>,
    /// What the total and facet counts count.
    pub count: Unit,
    /// One hit per occurrence instead of one per distinct clause.
    pub occurrences: bool,
    /// At most this many hits per company.
    pub per_company: Option<usize>,
    /// Only clauses whose longest stated retention period is at least / at most these days.
    pub retention_min: Option<u64>,
    /// (see `retention_min`)
    pub retention_max: Option<u64>,
    /// Only clauses making a retention statement of these kinds; OR-ed.
    pub retention_kinds: Vec<RetentionKind>,
    /// Hits on the page.
    pub limit: usize,
    /// Hits skipped before the page.
    pub offset: usize,
    /// Also count hits per company, topic and kind over the whole result set.
    pub facets: bool,
    /// Count every match even past [`COUNT_CAP`](super::COUNT_CAP) (implied by `facets`).
    pub exact_total: bool,
    /// How the page is ordered.
    pub ranking: Ranking,
}

impl SearchRequest {
    /// The first pair of bounds that cross, a range that admits nothing (`since` after
    /// `until`, `retention_min` longer than `retention_max`), said with each bound named by
    /// `name` (a flag or a parameter): the user's slip, to be told rather than answered with
    /// no hits.
    pub fn crossed_bounds(&self, name: impl Fn(&str) -> String) -> Option<String> {
        let dates = [
            (self.since, self.until, "since", "until"),
            (
                self.effective_since,
                self.effective_until,
                "effective_since",
                "effective_until",
            ),
        ];
        for (low, high, low_name, high_name) in dates {
            if let (Some(low), Some(high)) = (low, high) {
                if low.unix_seconds() > high.unix_seconds() {
                    return Some(format!(
                        "{} is after {}: no date is in both",
                        name(low_name),
                        name(high_name)
                    ));
                }
            }
        }
        match (self.retention_min, self.retention_max) {
            (Some(min), Some(max)) if min > max => Some(format!(
                "{} ({min} days) is longer than {} ({max} days): no period is in both",
                name("retention_min"),
                name("retention_max")
            )),
            _ => None,
        }
    }
}

/// How a search orders its hits.
#[derive(Debug, Clone, Default)]
pub enum Ranking {
    /// Questions ([`answer::is_question`]) by the shipped question model, other words by
    /// BM25, and a request without words (filters alone: "every retention clause of Spotify")
    /// in document order, as [`Ranking::Document`].
    #[default]
    Auto,
    /// BM25 only.
    Bm25,
    /// Questions by this model (evaluation by cross-validation), the rest by BM25.
    Model(Arc<QuestionModel>),
    /// Questions expanded by this model's term associations but ordered by BM25 (the first
    /// stage alone: what the ranking weights are trained on).
    FirstStage(Arc<QuestionModel>),
    /// Not ranked: the hits in document order (company folder, file, position), as an export
    /// lists them ([`crate::search::PolicyIndex::export`]), for reading every clause a filter
    /// admits ("every retention clause of Spotify"); totals and facets as a search counts them.
    Document,
}

/// The order a search's hits came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// By relevance to the query (BM25 or the question model): hits have scores.
    Relevance,
    /// In document order (company folder, file, position): hits have no score.
    Document,
}

impl Order {
    /// The name output formats give it.
    pub fn name(self) -> &'static str {
        match self {
            Order::Relevance => "relevance",
            Order::Document => "document",
        }
    }
}

impl Ranking {
    /// The model that expands `query`, and whether it also re-orders its candidates.
    pub(super) fn model_for(&self, query: &str) -> Option<(&QuestionModel, bool)> {
        let model = match self {
            Ranking::Auto => (QuestionModel::embedded()?, true),
            Ranking::Bm25 | Ranking::Document => return None,
            Ranking::Model(m) => (m.as_ref(), true),
            Ranking::FirstStage(m) => (m.as_ref(), false),
        };
        answer::is_question(query).then_some(model)
    }
}

/// Which version of each policy (company, kind and language) a search reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOf {
    /// The most recent version (a policy with no dated version: all its files).
    Latest,
    /// The version current at this date: the last one dated on or before it (undated files
    /// are left out).
    Date(PolicyDate),
}

impl AsOf {
    /// The last Unix second a version may be dated to be current ([`AsOf::Latest`]: any).
    pub fn limit(self) -> i64 {
        match self {
            AsOf::Latest => i64::MAX,
            AsOf::Date(d) => d.unix_seconds(),
        }
    }
}

/// Whether a clause is in the latest version of its policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// In the latest version (its hits still show every version it is in).
    Current,
    /// In earlier versions only.
    Removed,
}

/// One ranked clause (or, with [`SearchRequest::occurrences`], one occurrence of it).
#[derive(Debug, Clone)]
pub struct Hit {
    /// Place on the page, from 1 (counting the offset).
    pub rank: usize,
    /// The ranking score (BM25, or the question model's); none for hits listed in document
    /// order ([`Order::Document`]).
    pub score: Option<f32>,
    /// The file as printed: a non-UTF-8 name escaped (`\xFF`), see [`crate::corpus::pathkey`].
    pub path: String,
    /// The exact bytes of a non-UTF-8 path, base64 (absent for UTF-8 paths).
    pub path_bytes: Option<String>,
    /// The company of the clause's document.
    pub company: String,
    /// Its topics' names.
    pub topics: Vec<String>,
    /// Where the clause is in the file.
    pub span: Span,
    /// Line of the clause's start, from 1.
    pub line: u32,
    /// The section heading above it.
    pub section: String,
    /// The clause's text (white space as in the document's reading).
    pub text: String,
    /// The document kind's name.
    pub kind: String,
    /// The clause's language ([`crate::analyze::lang::Lang::code`]).
    pub lang: &'static str,
    /// The document's date (ISO 8601), if it has one: its snapshot date, else its
    /// effective date.
    pub date: Option<String>,
    /// When the document was captured (file name, archive header, manifest), if known.
    pub snapshot: Option<String>,
    /// The date the document's text states, if any.
    pub effective: Option<String>,
    /// The document's title, if it has one.
    pub title: Option<String>,
    /// The distinct clause across the selected files: how many times it occurs, in how many
    /// files, and the first and last dates of those files.
    pub occurrences: u64,
    /// (see `occurrences`)
    pub documents: u64,
    /// (see `occurrences`)
    pub first_seen: Option<String>,
    /// (see `occurrences`)
    pub last_seen: Option<String>,
    /// Retention statements of the clause, offsets absolute in the file.
    pub retention: Vec<Retention>,
    /// Matching words, absolute in the file.
    pub highlights: Vec<Span>,
    /// The same words inside `text`, for display.
    pub text_highlights: Vec<Span>,
    /// The distinct clause's id (a hash of its company, kind, section and text): the same in
    /// every version and group that holds the clause.
    pub clause_id: u64,
    /// What question ranking read of the clause (score as ranked), for evaluation.
    pub candidate: Option<answer::Candidate>,
}

/// Counts of one facet over the whole result set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    /// `company`, `topic` or `kind`.
    pub field: String,
    /// Values, most hits first.
    pub counts: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// One value of a facet and its count.
pub struct FacetCount {
    /// The value.
    pub value: String,
    /// Hits with it, in the request's count unit.
    pub count: u64,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Matches in `unit`: exact, or a lower bound when `total_exact` is false.
    pub total_hits: usize,
    /// What the total and facets count.
    pub unit: Unit,
    /// Whether `total_hits` is exact.
    pub total_exact: bool,
    /// The order of `hits`.
    pub order: Order,
    /// The page.
    pub hits: Vec<Hit>,
    /// Facet counts, when asked for.
    pub facets: Vec<FacetCounts>,
    /// How long the search took.
    pub elapsed: Duration,
    /// How the query was read where it was not as written (for stderr): a part searched as
    /// plain words, and why.
    pub notes: Vec<String>,
}
