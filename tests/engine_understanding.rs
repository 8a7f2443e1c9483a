//! How the engine understands questions the way people ask them (issue 9):
//! every example the issue names, as a user sees the answer — status, the
//! forces it is about, and what the text says.
//!
//! - a content word does not override what was asked;
//! - ordinary words are not fuzzily matched to names;
//! - a force named is not a grade dump whatever was asked;
//! - regions, qualifiers (negation, balance, time), multi-part questions;
//! - across forces, an older grade the latest counts rule out is not listed.

use std::sync::OnceLock;

use peelbot::config::EngineConfig;
use peelbot::engine::{Answer, Engine, Status};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let kb = peelbot::knowledge::load_embedded().expect("embedded knowledge loads");
        Engine::new(kb, &EngineConfig::default())
    })
}

fn show(a: &Answer) -> String {
    format!(
        "question {:?}\nstatus {:?} intent {:?} forces {:?} confidence {:.2}\ntext:\n{}\nsuggestions: {:?}",
        a.question, a.status, a.intent, a.forces, a.confidence, a.text, a.suggestions
    )
}

/// The answer text and the quotes it cites, lower-cased.
fn shown(a: &Answer) -> String {
    let mut s = a.text.to_lowercase();
    for c in &a.citations {
        if let Some(q) = &c.quote {
            s.push('\n');
            s.push_str(&q.to_lowercase());
        }
    }
    s
}

#[track_caller]
fn expect(q: &str, status: Status, forces: &[&str], contains: &[&str]) -> Answer {
    let a = engine().answer(q);
    assert_eq!(a.status, status, "{}", show(&a));
    for f in forces {
        assert!(a.forces.iter().any(|x| x == f), "{f} missing\n{}", show(&a));
    }
    let text = shown(&a);
    for c in contains {
        assert!(
            text.contains(&c.to_lowercase()),
            "{c:?} missing\n{}",
            show(&a)
        );
    }
    a
}

#[track_caller]
fn lacks(a: &Answer, needle: &str) {
    assert!(
        !shown(a).contains(&needle.to_lowercase()),
        "did not expect {needle:?}\n{}",
        show(a)
    );
}

// ------------------------------------------------- what was asked wins

#[test]
fn content_word_does_not_override_the_inspectors_opinion() {
    for q in [
        "What improvements had Derbyshire already made according to the inspector?",
        "Did the inspector think Derbyshire was capable of improving?",
    ] {
        let a = expect(
            q,
            Status::Answered,
            &["derbyshire"],
            &["recording crime", "children online", "missing people"],
        );
        assert_eq!(a.intent, "quote", "{}", show(&a));
        // Not the 2023-25 list of areas to improve.
        lacks(&a, "graded requires improvement or inadequate in");
    }
}

#[test]
fn content_word_does_not_turn_a_fact_into_a_grade_line() {
    let a = expect(
        "did derbyshire police give their staff inclusion training?",
        Status::Answered,
        &["derbyshire"],
        &["inclusion training"],
    );
    assert!(
        a.citations.iter().any(|c| c.quote.is_some()),
        "{}",
        show(&a)
    );
}

#[test]
fn content_word_inside_about_is_the_topic_of_the_words_asked_for() {
    let a = expect(
        "What did the Derbyshire chief constable say about significant challenge and change?",
        Status::Answered,
        &["derbyshire"],
        &["significant challenge and change", "rachel swann"],
    );
    assert_eq!(a.intent, "response", "{}", show(&a));
    lacks(&a, "change between inspections");
}

// ------------------------------------------------- no fuzzy names from words

#[test]
fn ordinary_words_are_not_corrected_into_names() {
    let a = expect(
        "Does Derbyshire Constabulary conduct thorough investigations?",
        Status::Answered,
        &["derbyshire"],
        &["thorough investigations"],
    );
    lacks(&a, "hobrough");
    let a = expect(
        "why might chances to bring offenders to justice be missed in derbyshire",
        Status::Answered,
        &["derbyshire"],
        &["bring offenders to justice"],
    );
    assert_eq!(a.forces, ["derbyshire"], "{}", show(&a));
    lacks(&a, "hampshire");
}

