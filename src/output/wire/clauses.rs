//! The shapes of `clauses --json`: a `clause` per clause, then the file's `summary` with the
//! evidence its company came from.

use serde::Serialize;

use crate::analyze::company::Evidence;
use crate::analyze::document::{CompanySource, Document, TaggedClause};

use super::search::RetentionMsg;

/// A `clause` message of `polsearch clauses --json`: one clause, offsets in the file.
#[derive(Debug, Serialize)]
pub struct ClauseMsg<'a> {
    path: &'a str,
    company: &'a str,
    start: usize,
    end: usize,
    line: u32,
    section: &'a str,
    heading: bool,
    topics: Vec<&'static str>,
    /// The language it is written in (`en`, `fr`, ..., `other`): in one polsearch does not
    /// read, no topics and no retention statements.
    lang: &'static str,
    /// Retention statements: what each says and the words that say it, offsets in the file.
    retention: Vec<RetentionMsg<'a>>,
    text: &'a str,
}

impl<'a> ClauseMsg<'a> {
    /// The message of `clause` of `doc`, read from `path`.
    pub fn new(path: &'a str, doc: &'a Document, clause: &'a TaggedClause) -> Self {
        let c = &clause.clause;
        ClauseMsg {
            path,
            company: &doc.company,
            start: c.span.start,
            end: c.span.end,
            line: c.line,
            section: &c.section,
            heading: c.heading,
            topics: clause.topics.iter().map(|t| t.name()).collect(),
            lang: clause.lang.code(),
            retention: clause
                .retention
                .iter()
                .map(|r| RetentionMsg::in_file(r, c.raw_range(r.span.start..r.span.end)))
                .collect(),
            text: &c.text,
        }
    }
}

/// The `summary` closing `polsearch clauses --json`: what was read of the file.
#[derive(Debug, Serialize)]
pub struct ClausesMsg<'a> {
    path: &'a str,
    format: &'static str,
    encoding: &'a str,
    company: &'a str,
    /// Where the company came from, with the text's evidence when the text decided.
    company_source: CompanySourceMsg<'a>,
    kind: &'static str,
    /// The snapshot date if any, else the effective date.
    date: Option<String>,
    snapshot: Option<String>,
    effective: Option<String>,
    title: Option<&'a str>,
    clauses: usize,
    /// How many clauses are in each language, most first.
    languages: Vec<LanguageCount>,
}

/// How many clauses of a file are in one language.
#[derive(Debug, Serialize)]
pub struct LanguageCount {
    lang: &'static str,
    clauses: usize,
}

impl<'a> ClausesMsg<'a> {
    /// The summary of `doc`, read from `path`.
    pub fn new(path: &'a str, doc: &'a Document) -> Self {
        ClausesMsg {
            path,
            format: doc.format.name(),
            encoding: doc.encoding,
            company: &doc.company,
            company_source: CompanySourceMsg::from(&doc.company_source),
            kind: doc.kind.name(),
            date: doc.date().map(|d| d.iso()),
            snapshot: doc.snapshot.map(|d| d.iso()),
            effective: doc.effective.map(|d| d.iso()),
            title: doc.title.as_deref(),
            clauses: doc.clauses.len(),
            languages: doc
                .languages()
                .into_iter()
                .map(|(l, clauses)| LanguageCount {
                    lang: l.code(),
                    clauses,
                })
                .collect(),
        }
    }
}

/// Where a document's company name came from, and the text's evidence.
#[derive(Debug, Serialize)]
pub struct CompanySourceMsg<'a> {
    from: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<EvidenceMsg<'a>>,
}

impl<'a> From<&'a CompanySource> for CompanySourceMsg<'a> {
    fn from(s: &'a CompanySource) -> Self {
        CompanySourceMsg {
            from: s.from.name(),
            evidence: s.evidence.iter().map(EvidenceMsg::from).collect(),
        }
    }
}

/// One piece of evidence for (positive weight) or against a company name.
#[derive(Debug, Serialize)]
pub struct EvidenceMsg<'a> {
    name: &'a str,
    cue: &'static str,
    weight: i32,
    quote: &'a str,
}

impl<'a> From<&'a Evidence> for EvidenceMsg<'a> {
    fn from(e: &'a Evidence) -> Self {
        EvidenceMsg {
            name: &e.name,
            cue: e.cue,
            weight: e.weight,
            quote: &e.quote,
        }
    }
}
