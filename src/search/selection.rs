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

/// A [`FileSet`] of file ids as a bit map per group, for the passes over every occurrence key
/// (`--latest`, `--current`): two array reads instead of a hash probe each, and a group with
/// no file in the set is known at once.
pub struct FileBits {
    groups: Vec<Vec<u64>>,
}

impl FileBits {
    /// The map of `files`; none when their group ids are too sparse for it to pay (group ids
    /// count up from 0, [`crate::index::plan::GroupPlan::id`]).
    pub fn of(files: &FileSet) -> Option<FileBits> {
        let highest = files
            .iter()
            .map(|&f| crate::index::schema::file_group(f))
            .max()
            .unwrap_or(0);
        if highest > 16 * files.len() as u64 + 4096 {
            return None;
        }
        let mut groups: Vec<Vec<u64>> = vec![Vec::new(); highest as usize + 1];
        for &file in files {
            let (group, place) = FileBits::split(file);
            let bits = &mut groups[group];
            if bits.len() <= place / 64 {
                bits.resize(place / 64 + 1, 0);
            }
            bits[place / 64] |= 1 << (place % 64);
        }
        Some(FileBits { groups })
    }

    /// A file id's (or occurrence key's) group and place in it.
    fn split(file: u64) -> (usize, usize) {
        use crate::index::schema::{file_group, file_place};
        (file_group(file) as usize, file_place(file) as usize)
    }

    /// Whether some file of the group of `file` (a file id or occurrence key) is in the set.
    pub fn has_group_of(&self, file: u64) -> bool {
        self.groups
            .get(FileBits::split(file).0)
            .is_some_and(|bits| !bits.is_empty())
    }

    /// Whether the file of `key` (a file id or occurrence key) is in the set.
    pub fn contains(&self, key: u64) -> bool {
        let (group, place) = FileBits::split(key);
        self.groups
            .get(group)
            .and_then(|bits| bits.get(place / 64))
            .is_some_and(|word| word >> (place % 64) & 1 == 1)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::{file_id, occ_key};

    #[test]
    fn file_bits_hold_what_the_set_holds() {
        let files: FileSet = [(0, 0), (0, 63), (0, 64), (3, 700), (9, 1)]
            .into_iter()
            .map(|(g, f)| file_id(g, f))
            .collect();
        let bits = FileBits::of(&files).expect("dense group ids");
        for group in 0..12 {
            for place in 0..800 {
                let id = file_id(group, place);
                assert_eq!(bits.contains(id), files.contains(&id), "{group} {place}");
                // An occurrence key holds its file id under its day.
                assert_eq!(bits.contains(occ_key(40_000, id)), files.contains(&id));
            }
            let any = files.iter().any(|f| f >> 20 == group);
            assert_eq!(bits.has_group_of(file_id(group, 5)), any, "{group}");
        }
        // Group ids far sparser than the files: no map.
        let sparse: FileSet = [file_id(1 << 26, 0)].into_iter().collect();
        assert!(FileBits::of(&sparse).is_none());
        assert!(!FileBits::of(&FileSet::default()).unwrap().contains(0));
    }
}
