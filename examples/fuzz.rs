//! A fuzzing harness for the two places arbitrary input reaches: the query path (preparation,
//! tantivy's parser, ranking, on a real index of the demo corpus) and the document path
//! (decoding, markdown/HTML/plain reading, segmentation, topic tagging, retention).
//!
//! `cargo fuzz` needs a nightly toolchain that cannot be installed here, so this harness makes
//! its own inputs from a seeded generator: random bytes, random text over the characters that
//! matter to each parser (quotes, brackets, operators, markup, list markers, multibyte
//! letters), and mutations of real inputs (the demo corpus, sample queries) by flips,
//! insertions, deletions, splices and repeated chunks. Every input runs under
//! `catch_unwind`; a panic, or an input slower than `--slow-ms`, is counted and written to
//! `--out` so it can be replayed. Exit status 0 when there were none, 1 otherwise.
//!
//! Run: `cargo run --release --example fuzz -- --target query --inputs 10000000 --seed 1`
//! (`--target segment|query|all`, `--out DIR`, default `target/fuzz`).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use polsearch::analyze::document::Document;
use polsearch::corpus::Hints;
use polsearch::search::{PolicyIndex, SearchRequest};

/// xorshift64*: small, seeded, the same inputs on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const QUERY_ATOMS: &[&str] = &[
    "(",
    ")",
    "\"",
    "+",
    "-",
    ":",
    "^",
    "*",
    "~",
    "[",
    "]",
    "{",
    "}",
    "!",
    "?",
    ".",
    ",",
    "'",
    "/",
    "\\",
    " ",
    " ",
    " ",
    "AND",
    "OR",
    "NOT",
    "TO",
    "IN",
    "text:",
    "section:",
    "company:",
    "topic:",
    "data",
    "retention",
    "12 months",
    "cookies",
    "é",
    "ß",
    "日本",
    "\u{200b}",
    "\t",
    "\n",
    "how long do you keep my IP address?",
    "third-party",
    "2.5",
    "e.g.,",
    "https://x.com",
];

const DOC_ATOMS: &[&str] = &[
    "# ",
    "## ",
    "* ",
    "- ",
    "1. ",
    "(a) ",
    "• ",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    ". ",
    "; ",
    ", ",
    "<p>",
    "</p>",
    "<br>",
    "<li>",
    "</li>",
    "<h2>",
    "</h2>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "&amp;",
    "&#x1F600;",
    "&bogus;",
    "|||",
    "| a | b |",
    "|---|",
    "[link](http://x)",
    "```",
    "**",
    "_",
    "e.g. ",
    "Inc. ",
    "No. 5 ",
    "We keep logs for 12 months",
    "indefinitely",
    "as long as necessary",
    "permanently delete",
    "within 30 days",
    "twelve (12) months",
    "Effective date: 2023-06-15",
    "Acme Ltd (\"we\", \"us\")",
    "é",
    "’",
    "\u{feff}",
    "\u{0}",
    "ﬁ",
    "İ",
    "K",
];

/// One new input: random bytes, random atoms, or a mutation of a seed.
fn make(rng: &mut Rng, atoms: &[&str], seeds: &[Vec<u8>], max: usize) -> Vec<u8> {
    let mut out = match rng.below(4) {
        0 => (0..rng.below(max)).map(|_| rng.next() as u8).collect(),
        1 => {
            let mut v = Vec::new();
            while v.len() < rng.below(max) {
                v.extend_from_slice(rng.pick(atoms).as_bytes());
            }
            v
        }
        _ => {
            let seed = rng.pick(seeds);
            let start = rng.below(seed.len());
            let len = rng.below(max).min(seed.len() - start);
            seed[start..start + len].to_vec()
        }
    };
    for _ in 0..rng.below(8) {
        mutate(rng, &mut out, atoms, max);
    }
    out.truncate(max * 4);
    out
}

fn mutate(rng: &mut Rng, v: &mut Vec<u8>, atoms: &[&str], max: usize) {
    let at = rng.below(v.len() + 1);
    match rng.below(6) {
        0 if !v.is_empty() => {
            let i = rng.below(v.len());
            v[i] ^= 1 << rng.below(8);
        }
        1 => {
            let atom = rng.pick(atoms).as_bytes().to_vec();
            v.splice(at..at, atom);
        }
        2 if !v.is_empty() => {
            let end = (at + rng.below(16)).min(v.len());
            v.drain(at.min(end)..end);
        }
        3 => {
            // A repeated chunk: what makes super-linear code show itself.
            let atom = rng.pick(atoms).as_bytes();
            let times = 1 + rng.below(max / atom.len().max(1));
            let chunk = atom.repeat(times);
            v.splice(at..at, chunk);
        }
        4 => v.insert(at, rng.next() as u8),
        _ => {}
    }
}

