//! The index schema: the only place field names and the text analyser are defined.
//!
//! Two kinds of tantivy document, both tied to a *group* of files (the files of one folder,
//! a bounded run of them: see [`crate::index::indexer`]):
//!
//! - a **clause document** for every distinct clause of the group (same company, kind,
//!   heading flag, section and text): its text and section heading are analysed with an
//!   English stemming analyser (positions kept, for phrase queries), a French, German,
//!   Spanish, Italian, Dutch or Portuguese clause's by its language's too (`text_native`:
//!   [`NATIVE`]); company, kind, language, topics
//!   and retention are facets; it lists its **occurrences** (which file of the group, byte
//!   range, line, offset map) in a stored blob ([`crate::index::documents::Occurrence`]), their number in the `weight`
//!   column (what totals and facet counts add up) and their dates and files in `occ`
//!   ([`occ_key`]). Versions
//!   of a policy repeat most clauses, so a history corpus has a clause document for about one
//!   clause in fourteen, and tantivy indexes each text once per group instead of once per
//!   version;
//! - a **group document** with the group's files in order: path (indexed, so `stats` can
//!   count files), date and title.
//!
//! Search ranks clause documents and shows each occurrence as a hit.

use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED,
    STORED, STRING,
};
use tantivy::store::{Compressor, ZstdCompressor};

use crate::analyze::lang::Lang;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, PreTokenizedString, RawTokenizer, RemoveLongFilter,
    SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer, TokenizerManager,
};
use tantivy::{DocAddress, DocSet, Index, IndexSettings, Searcher, Term, TERMINATED};

/// Bumped whenever the schema, the analyser or the meaning of a stored facet changes; an index
/// with another version must be rebuilt. (8: retention kinds and periods of issue 15, topics
/// of the model retrained on the policy re-split; 9: snapshot and effective dates, clause
/// ids and occurrence files for distinct-clause hits and versions; 10: clause signals for
/// question ranking; 11: topics of the class-weighted word and character n-gram model; 12:
/// retention statements need a retention verb near the period; 13: retention criteria of
/// need and law, cookie tables, verbs that keep no data; 14: companies inferred from the text
/// also by owner, copyright and contact lines; 15: the learnt retention filter; 16: a
/// heading's section is the heading it sits under, and its topics come from its own words;
/// 17: each clause's language, and no topics or retention for the languages not read; 18:
/// French clauses also analysed in French, in `text_fr` and `section_fr`; companies inferred
/// from French cues too; 19: German, Spanish, Italian, Dutch and Portuguese clauses analysed
/// in their language too, as French ones are; 20: each file's language, a policy being the
/// versions of one company, kind and language; effective dates stated in those languages; 21:
/// each file's count of distinct clauses, which tells a partial capture; 22: a text said once
/// in its file is one distinct clause whatever its section, each occurrence keeping its own;
/// 23: a dated version read as `other` takes its group's kind, its clauses too; 24: a text
/// said under several headings of a file is a clause per heading told apart by their order,
/// not their words; 25: each clause's retention statements stored, as the analysis read them,
/// instead of read again from its text by every search.)
pub const SCHEMA_VERSION: u32 = 25;

/// Name of the analyser registered on every index polsearch opens.
pub const ANALYZER: &str = "policy_en";

/// The languages whose clauses are analysed in their own language too, each by
/// [`native_analyzer`] with its Snowball stemmer (tantivy's), into `text_native` and
/// `section_native` ([`Fields::text_native`]); a query read in one of them searches those
/// fields beside `text` and `section` ([`crate::search::query::PreparedQuery::native`]).
pub const NATIVE: [(Lang, Language); 6] = [
    (Lang::Fr, Language::French),
    (Lang::De, Language::German),
    (Lang::Es, Language::Spanish),
    (Lang::It, Language::Italian),
    (Lang::Nl, Language::Dutch),
    (Lang::Pt, Language::Portuguese),
];

/// Name under which `text_native` and `section_native` are declared: their values come
/// analysed ([`native_tokens`]), so what is registered under it is never used to index them.
pub const ANALYZER_NATIVE: &str = "policy_native";

