//! The report card: one force's grades, the newest cycle beside the one
//! before it, each area beside the area it succeeds (`Area::succeeds`, as the
//! engine's area families follow it), with HMICFRS's caution that grades
//! across cycles are not directly comparable printed under it.

use crate::knowledge::KnowledgeBase;

use super::error::ChartError;
use super::grid::{Cell, Column, Grid, Group, Row};
use super::lookup::{self, area_label, short_cycle};
use super::words::{data_as_of, Known};
use crate::engine::picture::{CardSpec, ChartKind};

/// How many cycles a card shows, newest first.
const CYCLES: usize = 2;

/// Printed when the newest cycle carries no note of its own.
const CAUTION: &str = "HMICFRS says grades from different PEEL cycles cannot be compared directly.";

pub fn grid(kb: &KnowledgeBase, spec: &CardSpec) -> Result<Grid, ChartError> {
    let force = lookup::force(kb, &spec.force)?;
    if kb.cycles.is_empty() {
        return Err(ChartError::NoCycles);
    }
    let shown = kb.cycles.len().min(CYCLES);

    // One row per area family: each newest area with its predecessors, then
    // the older cycles' areas that nothing succeeds (e.g. Supporting victims).
    // `chain[c]` is the area index in cycle c.
    let mut chains: Vec<Vec<Option<usize>>> = Vec::new();
    for (ai, _) in kb.cycles[0].areas.iter().enumerate() {
        let mut chain = vec![Some(ai)];
        for c in 1..shown {
            let prev = chain[c - 1].and_then(|a| kb.cycles[c - 1].areas[a].succeeds);
            chain.push(prev);
        }
        chains.push(chain);
    }
    for c in 1..shown {
        for ai in 0..kb.cycles[c].areas.len() {
            if !chains.iter().any(|ch| ch[c] == Some(ai)) {
                let mut chain = vec![None; shown];
                chain[c] = Some(ai);
                for older in c + 1..shown {
                    chain[older] =
                        chain[older - 1].and_then(|a| kb.cycles[older - 1].areas[a].succeeds);
                }
                chains.push(chain);
            }
        }
    }

    let rows = chains
        .iter()
        .map(|chain| {
            let names: Vec<(usize, &str)> = chain
                .iter()
                .enumerate()
                .filter_map(|(c, a)| a.map(|a| (c, area_label(&kb.cycles[c].areas[a]))))
                .collect();
            let (first_cycle, label) = names[0];
            // Name an older area under the row when it was called something else.
            let sub = names
                .iter()
                .find(|(_, n)| crate::text::fold(n) != crate::text::fold(label))
                .map(|(c, n)| format!("{}: {n}", short_cycle(&kb.cycles[*c])));
            Row {
                key: kb.cycles[first_cycle].areas[chain[first_cycle].unwrap_or(0)]
                    .id
                    .clone(),
                label: label.to_string(),
                sub,
                cells: chain
                    .iter()
                    .enumerate()
                    .map(|(c, a)| match a {
                        None => Cell::Absent,
                        Some(a) => Cell::of(force, c, *a, None),
                    })
                    .collect(),
            }
        })
        .collect();

    let columns = kb.cycles[..shown]
        .iter()
        .enumerate()
        .map(|(c, cycle)| Column {
            key: cycle.id.clone(),
            label: cycle.name.clone(),
            word: short_cycle(cycle).to_string(),
            known: Some(Known::of(force.inspection(c))),
            focus: false,
        })
        .collect();
    let notes = if shown > 1 {
        vec![kb.cycles[0]
            .note
            .clone()
            .unwrap_or_else(|| CAUTION.to_string())]
    } else {
        Vec::new()
    };
    Ok(Grid {
        kind: ChartKind::Card,
        title: format!("{}: PEEL grades", force.name),
        as_of: data_as_of(kb),
        subtitle: vec![data_as_of(kb)],
        columns,
        groups: vec![Group { name: None, rows }],
        notes,
        vertical_headings: false,
        outline: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{load_embedded, Grade};

    fn row<'a>(g: &'a Grid, key: &str) -> &'a Row {
        g.rows().find(|r| r.key == key).unwrap()
    }

    #[test]
    fn card_pairs_each_area_with_its_predecessor() {
        let kb = load_embedded().unwrap();
        let g = grid(
            &kb,
            &CardSpec {
                force: "derbyshire".into(),
            },
        )
        .unwrap();
        assert_eq!(g.columns.len(), 2);
        // Leadership (2023-25) succeeds Good use of resources (2021/22): one row.
        let lead = row(&g, "leadership-and-force-management");
        assert_eq!(lead.sub.as_deref(), Some("2021/22: Good use of resources"));
        assert_eq!(lead.cells[1].shown(), Some(Grade::RequiresImprovement));
        // An area with no successor keeps its own row, absent from the newer cycle.
        let victims = row(&g, "supporting-victims");
        assert_eq!(victims.cells[0], Cell::Absent);
        // Every older area appears once: beside its successor or on its own row.
        let unsucceeded = (0..kb.cycles[1].areas.len())
            .filter(|ai| !kb.cycles[0].areas.iter().any(|a| a.succeeds == Some(*ai)))
            .count();
        assert_eq!(g.rows().count(), kb.cycles[0].areas.len() + unsucceeded);
        assert!(g.notes[0].contains("cannot be compared"), "{:?}", g.notes);
    }

    #[test]
    fn card_unknown_force_is_an_error() {
        let kb = load_embedded().unwrap();
        let e = grid(
            &kb,
            &CardSpec {
                force: "atlantis".into(),
            },
        )
        .unwrap_err();
        assert!(matches!(e, ChartError::UnknownForce { text, .. } if text == "atlantis"));
    }
}
