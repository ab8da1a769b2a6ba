//! Version histories (issue 13): one hit per distinct clause with its files and first and
//! last dates, snapshot and effective dates, `--latest` / `--as-of`, `--count`,
//! `--per-company`, and the `history` and `diff` commands.

use crate::harness::{HitMsg, TestDir};

/// Kestrel's privacy policy in five versions named as Open Terms Archive names them:
/// a clause appears in v2, one disappears in v3, the retention period changes in v3, a
/// clause moves section in v4, v5 changes nothing but its stated date. Plus an undated
/// Kestrel FAQ, and Plover's two versions dated by a manifest.
pub fn corpus() -> TestDir {
    let t = TestDir::new();
    let version = |effective: &str, retention: &str, sharing: bool, digest: bool, moved: bool| {
        let mut s = format!(
            "# Kestrel Privacy Policy\n\nLast updated: {effective}\n\n## Retention\n\nWe keep access logs for {retention}.\n\n## Sharing\n\nWe never sell your data.\n"
        );
        if sharing {
            s.push_str("\nWe share crash reports with our hosting provider.\n");
        }
        if !moved {
            s.push_str("\n## Choices\n\nYou may close your account whenever you like.\n");
        }
        if digest {
            s.push_str("\n## Newsletter\n\nWe send a weekly digest by email.\n");
        }
        if moved {
            s.push_str("\n## Your rights\n\nYou may close your account whenever you like.\n");
        }
        s
    };
    let files = [
        (
            "2020-01-10T080000Z",
            version("January 2, 2020", "12 months", false, true, false),
        ),
        (
            "2020-07-01T080000Z",
            version("June 20, 2020", "12 months", true, true, false),
        ),
        (
            "2021-03-01T080000Z",
            version("February 1, 2021", "24 months", true, false, false),
        ),
        (
            "2022-05-01T080000Z",
            version("April 4, 2022", "24 months", true, false, true),
        ),
        (
            "2023-02-01T080000Z",
            version("December 1, 2022", "24 months", true, false, true),
        ),
    ];
    for (name, text) in &files {
        t.write(&format!("c/kestrel/{name}.md"), text);
    }
    t.write(
        "c/kestrel/faq.txt",
        "Kestrel FAQ\n\nOur staff review access logs every week.\n",
    );
    t.write(
        "c/plover/a.txt",
        "Plover privacy policy\n\nWe keep access logs for 6 months.\n",
    );
    t.write(
        "c/plover/b.txt",
        "Plover privacy policy\n\nWe keep access logs for 3 months.\n",
    );
    t.write(
        "c/polsearch.csv",
        "path,company,kind,date\nplover/a.txt,Plover,privacy-policy,2019-05-01\nplover/b.txt,Plover,privacy-policy,2022-01-01\nkestrel,Kestrel,,\n",
    );
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    t
}

pub fn search(t: &TestDir, query: &str, args: &[&str]) -> crate::harness::Run {
    let mut full = vec![
        "search", query, "--index", "idx", "--json", "--limit", "100",
    ];
    full.extend_from_slice(args);
    t.run(&full)
}

fn by_text<'a>(hits: &'a [HitMsg], text: &str) -> Vec<&'a HitMsg> {
    hits.iter().filter(|h| h.text == text).collect()
}

/// The hit's bytes slice back to its text in its file.
fn slices_back(t: &TestDir, h: &HitMsg) {
    let raw = std::fs::read(t.path().join(&h.path)).unwrap();
    assert_eq!(&raw[h.start..h.end], h.text.as_bytes(), "{h:?}");
}

#[test]
fn a_search_shows_each_distinct_clause_once_with_its_versions() {
    let t = corpus();
    let run = search(&t, "access logs", &["--facets"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let hits = run.hits();
    let twelve = by_text(&hits, "We keep access logs for 12 months.");
    assert_eq!(twelve.len(), 1, "{hits:#?}");
    let h = twelve[0];
    assert_eq!((h.documents, h.occurrences), (2, 2));
    assert_eq!(h.first_seen.as_deref(), Some("2020-01-10T08:00:00Z"));
    assert_eq!(h.last_seen.as_deref(), Some("2020-07-01T08:00:00Z"));
    // The most recent occurrence: its path, offsets and dates.
    assert_eq!(h.path, "c/kestrel/2020-07-01T080000Z.md");
    assert_eq!(h.snapshot.as_deref(), Some("2020-07-01T08:00:00Z"));
    assert_eq!(h.effective.as_deref(), Some("2020-06-20"));
    assert_eq!(h.date, h.snapshot);
    slices_back(&t, h);

    let h = by_text(&hits, "We keep access logs for 24 months.")[0];
    assert_eq!((h.documents, h.occurrences), (3, 3));
    assert_eq!(h.path, "c/kestrel/2023-02-01T080000Z.md");
    assert_eq!(h.first_seen.as_deref(), Some("2021-03-01T08:00:00Z"));
    slices_back(&t, h);
    // Manifest dates are snapshot dates.
    let h = by_text(&hits, "We keep access logs for 6 months.")[0];
    assert_eq!(
        (h.snapshot.as_deref(), h.effective.as_deref()),
        (Some("2019-05-01"), None)
    );
    // The undated FAQ.
    let h = by_text(&hits, "Our staff review access logs every week.")[0];
    assert_eq!((h.date.as_deref(), h.first_seen.as_deref()), (None, None));

    // No clause twice; the total counts distinct clauses, and so do facets.
    let mut texts: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), hits.len());
    let summary = run.summary();
    assert_eq!(summary.count, "clauses");
    assert_eq!(summary.total_hits, hits.len() as u64);
    let companies: u64 = run.facet("company").iter().map(|c| c.count).sum();
    assert_eq!(companies, hits.len() as u64);

    // --occurrences: every occurrence, and the total counts them.
    let every = search(&t, "access logs", &["--occurrences"]);
    let occurrences: u64 = hits.iter().map(|h| h.occurrences).sum();
    assert_eq!(every.hits().len() as u64, occurrences);
    assert_eq!(every.summary().total_hits, occurrences);
    assert_eq!(every.summary().count, "occurrences");
    for h in every.hits() {
        slices_back(&t, &h);
    }
}

