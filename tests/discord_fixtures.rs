//! The fake Discord's fixtures deserialize into serenity's own model types.
//!
//! serenity drops a gateway event it cannot deserialize without a word, and
//! a test waiting for the bot's reply would just time out. These tests name
//! the file and the missing or malformed field instead.

mod support;

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use serenity::model::event::{GatewayEvent, GuildCreateEvent, MessageDeleteEvent};
use serenity::model::prelude::{BotGateway, Interaction, Message, MessageUpdateEvent, Ready};

use support::fixtures;

fn read<T: DeserializeOwned>(name: &str, v: Value) -> T {
    serde_json::from_value(v).unwrap_or_else(|e| panic!("{name} does not deserialize: {e}"))
}

/// The whole frame, the way serenity's shard reads it.
fn dispatch(t: &str, d: Value) -> GatewayEvent {
    let frame = json!({"op": 0, "t": t, "s": 1, "d": d}).to_string();
    serde_json::from_str(&frame).unwrap_or_else(|e| panic!("{t} frame does not deserialize: {e}"))
}

#[test]
fn fixtures_are_json() {
    for (name, text) in fixtures::ALL {
        serde_json::from_str::<Value>(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn fixture_ready_is_a_serenity_ready() {
    let ready: Ready = read("ready.json", fixtures::ready("ws://127.0.0.1:1", "s"));
    assert_eq!(ready.user.id.get(), fixtures::BOT_ID);
    assert_eq!(ready.application.id.get(), fixtures::APP_ID);
    assert!(matches!(
        dispatch("READY", fixtures::ready("ws://x", "s")),
        GatewayEvent::Dispatch(1, _)
    ));
}

#[test]
fn fixture_guild_create_is_a_serenity_guild() {
    let g: GuildCreateEvent = read("guild_create.json", fixtures::guild_create());
    assert_eq!(g.guild.id.get(), fixtures::GUILD_ID);
    assert_eq!(g.guild.channels.len(), 4);
    assert_eq!(g.guild.threads.len(), 1);
    let bot = serenity::model::id::UserId::new(fixtures::BOT_ID);
    let member = g.guild.members.get(&bot).expect("the bot is a member");
    let channel = |id| {
        g.guild
            .channels
            .get(&serenity::model::id::ChannelId::new(id))
            .expect("channel")
    };
    assert!(g
        .guild
        .user_permissions_in(channel(fixtures::CHANNEL), member)
        .embed_links());
    assert!(!g
        .guild
        .user_permissions_in(channel(fixtures::NO_EMBEDS_CHANNEL), member)
        .embed_links());
    // The invite link's permissions, less Add Reactions in one channel.
    assert!(g
        .guild
        .user_permissions_in(channel(fixtures::CHANNEL), member)
        .add_reactions());
    assert!(!g
        .guild
        .user_permissions_in(channel(fixtures::NO_REACTIONS_CHANNEL), member)
        .add_reactions());
    dispatch("GUILD_CREATE", fixtures::guild_create());
}

#[test]
fn fixture_messages_are_serenity_messages() {
    let (_, m) = fixtures::message(fixtures::CHANNEL, fixtures::USER, "<@1> hi");
    let msg: Message = read("message_create.json", m.clone());
    assert_eq!(msg.author.id.get(), fixtures::USER);
    dispatch("MESSAGE_CREATE", m);
    let (_, dm) = fixtures::dm_message(fixtures::CHANNEL, fixtures::USER, "hi");
    let dm: Message = read("message_create.json (DM)", dm);
    assert!(dm.guild_id.is_none());
    let (_, b) = fixtures::bot_message(fixtures::CHANNEL, 5, "hi");
    assert!(read::<Message>("message_create.json (bot)", b).author.bot);
    let template = fixtures::message_template();
    let sent = fixtures::message_response(&template, 9, "100", &json!({"content": "x"}));
    let _: Message = read("message_response.json", sent);
}

#[test]
fn fixture_update_and_delete_are_serenity_events() {
    let u: MessageUpdateEvent = read(
        "message_update.json",
        fixtures::message_update(5, fixtures::CHANNEL, "<@1> new"),
    );
    assert_eq!(u.content.as_deref(), Some("<@1> new"));
    dispatch(
        "MESSAGE_UPDATE",
        fixtures::message_update(5, fixtures::CHANNEL, "x"),
    );
    let d: MessageDeleteEvent = read(
        "message_delete.json",
        fixtures::message_delete(5, fixtures::CHANNEL),
    );
    assert_eq!(d.message_id.get(), 5);
    dispatch(
        "MESSAGE_DELETE",
        fixtures::message_delete(5, fixtures::CHANNEL),
    );
}

#[test]
fn fixture_interactions_are_serenity_interactions() {
    let (_, c) = fixtures::command(
        "ask",
        json!([{"name": "question", "type": 3, "value": "hi"}]),
        fixtures::CHANNEL,
        fixtures::USER,
    );
    match read::<Interaction>("interaction_command.json", c.clone()) {
        Interaction::Command(i) => {
            assert_eq!(i.data.name, "ask");
            assert_eq!(i.user.id.get(), fixtures::USER);
            assert!(i.app_permissions.is_some_and(|p| p.embed_links()));
        }
        other => panic!("not a command: {other:?}"),
    }
    dispatch("INTERACTION_CREATE", c);

    let (_, t) = fixtures::command_in_thread("ask", json!([]), fixtures::THREAD, fixtures::CHANNEL);
    match read::<Interaction>("interaction_command.json (thread)", t) {
        Interaction::Command(i) => {
            let ch = i.channel.expect("channel");
            assert_eq!(ch.parent_id.map(|p| p.get()), Some(fixtures::CHANNEL));
        }
        other => panic!("not a command: {other:?}"),
    }

    let (_, a) = fixtures::autocomplete(
        "force",
        json!([{"name": "name", "type": 3, "value": "derb", "focused": true}]),
    );
    assert!(matches!(
        read::<Interaction>("interaction_autocomplete.json", a.clone()),
        Interaction::Autocomplete(_)
    ));
    dispatch("INTERACTION_CREATE", a);

    let (_, b) = fixtures::button("peel:f:q:hi", 7, fixtures::CHANNEL, fixtures::USER);
    match read::<Interaction>("interaction_component.json", b.clone()) {
        Interaction::Component(i) => assert_eq!(i.data.custom_id, "peel:f:q:hi"),
        other => panic!("not a component: {other:?}"),
    }
    dispatch("INTERACTION_CREATE", b);
}

#[test]
fn fixture_gateway_bot_is_a_serenity_bot_gateway() {
    let g: BotGateway = read(
        "gateway_bot.json",
        fixtures::gateway_bot("ws://127.0.0.1:9"),
    );
    assert_eq!(g.shards, 1);
}
