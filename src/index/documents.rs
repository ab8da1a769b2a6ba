//! The two documents of the index, written and read here and nowhere else ([`crate::index::schema`]
//! names their fields):
//!
//! - a **clause document** per distinct clause of a group: written from a [`ClauseRecord`]
//!   ([`clause_document`]), read through a [`StoredDoc`]; its occurrences are a blob of
//!   [`Occurrence`]s;
//! - a **group document** per group: its files in order ([`GroupFile`]), written by
//!   [`group_document`] and read by [`StoredDoc::files`].

use tantivy::schema::document::CompactDocValue;
use tantivy::schema::{Facet, Value};
use tantivy::TantivyDocument;

use crate::analyze::document::TaggedClause;
use crate::analyze::lang::Lang;
use crate::analyze::retention::{Retention, RetentionKind};
use crate::analyze::topic::Topic;
use crate::index::schema::{self, Fields, NO_DATE};
use crate::policy::{Kind, PolicyDate};
use crate::text::Span;

/// What a clause document is written from: a distinct clause of a group and where it occurs.
pub struct ClauseRecord<'a> {
    /// The clause as its first occurrence reads, tagged.
    pub clause: &'a TaggedClause,
    /// Its company, as a facet.
    pub company: &'a Facet,
    /// Its document kind.
    pub kind: Kind,
    /// Its group.
    pub group: u64,
    /// Every place it occurs in the group, in file and offset order.
    pub occurrences: &'a [Occurrence],
    /// The clause's id, the same in every group ([`crate::index::schema::CLAUSE_ID`]).
    pub clause_id: u64,
    /// Orders equal scores: a hash of the first occurrence's path and start.
    pub tie: u64,
}

/// The clause document of a distinct clause; `files` are its group's (for the occurrences'
/// dates), `blob` a buffer reused for the occurrence blob.
pub fn clause_document(
    c: &ClauseRecord,
    files: &[GroupFile],
    fields: Fields,
    blob: &mut Vec<u8>,
) -> TantivyDocument {
    let clause = &c.clause.clause;
    let topics = &c.clause.topics;
    let statements = &c.clause.retention;
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.text, &clause.text);
    let native = [clause.text.as_str(), clause.section.as_str()];
    if let Some([text, section]) = schema::native_tokens(c.clause.lang, native) {
        doc.add_pre_tokenized_text(fields.text_native, text);
        doc.add_pre_tokenized_text(fields.section_native, section);
    }
    doc.add_text(fields.section, &clause.section);
    // The headings it had in other versions are found by a search too (stored once each).
    let mut other: Vec<&str> = c
        .occurrences
        .iter()
        .filter_map(|o| o.section.as_deref())
        .collect();
    other.sort_unstable();
    other.dedup();
    for section in other {
        doc.add_text(fields.section, section);
    }
    doc.add_text(fields.section_text, &clause.section);
    doc.add_facet(fields.company, c.company.clone());
    doc.add_facet(fields.kind, Facet::from_path([c.kind.name()]));
    doc.add_facet(fields.lang, Facet::from_path([c.clause.lang.code()]));
    for t in topics {
        doc.add_facet(fields.topic, Facet::from_path([t.name()]));
    }
    doc.add_u64(
        fields.rank_key,
        schema::RankKey::new(clause.heading, Topic::mask_of(topics), c.tie >> 13)
            .with_table_header(schema::table_header_like(&clause.text))
            .0,
    );
    let mut kinds: Vec<&str> = statements.iter().map(|r| r.kind.name()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    for k in kinds {
        doc.add_facet(fields.retention, Facet::from_path([k]));
    }
    // Cookie lifetimes have days too, but --retention-min/max are about keeping data.
    let periods: Vec<u64> = statements
        .iter()
        .filter(|r| r.kind == RetentionKind::Stated)
        .filter_map(|r| r.days)
        .collect();
    for p in &periods {
        doc.add_u64(fields.retention_days, *p);
    }
    if let Some(longest) = periods.iter().max() {
        doc.add_u64(fields.retention_longest, *longest);
    }
    if !statements.is_empty() {
        blob.clear();
        encode_retention(statements, blob);
        doc.add_bytes(fields.retention_statements, blob.as_slice());
    }
    doc.add_u64(fields.group, c.group);
    doc.add_u64(fields.weight, c.occurrences.len() as u64);
    blob.clear();
    Occurrence::encode(c.occurrences, blob);
    doc.add_bytes(fields.occurrences, blob.as_slice());
    // One key per occurrence: its file's day and id.
    let file_of = |o: &Occurrence| files.get(o.file as usize);
    for o in c.occurrences {
        let day = schema::day_of(file_of(o).map_or(NO_DATE, |f| f.date));
        doc.add_u64(
            fields.occ_keys,
            schema::occ_key(day, schema::file_id(c.group, o.file)),
        );
    }
    doc.add_u64(fields.clause_id, c.clause_id);
    doc.add_u64(fields.topic_scores, c.clause.scores);
    let line = c.occurrences.first().map_or(0, |o| o.line);
    doc.add_u64(
        fields.signals,
        schema::Signals::new(&clause.text, statements.iter().map(|r| r.kind), line).0,
    );
    doc
}

