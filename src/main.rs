//! The `polsearch` binary: parse flags, run, print the error chain, choose the exit status
//! (0 something matched, 1 nothing did, 2 error; a closed pipe is a normal end).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use polsearch::cli::Cli;

/// mimalloc instead of the system allocator (see [`polsearch::index::memory`]).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    polsearch::index::memory::keep_freed_memory();
    // With `COMPLETE=<shell>` set, answer the shell's completion request (or print its
    // registration script) and exit; otherwise nothing happens. (The engine clears the
    // variable; the company completer quotes for bash.)
    if let Some(shell) = std::env::var_os("COMPLETE") {
        let _ = polsearch::cli::COMPLETION_SHELL.set(shell);
    }
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command).complete();
    let cli = Cli::parse();
    // A panic is reported as one error line (below), never as a backtrace: the library
    // catches the ones tantivy raises on damaged files and names the index; anything else
    // ends here, with where it happened.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut last) = PANIC_AT.lock() {
            *last = at;
        }
    }));
    let outcome = std::panic::catch_unwind(|| polsearch::cmd::run(cli.command));
    match outcome {
        Ok(Ok(true)) => ExitCode::SUCCESS,
        Ok(Ok(false)) => ExitCode::from(1),
        Ok(Err(e)) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            // A failing stderr (closed, disk full) must not turn an error into a panic.
            let _ = writeln!(std::io::stderr(), "polsearch: {e:#}");
            ExitCode::from(2)
        }
        Err(payload) => {
            let at = PANIC_AT.lock().map(|p| p.clone()).unwrap_or_default();
            let _ = writeln!(
                std::io::stderr(),
                "polsearch: internal error: {} (at {at}); please report it",
                polsearch::index::integrity::panic_message(&*payload)
            );
            ExitCode::from(2)
        }
    }
}

/// Where the last panic happened, in whichever thread (the hook records it).
static PANIC_AT: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
