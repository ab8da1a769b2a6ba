//! Retention statements in French: how long a clause written in French says data is kept.
//!
//! Open Terms Archive began as a French public service and holds French policies beside the
//! English ones ("vos données sont conservées pendant 3 ans à compter de la fin de la relation
//! commerciale"); a regulator's corpus may hold nothing else. The English rules find none of
//! it, so a clause whose function words are French is read here instead, by the same notion of
//! a statement, kept small and explainable:
//!
//! - a **stated** period ("3 ans", "treize (13) mois", "un an", "72 heures") counts near a verb
//!   or noun of keeping or deleting (conserver, garder, stocker, archiver, supprimer, effacer,
//!   détruire, anonymiser, purger; "durée de conservation") in its sentence, or without one in
//!   a short clause or a table row about retention (a heading "Durée de conservation"); not
//!   when it is an age ("les enfants de moins de 15 ans"), a notice ("préavis de 30 jours"), a
//!   deadline to answer or refund ("nous répondrons dans un délai d'un mois"), a withdrawal or
//!   trial period, a warranty, a frequency or price ("tous les 12 mois", "9 € par mois") or a
//!   look-back ("au cours des 12 derniers mois");
//! - a **criterion** ("aussi longtemps que nécessaire", "pendant toute la durée de votre
//!   abonnement", "jusqu'à la suppression de votre compte", "le temps nécessaire à",
//!   "pendant la durée de prescription") counts close to such a verb, not negated;
//! - **indefinite** ("indéfiniment", "sans limitation de durée") counts with a verb of keeping,
//!   not negated; "supprimées définitivement" deletes for good and is no statement;
//! - a **cookie** lifetime when the cookie itself is kept or expires ("les cookies sont
//!   conservés 13 mois"); data read through cookies is data ("les informations issues des
//!   cookies sont conservées 25 mois").
//!
//! The learnt filter ([`crate::analyze::classifier::RetentionFilter`]) is trained on English
//! clauses and does not judge these.

use std::sync::LazyLock;

use regex::Regex;

use super::{Retention, RetentionKind};
use crate::analyze::period::days_of;
use crate::text::{floor_char_boundary, Span};

/// Numbers as digits or French words (the longer words first: "dix-huit" before "dix").
const NUMBER: &str = r"\d{1,4}|quatre-vingt-dix|soixante-dix|vingt-quatre|dix-huit|dix-sept|dix-neuf|quarante-huit|trente-six|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent";

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<num>{NUMBER})(?:\s*\((?P<paren>\d{{1,4}})\))?[\s\u{{a0}}]+(?P<unit>heures?|jours?|semaines?|mois|ans|années?|an)\b"
    ))
    .expect("static pattern compiles")
});

/// A verb or noun of keeping or deleting.
static KEEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:conserv\w*|gard(?:e|é|ée|ées|és|ent|ons|ez|er|era|eront|erons)\b|stock\w*|archiv\w*|sauvegard\w*|supprim\w*|effac\w*|détrui\w*|détruit\w*|anonymis\w*|pseudonymis\w*|purg\w*|rétention|retenu\w*|durées?\s+de\s+vie)",
    )
    .expect("static pattern compiles")
});

/// The verbs of [`KEEP`] that only delete (a deletion the reader does is no statement).
static DELETE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:supprim|effac|détrui|détruit|purg)").expect("static pattern compiles")
});

static CRITERION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:aussi longtemps que|tant que|le temps (?:strictement )?nécessaire|(?:pendant|pour|durant) (?:toute )?la durée (?:strictement )?(?:nécessaire|de|du|des|d[’']|légale)|(?:pendant|pour|durant) (?:toute )?la période (?:de|du|nécessaire)|jusqu[’'](?:à|au|aux) (?:la |l[’']|le |ce que |ce qu[’']|votre |vos |leur |sa |son |expiration|suppression|fermeture|clôture|résiliation|fin |retrait|désinscription|désactivation)|pour une durée (?:n[’']excédant pas|strictement nécessaire|nécessaire|limitée|proportionnée|conforme)|n[’']excédant pas (?:la durée|le temps|celle)|(?:la )?durée (?:légale|de prescription)|délais? (?:de prescription|légaux|légal)|conformément aux (?:délais|durées|obligations)|si nous (?:y )?sommes (?:légalement )?(?:tenus|obligés|contraints)|dans l[’']obligation légale|pour (?:respecter|satisfaire à|nous conformer à) (?:nos|des|les|ses) obligations légales|lorsque la loi l[’']exige)",
    )
    .expect("static pattern compiles")
});

