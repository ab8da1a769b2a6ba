//! What changed between two versions of a policy, clause by clause.
//!
//! A diff pairs the clauses of two versions in three passes:
//!
//! 1. the same text (whitespace collapsed) on both sides is *unchanged*, or *moved* when
//!    its section heading differs (pairs are taken in document order, so a clause
//!    repeated three times and kept twice has one removal);
//! 2. among the rest, a removed and an added clause whose words overlap enough
//!    ([`similarity`] at least [`MODIFIED_MIN`]) are one *modified* clause, best pairs first;
//! 3. what is left is *removed* or *added*.
//!
//! Every clause keeps its byte offsets and line in its own file, a modified clause gets a
//! word-level diff of its text, and changes of topics and retention periods are named.

use std::collections::{HashMap, HashSet};

use similar::{ChangeTag, TextDiff};

use crate::analyze::document::Document;
use crate::analyze::retention::{Retention, RetentionKind};
use crate::text::{collapse_ws, Span};

/// The least [`similarity`] at which a removed and an added clause are one modified clause.
/// Measured on consecutive versions of the history corpus (`examples/diff_similarity.rs`,
/// 1,602 version pairs, 65,098 removed clauses): a removed clause's best similarity with an
/// added one is bimodal, 60 % below 0.4 (no partner: unrelated clauses share only common
/// words), 22 % at 0.8 or more (one sentence edited), a trough of 3-4 % per 0.1 between. Of
/// ten sampled pairs at 0.5-0.6 about five were the same clause rewritten, at 0.6-0.7 seven:
/// 0.6 keeps most rewrites and pairs few strangers.
pub const MODIFIED_MIN: f64 = 0.6;

/// A clause of one side of a diff, where it is in its file.
#[derive(Debug, Clone)]
pub struct Side {
    /// Where the clause is in its file.
    pub span: Span,
    /// Line of the clause's start, from 1.
    pub line: u32,
    /// The section heading above it.
    pub section: String,
    /// The clause's text.
    pub text: String,
    /// Whether the clause is a heading (a heading's section is the heading before it, so a
    /// heading is never "moved").
    pub heading: bool,
    /// Its topics' names.
    pub topics: Vec<String>,
    /// Stated retention periods and other retention statements of the clause, offsets
    /// absolute in the file.
    pub retention: Vec<Retention>,
}

/// What happened to a clause between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, its text changed ([`MODIFIED_MIN`] alike or more).
    Modified,
    /// In both with the same text, under another section.
    Moved,
}

impl ChangeKind {
    /// The change's name in JSON: `added`, `removed`, `modified` or `moved`.
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Modified => "modified",
            ChangeKind::Moved => "moved",
        }
    }
}

/// One word-level piece of a modified clause's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordChange {
    /// `equal`, `delete` (only in the old text) or `insert` (only in the new one).
    pub op: &'static str,
    /// The words.
    pub text: String,
}

/// One changed clause.
#[derive(Debug, Clone)]
pub struct Change {
    /// What happened.
    pub change: ChangeKind,
    /// The clause in the old version (none when added).
    pub from: Option<Side>,
    /// The clause in the new version (none when removed).
    pub to: Option<Side>,
    /// For a modified clause: how close the two texts are ([`similarity`]).
    pub similarity: Option<f64>,
    /// For a modified clause: its text, word by word.
    pub words: Vec<WordChange>,
    /// Topics the clause gained and lost.
    pub topics_added: Vec<String>,
    /// (see `topics_added`)
    pub topics_removed: Vec<String>,
    /// Retention periods before and after, when they differ ("12 months" -> "24 months").
    pub retention: Option<PeriodChange>,
}

/// Stated retention periods on each side, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodChange {
    /// The old version's periods.
    pub from: Vec<String>,
    /// The new version's.
    pub to: Vec<String>,
}

impl PeriodChange {
    /// "12 months -> 24 months", "- -> 30 days".
    pub fn describe(&self) -> String {
        let list = |v: &[String]| match v {
            [] => "-".to_owned(),
            v => v.join(", "),
        };
        format!("{} -> {}", list(&self.from), list(&self.to))
    }
}