// ------------------------------------------------- out of scope, force named

#[test]
fn out_of_scope_about_a_named_force_is_no_match_saying_what_is_held() {
    for (q, force) in [
        ("Is Kent police corrupt?", "kent"),
        ("Is Essex Police racist?", "essex"),
        ("Should I join the Met?", "metropolitan"),
        ("crime rate in Leeds", "west-yorkshire"),
    ] {
        let a = expect(
            q,
            Status::NoMatch,
            &[force],
            &["what our sources do hold on"],
        );
        // No grade list dressed as an answer.
        assert!(a.citations.is_empty(), "{}", show(&a));
        assert!(!a.suggestions.is_empty(), "{}", show(&a));
    }
}

#[test]
fn current_office_holder_is_not_answered_with_someones_quote() {
    // Written out, contracted ("who's" reads as "who is"), or about pay:
    // what the sources cannot say about the present, and no one's quote.
    for (q, force) in [
        ("Who is the chief constable of Kent?", "kent"),
        (
            "who's the current chief constable of derbyshire",
            "derbyshire",
        ),
        (
            "how much does the chief constable of west yorkshire get paid",
            "west-yorkshire",
        ),
    ] {
        let a = expect(q, Status::NoMatch, &[force], &[]);
        assert!(
            a.citations.iter().all(|c| c.quote.is_none()),
            "{}",
            show(&a)
        );
    }
}

/// The future is outside every inspection: a next grade is not predicted.
#[test]
fn future_grades_are_not_predicted_from_past_ones() {
    for (q, force) in [
        ("what will dorset's next peel grade be", "dorset"),
        ("predict kent's grades in the future", "kent"),
    ] {
        expect(q, Status::NoMatch, &[force], &[]);
    }
}

// ------------------------------------------------- regions

#[test]
fn region_alone_asks_which_force() {
    let a = expect(
        "How did the Midlands police do?",
        Status::Clarify,
        &[
            "derbyshire",
            "nottinghamshire",
            "west-midlands",
            "west-mercia",
        ],
        &["9 forces"],
    );
    assert_eq!(a.forces.len(), 9, "{}", show(&a));
    let a = expect(
        "east midlands police grades",
        Status::Clarify,
        &[
            "derbyshire",
            "leicestershire",
            "lincolnshire",
            "northamptonshire",
            "nottinghamshire",
        ],
        &[],
    );
    assert!(
        !a.forces.iter().any(|f| f == "west-midlands"),
        "{}",
        show(&a)
    );
}

#[test]
fn yorkshire_and_the_humber_adds_humberside() {
    let a = expect(
        "Yorkshire",
        Status::Clarify,
        &["north-yorkshire", "south-yorkshire", "west-yorkshire"],
        &[],
    );
    assert_eq!(a.forces.len(), 3, "{}", show(&a));
    let a = expect(
        "Yorkshire and the Humber",
        Status::Clarify,
        &["humberside"],
        &[],
    );
    assert_eq!(a.forces.len(), 4, "{}", show(&a));
}

#[test]
fn region_in_a_question_across_forces_answers_within_it() {
    let a = expect(
        "which north west forces got an outstanding grade",
        Status::Answered,
        &[],
        &[],
    );
    assert!(!a.forces.is_empty(), "{}", show(&a));
    for f in &a.forces {
        assert!(
            [
                "cheshire",
                "cumbria",
                "greater-manchester",
                "lancashire",
                "merseyside"
            ]
            .contains(&f.as_str()),
            "{f} is not in the North West\n{}",
            show(&a)
        );
    }
}

// ------------------------------------------------- qualifiers

#[test]
fn negation_lists_forces_without_the_grade() {
    let a = expect(
        "Which forces have no inadequate grades?",
        Status::Answered,
        &["cleveland"],
        &["no area graded inadequate"],
    );
    // Surrey's 2023-25 inspection has an inadequate grade.
    assert!(!a.forces.iter().any(|f| f == "surrey"), "{}", show(&a));
}

