//! Operations hardened, one test per failure found by a hostile operator
//! and a hostile user (a fake Discord on loopback with fault injection):
//!
//! 1. the token never reaches the logs, at any level or filter (and, from
//!    6, piped logs carry no colour codes);
//!
//! 2. a 429 is retried after its Retry-After (a message, an interaction
//!    callback within its deadline), and a hung call times out;
//! 5. SIGTERM with the gateway unreachable exits 0 at once; fatal closes
//!    (4004, 4011, 4012) exit 78 with what to do;
//! 6. serenity's warning about an undecodable frame is cut and loses the
//!    frame; the length limit counts what a person sees (combining accents count
//!    once), with a cap on code points for stacked marks;
//! 7. a curious person (a question, three follow-up buttons, two more
//!    questions) is never told to wait; a flood is, with a live countdown.
//!
//! Each test failed on the code before the fix.

mod support;

use std::time::Duration;

use peelbot::config::DiscordConfig;
use serde_json::json;

use support::fixtures::*;
use support::WAIT;

fn mention(q: &str) -> String {
    format!("<@{BOT_ID}> {q}")
}

/// A scratch directory, removed when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("peelbot-hard-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Scratch(dir)
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every way a token could show up in a log: whole, each dot-separated
/// piece, as hex (plain and spaced, either case) and as decimal bytes (the
/// `[123, 34, ...]` of a `Debug` byte list).
fn token_forms(token: &str) -> Vec<String> {
    let mut forms = vec![token.to_string()];
    forms.extend(
        token
            .split('.')
            .filter(|p| p.len() >= 6)
            .map(str::to_string),
    );
    let hex: String = token.bytes().map(|b| format!("{b:02x}")).collect();
    forms.push(hex.clone());
    forms.push(hex.to_uppercase());
    // A piece long enough to be the token, short enough to survive line wraps.
    let spaced: Vec<String> = token.bytes().map(|b| format!("{b:02x}")).collect();
    forms.push(spaced[..12].join(" "));
    let decimal: Vec<String> = token.bytes().map(|b| b.to_string()).collect();
    forms.push(decimal[..12].join(", "));
    forms
}

async fn read_all(pipe: Option<impl tokio::io::AsyncRead + Unpin>) -> String {
    use tokio::io::AsyncReadExt;
    let mut out = Vec::new();
    if let Some(mut p) = pipe {
        let _ = p.read_to_end(&mut out).await;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// 1. With `RUST_LOG=trace` (or `tungstenite=trace`), the websocket library
///    logged every outgoing frame, IDENTIFY included, as bytes and hex.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_is_in_no_log_line_at_trace_level() {
    // Obviously fake, but in three dot-separated pieces like a real token,
    // so each piece is looked for in the log too.
    let token = "FAKE_TEST_TOKEN_part_one.FAKEtwo.FAKE_part_three_not_a_real_token";
    for filter in [
        "trace",
        "tungstenite=trace,tokio_tungstenite=trace,serenity=trace",
    ] {
        let fake = support::FakeDiscord::start().await;
        let dir = Scratch::new("token");
        let config = dir.path("config.toml");
        std::fs::write(
            &config,
            format!(
                "[discord]\napi_base = \"{}\"\ndev_guild_id = {GUILD_ID}\n\n[feedback]\nenabled = false\n",
                fake.api_base()
            ),
        )
        .expect("config written");
        let mut child =
            support::spawn_serve_logged(&config, &dir.0, token, &[("RUST_LOG", filter)]);
        let stderr = tokio::spawn(read_all(child.stderr.take()));
        let stdout = tokio::spawn(read_all(child.stdout.take()));
        let path = format!("/applications/{APP_ID}/guilds/{GUILD_ID}/commands");
        fake.wait_for("commands registered", WAIT, |r| r.is("PUT", &path))
            .await;
        let (q, m) = message(CHANNEL, USER, &mention("What does Kent need to improve?"));
        fake.dispatch("MESSAGE_CREATE", m);
        let reply_path = format!("/channels/{CHANNEL}/messages");
        fake.wait_for("a reply", WAIT, |r| {
            r.is("POST", &reply_path) && r.replies_to() == Some(q)
        })
        .await;
        // The IDENTIFY really carried the token, so it was there to leak.
        assert!(fake
            .gateway_stats()
            .identified
            .iter()
            .any(|i| i.token == token));
        let pid = child.id().expect("pid").to_string();
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status();
        let _ = tokio::time::timeout(WAIT, child.wait()).await;
        let err = tokio::time::timeout(Duration::from_secs(5), stderr)
            .await
            .expect("stderr closes")
            .expect("read");
        let out = stdout.await.expect("read");
        let all = format!("{out}{err}");
        assert!(
            all.lines().filter(|l| l.contains(" TRACE ")).count() > 5,
            "{filter}: trace logging should be on, got:\n{all}"
        );
        // 6. No colour codes when stderr is not a terminal (here: a pipe).
        assert!(
            !all.contains('\u{1b}'),
            "{filter}: ANSI escapes in piped logs"
        );
        let lower = all.to_lowercase();
        for form in token_forms(token) {
            let found = all.contains(&form) || lower.contains(&form.to_lowercase());
            assert!(!found, "{filter}: the token appears in the log as {form:?}");
        }
    }
}

/// The shipped rate limits (the test harness otherwise sets them very high).
fn shipped_limits(c: &mut DiscordConfig) {
    let d = DiscordConfig::default();
    c.user_rate_limit = d.user_rate_limit;
    c.user_refill_secs = d.user_refill_secs;
    c.channel_rate_limit = d.channel_rate_limit;
    c.rate_window_secs = d.rate_window_secs;
}

/// 7. One user who asked, tapped three follow-up buttons and asked twice
///    more was told to wait a minute.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_curious_user_is_never_told_to_wait() {
    let h = support::start(shipped_limits).await;
    let q = h.say(CHANNEL, &mention("What does Derbyshire need to improve?"));
    let answer = h.reply_to(CHANNEL, q).await;
    let follow_ups: Vec<String> = support::button_ids(&answer.body)
        .into_iter()
        .filter(|id| id.starts_with("peel:f:"))
        .collect();
    assert!(follow_ups.len() >= 3, "{:#}", answer.body);
    for id in &follow_ups[..3] {
        let (_, click) = button(id, 5, CHANNEL, USER);
        let r = h.callback(h.interact(click)).await;
        let shown = support::shown_text(&r.body["data"]);
        assert!(
            !shown.contains("please wait"),
            "a follow-up was refused: {shown}"
        );
    }
    for q in ["Kent grades", "Who led the inspection of Kent?"] {
        let id = h.say(CHANNEL, &mention(q));
        let r = h.reply_to(CHANNEL, id).await;
        let shown = support::shown_text(&r.body);
        assert!(!shown.contains("please wait"), "{q}: {shown}");
    }
    assert_eq!(h.bot.stats().rate_limited, 0);
}

