//! `polsearch export`: every clause a search admits, as rows of a file.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::{ExportArgs, ExportFormatArg};
use crate::output::export::{ExportFormat, ExportWriter};

use super::open_index;
use super::search::filtered;

/// Write the rows; true when there was at least one.
pub fn run(args: ExportArgs) -> Result<bool> {
    let index = open_index(&args.index, args.quiet)?;
    let mut request = filtered(args.query.clone().unwrap_or_default(), &args.filters)?;
    request.occurrences = args.occurrences;
    request.per_company = args.per_company.map(|n| n as usize);
    let mut export = index.export(&request)?;
    if !args.quiet {
        for note in export.notes() {
            eprintln!("polsearch: note: {note}");
        }
    }
    let format = match args.format {
        _ if args.json => ExportFormat::Jsonl,
        ExportFormatArg::Csv => ExportFormat::Csv,
        ExportFormatArg::Tsv => ExportFormat::Tsv,
        ExportFormatArg::Jsonl => ExportFormat::Jsonl,
        ExportFormatArg::Bulk => ExportFormat::Bulk,
    };
    let bar = (!args.quiet && args.out.is_some() && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(export.documents() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} clause documents (ETA {eta}) {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut write_all = |out: &mut dyn Write| -> Result<usize> {
        let mut writer = ExportWriter::new(out, format, &args.bulk_index, args.occurrences)?
            .spreadsheet_safe(args.spreadsheet_safe);
        while let Some(hit) = export.next() {
            writer.row(&hit?)?;
            if let Some(bar) = &bar {
                bar.set_position(export.documents_read() as u64);
                bar.set_message(format!("{} rows", writer.rows()));
            }
        }
        let rows = writer.rows();
        writer.finish()?;
        Ok(rows)
    };
    let rows = match &args.out {
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let rows = write_all(&mut out)?;
            out.flush()?;
            rows
        }
        Some(path) => write_atomically(path, |out| write_all(out))?,
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if !args.quiet {
        let unit = if args.occurrences {
            "occurrences"
        } else {
            "distinct clauses"
        };
        match &args.out {
            Some(path) => eprintln!("polsearch: {rows} {unit} written to {}", path.display()),
            None => eprintln!("polsearch: {rows} {unit} written"),
        }
    }
    Ok(rows > 0)
}

/// Write `path` through a temporary file beside it, renamed over it only when `write`
/// succeeds: a failed or killed export leaves the previous file as it was.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<usize>,
) -> Result<usize> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".polsearch-export-")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let mut out = std::io::BufWriter::new(tmp);
    let rows = write(&mut out).with_context(|| format!("cannot write {}", path.display()))?;
    let tmp = out
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(rows)
}
