//! The public question set (`../shared/eval/dev.toml`) must pass in full.
//! Skipped, with a message, only when `../shared` is absent.

use std::path::PathBuf;

use peelbot::config::EngineConfig;
use peelbot::engine::eval::EvalSet;
use peelbot::engine::Engine;
use peelbot::knowledge::load_embedded;

#[test]
fn dev_set_passes_in_full() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev.toml");
    if !path.exists() {
        eprintln!("SKIPPED: {} is absent", path.display());
        return;
    }
    let set = EvalSet::load(&path).unwrap();
    assert!(set.case.len() >= 30, "dev set unexpectedly small");
    let engine = Engine::new(load_embedded().unwrap(), &EngineConfig::default());
    let report = set.run(&engine);
    assert!(
        report.failures.is_empty(),
        "{} of {} failed:\n{}",
        report.failures.len(),
        report.total,
        report.failure_lines()
    );
}
