//! # polsearch
//!
//! Full-text search over corpora of privacy policies, one clause at a time.
//!
//! A tour of the pieces, in the order data flows through them:
//!
//! - [`corpus`] finds the policy files of a folder and what the folder says about them
//!   (company by manifest or layout);
//! - [`decode`] turns bytes into text (UTF-8, UTF-16, Windows-1252) and [`format`] reads plain
//!   text, markdown or HTML into a [`layout::Layout`]: readable text with a map back to the file;
//! - [`segment`] cuts the layout into [`segment::Clause`]s with byte offsets, line and section;
//! - [`company`] infers a company from the text, [`topic`] tags clauses with OPP-115 topics;
//! - [`indexer`] writes clauses to a tantivy index ([`schema`], [`store`]) in parallel;
//! - [`search`] answers queries ([`query`]) with ranked, highlighted clauses and facet counts
//!   ([`tally`]), one hit per distinct clause of a version history;
//! - [`versions`] diffs two versions of a policy clause by clause and tells a policy's history;
//! - [`output`], [`progress`], [`cli`], [`app`] and [`cmd`] are the command-line tool.
//!
//! ```
//! use polsearch::document::{Document, Hints};
//! use polsearch::topic::{LexiconTagger, Topic};
//!
//! let raw = "Data Retention\n\nAcme Widgets Ltd keeps server logs for 12 months. Acme Widgets Ltd never sells them.\n";
//! let doc = Document::parse("acme.txt".as_ref(), raw.as_bytes(), &Hints::text(),
//!                           LexiconTagger::shared()).unwrap();
//! assert_eq!(doc.company, "Acme Widgets Ltd");
//! let clause = &doc.clauses[1];
//! assert_eq!(&raw[clause.clause.start..clause.clause.end], clause.clause.text);
//! assert_eq!(clause.clause.section, "Data Retention");
//! assert!(clause.topics.contains(&Topic::DataRetention));
//! ```

pub mod answer;
pub mod app;
pub mod classifier;
pub mod cli;
pub mod clusters;
pub mod cmd;
pub mod company;
pub mod corpus;
pub mod decode;
pub mod docfilter;
pub mod document;
pub mod error;
pub mod fault;
pub mod format;
pub mod indexer;
pub mod integrity;
pub mod layout;
pub mod memory;
pub mod meta;
pub mod modelfile;
pub mod output;
pub mod pathkey;
pub mod progress;
pub mod query;
pub mod rank;
pub mod relevance;
pub mod retention;
pub mod schema;
pub mod search;
pub mod segment;
pub mod stem;
pub mod store;
pub mod tally;
pub mod topic;
pub mod versions;

pub use error::{Error, Result};
