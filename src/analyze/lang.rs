//! Which language a clause is written in ([`of_clauses`]), and what polsearch does for French.
//!
//! polsearch's analysis is English (the topic model learnt OPP-115, the company cues, the
//! stemmer), but Open Terms Archive began as a French public service and holds French policies
//! beside the English ones. A clause whose function words are French gets its retention
//! statements from French rules ([`crate::analyze::retention`]) and its topics from the English
//! model reading a word-for-word English gloss of its policy vocabulary ([`gloss_french`]): a
//! rough reading, measured in the README, far better than the English model reading French.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A language polsearch tells apart. It reads English and French ([`Lang::is_read`]); a clause
/// in any other gets no topics and no retention statements, since the English model and rules
/// reading German or Portuguese only invent them, and it can still be found by its words and
/// filtered by its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
    /// German.
    De,
    /// Spanish.
    Es,
    /// Italian.
    It,
    /// Dutch.
    Nl,
    /// Portuguese.
    Pt,
    /// Another language: another script (Chinese, Japanese, Russian, ...), or a Latin one
    /// polsearch does not name (Polish, Romanian, Hungarian, Swedish, ...).
    Other,
}

impl Lang {
    /// Every language, in facet order.
    pub const ALL: [Lang; 8] = [
        Lang::En,
        Lang::Fr,
        Lang::De,
        Lang::Es,
        Lang::It,
        Lang::Nl,
        Lang::Pt,
        Lang::Other,
    ];

    /// Its ISO 639-1 code (`en`, `fr`, ...), or `other`: the facet value and filter name.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::It => "it",
            Lang::Nl => "nl",
            Lang::Pt => "pt",
            Lang::Other => "other",
        }
    }

    /// Its English name.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "French",
            Lang::De => "German",
            Lang::Es => "Spanish",
            Lang::It => "Italian",
            Lang::Nl => "Dutch",
            Lang::Pt => "Portuguese",
            Lang::Other => "other",
        }
    }

    /// Does polsearch tag clauses in this language (topics, retention statements)?
    pub fn is_read(self) -> bool {
        matches!(self, Lang::En | Lang::Fr)
    }
}

/// A language name that is none of polsearch's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl std::fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        write!(
            f,
            "unknown language '{}' (use {})",
            self.0,
            codes.join(", ")
        )
    }
}

impl std::error::Error for UnknownLang {}

impl std::str::FromStr for Lang {
    type Err = UnknownLang;
    /// A code (`fr`) or an English name (`French`), in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Lang::ALL
            .into_iter()
            .find(|l| {
                l.code().eq_ignore_ascii_case(wanted) || l.name().eq_ignore_ascii_case(wanted)
            })
            .ok_or_else(|| UnknownLang(s.to_owned()))
    }
}

