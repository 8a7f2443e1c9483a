//! What every handler shares: config, the engine, limits, button and reply
//! bookkeeping, operations (reload, curation log, metrics), and counters.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::config::DiscordConfig;
use crate::engine::SharedEngine;

use super::buttons::ButtonStore;
use super::limits::RateLimiter;
use super::ops::Ops;
use super::replies::ReplyLog;

/// Question messages remembered for edit/delete tracking.
const REPLY_LOG_CAPACITY: usize = 10_000;
/// Long button questions remembered (short ones live in the button itself).
const BUTTON_STORE_CAPACITY: usize = 50_000;

/// Shared state of a running bot (poise's user data).
#[derive(Debug)]
pub struct BotState {
    /// The `[discord]` settings in force; a reload replaces them whole, so a
    /// handler reads one consistent version (see [`BotState::config`]).
    config: RwLock<Arc<DiscordConfig>>,
    pub engine: Arc<SharedEngine>,
    pub limiter: RateLimiter,
    pub buttons: ButtonStore,
    pub replies: ReplyLog,
    pub ops: Ops,
    pub stats: Stats,
}

impl BotState {
    pub fn new(config: DiscordConfig, engine: Arc<SharedEngine>, ops: Ops) -> BotState {
        let buttons = ButtonStore::new(
            Duration::from_secs(config.button_timeout_secs),
            BUTTON_STORE_CAPACITY,
        );
        buttons.set_votes(ops.feedback().is_some());
        BotState {
            limiter: RateLimiter::new(
                config.user_rate_limit,
                config.channel_rate_limit,
                Duration::from_secs(config.rate_window_secs),
            ),
            buttons,
            replies: ReplyLog::new(REPLY_LOG_CAPACITY),
            stats: Stats::default(),
            config: RwLock::new(Arc::new(config)),
            engine,
            ops,
        }
    }

    /// The `[discord]` settings in force now.
    pub fn config(&self) -> Arc<DiscordConfig> {
        match self.config.read() {
            Ok(g) => Arc::clone(&g),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Installs reloaded `[discord]` settings, with the limits and button
    /// timeout that follow from them.
    pub fn set_config(&self, config: DiscordConfig) {
        self.limiter.set_limits(
            config.user_rate_limit,
            config.channel_rate_limit,
            Duration::from_secs(config.rate_window_secs),
        );
        self.buttons
            .set_ttl(Duration::from_secs(config.button_timeout_secs));
        let config = Arc::new(config);
        match self.config.write() {
            Ok(mut g) => *g = config,
            Err(poisoned) => *poisoned.into_inner() = config,
        }
    }

    /// Whether `user` may run admin commands (`/reload`): listed in
    /// `discord.owners` or `discord.admins`.
    pub fn is_admin(&self, user: u64) -> bool {
        let c = self.config();
        user != 0 && (c.owners.contains(&user) || c.admins.contains(&user))
    }
}

/// Counters since start; cheap enough to bump on every event.
#[derive(Debug, Default)]
pub struct Stats {
    /// Message, edit, delete and interaction events fully handled.
    pub events: AtomicU64,
    /// Questions given to the engine.
    pub questions: AtomicU64,
    /// Questions refused by a rate limit.
    pub rate_limited: AtomicU64,
    /// Messages ignored (bots, the bot itself, webhooks, not addressed, not allowed here).
    pub ignored: AtomicU64,
    /// Sends, edits or deletes that Discord refused.
    pub send_errors: AtomicU64,
}

/// The bot's counters at one moment (see [`BotHandle::stats`](super::BotHandle::stats)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatsSnapshot {
    pub events: u64,
    pub questions: u64,
    pub rate_limited: u64,
    pub ignored: u64,
    pub send_errors: u64,
}

impl Stats {
    pub fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> StatsSnapshot {
        StatsSnapshot {
            events: self.events.load(Ordering::Acquire),
            questions: self.questions.load(Ordering::Relaxed),
            rate_limited: self.rate_limited.load(Ordering::Relaxed),
            ignored: self.ignored.load(Ordering::Relaxed),
            send_errors: self.send_errors.load(Ordering::Relaxed),
        }
    }
}
