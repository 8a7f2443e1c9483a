//! `peelbot gaps [FILE…]`: what curators should add to the knowledge base,
//! from one curation log or several (one per process), rotated files included.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::ops::gaps::{self, Gaps};

pub fn run(files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let gaps = Gaps::read_all(files).with_context(|| {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        format!("cannot read {}", names.join(", "))
    })?;
    let names: Vec<String> = files
        .iter()
        .map(|f| gaps::shown(&f.display().to_string()))
        .collect();
    let label = if files.len() == 1 {
        "Feedback log"
    } else {
        "Feedback logs"
    };
    println!("{label} {}: {}", names.join(", "), gaps.render(20));
    Ok(ExitCode::SUCCESS)
}
