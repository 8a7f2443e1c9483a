//! The Discord front end: slash commands, mentions and prefix commands over
//! the engine, answered as embeds within Discord's limits.
//!
//! Grouped by role, one job per file:
//! - [`inbound`]: what arrives — messages, edits and deletions (`events`),
//!   slash commands and their autocomplete, button clicks and votes; reading
//!   a message and where it came from; the path every question takes;
//! - [`outbound`]: what leaves — rendering answers (pure), Discord's size
//!   limits and splitting, serenity builders, button ids, the reply log;
//! - [`rate_limit`]: per-user and per-channel limits;
//! - [`lifecycle`]: the client, its shards, the `serve` process, the token;
//! - [`state`] (what every handler shares), [`mentions`] (Discord's mention
//!   syntax), [`reload`] (`/reload` and SIGHUP), [`error`].
//!
//! Operations (counters, curation log, reload, `/health`) live below the
//! front end in [`crate::ops`]; this folder only connects them to serenity.
//!
//! [`serve`] is `peelbot serve`; [`start`] is the library entry point that
//! tests and benchmarks use against a local fake Discord.
//!
//! Intents: slash commands and @mentions need no privileged intent (Discord
//! sends the text of messages that mention the bot). Prefix commands
//! (`!peel ...`) need the privileged message-content intent, enabled in the
//! Developer Portal and with `discord.message_content_intent = true`.
//! Permissions to invite with: View Channels, Send Messages, Send Messages in
//! Threads, Embed Links (without it answers come as plain text) and Read
//! Message History (to reply to a question), i.e. `274877991936`, with the
//! `bot` and `applications.commands` scopes.
//!
//! With `discord.api_base` set to anything but `https://discord.com`, REST
//! goes through that base with serenity's rate limiter off (serenity only
//! proxies that way; the proxy is expected to rate-limit), which is also how
//! the tests reach their fake Discord. 429 handling is therefore not tested.

pub mod error;
pub mod inbound;
pub mod lifecycle;
pub mod mentions;
pub mod outbound;
pub mod rate_limit;
pub mod reload;
pub mod state;

pub use crate::ops::{Operations, ReloadReport, StatsSnapshot};
pub use error::BotError;
pub use lifecycle::client::{start, BotHandle, BotSettings};
pub use lifecycle::serve::serve;
pub use lifecycle::shards::ShardPlan;
