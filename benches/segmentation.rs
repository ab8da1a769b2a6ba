//! Criterion benchmarks of the per-file work: segmentation (MB/s of source) for plain text and
//! markdown, and topic tagging (clauses/s, one thread) by the lexicon and by the trained
//! classifier that indexing uses. Fixtures are generated here from a fixed seed, so
//! every run measures the same bytes.
//!
//! Run: `cargo bench --bench segmentation`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use polsearch::format::Format;
use polsearch::segment;
use polsearch::topic::{LexiconTagger, TopicTagger};

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
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
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
    if let Some(model) = polsearch::classifier::TopicModel::embedded() {
        group.bench_function("classifier", |b| {
            b.iter(|| {
                clauses
                    .iter()
                    .map(|c| model.tag(&c.text, &c.section).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, segmentation, tagging);
criterion_main!(benches);
