//! Running the bot for real, end to end: hot reload, the curation log and
//! metrics, through the real bot (serenity + poise) against the fake Discord
//! on 127.0.0.1, with a real HTTP client for `/health` and `/metrics`.
//!
//! Contents:
//! - reload: refused for non-admins; an admin sees what changed and the next
//!   answer uses it; a broken file is named (file:line) and the old base
//!   keeps answering; the embedded base has nothing to reload; reloadable
//!   settings apply and restart-only ones are named; `peelbot serve` reloads
//!   on SIGHUP;
//! - feedback: 👍/👎 on answers, a 👎 writes one private line, an unanswered
//!   question writes one, an unwritable log never stops answering;
//! - metrics: `/health` 503 until every shard is connected, then 200;
//!   `/metrics` counts questions by status and intent, rate limits and
//!   reloads; the listener stops with the bot.
//!
//! Every test ends by checking every message the bot sent: nobody pinged,
//! every Discord limit kept, no unknown route called.

mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use peelbot::config::{Config, DiscordConfig, EngineConfig, FeedbackConfig, Secret, ShardsConfig};
use peelbot::discord::{BotHandle, BotSettings, Operations};
use peelbot::engine::{Engine, SharedEngine};
use peelbot::feedback::FeedbackLog;
use peelbot::reload::ReloadSource;

use support::fixtures::*;
use support::{button_ids, button_labels, shown_text, FakeDiscord, FakeOptions, Harness, WAIT};

const CHANNEL_MESSAGE: u64 = 4;
const DEFERRED_MESSAGE: u64 = 5;
const EPHEMERAL: u64 = 1 << 6;
/// Inadequate's colour in the grade palette.
fn inadequate() -> u32 {
    peelbot::engine::palette::swatch(Some(peelbot::knowledge::Grade::Inadequate)).rgb
}

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// Other askers, so rate limits on one do not touch another.
const USER2: u64 = 800_000_000_000_000_002;
const USER3: u64 = 800_000_000_000_000_003;

// ---------------------------------------------------------------------------
// Set-up

/// A scratch directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "peelbot-ops-{name}-{}-{}",
            std::process::id(),
            next_id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }

    /// A scratch copy of the shipped `knowledge/` directory.
    fn knowledge(name: &str) -> Scratch {
        let s = Scratch::new(name);
        copy_dir(&Path::new(ROOT).join("knowledge"), &s.0);
        s
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }

    /// Replaces the first `from` in `rel` with `to`.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let p = self.path(rel);
        let text = std::fs::read_to_string(&p).expect("read knowledge file");
        let changed = text.replacen(from, to, 1);
        assert_ne!(text, changed, "{rel} has no {from:?}");
        std::fs::write(&p, changed).expect("write knowledge file");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// An engine over a knowledge directory.
fn engine_from(dir: &Path) -> Arc<SharedEngine> {
    let kb = peelbot::knowledge::load_dir(dir).expect("scratch knowledge loads");
    Arc::new(SharedEngine::new(Engine::new(kb, &EngineConfig::default())))
}

/// Reloads from `dir` (no config file: settings stay as started).
fn reload_from(dir: &Path) -> ReloadSource {
    ReloadSource {
        knowledge_dir: Some(dir.to_path_buf()),
        config_path: None,
    }
}

/// Starts the real bot with `ops` against `fake`; does not wait for READY.
async fn launch(
    fake: &FakeDiscord,
    engine: Arc<SharedEngine>,
    ops: Operations,
    tweak: impl FnOnce(&mut DiscordConfig),
) -> BotHandle {
    let mut discord = support::test_config(fake.api_base());
    tweak(&mut discord);
    peelbot::discord::start(BotSettings {
        token: Secret::new(support::TOKEN),
        discord,
        shards: ShardsConfig::default(),
        engine,
        ops,
    })
    .await
    .expect("bot starts")
}

/// A fake Discord and the bot with `ops`, ready.
async fn start(
    engine: Arc<SharedEngine>,
    ops: Operations,
    tweak: impl FnOnce(&mut DiscordConfig),
) -> Harness {
    let fake = FakeDiscord::start_with(FakeOptions::default()).await;
    let mut bot = launch(&fake, engine, ops, tweak).await;
    assert!(bot.wait_ready(WAIT).await, "bot not ready within {WAIT:?}");
    Harness { fake, bot }
}

