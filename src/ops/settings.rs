//! Which config keys a reload applies and which need a restart: one table,
//! [`KEYS`], from which the reply to the admin and the log both come.

use crate::config::Config;

/// Whether a key takes effect on reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// On `/reload` or SIGHUP.
    OnReload,
    /// Only when the process restarts (connections, registration, listeners).
    OnRestart,
}

/// Whether two configs differ in one key.
type Differs = fn(&Config, &Config) -> bool;

/// Every config key, whether a reload applies it, and how to tell it changed.
pub const KEYS: &[(&str, Applies, Differs)] = {
    use Applies::{OnReload as R, OnRestart as S};
    &[
        ("knowledge.dir", R, |a, b| {
            a.knowledge.dir != b.knowledge.dir
        }),
        ("engine.confidence_threshold", R, |a, b| {
            a.engine.confidence_threshold != b.engine.confidence_threshold
        }),
        ("engine.max_question_chars", R, |a, b| {
            a.engine.max_question_chars != b.engine.max_question_chars
        }),
        ("discord.token_file", S, |a, b| {
            a.discord.token_file != b.discord.token_file
        }),
        ("discord.api_base", S, |a, b| {
            a.discord.api_base != b.discord.api_base
        }),
        ("discord.prefix", R, |a, b| {
            a.discord.prefix != b.discord.prefix
        }),
        ("discord.message_content_intent", S, |a, b| {
            a.discord.message_content_intent != b.discord.message_content_intent
        }),
        ("discord.allow_dms", S, |a, b| {
            a.discord.allow_dms != b.discord.allow_dms
        }),
        ("discord.allowed_guilds", R, |a, b| {
            a.discord.allowed_guilds != b.discord.allowed_guilds
        }),
        ("discord.allowed_channels", R, |a, b| {
            a.discord.allowed_channels != b.discord.allowed_channels
        }),
        ("discord.dev_guild_id", S, |a, b| {
            a.discord.dev_guild_id != b.discord.dev_guild_id
        }),
        ("discord.owners", R, |a, b| {
            a.discord.owners != b.discord.owners
        }),
        ("discord.admins", R, |a, b| {
            a.discord.admins != b.discord.admins
        }),
        ("discord.user_rate_limit", R, |a, b| {
            a.discord.user_rate_limit != b.discord.user_rate_limit
        }),
        ("discord.channel_rate_limit", R, |a, b| {
            a.discord.channel_rate_limit != b.discord.channel_rate_limit
        }),
        ("discord.rate_window_secs", R, |a, b| {
            a.discord.rate_window_secs != b.discord.rate_window_secs
        }),
        ("discord.button_timeout_secs", R, |a, b| {
            a.discord.button_timeout_secs != b.discord.button_timeout_secs
        }),
        ("log.level", S, |a, b| a.log.level != b.log.level),
        ("metrics.listen", S, |a, b| {
            a.metrics.listen != b.metrics.listen
        }),
        ("shards.total", S, |a, b| a.shards.total != b.shards.total),
        ("shards.first", S, |a, b| a.shards.first != b.shards.first),
        ("shards.last", S, |a, b| a.shards.last != b.shards.last),
        ("feedback.enabled", R, |a, b| {
            a.feedback.enabled != b.feedback.enabled
        }),
        ("feedback.path", R, |a, b| {
            a.feedback.path != b.feedback.path
        }),
        ("feedback.max_bytes", R, |a, b| {
            a.feedback.max_bytes != b.feedback.max_bytes
        }),
    ]
};

/// The config to run with after a reload read `new`: its reloadable keys,
/// with the restart-only keys kept as they are in force (`old`).
pub fn merge(old: &Config, new: &Config) -> Config {
    let mut next = new.clone();
    next.discord.token_file = old.discord.token_file.clone();
    next.discord.api_base = old.discord.api_base.clone();
    next.discord.message_content_intent = old.discord.message_content_intent;
    next.discord.allow_dms = old.discord.allow_dms;
    next.discord.dev_guild_id = old.discord.dev_guild_id;
    next.log = old.log.clone();
    next.metrics = old.metrics.clone();
    next.shards = old.shards.clone();
    next
}

/// The keys that differ between `a` and `b` and apply as `applies`.
pub fn changed(a: &Config, b: &Config, applies: Applies) -> Vec<&'static str> {
    KEYS.iter()
        .filter(|(_, when, differs)| *when == applies && differs(a, b))
        .map(|(key, _, _)| *key)
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    /// A config differing from the default in every key.
    fn everything_changed() -> Config {
        let mut c = Config::default();
        c.knowledge.dir = Some(PathBuf::from("elsewhere"));
        c.engine.confidence_threshold = 0.9;
        c.engine.max_question_chars = 42;
        c.discord.token_file = Some(PathBuf::from("token"));
        c.discord.api_base = "http://proxy:8080".into();
        c.discord.prefix = "?peel".into();
        c.discord.message_content_intent = true;
        c.discord.allow_dms = true;
        c.discord.allowed_guilds = vec![1];
        c.discord.allowed_channels = vec![2];
        c.discord.dev_guild_id = Some(3);
        c.discord.owners = vec![4];
        c.discord.admins = vec![5];
        c.discord.user_rate_limit = 6;
        c.discord.channel_rate_limit = 7;
        c.discord.rate_window_secs = 8;
        c.discord.button_timeout_secs = 9;
        c.log.level = "debug".into();
        c.metrics.listen = Some("127.0.0.1:9090".into());
        c.shards.total = Some(4);
        c.shards.first = Some(1);
        c.shards.last = Some(2);
        c.feedback.enabled = false;
        c.feedback.path = PathBuf::from("other.jsonl");
        c.feedback.max_bytes = 2048;
        c
    }

    #[test]
    fn reloading_keys_are_unique_and_cover_every_setting() {
        let (old, new) = (Config::default(), everything_changed());
        let mut names: Vec<&str> = KEYS.iter().map(|k| k.0).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KEYS.len(), "a key listed twice");
        for (key, _, differs) in KEYS {
            assert!(differs(&old, &new), "{key}: the test config must change it");
            assert!(!differs(&old, &old), "{key}");
        }
    }

    #[test]
    fn reloading_merge_applies_exactly_the_reloadable_keys() {
        let (old, new) = (Config::default(), everything_changed());
        let next = merge(&old, &new);
        for (key, applies, differs) in KEYS {
            match applies {
                Applies::OnReload => assert!(!differs(&next, &new), "{key} should reload"),
                Applies::OnRestart => assert!(!differs(&next, &old), "{key} needs a restart"),
            }
        }
    }
}
