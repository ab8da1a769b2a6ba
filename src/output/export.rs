//! `polsearch export`'s formats: one row per clause (or occurrence) for spreadsheets (CSV,
//! TSV), for scripts and data frames (flat JSON Lines), and for search clusters
//! (Elasticsearch's and OpenSearch's `_bulk` NDJSON). Every format writes the same fields,
//! the [`ExportRow`]; the tabular ones flatten its lists.

use std::io::{self, Write};

use serde::Serialize;

use crate::analyze::retention::RetentionKind;
use crate::search::Hit;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated values with a header row (RFC 4180 quoting, UTF-8).
    Csv,
    /// Tab-separated values with a header row (fields holding a tab, a quote or a line
    /// break quoted as in CSV).
    Tsv,
    /// One flat JSON object per line.
    Jsonl,
    /// Elasticsearch / OpenSearch `_bulk` NDJSON: an `index` action line naming the index
    /// and a stable `_id`, then the row.
    Bulk,
}

/// The columns of the tabular formats, in order.
pub const COLUMNS: [&str; 22] = [
    "clause_id",
    "company",
    "kind",
    "lang",
    "path",
    "date",
    "snapshot",
    "effective",
    "title",
    "start",
    "end",
    "line",
    "section",
    "topics",
    "retention",
    "retention_days",
    "cookie_days",
    "retention_text",
    "occurrences",
    "documents",
    "first_seen",
    "last_seen",
];

/// One exported clause (or occurrence): what every format writes.
#[derive(Debug, Serialize)]
pub struct ExportRow<'a> {
    /// The distinct clause's id, 16 hex digits: the same in every version holding the
    /// clause (a string: JSON numbers lose 64-bit precision in many readers).
    clause_id: String,
    company: &'a str,
    kind: &'a str,
    lang: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path_bytes: Option<&'a str>,
    date: Option<&'a str>,
    snapshot: Option<&'a str>,
    effective: Option<&'a str>,
    title: Option<&'a str>,
    start: usize,
    end: usize,
    line: u32,
    section: &'a str,
    topics: &'a [String],
    /// The kinds of the clause's retention statements (`stated`, `criterion`,
    /// `indefinite`, `cookie`), each once, in the order stated.
    retention: Vec<&'static str>,
    /// The longest period the clause states for keeping data, in days.
    retention_days: Option<u64>,
    /// The longest cookie or local-storage lifetime the clause states, in days.
    cookie_days: Option<u64>,
    /// The statements' evidence, as the text says it.
    retention_text: Vec<&'a str>,
    occurrences: u64,
    documents: u64,
    first_seen: Option<&'a str>,
    last_seen: Option<&'a str>,
    text: &'a str,
}

impl<'a> From<&'a Hit> for ExportRow<'a> {
    fn from(h: &'a Hit) -> Self {
        let mut kinds: Vec<&'static str> = Vec::new();
        for r in &h.retention {
            if !kinds.contains(&r.kind.name()) {
                kinds.push(r.kind.name());
            }
        }
        let longest = |cookie: bool| {
            h.retention
                .iter()
                .filter(|r| (r.kind == RetentionKind::Cookie) == cookie)
                .filter_map(|r| r.days)
                .max()
        };
        ExportRow {
            clause_id: format!("{:016x}", h.clause_id),
            company: &h.company,
            kind: &h.kind,
            lang: h.lang,
            path: &h.path,
            path_bytes: h.path_bytes.as_deref(),
            date: h.date.as_deref(),
            snapshot: h.snapshot.as_deref(),
            effective: h.effective.as_deref(),
            title: h.title.as_deref(),
            start: h.span.start,
            end: h.span.end,
            line: h.line,
            section: &h.section,
            topics: &h.topics,
            retention: kinds,
            retention_days: longest(false),
            cookie_days: longest(true),
            retention_text: h.retention.iter().map(|r| r.text.as_str()).collect(),
            occurrences: h.occurrences,
            documents: h.documents,
            first_seen: h.first_seen.as_deref(),
            last_seen: h.last_seen.as_deref(),
            text: &h.text,
        }
    }
}

impl ExportRow<'_> {
    /// The row as the tabular formats' cells ([`COLUMNS`] order, then `text`): lists
    /// joined with "; " (retention evidence with " | "), absent values empty.
    fn cells(&self) -> Vec<String> {
        let opt = |v: Option<&str>| v.unwrap_or_default().to_owned();
        let num = |v: Option<u64>| v.map(|d| d.to_string()).unwrap_or_default();
        vec![
            self.clause_id.clone(),
            self.company.to_owned(),
            self.kind.to_owned(),
            self.lang.to_owned(),
            self.path.to_owned(),
            opt(self.date),
            opt(self.snapshot),
            opt(self.effective),
            opt(self.title),
            self.start.to_string(),
            self.end.to_string(),
            self.line.to_string(),
            self.section.to_owned(),
            self.topics.join("; "),
            self.retention.join("; "),
            num(self.retention_days),
            num(self.cookie_days),
            self.retention_text.join(" | "),
            self.occurrences.to_string(),
            self.documents.to_string(),
            opt(self.first_seen),
            opt(self.last_seen),
            self.text.to_owned(),
        ]
    }
}

