//! The metrics/health listener, exercised over loopback with a real HTTP
//! client (reqwest): health transitions, the Prometheus page's content,
//! unknown paths, and shutdown.

use peelbot::engine::{Intent, Status};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use peelbot::ops::http;
use peelbot::ops::metrics::{self, Metrics, ReloadResult};
use tokio::io::AsyncWriteExt;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

struct Server {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl Server {
    async fn start(m: Arc<Metrics>) -> Server {
        let (stop, stopped) = oneshot::channel::<()>();
        let loopback: SocketAddr = "127.0.0.1:0".parse().expect("loopback address");
        let (addr, task) = http::serve(loopback, m, async move {
            let _ = stopped.await;
        })
        .await
        .expect("bind loopback");
        assert_ne!(addr.port(), 0, "serve returns the bound port");
        Server {
            addr,
            stop: Some(stop),
            task,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Signals shutdown and waits (bounded) for the server task to end.
    async fn shutdown_within(mut self, limit: Duration) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        tokio::time::timeout(limit, self.task)
            .await
            .expect("server task ends after shutdown")
            .expect("server task does not panic");
    }
}

fn client() -> reqwest::Client {
    // No proxy: a proxy from the environment must not intercept loopback.
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("http client")
}

async fn get(client: &reqwest::Client, url: &str) -> (u16, String, String) {
    let resp = client.get(url).send().await.expect("request");
    let status = resp.status().as_u16();
    let content_type = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = resp.text().await.expect("body");
    (status, content_type, body)
}

/// Value of the sample whose name-and-labels part is exactly `series`.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().filter(|l| !l.starts_with('#')).find_map(|l| {
        let (name, value) = l.rsplit_once(' ')?;
        (name == series).then(|| value.parse().ok()).flatten()
    })
}

/// `(le, cumulative count)` of a histogram's buckets, in page order.
fn buckets(text: &str, histogram: &str) -> Vec<(f64, f64)> {
    let prefix = format!("{histogram}_bucket{{le=\"");
    text.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix(&prefix)?;
            let (le, value) = rest.split_once("\"} ")?;
            let le = if le == "+Inf" {
                f64::INFINITY
            } else {
                le.parse().ok()?
            };
            Some((le, value.parse().ok()?))
        })
        .collect()
}