/// 7. Over the limit, a slash command is told when it can ask again, as a
///    countdown every Discord client shows live.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_the_limit_the_wait_is_a_live_countdown() {
    let h = support::start(|c| {
        shipped_limits(c);
        c.user_rate_limit = 1;
    })
    .await;
    let ask = |q: &str| {
        command(
            "ask",
            json!([{"name": "question", "type": 3, "value": q}]),
            CHANNEL,
            USER,
        )
    };
    let (_, first) = ask("Kent grades");
    h.callback(h.interact(first)).await;
    let (_, second) = ask("Essex grades");
    let r = h.callback(h.interact(second)).await;
    let shown = support::shown_text(&r.body["data"]);
    assert!(shown.contains("please wait"), "{shown}");
    let stamp: u64 = shown
        .split("<t:")
        .nth(1)
        .and_then(|r| r.split(":R>").next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a <t:…:R> countdown in {shown}"));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    assert!((now..=now + 11).contains(&stamp), "{stamp} vs now {now}");
}

/// A config for `peelbot serve` against `fake`.
fn serve_config(dir: &Scratch, fake: &support::FakeDiscord) -> std::path::PathBuf {
    let config = dir.path("config.toml");
    std::fs::write(
        &config,
        format!(
            "[discord]\napi_base = \"{}\"\ndev_guild_id = {GUILD_ID}\n\n[feedback]\nenabled = false\n\n[log]\nlevel = \"warn\"\n",
            fake.api_base()
        ),
    )
    .expect("config written");
    config
}

/// 5. SIGTERM while the gateway was unreachable exited with code 2 after 10 s.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_with_the_gateway_unreachable_exits_0_within_2_s() {
    let fake = support::FakeDiscord::start().await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    fake.point_gateway_at(&format!("ws://127.0.0.1:{port}"));
    let dir = Scratch::new("unreachable");
    let config = serve_config(&dir, &fake);
    let mut child = support::spawn_serve_logged(&config, &dir.0, "fake.bot.token", &[]);
    let stderr = tokio::spawn(read_all(child.stderr.take()));
    fake.wait_for("GET /gateway/bot", WAIT, |r| r.is("GET", "/gateway/bot"))
        .await;
    // Let it fail to connect a few times.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let pid = child.id().expect("pid").to_string();
    let started = std::time::Instant::now();
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status();
    let status = tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("exits")
        .expect("status");
    let took = started.elapsed();
    let err = stderr.await.expect("stderr");
    assert_eq!(status.code(), Some(0), "{status:?}\n{err}");
    assert!(took < Duration::from_secs(2), "took {took:?}\n{err}");
}

