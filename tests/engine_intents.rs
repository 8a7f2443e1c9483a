//! Integration tests for every intent of the answer engine (issue 3), checked
//! the way a user sees an answer: status, intent, forces, the text and its
//! citations. Expected values are read from `knowledge/forces/*.toml`.
//!
//! Tests marked `#[ignore = "engine bug: ..."]` pin behaviour the engine does
//! not have yet; run them with `cargo test --test engine_intents -- --ignored`.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use peelbot::config::EngineConfig;
use peelbot::engine::{Answer, Engine, Status};

// ---------------------------------------------------------------- helpers

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let kb = peelbot::knowledge::load_embedded().expect("embedded knowledge loads");
        Engine::new(kb, &EngineConfig::default())
    })
}

fn ask(q: &str) -> Answer {
    engine().answer(q)
}

fn show(a: &Answer) -> String {
    format!(
        "question {:?}\nstatus {:?} intent {:?} forces {:?} confidence {:.2}\ntext:\n{}\nsuggestions: {:?}",
        a.question, a.status, a.intent, a.forces, a.confidence, a.text, a.suggestions
    )
}

/// Asks and checks status, intent and the exact list of forces.
#[track_caller]
fn answered(q: &str, intent: &str, forces: &[&str]) -> Answer {
    let a = ask(q);
    assert_eq!(a.status, Status::Answered, "{}", show(&a));
    assert_eq!(a.intent, intent, "{}", show(&a));
    assert_eq!(a.forces, forces, "{}", show(&a));
    a
}

/// Asks a fair question whose fact the sources do not hold: `no_match`,
/// still naming the intent and the force, and saying what is not known.
#[track_caller]
fn not_held(q: &str, intent: &str, forces: &[&str]) -> Answer {
    let a = ask(q);
    assert_eq!(a.status, Status::NoMatch, "{}", show(&a));
    assert_eq!(a.intent, intent, "{}", show(&a));
    assert_eq!(a.forces, forces, "{}", show(&a));
    a
}

#[track_caller]
fn has(a: &Answer, needle: &str) {
    assert!(
        a.text.to_lowercase().contains(&needle.to_lowercase()),
        "expected {needle:?} in the answer\n{}",
        show(a)
    );
}

#[track_caller]
fn lacks(a: &Answer, needle: &str) {
    assert!(
        !a.text.to_lowercase().contains(&needle.to_lowercase()),
        "did not expect {needle:?} in the answer\n{}",
        show(a)
    );
}

/// The first line of the text containing `needle` (case-insensitive).
#[track_caller]
fn line<'a>(a: &'a Answer, needle: &str) -> &'a str {
    let n = needle.to_lowercase();
    a.text
        .lines()
        .find(|l| l.to_lowercase().contains(&n))
        .unwrap_or_else(|| panic!("no line containing {needle:?}\n{}", show(a)))
}

/// Byte offset of `needle` in the lowercased text.
#[track_caller]
fn pos(a: &Answer, needle: &str) -> usize {
    a.text
        .to_lowercase()
        .find(&needle.to_lowercase())
        .unwrap_or_else(|| panic!("expected {needle:?} in the answer\n{}", show(a)))
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn forces_set(a: &Answer) -> BTreeSet<String> {
    a.forces.iter().cloned().collect()
}

#[track_caller]
fn cited(a: &Answer) {
    assert!(!a.citations.is_empty(), "expected citations\n{}", show(a));
    for c in &a.citations {
        assert!(c.url.starts_with("http"), "citation without a URL: {c:?}");
        assert!(
            !c.title.trim().is_empty(),
            "citation without a title: {c:?}"
        );
    }
}

/// Every quote citation carries speaker, role and the exact words of a quote
/// in the knowledge base (same speaker, role and source page), and the words
/// appear in the answer text.
#[track_caller]
fn quotes_are_exact(a: &Answer) -> usize {
    let kb = engine().knowledge();
    let mut n = 0;
    for c in a.citations.iter().filter(|c| c.quote.is_some()) {
        n += 1;
        let words = c.quote.as_deref().unwrap();
        let speaker = c
            .speaker
            .as_deref()
            .unwrap_or_else(|| panic!("quote without speaker: {c:?}"));
        let role = c
            .role
            .as_deref()
            .unwrap_or_else(|| panic!("quote without role: {c:?}"));
        // The words one page printed; the text shows the quote once, in its
        // longest printing.
        let found = kb
            .forces
            .iter()
            .flat_map(|f| &f.inspections)
            .flat_map(|i| &i.quotes)
            .find(|q| {
                q.speaker == speaker
                    && q.role == role
                    && q.printings().any(|p| p.text == words && p.source == c.url)
            });
        let Some(q) = found else {
            panic!("citation quote is not an exact quote in the knowledge base: {c:?}")
        };
        assert!(
            a.text.contains(&q.text),
            "quoted words not shown in the text: {:?}\n{}",
            q.text,
            show(a)
        );
    }
    n
}

/// The grade word of a bullet line "• Area: Grade (...)".
fn bullet_grade(l: &str) -> Option<&'static str> {
    let rest = l.trim_start().strip_prefix('•')?;
    let after = rest.rsplit_once(": ").map(|(_, g)| g)?.to_lowercase();
    [
        "inadequate",
        "requires improvement",
        "adequate",
        "good",
        "outstanding",
    ]
    .into_iter()
    .find(|g| after.starts_with(g))
}

// ---------------------------------------------------------------- areas to improve

#[test]
fn improve_lists_worst_first_with_cycle_and_date() {
    let a = answered(
        "What does Cambridgeshire need to improve?",
        "improve",
        &["cambridgeshire"],
    );
    has(&a, "PEEL 2023-25");
    has(&a, "12 March 2024");
    let managing = pos(&a, "• Managing offenders and suspects: Inadequate");
    let responding = pos(&a, "• Responding to the public: Inadequate");
    let leadership = pos(
        &a,
        "• Leadership and force management: Requires improvement",
    );
    assert!(
        managing < leadership && responding < leadership,
        "inadequate areas must come first\n{}",
        show(&a)
    );
    // Outstanding / good areas are not areas to improve.
    lacks(&a, "Police powers and public treatment");
    cited(&a);
}

#[test]
fn improve_derbyshire_uses_latest_inspection() {
    let a = answered(
        "What does Derbyshire need to improve?",
        "improve",
        &["derbyshire"],
    );
    has(&a, "PEEL 2023-25");
    for area in [
        "Investigating crime",
        "Responding to the public",
        "Protecting vulnerable people",
        "Leadership and force management",
    ] {
        assert!(
            line(&a, area)
                .to_lowercase()
                .contains("requires improvement"),
            "{}",
            show(&a)
        );
    }
    // 2021/22-only area must not leak into the 2023-25 answer.
    lacks(&a, "Strategic planning");
    cited(&a);
}

#[test]
fn improve_answers_every_force_worst_first_naming_the_cycle() {
    let kb = engine().knowledge();
    assert_eq!(kb.forces.len(), 43);
    for f in &kb.forces {
        let q = format!("What does {} need to improve?", f.name);
        let a = answered(&q, "improve", &[f.slug.as_str()]);
        has(&a, "PEEL 2023-25");
        cited(&a);
        let grades: Vec<&str> = a.text.lines().filter_map(bullet_grade).collect();
        for g in &grades {
            assert!(
                *g == "inadequate" || *g == "requires improvement",
                "an area to improve listed with grade {g:?}\n{}",
                show(&a)
            );
        }
        if let Some(first_ri) = grades.iter().position(|g| *g == "requires improvement") {
            assert!(
                !grades[first_ri..].contains(&"inadequate"),
                "inadequate must be listed before requires improvement\n{}",
                show(&a)
            );
        }
    }
}

