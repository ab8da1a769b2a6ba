//! Languages: each clause's language is told from its words (a short one from the clauses
//! around it), filtered by `--lang`, counted by `count --by lang`, shown in hits, exports and
//! `clauses`; a clause in a language polsearch does not read gets no topics and no retention
//! statements, whatever the English model and rules would have made of it.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::harness::TestDir;

/// A policy in three languages, written for this test (a multilingual policy as Open Terms
/// Archive holds several: one file, a section per language).
const POLICY: &str = "# Privacy Policy\n\n\
    We keep your server logs for 30 days and share your data with our analytics partners.\n\n\
    ## Deutsch\n\n\
    Wir speichern Ihre Protokolle für 30 Tage und geben Ihre Daten an unsere Partner weiter.\n\n\
    ## Cookies\n\n\
    Wir verwenden Cookies, um die Nutzung der Seite zu messen.\n\n\
    ## Français\n\n\
    Nous conservons vos journaux pendant 30 jours et nous partageons vos données avec nos partenaires.\n\n\
    ## Español\n\n\
    Conservamos sus datos durante el tiempo necesario para los fines del servicio.\n";

fn indexed() -> TestDir {
    let t = TestDir::new();
    t.write("c/fjordlys/privacy.md", POLICY);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    t
}

fn hits(t: &TestDir, args: &[&str]) -> Vec<Value> {
    let mut full = vec!["search", "--index", "i", "--json", "--limit", "50"];
    full.extend_from_slice(args);
    let run = t.run(&full);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "hit")
        .map(|v| v["data"].clone())
        .collect()
}

