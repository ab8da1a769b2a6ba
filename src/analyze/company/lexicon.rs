//! The words and patterns company inference reads: company forms, self-cues, vendor and
//! platform phrases, words that are never names.

use regex::Regex;
use std::sync::LazyLock;

pub(super) const NAME_WORD: &str =
    r"(?:[A-Z][\p{L}\p{N}&'’\-]*(?:\.[a-zA-Z]{2,4}){0,2}|[0-9][\p{L}\p{N}]*[A-Za-z][\p{L}\p{N}]*)";
pub(super) const SUFFIX: &str = r"(?:OÜ|AS|SARL|S\.A\.R\.L\.?|SAS|S\.A\.S\.?|S\.A\.?|SA|S\.L\.?|SL|S\.r\.l\.?|SRL|S\.p\.A\.?|SpA|GmbH|AG|UG|KG|B\.V\.?|BV|N\.V\.?|NV|AB|A/S|ApS|Oy|Oyj|Kft\.?|s\.r\.o\.?|Pty\.? Ltd\.?|Pvt\.? Ltd\.?|Private Limited|Co\.,? Ltd\.?|Ltd\.?|Limited|LLC|L\.L\.C\.?|LLP|Inc\.?|Incorporated|Corp\.?|Corporation|PLC|plc|N\.A\.?|L\.P\.?|LP|L\.L\.P\.?|PBC)";

pub(super) static LEGAL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?-u:\b)({w}(?:[ \t]+(?:{w}|&|and|of|de|du|der)){{0,4}}),?[ \t]+{s}(?:[^\p{{L}}\p{{N}}]|$)",
        w = NAME_WORD,
        s = SUFFIX
    );
    Regex::new(&pattern).expect("static pattern compiles")
});

pub(super) static SUFFIX_AT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r",?[ \t]+({SUFFIX})")).expect("static pattern compiles"));

pub(super) static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    // The registrable label: `mlb` in `privacy@website.mlb.com`, `ulster` in `ulster.ac.uk`
    // (a second-level suffix such as `ac.uk` or `gouv.fr` is no label of a name).
    // Also a bare domain, as a word of its own ("reddit.com", "TED.com").
    Regex::new(r#"(?i)(?:@|https?://|www\.|(?:^|[\s(\[<"'“‘]))(?:[a-z0-9\-]+\.)*?([a-z0-9][a-z0-9\-]{1,62})\.(?:gouv\.fr|ac\.uk|nhs\.uk|ac\.jp|go\.jp|or\.jp|ne\.jp|ac\.at|gv\.at|gob\.es|com|org|net|edu|gov|io|co|info|biz|us|uk|de|fr|es|it|nl|eu|ca|au|in|jp|tv|me|app|ai|ee|ma|ch|at|be|se|no|dk|fi|pl|pt|ie)\b"#)
        .expect("static pattern compiles")
});

/// What follows a domain that is part of a company's name: up to two capitalised words and a
/// company form (`.com Market Ltd`, `.com, Inc.`).
pub(super) static NAMED_COMPANY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:[ \t]+[A-Z][\p{{L}}]*){{0,2}},?[ \t]+{SUFFIX}(?:[^\p{{L}}]|$)"
    ))
    .expect("static pattern compiles")
});

/// Words that start sentences or name documents, never a company.
pub(super) const NOT_NAMES: &[&str] = &[
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
    "Department",
    "Attn",
    "Attention",
    // What a shop sells, not who sells it ("Virtual Items Policy").
    "Virtual",
    "Items",
    "Item",
    "Goods",
    "Coins",
    "Credits",
    "Gifts",
    "Purchases",
];

/// Words that end a company's name ("The Browser Company", "Mozilla Foundation") and stay
/// when a name word precedes them.
pub(super) const NAME_ENDS: &[&str] = &[
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

/// Cues that the text speaks of itself or its operator; a name needs one to be chosen.
pub(super) const SELF_CUES: &[&str] = &[
    "title",
    "alias",
    "self",
    "operator",
    "controller",
    "own-domain",
    "subject",
    "possessive",
    "copyright",
    "contact",
    "disclaims",
];

/// Names that policies mostly mention as vendors, platforms or partners: they need
/// self-evidence beyond their mentions to be the company.
pub(super) const PLATFORMS: &[&str] = &[
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

pub(super) static NAME: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"({w}(?:[ \t]+(?:(?:of|for|the|and|&|de|du|der|von|St\.)[ \t]+){{0,2}}{w}){{0,5}})",
        w = NAME_WORD
    )
});

