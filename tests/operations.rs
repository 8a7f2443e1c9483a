//! Running it for real, below the Discord layer: hot reload (validate, then
//! swap atomically; report what changed or every problem), the curation log
//! (private, bounded, never blocking) and `peelbot gaps`.

use std::path::{Path, PathBuf};
use std::process::Command;

use peelbot::config::{Config, EngineConfig, FeedbackConfig};
use peelbot::engine::{Engine, SharedEngine, Status};
use peelbot::knowledge::{load_dir, load_embedded};
use peelbot::ops::feedback::{rotated, FeedbackLog};
use peelbot::ops::{KnowledgeSource, ReloadOutcome, ReloadSource};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A scratch copy of the real knowledge directory.
fn scratch_knowledge(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("peelbot-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("forces")).unwrap();
    copy_dir(&Path::new(ROOT).join("knowledge"), &dir);
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn engine_from(dir: &Path) -> SharedEngine {
    SharedEngine::new(Engine::new(
        load_dir(dir).unwrap(),
        &EngineConfig::default(),
    ))
}

#[test]
fn reload_swaps_in_a_valid_base_and_reports_what_changed() {
    let dir = scratch_knowledge("reload-ok");
    let shared = engine_from(&dir);
    let before = shared.current();
    let kent = dir.join("forces/kent.toml");
    let text = std::fs::read_to_string(&kent).unwrap();
    let changed = text.replacen(
        "grade = \"Requires improvement\"",
        "grade = \"Inadequate\"",
        1,
    );
    assert_ne!(text, changed);
    std::fs::write(&kent, changed).unwrap();

    let source = ReloadSource {
        knowledge: KnowledgeSource::new(Some(dir.clone())),
        config_path: None,
    };
    let outcome = source.reload(&shared, &Config::default());
    let ReloadOutcome::Reloaded { diff, version, .. } = &outcome else {
        panic!("{outcome}")
    };
    assert_eq!(diff.grades_changed, 1, "{diff}");
    assert_eq!(diff.forces_changed, vec!["kent".to_string()]);
    assert_ne!(*version, before.knowledge().version);
    assert!(
        outcome.to_string().contains("grades: +0 -0 ~1 changed"),
        "{outcome}"
    );
    // A question in flight on the old engine still sees the old base; new questions see the new one.
    assert_eq!(before.knowledge().version, load_embedded().unwrap().version);
    assert_eq!(shared.current().knowledge().version, *version);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn reload_with_a_broken_file_keeps_the_old_base_and_lists_problems() {
    let dir = scratch_knowledge("reload-bad");
    let shared = engine_from(&dir);
    let version = shared.current().knowledge().version.clone();
    let kent = dir.join("forces/kent.toml");
    let text = std::fs::read_to_string(&kent).unwrap();
    std::fs::write(
        &kent,
        text.replacen("grade = \"Requires improvement\"", "grade = \"Rubbish\"", 1),
    )
    .unwrap();

    let source = ReloadSource {
        knowledge: KnowledgeSource::new(Some(dir.clone())),
        config_path: None,
    };
    let outcome = source.reload(&shared, &Config::default());
    let shown = outcome.to_string();
    assert!(matches!(outcome, ReloadOutcome::Failed(_)), "{shown}");
    assert!(
        shown.contains("previous knowledge base is still serving"),
        "{shown}"
    );
    assert!(
        shown.contains("forces/kent.toml:") && shown.contains("unknown grade word \"Rubbish\""),
        "{shown}"
    );
    assert_eq!(shared.current().knowledge().version, version);
    assert_eq!(
        shared.current().answer("Kent grades").status,
        Status::Answered
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn reload_with_a_bad_config_is_refused_naming_the_key() {
    let dir = scratch_knowledge("reload-config");
    let shared = engine_from(&dir);
    let config = dir.join("config.toml");
    std::fs::write(&config, "[engine]\nconfidence_threshold = 7\n").unwrap();
    let source = ReloadSource {
        knowledge: KnowledgeSource::new(Some(dir.clone())),
        config_path: Some(config),
    };
    let outcome = source.reload(&shared, &Config::default());
    assert!(matches!(outcome, ReloadOutcome::Failed(_)));
    assert!(
        outcome.to_string().contains("engine.confidence_threshold"),
        "{outcome}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn reload_applies_the_reloadable_engine_settings() {
    let dir = scratch_knowledge("reload-settings");
    let shared = engine_from(&dir);
    let config = dir.join("config.toml");
    std::fs::write(&config, "[engine]\nmax_question_chars = 12\n").unwrap();
    let source = ReloadSource {
        knowledge: KnowledgeSource::new(Some(dir.clone())),
        config_path: Some(config),
    };
    assert!(matches!(
        source.reload(&shared, &Config::default()),
        ReloadOutcome::Reloaded { .. }
    ));
    assert_eq!(
        shared
            .current()
            .answer("What does Kent need to improve?")
            .status,
        Status::Rejected
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn reload_on_the_embedded_base_says_there_is_nothing_to_reload() {
    let shared = SharedEngine::new(Engine::new(
        load_embedded().unwrap(),
        &EngineConfig::default(),
    ));
    let outcome = ReloadSource::default().reload(&shared, &Config::default());
    assert!(matches!(outcome, ReloadOutcome::NothingToReload));
    assert!(outcome.to_string().starts_with("Nothing to reload"));
}

fn log_at(path: &Path, max_bytes: u64) -> FeedbackLog {
    FeedbackLog::new(&FeedbackConfig {
        enabled: true,
        path: path.to_path_buf(),
        max_bytes,
    })
}

#[test]
fn feedback_records_unanswered_questions_without_ids() {
    let path = std::env::temp_dir().join(format!("peelbot-feedback-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let engine = Engine::new(load_embedded().unwrap(), &EngineConfig::default());
    let log = log_at(&path, 1 << 20);
    let joke = engine.answer("tell me a joke");
    assert!(log.record_answer("tell me a joke", &joke));
    let kent = engine.answer("What does Kent need to improve?");
    assert!(
        !log.record_answer(&kent.question, &kent),
        "answered questions are not gaps"
    );
    assert!(log.record_vote(
        (1, 2),
        "What does Kent need to improve?",
        "answered",
        "improve",
        false
    ));
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["question"], "tell me a joke");
    assert_eq!(lines[0]["status"], "no_match");
    assert_eq!(lines[1]["vote"], "down");
    for l in &lines {
        let keys: Vec<&String> = l.as_object().unwrap().keys().collect();
        assert!(
            keys.iter().all(
                |k| ["time", "kind", "question", "status", "intent", "vote", "voter"]
                    .contains(&k.as_str())
            ),
            "{keys:?}"
        );
    }
    std::fs::remove_file(&path).ok();
}

#[test]
fn feedback_rotates_at_the_size_limit() {
    let path = std::env::temp_dir().join(format!("peelbot-rotate-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(rotated(&path));
    let log = log_at(&path, 1024);
    for i in 0..40 {
        assert!(log.record_vote(
            (1, i),
            &format!("question number {i}"),
            "answered",
            "overview",
            i % 2 == 0
        ));
    }
    let current = std::fs::metadata(&path).unwrap().len();
    let old = std::fs::metadata(rotated(&path)).unwrap().len();
    assert!(current <= 1024 && old <= 1024, "{current} {old}");
    std::fs::remove_file(&path).ok();
    std::fs::remove_file(rotated(&path)).ok();
}

#[test]
fn feedback_to_an_unwritable_path_never_fails_the_caller() {
    let log = log_at(
        Path::new("/nonexistent-dir/peelbot/feedback.jsonl"),
        1 << 20,
    );
    assert!(!log.record_vote((1, 2), "Kent grades", "answered", "overview", true));
    let disabled = FeedbackLog::new(&FeedbackConfig {
        enabled: false,
        ..FeedbackConfig::default()
    });
    assert!(!disabled.record_vote((1, 2), "Kent grades", "answered", "overview", true));
}

#[test]
fn gaps_prints_frequent_unanswered_and_down_voted() {
    let path = std::env::temp_dir().join(format!("peelbot-gaps-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let engine = Engine::new(load_embedded().unwrap(), &EngineConfig::default());
    let log = log_at(&path, 1 << 20);
    for q in [
        "How is Police Scotland graded?",
        "How is Police Scotland graded?",
        "How is Police Scotland graded?",
        "What did the Yorkshire police need to improve?",
    ] {
        log.record_answer(q, &engine.answer(q));
    }
    log.record_vote((1, 2), "Kent grades", "answered", "overview", false);
    let o = Command::new(env!("CARGO_BIN_EXE_peelbot"))
        .args(["gaps", path.to_str().unwrap()])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}");
    assert!(
        out.contains("3x  [no_match] How is Police Scotland graded?"),
        "{out}"
    );
    assert!(
        out.contains("[clarify] What did the Yorkshire police need to improve?"),
        "{out}"
    );
    assert!(
        out.contains("1 down / 0 up  [overview] Kent grades"),
        "{out}"
    );
    std::fs::remove_file(&path).ok();
}

/// 11.3: deleting `forces/kent.toml` was accepted; Kent then answered "No answer found".
#[test]
fn reload_missing_a_force_file_is_refused_even_with_removals_allowed() {
    let dir = scratch_knowledge("reload-missing");
    let shared = engine_from(&dir);
    let version = shared.current().knowledge().version.clone();
    std::fs::remove_file(dir.join("forces/kent.toml")).unwrap();
    let config = dir.join("config.toml");
    std::fs::write(&config, "[knowledge]\nallow_removals = true\n").unwrap();
    let source = ReloadSource {
        knowledge: KnowledgeSource::new(Some(dir.clone())),
        config_path: Some(config),
    };
    let outcome = source.reload(&shared, &Config::default());
    let shown = outcome.to_string();
    assert!(
        matches!(
            outcome,
            ReloadOutcome::Refused {
                candidate: None,
                ..
            }
        ),
        "{shown}"
    );
    assert!(
        shown.contains("forces missing from the new base") && shown.contains("kent"),
        "{shown}"
    );
    assert_eq!(shared.current().knowledge().version, version);
    assert_eq!(
        shared.current().answer("Kent grades").status,
        Status::Answered
    );
    std::fs::remove_dir_all(dir).ok();
}

/// Cuts a force file before its first `[[inspection]]` after the first: still
/// valid TOML, as an editor's truncated save can leave it.
fn truncate_at_second_inspection(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let first = text.find("[[inspection]]").expect("an inspection");
    let second = first
        + 1
        + text[first + 1..]
            .find("[[inspection]]")
            .expect("two inspections");
    std::fs::write(path, &text[..second]).unwrap();
}

/// 11.3: a file truncated at an `[[inspection]]` boundary was accepted and
/// Derbyshire fell back to its older cycle, logged at info only.
#[test]
fn reload_that_removes_an_inspection_is_refused_with_the_diff_unless_allowed() {
    let dir = scratch_knowledge("reload-truncated");
    let shared = engine_from(&dir);
    let version = shared.current().knowledge().version.clone();
    let derby = dir.join("forces/derbyshire.toml");
    truncate_at_second_inspection(&derby);
    let config = dir.join("config.toml");
    std::fs::write(&config, "").unwrap();
    let source = ReloadSource {
        knowledge: KnowledgeSource::new(Some(dir.clone())),
        config_path: Some(config.clone()),
    };
    let outcome = source.reload(&shared, &Config::default());
    let shown = outcome.to_string();
    assert!(
        matches!(
            outcome,
            ReloadOutcome::Refused {
                candidate: Some(_),
                ..
            }
        ),
        "{shown}"
    );
    assert!(
        shown.contains("inspections removed: derbyshire: PEEL"),
        "{shown}"
    );
    assert!(shown.contains("inspections: +0 -"), "the diff: {shown}");
    assert_eq!(shared.current().knowledge().version, version);

    // Re-read at each reload: allowing removals in the file lets it through.
    std::fs::write(&config, "[knowledge]\nallow_removals = true\n").unwrap();
    let outcome = source.reload(&shared, &Config::default());
    assert!(
        matches!(outcome, ReloadOutcome::Reloaded { .. }),
        "{outcome}"
    );
    assert_ne!(shared.current().knowledge().version, version);
    std::fs::remove_dir_all(dir).ok();
}

/// 11.3: dropping many quotes at once is refused; a small edit is not.
#[test]
fn reload_dropping_more_than_max_drop_share_is_refused() {
    let dir = scratch_knowledge("reload-drop");
    let shared = engine_from(&dir);
    // Every quote of the first ten forces that have any.
    let mut emptied = 0;
    let mut forces: Vec<_> = std::fs::read_dir(dir.join("forces"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    forces.sort();
    for path in forces {
        let text = std::fs::read_to_string(&path).unwrap();
        if !text.contains("[[inspection.quote]]") {
            continue;
        }
        // Drop each quote table: its header and its lines up to the next table.
        let mut skipping = false;
        let blanked: String = text
            .lines()
            .filter(|l| {
                if l.starts_with('[') {
                    skipping = l.starts_with("[[inspection.quote]]");
                }
                !skipping
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&path, blanked).unwrap();
        emptied += 1;
        if emptied == 10 {
            break;
        }
    }
    let source = ReloadSource {
        knowledge: KnowledgeSource::new(Some(dir.clone())),
        config_path: None,
    };
    let outcome = source.reload(&shared, &Config::default());
    let shown = outcome.to_string();
    if let ReloadOutcome::Failed(_) = outcome {
        panic!("the edit must stay valid: {shown}");
    }
    assert!(matches!(outcome, ReloadOutcome::Refused { .. }), "{shown}");
    assert!(shown.contains("quotes dropped:"), "{shown}");
    std::fs::remove_dir_all(dir).ok();
}

/// 11.4: a log moved away by rotation (or replaced) kept being written in
/// the moved file, with no warning.
#[test]
fn feedback_log_moved_or_replaced_is_reopened() {
    let dir = std::env::temp_dir().join(format!("peelbot-reopen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("feedback.jsonl");
    let log = log_at(&path, 1 << 20);
    assert!(log.record_vote((1, 1), "first", "answered", "overview", true));
    // logrotate's default: rename, and the program must reopen.
    std::fs::rename(&path, dir.join("feedback.jsonl.2026-01-01")).unwrap();
    assert!(log.record_vote((1, 2), "second", "answered", "overview", true));
    let now = std::fs::read_to_string(&path).expect("a new file at the path");
    assert!(now.contains("second") && !now.contains("first"), "{now}");
    // Replaced by another file of the same name.
    std::fs::remove_file(&path).unwrap();
    std::fs::write(&path, "").unwrap();
    assert!(log.record_vote((1, 3), "third", "answered", "overview", true));
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(now.contains("third"), "{now}");
    // And an explicit reopen (SIGHUP) is harmless.
    log.reopen();
    assert!(log.record_vote((1, 4), "fourth", "answered", "overview", true));
    assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 2);
    std::fs::remove_dir_all(dir).ok();
}

/// 11.4: `gaps` printed bidi controls raw and a 50 MB line whole, and read
/// one log only; now it merges several, rotated files included.
#[test]
fn gaps_merges_several_logs_and_prints_safely() {
    let dir = std::env::temp_dir().join(format!("peelbot-gaps-many-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let line = |q: &str| {
        serde_json::json!({"time": "t", "kind": "unanswered", "question": q, "status": "no_match", "intent": "none"})
            .to_string()
            + "\n"
    };
    let a = dir.join("a.jsonl");
    let b = dir.join("b.jsonl");
    std::fs::write(&a, line("tell me a joke")).unwrap();
    std::fs::write(rotated(&a), line("tell me a joke")).unwrap();
    let huge = format!("big {}", "y".repeat(50 * 1024 * 1024));
    std::fs::write(
        &b,
        line("tell me a joke") + &line("evil \u{202E}txt.exe") + &line(&huge),
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_peelbot"))
        .arg("gaps")
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("3x  [no_match] tell me a joke"), "{out}");
    assert!(out.contains("evil \\u{202e}txt.exe"), "{out}");
    assert!(!out.contains('\u{202E}'), "raw bidi control printed");
    assert!(out.len() < 10_000, "printed {} bytes", out.len());
    assert!(out.contains("more characters]"), "{out}");
    std::fs::remove_dir_all(dir).ok();
}
