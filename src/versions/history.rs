//! A policy's history: its versions in date order, each compared with the one before
//! (clauses added and removed, retention periods and topics that changed), read from the
//! index's distinct clauses without reading the files again.

use std::collections::{HashMap, HashSet};

use crate::analyze::lang::Lang;
use crate::index::documents::PolicyKey;

use super::PeriodChange;

/// One version of a policy in a [`history`].
#[derive(Debug, Clone)]
pub struct VersionRow {
    /// The document kind.
    pub kind: String,
    /// The language most of its text is in: a policy is a company's versions of one kind
    /// in one language ([`crate::index::documents::GroupFile::policy`]).
    pub lang: Lang,
    /// Which of the company's undated documents of this kind and language it is
    /// ([`crate::index::documents::GroupFile::document`]; empty for a dated version).
    pub document: String,
    /// Whether the company's documents of this kind were captured in another language too
    /// (each language a policy of its own), whether or not a span shows those versions.
    pub translated: bool,
    /// The file.
    pub path: String,
    /// The snapshot date if any, else the effective date; then each on its own.
    pub date: Option<String>,
    /// The snapshot date (file name, archive header, manifest).
    pub snapshot: Option<String>,
    /// The effective date the text states.
    pub effective: Option<String>,
    /// Distinct clauses of this version.
    pub clauses: usize,
    /// Clauses new since the previous version of the same policy, and gone since it (the
    /// first version: all added). A clause that changed or moved section is one of each.
    pub added: usize,
    /// (see `added`)
    pub removed: usize,
    /// How many of the added clauses reword a removed one: pairs close enough to be one
    /// clause modified, as `diff` pairs them ([`crate::versions::compare::close_pairs`]).
    pub modified: usize,
    /// The file of the version it is compared with (none for a policy's first version): the
    /// one before it, dated in a `--since`/`--until` span or not, passing over partial
    /// captures.
    pub previous: Option<String>,
    /// When it is a partial capture ([`partial_captures`]): the distinct clauses of the
    /// whole version before it and of the version after it. The version after it is compared
    /// with the one before.
    pub partial: Option<Partial>,
    /// Stated retention periods that appeared and disappeared.
    pub retention: Option<PeriodChange>,
    /// Per topic, how many of the added and removed clauses carry it.
    pub topics: Vec<TopicChange>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// How a version changed the clauses carrying one topic.
pub struct TopicChange {
    /// The topic's name.
    pub topic: String,
    /// Added clauses carrying it.
    pub added: usize,
    /// Removed clauses carrying it.
    pub removed: usize,
}

/// A version holding fewer than this share of the distinct clauses of the whole version
/// before it and of the version after it in its policy (each with [`PARTIAL_AROUND`] or
/// more), or of the whole version before it when it is the policy's last, is a *partial
/// capture*: a failed, truncated or other page ("404", "Loading", a login screen, the first
/// screen of a long policy, a summary or a menu page), not a rewrite (which the versions
/// after it would keep). See [`partial_captures`].
pub const PARTIAL_SHARE: f64 = 0.3;

/// (see [`PARTIAL_SHARE`])
pub const PARTIAL_AROUND: usize = 20;

/// A version with fewer distinct clauses than this (a title, a title and an error line)
/// after a whole version of [`PARTIAL_AROUND`] or more is a partial capture wherever it is,
/// in a run of such pages too ([`partial_captures`]).
pub const PARTIAL_TINY: usize = 3;

/// A partial capture ([`partial_captures`]): the distinct clauses of the whole version before
/// it and of the version after it (none when it is the policy's last capture).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partial {
    /// The distinct clauses of the last whole version before it.
    pub before: usize,
    /// The distinct clauses of the version after it, if any.
    pub after: Option<usize>,
}

impl Partial {
    /// Whether the capture (of `clauses` distinct clauses) is one of a run of empty pages
    /// ([`PARTIAL_TINY`]): the version after it is no whole version either.
    pub fn in_empty_run(&self, clauses: usize) -> bool {
        clauses < PARTIAL_TINY && self.after.is_some_and(|a| a < PARTIAL_AROUND)
    }
}

