//! The `peelbot` binary as a user runs it: `ask` (text, JSON, batch),
//! `check`, `stats`, `eval`, `chart`, and start-up errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_peelbot");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run peelbot")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn ask_prints_answer_and_sources() {
    let o = run(&["ask", "What does Derbyshire need to improve?"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("Investigating crime"), "{out}");
    assert!(
        out.contains("Sources:") && out.contains("https://"),
        "{out}"
    );
    // Grade lines carry the palette's marker; the headline comes first.
    assert!(
        out.contains("• 🟧 Investigating crime: Requires improvement"),
        "{out}"
    );
    assert!(out.starts_with("Derbyshire Constabulary: "), "{out}");
}

#[test]
fn ask_notes_adds_the_curators_notes() {
    let plain = stdout(&run(&["ask", "All grades for Kent"]));
    let noted = stdout(&run(&["ask", "--notes", "All grades for Kent"]));
    assert!(!plain.contains("Curators' notes:"), "{plain}");
    assert!(noted.contains("Curators' notes:"), "{noted}");
    assert!(noted.contains("Kent Online"), "{noted}");
}

#[test]
fn ask_json_prints_one_object_with_the_public_fields() {
    let o = run(&[
        "ask",
        "--json",
        "How was Kent graded for recording crime in 2021/22?",
    ]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert_eq!(out.trim().lines().count(), 1, "{out}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            "chart",
            "citations",
            "confidence",
            "forces",
            "grades",
            "headline",
            "intent",
            "notes",
            "question",
            "quotes",
            "report",
            "status",
            "suggestions",
            "text"
        ]
    );
    assert_eq!(v["status"], "answered");
    assert_eq!(v["forces"][0], "kent");
    assert!(v["text"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("outstanding"));
    let c = &v["citations"][0];
    for k in ["url", "title", "speaker", "role", "quote", "published"] {
        assert!(c.get(k).is_some(), "citation lacks {k}: {c}");
    }
    let conf = v["confidence"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&conf));
}

