//! Operations of a running bot: what a caller hands a front end
//! ([`Operations`]), and the running form ([`RunningOps`]) that counts every
//! question, records the unanswered ones for curators and reloads.
//!
//! A front end calls [`RunningOps::answered`] once per question and
//! [`RunningOps::reload`] for `/reload` or SIGHUP, passing a hook that
//! installs its own reloaded settings; everything else stays here.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, SystemTime};

use crate::config::{Applies, Config, FeedbackConfig, KEYS};
use crate::engine::{Answer, SharedEngine};

use super::ballots::Ballots;
use super::feedback::FeedbackLog;
use super::metrics::{Metrics, ReloadResult};
use super::reload::{Candidate, ReloadOutcome, ReloadSource};
use super::settings::{changed, merge};
use super::source::KnowledgeSource;

/// Reload, curation log and metrics for a front end.
/// `Operations::default()` turns reload and the log off: `/reload` says
/// there is nothing to reload, nothing is recorded; the counters are kept
/// in a registry of the bot's own.
#[derive(Debug, Clone, Default)]
pub struct Operations {
    /// What `/reload` and SIGHUP re-read: the knowledge source and the
    /// config file.
    pub reload: ReloadSource,
    /// The config in force at start: what a reload starts from and compares
    /// against, and `metrics.listen`. A front end replaces the sections it
    /// was started with (`discord`, `shards`, `engine`).
    pub config: Config,
    /// Where unanswered questions and 👍/👎 votes go. `None`: nothing is
    /// recorded and answers carry no vote buttons.
    pub feedback: Option<Arc<FeedbackLog>>,
    /// Where to count; `None` makes a fresh registry.
    pub metrics: Option<Arc<Metrics>>,
}

impl Operations {
    /// What `peelbot serve` runs with: reloads re-read `config_path` (the
    /// default `config.toml` when none was named) and the knowledge
    /// directory (`knowledge` overrides `knowledge.dir`); the curation log
    /// follows `[feedback]`.
    pub fn from_config(
        config: &Config,
        config_path: Option<PathBuf>,
        knowledge: KnowledgeSource,
    ) -> Operations {
        Operations {
            reload: ReloadSource {
                knowledge,
                config_path: Some(config_path.unwrap_or_else(|| PathBuf::from("config.toml"))),
            },
            config: config.clone(),
            feedback: feedback_log(&config.feedback),
            metrics: None,
        }
    }
}

/// The curation log `[feedback]` asks for, if it is on.
pub fn feedback_log(config: &FeedbackConfig) -> Option<Arc<FeedbackLog>> {
    config.enabled.then(|| Arc::new(FeedbackLog::new(config)))
}

/// Operations of a running bot.
#[derive(Debug)]
pub struct RunningOps {
    /// Every counter the bot keeps.
    pub metrics: Arc<Metrics>,
    feedback: RwLock<Option<Arc<FeedbackLog>>>,
    source: ReloadSource,
    /// The whole config in force, held for the length of a reload so two
    /// reloads (a `/reload` and a SIGHUP) never interleave.
    in_force: Mutex<Config>,
    /// Who voted on what, so one person's repeated 👎 counts once.
    pub ballots: Ballots,
}

impl RunningOps {
    /// The running form of `ops`; `in_force` is `ops.config` with the front
    /// end's own sections put in.
    pub fn new(ops: Operations, in_force: Config, engine: &SharedEngine) -> RunningOps {
        let Operations {
            reload,
            feedback,
            metrics,
            ..
        } = ops;
        let metrics = metrics.unwrap_or_else(Metrics::new);
        metrics.knowledge_loaded(&engine.current().knowledge().version, SystemTime::now());
        RunningOps {
            metrics,
            feedback: RwLock::new(feedback),
            source: reload,
            in_force: Mutex::new(in_force),
            ballots: Ballots::default(),
        }
    }

