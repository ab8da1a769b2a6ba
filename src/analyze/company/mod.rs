//! Which company a policy belongs to, when neither a manifest nor the folder layout says.
//!
//! Evidence-weighted: each cue in the text adds to (or, for vendors, platforms, defined terms
//! and common words, takes from) a candidate name: the policy defining a name as "we",
//! speaking of it as itself ("At Acme, we", "X respects your privacy"), saying it runs the
//! site or controls the data, a title its own domains confirm, its most mentioned domain,
//! legal names with a company form. A name and the names that extend it count together. A
//! name is chosen only with enough evidence and a clear lead over the next; otherwise the
//! policy is `unknown`, never a guess, since a wrong name files clauses under another
//! company. [`infer_with_evidence`] returns the evidence for `clauses --json`, and
//! [`judge`] / [`judge_domain`] score an inference for `polsearch eval company`.

mod resolve;

pub use resolve::resolve_name;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

/// The company of a clause whose policy names none.
pub const UNKNOWN: &str = "unknown";

const NAME_WORD: &str =
    r"(?:[A-Z][\p{L}\p{N}&'’\-]*(?:\.[a-zA-Z]{2,4})?|[0-9][\p{L}\p{N}]*[A-Za-z][\p{L}\p{N}]*)";
const SUFFIX: &str = r"(?:OÜ|AS|SARL|S\.A\.R\.L\.?|SAS|S\.A\.S\.?|S\.A\.?|SA|S\.L\.?|SL|S\.r\.l\.?|SRL|S\.p\.A\.?|SpA|GmbH|AG|UG|KG|B\.V\.?|BV|N\.V\.?|NV|AB|A/S|ApS|Oy|Oyj|Kft\.?|s\.r\.o\.?|Pty\.? Ltd\.?|Pvt\.? Ltd\.?|Private Limited|Co\.,? Ltd\.?|Ltd\.?|Limited|LLC|L\.L\.C\.?|LLP|Inc\.?|Incorporated|Corp\.?|Corporation|PLC|plc|N\.A\.?|L\.P\.?|LP|L\.L\.P\.?|PBC)";

static LEGAL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?-u:\b)({w}(?:[ \t]+(?:{w}|&|and|of|de|du|der)){{0,4}}),?[ \t]+{s}(?:[^\p{{L}}\p{{N}}]|$)",
        w = NAME_WORD,
        s = SUFFIX
    );
    Regex::new(&pattern).expect("static pattern compiles")
});

static SUFFIX_AT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r",?[ \t]+({SUFFIX})")).expect("static pattern compiles"));

static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    // The registrable label: `mlb` in `privacy@website.mlb.com`.
    // Also a bare domain, as a word of its own ("reddit.com", "TED.com").
    Regex::new(r#"(?i)(?:@|https?://|www\.|(?:^|[\s(\[<"'“‘]))(?:[a-z0-9\-]+\.)*?([a-z0-9][a-z0-9\-]{1,62})\.(?:com|org|net|edu|gov|io|co|info|biz|us|uk|de|fr|es|it|nl|eu|ca|au|in|jp|tv|me|app|ai|ee|ma|ch|at|be|se|no|dk|fi|pl|pt|ie)\b"#)
        .expect("static pattern compiles")
});

/// What follows a domain that is part of a company's name: up to two capitalised words and a
/// company form (`.com Market Ltd`, `.com, Inc.`).
static NAMED_COMPANY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:[ \t]+[A-Z][\p{{L}}]*){{0,2}},?[ \t]+{SUFFIX}(?:[^\p{{L}}]|$)"
    ))
    .expect("static pattern compiles")
});

/// Words that start sentences or name documents, never a company.
const NOT_NAMES: &[&str] = &[
    "The",
    "This",
    "These",
    "That",
    "Our",
    "We",
    "Us",
    "You",
    "Your",
    "If",
    "In",
    "At",
    "By",
    "For",
    "Any",
    "All",
    "Privacy",
    "Policy",
    "Notice",
    "Company",
    "Website",
    "Site",
    "Service",
    "Services",
    "Terms",
    "Using",
    "Use",
    "Please",
    "Copyright",
    "Data",
    "Personal",
    "Information",
    "Contact",
    "Email",
    "E-mail",
    "Its",
    "Their",
    "Such",
    "Each",
    "Other",
    "Cookie",
    "Cookies",
    "Platform",
    "Application",
    "App",
    "Controller",
    "Customer",
    "User",
    "Users",
    "Member",
    "Members",
    "Agreement",
    "Section",
    "Article",
    "When",
    "How",
    "What",
    "Who",
    "Whom",
    "Where",
    "Which",
    "Why",
    "With",
    "Without",
    "Under",
    "From",
    "To",
    "On",
    "As",
    "Or",
    "And",
    "Not",
    "No",
    "General",
    "Licensor",
    "Client",
    "Clients",
    "Merchant",
    "Merchants",
    "Brand",
    "Product",
    "Products",
    "Master",
    "End",
    "Licensee",
    "Provider",
    "Providers",
    "Operator",
    "Vous",
    "Nous",
    "Wir",
    "Sie",
    "GDPR",
    "CCPA",
    "EU",
    "EEA",
    "UK",
    "US",
    "USA",
    "Foundation",
    "Group",
    "Corporation",
    "Firm",
    "Organization",
    "Organisation",
    "Institution",
    "Association",
    "Designated",
    "Agent",
    "Human",
    "Rights",
    "Acceptable",
    "Guidelines",
    "Statement",
    "Legal",
    "Effective",
    "Last",
    "Updated",
    "Websites",
    "Web",
    "Sites",
    "Library",
    "Tracking",
    "Technologies",
    "While",
    "Although",
    "Because",
    "Since",
    "Unless",
    "Once",
    "After",
    "Before",
    "During",
    "Upon",
    "Also",
    "Additionally",
    "However",
    "Further",
    "Furthermore",
    "Finally",
    "Generally",
    "Then",
    "Thus",
    "So",
    "But",
    "Here",
    "There",
    "Some",
    "Many",
    "Most",
    "Both",
    "Either",
    "Neither",
    "Every",
    "Only",
    "Certain",
    "Third",
    "Third-party",
    "Third-Party",
    "Protecting",
    "Partner",
    "Partners",
    "Co-Branded",
    "Affiliate",
    "Affiliates",
    "Advertiser",
    "Advertisers",
    "Vendor",
    "Vendors",
    "Sponsor",
    "Sponsors",
    "Party",
    "Parties",
    "Publisher",
    "Publishers",
    "Inspectorate",
    "Authority",
    "Commission",
    "Court",
    "It",
    "Protection",
    "Processing",
    "Controller-Controller",
    "Policies",
    "Accounts",
    "Additional",
    "Webpage",
    "Programme",
    "Program",
    "Canada",
    "Shopping",
];

/// Words that end a company's name ("The Browser Company", "Mozilla Foundation") and stay
/// when a name word precedes them.
const NAME_ENDS: &[&str] = &[
    "Company",
    "Foundation",
    "Group",
    "Corporation",
    "Bank",
    "Organization",
    "Organisation",
    "Institution",
    "Association",
];

/// One piece of evidence for (positive weight) or against (negative) a name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Evidence {
    /// The name as the text spells it.
    pub name: String,
    /// What kind of evidence: `title`, `alias`, `self`, `operator`, `controller`, `legal-name`,
    /// `own-domain`, `mentions`; against: `vendor`, `platform`.
    pub cue: &'static str,
    /// How much it counts (negative: against).
    pub weight: i32,
    /// The words that gave it (at most about 100 characters).
    pub quote: String,
}

/// What the text says about its company: the chosen name (if the evidence suffices) and the
/// evidence for and against the leading candidates.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Inference {
    /// The company, when the evidence suffices.
    pub name: Option<String>,
    /// The evidence, for and against the leading candidates.
    pub evidence: Vec<Evidence>,
}

