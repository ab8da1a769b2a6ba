//! A company name as a user types it (any case, a prefix, a word of it) resolved to a name
//! the index holds, and the closest names suggested when none matches.

use std::collections::BTreeMap;

use crate::error::{Error, Result};

/// Match a user-typed company against the indexed names.
pub fn resolve_name(wanted: &str, names: &[String]) -> Result<String> {
    let w = wanted.trim().to_lowercase();
    if w.is_empty() {
        return Err(Error::EmptyCompany);
    }
    if let Some(exact) = names.iter().find(|n| n.to_lowercase() == w) {
        return Ok(exact.clone());
    }
    let by_prefix: Vec<&String> = names
        .iter()
        .filter(|n| n.to_lowercase().starts_with(&w))
        .collect();
    let candidates = if by_prefix.is_empty() {
        names
            .iter()
            .filter(|n| {
                n.to_lowercase()
                    .split_whitespace()
                    .any(|word| word.starts_with(&w))
            })
            .collect()
    } else {
        by_prefix
    };
    match candidates.as_slice() {
        [one] => Ok((*one).clone()),
        [] => {
            let mut sorted: BTreeMap<usize, Vec<&String>> = BTreeMap::new();
            for n in names {
                sorted
                    .entry(strsim::levenshtein(&w, &n.to_lowercase()))
                    .or_default()
                    .push(n);
            }
            let closest = sorted.into_values().flatten().take(8).cloned().collect();
            Err(Error::UnknownCompany {
                name: wanted.to_owned(),
                candidates: closest,
            })
        }
        many => Err(Error::AmbiguousCompany {
            name: wanted.to_owned(),
            candidates: many.iter().take(20).map(|s| (*s).clone()).collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        [
            "WeSecur",
            "Wespro Digital Pvt Ltd",
            "Wepremium SARL",
            "WEBCLOUD PRO OÜ",
            "unknown",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn company_resolution() {
        assert_eq!(resolve_name("wesecur", &names()).unwrap(), "WeSecur");
        assert_eq!(
            resolve_name("wespro", &names()).unwrap(),
            "Wespro Digital Pvt Ltd"
        );
        assert_eq!(
            resolve_name("webcloud", &names()).unwrap(),
            "WEBCLOUD PRO OÜ"
        );
        match resolve_name("we", &names()) {
            Err(Error::AmbiguousCompany { candidates, .. }) => assert_eq!(candidates.len(), 4),
            other => panic!("{other:?}"),
        }
        match resolve_name("acme", &names()) {
            Err(Error::UnknownCompany { candidates, .. }) => assert!(!candidates.is_empty()),
            other => panic!("{other:?}"),
        }
        match resolve_name("  ", &names()) {
            Err(Error::EmptyCompany) => {}
            other => panic!("{other:?}"),
        }
    }
}
