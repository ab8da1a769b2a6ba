//! Search results: a block per hit (path and line, company, topics, kind, date, score, byte
//! range; the section; the clause with matching words marked; its retention statements),
//! facet lines and a closing count.

use std::io::{self, Write};

use crate::output::{SearchSummary, Style};
use crate::search::{FacetCounts, Hit};
use crate::text::Span;

pub(super) fn hit(out: &mut dyn Write, s: Style, hit: &Hit) -> io::Result<()> {
    let topics = if hit.topics.is_empty() {
        "-".to_owned()
    } else {
        hit.topics.join(", ")
    };
    let date = hit
        .date
        .as_deref()
        .map_or(String::new(), |d| format!(" {d}"));
    // A clause in several files: in how many, and when it was first and last seen.
    let versions = match (hit.documents, &hit.first_seen, &hit.last_seen) {
        (0 | 1, _, _) => String::new(),
        (n, Some(first), Some(last)) if first != last => {
            format!("  in {n} files, {first} to {last}")
        }
        (n, _, _) => format!("  in {n} files"),
    };
    writeln!(
        out,
        "{}{}:{}{}  {}  [{}]  {}{}{}{}{}  bytes {}-{}{}{}",
        s.path,
        hit.path,
        hit.line,
        s.reset,
        hit.company,
        topics,
        s.dim,
        hit.kind,
        // (The language only when it is not English.)
        if hit.lang == "en" {
            String::new()
        } else {
            format!(" {}", hit.lang)
        },
        date,
        // (Hits in document order have none.)
        hit.score
            .map_or(String::new(), |s| format!("  score {s:.2}")),
        hit.span.start,
        hit.span.end,
        versions,
        s.reset
    )?;
    if !hit.section.is_empty() && hit.section != hit.text {
        writeln!(out, "  {}§ {}{}", s.dim, hit.section, s.reset)?;
    }
    writeln!(out, "  {}", marked(&hit.text, &hit.text_highlights, s))?;
    if !hit.retention.is_empty() {
        let periods: Vec<String> = hit
            .retention
            .iter()
            .map(|r| match r.days {
                Some(d) => format!("{} = {d} days", r.text),
                None => format!("{} ({})", r.text, r.kind.name()),
            })
            .collect();
        writeln!(
            out,
            "  {}retention: {}{}",
            s.dim,
            periods.join("; "),
            s.reset
        )?;
    }
    writeln!(out)
}

/// Values a facet's line shows (the most frequent); `--json` and `polsearch count` give all.
const FACET_VALUES: usize = 20;

pub(super) fn facets(out: &mut dyn Write, facets: &FacetCounts) -> io::Result<()> {
    // No hits, no values: an empty "company: " line says nothing.
    if facets.counts.is_empty() {
        return Ok(());
    }
    let counts: Vec<String> = facets
        .counts
        .iter()
        .take(FACET_VALUES)
        .map(|c| format!("{} ({})", c.value, c.count))
        .collect();
    let more = facets.counts.len().saturating_sub(FACET_VALUES);
    let rest = if more > 0 {
        format!(
            ", and {more} more (all of them: --json, or polsearch count --by {})",
            facets.field
        )
    } else {
        String::new()
    };
    writeln!(out, "{}: {}{rest}", facets.field, counts.join(", "))
}

pub(super) fn summary(
    out: &mut dyn Write,
    s: Style,
    summary: &SearchSummary,
    shown: usize,
    offset: usize,
) -> io::Result<()> {
    let range = match shown {
        0 => String::new(),
        _ if summary.order == crate::search::Order::Document.name() => format!(
            ", showing {}-{} in document order",
            offset + 1,
            offset + shown
        ),
        _ => format!(", showing {}-{}", offset + 1, offset + shown),
    };
    let at_least = if summary.total_exact { "" } else { "at least " };
    writeln!(
        out,
        "{}{at_least}{} matching {}{} ({:.1} ms){}",
        s.dim,
        summary.total_hits,
        unit_noun(summary.count, summary.total_hits),
        range,
        summary.elapsed_ms,
        s.reset
    )
}

/// The clause text on one line, matching words wrapped in the mark style.
fn marked(text: &str, spans: &[Span], s: Style) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for &Span { start: a, end: b } in spans {
        if a < at || b > text.len() {
            continue;
        }
        out.push_str(&text[at..a]);
        out.push_str(s.mark);
        out.push_str(&text[a..b]);
        out.push_str(s.reset);
        at = b;
    }
    out.push_str(&text[at..]);
    crate::text::collapse_ws(&out)
}

/// The noun of a count unit by its name ("clause", "documents").
fn unit_noun(unit: &str, n: usize) -> &'static str {
    unit.parse::<crate::search::tally::Unit>().map_or_else(
        |_| crate::text::plural(n, "clause", "clauses"),
        |u| u.noun(n),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::FacetCount;

    fn line(n: usize) -> String {
        let facet = FacetCounts {
            field: "company".to_owned(),
            counts: (0..n)
                .map(|i| FacetCount {
                    value: format!("c{i}"),
                    count: (100 - i) as u64,
                })
                .collect(),
        };
        let mut out = Vec::new();
        facets(&mut out, &facet).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_facet_line_shows_the_most_frequent_values_and_says_how_many_more() {
        let all = line(FACET_VALUES);
        assert!(all.contains("c19 (81)") && !all.contains("more"), "{all}");
        let cut = line(FACET_VALUES + 5);
        assert!(cut.contains("c19 (81)") && !cut.contains("c20"), "{cut}");
        assert!(
            cut.contains("and 5 more (all of them: --json, or polsearch count --by company)"),
            "{cut}"
        );
        assert_eq!(line(0), "");
    }
}