    /// The curation log now in use, if any.
    pub fn feedback(&self) -> Option<Arc<FeedbackLog>> {
        match self.feedback.read() {
            Ok(g) => g.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn set_feedback(&self, log: Option<Arc<FeedbackLog>>) {
        match self.feedback.write() {
            Ok(mut g) => *g = log,
            Err(poisoned) => *poisoned.into_inner() = log,
        }
    }

    /// The config in force, locked (reloads hold it throughout).
    fn in_force(&self) -> MutexGuard<'_, Config> {
        match self.in_force.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// The address `/health` and `/metrics` should be served on, if any
    /// (config validation has checked it parses).
    pub fn listen(&self) -> Result<Option<SocketAddr>, String> {
        let Some(listen) = self.in_force().metrics.listen.clone() else {
            return Ok(None);
        };
        listen.parse().map(Some).map_err(|_| listen)
    }

    /// One question answered: counted by status and intent, and recorded
    /// for curators under `question` if it went unanswered (`no_match`,
    /// `clarify`).
    pub fn answered(&self, question: &str, answer: &Answer, latency: Duration) {
        self.metrics
            .observe_answer(answer.status, answer.intent, latency);
        if let Some(log) = self.feedback() {
            // Best effort: the log warns on failure and never blocks answering.
            log.record_answer(question, answer);
        }
    }

    /// Reloads the knowledge base into `engine` and the reloadable settings
    /// (blocking: file I/O and validation). `install` gets the config now
    /// in force, for the front end's own settings; the curation log is
    /// already switched when it runs. Never fails: the report says what
    /// happened.
    pub fn reload(&self, engine: &SharedEngine, install: impl FnOnce(&Config)) -> ReloadReport {
        // Held throughout: reloads never interleave.
        let mut in_force = self.in_force();
        // A reload (SIGHUP) is when log rotation tools expect files reopened.
        if let Some(log) = self.feedback() {
            log.reopen();
        }
        let outcome = self.source.reload(engine, &in_force);
        self.settle(&mut in_force, outcome, install)
    }

    /// Applies a candidate an admin confirmed (exactly the change they were
    /// shown), as [`RunningOps::reload`] would have.
    pub fn confirm(
        &self,
        engine: &SharedEngine,
        candidate: Candidate,
        install: impl FnOnce(&Config),
    ) -> ReloadReport {
        let mut in_force = self.in_force();
        let outcome = candidate.apply(engine);
        self.settle(&mut in_force, outcome, install)
    }

    /// Installs what a reload outcome brings and counts it.
    fn settle(
        &self,
        in_force: &mut Config,
        outcome: ReloadOutcome,
        install: impl FnOnce(&Config),
    ) -> ReloadReport {
        let mut report = ReloadReport::crashed();
        match &outcome {
            ReloadOutcome::Reloaded {
                config, version, ..
            } => {
                let next = merge(in_force, config);
                report.applied = changed(in_force, &next, Applies::OnReload);
                report.needs_restart = changed(in_force, config, Applies::OnRestart);
                let feedback_changed = KEYS
                    .iter()
                    .any(|k| k.section() == "feedback" && (k.differs)(in_force, &next));
                if feedback_changed {
                    self.set_feedback(feedback_log(&next.feedback));
                }
                install(&next);
                *in_force = next;
                self.metrics.reload(ReloadResult::Ok);
                self.metrics.knowledge_loaded(version, SystemTime::now());
            }
            ReloadOutcome::Refused { .. } => self.metrics.reload(ReloadResult::Refused),
            ReloadOutcome::Failed(_) => self.metrics.reload(ReloadResult::Failed),
            ReloadOutcome::NothingToReload => {}
        }
        report.outcome = Some(outcome);
        report
    }
}

/// What a reload did, as the admin (and the log) sees it.
#[derive(Debug)]
pub struct ReloadReport {
    /// The knowledge base's side; `None` if the reload task itself failed.
    pub outcome: Option<ReloadOutcome>,
    /// Settings that changed and now apply.
    pub applied: Vec<&'static str>,
    /// Settings that changed in the file but need a restart.
    pub needs_restart: Vec<&'static str>,
}

impl ReloadReport {
    /// The new base and settings are in force.
    pub fn ok(&self) -> bool {
        matches!(self.outcome, Some(ReloadOutcome::Reloaded { .. }))
    }

    /// The refused change an admin may still confirm, taken out of the report.
    pub fn take_candidate(&mut self) -> Option<Candidate> {
        match &mut self.outcome {
            Some(ReloadOutcome::Refused { candidate, .. }) => candidate.take().map(|c| *c),
            _ => None,
        }
    }
}

impl fmt::Display for ReloadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.outcome {
            Some(outcome) => write!(f, "{outcome}")?,
            None => f.write_str("Reload failed unexpectedly; see the bot's log.")?,
        }
        if !self.applied.is_empty() {
            write!(f, "\nSettings now in force: {}.", self.applied.join(", "))?;
        }
        if !self.needs_restart.is_empty() {
            write!(
                f,
                "\nChanged in the config file but only applied on restart: {}.",
                self.needs_restart.join(", ")
            )?;
        }
        Ok(())
    }
}

impl ReloadReport {
    /// The report when the reload task itself could not run.
    pub fn crashed() -> ReloadReport {
        ReloadReport {
            outcome: None,
            applied: Vec::new(),
            needs_restart: Vec::new(),
        }
    }

    /// Logs a reload's outcome, one line (the problems, if any, in `detail`).
    pub fn log(&self, via: &'static str) {
        let report = self;
        let detail = report.to_string();
        match &report.outcome {
            Some(ReloadOutcome::Reloaded { version, diff, .. }) => tracing::info!(
                via,
                version = %version,
                changes = %diff,
                applied = ?report.applied,
                needs_restart = ?report.needs_restart,
                "knowledge base reloaded"
            ),
            Some(ReloadOutcome::NothingToReload) => {
                tracing::info!(via, "reload: nothing to reload (embedded knowledge base)")
            }
            Some(ReloadOutcome::Refused { losses, .. }) => {
                tracing::warn!(via, %losses, %detail, "reload refused: the new knowledge base would lose data; the previous one is still serving")
            }
            Some(ReloadOutcome::Failed(_)) | None => {
                tracing::warn!(via, %detail, "reload refused; the previous knowledge base is still serving")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reloading_report_names_applied_and_restart_only_keys() {
        let report = ReloadReport {
            outcome: Some(ReloadOutcome::NothingToReload),
            applied: vec!["discord.prefix"],
            needs_restart: vec!["metrics.listen"],
        };
        let text = report.to_string();
        assert!(text.starts_with("Nothing to reload"), "{text}");
        assert!(
            text.contains("Settings now in force: discord.prefix."),
            "{text}"
        );
        assert!(
            text.contains("only applied on restart: metrics.listen."),
            "{text}"
        );
        assert!(!report.ok());
    }
}
