//! Criterion benchmarks of the per-file work: segmentation (MB/s of source) for plain text and
//! markdown, and topic tagging (clauses/s, one thread) by the lexicon and by the trained
//! classifier that indexing uses, the retention rules and filter (clauses/s), and the text
//! analyser (MB/s) against tantivy's stock English stemming chain. Fixtures are generated here
//! from a fixed seed, so every run measures the same bytes.
//!
//! Run: `cargo bench --bench segmentation`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use polsearch::analyze::segment;
use polsearch::analyze::topic::{LexiconTagger, TopicTagger};
use polsearch::corpus::format::Format;

/// A tiny deterministic generator (64-bit LCG), so fixtures need no data files.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

const WORDS: &[&str] = &[
    "we",
    "collect",
    "your",
    "personal",
    "data",
    "information",
    "share",
    "with",
    "third",
    "parties",
    "partners",
    "retain",
    "for",
    "months",
    "years",
    "cookies",
    "the",
    "and",
    "to",
    "of",
    "security",
    "encrypt",
    "access",
    "delete",
    "account",
    "children",
    "under",
    "13",
    "consent",
    "opt-out",
    "advertising",
    "analytics",
    "may",
    "service",
    "providers",
    "law",
    "e.g.",
    "Inc.",
    "(including",
    "logs)",
    "address",
    "email",
    "contact",
    "us",
    "policy",
];

const HEADINGS: &[&str] = &[
    "Information We Collect",
    "How We Use Your Data",
    "Sharing With Third Parties",
    "Data Retention",
    "Security",
    "Your Rights and Choices",
    "Children",
    "Contact Us",
];

fn sentence(rng: &mut Lcg) -> String {
    let n = 6 + rng.next(24);
    let mut words: Vec<&str> = (0..n).map(|_| WORDS[rng.next(WORDS.len())]).collect();
    words[0] = ["We", "You", "Our", "This", "Acme"][rng.next(5)];
    format!("{}.", words.join(" "))
}

/// About `bytes` of policy-like text, plain or markdown.
fn fixture(bytes: usize, markdown: bool, seed: u64) -> String {
    let mut rng = Lcg(seed);
    let mut out = String::with_capacity(bytes + 1024);
    while out.len() < bytes {
        let h = HEADINGS[rng.next(HEADINGS.len())];
        if markdown {
            out.push_str(&format!("## {h}\n\n"));
        } else {
            out.push_str(&format!("{h}\n\n"));
        }
        for _ in 0..(1 + rng.next(4)) {
            let para: Vec<String> = (0..(1 + rng.next(5))).map(|_| sentence(&mut rng)).collect();
            out.push_str(&para.join(" "));
            out.push_str("\n\n");
        }
        for _ in 0..rng.next(4) {
            let item = sentence(&mut rng);
            if markdown {
                out.push_str(&format!("* **{}** {item}\n", WORDS[rng.next(WORDS.len())]));
            } else {
                out.push_str(&format!("• {item}\n"));
            }
        }
        out.push('\n');
    }
    out
}

fn segmentation(c: &mut Criterion) {
    let mut group = c.benchmark_group("segmentation");
    for (name, format, markdown) in [
        ("plain", Format::Text, false),
        ("markdown", Format::Markdown, true),
    ] {
        let text = fixture(1 << 20, markdown, 42);
        group.throughput(Throughput::Bytes(text.len() as u64));
        // Every block new to the sentence cache: a policy seen for the first time.
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| {
                segment::forget_sentences();
                let layout = format.read(text);
                segment::clauses(&layout, text.as_bytes()).len()
            })
        });
        // Every block remembered: another version of a policy that changed nothing.
        let repeated = format!("{name}, repeated");
        group.bench_with_input(BenchmarkId::from_parameter(repeated), &text, |b, text| {
            b.iter(|| {
                let layout = format.read(text);
                segment::clauses(&layout, text.as_bytes()).len()
            })
        });
    }
    group.finish();
}

