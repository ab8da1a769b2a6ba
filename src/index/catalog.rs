//! The catalog file of a generation: every group's files ([`GroupFile`]), as the group
//! documents list them, in one file beside `files.json`.
//!
//! What a search reads first for `--latest`, `--as-of`, `stats` and `history` is every
//! file of every group: from the group documents, that is a doc-store block decompressed per
//! group (group documents share their blocks with clause documents), about 0.3 s at 90,000
//! files. The indexer writes the same list after its commit, before the metadata seals the
//! generation (so the catalog is checked like every other file of it), and a reader takes it
//! from there. It is derived: a generation without one (an index from before it existed) is
//! read from its group documents, and one whose segments are not those it was written for is
//! ignored.

use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::query::RangeQuery;
use tantivy::{Searcher, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::index::documents::{GroupFile, StoredDoc};
use crate::index::schema::Fields;

/// The catalog's file name in a generation.
pub const CATALOG: &str = "catalog.bin";

/// What the file starts with; a format this build does not know is ignored.
const MAGIC: &str = "polsearch catalog 1";

/// The segments a catalog describes: each segment's id and live documents.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    magic: String,
    segments: Vec<(String, u32)>,
    groups: u64,
}

impl Header {
    fn of(searcher: &Searcher, groups: u64) -> Header {
        Header {
            magic: MAGIC.to_owned(),
            segments: Header::segments(searcher),
            groups,
        }
    }

    /// Each segment of `searcher`: its id and live documents.
    fn segments(searcher: &Searcher) -> Vec<(String, u32)> {
        searcher
            .segment_readers()
            .iter()
            .map(|r| (r.segment_id().uuid_string(), r.num_docs()))
            .collect()
    }
}

/// Every group's files, from the group documents `searcher` sees, in store order.
pub fn from_index(searcher: &Searcher, fields: &Fields) -> Result<Vec<(u64, Vec<GroupFile>)>> {
    let mut out = Vec::new();
    each_group(searcher, fields, |group, files| {
        out.push((group, files));
        Ok(())
    })?;
    Ok(out)
}

/// Each group document `searcher` sees, in store order: its group and files. Returns how
/// many there were.
fn each_group(
    searcher: &Searcher,
    fields: &Fields,
    mut each: impl FnMut(u64, Vec<GroupFile>) -> Result<()>,
) -> Result<u64> {
    let every = RangeQuery::new(
        std::ops::Bound::Included(Term::from_field_u64(fields.group_of, 0)),
        std::ops::Bound::Unbounded,
    );
    let mut addrs: Vec<tantivy::DocAddress> = searcher
        .search(&every, &tantivy::collector::DocSetCollector)?
        .into_iter()
        .collect();
    // In store order: a block of the document store holding several group documents is
    // read once (the collector's set has no order).
    addrs.sort_unstable();
    for &addr in &addrs {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let stored = StoredDoc::new(&doc, fields);
        each(stored.group(), stored.files())?;
    }
    Ok(addrs.len() as u64)
}

/// Write the catalog of what `searcher` sees (a committed generation) into `generation`.
pub fn write(generation: &Path, searcher: &Searcher, fields: &Fields) -> Result<()> {
    let path = generation.join(CATALOG);
    let bad = |e: postcard::Error| Error::io(&path, std::io::Error::other(e));
    // The groups, encoded as they are read (the header, which counts them, goes first).
    let mut body = Vec::new();
    let groups = each_group(searcher, fields, |group, files| {
        body = postcard::to_extend(&(group, files), std::mem::take(&mut body)).map_err(bad)?;
        Ok(())
    })?;
    let mut bytes = postcard::to_stdvec(&Header::of(searcher, groups)).map_err(bad)?;
    bytes.extend_from_slice(&body);
    crate::index::store::write_atomic(&path, &bytes)
}

