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

/// The key of a distinct clause in its group: a 128-bit hash of its company, kind, heading
/// flag, language, section and text (one-shot hashes chained through their seeds: the
/// streaming hasher copies short inputs into its buffer first). The language is part of it
/// because a short clause takes it from the clauses around it ([`crate::analyze::lang::of_clauses`]): the
/// heading "Cookies" of an English and of a German policy are two clauses. (English adds
/// nothing to the seed: English clauses keep the ids they had before languages were told
/// apart.)
pub(super) fn clause_key(
    company: &str,
    kind: Kind,
    section: &str,
    text: &str,
    heading: bool,
    lang: Lang,
) -> u128 {
    let seed = xxh3_64_with_seed(
        company.as_bytes(),
        kind as u64 * 2 + u64::from(heading) + ((lang as u64) << 8),
    );
    let seed = xxh3_64_with_seed(section.as_bytes(), seed);
    xxh3_128_with_seed(text.as_bytes(), seed)
}

/// A distinct clause of a group and where it occurs.
pub(super) struct Distinct {
    clause: TaggedClause,
    company: Facet,
    kind: Kind,
    occurrences: Vec<Occurrence>,
    /// Its [`clause_key`]: the low half is its `clause_id`, the same in every group.
    key: u128,
    /// Ties equal scores: a hash of the first occurrence's path and start.
    tie: u64,
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
        let kind = doc.kind;
        let mut keys = HashSet::with_capacity(doc.clauses.len());
        for tc in doc.clauses {
            let c = &tc.clause;
            let key = clause_key(company, kind, &c.section, &c.text, c.heading, tc.lang);
            keys.insert(key);
            let occurrence = Occurrence {
                file,
                span: c.span,
                line: c.line,
                map: c.map.as_ref().map(|m| m.to_bytes()),
            };
            match self.by_key.get(&key) {
                Some(&i) => self.repeat(i, occurrence),
                None => {
                    let mut tc = tc;
                    (tc.topics, tc.scores, tc.retention) =
                        crate::analyze::document::tag(tagger, &tc.clause, tc.lang);
                    let company = Facet::from_path([company]);
                    self.insert(key, tc, company, kind, occurrence);
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

    /// One more occurrence of distinct clause number `i`.
    fn repeat(&mut self, i: usize, occurrence: Occurrence) {
        self.distinct[i].occurrences.push(occurrence);
    }

    /// A clause new to the group, `key`, and its first occurrence.
    fn insert(
        &mut self,
        key: u128,
        clause: TaggedClause,
        company: Facet,
        kind: Kind,
        occurrence: Occurrence,
    ) {
        self.by_key.insert(key, self.distinct.len());
        self.distinct.push(Distinct {
            clause,
            company,
            kind,
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
            let (text, section) = (stored.text(), stored.section());
            let (company, kind) = (stored.company(), stored.kind());
            let heading = schema::RankKey::of(searcher, addr)?.heading();
            let occurrences = stored.occurrences();
            let lang = stored.lang();
            let key = clause_key(&company, kind, &section, &text, heading, lang);
            for o in occurrences {
                let Some(&file) = renumber.get(&o.file) else {
                    continue;
                };
                let occurrence = Occurrence { file, ..o };
                if let Some(&i) = self.by_key.get(&key) {
                    self.repeat(i, occurrence);
                    continue;
                }
                let clause = crate::analyze::segment::Clause {
                    span: crate::text::Span::default(),
                    line: 0,
                    section: section.clone(),
                    text: text.clone(),
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
                let company = Facet::from_path([company.as_str()]);
                self.insert(key, tc, company, kind, occurrence);
            }
        }
        Ok(())
    }

    /// Put the files in path order (occurrences in file and offset order) and give each
    /// clause its tie key, from its first occurrence: the same as a build that read the files
    /// in that order. The key hashes the path below the corpus `root`, so that a corpus ranks
    /// alike wherever it lies.
    fn finish(&mut self, root: &str) {
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
        for d in &mut self.distinct {
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
    ) -> Result<()> {
        self.finish(root);
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
