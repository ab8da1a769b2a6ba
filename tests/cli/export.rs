//! `polsearch export`: every clause a search admits as rows (CSV, TSV, JSON Lines, _bulk),
//! the same set a search finds, written whole or not at all.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::harness::{demo_index, TestDir};

/// A JSON Lines row, decoded strictly: the documented fields and no others.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Row {
    clause_id: String,
    company: String,
    kind: String,
    lang: String,
    path: String,
    #[serde(default)]
    path_bytes: Option<String>,
    date: Option<String>,
    snapshot: Option<String>,
    effective: Option<String>,
    title: Option<String>,
    start: usize,
    end: usize,
    line: u64,
    section: String,
    topics: Vec<String>,
    retention: Vec<String>,
    retention_days: Option<u64>,
    cookie_days: Option<u64>,
    retention_text: Vec<String>,
    occurrences: u64,
    documents: u64,
    first_seen: Option<String>,
    last_seen: Option<String>,
    text: String,
}

fn rows(stdout: &str) -> Vec<Row> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// The places (path, start, end) a search lists, every hit of it.
fn searched(t: &TestDir, args: &[&str]) -> BTreeSet<(String, usize, usize)> {
    let mut full = vec!["search", "--index", "idx", "--json", "-n", "100000"];
    full.extend_from_slice(args);
    t.run(&full)
        .hits()
        .into_iter()
        .map(|h| (h.path, h.start, h.end))
        .collect()
}

fn exported(t: &TestDir, args: &[&str]) -> Vec<Row> {
    let mut full = vec!["export", "--index", "idx", "--format", "jsonl", "-q"];
    full.extend_from_slice(args);
    rows(&t.run_ok(&full, 0).stdout)
}

#[test]
fn an_export_lists_exactly_what_the_search_finds() {
    let t = demo_index();
    for (query, flags) in [
        ("", vec![]),
        ("", vec!["--occurrences"]),
        ("retention", vec![]),
        ("retention", vec!["--occurrences"]),
        ("\"personal data\"", vec!["--company", "acme"]),
        ("", vec!["--topic", "data-retention", "--latest"]),
        ("", vec!["--retention", "stated", "--retention-min", "1y"]),
        ("cookies", vec!["--kind", "privacy-policy", "--occurrences"]),
    ] {
        let mut args = vec![query];
        args.extend_from_slice(&flags);
        let rows = exported(&t, &args);
        let places: BTreeSet<(String, usize, usize)> = rows
            .iter()
            .map(|r| (r.path.clone(), r.start, r.end))
            .collect();
        assert_eq!(places.len(), rows.len(), "{args:?}: a row twice");
        let found = searched(&t, &args);
        assert!(
            !found.is_empty(),
            "{args:?} finds nothing on the demo corpus"
        );
        assert_eq!(places, found, "{args:?}");
        // Distinct clauses once each; occurrences name their clause.
        let ids: BTreeSet<&str> = rows.iter().map(|r| r.clause_id.as_str()).collect();
        if flags.contains(&"--occurrences") {
            assert!(ids.len() <= rows.len());
        } else {
            assert_eq!(ids.len(), rows.len(), "{args:?}: a clause twice");
        }
        for r in &rows {
            assert_eq!(r.clause_id.len(), 16, "{r:?}");
            assert!(r.start < r.end, "{r:?}");
        }
    }
}

#[test]
fn rows_come_in_path_and_offset_order_with_their_facts() {
    let t = demo_index();
    let rows = exported(&t, &["", "--occurrences"]);
    let places: Vec<(&str, usize)> = rows.iter().map(|r| (r.path.as_str(), r.start)).collect();
    // Within each file, rows follow the text.
    for pair in places.windows(2) {
        if pair[0].0 == pair[1].0 {
            assert!(pair[0].1 < pair[1].1, "{pair:?}");
        }
    }
    // A retention clause carries its statements, its longest period in days.
    let stated: Vec<&Row> = rows
        .iter()
        .filter(|r| r.retention.iter().any(|k| k == "stated"))
        .collect();
    assert!(!stated.is_empty());
    for r in stated {
        assert!(r.retention_days.is_some_and(|d| d > 0), "{r:?}");
        assert!(!r.retention_text.is_empty(), "{r:?}");
    }
}