/// Which of one policy's versions (their counts of distinct clauses, in date order) are
/// partial captures ([`PARTIAL_SHARE`]). Such a version is listed by `history` and flagged;
/// the version after it is compared with the whole one before it, and `--latest`,
/// `--as-of` and `diff` take the whole version before it as the policy of its date.
///
/// In the history corpus (session 46, all read) 41 of the 10,678 versions that lie between two
/// others are partial: 14 error, loading or empty pages, 13 truncated policies, 14 other
/// shorter pages, each of which read as the whole policy removed and added back. Of the 322
/// policies' last captures, 9 are (session 47, all read): an error page, a login screen, an
/// empty page, a documentation page, a news page, a terms page, another company's page, a
/// truncated policy, and one real end: Chrome's notice replaced by "no longer available", which
/// `history` shows flagged while `--latest` keeps the notice before it. Runs of two or more
/// short captures are not partial (the second keeps what the first said), unless each holds
/// under [`PARTIAL_TINY`] clauses: Microsoft's privacy statement (and Bing's, MSN's, Skype's,
/// the Microsoft Store's: 1,601 clauses) was captured as its title alone twice and then as
/// "Service Unavailable - DNS failure", which `--latest` read as the statement; Hygraph's
/// policy as a page of links (2, 2 and 4 clauses after 95). Jeeng's last three captures (3
/// clauses: "Jeeng is now part of the OpenWeb Group", a link to its policy) stay its policy's end.
pub fn partial_captures(counts: &[usize]) -> Vec<Option<Partial>> {
    let mut out = Vec::with_capacity(counts.len());
    // The distinct clauses of the last whole version.
    let mut whole: Option<usize> = None;
    for (i, &now) in counts.iter().enumerate() {
        let short =
            |than: usize| than >= PARTIAL_AROUND && (now as f64) < PARTIAL_SHARE * than as f64;
        let after = counts.get(i + 1).copied();
        let partial = whole
            .filter(|&before| {
                before >= PARTIAL_AROUND && now < PARTIAL_TINY
                    || short(before) && after.is_none_or(short)
            })
            .map(|before| Partial { before, after });
        if partial.is_none() {
            whole = Some(now);
        }
        out.push(partial);
    }
    out
}

/// For each clause document, the first (in `clauses`' order) of those that are the same
/// clause: linked by a shared clause id or by the same text, section, heading flag and
/// language, directly or through others (a union-find whose roots are the first indices).
fn one_clause(clauses: &[crate::search::StoredClause]) -> Vec<usize> {
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut parent: Vec<usize> = (0..clauses.len()).collect();
    let mut by_id: HashMap<u64, usize> = HashMap::new();
    let mut by_words: HashMap<(&str, &str, bool, Lang), usize> = HashMap::new();
    for (i, c) in clauses.iter().enumerate() {
        let words = (c.text.as_str(), c.section.as_str(), c.heading, c.lang);
        for j in [
            *by_id.entry(c.id).or_insert(i),
            *by_words.entry(words).or_insert(i),
        ] {
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            parent[a.max(b)] = a.min(b);
        }
    }
    (0..clauses.len()).map(|i| root(&mut parent, i)).collect()
}

/// Only the versions that added or removed clauses on one of `topics` (a policy's first
/// version when it has such clauses; partial captures left out, their changes being the
/// capture's, not the policy's); every version when there are no topics.
pub fn changing_topics(mut rows: Vec<VersionRow>, topics: &[&str]) -> Vec<VersionRow> {
    if !topics.is_empty() {
        rows.retain(|r| {
            r.partial.is_none()
                && r.topics
                    .iter()
                    .any(|t| topics.contains(&t.topic.as_str()) && t.added + t.removed > 0)
        });
    }
    rows
}

/// The span of dates (first and last Unix second) a `--since`/`--until` pair names, for
/// [`history()`]; `None` when neither is given.
pub fn dated_span(
    since: Option<&crate::policy::DateArg>,
    until: Option<&crate::policy::DateArg>,
) -> Option<(i64, i64)> {
    (since.is_some() || until.is_some()).then(|| {
        (
            since.map_or(i64::MIN, |d| d.first().unix_seconds()),
            until.map_or(i64::MAX, |d| d.last().unix_seconds()),
        )
    })
}

