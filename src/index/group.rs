//! A group's distinct clauses, gathered file by file: each clause new to the group is tagged
//! once and becomes one clause document listing every place it occurs; the clauses of a
//! rewritten group's unchanged files come from its documents in the index instead of the
//! files. The documents go to tantivy's writer in small batches.

use std::collections::{HashMap, HashSet};

use tantivy::indexer::UserOperation;
use tantivy::schema::Facet;
use tantivy::{IndexWriter, Searcher, TantivyDocument, Term};
use xxhash_rust::xxh3::{xxh3_128_with_seed, xxh3_64, xxh3_64_with_seed};

use crate::analyze::document::{Document, TaggedClause};
use crate::analyze::lang::Lang;
use crate::analyze::topic::TopicTagger;
use crate::corpus::Corpus;
use crate::error::Result;
use crate::index::documents::{
    clause_document, group_document, ClauseRecord, GroupFile, Occurrence, StoredDoc,
};
use crate::index::schema::{self, Fields};
use crate::index::store::FileRecord;
use crate::policy::Kind;

/// What indexing a group reads from besides its files.
pub(super) struct GroupSource<'a> {
    pub(super) corpus: &'a Corpus,
    /// The index before this run's commit.
    pub(super) before: &'a Searcher,
    pub(super) fields: Fields,
    pub(super) tagger: &'a dyn TopicTagger,
}

/// The key a distinct clause is gathered under in its group: a 128-bit hash of its company,
/// heading flag, language and text, and of its heading's rank among the headings its file
/// says that text under ([`Headings::rank`]; one-shot hashes chained through their seeds:
/// the streaming hasher copies short inputs into its buffer first). Its kind joins it once
/// the group's files are all read ([`with_kind`]).
///
/// A heading's words are not part of the key: versions of a policy rename and renumber
/// headings ("Facebook" -> "Instagram Data Policy", "2.5.3" -> "2.6.3", a list of US states
/// that grows each year), and the sentences under them are the same sentences (each
/// occurrence keeps its own heading, [`Occurrence::section`]). A text said under several
/// headings of one file ("Email address" under what is collected and under what is shared)
/// is one clause per heading, told apart by the order the file first says it under each: the
/// first heading's is the clause the text is when said under one heading, so a version that
/// drops the second heading keeps the first one's clause, and one that renames either keeps
/// both. Occurrences under one heading (a "Yes" in every row of a table) are one clause. The
/// language is part of the key because a short clause takes it from the clauses around it
/// ([`crate::analyze::lang::of_clauses`]): the heading "Cookies" of an English and of a
/// German policy are two clauses.
pub(super) fn clause_key(company: &str, rank: u32, text: &str, heading: bool, lang: Lang) -> u128 {
    let seed = xxh3_64_with_seed(
        company.as_bytes(),
        u64::from(heading) + ((lang as u64) << 8),
    );
    // 0xff and 0xfe never occur in UTF-8: the first heading hashes as the "no section" of
    // schema 22's keys, so most clause ids did not change with the ranks.
    let seed = if rank == 0 {
        xxh3_64_with_seed(&[0xff], seed)
    } else {
        let [a, b, c, d] = rank.to_le_bytes();
        xxh3_64_with_seed(&[0xfe, a, b, c, d], seed)
    };
    xxh3_128_with_seed(text.as_bytes(), seed)
}

/// A distinct clause's key ([`clause_key`]) with the kind of the files it occurs in: what its
/// clause id comes from. A clause said in a privacy policy and in the terms of its company is
/// a clause of each.
fn with_kind(key: u128, kind: Kind) -> u128 {
    xxh3_128_with_seed(&key.to_le_bytes(), kind as u64 + 1)
}

