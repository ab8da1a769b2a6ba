//! Command-line definitions (clap). Nothing here does work: [`Cli`] mirrors the flags and
//! parses their values into the library's types (topics, kinds, dates, periods: each type's
//! `FromStr`); [`crate::cmd`] turns them into library calls. No clap type leaves this module
//! and `cmd`. Each default is defined here once.
//!
//! Doc comments here are clap's help text, so items documented for the reader of the code
//! only (argument structs, value enums) would change `--help`: they are exempt.
#![allow(missing_docs)]

use std::path::PathBuf;
use std::str::FromStr;

use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use crate::analyze::period::Period;
use crate::analyze::retention::RetentionKind;
use crate::policy::DateArg;

const EXAMPLES: &str = "\
Examples:
  polsearch search \"retention 12 months\"          search the demo corpus (indexes it first)
  polsearch index ../policies --index /tmp/idx     index a folder of policies
  polsearch search \"how long do you keep my IP address?\" --index /tmp/idx
  polsearch search \"personal data\" --facets --company acme --topic data-retention
  polsearch search '\"third party\" +sell -cookies' --json | jq .data.path
  polsearch clauses \"corpus/Cobalt Games/privacy.txt\"   how one file is cut into clauses
  polsearch export --latest --out clauses.csv       every clause as a spreadsheet row
  polsearch count --by company --by topic           clauses per company and topic
  polsearch stats --index /tmp/idx
  polsearch completions bash                        shell completions (see its --help)
  polsearch man search | man -l -                   manual pages (see its --help)

Environment:
  POLSEARCH_INDEX   the index folder when --index is not given (else ./index)
  NO_COLOR          no colour, even on a terminal

Exit status: 0 when something matched, 1 when nothing did, 2 on error.";

