//! `polsearch serve`: the web workbench. One page (`workbench.html`, no build step, no
//! outside scripts) over a small JSON API, answered from a [`LiveIndex`] so that a running
//! server picks up each generation `polsearch index` publishes.
//!
//! | route | answers |
//! | --- | --- |
//! | `GET /` | the workbench page |
//! | `GET /api/search?q=...` | hits (the `search --json` shape plus `marks`, the matching words' byte ranges in `text`), facet counts, the total and notes |
//! | `GET /api/export?format=csv&q=...` | every row the same filters admit, as `polsearch export` writes them, as a download streamed in chunks |
//! | `GET /api/retention?q=...` | the retention table of the clauses the filters admit (`retention --json`'s `company` lines and `summary`, and its `retention` statements up to `limit`); `retention`, `retention_min`, `retention_max` and `cookies` choose statements; `format=csv` or `tsv` downloads the whole table as `retention --format` writes it (`by=companies` for a line per company, `spreadsheet_safe=1`) |
//! | `GET /api/count?by=company&by=topic&q=...` | the count table of the matches (`count --json`'s `row`s as `rows`, its `summary`, notes): `by` once or twice (company, topic, kind, lang, retention, year), `count` the unit (clauses, occurrences, documents, companies); `format=csv` or `tsv` downloads it as `count --format` writes it (`spreadsheet_safe=1`) |
//! | `GET /api/context?path=...&start=...&end=...` | the text around a clause in its file (indexed files only) |
//! | `GET /api/stats` | what the index holds (the `stats --json` shape) |
//! | `GET /api/history?company=...&kind=...&lang=...&since=...&until=...&topic=...` | a company's versions (those dated in the span; those that changed clauses on the topics) and what each changed (`history --json`'s `version`s) |
//! | `GET /api/diff?from=PATH&to=PATH&topic=...` | what changed between two indexed files (`diff --json`'s `change`s and `summary`; `topic`: only the changes on it, repeatable) |
//!
//! Search, export, retention and count take the CLI's filters as parameters (`company`, `topic`, `kind`,
//! `lang` and `retention` may repeat): a value the CLI would refuse is a 400 naming the parameter.
//! Searching runs on tokio's blocking threads; the page is served from the binary.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::analyze::document::Document;
use crate::analyze::lang::Lang;
use crate::analyze::period::Period;
use crate::analyze::retention::RetentionKind;
use crate::analyze::topic::Topic;
use crate::error::Error;
use crate::output::export::{ExportFormat, ExportWriter};
use crate::output::table::{write_count_table, write_retention_table};
use crate::output::wire::{
    ChangeMsg, CompanyRetentionMsg, CountRowMsg, CountSummaryMsg, DiffMsg, FacetMsg, HitMsg,
    RetentionRowMsg, RetentionSummaryMsg, StatsMsg, VersionMsg,
};
use crate::output::{DiffView, RetentionRow};
use crate::policy::{DateArg, Kind};
use crate::search::tally::Unit;
use crate::search::{
    AsOf, CountRequest, Dimension, LiveIndex, Presence, Ranking, RetentionRequest, SearchRequest,
};
use crate::text::Span;

const PAGE: &str = include_str!("workbench.html");

/// Hits a search page may ask for.
const MAX_LIMIT: usize = 500;

/// Statements a retention table sends by default, and at most (its company lines are
/// always whole).
const STATEMENTS: usize = 1_000;
const MAX_STATEMENTS: usize = 10_000;

/// Bytes of context on each side of a clause (`/api/context`).
const CONTEXT: usize = 2_000;

/// What the handlers share.
struct Workbench {
    index: LiveIndex,
    dir: PathBuf,
}

type Shared = Arc<Workbench>;

