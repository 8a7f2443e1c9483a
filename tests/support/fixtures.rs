//! Gateway and REST payloads, from the JSON files in
//! `tests/fixtures/discord/` with ids and text filled in.
//!
//! `tests/discord_fixtures.rs` checks that every file deserializes into
//! serenity's own model types: serenity silently drops an event it cannot
//! read, which would show up here only as a timeout.

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{json, Value};

pub const BOT_ID: u64 = 900_000_000_000_000_001;
pub const APP_ID: u64 = BOT_ID;
pub const GUILD_ID: u64 = 700_000_000_000_000_001;
/// A channel where the bot may embed links.
pub const CHANNEL: u64 = 100_000_000_000_000_001;
/// A channel where @everyone (so the bot) lacks Embed Links.
pub const NO_EMBEDS_CHANNEL: u64 = 100_000_000_000_000_002;
/// A channel where @everyone (so the bot) lacks Add Reactions.
pub const NO_REACTIONS_CHANNEL: u64 = 100_000_000_000_000_005;
/// A public thread under [`CHANNEL`].
pub const THREAD: u64 = 100_000_000_000_000_003;
/// A channel left out of allow-lists in tests.
pub const OTHER_CHANNEL: u64 = 100_000_000_000_000_004;
pub const USER: u64 = 800_000_000_000_000_001;
/// Every permission the fixtures grant, without Embed Links.
pub const PERMISSIONS_NO_EMBEDS: u64 = 274_877_991_936 & !EMBED_LINKS;
pub const EMBED_LINKS: u64 = 1 << 14;
pub const ATTACH_FILES: u64 = 1 << 15;

pub const READY: &str = include_str!("../fixtures/discord/ready.json");
pub const GUILD_CREATE: &str = include_str!("../fixtures/discord/guild_create.json");
pub const MESSAGE_CREATE: &str = include_str!("../fixtures/discord/message_create.json");
pub const MESSAGE_UPDATE: &str = include_str!("../fixtures/discord/message_update.json");
pub const MESSAGE_DELETE: &str = include_str!("../fixtures/discord/message_delete.json");
pub const INTERACTION_COMMAND: &str = include_str!("../fixtures/discord/interaction_command.json");
pub const INTERACTION_AUTOCOMPLETE: &str =
    include_str!("../fixtures/discord/interaction_autocomplete.json");
pub const INTERACTION_COMPONENT: &str =
    include_str!("../fixtures/discord/interaction_component.json");
pub const MESSAGE_RESPONSE: &str = include_str!("../fixtures/discord/message_response.json");
pub const GATEWAY_BOT: &str = include_str!("../fixtures/discord/gateway_bot.json");

/// Every fixture by file name, for the deserialization tests.
pub const ALL: [(&str, &str); 10] = [
    ("ready.json", READY),
    ("guild_create.json", GUILD_CREATE),
    ("message_create.json", MESSAGE_CREATE),
    ("message_update.json", MESSAGE_UPDATE),
    ("message_delete.json", MESSAGE_DELETE),
    ("interaction_command.json", INTERACTION_COMMAND),
    ("interaction_autocomplete.json", INTERACTION_AUTOCOMPLETE),
    ("interaction_component.json", INTERACTION_COMPONENT),
    ("message_response.json", MESSAGE_RESPONSE),
    ("gateway_bot.json", GATEWAY_BOT),
];

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

static NEXT_ID: AtomicU64 = AtomicU64::new(560_000_000_000_000_000);

/// A fresh snowflake, unique within the process.
pub fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

pub fn ready(ws_url: &str, session_id: &str) -> Value {
    let mut v = parse(READY);
    v["resume_gateway_url"] = json!(ws_url);
    v["session_id"] = json!(session_id);
    v
}

pub fn guild_create() -> Value {
    parse(GUILD_CREATE)
}

pub fn gateway_bot(ws_url: &str) -> Value {
    let mut v = parse(GATEWAY_BOT);
    v["url"] = json!(ws_url);
    v
}

/// A user's message in a guild channel; returns (message id, payload).
pub fn message(channel: u64, author: u64, content: &str) -> (u64, Value) {
    let id = next_id();
    let mut v = parse(MESSAGE_CREATE);
    v["id"] = json!(id.to_string());
    v["channel_id"] = json!(channel.to_string());
    v["author"]["id"] = json!(author.to_string());
    v["content"] = json!(content);
    if !content.contains(&format!("<@{BOT_ID}>")) {
        v["mentions"] = json!([]);
    }
    v["mention_everyone"] = json!(content.contains("@everyone") || content.contains("@here"));
    (id, v)
}

/// A message from another bot.
pub fn bot_message(channel: u64, author: u64, content: &str) -> (u64, Value) {
    let (id, mut v) = message(channel, author, content);
    v["author"]["bot"] = json!(true);
    (id, v)
}