/// Field: the clause text (see [`Fields`]).
pub const TEXT: &str = "text";
/// Field: the text of a clause in a [`NATIVE`] language analysed in it (see [`Fields`]).
pub const TEXT_NATIVE: &str = "text_native";
/// Field: the section heading of a clause in a [`NATIVE`] language analysed in it (see
/// [`Fields`]).
pub const SECTION_NATIVE: &str = "section_native";
/// Field: the section heading, indexed (see [`Fields`]).
pub const SECTION: &str = "section";
/// Field: the section heading, stored (see [`Fields`]).
pub const SECTION_TEXT: &str = "section_text";
/// Field: the files of a group document (see [`Fields`]).
pub const PATH: &str = "path";
/// Field: the company facet (see [`Fields`]).
pub const COMPANY: &str = "company";
/// Field: the topic facet (see [`Fields`]).
pub const TOPIC: &str = "topic";
/// Field: the rank-key column ([`RankKey`]) (see [`Fields`]).
pub const RANK_KEY: &str = "rank_key";
/// Field: the document-kind facet (see [`Fields`]).
pub const KIND: &str = "kind";
/// Field: the files' dates as written (see [`Fields`]).
pub const DATE_TEXT: &str = "date_text";
/// Field: the files' titles (see [`Fields`]).
pub const TITLE: &str = "title";
/// Field: the language facet (see [`Fields`]).
pub const LANG: &str = "lang";
/// Field: the retention-kind facet (see [`Fields`]).
pub const RETENTION: &str = "retention";
/// Field: the stated retention periods, in days (see [`Fields`]).
pub const RETENTION_DAYS: &str = "retention_days";
/// Field: the longest stated retention period (see [`Fields`]).
pub const RETENTION_LONGEST: &str = "retention_longest";
/// Field: the retention statements (see [`Fields`]).
pub const RETENTION_STATEMENTS: &str = "retention_statements";
/// Field: the group of any document (see [`Fields`]).
pub const GROUP: &str = "group";
/// Field: the group of a group document (see [`Fields`]).
pub const GROUP_OF: &str = "group_of";
/// Field: the occurrence-count column (see [`Fields`]).
pub const WEIGHT: &str = "weight";
/// Field: the occurrence blob (see [`Fields`]).
pub const OCCURRENCES: &str = "occ";
/// Field: the occurrence-key column ([`occ_key`]) (see [`Fields`]).
pub const OCC_KEYS: &str = "occ_keys";
/// Field: the files' dates in Unix seconds (see [`Fields`]).
pub const FILE_DATE: &str = "file_date";
/// Field: the files' snapshot dates as written (see [`Fields`]).
pub const SNAPSHOT_TEXT: &str = "snapshot_text";
/// Field: the files' effective dates as written (see [`Fields`]).
pub const EFFECTIVE_TEXT: &str = "effective_text";
/// Field: the files' effective dates in Unix seconds (see [`Fields`]).
pub const FILE_EFFECTIVE: &str = "file_effective";
/// Field: the files' companies (see [`Fields`]).
pub const FILE_COMPANY: &str = "file_company";
/// Field: the files' kinds (see [`Fields`]).
pub const FILE_KIND: &str = "file_kind";
/// Field: the kinds the files' own words gave (see [`Fields`]).
pub const FILE_KIND_READ: &str = "file_kind_read";
/// Field: the files' languages (see [`Fields`]).
pub const FILE_LANG: &str = "file_lang";
/// Field: the files' counts of distinct clauses (see [`Fields`]).
pub const FILE_CLAUSES: &str = "file_clauses";
/// Field: the clause-id column (see [`Fields`]).
pub const CLAUSE_ID: &str = "clause_id";
/// Field: the clause-signals column ([`Signals`]) (see [`Fields`]).
pub const SIGNALS: &str = "signals";
/// Field: the topic-scores column (see [`Fields`]).
pub const TOPIC_SCORES: &str = "topic_scores";

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Clause documents: the clause text (analysed, stored).
    pub text: Field,
    /// Clause documents in a [`NATIVE`] language: the clause text again, analysed in its
    /// language ([`native_tokens`]: terms such as `fr:conserv`, `de:dat`; indexed only, with
    /// positions). A query read in that language searches it beside `text`, so "conservées"
    /// finds "conserver", "Monaten" "Monate" and "datos" "dato". One field for every
    /// language: each term names its language, and an index pays for the field once,
    /// however many languages it holds.
    pub text_native: Field,
    /// Clause documents in a [`NATIVE`] language: the section heading again, analysed as
    /// `text_native` (indexed only), as `section` is for `text`.
    pub section_native: Field,
    /// The section heading, indexed only (stored once as `section_text`).
    pub section: Field,
    /// The section heading as stored for display.
    pub section_text: Field,
    /// Group documents: the path of each file of the group, in order (indexed).
    pub path: Field,
    /// Clause documents: the company, a one-level facet.
    pub company: Field,
    /// Clause documents: each topic, a one-level facet.
    pub topic: Field,
    /// What ranking and topic counts read of every match, in one fast field ([`RankKey`]).
    pub rank_key: Field,
    /// Clause documents: the document kind, a one-level facet.
    pub kind: Field,
    /// Clause documents: the language of the clause ([`crate::analyze::lang::Lang::code`]),
    /// a one-level facet.
    pub lang: Field,
    /// Group documents: each file's date as written for people, with its own precision
    /// (`2015-03`, `2021-08-12`; empty when undated), in file order. This is the date
    /// `--since/--until` select by: the snapshot date when the file has one, else the
    /// effective date its text states.
    pub date_text: Field,
    /// Group documents: each file's snapshot date (file name, archive header, manifest;
    /// empty when none), in file order.
    pub snapshot_text: Field,
    /// Group documents: each file's effective date as its text states it (empty when none).
    pub effective_text: Field,
    /// Group documents: each file's effective date in Unix seconds ([`NO_DATE`] when none).
    pub file_effective: Field,
    /// Group documents: each file's company, kind and language (what identifies "the same
    /// policy" across versions: `--latest`, `--as-of`, `history`, `diff`).
    pub file_company: Field,
    /// Group documents: each file's kind, in file order.
    pub file_kind: Field,
    /// Group documents: the kind each file's own words gave, in file order (a dated version
    /// read as `other` takes its folder's kind, [`crate::index::group`]).
    pub file_kind_read: Field,
    /// Group documents: each file's language code (the language most of its text is in),
    /// in file order.
    pub file_lang: Field,
    /// Group documents: each file's count of distinct clauses, in file order (what tells a
    /// partial capture, [`crate::versions::partial_captures`]).
    pub file_clauses: Field,
    /// Group documents: each file's title (empty when none), in file order.
    pub title: Field,
    /// Group documents: each file's date in Unix seconds ([`NO_DATE`] when undated), in
    /// file order.
    pub file_date: Field,
    /// Retention kinds the clause states (`stated`, `criterion`, `indefinite`), a facet.
    pub retention: Field,
    /// Every stated retention period of the clause, in days (multi-valued).
    pub retention_days: Field,
    /// The longest stated period, in days: what `--retention-min/--retention-max` filter on.
    pub retention_longest: Field,
    /// Clause documents: the clause's retention statements as the analysis found them, with
    /// their words' place in the clause text ([`crate::index::documents::encode_retention`]);
    /// none stored when it states none.
    pub retention_statements: Field,
    /// The group a clause or group document belongs to (indexed: a group is replaced whole).
    pub group: Field,
    /// Group documents only: their group (so a hit finds its group's document).
    pub group_of: Field,
    /// Clause documents: how many times the clause occurs in its group (`weight >= 1`
    /// selects every clause document).
    pub weight: Field,
    /// Clause documents: what question ranking reads of a candidate besides its score
    /// ([`Signals`]).
    pub signals: Field,
    /// Clause documents: how strongly the clause is about each topic
    /// ([`crate::analyze::topic::pack_scores`]).
    pub topic_scores: Field,
    /// Clause documents: the occurrences ([`crate::index::documents::Occurrence::encode`]).
    pub occurrences: Field,
    /// Clause documents: one [`occ_key`] per occurrence (its file's day and file id): what
    /// `--since/--until` select clause documents by (a range on this column, the day being
    /// the high bits) and count, and what `--latest`, `--as-of` and `--count documents` read
    /// the files of. One column for both: a second per-occurrence column cost about a tenth
    /// of indexing speed.
    pub occ_keys: Field,
    /// Clause documents: a hash of company, kind, heading flag, section and text, the same
    /// in every group: the distinct clause a search shows once however many groups hold it.
    pub clause_id: Field,
}

