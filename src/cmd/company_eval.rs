//! `polsearch eval company`: right / unknown / wrong counts of the company inferred from a
//! policy's text alone, against a truth the inference is not shown (the folder, or the domain
//! in the file name).

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::analyze::company::{self, Judged, Tally, Verdict};
use crate::analyze::document::Document;
use crate::cli::{CompanyEvalArgs, ShowArg, TruthArg};
use crate::corpus::Hints;
use crate::corpus::{CompanyFrom, Corpus, CorpusFile};
use crate::output::stdout_sink;

/// Compare the company inferred from each file's text with the truth.
pub fn run(args: CompanyEvalArgs) -> Result<bool> {
    // The indexer's own walk (hidden files, links and non-policy files left out); in `Dir`
    // mode its company hint is the truth: the manifest, else the first folder below DIR.
    let corpus = Corpus::open(&args.dir, None, CompanyFrom::Dir)
        .with_context(|| format!("cannot read the folder '{}'", args.dir.display()))?;
    // A names file of our own: any of a file's names is right.
    let names: Option<BTreeMap<String, Vec<String>>> = match &args.names {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the names file '{}'", path.display()))?;
            let rows = company::parse_names(&text)
                .map_err(|e| anyhow::anyhow!("names file '{}': {e}", path.display()))?;
            Some(rows.into_iter().collect())
        }
        None => None,
    };
    let mut skipped = 0;
    // Each file with its truth as shown and, from a names file, the names accepted.
    let cases: Vec<(&CorpusFile, String, Option<&Vec<String>>)> = corpus
        .files
        .iter()
        .filter_map(|file| {
            let (truth, accepted) = match (&names, args.truth) {
                (Some(names), _) => {
                    let key = file
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned());
                    let accepted = key.and_then(|k| names.get(&k));
                    (accepted.map(|a| a.join("|")), accepted)
                }
                (None, TruthArg::Folder) => (corpus.company_hint(file), None),
                (None, TruthArg::FileDomain) => {
                    (crate::analyze::meta::domain_in_file_name(&file.path), None)
                }
            };
            if truth.is_none() {
                skipped += 1;
            }
            Some((file, truth?, accepted))
        })
        .collect();
    if let Some(names) = &names {
        let listed = cases.len();
        if listed < names.len() {
            eprintln!(
                "polsearch: {} of the names file's {} files are not in '{}'",
                names.len() - listed,
                names.len(),
                args.dir.display()
            );
        }
    }
    // A file that cannot be read as a policy (empty, binary, too large) is named on stderr and
    // not counted, as `index` skips it: one bad file does not end the run.
    let judged: Vec<Option<Judged>> = cases
        .par_iter()
        .map(|(file, truth, accepted)| -> Result<Judged> {
            let path = &file.path;
            let raw = super::read_capped(path)?;
            // A neutral name: the file name may carry the truth (a domain).
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("txt");
            let neutral = PathBuf::from(format!("policy.{ext}"));
            let doc = Document::read(&neutral, &raw, &Hints::text())
                .map_err(|e| anyhow::anyhow!("'{}': {e}", path.display()))?;
            let verdict = match (accepted, args.truth) {
                (Some(accepted), _) => company::judge_any(&doc.company, accepted),
                (None, TruthArg::Folder) => company::judge(&doc.company, truth),
                (None, TruthArg::FileDomain) => company::judge_domain(&doc.company, truth),
            };
            Ok(Judged {
                path: file.rel.display().to_string(),
                truth: truth.clone(),
                inferred: doc.company,
                verdict,
            })
        })
        .map(|judged| {
            judged
                .map_err(|e| eprintln!("polsearch: skipped {e:#}"))
                .ok()
        })
        .collect();
    let unreadable = judged.iter().filter(|j| j.is_none()).count();
    let rows: Vec<Judged> = judged.into_iter().flatten().collect();
    let mut tally = Tally {
        files: rows.len(),
        skipped,
        unreadable,
        ..Tally::default()
    };
    for row in &rows {
        match row.verdict {
            Verdict::Right => tally.right += 1,
            Verdict::Unknown => tally.unknown += 1,
            Verdict::Wrong => tally.wrong += 1,
        }
    }
    let shown = |row: &Judged| match args.show {
        None => false,
        Some(ShowArg::All) => true,
        Some(ShowArg::Wrong) => row.verdict == Verdict::Wrong,
        Some(ShowArg::Unknown) => row.verdict == Verdict::Unknown,
    };
    let mut sink = stdout_sink(args.json, false);
    for row in rows.iter().filter(|r| shown(r)) {
        sink.company_judged(row)?;
    }
    sink.company_tally(&tally)?;
    sink.finish()?;
    Ok(tally.files > 0)
}
