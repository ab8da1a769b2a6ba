//! What an open index holds, file by file: every file of every group with its dates, each
//! policy's versions in date order (for `--latest` and `--as-of`), when each clause was first
//! seen and whether it is current, and the clauses of a company's policies (for history).

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::index::SegmentId;
use tantivy::query::{BooleanQuery, Occur};
use tantivy::{BitSet, DocId, Searcher, TantivyDocument, Term};

use super::docfilter::DocSets;
use super::filters::facet_filter;
use super::selection::FileSet;
use super::{AsOf, PolicyIndex};
use crate::error::Result;
use crate::index::documents::{GroupFile, PolicyKey, StoredDoc};
use crate::index::schema;
use crate::policy::Kind;

impl PolicyIndex {
    /// When each distinct clause was first seen and whether the latest version of its
    /// policy holds it, read once from the occurrence columns of every clause document and
    /// kept by document: a clause held by several documents (the groups of a folder too big
    /// for one) gets the figures of all of them in each.
    pub(super) fn clause_history(&self) -> Result<std::sync::Arc<ClauseHistory>> {
        if let Some(h) = self.clause_history.get() {
            return Ok(h.clone());
        }
        let latest = self.current_files(AsOf::Latest)?;
        let bits = super::selection::FileBits::of(&latest);
        let is_current = |key: u64| match &bits {
            Some(bits) => bits.contains(key),
            None => latest.contains(&(key & schema::FILE_MASK)),
        };
        let searcher = self.searcher();
        let shared = self.shared_for(&searcher, super::tally::Unit::Clauses)?;
        let mut segments: Vec<(SegmentId, SegmentHistory)> = Vec::new();
        // (clause id, segment, document) of the documents whose clause another one holds.
        let mut repeated: Vec<(u64, usize, DocId)> = Vec::new();
        for reader in searcher.segment_readers() {
            let fast = reader.fast_fields();
            let ids = fast.u64(schema::CLAUSE_ID)?;
            let keys = fast.u64(schema::OCC_KEYS)?;
            let shared = shared.as_ref().and_then(|s| s.of_segment(reader));
            let mut history = SegmentHistory {
                first: vec![NO_CLAUSE; reader.max_doc() as usize],
                current: BitSet::with_max_value(reader.max_doc()),
            };
            for doc in 0..reader.max_doc() {
                if reader.alive_bitset().is_some_and(|a| a.is_deleted(doc)) {
                    continue;
                }
                let Some(id) = ids.first(doc) else { continue };
                let (mut first, mut current) = (0, false);
                for key in keys.values_for_doc(doc) {
                    let day = key >> 47;
                    if day != 0 && (first == 0 || day < first) {
                        first = day;
                    }
                    current = current || is_current(key);
                }
                history.first[doc as usize] = first as u32;
                if current {
                    history.current.insert(doc);
                }
                if shared.is_some_and(|s| s.contains(doc)) {
                    repeated.push((id, segments.len(), doc));
                }
            }
            segments.push((reader.segment_id(), history));
        }
        repeated.sort_unstable();
        for run in repeated.chunk_by(|a, b| a.0 == b.0) {
            let first = run
                .iter()
                .map(|&(_, s, d)| segments[s].1.first[d as usize])
                .filter(|&day| day != 0)
                .min()
                .unwrap_or(0);
            let current = run
                .iter()
                .any(|&(_, s, d)| segments[s].1.current.contains(d));
            for &(_, s, d) in run {
                segments[s].1.first[d as usize] = first;
                if current {
                    segments[s].1.current.insert(d);
                }
            }
        }
        let history = ClauseHistory {
            segments: segments.into_iter().collect(),
        };
        Ok(self
            .clause_history
            .get_or_init(|| std::sync::Arc::new(history))
            .clone())
    }

