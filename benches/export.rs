//! Export benchmark: `PolicyIndex::export` writing every row of an index (distinct clauses,
//! every occurrence, a filtered set) as CSV and JSON Lines into a sink, against the same rows
//! fetched as one search page holding them all (`limit` = the total: what a script had to do
//! before `export`), rounds interleaved. Prints per-case medians, rows/s and the ratio to
//! that baseline.
//!
//! Run: `cargo bench --bench export [-- CORPUS] [--rounds N]`
//! (default corpus: ../shared's history corpus unpacked to the temp dir, else the demo corpus).

mod common;

use std::borrow::Borrow;
use std::time::Instant;

use polsearch::analyze::topic::Topic;
use polsearch::output::export::{ExportFormat, ExportWriter};
use polsearch::search::tally::Unit;
use polsearch::search::{Hit, PolicyIndex, SearchRequest};

/// Write `hits` in `format` into a sink; how many rows.
fn write_rows<H: Borrow<Hit>>(
    hits: impl Iterator<Item = H>,
    format: ExportFormat,
    occurrences: bool,
) -> usize {
    let mut writer =
        ExportWriter::new(std::io::sink(), format, "polsearch", occurrences).expect("writer");
    for hit in hits {
        writer.row(hit.borrow()).expect("row");
    }
    let rows = writer.rows();
    writer.finish().expect("finish");
    rows
}

fn export(index: &PolicyIndex, req: &SearchRequest, format: ExportFormat) -> usize {
    let hits = index.export(req).expect("export");
    write_rows(hits.map(|h| h.expect("a hit")), format, req.occurrences)
}

/// The same rows as one search page, written the same way.
fn one_page(index: &PolicyIndex, req: &SearchRequest, format: ExportFormat) -> usize {
    let unit = if req.occurrences {
        Unit::Occurrences
    } else {
        Unit::Clauses
    };
    let counted = SearchRequest {
        limit: 0,
        exact_total: true,
        count: unit,
        ..req.clone()
    };
    let total = index.search(&counted).expect("count").total_hits;
    let page = index
        .search(&SearchRequest {
            limit: total.max(1),
            count: unit,
            ..req.clone()
        })
        .expect("page");
    write_rows(page.hits.iter(), format, req.occurrences)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let corpus = common::corpus(&args);
    let rounds: usize = common::flag(&args, "--rounds")
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let (_, index) = common::indexed(&corpus, "export");
    let cases: Vec<(&str, SearchRequest)> = vec![
        ("every distinct clause", SearchRequest::default()),
        (
            "every occurrence",
            SearchRequest {
                occurrences: true,
                ..SearchRequest::default()
            },
        ),
        (
            "data-retention, latest",
            SearchRequest {
                topics: vec![Topic::DataRetention],
                as_of: Some(polsearch::search::AsOf::Latest),
                ..SearchRequest::default()
            },
        ),
        (
            "\"ip address\" occurrences",
            SearchRequest {
                query: "\"ip address\"".into(),
                occurrences: true,
                ..SearchRequest::default()
            },
        ),
    ];
    println!(
        "{:<28} {:>9} {:>11} {:>11} {:>11} {:>12} {:>8}",
        "case", "rows", "csv s", "jsonl s", "page s", "csv rows/s", "page/csv"
    );
    for (label, req) in &cases {
        let (mut csv, mut jsonl, mut page) = (Vec::new(), Vec::new(), Vec::new());
        let mut rows = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            rows = export(&index, req, ExportFormat::Csv);
            csv.push(t.elapsed().as_secs_f64());
            let t = Instant::now();
            let n = export(&index, req, ExportFormat::Jsonl);
            jsonl.push(t.elapsed().as_secs_f64());
            assert_eq!(n, rows);
            let t = Instant::now();
            let n = one_page(&index, req, ExportFormat::Csv);
            page.push(t.elapsed().as_secs_f64());
            assert_eq!(n, rows, "{label}: the page and the export differ");
        }
        let (c, j, p) = (
            common::median(&mut csv),
            common::median(&mut jsonl),
            common::median(&mut page),
        );
        println!(
            "{label:<28} {rows:>9} {c:>11.3} {j:>11.3} {p:>11.3} {:>12.0} {:>8.2}",
            rows as f64 / c,
            p / c
        );
    }
    println!("peak RSS {} MiB", common::peak_rss_kib() / 1024);
}
