//! Starting and stopping the bot: the HTTP client (optionally through a
//! proxy), gateway intents, the poise framework, command registration, and a
//! handle to wait for readiness, read counters and shut down.
//!
//! [`start`] takes everything explicitly (token, config, engine) so tests and
//! benchmarks run the real serenity client against a local fake Discord.

use std::sync::Arc;
use std::time::Duration;

use poise::serenity_prelude as serenity;
use serenity::{GatewayIntents, GuildId, HttpBuilder, ShardManager, UserId};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::{DiscordConfig, Secret, ShardsConfig};
use crate::engine::SharedEngine;
use crate::ops::http::MetricsListener;
use crate::ops::{Metrics, Operations, ReloadReport, RunningOps, StatsSnapshot};

use crate::discord::error::BotError;
use crate::discord::inbound::{command_errors, commands, events};
use crate::discord::lifecycle::shards::{run_shards, ShardPlan, ShardWatch};
use crate::discord::outbound::builders;
use crate::discord::outbound::rest::{self, Relay};
use crate::discord::reload;
use crate::discord::state::{BotState, Data};

/// How long [`BotHandle::shutdown`] waits for the shards to close.
pub const SHUTDOWN_BOUND: Duration = Duration::from_millis(1500);

/// Discord's own API base; anything else is a proxy (or a test's fake).
pub const DISCORD_API: &str = "https://discord.com";

/// What the bot needs to run.
#[derive(Debug, Clone)]
pub struct BotSettings {
    pub token: Secret,
    pub discord: DiscordConfig,
    pub shards: ShardsConfig,
    pub engine: Arc<SharedEngine>,
    /// Reload, curation log and metrics (`Operations::default()`: all off).
    pub ops: Operations,
}

/// A running bot.
pub struct BotHandle {
    shard_manager: Arc<ShardManager>,
    client: Option<JoinHandle<Result<(), serenity::Error>>>,
    state: Data,
    ready: watch::Receiver<bool>,
    shard_plan: watch::Receiver<Option<ShardPlan>>,
    metrics: Option<MetricsListener>,
    /// The REST relay, when REST goes through a proxy; lives as long as the bot.
    _relay: Option<Relay>,
}

impl std::fmt::Debug for BotHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotHandle")
            .field("ready", &*self.ready.borrow())
            .field("stats", &self.state.ops.metrics.snapshot())
            .finish_non_exhaustive()
    }
}

/// The gateway intents for a config: none privileged unless prefix commands
/// are wanted (message content is privileged; slash commands and mentions
/// work without it).
pub fn intents(config: &DiscordConfig) -> GatewayIntents {
    let mut intents = GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES;
    if config.allow_dms {
        intents |= GatewayIntents::DIRECT_MESSAGES;
    }
    if config.message_content_intent {
        intents |= GatewayIntents::MESSAGE_CONTENT;
    }
    intents
}

/// The REST client: straight to Discord with serenity's rate limiter, or
/// through `relay` (to `api_base`) with it off (serenity only routes
/// through a proxy with its limiter off; the relay honours 429s). Every
/// call has `timeout`.
fn http(token: &Secret, relay: Option<&Relay>, timeout: Duration) -> serenity::Http {
    let builder = HttpBuilder::new(token.expose())
        .default_allowed_mentions(builders::no_mentions())
        .client(rest::client(timeout));
    match relay {
        None => builder.build(),
        Some(relay) => builder
            .proxy(relay.base())
            .ratelimiter_disabled(true)
            .build(),
    }
}

/// Whether REST goes to Discord itself rather than a proxy.
fn is_discord(api_base: &str) -> bool {
    api_base.trim_end_matches('/') == DISCORD_API
}

fn framework_options(config: &DiscordConfig) -> poise::FrameworkOptions<Data, BotError> {
    let mut commands = commands::all();
    for c in &mut commands {
        c.guild_only = !config.allow_dms;
    }
    poise::FrameworkOptions {
        commands,
        on_error: |e| Box::pin(command_errors::on_error(e)),
        event_handler: |fctx, event| Box::pin(events::handle(fctx, event)),
        allowed_mentions: Some(builders::no_mentions()),
        reply_callback: Some(|_, reply| reply.allowed_mentions(builders::no_mentions())),
        // Free text after the prefix or a mention goes to the engine, which
        // the event handler does; poise's prefix parsing would call it an
        // unknown command.
        prefix_options: poise::PrefixFrameworkOptions {
            prefix: None,
            mention_as_prefix: false,
            ..Default::default()
        },
        initialize_owners: false,
        owners: config
            .owners
            .iter()
            .filter(|&&id| id != 0)
            .map(|&id| UserId::new(id))
            .collect(),
        ..Default::default()
    }
}