/// Serve the index in `dir` on `addr` until interrupted (Ctrl-C). `ready` is called with the
/// address bound (a port of 0 picks a free one) before the first request is taken.
pub fn run(dir: &Path, addr: SocketAddr, ready: impl FnOnce(SocketAddr)) -> crate::Result<()> {
    let index = LiveIndex::open(dir)?;
    let state: Shared = Arc::new(Workbench {
        index,
        dir: dir.to_path_buf(),
    });
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(io)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| Error::Io {
                path: PathBuf::from(addr.to_string()),
                source,
            })?;
        let bound = listener.local_addr().map_err(io)?;
        ready(bound);
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(io)
    })
}

/// The routes.
fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(|| async { Html(PAGE) }))
        .route("/api/search", get(search))
        .route("/api/export", get(export))
        .route("/api/retention", get(retention))
        .route("/api/count", get(count))
        .route("/api/context", get(context))
        .route("/api/stats", get(stats))
        .route("/api/history", get(history))
        .route("/api/diff", get(diff))
        .with_state(state)
}

/// A failed request: its status and a message naming what was wrong.
struct Failure(StatusCode, String);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body {
            error: String,
        }
        (self.0, Json(Body { error: self.1 })).into_response()
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        // What the user asked for is wrong (400), or the server's index is (500).
        let status = match e {
            Error::Query { .. }
            | Error::UnknownCompany { .. }
            | Error::AmbiguousCompany { .. }
            | Error::EmptyCompany
            | Error::UnknownTopic(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure(status, format!("{:#}", anyhow::Error::from(e)))
    }
}

/// A yes/no parameter (`latest=1`, `cookies=0`, or the name alone for yes).
fn flag(name: &str, value: &str) -> Result<bool, Failure> {
    match value {
        "" | "1" | "true" | "on" | "yes" => Ok(true),
        "0" | "false" | "off" | "no" => Ok(false),
        _ => Err(bad(name, value, "expected 1 or 0")),
    }
}

/// The value of parameter `name` (the last one given counts).
fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The names of the `topic` parameters (empty ones skipped, as the search form sends them); an
/// unknown topic is a 400 naming it.
fn topic_params(params: &[(String, String)]) -> Result<Vec<&'static str>, Failure> {
    params
        .iter()
        .filter(|(k, v)| k == "topic" && !v.is_empty())
        .map(|(k, v)| {
            Topic::from_str(v)
                .map(|t| t.name())
                .map_err(|e| bad(k, v, e))
        })
        .collect()
}

/// Whether the yes/no parameter `name` is set (the last one given counts).
fn flag_param(params: &[(String, String)], name: &str) -> Result<bool, Failure> {
    params
        .iter()
        .filter(|(k, _)| k == name)
        .try_fold(false, |_, (k, v)| flag(k, v))
}

fn bad(param: &str, value: &str, why: impl std::fmt::Display) -> Failure {
    Failure(
        StatusCode::BAD_REQUEST,
        format!("parameter {param}={value:?}: {why}"),
    )
}

/// A table's `format`: JSON (none), or a spreadsheet's download: its delimiter, media type
/// and file extension.
fn table_download(
    params: &[(String, String)],
) -> Result<Option<(u8, &'static str, &'static str)>, Failure> {
    match param(params, "format") {
        None | Some("" | "json") => Ok(None),
        Some("csv") => Ok(Some((b',', "text/csv; charset=utf-8", "csv"))),
        Some("tsv") => Ok(Some((
            b'\t',
            "text/tab-separated-values; charset=utf-8",
            "tsv",
        ))),
        Some(other) => Err(bad("format", other, "expected json, csv or tsv")),
    }
}

/// The routes that take the CLI's filters, each with parameters of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    Search,
    Export,
    Retention,
    Count,
}

