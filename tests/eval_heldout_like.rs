//! QA question sets in the style of the public dev set, written to predict held-out questions.
//! `tests/fixtures/eval/heldout_like.toml` must pass in full (it includes earlier engine failures,
//! kept as regressions).

use std::path::PathBuf;

use peelbot::config::EngineConfig;
use peelbot::engine::eval::EvalSet;
use peelbot::engine::Engine;
use peelbot::knowledge::load_embedded;

#[test]
fn heldout_like_set_passes() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eval/heldout_like.toml");
    let set = EvalSet::load(&path).unwrap();
    let engine = Engine::new(load_embedded().unwrap(), &EngineConfig::default());
    let report = set.run(&engine);
    assert!(report.total >= 200, "held-out-like set unexpectedly small");
    assert!(
        report.failures.is_empty(),
        "{} of {} failed:\n{}",
        report.failures.len(),
        report.total,
        report.failure_lines()
    );
}
