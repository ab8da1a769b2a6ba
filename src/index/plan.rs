//! What one indexing run writes, decided before anything is read or written: which files to
//! read, in which groups, which groups' documents go, which records stay as they are.
//!
//! A *group* holds the files of one folder, in path order, up to [`Limits`]: versions of one
//! policy share a folder and most of their clauses, and each distinct clause of a group is one
//! clause document. A fresh build cuts every folder into groups ([`rebuild`]). An update
//! ([`update`]) compares the corpus with the records of the index:
//!
//! - a file whose size and modification time are unchanged is not read, nor is one whose
//!   content hash is unchanged;
//! - a group that lost or changed a file is written again, under its id: its documents are
//!   deleted, its changed files read, the clauses of its unchanged files taken from the index;
//! - a new file joins the last group of its folder while that group has room, else new files
//!   form new groups.
//!
//! Planning is pure (the one question it asks of the disk, "is this file's content the one
//! recorded?", is a function it is given), so it is tested without tantivy: an update's plan
//! leaves the index holding what a fresh build's plan would.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use crate::corpus::CorpusFile;
use crate::index::store::FileRecord;

/// How a file of a group relates to the index before this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Not in the index yet.
    New,
    /// In the index with other content.
    Changed,
}

/// Files indexed together: each distinct clause of theirs becomes one clause document.
#[derive(Debug)]
pub struct GroupPlan<'a> {
    /// The group's id: kept by a group written again, counting up for new ones.
    pub id: u64,
    /// Files to read.
    pub files: Vec<(&'a CorpusFile, Status)>,
    /// Files of the group in the index that stay as they are: their clauses are taken from
    /// the group's documents, and they are not read again.
    pub kept: Vec<FileRecord>,
}

impl GroupPlan<'_> {
    /// Bytes to read.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|(f, _)| f.size).sum()
    }
}

/// What bounds a group. Its bytes bound a reader's memory (a group's distinct clauses wait
/// for its last file) and what one changed file costs (its group is written again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Source bytes of a group (a single larger file still makes a group of its own).
    pub max_bytes: u64,
    /// Files of a group.
    pub max_files: usize,
}

impl Default for Limits {
    /// 16 MB and 512 files.
    fn default() -> Self {
        Limits {
            max_bytes: 16 << 20,
            max_files: 512,
        }
    }
}

/// What one run writes: the groups to index, the records of files left as they are, the
/// groups whose documents go, and how many files were removed.
#[derive(Debug)]
pub struct Plan<'a> {
    /// Groups to index: groups written again (by id), then new groups.
    pub groups: Vec<GroupPlan<'a>>,
    /// Records of files in groups left as they are.
    pub kept: Vec<FileRecord>,
    /// Groups whose documents are deleted before the new ones are added (in id order).
    pub dropped_groups: Vec<u64>,
    /// Files in the index that the corpus no longer has.
    pub removed: u64,
}

/// The folder a file's group belongs to.
fn folder(file: &CorpusFile) -> &Path {
    file.rel.parent().unwrap_or(Path::new(""))
}

/// The plan of a fresh build: every file read, every folder cut into groups numbered from 1.
pub fn rebuild(files: &[CorpusFile], limits: Limits) -> Plan<'_> {
    let mut next_id = 1;
    let files = files.iter().map(|f| (f, Status::New)).collect();
    Plan {
        groups: form_groups(files, &mut next_id, limits),
        kept: Vec::new(),
        dropped_groups: Vec::new(),
        removed: 0,
    }
}

