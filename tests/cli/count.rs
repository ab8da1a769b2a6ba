//! `polsearch count`: matches per company, topic, kind, retention kind or year, and per pair
//! of them; every cell what `search` totals for the same filters.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::harness::{demo_index, TestDir};

/// A table's rows: value -> (its count, its cells by column value).
type Rows = BTreeMap<String, (u64, BTreeMap<String, u64>)>;

/// The rows of `count --json` and its summary.
fn table(t: &TestDir, args: &[&str]) -> (Rows, Value) {
    let mut full = vec!["count", "--index", "idx", "--json"];
    full.extend_from_slice(args);
    let run = t.run_ok(&full, 0);
    let mut rows = BTreeMap::new();
    let mut summary = Value::Null;
    for line in run.stdout.lines() {
        let m: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let data = m["data"].clone();
        match m["type"].as_str() {
            Some("row") => {
                let obj = data.as_object().expect("a row is an object");
                let by = row_keys(obj);
                let value = obj[by.0.as_str()]
                    .as_str()
                    .expect("the row's value")
                    .to_owned();
                let cells =
                    by.1.map(|c| {
                        obj[c.as_str()]
                            .as_object()
                            .expect("cells")
                            .iter()
                            .map(|(k, v)| (k.clone(), v.as_u64().expect("a count")))
                            .collect()
                    })
                    .unwrap_or_default();
                rows.insert(value, (data["count"].as_u64().expect("count"), cells));
            }
            Some("summary") => summary = data,
            other => panic!("unexpected message {other:?}: {line}"),
        }
    }
    (rows, summary)
}

/// A row's dimensions: the key holding its value, and the one holding its cells, if any.
fn row_keys(obj: &serde_json::Map<String, Value>) -> (String, Option<String>) {
    let mut value = None;
    let mut cells = None;
    for (k, v) in obj {
        match v {
            Value::String(_) => value = Some(k.clone()),
            Value::Object(_) => cells = Some(k.clone()),
            _ => {}
        }
    }
    (value.expect("a value"), cells)
}

/// What `search` totals for `args`.
fn total(t: &TestDir, args: &[&str]) -> u64 {
    let mut full = vec![
        "search",
        "--index",
        "idx",
        "--json",
        "-n",
        "0",
        "--exact-total",
    ];
    full.extend_from_slice(args);
    let run = t.run(&full);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    run.summary().total_hits
}

#[test]
fn every_cell_is_what_search_totals_with_both_values_as_filters() {
    let t = demo_index();
    for (query, unit) in [
        ("", "clauses"),
        ("retention", "documents"),
        ("", "companies"),
    ] {
        let (rows, summary) = table(
            &t,
            &[query, "--by", "company", "--by", "topic", "--count", unit],
        );
        assert_eq!(summary["count"], unit);
        assert_eq!(summary["by"], serde_json::json!(["company", "topic"]));
        assert_eq!(
            summary["total"].as_u64(),
            Some(total(&t, &[query, "--count", unit]))
        );
        assert!(rows.len() >= 3, "{rows:?}");
        let mut nonzero = 0;
        for (company, (count, cells)) in &rows {
            assert_eq!(
                *count,
                total(&t, &[query, "--company", company, "--count", unit]),
                "{company} {unit}"
            );
            // Every topic column of the table (two for "retention": its heading and clauses).
            assert!(cells.len() >= 2, "{cells:?}");
            for (topic, n) in cells {
                let want = total(
                    &t,
                    &[
                        query,
                        "--company",
                        company,
                        "--topic",
                        topic,
                        "--count",
                        unit,
                    ],
                );
                assert_eq!(*n, want, "{query:?} {company} x {topic} ({unit})");
                nonzero += usize::from(*n > 0);
            }
        }
        assert!(nonzero > 3, "{query:?}: {nonzero}");
    }
}

