//! Operating the bot: what it needs for hot reload, the curation log and
//! metrics, and the two calls every question makes into them.
//!
//! The pieces themselves live below the front end ([`crate::reload`],
//! [`crate::feedback`], [`crate::metrics`]); this file only holds them for a
//! running bot. [`Operations`] is what a caller passes to
//! [`start`](super::start); [`Ops`] is the running form in the bot's state.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, SystemTime};

use crate::config::{Config, DiscordConfig, ShardsConfig};
use crate::engine::{Answer, SharedEngine};
use crate::feedback::FeedbackLog;
use crate::metrics::Metrics;
use crate::reload::ReloadSource;

use super::error::BotError;
use super::votes::Ballots;

/// Reload, curation log and metrics for [`start`](super::start).
/// `Operations::default()` turns them all off: `/reload` says there is
/// nothing to reload, nothing is recorded, no metrics are kept.
#[derive(Debug, Clone, Default)]
pub struct Operations {
    /// What `/reload` and SIGHUP re-read: the knowledge directory (a
    /// `--knowledge` override; otherwise `knowledge.dir` from the config) and
    /// the config file.
    pub reload: ReloadSource,
    /// The config in force at start: what a reload starts from and compares
    /// against, and `metrics.listen`. Its `discord`, `shards` and `engine`
    /// sections are replaced by the bot's own settings and engine.
    pub config: Config,
    /// Where unanswered questions and 👍/👎 votes go. `None`: nothing is
    /// recorded and answers carry no vote buttons.
    pub feedback: Option<Arc<FeedbackLog>>,
    /// Where to count questions, shards and reloads. `None` with
    /// `config.metrics.listen` set makes a fresh registry.
    pub metrics: Option<Arc<Metrics>>,
}

impl Operations {
    /// What `peelbot serve` runs with: reloads re-read `config_path` (the
    /// default `config.toml` when none was named) and the knowledge
    /// directory (`knowledge` overrides `knowledge.dir`); the curation log
    /// follows `[feedback]`; metrics are kept when `metrics.listen` is set.
    pub fn from_config(
        config: &Config,
        config_path: Option<PathBuf>,
        knowledge: Option<PathBuf>,
    ) -> Operations {
        Operations {
            reload: ReloadSource {
                knowledge_dir: knowledge,
                config_path: Some(config_path.unwrap_or_else(|| PathBuf::from("config.toml"))),
            },
            config: config.clone(),
            feedback: feedback_log(&config.feedback),
            metrics: config.metrics.listen.is_some().then(Metrics::new),
        }
    }
}

/// The curation log `[feedback]` asks for, if it is on.
pub fn feedback_log(config: &crate::config::FeedbackConfig) -> Option<Arc<FeedbackLog>> {
    config.enabled.then(|| Arc::new(FeedbackLog::new(config)))
}

/// Operations of a running bot.
#[derive(Debug)]
pub struct Ops {
    pub metrics: Option<Arc<Metrics>>,
    feedback: RwLock<Option<Arc<FeedbackLog>>>,
    source: ReloadSource,
    /// The whole config in force, held for the length of a reload so two
    /// reloads (a `/reload` and a SIGHUP) never interleave.
    in_force: Mutex<Config>,
    /// Who voted on what, so one person's repeated 👎 counts once.
    pub ballots: Ballots,
}

impl Ops {
    /// The running form of `ops`, for a bot with these settings and engine.
    pub fn new(
        ops: Operations,
        discord: &DiscordConfig,
        shards: &ShardsConfig,
        engine: &SharedEngine,
    ) -> Ops {
        let Operations {
            reload,
            mut config,
            feedback,
            metrics,
        } = ops;
        config.discord = discord.clone();
        config.shards = shards.clone();
        config.engine = engine.current().config().clone();
        let metrics = metrics.or_else(|| config.metrics.listen.is_some().then(Metrics::new));
        if let Some(m) = &metrics {
            m.knowledge_loaded(&engine.current().knowledge().version, SystemTime::now());
        }
        Ops {
            metrics,
            feedback: RwLock::new(feedback),
            source: reload,
            in_force: Mutex::new(config),
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

    pub fn set_feedback(&self, log: Option<Arc<FeedbackLog>>) {
        match self.feedback.write() {
            Ok(mut g) => *g = log,
            Err(poisoned) => *poisoned.into_inner() = log,
        }
    }

    pub fn source(&self) -> &ReloadSource {
        &self.source
    }

    /// The config in force, locked (reloads hold it throughout).
    pub fn in_force(&self) -> MutexGuard<'_, Config> {
        match self.in_force.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// The address `/health` and `/metrics` should be served on, if any.
    pub fn listen(&self) -> Result<Option<SocketAddr>, BotError> {
        let Some(listen) = self.in_force().metrics.listen.clone() else {
            return Ok(None);
        };
        match listen.parse() {
            Ok(addr) => Ok(Some(addr)),
            Err(_) => Err(BotError::Metrics {
                addr: listen,
                reason: "not an address like 127.0.0.1:9090".into(),
            }),
        }
    }

    /// One question answered: counted by status and intent, and recorded
    /// for curators if it went unanswered (`no_match`, `clarify`).
    pub fn answered(&self, answer: &Answer, latency: Duration) {
        self.observe(answer.status.as_str(), answer.intent.name(), latency);
        if let Some(log) = self.feedback() {
            // Best effort: the log warns on failure and never blocks answering.
            log.record_answer(answer);
        }
    }

    /// One question counted under `status`/`intent` (e.g. a refusal).
    pub fn observe(&self, status: &str, intent: &str, latency: Duration) {
        if let Some(m) = &self.metrics {
            m.observe_answer(status, intent, latency);
        }
    }

    /// One question refused by a rate limit.
    pub fn rate_limited(&self) {
        if let Some(m) = &self.metrics {
            m.rate_limited();
        }
    }
}
