//! A fake Discord on 127.0.0.1: REST (axum) and the gateway websocket
//! (tokio-tungstenite 0.21, the version serenity uses), each on port 0, so
//! every test has its own and they run in parallel.
//!
//! REST records every request (method, path, JSON body, status) and answers
//! the routes the bot uses; `fail_next` injects errors. The gateway sends
//! HELLO, answers IDENTIFY with READY and GUILD_CREATE, heartbeats with
//! ACKs, RESUME with a replay and RESUMED; events queued while no session is
//! connected are delivered after the next READY or RESUMED, so nothing is
//! lost across a reconnect.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::{broadcast, watch, Notify};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message as Ws;

use super::fixtures;

/// One REST request the bot made.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Without `/api/v10` and the query.
    pub path: String,
    pub body: Value,
    pub status: u16,
    /// Id of the message created, for message-creating requests.
    pub created: Option<u64>,
    pub at: Instant,
}

impl Recorded {
    pub fn is(&self, method: &str, path: &str) -> bool {
        self.method == method && self.path == path
    }

    /// The message a request sends, if it sends one (create, edit,
    /// interaction response or follow-up).
    pub fn message(&self) -> Option<&Value> {
        let p: Vec<&str> = self.path.trim_matches('/').split('/').collect();
        match (self.method.as_str(), p.as_slice()) {
            ("POST", ["channels", _, "messages"])
            | ("PATCH", ["channels", _, "messages", _])
            | ("POST", ["webhooks", _, _])
            | ("PATCH", ["webhooks", _, _, "messages", _]) => Some(&self.body),
            ("POST", ["interactions", _, _, "callback"]) => match self.body["type"].as_u64() {
                Some(4) | Some(7) => Some(&self.body["data"]),
                _ => None,
            },
            _ => None,
        }
    }

    /// The interaction id of a callback.
    pub fn interaction(&self) -> Option<u64> {
        let p: Vec<&str> = self.path.trim_matches('/').split('/').collect();
        match p.as_slice() {
            ["interactions", id, _, "callback"] => id.parse().ok(),
            _ => None,
        }
    }

    /// The message a channel message replies to.
    pub fn replies_to(&self) -> Option<u64> {
        self.body["message_reference"]["message_id"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .or_else(|| self.body["message_reference"]["message_id"].as_u64())
    }
}

/// What the gateway has seen.
#[derive(Debug, Clone, Default)]
pub struct GatewayStats {
    pub connections: u64,
    pub identifies: u64,
    pub resumes: u64,
    pub heartbeats: u64,
    /// Close frames received from the bot, with their codes.
    pub closes_received: Vec<u16>,
    /// Intents of the last IDENTIFY.
    pub intents: u64,
    /// Events written to a socket.
    pub delivered: u64,
}

#[derive(Debug, Clone, Copy)]
enum Control {
    Close(u16),
}

struct Failure {
    method: String,
    path_contains: String,
    status: u16,
    remaining: u32,
}

#[derive(Default)]
struct Gateway {
    session: Option<String>,
    sessions: u64,
    seq: u64,
    /// Recent frames sent, for RESUME replays.
    history: VecDeque<(u64, String)>,
    /// Events waiting for a connected session.
    outbox: VecDeque<(String, Value)>,
    stats: GatewayStats,
}

const HISTORY: usize = 2048;

struct Shared {
    record: bool,
    requests: Mutex<Vec<Arc<Recorded>>>,
    count: watch::Sender<usize>,
    feed: broadcast::Sender<Arc<Recorded>>,
    failures: Mutex<Vec<Failure>>,
    next_message: AtomicU64,
    message_template: Value,
    gateway: Mutex<Gateway>,
    gateway_changed: watch::Sender<u64>,
    outbox_ready: Notify,
    control: broadcast::Sender<Control>,
    ws_url: String,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}

/// Options for [`FakeDiscord::start_with`].
#[derive(Debug, Clone, Copy)]
pub struct FakeOptions {
    /// Keep every request for inspection (off for benchmarks).
    pub record: bool,
}

impl Default for FakeOptions {
    fn default() -> Self {
        FakeOptions { record: true }
    }
}

/// A running fake Discord; stops when dropped.
pub struct FakeDiscord {
    shared: Arc<Shared>,
    rest: SocketAddr,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

impl FakeDiscord {
    pub async fn start() -> FakeDiscord {
        FakeDiscord::start_with(FakeOptions::default()).await
    }