/// Search, export and retention parameters as pairs (a filter may repeat), read into a
/// request.
fn request(params: &[(String, String)], route: Route) -> Result<SearchRequest, Failure> {
    let search = route == Route::Search;
    let (default_limit, max_limit) = match route {
        Route::Retention => (STATEMENTS, MAX_STATEMENTS),
        _ => (20, MAX_LIMIT),
    };
    let mut req = SearchRequest {
        limit: default_limit,
        facets: search,
        ..SearchRequest::default()
    };
    let mut latest = false;
    let mut as_of = None;
    let date = |name: &str, value: &str| DateArg::from_str(value).map_err(|e| bad(name, value, e));
    let period = |name: &str, value: &str| {
        Period::from_str(value)
            .map(|p| p.0)
            .map_err(|e| bad(name, value, e))
    };
    let number = |name: &str, value: &str| {
        value
            .parse::<usize>()
            .map_err(|_| bad(name, value, "expected a number"))
    };
    for (name, value) in params {
        let value = value.as_str();
        match name.as_str() {
            "q" => req.query = value.to_owned(),
            "all_words" => req.all_words = flag(name, value)?,
            "company" if !value.is_empty() => req.companies.push(value.to_owned()),
            "topic" if !value.is_empty() => req
                .topics
                .push(Topic::from_str(value).map_err(|e| bad(name, value, e))?),
            "kind" if !value.is_empty() => req
                .kinds
                .push(Kind::from_str(value).map_err(|e| bad(name, value, e))?),
            "lang" if !value.is_empty() => req
                .langs
                .push(Lang::from_str(value).map_err(|e| bad(name, value, e))?),
            "retention" if !value.is_empty() => req
                .retention_kinds
                .push(RetentionKind::from_str(value).map_err(|e| bad(name, value, e))?),
            "company" | "topic" | "kind" | "lang" | "retention" => {}
            "since" => req.since = Some(date(name, value)?.first()),
            "until" => req.until = Some(date(name, value)?.last()),
            "effective_since" => req.effective_since = Some(date(name, value)?.first()),
            "effective_until" => req.effective_until = Some(date(name, value)?.last()),
            "added_since" => req.added_since = Some(date(name, value)?.first()),
            "as_of" if !value.is_empty() => as_of = Some(date(name, value)?.last()),
            "latest" => latest = flag(name, value)?,
            "current" if flag(name, value)? => req.presence = Some(Presence::Current),
            "removed" if flag(name, value)? => req.presence = Some(Presence::Removed),
            "occurrences" => req.occurrences = flag(name, value)?,
            "retention_min" => req.retention_min = Some(period(name, value)?),
            "retention_max" => req.retention_max = Some(period(name, value)?),
            "per_company" if !value.is_empty() => {
                req.per_company = Some(number(name, value)?).filter(|&n| n > 0)
            }
            "limit" if route != Route::Export => {
                let n = number(name, value)?;
                if n > max_limit {
                    return Err(bad(name, value, format!("at most {max_limit}")));
                }
                req.limit = n;
            }
            "offset" if search => req.offset = number(name, value)?,
            "facets" if search => req.facets = flag(name, value)?,
            "rank" if search => {
                req.ranking = match value {
                    "auto" | "" => Ranking::Auto,
                    "bm25" => Ranking::Bm25,
                    "document" => Ranking::Document,
                    _ => return Err(bad(name, value, "expected auto, bm25 or document")),
                }
            }
            // (The workbench sends its order with every view: an export is in document order,
            // tables have no order.)
            "rank" => {}
            "format" | "spreadsheet_safe" if route == Route::Export => {}
            "cookies" | "format" | "spreadsheet_safe" | "by" if route == Route::Retention => {}
            "format" | "spreadsheet_safe" | "by" if route == Route::Count => {}
            "count" if route == Route::Count => {
                req.count = Unit::from_str(value).map_err(|e| bad(name, value, e))?
            }
            "current" | "removed" | "as_of" | "per_company" => {}
            other => {
                return Err(Failure(
                    StatusCode::BAD_REQUEST,
                    format!("unknown parameter {other:?}"),
                ))
            }
        }
    }
    if let Some(crossed) = req.crossed_bounds(|name| format!("parameter {name}")) {
        return Err(Failure(StatusCode::BAD_REQUEST, crossed));
    }
    req.as_of = match (as_of, latest) {
        (Some(date), _) => Some(AsOf::Date(date)),
        (None, true) => Some(AsOf::Latest),
        _ => None,
    };
    if route != Route::Count {
        req.count = if req.occurrences {
            Unit::Occurrences
        } else {
            Unit::Clauses
        };
    }
    Ok(req)
}

