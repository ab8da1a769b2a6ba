//! What the analysers of clauses in their own language ([`crate::index::schema::native_analyzer`])
//! add to tantivy's Snowball stemmers: the verbs of French "nous", and accent twins.
//!
//! Policies speak of themselves as "nous": "nous conservons", "nous ne partageons pas", "nous
//! vous invitons". The French Snowball stemmer leaves the present tense's `-ons` on ("conservons"
//! stems to "conservon"), so those verbs would never meet "conserver", "conservées" or
//! "conservation" ("conserv"). Every `-ons` word is not a verb ("jetons", "boutons", "raisons"),
//! so only a word ending in `-ons` (not `-ions`) among the three after "nous" is read as one,
//! and becomes its infinitive before stemming ([`NousVerbs`]): "conservons" -> "conserver",
//! "partageons" -> "partager", "commençons" -> "commencer". Verbs of other groups get a wrong
//! infinitive ("recevons" -> "recever"), which stems apart as the word itself did.
//!
//! Accents, too: some stemmers read them (French "données" -> "don", "donnees" -> "donne";
//! Portuguese "informações" and "informacoes" stem apart), so a query typed without them
//! would miss the words whose stem keeps a letter they change. [`AccentTwins`] indexes a word
//! with an accent twice at its position, as written and without its accents; a query is
//! analysed without twins, so "données" finds the first and "donnees" the second.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::analyze::lang::Lang;

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

/// `word` without the accents and ligatures of the languages polsearch analyses in their own
/// right (French, German, Spanish, Italian, Dutch, Portuguese; `None` when it has none).
pub fn unaccented(word: &str) -> Option<String> {
    if word.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(word.len());
    let mut changed = false;
    for c in word.chars() {
        let plain = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' | 'í' | 'ì' => "i",
            'ô' | 'ö' | 'ó' | 'õ' | 'ò' => "o",
            'ù' | 'û' | 'ü' | 'ú' => "u",
            'ÿ' => "y",
            'ç' => "c",
            'ñ' => "n",
            'ß' => "ss",
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

/// Token filter: with `twins`, after each token with an accent, its [`unaccented`] twin
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

/// Token filter: the language's code and a colon before each token (`fr:conserv`), so that
/// one field holds every language's terms apart (a German "dat" is no Spanish "dat").
#[derive(Debug, Clone, Copy)]
pub struct LangPrefix(pub Lang);

impl TokenFilter for LangPrefix {
    type Tokenizer<T: Tokenizer> = LangPrefixFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> LangPrefixFilter<T> {
        LangPrefixFilter {
            inner,
            prefix: format!("{}:", self.0.code()),
        }
    }
}

/// The tokenizer [`LangPrefix`] wraps around another.
#[derive(Clone)]
pub struct LangPrefixFilter<T> {
    inner: T,
    prefix: String,
}

impl<T: Tokenizer> Tokenizer for LangPrefixFilter<T> {
    type TokenStream<'a> = LangPrefixStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        LangPrefixStream {
            tail: self.inner.token_stream(text),
            prefix: &self.prefix,
        }
    }
}

/// Token stream of [`LangPrefixFilter`].
pub struct LangPrefixStream<'a, S> {
    tail: S,
    prefix: &'a str,
}

impl<S: TokenStream> TokenStream for LangPrefixStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.tail.token_mut().text.insert_str(0, self.prefix);
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
    use crate::index::schema::native_analyzer;

    fn analysed(text: &str) -> Vec<String> {
        analysed_in(Lang::Fr, text)
    }

    /// `text` analysed in `lang` as a query is (no twins), each term without its language.
    fn analysed_in(lang: Lang, text: &str) -> Vec<String> {
        let mut analyzer = native_analyzer(lang, false).unwrap();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        let prefix = format!("{}:", lang.code());
        while stream.advance() {
            let term = &stream.token().text;
            out.push(term.strip_prefix(&prefix).expect(term).to_owned());
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
        assert_eq!(unaccented("łąka"), None);
        let mut analyzer = native_analyzer(Lang::Fr, true).unwrap();
        let mut stream = analyzer.token_stream("Données conservées");
        let mut tokens = Vec::new();
        while stream.advance() {
            let t = stream.token();
            tokens.push((t.text.clone(), t.position, t.offset_from));
        }
        assert_eq!(
            tokens,
            [
                ("fr:don".to_owned(), 0, 0),
                ("fr:donne".to_owned(), 0, 0),
                ("fr:conserv".to_owned(), 1, 9),
                ("fr:conserve".to_owned(), 1, 9),
            ]
        );
        // Queries are analysed without twins: with accents or without, a word is one term.
        assert_eq!(analysed("données donnees"), ["don", "donne"]);
    }

    #[test]
    fn other_languages_stem_in_their_own_right() {
        assert_eq!(unaccented("informações").as_deref(), Some("informacoes"));
        assert_eq!(unaccented("Straße").as_deref(), Some("Strasse"));
        assert_eq!(unaccented("año").as_deref(), Some("ano"));
        // The forms of a word meet at one stem, whatever its accents.
        let one = |lang, words: &str| {
            let stems = analysed_in(lang, words);
            assert!(stems.windows(2).all(|w| w[0] == w[1]), "{words}: {stems:?}");
        };
        one(Lang::De, "Jahre Jahren Jahr");
        one(Lang::De, "Monate Monaten Monat");
        one(Lang::De, "Dritte Dritten");
        one(Lang::De, "aufbewahren Aufbewahrung");
        one(Lang::De, "Löschung loschung");
        one(Lang::Es, "conservamos conservar conservación conservados");
        one(Lang::Es, "datos dato");
        one(Lang::Es, "años anos");
        one(Lang::Pt, "armazenamos armazenar armazenamento");
        one(Lang::Pt, "informação informações");
        one(Lang::Nl, "bewaren bewaring");
        one(Lang::Nl, "maanden maand");
        one(Lang::It, "conserviamo conservare conservazione");
        // (German participles keep their "ge-" and Snowball's endings: "gespeichert" and
        // "speichern" stem apart, as English "kept" and "keep" do.)
        // The verbs of "nous" are French alone.
        assert_eq!(
            analysed_in(Lang::Es, "nous conservons"),
            ["nous", "conservons"]
        );
        assert_eq!(native_analyzer(Lang::En, false).map(|_| ()), None);
    }
}
