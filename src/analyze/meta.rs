//! Document metadata: what kind of document it is, the date it states, its title, and the
//! archive header some crawls put in front of the policy.
//!
//! A document has two dates. The *effective* date comes from the policy's own words ("Last
//! updated: March 2015", "amended on August 12, 2021", "modified on 23/02/2017", "Effective
//! July 20, 2012"). The *snapshot* date (when this version was captured) comes from a
//! manifest, else an archive header ("archived on 2013-08-05"), else an ISO timestamp in the
//! file name (`2020-07-29T133221Z.md`, as Open Terms Archive and the Princeton-Leuven crawl
//! name versions). A date known only to the month is kept with that precision.

use std::path::Path;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use crate::corpus::layout::Layout;
use crate::policy::PolicyDate;

/// The months' names in the other languages polsearch names ([`crate::analyze::lang::Lang`]:
/// French, German, Spanish, Italian, Dutch, Portuguese), written in full, with their common
/// spellings without accents; each with its number.
const FOREIGN_MONTHS: [(&str, u32); 62] = [
    ("janvier", 1),
    ("janeiro", 1),
    ("januar", 1),
    ("januari", 1),
    ("jänner", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("février", 2),
    ("fevrier", 2),
    ("februar", 2),
    ("februari", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("mars", 3),
    ("märz", 3),
    ("maerz", 3),
    ("maart", 3),
    ("marzo", 3),
    ("março", 3),
    ("marco", 3),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("mai", 5),
    ("mei", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("maio", 5),
    ("juin", 6),
    ("juni", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("juillet", 7),
    ("juli", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("août", 8),
    ("aout", 8),
    ("augustus", 8),
    ("agosto", 8),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("octobre", 10),
    ("oktober", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("noviembre", 11),
    ("novembre", 11),
    ("novembro", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("dezember", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("dezembro", 12),
];

/// The month a name or its abbreviation of three letters or more stands for ("March", "mar.",
/// "Sept"), or its full name in another language polsearch names ("juillet", "März",
/// "diciembre"), 1 to 12.
pub(crate) fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .position(|m| n.len() >= 3 && m.starts_with(n))
        .map(|i| i as u32 + 1)
        .or_else(|| {
            FOREIGN_MONTHS
                .iter()
                .find(|(m, _)| *m == n)
                .map(|&(_, i)| i)
        })
}

/// A month's name: English, whole or abbreviated, or whole in another language polsearch
/// names ([`FOREIGN_MONTHS`]; the longer names first, so that "Juni" is not "Jun").
static MONTH: LazyLock<String> = LazyLock::new(|| {
    let mut foreign: Vec<&str> = FOREIGN_MONTHS.iter().map(|(m, _)| *m).collect();
    foreign.sort_by_key(|m| std::cmp::Reverse(m.len()));
    format!(
        r"(?:{}|Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?",
        foreign.join("|")
    )
});

/// A date expression: "March 3, 2025", "3 March 2025", "March 2015", "2021-08-12",
/// "23/02/2017", "12.08.2021"; in other languages "1er juillet 2021", "1. Juli 2020", "23 de
/// junio de 2026", "dezembro de 2019".
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = MONTH.as_str();
    let p = format!(
        r"(?i)(?P<mdy>(?P<m1>{month})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}}))|(?P<dmy>(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er|\.)?(?:\s+(?:of|de))?\s+(?P<m2>{month}),?\s+(?:de\s+)?(?P<y2>\d{{4}}))|(?P<my>(?P<m3>{month}),?\s+(?:de\s+)?(?P<y3>\d{{4}}))|(?P<iso>(?P<y4>\d{{4}})-(?P<m4>\d{{1,2}})-(?P<d4>\d{{1,2}}))|(?P<num>(?P<a5>\d{{1,2}})[/.](?P<b5>\d{{1,2}})[/.](?P<y5>\d{{4}}))"
    );
    Regex::new(&p).expect("static pattern compiles")
});

/// [`DATE`] anchored at the start of the haystack.
static DATE_AT: LazyLock<Regex> = LazyLock::new(|| {
    let unanchored = DATE.as_str();
    Regex::new(&format!("^(?:{unanchored})")).expect("static pattern compiles")
});

/// Words that introduce a policy's own date: English, then French, German, Spanish, Italian,
/// Dutch and Portuguese ("Dernière mise à jour :", "Stand:", "Última actualización:",
/// "Ultimo aggiornamento:", "Laatst bijgewerkt op", "Atualizado em"). Every alternative starts
/// with one of [`CUE_WORDS`].
const DATE_CUE_PATTERN: &str = concat!(
    r"(?i)(?:(?-u:\b)(?:last\s+(?:updated|modified|revised|amended|changed)|updated|modified|revised|amended|effective(?:\s+date)?|effective\s+(?:as\s+)?(?:of|from|on)|date\s+of\s+(?:last\s+)?(?:update|revision)|version\s+date|dated|as\s+of",
    // French (the cues of the languages that write the day first are group `day_first`).
    r"|(?P<day_first>derni[eè]re\s+(?:mise\s+[àa]\s+jour|modification|r[ée]vision)(?:\s+le)?|mise?\s+[àa]\s+jour(?:\s+(?:le|en|au))?|version\s+(?:du|de|en|mise\s+[àa]\s+jour\s+le)|vigueur(?:\s+(?:le|au|depuis\s+le|[àa]\s+compter\s+du|[àa]\s+partir\s+du))?|modifi[ée]e?s?\s+le|date\s+d['’]effet",
    // German.
    r"|stand(?:\s+vom)?|zuletzt\s+(?:aktualisiert|ge[äa]ndert|[üu]berarbeitet)(?:\s+am)?|letzte\s+(?:aktualisierung|[äa]nderung|[üu]berarbeitung)(?:\s+am)?|aktualisiert\s+am|g[üu]ltig\s+(?:ab|seit)(?:\s+dem)?|inkrafttreten",
    // Spanish, Italian, Portuguese.
    r"|ultim[ao]\s+(?:actualizaci[óo]n|atualiza[çc][ãa]o|aggiornamento|modificaci[óo]n|modifica|altera[çc][ãa]o|revisi[óo]n|revis[ãa]o|revisione)|actualizad[oa]s?(?:\s+(?:el|en|a))?|atualizad[oa]s?(?:\s+(?:em|a))?|aggiornat[oa](?:\s+(?:al|il|a))?|vigente(?:\s+(?:desde(?:\s+el)?|dal|a\s+partir\s+de))?|vigor(?:e)?(?:\s+(?:desde(?:\s+el)?|dal|a\s+partir\s+de))?|fecha\s+de\s+(?:entrada\s+en\s+vigor|actualizaci[óo]n|vigencia)|data\s+(?:di|de)\s+(?:entrata\s+in\s+vigore|aggiornamento|atualiza[çc][ãa]o|vig[êe]ncia|entrada\s+em\s+vigor)",
    // Dutch.
    r"|laatst\s+(?:bijgewerkt|gewijzigd)(?:\s+op)?|laatste\s+(?:wijziging|update|herziening)|bijgewerkt\s+op|versie(?:\s+van)?|ingangsdatum|kracht\s+(?:vanaf|per|op)|geldig\s+(?:vanaf|per)",
    // "Version: 28/10/2022" in any language (after the French "version du ...").
    r")|version",
    // A law's entry into force ("le RGPD, entré en vigueur le 25 mai 2018", "entró en
    // vigor"): matched so that its date is passed over, not the policy's.
    r"|(?P<law>entr\w*\s+(?:en|in|em)\s+vig\w*))",
    // "Última ...": no ASCII word boundary before a letter that is not ASCII.
    r"|(?P<day_first_>últim[ao]\s+(?:actualizaci[óo]n|atualiza[çc][ãa]o|modificaci[óo]n|altera[çc][ãa]o|revisi[óo]n|revis[ãa]o)))",
    r"(?-u:\b)(?:\s+(?:on|as\s+of|from))?\s*[:\-–—]?\s*",
);

static DATE_CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(DATE_CUE_PATTERN).expect("static pattern compiles"));

/// The cue pattern, anchored at the start of the haystack.
static DATE_CUE_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("^(?:{DATE_CUE_PATTERN})")).expect("static pattern compiles")
});

/// The first word of every alternative of the cue pattern ("dated" starts with "date").
static CUE_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .build([
            "last",
            "updated",
            "modified",
            "revised",
            "amended",
            "effective",
            "date",
            "version",
            "as",
            // French.
            "derni",
            "entr",
            "mis",
            "vigueur",
            "modifi",
            // German.
            "stand",
            "zuletzt",
            "letzte",
            "aktualisiert",
            "gültig",
            "gÜltig",
            "gultig",
            "inkrafttreten",
            // Spanish, Italian, Portuguese.
            "ultim",
            "últim",
            "Últim",
            "actualizad",
            "atualizad",
            "aggiornat",
            "vigente",
            "vigor",
            "fecha",
            "data",
            // Dutch.
            "laatst",
            "bijgewerkt",
            "versie",
            "ingangsdatum",
            "kracht",
            "geldig",
        ])
        .expect("static patterns compile")
});

