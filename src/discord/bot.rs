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
use crate::metrics::Metrics;

use super::commands::{self, Data};
use super::error::BotError;
use super::health::{MetricsListener, ShardWatch};
use super::ops::{Operations, Ops};
use super::reloading::{self, ReloadReport};
use super::state::{BotState, StatsSnapshot};
use super::{events, failure, send};

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

/// The gateway shards this process runs: `first..=last` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardPlan {
    pub first: u32,
    /// Inclusive.
    pub last: u32,
    pub total: u32,
}

impl ShardPlan {
    /// The plan `[shards]` asks for, or `None` for autosharding (all the
    /// shards Discord recommends). `first` defaults to 0 and `last` to
    /// `total - 1`; config validation guarantees `first <= last < total`.
    pub fn from_config(shards: &ShardsConfig) -> Option<ShardPlan> {
        let total = shards.total?.max(1);
        let last = shards.last.unwrap_or(total - 1).min(total - 1);
        let first = shards.first.unwrap_or(0).min(last);
        Some(ShardPlan { first, last, total })
    }

    /// Every shard of `total`, as autosharding runs them.
    pub fn all(total: u32) -> ShardPlan {
        let total = total.max(1);
        ShardPlan {
            first: 0,
            last: total - 1,
            total,
        }
    }

    /// How many shards this process runs.
    pub fn count(&self) -> u32 {
        self.last - self.first + 1
    }
}

/// Runs the shards of `plan`, or of Discord's recommendation (`GET
/// /gateway/bot`, as serenity's `start_autosharded` does) when there is none;
/// `plan_tx` gets the plan before any shard starts. serenity boots the
/// shards one by one, 5 s apart, whatever `max_concurrency` allows.
async fn run_shards(
    mut client: serenity::Client,
    plan: Option<ShardPlan>,
    plan_tx: watch::Sender<Option<ShardPlan>>,
) -> Result<(), serenity::Error> {
    let plan = match plan {
        Some(plan) => {
            // Best effort: a total below Discord's recommendation ends in
            // close 4011, which serenity 0.12.5 only logs and retries.
            let lookup =
                tokio::time::timeout(Duration::from_secs(10), client.http.get_bot_gateway());
            match lookup.await {
                Ok(Ok(gateway)) => {
                    log_gateway(&gateway, "configured shards");
                    if plan.total < gateway.shards {
                        tracing::warn!(
                            total = plan.total,
                            recommended = gateway.shards,
                            "shards.total is below Discord's recommendation; Discord may refuse shards (close 4011)"
                        );
                    }
                }
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, "cannot read GET /gateway/bot; starting the configured shards")
                }
                Err(_) => {
                    tracing::warn!("GET /gateway/bot timed out; starting the configured shards")
                }
            }
            plan
        }
        None => {
            let gateway = client.http.get_bot_gateway().await?;
            log_gateway(&gateway, "autosharding");
            ShardPlan::all(gateway.shards)
        }
    };
    let _ = plan_tx.send(Some(plan));
    tracing::info!(
        first = plan.first,
        last = plan.last,
        total = plan.total,
        "starting gateway shards"
    );
    // serenity's range end is inclusive: `first..last` runs first..=last.
    client
        .start_shard_range(plan.first..plan.last, plan.total)
        .await
}

fn log_gateway(gateway: &serenity::BotGateway, what: &'static str) {
    let limit = &gateway.session_start_limit;
    tracing::info!(
        recommended = gateway.shards,
        max_concurrency = limit.max_concurrency,
        sessions_remaining = limit.remaining,
        "{what}"
    );
}

/// A running bot.
pub struct BotHandle {
    shard_manager: Arc<ShardManager>,
    client: Option<JoinHandle<Result<(), serenity::Error>>>,
    state: Data,
    ready: watch::Receiver<bool>,
    shard_plan: watch::Receiver<Option<ShardPlan>>,
    metrics: Option<MetricsListener>,
}

impl std::fmt::Debug for BotHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotHandle")
            .field("ready", &*self.ready.borrow())
            .field("stats", &self.state.stats.snapshot())
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
/// through `api_base` with it off (the proxy does the rate limiting, and
/// serenity only routes through a proxy with its limiter off).
fn http(token: &Secret, api_base: &str) -> serenity::Http {
    let base = api_base.trim_end_matches('/');
    let builder = HttpBuilder::new(token.expose()).default_allowed_mentions(send::no_mentions());
    if base == DISCORD_API {
        builder.build()
    } else {
        builder.proxy(base).ratelimiter_disabled(true).build()
    }
}

