//! Bad input: clear one-line errors with exit 2, never a panic, never lost data.

use polsearch::index::store::Store;

use crate::harness::TestDir;

fn small_corpus(t: &TestDir) {
    t.write(
        "c/acme/privacy.txt",
        "Acme Ltd keeps server logs for 12 months.\n\nWe never sell personal data to anyone.\n",
    );
    t.write(
        "c/globex/privacy.txt",
        "Globex Inc stores cookies for one year.\n\nWe share personal data with partners.\n",
    );
}

fn assert_error(run: &crate::harness::Run, needle: &str) {
    assert_eq!(run.code, 2, "stdout {} stderr {}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(needle),
        "stderr should mention {needle:?}: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn missing_index_and_corpus() {
    let t = TestDir::new();
    assert_error(&t.run(&["search", "x", "--index", "nowhere"]), "nowhere");
    std::fs::create_dir(t.path().join("empty")).unwrap();
    assert_error(&t.run(&["search", "x", "--index", "empty"]), "no index");
    assert_error(&t.run(&["stats", "--index", "nowhere"]), "nowhere");
    assert_error(
        &t.run(&["index", "no-such-dir", "--index", "i"]),
        "no-such-dir",
    );
    assert!(
        !t.path().join("i").exists(),
        "a failed index run creates nothing"
    );
    assert_error(&t.run(&["clauses", "missing.txt"]), "missing.txt");
}

#[test]
fn bad_queries_topics_and_companies() {
    let t = TestDir::new();
    small_corpus(&t);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    assert_error(
        &t.run(&["search", "logs", "--index", "i", "--topic", "retention"]),
        "unknown topic 'retention'",
    );
    let unknown = t.run(&["search", "logs", "--index", "i", "--company", "initech"]);
    assert_error(&unknown, "unknown company 'initech'");
    assert!(
        unknown.stderr.contains("acme"),
        "lists candidates: {}",
        unknown.stderr
    );
    // Issue 11: the facet root is no candidate (the list started with an empty name).
    assert!(
        !unknown.stderr.contains("''") && !unknown.stderr.contains(": ,"),
        "{}",
        unknown.stderr
    );
    t.write("c/acme2/privacy.txt", "Acme Two keeps logs for 3 days.\n");
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let ambiguous = t.run(&["search", "logs", "--index", "i", "--company", "acm"]);
    assert_error(&ambiguous, "ambiguous");
    assert!(ambiguous.stderr.contains("acme2"), "{}", ambiguous.stderr);
    assert_error(
        &t.run(&["search", "x", "--index", "i", "--limit", "ten"]),
        "ten",
    );
}

/// Bounds that cross and an empty company are the user's slip: an error naming the flags,
/// for every command that takes the filters, not a search that finds nothing.
#[test]
fn crossed_ranges_and_an_empty_company_are_errors() {
    let t = TestDir::new();
    small_corpus(&t);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    for command in ["search", "count", "export", "retention"] {
        let with = |extra: &[&str]| {
            let mut args = vec![command, "--index", "i"];
            if command == "count" {
                args.extend(["--by", "company"]);
            }
            args.extend_from_slice(extra);
            t.run(&args)
        };
        assert_error(
            &with(&["--since", "2025", "--until", "2020"]),
            "--since is after --until",
        );
        assert_error(
            &with(&[
                "--effective-since",
                "2024-06",
                "--effective-until",
                "2024-05",
            ]),
            "--effective-since is after --effective-until",
        );
        assert_error(
            &with(&["--retention-min", "1y", "--retention-max", "1m"]),
            "--retention-min (365 days) is longer than --retention-max (30 days)",
        );
        assert_error(&with(&["--company", ""]), "--company needs a name");
    }
    // A year as both bounds is that year; equal periods are a range of one.
    // (The small corpus is undated: nothing is found, and that is no error.)
    t.run_ok(
        &[
            "search", "--index", "i", "--since", "2024", "--until", "2024",
        ],
        1,
    );
    let run = t.run_ok(
        &[
            "search",
            "logs",
            "--index",
            "i",
            "--retention-min",
            "12m",
            "--retention-max",
            "1y",
        ],
        0,
    );
    assert!(run.stdout.contains("Acme"), "{}", run.stdout);
}

#[test]
fn nothing_found_exits_1() {
    let t = TestDir::new();
    small_corpus(&t);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let run = t.run_ok(&["search", "zeppelin", "--index", "i", "--json"], 1);
    assert_eq!(run.summary().total_hits, 0);
}

#[test]
fn binary_empty_and_latin1_files_do_not_stop_the_run() {
    let t = TestDir::new();
    small_corpus(&t);
    let bin: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    t.write("c/bad/binary.txt", bin);
    t.write("c/bad/empty.md", "");
    t.write(
        "c/bad/latin1.txt",
        b"Nous conservons vos donn\xe9es pendant 12 mois.\n",
    );
    let run = t.run_ok(&["index", "c", "--index", "i", "--json"], 0);
    assert!(run.stderr.contains("binary.txt"), "{}", run.stderr);
    assert!(run.stderr.contains("empty.md"), "{}", run.stderr);
    let summary: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let skipped = summary["data"]["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 2, "{summary}");
    assert_eq!(summary["data"]["files"], 3);

    let hits = t
        .run_ok(&["search", "conservons", "--index", "i", "--json"], 0)
        .hits();
    let raw = std::fs::read(t.path().join(&hits[0].path)).unwrap();
    assert_eq!(
        &raw[hits[0].start..hits[0].end],
        b"Nous conservons vos donn\xe9es pendant 12 mois."
    );
    assert_eq!(hits[0].text, "Nous conservons vos données pendant 12 mois.");
}

/// A crawl that holds PDFs or Word files beside its pages: each is listed as skipped with how
/// to convert it (not passed over in silence, nor indexed as its markup), and pages saved as
/// `.xhtml` or `.shtml` are read as HTML.
#[test]
fn documents_polsearch_does_not_read_are_named_with_how_to_convert_them() {
    let t = TestDir::new();
    small_corpus(&t);
    // A PDF whose opening is ASCII, as most are.
    t.write(
        "c/docs/policy.pdf",
        "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
    );
    t.write(
        "c/docs/terms.docx",
        b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml\x00word/document.xml",
    );
    t.write(
        "c/docs/notice.xhtml",
        "<html><head><title>Notice</title></head><body><p>We keep invoices for <b>ten years</b>.</p></body></html>",
    );
    let run = t.run_ok(&["index", "c", "--index", "i", "--json"], 0);
    assert!(
        run.stderr.contains("policy.pdf: a PDF document"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("pdftotext"), "{}", run.stderr);
    let summary: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let skipped: Vec<String> = summary["data"]["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}: {}",
                s["path"].as_str().unwrap(),
                s["reason"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0].starts_with("c/docs/policy.pdf: a PDF document"),
        "{skipped:?}"
    );
    assert!(
        skipped[1].starts_with("c/docs/terms.docx: a Word (DOCX) document"),
        "{skipped:?}"
    );
    // The markup of the page is not its text.
    let hits = t
        .run_ok(&["search", "invoices", "--index", "i", "--json"], 0)
        .hits();
    assert_eq!(hits[0].text, "We keep invoices for ten years.");
    assert_error(&t.run(&["clauses", "c/docs/policy.pdf"]), "policy.pdf");
}

#[test]
fn clauses_of_a_binary_file_is_an_error() {
    let t = TestDir::new();
    t.write("b.txt", [0u8, 1, 2, 3, 0, 0, 7]);
    assert_error(&t.run(&["clauses", "b.txt"]), "b.txt");
}

#[test]
fn a_second_writer_is_refused_while_one_runs() {
    let t = TestDir::new();
    small_corpus(&t);
    let store = Store::new(t.path().join("i"));
    let lock = store.lock().unwrap();
    let run = t.run(&["index", "c", "--index", "i", "--quiet"]);
    assert_error(&run, "index is locked by another polsearch process");
    drop(lock);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
}

#[test]
fn a_failed_run_leaves_the_last_good_index_searchable() {
    let t = TestDir::new();
    small_corpus(&t);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let before = t
        .run_ok(&["search", "logs", "--index", "i", "--json"], 0)
        .hits();
    t.write("c/polsearch.toml", "[[document]]\npath = 7\n");
    assert_error(
        &t.run(&["index", "c", "--index", "i", "--quiet"]),
        "polsearch.toml",
    );
    let after = t
        .run_ok(&["search", "logs", "--index", "i", "--json"], 0)
        .hits();
    assert_eq!(before.len(), after.len());
    assert_eq!(before[0].text, after[0].text);
}
