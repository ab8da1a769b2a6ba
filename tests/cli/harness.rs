//! A tiny harness: a temporary folder, files written into it, the binary run inside it.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde::Deserialize;

pub struct TestDir {
    dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Decode stdout as JSON Lines.
    pub fn messages(&self) -> Vec<Msg> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
            .collect()
    }

    pub fn hits(&self) -> Vec<HitMsg> {
        self.messages()
            .into_iter()
            .filter_map(|m| match m {
                Msg::Hit(h) => Some(*h),
                _ => None,
            })
            .collect()
    }

    pub fn facet(&self, field: &str) -> Vec<FacetValue> {
        self.messages()
            .into_iter()
            .find_map(|m| match m {
                Msg::Facet(f) if f.field == field => Some(f.counts),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no facet {field} in {}", self.stdout))
    }

    pub fn summary(&self) -> SearchSummary {
        self.messages()
            .into_iter()
            .find_map(|m| match m {
                Msg::Summary(s) => Some(s),
                _ => None,
            })
            .expect("a summary message")
    }
}

impl TestDir {
    pub fn new() -> TestDir {
        TestDir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, content).expect("write");
        path
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// Run with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let out = assert_cmd::Command::cargo_bin("polsearch")
            .expect("binary built")
            .current_dir(self.dir.path())
            .env_remove("NO_COLOR")
            .env_remove("POLSEARCH_INDEX")
            .envs(env.iter().copied())
            .args(args)
            .output()
            .expect("run polsearch");
        Run::from(out)
    }

    /// Run, killing polsearch if it has not finished within `limit`: a guard against work
    /// that grows without bound (the super-linear cases took minutes), set a hundred
    /// times above what the run needs, never a measurement of speed.
    pub fn run_within(&self, args: &[&str], limit: std::time::Duration) -> Run {
        let out = assert_cmd::Command::cargo_bin("polsearch")
            .expect("binary built")
            .current_dir(self.dir.path())
            .env_remove("NO_COLOR")
            .env_remove("POLSEARCH_INDEX")
            .args(args)
            .timeout(limit)
            .output()
            .unwrap_or_else(|e| panic!("polsearch did not finish within {limit:?}: {e}"));
        Run::from(out)
    }

    /// Run and insist on exit code `code`.
    pub fn run_ok(&self, args: &[&str], code: i32) -> Run {
        let run = self.run(args);
        assert_eq!(
            run.code, code,
            "polsearch {args:?} exited {} (wanted {code})\nstdout:\n{}\nstderr:\n{}",
            run.code, run.stdout, run.stderr
        );
        run
    }

    /// Copy a folder into the test dir under `name`.
    pub fn copy_dir(&self, from: &Path, name: &str) {
        for entry in walkdir(from) {
            let rel = entry.strip_prefix(from).expect("below root");
            let to = self.dir.path().join(name).join(rel);
            std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
            std::fs::copy(&entry, to).expect("copy");
        }
    }
}

fn walkdir(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// A test folder holding a copy of the demo corpus in `corpus/`, indexed into `idx/`.
pub fn demo_index() -> TestDir {
    let t = TestDir::new();
    t.copy_dir(&repo().join("corpus"), "corpus");
    t.run_ok(&["index", "corpus", "--index", "idx", "--quiet"], 0);
    t
}

/// The repository root (for the demo corpus).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`, or `None` with a message when it is absent (a fresh clone has no such folder).
pub fn shared() -> Option<PathBuf> {
    let path = repo().join("..").join("shared");
    if path.join("corpus").is_dir() {
        return Some(path);
    }
    if std::env::var_os("POLSEARCH_REQUIRE_SHARED").is_some() {
        panic!("../shared is required (POLSEARCH_REQUIRE_SHARED is set) but missing");
    }
    eprintln!("skipping: ../shared not found beside the repository");
    None
}

// The documented JSON Lines format, decoded strictly so that it cannot drift silently.

#[derive(Debug, Deserialize)]
#[serde(
    tag = "type",
    content = "data",
    rename_all = "lowercase",
    deny_unknown_fields
)]
pub enum Msg {
    Hit(Box<HitMsg>),
    Facet(FacetMsg),
    Summary(SearchSummary),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HitMsg {
    pub rank: u64,
    pub score: f64,
    pub path: String,
    /// Only for a non-UTF-8 path.
    #[serde(default)]
    pub path_bytes: Option<String>,
    pub company: String,
    pub topics: Vec<String>,
    pub start: usize,
    pub end: usize,
    pub line: u64,
    pub section: String,
    pub text: String,
    pub kind: String,
    /// The clause's language (`en`, `fr`, ..., `other`).
    pub lang: String,
    pub date: Option<String>,
    pub snapshot: Option<String>,
    pub effective: Option<String>,
    pub title: Option<String>,
    /// The distinct clause over the selected files.
    pub occurrences: u64,
    pub documents: u64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub retention: Vec<RetentionMsg>,
    pub highlights: Vec<[usize; 2]>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionMsg {
    pub text: String,
    pub days: Option<u64>,
    pub kind: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacetMsg {
    pub field: String,
    pub counts: Vec<FacetValue>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSummary {
    pub total_hits: u64,
    pub count: String,
    pub total_exact: bool,
    /// `relevance` or `document`.
    pub order: String,
    pub elapsed_ms: f64,
}
