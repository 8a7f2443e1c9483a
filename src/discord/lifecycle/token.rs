//! Finding the bot token: `DISCORD_TOKEN`, else `discord.token_file`.
//!
//! The token is wrapped in [`Secret`] as soon as it is read, so no `Debug`
//! or log line can print it.

use std::path::Path;

use crate::config::{DiscordConfig, Secret};

use crate::discord::error::BotError;

/// The token from the environment or the configured file.
pub fn load(config: &DiscordConfig) -> Result<Secret, BotError> {
    from(
        std::env::var("DISCORD_TOKEN").ok(),
        config.token_file.as_deref(),
    )
}

/// The token from an environment value (if set and not blank), else from
/// `file`; testable without touching the process environment.
pub fn from(env: Option<String>, file: Option<&Path>) -> Result<Secret, BotError> {
    if let Some(value) = env.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()) {
        return Ok(Secret::new(value));
    }
    let Some(path) = file else {
        return Err(BotError::MissingToken);
    };
    let text = std::fs::read_to_string(path).map_err(|e| BotError::TokenFile {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let token = text.trim();
    if token.is_empty() {
        return Err(BotError::TokenFile {
            path: path.display().to_string(),
            reason: "the file is empty".into(),
        });
    }
    Ok(Secret::new(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_env_wins_and_is_trimmed() {
        let t = from(Some(" abc.def \n".into()), Some(Path::new("/nonexistent"))).unwrap();
        assert_eq!(t.expose(), "abc.def");
    }

    #[test]
    fn token_missing_says_how_to_set_it() {
        let e = from(Some("  ".into()), None).unwrap_err().to_string();
        assert!(
            e.contains("DISCORD_TOKEN") && e.contains("token_file"),
            "{e}"
        );
        assert!(!e.contains('\n'));
    }

    #[test]
    fn token_file_read_and_errors_named() {
        let dir = std::env::temp_dir().join(format!("peelbot-token-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("token");
        std::fs::write(&path, "secret.value\n").unwrap();
        assert_eq!(from(None, Some(&path)).unwrap().expose(), "secret.value");
        std::fs::write(&path, "\n").unwrap();
        let e = from(None, Some(&path)).unwrap_err().to_string();
        assert!(
            e.contains("discord.token_file") && e.contains("empty"),
            "{e}"
        );
        let e = from(None, Some(&dir.join("missing")))
            .unwrap_err()
            .to_string();
        assert!(!e.contains("secret.value"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