/// A name is chosen with at least this much evidence ...
const MIN_SCORE: i32 = 6;
/// ... or this much when no other name has any (less still for a legal name that is the
/// subject of a data practice) ...
const MIN_SCORE_ALONE: i32 = 5;
/// ... and this much more than the next candidate when the text speaks of that one as itself
/// too ...
const MIN_MARGIN: i32 = 3;
/// ... or this much when it only mentions it: a close call is `unknown`, never a guess.
const MIN_MARGIN_OVER_MENTIONED: i32 = 2;

/// Cues that the text speaks of itself or its operator; a name needs one to be chosen.
const SELF_CUES: &[&str] = &[
    "title",
    "alias",
    "self",
    "operator",
    "controller",
    "own-domain",
    "subject",
    "possessive",
];

/// Names that policies mostly mention as vendors, platforms or partners: they need
/// self-evidence beyond their mentions to be the company.
const PLATFORMS: &[&str] = &[
    "google",
    "facebook",
    "meta",
    "twitter",
    "apple",
    "microsoft",
    "amazon",
    "linkedin",
    "youtube",
    "instagram",
    "adobe",
    "paypal",
    "stripe",
    "oracle",
    "yahoo",
    "bing",
    "pinterest",
    "tiktok",
    "snapchat",
    "hotjar",
    "mailchimp",
    "salesforce",
    "zendesk",
    "cloudflare",
    "doubleclick",
    "criteo",
    "braze",
    "segment",
    "mixpanel",
    "intercom",
    "hubspot",
    "akamai",
    "quantcast",
    "nielsen",
    "comscore",
    "omniture",
    "appnexus",
    "taboola",
    "outbrain",
    "worldnow",
    "zipscene",
    "ezoic",
    "twilio",
    "sendgrid",
    "klaviyo",
    "shopify",
    "wordpress",
    "vimeo",
    "disqus",
    "addthis",
    "sharethis",
    "gravatar",
    "recaptcha",
];

static NAME: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"({w}(?:[ \t]+(?:(?:of|for|the|and|&|de|du|der|von|St\.)[ \t]+){{0,2}}{w}){{0,5}})",
        w = NAME_WORD
    )
});

/// `{n}` is a name; `{ns}` a name that may carry its company form (`Bending Spoons S.p.A.`),
/// which the capture leaves out.
fn compile(pattern: &str) -> Regex {
    let with_suffix = format!(r"{}(?:,?[ \t]+{SUFFIX})?", *NAME);
    Regex::new(&pattern.replace("{ns}", &with_suffix).replace("{n}", &NAME))
        .expect("static pattern compiles")
}

/// Phrases in which a policy speaks of itself or its operator, with their cue and weight.
static SELF_PHRASES: LazyLock<Vec<(Regex, &'static str, i32)>> = LazyLock::new(|| {
    [
        (r"(?-u:\b)[Aa]t (?:the )?{n}, (?:we|our)(?-u:\b)", "self", 5),
        (
            r"(?-u:\b)[Tt]his (?:[Pp]rivacy )?(?:[Pp]olicy|[Nn]otice|[Ss]tatement) (?:applies to|describes how|explains how) {ns}",
            "self",
            4,
        ),
        (r"(?-u:\b)[Hh]ere at (?:the )?{n}(?-u:\b)", "self", 4),
        (r"(?-u:\b)[Ww]elcome to (?:the )?{n}", "self", 5),
        (
            r"(?-u:\b){ns}(?:[ \t]*\([^()\n]{1,80}\))?(?:,? and its (?:affiliates|subsidiaries|group companies),?)? (?:respects? (?:your|the|our|user)|values (?:your|the)|is committed to|is considerate of|cares about|knows that you care|takes (?:your )?privacy)",
            "self",
            5,
        ),
        (
            r"(?-u:\b){ns},? (?:collects|processes|uses|stores|retains|keeps|deletes|shares|discloses|does not (?:sell|share|collect)|may (?:collect|process|use|share|disclose)) (?:and (?:uses|processes|stores) )?(?:[\p{L}\-]+ )?(?:your|personal|the|data|information|cookies|logs|records|e-?mail|IP)",
            "subject",
            2,
        ),
        (
            r"(?-u:\b){n}['’]s (?:[Ww]eb ?[Ss]ites?|[Ww]ebsites?|[Ww]eb [Ss]ervers?|[Oo]nline [Ss]ervices|[Ss]ites?|[Aa]pps?|[Mm]obile [Aa]pps?)(?-u:\b)",
            "possessive",
            3,
        ),
        (
            r"(?-u:\b)[Tt]his is the (?:official )?(?:web ?site|[Ww]eb [Ss]ite|site|home ?page) of (?:the )?{n}",
            "self",
            5,
        ),
        (
            r"(?-u:\b)(?:[Tt]his|[Oo]ur|[Tt]he) (?:[Ww]eb ?[Ss]ite|[Ww]ebsite|site|[Ss]ervice|app|[Aa]pplication|[Pp]latform)s?(?: [\p{L}]+){0,2} (?:is|are) (?:owned|operated|run|managed|published|controlled|maintained)(?: and (?:owned|operated|maintained|managed))? by (?:the )?{n}",
            "operator",
            5,
        ),
        (
            r"(?-u:\b)(?:owned|operated|run|managed|maintained|published|controlled) by (?:the )?(?:company )?{n}",
            "operator",
            2,
        ),
        (
            r"(?-u:\b){ns},? (?:is|acts as|shall be|will be) the (?:data )?controller",
            "controller",
            4,
        ),
        (
            r"(?-u:\b)(?:data )?controller (?:is|of your (?:personal )?(?:data|information) is|:) (?:the )?{n}",
            "controller",
            4,
        ),
    ]
    .into_iter()
    .map(|(p, cue, w)| (compile(p), cue, w))
    .collect()
});

/// Phrases that name a vendor or partner, not the policy's company.
static VENDOR_PHRASES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"(?-u:\b){n} (?:Analytics|Ads|AdSense|AdWords|Tag Manager|Maps|reCAPTCHA|Fonts|Pixel|Connect|Marketing Platform|Remarketing|Custom Audiences|Firebase|Crashlytics|Optimize|Signals|Login|Sign-In|Like button|plug-?ins?|SDK|API)(?-u:\b)",
        r"(?-u:\b)(?:such as|including|like|e\.g\.,?|for example,?|for instance,?|namely) {n}",
        r"(?-u:\b)(?:hosted|powered|served) by (?:the )?{n}",
        r"(?-u:\b){ns},? (?:a|an|our) (?:third[- ]party )?(?:service provider|vendor|processor|sub-?processor|contractor|provider|partner)",
        r"(?-u:\b){ns},? (?:acts |which acts )?on (?:our|its) behalf",
        r"(?-u:\b)(?:third[- ]part(?:y|ies)|vendors?|partners?|providers?|processors?|advertisers?|networks?),? (?:such as |like |including |namely |called |named )?{n}",
    ]
    .into_iter()
    .map(compile)
    .collect()
});

/// A document title that names its company: "Finnair Privacy Notice", "IMDb's Terms of
/// Use", "Privacy Notice - Binance".
static TITLE: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        compile(
            r"^[\W_]*{n}['’]?s?[ \t]+(?:(?:Online|Global|General|Website|Web Site|Customer|Consumer|Group|US|U\.S\.|EU|Services?|Platform|App|Apps|Mobile)[ \t]+)?(?:Privacy|PRIVACY|Terms|TERMS|Cookies?|COOKIE|User|Subscriber|Acceptable|Community|Data|Legal|Conditions|Statement|Notice|Policy|Policies)(?-u:\b)",
        ),
        compile(
            r"^[\W_]*(?:Privacy|Cookie|Terms|Data)[\p{L} ]{0,30}?[ \t]*(?:[-–—|:]|of|for|at)[ \t]+(?:the[ \t]+)?{n}[\W_]*$",
        ),
    ]
});