/// The clause-level difference between two versions.
#[derive(Debug, Clone)]
pub struct Diff {
    /// Changed clauses, in the new version's order (a removed clause where it was).
    pub changes: Vec<Change>,
    /// Clauses the same in both versions.
    pub unchanged: usize,
    /// The topics the changes were limited to ([`Diff::on_topics`]; empty: every change).
    pub topics: Vec<String>,
    /// Changes left out for carrying none of `topics`.
    pub left_out: usize,
}

impl Diff {
    /// Keep only the changes to clauses carrying one of `topics` in either version (a clause
    /// that gained or lost the topic included); the others are counted in `left_out`. No
    /// topics: every change.
    pub fn on_topics(mut self, topics: &[&str]) -> Diff {
        if topics.is_empty() {
            return self;
        }
        let carries = |s: &Option<Side>| {
            s.as_ref()
                .is_some_and(|s| s.topics.iter().any(|t| topics.contains(&t.as_str())))
        };
        let before = self.changes.len();
        self.changes.retain(|c| carries(&c.from) || carries(&c.to));
        self.left_out += before - self.changes.len();
        self.topics = topics.iter().map(|t| (*t).to_owned()).collect();
        self
    }

    /// How many changes are of `kind`.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.change == kind).count()
    }
}

/// The words of a text for [`similarity`]: lower-cased runs of letters and digits, a number
/// or a month's name standing for any other (a clause whose date or period alone changed,
/// "Last updated: March 1, 2021" -> "Last updated: May 20, 2022", is that clause modified).
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            if w.chars().all(|c| c.is_ascii_digit()) {
                "0".to_owned()
            } else if w != "may" && crate::analyze::meta::month_number(&w).is_some() {
                "january".to_owned()
            } else {
                w
            }
        })
        .collect();
    v.sort_unstable();
    v
}

/// How much two clauses share: the Dice coefficient of their word multisets (2 × shared
/// words / all words), from 0 (nothing) to 1 (the same words, in any order). Order-blind
/// and cheap, so every removed clause can be compared with every added one.
pub fn similarity(a: &str, b: &str) -> f64 {
    sorted_similarity(&words(a), &words(b))
}

