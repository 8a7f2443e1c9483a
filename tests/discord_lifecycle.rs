//! The bot keeps running: it resumes when the gateway drops it, survives a
//! failing REST call and bad events, asks only for the intents it needs,
//! and shuts down cleanly.
//!
//! Contents: gateway close mid-session; REST 500 on one reply; bad events;
//! identify intents; clean shutdown, in the library and of `peelbot serve`
//! on SIGTERM.

mod support;

use serde_json::json;

use support::fixtures::*;
use support::{shown_text, WAIT};

const GUILDS: u64 = 1;
const GUILD_MESSAGES: u64 = 1 << 9;
const DIRECT_MESSAGES: u64 = 1 << 12;
const MESSAGE_CONTENT: u64 = 1 << 15;

fn mention(q: &str) -> String {
    format!("<@{BOT_ID}> {q}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_closing_mid_session_loses_nothing() {
    let h = support::start(|_| {}).await;
    let before = h.say(CHANNEL, &mention("What does Kent need to improve?"));
    h.reply_to(CHANNEL, before).await;

    h.fake.close_gateway(4000);
    // Sent while the bot reconnects: delivered after RESUMED.
    let during = h.say(CHANNEL, &mention("What does Essex need to improve?"));
    let stats = h
        .fake
        .wait_gateway("a resume", WAIT, |g| g.resumes >= 1)
        .await;
    assert_eq!(stats.identifies, 1, "resumed, not re-identified");
    let r = h.reply_to(CHANNEL, during).await;
    assert!(shown_text(&r.body).contains("Essex"));
    let after = h.say(CHANNEL, &mention("What does Derbyshire need to improve?"));
    let r = h.reply_to(CHANNEL, after).await;
    assert!(shown_text(&r.body).contains("Derbyshire"));
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rest_500_on_one_reply_is_logged_and_the_bot_keeps_answering() {
    let h = support::start(|_| {}).await;
    let path = format!("/channels/{CHANNEL}/messages");
    h.fake.fail_next("POST", &path, 500, 1);
    let failed = h.say(CHANNEL, &mention("What does Kent need to improve?"));
    h.wait_events(1).await;
    let attempt = h
        .fake
        .wait_for("the failed reply", WAIT, |r| r.replies_to() == Some(failed))
        .await;
    assert_eq!(attempt.status, 500);
    assert_eq!(h.bot.stats().send_errors, 1);
    let next = h.say(CHANNEL, &mention("What does Essex need to improve?"));
    let r = h.reply_to(CHANNEL, next).await;
    assert!(shown_text(&r.body).contains("Essex"));

    // The same for a slash command: the failure is logged, the next works.
    h.fake.fail_next("POST", "/callback", 500, 1);
    let ask = json!([{"name": "question", "type": 3, "value": "What does Kent need to improve?"}]);
    let (_, i) = command("ask", ask.clone(), CHANNEL, USER);
    let first = h.interact(i);
    h.callback(first).await;
    let (_, i) = command("ask", ask, CHANNEL, USER);
    let second = h.interact(i);
    let r = h.callback(second).await;
    assert_eq!(r.status, 204);
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_events_do_not_stop_the_bot() {
    let h = support::start(|_| {}).await;
    // Malformed: serenity cannot read it and drops it.
    h.fake
        .dispatch("MESSAGE_CREATE", json!({"id": "1", "content": "broken"}));
    // An event type nobody handles.
    h.fake.dispatch(
        "TYPING_START",
        json!({"channel_id": "1", "user_id": "2", "timestamp": 0}),
    );
    // A command this bot does not have (stale registration).
    let (_, i) = command("gone", json!([]), CHANNEL, USER);
    let gone = h.interact(i);
    let r = h.callback(gone).await;
    assert!(shown_text(&r.body["data"]).contains("no longer available"));
    // A button from another app or an older format.
    let (_, click) = button("someone-else:42", 5, CHANNEL, USER);
    h.interact(click);
    // Edits and deletions of messages the bot never answered.
    h.fake
        .dispatch("MESSAGE_UPDATE", message_update(12345, CHANNEL, "edited"));
    h.fake
        .dispatch("MESSAGE_DELETE", message_delete(12345, CHANNEL));
    let q = h.say(CHANNEL, &mention("What does Kent need to improve?"));
    let r = h.reply_to(CHANNEL, q).await;
    assert!(shown_text(&r.body).contains("Kent"));
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn identify_asks_for_privileged_intents_only_when_configured() {
    let h = support::start(|c| {
        c.message_content_intent = false;
        c.allow_dms = false;
    })
    .await;
    let intents = h.fake.gateway_stats().intents;
    assert_eq!(intents & (GUILDS | GUILD_MESSAGES), GUILDS | GUILD_MESSAGES);
    assert_eq!(
        intents & (MESSAGE_CONTENT | DIRECT_MESSAGES),
        0,
        "{intents:b}"
    );
    let h = support::start(|c| {
        c.message_content_intent = true;
        c.allow_dms = true;
    })
    .await;
    let intents = h.fake.gateway_stats().intents;
    assert_eq!(
        intents & (MESSAGE_CONTENT | DIRECT_MESSAGES),
        MESSAGE_CONTENT | DIRECT_MESSAGES
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_closes_the_gateway_cleanly() {
    let h = support::start(|_| {}).await;
    let support::Harness { fake, bot } = h;
    tokio::time::timeout(WAIT, bot.shutdown())
        .await
        .expect("shutdown within the timeout")
        .expect("clean shutdown");
    fake.wait_gateway("a close frame from the bot", WAIT, |g| {
        g.closes_received.contains(&1000)
    })
    .await;
}

/// `peelbot serve` as users run it: the binary, a config file pointing at the
/// fake, the token from the environment; SIGTERM closes the shards and exits 0.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_binary_stops_cleanly_on_sigterm() {
    let fake = support::FakeDiscord::start().await;
    let dir = std::env::temp_dir().join(format!("peelbot-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[discord]\napi_base = \"{}\"\ndev_guild_id = {GUILD_ID}\n\n[log]\nlevel = \"warn\"\n",
            fake.api_base()
        ),
    )
    .expect("config written");
    let mut child = support::spawn_serve(&config, &dir, "fake.bot.token");
    let path = format!("/applications/{APP_ID}/guilds/{GUILD_ID}/commands");
    fake.wait_for("commands registered by peelbot serve", WAIT, |r| {
        r.is("PUT", &path)
    })
    .await;
    // Answers, as a check that it is really up.
    let (q, m) = message(CHANNEL, USER, &mention("What does Kent need to improve?"));
    fake.dispatch("MESSAGE_CREATE", m);
    let reply_path = format!("/channels/{CHANNEL}/messages");
    fake.wait_for("a reply", WAIT, |r| {
        r.is("POST", &reply_path) && r.replies_to() == Some(q)
    })
    .await;

    let pid = child.id().expect("pid").to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("exits within the timeout")
        .expect("exit status");
    assert!(status.success(), "{status:?}");
    fake.wait_gateway("a close frame from the bot", WAIT, |g| {
        g.closes_received.contains(&1000)
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
