//! A company's versions (`history`) and what changed between two versions (`diff`): a
//! line per changed clause with its place in both files, word changes of modified ones, and
//! the retention periods and topics a change moves.

use std::io::{self, Write};

use crate::analyze::lang::Lang;
use crate::output::{DiffView, Style};
use crate::versions::{ChangeKind, Side, VersionRow};

pub(super) fn history(out: &mut dyn Write, company: &str, rows: &[VersionRow]) -> io::Result<()> {
    let mut policy = None;
    for row in rows {
        let key = (row.kind.as_str(), row.lang, row.document.as_str());
        let first = policy != Some(key);
        if first {
            policy = Some(key);
            let n = rows
                .iter()
                .filter(|r| (r.kind.as_str(), r.lang, r.document.as_str()) == key)
                .count();
            let word = crate::text::plural(n, "version", "versions");
            // The language is named when it is not English or when the company's policy
            // of this kind was captured in others too (each is a policy of its own).
            let named = row.lang != Lang::En || row.translated;
            let lang = if named {
                format!(", {}", row.lang.name())
            } else {
                String::new()
            };
            // One of several undated documents of a kind: named by its file.
            let several = rows
                .iter()
                .any(|r| r.kind == row.kind && r.lang == row.lang && r.document != row.document);
            let document = if several {
                format!(", {}", crate::corpus::pathkey::file_name(&row.path))
            } else {
                String::new()
            };
            writeln!(out, "{company}, {}{lang}{document}: {n} {word}", row.kind)?;
        }
        let date = row.date.as_deref().unwrap_or("undated");
        let effective = match (&row.snapshot, &row.effective) {
            (Some(_), Some(e)) => format!(" (states {e})"),
            _ => String::new(),
        };
        let modified = if row.modified > 0 {
            format!(" ({} modified)", row.modified)
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {date}{effective}  {} {}  +{} -{}{modified}  {}",
            row.clauses,
            crate::text::plural(row.clauses, "clause", "clauses"),
            row.added,
            row.removed,
            row.path
        )?;
        if let Some(p) = row.partial {
            let (n, word) = (
                row.clauses,
                crate::text::plural(row.clauses, "clause", "clauses"),
            );
            let before = p.before;
            match p.after {
                _ if p.in_empty_run(n) => writeln!(
                    out,
                    "      partial capture: {n} {word} against {before} before (an empty, failed or other page); passed over"
                )?,
                Some(after) => writeln!(
                    out,
                    "      partial capture: {n} {word} against {before} before and {after} after (a failed, truncated or other page); the next version is compared with the one before it"
                )?,
                None => writeln!(
                    out,
                    "      partial capture: {n} {word} against {before} before, the last capture (a failed, truncated or other page, or the policy's end); --latest takes the version before it"
                )?,
            }
        }
        if let Some(r) = &row.retention {
            writeln!(out, "      retention: {}", r.describe())?;
        }
        let topics: Vec<String> = row
            .topics
            .iter()
            .map(|t| format!("{} +{} -{}", t.topic, t.added, t.removed))
            .collect();
        // A policy's first version adds every topic: nothing to compare. (The first one a
        // span or a topic shows is compared with the version before it.)
        if !topics.is_empty() && row.previous.is_some() {
            writeln!(out, "      topics: {}", topics.join(", "))?;
        }
    }
    if rows.is_empty() {
        writeln!(out, "{company}: no versions")?;
    }
    Ok(())
}

fn where_(side: &Side) -> String {
    format!(
        "line {} bytes {}-{}",
        side.line, side.span.start, side.span.end
    )
}

pub(super) fn diff(out: &mut dyn Write, s: Style, view: DiffView) -> io::Result<()> {
    let (d, from_path, to_path) = (view.diff, view.from, view.to);
    writeln!(out, "{}--- {}{}", s.removed, from_path, s.reset)?;
    writeln!(out, "{}+++ {}{}", s.added, to_path, s.reset)?;
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
    // Limited to topics: which, and how many changes on others were left out.
    let on = if d.topics.is_empty() {
        String::new()
    } else {
        format!(
            " on {} ({} other {} left out)",
            d.topics.join(" or "),
            d.left_out,
            crate::text::plural(d.left_out, "change", "changes")
        )
    };
    writeln!(
        out,
        "{}{} added, {} removed, {} modified, {} moved{on}, {} unchanged{}{}",
        s.dim,
        d.count(ChangeKind::Added),
        d.count(ChangeKind::Removed),
        d.count(ChangeKind::Modified),
        d.count(ChangeKind::Moved),
        d.unchanged,
        match (view.kind, view.lang) {
            (Some(k), Some(l)) if l != Lang::En => {
                format!(" ({k}, {})", l.name())
            }
            (Some(k), _) => format!(" ({k})"),
            _ => String::new(),
        },
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
