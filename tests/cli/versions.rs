//! Versions of a policy: a clause repeated across the files of a folder (and within a file)
//! is indexed once per group. With `--occurrences` every occurrence is a hit with its own
//! file, offsets, line and date, and totals and facet counts count occurrences; by default
//! (tests/cli/history.rs) a search shows each distinct clause once.

use crate::harness::{HitMsg, TestDir};

const SHARED: &str = "We keep server logs for 12 months.";

/// Acme's privacy policy in three dated versions that share a clause at different offsets
/// (twice in the 2020 version), and Globex's policy with the same sentence.
fn corpus() -> TestDir {
    let t = TestDir::new();
    t.write(
        "c/acme/2019-01-01.txt",
        format!("Acme Ltd privacy policy.\n\n{SHARED}\n\nWe sell nothing.\n"),
    );
    t.write(
        "c/acme/2020-06-01.txt",
        format!(
            "Acme Ltd privacy policy, revised.\n\nCookies help us.\n\n{SHARED}\n\nAgain: {SHARED}\n"
        ),
    );
    t.write(
        "c/acme/2021-03-01.txt",
        format!("Acme Ltd privacy policy.\n\nWe moved offices.\n\n\n{SHARED}\n"),
    );
    t.write(
        "c/globex/2021-05-01.txt",
        format!("Globex Inc privacy policy.\n\n{SHARED}\n"),
    );
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    t
}

/// A search with `--occurrences`: one hit per occurrence, totals counting occurrences.
fn search(t: &TestDir, args: &[&str]) -> crate::harness::Run {
    let mut full = vec![
        "search",
        "server logs",
        "--index",
        "idx",
        "--json",
        "--facets",
        "--occurrences",
    ];
    full.extend_from_slice(args);
    t.run_ok(&full, 0)
}

/// Check a hit against its file: the byte range slices back to the text, the line is the
/// range's line, the date is the file name's.
fn check(t: &TestDir, h: &HitMsg) {
    let raw = std::fs::read(t.path().join(&h.path)).unwrap();
    assert_eq!(&raw[h.start..h.end], h.text.as_bytes(), "{h:?}");
    let line = raw[..h.start].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    assert_eq!(h.line, line, "{h:?}");
    let stem = std::path::Path::new(&h.path).file_stem().unwrap();
    assert_eq!(h.date.as_deref(), stem.to_str(), "{h:?}");
}