/// Parenthesised definitions: `Binance ("Binance", "we", or "us")`, `(collectively
/// "IMDb")`, `American Honda Motor Co., Inc. (American Honda)`.
static PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([^()\n]{1,200})\)").expect("static pattern compiles"));
static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"["“”„'‘’*]+([^"“”„'‘’*,;()]{1,40}?),?["“”„'‘’*]+"#)
        .expect("static pattern compiles")
});
/// "we" or "us" defined in a parenthesis: `("Binance", "we", or "us")`, `(the Company, we)`;
/// not "our" inside a longer phrase, nor the "US" of "EU-US".
static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:^|[,;]|(?-u:\b)or|(?-u:\b)and)[ \t]*["“”'‘’*]*[ \t]*(?:[Ww]e|[Uu]s|[Oo]ur|WE|US)(?-u:\b)[ \t]*["“”'‘’*]"#)
        .expect("static pattern compiles")
});
/// `At Linear Orbit ("Linear"), we take ...`: "we" right after the parenthesis.
static WE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^,?[ \t]+we(?-u:\b)").expect("static pattern compiles"));
static NAME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{n}\.?(?:,?[ \t]+{SUFFIX})?[,.]?[ \t]*$",
        n = *NAME
    ))
    .expect("static pattern compiles")
});
static SUFFIX_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"[ \t,]{SUFFIX}[.,]?$")).expect("static pattern compiles")
});
static ADDRESS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:located|address|registered office|offices?|at|in)\W[^.;:]{0,60}$|[0-9]{3,}[^.;:]{0,40}$")
        .expect("static pattern compiles")
});
/// A name that is a web address: `OpenSecrets.org`, `Sci-News.com`.
static DOMAIN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9]\.(?:com|org|net|edu|gov|io|co|info|tv|me|app|fm)$")
        .expect("static pattern compiles")
});
static SUFFIX_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{SUFFIX}[.,]?$")).expect("static pattern compiles"));
static WHOLE_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{}$", *NAME)).expect("static pattern compiles"));

/// Words a defined term may be that never name a company ("the Services", "Agreement").
const GENERIC_TERMS: &[&str] = &[
    "Services",
    "Service",
    "Site",
    "Sites",
    "Website",
    "Websites",
    "Platform",
    "App",
    "Apps",
    "Agreement",
    "Policy",
    "Terms",
    "Content",
    "Affiliates",
    "Partners",
    "Data",
    "Controller",
    "Provider",
    "Account",
    "Products",
    "Software",
    "Notice",
    "Statement",
    "GDPR",
    "CCPA",
    "Act",
    "Customer",
    "Customers",
    "Licensee",
    "Licensor",
    "Subscriber",
    "Visitor",
    "Group",
];

struct Candidate {
    /// The spelling shown (the first seen).
    name: String,
    evidence: Vec<Evidence>,
    /// Where the text first gives self-evidence for it (`usize::MAX`: nowhere).
    first_self: usize,
}

/// Evidence gathered per name, keyed by the name's compact form.
struct Board<'t> {
    text: &'t str,
    names: BTreeMap<String, Candidate>,
    /// Short forms defined for a longer name ("BWW" for "Buffalo Wild Wings"), by key: their
    /// evidence is the longer name's; a brand defined as "we" is also the name shown.
    short_forms: Vec<(String, String, bool)>,
}

impl<'t> Board<'t> {
    fn new(text: &'t str) -> Board<'t> {
        Board {
            text,
            names: BTreeMap::new(),
            short_forms: Vec::new(),
        }
    }

    fn add(&mut self, raw: &str, cue: &'static str, weight: i32, quote: &str) {
        // The quote's position, when it is a slice of the text.
        let base = self.text.as_ptr() as usize;
        let at = (quote.as_ptr() as usize)
            .checked_sub(base)
            .filter(|off| *off < self.text.len())
            .unwrap_or(usize::MAX);
        let Some(name) = clean_base(raw).map(|n| finish(&n)) else {
            return;
        };
        let key = compact(&name);
        if key.chars().count() < 2 || key.chars().all(|c| c.is_ascii_digit()) {
            return;
        }
        let entry = self.names.entry(key).or_insert_with(|| Candidate {
            name: name.clone(),
            evidence: Vec::new(),
            first_self: usize::MAX,
        });
        if SELF_CUES.contains(&cue) {
            entry.first_self = entry.first_self.min(at);
        }
        // A legal name (with its company form) is the spelling to show.
        if cue == "legal-name" && entry.name.len() < name.len() {
            entry.name = name.clone();
        }
        entry.evidence.push(Evidence {
            name,
            cue,
            weight,
            quote: snippet(quote),
        });
    }
}

fn snippet(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.len() <= 100 {
        return flat;
    }
    let mut end = 100;
    while !flat.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &flat[..end])
}

/// Infer the company from a policy's readable text; `None` when the text names none.
pub fn infer(text: &str) -> Option<String> {
    infer_with_evidence(text).name
}