/// The end of the reader's account, which a deletion may follow: "lorsque vous fermez votre
/// compte", "après la suppression de votre compte", "vous pouvez supprimer votre compte ...,
/// auquel cas".
static ACCOUNT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:fermer|fermez|supprimer|supprimez|clôturer|clôturez|résilier|résiliez|désactiver|désactivez) votre compte|(?:fermeture|suppression|clôture|résiliation|désactivation) de votre compte)",
    )
    .expect("static pattern compiles")
});

/// A deletion the service does (not the reader's infinitive "supprimer"): "nous
/// supprimerons", "X supprimera", "seront supprimées", "sont effacées".
static SERVICE_DELETES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:supprim|effac|détrui|anonymis)(?:erons|era|eront|ons|e|ent|ées|és|ée|é)\b",
    )
    .expect("static pattern compiles")
});

static INDEFINITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:indéfiniment|sans limit(?:e|ation) de (?:durée|temps)|pour une durée (?:illimitée|indéterminée)|pour toujours)",
    )
    .expect("static pattern compiles")
});

/// Words before a period that make it something else than how long data is kept: an age, a
/// notice, a withdrawal or trial period, a warranty, a frequency, a look-back.
const TRAP_BEFORE: &[&str] = &[
    "âge",
    "âgé",
    "âgée",
    "âgés",
    "âgées",
    "enfant",
    "enfants",
    "mineur",
    "mineurs",
    "mineure",
    "mineures",
    "préavis",
    "rétractation",
    "garantie",
    "essai",
    "tous",
    "toutes",
    "chaque",
    "depuis",
    "il",
    "naissance",
];

/// Words of a sentence that make a period a deadline to answer, refund, deliver or decide.
const DEADLINE: &[&str] = &[
    "répond",
    "réponse",
    "rembours",
    "livr",
    "réclamation",
    "notifi",
    "informer",
    "informerons",
    "prévenir",
    // A trial: "60 jours pour vous décider", "30 jours pour retourner l'article".
    "décid",
    "réfléch",
    "retourn",
];

/// Retention statements of a French clause; `about_retention` says the clause is about
/// retention (a heading "Durée de conservation"), which lets a short clause or a table row
/// state a period without a verb (a criterion always needs one: "Pendant la durée du contrat, la
/// banque pourra" keeps nothing).
pub(super) fn extract(text: &str, about_retention: bool) -> Vec<Retention> {
    let short = about_retention && (text.contains('|') || text.split_whitespace().count() <= 12);
    let mut out: Vec<Retention> = Vec::new();
    for caps in DURATION.captures_iter(text) {
        let (Some(whole), Some(number)) = (caps.get(0), caps.name("num")) else {
            continue;
        };
        let (start, end) = (number.start(), whole.end());
        let n = caps
            .name("paren")
            .and_then(|p| p.as_str().parse().ok())
            .or_else(|| number_value(number.as_str()));
        let Some(n) = n else { continue };
        let unit = english_unit(caps.name("unit").map_or("", |u| u.as_str()));
        let days = days_of(n, unit);
        if days > 100 * 365 || is_trap(text, start, end) {
            continue;
        }
        if !(short || keep_near(text, start, end, 25, 12)) {
            continue;
        }
        let kind = if cookie_is_kept(text, start) {
            RetentionKind::Cookie
        } else {
            RetentionKind::Stated
        };
        out.push(Retention {
            text: text[start..end].to_owned(),
            days: Some(days),
            kind,
            span: Span::new(start, end),
        });
    }
    for (re, kind) in [
        (&*CRITERION, RetentionKind::Criterion),
        (&*INDEFINITE, RetentionKind::Indefinite),
    ] {
        for m in re.find_iter(text) {
            // ("en tant que responsable du traitement": "as", not "as long as".)
            let lead = &text[floor_char_boundary(text, m.start().saturating_sub(3))..m.start()];
            let as_a = lead.eq_ignore_ascii_case("en ");
            if as_a
                || out
                    .iter()
                    .any(|r| r.span.start <= m.start() && m.start() < r.span.end)
                || negated(text, m.start())
                || !keep_near(text, m.start(), m.end(), 12, 12)
                || (kind == RetentionKind::Indefinite && !keeping_near(text, m.start(), m.end()))
            {
                continue;
            }
            // A criterion runs to the end of its words' phrase: up to a comma, a full stop or
            // a semicolon, at most 12 words.
            let end = if kind == RetentionKind::Criterion {
                phrase_end(text, m.end())
            } else {
                m.end()
            };
            let span = text[m.start()..end].trim_end();
            let kind = if kind == RetentionKind::Criterion && cookie_is_kept(text, m.start()) {
                RetentionKind::Cookie
            } else {
                kind
            };
            out.push(Retention {
                text: span.to_owned(),
                days: None,
                kind,
                span: Span::new(m.start(), m.start() + span.len()),
            });
        }
    }
    // A deletion the service does when the reader's account ends: the account's end is the
    // criterion ("vous pouvez fermer votre compte, et nous supprimerons alors vos
    // informations").
    for m in ACCOUNT_END.find_iter(text) {
        let (s, e) = sentence(text, m.start());
        let deletes = SERVICE_DELETES.find_iter(&text[s..e]).any(|d| {
            let at = s + d.start();
            // (Not the account's own deletion: "supprimer votre compte" is no deletion of data.)
            (at < m.start() || at >= m.end()) && !negated(text, at)
        });
        if !deletes
            || negated(text, m.start())
            || out
                .iter()
                .any(|r| r.span.start < m.end() && m.start() < r.span.end)
        {
            continue;
        }
        out.push(Retention {
            text: m.as_str().to_owned(),
            days: None,
            kind: RetentionKind::Criterion,
            span: Span::new(m.start(), m.end()),
        });
    }
    out.sort_by_key(|r| r.span.start);
    out
}

