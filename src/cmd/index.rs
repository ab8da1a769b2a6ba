//! `polsearch index`: a folder indexed (or its index updated), and the report of the run.

use anyhow::{Context, Result};

use crate::cli::{CompanyFromArg, IndexArgs};
use crate::corpus::CompanyFrom;
use crate::index::indexer::{self, IndexOptions};
use crate::output::stdout_sink;
use crate::progress::Reporter;

use super::default_threads;

/// Index a folder, or update its index.
pub fn run(args: IndexArgs) -> Result<bool> {
    let opts = IndexOptions {
        corpus: args.corpus,
        index_dir: args.index.path(),
        threads: args.threads.map_or_else(default_threads, usize::from),
        company_from: match args.company_from {
            CompanyFromArg::Auto => CompanyFrom::Auto,
            CompanyFromArg::Dir => CompanyFrom::Dir,
            CompanyFromArg::Text => CompanyFrom::Text,
        },
        rebuild: args.rebuild,
    };
    let progress = Reporter::new(!args.json, args.quiet);
    let report = indexer::build(&opts, &progress)
        .with_context(|| format!("indexing '{}' failed", opts.corpus.display()))?;
    let mut sink = stdout_sink(args.json, false);
    sink.indexed(&report, &opts.index_dir)?;
    sink.finish()?;
    Ok(true)
}