/// 5. Closes 4011 and 4012 were retried forever, 4004 ended with code 2:
///    each now exits 78 (EX_CONFIG) with a line saying what to do.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fatal_gateway_closes_exit_78_with_what_to_do() {
    for (code, advice) in [
        (4011, "raise shards.total, or remove [shards] to autoshard"),
        (4012, "upgrade peelbot"),
        (4004, "set a new DISCORD_TOKEN"),
    ] {
        let fake = support::FakeDiscord::start().await;
        let dir = Scratch::new(&format!("fatal-{code}"));
        let config = serve_config(&dir, &fake);
        let mut child = support::spawn_serve_logged(&config, &dir.0, "fake.bot.token", &[]);
        let stderr = tokio::spawn(read_all(child.stderr.take()));
        let path = format!("/applications/{APP_ID}/guilds/{GUILD_ID}/commands");
        fake.wait_for("commands registered", WAIT, |r| r.is("PUT", &path))
            .await;
        fake.close_gateway(code);
        let status = tokio::time::timeout(Duration::from_secs(15), child.wait())
            .await
            .unwrap_or_else(|_| panic!("{code}: still running after 15 s"))
            .expect("status");
        let err = stderr.await.expect("stderr");
        assert_eq!(status.code(), Some(78), "{code}: {status:?}\n{err}");
        assert!(
            err.contains(&format!("closed the gateway with {code}")),
            "{code}: {err}"
        );
        assert!(err.contains(advice), "{code}: {err}");
    }
}

/// 6. Combining marks counted toward the length limit: 300 accented letters
///    written with combining accents were "too long"; Zalgo's stacked marks
///    are still refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn length_limit_counts_graphemes_and_caps_stacked_marks() {
    let h = support::start(|_| {}).await;
    let ask = |q: String| {
        command(
            "ask",
            json!([{"name": "question", "type": 3, "value": q}]),
            CHANNEL,
            USER,
        )
    };
    // "What does Kent need to improve?" then 300 "é" as e + U+0301: 331
    // graphemes but 631 code points, over the old limit of 500.
    let accented = format!("What does Kent need to improve? {}", "e\u{301}".repeat(300));
    let (_, i) = ask(accented);
    let r = h.callback(h.interact(i)).await;
    let shown = support::shown_text(&r.body["data"]);
    assert!(!shown.contains("too long"), "{shown}");
    assert!(shown.contains("Kent"), "{shown}");
    let zalgo: String = format!(
        "Kent grades {}",
        (0..10)
            .map(|_| format!("a{}", "\u{301}".repeat(300)))
            .collect::<String>()
    );
    let (_, i) = ask(zalgo);
    let r = h.callback(h.interact(i)).await;
    let shown = support::shown_text(&r.body["data"]);
    assert!(shown.contains("too long"), "{shown}");
}

/// A metric's value on the bot's own registry.
fn metric(h: &support::Harness, name: &str) -> f64 {
    let page = h.bot.metrics().render();
    page.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|v| v.trim().parse().ok()))
        .unwrap_or_else(|| panic!("{name} in {page}"))
}

/// 2. With `api_base` set a 429 was logged as undecodable JSON and the reply
///    never sent; on an interaction the user saw "Sorry, something went wrong".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_is_retried_after_retry_after_for_messages_and_callbacks() {
    let h = support::start(|_| {}).await;
    let messages = format!("/channels/{CHANNEL}/messages");
    h.fake.rate_limit_next("POST", &messages, 0.3, 1);
    let q = h.say(CHANNEL, &mention("What does Kent need to improve?"));
    let reply = h.reply_to(CHANNEL, q).await;
    assert_eq!(reply.status, 200);
    assert!(support::shown_text(&reply.body).contains("Kent"));
    let limited: Vec<_> = h
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.status == 429)
        .collect();
    assert_eq!(limited.len(), 1);
    assert!(
        reply.at.duration_since(limited[0].at) >= Duration::from_millis(290),
        "waited Retry-After"
    );

    h.fake.rate_limit_next("POST", "/callback", 0.5, 1);
    let (_, i) = command(
        "ask",
        json!([{"name": "question", "type": 3, "value": "Kent grades"}]),
        CHANNEL,
        USER,
    );
    let r = h.callback(h.interact(i)).await;
    // The first callback seen is the 429; wait for the retried one.
    let path = r.path.clone();
    let answered = h
        .fake
        .wait_for("the retried callback", WAIT, |x| {
            x.path == path && x.status != 429
        })
        .await;
    let shown = support::shown_text(&answered.body["data"]);
    assert!(shown.contains("Kent"), "{shown}");
    assert!(!shown.contains("Sorry"), "{shown}");
    assert_eq!(metric(&h, "peelbot_rest_429s_total"), 2.0);
    assert_eq!(metric(&h, "peelbot_rest_retries_total"), 2.0);
    assert_eq!(h.bot.stats().send_errors, 0);
}

