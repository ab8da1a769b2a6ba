//! `polsearch serve`: the workbench page and its JSON API, over HTTP against the binary,
//! answering as the CLI does and following the index as it is updated.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::harness::{demo_index, TestDir};

/// A running server, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(t: &TestDir) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_polsearch"))
        .args(["serve", "--index", "idx", "--addr", "127.0.0.1:0"])
        .current_dir(t.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start polsearch serve");
    // Stopped (killed and waited for) when dropped, whatever happens below.
    let mut server = Server {
        child,
        addr: String::new(),
    };
    let mut stderr = BufReader::new(server.child.stderr.take().expect("stderr"));
    let mut line = String::new();
    loop {
        line.clear();
        let n = stderr.read_line(&mut line).expect("read stderr");
        assert!(n > 0, "polsearch serve ended before listening");
        if let Some(at) = line.find("http://") {
            server.addr = line[at + 7..]
                .split('/')
                .next()
                .expect("an address")
                .to_owned();
            // Keep draining stderr so the server never blocks on it.
            std::thread::spawn(move || {
                let mut sink = String::new();
                let _ = stderr.read_to_string(&mut sink);
            });
            return server;
        }
    }
}

/// A GET: status, headers (lower-case) and body.
fn get(server: &Server, target: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(&server.addr).expect("connect");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head and a body");
    let head = String::from_utf8(raw[..split].to_vec()).expect("a UTF-8 head");
    let mut body = &raw[split + 4..];
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let head = head.to_lowercase();
    // Bodies come whole (content-length) or chunked (streamed exports): chunks are cut
    // by bytes, so they are joined before the text is decoded.
    let mut bytes = Vec::new();
    if head.contains("transfer-encoding: chunked") {
        loop {
            let line = body
                .windows(2)
                .position(|w| w == b"\r\n")
                .expect("a chunk size line");
            let size = std::str::from_utf8(&body[..line]).expect("a chunk size");
            let n = usize::from_str_radix(size.trim(), 16).expect("a hex chunk size");
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&body[line + 2..line + 2 + n]);
            body = &body[line + 2 + n + 2..];
        }
    } else {
        bytes.extend_from_slice(body);
    }
    let body = String::from_utf8(bytes).expect("a UTF-8 body");
    (status, head, body)
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[test]
fn the_api_answers_as_the_cli_does() {
    let t = demo_index();
    let server = serve(&t);
    let (status, head, page) = get(&server, "/");
    assert_eq!(status, 200);
    assert!(head.contains("text/html"), "{head}");
    assert!(
        page.contains("<form") && page.contains("/api/search"),
        "{page}"
    );

    // The same hits as `polsearch search --json`, each with its marks inside its text.
    for (query, cli_flags) in [
        (
            "/api/search?q=retention&limit=5",
            vec!["retention", "--limit", "5"],
        ),
        (
            "/api/search?q=personal+data&company=acme&topic=data-retention&limit=50",
            vec![
                "personal data",
                "--company",
                "acme",
                "--topic",
                "data-retention",
                "--limit",
                "50",
            ],
        ),
        (
            "/api/search?q=cookies&latest=1&occurrences=1",
            vec!["cookies", "--latest", "--occurrences", "--limit", "20"],
        ),
        (
            "/api/search?q=personal+data&all_words=1&limit=50",
            vec!["personal data", "--all-words", "--limit", "50"],
        ),
        (
            "/api/search?company=acme&topic=data-retention",
            vec![
                "--company",
                "acme",
                "--topic",
                "data-retention",
                "--limit",
                "20",
            ],
        ),
        (
            "/api/search?company=acme&rank=document&offset=2&limit=5",
            vec![
                "--company",
                "acme",
                "--rank",
                "document",
                "--offset",
                "2",
                "--limit",
                "5",
            ],
        ),
    ] {
        let (status, _, body) = get(&server, query);
        assert_eq!(status, 200, "{query}: {body}");
        let web = json(&body);
        let mut args = vec!["search", "--index", "idx", "--json"];
        args.extend_from_slice(&cli_flags);
        let cli = t.run(&args);
        let cli_hits: Vec<(String, usize)> =
            cli.hits().into_iter().map(|h| (h.path, h.start)).collect();
        let web_hits: Vec<(String, usize)> = web["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["path"].as_str().unwrap().to_owned(),
                    h["start"].as_u64().unwrap() as usize,
                )
            })
            .collect();
        assert!(!web_hits.is_empty(), "{query}");
        assert_eq!(web_hits, cli_hits, "{query}");
        assert_eq!(
            web["total_hits"].as_u64().unwrap(),
            cli.summary().total_hits,
            "{query}"
        );
        assert_eq!(web["order"], cli.summary().order, "{query}");
        for h in web["hits"].as_array().unwrap() {
            let text = h["text"].as_str().unwrap().as_bytes();
            for m in h["marks"].as_array().unwrap() {
                let (s, e) = (
                    m[0].as_u64().unwrap() as usize,
                    m[1].as_u64().unwrap() as usize,
                );
                assert!(s < e && e <= text.len(), "{h}");
            }
        }
        assert!(web["facets"].as_array().is_some_and(|f| !f.is_empty()));
    }

    // A clause in its document: the bytes at its offsets, with text around it.
    let (_, _, body) = get(&server, "/api/search?q=retention&limit=1");
    let hit = &json(&body)["hits"][0];
    let path = hit["path"].as_str().unwrap();
    let (start, end) = (hit["start"].as_u64().unwrap(), hit["end"].as_u64().unwrap());
    let target = format!(
        "/api/context?path={}&start={start}&end={end}",
        path.replace('%', "%25")
            .replace(' ', "%20")
            .replace('&', "%26")
    );
    let (status, _, body) = get(&server, &target);
    assert_eq!(status, 200, "{body}");
    let context = json(&body);
    let raw = std::fs::read(t.path().join(path)).unwrap();
    assert_eq!(
        context["clause"].as_str().unwrap().as_bytes(),
        &raw[start as usize..end as usize]
    );

    // Exports as downloads: the rows `polsearch export` writes.
    let (status, head, body) = get(&server, "/api/export?q=retention&format=jsonl");
    assert_eq!(status, 200);
    assert!(head.contains("attachment"), "{head}");
    let cli = t.run_ok(
        &[
            "export",
            "retention",
            "--index",
            "idx",
            "--format",
            "jsonl",
            "-q",
        ],
        0,
    );
    assert_eq!(body, cli.stdout);
    // (format=json is JSON Lines too, as the CLI's --json.)
    let (status, _, json_body) = get(&server, "/api/export?q=retention&format=json");
    assert_eq!(status, 200);
    assert_eq!(json_body, body);
    // The workbench sends its order to every view: an export is in document order anyway.
    let (status, _, ordered) = get(
        &server,
        "/api/export?q=retention&format=jsonl&rank=document",
    );
    assert_eq!(status, 200);
    assert_eq!(ordered, body);
    // Every clause, streamed in chunks: the same bytes as the CLI's CSV.
    let (status, _, body) = get(&server, "/api/export?format=csv&occurrences=1");
    assert_eq!(status, 200);
    let cli = t.run_ok(&["export", "--index", "idx", "--occurrences", "-q"], 0);
    assert!(cli.stdout.lines().count() > 100);
    assert_eq!(body, cli.stdout);

    // A retention table: the CLI's company lines, statements and summary.
    let lines = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all = vec!["retention", "--index", "idx", "--json"];
        all.extend_from_slice(args);
        t.run_ok(&all, 0).stdout.lines().map(json).collect()
    };
    let data = |lines: &[serde_json::Value], kind: &str| -> Vec<serde_json::Value> {
        lines
            .iter()
            .filter(|l| l["type"] == kind)
            .map(|l| l["data"].clone())
            .collect()
    };
    for (query, flags) in [
        ("/api/retention", vec![]),
        (
            "/api/retention?retention_min=1y&latest=1&retention=stated&retention=indefinite",
            vec![
                "--retention-min",
                "1y",
                "--latest",
                "--retention",
                "stated",
                "--retention",
                "indefinite",
            ],
        ),
        (
            "/api/retention?q=%22ip+address%22&cookies=1",
            vec!["\"ip address\"", "--cookies"],
        ),
    ] {
        let (status, _, body) = get(&server, query);
        assert_eq!(status, 200, "{query}: {body}");
        let web = json(&body);
        let statements = lines(&flags);
        let mut by_company = flags.clone();
        by_company.push("--companies");
        let companies = lines(&by_company);
        assert_eq!(
            web["statements"],
            serde_json::json!(data(&statements, "retention"))
        );
        assert_eq!(
            web["companies"],
            serde_json::json!(data(&companies, "company"))
        );
        assert_eq!(web["summary"], data(&statements, "summary")[0], "{query}");
        assert_eq!(web["truncated"], false);
        assert!(!web["companies"].as_array().unwrap().is_empty(), "{query}");
    }
    // The table as a spreadsheet: the CLI's --format rows, byte for byte.
    for (query, flags) in [
        (
            "/api/retention?format=csv&by=companies&latest=1",
            vec!["--format", "csv", "--companies", "--latest"],
        ),
        (
            "/api/retention?format=tsv&q=%22ip+address%22&spreadsheet_safe=1",
            vec!["--format", "tsv", "\"ip address\"", "--spreadsheet-safe"],
        ),
    ] {
        let (status, head, body) = get(&server, query);
        assert_eq!(status, 200, "{query}: {body}");
        assert!(head.contains("attachment"), "{query}: {head}");
        let mut all = vec!["retention", "--index", "idx"];
        all.extend_from_slice(&flags);
        assert_eq!(body, t.run_ok(&all, 0).stdout, "{query}");
    }
    let (_, _, body) = get(&server, "/api/retention?limit=2");
    let web = json(&body);
    assert_eq!(web["statements"].as_array().unwrap().len(), 2);
    assert_eq!(web["truncated"], true);
    assert!(web["summary"]["statements"].as_u64().unwrap() > 2);
    for (query, param) in [
        ("/api/retention?cookies=maybe", "cookies"),
        ("/api/retention?limit=100000", "limit"),
        ("/api/retention?retention_max=soon", "retention_max"),
        ("/api/retention?offset=5", "offset"),
        ("/api/retention?format=xlsx", "format"),
        ("/api/search?q=a+b&all_words=maybe", "all_words"),
        ("/api/retention?format=csv&by=topic", "by"),
        ("/api/search?cookies=1", "cookies"),
        ("/api/export?spreadsheet_safe=maybe", "spreadsheet_safe"),
    ] {
        let (status, _, body) = get(&server, query);
        assert_eq!(status, 400, "{query}: {body}");
        assert!(body.contains(param), "{query}: {body}");
    }

    let (status, _, body) = get(&server, "/api/stats");
    assert_eq!(status, 200);
    assert!(json(&body)["documents"].as_u64().unwrap() > 0);
}