/// Registers the slash commands: in the dev guild (instant) or globally
/// (Discord takes up to an hour to show changes). Registered with serenity
/// directly, not poise's helpers, which drop what Discord answers: the
/// commands' ids, kept for `/help`'s clickable mentions.
async fn register(
    ctx: &serenity::Context,
    commands: &[poise::Command<Data, BotError>],
    dev_guild: Option<u64>,
    state: &BotState,
) {
    let builders = poise::builtins::create_application_commands(commands);
    let result = match dev_guild.filter(|&g| g != 0) {
        Some(g) => GuildId::new(g).set_commands(ctx, builders).await,
        None => serenity::Command::set_global_commands(ctx, builders).await,
    };
    match result {
        Ok(registered) => {
            tracing::info!(
                commands = registered.len(),
                guild = dev_guild,
                "slash commands registered"
            );
            let ids = registered
                .iter()
                .map(|c| (c.name.clone(), c.id.get()))
                .collect();
            match state.command_ids.write() {
                Ok(mut g) => *g = ids,
                Err(p) => *p.into_inner() = ids,
            }
        }
        Err(e) => tracing::error!(error = %e, "could not register slash commands"),
    }
}

/// Connects the bot and returns once the client is running; the gateway
/// session starts in the background (see [`BotHandle::wait_ready`]).
pub async fn start(settings: BotSettings) -> Result<BotHandle, BotError> {
    let BotSettings {
        token,
        discord,
        shards,
        engine,
        ops,
    } = settings;
    let intents = intents(&discord);
    let dev_guild = discord.dev_guild_id;
    let options = framework_options(&discord);
    let mut in_force = ops.config.clone();
    in_force.discord = discord.clone();
    in_force.shards = shards.clone();
    in_force.engine = engine.current().config().clone();
    let ops = RunningOps::new(ops, in_force, &engine);
    let rest_timeout = Duration::from_secs(discord.rest_timeout_secs.max(1));
    let relay = if is_discord(&discord.api_base) {
        None
    } else {
        let relay = Relay::start(&discord.api_base, rest_timeout, Arc::clone(&ops.metrics))
            .await
            .map_err(|e| BotError::Stopped(format!("cannot start the REST relay: {e}")))?;
        Some(relay)
    };
    // Through the relay, its own bounds (timeout and 429 waits) come first.
    let backstop = match &relay {
        None => rest_timeout,
        Some(_) => rest_timeout * (rest::MAX_RETRIES + 1) + rest::OTHER_BUDGET,
    };
    let http = http(&token, relay.as_ref(), backstop);
    let shard_watch = Arc::new(ShardWatch::new(Arc::clone(&ops.metrics)));
    // Serve /health (503 until the shards connect) before connecting.
    let listen = ops.listen().map_err(|addr| BotError::Metrics {
        addr,
        reason: "not an address like 127.0.0.1:9090".into(),
    })?;
    let listener = match listen {
        Some(addr) => Some(
            MetricsListener::start(addr, Arc::clone(&ops.metrics))
                .await
                .map_err(|e| BotError::Metrics {
                    addr: addr.to_string(),
                    reason: e.to_string(),
                })?,
        ),
        None => None,
    };
    let state: Data = Arc::new(BotState::new(discord, engine, ops));
    let (ready_tx, ready) = watch::channel(false);

    let data = Arc::clone(&state);
    let framework = poise::Framework::builder()
        .options(options)
        .initialize_owners(false)
        .setup(move |ctx, _ready, framework| {
            Box::pin(async move {
                register(ctx, &framework.options().commands, dev_guild, &data).await;
                // Registration errors are logged, never returned: poise waits
                // for this data before handling any event.
                let _ = ready_tx.send(true);
                Ok(data)
            })
        })
        .build();

    let client = serenity::ClientBuilder::new_with_http(http, intents)
        .framework(framework)
        .event_handler_arc(Arc::clone(&shard_watch))
        .await?;
    let shard_manager = Arc::clone(&client.shard_manager);
    let plan = ShardPlan::from_config(&shards);
    let (plan_tx, shard_plan) = watch::channel(plan);
    let expected = {
        let plan = shard_plan.clone();
        move || plan.borrow().map_or(0, |p| p.count())
    };
    shard_watch.attach(Arc::clone(&shard_manager), Box::new(expected));
    let task = tokio::spawn(run_shards(client, plan, plan_tx));
    Ok(BotHandle {
        shard_manager,
        client: Some(task),
        state,
        ready,
        shard_plan,
        metrics: listener,
        _relay: relay,
    })
}

impl BotHandle {
    /// Waits until the first READY was handled and commands registered.
    pub async fn wait_ready(&mut self, timeout: Duration) -> bool {
        tokio::time::timeout(timeout, self.ready.wait_for(|r| *r))
            .await
            .is_ok_and(|r| r.is_ok())
    }

