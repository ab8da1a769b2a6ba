//! How well does clause segmentation keep answers together? Measured on PolicyQA.
//!
//! Each PolicyQA policy becomes one plain-text file: its paragraphs joined by blank lines.
//! For every answer span we ask whether it lies inside a single clause (`start <= a` and
//! `b <= end`), and we report the share of such answers together with the median clause
//! length in words (a segmenter that never splits would keep every answer, so both figures
//! matter).
//!
//! Run: `cargo run --release --example policyqa_segmentation [-- PATH/TO/dev.json]`
//! (default `../shared/eval/policyqa/dev.json`).

use std::process::ExitCode;

use polsearch::analyze::segment;
use polsearch::corpus::format::Format;
use serde::Deserialize;

#[derive(Deserialize)]
struct Dataset {
    data: Vec<Policy>,
}

#[derive(Deserialize)]
struct Policy {
    title: String,
    paragraphs: Vec<Paragraph>,
}

#[derive(Deserialize)]
struct Paragraph {
    context: String,
    qas: Vec<Qa>,
}

#[derive(Deserialize)]
struct Qa {
    answers: Vec<Answer>,
}

#[derive(Deserialize)]
struct Answer {
    text: String,
    answer_start: usize,
}

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/eval/policyqa/dev.json".to_owned());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let data: Dataset = match serde_json::from_str(&text) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let verbose = std::env::var_os("VERBOSE").is_some();
    let (mut inside, mut answers) = (0usize, 0usize);
    let mut words: Vec<usize> = Vec::new();
    for policy in &data.data {
        // The file: paragraphs joined by blank lines; remember where each paragraph starts.
        let mut file = String::new();
        let mut starts = Vec::new();
        for p in &policy.paragraphs {
            if !file.is_empty() {
                file.push_str("\n\n");
            }
            starts.push(file.len());
            file.push_str(&p.context);
        }
        let layout = Format::Text.read(&file);
        let clauses = segment::clauses(&layout, file.as_bytes());
        words.extend(clauses.iter().map(|c| c.text.split_whitespace().count()));
        for (p, base) in policy.paragraphs.iter().zip(&starts) {
            for qa in &p.qas {
                for a in &qa.answers {
                    // answer_start counts characters; turn it into a byte offset.
                    let Some((byte, _)) = p.context.char_indices().nth(a.answer_start) else {
                        continue;
                    };
                    let start = base + byte;
                    let end = start + a.text.len();
                    answers += 1;
                    let i = clauses.partition_point(|c| c.span.end <= start);
                    let ok = clauses
                        .get(i)
                        .is_some_and(|c| c.span.start <= start && end <= c.span.end);
                    if ok {
                        inside += 1;
                    } else if verbose {
                        // Where the answer is cut: the opening words of the clause it runs into.
                        let next = clauses.get(i + 1).map_or("", |c| c.text.as_str());
                        let opener: Vec<&str> = next.split_whitespace().take(3).collect();
                        eprintln!(
                            "{}: split answer {:?} | next: {}",
                            policy.title,
                            a.text,
                            opener.join(" ")
                        );
                    }
                }
            }
        }
    }
    words.sort_unstable();
    let median = words.get(words.len() / 2).copied().unwrap_or(0);
    println!(
        "answers inside one clause: {inside}/{answers} = {:.1} %",
        100.0 * inside as f64 / answers.max(1) as f64
    );
    println!(
        "clauses: {}, median clause length: {median} words",
        words.len()
    );
    ExitCode::SUCCESS
}
