//! A corpus: a folder of policy files, how they are found, and what the folder says about them.
//!
//! Files are found recursively by extension; hidden files and folders and the index folder are
//! skipped; a root given as a symbolic link is followed. Company names come from a manifest in
//! the root (`polsearch.toml` or `polsearch.csv`), else from the folder layout (a root holding
//! several sub-folders is laid out by company), else from the text (see [`crate::analyze::company`]).

pub mod decode;
pub mod format;
pub mod layout;
mod manifest;
pub mod pathkey;

use std::fs;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::corpus::format::EXTENSIONS;
use crate::error::{Error, Result};
use crate::policy::{Kind, PolicyDate};
use manifest::Manifest;

/// Where company names may come from (`--company-from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompanyFrom {
    /// Manifest, then folder layout, then text.
    #[default]
    Auto,
    /// Manifest, then the first folder below the root (even a lone one), else `unknown`.
    Dir,
    /// Manifest, then the text only.
    Text,
}

/// One file of a corpus.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// The path as polsearch opens it: the corpus argument joined with `rel`.
    pub path: PathBuf,
    /// Path relative to the corpus root.
    pub rel: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: u64,
}

/// A folder of policies, ready to be read.
#[derive(Debug)]
pub struct Corpus {
    /// The corpus folder.
    pub root: PathBuf,
    /// Its policy files, in path order.
    pub files: Vec<CorpusFile>,
    manifest: Manifest,
    /// Entries the walk found but does not index, and why: symbolic links (not followed, so
    /// links out of the corpus and dangling ones never count), FIFOs, sockets and devices.
    pub skipped: Vec<(PathBuf, String)>,
    /// What the manifest says that polsearch cannot use (entries outside the corpus or
    /// matching no file, a second manifest), for stderr.
    pub warnings: Vec<String>,
    /// Relative folder whose sub-folders name companies, when the layout is by company.
    company_base: Option<PathBuf>,
    company_from: CompanyFrom,
    manifest_hash: u64,
}

impl Corpus {
    /// Find the policy files below `root`, skipping `skip` (the index folder) wherever it is.
    pub fn open(root: &Path, skip: Option<&Path>, company_from: CompanyFrom) -> Result<Corpus> {
        if !root.is_dir() {
            return Err(Error::CorpusMissing(root.to_path_buf()));
        }
        let skip = skip.and_then(IndexFolder::new);
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        // The index folder is recognised by its inode (from the directory entry, no system
        // call), so the walk stays linear in the depth of the tree.
        let walker = WalkDir::new(root)
            .follow_root_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0
                    || !(is_hidden(e.file_name())
                        || e.file_type().is_dir()
                            && skip.as_ref().is_some_and(|s| s.is(e.path(), entry_ino(e))))
            });
        for entry in walker {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(root).to_path_buf();
                Error::io(path, e.into())
            })?;
            let kind = entry.file_type();
            if kind.is_symlink() {
                skipped.push((
                    entry.path().to_path_buf(),
                    "symbolic link (links are not followed)".to_owned(),
                ));
                continue;
            }
            if !kind.is_file() && !kind.is_dir() && has_policy_extension(entry.path()) {
                skipped.push((
                    entry.path().to_path_buf(),
                    "not a regular file (a FIFO, socket or device)".to_owned(),
                ));
                continue;
            }
            if !kind.is_file() || !has_policy_extension(entry.path()) {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_path_buf();
            let metadata = entry.metadata().ok();
            let size = metadata.as_ref().map_or(0, |m| m.len());
            let mtime_ns = metadata
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as u64);
            files.push(CorpusFile {
                path: entry.path().to_path_buf(),
                rel,
                size,
                mtime_ns,
            });
        }
        let (manifest, manifest_hash, mut warnings) = Manifest::load(root)?;
        warnings.extend(manifest.unmatched(&files));
        let company_base = match company_from {
            CompanyFrom::Auto => company_base(root, skip.as_ref()),
            CompanyFrom::Dir => Some(PathBuf::new()),
            CompanyFrom::Text => None,
        };
        Ok(Corpus {
            root: root.to_path_buf(),
            files,
            manifest,
            skipped,
            warnings,
            company_base,
            company_from,
            manifest_hash,
        })
    }

    /// What decides the company, kind and date of files beyond their own bytes: the
    /// `--company-from` mode, the folder layout and the manifest. When it changes between two
    /// runs, unchanged files may need new facets, so the index is rebuilt.
    pub fn layout_key(&self) -> String {
        format!(
            "{:?}|{:?}|{:016x}",
            self.company_from, self.company_base, self.manifest_hash
        )
    }

    /// Total bytes of all files.
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }

    /// What the manifest and the folder layout say about a file.
    pub fn hints(&self, file: &CorpusFile) -> Hints {
        let entry = self.manifest.entry_of(&file.rel).unwrap_or_default();
        Hints {
            company: self.company_hint(file),
            kind: entry.kind,
            date: entry.date,
            company_from_text: self.company_from != CompanyFrom::Dir,
        }
    }

    /// The company a file's location says it belongs to, if any: manifest first, then layout.
    pub fn company_hint(&self, file: &CorpusFile) -> Option<String> {
        if let Some(company) = self
            .manifest
            .entry_of(&file.rel)
            .and_then(|e| e.company.clone())
        {
            return Some(company);
        }
        let base = self.company_base.as_ref()?;
        let below = file.rel.strip_prefix(base).ok()?;
        let mut parts = below.components();
        let first = parts.next()?;
        // The file must sit inside the folder, not directly in the base.
        parts.next()?;
        match first {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Whether a path has one of the extensions polsearch reads.
pub fn has_policy_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The folder (relative to `root`) whose sub-folders are companies: `root` itself when it
/// holds several sub-folders, looking through lone wrapper folders such as
/// `opp115/sanitized_policies`; `None` for a flat corpus.
fn company_base(root: &Path, skip: Option<&IndexFolder>) -> Option<PathBuf> {
    let mut rel = PathBuf::new();
    loop {
        let dir = root.join(&rel);
        let mut subdirs = Vec::new();
        let mut has_files = false;
        for entry in fs::read_dir(&dir).ok()?.flatten() {
            let name = entry.file_name();
            if is_hidden(&name) {
                continue;
            }
            let path = entry.path();
            if path.is_dir() {
                let is_skip = skip.is_some_and(|s| s.is(&path, dir_entry_ino(&entry)));
                if !is_skip {
                    subdirs.push(name);
                }
            } else if has_policy_extension(&path) {
                has_files = true;
            }
        }
        match subdirs.len() {
            0 => return None,
            1 if !has_files => rel.push(&subdirs[0]),
            1 => return None,
            _ => return Some(rel),
        }
    }
}

/// The index folder, to be left out of the walk wherever it lies below the corpus.
struct IndexFolder {
    canonical: PathBuf,
    ino: Option<u64>,
}

impl IndexFolder {
    fn new(path: &Path) -> Option<IndexFolder> {
        let canonical = fs::canonicalize(path).ok()?;
        let ino = metadata_ino(&fs::metadata(&canonical).ok()?);
        Some(IndexFolder { canonical, ino })
    }

    /// Is the folder at `path` (with inode `ino`, when known) the index folder? Only a
    /// matching inode is confirmed by resolving the path.
    fn is(&self, path: &Path, ino: Option<u64>) -> bool {
        match (self.ino, ino) {
            (Some(a), Some(b)) if a != b => false,
            _ => fs::canonicalize(path).is_ok_and(|p| p == self.canonical),
        }
    }
}

#[cfg(unix)]
fn metadata_ino(m: &fs::Metadata) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    Some(m.ino())
}

#[cfg(not(unix))]
fn metadata_ino(_: &fs::Metadata) -> Option<u64> {
    None
}

#[cfg(unix)]
fn entry_ino(e: &walkdir::DirEntry) -> Option<u64> {
    use walkdir::DirEntryExt;
    Some(e.ino())
}

#[cfg(not(unix))]
fn entry_ino(_: &walkdir::DirEntry) -> Option<u64> {
    None
}

#[cfg(unix)]
fn dir_entry_ino(e: &fs::DirEntry) -> Option<u64> {
    use std::os::unix::fs::DirEntryExt;
    Some(e.ino())
}

#[cfg(not(unix))]
fn dir_entry_ino(_: &fs::DirEntry) -> Option<u64> {
    None
}

/// What is known about a document before reading it (from a manifest or the folder layout).
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// The company, from the manifest or the folder layout.
    pub company: Option<String>,
    /// The kind, from the manifest.
    pub kind: Option<Kind>,
    /// The snapshot date (a manifest's `date`).
    pub date: Option<PolicyDate>,
    /// Whether the text may name the company when no hint does.
    pub company_from_text: bool,
}