/// Parse the first date expression at the start of `s`; a numeric one day first when
/// `day_first` (after a cue in a language that writes the day first: "Version du 01/12/2023"
/// is the first of December), else as [`date_of`] reads it.
fn parse_date_at(s: &str, day_first: bool) -> Option<PolicyDate> {
    // The first date expression in `s` if it starts within 3 bytes: tried anchored at each
    // of those starts in turn (what an unanchored search finds first there), instead of
    // searching the rest of the text for one that would then be too far.
    let caps = (0..=3.min(s.len()))
        .filter(|&i| s.is_char_boundary(i))
        .find_map(|i| DATE_AT.captures(&s[i..]))?;
    date_of(&caps, day_first)
}

/// The date a match of [`DATE`] spells.
fn date_of(caps: &regex::Captures, day_first: bool) -> Option<PolicyDate> {
    let int = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i32>().ok());
    let month = |name: &str| caps.name(name).and_then(|m| month_number(m.as_str()));
    if caps.name("mdy").is_some() {
        PolicyDate::new(year("y1")?, month("m1")?, Some(int("d1")?))
    } else if caps.name("dmy").is_some() {
        PolicyDate::new(year("y2")?, month("m2")?, Some(int("d2")?))
    } else if caps.name("my").is_some() {
        PolicyDate::new(year("y3")?, month("m3")?, None)
    } else if caps.name("iso").is_some() {
        PolicyDate::new(year("y4")?, int("m4")?, Some(int("d4")?))
    } else {
        // Numeric dates: day first when the first number cannot be a month (23/02/2017),
        // when the separator is a dot (12.08.2021, the European style) or when the cue's
        // language writes the day first (and the second number can be a month); else month
        // first.
        let (a, b, y) = (int("a5")?, int("b5")?, year("y5")?);
        let dotted = caps.get(0)?.as_str().contains('.');
        if a > 12 || dotted || (day_first && b <= 12) {
            PolicyDate::new(y, b, Some(a))
        } else {
            PolicyDate::new(y, a, Some(b))
        }
    }
}