#[test]
fn history_and_diff_answer_as_the_cli_does() {
    let t = demo_index();
    let server = serve(&t);
    let (status, _, body) = get(&server, "/api/history?company=fjord&kind=privacy-policy");
    assert_eq!(status, 200, "{body}");
    let web = json(&body);
    assert_eq!(web["company"], "Fjord Mail");
    let cli = t.run_ok(
        &[
            "history",
            "fjord",
            "--kind",
            "privacy-policy",
            "--index",
            "idx",
            "--json",
        ],
        0,
    );
    let cli_versions: Vec<serde_json::Value> = cli
        .stdout
        .lines()
        .map(|l| json(l)["data"].clone())
        .collect();
    assert!(cli_versions.len() >= 2);
    assert_eq!(web["versions"].as_array().unwrap(), &cli_versions);
    // A span, as `history --since --until`; a bad date is a 400 naming the parameter.
    let (status, _, body) = get(
        &server,
        "/api/history?company=fjord&kind=privacy-policy&since=2022&until=2023",
    );
    assert_eq!(status, 200, "{body}");
    let cli_span = t.run_ok(
        &[
            "history",
            "fjord",
            "--kind",
            "privacy-policy",
            "--since",
            "2022",
            "--until",
            "2023",
            "--index",
            "idx",
            "--json",
        ],
        0,
    );
    let span: Vec<serde_json::Value> = cli_span
        .stdout
        .lines()
        .map(|l| json(l)["data"].clone())
        .collect();
    assert!(!span.is_empty() && span.len() < cli_versions.len());
    assert_eq!(json(&body)["versions"].as_array().unwrap(), &span);
    // A language, as `history --lang`: the demo corpus is English.
    let (status, _, body) = get(
        &server,
        "/api/history?company=fjord&kind=privacy-policy&lang=en",
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["versions"].as_array().unwrap(), &cli_versions);
    let (status, _, body) = get(&server, "/api/history?company=fjord&lang=fr");
    assert_eq!(status, 200, "{body}");
    assert!(json(&body)["versions"].as_array().unwrap().is_empty());
    let (status, _, body) = get(&server, "/api/history?company=fjord&since=soon");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("since"), "{body}");
    // The versions that changed clauses on a topic, as `history --topic`.
    let (status, _, body) = get(&server, "/api/history?company=fjord&topic=data-retention");
    assert_eq!(status, 200, "{body}");
    let cli_topic = t.run_ok(
        &[
            "history",
            "fjord",
            "--topic",
            "data-retention",
            "--index",
            "idx",
            "--json",
        ],
        0,
    );
    let on_topic: Vec<serde_json::Value> = cli_topic
        .stdout
        .lines()
        .map(|l| json(l)["data"].clone())
        .collect();
    assert!(!on_topic.is_empty() && on_topic.len() < cli_versions.len());
    assert_eq!(json(&body)["versions"].as_array().unwrap(), &on_topic);
    let (status, _, body) = get(&server, "/api/history?company=fjord&topic=retention");
    assert_eq!(status, 400, "{body}");

    // The first and last versions compared: the CLI's changes and counts.
    let paths: Vec<&str> = cli_versions
        .iter()
        .map(|v| v["path"].as_str().unwrap())
        .collect();
    let (from, to) = (paths[0], paths[paths.len() - 1]);
    let enc = |p: &str| p.replace(' ', "%20");
    let (status, _, body) = get(
        &server,
        &format!("/api/diff?from={}&to={}", enc(from), enc(to)),
    );
    assert_eq!(status, 200, "{body}");
    let web = json(&body);
    let cli = t.run_ok(&["diff", from, to, "--json"], 0);
    let messages: Vec<serde_json::Value> = cli.stdout.lines().map(json).collect();
    let changes: Vec<&serde_json::Value> = messages
        .iter()
        .filter(|m| m["type"] == "change")
        .map(|m| &m["data"])
        .collect();
    assert!(!changes.is_empty());
    assert_eq!(
        web["changes"]
            .as_array()
            .unwrap()
            .iter()
            .collect::<Vec<_>>(),
        changes
    );
    let summary = &messages.last().unwrap()["data"];
    for field in ["added", "removed", "modified", "moved", "unchanged"] {
        assert_eq!(web["summary"][field], summary[field], "{field}");
    }
    // Only the changes on a topic, as `diff --topic`.
    let (status, _, body) = get(
        &server,
        &format!(
            "/api/diff?from={}&to={}&topic=data-retention",
            enc(from),
            enc(to)
        ),
    );
    assert_eq!(status, 200, "{body}");
    let web = json(&body);
    let cli = t.run_ok(
        &["diff", from, to, "--json", "--topic", "data-retention"],
        0,
    );
    let messages: Vec<serde_json::Value> = cli.stdout.lines().map(json).collect();
    let kept: Vec<&serde_json::Value> = messages
        .iter()
        .filter(|m| m["type"] == "change")
        .map(|m| &m["data"])
        .collect();
    assert!(!kept.is_empty() && kept.len() < changes.len());
    assert_eq!(web["changes"].as_array().unwrap().len(), kept.len());
    assert_eq!(
        web["summary"]["left_out"],
        messages.last().unwrap()["data"]["left_out"]
    );
    let (status, _, body) = get(
        &server,
        &format!("/api/diff?from={}&to={}&topic=nonsense", enc(from), enc(to)),
    );
    assert_eq!(status, 400, "{body}");
    // Only files of the index.
    let (status, _, body) = get(
        &server,
        &format!("/api/diff?from=/etc/hostname&to={}", enc(to)),
    );
    assert_eq!(status, 404, "{body}");
}