/// The value of a French number word ("treize" 13, "quatre-vingt-dix" 90).
fn number_value(word: &str) -> Option<u64> {
    if let Ok(n) = word.parse() {
        return Some(n);
    }
    Some(match word.to_lowercase().as_str() {
        "un" | "une" => 1,
        "deux" => 2,
        "trois" => 3,
        "quatre" => 4,
        "cinq" => 5,
        "six" => 6,
        "sept" => 7,
        "huit" => 8,
        "neuf" => 9,
        "dix" => 10,
        "onze" => 11,
        "douze" => 12,
        "treize" => 13,
        "quatorze" => 14,
        "quinze" => 15,
        "seize" => 16,
        "dix-sept" => 17,
        "dix-huit" => 18,
        "dix-neuf" => 19,
        "vingt" => 20,
        "vingt-quatre" => 24,
        "trente" => 30,
        "trente-six" => 36,
        "quarante" => 40,
        "quarante-huit" => 48,
        "cinquante" => 50,
        "soixante" => 60,
        "soixante-dix" => 70,
        "quatre-vingt-dix" => 90,
        "cent" => 100,
        _ => return None,
    })
}

/// The English unit [`days_of`] reads for a French one.
fn english_unit(unit: &str) -> &'static str {
    let u = unit.to_lowercase();
    if u.starts_with("heure") {
        "hours"
    } else if u.starts_with("jour") {
        "days"
    } else if u.starts_with("semaine") {
        "weeks"
    } else if u == "mois" {
        "months"
    } else {
        "years"
    }
}