/// Full-text search over corpora of privacy policies, clause by clause.
#[derive(Debug, Parser)]
#[command(name = "polsearch", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index a folder of policies (.txt, .md, .markdown, .html, .htm); updates an existing
    /// index of the same folder (only changed files are read again).
    #[command(
        after_help = "Examples:\n  polsearch index\n  polsearch index ../shared/corpus/ota --index /tmp/ota-index --threads 2\n  polsearch index corpus --json | tail -1"
    )]
    Index(IndexArgs),
    /// Search the index for clauses, ranked by relevance (BM25, English stemming; French too for a
    /// French query); without a query, every clause the filters admit, in document order.
    #[command(
        after_help = "Query syntax:\n  retention months        any of the words (more matches rank higher)\n  \"12 months\"             an exact phrase\n  +retention -cookies     must contain / must not contain\n  section:security        words in the section heading\n  company:acme            same as --company; topic:data-retention same as --topic\n  how long do you keep logs?   a question: ordered by the question model (--rank bm25: not)\n  12 months               a period: also clauses stating it otherwise (one year, 365 days)\n  nous conservons vos donnees   in French: also other forms in French clauses (--lang fr: any query)\n  wie lange speichern Sie Daten?   likewise in German, Spanish, Italian, Dutch, Portuguese\n  (no query)              every clause the filters admit, in reading order\n\nExamples:\n  polsearch search \"retention 12 months\"\n  polsearch search --company acme --topic data-retention\n  polsearch search retention --company acme --rank document\n  polsearch search \"do you sell my data?\" --facets\n  polsearch search \"how long do you keep my IP address?\" --rank bm25\n  polsearch search retention --company acme --company ember --limit 3\n  polsearch search sharing --topic third-party-sharing --json\n  polsearch search cookies --kind privacy-policy --since 2025 --until 2025-06\n  polsearch search \"sell\" --latest --per-company 1\n  polsearch search \"server logs\" --occurrences --company acme\n  polsearch search \"retention\" --as-of 2024-01-01 --count documents\n  polsearch search \"analytics partners\" --added-since 2022 --per-company 1\n  polsearch search newsletter --removed\n  echo '{\"query\": \"server logs\", \"id\": 1}' | polsearch search --queries -"
    )]
    Search(Box<SearchArgs>),
    /// The versions of a company's policies in date order: per version the clauses added and
    /// removed, and the retention periods and topics that changed.
    #[command(
        after_help = "A policy is a company's documents of one kind; its versions are its files, ordered by\ndate (the snapshot date when known, else the effective date its text states). With\n--since/--until only the versions dated in that span are shown (undated ones are not).\n\nExamples:\n  polsearch history \"fjord mail\"\n  polsearch history fjord --since 2022 --until 2023\n  polsearch history fjord --topic data-retention\n  polsearch history fjord --kind privacy-policy --json"
    )]
    History(HistoryArgs),
    /// What changed between two versions of a policy, clause by clause: added, removed,
    /// modified (word by word) and moved clauses, with byte offsets into both files.
    #[command(
        after_help = "Two forms: COMPANY --from DATE --to DATE compares the versions of the company's policy\ncurrent at each date (from the index; without --from the first version, without --to the\nlatest); FILE_A FILE_B compares two files (no index needed).\nUnchanged clauses are counted, not printed. A modified clause is a removed and an added\nclause sharing at least 60 % of their words, a number or a month's name counting as any\nother (a changed date alone is a modified clause).\n\nExamples:\n  polsearch diff fjord --from 2021-06-01 --to 2025\n  polsearch diff fjord --from 2022\n  polsearch diff fjord --from 2021-06-01 --topic data-retention\n  polsearch diff \"corpus/Fjord Mail/2022-06-01T090000Z.md\" \"corpus/Fjord Mail/2023-09-20T100000Z.md\"\n  polsearch diff fjord --from 2022 --to 2024 --json | jq -c 'select(.type == \"change\")'"
    )]
    Diff(DiffArgs),
    /// Print how one file is cut into clauses, with offsets, company and topics (no index).
    #[command(
        after_help = "Examples:\n  polsearch clauses \"corpus/Cobalt Games/privacy.txt\"\n  polsearch clauses \"corpus/Acme Analytics/Privacy Policy.md\" --json | jq -r .data.text"
    )]
    Clauses(ClausesArgs),
    /// Show what an index holds: documents, clauses, companies, topics, size on disk.
    Stats(StatsArgs),
    /// Check that an index is whole: every file present, its checksum right, every stored
    /// document readable. Exit 0 when whole, 2 (naming each damaged file) when not.
    #[command(
        after_help = "Examples:\n  polsearch check\n  polsearch check --index /tmp/ota --json"
    )]
    Check(StatsArgs),
    /// Retention statements per company, longest period first: every statement of the
    /// clauses a search admits (all clauses without a query), or a line per company.
    #[command(
        after_help = "Statements are chosen by their own kind and period: --retention KIND lists only that kind\n(stated, criterion, indefinite, cookie; the first three by default, --cookies adds cookie\nlifetimes); --retention-min and --retention-max keep statements whose period is in range (an\nindefinite one is at least any period; a criterion states none). On an index of version\nhistories add --latest for what the policies say now.\n\nExamples:\n  polsearch retention\n  polsearch retention --company acme --company ember --json\n  polsearch retention '\"ip address\"' --retention-min 1y --companies\n  polsearch retention --latest --retention stated --companies --json\n  polsearch retention --latest --companies --format csv"
    )]
    Retention(Box<RetentionArgs>),
    /// Count the clauses a search admits (all of them without a query) per company, topic,
    /// document kind, retention kind or year, or per pair of them: a table of counts.
    #[command(
        after_help = "Each count is what `search` would total for the same query and filters (distinct clauses\nby default; --count occurrences, documents or companies). With two --by, a row per value of\nthe first and a column per value of the second: a clause on two topics counts under both,\nso a row's own count can be less than the sum of its cells. A year counts the occurrences\ndated in it (snapshot date, else effective date), as --since YEAR --until YEAR would;\nundated files count in no year.\n\nExamples:\n  polsearch count --by company\n  polsearch count --by company --by topic\n  polsearch count sharing --topic third-party-sharing --by company\n  polsearch count --by topic --by kind --count documents\n  polsearch count --by company --by year --count documents --format csv\n  polsearch count '\"server logs\"' --by company --by retention --json"
    )]
    Count(Box<CountArgs>),
    /// Write every clause a search admits (all of them without a query) as rows for
    /// spreadsheets (CSV, TSV), scripts (JSON Lines) or a search cluster (Elasticsearch /
    /// OpenSearch _bulk), in document order (company folder, file, position).
    #[command(
        after_help = "Rows: one per distinct clause (its most recent occurrence, with how many files hold it\nand when it was first and last seen), or one per occurrence with --occurrences. Columns:\nclause_id, company, kind, lang, path, date, snapshot, effective, title, start, end, line,\nsection, topics, retention, retention_days, cookie_days, retention_text, occurrences,\ndocuments, first_seen, last_seen, text. With --out the file is replaced only when the\nexport is complete.\n\nExamples:\n  polsearch export --out clauses.csv\n  polsearch export --topic data-retention --latest --format tsv --out retention.tsv\n  polsearch export \"server logs\" --occurrences --format jsonl\n  polsearch export --retention stated --retention-min 1y --spreadsheet-safe --out long.csv\n  polsearch export --format bulk --bulk-index policies --out clauses.ndjson"
    )]
    Export(Box<ExportArgs>),
    /// Serve a web workbench over an index: search with filters and facets, each clause in
    /// its document, exports as downloads; a JSON API under /api/. It follows the index as
    /// `polsearch index` updates it.
    #[command(
        after_help = "Routes: / (the workbench), /api/search?q=...&company=...&topic=...&latest=1,\n/api/export?format=csv&..., /api/retention?q=...&retention_min=1y&latest=1,\n/api/count?by=company&by=topic&..., /api/context?path=...&start=...&end=..., /api/stats, /api/history?company=...&since=...,\n/api/diff?from=PATH&to=PATH.\nIt listens on the loopback address unless told otherwise: anyone who can reach the port\ncan read the indexed files' clauses. Ctrl-C stops it.\n\nExamples:\n  polsearch serve\n  polsearch serve --index /tmp/ota --addr 127.0.0.1:8080\n  curl 'http://127.0.0.1:7878/api/search?q=retention&topic=data-retention&limit=3'"
    )]
    Serve(ServeArgs),
    /// Train or evaluate the topic classifier.
    #[command(subcommand)]
    Topics(TopicsCommand),
    /// Measure polsearch: how well it answers questions (and train its question model), how
    /// often the company it infers from a text is right.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Add topics to JSON Lines read from stdin: each {"text": ...} object is written back with
    /// "lang", "topics" and "scores" added (no topics in a language polsearch does not read).
    #[command(
        after_help = "Example:\n  echo '{\"text\": \"We keep logs for 12 months.\", \"section\": \"Retention\"}' | polsearch classify"
    )]
    Classify(ClassifyArgs),
    /// Print a completion script for a shell: subcommands, flags, and the values of --topic,
    /// --kind, --retention and the other flags that take names.
    #[command(
        after_help = "Install (each shell reads the file when it starts):\n  polsearch completions bash > ~/.local/share/bash-completion/completions/polsearch\n  polsearch completions zsh > ~/.zfunc/_polsearch      (with fpath+=~/.zfunc before compinit)\n  polsearch completions fish > ~/.config/fish/completions/polsearch.fish\n\nCompany names too (dynamic completion, asked of polsearch at each Tab: the companies of the\nindex $POLSEARCH_INDEX names, else of ./index), instead of the script:\n  source <(COMPLETE=bash polsearch)        (in ~/.bashrc)\n  source <(COMPLETE=zsh polsearch)         (in ~/.zshrc)\n  COMPLETE=fish polsearch | source         (in ~/.config/fish/config.fish)\n\nExamples:\n  polsearch completions bash\n  source <(polsearch completions bash)"
    )]
    Completions(CompletionsArgs),
    /// Print manual pages (roff) made from the definitions --help is made from: polsearch(1)
    /// and a page per command (polsearch-search(1), polsearch-topics-train(1), ...).
    #[command(
        after_help = "Examples:\n  polsearch man | man -l -\n  polsearch man search | man -l -\n  polsearch man topics train | man -l -\n  polsearch man --out ~/.local/share/man/man1       then: man polsearch-search"
    )]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (search, or topics train); the main page without one.
    pub command: Vec<String>,
    /// Write the pages into this folder (made if missing) instead of printing one: the main
    /// page and every command's, or with COMMAND that command's and those below it.
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct RetentionArgs {
    /// Only clauses matching these words, as `search` reads them ("ip address", +logs -cookie).
    pub query: Option<String>,
    #[command(flatten)]
    pub index: IndexDir,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// One line per company instead of every statement: its longest stated period (and the
    /// words stating it), and how many statements of each kind, in how many clauses.
    #[arg(long)]
    pub companies: bool,
    /// Also list cookie and local-storage lifetimes ("this cookie expires after 2 years"),
    /// which are left out by default: they are not data retention.
    #[arg(long)]
    pub cookies: bool,
    #[command(flatten)]
    pub output: TableOutput,
}

