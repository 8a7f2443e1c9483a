//! Settings from `config.toml`: every key optional, unknown keys rejected.
//!
//! Layers: built-in defaults, then the TOML file, then the environment for
//! secrets (`DISCORD_TOKEN`). Bad config fails at start-up with every
//! problem at once, each naming its key and what was expected (the keys
//! and their expectations are one table, [`keys::KEYS`]).

pub mod keys;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use keys::{Applies, Key, KEYS};

/// The whole configuration file.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
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

/// `[knowledge]`: where the knowledge base comes from, and what a reload may lose.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct KnowledgeConfig {
    /// A knowledge directory to load instead of the embedded base.
    pub dir: Option<PathBuf>,
    /// A reload that drops more than this share (0..1) of the grades,
    /// findings or quotes is refused unless removals are allowed.
    pub max_drop_share: f64,
    /// Let reloads remove inspections and drop data over `max_drop_share`.
    pub allow_removals: bool,
}

impl Default for KnowledgeConfig {
    fn default() -> Self {
        KnowledgeConfig {
            dir: None,
            max_drop_share: 0.1,
            allow_removals: false,
        }
    }
}

/// `[engine]`: how questions are read and answered.
#[derive(Debug, Clone, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Deserialize, Serialize)]
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
    /// Questions one user may ask at once: the burst of their token bucket.
    pub user_rate_limit: u32,
    /// Seconds for one more question to come back to a user's bucket.
    pub user_refill_secs: u64,
    /// Questions and button clicks one channel may receive per `rate_window_secs`.
    pub channel_rate_limit: u32,
    pub rate_window_secs: u64,
    /// How long follow-up buttons keep working.
    pub button_timeout_secs: u64,
    /// How long one REST call to Discord (or the proxy) may take.
    pub rest_timeout_secs: u64,
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
            user_rate_limit: 8,
            user_refill_secs: 10,
            channel_rate_limit: 20,
            rate_window_secs: 60,
            button_timeout_secs: 900,
            rest_timeout_secs: 10,
        }
    }
}

/// `[log]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
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
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsConfig {
    /// Address to serve `/health` and `/metrics` on; off when absent.
    pub listen: Option<String>,
}

/// `[shards]`: which gateway shards this process runs; autosharding when absent.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ShardsConfig {
    pub total: Option<u32>,
    pub first: Option<u32>,
    pub last: Option<u32>,
}

/// `[feedback]`: the curation log of unanswered questions and votes.
#[derive(Debug, Clone, Deserialize, Serialize)]
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

/// One thing wrong with a config file: the key and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// `section.field` (or a section, for an unknown one).
    pub key: String,
    pub message: String,
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "key `{}`: {}", self.key, self.message)
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
    /// Not TOML at all: nothing further can be checked.
    #[error("bad config {path}: {message}")]
    Parse { path: PathBuf, message: String },
    /// Valid TOML with wrong keys or values: every one of them.
    #[error("bad config {path}: {}", list(.problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<ConfigProblem>,
    },
}

/// One problem on the same line; several, one per line.
fn list(problems: &[ConfigProblem]) -> String {
    match problems {
        [one] => one.to_string(),
        many => {
            let mut out = format!("{} problems:", many.len());
            for p in many {
                out.push_str(&format!("\n  {p}"));
            }
            out
        }
    }
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

    /// Parses config text; `path` only names it in errors. Every unknown
    /// key, wrongly typed value and unacceptable value is reported at once.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let parse_error = |message: String| ConfigError::Parse {
            path: path.to_path_buf(),
            message: message.trim().replace('\n', " | "),
        };
        let table: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| parse_error(e.to_string()))?;
        // Entries with unknown names or wrong types are reported and set
        // aside, so the rest can still be read and checked.
        let mut usable = table.clone();
        let mut problems = shape_problems(&mut usable);
        let config: Config = toml::Value::Table(usable)
            .try_into()
            .map_err(|e: toml::de::Error| parse_error(e.to_string()))?;
        problems.extend(config.value_problems(&table));
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(ConfigError::Invalid {
                path: path.to_path_buf(),
                problems,
            })
        }
    }

    /// Values of the right type that are still unacceptable, and keys that
    /// only make sense together.
    fn value_problems(&self, table: &toml::Table) -> Vec<ConfigProblem> {
        let mut problems: Vec<ConfigProblem> = KEYS
            .iter()
            .filter(|k| !(k.valid)(self))
            .map(|k| ConfigProblem {
                key: k.name.to_string(),
                message: format!("expected {}, got {}", k.expect, shown(raw(table, k))),
            })
            .collect();
        let s = &self.shards;
        match (s.total, s.first, s.last) {
            (None, None, None) | (Some(0), _, _) => {}
            (Some(total), first, last) => {
                let first = first.unwrap_or(0);
                let last = last.unwrap_or(total.saturating_sub(1));
                if first > last || last >= total {
                    problems.push(ConfigProblem {
                        key: "shards".into(),
                        message: format!("expected 0 <= first <= last < total, got first {first}, last {last}, total {total}"),
                    });
                }
            }
            _ => problems.push(ConfigProblem {
                key: "shards.total".into(),
                message: "expected a number of shards: it is required when shards.first or shards.last is set".into(),
            }),
        }
        problems
    }
}

