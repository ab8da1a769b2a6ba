//! The commands: parsed flags in, library calls, output out. Returns whether anything matched,
//! which `main` turns into the exit status.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;

use crate::analyze::classifier::{self, TopicModel, TrainOptions};
use crate::analyze::document::Document;
use crate::analyze::retention::{self, RetentionKind};
use crate::analyze::topic::Topic;
use crate::cli::{
    ClassifyArgs, ClausesArgs, ClustersArgs, ColorArg, Command, CompanyFromArg, DiffArgs, EvalArgs,
    IndexArgs, RetentionArgs, SearchArgs, StatsArgs, TopicsCommand, TrainArgs,
};
use crate::corpus::CompanyFrom;
use crate::corpus::Hints;
use crate::index::indexer::{self, IndexOptions, IndexReport, Skipped};
use crate::index::store::Store;
use crate::output::{write_json, HumanSink, JsonSink, SearchSummary, Sink, Style};
use crate::policy::{Kind, PolicyDate};
use crate::progress::Reporter;
use crate::search::tally::Unit;
use crate::search::{AsOf, PolicyIndex, Presence, Ranking, SearchRequest};

pub const DEFAULT_INDEX: &str = "index";
pub const DEFAULT_CORPUS: &str = "corpus";

/// Run one command; `Ok(true)` when it found something (or simply succeeded).
pub fn run(command: Command) -> Result<bool> {
    match command {
        Command::Index(args) => index(args),
        Command::Search(args) => search(*args),
        Command::History(args) => {
            let index = open_index(args.index.index, args.json)?;
            crate::cmd::history::run(&index, &args.company, args.kind, args.json)
        }
        Command::Diff(args) => diff(args),
        Command::Clauses(args) => clauses(args),
        Command::Stats(args) => stats(args),
        Command::Check(args) => check(args),
        Command::Retention(args) => retention_table(args),
        Command::Topics(TopicsCommand::Train(args)) => topics_train(args),
        Command::Topics(TopicsCommand::Eval(args)) => topics_eval(args),
        Command::Topics(TopicsCommand::Clusters(args)) => topics_clusters(args),
        Command::Classify(args) => classify(args),
        Command::Eval(crate::cli::EvalCommand::Relevance(args)) => {
            crate::cmd::eval::relevance(args, default_threads())
        }
        Command::Eval(crate::cli::EvalCommand::Company(args)) => {
            crate::cmd::company_eval::run(args)
        }
    }
}

fn model(path: Option<&Path>) -> Result<std::borrow::Cow<'static, TopicModel>> {
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
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create '{}'", dir.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write '{}'", path.display()))
}

fn topics_clusters(args: ClustersArgs) -> Result<bool> {
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

fn topics_train(args: TrainArgs) -> Result<bool> {
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
        print!("{}", eval.table());
    }
    Ok(true)
}

fn topics_eval(args: EvalArgs) -> Result<bool> {
    let mut out = io::stdout().lock();
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
        if args.json {
            write_json(&mut out, "cross_validation", &cv)?;
        } else {
            write!(out, "{}", cv.table())?;
        }
        return Ok(true);
    }
    let examples = classifier::load_csv(&args.file)?;
    let eval = if args.lexicon {
        classifier::evaluate(crate::analyze::topic::LexiconTagger::shared(), &examples)
    } else {
        classifier::evaluate(model(args.model.as_deref())?.as_ref(), &examples)
    };
    if args.json {
        write_json(&mut out, "evaluation", &eval)?;
    } else {
        write!(out, "{}", eval.table())?;
    }
    Ok(true)
}

/// Read JSON Lines from stdin, add topics and scores, write them back in order.
fn classify(args: ClassifyArgs) -> Result<bool> {
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
        let topics: Vec<&str> = topics.iter().map(|t| t.name()).collect();
        let score_map: serde_json::Map<String, serde_json::Value> = Topic::ALL
            .iter()
            .map(|t| {
                let p = (f64::from(scores[*t as usize]) * 1e4).round() / 1e4;
                (t.name().to_owned(), serde_json::json!(p))
            })
            .collect();
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

/// "14.2 KB", "35.1 MB".
fn human_bytes(bytes: u64) -> String {
    match bytes {
        b if b < 1_000 => format!("{b} B"),
        b if b < 1_000_000 => format!("{:.1} KB", b as f64 / 1e3),
        b if b < 1_000_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b => format!("{:.2} GB", b as f64 / 1e9),
    }
}

/// Milliseconds, rounded to the microsecond (no float noise in JSON).
fn millis(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

fn index(args: IndexArgs) -> Result<bool> {
    let opts = IndexOptions {
        corpus: args.corpus,
        index_dir: args
            .index
            .index
            .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX)),
        threads: args.threads.map_or_else(default_threads, usize::from),
        company_from: match args.company_from {
            CompanyFromArg::Auto => CompanyFrom::Auto,
            CompanyFromArg::Dir => CompanyFrom::Dir,
            CompanyFromArg::Text => CompanyFrom::Text,
        },
        rebuild: args.rebuild,
    };
    let progress = Reporter::new(!args.json, args.quiet);
    let report = indexer::build(&opts, &progress)
        .with_context(|| format!("indexing '{}' failed", opts.corpus.display()))?;
    let mut out = io::stdout().lock();
    if args.json {
        write_json(&mut out, "summary", &IndexSummary::from(&report))?;
    } else {
        print_index_report(&mut out, &report, &opts.index_dir)?;
    }
    out.flush()?;
    Ok(true)
}

