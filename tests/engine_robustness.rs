//! Bad, hostile and odd input: the engine never panics, rejects what it
//! cannot read with a clear reason, keeps its public JSON contract and honours
//! the limits and threshold from the config.

use std::sync::OnceLock;

use peelbot::config::EngineConfig;
use peelbot::engine::{Answer, Engine, Status};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::new(
            peelbot::knowledge::load_embedded().expect("embedded knowledge loads"),
            &EngineConfig::default(),
        )
    })
}

fn ask(q: &str) -> Answer {
    engine().answer(q)
}

fn show(a: &Answer) -> String {
    format!(
        "question {:?}\nstatus {:?} intent {:?} forces {:?} confidence {:.2}\ntext:\n{}",
        a.question, a.status, a.intent, a.forces, a.confidence, a.text
    )
}

/// What must hold for every answer, whatever the input.
#[track_caller]
fn well_formed(a: &Answer) {
    assert!((0.0..=1.0).contains(&a.confidence), "{}", show(a));
    assert!(!a.text.trim().is_empty(), "empty text\n{}", show(a));
    assert!(!a.intent.name().is_empty(), "{}", show(a));
    for c in &a.citations {
        assert!(c.url.starts_with("http"), "{c:?}");
        assert!(!c.title.trim().is_empty(), "{c:?}");
        if c.quote.is_some() {
            assert!(c.speaker.is_some() && c.role.is_some(), "{c:?}");
        }
    }
    match a.status {
        Status::Rejected => {
            assert!(a.forces.is_empty() && a.citations.is_empty(), "{}", show(a));
        }
        Status::NoMatch => {
            // A no-match may still give sourced facts it holds on a force
            // named ("who led" unknown, but the date is known), or the parts
            // of a multi-part question it could answer; it always suggests.
            assert!(
                !a.suggestions.is_empty(),
                "no_match without suggestions\n{}",
                show(a)
            );
        }
        Status::Clarify => {
            assert!(
                !a.suggestions.is_empty(),
                "clarify without suggestions\n{}",
                show(a)
            );
        }
        Status::Answered => {}
    }
    // Nothing the user typed can make the bot ping a whole server.
    for ping in ["@everyone", "@here"] {
        assert!(
            !a.text.contains(ping),
            "answer text contains {ping}\n{}",
            show(a)
        );
        assert!(
            a.suggestions.iter().all(|s| !s.contains(ping)),
            "{}",
            show(a)
        );
    }
}

#[track_caller]
fn rejected(q: &str, reason_word: &str) -> Answer {
    let a = ask(q);
    well_formed(&a);
    assert_eq!(a.status, Status::Rejected, "{}", show(&a));
    assert!(
        a.text.to_lowercase().contains(&reason_word.to_lowercase()),
        "reason should mention {reason_word:?}\n{}",
        show(&a)
    );
    a
}

#[test]
fn empty_and_whitespace_only_are_rejected_with_a_prompt() {
    for q in ["", " ", "   \t  ", "\n", "\r\n\t "] {
        let a = rejected(q, "Please ask a question");
        assert!(!a.suggestions.is_empty(), "{}", show(&a));
    }
}

#[test]
fn over_long_question_is_rejected_naming_the_limit() {
    let a = rejected(&"a".repeat(501), "too long");
    assert!(
        a.text.contains("501") && a.text.contains("500"),
        "{}",
        show(&a)
    );
    // Characters are counted, not bytes.
    rejected(&"é".repeat(501), "too long");
    let padded = format!("What does Derbyshire need to improve?{}", " x".repeat(300));
    assert!(padded.chars().count() > 500);
    rejected(&padded, "too long");
}

#[test]
fn question_at_the_limit_is_read() {
    let q = format!(
        "What does Derbyshire need to improve?{}",
        " ".repeat(500 - 37)
    );
    assert_eq!(q.chars().count(), 500);
    let a = ask(&q);
    assert_eq!(a.status, Status::Answered, "{}", show(&a));
    assert_eq!(a.forces, ["derbyshire"]);
    let a = ask(&"é".repeat(500));
    well_formed(&a);
    assert_ne!(a.status, Status::Rejected, "{}", show(&a));
}

