//! The corpus manifest (`polsearch.toml` at the corpus root): what a crawl knows of its files
//! that neither the text nor the folder layout says (company, kind, snapshot date), entry by
//! entry, with problems reported as warnings or errors naming the manifest.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use super::CorpusFile;
use crate::error::{Error, Result};
use crate::policy::{Kind, PolicyDate};

/// Path → company (and kind, date) assignments from `polsearch.toml` or `polsearch.csv` in
/// the corpus root. A path names a file or a folder (every file below it), relative to the
/// root; the nearest entry wins, field by field.
#[derive(Debug, Default)]
pub(super) struct Manifest {
    entries: BTreeMap<PathBuf, ManifestEntry>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct ManifestEntry {
    pub(super) company: Option<String>,
    pub(super) kind: Option<Kind>,
    pub(super) date: Option<PolicyDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlManifest {
    #[serde(default)]
    document: Vec<TomlEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlEntry {
    path: PathBuf,
    company: Option<String>,
    kind: Option<String>,
    date: Option<String>,
}

impl TomlEntry {
    fn into_entry(self, manifest: &Path) -> Result<(PathBuf, ManifestEntry)> {
        let bad = |reason: String| Error::Manifest {
            path: manifest.to_path_buf(),
            reason,
        };
        let kind = match self
            .kind
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            Some(k) => Some(k.parse::<Kind>().map_err(|e| bad(e.to_string()))?),
            None => None,
        };
        let date = match self
            .date
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            Some(d) => Some(
                PolicyDate::parse_bound(d, false)
                    .ok_or_else(|| bad(format!("bad date '{d}' (use YYYY-MM-DD)")))?,
            ),
            None => None,
        };
        let company = self.company.filter(|c| !c.trim().is_empty());
        Ok((
            normalise(&self.path),
            ManifestEntry {
                company,
                kind,
                date,
            },
        ))
    }
}

impl Manifest {
    /// The manifest of a corpus root (empty when there is none) and a hash of its bytes.
    pub(super) fn load(root: &Path) -> Result<(Manifest, u64, Vec<String>)> {
        let toml_path = root.join("polsearch.toml");
        let csv_path = root.join("polsearch.csv");
        let mut entries = BTreeMap::new();
        let mut hash = 0;
        let mut warnings = Vec::new();
        if toml_path.is_file() && csv_path.is_file() {
            warnings.push(format!(
                "both {} and {} exist; {} is ignored",
                toml_path.display(),
                csv_path.display(),
                csv_path.display()
            ));
        }
        if toml_path.is_file() {
            let text = fs::read_to_string(&toml_path).map_err(|e| Error::io(&toml_path, e))?;
            hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
            let parsed: TomlManifest = toml::from_str(&text).map_err(|e| Error::Manifest {
                path: toml_path.clone(),
                reason: e.message().to_owned(),
            })?;
            for e in parsed.document {
                let (path, entry) = e.into_entry(&toml_path)?;
                entries.insert(path, entry);
            }
        } else if csv_path.is_file() {
            let bytes = fs::read(&csv_path).map_err(|e| Error::io(&csv_path, e))?;
            hash = xxhash_rust::xxh3::xxh3_64(&bytes) ^ 1;
            let mut reader = csv::Reader::from_reader(bytes.as_slice());
            for (i, row) in reader.deserialize::<TomlEntry>().enumerate() {
                let row = row.map_err(|e| Error::Manifest {
                    path: csv_path.clone(),
                    reason: format!("row {}: {e}", i + 2),
                })?;
                let (path, entry) = row.into_entry(&csv_path)?;
                entries.insert(path, entry);
            }
        }
        let manifest_path = if toml_path.is_file() {
            toml_path
        } else {
            csv_path
        };
        entries.retain(|path: &PathBuf, _| {
            let outside = path.is_absolute()
                || path
                    .components()
                    .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)));
            if outside {
                warnings.push(format!(
                    "{}: entry '{}' points outside the corpus and is ignored",
                    manifest_path.display(),
                    path.display()
                ));
            }
            !outside
        });
        Ok((Manifest { entries }, hash, warnings))
    }

    /// Warnings for entries that name no file or folder of the corpus (a typo, a moved file).
    pub(super) fn unmatched(&self, files: &[CorpusFile]) -> Vec<String> {
        if self.entries.is_empty() {
            return Vec::new();
        }
        let mut present: std::collections::HashSet<&Path> = std::collections::HashSet::new();
        for f in files {
            for a in f.rel.ancestors() {
                if !present.insert(a) {
                    break;
                }
            }
        }
        let missing: Vec<&PathBuf> = self
            .entries
            .keys()
            .filter(|p| !p.as_os_str().is_empty() && !present.contains(p.as_path()))
            .collect();
        match missing.as_slice() {
            [] => Vec::new(),
            [one] => vec![format!(
                "manifest entry '{}' matches no file",
                one.display()
            )],
            many => vec![format!(
                "{} manifest entries match no file (first: '{}')",
                many.len(),
                many[0].display()
            )],
        }
    }

    /// The entry for a file: each field from the nearest of the file and its folders that
    /// sets it.
    pub(super) fn entry_of(&self, rel: &Path) -> Option<ManifestEntry> {
        let mut merged: Option<ManifestEntry> = None;
        for e in rel.ancestors().filter_map(|a| self.entries.get(a)) {
            let m = merged.get_or_insert_with(ManifestEntry::default);
            m.company = m.company.take().or_else(|| e.company.clone());
            m.kind = m.kind.or(e.kind);
            m.date = m.date.or(e.date);
        }
        merged
    }
}

fn normalise(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}
