//! Hot reload: validate a knowledge directory (and the reloadable parts of
//! the config) and, only if all is well, swap the engine atomically.
//!
//! Shared by `/reload` and SIGHUP. On any error the old engine keeps serving
//! and the caller gets every problem (file, line, field) to show the admin.

use std::path::PathBuf;
use std::time::Instant;

use crate::config::{Config, ConfigError};
use crate::engine::{Engine, SharedEngine};
use crate::knowledge::{load_dir, Diff, LoadError};

use super::source::KnowledgeSource;

/// Where reloads read from: the knowledge source and the config file, if any.
#[derive(Debug, Clone, Default)]
pub struct ReloadSource {
    /// `--knowledge DIR` or `knowledge.dir` (re-read from the config at each
    /// reload); naming neither means the embedded base, which cannot reload.
    pub knowledge: KnowledgeSource,
    /// The config file the process started with, re-read for its reloadable parts.
    pub config_path: Option<PathBuf>,
}

/// How a reload went.
#[derive(Debug)]
pub enum ReloadOutcome {
    /// Running on the embedded base: there is no directory to reload from.
    NothingToReload,
    /// The new base is serving.
    Reloaded {
        diff: Diff,
        version: String,
        /// The config now in force (its engine settings are applied; front ends apply the rest).
        config: Box<Config>,
        millis: u128,
    },
    /// Nothing changed; the old base keeps serving.
    Failed(ReloadError),
}

/// Why a reload was refused.
#[derive(Debug, thiserror::Error)]
pub enum ReloadError {
    #[error("{0}")]
    Knowledge(#[from] LoadError),
    #[error("{0}")]
    Config(#[from] ConfigError),
}

impl ReloadSource {
    /// Validates and swaps. `current` is the config in force, used when there is no file.
    pub fn reload(&self, shared: &SharedEngine, current: &Config) -> ReloadOutcome {
        let started = Instant::now();
        let config = match &self.config_path {
            // Required: a config file that vanished must not silently become the defaults.
            Some(p) => match Config::load(p, true) {
                Ok(c) => c,
                Err(e) => return ReloadOutcome::Failed(e.into()),
            },
            None => current.clone(),
        };
        let Some(dir) = self.knowledge.dir(&config) else {
            return ReloadOutcome::NothingToReload;
        };
        match load_dir(&dir) {
            Err(e) => ReloadOutcome::Failed(e.into()),
            Ok(kb) => {
                let old = shared.current();
                let diff = Diff::between(old.knowledge(), &kb);
                let version = kb.version.clone();
                shared.replace(Engine::new(kb, &config.engine));
                ReloadOutcome::Reloaded {
                    diff,
                    version,
                    config: Box::new(config),
                    millis: started.elapsed().as_millis(),
                }
            }
        }
    }
}

impl std::fmt::Display for ReloadOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReloadOutcome::NothingToReload => f.write_str(
                "Nothing to reload: this bot runs on the knowledge base built into it. Set knowledge.dir in config.toml (or start with --knowledge DIR) to reload from files.",
            ),
            ReloadOutcome::Reloaded { diff, version, millis, .. } => {
                write!(f, "Reloaded the knowledge base (version {version}, {millis} ms): {diff}.")
            }
            ReloadOutcome::Failed(e) => write!(f, "Reload refused; the previous knowledge base is still serving.\n{e}"),
        }
    }
}
