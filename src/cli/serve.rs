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
    let exit = runtime.block_on(crate::discord::serve(config, config_path, knowledge))?;
    // Tasks that ignore cancellation must not hold the exit up.
    runtime.shutdown_timeout(std::time::Duration::from_millis(500));
    Ok(ExitCode::from(exit.code()))
}