/// A file of the index as one number: its group and its place in the group's document
/// (47 bits: 2^27 groups of up to 2^20 files).
pub fn file_id(group: u64, file: u32) -> u64 {
    (group << 20 | u64::from(file)) & FILE_MASK
}

/// The group of a file id or an [`occ_key`] ([`file_id`]'s first part).
pub fn file_group(file: u64) -> u64 {
    (file & FILE_MASK) >> 20
}

/// The place of a file id or an [`occ_key`] in its group ([`file_id`]'s second part).
pub fn file_place(file: u64) -> u32 {
    (file & ((1 << 20) - 1)) as u32
}

/// The bits of an [`occ_key`] that hold the file id.
pub const FILE_MASK: u64 = (1 << 47) - 1;

/// An occurrence as one column value: its file's day ([`day_of`], 0 when undated) in the
/// top 17 bits, its file id below. A range of days is a range of keys.
pub fn occ_key(day: u64, file: u64) -> u64 {
    day << 47 | (file & FILE_MASK)
}

/// The day of a file date: days since 1800-01-01, plus one (0: undated); dates outside
/// 1800-2158 are clamped.
pub fn day_of(unix_seconds: i64) -> u64 {
    if unix_seconds == NO_DATE {
        return 0;
    }
    // 1800-01-01 is 62,091 days before the Unix epoch.
    let days = unix_seconds.div_euclid(86_400) + 62_091 + 1;
    days.clamp(1, (1 << 17) - 1) as u64
}