#[test]
fn control_characters_are_rejected_but_tab_and_newlines_are_spaces() {
    for q in [
        "Derbyshire\u{7} grades",
        "abc\u{0}def",
        "\u{1b}[31mDerbyshire",
        "Kent\u{8}\u{8}grades",
        "\u{7f}",
    ] {
        let a = ask(q);
        well_formed(&a);
        assert_eq!(a.status, Status::Rejected, "{}", show(&a));
    }
    let a = ask("What does\tDerbyshire\nneed to\r\nimprove?");
    assert_eq!(a.status, Status::Answered, "{}", show(&a));
    assert_eq!(a.intent, "improve");
    assert_eq!(a.forces, ["derbyshire"]);
}

#[test]
fn binary_junk_is_rejected() {
    rejected("\u{FFFD}\u{FFFD}\u{FFFD}", "binary");
    let bytes: Vec<u8> = (0u8..=255).rev().collect();
    let junk = String::from_utf8_lossy(&bytes).into_owned();
    let a = ask(&junk);
    well_formed(&a);
    assert_eq!(a.status, Status::Rejected, "{}", show(&a));
    // Private-use and non-characters look like binary too.
    let a = ask("\u{E000}\u{F8FF}\u{FFFF}");
    assert_eq!(a.status, Status::Rejected, "{}", show(&a));
}

#[test]
fn mentions_never_echo_into_answers() {
    for q in [
        "@everyone",
        "@here",
        "@everyone what does derbyshire need to improve",
        "@here @everyone Yorkshire police",
        "<@123456789> <@&42> <#99> what is PEEL",
        "@everyone help",
        "what did @everyone say about Kent",
    ] {
        well_formed(&ask(q));
    }
    let a = ask("@everyone what does derbyshire need to improve");
    if a.status == Status::Answered {
        assert_eq!(a.intent, "improve", "{}", show(&a));
        assert_eq!(a.forces, ["derbyshire"], "{}", show(&a));
    } else {
        assert_eq!(a.status, Status::Rejected, "{}", show(&a));
    }
}

#[test]
fn markup_and_injection_attempts_are_harmless() {
    for q in [
        "<script>alert(1)</script>",
        "'; DROP TABLE forces; --",
        "{{7*7}} ${jndi:ldap://x}",
        "```derbyshire```",
        "**Derbyshire** grades",
        "||derbyshire||",
        "../../etc/passwd",
        "%s%s%s%n",
    ] {
        well_formed(&ask(q));
    }
}

#[test]
fn unicode_oddities_do_not_break_reading() {
    for q in [
        "what does derbyshire need to improve 🚓🚓",
        "\u{202E}What does Derbyshire need to improve?",
        "What\u{200B}does\u{200B}Derbyshire\u{200B}need\u{200B}to\u{200B}improve?",
        "What does Dérbyshire need to improve?",
        "What does Derbyshire’s police need to improve?",
        "DERBYSHIRE NEED TO IMPROVE",
    ] {
        let a = ask(q);
        well_formed(&a);
        assert_eq!(a.status, Status::Answered, "{}", show(&a));
        assert_eq!(a.forces, ["derbyshire"], "{}", show(&a));
    }
    for q in [
        "日本の警察",
        "شرطة",
        "🚓",
        "e\u{301}\u{301}\u{301}\u{301}",
        "\u{FEFF}",
    ] {
        well_formed(&ask(q));
    }
}

#[test]
fn full_width_letters_are_normalised() {
    let a = ask("Ｄｅｒｂｙｓｈｉｒｅ grades");
    assert_eq!(a.forces, ["derbyshire"], "{}", show(&a));
}

