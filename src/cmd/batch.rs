//! `polsearch search --queries FILE`: many searches with one open index, JSON Lines in and
//! out, for scripts and batch evaluation.
//!
//! Each input line is an object with a `query` (required) and any of `id` (echoed back),
//! `company`, `topic`, `kind`, `lang` (strings or lists of them) and `limit`; the command line's
//! other flags apply to every line. Each line gets one `result` message: `{line, id, query,
//! total_hits, count, total_exact, hits, notes}`, `hits` as `search --json` prints them. A
//! line that is not such an object, or whose search fails, gets an `error` message naming
//! the line, and the run goes on; the exit status is then 2.

use std::io::{self, BufRead, Write};
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::analyze::topic::Topic;
use crate::output::wire::{BatchErrorMsg, BatchResultMsg};
use crate::output::write_json;
use crate::policy::Kind;
use crate::search::{PolicyIndex, SearchRequest};

/// One input line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    query: String,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    company: OneOrMany,
    #[serde(default)]
    topic: OneOrMany,
    #[serde(default)]
    kind: OneOrMany,
    #[serde(default)]
    lang: OneOrMany,
    #[serde(default)]
    limit: Option<usize>,
}

/// A string or a list of strings.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// Run every query of `file` (`-`: stdin) against `index`, each as `base` with the line's
/// own query and fields; true when every line ran.
pub fn run(index: &PolicyIndex, file: &Path, base: &SearchRequest) -> Result<bool> {
    let input: Box<dyn BufRead> = if file == Path::new("-") {
        Box::new(io::stdin().lock())
    } else {
        Box::new(io::BufReader::new(
            std::fs::File::open(file)
                .with_context(|| format!("cannot read '{}'", file.display()))?,
        ))
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = 0usize;
    for (i, line) in input.lines().enumerate() {
        let number = i + 1;
        let line = line.with_context(|| format!("cannot read '{}'", file.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        match one(index, base, &line) {
            Ok((parsed, results)) => write_json(
                &mut out,
                "result",
                &BatchResultMsg::new(number, parsed.id.as_ref(), &parsed.query, &results),
            )?,
            Err(e) => {
                failed += 1;
                let error = format!("{e:#}");
                eprintln!("polsearch: {}:{number}: {error}", file.display());
                write_json(
                    &mut out,
                    "error",
                    &BatchErrorMsg {
                        line: number,
                        error: &error,
                    },
                )?;
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        anyhow::bail!(
            "{failed} {} of '{}' failed (see the error messages)",
            crate::text::plural(failed, "line", "lines"),
            file.display()
        );
    }
    Ok(true)
}

fn one(
    index: &PolicyIndex,
    base: &SearchRequest,
    line: &str,
) -> Result<(Line, crate::search::SearchResults)> {
    let mut parsed: Line = serde_json::from_str(line).context("not a query object")?;
    let mut request = base.clone();
    request.query = parsed.query.clone();
    let companies = std::mem::take(&mut parsed.company).into_vec();
    if !companies.is_empty() {
        request.companies = companies;
    }
    let topics = std::mem::take(&mut parsed.topic).into_vec();
    if !topics.is_empty() {
        request.topics = topics
            .iter()
            .map(|t| t.parse::<Topic>())
            .collect::<std::result::Result<_, _>>()?;
    }
    let kinds = std::mem::take(&mut parsed.kind).into_vec();
    if !kinds.is_empty() {
        request.kinds = kinds
            .iter()
            .map(|k| k.parse::<Kind>())
            .collect::<std::result::Result<_, _>>()?;
    }
    let langs = std::mem::take(&mut parsed.lang).into_vec();
    if !langs.is_empty() {
        request.langs = langs
            .iter()
            .map(|l| l.parse::<crate::analyze::lang::Lang>())
            .collect::<std::result::Result<_, _>>()?;
    }
    if let Some(limit) = parsed.limit {
        request.limit = limit;
    }
    let results = index.search(&request)?;
    Ok((parsed, results))
}