#[test]
fn one_dimension_counts_as_search_facets_do_and_years_as_date_filters() {
    let t = demo_index();
    let facets = t.run_ok(
        &["search", "--index", "idx", "--json", "--facets", "-n", "0"],
        0,
    );
    for dim in ["company", "topic", "kind"] {
        let (rows, _) = table(&t, &["--by", dim]);
        let want: BTreeMap<String, u64> = facets
            .facet(dim)
            .into_iter()
            .map(|v| (v.value, v.count))
            .collect();
        let got: BTreeMap<String, u64> = rows.into_iter().map(|(k, (n, _))| (k, n)).collect();
        assert_eq!(got, want, "{dim}");
    }
    // Years: the documents dated in each, per company, as --since/--until count them. The
    // demo corpus's Fjord Mail has versions from 2021 to 2025.
    let (rows, summary) = table(
        &t,
        &["--by", "company", "--by", "year", "--count", "documents"],
    );
    let years: Vec<&str> = summary["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| c["value"].as_str().expect("a year"))
        .collect();
    assert_eq!(years.first(), Some(&"2021"), "{years:?}");
    assert!(
        years.windows(2).all(|w| w[0] < w[1]),
        "years in order: {years:?}"
    );
    let (_, fjord) = &rows["Fjord Mail"];
    assert!(fjord.values().filter(|n| **n > 0).count() >= 4, "{fjord:?}");
    for (company, (_, cells)) in &rows {
        for (year, n) in cells {
            let want = total(
                &t,
                &[
                    "",
                    "--company",
                    company,
                    "--since",
                    year,
                    "--until",
                    year,
                    "--count",
                    "documents",
                ],
            );
            assert_eq!(*n, want, "{company} in {year}");
        }
    }
}

#[test]
fn csv_holds_the_json_rows_and_bad_dimensions_are_errors() {
    let t = demo_index();
    let (rows, _) = table(&t, &["--by", "topic", "--by", "retention"]);
    let run = t.run_ok(
        &[
            "count",
            "--index",
            "idx",
            "--by",
            "topic",
            "--by",
            "retention",
            "--format",
            "csv",
        ],
        0,
    );
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[..2], ["topic", "clauses"]);
    assert!(header.contains(&"stated".to_owned()), "{header:?}");
    let mut seen = 0;
    for record in reader.records() {
        let record = record.expect("a CSV row");
        let (count, cells) = &rows[&record[0]];
        assert_eq!(record[1].parse::<u64>().ok(), Some(*count));
        for (name, cell) in header[2..].iter().zip(record.iter().skip(2)) {
            assert_eq!(cell.parse::<u64>().ok(), cells.get(name).copied(), "{name}");
        }
        seen += 1;
    }
    assert_eq!(seen, rows.len());
    // Errors name the argument; nothing matching is exit 1.
    let twice = t.run_ok(
        &["count", "--index", "idx", "--by", "topic", "--by", "topics"],
        2,
    );
    assert!(
        twice.stderr.contains("--by topic twice"),
        "{}",
        twice.stderr
    );
    let unknown = t.run_ok(&["count", "--index", "idx", "--by", "firm"], 2);
    assert!(
        unknown.stderr.contains("firm") && unknown.stderr.contains("company"),
        "{}",
        unknown.stderr
    );
    let none = t.run_ok(&["count", "zzqxv", "--index", "idx", "--by", "company"], 1);
    assert!(
        none.stdout.contains("0 matching clauses"),
        "{}",
        none.stdout
    );
    // Human output: a header, a line per value, then the total.
    let human = t.run_ok(
        &["count", "--index", "idx", "--by", "company", "-n", "2"],
        0,
    );
    let lines: Vec<&str> = human.stdout.lines().collect();
    assert!(
        lines[0].starts_with("company") && lines[0].contains("clauses"),
        "{lines:?}"
    );
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert!(
        lines[4].contains("in 6 companies, the first 2 shown"),
        "{lines:?}"
    );
}