/// The `summary` message of `polsearch index --json`.
#[derive(Serialize)]
struct IndexSummary<'a> {
    files: u64,
    clauses: u64,
    bytes: u64,
    added: u64,
    updated: u64,
    removed: u64,
    unchanged: u64,
    rebuilt: Option<&'a str>,
    skipped: &'a [Skipped],
    elapsed_ms: f64,
}

impl<'a> From<&'a IndexReport> for IndexSummary<'a> {
    fn from(r: &'a IndexReport) -> Self {
        IndexSummary {
            files: r.files,
            clauses: r.clauses,
            bytes: r.bytes,
            added: r.added,
            updated: r.updated,
            removed: r.removed,
            unchanged: r.unchanged,
            rebuilt: r.rebuilt.as_deref(),
            skipped: &r.skipped,
            elapsed_ms: millis(r.elapsed),
        }
    }
}

fn print_index_report(out: &mut impl Write, r: &IndexReport, dir: &Path) -> io::Result<()> {
    writeln!(
        out,
        "indexed {} files, {} clauses, {} in {:.2} s ({:.1} MB/s) into {}",
        r.files,
        r.clauses,
        human_bytes(r.bytes),
        r.elapsed.as_secs_f64(),
        r.mb_per_sec(),
        dir.display()
    )?;
    writeln!(
        out,
        "{} added, {} updated, {} removed, {} unchanged{}",
        r.added,
        r.updated,
        r.removed,
        r.unchanged,
        r.rebuilt
            .as_deref()
            .map_or(String::new(), |why| format!(" (built from scratch: {why})"))
    )?;
    if !r.skipped.is_empty() {
        writeln!(out, "skipped {} files:", r.skipped.len())?;
        for s in &r.skipped {
            writeln!(out, "  {}: {}", s.path, s.reason)?;
        }
    }
    Ok(())
}

/// Open the index; with the default folder, build it from the default corpus first if needed.
fn open_index(dir: Option<PathBuf>, quiet: bool) -> Result<PolicyIndex> {
    let explicit = dir.is_some();
    let dir = dir.unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX));
    if !explicit && Store::new(&dir).current().is_none() {
        if !quiet {
            eprintln!(
                "polsearch: no index in '{}' yet; indexing '{}' first",
                dir.display(),
                DEFAULT_CORPUS
            );
        }
        let opts = IndexOptions {
            corpus: PathBuf::from(DEFAULT_CORPUS),
            index_dir: dir.clone(),
            threads: default_threads(),
            company_from: CompanyFrom::Auto,
            rebuild: false,
        };
        indexer::build(&opts, &Reporter::new(true, quiet))
            .with_context(|| format!("indexing '{DEFAULT_CORPUS}' failed"))?;
    }
    Ok(PolicyIndex::open(&dir)?)
}

