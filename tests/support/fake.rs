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
//!
//! Sharding ([`FakeDiscord::start_with_gateway`]): the gateway splits guilds
//! over `shards` the way Discord does, `shard = (guild_id >> 22) % shards`.
//! Each shard has its own session, sequence, replay history and queue; an
//! event with a `guild_id` goes to the connection that IDENTIFYed with that
//! shard, anything else (DMs) to shard 0. An IDENTIFY whose `shard` array is
//! out of range or names another total is closed with 4010 (invalid shard),
//! stricter than Discord, and counted in `invalid_shards`, so a test sees a
//! misconfigured bot (which never gets READY) instead of a silent timeout.
//! Every IDENTIFY is logged with its connection, shard array and token, and
//! every REST request with its `Authorization` header, so a test with
//! several bots can tell which one did what.

use std::collections::{BTreeMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
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
    /// The `Authorization` header (`Bot <token>`), telling bots apart.
    pub auth: Option<String>,
    /// Files uploaded with the request (multipart `files[n]` parts).
    pub files: Vec<Upload>,
}

/// One file a multipart request uploaded.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The form field ("files[0]").
    pub field: String,
    pub filename: String,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// The JSON body and the files of a request: plain JSON, or Discord's
/// multipart form (`payload_json` plus `files[n]`) when files are attached.
fn parse_body(headers: &HeaderMap, body: &[u8]) -> (Value, Vec<Upload>) {
    let kind = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let Some(boundary) = kind
        .strip_prefix("multipart/form-data")
        .and_then(|rest| rest.split("boundary=").nth(1))
        .map(|b| b.trim_matches('"').to_string())
    else {
        let json = if body.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(body).unwrap_or_else(|_| json!({"unparsed": true}))
        };
        return (json, Vec::new());
    };
    let delimiter = format!("--{boundary}").into_bytes();
    let mut json = json!({"unparsed": true});
    let mut files = Vec::new();
    for part in split_bytes(body, &delimiter) {
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let Some(end) = find_bytes(part, b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&part[..end]).to_string();
        let content = part[end + 4..]
            .strip_suffix(b"\r\n")
            .unwrap_or(&part[end + 4..]);
        let attr = |name: &str| {
            head.split(';')
                .map(str::trim)
                .find_map(|kv| kv.strip_prefix(&format!("{name}=\"")))
                .and_then(|v| v.split('"').next())
                .map(str::to_string)
        };
        let field = attr("name").unwrap_or_default();
        if field == "payload_json" {
            json = serde_json::from_slice(content).unwrap_or_else(|_| json!({"unparsed": true}));
        } else if let Some(filename) = attr("filename") {
            let content_type = head
                .lines()
                .find_map(|l| {
                    l.strip_prefix("Content-Type: ")
                        .or_else(|| l.strip_prefix("content-type: "))
                })
                .map(|v| v.trim().to_string());
            files.push(Upload {
                field,
                filename,
                content_type,
                bytes: content.to_vec(),
            });
        }
    }
    (json, files)
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn split_bytes<'a>(hay: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = hay;
    while let Some(i) = find_bytes(rest, delimiter) {
        out.push(&rest[..i]);
        rest = &rest[i + delimiter.len()..];
    }
    out.push(rest);
    out.into_iter()
        .filter(|p| !p.is_empty() && *p != b"--\r\n" && *p != b"--")
        .collect()
}

impl Recorded {
    pub fn is(&self, method: &str, path: &str) -> bool {
        self.method == method && self.path == path
    }

    /// The bot token the request carried (without `Bot `).
    pub fn token(&self) -> Option<&str> {
        let auth = self.auth.as_deref()?;
        Some(auth.strip_prefix("Bot ").unwrap_or(auth))
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
    /// Every IDENTIFY, in arrival order.
    pub identified: Vec<Identified>,
    /// Events written to a socket, by shard id.
    pub delivered_by_shard: BTreeMap<u32, u64>,
    /// IDENTIFYs refused with 4010 (shard out of range or another total).
    pub invalid_shards: u64,
    /// Connections closed or dropped by the fake (`close_*`, `drop_*`).
    pub dropped_by_fake: u64,
}

/// One IDENTIFY the gateway received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identified {
    /// The fake's number for the websocket connection (1, 2, ...).
    pub connection: u64,
    /// `d.shard` as sent (`[id, total]`), if it was.
    pub shard: Option<[u32; 2]>,
    /// `d.token` as sent (without `Bot `).
    pub token: String,
}