/// The group document of group `group`: its files, in the order occurrences number them.
pub fn group_document(group: u64, files: &[GroupFile], fields: Fields) -> TantivyDocument {
    let mut g = TantivyDocument::new();
    g.add_u64(fields.group, group);
    g.add_u64(fields.group_of, group);
    for f in files {
        f.add_to(&mut g, &fields);
    }
    g
}

/// A stored document of the index, read: a clause document, or a group document when
/// [`StoredDoc::is_group_document`] (then only [`StoredDoc::group`] and [`StoredDoc::files`]
/// mean anything).
#[derive(Clone, Copy)]
pub struct StoredDoc<'a> {
    doc: &'a TantivyDocument,
    fields: &'a Fields,
}

impl<'a> StoredDoc<'a> {
    /// A view of `doc`.
    pub fn new(doc: &'a TantivyDocument, fields: &'a Fields) -> Self {
        StoredDoc { doc, fields }
    }

    /// Whether the document is a group document, not a clause document (only group
    /// documents store paths).
    pub fn is_group_document(&self) -> bool {
        self.doc.get_first(self.fields.path).is_some()
    }

    fn text_of(&self, field: tantivy::schema::Field) -> String {
        self.doc
            .get_first(field)
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The clause's text.
    pub fn text(&self) -> String {
        self.text_of(self.fields.text)
    }

    /// Its section heading (empty when none).
    pub fn section(&self) -> String {
        self.text_of(self.fields.section_text)
    }

    /// Its company (empty when unknown).
    pub fn company(&self) -> String {
        self.doc
            .get_first(self.fields.company)
            .and_then(facet_value)
            .unwrap_or_default()
    }

    /// Its document kind's name.
    pub fn kind_name(&self) -> String {
        self.doc
            .get_first(self.fields.kind)
            .and_then(facet_value)
            .unwrap_or_default()
    }

    /// Its retention statements ([`encode_retention`]; none when it states none).
    pub fn retention(&self) -> Vec<Retention> {
        self.doc
            .get_first(self.fields.retention_statements)
            .and_then(|v| v.as_bytes())
            .map(decode_retention)
            .unwrap_or_default()
    }

    /// Its language ([`Lang::En`] when unreadable).
    pub fn lang(&self) -> Lang {
        self.doc
            .get_first(self.fields.lang)
            .and_then(facet_value)
            .and_then(|code| code.parse().ok())
            .unwrap_or(Lang::En)
    }

    /// Its document kind ([`Kind::Other`] when unreadable).
    pub fn kind(&self) -> Kind {
        self.kind_name().parse().unwrap_or(Kind::Other)
    }

    /// Its topics' names, in taxonomy order.
    pub fn topics(&self) -> Vec<String> {
        self.doc
            .get_all(self.fields.topic)
            .filter_map(facet_value)
            .collect()
    }

    /// The files a group document lists, in order (none for a clause document).
    pub fn files(&self) -> Vec<GroupFile> {
        GroupFile::all_of(self.doc, self.fields)
    }

    /// Its group.
    pub fn group(&self) -> u64 {
        self.doc
            .get_first(self.fields.group)
            .and_then(|v| v.as_u64())
            .unwrap_or_default()
    }

    /// Where it occurs in its group's files.
    pub fn occurrences(&self) -> Vec<Occurrence> {
        self.doc
            .get_first(self.fields.occurrences)
            .and_then(|v| v.as_bytes())
            .map(Occurrence::decode)
            .unwrap_or_default()
    }
}

/// What makes files versions of one policy ([`GroupFile::policy`]): company, kind's name,
/// language and document ([`GroupFile::document`]).
pub type PolicyKey<'a> = (&'a str, &'a str, Lang, String);

/// A file of a group, as its group document lists it (occurrences number files in this
/// order), and the catalog file too ([`crate::index::catalog`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GroupFile {
    /// The file's path as stored ([`crate::corpus::pathkey`]).
    pub path: String,
    /// The date as written for people (`2015-03`, `2021-08-12`; empty when undated): the
    /// snapshot date if any, else the effective date.
    pub date_text: String,
    /// That date in Unix seconds ([`NO_DATE`] when undated).
    pub date: i64,
    /// The snapshot date as written (empty when none).
    pub snapshot_text: String,
    /// The effective date the text states, as written (empty when none).
    pub effective_text: String,
    /// That date in Unix seconds ([`NO_DATE`] when none).
    pub effective: i64,
    /// The title (empty when none).
    pub title: String,
    /// The company of the file.
    pub company: String,
    /// The kind's name.
    pub kind: String,
    /// The kind its own words gave (`kind` is its group's when they gave `other`,
    /// [`crate::index::group`]).
    pub kind_read: String,
    /// The language most of its text is in ([`crate::analyze::document::Document::language`]).
    #[serde(with = "crate::index::catalog::lang_code")]
    pub lang: Lang,
    /// How many distinct clauses it holds (a clause repeated in it counts once).
    pub clauses: u64,
}

