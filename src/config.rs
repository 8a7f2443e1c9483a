//! Settings from `config.toml`: every key optional, unknown keys rejected.
//!
//! Layers: built-in defaults, then the TOML file, then the environment for
//! secrets (`DISCORD_TOKEN`). Bad config fails at start-up naming the key.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The whole configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub knowledge: KnowledgeConfig,
    pub engine: EngineConfig,
    pub discord: DiscordConfig,
    pub log: LogConfig,
    pub metrics: MetricsConfig,
    pub shards: ShardsConfig,
    pub feedback: FeedbackConfig,
}

/// `[knowledge]`: where the knowledge base comes from.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KnowledgeConfig {
    /// A knowledge directory to load instead of the embedded base.
    pub dir: Option<PathBuf>,
}

/// `[engine]`: how questions are read and answered.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EngineConfig {
    /// Below this confidence (0..1) the engine clarifies or declines instead of guessing.
    pub confidence_threshold: f64,
    /// Longest question accepted, in characters.
    pub max_question_chars: usize,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            confidence_threshold: 0.5,
            max_question_chars: 500,
        }
    }
}

/// `[discord]`: the bot's connection and behaviour in servers.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DiscordConfig {
    /// File holding the bot token, used when `DISCORD_TOKEN` is not set.
    pub token_file: Option<PathBuf>,
    /// Base URL for REST calls; point at an HTTP rate-limit proxy when running many processes.
    pub api_base: String,
    /// Prefix for text commands (needs the privileged message-content intent).
    pub prefix: String,
    /// Request the privileged message-content intent (for prefix commands).
    pub message_content_intent: bool,
    /// Answer direct messages.
    pub allow_dms: bool,
    /// If non-empty, only these guilds are served.
    pub allowed_guilds: Vec<u64>,
    /// If non-empty, only these channels (or threads in them) are served.
    pub allowed_channels: Vec<u64>,
    /// Register slash commands in this guild only (instant; for development).
    pub dev_guild_id: Option<u64>,
    /// Users allowed to run admin commands such as `/reload`.
    pub owners: Vec<u64>,
    pub admins: Vec<u64>,
    /// Questions one user may ask per `rate_window_secs`.
    pub user_rate_limit: u32,
    /// Questions one channel may receive per `rate_window_secs`.
    pub channel_rate_limit: u32,
    pub rate_window_secs: u64,
    /// How long follow-up buttons keep working.
    pub button_timeout_secs: u64,
}

impl Default for DiscordConfig {
    fn default() -> Self {
        DiscordConfig {
            token_file: None,
            api_base: "https://discord.com".into(),
            prefix: "!peel".into(),
            message_content_intent: false,
            allow_dms: false,
            allowed_guilds: Vec::new(),
            allowed_channels: Vec::new(),
            dev_guild_id: None,
            owners: Vec::new(),
            admins: Vec::new(),
            user_rate_limit: 5,
            channel_rate_limit: 20,
            rate_window_secs: 60,
            button_timeout_secs: 900,
        }
    }
}

/// `[log]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// A tracing filter: "info", "peelbot=debug,serenity=warn", ...
    pub level: String,
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            level: "info".into(),
        }
    }
}

/// `[metrics]`: the optional health and Prometheus listener.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsConfig {
    /// Address to serve `/health` and `/metrics` on; off when absent.
    pub listen: Option<String>,
}

/// `[shards]`: which gateway shards this process runs; autosharding when absent.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ShardsConfig {
    pub total: Option<u32>,
    pub first: Option<u32>,
    pub last: Option<u32>,
}

/// `[feedback]`: the curation log of unanswered questions and votes.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeedbackConfig {
    pub enabled: bool,
    pub path: PathBuf,
    /// Rotate the file when it grows past this many bytes.
    pub max_bytes: u64,
}

impl Default for FeedbackConfig {
    fn default() -> Self {
        FeedbackConfig {
            enabled: true,
            path: PathBuf::from("peelbot-feedback.jsonl"),
            max_bytes: 10 * 1024 * 1024,
        }
    }
}

