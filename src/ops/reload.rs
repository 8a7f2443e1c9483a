//! Hot reload: validate a knowledge directory (and the reloadable parts of
//! the config) and, only if all is well, swap the engine atomically.
//!
//! Shared by `/reload` and SIGHUP. On any error the old engine keeps serving
//! and the caller gets every problem (file, line, field) to show the admin.

use std::path::PathBuf;
use std::time::Instant;

use crate::config::{Config, ConfigError};
use crate::engine::{Engine, SharedEngine};
use crate::knowledge::{load_dir, Diff, KnowledgeBase, LoadError};

use super::losses::Losses;
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
    /// The new base would lose data; the old base keeps serving. With a
    /// `candidate`, an admin may confirm exactly this change
    /// ([`Candidate::apply`]); without one (a force is missing) nothing can.
    Refused {
        diff: Diff,
        losses: Losses,
        candidate: Option<Box<Candidate>>,
    },
    /// Nothing changed; the old base keeps serving.
    Failed(ReloadError),
}

/// A validated base that was refused for what it removes, kept so that an
/// admin's confirmation applies exactly the change they were shown.
#[derive(Debug)]
pub struct Candidate {
    kb: KnowledgeBase,
    config: Config,
    diff: Diff,
    /// The version serving when the change was shown.
    serving: String,
}

impl Candidate {
    /// The change this candidate makes.
    pub fn diff(&self) -> &Diff {
        &self.diff
    }

    /// Swaps the candidate in, unless the serving base changed since it was
    /// shown (another reload won meanwhile).
    pub fn apply(self, shared: &SharedEngine) -> ReloadOutcome {
        let started = Instant::now();
        if shared.current().knowledge().version != self.serving {
            return ReloadOutcome::Failed(ReloadError::Stale);
        }
        let version = self.kb.version.clone();
        shared.replace(Engine::new(self.kb, &self.config.engine));
        ReloadOutcome::Reloaded {
            diff: self.diff,
            version,
            config: Box::new(self.config),
            millis: started.elapsed().as_millis(),
        }
    }
}

/// Why a reload was refused.
#[derive(Debug, thiserror::Error)]
pub enum ReloadError {
    #[error("{0}")]
    Knowledge(#[from] LoadError),
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("the knowledge base changed since this reload was shown; run /reload again")]
    Stale,
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
        let kb = match load_dir(&dir) {
            Err(e) => return ReloadOutcome::Failed(e.into()),
            Ok(kb) => kb,
        };
        let old = shared.current();
        let diff = Diff::between(old.knowledge(), &kb);
        let losses = Losses::between(old.knowledge(), &kb, &diff, config.knowledge.max_drop_share);
        let candidate = Candidate {
            kb,
            config,
            diff: diff.clone(),
            serving: old.knowledge().version.clone(),
        };
        if !losses.missing_forces.is_empty() {
            return ReloadOutcome::Refused {
                diff,
                losses,
                candidate: None,
            };
        }
        // Re-read at each reload: the flag in the file just read decides.
        if losses.needs_permission() && !candidate.config.knowledge.allow_removals {
            return ReloadOutcome::Refused {
                diff,
                losses,
                candidate: Some(Box::new(candidate)),
            };
        }
        drop(old);
        match candidate.apply(shared) {
            ReloadOutcome::Reloaded {
                diff,
                version,
                config,
                millis,
            } => ReloadOutcome::Reloaded {
                diff,
                version,
                config,
                millis: millis.max(started.elapsed().as_millis()),
            },
            other => other,
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
            ReloadOutcome::Refused { diff, losses, candidate } => {
                write!(f, "Reload refused: the new knowledge base would lose data; the previous knowledge base is still serving.\n{losses}\nThe whole change: {diff}.")?;
                if candidate.is_some() {
                    f.write_str("\nIf these removals are intended, set knowledge.allow_removals = true and reload, or (in /reload) confirm this change.")
                } else {
                    f.write_str("\nA reload never drops a force: restore its file and reload.")
                }
            }
            ReloadOutcome::Failed(e) => write!(f, "Reload refused; the previous knowledge base is still serving.\n{e}"),
        }
    }
}