    pub async fn start_with(options: FakeOptions) -> FakeDiscord {
        let rest = TcpListener::bind("127.0.0.1:0").await.expect("bind REST");
        let gw = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind gateway");
        let rest_addr = rest.local_addr().expect("REST address");
        let gw_addr = gw.local_addr().expect("gateway address");
        let shared = Arc::new(Shared {
            record: options.record,
            requests: Mutex::new(Vec::new()),
            count: watch::channel(0).0,
            feed: broadcast::channel(1 << 16).0,
            failures: Mutex::new(Vec::new()),
            next_message: AtomicU64::new(530_000_000_000_000_000),
            message_template: fixtures::message_template(),
            gateway: Mutex::new(Gateway::default()),
            gateway_changed: watch::channel(0).0,
            outbox_ready: Notify::new(),
            control: broadcast::channel(16).0,
            ws_url: format!("ws://{gw_addr}"),
        });
        let app = Router::new()
            .fallback(rest_handler)
            .with_state(Arc::clone(&shared));
        let rest_task = tokio::spawn(async move {
            let _ = axum::serve(rest, app).await;
        });
        let gw_shared = Arc::clone(&shared);
        let gw_task = tokio::spawn(async move {
            loop {
                let Ok((tcp, _)) = gw.accept().await else {
                    continue;
                };
                let _ = tcp.set_nodelay(true);
                let shared = Arc::clone(&gw_shared);
                tokio::spawn(async move { connection(shared, tcp).await });
            }
        });
        FakeDiscord {
            shared,
            rest: rest_addr,
            tasks: vec![rest_task, gw_task],
        }
    }

    /// `discord.api_base` for the bot.
    pub fn api_base(&self) -> String {
        format!("http://{}", self.rest)
    }

    /// Queues a gateway dispatch (`t`, `d`) for the connected session.
    pub fn dispatch(&self, t: &str, d: Value) {
        lock(&self.shared.gateway)
            .outbox
            .push_back((t.to_string(), d));
        self.shared.outbox_ready.notify_one();
    }

    /// Every request so far, in arrival order.
    pub fn requests(&self) -> Vec<Arc<Recorded>> {
        lock(&self.shared.requests).clone()
    }

    /// A live feed of requests (for benchmarks).
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Recorded>> {
        self.shared.feed.subscribe()
    }

    /// Waits for the first request matching `pred`; panics after `timeout`
    /// naming `what` and listing what did arrive.
    pub async fn wait_for(
        &self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&Recorded) -> bool,
    ) -> Arc<Recorded> {
        self.wait_n(what, timeout, 1, pred)
            .await
            .into_iter()
            .next()
            .expect("one request")
    }

    /// Waits until `n` requests match `pred`.
    pub async fn wait_n(
        &self,
        what: &str,
        timeout: Duration,
        n: usize,
        pred: impl Fn(&Recorded) -> bool,
    ) -> Vec<Arc<Recorded>> {
        let mut rx = self.shared.count.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let found: Vec<Arc<Recorded>> =
                self.requests().into_iter().filter(|r| pred(r)).collect();
            if found.len() >= n {
                return found;
            }
            if tokio::time::timeout_at(deadline, rx.changed())
                .await
                .is_err()
            {
                let seen: Vec<String> = self
                    .requests()
                    .iter()
                    .map(|r| format!("{} {} -> {}", r.method, r.path, r.status))
                    .collect();
                panic!(
                    "timed out after {timeout:?} waiting for {what} ({} of {n} seen); requests: {seen:#?}",
                    found.len()
                );
            }
        }
    }

    /// Answers the next `times` requests whose method is `method` and whose
    /// path contains `path_contains` with `status`.
    pub fn fail_next(&self, method: &str, path_contains: &str, status: u16, times: u32) {
        lock(&self.shared.failures).push(Failure {
            method: method.to_string(),
            path_contains: path_contains.to_string(),
            status,
            remaining: times,
        });
    }

    /// Closes the bot's gateway connection with a close frame `code`.
    pub fn close_gateway(&self, code: u16) {
        let _ = self.shared.control.send(Control::Close(code));
    }

    pub fn gateway_stats(&self) -> GatewayStats {
        lock(&self.shared.gateway).stats.clone()
    }

