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
    /// Files that could not be read as a policy (empty, binary, too large): not counted.
    pub unreadable: usize,
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

/// The first verdict of `inferred` against any accepted name: right if one agrees.
pub fn judge_any(inferred: &str, accepted: &[String]) -> Verdict {
    if inferred == UNKNOWN {
        return Verdict::Unknown;
    }
    if accepted
        .iter()
        .any(|n| judge(inferred, n) == Verdict::Right)
    {
        Verdict::Right
    } else {
        Verdict::Wrong
    }
}

/// Parse a names file: `file name <TAB> name|name|...` per line, `#` comments and blank
/// lines skipped. An error names the line.
pub fn parse_names(text: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((file, names)) = line.split_once('\t') else {
            return Err(format!(
                "line {}: expected 'file name<TAB>name|name...'",
                i + 1
            ));
        };
        let names: Vec<String> = names
            .split('|')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect();
        if file.trim().is_empty() || names.is_empty() {
            return Err(format!("line {}: a file name and at least one name", i + 1));
        }
        rows.push((file.trim().to_owned(), names));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_files_parse_and_any_name_is_right() {
        let rows = parse_names("# truth\n\na.html\tAcme|Acme Widgets Inc\nb.html\tGlobex\n")
            .expect("parses");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1, vec!["Acme", "Acme Widgets Inc"]);
        assert_eq!(judge_any("Acme Widgets, Inc.", &rows[0].1), Verdict::Right);
        assert_eq!(judge_any("Initech", &rows[0].1), Verdict::Wrong);
        assert_eq!(judge_any(UNKNOWN, &rows[0].1), Verdict::Unknown);
        let err = parse_names("a.html\tAcme\nno tab here\n").unwrap_err();
        assert!(err.starts_with("line 2"), "{err}");
        assert!(parse_names("a.html\t | \n")
            .unwrap_err()
            .starts_with("line 1"));
    }
}
