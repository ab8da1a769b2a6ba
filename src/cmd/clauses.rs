//! `polsearch clauses`: how one file is cut into clauses, without an index.

use std::io::{self, Write};

use anyhow::Result;
use serde::Serialize;

use crate::analyze::document::Document;
use crate::cli::ClausesArgs;
use crate::corpus::Hints;
use crate::output::write_json;
use crate::policy::Kind;

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

/// Print how one file is cut into clauses.
pub fn run(args: ClausesArgs) -> Result<bool> {
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
                start: c.span.start,
                end: c.span.end,
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
                c.span.start,
                c.span.end,
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
