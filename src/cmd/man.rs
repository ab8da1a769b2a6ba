//! `polsearch man`: manual pages made from the clap definitions `--help` is made from, so the
//! two never disagree. clap_mangen writes the name, synopsis, description, options and
//! commands; the text after them (examples, environment, exit status, notes) is laid out here,
//! because clap_mangen fills it into one paragraph headed EXTRA, which runs the examples
//! together: here a block that opens with `Examples:` becomes an EXAMPLES section and indented
//! lines stay lines.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};
use clap::{Command, CommandFactory};
use clap_mangen::roff::{roman, Roff};
use clap_mangen::Man;

use crate::cli::{Cli, ManArgs};

/// Print one page, or write a command's pages (and those of the commands below it) into a
/// folder.
pub fn run(args: &ManArgs) -> Result<bool> {
    let mut root = Cli::command().disable_help_subcommand(true);
    // Building gives each command its page name (`polsearch-topics-train`).
    root.build();
    let mut cmd = &root;
    for (i, name) in args.command.iter().enumerate() {
        cmd = match cmd.find_subcommand(name) {
            Some(sub) => sub,
            None => {
                let parent = args.command[..i].join(" ");
                let known: Vec<&str> = cmd.get_subcommands().map(Command::get_name).collect();
                bail!(
                    "no command '{}' (the commands of 'polsearch{}{parent}' are: {})",
                    args.command[..=i].join(" "),
                    if parent.is_empty() { "" } else { " " },
                    known.join(", ")
                );
            }
        };
    }
    match &args.out {
        None => {
            let page = render(cmd)?;
            let mut out = std::io::stdout().lock();
            out.write_all(&page)?;
            out.flush()?;
        }
        Some(dir) => {
            let written = write_pages(cmd, dir)?;
            eprintln!(
                "polsearch: wrote {written} manual page{} into '{}'",
                if written == 1 { "" } else { "s" },
                dir.display()
            );
        }
    }
    Ok(true)
}

/// Write `cmd`'s page and those of every command below it into `dir`; how many.
fn write_pages(cmd: &Command, dir: &Path) -> Result<usize> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot make the folder '{}'", dir.display()))?;
    let pages: Vec<&Command> = std::iter::once(cmd).chain(below(cmd)).collect();
    for cmd in &pages {
        let path = dir.join(format!("{}.1", page_name(cmd)));
        std::fs::write(&path, render(cmd)?)
            .with_context(|| format!("cannot write '{}'", path.display()))?;
    }
    Ok(pages.len())
}

/// The commands below `cmd` that have pages (not hidden ones).
fn shown(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set())
}

/// Every command below `cmd`, at any depth, that has a page.
fn below(cmd: &Command) -> Vec<&Command> {
    let mut all = Vec::new();
    let mut pending: Vec<&Command> = shown(cmd).collect();
    while let Some(sub) = pending.pop() {
        all.push(sub);
        pending.extend(shown(sub));
    }
    all
}

/// `polsearch`, `polsearch-search`, `polsearch-topics-train`.
fn page_name(cmd: &Command) -> &str {
    cmd.get_display_name().unwrap_or_else(|| cmd.get_name())
}

/// One page: clap_mangen's sections, then the text after the options, then SEE ALSO.
fn render(cmd: &Command) -> Result<Vec<u8>> {
    let man = Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut page)?;
    }
    if shown(cmd).next().is_some() {
        man.render_subcommands_section(&mut page)?;
    }
    // Each section opens with the same preamble (a string for the apostrophe): keep the first.
    let preamble = b".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let mut page = dedupe(&page, preamble);
    let mut roff = Roff::new();
    if let Some(text) = cmd.get_after_long_help().or_else(|| cmd.get_after_help()) {
        after_help(&mut roff, &text.to_string());
    }
    see_also(&mut roff, cmd);
    // The rest of the page without a preamble of its own (`to_roff`): its apostrophes use the
    // string the first one set.
    let rest = roff.to_roff().replace('\'', "\\*(Aq");
    page.extend_from_slice(rest.as_bytes());
    Ok(page)
}

/// `page` with every copy of `preamble` after the first left out.
fn dedupe(page: &[u8], preamble: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(page.len());
    let mut rest = page;
    let mut seen = false;
    while !rest.is_empty() {
        if rest.starts_with(preamble) {
            if !seen {
                out.extend_from_slice(preamble);
            }
            seen = true;
            rest = &rest[preamble.len()..];
        } else {
            let line = rest
                .iter()
                .position(|&b| b == b'\n')
                .map_or(rest.len(), |i| i + 1);
            out.extend_from_slice(&rest[..line]);
            rest = &rest[line..];
        }
    }
    out
}

/// The text after the options, by blocks (separated by an empty line): a block that opens
/// with a short heading (`Examples:`, `Environment:`, `Exit status: ...`) opens a section of
/// that name; indented lines (commands, tables) are printed as they are, the rest is filled.
fn after_help(roff: &mut Roff, text: &str) {
    let mut in_section = false;
    for block in text.split("\n\n") {
        let mut lines: Vec<&str> = block.lines().collect();
        let Some(first) = lines.first().copied() else {
            continue;
        };
        match heading(first) {
            Some((name, rest)) => {
                roff.control("SH", [name.to_uppercase().as_str()]);
                in_section = true;
                if rest.is_empty() {
                    lines.remove(0);
                } else {
                    lines[0] = rest;
                }
            }
            None if !in_section => {
                roff.control("SH", ["NOTES"]);
                in_section = true;
            }
            None => {
                roff.control("PP", []);
            }
        }
        let mut verbatim = false;
        for line in lines {
            let indented = line.starts_with(' ');
            if indented != verbatim {
                roff.control(if indented { "nf" } else { "fi" }, []);
                verbatim = indented;
            }
            roff.text([roman(line)]);
        }
        if verbatim {
            roff.control("fi", []);
        }
    }
}

/// A block's heading: one or two capitalised words before a colon, and what follows it.
fn heading(line: &str) -> Option<(&str, &str)> {
    let (name, rest) = line.split_once(':')?;
    let words = name.split(' ').count();
    let plain = name.chars().all(|c| c.is_ascii_alphabetic() || c == ' ');
    let capital = name.starts_with(|c: char| c.is_ascii_uppercase());
    (plain && capital && words <= 2).then(|| (name, rest.trim()))
}

/// The main page names every command's page; a command's page names the main page and the
/// pages of the commands below it.
fn see_also(roff: &mut Roff, cmd: &Command) {
    let mut others: Vec<String> = below(cmd)
        .into_iter()
        .map(|sub| format!("{}(1)", page_name(sub)))
        .collect();
    others.sort();
    let mut pages = Vec::new();
    if page_name(cmd) != cmd.get_name() {
        pages.push("polsearch(1)".to_owned());
    }
    pages.extend(others);
    if !pages.is_empty() {
        roff.control("SH", ["SEE ALSO"]);
        roff.text([roman(pages.join(", "))]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_short_capitalised_names_before_a_colon() {
        assert_eq!(heading("Examples:"), Some(("Examples", "")));
        assert_eq!(
            heading("Exit status: 0 when something matched"),
            Some(("Exit status", "0 when something matched"))
        );
        assert_eq!(heading("Install (each shell reads the file):"), None);
        assert_eq!(heading("  polsearch search a:b"), None);
        assert_eq!(heading("A labelled range counts as found when: x"), None);
    }
}