#[test]
fn improve_understands_paraphrases() {
    for (q, slug) in [
        (
            "Where does Avon and Somerset fall short?",
            "avon-and-somerset",
        ),
        ("Where is Surrey Police failing?", "surrey"),
        (
            "areas for improvement for Staffordshire Police",
            "staffordshire",
        ),
        ("What is Cheshire bad at?", "cheshire"),
        ("Cleveland police problems", "cleveland"),
        ("what are bedfordshire's weak spots", "bedfordshire"),
        (
            "Which areas did Derbyshire get requires improvement in?",
            "derbyshire",
        ),
    ] {
        answered(q, "improve", &[slug]);
    }
}

#[test]
fn improve_with_named_cycle_uses_that_cycle() {
    let a = answered(
        "Derbyshire areas for improvement 2021/22",
        "improve",
        &["derbyshire"],
    );
    has(&a, "PEEL 2021/22");
    has(&a, "25 November 2022");
    has(
        &a,
        "Strategic planning, organisational management and value for money",
    );
    has(&a, "Building, supporting and protecting the workforce");
    lacks(&a, "PEEL 2023-25 (");
}

#[test]
fn improve_falls_back_to_older_graded_inspection_and_says_so() {
    // GMP's 2023-25 inspection has no named grades; 2021/22 has two inadequate ones.
    let a = answered(
        "What does GMP need to improve?",
        "improve",
        &["greater-manchester"],
    );
    has(&a, "PEEL 2023-25");
    has(&a, "PEEL 2021/22");
    assert!(
        line(&a, "• Investigating crime").contains("Inadequate"),
        "{}",
        show(&a)
    );
    assert!(
        line(&a, "• Responding to the public").contains("Inadequate"),
        "{}",
        show(&a)
    );
    assert!(
        pos(&a, "PEEL 2023-25") < pos(&a, "PEEL 2021/22"),
        "{}",
        show(&a)
    );
}

#[test]
fn improve_reports_latest_grade_counts_when_areas_are_unnamed() {
    // Gloucestershire 2023-25: grade_counts RI 4, Inadequate 1; only the outstanding area is named.
    let a = answered(
        "What does Gloucestershire need to improve?",
        "improve",
        &["gloucestershire"],
    );
    let sentence_with = |a: &Answer, grade: &str, count: &str| {
        a.text.to_lowercase().split(['.', '\n']).any(|s| {
            s.contains(grade) && s.split(|c: char| !c.is_alphanumeric()).any(|w| w == count)
        })
    };
    assert!(
        sentence_with(&a, "requires improvement", "4"),
        "{}",
        show(&a)
    );
    assert!(sentence_with(&a, "inadequate", "1"), "{}", show(&a));
    // Lincolnshire 2023-25: grade_counts RI 4, Inadequate 4, none named; the answer must
    // not present only the 2021/22 list as if the latest inspection said nothing.
    let a = answered(
        "What does Lincolnshire need to improve?",
        "improve",
        &["lincolnshire"],
    );
    assert!(sentence_with(&a, "inadequate", "4"), "{}", show(&a));
    // Dorset 2023-25: grade_counts RI 3; only investigating crime is named.
    let a = answered("What does Dorset need to improve?", "improve", &["dorset"]);
    assert!(
        sentence_with(&a, "requires improvement", "3"),
        "{}",
        show(&a)
    );
}

#[test]
fn strengths_do_not_list_criticisms() {
    let a = answered(
        "What is Lincolnshire good at?",
        "strengths",
        &["lincolnshire"],
    );
    lacks(&a, "deteriorated");
    lacks(&a, "not managing registered sex offenders effectively");
    let a = answered("What is Kent good at?", "strengths", &["kent"]);
    lacks(&a, "needed to improve");
}

#[test]
fn improve_understands_more_paraphrases() {
    for (q, slug) in [
        (
            "City of London police - what needs fixing?",
            "city-of-london",
        ),
        ("west mercia police what needs improving", "west-mercia"),
        ("devon and cornwall failings", "devon-and-cornwall"),
        ("Met police inadequate areas", "metropolitan"),
        ("What causes of concern did GMP have?", "greater-manchester"),
    ] {
        answered(q, "improve", &[slug]);
    }
}

// ---------------------------------------------------------------- one grade

#[test]
fn grade_with_cycle_and_canonical_area() {
    let a = answered(
        "How was Kent graded for recording crime in 2021/22?",
        "grade",
        &["kent"],
    );
    has(&a, "outstanding");
    has(&a, "PEEL 2021/22");
    has(&a, "28 April 2022");
    cited(&a);
    let a = answered(
        "How was Cambridgeshire graded for police powers and public treatment?",
        "grade",
        &["cambridgeshire"],
    );
    has(&a, "graded outstanding");
    has(&a, "PEEL 2023-25");
}

#[test]
fn grade_accepts_every_cycle_spelling() {
    for q in [
        "How was Derbyshire graded for responding to the public in 2021/22?",
        "How was Derbyshire graded for responding to the public in 2021-22?",
        "How was Derbyshire graded for responding to the public in 2021/2022?",
    ] {
        let a = answered(q, "grade", &["derbyshire"]);
        has(
            &a,
            "graded requires improvement for responding to the public in PEEL 2021/22",
        );
    }
    for q in [
        "How was Derbyshire graded for responding to the public in 2023-25?",
        "How was Derbyshire graded for responding to the public in 2023/25?",
        "How was Derbyshire graded for responding to the public latest?",
        "How was Derbyshire graded for responding to the public in the last inspection?",
    ] {
        let a = answered(q, "grade", &["derbyshire"]);
        has(&a, "PEEL 2023-25");
        lacks(&a, "PEEL 2021/22");
    }
    let a = answered(
        "What did Derbyshire get for investigating crime in the previous inspection?",
        "grade",
        &["derbyshire"],
    );
    has(&a, "PEEL 2021/22");
}

#[test]
fn grade_from_area_synonyms() {
    // Essex 2023-25: "Crime data integrity" Good.
    let a = answered(
        "What grade did Essex get for crime data integrity?",
        "grade",
        &["essex"],
    );
    has(&a, "graded good for recording data about crime");
    // Leicestershire 2023-25: "Workplace culture" Good.
    let a = answered(
        "Leicestershire grade for workplace culture",
        "grade",
        &["leicestershire"],
    );
    has(&a, "graded good for developing a positive workplace");
    // Durham 2023-25: disrupting serious organised crime Outstanding.
    let a = answered("Durham organised crime grade", "grade", &["durham"]);
    has(
        &a,
        "graded outstanding for disrupting serious organised crime",
    );
    // Staffordshire 2023-25: "Force management" Adequate.
    let a = answered(
        "Staffordshire force management grade",
        "grade",
        &["staffordshire"],
    );
    has(&a, "graded adequate for leadership and force management");
}

#[test]
fn grade_from_plain_english() {
    for (q, slug, expect) in [
        (
            "How good is Kent at answering 999 calls?",
            "kent",
            "graded requires improvement for responding to the public",
        ),
        (
            "How good is Derbyshire at solving crime?",
            "derbyshire",
            "graded requires improvement for investigating crime",
        ),
        (
            "How good is Derbyshire at safeguarding children?",
            "derbyshire",
            "graded requires improvement for protecting vulnerable people",
        ),
        (
            "How good is Derbyshire at stop and search?",
            "derbyshire",
            "graded adequate for police powers and public treatment",
        ),
        (
            "How good is Derbyshire at tackling anti-social behaviour?",
            "derbyshire",
            "graded good for preventing",
        ),
        (
            "How is the Met doing on stop and search?",
            "metropolitan",
            "graded adequate for police powers and public treatment",
        ),
        (
            "merseyside police 999 calls",
            "merseyside",
            "graded adequate for responding to the public",
        ),
    ] {
        let a = answered(q, "grade", &[slug]);
        has(&a, expect);
        has(&a, "PEEL 2023-25");
        cited(&a);
    }
}

