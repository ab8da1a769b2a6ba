//! Scoring an inference against the truth, for `polsearch eval company`.

use super::cues::{initials, spells};
use super::names::compact;
use super::UNKNOWN;

/// How an inferred company compares with the truth (`polsearch eval company`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The inferred company is the true one.
    Right,
    /// No company inferred.
    Unknown,
    /// Another company inferred.
    Wrong,
}

impl Verdict {
    /// Its name: `right`, `unknown` or `wrong`.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Right => "right",
            Verdict::Unknown => "unknown",
            Verdict::Wrong => "wrong",
        }
    }
}

/// One file's inferred company against the truth.
#[derive(Debug, Clone)]
pub struct Judged {
    /// The file, relative to the folder evaluated.
    pub path: String,
    /// The true company (or domain).
    pub truth: String,
    /// The company inferred from the text.
    pub inferred: String,
    /// How the two compare.
    pub verdict: Verdict,
}

/// Verdicts counted over a folder.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Files judged.
    pub files: usize,
    /// (see [`Verdict`])
    pub right: usize,
    /// (see [`Verdict`])
    pub unknown: usize,
    /// (see [`Verdict`])
    pub wrong: usize,
    /// Files without a truth (directly in the folder, or no domain in the name): not counted.
    pub skipped: usize,
}

/// Does an inferred name agree with the true company name? Equal once compacted, or one
/// contains the other (at least three letters: "Academia" for "Academia.edu").
pub fn judge(inferred: &str, truth: &str) -> Verdict {
    if inferred == UNKNOWN {
        return Verdict::Unknown;
    }
    let (a, b) = (compact(inferred), compact(truth));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if !short.is_empty()
        && (a == b || (short.chars().count() >= 3 && long.contains(short.as_str())))
    {
        Verdict::Right
    } else {
        Verdict::Wrong
    }
}

/// Does an inferred name agree with a site's domain (`honda.com`, `mlb.mlb.com`)? One of the
/// domain's labels (no `www` or top-level label) contains the compacted name or is contained
/// in it, or the initials of the name's words spell the label ("Dallas County Community
/// College District" for `dcccd.edu`). A hint of the truth, not the truth.
pub fn judge_domain(inferred: &str, domain: &str) -> Verdict {
    if inferred == UNKNOWN {
        return Verdict::Unknown;
    }
    let name = compact(&inferred.replace('&', " and "));
    // "Kraft" for kraftrecipes.com: the name's first word opens the label.
    let first_word = compact(inferred.split_whitespace().next().unwrap_or(""));
    let initials = initials(inferred);
    let labels: Vec<String> = domain
        .split('.')
        .rev()
        .skip(1)
        .filter(|l| *l != "www")
        .map(|l| l.replace('-', ""))
        .collect();
    let agrees = labels.iter().any(|label| {
        let (short, long) = if name.len() <= label.len() {
            (&name, label)
        } else {
            (label, &name)
        };
        (short.chars().count() >= 3 && long.contains(short.as_str()))
            || (initials.len() >= 2 && initials == *label)
            || (first_word.chars().count() >= 4 && label.starts_with(first_word.as_str()))
            || spells(label, inferred)
    });
    if agrees {
        Verdict::Right
    } else {
        Verdict::Wrong
    }
}