    /// The file ids of the version of every policy (company, kind and language,
    /// [`GroupFile::policy`]) current `as_of`: its last whole version dated on or before
    /// the date, as [`current_version`].
    pub(super) fn current_files(&self, as_of: AsOf) -> Result<std::sync::Arc<FileSet>> {
        if let (AsOf::Latest, Some(latest)) = (as_of, self.latest.get()) {
            return Ok(latest.clone());
        }
        let policies = match self.policies.get() {
            Some(p) => p,
            None => {
                let versions = self.all_versions()?;
                let mut by_policy: HashMap<_, PolicyVersions> = HashMap::new();
                // Partial captures are never a policy's current version.
                for version in versions.iter().filter(|v| v.partial.is_none()) {
                    let f = &version.file;
                    by_policy.entry(f.policy()).or_default().push((
                        f.date,
                        f.path.clone(),
                        version.id,
                    ));
                }
                let mut all: Vec<PolicyVersions> = by_policy.into_values().collect();
                for files in &mut all {
                    files.sort();
                }
                self.policies.get_or_init(|| all)
            }
        };
        let limit = as_of.limit();
        let mut current = FileSet::default();
        for files in policies {
            // The last version dated on or before the limit (undated ones sort first).
            let dated = files.partition_point(|(date, _, _)| *date <= limit);
            match files[..dated].last() {
                Some(&(date, _, id)) if date != schema::NO_DATE => {
                    current.insert(id);
                }
                // A policy with no dated version: all of it is current (never as of a date).
                _ if as_of == AsOf::Latest => {
                    current.extend(files.iter().map(|(_, _, id)| *id));
                }
                _ => {}
            }
        }
        let current = std::sync::Arc::new(current);
        if as_of == AsOf::Latest {
            let _ = self.latest.set(current.clone());
        }
        Ok(current)
    }

    /// The distinct clauses of a company's policies (of these kinds; all kinds when none),
    /// each with the files it occurs in.
    pub fn clauses_of(&self, company: &str, kinds: &[Kind]) -> Result<Vec<StoredClause>> {
        crate::index::integrity::guard_index(&self.dir, || {
            let searcher = self.searcher();
            let mut filters = vec![(Occur::Must, facet_filter(self.fields.company, &[company]))];
            if !kinds.is_empty() {
                let names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
                filters.push((Occur::Must, facet_filter(self.fields.kind, &names)));
            }
            let query = BooleanQuery::new(filters);
            let addrs = searcher.search(&query, &tantivy::collector::DocSetCollector)?;
            let columns = self.segment_columns(&searcher)?;
            let mut out = Vec::with_capacity(addrs.len());
            for addr in addrs {
                let doc: TantivyDocument = searcher.doc(addr)?;
                let stored = StoredDoc::new(&doc, &self.fields);
                let group = stored.group();
                let files = stored
                    .occurrences()
                    .iter()
                    .map(|o| schema::file_id(group, o.file))
                    .collect();
                let id = columns
                    .get(addr.segment_ord as usize)
                    .and_then(|c| c.clause_id.first(addr.doc_id))
                    .unwrap_or_default();
                out.push(StoredClause {
                    id,
                    kind: stored.kind_name(),
                    heading: schema::RankKey::of(&searcher, addr)?.heading(),
                    section: stored.section(),
                    text: stored.text(),
                    topics: stored.topics(),
                    retention: stored.retention(),
                    lang: stored.lang(),
                    files,
                });
            }
            // In an order of their own, not the index's (which its writer threads decide):
            // history reads the first of a clause's documents as the clause.
            out.sort_unstable_by(|a, b| {
                (a.id, &a.section, &a.files).cmp(&(b.id, &b.section, &b.files))
            });
            Ok(out)
        })
    }

    /// A company's history ([`crate::versions::history`]; the company as `resolve_company`
    /// names it): its policies of `kinds` (all when empty) in `lang` (all when none), the
    /// versions dated in `dated` (all when none).
    pub fn history(
        &self,
        company: &str,
        kinds: &[Kind],
        lang: Option<crate::analyze::lang::Lang>,
        dated: Option<(i64, i64)>,
    ) -> Result<(String, Vec<crate::versions::VersionRow>)> {
        let company = self.resolve_company(company)?;
        let clauses = self.clauses_of(&company, kinds)?;
        let mut files = self.versions()?;
        if let Some(lang) = lang {
            files.retain(|v| v.file.lang == lang);
        }
        let rows = crate::versions::history(&files, &clauses, dated);
        Ok((company, rows))
    }

    /// Every file of the index with its id, read from the group documents.
    pub fn versions(&self) -> Result<Vec<Version>> {
        Ok(self.all_versions()?.as_ref().clone())
    }

    /// [`PolicyIndex::versions`], read once per open index.
    pub(super) fn all_versions(&self) -> Result<std::sync::Arc<Vec<Version>>> {
        if let Some(v) = self.versions.get() {
            return Ok(v.clone());
        }
        let versions =
            crate::index::integrity::guard_index(&self.dir, || self.versions_in(&self.searcher()))?;
        Ok(self
            .versions
            .get_or_init(|| std::sync::Arc::new(versions))
            .clone())
    }