/// The keys of occurrences dated in the days `[lo, hi]` ([`day_of`]).
pub fn key_range(lo: u64, hi: u64) -> (u64, u64) {
    (lo << 47, hi << 47 | FILE_MASK)
}

/// The date of an undated file in `file_date` and `file_effective`.
pub const NO_DATE: i64 = i64::MIN;

/// The live documents whose indexed field holds `term`, in every segment.
pub fn live_docs(searcher: &Searcher, term: &Term) -> tantivy::Result<Vec<DocAddress>> {
    let mut out = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let inverted = reader.inverted_index(term.field())?;
        let Some(mut postings) = inverted.read_postings(term, IndexRecordOption::Basic)? else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if reader.alive_bitset().is_none_or(|a| a.is_alive(doc)) {
                out.push(DocAddress::new(ord as u32, doc));
            }
            doc = postings.advance();
        }
    }
    Ok(out)
}

/// The rank-key fast field of a clause, packed in one `u64`: what ranking reads of every
/// candidate and `--facets` of every match, so each reads one column.
///
/// - bit 63: the clause is a heading (headings weigh less);
/// - bits 51-62: its topics, bit `51 + t` for [`Topic`](crate::analyze::topic::Topic) number `t`;
/// - bit 50: the clause reads as a table's header row ([`table_header_like`]; they weigh
///   less too: a cookie table repeats "Cookie | Purpose | Expiry" in every policy);
/// - bits 0-49: a hash of path and start that orders equal scores the same way in every
///   build of the same corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankKey(pub u64);

impl RankKey {
    /// Where the topic bits start.
    pub const TOPIC_SHIFT: u32 = 51;
    const TABLE_HEADER: u64 = 1 << 50;
    const TIE_MASK: u64 = Self::TABLE_HEADER - 1;

    /// The key of a clause: heading or not, its topic bits, its tie hash.
    pub fn new(heading: bool, topics: u16, tie: u64) -> RankKey {
        debug_assert!(topics < 1 << 12);
        RankKey(
            u64::from(heading) << 63
                | u64::from(topics & 0xfff) << Self::TOPIC_SHIFT
                | tie & Self::TIE_MASK,
        )
    }

    /// The key of the clause document at `addr`, read from its fast field (0 when missing).
    pub fn of(searcher: &Searcher, addr: DocAddress) -> tantivy::Result<RankKey> {
        let column = searcher
            .segment_reader(addr.segment_ord)
            .fast_fields()
            .u64(RANK_KEY)?;
        Ok(RankKey(column.first(addr.doc_id).unwrap_or(0)))
    }

    /// Whether the clause is a heading.
    pub fn heading(self) -> bool {
        self.0 >> 63 == 1
    }

    /// The same key, marked as a table header row or not.
    pub fn with_table_header(self, header: bool) -> RankKey {
        RankKey(self.0 & !Self::TABLE_HEADER | if header { Self::TABLE_HEADER } else { 0 })
    }

    /// Whether the clause reads as a table's header row.
    pub fn table_header(self) -> bool {
        self.0 & Self::TABLE_HEADER != 0
    }

