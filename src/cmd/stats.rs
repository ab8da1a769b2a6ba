//! `polsearch stats` and `polsearch check`: what an index holds, and whether it is whole.

use std::io::{self, Write};

use anyhow::Result;

use crate::cli::StatsArgs;
use crate::index::store::Store;
use crate::output::wire::StatsMsg;
use crate::output::write_json;
use crate::search::PolicyIndex;

use super::human_bytes;

/// Check an index's files; damage is an error naming each file.
pub fn check(args: StatsArgs) -> Result<bool> {
    let dir = args.index.path();
    let generation = Store::new(&dir).require_current()?;
    let report = crate::index::integrity::check(&dir, &generation, true);
    let mut out = io::stdout().lock();
    if args.json {
        write_json(&mut out, "check", &report)?;
    } else if report.problems.is_empty() {
        writeln!(
            out,
            "index '{}' is whole: {} segments, {} documents, {} files checked",
            dir.display(),
            report.segments,
            report.documents,
            report.files_checked
        )?;
    }
    out.flush()?;
    if report.problems.is_empty() {
        return Ok(true);
    }
    for problem in &report.problems {
        eprintln!("polsearch: {problem}");
    }
    Err(crate::error::Error::Damaged {
        path: dir,
        what: format!(
            "{} {} found",
            report.problems.len(),
            crate::text::plural(report.problems.len(), "problem", "problems")
        ),
    }
    .into())
}

/// Print what the index holds.
pub fn run(args: StatsArgs) -> Result<bool> {
    let dir = args.index.path();
    let index = PolicyIndex::open(&dir)?;
    let stats = index.stats()?;
    let mut out = io::stdout().lock();
    if args.json {
        write_json(&mut out, "stats", &StatsMsg::from(&stats))?;
        return Ok(true);
    }
    writeln!(out, "index:      {}", stats.index)?;
    writeln!(out, "corpus:     {}", stats.corpus)?;
    writeln!(out, "documents:  {}", stats.documents)?;
    writeln!(
        out,
        "clauses:    {} ({} distinct)",
        stats.clauses, stats.distinct_clauses
    )?;
    writeln!(out, "source:     {}", human_bytes(stats.source_bytes))?;
    writeln!(
        out,
        "on disk:    {} ({:.2}x source)",
        human_bytes(stats.index_bytes),
        stats.index_bytes as f64 / (stats.source_bytes.max(1)) as f64
    )?;
    writeln!(out, "companies:  {}", stats.companies.len())?;
    for c in stats.companies.iter().take(20) {
        writeln!(out, "  {:>8}  {}", c.count, c.value)?;
    }
    if stats.companies.len() > 20 {
        writeln!(out, "  ... and {} more", stats.companies.len() - 20)?;
    }
    writeln!(out, "topics:")?;
    for t in &stats.topics {
        writeln!(out, "  {:>8}  {}", t.count, t.value)?;
    }
    writeln!(out, "kinds:")?;
    for k in &stats.kinds {
        writeln!(out, "  {:>8}  {}", k.count, k.value)?;
    }
    Ok(true)
}
