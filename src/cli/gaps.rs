//! `peelbot gaps [FILE]`: what curators should add to the knowledge base.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::ops::gaps::Gaps;

pub fn run(file: &Path) -> anyhow::Result<ExitCode> {
    let gaps = Gaps::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    println!("Feedback log {}: {}", file.display(), gaps.render(20));
    Ok(ExitCode::SUCCESS)
}
