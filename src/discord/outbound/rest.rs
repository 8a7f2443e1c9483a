//! Every REST call survives a 429 and a hang.
//!
//! Straight to `https://discord.com`, serenity's own rate limiter honours
//! 429s; the REST client gets a timeout ([`client`]). Through a proxy (or a
//! test's fake), serenity must run with its limiter off, and then a 429 is
//! an undecodable error and the reply is lost, and a hung call is waited
//! out however long it hangs. So with any other `api_base` serenity talks to
//! a [`Relay`] on 127.0.0.1 that forwards each call to the real base and:
//! - answers a 429 by waiting its `Retry-After` (header, else Discord's JSON
//!   `retry_after`) and sending again, at most [`MAX_RETRIES`] times, and
//!   never past the call's deadline: an interaction callback's is 3 s after
//!   the interaction was created (its snowflake says when), anything else
//!   has [`OTHER_BUDGET`]; then it passes the 429 on with a clear log line;
//! - abandons a call after `discord.rest_timeout_secs` with 504.
//!
//! Each 429, retry and timeout is counted (`peelbot_rest_*_total`).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::ops::Metrics;

/// Retries after 429s, per call.
pub const MAX_RETRIES: u32 = 3;
/// The most a call other than an interaction callback may spend waiting out 429s.
pub const OTHER_BUDGET: Duration = Duration::from_secs(15);
/// Discord's deadline for answering an interaction.
pub const INTERACTION_DEADLINE: Duration = Duration::from_secs(3);
/// Discord's epoch (2015-01-01), in unix milliseconds, for snowflake times.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// Request headers passed on (the token among them) and response headers passed back.
const REQUEST_HEADERS: &[&str] = &[
    "authorization",
    "content-type",
    "user-agent",
    "x-audit-log-reason",
    "x-ratelimit-precision",
];
const RESPONSE_HEADERS: &[&str] = &[
    "content-type",
    "retry-after",
    "x-ratelimit-bucket",
    "x-ratelimit-global",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "x-ratelimit-reset-after",
    "x-ratelimit-scope",
];

/// The REST client for serenity: `timeout` per call (serenity's own calls
/// straight to Discord; through the relay it is a backstop well past the
/// relay's own bounds).
pub fn client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .unwrap_or_default()
}

/// The relay's settings and counters.
#[derive(Debug)]
struct Upstream {
    base: String,
    client: reqwest::Client,
    timeout: Duration,
    metrics: Arc<Metrics>,
}

/// A running relay on 127.0.0.1; stops when dropped.
#[derive(Debug)]
pub struct Relay {
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl Relay {
    /// Starts a relay to `base` (e.g. `http://proxy:3000`), each call
    /// bounded by `timeout`.
    pub async fn start(
        base: &str,
        timeout: Duration,
        metrics: Arc<Metrics>,
    ) -> std::io::Result<Relay> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let upstream = Arc::new(Upstream {
            base: base.trim_end_matches('/').to_string(),
            // Only the relay's per-try timeout applies; no pooled-idle surprises.
            client: reqwest::Client::builder()
                .pool_idle_timeout(Duration::from_secs(30))
                .build()
                .unwrap_or_default(),
            timeout,
            metrics,
        });
        let app = Router::new().fallback(relay).with_state(upstream);
        let task = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                tracing::error!(%error, "the REST relay stopped");
            }
        });
        Ok(Relay { addr, task })
    }

    /// The base serenity should use (`http://127.0.0.1:PORT`).
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// When a call must be done by, as time from now: 3 s after its
/// interaction was created for a callback, [`OTHER_BUDGET`] otherwise.
pub fn budget(path: &str, now: SystemTime) -> Duration {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let interaction = match parts.as_slice() {
        ["api", _, "interactions", id, _, "callback"] | ["interactions", id, _, "callback"] => {
            id.parse::<u64>().ok()
        }
        _ => None,
    };
    let Some(id) = interaction else {
        return OTHER_BUDGET;
    };
    let created = UNIX_EPOCH + Duration::from_millis((id >> 22) + DISCORD_EPOCH_MS);
    let deadline = created + INTERACTION_DEADLINE;
    deadline.duration_since(now).unwrap_or(Duration::ZERO)
}

/// How long a 429 asks to wait: `Retry-After` (seconds, fractions allowed),
/// else the JSON body's `retry_after`.
pub fn retry_after(headers: &reqwest::header::HeaderMap, body: &[u8]) -> Option<Duration> {
    let from_header = headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok());
    let from_body = || {
        serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| v["retry_after"].as_f64())
    };
    from_header
        .or_else(from_body)
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
}