fn framework_options(config: &DiscordConfig) -> poise::FrameworkOptions<Data, BotError> {
    let mut commands = commands::all();
    for c in &mut commands {
        c.guild_only = !config.allow_dms;
    }
    poise::FrameworkOptions {
        commands,
        on_error: |e| Box::pin(failure::on_error(e)),
        event_handler: |fctx, event| Box::pin(events::handle(fctx, event)),
        allowed_mentions: Some(send::no_mentions()),
        reply_callback: Some(|_, reply| reply.allowed_mentions(send::no_mentions())),
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
/// (Discord takes up to an hour to show changes).
async fn register(
    ctx: &serenity::Context,
    commands: &[poise::Command<Data, BotError>],
    dev_guild: Option<u64>,
) {
    let result = match dev_guild.filter(|&g| g != 0) {
        Some(g) => poise::builtins::register_in_guild(ctx, commands, GuildId::new(g)).await,
        None => poise::builtins::register_globally(ctx, commands).await,
    };
    match result {
        Ok(()) => tracing::info!(
            commands = commands.len(),
            guild = dev_guild,
            "slash commands registered"
        ),
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
    let http = http(&token, &discord.api_base);
    let intents = intents(&discord);
    let dev_guild = discord.dev_guild_id;
    let options = framework_options(&discord);
    let ops = Ops::new(ops, &discord, &shards, &engine);
    let shard_watch = ops.metrics.clone().map(|m| Arc::new(ShardWatch::new(m)));
    // Serve /health (503 until the shards connect) before connecting.
    let listener = match (ops.listen()?, &ops.metrics) {
        (Some(addr), Some(m)) => Some(MetricsListener::start(addr, Arc::clone(m)).await?),
        _ => None,
    };
    let state: Data = Arc::new(BotState::new(discord, engine, ops));
    let (ready_tx, ready) = watch::channel(false);

    let data = Arc::clone(&state);
    let framework = poise::Framework::builder()
        .options(options)
        .initialize_owners(false)
        .setup(move |ctx, _ready, framework| {
            Box::pin(async move {
                register(ctx, &framework.options().commands, dev_guild).await;
                // Registration errors are logged, never returned: poise waits
                // for this data before handling any event.
                let _ = ready_tx.send(true);
                Ok(data)
            })
        })
        .build();

    let mut builder = serenity::ClientBuilder::new_with_http(http, intents).framework(framework);
    if let Some(w) = &shard_watch {
        builder = builder.event_handler_arc(Arc::clone(w));
    }
    let client = builder.await?;
    let shard_manager = Arc::clone(&client.shard_manager);
    let plan = ShardPlan::from_config(&shards);
    let (plan_tx, shard_plan) = watch::channel(plan);
    if let Some(w) = &shard_watch {
        let plan = shard_plan.clone();
        let expected = move || plan.borrow().map_or(0, |p| p.count());
        w.attach(Arc::clone(&shard_manager), Box::new(expected));
    }
    let task = tokio::spawn(run_shards(client, plan, plan_tx));
    Ok(BotHandle {
        shard_manager,
        client: Some(task),
        state,
        ready,
        shard_plan,
        metrics: listener,
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

    /// The metrics this bot reports to, if any.
    pub fn metrics(&self) -> Option<Arc<Metrics>> {
        self.state.ops.metrics.clone()
    }

    /// Reloads this process's knowledge base and settings, as `/reload`
    /// and SIGHUP do.
    pub async fn reload(&self) -> ReloadReport {
        reloading::reload(Arc::clone(&self.state)).await
    }

    /// Counters since start.
    pub fn stats(&self) -> StatsSnapshot {
        self.state.stats.snapshot()
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

    /// Closes every shard cleanly and waits (bounded) for the client to end.
    /// Also stops the metrics listener.
    pub async fn shutdown(mut self) -> Result<(), BotError> {
        self.shard_manager.shutdown_all().await;
        let result = match tokio::time::timeout(Duration::from_secs(10), self.stopped()).await {
            Ok(result) => result,
            Err(_) => Err(BotError::Stopped(
                "the client did not stop within 10 s".into(),
            )),
        };
        if let Some(listener) = self.metrics.as_mut() {
            listener.stop().await;
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
    fn bot_shard_plan_from_config_is_inclusive() {
        let plan =
            |total, first, last| ShardPlan::from_config(&ShardsConfig { total, first, last });
        assert_eq!(plan(None, None, None), None);
        let p = plan(Some(2), Some(1), Some(1)).unwrap();
        assert_eq!((p.first, p.last, p.total, p.count()), (1, 1, 2, 1));
        let p = plan(Some(4), None, None).unwrap();
        assert_eq!((p.first, p.last, p.count()), (0, 3, 4));
        let p = plan(Some(10), Some(4), Some(7)).unwrap();
        assert_eq!(p.count(), 4);
        let p = plan(Some(3), Some(2), None).unwrap();
        assert_eq!((p.first, p.last, p.count()), (2, 2, 1));
        assert_eq!(ShardPlan::all(0).count(), 1);
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
