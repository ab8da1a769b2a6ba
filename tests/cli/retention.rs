//! Retention periods as data: extraction, filters, the per-company table.

use crate::harness::{demo_index, shared, Run, TestDir};

/// `polsearch eval retention` on the project's labels over ../shared's OTA folder, with
/// `extra` arguments (None when ../shared is absent).
fn eval_on_the_labels(t: &TestDir, extra: &[&str]) -> Option<Run> {
    let shared = shared()?;
    let labels = crate::harness::repo().join("tests/data/retention-labels.tsv");
    let corpus = shared.join("corpus/ota");
    let mut args = vec![
        "eval",
        "retention",
        labels.to_str().unwrap(),
        "--corpus",
        corpus.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    Some(t.run_ok(&args, 0))
}

/// The "all" row of `eval retention --json`'s summary (the only row when the labels hold one
/// sample).
fn all_samples(run: &Run) -> serde_json::Value {
    let summary: serde_json::Value = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|m| m["type"] == "summary")
        .expect("a summary");
    let rows = summary["data"]["samples"].as_array().unwrap();
    rows.iter()
        .find(|s| s["sample"] == "all")
        .or(match rows.as_slice() {
            [only] => Some(only),
            _ => None,
        })
        .expect("an 'all' row")
        .clone()
}

/// `eval retention --json` of `labels` over `corpus`: every labelled range is covered by a
/// clause, and retention precision and recall over all samples reach the floors.
fn assert_labels_hold(
    t: &TestDir,
    labels: &std::path::Path,
    corpus: &std::path::Path,
    precision: f64,
    recall: f64,
) {
    let run = t.run_ok(
        &[
            "eval",
            "retention",
            labels.to_str().unwrap(),
            "--corpus",
            corpus.to_str().unwrap(),
            "--json",
        ],
        0,
    );
    let all = all_samples(&run);
    let p = all["retention"]["precision"].as_f64().unwrap();
    let r = all["retention"]["recall"].as_f64().unwrap();
    assert!(
        p >= precision && r >= recall,
        "precision {p}, recall {r}: {all}"
    );
    assert_eq!(
        all["not_found"], 0,
        "labelled ranges no clause covers: {all}"
    );
}

/// The developers' labels of old versions from the history archive whose text no OTA clause
/// has (tests/data/retention-labels-history.tsv, not the learnt filter's training data):
/// precision and recall stay at what was measured after tuning on them (0.990 / 0.978 on 907
/// labelled statements in session 24, 0.989 / 0.976 on 951 with session 25's hist21, which was
/// not tuned on; enr1's 24 hard cases included; blind, before each random
/// sample was tuned on: 0.938 / 0.938, 1.000 / 0.938, 1.000 / 0.940, 0.956 / 0.878, 0.977 /
/// 0.933, 1.000 / 0.926, 1.000 / 0.885, 0.875 / 0.913, 0.958 / 0.979, 0.957 / 0.978, 1.000 /
/// 0.957, 0.979 / 0.959, 0.956 / 0.935, 0.969 / 0.886, then hist15-20: 1.000 / 0.953, 0.978 /
/// 0.863, 0.959 / 0.979, 0.978 / 0.957, 0.963 / 0.867, 0.923 / 0.973, then hist21: 0.976 /
/// 0.932, then session 27's hist22, drawn from a nearly spent pool: 0.800 / 0.727 on 10 / 11,
/// session 35's hist23 1.000 / 0.939, session 41's hist24 1.000 / 0.977 and hist25 0.978 /
/// 1.000, session 42's hist26 0.953 / 0.953, session 43's hist27 0.977 / 0.977 and hist28 1.000 / 1.000).
/// Only
/// the labelled files are unpacked from the archive.
#[test]
fn eval_retention_against_the_history_labels() {
    let Some(shared) = shared() else {
        return;
    };
    let t = TestDir::new();
    let labels = crate::harness::repo().join("tests/data/retention-labels-history.tsv");
    let mut files: Vec<String> = std::fs::read_to_string(&labels)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("sample\t"))
        .filter_map(|l| l.split('\t').nth(1))
        .map(|p| format!("ota-history/{p}"))
        .collect();
    files.sort();
    files.dedup();
    let status = std::process::Command::new("tar")
        .arg("--zstd")
        .arg("-xf")
        .arg(shared.join("corpus/ota-history.tar.zst"))
        .arg("-C")
        .arg(t.path())
        .args(&files)
        .status()
        .expect("tar runs (with zstd: .ci/run installs it)");
    assert!(status.success(), "tar could not unpack the labelled files");
    let corpus = t.path().join("ota-history");
    assert_labels_hold(&t, &labels, &corpus, 0.97, 0.95);
}

