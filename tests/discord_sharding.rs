//! Scaling out: `[shards]` splits one bot's guilds over several processes
//! the way Discord shards its gateway.
//!
//! One fake Discord (REST and gateway) with two shards: guild A lives on
//! shard 0 and guild B on shard 1 (`(guild_id >> 22) % 2`), and the fake
//! routes each guild's events to the connection that IDENTIFYed with that
//! shard. Bots are told apart by their tokens: every IDENTIFY and every REST
//! request the fake records carries the token of the bot that sent it.
//!
//! Contents: two processes (shards 0/2 and 1/2) each identify with their own
//! shard array and answer only their shard's guild, and one of them resumes
//! alone; one process running a range of shards; autosharding; and, ignored
//! by default, what serenity does with a shard the gateway refuses.

mod support;

use std::sync::Arc;
use std::time::Duration;

use peelbot::config::{EngineConfig, ShardsConfig};
use peelbot::discord::{BotHandle, ShardPlan};
use serde_json::json;

use support::fake::Identified;
use support::fixtures::*;
use support::{FakeDiscord, FakeOptions, Recorded, WAIT};

/// On shard 0 of 2 (with its own channel).
const GUILD_A: u64 = 700_000_000_004_194_305;
const CHANNEL_A: u64 = 100_000_000_000_000_101;
/// The fixtures' guild, on shard 1 of 2.
const GUILD_B: u64 = GUILD_ID;
const CHANNEL_B: u64 = CHANNEL;

const TOKEN_0: &str = "fake.token.process-0";
const TOKEN_1: &str = "fake.token.process-1";

fn shards(total: u32, first: u32, last: u32) -> ShardsConfig {
    ShardsConfig {
        total: Some(total),
        first: Some(first),
        last: Some(last),
    }
}

async fn two_shard_fake() -> FakeDiscord {
    let fake = support::sharded_fake(
        FakeOptions::default(),
        2,
        vec![guild_create_for(GUILD_A, CHANNEL_A), guild_create()],
    )
    .await;
    assert_eq!(fake.shard_of(GUILD_A), 0);
    assert_eq!(fake.shard_of(GUILD_B), 1);
    fake
}

fn mention(q: &str) -> String {
    format!("<@{BOT_ID}> {q}")
}

/// Asks `q` in `channel` of `guild` from `user`; returns the message id.
fn ask(fake: &FakeDiscord, guild: u64, channel: u64, user: u64, q: &str) -> u64 {
    let (id, m) = guild_message(guild, channel, user, &mention(q));
    fake.dispatch("MESSAGE_CREATE", m);
    id
}

/// Every reply (first message, carrying the reference) to message `id`.
fn replies_to(fake: &FakeDiscord, channel: u64, id: u64) -> Vec<Arc<Recorded>> {
    let path = format!("/channels/{channel}/messages");
    fake.requests()
        .into_iter()
        .filter(|r| r.is("POST", &path) && r.replies_to() == Some(id))
        .collect()
}