#[test]
fn every_occurrence_of_a_shared_clause_is_a_hit_with_its_own_place() {
    let t = corpus();
    let run = search(&t, &["--limit", "100"]);
    let hits = run.hits();
    // Acme: once in 2019, twice in 2020 (once inside "Again: ..."), once in 2021; Globex once.
    let exact: Vec<&HitMsg> = hits.iter().filter(|h| h.text == SHARED).collect();
    assert_eq!(exact.len(), 4, "{hits:#?}");
    for h in &hits {
        check(&t, h);
    }
    let mut places: Vec<(String, usize)> = hits
        .iter()
        .map(|h| {
            let file = std::path::Path::new(&h.path).file_name().unwrap();
            (file.to_string_lossy().into_owned(), h.start)
        })
        .collect();
    places.sort();
    places.dedup();
    assert_eq!(places.len(), hits.len(), "no occurrence shown twice");
    assert_eq!(
        hits.iter().map(|h| h.rank).collect::<Vec<_>>(),
        (1..=hits.len() as u64).collect::<Vec<_>>()
    );
    // Scores never increase down the page.
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    let summary = run.summary();
    assert!(summary.total_exact);
    assert_eq!(summary.total_hits, hits.len() as u64);
    let company = |name: &str| {
        run.facet("company")
            .into_iter()
            .find(|c| c.value == name)
            .map_or(0, |c| c.count)
    };
    let acme = hits.iter().filter(|h| h.company == "acme").count() as u64;
    assert_eq!(company("acme"), acme);
    assert_eq!(company("globex"), 1);
    assert_eq!(acme + 1, hits.len() as u64);

    // Pages of the same ranking: offsets cut through one clause's occurrences.
    for (offset, limit) in [(1, 2), (2, 3), (4, 10)] {
        let page = search(
            &t,
            &[
                "--offset",
                &offset.to_string(),
                "--limit",
                &limit.to_string(),
            ],
        )
        .hits();
        let want: Vec<(String, usize, u64)> = hits
            .iter()
            .skip(offset)
            .take(limit)
            .map(|h| (h.path.clone(), h.start, h.rank))
            .collect();
        let got: Vec<(String, usize, u64)> = page
            .iter()
            .map(|h| (h.path.clone(), h.start, h.rank))
            .collect();
        assert_eq!(got, want, "offset {offset} limit {limit}");
    }

    // The index summary and `stats` count occurrences too.
    let stats = t.run_ok(&["stats", "--index", "idx", "--json"], 0);
    let v: serde_json::Value = serde_json::from_str(stats.stdout.trim()).unwrap();
    assert_eq!(v["data"]["documents"], 4);
    let clauses: usize = [
        "c/acme/2019-01-01.txt",
        "c/acme/2020-06-01.txt",
        "c/acme/2021-03-01.txt",
        "c/globex/2021-05-01.txt",
    ]
    .iter()
    .map(|f| {
        let run = t.run_ok(&["clauses", f, "--json"], 0);
        run.stdout
            .lines()
            .filter(|l| l.starts_with(r#"{"type":"clause""#))
            .count()
    })
    .sum();
    assert_eq!(v["data"]["clauses"].as_u64().unwrap(), clauses as u64);
}

#[test]
fn dates_filter_occurrences_not_whole_clauses() {
    let t = corpus();
    let all = search(&t, &["--limit", "100"]).hits();
    for (args, keep) in [
        (
            &["--since", "2020-06-01"][..],
            &["2020-06-01", "2021-03-01", "2021-05-01"][..],
        ),
        (&["--until", "2020"][..], &["2019-01-01", "2020-06-01"][..]),
        (
            &["--since", "2021-01-01", "--until", "2021-04"][..],
            &["2021-03-01"][..],
        ),
    ] {
        let mut full = vec!["--limit", "100"];
        full.extend_from_slice(args);
        let run = search(&t, &full);
        let hits = run.hits();
        let want: Vec<(String, usize)> = all
            .iter()
            .filter(|h| keep.contains(&h.date.as_deref().unwrap()))
            .map(|h| (h.path.clone(), h.start))
            .collect();
        let got: Vec<(String, usize)> = hits.iter().map(|h| (h.path.clone(), h.start)).collect();
        assert_eq!(got, want, "{args:?}");
        assert_eq!(run.summary().total_hits, want.len() as u64, "{args:?}");
        let by_company: u64 = run.facet("company").iter().map(|c| c.count).sum();
        assert_eq!(by_company, want.len() as u64, "{args:?}");
    }
}

/// A query may also match a group document (it has the paths), which has no occurrence to
/// show: the page still fills from the clause documents ranked after it.
#[test]
fn a_page_fills_past_documents_without_occurrences() {
    let t = corpus();
    let run = t.run_ok(
        &[
            "search",
            r#"path:"c/acme/2019-01-01.txt"^100 OR privacy"#,
            "--index",
            "idx",
            "--json",
            "--limit",
            "1",
        ],
        0,
    );
    let hits = run.hits();
    assert_eq!(hits.len(), 1, "{}", run.stdout);
    assert!(hits[0].text.contains("privacy policy"), "{hits:?}");
}

/// Acme's policy under a title that changed between versions, a sentence under it, and a
/// list item said under two headings of each version.
fn renamed(t: &TestDir, file: &str, title: &str) {
    t.write(
        &format!("c/acme/{file}.md"),
        format!(
            "# {title}\n\nWe keep server logs for 12 months.\n\n## What we collect\n\n\
             - Your email address and phone number\n\n## What we share\n\n\
             - Your email address and phone number\n"
        ),
    );
}

/// A heading renamed between versions leaves the sentences under it the same clauses: one
/// hit, found in both versions, each occurrence showing its own heading, the old one still
/// found by `section:`; history counts the title alone as changed. A text said under two
/// headings of one file stays two clauses, one per heading.
#[test]
fn a_renamed_heading_keeps_the_sentences_under_it_one_clause_each() {
    let t = TestDir::new();
    renamed(&t, "2020-01-01", "Acme Data Policy");
    renamed(&t, "2022-01-01", "Acme Privacy Notice");
    t.write("c/globex/2021-01-01.md", "Globex Inc sells nothing.\n");
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    let run = |args: &[&str]| {
        let mut full = vec!["search", "--index", "idx", "--json"];
        full.extend_from_slice(args);
        t.run_ok(&full, 0).hits()
    };

    let hits = run(&["server logs"]);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    let h = &hits[0];
    assert_eq!(
        (h.documents, h.section.as_str()),
        (2, "Acme Privacy Notice")
    );
    assert!(h.path.ends_with("2022-01-01.md"), "{h:?}");
    check(&t, h);

    let mut each: Vec<(String, String)> = run(&["server logs", "--occurrences"])
        .iter()
        .inspect(|h| check(&t, h))
        .map(|h| (h.date.clone().unwrap(), h.section.clone()))
        .collect();
    each.sort();
    assert_eq!(
        each,
        [
            ("2020-01-01".into(), "Acme Data Policy".into()),
            ("2022-01-01".into(), "Acme Privacy Notice".into())
        ]
    );
    let then = run(&["server logs", "--as-of", "2021"]);
    assert_eq!(then[0].section, "Acme Data Policy", "{then:#?}");
    let old = run(&["section:data"]);
    assert!(
        old.iter()
            .any(|h| h.text.starts_with("We keep server logs")),
        "{old:#?}"
    );

    assert_eq!(
        sections(&t, "email address"),
        [("What we collect".into(), 2), ("What we share".into(), 2)]
    );

    assert_eq!(last_change(&t), (1, 1), "only the title changed");
}

/// The heading and the number of files of each hit of `query` (checked against its file),
/// sorted.
fn sections(t: &TestDir, query: &str) -> Vec<(String, u64)> {
    let search = t.run_ok(&["search", query, "--index", "idx", "--json"], 0);
    let mut hits: Vec<(String, u64)> = search
        .hits()
        .iter()
        .inspect(|h| check(t, h))
        .map(|h| (h.section.clone(), h.documents))
        .collect();
    hits.sort();
    hits
}

/// The clauses Acme's last version added and removed, by `history --json`.
fn last_change(t: &TestDir) -> (u64, u64) {
    let history = t.run_ok(&["history", "acme", "--index", "idx", "--json"], 0);
    let last: serde_json::Value =
        serde_json::from_str(history.stdout.lines().last().unwrap()).unwrap();
    let n = |k: &str| last["data"][k].as_u64().unwrap();
    (n("added"), n("removed"))
}

/// A list item said under two headings, then under the first alone: it stays the clause
/// of its first heading (in search, one hit found in both versions, not a second clause of
/// the same words), and the other is removed.
#[test]
fn an_item_said_under_one_heading_of_two_stays_in_history() {
    let t = TestDir::new();
    renamed(&t, "2020-01-01", "Acme Privacy Notice");
    t.write(
        "c/acme/2021-01-01.md",
        "# Acme Privacy Notice\n\nWe keep server logs for 12 months.\n\n## What we collect\n\n\
         - Your email address and phone number\n",
    );
    t.write("c/globex/2021-01-01.md", "Globex Inc sells nothing.\n");
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    // Removed: the heading "What we share" and the item under it.
    assert_eq!(last_change(&t), (0, 2));
    assert_eq!(
        sections(&t, "email address"),
        [("What we collect".into(), 2), ("What we share".into(), 1)]
    );
}

/// Acme's rights, said under the California heading and again under a heading naming the
/// states whose laws it follows, a list that grows between versions.
fn states(t: &TestDir, file: &str, states: &str) {
    t.write(
        &format!("c/acme/{file}.md"),
        format!(
            "# Acme Privacy Notice\n\n## California privacy rights\n\n\
             - You may ask us which of your data we hold.\n\n## Rights in {states}\n\n\
             - You may ask us which of your data we hold.\n"
        ),
    );
}

/// A text said under two headings of each version, the second renamed between them, stays
/// two clauses (told apart by their headings' order, not their words): history counts the
/// renamed heading alone as changed, and search finds the text once per heading, each in
/// both versions, under the heading each version gives it.
#[test]
fn a_text_under_a_renamed_second_heading_stays_the_same_clause() {
    let t = TestDir::new();
    states(&t, "2023-01-01", "Colorado and Virginia");
    states(&t, "2024-01-01", "Colorado, Utah and Virginia");
    t.write("c/globex/2021-01-01.md", "Globex Inc sells nothing.\n");
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    assert_eq!(last_change(&t), (1, 1), "only the second heading changed");
    assert_eq!(
        sections(&t, "\"data we hold\""),
        [
            ("California privacy rights".into(), 2),
            ("Rights in Colorado, Utah and Virginia".into(), 2)
        ]
    );
}
