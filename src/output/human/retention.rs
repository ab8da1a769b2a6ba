//! Retention statements under their company's name, a line each: the period, the clause cut
//! to fit, where it is.

use std::io::{self, Write};

use crate::output::RetentionRow;

pub(super) fn row(out: &mut dyn Write, row: RetentionRow) -> io::Result<()> {
    let (hit, r) = (row.hit, row.statement);
    let period = match r.days {
        Some(d) => format!("{} ({d} d)", r.text),
        None => format!("{}: {}", r.kind.name(), r.text),
    };
    let clause = crate::text::collapse_ws(&hit.text);
    let clause: String = if clause.chars().count() > 110 {
        clause.chars().take(107).chain("...".chars()).collect()
    } else {
        clause
    };
    writeln!(out, "  {period:<40} {clause}  [{}:{}]", hit.path, hit.line)
}

pub(super) fn end(out: &mut dyn Write, statements: usize, clauses: usize) -> io::Result<()> {
    writeln!(
        out,
        "\n{} {} in {} {}",
        statements,
        crate::text::plural(statements, "statement", "statements"),
        clauses,
        crate::text::plural(clauses, "clause", "clauses")
    )
}