/// The versions of a company's policies (`files`: its files from the index; `clauses`: its
/// distinct clauses with their files), one row per file, each policy (kind, then language)
/// in date order (undated files first, then by path), each compared with the one before in
/// the same policy: a translation captured between two versions is a policy of its own. With `dated`
/// (first and last Unix second, both included), only the versions dated in that span get a
/// row, each still compared with the version before it, dated in the span or not.
pub fn history(
    files: &[crate::search::Version],
    clauses: &[crate::search::StoredClause],
    dated: Option<(i64, i64)>,
) -> Vec<VersionRow> {
    // file id -> the clauses in it. A clause held by several groups (a folder too big for
    // one group) is one clause, and so is one indexed under two kinds (a version whose
    // opening did not name its kind, in a group where none did, takes its policy's kind from
    // its folder only when the index is read) or keyed by its heading in one version and not
    // in another (said under several headings there): the first of its documents stands for
    // all that share its clause id or its words, heading and section, one with another.
    let mut in_file: HashMap<u64, Vec<usize>> = HashMap::new();
    let same = one_clause(clauses);
    for (c, &i) in clauses.iter().zip(&same) {
        for &f in &c.files {
            in_file.entry(f).or_default().push(i);
        }
    }
    // The stated periods of each clause that stands for itself and others (the rest are
    // never read).
    let periods_of: Vec<Vec<(u64, String)>> = clauses
        .iter()
        .zip(same.iter().enumerate())
        .map(|(c, (i, &first))| {
            if first != i {
                return Vec::new();
            }
            super::compare::stated_periods(&c.retention)
        })
        .collect();
    let mut order: Vec<&crate::search::Version> = files
        .iter()
        .filter(|v| in_file.contains_key(&v.id))
        .collect();
    // Each file's policy, derived once.
    order.sort_by_cached_key(|v| (v.file.policy(), v.file.date, v.file.path.clone()));
    let keys: Vec<PolicyKey> = order.iter().map(|v| v.file.policy()).collect();
    let sets: Vec<HashSet<usize>> = order
        .iter()
        .map(|v| in_file[&v.id].iter().copied().collect())
        .collect();
    // Partial captures (judged once for the index, against the versions around them whether
    // a span shows those or not).
    let partial: Vec<Option<Partial>> = order.iter().map(|v| v.partial).collect();
    let translated = |v: &crate::search::Version| {
        order
            .iter()
            .any(|o| o.file.kind == v.file.kind && o.file.lang != v.file.lang)
    };
    let translated: Vec<bool> = order.iter().map(|v| translated(v)).collect();
    let mut rows = Vec::with_capacity(order.len());
    let mut previous: Option<(&PolicyKey, &str, HashSet<usize>)> = None;
    // Each clause's words for pairing, read once (a clause removed by one version was added
    // by an earlier one).
    let mut words: HashMap<usize, Vec<String>> = HashMap::new();
    for (i, (v, now)) in order.into_iter().zip(sets).enumerate() {
        let shown = dated.is_none_or(|(first, last)| {
            v.file.date != crate::index::schema::NO_DATE && (first..=last).contains(&v.file.date)
        });
        if !shown {
            if partial[i].is_none() {
                previous = Some((&keys[i], v.file.path.as_str(), now));
            }
            continue;
        }
        let (before, before_path) = match &previous {
            Some((policy, path, set)) if **policy == keys[i] => {
                (set.clone(), Some((*path).to_owned()))
            }
            _ => (HashSet::new(), None),
        };
        let first = before_path.is_none();
        let mut added: Vec<usize> = now.difference(&before).copied().collect();
        let mut removed: Vec<usize> = before.difference(&now).copied().collect();
        added.sort_unstable();
        removed.sort_unstable();
        let modified = if removed.is_empty() || added.is_empty() {
            0
        } else {
            for &c in removed.iter().chain(&added) {
                words
                    .entry(c)
                    .or_insert_with(|| crate::versions::compare::words(&clauses[c].text));
            }
            let worded = |ids: &[usize]| -> Vec<(usize, &[String])> {
                ids.iter().map(|&c| (c, words[&c].as_slice())).collect()
            };
            crate::versions::compare::close_pairs(&worded(&removed), &worded(&added)).len()
        };
        // Each period's days and its wording; where clauses word one period differently
        // ("15 years", "fifteen years"), the wording first in code-point order, so that the same
        // versions always read the same (not as a set's order happens to visit them).
        let days = |set: &HashSet<usize>| -> HashMap<u64, String> {
            let mut out: HashMap<u64, String> = HashMap::new();
            for (d, t) in set.iter().flat_map(|&i| periods_of[i].iter()) {
                match out.get_mut(d) {
                    Some(kept) if *kept <= *t => {}
                    Some(kept) => kept.clone_from(t),
                    None => {
                        out.insert(*d, t.clone());
                    }
                }
            }
            out
        };
        let (old_days, new_days) = (days(&before), days(&now));
        let list = |from: &HashMap<u64, String>, other: &HashMap<u64, String>| {
            let mut v: Vec<(u64, String)> = from
                .iter()
                .filter(|(d, _)| !other.contains_key(d))
                .map(|(d, t)| (*d, t.clone()))
                .collect();
            v.sort();
            v.into_iter().map(|(_, t)| t).collect::<Vec<_>>()
        };
        let (gone, new) = (list(&old_days, &new_days), list(&new_days, &old_days));
        let retention = (!(first || gone.is_empty() && new.is_empty())).then_some(PeriodChange {
            from: gone,
            to: new,
        });
        let mut topics: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
        for &i in &added {
            for t in &clauses[i].topics {
                topics.entry(t).or_default().0 += 1;
            }
        }
        for &i in &removed {
            for t in &clauses[i].topics {
                topics.entry(t).or_default().1 += 1;
            }
        }
        let text = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
        rows.push(VersionRow {
            kind: v.file.kind.clone(),
            lang: v.file.lang,
            translated: translated[i],
            document: keys[i].3.clone(),
            path: v.file.path.clone(),
            date: text(&v.file.date_text),
            snapshot: text(&v.file.snapshot_text),
            effective: text(&v.file.effective_text),
            clauses: now.len(),
            added: added.len(),
            removed: removed.len(),
            modified,
            previous: before_path,
            partial: partial[i],
            retention,
            topics: topics
                .into_iter()
                .map(|(t, (a, r))| TopicChange {
                    topic: t.to_owned(),
                    added: a,
                    removed: r,
                })
                .collect(),
        });
        if partial[i].is_none() {
            previous = Some((&keys[i], v.file.path.as_str(), now));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(counts: &[usize]) -> Vec<bool> {
        partial_captures(counts)
            .iter()
            .map(Option::is_some)
            .collect()
    }

    #[test]
    fn a_short_capture_between_whole_ones_or_last_is_partial() {
        assert_eq!(flags(&[40, 5, 41]), [false, true, false]);
        assert_eq!(
            partial_captures(&[40, 5, 41])[1],
            Some(Partial {
                before: 40,
                after: Some(41)
            })
        );
        // The last capture is judged against the whole version before it alone.
        assert_eq!(flags(&[40, 41, 3]), [false, false, true]);
        assert_eq!(
            partial_captures(&[40, 41, 3])[2],
            Some(Partial {
                before: 41,
                after: None
            })
        );
        // A partial capture is passed over: the next one is judged against the whole one.
        assert_eq!(flags(&[40, 5, 41, 4]), [false, true, false, true]);
        // A first version is never partial, nor one of a short policy.
        assert_eq!(flags(&[3, 40, 41]), [false, false, false]);
        assert_eq!(flags(&[19, 2, 19]), [false, false, false]);
        // A shrink the next version keeps is a rewrite, not a failed capture...
        assert_eq!(flags(&[40, 10, 11]), [false, false, false]);
        // ...unless the captures hold a title or two and no more.
        assert_eq!(flags(&[40, 1, 1, 2]), [false, true, true, true]);
        assert_eq!(flags(&[40, 2, 2, 4]), [false, true, true, true]);
        assert_eq!(flags(&[40, 3, 3, 3]), [false, false, false, false]);
        assert_eq!(flags(&[40, 1, 1, 41]), [false, true, true, false]);
        assert_eq!(flags(&[19, 1, 1]), [false, false, false]);
        assert_eq!(flags(&[40, 12, 41]), [false, false, false]);
        assert_eq!(flags(&[40]), [false]);
    }
}