#[test]
fn balance_shows_both_sides() {
    let a = expect(
        "is surrey police any good",
        Status::Answered,
        &["surrey"],
        &["good", "inadequate"],
    );
    assert_eq!(a.intent, "overview", "{}", show(&a));
}

#[test]
fn time_words_choose_the_inspection_and_say_which() {
    let a = expect(
        "Nottinghamshire: better or worse than last time?",
        Status::Answered,
        &["nottinghamshire"],
        &["2021/22", "2023-25"],
    );
    assert_eq!(a.intent, "change", "{}", show(&a));
    let a = expect(
        "What did Roy Wilsher say about Derbyshire in 2024?",
        Status::Answered,
        &["derbyshire"],
        &["roy wilsher", "peel 2023-25", "no direct quote dated 2024"],
    );
    // Words from another cycle are shown only labelled as such.
    if a.text.contains("2021/22") {
        assert!(a.text.contains("an earlier inspection"), "{}", show(&a));
    }
}

// ------------------------------------------------- multi-part

#[test]
fn multi_part_answers_every_part() {
    let a = expect(
        "What grade did Essex get for investigating crime and who led the inspection?",
        Status::Answered,
        &["essex"],
        &["investigating crime", "adequate", "led by"],
    );
    assert_eq!(a.intent, "grade", "the first part's intent\n{}", show(&a));
}

#[test]
fn multi_part_is_not_split_inside_names_or_comparisons() {
    let a = expect(
        "Compare Essex and Kent",
        Status::Answered,
        &["essex", "kent"],
        &[],
    );
    assert_eq!(a.intent, "compare", "{}", show(&a));
    let a = expect(
        "How was Cambridgeshire graded for police powers and public treatment?",
        Status::Answered,
        &["cambridgeshire"],
        &["outstanding"],
    );
    assert_eq!(a.intent, "grade", "{}", show(&a));
    let a = expect(
        "Who led the Avon and Somerset inspection and when was it published?",
        Status::NoMatch,
        &["avon-and-somerset"],
        &[],
    );
    assert_eq!(a.forces, ["avon-and-somerset"], "{}", show(&a));
}

#[test]
fn multi_part_status_is_answered_only_if_every_part_is() {
    // Kent's 2023-25 inspector is not in the sources: that part is no_match.
    let a = engine().answer("Kent grades and who led the Kent inspection?");
    assert_eq!(a.status, Status::NoMatch, "{}", show(&a));
    assert_eq!(a.intent, "overview", "{}", show(&a));
    assert!(shown(&a).contains("do not name who led"), "{}", show(&a));
}

// ------------------------------------------------- list words for single questions

#[test]
fn words_once_listed_for_other_questions_no_longer_decline() {
    let a = expect(
        "Hampshire police in the New Forest",
        Status::Answered,
        &["hampshire-and-isle-of-wight"],
        &[],
    );
    assert_eq!(a.intent, "overview", "{}", show(&a));
    expect(
        "Does Kent train its officers well?",
        Status::Answered,
        &["kent"],
        &[],
    );
    let a = expect(
        "Does Kent match Essex on investigating crime?",
        Status::Answered,
        &["kent", "essex"],
        &["investigating crime"],
    );
    assert_eq!(a.intent, "compare", "{}", show(&a));
}

// ------------------------------------------------- across forces, honestly

#[test]
fn across_older_grade_ruled_out_by_latest_counts_is_not_listed() {
    let a = expect(
        "Which forces are inadequate at responding to the public?",
        Status::Answered,
        &[],
        &["not listed from an older grade"],
    );
    assert!(
        !a.forces.iter().any(|f| f == "greater-manchester"),
        "{}",
        show(&a)
    );
}

// ---------------------------------------------------------------- mechanisms found by the blind sets

