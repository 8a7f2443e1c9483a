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
//! - [`asked`] (what a person asked: words or a typed query), [`state`]
//!   (what every handler shares), [`mentions`] (Discord's mention
//!   syntax), [`reload`] (`/reload` and SIGHUP) and [`confirmations`]
//!   (refused reloads an admin may apply), [`error`].
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
//! Threads, Embed Links (without it answers come as plain text), Add
//! Reactions (⏳ on a question over the rate limit) and Read Message History
//! (to reply to a question), i.e. `274877992000`, with the `bot` and
//! `applications.commands` scopes.
//!
//! With `discord.api_base` set to anything but `https://discord.com`, REST
//! goes through that base with serenity's rate limiter off (serenity only
//! proxies that way), via the bot's own relay ([`outbound::rest`]) that
//! honours 429s and times out hung calls; that is also how the tests reach
//! their fake Discord, which can inject both.

pub mod asked;
pub mod confirmations;
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