/// Run blocking index work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

/// A hit with its matching words' ranges in its text.
#[derive(Serialize)]
struct WebHit<'a> {
    #[serde(flatten)]
    hit: HitMsg<'a>,
    #[serde(serialize_with = "Span::pairs")]
    marks: &'a [Span],
}

async fn search(
    State(state): State<Shared>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, Failure> {
    let req = request(&params, Route::Search)?;
    blocking(move || {
        let index = state.index.get()?;
        let results = index.search(&req)?;
        #[derive(Serialize)]
        struct Body<'a> {
            total_hits: usize,
            count: &'static str,
            total_exact: bool,
            order: &'static str,
            elapsed_ms: f64,
            offset: usize,
            hits: Vec<WebHit<'a>>,
            facets: Vec<FacetMsg<'a>>,
            notes: &'a [String],
        }
        let body = Body {
            total_hits: results.total_hits,
            count: results.unit.name(),
            total_exact: results.total_exact,
            order: results.order.name(),
            elapsed_ms: crate::output::wire::millis(results.elapsed),
            offset: req.offset,
            hits: results
                .hits
                .iter()
                .map(|h| WebHit {
                    hit: HitMsg::from(h),
                    marks: &h.text_highlights,
                })
                .collect(),
            facets: results.facets.iter().map(FacetMsg::from).collect(),
            notes: &results.notes,
        };
        Ok(Json(body).into_response())
    })
    .await
}

async fn export(
    State(state): State<Shared>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, Failure> {
    let req = request(&params, Route::Export)?;
    let format = match param(&params, "format").unwrap_or("csv") {
        "csv" => ExportFormat::Csv,
        "tsv" => ExportFormat::Tsv,
        "jsonl" | "json" => ExportFormat::Jsonl,
        "bulk" => ExportFormat::Bulk,
        other => return Err(bad("format", other, "expected csv, tsv, jsonl or bulk")),
    };
    let safe = flag_param(&params, "spreadsheet_safe")?;
    let (mime, ext) = match format {
        ExportFormat::Csv => ("text/csv; charset=utf-8", "csv"),
        ExportFormat::Tsv => ("text/tab-separated-values; charset=utf-8", "tsv"),
        ExportFormat::Jsonl => ("application/x-ndjson", "jsonl"),
        ExportFormat::Bulk => ("application/x-ndjson", "ndjson"),
    };
    // Rows stream as they are written (an export of a whole crawl does not fit in memory):
    // the export starts on a blocking thread, which says first whether it could start (a
    // bad company is a 400, not a broken download), then sends the rows in chunks.
    let (started_tx, started_rx) = tokio::sync::oneshot::channel::<Result<(), Failure>>();
    let (chunks_tx, chunks_rx) = tokio::sync::mpsc::channel::<std::io::Result<Vec<u8>>>(4);
    tokio::task::spawn_blocking(move || {
        let index = match state.index.get() {
            Ok(index) => index,
            Err(e) => {
                let _ = started_tx.send(Err(Failure::from(e)));
                return;
            }
        };
        let rows = match index.export(&req) {
            Ok(rows) => {
                let _ = started_tx.send(Ok(()));
                rows
            }
            Err(e) => {
                let _ = started_tx.send(Err(Failure::from(e)));
                return;
            }
        };
        let out = ChunkWriter {
            buf: Vec::with_capacity(CHUNK),
            tx: chunks_tx.clone(),
        };
        let result = (|| -> std::io::Result<()> {
            let mut writer = ExportWriter::new(out, format, "polsearch", req.occurrences)?
                .spreadsheet_safe(safe);
            for hit in rows {
                writer.row(&hit.map_err(std::io::Error::other)?)?;
            }
            writer.finish()?.flush()
        })();
        if let Err(e) = result {
            // The client sees the download cut short rather than a complete-looking file.
            let _ = chunks_tx.blocking_send(Err(e));
        }
    });
    started_rx
        .await
        .map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))??;
    let stream = futures_util::stream::unfold(chunks_rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"polsearch-export.{ext}\""),
            ),
        ],
        axum::body::Body::from_stream(stream),
    )
        .into_response())
}