/// A passage that names a glossary term another way is found under the
/// term, whichever name the asker uses.
#[test]
fn other_names_of_a_term_find_its_passages() {
    // Notts' return to Scan never says "Engage".
    expect(
        "is notts still in engage",
        Status::Answered,
        &["nottinghamshire"],
        &["scan", "may 2025"],
    );
    for q in [
        "did staffordshire get out of special measures",
        "staffordshire enhanced monitoring",
    ] {
        expect(q, Status::Answered, &["staffordshire"], &["may 2024"]);
    }
}

/// "When" about something the sources date is answered with that date,
/// not the report's publication date.
#[test]
fn when_something_happened_comes_from_the_dated_passage() {
    expect(
        "when did the met leave engage",
        Status::Answered,
        &["metropolitan"],
        &["23 january 2025"],
    );
    expect(
        "when was lincolnshire put into engage?",
        Status::Answered,
        &["lincolnshire"],
        &["6 december 2024"],
    );
    // The report's own date still answers a question about the report.
    expect(
        "When was Suffolk's latest PEEL report published?",
        Status::Answered,
        &["suffolk"],
        &["4 october 2023"],
    );
}

/// A misspelt surname after the person's first name is that person, even
/// when the misspelling is a word or nearer another name.
#[test]
fn misspelt_surnames_after_first_names_are_the_person() {
    let a = expect(
        "what did roy wilshire say about derbyshire in 2022",
        Status::Answered,
        &["derbyshire"],
        &["wilsher"],
    );
    assert!(!a.forces.iter().any(|f| f == "wiltshire"), "{}", show(&a));
    expect(
        "what did rachel swan say about the inspection",
        Status::Answered,
        &["derbyshire"],
        &["swann"],
    );
}

/// Questions about PEEL itself are answered by the glossary entry that
/// tells what was asked, not only the entry a word names.
#[test]
fn questions_about_peel_itself_find_the_entry_that_tells() {
    expect(
        "why were there no peel reports in 2020",
        Status::Answered,
        &[],
        &["covid"],
    );
    expect(
        "what's the difference between scan and engage",
        Status::Answered,
        &[],
        &["scan", "enhanced level of monitoring"],
    );
    // A term's own entry still answers what it is.
    expect(
        "what is a cause of concern",
        Status::Answered,
        &[],
        &["cause of concern"],
    );
}

/// Findings answer "what did inspectors say about X" when no quote holds
/// X and a finding does, rather than quotes sharing only the area's words.
#[test]
fn a_rare_topic_only_findings_hold_is_answered_from_them() {
    expect(
        "what did inspectors say about emotional support dogs",
        Status::Answered,
        &["kent"],
        &["emotional support dogs"],
    );
    // An explicit quote request about a common topic stays quotes.
    let a = expect(
        "quote from the inspectorate about Suffolk's call handling",
        Status::Answered,
        &["suffolk"],
        &["roy wilsher"],
    );
    assert_eq!(a.intent, peelbot::engine::Intent::Quote, "{}", show(&a));
}

/// "Welsh forces" is Wales; "which … forces" asks across them.
#[test]
fn welsh_forces_are_the_forces_of_wales() {
    let a = expect(
        "which welsh forces require improvement at investigating crime?",
        Status::Answered,
        &[],
        &["in wales"],
    );
    for f in &a.forces {
        assert!(
            ["dyfed-powys", "gwent", "north-wales", "south-wales"].contains(&f.as_str()),
            "{f} is not Welsh\n{}",
            show(&a)
        );
    }
}

/// A weakness asked of one area is that area's grade, not every weak area
/// ("is Sussex failing at crime recording": it was graded adequate).
#[test]
fn a_weakness_asked_of_one_area_is_its_grade() {
    for q in [
        "is sussex failing at crime recording",
        "does sussex police need to improve how it records crime?",
    ] {
        let a = expect(
            q,
            Status::Answered,
            &["sussex"],
            &["recording data about crime", "adequate"],
        );
        // Only the area asked about is listed (curators' notes aside).
        assert!(
            a.fields
                .iter()
                .all(|f| !f.name.contains("Investigating crime")),
            "{}",
            show(&a)
        );
    }
}

