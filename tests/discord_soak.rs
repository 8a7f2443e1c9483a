//! Load and fault soak: 50,000 questions through the fake Discord from many
//! users and channels, while the knowledge base is reloaded every second and
//! the gateway drops the bot every 10 seconds. Every question must get
//! exactly one reply, nothing may panic, and memory must stay flat.
//!
//! Ignored by default (about a minute of full load); run it with
//!
//! ```text
//! cargo test --release --test discord_soak -- --ignored --nocapture
//! ```
//!
//! Bounded: 50,000 questions paced at 1,000/s (`SOAK_QUESTIONS`,
//! `SOAK_RATE` override both), at most 2,000 unanswered at once, and a hard
//! stop after 150 s. Loopback only: the bot and the fake Discord run in this
//! process. Rate limits are set far above the load, so every question is
//! answered rather than politely refused.
//!
//! Faults: every second the temp copy of `knowledge/` loses or regains one
//! inspection of one force and is reloaded with `ReloadSource` (validated,
//! swapped atomically; `knowledge.allow_removals` lets the removal through,
//! as losing data is otherwise refused); every 10 s the gateway either closes the socket with 4000 or
//! drops the TCP connection without a close frame, alternately.
//! Questions are 80% mentions, 10% prefix commands, 10% `/ask`.

mod support;

use support::measure::{memory_mb, ms, percentile};

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use peelbot::config::{Config, EngineConfig, ShardsConfig};
use peelbot::engine::{Engine, SharedEngine};
use peelbot::ops::{KnowledgeSource, ReloadOutcome, ReloadSource};
use serde_json::json;
use tokio::sync::broadcast::error::RecvError;

use support::fixtures::{self, BOT_ID};
use support::{FakeDiscord, FakeOptions, Recorded};

const DEFAULT_QUESTIONS: usize = 50_000;
const DEFAULT_RATE: f64 = 1_000.0;
const MAX_IN_FLIGHT: usize = 2_000;
const USERS: u64 = 1_000;
const CHANNELS: u64 = 64;
const RELOAD_EVERY: Duration = Duration::from_secs(1);
const DROP_EVERY: Duration = Duration::from_secs(10);
/// Hard stop for sending; the answers get `DRAIN` more.
const SEND_LIMIT: Duration = Duration::from_secs(150);
const DRAIN: Duration = Duration::from_secs(30);
/// The force file removed and restored by alternate reloads.
const TOGGLED: &str = "forces/surrey.toml";

const QUESTIONS: [&str; 12] = [
    "What does Derbyshire need to improve?",
    "What did the inspector say about Kent?",
    "All grades for Essex",
    "Which forces are inadequate at responding to the public?",
    "Compare Kent and Essex",
    "How did Surrey respond to the inspection?",
    "What does Surrey need to improve?",
    "What does West Yorkshire Police need to improve?",
    "Is Cumbria good at preventing crime?",
    "What is PEEL?",
    "Who led the inspection of Norfolk?",
    "what abt the met",
];

static PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        default(info);
    }));
}

/// User + system CPU time of this process so far.
fn cpu_time() -> Duration {
    // Fields 14 and 15 of /proc/self/stat, in clock ticks (100 per second
    // on Linux); the command name (field 2) is in parentheses.
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<u64> = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse().ok())
        .collect();
    Duration::from_millis(fields.iter().sum::<u64>() * 10)
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create temp knowledge dir");
    for entry in std::fs::read_dir(from).expect("read knowledge dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy knowledge file");
        }
    }
}

/// A temp copy of `knowledge/`, removed on drop.
struct TempKnowledge(PathBuf);