/// The catalog of `generation`, if it has one written for the segments `searcher` sees.
pub fn read(generation: &Path, searcher: &Searcher) -> Option<Vec<(u64, Vec<GroupFile>)>> {
    let bytes = std::fs::read(generation.join(CATALOG)).ok()?;
    let (header, mut rest): (Header, &[u8]) = postcard::take_from_bytes(&bytes).ok()?;
    if header.magic != MAGIC || header.segments != Header::segments(searcher) {
        return None;
    }
    let mut out = Vec::with_capacity(header.groups as usize);
    for _ in 0..header.groups {
        let (group, more) = postcard::take_from_bytes(rest).ok()?;
        out.push(group);
        rest = more;
    }
    rest.is_empty().then_some(out)
}

/// A language as its code (`fr`) in the catalog, as the group documents store it.
pub mod lang_code {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::analyze::lang::Lang;

    /// The code.
    pub fn serialize<S: Serializer>(lang: &Lang, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(lang.code())
    }

    /// The language of a code.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let code = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::indexer::{build, IndexOptions};
    use crate::index::schema;
    use crate::index::store::Store;

    /// The live generation of `dir`, a searcher on it and its fields.
    fn open(dir: &Path) -> (std::path::PathBuf, Searcher, Fields) {
        let generation = Store::new(dir).require_current().unwrap();
        let index = tantivy::Index::open_in_dir(&generation).unwrap();
        schema::register(&index);
        let fields = schema::fields_of(&index.schema()).unwrap();
        let searcher = index.reader().unwrap().searcher();
        (generation, searcher, fields)
    }

    #[test]
    fn the_catalog_lists_what_the_group_documents_do_and_only_for_its_segments() {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "c/acme/2021-01-01.md",
            "# Acme Privacy\n\nWe keep logs for a year.\n",
        );
        write(
            "c/acme/2022-01-01.md",
            "# Acme Privacy\n\nWe keep logs for two years.\n",
        );
        write("c/globex/privacy.md", "Globex sells nothing.\n");
        let opts = IndexOptions {
            corpus: dir.path().join("c"),
            index_dir: dir.path().join("i"),
            threads: 2,
            company_from: Default::default(),
            rebuild: false,
        };
        build(&opts, &crate::progress::Silent).unwrap();
        let (first, searcher, fields) = open(&opts.index_dir);
        let groups = read(&first, &searcher).expect("a catalog");
        assert_eq!(groups, from_index(&searcher, &fields).unwrap());
        let files: Vec<&str> = groups
            .iter()
            .flat_map(|(_, files)| files.iter().map(|f| f.path.as_str()))
            .collect();
        assert_eq!(files.len(), 3, "{files:?}");
        assert!(groups
            .iter()
            .flat_map(|(_, f)| f)
            .any(|f| f.date_text == "2022-01-01" && f.company == "acme"));
        let old = std::fs::read(first.join(CATALOG)).unwrap();

        // An update writes the next generation's own.
        write(
            "c/acme/2023-01-01.md",
            "# Acme Privacy\n\nWe keep logs for three years.\n",
        );
        build(&opts, &crate::progress::Silent).unwrap();
        let (second, searcher, fields) = open(&opts.index_dir);
        assert_ne!(first, second);
        let groups = read(&second, &searcher).expect("a catalog");
        assert_eq!(groups, from_index(&searcher, &fields).unwrap());
        assert_eq!(groups.iter().map(|(_, f)| f.len()).sum::<usize>(), 4);

        // A catalog written for other segments, none, or a damaged one: not read.
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        assert!(read(&elsewhere, &searcher).is_none());
        std::fs::write(elsewhere.join(CATALOG), &old).unwrap();
        assert!(read(&elsewhere, &searcher).is_none());
        let current = std::fs::read(second.join(CATALOG)).unwrap();
        std::fs::write(elsewhere.join(CATALOG), &current[..current.len() - 3]).unwrap();
        assert!(read(&elsewhere, &searcher).is_none());
        std::fs::write(elsewhere.join(CATALOG), &current).unwrap();
        assert!(read(&elsewhere, &searcher).is_some());
    }
}
