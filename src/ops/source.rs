//! Where the knowledge base comes from: the one place that decides between
//! a `--knowledge DIR` override, `knowledge.dir` from config, and the copy
//! embedded in the binary.
//!
//! Every command that loads a base (`ask`, `chat`, `check`, `stats`, `eval`,
//! `serve`) and every reload asks this, so the three can never disagree.

use std::path::PathBuf;

use crate::config::Config;
use crate::knowledge::{self, KnowledgeBase, LoadError};

/// A knowledge source: an override directory, else the config's
/// `knowledge.dir`, else the embedded base.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnowledgeSource {
    /// `--knowledge DIR` (or a caller's own choice); wins over the config.
    pub override_dir: Option<PathBuf>,
}

impl KnowledgeSource {
    /// A source with `override_dir` winning over the config.
    pub fn new(override_dir: Option<PathBuf>) -> KnowledgeSource {
        KnowledgeSource { override_dir }
    }

    /// The directory to load under `config`, or `None` for the embedded base.
    pub fn dir(&self, config: &Config) -> Option<PathBuf> {
        self.override_dir
            .clone()
            .or_else(|| config.knowledge.dir.clone())
    }

    /// Loads and validates the base this source names under `config`.
    pub fn load(&self, config: &Config) -> Result<KnowledgeBase, LoadError> {
        match self.dir(config) {
            Some(dir) => knowledge::load_dir(&dir),
            None => knowledge::load_embedded(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_override_then_config_then_embedded() {
        let mut config = Config::default();
        assert_eq!(KnowledgeSource::default().dir(&config), None);
        config.knowledge.dir = Some("from-config".into());
        assert_eq!(
            KnowledgeSource::default().dir(&config),
            Some(PathBuf::from("from-config"))
        );
        let over = KnowledgeSource::new(Some("override".into()));
        assert_eq!(over.dir(&config), Some(PathBuf::from("override")));
    }
}