/// 2. A Retry-After past an interaction's 3-second deadline is not waited
///    out (the answer would be refused anyway): one try, a clear log line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_past_the_interaction_deadline_is_not_retried() {
    let h = support::start(|_| {}).await;
    h.fake.rate_limit_next("POST", "/callback", 5.0, 1);
    let (_, i) = command(
        "ask",
        json!([{"name": "question", "type": 3, "value": "Kent grades"}]),
        CHANNEL,
        USER,
    );
    let started = std::time::Instant::now();
    let id = h.interact(i);
    h.callback(id).await;
    // Given up at once: poise reports the failure (its own callback try).
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(metric(&h, "peelbot_rest_retries_total"), 0.0);
    assert_eq!(metric(&h, "peelbot_rest_429s_total"), 1.0);
}

/// 2. A hung REST call was waited out however long it hung; now it is
///    abandoned after discord.rest_timeout_secs, and other replies flow.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_rest_call_times_out_and_others_still_flow() {
    let h = support::start(|c| c.rest_timeout_secs = 1).await;
    let messages = format!("/channels/{CHANNEL}/messages");
    h.fake
        .hang_next("POST", &messages, Duration::from_secs(30), 1);
    let started = std::time::Instant::now();
    // Whichever reply is sent first hangs; the other must not wait for it.
    let a = h.say(CHANNEL, &mention("What does Kent need to improve?"));
    let b = h.say(CHANNEL, &mention("Essex grades"));
    h.wait_events(2).await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let answered: Vec<_> = h
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.is("POST", &messages) && r.status == 200)
        .filter(|r| r.replies_to().is_some_and(|q| q == a || q == b))
        .collect();
    assert_eq!(
        answered.len(),
        1,
        "one answered, one abandoned: {answered:#?}"
    );
    assert_eq!(metric(&h, "peelbot_rest_timeouts_total"), 1.0);
    assert_eq!(
        h.bot.stats().send_errors,
        1,
        "the hung reply is counted as failed"
    );
}

/// 6. serenity's warning for an undecodable gateway frame printed the whole
///    raw frame (message content included, lines up to 20 KB).
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_undecodable_frame_is_logged_without_its_content() {
    let fake = support::FakeDiscord::start().await;
    let dir = Scratch::new("frame");
    let config = serve_config(&dir, &fake);
    let mut child = support::spawn_serve_logged(&config, &dir.0, "fake.bot.token", &[]);
    let stderr = tokio::spawn(read_all(child.stderr.take()));
    let path = format!("/applications/{APP_ID}/guilds/{GUILD_ID}/commands");
    fake.wait_for("commands registered", WAIT, |r| r.is("PUT", &path))
        .await;
    // A dispatch whose content is private and long, cut short so it cannot decode.
    let frame = format!(
        "{{\"op\":0,\"s\":99,\"t\":\"MESSAGE_CREATE\",\"d\":{{\"content\":\"my private words {}",
        "z".repeat(20_000)
    );
    fake.send_raw(&frame);
    // Still answering afterwards.
    let (q, m) = message(CHANNEL, USER, &mention("What does Kent need to improve?"));
    fake.dispatch("MESSAGE_CREATE", m);
    let reply_path = format!("/channels/{CHANNEL}/messages");
    fake.wait_for("a reply", WAIT, |r| {
        r.is("POST", &reply_path) && r.replies_to() == Some(q)
    })
    .await;
    let pid = child.id().expect("pid").to_string();
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status();
    let _ = tokio::time::timeout(WAIT, child.wait()).await;
    let err = stderr.await.expect("stderr");
    assert!(
        err.contains("Err deserializing"),
        "serenity's warning is kept: {err}"
    );
    assert!(!err.contains("private words"), "{err}");
    assert!(err.lines().all(|l| l.len() <= 2100), "a line over the cap");
}