/// The date a policy states for itself: the first date right after a cue such as "Last
/// updated" in the text (cues in the first 4 KiB are tried first, then the rest).
pub fn date_in_text(text: &str) -> Option<PolicyDate> {
    // Case folding maps one non-ASCII letter onto a letter of the cue words: the long s
    // ("laſt updated"). Text with it takes the plain scan.
    if text.contains('\u{17F}') {
        return date_in_text_scan(text);
    }
    // The cue pattern scans slowly (case-insensitive alternatives defeat the regex
    // engine's literal prefilter), and most policies state no date, so every byte is
    // scanned. The same matches, faster: every match starts at a word boundary with one of
    // [`CUE_WORDS`], found by Aho-Corasick; the pattern is then tried anchored there. Later
    // candidates inside a match are skipped, as the plain scan resumes after each match.
    let bytes = text.as_bytes();
    let mut resume = 0;
    for word in CUE_WORDS.find_iter(text) {
        let at = word.start();
        if at < resume || (at > 0 && is_word_byte(bytes[at - 1])) {
            continue;
        }
        if let Some(cue) = DATE_CUE_AT.captures(&text[at..]) {
            let end = at + cue.get(0).map_or(0, |m| m.end());
            if cue.name("law").is_some() {
                resume = end;
                continue;
            }
            if let Some(date) = parse_date_at(&text[end..], writes_day_first(&cue)) {
                return Some(date);
            }
            resume = end;
        }
    }
    None
}

