//! Text analysis: a policy's text read into clauses and the facts polsearch tags them with.
//!
//! [`document`] is the entry point: a file's bytes decoded, read in its format, cut into
//! clauses ([`segment`]) and tagged with company ([`company`]), dates and kind ([`meta`]),
//! topics ([`topic`], the trained [`classifier`] with its word [`clusters`]) and retention
//! periods ([`retention`]). [`stem`] is the English stemmer the index's analyser uses
//! ([`stem_native`], what the analysers of other languages add); [`modelfile`] reads the binary model files
//! shipped in `models/`.

pub mod classifier;
pub mod clusters;
pub mod company;
pub mod document;
pub mod lang;
pub mod meta;
pub mod modelfile;
pub mod period;
pub mod retention;
pub mod retention_judge;
pub mod segment;
mod sentence;
pub mod stem;
pub mod stem_native;
pub mod topic;