    /// A heading or a table header row: what ranking weighs less.
    pub fn lesser(self) -> bool {
        self.heading() || self.table_header()
    }

    /// The topic bit set ([`Topic::mask_of`](crate::analyze::topic::Topic::mask_of)).
    pub fn topics(self) -> u16 {
        (self.0 >> Self::TOPIC_SHIFT) as u16 & 0xfff
    }

    /// The tie hash.
    pub fn tie(self) -> u64 {
        self.0 & Self::TIE_MASK
    }
}

/// The signals fast field of a clause, packed in one `u64`: what question ranking
/// ([`crate::search::answer`]) reads of a candidate besides its score and [`RankKey`], in one column.
///
/// - bits 0-7: its length in words (255 for longer);
/// - bit 8: unused (table header rows are marked in the [`RankKey`], which BM25 reads too);
/// - bits 9-12: it states a retention period, a retention criterion, indefinite retention, a
///   cookie lifetime;
/// - bit 13: it contains a digit;
/// - bits 16-31: the line of its first occurrence (65,535 for later ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Signals(pub u64);

impl Signals {
    const STATED: u64 = 1 << 9;
    const CRITERION: u64 = 1 << 10;
    const INDEFINITE: u64 = 1 << 11;
    const COOKIE: u64 = 1 << 12;
    const DIGIT: u64 = 1 << 13;

    /// The signals of a clause text, its retention statement kinds and its first line.
    pub fn new(
        text: &str,
        retention: impl IntoIterator<Item = crate::analyze::retention::RetentionKind>,
        line: u32,
    ) -> Signals {
        use crate::analyze::retention::RetentionKind as K;
        let words = text.split_whitespace().count().min(255) as u64;
        let mut bits = words | u64::from(line).min(0xffff) << 16;
        if text.bytes().any(|b| b.is_ascii_digit()) {
            bits |= Self::DIGIT;
        }
        for k in retention {
            bits |= match k {
                K::Stated => Self::STATED,
                K::Criterion => Self::CRITERION,
                K::Indefinite => Self::INDEFINITE,
                K::Cookie => Self::COOKIE,
            };
        }
        Signals(bits)
    }

    /// Words of the clause (at most 255).
    pub fn words(self) -> u32 {
        (self.0 & 0xff) as u32
    }
    /// Whether the clause states a retention period.
    pub fn stated(self) -> bool {
        self.0 & Self::STATED != 0
    }
    /// Whether it states a retention criterion.
    pub fn criterion(self) -> bool {
        self.0 & Self::CRITERION != 0
    }
    /// Whether it states indefinite retention.
    pub fn indefinite(self) -> bool {
        self.0 & Self::INDEFINITE != 0
    }
    /// Whether it states a cookie lifetime.
    pub fn cookie(self) -> bool {
        self.0 & Self::COOKIE != 0
    }
    /// Whether it holds a digit.
    pub fn digit(self) -> bool {
        self.0 & Self::DIGIT != 0
    }
    /// The line of its first occurrence (at most 65,535).
    pub fn line(self) -> u32 {
        (self.0 >> 16 & 0xffff) as u32
    }
}

/// Does a clause read as the header row of a table: a markdown table row (two `|` or more)
/// whose cells are all short (four words at most) and hold no digit ("Cookie Subgroup |
/// Cookies | Cookies used |")? Data rows name durations, dates or sentences; a short data
/// row without a digit passes too, which only weighs it like a heading.
pub fn table_header_like(text: &str) -> bool {
    if text.bytes().filter(|&b| b == b'|').count() < 2 || text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    text.split('|')
        .all(|cell| cell.split_whitespace().count() <= 4)
}

/// Is `lang` one of [`NATIVE`]'s, analysed in its own right?
pub fn is_native(lang: Lang) -> bool {
    snowball(lang).is_some()
}

/// The Snowball language of `lang`, if it is one of [`NATIVE`]'s.
fn snowball(lang: Lang) -> Option<Language> {
    NATIVE
        .into_iter()
        .find_map(|(l, s)| (l == lang).then_some(s))
}

