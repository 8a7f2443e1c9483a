//! Health and metrics for operators: [`ShardWatch`] keeps
//! `peelbot_gateway_shards_*` (and so `/health`) up to date with how many of
//! this process's shards are connected, and [`MetricsListener`] serves
//! `/health` and `/metrics` on `metrics.listen`.
//!
//! serenity tells a plain [`EventHandler`] (not poise's framework) when a
//! shard's connection stage changes, and records each shard's stage in the
//! shard manager *before* dispatching the event. Handlers run as separate
//! tasks, so their order is not guaranteed; each one therefore recounts
//! from the shard manager instead of trusting the stage it carries, and the
//! last to run always reports the current state.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

use poise::serenity_prelude as serenity;
use serenity::gateway::ShardStageUpdateEvent;
use serenity::{ConnectionStage, Context, EventHandler, Ready, ResumedEvent, ShardManager};

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::metrics::Metrics;

use super::error::BotError;

/// How many shards this process is meant to run (0 while unknown).
pub type Expected = Box<dyn Fn() -> u32 + Send + Sync>;

/// Reports connected shards to [`Metrics`] on every READY, RESUMED and
/// connection-stage change.
pub struct ShardWatch {
    metrics: Arc<Metrics>,
    /// The client's shard manager and the expected count, once known.
    client: OnceLock<(Arc<ShardManager>, Expected)>,
}

impl std::fmt::Debug for ShardWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShardWatch")
            .field("expected", &self.expected())
            .finish_non_exhaustive()
    }
}

impl ShardWatch {
    /// Starts with no shard up or expected, so `/health` says 503 until READY.
    pub fn new(metrics: Arc<Metrics>) -> ShardWatch {
        metrics.set_shards(0, 0);
        ShardWatch {
            metrics,
            client: OnceLock::new(),
        }
    }

    /// The client's shard manager and how many shards it will run, once
    /// the client exists (before any shard starts).
    pub fn attach(&self, manager: Arc<ShardManager>, expected: Expected) {
        self.metrics.set_shards(0, expected());
        let _ = self.client.set((manager, expected));
    }

    fn expected(&self) -> u32 {
        self.client.get().map_or(0, |(_, expected)| expected())
    }

    async fn recount(&self) {
        let up = match self.client.get() {
            Some((m, _)) => m
                .runners
                .lock()
                .await
                .values()
                .filter(|r| r.stage == ConnectionStage::Connected)
                .count(),
            None => 0,
        };
        let expected = self.expected();
        let up = u32::try_from(up).unwrap_or(u32::MAX);
        tracing::debug!(up, expected, "gateway shards");
        self.metrics.set_shards(up, expected);
    }
}

#[serenity::async_trait]
impl EventHandler for ShardWatch {
    async fn ready(&self, _ctx: Context, _ready: Ready) {
        self.recount().await;
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        self.recount().await;
    }

    async fn shard_stage_update(&self, _ctx: Context, event: ShardStageUpdateEvent) {
        tracing::debug!(shard = event.shard_id.0, old = %event.old, new = %event.new, "shard stage");
        self.recount().await;
    }
}

/// The `/health` and `/metrics` listener of a running bot
/// ([`crate::metrics::serve`] on `metrics.listen`).
#[derive(Debug)]
pub struct MetricsListener {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl MetricsListener {
    /// Binds `addr` (port 0 picks a free port; see [`MetricsListener::addr`]).
    pub async fn start(addr: SocketAddr, metrics: Arc<Metrics>) -> Result<Self, BotError> {
        let (stop, stopped) = oneshot::channel::<()>();
        let shutdown = async move {
            let _ = stopped.await;
        };
        let (bound, task) = crate::metrics::serve(addr, metrics, shutdown)
            .await
            .map_err(|e| BotError::Metrics {
                addr: addr.to_string(),
                reason: e.to_string(),
            })?;
        tracing::info!(addr = %bound, "serving /health and /metrics");
        Ok(MetricsListener {
            addr: bound,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The address actually bound.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops serving; waits (bounded by the listener's own grace period)
    /// for open requests to finish.
    pub async fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for MetricsListener {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
