//! What makes the CLI fit an analyst's shell: completion scripts (subcommands, flags and the
//! names flags take), manual pages, and `POLSEARCH_INDEX`, the index folder set once for a
//! session.

use crate::harness::{demo_index, Run, TestDir};

/// The hits of a JSON search, as where they are.
fn places(run: &Run) -> Vec<(String, usize, usize)> {
    run.hits()
        .into_iter()
        .map(|h| (h.path, h.start, h.end))
        .collect()
}

/// What bash's completion function offers for `words`, the last one being completed, from
/// the script `polsearch completions bash` writes; `None` when there is no bash to run it.
fn bash_completes(t: &TestDir, words: &[&str]) -> Option<Vec<String>> {
    let script = t.run_ok(&["completions", "bash"], 0).stdout;
    let path = t.write("polsearch.bash", script);
    run_completion(&path, "_polsearch", words, &[])
}

/// Source the bash completion script at `script`, call its `function` as bash would for
/// `words` (the last one being completed) with `env` set, and return what it offers.
fn run_completion(
    script: &std::path::Path,
    function: &str,
    words: &[&str],
    env: &[(&str, &std::path::Path)],
) -> Option<Vec<String>> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let last = words.len() - 1;
    let program = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={last}; COMP_LINE='{}'; \
         COMP_POINT=${{#COMP_LINE}}; COMP_TYPE=9; {function} polsearch '{}' '{}'; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.join(" "),
        words[last],
        words[last - 1],
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "-c", &program])
        .envs(env.iter().copied())
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "bash: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .filter(|l| !l.is_empty())
            .collect(),
    )
}

#[test]
fn bash_completion_offers_commands_flags_and_the_names_flags_take() {
    let t = TestDir::new();
    let Some(commands) = bash_completes(&t, &["polsearch", "ret"]) else {
        eprintln!("skipped: no bash to run the completion script");
        return;
    };
    assert_eq!(commands, ["retention"]);
    let flags = bash_completes(&t, &["polsearch", "search", "--retention-m"]).unwrap();
    assert_eq!(flags, ["--retention-min", "--retention-max"]);
    // Values that are names: every topic, every kind, every retention kind.
    let topics = bash_completes(&t, &["polsearch", "search", "--topic", ""]).unwrap();
    assert_eq!(topics.len(), 12, "{topics:?}");
    assert!(topics.iter().any(|v| v == "data-retention"), "{topics:?}");
    let kinds = bash_completes(&t, &["polsearch", "export", "--kind", ""]).unwrap();
    assert!(kinds.iter().any(|v| v == "terms-of-service"), "{kinds:?}");
    let retention = bash_completes(&t, &["polsearch", "retention", "--retention", "c"]).unwrap();
    assert_eq!(retention, ["criterion", "cookie"]);
}

/// Company names complete from the index (dynamic completion: `source <(COMPLETE=bash
/// polsearch)`), for `--company` and `history`'s company, quoted for bash when they hold a
/// space; flags and topic names complete as in the static script.
#[test]
fn dynamic_completion_offers_the_index_s_companies() {
    let t = demo_index();
    let registration = t.run_env(&[], &[("COMPLETE", "bash")]);
    assert_eq!(registration.code, 0, "{}", registration.stderr);
    assert!(
        registration.stdout.contains("complete "),
        "{}",
        registration.stdout
    );
    let path = t.write("dynamic.bash", registration.stdout);
    let index = t.path().join("idx");
    let completes = |words: &[&str]| {
        run_completion(
            &path,
            "_clap_complete_polsearch",
            words,
            &[("POLSEARCH_INDEX", &index)],
        )
    };
    let Some(fjord) = completes(&["polsearch", "search", "--company", "fj"]) else {
        eprintln!("skipped: no bash to run the completion script");
        return;
    };
    assert_eq!(fjord, ["'Fjord Mail'"]);
    let all = completes(&["polsearch", "count", "-c", ""]).unwrap();
    assert_eq!(all.len(), 6, "{all:?}");
    assert!(all.contains(&"'Acme Analytics'".to_owned()), "{all:?}");
    let history = completes(&["polsearch", "history", "co"]).unwrap();
    assert_eq!(history, ["'Cobalt Games'"]);
    let topics = completes(&["polsearch", "search", "--topic", "data-r"]).unwrap();
    assert_eq!(topics, ["data-retention"]);
    // No index: no company, and no error either.
    let none = std::process::Command::new(assert_cmd::cargo::cargo_bin("polsearch"))
        .args(["--", "polsearch", "search", "--company", ""])
        .env("COMPLETE", "fish")
        .env("POLSEARCH_INDEX", t.path().join("nowhere"))
        .output()
        .unwrap();
    assert!(none.status.success());
    assert!(String::from_utf8_lossy(&none.stdout).trim().is_empty());
}

