//! `polsearch retention`: retention statements per company, longest period first, or a
//! line per company.

use anyhow::Result;

use std::io::Write;

use crate::cli::RetentionArgs;
use crate::output::stdout_sink;
use crate::output::table::write_retention_table;
use crate::search::RetentionRequest;

use super::open_index;
use super::search::filtered;

/// The retention table of the clauses the query and filters admit.
pub fn run(args: RetentionArgs) -> Result<bool> {
    let output = &args.output;
    let index = open_index(&args.index, output.json)?;
    let request = RetentionRequest::new(
        filtered(args.query.clone().unwrap_or_default(), &args.filters)?,
        args.cookies,
    );
    let table = index.retention_table(&request)?;
    for note in &table.notes {
        eprintln!("polsearch: note: {note}");
    }
    if let Some(format) = output.format {
        let out = std::io::BufWriter::new(std::io::stdout().lock());
        let mut out = write_retention_table(
            out,
            &table,
            args.companies,
            format.delimiter(),
            output.spreadsheet_safe,
        )?;
        out.flush()?;
        return Ok(!table.rows.is_empty());
    }
    let mut sink = stdout_sink(output.json, false);
    sink.retention(&table, args.companies)?;
    sink.finish()?;
    Ok(!table.rows.is_empty())
}
