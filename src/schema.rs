//! The index schema: the only place field names and the text analyser are defined.
//!
//! One tantivy document is one clause. Clause text and section headings are analysed with an
//! English stemming analyser (positions kept, for phrase queries); company and topic are facets
//! so they can be counted and filtered; offsets and line are stored only.

use tantivy::schema::{
    DateOptions, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
    FAST, INDEXED, STORED, STRING,
};
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
use tantivy::{Index, IndexSettings};

/// Bumped whenever the schema or the analyser changes; an index with another version must be
/// rebuilt.
pub const SCHEMA_VERSION: u32 = 6;

/// Name of the analyser registered on every index polsearch opens.
pub const ANALYZER: &str = "policy_en";

pub const TEXT: &str = "text";
pub const SECTION: &str = "section";
pub const SECTION_TEXT: &str = "section_text";
pub const PATH: &str = "path";
pub const COMPANY: &str = "company";
pub const TOPIC: &str = "topic";
pub const START: &str = "start";
pub const END: &str = "end";
pub const LINE: &str = "line";
pub const OFFSET_MAP: &str = "offmap";
pub const RANK_KEY: &str = "rank_key";
pub const KIND: &str = "kind";
pub const DATE: &str = "date";
pub const DATE_TEXT: &str = "date_text";
pub const TITLE: &str = "title";
pub const RETENTION: &str = "retention";
pub const RETENTION_DAYS: &str = "retention_days";
pub const RETENTION_LONGEST: &str = "retention_longest";

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub text: Field,
    /// The section heading, indexed only (stored once as `section_text`).
    pub section: Field,
    /// The section heading as stored for display.
    pub section_text: Field,
    pub path: Field,
    pub company: Field,
    pub topic: Field,
    pub start: Field,
    pub end: Field,
    pub line: Field,
    pub offset_map: Field,
    /// What ranking and topic counts read of every match, in one fast field ([`RankKey`]).
    pub rank_key: Field,
    pub kind: Field,
    /// The document's date as a searchable, sortable date (start of day, or of month).
    pub date: Field,
    /// The same date as written for people, with its own precision (`2015-03`, `2021-08-12`).
    pub date_text: Field,
    pub title: Field,
    /// Retention kinds the clause states (`stated`, `criterion`, `indefinite`), a facet.
    pub retention: Field,
    /// Every stated retention period of the clause, in days (multi-valued).
    pub retention_days: Field,
    /// The longest stated period, in days: what `--retention-min/--retention-max` filter on.
    pub retention_longest: Field,
}

/// The rank-key fast field of a clause, packed in one `u64`: what ranking reads of every
/// candidate and `--facets` of every match, so each reads one column.
///
/// - bit 63: the clause is a heading (headings weigh less);
/// - bits 51-62: its topics, bit `51 + t` for [`Topic`](crate::topic::Topic) number `t`;
/// - bits 0-50: a hash of path and start that orders equal scores the same way in every
///   build of the same corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankKey(pub u64);

impl RankKey {
    /// Where the topic bits start.
    pub const TOPIC_SHIFT: u32 = 51;
    const TIE_MASK: u64 = (1 << Self::TOPIC_SHIFT) - 1;

    pub fn new(heading: bool, topics: u16, tie: u64) -> RankKey {
        debug_assert!(topics < 1 << 12);
        RankKey(
            u64::from(heading) << 63
                | u64::from(topics & 0xfff) << Self::TOPIC_SHIFT
                | tie & Self::TIE_MASK,
        )
    }

    pub fn heading(self) -> bool {
        self.0 >> 63 == 1
    }

    /// The topic bit set ([`Topic::mask_of`](crate::topic::Topic::mask_of)).
    pub fn topics(self) -> u16 {
        (self.0 >> Self::TOPIC_SHIFT) as u16 & 0xfff
    }

    pub fn tie(self) -> u64 {
        self.0 & Self::TIE_MASK
    }
}

