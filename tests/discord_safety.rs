//! The bot never misbehaves: it pings nobody, stays within Discord's limits,
//! refuses floods and over-long questions politely, ignores bots, and keeps
//! to the guilds, channels and DMs config allows.
//!
//! Contents: mentions in questions; over-long questions; a flood from one
//! user; bot authors and itself; an answer longer than every limit; allow
//! lists; direct messages.

mod support;

use std::sync::Arc;

use serde_json::{json, Value};

use peelbot::config::EngineConfig;
use peelbot::engine::{Engine, SharedEngine};
use peelbot::knowledge::{embedded_files, load_files};
use support::fixtures::*;
use support::{shown_text, FakeOptions, WAIT};

const EPHEMERAL: u64 = 1 << 6;

fn mention(q: &str) -> String {
    format!("<@{BOT_ID}> {q}")
}

fn replies_in(h: &support::Harness, channel: u64) -> Vec<Arc<support::Recorded>> {
    let path = format!("/channels/{channel}/messages");
    h.fake
        .requests()
        .into_iter()
        .filter(|r| r.is("POST", &path))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everyone_role_and_user_mentions_in_a_question_ping_nobody() {
    let h = support::start(|_| {}).await;
    let q = h.say(
        CHANNEL,
        &mention("@everyone @here <@&700000000000000099> <@800000000000000002> What does Kent need to improve?"),
    );
    let r = h.reply_to(CHANNEL, q).await;
    let am = &r.body["allowed_mentions"];
    assert_eq!(am["parse"], json!([]), "{am}");
    assert_eq!(am["replied_user"], false, "{am}");
    // The same through a slash command and a button.
    let (_, i) = command(
        "ask",
        json!([{"name": "question", "type": 3, "value": "@everyone what does Kent need to improve?"}]),
        CHANNEL,
        USER,
    );
    let id = h.interact(i);
    let r = h.callback(id).await;
    assert_eq!(r.body["data"]["allowed_mentions"]["parse"], json!([]));
    let (_, click) = button("peel:f:q:@everyone All grades for kent", 5, CHANNEL, USER);
    let id = h.interact(click);
    let r = h.callback(id).await;
    assert_eq!(r.body["data"]["allowed_mentions"]["parse"], json!([]));
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_long_question_gets_a_clear_error() {
    let h = support::start(|_| {}).await;
    let long = format!(
        "What does Kent need to improve? {}",
        "Please answer. ".repeat(40)
    );
    let q = h.say(CHANNEL, &mention(&long));
    let r = h.reply_to(CHANNEL, q).await;
    let text = shown_text(&r.body);
    assert!(text.contains("the limit is 500"), "{text}");
    let (_, i) = command(
        "ask",
        json!([{"name": "question", "type": 3, "value": long}]),
        CHANNEL,
        USER,
    );
    let id = h.interact(i);
    let r = h.callback(id).await;
    assert!(shown_text(&r.body["data"]).contains("the limit is 500"));
    assert_eq!(
        r.body["data"]["flags"].as_u64().unwrap_or(0) & EPHEMERAL,
        EPHEMERAL,
        "errors from slash commands are ephemeral"
    );
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flood_from_one_user_is_rate_limited_politely() {
    let h = support::start(|c| c.user_rate_limit = 3).await;
    let answered = flood(&h, CHANNEL, 8).await;
    assert_eq!(answered, 3, "3 answers and no public notice");
    // One ⏳ on the first message over the limit, not one per message.
    let reactions = reactions(&h);
    assert_eq!(reactions.len(), 1, "{reactions:#?}");
    assert!(
        reactions[0].path.contains("%E2%8F%B3") || reactions[0].path.contains('⏳'),
        "{}",
        reactions[0].path
    );
    assert_eq!(h.bot.stats().rate_limited, 5);
    // Someone else in the channel is still answered.
    let (other, m) = message(
        CHANNEL,
        USER + 1,
        &mention("What does Kent need to improve?"),
    );
    h.fake.dispatch("MESSAGE_CREATE", m);
    let r = h.reply_to(CHANNEL, other).await;
    assert!(shown_text(&r.body).contains("Kent"));
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_from_bots_and_from_itself_are_ignored() {
    let h = support::start(|_| {}).await;
    let (_, from_bot) = bot_message(CHANNEL, 42, &mention("What does Kent need to improve?"));
    h.fake.dispatch("MESSAGE_CREATE", from_bot);
    let (_, from_self) = message(CHANNEL, BOT_ID, &mention("What does Kent need to improve?"));
    h.fake.dispatch("MESSAGE_CREATE", from_self);
    let (_, not_for_us) = message(CHANNEL, USER, "What does Kent need to improve?");
    h.fake.dispatch("MESSAGE_CREATE", not_for_us);
    h.wait_events(3).await;
    assert!(replies_in(&h, CHANNEL).is_empty());
    assert_eq!(h.bot.stats().ignored, 3);
    assert_eq!(h.bot.stats().questions, 0);
    h.assert_sends_ok();
}

/// A knowledge base whose Derbyshire quotes are far longer than any
/// Discord limit, so the quote answer must be split. Each quote has its own
/// words (the engine shows near-identical quotes once).
fn engine_with_huge_quotes() -> (Arc<SharedEngine>, Engine) {
    let mut files = embedded_files();
    let derbyshire = files
        .iter_mut()
        .find(|f| f.path.ends_with("derbyshire.toml"))
        .expect("derbyshire.toml");
    for i in 0..4 {
        let text: Vec<String> = (0..80)
            .map(|k| format!("Point {i}x{k}: the force must improve."))
            .collect();
        derbyshire.text.push_str(&format!(
            "\n[[inspection.quote]]\nspeaker = \"Roy Wilsher\"\nrole = \"HM Inspector of Constabulary\"\nkind = \"inspector\"\ntext = \"{}\"\nsource = \"https://www.wired-gov.net/wg/news.nsf/articles/Derbyshire+Constabulary+has+improved+but+more+to+be+done+28112022153800?open\"\n",
            text.join(" ")
        ));
    }
    let kb = || load_files("huge-quotes", &files).expect("modified base loads");
    let config = EngineConfig::default();
    (
        Arc::new(SharedEngine::new(Engine::new(kb(), &config))),
        Engine::new(kb(), &config),
    )
}

/// One user asks the same question `n` times in `channel`: how many are answered.
async fn flood(h: &support::Harness, channel: u64, n: usize) -> usize {
    let ids: Vec<u64> = (0..n)
        .map(|_| h.say(channel, &mention("What does Kent need to improve?")))
        .collect();
    h.wait_events(n as u64).await;
    replies_in(h, channel)
        .into_iter()
        .filter(|r| r.replies_to().is_some_and(|id| ids.contains(&id)))
        .count()
}

/// Every reaction the bot added.
fn reactions(h: &support::Harness) -> Vec<Arc<support::Recorded>> {
    h.fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT" && r.path.contains("/reactions/"))
        .collect()
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answer_longer_than_discord_limits_is_split_within_them() {
    let (shared, engine) = engine_with_huge_quotes();
    let question = "What did the inspector say about derbyshire?";
    let expected = engine.answer(question);
    assert!(
        expected.text.chars().count() > 6000,
        "the test needs a long answer; got {} characters",
        expected.text.chars().count()
    );
    let h = support::start_with(FakeOptions::default(), shared, |_| {}).await;

    // Embeds: one message, paged with ◀ ▶; every field of the answer is on
    // some page, in order, split at words.
    let q = h.say(CHANNEL, &mention(question));
    h.wait_events(1).await;
    let sent = replies_in(&h, CHANNEL);
    assert_eq!(sent.len(), 1, "one message, paged");
    assert_eq!(sent[0].replies_to(), Some(q));
    let footer = |m: &Value| {
        m["embeds"]
            .as_array()
            .and_then(|e| e.last())
            .and_then(|e| e["footer"]["text"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    let first = footer(&sent[0].body);
    let pages: usize = first
        .rsplit_once("Page 1 of ")
        .and_then(|(_, n)| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("a page count in the footer: {first:?}"));
    assert!((2..=5).contains(&pages), "{pages} pages");
    let fields = |m: &Value| -> Vec<String> {
        m["embeds"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .flat_map(|e| e["fields"].as_array().cloned().unwrap_or_default())
            .map(|f| f["value"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let mut values = fields(&sent[0].body);
    let mut shown = sent[0].body.clone();
    let msg = sent[0].created.expect("reply id");
    let (_, asked) = message(CHANNEL, USER, &mention(question));
    for k in 2..=pages {
        let labels = support::button_labels(&shown);
        let ids = support::button_ids(&shown);
        let at = labels
            .iter()
            .position(|l| l == "Next ▶")
            .unwrap_or_else(|| panic!("a Next button on page {}: {labels:?}", k - 1));
        let (_, mut click) = button(&ids[at], msg, CHANNEL, USER);
        click["message"]["referenced_message"] = asked.clone();
        let r = h.callback(h.interact(click)).await;
        assert_eq!(r.body["type"], 7, "the page replaces the one shown");
        shown = r.body["data"].clone();
        assert!(footer(&shown).ends_with(&format!("Page {k} of {pages}")));
        values.extend(fields(&shown));
    }
    assert!(!support::button_labels(&shown).contains(&"Next ▶".to_string()));
    let all = normalise(&values.join(" "));
    for f in &expected.fields {
        assert!(
            all.contains(&normalise(&f.value)),
            "field {:?} lost",
            f.name
        );
    }

    // Plain text: 2,000 characters a page, at most five pages, page 1 sent.
    let q = h.say(NO_EMBEDS_CHANNEL, &mention(question));
    h.reply_to(NO_EMBEDS_CHANNEL, q).await;
    let sent = replies_in(&h, NO_EMBEDS_CHANNEL);
    assert_eq!(sent.len(), 1, "one message, paged");
    assert_eq!(sent[0].replies_to(), Some(q));
    let content = sent[0].body["content"].as_str().unwrap_or_default();
    assert!(content.contains("Page 1 of "), "{content}");
    let whole = normalise(&expected.text);
    let start = normalise(content.split("\n\n_Page").next().unwrap_or_default());
    assert!(
        whole.starts_with(&start),
        "the start of the answer, cut between words"
    );
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn allow_lists_keep_the_bot_to_its_guilds_and_channels() {
    let h = support::start(|c| {
        c.allowed_guilds = vec![GUILD_ID];
        c.allowed_channels = vec![CHANNEL];
    })
    .await;
    let ignored = h.say(OTHER_CHANNEL, &mention("What does Kent need to improve?"));
    let in_thread = h.say(THREAD, &mention("What does Kent need to improve?"));
    h.reply_to(THREAD, in_thread).await;
    h.wait_events(2).await;
    assert!(
        replies_in(&h, OTHER_CHANNEL).is_empty(),
        "{ignored} was answered"
    );

    let ask = json!([{"name": "question", "type": 3, "value": "What does Kent need to improve?"}]);
    let (_, i) = command("ask", ask.clone(), OTHER_CHANNEL, USER);
    let id = h.interact(i);
    let r = h.callback(id).await;
    assert_eq!(
        r.body["data"]["flags"].as_u64().unwrap_or(0) & EPHEMERAL,
        EPHEMERAL
    );
    assert!(shown_text(&r.body["data"]).contains("not set up to answer here"));
    let (_, i) = command_in_thread("ask", ask, THREAD, CHANNEL);
    let id = h.interact(i);
    let r = h.callback(id).await;
    assert!(shown_text(&r.body["data"]).contains("Kent"), "{:#}", r.body);
    h.assert_sends_ok();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn direct_messages_are_answered_only_when_enabled() {
    const DM: u64 = 100_000_000_000_000_099;
    for allow_dms in [false, true] {
        let h = support::start(|c| c.allow_dms = allow_dms).await;
        let (q, m) = dm_message(DM, USER, "What does Kent need to improve?");
        h.fake.dispatch("MESSAGE_CREATE", m);
        h.wait_events(1).await;
        if allow_dms {
            let r = h.reply_to(DM, q).await;
            assert!(shown_text(&r.body).contains("Kent"));
        } else {
            assert!(replies_in(&h, DM).is_empty());
        }
        let registered: Vec<Value> = h
            .fake
            .requests()
            .iter()
            .filter(|r| r.method == "PUT")
            .flat_map(|r| r.body.as_array().cloned().unwrap_or_default())
            .collect();
        let guild_only = registered.iter().all(|c| c["contexts"] == json!([0]));
        assert_eq!(guild_only, !allow_dms, "{registered:?}");
        h.assert_sends_ok();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_errors_are_short_and_ephemeral_and_nothing_leaks() {
    let h = support::start(|_| {}).await;
    // A /which with an impossible grade index is a bad option, not a crash.
    let (_, i) = command(
        "which",
        json!([{"name": "grade", "type": 4, "value": 99}, {"name": "area", "type": 3, "value": "x"}]),
        CHANNEL,
        USER,
    );
    let id = h.interact(i);
    let r = h.callback(id).await;
    let text = shown_text(&r.body["data"]);
    assert_eq!(
        r.body["data"]["flags"].as_u64().unwrap_or(0) & EPHEMERAL,
        EPHEMERAL
    );
    assert!(text.chars().count() < 200, "{text}");
    assert!(!text.contains("fake.bot.token"));
    h.assert_sends_ok();
    let _ = WAIT;
}

/// Where the bot may not add reactions, a flood is still limited politely:
/// it does not try the ⏳ (which Discord would refuse).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_add_reactions_the_rate_limit_sends_no_reaction() {
    let h = support::start(|c| c.user_rate_limit = 2).await;
    assert_eq!(flood(&h, NO_REACTIONS_CHANNEL, 5).await, 2);
    assert!(reactions(&h).is_empty(), "no reaction attempted");
    assert_eq!(h.bot.stats().rate_limited, 3);
    assert_eq!(h.bot.stats().send_errors, 0);
    h.assert_sends_ok();
}