/// How a command that prints a table prints it: as text, JSON Lines or a spreadsheet's rows.
#[derive(Debug, Args)]
pub struct TableOutput {
    /// Print JSON Lines: a message per line of the table, then a `summary`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Print the table as CSV or TSV for a spreadsheet: a header row, then a row per line of
    /// the table.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<TableFormatArg>,
    /// With --format: prefix with ' every cell that begins with =, +, -, @ (or a tab or
    /// carriage return), so that a spreadsheet shows it instead of running it as a formula.
    #[arg(long, requires = "format")]
    pub spreadsheet_safe: bool,
}

/// A spreadsheet's format for a table.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TableFormatArg {
    Csv,
    Tsv,
}

impl TableFormatArg {
    /// The field delimiter.
    pub fn delimiter(self) -> u8 {
        match self {
            TableFormatArg::Csv => b',',
            TableFormatArg::Tsv => b'\t',
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum TopicsCommand {
    /// Train the classifier on OPP-115 segments and write the model file (its settings were
    /// chosen by cross-validation grouped by policy; see `topics eval --folds`).
    #[command(
        after_help = "Rebuild the shipped model (deterministic):\n  polsearch topics train --segments ../shared/eval/opp115-topics/segments.csv \\\n      --out models/topics.bin"
    )]
    Train(TrainArgs),
    /// Per-topic precision, recall and F1, and micro/macro F1, on a (text,label) CSV.
    #[command(
        after_help = "Examples:\n  polsearch topics eval ../shared/eval/opp115-topics/validation.csv\n  polsearch topics eval ../shared/eval/opp115-topics/segments.csv --folds 5\n  polsearch topics eval ../shared/eval/opp115-topics/segments.csv --folds 5 --baseline"
    )]
    Eval(EvalArgs),
    /// Learn word clusters from a folder of policies (no labels): a representation for
    /// classifier experiments (the shipped model measured no gain from them and does not use
    /// them).
    #[command(
        after_help = "Rebuild the shipped clusters (deterministic):\n  polsearch topics clusters ../shared/corpus/ota --out models/clusters.bin"
    )]
    Clusters(ClustersArgs),
}

