//! `peelbot eval FILE`: scores the engine against a question set.

use std::path::Path;
use std::process::ExitCode;

use crate::engine::{eval, Engine};

pub fn run(file: &Path, engine: &Engine) -> anyhow::Result<ExitCode> {
    let set = eval::EvalSet::load(file)?;
    let report = set.run(engine);
    for failure in &report.failures {
        println!("FAIL {failure}");
    }
    println!(
        "{} of {} passed ({:.1}%)",
        report.passed,
        report.total,
        report.pass_rate() * 100.0
    );
    println!("answered cases by confidence: band, answered, correct, accuracy");
    for b in report.calibration().iter().filter(|b| b.answered > 0) {
        println!(
            "  {:.1}-{:.1}  {:>4}  {:>4}  {:>5.1}%",
            b.low,
            b.low + 0.1,
            b.answered,
            b.correct,
            b.accuracy() * 100.0
        );
    }
    Ok(if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
