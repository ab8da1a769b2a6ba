//! Segmentation of fixtures written here: multibyte text, CRLF, BOM, legacy encodings,
//! markdown and HTML, each clause's offsets checked against the raw bytes.

use polsearch::analyze::document::Document;
use polsearch::analyze::topic::LexiconTagger;
use polsearch::corpus::Hints;

use crate::demo::assert_words_in_order;

fn parse(name: &str, raw: &[u8]) -> Document {
    Document::parse(name.as_ref(), raw, &Hints::text(), LexiconTagger::shared()).unwrap()
}

fn texts(doc: &Document) -> Vec<&str> {
    doc.clauses.iter().map(|c| c.clause.text.as_str()).collect()
}

#[test]
fn multibyte_plain_text() {
    let raw = "Überblick\n\nZetacorp OÜ processes data in Tallinn. We’ll keep it for 2 years.\n•Names and e-mail addresses of customers\n• Billing data for invoices\n";
    let doc = parse("p.txt", raw.as_bytes());
    assert_eq!(
        texts(&doc),
        vec![
            "Überblick",
            "Zetacorp OÜ processes data in Tallinn.",
            "We’ll keep it for 2 years.",
            "Names and e-mail addresses of customers",
            "Billing data for invoices",
        ]
    );
    for c in &doc.clauses {
        assert_eq!(&raw[c.clause.span.start..c.clause.span.end], c.clause.text);
    }
    assert_eq!(doc.company, "Zetacorp OÜ");
    assert_eq!(doc.clauses[1].clause.section, "Überblick");
    assert_eq!(doc.clauses[3].clause.line, 4);
}

#[test]
fn obfuscated_emails_and_abbreviations_do_not_split_clauses() {
    let raw = "Please send questions to [email protected] , and we will answer them within a week.\nThe U.S. Department of Commerce and Acme Co. Ltd. are named in Art. 6(1)(f) GDPR, e.g. for transfers to Sci-News.com servers.\n";
    let doc = parse("p.txt", raw.as_bytes());
    assert_eq!(
        texts(&doc),
        vec![
            "Please send questions to [email protected] , and we will answer them within a week.",
            "The U.S. Department of Commerce and Acme Co. Ltd. are named in Art. 6(1)(f) GDPR, e.g. for transfers to Sci-News.com servers.",
        ]
    );
    assert_ne!(doc.company, "protected");
}

#[test]
fn crlf_and_bom() {
    let raw =
        "\u{feff}Data Retention\r\nWe keep logs for 30 days.\r\nThen they are erased for good.\r\n";
    let doc = parse("p.txt", raw.as_bytes());
    assert_eq!(
        texts(&doc),
        vec![
            "Data Retention",
            "We keep logs for 30 days.",
            "Then they are erased for good."
        ]
    );
    for c in &doc.clauses {
        assert_eq!(&raw[c.clause.span.start..c.clause.span.end], c.clause.text);
    }
    assert_eq!(doc.clauses[0].clause.span.start, 3, "after the BOM");
    assert_eq!(doc.clauses[2].clause.line, 3);
}

#[test]
fn windows_1252_and_utf16() {
    let raw = b"Nous conservons vos donn\xe9es \x9312 mois\x94 au maximum.\n";
    let doc = parse("p.txt", raw);
    assert_eq!(doc.encoding, "Windows-1252");
    let c = &doc.clauses[0].clause;
    assert_eq!(c.text, "Nous conservons vos données “12 mois” au maximum.");
    assert_eq!((c.span.start, c.span.end), (0, raw.len() - 1));
    let e = c.text.find("12").unwrap();
    assert_eq!(c.raw_range(e..e + 2), 29..31);
    assert_eq!(&raw[29..31], b"12");

    let text = "We keep logs for 30 days. Nothing else about your visits is kept anywhere.";
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let doc = parse("p.txt", &utf16);
    assert_eq!(doc.encoding, "UTF-16LE");
    let c = &doc.clauses[0].clause;
    assert_eq!(c.text, "We keep logs for 30 days.");
    assert_eq!((c.span.start, c.span.end), (2, 2 + 2 * c.text.len()));
}

#[test]
fn markdown_offsets_point_into_the_markup() {
    let raw = "# Privacy at Frobnitz\n\n## What we keep\n\n* **Logs** for [12 months](https://x.example) &amp; no longer.\n* Invoices for 7 years.\n\n| Data | Period |\n|---|---|\n| Logs | 12 months |\n";
    let doc = parse("p.md", raw.as_bytes());
    let t = texts(&doc);
    assert_eq!(t[0], "Privacy at Frobnitz");
    assert_eq!(t[2], "Logs for 12 months & no longer.");
    assert_eq!(t[3], "Invoices for 7 years.");
    assert!(t.iter().any(|x| x.contains("Logs | 12 months")), "{t:?}");
    let logs = &doc.clauses[2].clause;
    assert_eq!(
        &raw[logs.span.start..logs.span.end],
        "**Logs** for [12 months](https://x.example) &amp; no longer."
    );
    assert_eq!(logs.section, "What we keep");
    let m = logs.text.find("12 months").unwrap();
    assert_eq!(&raw[logs.raw_range(m..m + 9)], "12 months");
    for c in &doc.clauses {
        assert_words_in_order(&c.clause.text, &raw[c.clause.span.start..c.clause.span.end]);
    }
}

#[test]
fn html_offsets_point_into_the_markup() {
    let raw = "<html><head><title>x</title><script>var a = '<p>no</p>';</script></head><body><h1>Our Policy</h1><p>We share data with partners &amp; affiliates.</p><!-- <p>hidden</p> --><ul><li>Name</li><li>Email&#8217;s address</li></ul></body></html>";
    let doc = parse("p.html", raw.as_bytes());
    assert_eq!(
        texts(&doc),
        vec![
            "Our Policy",
            "We share data with partners & affiliates.",
            "Name",
            "Email’s address"
        ]
    );
    let share = &doc.clauses[1].clause;
    assert_eq!(
        &raw[share.span.start..share.span.end],
        "We share data with partners &amp; affiliates."
    );
    assert_eq!(share.section, "Our Policy");
}
