//! `polsearch retention`: retention statements per company, longest period first.

use std::io::{self, Write};

use anyhow::Result;
use serde::Serialize;

use crate::analyze::retention::{self, RetentionKind};
use crate::cli::RetentionArgs;
use crate::output::write_json;
use crate::search::SearchRequest;

use super::open_index;

/// One retention statement as `polsearch retention --json` prints it.
#[derive(Serialize)]
struct RetentionRow<'a> {
    company: &'a str,
    kind: RetentionKind,
    days: Option<u64>,
    period: &'a str,
    clause: &'a str,
    path: &'a str,
    line: u32,
    start: usize,
    end: usize,
}

/// Retention statements grouped by company, longest first (indefinite, then stated periods
/// by length, then criteria).
pub fn run(args: RetentionArgs) -> Result<bool> {
    let index = open_index(&args.index, args.json)?;
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
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut current = "";
    for (hit, r) in &rows {
        if args.json {
            let row = RetentionRow {
                company: &hit.company,
                kind: r.kind,
                days: r.days,
                period: &r.text,
                clause: &hit.text,
                path: &hit.path,
                line: hit.line,
                start: r.span.start,
                end: r.span.end,
            };
            write_json(&mut out, "retention", &row)?;
            continue;
        }
        if hit.company != current {
            current = &hit.company;
            writeln!(out, "\n{current}")?;
        }
        let period = match r.days {
            Some(d) => format!("{} ({d} d)", r.text),
            None => format!("{}: {}", r.kind.name(), r.text),
        };
        let clause = crate::text::collapse_ws(&hit.text);
        let clause: String = if clause.chars().count() > 110 {
            clause.chars().take(107).chain("...".chars()).collect()
        } else {
            clause
        };
        writeln!(out, "  {period:<40} {clause}  [{}:{}]", hit.path, hit.line)?;
    }
    if !args.json {
        writeln!(
            out,
            "\n{} {} in {} {}",
            rows.len(),
            crate::text::plural(rows.len(), "statement", "statements"),
            results.hits.len(),
            crate::text::plural(results.hits.len(), "clause", "clauses")
        )?;
    }
    out.flush()?;
    Ok(!rows.is_empty())
}
