//! `peelbot serve`: the bot as a process. Logging, the token, the knowledge
//! base, SIGHUP for reloads, and SIGINT/SIGTERM for a clean stop.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;

use crate::config::Config;
use crate::engine::{Engine, SharedEngine};
use crate::ops::{KnowledgeSource, Operations};

use crate::discord::error::BotError;
use crate::discord::lifecycle::client::{start, BotSettings};
use crate::discord::lifecycle::fatal::{Exit, FatalClose};
use crate::discord::lifecycle::{logging, token};
use crate::discord::reload;
use crate::discord::state::Data;

/// How long a graceful stop may take before the watchdog ends the process.
pub const WATCHDOG: Duration = Duration::from_secs(5);

/// Runs the bot until SIGINT/SIGTERM (or a fatal gateway error); SIGHUP
/// reloads the knowledge base and settings (this process only). The exit
/// status says how it ended ([`Exit`]): 0 after a signal (within about 2 s,
/// even with the gateway unreachable), 78 after a fatal gateway close, and
/// 1 if a graceful stop after a signal overran [`WATCHDOG`]; other errors
/// are returned.
///
/// `config_path` is re-read on reload (default `config.toml`); `knowledge`
/// says where the base comes from.
pub async fn serve(
    config: Config,
    config_path: Option<PathBuf>,
    knowledge: KnowledgeSource,
) -> anyhow::Result<Exit> {
    let token = token::load(&config.discord)?;
    let mut fatal = logging::init(&config.log.level, &token)?;
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
    if config.engine.max_question_chars != crate::discord::inbound::commands::ASK_MAX_LENGTH {
        // Discord's own limit on /ask is fixed at registration; the engine's
        // check, on every path, is the one that counts.
        tracing::warn!(
            engine_limit = config.engine.max_question_chars,
            ask_limit = crate::discord::inbound::commands::ASK_MAX_LENGTH,
            "engine.max_question_chars differs from the limit /ask registers with Discord"
        );
    }
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
            watchdog(Exit::Watchdog);
            handle.shutdown().await.map(|()| Exit::Clean).map_err(anyhow::Error::from)
        }
        close = fatal.wait_for(Option::is_some) => {
            let close = close.ok().and_then(|c| *c);
            // Said before stopping: a stop that overruns still says why.
            if let Some(close) = close {
                tracing::error!(code = close.0, "{close}");
                eprintln!("peelbot: {close}");
            }
            // The outcome is known: even an overrunning stop exits 78.
            watchdog(Exit::Fatal);
            let _ = handle.shutdown().await;
            Ok(Exit::Fatal)
        }
        stopped = handle.stopped() => match stopped {
            Err(BotError::Discord(e)) if FatalClose::from_error(&e).is_some() => {
                if let Some(close) = FatalClose::from_error(&e) {
                    tracing::error!(code = close.0, "{close}");
                    eprintln!("peelbot: {close}");
                }
                Ok(Exit::Fatal)
            }
            other => other.map(|()| Exit::Clean).with_context(|| {
                format!("the Discord client stopped (REST via {})", config.discord.api_base)
            }),
        }
    };
    hangups.abort();
    result
}

/// Ends the process with `exit` if the stop now beginning has not finished
/// within [`WATCHDOG`] (a task that ignores cancellation, a blocking call
/// that never returns): [`Exit::Watchdog`] after a signal, [`Exit::Fatal`]
/// after a fatal close, so a supervisor still learns not to restart.
fn watchdog(exit: Exit) {
    std::thread::spawn(move || {
        std::thread::sleep(WATCHDOG);
        eprintln!(
            "peelbot: the graceful stop did not finish within {} s; exiting with code {}",
            WATCHDOG.as_secs(),
            exit.code()
        );
        std::process::exit(i32::from(exit.code()));
    });
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