impl Drop for TempKnowledge {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every question's fate. All vectors are written in full before the run,
/// so the test's own bookkeeping does not show as growth in RSS.
struct Book {
    /// Question `i`'s id.
    ids: Vec<u64>,
    /// Question number by id (interaction ids are snowflakes of their time,
    /// not one counter with the message ids).
    by_id: std::collections::HashMap<u64, usize>,
    /// When question `i` was queued at the gateway.
    sent: Vec<Instant>,
    /// Replies to question `i`.
    replies: Vec<u32>,
    /// First-reply latencies, `answered` of them so far.
    latencies: Vec<Duration>,
    answered: usize,
    last_reply: Option<Instant>,
    /// Replies whose question the book does not know.
    strays: u64,
    /// Requests Discord would have refused (status >= 400) or 404s.
    http_errors: u64,
    /// Messages breaking Discord's limits or pinging someone.
    bad_messages: Vec<String>,
}

/// `n` zeros, written now: `vec![0; n]` maps zeroed pages that only count
/// in RSS once written, which would show as growth during the run.
#[allow(
    clippy::slow_vector_initialization,
    reason = "the point is to touch every page before measuring"
)]
fn touched_zeros(n: usize) -> Vec<u32> {
    let mut v = Vec::with_capacity(n);
    v.resize(n, 0);
    v
}

impl Book {
    fn new(total: usize, now: Instant) -> Book {
        Book {
            ids: vec![u64::MAX; total],
            by_id: std::collections::HashMap::with_capacity(total),
            sent: vec![now; total],
            replies: touched_zeros(total),
            latencies: vec![Duration::MAX; total],
            answered: 0,
            last_reply: None,
            strays: 0,
            http_errors: 0,
            bad_messages: Vec::with_capacity(16),
        }
    }

    fn index(&self, id: u64) -> Option<usize> {
        self.by_id.get(&id).copied()
    }
}

#[derive(Default)]
struct Counters {
    answered: AtomicUsize,
    lagged: AtomicU64,
    reloads_ok: AtomicU64,
    reloads_failed: AtomicU64,
    reload_micros: AtomicU64,
    reload_max_micros: AtomicU64,
    drops: AtomicU64,
}

/// Files every reply (channel message replying to a question, or an
/// interaction callback) against its question.
fn collect(r: &Recorded, book: &Mutex<Book>, counters: &Counters) {
    let mut b = book.lock().expect("book");
    if r.status >= 400 {
        b.http_errors += 1;
    }
    let question = if r.method == "POST" && r.path.starts_with("/channels/") {
        r.replies_to()
    } else {
        r.interaction()
    };
    let Some(q) = question else { return };
    if let Some(m) = r.message() {
        if let Some(problem) = support::checks::message_problem(m) {
            b.bad_messages
                .push(format!("{} {}: {problem}", r.method, r.path));
        }
    }
    let Some(i) = b.index(q) else {
        b.strays += 1;
        return;
    };
    b.replies[i] += 1;
    if b.replies[i] == 1 {
        let latency = r.at.saturating_duration_since(b.sent[i]);
        let n = b.answered;
        b.latencies[n] = latency;
        b.answered += 1;
        b.last_reply = Some(r.at);
        drop(b);
        counters.answered.fetch_add(1, Ordering::Release);
    }
}

/// Question `i`: who asks, where, how.
fn question(i: usize) -> (u64, &'static str, serde_json::Value, u64) {
    let user = fixtures::USER + (i as u64 % USERS);
    let channel = 100_000_000_000_010_000 + ((i as u64 / 7) % CHANNELS);
    let q = QUESTIONS[i % QUESTIONS.len()];
    match i % 10 {
        9 => {
            let options = json!([{"name": "question", "type": 3, "value": q}]);
            let (id, v) = fixtures::command("ask", options, channel, user);
            (id, "INTERACTION_CREATE", v, channel)
        }
        8 => {
            let (id, v) = fixtures::message(channel, user, &format!("!peel {q}"));
            (id, "MESSAGE_CREATE", v, channel)
        }
        _ => {
            let (id, v) = fixtures::message(channel, user, &format!("<@{BOT_ID}> {q}"));
            (id, "MESSAGE_CREATE", v, channel)
        }
    }
}

