//! Hot reload for the bot: `/reload` and SIGHUP both land here.
//!
//! [`crate::ops`] validates the knowledge directory and config file, swaps
//! the engine atomically (a question in flight finishes on the base it
//! started with), switches the curation log and says what changed; this file
//! installs the reloaded `[discord]` settings in the running bot. Each
//! process reloads only itself: with several processes (shards), send each
//! its own SIGHUP or `/reload`.
//!
//! A reload refused for what it removes can be confirmed by the admin who
//! ran `/reload`, within 5 minutes, with a button that applies exactly the
//! change shown ([`crate::discord::confirmations`]).

use std::sync::Arc;

use crate::ops::{Candidate, ReloadReport};

use crate::discord::state::BotState;

/// Reloads this process's knowledge base and settings (blocking: file I/O
/// and validation). Never fails: the report says what happened.
pub fn reload_now(state: &BotState) -> ReloadReport {
    state.ops.reload(&state.engine, |next| {
        state.set_config(next.discord.clone());
        state.buttons.set_votes(state.ops.feedback().is_some());
    })
}

/// [`reload_now`] on a blocking thread, so the gateway keeps flowing.
pub async fn reload(state: Arc<BotState>) -> ReloadReport {
    match tokio::task::spawn_blocking(move || reload_now(&state)).await {
        Ok(report) => report,
        Err(e) => {
            tracing::error!(error = %e, "reload task failed");
            ReloadReport::crashed()
        }
    }
}

/// Applies a confirmed candidate on a blocking thread, as [`reload`] does.
pub async fn confirm(state: Arc<BotState>, candidate: Candidate) -> ReloadReport {
    let task = tokio::task::spawn_blocking(move || {
        state.ops.confirm(&state.engine, candidate, |next| {
            state.set_config(next.discord.clone());
            state.buttons.set_votes(state.ops.feedback().is_some());
        })
    });
    match task.await {
        Ok(report) => report,
        Err(e) => {
            tracing::error!(error = %e, "confirmed reload failed");
            ReloadReport::crashed()
        }
    }
}
