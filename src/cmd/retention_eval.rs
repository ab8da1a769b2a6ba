//! `polsearch eval retention`: precision and recall of retention statements against clauses
//! labelled by hand (a labels file naming clauses by file and byte range).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::analyze::document::Document;
use crate::analyze::retention_judge::{parse_labels, Judged, Label, Labelled, Tally};
use crate::cli::{RetentionEvalArgs, ShowArg};
use crate::corpus::Hints;
use crate::output::stdout_sink;

/// Judge each labelled clause and print the figures, by sample and over all.
pub fn run(args: RetentionEvalArgs) -> Result<bool> {
    let text = std::fs::read_to_string(&args.labels)
        .with_context(|| format!("cannot read the labels file '{}'", args.labels.display()))?;
    let labelled =
        parse_labels(&text).map_err(|e| anyhow::anyhow!("'{}': {e}", args.labels.display()))?;
    let mut by_file: BTreeMap<&str, Vec<&Labelled>> = BTreeMap::new();
    for l in labelled
        .iter()
        .filter(|l| args.sample.as_ref().is_none_or(|s| &l.sample == s))
    {
        by_file.entry(&l.path).or_default().push(l);
    }
    let judged: Vec<Vec<Judged>> = by_file
        .par_iter()
        .map(|(path, rows)| judge_file(&args.corpus.join(path), rows))
        .collect::<Result<_>>()?;
    let judged: Vec<Judged> = judged.into_iter().flatten().collect();
    let mut samples: Vec<&str> = judged.iter().map(|j| j.labelled.sample.as_str()).collect();
    samples.sort_unstable();
    samples.dedup();
    let mut tallies: Vec<Tally> = samples
        .iter()
        .map(|s| Tally::of(s, judged.iter().filter(|j| j.labelled.sample == *s)))
        .collect();
    if tallies.len() > 1 {
        tallies.push(Tally::of("all", &judged));
    }
    let shown = |j: &Judged| match args.show {
        None => false,
        Some(ShowArg::All) => true,
        Some(ShowArg::Wrong) => j.is_error(),
        Some(ShowArg::Unknown) => j.predicted.is_none(),
    };
    let mut sink = stdout_sink(args.json, false);
    for j in judged.iter().filter(|j| shown(j)) {
        sink.retention_judged(j)?;
    }
    sink.retention_tally(&tallies)?;
    sink.finish()?;
    Ok(!judged.is_empty())
}

/// Judge the labelled ranges of one file: the clauses that overlap each range, as
/// `polsearch clauses` cuts and tags them.
fn judge_file(path: &Path, rows: &[&Labelled]) -> Result<Vec<Judged>> {
    let raw = super::read_capped(path)?;
    let doc = Document::parse(
        path,
        &raw,
        &Hints::text(),
        crate::analyze::classifier::default_tagger(),
    )
    .map_err(|e| anyhow::anyhow!("'{}': {e}", path.display()))?;
    Ok(rows
        .iter()
        .map(|l| {
            let covering: Vec<_> = doc
                .clauses
                .iter()
                .filter(|c| c.clause.span.start < l.end && l.start < c.clause.span.end)
                .collect();
            let statements = covering
                .iter()
                .flat_map(|c| &c.retention)
                .map(|r| format!("{}: {}", r.kind.name(), r.text))
                .collect();
            Judged {
                labelled: (*l).clone(),
                predicted: (!covering.is_empty()).then(|| Label::predicted(covering)),
                statements,
            }
        })
        .collect())
}
