//! A policy document: its bytes decoded, read in its format, cut into clauses, and tagged.
//!
//! This is the per-file work of indexing, and all of `polsearch clauses`.

use std::path::{Path, PathBuf};

use crate::company;
use crate::decode::{decode, Refusal};
use crate::format::Format;
use crate::segment::{self, Clause};
use crate::topic::{Topic, TopicTagger};

/// A clause with its topics.
#[derive(Debug, Clone)]
pub struct TaggedClause {
    pub clause: Clause,
    pub topics: Vec<Topic>,
}

/// One policy file, segmented and tagged.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub format: Format,
    pub encoding: &'static str,
    pub company: String,
    pub clauses: Vec<TaggedClause>,
}

/// How to name the company of a document.
#[derive(Debug, Clone, Copy)]
pub enum CompanySource<'a> {
    /// The location (manifest or folder) already names it.
    Given(&'a str),
    /// Infer it from the text, else `unknown`.
    Text,
    /// No source: `unknown`.
    None,
}

impl Document {
    /// Read `raw`, the bytes of `path`, into a document.
    pub fn parse(
        path: &Path,
        raw: &[u8],
        company: CompanySource<'_>,
        tagger: &dyn TopicTagger,
    ) -> Result<Document, Refusal> {
        let decoded = decode(raw)?;
        let format = Format::detect(path, &decoded.text);
        let mut layout = format.read(&decoded.text);
        let company = match company {
            CompanySource::Given(name) => name.to_owned(),
            CompanySource::Text => {
                company::infer(&layout.text).unwrap_or_else(|| company::UNKNOWN.to_owned())
            }
            CompanySource::None => company::UNKNOWN.to_owned(),
        };
        decoded.rebase(&mut layout);
        let clauses = segment::clauses(&layout, raw)
            .into_iter()
            .map(|clause| {
                let topics = tagger.tag(&clause.text, &clause.section);
                TaggedClause { clause, topics }
            })
            .collect();
        Ok(Document {
            path: path.to_path_buf(),
            format,
            encoding: decoded.encoding,
            company,
            clauses,
        })
    }
}