/// The kind of each of a group's files: the one its words gave ([`GroupFile::kind_read`]),
/// but a dated version read as `other` (whose opening did not name its kind) takes the kind
/// most of its company's dated versions in the group were read as, so that its clauses are
/// its policy's clauses (`--kind privacy-policy` finds them; history and search do not see a
/// clause twice); ties go to the kind named first in alphabetical order.
fn assign_kinds(files: &mut [GroupFile]) -> Vec<Kind> {
    let read = |f: &GroupFile| f.kind_read.parse().unwrap_or(Kind::Other);
    let dated = |f: &GroupFile| !f.snapshot_text.is_empty();
    let mut counts: HashMap<&str, HashMap<&'static str, usize>> = HashMap::new();
    for f in files.iter().filter(|f| dated(f) && read(f) != Kind::Other) {
        *counts
            .entry(f.company.as_str())
            .or_default()
            .entry(read(f).name())
            .or_default() += 1;
    }
    let best: HashMap<String, Kind> = counts
        .into_iter()
        .filter_map(|(company, kinds)| {
            let (name, _) = kinds
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))?;
            Some((company.to_owned(), name.parse().ok()?))
        })
        .collect();
    files
        .iter_mut()
        .map(|f| {
            let mut kind = read(f);
            if kind == Kind::Other && dated(f) {
                kind = best.get(&f.company).copied().unwrap_or(kind);
            }
            kind.name().clone_into(&mut f.kind);
            kind
        })
        .collect()
}

/// The headings a text is said under in one file, in the order the file first says it under
/// each: the rank its [`clause_key`] takes.
#[derive(Default)]
struct Headings {
    /// Each text key ([`clause_key`] of rank 0): hashes of the headings it was seen under.
    seen: HashMap<u128, Vec<u64>, std::hash::BuildHasherDefault<KeyHasher>>,
}

impl Headings {
    /// The text of `text_key` said under `section`, in file order.
    fn add(&mut self, text_key: u128, section: &str) {
        self.add_hashed(text_key, xxh3_64(section.as_bytes()));
    }

    /// [`Headings::add`] with the heading's hash.
    fn add_hashed(&mut self, text_key: u128, h: u64) {
        let seen = self.seen.entry(text_key).or_default();
        if !seen.contains(&h) {
            seen.push(h);
        }
    }

    /// The rank of `section` among the headings the text is said under (0 when unseen).
    fn rank(&self, text_key: u128, section: &str) -> u32 {
        let h = xxh3_64(section.as_bytes());
        self.seen
            .get(&text_key)
            .and_then(|seen| seen.iter().position(|&s| s == h))
            .map_or(0, |i| i as u32)
    }
}

/// A clause document of a group read back from the index, with its occurrences in the files
/// kept (renumbered).
struct KeptClause {
    /// Its stored section (an occurrence's own when it has one).
    section: String,
    text: String,
    company: String,
    heading: bool,
    lang: Lang,
    /// Its [`clause_key`] of rank 0.
    text_key: u128,
    occurrences: Vec<Occurrence>,
}

/// A distinct clause of a group and where it occurs.
pub(super) struct Distinct {
    clause: TaggedClause,
    company: Facet,
    /// The kind of the files it occurs in, known once the group is read
    /// ([`Distinct::split_by_kind`]; `other` until then).
    kind: Kind,
    occurrences: Vec<Occurrence>,
    /// Its [`clause_key`] ([`with_kind`] once the group is read): the low half is its
    /// `clause_id`, the same in every group.
    key: u128,
    /// Ties equal scores: a hash of the first occurrence's path and start.
    tie: u64,
}

impl Distinct {
    /// This clause as a clause of each kind of file it occurs in (`kinds`: by file), its key
    /// made the kind's ([`with_kind`]), pushed to `out`.
    fn split_by_kind(mut self, kinds: &[Kind], out: &mut Vec<Distinct>) {
        let kind_of = |o: &Occurrence| kinds.get(o.file as usize).copied().unwrap_or(Kind::Other);
        let mut each: Vec<Kind> = Vec::new();
        for o in &self.occurrences {
            if !each.contains(&kind_of(o)) {
                each.push(kind_of(o));
            }
        }
        if let [kind] = each[..] {
            (self.kind, self.key) = (kind, with_kind(self.key, kind));
            out.push(self);
            return;
        }
        for kind in each {
            out.push(Distinct {
                clause: self.clause.clone(),
                company: self.company.clone(),
                kind,
                occurrences: self
                    .occurrences
                    .iter()
                    .filter(|o| kind_of(o) == kind)
                    .cloned()
                    .collect(),
                key: with_kind(self.key, kind),
                tie: 0,
            });
        }
    }