    /// The shards this process runs: from `[shards]`, or once Discord has
    /// recommended a count when autosharding (`None` until then).
    pub fn shard_plan(&self) -> Option<ShardPlan> {
        *self.shard_plan.borrow()
    }

    /// How many gateway shards this process runs (expected, not connected).
    pub fn shard_count(&self) -> Option<u32> {
        self.shard_plan().map(|p| p.count())
    }

    /// Waits (bounded) until the shard plan is known.
    pub async fn wait_shard_plan(&mut self, timeout: Duration) -> Option<ShardPlan> {
        let known = tokio::time::timeout(timeout, self.shard_plan.wait_for(Option::is_some)).await;
        known.ok().and_then(|r| r.ok()).and_then(|p| *p)
    }

    /// Where `/health` and `/metrics` are served (with `metrics.listen`).
    pub fn metrics_addr(&self) -> Option<std::net::SocketAddr> {
        self.metrics.as_ref().map(MetricsListener::addr)
    }

    /// The metrics this bot reports to.
    pub fn metrics(&self) -> Arc<Metrics> {
        Arc::clone(&self.state.ops.metrics)
    }

    /// Reloads this process's knowledge base and settings, as `/reload`
    /// and SIGHUP do.
    pub async fn reload(&self) -> ReloadReport {
        reload::reload(Arc::clone(&self.state)).await
    }

    /// Counters since start.
    pub fn stats(&self) -> StatsSnapshot {
        self.state.ops.metrics.snapshot()
    }

    /// The shared state (engine, limits), e.g. to swap the engine.
    pub fn state(&self) -> &Data {
        &self.state
    }

    /// Waits for the client to stop on its own (a fatal gateway error such
    /// as a bad token), returning why.
    pub async fn stopped(&mut self) -> Result<(), BotError> {
        let Some(task) = self.client.as_mut() else {
            return Ok(());
        };
        let result = task.await;
        self.client = None;
        match result {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(BotError::from(e)),
            Err(e) => Err(BotError::Stopped(e.to_string())),
        }
    }

    /// Closes every shard cleanly and waits, at most [`SHUTDOWN_BOUND`], for
    /// the client to end; a client still trying to reach an unreachable
    /// gateway is then stopped where it is (nothing is lost: it had no
    /// session). Also stops the metrics listener.
    pub async fn shutdown(mut self) -> Result<(), BotError> {
        let manager = Arc::clone(&self.shard_manager);
        let graceful = async {
            manager.shutdown_all().await;
            self.stopped().await
        };
        let result = match tokio::time::timeout(SHUTDOWN_BOUND, graceful).await {
            Ok(result) => result,
            Err(_) => {
                tracing::warn!(
                    bound = ?SHUTDOWN_BOUND,
                    "the gateway did not close in time (unreachable?); stopping anyway"
                );
                if let Some(task) = self.client.take() {
                    task.abort();
                }
                Ok(())
            }
        };
        if let Some(listener) = self.metrics.as_mut() {
            let _ = tokio::time::timeout(Duration::from_millis(300), listener.stop()).await;
        }
        result
    }
}

impl Drop for BotHandle {
    fn drop(&mut self) {
        if let Some(task) = self.client.take() {
            task.abort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bot_intents_privileged_only_when_asked() {
        let c = DiscordConfig::default();
        let i = intents(&c);
        assert!(i.contains(GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES));
        assert!(!i.contains(GatewayIntents::MESSAGE_CONTENT));
        assert!(!i.contains(GatewayIntents::DIRECT_MESSAGES));
        let c = DiscordConfig {
            allow_dms: true,
            message_content_intent: true,
            ..DiscordConfig::default()
        };
        let i = intents(&c);
        assert!(i.contains(GatewayIntents::MESSAGE_CONTENT | GatewayIntents::DIRECT_MESSAGES));
    }

    #[test]
    fn bot_framework_mentions_nobody() {
        let o = framework_options(&DiscordConfig::default());
        let v = serde_json::to_value(o.allowed_mentions.clone()).unwrap();
        assert_eq!(v["parse"], serde_json::json!([]));
        assert!(o.prefix_options.prefix.is_none());
        assert!(!o.prefix_options.mention_as_prefix);
        assert!(o.commands.iter().all(|c| c.guild_only));
    }

    #[test]
    fn bot_settings_debug_hides_token() {
        let kb = crate::knowledge::load_embedded().expect("embedded knowledge loads");
        let engine = crate::engine::Engine::new(kb, &Default::default());
        let s = BotSettings {
            token: Secret::new("very.secret.token"),
            discord: DiscordConfig::default(),
            shards: ShardsConfig::default(),
            engine: Arc::new(SharedEngine::new(engine)),
            ops: Operations::default(),
        };
        let d = format!("{s:?}");
        assert!(!d.contains("very.secret"), "{d}");
    }
}