#[test]
fn ask_json_batch_from_stdin_answers_every_line_in_order() {
    let mut child = Command::new(BIN)
        .args(["ask", "--json", "--batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = "What does Kent need to improve?\n\nzzzz\nWhat did the Yorkshire police need to improve?\r\n\u{1}\u{2}binary\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let statuses: Vec<&str> = lines
        .iter()
        .map(|v| v["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["answered", "rejected", "no_match", "clarify", "rejected"]
    );
    assert_eq!(lines[0]["question"], "What does Kent need to improve?");
    assert_eq!(
        lines[3]["question"],
        "What did the Yorkshire police need to improve?"
    );
}

#[test]
fn ask_json_batch_file_with_invalid_utf8_does_not_crash() {
    let path = std::env::temp_dir().join(format!("peelbot-batch-{}.txt", std::process::id()));
    std::fs::write(&path, b"Kent grades\n\xff\xfe\xfd\n").unwrap();
    let o = run(&["ask", "--json", "--batch", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    assert!(o.status.success());
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2);
    assert!(
        out.lines().nth(1).unwrap().contains("\"rejected\""),
        "{out}"
    );
}

#[test]
fn check_passes_on_the_real_base_and_prints_coverage() {
    let o = run(&["check", &format!("{ROOT}/knowledge")]);
    let out = stdout(&o);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.contains("forces: 43"), "{out}");
    assert!(
        out.contains("Derbyshire Constabulary") && out.contains("PEEL 2023-25"),
        "{out}"
    );
}

#[test]
fn check_fails_on_a_wrong_grade_word_with_file_and_line() {
    let o = run(&[
        "check",
        &format!("{ROOT}/tests/fixtures/knowledge/bad_grade"),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "forces/testshire.toml:11: inspection[0].grade[0].grade: unknown grade word \"Gud\""
        ),
        "{err}"
    );
}

#[test]
fn stats_prints_the_coverage_table() {
    let o = run(&["stats"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 44, "header + 43 forces:\n{out}");
    assert!(
        out.contains("no grades") && out.contains("partial"),
        "{out}"
    );
}

#[test]
fn knowledge_flag_loads_a_directory() {
    let o = run(&[
        "--knowledge",
        &format!("{ROOT}/tests/fixtures/knowledge/bad_grade"),
        "ask",
        "Testshire",
    ]);
    assert!(!o.status.success(), "a bad directory must not load");
    assert!(String::from_utf8_lossy(&o.stderr).contains("forces/testshire.toml:11"));
}

#[test]
fn config_with_an_unknown_key_is_an_error_naming_it() {
    let path = std::env::temp_dir().join(format!("peelbot-config-{}.toml", std::process::id()));
    std::fs::write(&path, "[engine]\nmax_chars = 10\n").unwrap();
    let o = run(&["--config", path.to_str().unwrap(), "ask", "Kent"]);
    std::fs::remove_file(&path).ok();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("max_chars"));
}

#[test]
fn config_length_limit_applies() {
    let path = std::env::temp_dir().join(format!("peelbot-limit-{}.toml", std::process::id()));
    std::fs::write(&path, "[engine]\nmax_question_chars = 10\n").unwrap();
    let o = run(&[
        "--config",
        path.to_str().unwrap(),
        "ask",
        "--json",
        "What does Kent need to improve?",
    ]);
    std::fs::remove_file(&path).ok();
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(v["status"], "rejected");
    assert!(v["text"].as_str().unwrap().contains("too long"));
}

#[test]
fn eval_scores_a_question_set() {
    let path = std::env::temp_dir().join(format!("peelbot-eval-{}.toml", std::process::id()));
    std::fs::write(
        &path,
        "[[case]]\nq = \"What does Derbyshire need to improve?\"\nforces = [\"derbyshire\"]\ncited = true\n\n[[case]]\ncat = \"wrong\"\nq = \"Tell me a joke\"\n",
    )
    .unwrap();
    let o = run(&["eval", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    let out = stdout(&o);
    assert!(!o.status.success());
    assert!(out.contains("FAIL [wrong] \"Tell me a joke\""), "{out}");
    assert!(out.contains("1 of 2 passed (50.0%)"), "{out}");
}

#[test]
fn shipped_config_is_valid_and_documents_every_key() {
    let text = std::fs::read_to_string(format!("{ROOT}/config.toml")).unwrap();
    let config =
        peelbot::config::Config::parse(&text, std::path::Path::new("config.toml")).unwrap();
    assert_eq!(config.engine.max_question_chars, 500);
    // The commented-out examples are valid too once uncommented.
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest)
                if rest
                    .split_once(" = ")
                    .is_some_and(|(k, _)| !k.contains(' ')) =>
            {
                rest.to_string()
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let all =
        peelbot::config::Config::parse(&uncommented, std::path::Path::new("config.toml")).unwrap();
    assert_eq!(all.shards.total, Some(2));
    assert!(all.metrics.listen.is_some() && all.knowledge.dir.is_some());
    // Every key the config accepts appears in the shipped file (set or commented out).
    for key in peelbot::config::KEYS {
        assert!(
            text.contains(&format!("[{}]", key.section())),
            "section [{}] missing",
            key.section()
        );
        assert!(
            text.contains(&format!("{} =", key.field())),
            "key {} not documented",
            key.name
        );
    }
}

#[test]
fn config_with_three_bad_keys_names_all_three_at_start_up() {
    let path = std::env::temp_dir().join(format!("peelbot-bad-config-{}.toml", std::process::id()));
    std::fs::write(
        &path,
        "[engine]\nconfidence_threshold = 2.0\n[discord]\nuser_rate_limit = \"five\"\nprefx = \"!p\"\n",
    )
    .unwrap();
    let o = run(&["--config", path.to_str().unwrap(), "ask", "Kent grades"]);
    std::fs::remove_file(&path).ok();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{err}");
    assert!(err.contains("3 problems:"), "{err}");
    for expected in [
        "key `engine.confidence_threshold`: expected a number from 0 to 1, got 2.0",
        "key `discord.user_rate_limit`: expected a whole number of at least 1, got \"five\"",
        "key `discord.prefx`: unknown key (expected one of: token_file, api_base, prefix,",
    ] {
        assert!(err.contains(expected), "{expected:?} in {err}");
    }
}

/// 11.6: one invalid UTF-8 byte rejected the whole question as binary data.
#[test]
fn ask_batch_answers_a_question_with_one_invalid_byte() {
    let path = std::env::temp_dir().join(format!("peelbot-bad-byte-{}.txt", std::process::id()));
    std::fs::write(
        &path,
        b"What does Kent need to \xff improve?\n\xff\xfe\xfd\xfc\n",
    )
    .unwrap();
    let o = run(&["ask", "--json", "--batch", path.to_str().unwrap()]);
    std::fs::remove_file(&path).ok();
    let out = stdout(&o);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines[0]["status"], "answered", "{out}");
    assert_eq!(lines[0]["forces"][0], "kent", "{out}");
    assert_eq!(
        lines[1]["status"], "rejected",
        "all binary is still refused: {out}"
    );
}

/// The README's table of config keys is the config's own table: every key,
/// each marked reload or restart as a reload applies it.
#[test]
fn readme_lists_every_config_key_with_when_it_applies() {
    let readme = std::fs::read_to_string(format!("{ROOT}/README.md")).unwrap();
    let rows: std::collections::BTreeMap<String, String> = readme
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            match cells.as_slice() {
                ["", key, applies, _, ""] if key.starts_with('`') => {
                    Some((key.trim_matches('`').to_string(), applies.to_string()))
                }
                _ => None,
            }
        })
        .collect();
    for key in peelbot::config::KEYS {
        let expected = match key.applies {
            peelbot::config::Applies::OnReload => "reload",
            peelbot::config::Applies::OnRestart => "restart",
        };
        assert_eq!(
            rows.get(key.name).map(String::as_str),
            Some(expected),
            "README row for {}",
            key.name
        );
    }
    let known: Vec<&str> = peelbot::config::KEYS.iter().map(|k| k.name).collect();
    for key in rows.keys().filter(|k| k.contains('.') && !k.contains(' ')) {
        if key.starts_with("peelbot") {
            continue;
        }
        assert!(
            known.contains(&key.as_str()),
            "README lists unknown key {key}"
        );
    }
}

// ---------------------------------------------------------------------------
// peelbot chart

/// A fresh directory for one test's pictures.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("peelbot-chart-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn chart_heatmap_writes_a_png_prints_its_alt_text_and_repeats_byte_for_byte() {
    let dir = scratch("heatmap");
    let (a, b) = (dir.join("a.png"), dir.join("b.png"));
    let args = |out: &std::path::Path| {
        vec![
            "chart".to_string(),
            "heatmap".into(),
            "--area".into(),
            "999 calls".into(),
            "--grade".into(),
            "inadequate".into(),
            "--out".into(),
            out.to_str().unwrap().to_string(),
        ]
    };
    let first = run(&args(&a).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(first.status.success(), "{}", stderr(&first));
    let alt = stdout(&first);
    assert!(
        alt.contains("Highlighted column, Responding to the public"),
        "{alt}"
    );
    assert!(alt.contains("inadequate"), "{alt}");
    assert!(stderr(&first).contains("wrote"), "{}", stderr(&first));
    let png = std::fs::read(&a).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(png.len() < 300 * 1024, "{} bytes", png.len());
    // Another process, the same bytes.
    let second = run(&args(&b).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(second.status.success());
    assert!(png == std::fs::read(&b).unwrap(), "two runs differ");
    assert_eq!(alt, stdout(&second));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn chart_card_and_compare_take_forces_by_any_name() {
    let dir = scratch("card");
    let card = dir.join("card.png");
    let o = run(&[
        "chart",
        "card",
        "the",
        "Met",
        "--out",
        card.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Metropolitan Police Service: PEEL grades."),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("cannot be compared directly"),
        "{}",
        stdout(&o)
    );
    assert!(card.exists());

    let cmp = dir.join("compare.png");
    let o = run(&[
        "chart",
        "compare",
        "Essex",
        "TVP",
        "derbyshre",
        "--cycle",
        "2021/22",
        "--out",
        cmp.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Essex, Thames Valley and Derbyshire: PEEL 2021/22."),
        "{}",
        stdout(&o)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn chart_bad_arguments_get_one_line_and_a_non_zero_exit() {
    let dir = scratch("bad");
    let out = dir.join("never.png");
    let out = out.to_str().unwrap();
    let cases: [(&[&str], &str); 7] = [
        (
            &["chart", "compare", "Essex", "--out", out],
            "2 to 4 different forces",
        ),
        (
            &[
                "chart", "compare", "Essex", "Kent", "Surrey", "Sussex", "Dorset", "--out", out,
            ],
            "2 to 4",
        ),
        (
            &["chart", "card", "Atlantis", "--out", out],
            "no force \"Atlantis\"",
        ),
        (
            &["chart", "card", "Yorkshire", "--out", out],
            "West Yorkshire Police",
        ),
        (
            &["chart", "heatmap", "--cycle", "1999", "--out", out],
            "no cycle \"1999\"",
        ),
        (
            &["chart", "heatmap", "--area", "respnding", "--out", out],
            "did you mean Responding to the public",
        ),
        (
            &["chart", "heatmap", "--grade", "gud", "--out", out],
            "no grade \"gud\"",
        ),
    ];
    for (args, want) in cases {
        let o = run(args);
        let err = stderr(&o);
        assert!(!o.status.success(), "{args:?} succeeded");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
    assert!(
        !std::path::Path::new(out).exists(),
        "nothing written on error"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn ask_chart_draws_the_answers_picture_or_says_why_not() {
    let dir = std::env::temp_dir().join(format!("peelbot-ask-chart-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        (
            "Which forces are inadequate at responding to the public?",
            "heatmap",
        ),
        ("all grades for all forces", "heatmap"),
        ("All grades for Derbyshire", "card"),
        ("Compare Essex and Kent", "compare"),
    ];
    for (n, (q, kind)) in cases.into_iter().enumerate() {
        let file = dir.join(format!("{n}-{kind}.png"));
        let o = run(&["ask", "--chart", file.to_str().unwrap(), q]);
        assert!(
            o.status.success(),
            "{q}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let png = std::fs::read(&file).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{q}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains(&format!("wrote the {kind}")),
            "{q}"
        );
        // The JSON names the kind of picture the answer has.
        let json = stdout(&run(&["ask", "--json", q]));
        let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
        assert_eq!(v["chart"], kind, "{q}");
    }
    let file = dir.join("none.png");
    let o = run(&[
        "ask",
        "--chart",
        file.to_str().unwrap(),
        "What did Roy Wilsher say about Derbyshire?",
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.starts_with("no picture"), "{err}");
    assert!(!file.exists());
    let json = stdout(&run(&[
        "ask",
        "--json",
        "What did Roy Wilsher say about Derbyshire?",
    ]));
    let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert!(v["chart"].is_null());
    std::fs::remove_dir_all(&dir).ok();
}