#[test]
fn csv_and_tsv_hold_the_same_rows_as_json_lines() {
    let t = demo_index();
    let json = exported(&t, &["retention"]);
    for (format, delimiter) in [("csv", b','), ("tsv", b'\t')] {
        let run = t.run_ok(
            &["export", "retention", "--index", "idx", "--format", format],
            0,
        );
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(run.stdout.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), json.len(), "{format}");
        for (rec, row) in records.iter().zip(&json) {
            assert_eq!(&rec[col("text")], row.text, "{format}");
            assert_eq!(&rec[col("path")], row.path, "{format}");
            assert_eq!(rec[col("start")].parse::<usize>().unwrap(), row.start);
            assert_eq!(&rec[col("topics")], row.topics.join("; "), "{format}");
        }
        // The count goes to stderr, the rows alone to stdout.
        assert!(
            run.stderr.contains("distinct clauses written"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn bulk_pairs_each_row_with_an_index_action_and_a_unique_id() {
    let t = demo_index();
    let run = t.run_ok(
        &[
            "export",
            "--index",
            "idx",
            "--format",
            "bulk",
            "--bulk-index",
            "policies",
            "--occurrences",
            "-q",
        ],
        0,
    );
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 2 && lines.len().is_multiple_of(2));
    let mut ids = BTreeSet::new();
    for pair in lines.chunks(2) {
        assert_eq!(pair[0]["index"]["_index"], "policies", "{pair:?}");
        let id = pair[0]["index"]["_id"].as_str().unwrap().to_owned();
        assert!(ids.insert(id), "{pair:?}");
        assert!(pair[1]["text"].is_string(), "{pair:?}");
    }
}

#[test]
fn an_export_to_a_file_is_whole_or_leaves_the_old_file() {
    let t = demo_index();
    let out = t.path().join("clauses.csv");
    std::fs::write(&out, "the previous export\n").unwrap();
    // A failing export (an unknown company) names it, exits 2, and keeps the old file.
    let run = t.run(&[
        "export",
        "--index",
        "idx",
        "--company",
        "nosuchco",
        "--out",
        "clauses.csv",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("nosuchco"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "the previous export\n"
    );
    // A good one replaces it whole; nothing is left beside it.
    let run = t.run_ok(&["export", "--index", "idx", "--out", "clauses.csv"], 0);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("clauses.csv"), "{}", run.stderr);
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.starts_with("clause_id,company,kind,lang,path,"),
        "{written}"
    );
    let leftovers: Vec<String> = std::fs::read_dir(t.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".polsearch-export"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Into a folder that does not exist: a clear error naming the file.
    let run = t.run(&["export", "--index", "idx", "--out", "no/such/dir/x.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no/such/dir/x.csv"), "{}", run.stderr);
}

#[test]
fn nothing_to_export_exits_1_with_a_header_only() {
    let t = demo_index();
    let run = t.run_ok(&["export", "zzyzxnomatch", "--index", "idx"], 1);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(run.stdout.starts_with("clause_id,"));
    let run = t.run_ok(
        &[
            "export",
            "zzyzxnomatch",
            "--index",
            "idx",
            "--format",
            "jsonl",
        ],
        1,
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn json_is_json_lines_as_for_every_other_command() {
    let t = demo_index();
    let base = [
        "export",
        "--index",
        "idx",
        "-q",
        "--topic",
        "data-retention",
    ];
    let jsonl = t
        .run_ok(&[&base[..], &["--format", "jsonl"]].concat(), 0)
        .stdout;
    assert!(!rows(&jsonl).is_empty());
    assert_eq!(
        t.run_ok(&[&base[..], &["--json"]].concat(), 0).stdout,
        jsonl
    );
    assert_eq!(
        t.run_ok(&[&base[..], &["--format", "json"]].concat(), 0)
            .stdout,
        jsonl
    );
    // Two formats asked for at once: an error naming both.
    let run = t.run_ok(&[&base[..], &["--json", "--format", "csv"]].concat(), 2);
    assert!(
        run.stderr.contains("--json") && run.stderr.contains("--format"),
        "{}",
        run.stderr
    );
}

#[test]
fn spreadsheet_safe_defuses_a_formula_in_a_crawled_page() {
    let t = TestDir::new();
    t.write(
        "c/acme/privacy.txt",
        "Acme Ltd privacy policy.\n\n=HYPERLINK(\"http://example.invalid\",\"click\") We keep logs for 30 days.\n",
    );
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    let text_cells = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["export", "--index", "idx", "-q"];
        full.extend_from_slice(args);
        let out = t.run_ok(&full, 0).stdout;
        let mut r = csv::Reader::from_reader(out.as_bytes());
        let col = r
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == "text")
            .unwrap();
        r.records()
            .map(|rec| rec.unwrap()[col].to_owned())
            .collect()
    };
    let plain = text_cells(&[]);
    assert!(
        plain.iter().any(|c| c.starts_with("=HYPERLINK")),
        "{plain:?}"
    );
    let safe = text_cells(&["--spreadsheet-safe"]);
    assert!(
        safe.iter().any(|c| c.starts_with("'=HYPERLINK")),
        "{safe:?}"
    );
    assert!(!safe.iter().any(|c| c.starts_with('=')), "{safe:?}");
    assert_eq!(plain.len(), safe.len());
}
