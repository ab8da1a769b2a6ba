//! Incremental re-indexing: only what changed is read again, and the result is the index a
//! fresh rebuild would give.

use crate::harness::{HitMsg, TestDir};
use crate::json::{IndexMsg, IndexSummary};

fn summary(t: &TestDir, args: &[&str]) -> IndexSummary {
    let mut full = vec!["index", "c", "--json"];
    full.extend_from_slice(args);
    let run = t.run_ok(&full, 0);
    let IndexMsg::Summary(s) = serde_json::from_str(run.stdout.trim()).unwrap();
    s
}

/// Files (added, updated, removed, unchanged) in a run's summary.
fn changes(s: &IndexSummary) -> (u64, u64, u64, u64) {
    (s.added, s.updated, s.removed, s.unchanged)
}

fn corpus(t: &TestDir) {
    t.write("c/acme/privacy.txt", "Acme Ltd keeps server logs for 12 months.\n\nWe never sell personal data to brokers or anyone else.\n");
    t.write(
        "c/globex/privacy.md",
        "# Retention\n\nGlobex Inc retains account data for 30 days after closure.\n",
    );
    t.write(
        "c/initech/privacy.html",
        "<h2>Security</h2><p>Initech LLC encrypts personal data at rest and in transit.</p>",
    );
    t.write(
        "c/umbrella/old.txt",
        "Umbrella Corp stores cookies for one year on your device.\n",
    );
}

/// Everything a search shows, order-free: (path, start, end, text, company, topics).
fn results(t: &TestDir, index: &str, query: &str) -> (u64, Vec<String>, Vec<String>) {
    results_with(t, index, query, &[])
}

fn results_with(
    t: &TestDir,
    index: &str,
    query: &str,
    extra: &[&str],
) -> (u64, Vec<String>, Vec<String>) {
    let mut args = vec![
        "search", query, "--index", index, "--json", "--facets", "--limit", "1000",
    ];
    args.extend_from_slice(extra);
    let run = t.run(&args);
    let mut hits: Vec<String> = run
        .hits()
        .iter()
        .map(|h: &HitMsg| {
            format!(
                "{}|{}|{}|{}|{}|{:?}",
                h.path, h.start, h.end, h.text, h.company, h.topics
            )
        })
        .collect();
    hits.sort();
    let mut facets: Vec<String> = ["company", "topic", "kind"]
        .iter()
        .flat_map(|f| {
            run.facet(f)
                .into_iter()
                .map(move |c| format!("{f}:{}={}", c.value, c.count))
        })
        .collect();
    facets.sort();
    (run.summary().total_hits, hits, facets)
}

#[test]
fn add_modify_delete_rename_match_a_fresh_rebuild() {
    let t = TestDir::new();
    corpus(&t);
    let first = summary(&t, &["--index", "idx"]);
    assert_eq!((first.added, first.unchanged), (4, 0));

    let again = summary(&t, &["--index", "idx"]);
    assert_eq!(changes(&again), (0, 0, 0, 4));
    assert_eq!(
        (again.files, again.bytes),
        (0, 0),
        "unchanged files are not read"
    );
    assert_eq!(again.rebuilt, None);

    // Modify, add, delete, rename.
    t.write(
        "c/acme/privacy.txt",
        "Acme Ltd keeps server logs for 6 months only, then deletes them.\n",
    );
    t.write(
        "c/hooli/privacy.txt",
        "Hooli Inc shares personal data with advertising partners.\n",
    );
    std::fs::remove_file(t.path().join("c/initech/privacy.html")).unwrap();
    std::fs::rename(
        t.path().join("c/umbrella/old.txt"),
        t.path().join("c/umbrella/new.txt"),
    )
    .unwrap();
    let update = summary(&t, &["--index", "idx"]);
    assert_eq!(
        changes(&update),
        (2, 1, 2, 1),
        "new hooli and renamed umbrella added; acme updated; initech and old umbrella removed"
    );

    let fresh = summary(&t, &["--index", "fresh"]);
    assert_eq!(fresh.rebuilt.as_deref(), Some("new index"));
    for query in [
        "personal data",
        "logs months",
        "cookies",
        "retains",
        "encrypts",
    ] {
        assert_eq!(
            results(&t, "idx", query),
            results(&t, "fresh", query),
            "{query}"
        );
    }
    let gone = t.run(&["search", "encrypts", "--index", "idx", "--json"]);
    assert_eq!(gone.code, 1, "the deleted file's clauses are gone");
}