/// The languages whose function words `w` (lower case) is one of: a bit per [`Lang`]. The
/// lists are the commonest short words of each language's policies, without the ones that
/// are English words too ("is", "of", "no", "do", "as") or that URLs and compounds split off
/// ("com", "e" of "e-mail", "non" of "non-exclusive").
fn function_word(w: &str) -> u8 {
    const EN: u8 = 1 << Lang::En as u8;
    const FR: u8 = 1 << Lang::Fr as u8;
    const DE: u8 = 1 << Lang::De as u8;
    const ES: u8 = 1 << Lang::Es as u8;
    const IT: u8 = 1 << Lang::It as u8;
    const NL: u8 = 1 << Lang::Nl as u8;
    const PT: u8 = 1 << Lang::Pt as u8;
    const OTHER: u8 = 1 << Lang::Other as u8;
    if w.len() > 9 {
        return 0;
    }
    match w {
        // English (the French decision's own list, and more).
        "the" | "and" | "of" | "your" | "we" | "is" | "are" | "for" | "with" | "this" | "that"
        | "you" | "our" | "be" | "by" | "or" | "will" | "may" | "data" | "not" | "it" | "from"
        | "if" | "on" | "at" | "can" => EN,
        // English words that other languages write too ("no" Spanish, "as" Portuguese, "to"
        // Polish); "do", far commoner in Portuguese and Polish, counts for them alone.
        "no" => EN | ES | IT | PT,
        "do" => PT | OTHER,
        "as" => EN | PT,
        "to" => EN | OTHER,
        // "in" is as common in German, Dutch and Italian ("werden in Ihrem Konto gespeichert").
        "in" => EN | DE | NL | IT,
        // Shared by several.
        "de" => FR | ES | PT | NL,
        "la" => FR | ES | IT,
        "que" => FR | ES | PT,
        "des" => FR | DE,
        "en" => FR | ES | NL,
        "le" => FR | IT,
        "die" | "wie" => DE | NL,
        "se" => FR | ES | IT | PT,
        "una" => ES | IT | PT,
        "para" | "por" | "como" | "este" | "esta" | "podemos" => ES | PT,
        "ou" => FR | PT,
        "na" => PT | OTHER,
        "nie" => DE | OTHER,
        "con" | "al" | "del" | "mi" => ES | IT,
        "si" | "un" => FR | ES | IT,
        "ne" | "l" => FR | IT,
        "son" => FR | ES,
        "das" => DE | PT,
        // French.
        "les" | "du" | "est" | "sont" | "vos" | "votre" | "nous" | "pour" | "pendant" | "dans"
        | "une" | "aux" | "qui" | "sur" | "avec" | "ces" | "cette" | "leur" | "leurs" | "par"
        | "et" | "au" | "à" | "données" | "durée" | "être" | "été" | "lorsque" | "afin"
        | "après" | "vous" | "notre" | "nos" | "ce" | "pas" | "sa" | "ses" | "qu" | "d" => FR,
        // German.
        "der" | "und" | "ist" | "nicht" | "wir" | "sie" | "ihre" | "ihrer" | "ihren" | "ihnen"
        | "mit" | "von" | "zu" | "den" | "dem" | "für" | "auf" | "eine" | "einer" | "einen"
        | "ein" | "werden" | "wird" | "oder" | "auch" | "sich" | "bei" | "nach" | "durch"
        | "zur" | "zum" | "im" | "uns" | "unsere" | "unserer" | "sind" | "können" | "kann"
        | "daten" | "diese" | "dieser" | "über" | "ich" | "mein" | "meine" | "meiner"
        | "meinen" | "welche" | "warum" => DE,
        // Spanish.
        "el" | "los" | "las" | "y" | "su" | "sus" | "nosotros" | "usted" | "es" | "estos"
        | "datos" | "lo" | "sobre" | "cuando" | "nuestro" | "nuestra" | "nuestros" | "nuestras"
        | "puede" | "pueden" | "tus" | "qué" | "cómo" | "cuánto" | "cuándo" => ES,
        // Italian.
        "il" | "gli" | "di" | "che" | "sono" | "dei" | "delle" | "della" | "degli" | "noi"
        | "nel" | "alla" | "questo" | "questa" | "dati" | "nostro" | "nostri" | "può" => IT,
        // Dutch.
        "het" | "een" | "van" | "wij" | "u" | "uw" | "ons" | "onze" | "zijn" | "voor" | "met"
        | "niet" | "op" | "dat" | "te" | "door" | "worden" | "wordt" | "deze" | "gegevens"
        | "als" | "ook" | "kunnen" | "naar" | "bij" | "om" | "je" | "ik" | "mijn" | "hoe"
        | "jullie" | "wat" => NL,
        // Portuguese.
        "os" | "em" | "seu" | "sua" | "seus" | "suas" | "nós" | "você" | "não" | "um" | "da"
        | "dos" | "ao" | "dados" | "pode" | "pelo" | "pela" | "são" | "nosso" | "nossa"
        | "nossos" | "nossas" | "às" | "pelos" | "pelas" | "meus" | "minha" | "minhas"
        | "vocês" => PT,
        // Others that Open Terms Archive's multilingual policies hold, counted together:
        // Romanian, Polish, Hungarian, Czech, Swedish, Danish and Norwegian.
        "și" | "în" | "să" | "vă" | "pentru" | "din" | "cu" | "pe" | "sau" | "dvs" | "noastre"
        | "unui" | "unei" | "această" | "acest" | "ale" | "nu" | "prin" | "privind" | "dacă"
        | "sunt" | "fi" | "către" | "datele" | "informații" | "dumneavoastră" | "się" | "jest"
        | "że" | "lub" | "oraz" | "przez" | "dla" | "które" | "który" | "jeśli" | "może" | "są"
        | "w" | "z" | "az" | "és" | "hogy" | "vagy" | "egy" | "meg" | "ön" | "által" | "nebo"
        | "jsou" | "och" | "att" | "det" | "som" | "av" | "på" | "är" | "inte" | "eller" | "og"
        | "ikke" | "til" | "af" | "jak" | "tego" | "er" | "fra" => OTHER,
        _ => 0,
    }
}