/// `{n}` is a name; `{ns}` a name that may carry its company form (`Bending Spoons S.p.A.`),
/// which the capture leaves out.
pub(super) fn compile(pattern: &str) -> Regex {
    let with_suffix = format!(r"{}(?:,?[ \t]+{SUFFIX})?", *NAME);
    Regex::new(&pattern.replace("{ns}", &with_suffix).replace("{n}", &NAME))
        .expect("static pattern compiles")
}

/// Phrases in which a policy speaks of itself or its operator, with their cue and weight.
pub(super) static SELF_PHRASES: LazyLock<Vec<(Regex, &'static str, i32)>> = LazyLock::new(|| {
    [
        (r"(?-u:\b)[Aa]t (?:the )?{n}, (?:we|our)(?-u:\b)", "self", 5),
        (
            r"(?-u:\b)[Tt]his (?:[Pp]rivacy )?(?:[Pp]olicy|[Nn]otice|[Ss]tatement) (?:applies to|describes how|explains how) {ns}",
            "self",
            4,
        ),
        (r"(?-u:\b)[Hh]ere at (?:the )?{n}(?-u:\b)", "self", 4),
        // "We at Acme take your privacy seriously": not "we at Acme and our partners".
        (
            r"(?-u:\b)[Ww]e at (?:the )?{ns},? (?:take|are|have|value|believe|respect|understand|know|care|strive|recogni[sz]e|want|will|do|aim|work|process|collect|use|may|consider)(?-u:\b)",
            "self",
            5,
        ),
        (r"(?-u:\b)[Ww]elcome to (?:the )?{n}", "self", 5),
        (
            r"(?-u:\b){ns}(?:[ \t]*\([^()\n]{1,80}\))?(?:,? and its (?:affiliates|subsidiaries|group companies),?)? (?:respects? (?:your|the|our|user)|values (?:your|the)|is (?:committed|dedicated) to|strives to (?:protect|provide|respect|safeguard|maintain|ensure|keep)|is considerate of|cares about|knows that you care|takes (?:your )?privacy|(?:has|have) (?:created|adopted|developed|established|prepared) this (?:[Pp]rivacy |[Oo]nline )?(?:[Pp]olicy|[Ss]tatement|[Nn]otice))",
            "self",
            5,
        ),
        (
            r"(?-u:\b){ns}(?:[ \t]*\([^()\n]{1,80}\))? (?:is|are) the (?:sole )?(?:owners? and operators?|owners? and publishers?|operators?|publishers?) of",
            "operator",
            5,
        ),
        (
            r"(?-u:\b)(?:[Ww]eb ?[Ss]ites?|[Ss]ites?|domains?|[Ss]ervices?)(?: [\p{L}]+){0,3} (?:is|are) (?:a )?(?:services?|propert(?:y|ies)) of (?:the )?{n}",
            "operator",
            5,
        ),
        (
            r"(?:(?:©|&copy;)[ \t]*(?:(?:19|20)[0-9]{2})?|(?:[Cc]opyright[ \t]*(?:(?:©|\([Cc]\))[ \t]*)?|\([Cc]\)[ \t]*)(?:19|20)[0-9]{2})(?:[ \t]*[-–][ \t]*(?:19|20)?[0-9]{2,4})?,?[ \t]+(?:by[ \t]+)?(?:the[ \t]+)?{ns}",
            "copyright",
            3,
        ),
        (
            r"(?-u:\b)(?:19|20)[0-9]{2}(?:[ \t]*[-–][ \t]*(?:19|20)[0-9]{2})?,?[ \t]+(?:the[ \t]+)?{ns}\.?,?[ \t]+[Aa]ll [Rr]ights? [Rr]eserved",
            "copyright",
            3,
        ),
        (
            r"(?i:contact us|write to us|write us|mail to|send (?:us )?(?:a )?(?:letter|mail) to|reach us)[^.\n]{0,40}?:?[ \t]*(?:(?:Attn|Attention|ATTN)[.:]?[ \t]*(?:[A-Z][\p{L}]*[ \t]+){0,3}(?:Officer|Department|Team|Manager|Coordinator|Counsel|Director|Desk)[ \t,]*)?(?:the[ \t]+)?{ns},?[ \t]+(?:[0-9]{1,6}[ \t]+[A-Z0-9]|P\.?[ \t]?O\.?[ \t]+Box)",
            "contact",
            4,
        ),
        (
            r"(?-u:\b){ns}(?:[ \t]*\([^()\n]{1,40}\))? (?:makes no (?:warrant(?:y|ies)|representations?)|is not responsible for the (?:content|materials|privacy practices)|does not (?:endorse|warrant|guarantee) (?:any|the|third)|does not endorse, warrant)",
            "disclaims",
            2,
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
            r"(?-u:\b)(?:owned|operated|run|managed|maintained|published|controlled) by (?:or (?:for|on behalf of) )?(?:the )?(?:company )?{n}",
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
        // French policies speak of themselves the same ways.
        (
            r"(?-u:\b)[Bb]ienvenue (?:sur|chez|dans) (?:le site |l['’]application |le service )?{n}",
            "self",
            5,
        ),
        (
            r"(?-u:\b){ns}(?:[ \t]*\([^()\n]{1,80}\))? (?:respecte (?:votre|vos|la vie)|s['’]engage à (?:protéger|respecter|assurer|garantir|préserver)|accorde une (?:grande |particulière |importance)|attache une (?:grande |particulière |importance))",
            "self",
            5,
        ),
        // "La société Rue du Commerce, société par actions simplifiée au capital de ...".
        (
            r"(?-u:\b)(?:[Ll]a [Ss]ociété|[Ll]['’][Aa]ssociation) {n},? (?:société (?:par actions simplifiée|anonyme|à responsabilité limitée|en commandite|civile|coopérative)|[A-Z]{2,4},? (?:au capital|dont le siège)|au capital de|dont le siège)",
            "operator",
            4,
        ),
        (
            r"(?-u:\b)(?:édités?|éditées?|exploités?|exploitées?|proposés?|proposées?|gérés?|gérées?|publiés?|publiées?) par (?:la société |l['’]association )?{n}",
            "operator",
            2,
        ),
        (
            r"(?-u:\b){ns},? (?:est|agit en (?:sa )?qualité de|en (?:sa )?qualité de) (?:le |de )?responsable (?:du|des|de) traitements?",
            "controller",
            4,
        ),
        (
            r"(?-u:\b)[Rr]esponsable (?:du|des) traitements?(?: de vos données(?: personnelles| à caractère personnel)?)? (?:est|:) (?:la société |l['’]association )?{n}",
            "controller",
            4,
        ),
        (
            r"(?-u:\b){ns},? (?:collecte|traite|utilise|conserve|partage|ne (?:vend|partage|collecte) (?:pas|jamais)|peut (?:collecter|traiter|utiliser|partager)) (?:[\p{L}\-]+ )?(?:vos|votre|des|les|de vos) (?:données|informations)",
            "subject",
            2,
        ),
        (
            r"(?-u:\b)(?:19|20)[0-9]{2}(?:[ \t]*[-–][ \t]*(?:19|20)[0-9]{2})?,?[ \t]+{ns}\.?,?[ \t]+(?:-[ \t]+)?[Tt]ous droits réservés",
            "copyright",
            3,
        ),
    ]
    .into_iter()
    .map(|(p, cue, w)| (compile(p), cue, w))
    .collect()
});

