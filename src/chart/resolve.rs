//! From what a person typed to a spec's ids: forces by any name the engine
//! understands, cycles by name or alias, areas by name, synonym or
//! plain-English keyword, grades by word or initial, regions by name or
//! alias. Front ends call these at the edge and hand typed specs on.

use crate::engine::palette::PALETTE;
use crate::engine::Engine;
use crate::knowledge::{Cycle, Grade, KnowledgeBase};
use crate::text::fold;

use super::error::ChartError;
use super::lookup;

/// The slug of the one force `text` names ("the Met", "GMP", "derbyshre").
pub fn force(engine: &Engine, text: &str) -> Result<String, ChartError> {
    match engine.forces_named(text).as_slice() {
        [] => {
            let near: Vec<String> = engine
                .suggest_forces(text, 3)
                .into_iter()
                .map(|(_, name)| name)
                .collect();
            Err(ChartError::UnknownForce {
                text: text.trim().to_string(),
                hint: if near.is_empty() {
                    " (name it as you would ask: \"Kent\", \"the Met\", \"GMP\")".to_string()
                } else {
                    format!(
                        " (did you mean {}?)",
                        or_list(near.iter().map(String::as_str))
                    )
                },
            })
        }
        [one] => Ok(one.slug.clone()),
        many => Err(ChartError::AmbiguousForce {
            text: text.trim().to_string(),
            names: or_list(many.iter().map(|f| f.name.as_str())),
        }),
    }
}

/// The id of the cycle `text` names ("2021/22", "PEEL 2023-25", "2023-25").
pub fn cycle(kb: &KnowledgeBase, text: &str) -> Result<String, ChartError> {
    let want = fold(text);
    let names = |c: &Cycle| {
        let mut n = vec![fold(&c.name), fold(&c.id), fold(lookup::short_cycle(c))];
        n.extend(c.aliases.iter().map(|a| fold(a)));
        n
    };
    kb.cycles
        .iter()
        .find(|c| !want.is_empty() && names(c).contains(&want))
        .map(|c| c.id.clone())
        .ok_or_else(|| ChartError::UnknownCycle {
            text: text.trim().to_string(),
            known: lookup::cycle_names(kb),
        })
}

/// The id of the area of cycle `cycle_id` (newest when `None`) that `text`
/// names: by its name, short name, a synonym or a keyword ("999 calls"), or
/// when every word of `text` starts a word of exactly one area's names.
pub fn area(engine: &Engine, cycle_id: Option<&str>, text: &str) -> Result<String, ChartError> {
    let kb = engine.knowledge();
    let (_, cycle) = lookup::cycle(kb, cycle_id)?;
    let want = fold(text);
    let names = |ai: usize| {
        let a = &cycle.areas[ai];
        std::iter::once(&a.name)
            .chain(&a.short)
            .chain(&a.synonyms)
            .map(|n| fold(n))
            .collect::<Vec<_>>()
    };
    let keywords = |ai: usize| {
        cycle.areas[ai]
            .keywords
            .iter()
            .map(|k| fold(k))
            .collect::<Vec<_>>()
    };
    let all: Vec<usize> = (0..cycle.areas.len()).collect();
    let exact: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&ai| names(ai).contains(&want))
        .collect();
    let keyword: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&ai| keywords(ai).contains(&want))
        .collect();
    let words: Vec<&str> = want.split(' ').filter(|w| !w.is_empty()).collect();
    let prefix: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&ai| {
            let area_words: Vec<String> = names(ai)
                .iter()
                .chain(&keywords(ai))
                .flat_map(|n| n.split(' ').map(String::from).collect::<Vec<_>>())
                .collect();
            !words.is_empty()
                && words
                    .iter()
                    .all(|w| area_words.iter().any(|aw| aw.starts_with(w)))
        })
        .collect();
    for found in [exact, keyword, prefix] {
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(cycle.areas[*one].id.clone()),
            many => {
                return Err(ChartError::UnknownArea {
                    text: text.trim().to_string(),
                    cycle: cycle.name.clone(),
                    hint: format!(
                        " on its own (it could be {})",
                        or_list(many.iter().map(|&ai| lookup::area_label(&cycle.areas[ai])))
                    ),
                })
            }
        }
    }
    // The engine's fuzzy ranking, kept to areas of this cycle.
    let suggestions: Vec<&str> = engine
        .suggest_areas(text, 3)
        .iter()
        .filter_map(|s| {
            let s = fold(s);
            (0..cycle.areas.len())
                .find(|&ai| names(ai).contains(&s))
                .map(|ai| lookup::area_label(&cycle.areas[ai]))
        })
        .collect();
    Err(ChartError::UnknownArea {
        text: text.trim().to_string(),
        cycle: cycle.name.clone(),
        hint: if suggestions.is_empty() {
            String::new()
        } else {
            format!(" (did you mean {}?)", or_list(suggestions.into_iter()))
        },
    })
}