/// Is `w` (lower case) a function word of French alone ("nous", "les", "vos"; not "de", which
/// Spanish and Portuguese write too)?
pub fn french_only_word(w: &str) -> bool {
    function_word(w) == 1 << Lang::Fr as u8
}

/// The language of a text by its function words, or `None` when it says too little (a short
/// heading, a list of names, a table row of figures).
///
/// A text mostly in another script than Latin is [`Lang::Other`]. Otherwise each function
/// word counts for its languages (words of web and e-mail addresses do not count; the other
/// languages' words together count for [`Lang::Other`], and so does, in a text with one of
/// them, each word with a letter only they write: ł, ș, ő, å...): another language than
/// English wins with at least two words, more than twice as many as English ones (the other
/// languages: more than English ones) and more than any third language's (so an English
/// address line, "rue de la Paix", is a tie of French and Spanish: no winner); a text of six
/// words or more, a quarter of them with such letters, with at most one English and one other
/// function word is [`Lang::Other`] too; a text with an English word and no winner is English.
pub fn detect(text: &str) -> Option<Lang> {
    verdict(text).map(|(lang, _)| lang)
}

/// [`detect`]'s language, and whether it may speak for the short clauses around the text:
/// not when only its letters said it ("العربية" or "Čeština" in a menu of languages, a Turkish
/// address line in an English policy), unless it is a text of another script with ten
/// letters or more.
fn verdict(text: &str) -> Option<(Lang, bool)> {
    if !text.is_ascii() {
        if let Some(letters) = mostly_other_script(text) {
            return Some((Lang::Other, letters >= 10));
        }
    }
    let mut counts = [0u16; 8];
    let (mut words, mut accented) = (0u16, 0u16);
    // Words between spaces, elisions' apostrophes, hyphens and slashes ("utilisons-nous",
    // "et/ou"), punctuation trimmed; a token with a digit, dot or underscore inside is no word
    // ("da_lid", "vodafone.ie"), nor any part of a web or e-mail address.
    for w in text
        .split(char::is_whitespace)
        .filter(|t| !(t.contains("://") || t.contains("www.") || t.contains('@')))
        .flat_map(|t| t.split(['\'', '’', '-', '/']))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
    {
        words = words.saturating_add(1);
        let bits = if w.bytes().any(|b| b.is_ascii_uppercase()) || !w.is_ascii() {
            if w.chars().any(other_letter) {
                accented += 1;
            }
            function_word(&w.to_lowercase())
        } else {
            function_word(w)
        };
        for (i, count) in counts.iter_mut().enumerate() {
            *count += u16::from(bits >> i & 1);
        }
    }
    // In a text with a function word of the other languages, a word with a letter none of
    // the named languages writes counts for them too (not in a menu of language names).
    if counts[Lang::Other as usize] > 0 {
        counts[Lang::Other as usize] += accented;
    }
    let en = counts[Lang::En as usize];
    let (mut best, mut top, mut second) = (Lang::Other, 0u16, 0u16);
    for l in &Lang::ALL[1..] {
        let n = counts[*l as usize];
        if n > top {
            (best, top, second) = (*l, n, top);
        } else if n > second {
            second = n;
        }
    }
    // (Other languages' words are few and short: they win over English by any margin.)
    let margin = if best == Lang::Other { en } else { 2 * en };
    if top >= 2 && top > margin && top > second {
        return Some((best, true));
    }
    if words >= 6 && accented * 4 >= words && en <= 1 && top < 2 {
        return Some((Lang::Other, false));
    }
    (en > 0).then_some((Lang::En, true))
}