/// Versions of one policy share a group (and clause documents): changing, deleting or
/// adding a version rewrites the group, and the result is still what a rebuild gives.
#[test]
fn versions_changed_deleted_and_added_match_a_fresh_rebuild() {
    let t = TestDir::new();
    let shared = "We keep server logs for 12 months.";
    t.write(
        "c/acme/2019-01-01.txt",
        format!("Acme Ltd privacy policy.\n\n{shared}\n\nWe sell nothing.\n"),
    );
    t.write(
        "c/acme/2020-06-01.txt",
        format!("Acme Ltd privacy policy.\n\nCookies help us.\n\n{shared}\n"),
    );
    t.write(
        "c/acme/2021-03-01.txt",
        format!("Acme Ltd privacy policy.\n\n\n{shared}\n\nWe sell nothing.\n"),
    );
    t.write(
        "c/globex/2021-05-01.txt",
        format!("Globex Inc privacy policy.\n\n{shared}\n"),
    );
    let first = summary(&t, &["--index", "idx"]);
    assert_eq!(first.added, 4);

    t.write(
        "c/acme/2020-06-01.txt",
        "Acme Ltd privacy policy.\n\nCookies help us. Server logs go after 6 months.\n",
    );
    std::fs::remove_file(t.path().join("c/acme/2019-01-01.txt")).unwrap();
    t.write(
        "c/acme/2022-01-01.txt",
        format!("Acme Ltd privacy policy.\n\n{shared}\n\nWe sell nothing at all.\n"),
    );
    let update = summary(&t, &["--index", "idx"]);
    assert_eq!(changes(&update), (1, 1, 1, 2));
    assert_eq!(
        update.files, 2,
        "only the changed and the new version are read; the group's other clauses come from the index"
    );
    let fresh = summary(&t, &["--index", "fresh"]);
    assert_eq!(fresh.added, 4);
    for (query, extra) in [
        ("server logs", &[][..]),
        ("sell nothing", &[][..]),
        ("privacy policy", &[][..]),
        ("server logs", &["--since", "2021-01-01"][..]),
        ("cookies", &["--until", "2020-12-31"][..]),
    ] {
        let (total, hits, facets) = results_with(&t, "idx", query, extra);
        assert!(total > 0, "{query} {extra:?}");
        assert_eq!(
            (total, hits, facets),
            results_with(&t, "fresh", query, extra),
            "{query} {extra:?}"
        );
    }
    let (_, hits, _) = results(&t, "idx", "server logs");
    assert!(
        hits.iter().all(|h| !h.contains("2019-01-01")),
        "the deleted version's clauses are gone: {hits:?}"
    );
}

#[test]
fn touched_files_are_hashed_not_reindexed_and_rebuild_forces() {
    let t = TestDir::new();
    corpus(&t);
    summary(&t, &["--index", "idx"]);
    // Same bytes, new modification time.
    let p = t.path().join("c/acme/privacy.txt");
    let bytes = std::fs::read(&p).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&p, bytes).unwrap();
    let s = summary(&t, &["--index", "idx"]);
    assert_eq!((s.added, s.updated, s.unchanged), (0, 0, 4));
    let s = summary(&t, &["--index", "idx", "--rebuild"]);
    assert_eq!((s.added, s.unchanged), (4, 0));
    assert!(s.rebuilt.is_some());
}

