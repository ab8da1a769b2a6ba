//! Which occurrences of a matching clause document a search admits (`Selection`: dates,
//! files, documents), opened on one segment at a time ([`SegmentSelection`]), and the sets
//! of file ids they use ([`FileSet`]).

use std::collections::HashSet;
use std::sync::Arc;

use tantivy::{DocId, SegmentReader};
use xxhash_rust::xxh3::xxh3_64;

use crate::search::docfilter::DocSets;

/// Which occurrences of a matching clause document count (and are shown): all of them, or
/// those in files dated in a range, or among a set of files (`--latest`, `--as-of`, files
/// stating an effective date in a range).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Files dated (snapshot, else effective) in the days `[lo, hi]`
    /// ([`crate::index::schema::day_of`]).
    pub dated: Option<(u64, u64)>,
    /// Files, as [`crate::index::schema::file_id`]s.
    pub files: Option<Arc<FileSet>>,
    /// The query already keeps only documents with an admitted occurrence (it filters on
    /// the one condition set): whether a document counts needs no look at its occurrences.
    pub prefiltered: bool,
    /// Only clause documents of this set (those of the latest versions), checked as matches
    /// are visited: cheaper than intersecting the query with the set.
    pub docs: Option<DocSets>,
}

impl Selection {
    /// Every occurrence counts.
    pub fn is_all(&self) -> bool {
        self.dated.is_none() && self.files.is_none()
    }

    /// Whether an occurrence ([`crate::index::schema::occ_key`]) counts.
    pub fn admits(&self, key: u64) -> bool {
        let day = key >> 47;
        self.dated.is_none_or(|(lo, hi)| (lo..=hi).contains(&day))
            && self
                .files
                .as_ref()
                .is_none_or(|f| f.contains(&(key & crate::index::schema::FILE_MASK)))
    }
}

/// Hashes a number (a file id, a clause id) with one multiplication: the set of current
/// files is looked up once per occurrence of every clause when `--latest` is first used, and
/// distinct counts insert a key per match.
#[derive(Default, Clone, Copy)]
pub struct FileIdHasher(u64);

impl std::hash::Hasher for FileIdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxh3_64(bytes);
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = (key ^ key >> 29).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A set of file ids ([`crate::index::schema::file_id`]) or other keys counted distinct.
pub type FileSet = HashSet<u64, std::hash::BuildHasherDefault<FileIdHasher>>;

/// No document: the set of a segment a [`DocSets`] was not computed on.
pub(super) static EMPTY: std::sync::LazyLock<tantivy::BitSet> =
    std::sync::LazyLock::new(|| tantivy::BitSet::with_max_value(0));

/// [`Selection`] opened on one segment. Documents without a weight (group documents) have
/// no occurrences.
pub struct SegmentSelection<'a> {
    weight: tantivy::columnar::Column<u64>,
    /// The documents allowed in this segment ([`Selection::docs`]).
    docs: Option<&'a tantivy::BitSet>,
    /// Documents count 1 if they have an occurrence (see [`SegmentSelection::open`]).
    presence_only: bool,
    selection: Selection,
    /// The occurrence keys, when what counts depends on them.
    keys: Option<tantivy::columnar::Column<u64>>,
}

impl<'a> SegmentSelection<'a> {
    /// Open the columns `selection` reads (and the files column when `with_files`). With
    /// `presence` (what is counted needs only whether a document has an admitted occurrence)
    /// and a prefiltered selection, no occurrence is read.
    pub fn open(
        reader: &SegmentReader,
        selection: &'a Selection,
        with_files: bool,
        presence: bool,
    ) -> tantivy::Result<SegmentSelection<'a>> {
        let fast = reader.fast_fields();
        let presence_only = presence && selection.prefiltered && !with_files;
        // Occurrences are read only when what counts depends on them.
        let reads = !presence_only;
        Ok(SegmentSelection {
            docs: selection
                .docs
                .as_ref()
                .map(|d| d.of_segment(reader).unwrap_or(&EMPTY)),
            presence_only,
            weight: fast.u64(crate::index::schema::WEIGHT)?,
            keys: match (!selection.is_all() && reads) || with_files {
                true => Some(fast.u64(crate::index::schema::OCC_KEYS)?),
                false => None,
            },
            selection: selection.clone(),
        })
    }

    /// How many occurrences of `doc` count; with `files`, their file ids are appended to it.
    pub fn of(&self, doc: DocId, mut files: Option<&mut Vec<u64>>) -> u64 {
        if !self.allows(doc) {
            return 0;
        }
        let n = self.weight.first(doc).unwrap_or(0);
        if self.selection.is_all() && files.is_none() {
            return n;
        }
        if self.presence_only {
            return n.min(1);
        }
        let Some(keys) = &self.keys else {
            return n;
        };
        let mut counted = 0;
        for key in keys.values_for_doc(doc) {
            if self.selection.admits(key) {
                counted += 1;
                if let Some(out) = files.as_deref_mut() {
                    out.push(key & crate::index::schema::FILE_MASK);
                }
            }
        }
        counted
    }

    /// Whether `doc` is among the documents allowed.
    fn allows(&self, doc: DocId) -> bool {
        self.docs
            .is_none_or(|set| doc < set.max_value() && set.contains(doc))
    }

    /// What each of `docs` counts for (occurrences), into `out` (as long as `docs`).
    pub(crate) fn block(&self, docs: &[DocId], scratch: &mut [Option<u64>], out: &mut [u64]) {
        if self.selection.is_all() {
            let scratch = &mut scratch[..docs.len()];
            scratch.fill(None);
            self.weight.first_vals(docs, scratch);
            for ((o, w), &doc) in out.iter_mut().zip(scratch.iter()).zip(docs) {
                *o = if self.allows(doc) { w.unwrap_or(0) } else { 0 };
            }
        } else {
            for (o, &doc) in out.iter_mut().zip(docs) {
                *o = self.of(doc, None);
            }
        }
    }
}
