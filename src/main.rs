//! The `polsearch` binary: parse flags, run, print the error chain, choose the exit status
//! (0 something matched, 1 nothing did, 2 error; a closed pipe is a normal end).

use std::process::ExitCode;

use clap::Parser;
use polsearch::cli::Cli;

/// mimalloc instead of the system allocator (see [`polsearch::memory`]).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    polsearch::memory::keep_freed_memory();
    let cli = Cli::parse();
    match polsearch::app::run(cli.command) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("polsearch: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
