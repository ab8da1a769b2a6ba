//! `polsearch count`: matches counted per value of one dimension, or of two (a table).

use anyhow::{bail, Result};

use std::io::Write;

use crate::cli::CountArgs;
use crate::output::stdout_sink;
use crate::output::table::write_count_table;
use crate::search::tally::Unit;
use crate::search::CountRequest;

use super::open_index;
use super::search::filtered;

/// The count table of the clauses the query and filters admit.
pub fn run(args: CountArgs) -> Result<bool> {
    let (rows, columns) = match args.by[..] {
        [rows] => (rows, None),
        [rows, columns] if rows == columns => {
            bail!(
                "--by {} twice: give two different dimensions (company, topic, kind, lang, retention, year)",
                rows.name()
            )
        }
        [rows, columns] => (rows, Some(columns)),
        _ => bail!("--by at most twice: rows, then columns"),
    };
    let index = open_index(
        &args.index,
        args.quiet || args.output.json || args.output.format.is_some(),
    )?;
    let mut search = filtered(args.query.clone().unwrap_or_default(), &args.filters)?;
    search.count = args.count.unwrap_or(Unit::Clauses);
    let request = CountRequest {
        search,
        rows,
        columns,
    };
    let mut table = index.count_table(&request)?;
    if !args.quiet {
        for note in &table.notes {
            eprintln!("polsearch: note: {note}");
        }
    }
    let all_rows = table.rows.len();
    if let Some(limit) = args.limit {
        table.rows.truncate(limit);
    }
    let found = table.total > 0;
    if let Some(format) = args.output.format {
        let out = std::io::BufWriter::new(std::io::stdout().lock());
        let safe = args.output.spreadsheet_safe;
        let mut out = write_count_table(out, &table, format.delimiter(), safe)?;
        out.flush()?;
        return Ok(found);
    }
    let mut sink = stdout_sink(args.output.json, false);
    sink.count_table(&table, all_rows)?;
    sink.finish()?;
    Ok(found)
}
