//! What a reload does with a re-read config: keep the restart-only keys as
//! they are in force, and name what changed. Which keys are which is the
//! config's own table ([`crate::config::KEYS`]).

use crate::config::{Applies, Config, KEYS};

/// The config to run with after a reload read `new`: its reloadable keys,
/// with the restart-only keys kept as they are in force (`old`).
pub fn merge(old: &Config, new: &Config) -> Config {
    let mut next = new.clone();
    next.discord.token_file = old.discord.token_file.clone();
    next.discord.api_base = old.discord.api_base.clone();
    next.discord.message_content_intent = old.discord.message_content_intent;
    next.discord.allow_dms = old.discord.allow_dms;
    next.discord.dev_guild_id = old.discord.dev_guild_id;
    next.discord.rest_timeout_secs = old.discord.rest_timeout_secs;
    next.log = old.log.clone();
    next.metrics = old.metrics.clone();
    next.shards = old.shards.clone();
    next
}

/// The keys that differ between `a` and `b` and apply as `applies`.
pub fn changed(a: &Config, b: &Config, applies: Applies) -> Vec<&'static str> {
    KEYS.iter()
        .filter(|k| k.applies == applies && (k.differs)(a, b))
        .map(|k| k.name)
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
        c.knowledge.max_drop_share = 0.5;
        c.knowledge.allow_removals = true;
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
        c.discord.user_refill_secs = 77;
        c.discord.rate_window_secs = 8;
        c.discord.button_timeout_secs = 9;
        c.discord.rest_timeout_secs = 99;
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
    fn reloading_test_config_changes_every_key() {
        let (old, new) = (Config::default(), everything_changed());
        for k in KEYS {
            assert!(
                (k.differs)(&old, &new),
                "{}: the test config must change it",
                k.name
            );
        }
    }

    #[test]
    fn reloading_merge_applies_exactly_the_reloadable_keys() {
        let (old, new) = (Config::default(), everything_changed());
        let next = merge(&old, &new);
        for k in KEYS {
            match k.applies {
                Applies::OnReload => assert!(!(k.differs)(&next, &new), "{} should reload", k.name),
                Applies::OnRestart => {
                    assert!(!(k.differs)(&next, &old), "{} needs a restart", k.name)
                }
            }
        }
    }
}
