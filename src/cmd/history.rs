//! `polsearch history COMPANY`: a company's policy versions in date order and what each
//! changed.

use anyhow::Result;

use crate::cli::HistoryArgs;
use crate::output::stdout_sink;
use crate::policy::Kind;
use crate::search::PolicyIndex;
use crate::versions::{dated_span, history};

/// Print the history of a company's policies (of `--kind`, or all kinds; the versions dated
/// `--since`/`--until`, or all); false when no version is shown.
pub fn run(index: &PolicyIndex, args: &HistoryArgs) -> Result<bool> {
    let company = index.resolve_company(&args.company)?;
    let kinds: Vec<Kind> = args.kind.into_iter().collect();
    let clauses = index.clauses_of(&company, &kinds)?;
    let mut files = index.versions()?;
    if let Some(lang) = args.lang {
        files.retain(|v| v.file.lang == lang);
    }
    let dated = dated_span(args.since.as_ref(), args.until.as_ref());
    let rows = history(&files, &clauses, dated);
    let json = args.json;
    if dated.is_some() && !json {
        eprintln!(
            "polsearch: note: only the versions dated {} to {} (each compared with the one before it)",
            args.since.as_ref().map_or("any time", |d| d.as_str()),
            args.until.as_ref().map_or("now", |d| d.as_str())
        );
    }
    let mut sink = stdout_sink(json, false);
    sink.history(&company, &rows)?;
    sink.finish()?;
    Ok(!rows.is_empty())
}