/// A letter of the Latin script that none of polsearch's named languages writes (Polish ł ą
/// ś, Romanian ș ț ă, Czech č ř ě, Hungarian ő ű, Scandinavian å ø æ, Turkish ğ ş ı).
fn other_letter(c: char) -> bool {
    matches!(
        c,
        'ł' | 'ą'
            | 'ę'
            | 'ś'
            | 'ź'
            | 'ż'
            | 'ć'
            | 'ń'
            | 'ș'
            | 'ş'
            | 'ț'
            | 'ţ'
            | 'ă'
            | 'č'
            | 'ř'
            | 'ě'
            | 'ů'
            | 'š'
            | 'ž'
            | 'ő'
            | 'ű'
            | 'å'
            | 'ø'
            | 'æ'
            | 'ğ'
            | 'ı'
            | 'Ł'
            | 'Ś'
            | 'Ż'
            | 'Ș'
            | 'Ş'
            | 'Ț'
            | 'Č'
            | 'Ř'
            | 'Š'
            | 'Ž'
            | 'Å'
            | 'Ø'
            | 'Æ'
            | 'Ğ'
            | 'İ'
    )
}

/// Slots of the per-thread language cache (a power of two; 16 bytes each, 1 MiB).
const CACHE_SLOTS: usize = 1 << 16;

thread_local! {
    /// Per thread: (hash of a text, its [`verdict`]: 0 for none, else 1 + the language + 16
    /// when it speaks for its neighbours; `u8::MAX` for an empty slot), direct-mapped.
    static CACHE: std::cell::RefCell<Vec<(u64, u8)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// [`verdict`], remembered per thread by the text's hash: the versions of a policy repeat most
/// of their clauses and headings, and a hash is cheaper than counting words again.
fn verdict_cached(text: &str) -> Option<(Lang, bool)> {
    let key = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
    CACHE.with_borrow_mut(|slots| {
        if slots.is_empty() {
            slots.resize(CACHE_SLOTS, (0, u8::MAX));
        }
        let slot = &mut slots[(key as usize) & (CACHE_SLOTS - 1)];
        if slot.0 == key && slot.1 != u8::MAX {
            return slot
                .1
                .checked_sub(1)
                .map(|v| (Lang::ALL[usize::from(v & 15)], v & 16 != 0));
        }
        let found = verdict(text);
        let code = found.map_or(0, |(l, strong)| l as u8 + 1 + if strong { 16 } else { 0 });
        *slot = (key, code);
        found
    })
}

/// When more than half of the text's letters are outside the Latin script, how many are.
fn mostly_other_script(text: &str) -> Option<usize> {
    let (mut letters, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if c > '\u{24f}' {
            other += 1;
        }
    }
    (other * 2 > letters).then_some(other)
}

/// The language of each clause of a document, given in file order as (text, section
/// heading, is it a heading): its text's ([`detect`]), else its section heading's; else, for
/// a heading, that of the clause right after it when that one has its own (the section it
/// opens: a document in several languages changes language by section, "## Deutsch"); else
/// that of the nearest clause before it that has one; else after it; else English (what
/// polsearch assumed of every clause before it told languages apart). A short clause,
/// "Cookies" or "2.1 Exécution du contrat", is in the language around it.
pub fn of_clauses<'a>(clauses: impl IntoIterator<Item = (&'a str, &'a str, bool)>) -> Vec<Lang> {
    let (found, headings): (Vec<Option<(Lang, bool)>>, Vec<bool>) = clauses
        .into_iter()
        .map(|(text, section, heading)| {
            (
                verdict_cached(text).or_else(|| verdict_cached(section)),
                heading,
            )
        })
        .unzip();
    // What may speak for a neighbour (see `verdict`).
    let strong: Vec<Option<Lang>> = found
        .iter()
        .map(|f| f.filter(|&(_, strong)| strong).map(|(l, _)| l))
        .collect();
    // The nearest language before each clause, and after it.
    let mut before = Vec::with_capacity(found.len());
    let mut last = None;
    for s in &strong {
        before.push(last);
        last = s.or(last);
    }
    let mut after = vec![None; found.len()];
    let mut next = None;
    for (i, s) in strong.iter().enumerate().rev() {
        after[i] = next;
        next = s.or(next);
    }
    (0..found.len())
        .map(|i| {
            let opens = match (headings[i], strong.get(i + 1), headings.get(i + 1)) {
                (true, Some(&next), Some(false)) => next,
                _ => None,
            };
            found[i]
                .map(|(l, _)| l)
                .or(opens)
                .or(before[i])
                .or(after[i])
                .unwrap_or(Lang::En)
        })
        .collect()
}

/// Is the clause written in French ([`detect`])? Only a clause that is not pure ASCII and
/// holds a French word in a literal pre-scan is counted.
pub fn in_french(text: &str) -> bool {
    !text.is_ascii() && FRENCH_MARKS.is_match(text) && detect(text) == Some(Lang::Fr)
}