    /// Make the section of the last occurrence (the newest version, files being in path
    /// order) the clause's, the others' kept where they differ, and tag the clause with it.
    fn take_last_section(&mut self, tagger: &dyn TopicTagger) {
        let Some(last) = self.occurrences.last().and_then(|o| o.section.clone()) else {
            return;
        };
        let old = std::mem::replace(&mut self.clause.clause.section, last);
        let now = &self.clause.clause.section;
        for o in &mut self.occurrences {
            let section = o.section.take().unwrap_or_else(|| old.clone());
            o.section = (section != *now).then_some(section);
        }
        let tc = &mut self.clause;
        (tc.topics, tc.scores, tc.retention) =
            crate::analyze::document::tag(tagger, &tc.clause, tc.lang);
    }
}

/// Hashes a [`clause_key`] (already a hash) by taking its low bits.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Not reached for u128 keys (write_u128 below); a fallback all the same.
        self.0 = xxh3_64_with_seed(bytes, self.0);
    }
    fn write_u128(&mut self, key: u128) {
        self.0 = key as u64;
    }
}

/// The distinct clauses of a group's files, gathered file by file.
#[derive(Default)]
pub(super) struct GroupBuilder {
    files: Vec<GroupFile>,
    by_key: HashMap<u128, usize, std::hash::BuildHasherDefault<KeyHasher>>,
    distinct: Vec<Distinct>,
}

impl GroupBuilder {
    /// Add a file's clauses (untagged, [`Document::read`]), tagging the ones new to the
    /// group; returns how many it has.
    pub(super) fn add(&mut self, path: &str, doc: Document, tagger: &dyn TopicTagger) -> u64 {
        let file = self.files.len() as u32;
        let n = doc.clauses.len() as u64;
        let lang = doc.language();
        let company = doc.company.as_str();
        let mut keys = HashSet::with_capacity(doc.clauses.len());
        let texts: Vec<u128> = doc
            .clauses
            .iter()
            .map(|tc| clause_key(company, 0, &tc.clause.text, tc.clause.heading, tc.lang))
            .collect();
        let mut headings = Headings::default();
        for (tc, t) in doc.clauses.iter().zip(&texts) {
            headings.add(*t, &tc.clause.section);
        }
        for (tc, text_key) in doc.clauses.into_iter().zip(texts) {
            let c = &tc.clause;
            let key = match headings.rank(text_key, &c.section) {
                0 => text_key,
                rank => clause_key(company, rank, &c.text, c.heading, tc.lang),
            };
            keys.insert(key);
            let occurrence = Occurrence {
                file,
                span: c.span,
                line: c.line,
                map: c.map.as_ref().map(|m| m.to_bytes()),
                section: None,
            };
            match self.by_key.get(&key) {
                Some(&i) => self.repeat(i, occurrence, &c.section),
                None => {
                    let mut tc = tc;
                    (tc.topics, tc.scores, tc.retention) =
                        crate::analyze::document::tag(tagger, &tc.clause, tc.lang);
                    let company = Facet::from_path([company]);
                    self.insert(key, tc, company, occurrence);
                }
            }
        }
        let facts = crate::index::documents::FileFacts {
            snapshot: doc.snapshot,
            effective: doc.effective,
            title: doc.title,
            company: doc.company,
            kind: doc.kind.name().to_owned(),
            lang,
            clauses: keys.len() as u64,
        };
        self.files.push(GroupFile::new(path, facts));
        n
    }

