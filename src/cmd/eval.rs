//! `polsearch eval relevance`: Hit@k and MRR of question answering on a PolicyQA-format file,
//! by cross-validation grouped by policy, and training of the question model.

use std::sync::Arc;

use anyhow::{Context, Result};

use crate::cli::RelevanceArgs;
use crate::corpus::CompanyFrom;
use crate::index::indexer::{self, IndexOptions};
use crate::output::stdout_sink;
use crate::search::answer::{FeatureMask, QuestionModel, ALL_FEATURES, FEATURES};
use crate::search::relevance::{self, Metrics, RankingRow as Row, Report, Variant};
use crate::search::{PolicyIndex, Ranking};

/// Is a feature (by name) in a group?
type InGroup = fn(&str) -> bool;

/// Feature groups the ablation leaves out one at a time, by feature name.
const GROUPS: [(&str, InGroup); 5] = [
    ("bm25 score and rank", |f| {
        f.starts_with("bm25") || f == "coverage"
    }),
    ("question intent x clause topics", |f| {
        f.starts_with("agree_") || f.starts_with("topic_")
    }),
    ("retention statements", |f| {
        f.starts_with("duration_") || f == "period"
    }),
    ("clause shape (heading, table, length, position)", |f| {
        matches!(
            f,
            "generic_clause"
                | "heading"
                | "table_header"
                | "short"
                | "length"
                | "position"
                | "digit"
        )
    }),
    ("paragraph context", |f| {
        f.starts_with("context_") || f == "best_of_paragraph"
    }),
];

fn without(group: impl Fn(&str) -> bool) -> FeatureMask {
    let mut mask = ALL_FEATURES;
    for (on, name) in mask.iter_mut().zip(FEATURES) {
        if group(name) {
            *on = false;
        }
    }
    mask
}

/// Evaluate (and train) question ranking on a PolicyQA-format file.
pub fn relevance(args: RelevanceArgs, default_threads: usize) -> Result<bool> {
    let ds = relevance::load(&args.file)?;
    let tmp = tempfile::Builder::new()
        .prefix("polsearch-eval-")
        .tempdir()
        .context("cannot create a temporary folder")?;
    let corpus = tmp.path().join("corpus");
    relevance::write_corpus(&ds, &corpus)?;
    let opts = IndexOptions {
        corpus: corpus.clone(),
        index_dir: tmp.path().join("index"),
        threads: args.threads.map_or(default_threads, usize::from),
        company_from: CompanyFrom::Dir,
        rebuild: true,
    };
    indexer::build(&opts, &crate::progress::Silent).context("cannot index the file's policies")?;
    let index = PolicyIndex::open(&opts.index_dir)?;
    let all: Vec<&relevance::Question> = ds.questions.iter().collect();

    if let Some(out) = &args.train_out {
        let name = args
            .file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let trained_on = format!(
            "{name}: {} questions of {} policies",
            all.len(),
            ds.titles.len()
        );
        let model = relevance::train(&index, &ds, &all, Variant::default(), &trained_on)?;
        crate::index::store::write_atomic(out, model.to_json().as_bytes())
            .with_context(|| format!("cannot write '{}'", out.display()))?;
        eprintln!(
            "wrote {} (trained on {} questions of {} policies)",
            out.display(),
            all.len(),
            ds.titles.len()
        );
        return Ok(true);
    }

    let mut rows = Vec::new();
    let mut note = None;
    let mut candidate_recall = None;
    match args.folds {
        Some(k) => {
            let k = usize::from(k).min(ds.titles.len());
            anyhow::ensure!(
                k >= 2,
                "--folds needs at least two policies in '{}'",
                args.file.display()
            );
            rows.push(Row::cv(
                "bm25",
                &relevance::cross_validate(&index, &ds, k, None)?,
            ));
            let bm25 = relevance::ranking_examples(&index, &all, &Ranking::Bm25)?;
            candidate_recall = Some(relevance::candidate_recall(&bm25));
            let cv = relevance::cross_validate(&index, &ds, k, Some(Variant::default()))?;
            rows.push(Row::cv("question model", &cv));
            if args.ablation {
                let variant = Variant {
                    expansion: false,
                    ..Variant::default()
                };
                let cv = relevance::cross_validate(&index, &ds, k, Some(variant))?;
                rows.push(Row::cv("  without learned term expansion", &cv));
                let variant = Variant {
                    trees: false,
                    ..Variant::default()
                };
                let cv = relevance::cross_validate(&index, &ds, k, Some(variant))?;
                rows.push(Row::cv("  without boosted trees (linear only)", &cv));
                for (name, group) in GROUPS {
                    let variant = Variant {
                        mask: without(group),
                        ..Variant::default()
                    };
                    let cv = relevance::cross_validate(&index, &ds, k, Some(variant))?;
                    rows.push(Row::cv(&format!("  without {name}"), &cv));
                }
                let only_expansion = Variant {
                    mask: without(|f| !f.starts_with("bm25")),
                    ..Variant::default()
                };
                let cv = relevance::cross_validate(&index, &ds, k, Some(only_expansion))?;
                rows.push(Row::cv(
                    "  expansion and bm25 only (no re-ranking signals)",
                    &cv,
                ));
            }
        }
        None => {
            rows.push(Row::plain(
                "bm25",
                Metrics::of(&relevance::ranks(&index, &all, &Ranking::Bm25)?),
            ));
            let model = match &args.model {
                Some(path) => {
                    let text = std::fs::read_to_string(path)
                        .with_context(|| format!("cannot read '{}'", path.display()))?;
                    QuestionModel::from_json(&text)
                        .map_err(|e| anyhow::anyhow!("'{}': {e}", path.display()))?
                }
                None => QuestionModel::embedded()
                    .cloned()
                    .context("this build has no question model (models/questions.json)")?,
            };
            if model
                .trained_on
                .starts_with(&*args.file.file_name().unwrap_or_default().to_string_lossy())
            {
                note = Some(format!(
                    "the model was trained on {}: these are training-set figures; use --folds for held-out ones",
                    model.trained_on
                ));
            }
            rows.push(Row::plain(
                "question model",
                Metrics::of(&relevance::ranks(
                    &index,
                    &all,
                    &Ranking::Model(Arc::new(model)),
                )?),
            ));
        }
    }
    let report = Report {
        file: args.file.display().to_string(),
        policies: ds.titles.len(),
        questions: ds.questions.len(),
        median_clause_words: relevance::median_clause_words(&corpus, &ds)?,
        folds: args.folds,
        candidate_recall,
        rows,
        note,
    };
    let mut sink = stdout_sink(args.json, false);
    sink.relevance(&report)?;
    sink.finish()?;
    Ok(true)
}
