//! The JSON Lines format, decoded strictly (unknown fields fail), and what it promises.

use serde::Deserialize;

use crate::harness::{demo_index, repo, Msg, RetentionMsg, TestDir};

#[test]
fn hits_facets_and_summary_follow_the_format() {
    let t = demo_index();
    let run = t.run_ok(
        &[
            "search",
            "personal data",
            "--index",
            "idx",
            "--json",
            "--facets",
            "--limit",
            "5",
        ],
        0,
    );
    let msgs = run.messages();
    assert!(matches!(msgs.last(), Some(Msg::Summary(_))));
    let hits = run.hits();
    assert_eq!(hits.len(), 5);
    for (i, h) in hits.iter().enumerate() {
        assert_eq!(h.rank, i as u64 + 1);
        assert!(h.start < h.end);
        // `path` opens from where `index` ran, and highlights lie inside the clause.
        let raw = std::fs::read(t.path().join(&h.path)).unwrap();
        assert!(h.end <= raw.len());
        let line = raw[..h.start].iter().filter(|&&b| b == b'\n').count() + 1;
        assert_eq!(h.line, line as u64);
        assert!(!h.highlights.is_empty(), "{h:?}");
        for [a, b] in &h.highlights {
            assert!(h.start <= *a && a < b && *b <= h.end, "{h:?}");
            let word = String::from_utf8_lossy(&raw[*a..*b]).to_lowercase();
            assert!(word.starts_with("person") || word == "data", "{word}");
        }
    }
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    let summary = run.summary();
    assert!(summary.elapsed_ms >= 0.0);
    assert!(summary.total_exact, "--facets counts every match");
    let total = summary.total_hits;
    let companies: u64 = run.facet("company").iter().map(|c| c.count).sum();
    assert_eq!(companies, total, "every clause has exactly one company");
    assert!(run.facet("topic").iter().all(|c| c.count <= total));
}

#[test]
fn exit_code_follows_the_total_not_the_page() {
    let t = demo_index();
    let run = t.run_ok(
        &[
            "search", "data", "--index", "idx", "--json", "--offset", "100000",
        ],
        0,
    );
    assert!(run.hits().is_empty());
    assert!(run.summary().total_hits > 0);
}

#[test]
fn paging_continues_the_ranking() {
    let t = demo_index();
    let all = t
        .run_ok(
            &["search", "data", "--index", "idx", "--json", "--limit", "8"],
            0,
        )
        .hits();
    let page = t
        .run_ok(
            &[
                "search", "data", "--index", "idx", "--json", "--limit", "4", "--offset", "4",
            ],
            0,
        )
        .hits();
    let want: Vec<_> = all[4..]
        .iter()
        .map(|h| (&h.path, h.start, h.rank))
        .collect();
    let got: Vec<_> = page.iter().map(|h| (&h.path, h.start, h.rank)).collect();
    assert_eq!(got, want);
}

