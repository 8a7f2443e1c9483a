//! `peelbot serve`: the bot as a process. Logging, the token, the knowledge
//! base, SIGHUP for reloads, and SIGINT/SIGTERM for a clean stop.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;

use crate::config::Config;
use crate::engine::{Engine, SharedEngine};
use crate::ops::{KnowledgeSource, Operations};

use crate::discord::lifecycle::client::{start, BotSettings};
use crate::discord::lifecycle::{logging, token};
use crate::discord::reload;
use crate::discord::state::Data;

/// Runs the bot until SIGINT/SIGTERM (or a fatal gateway error); SIGHUP
/// reloads the knowledge base and settings (this process only).
///
/// `config_path` is re-read on reload (default `config.toml`); `knowledge`
/// says where the base comes from.
pub async fn serve(
    config: Config,
    config_path: Option<PathBuf>,
    knowledge: KnowledgeSource,
) -> anyhow::Result<()> {
    let token = token::load(&config.discord)?;
    logging::init(&config.log.level, &token)?;
    let kb = knowledge
        .load(&config)
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
async fn reload_on_sighup(hangups: Hangups, state: Data) {
    #[cfg(unix)]
    if let Some(mut hangups) = hangups {
        while hangups.recv().await.is_some() {
            tracing::info!("SIGHUP: reloading");
            let report = reload::reload(Arc::clone(&state)).await;
            report.log("sighup");
        }
    }
    #[cfg(not(unix))]
    let _ = (hangups, state);
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