/// Where the rows go: a table writer (header written at creation), or JSON lines, with
/// `_bulk`'s action lines when `bulk` names the index.
enum Sink<W: Write> {
    Table(Box<csv::Writer<W>>),
    Lines { out: W, bulk: Option<String> },
}

/// Writes exported rows in one format.
pub struct ExportWriter<W: Write> {
    sink: Sink<W>,
    /// Whether `_id`s name occurrences (path and offset) rather than distinct clauses.
    occurrence_ids: bool,
    /// Whether tabular cells that a spreadsheet would run as a formula are defused.
    spreadsheet_safe: bool,
    rows: usize,
}

impl<W: Write> ExportWriter<W> {
    /// A writer of `format` into `out`. `bulk_index` names the index of `_bulk` actions;
    /// `occurrence_ids` makes their `_id`s name each occurrence (for `--occurrences`).
    pub fn new(
        out: W,
        format: ExportFormat,
        bulk_index: &str,
        occurrence_ids: bool,
    ) -> io::Result<ExportWriter<W>> {
        let sink = match format {
            ExportFormat::Csv | ExportFormat::Tsv => {
                let delimiter = if format == ExportFormat::Csv {
                    b','
                } else {
                    b'\t'
                };
                let mut w = csv::WriterBuilder::new()
                    .delimiter(delimiter)
                    .from_writer(out);
                let mut header: Vec<&str> = COLUMNS.to_vec();
                header.push("text");
                w.write_record(&header).map_err(io::Error::other)?;
                Sink::Table(Box::new(w))
            }
            ExportFormat::Jsonl => Sink::Lines { out, bulk: None },
            ExportFormat::Bulk => Sink::Lines {
                out,
                bulk: Some(bulk_index.to_owned()),
            },
        };
        Ok(ExportWriter {
            sink,
            occurrence_ids,
            spreadsheet_safe: false,
            rows: 0,
        })
    }

    /// In CSV and TSV, prefix with `'` every cell that begins with `=`, `+`, `-`, `@`, a tab
    /// or a carriage return, which spreadsheets would otherwise run as a formula (the text of
    /// a crawled page is anyone's). Off by default: the cells are then the text as indexed.
    pub fn spreadsheet_safe(mut self, on: bool) -> Self {
        self.spreadsheet_safe = on;
        self
    }