/// Options for the fake gateway (see [`FakeDiscord::start_with_gateway`]).
#[derive(Debug, Clone)]
pub struct FakeGateway {
    /// Shards the guilds are split over; what `GET /gateway/bot` recommends.
    pub shards: u32,
    /// `session_start_limit.max_concurrency` reported by `GET /gateway/bot`.
    pub max_concurrency: u32,
    /// GUILD_CREATE payloads, each sent after READY on its guild's shard.
    pub guilds: Vec<Value>,
}

impl Default for FakeGateway {
    fn default() -> Self {
        FakeGateway {
            shards: 1,
            max_concurrency: 1,
            guilds: vec![fixtures::guild_create()],
        }
    }
}

/// The shard Discord routes a guild's events to.
pub fn shard_for(guild_id: u64, shards: u32) -> u32 {
    ((guild_id >> 22) % u64::from(shards.max(1))) as u32
}

/// Which connections a control message is for.
#[derive(Debug, Clone)]
enum Control {
    /// Send a close frame with this code.
    Close(u16, Option<u32>),
    /// Drop the TCP connection without a close frame.
    Drop(Option<u32>),
    /// Send this text frame as it is (malformed frames).
    Raw(String),
}

/// What an injected fault does to a request.
#[derive(Debug, Clone, Copy)]
enum Fault {
    /// Answer with this status.
    Status(u16),
    /// Answer 429 with `Retry-After` (and Discord's JSON body) of this many seconds.
    RateLimit(f64),
    /// Wait this long before answering normally (a hung request).
    Hang(Duration),
}

struct Failure {
    method: String,
    path_contains: String,
    fault: Fault,
    remaining: u32,
}

/// One shard's session.
#[derive(Default)]
struct ShardState {
    session: Option<String>,
    seq: u64,
    /// Recent frames sent, for RESUME replays.
    history: VecDeque<(u64, String)>,
    /// Events waiting for a connected session.
    outbox: VecDeque<(String, Value)>,
    /// Wakes the connection serving this shard when events are queued.
    ready: Arc<Notify>,
}

struct Gateway {
    /// Indexed by shard id.
    shards: Vec<ShardState>,
    sessions: u64,
    connections: u64,
    stats: GatewayStats,
}

const HISTORY: usize = 2048;