/// Words a French sentence with two French function words all but always holds, looked for in
/// one literal scan before the words are counted: English clauses with a curly apostrophe
/// (most of a crawl's) are passed over at the cost of that scan.
static FRENCH_MARKS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            " de ",
            " des ",
            " les ",
            " la ",
            " le ",
            " du ",
            " et ",
            " est ",
            " sont ",
            " vos ",
            " votre ",
            " vous ",
            " nous ",
            " une ",
            " pour ",
            " pendant ",
            " dans ",
            " par ",
            " sur ",
            " avec ",
            " au ",
            " aux ",
            " ces ",
            " ou ",
            " à ",
            "données",
            " d’",
            " d'",
            " l’",
            " l'",
        ])
        .expect("static literals build")
});

/// French policy words and the English the topic model knows them by (the project's own list).
const GLOSS: &[(&str, &str)] = &[
    ("accepter", "accept"),
    ("accès", "access"),
    ("accéder", "access"),
    ("achat", "purchase"),
    ("achats", "purchases"),
    ("adresse", "address"),
    ("affiliées", "affiliates"),
    ("afin", "in order"),
    ("amis", "friends"),
    ("améliorer", "improve"),
    ("annonceur", "advertiser"),
    ("annonceurs", "advertisers"),
    ("années", "years"),
    ("ans", "years"),
    ("appareil", "device"),
    ("appareils", "devices"),
    ("application", "application"),
    ("applications", "applications"),
    ("archives", "archives"),
    ("archivées", "archived"),
    ("autorisé", "authorized"),
    ("autorisés", "authorized"),
    ("autorités", "authorities"),
    ("avec", "with"),
    ("aviser", "notify"),
    ("balises", "beacons"),
    ("bancaires", "bank"),
    ("californie", "california"),
    ("caractère", "nature"),
    ("carte", "card"),
    ("ce", "this"),
    ("cette", "this"),
    ("changements", "changes"),
    ("chiffrement", "encryption"),
    ("chiffrées", "encrypted"),
    ("choisir", "choose"),
    ("choisissez", "choose"),
    ("choix", "choice"),
    ("clauses", "clauses"),
    ("cnil", "authority"),
    ("collecte", "collection"),
    ("collecter", "collect"),
    ("collectons", "collect"),
    ("collectée", "collected"),
    ("collectées", "collected"),
    ("collectés", "collected"),
    ("commande", "order"),
    ("commandes", "orders"),
    ("comment", "how"),
    ("commentaires", "comments"),
    ("commerciales", "marketing"),
    ("communiquer", "disclose"),
    ("communiquons", "disclose"),
    ("compte", "account"),
    ("comptes", "accounts"),
    ("confidentialité", "privacy"),
    ("connexion", "login"),
    ("consentement", "consent"),
    ("consentir", "consent"),
    ("conservation", "retention"),
    ("conserver", "retain"),
    ("conservons", "retain"),
    ("conservées", "retained"),
    ("conservés", "retained"),
    ("consulter", "view"),
    ("contact", "contact"),
    ("contacter", "contact"),
    ("contactez", "contact"),
    ("contacts", "contacts"),
    ("contenu", "content"),
    ("contenus", "content"),
    ("contractuelles", "contractual"),
    ("contrôle", "control"),
    ("contrôler", "control"),
    ("cookie", "cookie"),
    ("cookies", "cookies"),
    ("copie", "copy"),
    ("corriger", "correct"),
    ("courrier", "mail"),
    ("dans", "in"),
    ("date", "date"),
    ("demande", "request"),
    ("demandes", "requests"),
    ("des", "of"),
    ("divulgation", "disclosure"),
    ("divulguer", "disclose"),
    ("divulguons", "disclose"),
    ("donnée", "data"),
    ("données", "data"),
    ("dpo", "dpo"),
    ("droit", "right"),
    ("droits", "rights"),
    ("durée", "period"),
    ("délégué", "officer"),
    ("désabonner", "unsubscribe"),
    ("désactiver", "disable"),
    ("désinscrire", "unsubscribe"),
    ("e-mail", "email"),
    ("eee", "eea"),
    ("effacement", "erasure"),
    ("effacer", "erase"),
    ("email", "email"),
    ("enfant", "child"),
    ("enfants", "children"),
    ("et", "and"),
    ("européen", "european"),
    ("européenne", "european"),
    ("filiales", "affiliates"),
    ("finalité", "purpose"),
    ("finalités", "purposes"),
    ("fins", "purposes"),
    ("fournies", "provided"),
    ("fournir", "provide"),
    ("fournisseurs", "providers"),
    ("fournissez", "provide"),
    ("fraude", "fraud"),
    ("frauduleuse", "fraudulent"),
    ("géolocalisation", "geolocation"),
    ("hors", "outside"),
    ("identifiant", "identifier"),
    ("identifiants", "identifiers"),
    ("information", "information"),
    ("informations", "information"),
    ("informerons", "notify"),
    ("international", "international"),
    ("internationaux", "international"),
    ("ip", "ip"),
    ("jour", "update"),
    ("journaux", "logs"),
    ("jours", "days"),
    ("justice", "court"),
    ("les", "the"),
    ("livraison", "delivery"),
    ("localisation", "location"),
    ("loi", "law"),
    ("lois", "laws"),
    ("lorsque", "when"),
    ("légale", "legal"),
    ("légales", "legal"),
    ("marketing", "marketing"),
    ("messages", "messages"),
    ("mesures", "measures"),
    ("mettre", "update"),
    ("mineur", "minor"),
    ("mineurs", "minors"),
    ("mise", "update"),
    ("modification", "change"),
    ("modifications", "changes"),
    ("modifier", "change"),
    ("modifierons", "change"),
    ("moins", "under"),
    ("mois", "months"),
    ("mot", "password"),
    ("navigateur", "browser"),
    ("navigation", "browsing"),
    ("ne", "not"),
    ("nom", "name"),
    ("non", "unauthorized"),
    ("nos", "our"),
    ("notification", "notification"),
    ("notre", "our"),
    ("nous", "we"),
    ("numéro", "number"),
    ("obtenons", "obtain"),
    ("opposer", "object"),
    ("opposition", "objection"),
    ("option", "option"),
    ("options", "options"),
    ("organisationnelles", "organizational"),
    ("ou", "or"),
    ("paiement", "payment"),
    ("paiements", "payments"),
    ("par", "by"),
    ("paramètres", "settings"),
    ("parental", "parental"),
    ("parents", "parents"),
    ("partage", "sharing"),
    ("partageons", "share"),
    ("partager", "share"),
    ("partagées", "shared"),
    ("partenaire", "partner"),
    ("partenaires", "partners"),
    ("parties", "parties"),
    ("pas", "not"),
    ("passe", "password"),
    ("pays", "countries"),
    ("personnalisation", "personalization"),
    ("personnaliser", "personalize"),
    ("personnalisées", "personalized"),
    ("personnel", "personal"),
    ("personnelle", "personal"),
    ("personnelles", "personal"),
    ("personnels", "personal"),
    ("photos", "photos"),
    ("plainte", "complaint"),
    ("plateforme", "platform"),
    ("police", "police"),
    ("politique", "policy"),
    ("portabilité", "portability"),
    ("postale", "postal"),
    ("pour", "for"),
    ("pourquoi", "why"),
    ("prestataire", "provider"),
    ("prestataires", "providers"),
    ("produit", "product"),
    ("produits", "products"),
    ("profil", "profile"),
    ("promotions", "promotions"),
    ("prospection", "marketing"),
    ("protection", "protection"),
    ("protéger", "protect"),
    ("préférences", "preferences"),
    ("prénom", "first"),
    ("publications", "posts"),
    ("publicitaires", "advertising"),
    ("publicité", "advertising"),
    ("publicités", "advertising"),
    ("période", "period"),
    ("que", "that"),
    ("quelles", "what"),
    ("quels", "what"),
    ("question", "question"),
    ("questions", "questions"),
    ("qui", "who"),
    ("recevoir", "receive"),
    ("recevons", "receive"),
    ("rectification", "correction"),
    ("rectifier", "correct"),
    ("recueillerons", "collect"),
    ("recueillies", "collected"),
    ("recueillir", "collect"),
    ("recueillons", "collect"),
    ("refuser", "refuse"),
    ("retirer", "withdraw"),
    ("retrait", "withdrawal"),
    ("réclamation", "complaint"),
    ("réglementation", "regulation"),
    ("résidents", "residents"),
    ("service", "service"),
    ("services", "services"),
    ("si", "if"),
    ("signal", "signal"),
    ("site", "site"),
    ("sites", "sites"),
    ("sociétés", "companies"),
    ("stockage", "storage"),
    ("stocker", "store"),
    ("stockées", "stored"),
    ("suivi", "tracking"),
    ("suivre", "track"),
    ("suppression", "deletion"),
    ("supprimer", "delete"),
    ("supprimera", "delete"),
    ("supprimons", "delete"),
    ("supprimées", "deleted"),
    ("sur", "on"),
    ("sécuriser", "secure"),
    ("sécurisé", "secure"),
    ("sécurisées", "secured"),
    ("sécurité", "security"),
    ("techniques", "technical"),
    ("tierce", "third"),
    ("tiers", "third"),
    ("traceur", "tracker"),
    ("traceurs", "trackers"),
    ("traitement", "processing"),
    ("traitements", "processing"),
    ("traiter", "process"),
    ("traitons", "process"),
    ("traitées", "processed"),
    ("transfert", "transfer"),
    ("transferts", "transfers"),
    ("transférer", "transfer"),
    ("transmettre", "transfer"),
    ("transmises", "transferred"),
    ("types", "standard"),
    ("télécharger", "download"),
    ("téléphone", "phone"),
    ("témoins", "cookies"),
    ("ue", "eu"),
    ("utilisateur", "user"),
    ("utilisateurs", "users"),
    ("utilisation", "use"),
    ("utilise", "uses"),
    ("utiliser", "use"),
    ("utilisons", "use"),
    ("utilisées", "used"),
    ("vendons", "sell"),
    ("vendre", "sell"),
    ("version", "version"),
    ("vigueur", "effective"),
    ("vos", "your"),
    ("votre", "your"),
    ("vous", "you"),
    ("âge", "age"),
    ("âgés", "aged"),
    ("écrire", "write"),
];