/// What [`GroupFile::new`] records of a document.
#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    /// The snapshot date, if any.
    pub snapshot: Option<PolicyDate>,
    /// The effective date the text states, if any.
    pub effective: Option<PolicyDate>,
    /// The title, if any.
    pub title: Option<String>,
    /// The company.
    pub company: String,
    /// The kind's name.
    pub kind: String,
    /// The language most of its text is in.
    pub lang: Lang,
    /// How many distinct clauses it holds.
    pub clauses: u64,
}

impl GroupFile {
    /// What the group document records of a file.
    pub fn new(path: &str, facts: FileFacts) -> GroupFile {
        let date = facts.snapshot.or(facts.effective);
        let iso = |d: Option<PolicyDate>| d.map(|d| d.iso()).unwrap_or_default();
        GroupFile {
            path: path.to_owned(),
            date_text: iso(date),
            date: date.map_or(NO_DATE, |d| d.unix_seconds()),
            snapshot_text: iso(facts.snapshot),
            effective_text: iso(facts.effective),
            effective: facts.effective.map_or(NO_DATE, |d| d.unix_seconds()),
            title: facts.title.unwrap_or_default(),
            company: facts.company,
            kind_read: facts.kind.clone(),
            kind: facts.kind,
            lang: facts.lang,
            clauses: facts.clauses,
        }
    }

    /// The policy it is a version of: its company, kind, language and document. A
    /// translation is another policy, not a version of the original: a capture in another
    /// language between two versions (a crawler served the French page once) is neither a
    /// rewrite nor the latest version.
    pub fn policy(&self) -> PolicyKey<'_> {
        (&self.company, &self.kind, self.lang, self.document())
    }

    /// Whether it is a version of `policy` ([`GroupFile::policy`] equal to it), comparing the
    /// stored fields before the file name it derives.
    pub fn is_version_of(&self, policy: &PolicyKey) -> bool {
        let (company, kind, lang, document) = policy;
        self.company == *company
            && self.kind == *kind
            && self.lang == *lang
            && self.document() == *document
    }

    /// Which of its company's documents of its kind and language it is: none for a file with
    /// a snapshot date (a version of the policy, captured then), else its file name in lower
    /// case without digits. An undated folder holds documents, not versions: OTA's
    /// "Privacy Policy.md" and "Parent Organization Privacy Policy.md" (both privacy
    /// policies) are two policies, each current, while "privacy-2019.txt" and
    /// "privacy-2020.txt" stay versions of one, ordered by the dates their texts state.
    pub fn document(&self) -> String {
        if !self.snapshot_text.is_empty() {
            return String::new();
        }
        crate::corpus::pathkey::file_name(&self.path)
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .flat_map(char::to_lowercase)
            .collect()
    }

    /// Add this file to a group document.
    pub fn add_to(&self, doc: &mut TantivyDocument, fields: &Fields) {
        doc.add_text(fields.path, &self.path);
        doc.add_text(fields.date_text, &self.date_text);
        doc.add_text(fields.snapshot_text, &self.snapshot_text);
        doc.add_text(fields.effective_text, &self.effective_text);
        doc.add_text(fields.title, &self.title);
        doc.add_text(fields.file_company, &self.company);
        doc.add_text(fields.file_kind, &self.kind);
        doc.add_text(fields.file_kind_read, &self.kind_read);
        doc.add_text(fields.file_lang, self.lang.code());
        doc.add_u64(fields.file_clauses, self.clauses);
        doc.add_i64(fields.file_date, self.date);
        doc.add_i64(fields.file_effective, self.effective);
    }

    /// The files a stored group document lists, in order (none for a clause document).
    fn all_of(doc: &TantivyDocument, fields: &Fields) -> Vec<GroupFile> {
        let texts = |field| -> Vec<String> {
            doc.get_all(field)
                .map(|v| v.as_str().unwrap_or_default().to_owned())
                .collect()
        };
        let (dates, titles) = (texts(fields.date_text), texts(fields.title));
        let (snapshots, effectives) = (texts(fields.snapshot_text), texts(fields.effective_text));
        let (companies, kinds) = (texts(fields.file_company), texts(fields.file_kind));
        let langs = texts(fields.file_lang);
        let kinds_read = texts(fields.file_kind_read);
        let stamps = |field| -> Vec<i64> {
            doc.get_all(field)
                .map(|v| v.as_i64().unwrap_or(NO_DATE))
                .collect()
        };
        let (dated, effective) = (stamps(fields.file_date), stamps(fields.file_effective));
        let counts: Vec<u64> = doc
            .get_all(fields.file_clauses)
            .map(|v| v.as_u64().unwrap_or(0))
            .collect();
        let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
        texts(fields.path)
            .into_iter()
            .enumerate()
            .map(|(i, path)| GroupFile {
                path,
                date_text: at(&dates, i),
                date: dated.get(i).copied().unwrap_or(NO_DATE),
                snapshot_text: at(&snapshots, i),
                effective_text: at(&effectives, i),
                effective: effective.get(i).copied().unwrap_or(NO_DATE),
                title: at(&titles, i),
                company: at(&companies, i),
                kind: at(&kinds, i),
                kind_read: kinds_read.get(i).cloned().unwrap_or_else(|| at(&kinds, i)),
                lang: langs
                    .get(i)
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(Lang::En),
                clauses: counts.get(i).copied().unwrap_or(0),
            })
            .collect()
    }
}

