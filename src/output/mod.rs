//! Output formats. Search results flow into a [`Sink`]; each format is one implementation of
//! it, in a file of its own ([`human`], [`json`]). What JSON Lines print is defined apart from
//! the library's types, in [`wire`]: a domain type can change without changing the format.
//!
//! JSON Lines messages share one envelope, `{"type": ..., "data": ...}`, with the types `hit`,
//! `facet`, `clause` and `summary` (documented in the README). Human output marks matching
//! words in colour only when stdout is a terminal.

pub mod human;
pub mod json;
pub mod wire;

pub use human::HumanSink;
pub use json::JsonSink;

use std::io::{self, Write};

use serde::Serialize;

use crate::search::{FacetCounts, Hit};

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