#[derive(Debug, Args)]
pub struct ClustersArgs {
    /// The folder of policies to learn from (searched recursively).
    pub corpus: PathBuf,
    /// Where to write the clusters.
    #[arg(long, default_value = "models/clusters.bin")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Labelled segments with their policy (`split,policy,text,label` CSV with a header).
    #[arg(long)]
    pub segments: PathBuf,
    /// Train on the rows of this split only.
    #[arg(long, default_value = "train")]
    pub split: String,
    /// A (text,label) CSV to report figures on after training; never used to choose anything.
    #[arg(long)]
    pub validation: Option<PathBuf>,
    /// Train the reference baseline instead (TF-IDF words and word pairs, logistic regression
    /// with balanced class weights, threshold 0.5, as the reference figures).
    #[arg(long)]
    pub baseline: bool,
    /// Where to write the model.
    #[arg(long, default_value = "models/topics.bin")]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Hit@1/5/10 and MRR@10 on a PolicyQA-format file: its policies are indexed into a
    /// temporary index and every question is asked of its own policy; a hit is a clause that
    /// overlaps an annotated answer.
    #[command(
        after_help = "With --folds K the question model is trained on K-1 folds of the policies and\nevaluated on the held-out fold (each fold in turn), through the same search path as\n`polsearch search`; without it, the model built into polsearch is evaluated (a figure on\nthe policies it was trained on is marked so).\n\nExamples:\n  polsearch eval relevance ../shared/eval/policyqa/dev.json --folds 5\n  polsearch eval relevance ../shared/eval/policyqa/dev.json --folds 5 --ablation\n  polsearch eval relevance ../shared/eval/policyqa/dev.json --json\nRebuild the shipped question model (deterministic):\n  polsearch eval relevance ../shared/eval/policyqa/dev.json --train-out models/questions.json"
    )]
    Relevance(RelevanceArgs),
    /// How often the company inferred from a policy's text alone is right, unknown or wrong,
    /// against a truth the text is not shown: the first folder below DIR (a corpus laid out
    /// one folder per company) or the web domain in the file name (`1050_honda.com.html`).
    #[command(
        after_help = "The inference sees each file's bytes under a neutral name, as a flat crawl would.\nA name is right when it and the truth agree once case, spacing, punctuation and company\nforms (Inc, Ltd, ...) are set aside, when one contains the other, or (domains) when the\nname's initials spell the domain. A file that cannot be read as a policy (empty, binary,\ntoo large) is named on stderr and not counted.\n\nExamples:\n  polsearch eval company corpus\n  polsearch eval company ../shared/corpus/ota --show wrong\n  polsearch eval company ../shared/corpus/opp115/sanitized_policies --truth file-domain --json\n  polsearch eval company ../shared/corpus/opp115/sanitized_policies --names tests/data/company-opp115.tsv"
    )]
    Company(CompanyEvalArgs),
    /// Precision and recall of retention statements against clauses labelled by hand: a
    /// tab-separated file of `sample path start end label` rows (R: how long data is kept,
    /// C: a cookie's lifetime, N: neither, ?: unsure), paths relative to --corpus.
    #[command(
        after_help = "A labelled range counts as found when a clause that overlaps it carries a data\nretention statement (for C, only cookie lifetimes). Figures are given per sample, so a set\nthe rules were tuned on and one they were not are read apart. The statements are those\npolsearch reports: the rules' after the learnt filter, which was trained on this file (so\nits figures here are in-sample; --folds gives the filter's out-of-fold effect).\n\nExamples:\n  polsearch eval retention tests/data/retention-labels.tsv --corpus ../shared/corpus/ota\n  polsearch eval retention tests/data/retention-labels.tsv --corpus ../shared/corpus/ota --show wrong\n  polsearch eval retention tests/data/retention-labels.tsv --corpus ../shared/corpus/ota --json\n  polsearch eval retention tests/data/retention-labels.tsv --corpus ../shared/corpus/ota --folds 5\nRebuild the shipped retention filter (deterministic):\n  polsearch eval retention tests/data/retention-labels.tsv --corpus ../shared/corpus/ota --train-out models/retention.bin"
    )]
    Retention(RetentionEvalArgs),
}