/// Infer the company from a policy's readable text, with the evidence for and against the
/// leading candidates.
pub fn infer_with_evidence(text: &str) -> Inference {
    // Policies name themselves early; the rest would only cost time on a crawl's largest
    // files (and memory on hostile ones).
    let text = &text[..floor_boundary(text, text.len().min(MAX_TEXT))];
    let mut board = Board::new(text);
    // Registrable labels of the text's web and e-mail domains, with their mentions.
    let mut domains: BTreeMap<String, Domain> = BTreeMap::new();
    for caps in DOMAIN.captures_iter(text) {
        let (Some(whole), Some(m)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let domain = domains
            .entry(m.as_str().to_ascii_lowercase())
            .or_insert(Domain {
                mentions: 0,
                first: m.start()..whole.end(),
            });
        // A bare domain that a company form follows is a company's name ("Paddle.com
        // Market Ltd"), not a mention of its site.
        let bare = !whole.as_str().contains(['@', '/'])
            && !whole.as_str().to_ascii_lowercase().contains("www.");
        if !(bare && NAMED_COMPANY_AFTER.is_match(&text[whole.end()..])) {
            domain.mentions += 1;
        }
    }
    title_cues(text, &domains, &mut board);
    for caps in LEGAL_NAME.captures_iter(text) {
        let (Some(whole), Some(base)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        // "Valve Corporation and Valve S.A.R.L.": the suffix belongs to the last entity.
        let base_text = match base.as_str().rsplit_once(" and ") {
            Some((left, right)) if SUFFIX_END.is_match(&format!(" {left}")) => right,
            _ => base.as_str(),
        };
        let Some(base_name) = clean_base(base_text) else {
            continue;
        };
        let suffix = SUFFIX_AT
            .captures(&text[base.end()..whole.end()])
            .and_then(|c| c.get(1))
            .map_or("", |m| m.as_str());
        // "PROVIDED AS IS" is shouting, not a Norwegian company: a two-letter company form
        // needs a name that is not in capitals throughout.
        let shouting = base_name.chars().all(|c| !c.is_lowercase());
        if suffix.len() <= 2 && shouting {
            continue;
        }
        board.add(
            &format!("{base_name} {suffix}"),
            "legal-name",
            2,
            whole.as_str(),
        );
    }
    for (re, cue, weight) in SELF_PHRASES.iter() {
        for caps in re.captures_iter(text) {
            if let (Some(whole), Some(m)) = (caps.get(0), caps.get(1)) {
                board.add(m.as_str(), cue, *weight, whole.as_str());
            }
        }
    }
    paren_cues(text, &mut board);
    domain_cues(text, &domains, &mut board);
    for re in VENDOR_PHRASES.iter() {
        for caps in re.captures_iter(text) {
            if let (Some(whole), Some(m)) = (caps.get(0), caps.get(1)) {
                board.add(m.as_str(), "vendor", -2, whole.as_str());
            }
        }
    }
    decide(text, board)
}

/// A registrable label's mentions as a site (0: only in company names), and where it is first
/// written (`lynda.com`: from the label to the end of the top-level domain).
struct Domain {
    mentions: i32,
    first: std::ops::Range<usize>,
}

fn title_cues(text: &str, domains: &BTreeMap<String, Domain>, board: &mut Board) {
    let labels: std::collections::BTreeSet<String> = domains
        .iter()
        .filter(|(_, d)| d.mentions > 0)
        .map(|(l, _)| l.replace('-', ""))
        .filter(|l| l.len() >= 2)
        .collect();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
    {
        if line.len() > 120 {
            continue;
        }
        for re in TITLE.iter() {
            if let Some(m) = re.captures(line).and_then(|c| c.get(1)) {
                // A name the policy's web or e-mail domains confirm ("Finnair Privacy
                // Notice" and finnair.com), not the title's other words ("Virtual Items
                // Policy", "Master Terms of Use").
                let Some(name) = clean_base(m.as_str()).map(|n| finish(&n)) else {
                    continue;
                };
                let key = compact(&name);
                let looks_like_domain = DOMAIN_NAME.is_match(&name);
                let short = initials(&name);
                let confirmed = (short.len() >= 2 && labels.contains(&short))
                    || key.chars().count() >= 3
                        && (looks_like_domain
                            || labels
                                .iter()
                                .filter(|l| l.len() >= 3)
                                .any(|l| l.contains(key.as_str()) || key.starts_with(l.as_str())));
                board.add(m.as_str(), "title", if confirmed { 5 } else { 1 }, line);
            }
        }
    }
}

fn paren_cues(text: &str, board: &mut Board) {
    for caps in PARENS.captures_iter(text) {
        let (Some(whole), Some(inner)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let content = inner.as_str();
        let after = &text[whole.end()..floor_boundary(text, (whole.end() + 8).min(text.len()))];
        let speaks_of_itself = PRONOUN.is_match(content) || WE_AFTER.is_match(after);
        let defines = speaks_of_itself
            || [
                "collectively",
                "hereinafter",
                "hereafter",
                "referred to",
                "together",
            ]
            .iter()
            .any(|w| content.contains(w));
        // The name just before the parenthesis: `Stack Exchange, Inc. (`.
        let line_start = text[..whole.start()].rfind('\n').map_or(0, |i| i + 1);
        let from = floor_boundary(text, whole.start().saturating_sub(120).max(line_start));
        let before = &text[from..whole.start()];
        // ... unless it ends an address ("located at Zeughausgasse 7a, 6300 Zug, Switzerland").
        let preceding = NAME_BEFORE
            .captures(before)
            .and_then(|c| c.get(1))
            .filter(|m| !ADDRESS_BEFORE.is_match(&before[..m.start()]))
            .map(|m| m.as_str());
        let mut aliases: Vec<&str> = QUOTED
            .captures_iter(content)
            .filter_map(|c| c.get(1))
            .map(|m| m.as_str().trim())
            .filter(|a| name_like(a))
            .collect();
        let mut unquoted_short_form = false;
        if aliases.is_empty() && !content.contains(['"', '“', '”', '\'']) && name_like(content)
        {
            // `(American Honda)`, `(AAAS)`: an unquoted short form of the name before it.
            let short = compact(content);
            let agrees = preceding.is_some_and(|p| {
                let long = compact(p);
                long.starts_with(&short) || initials(p) == short
            });
            if agrees {
                aliases.push(content.trim());
                unquoted_short_form = true;
            }
        }
        if aliases.is_empty() {
            continue;
        }
        // An expansion with no pronoun and no defining word ("Event Data Recorder (EDR)") is
        // evidence only after a legal name.
        let after_legal = preceding.is_some() && SUFFIX_END.is_match(before.trim_end());
        // `(collectively "Tracking Technologies")` defines terms more often than names: a
        // definition without "we" is support, not self-evidence.
        let (cue, alias_weight, name_weight) = match (speaks_of_itself, defines, after_legal) {
            (true, _, _) => ("alias", 6, 5),
            (false, true, _) => ("defined", 2, 0),
            (false, false, true) => ("defined", 2, 2),
            // `Austin Community College (ACC)`: a short form, linked below; a term's
            // expansion ("Event Data Recorder (EDR)") gains nothing without self-evidence.
            (false, false, false) if unquoted_short_form => ("defined", 1, 1),
            (false, false, false) => continue,
        };
        let quote = &text[from..whole.end()];
        for alias in aliases {
            board.add(alias, cue, alias_weight, quote);
            if let Some(p) = preceding {
                let (short, long) = (compact(alias), compact(p));
                // A prefix joins its family anyway; an acronym, or a brand that a legal
                // name defines as "we", needs the link.
                let linked = (speaks_of_itself && after_legal)
                    || initials(p) == short
                    || unquoted_short_form;
                if short != long && !long.starts_with(&short) && linked {
                    // A brand, not an acronym, that the legal name defines as "we" is the
                    // name to show: `Fenix International Limited ("OnlyFans", "we")`.
                    // (An acronym of the name's capitals, "MLBAM" for "MLB Advanced Media",
                    // reads worse than the name it stands for.)
                    let capitals: String = p.chars().filter(|c| c.is_uppercase()).collect();
                    let acronym = !alias.chars().any(char::is_lowercase)
                        && capitals.contains(&alias.replace(['.', ' '], ""));
                    let brand = speaks_of_itself && after_legal && initials(p) != short && !acronym;
                    board.short_forms.push((short, long, brand));
                }
            }
        }
        if let Some(p) = preceding.filter(|_| name_weight > 0) {
            // A name only expanded by an acronym is defined, not self-referenced.
            let name_cue = if cue == "defined" && !after_legal {
                "defined"
            } else {
                "operator"
            };
            board.add(p, name_cue, name_weight, quote);
        }
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A defined term that may be a name: capitalised, not a generic term, at most 5 words.
fn name_like(term: &str) -> bool {
    let term = term.trim();
    let first = term.split_whitespace().next().unwrap_or("");
    !term.is_empty()
        && term.split_whitespace().count() <= 5
        && term.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && WHOLE_NAME.is_match(term)
        && !GENERIC_TERMS.contains(&term)
        && !NOT_NAMES.contains(&first)
        && !NOT_NAMES.contains(&term)
}

fn initials(name: &str) -> String {
    TRAILING_FORM
        .replace(name.trim(), "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "of" | "for" | "the" | "and" | "&"))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The policy's own web or e-mail domain: the most mentioned registrable label, when the
/// text also spells it as a name ("imdb.com" and "IMDb").
fn domain_cues(text: &str, labels: &BTreeMap<String, Domain>, board: &mut Board) {
    let Some(top) = labels.values().map(|d| d.mentions).max() else {
        return;
    };
    let lower_ascii = text.to_ascii_lowercase();
    for (label, domain) in labels {
        let mentions = domain.mentions;
        if mentions < 2 {
            continue;
        }
        // The most mentioned domain is most likely the policy's own.
        let weight = 1 + mentions.min(4) + if mentions == top { 2 } else { 0 };
        if let Some((name, at)) = spelled_in_text(text, &lower_ascii, label)
            .or_else(|| spelled_in_two_words(text, &lower_ascii, label))
        {
            let end = floor_boundary(text, (at + 80).min(text.len()));
            board.add(&name, "own-domain", weight, &text[at..end]);
        } else if mentions == top && mentions >= 3 && !generic_label(label) {
            // Never spelled as a name: the domain as the text writes it ("reddit.com",
            // "lynda.com"), a little weaker than a spelled name.
            let at = domain.first.start;
            let end = floor_boundary(text, (at + 80).min(text.len()));
            board.add(
                &text[domain.first.clone()],
                "own-domain",
                weight - 2,
                &text[at..end],
            );
        } else if label.len() >= 4 {
            // Only a legal name spells it: `Mullvad VPN AB` and mullvad.net.
            let extending: Vec<String> = board
                .names
                .iter()
                .filter(|(key, c)| {
                    key.starts_with(label.as_str())
                        && c.evidence.iter().any(|e| e.cue == "legal-name")
                })
                .map(|(_, c)| c.name.clone())
                .collect();
            for name in extending {
                board.add(
                    &name,
                    "own-domain",
                    weight,
                    &format!("{label} ({mentions} mentions)"),
                );
            }
        }
    }
}

/// How much of a policy's text is read for its company.
const MAX_TEXT: usize = 256 * 1024;

/// Evidence of one kind counts at most this often per name: repetition is not corroboration.
const MAX_PER_CUE: usize = 2;

fn decide(text: &str, mut board: Board) -> Inference {
    board.join_short_forms();
    let mut scored: Vec<Scored> = families(board.names)
        .into_iter()
        // Only names with some positive evidence are counted (one pass over the text each).
        .filter(|members| {
            members
                .iter()
                .any(|c| c.evidence.iter().any(|e| e.weight > 0))
        })
        .map(|members| score_family(text, members))
        .filter(|f| {
            f.evidence
                .iter()
                .any(|e| e.weight > 0 && e.cue != "mentions")
        })
        .collect();
    scored.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.name.cmp(&b.name)));
    let name = choose(&scored);
    let mut evidence = Vec::new();
    for f in scored.into_iter().take(3) {
        for mut e in f.evidence.into_iter().take(6) {
            e.name = f.name.clone();
            evidence.push(e);
        }
    }
    Inference { name, evidence }
}

/// A family of names with its evidence and score.
struct Scored {
    score: i32,
    /// The name shown.
    name: String,
    evidence: Vec<Evidence>,
}

impl Board<'_> {
    /// Move each defined short form's evidence to the name it stands for.
    fn join_short_forms(&mut self) {
        // The legal entity of a site its domain names, by the site's initials: "WP Company
        // LLC" for "Washington Post" (washingtonpost.com).
        let sites: Vec<(String, String)> = self
            .names
            .iter()
            .filter(|(_, c)| c.evidence.iter().any(|e| e.cue == "own-domain"))
            .map(|(key, c)| (key.clone(), initials(&c.name)))
            .filter(|(_, initials)| initials.len() >= 2)
            .collect();
        for (site, site_initials) in sites {
            let entities: Vec<String> = self
                .names
                .iter()
                .filter(|(key, c)| {
                    **key != site
                        && c.evidence.iter().any(|e| e.cue == "legal-name")
                        && c.name.split(' ').next().is_some_and(|first| {
                            first.len() >= 2
                                && !first.chars().any(char::is_lowercase)
                                && first.to_lowercase() == site_initials
                        })
                })
                .map(|(key, _)| key.clone())
                .collect();
            for entity in entities {
                self.short_forms.push((entity, site.clone(), false));
            }
        }
        for (short, long, brand) in std::mem::take(&mut self.short_forms) {
            if !self.names.contains_key(&long) {
                continue;
            }
            if let Some(c) = self.names.remove(&short) {
                if let Some(target) = self.names.get_mut(&long) {
                    if brand {
                        target.name = c.name;
                    }
                    target.evidence.extend(c.evidence);
                    target.first_self = target.first_self.min(c.first_self);
                }
            }
        }
    }
}

/// Families: a name and the names that extend it ("Amazon", "Amazon.com Inc", "Amazon Europe
/// Core SARL"; "Academia Inc" and "Academia.edu"), keyed by the shortest. Keys come in order,
/// so a prefix comes before its extensions.
fn families(names: BTreeMap<String, Candidate>) -> Vec<Vec<Candidate>> {
    let mut families: Vec<(String, Vec<Candidate>)> = Vec::new();
    for (key, candidate) in names {
        let root = families
            .iter_mut()
            .find(|(root, _)| root.chars().count() >= 3 && key.starts_with(root.as_str()));
        match root {
            Some((_, members)) => members.push(candidate),
            None => families.push((key, vec![candidate])),
        }
    }
    families.into_iter().map(|(_, members)| members).collect()
}

/// A family's evidence (at most [`MAX_PER_CUE`] of a kind), with its mentions, the platform
/// and common-word penalties, and the name to show.
fn score_family(text: &str, members: Vec<Candidate>) -> Scored {
    let own = |c: &Candidate| {
        c.evidence
            .iter()
            .filter(|e| SELF_CUES.contains(&e.cue))
            .map(|e| e.weight)
            .sum::<i32>()
    };
    let shortest = members
        .iter()
        .min_by_key(|c| c.name.len())
        .map(|c| c.name.clone())
        .unwrap_or_default();
    // Shown: the member the text speaks of as itself first ("American Honda Motor Co., Inc.
    // (American Honda) is considerate ..." before "American Honda Finance Corporation").
    let shown = members
        .iter()
        .filter(|c| own(c) > 0)
        .min_by_key(|c| (c.first_self, c.name.len()))
        .or_else(|| members.first())
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut all: Vec<Evidence> = members.into_iter().flat_map(|c| c.evidence).collect();
    all.sort_by_key(|e| std::cmp::Reverse(e.weight.abs()));
    for e in all {
        let n = seen.entry(e.cue).or_default();
        *n += 1;
        if *n <= MAX_PER_CUE {
            evidence.push(e);
        }
    }
    let first = shortest.split(' ').next().unwrap_or(&shortest).to_owned();
    // A site named by its domain (`reddit.com`) is mentioned by its brand word too.
    let domain_only = !first.chars().any(char::is_uppercase) && DOMAIN_NAME.is_match(&first);
    let count = match first.split_once('.').filter(|_| domain_only) {
        Some((brand, _)) => count_word(text, &first) + count_word(text, brand),
        None => count_word(text, &first),
    };
    let bonus = match count {
        0..=1 => 0,
        2..=3 => 1,
        4..=9 => 2,
        10..=29 => 3,
        _ => 4,
    };
    if bonus > 0 {
        evidence.push(Evidence {
            name: first.clone(),
            cue: "mentions",
            weight: bonus,
            quote: format!("{count} mentions of {first}"),
        });
    }
    let key = compact(&shortest);
    let is_platform = PLATFORMS.iter().any(|p| key.starts_with(p));
    // The policy's own most mentioned domain, with mentions to match, is its own word too:
    // Instagram's policy on instagram.com, Criteo's on criteo.com.
    let own_site = evidence
        .iter()
        .any(|e| e.cue == "own-domain" && e.weight >= 5)
        && count >= 10;
    let strong_self = own_site
        || evidence
            .iter()
            .any(|e| matches!(e.cue, "title" | "alias" | "self" | "controller"));
    if is_platform && !strong_self {
        evidence.push(Evidence {
            name: shortest.clone(),
            cue: "platform",
            weight: -4,
            quote: "a platform policies mostly mention as a vendor or partner".into(),
        });
    }
    // A common noun written with a capital ("Websites", "Tracking Technologies") is no name:
    // the text also writes it in lower case. (A name written in lower case only, a domain
    // such as "lynda.com", is not such a noun.)
    if shortest.chars().any(char::is_lowercase) && shortest.chars().any(char::is_uppercase) {
        let lower = shortest.to_lowercase();
        let lower_count = count_word(text, &lower);
        if lower_count >= 2 && 2 * lower_count >= count_word(text, &shortest) {
            evidence.push(Evidence {
                name: shortest.clone(),
                cue: "common-word",
                weight: -8,
                quote: format!("{lower_count} mentions of {lower}"),
            });
        }
    }
    Scored {
        score: evidence.iter().map(|e| e.weight).sum(),
        name: shown,
        evidence,
    }
}

/// The leading family's name, if its evidence suffices and its lead is clear.
fn choose(scored: &[Scored]) -> Option<String> {
    let has_self = |ev: &[Evidence]| ev.iter().any(|e| SELF_CUES.contains(&e.cue));
    let (best, rest) = scored.split_first()?;
    if !has_self(&best.evidence) {
        return None;
    }
    let ev = &best.evidence;
    let runner_up = rest.first().map_or(0, |r| r.score);
    // A short text may name its company once ("At Initech, we keep logs"; "Zeta Ltd keeps
    // logs"): with no rival and nothing against it, less evidence will do.
    let alone = runner_up <= 0 && ev.iter().all(|e| e.weight > 0);
    let has = |cue: &str| ev.iter().any(|e| e.cue == cue);
    let min = if !alone {
        MIN_SCORE
    } else if has("legal-name") && has("subject") {
        MIN_SCORE_ALONE - 1
    } else {
        MIN_SCORE_ALONE
    };
    // A close rival that the text also speaks of as itself (a site and its operator, a brand
    // and its parent) makes a guess; one that it only mentions does not.
    let rival_self = rest.first().is_some_and(|r| {
        r.evidence
            .iter()
            .any(|e| SELF_CUES.contains(&e.cue) && !matches!(e.cue, "subject" | "possessive"))
    });
    let margin = if rival_self {
        MIN_MARGIN
    } else {
        MIN_MARGIN_OVER_MENTIONED
    };
    (best.score >= min && best.score - runner_up >= margin).then(|| best.name.clone())
}

/// Occurrences of `word` as a whole word.
fn count_word(text: &str, word: &str) -> usize {
    if word.is_empty() {
        return 0;
    }
    text.match_indices(word)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            let joined = |c: char| c.is_alphanumeric() || matches!(c, '.' | '/' | '@' | '_');
            !before.is_some_and(joined)
                && !after.is_some_and(|c| {
                    c.is_alphanumeric()
                        || c == '@'
                        || c == '_'
                        || (c == '.'
                            && text[i + word.len() + 1..].starts_with(char::is_alphanumeric))
                })
        })
        .count()
}

/// Drop leading sentence words from a candidate; `None` when nothing name-like is left.
fn clean_base(candidate: &str) -> Option<String> {
    let mut words: Vec<&str> = candidate.split_whitespace().collect();
    // Two entities, not one name: "Valve Corporation and Valve S.A.R.L." is the first.
    if let Some(and) = words.iter().position(|w| *w == "and" || *w == "&") {
        let left = words[..and].join(" ");
        if and > 1 && SUFFIX_END.is_match(&format!(" {left}")) {
            words.truncate(and);
        }
    }
    while let Some(first) = words.first() {
        if NOT_NAMES.contains(first)
            || matches!(*first, "&" | "and" | "of" | "de" | "for" | "the")
            || shouted_common_word(first)
        {
            words.remove(0);
        } else {
            break;
        }
    }
    while let Some(last) = words.last() {
        if words.len() >= 2
            && NAME_ENDS.contains(last)
            && !NOT_NAMES.contains(&words[words.len() - 2])
        {
            break;
        }
        if NOT_NAMES.contains(last)
            || (shouted_common_word(last) && !SUFFIX_ONLY.is_match(last))
            || matches!(*last, "&" | "and" | "of" | "de" | "du" | "der")
        {
            words.pop();
        } else {
            break;
        }
    }
    // A lone initial ends no name ("Valve S" of "Valve S.à r.l.").
    while words.len() >= 2 && words.last().is_some_and(|w| w.chars().count() == 1) {
        words.pop();
    }
    // A company form alone ("Inc") is no name.
    if words.len() == 1 && SUFFIX_ONLY.is_match(words[0]) {
        return None;
    }
    // "The Bank respects": a name's last word alone is no name.
    if let [only] = words.as_slice() {
        if NAME_ENDS.contains(only) {
            return None;
        }
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// A common word written in capitals ("PRIVACY", "THE"), as headings glued to a name are.
fn shouted_common_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if word.chars().any(char::is_lowercase) || word.len() < 3 {
        return false;
    }
    let title: String = std::iter::once(first)
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    NOT_NAMES.contains(&title.as_str()) && !NOT_NAMES.contains(&word)
}

/// Normalise spacing and drop trailing punctuation.
fn finish(name: &str) -> String {
    let joined = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = joined.trim_end_matches(['.', ',', ';', ':', '’', '\'']);
    trimmed
        .strip_suffix("'s")
        .or_else(|| trimmed.strip_suffix("’s"))
        .or_else(|| trimmed.strip_suffix("'S"))
        .or_else(|| trimmed.strip_suffix("’S"))
        .unwrap_or(trimmed)
        .to_owned()
}

/// How the text spells a domain label as a capitalised word ("wepremium" -> "Wepremium"), if
/// it does so at least twice; also its first position.
/// A label spelled as two capitalised words, at least twice: "Washington Post" for
/// washingtonpost.com.
fn spelled_in_two_words(text: &str, lower: &str, label: &str) -> Option<(String, usize)> {
    if label.len() < 7 || !label.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // One pass over the text: each place that spells the label with one space inside (at
    // least three letters either side) counts for that split; the first split spelled twice
    // wins, with its first place.
    let mut by_split: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find(&label[..3]) {
        let at = from + i;
        from = at + 1;
        let rest = &lower.as_bytes()[at..];
        let Some(split) = (3..=label.len() - 3).find(|&s| rest.get(s) == Some(&b' ')) else {
            continue;
        };
        let end = at + label.len() + 1;
        let spelled = rest.len() > label.len()
            && rest[..split] == label.as_bytes()[..split]
            && rest[split + 1..=label.len()] == label.as_bytes()[split..];
        if !spelled || !text.is_char_boundary(end) {
            continue;
        }
        let bounded = !text[..at].ends_with(|c: char| c.is_alphanumeric())
            && !text[end..].starts_with(|c: char| c.is_alphanumeric());
        let capitalised = text[at..end]
            .split(' ')
            .all(|w| w.starts_with(|c: char| c.is_uppercase()));
        if bounded && capitalised {
            let entry = by_split.entry(split).or_insert((0, at));
            entry.0 += 1;
        }
    }
    by_split
        .into_iter()
        .find(|(_, (count, _))| *count >= 2)
        .map(|(_, (_, at))| (text[at..at + label.len() + 1].to_owned(), at))
}

/// A label that names a mail service, a platform or a kind of site, not a company:
/// `gmail`, `google`, `privacy`, or a second-level label such as `gouv` in `gouv.fr`.
fn generic_label(label: &str) -> bool {
    matches!(
        label.to_ascii_lowercase().as_str(),
        "gmail"
            | "google"
            | "yahoo"
            | "outlook"
            | "hotmail"
            | "website"
            | "privacy"
            | "mail"
            | "email"
            | "info"
            | "support"
            | "help"
            | "legal"
            | "contact"
            | "www"
            | "aboutads"
            | "networkadvertising"
            | "youronlinechoices"
            | "allaboutcookies"
            | "optout"
            | "truste"
            | "w3"
            | "gouv"
            | "gov"
            | "govt"
            | "ac"
            | "co"
            | "com"
            | "org"
            | "net"
            | "edu"
    )
}

fn spelled_in_text(text: &str, lower: &str, label: &str) -> Option<(String, usize)> {
    if label.len() < 3
        || generic_label(label)
        || NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(label))
    {
        return None;
    }
    let mut found: Option<(String, usize)> = None;
    let mut count = 0;
    let mut from = 0;
    // Where each capitalised mention starts.
    let mut firsts: Vec<usize> = Vec::new();
    while let Some(i) = lower[from..].find(label) {
        let at = from + i;
        from = at + label.len();
        let before_ok =
            at == 0 || !text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '@' || c == '.');
        let after_ok = !text[from..].starts_with(|c: char| c.is_alphanumeric() || c == '.');
        let word = &text[at..from];
        if before_ok && after_ok && word.starts_with(|c: char| c.is_uppercase()) {
            count += 1;
            found.get_or_insert((word.to_owned(), at));
            firsts.push(at);
        }
    }
    let (mut name, mut at) = found.filter(|_| count >= 2)?;
    // Words that precede most mentions belong to the name ("Public Interest Watch" for
    // watch.org), up to three.
    let mut starts = firsts;
    for _ in 0..3 {
        let mut prevs: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &start in &starts {
            let head = text[..start].trim_end_matches([' ', '\t']);
            if head.len() + 1 != start {
                continue;
            }
            let prev = head
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if prev.starts_with(|c: char| c.is_uppercase()) && !NOT_NAMES.contains(&prev) {
                prevs.entry(prev).or_default().push(head.len() - prev.len());
            }
        }
        match prevs.into_iter().max_by_key(|(_, v)| v.len()) {
            Some((prev, v)) if 4 * v.len() >= 3 * count => {
                name = format!("{prev} {name}");
                at = v[0];
                starts = v;
            }
            _ => break,
        }
    }
    Some((name, at))
}

/// How an inferred company compares with the truth (`polsearch eval company`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The inferred company is the true one.
    Right,
    /// No company inferred.
    Unknown,
    /// Another company inferred.
    Wrong,
}