/// The value of a stored one-level facet (`/acme` is stored as its path, levels separated
/// by NUL).
pub fn facet_value(v: CompactDocValue<'_>) -> Option<String> {
    v.as_facet()
        .and_then(|s| s.rsplit('\0').next().map(str::to_owned))
}

/// One place a clause occurs: which file of its group, its byte range and line there, the
/// map from clause-text offsets to file offsets when it is not `start + offset`, and its
/// section heading there when it is not the clause's (a heading renamed between versions).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Occurrence {
    /// Index of the file in its group document.
    pub file: u32,
    /// Where the clause is in the file.
    pub span: Span,
    /// Line of the clause's start, from 1.
    pub line: u32,
    /// The offset map of the clause's text to the file ([`crate::corpus::layout::OffsetMap::to_bytes`]), when not `start + offset`.
    pub map: Option<Vec<u8>>,
    /// Its section heading in this file, when not the clause document's: the same sentence
    /// under a heading that changed between versions is one distinct clause
    /// ([`crate::index::group`]).
    pub section: Option<String>,
}

impl Occurrence {
    /// Append the occurrences to `out` as LEB128 varints: file, start, length, line, map
    /// length (0: none) and map bytes, section length plus one (0: the clause's) and its
    /// bytes.
    pub fn encode(occurrences: &[Occurrence], out: &mut Vec<u8>) {
        for o in occurrences {
            put_varint(out, u64::from(o.file));
            put_varint(out, o.span.start as u64);
            put_varint(out, o.span.len() as u64);
            put_varint(out, u64::from(o.line));
            let map = o.map.as_deref().unwrap_or_default();
            put_varint(out, map.len() as u64);
            out.extend_from_slice(map);
            match &o.section {
                Some(section) => {
                    put_varint(out, section.len() as u64 + 1);
                    out.extend_from_slice(section.as_bytes());
                }
                None => put_varint(out, 0),
            }
        }
    }

