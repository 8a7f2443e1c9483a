//! QA question sets in the style of the public dev set, written to predict held-out questions.
//! `tests/fixtures/eval/heldout_like.toml` must pass in full (it includes earlier engine failures,
//! kept as regressions).

use std::path::PathBuf;

use peelbot::config::EngineConfig;
use peelbot::engine::eval::{EvalSet, Report};
use peelbot::engine::Engine;
use peelbot::knowledge::load_embedded;

fn run(file: &str) -> (Report, Vec<String>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/eval")
        .join(file);
    let set = EvalSet::load(&path).unwrap();
    let engine = Engine::new(load_embedded().unwrap(), &EngineConfig::default());
    let report = set.run(&engine);
    let failures = report
        .failures
        .iter()
        .map(|f| {
            format!(
                "[{}] {:?}: {}",
                f.category,
                f.question,
                f.reasons.join("; ")
            )
        })
        .collect();
    (report, failures)
}

#[test]
fn heldout_like_set_passes() {
    let (report, failures) = run("heldout_like.toml");
    assert!(report.total >= 200, "held-out-like set unexpectedly small");
    for f in &failures {
        eprintln!("FAIL {f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        report.total,
        failures.join("\n")
    );
}
