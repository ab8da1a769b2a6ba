//! English stemming with a cache: the token filter polsearch's analyser uses in place of
//! tantivy's `Stemmer`, with the same output.
//!
//! Policies are written in a small vocabulary: a few thousand words make up nearly every
//! token, and the Snowball algorithm was the largest single cost of indexing (about 13 % of
//! all CPU time on the history corpus). Each analyser instance (tantivy clones one per segment
//! writer) remembers the stems it computed; the cache is bounded, so an odd corpus of unique
//! tokens costs a clear now and then, never unbounded memory.

use frostem::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Entries kept before the cache starts over (tokens are at most 40 bytes).
const CACHE_LIMIT: usize = 200_000;

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

/// Word -> stem, for the words seen so far.
#[derive(Clone)]
struct StemCache {
    stemmer: Stemmer,
    stems: foldhash::HashMap<Box<str>, Box<str>>,
}

impl Default for StemCache {
    fn default() -> Self {
        StemCache {
            stemmer: Stemmer::new(Algorithm::English),
            stems: foldhash::HashMap::default(),
        }
    }
}

impl StemCache {
    fn stem_in_place(&mut self, word: &mut String) {
        if let Some(stem) = self.stems.get(word.as_str()) {
            if **stem != **word {
                word.clear();
                word.push_str(stem);
            }
            return;
        }
        let stem: Box<str> = self.stemmer.stem(word).into();
        if self.stems.len() >= CACHE_LIMIT {
            self.stems.clear();
        }
        self.stems.insert(word.as_str().into(), stem.clone());
        if *stem != **word {
            word.clear();
            word.push_str(&stem);
        }
    }
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
    fn a_full_cache_starts_over_and_stays_correct() {
        let mut cache = StemCache::default();
        for i in 0..CACHE_LIMIT + 10 {
            let mut w = format!("running{i}");
            cache.stem_in_place(&mut w);
        }
        assert!(cache.stems.len() <= CACHE_LIMIT);
        let mut w = String::from("running");
        cache.stem_in_place(&mut w);
        assert_eq!(w, "run");
    }
}
