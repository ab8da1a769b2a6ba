//! Retention tables: the retention statements in every clause a search admits, chosen by
//! each statement's own kind and period, grouped by company with the longest first, and a
//! line per company ("which companies keep IP addresses for a year or more?").
//!
//! A clause can state several periods ("logs for 30 days, billing records for 7 years"), so
//! the period bounds apply to statements here, where the search's `retention_min` and
//! `retention_max` apply to a clause's longest stated period.

use std::collections::HashSet;

use crate::analyze::retention::{Retention, RetentionKind};
use crate::error::Result;

use super::{Hit, PolicyIndex, SearchRequest};

/// What a retention table lists.
#[derive(Debug, Clone, Default)]
pub struct RetentionRequest {
    /// The clauses: a query (empty for all of them) and the search filters. Its
    /// `retention_kinds` are replaced by `kinds`; its `retention_min` and `retention_max`
    /// choose statements (see [`RetentionRequest::admits`]), not clauses.
    pub search: SearchRequest,
    /// The kinds of statement listed; empty for the kinds about keeping data (stated,
    /// criterion, indefinite), without cookie lifetimes.
    pub kinds: Vec<RetentionKind>,
}

impl RetentionRequest {
    /// The table of the clauses `search` admits, listing the statement kinds of its
    /// `retention_kinds` (the kinds about keeping data when it has none), and cookie
    /// lifetimes too with `cookies`.
    pub fn new(mut search: SearchRequest, cookies: bool) -> Self {
        let mut kinds = std::mem::take(&mut search.retention_kinds);
        if kinds.is_empty() {
            kinds = RetentionKind::DATA.to_vec();
        }
        if cookies && !kinds.contains(&RetentionKind::Cookie) {
            kinds.push(RetentionKind::Cookie);
        }
        RetentionRequest { search, kinds }
    }

    /// The statement kinds listed.
    pub fn kinds(&self) -> &[RetentionKind] {
        if self.kinds.is_empty() {
            &RetentionKind::DATA
        } else {
            &self.kinds
        }
    }

    /// Whether the table lists `statement`: its kind is asked for and, when a bound is set,
    /// its period is within the bounds. An indefinite statement is at least any period
    /// (kept without a limit) and never at most one; a criterion states no period, so any
    /// bound leaves it out.
    pub fn admits(&self, statement: &Retention) -> bool {
        let (min, max) = (self.search.retention_min, self.search.retention_max);
        if !self.kinds().contains(&statement.kind) {
            return false;
        }
        if min.is_none() && max.is_none() {
            return true;
        }
        match (statement.kind, statement.days) {
            (RetentionKind::Indefinite, _) => max.is_none(),
            (_, Some(days)) => min.is_none_or(|m| days >= m) && max.is_none_or(|m| days <= m),
            (_, None) => false,
        }
    }
}

/// One company's line of a retention table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRetention {
    /// The company.
    pub company: String,
    /// Statements listed.
    pub statements: usize,
    /// Distinct clauses making them.
    pub clauses: usize,
    /// Statements of each kind.
    pub stated: usize,
    /// (see `stated`)
    pub criteria: usize,
    /// (see `stated`)
    pub indefinite: usize,
    /// (see `stated`)
    pub cookies: usize,
    /// The row (an index into [`RetentionTable::rows`]) stating the company's longest data
    /// period, if any statement states one.
    pub longest: Option<usize>,
}

/// A retention table ([`PolicyIndex::retention_table`]).
#[derive(Debug, Clone, Default)]
pub struct RetentionTable {
    /// The clauses making the statements listed.
    pub hits: Vec<Hit>,
    /// The statements: a hit (an index into `hits`) and one of its statements (an index
    /// into its `retention`). Grouped by company in name order; in each, indefinite
    /// statements first, then stated periods longest first, then criteria, then cookie
    /// lifetimes longest first; ties in file and offset order.
    pub rows: Vec<(usize, usize)>,
    /// A line per company, the longest stated period first (companies stating none last),
    /// then by name.
    pub companies: Vec<CompanyRetention>,
    /// Notes for the user about the query.
    pub notes: Vec<String>,
}

impl RetentionTable {
    /// Row `i`: the clause and the statement.
    pub fn row(&self, i: usize) -> (&Hit, &Retention) {
        let (h, s) = self.rows[i];
        (&self.hits[h], &self.hits[h].retention[s])
    }

    /// The rows in order.
    pub fn statements(&self) -> impl Iterator<Item = (&Hit, &Retention)> {
        (0..self.rows.len()).map(|i| self.row(i))
    }
}

