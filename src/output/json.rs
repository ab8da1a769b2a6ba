//! JSON Lines: one `hit` message per hit, a `facet` message per facet, a closing `summary`.

use std::io::{self, Write};

use super::wire::{FacetMsg, HitMsg};
use super::{write_json, SearchSummary, Sink};
use crate::search::{FacetCounts, Hit};

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
        write_json(&mut self.out, "hit", &HitMsg::from(hit))
    }
    fn facets(&mut self, facets: &FacetCounts) -> io::Result<()> {
        write_json(&mut self.out, "facet", &FacetMsg::from(facets))
    }
    fn summary(&mut self, summary: &SearchSummary, _: usize, _: usize) -> io::Result<()> {
        write_json(&mut self.out, "summary", summary)?;
        self.out.flush()
    }
}
