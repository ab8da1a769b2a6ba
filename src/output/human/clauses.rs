//! A file's clauses as `polsearch clauses` cuts them: where each is, its topics and section,
//! its text; then what was read of the file.

use std::io::{self, Write};

use crate::analyze::document::{Document, TaggedClause};

pub(super) fn clause(out: &mut dyn Write, path: &str, tc: &TaggedClause) -> io::Result<()> {
    let c = &tc.clause;
    let topics: Vec<&str> = tc.topics.iter().map(|t| t.name()).collect();
    let kind = if c.heading { "heading " } else { "" };
    // (The language only when it is not English: what polsearch does not read says so.)
    let lang = match tc.lang {
        crate::analyze::lang::Lang::En => String::new(),
        l if l.is_read() => format!("{} ", l.code()),
        l => format!("{} (not read) ", l.code()),
    };
    // (A clause before the first heading has no section to show.)
    let section = if c.section.is_empty() {
        String::new()
    } else {
        format!("  § {}", c.section)
    };
    writeln!(
        out,
        "{path}:{} [{}, {}) {kind}{lang}[{}]{section}",
        c.line,
        c.span.start,
        c.span.end,
        topics.join(", "),
    )?;
    writeln!(out, "  {}", crate::text::collapse_ws(&c.text))
}

pub(super) fn end(out: &mut dyn Write, doc: &Document) -> io::Result<()> {
    let date = |d: Option<crate::policy::PolicyDate>| d.map_or("-".to_owned(), |d| d.iso());
    let languages: Vec<String> = doc
        .languages()
        .into_iter()
        .map(|(l, n)| format!("{} {n}", l.code()))
        .collect();
    writeln!(
        out,
        "{} clauses ({}); company: {}; kind: {}; snapshot: {}; effective: {}; title: {}; format: {:?}; encoding: {}",
        doc.clauses.len(),
        languages.join(", "),
        doc.company,
        doc.kind,
        date(doc.snapshot),
        date(doc.effective),
        doc.title.as_deref().unwrap_or("-"),
        doc.format,
        doc.encoding
    )
}