#[test]
fn each_clause_has_its_language_and_only_english_and_french_are_tagged() {
    let t = indexed();
    let all = hits(&t, &[""]);
    let by_text: BTreeMap<&str, &Value> = all
        .iter()
        .map(|h| (h["text"].as_str().unwrap(), h))
        .collect();
    let lang = |prefix: &str| -> (&str, usize) {
        let h = by_text
            .iter()
            .find(|(t, _)| t.starts_with(prefix))
            .unwrap_or_else(|| panic!("no clause {prefix}: {all:?}"))
            .1;
        (
            h["lang"].as_str().unwrap(),
            h["topics"].as_array().unwrap().len(),
        )
    };
    let (en, en_topics) = lang("We keep");
    assert_eq!(en, "en");
    assert!(en_topics > 0);
    let (de, de_topics) = lang("Wir speichern");
    assert_eq!((de, de_topics), ("de", 0), "German is not read: no topics");
    // A heading of one word takes the language of the section it opens.
    assert_eq!(lang("Cookies"), ("de", 0));
    assert_eq!(lang("Español"), ("es", 0));
    let (fr, fr_topics) = lang("Nous conservons");
    assert_eq!(fr, "fr");
    assert!(fr_topics > 0, "French is read");
    assert_eq!(lang("Conservamos"), ("es", 0));

    // Retention: the English and the French period, not the German one.
    let run = t.run_ok(&["retention", "--index", "i", "--json"], 0);
    let periods: Vec<String> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "retention")
        .map(|v| v["data"]["period"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(periods.len(), 2, "{periods:?}");
    assert!(periods.iter().all(|p| !p.contains("Tage")), "{periods:?}");
}

#[test]
fn lang_filters_and_counts() {
    let t = indexed();
    let german = t
        .run_ok(&["search", "", "--index", "i", "--json", "--lang", "de"], 0)
        .hits();
    assert_eq!(german.len(), 4, "{german:?}");
    assert!(german.iter().all(|h| h.lang == "de" && h.topics.is_empty()));
    // A code or an English name, repeated to OR.
    let two = hits(&t, &["", "--lang", "German", "--lang", "es"]);
    assert_eq!(two.len(), 6, "{two:?}");
    // The facet.
    let run = t.run_ok(&["search", "", "--index", "i", "--json", "--facets"], 0);
    let facet = run.facet("lang");
    let counts: BTreeMap<&str, u64> = facet.iter().map(|f| (f.value.as_str(), f.count)).collect();
    assert_eq!(counts.get("de"), Some(&4), "{counts:?}");
    assert_eq!(counts.get("es"), Some(&2), "{counts:?}");
    // count --by lang.
    let run = t.run_ok(&["count", "--index", "i", "--by", "lang", "--json"], 0);
    let rows: BTreeMap<String, u64> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "row")
        .map(|v| {
            (
                v["data"]["lang"].as_str().unwrap().to_owned(),
                v["data"]["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows.keys().collect::<Vec<_>>(),
        ["de", "en", "es", "fr"],
        "{rows:?}"
    );
    // A batch line takes "lang" as the flag does.
    t.write(
        "q.jsonl",
        "{\"query\": \"\", \"lang\": \"de\", \"limit\": 50}\n{\"query\": \"x\", \"lang\": \"xx\"}\n",
    );
    let run = t.run(&["search", "--queries", "q.jsonl", "--index", "i"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("q.jsonl:2: unknown language 'xx'"),
        "{}",
        run.stderr
    );
    let first: Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["data"]["total_hits"], 4, "{first}");
    // An unknown language is an error naming the flag and the languages there are.
    let bad = t.run(&["search", "x", "--index", "i", "--lang", "klingon"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--lang"), "{}", bad.stderr);
    assert!(
        bad.stderr.contains("use en, fr, de, es, it, nl, pt, other"),
        "{}",
        bad.stderr
    );
}

#[test]
fn exports_and_clauses_say_the_language() {
    let t = indexed();
    let csv = t
        .run_ok(&["export", "--index", "i", "--lang", "es"], 0)
        .stdout;
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header
        .iter()
        .position(|c| *c == "lang")
        .expect("a lang column");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(
        rows.iter().all(|r| r.split(',').nth(col) == Some("es")),
        "{csv}"
    );

    let file = t.path().join("c/fjordlys/privacy.md");
    let run = t.run_ok(&["clauses", file.to_str().unwrap(), "--json"], 0);
    let summary: Value = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| v["type"] == "summary")
        .unwrap();
    let langs: Vec<(String, u64)> = summary["data"]["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["lang"].as_str().unwrap().to_owned(),
                l["clauses"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        langs,
        [
            ("de".to_owned(), 4),
            ("en".to_owned(), 2),
            ("fr".to_owned(), 2),
            ("es".to_owned(), 2)
        ],
        "{summary}"
    );
}

/// French policies written for this test: the same practices in other inflections, so only
/// French stemming joins them to the queries below.
const FRENCH: &str = "# Politique de confidentialité\n\n\
    ## Durées\n\n\
    Les adresses IP sont conservées treize mois, puis supprimées.\n\n\
    Nous devons conserver les factures dix ans.\n\n\
    ## Partage\n\n\
    Nous partageons vos données avec nos prestataires de paiement.\n";

const ENGLISH: &str = "# Privacy Policy\n\n\
    We keep invoices for ten years.\n\n\
    We share data with payment providers.\n";

/// The texts of a search's hits, in rank order.
fn hit_texts(t: &TestDir, args: &[&str]) -> Vec<String> {
    hits(t, args)
        .iter()
        .map(|h| h["text"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn french_queries_find_other_inflections_in_french_clauses_only() {
    let t = TestDir::new();
    t.write("c/Boulangerie/privacy.md", FRENCH);
    t.write("c/Bakery/privacy.md", ENGLISH);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let texts = |args: &[&str]| hit_texts(&t, args);
    // "conservées" and "conserver" share a French stem; "durée" finds the heading "Durées".
    let found = texts(&["conserver durée"]);
    assert!(
        found
            .iter()
            .any(|t| t.starts_with("Les adresses IP sont conservées")),
        "{found:?}"
    );
    assert!(found.iter().any(|t| t == "Durées"), "{found:?}");
    assert!(found.iter().any(|t| t.starts_with("Nous devons conserver")));
    // The French words are highlighted in their own inflection.
    let hit = hits(&t, &["conserver durée"])
        .into_iter()
        .find(|h| h["text"].as_str().unwrap().starts_with("Les adresses"))
        .unwrap();
    let text = hit["text"].as_str().unwrap();
    let start = hit["start"].as_u64().unwrap() as usize;
    let marked: Vec<&str> = hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            &text[r[0].as_u64().unwrap() as usize - start..r[1].as_u64().unwrap() as usize - start]
        })
        .collect();
    assert_eq!(marked, vec!["conservées"]);
    // A French question: its stop words and elided articles are dropped ("l'adresse" is
    // "adresse"); "supprimer" finds "supprimées".
    let found = texts(&["combien de temps supprimez-vous l'adresse IP ?"]);
    assert!(
        found
            .first()
            .is_some_and(|t| t.starts_with("Les adresses IP")),
        "{found:?}"
    );
    // A quoted French phrase matches its inflections too.
    let found = texts(&["\"partager vos données\""]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("Nous partageons"));
    // Without accents, --lang fr reads the query as French, and accented words are found.
    let found = texts(&["--lang", "fr", "partager prestataires"]);
    assert!(found[0].starts_with("Nous partageons"), "{found:?}");
    let found = texts(&["--lang", "fr", "adresses conservees"]);
    assert!(found[0].starts_with("Les adresses IP"), "{found:?}");
    assert!(
        texts(&["conservees"]).is_empty(),
        "not read as French: English alone"
    );
    // A query that does not read as French is searched in English alone: "conserver" is
    // then only itself; read as French, it finds "conservées" too.
    assert_eq!(
        texts(&["conserver"]),
        ["Nous devons conserver les factures dix ans."]
    );
    assert_eq!(texts(&["--lang", "fr", "conserver"]).len(), 2);
    assert_eq!(texts(&["shared invoice"]).len(), 2);
}

/// A policy in four more languages, written for this test: each practice in another
/// inflection than the queries below ask it in.
const EUROPEAN: &str = "# Datenschutz\n\n\
    Die Protokolle werden nach zwölf Monaten gelöscht.\n\n\
    Wir geben Ihre Daten nicht an Dritte weiter.\n\n\
    Die Einstellungen werden mit Ihrem Konto gespeichert.\n\n\
    Die Cookies werden für die Anmeldung verwendet.\n\n\
    # Privacidad\n\n\
    Conservamos la información de facturación de los clientes durante cinco años.\n\n\
    Sus datos no se venden.\n\n\
    # Privacidade\n\n\
    Armazenamos as informações do seu dispositivo por seis meses.\n\n\
    # Privacy (Nederlands)\n\n\
    Wij bewaren uw gegevens niet langer dan nodig is voor de dienst.\n";

#[test]
fn queries_in_other_languages_find_their_inflections_in_that_language_only() {
    let t = TestDir::new();
    t.write("c/Fjordlys/privacy.md", EUROPEAN);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let texts = |args: &[&str]| hit_texts(&t, args);
    // German: "Monate" finds "Monaten" once the search is limited to German clauses (a
    // one-word query says nothing of its language), and the inflection is highlighted.
    assert!(texts(&["Monate"]).is_empty(), "English alone");
    let found = hits(&t, &["--lang", "de", "Monate"]);
    assert_eq!(found.len(), 1, "{found:?}");
    let hit = &found[0];
    let (text, start) = (
        hit["text"].as_str().unwrap(),
        hit["start"].as_u64().unwrap() as usize,
    );
    assert!(text.starts_with("Die Protokolle"));
    let r = &hit["highlights"][0];
    let (from, to) = (
        r[0].as_u64().unwrap() as usize - start,
        r[1].as_u64().unwrap() as usize - start,
    );
    assert_eq!(&text[from..to], "Monaten");
    // A German question reads as German by its words; its stem "dat" is German's alone: the
    // Spanish "datos" (also "dat" in Spanish) is not found by it.
    let found = texts(&["Werden die Daten an Dritten weitergegeben?"]);
    assert_eq!(found[0], "Wir geben Ihre Daten nicht an Dritte weiter.");
    assert!(
        found.iter().all(|t| !t.starts_with("Sus datos")),
        "{found:?}"
    );
    // Spanish and Portuguese typed without accents, and Dutch, in their own inflections.
    let found = texts(&["--lang", "es", "informacion facturacion"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("Conservamos la información"));
    let found = texts(&["--lang", "pt", "informacoes armazenar"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("Armazenamos"));
    let found = texts(&["--lang", "nl", "bewaring"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("Wij bewaren"));
    // A phrase in Spanish, read in Spanish, matches its inflections as a phrase.
    let found = texts(&["--lang", "es", "\"conservar la informacion\""]);
    assert_eq!(found.len(), 1, "{found:?}");
}
