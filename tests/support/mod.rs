//! Shared by the Discord end-to-end tests and the Discord benchmark: a fake
//! Discord, fixtures, invariant checks, and a real bot wired to them.
//!
//! Each test binary uses a different subset of these helpers.
#![allow(dead_code, reason = "each test binary uses a subset of the helpers")]

pub mod checks;
pub mod fake;
pub mod fixtures;
pub mod measure;

use std::sync::Arc;
use std::time::Duration;

use peelbot::config::{DiscordConfig, EngineConfig, Secret, ShardsConfig};
use peelbot::discord::{BotHandle, BotSettings};
use peelbot::engine::{Engine, SharedEngine};

pub use fake::{FakeDiscord, FakeGateway, FakeOptions, Recorded};

/// Generous: CI machines are small and tests run in parallel.
pub const WAIT: Duration = Duration::from_secs(20);

/// A bot running against its own fake Discord.
pub struct Harness {
    pub fake: FakeDiscord,
    pub bot: BotHandle,
}

/// Settings for tests: the fake as API, the dev guild for registration,
/// prefix commands on, limits high enough not to interfere.
pub fn test_config(api_base: String) -> DiscordConfig {
    DiscordConfig {
        api_base,
        message_content_intent: true,
        dev_guild_id: Some(fixtures::GUILD_ID),
        user_rate_limit: 10_000,
        channel_rate_limit: 10_000,
        ..DiscordConfig::default()
    }
}

/// The embedded knowledge base's engine, shared and swappable.
pub fn engine(config: &EngineConfig) -> Arc<SharedEngine> {
    let kb = peelbot::knowledge::load_embedded().expect("embedded knowledge base loads");
    Arc::new(SharedEngine::new(Engine::new(kb, config)))
}

fn init_logs() {
    // RUST_LOG=peelbot=debug cargo test ... shows the bot's logs.
    if std::env::var_os("RUST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_test_writer()
            .try_init();
    }
}

/// Starts a fake Discord and the real bot against it, with `tweak` applied
/// to the test config, and waits until the bot is ready.
pub async fn start(tweak: impl FnOnce(&mut DiscordConfig)) -> Harness {
    start_with(
        FakeOptions::default(),
        engine(&EngineConfig::default()),
        tweak,
    )
    .await
}

pub async fn start_with(
    options: FakeOptions,
    engine: Arc<SharedEngine>,
    tweak: impl FnOnce(&mut DiscordConfig),
) -> Harness {
    let fake = FakeDiscord::start_with(options).await;
    let bot = start_bot(&fake, TOKEN, ShardsConfig::default(), engine, tweak).await;
    Harness { fake, bot }
}

/// The token of the bot [`start`] runs.
pub const TOKEN: &str = "fake.bot.token";

/// Starts the real bot (token `token`, shards `shards`) against a running
/// fake, with `tweak` applied to the test config; does not wait.
/// Several bots may share one fake, like processes sharing one Discord.
pub async fn launch_bot(
    fake: &FakeDiscord,
    token: &str,
    shards: ShardsConfig,
    engine: Arc<SharedEngine>,
    tweak: impl FnOnce(&mut DiscordConfig),
) -> BotHandle {
    init_logs();
    let mut config = test_config(fake.api_base());
    tweak(&mut config);
    peelbot::discord::start(BotSettings {
        token: Secret::new(token),
        discord: config,
        shards,
        engine,
        ops: peelbot::discord::Operations::default(),
    })
    .await
    .expect("bot starts")
}

/// [`launch_bot`], then waits until the bot is ready.
pub async fn start_bot(
    fake: &FakeDiscord,
    token: &str,
    shards: ShardsConfig,
    engine: Arc<SharedEngine>,
    tweak: impl FnOnce(&mut DiscordConfig),
) -> BotHandle {
    let mut bot = launch_bot(fake, token, shards, engine, tweak).await;
    assert!(
        bot.wait_ready(WAIT).await,
        "bot not ready within {WAIT:?}; gateway {:?}",
        fake.gateway_stats()
    );
    bot
}

/// A fake whose gateway splits `guilds` (GUILD_CREATE payloads) over `shards`.
pub async fn sharded_fake(
    options: FakeOptions,
    shards: u32,
    guilds: Vec<serde_json::Value>,
) -> FakeDiscord {
    FakeDiscord::start_with_gateway(
        options,
        FakeGateway {
            shards,
            guilds,
            ..FakeGateway::default()
        },
    )
    .await
}

