//! The comparison: two to four forces side by side (columns) on the areas of
//! one cycle (rows).

use crate::knowledge::KnowledgeBase;

use super::error::ChartError;
use super::grid::{Cell, Column, Grid, Group, Row};
use super::lookup::{self, area_label};
use super::words::{and_list, data_as_of, Known};
use crate::engine::picture::{ChartKind, CompareSpec, COMPARE_FORCES};

pub fn grid(kb: &KnowledgeBase, spec: &CompareSpec) -> Result<Grid, ChartError> {
    let n = spec.forces.len();
    let distinct = spec
        .forces
        .iter()
        .enumerate()
        .all(|(i, f)| !spec.forces[..i].contains(f));
    if !COMPARE_FORCES.contains(&n) || !distinct {
        return Err(ChartError::ForceCount(n));
    }
    let (ci, cycle) = lookup::cycle(kb, spec.cycle.as_deref())?;
    let forces = spec
        .forces
        .iter()
        .map(|s| lookup::force(kb, s))
        .collect::<Result<Vec<_>, _>>()?;

    let columns = forces
        .iter()
        .map(|f| Column {
            key: f.slug.clone(),
            label: f.short_name().to_string(),
            word: f.short_name().to_string(),
            known: Some(Known::of(f.inspection(ci))),
            focus: false,
        })
        .collect();
    let rows = cycle
        .areas
        .iter()
        .enumerate()
        .map(|(ai, a)| Row {
            key: a.id.clone(),
            label: area_label(a).to_string(),
            sub: None,
            cells: forces.iter().map(|f| Cell::of(f, ci, ai, None)).collect(),
        })
        .collect();
    let names: Vec<&str> = forces.iter().map(|f| f.short_name()).collect();
    Ok(Grid {
        kind: ChartKind::Compare,
        title: format!("{}: {}", and_list(&names), cycle.name),
        as_of: data_as_of(kb),
        subtitle: vec![data_as_of(kb)],
        columns,
        groups: vec![Group { name: None, rows }],
        notes: Vec::new(),
        vertical_headings: false,
        outline: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(forces: &[&str]) -> CompareSpec {
        CompareSpec {
            forces: forces.iter().map(|s| s.to_string()).collect(),
            cycle: None,
        }
    }

    #[test]
    fn compare_forces_are_columns_in_order() {
        let kb = crate::knowledge::load_embedded().unwrap();
        let g = grid(&kb, &spec(&["kent", "essex"])).unwrap();
        let keys: Vec<&str> = g.columns.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["kent", "essex"]);
        assert_eq!(g.rows().count(), kb.cycles[0].areas.len());
        assert!(g.title.starts_with("Kent and Essex"), "{}", g.title);
    }

    #[test]
    fn compare_needs_two_to_four_distinct_forces() {
        let kb = crate::knowledge::load_embedded().unwrap();
        for bad in [
            &["kent"][..],
            &["kent", "kent"],
            &["kent", "essex", "surrey", "sussex", "dorset"],
        ] {
            assert_eq!(
                grid(&kb, &spec(bad)).unwrap_err(),
                ChartError::ForceCount(bad.len())
            );
        }
        assert!(matches!(
            grid(&kb, &spec(&["kent", "atlantis"])),
            Err(ChartError::UnknownForce { .. })
        ));
    }
}
