//! `polsearch retention`: retention statements per company, longest period first.

use anyhow::Result;

use crate::analyze::retention::{self, RetentionKind};
use crate::cli::RetentionArgs;
use crate::output::{stdout_sink, RetentionRow};
use crate::search::SearchRequest;

use super::open_index;

/// Retention statements grouped by company, longest first (indefinite, then stated periods
/// by length, then criteria).
pub fn run(args: RetentionArgs) -> Result<bool> {
    let index = open_index(&args.index, args.json)?;
    if let Some(note) = index.stale_note() {
        eprintln!("polsearch: note: {note}");
    }
    let mut kinds = RetentionKind::DATA.to_vec();
    if args.cookies {
        kinds.push(RetentionKind::Cookie);
    }
    let request = SearchRequest {
        query: String::new(),
        companies: args.company,
        retention_kinds: kinds.clone(),
        limit: 1,
        exact_total: true,
        ..SearchRequest::default()
    };
    let total = index.search(&request)?.total_hits;
    let results = index.search(&SearchRequest {
        limit: total.max(1),
        ..request
    })?;
    let mut rows: Vec<(&crate::search::Hit, &retention::Retention)> = results
        .hits
        .iter()
        .flat_map(|h| h.retention.iter().map(move |r| (h, r)))
        .filter(|(_, r)| kinds.contains(&r.kind))
        .collect();
    let rank = |r: &retention::Retention| match r.kind {
        RetentionKind::Indefinite => (0, 0),
        RetentionKind::Stated => (1, u64::MAX - r.days.unwrap_or(0)),
        RetentionKind::Criterion => (2, 0),
        RetentionKind::Cookie => (3, u64::MAX - r.days.unwrap_or(0)),
    };
    rows.sort_by(|a, b| {
        a.0.company
            .cmp(&b.0.company)
            .then(rank(a.1).cmp(&rank(b.1)))
            .then(a.0.path.cmp(&b.0.path))
            .then(a.1.span.start.cmp(&b.1.span.start))
    });
    let mut sink = stdout_sink(args.json, false);
    for &(hit, statement) in &rows {
        sink.retention(RetentionRow { hit, statement })?;
    }
    sink.retention_end(rows.len(), results.hits.len())?;
    sink.finish()?;
    Ok(!rows.is_empty())
}