/// What a run found.
#[derive(Default)]
struct Tally {
    inputs: u64,
    panics: u64,
    slow: u64,
    slowest: Duration,
}

fn run(
    name: &str,
    inputs: u64,
    seed: u64,
    slow: Duration,
    out: &Path,
    mut make_input: impl FnMut(&mut Rng) -> Vec<u8>,
    mut target: impl FnMut(&[u8]),
) -> Tally {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut tally = Tally::default();
    let started = Instant::now();
    for i in 0..inputs {
        let input = make_input(&mut rng);
        let t0 = Instant::now();
        let ok = catch_unwind(AssertUnwindSafe(|| target(&input))).is_ok();
        let took = t0.elapsed();
        tally.inputs += 1;
        tally.slowest = tally.slowest.max(took);
        if !ok || took > slow {
            if ok {
                tally.slow += 1;
            } else {
                tally.panics += 1;
            }
            let kind = if ok { "slow" } else { "panic" };
            let _ = std::fs::create_dir_all(out);
            let _ = std::fs::write(out.join(format!("{name}-{kind}-{i}")), &input);
        }
        if (i + 1) % 1_000_000 == 0 {
            eprintln!(
                "{name}: {} inputs, {} panics, {} slow, {:.0} inputs/s",
                i + 1,
                tally.panics,
                tally.slow,
                (i + 1) as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "{name}: {} inputs in {:.1} s ({:.0}/s), {} panics, {} slower than {} ms, slowest {:.2} ms",
        tally.inputs,
        started.elapsed().as_secs_f64(),
        tally.inputs as f64 / started.elapsed().as_secs_f64(),
        tally.panics,
        tally.slow,
        slow.as_millis(),
        tally.slowest.as_secs_f64() * 1e3
    );
    tally
}

fn demo_files() -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let target = flag("--target").unwrap_or_else(|| "all".to_owned());
    let inputs: u64 = flag("--inputs")
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let seed: u64 = flag("--seed").and_then(|v| v.parse().ok()).unwrap_or(1);
    let slow = Duration::from_millis(
        flag("--slow-ms")
            .and_then(|v| v.parse().ok())
            .unwrap_or(1_000),
    );
    let out = PathBuf::from(flag("--out").unwrap_or_else(|| "target/fuzz".to_owned()));
    // Panics are counted, not printed (the inputs that caused them are saved).
    std::panic::set_hook(Box::new(|_| {}));

    let files = demo_files();
    let mut found = 0;
    if target == "segment" || target == "all" {
        let seeds: Vec<Vec<u8>> = files.iter().map(|(_, b)| b.clone()).collect();
        let exts = ["policy.txt", "policy.md", "policy.html"];
        let tagger = polsearch::analyze::classifier::default_tagger();
        let mut n = 0usize;
        let t = run(
            "segment",
            inputs,
            seed,
            slow,
            &out,
            |rng| make(rng, DOC_ATOMS, &seeds, 2048),
            |input| {
                n += 1;
                let path = Path::new(exts[n % exts.len()]);
                let _ = Document::parse(path, input, &Hints::text(), tagger);
            },
        );
        found += t.panics + t.slow;
    }
    if target == "query" || target == "all" {
        let dir = std::env::temp_dir().join(format!("polsearch-fuzz-{}", std::process::id()));
        let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let opts = polsearch::index::indexer::IndexOptions {
            corpus,
            index_dir: dir.clone(),
            threads: 1,
            company_from: polsearch::corpus::CompanyFrom::Auto,
            rebuild: true,
        };
        if let Err(e) = polsearch::index::indexer::build(
            &opts,
            &polsearch::progress::Reporter::new(false, true),
        ) {
            eprintln!("cannot index the demo corpus: {e}");
            return ExitCode::from(2);
        }
        let index = match PolicyIndex::open(&dir) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        let seeds: Vec<Vec<u8>> = QUERY_ATOMS.iter().map(|a| a.as_bytes().to_vec()).collect();
        let t = run(
            "query",
            inputs,
            seed,
            slow,
            &out,
            |rng| make(rng, QUERY_ATOMS, &seeds, 200),
            |input| {
                let query = String::from_utf8_lossy(input).into_owned();
                let req = SearchRequest {
                    query,
                    limit: 3,
                    ..SearchRequest::default()
                };
                // Errors are fine (an unknown company named in the query); a parse error is
                // not: questions never fail.
                if let Err(polsearch::error::Error::Query { reason, .. }) = index.search(&req) {
                    if !reason.contains("bytes long") {
                        panic!("query error: {reason}");
                    }
                }
            },
        );
        found += t.panics + t.slow;
        let _ = std::fs::remove_dir_all(&dir);
    }
    if found == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
