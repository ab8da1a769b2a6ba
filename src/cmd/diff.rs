//! `polsearch diff`: what changed between two versions of a policy, clause by clause.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::analyze::lang::Lang;
use crate::cli::DiffArgs;
use crate::index::documents::{GroupFile, PolicyKey};
use crate::output::{stdout_sink, DiffView};
use crate::policy::{Kind, PolicyDate};
use crate::search::{current_version, AsOf, PolicyIndex};
use crate::versions::diff;

use super::{colour, open_index};

/// Which two versions to compare.
pub enum Versions {
    /// Two files.
    Files(PathBuf, PathBuf),
    /// A company's policies as of two dates, from the index.
    Dated {
        /// The company (any case, or an unambiguous prefix).
        company: String,
        /// The dates, and as the user wrote them; no `from`: the first version, no `to`: the
        /// latest.
        from: Option<(PolicyDate, String)>,
        /// (see `from`)
        to: Option<(PolicyDate, String)>,
        /// Only this kind of document.
        kind: Option<Kind>,
        /// Only the versions in this language.
        lang: Option<Lang>,
    },
}

/// Two files to compare, and the policy (kind and language) they are versions of when a
/// company's versions are compared by date.
type Pair = (Option<(String, Lang)>, PathBuf, PathBuf);

/// Print the diffs asked for (only the changes on `topics` when any are given); true when
/// something changed.
pub fn show(
    versions: Versions,
    index: Option<&PolicyIndex>,
    topics: &[&str],
    json: bool,
    colour: bool,
) -> Result<bool> {
    let pairs: Vec<Pair> = match versions {
        Versions::Files(a, b) => vec![(None, a, b)],
        Versions::Dated {
            company,
            from,
            to,
            kind,
            lang,
        } => {
            let index = index.ok_or_else(|| anyhow::anyhow!("diff by date needs an index"))?;
            dated_pairs(index, &company, from, to, kind, lang)?
        }
    };
    let mut sink = stdout_sink(json, colour);
    let mut changed = false;
    for (policy, a, b) in &pairs {
        let (old, new) = (super::read_policy(a)?, super::read_policy(b)?);
        let d = diff(&old, &new).on_topics(topics);
        changed |= !d.changes.is_empty();
        let (a, b) = (a.to_string_lossy(), b.to_string_lossy());
        sink.diff(DiffView {
            diff: &d,
            from: &a,
            to: &b,
            kind: policy.as_ref().map(|(k, _)| k.as_str()),
            lang: policy.as_ref().map(|&(_, l)| l),
        })?;
    }
    sink.finish()?;
    Ok(changed)
}