/// Why a configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("bad config {path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("bad config {path}: key `{key}`: {message}")]
    Value {
        path: PathBuf,
        key: &'static str,
        message: String,
    },
}

impl Config {
    /// Reads a config file. A missing file is an error only when `required`
    /// (a path the user named); the default `config.toml` may be absent.
    pub fn load(path: &Path, required: bool) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default())
            }
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        Config::parse(&text, path)
    }

    /// Parses config text; `path` only names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string().trim().replace('\n', " | "),
        })?;
        config.validate(path)?;
        Ok(config)
    }

    fn validate(&self, path: &Path) -> Result<(), ConfigError> {
        let bad = |key, message: String| ConfigError::Value {
            path: path.to_path_buf(),
            key,
            message,
        };
        let e = &self.engine;
        if !(0.0..=1.0).contains(&e.confidence_threshold) {
            return Err(bad(
                "engine.confidence_threshold",
                "must be between 0 and 1".into(),
            ));
        }
        if e.max_question_chars == 0 || e.max_question_chars > 4000 {
            return Err(bad(
                "engine.max_question_chars",
                "must be between 1 and 4000".into(),
            ));
        }
        let d = &self.discord;
        if !(d.api_base.starts_with("http://") || d.api_base.starts_with("https://")) {
            return Err(bad(
                "discord.api_base",
                format!("\"{}\" is not an http(s) URL", d.api_base),
            ));
        }
        if d.prefix.trim().is_empty() {
            return Err(bad("discord.prefix", "must not be empty".into()));
        }
        if d.rate_window_secs == 0 {
            return Err(bad("discord.rate_window_secs", "must be at least 1".into()));
        }
        if d.user_rate_limit == 0 {
            return Err(bad("discord.user_rate_limit", "must be at least 1".into()));
        }
        if d.channel_rate_limit == 0 {
            return Err(bad(
                "discord.channel_rate_limit",
                "must be at least 1".into(),
            ));
        }
        if let Some(listen) = &self.metrics.listen {
            if listen.parse::<std::net::SocketAddr>().is_err() {
                return Err(bad(
                    "metrics.listen",
                    format!("\"{listen}\" is not an address like 127.0.0.1:9090"),
                ));
            }
        }
        let s = &self.shards;
        match (s.total, s.first, s.last) {
            (None, None, None) => {}
            (Some(total), first, last) => {
                let first = first.unwrap_or(0);
                let last = last.unwrap_or(total.saturating_sub(1));
                if total == 0 || first > last || last >= total {
                    return Err(bad("shards", format!("need 0 <= first <= last < total (got first {first}, last {last}, total {total})")));
                }
            }
            _ => {
                return Err(bad(
                    "shards.total",
                    "is required when shards.first or shards.last is set".into(),
                ))
            }
        }
        if self.feedback.max_bytes < 1024 {
            return Err(bad("feedback.max_bytes", "must be at least 1024".into()));
        }
        Ok(())
    }
}

/// A secret that never prints: `Debug` and `Display` show `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_empty_is_default() {
        let c = Config::parse("", Path::new("c.toml")).unwrap();
        assert_eq!(c.engine.max_question_chars, 500);
        assert_eq!(c.discord.prefix, "!peel");
        assert!(c.knowledge.dir.is_none());
    }

    #[test]
    fn config_unknown_key_named() {
        let err = Config::parse("[engine]\nconfidence = 1\n", Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("confidence"), "{err}");
    }

    #[test]
    fn config_bad_value_named() {
        let err = Config::parse(
            "[engine]\nconfidence_threshold = 2.0\n",
            Path::new("c.toml"),
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("engine.confidence_threshold"),
            "{err}"
        );
        let err =
            Config::parse("[shards]\ntotal = 2\nfirst = 2\n", Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("shards"), "{err}");
    }

    #[test]
    fn secret_redacted() {
        let s = Secret::new("abc.def.ghi");
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
    }
}