/// [`date_in_text`] as one regex scan of the whole text.
fn date_in_text_scan(text: &str) -> Option<PolicyDate> {
    DATE_CUE.captures_iter(text).find_map(|cue| {
        let end = cue.get(0)?.end();
        if cue.name("law").is_some() {
            return None;
        }
        parse_date_at(&text[end..], writes_day_first(&cue))
    })
}

/// Whether a cue ([`DATE_CUE`]) is in a language that writes the day first.
fn writes_day_first(cue: &regex::Captures) -> bool {
    cue.name("day_first").is_some() || cue.name("day_first_").is_some()
}

/// A word byte for `(?-u:\b)`: ASCII letter, digit or underscore.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// An ISO timestamp (`2020-07-29T133221Z`) or date (`2020-07-29`) in a file name.
pub fn date_in_file_name(path: &Path) -> Option<PolicyDate> {
    static STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})Z?)?")
            .expect("static pattern compiles")
    });
    let name = path.file_name()?.to_str()?;
    let c = STAMP.captures(name)?;
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let mut date = PolicyDate::new(c.get(1)?.as_str().parse().ok()?, n(2)?, Some(n(3)?))?;
    if let (Some(h), Some(m), Some(s)) = (n(4), n(5), n(6)) {
        if h < 24 && m < 60 && s < 61 {
            date.time = Some((h, m, s));
        }
    }
    Some(date)
}

/// A web domain in a file name (`1017_sci-news.com.html` → `sci-news.com`).
pub fn domain_in_file_name(path: &Path) -> Option<String> {
    static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[_\s])((?:[a-z0-9][a-z0-9\-]*\.)+(?:com|org|net|edu|gov|io|co|info|biz|us|uk|de|fr|es|it|nl|eu|ca|au|in|jp|tv|me|app|ai))$")
            .expect("static pattern compiles")
    });
    let stem = path.file_stem()?.to_str()?;
    DOMAIN
        .captures(stem)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_lowercase())
}

/// What an archive header says about the document it precedes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveHeader {
    /// The site the page was archived from.
    pub domain: String,
    /// When it was archived.
    pub date: Option<PolicyDate>,
}

/// Remove a leading archive header block ("The following text is extracted and transformed
/// from the example.com privacy policy that was archived on 2013-08-05. ...") from the
/// layout: it describes the document and is no clause of it.
pub fn take_archive_header(layout: &mut Layout) -> Option<ArchiveHeader> {
    static HEADER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)extracted\s+and\s+transformed\s+from\s+the\s+(\S+?)\s+[^.]*?archived\s+on\s+(\d{4}-\d{2}-\d{2})")
            .expect("static pattern compiles")
    });
    let (index, caps) = layout
        .blocks
        .iter()
        .take(3)
        .enumerate()
        .find_map(|(i, b)| {
            HEADER
                .captures(&layout.text[b.range.clone()])
                .map(|c| (i, (c[1].to_lowercase(), c[2].to_owned())))
        })?;
    layout.blocks.remove(index);
    let date = parse_date_at(&caps.1, false);
    Some(ArchiveHeader {
        domain: caps.0,
        date,
    })
}

