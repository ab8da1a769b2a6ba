//! Damaged index files (issue 12): truncated, flipped or deleted, each kind of file gives no
//! panic; `check` names the damage; `index` notices it and rebuilds; `--rebuild` recovers.

use std::path::{Path, PathBuf};

use crate::harness::TestDir;

fn corpus(t: &TestDir) {
    for (company, n) in [("acme", 6), ("globex", 5), ("initech", 4)] {
        for i in 0..n {
            t.write(
                &format!("c/{company}/policy-{i}.md"),
                format!(
                    "# {company} privacy policy {i}\n\n{company} keeps server logs for {i} months.\n\n\
                     We share personal data with partner {i} for advertising.\n\n\
                     You may delete your account at any time; backups go after {n} weeks.\n"
                ),
            );
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Damage {
    Truncate,
    Flip,
    Delete,
}

fn damage(path: &Path, how: Damage) {
    match how {
        Damage::Delete => std::fs::remove_file(path).unwrap(),
        Damage::Truncate => {
            let bytes = std::fs::read(path).unwrap();
            // Hard links share content: write a new file instead of truncating in place.
            std::fs::remove_file(path).unwrap();
            std::fs::write(path, &bytes[..bytes.len() / 2]).unwrap();
        }
        Damage::Flip => {
            let mut bytes = std::fs::read(path).unwrap();
            let n = bytes.len();
            for at in [n / 3, n / 2, 2 * n / 3] {
                if at < n {
                    bytes[at] ^= 0xA5;
                }
            }
            std::fs::remove_file(path).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    }
}

fn live_generation(index: &Path) -> PathBuf {
    let name = std::fs::read_to_string(index.join("CURRENT")).unwrap();
    index.join(name.trim())
}

/// The files to damage: one of each kind polsearch and tantivy write.
fn targets(index: &Path) -> Vec<(String, PathBuf)> {
    let generation = live_generation(index);
    let mut out = vec![("CURRENT".to_owned(), index.join("CURRENT"))];
    let mut seen = std::collections::BTreeSet::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&generation)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".lock") {
            continue;
        }
        // One file per extension (".idx", ".store", "meta.json", ...).
        let kind = match name.split_once('.') {
            Some((stem, ext)) if stem.len() == 32 => format!("segment .{ext}"),
            _ => name.clone(),
        };
        if seen.insert(kind.clone()) {
            out.push((kind, path));
        }
    }
    out
}

#[test]
fn every_kind_of_damage_is_reported_never_a_panic_and_rebuild_recovers() {
    let t = TestDir::new();
    corpus(&t);
    t.run_ok(&["index", "c", "--index", "pristine", "--quiet"], 0);
    let want = t
        .run_ok(&["search", "logs", "--index", "pristine", "--json"], 0)
        .hits()
        .len();
    let kinds = targets(&t.path().join("pristine"));
    assert!(kinds.len() >= 9, "{kinds:?}");
    for (kind, _) in &kinds {
        for how in [Damage::Truncate, Damage::Flip, Damage::Delete] {
            let what = format!("{how:?} {kind}");
            let _ = std::fs::remove_dir_all(t.path().join("i"));
            t.copy_dir(&t.path().join("pristine"), "i");
            let (_, path) = targets(&t.path().join("i"))
                .into_iter()
                .find(|(k, _)| k == kind)
                .unwrap();
            damage(&path, how);

            let search = t.run(&["search", "logs", "--index", "i", "--json"]);
            assert!(
                [0, 1, 2].contains(&search.code),
                "{what}: search exited {}: {}",
                search.code,
                search.stderr
            );
            assert!(
                !search.stderr.contains("panicked at"),
                "{what}: {}",
                search.stderr
            );
            assert!(
                !search.stderr.contains("internal error"),
                "{what}: {}",
                search.stderr
            );
            // Every file's size and time are in polsearch.json: a search notices a
            // truncated or deleted file (a stat per file) and verifies a file written to
            // since (a flip keeps the size, not the time): it names the file.
            let named = path.file_name().unwrap().to_string_lossy().into_owned();
            assert_eq!(search.code, 2, "{what}: search did not notice");
            assert!(
                (search.stderr.contains("rebuild") && search.stderr.contains(&named))
                    || search.stderr.contains("no index"),
                "{what}: {}",
                search.stderr
            );

            // check names the damage, whatever search saw.
            let check = t.run(&["check", "--index", "i"]);
            assert_eq!(check.code, 2, "{what}: check passed: {}", check.stdout);
            assert!(
                check.stderr.contains(&named)
                    || check.stderr.contains("no index")
                    || (kind == "meta.json" && check.stderr.contains("tantivy")),
                "{what}: check does not name {named}: {}",
                check.stderr
            );

            // The next index run notices and rebuilds; searching then works as before.
            let run = t.run_ok(&["index", "c", "--index", "i", "--json"], 0);
            let summary: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
            let rebuilt = summary["data"]["rebuilt"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            assert!(
                rebuilt.contains("damaged") || rebuilt == "new index",
                "{what}: index did not rebuild: {summary}"
            );
            let again = t.run_ok(&["search", "logs", "--index", "i", "--json"], 0);
            assert_eq!(again.hits().len(), want, "{what}");
            t.run_ok(&["check", "--index", "i"], 0);
        }
    }
}

#[test]
fn damage_that_keeps_size_and_time_is_found_by_check() {
    // Bit rot, or a flip that restores the file's time: searches answer from what they can
    // read (never a panic); check reads every checksum and names the file.
    let t = TestDir::new();
    corpus(&t);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    let store = targets(&t.path().join("i"))
        .into_iter()
        .find(|(k, _)| k == "segment .store")
        .unwrap()
        .1;
    let modified = std::fs::metadata(&store).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(&store).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 0x5A;
    std::fs::remove_file(&store).unwrap();
    std::fs::write(&store, &bytes).unwrap();
    let f = std::fs::File::options().write(true).open(&store).unwrap();
    f.set_modified(modified).unwrap();
    drop(f);
    let search = t.run(&["search", "logs", "--index", "i", "--json"]);
    assert!([0, 1, 2].contains(&search.code), "{}", search.stderr);
    assert!(!search.stderr.contains("panicked at"), "{}", search.stderr);
    let check = t.run(&["check", "--index", "i"]);
    assert_eq!(check.code, 2);
    let named = store.file_name().unwrap().to_string_lossy().into_owned();
    assert!(check.stderr.contains(&named), "{}", check.stderr);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    t.run_ok(&["check", "--index", "i"], 0);
}

#[test]
fn messages_say_what_is_wrong() {
    let t = TestDir::new();
    corpus(&t);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    // Issue 12: a garbage CURRENT said "no index".
    std::fs::write(t.path().join("i/CURRENT"), "garbage\n").unwrap();
    let run = t.run(&["search", "logs", "--index", "i"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("damaged") && run.stderr.contains("CURRENT"),
        "{}",
        run.stderr
    );
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    // A truncated polsearch.json said "incompatible polsearch (schema 0)".
    let meta = live_generation(&t.path().join("i")).join("polsearch.json");
    std::fs::write(&meta, b"{\"schema_ver").unwrap();
    let run = t.run(&["search", "logs", "--index", "i"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("damaged") && run.stderr.contains("polsearch.json"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("schema 0"), "{}", run.stderr);
    t.run_ok(&["index", "c", "--index", "i", "--quiet"], 0);
    t.run_ok(&["check", "--index", "i"], 0);
}