#[test]
fn bad_requests_name_what_is_wrong_and_files_outside_the_index_are_refused() {
    let t = demo_index();
    let server = serve(&t);
    for (target, status, says) in [
        ("/api/search?q=x&topic=nonsense", 400, "topic"),
        ("/api/search?q=x&company=nosuchco", 400, "nosuchco"),
        ("/api/search?q=x&limit=lots", 400, "limit"),
        ("/api/search?q=x&since=yesterday", 400, "since"),
        (
            "/api/search?q=x&retention_min=forever",
            400,
            "retention_min",
        ),
        ("/api/search?q=x&colour=red", 400, "colour"),
        (
            "/api/search?q=x&since=2025&until=2020",
            400,
            "parameter since is after parameter until",
        ),
        (
            "/api/count?by=company&retention_min=1y&retention_max=30d",
            400,
            "parameter retention_min (365 days) is longer than parameter retention_max",
        ),
        ("/api/export?format=xlsx", 400, "format"),
        (
            "/api/count?by=company&by=topic&by=kind",
            400,
            "by=\"company,topic,kind\": at most twice",
        ),
        (
            "/api/count?by=topic&by=topic",
            400,
            "by=\"topic,topic\": two different",
        ),
        ("/api/history?company=", 400, "company name is empty"),
        ("/api/history?company=fjord&lang=klingon", 400, "lang"),
        (
            "/api/context?path=/etc/passwd&start=0&end=4",
            404,
            "not a file of the index",
        ),
        ("/api/context?path=corpus", 400, "start"),
    ] {
        let (code, head, body) = get(&server, target);
        assert_eq!(code, status, "{target}: {body}");
        assert!(head.contains("application/json"), "{target}: {head}");
        assert!(
            json(&body)["error"].as_str().unwrap().contains(says),
            "{target}: {body}"
        );
    }
    let (code, _, _) = get(&server, "/no/such/route");
    assert_eq!(code, 404);
}