    /// Write one hit as a row.
    pub fn row(&mut self, hit: &Hit) -> io::Result<()> {
        let row = ExportRow::from(hit);
        match &mut self.sink {
            Sink::Table(table) => {
                let mut cells = row.cells();
                if self.spreadsheet_safe {
                    super::table::defuse(&mut cells);
                }
                table.write_record(cells).map_err(io::Error::other)?;
            }
            Sink::Lines { out, bulk } => {
                if let Some(index) = bulk {
                    let id = if self.occurrence_ids {
                        let path = xxhash_rust::xxh3::xxh3_64(hit.path.as_bytes());
                        format!("{}-{path:016x}-{}", row.clause_id, hit.span.start)
                    } else {
                        row.clause_id.clone()
                    };
                    let action = serde_json::json!({ "index": { "_index": index, "_id": id } });
                    serde_json::to_writer(&mut *out, &action)?;
                    out.write_all(b"\n")?;
                }
                serde_json::to_writer(&mut *out, &row)?;
                out.write_all(b"\n")?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// How many rows were written.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Flush and hand back the output.
    pub fn finish(self) -> io::Result<W> {
        match self.sink {
            Sink::Table(table) => table
                .into_inner()
                .map_err(|e| io::Error::other(e.to_string())),
            Sink::Lines { mut out, .. } => {
                out.flush()?;
                Ok(out)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::retention::Retention;
    use crate::text::Span;

    fn hit() -> Hit {
        Hit {
            rank: 1,
            score: None,
            path: "acme/privacy.md".into(),
            path_bytes: None,
            company: "Acme".into(),
            topics: vec!["data-retention".into(), "first-party-collection".into()],
            span: Span::new(10, 80),
            line: 3,
            section: "Keeping data".into(),
            text: "We keep server logs for \"12 months\", then delete them;\nsee below.".into(),
            kind: "privacy-policy".into(),
            lang: "en",
            date: Some("2024-01-02".into()),
            snapshot: None,
            effective: Some("2024-01-02".into()),
            title: None,
            occurrences: 2,
            documents: 2,
            first_seen: Some("2023-05-01".into()),
            last_seen: Some("2024-01-02".into()),
            retention: vec![
                Retention {
                    text: "12 months".into(),
                    days: Some(365),
                    kind: RetentionKind::Stated,
                    span: Span::new(34, 43),
                },
                Retention {
                    text: "expires after 2 years".into(),
                    days: Some(730),
                    kind: RetentionKind::Cookie,
                    span: Span::new(50, 60),
                },
            ],
            highlights: Vec::new(),
            text_highlights: Vec::new(),
            clause_id: 0xabc,
            candidate: None,
        }
    }

    fn written(format: ExportFormat, occurrence_ids: bool) -> String {
        let mut w = ExportWriter::new(Vec::new(), format, "policies", occurrence_ids).unwrap();
        w.row(&hit()).unwrap();
        assert_eq!(w.rows(), 1);
        String::from_utf8(w.finish().unwrap()).unwrap()
    }

    #[test]
    fn csv_round_trips_quotes_and_line_breaks() {
        let out = written(ExportFormat::Csv, false);
        let mut r = csv::Reader::from_reader(out.as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(header.len(), COLUMNS.len() + 1);
        assert_eq!(header.last().map(String::as_str), Some("text"));
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let cell = |name: &str| rows[0][header.iter().position(|h| h == name).unwrap()].to_owned();
        assert_eq!(cell("text"), hit().text);
        assert_eq!(cell("clause_id"), "0000000000000abc");
        assert_eq!(cell("topics"), "data-retention; first-party-collection");
        assert_eq!(cell("retention"), "stated; cookie");
        assert_eq!(cell("retention_days"), "365");
        assert_eq!(cell("cookie_days"), "730");
        assert_eq!(cell("snapshot"), "");
        assert_eq!(cell("start"), "10");
        assert_eq!(cell("lang"), "en");
    }

    #[test]
    fn spreadsheet_safe_defuses_formulas_and_only_them() {
        let mut formula = hit();
        formula.text = "=HYPERLINK(\"http://example.invalid\", \"x\")".into();
        formula.section = "-".into();
        let cells = |safe: bool| {
            let mut w = ExportWriter::new(Vec::new(), ExportFormat::Csv, "i", false)
                .unwrap()
                .spreadsheet_safe(safe);
            w.row(&formula).unwrap();
            w.row(&hit()).unwrap();
            let out = String::from_utf8(w.finish().unwrap()).unwrap();
            let mut r = csv::Reader::from_reader(out.as_bytes());
            r.records()
                .map(|rec| rec.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        };
        let (plain, safe) = (cells(false), cells(true));
        let text = COLUMNS.len();
        let section = COLUMNS.iter().position(|c| *c == "section").unwrap();
        assert_eq!(plain[0][text], formula.text);
        assert_eq!(safe[0][text], format!("'{}", formula.text));
        assert_eq!(safe[0][section], "'-");
        // Other cells and rows are untouched.
        assert_eq!(safe[1], plain[1]);
        assert_eq!(safe[0][0], plain[0][0]);
    }

    #[test]
    fn tsv_uses_tabs() {
        let out = written(ExportFormat::Tsv, false);
        let first = out.lines().next().unwrap();
        assert!(first.starts_with("clause_id\tcompany\tkind\t"), "{first}");
        let mut r = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .from_reader(out.as_bytes());
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(row.get(COLUMNS.len()), Some(hit().text.as_str()));
    }

    #[test]
    fn bulk_pairs_an_action_with_each_row() {
        let out = written(ExportFormat::Bulk, false);
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["index"]["_index"], "policies");
        assert_eq!(lines[0]["index"]["_id"], "0000000000000abc");
        assert_eq!(lines[1]["company"], "Acme");
        assert_eq!(lines[1]["retention_days"], 365);
        assert_eq!(lines[1]["text"], hit().text.as_str());
        // An occurrence's id names its file and offset too.
        let out = written(ExportFormat::Bulk, true);
        let action: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        let id = action["index"]["_id"].as_str().unwrap();
        assert!(
            id.starts_with("0000000000000abc-") && id.ends_with("-10"),
            "{id}"
        );
    }

    #[test]
    fn jsonl_is_one_flat_object_per_row() {
        let out = written(ExportFormat::Jsonl, false);
        assert_eq!(out.lines().count(), 1);
        let row: serde_json::Value = serde_json::from_str(out.trim_end()).unwrap();
        assert_eq!(row["path"], "acme/privacy.md");
        assert_eq!(row["retention"], serde_json::json!(["stated", "cookie"]));
        assert!(row.get("path_bytes").is_none());
    }
}
