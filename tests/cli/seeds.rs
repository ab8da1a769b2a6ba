//! The five seed policies and the OTA corpus from ../shared (skipped when absent).

use polsearch::analyze::document::Document;
use polsearch::analyze::topic::LexiconTagger;
use polsearch::corpus::Hints;
use polsearch::corpus::{CompanyFrom, Corpus};

use crate::demo::assert_words_in_order;
use crate::harness::{shared, TestDir};

fn parse_seed(name: &str) -> Option<(Vec<u8>, Document)> {
    let path = shared()?.join("corpus/seeds").join(name);
    let raw = std::fs::read(&path).unwrap();
    let doc = Document::parse(&path, &raw, &Hints::text(), LexiconTagger::shared()).unwrap();
    Some((raw, doc))
}

#[test]
fn seed_companies_come_from_the_text() {
    let want = [
        ("000_73f5ac7f79a12568.txt", "WeSecur"),
        ("001_d931458e3c83cc0c.txt", "WEBCLOUD PRO OÜ"),
        ("002_4cfecbb56c2b2a6e.txt", "Wespro Digital Pvt Ltd"),
        ("003_e2513381f95221e1.txt", "unknown"),
        ("004_134d613e581ee2b9.txt", "Wepremium SARL"),
    ];
    for (file, company) in want {
        let Some((_, doc)) = parse_seed(file) else {
            return;
        };
        assert_eq!(doc.company, company, "{file}");
    }
}

#[test]
fn seed_clauses_slice_back_to_their_text() {
    for file in [
        "000_73f5ac7f79a12568.txt",
        "001_d931458e3c83cc0c.txt",
        "002_4cfecbb56c2b2a6e.txt",
        "003_e2513381f95221e1.txt",
        "004_134d613e581ee2b9.txt",
    ] {
        let Some((raw, doc)) = parse_seed(file) else {
            return;
        };
        assert!(doc.clauses.len() > 20, "{file}");
        for tc in &doc.clauses {
            let c = &tc.clause;
            let slice =
                std::str::from_utf8(&raw[c.span.start..c.span.end]).expect("char boundaries");
            if file.starts_with("002") {
                // Markdown in a .txt: the raw span holds the markup around the text.
                assert_words_in_order(&c.text, slice);
            } else {
                assert_eq!(slice, c.text, "{file}");
            }
            assert!(
                c.text.len() <= 1000,
                "{file}: over-long clause {:?}",
                c.text
            );
        }
    }
}

#[test]
fn seed_search_contract() {
    let Some(shared) = shared() else { return };
    let t = TestDir::new();
    t.copy_dir(&shared.join("corpus/seeds"), "seeds");
    t.run_ok(&["index", "seeds", "--index", "idx", "--quiet"], 0);
    let run = t.run_ok(
        &["search", "retention 12 months", "--index", "idx", "--json"],
        0,
    );
    let top = &run.hits()[0];
    assert!(top.path.ends_with("000_73f5ac7f79a12568.txt"), "{top:?}");
    assert_eq!(top.company, "WeSecur");
    assert!(top.topics.contains(&"data-retention".to_owned()));
    let raw = std::fs::read(t.path().join(&top.path)).unwrap();
    let sentence = std::str::from_utf8(&raw[top.start..top.end]).unwrap();
    assert!(sentence.starts_with("Under Law 34/2002"), "{sentence}");
    assert!(
        sentence.ends_with("will be held for for 12 months."),
        "{sentence}"
    );

    let facets = t.run_ok(
        &[
            "search",
            "personal data",
            "--index",
            "idx",
            "--json",
            "--facets",
        ],
        0,
    );
    let companies: Vec<String> = facets
        .facet("company")
        .into_iter()
        .map(|c| c.value)
        .collect();
    let mut sorted = companies.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        vec![
            "WEBCLOUD PRO OÜ",
            "WeSecur",
            "Wepremium SARL",
            "Wespro Digital Pvt Ltd",
            "unknown"
        ]
    );
    let only = t.run_ok(
        &[
            "search",
            "personal data",
            "--index",
            "idx",
            "--json",
            "--company",
            "wesecur",
        ],
        0,
    );
    assert!(only.hits().iter().all(|h| h.company == "WeSecur"));
    assert!(!only.hits().is_empty());
}

#[test]
fn ota_companies_are_their_folders() {
    let Some(shared) = shared() else { return };
    let root = shared.join("corpus/ota");
    let corpus = Corpus::open(&root, None, CompanyFrom::Auto).unwrap();
    assert_eq!(corpus.files.len(), 877);
    let mut companies = std::collections::BTreeSet::new();
    for f in &corpus.files {
        let folder = f
            .rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let company = corpus
            .company_hint(f)
            .expect("every OTA file has a folder company");
        assert_eq!(company, folder);
        companies.insert(company);
    }
    assert_eq!(companies.len(), 385);
}
