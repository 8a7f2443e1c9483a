//! Gateway closes that no retry can fix, and the exit codes `peelbot serve`
//! ends with, so a supervisor can tell "restart me" from "fix the config".
//!
//! serenity 0.12.5 gives up by itself only on 4004, 4013 and 4014; on 4010
//! and 4011 it logs and retries forever, and 4012 it does not know at all
//! (an "unknown unclean close", retried forever). Its log lines are the
//! only place the codes surface, so [`FatalWatch`] is a tracing layer that
//! reads serenity's gateway events (whatever the log filter says) and
//! reports the first fatal close.

use std::fmt;

use tokio::sync::watch;
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer};

/// How `peelbot serve` ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// A clean stop (SIGINT, SIGTERM).
    Clean,
    /// The graceful stop overran its bound and the watchdog ended the process.
    Watchdog,
    /// Anything else went wrong (bad config, no token, an unexpected stop):
    /// `peelbot: …` on stderr.
    Error,
    /// Discord refused the bot for good (a [`FatalClose`]): restarting
    /// cannot help, so supervisors should not (systemd:
    /// `RestartPreventExitStatus=78`). 78 is `EX_CONFIG` from sysexits.h.
    Fatal,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Clean => 0,
            Exit::Watchdog => 1,
            Exit::Error => 2,
            Exit::Fatal => 78,
        }
    }
}

/// A gateway close code after which reconnecting is pointless.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FatalClose(pub u16);

impl FatalClose {
    /// Every fatal code, with what it means and what to do.
    pub const ALL: &'static [(u16, &'static str, &'static str)] = &[
        (4004, "authentication failed", "the token is wrong or was reset: set a new DISCORD_TOKEN or discord.token_file"),
        (4010, "invalid shard", "check shards.total, shards.first and shards.last"),
        (4011, "sharding required", "this bot is in too many guilds for its shards: raise shards.total, or remove [shards] to autoshard"),
        (4012, "invalid API version", "this build speaks a gateway version Discord no longer accepts: upgrade peelbot"),
        (4013, "invalid intents", "the intents sent are not valid: upgrade peelbot"),
        (4014, "disallowed intents", "enable the Message Content intent in the Developer Portal, or set discord.message_content_intent = false"),
    ];

    fn entry(self) -> (&'static str, &'static str) {
        FatalClose::ALL
            .iter()
            .find(|(code, _, _)| *code == self.0)
            .map_or(
                ("fatal close", "see Discord's documentation"),
                |(_, what, fix)| (*what, *fix),
            )
    }

    /// The fatal close a serenity gateway log line reports, if any.
    pub fn from_log(target: &str, message: &str) -> Option<FatalClose> {
        if !target.starts_with("serenity::gateway") {
            return None;
        }
        let by_text = [
            ("Sent invalid authentication", 4004),
            ("Sent invalid shard data", 4010),
            ("Shard has too many guilds", 4011),
            ("Invalid gateway intents", 4013),
            ("Disallowed gateway intents", 4014),
            ("Unknown unclean close 4012", 4012),
        ];
        by_text
            .iter()
            .find(|(text, _)| message.contains(text))
            .map(|(_, code)| FatalClose(*code))
    }

    /// The fatal close behind a serenity gateway error, if it is one.
    pub fn from_error(error: &serenity::Error) -> Option<FatalClose> {
        use serenity::gateway::GatewayError as G;
        match error {
            serenity::Error::Gateway(G::InvalidAuthentication) => Some(FatalClose(4004)),
            serenity::Error::Gateway(G::InvalidShardData) => Some(FatalClose(4010)),
            serenity::Error::Gateway(G::OverloadedShard) => Some(FatalClose(4011)),
            serenity::Error::Gateway(G::InvalidGatewayIntents) => Some(FatalClose(4013)),
            serenity::Error::Gateway(G::DisallowedGatewayIntents) => Some(FatalClose(4014)),
            _ => None,
        }
    }
}

impl fmt::Display for FatalClose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, fix) = self.entry();
        write!(
            f,
            "Discord closed the gateway with {} ({what}), which no reconnect can fix: {fix}. Exiting with code {} so a supervisor does not restart in a loop.",
            self.0,
            Exit::Fatal.code()
        )
    }
}

/// A tracing layer that reports the first fatal close serenity logs. Give
/// it its own filter ([`FatalWatch::targets`]), so it sees serenity's
/// warnings whatever the operator's filter says.
pub struct FatalWatch {
    tx: watch::Sender<Option<FatalClose>>,
}

impl FatalWatch {
    /// What the layer needs to see: serenity's gateway warnings and errors.
    pub fn targets() -> tracing_subscriber::filter::Targets {
        tracing_subscriber::filter::Targets::new().with_target(
            "serenity::gateway",
            tracing::level_filters::LevelFilter::WARN,
        )
    }

    /// The layer and the receiver `serve` waits on.
    pub fn new() -> (FatalWatch, watch::Receiver<Option<FatalClose>>) {
        let (tx, rx) = watch::channel(None);
        (FatalWatch { tx }, rx)
    }
}

/// Collects an event's `message` field.
struct MessageOf(String);

impl Visit for MessageOf {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.0 = value.to_string();
        }
    }
}

impl<S: Subscriber> Layer<S> for FatalWatch {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let target = event.metadata().target();
        if !target.starts_with("serenity::gateway") {
            return;
        }
        let mut message = MessageOf(String::new());
        event.record(&mut message);
        if let Some(fatal) = FatalClose::from_log(target, &message.0) {
            self.tx.send_if_modified(|slot| {
                let first = slot.is_none();
                if first {
                    *slot = Some(fatal);
                }
                first
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fatal_closes_are_read_from_serenity_logs() {
        let shard = "serenity::gateway::shard";
        assert_eq!(
            FatalClose::from_log(shard, "[ShardInfo { id: 0 }] Shard has too many guilds."),
            Some(FatalClose(4011))
        );
        assert_eq!(
            FatalClose::from_log(shard, "[ShardInfo] Unknown unclean close 4012: Some(\"\")"),
            Some(FatalClose(4012))
        );
        assert_eq!(
            FatalClose::from_log(shard, "Unknown unclean close 4000: x"),
            None
        );
        assert_eq!(
            FatalClose::from_log("peelbot", "Shard has too many guilds"),
            None
        );
    }

    #[test]
    fn fatal_messages_say_what_to_do() {
        let text = FatalClose(4011).to_string();
        assert!(
            text.contains("raise shards.total, or remove [shards] to autoshard"),
            "{text}"
        );
        assert!(text.contains("code 78"), "{text}");
        assert_eq!(Exit::Fatal.code(), 78);
    }
}