#[test]
fn count_chooses_what_totals_and_facets_count() {
    let t = corpus();
    let total = |unit: &str| {
        let run = search(&t, "access logs", &["--count", unit, "--facets"]);
        let by_company: u64 = run.facet("company").iter().map(|c| c.count).sum();
        (run.summary().total_hits, by_company, run.summary().count)
    };
    // Distinct clauses: 12 months, 24 months, the FAQ line, 6 months, 3 months.
    assert_eq!(total("clauses"), (5, 5, "clauses".to_owned()));
    // Kestrel: 5 versions + FAQ; Plover: 2.
    assert_eq!(total("occurrences"), (8, 8, "occurrences".to_owned()));
    assert_eq!(total("documents"), (8, 8, "documents".to_owned()));
    assert_eq!(total("companies"), (2, 2, "companies".to_owned()));
    let bad = t.run(&["search", "x", "--index", "idx", "--count", "pages"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--count"), "{}", bad.stderr);
}

#[test]
fn latest_and_as_of_read_one_version_of_each_policy() {
    let t = corpus();
    let texts = |args: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = search(&t, "access logs", args)
            .hits()
            .into_iter()
            .map(|h| h.text)
            .collect();
        v.sort();
        v
    };
    // The undated FAQ is the only version of Kestrel's "other" policy: it is current.
    assert_eq!(
        texts(&["--latest"]),
        [
            "Our staff review access logs every week.",
            "We keep access logs for 24 months.",
            "We keep access logs for 3 months.",
        ]
    );
    // As of a date: the last version dated on or before it; undated files are left out.
    assert_eq!(
        texts(&["--as-of", "2020-12-31"]),
        [
            "We keep access logs for 12 months.",
            "We keep access logs for 6 months."
        ]
    );
    assert_eq!(
        texts(&["--as-of", "2019-12"]),
        ["We keep access logs for 6 months."]
    );
    assert!(texts(&["--as-of", "2010"]).is_empty());
    // A hit under --latest describes the latest version only.
    let run = search(&t, "\"24 months\"", &["--latest"]);
    let h = &run.hits()[0];
    assert_eq!(
        (h.documents, h.path.as_str()),
        (1, "c/kestrel/2023-02-01T080000Z.md")
    );
    // The clause that moved section in v4 is current; the one in "Choices" is not.
    let run = search(&t, "close your account", &["--latest"]);
    let sections: Vec<String> = run.hits().into_iter().map(|h| h.section).collect();
    assert_eq!(sections, ["Your rights"]);
    let bad = t.run(&[
        "search", "x", "--index", "idx", "--latest", "--as-of", "2020",
    ]);
    assert_eq!(bad.code, 2);
}

/// A corpus without versions (each document its own policy, one dated capture, a sentence
/// said in two documents): every file is current, so `--latest` admits every clause, with every
/// occurrence, as no filter does (found without the pass over every occurrence).
#[test]
fn latest_on_a_corpus_without_versions_admits_every_clause() {
    let t = TestDir::new();
    t.write(
        "c/acme/privacy.md",
        "# Privacy\n\nWe keep access logs for 30 days.\n\nWe sell nothing.\n",
    );
    t.write(
        "c/acme/terms.md",
        "# Terms\n\nWe keep access logs for 30 days.\n\nDisputes go to court.\n",
    );
    t.write(
        "c/globex/2021-01-01.md",
        "Globex keeps access logs for a year.\n",
    );
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    let hits = |args: &[&str]| -> Vec<(String, String, u64)> {
        let mut v: Vec<(String, String, u64)> = search(&t, "access logs", args)
            .hits()
            .into_iter()
            .map(|h| (h.text, h.path, h.documents))
            .collect();
        v.sort();
        v
    };
    let all = hits(&[]);
    assert_eq!(all.len(), 3, "{all:?}");
    assert_eq!(hits(&["--latest"]), all);
    assert_eq!(
        hits(&["--latest", "--occurrences"]),
        hits(&["--occurrences"])
    );
}

#[test]
fn since_selects_by_snapshot_and_effective_by_the_stated_date() {
    let t = corpus();
    // v5 was captured 2023-02-01 but says "Last updated: December 1, 2022".
    let paths = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["--occurrences"];
        full.extend_from_slice(args);
        let mut v: Vec<String> = search(&t, "\"24 months\"", &full)
            .hits()
            .into_iter()
            .map(|h| h.path)
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        paths(&["--since", "2023"]),
        ["c/kestrel/2023-02-01T080000Z.md"]
    );
    assert!(paths(&["--effective-since", "2023"]).is_empty());
    assert_eq!(
        paths(&[
            "--effective-since",
            "2022-06",
            "--effective-until",
            "2022-12"
        ]),
        ["c/kestrel/2023-02-01T080000Z.md"]
    );
    // Both at once: each occurrence must satisfy both (v4: captured 2022-05, stated 2022-04).
    assert_eq!(
        paths(&["--since", "2022", "--effective-until", "2022-04-30"]),
        ["c/kestrel/2022-05-01T080000Z.md"]
    );
    let run = search(&t, "\"24 months\"", &["--since", "2022"]);
    let h = &run.hits()[0];
    assert_eq!(h.documents, 2);
    assert_eq!(h.first_seen.as_deref(), Some("2022-05-01T08:00:00Z"));
}

#[test]
fn per_company_caps_hits_of_each_company() {
    let t = corpus();
    let run = search(&t, "access logs", &["--per-company", "1"]);
    let companies: Vec<String> = run.hits().into_iter().map(|h| h.company).collect();
    assert_eq!(companies.len(), 2, "{companies:?}");
    assert_ne!(companies[0], companies[1]);
    // The total still counts every match.
    assert_eq!(run.summary().total_hits, 5);
    let two = search(&t, "access logs", &["--per-company", "2", "--occurrences"]);
    assert_eq!(two.hits().len(), 4);
    let bad = t.run(&["search", "x", "--index", "idx", "--per-company", "0"]);
    assert_eq!(bad.code, 2);
}

/// A folder of more versions than one group holds (512): the clause shared by all of them
/// is in two clause documents, yet one hit, counted once.
#[test]
fn a_clause_in_several_groups_is_one_hit() {
    let t = TestDir::new();
    for i in 0..530u32 {
        let (year, month) = (2000 + i / 12, 1 + i % 12);
        t.write(
            &format!("c/big/{year}-{month:02}-01T000000Z.txt"),
            format!("Big Co privacy policy, version {i}.\n\nWe keep backups for 90 days.\n"),
        );
    }
    t.write(
        "c/small/2020-01-01T000000Z.txt",
        "Small Co sells nothing.\n",
    );
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    let run = search(&t, "backups", &["--facets"]);
    let hits = run.hits();
    assert_eq!(hits.len(), 1, "{hits:#?}");
    let h = &hits[0];
    assert_eq!((h.documents, h.occurrences), (530, 530));
    assert_eq!(h.first_seen.as_deref(), Some("2000-01-01T00:00:00Z"));
    assert_eq!(h.last_seen.as_deref(), Some("2044-02-01T00:00:00Z"));
    assert_eq!(h.path, "c/big/2044-02-01T000000Z.txt");
    assert_eq!(run.summary().total_hits, 1);
    assert_eq!(run.facet("company")[0].count, 1);
    let capped = search(&t, "backups", &[]);
    assert_eq!(capped.summary().total_hits, 1);
    let occurrences = search(&t, "backups", &["--count", "occurrences"]);
    assert_eq!(occurrences.summary().total_hits, 530);
    // Its history is the folder's, not one group's: first seen in 2000 (the second group's
    // document holds it from 2042 only) and current (the first group's holds no current
    // version).
    let history = |args: &[&str]| search(&t, "backups", args).hits().len();
    assert_eq!(history(&["--added-since", "2001"]), 0);
    assert_eq!(history(&["--added-since", "2000"]), 1);
    assert_eq!(history(&["--removed"]), 0);
    assert_eq!(history(&["--current"]), 1);
    // stats: every occurrence, and distinct clauses (530 version lines and the shared one).
    let stats = t.run_ok(&["stats", "--index", "idx", "--json"], 0);
    let v: serde_json::Value = serde_json::from_str(stats.stdout.trim()).unwrap();
    assert_eq!(v["data"]["clauses"], 1061);
    assert_eq!(v["data"]["distinct_clauses"], 532);
    // history compares versions across the groups too: each version changes its first line
    // alone (the group's first version read the shared clause as added, the last one's
    // version as removed).
    let history = t.run_ok(&["history", "big", "--index", "idx", "--json"], 0);
    let rows: Vec<serde_json::Value> = history
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 530);
    for r in &rows[1..] {
        let changed = (r["data"]["added"].as_u64(), r["data"]["removed"].as_u64());
        assert_eq!(changed, (Some(1), Some(1)), "{r}");
    }
}