fn search(args: SearchArgs) -> Result<bool> {
    let topics = args
        .topic
        .iter()
        .map(|t| t.parse::<Topic>())
        .collect::<Result<Vec<_>, _>>()?;
    let kinds = args
        .kind
        .iter()
        .map(|k| k.parse::<Kind>())
        .collect::<Result<Vec<_>, _>>()?;
    let date_arg = |flag: &str, value: &Option<String>, end: bool| -> Result<Option<PolicyDate>> {
        value
            .as_deref()
            .map(|v| {
                PolicyDate::parse_bound(v, end).ok_or_else(|| {
                    anyhow::anyhow!(
                        "invalid date '{v}' for {flag} (use YYYY, YYYY-MM or YYYY-MM-DD)"
                    )
                })
            })
            .transpose()
    };
    let since = date_arg("--since", &args.since, false)?;
    let until = date_arg("--until", &args.until, true)?;
    let effective_since = date_arg("--effective-since", &args.effective_since, false)?;
    let effective_until = date_arg("--effective-until", &args.effective_until, true)?;
    let as_of = match date_arg("--as-of", &args.as_of, true)? {
        Some(date) => Some(AsOf::Date(date)),
        None => args.latest.then_some(AsOf::Latest),
    };
    let period_arg = |flag: &str, value: &Option<String>| -> Result<Option<u64>> {
        value
            .as_deref()
            .map(|v| {
                retention::parse_period(v).ok_or_else(|| {
                    anyhow::anyhow!(
                        "invalid period '{v}' for {flag} (use e.g. 48h, 30d, 6w, 12m, 1y)"
                    )
                })
            })
            .transpose()
    };
    let retention_min = period_arg("--retention-min", &args.retention_min)?;
    let retention_max = period_arg("--retention-max", &args.retention_max)?;
    let retention_kinds = args
        .retention
        .iter()
        .map(|k| k.parse::<RetentionKind>().map_err(anyhow::Error::msg))
        .collect::<Result<Vec<_>>>()?;
    let index = open_index(args.index.index, args.quiet || args.json)?;
    let request = SearchRequest {
        query: args.query.clone().unwrap_or_default(),
        companies: args.company,
        topics,
        kinds,
        since,
        until,
        effective_since,
        effective_until,
        as_of,
        count: args.count.unwrap_or(if args.occurrences {
            Unit::Occurrences
        } else {
            Unit::Clauses
        }),
        added_since: date_arg("--added-since", &args.added_since, false)?,
        presence: match (args.current, args.removed) {
            (true, _) => Some(Presence::Current),
            (_, true) => Some(Presence::Removed),
            _ => None,
        },
        occurrences: args.occurrences,
        per_company: args.per_company.map(|n| n as usize),
        retention_min,
        retention_max,
        retention_kinds,
        limit: args.limit,
        offset: args.offset,
        facets: args.facets,
        exact_total: args.exact_total,
        ranking: match args.rank {
            crate::cli::RankArg::Auto => Ranking::Auto,
            crate::cli::RankArg::Bm25 => Ranking::Bm25,
        },
    };
    if let Some(file) = &args.queries {
        return crate::cmd::batch::run(&index, file, &request);
    }
    let results = index.search(&request)?;
    if !args.quiet {
        for note in &results.notes {
            eprintln!("polsearch: note: {note}");
        }
    }
    let stdout = io::stdout().lock();
    let mut sink: Box<dyn Sink> = if args.json {
        Box::new(JsonSink::new(io::BufWriter::new(stdout)))
    } else {
        let colour = colour(args.color);
        Box::new(HumanSink::new(
            io::BufWriter::new(stdout),
            Style::new(colour),
        ))
    };
    for hit in &results.hits {
        sink.hit(hit)?;
    }
    for facet in &results.facets {
        sink.facets(facet)?;
    }
    let summary = SearchSummary {
        total_hits: results.total_hits,
        count: results.unit.name(),
        total_exact: results.total_exact,
        elapsed_ms: millis(results.elapsed),
    };
    sink.summary(&summary, results.hits.len(), request.offset)?;
    Ok(results.total_hits > 0)
}

