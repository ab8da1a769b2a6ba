//! `polsearch topics train|eval|clusters` and `polsearch classify`: the topic classifier trained,
//! measured and applied to JSON Lines.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::analyze::classifier::{self, TopicModel, TrainOptions};
use crate::analyze::topic::Topic;
use crate::cli::{ClassifyArgs, ClustersArgs, EvalArgs, TrainArgs};
use crate::output::stdout_sink;

/// The topic model of `path`, else the one built in.
pub fn model(path: Option<&Path>) -> Result<std::borrow::Cow<'static, TopicModel>> {
    match path {
        Some(p) => Ok(std::borrow::Cow::Owned(TopicModel::load(p)?)),
        None => TopicModel::embedded()
            .map(std::borrow::Cow::Borrowed)
            .ok_or_else(|| {
                anyhow::anyhow!("this polsearch was built without a topic model; pass --model FILE")
            }),
    }
}

/// Write `bytes` to `path`, creating its folder if needed.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create '{}'", dir.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write '{}'", path.display()))
}

/// Learn word clusters from a corpus.
pub fn clusters(args: ClustersArgs) -> Result<bool> {
    let started = std::time::Instant::now();
    let corpus = crate::corpus::Corpus::open(&args.corpus, None, crate::corpus::CompanyFrom::Auto)?;
    // Clause texts in path order (the corpus lists files sorted), read in parallel.
    let per_file: Vec<Vec<String>> = corpus
        .files
        .par_iter()
        .map(|f| {
            let Ok(raw) = std::fs::read(&f.path) else {
                return Vec::new();
            };
            crate::analyze::document::Document::parse(
                &f.path,
                &raw,
                &crate::corpus::Hints::default(),
                crate::analyze::topic::LexiconTagger::shared(),
            )
            .map(|d| d.clauses.into_iter().map(|c| c.clause.text).collect())
            .unwrap_or_default()
        })
        .collect();
    let texts: Vec<String> = per_file.into_iter().flatten().collect();
    let clusters = crate::analyze::clusters::build(
        &texts,
        crate::analyze::clusters::ClusterOptions::default(),
    );
    let bytes = clusters.to_bytes();
    write_file(&args.out, &bytes)?;
    eprintln!(
        "clustered {} words of {} clauses ({} files) in {:.1} s; wrote {} ({} bytes)",
        clusters.len(),
        texts.len(),
        corpus.files.len(),
        started.elapsed().as_secs_f64(),
        args.out.display(),
        bytes.len()
    );
    Ok(true)
}

/// Train the topic model.
pub fn train(args: TrainArgs) -> Result<bool> {
    let segments: Vec<classifier::Labelled> = classifier::load_segments(&args.segments)?
        .into_iter()
        .filter(|s| s.split == args.split)
        .collect();
    if segments.is_empty() {
        anyhow::bail!(
            "'{}' has no rows of split '{}'",
            args.segments.display(),
            args.split
        );
    }
    let examples: Vec<classifier::Example> = segments.iter().map(|s| s.example.clone()).collect();
    let policies: Vec<&str> = segments.iter().map(|s| s.policy.as_str()).collect();
    let started = std::time::Instant::now();
    let opts = if args.baseline {
        TrainOptions::baseline()
    } else {
        TrainOptions::default()
    };
    let model = classifier::train(&examples, opts);
    let bytes = model.to_bytes();
    write_file(&args.out, &bytes)?;
    let mut distinct = policies.clone();
    distinct.sort_unstable();
    distinct.dedup();
    eprintln!(
        "trained on {} segments of {} policies ({} n-grams) in {:.1} s; wrote {} ({} bytes)",
        examples.len(),
        distinct.len(),
        model.features(),
        started.elapsed().as_secs_f64(),
        args.out.display(),
        bytes.len()
    );
    if let Some(validation) = &args.validation {
        // Evaluate what was written, so the figures are those of the file.
        let written = TopicModel::from_bytes(&bytes).map_err(|e| anyhow::anyhow!(e))?;
        let eval = classifier::evaluate(&written, &classifier::load_csv(validation)?);
        let mut sink = stdout_sink(false, false);
        sink.topic_evaluation(&eval)?;
        sink.finish()?;
    }
    Ok(true)
}