/// A retention table: every company line, and the statements up to `limit`.
/// `/api/count`: the count table of the matches (`count --json`'s `row`s and `summary`), or
/// with `format=csv|tsv` the table as a download, as `count --format` writes it.
async fn count(
    State(state): State<Shared>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, Failure> {
    let search = request(&params, Route::Count)?;
    let by_values = || params.iter().filter(|(k, _)| k == "by");
    let mut by = Vec::new();
    for (name, value) in by_values() {
        by.push(Dimension::from_str(value).map_err(|e| bad(name, value, e))?);
    }
    // (An error names every value given: "by=company,topic,kind".)
    let given = || {
        by_values()
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    let (rows, columns) = match by[..] {
        [rows] => (rows, None),
        [rows, columns] if rows != columns => (rows, Some(columns)),
        [_, _] => return Err(bad("by", &given(), "two different dimensions")),
        [] => {
            return Err(bad(
                "by",
                "",
                "one or two of company, topic, kind, lang, retention, year",
            ))
        }
        _ => return Err(bad("by", &given(), "at most twice: rows, then columns")),
    };
    let download = table_download(&params)?;
    let safe = flag_param(&params, "spreadsheet_safe")?;
    let req = CountRequest {
        search,
        rows,
        columns,
    };
    blocking(move || {
        let index = state.index.get()?;
        let table = index.count_table(&req)?;
        if let Some((delimiter, mime, ext)) = download {
            let bytes = write_count_table(Vec::new(), &table, delimiter, safe)
                .map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
            let name: Vec<&str> = std::iter::once(rows)
                .chain(columns)
                .map(|d| d.name())
                .collect();
            return Ok((
                [
                    (header::CONTENT_TYPE, mime.to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!(
                            "attachment; filename=\"polsearch-count-{}.{ext}\"",
                            name.join("-")
                        ),
                    ),
                ],
                bytes,
            )
                .into_response());
        }
        #[derive(Serialize)]
        struct Body<'a> {
            summary: CountSummaryMsg<'a>,
            rows: Vec<CountRowMsg>,
            notes: &'a [String],
        }
        Ok(Json(Body {
            summary: CountSummaryMsg::new(&table, table.rows.len()),
            rows: table
                .rows
                .iter()
                .map(|row| CountRowMsg::new(&table, row))
                .collect(),
            notes: &table.notes,
        })
        .into_response())
    })
    .await
}

async fn retention(
    State(state): State<Shared>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, Failure> {
    let search = request(&params, Route::Retention)?;
    let limit = search.limit;
    let req = RetentionRequest::new(search, flag_param(&params, "cookies")?);
    // A download for a spreadsheet: the whole table (every statement, or a line per company).
    let download = table_download(&params)?;
    let by_company = match param(&params, "by") {
        None | Some("" | "statements") => false,
        Some("companies") => true,
        Some(other) => return Err(bad("by", other, "expected statements or companies")),
    };
    let safe = flag_param(&params, "spreadsheet_safe")?;
    blocking(move || {
        let index = state.index.get()?;
        let table = index.retention_table(&req)?;
        if let Some((delimiter, mime, ext)) = download {
            let bytes = write_retention_table(Vec::new(), &table, by_company, delimiter, safe)
                .map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
            let name = if by_company {
                "companies"
            } else {
                "statements"
            };
            return Ok((
                [
                    (header::CONTENT_TYPE, mime.to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"polsearch-retention-{name}.{ext}\""),
                    ),
                ],
                bytes,
            )
                .into_response());
        }
        #[derive(Serialize)]
        struct Body<'a> {
            summary: RetentionSummaryMsg,
            companies: Vec<CompanyRetentionMsg<'a>>,
            statements: Vec<RetentionRowMsg<'a>>,
            truncated: bool,
            notes: &'a [String],
        }
        Ok(Json(Body {
            summary: RetentionSummaryMsg::from(&table),
            companies: table
                .companies
                .iter()
                .map(|line| CompanyRetentionMsg::new(&table, line))
                .collect(),
            statements: table
                .statements()
                .take(limit)
                .map(|(hit, statement)| RetentionRowMsg::from(RetentionRow { hit, statement }))
                .collect(),
            truncated: table.rows.len() > limit,
            notes: &table.notes,
        })
        .into_response())
    })
    .await
}

