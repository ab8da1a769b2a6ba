//! `polsearch history COMPANY`: a company's policy versions in date order and what each
//! changed.

use std::io::{self, Write};

use anyhow::Result;

use crate::output::wire::VersionMsg;
use crate::output::write_json;
use crate::policy::Kind;
use crate::search::PolicyIndex;
use crate::versions::{history, VersionRow};

/// Print the history of `company`'s policies (of `kind`, or all kinds); false when the
/// company has no version.
pub fn run(index: &PolicyIndex, company: &str, kind: Option<Kind>, json: bool) -> Result<bool> {
    let company = index.resolve_company(company)?;
    let kinds: Vec<Kind> = kind.into_iter().collect();
    let clauses = index.clauses_of(&company, &kinds)?;
    let files = index.versions()?;
    let rows = history(&files, &clauses);
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        for row in &rows {
            write_json(&mut out, "version", &VersionMsg::from(row))?;
        }
    } else {
        print_human(&mut out, &company, &rows)?;
    }
    out.flush()?;
    Ok(!rows.is_empty())
}

fn print_human(out: &mut impl Write, company: &str, rows: &[VersionRow]) -> io::Result<()> {
    let mut kind = "";
    for row in rows {
        let first = row.kind != kind;
        if first {
            kind = &row.kind;
            let n = rows.iter().filter(|r| r.kind == kind).count();
            let word = crate::text::plural(n, "version", "versions");
            writeln!(out, "{company}, {kind}: {n} {word}")?;
        }
        let date = row.date.as_deref().unwrap_or("undated");
        let effective = match (&row.snapshot, &row.effective) {
            (Some(_), Some(e)) => format!(" (states {e})"),
            _ => String::new(),
        };
        writeln!(
            out,
            "  {date}{effective}  {} clauses  +{} -{}  {}",
            row.clauses, row.added, row.removed, row.path
        )?;
        if let Some(r) = &row.retention {
            writeln!(out, "      retention: {}", r.describe())?;
        }
        let topics: Vec<String> = row
            .topics
            .iter()
            .map(|t| format!("{} +{} -{}", t.topic, t.added, t.removed))
            .collect();
        // The first version adds every topic: nothing to compare.
        if !topics.is_empty() && !first {
            writeln!(out, "      topics: {}", topics.join(", "))?;
        }
    }
    if rows.is_empty() {
        writeln!(out, "{company}: no versions")?;
    }
    Ok(())
}
