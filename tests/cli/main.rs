//! End-to-end tests of the `polsearch` binary and the library, one module per theme.
//!
//! Tests that need `../shared` (the seed and OTA corpora) skip with a message when it is
//! absent; set `POLSEARCH_REQUIRE_SHARED=1` (as `.ci/run` does) to make its absence a failure.

mod harness;

mod hostile;
mod incremental;

mod corruption;
mod crash;

mod answers;
mod count;
mod demo;
mod errors;
mod export;
mod history;
mod json;
mod languages;
mod library;
mod metadata;
mod questions;
mod ranking;
mod retention;
mod search;
mod seeds;
mod segmentation;
mod serve;
mod shell;
mod snapshots;
mod topics;
mod versions;
