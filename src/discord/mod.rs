//! The Discord front end: slash commands, mentions and prefix commands over
//! the engine, answered as embeds within Discord's limits.
//!
//! Layout, one job per file:
//! - [`bot`]: start/stop, HTTP and gateway set-up, registration;
//! - `commands`: the slash commands; `complete`: their autocomplete;
//! - `events`: messages (mentions, prefix, DMs), edits, deletes;
//! - `clicks`: buttons; `votes`: 👍/👎 into the curation log;
//!   `places`: thread parents and permissions;
//! - `ask`: limits, the engine, metrics and the log line every question shares;
//! - [`ops`]: reload source, curation log and metrics of a running bot;
//!   [`reloading`]: `/reload` and SIGHUP; `health`: shards up, `/health`;
//! - [`render`]: answers as embeds or plain text (pure, unit-tested);
//! - [`split`]: Discord's limits and word-boundary splitting;
//! - `send`: serenity builders, all with `allowed_mentions` parsing nothing;
//! - `limits`, `buttons`, `replies`, `policy`, `question`, `info`, `token`.
//!
//! [`serve`] is `peelbot serve`; [`start`] is the library entry point that
//! tests and benchmarks use against a local fake Discord.
//!
//! Intents: slash commands and @mentions need no privileged intent (Discord
//! sends the text of messages that mention the bot). Prefix commands
//! (`!peel ...`) need the privileged message-content intent, enabled in the
//! Developer Portal and with `discord.message_content_intent = true`.
//! Permissions to invite with: View Channels, Send Messages, Send Messages in
//! Threads, Embed Links (without it answers come as plain text) and Read
//! Message History (to reply to a question), i.e. `274877991936`, with the
//! `bot` and `applications.commands` scopes.
//!
//! With `discord.api_base` set to anything but `https://discord.com`, REST
//! goes through that base with serenity's rate limiter off (serenity only
//! proxies that way; the proxy is expected to rate-limit), which is also how
//! the tests reach their fake Discord. 429 handling is therefore not tested.

mod ask;
pub mod bot;
mod buttons;
mod clicks;
mod commands;
mod complete;
mod error;
mod events;
mod failure;
mod health;
mod info;
mod limits;
pub mod ops;
mod places;
mod policy;
mod question;
pub mod reloading;
pub mod render;
mod replies;
mod send;
pub mod split;
mod state;
mod token;
mod votes;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;

use crate::config::Config;
use crate::engine::{Engine, SharedEngine};

pub use bot::{start, BotHandle, BotSettings};
pub use error::BotError;
pub use ops::Operations;
pub use reloading::ReloadReport;
pub use state::StatsSnapshot;

/// Runs the bot until SIGINT/SIGTERM (or a fatal gateway error); SIGHUP
/// reloads the knowledge base and settings (this process only).
///
/// `config_path` is re-read on reload (default `config.toml`); `knowledge`
/// overrides `knowledge.dir`.
pub async fn serve(
    config: Config,
    config_path: Option<PathBuf>,
    knowledge: Option<PathBuf>,
) -> anyhow::Result<()> {
    init_logging(&config.log.level)?;
    let token = token::load(&config.discord)?;
    let kb = match knowledge.as_ref().or(config.knowledge.dir.as_ref()) {
        Some(dir) => crate::knowledge::load_dir(dir),
        None => crate::knowledge::load_embedded(),
    }
    .context("cannot load the knowledge base")?;
    tracing::info!(
        forces = kb.forces.len(),
        version = %kb.version,
        origin = %kb.origin,
        config = ?config_path,
        "knowledge base loaded"
    );
    let engine = Arc::new(SharedEngine::new(Engine::new(kb, &config.engine)));
    let ops = Operations::from_config(&config, config_path, knowledge);
    // Before connecting: SIGHUP's default action would end the process.
    let hangups = listen_for_hangups();
    let mut handle = start(BotSettings {
        token,
        discord: config.discord.clone(),
        shards: config.shards.clone(),
        engine,
        ops,
    })
    .await
    .context("cannot start the Discord client")?;
    let hangups = tokio::spawn(reload_on_sighup(hangups, Arc::clone(handle.state())));

    let result = tokio::select! {
        signal = shutdown_signal() => {
            tracing::info!(signal, "shutting down");
            handle.shutdown().await.map_err(anyhow::Error::from)
        }
        stopped = handle.stopped() => {
            stopped.with_context(|| {
                format!("the Discord client stopped (REST via {})", config.discord.api_base)
            })
        }
    };
    hangups.abort();
    result
}

/// SIGHUP, if the platform has it and it can be listened for.
#[cfg(unix)]
type Hangups = Option<tokio::signal::unix::Signal>;
#[cfg(not(unix))]
type Hangups = ();

fn listen_for_hangups() -> Hangups {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::hangup()) {
            Ok(s) => Some(s),
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGHUP; /reload still works");
                None
            }
        }
    }
}

/// Reloads on every SIGHUP, logging the outcome, until the task is aborted.
async fn reload_on_sighup(hangups: Hangups, state: commands::Data) {
    #[cfg(unix)]
    if let Some(mut hangups) = hangups {
        while hangups.recv().await.is_some() {
            tracing::info!("SIGHUP: reloading");
            let report = reloading::reload(Arc::clone(&state)).await;
            reloading::log(&report, "sighup");
        }
    }
    #[cfg(not(unix))]
    let _ = (hangups, state);
}

/// Logs to stderr at `log.level`; `RUST_LOG` overrides it.
fn init_logging(level: &str) -> anyhow::Result<()> {
    use tracing_subscriber::EnvFilter;
    let filter = match std::env::var("RUST_LOG") {
        Ok(v) if !v.trim().is_empty() => {
            EnvFilter::try_new(&v).with_context(|| format!("bad RUST_LOG filter \"{v}\""))?
        }
        _ => EnvFilter::try_new(level).with_context(|| {
            format!("bad config: key `log.level`: \"{level}\" is not a log filter")
        })?,
    };
    // A subscriber set earlier (tests, embedding) wins; that is fine.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM, naming which.
async fn shutdown_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => tokio::select! {
                _ = tokio::signal::ctrl_c() => "SIGINT",
                _ = term.recv() => "SIGTERM",
            },
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM; Ctrl-C still works");
                let _ = tokio::signal::ctrl_c().await;
                "SIGINT"
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        "SIGINT"
    }
}
