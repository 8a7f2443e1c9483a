//! `peelbot serve`: runs the Discord bot.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::config::Config;
use crate::ops::KnowledgeSource;

pub fn run(
    config: Config,
    config_path: Option<PathBuf>,
    knowledge: KnowledgeSource,
) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(crate::discord::serve(config, config_path, knowledge))?;
    Ok(ExitCode::SUCCESS)
}