    /// Inverse of [`Occurrence::encode`]; stops at the first malformed entry.
    pub fn decode(mut bytes: &[u8]) -> Vec<Occurrence> {
        let mut out = Vec::new();
        while !bytes.is_empty() {
            let Some(o) = (|| {
                let file = get_varint(&mut bytes)?;
                let start = get_varint(&mut bytes)?;
                let len = get_varint(&mut bytes)?;
                let line = get_varint(&mut bytes)?;
                let map_len = get_varint(&mut bytes)? as usize;
                let map = bytes.get(..map_len)?.to_vec();
                bytes = &bytes[map_len..];
                let section = match get_varint(&mut bytes)? as usize {
                    0 => None,
                    n => {
                        let text = std::str::from_utf8(bytes.get(..n - 1)?).ok()?.to_owned();
                        bytes = &bytes[n - 1..];
                        Some(text)
                    }
                };
                let start = usize::try_from(start).ok()?;
                let end = start.checked_add(usize::try_from(len).ok()?)?;
                Some(Occurrence {
                    file: u32::try_from(file).ok()?,
                    span: Span::new(start, end),
                    line: u32::try_from(line).ok()?,
                    map: (map_len > 0).then_some(map),
                    section,
                })
            })() else {
                break;
            };
            out.push(o);
        }
        out
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &mut &[u8]) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// The retention statements of a clause, as its document stores them: for each, its kind
/// ([`RetentionKind::ALL`]'s place, times two, plus one when a period follows), its days if
/// any, its words' start and length in the clause text, and the words (length, then UTF-8),
/// each number a varint.
pub fn encode_retention(statements: &[Retention], out: &mut Vec<u8>) {
    for r in statements {
        let kind = RetentionKind::ALL.iter().position(|k| *k == r.kind);
        put_varint(
            out,
            kind.unwrap_or_default() as u64 * 2 + u64::from(r.days.is_some()),
        );
        if let Some(days) = r.days {
            put_varint(out, days);
        }
        put_varint(out, r.span.start as u64);
        put_varint(out, r.span.len() as u64);
        put_varint(out, r.text.len() as u64);
        out.extend_from_slice(r.text.as_bytes());
    }
}

/// Inverse of [`encode_retention`]; stops at the first malformed entry.
pub fn decode_retention(mut bytes: &[u8]) -> Vec<Retention> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let Some(r) = (|| {
            let code = get_varint(&mut bytes)?;
            let kind = *RetentionKind::ALL.get(usize::try_from(code / 2).ok()?)?;
            let days = match code % 2 {
                1 => Some(get_varint(&mut bytes)?),
                _ => None,
            };
            let start = usize::try_from(get_varint(&mut bytes)?).ok()?;
            let end = start.checked_add(usize::try_from(get_varint(&mut bytes)?).ok()?)?;
            let len = usize::try_from(get_varint(&mut bytes)?).ok()?;
            let text = std::str::from_utf8(bytes.get(..len)?).ok()?.to_owned();
            bytes = &bytes[len..];
            Some(Retention {
                text,
                days,
                kind,
                span: Span::new(start, end),
            })
        })() else {
            break;
        };
        out.push(r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_round_trip() {
        let occurrences = vec![
            Occurrence {
                file: 0,
                span: Span::new(0, 1),
                line: 1,
                map: None,
                section: None,
            },
            Occurrence {
                file: 70_000,
                span: Span::new(1 << 40, (1 << 40) + 300),
                line: 12_345,
                map: Some(vec![1, 2, 3, 200]),
                section: None,
            },
            Occurrence {
                file: 3,
                span: Span::new(5, 9),
                line: 2,
                map: None,
                section: Some("Données conservées".into()),
            },
            Occurrence {
                file: 4,
                span: Span::new(5, 9),
                line: 2,
                map: None,
                section: Some(String::new()),
            },
        ];
        let mut bytes = vec![];
        Occurrence::encode(&occurrences, &mut bytes);
        assert_eq!(Occurrence::decode(&bytes), occurrences);
        // A truncated blob gives the entries before the cut, never a panic.
        assert_eq!(
            Occurrence::decode(&bytes[..bytes.len() - 2]),
            occurrences[..3]
        );
    }

    proptest::proptest! {
        /// What a clause document stores of its retention statements is what the analysis
        /// found, whatever the kinds, periods (none, zero, the largest), places and words; a
        /// blob cut anywhere gives the statements before the cut, never a panic.
        #[test]
        fn retention_statements_round_trip(
            found in proptest::collection::vec(
                (
                    0..RetentionKind::ALL.len(),
                    proptest::option::of(proptest::prop_oneof![0..100_000u64, proptest::strategy::Just(u64::MAX)]),
                    0..1usize << 40,
                    0..5_000usize,
                    "\\PC{0,40}",
                ),
                0..6,
            ),
            cut in 0..1000usize,
        ) {
            let statements: Vec<Retention> = found
                .into_iter()
                .map(|(kind, days, start, len, text)| Retention {
                    text,
                    days,
                    kind: RetentionKind::ALL[kind],
                    span: Span::new(start, start + len),
                })
                .collect();
            let mut bytes = vec![];
            encode_retention(&statements, &mut bytes);
            let back = decode_retention(&bytes);
            let expected = statements;
            proptest::prop_assert_eq!(&back, &expected);
            let cut = cut.min(bytes.len());
            let partial = decode_retention(&bytes[..cut]);
            proptest::prop_assert!(partial.len() <= expected.len());
            proptest::prop_assert_eq!(&partial[..], &expected[..partial.len()]);
        }
    }
}
