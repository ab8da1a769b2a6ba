//! Which language a clause is written in, and what polsearch does for French.
//!
//! polsearch's analysis is English (the topic model learnt OPP-115, the company cues, the
//! stemmer), but Open Terms Archive began as a French public service and holds French policies
//! beside the English ones. A clause whose function words are French gets its retention
//! statements from French rules ([`crate::analyze::retention`]) and its topics from the English
//! model reading a word-for-word English gloss of its policy vocabulary ([`gloss_french`]): a
//! rough reading, measured in the README, far better than the English model reading French.

use std::collections::HashMap;
use std::sync::LazyLock;

/// French function words (and the few words every French policy uses): a clause with enough
/// of them, and few English ones, is French.
const FRENCH_WORDS: &[&str] = &[
    "les", "des", "du", "la", "le", "de", "est", "sont", "vos", "votre", "nous", "pour", "pendant",
    "dans", "une", "aux", "qui", "que", "sur", "avec", "ces", "cette", "leur", "leurs", "par",
    "et", "au", "à", "données", "durée", "être", "été", "ou", "lorsque", "afin", "après",
];
const ENGLISH_WORDS: &[&str] = &[
    "the", "and", "of", "to", "your", "we", "is", "are", "for", "with", "this", "that", "you",
    "our", "be", "by", "or", "in", "will", "may", "data",
];

/// Is the clause written in French? Only a clause that is not pure ASCII is asked (nearly
/// every French sentence has an accent or a typographic apostrophe, and English ones are
/// spared the count); it is French with at least two French words and more than twice as many
/// as English ones.
pub fn in_french(text: &str) -> bool {
    !text.is_ascii() && FRENCH_MARKS.is_match(text) && counts_as_french(text)
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

/// [`in_french`]'s word count, for any text.
fn counts_as_french(text: &str) -> bool {
    let (mut fr, mut en) = (0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        // (Lower-cased only when it has a capital: most words are in lower case already.)
        let lower: std::borrow::Cow<str> = if w.chars().any(char::is_uppercase) {
            w.to_lowercase().into()
        } else {
            w.into()
        };
        if FRENCH_WORDS.contains(&lower.as_ref()) {
            fr += 1;
        } else if ENGLISH_WORDS.contains(&lower.as_ref()) {
            en += 1;
        }
    }
    fr >= 2 && fr > 2 * en
}

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