/// A page as groff lays it out for a terminal (plain ASCII, no bold), and what groff warned;
/// `None` when there is no groff to run.
fn groff(page: &[u8]) -> Option<(String, String)> {
    use std::io::Write;
    let mut child = std::process::Command::new("groff")
        .args(["-man", "-Tascii", "-ww", "-P-cbou", "-rLL=200n"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(page).ok()?;
    let out = child.wait_with_output().ok()?;
    Some((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

#[test]
fn manual_pages_for_every_command_with_examples_line_by_line() {
    let t = TestDir::new();
    let main = t.run_ok(&["man"], 0).stdout;
    assert!(main.contains(".TH polsearch 1"), "{main}");
    for section in [
        "NAME",
        "SYNOPSIS",
        "SUBCOMMANDS",
        "EXAMPLES",
        "ENVIRONMENT",
        "\"EXIT STATUS\"",
        "\"SEE ALSO\"",
    ] {
        assert!(main.contains(&format!(".SH {section}\n")), "{section}");
    }
    // --out: the main page and one per command (help is no command), each named as `man` finds it.
    let run = t.run_ok(&["man", "--out", "pages"], 0);
    assert!(
        run.stdout.is_empty() && run.stderr.contains("pages"),
        "{}",
        run.stderr
    );
    let mut names: Vec<String> = std::fs::read_dir(t.path().join("pages"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for page in [
        "polsearch.1",
        "polsearch-search.1",
        "polsearch-topics-train.1",
        "polsearch-man.1",
        "polsearch-count.1",
    ] {
        assert!(names.iter().any(|n| n == page), "{page} not in {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
    assert_eq!(names.len(), 23, "{names:?}");
    // One page on stdout is the page --out writes; a nested command is named by its words.
    let search = t.run_ok(&["man", "search"], 0).stdout;
    let written = std::fs::read_to_string(t.path().join("pages/polsearch-search.1")).unwrap();
    assert_eq!(search, written);
    let train = t.run_ok(&["man", "topics", "train"], 0).stdout;
    assert!(train.contains(".TH polsearch-topics-train 1"), "{train}");
    let run = t.run_ok(&["man", "topics", "fly"], 2);
    assert!(
        run.stderr.contains("topics fly") && run.stderr.contains("train"),
        "{}",
        run.stderr
    );
    // Laid out, each example of --help is a line of its own, and groff has nothing to warn.
    let Some((text, warnings)) = groff(search.as_bytes()) else {
        eprintln!("skipped the layout: no groff to run");
        return;
    };
    assert!(warnings.is_empty(), "{warnings}");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let help = t.run_ok(&["search", "--help"], 0).stdout;
    let examples: Vec<&str> = help
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("polsearch search"))
        .collect();
    assert!(examples.len() >= 10, "{examples:?}");
    for example in examples {
        assert!(
            lines.contains(&example),
            "{example:?} not a line of:\n{text}"
        );
    }
    for page in &names {
        let roff = std::fs::read(t.path().join("pages").join(page)).unwrap();
        let (_, warnings) = groff(&roff).unwrap();
        assert!(warnings.is_empty(), "{page}: {warnings}");
    }
}

#[test]
fn completion_scripts_for_each_shell_and_a_clear_error_for_others() {
    let t = TestDir::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = t.run_ok(&["completions", shell], 0);
        assert!(
            run.stdout.contains("retention-min") && run.stdout.contains("data-retention"),
            "{shell}: flags or topic names missing"
        );
        assert!(run.stderr.is_empty(), "{shell}: {}", run.stderr);
    }
    let run = t.run_ok(&["completions", "tcsh"], 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("tcsh") && run.stderr.contains("bash"),
        "{}",
        run.stderr
    );
    // Names still parse as their types read them, with the listed names in the error.
    let run = t.run_ok(
        &[
            "search",
            "x",
            "--topic",
            "retention-ish",
            "--index",
            "nowhere",
        ],
        2,
    );
    assert!(run.stderr.contains("data-retention"), "{}", run.stderr);
}

#[test]
fn polsearch_index_names_the_index_when_the_flag_does_not() {
    let t = demo_index();
    let flag = t.run_ok(&["search", "retention", "--json", "--index", "idx"], 0);
    assert!(!places(&flag).is_empty());
    let env = t.run_env(
        &["search", "retention", "--json"],
        &[("POLSEARCH_INDEX", "idx")],
    );
    assert_eq!(env.code, 0, "{}", env.stderr);
    assert_eq!(places(&env), places(&flag));
    // No default index is built on the way: the variable named one.
    assert!(!t.path().join("index").exists());

    // --index wins over the variable.
    let both = t.run_env(
        &["search", "retention", "--json", "--index", "idx"],
        &[("POLSEARCH_INDEX", "missing")],
    );
    assert_eq!(both.code, 0, "{}", both.stderr);
    assert_eq!(places(&both), places(&flag));

    // A variable naming no index is an error that says where the name came from.
    for args in [&["search", "retention"][..], &["stats"], &["check"]] {
        let run = t.run_env(args, &[("POLSEARCH_INDEX", "missing")]);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.contains("POLSEARCH_INDEX") && run.stderr.contains("missing"),
            "{args:?}: {}",
            run.stderr
        );
    }

    // `index` writes where the variable points.
    let run = t.run_env(
        &["index", "corpus", "--quiet"],
        &[("POLSEARCH_INDEX", "second")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again = t.run_ok(&["search", "retention", "--json", "--index", "second"], 0);
    assert_eq!(places(&again), places(&flag));

    // Set but empty counts as unset: the default index, built from ./corpus on first use.
    let run = t.run_env(
        &["search", "retention", "--json"],
        &[("POLSEARCH_INDEX", "")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(t.path().join("index").is_dir());
}