/// The developers' labels of OPP-115's policies (tests/data/retention-labels-opp115.tsv: US
/// sites around 2015, another source than OTA; not the learnt filter's training data):
/// precision and recall stay near what was measured after tuning on them (blind, session 44's
/// opp1: 0.953 / 0.976, then opp2: 1.000 / 0.842; after both: 0.967 / 0.967 on 61 labelled
/// statements, the two wrong ones labels of a kind our labels disagree on; with oenr1, a
/// sample of unflagged clauses drawn to find misses, and oenr2, the rest of that pool: 0.971 /
/// 0.919 on 74).
#[test]
fn eval_retention_against_the_opp115_labels() {
    let Some(shared) = shared() else {
        return;
    };
    let t = TestDir::new();
    let labels = crate::harness::repo().join("tests/data/retention-labels-opp115.tsv");
    let corpus = shared.join("corpus/opp115/sanitized_policies");
    assert_labels_hold(&t, &labels, &corpus, 0.95, 0.90);
}

#[test]
fn hits_show_periods_that_slice_back_to_the_file() {
    let t = demo_index();
    let hits = t
        .run_ok(
            &[
                "search",
                "server logs",
                "--index",
                "idx",
                "--json",
                "--company",
                "acme",
            ],
            0,
        )
        .hits();
    let h = hits
        .iter()
        .find(|h| h.text.contains("12 months"))
        .expect("the 12-month clause");
    assert_eq!(h.retention.len(), 1);
    let r = &h.retention[0];
    assert_eq!(
        (r.days, r.kind.as_str(), r.text.as_str()),
        (Some(365), "stated", "12 months")
    );
    let raw = std::fs::read(t.path().join(&h.path)).unwrap();
    assert_eq!(&raw[r.start..r.end], b"12 months");
}

#[test]
fn period_and_kind_filters() {
    let t = demo_index();
    let short = t
        .run_ok(
            &[
                "search",
                "retention",
                "--index",
                "idx",
                "--json",
                "--retention-max",
                "90d",
                "--limit",
                "100",
            ],
            0,
        )
        .hits();
    assert!(!short.is_empty());
    for h in &short {
        let days: Vec<u64> = h.retention.iter().filter_map(|r| r.days).collect();
        assert!(!days.is_empty() && days.iter().all(|d| *d <= 90), "{h:?}");
    }
    let long = t
        .run_ok(
            &[
                "search",
                "kept",
                "--index",
                "idx",
                "--json",
                "--retention-min",
                "1y",
                "--limit",
                "100",
            ],
            0,
        )
        .hits();
    assert!(!long.is_empty());
    assert!(long
        .iter()
        .all(|h| h.retention.iter().filter_map(|r| r.days).max() >= Some(365)));
    let indefinite = t
        .run_ok(
            &[
                "search",
                "statistics",
                "--index",
                "idx",
                "--json",
                "--retention",
                "indefinite",
            ],
            0,
        )
        .hits();
    assert!(indefinite
        .iter()
        .all(|h| h.retention.iter().any(|r| r.kind == "indefinite")));
    assert!(!indefinite.is_empty());
    let bad = t.run(&["search", "x", "--index", "idx", "--retention-max", "soon"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--retention-max"), "{}", bad.stderr);
}

#[test]
fn retention_table_per_company_longest_first() {
    let t = demo_index();
    let run = t.run_ok(
        &["retention", "--index", "idx", "--json", "--company", "acme"],
        0,
    );
    let mut rows: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary = rows.pop().expect("a summary");
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["data"]["statements"], rows.len());
    assert_eq!(summary["data"]["companies"], 1);
    assert!(rows
        .iter()
        .all(|r| r["type"] == "retention" && r["data"]["company"] == "Acme Analytics"));
    let kinds: Vec<&str> = rows
        .iter()
        .map(|r| r["data"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.first(), Some(&"indefinite"), "{kinds:?}");
    let days: Vec<u64> = rows
        .iter()
        .filter_map(|r| r["data"]["days"].as_u64())
        .collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "{days:?}");
    assert!(days.contains(&2555) && days.contains(&365), "{days:?}");
    let human = t.run_ok(&["retention", "--index", "idx"], 0);
    assert!(human.stdout.contains("Borealis Health"), "{}", human.stdout);
}

#[test]
fn the_wesecur_seed_keeps_ip_data_for_12_months() {
    let Some(shared) = shared() else { return };
    let t = TestDir::new();
    t.copy_dir(&shared.join("corpus/seeds"), "seeds");
    t.run_ok(&["index", "seeds", "--index", "idx", "--quiet"], 0);
    let hits = t
        .run_ok(
            &["search", "retention 12 months", "--index", "idx", "--json"],
            0,
        )
        .hits();
    let r = &hits[0].retention;
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].days, Some(365));
}

