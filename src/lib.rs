//! # polsearch
//!
//! Full-text search over corpora of privacy policies, one clause at a time.
//!
//! The library has four wings, in the order data flows through them, and the command-line
//! tool on top (ARCHITECTURE.md draws them):
//!
//! - [`corpus`]: text in. It finds the policy files of a folder and what the folder says about
//!   them (company by manifest or layout); [`corpus::decode`] turns bytes into text and
//!   [`corpus::format`] reads plain text, markdown or HTML into a [`corpus::layout::Layout`]:
//!   readable text with a map back to the file.
//! - [`analyze`]: facts out of text. [`analyze::document`] cuts a layout into clauses with byte
//!   offsets, line and section ([`analyze::segment`]) and tags them with company, kind, dates,
//!   OPP-115 topics and retention periods.
//! - [`index`]: clauses into a tantivy index ([`index::schema`]) in parallel
//!   ([`index::indexer`]), one atomic generation at a time ([`index::store`]).
//! - [`search`]: queries ([`search::query`]) answered with ranked, highlighted clauses and facet
//!   counts ([`search::tally`]), one hit per distinct clause of a version history;
//!   [`versions`] diffs two versions of a policy clause by clause and tells a policy's history.
//! - [`output`], [`progress`], [`cli`] and [`cmd`] are the command-line tool ([`read`]: one
//!   policy file read outside an index; [`serve`]: the web workbench).
//!
//! ```
//! use polsearch::analyze::document::Document;
//! use polsearch::corpus::Hints;
//! use polsearch::analyze::topic::{LexiconTagger, Topic};
//!
//! let raw = "Data Retention\n\nAcme Widgets Ltd keeps server logs for 12 months. Acme Widgets Ltd never sells them.\n";
//! let doc = Document::parse("acme.txt".as_ref(), raw.as_bytes(), &Hints::text(),
//!                           LexiconTagger::shared()).unwrap();
//! assert_eq!(doc.company, "Acme Widgets Ltd");
//! let clause = &doc.clauses[1];
//! assert_eq!(clause.clause.span.of(raw), Some(clause.clause.text.as_str()));
//! assert_eq!(clause.clause.section, "Data Retention");
//! assert!(clause.topics.contains(&Topic::DataRetention));
//! ```

#![warn(missing_docs)]

pub mod analyze;
pub mod cli;
pub mod cmd;
pub mod corpus;
pub mod error;
pub mod index;
pub mod output;
pub mod policy;
pub mod progress;
pub mod read;
pub mod search;
pub mod serve;
pub mod text;
pub mod versions;

pub use error::{Error, Result};