#[test]
fn grade_area_typos() {
    for (q, expect) in [
        (
            "Derbyshire grade for investigatng crime",
            "investigating crime",
        ),
        (
            "Derbyshire grade for respondng to the pubic",
            "responding to the public",
        ),
        (
            "Derbyshire grade for protecting vulnrable people",
            "protecting vulnerable people",
        ),
    ] {
        let a = answered(q, "grade", &["derbyshire"]);
        has(&a, &format!("graded requires improvement for {expect}"));
    }
}

// ---------------------------------------------------------------- years

#[test]
fn year_matching_one_publication_picks_that_inspection() {
    // Derbyshire 2021/22 was published 2022-11-25.
    let a = answered(
        "How was Derbyshire graded in 2022?",
        "overview",
        &["derbyshire"],
    );
    has(&a, "PEEL 2021/22");
    lacks(&a, "PEEL 2023-25");
    // Humberside 2023-25 was published 2024-10-16.
    let a = answered(
        "Humberside 2024 investigating crime",
        "grade",
        &["humberside"],
    );
    has(
        &a,
        "graded requires improvement for investigating crime in PEEL 2023-25",
    );
    has(&a, "16 October 2024");
    // Sussex 2023-25 was published 2025-07-24.
    let a = answered("Sussex 2025 responding to the public", "grade", &["sussex"]);
    has(
        &a,
        "graded good for responding to the public in PEEL 2023-25",
    );
    // Kent 2021/22 was published 2022-04-28.
    let a = answered("How was Kent graded in 2022?", "overview", &["kent"]);
    has(&a, "PEEL 2021/22");
    lacks(&a, "PEEL 2023-25");
}

#[test]
fn year_fitting_no_inspection_clarifies_listing_inspections() {
    for (q, slug) in [
        ("How was Derbyshire graded in 2019?", "derbyshire"),
        ("Cambridgeshire leadership grade 2022", "cambridgeshire"),
        ("Sussex 2024 responding to the public", "sussex"),
    ] {
        let a = ask(q);
        assert_eq!(a.status, Status::Clarify, "{}", show(&a));
        assert_eq!(a.forces, [slug], "{}", show(&a));
        has(&a, "PEEL 2023-25");
        assert!(!a.suggestions.is_empty(), "{}", show(&a));
    }
    let a = ask("How was Derbyshire graded in 2019?");
    has(&a, "PEEL 2021/22");
}

#[test]
fn year_fitting_several_inspections_clarifies() {
    // Neither Merseyside inspection has a known date and both cycles span 2023.
    let a = ask("Merseyside 2023 grades");
    assert_eq!(a.status, Status::Clarify, "{}", show(&a));
    has(&a, "PEEL 2023-25");
    has(&a, "PEEL 2021/22");
    assert_eq!(a.suggestions.len(), 2, "{}", show(&a));
}

#[test]
fn year_matching_one_publication_beats_an_undated_cycle_span() {
    // Suffolk 2023-25 published 2023-10-04; Durham 2023-25 published 2023-11-17.
    let a = answered("How was Suffolk graded in 2023?", "overview", &["suffolk"]);
    has(&a, "PEEL 2023-25");
    lacks(&a, "PEEL 2021/22");
    let a = answered("Durham 2023 grades", "overview", &["durham"]);
    has(&a, "PEEL 2023-25");
    lacks(&a, "PEEL 2021/22");
}

// ---------------------------------------------------------------- missing grades

#[test]
fn missing_latest_grade_says_so_and_gives_older_grade_with_cycle() {
    let a = answered(
        "How good is GMP at answering 999 calls?",
        "grade",
        &["greater-manchester"],
    );
    has(
        &a,
        "2023-25 grade for responding to the public is not in our sources",
    );
    has(&a, "PEEL 2021/22");
    assert!(
        line(&a, "• Responding to the public").contains("Inadequate"),
        "{}",
        show(&a)
    );
    assert!(
        line(&a, "• Responding to the public").contains("2021/22"),
        "{}",
        show(&a)
    );
    has(&a, "compared directly");
    cited(&a);
    // Dyfed-Powys: no 2023-25 or 2021/22 grades; 2018/19 preventing crime requires improvement.
    let a = answered(
        "Dyfed Powys grade for preventing crime",
        "grade",
        &["dyfed-powys"],
    );
    has(&a, "is not in our sources");
    assert!(
        line(&a, "• Preventing crime").contains("Requires improvement"),
        "{}",
        show(&a)
    );
    assert!(
        line(&a, "• Preventing crime").contains("PEEL 2018/19"),
        "{}",
        show(&a)
    );
}

#[test]
fn missing_grade_everywhere_says_so_without_a_grade() {
    let a = answered(
        "Derbyshire grade for recording crime",
        "grade",
        &["derbyshire"],
    );
    has(&a, "not in our sources");
    lacks(&a, "was graded");
    let a = answered(
        "West Midlands police responding to the public",
        "grade",
        &["west-midlands"],
    );
    has(&a, "not in our sources");
    lacks(&a, "was graded");
}

#[test]
fn cycle_not_held_for_force_says_which_are() {
    let a = not_held(
        "How was Derbyshire graded for responding to the public in 2018/19?",
        "grade",
        &["derbyshire"],
    );
    has(&a, "PEEL 2018/19");
    has(&a, "PEEL 2023-25");
    lacks(&a, "was graded");
}

// ---------------------------------------------------------------- overview

#[test]
fn overview_lists_latest_cycle_first_and_partial_counts() {
    let a = answered("All grades for Surrey", "overview", &["surrey"]);
    assert!(
        pos(&a, "PEEL 2023-25") < pos(&a, "PEEL 2021/22"),
        "{}",
        show(&a)
    );
    assert!(
        line(&a, "Responding to the public:").contains("Inadequate"),
        "{}",
        show(&a)
    );
    has(&a, "4 of the 9 graded areas are known");
    has(&a, "6 December 2023");
    cited(&a);
}

#[test]
fn overview_for_bare_force_names_and_paraphrases() {
    for (q, slug) in [
        ("derbyshire", "derbyshire"),
        ("Kent", "kent"),
        ("how is durham police doing", "durham"),
        ("Give me an overview of Humberside", "humberside"),
        ("Show all grades for Thames Valley Police", "thames-valley"),
        ("tell me about lincolnshire", "lincolnshire"),
    ] {
        let a = answered(q, "overview", &[slug]);
        has(&a, "PEEL 2023-25");
        cited(&a);
    }
}

#[test]
fn overview_with_named_cycle_shows_only_that_cycle() {
    let a = answered("West Mercia grades 2021/22", "overview", &["west-mercia"]);
    has(&a, "PEEL 2021/22");
    lacks(&a, "PEEL 2023-25");
    has(&a, "2 of the 8 graded areas are known");
    let a = answered(
        "dyfed-powys police grades 2018/19",
        "overview",
        &["dyfed-powys"],
    );
    has(
        &a,
        "Effectiveness (reducing crime and keeping people safe): Good",
    );
    lacks(&a, "PEEL 2021/22");
}

