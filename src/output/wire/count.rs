//! `count --json`: a `row` message per row of the table, then a `summary`.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::search::{CountRow, CountTable};

use super::millis;

/// One row: its value under the rows' dimension's name, its own `count`, and with a second
/// dimension an object of the counts per column value under that dimension's name:
/// `{"company": "Acme", "count": 12, "topic": {"data-retention": 3, ...}}`.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct CountRowMsg(Map<String, Value>);

impl CountRowMsg {
    /// The message of `row` of `table`.
    pub fn new(table: &CountTable, row: &CountRow) -> Self {
        let mut m = Map::new();
        m.insert(
            table.rows_by.name().to_owned(),
            Value::from(row.value.clone()),
        );
        m.insert("count".to_owned(), Value::from(row.count));
        if let Some(columns) = table.columns_by {
            let cells: Map<String, Value> = table
                .columns
                .iter()
                .zip(&row.cells)
                .map(|((name, _), n)| (name.clone(), Value::from(*n)))
                .collect();
            m.insert(columns.name().to_owned(), Value::Object(cells));
        }
        CountRowMsg(m)
    }
}

/// After the rows: what was counted, the total, the dimensions and their values' counts.
#[derive(Debug, Serialize)]
pub struct CountSummaryMsg<'a> {
    /// Every match, counted once.
    total: u64,
    /// The unit: clauses, occurrences, documents or companies.
    count: &'static str,
    /// The dimensions: rows, then columns.
    by: Vec<&'static str>,
    /// How many rows there are, and how many were printed (`--limit`).
    rows: usize,
    shown: usize,
    /// The columns' values with their own counts, in column order (empty with one dimension).
    columns: Vec<ColumnMsg<'a>>,
    elapsed_ms: f64,
}

/// A column's value and its own count.
#[derive(Debug, Serialize)]
struct ColumnMsg<'a> {
    value: &'a str,
    count: u64,
}

impl<'a> CountSummaryMsg<'a> {
    /// The summary of `table`, of `rows` rows in all.
    pub fn new(table: &'a CountTable, rows: usize) -> Self {
        CountSummaryMsg {
            total: table.total,
            count: table.unit.name(),
            by: std::iter::once(table.rows_by)
                .chain(table.columns_by)
                .map(|d| d.name())
                .collect(),
            rows,
            shown: table.rows.len(),
            columns: table
                .columns
                .iter()
                .map(|(value, count)| ColumnMsg {
                    value,
                    count: *count,
                })
                .collect(),
            elapsed_ms: millis(table.elapsed),
        }
    }
}
