//! Count tables: a line per row value, its own count, then a column per value of the
//! second dimension; then the total.

use std::io::{self, Write};

use comfy_table::{presets, CellAlignment, ContentArrangement, Table};

use crate::search::CountTable;

/// Columns a table on a screen shows (the most frequent; years: the first): 385 companies
/// side by side are no table; CSV and JSON hold every column.
const COLUMNS: usize = 24;

pub(super) fn table(out: &mut dyn Write, table: &CountTable, rows: usize) -> io::Result<()> {
    let shown = table.columns.len().min(COLUMNS);
    if !table.rows.is_empty() {
        let mut t = Table::new();
        let mut header = vec![
            table.rows_by.name().to_owned(),
            table.unit.name().to_owned(),
        ];
        header.extend(table.columns[..shown].iter().map(|(name, _)| name.clone()));
        t.load_style(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(header);
        for row in &table.rows {
            let mut cells = vec![row.value.clone(), row.count.to_string()];
            cells.extend(
                row.cells[..shown.min(row.cells.len())]
                    .iter()
                    .map(u64::to_string),
            );
            t.add_row(cells);
        }
        for (i, column) in t.column_iter_mut().enumerate() {
            column.set_padding((0, 2));
            if i > 0 {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
        writeln!(out, "{}\n", t.trim_fmt())?;
    }
    let mut line = format!(
        "{} matching {} in {rows} {}",
        table.total,
        table.unit.noun(table.total as usize),
        table.rows_by.noun(rows)
    );
    if let Some(columns) = table.columns_by {
        let n = table.columns.len();
        line.push_str(&format!(" by {n} {}", columns.noun(n)));
    }
    if table.rows.len() < rows {
        line.push_str(&format!(", the first {} shown", table.rows.len()));
    }
    if shown < table.columns.len() {
        line.push_str(&format!(
            ", {shown} columns shown (every one: --format csv or --json)"
        ));
    }
    writeln!(out, "{line} ({:.1} ms)", table.elapsed.as_secs_f64() * 1e3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tally::Unit;
    use crate::search::{CountRow, Dimension};

    fn printed(columns: usize) -> String {
        let table = CountTable {
            rows_by: Dimension::Topic,
            columns_by: Some(Dimension::Company),
            unit: Unit::Clauses,
            total: 100,
            columns: (0..columns).map(|i| (format!("c{i}"), 1)).collect(),
            rows: vec![CountRow {
                value: "contact".to_owned(),
                count: 100,
                cells: vec![1; columns],
            }],
            notes: Vec::new(),
            elapsed: std::time::Duration::ZERO,
        };
        let mut out = Vec::new();
        super::table(&mut out, &table, 1).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_table_on_a_screen_shows_at_most_so_many_columns_and_says_so() {
        let all = printed(COLUMNS);
        assert!(all.contains(&format!("c{}", COLUMNS - 1)), "{all}");
        assert!(!all.contains("columns shown"), "{all}");
        let cut = printed(COLUMNS + 6);
        let header = cut.lines().next().unwrap();
        assert!(header.contains(&format!("c{}", COLUMNS - 1)), "{cut}");
        assert!(!header.contains(&format!("c{}", COLUMNS)), "{cut}");
        assert!(
            cut.contains(&format!(
                "by {} companies, {COLUMNS} columns shown (every one: --format csv or --json)",
                COLUMNS + 6
            )),
            "{cut}"
        );
    }
}