/// The title: the format's own title (HTML `<title>`), else the text of the first heading
/// among the first few blocks.
pub fn title(layout: &Layout) -> Option<String> {
    layout.title.clone().or_else(|| {
        layout
            .blocks
            .iter()
            .take(5)
            .find(|b| b.kind.is_heading())
            .map(|b| crate::text::collapse_ws(&layout.text[b.range.clone()]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        date_in_text(s).map(|d| d.iso())
    }

    /// The first version of [`parse_date_at`]: an unanchored search of the whole rest.
    fn parse_date_at_by_search(s: &str) -> Option<PolicyDate> {
        let caps = DATE.captures(s)?;
        if caps.get(0)?.start() > 3 {
            return None;
        }
        date_of(&caps, false)
    }

    proptest::proptest! {
        /// Anchored attempts at the first four bytes find what a search of the whole rest
        /// finds within them.
        #[test]
        fn anchored_date_parsing_equals_the_search(
            lead in proptest::sample::select(vec!["", " ", "  ", ": ", " - ", "—", "é", "x ", "(  "]),
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "March", "Mar.", "3", "03", "3rd", "2021", "1999", "-", "/", ".", ",", " ",
                    "  ", "of", "June", "12", "31", "08", "2021-08-12", "12.08.2021",
                    "23/02/2017", "\n", "x",
                ]),
                0..8,
            ),
        ) {
            let s = format!("{lead}{}", parts.concat());
            proptest::prop_assert_eq!(parse_date_at(&s, false), parse_date_at_by_search(&s), "{:?}", s);
        }

        /// The prefiltered scan finds the date the plain scan finds, on text made of pieces
        /// of cues in any case, dates, words that contain cue words, and separators.
        #[test]
        fn prefiltered_cue_scan_equals_the_plain_scan(
            parts in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "last", "last updated", "updated", "modified", "revised", "amended",
                        "last changed", "effective", "effective date", "effective as of",
                        "date", "dated", "date of last revision", "date of update",
                        "version date", "as of", "as", "of", "on", "from", "has", "was",
                        "class", "mandated", "outdated", "x_as", "_as", "9as", "é", "ſ",
                        "laſt updated", "policy", "dernière mise à jour", "mis à jour le",
                        "version du", "en vigueur", "stand", "standard", "zuletzt aktualisiert",
                        "gültig ab", "última actualización", "ultimo aggiornamento", "vigente",
                        "data", "laatst bijgewerkt op", "versie", "atualizado em", "remise",
                        "entré en vigueur le", "entrée", "en vigueur le",
                    ]),
                    proptest::sample::select(vec![
                        "", " ", "  ", "\n", ":", ": ", " - ", " — ", ",", ".", "-",
                    ]),
                    proptest::sample::select(vec![
                        "", "", "March 3, 2021", "3 March 2021", "2021-08-12", "12.08.2021",
                        "June 2019", "2020", "soon", " March 3, 2021", "5 octobre 2021",
                        "1. Juli 2020", "23 de junio de 2026", "01/12/2023", "décembre 2019",
                    ]),
                    0..3u8,
                ),
                0..8,
            ),
        ) {
            let text: String = parts
                .iter()
                .map(|(words, sep, date, case)| {
                    let words = match case {
                        0 => words.to_string(),
                        1 => words.to_uppercase(),
                        _ => {
                            let mut c = words.chars();
                            c.next().map_or_else(String::new, |f| {
                                f.to_uppercase().chain(c).collect()
                            })
                        }
                    };
                    format!("{words}{sep}{date} ")
                })
                .collect();
            let want = date_in_text_scan(&text);
            proptest::prop_assert_eq!(date_in_text(&text), want, "{:?}", text);
        }
    }

    #[test]
    fn dates_in_text() {
        assert_eq!(d("Last updated: March 2015").as_deref(), Some("2015-03"));
        assert_eq!(
            d("This policy was amended on August 12, 2021.").as_deref(),
            Some("2021-08-12")
        );
        assert_eq!(
            d("It was modified on 23/02/2017.").as_deref(),
            Some("2017-02-23")
        );
        assert_eq!(
            d("Effective July 20, 2012 (last updated October 08, 2013)").as_deref(),
            Some("2012-07-20")
        );
        assert_eq!(
            d("Last Updated: 5th March 2020").as_deref(),
            Some("2020-03-05")
        );
        assert_eq!(
            d("Effective date: 2024-01-31").as_deref(),
            Some("2024-01-31")
        );
        assert_eq!(
            d("Stand: 12.08.2021, last revised 12.08.2021").as_deref(),
            Some("2021-08-12")
        );
        // Other languages' cues and months; numeric dates day first after their cues.
        for (text, want) in [
            ("Dernière mise à jour : 5 octobre 2021", "2021-10-05"),
            ("Politique mise à jour le 1er juillet 2020.", "2020-07-01"),
            ("VERSION MISE À JOUR EN DÉCEMBRE 2019", "2019-12"),
            ("Version du 01/12/2023", "2023-12-01"),
            ("Version septembre 2024", "2024-09"),
            ("Stand: 1. Juli 2020", "2020-07-01"),
            ("Zuletzt aktualisiert am 3. März 2022", "2022-03-03"),
            ("Última actualización: 23 de junio de 2026", "2026-06-23"),
            ("ÚLTIMA ATUALIZAÇÃO: 9 de setembro de 2024", "2024-09-09"),
            ("Vigente desde el 2 de enero de 2021", "2021-01-02"),
            ("Ultimo aggiornamento: 3 maggio 2022", "2022-05-03"),
            ("Laatst bijgewerkt op 14 maart 2023", "2023-03-14"),
            ("Atualizado em 9 de dezembro de 2019", "2019-12-09"),
            // Day first only where the second number can be a month.
            ("Version du 12/25/2023", "2023-12-25"),
            // "Version" alone is any language's: month first when both can be.
            ("Version: 03/04/2022", "2022-03-04"),
            ("Last updated: 20. April, 2021", "2021-04-20"),
        ] {
            assert_eq!(d(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(
            d("Ces conditions sont en vigueur à la date de votre souscription."),
            None
        );
        assert_eq!(d("Version : 1.2"), None);
        // A law's entry into force is not the policy's date.
        assert_eq!(
            d("Le RGPD, entré en vigueur le 25 mai 2018, s'applique. Mise à jour : 3 mars 2023")
                .as_deref(),
            Some("2023-03-03")
        );
        assert_eq!(
            d("El reglamento entró en vigor el 25 de mayo de 2018."),
            None
        );
        assert_eq!(d("We stand by our 2021 promise."), None);
        assert_eq!(d("Last updated:1. Important Information"), None);
        assert_eq!(d("We updated our systems in 1999 and 2024."), None);
        assert_eq!(d("Last updated: February 30, 2020"), None);
    }

    #[test]
    fn file_names() {
        let p = Path::new("ota-history/ASKfm/2020-07-29T133221Z.md");
        assert_eq!(date_in_file_name(p).unwrap().iso(), "2020-07-29T13:32:21Z");
        assert_eq!(
            domain_in_file_name(Path::new("opp/1017_sci-news.com.html")).as_deref(),
            Some("sci-news.com")
        );
        assert_eq!(domain_in_file_name(Path::new("Privacy Policy.md")), None);
    }
}