    /// Waits until the gateway stats satisfy `pred`.
    pub async fn wait_gateway(
        &self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&GatewayStats) -> bool,
    ) -> GatewayStats {
        let mut rx = self.shared.gateway_changed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let stats = self.gateway_stats();
            if pred(&stats) {
                return stats;
            }
            if tokio::time::timeout_at(deadline, rx.changed())
                .await
                .is_err()
            {
                panic!(
                    "timed out after {timeout:?} waiting for the gateway: {what}; stats {stats:?}"
                );
            }
        }
    }
}

fn record(shared: &Shared, r: Recorded) {
    let r = Arc::new(r);
    let _ = shared.feed.send(Arc::clone(&r));
    if shared.record {
        let n = {
            let mut all = lock(&shared.requests);
            all.push(r);
            all.len()
        };
        shared.count.send_replace(n);
    }
}

fn json_response(status: StatusCode, body: Value) -> Response {
    (status, axum::Json(body)).into_response()
}

async fn rest_handler(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    let path = uri
        .path()
        .strip_prefix("/api/v10")
        .unwrap_or(uri.path())
        .to_string();
    let body: Value = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body).unwrap_or_else(|_| json!({"unparsed": true}))
    };
    let method = method.as_str().to_string();

    let injected = {
        let mut failures = lock(&shared.failures);
        let hit = failures
            .iter_mut()
            .find(|f| f.remaining > 0 && f.method == method && path.contains(&f.path_contains));
        hit.map(|f| {
            f.remaining -= 1;
            f.status
        })
    };
    if let Some(status) = injected {
        record(
            &shared,
            Recorded {
                method,
                path,
                body,
                status,
                created: None,
                at: Instant::now(),
            },
        );
        let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return json_response(code, json!({"message": "injected failure", "code": 0}));
    }

    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let mut created = None;
    let (status, response) = match (method.as_str(), parts.as_slice()) {
        ("GET", ["gateway"]) => (StatusCode::OK, Some(json!({"url": shared.ws_url}))),
        ("GET", ["gateway", "bot"]) => {
            (StatusCode::OK, Some(fixtures::gateway_bot(&shared.ws_url)))
        }
        ("PUT", ["applications", _, "commands"])
        | ("PUT", ["applications", _, "guilds", _, "commands"]) => {
            (StatusCode::OK, Some(json!([])))
        }
        ("POST", ["channels", channel, "messages"])
        | ("PATCH", ["channels", channel, "messages", _]) => {
            let id = match parts.get(3) {
                Some(id) => id.parse().unwrap_or(0),
                None => shared.next_message.fetch_add(1, Ordering::Relaxed),
            };
            created = (method == "POST").then_some(id);
            let m = fixtures::message_response(&shared.message_template, id, channel, &body);
            (StatusCode::OK, Some(m))
        }
        ("POST", ["webhooks", _, _])
        | ("PATCH", ["webhooks", _, _, "messages", _])
        | ("GET", ["webhooks", _, _, "messages", _]) => {
            let id = shared.next_message.fetch_add(1, Ordering::Relaxed);
            created = (method == "POST").then_some(id);
            let channel = fixtures::CHANNEL.to_string();
            let m = fixtures::message_response(&shared.message_template, id, &channel, &body);
            (StatusCode::OK, Some(m))
        }
        ("DELETE", ["channels", _, "messages", _])
        | ("DELETE", ["webhooks", _, _, "messages", _])
        | ("POST", ["interactions", _, _, "callback"]) => (StatusCode::NO_CONTENT, None),
        _ => (
            StatusCode::NOT_FOUND,
            Some(json!({"message": "404: Not Found", "code": 0})),
        ),
    };
    record(
        &shared,
        Recorded {
            method,
            path,
            body,
            status: status.as_u16(),
            created,
            at: Instant::now(),
        },
    );
    match response {
        Some(v) => json_response(status, v),
        None => status.into_response(),
    }
}

fn frame(op: u8, t: Option<&str>, s: Option<u64>, d: Value) -> String {
    json!({"op": op, "t": t, "s": s, "d": d}).to_string()
}

fn changed(shared: &Shared) {
    shared.gateway_changed.send_modify(|n| *n += 1);
}

