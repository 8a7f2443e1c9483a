//! Every config key, once: its name, what it expects, whether a reload
//! applies it, and how to tell it is well typed, acceptable and changed.
//!
//! One table drives checking a file (unknown keys, wrong types and bad
//! values are all reported together, each naming its key and what was
//! expected), what `/reload` applies, and the test that `config.toml`
//! documents every key.

use super::Config;

/// Whether a key takes effect on reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    /// On `/reload` or SIGHUP.
    OnReload,
    /// Only when the process restarts (connections, registration, listeners).
    OnRestart,
}

/// One config key.
#[derive(Clone, Copy)]
pub struct Key {
    /// `section.field`, as written in `config.toml`.
    pub name: &'static str,
    /// What a good value looks like, for error messages ("a number from 0 to 1").
    pub expect: &'static str,
    pub applies: Applies,
    /// Whether a TOML value has this key's type.
    pub parses: fn(&toml::Value) -> bool,
    /// Whether the value in a parsed config is acceptable (beyond its type).
    pub valid: fn(&Config) -> bool,
    /// Whether two configs differ in this key.
    pub differs: fn(&Config, &Config) -> bool,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("name", &self.name)
            .field("applies", &self.applies)
            .finish_non_exhaustive()
    }
}

impl Key {
    /// The section (`engine` of `engine.confidence_threshold`).
    pub fn section(&self) -> &'static str {
        self.name.split_once('.').map_or(self.name, |(s, _)| s)
    }

    /// The field within the section.
    pub fn field(&self) -> &'static str {
        self.name.split_once('.').map_or(self.name, |(_, f)| f)
    }
}

/// A key of `$ty` at `$section.$field`, acceptable when `$valid` holds of
/// the parsed config `$c`.
macro_rules! key {
    ($section:ident . $field:ident : $ty:ty, $applies:ident, $expect:literal, |$c:ident| $valid:expr) => {
        Key {
            name: concat!(stringify!($section), ".", stringify!($field)),
            expect: $expect,
            applies: Applies::$applies,
            parses: |v| v.clone().try_into::<$ty>().is_ok(),
            valid: |$c: &Config| $valid,
            differs: |a, b| a.$section.$field != b.$section.$field,
        }
    };
    ($section:ident . $field:ident : $ty:ty, $applies:ident, $expect:literal) => {
        key!($section.$field: $ty, $applies, $expect, |_c| true)
    };
}

/// Every key the config accepts, section by section as `config.toml` lists them.
pub const KEYS: &[Key] = &[
    key!(knowledge.dir: std::path::PathBuf, OnReload, "a directory path"),
    key!(knowledge.max_drop_share: f64, OnReload, "a share from 0 to 1",
        |c| (0.0..=1.0).contains(&c.knowledge.max_drop_share)),
    key!(knowledge.allow_removals: bool, OnReload, "true or false"),
    key!(engine.confidence_threshold: f64, OnReload, "a number from 0 to 1",
        |c| (0.0..=1.0).contains(&c.engine.confidence_threshold)),
    key!(engine.max_question_chars: usize, OnReload, "a whole number from 1 to 4000",
        |c| (1..=4000).contains(&c.engine.max_question_chars)),
    key!(discord.token_file: std::path::PathBuf, OnRestart, "a file path"),
    key!(discord.api_base: String, OnRestart, "an http:// or https:// URL",
        |c| c.discord.api_base.starts_with("http://") || c.discord.api_base.starts_with("https://")),
    key!(discord.prefix: String, OnReload, "a non-empty prefix such as \"!peel\"",
        |c| !c.discord.prefix.trim().is_empty()),
    key!(discord.message_content_intent: bool, OnRestart, "true or false"),
    key!(discord.allow_dms: bool, OnRestart, "true or false"),
    key!(discord.allowed_guilds: Vec<u64>, OnReload, "a list of server ids"),
    key!(discord.allowed_channels: Vec<u64>, OnReload, "a list of channel ids"),
    key!(discord.dev_guild_id: u64, OnRestart, "a server id"),
    key!(discord.owners: Vec<u64>, OnReload, "a list of user ids"),
    key!(discord.admins: Vec<u64>, OnReload, "a list of user ids"),
    key!(discord.user_rate_limit: u32, OnReload, "a whole number of at least 1",
        |c| c.discord.user_rate_limit >= 1),
    key!(discord.user_refill_secs: u64, OnReload, "a whole number of seconds, at least 1",
        |c| c.discord.user_refill_secs >= 1),
    key!(discord.channel_rate_limit: u32, OnReload, "a whole number of at least 1",
        |c| c.discord.channel_rate_limit >= 1),
    key!(discord.rate_window_secs: u64, OnReload, "a whole number of seconds, at least 1",
        |c| c.discord.rate_window_secs >= 1),
    key!(discord.button_timeout_secs: u64, OnReload, "a whole number of seconds"),
    key!(discord.rest_timeout_secs: u64, OnRestart, "a whole number of seconds, from 1 to 300",
        |c| (1..=300).contains(&c.discord.rest_timeout_secs)),
    key!(log.level: String, OnRestart, "a log filter such as \"info\" or \"peelbot=debug,serenity=warn\""),
    key!(metrics.listen: String, OnRestart, "an address like 127.0.0.1:9090",
        |c| c.metrics.listen.as_deref().is_none_or(|l| l.parse::<std::net::SocketAddr>().is_ok())),
    key!(shards.total: u32, OnRestart, "a whole number of at least 1",
        |c| c.shards.total != Some(0)),
    key!(shards.first: u32, OnRestart, "a shard number below shards.total"),
    key!(shards.last: u32, OnRestart, "a shard number below shards.total"),
    key!(feedback.enabled: bool, OnReload, "true or false"),
    key!(feedback.path: std::path::PathBuf, OnReload, "a file path"),
    key!(feedback.max_bytes: u64, OnReload, "a whole number of bytes, at least 1024",
        |c| c.feedback.max_bytes >= 1024),
];

/// The key named `name`, if there is one.
pub fn key(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_defaults_are_valid() {
        let mut names: Vec<&str> = KEYS.iter().map(|k| k.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KEYS.len(), "a key listed twice");
        let defaults = Config::default();
        for k in KEYS {
            assert!(
                (k.valid)(&defaults),
                "{}: the default must be valid",
                k.name
            );
            assert!(!(k.differs)(&defaults, &defaults), "{}", k.name);
        }
    }

    #[test]
    fn keys_cover_every_field_of_the_default_config() {
        // Serialising the defaults names every field that has a value.
        let text = toml::to_string(&Config::default()).expect("defaults serialise");
        let table: toml::Table = text.parse().expect("and parse back");
        for (section, fields) in &table {
            for field in fields.as_table().into_iter().flat_map(|t| t.keys()) {
                let name = format!("{section}.{field}");
                assert!(key(&name).is_some(), "{name} is not in KEYS");
            }
        }
    }
}