/// Deterministic xorshift, so the generated questions are the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn generated_questions_never_panic_and_stay_well_formed() {
    let tokens = [
        "what",
        "does",
        "need",
        "to",
        "improve",
        "grade",
        "grades",
        "compare",
        "and",
        "vs",
        "which",
        "forces",
        "are",
        "inadequate",
        "outstanding",
        "good",
        "requires improvement",
        "in",
        "2021/22",
        "2023-25",
        "2019",
        "2022",
        "2024",
        "2018/19",
        "latest",
        "previous",
        "say",
        "said",
        "quote",
        "chief constable",
        "PCC",
        "commissioner",
        "who",
        "led",
        "when",
        "published",
        "Derbyshire",
        "derbyshre",
        "the Met",
        "GMP",
        "TVP",
        "Notts",
        "Kent",
        "Yorkshire",
        "Welsh",
        "Police Scotland",
        "PSNI",
        "Roy Wilsher",
        "Wendy Williams",
        "responding to the public",
        "999 calls",
        "investigating crime",
        "stop and search",
        "PEEL",
        "HMICFRS",
        "Engage",
        "cause of concern",
        "help",
        "weather",
        "football",
        "@everyone",
        "🚓",
        "é",
        "\u{200B}",
        "?",
        "!",
        ",",
        "'",
        "\"",
        "—",
        "&",
        "/",
        "-",
        "…",
        "日本",
        "\u{301}",
        "aaaaaaaaaaaaaaaa",
        "x",
        "\t",
        "\n",
        "\u{7}",
        "\u{FFFD}",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut statuses = [0usize; 4];
    for _ in 0..2000 {
        let n = 1 + (rng.next() % 90) as usize;
        let q: Vec<&str> = (0..n).map(|_| rng.pick(&tokens)).collect();
        let q = q.join(if rng.next() % 5 == 0 { "" } else { " " });
        let a = ask(&q);
        well_formed(&a);
        statuses[match a.status {
            Status::Answered => 0,
            Status::Clarify => 1,
            Status::NoMatch => 2,
            Status::Rejected => 3,
        }] += 1;
        // Over the limit as a person counts it (graphemes, capped code points).
        if peelbot::text::over_limit(&q, 500).is_some() {
            assert_eq!(a.status, Status::Rejected, "{}", show(&a));
        }
    }
    // The generator exercises every outcome.
    assert!(statuses.iter().all(|&n| n > 0), "statuses {statuses:?}");
}

#[test]
fn answers_are_deterministic() {
    for q in [
        "What does Derbyshire need to improve?",
        "Which forces are inadequate at responding to the public?",
        "What did Wendy Williams say?",
        "Yorkshire police grades",
        "Who won the football last night?",
    ] {
        let a = serde_json::to_string(&ask(q)).unwrap();
        let b = serde_json::to_string(&ask(q)).unwrap();
        assert_eq!(a, b);
    }
}

#[test]
fn answer_serializes_to_exactly_the_public_json_fields() {
    for q in [
        "What does Derbyshire need to improve?",
        "",
        "Yorkshire police",
        "What did Roy Wilsher say about Derbyshire?",
    ] {
        let v = serde_json::to_value(ask(q)).unwrap();
        let obj = v.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
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
            ],
            "{q:?}"
        );
        assert!(["answered", "clarify", "no_match", "rejected"]
            .contains(&obj["status"].as_str().unwrap()));
        assert_eq!(obj["question"], q);
        for c in obj["citations"].as_array().unwrap() {
            let mut ck: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
            ck.sort_unstable();
            assert_eq!(
                ck,
                [
                    "cycle",
                    "force",
                    "published",
                    "quote",
                    "role",
                    "speaker",
                    "title",
                    "url"
                ]
            );
        }
    }
}

#[test]
fn config_limit_and_threshold_are_honoured() {
    let kb = peelbot::knowledge::load_embedded().unwrap();
    let strict = Engine::new(
        kb,
        &EngineConfig {
            confidence_threshold: 0.86,
            max_question_chars: 60,
        },
    );
    let a = strict.answer(&"k".repeat(61));
    assert_eq!(a.status, Status::Rejected, "{}", show(&a));
    assert!(a.text.contains("60"), "{}", show(&a));
    // A clear question is still answered.
    let a = strict.answer("What does Derbyshire need to improve?");
    assert_eq!(a.status, Status::Answered, "{}", show(&a));
    // A weaker guess (a typo'd name) is answered by default, not by the strict engine.
    let default = ask("suffok police grades");
    assert_eq!(default.status, Status::Answered, "{}", show(&default));
    assert!(default.confidence < 0.86);
    let a = strict.answer("suffok police grades");
    assert_ne!(a.status, Status::Answered, "{}", show(&a));
    well_formed(&a);
}