/// Phrases that name a vendor or partner, not the policy's company.
pub(super) static VENDOR_PHRASES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"(?-u:\b){n} (?:Analytics|Ads|AdSense|AdWords|Tag Manager|Maps|reCAPTCHA|Fonts|Pixel|Connect|Marketing Platform|Remarketing|Custom Audiences|Firebase|Crashlytics|Optimize|Signals|Login|Sign-In|Like button|plug-?ins?|SDK|API)(?-u:\b)",
        r"(?-u:\b)(?:such as|including|like|e\.g\.,?|for example,?|for instance,?|namely) {n}",
        r"(?-u:\b)(?:hosted|powered|served) by (?:the )?{n}",
        r"(?-u:\b){ns},? (?:a|an|our) (?:third[- ]party )?(?:service provider|vendor|processor|sub-?processor|contractor|provider|partner)",
        r"(?-u:\b){ns},? (?:acts |which acts )?on (?:our|its) behalf",
        r"(?-u:\b)(?:third[- ]part(?:y|ies)|vendors?|partners?|providers?|processors?|advertisers?|networks?),? (?:such as |like |including |namely |called |named )?{n}",
        // French: "tels que Google", "hébergé par OVH", "Hébergeur : OVH", "Stripe, notre
        // prestataire de paiement".
        r"(?-u:\b)(?:tels? que|telles? que|notamment|par exemple,?) {n}",
        r"(?-u:\b)(?:hébergés?|hébergées?|fournis|fournies) par (?:la société )?{n}",
        r"(?-u:\b)[Hh]ébergeur ?:[ \t]*(?:la société )?{n}",
        r"(?-u:\b){ns},? (?:notre |un |une |nos )?(?:prestataires?|sous-traitants?|fournisseurs?|partenaires?)(?-u:\b)",
    ]
    .into_iter()
    .map(compile)
    .collect()
});

