//! The library surface that servers and exports build on: an index kept open across
//! updates, and every clause occurrence without searching.

use std::path::Path;

use polsearch::corpus::CompanyFrom;
use polsearch::index::indexer::{self, IndexOptions};
use polsearch::progress::Silent;
use polsearch::search::{LiveIndex, PolicyIndex, SearchRequest};

use crate::harness::{repo, TestDir};

fn build(corpus: &Path, index: &Path) {
    let opts = IndexOptions {
        corpus: corpus.to_path_buf(),
        index_dir: index.to_path_buf(),
        threads: 2,
        company_from: CompanyFrom::Auto,
        rebuild: false,
    };
    indexer::build(&opts, &Silent).expect("indexes");
}

fn hits(index: &PolicyIndex, query: &str) -> usize {
    let req = SearchRequest {
        query: query.to_owned(),
        limit: 10,
        ..SearchRequest::default()
    };
    index.search(&req).expect("searches").hits.len()
}

#[test]
fn a_live_index_picks_up_a_newly_published_generation() {
    let t = TestDir::new();
    t.write(
        "corpus/Gale Radio/privacy.md",
        "# Privacy\n\nGale Radio Ltd stores listening history for 2 years.\n",
    );
    let (corpus, dir) = (t.path().join("corpus"), t.path().join("idx"));
    build(&corpus, &dir);
    let live = LiveIndex::open(&dir).expect("opens");
    let before = live.get().expect("the index");
    assert_eq!(hits(&before, "podcasts"), 0);
    assert!(
        std::ptr::eq(&*before, &*live.get().expect("the index")),
        "nothing published: the same open index"
    );

    t.write(
        "corpus/Gale Radio/podcasts.md",
        "# Podcasts\n\nGale Radio Ltd keeps podcasts you download for 30 days.\n",
    );
    build(&corpus, &dir);
    let after = live.get().expect("the new generation");
    assert!(hits(&after, "podcasts") > 0);
    // Whoever holds the previous generation still reads it.
    assert_eq!(hits(&before, "podcasts"), 0);
    assert!(hits(&before, "listening") > 0);
}

#[test]
fn an_export_of_occurrences_lists_every_clause_occurrence_in_file_order() {
    let t = TestDir::new();
    t.copy_dir(&repo().join("corpus"), "corpus");
    let (corpus, dir) = (t.path().join("corpus"), t.path().join("idx"));
    build(&corpus, &dir);
    let index = PolicyIndex::open(&dir).expect("opens");
    let every = SearchRequest {
        occurrences: true,
        ..Default::default()
    };
    let all: Vec<_> = index
        .export(&every)
        .expect("an iterator")
        .collect::<Result<_, _>>()
        .expect("every occurrence read");
    let stats = index.stats().expect("stats");
    assert_eq!(all.len() as u64, stats.clauses, "one per clause occurrence");
    let files: std::collections::HashSet<&str> = all.iter().map(|h| h.path.as_str()).collect();
    assert_eq!(files.len() as u64, stats.documents);
    for (i, hit) in all.iter().enumerate() {
        assert_eq!(hit.rank, i + 1);
        let source = std::fs::read(&hit.path).expect("the hit's file");
        assert!(
            !hit.span.is_empty() && hit.span.of_bytes(&source).is_some(),
            "{hit:?}"
        );
    }
    // Within a file, in offset order.
    for pair in all.windows(2) {
        if pair[0].path == pair[1].path {
            assert!(
                pair[0].span.start <= pair[1].span.start,
                "{:?}",
                (&pair[0], &pair[1])
            );
        }
    }
    // A plain-text clause is its source's bytes.
    let plain = all
        .iter()
        .find(|h| h.path.ends_with("privacy.txt"))
        .expect("a clause of a .txt file");
    let source = std::fs::read_to_string(&plain.path).expect("text");
    assert_eq!(
        plain.span.of(&source),
        Some(plain.text.as_str()),
        "{plain:?}"
    );
}