/// Build the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analysed = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let native = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER_NATIVE)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        text: b.add_text_field(TEXT, analysed.clone()),
        text_native: b.add_text_field(TEXT_NATIVE, native.clone()),
        section_native: b.add_text_field(SECTION_NATIVE, native),
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
        rank_key: b.add_u64_field(RANK_KEY, FAST),
        kind: b.add_facet_field(KIND, FacetOptions::default().set_stored()),
        lang: b.add_facet_field(LANG, FacetOptions::default().set_stored()),
        date_text: b.add_text_field(DATE_TEXT, STORED),
        title: b.add_text_field(TITLE, STORED),
        file_date: b.add_i64_field(FILE_DATE, STORED),
        snapshot_text: b.add_text_field(SNAPSHOT_TEXT, STORED),
        effective_text: b.add_text_field(EFFECTIVE_TEXT, STORED),
        file_effective: b.add_i64_field(FILE_EFFECTIVE, STORED),
        file_company: b.add_text_field(FILE_COMPANY, STORED),
        file_kind: b.add_text_field(FILE_KIND, STORED),
        file_kind_read: b.add_text_field(FILE_KIND_READ, STORED),
        file_lang: b.add_text_field(FILE_LANG, STORED),
        file_clauses: b.add_u64_field(FILE_CLAUSES, STORED),
        retention: b.add_facet_field(RETENTION, FacetOptions::default()),
        // Range queries read fast columns: nothing needs their terms.
        retention_days: b.add_u64_field(RETENTION_DAYS, FAST),
        retention_longest: b.add_u64_field(RETENTION_LONGEST, FAST),
        retention_statements: b.add_bytes_field(RETENTION_STATEMENTS, STORED),
        group: b.add_u64_field(GROUP, INDEXED | STORED),
        group_of: b.add_u64_field(GROUP_OF, INDEXED),
        weight: b.add_u64_field(WEIGHT, FAST),
        occurrences: b.add_bytes_field(OCCURRENCES, STORED),
        occ_keys: b.add_u64_field(OCC_KEYS, FAST),
        clause_id: b.add_u64_field(CLAUSE_ID, INDEXED | FAST),
        signals: b.add_u64_field(SIGNALS, FAST),
        topic_scores: b.add_u64_field(TOPIC_SCORES, FAST),
    };
    (b.build(), fields)
}

/// Field handles of an existing index's schema, if it has every field this build needs.
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    let f = |name| schema.get_field(name).ok();
    Some(Fields {
        text: f(TEXT)?,
        text_native: f(TEXT_NATIVE)?,
        section_native: f(SECTION_NATIVE)?,
        section: f(SECTION)?,
        section_text: f(SECTION_TEXT)?,
        path: f(PATH)?,
        company: f(COMPANY)?,
        topic: f(TOPIC)?,
        rank_key: f(RANK_KEY)?,
        kind: f(KIND)?,
        lang: f(LANG)?,
        date_text: f(DATE_TEXT)?,
        title: f(TITLE)?,
        file_date: f(FILE_DATE)?,
        snapshot_text: f(SNAPSHOT_TEXT)?,
        effective_text: f(EFFECTIVE_TEXT)?,
        file_effective: f(FILE_EFFECTIVE)?,
        file_company: f(FILE_COMPANY)?,
        file_kind: f(FILE_KIND)?,
        file_kind_read: f(FILE_KIND_READ)?,
        file_lang: f(FILE_LANG)?,
        file_clauses: f(FILE_CLAUSES)?,
        retention: f(RETENTION)?,
        retention_days: f(RETENTION_DAYS)?,
        retention_longest: f(RETENTION_LONGEST)?,
        retention_statements: f(RETENTION_STATEMENTS)?,
        group: f(GROUP)?,
        group_of: f(GROUP_OF)?,
        weight: f(WEIGHT)?,
        occurrences: f(OCCURRENCES)?,
        occ_keys: f(OCC_KEYS)?,
        clause_id: f(CLAUSE_ID)?,
        signals: f(SIGNALS)?,
        topic_scores: f(TOPIC_SCORES)?,
    })
}

/// The text analyser: simple word tokens, lower-cased, English-stemmed; tokens over 40 bytes
/// (base64 blobs, long URLs) are dropped. Stems are tantivy's English Snowball stems, cached
/// ([`crate::analyze::stem`]).
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(crate::analyze::stem::CachedStemmer)
        .build()
}