#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
pub enum IndexMsg {
    Summary(IndexSummary),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexSummary {
    pub files: u64,
    pub clauses: u64,
    pub bytes: u64,
    pub added: u64,
    pub updated: u64,
    pub removed: u64,
    pub unchanged: u64,
    pub rebuilt: Option<String>,
    pub skipped: Vec<SkippedFile>,
    pub elapsed_ms: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkippedFile {
    pub path: String,
    pub reason: String,
}

#[test]
fn index_summary_format() {
    let t = TestDir::new();
    t.copy_dir(&repo().join("corpus"), "corpus");
    t.write("corpus/Zed/empty.txt", "");
    let run = t.run_ok(&["index", "corpus", "--index", "idx", "--json"], 0);
    let IndexMsg::Summary(s) = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(s.files, 11);
    assert_eq!((s.added, s.updated, s.removed, s.unchanged), (11, 0, 0, 0));
    assert_eq!(s.rebuilt.as_deref(), Some("new index"));
    assert!(s.clauses > 100);
    let demo_bytes: u64 = [
        "Acme Analytics/Privacy Policy.md",
        "Cobalt Games/privacy.txt",
    ]
    .iter()
    .map(|f| {
        std::fs::metadata(repo().join("corpus").join(f))
            .unwrap()
            .len()
    })
    .sum();
    assert!(s.bytes > demo_bytes);
    assert!(s.elapsed_ms > 0.0);
    assert_eq!(s.skipped.len(), 1);
    assert!(s.skipped[0].path.ends_with("empty.txt"));
    assert_eq!(s.skipped[0].reason, "empty file");
}

#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
enum ClauseMsg {
    Clause(ClauseData),
    Summary(ClausesSummary),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClauseData {
    path: String,
    company: String,
    start: usize,
    end: usize,
    line: u32,
    section: String,
    heading: bool,
    topics: Vec<String>,
    lang: String,
    retention: Vec<RetentionMsg>,
    text: String,
}

/// Where the company came from, and the text's evidence.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompanySource {
    from: String,
    #[serde(default)]
    evidence: Vec<Evidence>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Evidence {
    name: String,
    cue: String,
    weight: i32,
    quote: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClausesSummary {
    path: String,
    format: String,
    encoding: String,
    company: String,
    company_source: CompanySource,
    kind: String,
    date: Option<String>,
    snapshot: Option<String>,
    effective: Option<String>,
    title: Option<String>,
    clauses: usize,
    languages: Vec<LanguageCount>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageCount {
    lang: String,
    clauses: usize,
}

#[test]
fn clauses_command_format() {
    let t = TestDir::new();
    let raw = "Privacy\n\nAt Initech, we keep logs for 30 days. The company never sells anything to advertising networks.\n";
    t.write("p.txt", raw);
    let run = t.run_ok(&["clauses", "p.txt", "--json"], 0);
    let msgs: Vec<ClauseMsg> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let clauses: Vec<&ClauseData> = msgs
        .iter()
        .filter_map(|m| match m {
            ClauseMsg::Clause(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(clauses.len(), 3);
    assert!(clauses[0].heading);
    for c in &clauses {
        assert_eq!(&raw[c.start..c.end], c.text);
        assert_eq!(c.company, "Initech");
        assert_eq!(c.path, "p.txt");
    }
    assert!(clauses.iter().all(|c| c.lang == "en"));
    assert_eq!(clauses[1].line, 3);
    assert_eq!(clauses[1].section, "Privacy");
    assert!(clauses[1].topics.contains(&"data-retention".to_owned()));
    // Each retention statement with the words that state it, offsets in the file.
    let r = &clauses[1].retention;
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!((r[0].kind.as_str(), r[0].days), ("stated", Some(30)));
    assert_eq!(&raw[r[0].start..r[0].end], "30 days");
    assert!(clauses[2].retention.is_empty());
    let Some(ClauseMsg::Summary(s)) = msgs.last() else {
        panic!("no summary")
    };
    assert_eq!(
        (s.clauses, s.format.as_str(), s.encoding.as_str()),
        (3, "text", "UTF-8")
    );
    assert_eq!((s.path.as_str(), s.company.as_str()), ("p.txt", "Initech"));
    assert_eq!(
        s.languages
            .iter()
            .map(|l| (l.lang.as_str(), l.clauses))
            .collect::<Vec<_>>(),
        [("en", 3)]
    );
    assert_eq!(s.company_source.from, "text");
    let e = &s.company_source.evidence[0];
    assert_eq!(
        (e.name.as_str(), e.cue.as_str(), e.weight > 0),
        ("Initech", "self", true)
    );
    assert!(e.quote.contains("At Initech, we"), "{}", e.quote);
    assert_eq!(
        (s.kind.as_str(), s.date.as_deref()),
        ("privacy-policy", None)
    );
    assert_eq!(
        (s.snapshot.as_deref(), s.effective.as_deref()),
        (None, None)
    );
    assert_eq!(s.title.as_deref(), Some("Privacy"));
}

#[test]
fn a_short_page_is_the_head_of_the_whole_ranking() {
    // Short pages are found with pruning (block-max WAND over flat word unions, and over a
    // phrase's terms); the whole ranking, asked with a limit above the total, is not pruned.
    let t = demo_index();
    for query in [
        "data",
        "retention months years",
        "how long do you keep my IP address?",
        "\"third party\" sharing",
        "\"personal data\"",
        "\"we keep\"",
        "+cookies -advertising",
        "share your information with partners",
    ] {
        let run = |limit: &str| {
            t.run_ok(
                &[
                    "search", query, "--index", "idx", "--json", "--limit", limit,
                ],
                0,
            )
        };
        let whole = run("100000");
        let summary = whole.summary();
        assert!(summary.total_exact, "{query}");
        assert_eq!(whole.hits().len() as u64, summary.total_hits, "{query}");
        let key = |h: &crate::harness::HitMsg| (h.path.clone(), h.start, h.rank);
        let head: Vec<_> = whole.hits().iter().take(3).map(key).collect();
        let page: Vec<_> = run("3").hits().iter().map(key).collect();
        assert_eq!(page, head, "{query}");
    }
}

#[test]
fn topic_counts_equal_the_totals_of_topic_filters() {
    // `--facets` counts topics from the rank-key column's bits, `--topic` filters on the
    // topic facet's terms: two stores of the same tags must agree.
    let t = demo_index();
    let run = t.run_ok(
        &["search", "data", "--index", "idx", "--json", "--facets"],
        0,
    );
    let topics = run.facet("topic");
    assert!(topics.len() >= 3, "{topics:?}");
    for c in &topics {
        let filtered = t.run_ok(
            &[
                "search",
                "data",
                "--index",
                "idx",
                "--json",
                "--exact-total",
                "--topic",
                &c.value,
            ],
            0,
        );
        assert_eq!(filtered.summary().total_hits, c.count, "{}", c.value);
    }
}

/// `stats --json`: one `stats` message.
#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
enum StatsLine {
    Stats(StatsMsg),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatsMsg {
    index: String,
    corpus: String,
    documents: u64,
    policies: u64,
    partial_captures: u64,
    clauses: u64,
    distinct_clauses: u64,
    source_bytes: u64,
    index_bytes: u64,
    polsearch_version: String,
    companies: Vec<crate::harness::FacetValue>,
    topics: Vec<crate::harness::FacetValue>,
    kinds: Vec<crate::harness::FacetValue>,
    langs: Vec<crate::harness::FacetValue>,
}

/// `retention --json`: one `retention` message per statement (or with `--companies` one
/// `company` message per company), then a `summary`.
#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
enum RetentionLine {
    Retention(RetentionRowMsg),
    Company(CompanyRetentionMsg),
    Summary(RetentionSummaryMsg),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompanyRetentionMsg {
    company: String,
    longest_days: Option<u64>,
    longest: Option<RetentionRowMsg>,
    statements: usize,
    clauses: usize,
    stated: usize,
    indefinite: usize,
    criteria: usize,
    cookie: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RetentionSummaryMsg {
    statements: usize,
    clauses: usize,
    companies: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RetentionRowMsg {
    company: String,
    kind: String,
    days: Option<u64>,
    period: String,
    clause: String,
    path: String,
    line: u64,
    start: usize,
    end: usize,
    date: Option<String>,
}

#[test]
fn stats_and_retention_follow_the_format() {
    let t = demo_index();
    let run = t.run_ok(&["stats", "--index", "idx", "--json"], 0);
    let lines: Vec<StatsLine> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let [StatsLine::Stats(stats)] = lines.as_slice() else {
        panic!("one stats message: {}", run.stdout)
    };
    assert!(stats.index.ends_with("idx") && stats.corpus.ends_with("corpus"));
    assert!(stats.documents >= 6 && stats.clauses >= stats.distinct_clauses);
    assert!(stats.policies >= 6 && stats.policies <= stats.documents);
    // The demo corpus's versions are whole.
    assert_eq!(stats.partial_captures, 0);
    assert!(stats.source_bytes > 0 && stats.index_bytes > 0);
    assert_eq!(stats.polsearch_version, env!("CARGO_PKG_VERSION"));
    let counted: u64 = stats.companies.iter().map(|c| c.count).sum();
    assert_eq!(counted, stats.clauses, "companies count clause occurrences");
    assert!(!stats.topics.is_empty() && !stats.kinds.is_empty());
    // The demo corpus is English.
    assert_eq!(
        stats
            .langs
            .iter()
            .map(|l| l.value.as_str())
            .collect::<Vec<_>>(),
        ["en"]
    );

    let retention = |extra: &[&str]| -> Vec<RetentionLine> {
        let mut args = vec!["retention", "--index", "idx", "--json"];
        args.extend_from_slice(extra);
        t.run_ok(&args, 0)
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    };
    let lines = retention(&["--cookies"]);
    let Some((RetentionLine::Summary(summary), rows)) = lines.split_last() else {
        panic!("a summary last: {lines:?}")
    };
    let rows: Vec<&RetentionRowMsg> = rows
        .iter()
        .map(|l| match l {
            RetentionLine::Retention(row) => row,
            other => panic!("a retention message: {other:?}"),
        })
        .collect();
    assert_eq!(summary.statements, rows.len());
    let companies: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r.company.as_str()).collect();
    assert_eq!(summary.companies, companies.len());
    assert!(summary.clauses >= companies.len() && summary.clauses <= rows.len());
    assert!(rows.iter().any(|r| r.kind == "stated" && r.days.is_some()));
    assert!(rows.iter().any(|r| r.date.is_some()));
    let without = retention(&[]);
    assert!(
        rows.len() >= without.len() - 1,
        "--cookies only adds statements"
    );
    // A line per company: its counts add up to the statements, its longest is a row.
    let lines = retention(&["--companies", "--cookies"]);
    let Some((RetentionLine::Summary(by_company), lines)) = lines.split_last() else {
        panic!("a summary last: {lines:?}")
    };
    assert_eq!(by_company.statements, summary.statements);
    assert_eq!(lines.len(), summary.companies);
    let mut previous = u64::MAX;
    for line in lines {
        let RetentionLine::Company(c) = line else {
            panic!("a company message: {line:?}")
        };
        assert_eq!(
            c.statements,
            c.stated + c.indefinite + c.criteria + c.cookie,
            "{c:?}"
        );
        assert!(c.clauses >= 1 && c.clauses <= c.statements, "{c:?}");
        let longest = rows
            .iter()
            .filter(|r| r.company == c.company && r.kind == "stated")
            .filter_map(|r| r.days)
            .max();
        assert_eq!(c.longest_days, longest, "{c:?}");
        assert_eq!(c.longest.as_ref().and_then(|l| l.days), longest);
        let days = c.longest_days.unwrap_or(0);
        assert!(days <= previous, "longest first: {c:?}");
        previous = days;
    }
    for r in &rows {
        let raw = std::fs::read(t.path().join(&r.path)).expect("the row's file");
        let period = String::from_utf8_lossy(&raw[r.start..r.end])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(r.start < r.end && r.line > 0, "{r:?}");
        assert!(
            !r.company.is_empty() && r.clause.contains(&period),
            "{r:?} {period}"
        );
        assert!(!r.period.is_empty(), "{r:?}");
    }
}
