//! Named crash points for the fault-injection tests.
//!
//! `POLSEARCH_CRASH_AT=<point>` makes polsearch abort (as a `kill -9` would stop it: no
//! unwinding, no cleanup) when it reaches that point of an indexing run; the tests then check
//! that the previous index still answers and that the next run completes. Without the
//! variable a point costs one comparison with a value read once.

use std::sync::LazyLock;

/// The points, in the order a run reaches them (`cloned` only in incremental runs).
pub const POINTS: &[&str] = &[
    "cloned",
    "before-commit",
    "committed",
    "records-written",
    "before-publish",
    "published",
];

static CRASH_AT: LazyLock<Option<String>> =
    LazyLock::new(|| std::env::var("POLSEARCH_CRASH_AT").ok());

/// Abort here if the environment names this point.
pub fn point(name: &str) {
    if CRASH_AT.as_deref() == Some(name) {
        eprintln!("polsearch: POLSEARCH_CRASH_AT={name}: aborting");
        std::process::abort();
    }
}
