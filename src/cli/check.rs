//! `peelbot check` and `peelbot stats`: validation and coverage for curators.

use std::io::Write as _;
use std::process::ExitCode;

use crate::config::Config;
use crate::knowledge::{Coverage, KnowledgeBase, Summary};
use crate::ops::KnowledgeSource;

/// Validates the base `source` names (a directory or the embedded base),
/// printing every problem or a summary.
pub fn check(source: &KnowledgeSource, config: &Config) -> anyhow::Result<ExitCode> {
    match source.load(config) {
        Err(e) => {
            eprintln!("{e}");
            Ok(ExitCode::FAILURE)
        }
        Ok(kb) => {
            let mut out = std::io::stdout().lock();
            write!(out, "{}\n{}", summary(&kb), Coverage::of(&kb).render())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints the coverage table.
pub fn stats(kb: &KnowledgeBase) -> anyhow::Result<ExitCode> {
    write!(std::io::stdout().lock(), "{}", Coverage::of(kb).render())?;
    Ok(ExitCode::SUCCESS)
}

/// The summary block of `check`.
fn summary(kb: &KnowledgeBase) -> String {
    let s = Summary::of(kb);
    let mut out = format!(
        "Knowledge base OK ({}, version {})\n  forces: {}\n  inspections: {}\n  grades: {} ({} of {} awarded grades known, where a source states how many were awarded)\n  findings: {}\n  quotes: {}\n  glossary terms: {}\n",
        kb.origin,
        kb.version,
        s.forces,
        s.inspections,
        s.grades,
        s.grades_known_of_stated,
        s.grades_awarded_stated,
        s.findings,
        s.quotes,
        s.glossary_terms
    );
    out.push_str("  per cycle (inspections / with grades / fully graded):\n");
    for (name, n, graded, full) in &s.cycles {
        out.push_str(&format!("    {name}: {n} / {graded} / {full}\n"));
    }
    out
}
