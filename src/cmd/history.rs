//! `polsearch history COMPANY`: a company's policy versions in date order and what each
//! changed.

use anyhow::Result;

use crate::output::stdout_sink;
use crate::policy::Kind;
use crate::search::PolicyIndex;
use crate::versions::history;

/// Print the history of `company`'s policies (of `kind`, or all kinds); false when the
/// company has no version.
pub fn run(index: &PolicyIndex, company: &str, kind: Option<Kind>, json: bool) -> Result<bool> {
    let company = index.resolve_company(company)?;
    let kinds: Vec<Kind> = kind.into_iter().collect();
    let clauses = index.clauses_of(&company, &kinds)?;
    let files = index.versions()?;
    let rows = history(&files, &clauses);
    let mut sink = stdout_sink(json, false);
    sink.history(&company, &rows)?;
    sink.finish()?;
    Ok(!rows.is_empty())
}