/// "Then and now" asks how a force changed between inspections.
#[test]
fn then_and_now_asks_for_change() {
    for (q, force) in [
        ("lancs investigating crime then vs now", "lancashire"),
        ("glocestershire then and now", "gloucestershire"),
    ] {
        let a = expect(q, Status::Answered, &[force], &["2021/22", "2023-25"]);
        assert_eq!(a.intent, peelbot::engine::Intent::Change, "{}", show(&a));
    }
}

/// A change answer carries what the inspectorate said about how the force
/// changed, beside the grades, whichever cycle said it; a force's own claims
/// of progress are not the inspectorate's judgement.
#[test]
fn change_answers_carry_what_inspectors_said_about_progress() {
    for (q, force, said) in [
        (
            "has surrey got worse at answering calls",
            "surrey",
            "got worse since",
        ),
        (
            "did derbyshire get better at protecting children online?",
            "derbyshire",
            "protecting children online",
        ),
        (
            "has gmp improved",
            "greater-manchester",
            "significant improvements",
        ),
        ("is essex getting better", "essex", "had improved"),
    ] {
        let a = expect(q, Status::Answered, &[force], &[said]);
        assert_eq!(a.intent, peelbot::engine::Intent::Change, "{}", show(&a));
        assert!(
            a.quotes.iter().all(|r| r.kind != "response"),
            "a force's response shown as the change\n{}",
            show(&a)
        );
    }
}

/// "What did inspectors say X must improve?" asks what X must improve, and
/// the answer carries the inspectorate's own words on it beside the grades.
#[test]
fn what_inspectors_said_must_improve_is_the_areas_with_their_words() {
    for (q, force, words) in [
        (
            "What did inspectors say Cambridgeshire must do better?",
            "cambridgeshire",
            "999 and 101 calls faster",
        ),
        (
            "what did inspectors say leicestershire must improve",
            "leicestershire",
            "requires improvement",
        ),
    ] {
        let a = expect(q, Status::Answered, &[force], &[words]);
        assert_eq!(a.intent, peelbot::engine::Intent::Improve, "{}", show(&a));
    }
}

/// "What did they find?" asks for the inspection's findings beside its
/// grades; "what did they find about X" asks about X.
#[test]
fn findings_asked_for_are_shown_with_the_grades() {
    for (q, force, found) in [
        (
            "who led the surrey inspection and what did they find?",
            "surrey",
            "999 calls",
        ),
        ("hmicrfs derbyshire findings 2022", "derbyshire", "thorough"),
    ] {
        expect(q, Status::Answered, &[force], &[found]);
    }
    let a = expect(
        "What did inspectors find about anti-social behaviour in Essex?",
        Status::Answered,
        &["essex"],
        &[],
    );
    assert_ne!(a.intent, peelbot::engine::Intent::Overview, "{}", show(&a));
}

/// "They", "it", "this force" with no force named and nothing before to
/// take one from: the bot asks which force, offering the same question
/// about one; a later part's "it" is what the part before asked about.
#[test]
fn a_force_meant_but_not_named_asks_which() {
    for q in [
        "what grade did they get for investigating crime",
        "what do they need to improve",
        "who led their inspection",
        "how was it graded for recording crime",
    ] {
        let a = expect(q, Status::Clarify, &[], &["which force"]);
        assert!(!a.suggestions.is_empty(), "{}", show(&a));
    }
    expect(
        "what does PEEL mean and how is it graded",
        Status::Answered,
        &[],
        &["five grades"],
    );
    // With a force named, "they" is that force.
    expect(
        "what grade did derbyshire get for investigating crime and who led their inspection",
        Status::Answered,
        &["derbyshire"],
        &["requires improvement", "wilsher"],
    );
}

/// The future and an office held now are outside every inspection.
#[test]
fn questions_about_the_future_or_now_are_out_of_scope() {
    expect(
        "will lincolnshire come out of engage next year",
        Status::NoMatch,
        &["lincolnshire"],
        &[],
    );
    expect("Is Kent police corrupt?", Status::NoMatch, &["kent"], &[]);
}
