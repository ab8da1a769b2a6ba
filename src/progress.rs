//! Progress reporting for long runs: an indicatif bar on a terminal, plain warnings otherwise.
//!
//! The bar is drawn only when stderr is a terminal and neither `--quiet` nor `--json` is given;
//! warnings (skipped files) always go to stderr, printed above the bar when there is one.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Receives progress from the indexer; must be shareable across worker threads.
pub trait Progress: Sync {
    /// A run of `files` files of `bytes` bytes begins.
    fn start(&self, files: u64, bytes: u64);
    /// `bytes` more were read.
    fn advance(&self, bytes: u64);
    /// Something was skipped or is wrong.
    fn warn(&self, message: &str);
    /// The run is over.
    fn finish(&self);
}

/// The stderr reporter.
pub struct Reporter {
    bar: Option<ProgressBar>,
}

impl Reporter {
    /// A bar when `show_bar`, not `quiet`, and stderr is a terminal. Warnings are always
    /// printed: a skipped file is data the user would otherwise lose silently.
    pub fn new(show_bar: bool, quiet: bool) -> Reporter {
        let bar = (show_bar && !quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, ETA {eta}) {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Reporter { bar }
    }
}

impl Progress for Reporter {
    fn start(&self, files: u64, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(bytes);
            bar.set_message(format!("{files} files"));
        }
    }

    fn advance(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    fn warn(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.println(format!("polsearch: {message}")),
            None => eprintln!("polsearch: {message}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Reports nothing (library users and tests).
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: u64, _: u64) {}
    fn advance(&self, _: u64) {}
    fn warn(&self, _: &str) {}
    fn finish(&self) {}
}
