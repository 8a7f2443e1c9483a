//! What the bot sends to Discord.
//!
//! - [`render`]: answers as embeds or plain text (pure, unit-tested);
//!   [`help_about`]: the text of `/help` and `/about`;
//! - [`sizes`]: Discord's size limits and word-boundary splitting;
//! - [`builders`]: serenity builders, all with `allowed_mentions` parsing
//!   nothing; [`button_ids`]: what a button's custom id carries;
//! - [`rest`]: every REST call survives a 429 and a hang (the relay);
//! - [`reply_log`]: which replies answer which question, for edits and
//!   deletions.

pub mod builders;
pub mod button_ids;
pub mod help_about;
pub mod render;
pub mod reply_log;
pub mod rest;
pub mod sizes;