/// A direct message to the bot (no guild).
pub fn dm_message(channel: u64, author: u64, content: &str) -> (u64, Value) {
    let (id, mut v) = message(channel, author, content);
    if let Some(o) = v.as_object_mut() {
        o.remove("guild_id");
        o.remove("member");
    }
    (id, v)
}

pub fn message_update(id: u64, channel: u64, content: &str) -> Value {
    let mut v = parse(MESSAGE_UPDATE);
    v["id"] = json!(id.to_string());
    v["channel_id"] = json!(channel.to_string());
    v["content"] = json!(content);
    v
}

pub fn message_delete(id: u64, channel: u64) -> Value {
    let mut v = parse(MESSAGE_DELETE);
    v["id"] = json!(id.to_string());
    v["channel_id"] = json!(channel.to_string());
    v
}

/// A snowflake for now, as Discord makes interaction ids: the bot reads an
/// interaction's age (and so its 3-second deadline) from it.
pub fn snowflake_now() -> u64 {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let counter = next_id() & 0x3F_FFFF;
    (ms.saturating_sub(1_420_070_400_000) << 22) | counter
}

fn interaction(template: &str, channel: u64, user: u64) -> (u64, Value) {
    let id = snowflake_now();
    let mut v = parse(template);
    v["id"] = json!(id.to_string());
    v["token"] = json!(format!("token-{id}"));
    v["channel_id"] = json!(channel.to_string());
    if v.get("channel").is_some() {
        v["channel"]["id"] = json!(channel.to_string());
    }
    v["member"]["user"]["id"] = json!(user.to_string());
    (id, v)
}

/// A slash command (`/name` with `options`, e.g. `[{"name":"question","type":3,"value":"..."}]`).
pub fn command(name: &str, options: Value, channel: u64, user: u64) -> (u64, Value) {
    let (id, mut v) = interaction(INTERACTION_COMMAND, channel, user);
    v["data"]["name"] = json!(name);
    v["data"]["options"] = options;
    (id, v)
}

/// A slash command from a thread whose parent is `parent`.
pub fn command_in_thread(name: &str, options: Value, thread: u64, parent: u64) -> (u64, Value) {
    let (id, mut v) = command(name, options, thread, USER);
    v["channel"]["type"] = json!(11);
    v["channel"]["parent_id"] = json!(parent.to_string());
    (id, v)
}

/// Sets the permissions Discord says the bot has where the interaction happened.
pub fn with_app_permissions(mut v: Value, permissions: u64) -> Value {
    v["app_permissions"] = json!(permissions.to_string());
    v
}

/// An autocomplete request for `/name`, with one option focused.
pub fn autocomplete(name: &str, options: Value) -> (u64, Value) {
    let (id, mut v) = interaction(INTERACTION_AUTOCOMPLETE, CHANNEL, USER);
    v["data"]["name"] = json!(name);
    v["data"]["options"] = options;
    (id, v)
}

/// A click on a button with `custom_id`, on bot message `message`.
pub fn button(custom_id: &str, message: u64, channel: u64, user: u64) -> (u64, Value) {
    let (id, mut v) = interaction(INTERACTION_COMPONENT, channel, user);
    v["data"]["custom_id"] = json!(custom_id);
    v["message"]["id"] = json!(message.to_string());
    v["message"]["channel_id"] = json!(channel.to_string());
    (id, v)
}

/// What the fake returns for a message the bot sends or edits.
pub fn message_response(template: &Value, id: u64, channel: &str, body: &Value) -> Value {
    let mut v = template.clone();
    v["id"] = json!(id.to_string());
    v["channel_id"] = json!(channel);
    if let Some(content) = body.get("content").and_then(Value::as_str) {
        v["content"] = json!(content);
    }
    v
}

pub fn message_template() -> Value {
    parse(MESSAGE_RESPONSE)
}

/// A guild like [`guild_create`] but with id `guild` and one text channel
/// `channel` (for gateways with several guilds, e.g. one per shard).
pub fn guild_create_for(guild: u64, channel: u64) -> Value {
    let mut v = parse(GUILD_CREATE);
    v["id"] = json!(guild.to_string());
    v["name"] = json!(format!("Test Server {guild}"));
    // The @everyone role's id is the guild's.
    v["roles"][0]["id"] = json!(guild.to_string());
    let mut text = v["channels"][0].clone();
    text["id"] = json!(channel.to_string());
    text["name"] = json!(format!("general-{channel}"));
    v["channels"] = json!([text]);
    v["threads"] = json!([]);
    v
}

/// A user's message in `channel` of `guild`; returns (message id, payload).
pub fn guild_message(guild: u64, channel: u64, author: u64, content: &str) -> (u64, Value) {
    let (id, mut v) = message(channel, author, content);
    v["guild_id"] = json!(guild.to_string());
    (id, v)
}

/// A slash command in `channel` of `guild`.
pub fn guild_command(
    guild: u64,
    name: &str,
    options: Value,
    channel: u64,
    user: u64,
) -> (u64, Value) {
    let (id, mut v) = command(name, options, channel, user);
    v["guild_id"] = json!(guild.to_string());
    (id, v)
}