fn tagging(c: &mut Criterion) {
    let text = fixture(1 << 20, false, 7);
    let layout = Format::Text.read(&text);
    let clauses = segment::clauses(&layout, text.as_bytes());
    let tagger = LexiconTagger::shared();
    let mut group = c.benchmark_group("topic-tagging");
    group.throughput(Throughput::Elements(clauses.len() as u64));
    group.bench_function("lexicon", |b| {
        b.iter(|| {
            clauses
                .iter()
                .map(|c| tagger.tag(&c.text, &c.section).len())
                .sum::<usize>()
        })
    });
    if let Some(model) = polsearch::analyze::classifier::TopicModel::embedded() {
        group.bench_function("classifier", |b| {
            b.iter(|| {
                clauses
                    .iter()
                    .map(|c| model.tag(&c.text, &c.section).len())
                    .sum::<usize>()
            })
        });
    }
    // The retention rules (pre-scan, then the regexes on clauses that pass it), on clauses
    // rich in retention words: the generated vocabulary holds "retain", "delete", "months".
    group.bench_function("retention-rules", |b| {
        b.iter(|| {
            clauses
                .iter()
                .map(|c| polsearch::analyze::retention::extract(&c.text, false).len())
                .sum::<usize>()
        })
    });
    // The learnt retention filter, as if every clause were flagged (in a real corpus it
    // scores only the clauses the rules flag: 0.8 % of OTA's).
    if let Some(filter) = polsearch::analyze::classifier::RetentionFilter::embedded() {
        group.bench_function("retention-filter", |b| {
            b.iter(|| {
                clauses
                    .iter()
                    .filter(|c| filter.keeps(&c.text, &c.section))
                    .count()
            })
        });
    }
    group.finish();
}

/// About `bytes` of text over a generated vocabulary of 20,000 words (syllables plus
/// English suffixes), drawn with a Zipf-like skew as in real prose: the stemmer sees both
/// frequent and rare words, not a toy vocabulary that any cache would hold.
fn zipf_text(bytes: usize, seed: u64) -> String {
    const SYLLABLES: &[&str] = &[
        "con", "pro", "in", "ter", "ma", "tion", "da", "ta", "ser", "vi", "re", "col", "lec",
        "par", "ti", "pri", "va", "cy", "ac", "cess", "ad", "ver", "tis", "se", "cu", "ri",
    ];
    const SUFFIXES: &[&str] = &[
        "", "s", "ing", "ed", "ation", "ations", "ly", "ies", "y", "ness", "ment", "er", "ional",
    ];
    let mut rng = Lcg(seed);
    let vocab: Vec<String> = (0..20_000)
        .map(|_| {
            let mut w = String::new();
            for _ in 0..(1 + rng.next(4)) {
                w.push_str(SYLLABLES[rng.next(SYLLABLES.len())]);
            }
            w.push_str(SUFFIXES[rng.next(SUFFIXES.len())]);
            w
        })
        .collect();
    let mut out = String::with_capacity(bytes + 64);
    while out.len() < bytes {
        // Rank ~ 1/u: a skewed draw (rank 0 most often), capped at the vocabulary size.
        let u = 1 + rng.next(1 << 16);
        let rank = ((1 << 16) / u).saturating_sub(1).min(vocab.len() - 1);
        let rank = if rng.next(4) == 0 {
            rng.next(vocab.len())
        } else {
            rank
        };
        out.push_str(&vocab[rank]);
        out.push(if rng.next(12) == 0 { '.' } else { ' ' });
        if out.ends_with('.') {
            out.push(' ');
        }
    }
    out
}

/// The analyser tantivy indexes clause text with: polsearch's (stems cached) against the same
/// chain with tantivy's own `Stemmer`.
fn analysis(c: &mut Criterion) {
    use tantivy::tokenizer::{
        Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    };
    let text = zipf_text(1 << 20, 11);
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(text.len() as u64));
    let tantivy_stemmer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build();
    for (name, analyzer) in [
        ("tantivy-stemmer", tantivy_stemmer),
        ("polsearch", polsearch::index::schema::analyzer()),
    ] {
        let mut analyzer = analyzer;
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut stream = analyzer.token_stream(&text);
                let mut n = 0usize;
                while let Some(t) = stream.next() {
                    n += t.text.len();
                }
                n
            })
        });
    }
    group.finish();
}

criterion_group!(benches, segmentation, tagging, analysis);
criterion_main!(benches);