#[test]
fn twelve_months_is_a_year_for_the_period_filters() {
    // Issue 15: 12 months counted 360 days, so --retention-min 1y missed it.
    let t = demo_index();
    let hits = t
        .run_ok(
            &[
                "search",
                "\"12 months\"",
                "--index",
                "idx",
                "--json",
                "--retention-min",
                "1y",
            ],
            0,
        )
        .hits();
    assert!(
        hits.iter()
            .any(|h| h.company == "Acme Analytics" && h.text.contains("12 months")),
        "{hits:?}"
    );
    let month = t.run_ok(
        &[
            "search",
            "",
            "--index",
            "idx",
            "--json",
            "--retention-max",
            "1m",
        ],
        0,
    );
    assert!(month.hits().iter().all(|h| h
        .retention
        .iter()
        .filter_map(|r| r.days)
        .all(|d| d <= 30)));
}

/// A French policy (our own words): its periods are found, in days, with byte offsets into the
/// file (accents are two bytes each), a retention table row counts under its French heading,
/// the cookie's own lifetime is a cookie's, and an age is no period.
#[test]
fn french_statements_are_found_with_their_offsets() {
    let t = TestDir::new();
    let text = "# Politique de confidentialité\n\n\
        Le service est réservé aux personnes âgées de plus de 15 ans.\n\n\
        ## Durée de conservation\n\n\
        Vos données de facturation sont conservées pendant 10 ans à compter de la commande.\n\n\
        | Catégorie | Durée |\n| --- | --- |\n| Données de connexion | 1 an |\n\n\
        Les cookies de mesure d’audience sont conservés 13 mois au maximum.\n";
    t.write("c/fjordlys/politique.md", text);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let rows: Vec<serde_json::Value> = t
        .run_ok(&["retention", "--index", "i", "--json", "--cookies"], 0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["type"] == "retention")
        .map(|v| v["data"].clone())
        .collect();
    let raw = std::fs::read(t.path().join("c/fjordlys/politique.md")).unwrap();
    let found: Vec<(String, u64, String)> = rows
        .iter()
        .map(|r| {
            let (start, end) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            (
                r["kind"].as_str().unwrap().to_owned(),
                r["days"].as_u64().unwrap(),
                String::from_utf8(raw[start..end].to_vec()).unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("stated".to_owned(), 3650, "10 ans".to_owned()),
            ("stated".to_owned(), 365, "1 an".to_owned()),
            ("cookie".to_owned(), 395, "13 mois".to_owned()),
        ],
        "{rows:?}"
    );
}

#[test]
fn cookie_lifetimes_are_kept_apart_from_data_retention() {
    let t = TestDir::new();
    t.write(
        "c/acme/cookies.md",
        "# Cookies\n\nThe acme_prefs cookie expires after 2 years.\n\nWe keep server logs for 30 days.\n",
    );
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let cookies = t
        .run_ok(
            &[
                "search",
                "",
                "--index",
                "i",
                "--json",
                "--retention",
                "cookie",
            ],
            0,
        )
        .hits();
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    assert_eq!(cookies[0].retention[0].kind, "cookie");
    assert_eq!(cookies[0].retention[0].days, Some(730));
    // A cookie's two years do not make a clause keep data for a year or more.
    t.run_ok(
        &[
            "search",
            "",
            "--index",
            "i",
            "--json",
            "--retention-min",
            "1y",
        ],
        1,
    );
    let table = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["retention", "--index", "i", "--json"];
        args.extend_from_slice(extra);
        t.run_ok(&args, 0)
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|v| v["type"] == "retention")
            .map(|v| v["data"]["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(table(&[]), vec!["stated"]);
    assert_eq!(table(&["--cookies"]), vec!["stated", "cookie"]);
}

/// The extractor against the developers' own labels of OTA clauses
/// (tests/data/retention-labels.tsv): precision and recall over all samples stay at what
/// session 22 measured, within a few clauses (0.995 / 0.957 on 4,040 clauses; the learnt
/// filter is trained on these labels, so this is in-sample). Samples were measured blind
/// before anything was tuned on them (EVALUATION.md gives the figures); this is a floor against
/// regressions, not the held-out figure.
#[test]
fn eval_retention_against_the_hand_labels() {
    let t = TestDir::new();
    let Some(run) = eval_on_the_labels(&t, &["--json"]) else {
        return;
    };
    let all = all_samples(&run);
    let p = all["retention"]["precision"].as_f64().unwrap();
    let r = all["retention"]["recall"].as_f64().unwrap();
    assert!(p >= 0.95 && r >= 0.94, "precision {p}, recall {r}: {all}");
    assert_eq!(
        all["not_found"], 0,
        "labelled ranges no clause covers: {all}"
    );
    // The human table names each sample.
    let human = eval_on_the_labels(&t, &[]).unwrap();
    for sample in ["dev1", "dev2", "dev3", "dev4", "dev5", "dev6", "all"] {
        assert!(human.stdout.contains(sample), "{}", human.stdout);
    }
}

/// The learnt retention filter: out of fold (grouped by service) it drops some of the rules'
/// wrong statements at its chosen threshold while keeping at least 98 % of their right ones,
/// and `--train-out` rebuilds `models/retention.bin` byte for byte.
#[test]
fn retention_filter_cross_validates_and_rebuilds() {
    let t = TestDir::new();
    let out = t.path().join("retention.bin");
    let Some(run) = eval_on_the_labels(&t, &["--json", "--train-out", out.to_str().unwrap()])
    else {
        return;
    };
    let cv: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(cv["type"], "filter_cv", "{}", run.stdout);
    let data = &cv["data"];
    let table = data["table"].as_array().unwrap();
    let row = |t: f64| {
        table
            .iter()
            .find(|r| (r["threshold"].as_f64().unwrap() - t).abs() < 1e-6)
            .unwrap_or_else(|| panic!("no row for {t}: {data}"))
    };
    let chosen = data["chosen"].as_f64().unwrap();
    assert!(chosen > 0.0, "{data}");
    let (none, at) = (row(0.0), row(chosen));
    let right = |r: &serde_json::Value| r["kept_right"].as_f64().unwrap();
    let wrong = |r: &serde_json::Value| r["kept_wrong"].as_f64().unwrap();
    assert!(right(at) >= 0.98 * right(none), "{data}");
    assert!(wrong(at) < wrong(none), "{data}");
    assert!(data["log_loss"].as_f64().unwrap() < 0.35, "{data}");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(crate::harness::repo().join("models/retention.bin")).unwrap(),
        "models/retention.bin differs from a rebuild: run `polsearch eval retention \
         tests/data/retention-labels.tsv --corpus ../shared/corpus/ota --train-out \
         models/retention.bin`"
    );
}

#[test]
fn eval_retention_names_a_bad_labels_file_and_line() {
    let t = TestDir::new();
    t.write("corpus/a.md", "We keep logs for 12 months.\n");
    t.write(
        "labels.tsv",
        "sample\tpath\tstart\tend\tlabel\ns\ta.md\t0\ttwenty\tR\n",
    );
    let run = t.run(&["eval", "retention", "labels.tsv", "--corpus", "corpus"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("labels.tsv") && run.stderr.contains("line 2"),
        "{}",
        run.stderr
    );
    // A good file over a small corpus: the one clause is found.
    t.write(
        "labels.tsv",
        "sample\tpath\tstart\tend\tlabel\ns\ta.md\t0\t27\tR\n",
    );
    let run = t.run_ok(
        &["eval", "retention", "labels.tsv", "--corpus", "corpus"],
        0,
    );
    assert!(run.stdout.contains("1.000 (1/1)"), "{}", run.stdout);
    let run = t.run(&["eval", "retention", "labels.tsv", "--corpus", "nowhere"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nowhere"), "{}", run.stderr);
}

/// `polsearch retention QUERY` with filters: statements chosen by their own period (a clause
/// stating 30 days and 10 years has a 30-day statement), the query and --latest narrowing
/// the clauses, and a line per company answering "which companies keep IP addresses for a
/// year or more?".
#[test]
fn retention_tables_answer_which_companies_keep_what_for_how_long() {
    let t = TestDir::new();
    t.write(
        "c/Alder/2023-01-01T000000Z.md",
        "# Privacy\n\nWe keep IP addresses in our server logs for 24 months.\n\nInvoices are kept for seven years.\n",
    );
    t.write(
        "c/Alder/2025-01-01T000000Z.md",
        "# Privacy\n\nWe keep IP addresses in our server logs for 12 months.\n\nInvoices are kept for seven years.\n\nThe alder_session cookie expires after 2 years.\n",
    );
    t.write(
        "c/Birch/privacy.md",
        "# Privacy\n\nIP addresses are retained for 30 days.\n\nSupport tickets are kept for 30 days and contracts for 10 years.\n",
    );
    t.write(
        "c/Cedar/privacy.md",
        "# Privacy\n\nWe keep the IP address of each login indefinitely.\n\nWe retain account data for as long as your account is open.\n",
    );
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let json = |args: &[&str], code: i32| -> Vec<serde_json::Value> {
        let mut all = vec!["retention", "--index", "i", "--json"];
        all.extend_from_slice(args);
        t.run_ok(&all, code)
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let of_type = |lines: &[serde_json::Value], kind: &str| -> Vec<serde_json::Value> {
        lines
            .iter()
            .filter(|l| l["type"] == kind)
            .map(|l| l["data"].clone())
            .collect()
    };
    // Which companies keep IP addresses for a year or more, now?
    let lines = json(
        &[
            "ip address",
            "--retention-min",
            "1y",
            "--latest",
            "--companies",
        ],
        0,
    );
    let companies = of_type(&lines, "company");
    let names: Vec<&str> = companies
        .iter()
        .map(|c| c["company"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alder", "Cedar"], "{lines:?}");
    assert_eq!(companies[0]["longest_days"], 365);
    assert_eq!(companies[0]["longest"]["period"], "12 months");
    assert_eq!(companies[1]["indefinite"], 1);
    assert_eq!(companies[1]["longest_days"], serde_json::Value::Null);
    // Over every version, Alder's older 24 months is the longest.
    let all = of_type(&json(&["ip address", "--companies"], 0), "company");
    assert_eq!(all[0]["company"], "Alder");
    assert_eq!(all[0]["longest_days"], 730);
    // At most a month: statements, not clauses (the clause also stating 10 years counts).
    let month = of_type(&json(&["--retention-max", "1m"], 0), "retention");
    let clauses: Vec<&str> = month
        .iter()
        .map(|r| r["clause"].as_str().unwrap())
        .collect();
    assert_eq!(month.len(), 2, "{month:?}");
    assert!(month
        .iter()
        .all(|r| r["days"] == 30 && r["company"] == "Birch"));
    assert!(
        clauses.iter().any(|c| c.contains("10 years")),
        "{clauses:?}"
    );
    // The search's --retention-max admits that clause only if all its periods are in range.
    let hits = t
        .run_ok(
            &[
                "search",
                "",
                "--index",
                "i",
                "--json",
                "--retention-max",
                "1m",
            ],
            0,
        )
        .hits();
    assert_eq!(hits.len(), 1, "{hits:?}");
    // Kinds: only criteria; cookie lifetimes with --cookies only.
    let criteria = of_type(&json(&["--retention", "criterion"], 0), "retention");
    assert_eq!(criteria.len(), 1);
    assert_eq!(criteria[0]["company"], "Cedar");
    let cookies = |extra: &[&str]| {
        of_type(&json(extra, 0), "retention")
            .iter()
            .filter(|r| r["kind"] == "cookie")
            .count()
    };
    assert_eq!(cookies(&[]), 0);
    assert_eq!(cookies(&["--cookies"]), 1);
    // Nothing admitted: exit 1, an empty summary.
    let none = json(
        &[
            "ip address",
            "--retention",
            "stated",
            "--retention-min",
            "20y",
        ],
        1,
    );
    assert_eq!(none.len(), 1);
    assert_eq!(none[0]["data"]["statements"], 0);
    // The human table: a header, a line per company, the count.
    let human = t.run_ok(
        &[
            "retention",
            "--index",
            "i",
            "ip address",
            "--latest",
            "--companies",
        ],
        0,
    );
    let out = &human.stdout;
    assert!(
        out.starts_with("company") && out.contains("longest stated"),
        "{out}"
    );
    assert!(
        out.contains("12 months (365 d)") && out.contains("Cedar"),
        "{out}"
    );
    assert!(out.contains("in 3 clauses of 3 companies"), "{out}");
    let bad = t.run(&["retention", "--index", "i", "--retention-min", "soon"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--retention-min"), "{}", bad.stderr);
}

/// `polsearch retention --format csv|tsv`: the same statements as `--json`, with a header row,
/// a row per statement or per company, ready for a spreadsheet (formula cells defused on
/// request); exit 1 with the header alone when nothing is admitted.
#[test]
fn retention_tables_go_to_spreadsheets_as_csv_or_tsv() {
    let t = TestDir::new();
    t.write(
        "c/Alder/privacy.md",
        "# Privacy\n\nWe keep IP addresses in our server logs for 12 months.\n\nInvoices are kept for seven years, as the tax law requires.\n",
    );
    t.write(
        "c/=Birch/privacy.md",
        "# Privacy\n\nIP addresses are retained for 30 days.\n",
    );
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let json: Vec<serde_json::Value> = t
        .run_ok(&["retention", "--index", "i", "--json"], 0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|l| l["type"] == "retention")
        .map(|l| l["data"].clone())
        .collect();
    let table = |args: &[&str], delimiter: u8, code: i32| -> Vec<Vec<String>> {
        let mut all = vec!["retention", "--index", "i"];
        all.extend_from_slice(args);
        let out = t.run_ok(&all, code).stdout;
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .from_reader(out.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    };
    let rows = table(&["--format", "csv"], b',', 0);
    assert_eq!(
        rows[0],
        ["company", "kind", "days", "period", "date", "path", "line", "start", "end", "clause"]
    );
    assert_eq!(rows.len() - 1, json.len(), "{rows:?}");
    for (row, msg) in rows[1..].iter().zip(&json) {
        assert_eq!(row[0], msg["company"].as_str().unwrap());
        assert_eq!(row[1], msg["kind"].as_str().unwrap());
        assert_eq!(row[3], msg["period"].as_str().unwrap());
        assert_eq!(row[7], msg["start"].to_string());
        assert_eq!(row[9], msg["clause"].as_str().unwrap());
        let days = msg["days"]
            .as_u64()
            .map(|d| d.to_string())
            .unwrap_or_default();
        assert_eq!(row[2], days);
    }
    // A line per company, longest first, as TSV.
    let companies = table(&["--companies", "--format", "tsv"], b'\t', 0);
    assert_eq!(companies[0][..3], ["company", "longest_days", "longest"]);
    assert_eq!(companies[1][0], "Alder");
    assert_eq!(companies[1][1], "2555");
    assert_eq!(companies[2][0], "=Birch");
    assert_eq!(companies[2][1], "30");
    // A cell a spreadsheet would run as a formula is defused on request only.
    let safe = table(
        &["--companies", "--format", "csv", "--spreadsheet-safe"],
        b',',
        0,
    );
    assert_eq!(safe[2][0], "'=Birch");
    // Nothing admitted: the header alone, exit 1.
    let none = table(&["--retention-min", "20y", "--format", "csv"], b',', 1);
    assert_eq!(none.len(), 1);
    // --format and --json are one or the other.
    let both = t.run(&["retention", "--index", "i", "--json", "--format", "csv"]);
    assert_eq!(both.code, 2);
}