#[derive(Debug, serde::Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum DiffMsg {
    Change(Box<ChangeMsg>),
    Summary(DiffSummary),
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeMsg {
    from_path: Option<String>,
    to_path: Option<String>,
    change: String,
    from: Option<SideMsg>,
    to: Option<SideMsg>,
    #[serde(default)]
    similarity: Option<f64>,
    #[serde(default)]
    words: Vec<WordMsg>,
    topics_added: Vec<String>,
    topics_removed: Vec<String>,
    #[serde(default)]
    retention: Option<PeriodMsg>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SideMsg {
    start: usize,
    end: usize,
    line: u64,
    section: String,
    text: String,
    heading: bool,
    topics: Vec<String>,
    retention: Vec<crate::harness::RetentionMsg>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WordMsg {
    op: String,
    text: String,
}

#[derive(Debug, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct PeriodMsg {
    from: Vec<String>,
    to: Vec<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DiffSummary {
    from: String,
    to: String,
    kind: Option<String>,
    lang: Option<String>,
    added: usize,
    removed: usize,
    modified: usize,
    moved: usize,
    unchanged: usize,
    topics: Vec<String>,
    left_out: usize,
}

fn diff_json(t: &TestDir, args: &[&str], code: i32) -> (Vec<ChangeMsg>, DiffSummary) {
    let mut full = vec!["diff", "--json", "--index", "idx"];
    full.extend_from_slice(args);
    let run = t.run_ok(&full, code);
    let mut changes = Vec::new();
    let mut summary = None;
    for line in run.stdout.lines() {
        match serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}")) {
            DiffMsg::Change(c) => changes.push(*c),
            DiffMsg::Summary(s) => summary = Some(s),
        }
    }
    (changes, summary.expect("a summary"))
}

/// Each side's bytes slice back to its text in its own file; a line is the range's line.
fn check_side(t: &TestDir, path: &Option<String>, side: &Option<SideMsg>) {
    let (Some(path), Some(side)) = (path, side) else {
        assert!(path.is_none() && side.is_none());
        return;
    };
    let raw = std::fs::read(t.path().join(path)).unwrap();
    let slice = String::from_utf8_lossy(&raw[side.start..side.end]);
    assert!(slice.contains(side.text.trim()), "{slice:?} vs {side:?}");
    let line = raw[..side.start].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    assert_eq!(line, side.line);
}

#[test]
fn diff_of_two_files_names_added_removed_and_modified_clauses() {
    let t = corpus();
    let (a, b) = (
        "c/kestrel/2020-01-10T080000Z.md",
        "c/kestrel/2021-03-01T080000Z.md",
    );
    let (changes, summary) = diff_json(&t, &[a, b], 0);
    for c in &changes {
        check_side(&t, &c.from_path, &c.from);
        check_side(&t, &c.to_path, &c.to);
    }
    let text = |side: &Option<SideMsg>| side.as_ref().map(|s| s.text.clone());
    let modified: Vec<&ChangeMsg> = changes.iter().filter(|c| c.change == "modified").collect();
    assert_eq!(modified.len(), 2, "{changes:#?}");
    // A date changed alone is its clause modified, not one removed and one added.
    assert_eq!(
        (text(&modified[0].from), text(&modified[0].to)),
        (
            Some("Last updated: January 2, 2020".to_owned()),
            Some("Last updated: February 1, 2021".to_owned())
        ),
        "{changes:#?}"
    );
    let m = modified[1];
    assert_eq!(
        text(&m.from).as_deref(),
        Some("We keep access logs for 12 months.")
    );
    assert_eq!(
        text(&m.to).as_deref(),
        Some("We keep access logs for 24 months.")
    );
    assert_eq!(
        m.retention,
        Some(PeriodMsg {
            from: vec!["12 months".into()],
            to: vec!["24 months".into()]
        })
    );
    assert!(m.similarity.unwrap() >= 0.6);
    // Topics and retention statements of each side; offsets absolute in each file.
    let (from, to) = (m.from.as_ref().unwrap(), m.to.as_ref().unwrap());
    assert!(
        from.topics.iter().any(|t| t == "data-retention"),
        "{from:?}"
    );
    let mut gained: Vec<&String> = to
        .topics
        .iter()
        .filter(|t| !from.topics.contains(t))
        .collect();
    let mut lost: Vec<&String> = from
        .topics
        .iter()
        .filter(|t| !to.topics.contains(t))
        .collect();
    gained.sort();
    lost.sort();
    assert_eq!(m.topics_added.iter().collect::<Vec<_>>(), gained);
    assert_eq!(m.topics_removed.iter().collect::<Vec<_>>(), lost);
    for (side, path, days) in [(from, a, 365), (to, b, 730)] {
        assert!(!side.heading);
        let r = &side.retention[0];
        assert_eq!(r.days, Some(days));
        let raw = std::fs::read(t.path().join(path)).unwrap();
        assert_eq!(&raw[r.start..r.end], r.text.as_bytes());
    }
    let newsletter = changes
        .iter()
        .filter_map(|c| c.from.as_ref().filter(|_| c.change == "removed"))
        .find(|s| s.text == "Newsletter")
        .expect("the Newsletter heading removed");
    assert!(newsletter.heading);
    // The word diff rebuilds both texts.
    let side = |keep: &str| -> String {
        m.words
            .iter()
            .filter(|w| w.op == "equal" || w.op == keep)
            .map(|w| w.text.as_str())
            .collect()
    };
    assert_eq!(side("delete"), "We keep access logs for 12 months.");
    assert_eq!(side("insert"), "We keep access logs for 24 months.");
    let texts = |kind: &str| -> Vec<String> {
        changes
            .iter()
            .filter(|c| c.change == kind)
            .filter_map(|c| text(if kind == "added" { &c.to } else { &c.from }))
            .collect()
    };
    assert!(texts("added").contains(&"We share crash reports with our hosting provider.".into()));
    assert!(texts("removed").contains(&"We send a weekly digest by email.".into()));
    assert_eq!(summary.modified, 2);
    assert_eq!(summary.added, texts("added").len());
    assert_eq!(summary.removed, texts("removed").len());
    assert_eq!(summary.moved, 0);
    assert!(summary.unchanged >= 4, "{summary:?}");
    assert_eq!((summary.from.as_str(), summary.to.as_str()), (a, b));
    assert_eq!(summary.kind, None);

    // The same file twice: nothing changed, exit 1.
    let (changes, summary) = diff_json(&t, &[a, a], 1);
    assert!(changes.is_empty());
    assert_eq!(
        summary.added + summary.removed + summary.modified + summary.moved,
        0
    );
}

