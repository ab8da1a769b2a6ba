//! Count tables (`polsearch count`): how many matching clauses (or occurrences, documents,
//! companies) there are per company, topic, document kind, retention kind or year, and per
//! pair of them: "how many third-party-sharing clauses per company?", "per company and
//! year, how many versions mention selling data?".
//!
//! Every cell is a count of the same kind as `search`'s total, with the same filters: a
//! [`tally`](super::tally::tally) of the request's matches. The table's first dimension and
//! the second's overall counts come from one pass over the matches; each value of one
//! dimension (the one with fewer values, or the year) then gets a pass of its own, its value
//! AND-ed to the query, counting the other dimension. So a clause on two topics counts under
//! each of them, and a row's own count (its matches, counted once) can be less than the sum
//! of its cells.
//!
//! A year stands for the occurrences dated in it (the snapshot date, else the effective date
//! of their file), as `--since YEAR --until YEAR` would: a clause counts in every year it was
//! seen in, and undated files in no year.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use tantivy::query::Query;

use crate::error::Result;
use crate::index::schema;
use crate::policy::PolicyDate;

use super::filters::facet_filter;
use super::stats::{facet_source, topic_names};
use super::tally::{self, Counts, Source, Unit};
use super::{Matching, PolicyIndex, SearchRequest};

/// What a count table groups matches by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// The company of the clause's documents.
    Company,
    /// The clause's topics (a clause has one or more).
    Topic,
    /// The kind of the clause's documents (privacy-policy, terms-of-service, ...).
    Kind,
    /// The clause's language (en, fr, ..., other).
    Lang,
    /// The kinds of retention statement the clause makes (stated, criterion, indefinite,
    /// cookie; none for most clauses).
    Retention,
    /// The years the clause's occurrences are dated in.
    Year,
}

impl Dimension {
    /// Every dimension.
    pub const ALL: [Dimension; 6] = [
        Dimension::Company,
        Dimension::Topic,
        Dimension::Kind,
        Dimension::Lang,
        Dimension::Retention,
        Dimension::Year,
    ];

    /// The dimension's name in flags, column headers and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Company => "company",
            Dimension::Topic => "topic",
            Dimension::Kind => "kind",
            Dimension::Lang => "lang",
            Dimension::Retention => "retention",
            Dimension::Year => "year",
        }
    }

    /// The dimension's values, `n` of them ("1 company", "3 retention kinds").
    pub fn noun(self, n: usize) -> &'static str {
        let (one, many) = match self {
            Dimension::Company => ("company", "companies"),
            Dimension::Topic => ("topic", "topics"),
            Dimension::Kind => ("kind", "kinds"),
            Dimension::Lang => ("language", "languages"),
            Dimension::Retention => ("retention kind", "retention kinds"),
            Dimension::Year => ("year", "years"),
        };
        crate::text::plural(n, one, many)
    }

    /// The facet field holding the dimension's values (none for the year).
    fn field(self) -> Option<&'static str> {
        match self {
            Dimension::Company => Some(schema::COMPANY),
            Dimension::Topic => Some(schema::TOPIC),
            Dimension::Kind => Some(schema::KIND),
            Dimension::Lang => Some(schema::LANG),
            Dimension::Retention => Some(schema::RETENTION),
            Dimension::Year => None,
        }
    }
}

impl std::str::FromStr for Dimension {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Dimension, String> {
        // The plural too ("--by companies"), as one says it.
        let wanted = s.to_lowercase();
        let singular = match wanted.as_str() {
            "companies" => "company",
            "language" | "languages" => "lang",
            other => other.strip_suffix('s').unwrap_or(other),
        };
        Dimension::ALL
            .into_iter()
            .find(|d| d.name() == wanted || d.name() == singular)
            .ok_or_else(|| {
                format!(
                    "unknown dimension '{s}' (use company, topic, kind, lang, retention or year)"
                )
            })
    }
}

/// What a count table counts: the matches of a search (its query and filters; its `count`
/// is the unit), grouped by one dimension, or by two.
#[derive(Debug, Clone)]
pub struct CountRequest {
    /// The matches and the unit.
    pub search: SearchRequest,
    /// A row per value of this dimension.
    pub rows: Dimension,
    /// A column per value of this one, if any.
    pub columns: Option<Dimension>,
}

/// One row of a count table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountRow {
    /// The row's value (a company, a topic, a year...).
    pub value: String,
    /// Its matches, each counted once.
    pub count: u64,
    /// Its matches with each column's value, in the table's column order.
    pub cells: Vec<u64>,
}