    /// One more occurrence of distinct clause number `i`, under the heading `section`.
    fn repeat(&mut self, i: usize, mut occurrence: Occurrence, section: &str) {
        let d = &mut self.distinct[i];
        if d.clause.clause.section != section {
            occurrence.section = Some(section.to_owned());
        }
        d.occurrences.push(occurrence);
    }

    /// A clause new to the group, `key`, and its first occurrence.
    fn insert(&mut self, key: u128, clause: TaggedClause, company: Facet, occurrence: Occurrence) {
        self.by_key.insert(key, self.distinct.len());
        self.distinct.push(Distinct {
            clause,
            company,
            kind: Kind::Other,
            occurrences: vec![occurrence],
            key,
            tie: 0,
        });
    }

    /// Take the clauses of the `kept` files of group `id` from its documents in the index
    /// (before the files it reads: the group then holds what a build from all its files
    /// would, once [`GroupBuilder::write`] puts the files in path order).
    pub(super) fn keep(
        &mut self,
        source: &GroupSource,
        id: u64,
        kept: &[FileRecord],
    ) -> Result<()> {
        let searcher = source.before;
        let fields = source.fields;
        let mut docs = Vec::new();
        for addr in schema::live_docs(searcher, &Term::from_field_u64(fields.group, id))? {
            docs.push((addr, searcher.doc::<TantivyDocument>(addr)?));
        }
        // The group document first: it numbers the files the occurrences point to. (Only
        // group documents store paths.)
        docs.sort_by_key(|(_, doc)| !StoredDoc::new(doc, &fields).is_group_document());
        let keep: HashSet<&str> = kept.iter().map(|r| r.path.as_str()).collect();
        // Old file number -> new one, for the files kept.
        let mut renumber: HashMap<u32, u32> = HashMap::new();
        // The clause documents with their occurrences in the kept files (renumbered), and the
        // headings each text is said under in each of those files, in file order: what `add`
        // keyed them by.
        let mut clauses = Vec::new();
        // (File, start, text key, hash of the heading.)
        let mut said: Vec<(u32, usize, u128, u64)> = Vec::new();
        for (addr, doc) in docs {
            let stored = StoredDoc::new(&doc, &fields);
            if stored.is_group_document() {
                for (old, file) in stored.files().into_iter().enumerate() {
                    if keep.contains(file.path.as_str()) {
                        renumber.insert(old as u32, self.files.len() as u32);
                        self.files.push(file);
                    }
                }
                continue;
            }
            let (text, company) = (stored.text(), stored.company());
            let heading = schema::RankKey::of(searcher, addr)?.heading();
            let lang = stored.lang();
            let text_key = clause_key(&company, 0, &text, heading, lang);
            let occurrences: Vec<Occurrence> = stored
                .occurrences()
                .into_iter()
                .filter_map(|o| {
                    Some(Occurrence {
                        file: *renumber.get(&o.file)?,
                        ..o
                    })
                })
                .collect();
            let section = stored.section();
            for o in &occurrences {
                let under = o.section.as_deref().unwrap_or(&section);
                said.push((o.file, o.span.start, text_key, xxh3_64(under.as_bytes())));
            }
            clauses.push(KeptClause {
                section,
                text,
                company,
                heading,
                lang,
                text_key,
                occurrences,
            });
        }
        said.sort_unstable_by_key(|&(file, start, ..)| (file, start));
        let mut headings: HashMap<u32, Headings> = HashMap::new();
        for &(file, _, text_key, section) in &said {
            headings
                .entry(file)
                .or_default()
                .add_hashed(text_key, section);
        }
        for mut kept in clauses {
            let (heading, lang) = (kept.heading, kept.lang);
            for mut occurrence in std::mem::take(&mut kept.occurrences) {
                let section = occurrence
                    .section
                    .take()
                    .unwrap_or_else(|| kept.section.clone());
                let key = match headings[&occurrence.file].rank(kept.text_key, &section) {
                    0 => kept.text_key,
                    rank => clause_key(&kept.company, rank, &kept.text, heading, lang),
                };
                if let Some(&i) = self.by_key.get(&key) {
                    self.repeat(i, occurrence, &section);
                    continue;
                }
                let clause = crate::analyze::segment::Clause {
                    span: crate::text::Span::default(),
                    line: 0,
                    section,
                    text: kept.text.clone(),
                    heading,
                    map: None,
                };
                let (topics, scores, retention) =
                    crate::analyze::document::tag(source.tagger, &clause, lang);
                let tc = TaggedClause {
                    clause,
                    topics,
                    scores,
                    retention,
                    lang,
                };
                let company = Facet::from_path([kept.company.as_str()]);
                self.insert(key, tc, company, occurrence);
            }
        }
        Ok(())
    }