    pub(super) fn versions_in(&self, searcher: &Searcher) -> Result<Vec<Version>> {
        // The generation's catalog file, else (an index written before there was one) the
        // group documents.
        let groups = match crate::index::catalog::read(&self.generation, searcher) {
            Some(groups) => groups,
            None => crate::index::catalog::from_index(searcher, &self.fields)?,
        };
        let mut out = Vec::new();
        for (group, files) in groups {
            for (i, file) in files.into_iter().enumerate() {
                out.push(Version {
                    id: schema::file_id(group, i as u32),
                    file,
                    partial: None,
                });
            }
        }
        one_kind_per_folder(&mut out);
        mark_partial_captures(&mut out);
        Ok(out)
    }

    /// The group document of `group`: its files' paths, dates and titles.
    pub(super) fn group_doc(&self, searcher: &Searcher, group: u64) -> Result<Arc<GroupDoc>> {
        if let Some(doc) = self
            .group_cache
            .lock()
            .ok()
            .and_then(|c| c.get(&group).cloned())
        {
            return Ok(doc);
        }
        let doc = Arc::new(self.read_group_doc(searcher, group)?);
        if let Ok(mut cache) = self.group_cache.lock() {
            if cache.len() >= GROUP_CACHE {
                cache.clear();
            }
            cache.insert(group, doc.clone());
        }
        Ok(doc)
    }

    pub(super) fn read_group_doc(&self, searcher: &Searcher, group: u64) -> Result<GroupDoc> {
        let term = Term::from_field_u64(self.fields.group_of, group);
        let Some(&addr) = schema::live_docs(searcher, &term)?.first() else {
            return Ok(GroupDoc::default());
        };
        let doc: TantivyDocument = searcher.doc(addr)?;
        Ok(GroupDoc {
            files: StoredDoc::new(&doc, &self.fields).files(),
        })
    }
}

/// Flags each policy's partial captures ([`crate::versions::partial_captures`]), its versions
/// in date order (then by path).
pub(super) fn mark_partial_captures(files: &mut [Version]) {
    let mut by_policy: HashMap<PolicyKey, Vec<usize>> = HashMap::new();
    for (i, v) in files.iter().enumerate() {
        by_policy.entry(v.file.policy()).or_default().push(i);
    }
    let mut flags = Vec::new();
    for mut versions in by_policy.into_values() {
        versions.sort_by(|&a, &b| {
            let (a, b) = (&files[a].file, &files[b].file);
            (a.date, &a.path).cmp(&(b.date, &b.path))
        });
        let counts: Vec<usize> = versions
            .iter()
            .map(|&i| files[i].file.clauses as usize)
            .collect();
        flags.extend(
            versions
                .into_iter()
                .zip(crate::versions::partial_captures(&counts)),
        );
    }
    for (i, partial) in flags {
        files[i].partial = partial;
    }
}

/// A folder of dated versions (file names with timestamps, as Open Terms Archive names them)
/// holds one policy, but the kind of a version is read from its own words, and a version
/// whose opening does not name its kind is `other`: such a version takes the kind most of
/// the company's other dated versions in its folder have, so that it stays in the policy's
/// history.
/// (The indexer gives such a version its group's kind already, its clauses too
/// (`index::group`); this rule remains for a folder indexed in several groups.)
pub(super) fn one_kind_per_folder(files: &mut [Version]) {
    let folder = |f: &GroupFile| {
        let path = crate::corpus::pathkey::display(&f.path);
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
        (f.company.clone(), dir)
    };
    let mut kinds: HashMap<(String, String), HashMap<String, usize>> = HashMap::new();
    for v in files.iter().filter(|v| !v.file.snapshot_text.is_empty()) {
        *kinds
            .entry(folder(&v.file))
            .or_default()
            .entry(v.file.kind.clone())
            .or_default() += 1;
    }
    let other = crate::policy::Kind::Other.name();
    for v in files
        .iter_mut()
        .filter(|v| v.file.kind == other && !v.file.snapshot_text.is_empty())
    {
        let counts = &kinds[&folder(&v.file)];
        let best = counts
            .iter()
            .filter(|(k, _)| **k != other)
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)));
        if let Some((kind, _)) = best {
            v.file.kind = kind.clone();
        }
    }
}