fn admin(c: &mut DiscordConfig) {
    c.admins = vec![USER];
}

fn option(name: &str, value: &str) -> Value {
    json!({"name": name, "type": 3, "value": value})
}

fn mention(q: &str) -> String {
    format!("<@{BOT_ID}> {q}")
}

fn is_ephemeral(message: &Value) -> bool {
    message["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0
}

/// `/force name:kent`: the message shown.
async fn force_kent(h: &Harness) -> Value {
    let (_, i) = command("force", json!([option("name", "kent")]), CHANNEL, USER2);
    let id = h.interact(i);
    let r = h.callback(id).await;
    assert_eq!(r.body["type"], CHANNEL_MESSAGE, "{:#}", r.body);
    r.body["data"].clone()
}

/// `/reload` by `user`: the callback and the text the user sees (an
/// immediate reply, or the follow-ups after a deferred one), all ephemeral.
async fn run_reload(h: &Harness, user: u64) -> (u64, String) {
    let (id, i) = command("reload", json!([]), CHANNEL, user);
    h.interact(i);
    let r = h.callback(id).await;
    let kind = r.body["type"].as_u64().unwrap_or(0);
    assert!(
        is_ephemeral(&r.body["data"]),
        "/reload replies privately: {:#}",
        r.body
    );
    if kind == CHANNEL_MESSAGE {
        return (kind, shown_text(&r.body["data"]));
    }
    assert_eq!(kind, DEFERRED_MESSAGE, "{:#}", r.body);
    let path = format!("/webhooks/{APP_ID}/token-{id}");
    let followup = h
        .fake
        .wait_for("the reload outcome", WAIT, |r| r.is("POST", &path))
        .await;
    assert!(
        is_ephemeral(&followup.body),
        "the outcome is private: {:#}",
        followup.body
    );
    // Long outcomes take several messages; wait briefly for the rest.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let text: Vec<String> = h
        .fake
        .requests()
        .iter()
        .filter(|r| r.is("POST", &path))
        .map(|r| shown_text(&r.body))
        .collect();
    (kind, text.join("\n"))
}

// ---------------------------------------------------------------------------
// Reload

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_by_a_non_admin_is_refused_politely_and_changes_nothing() {
    let dir = Scratch::knowledge("refused");
    let engine = engine_from(&dir.0);
    let version = engine.current().knowledge().version.clone();
    let ops = Operations {
        reload: reload_from(&dir.0),
        ..Operations::default()
    };
    let h = start(Arc::clone(&engine), ops, |c| c.owners = vec![USER2]).await;
    dir.edit(
        "forces/kent.toml",
        "grade = \"Requires improvement\"",
        "grade = \"Inadequate\"",
    );

    let (kind, text) = run_reload(&h, USER).await;
    assert_eq!(kind, CHANNEL_MESSAGE, "refused at once, not deferred");
    assert!(
        text.contains("only the bot's owners and admins can reload"),
        "{text}"
    );
    assert_eq!(engine.current().knowledge().version, version);
    let kent = force_kent(&h).await;
    assert!(!shown_text(&kent).contains("Inadequate"), "{kent:#}");
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_by_an_admin_lists_the_change_and_the_next_answer_uses_it() {
    let dir = Scratch::knowledge("admin");
    let engine = engine_from(&dir.0);
    let ops = Operations {
        reload: reload_from(&dir.0),
        ..Operations::default()
    };
    let h = start(Arc::clone(&engine), ops, admin).await;
    let before = force_kent(&h).await;
    assert!(!shown_text(&before).contains("Inadequate"), "{before:#}");

    dir.edit(
        "forces/kent.toml",
        "grade = \"Requires improvement\"",
        "grade = \"Inadequate\"",
    );
    let (_, text) = run_reload(&h, USER).await;
    assert!(text.contains("Reloaded the knowledge base"), "{text}");
    assert!(text.contains("grades: +0 -0 ~1 changed"), "{text}");
    assert!(text.contains("forces changed: kent"), "{text}");

    let after = force_kent(&h).await;
    let shown = shown_text(&after);
    assert!(shown.contains("Investigating crime"), "{shown}");
    assert!(shown.contains("Inadequate"), "{shown}");
    assert_eq!(after["embeds"][0]["color"], inadequate(), "{after:#}");
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_with_a_broken_file_names_it_and_the_old_base_keeps_answering() {
    let dir = Scratch::knowledge("broken");
    let engine = engine_from(&dir.0);
    let version = engine.current().knowledge().version.clone();
    let ops = Operations {
        reload: reload_from(&dir.0),
        ..Operations::default()
    };
    let h = start(Arc::clone(&engine), ops, admin).await;
    dir.edit(
        "forces/kent.toml",
        "grade = \"Requires improvement\"",
        "grade = \"Rubbish\"",
    );

    let (_, text) = run_reload(&h, USER).await;
    assert!(
        text.contains("previous knowledge base is still serving"),
        "{text}"
    );
    // file:line and the bad value.
    let line = text
        .lines()
        .find(|l| l.contains("forces/kent.toml:"))
        .unwrap_or_else(|| panic!("a problem naming forces/kent.toml: {text}"));
    let after_file = line.split("forces/kent.toml:").nth(1).unwrap_or_default();
    assert!(
        after_file.starts_with(|c: char| c.is_ascii_digit()),
        "a line number: {line}"
    );
    assert!(text.contains("Rubbish"), "{text}");

    assert_eq!(engine.current().knowledge().version, version);
    let kent = force_kent(&h).await;
    assert!(
        shown_text(&kent).contains("Requires improvement"),
        "{kent:#}"
    );
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_on_the_embedded_base_says_nothing_to_reload() {
    let h = start(
        support::engine(&EngineConfig::default()),
        Operations::default(),
        admin,
    )
    .await;
    let (_, text) = run_reload(&h, USER).await;
    assert!(text.contains("Nothing to reload"), "{text}");
    assert!(
        text.contains("knowledge.dir"),
        "says how to set it up: {text}"
    );
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_applies_reloadable_settings_and_names_restart_only_ones() {
    let dir = Scratch::knowledge("settings");
    let engine = engine_from(&dir.0);
    let config_path = dir.path("config.toml");
    // The config in force at start; the bot's own settings replace its
    // [discord] section, so the file below must repeat what the test needs.
    let ops = Operations {
        reload: ReloadSource {
            knowledge_dir: Some(dir.0.clone()),
            config_path: Some(config_path.clone()),
        },
        config: Config::default(),
        ..Operations::default()
    };
    let h = start(engine, ops, admin).await;
    // Prefix and owners reload; the API base needs a restart.
    std::fs::write(
        &config_path,
        format!(
            "[discord]\nprefix = \"?peel\"\nmessage_content_intent = true\nadmins = [{USER}]\n\
             api_base = \"http://127.0.0.1:9\"\ndev_guild_id = {GUILD_ID}\n\
             user_rate_limit = 10000\nchannel_rate_limit = 10000\n"
        ),
    )
    .expect("config written");

    let (_, text) = run_reload(&h, USER).await;
    assert!(text.contains("Reloaded the knowledge base"), "{text}");
    assert!(
        text.contains("Settings now in force: discord.prefix"),
        "{text}"
    );
    assert!(
        text.contains("only applied on restart: discord.api_base"),
        "{text}"
    );
    // The new prefix answers; REST still goes to the fake, as before.
    let q = h.say(CHANNEL, "?peel What does Kent need to improve?");
    let r = h.reply_to(CHANNEL, q).await;
    assert!(shown_text(&r.body).contains("Kent"), "{:#}", r.body);
    h.assert_sends_ok();
}

/// `peelbot serve` as users run it: SIGHUP reloads the knowledge directory
/// named in the config, and the next answer comes from the new base.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_binary_reloads_on_sighup() {
    let fake = FakeDiscord::start().await;
    let dir = Scratch::knowledge("sighup");
    let config = dir.path("config.toml");
    std::fs::write(
        &config,
        format!(
            "[knowledge]\ndir = \"{}\"\n\n[discord]\napi_base = \"{}\"\ndev_guild_id = {GUILD_ID}\n\n\
             [log]\nlevel = \"warn\"\n\n[feedback]\nenabled = false\n",
            dir.0.display(),
            fake.api_base()
        ),
    )
    .expect("config written");
    let mut child = support::spawn_serve(&config, &dir.0, support::TOKEN);
    let path = format!("/applications/{APP_ID}/guilds/{GUILD_ID}/commands");
    fake.wait_for("commands registered by peelbot serve", WAIT, |r| {
        r.is("PUT", &path)
    })
    .await;

    let ask = |text: &str| {
        let (q, m) = message(CHANNEL, USER, &mention(text));
        fake.dispatch("MESSAGE_CREATE", m);
        q
    };
    let reply = |q: u64| {
        let reply_path = format!("/channels/{CHANNEL}/messages");
        let fake = &fake;
        async move {
            fake.wait_for("a reply", WAIT, |r| {
                r.is("POST", &reply_path) && r.replies_to() == Some(q)
            })
            .await
        }
    };
    let r = reply(ask("What grades did Kent get?")).await;
    assert!(!shown_text(&r.body).contains("Inadequate"), "{:#}", r.body);

    dir.edit(
        "forces/kent.toml",
        "grade = \"Requires improvement\"",
        "grade = \"Inadequate\"",
    );
    let pid = child.id().expect("pid").to_string();
    let hup = std::process::Command::new("kill")
        .args(["-HUP", &pid])
        .status()
        .expect("kill runs");
    assert!(hup.success());
    // The reload runs beside the gateway: ask until the answer changes.
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let r = reply(ask("What grades did Kent get?")).await;
        if shown_text(&r.body).contains("Inadequate") {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still the old base after SIGHUP: {:#}",
            r.body
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        child.try_wait().expect("status").is_none(),
        "SIGHUP must not stop the bot"
    );
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status();
    let status = tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("exits within the timeout")
        .expect("exit status");
    assert!(status.success(), "{status:?}");
}

// ---------------------------------------------------------------------------
// Feedback

/// A curation log at `path`.
fn feedback_at(path: &Path) -> Arc<FeedbackLog> {
    Arc::new(FeedbackLog::new(&FeedbackConfig {
        enabled: true,
        path: path.to_path_buf(),
        max_bytes: 1024 * 1024,
    }))
}

/// The log's lines as JSON, waiting (bounded) until there are `n`.
async fn lines(path: &Path, n: usize) -> Vec<Value> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let found: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect();
        if found.len() >= n {
            return found;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{} of {n} lines in {}:\n{text}",
            found.len(),
            path.display()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The text of the ephemeral reply to a click.
async fn click(h: &Harness, custom_id: &str, message: u64, user: u64) -> String {
    let (_, c) = button(custom_id, message, CHANNEL, user);
    let id = h.interact(c);
    let r = h.callback(id).await;
    assert_eq!(r.body["type"], CHANNEL_MESSAGE, "{:#}", r.body);
    assert!(is_ephemeral(&r.body["data"]), "{:#}", r.body);
    shown_text(&r.body["data"])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thumbs_down_writes_one_private_line_per_voter() {
    let dir = Scratch::new("vote");
    let log = dir.path("feedback.jsonl");
    let ops = Operations {
        feedback: Some(feedback_at(&log)),
        ..Operations::default()
    };
    let h = start(support::engine(&EngineConfig::default()), ops, |_| {}).await;
    let q = h.say(
        CHANNEL,
        &mention("<@&555> What does Kent need to improve? <#777>"),
    );
    let reply = h.reply_to(CHANNEL, q).await;
    let labels = button_labels(&reply.body);
    let ids = button_ids(&reply.body);
    assert!(labels.contains(&"Quotes".to_string()), "{labels:?}");
    assert_eq!(
        labels[labels.len() - 2..],
        ["👍".to_string(), "👎".to_string()],
        "votes come last: {labels:?}"
    );
    let rows = reply.body["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        rows.last()
            .map(|r| r["components"].as_array().map_or(0, Vec::len)),
        Some(2),
        "votes have a row of their own"
    );
    let down = &ids[ids.len() - 1];
    assert!(!down.contains("555") && !down.contains("777"), "{down}");
    let message_id = reply.created.expect("reply id");

    assert_eq!(click(&h, down, message_id, USER).await, "Thanks — noted.");
    let found = lines(&log, 1).await;
    // The same voter again: thanked, not counted twice.
    let again = click(&h, down, message_id, USER).await;
    assert!(again.contains("already noted"), "{again}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    let text = std::fs::read_to_string(&log).expect("log");
    assert_eq!(text.lines().count(), 1, "{text}");

    let entry = &found[0];
    assert_eq!(entry["kind"], "vote");
    assert_eq!(entry["vote"], "down");
    assert_eq!(entry["status"], "answered");
    assert_eq!(entry["intent"], "improve");
    assert_eq!(entry["question"], "What does Kent need to improve?");
    let keys: Vec<&str> = entry
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys.len(),
        6,
        "only time, kind, question, status, intent, vote: {keys:?}"
    );
    for id in [USER, GUILD_ID, CHANNEL, BOT_ID, message_id] {
        assert!(!text.contains(&id.to_string()), "id {id} in {text}");
    }
    for mention in ["<@", "<#", "555", "777"] {
        assert!(!text.contains(mention), "{mention} in {text}");
    }
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unanswered_question_writes_one_line_and_answers_are_not_logged() {
    let dir = Scratch::new("unanswered");
    let log = dir.path("feedback.jsonl");
    let ops = Operations {
        feedback: Some(feedback_at(&log)),
        ..Operations::default()
    };
    let h = start(support::engine(&EngineConfig::default()), ops, |_| {}).await;
    let answered = h.say(CHANNEL, &mention("What does Kent need to improve?"));
    h.reply_to(CHANNEL, answered).await;
    let (_, i) = command(
        "ask",
        json!([option("question", "<@123> Tell me a joke")]),
        CHANNEL,
        USER,
    );
    let id = h.interact(i);
    let r = h.callback(id).await;
    let labels = button_labels(&r.body["data"]);
    assert!(
        labels.ends_with(&["👍".to_string(), "👎".to_string()]),
        "an answer that found nothing can be voted on too: {labels:?}"
    );

    let found = lines(&log, 1).await;
    assert_eq!(found.len(), 1, "only the unanswered question: {found:#?}");
    let entry = &found[0];
    assert_eq!(entry["kind"], "unanswered");
    assert_eq!(entry["status"], "no_match");
    assert_eq!(entry["question"], "Tell me a joke");
    assert!(entry.get("vote").is_none(), "{entry}");
    let text = std::fs::read_to_string(&log).expect("log");
    for id in [USER, GUILD_ID, CHANNEL, 123] {
        assert!(!text.contains(&id.to_string()), "id {id} in {text}");
    }
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unwritable_feedback_log_never_stops_answering() {
    let dir = Scratch::new("unwritable");
    // A directory where the file should be: every write fails.
    let log = dir.path("feedback.jsonl");
    std::fs::create_dir_all(&log).expect("a directory in the way");
    let ops = Operations {
        feedback: Some(feedback_at(&log)),
        ..Operations::default()
    };
    let h = start(support::engine(&EngineConfig::default()), ops, |_| {}).await;
    let q = h.say(CHANNEL, &mention("Tell me a joke"));
    let reply = h.reply_to(CHANNEL, q).await;
    assert!(!shown_text(&reply.body).is_empty(), "{:#}", reply.body);
    let ids = button_ids(&reply.body);
    let down = ids.last().expect("a vote button");
    let thanks = click(&h, down, reply.created.expect("id"), USER).await;
    assert_eq!(thanks, "Thanks — noted.");
    let q = h.say(CHANNEL, &mention("What does Kent need to improve?"));
    let r = h.reply_to(CHANNEL, q).await;
    assert!(shown_text(&r.body).contains("Kent"), "{:#}", r.body);
    assert!(log.is_dir(), "nothing replaced the directory");
    h.assert_sends_ok();
}

// ---------------------------------------------------------------------------
// Metrics

fn http_client() -> reqwest::Client {
    // No proxy: a proxy from the environment must not intercept loopback.
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("http client")
}

async fn get(client: &reqwest::Client, url: &str) -> (u16, String) {
    let r = client.get(url).send().await.expect("GET");
    let status = r.status().as_u16();
    (status, r.text().await.expect("body"))
}

/// The value of one sample line (`name{labels} value`), if present.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

/// Operations with metrics on 127.0.0.1:0.
fn with_metrics(reload: ReloadSource) -> Operations {
    let mut config = Config::default();
    config.metrics.listen = Some("127.0.0.1:0".into());
    Operations {
        reload,
        config,
        ..Operations::default()
    }
}

async fn wait_health(client: &reqwest::Client, url: &str, want: u16) -> String {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let (status, body) = get(client, url).await;
        if status == want {
            return body;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "/health still {status} ({body:?}) after {WAIT:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_is_503_until_every_shard_is_ready_then_200() {
    // Two shards, autosharded: serenity starts the second about 5 s after
    // the first, so there is a long, certain window before its READY.
    let fake = support::sharded_fake(FakeOptions::default(), 2, vec![guild_create()]).await;
    let engine = support::engine(&EngineConfig::default());
    let mut bot = launch(&fake, engine, with_metrics(ReloadSource::default()), |_| {}).await;
    let addr = bot.metrics_addr().expect("metrics listener bound");
    assert!(addr.ip().is_loopback() && addr.port() != 0, "{addr}");
    let client = http_client();
    let health = format!("http://{addr}/health");

    let (status, body) = get(&client, &health).await;
    assert_eq!(status, 503, "before every shard's READY: {body}");
    assert!(body.contains("shards"), "says why: {body}");
    assert!(bot.wait_ready(WAIT).await, "first shard ready");
    let body = wait_health(&client, &health, 200).await;
    assert_eq!(body.trim(), "ok");
    let stats = fake.gateway_stats();
    assert_eq!(stats.identifies, 2, "both shards identified: {stats:?}");
    let (_, page) = get(&client, &format!("http://{addr}/metrics")).await;
    assert_eq!(
        sample(&page, "peelbot_gateway_shards_up"),
        Some(2.0),
        "{page}"
    );
    assert_eq!(
        sample(&page, "peelbot_gateway_shards_expected"),
        Some(2.0),
        "{page}"
    );

    bot.shutdown().await.expect("clean shutdown");
    assert!(
        client.get(&health).send().await.is_err(),
        "the listener stops with the bot"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_questions_by_status_and_intent_rate_limits_and_reloads() {
    let dir = Scratch::knowledge("metrics");
    let engine = engine_from(&dir.0);
    let version = engine.current().knowledge().version.clone();
    let fake = FakeDiscord::start_with(FakeOptions::default()).await;
    let mut bot = launch(&fake, engine, with_metrics(reload_from(&dir.0)), |c| {
        c.admins = vec![USER];
        c.user_rate_limit = 2;
    })
    .await;
    assert!(bot.wait_ready(WAIT).await, "ready");
    let addr = bot.metrics_addr().expect("metrics listener bound");
    let h = Harness { fake, bot };
    let client = http_client();
    wait_health(&client, &format!("http://{addr}/health"), 200).await;

    let ask = |q: &str, user: u64| {
        let (_, i) = command("ask", json!([option("question", q)]), CHANNEL, user);
        h.interact(i)
    };
    let answered = ask("What does Kent need to improve?", USER);
    let unanswered = ask("Tell me a joke", USER2);
    let flood: Vec<u64> = (0..3)
        .map(|_| ask("What does Essex need to improve?", USER3))
        .collect();
    for id in [answered, unanswered].into_iter().chain(flood) {
        h.callback(id).await;
    }
    let (_, text) = run_reload(&h, USER).await;
    assert!(text.contains("Reloaded"), "{text}");

    let r = client
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .expect("GET /metrics");
    assert_eq!(r.status().as_u16(), 200);
    let content_type = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert_eq!(content_type, peelbot::metrics::CONTENT_TYPE);
    let page = r.text().await.expect("body");
    let improve = r#"peelbot_questions_total{status="answered",intent="improve"}"#;
    assert_eq!(sample(&page, improve), Some(3.0), "Kent + 2 Essex: {page}");
    let none = r#"peelbot_questions_total{status="no_match",intent="none"}"#;
    assert_eq!(sample(&page, none), Some(1.0), "{page}");
    assert_eq!(
        sample(&page, "peelbot_rate_limited_total"),
        Some(1.0),
        "{page}"
    );
    assert_eq!(
        sample(&page, "peelbot_answer_latency_seconds_count"),
        Some(4.0),
        "{page}"
    );
    assert_eq!(
        sample(&page, r#"peelbot_reloads_total{result="ok"}"#),
        Some(1.0),
        "{page}"
    );
    assert_eq!(
        sample(&page, r#"peelbot_reloads_total{result="failed"}"#),
        Some(0.0),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            "peelbot_knowledge_info{{version=\"{version}\"}} 1"
        )),
        "{page}"
    );
    assert_eq!(
        sample(&page, "peelbot_gateway_shards_up"),
        Some(1.0),
        "{page}"
    );
    h.assert_sends_ok();
}