/// Bytes of an export sent at a time.
const CHUNK: usize = 64 * 1024;

/// Writes into chunks sent down a channel; a closed channel (the client went away) is an
/// error that ends the export.
struct ChunkWriter {
    buf: Vec<u8>,
    tx: tokio::sync::mpsc::Sender<std::io::Result<Vec<u8>>>,
}

impl ChunkWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client gone"))
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// The value of a required parameter.
fn required(params: &[(String, String)], name: &str) -> Result<String, Failure> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .ok_or_else(|| {
            Failure(
                StatusCode::BAD_REQUEST,
                format!("parameter {name} is required"),
            )
        })
}

/// The file of the index printed as `path` (hits, history), to open; any other path is
/// refused, so the server reads nothing but indexed files.
fn indexed_file(
    index: &crate::search::PolicyIndex,
    path: &str,
    dir: &Path,
) -> Result<PathBuf, Failure> {
    index
        .versions()?
        .into_iter()
        .find(|v| crate::corpus::pathkey::display(&v.file.path) == path)
        .map(|v| path_of(&v.file.path))
        .ok_or_else(|| {
            Failure(
                StatusCode::NOT_FOUND,
                format!("{path:?} is not a file of the index {}", dir.display()),
            )
        })
}

async fn history(
    State(state): State<Shared>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, Failure> {
    let company = required(&params, "company")?;
    let kinds = params
        .iter()
        .filter(|(k, v)| k == "kind" && !v.is_empty())
        .map(|(k, v)| Kind::from_str(v).map_err(|e| bad(k, v, e)))
        .collect::<Result<Vec<Kind>, Failure>>()?;
    // The versions in one language (a translation is a policy of its own), as `--lang`.
    let lang = param(&params, "lang")
        .filter(|v| !v.is_empty())
        .map(|v| Lang::from_str(v).map_err(|e| bad("lang", v, e)))
        .transpose()?;
    // The versions dated in a span (`since`, `until`: YYYY, YYYY-MM or YYYY-MM-DD), as the
    // CLI's `history --since/--until`.
    let date = |name: &str| -> Result<Option<DateArg>, Failure> {
        param(&params, name)
            .filter(|v| !v.is_empty())
            .map(|v| DateArg::from_str(v).map_err(|e| bad(name, v, e)))
            .transpose()
    };
    let (since, until) = (date("since")?, date("until")?);
    let dated = crate::versions::dated_span(since.as_ref(), until.as_ref());
    // The versions that changed clauses on these topics, as `history --topic`.
    let topics = topic_params(&params)?;
    blocking(move || {
        let index = state.index.get()?;
        let (company, rows) = index.history(&company, &kinds, lang, dated)?;
        let rows = crate::versions::changing_topics(rows, &topics);
        #[derive(Serialize)]
        struct Body<'a> {
            company: &'a str,
            versions: Vec<VersionMsg<'a>>,
        }
        Ok(Json(Body {
            company: &company,
            versions: rows.iter().map(VersionMsg::from).collect(),
        })
        .into_response())
    })
    .await
}