#[tokio::test]
async fn health_is_503_until_shards_up_and_knowledge_loaded() {
    let m = Metrics::new();
    let server = Server::start(Arc::clone(&m)).await;
    let c = client();
    let health = server.url("/health");

    let (status, _, body) = get(&c, &health).await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("no gateway shards"), "{body}");
    assert!(body.contains("knowledge base not loaded"), "{body}");
    assert!(!m.healthy());

    m.set_shards(1, 2);
    let (status, _, body) = get(&c, &health).await;
    assert_eq!(status, 503);
    assert!(body.contains("1/2"), "{body}");

    m.set_shards(2, 2);
    let (status, _, body) = get(&c, &health).await;
    assert_eq!(status, 503, "shards up but no knowledge base: {body}");
    assert!(body.contains("knowledge base not loaded"), "{body}");
    assert!(!body.contains("shards"), "{body}");

    m.knowledge_loaded("2024.1", SystemTime::now());
    let (status, _, body) = get(&c, &health).await;
    assert_eq!((status, body.trim()), (200, "ok"));
    assert!(m.healthy());

    // A shard dropping makes it unhealthy again.
    m.set_shards(1, 2);
    let (status, _, body) = get(&c, &health).await;
    assert_eq!(status, 503, "{body}");
    assert!(!m.healthy());

    // Expecting zero shards is never healthy (nothing can answer).
    m.set_shards(0, 0);
    assert!(!m.healthy());

    server.shutdown_within(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn metrics_page_has_counters_labels_and_histogram() {
    let m = Metrics::new();
    let server = Server::start(Arc::clone(&m)).await;
    let c = client();

    m.observe_answer(Status::Answered, Intent::Grade, Duration::from_micros(40));
    m.observe_answer(Status::Answered, Intent::Grade, Duration::from_micros(400));
    m.observe_answer(Status::NoMatch, Intent::None, Duration::from_millis(3));
    m.observe_answer(Status::Clarify, Intent::Overview, Duration::from_secs(2));
    m.reload(ReloadResult::Ok);
    m.reload(ReloadResult::Ok);
    m.reload(ReloadResult::Failed);
    m.rate_limited();
    m.set_shards(3, 4);
    m.knowledge_loaded("v1", UNIX_EPOCH + Duration::from_secs(1_700_000_000));

    let (status, content_type, text) = get(&c, &server.url("/metrics")).await;
    assert_eq!(status, 200);
    assert_eq!(content_type, metrics::CONTENT_TYPE);
    assert!(content_type.starts_with("text/plain; version=0.0.4"));

    let expect = |series: &str, value: f64| {
        assert_eq!(sample(&text, series), Some(value), "{series} in:\n{text}");
    };
    expect(
        r#"peelbot_questions_total{status="answered",intent="grade"}"#,
        2.0,
    );
    expect(
        r#"peelbot_questions_total{status="no_match",intent="none"}"#,
        1.0,
    );
    expect(
        r#"peelbot_questions_total{status="clarify",intent="overview"}"#,
        1.0,
    );
    expect(r#"peelbot_reloads_total{result="ok"}"#, 2.0);
    expect(r#"peelbot_reloads_total{result="failed"}"#, 1.0);
    expect("peelbot_rate_limited_total", 1.0);
    expect("peelbot_gateway_shards_up", 3.0);
    expect("peelbot_gateway_shards_expected", 4.0);
    expect(r#"peelbot_knowledge_info{version="v1"}"#, 1.0);
    expect(
        "peelbot_knowledge_loaded_timestamp_seconds",
        1_700_000_000.0,
    );

    // Histogram: 4 observations, cumulative buckets, 2 s beyond the last bound.
    assert!(text.contains("# TYPE peelbot_answer_latency_seconds histogram"));
    expect("peelbot_answer_latency_seconds_count", 4.0);
    let buckets = buckets(&text, "peelbot_answer_latency_seconds");
    let count_at = |le: f64| {
        buckets
            .iter()
            .find(|(bound, _)| *bound == le || (le.is_finite() && (bound - le).abs() <= le * 1e-9))
            .map(|(_, n)| *n)
    };
    // The range suits the engine: 5 µs at the bottom, 1 s at the top.
    assert_eq!(buckets.first().map(|b| b.0), Some(0.000_005), "{buckets:?}");
    assert_eq!(count_at(0.000_05), Some(1.0), "{buckets:?}");
    assert_eq!(count_at(0.000_5), Some(2.0), "{buckets:?}");
    assert_eq!(count_at(0.005), Some(3.0), "{buckets:?}");
    assert_eq!(count_at(1.0), Some(3.0), "{buckets:?}");
    assert_eq!(count_at(f64::INFINITY), Some(4.0), "{buckets:?}");
    assert!(
        buckets
            .windows(2)
            .all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1),
        "bounds ascending, counts cumulative: {buckets:?}"
    );
    let sum = sample(&text, "peelbot_answer_latency_seconds_sum").expect("sum");
    assert!((sum - 2.00344).abs() < 1e-9, "sum {sum}");

    server.shutdown_within(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn knowledge_version_is_replaced_not_accumulated() {
    let m = Metrics::new();
    let server = Server::start(Arc::clone(&m)).await;
    let c = client();

    let (_, _, before) = get(&c, &server.url("/metrics")).await;
    assert!(!before.contains("peelbot_knowledge_info"), "{before}");
    // Reload series exist (at zero) before any reload, so alerts can use them.
    assert_eq!(
        sample(&before, r#"peelbot_reloads_total{result="failed"}"#),
        Some(0.0)
    );

    for (i, version) in ["v1", "v2", "v3"].iter().enumerate() {
        m.knowledge_loaded(version, UNIX_EPOCH + Duration::from_secs(100 + i as u64));
        m.reload(ReloadResult::Ok);
    }
    let (_, _, text) = get(&c, &server.url("/metrics")).await;
    let info: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("peelbot_knowledge_info{"))
        .collect();
    assert_eq!(
        info,
        [r#"peelbot_knowledge_info{version="v3"} 1"#],
        "{text}"
    );
    assert_eq!(
        sample(&text, "peelbot_knowledge_loaded_timestamp_seconds"),
        Some(102.0)
    );
    assert_eq!(
        sample(&text, r#"peelbot_reloads_total{result="ok"}"#),
        Some(3.0)
    );

    server.shutdown_within(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn unknown_path_is_404() {
    let m = Metrics::new();
    let server = Server::start(m).await;
    let c = client();

    for path in ["/", "/nope", "/metrics/extra", "/healthz"] {
        let (status, _, _) = get(&c, &server.url(path)).await;
        assert_eq!(status, 404, "{path}");
    }
    let resp = c
        .post(server.url("/metrics"))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status().as_u16(), 405, "only GET is served");

    server.shutdown_within(Duration::from_secs(5)).await;
}

#[tokio::test]
async fn server_stops_on_shutdown_even_with_a_pooled_connection() {
    let m = Metrics::new();
    let server = Server::start(m).await;
    let addr = server.addr;
    // The client keeps its keep-alive connection pooled across shutdown.
    let c = client();
    let (status, _, _) = get(&c, &server.url("/metrics")).await;
    assert_eq!(status, 200);

    // Well under the listener's grace period: an idle keep-alive connection
    // is closed at once, not waited out.
    server.shutdown_within(Duration::from_millis(1500)).await;

    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "port closed after shutdown"
    );
    assert!(c.get(format!("http://{addr}/health")).send().await.is_err());
}

#[tokio::test]
async fn stalled_client_does_not_block_shutdown() {
    let m = Metrics::new();
    let server = Server::start(m).await;
    // Half a request, then silence.
    let mut stalled = tokio::net::TcpStream::connect(server.addr)
        .await
        .expect("connect");
    stalled
        .write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("write");
    tokio::time::sleep(Duration::from_millis(50)).await;

    server.shutdown_within(Duration::from_secs(6)).await;
    drop(stalled);
}

#[tokio::test]
async fn bind_failure_is_returned() {
    let taken = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = taken.local_addr().expect("addr");
    let result = http::serve(addr, Metrics::new(), std::future::pending()).await;
    assert!(result.is_err(), "port already in use");
}

#[test]
fn observations_from_many_threads_all_count() {
    let m = Metrics::new();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let m = Arc::clone(&m);
            std::thread::spawn(move || {
                for i in 0..1_000u64 {
                    m.observe_answer(Status::Answered, Intent::Grade, Duration::from_micros(i));
                    m.rate_limited();
                    m.set_shards(1, 1);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("thread");
    }
    let text = m.render();
    assert_eq!(
        sample(
            &text,
            r#"peelbot_questions_total{status="answered",intent="grade"}"#
        ),
        Some(8_000.0)
    );
    assert_eq!(sample(&text, "peelbot_rate_limited_total"), Some(8_000.0));
    assert_eq!(
        sample(&text, "peelbot_answer_latency_seconds_count"),
        Some(8_000.0)
    );
}