#[derive(Debug, Args)]
pub struct RetentionEvalArgs {
    /// The labels file.
    pub labels: PathBuf,
    /// The folder the labels' paths are relative to.
    #[arg(long)]
    pub corpus: PathBuf,
    /// Only the rows of this sample.
    #[arg(long)]
    pub sample: Option<String>,
    /// Also list the clauses judged wrong, those no clause covers now (unknown), or all.
    #[arg(long, value_enum)]
    pub show: Option<ShowArg>,
    /// Print JSON Lines: one `judged` message per clause shown, then a `summary`.
    #[arg(long)]
    pub json: bool,
    /// Cross-validate the learnt retention filter grouped by service, with K folds: how many
    /// of the rules' right and wrong statements each threshold keeps, out of fold.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u16).range(2..=50))]
    pub folds: Option<u16>,
    /// Train the retention filter on every labelled clause (the threshold chosen by 5-fold
    /// grouped cross-validation, or --folds K) and write it here.
    #[arg(long, value_name = "FILE")]
    pub train_out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompanyEvalArgs {
    /// The folder of policies.
    pub dir: PathBuf,
    /// Where the true company comes from.
    #[arg(long, value_enum, default_value_t = TruthArg::Folder)]
    pub truth: TruthArg,
    /// The truth from a file of our own: `file name <TAB> name|name|...` per line (`#`
    /// comments), any of whose names is right; files it does not list are skipped.
    #[arg(long, value_name = "FILE", conflicts_with = "truth")]
    pub names: Option<PathBuf>,
    /// Also list the files whose inference is wrong, unknown, or every file.
    #[arg(long, value_enum)]
    pub show: Option<ShowArg>,
    /// Print JSON Lines: one `company` message per file, then a `summary`.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TruthArg {
    /// The first folder below DIR (a manifest's company, where it names one).
    Folder,
    /// The web domain in the file name.
    FileDomain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowArg {
    Wrong,
    Unknown,
    All,
}

#[derive(Debug, Args)]
pub struct RelevanceArgs {
    /// Questions and answers in PolicyQA/SQuAD format (`data[].paragraphs[].qas[]`).
    pub file: PathBuf,
    /// Cross-validate the question model grouped by policy, with K folds.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u16).range(2..=50))]
    pub folds: Option<u16>,
    /// With `--folds`: also cross-validate with each feature group left out.
    #[arg(long, requires = "folds")]
    pub ablation: bool,
    /// Train the question model on every question of the file and write it here.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["folds", "model"])]
    pub train_out: Option<PathBuf>,
    /// Question model file to evaluate [default: the model built into polsearch].
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Indexing threads [default: available cores].
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,
    /// Print one JSON message instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Labelled CSV: `text,label` rows without a header; with `--folds`, the
    /// `split,policy,text,label` segments file.
    pub file: PathBuf,
    /// Cross-validate training instead, grouped by policy: K folds of the segments file's
    /// policies, each scored by a model trained on the other folds only.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u16).range(2..=50))]
    pub folds: Option<u16>,
    /// With `--folds`: use the rows of this split only [default: every row].
    #[arg(long, requires = "folds")]
    pub split: Option<String>,
    /// With `--folds`: cross-validate the reference baseline (TF-IDF words and word pairs,
    /// logistic regression with balanced class weights, threshold 0.5) instead of polsearch's
    /// model.
    #[arg(long, requires = "folds")]
    pub baseline: bool,
    /// Model file [default: the model built into polsearch].
    #[arg(long, conflicts_with_all = ["lexicon", "folds"])]
    pub model: Option<PathBuf>,
    /// Evaluate the lexicon tagger instead of a trained model.
    #[arg(long, conflicts_with = "folds")]
    pub lexicon: bool,
    /// Print one JSON message instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// Model file [default: the model built into polsearch].
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Report malformed lines as JSON error objects on stdout too (always on stderr).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// The folder of policies to index (searched recursively).
    #[arg(default_value = DEFAULT_CORPUS)]
    pub corpus: PathBuf,
    #[command(flatten)]
    pub index: IndexDir,
    /// Cores to use: one tantivy writer thread per core, fed by half as many reader threads
    /// (decode, segment, tag) [default: all cores].
    #[arg(long, short = 't', value_parser = clap::value_parser!(u16).range(1..=64))]
    pub threads: Option<u16>,
    /// Build the index from scratch instead of updating it.
    #[arg(long)]
    pub rebuild: bool,
    /// Where company names come from: auto = manifest, folder layout, then text.
    #[arg(long, value_enum, default_value_t = CompanyFromArg::Auto)]
    pub company_from: CompanyFromArg,
    /// No progress bar and no notices (warnings about skipped files still print).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Print the summary as JSON Lines.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CompanyFromArg {
    /// The manifest, else the folder layout, else the text.
    Auto,
    /// The manifest, else the first folder below the corpus root.
    Dir,
    /// The manifest, else the text.
    Text,
}

#[derive(Debug, Args)]
pub struct IndexDir {
    /// The index folder [default: $POLSEARCH_INDEX when set, else index].
    #[arg(long, short = 'i', value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub index: Option<PathBuf>,
}

/// The shell a dynamic completion request comes from (`$COMPLETE`, read by `main` before
/// clap's completion engine clears it).
pub static COMPLETION_SHELL: std::sync::OnceLock<std::ffi::OsString> = std::sync::OnceLock::new();

/// Company names for dynamic shell completion (`source <(COMPLETE=bash polsearch)`): those
/// of the index `$POLSEARCH_INDEX` names, else of `./index` (a completer sees only the word
/// being completed, not `--index`), that start with the word in any case, as `--company`
/// matches. No index, no candidates: completion never fails loudly. Bash inserts a candidate
/// as it is, so for bash a name with a space comes quoted (`'Fjord Mail'`); zsh and fish
/// quote it themselves.
fn complete_company(current: &std::ffi::OsStr) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    let dir = IndexDir { index: None }.path();
    let Ok(names) = crate::search::PolicyIndex::open(&dir).and_then(|i| i.company_names()) else {
        return Vec::new();
    };
    let wanted = current.to_lowercase();
    let bash = COMPLETION_SHELL.get().is_some_and(|shell| {
        std::path::Path::new(shell)
            .file_name()
            .is_some_and(|name| name == "bash")
    });
    names
        .into_iter()
        .filter(|name| name.to_lowercase().starts_with(&wanted))
        .map(|name| match shlex::try_quote(&name) {
            Ok(quoted) if bash => CompletionCandidate::new(quoted.into_owned()),
            _ => CompletionCandidate::new(name),
        })
        .collect()
}

/// The index folder when neither `--index` nor [`INDEX_ENV`] names one.
pub const DEFAULT_INDEX: &str = "index";

/// The environment variable that names the index folder when `--index` is not given (an
/// analyst working on one large index sets it once). Empty counts as unset.
pub const INDEX_ENV: &str = "POLSEARCH_INDEX";

/// The folder `index` reads when none is given, and the one a missing default index is built
/// from on first use.
pub const DEFAULT_CORPUS: &str = "corpus";

impl IndexDir {
    /// The index folder: `--index`, else `$POLSEARCH_INDEX`, else [`DEFAULT_INDEX`].
    pub fn path(&self) -> PathBuf {
        self.index
            .clone()
            .or_else(from_env)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
    }

