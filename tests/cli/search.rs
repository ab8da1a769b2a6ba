//! Ranking, query syntax and facet filters.

use crate::harness::TestDir;

fn corpus() -> TestDir {
    let t = TestDir::new();
    t.write(
        "c/acme/privacy.txt",
        "Data Retention\n\nAcme Ltd keeps server logs for 12 months and then deletes them.\n\nWe never sell personal data to third parties.\n\nCookies are stored for one year.\n",
    );
    t.write(
        "c/globex/privacy.md",
        "# Sharing\n\nGlobex Inc shares **personal data** with advertising partners.\n\n# Retention\n\nWe retain account data for 30 days after you close your account.\n",
    );
    t.write(
        "c/initech/privacy.html",
        "<h2>Security</h2><p>Initech LLC encrypts personal data at rest.</p><h2>Retention</h2><p>Backups are kept for 12 months.</p>",
    );
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    t
}

fn companies_of(t: &TestDir, args: &[&str]) -> Vec<String> {
    let mut full = vec!["search"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["--index", "i", "--json", "--limit", "100"]);
    let run = t.run(&full);
    let mut companies: Vec<String> = run.hits().into_iter().map(|h| h.company).collect();
    companies.sort();
    companies.dedup();
    companies
}

#[test]
fn more_matching_words_rank_higher() {
    let t = corpus();
    let hits = t
        .run_ok(
            &[
                "search",
                "how long do you keep server logs?",
                "--index",
                "i",
                "--json",
            ],
            0,
        )
        .hits();
    assert!(
        hits[0].text.starts_with("Acme Ltd keeps server logs"),
        "{hits:?}"
    );
}

/// `--all-words`: every plain word in the clause or its heading, any order, the same set in
/// search and export; scores as without it for the clauses that hold them all.
#[test]
fn all_words_requires_every_plain_word() {
    let t = corpus();
    let texts = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["search"];
        full.extend_from_slice(args);
        full.extend_from_slice(&["--index", "i", "--json", "--limit", "100"]);
        let mut texts: Vec<String> = t.run(&full).hits().into_iter().map(|h| h.text).collect();
        texts.sort();
        texts
    };
    let any = texts(&["personal data"]);
    let all = texts(&["personal data", "--all-words"]);
    assert!(any.len() > all.len(), "{any:?} / {all:?}");
    assert_eq!(all.len(), 3, "{all:?}");
    assert!(all.iter().all(|x| x.contains("personal data")), "{all:?}");
    // A word in the section heading counts ("Retention" heads Globex's clause).
    let heading = texts(&["retention account", "--all-words"]);
    assert_eq!(heading.len(), 1, "{heading:?}");
    assert!(
        heading[0].starts_with("We retain account data"),
        "{heading:?}"
    );
    // Questions lose their stop words first; phrases and syntax are read as always.
    assert_eq!(texts(&["what personal data?", "--all-words"]), all);
    assert_eq!(
        texts(&["\"12 months\"", "--all-words"]),
        texts(&["\"12 months\""])
    );
    // Nothing holds every word: exit 1.
    let none = t.run(&["search", "personal logs", "--all-words", "--index", "i"]);
    assert_eq!(none.code, 1);
    // Export lists the same clauses.
    let out = t
        .run_ok(
            &[
                "export",
                "personal data",
                "--all-words",
                "--index",
                "i",
                "--format",
                "jsonl",
            ],
            0,
        )
        .stdout;
    let mut exported: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    exported.sort();
    assert_eq!(exported, all);
}

#[test]
fn phrases_must_and_not() {
    let t = corpus();
    let phrase = t
        .run_ok(&["search", "\"12 months\"", "--index", "i", "--json"], 0)
        .hits();
    assert_eq!(phrase.len(), 2);
    assert!(phrase.iter().all(|h| h.text.contains("12 months")));
    let must = t
        .run_ok(&["search", "+personal -sell", "--index", "i", "--json"], 0)
        .hits();
    assert_eq!(must.len(), 2, "{must:?}");
    assert!(must.iter().all(|h| !h.text.contains("sell")));
    let section = t
        .run_ok(
            &["search", "section:retention", "--index", "i", "--json"],
            0,
        )
        .hits();
    assert_eq!(section.len(), 5, "{section:?}");
    assert!(section.iter().all(|h| h.section.contains("Retention")));
}

