//! Answers to questions (issue 14): the question model re-orders BM25's candidates, keyword
//! queries stay keyword queries, periods in a query find the same period however written,
//! table header rows do not fill a page, and `eval relevance` measures and rebuilds the model.

use crate::harness::{repo, shared, TestDir};

/// A policy where BM25 alone prefers clauses that repeat "keep" and "IP address" but state no
/// period (the "We keep IP addresses confidential" case).
fn ip_corpus() -> TestDir {
    let t = TestDir::new();
    t.write(
        "c/orbit/privacy.md",
        "# Orbit Privacy Policy\n\n\
         ## Security\n\n\
         We keep IP addresses confidential and keep your IP address safe.\n\n\
         We keep IP address data encrypted; we keep IP address records private.\n\n\
         ## Sharing\n\n\
         We keep your IP address away from advertisers and never share an IP address.\n\n\
         ## Collection\n\n\
         Your IP address is kept when you keep using the service; we keep the IP address of each login.\n\n\
         ## Retention\n\n\
         Server logs with IP addresses are deleted after 90 days.\n",
    );
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    t
}

#[test]
fn a_duration_question_ranks_a_stated_period_in_the_top_three() {
    let t = ip_corpus();
    let q = "how long do you keep my IP address?";
    let states_period = |h: &crate::harness::HitMsg| h.text.contains("90 days");
    let run = t.run_ok(&["search", q, "--index", "i", "--json"], 0);
    let hits = run.hits();
    assert!(
        hits.iter().take(3).any(states_period),
        "{:#?}",
        hits.iter().map(|h| &h.text).collect::<Vec<_>>()
    );
    // BM25 alone does not: what the test shows is the question model's doing.
    let run = t.run_ok(
        &["search", q, "--index", "i", "--json", "--rank", "bm25"],
        0,
    );
    assert!(
        !run.hits().iter().take(3).any(states_period),
        "{}",
        run.stdout
    );
}

#[test]
fn table_header_rows_do_not_fill_a_page() {
    let t = TestDir::new();
    let mut md = String::from("# Cookie Policy\n\n");
    for (i, group) in [
        "Strictly necessary",
        "Performance",
        "Functional",
        "Targeting",
        "Social media",
        "Analytics",
        "Advertising",
        "Preferences",
        "Security",
        "Video",
        "Chat",
        "Maps",
    ]
    .iter()
    .enumerate()
    {
        md.push_str(&format!(
            "## {group} cookies\n\n| Cookie Subgroup | Cookies | Cookies used |\n|---|---|---|\n| {group} | c{i}_id | First-party cookies set for {} months |\n\n",
            i + 1
        ));
    }
    md.push_str(
        "## How we use cookies\n\n\
         We use cookies to keep you signed in and to remember your choices.\n\n\
         You can refuse cookies other than strictly necessary ones in the cookie banner.\n",
    );
    t.write("c/tablet/cookies.md", md);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let run = t.run_ok(&["search", "cookies", "--index", "i", "--json"], 0);
    let hits = run.hits();
    let headers = hits
        .iter()
        .filter(|h| h.text.contains("Cookie Subgroup"))
        .count();
    assert!(
        headers < 5,
        "{headers} header rows in the first 10: {}",
        run.stdout
    );
    assert!(
        hits.iter()
            .take(3)
            .any(|h| h.text.starts_with("We use cookies") || h.text.starts_with("You can refuse")),
        "{}",
        run.stdout
    );
}

#[test]
fn keyword_queries_stay_keyword_queries() {
    let t = ip_corpus();
    // Not a question: BM25 order, same as --rank bm25.
    for q in ["IP address retention", "\"IP address\"", "+keep -share"] {
        let auto = t.run_ok(&["search", q, "--index", "i", "--json"], 0);
        let bm25 = t.run_ok(
            &["search", q, "--index", "i", "--json", "--rank", "bm25"],
            0,
        );
        let texts =
            |r: &crate::harness::Run| r.hits().into_iter().map(|h| h.text).collect::<Vec<_>>();
        assert_eq!(texts(&auto), texts(&bm25), "{q}");
    }
}

#[test]
fn periods_in_a_query_match_however_the_clause_writes_them() {
    let t = TestDir::new();
    t.write(
        "c/acme/privacy.txt",
        "Retention\n\nWe retain account records for one year after closure.\n\n\
         Support tickets are kept for 365 days.\n\n\
         Logs are kept for 12 months.\n\n\
         Backups are kept for 30 days.\n\n\
         We publish a yearly report on requests for data.\n",
    );
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    for q in ["12 months", "one year", "1 year", "365 days"] {
        let run = t.run_ok(&["search", q, "--index", "i", "--json"], 0);
        let hits = run.hits();
        let year: Vec<&str> = hits
            .iter()
            .filter(|h| h.retention.iter().any(|r| r.days == Some(365)))
            .map(|h| h.text.as_str())
            .collect();
        assert_eq!(year.len(), 3, "{q}: {}", run.stdout);
        // The three that state a year come first; the 30-day clause, if at all, after.
        for h in &hits[..3] {
            assert!(year.contains(&h.text.as_str()), "{q}: {}", run.stdout);
        }
    }
}

/// The shipped question model is rebuilt byte for byte from ../shared, and cross-validation
/// by policy beats BM25 by a margin.
#[test]
fn eval_relevance_cross_validates_and_rebuilds_the_model() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent (the PolicyQA dev file lives there)");
        return;
    };
    let dev = shared.join("eval/policyqa/dev.json");
    let t = TestDir::new();
    let out = t.path().join("questions.json");
    t.run_ok(
        &[
            "eval",
            "relevance",
            dev.to_str().unwrap(),
            "--train-out",
            out.to_str().unwrap(),
        ],
        0,
    );
    let rebuilt = std::fs::read(&out).unwrap();
    let shipped = std::fs::read(repo().join("models/questions.json")).unwrap();
    assert!(
        rebuilt == shipped,
        "models/questions.json differs from a rebuild: run `polsearch eval relevance {} --train-out models/questions.json`",
        dev.display()
    );

    let run = t.run_ok(
        &[
            "eval",
            "relevance",
            dev.to_str().unwrap(),
            "--folds",
            "5",
            "--json",
        ],
        0,
    );
    let msg: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let data = &msg["data"];
    assert!(
        data["median_clause_words"].as_u64().unwrap() <= 30,
        "{data}"
    );
    let row = |name: &str| {
        data["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ranking"] == name)
            .cloned()
            .unwrap()
    };
    let (bm25, model) = (row("bm25"), row("question model"));
    let hit5 = |r: &serde_json::Value| r["hit5"].as_f64().unwrap();
    assert!(hit5(&bm25) < 0.30, "{data}");
    assert!(hit5(&model) >= 0.44, "{data}");
    assert!(hit5(&model) >= hit5(&bm25) + 0.12, "{data}");
    assert!(model["intent_accuracy"].as_f64().unwrap() >= 0.9, "{data}");
}

#[test]
fn eval_relevance_names_a_bad_file() {
    let t = TestDir::new();
    t.write("bad.json", "{\"data\": [");
    let run = t.run_ok(&["eval", "relevance", "bad.json"], 2);
    assert!(run.stderr.contains("bad.json"), "{}", run.stderr);
    t.write("empty.json", "{\"data\": []}");
    let run = t.run_ok(&["eval", "relevance", "empty.json"], 2);
    assert!(run.stderr.contains("no questions"), "{}", run.stderr);
}
