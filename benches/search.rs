//! Query benchmark: in-process latency percentiles over a fixed list of queries of varied
//! shapes, and the cold-process wall time of `polsearch search --json --limit 10` (open the
//! index, search, print, exit).
//!
//! The index is built once per corpus into the temp dir with `polsearch index` (reused when it
//! is up to date; an unchanged corpus re-indexes in well under a second).
//!
//! Run: `cargo bench --bench search [-- CORPUS] [--rounds N]`
//! (default corpus: ../shared's history corpus unpacked to the temp dir, else the demo corpus).

mod common;

use std::process::Command;
use std::time::Instant;

use polsearch::analyze::topic::Topic;
use polsearch::search::tally::Unit;
use polsearch::search::{AsOf, Ranking, SearchRequest};

/// (label, query, company filters, topic filters, facets)
type Case = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [Topic],
    bool,
);

const CASES: &[Case] = &[
    ("rare word", "indefinitely", &[], &[], false),
    ("rare word", "biometric", &[], &[], false),
    ("rare word", "geolocation", &[], &[], false),
    ("rare word", "arbitration", &[], &[], false),
    ("rare word", "COPPA", &[], &[], false),
    ("rare word", "blockchain", &[], &[], false),
    ("common word", "data", &[], &[], false),
    ("common word", "information", &[], &[], false),
    ("common word", "personal", &[], &[], false),
    ("common words", "personal data", &[], &[], false),
    (
        "common words",
        "we may share your information",
        &[],
        &[],
        false,
    ),
    ("3-word OR", "retention months years", &[], &[], false),
    ("3-word OR", "cookies beacons pixels", &[], &[], false),
    ("3-word OR", "delete erase remove", &[], &[], false),
    ("3-word OR", "encrypt secure protect", &[], &[], false),
    ("phrase", "\"third parties\"", &[], &[], false),
    ("phrase", "\"12 months\"", &[], &[], false),
    ("phrase", "\"do not track\"", &[], &[], false),
    ("phrase", "\"legitimate interest\"", &[], &[], false),
    ("must/not", "+cookies -advertising", &[], &[], false),
    (
        "question",
        "how long do you keep my IP address?",
        &[],
        &[],
        false,
    ),
    (
        "question",
        "do you sell my personal information?",
        &[],
        &[],
        false,
    ),
    (
        "question",
        "who can I contact about privacy?",
        &[],
        &[],
        false,
    ),
    ("question", "can I delete my account?", &[], &[], false),
    (
        "question",
        "What information do you collect about me?",
        &[],
        &[],
        false,
    ),
    (
        "question",
        "Do you share my data with third parties for marketing?",
        &[],
        &[],
        false,
    ),
    ("question", "How do you protect my data?", &[], &[], false),
    (
        "question",
        "Will you notify me if the policy changes?",
        &[],
        &[],
        false,
    ),
    (
        "topic filter",
        "months",
        &[],
        &[Topic::DataRetention],
        false,
    ),
    (
        "topic filter",
        "partners",
        &[],
        &[Topic::ThirdPartySharing],
        false,
    ),
    (
        "topic filter",
        "children",
        &[],
        &[Topic::SpecificAudiences],
        false,
    ),
    ("company filter", "data", &["facebook"], &[], false),
    (
        "company filter",
        "retention",
        &["google", "twitter"],
        &[],
        false,
    ),
    (
        "company+topic",
        "data",
        &["microsoft"],
        &[Topic::DataRetention],
        false,
    ),
    ("facets", "personal data", &[], &[], true),
    ("facets", "retention", &[], &[], true),
    ("facets+filter", "cookies", &[], &[Topic::UserChoice], true),
];

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let corpus = common::corpus(&args);
    let rounds: usize = common::flag(&args, "--rounds")
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let (index_dir, index) = common::indexed(&corpus, "search");
    let companies = index.company_names().expect("companies");

    // Company filters name companies of the history corpus; on another corpus, cases whose
    // companies are absent are left out.
    let cases: Vec<&Case> = CASES
        .iter()
        .filter(|c| {
            c.2.iter()
                .all(|want| companies.iter().any(|n| n.to_lowercase().starts_with(want)))
        })
        .collect();
    let request = |c: &Case| SearchRequest {
        query: c.1.to_owned(),
        companies: c.2.iter().map(|s| s.to_string()).collect(),
        topics: c.3.to_vec(),
        limit: 10,
        facets: c.4,
        ..SearchRequest::default()
    };
    // Warm up: every query once.
    for c in &cases {
        index.search(&request(c)).expect("search");
    }
    let mut all = Vec::new();
    println!(
        "\n{:<16} {:<42} {:>10} {:>9}",
        "shape", "query", "hits", "p50 ms"
    );
    for c in &cases {
        let mut times = Vec::with_capacity(rounds);
        let mut hits = String::new();
        for _ in 0..rounds {
            let t = Instant::now();
            let r = index.search(&request(c)).expect("search");
            times.push(t.elapsed().as_secs_f64() * 1e3);
            // A total past the count cap is a lower bound.
            hits = format!("{}{}", if r.total_exact { "" } else { ">=" }, r.total_hits);
        }
        all.extend_from_slice(&times);
        println!(
            "{:<16} {:<42} {:>10} {:>9.3}",
            c.0,
            c.1,
            hits,
            common::median(&mut times)
        );
    }
    println!(
        "\nin-process over {} queries x {rounds} rounds: p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms",
        cases.len(),
        common::percentile(&mut all, 50.0),
        common::percentile(&mut all, 95.0),
        common::percentile(&mut all, 99.0)
    );

    // The same queries on the latest version of each policy (`--latest`), one hit per
    // occurrence (`--occurrences`, the pre-issue-13 output), and BM25 order for questions
    // too (`--rank bm25`, the pre-issue-14 ranking), interleaved round by round.
    type Variant = (&'static str, fn(SearchRequest) -> SearchRequest);
    let variants: [Variant; 3] = [
        ("--latest", |r| SearchRequest {
            as_of: Some(AsOf::Latest),
            ..r
        }),
        ("--occurrences", |r| SearchRequest {
            occurrences: true,
            count: Unit::Occurrences,
            ..r
        }),
        ("--rank bm25", |r| SearchRequest {
            ranking: Ranking::Bm25,
            ..r
        }),
    ];
    let mut timed: Vec<Vec<f64>> = vec![Vec::new(); variants.len()];
    for (_, variant) in &variants {
        for c in &cases {
            index.search(&variant(request(c))).expect("search");
        }
    }
    for _ in 0..rounds {
        for (times, (_, variant)) in timed.iter_mut().zip(&variants) {
            for c in &cases {
                let req = variant(request(c));
                let t = Instant::now();
                index.search(&req).expect("search");
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
        }
    }
    // Per query, the median of each variant (rounds are interleaved: round r of query c is
    // at r * cases + c).
    println!(
        "\n{:<42} {:>10} {:>14} {:>12}",
        "query", "--latest", "--occurrences", "--rank bm25"
    );
    for (i, c) in cases.iter().enumerate() {
        let median = |times: &[f64]| {
            let mut v: Vec<f64> = times.iter().skip(i).step_by(cases.len()).copied().collect();
            common::median(&mut v)
        };
        println!(
            "{:<42} {:>10.3} {:>14.3} {:>12.3}",
            c.1,
            median(&timed[0]),
            median(&timed[1]),
            median(&timed[2])
        );
    }
    // Questions alone: the question model (default) against BM25 order, interleaved.
    let questions: Vec<&&Case> = cases.iter().filter(|c| c.0 == "question").collect();
    if !questions.is_empty() {
        let (mut model, mut bm25) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            for c in &questions {
                for (times, ranking) in [(&mut model, Ranking::Auto), (&mut bm25, Ranking::Bm25)] {
                    let req = SearchRequest {
                        ranking,
                        ..request(c)
                    };
                    let t = Instant::now();
                    index.search(&req).expect("search");
                    times.push(t.elapsed().as_secs_f64() * 1e3);
                }
            }
        }
        let (m50, b50) = (
            common::median(&mut model.clone()),
            common::median(&mut bm25.clone()),
        );
        println!(
            "questions ({}) with the question model: p50 {m50:.3} ms, p99 {:.3} ms; --rank bm25: p50 {b50:.3} ms, p99 {:.3} ms; ratio of medians {:.2}x",
            questions.len(),
            common::percentile(&mut model, 99.0),
            common::percentile(&mut bm25, 99.0),
            m50 / b50
        );
    }
    for (times, (name, _)) in timed.iter_mut().zip(&variants) {
        println!(
            "in-process {name}: p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms",
            common::percentile(times, 50.0),
            common::percentile(times, 95.0),
            common::percentile(times, 99.0)
        );
    }

    // Cold process: the binary as a user runs it.
    let exe = env!("CARGO_BIN_EXE_polsearch");
    let mut cold = Vec::new();
    for c in cases.iter().take(10) {
        for _ in 0..5 {
            let t = Instant::now();
            let out = Command::new(exe)
                .args(["search", c.1, "--json", "--limit", "10", "--index"])
                .arg(&index_dir)
                .output()
                .expect("run polsearch");
            cold.push(t.elapsed().as_secs_f64() * 1e3);
            assert!(out.status.code().is_some_and(|c| c <= 1), "search failed");
        }
    }
    println!(
        "cold process `polsearch search --json --limit 10` over {} runs: median {:.1} ms, p95 {:.1} ms",
        cold.len(),
        common::median(&mut cold.clone()),
        common::percentile(&mut cold, 95.0)
    );
}
