//! `polsearch history COMPANY`: a company's policy versions in date order and what each
//! changed.

use anyhow::Result;

use crate::cli::HistoryArgs;
use crate::output::stdout_sink;
use crate::policy::Kind;
use crate::search::PolicyIndex;
use crate::versions::{changing_topics, dated_span};

/// Print the history of a company's policies (of `--kind`, or all kinds; the versions dated
/// `--since`/`--until`, or all; those changing clauses on `--topic`, or all); false when no
/// version is shown.
pub fn run(index: &PolicyIndex, args: &HistoryArgs) -> Result<bool> {
    let kinds: Vec<Kind> = args.kind.into_iter().collect();
    let dated = dated_span(args.since.as_ref(), args.until.as_ref());
    let (company, rows) = index.history(&args.company, &kinds, args.lang, dated)?;
    let topics: Vec<&str> = args.topic.iter().map(|t| t.name()).collect();
    let all = rows.len();
    let rows = changing_topics(rows, &topics);
    let json = args.json;
    if !topics.is_empty() && !json {
        eprintln!(
            "polsearch: note: only the versions that added or removed clauses on {} ({} of {}; partial captures left out)",
            topics.join(" or "),
            rows.len(),
            all
        );
    }
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