async fn wait_questions(bot: &BotHandle, n: u64, who: &str) {
    let deadline = tokio::time::Instant::now() + WAIT;
    while bot.stats().questions < n {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{who} answered {} of {n} questions within {WAIT:?}",
            bot.stats().questions
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

fn identified_by(fake: &FakeDiscord, token: &str) -> Vec<Identified> {
    fake.gateway_stats()
        .identified
        .into_iter()
        .filter(|i| i.token == token)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_each_identify_their_shard_and_answer_only_its_guilds() {
    let fake = two_shard_fake().await;
    let engine = support::engine(&EngineConfig::default());
    // Two processes of one bot, started together.
    let (bot0, bot1) = tokio::join!(
        support::start_bot(&fake, TOKEN_0, shards(2, 0, 0), Arc::clone(&engine), |_| {}),
        support::start_bot(&fake, TOKEN_1, shards(2, 1, 1), Arc::clone(&engine), |_| {}),
    );
    let plan = |first, last| ShardPlan {
        first,
        last,
        total: 2,
    };
    assert_eq!(bot0.shard_plan(), Some(plan(0, 0)));
    assert_eq!(bot1.shard_plan(), Some(plan(1, 1)));
    assert_eq!((bot0.shard_count(), bot1.shard_count()), (Some(1), Some(1)));

    // Each IDENTIFY carries its own shard array, on its own connection.
    let (id0, id1) = (identified_by(&fake, TOKEN_0), identified_by(&fake, TOKEN_1));
    assert_eq!(id0.len(), 1, "{id0:?}");
    assert_eq!(id1.len(), 1, "{id1:?}");
    assert_eq!(id0[0].shard, Some([0, 2]));
    assert_eq!(id1[0].shard, Some([1, 2]));
    assert_ne!(id0[0].connection, id1[0].connection);
    let stats = fake.gateway_stats();
    assert_eq!((stats.identifies, stats.invalid_shards), (2, 0));

    // Questions in both guilds, interleaved, from several users.
    let questions = [
        "What does Kent need to improve?",
        "What does Essex need to improve?",
        "All grades for Derbyshire",
        "What did the inspector say about Surrey?",
        "Is Cumbria good at preventing crime?",
    ];
    let mut asked = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        let user = USER + i as u64;
        asked.push((0, CHANNEL_A, ask(&fake, GUILD_A, CHANNEL_A, user, q)));
        asked.push((1, CHANNEL_B, ask(&fake, GUILD_B, CHANNEL_B, user, q)));
    }
    // And a slash command in each guild.
    let options =
        json!([{"name": "question", "type": 3, "value": "What does Kent need to improve?"}]);
    let (cmd_a, i) = guild_command(GUILD_A, "ask", options.clone(), CHANNEL_A, USER);
    fake.dispatch("INTERACTION_CREATE", i);
    let (cmd_b, i) = guild_command(GUILD_B, "ask", options, CHANNEL_B, USER);
    fake.dispatch("INTERACTION_CREATE", i);

    let per_guild = questions.len() as u64 + 1;
    wait_questions(&bot0, per_guild, "process 0").await;
    wait_questions(&bot1, per_guild, "process 1").await;
    for &(shard, channel, id) in &asked {
        let path = format!("/channels/{channel}/messages");
        let first = fake
            .wait_for(&format!("a reply to {id}"), WAIT, |r| {
                r.is("POST", &path) && r.replies_to() == Some(id)
            })
            .await;
        let expected = if shard == 0 { TOKEN_0 } else { TOKEN_1 };
        assert_eq!(
            first.token(),
            Some(expected),
            "question {id} on shard {shard} answered by the wrong process"
        );
    }
    for (id, token) in [(cmd_a, TOKEN_0), (cmd_b, TOKEN_1)] {
        let r = fake
            .wait_for(&format!("a response to {id}"), WAIT, |r| {
                r.interaction() == Some(id)
            })
            .await;
        assert_eq!(r.token(), Some(token), "interaction {id}");
    }
    // Let any stray duplicate arrive, then: exactly one reply each, and each
    // process handled only its shard's events.
    tokio::time::sleep(Duration::from_millis(300)).await;
    for &(_, channel, id) in &asked {
        assert_eq!(replies_to(&fake, channel, id).len(), 1, "question {id}");
    }
    for id in [cmd_a, cmd_b] {
        let n = fake
            .requests()
            .iter()
            .filter(|r| r.interaction() == Some(id))
            .count();
        assert_eq!(n, 1, "interaction {id}");
    }
    let (s0, s1) = (bot0.stats(), bot1.stats());
    assert_eq!((s0.questions, s1.questions), (per_guild, per_guild));
    assert_eq!((s0.events, s1.events), (per_guild, per_guild));
    let delivered = fake.gateway_stats().delivered_by_shard;
    assert_eq!(delivered.get(&0), Some(&per_guild), "{delivered:?}");
    assert_eq!(delivered.get(&1), Some(&per_guild), "{delivered:?}");
    // Every REST call came from one of the two processes.
    for r in fake.requests() {
        assert!(
            matches!(r.token(), Some(TOKEN_0 | TOKEN_1)),
            "{} {} with {:?}",
            r.method,
            r.path,
            r.token()
        );
    }

    // Shard 0's connection drops: process 0 resumes its own session, process
    // 1 is untouched, and nothing is lost.
    let before = fake.gateway_stats();
    fake.close_shard(0, 4000);
    let during = ask(
        &fake,
        GUILD_A,
        CHANNEL_A,
        USER,
        "What does Kent need to improve?",
    );
    let after = fake
        .wait_gateway("shard 0 resumed", WAIT, |g| g.resumes > before.resumes)
        .await;
    assert_eq!(after.identifies, 2, "resumed, not re-identified");
    assert_eq!(
        after.connections,
        before.connections + 1,
        "only shard 0 reconnected"
    );
    let r = fake
        .wait_for("the reply sent across the resume", WAIT, |r| {
            r.replies_to() == Some(during)
        })
        .await;
    assert_eq!(r.token(), Some(TOKEN_0));
    let next = ask(
        &fake,
        GUILD_B,
        CHANNEL_B,
        USER,
        "What does Essex need to improve?",
    );
    let r = fake
        .wait_for("a reply on the other shard", WAIT, |r| {
            r.replies_to() == Some(next)
        })
        .await;
    assert_eq!(r.token(), Some(TOKEN_1));
    support::checks::assert_all_sends_ok(&fake.requests());

    for bot in [bot0, bot1] {
        tokio::time::timeout(WAIT, bot.shutdown())
            .await
            .expect("shutdown within the timeout")
            .expect("clean shutdown");
    }
}

/// Waits until `token` has identified `n` times; serenity boots a process's
/// shards one by one, 5 s apart.
async fn wait_identifies(fake: &FakeDiscord, token: &str, n: usize) -> Vec<Identified> {
    fake.wait_gateway(&format!("{n} IDENTIFYs"), WAIT, |g| {
        g.identified.iter().filter(|i| i.token == token).count() >= n
    })
    .await;
    identified_by(fake, token)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_process_runs_its_whole_inclusive_range() {
    let fake = two_shard_fake().await;
    let engine = support::engine(&EngineConfig::default());
    // first = 0, last = 1: both shards (last is inclusive).
    let bot = support::start_bot(&fake, TOKEN_0, shards(2, 0, 1), engine, |_| {}).await;
    assert_eq!(bot.shard_count(), Some(2));
    let ids = wait_identifies(&fake, TOKEN_0, 2).await;
    let mut arrays: Vec<_> = ids.iter().filter_map(|i| i.shard).collect();
    arrays.sort_unstable();
    assert_eq!(arrays, vec![[0, 2], [1, 2]]);
    let a = ask(
        &fake,
        GUILD_A,
        CHANNEL_A,
        USER,
        "What does Kent need to improve?",
    );
    let b = ask(
        &fake,
        GUILD_B,
        CHANNEL_B,
        USER,
        "What does Essex need to improve?",
    );
    for (channel, id) in [(CHANNEL_A, a), (CHANNEL_B, b)] {
        let path = format!("/channels/{channel}/messages");
        fake.wait_for(&format!("a reply to {id}"), WAIT, |r| {
            r.is("POST", &path) && r.replies_to() == Some(id)
        })
        .await;
    }
    assert_eq!(fake.gateway_stats().invalid_shards, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_shards_config_the_bot_autoshards_as_discord_recommends() {
    let fake = two_shard_fake().await;
    let engine = support::engine(&EngineConfig::default());
    let mut bot = support::start_bot(&fake, TOKEN_0, ShardsConfig::default(), engine, |_| {}).await;
    assert_eq!(
        bot.wait_shard_plan(WAIT).await,
        Some(ShardPlan {
            first: 0,
            last: 1,
            total: 2
        })
    );
    assert_eq!(bot.shard_count(), Some(2));
    fake.wait_for("GET /gateway/bot", WAIT, |r| r.is("GET", "/gateway/bot"))
        .await;
    let ids = wait_identifies(&fake, TOKEN_0, 2).await;
    let mut arrays: Vec<_> = ids.iter().filter_map(|i| i.shard).collect();
    arrays.sort_unstable();
    assert_eq!(arrays, vec![[0, 2], [1, 2]]);
}

/// Discord closes an IDENTIFY for a shard it does not have with 4010 (and
/// one with too few shards for the bot's guilds with 4011). serenity 0.12.5
/// treats both as non-fatal: it logs `Shard handler received err:
/// Gateway(InvalidShardData)` at ERROR, then spins on the closed socket
/// (about one core) until its next heartbeat (41 s here), restarts the shard
/// and is refused again; the client never returns an error. Shutting down
/// in that state had not finished after two minutes on this 2-core machine
/// (serenity waits for a close frame on a socket that has ended). Ignored
/// because of that cost; run it after a serenity upgrade to see whether
/// the behaviour changed:
/// `cargo test --test discord_sharding -- --ignored`.
#[ignore = "serenity 0.12.5 spins a core for ~41 s after a refused shard"]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_shard_never_becomes_ready_nor_answers_and_does_not_crash() {
    let fake = two_shard_fake().await;
    let engine = support::engine(&EngineConfig::default());
    // Shard 2 of 3, against a gateway with 2 shards.
    let mut bot = support::launch_bot(&fake, TOKEN_0, shards(3, 2, 2), engine, |_| {}).await;
    fake.wait_gateway("the refused IDENTIFY", WAIT, |g| g.invalid_shards >= 1)
        .await;
    assert!(!bot.wait_ready(Duration::from_secs(1)).await);
    assert!(
        tokio::time::timeout(Duration::from_millis(500), bot.stopped())
            .await
            .is_err(),
        "serenity keeps the client running"
    );
    assert_eq!(bot.shard_count(), Some(1));
    let q = ask(
        &fake,
        GUILD_A,
        CHANNEL_A,
        USER,
        "What does Kent need to improve?",
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(replies_to(&fake, CHANNEL_A, q).is_empty());
}