fn error(status: StatusCode, message: String) -> Response {
    let body = serde_json::json!({"code": 0, "message": message}).to_string();
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

async fn relay(
    State(up): State<Arc<Upstream>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let url = format!(
        "{}{}",
        up.base,
        uri.path_and_query().map_or(path.as_str(), |p| p.as_str())
    );
    let started = tokio::time::Instant::now();
    let budget = budget(&path, SystemTime::now());
    let Ok(method_out) = reqwest::Method::from_bytes(method.as_str().as_bytes()) else {
        return error(StatusCode::BAD_REQUEST, "unsupported method".into());
    };
    let mut attempt = 0;
    loop {
        let mut request = up
            .client
            .request(method_out.clone(), &url)
            .body(body.clone());
        for name in REQUEST_HEADERS {
            if let Some(v) = headers.get(*name) {
                request = request.header(*name, v.as_bytes());
            }
        }
        let sent = tokio::time::timeout(up.timeout, async {
            let response = request.send().await?;
            let status = response.status();
            let headers = response.headers().clone();
            let bytes = response.bytes().await?;
            Ok::<_, reqwest::Error>((status, headers, bytes))
        })
        .await;
        let (status, out_headers, bytes) = match sent {
            Err(_) => {
                up.metrics.rest_timeout();
                tracing::warn!(%method, %path, timeout = ?up.timeout, "REST call timed out (discord.rest_timeout_secs); abandoned");
                return error(
                    StatusCode::GATEWAY_TIMEOUT,
                    format!("no answer within {} s", up.timeout.as_secs()),
                );
            }
            Ok(Err(e)) => {
                tracing::warn!(%method, %path, error = %e, "REST call failed");
                return error(StatusCode::BAD_GATEWAY, e.without_url().to_string());
            }
            Ok(Ok(answer)) => answer,
        };
        if status.as_u16() == 429 {
            up.metrics.rest_429();
            let wait = retry_after(&out_headers, &bytes).unwrap_or(Duration::from_secs(1));
            let spent = started.elapsed();
            if attempt < MAX_RETRIES && spent + wait < budget {
                attempt += 1;
                up.metrics.rest_retry();
                tracing::info!(%method, %path, ?wait, attempt, "REST 429: waiting Retry-After, then retrying");
                tokio::time::sleep(wait).await;
                continue;
            }
            tracing::warn!(
                %method,
                %path,
                ?wait,
                retries = attempt,
                left = ?budget.saturating_sub(spent),
                "REST 429: not retried again (retries used up or past the deadline); the call fails"
            );
        }
        let mut response = (
            StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::BAD_GATEWAY),
            bytes,
        )
            .into_response();
        for name in RESPONSE_HEADERS {
            if let (Some(v), Ok(n)) = (
                out_headers.get(*name),
                HeaderName::from_bytes(name.as_bytes()),
            ) {
                if let Ok(v) = axum::http::HeaderValue::from_bytes(v.as_bytes()) {
                    response.headers_mut().insert(n, v);
                }
            }
        }
        return response;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snowflake_at(t: SystemTime) -> u64 {
        let ms = t.duration_since(UNIX_EPOCH).unwrap().as_millis() as u64;
        (ms - DISCORD_EPOCH_MS) << 22
    }

    #[test]
    fn rest_budget_of_a_callback_is_its_interactions_deadline() {
        let now = SystemTime::now();
        let id = snowflake_at(now - Duration::from_millis(1000));
        let b = budget(&format!("/api/v10/interactions/{id}/tok/callback"), now);
        assert!(
            b <= Duration::from_millis(2000) && b >= Duration::from_millis(1990),
            "{b:?}"
        );
        let old = snowflake_at(now - Duration::from_secs(60));
        assert_eq!(
            budget(&format!("/api/v10/interactions/{old}/t/callback"), now),
            Duration::ZERO
        );
        assert_eq!(budget("/api/v10/channels/1/messages", now), OTHER_BUDGET);
    }

    #[test]
    fn rest_retry_after_from_header_or_body() {
        let mut h = reqwest::header::HeaderMap::new();
        assert_eq!(
            retry_after(&h, br#"{"retry_after": 0.25}"#),
            Some(Duration::from_millis(250))
        );
        h.insert("retry-after", "2".parse().unwrap());
        assert_eq!(retry_after(&h, b""), Some(Duration::from_secs(2)));
        let mut bad = reqwest::header::HeaderMap::new();
        bad.insert("retry-after", "soon".parse().unwrap());
        assert_eq!(retry_after(&bad, b"not json"), None);
    }
}
