//! The index on disk: the tantivy [`schema`] and its clause and group documents, the
//! [`indexer`] that writes a corpus into it in parallel, the [`store`] of generations that
//! makes every update atomic, and the [`integrity`] check of a generation's files.
//! [`fault`] names the crash points the fault-injection tests kill at; [`memory`] tunes the
//! allocator of the binaries that index.

pub mod catalog;
pub mod documents;
pub mod fault;
#[cfg(test)]
mod fingerprint;
pub mod group;
pub mod indexer;
pub mod integrity;
pub mod memory;
pub mod plan;
pub mod schema;
pub mod store;