static TRAILING_FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:,?[ \t]+{SUFFIX}[.,]?)+$")).expect("static pattern compiles")
});

/// A name reduced to what identifies it: no company form, no case, spacing or punctuation
/// ("Ask.fm" and "ASKfm Ltd." both give `askfm`).
pub fn compact(name: &str) -> String {
    let trimmed = name.trim();
    let without_form = TRAILING_FORM.replace(trimmed, "");
    let base = without_form
        .strip_prefix("The ")
        .or_else(|| without_form.strip_prefix("the "))
        .unwrap_or(&without_form);
    base.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Does an inferred name agree with the true company name? Equal once compacted, or one
/// contains the other (at least three letters: "Academia" for "Academia.edu").
pub fn judge(inferred: &str, truth: &str) -> Verdict {
    if inferred == UNKNOWN {
        return Verdict::Unknown;
    }
    let (a, b) = (compact(inferred), compact(truth));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if !short.is_empty()
        && (a == b || (short.chars().count() >= 3 && long.contains(short.as_str())))
    {
        Verdict::Right
    } else {
        Verdict::Wrong
    }
}

/// Does an inferred name agree with a site's domain (`honda.com`, `mlb.mlb.com`)? One of the
/// domain's labels (no `www` or top-level label) contains the compacted name or is contained
/// in it, or the initials of the name's words spell the label ("Dallas County Community
/// College District" for `dcccd.edu`). A hint of the truth, not the truth.
pub fn judge_domain(inferred: &str, domain: &str) -> Verdict {
    if inferred == UNKNOWN {
        return Verdict::Unknown;
    }
    let name = compact(&inferred.replace('&', " and "));
    // "Kraft" for kraftrecipes.com: the name's first word opens the label.
    let first_word = compact(inferred.split_whitespace().next().unwrap_or(""));
    let initials = initials(inferred);
    let labels: Vec<String> = domain
        .split('.')
        .rev()
        .skip(1)
        .filter(|l| *l != "www")
        .map(|l| l.replace('-', ""))
        .collect();
    let agrees = labels.iter().any(|label| {
        let (short, long) = if name.len() <= label.len() {
            (&name, label)
        } else {
            (label, &name)
        };
        (short.chars().count() >= 3 && long.contains(short.as_str()))
            || (initials.len() >= 2 && initials == *label)
            || (first_word.chars().count() >= 4 && label.starts_with(first_word.as_str()))
    });
    if agrees {
        Verdict::Right
    } else {
        Verdict::Wrong
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_names_keep_their_suffix() {
        let t =
            "Using the services of WEBCLOUD PRO OÜ, you trusted us. WEBCLOUD PRO OÜ collects data.";
        assert_eq!(infer(t).as_deref(), Some("WEBCLOUD PRO OÜ"));
        let t = "Company: Wepremium SARL\nAt Wepremium, we value your privacy. Email: contact@wepremium.com";
        assert_eq!(infer(t).as_deref(), Some("Wepremium SARL"));
        let t = "Wespro Digital Pvt Ltd and its affiliates respect your privacy. By accessing the services provided by Wespro you agree.";
        assert_eq!(infer(t).as_deref(), Some("Wespro Digital Pvt Ltd"));
        let t = "This policy applies to Acme Widgets, Inc. and to nobody else. Acme Widgets, Inc. keeps your data safe.";
        assert_eq!(infer(t).as_deref(), Some("Acme Widgets Inc"));
    }

    #[test]
    fn ownership_phrases() {
        let t = "We inform you that this site is owned by WeSecur. For questions write to us.";
        assert_eq!(infer(t).as_deref(), Some("WeSecur"));
        let t = "At Globex, we care. Globex collects nothing.";
        assert_eq!(infer(t).as_deref(), Some("Globex"));
    }

    #[test]
    fn domains_name_the_registrable_label_not_a_generic_one() {
        let t = "MLB Advanced Media, L.P. (\"MLBAM\", \"we\") runs this WEBSITE. Write to privacy@website.mlb.com. USING OUR WEBSITE, you agree. Our WEBSITE is big.";
        assert_eq!(infer(t).as_deref(), Some("MLB Advanced Media L.P"));
    }

    #[test]
    fn the_same_text_always_names_the_same_company() {
        let t = "Allstate Financial LLC and Allstate Motor Club Inc are affiliates. At Allstate, we run this site; write to privacy@allstate.com or visit www.allstate.com. Allstate cares.";
        let first = infer(t);
        assert!(first.is_some());
        for _ in 0..50 {
            assert_eq!(infer(t), first);
        }
    }

    #[test]
    fn no_name_means_none() {
        let t = "Privacy Policy collects as little information about you as possible. However, we may need certain personal information. What information does collect about me? We collect personal information that you provide to us.";
        assert_eq!(infer(t), None);
        assert_eq!(
            infer("The Company keeps Data. Personal Data is safe. GDPR applies."),
            None
        );
    }

    /// The wrong-name patterns of issue 15, each in words written for this test.
    mod wrong_names {
        use super::*;

        #[test]
        fn an_acronym_is_never_glued_to_the_next_word() {
            let t = "Privacy Policy\nThe Journal Website is maintained by the American Association for the Advancement of Learning (AAAL), 12 Main Avenue, Springfield. AAAL is committed to protecting the privacy of our users. This statement applies to the Journal family of websites, such sites as Journal Classic. AAAL uses the information to improve the sites. Write to privacy@aaal.org.";
            let name = infer(t).expect("a name");
            let key = compact(&name);
            assert!(
                key == "aaal" || key.starts_with("americanassociation"),
                "{name}"
            );
        }

        #[test]
        fn a_domain_label_keeps_the_word_that_always_precedes_it() {
            let t = "Public Interest Watch does not automatically collect personal information from visitors. When you donate, Public Interest Watch asks for your name. Write to Public Interest Watch at privacy@watch.org or visit www.watch.org. Public Interest Watch never sells lists.";
            assert_eq!(infer(t).as_deref(), Some("Public Interest Watch"));
        }

        #[test]
        fn an_analytics_vendor_is_not_the_site() {
            let t = "Privacy Policy\nThis is the web site of the Federal Reserve Bank of Springfield. The Bank respects your privacy. We use Google Analytics, a web analytics service owned by Google, to count visits. Google may use cookies; read Google's privacy policy. Google Analytics does not identify you. The Federal Reserve Bank of Springfield keeps e-mail for a year.";
            assert_eq!(
                infer(t).as_deref(),
                Some("Federal Reserve Bank of Springfield")
            );
            // Mentioned only as vendors: no name at all, never the vendor.
            let t = "We use Google Analytics and Google Ads. Google may collect your IP address; Google's privacy policy applies. Facebook Pixel is also used; Facebook may process data.";
            assert_eq!(infer(t), None);
        }

        #[test]
        fn a_service_provider_is_not_the_operator() {
            let t = "PRIVACY STATEMENT\nPlease read this privacy statement. We collect information through our website. Our loyalty club e-mails are sent for us by Clubmail LLC, a service provider. Clubmail LLC processes your e-mail address only to send our messages. You may unsubscribe at any time; Clubmail LLC will stop sending.";
            assert_ne!(infer(t).as_deref(), Some("Clubmail LLC"));
        }

        #[test]
        fn a_financing_arm_or_affiliate_is_not_the_operator() {
            let t = "STATEMENT OF PRIVACY\nNorthwind Motor Co., Inc. (Northwind Motor) is considerate of the privacy of our visitors. At Northwind Motor, we believe the protection of customer information is a fundamental responsibility. You can learn about Northwind Motor, Northwind Motor Finance Corporation (\"NMFC\"), our products and offers without telling us who you are. Northwind Motor Finance Corporation (\"NMFC\") respects and protects customer privacy. NMFC collects information to service your loan. Northwind Motor Finance Corporation may share data with its affiliates.";
            let name = infer(t).expect("a name");
            assert!(name.starts_with("Northwind Motor"), "{name}");
            assert!(!name.contains("Finance"), "{name}");

            let t = "Privacy Policy\nNewsline (\"Newsline\", \"we\", \"us\") brings you the news. Newsline is part of the Magic Kingdom Family of Companies. If you live in Canada, Magic Kingdom Canada Inc. is responsible for your data. Newsline collects the information you give us. Contact Newsline at privacy@newsline.com or visit www.newsline.com.";
            assert_eq!(infer(t).as_deref(), Some("Newsline"));
        }

        #[test]
        fn a_site_named_only_by_its_domain_is_named_by_it() {
            // Written in lower case only, the brand is no name; its domain, the most
            // mentioned, names the site as the text writes it.
            let t = "quickpoll privacy policy\nWhen you use quickpoll.com we collect the polls you answer. quickpoll stores answers on its servers. Questions go to help@quickpoll.com. The quickpoll.com apps follow this policy too.";
            assert_eq!(infer(t).as_deref(), Some("quickpoll.com"));
            // Spelled in two words: "Harbor Herald" for harborherald.com.
            let t = "The Harbor Herald collects the e-mail address you give us. Subscribers of The Harbor Herald get a newsletter. Visit harborherald.com or write to news@harborherald.com; harborherald.com hosts the archive.";
            assert_eq!(infer(t).as_deref(), Some("Harbor Herald"));
            // The legal entity named by the site's initials is the site's, not a rival.
            let t = "The Harbor Herald (the HH Company LLC) collects the e-mail address you give us. Subscribers of The Harbor Herald get a newsletter; the HH Company LLC bills them. Opt-out pages are operated by the Ad Choice Alliance. Visit harborherald.com or write to news@harborherald.com.";
            assert_eq!(infer(t).as_deref(), Some("Harbor Herald"));
            // A second-level label names a kind of site, not its operator.
            let t = "This service is run for the public. Visit www.service.gouv.fr, write to contact@service.gouv.fr, or see the help on service.gouv.fr and annuaire.gouv.fr.";
            assert_ne!(infer(t).as_deref(), Some("gouv.fr"));
            // An opt-out site the text sends readers to is not the policy's own.
            let t = "To opt out of interest-based ads, visit aboutads.info or www.aboutads.info/choices; see also aboutads.info/appchoices. We may show ads.";
            assert_eq!(infer(t), None);
        }

        #[test]
        fn a_company_name_that_holds_a_domain_is_not_the_site() {
            // "Payflow.com Market Ltd" is the reseller's legal name: its ".com" is no mention
            // of a web site, so it does not become the policy's own domain.
            let t = "Orders are handled by our reseller Payflow.com Market Ltd, which is the merchant of record. Payflow.com Market Ltd processes your card. Payflow.com Market Ltd may e-mail you a receipt.";
            let inference = infer_with_evidence(t);
            assert!(
                inference.evidence.iter().all(|e| e.cue != "own-domain"),
                "{:?}",
                inference.evidence
            );
        }

        #[test]
        fn a_parent_is_not_the_site() {
            let t = "Moviebase Privacy Notice\nMoviebase knows that you care how information about you is used. By visiting Moviebase, you accept this notice. Moviebase is a subsidiary of Amazon.com, Inc. We share information with Amazon.com, Inc. and its subsidiaries. Questions: privacy@moviebase.com, www.moviebase.com/privacy.";
            assert_eq!(infer(t).as_deref(), Some("Moviebase"));
        }

        #[test]
        fn defined_terms_and_common_words_are_not_names() {
            // "(collectively, "Tracking Technologies")" defines a term; "Websites" is
            // written in lower case too.
            let t = "We may use web beacons, pixels and similar tools (collectively, \"Tracking Technologies\"). Tracking Technologies help us. The Websites may collect information; our websites use tracking technologies. Websites may also link to other websites.";
            assert_eq!(infer(t), None);
            // "Who is the controller?" is a heading, not a company.
            let t = "Who is the controller? Who can I contact? Who receives data?";
            assert_eq!(infer(t), None);
        }

        #[test]
        fn a_brand_the_legal_entity_defines_as_we_is_shown() {
            let t = "Terms of Service\nThese terms are an agreement between you and Lumen Holdings Limited (\"Fanpage\", \"we\", \"us\"). Fanpage lets creators share content. Write to support@fanpage.example or visit www.fanpage.com.";
            assert_eq!(infer(t).as_deref(), Some("Fanpage"));
        }

        #[test]
        fn an_unquoted_acronym_joins_the_name_it_shortens() {
            let t = "Web Privacy Statement\nSpringfield Community College (SCC) is committed to protecting your privacy. SCC uses cookies to keep you signed in. SCC collects from cookies only what it needs. A vehicle's Event Data Recorder (EDR) is another matter.";
            assert_eq!(infer(t).as_deref(), Some("Springfield Community College"));
        }

        #[test]
        fn evidence_is_explained() {
            let t = "Binance (\"Binance\", \"we\", or \"us\") is committed to protecting your privacy. Binance collects data. Visit www.binance.com or write to privacy@binance.com.";
            let inf = infer_with_evidence(t);
            assert_eq!(inf.name.as_deref(), Some("Binance"));
            assert!(inf
                .evidence
                .iter()
                .any(|e| e.name == "Binance" && e.cue == "alias" && e.quote.contains("\"we\"")));
            assert!(inf.evidence.iter().all(|e| e.quote.len() <= 104));
        }
    }

    #[test]
    fn judging_against_a_folder_or_a_domain() {
        assert_eq!(judge("Ask.fm Ltd", "ASKfm"), Verdict::Right);
        assert_eq!(judge("Academia", "Academia.edu"), Verdict::Right);
        assert_eq!(judge("Valve Corp", "Steam"), Verdict::Wrong);
        assert_eq!(judge(UNKNOWN, "Steam"), Verdict::Unknown);
        assert_eq!(
            judge_domain("American Honda Motor Co", "honda.com"),
            Verdict::Right
        );
        assert_eq!(
            judge_domain("Dallas County Community College District", "dcccd.edu"),
            Verdict::Right
        );
        assert_eq!(
            judge_domain("Barnes & Noble Inc", "barnesandnoble.com"),
            Verdict::Right
        );
        assert_eq!(judge_domain("Google", "stlouisfed.org"), Verdict::Wrong);
    }
}