#[test]
fn a_query_the_parser_rejects_is_searched_as_words_and_one_without_words_matches_nothing() {
    let t = corpus();
    // Unbalanced syntax: searched as its words, with a note on stderr.
    let words = t.run_ok(&["search", "(logs", "--index", "i", "--json"], 0);
    assert!(
        words.stderr.contains("not read as query syntax"),
        "{}",
        words.stderr
    );
    let hits = words.hits();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].text.contains("server logs"));
    // Nothing but syntax: no words to search, so nothing matches (not every clause, as no
    // query at all would list).
    let none = t.run(&["search", "(((", "--index", "i"]);
    assert_eq!(none.code, 1, "{}", none.stdout);
    assert!(
        none.stderr.contains("no searchable words"),
        "{}",
        none.stderr
    );
    assert_eq!(
        t.run(&["export", "(((", "--index", "i"])
            .stdout
            .lines()
            .count(),
        1
    );
}

#[test]
fn company_filters_match_prefixes_and_or_together() {
    let t = corpus();
    assert_eq!(
        companies_of(&t, &["data", "--company", "GLOB"]),
        vec!["globex"]
    );
    let two = companies_of(&t, &["data", "-c", "acme", "-c", "initech"]);
    assert_eq!(two, vec!["acme", "initech"]);
    // The query syntax does the same.
    assert_eq!(companies_of(&t, &["data company:globex"]), vec!["globex"]);
}

#[test]
fn topic_filters_and_with_companies() {
    let t = corpus();
    let run = t.run_ok(
        &[
            "search",
            "data",
            "--index",
            "i",
            "--json",
            "--topic",
            "data-retention",
            "--facets",
        ],
        0,
    );
    assert!(run
        .hits()
        .iter()
        .all(|h| h.topics.contains(&"data-retention".to_owned())));
    let companies: Vec<String> = run.facet("company").into_iter().map(|c| c.value).collect();
    assert!(companies.contains(&"globex".to_owned()));
    let both = companies_of(
        &t,
        &["sell", "--topic", "data-retention", "--company", "acme"],
    );
    assert!(
        both.is_empty(),
        "acme's clause on selling is not about retention: {both:?}"
    );
    let logs = companies_of(
        &t,
        &["logs", "--topic", "data-retention", "--company", "acme"],
    );
    assert_eq!(logs, vec!["acme"]);
}