fn colour(arg: ColorArg) -> bool {
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn diff(args: DiffArgs) -> Result<bool> {
    use crate::cmd::diff::Versions;
    let date = |flag: &str, v: &str, end: bool| {
        PolicyDate::parse_bound(v, end).ok_or_else(|| {
            anyhow::anyhow!("invalid date '{v}' for {flag} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        })
    };
    let style = Style::new(!args.json && colour(args.color));
    match (args.targets.as_slice(), &args.from, &args.to) {
        ([a, b], None, None) => crate::cmd::diff::run(
            Versions::Files(PathBuf::from(a), PathBuf::from(b)),
            None,
            args.json,
            style,
        ),
        ([company], Some(from), Some(to)) => {
            let versions = Versions::Dated {
                company: company.clone(),
                from: (date("--from", from, true)?, from.clone()),
                to: (date("--to", to, true)?, to.clone()),
                kind: args.kind,
            };
            let index = open_index(args.index.index, args.json)?;
            crate::cmd::diff::run(versions, Some(&index), args.json, style)
        }
        ([_], _, _) => anyhow::bail!(
            "diff COMPANY needs --from DATE and --to DATE (or give two files: diff FILE_A FILE_B)"
        ),
        _ => anyhow::bail!("diff FILE_A FILE_B takes no --from/--to"),
    }
}

/// One clause as `polsearch clauses --json` prints it.
#[derive(Serialize)]
struct ClauseOut<'a> {
    path: String,
    company: &'a str,
    start: usize,
    end: usize,
    line: u32,
    section: &'a str,
    heading: bool,
    topics: Vec<&'static str>,
    text: &'a str,
}

#[derive(Serialize)]
struct ClausesSummary<'a> {
    path: String,
    format: crate::corpus::format::Format,
    encoding: &'a str,
    company: &'a str,
    /// Where the company came from, with the text's evidence when the text decided.
    company_source: &'a crate::analyze::document::CompanySource,
    kind: Kind,
    /// The snapshot date if any, else the effective date.
    date: Option<String>,
    snapshot: Option<String>,
    effective: Option<String>,
    title: Option<&'a str>,
    clauses: usize,
}

fn clauses(args: ClausesArgs) -> Result<bool> {
    let raw = crate::cmd::read_capped(&args.file)?;
    let doc = Document::parse(
        &args.file,
        &raw,
        &Hints::text(),
        crate::analyze::classifier::default_tagger(),
    )
    .map_err(|r| anyhow::anyhow!("'{}': {r}", args.file.display()))?;
    let path = args.file.display().to_string();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for tc in &doc.clauses {
        let c = &tc.clause;
        if args.json {
            let msg = ClauseOut {
                path: path.clone(),
                company: &doc.company,
                start: c.start,
                end: c.end,
                line: c.line,
                section: &c.section,
                heading: c.heading,
                topics: tc.topics.iter().map(|t| t.name()).collect(),
                text: &c.text,
            };
            write_json(&mut out, "clause", &msg)?;
        } else {
            let topics: Vec<&str> = tc.topics.iter().map(|t| t.name()).collect();
            let kind = if c.heading { "heading " } else { "" };
            writeln!(
                out,
                "{path}:{} [{}, {}) {kind}[{}]  § {}",
                c.line,
                c.start,
                c.end,
                topics.join(", "),
                c.section
            )?;
            writeln!(out, "  {}", crate::text::collapse_ws(&c.text))?;
        }
    }
    let summary = ClausesSummary {
        path,
        format: doc.format,
        encoding: doc.encoding,
        company: &doc.company,
        company_source: &doc.company_source,
        kind: doc.kind,
        date: doc.date().map(|d| d.iso()),
        snapshot: doc.snapshot.map(|d| d.iso()),
        effective: doc.effective.map(|d| d.iso()),
        title: doc.title.as_deref(),
        clauses: doc.clauses.len(),
    };
    if args.json {
        write_json(&mut out, "summary", &summary)?;
    } else {
        writeln!(
            out,
            "{} clauses; company: {}; kind: {}; snapshot: {}; effective: {}; title: {}; format: {:?}; encoding: {}",
            summary.clauses,
            summary.company,
            summary.kind,
            summary.snapshot.as_deref().unwrap_or("-"),
            summary.effective.as_deref().unwrap_or("-"),
            summary.title.unwrap_or("-"),
            summary.format,
            summary.encoding
        )?;
    }
    out.flush()?;
    Ok(!doc.clauses.is_empty())
}

/// One retention statement as `polsearch retention --json` prints it.
#[derive(Serialize)]
struct RetentionRow<'a> {
    company: &'a str,
    kind: RetentionKind,
    days: Option<u64>,
    period: &'a str,
    clause: &'a str,
    path: &'a str,
    line: u64,
    start: usize,
    end: usize,
}

/// Retention statements grouped by company, longest first (indefinite, then stated periods
/// by length, then criteria).
fn retention_table(args: RetentionArgs) -> Result<bool> {
    let index = open_index(args.index.index, args.json)?;
    let mut kinds = RetentionKind::DATA.to_vec();
    if args.cookies {
        kinds.push(RetentionKind::Cookie);
    }
    let request = SearchRequest {
        query: String::new(),
        companies: args.company,
        retention_kinds: kinds.clone(),
        limit: 1,
        exact_total: true,
        ..SearchRequest::default()
    };
    let total = index.search(&request)?.total_hits;
    let results = index.search(&SearchRequest {
        limit: total.max(1),
        ..request
    })?;
    let mut rows: Vec<(&crate::search::Hit, &retention::Retention)> = results
        .hits
        .iter()
        .flat_map(|h| h.retention.iter().map(move |r| (h, r)))
        .filter(|(_, r)| kinds.contains(&r.kind))
        .collect();
    let rank = |r: &retention::Retention| match r.kind {
        RetentionKind::Indefinite => (0, 0),
        RetentionKind::Stated => (1, u64::MAX - r.days.unwrap_or(0)),
        RetentionKind::Criterion => (2, 0),
        RetentionKind::Cookie => (3, u64::MAX - r.days.unwrap_or(0)),
    };
    rows.sort_by(|a, b| {
        a.0.company
            .cmp(&b.0.company)
            .then(rank(a.1).cmp(&rank(b.1)))
            .then(a.0.path.cmp(&b.0.path))
            .then(a.1.start.cmp(&b.1.start))
    });
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut current = "";
    for (hit, r) in &rows {
        if args.json {
            let row = RetentionRow {
                company: &hit.company,
                kind: r.kind,
                days: r.days,
                period: &r.text,
                clause: &hit.text,
                path: &hit.path,
                line: hit.line,
                start: r.start,
                end: r.end,
            };
            write_json(&mut out, "retention", &row)?;
            continue;
        }
        if hit.company != current {
            current = &hit.company;
            writeln!(out, "\n{current}")?;
        }
        let period = match r.days {
            Some(d) => format!("{} ({d} d)", r.text),
            None => format!("{}: {}", r.kind.name(), r.text),
        };
        let clause = crate::text::collapse_ws(&hit.text);
        let clause: String = if clause.chars().count() > 110 {
            clause.chars().take(107).chain("...".chars()).collect()
        } else {
            clause
        };
        writeln!(out, "  {period:<40} {clause}  [{}:{}]", hit.path, hit.line)?;
    }
    if !args.json {
        writeln!(
            out,
            "\n{} {} in {} {}",
            rows.len(),
            crate::text::plural(rows.len(), "statement", "statements"),
            results.hits.len(),
            crate::text::plural(results.hits.len(), "clause", "clauses")
        )?;
    }
    out.flush()?;
    Ok(!rows.is_empty())
}

/// Check an index's files; damage is an error naming each file.
fn check(args: StatsArgs) -> Result<bool> {
    let dir = args
        .index
        .index
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX));
    let generation = Store::new(&dir).require_current()?;
    let report = crate::index::integrity::check(&dir, &generation, true);
    let mut out = io::stdout().lock();
    if args.json {
        write_json(&mut out, "check", &report)?;
    } else if report.problems.is_empty() {
        writeln!(
            out,
            "index '{}' is whole: {} segments, {} documents, {} files checked",
            dir.display(),
            report.segments,
            report.documents,
            report.files_checked
        )?;
    }
    out.flush()?;
    if report.problems.is_empty() {
        return Ok(true);
    }
    for problem in &report.problems {
        eprintln!("polsearch: {problem}");
    }
    Err(crate::error::Error::Damaged {
        path: dir,
        what: format!(
            "{} {} found",
            report.problems.len(),
            crate::text::plural(report.problems.len(), "problem", "problems")
        ),
    }
    .into())
}

