//! `polsearch clauses`: how one file is cut into clauses, without an index.

use anyhow::Result;

use crate::analyze::document::Document;
use crate::cli::ClausesArgs;
use crate::corpus::Hints;
use crate::output::stdout_sink;

/// Print how one file is cut into clauses.
pub fn run(args: ClausesArgs) -> Result<bool> {
    let raw = crate::cmd::read_capped(&args.file)?;
    let doc = Document::parse(
        &args.file,
        &raw,
        &Hints::text(),
        crate::analyze::classifier::default_tagger(),
    )
    .map_err(|r| anyhow::anyhow!("'{}': {r}", args.file.display()))?;
    let path = args.file.display().to_string();
    let mut sink = stdout_sink(args.json, false);
    for clause in &doc.clauses {
        sink.clause(&path, &doc, clause)?;
    }
    sink.clauses_end(&path, &doc)?;
    sink.finish()?;
    Ok(!doc.clauses.is_empty())
}
