//! `polsearch index`: a folder indexed (or its index updated), and the report of the run.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::cli::{CompanyFromArg, IndexArgs};
use crate::corpus::CompanyFrom;
use crate::index::indexer::{self, IndexOptions, IndexReport, Skipped};
use crate::output::write_json;
use crate::progress::Reporter;

use super::{default_threads, human_bytes, millis};

/// Index a folder, or update its index.
pub fn run(args: IndexArgs) -> Result<bool> {
    let opts = IndexOptions {
        corpus: args.corpus,
        index_dir: args.index.path(),
        threads: args.threads.map_or_else(default_threads, usize::from),
        company_from: match args.company_from {
            CompanyFromArg::Auto => CompanyFrom::Auto,
            CompanyFromArg::Dir => CompanyFrom::Dir,
            CompanyFromArg::Text => CompanyFrom::Text,
        },
        rebuild: args.rebuild,
    };
    let progress = Reporter::new(!args.json, args.quiet);
    let report = indexer::build(&opts, &progress)
        .with_context(|| format!("indexing '{}' failed", opts.corpus.display()))?;
    let mut out = io::stdout().lock();
    if args.json {
        write_json(&mut out, "summary", &IndexSummary::from(&report))?;
    } else {
        print_index_report(&mut out, &report, &opts.index_dir)?;
    }
    out.flush()?;
    Ok(true)
}

/// The `summary` message of `polsearch index --json`.
#[derive(Serialize)]
struct IndexSummary<'a> {
    files: u64,
    clauses: u64,
    bytes: u64,
    added: u64,
    updated: u64,
    removed: u64,
    unchanged: u64,
    rebuilt: Option<&'a str>,
    skipped: &'a [Skipped],
    elapsed_ms: f64,
}

impl<'a> From<&'a IndexReport> for IndexSummary<'a> {
    fn from(r: &'a IndexReport) -> Self {
        IndexSummary {
            files: r.files,
            clauses: r.clauses,
            bytes: r.bytes,
            added: r.added,
            updated: r.updated,
            removed: r.removed,
            unchanged: r.unchanged,
            rebuilt: r.rebuilt.as_deref(),
            skipped: &r.skipped,
            elapsed_ms: millis(r.elapsed),
        }
    }
}

/// The human report of an indexing run.
pub fn print_index_report(out: &mut impl Write, r: &IndexReport, dir: &Path) -> io::Result<()> {
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
        writeln!(out, "skipped {} files:", r.skipped.len())?;
        for s in &r.skipped {
            writeln!(out, "  {}: {}", s.path, s.reason)?;
        }
    }
    Ok(())
}