/// Build the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analysed = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        text: b.add_text_field(TEXT, analysed.clone()),
        section: b.add_text_field(
            SECTION,
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(ANALYZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        ),
        section_text: b.add_text_field(SECTION_TEXT, STORED),
        path: b.add_text_field(PATH, STRING | STORED),
        company: b.add_facet_field(COMPANY, FacetOptions::default().set_stored()),
        topic: b.add_facet_field(TOPIC, FacetOptions::default().set_stored()),
        start: b.add_u64_field(START, STORED),
        end: b.add_u64_field(END, STORED),
        line: b.add_u64_field(LINE, STORED),
        offset_map: b.add_bytes_field(OFFSET_MAP, STORED),
        rank_key: b.add_u64_field(RANK_KEY, FAST),
        kind: b.add_facet_field(KIND, FacetOptions::default().set_stored()),
        date: b.add_date_field(DATE, DateOptions::default().set_indexed().set_fast()),
        date_text: b.add_text_field(DATE_TEXT, STORED),
        title: b.add_text_field(TITLE, STORED),
        retention: b.add_facet_field(RETENTION, FacetOptions::default()),
        retention_days: b.add_u64_field(RETENTION_DAYS, FAST | INDEXED),
        retention_longest: b.add_u64_field(RETENTION_LONGEST, FAST | INDEXED),
    };
    (b.build(), fields)
}

/// Field handles of an existing index's schema, if it has every field this build needs.
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name| schema.get_field(name).ok();
    Some(Fields {
        text: f(TEXT)?,
        section: f(SECTION)?,
        section_text: f(SECTION_TEXT)?,
        path: f(PATH)?,
        company: f(COMPANY)?,
        topic: f(TOPIC)?,
        start: f(START)?,
        end: f(END)?,
        line: f(LINE)?,
        offset_map: f(OFFSET_MAP)?,
        rank_key: f(RANK_KEY)?,
        kind: f(KIND)?,
        date: f(DATE)?,
        date_text: f(DATE_TEXT)?,
        title: f(TITLE)?,
        retention: f(RETENTION)?,
        retention_days: f(RETENTION_DAYS)?,
        retention_longest: f(RETENTION_LONGEST)?,
    })
}

/// The text analyser: simple word tokens, lower-cased, English-stemmed; tokens over 40 bytes
/// (base64 blobs, long URLs) are dropped. Stems are tantivy's English Snowball stems, cached
/// ([`crate::stem`]).
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(crate::stem::CachedStemmer)
        .build()
}

/// Doc-store block size: clause texts repeat phrases within a policy, so bigger blocks than
/// tantivy's 16 KiB default compress much better, for a small cost per fetched hit.
pub const DOCSTORE_BLOCK_BYTES: usize = 64 << 10;

/// Index settings for new indexes: zstd doc store (about half the size of LZ4 on policy text).
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(3),
        }),
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..IndexSettings::default()
    }
}

/// Create a new index with polsearch's schema, settings and analyser in `dir`.
pub fn create_in_dir(dir: &std::path::Path) -> tantivy::Result<(Index, Fields)> {
    let (schema, fields) = build();
    let index = Index::builder()
        .schema(schema)
        .settings(settings())
        .create_in_dir(dir)?;
    register(&index);
    Ok((index, fields))
}

/// Register polsearch's analyser on an index (needed after every open).
pub fn register(index: &Index) {
    index.tokenizers().register(ANALYZER, analyzer());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topic::Topic;

    #[test]
    fn rank_key_parts_round_trip() {
        let topics = Topic::mask_of(&[Topic::ThirdPartySharing, Topic::Other]);
        for (heading, tie) in [(true, u64::MAX), (false, 0), (false, 0x1234_5678_9abc)] {
            let key = RankKey::new(heading, topics, tie);
            assert_eq!(key.heading(), heading);
            assert_eq!(
                Topic::from_mask(key.topics()),
                vec![Topic::ThirdPartySharing, Topic::Other]
            );
            assert_eq!(key.tie(), tie & ((1 << RankKey::TOPIC_SHIFT) - 1));
        }
    }
}
