//! English stemming with a cache: the token filter polsearch's analyser uses in place of
//! tantivy's `Stemmer`, with the same output.
//!
//! Policies are written in a small vocabulary: a few thousand words make up nearly every
//! token, and the Snowball algorithm was the largest single cost of indexing (about 13 % of
//! all CPU time on the history corpus). Each analyser instance (tantivy clones one per segment
//! writer) remembers the stems it computed in a fixed-size table, so an odd corpus of unique
//! tokens costs a few more stemmings, never unbounded memory.

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Token filter: English Snowball stems, memoised. Tokens must be lower-cased before.
#[derive(Debug, Clone, Copy, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner,
            cache: StemCache::default(),
        }
    }
}

/// The tokenizer [`CachedStemmer`] wraps around another.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    cache: StemCache,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
        }
    }
}

/// Token stream of [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, S> {
    tail: S,
    cache: &'a mut StemCache,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.cache.stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Longest word the cache holds (longer ones are stemmed each time; they are rare).
const KEY_BYTES: usize = 16;

/// Longest stem ending a slot can hold (see [`Slot`]).
const TAIL_BYTES: usize = 5;

/// Slots of the cache: a power of two.
const SLOTS: usize = 1 << 15;

/// One cached word (zero-padded) and its stem, written as how much of the word it keeps and
/// what follows: Snowball stems are the word's start with at most a few letters changed
/// ("policy" -> "polic" + "i"), so a slot is 24 bytes and the table (768 KiB) stays in a
/// core's L2 cache, where 50-byte slots with whole stems did not. A stem that does not fit
/// is not cached.
#[derive(Clone, Copy)]
struct Slot {
    word: [u8; KEY_BYTES],
    word_len: u8,
    keep: u8,
    tail_len: u8,
    tail: [u8; TAIL_BYTES],
}

const EMPTY: Slot = Slot {
    word: [0; KEY_BYTES],
    word_len: 0,
    keep: 0,
    tail_len: 0,
    tail: [0; TAIL_BYTES],
};

/// Word -> stem: a direct-mapped cache (a word's slot is fixed by its hash; a newer word
/// takes the slot over). Lookups compare fixed-size arrays, with no call to `memcmp` and no
/// probing; the few thousand words that make up most of a policy stay in it. The table is
/// allocated once an analyser has stemmed [`WORDS_BEFORE_TABLE`] words (so queries never
/// allocate it), and a clone starts empty (tantivy clones analysers per segment and per
/// query).
struct StemCache {
    stemmer: Stemmer,
    slots: Option<Box<[Slot]>>,
    /// Words stemmed before the table exists: a query's few words never pay for a table.
    uncached: u32,
}

/// Words an analyser stems directly before it sets up its table.
const WORDS_BEFORE_TABLE: u32 = 256;

impl Default for StemCache {
    fn default() -> Self {
        StemCache {
            stemmer: Stemmer::new(Algorithm::English),
            slots: None,
            uncached: 0,
        }
    }
}

impl Clone for StemCache {
    fn clone(&self) -> Self {
        StemCache::default()
    }
}

