//! An indexing run's report, what an index holds (`stats`) and a whole index's check.

use std::io::{self, Write};
use std::path::Path;

use crate::index::indexer::IndexReport;
use crate::index::integrity::CheckReport;
use crate::search::IndexStats;

/// "14.2 KB", "35.1 MB".
fn human_bytes(bytes: u64) -> String {
    match bytes {
        b if b < 1_000 => format!("{b} B"),
        b if b < 1_000_000 => format!("{:.1} KB", b as f64 / 1e3),
        b if b < 1_000_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b => format!("{:.2} GB", b as f64 / 1e9),
    }
}

pub(super) fn indexed(out: &mut dyn Write, r: &IndexReport, dir: &Path) -> io::Result<()> {
    writeln!(
        out,
        "indexed {} files, {} clauses, {} in {:.2} s ({:.1} MB/s) into {}",
        r.files,
        r.clauses,
        human_bytes(r.bytes),
        r.elapsed.as_secs_f64(),
        r.mb_per_sec(),
        dir.display()
    )?;
    writeln!(
        out,
        "{} added, {} updated, {} removed, {} unchanged{}",
        r.added,
        r.updated,
        r.removed,
        r.unchanged,
        r.rebuilt
            .as_deref()
            .map_or(String::new(), |why| format!(" (built from scratch: {why})"))
    )?;
    if !r.skipped.is_empty() {
        let n = r.skipped.len();
        writeln!(out, "skipped {n} file{}:", if n == 1 { "" } else { "s" })?;
        for s in &r.skipped {
            writeln!(out, "  {}: {}", s.path, s.reason)?;
        }
    }
    Ok(())
}

pub(super) fn stats(out: &mut dyn Write, stats: &IndexStats) -> io::Result<()> {
    writeln!(out, "index:      {}", stats.index)?;
    writeln!(out, "corpus:     {}", stats.corpus)?;
    writeln!(out, "documents:  {}", stats.documents)?;
    writeln!(
        out,
        "policies:   {} (a company's versions of one document of one kind and language)",
        stats.policies
    )?;
    if stats.partial_captures > 0 {
        writeln!(
            out,
            "partial:    {} {} (failed, truncated or other pages; `polsearch history` flags them, --latest, --as-of and diff pass over them)",
            stats.partial_captures,
            crate::text::plural(stats.partial_captures as usize, "capture", "captures")
        )?;
    }
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
    writeln!(out, "languages:")?;
    for l in &stats.langs {
        writeln!(out, "  {:>8}  {}", l.count, l.value)?;
    }
    Ok(())
}

/// A whole index in one line; a damaged one prints nothing here (its problems are the
/// command's error, on stderr).
pub(super) fn check(out: &mut dyn Write, report: &CheckReport) -> io::Result<()> {
    if !report.problems.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "index '{}' is whole: {} segments, {} documents, {} files checked",
        report.index, report.segments, report.documents, report.files_checked
    )
}
