//! How well retention statements are found, against clauses labelled by hand (`polsearch eval
//! retention`): a labels file names clauses by file and byte range, with what each states.

use std::str::FromStr;

use crate::analyze::document::TaggedClause;
use crate::analyze::retention::RetentionKind;

/// What a clause states about keeping data, by hand or by the extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// How long data is kept: a period, a criterion, no limit, a deletion deadline.
    Retention,
    /// A cookie's or local storage's lifetime, and no data retention.
    Cookie,
    /// Neither.
    Neither,
    /// The labeller was unsure: not counted.
    Unsure,
}

impl Label {
    /// The label's letter in a labels file: `R`, `C`, `N` or `?`.
    pub fn letter(self) -> &'static str {
        match self {
            Label::Retention => "R",
            Label::Cookie => "C",
            Label::Neither => "N",
            Label::Unsure => "?",
        }
    }

    /// What the extractor says of the clauses covering a labelled range.
    pub fn predicted<'a>(clauses: impl IntoIterator<Item = &'a TaggedClause>) -> Label {
        let mut out = Label::Neither;
        for c in clauses {
            for r in &c.retention {
                if r.kind == RetentionKind::Cookie {
                    out = Label::Cookie;
                } else {
                    return Label::Retention;
                }
            }
        }
        out
    }
}

impl FromStr for Label {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "R" | "r" => Ok(Label::Retention),
            "C" | "c" => Ok(Label::Cookie),
            "N" | "n" => Ok(Label::Neither),
            "?" => Ok(Label::Unsure),
            other => Err(format!("unknown label '{other}' (use R, C, N or ?)")),
        }
    }
}

/// One labelled clause: where it is and what the labeller said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// The set it was drawn in (to report tuned and untouched sets apart).
    pub sample: String,
    /// The file, relative to the corpus folder.
    pub path: String,
    /// Where its byte range starts in the file.
    pub start: usize,
    /// Where its byte range ends.
    pub end: usize,
    /// What the labeller said it states.
    pub label: Label,
}

/// Read a labels file: tab-separated `sample path start end label` rows after a header row;
/// `#` lines are comments. Errors name the line.
pub fn parse_labels(text: &str) -> Result<Vec<Labelled>, String> {
    let mut out = Vec::new();
    let mut header = false;
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if !header {
            if cells != ["sample", "path", "start", "end", "label"] {
                return Err(format!(
                    "line {line_no}: expected the header 'sample<TAB>path<TAB>start<TAB>end<TAB>label'"
                ));
            }
            header = true;
            continue;
        }
        let [sample, path, start, end, label] = cells[..] else {
            return Err(format!(
                "line {line_no}: expected 5 tab-separated cells, found {}",
                cells.len()
            ));
        };
        let offset = |s: &str, what: &str| {
            s.parse::<usize>()
                .map_err(|_| format!("line {line_no}: {what} '{s}' is not a byte offset"))
        };
        let (start, end) = (offset(start, "start")?, offset(end, "end")?);
        if start >= end {
            return Err(format!(
                "line {line_no}: start {start} is not before end {end}"
            ));
        }
        out.push(Labelled {
            sample: sample.to_owned(),
            path: path.to_owned(),
            start,
            end,
            label: label.parse().map_err(|e| format!("line {line_no}: {e}"))?,
        });
    }
    if !header {
        return Err("no header row 'sample<TAB>path<TAB>start<TAB>end<TAB>label'".to_owned());
    }
    Ok(out)
}

/// A labelled clause with the extractor's answer and the statements it found.
#[derive(Debug, Clone)]
pub struct Judged {
    /// The labelled clause.
    pub labelled: Labelled,
    /// `None` when no clause of the file covers the range any more (the cutting changed).
    pub predicted: Option<Label>,
    /// The statements found, as `kind: words`.
    pub statements: Vec<String>,
}

impl Judged {
    /// Is the extractor's answer at odds with the label (for data retention, or cookies)?
    pub fn is_error(&self) -> bool {
        let l = self.labelled.label;
        match self.predicted {
            None => false,
            Some(_) if l == Label::Unsure => false,
            Some(p) => {
                (p == Label::Retention) != (l == Label::Retention)
                    || (p == Label::Cookie) != (l == Label::Cookie)
            }
        }
    }
}

