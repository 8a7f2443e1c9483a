//! The answer as data, verdict first (issue 10), over the whole base: every
//! force's overview has a headline without an unknown-date phrase, grade
//! rows, the curators' notes kept out of the text, and stays short; quotes
//! are dated from their own evidence and each sentence is shown once.

use std::sync::OnceLock;

use peelbot::config::EngineConfig;
use peelbot::engine::{Answer, Engine, Status};
use peelbot::knowledge::same_sentence;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let kb = peelbot::knowledge::load_embedded().expect("embedded knowledge loads");
        Engine::new(kb, &EngineConfig::default())
    })
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Phrases that say a date is not known: never in a headline.
const UNKNOWN_DATE: &[&str] = &["not in our sources", "date unknown", "not known", "undated"];

#[test]
fn every_overview_has_a_headline_grade_rows_and_no_notes_in_its_text() {
    let e = engine();
    let mut lengths = Vec::new();
    for force in &e.knowledge().forces {
        let a = e.answer(&format!("All grades for {}", force.name));
        let shown = format!("{}\n{}", a.headline, a.text);
        assert_eq!(a.status, Status::Answered, "{shown}");
        assert_eq!(a.forces.first(), Some(&force.slug), "{shown}");
        assert!(
            a.headline.starts_with(&format!("{}: ", force.name)),
            "{shown}"
        );
        assert!(a.text.starts_with(&a.headline), "verdict first:\n{shown}");
        for p in UNKNOWN_DATE {
            assert!(!a.headline.contains(p), "{p:?} in {:?}", a.headline);
        }
        // The headline names the inspection shown, and its date when known.
        let ins = force
            .inspections
            .iter()
            .find(|i| {
                a.headline
                    .contains(&format!("({}", e.knowledge().cycles[i.cycle].name))
            })
            .unwrap_or_else(|| panic!("no cycle named:\n{shown}"));
        if let Some(d) = ins.published {
            assert!(a.headline.contains(&d.long()), "{shown}");
        }
        assert!(!a.grades.is_empty(), "no grade rows:\n{shown}");
        for g in &a.grades {
            assert_eq!(g.force, force.slug);
            assert!(g.source.starts_with("https://"), "{g:?}");
            // Each row's grade is on the answer's text.
            assert!(
                a.text
                    .to_lowercase()
                    .contains(&g.grade.label().to_lowercase()),
                "{g:?} not shown:\n{shown}"
            );
        }
        // Curators' notes are data, not text.
        for note in force
            .note
            .iter()
            .chain(force.inspections.iter().filter_map(|i| i.note.as_ref()))
        {
            let opening: String = note.chars().take(60).collect();
            assert!(
                !a.text.contains(&opening),
                "a curator's note is in the text:\n{shown}"
            );
        }
        if ins.note.is_some() {
            assert!(!a.notes.is_empty(), "the note is lost:\n{shown}");
        }
        assert!(!a.text.contains("worded by the source"), "{shown}");
        lengths.push(words(&a.text));
    }
    assert_eq!(lengths.len(), 43);
    lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    assert!(
        median < 150,
        "median overview is {median} words: {lengths:?}"
    );
}

#[test]
fn notes_are_shown_when_asked_for() {
    let e = engine();
    let kent = e.knowledge().force("kent").unwrap();
    let note = kent.inspections[0].note.as_deref().unwrap();
    let opening: String = note.chars().take(40).collect();
    let plain = e.answer("All grades for Kent");
    assert!(!plain.text.contains(&opening), "{}", plain.text);
    let asked = e.answer("notes for Kent");
    assert!(asked.text.contains("Curators' notes:"), "{}", asked.text);
    assert!(asked.text.contains(&opening), "{}", asked.text);
    let mut flagged = plain.clone();
    flagged.show_notes();
    assert!(flagged.text.contains(&opening));
}

