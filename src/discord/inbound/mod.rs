//! What arrives from Discord and how it becomes a question.
//!
//! - [`events`]: gateway events — messages (mentions, prefix, DMs), edits,
//!   deletions — and the dispatch of clicks;
//! - [`commands`]: the slash commands; [`complete`]: their autocomplete;
//! - [`clicks`]: follow-up and clarify buttons; [`votes`]: 👍/👎;
//! - [`message`]: is a message for the bot, what does it ask (and Discord's
//!   mention syntax); [`place`]: where it was asked (threads, permissions);
//!   [`allow_list`]: whether the bot answers there;
//! - [`asking`]: rate limits, the length limit, the engine, counters and the
//!   log line every question shares;
//! - [`command_errors`]: what a user sees when a command fails.

pub mod allow_list;
pub mod asking;
pub mod clicks;
pub mod command_errors;
pub mod commands;
pub mod complete;
pub mod events;
pub mod message;
pub mod place;
pub mod votes;
