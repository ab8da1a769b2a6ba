//! Count tables: a line per row value, its own count, then a column per value of the
//! second dimension; then the total.

use std::io::{self, Write};

use comfy_table::{presets, CellAlignment, ContentArrangement, Table};

use crate::search::CountTable;

pub(super) fn table(out: &mut dyn Write, table: &CountTable, rows: usize) -> io::Result<()> {
    if !table.rows.is_empty() {
        let mut t = Table::new();
        let mut header = vec![
            table.rows_by.name().to_owned(),
            table.unit.name().to_owned(),
        ];
        header.extend(table.columns.iter().map(|(name, _)| name.clone()));
        t.load_style(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(header);
        for row in &table.rows {
            let mut cells = vec![row.value.clone(), row.count.to_string()];
            cells.extend(row.cells.iter().map(u64::to_string));
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
    writeln!(out, "{line} ({:.1} ms)", table.elapsed.as_secs_f64() * 1e3)
}
