//! The commands, one file each: flags typed by [`crate::cli`] in, library calls, output out.
//! [`run`] dispatches; each command returns whether anything matched, which `main` turns into
//! the exit status.

pub mod batch;
pub mod clauses;
pub mod company_eval;
pub mod count;
pub mod diff;
pub mod eval;
pub mod export;
pub mod history;
pub mod index;
pub mod man;
pub mod retention;
pub mod retention_eval;
pub mod search;
pub mod serve;
pub mod stats;
pub mod topics;

pub use crate::read::{read_capped, read_policy};

use std::io::{self, IsTerminal};
use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::{ColorArg, Command, IndexDir, TopicsCommand, DEFAULT_CORPUS};
use crate::corpus::CompanyFrom;
use crate::index::indexer::{self, IndexOptions};
use crate::index::store::Store;
use crate::progress::Reporter;
use crate::search::PolicyIndex;
use crate::Error;

/// Run one command; `Ok(true)` when it found something (or simply succeeded).
pub fn run(command: Command) -> Result<bool> {
    match command {
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run(*args),
        Command::History(args) => {
            let index = open_index(&args.index, args.json)?;
            history::run(&index, &args)
        }
        Command::Diff(args) => diff::run(args),
        Command::Clauses(args) => clauses::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Check(args) => stats::check(args),
        Command::Retention(args) => retention::run(*args),
        Command::Count(args) => count::run(*args),
        Command::Export(args) => export::run(*args),
        Command::Serve(args) => serve::run(args),
        Command::Topics(TopicsCommand::Train(args)) => topics::train(args),
        Command::Topics(TopicsCommand::Eval(args)) => topics::eval(args),
        Command::Topics(TopicsCommand::Clusters(args)) => topics::clusters(args),
        Command::Classify(args) => topics::classify(args),
        Command::Completions(args) => completions(args.shell),
        Command::Man(args) => man::run(&args),
        Command::Eval(crate::cli::EvalCommand::Relevance(args)) => {
            eval::relevance(args, default_threads())
        }
        Command::Eval(crate::cli::EvalCommand::Company(args)) => company_eval::run(args),
        Command::Eval(crate::cli::EvalCommand::Retention(args)) => retention_eval::run(args),
    }
}

/// `polsearch completions SHELL`: the script, on stdout. Written to memory first: clap's
/// generators panic when their writer fails, and a closed pipe must end the run quietly.
fn completions(shell: clap_complete::Shell) -> Result<bool> {
    use std::io::Write;
    let mut cmd = <crate::cli::Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "polsearch", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(true)
}

/// An error about the index folder says so when `POLSEARCH_INDEX` named the folder, not the
/// command line: a variable set long ago is easy to forget.
pub(crate) fn named<T, E>(index: &IndexDir, result: std::result::Result<T, E>) -> Result<T>
where
    E: Into<anyhow::Error>,
{
    let result = result.map_err(Into::into);
    match index.named_by_env() {
        Some(var) => result.with_context(|| {
            format!(
                "the index folder '{}' is the one {var} names",
                index.path().display()
            )
        }),
        None => result,
    }
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Open the index; with the default folder, build it from the default corpus first if needed,
/// and analyse it again when another build of polsearch analysed it.
fn open_index(index: &IndexDir, quiet: bool) -> Result<PolicyIndex> {
    let dir = index.path();
    if index.is_default() && Store::new(&dir).current().is_none() {
        if !quiet {
            eprintln!(
                "polsearch: no index in '{}' yet; indexing '{}' first",
                dir.display(),
                DEFAULT_CORPUS
            );
        }
        build_into(Path::new(DEFAULT_CORPUS), &dir, quiet, false)?;
    }
    // The default index, analysed by another build or written with another schema (an
    // upgrade since), is brought up to date from the folder it was built from, as a missing
    // one is built; the old one stays readable until the new one is whole. (An index named
    // with --index is the user's to refresh: searches on it say that it is stale, or fail
    // naming the command that rebuilds it.)
    let (corpus, rebuild, why) = match PolicyIndex::open(&dir) {
        Ok(opened)
            if !index.is_default()
                || opened.stale_note().is_none()
                || !opened.corpus().is_dir() =>
        {
            return Ok(opened);
        }
        Ok(opened) => (
            opened.corpus().to_path_buf(),
            false,
            "was analysed by another build of polsearch".to_owned(),
        ),
        Err(Error::IncompatibleIndex {
            corpus: Some(corpus),
            found,
            ..
        }) if index.is_default() && corpus.is_dir() => (
            corpus,
            true,
            format!("was written by another polsearch (schema {found})"),
        ),
        Err(e) => return named(index, Err(e)),
    };
    if !quiet {
        eprintln!(
            "polsearch: the index in '{}' {why}; indexing '{}' {} first",
            dir.display(),
            corpus.display(),
            if rebuild { "anew" } else { "again" }
        );
    }
    build_into(&corpus, &dir, quiet, rebuild)?;
    Ok(PolicyIndex::open(&dir)?)
}

/// Index `corpus` into `dir` with the default settings (anew with `rebuild`), for
/// [`open_index`].
fn build_into(corpus: &Path, dir: &Path, quiet: bool, rebuild: bool) -> Result<()> {
    let opts = IndexOptions {
        corpus: corpus.to_path_buf(),
        index_dir: dir.to_path_buf(),
        threads: default_threads(),
        company_from: CompanyFrom::Auto,
        rebuild,
    };
    indexer::build(&opts, &Reporter::new(true, quiet))
        .with_context(|| format!("indexing '{}' failed", corpus.display()))?;
    Ok(())
}

fn colour(arg: ColorArg) -> bool {
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}