impl StemCache {
    fn stem_in_place(&mut self, word: &mut String) {
        let len = word.len();
        let early = self.slots.is_none() && self.uncached < WORDS_BEFORE_TABLE;
        if early {
            self.uncached += 1;
        }
        if early || len > KEY_BYTES || len == 0 {
            let stem = self.stemmer.stem(word);
            if *stem != **word {
                let stem = stem.into_owned();
                *word = stem;
            }
            return;
        }
        let mut key = [0u8; KEY_BYTES];
        key[..len].copy_from_slice(word.as_bytes());
        let slots = self
            .slots
            .get_or_insert_with(|| vec![EMPTY; SLOTS].into_boxed_slice());
        let slot = &mut slots[slot_of(&key)];
        if usize::from(slot.word_len) != len || slot.word != key {
            let stem = self.stemmer.stem(word);
            // Keep the longest common start that ends on a character boundary (of both:
            // the bytes before it are the same).
            let mut keep = stem
                .bytes()
                .zip(word.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            while !word.is_char_boundary(keep) {
                keep -= 1;
            }
            let tail = &stem.as_bytes()[keep..];
            if tail.len() > TAIL_BYTES {
                let stem = stem.into_owned();
                *word = stem;
                return;
            }
            let mut tail_bytes = [0u8; TAIL_BYTES];
            tail_bytes[..tail.len()].copy_from_slice(tail);
            *slot = Slot {
                word: key,
                word_len: len as u8,
                keep: keep as u8,
                tail_len: tail.len() as u8,
                tail: tail_bytes,
            };
        }
        let keep = usize::from(slot.keep);
        let tail = &slot.tail[..usize::from(slot.tail_len)];
        if keep < len || !tail.is_empty() {
            word.truncate(keep);
            // The tail starts on a character boundary of a UTF-8 stem (Snowball works on
            // whole characters), so it is UTF-8 itself.
            word.push_str(std::str::from_utf8(tail).unwrap_or_default());
        }
    }
}

/// The slot of a zero-padded word: a multiply-xor hash of its 8-byte lanes.
fn slot_of(key: &[u8; KEY_BYTES]) -> usize {
    let mut h = 0u64;
    for lane in key.chunks_exact(8) {
        let mut b = [0u8; 8];
        b.copy_from_slice(lane);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    (h >> 40) as usize & (SLOTS - 1)
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{
        Language, LowerCaser, SimpleTokenizer, Stemmer as TantivyStemmer, TextAnalyzer,
    };

    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn same_tokens_as_tantivys_stemmer_cold_and_warm() {
        let mut ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer)
            .build();
        let mut theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(TantivyStemmer::new(Language::English))
            .build();
        let texts = [
            "We retain your Personal Information for as long as necessary; retention periods vary.",
            "Retaining, retained, retains: generously connected connections, fruitlessly.",
            "Cookies and cookie-like technologies (\u{e9}t\u{e9}, na\u{ef}ve) 12 months 2024-01-01",
            "",
        ];
        // Twice over: the second pass is answered from the cache.
        for _ in 0..2 {
            for text in texts {
                assert_eq!(tokens(&mut ours, text), tokens(&mut theirs, text), "{text}");
            }
        }
    }

    #[test]
    fn colliding_and_long_words_stay_correct() {
        let mut cache = StemCache::default();
        let stemmer = Stemmer::new(Algorithm::English);
        // Far more words than slots, so slots are taken over again and again.
        for round in 0..2 {
            for i in 0..(SLOTS * 2) {
                // Short enough for the table, and some too long for it.
                let original = if i % 3 == 0 {
                    format!("connections{i}ing")
                } else {
                    format!("conn{i}ies")
                };
                let mut w = original.clone();
                cache.stem_in_place(&mut w);
                assert_eq!(w, stemmer.stem(&original), "round {round}");
            }
        }
        let long = "internationalisationsconnectednesses";
        let mut w = long.to_owned();
        cache.stem_in_place(&mut w);
        assert_eq!(w, stemmer.stem(long));
        let mut w = String::from("necessary");
        cache.stem_in_place(&mut w);
        assert_eq!(w, "necessari");
    }

    #[test]
    fn stems_that_change_the_word_end_round_trip() {
        let stemmer = Stemmer::new(Algorithm::English);
        let words = [
            "policy",
            "policies",
            "hoping",
            "agreed",
            "generously",
            "happily",
            "dying",
            "lying",
            "skies",
            "news",
            "cookies",
            "naïvely",
            "übermäßig",
            "résumés",
            "façades",
            "ﬁnancial",
            "communication",
            "responsibilities",
            "a",
            "ii",
            "ying",
            "eed",
            "sses",
        ];
        let mut cache = StemCache::default();
        // Past the first words (stemmed directly) so the table answers.
        for _ in 0..WORDS_BEFORE_TABLE {
            cache.stem_in_place(&mut String::from("warm"));
        }
        for round in 0..2 {
            for word in words {
                let mut w = word.to_owned();
                cache.stem_in_place(&mut w);
                assert_eq!(w, stemmer.stem(word), "{word} round {round}");
            }
        }
    }
}
