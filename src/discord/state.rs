//! What every handler shares: config, the engine, limits, button and reply
//! bookkeeping, and counters.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::config::DiscordConfig;
use crate::engine::SharedEngine;

use super::buttons::ButtonStore;
use super::limits::RateLimiter;
use super::replies::ReplyLog;

/// Question messages remembered for edit/delete tracking.
const REPLY_LOG_CAPACITY: usize = 10_000;
/// Long button questions remembered (short ones live in the button itself).
const BUTTON_STORE_CAPACITY: usize = 50_000;

/// Shared state of a running bot (poise's user data).
#[derive(Debug)]
pub struct BotState {
    pub config: DiscordConfig,
    pub engine: Arc<SharedEngine>,
    pub limiter: RateLimiter,
    pub buttons: ButtonStore,
    pub replies: ReplyLog,
    pub stats: Stats,
}

impl BotState {
    pub fn new(config: DiscordConfig, engine: Arc<SharedEngine>) -> BotState {
        BotState {
            limiter: RateLimiter::new(
                config.user_rate_limit,
                config.channel_rate_limit,
                Duration::from_secs(config.rate_window_secs),
            ),
            buttons: ButtonStore::new(
                Duration::from_secs(config.button_timeout_secs),
                BUTTON_STORE_CAPACITY,
            ),
            replies: ReplyLog::new(REPLY_LOG_CAPACITY),
            stats: Stats::default(),
            config,
            engine,
        }
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
