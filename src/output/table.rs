//! `polsearch retention --format csv|tsv`: the retention table as a spreadsheet's rows, a
//! statement or a company a row, with the columns of the JSON messages.

use std::io::{self, Write};

use crate::search::RetentionTable;

/// The statements' columns (a `retention` message's fields).
pub const STATEMENT_COLUMNS: [&str; 10] = [
    "company", "kind", "days", "period", "date", "path", "line", "start", "end", "clause",
];

/// The companies' columns (a `company` message's, with its longest statement's place).
pub const COMPANY_COLUMNS: [&str; 12] = [
    "company",
    "longest_days",
    "longest",
    "stated",
    "indefinite",
    "criteria",
    "cookie",
    "statements",
    "clauses",
    "path",
    "line",
    "date",
];

/// Write `table` as CSV (`delimiter` `,`) or TSV (`\t`): a header row, then a row per
/// statement, or per company with `by_company`. `spreadsheet_safe` defuses cells a
/// spreadsheet would run as a formula ([`defuse`]).
pub fn write_retention_table<W: Write>(
    out: W,
    table: &RetentionTable,
    by_company: bool,
    delimiter: u8,
    spreadsheet_safe: bool,
) -> io::Result<W> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out);
    let mut put = |mut cells: Vec<String>| -> io::Result<()> {
        if spreadsheet_safe {
            defuse(&mut cells);
        }
        w.write_record(cells).map_err(io::Error::other)
    };
    let opt = |v: Option<u64>| v.map_or_else(String::new, |d| d.to_string());
    if by_company {
        put(COMPANY_COLUMNS.iter().map(|c| (*c).to_owned()).collect())?;
        for line in &table.companies {
            let longest = line.longest.map(|i| table.row(i));
            put(vec![
                line.company.clone(),
                opt(longest.and_then(|(_, r)| r.days)),
                longest.map_or_else(String::new, |(_, r)| r.text.clone()),
                line.stated.to_string(),
                line.indefinite.to_string(),
                line.criteria.to_string(),
                line.cookies.to_string(),
                line.statements.to_string(),
                line.clauses.to_string(),
                longest.map_or_else(String::new, |(h, _)| h.path.clone()),
                longest.map_or_else(String::new, |(h, _)| h.line.to_string()),
                longest
                    .and_then(|(h, _)| h.date.clone())
                    .unwrap_or_default(),
            ])?;
        }
    } else {
        put(STATEMENT_COLUMNS.iter().map(|c| (*c).to_owned()).collect())?;
        for (hit, r) in table.statements() {
            put(vec![
                hit.company.clone(),
                r.kind.name().to_owned(),
                opt(r.days),
                r.text.clone(),
                hit.date.clone().unwrap_or_default(),
                hit.path.clone(),
                hit.line.to_string(),
                r.span.start.to_string(),
                r.span.end.to_string(),
                hit.text.clone(),
            ])?;
        }
    }
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

/// Prefix with `'` every cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return,
/// which spreadsheets would otherwise run as a formula (the text of a crawled page is
/// anyone's).
pub fn defuse(cells: &mut [String]) {
    for cell in cells {
        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            cell.insert(0, '\'');
        }
    }
}
