//! `polsearch serve`: the web workbench ([`crate::serve`]) on an index.

use anyhow::Result;

use crate::cli::ServeArgs;

use super::open_index;

/// Serve until interrupted; true when it stopped cleanly.
pub fn run(args: ServeArgs) -> Result<bool> {
    // Opened once here for what `search` does first (build the default index, say why an
    // index cannot be read); the server then follows the folder's generations.
    let index = open_index(&args.index, args.quiet)?;
    if let Some(note) = index.stale_note() {
        eprintln!("polsearch: note: {note}");
    }
    drop(index);
    let dir = args.index.path();
    crate::serve::run(&dir, args.addr, |bound| {
        eprintln!(
            "polsearch: serving {} at http://{bound}/ (Ctrl-C stops)",
            dir.display()
        );
    })?;
    Ok(true)
}
