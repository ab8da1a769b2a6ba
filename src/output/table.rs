//! `polsearch retention --format csv|tsv`: the retention table as a spreadsheet's rows, a
//! statement or a company a row, with the columns of the JSON messages; and `polsearch count
//! --format csv|tsv`, a row per value.

use std::io::{self, Write};

use crate::search::{CountTable, RetentionTable};

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
    let mut sheet = Sheet::new(out, delimiter, spreadsheet_safe);
    let mut put = |cells: Vec<String>| sheet.put(cells);
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
    sheet.finish()
}

/// Write a count table as CSV (`delimiter` `,`) or TSV (`\t`): a header row (the rows'
/// dimension, the unit, then each column's value), then a row per value.
pub fn write_count_table<W: Write>(
    out: W,
    table: &CountTable,
    delimiter: u8,
    spreadsheet_safe: bool,
) -> io::Result<W> {
    let mut sheet = Sheet::new(out, delimiter, spreadsheet_safe);
    let mut header = vec![
        table.rows_by.name().to_owned(),
        table.unit.name().to_owned(),
    ];
    header.extend(table.columns.iter().map(|(name, _)| name.clone()));
    sheet.put(header)?;
    for row in &table.rows {
        let mut cells = vec![row.value.clone(), row.count.to_string()];
        cells.extend(row.cells.iter().map(u64::to_string));
        sheet.put(cells)?;
    }
    sheet.finish()
}

/// Rows written as CSV or TSV, each defused first when asked ([`defuse`]).
struct Sheet<W: Write> {
    writer: csv::Writer<W>,
    safe: bool,
}

impl<W: Write> Sheet<W> {
    fn new(out: W, delimiter: u8, safe: bool) -> Self {
        Sheet {
            writer: csv::WriterBuilder::new()
                .delimiter(delimiter)
                .from_writer(out),
            safe,
        }
    }

    fn put(&mut self, mut cells: Vec<String>) -> io::Result<()> {
        if self.safe {
            defuse(&mut cells);
        }
        self.writer.write_record(cells).map_err(io::Error::other)
    }

    /// The output, everything written.
    fn finish(self) -> io::Result<W> {
        self.writer
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))
    }
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