fn stats(args: StatsArgs) -> Result<bool> {
    let dir = args
        .index
        .index
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX));
    let index = PolicyIndex::open(&dir)?;
    let stats = index.stats()?;
    let mut out = io::stdout().lock();
    if args.json {
        write_json(&mut out, "stats", &stats)?;
        return Ok(true);
    }
    writeln!(out, "index:      {}", stats.index)?;
    writeln!(out, "corpus:     {}", stats.corpus)?;
    writeln!(out, "documents:  {}", stats.documents)?;
    writeln!(
        out,
        "clauses:    {} ({} distinct)",
        stats.clauses, stats.distinct_clauses
    )?;
    writeln!(out, "source:     {}", human_bytes(stats.source_bytes))?;
    writeln!(
        out,
        "on disk:    {} ({:.2}x source)",
        human_bytes(stats.index_bytes),
        stats.index_bytes as f64 / (stats.source_bytes.max(1)) as f64
    )?;
    writeln!(out, "companies:  {}", stats.companies.len())?;
    for c in stats.companies.iter().take(20) {
        writeln!(out, "  {:>8}  {}", c.count, c.value)?;
    }
    if stats.companies.len() > 20 {
        writeln!(out, "  ... and {} more", stats.companies.len() - 20)?;
    }
    writeln!(out, "topics:")?;
    for t in &stats.topics {
        writeln!(out, "  {:>8}  {}", t.count, t.value)?;
    }
    writeln!(out, "kinds:")?;
    for k in &stats.kinds {
        writeln!(out, "  {:>8}  {}", k.count, k.value)?;
    }
    Ok(true)
}
