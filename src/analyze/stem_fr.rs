//! French verbs of "nous" for the French analyser ([`crate::index::schema::analyzer_fr`]).
//!
//! Policies speak of themselves as "nous": "nous conservons", "nous ne partageons pas", "nous
//! vous invitons". The French Snowball stemmer leaves the present tense's `-ons` on ("conservons"
//! stems to "conservon"), so those verbs would never meet "conserver", "conservées" or
//! "conservation" ("conserv"). Every `-ons` word is not a verb ("jetons", "boutons", "raisons"),
//! so only a word ending in `-ons` (not `-ions`) among the three after "nous" is read as one,
//! and becomes its infinitive before stemming: "conservons" -> "conserver", "partageons" ->
//! "partager", "commençons" -> "commencer". Verbs of other groups get a wrong infinitive
//! ("recevons" -> "recever"), which stems apart as the word itself did.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// How many words after "nous" its verb may come ("nous ne les conservons").
const WINDOW: u8 = 3;

/// The infinitive of `word` (lower case) read as a verb of "nous" in `-ons`: `None` for an
/// `-ions` word or a short one ("avons", "sons").
pub fn nous_verb(word: &str) -> Option<String> {
    let stem = word.strip_suffix("ons")?;
    if stem.ends_with('i') || stem.chars().count() < 3 {
        return None;
    }
    let stem = if let Some(s) = stem.strip_suffix("ge") {
        format!("{s}g")
    } else if let Some(s) = stem.strip_suffix('ç') {
        format!("{s}c")
    } else {
        stem.to_owned()
    };
    Some(stem + "er")
}

/// Token filter: the verb of "nous" made its infinitive ([`nous_verb`]). Tokens must be
/// lower-cased before.
#[derive(Debug, Clone, Copy, Default)]
pub struct NousVerbs;

impl TokenFilter for NousVerbs {
    type Tokenizer<T: Tokenizer> = NousVerbsFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> NousVerbsFilter<T> {
        NousVerbsFilter { inner }
    }
}

/// The tokenizer [`NousVerbs`] wraps around another.
#[derive(Clone)]
pub struct NousVerbsFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for NousVerbsFilter<T> {
    type TokenStream<'a> = NousVerbsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        NousVerbsStream {
            tail: self.inner.token_stream(text),
            window: 0,
        }
    }
}

/// Token stream of [`NousVerbsFilter`].
pub struct NousVerbsStream<S> {
    tail: S,
    /// Words left in which a verb of the last "nous" may come.
    window: u8,
}

impl<S: TokenStream> TokenStream for NousVerbsStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        if text == "nous" {
            self.window = WINDOW;
        } else if self.window > 0 {
            self.window -= 1;
            if let Some(verb) = nous_verb(text) {
                *text = verb;
                self.window = 0;
            }
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::analyzer_fr;

    fn analysed(text: &str) -> Vec<String> {
        let mut analyzer = analyzer_fr();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn verbs_of_nous_stem_with_their_infinitive() {
        assert_eq!(nous_verb("conservons").as_deref(), Some("conserver"));
        assert_eq!(nous_verb("partageons").as_deref(), Some("partager"));
        assert_eq!(nous_verb("commençons").as_deref(), Some("commencer"));
        assert_eq!(nous_verb("informations"), None);
        assert_eq!(nous_verb("avons"), None);
        assert_eq!(nous_verb("données"), None);
        let conserv = |t: &str| analysed(t).contains(&"conserv".to_owned());
        assert!(conserv("Nous conservons vos données"));
        assert!(conserv("nous ne les conservons pas"));
        assert!(conserv("Données conservées"));
        assert!(conserv("conserver"));
        assert!(conserv("la conservation"));
        assert_eq!(
            analysed("Nous partageons vos données"),
            ["nous", "partag", "vos", "don"]
        );
    }

    #[test]
    fn other_words_in_ons_are_left_to_the_stemmer() {
        // Not after "nous", or after its verb: nouns keep their own stem.
        assert_eq!(analysed("des jetons"), ["de", "jeton"]);
        assert_eq!(
            analysed("nous utilisons des jetons"),
            ["nous", "utilis", "de", "jeton"]
        );
        // Four words on, "nous" is forgotten.
        assert_eq!(analysed("nous a b c raisons")[4], "raison");
    }
}