impl PolicyIndex {
    /// The retention statements of every distinct clause `req` admits, as a table.
    pub fn retention_table(&self, req: &RetentionRequest) -> Result<RetentionTable> {
        let search = SearchRequest {
            retention_kinds: req.kinds().to_vec(),
            retention_min: None,
            retention_max: None,
            occurrences: false,
            per_company: None,
            ..req.search.clone()
        };
        let mut export = self.export(&search)?;
        let notes = export.notes().to_vec();
        let mut hits = Vec::new();
        let mut rows = Vec::new();
        for hit in &mut export {
            let hit = hit?;
            let admitted: Vec<usize> = (0..hit.retention.len())
                .filter(|&s| req.admits(&hit.retention[s]))
                .collect();
            if admitted.is_empty() {
                continue;
            }
            rows.extend(admitted.into_iter().map(|s| (hits.len(), s)));
            hits.push(hit);
        }
        let order = |r: &Retention| match r.kind {
            RetentionKind::Indefinite => (0, 0),
            RetentionKind::Stated => (1, u64::MAX - r.days.unwrap_or(0)),
            RetentionKind::Criterion => (2, 0),
            RetentionKind::Cookie => (3, u64::MAX - r.days.unwrap_or(0)),
        };
        rows.sort_by(|&(ha, sa), &(hb, sb)| {
            let (a, b) = (&hits[ha], &hits[hb]);
            let (ra, rb) = (&a.retention[sa], &b.retention[sb]);
            a.company
                .cmp(&b.company)
                .then(order(ra).cmp(&order(rb)))
                .then(a.path.cmp(&b.path))
                .then(ra.span.start.cmp(&rb.span.start))
        });
        let mut table = RetentionTable {
            hits,
            rows,
            companies: Vec::new(),
            notes,
        };
        table.companies = companies(&table);
        Ok(table)
    }
}

/// The company lines of a table whose rows are in order.
fn companies(table: &RetentionTable) -> Vec<CompanyRetention> {
    let mut lines: Vec<CompanyRetention> = Vec::new();
    let mut clauses = HashSet::new();
    for (i, &(h, _)) in table.rows.iter().enumerate() {
        let (hit, r) = table.row(i);
        if lines.last().is_none_or(|l| l.company != hit.company) {
            clauses.clear();
            lines.push(CompanyRetention {
                company: hit.company.clone(),
                statements: 0,
                clauses: 0,
                stated: 0,
                criteria: 0,
                indefinite: 0,
                cookies: 0,
                longest: None,
            });
        }
        let line = lines.last_mut().expect("pushed above");
        line.statements += 1;
        if clauses.insert(h) {
            line.clauses += 1;
        }
        match r.kind {
            RetentionKind::Stated => {
                line.stated += 1;
                // Rows are longest first: the first stated one is the longest.
                if line.longest.is_none() {
                    line.longest = Some(i);
                }
            }
            RetentionKind::Criterion => line.criteria += 1,
            RetentionKind::Indefinite => line.indefinite += 1,
            RetentionKind::Cookie => line.cookies += 1,
        }
    }
    let days = |l: &CompanyRetention| l.longest.and_then(|i| table.row(i).1.days);
    lines.sort_by(|a, b| days(b).cmp(&days(a)).then(a.company.cmp(&b.company)));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span;

    fn statement(kind: RetentionKind, days: Option<u64>) -> Retention {
        Retention {
            text: String::new(),
            days,
            kind,
            span: Span::new(0, 1),
        }
    }

    fn bounded(min: Option<u64>, max: Option<u64>, kinds: &[RetentionKind]) -> RetentionRequest {
        RetentionRequest {
            search: SearchRequest {
                retention_min: min,
                retention_max: max,
                ..SearchRequest::default()
            },
            kinds: kinds.to_vec(),
        }
    }

    #[test]
    fn bounds_choose_statements_by_their_own_period() {
        use RetentionKind::*;
        let year = bounded(Some(365), None, &[]);
        assert!(year.admits(&statement(Stated, Some(365))));
        assert!(!year.admits(&statement(Stated, Some(364))));
        assert!(
            year.admits(&statement(Indefinite, None)),
            "no limit is at least a year"
        );
        assert!(
            !year.admits(&statement(Criterion, None)),
            "a criterion states no period"
        );
        assert!(
            !year.admits(&statement(Cookie, Some(730))),
            "cookie lifetimes only when asked for"
        );
        let month = bounded(None, Some(30), &[Stated, Indefinite, Cookie]);
        assert!(month.admits(&statement(Stated, Some(30))));
        assert!(month.admits(&statement(Cookie, Some(1))));
        assert!(!month.admits(&statement(Stated, Some(31))));
        assert!(!month.admits(&statement(Indefinite, None)));
        let all = bounded(None, None, &[]);
        assert!(all.admits(&statement(Criterion, None)));
        assert!(!all.admits(&statement(Cookie, Some(1))));
        let between = bounded(Some(30), Some(365), &[]);
        assert!(between.admits(&statement(Stated, Some(180))));
        assert!(!between.admits(&statement(Stated, Some(7))));
    }
}
