//! Document metadata: kind, date and title, their facets and filters, archive headers and
//! what file names say.

use polsearch::analyze::document::Document;
use polsearch::analyze::topic::LexiconTagger;
use polsearch::corpus::Hints;

use crate::harness::{demo_index, shared, TestDir};

#[test]
fn hits_carry_kind_date_and_title() {
    let t = demo_index();
    let hits = t
        .run_ok(
            &[
                "search",
                "\"12 months\"",
                "--index",
                "idx",
                "--json",
                "--company",
                "acme",
            ],
            0,
        )
        .hits();
    let h = &hits[0];
    assert_eq!(h.kind, "privacy-policy");
    assert_eq!(h.date.as_deref(), Some("2025-03-03"));
    assert_eq!(h.title.as_deref(), Some("Acme Analytics Privacy Policy"));
}

#[test]
fn kind_facet_and_filter() {
    let t = demo_index();
    let run = t.run_ok(
        &["search", "cookies", "--index", "idx", "--json", "--facets"],
        0,
    );
    let kinds: Vec<String> = run.facet("kind").into_iter().map(|k| k.value).collect();
    assert!(kinds.contains(&"cookie-policy".to_owned()), "{kinds:?}");
    assert!(kinds.contains(&"privacy-policy".to_owned()), "{kinds:?}");
    let only = t
        .run_ok(
            &[
                "search", "cookies", "--index", "idx", "--json", "--kind", "cookie",
            ],
            0,
        )
        .hits();
    assert!(!only.is_empty());
    assert!(only.iter().all(|h| h.kind == "cookie-policy"));
    let terms = t
        .run_ok(
            &[
                "search",
                "account",
                "--index",
                "idx",
                "--json",
                "--kind",
                "terms-of-service",
            ],
            0,
        )
        .hits();
    assert!(terms
        .iter()
        .all(|h| h.path.ends_with("Terms of Service.md")));
    let bad = t.run(&["search", "x", "--index", "idx", "--kind", "contract"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("unknown kind 'contract'"),
        "{}",
        bad.stderr
    );
}

#[test]
fn date_filters_are_inclusive_and_skip_undated_documents() {
    let t = demo_index();
    let dates = |args: &[&str]| -> Vec<Option<String>> {
        let mut full = vec![
            "search",
            "data information",
            "--index",
            "idx",
            "--json",
            "--limit",
            "500",
        ];
        full.extend_from_slice(args);
        // Fjord Mail's version history is tests/cli/history.rs's.
        let mut d: Vec<Option<String>> = t
            .run(&full)
            .hits()
            .into_iter()
            .filter(|h| h.company != "Fjord Mail")
            .map(|h| h.date)
            .collect();
        d.sort();
        d.dedup();
        d
    };
    assert_eq!(
        dates(&["--since", "2024-02-01"]),
        vec![Some("2024-02-01".to_owned()), Some("2025-03-03".to_owned())]
    );
    assert_eq!(
        dates(&["--until", "2023"]),
        vec![Some("2022-09-01".to_owned()), Some("2023-06-15".to_owned())]
    );
    assert_eq!(
        dates(&["--since", "2023-06", "--until", "2024-02-01"]),
        vec![Some("2023-06-15".to_owned()), Some("2024-02-01".to_owned())]
    );
    let all = dates(&[]);
    assert!(
        all.contains(&None),
        "the undated Cobalt privacy policy matches without filters"
    );
    let bad = t.run(&["search", "x", "--index", "idx", "--since", "last week"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--since"), "{}", bad.stderr);
}

#[test]
fn file_names_give_dates_and_companies() {
    let t = TestDir::new();
    t.write(
        "hist/2020-07-29T133221Z.md",
        "# Privacy\n\nWe keep your messages for ninety days after you delete them.\n",
    );
    t.write(
        "opp/1017_sci-news.com.html",
        "<p>Sci-News.com is committed to protecting your privacy at all times.</p><p>Contact privacy@sci-news.com with questions.</p>",
    );
    t.run_ok(&["index", "hist", "--index", "i1", "--quiet"], 0);
    let h = &t
        .run_ok(&["search", "messages", "--index", "i1", "--json"], 0)
        .hits()[0];
    assert_eq!(h.date.as_deref(), Some("2020-07-29T13:32:21Z"));
    assert_eq!(h.kind, "privacy-policy");
    t.run_ok(&["index", "opp", "--index", "i2", "--quiet"], 0);
    let h = &t
        .run_ok(&["search", "committed", "--index", "i2", "--json"], 0)
        .hits()[0];
    assert_eq!(h.company, "Sci-News.com");
}

#[test]
fn a_manifest_sets_kind_and_date() {
    let t = TestDir::new();
    t.write(
        "c/a/doc.txt",
        "Our rules for using the forum are listed below in full.\n",
    );
    t.write(
        "c/b/doc.txt",
        "We keep forum posts until you delete them yourself.\n",
    );
    t.write(
        "c/polsearch.csv",
        "path,company,kind,date\na,Alpha Forums,terms-of-service,2021-04-01\nb/doc.txt,Beta Ltd,,\n",
    );
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let hits = t
        .run_ok(
            &["search", "forum", "--index", "i", "--json", "--facets"],
            0,
        )
        .hits();
    let alpha = hits.iter().find(|h| h.company == "Alpha Forums").unwrap();
    assert_eq!(
        (alpha.kind.as_str(), alpha.date.as_deref()),
        ("terms-of-service", Some("2021-04-01"))
    );
    let beta = hits.iter().find(|h| h.company == "Beta Ltd").unwrap();
    assert_eq!((beta.kind.as_str(), beta.date.as_deref()), ("other", None));
}

#[test]
fn archive_headers_are_metadata_not_clauses() {
    let raw = "> *The following text is extracted and transformed from the frobnitz.example privacy policy that was archived on 2013-08-05. Please check the [original snapshot](https://web.archive.org/x) for the most accurate reproduction.*\n\n# Privacy Policy\n\nWe collect as little as we can about the people who visit us.\n";
    let doc = Document::parse(
        "p.txt".as_ref(),
        raw.as_bytes(),
        &Hints::text(),
        LexiconTagger::shared(),
    )
    .unwrap();
    assert!(doc
        .clauses
        .iter()
        .all(|c| !c.clause.text.contains("archived")));
    assert_eq!(doc.snapshot.map(|d| d.iso()).as_deref(), Some("2013-08-05"));
    assert_eq!(doc.company, "frobnitz.example");
    assert_eq!(doc.title.as_deref(), Some("Privacy Policy"));
    assert_eq!(doc.kind.name(), "privacy-policy");

    let Some(shared) = shared() else { return };
    let path = shared.join("corpus/seeds/002_4cfecbb56c2b2a6e.txt");
    let raw = std::fs::read(&path).unwrap();
    let doc = Document::parse(&path, &raw, &Hints::text(), LexiconTagger::shared()).unwrap();
    assert_eq!(doc.company, "Wespro Digital Pvt Ltd");
    assert_eq!(doc.snapshot.map(|d| d.iso()).as_deref(), Some("2013-08-05"));
    assert!(doc
        .clauses
        .iter()
        .all(|c| !c.clause.text.contains("Wayback")));
}

/// `polsearch eval company`: right / unknown / wrong against the folder, the text only shown
/// under a neutral name; `clauses --json` shows the evidence.
#[test]
fn company_inference_is_measured_and_explained() {
    let t = TestDir::new();
    t.write(
        "corpus/Moviebase/Privacy Policy.md",
        "# Moviebase Privacy Notice\n\nMoviebase knows that you care how information about you is used. By visiting Moviebase, you accept this notice. Moviebase is a subsidiary of Amazon.com, Inc. Questions: privacy@moviebase.com or www.moviebase.com/privacy.\n",
    );
    t.write(
        "corpus/Clubhouse/Privacy Policy.md",
        "# Privacy\n\nWe collect your e-mail address. Our e-mails are sent for us by Clubmail LLC, a service provider. Clubmail LLC processes your e-mail address only to send our messages.\n",
    );
    t.write(
        "corpus/Northwind/Privacy Policy.md",
        "# Privacy\n\nAt Globex, we run this site for our parent. Globex collects your data. Write to privacy@globex.com or visit www.globex.com.\n",
    );
    let run = t.run_ok(&["eval", "company", "corpus", "--json", "--show", "all"], 0);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let verdict = |folder: &str| {
        lines
            .iter()
            .find(|l| l["data"]["truth"] == folder)
            .map(|l| l["data"]["verdict"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(verdict("Moviebase"), "right");
    assert_eq!(verdict("Clubhouse"), "unknown", "{}", run.stdout);
    assert_eq!(verdict("Northwind"), "wrong", "{}", run.stdout);
    let summary = &lines.last().unwrap()["data"];
    assert_eq!(
        (
            summary["right"].as_u64(),
            summary["unknown"].as_u64(),
            summary["wrong"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    let human = t.run_ok(&["eval", "company", "corpus"], 0);
    assert!(
        human
            .stdout
            .contains("3 files: 1 right, 1 unknown, 1 wrong"),
        "{}",
        human.stdout
    );

    // The evidence behind a name, in the clauses summary.
    let run = t.run_ok(
        &["clauses", "corpus/Moviebase/Privacy Policy.md", "--json"],
        0,
    );
    let last: serde_json::Value = serde_json::from_str(run.stdout.lines().last().unwrap()).unwrap();
    let source = &last["data"]["company_source"];
    assert_eq!(last["data"]["company"], "Moviebase");
    assert_eq!(source["from"], "text");
    let cues: Vec<&str> = source["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["name"] == "Moviebase")
        .map(|e| e["cue"].as_str().unwrap())
        .collect();
    assert!(
        cues.contains(&"title") && cues.contains(&"own-domain"),
        "{cues:?}"
    );

    // An empty file is named on stderr and not counted; the others are still judged.
    t.write("corpus/Emptyco/Privacy Policy.md", "");
    let run = t.run_ok(&["eval", "company", "corpus"], 0);
    assert!(
        run.stdout
            .contains("3 files: 1 right, 1 unknown, 1 wrong (1 unreadable, not counted)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("Emptyco") && run.stderr.contains("empty file"),
        "{}",
        run.stderr
    );

    // A folder that does not exist is an error naming it.
    let bad = t.run(&["eval", "company", "nowhere"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("nowhere"), "{}", bad.stderr);
}

/// Company names against the developers' own truth for the 115 OPP-115 policies
/// (tests/data/company-opp115.tsv: the site or the operator each text names). Session 14
/// measured 104 right, 11 unknown, 0 wrong, session 24 106 / 9 / 0; this floor (the target: >= 100 right,
/// <= 2 wrong) guards against regressions. The truth was written by the same developers who
/// wrote the rules, so it is in-sample, not a held-out figure.
#[test]
fn eval_company_against_our_opp115_names() {
    let Some(shared) = shared() else { return };
    let t = TestDir::new();
    let names = crate::harness::repo().join("tests/data/company-opp115.tsv");
    let dir = shared.join("corpus/opp115/sanitized_policies");
    let run = t.run_ok(
        &[
            "eval",
            "company",
            dir.to_str().unwrap(),
            "--names",
            names.to_str().unwrap(),
            "--json",
        ],
        0,
    );
    let summary: serde_json::Value =
        serde_json::from_str(run.stdout.lines().last().unwrap()).unwrap();
    let get = |k: &str| summary["data"][k].as_u64().unwrap();
    assert_eq!(get("files"), 115, "{summary}");
    assert!(get("right") >= 100 && get("wrong") <= 2, "{summary}");
}

/// A names file that is not one is an error naming the file and the line.
#[test]
fn eval_company_names_file_errors() {
    let t = TestDir::new();
    t.write("corpus/a.md", "# Privacy\n\nAt Globex, we keep logs.\n");
    t.write("names.tsv", "a.md\tGlobex\nno tab on this line\n");
    let run = t.run(&["eval", "company", "corpus", "--names", "names.tsv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("names.tsv") && run.stderr.contains("line 2"),
        "{}",
        run.stderr
    );
    t.write("names.tsv", "a.md\tGlobex|Globex Corp\n");
    let run = t.run_ok(&["eval", "company", "corpus", "--names", "names.tsv"], 0);
    assert!(run.stdout.contains("1 files: 1 right"), "{}", run.stdout);
    let run = t.run(&["eval", "company", "corpus", "--names", "missing.tsv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.tsv"), "{}", run.stderr);
}