#[test]
fn a_running_server_follows_the_index_as_it_is_updated() {
    let t = demo_index();
    let server = serve(&t);
    let count = |server: &Server| {
        let (status, _, body) = get(server, "/api/search?q=zeppelin");
        assert_eq!(status, 200, "{body}");
        json(&body)["total_hits"].as_u64().unwrap()
    };
    assert_eq!(count(&server), 0);
    t.write(
        "corpus/Acme Analytics/airships.md",
        "# Airships\n\nAcme Analytics keeps zeppelin booking records for 90 days.\n",
    );
    t.run_ok(&["index", "corpus", "--index", "idx", "--quiet"], 0);
    assert_eq!(count(&server), 1);
}

/// The workbench page itself, driven in Chromium by `tests/browser/workbench.js`: hits with
/// marked words, a facet that filters, a clause in its document, versions and a diff (all, and
/// those dated in the form's span), export
/// links, the retention table per company and a company's statements, a bad filter shown.
/// Needs Node.js, Chromium and `npm ci` in tests/browser
/// (`.ci/run` installs them and sets POLSEARCH_REQUIRE_BROWSER); skips with a message when
/// they are missing on a developer's machine.
#[test]
fn the_workbench_page_works_in_a_browser() {
    let dir = crate::harness::repo().join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let node = Command::new("node").arg("--version").output().is_ok();
    let ready = node
        && std::path::Path::new(&chromium).exists()
        && dir.join("node_modules/playwright-core").is_dir();
    if !ready {
        if std::env::var_os("POLSEARCH_REQUIRE_BROWSER").is_some() {
            panic!("the browser test needs node, {chromium} and `npm ci` in tests/browser");
        }
        eprintln!("skipping: node, {chromium} or tests/browser/node_modules missing");
        return;
    }
    let t = demo_index();
    let server = serve(&t);
    let out = Command::new("node")
        .arg(dir.join("workbench.js"))
        .arg(format!("http://{}", server.addr))
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{}", String::from_utf8_lossy(&out.stdout).trim());
}