#[test]
fn overview_of_cycle_without_grades_says_so_plainly() {
    let a = answered("dyfed powys grades", "overview", &["dyfed-powys"]);
    has(&a, "none of those grades is in our sources");
    has(&a, "PEEL 2018/19");
    let a = answered("WMP grades", "overview", &["west-midlands"]);
    has(
        &a,
        "The inspectorate graded 8 areas; none of those grades is in our sources",
    );
}

// ---------------------------------------------------------------- quotes

#[test]
fn quote_by_speaker_about_force_gives_exact_words() {
    let a = answered(
        "What did Roy Wilsher say about Derbyshire?",
        "quote",
        &["derbyshire"],
    );
    assert!(quotes_are_exact(&a) >= 1, "{}", show(&a));
    for c in a.citations.iter().filter(|c| c.quote.is_some()) {
        assert_eq!(c.speaker.as_deref(), Some("Roy Wilsher"));
        assert_eq!(c.role.as_deref(), Some("HM Inspector of Constabulary"));
        assert_eq!(c.published.as_deref(), Some("2022-11-25"));
    }
}

#[test]
fn quote_by_speaker_only_and_with_typo() {
    for (q, who) in [
        ("What did Wendy Williams say?", "Wendy Williams"),
        ("What did Micheal Skeer say?", "Michelle Skeer"),
        ("what did wendy wiliams say about gwent", "Wendy Williams"),
        ("What did Jo Shiner say?", "Jo Shiner"),
        ("Quote from Craig Guildford", "Craig Guildford"),
    ] {
        let a = ask(q);
        assert_eq!(a.status, Status::Answered, "{}", show(&a));
        assert_eq!(a.intent, "quote", "{}", show(&a));
        assert!(quotes_are_exact(&a) >= 1, "{}", show(&a));
        for c in a.citations.iter().filter(|c| c.quote.is_some()) {
            assert_eq!(c.speaker.as_deref(), Some(who), "{}", show(&a));
        }
    }
    // Craig Guildford is quoted as chief constable of two forces.
    let a = ask("Quote from Craig Guildford");
    assert_eq!(
        forces_set(&a),
        set(&["nottinghamshire", "west-midlands"]),
        "{}",
        show(&a)
    );
}

#[test]
fn quote_by_force() {
    let a = answered(
        "What did the inspector say about Suffolk?",
        "quote",
        &["suffolk"],
    );
    assert!(quotes_are_exact(&a) >= 1);
    has(
        &a,
        "I have concerns about how the constabulary is responding to the public",
    );
    assert!(a
        .citations
        .iter()
        .any(|c| c.speaker.as_deref() == Some("Roy Wilsher")
            && c.published.as_deref() == Some("2023-10-04")));
}

#[test]
fn quote_by_topic_words() {
    let a = ask("What did inspectors say about staff feeling disconnected?");
    assert_eq!(a.status, Status::Answered, "{}", show(&a));
    assert_eq!(a.intent, "quote", "{}", show(&a));
    assert!(a.forces.iter().any(|f| f == "derbyshire"), "{}", show(&a));
    quotes_are_exact(&a);
    assert!(
        a.citations.iter().any(|c| c.quote.as_deref()
            == Some(
                "We spoke to many staff who said they felt disconnected from the organisation."
            )),
        "{}",
        show(&a)
    );
    // The best match comes first.
    let first = a
        .text
        .lines()
        .find(|l| l.trim_start().starts_with('•'))
        .unwrap_or("");
    assert!(first.contains("disconnected"), "{}", show(&a));
}

#[test]
fn quote_with_topic_about_one_force_matches_words() {
    let a = answered(
        "Roy Wilsher quotes about legacy issues",
        "quote",
        &["derbyshire"],
    );
    quotes_are_exact(&a);
    has(&a, "legacy issues");
    let a = answered(
        "What did Rachel Swann say about an outstanding force?",
        "quote",
        &["derbyshire"],
    );
    has(&a, "I would like to see us be an outstanding force.");
}

#[test]
fn quote_speaker_without_quotes_for_that_force_says_so() {
    let a = not_held(
        "What did Lee Freeman say about Cumbria?",
        "quote",
        &["cumbria"],
    );
    has(&a, "no quotes from Lee Freeman");
    assert!(
        a.citations.iter().all(|c| c.quote.is_none()),
        "{}",
        show(&a)
    );
}

#[test]
fn quote_by_topic_that_is_also_an_area() {
    for (q, words) in [
        // Cambridgeshire 2023-25, Roy Wilsher: "It should answer 999 and 101 calls faster ..."
        ("What did the inspectors say about 999 calls?", "999"),
        // Kent 2021/22, Roy Wilsher: "Kent Police is outstanding at recording crime ..."
        (
            "What did the inspector say about crime recording?",
            "recording crime",
        ),
        ("inspector quotes about investigations", "investigat"),
    ] {
        let a = ask(q);
        assert_eq!(a.status, Status::Answered, "{}", show(&a));
        assert_eq!(a.intent, "quote", "{}", show(&a));
        assert!(quotes_are_exact(&a) >= 1, "{}", show(&a));
        assert!(
            a.citations
                .iter()
                .filter_map(|c| c.quote.as_deref())
                .any(|t| t.to_lowercase().contains(words)),
            "{}",
            show(&a)
        );
    }
}

#[test]
fn quote_unknown_speaker_says_not_in_sources() {
    for (q, name) in [
        ("What did Andy Burnham say?", "andy burnham"),
        ("What did Boris Johnson say about Kent?", "boris johnson"),
        ("What did Sadiq Khan say about the Met?", "sadiq khan"),
        ("What did Mark Rowley say?", "mark rowley"),
    ] {
        let a = ask(q);
        has(&a, name);
        lacks(&a, "Quotes from anyone");
    }
}

#[test]
fn quote_without_topic_has_no_false_mismatch_notice() {
    for q in [
        "What did Roy Wilsher say about Derbyshire?",
        "What did Wendy Williams say?",
        "What did Rachel Swann say?",
        "What did Michelle Skeer say about Lancashire?",
    ] {
        lacks(&ask(q), "No quote matches those words");
    }
}

#[test]
fn quote_list_shows_each_quote_once() {
    let a = ask("What did Roy Wilsher say about Derbyshire?");
    let quotes: Vec<&str> = a.quotes.iter().map(|q| q.text.as_str()).collect();
    assert!(!quotes.is_empty(), "{}", show(&a));
    let unique: BTreeSet<&str> = quotes.iter().copied().collect();
    assert_eq!(quotes.len(), unique.len(), "{}", show(&a));
    for q in &quotes {
        assert_eq!(a.text.matches(q).count(), 1, "{q:?}\n{}", show(&a));
    }
    // Each page is cited once for the words it printed.
    let cited: Vec<(&str, &str)> = a
        .citations
        .iter()
        .filter_map(|c| Some((c.url.as_str(), c.quote.as_deref()?)))
        .collect();
    let unique: BTreeSet<(&str, &str)> = cited.iter().copied().collect();
    assert_eq!(cited.len(), unique.len(), "{}", show(&a));
}

// ---------------------------------------------------------------- official responses

#[test]
fn response_from_chief_constable() {
    let a = answered(
        "What did the chief constable of Derbyshire say?",
        "response",
        &["derbyshire"],
    );
    assert!(quotes_are_exact(&a) >= 1);
    for c in a.citations.iter().filter(|c| c.quote.is_some()) {
        assert_eq!(c.speaker.as_deref(), Some("Rachel Swann"));
        assert_eq!(c.role.as_deref(), Some("Chief Constable"));
    }
    has(&a, "I would like to see us be an outstanding force.");
    let a = answered(
        "How did the Sussex chief constable respond?",
        "response",
        &["sussex"],
    );
    assert!(
        a.citations
            .iter()
            .all(|c| c.speaker.as_deref() == Some("Jo Shiner")),
        "{}",
        show(&a)
    );
}

