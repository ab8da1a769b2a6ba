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

mod cues;
mod decide;
mod judge;
mod lexicon;
mod names;
mod resolve;

pub use judge::{judge, judge_any, judge_domain, parse_names, Judged, Tally, Verdict};
pub use names::compact;
pub use resolve::resolve_name;

use cues::{domain_cues, floor_boundary, paren_cues, title_cues, Board, Domain};
use decide::decide;
use lexicon::{
    DOMAIN, GLUED_PROVIDER, LEGAL_NAME, NAMED_COMPANY_AFTER, SELF_PHRASES, SUFFIX_AT, SUFFIX_END,
    VENDOR_PHRASES,
};
use names::clean_base;

use std::collections::BTreeMap;

/// The company of a clause whose policy names none.
pub const UNKNOWN: &str = "unknown";

/// A tracker table's cell glued to its label ("| ProviderVR |", "| Providervr.fi |", as some
/// crawls flatten them) names the provider, not a company "ProviderVR": split them.
fn unglue_providers(text: &str) -> std::borrow::Cow<'_, str> {
    GLUED_PROVIDER.replace_all(text, "${1}Provider $2")
}

/// One piece of evidence for (positive weight) or against (negative) a name.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inference {
    /// The company, when the evidence suffices.
    pub name: Option<String>,
    /// The evidence, for and against the leading candidates.
    pub evidence: Vec<Evidence>,
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
    let unglued = unglue_providers(text);
    let text = unglued.as_ref();
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