#[test]
fn stats_counts_the_index() {
    let t = corpus();
    let run = t.run_ok(&["stats", "--index", "i", "--json"], 0);
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(v["type"], "stats");
    assert_eq!(v["data"]["documents"], 3);
    assert_eq!(v["data"]["companies"].as_array().unwrap().len(), 3);
    let clauses = v["data"]["clauses"].as_u64().unwrap();
    let by_company: u64 = v["data"]["companies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(by_company, clauses);
    assert!(v["data"]["index_bytes"].as_u64().unwrap() > 0);
}

/// Equal scores are ranked by a key of path and offset, not by the order parallel indexing
/// wrote the clauses: two builds with different thread counts rank alike, and pages of the
/// ranking add up to the whole.
#[test]
fn tied_hits_rank_the_same_in_every_build_and_page() {
    let t = TestDir::new();
    for i in 0..24 {
        t.write(
            &format!("c/company{i:02}/privacy.txt"),
            "Retention\n\nWe keep server logs for 12 months.\n",
        );
    }
    let ranking = |index: &str, offset: &str, limit: &str| -> Vec<String> {
        t.run_ok(
            &[
                "search",
                "server logs",
                "--index",
                index,
                "--json",
                "--offset",
                offset,
                "--limit",
                limit,
            ],
            0,
        )
        .hits()
        .into_iter()
        .map(|h| h.path)
        .collect()
    };
    t.run_ok(
        &["index", "c", "--index", "one", "--threads", "1", "--quiet"],
        0,
    );
    t.run_ok(
        &["index", "c", "--index", "four", "--threads", "4", "--quiet"],
        0,
    );
    let whole = ranking("one", "0", "24");
    assert_eq!(whole.len(), 24);
    assert_eq!(ranking("four", "0", "24"), whole);
    let mut pages = ranking("four", "0", "10");
    pages.extend(ranking("four", "10", "10"));
    pages.extend(ranking("four", "20", "10"));
    assert_eq!(pages, whole);
}

#[test]
fn totals_past_ten_thousand_are_lower_bounds_unless_asked_exact() {
    const CLAUSES: usize = 10_400;
    let t = TestDir::new();
    let text: String = (0..CLAUSES)
        .map(|i| {
            format!(
                "Record {i} of the data register holds the account details of one customer.\n\n"
            )
        })
        .collect();
    t.write("c/acme/register.txt", text);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let search = |extra: &[&str]| {
        let mut args = vec!["search", "--index", "i", "--json", "--limit", "3"];
        args.extend_from_slice(extra);
        t.run_ok(&args, 0).summary()
    };
    // Counting stops at 10,000: a lower bound (for plain words, the most frequent word's
    // clauses, here all of them).
    let capped = search(&["data"]);
    assert!(!capped.total_exact);
    assert!(
        (10_000..=CLAUSES as u64).contains(&capped.total_hits),
        "{capped:?}"
    );
    let phrase = search(&["\"data register\""]);
    assert_eq!((phrase.total_hits, phrase.total_exact), (10_000, false));
    for exact in [
        search(&["data", "--exact-total"]),
        search(&["data", "--facets"]),
    ] {
        assert_eq!(
            (exact.total_hits, exact.total_exact),
            (CLAUSES as u64, true)
        );
    }
    let human = t.run_ok(&["search", "data", "--index", "i", "--limit", "1"], 0);
    assert!(human.stdout.contains("at least "), "{}", human.stdout);
}

#[test]
fn huge_limits_and_offsets_are_no_crash() {
    let t = corpus();
    let max = usize::MAX.to_string();
    let all = t.run_ok(
        &["search", "data", "--index", "i", "--json", "--limit", &max],
        0,
    );
    assert!(!all.hits().is_empty());
    assert_eq!(all.hits().len() as u64, all.summary().total_hits);
    let past = t.run_ok(
        &[
            "search", "data", "--index", "i", "--json", "--limit", &max, "--offset", &max,
        ],
        0,
    );
    assert!(past.hits().is_empty());
    // An empty page of a search that matched says why.
    assert!(
        past.stderr
            .contains(&format!("offset {max} is past the last of the")),
        "{}",
        past.stderr
    );
}

#[test]
fn without_a_query_search_lists_every_clause_the_filters_admit() {
    // "Show every data-retention clause of company X": no words to rank by, only filters.
    let t = crate::harness::demo_index();
    let args = ["--company", "acme", "--topic", "data-retention"];
    let listed = |query: Option<&str>| {
        let mut full = vec!["search"];
        full.extend(query);
        full.extend_from_slice(&args);
        full.extend_from_slice(&["--index", "idx", "--json", "--limit", "1000"]);
        let run = t.run_ok(&full, 0);
        let mut places: Vec<(String, usize)> = run
            .hits()
            .into_iter()
            .inspect(|h| {
                assert_eq!(h.company, "Acme Analytics");
                assert!(h.topics.iter().any(|t| t == "data-retention"), "{h:?}");
            })
            .map(|h| (h.path, h.start))
            .collect();
        places.sort();
        places
    };
    let without = listed(None);
    assert!(without.len() >= 3, "{without:?}");
    assert_eq!(without, listed(Some("")));
    // The same clauses as an export of the same filters.
    let mut export_args = vec!["export"];
    export_args.extend_from_slice(&args);
    export_args.extend_from_slice(&["--index", "idx", "--format", "jsonl"]);
    let export = t.run_ok(&export_args, 0);
    let mut exported: Vec<(String, usize)> = export
        .stdout
        .lines()
        .map(|l| {
            let row: serde_json::Value = serde_json::from_str(l).expect("a JSON row");
            (
                row["path"].as_str().expect("a path").to_owned(),
                row["start"].as_u64().expect("a start") as usize,
            )
        })
        .collect();
    exported.sort();
    assert_eq!(without, exported);
    // Filters that admit nothing: exit 1, as for a query that matches nothing.
    t.run_ok(
        &[
            "search",
            "--company",
            "acme",
            "--topic",
            "do-not-track",
            "--kind",
            "terms-of-service",
            "--index",
            "idx",
        ],
        1,
    );
}

/// `--rank document` lists what a filter admits in document order (file, then position), a
/// page at a time, with the totals a ranked search gives, as a search without a query does
/// by default; a query's hits too. Hits so listed have no score, and the summary says so.
#[test]
fn rank_document_lists_a_companys_clauses_in_reading_order() {
    let t = TestDir::new();
    t.write(
        "c/acme/privacy.md",
        "# Acme Privacy\n\nWe keep server logs for 12 months.\n\nWe sell nothing.\n\n\
         Backups are deleted after 30 days.\n\nWe keep invoices for 10 years, as the law asks.\n",
    );
    t.write(
        "c/acme/terms.md",
        "# Acme Terms\n\nWe keep your uploads until you delete them.\n",
    );
    t.write("c/globex/privacy.md", "Globex keeps logs for a week.\n");
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let page = |extra: &[&str]| -> (Vec<(String, u64)>, String) {
        let mut args = vec![
            "search",
            "--company",
            "acme",
            "--topic",
            "data-retention",
            "--rank",
            "document",
            "--index",
            "i",
            "--json",
        ];
        args.extend_from_slice(extra);
        let run = t.run_ok(&args, 0);
        let hits = run
            .hits()
            .into_iter()
            .map(|h| (h.path, h.start as u64))
            .collect();
        (hits, run.stdout.lines().last().unwrap().to_owned())
    };
    let (all, summary) = page(&[]);
    assert_eq!(all.len(), 4, "{all:?}");
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted, "in file and position order");
    assert!(all[0].0.ends_with("privacy.md") && all[3].0.ends_with("terms.md"));
    let field = |s: &str, name: &str| {
        serde_json::from_str::<serde_json::Value>(s).unwrap()["data"][name].clone()
    };
    assert_eq!(field(&summary, "order"), "document");
    // The totals a ranked search gives.
    let filters = [
        "search",
        "--company",
        "acme",
        "--topic",
        "data-retention",
        "--index",
        "i",
    ];
    let ranked = t.run_ok(&[&filters[..], &["--json", "--rank", "bm25"]].concat(), 0);
    let ranked_summary = ranked.stdout.lines().last().unwrap();
    assert_eq!(field(ranked_summary, "order"), "relevance");
    assert_eq!(
        field(&summary, "total_hits"),
        field(ranked_summary, "total_hits")
    );
    // Without a query, the default order is the document's.
    let default = t.run_ok(&[&filters[..], &["--json"]].concat(), 0);
    let hits: Vec<(String, u64)> = default
        .hits()
        .into_iter()
        .map(|h| (h.path, h.start as u64))
        .collect();
    assert_eq!(hits, all);
    // Said so in the human output, without scores; a ranked search shows them.
    let human = t.run_ok(&filters, 0).stdout;
    assert!(!human.contains("score"), "{human}");
    assert!(
        human.contains("4 matching clauses, showing 1-4 in document order"),
        "{human}"
    );
    let human = t
        .run_ok(&[&filters[..], &["--rank", "bm25"]].concat(), 0)
        .stdout;
    assert!(human.contains("score 1.00") && !human.contains("document order"));
    // A query's hits: ranked by default, in document order when asked.
    let query = |rank: &str| -> Vec<(String, u64)> {
        t.run_ok(
            &[
                "search",
                "keep",
                "--company",
                "acme",
                "--index",
                "i",
                "--json",
                "--rank",
                rank,
            ],
            0,
        )
        .hits()
        .into_iter()
        .map(|h| (h.path, h.start as u64))
        .collect()
    };
    let (ranked, listed) = (query("auto"), query("document"));
    let mut sorted = ranked.clone();
    sorted.sort();
    assert_eq!(listed, sorted);
    // Pages: the second and third hits.
    assert_eq!(page(&["--offset", "1", "--limit", "2"]).0, all[1..3]);
}

/// In document order `--per-company N` keeps each company's first N hits in that order: with
/// `--latest`, the first clauses of the current version, not those its history saw first.
#[test]
fn per_company_in_document_order_keeps_each_companys_first_in_reading_order() {
    let t = TestDir::new();
    t.write("c/acme/2021-01-01.md", "We keep logs for a week.\n");
    t.write(
        "c/acme/2022-01-01.md",
        "We keep invoices for ten years.\n\nWe keep logs for a week.\n",
    );
    t.write("c/globex/privacy.md", "Globex keeps its logs for a week.\n");
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let hits = t
        .run_ok(
            &[
                "search",
                "--topic",
                "data-retention",
                "--latest",
                "--per-company",
                "1",
                "--index",
                "i",
                "--json",
            ],
            0,
        )
        .hits();
    let texts: Vec<(&str, &str)> = hits
        .iter()
        .map(|h| (h.company.as_str(), h.text.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            ("acme", "We keep invoices for ten years."),
            ("globex", "Globex keeps its logs for a week.")
        ]
    );
}