/// The plan of an update of an index whose files are `old` to the corpus `files`.
/// `same_content(file, record)` answers, for a file whose size or modification time differs
/// from its record, whether its content is the one recorded (indexing hashes the file).
pub fn update<'a>(
    old: &[FileRecord],
    files: &'a [CorpusFile],
    limits: Limits,
    same_content: impl Fn(&CorpusFile, &FileRecord) -> bool,
) -> Plan<'a> {
    let by_path: HashMap<&str, &FileRecord> = old.iter().map(|r| (r.path.as_str(), r)).collect();
    let mut next_id = old.iter().map(|r| r.group).max().unwrap_or(0) + 1;
    let mut seen = HashSet::new();
    let mut new = Vec::new();
    // Files in the index as they are, with their records (size and time refreshed).
    let mut same: Vec<(&CorpusFile, FileRecord)> = Vec::new();
    let mut changed: Vec<(&CorpusFile, u64)> = Vec::new();
    let mut dirty = HashSet::new();
    for file in files {
        let key = crate::corpus::pathkey::key(&file.path);
        let Some(r) = by_path.get(key.as_str()) else {
            new.push((file, Status::New));
            continue;
        };
        seen.insert(r.path.as_str());
        let unchanged = (r.size == file.size && r.mtime_ns == file.mtime_ns)
            || (r.skipped.is_none() && same_content(file, r));
        if unchanged {
            let mut record = (*r).clone();
            record.size = file.size;
            record.mtime_ns = file.mtime_ns;
            same.push((file, record));
        } else {
            changed.push((file, r.group));
            dirty.insert(r.group);
        }
    }
    let removed: Vec<&FileRecord> = old
        .iter()
        .filter(|r| !seen.contains(r.path.as_str()))
        .collect();
    dirty.extend(removed.iter().map(|r| r.group));
    // A new file joins a group of its folder that has room (the last one), so versions
    // added over time share clause documents as a fresh build's would; the rest form new
    // groups.
    // The room is counted over all the group's files, changed ones at their new size.
    let mut room: HashMap<&Path, (u64, u64, usize)> = HashMap::new();
    let current = same.iter().map(|(f, r)| (*f, r.group));
    for (file, group) in current.chain(changed.iter().copied()) {
        let slot = room.entry(folder(file)).or_insert((group, 0, 0));
        if group > slot.0 {
            *slot = (group, 0, 0);
        }
        if group == slot.0 {
            slot.1 += file.size;
            slot.2 += 1;
        }
    }
    let mut joining: Vec<(&CorpusFile, u64)> = Vec::new();
    let mut alone = Vec::new();
    new.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
    for (file, status) in new {
        match room.get_mut(folder(file)) {
            Some((group, bytes, files))
                if *bytes + file.size <= limits.max_bytes && *files < limits.max_files =>
            {
                *bytes += file.size;
                *files += 1;
                joining.push((file, *group));
                dirty.insert(*group);
            }
            _ => alone.push((file, status)),
        }
    }
    // Rewritten groups keep their ids: their files' records say which.
    let mut rewritten: HashMap<u64, GroupPlan> = HashMap::new();
    fn work<'a, 'b>(map: &'b mut HashMap<u64, GroupPlan<'a>>, id: u64) -> &'b mut GroupPlan<'a> {
        map.entry(id).or_insert_with(|| GroupPlan {
            id,
            files: Vec::new(),
            kept: Vec::new(),
        })
    }
    for (file, group) in &changed {
        work(&mut rewritten, *group)
            .files
            .push((*file, Status::Changed));
    }
    for (file, group) in &joining {
        work(&mut rewritten, *group)
            .files
            .push((*file, Status::New));
    }
    let mut kept = Vec::new();
    for (_, record) in same {
        if dirty.contains(&record.group) {
            work(&mut rewritten, record.group).kept.push(record);
        } else {
            kept.push(record);
        }
    }
    let mut groups: Vec<GroupPlan> = rewritten.into_values().collect();
    groups.sort_by_key(|g| g.id);
    groups.extend(form_groups(alone, &mut next_id, limits));
    let mut dropped_groups: Vec<u64> = dirty.into_iter().collect();
    dropped_groups.sort_unstable();
    Plan {
        groups,
        kept,
        dropped_groups,
        removed: removed.len() as u64,
    }
}