#[test]
fn an_overview_shows_one_cycle_and_says_what_the_other_holds() {
    let e = engine();
    let a = e.answer("All grades for the Met");
    // The latest cycle's grades, and one line for the other cycle.
    assert!(a.grades.iter().all(|g| g.cycle == "PEEL 2023-25"), "{a:?}");
    assert!(
        a.text.contains("Also in our sources: PEEL 2021/22"),
        "{}",
        a.text
    );
    assert!(a.text.contains("cannot be compared directly"), "{}", a.text);
    assert!(
        !a.text.contains("Queen"),
        "a curator's note leaked:\n{}",
        a.text
    );
    // Asked for the older cycle: that one, the newer one only mentioned.
    let old = e.answer("Met police grades 2021/22");
    assert!(
        old.grades.iter().all(|g| g.cycle == "PEEL 2021/22"),
        "{old:?}"
    );
    assert!(!old.grades.is_empty());
    assert!(old.text.contains("a newer inspection"), "{}", old.text);
    assert!(!old.text.contains("PEEL 2023-25"), "{}", old.text);
}

#[test]
fn the_headline_gives_the_verdict_in_counts() {
    let e = engine();
    let met = e.answer("All grades for the Met");
    assert_eq!(
        met.headline,
        "Metropolitan Police Service: 7 of 8 areas need improvement, 2 of them inadequate (PEEL 2023-25)"
    );
    let derbyshire = e.answer("All grades for Derbyshire");
    assert!(
        derbyshire
            .headline
            .starts_with("Derbyshire Constabulary: 4 of 8 areas require improvement (PEEL 2023-25"),
        "{}",
        derbyshire.headline
    );
}

/// The quote rows of an answer, by speaker.
fn said_of(a: &Answer, speaker: &str) -> Vec<Option<String>> {
    a.quotes
        .iter()
        .filter(|q| q.speaker == speaker)
        .map(|q| q.said.clone())
        .collect()
}

#[test]
fn quotes_carry_the_day_they_were_said() {
    let e = engine();
    let wm = e.answer("How did West Midlands Police respond?");
    assert_eq!(
        said_of(&wm, "Craig Guildford"),
        vec![Some("2023-11-24".into())],
        "{}",
        wm.text
    );
    assert_eq!(
        said_of(&wm, "Simon Foster"),
        vec![Some("2023-11-28".into())],
        "{}",
        wm.text
    );
    assert!(wm.text.contains("24 November 2023"), "{}", wm.text);
    assert!(!wm.text.contains("22 December 2023"), "{}", wm.text);
    let lincs = e.answer("What did Roy Wilsher say about Lincolnshire?");
    assert!(
        lincs
            .quotes
            .iter()
            .any(|q| q.text.contains("Engage") && q.said.as_deref() == Some("2024-12-06")),
        "{:?}",
        lincs.quotes
    );
    assert!(!lincs.text.contains("14 May 2025"), "{}", lincs.text);
    // One sentence printed by the force (its URL gives only the month) and
    // by the BBC (dated the day): the day.
    let swann = e.answer("What did Rachel Swann say about areas of improvement?");
    let q = swann
        .quotes
        .iter()
        .find(|q| q.text.starts_with("There are a number of areas"))
        .unwrap_or_else(|| panic!("{}", swann.text));
    assert_eq!(q.said.as_deref(), Some("2022-11-25"), "{q:?}");
    let jones = e.answer("What did Marc Jones say?");
    assert_eq!(said_of(&jones, "Marc Jones"), vec![Some("2024-12".into())]);
    assert!(jones.text.contains("December 2024"), "{}", jones.text);
}

#[test]
fn no_quote_is_dated_after_its_page() {
    // Whatever the evidence, words cannot have been said after the page
    // that printed them.
    for f in &engine().knowledge().forces {
        for ins in &f.inspections {
            for q in &ins.quotes {
                let (Some(said), Some(page)) = (q.said, q.published) else {
                    continue;
                };
                assert!(!said.after(page), "{}: {q:?}", f.slug);
            }
        }
    }
}

#[test]
fn no_answer_shows_two_wordings_of_one_sentence() {
    let e = engine();
    let kb = e.knowledge();
    // In the base: one quote per sentence in each inspection.
    for f in &kb.forces {
        for ins in &f.inspections {
            for (i, a) in ins.quotes.iter().enumerate() {
                for b in &ins.quotes[i + 1..] {
                    assert!(
                        a.speaker != b.speaker || !same_sentence(&a.text, &b.text),
                        "{}: {:?} / {:?}",
                        f.slug,
                        a.text,
                        b.text
                    );
                }
            }
        }
    }
    // In answers: every force's quotes and responses.
    for f in &kb.forces {
        for q in [
            format!("What did the inspector say about {}?", f.name),
            format!("How did {} respond?", f.name),
            format!("quotes about {}", f.name),
        ] {
            let a = e.answer(&q);
            for (i, x) in a.quotes.iter().enumerate() {
                for y in &a.quotes[i + 1..] {
                    assert!(
                        !same_sentence(&x.text, &y.text),
                        "{q}: {:?} / {:?}",
                        x.text,
                        y.text
                    );
                }
            }
        }
    }
}

