//! The Discord front end (under construction).

use std::path::PathBuf;

use crate::config::Config;

/// Runs the bot until SIGINT/SIGTERM.
pub async fn serve(
    config: Config,
    config_path: Option<PathBuf>,
    knowledge: Option<PathBuf>,
) -> anyhow::Result<()> {
    let _ = (config, config_path, knowledge);
    anyhow::bail!("the Discord bot is not available yet")
}