/// A grade by its word ("requires improvement", "Requires-Improvement") or
/// the palette's initial ("RI").
pub fn grade(text: &str) -> Result<Grade, ChartError> {
    let want = fold(text);
    Grade::parse(&want)
        .or_else(|| {
            PALETTE
                .iter()
                .find(|s| s.grade.is_some() && fold(s.initial) == want)
                .and_then(|s| s.grade)
        })
        .ok_or_else(|| ChartError::UnknownGrade(text.trim().to_string()))
}

/// The name of the region `text` names ("Wales", "East Mids").
pub fn region(kb: &KnowledgeBase, text: &str) -> Result<String, ChartError> {
    lookup::region(kb, text).map(|i| kb.regions[i].name.clone())
}

/// "A, B or C".
fn or_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::EngineConfig;
    use crate::knowledge::load_embedded;

    fn engine() -> Engine {
        Engine::new(load_embedded().unwrap(), &EngineConfig::default())
    }

    #[test]
    fn resolve_force_by_nickname_and_typo() {
        let e = engine();
        assert_eq!(force(&e, "the Met").unwrap(), "metropolitan");
        assert_eq!(force(&e, "derbyshre").unwrap(), "derbyshire");
        assert!(matches!(
            force(&e, "Atlantis"),
            Err(ChartError::UnknownForce { .. })
        ));
        let yorkshire = force(&e, "Yorkshire").unwrap_err().to_string();
        assert!(yorkshire.contains("West Yorkshire Police"), "{yorkshire}");
    }

    #[test]
    fn resolve_cycle_by_alias() {
        let kb = load_embedded().unwrap();
        assert_eq!(cycle(&kb, "2021/22").unwrap(), "2021-22");
        assert_eq!(cycle(&kb, "PEEL 2023-25").unwrap(), "2023-25");
        let e = cycle(&kb, "1066").unwrap_err().to_string();
        assert!(e.contains("2023-25, 2021/22"), "{e}");
    }

    #[test]
    fn resolve_area_by_name_keyword_and_prefix() {
        let e = engine();
        assert_eq!(
            area(&e, None, "Responding to the public").unwrap(),
            "responding-to-the-public"
        );
        assert_eq!(area(&e, None, "999").unwrap(), "responding-to-the-public");
        assert_eq!(
            area(&e, None, "999 calls").unwrap(),
            "responding-to-the-public"
        );
        assert_eq!(
            area(&e, None, "vulnerable").unwrap(),
            "protecting-vulnerable-people"
        );
        assert_eq!(
            area(&e, Some("2021-22"), "use of resources").unwrap(),
            "strategic-planning-and-value-for-money"
        );
        let err = area(&e, None, "respnding").unwrap_err().to_string();
        assert!(
            err.contains("did you mean Responding to the public"),
            "{err}"
        );
        // Supporting victims was an area only in 2021/22.
        assert!(area(&e, None, "supporting victims").is_err());
    }

    #[test]
    fn resolve_grade_by_word_or_initial() {
        assert_eq!(
            grade("Requires improvement").unwrap(),
            Grade::RequiresImprovement
        );
        assert_eq!(
            grade("requires-improvement").unwrap(),
            Grade::RequiresImprovement
        );
        assert_eq!(grade("RI").unwrap(), Grade::RequiresImprovement);
        assert_eq!(grade("inadequate").unwrap(), Grade::Inadequate);
        assert!(grade("gud").is_err());
    }

    #[test]
    fn resolve_or_list_forms() {
        assert_eq!(or_list(["A"].into_iter()), "A");
        assert_eq!(or_list(["A", "B", "C"].into_iter()), "A, B or C");
        assert_eq!(or_list(["A and B", "C"].into_iter()), "A and B or C");
    }
}