#[test]
fn a_merged_quote_shows_the_longest_wording_and_cites_every_outlet() {
    let a = engine().answer("What did Roy Wilsher say about Derbyshire's legacy issues?");
    let q = a
        .quotes
        .iter()
        .find(|q| q.text.contains("underestimate"))
        .unwrap_or_else(|| panic!("{}", a.text));
    assert!(q.text.starts_with("I don't underestimate"), "{q:?}");
    assert!(q.text.ends_with("still needs to improve."), "{q:?}");
    assert_eq!(a.text.matches("underestimate").count(), 1, "{}", a.text);
    let bbc = "https://www.bbc.co.uk/news/uk-england-derbyshire-63744683";
    assert!(q.sources.iter().any(|s| s == bbc), "{q:?}");
    assert!(q.sources.iter().any(|s| s.contains("wired-gov")), "{q:?}");
    // Each outlet is cited for the words it printed.
    let cited = |url: &str| {
        a.citations
            .iter()
            .find(|c| c.url == url)
            .and_then(|c| c.quote.clone())
            .unwrap_or_default()
    };
    assert!(cited(bbc).starts_with("I don't underestimate"));
    let wired = q.sources.iter().find(|s| s.contains("wired-gov")).unwrap();
    assert!(
        cited(wired).starts_with("I do not underestimate"),
        "{:?}",
        a.citations
    );
    let c = a.citations.iter().find(|c| c.url == bbc).unwrap();
    assert_eq!(c.force.as_deref(), Some("derbyshire"));
    assert_eq!(c.cycle.as_deref(), Some("PEEL 2021/22"));
}

#[test]
fn json_carries_the_new_fields() {
    let a = engine().answer("All grades for Derbyshire");
    let v = serde_json::to_value(&a).unwrap();
    for key in ["headline", "grades", "quotes", "notes"] {
        assert!(v.get(key).is_some(), "{key} missing: {v}");
    }
    let row = &v["grades"][0];
    for key in [
        "force",
        "cycle",
        "area",
        "area_as_worded",
        "grade",
        "source",
    ] {
        assert!(row.get(key).is_some(), "{key} missing: {row}");
    }
    assert!(v["citations"][0].get("force").is_some());
    assert!(v["citations"][0].get("cycle").is_some());
    let q = serde_json::to_value(engine().answer("What did Marc Jones say?")).unwrap();
    let row = &q["quotes"][0];
    for key in ["speaker", "role", "kind", "text", "said", "sources"] {
        assert!(row.get(key).is_some(), "{key} missing: {row}");
    }
}

#[test]
fn all_grades_for_all_forces_is_answered_in_brief_with_the_heatmap() {
    let a = engine().answer("all grades for all forces");
    assert_eq!(a.status, Status::Answered, "{}", a.text);
    assert!(
        a.headline.starts_with("All 43 forces, PEEL 2023-25: "),
        "{}",
        a.headline
    );
    assert_eq!(a.chart.as_ref().map(|c| c.kind().name()), Some("heatmap"));
    // The worst grades are named, with rows for each.
    assert!(a.text.contains("Graded inadequate: "), "{}", a.text);
    assert!(a
        .grades
        .iter()
        .any(|g| g.grade == peelbot::knowledge::Grade::Inadequate));
    assert!(words(&a.text) < 400, "{}", a.text);
    // Asked about one force, its report card; two, a comparison; a quote, none.
    let kind = |q: &str| engine().answer(q).chart.map(|c| c.kind().name());
    assert_eq!(kind("Has Derbyshire improved since 2021/22?"), Some("card"));
    assert_eq!(kind("Compare Essex and Kent"), Some("compare"));
    assert_eq!(kind("What did Roy Wilsher say about Derbyshire?"), None);
    assert_eq!(kind("Which forces?"), None);
}
