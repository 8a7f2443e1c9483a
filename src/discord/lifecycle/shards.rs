//! Gateway shards: which ones this process runs ([`ShardPlan`], from
//! `[shards]` or Discord's recommendation), starting them, and keeping
//! `peelbot_gateway_shards_*` (and so `/health`) up to date with how many are
//! connected ([`ShardWatch`]).
//!
//! serenity tells a plain [`EventHandler`] (not poise's framework) when a
//! shard's connection stage changes, and records each shard's stage in the
//! shard manager *before* dispatching the event. Handlers run as separate
//! tasks, so their order is not guaranteed; each one therefore recounts
//! from the shard manager instead of trusting the stage it carries, and the
//! last to run always reports the current state.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use poise::serenity_prelude as serenity;
use serenity::gateway::ShardStageUpdateEvent;
use serenity::{ConnectionStage, Context, EventHandler, Ready, ResumedEvent, ShardManager};
use tokio::sync::watch;

use crate::config::ShardsConfig;
use crate::ops::Metrics;

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
pub async fn run_shards(
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