/// For each of the company's policies (a kind in a language, [`GroupFile::policy`]; of
/// `kind` and `lang` when given), the files current at `from` (else the first version) and
/// at `to` (else the latest).
fn dated_pairs(
    index: &PolicyIndex,
    company: &str,
    from: Option<(PolicyDate, String)>,
    to: Option<(PolicyDate, String)>,
    kind: Option<Kind>,
    lang: Option<Lang>,
) -> Result<Vec<Pair>> {
    let to_text = to.as_ref().map_or("now", |(_, t)| t.as_str()).to_owned();
    let to = to.map_or(AsOf::Latest, |(d, _)| AsOf::Date(d));
    let company = index.resolve_company(company)?;
    // Partial captures (failed or truncated pages, as `history` flags them) are passed over:
    // the version current at a date is the last whole one ([`current_version`]).
    let files = index.versions()?;
    let mut policies: Vec<PolicyKey> = files
        .iter()
        .map(|v| &v.file)
        .filter(|f| {
            f.company == company
                && kind.is_none_or(|want| want.name() == f.kind)
                && lang.is_none_or(|want| want == f.lang)
        })
        .map(|f| f.policy())
        .collect();
    policies.sort_unstable();
    policies.dedup();
    // A policy in another language than the company's others of its kind is named with it,
    // and one of several undated documents of a kind with its file's name.
    let named = |policy: &PolicyKey| {
        let (_, k, l, document) = policy;
        let mut name = if *l == Lang::En && !policies.iter().any(|p| p.1 == *k && p.2 != *l) {
            (*k).to_owned()
        } else {
            format!("{k}, {}", l.name())
        };
        if !document.is_empty() {
            if let Some(v) = files.iter().find(|v| v.file.is_version_of(policy)) {
                name = format!(
                    "{name}, {}",
                    crate::corpus::pathkey::file_name(&v.file.path)
                );
            }
        }
        name
    };
    let mut pairs = Vec::new();
    let mut missing = Vec::new();
    for policy in &policies {
        let (_, kind, lang, _) = *policy;
        let k = named(policy);
        let at = |as_of: AsOf| current_version(&files, policy, as_of);
        // Before the first version: compare from the first one ("what changed since 2020"
        // of a policy first captured in mid-2020), and say so.
        let first = || {
            files
                .iter()
                .map(|v| &v.file)
                .filter(|f| f.is_version_of(policy) && f.date != crate::index::schema::NO_DATE)
                .min_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)))
        };
        let old = match &from {
            None => first().filter(|f| f.date <= to.limit()),
            Some((date, from_text)) => at(AsOf::Date(*date)).or_else(|| {
                let f = first().filter(|f| f.date <= to.limit())?;
                eprintln!(
                    "polsearch: note: {company}, {k}: no version on or before {from_text}; comparing from the first one, {}",
                    f.date_text
                );
                Some(f)
            }),
        };
        match (old, at(to)) {
            (Some(a), Some(b)) => {
                // Say when a date's version would have been a partial capture.
                let dates = [from.as_ref().map(|(d, _)| AsOf::Date(*d)), Some(to)];
                let mut passed: Vec<&GroupFile> = dates
                    .into_iter()
                    .flatten()
                    .filter_map(|as_of| crate::search::last_capture(&files, policy, as_of))
                    .filter(|v| v.partial.is_some())
                    .map(|v| &v.file)
                    .collect();
                passed.dedup_by(|a, b| a.path == b.path);
                for f in passed {
                    eprintln!(
                        "polsearch: note: {company}, {k}: the capture of {} is partial (a failed, truncated or other page); comparing the whole version before it",
                        f.date_text
                    );
                }
                // Say why a diff is empty or runs from the later version to the earlier.
                if a.path == b.path {
                    eprintln!(
                        "polsearch: note: {company}, {k}: one version, {}, is current at both dates",
                        a.date_text
                    );
                } else if a.date > b.date {
                    eprintln!(
                        "polsearch: note: {company}, {k}: --from is after --to; comparing backwards, from {} to {}",
                        a.date_text, b.date_text
                    );
                }
                pairs.push((
                    Some((kind.to_owned(), lang)),
                    PathBuf::from(crate::corpus::pathkey::display(&a.path)),
                    PathBuf::from(crate::corpus::pathkey::display(&b.path)),
                ))
            }
            _ => missing.push(format!("{k}: no version dated on or before {to_text}")),
        }
    }
    if pairs.is_empty() {
        let why = if missing.is_empty() {
            "no dated versions".to_owned()
        } else {
            missing.join("; ")
        };
        anyhow::bail!("nothing to compare for '{company}': {why}");
    }
    for p in &pairs {
        if !Path::new(&p.1).is_file() || !Path::new(&p.2).is_file() {
            anyhow::bail!(
                "cannot read '{}' or '{}': paths are as `polsearch index` recorded them, relative to where it ran",
                p.1.display(),
                p.2.display()
            );
        }
    }
    Ok(pairs)
}

/// Diff two files, or a company's versions as of two dates.
pub fn run(args: DiffArgs) -> Result<bool> {
    let colour = !args.json && colour(args.color);
    let topics: Vec<&str> = args.topic.iter().map(|t| t.name()).collect();
    match (args.targets.as_slice(), &args.from, &args.to) {
        ([a, b], None, None) => show(
            Versions::Files(PathBuf::from(a), PathBuf::from(b)),
            None,
            &topics,
            args.json,
            colour,
        ),
        ([company], from, to) => {
            let date = |d: &crate::policy::DateArg| (d.last(), d.as_str().to_owned());
            let versions = Versions::Dated {
                company: company.clone(),
                from: from.as_ref().map(date),
                to: to.as_ref().map(date),
                kind: args.kind,
                lang: args.lang,
            };
            let index = open_index(&args.index, args.json)?;
            show(versions, Some(&index), &topics, args.json, colour)
        }
        _ => anyhow::bail!("diff FILE_A FILE_B takes no --from/--to"),
    }
}