#[test]
fn response_from_pcc_and_commissioner() {
    for (q, slug, speaker, role) in [
        (
            "How did Devon and Cornwall's PCC respond?",
            "devon-and-cornwall",
            "Alison Hernandez",
            "Police and Crime Commissioner",
        ),
        (
            "Cleveland PCC response",
            "cleveland",
            "Matt Storey",
            "Police and Crime Commissioner",
        ),
        (
            "What did the police and crime commissioner say about Surrey?",
            "surrey",
            "Lisa Townsend",
            "Police and Crime Commissioner",
        ),
        (
            "Durham PCC response",
            "durham",
            "Joy Allen",
            "Police and Crime Commissioner",
        ),
    ] {
        let a = answered(q, "response", &[slug]);
        assert!(quotes_are_exact(&a) >= 1);
        for c in a.citations.iter().filter(|c| c.quote.is_some()) {
            assert_eq!(c.speaker.as_deref(), Some(speaker), "{}", show(&a));
            assert_eq!(c.role.as_deref(), Some(role), "{}", show(&a));
        }
    }
    // The City of London's chief officer is its Commissioner.
    let a = answered(
        "What did the commissioner say about the City of London report?",
        "response",
        &["city-of-london"],
    );
    let speakers: BTreeSet<&str> = a
        .citations
        .iter()
        .filter_map(|c| c.speaker.as_deref())
        .collect();
    assert!(
        speakers.contains("Pete O'Doherty") || speakers.contains("Angela McLaren"),
        "{}",
        show(&a)
    );
    assert!(a
        .citations
        .iter()
        .all(|c| c.role.as_deref().unwrap_or("").contains("Commissioner")));
}

#[test]
fn response_for_missing_role_says_so_and_gives_nearest() {
    // Staffordshire has only chief constable responses in the sources: the
    // commissioner's words are not held (no_match), the nearest are shown.
    let a = not_held(
        "What did the PFCC say about Staffordshire?",
        "response",
        &["staffordshire"],
    );
    has(&a, "no quote from the commissioner");
    assert!(
        a.citations
            .iter()
            .all(|c| c.speaker.as_deref() == Some("Chris Noble")),
        "{}",
        show(&a)
    );
}

// ---------------------------------------------------------------- who led / when published

#[test]
fn who_led_names_inspector_and_publication_date() {
    let a = answered(
        "Who led the inspection of Suffolk and when was it published?",
        "who",
        &["suffolk"],
    );
    has(&a, "led by Roy Wilsher");
    has(&a, "4 October 2023");
    cited(&a);
    let a = answered("Who inspected GMP?", "who", &["greater-manchester"]);
    has(&a, "led by Michelle Skeer");
    has(&a, "1 December 2023");
    let a = answered(
        "Who led the 2021/22 inspection of Derbyshire?",
        "who",
        &["derbyshire"],
    );
    has(
        &a,
        "PEEL 2021/22 inspection of Derbyshire Constabulary was led by Roy Wilsher",
    );
    has(&a, "25 November 2022");
}

#[test]
fn when_published_unknown_date_says_so() {
    let a = not_held(
        "When was the Derbyshire report published?",
        "when",
        &["derbyshire"],
    );
    has(&a, "publication date is not in our sources");
    has(&a, "PEEL 2023-25");
    // The older inspection's date is known and given.
    has(&a, "25 November 2022");
    let a = answered(
        "When did HMICFRS publish the GMP report?",
        "when",
        &["greater-manchester"],
    );
    has(&a, "published on 1 December 2023");
}

#[test]
fn who_led_unknown_inspector_says_so_without_guessing() {
    let a = not_held("Who led the inspection of Dorset?", "who", &["dorset"]);
    has(&a, "do not name who led");
    has(&a, "10 April 2025");
    for hmi in [
        "Roy Wilsher",
        "Wendy Williams",
        "Michelle Skeer",
        "Andy Cooke",
        "Lee Freeman",
        "Matt Parr",
    ] {
        lacks(&a, hmi);
    }
}

#[test]
fn who_led_understands_hmi() {
    let a = answered(
        "Who was the HMI for West Midlands?",
        "who",
        &["west-midlands"],
    );
    has(&a, "Wendy Williams");
}

// ---------------------------------------------------------------- across forces

#[test]
fn across_inadequate_responding_uses_latest_with_labelled_older_line() {
    let a = ask("Which forces are inadequate at responding to the public?");
    assert_eq!(a.status, Status::Answered, "{}", show(&a));
    assert_eq!(a.intent, "across", "{}", show(&a));
    assert_eq!(
        forces_set(&a),
        set(&[
            "cambridgeshire",
            "devon-and-cornwall",
            "suffolk",
            "surrey",
            "warwickshire",
            "gloucestershire",
        ]),
        "{}",
        show(&a)
    );
    let current = line(&a, "Cambridgeshire Constabulary");
    for name in [
        "Devon and Cornwall Police",
        "Suffolk Constabulary",
        "Surrey Police",
        "Warwickshire Police",
    ] {
        assert!(current.contains(name), "{}", show(&a));
    }
    assert!(current.contains("PEEL 2023-25"), "{}", show(&a));
    let older = line(&a, "Gloucestershire Constabulary");
    assert_ne!(
        current,
        older,
        "older grades must be on a separate line\n{}",
        show(&a)
    );
    assert!(
        older.to_lowercase().contains("older"),
        "older line must be labelled\n{}",
        show(&a)
    );
    assert!(
        older.contains("Gloucestershire Constabulary (PEEL 2021/22)"),
        "{}",
        show(&a)
    );
    // Inadequate in 2021/22, but their 2023-25 inspections' own counts have no
    // inadequate grade: not listed, and the answer says why.
    for name in ["Greater Manchester Police", "Gwent Police"] {
        assert!(!older.contains(name), "{}", show(&a));
        assert!(
            line(&a, "Not listed from an older grade").contains(name),
            "{}",
            show(&a)
        );
    }
    // Inadequate in 2021/22 but graded differently in their latest inspection.
    for name in ["Staffordshire", "Sussex", "Metropolitan", "Wiltshire"] {
        lacks(&a, name);
    }
    has(&a, "compared directly");
    cited(&a);
}

#[test]
fn across_outstanding_preventing_crime() {
    let a = ask("Which forces are outstanding at preventing crime?");
    assert_eq!(a.intent, "across", "{}", show(&a));
    assert_eq!(
        forces_set(&a),
        set(&["humberside", "lancashire", "west-yorkshire"]),
        "{}",
        show(&a)
    );
    assert!(
        line(&a, "West Yorkshire Police").contains("PEEL 2021/22"),
        "{}",
        show(&a)
    );
    // Outstanding in 2021/22 only: latest grade is good.
    lacks(&a, "Surrey");
    lacks(&a, "South Yorkshire");
}

#[test]
fn across_with_named_cycle_uses_that_cycle() {
    let a = ask("Which forces were inadequate for investigating crime in 2021/22?");
    assert_eq!(a.intent, "across", "{}", show(&a));
    assert_eq!(
        forces_set(&a),
        set(&["gloucestershire", "greater-manchester", "staffordshire"]),
        "{}",
        show(&a)
    );
    lacks(&a, "PEEL 2023-25");
}

