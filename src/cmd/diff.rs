//! `polsearch diff`: what changed between two versions of a policy, clause by clause.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;

use crate::cli::DiffArgs;
use crate::output::wire::ChangeMsg;
use crate::output::{write_json, Style};
use crate::policy::{Kind, PolicyDate};
use crate::search::{AsOf, PolicyIndex};
use crate::versions::{diff, ChangeKind, Diff, Side};

use super::{colour, open_index};

/// Which two versions to compare.
pub enum Versions {
    /// Two files.
    Files(PathBuf, PathBuf),
    /// A company's policies as of two dates, from the index.
    Dated {
        /// The company (any case, or an unambiguous prefix).
        company: String,
        /// The dates, and as the user wrote them.
        from: (PolicyDate, String),
        /// (see `from`)
        to: (PolicyDate, String),
        /// Only this kind of document.
        kind: Option<Kind>,
    },
}

/// The summary closing a diff.
#[derive(Debug, Serialize)]
struct Summary<'a> {
    from: &'a str,
    to: &'a str,
    kind: Option<&'a str>,
    added: usize,
    removed: usize,
    modified: usize,
    moved: usize,
    unchanged: usize,
}

/// Print the diffs asked for; true when something changed.
pub fn show(
    versions: Versions,
    index: Option<&PolicyIndex>,
    json: bool,
    style: Style,
) -> Result<bool> {
    let pairs: Vec<(Option<String>, PathBuf, PathBuf)> = match versions {
        Versions::Files(a, b) => vec![(None, a, b)],
        Versions::Dated {
            company,
            from,
            to,
            kind,
        } => {
            let index = index.ok_or_else(|| anyhow::anyhow!("diff by date needs an index"))?;
            dated_pairs(index, &company, from, to, kind)?
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut changed = false;
    for (kind, a, b) in &pairs {
        let (old, new) = (super::read_policy(a)?, super::read_policy(b)?);
        let d = diff(&old, &new);
        changed |= !d.changes.is_empty();
        let (a, b) = (a.to_string_lossy(), b.to_string_lossy());
        let summary = Summary {
            from: &a,
            to: &b,
            kind: kind.as_deref(),
            added: d.count(ChangeKind::Added),
            removed: d.count(ChangeKind::Removed),
            modified: d.count(ChangeKind::Modified),
            moved: d.count(ChangeKind::Moved),
            unchanged: d.unchanged,
        };
        if json {
            for c in &d.changes {
                write_json(&mut out, "change", &ChangeMsg::new(c, &a, &b))?;
            }
            write_json(&mut out, "summary", &summary)?;
        } else {
            print_human(&mut out, &d, &summary, style)?;
        }
    }
    out.flush()?;
    Ok(changed)
}

/// For each kind of the company's policies (or `kind`), the files current at `from` and at
/// `to`.
fn dated_pairs(
    index: &PolicyIndex,
    company: &str,
    (from, from_text): (PolicyDate, String),
    (to, to_text): (PolicyDate, String),
    kind: Option<Kind>,
) -> Result<Vec<(Option<String>, PathBuf, PathBuf)>> {
    let company = index.resolve_company(company)?;
    let files = index.versions()?;
    let mut kinds: Vec<&str> = files
        .iter()
        .filter(|v| v.file.company == company)
        .map(|v| v.file.kind.as_str())
        .filter(|k| kind.is_none_or(|want| want.name() == *k))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut pairs = Vec::new();
    let mut missing = Vec::new();
    for k in kinds {
        let at = |date: PolicyDate| {
            crate::search::current_version(&files, &company, k, AsOf::Date(date))
        };
        // Before the first version: compare from the first one ("what changed since 2020"
        // of a policy first captured in mid-2020), and say so.
        let first = || {
            files
                .iter()
                .map(|v| &v.file)
                .filter(|f| {
                    f.company == company && f.kind == k && f.date != crate::index::schema::NO_DATE
                })
                .min_by(|a, b| (a.date, &a.path).cmp(&(b.date, &b.path)))
        };
        let old = at(from).or_else(|| {
            let f = first().filter(|f| f.date <= to.unix_seconds())?;
            eprintln!(
                "polsearch: note: {company}, {k}: no version on or before {from_text}; comparing from the first one, {}",
                f.date_text
            );
            Some(f)
        });
        match (old, at(to)) {
            (Some(a), Some(b)) => pairs.push((
                Some(k.to_owned()),
                PathBuf::from(crate::corpus::pathkey::display(&a.path)),
                PathBuf::from(crate::corpus::pathkey::display(&b.path)),
            )),
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

fn where_(side: &Side) -> String {
    format!(
        "line {} bytes {}-{}",
        side.line, side.span.start, side.span.end
    )
}

fn print_human(out: &mut impl Write, d: &Diff, summary: &Summary, s: Style) -> io::Result<()> {
    writeln!(out, "{}--- {}{}", s.removed, summary.from, s.reset)?;
    writeln!(out, "{}+++ {}{}", s.added, summary.to, s.reset)?;
    for c in &d.changes {
        match (c.change, &c.from, &c.to) {
            (ChangeKind::Added, _, Some(to)) => {
                writeln!(
                    out,
                    "{}+ {}{}  {}",
                    s.added,
                    section(&to.section),
                    s.reset,
                    where_(to)
                )?;
                writeln!(
                    out,
                    "  {}{}{}",
                    s.added,
                    crate::text::collapse_ws(&to.text),
                    s.reset
                )?;
            }
            (ChangeKind::Removed, Some(from), _) => {
                writeln!(
                    out,
                    "{}- {}{}  {}",
                    s.removed,
                    section(&from.section),
                    s.reset,
                    where_(from)
                )?;
                writeln!(
                    out,
                    "  {}{}{}",
                    s.removed,
                    crate::text::collapse_ws(&from.text),
                    s.reset
                )?;
            }
            (ChangeKind::Modified, Some(from), Some(to)) => {
                writeln!(
                    out,
                    "~ {}  {} -> {}  similarity {:.2}",
                    section(&to.section),
                    where_(from),
                    where_(to),
                    c.similarity.unwrap_or_default()
                )?;
                let mut line = String::from("  ");
                for w in &c.words {
                    match w.op {
                        "delete" => {
                            line.push_str(&format!("{}[-{}-]{}", s.removed, w.text, s.reset))
                        }
                        "insert" => {
                            line.push_str(&format!("{}{{+{}+}}{}", s.added, w.text, s.reset))
                        }
                        _ => line.push_str(&w.text),
                    }
                }
                writeln!(out, "{line}")?;
            }
            (ChangeKind::Moved, Some(from), Some(to)) => {
                writeln!(
                    out,
                    "> {} -> {}  {} -> {}",
                    section(&from.section),
                    section(&to.section),
                    where_(from),
                    where_(to)
                )?;
                writeln!(out, "  {}", crate::text::collapse_ws(&to.text))?;
            }
            _ => continue,
        }
        if let Some(r) = &c.retention {
            writeln!(out, "  {}retention: {}{}", s.dim, r.describe(), s.reset)?;
        }
        if !c.topics_added.is_empty() || !c.topics_removed.is_empty() {
            let mut parts: Vec<String> = c.topics_added.iter().map(|t| format!("+{t}")).collect();
            parts.extend(c.topics_removed.iter().map(|t| format!("-{t}")));
            writeln!(out, "  {}topics: {}{}", s.dim, parts.join(" "), s.reset)?;
        }
    }
    writeln!(
        out,
        "{}{} added, {} removed, {} modified, {} moved, {} unchanged{}{}",
        s.dim,
        summary.added,
        summary.removed,
        summary.modified,
        summary.moved,
        summary.unchanged,
        summary.kind.map(|k| format!(" ({k})")).unwrap_or_default(),
        s.reset
    )
}

fn section(name: &str) -> &str {
    if name.is_empty() {
        "(no section)"
    } else {
        name
    }
}

/// Diff two files, or a company's versions as of two dates.
pub fn run(args: DiffArgs) -> Result<bool> {
    let style = Style::new(!args.json && colour(args.color));
    match (args.targets.as_slice(), &args.from, &args.to) {
        ([a, b], None, None) => show(
            Versions::Files(PathBuf::from(a), PathBuf::from(b)),
            None,
            args.json,
            style,
        ),
        ([company], Some(from), Some(to)) => {
            let versions = Versions::Dated {
                company: company.clone(),
                from: (from.last(), from.as_str().to_owned()),
                to: (to.last(), to.as_str().to_owned()),
                kind: args.kind,
            };
            let index = open_index(&args.index, args.json)?;
            show(versions, Some(&index), args.json, style)
        }
        ([_], _, _) => anyhow::bail!(
            "diff COMPANY needs --from DATE and --to DATE (or give two files: diff FILE_A FILE_B)"
        ),
        _ => anyhow::bail!("diff FILE_A FILE_B takes no --from/--to"),
    }
}
