//! `polsearch search`: flags to a [`SearchRequest`], results to the output format.

use anyhow::Result;

use crate::cli::{FilterArgs, SearchArgs};
use crate::output::wire::millis;
use crate::output::{stdout_sink, SearchSummary};
use crate::policy::DateArg;
use crate::search::tally::Unit;
use crate::search::{AsOf, Presence, Ranking, SearchRequest};

use super::{colour, open_index};

/// Search the index and print the page.
pub fn run(args: SearchArgs) -> Result<bool> {
    let index = open_index(&args.index, args.quiet || args.json)?;
    let request = SearchRequest {
        count: args.count.unwrap_or(if args.occurrences {
            Unit::Occurrences
        } else {
            Unit::Clauses
        }),
        occurrences: args.occurrences,
        per_company: args.per_company.map(|n| n as usize),
        limit: args.limit,
        offset: args.offset,
        facets: args.facets,
        exact_total: args.exact_total,
        ranking: match args.rank {
            crate::cli::RankArg::Auto => Ranking::Auto,
            crate::cli::RankArg::Bm25 => Ranking::Bm25,
            crate::cli::RankArg::Document => Ranking::Document,
        },
        ..filtered(args.query.clone().unwrap_or_default(), &args.filters)?
    };
    if let Some(file) = &args.queries {
        return crate::cmd::batch::run(&index, file, &request);
    }
    let results = index.search(&request)?;
    if !args.quiet {
        for note in &results.notes {
            eprintln!("polsearch: note: {note}");
        }
    }
    let mut sink = stdout_sink(args.json, colour(args.color));
    for hit in &results.hits {
        sink.hit(hit)?;
    }
    for facet in &results.facets {
        sink.facets(facet)?;
    }
    let summary = SearchSummary {
        total_hits: results.total_hits,
        count: results.unit.name(),
        total_exact: results.total_exact,
        order: results.order.name(),
        elapsed_ms: millis(results.elapsed),
    };
    sink.summary(&summary, results.hits.len(), request.offset)?;
    sink.finish()?;
    Ok(results.total_hits > 0)
}

/// A request for `query` with the filter flags shared by `search` and `export`.
pub(super) fn filtered(query: String, f: &FilterArgs) -> Result<SearchRequest> {
    f.check().map_err(anyhow::Error::msg)?;
    let as_of = match &f.as_of {
        Some(date) => Some(AsOf::Date(date.last())),
        None => f.latest.then_some(AsOf::Latest),
    };
    let request = SearchRequest {
        query,
        all_words: f.all_words,
        companies: f.company.clone(),
        topics: f.topic.clone(),
        kinds: f.kind.clone(),
        langs: f.lang.clone(),
        since: f.since.as_ref().map(DateArg::first),
        until: f.until.as_ref().map(DateArg::last),
        effective_since: f.effective_since.as_ref().map(DateArg::first),
        effective_until: f.effective_until.as_ref().map(DateArg::last),
        as_of,
        added_since: f.added_since.as_ref().map(DateArg::first),
        presence: match (f.current, f.removed) {
            (true, _) => Some(Presence::Current),
            (_, true) => Some(Presence::Removed),
            _ => None,
        },
        retention_min: f.retention_min.map(|p| p.0),
        retention_max: f.retention_max.map(|p| p.0),
        retention_kinds: f.retention.clone(),
        ..SearchRequest::default()
    };
    match request.crossed_bounds(|name| format!("--{}", name.replace('_', "-"))) {
        Some(crossed) => anyhow::bail!(crossed),
        None => Ok(request),
    }
}
