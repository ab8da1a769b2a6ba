//! `polsearch stats` and `polsearch check`: what an index holds, and whether it is whole.

use anyhow::Result;

use crate::cli::StatsArgs;
use crate::index::store::Store;
use crate::output::stdout_sink;
use crate::search::PolicyIndex;

/// Check an index's files; damage is an error naming each file.
pub fn check(args: StatsArgs) -> Result<bool> {
    let dir = args.index.path();
    let generation = super::named(&args.index, Store::new(&dir).require_current())?;
    let report = crate::index::integrity::check(&dir, &generation, true);
    let mut sink = stdout_sink(args.json, false);
    sink.check(&report)?;
    sink.finish()?;
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
    let index = super::named(&args.index, PolicyIndex::open(&args.index.path()))?;
    let stats = index.stats()?;
    let mut sink = stdout_sink(args.json, false);
    sink.stats(&stats)?;
    sink.finish()?;
    Ok(true)
}