/// One gateway connection, until the socket ends.
async fn connection(shared: Arc<Shared>, tcp: tokio::net::TcpStream) {
    let Ok(ws) = tokio_tungstenite::accept_async(tcp).await else {
        return;
    };
    let (mut sink, mut stream) = ws.split();
    let mut control = shared.control.subscribe();
    lock(&shared.gateway).stats.connections += 1;
    changed(&shared);
    let hello = frame(10, None, None, json!({"heartbeat_interval": 41250}));
    if sink.send(Ws::Text(hello)).await.is_err() {
        return;
    }
    // True once READY or RESUMED was sent and until the socket closes.
    let mut active = false;
    loop {
        tokio::select! {
            incoming = stream.next() => {
                let text = match incoming {
                    Some(Ok(Ws::Text(t))) => t,
                    Some(Ok(Ws::Close(frame))) => {
                        let code = frame.map_or(1005, |f| u16::from(f.code));
                        lock(&shared.gateway).stats.closes_received.push(code);
                        changed(&shared);
                        // Keep reading: tungstenite finishes the close handshake.
                        active = false;
                        continue;
                    }
                    Some(Ok(_)) => continue,
                    Some(Err(_)) | None => break,
                };
                let Ok(v) = serde_json::from_str::<Value>(&text) else { continue };
                let replies = match v["op"].as_u64() {
                    Some(1) => {
                        lock(&shared.gateway).stats.heartbeats += 1;
                        vec![frame(11, None, None, Value::Null)]
                    }
                    Some(2) => {
                        active = true;
                        identify(&shared, &v)
                    }
                    Some(6) => {
                        let (ok, frames) = resume(&shared, &v);
                        active = ok;
                        frames
                    }
                    _ => Vec::new(),
                };
                changed(&shared);
                for r in replies {
                    if sink.send(Ws::Text(r)).await.is_err() {
                        break;
                    }
                }
                if active && !drain(&shared, &mut sink).await {
                    break;
                }
            }
            _ = shared.outbox_ready.notified(), if active => {
                if !drain(&shared, &mut sink).await {
                    break;
                }
            }
            ctrl = control.recv() => {
                if let Ok(Control::Close(code)) = ctrl {
                    if active {
                        active = false;
                        let close = CloseFrame { code: CloseCode::from(code), reason: "fake close".into() };
                        let _ = sink.send(Ws::Close(Some(close))).await;
                    }
                }
            }
        }
    }
    // Another connection may be waiting for queued events.
    shared.outbox_ready.notify_one();
}

/// A new session: READY and GUILD_CREATE.
fn identify(shared: &Shared, v: &Value) -> Vec<String> {
    let mut g = lock(&shared.gateway);
    g.stats.identifies += 1;
    g.stats.intents = v["d"]["intents"].as_u64().unwrap_or(0);
    g.sessions += 1;
    let session = format!("fake-session-{}", g.sessions);
    g.session = Some(session.clone());
    g.seq = 0;
    g.history.clear();
    let mut out = Vec::new();
    for (t, d) in [
        ("READY", fixtures::ready(&shared.ws_url, &session)),
        ("GUILD_CREATE", fixtures::guild_create()),
    ] {
        g.seq += 1;
        let f = frame(0, Some(t), Some(g.seq), d);
        out.push(f);
    }
    out
}

/// A resumed session: replay what the bot missed, then RESUMED; or an
/// invalid session if it does not know the session.
fn resume(shared: &Shared, v: &Value) -> (bool, Vec<String>) {
    let mut g = lock(&shared.gateway);
    let session = v["d"]["session_id"].as_str().unwrap_or_default();
    if g.session.as_deref() != Some(session) {
        return (false, vec![frame(9, None, None, json!(false))]);
    }
    g.stats.resumes += 1;
    let from = v["d"]["seq"].as_u64().unwrap_or(0);
    let mut out: Vec<String> = g
        .history
        .iter()
        .filter(|(s, _)| *s > from)
        .map(|(_, f)| f.clone())
        .collect();
    g.seq += 1;
    out.push(frame(0, Some("RESUMED"), Some(g.seq), json!({})));
    (true, out)
}

/// Sends every queued event; false if the socket failed.
async fn drain<S>(shared: &Shared, sink: &mut S) -> bool
where
    S: futures_util::Sink<Ws> + Unpin,
{
    loop {
        let next = {
            let mut g = lock(&shared.gateway);
            match g.outbox.pop_front() {
                Some((t, d)) => {
                    g.seq += 1;
                    let seq = g.seq;
                    let f = frame(0, Some(&t), Some(seq), d);
                    g.history.push_back((seq, f.clone()));
                    if g.history.len() > HISTORY {
                        g.history.pop_front();
                    }
                    g.stats.delivered += 1;
                    Some(f)
                }
                None => None,
            }
        };
        let Some(f) = next else {
            return true;
        };
        if sink.send(Ws::Text(f)).await.is_err() {
            return false;
        }
    }
}