/// The sentence around `at`: from the last full stop, semicolon or line break before it to
/// the next one after.
fn sentence(text: &str, at: usize) -> (usize, usize) {
    let is_end = |c: char| matches!(c, '.' | ';' | '!' | '?' | '\n');
    let start = text[..at]
        .char_indices()
        .rev()
        // (Not the dot of a decimal or an abbreviation glued to a digit: "1.5".)
        .find(|&(i, c)| {
            is_end(c) && !text[i + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|&(i, c)| {
            is_end(c) && !text[at + i + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
        })
        .map_or(text.len(), |(i, _)| at + i);
    (start, end)
}

/// The words of `text[from..to]`, lower-cased.
fn words(text: &str, from: usize, to: usize) -> Vec<String> {
    text[from..to]
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A verb or noun of keeping within `before` words before `start` or `after` words after
/// `end`, in the same sentence, that the reader does not do ("vous pouvez supprimer").
fn keep_near(text: &str, start: usize, end: usize, before: usize, after: usize) -> bool {
    let (s, e) = sentence(text, start);
    let e = e.max(end.min(text.len()));
    KEEP.find_iter(&text[s..e]).any(|m| {
        let (ms, me) = (s + m.start(), s + m.end());
        let in_reach = if me <= start {
            words(text, me, start).len() <= before
        } else if ms >= end {
            words(text, end, ms).len() <= after
        } else {
            true
        };
        in_reach && !readers_deletion(text, s, ms, m.as_str())
    })
}

/// A verb of keeping proper (not deleting) near an indefinite statement: "conservées
/// indéfiniment", not "supprimées définitivement".
fn keeping_near(text: &str, start: usize, end: usize) -> bool {
    let (s, e) = sentence(text, start);
    KEEP.find_iter(&text[s..e.max(end)])
        .any(|m| !DELETE.is_match(m.as_str()) && words(text, s + m.end(), start).len() <= 12)
}

/// A deletion the reader does: "vous pouvez supprimer vos messages pendant 48 heures".
fn readers_deletion(text: &str, sentence_start: usize, verb_start: usize, verb: &str) -> bool {
    if !DELETE.is_match(verb) {
        return false;
    }
    let lead = words(text, sentence_start, verb_start);
    let lead = &lead[lead.len().saturating_sub(6)..];
    lead.iter().any(|w| w == "vous")
        && lead
            .iter()
            .any(|w| w.starts_with("pouv") || w.starts_with("pourr") || w == "possibilité")
}

/// Is the period at `start..end` something else than a keeping: an age, a notice, a deadline,
/// a frequency, a price, a look-back?
fn is_trap(text: &str, start: usize, end: usize) -> bool {
    let (s, e) = sentence(text, start);
    let before = words(text, s, start);
    let near_before = &before[before.len().saturating_sub(5)..];
    let after = words(text, end, e);
    let near_after = &after[..after.len().min(4)];
    if near_before
        .iter()
        .any(|w| TRAP_BEFORE.contains(&w.as_str()))
    {
        return true;
    }
    // An inactivity rule that only closes an account: "un compte inactif pendant 6 mois est
    // désactivé" (one that deletes data has its verb: "supprimées après 3 ans d'inactivité").
    let account_only = |w: &String| {
        w.starts_with("inacti") || w.starts_with("désactiv") || w.starts_with("révoqu")
    };
    if (near_before.iter().any(account_only) || near_after.iter().any(account_only))
        && !keep_near(text, start, end, 25, 12)
    {
        return true;
    }
    // The legal guarantee of goods sold: "Pour les biens vendus d'occasion, ce délai est fixé
    // à six mois" (how long a defect is presumed to predate delivery).
    let lower = text[s..e].to_lowercase();
    if [
        "biens vendus",
        "bien vendu",
        "défauts de conformité",
        "défaut de conformité",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return true;
    }
    // "une extension de six mois de la garantie": a warranty's period, whichever side.
    if near_after
        .iter()
        .any(|w| w == "garantie" || w == "garanties")
    {
        return true;
    }
    // "les personnes de moins de 15 ans", "les utilisateurs de plus de 18 ans": an age.
    if near_before.ends_with(&["de".into(), "moins".into(), "de".into()])
        && !near_before.iter().any(|w| w.starts_with("durée"))
    {
        return true;
    }
    // "au cours des 12 derniers mois", "des 6 mois précédents"; "9 € par mois", "2 ans d'âge".
    if near_after.first().is_some_and(|w| {
        w.starts_with("dernier") || w.starts_with("précédent") || w == "révolus" || w == "par"
    }) || text[end..e].trim_start().starts_with(['€', '$'])
        || near_after
            .iter()
            .any(|w| w == "euros" || w == "eur" || w == "âge")
    {
        return true;
    }
    // A deadline to answer or refund, unless a deletion or keeping just before it is what must
    // happen in it ("supprimées dans un délai de 30 jours").
    let sentence_words = words(text, s, e);
    sentence_words
        .iter()
        .any(|w| DEADLINE.iter().any(|d| w.starts_with(d)))
        && !keep_near(text, start, end, 6, 0)
}

/// A negation just before a criterion or an indefinite statement: "nous ne conservons pas vos
/// données indéfiniment", "elles ne sont jamais conservées tant que".
fn negated(text: &str, start: usize) -> bool {
    let (s, _) = sentence(text, start);
    let before = words(text, s, start);
    let near = &before[before.len().saturating_sub(6)..];
    near.iter()
        .any(|w| w == "ne" || w == "n" || w == "jamais" || w == "aucune")
        && near
            .iter()
            .any(|w| w == "pas" || w == "jamais" || w == "aucune" || w == "plus")
}

/// The end of a criterion's phrase: the next comma, semicolon or full stop after `from`, or
/// its 12th word.
fn phrase_end(text: &str, from: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text[from..].char_indices() {
        if matches!(c, ',' | ';' | '.' | '|' | '\n' | ')' | ':') {
            return from + i;
        }
        let letter = c.is_alphanumeric();
        if letter && !in_word {
            words += 1;
            if words > 12 {
                return from + i;
            }
        }
        in_word = letter;
    }
    text.len()
}

/// Is the thing kept at `start` a cookie or tracker itself ("les cookies sont conservés",
/// "durée de vie des cookies"), not data read through one ("les informations issues des
/// cookies")?
fn cookie_is_kept(text: &str, start: usize) -> bool {
    let (s, _) = sentence(text, start);
    let before = words(text, s, start);
    let is_cookie =
        |w: &str| w.starts_with("cookie") || w.starts_with("traceur") || w.starts_with("témoin");
    let Some(first) = before.iter().position(|w| is_cookie(w)) else {
        return false;
    };
    if before.iter().any(|w| w == "vie" || w.starts_with("expir")) {
        return true;
    }
    // Data, not the cookie, is the subject when a data noun comes before the period: before
    // the cookie ("les données de navigation ... cookies"), or after it with the cookie as its
    // source ("Cookies et traceurs : les informations issues des cookies").
    let data = |w: &String| w.starts_with("donnée") || w.starts_with("information");
    let through = |w: &String| {
        matches!(
            w.as_str(),
            "issues"
                | "issus"
                | "via"
                | "moyen"
                | "grâce"
                | "collectées"
                | "collectés"
                | "obtenues"
                | "recueillies"
        )
    };
    let data_first = before[..first].iter().any(data);
    let data_through = before[first..].iter().any(data) && before[first..].iter().any(through);
    !(data_first || data_through)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (kind, period or criterion text, days) of each statement, the fixtures' own words.
    fn found(text: &str) -> Vec<(RetentionKind, String, Option<u64>)> {
        assert!(
            crate::analyze::lang::in_french(text),
            "not read as French: {text}"
        );
        extract(text, false)
            .into_iter()
            .map(|r| {
                assert_eq!(&text[r.span.start..r.span.end], r.text);
                (r.kind, r.text, r.days)
            })
            .collect()
    }

    fn stated(text: &str) -> Vec<u64> {
        found(text)
            .into_iter()
            .filter(|(k, _, _)| *k == RetentionKind::Stated)
            .filter_map(|(_, _, d)| d)
            .collect()
    }

    #[test]
    fn periods_near_a_verb_of_keeping() {
        assert_eq!(
            stated("Les données de facturation sont conservées pendant 3 ans à compter de la fin du contrat."),
            vec![1095]
        );
        assert_eq!(
            stated(
                "Nous gardons les journaux de connexion douze (12) mois, puis ils sont supprimés."
            ),
            vec![365]
        );
        assert_eq!(
            stated("Vos messages sont effacés de nos serveurs 72 heures après leur distribution."),
            vec![3]
        );
        assert_eq!(
            stated("Les enregistrements sont archivés un an, puis détruits."),
            vec![365]
        );
        // "treize mois" is 13 months; a year of twelve months is a year.
        assert_eq!(
            stated("Ces données sont conservées pour une durée de treize mois."),
            vec![395]
        );
    }

    #[test]
    fn periods_that_measure_something_else() {
        let f = found("Le service est réservé aux personnes âgées de plus de 15 ans et les données sont conservées.");
        assert!(f.is_empty(), "{f:?}");
        assert!(found("Nous répondrons à votre demande dans un délai d'un mois, et nous conservons une copie de la réponse.").iter().all(|(k, _, _)| *k != RetentionKind::Stated));
        assert!(found("Vous pouvez résilier avec un préavis de 30 jours ; vos données seront ensuite supprimées.").iter().all(|(_, t, _)| t != "30 jours"));
        assert!(found("Vous pouvez supprimer un message pendant 48 heures après son envoi depuis votre espace.").is_empty());
        assert!(
            found("L'abonnement coûte 9 € par mois et les données sont stockées en France.")
                .is_empty()
        );
        assert!(found("Nous analysons les achats réalisés au cours des 12 derniers mois, conservés sur nos serveurs.").is_empty());
        assert!(found(
            "Vous disposez d'un délai de rétractation de 14 jours ; nous conservons la commande."
        )
        .iter()
        .all(|(_, t, _)| t != "14 jours"));
        // Without a verb, in a clause about retention: still an account's end, a warranty's.
        assert!(extract(
            "Après 6 mois de désactivation, le compte est révoqué.",
            true
        )
        .is_empty());
        assert!(extract(
            "Le membre bénéficie d'une extension de six (6) mois de la garantie initiale.",
            true
        )
        .is_empty());
        // The legal guarantee of goods: how long a defect is presumed to predate delivery.
        assert!(extract("Pour un article vendu neuf ou pour les biens vendus d'occasion, ce délai est de six mois.", true).is_empty());
        assert!(extract("90 jours pour vous décider", true).is_empty());
        assert!(extract("Vous avez 30 jours pour retourner le produit.", true).is_empty());
    }

    #[test]
    fn criteria_and_indefinite_statements() {
        let f = found("Nous conservons vos données aussi longtemps que votre compte est actif.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, RetentionKind::Criterion);
        assert_eq!(f[0].1, "aussi longtemps que votre compte est actif");
        let f = found("Les données de profil sont conservées jusqu'à la suppression de votre compte, puis effacées.");
        assert_eq!(f[0].1, "jusqu'à la suppression de votre compte");
        let f = found(
            "Les pièces justificatives sont archivées pendant la durée de prescription légale.",
        );
        assert_eq!(f[0].0, RetentionKind::Criterion);
        // A keeping the law requires, as "as required by law" is in English.
        let f = found("Nous pouvons conserver certaines informations si nous sommes dans l'obligation légale de le faire.");
        assert_eq!(f[0].0, RetentionKind::Criterion);
        assert!(
            found("Nous traitons vos données pour respecter nos obligations légales.").is_empty()
        );
        let f = found("Les sauvegardes sont conservées indéfiniment sur nos serveurs.");
        assert_eq!(f[0].0, RetentionKind::Indefinite);
        // Deleting for good, and a negated keeping, state no retention.
        assert!(found("Vos données seront supprimées définitivement de nos serveurs.").is_empty());
        assert!(found("Nous ne conservons pas vos données indéfiniment.").is_empty());
        // A "tant que" far from any keeping is a condition of something else.
        assert!(found("Tant que vous utilisez nos services, nous vous envoyons notre lettre d'information et des offres adaptées à votre profil de client.").is_empty());
    }

    #[test]
    fn a_deletion_when_the_account_ends() {
        let f = found("Vous pouvez fermer votre compte à tout moment, et nous supprimerons alors vos informations.");
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].0, f[0].1.as_str()),
            (RetentionKind::Criterion, "fermer votre compte")
        );
        let f =
            found("Après la clôture de votre compte, vos données sont effacées de nos systèmes.");
        assert_eq!(f[0].1, "clôture de votre compte");
        // Closing the account alone deletes no data; "en tant que" is "as".
        assert!(found(
            "Vous pouvez supprimer votre compte depuis la page des paramètres de votre profil."
        )
        .is_empty());
        assert!(found(
            "Nous agissons en tant que responsable du traitement et conservons vos données."
        )
        .is_empty());
    }

    #[test]
    fn cookie_lifetimes_and_data_read_through_cookies() {
        let f = found("Les cookies de mesure d'audience sont conservés 13 mois au maximum.");
        assert_eq!(f[0].0, RetentionKind::Cookie);
        assert_eq!(f[0].2, Some(395));
        let f = found("Les informations issues des cookies sont conservées pendant 25 mois.");
        assert_eq!(f[0].0, RetentionKind::Stated);
    }

    #[test]
    fn a_table_row_about_retention_needs_no_verb() {
        let row = "| Données de connexion | 1 an |";
        assert!(crate::analyze::lang::in_french(row));
        assert_eq!(extract(row, true).len(), 1);
        assert!(extract(row, false).is_empty());
    }
}