impl Hints {
    /// Nothing known; the text names the company.
    pub fn text() -> Hints {
        Hints {
            company_from_text: true,
            ..Hints::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    #[test]
    fn layout_by_company_and_wrappers() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "ota/Acme/Privacy Policy.md", "x");
        write(root, "ota/Globex/Terms of Service.md", "x");
        write(root, "ota/LICENSE", "x");
        write(root, "ota/.hidden/secret.md", "x");
        let corpus = Corpus::open(&root.join("ota"), None, CompanyFrom::Auto).unwrap();
        let companies: Vec<_> = corpus
            .files
            .iter()
            .map(|f| corpus.company_hint(f))
            .collect();
        assert_eq!(
            companies,
            vec![Some("Acme".to_owned()), Some("Globex".to_owned())]
        );

        write(root, "opp/sanitized/1_a.com.html", "x");
        write(root, "opp/sanitized/2_b.com.html", "x");
        let corpus = Corpus::open(&root.join("opp"), None, CompanyFrom::Auto).unwrap();
        assert_eq!(corpus.files.len(), 2);
        assert!(corpus
            .files
            .iter()
            .all(|f| corpus.company_hint(f).is_none()));
    }

    #[test]
    fn manifest_wins_and_names_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "a/one.txt", "x");
        write(root, "a/two.txt", "x");
        write(root, "b/three.txt", "x");
        write(
            root,
            "polsearch.toml",
            "[[document]]\npath = \"a\"\ncompany = \"Acme Corp\"\n[[document]]\npath = \"a/two.txt\"\ncompany = \"Two Ltd\"\n",
        );
        let corpus = Corpus::open(root, None, CompanyFrom::Auto).unwrap();
        let got: Vec<_> = corpus
            .files
            .iter()
            .map(|f| corpus.company_hint(f).unwrap())
            .collect();
        assert_eq!(got, vec!["Acme Corp", "Two Ltd", "b"]);
    }

    #[test]
    fn bad_manifest_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "polsearch.toml", "[[document]]\npath = 3\n");
        let err = Corpus::open(dir.path(), None, CompanyFrom::Auto).unwrap_err();
        assert!(err.to_string().contains("polsearch.toml"), "{err}");
    }
}