/// A count table ([`PolicyIndex::count_table`]).
#[derive(Debug, Clone)]
pub struct CountTable {
    /// The rows' dimension.
    pub rows_by: Dimension,
    /// The columns' dimension, if any.
    pub columns_by: Option<Dimension>,
    /// What is counted.
    pub unit: Unit,
    /// Every match, counted once.
    pub total: u64,
    /// The columns' values and their own counts: most first, years in order.
    pub columns: Vec<(String, u64)>,
    /// The rows: most first, years in order.
    pub rows: Vec<CountRow>,
    /// Notes for the user (query syntax read as words, a stale index).
    pub notes: Vec<String>,
    /// How long it took.
    pub elapsed: Duration,
}

/// What one pass over matches found: its total and the counts of each source asked.
type Pass = (u64, Vec<Counts>);

impl PolicyIndex {
    /// The count table of `req`.
    pub fn count_table(&self, req: &CountRequest) -> Result<CountTable> {
        crate::index::integrity::guard_index(&self.dir, || self.count_table_unguarded(req))
    }

    fn count_table_unguarded(&self, req: &CountRequest) -> Result<CountTable> {
        let started = Instant::now();
        // (The same dimension twice is the one.)
        let columns = req.columns.filter(|c| *c != req.rows);
        let topics = topic_names();
        let source = |d: Dimension| d.field().map(|f| facet_source(f, &topics));
        let matching = self.matching(&req.search)?;
        let mut notes = matching.notes.clone();
        // The first pass: the total, and each facet dimension's own counts.
        let dims: Vec<Dimension> = std::iter::once(req.rows).chain(columns).collect();
        let facets: Vec<Dimension> = dims
            .iter()
            .copied()
            .filter(|d| d.field().is_some())
            .collect();
        let sources: Vec<Source> = facets.iter().filter_map(|d| source(*d)).collect();
        let (total, counts) = self.pass(&matching, None, req.search.count, &sources)?;
        let mut own: HashMap<Dimension, Counts> = facets.into_iter().zip(counts).collect();
        // A year is always the dimension passed over: its passes count the other one too.
        let years = if dims.contains(&Dimension::Year) {
            let other: Vec<Source> = dims.iter().filter_map(|d| source(*d)).collect();
            let years = self.year_passes(&req.search, &other)?;
            if years.is_empty() && total > 0 {
                notes.push(
                    "no matching clause is in a dated file: a year counts the files dated in \
                     it (a snapshot date, or an effective date the text states)"
                        .to_owned(),
                );
            }
            years
        } else {
            Vec::new()
        };
        let mut values = |d: Dimension| -> Counts {
            match d {
                Dimension::Year => years.iter().map(|(y, n, _)| (y.clone(), *n)).collect(),
                d => own.remove(&d).unwrap_or_default(),
            }
        };
        let row_values = values(req.rows);
        let Some(cols_by) = columns else {
            return Ok(CountTable {
                rows_by: req.rows,
                columns_by: None,
                unit: req.search.count,
                total,
                columns: Vec::new(),
                rows: row_values
                    .into_iter()
                    .map(|(value, count)| CountRow {
                        value,
                        count,
                        cells: Vec::new(),
                    })
                    .collect(),
                notes,
                elapsed: started.elapsed(),
            });
        };
        let col_values = values(cols_by);
        // Pass over the year, else over the dimension with fewer values; count the other.
        let over_rows = req.rows == Dimension::Year
            || (cols_by != Dimension::Year && row_values.len() < col_values.len());
        let (passed, counted) = if over_rows {
            (req.rows, cols_by)
        } else {
            (cols_by, req.rows)
        };
        // Each value passed over, with the counts of the other dimension under it.
        let passes: Vec<(String, Counts)> = if passed == Dimension::Year {
            years
                .into_iter()
                .map(|(year, _, counts)| (year, counts.into_iter().next().unwrap_or_default()))
                .collect()
        } else {
            let counted_source: Vec<Source> = source(counted).into_iter().collect();
            let passed_values = if over_rows { &row_values } else { &col_values };
            let field = passed
                .field()
                .map(|f| self.index.schema().get_field(f))
                .transpose()?;
            let mut passes = Vec::with_capacity(passed_values.len());
            for (value, _) in passed_values {
                let filter = field.map(|f| facet_filter(f, &[value.as_str()]));
                let (_, counts) =
                    self.pass(&matching, filter, req.search.count, &counted_source)?;
                passes.push((value.clone(), counts.into_iter().next().unwrap_or_default()));
            }
            passes
        };
        // cells[(row value, column value)]
        let mut cells: HashMap<(String, String), u64> = HashMap::new();
        for (value, counts) in passes {
            for (other, n) in counts {
                let key = if over_rows {
                    (value.clone(), other)
                } else {
                    (other, value.clone())
                };
                cells.insert(key, n);
            }
        }
        let rows = row_values
            .into_iter()
            .map(|(value, count)| {
                let cells = col_values
                    .iter()
                    .map(|(c, _)| cells.get(&(value.clone(), c.clone())).copied().unwrap_or(0))
                    .collect();
                CountRow {
                    value,
                    count,
                    cells,
                }
            })
            .collect();
        Ok(CountTable {
            rows_by: req.rows,
            columns_by: columns,
            unit: req.search.count,
            total,
            columns: col_values,
            rows,
            notes,
            elapsed: started.elapsed(),
        })
    }