/// The analyser of a clause in `lang` in [`Fields::text_native`] (`None` for a language not
/// in [`NATIVE`]): simple word tokens, lower-cased, in French the verbs of "nous" made
/// infinitives, with `twins` (what the index holds) each word with an accent twice, as written
/// and without its accents ([`crate::analyze::stem_native`]), the language's Snowball stems
/// (tantivy's), accents folded, then the language's code before each term: "données" ->
/// `fr:don` and `fr:donne`, "durées" -> `fr:dur`, "Monaten" -> `de:monat`, "informações" ->
/// `pt:inform`. Tokens over 40 bytes are dropped, as by [`analyzer`]. Queries are analysed
/// without twins: a query word is one term, the stem of the word as typed ("données" ->
/// `fr:don`, "donnees" -> `fr:donne`, each found in the index).
pub fn native_analyzer(lang: Lang, twins: bool) -> Option<TextAnalyzer> {
    use crate::analyze::stem_native::{AccentTwins, LangPrefix, NousVerbs};
    let language = snowball(lang)?;
    let words = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .dynamic();
    let words = if lang == Lang::Fr {
        words.filter_dynamic(NousVerbs)
    } else {
        words
    };
    Some(
        words
            .filter_dynamic(AccentTwins { twins })
            .filter_dynamic(Stemmer::new(language))
            .filter_dynamic(AsciiFoldingFilter)
            .filter_dynamic(LangPrefix(lang))
            .build(),
    )
}

/// An analyser that gives out nothing for a stop word of `lang` ([`NATIVE`]'s; Snowball's
/// lists, tantivy's), and the word otherwise.
pub fn stop_words(lang: Lang) -> Option<TextAnalyzer> {
    Some(
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .filter(StopWordFilter::new(snowball(lang)?)?)
            .build(),
    )
}

/// `texts` (a clause's text and heading) in `lang`, each analysed for [`Fields::text_native`]
/// (with accent twins) by one analyser, or `None` when `lang` is not in [`NATIVE`].
pub fn native_tokens<const N: usize>(
    lang: Lang,
    texts: [&str; N],
) -> Option<[PreTokenizedString; N]> {
    let mut analyzer = native_analyzer(lang, true)?;
    Some(texts.map(|text| {
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push(stream.token().clone());
        }
        PreTokenizedString {
            text: text.to_owned(),
            tokens,
        }
    }))
}

/// The analysers a query parser reads `text` and `section` with, and `text_native` and
/// `section_native` in `lang` ([`native_analyzer`], no twins).
pub fn query_tokenizers(lang: Lang) -> TokenizerManager {
    let manager = TokenizerManager::new();
    manager.register(ANALYZER, analyzer());
    if let Some(native) = native_analyzer(lang, false) {
        manager.register(ANALYZER_NATIVE, native);
    }
    manager
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
    // Never used to index (see ANALYZER_NATIVE), but a text field's must be registered.
    index
        .tokenizers()
        .register(ANALYZER_NATIVE, RawTokenizer::default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::topic::Topic;

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
            assert_eq!(key.tie(), tie & ((1 << 50) - 1));
            assert!(!key.table_header());
            let table = key.with_table_header(true);
            assert!(table.table_header() && table.lesser());
            assert_eq!(
                (table.heading(), table.topics(), table.tie()),
                (heading, key.topics(), key.tie())
            );
            assert_eq!(table.with_table_header(false), key);
        }
    }

    #[test]
    fn occurrence_keys_order_by_day_then_hold_the_file() {
        assert_eq!(day_of(NO_DATE), 0);
        assert_eq!(day_of(0), 62_092);
        assert_eq!(day_of(86_399), day_of(0));
        assert_eq!(day_of(86_400), day_of(0) + 1);
        assert_eq!(day_of(-1), day_of(0) - 1);
        // Before 1800 and after 2158: clamped, never undated.
        assert_eq!(day_of(-10_000_000_000), 1);
        assert_eq!(day_of(i64::MAX), (1 << 17) - 1);
        let file = file_id(123_456, 511);
        let key = occ_key(day_of(1_600_000_000), file);
        assert_eq!(key & FILE_MASK, file);
        assert_eq!(key >> 47, day_of(1_600_000_000));
        let (lo, hi) = key_range(day_of(1_600_000_000), day_of(1_600_000_000));
        assert!((lo..=hi).contains(&key));
        let (lo, hi) = key_range(day_of(1_600_000_000) + 1, day_of(1_700_000_000));
        assert!(!(lo..=hi).contains(&key));
    }
}
