//! The topic classifier from the command line: classify, eval, train.

use crate::harness::{shared, TestDir};

fn classify(t: &TestDir, input: &str, args: &[&str]) -> (i32, Vec<serde_json::Value>, String) {
    let mut full = vec!["classify"];
    full.extend_from_slice(args);
    let out = assert_cmd::Command::cargo_bin("polsearch")
        .unwrap()
        .current_dir(t.path())
        .args(&full)
        .write_stdin(input)
        .output()
        .unwrap();
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (
        out.status.code().unwrap_or(-1),
        lines,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn classify_adds_topics_in_order_and_survives_bad_lines() {
    let t = TestDir::new();
    let input = "{\"id\": 1, \"text\": \"We share your personal data with advertising partners and other third parties.\"}\nnot json\n{\"id\": 3, \"text\": \"Children under 13 may not use the service without parental consent.\"}\n[1, 2]\n{\"id\": 5, \"text\": \"We honour Do Not Track signals sent by your browser.\"}\n";
    let (code, lines, stderr) = classify(&t, input, &[]);
    assert_eq!(code, 2, "malformed lines make the exit status 2");
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(stderr.contains("line 4"), "{stderr}");
    let ids: Vec<i64> = lines.iter().map(|l| l["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![1, 3, 5], "good lines come back in order");
    let topics = |i: usize| -> Vec<String> {
        lines[i]["topics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    assert!(
        topics(0).contains(&"third-party-sharing".to_owned()),
        "{:?}",
        topics(0)
    );
    assert!(
        topics(1).contains(&"specific-audiences".to_owned()),
        "{:?}",
        topics(1)
    );
    assert!(
        topics(2).contains(&"do-not-track".to_owned()),
        "{:?}",
        topics(2)
    );
    let scores = lines[0]["scores"].as_object().unwrap();
    assert_eq!(scores.len(), 12);
    assert!(scores
        .values()
        .all(|p| (0.0..=1.0).contains(&p.as_f64().unwrap())));
    // Keys keep their order, the additions come last.
    let keys: Vec<&String> = lines[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, vec!["id", "text", "lang", "topics", "scores"]);

    let (code, lines, _) = classify(&t, "oops\n", &["--json"]);
    assert_eq!(code, 2);
    assert_eq!(lines[0]["line"], 1);
    assert!(lines[0]["error"].is_string());
}

#[test]
fn eval_and_train_on_the_shared_split() {
    let Some(shared) = shared() else { return };
    let t = TestDir::new();
    let dir = shared.join("eval/opp115-topics");
    let validation = dir.join("validation.csv");
    let run = t.run_ok(
        &["topics", "eval", validation.to_str().unwrap(), "--json"],
        0,
    );
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    let micro = v["data"]["micro_f1"].as_f64().unwrap();
    let macro_f1 = v["data"]["macro_f1"].as_f64().unwrap();
    assert_eq!(v["data"]["topics"].as_array().unwrap().len(), 12);
    // The shipped model is trained on the 75 train policies only, its settings chosen by
    // policy-grouped cross-validation over train + validation; it measured 0.813 micro, 0.763
    // macro on the 20 validation policies when built (nothing was tuned on them alone). The
    // issue's target is 0.80 / 0.76.
    assert!(
        micro >= 0.80 && macro_f1 >= 0.76,
        "micro {micro} macro {macro_f1}"
    );
    let lexicon = t.run_ok(
        &[
            "topics",
            "eval",
            validation.to_str().unwrap(),
            "--lexicon",
            "--json",
        ],
        0,
    );
    let l: serde_json::Value = serde_json::from_str(lexicon.stdout.trim()).unwrap();
    assert!(
        l["data"]["micro_f1"].as_f64().unwrap() < micro,
        "the model beats the lexicon"
    );

    // Training is deterministic: it rebuilds the shipped model byte for byte.
    let out = t.path().join("model.bin");
    t.run_ok(
        &[
            "topics",
            "train",
            "--segments",
            dir.join("segments.csv").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        0,
    );
    assert_same_as_shipped(&out, "models/topics.bin");
}

#[test]
fn cross_validation_is_grouped_by_policy_and_beats_the_baseline() {
    let Some(shared) = shared() else { return };
    let t = TestDir::new();
    let segments = shared.join("eval/opp115-topics/segments.csv");
    let cv = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec![
            "topics",
            "eval",
            segments.to_str().unwrap(),
            "--folds",
            "5",
            "--json",
        ];
        args.extend_from_slice(extra);
        let run = t.run_ok(&args, 0);
        let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
        assert_eq!(v["type"], "cross_validation");
        v["data"].clone()
    };
    let model = cv(&[]);
    let folds = model["folds"].as_array().unwrap();
    assert_eq!(folds.len(), 5);
    // 95 policies dealt to 5 folds: 19 each, whatever their segment counts.
    assert!(folds.iter().all(|f| f["policies"] == 19), "{folds:?}");
    let examples: u64 = folds.iter().map(|f| f["examples"].as_u64().unwrap()).sum();
    assert_eq!(examples, model["pooled"]["examples"].as_u64().unwrap());
    let mean = model["micro_f1_mean"].as_f64().unwrap();
    let macro_mean = model["macro_f1_mean"].as_f64().unwrap();
    assert!(mean >= 0.78, "CV micro-F1 {mean} (0.803 when measured)");
    assert!(
        macro_mean >= 0.72,
        "CV macro-F1 {macro_mean} (0.757 when measured)"
    );
    assert!(model["micro_f1_sd"].as_f64().unwrap() > 0.0);
    // The TF-IDF + logistic regression baseline (0.779 / 0.717 when measured) is beaten on
    // both figures by more than a fold's spread would explain away.
    let baseline = cv(&["--baseline"]);
    assert!(
        baseline["micro_f1_mean"].as_f64().unwrap() + 0.01 < mean
            && baseline["macro_f1_mean"].as_f64().unwrap() + 0.03 < macro_mean,
        "{baseline:?}"
    );
}

#[test]
fn clusters_rebuild_byte_for_byte_from_the_ota_corpus() {
    let Some(shared) = shared() else { return };
    let t = TestDir::new();
    let out = t.path().join("clusters.bin");
    t.run_ok(
        &[
            "topics",
            "clusters",
            shared.join("corpus/ota").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        0,
    );
    assert_same_as_shipped(&out, "models/clusters.bin");
}

/// A rebuilt model file must be byte for byte the one the repository ships.
fn assert_same_as_shipped(rebuilt: &std::path::Path, shipped: &str) {
    let want = std::fs::read(crate::harness::repo().join(shipped)).unwrap();
    assert!(
        std::fs::read(rebuilt).unwrap() == want,
        "rebuilt {} differs from {shipped}",
        rebuilt.display()
    );
}