    /// One pass over the matches of `matching` (and `extra`, AND-ed), counting `sources` in
    /// `unit`.
    fn pass(
        &self,
        matching: &Matching,
        extra: Option<Box<dyn Query>>,
        unit: Unit,
        sources: &[Source],
    ) -> Result<Pass> {
        let query = matching.query(extra);
        let searcher = self.searcher();
        let shared = self.shared_for(&searcher, unit)?;
        let (total, counts) = tally::tally(
            &searcher,
            query.as_ref(),
            sources,
            &matching.selection,
            unit,
            shared.as_ref(),
        )?;
        Ok((total as u64, counts))
    }

    /// The years the request's matches are dated in, from the first to the last (years
    /// between without a match too, as zeros), each with its count and the counts of
    /// `sources` within it.
    fn year_passes(
        &self,
        req: &SearchRequest,
        sources: &[Source],
    ) -> Result<Vec<(String, u64, Vec<Counts>)>> {
        let dated: Vec<i32> = self
            .all_versions()?
            .iter()
            .filter(|v| v.file.date != schema::NO_DATE)
            .filter_map(|v| v.file.date_text.get(..4)?.parse().ok())
            .collect();
        let (Some(&first), Some(&last)) = (dated.iter().min(), dated.iter().max()) else {
            return Ok(Vec::new());
        };
        let first = first.max(req.since.map_or(first, |d| d.year));
        let last = last.min(req.until.map_or(last, |d| d.year));
        let mut years = Vec::new();
        for year in first..=last {
            let within = within_year(req, year);
            let (n, counts) = self.pass(&self.matching(&within)?, None, req.count, sources)?;
            years.push((year.to_string(), n, counts));
        }
        // From the first year with a match to the last.
        let start = years.iter().position(|(_, n, _)| *n > 0);
        let end = years.iter().rposition(|(_, n, _)| *n > 0);
        Ok(match (start, end) {
            (Some(s), Some(e)) => years.drain(s..=e).collect(),
            _ => Vec::new(),
        })
    }
}

/// `req` narrowed to the occurrences dated in `year` (and in its own date range).
fn within_year(req: &SearchRequest, year: i32) -> SearchRequest {
    let mut within = req.clone();
    let first = PolicyDate::parse_bound(&year.to_string(), false);
    let last = PolicyDate::parse_bound(&year.to_string(), true);
    within.since = match (req.since, first) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    within.until = match (req.until, last) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    within
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_parse_by_their_name_or_plural_in_any_case() {
        for d in Dimension::ALL {
            assert_eq!(d.name().parse::<Dimension>(), Ok(d));
            assert_eq!(format!("{}s", d.name().to_uppercase()).parse(), Ok(d));
        }
        assert_eq!("companies".parse(), Ok(Dimension::Company));
        let err = "firm".parse::<Dimension>().unwrap_err();
        assert!(err.contains("firm") && err.contains("company"), "{err}");
    }

    #[test]
    fn a_year_narrows_a_request_within_its_own_dates() {
        let req = SearchRequest {
            since: PolicyDate::parse_bound("2021-06", false),
            ..SearchRequest::default()
        };
        let y = within_year(&req, 2021);
        assert_eq!(y.since, PolicyDate::parse_bound("2021-06", false));
        assert_eq!(y.until, PolicyDate::parse_bound("2021", true));
        let y = within_year(&req, 2022);
        assert_eq!(y.since, PolicyDate::parse_bound("2022", false));
    }
}