#[test]
fn across_other_areas_and_grades() {
    for (q, expected) in [
        (
            "Which forces are inadequate at investigating crime?",
            &[
                "devon-and-cornwall",
                "metropolitan",
                "nottinghamshire",
                "gloucestershire",
            ][..],
        ),
        (
            "list forces inadequate for leadership",
            &["nottinghamshire"][..],
        ),
        (
            "which forces got outstanding for workforce",
            &["cumbria", "humberside"][..],
        ),
        (
            // Merseyside was outstanding in 2021/22, but its 2023-25 counts have no
            // outstanding grade: not listed.
            "Which forces are outstanding at disrupting serious organised crime?",
            &["durham", "west-yorkshire"][..],
        ),
        (
            "Which forces are graded inadequate for managing offenders?",
            &["cambridgeshire", "metropolitan"][..],
        ),
    ] {
        let a = ask(q);
        assert_eq!(a.status, Status::Answered, "{}", show(&a));
        assert_eq!(a.intent, "across", "{}", show(&a));
        assert_eq!(forces_set(&a), set(expected), "{}", show(&a));
    }
}

#[test]
fn across_no_force_with_that_grade_says_so() {
    let a = ask("Which forces are outstanding at responding to the public in 2021/22?");
    assert_eq!(a.status, Status::Answered, "{}", show(&a));
    assert!(a.forces.is_empty(), "{}", show(&a));
    has(
        &a,
        "No force is graded outstanding for responding to the public in PEEL 2021/22",
    );
}

#[test]
fn across_without_grade_word_is_readable() {
    for q in [
        "Which force is worst at responding to the public?",
        "Which police force has the best leadership?",
        "which forces are inadequat at respondng to the public",
    ] {
        let a = ask(q);
        lacks(&a, "are and their grades");
        lacks(&a, "• And their grades");
    }
}

#[test]
fn across_grade_word_typo() {
    let a = ask("which forces are inadequat at respondng to the public");
    assert_eq!(a.intent, "across", "{}", show(&a));
    assert_eq!(
        forces_set(&a),
        set(&[
            "cambridgeshire",
            "devon-and-cornwall",
            "suffolk",
            "surrey",
            "warwickshire",
            "gloucestershire",
        ]),
        "{}",
        show(&a)
    );
}

#[test]
fn engage_is_monitoring_not_public_treatment() {
    for q in [
        "GMP in engage?",
        "Is Cleveland in Engage?",
        "Why was Notts put in Engage?",
        "Which forces are in Engage?",
    ] {
        let a = ask(q);
        lacks(&a, "police powers and public treatment");
    }
}

// ---------------------------------------------------------------- compare

#[test]
fn compare_two_forces_overall() {
    let a = answered(
        "Compare Derbyshire and Nottinghamshire",
        "compare",
        &["derbyshire", "nottinghamshire"],
    );
    let l = line(&a, "• Investigating crime").to_lowercase();
    assert!(
        l.contains("derbyshire: requires improvement") && l.contains("nottinghamshire: inadequate"),
        "{}",
        show(&a)
    );
    let l = line(&a, "• Preventing").to_lowercase();
    assert!(
        l.contains("derbyshire: good") && l.contains("nottinghamshire: inadequate"),
        "{}",
        show(&a)
    );
    has(&a, "PEEL 2023-25");
    cited(&a);
    assert!(a.citations.iter().any(|c| c.title.contains("Derbyshire")));
    assert!(a
        .citations
        .iter()
        .any(|c| c.title.contains("Nottinghamshire")));
}

#[test]
fn compare_on_one_area_with_nicknames_and_typos() {
    let a = answered(
        "compare kent and essex on responding to the public",
        "compare",
        &["kent", "essex"],
    );
    assert!(
        line(&a, "• Kent Police").contains("Requires improvement"),
        "{}",
        show(&a)
    );
    assert!(
        line(&a, "• Essex Police").contains("Adequate"),
        "{}",
        show(&a)
    );
    let a = answered(
        "Derbyshire vs Notts",
        "compare",
        &["derbyshire", "nottinghamshire"],
    );
    has(&a, "Leadership and force management");
    let a = answered(
        "Compare Derbyshire and Notts on 999 calls",
        "compare",
        &["derbyshire", "nottinghamshire"],
    );
    has(&a, "responding to the public");
}

#[test]
fn compare_across_cycles_warns() {
    // GMP's latest graded inspection is 2021/22; the Met's is 2023-25.
    let a = answered(
        "Compare the Met and GMP on investigating crime",
        "compare",
        &["metropolitan", "greater-manchester"],
    );
    assert!(
        line(&a, "• Metropolitan Police Service").contains("Inadequate"),
        "{}",
        show(&a)
    );
    assert!(
        line(&a, "• Greater Manchester Police").contains("PEEL 2021/22"),
        "{}",
        show(&a)
    );
    let a = answered(
        "How does GMP compare to the Met?",
        "compare",
        &["greater-manchester", "metropolitan"],
    );
    has(&a, "cannot be compared directly");
}

#[test]
fn compare_in_named_cycle_uses_that_cycles_labels() {
    let a = answered(
        "compare derbyshire and nottinghamshire in 2021/22",
        "compare",
        &["derbyshire", "nottinghamshire"],
    );
    has(&a, "PEEL 2021/22");
    lacks(&a, "most recent inspection");
    // Both forces were graded on "Strategic planning, organisational management and value for money" in 2021/22.
    lacks(&a, "Leadership and force management");
}

#[test]
fn compare_three_forces_does_not_drop_one_silently() {
    let a = ask("Compare Derbyshire, Nottinghamshire and Leicestershire");
    has(&a, "Leicestershire");
}

// ---------------------------------------------------------------- change over time

#[test]
fn change_over_time_warns_grades_not_directly_comparable() {
    let a = answered(
        "Has Derbyshire improved since 2021/22?",
        "change",
        &["derbyshire"],
    );
    has(&a, "not directly comparable");
    assert!(
        pos(&a, "PEEL 2021/22") < pos(&a, "then PEEL 2023-25"),
        "{}",
        show(&a)
    );
    let l = line(&a, "• Developing a positive workplace").to_lowercase();
    assert!(
        l.contains("2021/22 requires improvement") && l.contains("2023-25 adequate"),
        "{}",
        show(&a)
    );
    cited(&a);
}

#[test]
fn change_over_time_other_wordings() {
    let a = answered(
        "How has Staffordshire changed between inspections?",
        "change",
        &["staffordshire"],
    );
    let l = line(&a, "• Managing offenders and suspects").to_lowercase();
    assert!(
        l.contains("2021/22 inadequate") && l.contains("2023-25 adequate"),
        "{}",
        show(&a)
    );
    has(&a, "not directly comparable");
    for (q, slug) in [
        ("Humberside change over time", "humberside"),
        (
            "How did Cleveland change between 2021/22 and 2023-25?",
            "cleveland",
        ),
        ("Has the Met got worse?", "metropolitan"),
        ("Derbyshire grades over time", "derbyshire"),
        (
            "What changed for Surrey since the last inspection?",
            "surrey",
        ),
    ] {
        let a = answered(q, "change", &[slug]);
        has(&a, "not directly comparable");
    }
}

#[test]
fn change_understands_better_worse_improved() {
    for (q, slug) in [
        ("Did Gloucestershire get better?", "gloucestershire"),
        ("Has GMP improved?", "greater-manchester"),
        ("Did Wiltshire improve?", "wiltshire"),
        ("Is Devon and Cornwall getting worse?", "devon-and-cornwall"),
        ("Wiltshire police 2021/22 vs 2023-25", "wiltshire"),
    ] {
        let a = answered(q, "change", &[slug]);
        has(&a, "not directly comparable");
    }
}