impl Harness {
    /// Waits until the bot has fully handled `n` message/interaction events.
    pub async fn wait_events(&self, n: u64) {
        let deadline = tokio::time::Instant::now() + WAIT;
        while self.bot.stats().events < n {
            assert!(
                tokio::time::Instant::now() < deadline,
                "bot handled {} of {n} events within {WAIT:?}",
                self.bot.stats().events
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Sends a message event; returns its id.
    pub fn say(&self, channel: u64, content: &str) -> u64 {
        let (id, m) = fixtures::message(channel, fixtures::USER, content);
        self.fake.dispatch("MESSAGE_CREATE", m);
        id
    }

    /// Waits for the bot's reply to message `id` in `channel`.
    pub async fn reply_to(&self, channel: u64, id: u64) -> Arc<Recorded> {
        let path = format!("/channels/{channel}/messages");
        self.fake
            .wait_for(&format!("a reply to message {id}"), WAIT, |r| {
                r.is("POST", &path) && r.replies_to() == Some(id) && r.status == 200
            })
            .await
    }

    /// Sends an interaction; returns its id.
    pub fn interact(&self, interaction: serde_json::Value) -> u64 {
        let id = interaction["id"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("interaction id");
        self.fake.dispatch("INTERACTION_CREATE", interaction);
        id
    }

    /// Waits for the response to interaction `id`.
    pub async fn callback(&self, id: u64) -> Arc<Recorded> {
        self.fake
            .wait_for(&format!("a response to interaction {id}"), WAIT, |r| {
                r.interaction() == Some(id)
            })
            .await
    }

    /// Every message sent so far kept the rules.
    pub fn assert_sends_ok(&self) {
        checks::assert_all_sends_ok(&self.fake.requests());
    }
}

/// All text a sent message shows: content, titles, descriptions, fields, footers.
pub fn shown_text(m: &serde_json::Value) -> String {
    let mut out = m["content"].as_str().unwrap_or_default().to_string();
    for e in m["embeds"].as_array().into_iter().flatten() {
        for key in ["title", "description"] {
            out.push('\n');
            out.push_str(e[key].as_str().unwrap_or_default());
        }
        for f in e["fields"].as_array().into_iter().flatten() {
            out.push('\n');
            out.push_str(f["name"].as_str().unwrap_or_default());
            out.push('\n');
            out.push_str(f["value"].as_str().unwrap_or_default());
        }
        out.push('\n');
        out.push_str(e["footer"]["text"].as_str().unwrap_or_default());
    }
    out
}

/// The custom ids of a sent message's buttons.
pub fn button_ids(m: &serde_json::Value) -> Vec<String> {
    button_field(m, "custom_id")
}

/// The labels of a sent message's buttons.
pub fn button_labels(m: &serde_json::Value) -> Vec<String> {
    button_field(m, "label")
}

/// Runs the real `peelbot serve` binary with a config file (its working
/// directory `cwd`), quietly logging warnings only.
pub fn spawn_serve(
    config: &std::path::Path,
    cwd: &std::path::Path,
    token: &str,
) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_peelbot"))
        .arg("--config")
        .arg(config)
        .arg("serve")
        .env("DISCORD_TOKEN", token)
        .env_remove("RUST_LOG")
        .current_dir(cwd)
        .kill_on_drop(true)
        .spawn()
        .expect("spawn peelbot serve")
}

/// `peelbot serve` with extra environment (`RUST_LOG`, ...) and its stderr
/// (and stdout) captured, for tests that read what it logs.
pub fn spawn_serve_logged(
    config: &std::path::Path,
    cwd: &std::path::Path,
    token: &str,
    env: &[(&str, &str)],
) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_peelbot"))
        .arg("--config")
        .arg(config)
        .arg("serve")
        .env("DISCORD_TOKEN", token)
        .env_remove("RUST_LOG")
        .envs(env.iter().copied())
        .current_dir(cwd)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn peelbot serve")
}

/// The values of one key ("custom_id", "label") of a sent message's buttons.
fn button_field(m: &serde_json::Value, key: &str) -> Vec<String> {
    m["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| b[key].as_str().unwrap_or_default().to_string())
        .collect()
}