/// Evaluate a topic model on labelled segments.
pub fn eval(args: EvalArgs) -> Result<bool> {
    if let Some(k) = args.folds {
        let segments: Vec<classifier::Labelled> = classifier::load_segments(&args.file)?
            .into_iter()
            .filter(|s| args.split.as_ref().is_none_or(|split| &s.split == split))
            .collect();
        if segments.is_empty() {
            anyhow::bail!("'{}' has no rows to cross-validate", args.file.display());
        }
        let opts = if args.baseline {
            TrainOptions::baseline()
        } else {
            TrainOptions::default()
        };
        let cv = classifier::cross_validate(&segments, usize::from(k), opts);
        let mut sink = stdout_sink(args.json, false);
        sink.topic_cross_validation(&cv)?;
        sink.finish()?;
        return Ok(true);
    }
    let examples = classifier::load_csv(&args.file)?;
    let eval = if args.lexicon {
        classifier::evaluate(crate::analyze::topic::LexiconTagger::shared(), &examples)
    } else {
        classifier::evaluate(model(args.model.as_deref())?.as_ref(), &examples)
    };
    let mut sink = stdout_sink(args.json, false);
    sink.topic_evaluation(&eval)?;
    sink.finish()?;
    Ok(true)
}

/// Read JSON Lines from stdin, add topics and scores, write them back in order.
pub fn classify(args: ClassifyArgs) -> Result<bool> {
    use std::io::BufRead;
    let model = model(args.model.as_deref())?;
    let stdin = io::stdin().lock();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failures = 0;
    for (n, line) in stdin.lines().enumerate() {
        let line = line.context("cannot read stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Result<serde_json::Map<String, serde_json::Value>, String> =
            serde_json::from_str::<serde_json::Value>(&line)
                .map_err(|e| e.to_string())
                .and_then(|v| match v {
                    serde_json::Value::Object(map) => Ok(map),
                    _ => Err("expected a JSON object".to_owned()),
                })
                .and_then(|map| match map.get("text") {
                    Some(serde_json::Value::String(_)) => Ok(map),
                    _ => Err("expected a string field \"text\"".to_owned()),
                });
        let mut object = match parsed {
            Ok(object) => object,
            Err(reason) => {
                failures += 1;
                eprintln!("polsearch: stdin line {}: {reason}", n + 1);
                if args.json {
                    let error = serde_json::json!({"error": reason, "line": n + 1});
                    serde_json::to_writer(&mut out, &error)?;
                    out.write_all(b"\n")?;
                }
                continue;
            }
        };
        let text = object
            .get("text")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let section = object
            .get("section")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let (scores, topics) = model.classify(text, section);
        // As the index tags it: no topics in a language polsearch does not read (the
        // model's scores are still given).
        let lang = crate::analyze::lang::of_clauses([(text, section, false)])[0];
        let topics: Vec<&str> = if lang.is_read() {
            topics.iter().map(|t| t.name()).collect()
        } else {
            Vec::new()
        };
        let score_map: serde_json::Map<String, serde_json::Value> = Topic::ALL
            .iter()
            .map(|t| {
                let p = (f64::from(scores[*t as usize]) * 1e4).round() / 1e4;
                (t.name().to_owned(), serde_json::json!(p))
            })
            .collect();
        object.insert("lang".into(), serde_json::json!(lang.code()));
        object.insert("topics".into(), serde_json::json!(topics));
        object.insert("scores".into(), serde_json::Value::Object(score_map));
        serde_json::to_writer(&mut out, &object)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    if failures > 0 {
        anyhow::bail!("{failures} malformed input line(s) (reported above)");
    }
    Ok(true)
}
