//! Drives the real bot (serenity + poise + the engine) through the fake
//! Discord of the end-to-end tests, on loopback, and prints throughput,
//! latency from "event queued at the gateway" to "reply received by REST",
//! and resident memory.
//!
//! `cargo bench --bench discord` (release build). Bounded: about 15 s;
//! without `--bench` (as `cargo test --benches` runs it) a 1/20 smoke run.
//! Targets on a 2-core machine: >= 2,000 questions/s sustained, p99 < 5 ms,
//! RSS < 60 MB (the process holds the bot and the fake Discord).

#[path = "../tests/support/mod.rs"]
mod support;

use support::measure::{memory_mb, ms, percentile};

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use peelbot::config::EngineConfig;
use support::fixtures::{self, BOT_ID, CHANNEL};
use support::FakeOptions;

const QUESTIONS: [&str; 10] = [
    "What does Derbyshire need to improve?",
    "What did the inspector say about Kent?",
    "All grades for Essex",
    "Which forces are inadequate at responding to the public?",
    "Compare Kent and Essex",
    "How did Surrey respond to the inspection?",
    "What does West Yorkshire Police need to improve?",
    "What did the Yorkshire police need to improve?",
    "Is Cumbria good at preventing crime?",
    "What is PEEL?",
];

/// Sent times by question message id, and latencies of replies seen.
#[derive(Default)]
struct Book {
    sent: HashMap<u64, Instant>,
    latencies: Vec<Duration>,
    last_reply: Option<Instant>,
}

/// Wakes the sender when a reply frees a place in the window.
static ANSWERED: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// Sends `count` questions at `rate` per second (0 = as fast as the window
/// of `in_flight` unanswered questions allows); returns (elapsed from first
/// send to last reply, latencies sorted).
async fn run(
    h: &support::Harness,
    book: &Arc<Mutex<Book>>,
    count: usize,
    rate: u32,
    in_flight: usize,
) -> (Duration, Vec<Duration>) {
    {
        let mut b = book.lock().expect("book");
        b.latencies.clear();
        b.sent.clear();
        b.last_reply = None;
    }
    let start = Instant::now();
    let per_ms = (rate / 1000).max(1) as usize;
    let mut ticker = tokio::time::interval(Duration::from_millis(1));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut sent = 0;
    let deadline = start + Duration::from_secs(60);
    while sent < count && Instant::now() < deadline {
        if rate > 0 {
            ticker.tick().await;
        } else {
            // Keep at most `in_flight` questions unanswered.
            loop {
                let answered = book.lock().expect("book").latencies.len();
                if sent - answered < in_flight {
                    break;
                }
                let _ = tokio::time::timeout(Duration::from_millis(50), ANSWERED.notified()).await;
            }
        }
        for _ in 0..per_ms.min(count - sent) {
            let user = fixtures::USER + (sent % 50) as u64;
            let q = QUESTIONS[sent % QUESTIONS.len()];
            let (id, m) = fixtures::message(CHANNEL, user, &format!("<@{BOT_ID}> {q}"));
            book.lock().expect("book").sent.insert(id, Instant::now());
            h.fake.dispatch("MESSAGE_CREATE", m);
            sent += 1;
        }
    }
    // Wait (bounded) for the last replies.
    let wait_until = Instant::now() + Duration::from_secs(20);
    loop {
        let done = book.lock().expect("book").latencies.len();
        if done >= sent || Instant::now() > wait_until {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let b = book.lock().expect("book");
    let mut lat = b.latencies.clone();
    lat.sort_unstable();
    let end = b.last_reply.unwrap_or_else(Instant::now);
    (end.saturating_duration_since(start), lat)
}

fn report(name: &str, count: usize, elapsed: Duration, lat: &[Duration]) {
    println!(
        "{name}: {} of {count} answered in {:.2} s = {:.0} questions/s; latency p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms; RSS {:.1} MB",
        lat.len(),
        elapsed.as_secs_f64(),
        lat.len() as f64 / elapsed.as_secs_f64().max(1e-9),
        ms(percentile(lat, 0.50)),
        ms(percentile(lat, 0.99)),
        ms(percentile(lat, 1.0)),
        memory_mb("VmRSS:"),
    );
}

async fn bench(quick: bool) {
    // `cargo test --benches` runs this file without `--bench`: a smoke run.
    let scale = if quick { 20 } else { 1 };
    println!("before start: RSS {:.1} MB", memory_mb("VmRSS:"));
    let h = support::start_with(
        FakeOptions { record: false },
        support::engine(&EngineConfig::default()),
        |c| {
            c.user_rate_limit = 1_000_000;
            c.channel_rate_limit = 1_000_000;
        },
    )
    .await;
    println!("bot ready: RSS {:.1} MB", memory_mb("VmRSS:"));
    let book = Arc::new(Mutex::new(Book::default()));
    let mut feed = h.fake.subscribe();
    let collector = {
        let book = Arc::clone(&book);
        tokio::spawn(async move {
            let path = format!("/channels/{CHANNEL}/messages");
            loop {
                match feed.recv().await {
                    Ok(r) => {
                        if !r.is("POST", &path) {
                            continue;
                        }
                        let Some(q) = r.replies_to() else { continue };
                        let mut b = book.lock().expect("book");
                        if let Some(sent) = b.sent.remove(&q) {
                            b.latencies.push(r.at.saturating_duration_since(sent));
                            b.last_reply = Some(r.at);
                        }
                        drop(b);
                        ANSWERED.notify_one();
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                        eprintln!("collector lagged by {n} requests");
                    }
                    Err(_) => break,
                }
            }
        })
    };

    let (warm, sustained, burst) = (2_000 / scale, 10_000 / scale, 20_000 / scale);
    let (e, lat) = run(&h, &book, warm, 0, 64).await;
    report("warm-up", warm, e, &lat);
    let (e, lat) = run(&h, &book, sustained, 2_000, 0).await;
    report(
        &format!(
            "sustained at 2,000/s for {:.2} s",
            sustained as f64 / 2_000.0
        ),
        sustained,
        e,
        &lat,
    );
    let (e, lat) = run(&h, &book, burst, 0, 32).await;
    report("as fast as possible (32 in flight)", burst, e, &lat);
    println!(
        "resident memory: {:.1} MB now, {:.1} MB peak (bot + fake Discord in one process)",
        memory_mb("VmRSS:"),
        memory_mb("VmHWM:")
    );
    let stats = h.bot.stats();
    println!(
        "bot counters: {} events, {} questions, {} send errors, {} rate limited",
        stats.events, stats.questions, stats.send_errors, stats.rate_limited
    );
    collector.abort();
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` runs this too.
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start a runtime: {e}");
            std::process::exit(1);
        }
    };
    let quick = !std::env::args().any(|a| a == "--bench");
    runtime.block_on(bench(quick));
}