/// The version of a policy ([`GroupFile::policy`]: company, kind and language) current
/// `as_of` among `files`: the last whole one dated on or before the date (the latest dated
/// one for [`AsOf::Latest`]), passing over partial captures
/// ([`crate::versions::partial_captures`]); ties go to the last path.
pub fn current_version<'a>(
    files: &'a [Version],
    policy: &PolicyKey,
    as_of: AsOf,
) -> Option<&'a GroupFile> {
    last_capture(files.iter().filter(|v| v.partial.is_none()), policy, as_of).map(|v| &v.file)
}

/// The last capture of a policy dated on or before `as_of` among `files`, partial or not:
/// what [`current_version`] passes over when it is partial.
pub fn last_capture<'a>(
    files: impl IntoIterator<Item = &'a Version>,
    policy: &PolicyKey,
    as_of: AsOf,
) -> Option<&'a Version> {
    let limit = as_of.limit();
    files
        .into_iter()
        .filter(|v| v.file.is_version_of(policy))
        .filter(|v| v.file.date != schema::NO_DATE && v.file.date <= limit)
        .max_by(|a, b| (a.file.date, &a.file.path).cmp(&(b.file.date, &b.file.path)))
}

/// A distinct clause of a group as [`PolicyIndex::clauses_of`] reads it.
#[derive(Debug, Clone)]
pub struct StoredClause {
    /// Its clause id: the same in every group that holds the clause (the groups of a folder
    /// too big for one).
    pub id: u64,
    /// Its document kind's name.
    pub kind: String,
    /// Whether it is a heading.
    pub heading: bool,
    /// Its section heading.
    pub section: String,
    /// Its text.
    pub text: String,
    /// Its topics' names.
    pub topics: Vec<String>,
    /// Its retention statements, as the analysis found them.
    pub retention: Vec<crate::analyze::retention::Retention>,
    /// Its language.
    pub lang: crate::analyze::lang::Lang,
    /// The files it occurs in ([`schema::file_id`]), once per occurrence.
    pub files: Vec<u64>,
}

impl StoredClause {
    /// The heading a tagger reads with the text, as [`crate::analyze::segment::Clause::context`].
    pub fn context(&self) -> &str {
        crate::analyze::segment::tagging_context(self.heading, &self.section)
    }
}

/// A file of the index and its id ([`schema::file_id`]).
#[derive(Debug, Clone)]
pub struct Version {
    /// The file's id ([`crate::index::schema::file_id`]).
    pub id: u64,
    /// The file as its group document lists it.
    pub file: GroupFile,
    /// Whether it is a partial capture of its policy ([`crate::versions::partial_captures`]),
    /// which `--latest`, `--as-of` and `diff` pass over.
    pub partial: Option<crate::versions::Partial>,
}

/// A group document: the files of a group, in the order occurrences number them.
#[derive(Debug, Default)]
pub(super) struct GroupDoc {
    pub(super) files: Vec<GroupFile>,
}

/// One policy's versions (date, path, file id) in date order.
pub(super) type PolicyVersions = Vec<(i64, String, u64)>;

/// Per clause document, over every document holding its clause: the day of the first file
/// it is in ([`schema::day_of`]; 0 when only undated files hold it), and whether the latest
/// version of its policy holds it.
pub(super) struct ClauseHistory {
    segments: HashMap<SegmentId, SegmentHistory>,
}

/// [`ClauseHistory`] of one segment, by document.
struct SegmentHistory {
    /// The first day, [`NO_CLAUSE`] for a document without a clause (deleted, or a group
    /// document).
    first: Vec<u32>,
    current: BitSet,
}

const NO_CLAUSE: u32 = u32::MAX;

impl ClauseHistory {
    /// The clause documents whose clause's first day and current flag `keep` accepts.
    pub(super) fn docs(&self, keep: impl Fn(u64, bool) -> bool) -> DocSets {
        let sets = self
            .segments
            .iter()
            .map(|(id, history)| {
                let mut set = BitSet::with_max_value(history.first.len() as u32);
                for (doc, &first) in history.first.iter().enumerate() {
                    let doc = doc as DocId;
                    if first != NO_CLAUSE && keep(first.into(), history.current.contains(doc)) {
                        set.insert(doc);
                    }
                }
                (*id, set)
            })
            .collect();
        DocSets::from_sets(sets)
    }
}

/// At most this many group documents are kept ([`PolicyIndex::group_doc`]); the cache is
/// emptied when full.
pub(super) const GROUP_CACHE: usize = 4096;
