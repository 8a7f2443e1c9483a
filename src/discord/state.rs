//! What every handler shares: the `[discord]` settings in force, the engine,
//! rate limits, button and reply bookkeeping, and the running operations
//! (counters, curation log, reload).
//!
//! Also poise's names for it ([`Data`], [`Context`]), so that the command,
//! autocomplete and click handlers all depend on this file rather than on
//! each other.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::config::DiscordConfig;
use crate::engine::SharedEngine;
use crate::ops::RunningOps;

use crate::discord::confirmations::Confirmations;
use crate::discord::error::BotError;
use crate::discord::outbound::button_ids::ButtonStore;
use crate::discord::outbound::reply_log::ReplyLog;
use crate::discord::rate_limit::{Limits, RateLimiter};

/// Poise's user data: the shared bot state.
pub type Data = Arc<BotState>;
/// Poise's context for our commands.
pub type Context<'a> = poise::Context<'a, Data, BotError>;

/// The rate limits `[discord]` asks for.
fn limits(config: &DiscordConfig) -> Limits {
    Limits {
        burst: config.user_rate_limit,
        refill: Duration::from_secs(config.user_refill_secs),
        channel: config.channel_rate_limit,
        window: Duration::from_secs(config.rate_window_secs),
    }
}

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
    pub ops: RunningOps,
    /// A refused reload an admin may still confirm.
    pub confirmations: Confirmations,
    /// Pictures already drawn, per knowledge base version and spec.
    pub charts: crate::chart::ChartCache,
    /// Registered slash commands' ids by name, for clickable mentions
    /// (`</ask:id>`) in `/help`; empty until registration answers.
    pub command_ids: RwLock<Vec<(String, u64)>>,
}

impl BotState {
    pub fn new(config: DiscordConfig, engine: Arc<SharedEngine>, ops: RunningOps) -> BotState {
        let buttons = ButtonStore::new(
            Duration::from_secs(config.button_timeout_secs),
            BUTTON_STORE_CAPACITY,
        );
        buttons.set_votes(ops.feedback().is_some());
        BotState {
            limiter: RateLimiter::new(limits(&config)),
            buttons,
            replies: ReplyLog::new(REPLY_LOG_CAPACITY),
            config: RwLock::new(Arc::new(config)),
            engine,
            ops,
            confirmations: Confirmations::default(),
            charts: crate::chart::ChartCache::new(crate::chart::DEFAULT_CAPACITY),
            command_ids: RwLock::new(Vec::new()),
        }
    }

    /// The id Discord gave a registered command.
    pub fn command_id(&self, name: &str) -> Option<u64> {
        let ids = match self.command_ids.read() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        ids.iter().find(|(n, _)| n == name).map(|(_, id)| *id)
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
        self.limiter.set_limits(limits(&config));
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