/// A document title that names its company: "Finnair Privacy Notice", "IMDb's Terms of
/// Use", "Privacy Notice - Binance".
pub(super) static TITLE: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        compile(
            r"^[\W_]*{ns}['’]?s?(?:[ \t]+|[ \t]*[-–—|:][ \t]*)(?:(?:Online|Global|General|Website|Web Site|Customer|Consumer|Group|US|U\.S\.|EU|Services?|Platform|App|Apps|Mobile)[ \t]+)?(?:Privacy|PRIVACY|Terms|TERMS|Cookies?|COOKIE|User|Subscriber|Acceptable|Community|Data|Legal|Conditions|Statement|Notice|Policy|Policies)(?-u:\b)",
        ),
        compile(
            r"^[\W_]*(?:Privacy|Cookie|Terms|Data)[\p{L} ]{0,30}?[ \t]*(?:[-–—|:]|of|for|at)[ \t]+(?:the[ \t]+)?{n}[\W_]*$",
        ),
    ]
});

/// Parenthesised definitions: `Binance ("Binance", "we", or "us")`, `(collectively
/// "IMDb")`, `American Honda Motor Co., Inc. (American Honda)`.
pub(super) static PARENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([^()\n]{1,200})\)").expect("static pattern compiles"));
pub(super) static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"["“”„'‘’*«]+[ \t\u{a0}\u{202f}]*([^"“”„'‘’*«»,;()]{1,40}?),?[ \t\u{a0}\u{202f}]*["“”„'‘’*»]+"#)
        .expect("static pattern compiles")
});
/// "we" or "us" defined in a parenthesis: `("Binance", "we", or "us")`, `(the Company, we)`,
/// in French `(ci-après « Qonto » ou « nous »)`; not "our" inside a longer phrase, nor the
/// "US" of "EU-US".
pub(super) static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:^|[,;]|(?-u:\b)or|(?-u:\b)and|(?-u:\b)ou|(?-u:\b)et)[ \t\u{a0}\u{202f}]*["“”'‘’*«]*[ \t\u{a0}\u{202f}]*(?:[Ww]e|[Uu]s|[Oo]ur|WE|US|[Nn]ous|NOUS|[Nn]otre)(?-u:\b)[ \t\u{a0}\u{202f}]*["“”'‘’*»]|(?:[,;]|(?-u:\b)or|(?-u:\b)and)[ \t]*(?:we|us|our)[ \t]*$"#)
        .expect("static pattern compiles")
});
/// The unquoted pronouns that end a definition: `(THE MRC or we)`, `(TEN, we or us)`.
pub(super) static PRONOUN_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[ \t]*(?:,|(?-u:\b)or(?-u:\b)|(?-u:\b)and(?-u:\b))[ \t]*(?:we|us|our|We|Us|Our)(?-u:\b))+[ \t]*$")
        .expect("static pattern compiles")
});
/// `At Linear Orbit ("Linear"), we take ...`: "we" right after the parenthesis.
pub(super) static WE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^,?[ \t]+we(?-u:\b)").expect("static pattern compiles"));
/// A group named after a company, before the parenthesis that defines them all as "we": `and
/// its subsidiaries`, `and its affiliates`.
pub(super) static GROUP_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:,?[ \t]+(?:and|&)[ \t]+(?:its|their)[ \t]+(?:subsidiaries|affiliates|affiliated companies|group companies|related companies|subsidiaries and affiliates|affiliates and subsidiaries)),?[ \t]*$")
        .expect("static pattern compiles")
});
/// What comes before a tool's maker: "we use ... a service provided by", "... is a tool offered
/// by".
pub(super) static USED_TOOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)(?:we|this (?:site|website|app)|our (?:site|website|app|services?)) (?:use|uses|employ|employs|utili[sz]es?)(?-u:\b)|(?:service|tool|product|software|plug-?in|technology)s?,? (?:provided|offered|operated|developed|run) by[ \t]*(?:the[ \t]+)?$)")
        .expect("static pattern compiles")
});
pub(super) static NAME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{n}\.?(?:,?[ \t]+{SUFFIX})?[,.]?[ \t]*$",
        n = *NAME
    ))
    .expect("static pattern compiles")
});
/// A one-word name that opens in lower case, with its company form, ending the text before a
/// parenthesis: `pixiv Inc. (`, `ironSource Ltd. (`; not a common word before a form ("of AG").
pub(super) static LOWER_LEGAL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[^\p{{L}}\p{{N}}.@/\-])([a-z][\p{{L}}\p{{N}}\-]{{2,}}(?:\.[a-z]{{2,4}})?,?[ \t]+{SUFFIX})[,.]?[ \t]*$"
    ))
    .expect("static pattern compiles")
});
/// A brand that opens in lower case but is no common word: a capital or a dot inside its
/// first word ("ironSource", "eBay", "hide.me VPN").
pub(super) static LOWER_BRAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[a-z][a-z0-9]*(?:[A-Z]|\.[a-z]{2,4}(?:[ \t]|$))[\p{L}\p{N}.\- \t]{0,30}$")
        .expect("static pattern compiles")
});
/// The terms a text defines its own operator as: `pixiv Inc. ("Company")`.
pub(super) const SELF_TERMS: &[&str] = &[
    "Company",
    "the Company",
    "The Company",
    "Operator",
    "the Operator",
];
pub(super) static SUFFIX_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"[ \t,]{SUFFIX}[.,]?$")).expect("static pattern compiles")
});
pub(super) static ADDRESS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:located|address|registered office|offices?|at|in)\W[^.;:]{0,60}$|[0-9]{3,}[^.;:]{0,40}$")
        .expect("static pattern compiles")
});
/// A name that is a web address: `OpenSecrets.org`, `Sci-News.com`.
/// A tracker table's cell glued to its label: "| ProviderVR |", "| Providervr.fi |".
pub(super) static GLUED_PROVIDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\|[ \t]*)Provider(\p{Lu}|[a-z0-9-]+\.[a-z]{2,})")
        .expect("static pattern compiles")
});

pub(super) static DOMAIN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9]\.(?:com|org|net|edu|gov|io|co|info|tv|me|app|fm)$")
        .expect("static pattern compiles")
});
pub(super) static SUFFIX_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{SUFFIX}[.,]?$")).expect("static pattern compiles"));
/// The forms of [`SUFFIX`] that can only end a name (no word of a name is "Limited" or
/// "GmbH"), unlike "AS", "SA" or "AB", which a name in capitals may hold.
pub(super) static MID_FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Limited|Ltd\.?|LLC|L\.L\.C\.|Inc\.?|Incorporated|Corp\.?|Corporation|GmbH|PLC|plc|SARL|LLP)$")
        .expect("static pattern compiles")
});
/// What follows "Privacy" in the name of a page about it, not of a company.
pub(super) static PRIVACY_PAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Polic|POLIC|Center|Centre|CENTER|Hub|Portal|Notice|NOTICE|Statement|STATEMENT|Page|World|Settings|Dashboard|Preferences)")
        .expect("static pattern compiles")
});
pub(super) static WHOLE_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{}$", *NAME)).expect("static pattern compiles"));

/// Words a defined term may be that never name a company ("the Services", "Agreement").
pub(super) const GENERIC_TERMS: &[&str] = &[
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