/// How much of a policy's text is read for its company.
const MAX_TEXT: usize = 256 * 1024;

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
    fn what_a_shop_sells_and_glued_table_labels_are_no_company() {
        // A title naming goods ("Virtual Items Policy", the term then used throughout).
        let t = "Virtual Items Policy\n\nVirtual Items are bought with coins. Virtual Items cannot be refunded. Virtual Items expire. Virtual Items are licensed to you.";
        assert_ne!(infer(t).as_deref(), Some("Virtual Items"));
        // A tracker table flattened with each cell glued to its label.
        assert_eq!(
            unglue_providers("| TypeCookie | ProviderZK | PurposeLogin |\n| Providerzk.fi |"),
            "| TypeCookie | Provider ZK | PurposeLogin |\n| Provider zk.fi |"
        );
        assert_eq!(
            unglue_providers("| Provider of the service | the ProviderX app"),
            "| Provider of the service | the ProviderX app"
        );
    }

    #[test]
    fn a_site_name_keeps_its_whole_domain() {
        // "Shopwise.co.uk", not the fragment "Shopwise.co".
        let t = "Welcome to Shopwise.co.uk. Shopwise.co.uk respects your privacy. Write to help@shopwise.co.uk.";
        assert_eq!(infer(t).as_deref(), Some("Shopwise.co.uk"));
    }

    #[test]
    fn a_one_word_title_keeps_its_article() {
        // "The Quill" (a paper that always writes its name so), not the fragment "Quill" ...
        let t = "Welcome to The Quill. The Quill respects your privacy. Readers of The Quill may write to us. Visit www.thequill.com.";
        assert_eq!(infer(t).as_deref(), Some("The Quill"));
        // ... but a brand written mostly alone stays as it is ("the Zapp app" among "Zapp"s),
        // and a longer name's first word is no article's ("The Zapp Foundation").
        let t = "Welcome to Zapp. Zapp respects your privacy. Zapp (\"we\") runs the Zapp app. Write to privacy@zapp.com. Zapp is a member of The Zapp Foundation.";
        assert_eq!(infer(t).as_deref(), Some("Zapp"));
    }

    #[test]
    fn a_domain_spelling_gives_way_to_the_whole_name() {
        // The domain spells "Bird Rescue"; the text speaks of "Bird Rescue Trust & Friends".
        let t = "Bird Rescue Trust & Friends is committed to your privacy. Bird Rescue Trust & Friends uses cookies. Write to info@birdrescue.org or visit www.birdrescue.org.";
        assert_eq!(infer(t).as_deref(), Some("Bird Rescue Trust & Friends"));
        // A short form defined for the domain is shown as the domain: "Harbor.com", not the
        // common word "Harbor".
        let t = "Harbor.com (\"Harbor\") is a service of Harbor Advantage, Inc. Harbor is committed to your privacy. Harbor may collect your e-mail address. Visit www.harbor.com.";
        assert_eq!(infer(t).as_deref(), Some("Harbor.com"));
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

        // Session 16's cases (fixtures in our own words).
        #[test]
        fn a_name_that_pronouns_define_is_the_text_s_own() {
            let t = "Privacy Policy\nKorvo Labs Inc. (\"we\", \"us\") runs this site. We collect your e-mail.";
            assert_eq!(infer(t).as_deref(), Some("Korvo Labs Inc"));
            let t = "Privacy Policy\nKorvo Labs Inc. and its subsidiaries (collectively, \u{201c}we\u{201d}, \u{201c}us\u{201d}, etc.) use your data as set out here.";
            assert_eq!(infer(t).as_deref(), Some("Korvo Labs Inc"));
            // Not the last of several names ("each of the foregoing"), not the second of two.
            let t = "Privacy Policy\nThe shop is run by Tallow Carts, Inc. on behalf of Ferro Music, LLC (each of the foregoing entities, collectively, \"we\" or \"us\"). We keep orders.";
            assert_ne!(infer(t).as_deref(), Some("Ferro Music LLC"));
            let t = "Privacy Policy\nThis Web site and Streamly (collectively \"we\" or \"us\") care about your privacy.";
            assert_ne!(infer(t).as_deref(), Some("Streamly"));
            // A word's tail is no name: "Venture Ltd" out of "eVenture Ltd".
            let t = "Terms\nThe VPN service is operated by eVenture Ltd (\"we\", \"us\"). We keep no logs.";
            assert_ne!(infer(t).as_deref(), Some("Venture Ltd"));
            // "We, X (\"we\")": the voice naming itself, not the second of two names.
            let t = "1. Introduction\nWe, Harlow Tide Corporation (\u{201c}we,\u{201d} \u{201c}us,\u{201d} or \u{201c}our\u{201d}), will handle information about the people who use our chat app.";
            assert_eq!(infer(t).as_deref(), Some("Harlow Tide Corp"));
            let t = "Privacy Policy\nBrisk Owl Ltd, Harlow Tide Corporation (\"we\", \"us\") run the app.";
            assert_ne!(infer(t).as_deref(), Some("Harlow Tide Corp"));
        }

        #[test]
        fn a_legal_name_and_the_name_it_trades_as_are_one_company() {
            // Both spoken of as the text's own: one company, shown by the name it trades as.
            let t = "Privacy Policy\nThis policy explains how Lanternfish Systems Inc. dba Drawboard (\u{201c}Drawboard\u{201d}, \u{201c}we\u{201d}) handles data. Lanternfish Systems Inc. is committed to protecting your privacy. Drawboard collects the e-mail address you sign up with.";
            assert_eq!(infer(t).as_deref(), Some("Drawboard"));
            let t = "Terms of Service\nThese terms are a contract between you and Harbor Point Holdings LLC, doing business as Tidewell. Harbor Point Holdings LLC respects your privacy. Tidewell is committed to keeping your account safe.";
            assert_eq!(infer(t).as_deref(), Some("Tidewell"));
            // A host's trade name in a station's policy gains nothing from its legal name.
            let t = "Privacy Policy\nThis Web site is offered through our relationship with Pellmark Web Holdings, LLC d/b/a SiteForge (\"SiteForge\"). SiteForge is the host of this Web site. SiteForge may place cookies. Read more at www.siteforge.com.";
            assert_eq!(infer(t), None);
            // An affiliate's trade name is a name of its own, not the first word it shares
            // with the site ("Corvane" of "Corvane Financial Services").
            let t = "Privacy Policy\nCorvane Motor Co., Inc. (\"Corvane Motor\") is considerate of your privacy. At Corvane Motor, we use your data to serve you. For example, Corvane Finance Corporation (doing business as Corvane Financial Services) may use this information. Visit www.corvane.com.";
            let name = infer(t).expect("a name");
            assert!(compact(&name).starts_with("corvanemotor"), "{name}");
        }

        #[test]
        fn we_at_a_name_is_the_text_s_own_voice() {
            let t = "Privacy Policy\nWe at Pedal Parade take the protection of your personal data seriously. Pedal Parade collects your location while you ride.";
            assert_eq!(infer(t).as_deref(), Some("Pedal Parade"));
            // Not a name that shares the sentence with others.
            let t = "Privacy Policy\nWe at Pedal Parade and our partners use cookies.";
            assert_eq!(infer(t), None);
        }

        #[test]
        fn we_after_a_definition_speaks_for_a_name_only_after_at() {
            // "At X ("Y"), we ..." is the text's own voice ...
            let t = "Privacy Policy\nAt Pellucid Orbit Ltd (\"Pellucid\"), we read nothing you write. Pellucid keeps your e-mail address.";
            assert_eq!(infer(t).as_deref(), Some("Pellucid"));
            // ... a term that a clause defines before "we" is not a name (an app that names
            // its sister app's features, titled and welcoming as itself).
            let t = "LUMO PRIVACY POLICY\nWelcome to Lumo. Lumo collects what you send. When you message a Brisa user, or use any feature operated by Brisa (together \u{201c}Shared Exchange\u{201d}), we will share your data with Brisa. A Shared Exchange is logged. Your Shared Exchange is also covered by Brisa's terms. Lumo keeps logs for 3 months; see lumo.example for Lumo's help pages.";
            assert_eq!(infer(t).as_deref(), Some("Lumo"));
        }

        #[test]
        fn a_tool_s_maker_defined_in_passing_is_a_vendor() {
            let t = "Privacy Policy\nQuillbook Inc. and its subsidiaries (collectively, \"we\", \"us\") run Quillbook. We use \"Google Analytics\", a service provided by Google Inc. (\"Google\"). Google collects your visits. Google uses the data. Opt out at https://tools.google.com/dlpage and https://support.google.com/a and https://policies.google.com/b and https://www.google.com/c.";
            assert_eq!(infer(t).as_deref(), Some("Quillbook Inc"));
            // A platform's product is never the company.
            let t = "Privacy Policy\nUse of Google Analytics. Google Analytics uses cookies. Google Analytics is a service of Google Inc. See https://policies.google.com/a, https://tools.google.com/b, https://support.google.com/c, https://www.google.com/d. Hexagraph GmbH, Hexagraph GmbH.";
            assert_ne!(infer(t).as_deref(), Some("Google Analytics"));
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
        fn an_acronym_used_for_a_longer_name_shows_the_name() {
            // Defined far from the name, with other words between.
            let t = "Privacy Policy\nThis policy describes how Crimson Hill Bakeries, Inc., its franchisees and agencies (together \"CHB\", \"we\" or \"us\") handle information. This site is operated by CHB. CHB collects your e-mail address when you join the club. Crimson Hill Bakeries, Inc. never sells it.";
            assert_eq!(infer(t).as_deref(), Some("Crimson Hill Bakeries Inc"));
            // Initials of a run of the name's words, or with its "The".
            let t = "The NW Dental Practice Group (DPG) is committed to protecting your privacy. The DPG uses the information you give us to book visits. DPG never sells it.";
            assert_eq!(infer(t).as_deref(), Some("NW Dental Practice Group"));
            let t = "Outdoor Channel Privacy Policy\nTOC: The Outdoor Channel (TOC or We or we) runs this site. This Privacy Policy applies to TOC. TOC collects your e-mail address. The Outdoor Channel keeps it safe. Write to privacy@outdoorchannel.com or visit www.outdoorchannel.com.";
            let name = infer(t).expect("a name");
            assert!(name.contains("Outdoor Channel"), "{name}");
            // A quoted acronym of the words just before it.
            let t = "1. Introduction\nRiver Sports Online (\"RSO\"), which is operated by River Media Group, Inc., respects your privacy. This Privacy Policy applies to RSO's websites. RSO may share your information with its affiliates. RSO collects what you give it.";
            assert_eq!(infer(t).as_deref(), Some("River Sports Online"));
        }

        #[test]
        fn an_acronym_of_a_name_with_the_and_a_company_form_shows_the_name() {
            // "The Lantern Guild, Inc." cleaned is "Lantern Guild Inc"; "TLG" is its acronym.
            let t = "Terms\nThese terms bind you and The Lantern Guild, Inc., 12 Quay Road, Portville (\"TLG\", \"we\" or \"us\"). TLG runs Lanternly. TLG may end your account. Write to TLG at help@lanternly.com.";
            assert_eq!(infer(t).as_deref(), Some("Lantern Guild Inc"));
        }

        #[test]
        fn french_policies_name_their_operator_as_english_ones_do() {
            // The operator's legal form and capital, and its site.
            let t = "Qui est responsable ?\nLa société Panier Vert, société par actions simplifiée au capital de 10 000 euros, dont le siège est à Nantes. Vos données sont utilisées pour vos commandes sur paniervert.fr. Écrivez à dpo@paniervert.fr ou visitez www.paniervert.fr.";
            assert_eq!(infer(t).as_deref(), Some("Panier Vert"));
            // The data controller, a welcome and a commitment.
            let t = "Bienvenue sur Lumo. Lumo s'engage à protéger votre vie privée. Lumo Services SAS est responsable du traitement de vos données. Vos données sont conservées trois ans.";
            let name = infer(t).expect("a name");
            assert!(name.starts_with("Lumo"), "{name}");
            // A vendor the text names in French is not the operator: "hébergé par", "notre
            // prestataire", "tels que".
            let t = "Le site est hébergé par la société Nuagix SAS. Nuagix SAS, notre prestataire, stocke les fichiers. Nous utilisons des outils tels que Nuagix Analytics. Nuagix SAS conserve les journaux.";
            assert_ne!(infer(t).as_deref(), Some("Nuagix SAS"));
            // A page about privacy is no part of a name, in French either.
            let t = "Bienvenue sur Ventolo Vie Privée. Ventolo respecte votre vie privée. Ventolo collecte vos données pour vos commandes.";
            assert_eq!(infer(t).as_deref(), Some("Ventolo"));
            // "(ci-après « X » ou « nous »)" defines the text's own voice.
            let t = "Les présentes conditions lient l'utilisateur et Brindille Média SARL, 3 rue des Lilas (ci-après « Brindille » ou « nous »). Brindille édite le magazine. Brindille vous écrit chaque semaine.";
            let name = infer(t).expect("a name");
            assert!(name.contains("Brindille"), "{name}");
        }

        #[test]
        fn the_site_s_word_inside_its_operator_s_legal_name_joins_it() {
            // The site's one word, spelled by its domain, in the middle of the legal name of the
            // operator that the text makes the data controller: one company, shown as the site.
            let t = "Programme Club Fernhof\nLe programme Club Fernhof est proposé par Maisons Fernhof France SAS. Maisons Fernhof France, en qualité de responsable de traitement, traite vos données. Rendez-vous sur fernhof.fr, écrivez à club@fernhof.fr. Fernhof vous envoie ses offres. Les magasins Fernhof vous accueillent. Fernhof vous remercie.";
            assert_eq!(infer(t).as_deref(), Some("Fernhof"));
        }

        #[test]
        fn two_letters_stand_for_the_one_legal_name_with_those_initials() {
            // The site and the short form both spell the initials of the publisher's legal
            // name, and no other legal name's.
            let t = "Privacy Policy\nThis site is published by HG. The Harbor Gazette Limited collects your e-mail address when you subscribe at hg.com. HG reads its logs. Read hg.com on any device, or write to privacy@hg.com. The Harbor Gazette Ltd keeps no card numbers. HG is a member of the press council. Subscribers of HG get the weekly letter.";
            assert_eq!(infer(t).as_deref(), Some("Harbor Gazette Limited"));
            // Two legal names with those initials: no guess between them.
            let t = "Privacy Policy\nThis site is published by HG. Harbor Gazette Limited and Hill Graphics Ltd share your e-mail address. HG reads its logs. HG is a member of the press council.";
            assert_ne!(infer(t).as_deref(), Some("Harbor Gazette Limited"));
        }

        #[test]
        fn a_page_of_notices_names_none_of_the_holders_it_credits() {
            // Three copyright holders: a map's data providers, none of them the page's.
            let t = "Legal Notices for Mapwise\nMap data © 2021 Westmarch Mapping Authority. Imagery © 2020 Brightline Aerial GmbH. Road data © 2019 Northwind Surveys Ltd. Place names © Westmarch Mapping Authority.\nWestmarch place names are published under the Westmarch open licence; see www.westmarch.gov.au, www.westmarch.gov.au/names, www.westmarch.gov.au/roads and www.westmarch.gov.au/licence. Westmarch roads, Westmarch rivers and Westmarch towns are shown as Westmarch records them. Westmarch updates them yearly, and Westmarch lists its sources.\nBrightline imagery: www.brightline.de. Northwind surveys: www.northwind.com.";
            assert_eq!(infer(t), None);
            // One holder, credited twice, is the page's own.
            let t = "Privacy Notice\nWestmarch Mapping Authority collects the names you send us. See www.westmarch.gov.au and www.westmarch.gov.au/privacy.\n© 2021 Westmarch Mapping Authority. © Westmarch Mapping Authority.";
            assert_eq!(infer(t).as_deref(), Some("Westmarch"));
        }

        #[test]
        fn a_host_is_not_the_company_of_a_text_about_another() {
            // A processing agreement about KESTREL's service, 33 mentions, that names its host
            // with the host's site: unknown, not the host.
            let body = "KESTREL may process the Customer Personal Data to provide the Service, and KESTREL keeps records of each processing operation. ".repeat(16);
            let t = format!("Data Processing Agreement\nThis agreement applies to the Service sold by KESTREL. {body}The Service is hosted in the datacenters of HARBOURNET (www.harbournet.com), managed by HARBOURNET and maintained by HARBOURNET; see www.harbournet.com/security and www.harbournet.com/certifications for HARBOURNET's certificates.");
            assert_eq!(infer(&t), None);
        }

        #[test]
        fn a_second_level_suffix_is_no_label() {
            let label = |s: &str| {
                DOMAIN
                    .captures(s)
                    .and_then(|c| c.get(1))
                    .map(|m| m.as_str().to_owned())
            };
            assert_eq!(
                label("see www.fenwick.ac.uk/privacy").as_deref(),
                Some("fenwick")
            );
            assert_eq!(
                label("at app.healthpass.gouv.fr").as_deref(),
                Some("healthpass")
            );
            assert_eq!(
                label("on www.thornbury.co.uk").as_deref(),
                Some("thornbury")
            );
            assert_eq!(
                label("write to dpo@quillmate.io").as_deref(),
                Some("quillmate")
            );
        }

        #[test]
        fn a_page_about_privacy_is_no_part_of_the_name() {
            let t = "Welcome to the Quillmate Privacy Center\nQuillmate collects the details you give us. Quillmate uses them to run the service. Write to help@quillmate.io.";
            assert_eq!(infer(t).as_deref(), Some("Quillmate"));
            // A name with "Privacy" inside stays whole.
            let t = "Welcome to the Northfield Privacy Information Center\nThe Northfield Privacy Information Center collects the details you give us. Write to help@npic.org.";
            assert_eq!(
                infer(t).as_deref(),
                Some("Northfield Privacy Information Center")
            );
        }

        #[test]
        fn the_tail_of_a_name_that_opens_in_lower_case_is_no_name() {
            // "qLark Network": the cues cannot spell the name, and "Network" alone is a
            // fragment.
            let t = "Privacy Policy\nqLark Network collects personal information from visitors who subscribe. qLark Network may use such information to send the weekly letter. The Network sites are run from one office, and qLark Network may share such information with its printer. Network staff read it. Write to help@qlark.com.";
            assert_ne!(infer(t).as_deref(), Some("Network"));
        }

        #[test]
        fn a_legal_name_that_opens_in_lower_case_is_the_operator_it_defines() {
            // "the Company" defines the operator as the text's own voice, as "we" does; the
            // name writes itself in lower case, so no capital finds it.
            let t = "Terms of Use\nThese terms are an agreement between you and quillo Inc. (\"Company\"). Please read them before you use the service. The service shows ads; see https://policies.adsvendor.com/privacy and https://tools.adsvendor.com/optout.";
            assert_eq!(infer(t).as_deref(), Some("quillo Inc"));
            // A brand with a capital inside, defined as "we", is the name shown.
            let t = "Privacy Policy\nThis policy is issued by zapFlow Ltd. (\"zapFlow\", \"we\" or \"us\"). It tells you how we handle your data.";
            assert_eq!(infer(t).as_deref(), Some("zapFlow"));
            // Not a common word before a company form, nor a quoted common word.
            let t =
                "Privacy Policy\nWe hold shares of AG (\"we\"). We set \"cookies\" on your device.";
            assert_eq!(infer(t), None);
        }

        #[test]
        fn the_site_s_one_word_name_joins_the_longer_name_defined_as_we() {
            // The domain spells "Brightwell"; the text defines "Stiftung Brightwell" as "we":
            // one body, shown by the site's name.
            let t = "Terms of Use\nStiftung Brightwell (the \"Foundation\", \"we\", or \"us\") sets these terms. Read the Brightwell blog at brightwell.org or write to info@brightwell.org. Brightwell software is free.";
            assert_eq!(infer(t).as_deref(), Some("Brightwell"));
        }

        #[test]
        fn a_platform_that_is_the_subject_throughout_is_the_text_s_own() {
            // The statement of two services of a platform: the platform collects and uses the
            // data, and its name is on every page, never as a tool the text uses.
            let pages: String = (0..30)
                .map(|i| format!("Section {i}: Microsoft stores the settings of feature {i}. "))
                .collect();
            let t = format!("Privacy Statement\nThis privacy statement applies to Search and News. Microsoft collects the queries you type. Microsoft uses the information to improve results. {pages}");
            assert_eq!(infer(&t).as_deref(), Some("Microsoft"));
            // A platform the text uses as a tool stays a vendor, however often it is named.
            let t = format!("Privacy Policy\nWe use Microsoft Ads on this site. Microsoft collects the clicks you make. Microsoft uses the information to measure campaigns. {pages}");
            assert_ne!(infer(&t).as_deref(), Some("Microsoft"));
        }

        #[test]
        fn a_company_form_ends_a_name_in_a_title() {
            let t = "Zenlith Labs Limited Advertising Programme Terms\nThese terms apply to Zenlith Labs Limited. Zenlith Labs collects the details of each partner. Zenlith Labs is committed to protecting them. Write to legal@zenlith.com.";
            assert_eq!(infer(t).as_deref(), Some("Zenlith Labs Limited"));
        }

        #[test]
        fn a_domain_that_spells_the_name_is_the_name() {
            // "nvtimes" spells "The North Valley Times": the site and its name are one
            // company.
            let t = "Privacy Policy\nNVTimes.com (including the archive at archive.nvtimes.com) is operated by The North Valley Times Company. The North Valley Times collects personal information when you subscribe. The North Valley Times may collect your e-mail address. Read NVTimes.com on any device; write to privacy@nvtimes.com.";
            let name = infer(t).expect("a name");
            assert!(name.contains("North Valley Times"), "{name}");
            assert_eq!(judge_domain(&name, "nvtimes.com"), Verdict::Right);
        }

        #[test]
        fn a_legal_name_the_text_keeps_mentioning_is_its_own() {
            // No cue that names the text's own company, one legal name, its first word
            // mentioned again and again.
            let mentions = "Harbor stories appear every week. ".repeat(10);
            let t = format!("Privacy Policy\nQuestions about Harbor Weekly, LLC go to the editor. {mentions}We collect the e-mail address you give us.");
            assert_eq!(infer(&t).as_deref(), Some("Harbor Weekly LLC"));
            // Mentioned once only: not enough.
            let t = "Privacy Policy\nQuestions about Harbor Weekly, LLC go to the editor. We collect the e-mail address you give us.";
            assert_eq!(infer(t), None);
        }

        #[test]
        fn owners_copyright_lines_and_commitments_name_the_operator() {
            // "is the owner and operator of", with an unquoted "or we" definition.
            let t = "Privacy Policy\nThe Prairie Policy Institute (THE PPI or we) is the owner and operator of PrairieWatch.org (the Website), a news site. PPI may share personal information with its vendors. Write to admin@ppi.org.";
            assert_eq!(infer(t).as_deref(), Some("Prairie Policy Institute"));
            // "are services of", "has created this privacy policy", a copyright line.
            let t = "Privacy Policy\nRivermuseum.org and all other domains hosted with it (the Site) are services of River Valley Museum (RVM), a non-profit. River Valley Museum has created this privacy policy to show our commitment. Unless otherwise indicated, all material on this site 2019 River Valley Museum.";
            assert_eq!(infer(t).as_deref(), Some("River Valley Museum"));
            // "is dedicated to protecting your privacy".
            let t = "PRIVACY POLICY\nTrailmark, Inc. is dedicated to protecting your privacy. This policy covers the TRAILMARK.COM website and apps. Trailmark uses cookies to keep you signed in.";
            assert_eq!(infer(t).as_deref(), Some("Trailmark Inc"));
            // A copyright line alone, with a legal name the text keeps using.
            let t = "User Agreement and Privacy Policy\nThe Service collects what you give it. Kids and parents click here. 2021 Lakeside Business Papers, Inc. All Rights Reserved. Use of this site constitutes acceptance.";
            assert_eq!(infer(t).as_deref(), Some("Lakeside Business Papers Inc"));
            // Sites "operated by or for" a publisher.
            let t = "Privacy Policy\nThis Privacy Policy applies to www.hilltopmedia.com, www.bandnews.com, www.filmweekly.com and any other site that may be operated by or for Hilltop Media (together, the Websites). www.hilltopmedia.com and hilltopmedia.com host the archive.";
            assert_eq!(infer(t).as_deref(), Some("Hilltop Media"));
        }

        #[test]
        fn a_body_that_strives_or_disclaims_is_the_text_s_own() {
            // "strives to provide": a commitment like "is committed to".
            let t = "Privacy Policy\nThe State Map Archive strives to provide the best experience for our readers. We log the pages you ask for. Logs are kept for a year. Questions: write to the web team.";
            assert_eq!(infer(t).as_deref(), Some("State Map Archive"));
            // A body's word heads its name: "Library of ...", not the fragment after "of".
            let t = "Privacy Policy\nThe Library of Lakeland strives to provide the best service to our readers. We log the pages you ask for. The Library of Lakeland keeps logs for a year.";
            assert_eq!(infer(t).as_deref(), Some("Library of Lakeland"));
            // Disclaimers in the name and in the short form it defines.
            let t = "Terms and Privacy\nContent is provided as is. Northern Bean Growers Board (NBGB) makes no warranties about its accuracy. NBGB does not endorse any product named on linked sites. We do not sell your e-mail address.";
            assert_eq!(infer(t).as_deref(), Some("Northern Bean Growers Board"));
            // A vendor that disclaims on its own page stays a vendor where it is only used.
            let t = "We use Google Analytics to count visits. Google does not guarantee the accuracy of these figures. Write to us with any question.";
            assert_eq!(infer(t), None);
        }

        #[test]
        fn a_country_arm_joins_the_operator_its_contact_block_names() {
            // "Frost Cone Canada Inc." (an arm, its country left out) and the operator that
            // the contact block names, "International Frost Cone, Inc.", are one company.
            let t = "PRIVACY STATEMENT\nPlease read this statement. In Canada, this site is offered by Frost Cone Canada Inc., and Berry Swirl Canada Limited runs the Berry Swirl club. Our loyalty e-mails are sent by Mailwise LLC, a service provider. Berry Swirl stores, Berry Swirl treats and Berry Swirl gifts are ours. Frost Cone treats too. If you have questions, please contact us at: Attn: Privacy Compliance Officer International Frost Cone, Inc. 7500 Lake Blvd Springfield. Email: privacy@ifc.com";
            assert_eq!(infer(t).as_deref(), Some("International Frost Cone"));
        }

        #[test]
        fn list_markers_and_contact_titles_are_not_names() {
            // "(c)" opening a list item is no copyright sign; "Legal Department" is no company.
            let t = "Terms\n(a) Customer may use the service. (b) Customer pays fees. (c) AWS Partner Program members follow section 4. (c) Reseller Terms apply.";
            assert_eq!(infer(t), None);
            let t = "Notices go by mail to: Globex, Attn: Legal Department, 1601 Willow Road, Springfield. Globex collects the data you give it.";
            assert_ne!(infer(t).as_deref(), Some("Department"));
        }

        #[test]
        fn a_name_in_capitals_is_shown_in_ordinary_case() {
            let t = "SUMMIT REFERENCE LLC - Privacy Statement\nThis statement sets out the practices of Summit Reference LLC, its subsidiaries and affiliates, for the sites at www.summit-reference.com and www.summit-reference.com/stats.";
            assert_eq!(infer(t).as_deref(), Some("Summit Reference LLC"));
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
        assert_eq!(
            judge_domain("The New York Times Company", "nytimes.com"),
            Verdict::Right
        );
        assert_eq!(
            judge_domain("Detroit Free Press", "freep.com"),
            Verdict::Right
        );
        assert_eq!(
            judge_domain("New Orleans Tourism", "nytimes.com"),
            Verdict::Wrong
        );
        assert_eq!(
            judge_domain("Allstate Texas Lloyd's Inc", "allstatetexas.com"),
            Verdict::Right
        );
        assert!(!super::cues::spells(
            "allstate",
            "Allstate Texas Lloyd's Inc"
        ));
        assert!(!super::cues::spells("abita", "Abita and ABITA.COM LLC"));
        assert!(super::cues::spells("sciencemag", "Science Magazine"));
    }
}
