//! The knowledge base compiled into the binary, so an installed `peelbot`
//! answers without any files beside it.

use super::load::{load_files, SourceFile};
use super::model::KnowledgeBase;
use super::problem::LoadError;

include!(concat!(env!("OUT_DIR"), "/embedded_knowledge.rs"));

/// The embedded knowledge files, as (path relative to `knowledge/`, text).
pub fn embedded_files() -> Vec<SourceFile> {
    EMBEDDED
        .iter()
        .map(|(path, text)| SourceFile {
            path: (*path).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

/// Loads the embedded knowledge base. It was valid when the binary was built
/// only if `peelbot check` passed, so errors are still reported, not assumed away.
pub fn load_embedded() -> Result<KnowledgeBase, LoadError> {
    load_files("embedded", &embedded_files())
}
