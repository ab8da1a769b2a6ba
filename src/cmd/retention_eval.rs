//! `polsearch eval retention`: precision and recall of retention statements against clauses
//! labelled by hand (a labels file naming clauses by file and byte range).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::analyze::classifier::{self, FilterExample};
use crate::analyze::document::{Document, TaggedClause};
use crate::analyze::retention;
use crate::analyze::retention_judge::{parse_labels, Judged, Label, Labelled, Tally};
use crate::analyze::topic::Topic;
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
    if args.folds.is_some() || args.train_out.is_some() {
        return train_filter(&args, &by_file);
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
    let doc = parse(path)?;
    Ok(rows
        .iter()
        .map(|l| {
            let covering = covering(&doc, l);
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

/// One labelled clause as the filter learns from it, with the service it belongs to (the
/// group of grouped cross-validation) and whether the rules flag it.
struct FilterRow {
    example: FilterExample,
    service: String,
    flagged: bool,
}

/// `--folds` / `--train-out`: cross-validate the retention filter grouped by service, choose
/// its threshold out of fold, and with `--train-out` fit it on every labelled clause.
fn train_filter(
    args: &RetentionEvalArgs,
    by_file: &BTreeMap<&str, Vec<&Labelled>>,
) -> Result<bool> {
    let rows: Vec<Vec<FilterRow>> = by_file
        .par_iter()
        .map(|(path, rows)| filter_rows(&args.corpus, path, rows))
        .collect::<Result<_>>()?;
    let rows: Vec<FilterRow> = rows.into_iter().flatten().collect();
    if rows.is_empty() {
        anyhow::bail!(
            "'{}': no labelled clause to learn from",
            args.labels.display()
        );
    }
    let k = usize::from(args.folds.unwrap_or(5));
    let services: Vec<&str> = rows.iter().map(|r| r.service.as_str()).collect();
    let examples: Vec<FilterExample> = rows.iter().map(|r| r.example.clone()).collect();
    let flagged: Vec<bool> = rows.iter().map(|r| r.flagged).collect();
    let cv = classifier::cross_validate_filter(&examples, &flagged, &services, k);
    let chosen = cv.chosen;
    let mut sink = stdout_sink(args.json, false);
    sink.retention_filter_cv(&cv)?;
    sink.finish()?;
    if let Some(path) = &args.train_out {
        let model = classifier::train_filter(&examples, chosen);
        std::fs::write(path, model.to_bytes())
            .with_context(|| format!("cannot write '{}'", path.display()))?;
        eprintln!(
            "wrote {} ({} words, threshold {chosen:.2})",
            path.display(),
            model.features()
        );
    }
    Ok(true)
}

/// The labelled clauses of one file as filter examples: the clauses covering each range (the
/// rules' statements read without the filter), labels R and C positive, N negative, `?` left
/// out.
fn filter_rows(corpus: &Path, path: &str, rows: &[&Labelled]) -> Result<Vec<FilterRow>> {
    let doc = parse(&corpus.join(path))?;
    let service = path.split('/').next().unwrap_or(path).to_string();
    Ok(rows
        .iter()
        .filter(|l| l.label != Label::Unsure)
        .filter_map(|l| {
            let covering = covering(&doc, l);
            let first = covering.first()?;
            let text = covering
                .iter()
                .map(|c| c.clause.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let flagged = covering.iter().any(|c| {
                let tagged = c.topics.contains(&Topic::DataRetention);
                let about = retention::about_retention(tagged, c.clause.context());
                !retention::extract(&c.clause.text, about).is_empty()
            });
            Some(FilterRow {
                example: FilterExample {
                    text,
                    section: first.clause.context().to_owned(),
                    positive: l.label != Label::Neither,
                },
                service: service.clone(),
                flagged,
            })
        })
        .collect())
}

/// A labelled file as `polsearch clauses` cuts and tags it.
fn parse(path: &Path) -> Result<Document> {
    let raw = super::read_capped(path)?;
    Document::parse(path, &raw, &Hints::text(), classifier::default_tagger())
        .map_err(|e| anyhow::anyhow!("'{}': {e}", path.display()))
}

/// The clauses that overlap a labelled range.
fn covering<'a>(doc: &'a Document, l: &Labelled) -> Vec<&'a TaggedClause> {
    doc.clauses
        .iter()
        .filter(|c| c.clause.span.start < l.end && l.start < c.clause.span.end)
        .collect()
}
