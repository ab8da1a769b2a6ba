//! Pruned ranking against the full ranking, on a real corpus.
//!
//! Pages are found with block-max pruning (`polsearch::search::rank`). On a real index, with real
//! ties (boilerplate recurs across policies) and segments of different average clause
//! lengths, every page must equal the head of the unpruned ranking, and the same search
//! must give the same page every time.

use polsearch::corpus::CompanyFrom;
use polsearch::index::indexer::{self, IndexOptions};
use polsearch::index::schema;
use polsearch::index::store::Store;
use polsearch::progress::Silent;
use polsearch::search::rank::{self, Leaf, Shape};
use tantivy::{DocAddress, Index};

use crate::harness::{shared, TestDir};

/// Stems of words policies use a lot (and some they do not).
const WORDS: &[&str] = &[
    "inform", "data", "person", "use", "share", "third", "parti", "cooki", "collect", "servic",
    "right", "access", "delet", "retain", "month", "year", "secur", "contact", "email", "address",
    "law", "child", "advertis", "locat", "devic", "account", "consent", "polici", "chang",
    "partner", "transfer", "period", "track", "ip", "biometr", "arbitr",
];

#[test]
fn pruned_pages_equal_the_full_ranking_on_the_ota_corpus() {
    let Some(shared) = shared() else { return };
    let t = TestDir::new();
    let dir = t.path().join("idx");
    let opts = IndexOptions {
        corpus: shared.join("corpus").join("ota"),
        index_dir: dir.clone(),
        threads: 2,
        company_from: CompanyFrom::Auto,
        rebuild: false,
    };
    indexer::build(&opts, &Silent).expect("index the OTA corpus");
    let generation = Store::new(&dir).require_current().expect("an index");
    let index = Index::open_in_dir(&generation).expect("open");
    schema::register(&index);
    let searcher = index.reader().expect("reader").searcher();
    let fields = schema::fields_of(&index.schema()).expect("fields");
    let leaves_of = |words: &[&str]| -> Vec<Leaf> {
        words
            .iter()
            .flat_map(|w| rank::word_leaves(fields.text, fields.section, w, 0.3))
            .collect()
    };
    let addrs = |ranked: Vec<rank::Ranked>| -> Vec<DocAddress> {
        ranked.into_iter().map(|r| r.addr).collect()
    };
    let mut queries: Vec<Vec<&str>> = WORDS.iter().map(|w| vec![*w]).collect();
    queries.extend(WORDS.windows(2).map(<[&str]>::to_vec));
    queries.extend(WORDS.windows(3).step_by(3).map(<[&str]>::to_vec));
    let mut pages = 0;
    for words in &queries {
        let leaves = leaves_of(words);
        let query = rank::union_query(&leaves);
        let full = addrs(
            rank::top_k(
                &searcher,
                &query,
                Shape::Words(&leaves),
                usize::MAX / 2,
                None,
            )
            .unwrap(),
        );
        for k in [1, 3, 10, 30] {
            let want: Vec<DocAddress> = full.iter().take(k).copied().collect();
            for _ in 0..2 {
                let got =
                    addrs(rank::top_k(&searcher, &query, Shape::Words(&leaves), k, None).unwrap());
                assert_eq!(got, want, "{words:?} k={k}");
                pages += 1;
            }
        }
    }
    // One-phrase queries are pruned by the union of their terms.
    for words in [
        ["third", "parti"],
        ["person", "data"],
        ["do", "not"],
        ["opt", "out"],
    ] {
        let query = rank::phrase_query(fields.text, fields.section, &words, 0.3);
        let bound = leaves_of(&words);
        let full =
            addrs(rank::top_k(&searcher, &query, Shape::Other, usize::MAX / 2, None).unwrap());
        assert!(full.len() > 100, "{words:?}");
        for k in [1, 10, 30] {
            let got = addrs(
                rank::top_k(&searcher, &query, Shape::Phrase { bound: &bound }, k, None).unwrap(),
            );
            assert_eq!(got, full[..k], "{words:?} k={k}");
            pages += 1;
        }
    }
    assert!(pages > 500);
}