/// Precision and recall of one kind of statement over a set of judged clauses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Labelled so and found so.
    pub true_pos: usize,
    /// Found so, labelled otherwise.
    pub false_pos: usize,
    /// Labelled so, not found.
    pub false_neg: usize,
    /// Neither labelled nor found so.
    pub true_neg: usize,
}

impl Counts {
    /// Of the clauses found, the share labelled so (`None` when none was found).
    pub fn precision(&self) -> Option<f64> {
        let found = self.true_pos + self.false_pos;
        (found > 0).then(|| self.true_pos as f64 / found as f64)
    }
    /// Of the clauses labelled so, the share found (`None` when none is labelled so).
    pub fn recall(&self) -> Option<f64> {
        let there = self.true_pos + self.false_neg;
        (there > 0).then(|| self.true_pos as f64 / there as f64)
    }
}

/// The figures of a set of judged clauses (one sample, or all).
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// The sample, or `all`.
    pub sample: String,
    /// Data retention (labels R against C and N).
    pub retention: Counts,
    /// Cookie lifetimes (labels C against R and N).
    pub cookie: Counts,
    /// Labelled `?`: not counted.
    pub unsure: usize,
    /// Ranges no clause covers any more: not counted.
    pub not_found: usize,
}

impl Tally {
    /// Count `rows` under the name `sample`.
    pub fn of<'a>(sample: &str, rows: impl IntoIterator<Item = &'a Judged>) -> Tally {
        let mut t = Tally {
            sample: sample.to_owned(),
            ..Tally::default()
        };
        for row in rows {
            let Some(p) = row.predicted else {
                t.not_found += 1;
                continue;
            };
            let l = row.labelled.label;
            if l == Label::Unsure {
                t.unsure += 1;
                continue;
            }
            for (counts, kind) in [
                (&mut t.retention, Label::Retention),
                (&mut t.cookie, Label::Cookie),
            ] {
                match (l == kind, p == kind) {
                    (true, true) => counts.true_pos += 1,
                    (false, true) => counts.false_pos += 1,
                    (true, false) => counts.false_neg += 1,
                    (false, false) => counts.true_neg += 1,
                }
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_parse_and_errors_name_the_line() {
        let ok = "# comment\nsample\tpath\tstart\tend\tlabel\ndev\ta/b.md\t10\t20\tR\ndev\tc.md\t0\t5\t?\n";
        let rows = parse_labels(ok).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].label, Label::Retention);
        assert_eq!(rows[1].label, Label::Unsure);
        let bad = "sample\tpath\tstart\tend\tlabel\ndev\ta.md\tten\t20\tR\n";
        assert!(parse_labels(bad).unwrap_err().contains("line 2"));
        let bad = "sample\tpath\tstart\tend\tlabel\ndev\ta.md\t1\t20\tX\n";
        assert!(parse_labels(bad).unwrap_err().contains("unknown label"));
        assert!(parse_labels("dev\ta.md\t1\t2\tR\n").is_err());
    }

    #[test]
    fn precision_and_recall_count_each_kind() {
        let row = |label, predicted| Judged {
            labelled: Labelled {
                sample: "s".into(),
                path: "p".into(),
                start: 0,
                end: 1,
                label,
            },
            predicted: Some(predicted),
            statements: Vec::new(),
        };
        let rows = [
            row(Label::Retention, Label::Retention),
            row(Label::Retention, Label::Neither),
            row(Label::Neither, Label::Retention),
            row(Label::Cookie, Label::Cookie),
            row(Label::Neither, Label::Neither),
            row(Label::Unsure, Label::Retention),
        ];
        let t = Tally::of("all", &rows);
        assert_eq!(
            t.retention,
            Counts {
                true_pos: 1,
                false_pos: 1,
                false_neg: 1,
                true_neg: 2
            }
        );
        assert_eq!(t.cookie.true_pos, 1);
        assert_eq!(t.unsure, 1);
        assert_eq!(t.retention.precision(), Some(0.5));
        assert!(rows[1].is_error() && !rows[0].is_error() && !rows[5].is_error());
    }
}
