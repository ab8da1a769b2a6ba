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
//!
//! Accents, too: the stemmer reads them ("données" -> "don", "donnees" -> "donne"), so a
//! query typed without them would miss the words whose stem keeps a letter they change.
//! [`AccentTwins`] indexes a word with a French accent twice at its position, as written and
//! without its accents; a query is analysed without twins, so "données" finds the first and
//! "donnees" the second.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// How many words after "nous" its verb may come ("nous ne les conservons").
const WINDOW: u8 = 3;

/// The infinitive of `word` (lower case) read as a verb of "nous" in `-ons`: `None` for an
/// `-ions` word or a short one ("avons", "sons").
fn nous_verb(word: &str) -> Option<String> {
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

/// `word` without the accents and ligatures French writes (`None` when it has none).
pub fn unaccented(word: &str) -> Option<String> {
    if word.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(word.len());
    let mut changed = false;
    for c in word.chars() {
        let plain = match c {
            'à' | 'â' | 'ä' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' => "i",
            'ô' | 'ö' => "o",
            'ù' | 'û' | 'ü' => "u",
            'ÿ' => "y",
            'ç' => "c",
            'œ' => "oe",
            'æ' => "ae",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(plain);
        changed = true;
    }
    changed.then_some(out)
}

/// Token filter: with `twins`, after each token with a French accent, its [`unaccented`] twin
/// at the same position and offsets (what the index holds); without, tokens pass unchanged
/// (what a query is read with). Tokens must be lower-cased before.
#[derive(Debug, Clone, Copy, Default)]
pub struct AccentTwins {
    /// Give out the twins.
    pub twins: bool,
}

impl TokenFilter for AccentTwins {
    type Tokenizer<T: Tokenizer> = AccentTwinsFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> AccentTwinsFilter<T> {
        AccentTwinsFilter {
            inner,
            twins: self.twins,
        }
    }
}

/// The tokenizer [`AccentTwins`] wraps around another.
#[derive(Clone)]
pub struct AccentTwinsFilter<T> {
    inner: T,
    twins: bool,
}

impl<T: Tokenizer> Tokenizer for AccentTwinsFilter<T> {
    type TokenStream<'a> = AccentTwinsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        AccentTwinsStream {
            tail: self.inner.token_stream(text),
            token: Token::default(),
            twin: None,
            twins: self.twins,
        }
    }
}

/// Token stream of [`AccentTwinsFilter`].
pub struct AccentTwinsStream<S> {
    tail: S,
    /// The token given out.
    token: Token,
    /// The twin of the token given out last, given out next.
    twin: Option<String>,
    twins: bool,
}

impl<S: TokenStream> TokenStream for AccentTwinsStream<S> {
    fn advance(&mut self) -> bool {
        if let Some(twin) = self.twin.take() {
            self.token.text = twin;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        self.token.clone_from(self.tail.token());
        if self.twins {
            self.twin = unaccented(&self.token.text);
        }
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::{analyzer_fr, analyzer_fr_query};

    fn analysed(text: &str) -> Vec<String> {
        let mut analyzer = analyzer_fr_query();
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

    #[test]
    fn accented_words_are_indexed_with_an_unaccented_twin() {
        assert_eq!(unaccented("données").as_deref(), Some("donnees"));
        assert_eq!(unaccented("cœur").as_deref(), Some("coeur"));
        assert_eq!(unaccented("conserver"), None);
        assert_eq!(unaccented("łódź"), None);
        let mut analyzer = analyzer_fr();
        let mut stream = analyzer.token_stream("Données conservées");
        let mut tokens = Vec::new();
        while stream.advance() {
            let t = stream.token();
            tokens.push((t.text.clone(), t.position, t.offset_from));
        }
        assert_eq!(
            tokens,
            [
                ("don".to_owned(), 0, 0),
                ("donne".to_owned(), 0, 0),
                ("conserv".to_owned(), 1, 9),
                ("conserve".to_owned(), 1, 9),
            ]
        );
        // Queries are analysed without twins: with accents or without, a word is one term.
        assert_eq!(analysed("données donnees"), ["don", "donne"]);
    }
}