fn sorted_similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Pairs of a removed and an added clause close enough to be one clause modified
/// ([`similarity`] at least [`MODIFIED_MIN`]; each clause given as its position and its
/// [`words`]), best pairs first, ties to the nearer positions, each clause in one pair at
/// most: `(old position, new position, similarity)`. A pair whose shorter clause is too short
/// to reach the least similarity with the longer (Dice is at most 2 x shorter / both) is not
/// compared.
pub(crate) fn close_pairs(
    old: &[(usize, &[String])],
    new: &[(usize, &[String])],
) -> Vec<(usize, usize, f64)> {
    let mut pairs: Vec<(f64, usize, usize, usize)> = Vec::new();
    for (i, a) in old {
        for (j, b) in new {
            let (short, both) = (a.len().min(b.len()), a.len() + b.len());
            if both > 0 && (2 * short) as f64 / (both as f64) < MODIFIED_MIN {
                continue;
            }
            let s = sorted_similarity(a, b);
            if s >= MODIFIED_MIN {
                pairs.push((s, i.abs_diff(*j), *i, *j));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then((a.2, a.3).cmp(&(b.2, b.3)))
    });
    let (mut old_taken, mut new_taken) = (HashSet::new(), HashSet::new());
    pairs
        .into_iter()
        .filter(|&(_, _, i, j)| {
            let free = !old_taken.contains(&i) && !new_taken.contains(&j);
            if free {
                old_taken.insert(i);
                new_taken.insert(j);
            }
            free
        })
        .map(|(s, _, i, j)| (i, j, s))
        .collect()
}

/// A document's clauses as diff sides.
fn sides(doc: &Document) -> Vec<Side> {
    doc.clauses
        .iter()
        .map(|tc| {
            let c = &tc.clause;
            Side {
                span: c.span,
                line: c.line,
                section: c.section.clone(),
                text: c.text.clone(),
                heading: c.heading,
                topics: tc.topics.iter().map(|t| t.name().to_owned()).collect(),
                retention: tc
                    .retention
                    .iter()
                    .map(|r| Retention {
                        span: c.raw_range(r.span.range()).into(),
                        ..r.clone()
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The stated periods among a clause's retention statements, as written (whitespace
/// collapsed), shortest first, one per length.
pub(super) fn stated_periods(
    statements: &[crate::analyze::retention::Retention],
) -> Vec<(u64, String)> {
    let mut v: Vec<(u64, String)> = statements
        .iter()
        .filter(|r| r.kind == RetentionKind::Stated)
        .filter_map(|r| Some((r.days?, collapse_ws(&r.text))))
        .collect();
    v.sort();
    v.dedup_by_key(|(d, _)| *d);
    v
}

/// What changed between two versions of a policy, tagged (topics, retention) as indexing
/// tags them.
pub fn diff(old: &Document, new: &Document) -> Diff {
    diff_sides(sides(old), sides(new))
}

fn diff_sides(old: Vec<Side>, new: Vec<Side>) -> Diff {
    // Pass 1: the same text.
    let mut by_text: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in old.iter().enumerate().rev() {
        by_text.entry(collapse_ws(&s.text)).or_default().push(i);
    }
    let mut old_match: Vec<Option<usize>> = vec![None; old.len()];
    let mut new_match: Vec<Option<usize>> = vec![None; new.len()];
    for (j, s) in new.iter().enumerate() {
        if let Some(i) = by_text.get_mut(&collapse_ws(&s.text)).and_then(Vec::pop) {
            old_match[i] = Some(j);
            new_match[j] = Some(i);
        }
    }
    // Pass 2: close texts, best pairs first (ties: nearer in the document).
    let removed: Vec<usize> = (0..old.len()).filter(|&i| old_match[i].is_none()).collect();
    let added: Vec<usize> = (0..new.len()).filter(|&j| new_match[j].is_none()).collect();
    let removed_words: Vec<Vec<String>> = removed.iter().map(|&i| words(&old[i].text)).collect();
    let added_words: Vec<Vec<String>> = added.iter().map(|&j| words(&new[j].text)).collect();
    let old_words: Vec<(usize, &[String])> = removed
        .iter()
        .zip(&removed_words)
        .map(|(&i, w)| (i, w.as_slice()))
        .collect();
    let new_words: Vec<(usize, &[String])> = added
        .iter()
        .zip(&added_words)
        .map(|(&j, w)| (j, w.as_slice()))
        .collect();
    let mut modified: HashMap<usize, (usize, f64)> = HashMap::new();
    for (i, j, s) in close_pairs(&old_words, &new_words) {
        old_match[i] = Some(j);
        new_match[j] = Some(i);
        modified.insert(j, (i, s));
    }

    // Changes in the new version's order; a removed clause goes after the new place of
    // the last old clause before it that has one.
    let mut keyed: Vec<((usize, usize), Change)> = Vec::new();
    let mut unchanged = 0;
    for (j, to) in new.iter().enumerate() {
        let Some(i) = new_match[j] else {
            keyed.push(((j, 0), change(ChangeKind::Added, None, Some(to))));
            continue;
        };
        let from = &old[i];
        if let Some(&(_, s)) = modified.get(&j) {
            let mut c = change(ChangeKind::Modified, Some(from), Some(to));
            c.similarity = Some((s * 1000.0).round() / 1000.0);
            c.words = word_diff(&from.text, &to.text);
            keyed.push(((j, 0), c));
        } else if from.section != to.section && !to.heading {
            keyed.push(((j, 0), change(ChangeKind::Moved, Some(from), Some(to))));
        } else {
            unchanged += 1;
        }
    }
    let mut anchor = 0;
    for (i, from) in old.iter().enumerate() {
        match old_match[i] {
            Some(j) => anchor = j,
            None => keyed.push((
                (anchor, 1 + i),
                change(ChangeKind::Removed, Some(from), None),
            )),
        }
    }
    keyed.sort_by_key(|(k, _)| *k);
    Diff {
        changes: keyed.into_iter().map(|(_, c)| c).collect(),
        unchanged,
        topics: Vec::new(),
        left_out: 0,
    }
}

fn change(kind: ChangeKind, from: Option<&Side>, to: Option<&Side>) -> Change {
    let topics = |s: Option<&Side>| -> HashSet<String> {
        s.map(|s| s.topics.iter().cloned().collect())
            .unwrap_or_default()
    };
    let (before, after) = (topics(from), topics(to));
    let sorted = |set: HashSet<&String>| {
        let mut v: Vec<String> = set.into_iter().cloned().collect();
        v.sort();
        v
    };
    let (p_from, p_to) = (
        from.map(|s| stated_periods(&s.retention))
            .unwrap_or_default(),
        to.map(|s| stated_periods(&s.retention)).unwrap_or_default(),
    );
    let days = |p: &[(u64, String)]| p.iter().map(|(d, _)| *d).collect::<Vec<_>>();
    let retention = (days(&p_from) != days(&p_to)).then(|| PeriodChange {
        from: p_from.into_iter().map(|(_, t)| t).collect(),
        to: p_to.into_iter().map(|(_, t)| t).collect(),
    });
    let (topics_added, topics_removed) = match kind {
        ChangeKind::Modified | ChangeKind::Moved => (
            sorted(after.difference(&before).collect()),
            sorted(before.difference(&after).collect()),
        ),
        _ => (Vec::new(), Vec::new()),
    };
    Change {
        change: kind,
        from: from.cloned(),
        to: to.cloned(),
        similarity: None,
        words: Vec::new(),
        topics_added,
        topics_removed,
        retention: match kind {
            ChangeKind::Modified | ChangeKind::Moved => retention,
            _ => None,
        },
    }
}

/// The text of a modified clause word by word: pieces equal on both sides, deleted from the
/// old text, inserted in the new one. A run of changed words is one deletion and one
/// insertion, the spaces between its words included, so that a rewritten phrase reads as
/// `[-old words-]{+new words+}` rather than word against word.
pub fn word_diff(old: &str, new: &str) -> Vec<WordChange> {
    let (old, new) = (collapse_ws(old), collapse_ws(new));
    let diff = TextDiff::from_words(old.as_str(), new.as_str());
    let mut out: Vec<WordChange> = Vec::new();
    let (mut deleted, mut inserted) = (String::new(), String::new());
    let push = |out: &mut Vec<WordChange>, op: &'static str, text: &str| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => out.push(WordChange {
                op,
                text: text.to_owned(),
            }),
        }
    };
    let flush = |out: &mut Vec<WordChange>, deleted: &mut String, inserted: &mut String| {
        // Spaces both sides end with stay outside the change.
        let common = deleted
            .chars()
            .rev()
            .zip(inserted.chars().rev())
            .take_while(|(a, b)| a == b && a.is_whitespace())
            .count();
        let tail = deleted[deleted.len() - common..].to_owned();
        deleted.truncate(deleted.len() - common);
        inserted.truncate(inserted.len() - common);
        push(out, "delete", deleted);
        push(out, "insert", inserted);
        push(out, "equal", &tail);
        deleted.clear();
        inserted.clear();
    };
    for c in diff.iter_all_changes() {
        let value = c.value();
        match c.tag() {
            ChangeTag::Delete => deleted.push_str(value),
            ChangeTag::Insert => inserted.push_str(value),
            // Spaces inside a run of changes belong to both sides of it.
            ChangeTag::Equal
                if value.trim().is_empty() && !(deleted.is_empty() && inserted.is_empty()) =>
            {
                deleted.push_str(value);
                inserted.push_str(value);
            }
            ChangeTag::Equal => {
                flush(&mut out, &mut deleted, &mut inserted);
                push(&mut out, "equal", value);
            }
        }
    }
    flush(&mut out, &mut deleted, &mut inserted);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(section: &str, text: &str) -> Side {
        Side {
            span: Span::new(0, text.len()),
            line: 1,
            section: section.into(),
            text: text.into(),
            heading: false,
            topics: Vec::new(),
            retention: Vec::new(),
        }
    }

    #[test]
    fn similarity_is_a_dice_coefficient_of_words() {
        assert_eq!(similarity("We keep logs.", "we KEEP logs"), 1.0);
        assert_eq!(similarity("a b c d", "e f g h"), 0.0);
        assert_eq!(similarity("a b c d", "a b c e"), 0.75);
        assert_eq!(similarity("", ""), 1.0);
        // A number or a month's name stands for any other: a date or a period changed alone
        // is the clause modified.
        assert_eq!(
            similarity("Effective: 1 January 2020", "Effective: 3 February 2021"),
            1.0
        );
        assert!(
            similarity("Last updated: March 1, 2021", "Last updated: May 20, 2022") >= MODIFIED_MIN
        );
        assert_eq!(
            similarity("We keep logs for 12 months.", "We keep logs for 24 months."),
            1.0
        );
        assert!(similarity("Updated 2021", "Contact us") < MODIFIED_MIN);
    }

    #[test]
    fn passes_pair_same_text_then_close_text() {
        let old = vec![
            side("A", "Title"),
            side("A", "We keep logs for 12 months."),
            side("B", "You may close your account."),
            side("C", "We send a weekly digest."),
        ];
        let new = vec![
            side("A", "Title"),
            side("A", "We keep logs for 24 months."),
            side("A", "We share crash reports with our host."),
            side("D", "You may close your account."),
        ];
        let d = diff_sides(old, new);
        assert_eq!(d.unchanged, 1);
        let kinds: Vec<ChangeKind> = d.changes.iter().map(|c| c.change).collect();
        assert_eq!(
            kinds,
            [
                ChangeKind::Modified,
                ChangeKind::Added,
                ChangeKind::Moved,
                ChangeKind::Removed
            ]
        );
        let words: Vec<(&str, &str)> = d.changes[0]
            .words
            .iter()
            .map(|w| (w.op, w.text.as_str()))
            .collect();
        assert_eq!(
            words,
            [
                ("equal", "We keep logs for "),
                ("delete", "12"),
                ("insert", "24"),
                ("equal", " months."),
            ]
        );
    }

    #[test]
    fn a_rewritten_phrase_is_one_deletion_and_one_insertion() {
        let w = word_diff(
            "Where we refer to TikTok we mean TikTok Ltd.",
            "Data controller: if you live here, TikTok Ltd.",
        );
        let ops: Vec<(&str, &str)> = w.iter().map(|w| (w.op, w.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                ("delete", "Where we refer to TikTok we mean"),
                ("insert", "Data controller: if you live here,"),
                ("equal", " TikTok Ltd."),
            ]
        );
        // Both texts come back.
        let side = |keep: &str| -> String {
            w.iter()
                .filter(|p| p.op == "equal" || p.op == keep)
                .map(|p| p.text.as_str())
                .collect()
        };
        assert_eq!(
            side("delete"),
            "Where we refer to TikTok we mean TikTok Ltd."
        );
        assert_eq!(
            side("insert"),
            "Data controller: if you live here, TikTok Ltd."
        );
    }

    #[test]
    fn a_repeated_clause_kept_once_is_one_removal() {
        let old = vec![side("", "Same."), side("", "Same."), side("", "Other.")];
        let new = vec![side("", "Same."), side("", "Other.")];
        let d = diff_sides(old, new);
        assert_eq!((d.unchanged, d.changes.len()), (2, 1));
        assert_eq!(d.changes[0].change, ChangeKind::Removed);
        assert_eq!(d.changes[0].from.as_ref().unwrap().text, "Same.");
    }
}
