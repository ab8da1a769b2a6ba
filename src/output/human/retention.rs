//! Retention tables: statements under their company's name, a line each (the period, the
//! clause cut to fit, where it is), or a table with a line per company.

use std::io::{self, Write};

use comfy_table::{presets, CellAlignment, ContentArrangement, Table};

use crate::analyze::retention::Retention;
use crate::search::{Hit, RetentionTable};
use crate::text::{collapse_ws, plural};

/// The period as a cell: "12 months (365 d)", or the kind and the words of a statement
/// without a period.
fn period(r: &Retention) -> String {
    match r.days {
        Some(d) => format!("{} ({d} d)", collapse_ws(&r.text)),
        None => format!("{}: {}", r.kind.name(), collapse_ws(&r.text)),
    }
}

/// `text` on one line, cut to `max` characters.
fn cut(text: &str, max: usize) -> String {
    let line = collapse_ws(text);
    if line.chars().count() > max {
        line.chars().take(max - 3).chain("...".chars()).collect()
    } else {
        line
    }
}

fn place(hit: &Hit) -> String {
    match &hit.date {
        Some(date) => format!("[{}:{}, {date}]", hit.path, hit.line),
        None => format!("[{}:{}]", hit.path, hit.line),
    }
}

/// The width of the statements' period column.
const PERIOD_WIDTH: usize = 40;

pub(super) fn statements(out: &mut dyn Write, table: &RetentionTable) -> io::Result<()> {
    let mut company = None;
    for (hit, r) in table.statements() {
        if company != Some(&hit.company) {
            // (A blank line between companies, none before the first.)
            if company.is_some() {
                writeln!(out)?;
            }
            company = Some(&hit.company);
            writeln!(out, "{}", hit.company)?;
        }
        // A period wider than its column (a criterion's words) has a line of its own, so the
        // clauses line up and neither is cut.
        let mut period = period(r);
        if period.chars().count() > PERIOD_WIDTH {
            writeln!(out, "  {period}")?;
            period.clear();
        }
        writeln!(
            out,
            "  {period:<PERIOD_WIDTH$}  {}  {}",
            cut(&hit.text, 110),
            place(hit)
        )?;
    }
    Ok(())
}

pub(super) fn companies(out: &mut dyn Write, table: &RetentionTable) -> io::Result<()> {
    let mut t = Table::new();
    t.load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header([
            "company",
            "longest stated",
            "stated",
            "indefinite",
            "criteria",
            "cookie",
            "clauses",
            "where",
        ]);
    for line in &table.companies {
        let longest = line.longest.map(|i| table.row(i));
        t.add_row([
            line.company.clone(),
            longest.map_or_else(|| "-".to_owned(), |(_, r)| cut(&period(r), 40)),
            line.stated.to_string(),
            line.indefinite.to_string(),
            line.criteria.to_string(),
            line.cookies.to_string(),
            line.clauses.to_string(),
            longest.map_or_else(String::new, |(h, _)| place(h)),
        ]);
    }
    for (i, column) in t.column_iter_mut().enumerate() {
        column.set_padding((0, 2));
        if (2..7).contains(&i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{}", t.trim_fmt())
}

pub(super) fn end(out: &mut dyn Write, table: &RetentionTable) -> io::Result<()> {
    let (statements, clauses, companies) =
        (table.rows.len(), table.hits.len(), table.companies.len());
    writeln!(
        out,
        "\n{statements} {} in {clauses} {} of {companies} {}",
        plural(statements, "statement", "statements"),
        plural(clauses, "clause", "clauses"),
        plural(companies, "company", "companies"),
    )
}