    /// Put the files in path order (occurrences in file and offset order), give each clause
    /// its tie key, from its first occurrence, and the section of its last (tagged with it
    /// again when that is not the one it was first read under): the same as a build that read
    /// the files in that order. The key hashes the path below the corpus `root`, so that a
    /// corpus ranks alike wherever it lies.
    fn finish(&mut self, root: &str, tagger: &dyn TopicTagger) {
        let mut order: Vec<usize> = (0..self.files.len()).collect();
        order.sort_by(|&a, &b| self.files[a].path.cmp(&self.files[b].path));
        if order.iter().enumerate().any(|(i, &o)| i != o) {
            let mut renumber = vec![0u32; order.len()];
            for (new, &old) in order.iter().enumerate() {
                renumber[old] = new as u32;
            }
            let mut files: Vec<Option<GroupFile>> = std::mem::take(&mut self.files)
                .into_iter()
                .map(Some)
                .collect();
            self.files = order.iter().filter_map(|&old| files[old].take()).collect();
            for d in &mut self.distinct {
                for o in &mut d.occurrences {
                    o.file = renumber[o.file as usize];
                }
                d.occurrences
                    .sort_by_key(|o| (o.file, o.span.start, o.span.end));
            }
        }
        // Each file's kind, and each clause split by the kinds of the files it occurs in.
        let kinds = assign_kinds(&mut self.files);
        let mut distinct = Vec::with_capacity(self.distinct.len());
        for d in std::mem::take(&mut self.distinct) {
            d.split_by_kind(&kinds, &mut distinct);
        }
        self.distinct = distinct;
        for d in &mut self.distinct {
            d.take_last_section(tagger);
            if let Some(first) = d.occurrences.first() {
                let path = &self.files[first.file as usize].path;
                let below = path.strip_prefix(root).unwrap_or(path);
                let path_hash = xxh3_64(below.as_bytes());
                d.tie =
                    path_hash ^ (first.span.start as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            }
        }
    }

    /// Write the group's clause documents and its group document.
    pub(super) fn write(
        mut self,
        group: u64,
        writer: &IndexWriter,
        fields: Fields,
        root: &str,
        tagger: &dyn TopicTagger,
    ) -> Result<()> {
        self.finish(root, tagger);
        let mut batch = Vec::with_capacity(BATCH_DOCS);
        let mut blob = Vec::new();
        for d in &self.distinct {
            let record = ClauseRecord {
                clause: &d.clause,
                company: &d.company,
                kind: d.kind,
                group,
                occurrences: &d.occurrences,
                clause_id: d.key as u64,
                tie: d.tie,
            };
            let doc = clause_document(&record, &self.files, fields, &mut blob);
            batch.push(UserOperation::Add(doc));
            if batch.len() == BATCH_DOCS {
                send(writer, &mut batch)?;
            }
        }
        let g = group_document(group, &self.files, fields);
        batch.push(UserOperation::Add(g));
        send(writer, &mut batch)
    }
}

/// Documents handed to tantivy at a time: one hand-over per batch instead of one per
/// document. Batches stay small because tantivy's queue holds a fixed number of batches,
/// not documents.
pub(super) const BATCH_DOCS: usize = 16;

pub(super) fn send(writer: &IndexWriter, batch: &mut Vec<UserOperation>) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    writer.run(std::mem::take(batch))?;
    Ok(())
}