static GLOSSARY: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| GLOSS.iter().copied().collect());

/// `text` read through [`gloss_french`] when it is French ([`in_french`]), else as it is.
pub fn gloss_if_french(text: &str) -> std::borrow::Cow<'_, str> {
    if in_french(text) {
        gloss_french(text).into()
    } else {
        text.into()
    }
}

/// A French clause as the English topic model can read it: each word the glossary knows in
/// English, the others as they are (names, "cookies", "marketing" are the same in both).
pub fn gloss_french(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
    {
        let lower = w.to_lowercase();
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(GLOSSARY.get(lower.as_str()).copied().unwrap_or(&lower));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_english_clauses() {
        assert!(in_french("Nous conservons vos données pendant trois ans."));
        assert!(in_french("| Données de connexion | 1 an |"));
        for t in [
            "We keep your data for 12 months after you close your account.",
            "La Poste and our partners keep invoices for ten years, as the law requires.",
            "We don’t sell your personal information to third parties.",
            // Spanish is no French.
            "Recopilamos información cuando interactúas con nosotros.",
        ] {
            assert!(!in_french(t), "{t}");
        }
    }

    #[test]
    fn each_language_by_its_function_words() {
        // (Sentences written for this test.)
        for (text, lang) in [
            ("We keep your data for 12 months after you close your account.", Lang::En),
            ("Nous conservons vos données pendant trois ans.", Lang::Fr),
            ("Les clients peuvent exercer ce droit depuis leur espace client.", Lang::Fr),
            ("Wir speichern Ihre Daten nur so lange, wie es für den Zweck nötig ist.", Lang::De),
            ("Guardamos tus datos durante el tiempo necesario para los fines del servicio.", Lang::Es),
            ("Conserviamo i dati degli utenti per il tempo necessario alla gestione del servizio.", Lang::It),
            ("Wij bewaren uw gegevens niet langer dan nodig is voor het doel van de dienst.", Lang::Nl),
            ("Guardamos os seus dados apenas pelo tempo necessário para prestar o serviço.", Lang::Pt),
            ("Przechowujemy dane użytkownika przez okres niezbędny dla realizacji usługi.", Lang::Other),
            ("Păstrăm datele dvs. în siguranță pentru a vă oferi serviciile noastre.", Lang::Other),
            ("Vi sparar dina uppgifter och det är inte längre än som behövs.", Lang::Other),
            ("Zakład przetwarza dane użytkownika zgodnie z ustawą", Lang::Other),
            // French with few function words and many accents is no other language.
            ("À défaut, les tribunaux français seront seuls compétents.", Lang::Fr),
            ("お客様の個人情報は、サービスの提供に必要な期間保存します。", Lang::Other),
            // "in" is German, Dutch and Italian too.
            ("Die Einstellungen werden in Ihrem Konto gespeichert.", Lang::De),
            ("Klanten die in de Europese Unie wonen, hebben extra rechten.", Lang::Nl),
            // Questions, by their pronouns and question words.
            ("Wie kann ich mein Konto löschen?", Lang::De),
            ("Hoe lang bewaren jullie mijn gegevens?", Lang::Nl),
            ("¿Cómo puedo eliminar mi cuenta?", Lang::Es),
            ("Como posso excluir minha conta?", Lang::Pt),
        ] {
            assert_eq!(detect(text), Some(lang), "{text}");
        }
        // English with "in" stays English.
        assert_eq!(
            detect("We store data in the EU in line with the law."),
            Some(Lang::En)
        );
    }

    #[test]
    fn english_that_looks_foreign_stays_english() {
        for text in [
            // Domains are no words; "non-" and "e-" are no function words.
            "askfjord.com, fjordmail.com, fjordcloud.com and our other sites use this policy.",
            "a non-exclusive, non-transferable, non-sublicensable, revocable licence",
            "Send an e-mail to the privacy team at privacy@fjord.example.",
            // Names and addresses in other languages.
            "Fjordlys GmbH, Musterstrasse 1, 10115 Berlin, is the controller of your data.",
            "One review per employer, per year, per review type.",
            // Cookie names are no words.
            "| .fjord.example | da_lid , _da_xyz , da_sq | First Party | 364 Days |",
        ] {
            // (English, or nothing to go by: English around English.)
            assert!(matches!(detect(text), Some(Lang::En) | None), "{text}");
        }
        // A line with nothing to go by, and an address whose words are French and Spanish.
        assert_eq!(detect("Cookies"), None);
        assert_eq!(detect("12 rue de la Paix"), None);
    }

    #[test]
    fn a_short_clause_takes_the_language_around_it() {
        let clauses = [
            ("Datenschutz", "", true),
            (
                "Wir speichern Ihre Daten nur, wenn Sie zustimmen.",
                "Datenschutz",
                false,
            ),
            ("Cookies", "Datenschutz", true),
            ("Name, Anschrift", "Cookies", false),
            ("Privacy", "", true),
            ("We keep your data for a year.", "Privacy", false),
            ("Name, address", "Privacy", false),
            ("Deutsch", "Privacy", true),
            (
                "Wir verwenden Cookies, um Besuche zu zählen.",
                "Deutsch",
                false,
            ),
            (
                "2.1 Exécution du contrat",
                "2. Pourquoi traitons-nous vos données ?",
                true,
            ),
        ];
        assert_eq!(
            of_clauses(clauses),
            [
                // (A heading: the section it opens.)
                Lang::De,
                Lang::De,
                // (Its section says nothing: the clauses before.)
                Lang::De,
                Lang::De,
                Lang::En,
                Lang::En,
                Lang::En,
                Lang::De,
                Lang::De,
                Lang::Fr
            ]
        );
        assert_eq!(of_clauses([("Cookies", "", true)]), [Lang::En]);
        // A menu of languages speaks for no one.
        assert_eq!(
            of_clauses([
                ("العربية", "", false),
                (
                    "Čeština | Dansk | Magyar | Polski | Română | Türkçe",
                    "",
                    false
                ),
                ("More", "", false),
                ("We keep your data for a year.", "", false),
            ]),
            [Lang::Other, Lang::Other, Lang::En, Lang::En]
        );
        assert_eq!("FR".parse::<Lang>(), Ok(Lang::Fr));
        assert_eq!("german".parse::<Lang>(), Ok(Lang::De));
        assert!("klingon".parse::<Lang>().is_err());
    }

    #[test]
    fn the_gloss_speaks_the_model_s_english() {
        assert_eq!(
            gloss_french("Nous partageons vos données avec des tiers."),
            "we share your data with of third"
        );
        // Unknown words stay, lower-cased; elisions split.
        assert_eq!(gloss_french("L’équipe Fjordlys"), "l équipe fjordlys");
        // The glossary is sorted and has no word twice (a second entry would be dead).
        assert!(
            GLOSS.windows(2).all(|p| p[0].0 < p[1].0),
            "sorted, no duplicates"
        );
    }
}
