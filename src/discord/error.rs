//! Errors of the Discord front end. Users see a short sentence; the log
//! gets the whole error (never the token: it is a [`crate::config::Secret`]).

/// Why the bot could not start or finish an action.
#[derive(Debug, thiserror::Error)]
pub enum BotError {
    /// No token in `DISCORD_TOKEN` or `discord.token_file`.
    #[error("no Discord bot token: set the DISCORD_TOKEN environment variable, or discord.token_file in config.toml to a file holding the token")]
    MissingToken,
    /// `discord.token_file` could not be read or is empty.
    #[error("cannot read the Discord token from discord.token_file {path}: {reason}")]
    TokenFile { path: String, reason: String },
    /// A request to Discord (or the gateway) failed.
    #[error("Discord request failed: {0}")]
    Discord(Box<serenity::Error>),
    /// The `/health` and `/metrics` listener could not start.
    #[error("cannot serve metrics on metrics.listen = \"{addr}\": {reason}")]
    Metrics { addr: String, reason: String },
    /// The client stopped unexpectedly.
    #[error("the Discord client stopped: {0}")]
    Stopped(String),
}

impl From<serenity::Error> for BotError {
    fn from(e: serenity::Error) -> BotError {
        BotError::Discord(Box::new(e))
    }
}