async fn diff(
    State(state): State<Shared>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, Failure> {
    let (from, to) = (required(&params, "from")?, required(&params, "to")?);
    if let Some((other, _)) = params
        .iter()
        .find(|(k, _)| !matches!(k.as_str(), "from" | "to" | "topic"))
    {
        return Err(Failure(
            StatusCode::BAD_REQUEST,
            format!("unknown parameter {other:?}"),
        ));
    }
    // Only the changes on these topics, as `diff --topic`.
    let topics = topic_params(&params)?;
    blocking(move || {
        let index = state.index.get()?;
        let read = |shown: &str| -> Result<Document, Failure> {
            let path = indexed_file(&index, shown, &state.dir)?;
            crate::read::read_policy(&path).map_err(|e| {
                Failure(
                    StatusCode::NOT_FOUND,
                    format!("{e:#} (moved since it was indexed?)"),
                )
            })
        };
        let (old, new) = (read(&from)?, read(&to)?);
        let d = crate::versions::diff(&old, &new).on_topics(&topics);
        #[derive(Serialize)]
        struct Body<'a> {
            summary: DiffMsg<'a>,
            changes: Vec<ChangeMsg<'a>>,
        }
        let view = DiffView {
            diff: &d,
            from: &from,
            to: &to,
            kind: None,
            lang: None,
        };
        Ok(Json(Body {
            summary: DiffMsg::from(view),
            changes: d
                .changes
                .iter()
                .map(|c| ChangeMsg::new(c, &from, &to))
                .collect(),
        })
        .into_response())
    })
    .await
}

async fn context(
    State(state): State<Shared>,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Response, Failure> {
    let get = |name: &str| required(&params, name);
    let path = get("path")?;
    let start: usize = get("start")?
        .parse()
        .map_err(|_| bad("start", "", "expected a number"))?;
    let end: usize = get("end")?
        .parse()
        .map_err(|_| bad("end", "", "expected a number"))?;
    blocking(move || {
        let index = state.index.get()?;
        // Only a file the index holds, by the path it was indexed under.
        let file = indexed_file(&index, &path, &state.dir)?;
        let bytes = std::fs::read(file).map_err(|e| {
            Failure(
                StatusCode::NOT_FOUND,
                format!("{path}: {e} (moved since it was indexed?)"),
            )
        })?;
        if start > end || end > bytes.len() {
            return Err(bad(
                "end",
                &end.to_string(),
                format!("outside the file ({} bytes)", bytes.len()),
            ));
        }
        let text = |a: usize, b: usize| String::from_utf8_lossy(&bytes[a..b]).into_owned();
        // Whole characters of UTF-8 text on each side.
        let boundary = |mut at: usize, step_back: bool| {
            while at > 0 && at < bytes.len() && (bytes[at] & 0xC0) == 0x80 {
                at = if step_back { at - 1 } else { at + 1 };
            }
            at
        };
        let from = boundary(start.saturating_sub(CONTEXT), true);
        let to = boundary((end + CONTEXT).min(bytes.len()), false);
        #[derive(Serialize)]
        struct Body {
            path: String,
            start: usize,
            end: usize,
            before: String,
            clause: String,
            after: String,
            more_before: bool,
            more_after: bool,
        }
        Ok(Json(Body {
            more_before: from > 0,
            more_after: to < bytes.len(),
            before: text(from, start),
            clause: text(start, end),
            after: text(end, to),
            path,
            start,
            end,
        })
        .into_response())
    })
    .await
}

async fn stats(State(state): State<Shared>) -> Result<Response, Failure> {
    blocking(move || {
        let index = state.index.get()?;
        let stats = index.stats()?;
        Ok(Json(StatsMsg::from(&stats)).into_response())
    })
    .await
}

/// The path a stored path key stands for, to open the file ([`crate::corpus::pathkey`]).
/// (Here rather than in `pathkey`: the analysis fingerprint covers `src/corpus`, and a
/// helper for the server should not make every index look analysed by another build.)
fn path_of(key: &str) -> PathBuf {
    match crate::corpus::pathkey::bytes(key) {
        #[cfg(unix)]
        Some(raw) => {
            use std::os::unix::ffi::OsStrExt;
            PathBuf::from(std::ffi::OsStr::from_bytes(&raw))
        }
        _ => PathBuf::from(crate::corpus::pathkey::display(key)),
    }
}