    /// Whether the folder is the default one (named by neither `--index` nor
    /// `POLSEARCH_INDEX`): the one a missing index is built from the demo corpus into.
    pub fn is_default(&self) -> bool {
        self.index.is_none() && from_env().is_none()
    }

    /// Where the folder's name came from, for error messages: `Some("POLSEARCH_INDEX")` when
    /// the environment named it.
    pub fn named_by_env(&self) -> Option<&'static str> {
        (self.index.is_none() && from_env().is_some()).then_some(INDEX_ENV)
    }
}

fn from_env() -> Option<PathBuf> {
    std::env::var_os(INDEX_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `--rank`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RankArg {
    Auto,
    Bm25,
    Document,
}

/// What a search or an export admits: companies, topics, kinds, languages, dates, versions
/// and retention statements.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Plain words of the query must all be in a clause (any order), not any one of them:
    /// "ip address" then means both words. Phrases and +/- syntax are read as always.
    #[arg(long)]
    pub all_words: bool,
    /// Only clauses of this company (any case, or an unambiguous prefix); repeat to OR.
    #[arg(long, short = 'c', value_name = "NAME", add = ArgValueCompleter::new(complete_company))]
    pub company: Vec<String>,
    /// Only clauses on this topic (e.g. data-retention); repeat to OR.
    #[arg(long, value_name = "TOPIC", value_parser = Named::new(crate::analyze::topic::Topic::from_str, topic_names))]
    pub topic: Vec<crate::analyze::topic::Topic>,
    /// Only documents of this kind: privacy-policy, terms-of-service, cookie-policy, other.
    #[arg(long, value_name = "KIND", value_parser = Named::new(crate::policy::Kind::from_str, kind_names))]
    pub kind: Vec<crate::policy::Kind>,
    /// Only clauses in this language: en, fr, de, es, it, nl, pt or other (a code or an English
    /// name); repeat to OR. polsearch tags English and French clauses; the others have no
    /// topics or retention statements.
    #[arg(long, value_name = "LANG", value_parser = Named::new(crate::analyze::lang::Lang::from_str, lang_names))]
    pub lang: Vec<crate::analyze::lang::Lang>,
    /// Only documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD): the snapshot date
    /// (a timestamp in the file name, an archive header, the manifest) when a document has
    /// one, else the effective date its text states.
    #[arg(long, value_name = "DATE", value_parser = DateArg::from_str)]
    pub since: Option<DateArg>,
    /// Only documents dated on or before DATE (as --since).
    #[arg(long, value_name = "DATE", value_parser = DateArg::from_str)]
    pub until: Option<DateArg>,
    /// Only documents whose text states an effective date ("Last updated: ...") on or after
    /// DATE.
    #[arg(long, value_name = "DATE", value_parser = DateArg::from_str)]
    pub effective_since: Option<DateArg>,
    /// Only documents whose text states an effective date on or before DATE.
    #[arg(long, value_name = "DATE", value_parser = DateArg::from_str)]
    pub effective_until: Option<DateArg>,
    /// Only the most recent version of each policy (same company, kind and language).
    #[arg(long, conflicts_with = "as_of")]
    pub latest: bool,
    /// Only the version of each policy (same company, kind and language) current on DATE: the last one
    /// dated on or before it.
    #[arg(long, value_name = "DATE", value_parser = DateArg::from_str)]
    pub as_of: Option<DateArg>,
    /// Only clauses first seen on or after DATE: in no version dated before it ("which
    /// companies started mentioning data sales in 2023?").
    #[arg(long, value_name = "DATE", value_parser = DateArg::from_str)]
    pub added_since: Option<DateArg>,
    /// Only clauses still in the latest version of their policy (hits still count every
    /// version they are in; --latest counts the latest version only).
    #[arg(long, conflicts_with = "removed")]
    pub current: bool,
    /// Only clauses no longer in the latest version of their policy.
    #[arg(long)]
    pub removed: bool,
    /// Only clauses stating a retention period of at least PERIOD (48h, 30d, 6w, 12m, 1y; 12m
    /// is 1y).
    #[arg(long, value_name = "PERIOD", value_parser = Period::from_str)]
    pub retention_min: Option<Period>,
    /// Only clauses whose stated retention periods are all at most PERIOD (48h, 30d, 6w, 12m,
    /// 1y).
    #[arg(long, value_name = "PERIOD", value_parser = Period::from_str)]
    pub retention_max: Option<Period>,
    /// Only clauses making this kind of retention statement: stated, criterion, indefinite,
    /// or cookie (a cookie's or local storage's lifetime).
    #[arg(long, value_name = "KIND", value_parser = Named::new(RetentionKind::from_str, retention_kind_names))]
    pub retention: Vec<RetentionKind>,
}

impl FilterArgs {
    /// An empty `--company`: a slip the user should hear about. (Crossed bounds are the
    /// request's to find: [`crate::search::SearchRequest::crossed_bounds`].)
    pub fn check(&self) -> Result<(), String> {
        if self.company.iter().any(|c| c.trim().is_empty()) {
            return Err("--company needs a name (it was given an empty one)".to_owned());
        }
        Ok(())
    }
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: words, a question, "a phrase", +must -not, field:value. Without it
    /// (or with ""), every clause the filters admit, in document order (company folder, file,
    /// position), as `polsearch export` lists them.
    pub query: Option<String>,
    /// Run many searches with one open index: FILE (or - for stdin) holds one JSON object per
    /// line, {"query": ..., "id": ..., "company": ..., "topic": ..., "kind": ..., "lang": ...,
    /// "limit": N} (only "query" required; the other flags apply to every line); prints one
    /// JSON "result" line per query.
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub queries: Option<PathBuf>,
    #[command(flatten)]
    pub index: IndexDir,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// One hit per occurrence (every file and place a clause occurs) instead of one per
    /// distinct clause; totals then count occurrences unless --count says otherwise.
    #[arg(long)]
    pub occurrences: bool,
    /// What the total and --facets count: clauses (distinct; the default), occurrences,
    /// documents or companies.
    #[arg(long, value_name = "UNIT", value_parser = Named::new(crate::search::tally::Unit::from_str, unit_names))]
    pub count: Option<crate::search::tally::Unit>,
    /// At most N hits per company (for "which companies ..." questions).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub per_company: Option<u32>,
    /// How many hits to print.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Skip this many hits first (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Also count hits per company and per topic over the whole result set.
    #[arg(long)]
    pub facets: bool,
    /// Count every matching clause: past 10,000 matches the total is otherwise a lower bound
    /// ("at least"), which keeps common-word searches fast. Implied by --facets.
    #[arg(long)]
    pub exact_total: bool,
    /// How hits are ordered: auto orders questions ("how long do you keep my IP address?")
    /// by the question model learned from PolicyQA, other words by BM25, and filters without
    /// a query in document order; bm25 orders everything by BM25 (without a query all score
    /// alike); document lists a query's hits too in document order (company folder, file,
    /// position), as export does.
    #[arg(long, value_enum, default_value_t = RankArg::Auto)]
    pub rank: RankArg,
    /// Print JSON Lines (hit, facet and summary messages).
    #[arg(long)]
    pub json: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// No notice when the default index is built on first use.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The company (any case, or an unambiguous prefix).
    #[arg(add = ArgValueCompleter::new(complete_company))]
    pub company: String,
    #[command(flatten)]
    pub index: IndexDir,
    /// Only this kind of document: privacy-policy, terms-of-service, cookie-policy, other.
    #[arg(long, value_name = "KIND", value_parser = Named::new(crate::policy::Kind::from_str, kind_names))]
    pub kind: Option<crate::policy::Kind>,
    /// Only the versions in this language (en, fr, de, es, it, nl, pt or other): a
    /// translation is a policy of its own.
    #[arg(long, value_name = "LANG", value_parser = Named::new(crate::analyze::lang::Lang::from_str, lang_names))]
    pub lang: Option<crate::analyze::lang::Lang>,
    /// Only versions dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD); the first one shown
    /// is still compared with the version before it.
    #[arg(long, value_name = "DATE", value_parser = DateArg::from_str)]
    pub since: Option<DateArg>,
    /// Only versions dated on or before DATE (`--until 2023` takes in all of 2023).
    #[arg(long, value_name = "DATE", value_parser = DateArg::from_str)]
    pub until: Option<DateArg>,
    /// Only the versions that added or removed clauses on this topic (e.g. data-retention;
    /// partial captures left out); repeat to OR.
    #[arg(long, value_name = "TOPIC", value_parser = Named::new(crate::analyze::topic::Topic::from_str, topic_names))]
    pub topic: Vec<crate::analyze::topic::Topic>,
    /// Print JSON Lines (a version message per version).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// COMPANY (with --from and --to), or FILE_A FILE_B.
    #[arg(required = true, num_args = 1..=2, value_name = "COMPANY | FILE_A FILE_B")]
    pub targets: Vec<String>,
    /// The old version: the one current on DATE (YYYY, YYYY-MM or YYYY-MM-DD) [default: the
    /// first version].
    #[arg(long, value_name = "DATE", value_parser = DateArg::from_str)]
    pub from: Option<DateArg>,
    /// The new version: the one current on DATE [default: the latest version].
    #[arg(long, value_name = "DATE", value_parser = DateArg::from_str)]
    pub to: Option<DateArg>,
    /// Only this kind of document (when the company has several).
    #[arg(long, value_name = "KIND", value_parser = Named::new(crate::policy::Kind::from_str, kind_names))]
    pub kind: Option<crate::policy::Kind>,
    /// Only the versions in this language (when the company's policy was captured in
    /// several: a translation is compared with its own versions).
    #[arg(long, value_name = "LANG", value_parser = Named::new(crate::analyze::lang::Lang::from_str, lang_names))]
    pub lang: Option<crate::analyze::lang::Lang>,
    /// Only the changes to clauses on this topic (in either version: a clause that gained or
    /// lost it too); repeat to OR. The summary counts the changes left out.
    #[arg(long, value_name = "TOPIC", value_parser = Named::new(crate::analyze::topic::Topic::from_str, topic_names))]
    pub topic: Vec<crate::analyze::topic::Topic>,
    #[command(flatten)]
    pub index: IndexDir,
    /// Print JSON Lines (change messages and a summary).
    #[arg(long)]
    pub json: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only clauses matching this query (words, "a phrase", +must -not, field:value); every
    /// clause without one.
    pub query: Option<String>,
    #[command(flatten)]
    pub index: IndexDir,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// One row per occurrence (every file and place a clause occurs) instead of one per
    /// distinct clause.
    #[arg(long)]
    pub occurrences: bool,
    /// At most N rows per company.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub per_company: Option<u32>,
    /// The format: csv, tsv, jsonl (one flat object per row) or bulk (Elasticsearch /
    /// OpenSearch _bulk NDJSON).
    #[arg(long, value_enum, default_value_t = ExportFormatArg::Csv)]
    pub format: ExportFormatArg,
    /// JSON Lines, as every other command's --json: the same as --format jsonl.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Write to FILE instead of stdout; it is replaced only when the export is complete.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The index named in each _bulk action (--format bulk).
    #[arg(long, value_name = "NAME", default_value = "polsearch")]
    pub bulk_index: String,
    /// CSV and TSV: prefix with ' every cell that begins with =, +, -, @ (or a tab or carriage
    /// return), so that a spreadsheet shows it instead of running it as a formula.
    #[arg(long)]
    pub spreadsheet_safe: bool,
    /// No progress bar, no closing count on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct CountArgs {
    /// Only clauses matching this query (words, "a phrase", +must -not, field:value); every
    /// clause without one.
    pub query: Option<String>,
    #[command(flatten)]
    pub index: IndexDir,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Count per value of DIM: company, topic, kind (of document), lang (of the clause),
    /// retention (kind of statement) or year. Twice for a table: rows by the first, columns by the second.
    #[arg(long, value_name = "DIM", required = true, num_args = 1, action = clap::ArgAction::Append,
          value_parser = Named::new(crate::search::Dimension::from_str, dimension_names))]
    pub by: Vec<crate::search::Dimension>,
    /// What to count: clauses (distinct; the default), occurrences, documents or companies.
    #[arg(long, value_name = "UNIT", value_parser = Named::new(crate::search::tally::Unit::from_str, unit_names))]
    pub count: Option<crate::search::tally::Unit>,
    /// At most N rows (the largest counts; years: the first N).
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub output: TableOutput,
    /// No notice when the default index is built on first use.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub index: IndexDir,
    /// The address to listen on (port 0: any free port).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:7878")]
    pub addr: std::net::SocketAddr,
    /// No notice when the default index is built on first use.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormatArg {
    Csv,
    Tsv,
    /// (Also `json`.)
    #[value(alias = "json")]
    Jsonl,
    Bulk,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct ClausesArgs {
    /// The policy file.
    pub file: PathBuf,
    /// Print JSON Lines (clause messages and a summary).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub index: IndexDir,
    /// Print one JSON message.
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}

