//! The human output of search, retention, stats and clauses, pinned on the demo corpus (insta
//! snapshots in `tests/cli/snapshots/`). A change to what people read shows up as a diff to
//! review: `INSTA_UPDATE=always cargo test --test cli snapshots`, then `git diff`.

use crate::harness::{demo_index, Run};

/// stdout of a run that succeeded with `code`, as a snapshot names it.
fn out(run: Run) -> String {
    run.stdout
}

/// Run a snapshot with what varies from run to run (timings, the size on disk) blanked.
macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            filters => vec![
                (r"\b\d+(\.\d+)? ms\b", "[T] ms"),
                (r"on disk: .*", "on disk: [SIZE]"),
            ],
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

#[test]
fn human_output_of_search_retention_stats_and_clauses() {
    let t = demo_index();
    fn with<'a>(args: &[&'a str]) -> Vec<&'a str> {
        [args, &["--index", "idx"]].concat()
    }
    snapshot!(
        "search",
        out(t.run_ok(
            &with(&["search", "personal data", "-n", "4", "--facets"]),
            0
        ))
    );
    snapshot!(
        "search_question",
        out(t.run_ok(
            &with(&["search", "how long do you keep my data?", "-n", "3"]),
            0
        ))
    );
    snapshot!(
        "search_history",
        out(t.run_ok(
            &with(&[
                "search",
                "sell",
                "--company",
                "fjord",
                "--occurrences",
                "-n",
                "3"
            ]),
            0
        ))
    );
    snapshot!(
        "search_none",
        out(t.run_ok(&with(&["search", "zzqqxx"]), 1))
    );
    snapshot!("retention", out(t.run_ok(&with(&["retention"]), 0)));
    snapshot!(
        "retention_company",
        out(t.run_ok(&with(&["retention", "--company", "ember"]), 0))
    );
    snapshot!(
        "retention_companies",
        out(t.run_ok(&with(&["retention", "--companies", "--cookies"]), 0))
    );
    snapshot!("stats", out(t.run_ok(&with(&["stats"]), 0)));
    snapshot!(
        "clauses_text",
        out(t.run_ok(&["clauses", "corpus/Cobalt Games/privacy.txt"], 0))
    );
    snapshot!(
        "clauses_html",
        out(t.run_ok(
            &["clauses", "corpus/Borealis Health/Privacy Notice.html"],
            0
        ))
    );
}