#[test]
fn a_changed_layout_rebuilds_so_companies_stay_right() {
    let t = TestDir::new();
    t.write(
        "c/only/a.txt",
        "Zeta Ltd keeps logs for a month and then deletes them.\n",
    );
    t.write(
        "c/only/b.txt",
        "Eta Inc keeps logs for a year and then deletes them.\n",
    );
    summary(&t, &["--index", "idx"]);
    let companies = |t: &TestDir| -> Vec<String> {
        let mut c: Vec<String> = t
            .run(&["search", "logs", "--index", "idx", "--json"])
            .hits()
            .into_iter()
            .map(|h| h.company)
            .collect();
        c.sort();
        c
    };
    assert_eq!(
        companies(&t),
        vec!["Eta Inc", "Zeta Ltd"],
        "a lone folder is no company"
    );
    t.write(
        "c/other/c.txt",
        "Theta keeps nothing at all about anybody.\n",
    );
    let s = summary(&t, &["--index", "idx"]);
    assert!(
        s.rebuilt.as_deref().is_some_and(|w| w.contains("layout")),
        "{:?}",
        s.rebuilt
    );
    assert_eq!(companies(&t), vec!["only", "only"]);
}

/// The metadata file of the live generation of the index folder `index`.
fn live_meta(t: &TestDir, index: &str) -> std::path::PathBuf {
    let current = std::fs::read_to_string(t.path().join(index).join("CURRENT")).unwrap();
    t.path()
        .join(index)
        .join(current.trim())
        .join("polsearch.json")
}

/// Rewrite the metadata of the index folder `index` as another build of polsearch would
/// have sealed it: with that build's analysis fingerprint, or (`None`) with none, as builds
/// before the fingerprint was recorded wrote it.
fn from_another_build(t: &TestDir, index: &str, fingerprint: Option<&str>) {
    let meta_path = live_meta(t, index);
    let mut meta: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    assert!(meta.contains_key("analysis"), "{meta:?}");
    // (`remove` would move the last field into its place.)
    meta.shift_remove("checksum");
    match fingerprint {
        Some(f) => {
            meta.insert("analysis".into(), f.into());
        }
        None => {
            meta.shift_remove("analysis");
        }
    }
    let unsealed = serde_json::to_vec_pretty(&meta).unwrap();
    meta.insert(
        "checksum".into(),
        xxhash_rust::xxh3::xxh3_64(&unsealed).into(),
    );
    std::fs::write(&meta_path, serde_json::to_vec_pretty(&meta).unwrap()).unwrap();
}

/// An index written by a polsearch of another schema (an upgrade): a search fails naming the
/// command that rebuilds it, and that command (`index` on its folder) builds it anew, saying
/// why; the old index stays readable until then.
#[test]
fn an_incompatible_index_says_to_rebuild() {
    let t = TestDir::new();
    corpus(&t);
    summary(&t, &["--index", "idx"]);
    let meta_path = live_meta(&t, "idx");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    let old = meta.replacen("\"schema_version\": ", "\"schema_version\": 9", 1);
    std::fs::write(&meta_path, old).unwrap();
    let run = t.run(&["search", "logs", "--index", "idx"]);
    assert_eq!(run.code, 2);
    assert!(
        // The command names this index and the folder it was built from.
        run.stderr
            .contains("rebuild it with `polsearch index c --index idx`"),
        "{}",
        run.stderr
    );
    let s = summary(&t, &["--index", "idx"]);
    assert_eq!(s.added, 4);
    assert!(
        s.rebuilt
            .as_deref()
            .is_some_and(|w| w.contains("written by another polsearch (schema 9")),
        "{:?}",
        s.rebuilt
    );
    t.run_ok(&["search", "logs", "--index", "idx"], 0);
    let s = summary(&t, &["--index", "idx", "--rebuild"]);
    assert_eq!(s.added, 4);
}

/// An index analysed by another build of polsearch (an upgrade: other segmentation, topic,
/// retention or company rules) is analysed again by the next `polsearch index`, and a search
/// on it says so meanwhile; metadata written before the fingerprint was recorded reads as
/// whole, not as damage.
#[test]
fn an_index_from_another_analysis_is_analysed_again() {
    for fingerprint in [Some("0000000000000000"), None] {
        let t = TestDir::new();
        corpus(&t);
        summary(&t, &["--index", "idx"]);
        from_another_build(&t, "idx", fingerprint);

        let run = t.run_ok(&["search", "logs", "--index", "idx"], 0);
        assert!(
            run.stderr
                .contains("analysed by another build of polsearch"),
            "{}",
            run.stderr
        );
        // (The command it names refreshes this index, not the default one.)
        assert!(
            run.stderr
                .contains("until `polsearch index c --index idx` "),
            "{}",
            run.stderr
        );
        let s = summary(&t, &["--index", "idx"]);
        assert_eq!(changes(&s), (4, 0, 0, 0));
        assert!(
            s.rebuilt
                .as_deref()
                .is_some_and(|w| w.contains("another build of polsearch")),
            "{:?}",
            s.rebuilt
        );
        let run = t.run_ok(&["search", "logs", "--index", "idx"], 0);
        assert!(!run.stderr.contains("another build"), "{}", run.stderr);
        assert_eq!(changes(&summary(&t, &["--index", "idx"])), (0, 0, 0, 4));
    }
}