#[test]
fn diff_by_date_compares_the_versions_current_at_each_date() {
    let t = corpus();
    // 2021-12 -> v3 (2021-03-01); 2022-06 -> v4 (2022-05-01): the clause that moved.
    let (changes, summary) = diff_json(&t, &["kestrel", "--from", "2021-12", "--to", "2022-06"], 0);
    assert_eq!(summary.from, "c/kestrel/2021-03-01T080000Z.md");
    assert_eq!(summary.to, "c/kestrel/2022-05-01T080000Z.md");
    assert_eq!(summary.kind.as_deref(), Some("privacy-policy"));
    let moved: Vec<&ChangeMsg> = changes.iter().filter(|c| c.change == "moved").collect();
    assert_eq!(moved.len(), 1, "{changes:#?}");
    let (from, to) = (
        moved[0].from.as_ref().unwrap(),
        moved[0].to.as_ref().unwrap(),
    );
    assert_eq!(from.text, "You may close your account whenever you like.");
    assert_eq!(
        (from.section.as_str(), to.section.as_str()),
        ("Choices", "Your rights")
    );
    for c in &changes {
        check_side(&t, &c.from_path, &c.from);
        check_side(&t, &c.to_path, &c.to);
    }
    // Human output: the summary line, no unchanged clause printed.
    let human = t.run_ok(
        &[
            "diff", "kestrel", "--from", "2021-12", "--to", "2022-06", "--index", "idx",
        ],
        0,
    );
    assert!(human.stdout.contains("1 moved"), "{}", human.stdout);
    assert!(
        !human.stdout.contains("We never sell your data."),
        "{}",
        human.stdout
    );
    // Errors name what is wrong.
    // Before the first version: from the first one, with a note.
    let (_, summary) = diff_json(&t, &["kestrel", "--from", "2010", "--to", "2020-08"], 0);
    assert_eq!(summary.from, "c/kestrel/2020-01-10T080000Z.md");
    assert_eq!(summary.to, "c/kestrel/2020-07-01T080000Z.md");
    let early = t.run(&[
        "diff", "kestrel", "--from", "2010", "--to", "2020-08", "--index", "idx",
    ]);
    assert!(
        early
            .stderr
            .contains("no version on or before 2010; comparing from the first one"),
        "{}",
        early.stderr
    );
    let none = t.run(&[
        "diff", "kestrel", "--from", "2005", "--to", "2010", "--index", "idx",
    ]);
    assert_eq!(none.code, 2);
    assert!(
        none.stderr.contains("no version dated on or before 2010"),
        "{}",
        none.stderr
    );
    // Without --to the latest version, without --from the first one (no note: none asked).
    let (_, summary) = diff_json(&t, &["kestrel", "--from", "2021-12"], 0);
    assert_eq!(summary.from, "c/kestrel/2021-03-01T080000Z.md");
    assert_eq!(summary.to, "c/kestrel/2023-02-01T080000Z.md");
    let (_, summary) = diff_json(&t, &["kestrel", "--to", "2021-12"], 0);
    assert_eq!(summary.from, "c/kestrel/2020-01-10T080000Z.md");
    assert_eq!(summary.to, "c/kestrel/2021-03-01T080000Z.md");
    let whole = t.run(&["diff", "kestrel", "--json", "--index", "idx"]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    assert!(!whole.stderr.contains("note"), "{}", whole.stderr);
    assert!(whole.stdout.contains("c/kestrel/2020-01-10T080000Z.md"));
    assert!(whole.stdout.contains("c/kestrel/2023-02-01T080000Z.md"));
    // Both dates in one version's time: an empty diff, and why; dates the wrong way round: a
    // diff backwards, and a note saying so.
    let dated = |from: &str, to: &str| {
        t.run(&[
            "diff", "kestrel", "--from", from, "--to", to, "--index", "idx",
        ])
    };
    for (from, to, code, says) in [
        ("2030", "2031", 1, "is current at both dates"),
        (
            "2022-06",
            "2020-08",
            0,
            "--from is after --to; comparing backwards",
        ),
    ] {
        let run = dated(from, to);
        assert_eq!(run.code, code, "{}", run.stderr);
        assert!(run.stderr.contains(says), "{}", run.stderr);
    }
    let early = t.run(&["diff", "kestrel", "--to", "2010", "--index", "idx"]);
    assert_eq!(early.code, 2);
    assert!(early.stderr.contains("before 2010"), "{}", early.stderr);
    let missing = t.run(&["diff", "c/nope.md", "c/kestrel/faq.txt"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("c/nope.md"), "{}", missing.stderr);
}

#[derive(Debug, serde::Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "lowercase")]
enum HistoryMsg {
    Version(VersionMsg),
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionMsg {
    kind: String,
    lang: String,
    path: String,
    date: Option<String>,
    snapshot: Option<String>,
    effective: Option<String>,
    clauses: usize,
    added: usize,
    removed: usize,
    modified: usize,
    previous: Option<String>,
    partial: bool,
    #[serde(default)]
    retention: Option<PeriodMsg>,
    topics: Vec<TopicMsg>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicMsg {
    topic: String,
    added: usize,
    removed: usize,
}

#[test]
fn history_lists_versions_with_what_each_changed() {
    let t = corpus();
    let rows = history_rows(&t, "kestrel", &[]);
    let (other, policy): (Vec<&VersionMsg>, Vec<&VersionMsg>) =
        rows.iter().partition(|r| r.kind == "other");
    assert_eq!(other.len(), 1);
    assert_eq!(
        (other[0].path.as_str(), other[0].date.as_deref()),
        ("c/kestrel/faq.txt", None)
    );
    let paths: Vec<&str> = policy.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "c/kestrel/2020-01-10T080000Z.md",
            "c/kestrel/2020-07-01T080000Z.md",
            "c/kestrel/2021-03-01T080000Z.md",
            "c/kestrel/2022-05-01T080000Z.md",
            "c/kestrel/2023-02-01T080000Z.md",
        ]
    );
    assert_eq!(policy[0].added, policy[0].clauses);
    assert_eq!((policy[0].removed, policy[0].modified), (0, 0));
    assert!(policy[0].retention.is_none());
    assert_eq!(policy[0].snapshot.as_deref(), Some("2020-01-10T08:00:00Z"));
    assert_eq!(policy[0].effective.as_deref(), Some("2020-01-02"));
    // v2: the crash-report clause and a new "Last updated" line; the old one gone (the
    // line modified: one of the two added clauses rewords the removed one).
    assert_eq!(
        (policy[1].added, policy[1].removed, policy[1].modified),
        (2, 1, 1)
    );
    assert!(policy[1].topics.iter().any(|t| t.added > 0));
    // v3: 12 months -> 24 months, the digest and its heading gone.
    assert_eq!(
        policy[2].retention,
        Some(PeriodMsg {
            from: vec!["12 months".into()],
            to: vec!["24 months".into()]
        })
    );
    assert!(policy[2].removed >= 3, "{:?}", policy[2]);
    // (The retention clause reworded; the digest and its heading have no new form.)
    assert!(
        policy[2].modified >= 1 && policy[2].modified <= policy[2].removed - 2,
        "{:?}",
        policy[2]
    );
    let retention = policy[2]
        .topics
        .iter()
        .find(|t| t.topic == "data-retention")
        .expect("data-retention changed");
    assert_eq!((retention.added, retention.removed), (1, 1));
    // v5 changes only its stated date.
    assert_eq!(
        (policy[4].added, policy[4].removed, policy[4].modified),
        (1, 1, 1)
    );
    assert!(policy[4].retention.is_none());

    let human = t.run_ok(&["history", "kestrel", "--index", "idx"], 0);
    assert!(
        human.stdout.contains("retention: 12 months -> 24 months"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("Kestrel, privacy-policy: 5 versions"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stdout
            .contains("+1 -1 (1 modified)  c/kestrel/2023-02-01T080000Z.md"),
        "{}",
        human.stdout
    );
    let unknown = t.run(&["history", "zzz", "--index", "idx"]);
    assert_eq!(unknown.code, 2);
}

/// "What changed since 2021?": the versions dated in a span, each still compared with the
/// version before it (which the span may leave out).
#[test]
fn history_since_and_until_show_the_versions_dated_in_the_span() {
    let t = corpus();
    let versions = |args: &[&str], code: i32| -> Vec<(String, usize, usize, Option<String>)> {
        let mut full = vec!["history", "kestrel", "--index", "idx", "--json"];
        full.extend_from_slice(args);
        t.run_ok(&full, code)
            .stdout
            .lines()
            .map(|l| {
                let HistoryMsg::Version(v) = serde_json::from_str(l).unwrap();
                (v.path, v.added, v.removed, v.previous)
            })
            .collect()
    };
    let all = versions(&[], 0);
    let span = versions(&["--since", "2020-07", "--until", "2022"], 0);
    let paths: Vec<&str> = span.iter().map(|v| v.0.as_str()).collect();
    assert_eq!(
        paths,
        [
            "c/kestrel/2020-07-01T080000Z.md",
            "c/kestrel/2021-03-01T080000Z.md",
            "c/kestrel/2022-05-01T080000Z.md",
        ]
    );
    // The same rows as in the whole history: the first is compared with January 2020's.
    for row in &span {
        assert!(all.contains(row), "{row:?} not in {all:?}");
    }
    assert_eq!(
        (span[0].1, span[0].2),
        (2, 1),
        "not counted as a first version: {span:?}"
    );
    // Each row names the file it is compared with, the first one's outside the span.
    assert_eq!(
        span[0].3.as_deref(),
        Some("c/kestrel/2020-01-10T080000Z.md"),
        "{all:?}"
    );
    assert_eq!(span[1].3.as_deref(), Some(paths[0]));
    // Undated files (the FAQ) have no place in a span.
    assert_eq!(versions(&["--until", "2030"], 0).len(), 5);
    assert_eq!(versions(&["--since", "2023"], 0).len(), 1);
    assert!(versions(&["--since", "2031"], 1).is_empty());
    let human = t.run_ok(
        &["history", "kestrel", "--index", "idx", "--since", "2022"],
        0,
    );
    assert!(
        human.stderr.contains("dated 2022 to now"),
        "{}",
        human.stderr
    );
    let bad = t.run_ok(
        &["history", "kestrel", "--index", "idx", "--since", "May"],
        2,
    );
    assert!(bad.stderr.contains("--since"), "{}", bad.stderr);
}

/// A dated version whose opening does not name its kind stays in its folder's history.
#[test]
fn a_version_of_unknown_kind_stays_in_its_policys_history() {
    let t = TestDir::new();
    t.write(
        "c/tern/2020-01-01T000000Z.md",
        "# Tern Privacy Policy\n\nWe keep logs for a year.\n\n## Sharing\n\nWe never sell your data.\n",
    );
    t.write(
        "c/tern/2021-01-01T000000Z.md",
        "# Tern\n\nWe keep logs for two years.\n\n## Sharing\n\nWe never sell your data.\n",
    );
    t.write(
        "c/tern/2022-01-01T000000Z.md",
        "# Tern Privacy Policy\n\nWe keep logs for three years.\n\n## Sharing\n\nWe never sell your data.\n",
    );
    // Two folders: the folder layout names the companies.
    t.write(
        "c/gull/2020-01-01T000000Z.md",
        "# Gull Privacy Policy\n\nWe keep nothing.\n",
    );
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    let run = t.run_ok(&["history", "tern", "--index", "idx"], 0);
    assert!(
        run.stdout.contains("privacy-policy: 3 versions"),
        "{}",
        run.stdout
    );
    let latest = search(&t, "logs", &["--as-of", "2021-06"]);
    let texts: Vec<String> = latest.hits().into_iter().map(|h| h.text).collect();
    assert_eq!(texts, ["We keep logs for two years."]);
    // The version read as `other` is indexed as its folder's privacy policy: its unchanged
    // clauses are the other versions' clauses (each version changes its title and period).
    let sell = search(&t, "never sell", &["--kind", "privacy-policy"]).hits();
    assert_eq!(sell.len(), 1, "{sell:#?}");
    assert_eq!(
        (sell[0].kind.as_str(), sell[0].documents),
        ("privacy-policy", 3)
    );
    let run = t.run_ok(&["history", "tern", "--index", "idx", "--json"], 0);
    let changed: Vec<(u64, u64)> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| {
            let n = |k: &str| v["data"][k].as_u64().unwrap();
            (n("added"), n("removed"))
        })
        .collect();
    assert_eq!(changed, [(4, 0), (2, 2), (2, 2)], "{}", run.stdout);
}

#[test]
fn added_since_removed_and_current_select_clauses_by_their_history() {
    let t = corpus();
    let texts = |query: &str, args: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = search(&t, query, args)
            .hits()
            .into_iter()
            .map(|h| h.text)
            .collect();
        v.sort();
        v
    };
    // First seen 2020-07-01: added since June 2020, not since 2021.
    let crash = "We share crash reports with our hosting provider.";
    assert_eq!(
        texts("crash reports", &["--added-since", "2020-06"]),
        [crash]
    );
    assert!(texts("crash reports", &["--added-since", "2021"]).is_empty());
    // Kestrel's 12-month clause (2020) is older; Plover's 3-month one first came in 2022.
    assert_eq!(
        texts("access logs", &["--added-since", "2021"]),
        [
            "We keep access logs for 24 months.",
            "We keep access logs for 3 months."
        ]
    );
    // Gone from the latest versions, and still there.
    assert_eq!(
        texts("access logs", &["--removed"]),
        [
            "We keep access logs for 12 months.",
            "We keep access logs for 6 months."
        ]
    );
    assert_eq!(
        texts("weekly digest", &["--removed"]),
        ["We send a weekly digest by email."]
    );
    let current = search(&t, "\"24 months\"", &["--current"]);
    let h = &current.hits()[0];
    // --current keeps the clause's whole history; --latest would count one version.
    assert_eq!(
        (h.documents, h.first_seen.as_deref()),
        (3, Some("2021-03-01T08:00:00Z"))
    );
    assert!(texts("access logs", &["--current"])
        .contains(&"Our staff review access logs every week.".to_owned()));
    assert!(!texts("access logs", &["--current"])
        .contains(&"We keep access logs for 12 months.".to_owned()));
    // Combined with --latest and counted.
    let run = search(
        &t,
        "access logs",
        &["--added-since", "2021", "--latest", "--facets"],
    );
    assert_eq!(run.summary().total_hits, 2);
    let bad = t.run(&["search", "x", "--index", "idx", "--current", "--removed"]);
    assert_eq!(bad.code, 2);
}

#[test]
fn queries_from_a_file_answer_as_single_searches_do() {
    let t = corpus();
    t.write(
        "q.jsonl",
        concat!(
            "{\"query\": \"access logs\", \"id\": 7}\n",
            "\n",
            "{\"query\": \"crash reports\", \"company\": \"kestrel\", \"limit\": 1}\n",
            "{\"query\": \"logs\", \"topic\": [\"nope\"]}\n",
            "not json\n",
        ),
    );
    let run = t.run(&[
        "search",
        "--queries",
        "q.jsonl",
        "--index",
        "idx",
        "--latest",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("q.jsonl:4: unknown topic 'nope'"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("q.jsonl:5: not a query object"),
        "{}",
        run.stderr
    );
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["result", "result", "error", "error"]);
    assert_eq!(lines[2]["data"]["line"], 4);
    // Each result is what `search --json` gives for the same query and flags.
    for (line, args) in [
        (&lines[0], vec!["access logs"]),
        (
            &lines[1],
            vec!["crash reports", "--company", "kestrel", "--limit", "1"],
        ),
    ] {
        let mut full = vec!["search"];
        full.extend(args);
        full.extend(["--index", "idx", "--latest", "--json"]);
        let single = t.run_ok(&full, 0);
        let want: Vec<(String, usize)> = single
            .hits()
            .into_iter()
            .map(|h| (h.path, h.start))
            .collect();
        let got: Vec<(String, usize)> = line["data"]["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                let hit: HitMsg = serde_json::from_value(h.clone()).unwrap();
                (hit.path, hit.start)
            })
            .collect();
        assert_eq!(got, want);
        assert_eq!(line["data"]["total_hits"], single.summary().total_hits);
        assert_eq!(line["data"]["count"], "clauses");
    }
    assert_eq!(lines[0]["data"]["id"], 7);
    assert_eq!(lines[0]["data"]["line"], 1);
    // From stdin, every line good: exit 0.
    let out = assert_cmd::Command::cargo_bin("polsearch")
        .unwrap()
        .current_dir(t.path())
        .args(["search", "--queries", "-", "--index", "idx"])
        .write_stdin("{\"query\": \"never sell\"}\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("We never sell your data."));
    // A query and --queries together are a usage error; neither lists every clause.
    assert_eq!(
        t.run(&["search", "x", "--queries", "q.jsonl", "--index", "idx"])
            .code,
        2
    );
    assert_eq!(t.run(&["search", "--index", "idx"]).code, 0);
    let missing = t.run(&["search", "--queries", "nope.jsonl", "--index", "idx"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nope.jsonl"), "{}", missing.stderr);
}

/// Heron's privacy policy in English, with a French translation captured once between two
/// English versions and a Spanish one captured last (as crawlers catch them: the site
/// served another language that day). The policy is written by this test.
fn translated_corpus() -> TestDir {
    let t = TestDir::new();
    let english = |updated: &str, months: u32| {
        format!(
            "# Heron Privacy Policy\n\nLast updated: {updated}\n\n## Retention\n\nWe keep your messages for {months} months and then delete them.\n\n## Sharing\n\nWe do not sell your personal information to anyone.\n"
        )
    };
    let french = "# Politique de confidentialité de Heron\n\nDernière mise à jour : 5 janvier 2021\n\n## Conservation\n\nNous conservons vos messages pendant six mois, puis nous les supprimons de nos serveurs.\n\n## Partage\n\nNous ne vendons pas vos informations personnelles et nous ne les louons pas non plus.\n";
    let spanish = "# Política de privacidad de Heron\n\nÚltima actualización: 10 de enero de 2022\n\n## Conservación\n\nConservamos sus mensajes durante doce meses y luego los eliminamos de nuestros servidores.\n\n## Compartir\n\nNo vendemos su información personal y tampoco la alquilamos a nadie.\n";
    t.write(
        "c/Heron/2021-01-10T080000Z.md",
        english("January 5, 2021", 6),
    );
    t.write(
        "c/Heron/2021-06-10T080000Z.md",
        english("January 5, 2021", 6),
    );
    t.write("c/Heron/2021-09-10T080000Z.md", french);
    t.write(
        "c/Heron/2022-01-10T080000Z.md",
        english("January 10, 2022", 12),
    );
    t.write("c/Heron/2022-06-10T080000Z.md", spanish);
    t.write("c/polsearch.csv", "path,company,kind,date\nHeron,Heron,,\n");
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    t
}

/// `history COMPANY --json` (and `args`) as version messages.
fn history_rows(t: &TestDir, company: &str, args: &[&str]) -> Vec<VersionMsg> {
    let mut full = vec!["history", company, "--index", "idx", "--json"];
    full.extend_from_slice(args);
    t.run_ok(&full, 0)
        .stdout
        .lines()
        .map(|l| {
            let HistoryMsg::Version(v) = serde_json::from_str(l).unwrap();
            v
        })
        .collect()
}

/// A translation is a policy of its own: the English versions are compared with each other
/// (not with the French page captured between them), the Spanish page captured last is not
/// the latest version of the English policy, and each language can be asked for alone.
#[test]
fn a_translation_is_a_policy_of_its_own() {
    let t = translated_corpus();
    let rows = history_rows(&t, "heron", &[]);
    let in_lang =
        |lang: &str| -> Vec<&VersionMsg> { rows.iter().filter(|r| r.lang == lang).collect() };
    let (en, fr, es) = (in_lang("en"), in_lang("fr"), in_lang("es"));
    assert_eq!(
        (en.len(), fr.len(), es.len(), rows.len()),
        (3, 1, 1, 5),
        "{rows:?}"
    );
    // The third English version is compared with the second, across the French capture:
    // its stated date and its period changed, nothing else.
    assert_eq!(
        en[2].previous.as_deref(),
        Some("c/Heron/2021-06-10T080000Z.md")
    );
    assert_eq!((en[2].added, en[2].removed), (2, 2), "{:?}", en[2]);
    assert_eq!(
        en[2].retention,
        Some(PeriodMsg {
            from: vec!["6 months".into()],
            to: vec!["12 months".into()]
        })
    );
    // A translation's first capture is its policy's first version.
    assert_eq!(fr[0].previous, None);
    assert_eq!(fr[0].added, fr[0].clauses);
    assert_eq!(es[0].path, "c/Heron/2022-06-10T080000Z.md");

    let human = t.run_ok(&["history", "heron", "--index", "idx"], 0).stdout;
    for header in [
        "Heron, privacy-policy, English: 3 versions",
        "Heron, privacy-policy, French: 1 version",
        "Heron, privacy-policy, Spanish: 1 version",
    ] {
        assert!(human.contains(header), "{header}:\n{human}");
    }
    // A span that shows the English versions alone still names their language.
    let span = t
        .run_ok(
            &[
                "history", "heron", "--index", "idx", "--since", "2021-12", "--until", "2022-02",
            ],
            0,
        )
        .stdout;
    assert!(
        span.contains("Heron, privacy-policy, English: 1 version"),
        "{span}"
    );
    // Three policies: English, French and Spanish.
    let stats = t.run_ok(&["stats", "--index", "idx", "--json"], 0);
    let v: serde_json::Value = serde_json::from_str(stats.stdout.trim()).unwrap();
    assert_eq!(v["data"]["policies"], 3);
    let french = history_rows(&t, "heron", &["--lang", "fr"]);
    assert_eq!(french.len(), 1);
    assert_eq!(french[0].path, "c/Heron/2021-09-10T080000Z.md");
    let bad = t.run(&["history", "heron", "--index", "idx", "--lang", "xx"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("xx"), "{}", bad.stderr);

    // The latest version of each policy: the English one of 2022-01 as well as the Spanish
    // page captured after it (before, the Spanish page was the only latest version).
    let latest = search(&t, "messages", &["--latest"]);
    let hits = latest.hits();
    let paths: Vec<&str> = hits.iter().map(|h| h.path.as_str()).collect();
    assert!(
        paths.contains(&"c/Heron/2022-01-10T080000Z.md"),
        "{paths:?}"
    );
    // (The French page is the latest version of the French policy, and says "messages" too.)
    let english: Vec<&str> = hits
        .iter()
        .filter(|h| h.lang == "en")
        .map(|h| h.path.as_str())
        .collect();
    assert_eq!(english, ["c/Heron/2022-01-10T080000Z.md"]);
    let spanish = search(&t, "mensajes", &["--latest"]);
    let hits = spanish.hits();
    assert_eq!(hits.len(), 1, "{}", spanish.stdout);
    assert_eq!(hits[0].path, "c/Heron/2022-06-10T080000Z.md");

    // A diff by date compares the English versions current at both dates, and names the
    // language of the French one.
    let (changes, summary) = diff_json(
        &t,
        &[
            "heron", "--from", "2021-07", "--to", "2022-03", "--lang", "en",
        ],
        0,
    );
    assert_eq!(
        (summary.from.as_str(), summary.to.as_str()),
        (
            "c/Heron/2021-06-10T080000Z.md",
            "c/Heron/2022-01-10T080000Z.md"
        )
    );
    assert_eq!(summary.lang.as_deref(), Some("en"));
    assert_eq!(
        (summary.modified, summary.added, summary.removed),
        (2, 0, 0),
        "{changes:?}"
    );
    let all = t.run_ok(
        &[
            "diff", "heron", "--from", "2021-07", "--to", "2022-03", "--index", "idx",
        ],
        0,
    );
    assert!(all.stdout.contains("(privacy-policy)"), "{}", all.stdout);
    assert!(
        all.stderr.contains("privacy-policy, French"),
        "{}",
        all.stderr
    );
}

/// A failed capture between two versions (a "Loading" page) is flagged as partial, and the
/// version after it is compared with the one before it: no whole-policy removal and return.
#[test]
fn a_partial_capture_is_flagged_and_passed_over() {
    let t = TestDir::new();
    let policy = |extra: bool| {
        let mut s = String::from("# Wren Privacy Policy\n\n");
        for i in 1..=24 {
            s.push_str(&format!(
                "We describe practice number {i} of our service in this paragraph.\n\n"
            ));
        }
        if extra {
            s.push_str("We now also send a monthly newsletter to subscribers.\n");
        }
        s
    };
    t.write("c/Wren/2022-01-10T080000Z.md", policy(false));
    t.write(
        "c/Wren/2022-02-10T080000Z.md",
        "# Wren Privacy Policy\n\nLoading\n",
    );
    t.write("c/Wren/2022-03-10T080000Z.md", policy(true));
    t.write("c/polsearch.csv", "path,company,kind,date\nWren,Wren,,\n");
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    let rows = history_rows(&t, "wren", &[]);
    assert_eq!(rows.len(), 3, "{rows:?}");
    let flags: Vec<bool> = rows.iter().map(|r| r.partial).collect();
    assert_eq!(flags, [false, true, false]);
    assert_eq!(
        rows[2].previous.as_deref(),
        Some("c/Wren/2022-01-10T080000Z.md")
    );
    assert_eq!((rows[2].added, rows[2].removed), (1, 0), "{:?}", rows[2]);
    let human = t.run_ok(&["history", "wren", "--index", "idx"], 0).stdout;
    assert!(
        human.contains("partial capture: 2 clauses against 25 before and 26 after"),
        "{human}"
    );
    // The policy as of the partial capture's date is the whole version before it.
    let as_of = search(&t, "practice", &["--as-of", "2022-02-20"]);
    assert_eq!(as_of.code, 0, "{}", as_of.stderr);
    assert!(
        as_of
            .hits()
            .iter()
            .all(|h| h.path == "c/Wren/2022-01-10T080000Z.md"),
        "{}",
        as_of.stdout
    );
    // A span that starts after the partial capture still compares with the full version.
    let span = history_rows(&t, "wren", &["--since", "2022-03"]);
    assert_eq!(
        span[0].previous.as_deref(),
        Some("c/Wren/2022-01-10T080000Z.md")
    );
    // A diff from a date whose capture is partial compares the whole version before it.
    let (changes, summary) = diff_json(&t, &["wren", "--from", "2022-02-15"], 0);
    assert_eq!(
        (summary.from.as_str(), summary.to.as_str()),
        (
            "c/Wren/2022-01-10T080000Z.md",
            "c/Wren/2022-03-10T080000Z.md"
        )
    );
    assert_eq!((summary.added, summary.removed), (1, 0), "{changes:?}");
    let run = t.run_ok(
        &["diff", "wren", "--from", "2022-02-15", "--index", "idx"],
        0,
    );
    assert!(
        run.stderr
            .contains("the capture of 2022-02-10T08:00:00Z is partial"),
        "{}",
        run.stderr
    );
}

/// `diff --topic` keeps the changes to clauses on the topic in either version, and counts
/// the others; `history --topic` the versions that changed such clauses.
#[test]
fn diff_and_history_on_a_topic_keep_the_changes_to_its_clauses() {
    let t = TestDir::new();
    t.write(
        "c/Tern/2022-01-10T080000Z.md",
        "# Tern Privacy Policy\n\n## How long we keep data\n\nWe keep chat transcripts for 6 months.\n\n## Newsletter\n\nWe send a newsletter every week.\n\nWe use cookies to remember your language.\n",
    );
    t.write(
        "c/Tern/2023-01-10T080000Z.md",
        "# Tern Privacy Policy\n\n## How long we keep data\n\nWe keep chat transcripts for 18 months.\n\n## Newsletter\n\nWe send a newsletter every month.\n\nWe share your address with the couriers who deliver your orders.\n",
    );
    t.write("c/polsearch.csv", "path,company,kind,date\nTern,Tern,,\n");
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    let (all, summary) = diff_json(&t, &["tern"], 0);
    assert!(summary.topics.is_empty());
    assert_eq!(summary.left_out, 0);
    let (kept, summary) = diff_json(&t, &["tern", "--topic", "data-retention"], 0);
    assert_eq!(kept.len(), 1, "{kept:#?}");
    let to = kept[0].to.as_ref().unwrap();
    assert_eq!(to.text, "We keep chat transcripts for 18 months.");
    assert_eq!(summary.topics, ["data-retention"]);
    assert_eq!(summary.left_out, all.len() - 1);
    assert_eq!(summary.modified, 1);
    // Topics OR; a clause that lost or gained the topic counts on either side.
    let (either, _) = diff_json(
        &t,
        &[
            "tern",
            "--topic",
            "data-retention",
            "--topic",
            "third-party-sharing",
        ],
        0,
    );
    assert!(either.len() > kept.len(), "{either:#?}");
    assert!(either
        .iter()
        .any(|c| c.to.as_ref().is_some_and(|s| s.text.contains("couriers"))));
    let human = t.run_ok(
        &[
            "diff",
            "tern",
            "--topic",
            "data-retention",
            "--index",
            "idx",
        ],
        0,
    );
    assert!(
        human.stdout.contains(&format!(
            "0 added, 0 removed, 1 modified, 0 moved on data-retention ({} other changes left out)",
            all.len() - 1
        )),
        "{}",
        human.stdout
    );
    // No change on a topic: exit 1.
    let (none, _) = diff_json(&t, &["tern", "--topic", "do-not-track"], 1);
    assert!(none.is_empty());
    let bad = t.run(&["diff", "tern", "--topic", "retention", "--index", "idx"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("unknown topic 'retention'"),
        "{}",
        bad.stderr
    );
    // A third version changes the newsletter alone: history on retention leaves it out.
    t.write(
        "c/Tern/2024-01-10T080000Z.md",
        "# Tern Privacy Policy\n\n## How long we keep data\n\nWe keep chat transcripts for 18 months.\n\n## Newsletter\n\nWe send a newsletter every month, on the first Monday.\n\nWe share your address with the couriers who deliver your orders.\n",
    );
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    assert_eq!(history_rows(&t, "tern", &[]).len(), 3);
    let rows = history_rows(&t, "tern", &["--topic", "data-retention"]);
    let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "c/Tern/2022-01-10T080000Z.md",
            "c/Tern/2023-01-10T080000Z.md"
        ]
    );
    let human = t.run_ok(
        &[
            "history",
            "tern",
            "--topic",
            "data-retention",
            "--index",
            "idx",
        ],
        0,
    );
    assert!(
        human
            .stderr
            .contains("only the versions that added or removed clauses on data-retention (2 of 3"),
        "{}",
        human.stderr
    );
    assert!(
        human.stdout.contains("data-retention +1 -1"),
        "{}",
        human.stdout
    );
    t.run_ok(
        &[
            "history",
            "tern",
            "--topic",
            "do-not-track",
            "--index",
            "idx",
        ],
        1,
    );
}

/// A policy's last capture that is a small part of the whole version before it (a login
/// screen, an error page) is flagged, and `--latest` and `diff` take the version before it.
#[test]
fn a_partial_last_capture_is_not_the_latest_version() {
    let t = TestDir::new();
    let mut policy = String::from("# Pipit Privacy Policy\n\n");
    for i in 1..=24 {
        policy.push_str(&format!(
            "We keep the records of activity number {i} for three years.\n\n"
        ));
    }
    t.write("c/Pipit/2022-01-10T080000Z.md", &policy);
    t.write(
        "c/Pipit/2022-05-10T080000Z.md",
        policy.replace("number 24 for three years", "number 24 for two years"),
    );
    t.write(
        "c/Pipit/2022-09-10T080000Z.md",
        "# Sign in\n\nSign in or create an account to keep going.\n",
    );
    t.write("c/polsearch.csv", "path,company,kind,date\nPipit,Pipit,,\n");
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    let rows = history_rows(&t, "pipit", &[]);
    let flags: Vec<bool> = rows.iter().map(|r| r.partial).collect();
    assert_eq!(flags, [false, false, true], "{rows:?}");
    let human = t.run_ok(&["history", "pipit", "--index", "idx"], 0).stdout;
    assert!(
        human.contains("partial capture: 2 clauses against 25 before, the last capture"),
        "{human}"
    );
    // The latest version is the whole one before the sign-in page.
    let latest = search(&t, "records", &["--latest"]);
    assert_eq!(latest.code, 0, "{}", latest.stderr);
    let paths: Vec<String> = latest.hits().into_iter().map(|h| h.path).collect();
    assert!(!paths.is_empty());
    assert!(
        paths.iter().all(|p| p == "c/Pipit/2022-05-10T080000Z.md"),
        "{paths:?}"
    );
    assert_eq!(search(&t, "sign", &["--latest"]).code, 1);
    // stats counts it.
    let stats = t.run_ok(&["stats", "--index", "idx"], 0).stdout;
    assert!(stats.contains("partial:    1 capture ("), "{stats}");
    assert_eq!(search(&t, "sign", &[]).code, 0);
    // `--current` is what that version holds.
    let current = search(&t, "\"two years\"", &["--current"]);
    assert_eq!(current.hits().len(), 1, "{}", current.stdout);
    // A diff to now compares the whole versions, and says which capture it passed over.
    let (_, summary) = diff_json(&t, &["pipit", "--from", "2022-02"], 0);
    assert_eq!(
        (summary.from.as_str(), summary.to.as_str()),
        (
            "c/Pipit/2022-01-10T080000Z.md",
            "c/Pipit/2022-05-10T080000Z.md"
        )
    );
    let run = t.run_ok(&["diff", "pipit", "--from", "2022-02", "--index", "idx"], 0);
    assert!(
        run.stderr
            .contains("the capture of 2022-09-10T08:00:00Z is partial"),
        "{}",
        run.stderr
    );
}

/// Undated files are documents unless their names differ only in digits: a company's
/// "Privacy Policy.md" and "Parent Organization Privacy Policy.md" (both privacy policies,
/// as OTA's folders hold them) are both current, while "privacy-2019.txt" and
/// "privacy-2020.txt" are two versions of one policy, ordered by their stated dates.
#[test]
fn undated_documents_of_one_kind_are_policies_of_their_own() {
    let t = TestDir::new();
    t.write(
        "c/Finch/Privacy Policy.md",
        "# Finch Privacy Policy\n\nLast updated: March 3, 2024\n\nWe keep support tickets for two years.\n",
    );
    t.write(
        "c/Finch/Parent Organization Privacy Policy.md",
        "# Finch Group Privacy Policy\n\nLast updated: May 5, 2021\n\nWe keep payroll records for seven years.\n",
    );
    t.write(
        "c/Lark/privacy-2019.txt",
        "Lark privacy policy\n\nLast updated: June 1, 2019\n\nWe keep access logs for 6 months.\n",
    );
    t.write(
        "c/Lark/privacy-2020.txt",
        "Lark privacy policy\n\nLast updated: June 1, 2020\n\nWe keep access logs for 3 months.\n",
    );
    t.run_ok(&["index", "c", "--index", "idx", "-q"], 0);
    let latest = search(&t, "keep", &["--latest"]);
    let mut paths: Vec<String> = latest.hits().into_iter().map(|h| h.path).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "c/Finch/Parent Organization Privacy Policy.md",
            "c/Finch/Privacy Policy.md",
            "c/Lark/privacy-2020.txt",
        ]
    );
    let lark = history_rows(&t, "lark", &[]);
    assert_eq!(lark.len(), 2);
    assert_eq!(lark[1].previous.as_deref(), Some("c/Lark/privacy-2019.txt"));
    let finch = t.run_ok(&["history", "finch", "--index", "idx"], 0).stdout;
    assert!(
        finch.contains("Finch, privacy-policy, Privacy Policy.md: 1 version"),
        "{finch}"
    );
    // A diff by date compares each document with itself, not one with the other.
    let (_, summary) = diff_json(&t, &["finch", "--from", "2024-06"], 1);
    assert_eq!(summary.from, summary.to);
}
