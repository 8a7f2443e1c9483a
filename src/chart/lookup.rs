//! From a spec's ids to the knowledge base's entries: the one place a
//! picture builder checks that what it was asked for exists.

use crate::knowledge::{Cycle, Force, KnowledgeBase};
use crate::text::fold;

use super::error::ChartError;

/// The cycle with this id, or the newest cycle for `None`, with its index.
pub fn cycle<'a>(
    kb: &'a KnowledgeBase,
    id: Option<&str>,
) -> Result<(usize, &'a Cycle), ChartError> {
    let found = match id {
        None => kb.cycles.first().map(|c| (0, c)),
        Some(id) => kb.cycles.iter().enumerate().find(|(_, c)| c.id == id),
    };
    match (found, id) {
        (Some(f), _) => Ok(f),
        (None, None) => Err(ChartError::NoCycles),
        (None, Some(id)) => Err(ChartError::UnknownCycle {
            text: id.to_string(),
            known: cycle_names(kb),
        }),
    }
}

/// The names of every cycle, newest first, for error messages.
pub fn cycle_names(kb: &KnowledgeBase) -> String {
    let names: Vec<&str> = kb.cycles.iter().map(short_cycle).collect();
    names.join(", ")
}

/// "2023-25" for "PEEL 2023-25": how column headings and alt text name a cycle.
pub fn short_cycle(c: &Cycle) -> &str {
    c.name.strip_prefix("PEEL ").unwrap_or(&c.name)
}

/// The index of the area with this id in a cycle.
pub fn area(cycle: &Cycle, id: &str) -> Result<usize, ChartError> {
    cycle
        .areas
        .iter()
        .position(|a| a.id == id)
        .ok_or_else(|| ChartError::UnknownArea {
            text: id.to_string(),
            cycle: cycle.name.clone(),
            hint: String::new(),
        })
}

/// The force with this slug.
pub fn force<'a>(kb: &'a KnowledgeBase, slug: &str) -> Result<&'a Force, ChartError> {
    kb.force(slug).ok_or_else(|| ChartError::UnknownForce {
        text: slug.to_string(),
        hint: String::new(),
    })
}

/// The index of the region with this name or alias (folded), if exactly one
/// region has it.
pub fn region(kb: &KnowledgeBase, name: &str) -> Result<usize, ChartError> {
    let want = fold(name);
    let by_name = kb.regions.iter().position(|r| fold(&r.name) == want);
    let by_alias = || {
        let hits: Vec<usize> = (0..kb.regions.len())
            .filter(|&i| kb.regions[i].aliases.iter().any(|a| fold(a) == want))
            .collect();
        (hits.len() == 1).then(|| hits[0])
    };
    by_name
        .or_else(by_alias)
        .ok_or_else(|| ChartError::UnknownRegion {
            text: name.to_string(),
            known: kb
                .regions
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// A short label for an area: its plain-English short name, else its name.
pub fn area_label(a: &crate::knowledge::Area) -> &str {
    a.short.as_deref().unwrap_or(&a.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::load_embedded;

    #[test]
    fn lookup_cycle_newest_by_default_and_by_id() {
        let kb = load_embedded().unwrap();
        assert_eq!(cycle(&kb, None).unwrap().1.id, kb.cycles[0].id);
        assert_eq!(cycle(&kb, Some("2021-22")).unwrap().0, 1);
        let e = cycle(&kb, Some("1999")).unwrap_err().to_string();
        assert!(e.contains("1999") && e.contains("2021/22"), "{e}");
    }

    #[test]
    fn lookup_region_by_name_or_unique_alias() {
        let kb = load_embedded().unwrap();
        let wales = region(&kb, "wales").unwrap();
        assert_eq!(kb.regions[wales].name, "Wales");
        assert_eq!(region(&kb, "Cymru").unwrap(), wales);
        // "Midlands" means two regions: not one region's rows.
        assert!(region(&kb, "Midlands").is_err());
    }
}