/// Every second: remove or restore the last inspection of one force, then reload.
async fn reloader(
    dir: PathBuf,
    shared: Arc<SharedEngine>,
    counters: Arc<Counters>,
    stop: Arc<AtomicBool>,
) {
    let toggled = dir.join(TOGGLED);
    let content = std::fs::read_to_string(&toggled).expect("read the toggled force file");
    let cut = content
        .rfind("[[inspection]]")
        .expect("an inspection to toggle");
    assert!(
        content[..cut].contains("[[inspection]]"),
        "the toggled force needs two inspections"
    );
    let source = ReloadSource {
        knowledge: KnowledgeSource::new(Some(dir)),
        config_path: None,
    };
    let mut current = Config::default();
    current.knowledge.allow_removals = true;
    let mut ticker = tokio::time::interval(RELOAD_EVERY);
    ticker.tick().await;
    let mut present = true;
    while !stop.load(Ordering::Acquire) {
        ticker.tick().await;
        let text = if present {
            &content[..cut]
        } else {
            &content[..]
        };
        std::fs::write(&toggled, text).expect("write the toggled force file");
        present = !present;
        let (shared, source, current) = (Arc::clone(&shared), source.clone(), current.clone());
        let started = Instant::now();
        let outcome = tokio::task::spawn_blocking(move || source.reload(&shared, &current))
            .await
            .expect("reload task");
        let micros = started.elapsed().as_micros() as u64;
        counters.reload_micros.fetch_add(micros, Ordering::Relaxed);
        counters
            .reload_max_micros
            .fetch_max(micros, Ordering::Relaxed);
        match outcome {
            ReloadOutcome::Reloaded { diff, .. } => {
                let changed = diff.inspections_added + diff.inspections_removed;
                assert_eq!(
                    changed, 1,
                    "each reload adds or removes one inspection: {diff}"
                );
                counters.reloads_ok.fetch_add(1, Ordering::Relaxed);
            }
            other => {
                eprintln!("reload did not happen: {other}");
                counters.reloads_failed.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

/// Every 10 s: close the socket with 4000, or drop it, alternately.
async fn dropper(fake: Arc<FakeDiscord>, counters: Arc<Counters>, stop: Arc<AtomicBool>) {
    let mut ticker = tokio::time::interval(DROP_EVERY);
    ticker.tick().await;
    let mut n = 0u64;
    while !stop.load(Ordering::Acquire) {
        ticker.tick().await;
        if stop.load(Ordering::Acquire) {
            break;
        }
        if n % 2 == 0 {
            fake.close_gateway(4000);
        } else {
            fake.drop_gateway();
        }
        n += 1;
        counters.drops.fetch_add(1, Ordering::Relaxed);
    }
}

#[ignore = "soak: about a minute at full load; run with --release -- --ignored --nocapture"]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soak_50k_questions_with_reloads_and_gateway_drops() {
    count_panics();
    let total: usize = env_or("SOAK_QUESTIONS", DEFAULT_QUESTIONS);
    let rate: f64 = env_or("SOAK_RATE", DEFAULT_RATE);
    let rss_before = memory_mb("VmRSS:");

    // A temp copy of knowledge/, served and reloaded.
    let dir = std::env::temp_dir().join(format!("peelbot-soak-{}", std::process::id()));
    let _cleanup = TempKnowledge(dir.clone());
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"),
        &dir,
    );
    let kb = peelbot::knowledge::load_dir(&dir).expect("knowledge copy loads");
    let engine = Arc::new(SharedEngine::new(Engine::new(kb, &EngineConfig::default())));

    let fake = Arc::new(FakeDiscord::start_with(FakeOptions { record: false }).await);
    let mut feed = fake.subscribe();
    let bot = support::start_bot(
        &fake,
        support::TOKEN,
        ShardsConfig::default(),
        Arc::clone(&engine),
        |c| {
            c.user_rate_limit = 1_000_000;
            c.channel_rate_limit = 1_000_000;
        },
    )
    .await;
    let book = Arc::new(Mutex::new(Book::new(total, Instant::now())));
    let counters = Arc::new(Counters::default());
    let stop = Arc::new(AtomicBool::new(false));
    let collector = {
        let (book, counters) = (Arc::clone(&book), Arc::clone(&counters));
        tokio::spawn(async move {
            loop {
                match feed.recv().await {
                    Ok(r) => collect(&r, &book, &counters),
                    Err(RecvError::Lagged(n)) => {
                        counters.lagged.fetch_add(n, Ordering::Relaxed);
                    }
                    Err(RecvError::Closed) => break,
                }
            }
        })
    };
    let reloads = tokio::spawn(reloader(
        dir.clone(),
        Arc::clone(&engine),
        Arc::clone(&counters),
        Arc::clone(&stop),
    ));
    let drops = tokio::spawn(dropper(
        Arc::clone(&fake),
        Arc::clone(&counters),
        Arc::clone(&stop),
    ));

    let rss_ready = memory_mb("VmRSS:");

    // Send, paced at `rate`, never more than MAX_IN_FLIGHT unanswered.
    let start = Instant::now();
    let cpu_start = cpu_time();
    let mut rss_warm = None;
    // RSS after each tenth of the questions.
    let mut rss_series: Vec<f64> = Vec::new();
    let mut sent = 0usize;
    let mut ticker = tokio::time::interval(Duration::from_millis(1));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    while sent < total && start.elapsed() < SEND_LIMIT {
        ticker.tick().await;
        let due = ((start.elapsed().as_secs_f64() * rate) as usize).min(total);
        while sent < due {
            let answered = counters.answered.load(Ordering::Acquire);
            if sent - answered >= MAX_IN_FLIGHT {
                break;
            }
            let (id, t, payload, _) = question(sent);
            {
                let mut b = book.lock().expect("book");
                b.ids[sent] = id;
                b.by_id.insert(id, sent);
                b.sent[sent] = Instant::now();
            }
            fake.dispatch(t, payload);
            sent += 1;
        }
        if rss_series.len() < 10 && sent >= total / 10 * (rss_series.len() + 1) {
            rss_series.push(memory_mb("VmRSS:"));
            if rss_warm.is_none() {
                rss_warm = Some(memory_mb("VmRSS:"));
            }
        }
    }
    let send_time = start.elapsed();
    let drain_until = Instant::now() + DRAIN;
    while counters.answered.load(Ordering::Acquire) < sent && Instant::now() < drain_until {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Time for a duplicate to show up.
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.store(true, Ordering::Release);
    let _ = tokio::time::timeout(Duration::from_secs(5), reloads).await;
    drops.abort();
    let rss_end = memory_mb("VmRSS:");
    let cpu = cpu_time().saturating_sub(cpu_start);
    let wall = start.elapsed();
    let rss_peak = memory_mb("VmHWM:");

    let gateway = fake.gateway_stats();
    let stats = bot.stats();
    let (lost, duplicated, mut lat, last_reply, strays, http_errors, bad_messages) = {
        let b = book.lock().expect("book");
        (
            b.replies[..sent].iter().filter(|&&n| n == 0).count(),
            b.replies[..sent].iter().filter(|&&n| n > 1).count(),
            b.latencies[..b.answered].to_vec(),
            b.last_reply,
            b.strays,
            b.http_errors,
            b.bad_messages.clone(),
        )
    };
    lat.sort_unstable();
    let span = last_reply
        .unwrap_or_else(Instant::now)
        .saturating_duration_since(start);
    let reloads_ok = counters.reloads_ok.load(Ordering::Relaxed);
    let reloads_failed = counters.reloads_failed.load(Ordering::Relaxed);
    let reload_mean = Duration::from_micros(
        counters.reload_micros.load(Ordering::Relaxed) / (reloads_ok + reloads_failed).max(1),
    );
    let reload_max = Duration::from_micros(counters.reload_max_micros.load(Ordering::Relaxed));
    let drops_done = counters.drops.load(Ordering::Relaxed);
    let lagged = counters.lagged.load(Ordering::Relaxed);
    let panics = PANICS.load(Ordering::SeqCst);

    println!("soak: {sent} of {total} questions sent in {:.1} s (target {rate:.0}/s; {USERS} users, {CHANNELS} channels; 80% mentions, 10% prefix, 10% /ask)", send_time.as_secs_f64());
    println!(
        "answers: {} answered, {lost} lost, {duplicated} duplicated, {} stray; {:.0} answers/s over {:.1} s",
        lat.len(),
        strays,
        lat.len() as f64 / span.as_secs_f64().max(1e-9),
        span.as_secs_f64()
    );
    println!(
        "latency (event queued at the gateway -> reply received): p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, p99.9 {:.1} ms, max {:.1} ms",
        ms(percentile(&lat, 0.50)),
        ms(percentile(&lat, 0.90)),
        ms(percentile(&lat, 0.99)),
        ms(percentile(&lat, 0.999)),
        ms(percentile(&lat, 1.0)),
    );
    println!(
        "faults: {reloads_ok} reloads ok, {reloads_failed} failed (mean {:.1} ms, max {:.1} ms); {drops_done} gateway drops -> {} connections, {} resumes, {} identifies",
        ms(reload_mean),
        ms(reload_max),
        gateway.connections,
        gateway.resumes,
        gateway.identifies,
    );
    println!(
        "memory (VmRSS): {rss_before:.1} MB before start, {rss_ready:.1} MB bot ready (and the test's book written), {:.1} MB after 10% of questions, {rss_end:.1} MB at end; peak {rss_peak:.1} MB",
        rss_warm.unwrap_or(0.0)
    );
    let series: Vec<String> = rss_series.iter().map(|m| format!("{m:.1}")).collect();
    println!(
        "memory after each tenth of the questions (MB): {}",
        series.join(", ")
    );
    println!(
        "CPU: {:.1} s over {:.1} s = {:.2} of this machine's {} cores (bot, fake Discord, reloads and this test together)",
        cpu.as_secs_f64(),
        wall.as_secs_f64(),
        cpu.as_secs_f64() / wall.as_secs_f64().max(1e-9),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );
    println!(
        "bot counters: {} events, {} questions, {} send errors, {} rate limited, {} ignored; {} HTTP errors, {lagged} replies missed by the collector, {panics} panics",
        stats.events,
        stats.questions,
        stats.send_errors,
        stats.rate_limited,
        stats.ignored,
        http_errors,
    );

    assert_eq!(panics, 0, "panics");
    assert_eq!(
        lagged, 0,
        "the collector fell behind; counts are incomplete"
    );
    assert_eq!(sent, total, "sending hit the {SEND_LIMIT:?} limit");
    assert_eq!(lost, 0, "questions without a reply");
    assert_eq!(duplicated, 0, "questions answered twice");
    assert_eq!(strays, 0, "replies to unknown questions");
    assert!(
        bad_messages.is_empty(),
        "{:?}",
        &bad_messages[..bad_messages.len().min(5)]
    );
    assert_eq!(http_errors, 0, "HTTP errors");
    assert_eq!((stats.send_errors, stats.rate_limited), (0, 0));
    assert_eq!(reloads_failed, 0, "failed reloads");
    let secs = send_time.as_secs();
    assert!(reloads_ok + 2 >= secs, "{reloads_ok} reloads in {secs} s");
    assert!(drops_done >= secs / 10, "{drops_done} drops in {secs} s");
    assert!(
        gateway.connections > drops_done,
        "every drop reconnected: {gateway:?}"
    );
    // Flat: after warm-up, memory grows by less than the bot's bounded
    // stores could account for.
    if let Some(warm) = rss_warm {
        assert!(
            rss_end < warm + 32.0,
            "RSS grew from {warm:.1} MB to {rss_end:.1} MB"
        );
    }
    collector.abort();
    let _ = tokio::time::timeout(Duration::from_secs(10), bot.shutdown()).await;
}