/// Ids the fake gives registered commands: the first is this, then one more each.
pub const COMMAND_ID_BASE: u64 = 1_300_000_000_000_000_000;

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
    control: broadcast::Sender<Control>,
    ws_url: String,
    /// Where `GET /gateway/bot` sends the bot instead (e.g. a closed port).
    ws_override: Mutex<Option<String>>,
    total_shards: u32,
    max_concurrency: u32,
    /// GUILD_CREATE payloads by shard id.
    guilds: Vec<Vec<Value>>,
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
        FakeDiscord::start_with_gateway(options, FakeGateway::default()).await
    }

    /// A fake whose gateway splits `gateway.guilds` over `gateway.shards`.
    pub async fn start_with_gateway(options: FakeOptions, gateway: FakeGateway) -> FakeDiscord {
        let total = gateway.shards.max(1);
        let mut guilds = vec![Vec::new(); total as usize];
        for g in gateway.guilds {
            let id = g["id"].as_str().and_then(|s| s.parse().ok()).unwrap_or(0);
            guilds[shard_for(id, total) as usize].push(g);
        }
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
            gateway: Mutex::new(Gateway {
                shards: (0..total).map(|_| ShardState::default()).collect(),
                sessions: 0,
                connections: 0,
                stats: GatewayStats::default(),
            }),
            gateway_changed: watch::channel(0).0,
            control: broadcast::channel(16).0,
            ws_url: format!("ws://{gw_addr}"),
            ws_override: Mutex::new(None),
            total_shards: total,
            max_concurrency: gateway.max_concurrency.max(1),
            guilds,
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

    /// Queues a gateway dispatch (`t`, `d`) for the session of the shard
    /// its `guild_id` belongs to (shard 0 without one; see [`Self::shard_of`]).
    pub fn dispatch(&self, t: &str, d: Value) {
        let guild = match &d["guild_id"] {
            Value::String(s) => s.parse().ok(),
            v => v.as_u64(),
        };
        let shard = guild.map_or(0, |g| shard_for(g, self.shared.total_shards));
        let ready = {
            let mut g = lock(&self.shared.gateway);
            let s = &mut g.shards[shard as usize];
            s.outbox.push_back((t.to_string(), d));
            Arc::clone(&s.ready)
        };
        ready.notify_one();
    }

    /// The shard this fake routes `guild_id`'s events to.
    pub fn shard_of(&self, guild_id: u64) -> u32 {
        shard_for(guild_id, self.shared.total_shards)
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
        self.inject(method, path_contains, Fault::Status(status), times);
    }

    /// Answers the next `times` matching requests with 429 and
    /// `Retry-After: retry_after` seconds, as Discord does.
    pub fn rate_limit_next(&self, method: &str, path_contains: &str, retry_after: f64, times: u32) {
        self.inject(method, path_contains, Fault::RateLimit(retry_after), times);
    }

    /// Holds the next `times` matching requests for `delay` before answering.
    pub fn hang_next(&self, method: &str, path_contains: &str, delay: Duration, times: u32) {
        self.inject(method, path_contains, Fault::Hang(delay), times);
    }

    fn inject(&self, method: &str, path_contains: &str, fault: Fault, times: u32) {
        lock(&self.shared.failures).push(Failure {
            method: method.to_string(),
            path_contains: path_contains.to_string(),
            fault,
            remaining: times,
        });
    }

    /// Sends the bot to `url` for the gateway (`GET /gateway/bot`), e.g. a
    /// port nothing listens on, so every connection is refused.
    pub fn point_gateway_at(&self, url: &str) {
        *lock(&self.shared.ws_override) = Some(url.to_string());
    }

    /// Closes the bot's gateway connection with a close frame `code`.
    pub fn close_gateway(&self, code: u16) {
        let _ = self.shared.control.send(Control::Close(code, None));
    }

    /// Sends `text` as one websocket text frame to every live session, as
    /// it is: for frames the bot cannot decode.
    pub fn send_raw(&self, text: &str) {
        let _ = self.shared.control.send(Control::Raw(text.to_string()));
    }

    /// Closes only the connection serving `shard`.
    pub fn close_shard(&self, shard: u32, code: u16) {
        let _ = self.shared.control.send(Control::Close(code, Some(shard)));
    }

    /// Drops every session's TCP connection without a close frame (a
    /// network failure rather than Discord asking to reconnect).
    pub fn drop_gateway(&self) {
        let _ = self.shared.control.send(Control::Drop(None));
    }

    /// Events queued for shards with no live session.
    pub fn queued(&self) -> usize {
        lock(&self.shared.gateway)
            .shards
            .iter()
            .map(|s| s.outbox.len())
            .sum()
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
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let auth = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let path = uri
        .path()
        .strip_prefix("/api/v10")
        .unwrap_or(uri.path())
        .to_string();
    let (body, files) = parse_body(&headers, &body);
    let method = method.as_str().to_string();

    let injected = {
        let mut failures = lock(&shared.failures);
        let hit = failures
            .iter_mut()
            .find(|f| f.remaining > 0 && f.method == method && path.contains(&f.path_contains));
        hit.map(|f| {
            f.remaining -= 1;
            f.fault
        })
    };
    let injected = match injected {
        Some(Fault::Hang(delay)) => {
            tokio::time::sleep(delay).await;
            None
        }
        Some(Fault::RateLimit(secs)) => {
            record(
                &shared,
                Recorded {
                    method,
                    path,
                    body,
                    status: 429,
                    created: None,
                    at: Instant::now(),
                    auth,
                    files: files.clone(),
                },
            );
            let body = json!({"message": "You are being rate limited.", "retry_after": secs, "global": false});
            let mut response = json_response(StatusCode::TOO_MANY_REQUESTS, body);
            let headers = response.headers_mut();
            if let Ok(v) = axum::http::HeaderValue::from_str(&format!("{secs}")) {
                headers.insert("retry-after", v.clone());
                headers.insert("x-ratelimit-reset-after", v);
            }
            headers.insert(
                "x-ratelimit-scope",
                axum::http::HeaderValue::from_static("user"),
            );
            return response;
        }
        Some(Fault::Status(status)) => Some(status),
        None => None,
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
                auth,
                files: files.clone(),
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
            let url = lock(&shared.ws_override)
                .clone()
                .unwrap_or_else(|| shared.ws_url.clone());
            let mut v = fixtures::gateway_bot(&url);
            v["shards"] = json!(shared.total_shards);
            v["session_start_limit"]["max_concurrency"] = json!(shared.max_concurrency);
            (StatusCode::OK, Some(v))
        }
        ("PUT", ["applications", app, "commands"])
        | ("PUT", ["applications", app, "guilds", _, "commands"]) => {
            // As Discord does: the commands back, each with its id.
            let registered: Vec<Value> = body
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(i, mut c)| {
                    c["id"] = json!((COMMAND_ID_BASE + i as u64).to_string());
                    c["application_id"] = json!(app.to_string());
                    c["version"] = json!("1");
                    if c.get("type").is_none_or(Value::is_null) {
                        c["type"] = json!(1);
                    }
                    if c.get("description").is_none_or(Value::is_null) {
                        c["description"] = json!("");
                    }
                    c
                })
                .collect();
            (StatusCode::OK, Some(Value::Array(registered)))
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
        ("PUT", ["channels", _, "messages", _, "reactions", _, "@me"]) => {
            (StatusCode::NO_CONTENT, None)
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
            auth,
            files,
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
    let id = {
        let mut g = lock(&shared.gateway);
        g.stats.connections += 1;
        g.connections += 1;
        g.connections
    };
    changed(&shared);
    let hello = frame(10, None, None, json!({"heartbeat_interval": 41250}));
    if sink.send(Ws::Text(hello)).await.is_err() {
        return;
    }
    // The shard served, once READY or RESUMED was sent and until the socket closes.
    let mut active: Option<u32> = None;
    // The last shard served, to hand its queue on when this socket ends.
    let mut served: Option<u32> = None;
    loop {
        let wake = active.map(|s| Arc::clone(&lock(&shared.gateway).shards[s as usize].ready));
        tokio::select! {
            incoming = stream.next() => {
                let text = match incoming {
                    Some(Ok(Ws::Text(t))) => t,
                    Some(Ok(Ws::Close(frame))) => {
                        let code = frame.map_or(1005, |f| u16::from(f.code));
                        lock(&shared.gateway).stats.closes_received.push(code);
                        changed(&shared);
                        // Keep reading: tungstenite finishes the close handshake.
                        active = None;
                        continue;
                    }
                    Some(Ok(_)) => continue,
                    Some(Err(_)) | None => break,
                };
                let Ok(v) = serde_json::from_str::<Value>(&text) else { continue };
                let replies = match v["op"].as_u64() {
                    Some(1) => {
                        lock(&shared.gateway).stats.heartbeats += 1;
                        vec![Ws::Text(frame(11, None, None, Value::Null))]
                    }
                    Some(2) => {
                        let (shard, frames) = identify(&shared, &v, id);
                        active = shard;
                        frames
                    }
                    Some(6) => {
                        let (shard, frames) = resume(&shared, &v);
                        active = shard;
                        frames
                    }
                    _ => Vec::new(),
                };
                served = active.or(served);
                changed(&shared);
                for r in replies {
                    if sink.send(r).await.is_err() {
                        break;
                    }
                }
                if let Some(shard) = active {
                    if !drain(&shared, shard, &mut sink).await {
                        break;
                    }
                }
            }
            _ = async {
                match &wake {
                    Some(n) => n.notified().await,
                    None => std::future::pending().await,
                }
            }, if active.is_some() => {
                if let Some(shard) = active {
                    if !drain(&shared, shard, &mut sink).await {
                        break;
                    }
                }
            }
            ctrl = control.recv() => {
                let (target, close) = match ctrl {
                    Ok(Control::Close(code, target)) => (target, Some(code)),
                    Ok(Control::Drop(target)) => (target, None),
                    Ok(Control::Raw(text)) => {
                        if active.is_some() && sink.send(Ws::Text(text)).await.is_err() {
                            break;
                        }
                        continue;
                    }
                    Err(_) => continue,
                };
                let Some(shard) = active else { continue };
                if target.is_some_and(|t| t != shard) {
                    continue;
                }
                lock(&shared.gateway).stats.dropped_by_fake += 1;
                changed(&shared);
                active = None;
                match close {
                    Some(code) => {
                        let close = CloseFrame { code: CloseCode::from(code), reason: "fake close".into() };
                        let _ = sink.send(Ws::Close(Some(close))).await;
                    }
                    // Dropping the socket: no close frame, as when a network fails.
                    None => break,
                }
            }
        }
    }
    // Another connection may be waiting for this shard's queued events.
    if let Some(shard) = served {
        let ready = Arc::clone(&lock(&shared.gateway).shards[shard as usize].ready);
        ready.notify_one();
    }
}

/// The `[id, total]` of an IDENTIFY.
fn shard_array(d: &Value) -> Option<[u32; 2]> {
    let a = d["shard"].as_array()?;
    let id = u32::try_from(a.first()?.as_u64()?).ok()?;
    let total = u32::try_from(a.get(1)?.as_u64()?).ok()?;
    Some([id, total])
}

/// A new session: READY and a GUILD_CREATE per guild of the shard; the shard
/// served, or a 4010 close for a shard this gateway does not have.
fn identify(shared: &Shared, v: &Value, connection: u64) -> (Option<u32>, Vec<Ws>) {
    let mut g = lock(&shared.gateway);
    let d = &v["d"];
    let shard = shard_array(d);
    let token = d["token"].as_str().unwrap_or_default();
    g.stats.identifies += 1;
    g.stats.intents = d["intents"].as_u64().unwrap_or(0);
    g.stats.identified.push(Identified {
        connection,
        shard,
        token: token.strip_prefix("Bot ").unwrap_or(token).to_string(),
    });
    let total = shared.total_shards;
    let [id, sent_total] = shard.unwrap_or([0, 1]);
    if sent_total != total || id >= total {
        g.stats.invalid_shards += 1;
        let close = CloseFrame {
            code: CloseCode::from(4010),
            reason: "invalid shard".into(),
        };
        return (None, vec![Ws::Close(Some(close))]);
    }
    g.sessions += 1;
    let session = format!("fake-session-{}", g.sessions);
    let guilds = &shared.guilds[id as usize];
    let mut ready = fixtures::ready(&shared.ws_url, &session);
    ready["shard"] = json!([id, total]);
    ready["guilds"] = guilds
        .iter()
        .map(|g| json!({"id": g["id"], "unavailable": true}))
        .collect();
    let s = &mut g.shards[id as usize];
    s.session = Some(session);
    s.seq = 0;
    s.history.clear();
    let mut out = Vec::new();
    for (t, d) in
        std::iter::once(("READY", ready)).chain(guilds.iter().map(|g| ("GUILD_CREATE", g.clone())))
    {
        s.seq += 1;
        out.push(Ws::Text(frame(0, Some(t), Some(s.seq), d)));
    }
    (Some(id), out)
}

/// A resumed session: replay what the bot missed, then RESUMED; or an
/// invalid session if no shard has that session.
fn resume(shared: &Shared, v: &Value) -> (Option<u32>, Vec<Ws>) {
    let mut g = lock(&shared.gateway);
    let session = v["d"]["session_id"].as_str().unwrap_or_default();
    let Some(id) = g
        .shards
        .iter()
        .position(|s| s.session.as_deref() == Some(session))
    else {
        return (None, vec![Ws::Text(frame(9, None, None, json!(false)))]);
    };
    g.stats.resumes += 1;
    let from = v["d"]["seq"].as_u64().unwrap_or(0);
    let s = &mut g.shards[id];
    let mut out: Vec<Ws> = s
        .history
        .iter()
        .filter(|(seq, _)| *seq > from)
        .map(|(_, f)| Ws::Text(f.clone()))
        .collect();
    s.seq += 1;
    out.push(Ws::Text(frame(0, Some("RESUMED"), Some(s.seq), json!({}))));
    (u32::try_from(id).ok(), out)
}

/// Sends every event queued for `shard`; false if the socket failed.
async fn drain<S>(shared: &Shared, shard: u32, sink: &mut S) -> bool
where
    S: futures_util::Sink<Ws> + Unpin,
{
    loop {
        let next = {
            let mut g = lock(&shared.gateway);
            let s = &mut g.shards[shard as usize];
            match s.outbox.pop_front() {
                Some((t, d)) => {
                    s.seq += 1;
                    let seq = s.seq;
                    let f = frame(0, Some(&t), Some(seq), d);
                    s.history.push_back((seq, f.clone()));
                    if s.history.len() > HISTORY {
                        s.history.pop_front();
                    }
                    g.stats.delivered += 1;
                    *g.stats.delivered_by_shard.entry(shard).or_default() += 1;
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