#[test]
fn change_for_one_area() {
    let a = answered(
        "Did Staffordshire get better at investigating crime?",
        "change",
        &["staffordshire"],
    );
    has(&a, "inadequate");
    has(&a, "requires improvement");
    let a = answered(
        "Has Derbyshire's responding to the public improved?",
        "change",
        &["derbyshire"],
    );
    has(&a, "PEEL 2021/22");
    let a = answered(
        "Derbyshire 2021/22 vs 2023-25 responding to the public",
        "change",
        &["derbyshire"],
    );
    has(&a, "PEEL 2021/22");
}

// ---------------------------------------------------------------- glossary and help

#[test]
fn glossary_terms() {
    for (q, expect) in [
        (
            "What is PEEL?",
            "police effectiveness, efficiency and legitimacy",
        ),
        (
            "What does PEEL stand for?",
            "police effectiveness, efficiency and legitimacy",
        ),
        (
            "What does HMICFRS stand for?",
            "Inspectorate of Constabulary and Fire & Rescue Services",
        ),
        (
            "What is a cause of concern?",
            "more serious, critical or systemic shortcoming",
        ),
        (
            "What is an area for improvement?",
            "shortcoming that HMICFRS reports",
        ),
        ("What is Engage?", "enhanced level of monitoring"),
        ("What is special measures?", "enhanced level of monitoring"),
        (
            "What grades are there?",
            "outstanding, good, adequate, requires improvement or inadequate",
        ),
        (
            "What is the grading scale?",
            "outstanding, good, adequate, requires improvement or inadequate",
        ),
        (
            "What is the PEEL 2023-25 cycle?",
            "cannot be compared directly",
        ),
    ] {
        let a = answered(q, "glossary", &[]);
        has(&a, expect);
        cited(&a);
    }
}

#[test]
fn glossary_grade_words() {
    for q in [
        "What does requires improvement mean?",
        "What does adequate mean?",
        "Define inadequate",
        "How are forces graded?",
        "What is the difference between good and outstanding?",
    ] {
        let a = answered(q, "glossary", &[]);
        has(
            &a,
            "outstanding, good, adequate, requires improvement or inadequate",
        );
    }
}

#[test]
fn hmicfrs_said_about_topic_is_a_quote_question() {
    let a = ask("What did HMICFRS say about domestic abuse?");
    assert_ne!(a.intent, "glossary", "{}", show(&a));
}

#[test]
fn help_lists_what_it_can_answer_with_examples() {
    for q in ["help", "What can you do?", "how do i use this bot"] {
        let a = answered(q, "help", &[]);
        for example in [
            "What does Derbyshire need to improve?",
            "Which forces are inadequate at responding to the public?",
            "What is a cause of concern?",
            "Compare",
            "2021/22",
        ] {
            has(&a, example);
        }
    }
}

// ---------------------------------------------------------------- out of scope

#[test]
fn out_of_scope_gets_kind_no_match_with_suggestions() {
    for q in [
        "Who won the football last night?",
        "What's the capital of France?",
        "Tell me a joke",
        "How did the NYPD do?",
    ] {
        let a = ask(q);
        assert_eq!(a.status, Status::NoMatch, "{}", show(&a));
        assert!(
            a.forces.is_empty() && a.citations.is_empty(),
            "{}",
            show(&a)
        );
        has(&a, "Sorry");
        has(&a, "PEEL");
        assert!(!a.suggestions.is_empty(), "{}", show(&a));
    }
}

#[test]
fn forces_outside_england_and_wales_are_named_as_not_covered() {
    for (q, name) in [
        ("How did Police Scotland do?", "Police Scotland"),
        ("Scotland police grades", "Police Scotland"),
        (
            "PSNI inspection grades",
            "Police Service of Northern Ireland",
        ),
        (
            "Police Service of Northern Ireland responding to the public",
            "Police Service of Northern Ireland",
        ),
        (
            "How did British Transport Police do?",
            "British Transport Police",
        ),
    ] {
        let a = ask(q);
        assert_eq!(a.status, Status::NoMatch, "{}", show(&a));
        has(&a, name);
        has(&a, "not covered");
        has(&a, "England and Wales");
        assert!(!a.suggestions.is_empty(), "{}", show(&a));
    }
}

#[test]
fn weather_naming_a_place_is_no_match() {
    for q in [
        "What's the weather in London?",
        "What is the weather like in Derby?",
    ] {
        let a = ask(q);
        assert_eq!(a.status, Status::NoMatch, "{}", show(&a));
    }
}

#[test]
fn fire_and_rescue_is_not_answered_with_police_grades() {
    for q in [
        "How did Hampshire fire and rescue do?",
        "Derbyshire fire service grades",
    ] {
        let a = ask(q);
        assert_ne!(a.status, Status::Answered, "{}", show(&a));
    }
}

#[test]
fn facts_outside_the_sources_are_not_answered_with_a_grade() {
    for q in [
        "How many police officers does Derbyshire have?",
        "Derbyshire police phone number",
    ] {
        let a = ask(q);
        assert_ne!(a.intent, "grade", "{}", show(&a));
    }
}

// ---------------------------------------------------------------- ambiguity

#[test]
fn yorkshire_clarifies_listing_candidates() {
    let a = ask("Yorkshire police grades");
    assert_eq!(a.status, Status::Clarify, "{}", show(&a));
    assert_eq!(
        forces_set(&a),
        set(&["north-yorkshire", "south-yorkshire", "west-yorkshire"])
    );
    for name in [
        "North Yorkshire Police",
        "South Yorkshire Police",
        "West Yorkshire Police",
    ] {
        has(&a, name);
    }
    assert_eq!(a.suggestions.len(), 3, "{}", show(&a));
    // The question's intent is kept in the suggestions.
    let a = ask("What does Yorkshire police need to improve?");
    assert_eq!(a.status, Status::Clarify, "{}", show(&a));
    assert!(
        a.suggestions.iter().all(|s| s.contains("need to improve")),
        "{}",
        show(&a)
    );
}

#[test]
fn welsh_clarifies_listing_candidates() {
    for q in ["How did Welsh police do?", "police in wales"] {
        let a = ask(q);
        assert_eq!(a.status, Status::Clarify, "{}", show(&a));
        assert_eq!(
            forces_set(&a),
            set(&["dyfed-powys", "gwent", "north-wales", "south-wales"]),
            "{}",
            show(&a)
        );
        for name in [
            "Dyfed-Powys Police",
            "Gwent Police",
            "North Wales Police",
            "South Wales Police",
        ] {
            has(&a, name);
        }
    }
}

#[test]
fn london_clarifies_between_met_and_city() {
    let a = ask("London police grades");
    assert_eq!(a.status, Status::Clarify, "{}", show(&a));
    assert_eq!(forces_set(&a), set(&["metropolitan", "city-of-london"]));
}

#[test]
fn wales_words_are_not_one_welsh_force() {
    let a = ask("Cymru police");
    assert_eq!(a.status, Status::Clarify, "{}", show(&a));
    assert_eq!(
        forces_set(&a),
        set(&["dyfed-powys", "gwent", "north-wales", "south-wales"])
    );
    let a = ask("New South Wales police grades");
    assert_ne!(a.status, Status::Answered, "{}", show(&a));
}

// ---------------------------------------------------------------- typos and nicknames