/// The default index (`index/`, the one the README's first command builds) is analysed again
/// by the first search after an upgrade, from the folder it was built from.
#[test]
fn the_default_index_is_analysed_again_before_a_search() {
    let t = TestDir::new();
    corpus(&t);
    t.run_ok(&["index", "c", "--quiet"], 0);
    from_another_build(&t, "index", Some("0000000000000000"));
    let run = t.run_ok(&["search", "logs"], 0);
    assert!(
        run.stderr.contains("indexing 'c' again first"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
    // It is up to date now: the next run reads nothing again.
    let s = summary(&t, &[]);
    assert_eq!(changes(&s), (0, 0, 0, 4));
}

/// The default index written by a polsearch of another schema is built anew by the first
/// search, from the folder it was built from (the one named with `--index` is the user's to
/// rebuild: `an_incompatible_index_says_to_rebuild`).
#[test]
fn the_default_index_of_another_schema_is_built_anew_before_a_search() {
    let t = TestDir::new();
    corpus(&t);
    t.run_ok(&["index", "c", "--quiet"], 0);
    let meta_path = live_meta(&t, "index");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    std::fs::write(
        &meta_path,
        meta.replacen("\"schema_version\": ", "\"schema_version\": 9", 1),
    )
    .unwrap();
    let run = t.run_ok(&["search", "logs"], 0);
    assert!(
        run.stderr.contains("indexing 'c' anew first"),
        "{}",
        run.stderr
    );
    let s = summary(&t, &[]);
    assert_eq!(changes(&s), (0, 0, 0, 4));
}

/// A version that renames the title, added before or after the versions indexed, gives the
/// clauses under it the sections a fresh build gives: each occurrence its own heading.
#[test]
fn renamed_headings_added_either_side_match_a_fresh_rebuild() {
    let t = TestDir::new();
    let version = |file: &str, title: &str| {
        t.write(
            &format!("c/acme/{file}.md"),
            format!("# {title}\n\nWe keep server logs for 12 months.\n\nWe sell nothing.\n"),
        );
    };
    version("2021-01-01", "Acme Privacy");
    t.write("c/globex/2021-01-01.md", "Globex Inc sells nothing.\n");
    summary(&t, &["--index", "idx"]);
    version("2020-01-01", "Acme Data Policy");
    version("2022-01-01", "Acme Privacy Notice");
    let update = summary(&t, &["--index", "idx"]);
    assert_eq!(changes(&update), (2, 0, 0, 2));
    summary(&t, &["--index", "fresh"]);
    let shown = |index: &str, extra: &[&str]| {
        let mut args = vec!["search", "server logs", "--index", index, "--json"];
        args.extend_from_slice(extra);
        let mut hits: Vec<String> = t
            .run_ok(&args, 0)
            .hits()
            .iter()
            .map(|h| {
                format!(
                    "{}|{}|{}|{}|{:?}",
                    h.path, h.start, h.section, h.documents, h.topics
                )
            })
            .collect();
        hits.sort();
        hits
    };
    for extra in [
        &[][..],
        &["--occurrences"],
        &["--as-of", "2021-06"],
        &["--as-of", "2020-06"],
    ] {
        let idx = shown("idx", extra);
        assert_eq!(idx, shown("fresh", extra), "{extra:?}");
        assert_eq!(
            idx.len(),
            if extra.is_empty() || extra[0] == "--as-of" {
                1
            } else {
                3
            }
        );
    }
    assert!(shown("idx", &[])[0].contains("|Acme Privacy Notice|3|"));
}