/// Cut `files` into groups: per folder, in path order, closed when the next file would pass
/// the limits. Ids count up from `next_id`.
fn form_groups<'a>(
    files: Vec<(&'a CorpusFile, Status)>,
    next_id: &mut u64,
    limits: Limits,
) -> Vec<GroupPlan<'a>> {
    let mut by_folder: BTreeMap<&Path, Vec<(&CorpusFile, Status)>> = BTreeMap::new();
    for (f, status) in files {
        by_folder.entry(folder(f)).or_default().push((f, status));
    }
    let mut groups = Vec::new();
    let mut close = |files: Vec<(&'a CorpusFile, Status)>, groups: &mut Vec<GroupPlan<'a>>| {
        groups.push(GroupPlan {
            id: *next_id,
            files,
            kept: Vec::new(),
        });
        *next_id += 1;
    };
    for (_, mut files) in by_folder {
        files.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
        let mut current: Vec<(&CorpusFile, Status)> = Vec::new();
        let mut bytes = 0;
        for (f, status) in files {
            if !current.is_empty()
                && (bytes + f.size > limits.max_bytes || current.len() == limits.max_files)
            {
                close(std::mem::take(&mut current), &mut groups);
                bytes = 0;
            }
            bytes += f.size;
            current.push((f, status));
        }
        if !current.is_empty() {
            close(current, &mut groups);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::PathBuf;

    /// A file of a corpus rooted at `/c`, its content standing for itself by `hash`.
    #[derive(Debug, Clone, PartialEq)]
    struct Fake {
        rel: String,
        size: u64,
        mtime: u64,
        hash: u64,
    }

    fn corpus_files(fakes: &[Fake]) -> Vec<CorpusFile> {
        fakes
            .iter()
            .map(|f| CorpusFile {
                path: PathBuf::from("/c").join(&f.rel),
                rel: PathBuf::from(&f.rel),
                size: f.size,
                mtime_ns: f.mtime,
            })
            .collect()
    }

    fn hash_of<'f>(fakes: &'f [Fake]) -> impl Fn(&CorpusFile) -> u64 + 'f {
        move |file| {
            fakes
                .iter()
                .find(|f| Path::new(&f.rel) == file.rel)
                .map_or(0, |f| f.hash)
        }
    }

    /// The records an index holds after a plan is applied, as the indexer writes them: the
    /// kept records, and per group its kept records and a record of each file read.
    fn apply(plan: &Plan, hash: impl Fn(&CorpusFile) -> u64) -> Vec<FileRecord> {
        let mut records = plan.kept.clone();
        for group in &plan.groups {
            records.extend(group.kept.iter().cloned());
            for (file, _) in &group.files {
                records.push(FileRecord {
                    path: crate::corpus::pathkey::key(&file.path),
                    size: file.size,
                    mtime_ns: file.mtime_ns,
                    hash: hash(file),
                    clauses: 1,
                    group: group.id,
                    skipped: None,
                });
            }
        }
        records.sort_by(|a, b| a.path.cmp(&b.path));
        records
    }

    /// What the index holds, group ids aside: each file with its size and content.
    fn holdings(records: &[FileRecord]) -> Vec<(String, u64, u64)> {
        records
            .iter()
            .map(|r| (r.path.clone(), r.size, r.hash))
            .collect()
    }

    /// Every group holds files of one folder; those in `bounded` are within the limits (a
    /// lone big file aside).
    fn check_groups(records: &[FileRecord], bounded: &HashSet<u64>, limits: Limits) {
        let mut by_group: BTreeMap<u64, Vec<&FileRecord>> = BTreeMap::new();
        for r in records {
            by_group.entry(r.group).or_default().push(r);
        }
        for (id, members) in by_group {
            let folders: HashSet<_> = members
                .iter()
                .map(|r| Path::new(&r.path).parent().map(Path::to_path_buf))
                .collect();
            assert_eq!(folders.len(), 1, "group {id} spans folders: {members:?}");
            if bounded.contains(&id) {
                let bytes: u64 = members.iter().map(|r| r.size).sum();
                assert!(members.len() <= limits.max_files, "group {id}: {members:?}");
                assert!(
                    members.len() == 1 || bytes <= limits.max_bytes,
                    "group {id} holds {bytes} bytes: {members:?}"
                );
            }
        }
    }

    fn fake(rel: &str, size: u64, hash: u64) -> Fake {
        Fake {
            rel: rel.to_owned(),
            size,
            mtime: 1,
            hash,
        }
    }

    fn updated<'a>(old: &[FileRecord], files: &'a [CorpusFile], fakes: &[Fake]) -> Plan<'a> {
        let hash = hash_of(fakes);
        update(old, files, Limits::default(), |f, r| hash(f) == r.hash)
    }

    #[test]
    fn a_fresh_build_reads_every_file_in_groups_by_folder() {
        let fakes = [
            fake("a/1.md", 10, 1),
            fake("a/2.md", 10, 2),
            fake("b/1.md", 10, 3),
        ];
        let files = corpus_files(&fakes);
        let plan = rebuild(&files, Limits::default());
        let ids: Vec<(u64, usize)> = plan.groups.iter().map(|g| (g.id, g.files.len())).collect();
        assert_eq!(ids, [(1, 2), (2, 1)]);
        assert!(plan.kept.is_empty() && plan.dropped_groups.is_empty());
    }

    #[test]
    fn an_unchanged_corpus_reads_nothing() {
        let fakes = [fake("a/1.md", 10, 1), fake("b/1.md", 10, 3)];
        let files = corpus_files(&fakes);
        let old = apply(&rebuild(&files, Limits::default()), hash_of(&fakes));
        let plan = updated(&old, &files, &fakes);
        assert!(plan.groups.is_empty() && plan.dropped_groups.is_empty());
        assert_eq!(plan.kept.len(), 2);
    }

    #[test]
    fn a_touched_file_with_the_same_content_is_kept() {
        let fakes = [fake("a/1.md", 10, 1)];
        let files = corpus_files(&fakes);
        let old = apply(&rebuild(&files, Limits::default()), hash_of(&fakes));
        let touched = [Fake {
            mtime: 9,
            ..fake("a/1.md", 10, 1)
        }];
        let files = corpus_files(&touched);
        let plan = updated(&old, &files, &touched);
        assert!(plan.groups.is_empty());
        assert_eq!(plan.kept[0].mtime_ns, 9, "the record's time is refreshed");
    }

    #[test]
    fn a_changed_file_rewrites_its_group_and_only_it() {
        let fakes = [
            fake("a/1.md", 10, 1),
            fake("a/2.md", 10, 2),
            fake("b/1.md", 10, 3),
        ];
        let files = corpus_files(&fakes);
        let old = apply(&rebuild(&files, Limits::default()), hash_of(&fakes));
        let changed = [
            fake("a/1.md", 11, 7),
            fake("a/2.md", 10, 2),
            fake("b/1.md", 10, 3),
        ];
        let files = corpus_files(&changed);
        let plan = updated(&old, &files, &changed);
        assert_eq!(plan.dropped_groups, [1]);
        assert_eq!(plan.groups.len(), 1);
        let group = &plan.groups[0];
        assert_eq!((group.id, group.files.len(), group.kept.len()), (1, 1, 1));
        assert_eq!(group.files[0].1, Status::Changed);
        assert_eq!(plan.kept.len(), 1, "b's group is untouched");
    }

    #[test]
    fn a_new_version_joins_its_folders_group_and_a_removed_file_drops_its_group() {
        let fakes = [
            fake("a/1.md", 10, 1),
            fake("b/1.md", 10, 3),
            fake("c/1.md", 10, 4),
        ];
        let files = corpus_files(&fakes);
        let old = apply(&rebuild(&files, Limits::default()), hash_of(&fakes));
        let next = [
            fake("a/1.md", 10, 1),
            fake("a/2.md", 10, 5),
            fake("b/1.md", 10, 3),
        ];
        let files = corpus_files(&next);
        let plan = updated(&old, &files, &next);
        assert_eq!(plan.removed, 1);
        assert_eq!(plan.dropped_groups, [1, 3]);
        let group = &plan.groups[0];
        assert_eq!((group.id, group.files.len(), group.kept.len()), (1, 1, 1));
        assert_eq!(group.files[0].1, Status::New);
    }

    #[test]
    fn a_new_file_does_not_join_a_group_its_changed_file_filled() {
        // Found by the property below: the room left in a folder's last group was counted
        // over its unchanged files only, so a new file joined a group that a changed file
        // had grown past the limit.
        let limits = Limits {
            max_bytes: 30,
            max_files: 10,
        };
        let fakes = [fake("a/1.md", 10, 1), fake("a/2.md", 10, 2)];
        let files = corpus_files(&fakes);
        let old = apply(&rebuild(&files, limits), hash_of(&fakes));
        let next = [
            fake("a/1.md", 25, 7),
            fake("a/2.md", 10, 2),
            fake("a/3.md", 10, 8),
        ];
        let files = corpus_files(&next);
        let hash = hash_of(&next);
        let plan = update(&old, &files, limits, |f, r| hash(f) == r.hash);
        let new_group = plan.groups.iter().find(|g| g.id == 2).expect("a new group");
        assert_eq!(new_group.files[0].0.rel, Path::new("a/3.md"));
    }

    #[test]
    fn groups_close_at_the_limits() {
        let fakes: Vec<Fake> = (0..5).map(|i| fake(&format!("a/{i}.md"), 10, i)).collect();
        let files = corpus_files(&fakes);
        let limits = Limits {
            max_bytes: 25,
            max_files: 10,
        };
        let sizes: Vec<usize> = rebuild(&files, limits)
            .groups
            .iter()
            .map(|g| g.files.len())
            .collect();
        assert_eq!(sizes, [2, 2, 1]);
        let limits = Limits {
            max_bytes: 1000,
            max_files: 3,
        };
        let sizes: Vec<usize> = rebuild(&files, limits)
            .groups
            .iter()
            .map(|g| g.files.len())
            .collect();
        assert_eq!(sizes, [3, 2]);
    }

    /// One change to a corpus: a file added, changed, touched (same content) or removed.
    #[derive(Debug, Clone)]
    enum Change {
        Add { folder: u8, name: u8, size: u64 },
        Edit { pick: usize, size: u64 },
        Touch { pick: usize },
        Remove { pick: usize },
    }

    fn change() -> impl Strategy<Value = Change> {
        prop_oneof![
            (0..3u8, 0..12u8, 1..40u64).prop_map(|(folder, name, size)| Change::Add {
                folder,
                name,
                size
            }),
            (any::<usize>(), 1..40u64).prop_map(|(pick, size)| Change::Edit { pick, size }),
            any::<usize>().prop_map(|pick| Change::Touch { pick }),
            any::<usize>().prop_map(|pick| Change::Remove { pick }),
        ]
    }

    proptest! {
        /// Whatever sequence of changes a corpus goes through, updating the index run after
        /// run leaves it holding what a fresh build of the final corpus holds, every group
        /// in one folder and within the limits, and no run reads a file that did not change
        /// outside the groups it rewrites.
        #[test]
        fn updates_reach_what_a_rebuild_holds(
            steps in prop::collection::vec(prop::collection::vec(change(), 1..5), 1..8),
            max_bytes in 20..80u64,
            max_files in 1..5usize,
        ) {
            let limits = Limits { max_bytes, max_files };
            let mut fakes: Vec<Fake> = Vec::new();
            let mut records: Vec<FileRecord> = Vec::new();
            let mut clock = 1;
            let mut next_hash = 100;
            for step in steps {
                for change in step {
                    clock += 1;
                    next_hash += 1;
                    match change {
                        Change::Add { folder, name, size } => {
                            let rel = format!("f{folder}/{name:02}.md");
                            if !fakes.iter().any(|f| f.rel == rel) {
                                fakes.push(Fake { rel, size, mtime: clock, hash: next_hash });
                            }
                        }
                        Change::Edit { pick, size } if !fakes.is_empty() => {
                            let n = fakes.len();
                            let f = &mut fakes[pick % n];
                            f.size = size;
                            f.mtime = clock;
                            f.hash = next_hash;
                        }
                        Change::Touch { pick } if !fakes.is_empty() => {
                            let n = fakes.len();
                            fakes[pick % n].mtime = clock;
                        }
                        Change::Remove { pick } if !fakes.is_empty() => {
                            let n = fakes.len();
                            fakes.remove(pick % n);
                        }
                        _ => {}
                    }
                }
                fakes.sort_by(|a, b| a.rel.cmp(&b.rel));
                let files = corpus_files(&fakes);
                let hash = hash_of(&fakes);
                let plan = update(&records, &files, limits, |f, r| hash(f) == r.hash);
                // Only new or changed files are read, except in groups written again.
                let dropped: HashSet<u64> = plan.dropped_groups.iter().copied().collect();
                for group in &plan.groups {
                    let rewritten = dropped.contains(&group.id);
                    for (file, status) in &group.files {
                        let key = crate::corpus::pathkey::key(&file.path);
                        let before = records.iter().find(|r| r.path == key);
                        match before {
                            None => prop_assert_eq!(*status, Status::New),
                            Some(r) => {
                                prop_assert!(rewritten && r.group == group.id);
                                prop_assert!(r.hash != hash(file), "{} read unchanged", key);
                            }
                        }
                    }
                }
                // A group a file joined (or a new one) is within the limits; a group only
                // written again may have outgrown them by its own files' growth.
                let joined: HashSet<u64> = plan
                    .groups
                    .iter()
                    .filter(|g| g.files.iter().any(|(_, s)| *s == Status::New))
                    .map(|g| g.id)
                    .collect();
                records = apply(&plan, &hash);
                let fresh = apply(&rebuild(&files, limits), &hash);
                prop_assert_eq!(holdings(&records), holdings(&fresh));
                check_groups(&records, &joined, limits);
            }
        }
    }
}