#[test]
fn force_name_typos() {
    for (q, slug) in [
        ("derbyshre police grades", "derbyshire"),
        (
            "What does Nottinghamshre need to improve?",
            "nottinghamshire",
        ),
        ("Metropolitain police investigating crime", "metropolitan"),
        ("suffok police grades", "suffolk"),
        ("What does Darbyshire need to improve?", "derbyshire"),
        (
            "What does Glocestershire need to improve?",
            "gloucestershire",
        ),
        (
            "what does greater manchster need to improve",
            "greater-manchester",
        ),
        ("what does thames vally need to improve", "thames-valley"),
        ("What does Northumberia need to improve?", "northumbria"),
    ] {
        let a = ask(q);
        assert_eq!(a.status, Status::Answered, "{}", show(&a));
        assert_eq!(a.forces, [slug], "{}", show(&a));
    }
}

#[test]
fn force_nicknames_and_aliases() {
    for (nick, slug) in [
        ("the Met", "metropolitan"),
        ("Met Police", "metropolitan"),
        ("GMP", "greater-manchester"),
        ("TVP", "thames-valley"),
        ("Notts", "nottinghamshire"),
        ("Cambs", "cambridgeshire"),
        ("Herts", "hertfordshire"),
        ("Lancs", "lancashire"),
        ("Wilts", "wiltshire"),
        ("Staffs", "staffordshire"),
        ("Northants", "northamptonshire"),
        ("Beds", "bedfordshire"),
        ("Glos Police", "gloucestershire"),
        ("Leics Police", "leicestershire"),
        ("Lincs Police", "lincolnshire"),
        ("Hants Police", "hampshire-and-isle-of-wight"),
        ("SYP", "south-yorkshire"),
        ("WYP", "west-yorkshire"),
        ("WMP", "west-midlands"),
        ("Heddlu Gwent", "gwent"),
    ] {
        let a = answered(
            &format!("What does {nick} need to improve?"),
            "improve",
            &[slug],
        );
        cited(&a);
        let a = answered(&format!("{nick} grades"), "overview", &[slug]);
        cited(&a);
    }
}

#[test]
fn force_name_with_repeated_letters() {
    answered(
        "What does Derbyshireeeee need to improve",
        "improve",
        &["derbyshire"],
    );
}

// ---------------------------------------------------------------- citations

#[test]
fn citation_titles_name_outlet_and_subject() {
    let a = answered(
        "How was Derbyshire graded for responding to the public in 2021/22?",
        "grade",
        &["derbyshire"],
    );
    assert!(
        a.citations
            .iter()
            .any(|c| c.title == "HMICFRS — Derbyshire PEEL 2021/22"
                && c.published.as_deref() == Some("2022-11-25")
                && c.url.contains("hmicfrs.justiceinspectorates.gov.uk")),
        "{:#?}",
        a.citations
    );
    let a = answered(
        "What does Derbyshire need to improve?",
        "improve",
        &["derbyshire"],
    );
    assert!(
        a.citations
            .iter()
            .any(|c| c.title == "HMICFRS — Derbyshire PEEL 2023-25"),
        "{:#?}",
        a.citations
    );
    assert!(
        a.citations.iter().any(|c| c.title.starts_with("BBC News")),
        "{:#?}",
        a.citations
    );
}

#[test]
fn citations_tell_inspectorate_from_news_and_reprints() {
    let kb = engine().knowledge();
    let questions = [
        "What did Roy Wilsher say about Derbyshire?",
        "What does Derbyshire need to improve?",
        "All grades for Humberside",
        "Which forces are inadequate at responding to the public?",
        "What did the commissioner say about the City of London report?",
        "Compare Kent and Essex",
        "Has Derbyshire improved since 2021/22?",
        "What is PEEL?",
    ];
    for q in questions {
        let a = ask(q);
        for c in &a.citations {
            let host = c
                .url
                .split("://")
                .nth(1)
                .and_then(|r| r.split('/').next())
                .unwrap_or("")
                .trim_start_matches("www.");
            match kb.outlets.iter().find(|o| o.host == host) {
                Some(o) => assert!(
                    c.title.starts_with(&o.name),
                    "{q:?}: {c:?} should name {}",
                    o.name
                ),
                None => assert!(
                    c.title.starts_with(host),
                    "{q:?}: {c:?} should name its host {host}"
                ),
            }
        }
    }
    // The wired-gov reprint of the HMICFRS release is labelled as a reprint.
    let a = ask("What did Roy Wilsher say about Derbyshire?");
    assert!(a
        .citations
        .iter()
        .any(|c| c.url.contains("wired-gov.net") && c.title.contains("reprint")));
}

#[test]
fn citation_dates_are_iso_or_null_and_quotes_are_exact() {
    let questions = [
        "What does Derbyshire need to improve?",
        "What did Roy Wilsher say about Derbyshire?",
        "What did Wendy Williams say?",
        "What did the chief constable of Derbyshire say?",
        "Cleveland PCC response",
        "Which forces are inadequate at responding to the public?",
        "Compare Derbyshire and Nottinghamshire",
        "Has Derbyshire improved since 2021/22?",
        "Who led the inspection of Suffolk and when was it published?",
        "What is a cause of concern?",
        "All grades for Dyfed-Powys",
        "What did inspectors say about staff feeling disconnected?",
    ];
    let iso = |s: &str| {
        let b = s.as_bytes();
        s.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && s.chars()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    };
    for q in questions {
        let a = ask(q);
        cited(&a);
        for c in &a.citations {
            if let Some(p) = &c.published {
                assert!(iso(p), "{q:?}: published {p:?} is not YYYY-MM-DD");
            }
        }
        quotes_are_exact(&a);
    }
    // Unknown inspection dates stay null rather than guessed.
    let a = ask("Who led the Derbyshire inspection?");
    assert!(a
        .citations
        .iter()
        .any(|c| c.title == "HMICFRS — Derbyshire PEEL 2023-25" && c.published.is_none()));
}

// ---------------------------------------------------------------- confidence

#[test]
fn confidence_is_a_fraction_and_high_for_clear_questions() {
    for q in [
        "What does Derbyshire need to improve?",
        "How was Kent graded for recording crime in 2021/22?",
        "Compare Derbyshire and Nottinghamshire",
        "Who led the Derbyshire inspection?",
    ] {
        let a = ask(q);
        assert!(a.confidence >= 0.85 && a.confidence <= 1.0, "{}", show(&a));
    }
    for q in [
        "Yorkshire police grades",
        "asdfghjkl",
        "",
        "How was Derbyshire graded in 2019?",
    ] {
        let a = ask(q);
        assert!((0.0..=1.0).contains(&a.confidence), "{}", show(&a));
    }
}

// ---------------------------------------------------------------- the intent table drives the interfaces

/// The README's `ask --json` row lists the intents of the engine's one
/// table, in its order; metrics label questions with the same names.
#[test]
fn readme_and_metrics_name_the_intents_of_the_table() {
    use peelbot::engine::INTENTS;
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let row = readme
        .lines()
        .find(|l| l.starts_with("| `intent` |"))
        .expect("README has the intent row of the ask --json table");
    let listed: Vec<&str> = row
        .rsplit('|')
        .nth(1)
        .unwrap()
        .split('`')
        .skip(1)
        .step_by(2)
        .collect();
    let table: Vec<&str> = INTENTS.iter().map(|s| s.name).collect();
    assert_eq!(listed, table, "README intent list vs the intent table");

    let metrics = peelbot::ops::Metrics::new();
    for spec in INTENTS {
        metrics.observe_answer(Status::Answered, spec.intent, std::time::Duration::ZERO);
    }
    let text = metrics.render();
    for name in table {
        assert!(
            text.contains(&format!("intent=\"{name}\"")),
            "metrics lack intent {name}"
        );
    }
}