/// Unknown sections and keys, and values of the wrong type, each removed
/// from `table` once reported.
fn shape_problems(table: &mut toml::Table) -> Vec<ConfigProblem> {
    let mut sections: Vec<&str> = KEYS.iter().map(Key::section).collect();
    sections.dedup();
    let mut problems = Vec::new();
    table.retain(|section, value| {
        if !sections.contains(&section) {
            problems.push(ConfigProblem {
                key: section.to_string(),
                message: format!("unknown section (expected one of: {})", sections.join(", ")),
            });
            return false;
        }
        let Some(fields) = value.as_table_mut() else {
            problems.push(ConfigProblem {
                key: section.to_string(),
                message: format!("expected a [{section}] section, got {}", shown(Some(value))),
            });
            return false;
        };
        fields.retain(|field, value| {
            let name = format!("{section}.{field}");
            match keys::key(&name) {
                Some(k) if (k.parses)(value) => true,
                Some(k) => {
                    problems.push(ConfigProblem {
                        key: name,
                        message: format!("expected {}, got {}", k.expect, shown(Some(value))),
                    });
                    false
                }
                None => {
                    let known: Vec<&str> = KEYS
                        .iter()
                        .filter(|k| k.section() == section)
                        .map(Key::field)
                        .collect();
                    problems.push(ConfigProblem {
                        key: name,
                        message: format!("unknown key (expected one of: {})", known.join(", ")),
                    });
                    false
                }
            }
        });
        true
    });
    problems
}

/// The value the file gave for `key`, if it gave one.
fn raw<'a>(table: &'a toml::Table, key: &Key) -> Option<&'a toml::Value> {
    table.get(key.section())?.as_table()?.get(key.field())
}

/// A value as a message shows it: TOML syntax, cut short.
fn shown(value: Option<&toml::Value>) -> String {
    let Some(value) = value else {
        return "the default".into();
    };
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
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
    fn config_three_bad_keys_are_named_in_one_error() {
        let text = "[engine]\nconfidence_threshold = 2.0\nmax_question_chars = \"many\"\n[discord]\nprefx = \"!p\"\n";
        let err = Config::parse(text, Path::new("c.toml")).unwrap_err();
        let ConfigError::Invalid { problems, .. } = &err else {
            panic!("{err}");
        };
        let mut keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "discord.prefx",
                "engine.confidence_threshold",
                "engine.max_question_chars"
            ],
            "{err}"
        );
        let text = "[engine]\nconfidence_threshold = 2.0\nmax_question_chars = 0\n[feedback]\nmax_bytes = 10\n";
        let err = Config::parse(text, Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        for expected in [
            "3 problems:",
            "key `engine.confidence_threshold`: expected a number from 0 to 1, got 2.0",
            "key `engine.max_question_chars`: expected a whole number from 1 to 4000, got 0",
            "key `feedback.max_bytes`: expected a whole number of bytes, at least 1024, got 10",
        ] {
            assert!(err.contains(expected), "{expected:?} in {err}");
        }
    }

    #[test]
    fn config_unknown_key_and_bad_type_and_section_all_reported() {
        let text =
            "[engine]\nconfidence = 1\n[discord]\nallow_dms = \"yes\"\n[logs]\nlevel = \"info\"\n";
        let err = Config::parse(text, Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("3 problems:"), "{err}");
        assert!(err.contains("key `engine.confidence`: unknown key (expected one of: confidence_threshold, max_question_chars)"), "{err}");
        assert!(
            err.contains("key `discord.allow_dms`: expected true or false, got \"yes\""),
            "{err}"
        );
        assert!(err.contains("key `logs`: unknown section"), "{err}");
    }

    #[test]
    fn secret_redacted() {
        let s = Secret::new("abc.def.ghi");
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
    }
}