/// A flag value parsed by its type's `FromStr`, whose canonical names clap lists in `--help`
/// and in shell completions; parsing (and its error message) stays the type's own, so the
/// spellings `FromStr` also takes (`Data_Retention`, ` stated`) keep working.
#[derive(Clone)]
pub struct Named<F> {
    parse: F,
    names: fn() -> Vec<&'static str>,
}

impl<F> Named<F> {
    fn new(parse: F, names: fn() -> Vec<&'static str>) -> Named<F> {
        Named { parse, names }
    }
}

impl<F, T, E> clap::builder::TypedValueParser for Named<F>
where
    F: Fn(&str) -> Result<T, E> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
    E: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
{
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        self.parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            (self.names)()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

fn topic_names() -> Vec<&'static str> {
    crate::analyze::topic::Topic::ALL
        .iter()
        .map(|t| t.name())
        .collect()
}

fn kind_names() -> Vec<&'static str> {
    crate::policy::Kind::ALL.iter().map(|k| k.name()).collect()
}

fn lang_names() -> Vec<&'static str> {
    crate::analyze::lang::Lang::ALL
        .iter()
        .map(|l| l.code())
        .collect()
}

fn retention_kind_names() -> Vec<&'static str> {
    RetentionKind::DATA
        .iter()
        .chain([&RetentionKind::Cookie])
        .map(|k| k.name())
        .collect()
}

fn dimension_names() -> Vec<&'static str> {
    crate::search::Dimension::ALL
        .iter()
        .map(|d| d.name())
        .collect()
}

fn unit_names() -> Vec<&'static str> {
    crate::search::tally::Unit::ALL
        .iter()
        .map(|u| u.name())
        .collect()
}
