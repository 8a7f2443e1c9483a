//! The operators' HTTP listener: `GET /health` and `GET /metrics` from a
//! [`Metrics`], on `metrics.listen`, for load balancers, supervisors and
//! Prometheus.
//!
//! Kept apart from the counters so that only this file speaks HTTP (axum),
//! and apart from the front ends so that any of them can serve it.

use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::metrics::{Metrics, CONTENT_TYPE};

/// How long [`serve`] waits, after `shutdown` resolves, for open connections
/// to finish before it stops anyway (a stalled client must not block exit).
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// Serves `GET /health` (200 `ok` when [`Metrics::healthy`], otherwise 503
/// with a short reason) and `GET /metrics` (Prometheus text) on `addr` until
/// `shutdown` resolves; other paths get 404.
///
/// Returns the address actually bound (pass port 0 to let the OS choose, as
/// tests do) and the server task, which ends once `shutdown` has resolved and
/// open connections have finished, or after a short grace period if a client
/// stalls. Binding errors are returned; errors while serving are logged.
pub async fn serve(
    addr: SocketAddr,
    metrics: Arc<Metrics>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let app = Router::new()
        .route("/health", get(health))
        .route("/metrics", get(render_metrics))
        .fallback(not_found)
        .with_state(metrics);

    let task = tokio::spawn(async move {
        let (fired_tx, fired_rx) = oneshot::channel::<()>();
        let signal = async move {
            shutdown.await;
            // The receiver only goes away when the server has stopped.
            let _ = fired_tx.send(());
        };
        let server = axum::serve(listener, app)
            .with_graceful_shutdown(signal)
            .into_future();
        let grace_expired = async move {
            match fired_rx.await {
                Ok(()) => tokio::time::sleep(SHUTDOWN_GRACE).await,
                // Sender dropped without firing: the server ended on its own.
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            result = server => {
                if let Err(error) = result {
                    tracing::warn!(%error, "metrics listener stopped with an error");
                }
            }
            () = grace_expired => {
                tracing::warn!(
                    grace = ?SHUTDOWN_GRACE,
                    "metrics listener: connections still open after shutdown; stopping anyway"
                );
            }
        }
    });
    Ok((bound, task))
}

async fn health(State(metrics): State<Arc<Metrics>>) -> Response {
    match metrics.unhealthy_reason() {
        None => (StatusCode::OK, "ok\n").into_response(),
        Some(reason) => (StatusCode::SERVICE_UNAVAILABLE, format!("{reason}\n")).into_response(),
    }
}

async fn render_metrics(State(metrics): State<Arc<Metrics>>) -> Response {
    ([(header::CONTENT_TYPE, CONTENT_TYPE)], metrics.render()).into_response()
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "not found\n").into_response()
}

/// A running `/health` and `/metrics` listener ([`serve`] with a stop
/// switch), as a running bot holds it.
#[derive(Debug)]
pub struct MetricsListener {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl MetricsListener {
    /// Binds `addr` (port 0 picks a free port; see [`MetricsListener::addr`]).
    pub async fn start(addr: SocketAddr, metrics: Arc<Metrics>) -> std::io::Result<Self> {
        let (stop, stopped) = oneshot::channel::<()>();
        let shutdown = async move {
            let _ = stopped.await;
        };
        let (bound, task) = serve(addr, metrics, shutdown).await?;
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
