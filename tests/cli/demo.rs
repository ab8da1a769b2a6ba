//! The main job on the demo corpus, and the demo corpus itself.

use polsearch::analyze::document::Document;
use polsearch::analyze::topic::LexiconTagger;
use polsearch::corpus::Hints;

use crate::harness::{repo, TestDir};

fn demo_dir() -> TestDir {
    let t = TestDir::new();
    t.copy_dir(&repo().join("corpus"), "corpus");
    t
}

#[test]
fn search_builds_the_default_index_on_first_use() {
    let t = demo_dir();
    let first = t.run_ok(&["search", "retention 12 months", "--json"], 0);
    // --json keeps stderr quiet; a human run announces the build.
    assert!(t.path().join("index/CURRENT").is_file());
    let top = &first.hits()[0];
    assert!(top.text.contains("12 months"), "{}", top.text);
    assert!(top.topics.iter().any(|t| t == "data-retention"), "{top:?}");

    std::fs::remove_dir_all(t.path().join("index")).unwrap();
    let human = t.run_ok(&["search", "retention 12 months"], 0);
    assert!(
        human.stderr.contains("indexing 'corpus' first"),
        "{}",
        human.stderr
    );
    let again = t.run_ok(&["search", "retention 12 months"], 0);
    assert!(!again.stderr.contains("indexing"), "{}", again.stderr);
    assert_eq!(human.stdout.lines().next(), again.stdout.lines().next());
}

#[test]
fn demo_clauses_slice_back_to_their_source() {
    let mut files = 0;
    for entry in walk(&repo().join("corpus")) {
        let raw = std::fs::read(&entry).unwrap();
        let doc = Document::parse(&entry, &raw, &Hints::text(), LexiconTagger::shared())
            .unwrap_or_else(|e| panic!("{}: {e}", entry.display()));
        assert!(doc.clauses.len() >= 8, "{}", entry.display());
        for tc in &doc.clauses {
            let c = &tc.clause;
            let slice =
                std::str::from_utf8(&raw[c.span.start..c.span.end]).expect("char boundaries");
            if entry.extension().is_some_and(|e| e == "txt") {
                assert_eq!(slice, c.text);
            } else {
                assert_words_in_order(&c.text, slice);
            }
        }
        files += 1;
    }
    // Seven documents, and four versions of Fjord Mail's policy.
    assert_eq!(files, 11);
}

/// Every word of the readable text appears, in order, in the raw markup.
pub fn assert_words_in_order(text: &str, raw: &str) {
    let mut rest = raw;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        match rest.find(word) {
            Some(i) => rest = &rest[i + word.len()..],
            None => panic!("word {word:?} of {text:?} not found in order in raw {raw:?}"),
        }
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn demo_covers_topics_and_retention_phrasings() {
    let t = demo_dir();
    t.run_ok(&["index", "--quiet"], 0);
    let all = t.run_ok(
        &["search", "privacy", "--facets", "--json", "--limit", "0"],
        0,
    );
    let companies: Vec<String> = all.facet("company").into_iter().map(|c| c.value).collect();
    assert_eq!(companies.len(), 6, "{companies:?}");
    for phrase in [
        "\"12 months\"",
        "\"one year\"",
        "\"30-day\"",
        "\"six months after you close your account\"",
        "\"twelve (12) months\"",
        "\"seven years\"",
        "indefinitely",
        "\"until you delete your account\"",
    ] {
        let run = t.run_ok(
            &["search", phrase, "--json", "--topic", "data-retention"],
            0,
        );
        assert!(!run.hits().is_empty(), "{phrase}");
    }
    let stats = t.run_ok(&["stats"], 0);
    for topic in [
        "first-party-collection",
        "third-party-sharing",
        "user-choice",
        "user-access",
        "data-retention",
        "data-security",
        "policy-change",
        "do-not-track",
        "specific-audiences",
        "introductory",
        "contact",
    ] {
        assert!(
            stats.stdout.contains(topic),
            "{topic} missing:\n{}",
            stats.stdout
        );
    }
}
