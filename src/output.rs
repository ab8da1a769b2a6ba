//! Output formats. Results flow into a [`Sink`]; each format is one implementation of it.
//!
//! JSON Lines messages share one envelope, `{"type": ..., "data": ...}`, with the types `hit`,
//! `facet`, `clause` and `summary` (documented in the README). Human output marks matching
//! words in colour only when stdout is a terminal.

use std::io::{self, Write};

use serde::Serialize;

use crate::search::{FacetCounts, Hit};
use crate::text::Span;

/// The summary that closes a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchSummary {
    /// Matches, in `count`; a lower bound when `total_exact` is false.
    pub total_hits: usize,
    /// What `total_hits` and facet counts count: `clauses` (distinct), `occurrences`,
    /// `documents` or `companies`.
    pub count: &'static str,
    /// Whether `total_hits` is exact.
    pub total_exact: bool,
    /// How long the search took.
    pub elapsed_ms: f64,
}

/// Where search results go.
pub trait Sink {
    /// One hit.
    fn hit(&mut self, hit: &Hit) -> io::Result<()>;
    /// One facet's counts.
    fn facets(&mut self, facets: &FacetCounts) -> io::Result<()>;
    /// The summary, after the hits and facets; `shown` hits from `offset`.
    fn summary(&mut self, summary: &SearchSummary, shown: usize, offset: usize) -> io::Result<()>;
}

/// Write one JSON Lines message of any serialisable payload.
pub fn write_json<W: Write, T: Serialize>(out: &mut W, kind: &str, data: &T) -> io::Result<()> {
    #[derive(Serialize)]
    struct Envelope<'a, T> {
        #[serde(rename = "type")]
        kind: &'a str,
        data: &'a T,
    }
    serde_json::to_writer(&mut *out, &Envelope { kind, data })?;
    out.write_all(b"\n")
}

/// JSON Lines.
pub struct JsonSink<W: Write> {
    out: W,
}

impl<W: Write> JsonSink<W> {
    /// JSON Lines to `out`.
    pub fn new(out: W) -> Self {
        JsonSink { out }
    }
}

impl<W: Write> Sink for JsonSink<W> {
    fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        write_json(&mut self.out, "hit", hit)
    }
    fn facets(&mut self, facets: &FacetCounts) -> io::Result<()> {
        write_json(&mut self.out, "facet", facets)
    }
    fn summary(&mut self, summary: &SearchSummary, _: usize, _: usize) -> io::Result<()> {
        write_json(&mut self.out, "summary", summary)?;
        self.out.flush()
    }
}

/// Styles for human output; all empty when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// The file path.
    pub path: &'static str,
    /// A matching word.
    pub mark: &'static str,
    /// Secondary details.
    pub dim: &'static str,
    /// Back to plain text.
    pub reset: &'static str,
    /// Text only in an old version, and only in a new one (diffs).
    pub removed: &'static str,
    /// (see `removed`)
    pub added: &'static str,
}

impl Style {
    /// The styles, or none when `colour` is false.
    pub fn new(colour: bool) -> Style {
        if colour {
            Style {
                path: "\x1b[35m",
                mark: "\x1b[1;31m",
                dim: "\x1b[2m",
                reset: "\x1b[0m",
                removed: "\x1b[31m",
                added: "\x1b[32m",
            }
        } else {
            Style {
                path: "",
                mark: "",
                dim: "",
                reset: "",
                removed: "",
                added: "",
            }
        }
    }
}

/// Human-readable blocks, one per hit.
pub struct HumanSink<W: Write> {
    out: W,
    style: Style,
}

impl<W: Write> HumanSink<W> {
    /// Human-readable lines to `out`.
    pub fn new(out: W, style: Style) -> Self {
        HumanSink { out, style }
    }
}

impl<W: Write> Sink for HumanSink<W> {
    fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        let s = self.style;
        let topics = if hit.topics.is_empty() {
            "-".to_owned()
        } else {
            hit.topics.join(", ")
        };
        let date = hit
            .date
            .as_deref()
            .map_or(String::new(), |d| format!(" {d}"));
        // A clause in several files: in how many, and when it was first and last seen.
        let versions = match (hit.documents, &hit.first_seen, &hit.last_seen) {
            (0 | 1, _, _) => String::new(),
            (n, Some(first), Some(last)) if first != last => {
                format!("  in {n} files, {first} to {last}")
            }
            (n, _, _) => format!("  in {n} files"),
        };
        writeln!(
            self.out,
            "{}{}:{}{}  {}  [{}]  {}{}{}  score {:.2}  bytes {}-{}{}{}",
            s.path,
            hit.path,
            hit.line,
            s.reset,
            hit.company,
            topics,
            s.dim,
            hit.kind,
            date,
            hit.score,
            hit.span.start,
            hit.span.end,
            versions,
            s.reset
        )?;
        if !hit.section.is_empty() && hit.section != hit.text {
            writeln!(self.out, "  {}§ {}{}", s.dim, hit.section, s.reset)?;
        }
        writeln!(self.out, "  {}", marked(&hit.text, &hit.text_highlights, s))?;
        if !hit.retention.is_empty() {
            let periods: Vec<String> = hit
                .retention
                .iter()
                .map(|r| match r.days {
                    Some(d) => format!("{} = {d} days", r.text),
                    None => format!("{} ({})", r.text, r.kind.name()),
                })
                .collect();
            writeln!(
                self.out,
                "  {}retention: {}{}",
                s.dim,
                periods.join("; "),
                s.reset
            )?;
        }
        writeln!(self.out)
    }

    fn facets(&mut self, facets: &FacetCounts) -> io::Result<()> {
        let counts: Vec<String> = facets
            .counts
            .iter()
            .map(|c| format!("{} ({})", c.value, c.count))
            .collect();
        writeln!(self.out, "{}: {}", facets.field, counts.join(", "))
    }

    fn summary(&mut self, summary: &SearchSummary, shown: usize, offset: usize) -> io::Result<()> {
        let s = self.style;
        let range = if shown == 0 {
            String::new()
        } else {
            format!(", showing {}-{}", offset + 1, offset + shown)
        };
        let at_least = if summary.total_exact { "" } else { "at least " };
        writeln!(
            self.out,
            "{}{at_least}{} matching {}{} ({:.1} ms){}",
            s.dim,
            summary.total_hits,
            unit_noun(summary.count, summary.total_hits),
            range,
            summary.elapsed_ms,
            s.reset
        )?;
        self.out.flush()
    }
}

/// The clause text on one line, matching words wrapped in the mark style.
fn marked(text: &str, spans: &[Span], s: Style) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for &Span { start: a, end: b } in spans {
        if a < at || b > text.len() {
            continue;
        }
        out.push_str(&text[at..a]);
        out.push_str(s.mark);
        out.push_str(&text[a..b]);
        out.push_str(s.reset);
        at = b;
    }
    out.push_str(&text[at..]);
    crate::text::collapse_ws(&out)
}

/// The noun of a count unit by its name ("clause", "documents").
fn unit_noun(unit: &str, n: usize) -> &'static str {
    unit.parse::<crate::search::tally::Unit>().map_or_else(
        |_| crate::text::plural(n, "clause", "clauses"),
        |u| u.noun(n),
    )
}
